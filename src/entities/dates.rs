//! The `dates` list of the record: calendar dates, months, quarters, years and ranges.
//!
//! Input: a normalised body. Output: one [`DateMention`] per mention, in body order, with
//! code point offsets. Vietnamese forms: `ngày 11-1-2013`, `16/06/2013 - 20:09`,
//! `Thứ Sáu, 27/9/2024`, `ngày 16 tháng 1 năm 2012`, `ngày 28 - 29/3/2012` (a range),
//! `tháng 11/2017`, `cuối tháng 6 năm 2013` (the month), `quý I/2018` (its three months),
//! `6 tháng đầu năm 2020`, `9 tháng năm 2021`, `nửa cuối năm 2022` (those months of the year),
//! `giai đoạn 2012-2015` (a range of years), `năm 2012`; with the publication date
//! ([`find_dated`]), a day without its year (`Ngày 12/4`, `sáng 3-9`).
//!
//! Not dates: durations (`6 tháng`, `hai năm liền`), terms (`khóa XI`), document numbers
//! (`15/2012/NĐ-CP`), impossible days (`31/2/2012`, month 13).
//!
//! ```
//! let d = baochi::entities::dates::find("Kế hoạch số 93/KH-TU, ngày 11-1-2013 về khắc phục");
//! assert_eq!(d[0].value, "2013-01-11");
//! assert_eq!(d[0].span.text, "ngày 11-1-2013");
//! ```

use crate::record::{DateMention, Span, spans_to_code_points};
use chrono::{Datelike, NaiveDate};
use regex::{Captures, Regex};
use std::sync::LazyLock;

/// A weekday before a date: `Thứ Sáu, `, `Chủ Nhật, `, `Thứ 2, `.
const WEEKDAY: &str =
    r"(?:(?:[Tt]hứ\s+(?:[Hh]ai|[Bb]a|[Tt]ư|[Nn]ăm|[Ss]áu|[Bb]ảy|[2-7])|[Cc]hủ\s+[Nn]hật)\s*,?\s*)";

/// Every form in one pattern; alternatives are tried in order at each position, so the
/// longer readings (ranges, dates with times) come before the shorter ones they contain.
static DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let sep = r"\s?[/.-]\s?";
    let pattern = [
        // ngày 28 - 29/3/2012
        r"(?P<r>(?:[Nn]gày\s+)?(?P<r_d1>\d{1,2})\s*(?:-|–|đến|và)\s*(?:ngày\s+)?(?P<r_d2>\d{1,2})\s?/\s?(?P<r_m>\d{1,2})\s?/\s?(?P<r_y>\d{4}))".to_string(),
        // ngày 28/3 - 2/4/2012
        r"(?P<x>(?:[Nn]gày\s+)?(?P<x_d1>\d{1,2})/(?P<x_m1>\d{1,2})\s*(?:-|–|đến)\s*(?:ngày\s+)?(?P<x_d2>\d{1,2})/(?P<x_m2>\d{1,2})/(?P<x_y>\d{4}))".to_string(),
        // 08:59 - Thứ Tư, 03/10/2018 ; ngày 16/1/2012 ; 16/06/2013 - 20:09
        format!(
            r"(?P<f>(?:(?P<f_ph>\d{{1,2}}):(?P<f_pm>\d{{2}})\s*[-,]?\s*)?{WEEKDAY}?(?:[Nn]gày\s+)?(?P<f_d>\d{{1,2}}){sep}(?P<f_m>\d{{1,2}}){sep}(?P<f_y>\d{{4}})(?:\s*(?:-|,|lúc)?\s*(?P<f_th>\d{{1,2}})\s?(?::|h|giờ)\s?(?P<f_tm>\d{{1,2}})'?)?)"
        ),
        // ngày 16 tháng 1 năm 2012
        format!(
            r"(?P<t>{WEEKDAY}?(?:[Nn]gày\s+)?(?P<t_d>\d{{1,2}})\s+tháng\s+(?P<t_m>\d{{1,2}})\s*,?\s*năm\s+(?P<t_y>\d{{4}}))"
        ),
        // 6 tháng đầu năm 2020 ; 9 tháng năm 2021 ; 6 tháng cuối năm 2020 ; nửa cuối năm 2022
        r"(?P<p>(?:(?P<p_n>\d{1,2})\s+tháng|(?P<p_half>[Nn]ửa))\s+(?:(?P<p_pos>đầu|cuối)\s+)?năm\s+(?P<p_y>\d{4}))".to_string(),
        // tháng 6 - 8/2013
        r"(?P<mr>[Tt]háng\s+(?P<mr_m1>\d{1,2})\s*(?:-|–|đến)\s*(?:tháng\s+)?(?P<mr_m2>\d{1,2})\s?(?:/|-|,?\s*năm\s)\s?(?P<mr_y>\d{4}))".to_string(),
        // tháng 11/2017 ; tháng 6 năm 2013
        r"(?P<my>[Tt]háng\s+(?P<my_m>\d{1,2})\s?(?:/|-|\.|,?\s*năm\s)\s?(?P<my_y>\d{4}))"
            .to_string(),
        // quý I/2018
        r"(?P<q>[Qq]uý\s+(?P<q_q>IV|I{1,3}|[1-4])\s?(?:/|-|,?\s*năm\s)\s?(?P<q_y>\d{4}))"
            .to_string(),
        // 2012-2015 ; năm 2010 đến năm 2015
        r"(?P<yr>(?:[Nn]ăm\s+)?(?P<yr_y1>\d{4})\s?(?:-|–|—|\s(?:đến|tới)\s(?:hết\s)?(?:năm\s)?)\s?(?P<yr_y2>\d{4}))"
            .to_string(),
        // năm 2012
        r"(?P<y>[Nn]ăm\s+(?P<y_y>\d{4}))".to_string(),
        // ngày 12/4 ; sáng 3-9 : a day whose year the publication date gives
        r"(?P<dn>(?:[Nn]gày|[Ss]áng|[Cc]hiều|[Tt]rưa|[Tt]ối|[Đđ]êm)\s+(?P<dn_d>\d{1,2})\s?[/-]\s?(?P<dn_m>\d{1,2}))".to_string(),
    ]
    .join("|");
    Regex::new(&pattern).expect("the date pattern is valid")
});

/// Finds every date mention in a normalised body, in body order. Days printed without
/// their year (`ngày 12/4`) need the publication date: see [`find_dated`].
pub fn find(body: &str) -> Vec<DateMention> {
    find_dated(body, None)
}

/// [`find`], with the article's publication date (`YYYY-MM-DD…`), which dates a day printed
/// without its year (`Ngày 12/4`, `sáng 3-9`): the year of publication, or the year before
/// when that day would come after it (a January story recalling `ngày 27/11`).
pub fn find_dated(body: &str, published: Option<&str>) -> Vec<DateMention> {
    let mut dates = scan(body, published);
    spans_to_code_points(body, dates.iter_mut().map(|d| &mut d.span));
    dates
}

/// [`find_dated`] with byte offsets, for the other finders (see [`crate::entities`]).
pub(crate) fn scan(body: &str, published: Option<&str>) -> Vec<DateMention> {
    let published = published.and_then(crate::date::PartialDate::leading_day);
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < body.len() {
        let Some(caps) = DATE_RE.captures_at(body, pos) else {
            break;
        };
        let whole = caps.get(0).map_or(pos..pos, |m| m.range());
        if whole.is_empty() {
            break;
        }
        match read(&caps, published).filter(|_| bounded(body, whole.start, whole.end)) {
            Some((value, until)) => {
                out.push(DateMention {
                    value,
                    until,
                    span: Span::in_bytes(body, whole.start, whole.end),
                });
                pos = whole.end;
            }
            None => pos = next_char(body, whole.start),
        }
    }
    out
}

/// The byte offset of the character after the one at `i`.
fn next_char(s: &str, i: usize) -> usize {
    s[i..].chars().next().map_or(s.len(), |c| i + c.len_utf8())
}

/// A mention must stand alone: not glued to a word or number before it (`1.234/5/2012`,
/// `x2012`), nor followed by more digits or a document-number slash (`12/3/2012/QĐ`).
fn bounded(body: &str, start: usize, end: usize) -> bool {
    if let Some(p) = body[..start].chars().next_back()
        && (p.is_alphanumeric() || matches!(p, '/' | '.' | '-' | ',' | ':'))
    {
        // A comma or dash before a spaced-out date is fine ("…, 27/9/2024" has a space).
        return false;
    }
    match body[end..].chars().next() {
        Some(c) if c.is_alphanumeric() => false,
        Some('/') => false,
        Some('.' | ',' | '-') => !body[end..]
            .chars()
            .nth(1)
            .is_some_and(|c| c.is_ascii_digit()),
        _ => true,
    }
}

fn num(caps: &Captures<'_>, name: &str) -> Option<u32> {
    caps.name(name)?.as_str().parse().ok()
}

/// Reads the matched alternative into `(value, until)`, or `None` when it is not a real
/// calendar date.
fn read(caps: &Captures<'_>, published: Option<NaiveDate>) -> Option<(String, Option<String>)> {
    if caps.name("dn").is_some() {
        let p = published?;
        let (d, m) = (num(caps, "dn_d")?, num(caps, "dn_m")?);
        let year = u32::try_from(p.year()).ok()?;
        let year = if (m, d) > (p.month(), p.day()) {
            year - 1
        } else {
            year
        };
        return Some((ymd(year, m, d)?, None));
    }
    if caps.name("r").is_some() {
        let (d1, d2) = (num(caps, "r_d1")?, num(caps, "r_d2")?);
        let (m, y) = (num(caps, "r_m")?, num(caps, "r_y")?);
        if d1 >= d2 {
            return None;
        }
        return Some((ymd(y, m, d1)?, Some(ymd(y, m, d2)?)));
    }
    if caps.name("x").is_some() {
        let y = num(caps, "x_y")?;
        let from = ymd(y, num(caps, "x_m1")?, num(caps, "x_d1")?)?;
        let to = ymd(y, num(caps, "x_m2")?, num(caps, "x_d2")?)?;
        return (from < to).then_some((from, Some(to)));
    }
    if caps.name("f").is_some() {
        let day = ymd(num(caps, "f_y")?, num(caps, "f_m")?, num(caps, "f_d")?)?;
        let time = match (num(caps, "f_th"), num(caps, "f_tm")) {
            (Some(h), Some(m)) => Some((h, m)),
            _ => match (num(caps, "f_ph"), num(caps, "f_pm")) {
                (Some(h), Some(m)) => Some((h, m)),
                _ => None,
            },
        };
        return Some(match time {
            Some((h, m)) if h < 24 && m < 60 => (format!("{day}T{h:02}:{m:02}"), None),
            _ => (day, None),
        });
    }
    if caps.name("t").is_some() {
        return Some((
            ymd(num(caps, "t_y")?, num(caps, "t_m")?, num(caps, "t_d")?)?,
            None,
        ));
    }
    if caps.name("p").is_some() {
        // A part of a year: its first (or last) months, or a half.
        let y = num(caps, "p_y")?;
        let last_part = caps.name("p_pos").is_some_and(|m| m.as_str() == "cuối");
        let months = match num(caps, "p_n") {
            Some(n) if (1..=12).contains(&n) => n,
            Some(_) => return None,
            // `nửa năm 2022` says not which half.
            None if caps.name("p_pos").is_none() => return None,
            None => 6,
        };
        let (first, last) = if last_part {
            (13 - months, 12)
        } else {
            (1, months)
        };
        return Some((ym(y, first)?, Some(ym(y, last)?)));
    }
    if caps.name("mr").is_some() {
        let y = num(caps, "mr_y")?;
        let (m1, m2) = (num(caps, "mr_m1")?, num(caps, "mr_m2")?);
        if m1 >= m2 {
            return None;
        }
        return Some((ym(y, m1)?, Some(ym(y, m2)?)));
    }
    if caps.name("my").is_some() {
        return Some((ym(num(caps, "my_y")?, num(caps, "my_m")?)?, None));
    }
    if caps.name("q").is_some() {
        let y = num(caps, "q_y")?;
        let q = match caps.name("q_q")?.as_str() {
            "I" | "1" => 1,
            "II" | "2" => 2,
            "III" | "3" => 3,
            _ => 4,
        };
        return Some((ym(y, q * 3 - 2)?, Some(ym(y, q * 3)?)));
    }
    if caps.name("yr").is_some() {
        let (y1, y2) = (num(caps, "yr_y1")?, num(caps, "yr_y2")?);
        if !(year_ok(y1) && year_ok(y2) && y1 < y2) {
            return None;
        }
        return Some((y1.to_string(), Some(y2.to_string())));
    }
    let y = num(caps, "y_y")?;
    year_ok(y).then(|| (y.to_string(), None))
}

/// Years a news article can mean.
fn year_ok(y: u32) -> bool {
    (1800..=2100).contains(&y)
}

fn ym(y: u32, m: u32) -> Option<String> {
    (year_ok(y) && (1..=12).contains(&m)).then(|| format!("{y:04}-{m:02}"))
}

/// `YYYY-MM-DD` for a real calendar day, else `None` (no 31/2, no month 13).
pub fn ymd(y: u32, m: u32, d: u32) -> Option<String> {
    let max = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400)) => 29,
        2 => 28,
        _ => return None,
    };
    (year_ok(y) && (1..=max).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(body: &str) -> Vec<(String, Option<String>, String)> {
        find(body)
            .into_iter()
            .map(|d| (d.value, d.until, d.span.text))
            .collect()
    }

    #[test]
    fn validates_days() {
        assert_eq!(ymd(2012, 2, 29).as_deref(), Some("2012-02-29"));
        assert_eq!(ymd(2013, 2, 29), None);
        assert_eq!(ymd(1900, 2, 29), None);
        assert_eq!(ymd(2000, 2, 29).as_deref(), Some("2000-02-29"));
        assert_eq!(ymd(2012, 13, 1), None);
        assert_eq!(ymd(2012, 4, 31), None);
    }

    #[test]
    fn reads_the_seed_forms() {
        assert_eq!(
            values("ngày 28 - 29/3/2012"),
            [(
                "2012-03-28".into(),
                Some("2012-03-29".into()),
                "ngày 28 - 29/3/2012".into()
            )]
        );
        assert_eq!(values("16/06/2013 - 20:09")[0].0, "2013-06-16T20:09");
        assert_eq!(
            values("Chủ Nhật, 8/4/2012 8:5'(GMT+7)")[0].0,
            "2012-04-08T08:05"
        );
        assert_eq!(
            values("08:59 - Thứ Tư, 03/10/2018 Lượt")[0].0,
            "2018-10-03T08:59"
        );
    }

    #[test]
    fn parts_of_a_year_are_their_months() {
        let v = |body: &str| {
            values(body)
                .into_iter()
                .map(|(a, b, t)| (a, b.unwrap_or_default(), t))
                .collect::<Vec<_>>()
        };
        let one = |a: &str, b: &str, t: &str| vec![(a.to_string(), b.to_string(), t.to_string())];
        assert_eq!(
            v("Kết quả 6 tháng đầu năm 2020, toàn tỉnh kết nạp 512 đảng viên."),
            one("2020-01", "2020-06", "6 tháng đầu năm 2020")
        );
        assert_eq!(
            v("Trong 9 tháng năm 2021 huyện đã hoàn thành."),
            one("2021-01", "2021-09", "9 tháng năm 2021")
        );
        assert_eq!(
            v("Nhiệm vụ 6 tháng cuối năm 2020 được đề ra."),
            one("2020-07", "2020-12", "6 tháng cuối năm 2020")
        );
        assert_eq!(
            v("Nửa cuối năm 2022 tăng trưởng chậm lại."),
            one("2022-07", "2022-12", "Nửa cuối năm 2022")
        );
        assert_eq!(
            v("kế hoạch nửa đầu năm 2023"),
            one("2023-01", "2023-06", "nửa đầu năm 2023")
        );
        // The quarter and the day forms are unchanged beside them.
        assert_eq!(v("quý III/2016"), one("2016-07", "2016-09", "quý III/2016"));
        assert_eq!(
            v("ngày 9 tháng 5 năm 2021"),
            vec![(
                "2021-05-09".to_string(),
                String::new(),
                "ngày 9 tháng 5 năm 2021".to_string()
            )]
        );
        // Which half is not said, and thirteen months are no part of a year: the year stays.
        assert_eq!(v("nửa năm 2022"), one("2022", "", "năm 2022"));
        assert_eq!(v("13 tháng năm 2022"), one("2022", "", "năm 2022"));
    }

    #[test]
    fn a_day_without_its_year_takes_the_publications() {
        let dated = |body: &str, published: &str| {
            find_dated(body, Some(published))
                .into_iter()
                .map(|d| (d.value, d.span.text))
                .collect::<Vec<_>>()
        };
        let one = |v: &str, t: &str| vec![(v.to_string(), t.to_string())];
        assert_eq!(
            dated(
                "Ngày 12/4, Ban Thường vụ Tỉnh ủy họp.",
                "2021-04-13T08:00:00+07:00"
            ),
            one("2021-04-12", "Ngày 12/4")
        );
        assert_eq!(
            dated("Sáng 3-9, đoàn công tác làm việc với huyện.", "2022-09-03"),
            one("2022-09-03", "Sáng 3-9")
        );
        // A January story recalling a November day means the year before.
        assert_eq!(
            dated("Hội nghị ngày 27/11 đã thống nhất.", "2020-01-08"),
            one("2019-11-27", "ngày 27/11")
        );
        // A full date is read as before; without a publication date nothing is guessed.
        assert_eq!(
            dated("ngày 16/1/2012", "2020-01-08"),
            one("2012-01-16", "ngày 16/1/2012")
        );
        assert!(find("Ngày 12/4, Ban Thường vụ họp.").is_empty());
        assert!(dated("Ngày 12/4, Ban Thường vụ họp.", "2021").is_empty());
        // No such day, a fraction, a score: no date.
        assert!(dated("ngày 31/2 vừa qua", "2021-05-01").is_empty());
        assert!(dated("đạt 3/4 chỉ tiêu, tỷ số 2-1", "2021-05-01").is_empty());
        assert!(dated("ngày 12/4/QĐ", "2021-05-01").is_empty());
    }

    #[test]
    fn skips_document_numbers_and_bad_days() {
        assert!(values("Nghị định số 15/2012/NĐ-CP").is_empty());
        assert!(values("ngày 31/2/2012").is_empty());
        assert!(values("tháng 13/2012").is_empty());
        assert!(values("12/3/2012/QĐ-UBND").is_empty());
    }
}
