//! The administrative unit a figure is reported for (`for`): the unit its sentence names as
//! doing or having what is counted ("Hương Trà đã kết nạp 157 đảng viên mới" → Hương Trà),
//! else the unit the article is about.
//!
//! In the sentence, the last locality named before the figure counts, unless a word of
//! movement or destination stands right before it ("luân chuyển về huyện X", "từ xã Y",
//! "cho Z"): those name where something went, not who reports. The article's unit is the
//! district-level or lower unit its headline names, else the one its body names most — at
//! least twice and two mentions in three of such units — else its province.

use crate::entities::gazetteer::gazetteer;
use crate::record::{Locality, UnitFor};
use std::collections::HashMap;

fn unit_of(l: &Locality, from_text: bool) -> UnitFor {
    UnitFor {
        name: l.name.clone(),
        level: l.level.clone(),
        province: Some(l.province.clone()),
        code: l.code.clone(),
        from_text,
    }
}

/// Whether the words right before byte `at` of `body` make the place there a destination.
fn destination(body: &str, at: usize) -> bool {
    let before = body[..at].trim_end().to_lowercase();
    // Past a level word ("về huyện Mường Chà"): the word before the level counts.
    let head = crate::entities::localities::without_level_word(&before).unwrap_or(&before);
    let last = head.rsplit(char::is_whitespace).next().unwrap_or("");
    super::words::WORDS.not_reporter.contains(&last)
}

/// The unit the article is about: a district-level or lower unit its headline names, else
/// the one its body names most, else its province.
pub fn article_unit(
    title: Option<&str>,
    localities: &[Locality],
    province: Option<&str>,
) -> Option<UnitFor> {
    let local = |l: &Locality| {
        !matches!(
            l.level.as_deref(),
            Some("tỉnh" | "thành phố trực thuộc trung ương")
        ) && province.is_none_or(|p| p == l.province)
    };
    if let Some(t) = title {
        // A name the body gives with its level may stand bare in the headline.
        let lower = t.to_lowercase();
        if let Some(l) = localities
            .iter()
            .find(|l| local(l) && lower.contains(&l.name.to_lowercase()))
        {
            return Some(unit_of(l, false));
        }
        if let Some(l) = crate::entities::localities::scan(t, &[])
            .into_iter()
            .find(|l| local(l))
        {
            return Some(unit_of(&l, false));
        }
    }
    let mut count: HashMap<(&str, Option<&str>), (usize, &Locality)> = HashMap::new();
    let mut local = 0;
    for l in localities {
        let lvl = l.level.as_deref();
        if matches!(lvl, Some("tỉnh" | "thành phố trực thuộc trung ương")) {
            continue;
        }
        local += 1;
        count.entry((l.name.as_str(), lvl)).or_insert((0, l)).0 += 1;
    }
    let top = count
        .values()
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.span.start.cmp(&a.1.span.start)));
    if let Some(&(n, l)) = top
        && n >= 2
        && n * 3 >= local * 2
        && province.is_none_or(|p| p == l.province)
    {
        return Some(unit_of(l, false));
    }
    let province = province?;
    let g = gazetteer();
    let unit = g.province_by_name(province).and_then(|i| g.units.get(i));
    Some(UnitFor {
        name: province.to_string(),
        level: unit.map(|u| u.level.to_string()),
        province: Some(province.to_string()),
        code: unit.map(|u| u.code.to_string()),
        from_text: false,
    })
}

/// The unit a figure at byte `at` is for, its sentence starting at byte `sentence_start`;
/// `localities` come with their byte starts and ends.
pub fn of(
    body: &str,
    localities: &[(&Locality, usize, usize)],
    sentence_start: usize,
    at: usize,
    article: Option<&UnitFor>,
) -> Option<UnitFor> {
    localities
        .iter()
        .rev()
        .find(|(_, s, e)| *s >= sentence_start && *e <= at && !destination(body, *s))
        .map(|(l, _, _)| unit_of(l, true))
        .or_else(|| article.cloned())
}
