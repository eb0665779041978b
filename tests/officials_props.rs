//! Properties of the officials finder on arbitrary text: it never panics, every span quotes
//! the body at code point offsets, mentions come in body order, and titles carry no
//! trailing punctuation.

use baochi::entities::officials::find;
use baochi::text::normalize;
use proptest::prelude::*;

/// Words that make names, titles, places and cues, so random text hits the finder's paths.
const WORDS: &[&str] = &[
    "Nguyễn",
    "Văn",
    "Thị",
    "A",
    "Bằng",
    "Vừ",
    "Lò",
    "Y",
    "Biêr",
    "Niê",
    "K'Nhai",
    "H’Hen",
    "HʼYim",
    "đồng",
    "chí",
    "Đồng",
    "ông",
    "Ông",
    "bà",
    "Bí",
    "thư",
    "Phó",
    "Chủ",
    "tịch",
    "Tỉnh",
    "Huyện",
    "ủy",
    "viên",
    "UBND",
    "HĐND",
    "tỉnh",
    "huyện",
    "xã",
    "Hà",
    "Giang",
    "Hồ",
    "Chí",
    "Minh",
    "TP",
    "Thái",
    "Nguyên",
    "Ảnh",
    "Bài",
    "Tin",
    "ảnh",
    "và",
    "kiêm",
    "nguyên",
    "Trưởng",
    "ban",
    "Ban",
    "Tổ",
    "chức",
    "thôn",
    "3",
    "khóa",
    "XIII",
    "UVTW",
    "Đảng",
    "cho",
    "biết",
    "Hoàng",
    "Su",
    "Phì",
    "Lâm",
    "Hà",
    "T.Ư",
    "12-NQ/TW",
    "ĐBQH",
    "Trà",
    "Hương",
];
const GAPS: &[&str] = &[
    " ", " ", " ", ", ", ". ", ": ", " - ", "-", "(", ") ", "\n", "\n\n", "/", "; ",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec((0..WORDS.len(), 0..GAPS.len()), 0..60).prop_map(|parts| {
        parts
            .into_iter()
            .map(|(w, g)| format!("{}{}", WORDS[w], GAPS[g]))
            .collect()
    })
}

fn check(body: &str) {
    let body = normalize(body);
    let chars: Vec<char> = body.chars().collect();
    let mut last = 0;
    for o in find(&body) {
        assert!(o.span.start < o.span.end && o.span.end <= chars.len());
        let quoted: String = chars[o.span.start..o.span.end].iter().collect();
        assert_eq!(quoted, o.span.text);
        assert!(o.span.start >= last, "mentions in body order");
        last = o.span.end;
        assert!(!o.name.is_empty() && o.name.split(' ').count() >= 2);
        for t in &o.titles {
            assert!(!t.is_empty());
            assert!(!t.ends_with([',', '.', ';', ':', ' ', '-', '(']), "{t:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn spans_quote_the_body_in_genre_like_text(s in text()) {
        check(&s);
    }

    #[test]
    fn never_panics_on_any_text(s in any::<String>()) {
        check(&s);
    }
}

/// Work grows with the text, not with its square: a long article of many mentions.
#[test]
fn long_article_is_linear() {
    let para = "Đồng chí Nguyễn Văn An, Bí thư Huyện ủy, Chủ tịch HĐND huyện phát biểu. \
                Ông Lò Văn Bảo - Chủ tịch UBND xã cho biết, bà Lê Thị Hoa cũng đồng ý.\n\n";
    let body = normalize(&para.repeat(2000));
    let start = std::time::Instant::now();
    let found = find(&body);
    assert_eq!(found.len(), 6000);
    // Generous: a few milliseconds in release, well under this in a debug build.
    assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
}
