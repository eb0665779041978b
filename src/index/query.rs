//! The search box: what users type, parsed here (never by tantivy's query parser, whose
//! syntax errors users should not see) into tantivy queries.
//!
//! Syntax: syllables (all required), `"quoted phrases"` (syllables in order), `a OR b`,
//! `AND` (the default, accepted), `-word` / `-"phrase"` to exclude. A document named in any
//! form (`12/nq-tw`, `NQTW4`, `Nghị quyết Trung ương 4 khóa XI`, `Nghị quyết 12`) matches
//! the articles that cite it, through the extracted documents, or that write it.
//!
//! Every syllable matches on the folded stream, so all spellings are found; a syllable typed
//! with diacritics also scores on the exact stream, so exact matches rank first.

use super::analyzer::{Syllable, syllables};
use super::codes::{self, DocRef};
use super::schema::{Fields, name_key};
use super::{IndexError, SearchRequest};
use std::collections::HashSet;
use std::ops::Bound;
use tantivy::DateTime;
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

/// A parsed query: the tantivy query and what to mark in snippets.
pub struct Compiled {
    /// The query, filters included.
    pub query: Box<dyn Query>,
    /// Folded syllables to mark in snippets.
    pub marks: HashSet<String>,
    /// Whether the query has text (else only filters select, and scores mean nothing).
    pub has_text: bool,
}

impl std::fmt::Debug for Compiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Compiled")
            .field("query", &self.query)
            .field("marks", &self.marks)
            .finish()
    }
}

/// One unit of the search box.
#[derive(Debug, Clone, PartialEq)]
enum Item {
    Word(String),
    Phrase(String),
    Doc(DocRef, String),
    Or,
}

/// An item with its sign.
#[derive(Debug, Clone, PartialEq)]
struct Signed {
    item: Item,
    negated: bool,
}

fn lex(q: &str) -> Vec<Signed> {
    let mut out = Vec::new();
    let chars: Vec<char> = q.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() || matches!(c, '(' | ')' | '+') {
            i += 1;
            continue;
        }
        let negated = c == '-' && chars.get(i + 1).is_some_and(|n| !n.is_whitespace());
        if negated {
            i += 1;
        }
        if matches!(chars.get(i), Some('"' | '“' | '”')) {
            i += 1;
            let start = i;
            while i < chars.len() && !matches!(chars[i], '"' | '“' | '”') {
                i += 1;
            }
            let phrase: String = chars[start..i].iter().collect();
            i += 1;
            out.push(Signed {
                item: Item::Phrase(phrase),
                negated,
            });
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && !matches!(chars[i], '"' | '(' | ')') {
            i += 1;
        }
        let word: String = chars[start..i].iter().collect();
        let item = match word.as_str() {
            "OR" | "||" | "|" if !negated => Item::Or,
            "AND" | "&&" | "&" if !negated => continue,
            _ => Item::Word(word),
        };
        out.push(Signed { item, negated });
    }
    out
}

/// Replaces runs of plain words that name a document by one [`Item::Doc`].
fn find_documents(items: Vec<Signed>) -> Vec<Signed> {
    let mut out = Vec::with_capacity(items.len());
    let mut run: Vec<Signed> = Vec::new();
    let flush = |run: &mut Vec<Signed>, out: &mut Vec<Signed>| {
        let words: Vec<&str> = run
            .iter()
            .map(|s| match &s.item {
                Item::Word(w) => w.as_str(),
                _ => "",
            })
            .collect();
        let mut refs = codes::find_refs(&words);
        let extra: Vec<DocRef> = finder_refs(&words)
            .into_iter()
            .filter(|f| !refs.iter().any(|r| r.first < f.last && f.first < r.last))
            .collect();
        refs.extend(extra);
        refs.sort_by_key(|r| r.first);
        let mut at = 0;
        for r in refs {
            if r.first < at {
                continue; // overlaps the previous reference
            }
            out.extend(run[at..r.first].iter().cloned());
            let text = words[r.first..r.last].join(" ");
            out.push(Signed {
                item: Item::Doc(r.clone(), text),
                negated: false,
            });
            at = r.last;
        }
        out.extend(run[at..].iter().cloned());
        run.clear();
    };
    for s in items {
        if matches!(s.item, Item::Word(_)) && !s.negated {
            run.push(s);
        } else {
            flush(&mut run, &mut out);
            out.push(s);
        }
    }
    flush(&mut run, &mut out);
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

fn union(qs: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if qs.len() == 1 {
        return qs
            .into_iter()
            .next()
            .unwrap_or_else(|| Box::new(EmptyQuery));
    }
    Box::new(BooleanQuery::union(qs))
}

/// Syllables as a clause: the folded sequence (required) in body or title, plus the exact
/// sequence when any syllable carries diacritics.
fn text_clause(f: &Fields, syls: &[Syllable]) -> Box<dyn Query> {
    let folded: Vec<&str> = syls.iter().map(|s| s.folded.as_str()).collect();
    let exact: Vec<&str> = syls.iter().map(|s| s.exact.as_str()).collect();
    let mut qs = vec![
        phrase(f.body_f, &folded),
        boost(phrase(f.title_f, &folded), TITLE_BOOST),
    ];
    // Every scorer costs time on every matching article: the headline's exact stream adds
    // little ranking beyond the body's and is left out.
    if syls.iter().any(|s| s.exact != s.folded) {
        qs.push(boost(phrase(f.body, &exact), EXACT_BOOST));
    }
    union(qs)
}

/// Syllables of one typed word; a document code stays one canonical token whatever its case.
fn word_syllables(w: &str) -> Vec<Syllable> {
    let trimmed = w.trim_matches(|c: char| !c.is_alphanumeric());
    if let Some(code) = codes::canonical_code(trimmed) {
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
        .filter(|k| codes::canonical_code(k).is_some())
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

/// Parses the text of a query; `None` when it has no text at all.
fn text_query(f: &Fields, q: &str, marks: &mut HashSet<String>) -> Option<Box<dyn Query>> {
    let items = find_documents(lex(q));
    // Groups of items joined by OR; each group is required, negated items excluded.
    let mut groups: Vec<Vec<Box<dyn Query>>> = Vec::new();
    let mut excluded: Vec<Box<dyn Query>> = Vec::new();
    let mut join_next = false;
    // Unquoted syllables in a row, for the proximity boost.
    let mut runs: Vec<Vec<Syllable>> = vec![Vec::new()];
    for s in items {
        let (clause, syls, plain) = match &s.item {
            Item::Or => {
                join_next = !groups.is_empty();
                runs.push(Vec::new());
                continue;
            }
            Item::Word(w) => {
                let syls = word_syllables(w);
                if syls.is_empty() {
                    continue;
                }
                (text_clause(f, &syls), syls, true)
            }
            Item::Phrase(p) => {
                let syls: Vec<Syllable> = p.split_whitespace().flat_map(word_syllables).collect();
                if syls.is_empty() {
                    continue;
                }
                (text_clause(f, &syls), syls, false)
            }
            Item::Doc(r, text) => {
                let syls: Vec<Syllable> =
                    text.split_whitespace().flat_map(word_syllables).collect();
                (doc_clause(f, r, text), syls, false)
            }
        };
        if s.negated {
            excluded.push(clause);
            join_next = false;
            continue;
        }
        marks.extend(syls.iter().map(|s| s.folded.clone()));
        if plain && !join_next {
            if let Some(r) = runs.last_mut() {
                r.extend(syls);
            }
        } else {
            runs.push(Vec::new());
        }
        match groups.last_mut() {
            Some(g) if join_next => g.push(clause),
            _ => groups.push(vec![clause]),
        }
        join_next = false;
    }
    if groups.is_empty() && excluded.is_empty() {
        return None;
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if groups.is_empty() {
        clauses.push((Occur::Must, Box::new(AllQuery)));
    }
    for g in groups {
        clauses.push((Occur::Must, union(g)));
    }
    for run in runs.into_iter().filter(|r| r.len() >= 2) {
        let folded: Vec<&str> = run.iter().map(|s| s.folded.as_str()).collect();
        clauses.push((
            Occur::Should,
            boost(phrase(f.body_f, &folded), PROXIMITY_BOOST),
        ));
    }
    for e in excluded {
        clauses.push((Occur::MustNot, e));
    }
    Some(Box::new(BooleanQuery::new(clauses)))
}

/// A `YYYY[-MM[-DD]]` bound: the first day it covers, or with `end` the last.
fn date_bound(flag: &str, v: &str, end: bool) -> Result<DateTime, IndexError> {
    let bad = || {
        IndexError::BadQuery(format!(
            "{flag} {v:?}: expected a date as YYYY, YYYY-MM or YYYY-MM-DD"
        ))
    };
    let parts: Vec<&str> = v.trim().split('-').collect();
    let num = |s: &str| s.parse::<u32>().map_err(|_| bad());
    let (y, m, d) = match parts.as_slice() {
        [y] if y.len() == 4 => (num(y)?, None, None),
        [y, m] if y.len() == 4 => (num(y)?, Some(num(m)?), None),
        [y, m, d] if y.len() == 4 => (num(y)?, Some(num(m)?), Some(num(d)?)),
        _ => return Err(bad()),
    };
    let y = i32::try_from(y).map_err(|_| bad())?;
    let date = match (m, d, end) {
        (None, _, false) => chrono::NaiveDate::from_ymd_opt(y, 1, 1),
        (None, _, true) => chrono::NaiveDate::from_ymd_opt(y, 12, 31),
        (Some(m), None, false) => chrono::NaiveDate::from_ymd_opt(y, m, 1),
        (Some(m), None, true) => chrono::NaiveDate::from_ymd_opt(y, m, 1)
            .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
            .and_then(|d| d.pred_opt()),
        (Some(m), Some(d), _) => chrono::NaiveDate::from_ymd_opt(y, m, d),
    }
    .ok_or_else(bad)?;
    let secs = date
        .and_hms_opt(0, 0, 0)
        .ok_or_else(bad)?
        .and_utc()
        .timestamp();
    Ok(DateTime::from_timestamp_secs(secs))
}

fn filter(q: Box<dyn Query>) -> (Occur, Box<dyn Query>) {
    (Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0)))
}

/// Compiles a request (query and filters) into one tantivy query.
pub fn compile(f: &Fields, req: &SearchRequest) -> Result<Compiled, IndexError> {
    let mut marks = HashSet::new();
    let text = text_query(f, &req.query, &mut marks);
    let has_text = text.is_some();
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    clauses.push((Occur::Must, text.unwrap_or_else(|| Box::new(AllQuery))));
    if let Some(p) = req.province.as_deref().filter(|p| !p.trim().is_empty()) {
        clauses.push(filter(term(f.province_key, &name_key(p))));
    }
    if let Some(d) = req.document.as_deref().filter(|d| !d.trim().is_empty()) {
        let mut qs: Vec<Box<dyn Query>> = Vec::new();
        for k in codes::filter_keys(d) {
            qs.push(term(f.document_key, &k));
            // The analyser files a written code under its canonical: found even when the
            // entity finder missed it.
            if codes::canonical_code(&k).is_some() {
                qs.push(term(f.body_f, &k.to_lowercase()));
            }
        }
        clauses.push(filter(union(qs)));
    }
    let from = req
        .from
        .as_deref()
        .filter(|v| !v.trim().is_empty())
        .map(|v| date_bound("--from", v, false))
        .transpose()?;
    let to = req
        .to
        .as_deref()
        .filter(|v| !v.trim().is_empty())
        .map(|v| date_bound("--to", v, true))
        .transpose()?;
    if from.is_some() || to.is_some() {
        if let (Some(a), Some(b)) = (from, to)
            && a > b
        {
            return Err(IndexError::BadQuery(format!(
                "--from {} is after --to {}",
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
    let query: Box<dyn Query> = if clauses.len() == 1 {
        clauses
            .pop()
            .map_or_else(|| Box::new(AllQuery) as Box<dyn Query>, |c| c.1)
    } else {
        Box::new(BooleanQuery::new(clauses))
    };
    Ok(Compiled {
        query,
        marks,
        has_text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_the_search_box() {
        let items = lex(r#"cán bộ -"tự phê bình" OR AND -x "a b"#);
        assert_eq!(
            items,
            [
                Signed {
                    item: Item::Word("cán".into()),
                    negated: false
                },
                Signed {
                    item: Item::Word("bộ".into()),
                    negated: false
                },
                Signed {
                    item: Item::Phrase("tự phê bình".into()),
                    negated: true
                },
                Signed {
                    item: Item::Or,
                    negated: false
                },
                Signed {
                    item: Item::Word("x".into()),
                    negated: true
                },
                Signed {
                    item: Item::Phrase("a b".into()),
                    negated: false
                },
            ]
        );
    }

    #[test]
    fn finds_documents_among_words() {
        let items = find_documents(lex("thực hiện nq tw 4 khoa xi tốt"));
        assert_eq!(items.len(), 4);
        assert!(
            matches!(&items[2].item, Item::Doc(r, t) if r.keys == ["TW4-XI"] && t == "nq tw 4 khoa xi")
        );
    }

    #[test]
    fn date_bounds() {
        let d = |v, end| date_bound("--from", v, end).map(|d| d.into_timestamp_secs());
        assert_eq!(d("2012", false).ok(), Some(1_325_376_000));
        assert_eq!(d("2012-02", true).ok(), Some(1_330_473_600)); // 2012-02-29
        assert!(d("2012-13", false).is_err());
        assert!(d("12/2012", false).is_err());
    }
}
