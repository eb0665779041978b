//! The articles holding most of a query's words but not every one, as a set that can be
//! entered anywhere (for [`super::tally`]'s sampling).
//!
//! tantivy matches "at least m of n clauses" with a disjunction that cannot seek: entering
//! its match list past the start walks every match before. Here each word keeps its own
//! match list, and the next article holding at least `m` words is found by seeking the lists
//! that lag to the `m`-th smallest of their current articles: no article holding fewer than
//! `m` words is visited.

use tantivy::query::{EnableScoring, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Searcher, SegmentReader, TERMINATED};

/// Best match's "most" set: at least `min` of the words, not all, within the gate.
pub struct MostQuery<'a> {
    /// One match-only query per word.
    pub words: Vec<&'a dyn Query>,
    /// The fewest words an article must hold.
    pub min: usize,
    /// What an article must also match (required phrases, exclusions, filters), if anything.
    pub gate: Option<&'a dyn Query>,
}

/// Per-segment match lists of a [`MostQuery`].
pub struct MostWeights {
    words: Vec<Box<dyn Weight>>,
    min: usize,
    gate: Option<Box<dyn Weight>>,
}

impl<'a> MostQuery<'a> {
    /// The "most" list of a compiled query.
    pub fn of(best: &'a super::query::BestMatch) -> MostQuery<'a> {
        MostQuery {
            words: best.words.iter().map(|w| &**w).collect(),
            min: best.min,
            gate: best.gate.as_deref(),
        }
    }

    /// Builds the weights once per search.
    pub fn weights(&self, searcher: &Searcher) -> tantivy::Result<MostWeights> {
        let scoring = EnableScoring::disabled_from_searcher(searcher);
        Ok(MostWeights {
            words: self
                .words
                .iter()
                .map(|q| q.weight(scoring))
                .collect::<tantivy::Result<_>>()?,
            min: self.min,
            gate: self.gate.map(|g| g.weight(scoring)).transpose()?,
        })
    }
}

impl MostWeights {
    /// The set in one segment, on its first article.
    pub fn docset(&self, seg: &SegmentReader) -> tantivy::Result<MostSet> {
        let words = self
            .words
            .iter()
            .map(|w| w.scorer(seg, 1.0))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let gate = self.gate.as_ref().map(|g| g.scorer(seg, 1.0)).transpose()?;
        let mut set = MostSet {
            words,
            min: self.min.max(1),
            gate,
            doc: 0,
            held: 0,
        };
        set.doc = set.next_from(0);
        Ok(set)
    }
}

/// The articles of one segment holding at least `min` of the words.
///
/// The set walks every article holding at least `min` words, every word included, and tells
/// whether the current one lacks some ([`MostSet::lacks_some`]): where nearly every article
/// holds every word, skipping those one by one would walk the index, so the counter samples
/// the walk and keeps the share that lacks some.
pub struct MostSet {
    words: Vec<Box<dyn Scorer>>,
    min: usize,
    gate: Option<Box<dyn Scorer>>,
    doc: DocId,
    held: usize,
}

impl MostSet {
    /// The first article at or after `from`.
    fn next_from(&mut self, mut from: DocId) -> DocId {
        let n = self.words.len();
        if self.min > n {
            return TERMINATED;
        }
        let mut docs: Vec<DocId> = Vec::with_capacity(n);
        loop {
            // A sparse gate (a province, a period) leads: no article before its next one counts.
            if let Some(g) = self.gate.as_mut() {
                if g.doc() < from {
                    g.seek(from);
                }
                from = from.max(g.doc());
                if from == TERMINATED {
                    return TERMINATED;
                }
            }
            for w in &mut self.words {
                if w.doc() < from {
                    w.seek(from);
                }
            }
            docs.clear();
            docs.extend(self.words.iter().map(|w| w.doc()));
            docs.sort_unstable();
            // No article before the min-th smallest current article holds `min` words.
            let c = docs[self.min - 1];
            if c == TERMINATED {
                return TERMINATED;
            }
            if let Some(g) = self.gate.as_mut() {
                if g.doc() < c {
                    g.seek(c);
                }
                if g.doc() != c {
                    from = g.doc();
                    continue;
                }
            }
            let mut held = 0;
            for w in &mut self.words {
                if w.doc() < c {
                    w.seek(c);
                }
                held += usize::from(w.doc() == c);
            }
            if held >= self.min {
                self.held = held;
                return c;
            }
            from = c + 1;
        }
    }
}

impl MostSet {
    /// Whether the current article lacks some word (it is in the "most" list).
    pub fn lacks_some(&self) -> bool {
        self.held < self.words.len()
    }
}

impl DocSet for MostSet {
    fn advance(&mut self) -> DocId {
        if self.doc != TERMINATED {
            self.doc = self.next_from(self.doc + 1);
        }
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc < target {
            self.doc = self.next_from(target);
        }
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.words.iter().map(|w| w.size_hint()).max().unwrap_or(0)
    }
}
