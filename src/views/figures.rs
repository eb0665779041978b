//! Reported figures as series: per indicator, the unit a figure is for and the period it
//! covers (the figure's period, not the publication date), one point each — its value, the
//! articles and sentences that give it, and every value where articles disagree.
//!
//! A figure repeated by several articles (a later article restating it, a reprint listed
//! with `--all-copies`) is one point with several sources. Different values for one
//! indicator, unit and period from different articles stand side by side as a conflict,
//! never summed or averaged; within one article its first figure stands for the point.
//! A share never joins a count (its point is the indicator's rate). Parts of a breakdown
//! ("khiển trách 09" of "kỷ luật 16 đảng viên") are not points of their own: a series sums
//! wholes only.

use super::ViewError;
use crate::entities::gazetteer::gazetteer;
use crate::entities::statistics::indicators::{TABLE, by_name};
use crate::export::sentence::sentence_around;
use crate::index::{Index, SearchRequest};
use crate::record::{CharIndex, Record, Statistic};
use serde::Serialize;
use std::collections::BTreeMap;

/// Which unit the points are grouped by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum By {
    /// The unit the figure is for (a district, a commune, a province).
    #[default]
    Unit,
    /// Its province, pre-2025 name.
    Province,
    /// Its province after the 2025 merger.
    ProvinceNow,
}

impl std::str::FromStr for By {
    type Err = ViewError;
    fn from_str(s: &str) -> Result<By, ViewError> {
        match s {
            "unit" => Ok(By::Unit),
            "province" => Ok(By::Province),
            "province_now" => Ok(By::ProvinceNow),
            _ => Err(ViewError::Bad(format!(
                "--by {s:?}: one of unit, province, province_now"
            ))),
        }
    }
}

/// A figures request.
#[derive(Debug, Clone, Default)]
pub struct FiguresRequest {
    /// The articles to read (query and filters).
    pub search: SearchRequest,
    /// Only this indicator (a name of `indicators.tsv`, any case).
    pub indicator: Option<String>,
    /// The grouping unit.
    pub by: By,
}

/// An article giving a point's value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// The article's id.
    pub id: String,
    /// Its headline.
    pub title: Option<String>,
    /// Its URL.
    pub url: Option<String>,
    /// Its publication date.
    pub published: Option<String>,
    /// The value it gives.
    pub value: f64,
    /// The sentence the figure stands in.
    pub sentence: String,
}

/// One point of a series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    /// The indicator.
    pub indicator: String,
    /// `count` or `rate` (a share, in %).
    pub kind: &'static str,
    /// The unit it is for (by `--by`), if known.
    pub unit: Option<String>,
    /// That unit's level (`huyện`, `tỉnh` …), when grouped by unit.
    pub level: Option<String>,
    /// Its province (pre-2025 name).
    pub province: Option<String>,
    /// The period as `from–until` (or one bound), if the text gives one.
    pub period: Option<String>,
    /// The period's first day, month or year.
    pub from: Option<String>,
    /// Its last.
    pub until: Option<String>,
    /// The counted noun (`đảng viên`) or `%`.
    pub measure: String,
    /// Every value the sources give, most given first.
    pub values: Vec<f64>,
    /// Whether sources disagree.
    pub conflict: bool,
    /// The articles giving it, earliest first.
    pub sources: Vec<Source>,
}

/// The closest indicator names to `name` (for a message).
fn closest(name: &str) -> Vec<&'static str> {
    let want = crate::text::fold_lower(name);
    let words: Vec<&str> = want.split_whitespace().collect();
    let mut scored: Vec<(usize, &'static str)> = TABLE
        .iter()
        .map(|i| {
            let f = crate::text::fold_lower(i.name);
            (words.iter().filter(|w| f.contains(**w)).count(), i.name)
        })
        .filter(|(n, _)| *n > 0)
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, n)| n).collect()
}

/// Checks an indicator name against the table: its canonical name, or an error naming the
/// closest.
pub fn indicator_name(name: &str) -> Result<&'static str, ViewError> {
    if let Some(i) = by_name(name) {
        return Ok(i.name);
    }
    let near = closest(name);
    Err(ViewError::Bad(if near.is_empty() {
        format!("no indicator {name:?} in corpus/reference/indicators.tsv")
    } else {
        format!(
            "no indicator {name:?} in corpus/reference/indicators.tsv; closest: {}",
            near.join(", ")
        )
    }))
}

type Key = (String, &'static str, Option<String>, Option<String>, String);

/// Sources of a point kept with their headline, URL and sentence (the rest: id, date and
/// value).
pub const MAX_QUOTED: usize = 50;

/// The grouping unit of a figure: its name, level and province.
fn unit_of(
    s: &Statistic,
    rec: &Record,
    by: By,
) -> (Option<String>, Option<String>, Option<String>) {
    let province = s
        .unit_for
        .as_ref()
        .and_then(|u| u.province.clone())
        .or_else(|| rec.province.clone());
    match by {
        By::Unit => match &s.unit_for {
            Some(u) => (Some(u.name.clone()), u.level.clone(), province),
            None => (province.clone(), None, province),
        },
        By::Province => (province.clone(), None, province),
        By::ProvinceNow => {
            let g = gazetteer();
            let now = province
                .as_deref()
                .and_then(|p| g.province_by_name(p))
                .and_then(|i| g.province_now(i))
                .map(|p| p.name.to_string())
                .or_else(|| rec.province_now.clone());
            (now, None, province)
        }
    }
}

/// The points of the articles `req` selects, ordered by indicator, unit and period.
pub fn figures(index: &Index, req: &FiguresRequest) -> Result<Vec<Point>, ViewError> {
    let wanted = req.indicator.as_deref().map(indicator_name).transpose()?;
    let mut series = Series::new(req.by, wanted);
    index.for_each_record(Some(&req.search), &mut |id, rec| {
        series.add(id, &rec);
        Ok(())
    })?;
    Ok(series.finish())
}

/// Points gathered article by article (the figures view, and the report per province).
#[derive(Debug, Clone)]
pub struct Series {
    by: By,
    only: Option<&'static str>,
    points: BTreeMap<Key, Point>,
}

impl Series {
    /// An empty series grouped `by`, of one indicator or all.
    pub fn new(by: By, only: Option<&'static str>) -> Series {
        Series {
            by,
            only,
            points: BTreeMap::new(),
        }
    }

    /// Adds the whole figures of one article.
    pub fn add(&mut self, id: &str, rec: &Record) {
        let mut chars: Option<CharIndex> = None;
        for s in &rec.entities.statistics {
            let Some(indicator) = s.indicator.as_deref() else {
                continue;
            };
            if s.part_of.is_some() || self.only.is_some_and(|w| w != indicator) {
                continue;
            }
            let kind = if s.unit == "%" { "rate" } else { "count" };
            let (unit, level, province) = unit_of(s, rec, self.by);
            let (from, until) = match &s.period {
                Some(p) => (p.from.clone(), p.until.clone()),
                None => (s.year.clone(), s.year.clone()),
            };
            let period = match (&from, &until) {
                (Some(a), Some(b)) if a == b => Some(a.clone()),
                (Some(a), Some(b)) => Some(format!("{a}–{b}")),
                (Some(a), None) => Some(format!("{a}–")),
                (None, Some(b)) => Some(format!("–{b}")),
                (None, None) => None,
            };
            let key: Key = (
                indicator.to_string(),
                kind,
                unit.clone(),
                period.clone(),
                s.unit.to_lowercase(),
            );
            let point = self.points.entry(key).or_insert_with(|| Point {
                indicator: indicator.to_string(),
                kind,
                unit,
                level,
                province,
                period,
                from,
                until,
                measure: s.unit.to_lowercase(),
                values: Vec::new(),
                conflict: false,
                sources: Vec::new(),
            });
            // One value per article: its first for the point. The later ones an article
            // gives for the same indicator, unit and period are most often its breakdown
            // ("164 … Cấp huyện luân chuyển 85 …"), not a second opinion.
            if point.sources.iter().any(|x| x.id == id) {
                continue;
            }
            // Past the first sources of a point, each keeps its id, date and value only:
            // memory follows the points, not the articles repeating them.
            let full = point.sources.len() < MAX_QUOTED;
            let sentence = if full {
                let ci = chars.get_or_insert_with(|| CharIndex::new(&rec.body));
                sentence_around(&rec.body, ci.byte(s.span.start), ci.byte(s.span.end)).to_string()
            } else {
                String::new()
            };
            point.sources.push(Source {
                id: id.to_string(),
                title: if full { rec.title.clone() } else { None },
                url: if full { rec.url.clone() } else { None },
                published: rec.published.clone(),
                value: s.value,
                sentence,
            });
        }
    }

    /// How many points so far.
    pub fn len(&self) -> usize {
        self.points.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// The points, ordered by indicator, unit and period; values most given first.
    pub fn finish(self) -> Vec<Point> {
        self.points
            .into_values()
            .map(|mut p| {
                p.sources.sort_by(|a, b| {
                    (a.published.is_none(), &a.published, &a.id).cmp(&(
                        b.published.is_none(),
                        &b.published,
                        &b.id,
                    ))
                });
                let mut counts: Vec<(f64, usize)> = Vec::new();
                for s in &p.sources {
                    match counts.iter_mut().find(|(v, _)| (*v - s.value).abs() < 1e-9) {
                        Some(c) => c.1 += 1,
                        None => counts.push((s.value, 1)),
                    }
                }
                counts.sort_by_key(|c| std::cmp::Reverse(c.1));
                p.values = counts.into_iter().map(|(v, _)| v).collect();
                p.conflict = p.values.len() > 1;
                p
            })
            .collect()
    }
}
