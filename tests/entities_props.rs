//! The three finders on arbitrary text: no panic, offsets quote the text, mentions in
//! body order. Inputs mix the pieces citations, dates and figures are made of, so the
//! finders' edge paths (cut-off codes, parentheses, multi-byte letters next to digits) run.

use baochi::entities::{dates, documents, find_all, localities, officials, statistics};
use baochi::record::Span;
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "Nghị quyết",
    "nghị quyết",
    "NQ",
    "TW",
    "T.Ư",
    "TƯ",
    "Trung ương",
    "Hội nghị",
    "lần thứ",
    "tư",
    "Ban Chấp hành",
    "Đảng",
    "(khóa",
    "khóa",
    "XI",
    "XII)",
    ")",
    "(",
    "số",
    "12",
    "-",
    "/",
    "NQ/TW",
    "QĐ",
    "-HU",
    "Quy định",
    "Chỉ thị",
    "05",
    "của",
    "Bộ Chính trị",
    "Tỉnh ủy",
    "ban hành",
    "ngày",
    "16/1/2012",
    "28 - 29/3/2012",
    "tháng",
    "11/2017",
    "năm",
    "2012",
    "2012-2015",
    "quý I/2018",
    "Thứ Sáu,",
    "20:09",
    "157",
    "đảng viên",
    "3.456",
    "22,06",
    "%",
    "lớp",
    "tổ chức cơ sở đảng",
    "là",
    "tổng số",
    "khiển trách",
    "09",
    ",",
    ".",
    ";",
    "và",
    "\n\n",
    "ủy",
    "Ủy",
    "ữ",
    "đối tượng",
    "4",
    "tháng",
    "35/35",
    "xã",
    "triệu",
    "tỷ đồng",
    "đồng chí",
    "Nguyễn Văn Hùng",
    "Bí thư",
    "huyện",
    "Thọ Xuân",
    "tỉnh",
    "Thanh Hóa",
    "phường",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(PIECES).prop_map(str::to_string),
            1 => "[0-9]{1,5}",
            1 => "\\PC{0,3}",
        ],
        0..40,
    )
    .prop_map(|parts| {
        let mut s = String::new();
        for (i, p) in parts.iter().enumerate() {
            if i > 0 && !p.starts_with([',', '.', ';', ')', '%']) {
                s.push(' ');
            }
            s.push_str(p);
        }
        s
    })
}

fn quoted(chars: &[char], start: usize, end: usize) -> String {
    chars[start..end].iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn finders_never_panic_and_quote_the_body(body in text()) {
        let chars: Vec<char> = body.chars().collect();
        let docs = documents::find(&body);
        let ds = dates::find(&body);
        let stats = statistics::find(&body);
        for d in &docs {
            prop_assert!(d.span.start < d.span.end && d.span.end <= chars.len());
            prop_assert_eq!(quoted(&chars, d.span.start, d.span.end), d.span.text.clone());
        }
        for w in docs.windows(2) {
            prop_assert!(w[0].span.start <= w[1].span.start);
        }
        for d in &ds {
            prop_assert_eq!(quoted(&chars, d.span.start, d.span.end), d.span.text.clone());
            prop_assert!(d.value.len() >= 4);
        }
        for s in &stats {
            prop_assert_eq!(quoted(&chars, s.span.start, s.span.end), s.span.text.clone());
            prop_assert!(s.value.is_finite());
            // A figure never sits inside a date or a document number.
            prop_assert!(!ds.iter().any(|d| d.span.start < s.span.end && s.span.start < d.span.end));
        }
        let _ = documents::resolve(&body);
    }

    #[test]
    fn every_list_of_a_record_quotes_the_body_as_its_finder_does(body in text()) {
        // The record's lists are found in bytes and converted once; each finder alone
        // converts its own. Both must give the same spans, quoting the body.
        let chars: Vec<char> = body.chars().collect();
        let e = find_all(&body, None);
        let lists = [
            spans(&e.documents, |d| &d.span),
            spans(&e.dates, |d| &d.span),
            spans(&e.officials, |o| &o.span),
            spans(&e.localities, |l| &l.span),
            spans(&e.statistics, |s| &s.span),
        ];
        for span in lists.iter().flatten() {
            prop_assert!(span.start <= span.end && span.end <= chars.len());
            prop_assert_eq!(quoted(&chars, span.start, span.end), span.text.clone());
        }
        let people = officials::find(&body);
        prop_assert_eq!(&lists[0], &spans(&documents::find(&body), |d| &d.span));
        prop_assert_eq!(&lists[1], &spans(&dates::find(&body), |d| &d.span));
        prop_assert_eq!(&lists[2], &spans(&people, |o| &o.span));
        prop_assert_eq!(&lists[3], &spans(&localities::find(&body, &people), |l| &l.span));
        prop_assert_eq!(&lists[4], &spans(&statistics::find(&body), |s| &s.span));
    }
}

fn spans<T>(list: &[T], span: impl Fn(&T) -> &Span) -> Vec<Span> {
    list.iter().map(|x| span(x).clone()).collect()
}
