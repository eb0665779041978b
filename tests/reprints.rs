//! Reprints: the same story in several papers is linked to its earliest copy when indexed,
//! counted once in hits, facets, trend and report, and listed in full with `all_copies`.

use baochi::index::{Index, SearchRequest};
use baochi::record::Record;
use std::collections::BTreeMap;

/// The body of a bundled seed article (its page chrome included, as a crawl would see it).
fn seed(n: usize) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seeds");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus/seeds")
        .map(|e| e.expect("entry").path())
        .collect();
    names.sort();
    std::fs::read_to_string(&names[n]).expect("seed text")
}

fn rec(host: &str, path: &str, published: &str, province: &str, body: String) -> Record {
    Record {
        url: Some(format!("https://{host}/{path}")),
        source: Some(host.to_string()),
        title: Some(format!("{path} ({host})")),
        published: Some(published.to_string()),
        province: Some(province.to_string()),
        province_now: Some(province.to_string()),
        body,
        ..Default::default()
    }
}

/// Another paper's copy: its own chrome before and after the same text.
fn with_chrome(body: &str) -> String {
    format!(
        "Trang chủ | Thời sự | Xây dựng Đảng | Kinh tế | Văn hóa | Thể thao\n\n{body}\n\n\
         Tin liên quan\n\nBình luận (0) Chia sẻ Facebook Zalo In bài\n\n\
         Tòa soạn: số 1 đường Lê Lợi. Giấy phép số 123/GP-BTTTT. Ghi rõ nguồn khi phát hành lại."
    )
}

/// The copy without its first paragraph (a trimmed lead).
fn trimmed(body: &str) -> String {
    let paras: Vec<&str> = body.split("\n\n").collect();
    paras[2..].join("\n\n")
}

struct Story {
    first: Record,
    early: Record,
    trimmed: Record,
    other: Record,
}

fn story() -> Story {
    let text = seed(0);
    Story {
        first: rec(
            "baothanhhoa.vn",
            "bim-son",
            "2013-03-02",
            "Thanh Hóa",
            text.clone(),
        ),
        early: rec(
            "dangcongsan.vn",
            "bim-son-nq4",
            "2013-03-01",
            "Thanh Hóa",
            with_chrome(&text),
        ),
        trimmed: rec(
            "baonghean.vn",
            "thanh-hoa-bim-son",
            "2013-03-05",
            "Nghệ An",
            trimmed(&text),
        ),
        other: rec("baothanhhoa.vn", "khac", "2013-03-03", "Thanh Hóa", seed(1)),
    }
}

fn links(index: &Index) -> BTreeMap<String, Option<String>> {
    let mut out = BTreeMap::new();
    let every = SearchRequest {
        all_copies: true,
        ..Default::default()
    };
    index
        .for_each_record(Some(&every), &mut |id, rec| {
            out.insert(id.to_string(), rec.duplicate_of);
            Ok(())
        })
        .expect("walk");
    out
}

fn index_in_commits(batches: &[&[&Record]]) -> Index {
    let index = Index::in_memory().expect("index");
    let mut w = index.writer_with(1, 15 << 20).expect("writer");
    for batch in batches {
        for r in *batch {
            w.upsert(r).expect("upsert");
        }
        w.commit().expect("commit");
    }
    index
}

#[test]
fn copies_link_to_the_earliest_whatever_the_order_they_come_in() {
    let s = story();
    let (first, early, trimmed, other) = (s.first.id(), s.early.id(), s.trimmed.id(), s.other.id());
    let want: BTreeMap<String, Option<String>> = [
        (first.clone(), Some(early.clone())),
        (early.clone(), None),
        (trimmed.clone(), Some(early.clone())),
        (other.clone(), None),
    ]
    .into_iter()
    .collect();
    // The earliest copy comes last, in a later commit: the others are linked again to it.
    let a = index_in_commits(&[&[&s.first, &s.trimmed], &[&s.other, &s.early]]);
    assert_eq!(links(&a), want);
    // One batch, in another order.
    let b = index_in_commits(&[&[&s.early, &s.other, &s.trimmed, &s.first]]);
    assert_eq!(links(&b), want);
    // One per commit.
    let c = index_in_commits(&[&[&s.trimmed], &[&s.early], &[&s.first], &[&s.other]]);
    assert_eq!(links(&c), want);
}

#[test]
fn a_story_is_one_hit_with_its_other_copies_and_all_copies_lists_each() {
    let s = story();
    let index = index_in_commits(&[&[&s.first, &s.early, &s.trimmed, &s.other]]);
    let req = SearchRequest {
        query: "Bỉm Sơn".into(),
        limit: 10,
        ..Default::default()
    };
    let r = index.search(&req).expect("search");
    assert_eq!(r.total, 1, "{:?}", r.hits);
    let hit = &r.hits[0];
    assert_eq!(hit.id, s.early.id());
    assert_eq!(hit.duplicate_of, None);
    let also: Vec<_> = hit.also_in.iter().map(|c| c.source.as_deref()).collect();
    assert_eq!(also, [Some("baothanhhoa.vn"), Some("baonghean.vn")]);
    // "Also in Báo Thanh Hóa, Báo Nghệ An": the papers by name where the gazetteer has them.
    let papers: Vec<_> = hit.also_in.iter().map(|c| c.paper.as_deref()).collect();
    assert_eq!(papers, [Some("Báo Thanh Hóa"), Some("Báo Nghệ An")]);
    // Counted once in the facets: the story's province is its earliest copy's.
    assert_eq!(r.facets.province.get("Thanh Hóa"), Some(&1));
    assert_eq!(r.facets.province.get("Nghệ An"), None);

    let every = index
        .search(&SearchRequest {
            all_copies: true,
            ..req.clone()
        })
        .expect("search");
    assert_eq!(every.total, 3);
    let copy = every
        .hits
        .iter()
        .find(|h| h.id == s.trimmed.id())
        .expect("the trimmed copy");
    assert_eq!(copy.duplicate_of.as_deref(), Some(s.early.id().as_str()));
    let others: Vec<_> = copy.also_in.iter().map(|c| c.id.clone()).collect();
    assert_eq!(others, [s.early.id(), s.first.id()]);
    assert_eq!(every.facets.province.get("Nghệ An"), Some(&1));

    // A filter-only listing folds too.
    let all = SearchRequest {
        limit: 10,
        ..Default::default()
    };
    assert_eq!(index.search(&all).expect("search").total, 2);
}

#[test]
fn replacing_or_deleting_the_original_links_the_copies_to_the_next_earliest() {
    let s = story();
    let index = index_in_commits(&[&[&s.first, &s.early, &s.trimmed, &s.other]]);
    let mut w = index.writer_with(1, 15 << 20).expect("writer");
    // The earliest copy is corrected into another story: the two left are one story, the
    // older of them its original.
    let mut changed = s.early.clone();
    changed.body = seed(2);
    w.upsert(&changed).expect("upsert");
    w.commit().expect("commit");
    let l = links(&index);
    assert_eq!(l[&s.early.id()], None);
    assert_eq!(l[&s.first.id()], None);
    assert_eq!(l[&s.trimmed.id()], Some(s.first.id()));
    // Gone altogether: the last copy stands alone.
    w.delete(&s.first.id());
    w.commit().expect("commit");
    let l = links(&index);
    assert!(!l.contains_key(&s.first.id()));
    assert_eq!(l[&s.trimmed.id()], None);
}

#[test]
fn different_stories_on_one_theme_are_not_folded() {
    // The five seeds all report on Resolution 4's implementation.
    let records: Vec<Record> = (0..5)
        .map(|i| {
            rec(
                "baotest.vn",
                &format!("bai-{i}"),
                "2013-01-01",
                "Thanh Hóa",
                seed(i),
            )
        })
        .collect();
    let index = Index::in_memory().expect("index");
    let mut w = index.writer_with(1, 15 << 20).expect("writer");
    for r in &records {
        w.upsert(r).expect("upsert");
    }
    w.commit().expect("commit");
    assert!(links(&index).values().all(Option::is_none));
}

#[test]
fn an_input_record_cannot_claim_a_link() {
    let s = story();
    let mut forged = s.other.clone();
    forged.duplicate_of = Some(s.first.id());
    let index = index_in_commits(&[&[&s.first, &forged]]);
    assert_eq!(links(&index)[&forged.id()], None);
}

#[test]
fn an_index_written_before_reprints_asks_to_be_rebuilt() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("index");
    std::fs::create_dir_all(&dir).expect("dir");
    // An older schema: the fields up to the localities, none for reprints.
    let mut b = tantivy::schema::Schema::builder();
    b.add_text_field("id", tantivy::schema::STRING | tantivy::schema::STORED);
    b.add_text_field("record", tantivy::schema::STORED);
    tantivy::Index::create_in_dir(&dir, b.build()).expect("old index");
    for open in [Index::open, Index::create_or_open] {
        let err = open(&dir).expect_err("an outdated index");
        let msg = err.to_string();
        assert!(
            msg.contains("another version of baochi") && msg.contains("baochi index DATA/warc"),
            "{msg}"
        );
        assert!(msg.contains(&dir.display().to_string()), "{msg}");
    }
}

#[test]
fn kwic_and_report_count_the_story_once() {
    use baochi::report::{ReportOptions, report_index};
    use baochi::views::kwic::{KwicRequest, Sort, kwic};
    let s = story();
    let index = index_in_commits(&[&[&s.first, &s.early, &s.trimmed, &s.other]]);
    let ids_of = |all_copies: bool| {
        let req = KwicRequest {
            search: SearchRequest {
                query: "Bỉm Sơn".into(),
                all_copies,
                ..Default::default()
            },
            width: 40,
            sort: Sort::Date,
        };
        let mut ids = std::collections::BTreeSet::new();
        kwic(&index, &req, 0, None, &mut |l| {
            ids.insert(l.id);
            Ok(())
        })
        .expect("kwic");
        ids
    };
    assert_eq!(
        ids_of(false).into_iter().collect::<Vec<_>>(),
        [s.early.id()]
    );
    assert_eq!(ids_of(true).len(), 3);

    let r = report_index(&index, None, ReportOptions::default()).expect("report");
    assert_eq!(r.articles, 2, "the story and the other article");
    let every = SearchRequest {
        all_copies: true,
        ..Default::default()
    };
    let r = report_index(&index, Some(&every), ReportOptions::default()).expect("report");
    assert_eq!(r.articles, 4);
}

#[test]
fn an_indexed_copy_compared_in_vain_keeps_its_link() {
    use baochi::index::reprints::{MIN_BANDS, Shingles, band_keys};
    let s = story();
    let index = index_in_commits(&[&[&s.first, &s.early]]);
    // Another story opening with part of this one: it shares bands with the copy, so it is
    // compared with it, and is not one story with it.
    let paras: Vec<&str> = s.first.body.split("\n\n").collect();
    let copy_keys = band_keys(&s.first.body).1;
    let other = (1..paras.len())
        .map(|n| format!("{}\n\n{}", paras[..n].join("\n\n"), seed(3)))
        .find(|b| {
            let (sh, keys) = band_keys(b);
            let shared = keys.iter().filter(|k| copy_keys.contains(k)).count();
            shared >= MIN_BANDS
                && !sh.same_story(&Shingles::of(&s.first.body))
                && !sh.same_story(&Shingles::of(&s.early.body))
        })
        .expect("a body sharing bands with the copy but not its story");
    let before = links(&index);
    assert_eq!(before[&s.first.id()], Some(s.early.id()));
    let mut w = index.writer_with(1, 15 << 20).expect("writer");
    w.upsert(&rec(
        "baotest.vn",
        "mo-dau",
        "2013-04-01",
        "Thanh Hóa",
        other,
    ))
    .expect("upsert");
    w.commit().expect("commit");
    let after = links(&index);
    assert_eq!(after[&s.first.id()], Some(s.early.id()));
    assert_eq!(after[&s.early.id()], None);
    assert_eq!(after.len(), 3);
}

#[test]
fn remove_takes_articles_out_with_their_links_and_counts() {
    use baochi::index::Removal;
    let s = story();
    let tmp = tempfile::tempdir().expect("tmp");
    let index = Index::create_or_open(&tmp.path().join("index")).expect("index");
    {
        let mut w = index.writer_with(1, 15 << 20).expect("writer");
        for r in [&s.first, &s.early, &s.trimmed, &s.other] {
            w.upsert(r).expect("upsert");
        }
        w.commit().expect("commit");
    }
    // The original's paper goes: its copies stand as one story under the next earliest.
    let n = index
        .remove(&Removal {
            source: Some("www.dangcongsan.vn".into()),
            ..Default::default()
        })
        .expect("remove");
    assert_eq!(n, 1);
    index.reload().expect("reload");
    let l = links(&index);
    assert_eq!(l.len(), 3);
    assert_eq!(l[&s.first.id()], None);
    assert_eq!(l[&s.trimmed.id()], Some(s.first.id()));
    // By URL prefix, then by id; nothing matched is 0, not an error.
    let n = index
        .remove(&Removal {
            url_prefix: Some("https://baothanhhoa.vn/".into()),
            ..Default::default()
        })
        .expect("remove");
    assert_eq!(n, 2);
    index.reload().expect("reload");
    assert_eq!(links(&index).len(), 1);
    let n = index
        .remove(&Removal {
            ids: vec![s.trimmed.id(), "0000000000000000".into()],
            ..Default::default()
        })
        .expect("remove");
    assert_eq!(n, 1);
    index.reload().expect("reload");
    assert!(index.is_empty());
}

#[test]
fn the_remove_command_says_how_many_and_needs_a_target() {
    let s = story();
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    drop(index_at(&data.join("index"), &[&s.first, &s.other]));
    let out = assert_cmd::Command::cargo_bin("baochi")
        .expect("bin")
        .arg("--data")
        .arg(&data)
        .args(["remove", "--url-prefix", "https://baothanhhoa.vn/bim"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("removed 1 article (1 left)"), "{err}");
    let out = assert_cmd::Command::cargo_bin("baochi")
        .expect("bin")
        .arg("--data")
        .arg(&data)
        .arg("remove")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
}

fn index_at(dir: &std::path::Path, recs: &[&Record]) -> Index {
    let index = Index::create_or_open(dir).expect("index");
    let mut w = index.writer_with(1, 15 << 20).expect("writer");
    for r in recs {
        w.upsert(r).expect("upsert");
    }
    w.commit().expect("commit");
    index
}
