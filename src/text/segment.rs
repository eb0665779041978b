//! Syllable segmentation: the units Vietnamese is written and searched in.
//!
//! Vietnamese separates syllables with spaces, so a token is a run of letters and digits.
//! Numbers in Vietnamese notation (`3.456`, `22,06`) and document codes (`12-NQ/TW`,
//! `T.Ư`, `TP.HCM`) stay whole, because splitting them would make `12-NQ/TW` match every
//! article with a 12 in it. Dates (`16/1/2012`) and ranges (`2012-2015`) split into their
//! numbers, so a search for `2012` finds them.

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

#[inline]
fn is_alnum(c: char) -> bool {
    // Fast paths for ASCII and the Latin blocks Vietnamese letters live in: the generic
    // Unicode lookup is most of the cost of segmenting Vietnamese text.
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0xC0..=0x24F => c != '\u{D7}' && c != '\u{F7}',
        0x1E00..=0x1EFF => true,
        _ => c.is_alphanumeric() || is_mark(c),
    }
}

#[inline]
fn is_alpha(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphabetic(),
        0xC0..=0x24F => c != '\u{D7}' && c != '\u{F7}',
        0x1E00..=0x1EFF => true,
        _ => c.is_alphabetic(),
    }
}

/// Splits `s` into syllable tokens. Works on any text; best on normalised text.
pub fn segment(s: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::with_capacity(s.len() / 5);
    let mut it = s.char_indices().peekable();
    while let Some((start, c)) = it.next() {
        if !is_alnum(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut has_digit = c.is_ascii_digit();
        let mut has_alpha = is_alpha(c);
        let mut all_upper = !is_alpha(c) || c.is_uppercase();
        let mut last = c;
        loop {
            let Some(&(i, n)) = it.peek() else { break };
            if is_alnum(n) {
                has_digit |= n.is_ascii_digit();
                has_alpha |= is_alpha(n);
                if is_alpha(n) && !n.is_uppercase() {
                    all_upper = false;
                }
                last = n;
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
            if !is_alnum(a) {
                break;
            }
            let joins = match n {
                // 3.456, 22,06: digits on both sides.
                '.' | ',' => {
                    (last.is_ascii_digit() && a.is_ascii_digit() && !has_alpha)
                        // T.Ư, TP.HCM: capitals on both sides.
                        || (n == '.' && last.is_uppercase() && a.is_uppercase() && all_upper)
                }
                // 12-NQ/TW, NQ-T.Ư, KH/TU: a code mixes digits and capitals.
                _ => {
                    (last.is_ascii_digit() && a.is_uppercase())
                        || (last.is_uppercase() && a.is_ascii_digit() && all_upper)
                        || (last.is_uppercase() && a.is_uppercase() && all_upper)
                }
            };
            if !joins {
                break;
            }
            it.next(); // the joiner
            has_alpha |= is_alpha(a);
            has_digit |= a.is_ascii_digit();
            if is_alpha(a) && !a.is_uppercase() {
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
    fn fast_alnum_agrees_with_unicode() {
        for c in (0u32..0x2000).filter_map(char::from_u32) {
            assert_eq!(is_alnum(c), c.is_alphanumeric() || is_mark(c), "{c:?}");
            assert_eq!(is_alpha(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn dates_and_ranges_split() {
        assert_eq!(texts("16/1/2012"), ["16", "1", "2012"]);
        assert_eq!(texts("2012-2015"), ["2012", "2015"]);
        assert_eq!(texts("kinh tế-xã hội"), ["kinh", "tế", "xã", "hội"]);
    }

    #[test]
    fn sentence_end_dot_is_not_joined() {
        assert_eq!(texts("năm 2012. Sau"), ["năm", "2012", "Sau"]);
    }
}
