//! Counts and facets of a query's matches without visiting every match.
//!
//! A common word matches most of a corpus of millions, and counting with facets visits each
//! match: the cost grows with the index. Here each segment's matches are walked exactly up to
//! [`EXACT_BUDGET`]; past it the rest of the segment is *sampled*: the match list is entered
//! at [`SAMPLES`] evenly spaced document ids and [`RUN`] matches are read at each, their
//! density giving the count of the stretch and their facet values standing for its matches.
//! The answer says whether it is exact. [`Mode::Exact`] walks every match (the CLI's
//! `--exact-counts`, the API's `exact=1`).

use super::Facets;
use super::facets::{FacetCollector, FacetSegment};
use super::most::MostQuery;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{EnableScoring, Query};
use tantivy::{DocId, DocSet, Searcher, TERMINATED};

/// What is counted.
pub enum Source<'a> {
    /// The matches of a query.
    Query(&'a dyn Query),
    /// Best match's "most" list.
    Most(&'a MostQuery<'a>),
}

/// Matches walked exactly, over the whole index, before sampling starts (shared among the
/// segments by their size).
pub const EXACT_BUDGET: u32 = 20_000;
/// Entry points into the rest of the index once sampling (shared among the segments by
/// their size).
const SAMPLES: u32 = 512;
/// Matches read at each entry point.
const RUN: u32 = 16;

/// How counts are taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Exact up to the budget, sampled past it.
    Bounded,
    /// Every match visited.
    Exact,
}

/// A count with its facets.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    /// Matching articles (estimated when `exact` is false).
    pub count: u64,
    /// Their facets (estimated likewise).
    pub facets: Facets,
    /// Whether every match was visited.
    pub exact: bool,
}

impl Tally {
    /// Adds another tally (of a disjoint set of matches).
    pub fn add(&mut self, other: Tally) {
        self.count += other.count;
        self.exact &= other.exact;
        merge(&mut self.facets, other.facets, 1.0);
    }
}

fn merge(into: &mut Facets, from: Facets, scale: f64) {
    let add = |m: &mut std::collections::BTreeMap<String, u64>, k: String, v: u64| {
        let v = (v as f64 * scale).round() as u64;
        if v > 0 {
            *m.entry(k).or_default() += v;
        }
    };
    for (k, v) in from.province {
        add(&mut into.province, k, v);
    }
    for (k, v) in from.year {
        add(&mut into.year, k, v);
    }
    for (k, v) in from.document {
        add(&mut into.document, k, v);
    }
}

/// Counts the matches of `src` (which carries the filters) with their facets.
pub fn tally(searcher: &Searcher, src: Source<'_>, mode: Mode) -> tantivy::Result<Tally> {
    let scoring = EnableScoring::disabled_from_searcher(searcher);
    let (weight, most) = match src {
        Source::Query(q) => (Some(q.weight(scoring)?), None),
        Source::Most(m) => (None, Some(m.weights(searcher)?)),
    };
    let mut total = Tally {
        exact: true,
        ..Default::default()
    };
    let all_docs: u64 = searcher
        .segment_readers()
        .iter()
        .map(|s| u64::from(s.max_doc()))
        .sum();
    for (ord, seg) in searcher.segment_readers().iter().enumerate() {
        let alive = seg.alive_bitset();
        let is_alive = |d: DocId| alive.is_none_or(|a| a.is_alive(d));
        let mut scorer: Box<dyn DocSet> = match (&weight, &most) {
            (Some(w), _) => w.scorer(seg, 1.0)?,
            (None, Some(m)) => Box::new(m.docset(seg)?),
            (None, None) => continue,
        };
        let budget = (u64::from(EXACT_BUDGET) * u64::from(seg.max_doc()))
            .div_ceil(all_docs.max(1))
            .max(u64::from(RUN)) as u32;
        let mut exact = FacetCollector.for_segment(ord as u32, seg)?;
        let mut n: u32 = 0;
        let mut doc = scorer.doc();
        while doc != TERMINATED && (mode == Mode::Exact || n < budget) {
            if is_alive(doc) {
                exact.collect(doc, 0.0);
                n += 1;
            }
            doc = scorer.advance();
        }
        total.count += u64::from(n);
        merge(&mut total.facets, SegmentCollector::harvest(exact), 1.0);
        if doc == TERMINATED {
            continue;
        }
        // Sampling the rest of the segment, from `doc` to its end.
        total.exact = false;
        let entries = (u64::from(SAMPLES) * u64::from(seg.max_doc()))
            .div_ceil(all_docs.max(1))
            .max(8) as u32;
        let (estimate, sampled) = sample(seg, scorer.as_mut(), doc, entries, &is_alive, ord)?;
        total.count += estimate.round() as u64;
        if sampled.1 > 0 {
            merge(
                &mut total.facets,
                SegmentCollector::harvest(sampled.0),
                estimate / f64::from(sampled.1),
            );
        }
    }
    Ok(total)
}

/// Estimates the matches from `from` to the end of the segment; returns the estimate and the
/// facets of the sampled matches with their number.
fn sample(
    seg: &tantivy::SegmentReader,
    scorer: &mut dyn DocSet,
    from: DocId,
    entries: u32,
    is_alive: &dyn Fn(DocId) -> bool,
    ord: usize,
) -> tantivy::Result<(f64, (FacetSegment, u32))> {
    let end = seg.max_doc();
    let span = end.saturating_sub(from).max(1);
    let stride = span.div_ceil(entries).max(1);
    let mut facets = FacetCollector.for_segment(ord as u32, seg)?;
    let (mut estimate, mut sampled) = (0f64, 0u32);
    let mut doc = from;
    let mut target = from;
    while target < end {
        let stop = (target + stride).min(end);
        if doc < target {
            doc = scorer.seek(target);
        }
        // Up to RUN matches within this stretch: their density stands for the stretch.
        let start = target;
        let mut read = 0u32;
        let mut last = start;
        while doc != TERMINATED && doc < stop && read < RUN {
            if is_alive(doc) {
                facets.collect(doc, 0.0);
                sampled += 1;
            }
            read += 1;
            last = doc;
            doc = scorer.advance();
        }
        if read == RUN && doc != TERMINATED && doc < stop {
            // The run ended inside the stretch: its density over the ids it covered stands
            // for the stretch ((n-1)/span: the unbiased rate of n arrivals).
            let covered = f64::from(last - start + 1);
            estimate += f64::from(read - 1) * f64::from(stop - start) / covered;
        } else {
            // Every match of the stretch was read.
            estimate += f64::from(read);
        }
        if doc == TERMINATED {
            break;
        }
        target = stop;
    }
    Ok((estimate, (facets, sampled)))
}
