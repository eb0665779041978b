//! A union of clauses that seeks: each clause jumps to the target on its own.
//!
//! tantivy's union scorer fills windows of 4,096 ids and, asked for a target inside its
//! window, walks there. Intersected with a sparse clause (a province, a year) or entered at
//! spread-out ids (two-stage ranking, sampled counts), every word's union then walks the
//! whole index. Here each clause seeks with its own skip lists, so the cost follows the
//! articles asked about, not the size of the index. The score is tantivy's: the sum of the
//! matching clauses.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED};

/// Any of the clauses; scores add up.
#[derive(Debug)]
pub struct SeekUnion(pub Vec<Box<dyn Query>>);

impl Clone for SeekUnion {
    fn clone(&self) -> Self {
        SeekUnion(self.0.iter().map(|q| q.box_clone()).collect())
    }
}

impl Query for SeekUnion {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(UnionWeight(
            self.0
                .iter()
                .map(|q| q.weight(scoring))
                .collect::<tantivy::Result<_>>()?,
        )))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        for q in &self.0 {
            q.query_terms(visitor);
        }
    }
}

struct UnionWeight(Vec<Box<dyn Weight>>);

impl Weight for UnionWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut parts = Vec::with_capacity(self.0.len());
        for w in &self.0 {
            let s = w.scorer(reader, boost)?;
            if s.doc() != TERMINATED {
                parts.push(s);
            }
        }
        let doc = parts.iter().map(|s| s.doc()).min().unwrap_or(TERMINATED);
        Ok(Box::new(UnionScorer { parts, doc }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut s = self.scorer(reader, 1.0)?;
        if s.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        Ok(Explanation::new(
            "union (sum of matching clauses)",
            s.score(),
        ))
    }
}

struct UnionScorer {
    parts: Vec<Box<dyn Scorer>>,
    doc: DocId,
}

impl UnionScorer {
    fn settle(&mut self) -> DocId {
        self.doc = self
            .parts
            .iter()
            .map(|s| s.doc())
            .min()
            .unwrap_or(TERMINATED);
        self.doc
    }
}

impl DocSet for UnionScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        let at = self.doc;
        for s in &mut self.parts {
            if s.doc() == at {
                s.advance();
            }
        }
        self.settle()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        for s in &mut self.parts {
            if s.doc() < target {
                s.seek(target);
            }
        }
        self.settle()
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.parts.iter().map(|s| s.size_hint()).sum()
    }
}

impl Scorer for UnionScorer {
    fn score(&mut self) -> Score {
        let at = self.doc;
        self.parts
            .iter_mut()
            .filter(|s| s.doc() == at)
            .map(|s| s.score())
            .sum()
    }
}
