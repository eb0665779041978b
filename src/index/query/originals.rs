//! The articles that are not reprints (`copy` unset), as a docset that leads.
//!
//! Folding reprints away as a `MustNot copy=1` clause excludes a copy only after the text
//! has matched it: every copy's phrases are checked position by position, then dropped.
//! Where a story runs in many papers that is most of the work. As a positive filter whose
//! cost is the count of originals, the intersection is driven by the originals and the
//! text is checked on them alone.

use tantivy::postings::SegmentPostings;
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

/// Every article but those whose `copy` field holds 1.
#[derive(Debug, Clone)]
pub struct Originals(pub Field);

impl Query for Originals {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(OriginalsWeight(self.0)))
    }
}

struct OriginalsWeight(Field);

impl Weight for OriginalsWeight {
    fn scorer(&self, reader: &SegmentReader, _boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let term = Term::from_field_u64(self.0, 1);
        let copies = reader
            .inverted_index(self.0)?
            .read_postings(&term, IndexRecordOption::Basic)?;
        let n_copies = copies.as_ref().map_or(0, |p| p.doc_freq());
        let mut s = OriginalsScorer {
            copies,
            doc: 0,
            max_doc: reader.max_doc(),
            originals: reader.max_doc().saturating_sub(n_copies),
        };
        s.settle();
        Ok(Box::new(s))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut s = self.scorer(reader, 1.0)?;
        if s.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} is a reprint"
            )));
        }
        Ok(Explanation::new("not a reprint", 0.0))
    }
}

struct OriginalsScorer {
    copies: Option<SegmentPostings>,
    doc: DocId,
    max_doc: DocId,
    originals: u32,
}

impl OriginalsScorer {
    /// Moves `doc` forward past any copies.
    fn settle(&mut self) -> DocId {
        while self.doc < self.max_doc {
            let Some(c) = self.copies.as_mut() else {
                return self.doc;
            };
            if c.doc() < self.doc {
                c.seek(self.doc);
            }
            if c.doc() != self.doc {
                return self.doc;
            }
            self.doc += 1;
        }
        self.doc = TERMINATED;
        TERMINATED
    }
}

impl DocSet for OriginalsScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        self.doc += 1;
        self.settle()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc == TERMINATED || target <= self.doc {
            return self.doc;
        }
        self.doc = target;
        self.settle()
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.originals
    }
}

impl Scorer for OriginalsScorer {
    fn score(&mut self) -> Score {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::DocSetCollector;
    use tantivy::schema::{INDEXED, Schema};
    use tantivy::{Index, TantivyDocument};

    #[test]
    fn every_document_but_the_copies() {
        let mut b = Schema::builder();
        let copy = b.add_u64_field("copy", INDEXED);
        let index = Index::create_in_ram(b.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let is_copy = |i: u32| i % 3 == 1 || (20..30).contains(&i);
        for i in 0..60u32 {
            let mut d = TantivyDocument::new();
            if is_copy(i) {
                d.add_u64(copy, 1);
            }
            w.add_document(d).unwrap();
        }
        w.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let found = searcher.search(&Originals(copy), &DocSetCollector).unwrap();
        let mut got: Vec<u32> = found.into_iter().map(|a| a.doc_id).collect();
        got.sort_unstable();
        let want: Vec<u32> = (0..60).filter(|&i| !is_copy(i)).collect();
        assert_eq!(got, want);

        let seg = searcher.segment_reader(0);
        let w = Originals(copy)
            .weight(EnableScoring::disabled_from_searcher(&searcher))
            .unwrap();
        let mut s = w.scorer(seg, 1.0).unwrap();
        assert_eq!(s.size_hint(), want.len() as u32);
        assert_eq!(s.seek(20), 30, "a run of copies is skipped");
        assert_eq!(s.seek(31), 32, "31 is a copy");
        assert_eq!(s.seek(59), 59);
        assert_eq!(s.advance(), TERMINATED);
    }
}
