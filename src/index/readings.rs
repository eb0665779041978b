//! Readings of a query typed without diacritics: which Vietnamese words the index holds that
//! fold to what was typed, and in how many articles each stands.
//!
//! Folding is lossy — `can bo` is `cán bộ`, `cần bổ`, `cận bộ` … — so a researcher typing
//! without diacritics is shown the readings the index actually holds, most articles first,
//! each with the exact query (`="cán bộ"`) that searches that reading alone. They come from
//! the index's own term dictionary: every diacritic form of each typed syllable is looked up
//! in the exact stream, the likeliest combinations are kept, and each is counted as a phrase.
//! No model and no word list are involved.

use super::analyzer::{push_exact, syllables};
use super::query::parse::{self, Atom, Node};
use super::{Index, IndexError, tally};
use crate::text::TokenKind;
use serde::Serialize;
use tantivy::Term;
use tantivy::query::{PhraseQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use unicode_normalization::UnicodeNormalization;

/// Readings kept per typed run of words.
const MAX_READINGS: usize = 6;
/// Forms of one syllable carried into combinations.
const FORMS_PER_SYLLABLE: usize = 5;
/// Readings carried from one syllable to the next (each extension is one phrase count).
const BEAM: usize = 4;
/// The longest word read, in syllables: a longer run is cut into words.
const MAX_RUN: usize = 6;
/// A form held by fewer than 1/RARE_SHARE of the articles of the syllable's commonest form
/// is left out.
const RARE_SHARE: u64 = 200;

/// One reading of a run of typed words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reading {
    /// The words with their diacritics, as the index holds them (`cán bộ`).
    pub text: String,
    /// How many articles hold them side by side, in this form.
    pub articles: u64,
    /// Whether `articles` is exact (false: estimated from a sample, past a few thousand).
    pub exact: bool,
    /// The whole query with the run replaced by this reading's exact form (`="cán bộ"`).
    pub query: String,
}

/// The readings of one run of words typed side by side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunReadings {
    /// The run as typed (`can bo`).
    pub typed: String,
    /// Its readings, most articles first.
    pub readings: Vec<Reading>,
}

/// Runs of plain words typed side by side, as byte spans of the query.
fn runs(node: &Node, out: &mut Vec<std::ops::Range<usize>>) {
    match node {
        Node::Or(v) | Node::And(v) => v.iter().for_each(|n| runs(n, out)),
        Node::Group(items) => {
            let mut cur: Option<std::ops::Range<usize>> = None;
            for it in items {
                match (&it.atom, it.negated) {
                    (Atom::Word(_, span), false) => {
                        cur = Some(match cur {
                            Some(c) => c.start..span.end,
                            None => span.clone(),
                        })
                    }
                    (Atom::Group(g), false) => {
                        out.extend(cur.take());
                        runs(g, out);
                    }
                    _ => out.extend(cur.take()),
                }
            }
            out.extend(cur);
        }
    }
}

const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];

/// The letters a folded letter may stand for.
fn letter_forms(c: char) -> &'static [char] {
    match c {
        'a' => &['a', 'ă', 'â'],
        'e' => &['e', 'ê'],
        'o' => &['o', 'ô', 'ơ'],
        'u' => &['u', 'ư'],
        'd' => &['d', 'đ'],
        'i' => &['i'],
        'y' => &['y'],
        _ => &[],
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Every diacritic form of a folded syllable, in the analyser's exact spelling (so tone
/// placement variants collapse). Empty when the syllable is not plain Vietnamese letters.
pub fn forms(folded: &str) -> Vec<String> {
    let chars: Vec<char> = folded.chars().collect();
    let vowels: Vec<usize> = (0..chars.len()).filter(|&i| is_vowel(chars[i])).collect();
    if chars.is_empty()
        || chars.len() > 8
        || vowels.is_empty()
        || vowels.len() > 3
        || !chars.iter().all(|c| c.is_ascii_lowercase())
    {
        return Vec::new();
    }
    // Letter qualities first (ă, â, đ …), then a tone on at most one vowel.
    let mut bases: Vec<Vec<char>> = vec![Vec::new()];
    for &c in &chars {
        let opts = letter_forms(c);
        let opts: &[char] = if opts.is_empty() { &[c] } else { opts };
        bases = bases
            .into_iter()
            .flat_map(|b| {
                opts.iter().map(move |&o| {
                    let mut n = b.clone();
                    n.push(o);
                    n
                })
            })
            .collect();
    }
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: String| {
        let mut exact = String::new();
        push_exact(&s, TokenKind::Word, &mut exact);
        if !out.contains(&exact) {
            out.push(exact);
        }
    };
    for b in &bases {
        push(b.iter().collect());
        for &v in &vowels {
            for t in TONES {
                let s: String = b[..=v]
                    .iter()
                    .copied()
                    .chain(std::iter::once(t))
                    .chain(b[v + 1..].iter().copied())
                    .collect();
                push(s.nfc().collect());
            }
        }
    }
    out
}

/// The forms of a folded syllable that the exact stream holds, most articles first, without
/// the rare ones (typos, stray spellings) beside a common form.
fn held_forms(
    searcher: &tantivy::Searcher,
    body: tantivy::schema::Field,
    folded: &str,
) -> Result<Vec<String>, IndexError> {
    let cands = forms(folded);
    // A number or a code reads as itself.
    let cands = if cands.is_empty() {
        vec![folded.to_string()]
    } else {
        cands
    };
    let mut found: Vec<(String, u64)> = Vec::new();
    for c in cands {
        let n = searcher.doc_freq(&Term::from_field_text(body, &c))?;
        if n > 0 {
            found.push((c, n));
        }
    }
    found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let top = found.first().map_or(0, |f| f.1);
    found.retain(|f| f.1 * RARE_SHARE >= top);
    found.truncate(FORMS_PER_SYLLABLE);
    Ok(found.into_iter().map(|f| f.0).collect())
}

/// Articles holding `words` side by side in the exact stream, and whether the count is
/// exact: one word's count comes from its postings' length, a phrase's is walked a little
/// and sampled past that ([`tally::Mode::Quick`]).
fn count(
    searcher: &tantivy::Searcher,
    body: tantivy::schema::Field,
    words: &[String],
) -> Result<(u64, bool), IndexError> {
    let terms: Vec<Term> = words
        .iter()
        .map(|w| Term::from_field_text(body, w))
        .collect();
    if let [t] = terms.as_slice() {
        let q = TermQuery::new(t.clone(), IndexRecordOption::Basic);
        return Ok((q.count(searcher)? as u64, true));
    }
    let q = PhraseQuery::new(terms);
    let t = tally::tally(searcher, tally::Source::Query(&q), tally::Mode::Quick)?;
    Ok((t.count, t.exact))
}

/// The readings of every run of a diacritic-less query; empty when the query carries
/// diacritics (it already says which reading it means) or has no plain words.
///
/// A run is read syllable by syllable: the readings of its first syllables are extended by
/// each form of the next one the index holds, and kept while some article holds them side by
/// side. Where none does, the run is cut and a new word starts, so a long query splits into
/// the words the index knows (`kiem diem tu phe binh` | `ket nap`).
pub(super) fn readings(index: &Index, q: &str) -> Result<Vec<RunReadings>, IndexError> {
    let Some(node) = parse::parse(q).map_err(|e| IndexError::BadQuery(e.to_string()))? else {
        return Ok(Vec::new());
    };
    if crate::text::fold_lower(q) != q.to_lowercase() {
        return Ok(Vec::new());
    }
    let mut spans = Vec::new();
    runs(&node, &mut spans);
    let searcher = index.reader.searcher();
    let body = index.fields.body;
    let mut out = Vec::new();
    for span in spans {
        let syls = syllables(&q[span.clone()]);
        let forms: Vec<Vec<String>> = syls
            .iter()
            .map(|s| held_forms(&searcher, body, &s.folded))
            .collect::<Result<_, _>>()?;
        let mut i = 0;
        while i < syls.len() {
            let mut alive: Vec<(Vec<String>, (u64, bool))> = Vec::new();
            for f in &forms[i] {
                let w = vec![f.clone()];
                let n = count(&searcher, body, &w)?;
                alive.push((w, n));
            }
            if alive.is_empty() {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < syls.len() && j - i < MAX_RUN {
                let mut next = Vec::new();
                for (prefix, _) in &alive {
                    for f in &forms[j] {
                        let mut w = prefix.clone();
                        w.push(f.clone());
                        let n = count(&searcher, body, &w)?;
                        if n.0 > 0 {
                            next.push((w, n));
                        }
                    }
                }
                if next.is_empty() {
                    break;
                }
                next.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(&b.0)));
                next.truncate(BEAM);
                alive = next;
                j += 1;
            }
            let (from, to) = (span.start + syls[i].start, span.start + syls[j - 1].end);
            alive.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(&b.0)));
            alive.truncate(MAX_READINGS);
            let readings = alive
                .into_iter()
                .map(|(words, (articles, exact))| {
                    let text = words.join(" ");
                    Reading {
                        query: format!("{}=\"{text}\"{}", &q[..from], &q[to..]),
                        text,
                        articles,
                        exact,
                    }
                })
                .collect();
            out.push(RunReadings {
                typed: q[from..to].to_string(),
                readings,
            });
            i = j;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_cover_the_letters_and_tones() {
        let f = forms("can");
        for w in ["can", "cán", "cần", "cận", "căn", "cẩn", "cạn"] {
            assert!(f.contains(&w.to_string()), "{w} not in {f:?}");
        }
        assert!(forms("dang").contains(&"đảng".to_string()));
        // Tone placement follows the analyser: one form per word.
        let hoa = forms("hoa");
        assert!(hoa.contains(&"hòa".to_string()));
        assert!(!hoa.contains(&"hoà".to_string()));
        assert!(forms("nguyen").contains(&"nguyễn".to_string()));
        assert!(forms("2012").is_empty());
        assert!(forms("").is_empty());
    }
}
