//! Syllable segmentation: the units Vietnamese is written and searched in.
//!
//! Vietnamese separates syllables with spaces, so a token is a run of letters and digits.
//! Numbers in Vietnamese notation (`3.456`, `22,06`) and document codes (`12-NQ/TW`,
//! `T.Ư`, `TP.HCM`) stay whole, because splitting them would make `12-NQ/TW` match every
//! article with a 12 in it. Dates (`16/1/2012`) and ranges (`2012-2015`) split into their
//! numbers, so a search for `2012` finds them.
//!
//! Reading names in running text needs plain syllables instead, codes split and byte
//! ranges walked both ways: that is [`super::syllable`].

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters only: a syllable or an abbreviation (`cán`, `UBND`).
    Word,
    /// Digits, with Vietnamese thousands dots or decimal commas (`3.456`, `22,06`).
    Number,
    /// Letters and digits joined (`12-NQ/TW`, `T.Ư`, `NQTW4`).
    Code,
}

/// One token: byte offsets into the segmented string, and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The token's text, a slice of the input.
    pub text: &'a str,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// What it is made of.
    pub kind: TokenKind,
}

#[inline]
fn is_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Character classes, as bits: the questions segmentation asks of every char.
const ALNUM: u8 = 1;
const ALPHA: u8 = 2;
const UPPER: u8 = 4;
const DIGIT: u8 = 8;

/// Classes of U+0000..U+1EFF (Latin with every Vietnamese letter, combining marks):
/// std's Unicode lookups for non-ASCII letters dominated segmentation time.
const TABLE_END: u32 = 0x1F00;

fn class_slow(c: char) -> u8 {
    let mut k = 0;
    if c.is_alphanumeric() || is_mark(c) {
        k |= ALNUM;
    }
    if c.is_alphabetic() {
        k |= ALPHA;
    }
    if c.is_uppercase() {
        k |= UPPER;
    }
    if c.is_ascii_digit() {
        k |= DIGIT;
    }
    k
}

static CLASSES: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(|| {
    (0..TABLE_END)
        .map(|cp| char::from_u32(cp).map_or(0, class_slow))
        .collect()
});

#[inline]
fn class(c: char) -> u8 {
    match CLASSES.get(c as usize) {
        Some(&k) => k,
        None => class_slow(c),
    }
}

/// Splits `s` into syllable tokens. Works on any text; best on normalised text.
pub fn segment(s: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::with_capacity(s.len() / 5);
    let mut it = s.char_indices().peekable();
    while let Some((start, c)) = it.next() {
        let kc = class(c);
        if kc & ALNUM == 0 {
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut has_digit = kc & DIGIT != 0;
        let mut has_alpha = kc & ALPHA != 0;
        let mut all_upper = kc & ALPHA == 0 || kc & UPPER != 0;
        let mut last = kc;
        while let Some(&(i, n)) = it.peek() {
            let kn = class(n);
            if kn & ALNUM != 0 {
                has_digit |= kn & DIGIT != 0;
                has_alpha |= kn & ALPHA != 0;
                if kn & ALPHA != 0 && kn & UPPER == 0 {
                    all_upper = false;
                }
                last = kn;
                end = i + n.len_utf8();
                it.next();
                continue;
            }
            if !matches!(n, '.' | ',' | '-' | '/') {
                break;
            }
            // Look past the joiner.
            let after = s[i + 1..].chars().next();
            let Some(a) = after else { break };
            let ka = class(a);
            if ka & ALNUM == 0 {
                break;
            }
            let (last_digit, last_upper) = (last & DIGIT != 0, last & UPPER != 0);
            let (a_digit, a_upper) = (ka & DIGIT != 0, ka & UPPER != 0);
            let joins = match n {
                // 3.456, 22,06: digits on both sides.
                '.' | ',' => {
                    (last_digit && a_digit && !has_alpha)
                        // T.Ư, TP.HCM: capitals on both sides.
                        || (n == '.' && last_upper && a_upper && all_upper)
                }
                // 12-NQ/TW, NQ-T.Ư, KH/TU: a code mixes digits and capitals.
                _ => {
                    (last_digit && a_upper)
                        || (last_upper && a_digit && all_upper)
                        || (last_upper && a_upper && all_upper)
                }
            };
            if !joins {
                break;
            }
            it.next(); // the joiner
            has_alpha |= ka & ALPHA != 0;
            has_digit |= a_digit;
            if ka & ALPHA != 0 && !a_upper {
                all_upper = false;
            }
        }
        let text = &s[start..end];
        let kind = if has_digit && has_alpha {
            TokenKind::Code
        } else if has_digit {
            TokenKind::Number
        } else if text.contains(['.', '-', '/']) {
            TokenKind::Code
        } else {
            TokenKind::Word
        };
        tokens.push(Token {
            text,
            start,
            end,
            kind,
        });
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        segment(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn syllables() {
        assert_eq!(texts("Cán bộ, đảng viên."), ["Cán", "bộ", "đảng", "viên"]);
    }

    #[test]
    fn numbers_stay_whole() {
        assert_eq!(
            texts("là 3.456 người, 22,06%."),
            ["là", "3.456", "người", "22,06"]
        );
        assert_eq!(segment("3.456")[0].kind, TokenKind::Number);
    }

    #[test]
    fn codes_stay_whole() {
        assert_eq!(texts("số 12-NQ/TW, ngày"), ["số", "12-NQ/TW", "ngày"]);
        assert_eq!(texts("11/NQ-T.Ư về"), ["11/NQ-T.Ư", "về"]);
        assert_eq!(texts("TP.HCM và T.Ư"), ["TP.HCM", "và", "T.Ư"]);
        assert_eq!(segment("12-NQ/TW")[0].kind, TokenKind::Code);
    }

    #[test]
    fn dates_and_ranges_split() {
        assert_eq!(texts("16/1/2012"), ["16", "1", "2012"]);
        assert_eq!(texts("2012-2015"), ["2012", "2015"]);
        assert_eq!(texts("kinh tế-xã hội"), ["kinh", "tế", "xã", "hội"]);
    }

    #[test]
    fn class_table_agrees_with_std() {
        for cp in 0..TABLE_END + 64 {
            if let Some(c) = char::from_u32(cp) {
                assert_eq!(class(c), class_slow(c), "U+{cp:04X}");
            }
        }
    }

    #[test]
    fn sentence_end_dot_is_not_joined() {
        assert_eq!(texts("năm 2012. Sau"), ["năm", "2012", "Sau"]);
    }
}
