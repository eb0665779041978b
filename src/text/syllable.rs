//! Syllables as byte ranges: the one splitter for reading names and words in running text.
//!
//! A syllable is a run of letters and digits (every non-ASCII byte counts as a letter until
//! a token's edges are trimmed of curly quotes and dashes), with an apostrophe inside a word
//! kept (`H'Mông`). The gazetteer and the localities finder walk a body with these, forwards
//! and backwards, to read the syllables before and after a name. [`super::segment`] tokenises
//! for the index instead: it keeps numbers and codes (`3.456`, `12-NQ/TW`) whole, which a
//! name reader must not.

/// The syllables of a name or text: runs of letters and digits, with an apostrophe inside a
/// word kept (`H'Mông`, `Ea H'leo`). Byte ranges.
///
/// This runs over every body, so it splits on ASCII bytes first (Vietnamese separates
/// syllables with spaces and ASCII punctuation) and looks at non-ASCII characters only at a
/// token's edges, where curly quotes and dashes stand.
pub fn syllables(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(s.len() / 6);
    let mut start = usize::MAX;
    for (i, &byte) in b.iter().enumerate() {
        match CLASS[byte as usize] {
            0 => {
                if start == usize::MAX {
                    start = i;
                }
                continue;
            }
            // An apostrophe between two word bytes stays in the word.
            2 if start != usize::MAX && b.get(i + 1).is_some_and(|&n| CLASS[n as usize] == 0) => {
                continue;
            }
            _ => {}
        }
        if start != usize::MAX {
            push_trimmed(s, start, i, &mut out);
            start = usize::MAX;
        }
    }
    if start != usize::MAX {
        push_trimmed(s, start, b.len(), &mut out);
    }
    out
}

/// The first syllable of `s` at or after byte `from` (as [`syllables`] splits), if any.
pub fn next_syllable(s: &str, from: usize) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let mut i = from;
    loop {
        while i < b.len() && CLASS[b[i] as usize] != 0 {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        let start = i;
        while i < b.len()
            && (CLASS[b[i] as usize] == 0
                || (CLASS[b[i] as usize] == 2
                    && b.get(i + 1).is_some_and(|&n| CLASS[n as usize] == 0)))
        {
            i += 1;
        }
        if let Some(w) = trimmed(s, start, i) {
            return Some(w);
        }
    }
}

/// The last syllable of `s` that ends at or before byte `before` (as [`syllables`] splits).
pub fn prev_syllable(s: &str, before: usize) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let mut i = before.min(b.len());
    loop {
        while i > 0 && CLASS[b[i - 1] as usize] != 0 {
            i -= 1;
        }
        if i == 0 {
            return None;
        }
        let end = i;
        while i > 0
            && (CLASS[b[i - 1] as usize] == 0
                || (CLASS[b[i - 1] as usize] == 2
                    && i >= 2
                    && CLASS[b[i - 2] as usize] == 0
                    && CLASS[b[i] as usize] == 0))
        {
            i -= 1;
        }
        if let Some(w) = trimmed(s, i, end) {
            return Some(w);
        }
    }
}

/// `s[start..end]` without the non-word characters at its edges, unless nothing is left.
#[inline]
fn trimmed(s: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let mut tok = &s[start..end];
    let mut st = start;
    if tok.as_bytes()[0] >= 0x80 {
        while let Some(c) = tok.chars().next().filter(|&c| !is_word_char(c)) {
            st += c.len_utf8();
            tok = &tok[c.len_utf8()..];
        }
    }
    if tok.as_bytes().last().is_some_and(|&b| b >= 0x80) {
        while let Some(c) = tok.chars().next_back().filter(|&c| !is_word_char(c)) {
            tok = &tok[..tok.len() - c.len_utf8()];
        }
    }
    (!tok.is_empty()).then_some((st, st + tok.len()))
}

/// Where the syllable that starts at byte `at` (a word byte after a split) ends, without
/// trimming: for skipping a syllable that cannot start a name.
#[inline]
pub fn skip_word(b: &[u8], mut at: usize) -> usize {
    while at < b.len()
        && (CLASS[b[at] as usize] == 0
            || (CLASS[b[at] as usize] == 2
                && b.get(at + 1).is_some_and(|&n| CLASS[n as usize] == 0)))
    {
        at += 1;
    }
    at
}

/// Whether byte `b` is a word byte (ASCII letter or digit, or any non-ASCII byte).
#[inline]
pub fn is_word_byte(b: u8) -> bool {
    CLASS[b as usize] == 0
}

/// Pushes `s[start..end]` without the non-word characters at its edges (“, ”, –, …);
/// UTF-8 boundaries hold because splits are ASCII bytes.
#[inline]
fn push_trimmed(s: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    if let Some(w) = trimmed(s, start, end) {
        out.push(w);
    }
}

/// Byte classes: 0 inside a word (ASCII letters and digits, every non-ASCII byte), 1 a
/// split, 2 an apostrophe.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        if !c.is_ascii_alphanumeric() {
            t[i] = 1;
        }
        i += 1;
    }
    t[b'\'' as usize] = 2;
    t
};

/// Letters, digits and combining marks; Vietnamese letters answered from their blocks.
#[inline]
pub fn is_word_char(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        '\u{D7}' | '\u{F7}' => false,
        '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' | '\u{300}'..='\u{36F}' => true,
        _ => c.is_alphanumeric(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_keep_inner_apostrophes() {
        let s = "Ea H'leo, TP.HCM và “Bà Rịa - Vũng Tàu”";
        let words: Vec<&str> = syllables(s).into_iter().map(|(a, b)| &s[a..b]).collect();
        assert_eq!(
            words,
            ["Ea", "H'leo", "TP", "HCM", "và", "Bà", "Rịa", "Vũng", "Tàu"]
        );
    }

    #[test]
    fn next_and_prev_syllable_agree_with_syllables() {
        let s = "“Ea H'leo” – 'Đảng bộ' TP.HCM, xã Ba Đình… (Bỉm Sơn)'";
        let all = syllables(s);
        let mut fwd = Vec::new();
        let mut at = 0;
        while let Some(w) = next_syllable(s, at) {
            fwd.push(w);
            at = w.1;
        }
        assert_eq!(fwd, all);
        let mut back = Vec::new();
        let mut at = s.len();
        while let Some(w) = prev_syllable(s, at) {
            back.push(w);
            at = w.0;
        }
        back.reverse();
        assert_eq!(back, all);
    }
}
