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
    notices: [Notice; 4],
}

/// A kind of notice sites set among the article's paragraphs, known by what it talks
/// about: a topic word and enough of the words such notices use around it.
struct Notice {
    topic: Vec<&'static str>,
    word: Vec<&'static str>,
    /// Different words it needs beside the topic.
    words: usize,
    /// Longer blocks are prose that mentions the topic, not the notice.
    max_chars: usize,
}

impl Notice {
    const fn new(words: usize, max_chars: usize) -> Notice {
        Notice {
            topic: Vec::new(),
            word: Vec::new(),
            words,
            max_chars,
        }
    }
}

/// The notice families of `chrome.tsv`, in its order: cookie consent panels (several
/// long paragraphs, so no length bound), affiliate and sponsorship disclosures, calls to
/// action (newsletter sign-ups, offers, quotes), which are one or two lines, and appeals
/// for readers' money (donations, memberships) under a story.
const NOTICE_KINDS: [(&str, &str); 4] = [
    ("consent_topic", "consent_word"),
    ("disclosure_topic", "disclosure_word"),
    ("cta_topic", "cta_word"),
    ("appeal_topic", "appeal_word"),
];

static CHROME: LazyLock<Table> = LazyLock::new(|| {
    let mut t = Table {
        line: HashSet::new(),
        prefix: Vec::new(),
        contains: Vec::new(),
        end: HashSet::new(),
        notices: [
            Notice::new(2, usize::MAX),
            Notice::new(2, 700),
            Notice::new(1, 200),
            Notice::new(2, 500),
        ],
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
            _ => {
                for (n, (topic, word)) in t.notices.iter_mut().zip(NOTICE_KINDS) {
                    if kind == topic {
                        n.topic.push(phrase);
                    } else if kind == word {
                        n.word.push(phrase);
                    }
                }
            }
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
            c.is_whitespace()
                || is_pictograph(c)
                || matches!(c, ':' | '.' | '>' | '»' | '|' | '-' | '…' | '›')
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
        c.is_whitespace() || is_pictograph(c) || matches!(c, '|' | '»' | '›' | '-' | '•')
    });
    trimmed.to_string()
}

/// Arrows, dingbats, geometric shapes and emoji (with their joiner and variation
/// selectors), which templates set before a box's heading (`🔥 Recommended Posts`, `► Tin
/// liên quan`) as decoration: they change nothing of what the line says.
fn is_pictograph(c: char) -> bool {
    matches!(c as u32,
        0x2190..=0x21FF      // arrows
        | 0x2300..=0x23FF    // miscellaneous technical (⌚, ⏩)
        | 0x25A0..=0x27BF    // geometric shapes, miscellaneous symbols, dingbats
        | 0x2B00..=0x2BFF    // miscellaneous symbols and arrows
        | 0x1F000..=0x1FAFF  // emoji and pictographs
        | 0xFE0F | 0x200D)
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

/// Whether a block of text is a notice rather than the story: a cookie or consent panel,
/// an affiliate disclosure, a call to action. Each names a topic word of `chrome.tsv` and
/// enough of its family's words; consent panels run to several long paragraphs, often
/// hidden only by a script, so their length says nothing and their subject does.
/// `headline` guards a story about the topic itself (cookies, affiliate marketing).
pub fn is_notice(text: &str, headline: &str) -> bool {
    let t = &*CHROME;
    // Nearly every block names no topic: a plain lower-case search rules it out before the
    // Unicode folding (the topics are ASCII words, which folding leaves as they are).
    let lower = text.to_ascii_lowercase();
    let mut folded: Option<String> = None;
    let mut head: Option<String> = None;
    for n in &t.notices {
        if text.len() > n.max_chars.saturating_mul(4) || !n.topic.iter().any(|w| lower.contains(w))
        {
            continue;
        }
        let f = folded.get_or_insert_with(|| crate::text::fold_lower(text));
        if f.chars().count() > n.max_chars || !n.topic.iter().any(|w| has_word(f, w)) {
            continue;
        }
        let h = head.get_or_insert_with(|| crate::text::fold_lower(headline));
        if n.topic.iter().any(|w| has_word(h, w)) {
            continue;
        }
        if n.word
            .iter()
            .filter(|w| has_word(f, w))
            .take(n.words)
            .count()
            == n.words
        {
            return true;
        }
    }
    false
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
            "disclosure_topic" => 6,
            "disclosure_word" => 7,
            "cta_topic" => 8,
            "cta_word" => 9,
            "appeal_topic" => 10,
            "appeal_word" => 11,
            _ => 99,
        };
        let rows: Vec<(u8, &str)> = TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let mut c = l.split('\t');
                let phrase = c.next().unwrap_or("");
                let kind = c.next().unwrap_or("");
                assert_ne!(rank(kind), 99, "unknown kind in {l:?}");
                // `is_notice` looks for topics in the raw text before folding it.
                assert!(
                    !kind.ends_with("_topic") || phrase.is_ascii(),
                    "a topic word must be ASCII: {l:?}"
                );
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
    fn decoration_around_a_box_heading_is_not_part_of_it() {
        assert_eq!(classify("🔥 Recommended Posts"), Some(Chrome::End));
        assert_eq!(classify("► Tin liên quan ◄"), Some(Chrome::End));
        assert_eq!(classify("Tin liên quan ➡️"), Some(Chrome::End));
        // Letters and the copyright sign stay: they are what the line says.
        assert_eq!(key("© Báo Thái Nguyên"), "© bao thai nguyen");
        assert_eq!(classify("🔥 Recommended reading list for teachers"), None);
        // An author's or reviewer's box under the story ends it.
        assert_eq!(classify("About the Author"), Some(Chrome::End));
        assert_eq!(classify("About the expert:"), Some(Chrome::End));
    }

    #[test]
    fn appeals_for_readers_money_by_their_subject() {
        let appeal = "This site is a non-profit project kept alive by reader donations: no ads, \
                      no paywalls. Please support us.";
        assert!(is_notice(appeal, "A treatise on coffee"));
        assert!(is_notice(
            "Our interviews are expensive to produce. If you enjoyed this one, please support \
             us by donating a small amount.",
            "The best graphic novels of 2025"
        ));
        // A story about giving keeps its paragraphs, and so does a donation in the news.
        assert!(!is_notice(
            "The foundation will donate $1m to help independent nonprofit journalism.",
            "Philanthropy roundup"
        ));
        assert!(!is_notice(
            appeal,
            "Why reader donations keep small newsrooms alive"
        ));
        assert!(!is_notice(
            "Hội Chữ thập đỏ tỉnh đã tiếp nhận 120 triệu đồng do các nhà hảo tâm donate.",
            "Hội nghị tổng kết"
        ));
    }

    #[test]
    fn consent_notices_by_their_subject() {
        let en = "Strictly necessary cookies are needed for the website to function and \
                  cannot be switched off in our systems.";
        assert!(is_notice(en, "Water board approves pipe plan"));
        let vi = "Chúng tôi sử dụng cookie để cá nhân hoá nội dung; bằng việc tiếp tục dùng \
                  trang web, bạn chấp nhận điều này.";
        assert!(is_notice(vi, "Hội nghị sơ kết"));
        // A story about cookies themselves keeps its paragraphs.
        assert!(!is_notice(
            en,
            "Regulator fines publisher over tracking cookies"
        ));
        // Baking is not consent: a topic word without the notice's vocabulary.
        assert!(!is_notice(
            "Bake the cookies for twelve minutes, until the edges are golden.",
            "Holiday baking"
        ));
        // A word that only contains the topic is not it.
        assert!(!is_notice(
            "Fortune-cookiesque privacy website",
            "Water board approves pipe plan"
        ));
    }

    #[test]
    fn disclosures_and_calls_to_action_by_their_subject() {
        let head = "Six kettles we tested this winter";
        assert!(is_notice(
            "Everything we recommend is chosen by our editors. Buying through our links may \
             earn us a commission at no extra cost to you.",
            head
        ));
        assert!(is_notice(
            "As an Amazon Associate we earn from qualifying purchases.",
            head
        ));
        // One word of the family is a sentence of a story, not a disclosure.
        assert!(!is_notice(
            "The broker may earn a commission of two percent on each sale, the filing shows.",
            head
        ));
        assert!(is_notice(
            "📬 Sign up for the Weekend Kettle newsletter",
            head
        ));
        assert!(is_notice(
            "Tips for your kitchen, delivered to your inbox",
            head
        ));
        assert!(is_notice("Get the free e-book!", head));
        // A long paragraph naming a newsletter is prose.
        let long = "The council's newsletter, which it began printing in 1998, will be sent to \
                    every household; residents who want it by e-mail can sign up at the town \
                    hall, where the clerks keep a list of addresses for each street and village.";
        assert!(!is_notice(long, "Council cuts printing costs"));
        // A story about newsletters keeps its lines.
        assert!(!is_notice(
            "Sign up for a newsletter only if you will read it.",
            "Why newsletters are back"
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
