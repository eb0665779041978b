//! Folding for search: Vietnamese diacritics and the stroke of `đ` removed.
//!
//! Folding is lossy (`dang` ← đảng, đăng, đang), so the index keeps it beside the exact
//! stream, never instead of it.

use super::normalize::collapse_space;
use unicode_normalization::char::decompose_canonical;

/// Folds one character into `out`: combining marks vanish, `đ`/`ð` → `d`.
#[inline]
pub fn fold_char(c: char, out: &mut impl Extend<char>) {
    if c.is_ascii() {
        out.extend(std::iter::once(c));
        return;
    }
    match c {
        'đ' | 'ð' => out.extend(std::iter::once('d')),
        'Đ' | 'Ð' => out.extend(std::iter::once('D')),
        _ if is_mark(c) => {}
        _ => decompose_canonical(c, |d| {
            if !is_mark(d) {
                out.extend(std::iter::once(d));
            }
        }),
    }
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Removes diacritics and `đ`'s stroke, and collapses white space as
/// [`normalize`](super::normalize) does, so that `fold(&normalize(x)) == fold(x)`.
pub fn fold(s: &str) -> String {
    let mut chars: Vec<char> = Vec::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut chars);
    }
    collapse_space(&chars, true)
}

/// [`fold`], then lower case: the search key of a syllable.
pub fn fold_lower(s: &str) -> String {
    fold(s).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese() {
        assert_eq!(
            fold("Đảng bộ tỉnh Thừa Thiên Huế"),
            "Dang bo tinh Thua Thien Hue"
        );
        assert_eq!(fold("Ðảng"), "Dang");
        assert_eq!(fold_lower("CÁN BỘ"), "can bo");
    }
}
