//! The sentence an entity stands in, cut from the body around its offsets.

/// Longest context kept on either side of a mention, in bytes (about 100 Vietnamese
/// syllables), so a paragraph without full stops does not become a whole-page "sentence".
const MAX_SIDE: usize = 600;

/// The sentence around the byte range `start..end` of `body`: from after the previous
/// sentence end (`.`, `!`, `?`, `…` followed by a space, or a line break) to the next one,
/// trimmed. Dots inside numbers (`3.456`) and codes (`T.Ư`) do not end a sentence because a
/// space must follow. Offsets outside `body` or off char boundaries give the empty string.
pub fn sentence_around(body: &str, start: usize, end: usize) -> &str {
    if start > end || !body.is_char_boundary(start) || !body.is_char_boundary(end) {
        return "";
    }
    let before = &body[..start];
    let mut from = 0;
    let mut prev: Option<char> = None;
    // Walk backwards: the sentence starts after the last terminator followed by a space.
    for (i, c) in before.char_indices().rev() {
        if c == '\n' {
            from = i + 1;
            break;
        }
        if is_terminator(c) && prev.is_some_and(char::is_whitespace) {
            from = i + c.len_utf8();
            break;
        }
        if start - i > MAX_SIDE {
            from = i + c.len_utf8();
            break;
        }
        prev = Some(c);
    }
    let after = &body[end..];
    let mut to = body.len();
    let mut it = after.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c == '\n' {
            to = end + i;
            break;
        }
        if is_terminator(c) && it.peek().is_none_or(|&(_, n)| n.is_whitespace()) {
            to = end + i + c.len_utf8();
            break;
        }
        if i > MAX_SIDE {
            to = end + i;
            break;
        }
    }
    body[from..to].trim()
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn around<'a>(body: &'a str, needle: &str) -> &'a str {
        let s = body.find(needle).unwrap();
        sentence_around(body, s, s + needle.len())
    }

    #[test]
    fn cuts_at_full_stops_and_line_breaks() {
        let body = "Mở đầu. Tỉnh ủy kết nạp 157 đảng viên mới. Câu sau!\n\nĐoạn hai.";
        assert_eq!(
            around(body, "157 đảng viên"),
            "Tỉnh ủy kết nạp 157 đảng viên mới."
        );
        assert_eq!(around(body, "hai"), "Đoạn hai.");
        assert_eq!(around(body, "Mở"), "Mở đầu.");
    }

    #[test]
    fn dots_inside_numbers_and_codes_do_not_end_sentences() {
        let body = "Tổng số 3.456 đảng viên theo Nghị quyết 12-NQ/T.Ư đã học. Hết.";
        assert_eq!(
            around(body, "T.Ư"),
            "Tổng số 3.456 đảng viên theo Nghị quyết 12-NQ/T.Ư đã học."
        );
    }

    proptest::proptest! {
        #[test]
        fn the_sentence_holds_the_mention(
            body in "[a-zàạđươ .!?…\n0-9,]{0,200}",
            a in 0usize..250,
            len in 0usize..40,
        ) {
            let chars: Vec<(usize, char)> = body.char_indices().collect();
            let start = chars.get(a).map_or(body.len(), |c| c.0);
            let end = chars.get(a + len).map_or(body.len(), |c| c.0);
            let s = sentence_around(&body, start, end);
            proptest::prop_assert!(s.contains(body[start..end].trim()));
            proptest::prop_assert!(s.len() <= end - start + 2 * MAX_SIDE + 8);
        }
    }

    #[test]
    fn long_runs_are_bounded_and_bad_offsets_give_empty() {
        let body = "chữ ".repeat(2000);
        let s = sentence_around(&body, 4000, 4005);
        assert!(s.len() <= 2 * MAX_SIDE + 16, "{}", s.len());
        assert_eq!(sentence_around("Hà", 1, 2), "");
        assert_eq!(sentence_around("Hà", 2, 1), "");
        assert_eq!(sentence_around("Hà", 0, 99), "");
    }
}
