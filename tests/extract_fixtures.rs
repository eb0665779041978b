//! Body extraction measured on hand-written pages of several layouts and languages
//! (tests/fixtures/pages/*.html, expected record in the `.json` beside each): token F1 of
//! the body per page and over all pages, and the metadata.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Tokens as the yardstick counts them: runs of letters, digits and `_`, lower case.
fn tokens(s: &str) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for t in baochi::text::normalize(s)
        .to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
    {
        *m.entry(t.to_string()).or_insert(0) += 1;
    }
    m
}

fn token_f1(gold: &str, got: &str) -> f64 {
    let (g, p) = (tokens(gold), tokens(got));
    let common: usize = g
        .iter()
        .map(|(t, n)| (*n).min(*p.get(t).unwrap_or(&0)))
        .sum();
    if common == 0 {
        return 0.0;
    }
    let pr = common as f64 / p.values().sum::<usize>() as f64;
    let rc = common as f64 / g.values().sum::<usize>() as f64;
    2.0 * pr * rc / (pr + rc)
}

fn fixtures() -> Vec<(PathBuf, serde_json::Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "html") {
            let json = path.with_extension("json");
            let gold: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
            out.push((path, gold));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn body_token_f1_over_fixtures() {
    let fx = fixtures();
    assert!(fx.len() >= 7, "fixtures missing");
    let mut sum = 0.0;
    let mut report = String::new();
    for (path, gold) in &fx {
        let recs = baochi::extract::from_path(path, None).unwrap();
        assert_eq!(recs.len(), 1);
        let want: Vec<&str> = gold["body"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        let f1 = token_f1(&want.join("\n\n"), &recs[0].body);
        report.push_str(&format!(
            "{}: {f1:.3}\n",
            path.file_name().unwrap().to_string_lossy()
        ));
        assert!(
            f1 >= 0.9,
            "{}: body F1 {f1:.3}\n{}",
            path.display(),
            recs[0].body
        );
        sum += f1;
    }
    let mean = sum / fx.len() as f64;
    eprintln!("{report}mean body token F1: {mean:.4}");
    assert!(
        mean >= 0.97,
        "mean body token F1 {mean:.4} under the floor\n{report}"
    );
}

#[test]
fn metadata_of_fixtures() {
    for (path, gold) in fixtures() {
        let r = &baochi::extract::from_path(&path, None).unwrap()[0];
        let name = path.display();
        assert_eq!(r.title.as_deref(), gold["title"].as_str(), "{name}: title");
        assert_eq!(
            r.published.as_deref(),
            gold["published"].as_str(),
            "{name}: published"
        );
        assert_eq!(
            r.author.as_deref(),
            gold["author"].as_str(),
            "{name}: author"
        );
    }
}

#[test]
fn paragraphs_are_separated_by_blank_lines() {
    for (path, gold) in fixtures() {
        let r = &baochi::extract::from_path(&path, None).unwrap()[0];
        let want = gold["body"].as_array().unwrap().len();
        let got = r.body.split("\n\n").count();
        assert_eq!(got, want, "{}: paragraph count", path.display());
        assert!(!r.body.contains("\n\n\n"));
    }
}

#[test]
fn f1_of_the_measure_itself() {
    assert!((token_f1("a b c", "a b c") - 1.0).abs() < 1e-9);
    assert_eq!(token_f1("a b", "c d"), 0.0);
    assert!((token_f1("a b c d", "a b") - 2.0 / 3.0).abs() < 1e-9);
}
