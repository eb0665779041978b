//! A score bonus asked about the articles the query matches, one by one.
//!
//! The proximity boost (the typed words side by side) was a `Should` clause: tantivy builds
//! its scorer like any other, walking to its first match, and a run of words that is rare
//! as a phrase is then looked for, position by position, through every article holding its
//! syllables — on every search, for one score. Here the bonus is created at the first
//! article scored and asked only whether *that* article has it (`seek_danger`), so its
//! cost follows the articles scored, not the index. The score is the same sum.

use std::sync::Arc;
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, TERMINATED};

/// `base`, with `bonus`'s score added where it matches too.
#[derive(Debug)]
pub struct WithBonus {
    /// What must match.
    pub base: Box<dyn Query>,
    /// What only adds to the score.
    pub bonus: Box<dyn Query>,
}

impl Clone for WithBonus {
    fn clone(&self) -> Self {
        WithBonus {
            base: self.base.box_clone(),
            bonus: self.bonus.box_clone(),
        }
    }
}

impl Query for WithBonus {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let base = self.base.weight(scoring)?;
        if !scoring.is_scoring_enabled() {
            return Ok(base);
        }
        Ok(Box::new(BonusWeight {
            base,
            bonus: Arc::from(self.bonus.weight(scoring)?),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        self.base.query_terms(visitor);
        self.bonus.query_terms(visitor);
    }
}

struct BonusWeight {
    base: Box<dyn Weight>,
    bonus: Arc<dyn Weight>,
}

impl BonusWeight {
    fn wrap(&self, reader: &SegmentReader, boost: Score, base: Box<dyn Scorer>) -> BonusScorer {
        BonusScorer {
            base,
            bonus: Bonus::Unborn(Box::new(Unborn {
                weight: self.bonus.clone(),
                reader: reader.clone(),
                boost,
            })),
        }
    }
}

impl Weight for BonusWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let base = self.base.scorer(reader, boost)?;
        Ok(Box::new(self.wrap(reader, boost, base)))
    }

    fn scorer_danger(
        &self,
        reader: &SegmentReader,
        target: DocId,
        boost: Score,
    ) -> tantivy::Result<(SeekDangerResult, Box<dyn Scorer>)> {
        let (r, base) = self.base.scorer_danger(reader, target, boost)?;
        Ok((r, Box::new(self.wrap(reader, boost, base))))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut e = self.base.explain(reader, doc)?;
        if let Ok(b) = self.bonus.explain(reader, doc) {
            e.add_detail(b);
        }
        Ok(e)
    }
}

/// What creating the bonus clause takes.
struct Unborn {
    weight: Arc<dyn Weight>,
    reader: SegmentReader,
    boost: Score,
}

/// The bonus clause: not yet created, standing on a match, or known absent before a bound.
enum Bonus {
    Unborn(Box<Unborn>),
    At(Box<dyn Scorer>),
    Before(Box<dyn Scorer>, DocId),
    Gone,
}

struct BonusScorer {
    base: Box<dyn Scorer>,
    bonus: Bonus,
}

impl BonusScorer {
    /// The bonus's score at `doc` (0 when it does not match there). `doc` never goes back:
    /// the base is scored in order.
    fn bonus_at(&mut self, doc: DocId) -> Score {
        let state = std::mem::replace(&mut self.bonus, Bonus::Gone);
        let (mut s, found) = match state {
            Bonus::Unborn(u) => match u.weight.scorer_danger(&u.reader, doc, u.boost) {
                Ok((r, s)) => (s, r),
                Err(_) => return 0.0,
            },
            Bonus::At(s) if s.doc() >= doc => {
                let found = if s.doc() == doc {
                    SeekDangerResult::Found
                } else {
                    SeekDangerResult::SeekLowerBound(s.doc())
                };
                (s, found)
            }
            Bonus::Before(s, bound) if bound > doc => (s, SeekDangerResult::SeekLowerBound(bound)),
            Bonus::At(mut s) | Bonus::Before(mut s, _) => {
                let r = s.seek_danger(doc);
                (s, r)
            }
            Bonus::Gone => return 0.0,
        };
        match found {
            SeekDangerResult::Found => {
                let score = s.score();
                self.bonus = Bonus::At(s);
                score
            }
            SeekDangerResult::SeekLowerBound(b) if b >= TERMINATED => 0.0,
            SeekDangerResult::SeekLowerBound(b) => {
                self.bonus = Bonus::Before(s, b);
                0.0
            }
        }
    }
}

impl DocSet for BonusScorer {
    fn advance(&mut self) -> DocId {
        self.base.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.base.seek(target)
    }

    fn seek_danger(&mut self, target: DocId) -> SeekDangerResult {
        self.base.seek_danger(target)
    }

    fn doc(&self) -> DocId {
        self.base.doc()
    }

    fn size_hint(&self) -> u32 {
        self.base.size_hint()
    }

    fn cost(&self) -> u64 {
        self.base.cost()
    }
}

impl Scorer for BonusScorer {
    fn score(&mut self) -> Score {
        let doc = self.base.doc();
        self.base.score() + self.bonus_at(doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::{BooleanQuery, Occur, PhraseQuery, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, TEXT};
    use tantivy::{Index, TantivyDocument, Term};

    /// Scores as the `Should` clause gave them, article by article.
    #[test]
    fn scores_as_a_should_clause_would() {
        let mut b = Schema::builder();
        let body = b.add_text_field("body", TEXT);
        let index = Index::create_in_ram(b.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let words = ["can", "bo", "luan", "chuyen", "dang"];
        for i in 0..2000u64 {
            let mut x = i.wrapping_mul(2_654_435_761) % 1_000_003;
            let mut text = String::new();
            for _ in 0..10 {
                text.push_str(words[(x % 5) as usize]);
                text.push(' ');
                x = x.wrapping_mul(48_271) % 2_147_483_647;
            }
            let mut d = TantivyDocument::new();
            d.add_text(body, &text);
            w.add_document(d).unwrap();
        }
        w.commit().unwrap();
        let t = |s: &str| Term::from_field_text(body, s);
        let must = || {
            BooleanQuery::new(vec![
                (
                    Occur::Must,
                    Box::new(TermQuery::new(t("can"), IndexRecordOption::WithFreqs))
                        as Box<dyn Query>,
                ),
                (
                    Occur::Must,
                    Box::new(TermQuery::new(t("luan"), IndexRecordOption::WithFreqs)),
                ),
            ])
        };
        let run = || Box::new(PhraseQuery::new(vec![t("can"), t("bo"), t("luan")]));
        let should = BooleanQuery::new(vec![
            (Occur::Must, Box::new(must()) as Box<dyn Query>),
            (Occur::Should, run()),
        ]);
        let bonus = WithBonus {
            base: Box::new(must()),
            bonus: run(),
        };
        let searcher = index.reader().unwrap().searcher();
        let top = |q: &dyn Query| {
            let mut v = searcher
                .search(q, &TopDocs::with_limit(2000).order_by_score())
                .unwrap();
            v.sort_by_key(|(_, a)| *a);
            v
        };
        let (a, b, plain) = (top(&should), top(&bonus), top(&must()));
        assert_eq!(a.len(), b.len());
        assert!(a.len() > 100);
        let mut lifted = 0;
        for (((sa, da), (sb, db)), (sp, _)) in a.iter().zip(&b).zip(&plain) {
            assert_eq!(da, db);
            assert!((sa - sb).abs() < 1e-4, "{da:?}: {sa} vs {sb}");
            lifted += usize::from(*sb > sp + 1e-3);
        }
        assert!(lifted > 10, "some articles carry the run: {lifted}");
    }
}
