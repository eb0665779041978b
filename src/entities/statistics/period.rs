//! The period a figure covers, from the words around the date that governs it: "Từ năm
//! 2010 đến nay, … 164 đồng chí" covers 2010 until the article's date; "Tính đến tháng
//! 11/2017, … 157 đảng viên" covers up to 2017-11; "6 tháng đầu năm 2020" covers 2020-01
//! to 2020-06; "Năm 2012, … 22,06%" covers 2012.
//!
//! The governing date is the last one before the figure in its sentence (outside a closed
//! parenthesis), else the one a sentence of the same paragraph opens with.

use crate::record::{DateMention, Period};
use regex::Regex;
use std::sync::LazyLock;

/// "6 tháng đầu năm 2020", "9 tháng cuối năm 2019": half-year and the like.
static MONTHS_OF_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(\d{1,2}) tháng (đầu|cuối) năm (\d{4})\b").expect("valid"));

/// Byte ranges of the sentences of `body` (ending at `. `, `!`, `?` or a line break), with
/// the paragraph each belongs to.
pub fn sentences(body: &str) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let (mut start, mut para) = (0, 0);
    let b = body.as_bytes();
    for i in 0..b.len() {
        let end = match b[i] {
            b'\n' => true,
            b'.' | b'!' | b'?' => b.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()),
            _ => false,
        };
        if end {
            out.push((start, i + 1, para));
            if b[i] == b'\n' {
                para += 1;
            }
            start = i + 1;
        }
    }
    if start < body.len() {
        out.push((start, body.len(), para));
    }
    out
}

/// A date's period as the words before and after it frame it.
fn framed(
    body: &str,
    d: &DateMention,
    (ds, de): (usize, usize),
    sentence_end: usize,
    published: Option<&str>,
) -> Period {
    let lead = body[..ds].trim_end().to_lowercase();
    let lead = lead
        .strip_suffix("năm")
        .or_else(|| lead.strip_suffix("tháng"))
        .or_else(|| lead.strip_suffix("ngày"))
        .unwrap_or(&lead)
        .trim_end();
    let after = body[de..sentence_end].trim_start().to_lowercase();
    let until_now = ["đến nay", "tới nay", "đến hiện nay", "đến nay,"]
        .iter()
        .any(|w| after.starts_with(w));
    let today = published.and_then(|p| p.get(..10)).map(str::to_string);
    if lead.ends_with("từ") || lead.ends_with("kể từ") || lead.ends_with("giai đoạn") {
        let until = if until_now { today } else { d.until.clone() };
        return Period {
            from: Some(d.value.clone()),
            until,
        };
    }
    if lead.ends_with("tính đến") || lead.ends_with("đến") || lead.ends_with("tới") {
        return Period {
            from: None,
            until: Some(d.until.clone().unwrap_or_else(|| d.value.clone())),
        };
    }
    Period {
        from: Some(d.value.clone()),
        until: Some(d.until.clone().unwrap_or_else(|| d.value.clone())),
    }
}

/// The period of a figure at byte `at` of `body`, given the dates (with their byte ranges)
/// and the article's publication date.
pub fn of(
    body: &str,
    sents: &[(usize, usize, usize)],
    dates: &[(&DateMention, usize, usize)],
    at: usize,
    published: Option<&str>,
) -> Option<Period> {
    let k = sents.partition_point(|s| s.0 <= at).checked_sub(1)?;
    let (s, e, para) = sents[k];
    if let Some(m) = MONTHS_OF_YEAR
        .captures_iter(&body[s..at])
        .last()
        .filter(|m| m.get(0).is_some())
    {
        let n: u32 = m[1].parse().ok()?;
        let year = &m[3];
        if (1..=12).contains(&n) {
            let (a, b) = if m[2].to_lowercase() == "đầu" {
                (1, n)
            } else {
                (13 - n, 12)
            };
            return Some(Period {
                from: Some(format!("{year}-{a:02}")),
                until: Some(format!("{year}-{b:02}")),
            });
        }
    }
    // A date inside a parenthesis that closes before the figure frames only what stands
    // inside it: "(năm 2011 đạt 25,33%), có 77,27%" is 2012's.
    let closed = |from: usize| {
        let between = &body[from..at];
        between.matches(')').count() > between.matches('(').count()
    };
    if let Some((d, ds, de)) = dates
        .iter()
        .rev()
        .find(|(_, ds, de)| *ds >= s && *de <= at && !closed(*ds))
    {
        return Some(framed(body, d, (*ds, *de), e, published));
    }
    // A sentence of the same paragraph that opens with a date frames the ones after it.
    for &(ps, pe, pp) in sents[..k].iter().rev() {
        if pp != para {
            break;
        }
        if let Some((d, ds, de)) = dates
            .iter()
            .find(|(_, ds, _)| *ds >= ps && *ds < (ps + 40).min(pe))
        {
            return Some(framed(body, d, (*ds, *de), pe, published));
        }
    }
    None
}
