//! Report: which localities reported what, and when.
//!
//! Input: records. Output: a [`Report`] — per province (and within it per district, town or
//! commune the articles name), the number of articles, the period they were published in,
//! the documents they cite most, the officials they name and the figures they report,
//! grouped by unit, subject and year (new party members admitted, disciplined members,
//! share of "trong sạch vững mạnh" organisations…). [`render`] writes it as a terminal
//! table, CSV, JSON or a standalone HTML page.
//!
//! ```
//! use baochi::report::{ReportBuilder, ReportOptions};
//! use baochi::record::Record;
//! let mut b = ReportBuilder::new(ReportOptions::default());
//! b.add(&Record { province: Some("Thanh Hóa".into()), published: Some("2013-05-02".into()),
//!                 ..Record::default() });
//! let report = b.finish();
//! assert_eq!(report.provinces[0].articles, 1);
//! assert_eq!(report.provinces[0].first.as_deref(), Some("2013-05-02"));
//! ```

mod render;

pub use render::{ReportFormat, render};

use crate::index::{Index, IndexError, SearchRequest};
use crate::record::Record;
use crate::views::figures::{By, Series};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// How much of each list a report keeps.
#[derive(Debug, Clone, Copy)]
pub struct ReportOptions {
    /// Documents kept per province and per locality.
    pub documents: usize,
    /// Officials kept per province.
    pub officials: usize,
    /// Localities kept per province.
    pub localities: usize,
    /// Figure points kept per province (most sourced first).
    pub figures: usize,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            documents: 10,
            officials: 20,
            localities: 30,
            figures: 500,
        }
    }
}

/// The whole report.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Report {
    /// Articles in all.
    pub articles: u64,
    /// The earliest publication date (`YYYY-MM-DD`).
    pub first: Option<String>,
    /// The latest publication date.
    pub last: Option<String>,
    /// Articles per publication month (`YYYY-MM`).
    pub months: BTreeMap<String, u64>,
    /// One entry per province, most articles first; articles without a province come
    /// last with `province` null.
    pub provinces: Vec<ProvinceReport>,
}

/// What the articles about one province report.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct ProvinceReport {
    /// The province (pre-2025 name), or null for articles with none.
    pub province: Option<String>,
    /// The province that holds it since 1 July 2025.
    pub province_now: Option<String>,
    /// How many articles.
    pub articles: u64,
    /// The earliest publication date.
    pub first: Option<String>,
    /// The latest publication date.
    pub last: Option<String>,
    /// Articles per publication month.
    pub months: BTreeMap<String, u64>,
    /// The documents cited by most articles.
    pub documents: Vec<DocumentCount>,
    /// The officials named most often.
    pub officials: Vec<OfficialCount>,
    /// The districts, towns and communes the articles name.
    pub localities: Vec<LocalityReport>,
    /// The figures reported, one point per indicator, unit and period (wholes only, never
    /// summed across articles or indicators; [`crate::views::figures`]), with the articles
    /// behind each.
    pub figures: Vec<crate::views::figures::Point>,
}

/// A cited document and how often.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct DocumentCount {
    /// Its canonical identifier (`12-NQ/TW`).
    pub canonical: String,
    /// Its kind (`nghị quyết`).
    pub kind: String,
    /// Articles citing it.
    pub articles: u64,
    /// Mentions in all.
    pub mentions: u64,
}

/// A named official and how often.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct OfficialCount {
    /// The name as written.
    pub name: String,
    /// The titles attached to the name, first seen first (at most five).
    pub titles: Vec<String>,
    /// Articles naming them.
    pub articles: u64,
    /// Mentions in all.
    pub mentions: u64,
}

/// A district, town or commune named in a province's articles.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct LocalityReport {
    /// The unit's name.
    pub name: String,
    /// Its level (`huyện`, `thị xã`, `xã`…), when known.
    pub level: Option<String>,
    /// Articles naming it.
    pub articles: u64,
    /// The earliest publication date among them.
    pub first: Option<String>,
    /// The latest.
    pub last: Option<String>,
    /// The documents those articles cite most (canonical, articles).
    pub documents: Vec<(String, u64)>,
}

/// Builds a [`Report`] from records fed one at a time; holds only the tallies.
#[derive(Debug, Default)]
pub struct ReportBuilder {
    opts: ReportOptions,
    total: u64,
    period: Period,
    months: BTreeMap<String, u64>,
    provinces: HashMap<Option<String>, ProvinceTally>,
}

#[derive(Debug, Default)]
struct Period {
    first: Option<String>,
    last: Option<String>,
}

impl Period {
    fn add(&mut self, day: &str) {
        if self.first.as_deref().is_none_or(|f| day < f) {
            self.first = Some(day.to_string());
        }
        if self.last.as_deref().is_none_or(|l| day > l) {
            self.last = Some(day.to_string());
        }
    }
}

#[derive(Debug, Default)]
struct ProvinceTally {
    province_now: Option<String>,
    articles: u64,
    period: Period,
    months: BTreeMap<String, u64>,
    documents: HashMap<String, (String, u64, u64)>,
    officials: HashMap<String, (Vec<String>, u64, u64)>,
    localities: HashMap<String, LocalityTally>,
    figures: Option<crate::views::figures::Series>,
}

#[derive(Debug, Default)]
struct LocalityTally {
    level: Option<String>,
    articles: u64,
    period: Period,
    documents: HashMap<String, u64>,
}

/// Levels below the province: the units a province report breaks down by.
fn is_local_level(level: Option<&str>) -> bool {
    !matches!(
        level,
        Some("tỉnh") | Some("thành phố trực thuộc trung ương")
    )
}

impl ReportBuilder {
    /// An empty builder.
    pub fn new(opts: ReportOptions) -> ReportBuilder {
        ReportBuilder {
            opts,
            ..ReportBuilder::default()
        }
    }

    /// Counts one article.
    pub fn add(&mut self, rec: &Record) {
        self.total += 1;
        let day = rec.published.as_deref().and_then(day_of);
        if let Some(d) = day {
            self.period.add(d);
            *self.months.entry(d[..7].to_string()).or_default() += 1;
        }
        let p = self
            .provinces
            .entry(rec.province.clone().filter(|s| !s.is_empty()))
            .or_default();
        p.articles += 1;
        if p.province_now.is_none() {
            p.province_now.clone_from(&rec.province_now);
        }
        if let Some(d) = day {
            p.period.add(d);
            *p.months.entry(d[..7].to_string()).or_default() += 1;
        }

        let e = &rec.entities;
        let mut cited: Vec<&str> = Vec::new();
        for d in &e.documents {
            let Some(c) = d.canonical.as_deref() else {
                continue;
            };
            let t = p
                .documents
                .entry(c.to_string())
                .or_insert_with(|| (d.kind.clone(), 0, 0));
            if !cited.contains(&c) {
                cited.push(c);
                t.1 += 1;
            }
            t.2 += 1;
        }
        let mut named: HashSet<&str> = HashSet::new();
        for o in &e.officials {
            let t = p.officials.entry(o.name.clone()).or_default();
            if named.insert(&o.name) {
                t.1 += 1;
            }
            t.2 += 1;
            for title in &o.titles {
                if t.0.len() < 5 && !t.0.contains(title) {
                    t.0.push(title.clone());
                }
            }
        }
        let mut places: HashSet<&str> = HashSet::new();
        for l in &e.localities {
            let inside = rec.province.as_deref().is_none_or(|p| p == l.province);
            if !inside || !is_local_level(l.level.as_deref()) || !places.insert(&l.name) {
                continue;
            }
            let t = p.localities.entry(l.name.clone()).or_default();
            if t.level.is_none() {
                t.level.clone_from(&l.level);
            }
            t.articles += 1;
            if let Some(d) = day {
                t.period.add(d);
            }
            for c in &cited {
                *t.documents.entry(c.to_string()).or_default() += 1;
            }
        }
        p.figures
            .get_or_insert_with(|| Series::new(By::Unit, None))
            .add(&rec.id(), rec);
    }

    /// The report, lists sorted most-cited first and cut to the options' sizes.
    pub fn finish(self) -> Report {
        let opts = self.opts;
        let mut provinces: Vec<ProvinceReport> = self
            .provinces
            .into_iter()
            .map(|(province, t)| province_report(province, t, &opts))
            .collect();
        provinces.sort_by(|a, b| {
            a.province
                .is_none()
                .cmp(&b.province.is_none())
                .then(b.articles.cmp(&a.articles))
                .then(a.province.cmp(&b.province))
        });
        Report {
            articles: self.total,
            first: self.period.first,
            last: self.period.last,
            months: self.months,
            provinces,
        }
    }
}

fn province_report(
    province: Option<String>,
    t: ProvinceTally,
    opts: &ReportOptions,
) -> ProvinceReport {
    let mut documents: Vec<DocumentCount> = t
        .documents
        .into_iter()
        .map(|(canonical, (kind, articles, mentions))| DocumentCount {
            canonical,
            kind,
            articles,
            mentions,
        })
        .collect();
    documents.sort_by(|a, b| {
        (b.articles, b.mentions)
            .cmp(&(a.articles, a.mentions))
            .then_with(|| a.canonical.cmp(&b.canonical))
    });
    documents.truncate(opts.documents);

    let mut officials: Vec<OfficialCount> = t
        .officials
        .into_iter()
        .map(|(name, (titles, articles, mentions))| OfficialCount {
            name,
            titles,
            articles,
            mentions,
        })
        .collect();
    officials.sort_by(|a, b| {
        (b.articles, b.mentions)
            .cmp(&(a.articles, a.mentions))
            .then_with(|| a.name.cmp(&b.name))
    });
    officials.truncate(opts.officials);

    let mut localities: Vec<LocalityReport> = t
        .localities
        .into_iter()
        .map(|(name, l)| {
            let mut docs: Vec<(String, u64)> = l.documents.into_iter().collect();
            docs.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            docs.truncate(opts.documents.min(5));
            LocalityReport {
                name,
                level: l.level,
                articles: l.articles,
                first: l.period.first,
                last: l.period.last,
                documents: docs,
            }
        })
        .collect();
    localities.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then_with(|| a.name.cmp(&b.name))
    });
    localities.truncate(opts.localities);

    let mut figures = t.figures.map(Series::finish).unwrap_or_default();
    // The most sourced points when there are too many; then by indicator, unit and period.
    if figures.len() > opts.figures {
        figures.sort_by_key(|p| std::cmp::Reverse(p.sources.len()));
        figures.truncate(opts.figures);
        figures.sort_by(|a, b| {
            (&a.indicator, &a.unit, &a.period).cmp(&(&b.indicator, &b.unit, &b.period))
        });
    }

    ProvinceReport {
        province,
        province_now: t.province_now,
        articles: t.articles,
        first: t.period.first,
        last: t.period.last,
        months: t.months,
        documents,
        officials,
        localities,
        figures,
    }
}

/// The `YYYY-MM-DD` day of a `published` value, or `None` when it has no full date.
fn day_of(published: &str) -> Option<&str> {
    let d = published.get(..10)?;
    let b = d.as_bytes();
    let ok = b.iter().enumerate().all(|(i, c)| match i {
        4 | 7 => *c == b'-',
        _ => c.is_ascii_digit(),
    });
    ok.then_some(d)
}

/// The report over the articles `req` selects (all when `None`), each reprinted story
/// counted once.
pub fn report_index(
    index: &Index,
    req: Option<&SearchRequest>,
    opts: ReportOptions,
) -> Result<Report, IndexError> {
    let mut b = ReportBuilder::new(opts);
    // Each story once (a reprint adds nothing a reader did not already have), unless the
    // request asks for every copy.
    let whole = SearchRequest::default();
    index.for_each_record(Some(req.unwrap_or(&whole)), &mut |_, rec| {
        b.add(&rec);
        Ok(())
    })?;
    Ok(b.finish())
}

#[cfg(test)]
mod tests;
