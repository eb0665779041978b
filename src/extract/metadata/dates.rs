//! Dates read from text and markup: date lines (`16/06/2013 - 20:09`, `Chủ Nhật, 8/4/2012
//! 8:5'(GMT+7)`, `May 6, 2025`), machine dates (ISO 8601 in `<meta>` and JSON-LD), dates in
//! addresses, and the meta keys that declare them.

use super::bylines::{BYLINE, byline, byline_label};
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

pub(super) static DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d/.])(\d{1,2})\s?[/.-]\s?(\d{1,2})\s?[/.-]\s?(\d{4})(?:$|[^\d/])")
        .expect("static regex")
});

pub(super) static YMD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\D)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|\D)").expect("static regex")
});

pub(super) static VN_LONG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})").expect("static regex")
});

pub(super) static EN_MDY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:[^\d]|$)")
        .expect("static regex")
});

pub(super) static EN_DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})(?:[^\d]|$)")
        .expect("static regex")
});

pub(super) static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[^\d/.:])(\d{1,2})\s?(?::|h|giờ)\s?(\d{1,2})\s?(?:'|’|phút)?\s?(am|pm|a\.m\.|p\.m\.)?(?:$|[^\d/.:])")
        .expect("static regex")
});

/// Words that may surround a date on a date line without making it prose.
pub(super) static DATE_LINE_NOISE: LazyLock<Regex> = LazyLock::new(|| {
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

pub(super) fn month_of(name: &str) -> Option<u8> {
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let low = name.to_ascii_lowercase();
    NAMES
        .iter()
        .position(|n| low.starts_with(n))
        .and_then(|i| u8::try_from(i + 1).ok())
}

pub(super) fn valid(y: u32, m: u32, d: u32) -> Option<(u16, u8, u8)> {
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
pub(super) fn to_year(c: &regex::Captures) -> std::ops::Range<usize> {
    c.get(0).map_or(0, |m| m.start())..c.get(3).map_or(0, |m| m.end())
}

/// The first date in `s` and the byte range it occupies.
pub(super) fn find_date(s: &str) -> Option<((u16, u8, u8), std::ops::Range<usize>)> {
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

pub(super) fn find_time(s: &str) -> Option<((u8, u8), std::ops::Range<usize>)> {
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
pub(super) fn zone_of(folded: &str) -> Option<i16> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
