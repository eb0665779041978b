//! Page chrome: the lines of site furniture (`A- A+`, `Chia sẻ bài viết`, `Lượt xem: 8658`)
//! and the headings that end an article (`Tin khác`, `Ý kiến bạn đọc`), from
//! `corpus/reference/chrome.tsv`.

use std::collections::HashSet;
use std::sync::LazyLock;

const TABLE: &str = include_str!("../../corpus/reference/chrome.tsv");

/// What a chrome line means for the article around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chrome {
    /// Furniture: drop the line.
    Line,
    /// A heading of what follows the article (comments, related links): the article ended.
    End,
}

struct Table {
    line: HashSet<&'static str>,
    prefix: Vec<&'static str>,
    contains: Vec<&'static str>,
    end: HashSet<&'static str>,
    consent_topic: Vec<&'static str>,
    consent_word: Vec<&'static str>,
}

static CHROME: LazyLock<Table> = LazyLock::new(|| {
    let mut t = Table {
        line: HashSet::new(),
        prefix: Vec::new(),
        contains: Vec::new(),
        end: HashSet::new(),
        consent_topic: Vec::new(),
        consent_word: Vec::new(),
    };
    for row in TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let mut cols = row.split('\t');
        let (Some(phrase), Some(kind)) = (cols.next(), cols.next()) else {
            continue;
        };
        match kind {
            "line" => {
                t.line.insert(phrase);
            }
            "prefix" => t.prefix.push(phrase),
            "contains" => t.contains.push(phrase),
            "end" => {
                t.end.insert(phrase);
            }
            "consent_topic" => t.consent_topic.push(phrase),
            "consent_word" => t.consent_word.push(phrase),
            _ => {}
        }
    }
    t
});

/// The key a line is matched by: folded, lower case, without trailing counts `(12)` and
/// trailing punctuation.
pub fn key(line: &str) -> String {
    if line.len() > 600 {
        return String::new();
    }
    let mut k = crate::text::fold_lower(line);
    loop {
        let before = k.len();
        let trimmed = k.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, ':' | '.' | '>' | '»' | '|' | '-' | '…' | '›')
        });
        k.truncate(trimmed.len());
        if k.ends_with(')')
            && let Some(open) = k.rfind('(')
            && k[open + 1..k.len() - 1]
                .chars()
                .all(|c| c.is_ascii_digit() || c == ' ')
        {
            k.truncate(open);
        }
        if k.len() == before {
            break;
        }
    }
    let trimmed = k.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '|' | '»' | '›' | '-' | '•')
    });
    trimmed.to_string()
}

/// Classifies one line of page text.
pub fn classify(line: &str) -> Option<Chrome> {
    let k = key(line);
    if k.is_empty() {
        return None;
    }
    let t = &*CHROME;
    if t.end.contains(k.as_str()) {
        return Some(Chrome::End);
    }
    if t.line.contains(k.as_str()) {
        return Some(Chrome::Line);
    }
    if t.contains.iter().any(|p| k.contains(p)) {
        return Some(Chrome::Line);
    }
    if k.len() > 200 {
        return None;
    }
    for p in &t.prefix {
        if k.starts_with(p) && k.len() <= p.len() + 40 {
            let next = k[p.len()..].chars().next();
            if next.is_none_or(|c| !c.is_alphanumeric()) {
                return Some(Chrome::Line);
            }
        }
    }
    None
}

/// Whether `folded` (folded, lower case) holds `word` bounded by non-letters each side.
fn has_word(folded: &str, word: &str) -> bool {
    folded.match_indices(word).any(|(at, _)| {
        let before = folded[..at].chars().next_back();
        let after = folded[at + word.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Whether a block of text is a cookie or consent notice: it names a topic word of
/// `chrome.tsv` and two different consent words. Such panels are often hidden only by a
/// script and run to several long paragraphs, longer than a short story; their length
/// says nothing, their subject does. `headline` guards a story about cookies themselves.
pub fn is_consent(text: &str, headline: &str) -> bool {
    // Cheap test first: nearly every block names no cookie at all.
    if !text
        .as_bytes()
        .windows(5)
        .any(|w| w.eq_ignore_ascii_case(b"ookie"))
    {
        return false;
    }
    let t = &*CHROME;
    let folded = crate::text::fold_lower(text);
    if !t.consent_topic.iter().any(|w| has_word(&folded, w)) {
        return false;
    }
    let head = crate::text::fold_lower(headline);
    if t.consent_topic.iter().any(|w| has_word(&head, w)) {
        return false;
    }
    t.consent_word
        .iter()
        .filter(|w| has_word(&folded, w))
        .take(2)
        .count()
        == 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_without_duplicates() {
        let rank = |k: &str| match k {
            "line" => 0,
            "prefix" => 1,
            "contains" => 2,
            "end" => 3,
            "consent_topic" => 4,
            "consent_word" => 5,
            _ => 9,
        };
        let rows: Vec<(u8, &str)> = TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let mut c = l.split('\t');
                let phrase = c.next().unwrap_or("");
                let kind = c.next().unwrap_or("");
                assert_ne!(rank(kind), 9, "unknown kind in {l:?}");
                assert_eq!(
                    crate::text::fold_lower(phrase),
                    phrase,
                    "phrase not folded: {l:?}"
                );
                (rank(kind), phrase)
            })
            .collect();
        assert!(rows.len() > 50);
        for w in rows.windows(2) {
            assert!(
                w[0] < w[1],
                "not sorted or duplicated: {:?} then {:?}",
                w[0],
                w[1]
            );
        }
    }

    #[test]
    fn consent_notices_by_their_subject() {
        let en = "Strictly necessary cookies are needed for the website to function and \
                  cannot be switched off in our systems.";
        assert!(is_consent(en, "Water board approves pipe plan"));
        let vi = "Chúng tôi sử dụng cookie để cá nhân hoá nội dung; bằng việc tiếp tục dùng \
                  trang web, bạn chấp nhận điều này.";
        assert!(is_consent(vi, "Hội nghị sơ kết"));
        // A story about cookies themselves keeps its paragraphs.
        assert!(!is_consent(
            en,
            "Regulator fines publisher over tracking cookies"
        ));
        // Baking is not consent: a topic word without the notice's vocabulary.
        assert!(!is_consent(
            "Bake the cookies for twelve minutes, until the edges are golden.",
            "Holiday baking"
        ));
        // A word that only contains the topic is not it.
        assert!(!is_consent(
            "Fortune-cookiesque privacy website",
            "Water board approves pipe plan"
        ));
    }

    #[test]
    fn classifies_vietnamese_chrome() {
        assert_eq!(classify("A- A+"), Some(Chrome::Line));
        assert_eq!(classify("Chia sẻ bài viết"), Some(Chrome::Line));
        assert_eq!(classify("Lượt xem: 8658"), Some(Chrome::Line));
        assert_eq!(classify("Ý kiến bạn đọc"), Some(Chrome::End));
        assert_eq!(classify("Bình luận (3)"), Some(Chrome::End));
        assert_eq!(classify("Tin khác:"), Some(Chrome::End));
        assert_eq!(classify("Thông tin thời tiết"), Some(Chrome::Line));
        assert_eq!(classify("Tin tức trong ngày hôm nay rất nhiều"), None);
        assert_eq!(classify("Bình luận của chuyên gia về nghị quyết"), None);
        assert_eq!(
            classify("© 2003 Harbour Gazette. All rights reserved. No reproduction."),
            Some(Chrome::Line)
        );
    }
}
