//! Article metadata read from text: date lines (`16/06/2013 - 20:09`,
//! `Chủ Nhật, 8/4/2012 8:5'(GMT+7)`), machine dates (ISO 8601 in `<meta>` and JSON-LD),
//! bylines (`Bài, ảnh: NGUYỄN HUY`, a lone `Minh Thùy`) and site names in titles.

use regex::Regex;
use std::sync::LazyLock;

/// A calendar date with an optional time of day, as printed on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Stamp {
    /// Year, month, day.
    pub date: (u16, u8, u8),
    /// Hour and minute when the line gives them.
    pub time: Option<(u8, u8)>,
    /// The offset from UTC in minutes when the line names its zone (`UTC`, `GMT+7`).
    pub zone: Option<i16>,
}

impl Stamp {
    /// The contract's form: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:00+07:00` with a time (a
    /// date line on a Vietnamese page is Vietnam time unless it names another zone).
    pub fn render(&self) -> String {
        let (y, m, d) = self.date;
        let Some((h, mi)) = self.time else {
            return format!("{y:04}-{m:02}-{d:02}");
        };
        let z = self.zone.unwrap_or(7 * 60);
        let sign = if z < 0 { '-' } else { '+' };
        let (zh, zm) = (z.unsigned_abs() / 60, z.unsigned_abs() % 60);
        format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:00{sign}{zh:02}:{zm:02}")
    }
}

static DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d/.])(\d{1,2})\s?[/.-]\s?(\d{1,2})\s?[/.-]\s?(\d{4})(?:$|[^\d/])")
        .expect("static regex")
});
static YMD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\D)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|\D)").expect("static regex")
});
static VN_LONG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})").expect("static regex")
});
static EN_MDY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:[^\d]|$)")
        .expect("static regex")
});
static EN_DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})(?:[^\d]|$)")
        .expect("static regex")
});
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[^\d/.:])(\d{1,2})\s?(?::|h|giờ)\s?(\d{1,2})\s?(?:'|’|phút)?\s?(am|pm|a\.m\.|p\.m\.)?(?:$|[^\d/.:])")
        .expect("static regex")
});
/// Words that may surround a date on a date line without making it prose.
static DATE_LINE_NOISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \(?\s*gmt\s*\+?\s*\d*\s*\)? | \(?\s*utc\s*[+-]?\s*\d*\s*\)? | \bict\b
        | \bthu\s+(hai|ba|tu|nam|sau|bay)\b | \bchu\s+nhat\b | \bt[2-7]\b | \bcn\b
        | \b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\b
        | \b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b
        | \b(january|february|march|april|may|june|july|august|september|october|november|december)\b
        | \b(jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b
        | \bluot\s+(xem|doc)\s*:?\s*\d*\b | \bin\s+bai\s+viet\b | \bban\s+in\b
        | \bcap\s+nhat\b | \bngay\s+dang\b | \bdang\s+(luc|ngay)\b | \bthoi\s+gian\b
        | \bngay\b | \bthang\b | \bnam\b | \bluc\b | \bgio\b | \bphut\b | \bsang\b | \bchieu\b | \btoi\b
        | \b(posted|published|updated|last|modified|on|at|am|pm|le|mis\s+a\s+jour|publie)\b
        ",
    )
    .expect("static regex")
});

fn month_of(name: &str) -> Option<u8> {
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let low = name.to_ascii_lowercase();
    NAMES
        .iter()
        .position(|n| low.starts_with(n))
        .and_then(|i| u8::try_from(i + 1).ok())
}

fn valid(y: u32, m: u32, d: u32) -> Option<(u16, u8, u8)> {
    let max_day = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        _ => return None,
    };
    if !(1990..=2100).contains(&y) || d == 0 || d > max_day {
        return None;
    }
    Some((y as u16, m as u8, d as u8))
}

/// A date the address's path holds (`/2025/12/19/slug`, `/articles/2025-12-15-slug`): blogs
/// and many papers file an article under its publication day. `YYYY-MM-DD`, or `None`.
pub fn date_in_url(url: &str) -> Option<String> {
    static PATH_DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"/(?:((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})|((?:19|20)\d{2})-(\d{2})-(\d{2}))(?:[^\d]|$)",
        )
        .expect("static regex")
    });
    let path = url::Url::parse(url).ok()?.path().to_string();
    let c = PATH_DATE.captures(&path)?;
    let num = |i: usize| c.get(i)?.as_str().parse::<u32>().ok();
    let (y, m, d) = match num(1) {
        Some(y) => valid(y, num(2)?, num(3)?)?,
        None => valid(num(4)?, num(5)?, num(6)?)?,
    };
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// A written-out date's span, up to its year: the character after the year is matched only
/// to see the number end (`Dec 17, 2025Julian K. Arni`, where two spans touch).
fn to_year(c: &regex::Captures) -> std::ops::Range<usize> {
    c.get(0).map_or(0, |m| m.start())..c.get(3).map_or(0, |m| m.end())
}

/// The first date in `s` and the byte range it occupies.
fn find_date(s: &str) -> Option<((u16, u8, u8), std::ops::Range<usize>)> {
    let num = |c: &regex::Captures, i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let mut best: Option<((u16, u8, u8), std::ops::Range<usize>)> = None;
    let mut offer = |date: Option<(u16, u8, u8)>, range: std::ops::Range<usize>| {
        if let Some(date) = date
            && best.as_ref().is_none_or(|(_, r)| range.start < r.start)
        {
            best = Some((date, range));
        }
    };
    if let Some(c) = VN_LONG.captures(s) {
        let r = c.get(0).map_or(0..0, |m| m.range());
        offer(
            valid(
                num(&c, 3).unwrap_or(0),
                num(&c, 2).unwrap_or(0),
                num(&c, 1).unwrap_or(0),
            ),
            r,
        );
    }
    if let Some(c) = DMY.captures(s) {
        let r = c.get(1).map_or(0, |m| m.start())..c.get(3).map_or(0, |m| m.end());
        let (a, b, y) = (
            num(&c, 1).unwrap_or(0),
            num(&c, 2).unwrap_or(0),
            num(&c, 3).unwrap_or(0),
        );
        // Day first; a second number above 12 can only be the day of a US date (`2/24/2026`).
        offer(
            valid(y, b, a).or_else(|| (b > 12).then(|| valid(y, a, b)).flatten()),
            r,
        );
    }
    if let Some(c) = YMD.captures(s) {
        let r = c.get(1).map_or(0, |m| m.start())..c.get(3).map_or(0, |m| m.end());
        offer(
            valid(
                num(&c, 1).unwrap_or(0),
                num(&c, 2).unwrap_or(0),
                num(&c, 3).unwrap_or(0),
            ),
            r,
        );
    }
    if let Some(c) = EN_MDY.captures(s) {
        let m = c
            .get(1)
            .and_then(|m| month_of(m.as_str()))
            .map_or(0, u32::from);
        let r = to_year(&c);
        offer(
            valid(num(&c, 3).unwrap_or(0), m, num(&c, 2).unwrap_or(0)),
            r,
        );
    }
    if let Some(c) = EN_DMY.captures(s) {
        let m = c
            .get(2)
            .and_then(|m| month_of(m.as_str()))
            .map_or(0, u32::from);
        let r = to_year(&c);
        offer(
            valid(num(&c, 3).unwrap_or(0), m, num(&c, 1).unwrap_or(0)),
            r,
        );
    }
    best
}

fn find_time(s: &str) -> Option<((u8, u8), std::ops::Range<usize>)> {
    for c in TIME.captures_iter(s) {
        let (Some(h), Some(m)) = (c.get(1), c.get(2)) else {
            continue;
        };
        let (Ok(mut h), Ok(m)) = (h.as_str().parse::<u8>(), m.as_str().parse::<u8>()) else {
            continue;
        };
        let pm = c
            .get(3)
            .is_some_and(|x| x.as_str().to_ascii_lowercase().starts_with('p'));
        if pm && h < 12 {
            h += 12;
        }
        if h < 24 && m < 60 {
            let start = c.get(1).map_or(0, |x| x.start());
            let end = c.get(3).or(c.get(2)).map_or(start, |x| x.end());
            return Some(((h, m), start..end));
        }
    }
    None
}

/// The zone a date line names, in minutes east of UTC: `UTC`, `GMT`, `GMT+7`, `UTC-05:00`.
fn zone_of(folded: &str) -> Option<i16> {
    static ZONE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:utc|gmt)\s*(?:([+-])\s*(\d{1,2})(?::?(\d{2}))?)?\b")
            .expect("static regex")
    });
    let c = ZONE.captures(folded)?;
    let Some(sign) = c.get(1) else {
        return Some(0);
    };
    let h: i16 = c.get(2)?.as_str().parse().ok()?;
    let m: i16 = c.get(3).map_or(Some(0), |m| m.as_str().parse().ok())?;
    if h > 14 || m > 59 {
        return None;
    }
    let z = h * 60 + m;
    Some(if sign.as_str() == "-" { -z } else { z })
}

/// Reads a *date line*: a short line that is mostly a date (and maybe a time, a weekday,
/// "GMT+7", a view counter). Prose that mentions a date is not one.
pub fn date_line(line: &str) -> Option<Stamp> {
    if line.chars().count() > 120 {
        return None;
    }
    let (date, range) = find_date(line)?;
    let mut rest = String::with_capacity(line.len());
    rest.push_str(&line[..range.start]);
    rest.push(' ');
    rest.push_str(&line[range.end..]);
    let time = find_time(&rest).map(|(t, r)| {
        rest.replace_range(r, " ");
        t
    });
    let folded = crate::text::fold_lower(&rest);
    let residue = DATE_LINE_NOISE.replace_all(&folded, " ");
    let letters = residue.chars().filter(|c| c.is_alphabetic()).count();
    if letters > 12 {
        return None;
    }
    let zone = time.and_then(|_| zone_of(&folded));
    Some(Stamp { date, time, zone })
}

/// Reads a meta bar that carries the date beside the name (`By Lan Pham • March 12, 2025`,
/// `By Jo Mai ⋅ Editor ⋅ Updated May 6, 2025`, `Dec 26, 2025 • Lan Pham in Guides`): parts
/// split by a separator, a labelled byline first and a date line after it, or a date line
/// first. A place and a date (`Hà Nội - 12/5/2025`) is a dateline [`date_line`] reads.
pub fn dated_byline(line: &str) -> Option<Stamp> {
    if line.chars().count() > 120 {
        return None;
    }
    // `Published August 7, 2023 by Nicole Burke`: a date line, then who wrote it.
    if let Some(at) = line.to_ascii_lowercase().find(" by ") {
        let name = line[at + 4..].trim();
        let words = name.split_whitespace().count();
        if (1..=5).contains(&words)
            && let Some(st) = date_line(line[..at].trim())
        {
            return Some(st);
        }
    }
    let parts: Vec<&str> = line
        .split(['•', '|', '·', '⋅', '●', '—', '–'])
        .flat_map(|p| p.split(" - "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 {
        return None;
    }
    if let Some(st) = date_line(parts[0]) {
        return Some(st);
    }
    let labelled = byline_label(parts[0]).is_some() || BYLINE.is_match(parts[0]);
    if !labelled || byline(parts[0]).is_none() {
        return None;
    }
    parts[1..].iter().find_map(|p| date_line(p))
}

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

/// Chooses the article's date among the date lines of a page's header, given as
/// (position, stamp) with the headline's position when known: a stamp with a time beats
/// one without (a "today" widget prints no time), then nearness to the headline, then the
/// earlier date (the widget's date is the later one).
pub fn pick_date(cands: &[(usize, Stamp)], title_at: Option<usize>) -> Option<Stamp> {
    let anchor = title_at.unwrap_or(0);
    cands
        .iter()
        .min_by_key(|(pos, st)| (st.time.is_none(), pos.abs_diff(anchor), st.date))
        .map(|(_, st)| *st)
}

/// Meta keys that declare when an article was published, most trusted first (Open Graph,
/// schema.org microdata names, Dublin Core, the CMSs' own).
pub const PUBLISHED_KEYS: [&str; 13] = [
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
];

/// Meta keys that say when a page was last changed: a date of last resort.
pub const MODIFIED_KEYS: [&str; 3] = ["article:modified_time", "og:updated_time", "datemodified"];

/// Meta keys that name the author.
pub const AUTHOR_KEYS: [&str; 6] = [
    "author",
    "article:author",
    "dc.creator",
    "parsely-author",
    "sailthru.author",
    "byl",
];

/// Reads a machine date (`2018-10-03T08:59:00+07:00`, `2018-10-03 08:59`, `2018-10-03`,
/// `20181003`) into the contract's form, keeping the page's own offset; a time without an
/// offset is taken as Vietnam time. Any other date form goes through [`date_line`].
pub fn parse_machine_date(s: &str) -> Option<String> {
    static ISO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?")
            .expect("static regex")
    });
    let s = s.trim();
    let Some(c) = ISO.captures(s) else {
        return date_line(s).map(|st| st.render());
    };
    let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let (y, m, d) = valid(n(1)?, n(2)?, n(3)?)?;
    let date = format!("{y:04}-{m:02}-{d:02}");
    let (Some(h), Some(mi)) = (n(4), n(5)) else {
        return Some(date);
    };
    if h > 23 || mi > 59 {
        return Some(date);
    }
    let sec = n(6).unwrap_or(0).min(59);
    let off = match c.get(7).map(|m| m.as_str()) {
        None => "+07:00".to_string(),
        Some("Z") => "+00:00".to_string(),
        Some(o) => {
            let digits: String = o[1..].chars().filter(char::is_ascii_digit).collect();
            format!("{}{}:{}", &o[..1], &digits[..2], &digits[2..])
        }
    };
    Some(format!("{date}T{h:02}:{mi:02}:{sec:02}{off}"))
}

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:bài\s*(?:,|và|&|/|-)?\s*ảnh|tin\s*(?:,|và|&|/|-)?\s*ảnh|bài|tin|tin\s*bài|bài\s*viết|thực\s*hiện|nhóm\s*(?:pv|phóng\s*viên)|by|par|written\s+by|story\s+by|text)\s*[:：]\s*(.+?)\s*$|^(?:by|par)\s+(.+?)\s*$",
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
fn is_office(s: &str) -> bool {
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
fn has_notname_word(s: &str) -> bool {
    s.split_whitespace().any(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        WORDS.notname.contains(w.as_str())
    })
}

static SOURCE: LazyLock<Regex> = LazyLock::new(|| {
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

/// A comparison key: folded, lower case, letters and digits only (`Báo Điện Biên Phủ` and
/// `BAO DIEN BIEN PHU` are one name).
pub(crate) fn text_key(s: &str) -> String {
    crate::text::fold_lower(s)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The name a host gives its site (`www.baodienbienphu.info.vn` → `baodienbienphu`,
/// `blog.artlyst.com` → `artlyst`): its label before the public suffix, as a comparison
/// key ([`text_key`]); `None` when that is too short to tell a title part by.
pub fn host_name(host: &str) -> Option<String> {
    // Second-level names under a country's code (`com.vn`, `co.uk`, `gov.au`).
    const SECOND_LEVEL: [&str; 12] = [
        "ac", "biz", "co", "com", "edu", "gov", "health", "info", "int", "name", "net", "org",
    ];
    let host = host.trim().trim_end_matches('.').to_ascii_lowercase();
    let mut labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    let tld = labels.pop()?;
    if tld.len() == 2 && labels.len() > 1 && labels.last().is_some_and(|l| SECOND_LEVEL.contains(l))
    {
        labels.pop();
    }
    let name = text_key(labels.last()?);
    (name.chars().count() >= 4).then_some(name)
}

/// Whether a part of a title is the site's name: `og:site_name` in any spelling or case,
/// or the host's name ([`host_name`]) spelt out in words (`The Partnership for Student
/// Success` on partnershipstudentsuccess.org, `Báo Điện Biên Phủ` on baodienbienphu.info.vn).
fn names_site(part: &str, site_key: &str, host: Option<&str>) -> bool {
    let pk = text_key(part);
    if pk.is_empty() {
        return false;
    }
    if pk == site_key {
        return true;
    }
    let Some(h) = host else {
        return false;
    };
    // The host's words run together, or so with short words between (`the`, `for`).
    if pk == h {
        return true;
    }
    let long_words: String = part
        .split(|c: char| !c.is_alphanumeric())
        .map(text_key)
        .filter(|w| w.chars().count() > 3)
        .collect();
    long_words == h
}

/// A title without the part that names the site (`Headline – Artlyst`), when one does.
pub fn without_site_part(title: &str, site: Option<&str>, host: Option<&str>) -> Option<String> {
    let sk = site.map(text_key).unwrap_or_default();
    for sep in &super::words::WORDS.title_separator {
        let parts: Vec<&str> = title.split(sep.as_str()).map(str::trim).collect();
        if parts.len() < 2 {
            continue;
        }
        let rest: Vec<&str> = parts
            .iter()
            .copied()
            .filter(|p| !names_site(p, &sk, host))
            .collect();
        if !rest.is_empty() && rest.len() < parts.len() {
            return Some(rest.join(sep));
        }
    }
    None
}

/// A headline without the site name pages add to `<title>` and `og:title`
/// (`Tiêu đề - Báo Thanh Hóa`, `Headline | The Site`): the part that names the site goes
/// (by `og:site_name` or the host's name, [`host_name`]), else the longest part around a
/// separator stays.
pub fn strip_site_name(title: &str, site: Option<&str>, host: Option<&str>) -> String {
    let t = title.trim();
    let site = site.map(str::trim).filter(|s| !s.is_empty());
    if let Some(site) = site {
        for sep in &super::words::WORDS.title_separator {
            if let Some(rest) = t
                .strip_suffix(site)
                .and_then(|r| r.trim_end().strip_suffix(sep.trim()))
            {
                return rest.trim().to_string();
            }
            if let Some(rest) = t
                .strip_prefix(site)
                .and_then(|r| r.trim_start().strip_prefix(sep.trim()))
            {
                return rest.trim().to_string();
            }
        }
    }
    // Its name in another spelling or case (`BAO DIEN BIEN PHU`), or its host's.
    if let Some(rest) = without_site_part(t, site, host) {
        return rest;
    }
    // A site that names itself and is not in the title left no name there to cut after a
    // dash: `Zero Waste - A Beginner's Guide` on Eartheasy is one headline. A bar still
    // sets off a brand spelt otherwise (`… | Koia` on Drink Koia).
    let dashes_are_words = site.is_some_and(|site| {
        let (sk, tk) = (text_key(site), text_key(t));
        !sk.is_empty() && !tk.contains(&sk)
    });
    for sep in &super::words::WORDS.title_separator {
        let dash = matches!(sep.trim(), "-" | "--" | "–" | "—");
        if dashes_are_words && dash {
            continue;
        }
        if t.contains(sep) {
            let parts: Vec<&str> = t.split(sep).map(str::trim).collect();
            let longest = parts
                .iter()
                .copied()
                .max_by_key(|p| p.chars().count())
                .unwrap_or(t);
            // Only a clearly dominant part is the headline; "A - B" of equal halves is one.
            let others = parts
                .iter()
                .filter(|p| **p != longest)
                .map(|p| p.chars().count())
                .max()
                .unwrap_or(0);
            if longest.chars().count() >= 2 * others.max(1) || others <= 25 {
                return longest.to_string();
            }
        }
    }
    t.to_string()
}

const BYLINE_WORDS: &str = include_str!("../../corpus/reference/byline_words.tsv");

struct BylineWords {
    /// Longest first, so `written by` is tried before `by`.
    labels: Vec<&'static str>,
    notname: std::collections::HashSet<&'static str>,
    /// Offices printed after a name.
    role: std::collections::HashSet<&'static str>,
}

static WORDS: LazyLock<BylineWords> = LazyLock::new(|| {
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
static BYLINE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
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
fn byline_label(line: &str) -> Option<usize> {
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
fn without_office(name: &str) -> &str {
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
fn cut_tail(t: &str) -> &str {
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
fn is_lowercase_phrase(words: &[&str]) -> bool {
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

/// Whether a heading is the site's name rather than a headline: it is `og:site_name` or
/// the host's name; or, set as a logo (`logo`: a link, or in the page's furniture), a
/// short part (four words at most) of `<title>` beside a longer one (`Story | Tạp chí
/// Miền Tây` with an h1 logo `Tạp chí Miền Tây`) unless another part names the site
/// (`Learn More: Tutoring | The Partnership for Student Success` on its host). A plain h1
/// shorter than the site's tagline (`Defer, Panic, and Recover - The Go Programming
/// Language`) is the headline.
pub fn is_site_name(
    heading: &str,
    site: Option<&str>,
    host: Option<&str>,
    title_tag: &str,
    logo: bool,
) -> bool {
    let hk = text_key(heading);
    if hk.is_empty() {
        return false;
    }
    let sk = site.map(text_key).unwrap_or_default();
    if names_site(heading, &sk, host) {
        return true;
    }
    if !logo || heading.split_whitespace().count() > 4 {
        return false;
    }
    for sep in &super::words::WORDS.title_separator {
        if !title_tag.contains(sep.as_str()) {
            continue;
        }
        let parts: Vec<&str> = title_tag.split(sep.as_str()).map(str::trim).collect();
        let longest = parts.iter().map(|p| p.chars().count()).max().unwrap_or(0);
        let named_elsewhere = parts
            .iter()
            .any(|p| text_key(p) != hk && names_site(p, &sk, host));
        if !named_elsewhere
            && parts
                .iter()
                .any(|p| text_key(p) == hk && p.chars().count() < longest)
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
    fn vietnamese_date_lines() {
        let st = date_line("Chủ Nhật, 8/4/2012 8:5'(GMT+7)").map(|s| s.render());
        assert_eq!(st.as_deref(), Some("2012-04-08T08:05:00+07:00"));
        let st = date_line("16/06/2013 - 20:09").map(|s| s.render());
        assert_eq!(st.as_deref(), Some("2013-06-16T20:09:00+07:00"));
        let st =
            date_line("08:59 - Thứ Tư, 03/10/2018 Lượt xem: 8658 In bài viết").map(|s| s.render());
        assert_eq!(st.as_deref(), Some("2018-10-03T08:59:00+07:00"));
        let st = date_line("Thứ Sáu, 27/9/2024").map(|s| s.render());
        assert_eq!(st.as_deref(), Some("2024-09-27"));
        let st = date_line("Cập nhật lúc 14h30 ngày 5 tháng 3 năm 2019").map(|s| s.render());
        assert_eq!(st.as_deref(), Some("2019-03-05T14:30:00+07:00"));
        assert_eq!(
            date_line("Published March 5, 2019 at 3:04 pm")
                .map(|s| s.render())
                .as_deref(),
            Some("2019-03-05T15:04:00+07:00")
        );
    }

    #[test]
    fn us_dates_when_the_day_comes_second() {
        assert_eq!(
            date_line("2/24/2026").map(|s| s.render()).as_deref(),
            Some("2026-02-24")
        );
        // Day first whenever both orders are possible.
        assert_eq!(
            date_line("03/10/2018").map(|s| s.render()).as_deref(),
            Some("2018-10-03")
        );
    }

    #[test]
    fn prose_is_not_a_date_line() {
        assert!(
            date_line("Hội nghị cán bộ chủ chốt của tỉnh ngày 28/3/2012 đã thông qua").is_none()
        );
        assert!(date_line("Số 12-NQ/TW").is_none());
        assert!(date_line("31/2/2012").is_none());
        assert!(date_line("13/13/2012").is_none());
    }

    #[test]
    fn dated_bylines_zones_and_touching_spans() {
        let r = |l: &str| dated_byline(l).map(|s| s.render());
        assert_eq!(
            r("By Lan Pham • March 12, 2025").as_deref(),
            Some("2025-03-12")
        );
        assert_eq!(
            r("By Dr. Jo Mai - Mar 27, 2024").as_deref(),
            Some("2024-03-27")
        );
        assert_eq!(
            r("Bài: Minh Thùy | 12/5/2025").as_deref(),
            Some("2025-05-12")
        );
        // A date, then who wrote it.
        assert_eq!(
            r("Published August 7, 2023 by Nicole Burke").as_deref(),
            Some("2023-08-07")
        );
        assert_eq!(r("12/5/2025 by Minh Thùy").as_deref(), Some("2025-05-12"));
        assert_eq!(
            r("Signed on 12/5/2025 by the heads of the four provincial departments concerned"),
            None
        );
        // A place and a date is a dateline, not a byline; a sentence is neither.
        assert_eq!(r("Hà Nội - 12/5/2025"), None);
        assert_eq!(
            r("By Jo Mai ⋅ Review Editor ⋅ Updated May 6, 2025").as_deref(),
            Some("2025-05-06")
        );
        assert_eq!(
            r("Dec 26, 2025 • Lan Pham in Project Management").as_deref(),
            Some("2025-12-26")
        );
        assert_eq!(
            r("By the way - this changed on 12/5/2025 for everyone here"),
            None
        );
        // The zone a line names is kept; none named is Vietnam time.
        let d = |l: &str| date_line(l).map(|s| s.render());
        assert_eq!(
            d("Updated: Dec 31, 2025 8:51pm UTC").as_deref(),
            Some("2025-12-31T20:51:00+00:00")
        );
        assert_eq!(
            d("Posted 4/2/2025 09:15 (GMT-5)").as_deref(),
            Some("2025-02-04T09:15:00-05:00")
        );
        assert_eq!(
            d("Thứ Hai, 12/05/2025 08:30").as_deref(),
            Some("2025-05-12T08:30:00+07:00")
        );
        // Two spans printed without a space between them.
        assert_eq!(d("Dec 17, 2025Lan Pham").as_deref(), Some("2025-12-17"));
        assert_eq!(d("4 May 2024Lan").as_deref(), Some("2024-05-04"));
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
    fn widget_date_loses_to_dated_article_line() {
        let today = date_line("Thứ Sáu, 27/9/2024").map(|s| (0, s));
        let art = date_line("Chủ Nhật, 8/4/2012 8:5'(GMT+7)").map(|s| (2, s));
        let cands: Vec<_> = [today, art].into_iter().flatten().collect();
        assert_eq!(
            pick_date(&cands, Some(3)).map(|s| s.render()).as_deref(),
            Some("2012-04-08T08:05:00+07:00")
        );
        let a = date_line("27/9/2024").map(|s| (0, s));
        let b = date_line("03/10/2018").map(|s| (5, s));
        let cands: Vec<_> = [a, b].into_iter().flatten().collect();
        assert_eq!(
            pick_date(&cands, None).map(|s| s.render()).as_deref(),
            Some("2024-09-27")
        );
    }

    #[test]
    fn machine_dates() {
        assert_eq!(
            parse_machine_date("2018-10-03T08:59:00+07:00").as_deref(),
            Some("2018-10-03T08:59:00+07:00")
        );
        assert_eq!(
            parse_machine_date("2018-10-03T01:59:00Z").as_deref(),
            Some("2018-10-03T01:59:00+00:00")
        );
        assert_eq!(
            parse_machine_date("2018-10-03 08:59").as_deref(),
            Some("2018-10-03T08:59:00+07:00")
        );
        assert_eq!(
            parse_machine_date("2018-10-03T08:59:00.000-0500").as_deref(),
            Some("2018-10-03T08:59:00-05:00")
        );
        assert_eq!(
            parse_machine_date("20181003").as_deref(),
            Some("2018-10-03")
        );
        assert_eq!(parse_machine_date("nonsense"), None);
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

    #[test]
    fn dates_in_addresses() {
        let d = |u: &str| date_in_url(u);
        assert_eq!(
            d("https://blog.example.org/2025/12/19/what-people-love").as_deref(),
            Some("2025-12-19")
        );
        assert_eq!(
            d("https://x.fr/articles/2025-12-15+Rust+backend").as_deref(),
            Some("2025-12-15")
        );
        assert_eq!(
            d("https://bao.vn/2024/3/7/tin.html").as_deref(),
            Some("2024-03-07")
        );
        // A month alone, an article number, an impossible day: no date.
        assert_eq!(d("https://x.com/2025/12/book-beat"), None);
        assert_eq!(d("https://bao.vn/hoi-nghi-20251219123456.html"), None);
        assert_eq!(d("https://x.com/2025/02/30/slug"), None);
        assert_eq!(d("https://x.com/2025/12/190/slug"), None);
    }

    #[test]
    fn site_name_headings() {
        let tag = "Những cung đường đạp xe đẹp ở Cần Thơ | Tạp chí Miền Tây";
        assert!(is_site_name("Tạp chí Miền Tây", None, None, tag, true));
        // The same words in a plain h1 above the story are its headline.
        assert!(!is_site_name("Tạp chí Miền Tây", None, None, tag, false));
        assert!(!is_site_name(
            "Những cung đường đạp xe đẹp ở Cần Thơ",
            None,
            None,
            tag,
            true
        ));
        assert!(is_site_name(
            "Tin Cao Nguyên",
            Some("Tin Cao Nguyên"),
            None,
            "",
            false
        ));
        // A long heading is a headline even when `<title>` holds a longer tagline.
        assert!(!is_site_name(
            "Tăng cường xây dựng Đảng ở cơ sở",
            None,
            None,
            "Tăng cường xây dựng Đảng ở cơ sở - Báo Điện Biên Phủ điện tử, cơ quan của Đảng bộ tỉnh",
            true
        ));
        // A short headline beside the site's name spelt out from its host is the headline;
        // the host's name itself, an h1 logo, is not.
        let host = host_name("www.hoinongdan.org.vn");
        let tag = "Mô hình hay | Hội Nông Dân";
        assert!(!is_site_name(
            "Mô hình hay",
            None,
            host.as_deref(),
            tag,
            true
        ));
        assert!(is_site_name(
            "HỘI NÔNG DÂN",
            None,
            host.as_deref(),
            "",
            false
        ));
    }

    #[test]
    fn host_names() {
        assert_eq!(
            host_name("www.baodienbienphu.info.vn").as_deref(),
            Some("baodienbienphu")
        );
        assert_eq!(host_name("blog.artlyst.com").as_deref(), Some("artlyst"));
        assert_eq!(host_name("news.bbc.co.uk"), None, "too short to tell");
        assert_eq!(host_name("localhost"), None);
        assert_eq!(host_name(""), None);
    }

    #[test]
    fn site_parts_by_host() {
        let host = host_name("baodienbienphu.info.vn");
        let host = host.as_deref();
        // With no `og:site_name`, the host names the part to cut, in words or run together,
        // even when it is the longer part.
        assert_eq!(
            strip_site_name("Tin vắn | Báo Điện Biên Phủ", None, host),
            "Tin vắn"
        );
        assert_eq!(
            strip_site_name("Tin vắn | Báo Điện Biên Phủ", None, None),
            "Báo Điện Biên Phủ"
        );
        assert_eq!(
            without_site_part("Hội nghị Tỉnh ủy | BaoDienBienPhu", None, host).as_deref(),
            Some("Hội nghị Tỉnh ủy")
        );
        // Short words between the host's words: `The Partnership for Student Success`.
        let host = host_name("www.partnershipstudentsuccess.org");
        assert_eq!(
            without_site_part(
                "Learn More: Academic Tutoring | The Partnership for Student Success",
                None,
                host.as_deref()
            )
            .as_deref(),
            Some("Learn More: Academic Tutoring")
        );
        // A part that holds the host's words and more is the headline's own.
        let host = host_name("www.austinhardware.com");
        assert_eq!(
            without_site_part("Austin Hardware Catalog - Index", None, host.as_deref()),
            None
        );
    }

    #[test]
    fn site_names() {
        assert_eq!(
            strip_site_name(
                "Xây dựng Đảng - Báo Điện Biên Phủ",
                Some("Báo Điện Biên Phủ"),
                None
            ),
            "Xây dựng Đảng"
        );
        assert_eq!(
            strip_site_name(
                "A long headline about the council vote | The Courier",
                None,
                None
            ),
            "A long headline about the council vote"
        );
        assert_eq!(strip_site_name("Headline", None, None), "Headline");
        // A site that names itself elsewhere left nothing to cut from this title.
        assert_eq!(
            strip_site_name(
                "Sổ tay đảng viên - Những điều cần biết",
                Some("Báo Tỉnh"),
                None
            ),
            "Sổ tay đảng viên - Những điều cần biết"
        );
        // A bar still sets off a brand spelt otherwise than the site's name.
        assert_eq!(
            strip_site_name(
                "Bảy cách tiết kiệm điện mùa nắng | Koia",
                Some("Drink Koia"),
                None
            ),
            "Bảy cách tiết kiệm điện mùa nắng"
        );
        // Its name in another spelling is still its name.
        assert_eq!(
            strip_site_name(
                "Xây dựng Đảng | BAO DIEN BIEN PHU",
                Some("Báo Điện Biên Phủ"),
                None
            ),
            "Xây dựng Đảng"
        );
    }
}
