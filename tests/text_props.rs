//! Property tests of the contract's normalisation and of search folding.

use baochi::text::{fold, normalize, normalize_line, segment};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

/// Vietnamese-looking text: syllables from a pool that covers every trap (NFD, Ð, reformed
/// tones, codes, numbers), joined with assorted white space and punctuation.
fn vietnamese() -> impl Strategy<Value = String> {
    let pool = prop::sample::select(vec![
        "Đảng",
        "Ðảng",
        "ðoàn",
        "uỷ",
        "ủy",
        "hoà",
        "hòa",
        "khoẻ",
        "thuỷ",
        "hoàn",
        "quý",
        "thuyết",
        "Tỉnh",
        "HOÀ",
        "12-NQ/TW",
        "T.Ư",
        "3.456",
        "22,06%",
        "cán",
        "bộ",
        "Cần",
        "Thơ",
        "NQTW4",
        "x",
        "ò",
        "\u{0301}",
        "\u{00A0}",
        "\u{200B}",
        "a\u{0300}",
    ]);
    let sep = prop::sample::select(vec![
        " ", "  ", "\t", "\n", "\n\n\n", "\r\n", ", ", ". ", "",
    ]);
    prop::collection::vec((pool, sep), 0..30).prop_map(|parts| {
        parts
            .into_iter()
            .map(|(w, s)| format!("{w}{s}"))
            .collect::<String>()
    })
}

proptest! {
    #[test]
    fn normalize_is_idempotent(s in vietnamese()) {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once.clone());
        prop_assert_eq!(normalize_line(&once), normalize_line(&s));
    }

    #[test]
    fn normalize_output_meets_the_contract(s in vietnamese()) {
        let n = normalize(&s);
        prop_assert!(unicode_normalization::is_nfc(&n));
        // An eth opening a word is a Vietnamese `Đ`; none is left there.
        let chars: Vec<char> = n.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            let opens = i == 0
                || (!chars[i - 1].is_alphanumeric()
                    && !('\u{300}'..='\u{36F}').contains(&chars[i - 1]));
            prop_assert!(!(opens && ['\u{00D0}', '\u{00F0}'].contains(c)), "eth left in {:?}", n);
        }
        prop_assert!(!n.contains("  "));
        for word in n.split(|c: char| !c.is_alphanumeric() && !('\u{300}'..='\u{36F}').contains(&c)) {
            let reformed = ["uỷ", "hoà", "khoẻ", "thuỷ", "HOÀ"].contains(&word);
            prop_assert!(!reformed, "{} left in {:?}", word, n);
        }
    }

    #[test]
    fn folding_ignores_normalisation(s in vietnamese()) {
        prop_assert_eq!(fold(&normalize(&s)), fold(&s));
        let nfd: String = s.nfd().collect();
        prop_assert_eq!(fold(&nfd), fold(&s));
    }

    #[test]
    fn nfd_and_eth_normalise_to_the_clean_form(s in vietnamese()) {
        let nfd: String = s.nfd().collect();
        prop_assert_eq!(normalize(&nfd), normalize(&s));
        // `Ð`/`ð` typed for `Đ`/`đ` where a syllable opens a word (glued syllables aside:
        // an eth inside a word is another language's letter).
        let mut eth = String::with_capacity(s.len());
        let mut prev: Option<char> = None;
        for c in s.chars() {
            let opens = prev.is_none_or(|p| {
                ['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}'].contains(&p)
                    || (!p.is_alphanumeric() && !('\u{300}'..='\u{36F}').contains(&p))
            });
            eth.push(match c {
                'Đ' if opens => '\u{00D0}',
                'đ' if opens => '\u{00F0}',
                c => c,
            });
            prev = Some(c);
        }
        prop_assert_eq!(normalize(&eth), normalize(&s));
    }

    #[test]
    fn no_input_panics(s in any::<String>()) {
        let n = normalize(&s);
        let _ = fold(&s);
        for t in segment(&n) {
            prop_assert_eq!(&n[t.start..t.end], t.text);
        }
    }
}
