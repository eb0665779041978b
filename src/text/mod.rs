//! Vietnamese text: decoding bytes into text, the contract's normalisation, folding for
//! search, and syllable segmentation.
//!
//! Input: raw bytes or any Rust string (NFD, `Ð` for `Đ`, reformed tone placement, odd
//! white space). Output: text every other stage can compare byte for byte.
//!
//! ```
//! use baochi::text::{normalize, fold};
//! assert_eq!(normalize("Tỉnh uỷ  Ðiện Biên"), "Tỉnh ủy Điện Biên");
//! assert_eq!(fold("Đảng ủy"), "Dang uy");
//! ```

pub mod decode;
mod fold;
mod normalize;
mod segment;
pub mod syllable;

pub use fold::{fold, fold_char, fold_lower};
pub use normalize::{is_vietnamese_prose, normalize, normalize_line};
pub use segment::{Token, TokenKind, segment};

/// How many Latin-script characters `c` stands for when the extractor measures text: a
/// Chinese or Japanese word takes one or two characters where an English or Vietnamese one
/// takes five or six with its space, so a paragraph of 150 ideographs is as long as one of
/// 450 letters. Han ideographs and kana count [`WIDE_WEIGHT`], Hangul syllables (Korean
/// spaces its words) [`HANGUL_WEIGHT`], everything else one.
pub fn text_weight(c: char) -> u32 {
    match c {
        '\u{3040}'..='\u{30FF}' // kana
        | '\u{3400}'..='\u{4DBF}' // Han extension A
        | '\u{4E00}'..='\u{9FFF}' // Han
        | '\u{F900}'..='\u{FAFF}' // Han compatibility
        | '\u{20000}'..='\u{2FA1F}' => WIDE_WEIGHT,
        '\u{AC00}'..='\u{D7AF}' => HANGUL_WEIGHT,
        _ => 1,
    }
}

/// Latin characters one Han ideograph or kana stands for (see [`text_weight`]).
pub const WIDE_WEIGHT: u32 = 3;
/// Latin characters one Hangul syllable stands for (see [`text_weight`]).
pub const HANGUL_WEIGHT: u32 = 2;

/// The length of `s` in Latin-script characters (see [`text_weight`]).
pub fn text_len(s: &str) -> u32 {
    s.chars().map(text_weight).sum()
}

#[cfg(test)]
mod weight_tests {
    use super::*;

    #[test]
    fn ideographs_count_as_the_letters_they_stand_for() {
        assert_eq!(text_len("Đảng ủy"), 7);
        assert_eq!(text_len("図書館"), 9);
        assert_eq!(text_len("としょかん"), 15);
        assert_eq!(text_len("도서관"), 6);
        assert_eq!(text_len("ห้องสมุด"), 8);
    }
}
