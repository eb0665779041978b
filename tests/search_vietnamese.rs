//! Search behaviour over articles written with every spelling Vietnamese pages use: which
//! queries find which articles, and in what order.

use baochi::index::{Index, SearchRequest, SearchResults, Upsert};
use baochi::record::{Document, Entities, Record};
use unicode_normalization::UnicodeNormalization;

fn rec(url: &str, title: &str, body: &str) -> Record {
    Record {
        url: Some(format!("https://example.vn/{url}")),
        title: Some(title.to_string()),
        body: body.to_string(),
        ..Default::default()
    }
}

fn with(mut r: Record, province: &str, now: &str, published: &str) -> Record {
    r.province = Some(province.to_string());
    r.province_now = Some(now.to_string());
    r.published = Some(published.to_string());
    r
}

fn resolution_12(text: &str, start: usize) -> Document {
    Document {
        kind: "nghị quyết".into(),
        number: Some("12".into()),
        code: Some("NQ".into()),
        issuer: Some("TW".into()),
        conference: Some(4),
        term: Some("XI".into()),
        canonical: Some("12-NQ/TW".into()),
        span: baochi::record::Span {
            text: text.into(),
            start,
            end: start + text.chars().count(),
        },
        ..Default::default()
    }
}

/// The corpus: one article per spelling variant, plus ranking and filter fixtures.
fn corpus() -> Index {
    let index = Index::in_memory().expect("index");
    let mut w = index.writer_with(1, 15 << 20).expect("writer");
    let clean = "Tỉnh ủy Điện Biên họp bàn công tác cán bộ luân chuyển.";
    let docs = vec![
        with(
            rec("clean", "Tin sạch", clean),
            "Điện Biên",
            "Điện Biên",
            "2012-03-01",
        ),
        with(
            rec("nfd", "Tin NFD", &clean.nfd().collect::<String>()),
            "Thừa Thiên Huế",
            "Huế",
            "2013-05-10",
        ),
        with(
            rec(
                "eth",
                "Tin eth",
                "Ðảng bộ tỉnh Hà Giang kiểm điểm tự phê bình nghiêm túc.",
            ),
            "Hà Giang",
            "Tuyên Quang",
            "2013-07-02",
        ),
        with(
            rec(
                "reformed",
                "Tin hoà",
                "Tỉnh uỷ Thanh Hoá chỉ đạo hoà giải ở cơ sở; Đảng uỷ xã khoẻ mạnh.",
            ),
            "Thanh Hóa",
            "Thanh Hóa",
            "2014-01-15",
        ),
        with(
            rec(
                "upper",
                "TIN HOA",
                "BAN THƯỜNG VỤ TỈNH ỦY QUYẾT ĐỊNH BỔ NHIỆM CÁN BỘ.",
            ),
            "Nghệ An",
            "Nghệ An",
            "2015-09-09",
        ),
        with(
            rec(
                "ascii",
                "Tin khong dau",
                "Dang uy xa to chuc kiem diem tu phe binh cuoi nam.",
            ),
            "Hà Giang",
            "Tuyên Quang",
            "2016-12-30",
        ),
        // Ranking: exact "bổ nhiệm" vs "bỏ nhiệm" with the same length.
        with(
            rec(
                "bo-exact",
                "Một",
                "Hội đồng đã bổ nhiệm một phó giám đốc mới.",
            ),
            "Nghệ An",
            "Nghệ An",
            "2017-01-01",
        ),
        with(
            rec(
                "bo-other",
                "Hai",
                "Hội đồng đã bỏ nhiệm một phó giám đốc mới.",
            ),
            "Nghệ An",
            "Nghệ An",
            "2017-01-02",
        ),
        // Phrases and word order.
        with(
            rec(
                "phrase",
                "Ba",
                "Các chi bộ tổ chức kiểm điểm tự phê bình và phê bình theo Nghị quyết Trung ương 4.",
            ),
            "Thanh Hóa",
            "Thanh Hóa",
            "2012-06-01",
        ),
        with(
            rec(
                "scrambled",
                "Bốn",
                "Tự đánh giá bình xét, kiểm tra phê duyệt hồ sơ.",
            ),
            "Thanh Hóa",
            "Thanh Hóa",
            "2012-06-02",
        ),
    ];
    for d in &docs {
        assert_eq!(w.upsert(d).expect("upsert"), Upsert::Added);
    }
    // Documents: cited as codes in three forms and as an alias; entities filled as the
    // finder would.
    let mut a = with(
        rec(
            "doc-canonical",
            "Năm",
            "Quán triệt Nghị quyết số 12-NQ/TW ngày 16/1/2012 về xây dựng Đảng.",
        ),
        "Bắc Giang",
        "Bắc Ninh",
        "2012-02-20",
    );
    a.entities = Entities {
        documents: vec![resolution_12("Nghị quyết số 12-NQ/TW", 9)],
        ..Default::default()
    };
    let mut b = with(
        rec(
            "doc-alias",
            "Sáu",
            "Sơ kết 5 năm thực hiện NQTW4 khóa XI ở huyện.",
        ),
        "Bắc Giang",
        "Bắc Ninh",
        "2017-02-20",
    );
    b.entities = Entities {
        documents: vec![resolution_12("NQTW4 khóa XI", 23)],
        ..Default::default()
    };
    // No entities: only the analyser's canonical code finds it.
    let c = with(
        rec(
            "doc-state-form",
            "Bảy",
            "Tiếp tục thực hiện Nghị quyết 12/NQ-TW của Ban Chấp hành Trung ương.",
        ),
        "Lào Cai",
        "Lào Cai",
        "2018-04-04",
    );
    for d in [&a, &b, &c] {
        w.upsert(d).expect("upsert");
    }
    w.commit().expect("commit");
    index
}

fn search(index: &Index, q: &str) -> SearchResults {
    index
        .search(&SearchRequest {
            query: q.to_string(),
            limit: 50,
            ..Default::default()
        })
        .expect("search")
}

fn urls(r: &SearchResults) -> Vec<String> {
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

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn every_spelling_of_the_text_is_found_by_every_spelling_of_the_query() {
    let index = corpus();
    let queries = [
        "Tỉnh ủy Điện Biên",
        "tinh uy dien bien",
        "TỈNH UỶ ÐIỆN BIÊN",
        &"Tỉnh uỷ Điện Biên".nfd().collect::<String>(),
    ];
    for q in queries {
        assert_eq!(sorted(urls(&search(&index, q))), ["clean", "nfd"], "{q}");
    }
}

#[test]
fn eth_and_reformed_tones_index_like_clean_text() {
    let index = corpus();
    assert_eq!(urls(&search(&index, "Đảng bộ tỉnh Hà Giang")), ["eth"]);
    assert_eq!(urls(&search(&index, "Thanh Hóa hòa giải")), ["reformed"]);
    assert_eq!(urls(&search(&index, "Thanh Hoá hoà giải")), ["reformed"]);
    assert_eq!(urls(&search(&index, "khỏe")), ["reformed"]);
    assert_eq!(urls(&search(&index, "bổ nhiệm cán bộ"))[0], "upper");
}

#[test]
fn without_diacritics_all_spellings_match() {
    let index = corpus();
    let r = search(&index, "kiem diem tu phe binh");
    let every: Vec<String> = urls(&r)
        .into_iter()
        .zip(&r.hits)
        .filter(|(_, h)| h.all_words)
        .map(|(u, _)| u)
        .collect();
    assert_eq!(sorted(every), ["ascii", "eth", "phrase"]);
    // Best match: the article holding four of the five words comes after them.
    assert_eq!(urls(&r)[3..], ["scrambled"]);
    assert_eq!((r.all_words, r.most_words), (3, 1));
    let got = sorted(urls(&search(&index, "dang uy")));
    assert_eq!(got, ["ascii", "reformed"]);
}

#[test]
fn exact_diacritics_rank_first() {
    let index = corpus();
    let got = urls(&search(&index, "bổ nhiệm"));
    let exact = got.iter().position(|u| u == "bo-exact").expect("bổ found");
    let other = got.iter().position(|u| u == "bo-other").expect("bỏ found");
    assert!(exact < other, "{got:?}");
    // Typed as the other spelling, the order flips.
    let got = urls(&search(&index, "bỏ nhiệm"));
    assert_eq!(got[0], "bo-other", "{got:?}");
    // Diacritic-less: both, no preference asked.
    let got = sorted(urls(&search(&index, "bo nhiem")));
    assert!(got.contains(&"bo-exact".to_string()) && got.contains(&"bo-other".to_string()));
}

#[test]
fn quoted_phrases_keep_syllable_order() {
    let index = corpus();
    let got = sorted(urls(&search(&index, "\"kiểm điểm tự phê bình\"")));
    assert_eq!(got, ["ascii", "eth", "phrase"]);
    // The same syllables scattered do not match the phrase, but match unquoted.
    assert!(!urls(&search(&index, "\"tự phê bình\"")).contains(&"scrambled".to_string()));
    assert!(urls(&search(&index, "tự phê bình")).contains(&"scrambled".to_string()));
    // Unquoted, the article with the syllables together ranks first.
    assert_ne!(urls(&search(&index, "tự phê bình"))[0], "scrambled");
}

#[test]
fn and_or_not() {
    let index = corpus();
    assert_eq!(
        sorted(urls(&search(&index, "\"Điện Biên\" OR \"Hà Giang\""))),
        ["clean", "eth", "nfd"]
    );
    assert_eq!(
        sorted(urls(&search(&index, "kiểm điểm -\"Hà Giang\""))),
        ["ascii", "phrase"]
    );
    assert_eq!(
        sorted(urls(&search(&index, "kiểm AND điểm"))),
        ["ascii", "eth", "phrase"]
    );
    assert_eq!(
        sorted(urls(&search(&index, "kiem diem -tinh"))),
        ["ascii", "phrase"]
    );
    assert!(search(&index, "cán bộ AND khong-co-tu-nay").hits.is_empty());
    // Operators alone or stray quotes are refused with a message, never the whole index.
    for q in ["OR", "AND", "\"", "-", "((", "- -"] {
        let r = index.search(&SearchRequest {
            query: q.into(),
            limit: 5,
            ..Default::default()
        });
        assert!(r.is_err(), "{q}");
    }
    // An unclosed phrase still searches its words.
    index
        .search(&SearchRequest {
            query: "\"unclosed phrase".into(),
            limit: 5,
            ..Default::default()
        })
        .expect("unclosed phrase");
}

#[test]
fn documents_in_any_form() {
    let index = corpus();
    for q in ["12-NQ/TW", "12/nq-tw", "12-nq/tw", "Nghị quyết số 12-NQ/TW"] {
        assert_eq!(
            sorted(urls(&search(&index, q))),
            ["doc-alias", "doc-canonical", "doc-state-form"],
            "{q}"
        );
    }
    // Aliases through the extracted entities.
    for q in [
        "NQTW4",
        "nq tw 4 khoa xi",
        "Nghị quyết Trung ương 4 khóa XI",
    ] {
        let got = urls(&search(&index, q));
        assert!(got.contains(&"doc-canonical".to_string()), "{q}: {got:?}");
        assert!(got.contains(&"doc-alias".to_string()), "{q}: {got:?}");
    }
    assert!(urls(&search(&index, "Nghị quyết 12")).contains(&"doc-canonical".to_string()));
}

fn filtered(index: &Index, q: &str, f: impl Fn(&mut SearchRequest)) -> Vec<String> {
    let mut req = SearchRequest {
        query: q.to_string(),
        limit: 50,
        ..Default::default()
    };
    f(&mut req);
    sorted(urls(&index.search(&req).expect("search")))
}

#[test]
fn province_filter_takes_old_and_new_names_with_or_without_diacritics() {
    let index = corpus();
    for p in [
        "Hà Giang",
        "ha giang",
        "Tuyên Quang",
        "tuyen quang",
        "tỉnh Hà Giang",
    ] {
        assert_eq!(
            filtered(&index, "", |r| r.province = Some(p.into())),
            ["ascii", "eth"],
            "{p}"
        );
    }
    assert_eq!(
        filtered(&index, "Huế", |r| r.province =
            Some("thua thien hue".into())),
        Vec::<String>::new()
    );
    assert_eq!(
        filtered(&index, "", |r| r.province = Some("Huế".into())),
        ["nfd"]
    );
}

#[test]
fn document_filter_takes_canonicals_and_aliases() {
    let index = corpus();
    let all = ["doc-alias", "doc-canonical", "doc-state-form"];
    assert_eq!(
        filtered(&index, "", |r| r.document = Some("12-NQ/TW".into())),
        all
    );
    assert_eq!(
        filtered(&index, "", |r| r.document = Some("NQTW4-XI".into())),
        ["doc-alias", "doc-canonical"]
    );
    assert_eq!(
        filtered(&index, "thực hiện", |r| r.document =
            Some("12/nq-tw".into())),
        ["doc-alias", "doc-state-form"]
    );
    assert!(filtered(&index, "", |r| r.document = Some("04-NQ/TW".into())).is_empty());
}

#[test]
fn date_filters_at_every_precision() {
    let index = corpus();
    assert_eq!(
        filtered(&index, "", |r| {
            r.from = Some("2013".into());
            r.to = Some("2013".into());
        }),
        ["eth", "nfd"]
    );
    assert_eq!(
        filtered(&index, "", |r| {
            r.from = Some("2013-06".into());
            r.to = Some("2014-01-15".into());
        }),
        ["eth", "reformed"]
    );
    assert_eq!(
        filtered(&index, "", |r| r.from = Some("2018-04-04".into())),
        ["doc-state-form"]
    );
    for bad in ["2012-13", "13/2012", "20120", "soon"] {
        let err = index
            .search(&SearchRequest {
                from: Some(bad.into()),
                limit: 1,
                ..Default::default()
            })
            .expect_err(bad);
        assert!(err.to_string().contains(bad), "{err}");
    }
}

#[test]
fn facets_count_every_match() {
    let index = corpus();
    let r = index
        .search(&SearchRequest {
            query: "kiem diem".into(),
            limit: 1,
            ..Default::default()
        })
        .expect("search");
    assert_eq!(r.total, 3);
    assert_eq!(r.hits.len(), 1);
    assert_eq!(r.facets.province.get("Hà Giang"), Some(&2));
    assert_eq!(r.facets.province.get("Thanh Hóa"), Some(&1));
    assert_eq!(r.facets.year.get("2013"), Some(&1));
    assert_eq!(r.facets.year.get("2016"), Some(&1));
    let r = search(&index, "NQTW4");
    assert_eq!(r.facets.document.get("12-NQ/TW"), Some(&2));
}

#[test]
fn hits_carry_the_record_and_a_marked_snippet() {
    let index = corpus();
    let r = search(&index, "can bo luan chuyen");
    assert_eq!(urls(&r)[0], "clean");
    let hit = &r.hits[0];
    assert_eq!(hit.title.as_deref(), Some("Tin sạch"));
    assert_eq!(hit.published.as_deref(), Some("2012-03-01"));
    assert_eq!(hit.province.as_deref(), Some("Điện Biên"));
    assert!(
        hit.snippet
            .html()
            .contains("<b>cán</b> <b>bộ</b> <b>luân</b> <b>chuyển</b>"),
        "{}",
        hit.snippet.html()
    );
    let rec = index.article(&hit.id).expect("article").expect("found");
    assert_eq!(
        rec.body,
        "Tỉnh ủy Điện Biên họp bàn công tác cán bộ luân chuyển."
    );
    assert!(
        index
            .article("0000000000000000")
            .expect("article")
            .is_none()
    );
}

#[test]
fn paging_and_stable_streaming() {
    let index = corpus();
    let all = search(&index, "");
    assert_eq!(all.total, 13);
    let page = index
        .search(&SearchRequest {
            limit: 5,
            offset: 10,
            ..Default::default()
        })
        .expect("page");
    assert_eq!(page.hits.len(), 3);
    // Any page a caller asks for is answered, without sizing buffers by it.
    for (limit, offset) in [(usize::MAX, 0), (usize::MAX, usize::MAX), (3, usize::MAX)] {
        let r = index
            .search(&SearchRequest {
                limit,
                offset,
                ..Default::default()
            })
            .expect("huge page");
        assert_eq!(r.total, 13);
        assert_eq!(r.hits.len(), if offset == 0 { 13 } else { 0 });
    }
    let mut seen = Vec::new();
    index
        .for_each_record(None, &mut |id, rec| {
            seen.push((rec.published.clone(), id.to_string()));
            Ok(())
        })
        .expect("stream");
    assert_eq!(seen.len(), 13);
    let mut sorted_seen = seen.clone();
    sorted_seen.sort();
    assert_eq!(seen, sorted_seen, "streamed by date then id");
    let mut n = 0;
    let req = SearchRequest {
        province: Some("Hà Giang".into()),
        ..Default::default()
    };
    index
        .for_each_record(Some(&req), &mut |_, _| {
            n += 1;
            Ok(())
        })
        .expect("stream");
    assert_eq!(n, 2);
}

#[test]
fn upsert_replaces_by_url_and_by_body() {
    let index = Index::in_memory().expect("index");
    let mut w = index.writer_with(1, 15 << 20).expect("writer");
    let a = rec("same", "Cũ", "Bản cũ của bài viết.");
    assert_eq!(w.upsert(&a).expect("upsert"), Upsert::Added);
    let mut b = a.clone();
    b.title = Some("Mới".into());
    b.body = "Bản mới của bài viết.".into();
    // Replaced before and after a commit.
    assert_eq!(w.upsert(&b).expect("upsert"), Upsert::Replaced);
    w.commit().expect("commit");
    assert_eq!(w.upsert(&b).expect("upsert"), Upsert::Replaced);
    let no_url = Record {
        body: "Bài không có địa chỉ.".into(),
        ..Default::default()
    };
    assert_eq!(w.upsert(&no_url).expect("upsert"), Upsert::Added);
    w.commit().expect("commit");
    assert_eq!(w.upsert(&no_url).expect("upsert"), Upsert::Replaced);
    w.commit().expect("commit");
    assert_eq!(index.len(), 2);
    let r = search(&index, "bài viết");
    assert_eq!(r.total, 1);
    assert_eq!(r.hits[0].title.as_deref(), Some("Mới"));
    assert!(search(&index, "cũ").hits.is_empty());
}
