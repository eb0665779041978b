//! Citation forms of the genre, in sentences written for these tests (not the seeds).

use baochi::entities::documents::{find, resolve};
use baochi::record::Document;

/// (kind, number, issuer, conference, term, canonical) of each citation.
type Row = (
    String,
    Option<String>,
    Option<String>,
    Option<u32>,
    Option<String>,
    Option<String>,
);

fn rows(body: &str) -> Vec<Row> {
    let docs = find(body);
    check_spans(body, &docs);
    docs.into_iter()
        .map(|d| {
            (
                d.kind,
                d.number,
                d.issuer,
                d.conference,
                d.term,
                d.canonical,
            )
        })
        .collect()
}

fn check_spans(body: &str, docs: &[Document]) {
    let chars: Vec<char> = body.chars().collect();
    for d in docs {
        let quoted: String = chars[d.span.start..d.span.end].iter().collect();
        assert_eq!(quoted, d.span.text, "offsets quote the text");
    }
}

fn one(body: &str) -> Document {
    let docs = find(body);
    check_spans(body, &docs);
    assert_eq!(docs.len(), 1, "{body}: {docs:?}");
    docs.into_iter().next().unwrap_or_default()
}

fn canon(body: &str) -> Option<String> {
    one(body).canonical
}

#[test]
fn numbered_party_documents_in_both_orders() {
    let d = one("Tỉnh ủy đã quán triệt Nghị quyết số 35-NQ/TW về bảo vệ nền tảng tư tưởng.");
    assert_eq!(d.kind, "nghị quyết");
    assert_eq!(d.number.as_deref(), Some("35"));
    assert_eq!(d.code.as_deref(), Some("NQ"));
    assert_eq!(d.issuer.as_deref(), Some("TW"));
    assert_eq!(d.canonical.as_deref(), Some("35-NQ/TW"));
    assert_eq!(d.span.text, "Nghị quyết số 35-NQ/TW");
    assert_eq!(
        canon("theo Kế hoạch số 45/KH-TU của Thành ủy").as_deref(),
        Some("45-KH/TU")
    );
    assert_eq!(
        canon("Nghị quyết số 09/NQ-T.Ư đã chỉ rõ").as_deref(),
        Some("09-NQ/TW")
    );
    assert_eq!(
        canon("Quy định số 7 - QĐ/HU ngày 2/3/2019").as_deref(),
        Some("07-QD/HU")
    );
    assert_eq!(
        canon("Quy định số 08-QĐi/TW về trách nhiệm nêu gương").as_deref(),
        Some("08-QDI/TW")
    );
    assert_eq!(
        canon("Chương trình hành động số 12-CTr/TU").as_deref(),
        Some("12-CTR/TU")
    );
    assert_eq!(
        canon("Kết luận số 21-KL/TW của Ban Chấp hành").as_deref(),
        Some("21-KL/TW")
    );
    assert_eq!(
        canon("Hướng dẫn số 25-HD/BTGTW").as_deref(),
        Some("25-HD/BTGTW")
    );
    assert_eq!(
        canon("Nghị quyết số 05-NQ/ĐU của Đảng ủy xã").as_deref(),
        Some("05-NQ/DU")
    );
    assert_eq!(canon("Chỉ thị số 27-CT/TƯ").as_deref(), Some("27-CT/TW"));
    let d = one("theo Thông báo kết luận số 15-TB/TU của Thường trực Tỉnh ủy");
    assert_eq!(
        (d.kind.as_str(), d.span.text.as_str()),
        ("thông báo", "Thông báo kết luận số 15-TB/TU")
    );
}

#[test]
fn state_documents_keep_their_form() {
    assert_eq!(
        canon("Nghị quyết số 30/NQ-CP của Chính phủ").as_deref(),
        Some("30/NQ-CP")
    );
    assert_eq!(
        canon("Quyết định 1234/QĐ-UBND ngày 5/6/2020").as_deref(),
        Some("1234/QD-UBND")
    );
    assert_eq!(
        canon("Quyết định số 27/2012/QĐ-UBND").as_deref(),
        Some("27/2012/QD-UBND")
    );
    let d = one("Công văn số 456/UBND-NC");
    assert_eq!(d.kind, "công văn");
}

#[test]
fn dates_after_and_before_the_citation() {
    let d = one(
        "thực hiện Nghị quyết số 18-NQ/TW, ngày 25/10/2017 của Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng (khóa XII)",
    );
    assert_eq!(d.date.as_deref(), Some("2017-10-25"));
    assert_eq!(d.conference, Some(6));
    assert_eq!(d.term.as_deref(), Some("XII"));
    assert_eq!(d.span.text, "Nghị quyết số 18-NQ/TW");
    let d = one("Chỉ thị số 05-CT/TW ngày 15 tháng 5 năm 2016 của Bộ Chính trị");
    assert_eq!(d.date.as_deref(), Some("2016-05-15"));
    let d = one("Ngày 2/8/2019, Ban Thường vụ Huyện ủy đã ban hành Kế hoạch số 30-KH/HU về");
    assert_eq!(d.date.as_deref(), Some("2019-08-02"));
    let d = one("Kế hoạch số 30-KH/HU, ngày 31/2/2019");
    assert_eq!(d.date, None, "no 31 February");
    let d = one("Nghị quyết số 04-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XII về tăng cường");
    assert_eq!((d.conference, d.term.as_deref()), (Some(4), Some("XII")));
    assert_eq!(d.span.text, "Nghị quyết số 04-NQ/TW");
    // The table knows 12-NQ/TW of 16/1/2012 as the XI Central Committee's fourth plenum.
    let d = one("Nghị quyết số 12-NQ/TW ngày 16/1/2012 của Ban Chấp hành");
    assert_eq!((d.conference, d.term.as_deref()), (Some(4), Some("XI")));
}

#[test]
fn bare_numbers_take_the_issuer_the_text_gives() {
    let d = one("học tập và làm theo Chỉ thị 05 của Bộ Chính trị");
    assert_eq!(
        (d.issuer.as_deref(), d.canonical.as_deref()),
        (Some("TW"), Some("05-CT/TW"))
    );
    assert_eq!(d.span.text, "Chỉ thị 05");
    let d = one("gắn với Nghị quyết 06 của Ban Chấp hành Đảng bộ tỉnh về phát triển");
    assert_eq!(d.canonical.as_deref(), Some("06-NQ/TU"));
    let d = one("thực hiện Nghị quyết 03 của Huyện ủy");
    assert_eq!(d.canonical.as_deref(), Some("03-NQ/HU"));
    let d = one("BTV Thị ủy chỉ đạo thực hiện Quy định 101 về trách nhiệm nêu gương");
    assert_eq!(
        d.canonical.as_deref(),
        Some("101-QD/TW"),
        "a bare party rule is the Centre's"
    );
    let d = one("Tỉnh ủy đã ban hành Nghị quyết 09 về phát triển du lịch");
    assert_eq!(
        d.canonical.as_deref(),
        Some("09-NQ/TU"),
        "the committee that issued it"
    );
    let d = one("theo Quyết định 217 của Chính phủ");
    assert_eq!(d.canonical.as_deref(), Some("217/QD-CP"));
    let d = one("theo Quyết định số 99");
    assert_eq!(d.canonical, None, "a decision names no default issuer");
}

#[test]
fn the_same_document_cited_with_its_code_settles_a_bare_number() {
    let got = rows(
        "Tỉnh ủy ban hành Nghị quyết số 04-NQ/TU về cán bộ. Sau 5 năm thực hiện Nghị quyết 04, toàn tỉnh đạt nhiều kết quả.",
    );
    assert_eq!(got.len(), 2);
    assert_eq!(got[1].5.as_deref(), Some("04-NQ/TU"));
}

#[test]
fn counts_and_durations_after_a_kind_are_not_numbers() {
    assert!(find("thực hiện nghị quyết 6 tháng đầu năm").is_empty());
    assert!(find("ban hành 3 nghị quyết, 5 kế hoạch 2 đề án").is_empty());
    assert!(find("Nghị quyết đạt 100% đảng viên học tập").is_empty());
    assert!(find("các nghị quyết, chỉ thị của Đảng").is_empty());
    assert!(find("xây dựng Kế hoạch 2024 sát thực tế").is_empty());
}

#[test]
fn plenum_resolutions_in_every_form() {
    let xi = Some("12-NQ/TW".to_string());
    for text in [
        "Nghị quyết Trung ương 4 (khóa XI)",
        "Nghị quyết Trung ương 4 khóa XI",
        "Nghị quyết Trung ương 4 (khoá XI)",
        "Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng (khóa XI)",
        "Nghị quyết Hội nghị lần thứ tư, Ban Chấp hành Trung ương Đảng (khóa XI)",
        "Nghị quyết Hội nghị lần thứ 4 Ban Chấp hành Trung ương Đảng khóa XI",
        "Nghị quyết Hội nghị Trung ương 4 khóa XI",
        "Nghị quyết Hội nghị Trung ương lần thứ 4 (khóa XI)",
        "Nghị quyết TW4 khóa XI",
        "NQTW4 khóa XI",
        "NQ T.Ư 4 (khóa XI)",
        "NQ TƯ 4 khóa XI",
        "NQTW4-XI",
        "Nghị quyết Trung ương 4 - khóa XI",
        "nghị quyết trung ương 4 khóa XI",
    ] {
        let d = one(&format!("quán triệt {text} về xây dựng Đảng"));
        assert_eq!(d.span.text, text);
        assert_eq!(
            (d.conference, d.term.as_deref()),
            (Some(4), Some("XI")),
            "{text}"
        );
        assert_eq!(d.canonical, xi, "{text}");
        assert_eq!(d.issuer.as_deref(), Some("TW"));
    }
    assert_eq!(
        canon("Nghị quyết Trung ương 4 (khóa XII)").as_deref(),
        Some("04-NQ/TW")
    );
    assert_eq!(
        canon("Nghị quyết Trung ương 3 (khóa VIII) về chiến lược cán bộ").as_deref(),
        Some("03-NQ/TW")
    );
    assert_eq!(
        canon("Nghị quyết Trung ương 6 (khóa XII)"),
        None,
        "four resolutions"
    );
    assert_eq!(
        canon("Nghị quyết Trung ương 6 (khóa XII) về công tác dân số trong tình hình mới")
            .as_deref(),
        Some("21-NQ/TW")
    );
    assert_eq!(
        canon("Nghị quyết Trung ương 4 (khóa XI) về kết cấu hạ tầng").as_deref(),
        Some("13-NQ/TW")
    );
}

#[test]
fn lists_of_numbers_share_the_code_printed_last() {
    let got = rows("các Nghị quyết số 18, 19-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương");
    let canon: Vec<_> = got.iter().map(|r| r.5.clone()).collect();
    assert_eq!(canon, [Some("18-NQ/TW".into()), Some("19-NQ/TW".into())]);
    let docs = find("Quy định 102 và 105 của Bộ Chính trị, Chỉ thị 05, 10 năm qua");
    let texts: Vec<_> = docs.iter().map(|d| d.span.text.as_str()).collect();
    assert_eq!(texts, ["Quy định 102", "105", "Chỉ thị 05"]);
    assert_eq!(docs[1].canonical.as_deref(), Some("105-QD/TW"));
}

#[test]
fn two_terms_make_two_citations() {
    let got = rows("thực hiện Nghị quyết Trung ương 4 khóa XI, XII gắn với Chỉ thị 05");
    let canon: Vec<_> = got.iter().map(|r| r.5.clone()).collect();
    assert_eq!(
        canon,
        [
            Some("12-NQ/TW".into()),
            Some("04-NQ/TW".into()),
            Some("05-CT/TW".into())
        ]
    );
}

#[test]
fn a_plenum_without_its_term_takes_it_from_the_article() {
    let got = rows(
        "Đảng bộ thực hiện Nghị quyết Trung ương 4 (khóa XI). Kết quả kiểm điểm theo NQTW4 cho thấy",
    );
    assert_eq!(got[1].4.as_deref(), Some("XI"));
    assert_eq!(got[1].5.as_deref(), Some("12-NQ/TW"));
    // The same plenum cited with its term later (a headline before the text).
    let got = rows(
        "Thực hiện NQTW4: chuyển biến rõ nét\nTheo tinh thần Nghị quyết Trung ương 4 (khóa XII), Tỉnh ủy",
    );
    assert_eq!(got[0].5.as_deref(), Some("04-NQ/TW"));
    // The Central Committee's term named with the plenum meeting.
    let got = rows(
        "Hội nghị Trung ương 7 khóa XII đã ban hành nghị quyết. Nghị quyết Trung ương 7 về cán bộ các cấp",
    );
    assert_eq!(got[0].4.as_deref(), Some("XII"));
    assert_eq!(got[0].5.as_deref(), Some("26-NQ/TW"));
    // Only the years of the article: 2013 is the XI Central Committee's time.
    let got = rows("Năm 2013, Đảng bộ tiếp tục thực hiện NQTW4. Đến tháng 6/2013 đã khắc phục");
    assert_eq!(
        (got[0].4.as_deref(), got[0].5.as_deref()),
        (Some("XI"), Some("12-NQ/TW"))
    );
    let got = rows("Trong năm 2018, các cấp ủy tiếp tục thực hiện Nghị quyết Trung ương 4");
    assert_eq!(got[0].5.as_deref(), Some("04-NQ/TW"));
    // The plenum cited by number with its term.
    let got = rows(
        "Nghị quyết số 04-NQ/TW ngày 30/10/2016 của Hội nghị lần thứ 4 Ban Chấp hành Trung ương. Sau một năm thực hiện Nghị quyết Trung ương 4",
    );
    assert_eq!(got[1].5.as_deref(), Some("04-NQ/TW"));
    // Nothing to go on: the term stays unknown and so does the canonical.
    let got = rows("xây dựng đề án thực hiện Nghị quyết Trung ương 6");
    assert_eq!(
        (got[0].3, got[0].4.clone(), got[0].5.clone()),
        (Some(6), None, None)
    );
}

#[test]
fn a_local_committee_term_is_not_the_central_one() {
    let got =
        rows("Nghị quyết Hội nghị lần thứ 5 Ban Chấp hành Đảng bộ tỉnh khóa XIX về chuyển đổi số");
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].2.as_deref(), Some("TU"));
    assert_eq!(got[0].4, None);
    assert_eq!(got[0].5, None);
    let got = rows(
        "Quy chế làm việc của Ban Chấp hành, Ban Thường vụ Tỉnh ủy khóa XIII. Thực hiện NQTW4",
    );
    assert_eq!(got.len(), 1);
    assert_ne!(got[0].4.as_deref(), Some("XIII"));
}

#[test]
fn short_texts_and_queries_resolve() {
    assert_eq!(resolve("NQTW4 khóa XI"), ["12-NQ/TW"]);
    assert_eq!(resolve("nq tw 4 khoa xi"), ["12-NQ/TW"]);
    assert_eq!(resolve("nqtw4-xii"), ["04-NQ/TW"]);
    assert_eq!(resolve("Nghị quyết 12"), ["12-NQ/TW"]);
    assert_eq!(resolve("nghi quyet so 12"), ["12-NQ/TW"]);
    assert_eq!(resolve("nghị quyết trung ương 4 khóa xii"), ["04-NQ/TW"]);
    assert_eq!(resolve("NQ12"), ["12-NQ/TW"]);
    assert_eq!(resolve("12-nq/tw"), ["12-NQ/TW"]);
    assert_eq!(resolve("30/nq-cp"), ["30/NQ-CP"]);
    let all = resolve("NQTW4");
    assert!(all.contains(&"12-NQ/TW".to_string()) && all.contains(&"04-NQ/TW".to_string()));
    assert!(resolve("đảng viên").is_empty());
    assert_eq!(find("NQTW4").len(), 1);
    assert_eq!(
        find("Nghị quyết 12")[0].canonical.as_deref(),
        Some("12-NQ/TW")
    );
}

#[test]
fn nothing_from_empty_or_plain_text() {
    assert!(find("").is_empty());
    assert!(find("Hội nghị Trung ương 4 bàn về công tác cán bộ").is_empty());
    assert!(find("NQ").is_empty());
    assert!(find("Ban Chấp hành Trung ương khóa XI").is_empty());
}
