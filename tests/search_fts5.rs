//! Where SQLite FTS5 (`unicode61 remove_diacritics 2`) and tantivy's stock analyzer get
//! Vietnamese wrong and baochi gets it right. Each case asserts both sides, so if a future
//! FTS5 fixes one, the test says so.

use baochi::index::{Index, SearchRequest};
use baochi::record::Record;
use rusqlite::Connection;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, SimpleTokenizer, TextAnalyzer, TokenStream,
};
use unicode_normalization::UnicodeNormalization;

const DOCS: &[(i64, &str)] = &[
    (1, "Đảng bộ tỉnh họp."),
    (2, "Ðảng bộ huyện họp."), // U+00D0, as some CMSs write it
    (3, "Hội đồng đã bổ nhiệm giám đốc mới."),
    (4, "Hội đồng đã bỏ nhiệm giám đốc mới."),
];

fn nfd_doc() -> String {
    "Cán bộ xã.".nfd().collect()
}

fn fts5() -> Connection {
    let c = Connection::open_in_memory().expect("sqlite");
    c.execute_batch(
        "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='unicode61 remove_diacritics 2');",
    )
    .expect("fts5");
    for (id, body) in DOCS {
        c.execute("INSERT INTO t(rowid, body) VALUES (?1, ?2)", (id, body))
            .expect("insert");
    }
    c.execute("INSERT INTO t(rowid, body) VALUES (5, ?1)", [nfd_doc()])
        .expect("insert");
    c
}

fn fts5_ids(c: &Connection, q: &str) -> Vec<i64> {
    let mut st = c
        .prepare("SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rank, rowid")
        .expect("prepare");
    st.query_map([q], |r| r.get(0))
        .expect("query")
        .map(|r| r.expect("row"))
        .collect()
}

fn fts5_scores(c: &Connection, q: &str) -> Vec<(i64, f64)> {
    let mut st = c
        .prepare("SELECT rowid, bm25(t) FROM t WHERE t MATCH ?1 ORDER BY rowid")
        .expect("prepare");
    st.query_map([q], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .map(|r| r.expect("row"))
        .collect()
}

fn baochi() -> Index {
    let ix = Index::in_memory().expect("index");
    let mut w = ix.writer_with(1, 15 << 20).expect("writer");
    for (id, body) in DOCS {
        w.upsert(&Record {
            url: Some(format!("https://x.vn/{id}")),
            body: body.to_string(),
            ..Default::default()
        })
        .expect("upsert");
    }
    w.upsert(&Record {
        url: Some("https://x.vn/5".into()),
        body: nfd_doc(),
        ..Default::default()
    })
    .expect("upsert");
    w.commit().expect("commit");
    ix
}

fn baochi_ids(ix: &Index, q: &str) -> Vec<i64> {
    ix.search(&SearchRequest {
        query: q.into(),
        limit: 10,
        ..Default::default()
    })
    .expect("search")
    .hits
    .iter()
    .filter_map(|h| h.url.as_deref()?.rsplit('/').next()?.parse().ok())
    .collect()
}

fn sorted(mut v: Vec<i64>) -> Vec<i64> {
    v.sort();
    v
}

#[test]
fn fts5_does_not_fold_d_with_stroke() {
    let (c, ix) = (fts5(), baochi());
    assert_eq!(fts5_ids(&c, "dang"), Vec::<i64>::new());
    assert_eq!(sorted(baochi_ids(&ix, "dang")), [1, 2]);
}

#[test]
fn fts5_indexes_eth_apart_from_d_with_stroke() {
    let (c, ix) = (fts5(), baochi());
    assert_eq!(fts5_ids(&c, "Đảng"), [1]);
    assert_eq!(fts5_ids(&c, "Ðảng"), [2]);
    assert_eq!(sorted(baochi_ids(&ix, "Đảng")), [1, 2]);
    assert_eq!(sorted(baochi_ids(&ix, "Ðảng")), [1, 2]);
}

#[test]
fn fts5_cannot_prefer_the_exact_diacritics() {
    let (c, ix) = (fts5(), baochi());
    // Both spellings score the same in FTS5: it keeps only the folded form.
    let s = fts5_scores(&c, "bổ nhiệm");
    assert_eq!(s.len(), 2);
    assert!((s[0].1 - s[1].1).abs() < 1e-9, "{s:?}");
    assert_eq!(baochi_ids(&ix, "bổ nhiệm"), [3, 4]);
    assert_eq!(baochi_ids(&ix, "bỏ nhiệm"), [4, 3]);
}

#[test]
fn stock_tantivy_splits_nfd_syllables() {
    let mut stock = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    let nfd: String = "cán".nfd().collect();
    let mut stream = stock.token_stream(&nfd);
    let mut toks = Vec::new();
    while let Some(t) = stream.next() {
        toks.push(t.text.clone());
    }
    assert_eq!(toks, ["ca", "n"]);
    assert_eq!(baochi::index::analyzer::folded(&nfd), ["can"]);
    let ix = baochi();
    assert_eq!(baochi_ids(&ix, "can bo"), [5]);
    assert_eq!(baochi_ids(&ix, "Cán bộ"), [5]);
}
