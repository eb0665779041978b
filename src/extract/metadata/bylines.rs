//! Bylines and the names in them: labelled (`Bài, ảnh: NGUYỄN HUY`, `By Jo Mai`), a lone
//! name (`Minh Thùy`), a name beside the date at the article's head, with the words of
//! `corpus/reference/byline_words.tsv`.

use super::dates::find_date;
use regex::Regex;
use std::sync::LazyLock;

/// The author a meta line at the article's head names: a labelled byline (`Posted by BeauHD
/// on Friday…`, `By: Lan | December 16, 2025 | Categories: News`, `ByDaryl Austin`), or a
/// name printed beside the date (`Kristian Larsen July 13, 2025 — 7 minutes read`,
/// `Dec 26, 2025 • Mahua Das in Project Management`).
///
/// An unlabelled line needs a separator between its parts (`Aaron Ricadela | Senior Writer |
/// July 2, 2025`) or a block the page marks as a byline: `Released Wednesday, May 7, 2025`
/// is a name-shaped phrase beside a date too.
pub fn head_byline(line: &str, marked: bool) -> Option<String> {
    let line = line.trim();
    if line.chars().count() > 120 {
        return None;
    }
    // A date may come first (`03/01/2017 by Jo Mai`).
    let after_date = match find_date(line) {
        Some((_, r)) if line[..r.start].trim().chars().count() <= 5 => {
            line[r.end..].trim_start_matches([' ', '|', '•', '·', '⋅', '—', '–', '-', ','])
        }
        _ => line,
    };
    for l in [line, after_date] {
        if byline_label(l).is_some() || BYLINE.is_match(l) {
            return byline_name(l);
        }
    }
    if !marked && !line.contains(['|', '•', '·', '⋅', '●', '—', '–']) {
        return None;
    }
    find_date(line)?;
    let name = cut_tail(line);
    (is_name(name) && !has_notname_word(name)).then(|| name.to_string())
}

/// Meta keys that name the author.
pub const AUTHOR_KEYS: [&str; 6] = [
    "author",
    "article:author",
    "dc.creator",
    "parsely-author",
    "sailthru.author",
    "byl",
];

pub(super) static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:bài\s*(?:,|và|&|/|-)?\s*ảnh|tin\s*(?:,|và|&|/|-)?\s*ảnh|bài|tin|tin\s*bài|bài\s*viết|thực\s*hiện|nhóm\s*(?:pv|phóng\s*viên)|by|par|written\s+by|story\s+by|text)\s*[:：]\s*(.+?)\s*$|^(?:by|par|written\s+by|story\s+by|words\s+by)\s+(.+?)\s*$",
    )
    .expect("static regex")
});

/// The name of a byline line (`Bài, ảnh: NGUYỄN HUY` → `NGUYỄN HUY`, `By Jane Doe` →
/// `Jane Doe`), or of a line that is a name alone (`Minh Thùy`).
pub fn byline(line: &str) -> Option<String> {
    let line = line.trim();
    if line.is_empty() || line.chars().count() > 80 {
        return None;
    }
    if let Some(c) = BYLINE.captures(line) {
        let name = without_office(cut_tail(c.get(1).or(c.get(2))?.as_str()));
        let name = name.trim_end_matches(['.', ',', ';']).trim();
        let words: Vec<&str> = name.split_whitespace().collect();
        if (1..=10).contains(&words.len()) && !name.ends_with(':') && !is_lowercase_phrase(&words) {
            return Some(name.to_string());
        }
        return None;
    }
    let name = line.trim_end_matches('.').trim();
    // `Thu Hà (tổng hợp)`, `Minh Anh (TTXVN)`: the name before the note.
    let name = match name.find(" (") {
        Some(i) if name.ends_with(')') => name[..i].trim(),
        _ => name,
    };
    // `Written By`, `Author`: a label whose name is elsewhere.
    if is_name(name)
        && !is_source_credit(line)
        && !has_notname_word(name)
        && byline_label(name).is_none()
    {
        return Some(name.to_string());
    }
    // `Thu Hằng - Ban Tổ chức Tỉnh ủy`: the reporter's name, then the office she writes for.
    if let Some((who, office)) = name.split_once(" - ").or_else(|| name.split_once(" – "))
        && is_name(who.trim())
        && is_office(office.trim())
    {
        return Some(who.trim().to_string());
    }
    None
}

/// Whether `s` names an office or a body (`Ban Tổ chức Tỉnh ủy`, `Trung tâm Văn hóa huyện`,
/// `UBND xã Kim Chính`): a capitalised first word, lower-case words after it, no sentence.
pub(super) fn is_office(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=8).contains(&words.len())
        && words[0].chars().next().is_some_and(char::is_uppercase)
        && words
            .iter()
            .any(|w| w.chars().next().is_some_and(char::is_lowercase))
        && !s.contains(['.', ':', ';', '?', '!'])
        && !words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()))
}

/// Whether a short line is shaped like a name but is site furniture (`PIN IT HERE`,
/// `More Home Decor`): capitalised words among which one is never part of a name.
pub fn is_name_shaped_furniture(line: &str) -> bool {
    let line = line.trim().trim_end_matches('.');
    is_name(line) && has_notname_word(line)
}

/// Whether `s` holds a word that is never part of a name (`PIN IT HERE`, `Watch Next`).
pub(super) fn has_notname_word(s: &str) -> bool {
    s.split_whitespace().any(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        WORDS.notname.contains(w.as_str())
    })
}

pub(super) static SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\(?\s*(?:theo|nguồn|source|according to|d'après)\s*:?\s+[^,;.!?:]{1,60}\)?\.?$",
    )
    .expect("static regex")
});

/// Whether `line` credits a source (`Theo Báo Nhân Dân`, `(Theo VOV)`, `Nguồn: TTXVN`):
/// not the author, and not article text either.
pub fn is_source_credit(line: &str) -> bool {
    SOURCE.is_match(line.trim())
}

/// Whether `line` is a byline with its label (`Bài, ảnh: X`, `Tin: X`, `By X`), which is
/// unmistakable wherever it stands, unlike a lone name.
pub fn is_labelled_byline(line: &str) -> bool {
    line.chars().count() <= 80 && BYLINE.is_match(line.trim()) && byline(line).is_some()
}

/// Whether `s` looks like a person's name or a few of them (`Minh Thùy`, `NGUYỄN HUY`,
/// `H.Nguyên - T.Hà`): short, capitalised words, no digits.
pub fn is_name(s: &str) -> bool {
    if s.is_empty() || s.chars().count() > 50 {
        return false;
    }
    let mut any = false;
    for part in s.split([',', '-', '–', '&']).flat_map(|p| p.split(" và ")) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let words: Vec<&str> = part.split_whitespace().collect();
        let all_caps = part.chars().any(char::is_alphabetic)
            && part
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
        // `H'Nhi`, `K'Sor`: Central Highlands names are often one word with an apostrophe.
        let highlands = words.len() == 1 && {
            let mut it = part.split(['\'', '’']);
            let (a, b) = (it.next().unwrap_or(""), it.next().unwrap_or(""));
            it.next().is_none()
                && a.chars().count() == 1
                && a.chars().all(char::is_uppercase)
                && b.chars().next().is_some_and(char::is_uppercase)
                && b.chars().count() >= 2
        };
        let one_word_ok = all_caps && part.chars().count() >= 2 || part.contains('.') || highlands;
        let ok_len = (2..=5).contains(&words.len()) || (words.len() == 1 && one_word_ok);
        if !ok_len {
            return false;
        }
        for w in &words {
            let mut chars = w.chars();
            let Some(first) = chars.next() else {
                return false;
            };
            if !first.is_uppercase()
                || !w
                    .chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’'))
            {
                return false;
            }
        }
        any = true;
    }
    any
}

pub(super) const BYLINE_WORDS: &str = include_str!("../../../corpus/reference/byline_words.tsv");

pub(super) struct BylineWords {
    /// Longest first, so `written by` is tried before `by`.
    labels: Vec<&'static str>,
    notname: std::collections::HashSet<&'static str>,
    /// Offices printed after a name.
    role: std::collections::HashSet<&'static str>,
}

pub(super) static WORDS: LazyLock<BylineWords> = LazyLock::new(|| {
    let mut w = BylineWords {
        labels: Vec::new(),
        notname: std::collections::HashSet::new(),
        role: std::collections::HashSet::new(),
    };
    for row in BYLINE_WORDS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        match row.split_once('\t') {
            Some((p, "label")) => w.labels.push(p),
            Some((p, "notname")) => {
                w.notname.insert(p);
            }
            Some((p, "role")) => {
                w.role.insert(p);
            }
            _ => {}
        }
    }
    w.labels
        .sort_by_key(|l| std::cmp::Reverse(l.chars().count()));
    w
});

/// What ends the name in a byline line: a date, a read time, `Updated`, a separator.
pub(super) static BYLINE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \s[|•·⋅—]\s? | [•·⋅—]
        | (?:Published|Updated|Posted|Reviewed)\b
        | (?i:\b(?:last\s+updated|updated\s+on|published\s+on|on\s+behalf\s+of|view\s+in\b|\d+\s*mins?\s+read|\d+\s*minutes?\s+read))
        | \sin\s+\p{Lu} | \sin\s+[a-z]+$
        | (?i:\son\s+(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d))
        ",
    )
    .expect("static regex")
});

/// The label a byline opens with (`Written by`, `Author:`), as its byte length in `line`.
pub(super) fn byline_label(line: &str) -> Option<usize> {
    let low = line.to_lowercase();
    for label in &WORDS.labels {
        let Some(rest) = low.strip_prefix(label) else {
            continue;
        };
        let next = rest.chars().next();
        let n = label.chars().count();
        // `ByDaryl Austin`, `Written byAAA Travel`: a label run into the name, told from a
        // word that opens with the label (`Byron`) by the name's capital after a lower-case
        // label letter (`BYRON` is a word).
        let mut at = line.chars().skip(n.saturating_sub(1));
        let glued =
            at.next().is_some_and(char::is_lowercase) && at.next().is_some_and(char::is_uppercase);
        if next.is_none_or(|c| c == ':' || c == '：' || c.is_whitespace()) || glued {
            // Same characters, so the same count of them in `line`.
            return Some(line.char_indices().nth(n).map_or(line.len(), |(i, _)| i));
        }
    }
    None
}

/// The name in a byline-marked line of a page (`Written By`, `Korin MillerPublished: Jan
/// 29, 2025`, `Jim Donnelly | August 24, 2023`, `Text by Hunter Dukes`, `Workzone Team• 4
/// mins read`): the label before it and the date, read time or note after it go. `None`
/// when nothing is left (a label alone: the name is on the next line) or what is left is
/// no name (`PIN IT HERE`, `Follow Us On Social Media`, `August 28, 2025`).
pub fn byline_name(line: &str) -> Option<String> {
    let mut t = line.trim();
    if let Some(n) = byline_label(t) {
        t = t[n..].trim_start_matches([':', '：', ' ']).trim();
    }
    let name = without_office(cut_tail(t));
    is_name_like(name).then(|| name.to_string())
}

/// A name without the office printed after it (`Sean Peek, Senior Analyst`, `David Jackson -
/// FullStack Editorial Team`); a list of names keeps every name.
pub(super) fn without_office(name: &str) -> &str {
    for sep in [", ", " - ", " – "] {
        let mut from = 0;
        while let Some(i) = name[from..].find(sep).map(|i| i + from) {
            let tail = &name[i + sep.len()..];
            // Only the part up to the next separator: `Jo Mai, Lan Pham, Staff Writer`.
            let part = tail.find(sep).map_or(tail, |j| &tail[..j]);
            let office = part.split_whitespace().any(|w| {
                let w = w
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase();
                let one = w.strip_suffix('s').unwrap_or(&w);
                WORDS.role.contains(w.as_str()) || WORDS.role.contains(one)
            });
            if office {
                return name[..i].trim_end();
            }
            from = i + sep.len();
        }
    }
    name
}

/// A byline without what follows the name: a date, a read time, `Updated`, a separator
/// (`Jim Donnelly | August 24, 2023` → `Jim Donnelly`); a date before the name goes too
/// (`Dec. 19, 2025 · Niko Matsakis`).
pub(super) fn cut_tail(t: &str) -> &str {
    let mut t = t.trim();
    // A date first (`Dec. 19, 2025 · Niko Matsakis`, `03/01/2017 by Jo Mai`,
    // `Dec 17, 2025Julian K. Arni`): the name is after it, its separator and label.
    if let Some((_, r)) = find_date(t)
        && t[..r.start].trim().chars().count() <= 5
    {
        t = match BYLINE_TAIL.find_at(t, r.end) {
            Some(m) if t[r.end..m.start()].trim().is_empty() => t[m.end()..].trim(),
            _ => t[r.end..].trim_start_matches([' ', '|', '•', '·', '⋅', '—', '–', '-', ',']),
        };
        if let Some(n) = byline_label(t) {
            t = t[n..].trim_start_matches([':', '：', ' ']);
        }
    }
    let mut end = t.len();
    if let Some(m) = BYLINE_TAIL.find(t) {
        end = end.min(m.start());
    }
    if let Some((_, r)) = find_date(t) {
        end = end.min(r.start);
    }
    let mut name = t[..end].trim();
    loop {
        let before = name;
        name = name
            .trim_end_matches([' ', '-', '–', '|', ',', '.', ':', ';'])
            .trim_end();
        for tail in [" on", " On", " le"] {
            if let Some(x) = name.strip_suffix(tail) {
                name = x;
            }
        }
        if name == before {
            break;
        }
    }
    name.trim_start_matches(['-', '–', '|', ',', ':', ' '])
}

/// Whether words are a phrase of lower-case words, a sentence's opening (`By familiarizing
/// oneself with …` after a line break) rather than a name; particles (`van der`, `de la`)
/// do not count, and a username is a word or two (`crazy lennys`).
pub(super) fn is_lowercase_phrase(words: &[&str]) -> bool {
    const PARTICLES: [&str; 15] = [
        "van", "von", "der", "den", "de", "da", "di", "du", "la", "le", "bin", "ibn", "and", "y",
        "e",
    ];
    let lower = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .filter(|w| !PARTICLES.contains(w))
        .count();
    lower >= 3 && lower * 2 > words.len()
}

/// Whether a cleaned byline can be a person's or a team's name: one to eight words,
/// no digits, no sentence, and no word that never is part of a name (`Share`, `Related`).
pub fn is_name_like(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty()
        || words.len() > 8
        || s.chars().count() > 70
        || s.chars()
            .any(|c| c.is_ascii_digit() || matches!(c, '?' | '!' | '{' | '}' | '@'))
        || !s.chars().next().is_some_and(char::is_alphabetic)
        || byline_label(s).is_some_and(|n| s[n..].trim_matches([':', ' ']).is_empty())
    {
        return false;
    }
    if is_lowercase_phrase(&words) {
        return false;
    }
    // `Jo Mai and Lan Pham`: names joined by "and", each name-shaped (`Terms and
    // Conditions` is not: "terms" is furniture's word).
    if s.contains(" and ") && is_name(&s.replace(" and ", ", ")) {
        return !has_notname_word(&s.replace(" and ", " "));
    }
    !has_notname_word(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_with_its_office() {
        assert_eq!(
            byline("Thu Hằng - Ban Tổ chức Tỉnh ủy").as_deref(),
            Some("Thu Hằng")
        );
        assert_eq!(
            byline("NGUYỄN HUY – Trung tâm Văn hóa huyện").as_deref(),
            Some("NGUYỄN HUY")
        );
        // A headline-like line with a dash is not a byline.
        assert_eq!(
            byline("Hải Dương - kết nạp 157 đảng viên mới năm 2023"),
            None
        );
    }

    #[test]
    fn meta_lines_under_a_headline_name_their_author() {
        let h = |l: &str, marked: bool| head_byline(l, marked);
        assert_eq!(
            h(
                "Posted by Lan Pham on Friday December 19, 2025 @08:00PM",
                false
            )
            .as_deref(),
            Some("Lan Pham")
        );
        assert_eq!(
            h("By: Jo Mai | December 16, 2025 | Categories: News", false).as_deref(),
            Some("Jo Mai")
        );
        assert_eq!(h("ByDaryl Austin", false).as_deref(), Some("Daryl Austin"));
        assert_eq!(
            h("By Jane Doe, Local Democracy Reporter", false).as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            h("By Jo Mai, Lan Pham and Kim Vo, Staff Writers", false).as_deref(),
            Some("Jo Mai, Lan Pham and Kim Vo")
        );
        assert_eq!(
            h("By Jo Mai, Lan Pham, Reporter", false).as_deref(),
            Some("Jo Mai, Lan Pham")
        );
        assert_eq!(
            h("By Lan Pham in Woodworking", false).as_deref(),
            Some("Lan Pham")
        );
        assert_eq!(h("03/01/2017 by Jo Mai", false).as_deref(), Some("Jo Mai"));
        assert_eq!(
            h("Dec 26, 2025 • Mahua Das in Project Management", false).as_deref(),
            Some("Mahua Das")
        );
        assert_eq!(
            h("Aaron Rice | Senior Writer | July 2, 2025", false).as_deref(),
            Some("Aaron Rice")
        );
        // Unlabelled and unseparated: only a block the page marks as a byline.
        assert_eq!(h("Kristian Lund July 13, 2025", false), None);
        assert_eq!(
            h("Kristian Lund July 13, 2025", true).as_deref(),
            Some("Kristian Lund")
        );
        // Date words are not names, nor is a word that opens with a label.
        assert_eq!(h("Last Updated | May 7, 2025", false), None);
        assert_eq!(h("Released Wednesday, May 7, 2025", true), None);
        assert_eq!(
            h("Byron Bay | May 7, 2025", false).as_deref(),
            Some("Byron Bay")
        );
        assert_eq!(h("BYRON | May 7, 2025", false).as_deref(), Some("BYRON"));
    }

    #[test]
    fn bylines() {
        assert_eq!(
            byline("Bài, ảnh: NGUYỄN HUY").as_deref(),
            Some("NGUYỄN HUY")
        );
        assert_eq!(byline("Tin, ảnh: Trần Thép").as_deref(), Some("Trần Thép"));
        assert_eq!(byline("Minh Thùy").as_deref(), Some("Minh Thùy"));
        assert_eq!(byline("By Jane Doe").as_deref(), Some("Jane Doe"));
        assert_eq!(
            byline("Written by Cassidy Horton").as_deref(),
            Some("Cassidy Horton")
        );
        assert!(is_labelled_byline("Written by Cassidy Horton"));
        assert_eq!(byline("Written by hand, the letters survive"), None);
        // A sentence's opening after a line break is no byline; particles and usernames are.
        assert_eq!(
            byline("By familiarizing oneself with different types of equipment"),
            None
        );
        assert_eq!(
            byline("By Marna van der Merwe").as_deref(),
            Some("Marna van der Merwe")
        );
        assert_eq!(
            byline("By andrew.keaveney").as_deref(),
            Some("andrew.keaveney")
        );
        assert_eq!(
            byline("H.Nguyên - T.Hà").as_deref(),
            Some("H.Nguyên - T.Hà")
        );
        assert_eq!(byline("Ban Tuyên giáo Tỉnh uỷ Thái Nguyên"), None);
        assert_eq!(byline("Kết luận"), None);
        assert_eq!(byline("PV").as_deref(), Some("PV"));
        assert_eq!(byline("Thu Hà (tổng hợp)").as_deref(), Some("Thu Hà"));
        assert_eq!(byline("Theo Báo Nhân Dân"), None);
        assert!(is_source_credit("(Theo VOV)"));
        assert!(is_source_credit("Nguồn: TTXVN"));
        assert!(!is_source_credit("Theo ông A, việc này cần làm ngay."));
        assert!(!is_source_credit(
            "Theo kế hoạch, cuối tháng 6 năm 2013, Ban Thường vụ Đảng ủy Khối sẽ tổ chức các đoàn kiểm tra."
        ));
        assert_eq!(byline("Xây dựng kế hoạch cụ thể cho năm 2018"), None);
        assert_eq!(byline("H'Nhi").as_deref(), Some("H'Nhi"));
        assert_eq!(
            byline("Y Ơn - K’Sor Phước").as_deref(),
            Some("Y Ơn - K’Sor Phước")
        );
        assert_eq!(byline("Thôi"), None);
        assert_eq!(byline("PIN IT HERE"), None);
        assert_eq!(byline("Written By"), None);
        assert!(is_name_shaped_furniture("PIN IT HERE"));
        assert!(!is_name_shaped_furniture("Minh Thùy"));
        assert_eq!(
            byline("By Korin MillerPublished: Jan 29, 2025").as_deref(),
            Some("Korin Miller")
        );
        assert_eq!(byline("Don't"), None);
    }

    #[test]
    fn page_bylines_lose_labels_dates_and_notes() {
        let n = |s: &str| byline_name(s);
        assert_eq!(n("Written By"), None);
        assert_eq!(n("Posted by:"), None);
        assert_eq!(n("Text by Hunter Dukes").as_deref(), Some("Hunter Dukes"));
        assert_eq!(
            n("Korin MillerPublished: Jan 29, 2025").as_deref(),
            Some("Korin Miller")
        );
        assert_eq!(
            n("Jim Donnelly | August 24, 2023").as_deref(),
            Some("Jim Donnelly")
        );
        assert_eq!(
            n("George Michaelson on 19 Dec 2025").as_deref(),
            Some("George Michaelson")
        );
        assert_eq!(
            n("Workzone Team• 4 mins read").as_deref(),
            Some("Workzone Team")
        );
        assert_eq!(
            n("Jeff Cobb. Last Updated on December 11, 2025").as_deref(),
            Some("Jeff Cobb")
        );
        assert_eq!(
            n("Dec. 19, 2025 · Niko Matsakis on behalf of Vision Doc group").as_deref(),
            Some("Niko Matsakis")
        );
        assert_eq!(
            n("Tác giả: Nguyễn Văn An").as_deref(),
            Some("Nguyễn Văn An")
        );
        assert_eq!(n("NGUYỄN HUY").as_deref(), Some("NGUYỄN HUY"));
        assert_eq!(n("PIN IT HERE"), None);
        assert_eq!(n("Follow Us On Social Media"), None);
        assert_eq!(n("August 28, 2025"), None);
        assert_eq!(
            n("Here are five ways to maximize productivity for remote workers."),
            None
        );
    }

    #[test]
    fn byline_words_table_is_sorted() {
        let rows: Vec<(&str, &str)> = BYLINE_WORDS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split_once('\t'))
            .collect();
        let mut sorted = rows.clone();
        sorted.sort_by(|a, b| (a.1, a.0).cmp(&(b.1, b.0)));
        assert_eq!(rows, sorted);
        assert!(
            rows.iter()
                .all(|(_, k)| matches!(*k, "label" | "notname" | "role"))
        );
    }
}
