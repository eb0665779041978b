//! The search box: what users type, read by [`parse`] (never by tantivy's query parser,
//! whose syntax errors users should not see) and compiled here into tantivy queries.
//!
//! Syntax (README and `baochi search --help` show it with examples): words side by side form
//! a group; `OR` and `AND` join groups (`hậu kiểm OR kết nạp`); parentheses nest;
//! `"quoted phrases"` match syllables in order with any diacritics, `="…"` with the
//! diacritics as typed; `-word` / `-"phrase"` exclude. A document named in any form
//! (`12/nq-tw`, `NQTW4`, `Nghị quyết Trung ương 4 khóa XI`, `Nghị quyết 12`) matches the
//! articles that cite it, through the extracted documents, or that write it.
//!
//! **Best match.** A query that is one group of three or more plain words selects the
//! articles holding every word ([`Compiled::query`]) and, after them, those holding most
//! (at least two thirds, [`most_of`]); phrases, exact forms, documents, exclusions
//! and `AND` stay strict.
//!
//! Every syllable matches on the folded stream, so all spellings are found; a syllable typed
//! with diacritics also scores on the exact stream, so exact matches rank first.

mod bonus;
pub mod checks;
mod originals;
pub mod parse;
mod safe;
mod union;

use super::analyzer::{Syllable, syllables};
use super::codes::{self, DocRef};
use super::schema::Fields;
use super::snippet::{MarkMode, MarkRun, Marks};
use super::{IndexError, SearchRequest};
use crate::entities::documents::DocCode;
use parse::{Atom, Node};
use std::ops::Bound;
use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query,
    RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

/// Weight of a match on the exact (diacritic) stream over a folded-only one.
const EXACT_BOOST: f32 = 1.5;
/// Weight of a match in the headline.
const TITLE_BOOST: f32 = 2.0;
/// Weight of the unquoted syllables found next to each other, in order.
const PROXIMITY_BOOST: f32 = 1.5;
/// Weight of a cited document found through the extracted entities.
const DOCUMENT_BOOST: f32 = 2.0;
/// Best match applies from this many plain words in the group.
const BEST_MATCH_FROM: usize = 3;

/// The fewest of `n` plain words an article must hold to be among those holding most.
pub fn most_of(n: usize) -> usize {
    (2 * n).div_ceil(3)
}

/// A parsed query: the tantivy queries and what to mark in snippets.
pub struct Compiled {
    /// The articles holding every word (all a strict query selects), filters included.
    pub query: Box<dyn Query>,
    /// The same articles as [`Compiled::query`] without what only scores: for counting.
    pub matching: Box<dyn Query>,
    /// Best match: the articles holding most of the words but not every one (filters
    /// included); `None` when the query is strict.
    pub best: Option<BestMatch>,
    /// Cheap queries whose best matches hold the best of [`Compiled::query`] and
    /// [`Compiled::best`] (for ranking in two stages); `None` when the query's form (a cited
    /// document, a filter) has none.
    pub candidates: Option<Candidates>,
    /// What to mark in snippets.
    pub marks: Marks,
    /// Whether the query has text (else only filters select, and scores mean nothing).
    pub has_text: bool,
}

impl std::fmt::Debug for Compiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Compiled")
            .field("query", &self.query)
            .field("best", &self.best)
            .field("marks", &self.marks)
            .finish()
    }
}

/// Pure term queries (block-max WAND runs them without visiting every match) whose best
/// matches are the candidates for the best of the full query.
pub struct Candidates {
    /// Term intersections: per alternative of the query, its folded syllables in the body
    /// and in the headline, and its exact syllables in the body when typed with diacritics.
    pub every: Vec<Box<dyn Query>>,
    /// For best match: the union of the words' folded syllables in the body.
    pub most: Option<Box<dyn Query>>,
}

impl std::fmt::Debug for Candidates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Candidates")
            .field("every", &self.every.len())
            .field("most", &self.most.is_some())
            .finish()
    }
}

/// The most alternatives (OR branches, multiplied through AND) ranked in two stages.
const MAX_ALTERNATIVES: usize = 8;

/// The syllables each alternative of the query requires (exclusions left aside; a cited
/// document by its code, or by its words when it has none), or `None` when there are too
/// many alternatives.
fn alternatives(node: &Node) -> Option<Vec<Vec<Syllable>>> {
    let product = |a: Vec<Vec<Syllable>>, b: Vec<Vec<Syllable>>| -> Option<Vec<Vec<Syllable>>> {
        if a.len() * b.len() > MAX_ALTERNATIVES {
            return None;
        }
        Some(
            a.iter()
                .flat_map(|x| {
                    b.iter().map(move |y| {
                        let mut v = x.clone();
                        v.extend(y.iter().cloned());
                        v
                    })
                })
                .collect(),
        )
    };
    match node {
        Node::Or(v) => {
            let mut out = Vec::new();
            for n in v {
                out.extend(alternatives(n)?);
            }
            (out.len() <= MAX_ALTERNATIVES).then_some(out)
        }
        Node::And(v) => {
            let mut acc = vec![Vec::new()];
            for n in v {
                acc = product(acc, alternatives(n)?)?;
            }
            Some(acc)
        }
        Node::Group(items) => {
            let mut acc = vec![Vec::new()];
            let mut plain: Vec<String> = Vec::new();
            for it in items.iter().filter(|i| !i.negated) {
                let syls = match &it.atom {
                    Atom::Word(w, _) => {
                        plain.push(w.clone());
                        continue;
                    }
                    Atom::Phrase(p) | Atom::Exact(p) => phrase_syllables(p),
                    Atom::Group(g) => {
                        acc = product(acc, alternatives(g)?)?;
                        continue;
                    }
                };
                acc = product(acc, vec![syls])?;
            }
            let mut words = Vec::new();
            for piece in find_documents(&plain) {
                match piece {
                    Piece::Word(w) => words.extend(word_syllables(&w)),
                    // A cited document: each code it may be is an alternative (the body
                    // files a code as one token); a reference without a code, its words.
                    Piece::Doc(r, text) => {
                        let codes: Vec<Vec<Syllable>> = r
                            .keys
                            .iter()
                            .filter(|k| DocCode::canonical(k).is_some())
                            .map(|k| word_syllables(k))
                            .collect();
                        if codes.is_empty() {
                            words.extend(phrase_syllables(&text));
                        } else {
                            acc = product(acc, codes)?;
                        }
                    }
                }
            }
            product(acc, vec![words])
        }
    }
}

fn term_set(field: Field, terms: &[&str]) -> Option<Box<dyn Query>> {
    let mut uniq: Vec<&str> = Vec::new();
    for t in terms {
        if !uniq.contains(t) {
            uniq.push(t);
        }
    }
    match uniq.as_slice() {
        [] => None,
        [t] => Some(term(field, t)),
        _ => Some(Box::new(BooleanQuery::intersection(
            uniq.iter().map(|t| term(field, t)).collect(),
        ))),
    }
}

fn candidates(f: &Fields, node: &Node, best_match: bool) -> Option<Candidates> {
    let alts = alternatives(node)?;
    let mut every = Vec::new();
    for syls in &alts {
        let folded: Vec<&str> = syls.iter().map(|s| s.folded.as_str()).collect();
        every.extend(term_set(f.body_f, &folded));
        every.extend(term_set(f.title_f, &folded));
        if syls.iter().any(|s| s.exact != s.folded) {
            let exact: Vec<&str> = syls.iter().map(|s| s.exact.as_str()).collect();
            every.extend(term_set(f.body, &exact));
        }
    }
    if every.is_empty() {
        return None;
    }
    let most = best_match.then(|| {
        let mut folded: Vec<&str> = alts.iter().flatten().map(|s| s.folded.as_str()).collect();
        folded.sort_unstable();
        folded.dedup();
        // tantivy's own union of terms: block-max WAND prunes it.
        Box::new(BooleanQuery::union(
            folded.iter().map(|t| term(f.body_f, t)).collect(),
        )) as Box<dyn Query>
    });
    Some(Candidates { every, most })
}

/// A plain word of a group, or a document reference that a run of them names.
#[derive(Debug, Clone)]
enum Piece {
    Word(String),
    Doc(DocRef, String),
}

/// Replaces runs of plain words that name a document by one [`Piece::Doc`].
fn find_documents(words: &[String]) -> Vec<Piece> {
    let ws: Vec<&str> = words.iter().map(String::as_str).collect();
    let mut refs = codes::find_refs(&ws);
    let extra: Vec<DocRef> = finder_refs(&ws)
        .into_iter()
        .filter(|f| !refs.iter().any(|r| r.first < f.last && f.first < r.last))
        .collect();
    refs.extend(extra);
    refs.sort_by_key(|r| r.first);
    let mut out = Vec::with_capacity(words.len());
    let mut at = 0;
    for r in refs {
        if r.first < at {
            continue; // overlaps the previous reference
        }
        out.extend(words[at..r.first].iter().cloned().map(Piece::Word));
        let text = ws[r.first..r.last].join(" ");
        at = r.last;
        out.push(Piece::Doc(r, text));
    }
    out.extend(words[at..].iter().cloned().map(Piece::Word));
    out
}

/// References the entity finder sees in the words (the forms it knows and [`codes`] does
/// not), mapped back to word indices.
fn finder_refs(words: &[&str]) -> Vec<DocRef> {
    if words.is_empty() {
        return Vec::new();
    }
    // Each word normalised alone so code point offsets map back to words.
    let normalized: Vec<String> = words
        .iter()
        .map(|w| crate::text::normalize_line(w))
        .collect();
    let mut bounds = Vec::with_capacity(words.len());
    let mut at = 0;
    for w in &normalized {
        let n = w.chars().count();
        bounds.push((at, at + n));
        at += n + 1;
    }
    let text = normalized.join(" ");
    let mut refs = Vec::new();
    for d in crate::entities::documents::find(&text) {
        let keys = codes::document_keys(&d);
        if keys.is_empty() {
            continue;
        }
        let covered: Vec<usize> = bounds
            .iter()
            .enumerate()
            .filter(|(_, (s, e))| *s < d.span.end && d.span.start < *e)
            .map(|(i, _)| i)
            .collect();
        if let (Some(&first), Some(&last)) = (covered.first(), covered.last()) {
            refs.push(DocRef {
                first,
                last: last + 1,
                keys,
            });
        }
    }
    refs
}

fn term(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

fn boost(q: Box<dyn Query>, by: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(q, by))
}

fn phrase(field: Field, terms: &[&str]) -> Box<dyn Query> {
    if terms.len() == 1 {
        return term(field, terms[0]);
    }
    Box::new(PhraseQuery::new(
        terms
            .iter()
            .map(|t| Term::from_field_text(field, t))
            .collect(),
    ))
}

/// Any of `qs`, with a union that seeks ([`union::SeekUnion`]).
fn union(qs: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    match qs.len() {
        0 => Box::new(EmptyQuery),
        1 => qs
            .into_iter()
            .next()
            .unwrap_or_else(|| Box::new(EmptyQuery)),
        _ => Box::new(union::SeekUnion(qs)),
    }
}

/// Syllables as a clause: the folded sequence (required) in body or title, plus the exact
/// sequence when any syllable carries diacritics.
fn text_clause(f: &Fields, syls: &[Syllable]) -> Box<dyn Query> {
    text_clause_of(f, syls, false)
}

/// [`text_clause`]; `lean` leaves out the exact stream, which only scores (an exact match is
/// always a folded one): for counting.
fn text_clause_of(f: &Fields, syls: &[Syllable], lean: bool) -> Box<dyn Query> {
    let folded: Vec<&str> = syls.iter().map(|s| s.folded.as_str()).collect();
    let exact: Vec<&str> = syls.iter().map(|s| s.exact.as_str()).collect();
    let mut qs = vec![
        phrase(f.body_f, &folded),
        boost(phrase(f.title_f, &folded), TITLE_BOOST),
    ];
    // Every scorer costs time on every matching article: the headline's exact stream adds
    // little ranking beyond the body's and is left out.
    if !lean && syls.iter().any(|s| s.exact != s.folded) {
        qs.push(boost(phrase(f.body, &exact), EXACT_BOOST));
    }
    union(qs)
}

/// Syllables of one typed word; a document code stays one canonical token whatever its case.
fn word_syllables(w: &str) -> Vec<Syllable> {
    let trimmed = w.trim_matches(|c: char| !c.is_alphanumeric());
    if let Some(code) = DocCode::canonical(trimmed) {
        let t = code.to_lowercase();
        return vec![Syllable {
            start: 0,
            end: w.len(),
            exact: t.clone(),
            folded: t,
        }];
    }
    syllables(w)
}

fn doc_clause(f: &Fields, r: &DocRef, text: &str) -> Box<dyn Query> {
    let mut qs: Vec<Box<dyn Query>> = r
        .keys
        .iter()
        .map(|k| boost(term(f.document_key, k), DOCUMENT_BOOST))
        .collect();
    // A code is written in the body in some form the analyser filed under its canonical;
    // other references ("Nghị quyết 12", "NQTW4") are also matched as written.
    let codes: Vec<String> = r
        .keys
        .iter()
        .filter(|k| DocCode::canonical(k).is_some())
        .map(|k| k.to_lowercase())
        .collect();
    if codes.is_empty() {
        let syls: Vec<Syllable> = text.split_whitespace().flat_map(word_syllables).collect();
        if !syls.is_empty() {
            qs.push(text_clause(f, &syls));
        }
    }
    for c in codes {
        qs.push(term(f.body_f, &c));
        qs.push(boost(term(f.title_f, &c), TITLE_BOOST));
    }
    union(qs)
}

/// The syllables of a phrase or an exact form as typed.
fn phrase_syllables(p: &str) -> Vec<Syllable> {
    p.split_whitespace().flat_map(word_syllables).collect()
}

/// `="…"`: the exact stream only, in body and headline.
fn exact_clause(f: &Fields, syls: &[Syllable]) -> Box<dyn Query> {
    let exact: Vec<&str> = syls.iter().map(|s| s.exact.as_str()).collect();
    union(vec![
        phrase(f.body, &exact),
        boost(phrase(f.title, &exact), TITLE_BOOST),
    ])
}

fn mark_run(syls: &[Syllable], min_len: usize, loose: bool, mode: MarkMode, marks: &mut Marks) {
    if syls.is_empty() {
        return;
    }
    let mode = match mode {
        MarkMode::PreferExact if syls.iter().all(|s| s.exact == s.folded) => MarkMode::Folded,
        m => m,
    };
    marks.runs.push(MarkRun {
        exact: syls.iter().map(|s| s.exact.clone()).collect(),
        folded: syls.iter().map(|s| s.folded.clone()).collect(),
        min_len: min_len.clamp(1, syls.len()),
        loose,
        mode,
    });
}

/// One clause of a boolean query.
type Clause = (Occur, Box<dyn Query>);

/// A compiled node: the strict query and, for a top-level group of plain words, the
/// articles that hold most of them.
struct NodeQuery {
    strict: Box<dyn Query>,
    best: Option<BestMatch>,
}

/// Best match's "most" list: the query that ranks it, and its parts, for counting it without
/// tantivy's disjunction (which cannot seek): see [`super::most`].
pub struct BestMatch {
    /// The articles holding at least [`BestMatch::min`] words but not every one, the
    /// required parts and filters matched: ranks the list.
    pub query: Box<dyn Query>,
    /// One match-only query per plain word (body or headline, folded).
    pub words: Vec<Box<dyn Query>>,
    /// The fewest words an article must hold ([`most_of`]).
    pub min: usize,
    /// What an article must also match: required phrases, exclusions, filters.
    pub gate: Option<Box<dyn Query>>,
}

impl std::fmt::Debug for BestMatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BestMatch")
            .field("words", &self.words.len())
            .field("min", &self.min)
            .field("gate", &self.gate.is_some())
            .finish()
    }
}

/// Where a word stands, folded, in body or headline: matching only, no scoring.
fn match_clause(f: &Fields, syls: &[Syllable]) -> Box<dyn Query> {
    let folded: Vec<&str> = syls.iter().map(|s| s.folded.as_str()).collect();
    union(vec![phrase(f.body_f, &folded), phrase(f.title_f, &folded)])
}

/// An excluded clause, wrapped so tantivy's exclusion can question it ([`safe`]).
fn safe(q: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(safe::SafeSeek(q))
}

fn boolean(clauses: Vec<(Occur, Box<dyn Query>)>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(clauses))
}

fn node_query(f: &Fields, node: &Node, top: bool, lean: bool, marks: &mut Marks) -> NodeQuery {
    match node {
        Node::Or(v) => NodeQuery {
            strict: union(
                v.iter()
                    .map(|n| node_query(f, n, false, lean, marks).strict)
                    .collect(),
            ),
            best: None,
        },
        Node::And(v) => NodeQuery {
            strict: boolean(
                v.iter()
                    .map(|n| (Occur::Must, node_query(f, n, false, lean, marks).strict))
                    .collect(),
            ),
            best: None,
        },
        Node::Group(items) => group_query(f, items, top, lean, marks),
    }
}

fn group_query(
    f: &Fields,
    items: &[parse::Item],
    top: bool,
    lean: bool,
    marks: &mut Marks,
) -> NodeQuery {
    // Strict parts (phrases, exact forms, documents, sub-queries), plain words, exclusions.
    let mut required: Vec<Box<dyn Query>> = Vec::new();
    let mut words: Vec<Box<dyn Query>> = Vec::new();
    let mut word_matches: Vec<Box<dyn Query>> = Vec::new();
    let mut excluded: Vec<Box<dyn Query>> = Vec::new();
    // Plain words in a row, for the proximity boost and the snippet marks.
    let mut runs: Vec<Vec<Syllable>> = Vec::new();
    let mut plain: Vec<String> = Vec::new();
    let flush = |plain: &mut Vec<String>,
                 required: &mut Vec<Box<dyn Query>>,
                 words: &mut Vec<Box<dyn Query>>,
                 word_matches: &mut Vec<Box<dyn Query>>,
                 runs: &mut Vec<Vec<Syllable>>,
                 marks: &mut Marks| {
        if plain.is_empty() {
            return;
        }
        let mut run: Vec<Syllable> = Vec::new();
        for piece in find_documents(plain) {
            match piece {
                Piece::Word(w) => {
                    let syls = word_syllables(&w);
                    if syls.is_empty() {
                        continue;
                    }
                    words.push(text_clause_of(f, &syls, lean));
                    word_matches.push(match_clause(f, &syls));
                    run.extend(syls);
                }
                Piece::Doc(r, text) => {
                    required.push(doc_clause(f, &r, &text));
                    let syls = phrase_syllables(&text);
                    mark_run(&syls, syls.len(), false, MarkMode::PreferExact, marks);
                    runs.push(std::mem::take(&mut run));
                }
            }
        }
        runs.push(run);
        plain.clear();
    };
    for it in items {
        if let (Atom::Word(w, _), false) = (&it.atom, it.negated) {
            plain.push(w.clone());
            continue;
        }
        flush(
            &mut plain,
            &mut required,
            &mut words,
            &mut word_matches,
            &mut runs,
            marks,
        );
        let clause = match &it.atom {
            Atom::Word(w, _) => {
                let syls = word_syllables(w);
                (!syls.is_empty()).then(|| text_clause_of(f, &syls, lean))
            }
            Atom::Phrase(p) => {
                let syls = phrase_syllables(p);
                if !it.negated {
                    mark_run(&syls, syls.len(), false, MarkMode::PreferExact, marks);
                }
                (!syls.is_empty()).then(|| text_clause_of(f, &syls, lean))
            }
            Atom::Exact(p) => {
                let syls = phrase_syllables(p);
                if !it.negated {
                    mark_run(&syls, syls.len(), false, MarkMode::ExactOnly, marks);
                }
                (!syls.is_empty()).then(|| exact_clause(f, &syls))
            }
            Atom::Group(n) => {
                // Marks of an excluded sub-query would mark what the article lacks.
                let mut scratch = Marks::default();
                let m = if it.negated {
                    &mut scratch
                } else {
                    &mut *marks
                };
                Some(node_query(f, n, false, lean, m).strict)
            }
        };
        let Some(clause) = clause else { continue };
        if it.negated {
            excluded.push(clause);
        } else {
            required.push(clause);
        }
    }
    flush(
        &mut plain,
        &mut required,
        &mut words,
        &mut word_matches,
        &mut runs,
        marks,
    );
    let mut proximity: Vec<Box<dyn Query>> = Vec::new();
    for run in runs.iter().filter(|r| !r.is_empty()) {
        mark_run(run, 2, true, MarkMode::PreferExact, marks);
        if run.len() >= 2 {
            let folded: Vec<&str> = run.iter().map(|s| s.folded.as_str()).collect();
            proximity.push(boost(phrase(f.body_f, &folded), PROXIMITY_BOOST));
        }
    }
    // Every query of the group: the `must` clauses, the scoring-only ones, the exclusions
    // (and one more, for the "most" list).
    let all_of = |must: Vec<Box<dyn Query>>, extra_not: Option<Box<dyn Query>>| {
        let mut clauses: Vec<Clause> = Vec::new();
        if must.is_empty() {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        clauses.extend(must.into_iter().map(|q| (Occur::Must, q)));
        clauses.extend(
            excluded
                .iter()
                .map(|q| (Occur::MustNot, safe(q.box_clone()))),
        );
        clauses.extend(extra_not.map(|q| (Occur::MustNot, safe(q))));
        boolean(clauses)
    };
    let clones = |qs: &[Box<dyn Query>]| -> Vec<Box<dyn Query>> {
        qs.iter().map(|q| q.box_clone()).collect()
    };
    let mut must = clones(&required);
    must.extend(clones(&words));
    // The proximity boost is asked about the matches one by one, not walked, and left out
    // when nothing is scored (counting) ([`bonus`]).
    let proximity: Option<Box<dyn Query>> = (!proximity.is_empty()).then(|| union(proximity));
    let with_bonus = |q: Box<dyn Query>| -> Box<dyn Query> {
        match &proximity {
            Some(p) => Box::new(bonus::WithBonus {
                base: q,
                bonus: p.box_clone(),
            }),
            None => q,
        }
    };
    let strict = with_bonus(all_of(must, None));
    let best = (top && words.len() >= BEST_MATCH_FROM).then(|| {
        let min = most_of(words.len());
        let every = boolean(words.iter().map(|q| (Occur::Must, q.box_clone())).collect());
        let some: Box<dyn Query> = Box::new(BooleanQuery::with_minimum_required_clauses(
            words.into_iter().map(|q| (Occur::Should, q)).collect(),
            min,
        ));
        let mut must = clones(&required);
        must.push(some);
        BestMatch {
            query: with_bonus(all_of(must, Some(every))),
            min,
            words: word_matches,
            gate: (!required.is_empty() || !excluded.is_empty())
                .then(|| all_of(clones(&required), None)),
        }
    });
    NodeQuery { strict, best }
}

/// A compiled text: its queries, the same without what only scores, its candidates.
type TextQuery = (NodeQuery, Box<dyn Query>, Option<Candidates>);

/// Compiles the text of a query; `None` when it is empty.
fn text_query(f: &Fields, q: &str, marks: &mut Marks) -> Result<Option<TextQuery>, IndexError> {
    let node = parse::parse(q).map_err(|e| IndexError::BadQuery(e.to_string()))?;
    Ok(node.map(|n| {
        let nq = node_query(f, &n, true, false, marks);
        let lean = node_query(f, &n, true, true, &mut Marks::default()).strict;
        let c = candidates(f, &n, nq.best.is_some());
        (nq, lean, c)
    }))
}

fn filter(q: Box<dyn Query>) -> (Occur, Box<dyn Query>) {
    (Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0)))
}

/// Compiles a request (query and filters) into tantivy queries.
pub fn compile(f: &Fields, req: &SearchRequest) -> Result<Compiled, IndexError> {
    let mut marks = Marks::default();
    let text = text_query(f, &req.query, &mut marks)?;
    let has_text = text.is_some();
    let mut filters = filters(f, req)?;
    // Folding reprints away drops few of the candidates' best, and their re-scoring drops
    // those; other filters can drop most, so candidates are then asked within them.
    let narrowed = !filters.is_empty();
    if !req.all_copies {
        filters.push(filter(Box::new(originals::Originals(f.copy))));
    }
    let with_filters = |q: Box<dyn Query>| -> Box<dyn Query> {
        if filters.is_empty() {
            return q;
        }
        let mut clauses = vec![(Occur::Must, q)];
        clauses.extend(filters.iter().map(|(o, q)| (*o, q.box_clone())));
        boolean(clauses)
    };
    let (strict, matching, best, candidates) = match text {
        Some((t, lean, c)) => (t.strict, Some(lean), t.best, c),
        None => (Box::new(AllQuery) as Box<dyn Query>, None, None, None),
    };
    let best = best.map(|b| BestMatch {
        query: with_filters(b.query),
        gate: match (b.gate, filters.is_empty()) {
            (g, true) => g,
            (Some(g), false) => Some(with_filters(g)),
            (None, false) => Some(with_filters(Box::new(AllQuery))),
        },
        ..b
    });
    Ok(Compiled {
        matching: with_filters(matching.unwrap_or_else(|| strict.box_clone())),
        query: with_filters(strict),
        best,
        // Narrowed by filters, the candidates are asked within them: their best then
        // cover the filtered matches as they cover all matches without filters.
        candidates: match candidates {
            Some(c) if narrowed => Some(Candidates {
                every: c.every.into_iter().map(&with_filters).collect(),
                most: c.most.map(&with_filters),
            }),
            c => c,
        },
        marks,
        has_text,
    })
}

/// The filter clauses of a request.
fn filters(f: &Fields, req: &SearchRequest) -> Result<Vec<Clause>, IndexError> {
    let mut clauses: Vec<Clause> = Vec::new();
    if let Some(p) = req.province.as_deref().filter(|p| !p.trim().is_empty()) {
        clauses.push(filter(term(f.province_key, &checks::province_key(p)?)));
    }
    if let Some(d) = req.document.as_deref().filter(|d| !d.trim().is_empty()) {
        let mut qs: Vec<Box<dyn Query>> = Vec::new();
        for k in codes::filter_keys(d) {
            qs.push(term(f.document_key, &k));
            // The analyser files a written code under its canonical: found even when the
            // entity finder missed it.
            if DocCode::canonical(&k).is_some() {
                qs.push(term(f.body_f, &k.to_lowercase()));
            }
        }
        clauses.push(filter(union(qs)));
    }
    let from = req
        .from
        .as_deref()
        .filter(|v| !v.trim().is_empty())
        .map(|v| checks::date_bound("from", v, false))
        .transpose()?;
    let to = req
        .to
        .as_deref()
        .filter(|v| !v.trim().is_empty())
        .map(|v| checks::date_bound("to", v, true))
        .transpose()?;
    if from.is_some() || to.is_some() {
        if let (Some(a), Some(b)) = (from, to)
            && a > b
        {
            return Err(IndexError::BadQuery(format!(
                "the from date {} is after the to date {}",
                req.from.as_deref().unwrap_or(""),
                req.to.as_deref().unwrap_or("")
            )));
        }
        let lo = from.map_or(Bound::Unbounded, |d| {
            Bound::Included(Term::from_field_date(f.published, d))
        });
        let hi = to.map_or(Bound::Unbounded, |d| {
            Bound::Included(Term::from_field_date(f.published, d))
        });
        clauses.push(filter(Box::new(RangeQuery::new(lo, hi))));
    }
    Ok(clauses)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_documents_among_words() {
        let words: Vec<String> = "thực hiện nq tw 4 khoa xi tốt"
            .split(' ')
            .map(String::from)
            .collect();
        let pieces = find_documents(&words);
        assert_eq!(pieces.len(), 4);
        assert!(
            matches!(&pieces[2], Piece::Doc(r, t) if r.keys == ["TW4-XI"] && t == "nq tw 4 khoa xi")
        );
    }

    #[test]
    fn most_is_two_thirds_rounded_up() {
        assert_eq!(most_of(3), 2);
        assert_eq!(most_of(5), 4);
        assert_eq!(most_of(6), 4);
        assert_eq!(most_of(9), 6);
    }
}
