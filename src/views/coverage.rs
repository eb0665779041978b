//! The sampling frame: what the index holds per source (paper or portal) and province —
//! articles per period, the first and last publication date — beside what the crawl did on
//! that source (pages fetched, kept out as not articles, failed, last crawl).
//!
//! "Quảng Trị published nothing on this in 2014" means something only if the index holds
//! Quảng Trị's 2014 articles: this view says whether it does. A period with no article
//! between periods with many ([`MANY`] or more each) is flagged as a gap, and a province
//! with no source at all is listed with none.

use super::ViewError;
use super::trend::Period;
use crate::crawl::frontier::HostStats;
use crate::entities::gazetteer::{Tier, gazetteer};
use crate::index::query::compile;
use crate::index::{Index, SearchRequest};
use crate::text::fold_lower;
use serde::Serialize;
use std::collections::HashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// A period without articles is a gap when the nearest periods before and after it with
/// articles hold at least this many each.
pub const MANY: u64 = 3;

/// One source in one province.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceCoverage {
    /// The site's host (`null` for a province no source covers).
    pub source: Option<String>,
    /// The province (pre-2025 name).
    pub province: Option<String>,
    /// The first publication date held (`YYYY-MM-DD`).
    pub first: Option<String>,
    /// The last.
    pub last: Option<String>,
    /// Articles held (dated or not).
    pub articles: u64,
    /// Pages the crawl fetched from this source (all its provinces; `null` when the data
    /// directory holds no crawl of it).
    pub fetched: Option<u64>,
    /// Responses the crawl kept out of the index as not articles (listings, sitemaps,
    /// feeds, pages found to be no article).
    pub not_articles: Option<u64>,
    /// URLs the crawl gave up on.
    pub failed: Option<u64>,
    /// When the crawl last fetched from it (UTC, RFC 3339).
    pub last_crawl: Option<String>,
    /// Articles per period, from the first period to the last, zeros included.
    pub periods: Vec<(String, u64)>,
    /// Periods without articles between periods with many.
    pub gaps: Vec<String>,
}

impl SourceCoverage {
    /// A row holding nothing yet.
    fn empty(source: Option<String>, province: Option<String>) -> SourceCoverage {
        SourceCoverage {
            source,
            province,
            first: None,
            last: None,
            articles: 0,
            fetched: None,
            not_articles: None,
            failed: None,
            last_crawl: None,
            periods: Vec::new(),
            gaps: Vec::new(),
        }
    }
}

/// The view.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    /// The period length.
    pub by: Period,
    /// One row per source and province, then the provinces no source covers.
    pub sources: Vec<SourceCoverage>,
}

/// A coverage request.
#[derive(Debug, Clone, Default)]
pub struct CoverageRequest {
    /// Only this province (pre- or post-2025 name, diacritics optional).
    pub province: Option<String>,
    /// Only this source (its host, `www.` optional).
    pub source: Option<String>,
    /// The period length.
    pub by: Period,
}

#[derive(Default)]
struct Row {
    periods: HashMap<i64, u64>,
    first: Option<i64>,
    last: Option<i64>,
    articles: u64,
}

type Fruit = HashMap<(String, String), Row>;

struct Counter {
    by: Period,
    source: Option<String>,
}

struct SegmentCounter {
    by: Period,
    wanted: Option<String>,
    day: Option<Column<tantivy::DateTime>>,
    source: Option<StrColumn>,
    province: Option<StrColumn>,
    rows: HashMap<(u64, u64), Row>,
}

/// Hosts compared without `www.` / `m.` and case.
fn host_key(h: &str) -> String {
    let h = h.trim().to_ascii_lowercase();
    let h = h.split(':').next().unwrap_or("").to_string();
    h.strip_prefix("www.")
        .or_else(|| h.strip_prefix("m."))
        .map_or(h.clone(), str::to_string)
}

fn ord_str(col: &Option<StrColumn>, doc: DocId) -> Option<u64> {
    col.as_ref().and_then(|c| c.term_ords(doc).next())
}

const NONE: u64 = u64::MAX;

impl Collector for Counter {
    type Fruit = Fruit;
    type Child = SegmentCounter;

    fn for_segment(&self, _: SegmentOrdinal, seg: &SegmentReader) -> tantivy::Result<Self::Child> {
        let ff = seg.fast_fields();
        Ok(SegmentCounter {
            by: self.by,
            wanted: self.source.clone(),
            day: ff.column_opt("published")?,
            source: ff.str("source")?,
            province: ff.str("province")?,
            rows: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Fruit>) -> tantivy::Result<Fruit> {
        let mut all: Fruit = HashMap::new();
        for f in fruits {
            for (k, r) in f {
                let a = all.entry(k).or_default();
                for (p, n) in r.periods {
                    *a.periods.entry(p).or_default() += n;
                }
                a.first = match (a.first, r.first) {
                    (Some(x), Some(y)) => Some(x.min(y)),
                    (x, y) => x.or(y),
                };
                a.last = match (a.last, r.last) {
                    (Some(x), Some(y)) => Some(x.max(y)),
                    (x, y) => x.or(y),
                };
                a.articles += r.articles;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentCounter {
    type Fruit = Fruit;

    fn collect(&mut self, doc: DocId, _: Score) {
        let src = ord_str(&self.source, doc).unwrap_or(NONE);
        let prov = ord_str(&self.province, doc).unwrap_or(NONE);
        let day = self
            .day
            .as_ref()
            .and_then(|c| c.first(doc))
            .map(|d| d.into_timestamp_secs());
        let row = self.rows.entry((src, prov)).or_default();
        row.articles += 1;
        if let Some(secs) = day {
            row.first = Some(row.first.map_or(secs, |f| f.min(secs)));
            row.last = Some(row.last.map_or(secs, |l| l.max(secs)));
            if let Some(d) = chrono::DateTime::from_timestamp(secs, 0) {
                *row.periods
                    .entry(self.by.number(d.date_naive()))
                    .or_default() += 1;
            }
        }
    }

    fn harvest(self) -> Fruit {
        let name = |col: &Option<StrColumn>, ord: u64| {
            let mut s = String::new();
            match col {
                Some(c) if ord != NONE && c.ord_to_str(ord, &mut s).unwrap_or(false) => s,
                _ => String::new(),
            }
        };
        let mut out: Fruit = HashMap::new();
        for ((src, prov), row) in self.rows {
            let source = name(&self.source, src);
            if let Some(w) = &self.wanted
                && host_key(&source) != *w
            {
                continue;
            }
            out.insert((source, name(&self.province, prov)), row);
        }
        out
    }
}

fn day_string(secs: i64) -> Option<String> {
    chrono::DateTime::from_timestamp(secs, 0).map(|d| d.date_naive().to_string())
}

/// Gaps: zero periods whose nearest non-zero neighbours both hold [`MANY`] or more.
fn gaps(periods: &[(String, u64)]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, (label, n)) in periods.iter().enumerate() {
        if *n > 0 {
            continue;
        }
        let before = periods[..i].iter().rev().find(|p| p.1 > 0).map(|p| p.1);
        let after = periods[i + 1..].iter().find(|p| p.1 > 0).map(|p| p.1);
        if before.is_some_and(|b| b >= MANY) && after.is_some_and(|a| a >= MANY) {
            out.push(label.clone());
        }
    }
    out
}

/// The coverage of the index, with the crawl's counts per host when there was a crawl.
pub fn coverage(
    index: &Index,
    crawl: &[(String, HostStats)],
    req: &CoverageRequest,
) -> Result<Coverage, ViewError> {
    let wanted_source = req
        .source
        .as_deref()
        .map(host_key)
        .filter(|s| !s.is_empty());
    // What each source published, reprints included: the frame, not the stories.
    let scope = SearchRequest {
        province: req.province.clone(),
        all_copies: true,
        ..Default::default()
    };
    let q = compile(index.fields(), &scope)?;
    let rows = index
        .searcher()
        .search(
            &*q.query,
            &Counter {
                by: req.by,
                source: wanted_source.clone(),
            },
        )
        .map_err(|e| ViewError::Index(e.into()))?;
    let stats: HashMap<String, HostStats> = crawl.iter().fold(HashMap::new(), |mut m, (h, s)| {
        m.entry(host_key(h)).or_default().add(s);
        m
    });
    let with_stats = |mut row: SourceCoverage| {
        if let Some(s) = row.source.as_deref().and_then(|h| stats.get(&host_key(h))) {
            row.fetched = Some(s.fetched);
            row.not_articles = Some(s.not_articles);
            row.failed = Some(s.failed);
            row.last_crawl = chrono::DateTime::from_timestamp(s.last_crawl, 0)
                .filter(|_| s.last_crawl > 0)
                .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
        }
        row
    };
    let mut out: Vec<SourceCoverage> = Vec::new();
    let mut keys: Vec<&(String, String)> = rows.keys().collect();
    keys.sort();
    for key in keys {
        let row = &rows[key];
        let periods: Vec<(String, u64)> = match (
            row.periods.keys().min().copied(),
            row.periods.keys().max().copied(),
        ) {
            (Some(a), Some(b)) => (a..=b)
                .map(|p| (req.by.name(p), row.periods.get(&p).copied().unwrap_or(0)))
                .collect(),
            _ => Vec::new(),
        };
        out.push(with_stats(SourceCoverage {
            first: row.first.and_then(day_string),
            last: row.last.and_then(day_string),
            articles: row.articles,
            gaps: gaps(&periods),
            periods,
            ..SourceCoverage::empty(
                Some(key.0.clone()).filter(|s| !s.is_empty()),
                Some(key.1.clone()).filter(|s| !s.is_empty()),
            )
        }));
    }
    let g = gazetteer();
    let province_key = req.province.as_deref().map(fold_lower);
    // Crawled sources with nothing in the index: listed, under their paper's province.
    let held: Vec<String> = out
        .iter()
        .filter_map(|r| r.source.as_deref().map(host_key))
        .collect();
    let mut crawled: Vec<&String> = stats.keys().filter(|h| !held.contains(h)).collect();
    crawled.sort();
    for host in crawled {
        if wanted_source.as_ref().is_some_and(|w| w != host) {
            continue;
        }
        let province = g
            .paper_by_host(host)
            .and_then(|p| g.units.get(p.province))
            .map(|u| u.name.to_string());
        if let Some(k) = &province_key
            && province.as_deref().map(fold_lower).as_ref() != Some(k)
        {
            continue;
        }
        out.push(with_stats(SourceCoverage::empty(
            Some(host.clone()),
            province,
        )));
    }
    // Provinces no source covers.
    if wanted_source.is_none() {
        for u in g
            .units
            .iter()
            .filter(|u| u.tier == Tier::Province && u.current)
        {
            if province_key
                .as_ref()
                .is_some_and(|k| fold_lower(u.name) != *k)
            {
                continue;
            }
            if !out.iter().any(|r| r.province.as_deref() == Some(u.name)) {
                out.push(SourceCoverage::empty(None, Some(u.name.to_string())));
            }
        }
    }
    Ok(Coverage {
        by: req.by,
        sources: out,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_are_empty_periods_between_busy_ones() {
        let p = |v: &[u64]| -> Vec<(String, u64)> {
            v.iter()
                .enumerate()
                .map(|(i, n)| (i.to_string(), *n))
                .collect()
        };
        assert_eq!(gaps(&p(&[5, 4, 0, 6, 0, 1])), ["2"]);
        assert!(gaps(&p(&[1, 0, 1])).is_empty());
        assert_eq!(gaps(&p(&[3, 0, 0, 3])), ["1", "2"]);
        assert_eq!(
            host_key("WWW.BaoDienBienPhu.info.vn:443"),
            "baodienbienphu.info.vn"
        );
    }
}
