//! The best hits in two stages, so ranking does not visit every match.
//!
//! Scoring every match of a common word with the full query (both streams, headline,
//! proximity) costs time in proportion to the index. Stage one asks pure term queries
//! ([`Candidates`]) for their best [`CANDIDATES`] articles — block-max WAND skips whole
//! blocks of postings that cannot enter the top, so this costs little at any size. Stage two
//! scores each candidate with the full query (a seek per candidate, not a walk), drops those
//! the full query does not match, and orders the rest. When the candidates hold fewer
//! matches than the page asks for, the caller walks every match instead ([`full`]).
//!
//! The result is the best of the candidates by the full score: an article whose body ranks
//! low for the words but whose headline or exact spelling would lift it may be missed from
//! the first pages when more than [`CANDIDATES`] articles outrank it in every candidate list.

use super::query::Candidates;
use tantivy::collector::TopDocs;
use tantivy::query::{EnableScoring, Query};
use tantivy::{DocAddress, DocId, DocSet, Score, Searcher};

/// Candidates asked of each stage-one query (more when the page goes deeper).
pub const CANDIDATES: usize = 200;
/// Pages reaching deeper than this are ranked by walking every match.
pub const MAX_DEPTH: usize = 1_000;

/// The `want` best matches of `query`, best first, through `candidates`; `None` when the
/// candidates hold fewer than `want` matches or the page is too deep.
pub fn two_stage(
    searcher: &Searcher,
    query: &dyn Query,
    candidates: &[&dyn Query],
    want: usize,
) -> tantivy::Result<Option<Vec<(Score, DocAddress)>>> {
    if want > MAX_DEPTH || candidates.is_empty() {
        return Ok(None);
    }
    let k = CANDIDATES.max(2 * want);
    let mut pool: Vec<DocAddress> = Vec::new();
    for c in candidates {
        let top = searcher.search(*c, &TopDocs::with_limit(k).order_by_score())?;
        pool.extend(top.into_iter().map(|(_, a)| a));
    }
    pool.sort_unstable();
    pool.dedup();
    let weight = query.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let mut scored: Vec<(Score, DocAddress)> = Vec::with_capacity(pool.len());
    let mut at = 0;
    while at < pool.len() {
        let seg_ord = pool[at].segment_ord;
        let end = at + pool[at..].partition_point(|a| a.segment_ord == seg_ord);
        let seg = searcher.segment_reader(seg_ord);
        let alive = seg.alive_bitset();
        let mut scorer = weight.scorer(seg, 1.0)?;
        for a in &pool[at..end] {
            let d: DocId = a.doc_id;
            if scorer.doc() < d {
                scorer.seek(d);
            }
            if scorer.doc() == d && alive.is_none_or(|b| b.is_alive(d)) {
                scored.push((scorer.score(), *a));
            }
        }
        at = end;
    }
    if scored.len() < want {
        return Ok(None);
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.truncate(want);
    Ok(Some(scored))
}

/// The `limit` best matches of `query` from `offset`, walking every match.
pub fn full(
    searcher: &Searcher,
    query: &dyn Query,
    limit: usize,
    offset: usize,
) -> tantivy::Result<Vec<(Score, DocAddress)>> {
    searcher.search(
        query,
        &TopDocs::with_limit(limit)
            .and_offset(offset)
            .order_by_score(),
    )
}

/// The page `offset..offset + limit` of `query`'s ranking: in two stages when there are
/// candidates, else by walking every match.
pub fn page(
    searcher: &Searcher,
    query: &dyn Query,
    candidates: &[&dyn Query],
    limit: usize,
    offset: usize,
) -> tantivy::Result<Vec<(Score, DocAddress)>> {
    if limit == 0 {
        return Ok(Vec::new());
    }
    if let Some(mut best) = two_stage(searcher, query, candidates, offset + limit)? {
        return Ok(best.drain(offset.min(best.len())..).collect());
    }
    full(searcher, query, limit, offset)
}

/// Candidate queries of a [`Candidates`] for the strict list and for the "most" list.
pub fn lists(c: Option<&Candidates>) -> (Vec<&dyn Query>, Vec<&dyn Query>) {
    match c {
        None => (Vec::new(), Vec::new()),
        Some(c) => (
            c.every.iter().map(|q| &**q).collect(),
            c.most.iter().map(|q| &**q).collect(),
        ),
    }
}
