//! Coverage of a query over time: per period, the articles that match, the articles the
//! index holds in the same scope (the same filters, any text) and the share.
//!
//! A raw count mixes attention with how much was collected: the papers' output and the
//! crawl's reach change from year to year, so the share of the scope is what compares across
//! periods (media researchers' tools report matching, total and ratio for this reason). One
//! series, or one per province, province after the 2025 merger, cited document or source;
//! every period between the first and the last the scope holds is listed, zeros included.
//! Counts are exact: both passes read only fast fields, so memory stays flat.

use super::ViewError;
use crate::index::query::compile;
use crate::index::{Index, SearchRequest};
use chrono::Datelike;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// The length of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// Calendar months (`2012-03`).
    #[default]
    Month,
    /// Quarters (`2012-Q1`).
    Quarter,
    /// Years (`2012`).
    Year,
}

impl std::str::FromStr for Period {
    type Err = ViewError;

    fn from_str(s: &str) -> Result<Period, ViewError> {
        match s {
            "month" => Ok(Period::Month),
            "quarter" => Ok(Period::Quarter),
            "year" => Ok(Period::Year),
            _ => Err(ViewError::Bad(format!(
                "unknown period {:?}: month, quarter or year",
                s.chars().take(40).collect::<String>()
            ))),
        }
    }
}

impl Period {
    /// The period's number of a day: months and quarters counted from year 0.
    pub fn number(self, d: chrono::NaiveDate) -> i64 {
        let (y, m) = (i64::from(d.year()), i64::from(d.month0()));
        match self {
            Period::Month => y * 12 + m,
            Period::Quarter => y * 4 + m / 3,
            Period::Year => y,
        }
    }

    /// The label of a period number: `2012-03`, `2012-Q1`, `2012`.
    pub fn name(self, i: i64) -> String {
        match self {
            Period::Month => format!("{}-{:02}", i.div_euclid(12), i.rem_euclid(12) + 1),
            Period::Quarter => format!("{}-Q{}", i.div_euclid(4), i.rem_euclid(4) + 1),
            Period::Year => i.to_string(),
        }
    }
}

/// What separate series are drawn for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Split {
    /// One series, `all`.
    #[default]
    None,
    /// The province (pre-2025 name).
    Province,
    /// The province after the 2025 merger.
    ProvinceNow,
    /// Each cited document (an article citing two counts in both).
    Document,
    /// The site.
    Source,
}

impl std::str::FromStr for Split {
    type Err = ViewError;

    fn from_str(s: &str) -> Result<Split, ViewError> {
        match s {
            "none" => Ok(Split::None),
            "province" => Ok(Split::Province),
            "province_now" => Ok(Split::ProvinceNow),
            "document" => Ok(Split::Document),
            "source" => Ok(Split::Source),
            _ => Err(ViewError::Bad(format!(
                "unknown split {:?}: none, province, province_now, document or source",
                s.chars().take(40).collect::<String>()
            ))),
        }
    }
}

impl Split {
    fn column(self) -> Option<&'static str> {
        match self {
            Split::None => None,
            Split::Province => Some("province"),
            Split::ProvinceNow => Some("province_now"),
            Split::Document => Some("document"),
            Split::Source => Some("source"),
        }
    }
}

/// A trend request.
#[derive(Debug, Clone, Default)]
pub struct TrendRequest {
    /// The query and filters; an empty query counts the scope itself (every share 1).
    pub search: SearchRequest,
    /// Period length.
    pub by: Period,
    /// Series.
    pub split: Split,
}

/// One period of a series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    /// `2012-03`, `2012-Q1` or `2012`.
    pub period: String,
    /// Articles matching the query.
    pub count: u64,
    /// Articles the index holds in the scope (the filters, any text).
    pub total: u64,
    /// `count / total` (0 when the scope holds none).
    pub share: f64,
}

/// The answer: one series per split value, every period from the scope's first to its last.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trend {
    /// The period length.
    pub by: Period,
    /// Per series name (`all` when not split), the periods in order.
    pub series: BTreeMap<String, Vec<Point>>,
    /// Matching articles without a publication date (in no period).
    pub undated: u64,
}

impl Trend {
    /// The JSON of `trend --format json` and `/api/trend` (cli.md): each point as
    /// `[period, count, total, share]`.
    pub fn to_json(&self) -> serde_json::Value {
        let series: serde_json::Map<String, serde_json::Value> = self
            .series
            .iter()
            .map(|(name, points)| {
                let rows = points
                    .iter()
                    .map(|p| serde_json::json!([p.period, p.count, p.total, p.share]))
                    .collect();
                (name.clone(), serde_json::Value::Array(rows))
            })
            .collect();
        serde_json::json!({ "by": self.by, "series": series, "undated": self.undated })
    }
}

/// Counts per (series, period) over fast fields.
struct Counter {
    by: Period,
    split: Option<&'static str>,
}

struct SegmentCounter {
    by: Period,
    day: Option<Column<tantivy::DateTime>>,
    split: Option<StrColumn>,
    split_wanted: bool,
    counts: HashMap<(u64, i64), u64>,
    undated: u64,
}

/// The counts of a collection: per (series name, period number), and undated articles.
type Fruit = (HashMap<(String, i64), u64>, u64);

impl Collector for Counter {
    type Fruit = Fruit;
    type Child = SegmentCounter;

    fn for_segment(&self, _: SegmentOrdinal, seg: &SegmentReader) -> tantivy::Result<Self::Child> {
        let ff = seg.fast_fields();
        Ok(SegmentCounter {
            by: self.by,
            day: ff.column_opt("published")?,
            split: match self.split {
                Some(name) => ff.str(name)?,
                None => None,
            },
            split_wanted: self.split.is_some(),
            counts: HashMap::new(),
            undated: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Fruit>) -> tantivy::Result<Fruit> {
        let mut all: HashMap<(String, i64), u64> = HashMap::new();
        let mut undated = 0;
        for (m, u) in fruits {
            undated += u;
            for (k, v) in m {
                *all.entry(k).or_default() += v;
            }
        }
        Ok((all, undated))
    }
}

/// The series a document counts in when its split value is absent.
const UNKNOWN: &str = "(unknown)";
/// The series name when not split.
const ALL: &str = "all";
/// The ordinal standing for "no value" in a segment's counts.
const NO_VALUE: u64 = u64::MAX;

impl SegmentCollector for SegmentCounter {
    type Fruit = Fruit;

    fn collect(&mut self, doc: DocId, _: Score) {
        let Some(day) = self.day.as_ref().and_then(|c| c.first(doc)) else {
            self.undated += 1;
            return;
        };
        let secs = day.into_timestamp_secs();
        let Some(date) = chrono::DateTime::from_timestamp(secs, 0).map(|d| d.date_naive()) else {
            self.undated += 1;
            return;
        };
        let p = self.by.number(date);
        match &self.split {
            Some(col) => {
                let mut any = false;
                for ord in col.term_ords(doc) {
                    *self.counts.entry((ord, p)).or_default() += 1;
                    any = true;
                }
                if !any {
                    *self.counts.entry((NO_VALUE, p)).or_default() += 1;
                }
            }
            None => *self.counts.entry((NO_VALUE, p)).or_default() += 1,
        }
    }

    fn harvest(self) -> Fruit {
        let mut out = HashMap::with_capacity(self.counts.len());
        let mut name = String::new();
        for ((ord, p), n) in self.counts {
            let series = if !self.split_wanted {
                ALL.to_string()
            } else if ord == NO_VALUE {
                UNKNOWN.to_string()
            } else {
                match &self.split {
                    Some(col) if col.ord_to_str(ord, &mut name).unwrap_or(false) => name.clone(),
                    _ => UNKNOWN.to_string(),
                }
            };
            *out.entry((series, p)).or_default() += n;
        }
        (out, self.undated)
    }
}

/// The trend of a request.
pub fn trend(index: &Index, req: &TrendRequest) -> Result<Trend, ViewError> {
    let searcher = index.searcher();
    let counter = Counter {
        by: req.by,
        split: req.split.column(),
    };
    let matching = compile(index.fields(), &req.search)?;
    let (hits, undated) = searcher
        .search(&*matching.query, &counter)
        .map_err(|e| ViewError::Index(e.into()))?;
    let scope_req = SearchRequest {
        query: String::new(),
        ..req.search.clone()
    };
    let scope = compile(index.fields(), &scope_req)?;
    let (totals, _) = searcher
        .search(&*scope.query, &counter)
        .map_err(|e| ViewError::Index(e.into()))?;
    let (Some(first), Some(last)) = (
        totals.keys().map(|k| k.1).min(),
        totals.keys().map(|k| k.1).max(),
    ) else {
        return Ok(Trend {
            by: req.by,
            series: BTreeMap::new(),
            undated,
        });
    };
    let mut names: Vec<&String> = totals.keys().map(|k| &k.0).collect();
    names.sort();
    names.dedup();
    let mut series = BTreeMap::new();
    for name in names {
        let points: Vec<Point> = (first..=last)
            .map(|p| {
                let key = (name.clone(), p);
                let count = hits.get(&key).copied().unwrap_or(0);
                let total = totals.get(&key).copied().unwrap_or(0);
                Point {
                    period: req.by.name(p),
                    count,
                    total,
                    share: if total == 0 {
                        0.0
                    } else {
                        count as f64 / total as f64
                    },
                }
            })
            .collect();
        series.insert(name.clone(), points);
    }
    Ok(Trend {
        by: req.by,
        series,
        undated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_number_and_label() {
        let d = chrono::NaiveDate::from_ymd_opt(2012, 3, 16).expect("date");
        for (by, label) in [
            (Period::Month, "2012-03"),
            (Period::Quarter, "2012-Q1"),
            (Period::Year, "2012"),
        ] {
            assert_eq!(by.name(by.number(d)), label);
        }
        let dec = chrono::NaiveDate::from_ymd_opt(2011, 12, 1).expect("date");
        assert_eq!(Period::Month.number(d) - Period::Month.number(dec), 3);
        assert_eq!(Period::Quarter.name(Period::Quarter.number(dec)), "2011-Q4");
    }
}
