//! Figures of the genre, in sentences written for these tests (not the seeds).

use baochi::entities::statistics;
use baochi::record::Statistic;

fn find(body: &str) -> Vec<Statistic> {
    let s = statistics::find(body);
    let chars: Vec<char> = body.chars().collect();
    for x in &s {
        let quoted: String = chars[x.span.start..x.span.end].iter().collect();
        assert_eq!(quoted, x.span.text);
    }
    s
}

/// (value, unit, year) of each figure.
fn got(body: &str) -> Vec<(f64, String, Option<String>)> {
    find(body)
        .into_iter()
        .map(|s| (s.value, s.unit, s.year))
        .collect()
}

fn f(v: f64, unit: &str, year: Option<&str>) -> (f64, String, Option<String>) {
    (v, unit.to_string(), year.map(str::to_string))
}

#[test]
fn counts_with_their_noun() {
    assert_eq!(
        got("Huyện đã kết nạp 212 đảng viên mới, tổ chức 14 lớp bồi dưỡng cho 1.250 học viên."),
        [
            f(212.0, "đảng viên", None),
            f(14.0, "lớp", None),
            f(1250.0, "học viên", None)
        ]
    );
    assert_eq!(got("thu hút 1.020 lượt người tham gia")[0].1, "lượt người");
    assert_eq!(
        got("có 45 tổ chức cơ sở đảng đạt")[0].1,
        "tổ chức cơ sở đảng"
    );
    assert_eq!(
        got("xử lý 7 trường hợp vi phạm")[0],
        f(7.0, "trường hợp", None)
    );
    assert_eq!(got("hỗ trợ 2,5 tỷ đồng")[0], f(2.5, "tỷ đồng", None));
    let s = &find("tiếp nhận 350 ý kiến đóng góp vào dự thảo")[0];
    assert_eq!(s.span.text, "350 ý kiến đóng góp");
    assert_eq!(s.subject.as_deref(), Some("ý kiến đóng góp"));
}

#[test]
fn shares() {
    let s = &find(
        "Năm 2019, có 85,5% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ (năm 2018 đạt 80,2%), có 12,3% đảng viên được khen.",
    )[..];
    assert_eq!(s.len(), 3);
    assert_eq!(
        (s[0].value, s[0].unit.as_str(), s[0].year.as_deref()),
        (85.5, "%", Some("2019"))
    );
    assert_eq!(
        s[0].subject.as_deref(),
        Some("tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ")
    );
    assert_eq!((s[1].value, s[1].year.as_deref()), (80.2, Some("2018")));
    assert_eq!(
        s[1].subject, s[0].subject,
        "a bracketed share compares with the one before"
    );
    let clean = &find("có 60% chi bộ trong sạch vững mạnh")[0];
    assert_eq!(
        clean.subject.as_deref(),
        Some("chi bộ trong sạch vững mạnh")
    );
    assert_eq!(
        (s[2].value, s[2].year.as_deref()),
        (12.3, Some("2019")),
        "the parenthesis closed"
    );
    let s = &find("tỷ lệ hộ nghèo giảm còn 3,2 %")[0];
    assert_eq!((s.value, s.unit.as_str()), (3.2, "%"));
    let s = &find("Tỷ lệ đảng viên tham gia học tập đạt 97%.")[0];
    assert_eq!(
        s.subject.as_deref(),
        Some("Tỷ lệ đảng viên tham gia học tập")
    );
}

#[test]
fn noun_named_before_and_list_items() {
    let s = got("Đến nay, tổng số đảng viên toàn huyện là 4.512.");
    assert_eq!(s, [f(4512.0, "đảng viên", None)]);
    let s = find(
        "Ủy ban Kiểm tra đã thi hành kỷ luật 12 đảng viên, với các hình thức khiển trách 07, cảnh cáo 03 và cách chức 02.",
    );
    let v: Vec<_> = s
        .iter()
        .map(|x| (x.value, x.unit.as_str(), x.subject.as_deref()))
        .collect();
    assert_eq!(
        v[1..],
        [
            (7.0, "đảng viên", Some("khiển trách")),
            (3.0, "đảng viên", Some("cảnh cáo")),
            (2.0, "đảng viên", Some("cách chức"))
        ]
    );
}

#[test]
fn years_from_the_sentence_and_the_paragraph() {
    let s = got(
        "Tính đến tháng 10/2019, đã kết nạp 98 đảng viên. Kiểm tra 12 tổ chức đảng và 20 đảng viên.\nToàn tỉnh có 300 chi bộ.",
    );
    assert_eq!(
        s,
        [
            f(98.0, "đảng viên", Some("2019")),
            f(12.0, "tổ chức đảng", Some("2019")),
            f(20.0, "đảng viên", Some("2019")),
            f(300.0, "chi bộ", None)
        ]
    );
    let s = got("Từ năm 2015 đến nay, đã luân chuyển 64 đồng chí.");
    assert_eq!(
        s,
        [f(64.0, "đồng chí", None)],
        "an open range gives no year"
    );
    let s = got("Trong quý I/2019, toàn tỉnh kết nạp 157 đảng viên mới.");
    assert_eq!(
        s,
        [f(157.0, "đảng viên", Some("2019"))],
        "a range inside one year gives that year"
    );
    let s = got("Giai đoạn 2012-2015, đã luân chuyển 64 đồng chí.");
    assert_eq!(
        s,
        [f(64.0, "đồng chí", None)],
        "a range over several years gives none"
    );
}

#[test]
fn not_figures() {
    for body in [
        "Nghị quyết Hội nghị lần thứ 4 Ban Chấp hành Trung ương",
        "Nghị quyết Trung ương 4 (khóa XI) và Chỉ thị 05, Quy định 76",
        "Kế hoạch số 93/KH-TU, ngày 11-1-2013",
        "bồi dưỡng cho học viên đối tượng 4 và 5",
        "lúc 20:09, 8h30 sáng",
        "Điều 5 Quy định, Phường 3, Quận 10",
        "sau 6 tháng, hai năm liền, 02 ngày",
        "Năm 2012 và năm 2013; giai đoạn 2012-2015",
        "phòng chống dịch Covid-19",
        "đạt 30 điểm",
        "tỷ lệ 3/4",
    ] {
        assert!(got(body).is_empty(), "{body}: {:?}", got(body));
    }
}

/// (value, unit, text) of each figure.
fn units(body: &str) -> Vec<(f64, String, String)> {
    find(body)
        .into_iter()
        .map(|s| (s.value, s.unit, s.span.text))
        .collect()
}

#[test]
fn counted_nouns_beyond_the_list_are_read_by_structure() {
    // None of these nouns is in counted_nouns.tsv: the phrase ends at a verb, an adverb, a
    // conjunction, punctuation or the line's end.
    let body = "Năm 2023, xã Tân Lập có 8 câu lạc bộ văn nghệ, 63 tổ tự quản và 11 điểm trường \
                được xây mới; 5 nhiệm vụ trọng tâm cần làm ngay, 4 chốt chặn đã lập.\nToàn huyện có 22 xóm";
    let got = units(body);
    let pairs: Vec<(f64, &str)> = got.iter().map(|(v, u, _)| (*v, u.as_str())).collect();
    assert_eq!(
        pairs,
        [
            (8.0, "câu lạc bộ văn nghệ"),
            (63.0, "tổ tự quản"),
            (11.0, "điểm trường"),
            (5.0, "nhiệm vụ"),
            (4.0, "chốt chặn"),
            (22.0, "xóm"),
        ],
        "{got:?}"
    );
    assert_eq!(got[2].2, "11 điểm trường");
}

#[test]
fn what_structure_does_not_take_for_a_count() {
    for body in [
        // Durations, ages, times: never what a number counts.
        "Sau 6 tháng triển khai, ông 65 tuổi đã 3 lần đến thăm.",
        // No end in sight within four syllables: not read.
        "Có 12 chi tiết kỹ thuật khác nhau rất đáng chú ý.",
        // A phrase that runs into a date is not read (the date keeps its words).
        "Có 4 tờ trình quý II/2020.",
        // A score: the word alone is no count.
        "Đơn vị đạt 95 điểm.",
        // A verb or a preposition right after the number is no noun.
        "Tỷ lệ tăng 15 so với năm trước; đạt 9 trên 10.",
        // A name after the number is not a counted noun.
        "Đội 3 Hòa Bình thắng.",
        // Another language: its words are not read with Vietnamese grammar.
        "The council voted 41 to 6 on the plan, with 60,000 from the county.",
    ] {
        assert!(units(body).is_empty(), "{body}: {:?}", units(body));
    }
}
