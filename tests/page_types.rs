//! Page types on hand-written Vietnamese pages (tests/fixtures/page_types, expected type in
//! expected.tsv): home, section, tag, search and archive listings, contact, gallery, video
//! and service pages, and articles — a 3-paragraph brief among them — in several layouts;
//! and how `extract`, `index` report what is not an article.

use std::path::{Path, PathBuf};
use std::process::Command;

use baochi::extract::page_type::PageType;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/page_types")
}

fn expected() -> Vec<(String, PageType)> {
    let text = std::fs::read_to_string(dir().join("expected.tsv")).unwrap();
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut c = l.split('\t');
            let file = c.next().unwrap().to_string();
            let t = match c.next().unwrap() {
                "article" => PageType::Article,
                "listing" => PageType::Listing,
                "other" => PageType::Other,
                x => panic!("{file}: unknown type {x}"),
            };
            (file, t)
        })
        .collect()
}

fn decided(path: &Path) -> (PageType, String) {
    let recs = baochi::extract::from_path(path, None).unwrap();
    assert_eq!(recs.len(), 1, "{}", path.display());
    (recs[0].page_type, recs[0].page_type_reason.clone())
}

#[test]
fn every_article_fixture_stays_an_article() {
    // The articles of both fixture sets, the short brief among them: an article lost here
    // is lost to every search.
    let mut paths: Vec<PathBuf> = expected()
        .into_iter()
        .filter(|(_, t)| *t == PageType::Article)
        .map(|(f, _)| dir().join(f))
        .collect();
    let pages = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages");
    for e in std::fs::read_dir(&pages).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "html") {
            paths.push(p);
        }
    }
    assert!(paths.len() >= 12);
    for p in paths {
        let (t, why) = decided(&p);
        assert_eq!(t, PageType::Article, "{}: {why}", p.display());
    }
}

#[test]
fn listings_and_other_pages_are_recognised() {
    let mut wrong_kind = Vec::new();
    let mut taken_for_articles = Vec::new();
    let mut non_articles = 0;
    for (file, want) in expected() {
        if want == PageType::Article {
            continue;
        }
        non_articles += 1;
        let (got, why) = decided(&dir().join(&file));
        if got == PageType::Article {
            taken_for_articles.push(format!("{file}: {why}"));
        } else if got != want {
            wrong_kind.push(format!("{file}: {got} ({why}), expected {want}"));
        }
    }
    assert!(non_articles >= 12);
    // Known miss: an "about" page of short prose paragraphs reads like an article.
    assert!(
        taken_for_articles.len() <= 1,
        "non-articles taken for articles: {taken_for_articles:#?}"
    );
    assert!(
        wrong_kind.len() + taken_for_articles.len() <= 3,
        "{wrong_kind:#?} {taken_for_articles:#?}"
    );
}

#[test]
fn section_pages_say_why_they_are_listings() {
    let (t, why) = decided(&dir().join("section_xay_dung_dang.html"));
    assert_eq!(t, PageType::Listing);
    assert!(
        why.contains("paragraphs stand under a linked headline"),
        "{why}"
    );
    let (t, why) = decided(&dir().join("contact_lien_he.html"));
    assert_eq!(t, PageType::Other);
    assert!(why.contains("form of"), "{why}");
}

fn baochi() -> Command {
    Command::new(env!("CARGO_BIN_EXE_baochi"))
}

#[test]
fn extract_reports_non_articles_and_all_prints_them() {
    let listing = dir().join("section_xay_dung_dang.html");
    let article = dir().join("article_brief.html");
    let out = baochi()
        .args(["extract"])
        .arg(&listing)
        .arg(&article)
        .output()
        .unwrap();
    assert!(out.status.success(), "non-articles alone are not errors");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    let rec: serde_json::Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    assert_eq!(rec["page_type"], "article");
    assert!(
        stderr.contains(&format!(
            "baochi: {}: not an article (listing: ",
            listing.display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 record from 2 inputs, 1 not article, 0 skipped"),
        "{stderr}"
    );

    let out = baochi()
        .args(["extract", "--all"])
        .arg(&listing)
        .arg(&article)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let types: Vec<String> = stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["page_type"].to_string())
        .collect();
    assert_eq!(types, ["\"listing\"", "\"article\""]);
}

#[test]
fn index_keeps_non_articles_out() {
    let data = tempfile::tempdir().unwrap();
    let input = tempfile::tempdir().unwrap();
    for f in [
        "home_baobacgiang.html",
        "tag_nghi_quyet_tw4.html",
        "contact_lien_he.html",
        "article_brief.html",
        "article_portal_table.html",
    ] {
        std::fs::copy(dir().join(f), input.path().join(f)).unwrap();
    }
    let out = baochi()
        .arg("--data")
        .arg(data.path())
        .arg("index")
        .arg(input.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "indexed 2 articles (2 new, 0 replaced), 3 not articles (2 listing, 1 other), skipped 0"
        ),
        "{stderr}"
    );
    // A listing's teasers repeat the words of the articles; only the articles answer.
    let out = baochi()
        .arg("--data")
        .arg(data.path())
        .args(["search", "--json", "--limit", "50", "dang"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let titles: Vec<String> = stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["title"].to_string())
        .collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
}
