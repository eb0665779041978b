//! What a person means by a query: best match for many words, the query grammar (OR and AND
//! between multi-syllable words, parentheses, exact forms, exclusions), snippets from the best
//! passage marking only what matched, readings of diacritic-less queries, and bad input.

use baochi::index::{Index, IndexError, SearchRequest, SearchResults};
use baochi::record::Record;
use std::collections::HashSet;

fn index_of(docs: &[(&str, &str)]) -> Index {
    let index = Index::in_memory().expect("index");
    let mut w = index.writer_with(1, 15 << 20).expect("writer");
    for (i, (name, body)) in docs.iter().enumerate() {
        w.upsert(&Record {
            url: Some(format!("https://example.vn/{name}")),
            title: Some(format!("Tin số {i}")),
            body: body.to_string(),
            ..Default::default()
        })
        .expect("upsert");
    }
    w.commit().expect("commit");
    index
}

fn req(q: &str, limit: usize, offset: usize) -> SearchRequest {
    SearchRequest {
        query: q.to_string(),
        limit,
        offset,
        ..Default::default()
    }
}

fn search(index: &Index, q: &str) -> SearchResults {
    index.search(&req(q, 50, 0)).expect(q)
}

fn names(r: &SearchResults) -> Vec<String> {
    r.hits
        .iter()
        .map(|h| {
            h.url
                .as_deref()
                .unwrap_or("")
                .trim_start_matches("https://example.vn/")
                .to_string()
        })
        .collect()
}

fn set(v: &[&str]) -> HashSet<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// Articles for best match: the query is `kiểm điểm luân chuyển kết nạp` (six words).
fn best_match_corpus() -> Index {
    index_of(&[
        // Every word, side by side.
        (
            "all",
            "Đảng bộ tổ chức kiểm điểm, luân chuyển cán bộ và kết nạp đảng viên mới.",
        ),
        // Every word, scattered.
        (
            "scattered",
            "Kết quả kiểm tra điểm thi được công bố; nạp tiền; luân phiên chuyển công tác.",
        ),
        // Four of six.
        (
            "four-a",
            "Công tác kiểm điểm và luân chuyển cán bộ được chú trọng.",
        ),
        (
            "four-b",
            "Huyện kết nạp 20 đảng viên; luân chuyển 5 cán bộ.",
        ),
        // Three and two of six: not most.
        ("three", "Kết nạp đảng viên, chuyển sinh hoạt đảng."),
        ("two", "Kiểm điểm cuối năm."),
        ("none", "Hội nghị bàn về phát triển kinh tế."),
    ])
}

const SIX: &str = "kiểm điểm luân chuyển kết nạp";

#[test]
fn articles_holding_every_word_come_first_then_those_holding_most() {
    let index = best_match_corpus();
    let r = search(&index, SIX);
    assert_eq!((r.all_words, r.most_words, r.total), (2, 2, 4));
    let n = names(&r);
    assert_eq!(n[0], "all", "side by side ranks first: {n:?}");
    assert_eq!(set(&[&n[0], &n[1]]), set(&["all", "scattered"]));
    assert_eq!(set(&[&n[2], &n[3]]), set(&["four-a", "four-b"]));
    let flags: Vec<bool> = r.hits.iter().map(|h| h.all_words).collect();
    assert_eq!(flags, [true, true, false, false]);
    // The same without diacritics.
    let r = search(&index, "kiem diem luan chuyen ket nap");
    assert_eq!((r.all_words, r.most_words), (2, 2));
}

#[test]
fn best_match_pages_across_the_two_lists() {
    let index = best_match_corpus();
    let whole = names(&search(&index, SIX));
    let mut paged = Vec::new();
    for offset in 0..5 {
        let r = index.search(&req(SIX, 1, offset)).expect("page");
        assert_eq!(r.total, 4);
        paged.extend(names(&r));
    }
    assert_eq!(paged, whole);
    let r = index.search(&req(SIX, 3, 1)).expect("page");
    assert_eq!(names(&r), whole[1..4]);
}

#[test]
fn best_match_counts_equal_a_full_scan() {
    let index = best_match_corpus();
    let words: Vec<String> = baochi::index::analyzer::folded(SIX);
    let (mut every, mut most) = (0, 0);
    index
        .for_each_record(None, &mut |_, rec| {
            let text = format!("{} {}", rec.title.unwrap_or_default(), rec.body);
            let held: HashSet<String> =
                baochi::index::analyzer::folded(&text).into_iter().collect();
            let n = words.iter().filter(|w| held.contains(*w)).count();
            if n == words.len() {
                every += 1;
            } else if n >= baochi::index::query::most_of(words.len()) {
                most += 1;
            }
            Ok(())
        })
        .expect("scan");
    let r = search(&index, SIX);
    assert_eq!((r.all_words, r.most_words), (every, most));
}

#[test]
fn phrases_and_and_and_exclusions_stay_strict() {
    let index = best_match_corpus();
    let r = search(&index, "kiểm điểm AND luân chuyển AND kết nạp");
    assert_eq!((r.all_words, r.most_words), (2, 0));
    assert_eq!(
        set(&names(&r).iter().map(String::as_str).collect::<Vec<_>>()),
        set(&["all", "scattered"])
    );
    // The phrase is required; the four words around it need three.
    let r = search(&index, "\"luân chuyển\" kiểm điểm kết nạp");
    assert_eq!(names(&r), ["all"]);
    // Excluded articles stay out of both lists.
    let r = search(&index, &format!("{SIX} -\"cán bộ\""));
    assert_eq!(names(&r), ["scattered"]);
    assert_eq!(r.most_words, 0);
    // Two words: both required, nothing relaxed.
    let r = search(&index, "kiểm điểm");
    assert_eq!(r.most_words, 0);
}

fn grammar_corpus() -> Index {
    index_of(&[
        ("hau-kiem", "Tăng cường hậu kiểm sau thanh tra."),
        ("ket-nap", "Lễ kết nạp đảng viên."),
        ("hau-can", "Hậu cần và kết quả năm qua."),
        ("hau-kiem-dv", "Hậu kiểm đối với đảng viên vi phạm."),
        ("bo-nhiem", "Quyết định bổ nhiệm cán bộ."),
        ("bo-nhiem-vu", "Không được bỏ nhiệm vụ."),
    ])
}

fn found(index: &Index, q: &str) -> HashSet<String> {
    names(&search(index, q)).into_iter().collect()
}

#[test]
fn or_separates_multi_syllable_words() {
    let index = grammar_corpus();
    assert_eq!(
        found(&index, "hậu kiểm OR kết nạp"),
        set(&["hau-kiem", "ket-nap", "hau-kiem-dv"])
    );
    assert_eq!(
        found(&index, "hau kiem OR ket nap"),
        set(&["hau-kiem", "ket-nap", "hau-kiem-dv"])
    );
    assert_eq!(
        found(&index, "hậu kiểm AND đảng viên"),
        set(&["hau-kiem-dv"])
    );
}

#[test]
fn parentheses_group() {
    let index = grammar_corpus();
    assert_eq!(
        found(&index, "(hậu kiểm OR kết nạp) đảng viên"),
        set(&["ket-nap", "hau-kiem-dv"])
    );
    assert_eq!(
        found(&index, "(hậu kiểm OR kết nạp) -(đảng viên)"),
        set(&["hau-kiem"])
    );
}

#[test]
fn exact_forms_match_only_as_typed() {
    let index = grammar_corpus();
    let r = search(&index, "\"bỏ nhiệm\"");
    assert_eq!(
        names(&r),
        ["bo-nhiem-vu", "bo-nhiem"],
        "exact first, folded after"
    );
    assert_eq!(found(&index, "=\"bỏ nhiệm\""), set(&["bo-nhiem-vu"]));
    assert_eq!(found(&index, "=\"bổ nhiệm\""), set(&["bo-nhiem"]));
    assert_eq!(found(&index, "=bỏ"), set(&["bo-nhiem-vu"]));
    assert_eq!(
        found(&index, "=bỏ OR =bổ"),
        set(&["bo-nhiem-vu", "bo-nhiem"])
    );
    // Typed without diacritics, the exact form is the bare one, which neither article has.
    assert!(found(&index, "=\"bo nhiem\"").is_empty());
}

#[test]
fn snippets_show_the_best_passage_and_mark_only_what_matched() {
    let filler = "Một câu không liên quan gì đến nội dung chính của bài viết này. ".repeat(4);
    let index = index_of(&[
        (
            "bo-nhiem",
            &format!("Bố trí cán bộ theo nhiệm vụ. {filler}Quyết định bổ nhiệm ông A."),
        ),
        (
            "luan-chuyen",
            "Chuẩn bị cán bộ kế cận, căn cứ quy hoạch, thực hiện luân chuyển cán bộ.",
        ),
        ("exact", "Cần bổ sung cán bộ; cán bộ trẻ cần bồi dưỡng."),
    ]);
    let snippet = |q: &str, name: &str| {
        let r = search(&index, q);
        let at = names(&r).iter().position(|n| n == name).expect(name);
        r.hits[at].snippet.html()
    };
    let s = snippet("\"bo nhiem\"", "bo-nhiem");
    assert!(s.contains("<b>bổ</b> <b>nhiệm</b> ông A"), "{s}");
    assert!(
        !s.contains("<b>Bố</b>") && !s.contains("<b>nhiệm</b> vụ"),
        "{s}"
    );
    let s = snippet("luan chuyen can bo", "luan-chuyen");
    assert!(
        s.contains("<b>luân</b> <b>chuyển</b> <b>cán</b> <b>bộ</b>"),
        "{s}"
    );
    assert!(
        !s.contains("<b>cận</b>") && !s.contains("<b>căn</b>"),
        "{s}"
    );
    // With diacritics: the exact forms only, since the article has them.
    let s = snippet("cán bộ", "exact");
    assert_eq!(
        s,
        "Cần bổ sung <b>cán</b> <b>bộ</b>; <b>cán</b> <b>bộ</b> trẻ cần bồi dưỡng."
    );
}

#[test]
fn readings_of_a_query_without_diacritics_with_their_counts() {
    let index = index_of(&[
        ("a", "Đội ngũ cán bộ trẻ."),
        ("b", "Cán bộ, đảng viên gương mẫu."),
        ("c", "Đào tạo cán bộ nữ."),
        ("d", "Cần bổ sung quy chế."),
        ("e", "Kết nạp đảng viên mới."),
    ]);
    let runs = index.readings("can bo").expect("readings");
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].typed, "can bo");
    let got: Vec<(&str, u64)> = runs[0]
        .readings
        .iter()
        .map(|r| (r.text.as_str(), r.articles))
        .collect();
    assert_eq!(got, [("cán bộ", 3), ("cần bổ", 1)]);
    // Each reading's query searches that reading alone, and finds as many articles.
    for r in &runs[0].readings {
        let hits = search(&index, &r.query);
        assert_eq!(hits.total as u64, r.articles, "{}", r.query);
    }
    assert_eq!(runs[0].readings[0].query, "=\"cán bộ\"");
    // Several words: each read apart, the query rebuilt around the one chosen.
    let runs = index.readings("can bo OR dang vien").expect("readings");
    let typed: Vec<&str> = runs.iter().map(|r| r.typed.as_str()).collect();
    assert_eq!(typed, ["can bo", "dang vien"]);
    assert_eq!(runs[1].readings[0].query, "can bo OR =\"đảng viên\"");
    assert_eq!(runs[1].readings[0].articles, 2);
    // A query with diacritics already says which reading it means.
    assert!(index.readings("cán bộ").expect("readings").is_empty());
}

#[test]
fn bad_queries_are_refused_never_the_whole_index() {
    let index = grammar_corpus();
    for q in ["\"", "-", "OR AND OR", "(( ))", "- -", "="] {
        match index.search(&req(q, 10, 0)) {
            Err(IndexError::BadQuery(m)) => assert!(m.contains("no words"), "{q}: {m}"),
            other => panic!("{q}: {other:?}"),
        }
    }
    let long = "cán bộ ".repeat(1_500);
    assert!(matches!(
        index.search(&req(&long, 10, 0)),
        Err(IndexError::BadQuery(_))
    ));
    let deep = format!("{}cán{}", "(".repeat(10_000), ")".repeat(10_000));
    assert!(matches!(
        index.search(&req(&deep[..deep.len().min(1_000)], 10, 0)),
        Err(IndexError::BadQuery(_))
    ));
    // Stray quotes and parentheses around words are forgiven.
    assert_eq!(
        found(&index, "\"hậu kiểm"),
        set(&["hau-kiem", "hau-kiem-dv"])
    );
    assert_eq!(
        found(&index, "hậu kiểm)"),
        set(&["hau-kiem", "hau-kiem-dv"])
    );
}
