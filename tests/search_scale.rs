//! Search past the exact-count budget: counts and facets estimated from a sample stay close
//! to the truth and say they are estimates; `exact_counts` gives the exact ones, equal to a
//! full scan; the hits are the query's matches, best first.

use baochi::index::analyzer::folded;
use baochi::index::{Index, SearchRequest};
use baochi::record::Record;
use std::collections::{BTreeMap, HashSet};

const N: u64 = 30_000;
const PROVINCES: [&str; 4] = ["Điện Biên", "Thanh Hóa", "Cần Thơ", "Hà Giang"];
const WORDS: [&str; 12] = [
    "cán bộ",
    "lãnh đạo",
    "đảng viên",
    "kết nạp",
    "kiểm điểm",
    "luân chuyển",
    "hội nghị",
    "tỉnh ủy",
    "quy hoạch",
    "bổ nhiệm",
    "dân vận",
    "học tập",
];

/// A deterministic article: three to six of the words, chosen by a simple hash.
fn article(i: u64) -> Record {
    let mut h = i.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03;
    let mut body = Vec::new();
    let n = 3 + (h % 4) as usize;
    for _ in 0..n {
        h ^= h << 13;
        h ^= h >> 7;
        h ^= h << 17;
        body.push(WORDS[(h % WORDS.len() as u64) as usize]);
    }
    // "cán bộ" in three articles of five, most of them early in the body.
    if i % 5 < 3 {
        body.insert(0, "cán bộ");
    }
    Record {
        url: Some(format!("https://example.vn/{i}")),
        title: Some(format!("Tin số {i}")),
        body: format!("{}.", body.join(" và ")),
        province: Some(PROVINCES[(i % 4) as usize].to_string()),
        published: Some(format!("{}-0{}-1{}", 2010 + i % 10, 1 + i % 9, i % 10)),
        ..Default::default()
    }
}

fn corpus() -> Index {
    let index = Index::in_memory().expect("index");
    let mut w = index.writer_with(1, 60 << 20).expect("writer");
    for i in 0..N {
        w.upsert(&article(i)).expect("upsert");
        if i % 10_000 == 9_999 {
            w.commit().expect("commit");
        }
    }
    w.commit().expect("commit");
    index
}

/// Counts over every article by reading it: (holding every word, holding `min` but not all,
/// provinces and years of those holding every word).
fn scan(
    index: &Index,
    q: &str,
    min: usize,
) -> (u64, u64, BTreeMap<String, u64>, BTreeMap<String, u64>) {
    let want = folded(q);
    let (mut every, mut most) = (0, 0);
    let (mut prov, mut year) = (BTreeMap::new(), BTreeMap::new());
    index
        .for_each_record(None, &mut |_, r| {
            let held: HashSet<String> =
                folded(&format!("{} {}", r.title.unwrap_or_default(), r.body))
                    .into_iter()
                    .collect();
            let n = want.iter().filter(|w| held.contains(*w)).count();
            if n == want.len() {
                every += 1;
                *prov.entry(r.province.unwrap_or_default()).or_default() += 1;
                let y = r.published.unwrap_or_default()[..4].to_string();
                *year.entry(y).or_default() += 1;
            } else if n >= min {
                most += 1;
            }
            Ok(())
        })
        .expect("scan");
    (every, most, prov, year)
}

fn req(q: &str, exact: bool) -> SearchRequest {
    SearchRequest {
        query: q.into(),
        limit: 10,
        exact_counts: exact,
        ..Default::default()
    }
}

#[test]
fn estimates_past_the_budget_exact_on_request() {
    let index = corpus();
    let (every, _, prov, year) = scan(&index, "cán bộ", 0);
    assert!(
        every > 20_000,
        "the query must pass the exact budget: {every}"
    );

    let est = index.search(&req("cán bộ", false)).expect("search");
    assert!(!est.exact_counts);
    let err = (est.total as f64 - every as f64).abs() / every as f64;
    assert!(err < 0.05, "estimate {} vs {every}", est.total);
    for (p, n) in &prov {
        let got = est.facets.province.get(p).copied().unwrap_or(0) as f64;
        assert!(
            (got - *n as f64).abs() / (*n as f64) < 0.15,
            "{p}: {got} vs {n}"
        );
    }

    let exact = index.search(&req("cán bộ", true)).expect("search");
    assert!(exact.exact_counts);
    assert_eq!(exact.total as u64, every);
    assert_eq!(exact.facets.province, prov);
    assert_eq!(exact.facets.year, year);

    // The hits match and come best first.
    assert_eq!(exact.hits.len(), 10);
    for w in exact.hits.windows(2) {
        assert!(w[0].score >= w[1].score);
    }
    for h in &exact.hits {
        let rec = index.article(&h.id).expect("article").expect("found");
        assert!(
            folded(&rec.body).contains(&"can".to_string()),
            "{}",
            rec.body
        );
    }
}

#[test]
fn best_match_counts_exact_on_request_equal_a_full_scan() {
    let index = corpus();
    let q = "kết nạp đảng viên kiểm điểm";
    let (every, most, _, _) = scan(&index, q, baochi::index::query::most_of(6));
    let r = index.search(&req(q, true)).expect("search");
    assert!(r.exact_counts);
    assert_eq!((r.all_words as u64, r.most_words as u64), (every, most));
    let est = index.search(&req(q, false)).expect("search");
    let err = (est.total as f64 - (every + most) as f64).abs() / (every + most) as f64;
    assert!(err < 0.05, "estimate {} vs {}", est.total, every + most);
}
