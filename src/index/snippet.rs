//! Snippets: the passage of a body with the most matched syllables, matches between `<b>`
//! and `</b>`, the rest HTML-escaped.
//!
//! A syllable matches when its folded form is one the query asked for, so `can bo` marks
//! `cán bộ` and `Cán Bộ` alike.
//!
//! ```
//! use std::collections::HashSet;
//! let marks: HashSet<String> = ["can".to_string(), "bo".to_string()].into();
//! assert_eq!(baochi::index::snippet::make("Cán bộ & nhân dân.", &marks),
//!            "<b>Cán</b> <b>bộ</b> &amp; nhân dân.");
//! ```

use super::analyzer::syllables;
use std::collections::HashSet;

/// Syllables in a snippet.
const WINDOW: usize = 32;
/// Syllables shown before the first match of the window.
const LEAD: usize = 6;

fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
}

/// The snippet of `body` for the folded syllables `marks`.
pub fn make(body: &str, marks: &HashSet<String>) -> String {
    let syls = syllables(body);
    if syls.is_empty() {
        let mut out = String::new();
        escape(
            body.chars().take(200).collect::<String>().as_str(),
            &mut out,
        );
        return out;
    }
    // Each syllable's mark as a bit (the first 64 distinct marks), 0 when unmarked.
    let mut ids: Vec<&str> = Vec::new();
    let bits: Vec<u64> = syls
        .iter()
        .map(|s| {
            if !marks.contains(&s.folded) {
                return 0;
            }
            let i = match ids.iter().position(|m| *m == s.folded) {
                Some(i) => i,
                None => {
                    ids.push(&s.folded);
                    ids.len() - 1
                }
            };
            1u64 << i.min(63)
        })
        .collect();
    let hit: Vec<bool> = bits.iter().map(|b| *b != 0).collect();
    // The window with the most distinct matched syllables, then the most matches.
    let mut best = (0usize, 0usize, 0usize);
    for start in (0..syls.len()).filter(|&i| hit[i]) {
        let end = (start + WINDOW).min(syls.len());
        let (mut seen, mut n) = (0u64, 0usize);
        for b in &bits[start..end] {
            seen |= b;
            n += usize::from(*b != 0);
        }
        let distinct = seen.count_ones() as usize;
        if (distinct, n) > (best.1, best.2) {
            best = (start, distinct, n);
        }
    }
    let first = best.0.saturating_sub(if best.1 > 0 { LEAD } else { 0 });
    let last = (first + WINDOW).min(syls.len()) - 1;
    // Extend to sentence punctuation right after the last syllable.
    let from = if first == 0 { 0 } else { syls[first].start };
    let to = if last + 1 == syls.len() {
        body.len()
    } else {
        syls[last].end
    };
    let mut out = String::with_capacity(to - from + 32);
    if from > 0 {
        out.push('…');
    }
    let mut at = from;
    for (i, s) in syls.iter().enumerate().take(last + 1).skip(first) {
        escape(&body[at..s.start], &mut out);
        if hit[i] {
            out.push_str("<b>");
            escape(&body[s.start..s.end], &mut out);
            out.push_str("</b>");
        } else {
            escape(&body[s.start..s.end], &mut out);
        }
        at = s.end;
    }
    escape(&body[at..to], &mut out);
    if to < body.len() {
        out.push('…');
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(q: &[&str]) -> HashSet<String> {
        q.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn picks_the_passage_with_the_matches() {
        let mut body = String::new();
        for _ in 0..50 {
            body.push_str("Một câu không liên quan gì cả. ");
        }
        body.push_str("Công tác luân chuyển cán bộ được đẩy mạnh.");
        let s = make(&body, &marks(&["luan", "chuyen", "can", "bo"]));
        assert!(s.starts_with('…'), "{s}");
        assert!(
            s.contains("<b>luân</b> <b>chuyển</b> <b>cán</b> <b>bộ</b>"),
            "{s}"
        );
    }

    #[test]
    fn no_match_gives_the_opening() {
        let s = make("Hội nghị <b> sơ kết.", &marks(&[]));
        assert_eq!(s, "Hội nghị &lt;b&gt; sơ kết.");
    }
}
