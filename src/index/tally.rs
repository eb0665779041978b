//! Counts and facets of a query's matches without visiting every match.
//!
//! A common word matches most of a corpus of millions, and counting with facets visits each
//! match: the cost grows with the index. Here each segment's matches are walked exactly up to
//! [`EXACT_BUDGET`]; past it the rest of the segment is *sampled*: the match list is entered
//! at `SAMPLES` evenly spaced document ids and `RUN` matches are read at each, their
//! density giving the count of the stretch and their facet values standing for its matches.
//! The answer says whether it is exact. [`Mode::Exact`] walks every match (the CLI's
//! `--exact-counts`, the API's `exact=1`).

use super::Facets;
use super::facets::{FacetCollector, FacetSegment};
use super::most::{MostQuery, MostSet};
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
/// Matches read in all once sampling, spread over the entry points.
const SAMPLED: u32 = 8_192;
/// The fewest matches read at each entry point.
const RUN: u32 = 16;
/// Entry points are at least this many ids apart.
const MIN_STRIDE: u32 = 256;

/// How counts are taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Exact up to the budget, sampled past it.
    Bounded,
    /// Every match visited.
    Exact,
    /// Exact up to a tenth of the budget, a smaller sample past it: for many counts in one
    /// answer (the readings of a query).
    Quick,
}

/// The exact walk and the sample of a [`Source`]: best match's "most" list costs several
/// seeks per match, and is secondary, so it is walked and sampled less.
fn budget(src: &Source<'_>, mode: Mode) -> (u32, u32) {
    match (src, mode) {
        (_, Mode::Quick) => (EXACT_BUDGET / 10, SAMPLED / 8),
        (Source::Query(_), _) => (EXACT_BUDGET, SAMPLED),
        (Source::Most(_), _) => (EXACT_BUDGET / 4, SAMPLED / 4),
    }
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

/// A segment's walk: the matches of a query, or best match's walk of the articles holding
/// at least `min` words, of which those lacking some are kept.
enum Walk {
    Plain(Box<dyn DocSet>),
    Most(MostSet),
}

impl Walk {
    fn doc(&self) -> DocId {
        match self {
            Walk::Plain(d) => d.doc(),
            Walk::Most(m) => m.doc(),
        }
    }

    fn advance(&mut self) -> DocId {
        match self {
            Walk::Plain(d) => d.advance(),
            Walk::Most(m) => m.advance(),
        }
    }

    fn seek(&mut self, target: DocId) -> DocId {
        match self {
            Walk::Plain(d) => d.seek(target),
            Walk::Most(m) => m.seek(target),
        }
    }

    /// Whether the current article is counted.
    fn kept(&self) -> bool {
        match self {
            Walk::Plain(_) => true,
            Walk::Most(m) => m.lacks_some(),
        }
    }
}

/// Counts the matches of `src` (which carries the filters) with their facets.
pub fn tally(searcher: &Searcher, src: Source<'_>, mode: Mode) -> tantivy::Result<Tally> {
    let scoring = EnableScoring::disabled_from_searcher(searcher);
    let (exact_budget, sampled_budget) = budget(&src, mode);
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
        let mut walk = match (&weight, &most) {
            (Some(w), _) => Walk::Plain(w.scorer(seg, 1.0)?),
            (None, Some(m)) => Walk::Most(m.docset(seg)?),
            (None, None) => continue,
        };
        let share = |n: u32| {
            (u64::from(n) * u64::from(seg.max_doc()))
                .div_ceil(all_docs.max(1))
                .max(u64::from(RUN)) as u32
        };
        let budget = share(exact_budget);
        let mut exact = FacetCollector.for_segment(ord as u32, seg)?;
        let (mut visited, mut kept) = (0u32, 0u64);
        let mut doc = walk.doc();
        while doc != TERMINATED && (mode == Mode::Exact || visited < budget) {
            if is_alive(doc) {
                visited += 1;
                if walk.kept() {
                    exact.collect(doc, 0.0);
                    kept += 1;
                }
            }
            doc = walk.advance();
        }
        total.count += kept;
        merge(&mut total.facets, SegmentCollector::harvest(exact), 1.0);
        if doc == TERMINATED {
            continue;
        }
        // Sampling the rest of the segment, from `doc` to its end.
        total.exact = false;
        let entries = (u64::from(SAMPLES) * u64::from(seg.max_doc()))
            .div_ceil(all_docs.max(1))
            .max(8) as u32;
        let s = sample(
            seg,
            &mut walk,
            doc,
            (entries, share(sampled_budget)),
            &is_alive,
            ord,
        )?;
        total.count += s.estimate.round() as u64;
        if s.kept > 0 {
            merge(
                &mut total.facets,
                SegmentCollector::harvest(s.facets),
                s.estimate / f64::from(s.kept),
            );
        }
    }
    Ok(total)
}

/// What sampling the rest of a segment found.
struct Sample {
    /// The estimated count of kept matches.
    estimate: f64,
    /// Facets of the kept matches read.
    facets: FacetSegment,
    /// How many kept matches were read.
    kept: u32,
}

/// Estimates the matches from `from` to the end of the segment.
fn sample(
    seg: &tantivy::SegmentReader,
    walk: &mut Walk,
    from: DocId,
    (entries, reads): (u32, u32),
    is_alive: &dyn Fn(DocId) -> bool,
    ord: usize,
) -> tantivy::Result<Sample> {
    let end = seg.max_doc();
    let span = end.saturating_sub(from).max(1);
    let entries = entries.min(span / MIN_STRIDE).max(1);
    let stride = span.div_ceil(entries).max(1);
    let run = (reads / entries).max(RUN);
    let mut out = Sample {
        estimate: 0.0,
        facets: FacetCollector.for_segment(ord as u32, seg)?,
        kept: 0,
    };
    let mut doc = from;
    let mut target = from;
    while target < end {
        let stop = (target + stride).min(end);
        if doc < target {
            doc = walk.seek(target);
        }
        // Up to `run` matches within this stretch: their density stands for the stretch.
        let start = target;
        let (mut read, mut kept) = (0u32, 0u32);
        let mut last = start;
        while doc != TERMINATED && doc < stop && read < run {
            if is_alive(doc) && walk.kept() {
                out.facets.collect(doc, 0.0);
                kept += 1;
            }
            read += 1;
            last = doc;
            doc = walk.advance();
        }
        out.kept += kept;
        if read == run && doc != TERMINATED && doc < stop {
            // The run ended inside the stretch: its density stands for the stretch. Reading
            // ids one by one from `start` until the run's last match is a negative binomial
            // trial, whose unbiased density is (run-1)/(ids read - 1); the kept share of
            // the run stands for the stretch's.
            let trials = f64::from(last - start).max(1.0);
            let matches = f64::from(read - 1) * f64::from(stop - start) / trials;
            out.estimate += matches * f64::from(kept) / f64::from(read);
        } else {
            // Every match of the stretch was read.
            out.estimate += f64::from(kept);
        }
        if doc == TERMINATED {
            break;
        }
        target = stop;
    }
    Ok(out)
}
