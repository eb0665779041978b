//! Vietnamese analysis: one syllable stream with diacritics (normalised, lower case) and
//! one folded stream (diacritics and `đ`'s stroke removed), at the same positions.
//!
//! Input: any text (NFD, `Ð`, reformed tone placement, upper case). Output: the same
//! syllables a clean, normalised copy of the text gives, so that every spelling of a page
//! indexes identically. Document codes (`12/NQ-TW`, `12-NQ/TW`) become one canonical token
//! so a search for one form finds the others.
//!
//! ```
//! use baochi::index::analyzer::{exact, folded};
//! assert_eq!(exact("Tỉnh uỷ"), ["tỉnh", "ủy"]);
//! assert_eq!(folded("ĐẢNG ủy"), ["dang", "uy"]);
//! ```

use crate::entities::documents::DocCode;
use crate::text::{Token as Seg, TokenKind, fold_char, normalize, segment};
use std::cell::RefCell;
use std::sync::LazyLock;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Name of the tokenizer of the exact stream (diacritics kept, lower case).
pub const EXACT: &str = "vi";
/// Name of the tokenizer of the folded stream (no diacritics, lower case).
pub const FOLDED: &str = "vi_fold";

/// Appends the exact form of one segmented token to `out`: normalised (NFC, `Đ`, traditional
/// tone placement), lower case; a document code in its canonical form.
pub fn push_exact(tok: &str, kind: TokenKind, out: &mut String) {
    if kind == TokenKind::Code
        && let Some(code) = DocCode::canonical(tok)
    {
        out.extend(code.chars().flat_map(char::to_lowercase));
        return;
    }
    if tok.is_ascii() {
        out.extend(tok.bytes().map(|b| b.to_ascii_lowercase() as char));
        return;
    }
    let begin = out.len();
    let lower = &*LOWER;
    for c in tok.chars() {
        if needs_slow_path(c) {
            // Combining marks or `Ð`: the shared normaliser composes them.
            out.truncate(begin);
            let n = normalize(tok);
            out.extend(n.chars().flat_map(char::to_lowercase));
            return;
        }
        match lower.get(c as usize) {
            Some(&l) if l != u32::MAX => out.push(char::from_u32(l).unwrap_or(c)),
            _ => out.extend(c.to_lowercase()),
        }
    }
    retone_last(out, begin);
}

/// Lower case of U+0000..U+1EFF, `u32::MAX` where it is not one char: std's lookup was a
/// tenth of the analysis time.
static LOWER: LazyLock<Vec<u32>> = LazyLock::new(|| {
    (0u32..0x1F00)
        .map(|cp| {
            let Some(c) = char::from_u32(cp) else {
                return u32::MAX;
            };
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(x), None) => x as u32,
                _ => u32::MAX,
            }
        })
        .collect()
});

/// Chars the fast path cannot handle: combining marks (NFD input) and the eth.
#[inline]
fn needs_slow_path(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | 'Ð' | 'ð' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}')
}

/// The reformed placement on the last vowel of an open `oa`/`oe`/`uy` syllable (`hoà`,
/// `uỷ`) moved to the first (`hòa`, `ủy`), as [`normalize`] does, on the lower-case syllable
/// `out[begin..]`.
fn retone_last(out: &mut String, begin: usize) {
    let syl = &out[begin..];
    // Every toned a/e/y is a 2- or 3-byte char; most syllables end otherwise.
    if syl.len() < 3 || syl.as_bytes()[syl.len() - 1] < 0x80 {
        return;
    }
    let mut rev = syl.char_indices().rev();
    let Some((last_i, last)) = rev.next() else {
        return;
    };
    let Some((prev_i, prev)) = rev.next() else {
        return;
    };
    const A: [char; 5] = ['à', 'á', 'ả', 'ã', 'ạ'];
    const E: [char; 5] = ['è', 'é', 'ẻ', 'ẽ', 'ẹ'];
    const Y: [char; 5] = ['ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'];
    const O: [char; 5] = ['ò', 'ó', 'ỏ', 'õ', 'ọ'];
    const U: [char; 5] = ['ù', 'ú', 'ủ', 'ũ', 'ụ'];
    let (plain, before, tone) = if let Some(t) = A.iter().position(|&x| x == last) {
        ('a', 'o', t)
    } else if let Some(t) = E.iter().position(|&x| x == last) {
        ('e', 'o', t)
    } else if let Some(t) = Y.iter().position(|&x| x == last) {
        ('y', 'u', t)
    } else {
        return;
    };
    if prev != before {
        return;
    }
    // `quý`: the u belongs to the onset.
    if before == 'u' && rev.next().is_some_and(|(_, c)| c == 'q') {
        return;
    }
    let toned = if before == 'o' { O[tone] } else { U[tone] };
    let at = begin + prev_i;
    let _ = last_i;
    out.truncate(at);
    out.push(toned);
    out.push(plain);
}

/// Folded forms of the Latin letters with diacritics (U+00C0..U+1EFF), 0 where a letter
/// does not fold to one ASCII letter. Built from the shared [`fold_char`] so both agree.
static FOLD_TABLE: LazyLock<Vec<u8>> = LazyLock::new(|| {
    (0xC0u32..0x1F00)
        .map(|cp| {
            let Some(c) = char::from_u32(cp) else {
                return 0;
            };
            let mut buf = String::new();
            fold_char(c, &mut buf);
            let mut it = buf.chars();
            match (it.next(), it.next()) {
                (Some(f), None) if f.is_ascii() => f as u8,
                _ => 0,
            }
        })
        .collect()
});

/// Appends the folded form of an already exact (normalised, lower-case) syllable.
pub fn push_folded(exact: &str, out: &mut String) {
    if exact.is_ascii() {
        out.push_str(exact);
        return;
    }
    let table = &*FOLD_TABLE;
    for c in exact.chars() {
        let cp = c as u32;
        if cp < 0x80 {
            out.push(c);
        } else if (0xC0..0x1F00).contains(&cp) && table[(cp - 0xC0) as usize] != 0 {
            out.push(table[(cp - 0xC0) as usize] as char);
        } else {
            let mut tmp = String::new();
            fold_char(c, &mut tmp);
            out.extend(tmp.chars().flat_map(char::to_lowercase));
        }
    }
}

/// One analysed syllable: where it stands in the input and its two forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Syllable {
    /// Byte offset of the first byte in the input.
    pub start: usize,
    /// Byte offset one past the last byte in the input.
    pub end: usize,
    /// The exact form: normalised, lower case.
    pub exact: String,
    /// The folded form: no diacritics, lower case.
    pub folded: String,
}

/// Analyses `text` into both streams in one pass, calling `f` per syllable with its
/// position, byte offsets and the two forms. Buffers are reused between syllables.
pub fn analyze(text: &str, mut f: impl FnMut(usize, &Seg<'_>, &str, &str)) {
    let mut exact = String::with_capacity(32);
    let mut fold = String::with_capacity(32);
    for (pos, tok) in segment(text).iter().enumerate() {
        exact.clear();
        fold.clear();
        push_exact(tok.text, tok.kind, &mut exact);
        push_folded(&exact, &mut fold);
        f(pos, tok, &exact, &fold);
    }
}

/// All syllables of `text` with both forms.
pub fn syllables(text: &str) -> Vec<Syllable> {
    let mut out = Vec::new();
    analyze(text, |_, tok, e, f| {
        out.push(Syllable {
            start: tok.start,
            end: tok.end,
            exact: e.to_string(),
            folded: f.to_string(),
        })
    });
    out
}

/// The exact stream of `text`.
pub fn exact(text: &str) -> Vec<String> {
    syllables(text).into_iter().map(|s| s.exact).collect()
}

/// The folded stream of `text`.
pub fn folded(text: &str) -> Vec<String> {
    syllables(text).into_iter().map(|s| s.folded).collect()
}

/// The tantivy tokenizer of either stream; registered as [`EXACT`] and [`FOLDED`].
#[derive(Debug, Clone, Copy)]
pub struct VietnameseTokenizer {
    fold: bool,
}

impl VietnameseTokenizer {
    /// The exact stream's tokenizer.
    pub fn exact() -> Self {
        VietnameseTokenizer { fold: false }
    }

    /// The folded stream's tokenizer.
    pub fn folded() -> Self {
        VietnameseTokenizer { fold: true }
    }
}

/// The exact stream of the last text the exact tokenizer went through on this thread.
///
/// tantivy indexes a document's fields in field order on one thread, so the folded field
/// (`body_f`) is analysed right after the exact one (`body`) on the same text. The folded
/// tokenizer then folds these syllables instead of segmenting and normalising the text a
/// second time (the two tokenizers went from 0.56 to 0.85 of one-pass speed in
/// `cargo bench --bench text`).
#[derive(Debug, Default)]
struct Analysed {
    text: String,
    /// The exact forms, one after another.
    forms: String,
    /// Per syllable: the end of its form in `forms`, its byte offsets in `text`.
    syllables: Vec<(usize, usize, usize)>,
    /// Whether the exact stream ran to its end (a stream dropped early leaves it partial).
    complete: bool,
}

/// Texts longer than this are analysed twice rather than copied for sharing.
const SHARE_MAX: usize = 4 << 20;

thread_local! {
    static LAST: RefCell<Analysed> = RefCell::new(Analysed::default());
}

/// The token stream of [`VietnameseTokenizer`].
pub struct VietnameseTokenStream<'a> {
    segs: std::vec::IntoIter<Seg<'a>>,
    token: Token,
    scratch: String,
    fold: bool,
    position: usize,
    /// Exact stream: what it records for the folded one. Folded stream: what it replays.
    shared: Option<Analysed>,
    /// The next syllable to replay, and where its form starts.
    replay: (usize, usize),
}

impl Tokenizer for VietnameseTokenizer {
    type TokenStream<'a> = VietnameseTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VietnameseTokenStream<'a> {
        let shared = LAST.with(|last| {
            let mut last = last.borrow_mut();
            if self.fold {
                (last.complete && last.text == text).then(|| std::mem::take(&mut *last))
            } else if text.len() > SHARE_MAX {
                // Not worth a copy of a huge text held until the next document.
                last.complete = false;
                None
            } else {
                // Reuse the buffers of the previous text.
                let mut a = std::mem::take(&mut *last);
                a.text.clear();
                a.text.push_str(text);
                a.forms.clear();
                a.syllables.clear();
                a.complete = false;
                Some(a)
            }
        });
        let replaying = self.fold && shared.is_some();
        VietnameseTokenStream {
            segs: if replaying {
                Vec::new().into_iter()
            } else {
                segment(text).into_iter()
            },
            token: Token::default(),
            scratch: String::with_capacity(32),
            fold: self.fold,
            position: 0,
            shared,
            replay: (0, 0),
        }
    }
}

impl VietnameseTokenStream<'_> {
    /// Hands the shared analysis back to the thread (complete when `done`).
    fn publish(&mut self, done: bool) {
        if let Some(mut a) = self.shared.take() {
            a.complete = done && !self.fold;
            LAST.with(|last| *last.borrow_mut() = a);
        }
    }
}

impl TokenStream for VietnameseTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if self.fold
            && let Some(a) = &self.shared
        {
            let (k, from) = self.replay;
            let Some(&(to, start, end)) = a.syllables.get(k) else {
                self.publish(false);
                return false;
            };
            self.token.text.clear();
            push_folded(&a.forms[from..to], &mut self.token.text);
            self.replay = (k + 1, to);
            self.token.offset_from = start;
            self.token.offset_to = end;
        } else {
            let Some(seg) = self.segs.next() else {
                self.publish(true);
                return false;
            };
            self.token.text.clear();
            if self.fold {
                self.scratch.clear();
                push_exact(seg.text, seg.kind, &mut self.scratch);
                push_folded(&self.scratch, &mut self.token.text);
            } else {
                push_exact(seg.text, seg.kind, &mut self.token.text);
                if let Some(a) = &mut self.shared {
                    a.forms.push_str(&self.token.text);
                    a.syllables.push((a.forms.len(), seg.start, seg.end));
                }
            }
            self.token.offset_from = seg.start;
            self.token.offset_to = seg.end;
        }
        self.token.position = self.position;
        self.token.position_length = 1;
        self.position += 1;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// Registers both tokenizers on `index`.
pub fn register(index: &tantivy::Index) {
    let m = index.tokenizers();
    m.register(EXACT, VietnameseTokenizer::exact());
    m.register(FOLDED, VietnameseTokenizer::folded());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold_lower;
    use unicode_normalization::UnicodeNormalization;

    const WORDS: &[&str] = &[
        "Cán", "bộ", "Đảng", "ủy", "uỷ", "hoà", "HOÀ", "thuỷ", "khoẻ", "Tuỳ", "quý", "quỳnh",
        "hoàn", "thuyết", "khuya", "Ðảng", "ðoàn", "NGHỊ", "quyết", "luân", "chuyển", "Ư", "ươ",
        "TỈNH", "Thừa", "Huế", "Bỉm", "Sơn", "x", "2012", "UBND",
    ];

    #[test]
    fn fast_path_agrees_with_the_shared_normaliser() {
        for w in WORDS {
            let mut e = String::new();
            push_exact(w, TokenKind::Word, &mut e);
            assert_eq!(e, normalize(w).to_lowercase(), "exact {w}");
            let mut f = String::new();
            push_folded(&e, &mut f);
            assert_eq!(f, fold_lower(&normalize(w)), "folded {w}");
            let nfd: String = w.nfd().collect();
            let mut e2 = String::new();
            push_exact(&nfd, TokenKind::Word, &mut e2);
            assert_eq!(e2, e, "nfd {w}");
        }
    }

    #[test]
    fn spellings_index_identically() {
        let clean = "Tỉnh ủy Điện Biên họp bàn về hòa giải";
        let variants = [
            clean.nfd().collect::<String>(),
            "TỈNH UỶ ÐIỆN BIÊN họp bàn về hoà giải".to_string(),
            "Tỉnh uỷ Ðiện Biên họp bàn về hoà giải".nfd().collect(),
        ];
        for v in &variants {
            assert_eq!(exact(v), exact(clean), "{v}");
            assert_eq!(folded(v), folded(clean), "{v}");
        }
        assert_eq!(
            folded(clean),
            [
                "tinh", "uy", "dien", "bien", "hop", "ban", "ve", "hoa", "giai"
            ]
        );
    }

    #[test]
    fn codes_become_canonical() {
        assert_eq!(exact("số 12/NQ-TW ngày"), ["số", "12-nq/tw", "ngày"]);
        assert_eq!(exact("số 12-NQ/TW"), ["số", "12-nq/tw"]);
        assert_eq!(exact("30/NQ-CP"), ["30/nq-cp"]);
    }

    fn stream(t: &mut VietnameseTokenizer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut s = t.token_stream(text);
        let mut got = Vec::new();
        while let Some(tok) = s.next() {
            got.push((
                tok.text.clone(),
                tok.position,
                tok.offset_from,
                tok.offset_to,
            ));
        }
        got
    }

    #[test]
    fn folded_stream_after_exact_is_the_folded_stream() {
        let a = "Tỉnh uỷ Ðiện Biên ban hành Nghị quyết số 12/NQ-TW, kết nạp 3.456 đảng viên.";
        let b = "Cán bộ, ĐẢNG viên hoà nhập";
        let mut exact = VietnameseTokenizer::exact();
        let mut folded = VietnameseTokenizer::folded();
        // Folded alone: the reference.
        LAST.with(|l| *l.borrow_mut() = Analysed::default());
        let want_a = stream(&mut folded, a);
        let want_b = stream(&mut folded, b);
        // After the exact stream of the same text (replayed), of another text (not), and
        // after an exact stream dropped half way (not).
        stream(&mut exact, a);
        assert!(LAST.with(|l| l.borrow().complete));
        assert_eq!(stream(&mut folded, a), want_a);
        stream(&mut exact, a);
        assert_eq!(stream(&mut folded, b), want_b);
        {
            let mut s = exact.token_stream(a);
            s.advance();
        }
        assert!(!LAST.with(|l| l.borrow().complete));
        assert_eq!(stream(&mut folded, a), want_a);
        // Replaying consumed it: the next folded stream of the same text analyses anew.
        stream(&mut exact, b);
        assert_eq!(stream(&mut folded, b), want_b);
        assert!(!LAST.with(|l| l.borrow().complete));
        assert_eq!(stream(&mut folded, b), want_b);
        // A huge text is not shared, and invalidates what was.
        stream(&mut exact, a);
        let huge = "Đảng ủy ".repeat(SHARE_MAX / 8);
        stream(&mut exact, &huge);
        assert!(!LAST.with(|l| l.borrow().complete));
        assert_eq!(stream(&mut folded, a), want_a);
    }

    #[test]
    fn tokenizer_positions_and_offsets() {
        let mut t = VietnameseTokenizer::folded();
        assert_eq!(
            stream(&mut t, "Cán bộ, Đảng"),
            [
                ("can".to_string(), 0, 0, 4),
                ("bo".to_string(), 1, 5, 9),
                ("dang".to_string(), 2, 11, 18)
            ]
        );
    }
}
