//! A union of clauses that seeks: each clause jumps to the target on its own.
//!
//! tantivy's union scorer fills windows of 4,096 ids and, asked for a target inside its
//! window, walks there. Intersected with a sparse clause (a province, a year) or entered at
//! spread-out ids (two-stage ranking, sampled counts), every word's union then walks the
//! whole index. Here each clause seeks with its own skip lists, so the cost follows the
//! articles asked about, not the size of the index. The score is tantivy's: the sum of the
//! matching clauses.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, TERMINATED};

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
        Ok(Box::new(UnionWeight {
            parts: self
                .0
                .iter()
                .map(|q| q.weight(scoring))
                .collect::<tantivy::Result<_>>()?,
            scoring: scoring.is_scoring_enabled(),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        for q in &self.0 {
            q.query_terms(visitor);
        }
    }
}

struct UnionWeight {
    parts: Vec<Box<dyn Weight>>,
    /// Whether scores are read: when not, a match is known at the first part that has it.
    scoring: bool,
}

impl Weight for UnionWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut parts = Vec::with_capacity(self.parts.len());
        for w in &self.parts {
            let s = w.scorer(reader, boost)?;
            if s.doc() != TERMINATED {
                parts.push(s);
            }
        }
        Ok(Box::new(UnionScorer::new(parts, self.scoring)))
    }

    /// Each part starts near `target` without walking to its first match (a phrase would
    /// check positions all the way there); the parts that miss wait in the danger state.
    fn scorer_danger(
        &self,
        reader: &SegmentReader,
        target: DocId,
        boost: Score,
    ) -> tantivy::Result<(SeekDangerResult, Box<dyn Scorer>)> {
        let mut parts = Vec::with_capacity(self.parts.len());
        let mut lower = Vec::with_capacity(self.parts.len());
        let mut found = false;
        let mut bound = TERMINATED;
        for w in &self.parts {
            let (r, s) = w.scorer_danger(reader, target, boost)?;
            match r {
                SeekDangerResult::Found => {
                    found = true;
                    lower.push(None);
                }
                SeekDangerResult::SeekLowerBound(l) if l >= TERMINATED => continue,
                SeekDangerResult::SeekLowerBound(l) => {
                    bound = bound.min(l);
                    lower.push(Some(l));
                }
            }
            parts.push(s);
        }
        let (result, doc) = if found {
            (SeekDangerResult::Found, target)
        } else {
            (SeekDangerResult::SeekLowerBound(bound), bound)
        };
        Ok((
            result,
            Box::new(UnionScorer {
                parts,
                doc,
                lower,
                scoring: self.scoring,
            }),
        ))
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
    /// For each part, when it answered a `seek_danger` with "not there": the bound it gave.
    /// Such a part stands nowhere valid until asked again (tantivy's contract), so it is
    /// neither read nor scored until then.
    lower: Vec<Option<DocId>>,
    /// Whether scores are read (else `seek_danger` stops at the first part that matches,
    /// and the others catch up on the next move).
    scoring: bool,
}

impl UnionScorer {
    fn new(parts: Vec<Box<dyn Scorer>>, scoring: bool) -> UnionScorer {
        let doc = parts.iter().map(|s| s.doc()).min().unwrap_or(TERMINATED);
        let lower = vec![None; parts.len()];
        UnionScorer {
            parts,
            doc,
            lower,
            scoring,
        }
    }

    fn settle(&mut self) -> DocId {
        self.doc = self
            .parts
            .iter()
            .zip(&self.lower)
            .filter(|(_, l)| l.is_none())
            .map(|(s, _)| s.doc())
            .min()
            .unwrap_or(TERMINATED);
        self.doc
    }

    /// Brings part `i` back to a valid place at or past `target` after a miss, by the only
    /// calls a part in that state may take.
    fn restore(&mut self, i: usize, target: DocId) {
        let Some(bound) = self.lower[i] else {
            return;
        };
        let mut at = bound.max(target);
        loop {
            if at >= TERMINATED {
                // Exhausted: it stays out of every later answer.
                self.lower[i] = Some(TERMINATED);
                return;
            }
            match self.parts[i].seek_danger(at) {
                SeekDangerResult::Found => {
                    self.lower[i] = None;
                    return;
                }
                SeekDangerResult::SeekLowerBound(next) => at = next,
            }
        }
    }
}

impl DocSet for UnionScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        let at = self.doc;
        for i in 0..self.parts.len() {
            if self.lower[i].is_some() {
                self.restore(i, at + 1);
            } else if self.parts[i].doc() == at {
                self.parts[i].advance();
            } else if self.parts[i].doc() < at {
                // Left behind by a `seek_danger` that stopped at an earlier part.
                self.parts[i].seek(at + 1);
            }
        }
        self.settle()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let settled = self.lower.iter().all(|l| l.is_none_or(|b| b >= TERMINATED));
        if self.doc >= target && settled {
            return self.doc;
        }
        for i in 0..self.parts.len() {
            if self.lower[i].is_some() {
                self.restore(i, target);
            } else if self.parts[i].doc() < target {
                self.parts[i].seek(target);
            }
        }
        self.settle()
    }

    /// Whether `target` is in the union, asking each part the same cheap question rather
    /// than seeking each to its next match (a phrase would check positions on the way).
    fn seek_danger(&mut self, target: DocId) -> SeekDangerResult {
        if target >= TERMINATED {
            return SeekDangerResult::SeekLowerBound(TERMINATED);
        }
        let mut found = false;
        let mut bound = TERMINATED;
        for i in 0..self.parts.len() {
            if found && !self.scoring {
                break;
            }
            match self.lower[i] {
                Some(l) if l > target => {
                    bound = bound.min(l);
                    continue;
                }
                Some(_) => {}
                None => {
                    let d = self.parts[i].doc();
                    if d >= target {
                        if d == target {
                            found = true;
                        } else {
                            bound = bound.min(d);
                        }
                        continue;
                    }
                }
            }
            match self.parts[i].seek_danger(target) {
                SeekDangerResult::Found => {
                    self.lower[i] = None;
                    found = true;
                }
                SeekDangerResult::SeekLowerBound(l) => {
                    self.lower[i] = Some(l);
                    bound = bound.min(l);
                }
            }
        }
        if found {
            self.doc = target;
            SeekDangerResult::Found
        } else {
            self.doc = bound;
            SeekDangerResult::SeekLowerBound(bound)
        }
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.parts.iter().map(|s| s.size_hint()).sum()
    }

    // A union of phrases costs what its phrases cost (positions read per candidate), so
    // an intersection lets cheaper clauses lead it.
    fn cost(&self) -> u64 {
        self.parts.iter().map(|s| s.cost()).sum()
    }
}

impl Scorer for UnionScorer {
    fn score(&mut self) -> Score {
        let at = self.doc;
        self.parts
            .iter_mut()
            .zip(&self.lower)
            .filter(|(s, l)| l.is_none() && s.doc() == at)
            .map(|(s, _)| s.score())
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::DocSetCollector;
    use tantivy::query::{BooleanQuery, Occur, PhraseQuery, TermQuery};
    use tantivy::schema::{IndexRecordOption, STRING, Schema, TEXT};
    use tantivy::{Index, TantivyDocument, Term};

    /// A union of phrases inside an intersection led by a sparse filter finds what a
    /// plain walk finds, and scores each match with its matching parts only.
    #[test]
    fn asked_about_single_articles_a_union_answers_as_a_walk_would() {
        let mut b = Schema::builder();
        let body = b.add_text_field("body", TEXT);
        let title = b.add_text_field("title", TEXT);
        let tag = b.add_text_field("tag", STRING);
        let index = Index::create_in_ram(b.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let words = ["dang", "vien", "moi", "chi", "bo"];
        let mut want = Vec::new();
        for i in 0..3000u64 {
            // Pseudo-random text: the phrase "dang vien" sometimes, its words apart often.
            let mut x = i.wrapping_mul(2_654_435_761) % 1_000_003;
            let mut text = String::new();
            for _ in 0..12 {
                text.push_str(words[(x % 5) as usize]);
                text.push(' ');
                x = x.wrapping_mul(48_271) % 2_147_483_647;
            }
            let head = if i % 17 == 0 { "dang vien" } else { "bo chi" };
            let tagged = i % 7 == 3;
            let mut d = TantivyDocument::new();
            d.add_text(body, &text);
            d.add_text(title, head);
            if tagged {
                d.add_text(tag, "x");
            }
            w.add_document(d).unwrap();
            let in_union = text.contains("dang vien") || head == "dang vien";
            if tagged && in_union {
                want.push(i);
            }
        }
        w.commit().unwrap();
        let phrase = |f| {
            Box::new(PhraseQuery::new(vec![
                Term::from_field_text(f, "dang"),
                Term::from_field_text(f, "vien"),
            ])) as Box<dyn Query>
        };
        let union = SeekUnion(vec![phrase(body), phrase(title)]);
        let filter = TermQuery::new(Term::from_field_text(tag, "x"), IndexRecordOption::Basic);
        let q = BooleanQuery::new(vec![
            (Occur::Must, Box::new(union.clone()) as Box<dyn Query>),
            (Occur::Must, Box::new(filter)),
        ]);
        let searcher = index.reader().unwrap().searcher();
        let found = searcher.search(&q, &DocSetCollector).unwrap();
        let n_reader = |a: &tantivy::DocAddress| a.doc_id as u64;
        let mut got: Vec<u64> = found.iter().map(n_reader).collect();
        got.sort_unstable();
        assert!(want.len() > 20, "{}", want.len());
        assert_eq!(got, want);
        // Alone, the union walks every match.
        let all = searcher.search(&union, &DocSetCollector).unwrap();
        assert!(all.len() > got.len());
        // Scores: the intersection's equal the union's own (plus the filter's constant
        // share) article by article.
        let top = searcher
            .search(
                &q,
                &tantivy::collector::TopDocs::with_limit(3000).order_by_score(),
            )
            .unwrap();
        let alone = searcher
            .search(
                &union,
                &tantivy::collector::TopDocs::with_limit(3000).order_by_score(),
            )
            .unwrap();
        let score_alone: std::collections::HashMap<_, _> =
            alone.iter().map(|(s, a)| (*a, *s)).collect();
        let filter_score = top[0].0 - score_alone[&top[0].1];
        for (s, a) in &top {
            assert!((s - score_alone[a] - filter_score).abs() < 1e-4, "{a:?}");
        }
    }
}
