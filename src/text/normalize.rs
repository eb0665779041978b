//! The contract's normalisation (record-format.md, "Normalisation of every string").

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Normalises text the way every emitted string must be: NFC, `Ð`/`ð` opening a word (a
/// Vietnamese syllable: no other language opens a word with an eth) written `Đ`/`đ`,
/// traditional tone placement (`hoà` → `hòa`, `uỷ` → `ủy`), invisible format characters
/// dropped, white space runs collapsed to one space inside a line, lines trimmed, and at most
/// one blank line between paragraphs.
///
/// Idempotent: `normalize(&normalize(x)) == normalize(x)`.
///
/// ```
/// use baochi::text::normalize;
/// let once = normalize("Đảng\u{200b}\u{301} ");
/// assert_eq!(normalize(&once), once);
/// ```
pub fn normalize(s: &str) -> String {
    let nfc = to_nfc(s);
    let chars = retone(&nfc);
    collapse_space(&chars, true)
}

/// Like [`normalize`] but for one-line fields (title, author, names): line breaks become
/// spaces too, and the result is trimmed.
pub fn normalize_line(s: &str) -> String {
    let nfc = to_nfc(s);
    let chars = retone(&nfc);
    collapse_space(&chars, false)
}

/// UTF-8 read once too often as Latin-1 (`Investorâ\u{80}\u{99}s` for `Investor’s`), put
/// back: a lead char (U+00C2–U+00F4) and the continuation chars (U+0080–U+00BF) after it
/// that spell one valid UTF-8 sequence become the char they encode. Only a text holding a
/// C1 control (U+0080–U+009F), which no written language uses, is read this way, so `Ã©`
/// typed on purpose stays.
fn undo_double_utf8(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)) {
        return std::borrow::Cow::Borrowed(s);
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i] as u32;
        let want = match c {
            0xC2..=0xDF => 1,
            0xE0..=0xEF => 2,
            0xF0..=0xF4 => 3,
            _ => 0,
        };
        if want > 0 && i + want < chars.len() + 1 {
            let tail = &chars[i + 1..(i + 1 + want).min(chars.len())];
            if tail.len() == want && tail.iter().all(|t| ('\u{80}'..='\u{bf}').contains(t)) {
                let bytes: Vec<u8> = std::iter::once(c as u8)
                    .chain(tail.iter().map(|t| *t as u32 as u8))
                    .collect();
                if let Ok(fixed) = std::str::from_utf8(&bytes) {
                    out.push_str(fixed);
                    i += 1 + want;
                    continue;
                }
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    std::borrow::Cow::Owned(out)
}

/// Passes of [`to_nfc_once`] at most: each pass that changes a text holding C1 controls
/// repairs at least one sequence, and real text needs one or two.
const REPAIR_PASSES: usize = 8;

/// Composed text with its invisible chars dropped, eths read, and UTF-8 read as Latin-1 put
/// back, to a fixed point: a lead char may only appear once composition joins a letter and
/// its accent (`E` U+0300 U+008E → `È` U+008E), a repair can spell a char the cleaning
/// drops (`â\u{80}\u{8b}` is a zero-width space), and text read as Latin-1 twice needs two
/// repairs; a second normalisation would change what one pass left.
fn to_nfc(s: &str) -> Vec<char> {
    let mut out = to_nfc_once(s);
    for _ in 1..REPAIR_PASSES {
        if !out.iter().any(|c| ('\u{80}'..='\u{9f}').contains(c)) {
            break;
        }
        let text: String = out.iter().collect();
        let again = to_nfc_once(&text);
        if again == out {
            break;
        }
        out = again;
    }
    out
}

fn to_nfc_once(s: &str) -> Vec<char> {
    let repaired = undo_double_utf8(s);
    let s = repaired.as_ref();
    // Invisible characters go before composition: dropped after it, they would leave a
    // combining mark beside a letter it did not compose with, and a second pass would compose
    // them (`g` ZWSP U+0301 → `g` U+0301 → `ǵ`), breaking idempotence.
    //
    // `Ð`/`ð` typed for `Đ`/`đ` is a Vietnamese habit, and `đ` opens a Vietnamese syllable;
    // Icelandic and Faroese never open a word with an eth. So an eth that opens a word (as
    // typed: an invisible separator counts as a boundary) is a `Đ`, and so is every eth of a
    // Vietnamese text; one inside a word of other text (`Guðrún`) is the letter itself.
    let has_eth = s.contains(['\u{00D0}', '\u{00F0}']);
    // In Vietnamese text every eth is a `Đ`, inside abbreviations too (`QÐ`, `NÐ-CP`).
    let vietnamese = has_eth && is_vietnamese(s);
    let cleaned: String;
    let s = if has_eth || s.chars().any(is_invisible) {
        let mut out = String::with_capacity(s.len());
        let mut prev: Option<char> = None;
        for c in s.chars() {
            let opens = prev.is_none_or(|p| {
                is_invisible(p) || (!p.is_alphanumeric() && !('\u{300}'..='\u{36F}').contains(&p))
            });
            match c {
                c if is_invisible(c) => {}
                '\u{00D0}' if opens || vietnamese => out.push('\u{0110}'),
                '\u{00F0}' if opens || vietnamese => out.push('\u{0111}'),
                c => out.push(c),
            }
            prev = Some(c);
        }
        cleaned = out;
        cleaned.as_str()
    } else {
        s
    };
    let quick = matches!(is_nfc_quick(s.chars()), IsNormalized::Yes);
    let mut out: Vec<char> = Vec::with_capacity(s.len());
    if quick {
        out.extend(s.chars());
    } else {
        out.extend(s.nfc());
    }
    out
}

/// Whether a string is Vietnamese text: it holds a letter only Vietnamese writes — a
/// vowel with a dot below or a hook above, a horn (`ơ`, `ư`), `ă` — precomposed or as
/// combining marks. (`đ` is left out: normalising writes it, and the answer must not change
/// between two passes.)
fn is_vietnamese(s: &str) -> bool {
    // Composed first: a decomposed `ầ` (a, U+0302, U+0300) is told by its composed form.
    s.nfc().any(only_vietnamese)
}

/// A letter (or combining mark) only Vietnamese writes: a vowel with a dot below or a hook
/// above, a horn, `ă`.
fn only_vietnamese(c: char) -> bool {
    matches!(
        c,
        '\u{1EA0}'
            ..='\u{1EF9}'
                | 'ă'
                | 'Ă'
                | 'ơ'
                | 'Ơ'
                | 'ư'
                | 'Ư'
                | '\u{0323}'
                | '\u{0309}'
                | '\u{031B}'
    )
}

/// The most words [`is_vietnamese_prose`] reads: enough to tell, bounded for long pages.
const PROSE_SAMPLE_WORDS: usize = 2000;

/// Whether a normalised text is Vietnamese prose rather than another language that names a
/// Vietnamese place or person: at least one word in five holds a letter only Vietnamese
/// writes or `đ`. Vietnamese prose runs near one word in two; an English page quoting
/// `Hà Nội` twice stays far below. Rules that read the language's grammar (a counted noun
/// by its structure) apply only to such text.
pub fn is_vietnamese_prose(s: &str) -> bool {
    let (mut words, mut marked) = (0usize, 0usize);
    for w in s.split_whitespace().take(PROSE_SAMPLE_WORDS) {
        if !w.chars().any(char::is_alphabetic) {
            continue;
        }
        words += 1;
        if w.chars()
            .any(|c| only_vietnamese(c) || matches!(c, 'đ' | 'Đ'))
        {
            marked += 1;
        }
    }
    words > 0 && marked * 5 >= words
}

/// Chars dropped outright: zero-width spaces and joiners, the BOM, soft hyphens.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// White space inside a line (line breaks excluded).
pub(crate) fn is_inline_space(c: char) -> bool {
    c != '\n' && c != '\r' && (c.is_whitespace() || c == '\u{00A0}')
}

fn is_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{000B}' | '\u{000C}' | '\u{0085}'
    )
}

/// Collapses white space; with `keep_lines`, line structure survives (trimmed lines, blank
/// line runs folded to one, no leading or trailing blank lines).
pub(crate) fn collapse_space(chars: &[char], keep_lines: bool) -> String {
    let mut out = String::with_capacity(chars.len() + chars.len() / 2);
    // Pending separator: 0 none, 1 space, 2 line break, 3 blank line.
    let mut pending = 0u8;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_invisible(c) {
            i += 1;
            continue;
        }
        if is_break(c) {
            // \r\n counts once.
            if c == '\r' && chars.get(i + 1) == Some(&'\n') {
                i += 1;
            }
            if keep_lines {
                pending = if pending >= 2 { 3 } else { 2 };
            } else {
                pending = pending.max(1);
            }
            i += 1;
            continue;
        }
        if is_inline_space(c) || c.is_whitespace() {
            pending = pending.max(1);
            i += 1;
            continue;
        }
        if !out.is_empty() {
            match pending {
                1 => out.push(' '),
                2 => out.push('\n'),
                3 => out.push_str("\n\n"),
                _ => {}
            }
        }
        pending = 0;
        out.push(c);
        i += 1;
    }
    out
}

/// The tone of a precomposed vowel and its base: (base, tone index 0..5).
/// Tone indices: grave, acute, hook above, tilde, dot below.
const A_TONES: [char; 5] = ['à', 'á', 'ả', 'ã', 'ạ'];
const A_TONES_UP: [char; 5] = ['À', 'Á', 'Ả', 'Ã', 'Ạ'];
const E_TONES: [char; 5] = ['è', 'é', 'ẻ', 'ẽ', 'ẹ'];
const E_TONES_UP: [char; 5] = ['È', 'É', 'Ẻ', 'Ẽ', 'Ẹ'];
const Y_TONES: [char; 5] = ['ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'];
const Y_TONES_UP: [char; 5] = ['Ỳ', 'Ý', 'Ỷ', 'Ỹ', 'Ỵ'];
const O_TONES: [char; 5] = ['ò', 'ó', 'ỏ', 'õ', 'ọ'];
const O_TONES_UP: [char; 5] = ['Ò', 'Ó', 'Ỏ', 'Õ', 'Ọ'];
const U_TONES: [char; 5] = ['ù', 'ú', 'ủ', 'ũ', 'ụ'];
const U_TONES_UP: [char; 5] = ['Ù', 'Ú', 'Ủ', 'Ũ', 'Ụ'];

/// For a toned final vowel of an open `oa`/`oe`/`uy` syllable: its plain form, the vowel
/// before it that must carry the tone instead (plain form), and the tone index.
fn toned_final(c: char) -> Option<(char, char, usize)> {
    let find = |t: &[char; 5], c: char| t.iter().position(|&x| x == c);
    if let Some(i) = find(&A_TONES, c) {
        return Some(('a', 'o', i));
    }
    if let Some(i) = find(&A_TONES_UP, c) {
        return Some(('A', 'O', i));
    }
    if let Some(i) = find(&E_TONES, c) {
        return Some(('e', 'o', i));
    }
    if let Some(i) = find(&E_TONES_UP, c) {
        return Some(('E', 'O', i));
    }
    if let Some(i) = find(&Y_TONES, c) {
        return Some(('y', 'u', i));
    }
    if let Some(i) = find(&Y_TONES_UP, c) {
        return Some(('Y', 'U', i));
    }
    None
}

fn toned(base: char, tone: usize) -> char {
    match base {
        'o' => O_TONES[tone],
        'O' => O_TONES_UP[tone],
        'u' => U_TONES[tone],
        'U' => U_TONES_UP[tone],
        _ => base,
    }
}

/// Moves the tone of open `oa`, `oe`, `uy` syllables from the last vowel to the first
/// (`hoà` → `hòa`, `khoẻ` → `khỏe`, `uỷ` → `ủy`), the placement most Vietnamese papers
/// print. Closed syllables (`hoàn`, `thuyết`) and `quý` are already right and stay.
fn retone(chars: &[char]) -> Vec<char> {
    let mut out = chars.to_vec();
    for i in 1..out.len() {
        let Some((plain, before, tone)) = toned_final(out[i]) else {
            continue;
        };
        // The syllable must end here.
        if out
            .get(i + 1)
            .is_some_and(|&c| super::syllable::is_word_char(c))
        {
            continue;
        }
        let prev = out[i - 1];
        if prev.to_lowercase().next() != Some(before.to_ascii_lowercase()) || !prev.is_ascii() {
            continue;
        }
        // `quý`, `quỳ`: the u belongs to the onset.
        if before.eq_ignore_ascii_case(&'u') && i >= 2 && matches!(out[i - 2], 'q' | 'Q') {
            continue;
        }
        out[i - 1] = toned(prev, tone);
        out[i] = plain;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_prose_is_told_from_text_that_names_a_place() {
        assert!(is_vietnamese_prose(
            "Huyện ủy đã chỉ đạo các xã xây dựng mô hình mới."
        ));
        // Without marks only `đ` and the horn letters tell; still one word in five here.
        assert!(is_vietnamese_prose("Dang uy xa Tân Lập đã họp"));
        assert!(!is_vietnamese_prose(
            "The delegation visited Hà Nội and Huế before the council voted 41 to 6 on the plan."
        ));
        assert!(!is_vietnamese_prose("Guðrún og Jón fóru heim."));
        assert!(!is_vietnamese_prose("12 / 34"));
    }

    #[test]
    fn utf8_read_twice_is_put_back() {
        // `’` (E2 80 99) and `ệ` (E1 BB 87) read as Latin-1.
        let twice = |s: &str| -> String { s.bytes().map(char::from).collect() };
        assert_eq!(normalize(&twice("Investor’s Guide")), "Investor’s Guide");
        assert_eq!(
            normalize(&twice("Nghị quyết về Đảng")),
            "Nghị quyết về Đảng"
        );
        // Without a C1 control nothing is touched, and a lone C1 stays what it is.
        assert_eq!(normalize("Ã© on purpose"), "Ã© on purpose");
        assert_eq!(normalize("x\u{85}y"), normalize(&normalize("x\u{85}y")));
        let once = normalize(&twice("Tỉnh ủy — 22,06%"));
        assert_eq!(once, "Tỉnh ủy — 22,06%");
        assert_eq!(normalize(&once), once);
        // A lead char that only composition spells (`E` U+0300 → `È`, then U+008E), a
        // repair that spells an invisible char (a zero-width space), and text read as
        // Latin-1 twice: one normalisation does all, a second changes nothing.
        for tricky in [
            "øE\u{300}\u{8e}a".to_string(),
            format!("a{}b\u{85}", twice("\u{200B}")),
            twice(&twice("Investor’s")),
        ] {
            let once = normalize(&tricky);
            assert_eq!(normalize(&once), once, "{tricky:?}");
        }
        assert_eq!(normalize(&twice(&twice("Investor’s"))), "Investor’s");
    }

    #[test]
    fn reformed_tones_become_traditional() {
        assert_eq!(
            normalize("hoà thuỷ uỷ khoẻ hoá Tuỳ"),
            "hòa thủy ủy khỏe hóa Tùy"
        );
        assert_eq!(normalize("HOÀ BÌNH"), "HÒA BÌNH");
    }

    #[test]
    fn closed_syllables_and_quy_untouched() {
        for w in ["hoàn", "quý", "thuyết", "quỳnh", "hoạch", "khuya", "Quý"] {
            assert_eq!(normalize(w), w);
        }
    }

    #[test]
    fn eth_becomes_d_with_stroke() {
        assert_eq!(normalize("Ðảng ðoàn"), "Đảng đoàn");
        // Decomposed Vietnamese is Vietnamese too.
        assert_eq!(normalize("Ða\u{309}ng"), "Đảng");
        // Icelandic and Faroese keep their eth, which never opens a word.
        assert_eq!(normalize("Guðrún Þórðardóttir"), "Guðrún Þórðardóttir");
        assert_eq!(normalize_line("GUÐRÚN og ÞÓRÐUR"), "GUÐRÚN og ÞÓRÐUR");
        assert_eq!(normalize("«Ðảng» #ðoàn"), "«Đảng» #đoàn");
        // Inside an abbreviation of Vietnamese text, too.
        assert_eq!(
            normalize("Quyết định số 02 - QÐ/HU"),
            "Quyết định số 02 - QĐ/HU"
        );
    }

    #[test]
    fn nfd_becomes_nfc() {
        let nfd: String = "Cán bộ".nfd().collect();
        assert_eq!(normalize(&nfd), "Cán bộ");
        // NFD with reformed placement too.
        let nfd: String = "Tỉnh uỷ".nfd().collect();
        assert_eq!(normalize(&nfd), "Tỉnh ủy");
    }

    #[test]
    fn white_space() {
        assert_eq!(
            normalize("  a \t b\u{00A0}c \r\n\r\n\r\n d  "),
            "a b c\n\nd"
        );
        assert_eq!(normalize("a\nb"), "a\nb");
        assert_eq!(normalize_line(" a \n b "), "a b");
        assert_eq!(normalize("a\u{200B}b\u{00AD}c"), "abc");
    }
}
