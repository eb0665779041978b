//! What a request's filters must be before they are compiled, checked once for every
//! caller (the CLI, the API, the views): a province the gazetteer knows, real calendar
//! dates. (The query text's own limits — length, words to search for — are the parser's,
//! [`super::parse`].) Each failure is a
//! [`IndexError::BadQuery`] whose message names the value, not a command-line flag, so
//! the CLI and the API can both show it.

use super::super::schema::name_key;
use super::IndexError;
use crate::date::PartialDate;
use std::collections::HashMap;
use std::sync::LazyLock;
use tantivy::DateTime;

/// Folded name (as the index files it) → the province's own folded name, for the
/// provinces before and after the 2025 merger.
static PROVINCES: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    let g = crate::entities::gazetteer::gazetteer();
    let mut names: Vec<(&str, usize)> = g.province_names().collect();
    // Own names first, then the rest in a fixed order: the first taker keeps a key.
    names.sort_by_key(|&(n, u)| (g.units[u].name != n, n, u));
    let mut map = HashMap::new();
    for (n, u) in names {
        map.entry(name_key(n))
            .or_insert_with(|| name_key(g.units[u].name));
    }
    // The index files an article under its province after 1 July 2025 as well.
    for p in &g.provinces_2025 {
        map.entry(name_key(p.name))
            .or_insert_with(|| name_key(p.name));
    }
    map
});

/// The key the index files a province under, for a name the user gave (with or without
/// diacritics, with or without `tỉnh`/`thành phố`, or another name of it: `Huế`); an
/// error naming the closest provinces when the gazetteer knows none.
pub fn province_key(p: &str) -> Result<String, IndexError> {
    let key = name_key(p);
    if let Some(k) = PROVINCES.get(&key) {
        return Ok(k.clone());
    }
    let shown: String = p.chars().take(60).collect();
    let near = closest_provinces(&key);
    Err(IndexError::BadQuery(if near.is_empty() {
        format!("no province {shown:?} in the gazetteer (corpus/reference/)")
    } else {
        format!(
            "no province {shown:?} in the gazetteer (corpus/reference/); closest: {}",
            near.join(", ")
        )
    }))
}

/// Up to three provinces sharing the most syllables with a folded name.
fn closest_provinces(key: &str) -> Vec<&'static str> {
    let g = crate::entities::gazetteer::gazetteer();
    let words: Vec<&str> = key.split_whitespace().collect();
    let mut scored: Vec<(usize, &'static str)> = g
        .units
        .iter()
        .filter(|u| u.tier == crate::entities::gazetteer::Tier::Province)
        .map(|u| {
            let f = name_key(u.name);
            let shared = f.split_whitespace().filter(|s| words.contains(s)).count();
            (shared, u.name)
        })
        .filter(|(n, _)| *n > 0)
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, n)| n).collect()
}

/// A `YYYY[-MM[-DD]]` bound named `what` (`from`, `to`): the first day it covers, or with
/// `end` the last; an error for anything else, `2012-02-31` included.
pub fn date_bound(what: &str, v: &str, end: bool) -> Result<DateTime, IndexError> {
    let shown: String = v.chars().take(40).collect();
    let d: PartialDate = v
        .parse()
        .map_err(|e| IndexError::BadQuery(format!("{what} date {shown:?}: {e}")))?;
    let day = if end { d.last_day() } else { d.first_day() };
    let secs = day.and_time(chrono::NaiveTime::MIN).and_utc().timestamp();
    Ok(DateTime::from_timestamp_secs(secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(r: Result<impl std::fmt::Debug, IndexError>) -> String {
        match r {
            Err(IndexError::BadQuery(m)) => m,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn provinces_by_any_spelling_and_unknown_ones_refused() {
        let want = province_key("Thanh Hóa").unwrap();
        for p in ["thanh hoa", "Tỉnh Thanh Hóa", "THANH HOÁ", " Thanh  Hóa "] {
            assert_eq!(province_key(p).unwrap(), want, "{p}");
        }
        assert_eq!(
            province_key("Huế").unwrap(),
            province_key("Thừa Thiên Huế").unwrap()
        );
        let m = message(province_key("Thanh Hoá Xanh"));
        assert!(m.contains("no province") && m.contains("Thanh Hóa"), "{m}");
        let m = message(province_key("\u{fffd}"));
        assert!(m.contains("no province"), "{m}");
    }

    #[test]
    fn dates_must_be_real_days() {
        assert!(date_bound("from", "2012-02-29", false).is_ok());
        assert!(date_bound("to", "2012-02", true).is_ok());
        let m = message(date_bound("from", "2012-02-31", false));
        assert!(
            m.starts_with("from date \"2012-02-31\"") && m.contains("no such day"),
            "{m}"
        );
        assert!(!m.contains("--"), "names no CLI flag: {m}");
        assert!(message(date_bound("to", "2012-13", true)).contains("no such month"));
        assert!(message(date_bound("to", "12/3/2012", true)).contains("YYYY-MM-DD"));
    }

    #[test]
    fn date_bounds() {
        let d = |v, end| date_bound("from", v, end).map(|d| d.into_timestamp_secs());
        assert_eq!(d("2012", false).ok(), Some(1_325_376_000));
        assert_eq!(d("2012-02", true).ok(), Some(1_330_473_600)); // 2012-02-29
        assert!(d("2012-13", false).is_err());
        assert!(d("12/2012", false).is_err());
    }
}
