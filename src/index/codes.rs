//! Document codes and the keys the index files cited documents under.
//!
//! Articles write one document many ways (`12-NQ/TW`, `12/NQ-TW`, `số 12-NQ/T.Ư`, `NQTW4`,
//! `Nghị quyết Trung ương 4 khóa XI`). The index keeps, per cited document, a set of keys
//! (`12-NQ/TW`, `NQ12`, `TW4`, `TW4-XI`), and queries and `--document` filters are turned
//! into the same keys here.

use crate::entities::documents::code::short_key;
use crate::entities::documents::{DocCode, tables};
use crate::record::Document;
use crate::text::fold_lower;
use std::sync::LazyLock;

/// The keys a cited document is filed under: its canonical, `{code}{number}` (`NQ12`), and
/// for a plenum resolution `TW{n}` and `TW{n}-{term}`.
pub fn document_keys(d: &Document) -> Vec<String> {
    let mut keys = Vec::new();
    if let Some(c) = &d.canonical {
        match c.parse::<DocCode>() {
            Ok(code) => {
                keys.push(code.to_string());
                // A legal document is cited with and without its year (`15/2012/NĐ-CP`).
                if code.year.is_some() {
                    keys.push(code.without_year().to_string());
                }
                keys.push(code.short_key());
            }
            Err(_) => keys.push(c.to_uppercase()),
        }
    }
    if let (Some(code), Some(n)) = (&d.code, &d.number)
        && let Ok(n) = n.parse::<u32>()
    {
        keys.push(short_key(&code.to_uppercase(), n));
    }
    if let Some(conf) = d.conference {
        keys.push(format!("TW{conf}"));
        if let Some(t) = &d.term {
            keys.push(format!("TW{conf}-{}", t.to_uppercase()));
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

/// Every kind's folded names (`nghi quyet`, `chuong trinh hanh dong`) and its code, longest
/// name first, from the kinds' table.
static KIND_WORDS: LazyLock<Vec<(Vec<String>, &'static str)>> = LazyLock::new(|| {
    let mut v: Vec<(Vec<String>, &'static str)> = tables::KINDS
        .iter()
        .flat_map(|k| {
            std::iter::once(k.name)
                .chain(k.spellings.iter().copied())
                .map(move |name| {
                    let words = fold_lower(name).split(' ').map(str::to_string).collect();
                    (words, k.code())
                })
        })
        .collect();
    v.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    v
});

fn is_roman(s: &str) -> bool {
    !s.is_empty() && s.len() <= 5 && s.bytes().all(|b| matches!(b, b'i' | b'v' | b'x'))
}

/// A document reference found in a query or a `--document` value: the folded words it
/// spans (`first..last` word indices) and the keys it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocRef {
    /// Index of the first word of the reference.
    pub first: usize,
    /// Index one past its last word.
    pub last: usize,
    /// The index keys (`12-NQ/TW`, `TW4-XI`, `NQ12`).
    pub keys: Vec<String>,
}

/// Finds document references in whitespace-separated `words` (as typed): codes in any form,
/// `NQTW4`, `NQ TW 4 khóa XI`, `Nghị quyết Trung ương 4`, `Nghị quyết (số) 12`.
pub fn find_refs(words: &[&str]) -> Vec<DocRef> {
    let folded: Vec<String> = words
        .iter()
        .map(|w| {
            fold_lower(w)
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_string()
        })
        .collect();
    let mut refs = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if let Some(r) = ref_at(words, &folded, i) {
            i = r.last;
            refs.push(r);
        } else {
            i += 1;
        }
    }
    refs
}

fn ref_at(words: &[&str], f: &[String], i: usize) -> Option<DocRef> {
    let w = words[i].trim_matches(|c: char| !c.is_alphanumeric());
    if let Some(c) = DocCode::canonical(w) {
        return Some(DocRef {
            first: i,
            last: i + 1,
            keys: vec![c],
        });
    }
    // Plenum: "nqtw4", "nqtw4-xi", "nq tw 4", "nghi quyet trung uong 4", then "khoa xi".
    let mut j = i;
    let mut conf: Option<u64> = None;
    let glued = f[i].replace(['-', '.', ' '], "");
    if let Some(rest) = glued
        .strip_prefix("nqtw")
        .or_else(|| glued.strip_prefix("nqtu"))
    {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() {
            conf = digits.parse().ok();
            j = i + 1;
            let tail = &rest[digits.len()..];
            if is_roman(tail) {
                return Some(plenum(i, j, conf?, Some(tail)));
            }
        }
    }
    if conf.is_none() {
        let at = |k: usize| f.get(k).map(String::as_str);
        let after_kind = if at(i) == Some("nq") {
            Some(i + 1)
        } else if at(i) == Some("nghi") && at(i + 1) == Some("quyet") {
            Some(i + 2)
        } else {
            None
        };
        if let Some(k) = after_kind {
            let k2 = if at(k) == Some("tw") || at(k) == Some("tu") {
                Some(k + 1)
            } else if at(k) == Some("trung") && at(k + 1) == Some("uong") {
                Some(k + 2)
            } else {
                None
            };
            if let Some(k2) = k2
                && let Some(n) = at(k2).and_then(|s| s.parse::<u64>().ok())
            {
                conf = Some(n);
                j = k2 + 1;
            }
        }
    }
    if let Some(c) = conf {
        let at = |k: usize| f.get(k).map(String::as_str);
        if at(j) == Some("khoa")
            && let Some(t) = at(j + 1).filter(|t| is_roman(t))
        {
            return Some(plenum(i, j + 2, c, Some(t)));
        }
        if let Some(t) = at(j).filter(|t| is_roman(t) && t.len() >= 2) {
            return Some(plenum(i, j + 1, c, Some(t)));
        }
        return Some(plenum(i, j, c, None));
    }
    // A kind in words and a number: "Nghị quyết 12", "Chỉ thị số 05".
    for (name, code) in KIND_WORDS.iter() {
        let n_words = name.len();
        if i + n_words > f.len() || f[i..i + n_words] != name[..] {
            continue;
        }
        let mut k = i + n_words;
        if f.get(k).map(String::as_str) == Some("so") {
            k += 1;
        }
        let Some(next) = words.get(k) else { break };
        let next = next.trim_matches(|c: char| !c.is_alphanumeric());
        if let Some(c) = DocCode::canonical(next) {
            return Some(DocRef {
                first: i,
                last: k + 1,
                keys: vec![c],
            });
        }
        if let Ok(n) = next.parse::<u32>() {
            return Some(DocRef {
                first: i,
                last: k + 1,
                keys: vec![short_key(code, n)],
            });
        }
        break;
    }
    None
}

fn plenum(first: usize, last: usize, conf: u64, term: Option<&str>) -> DocRef {
    let keys = match term {
        Some(t) => vec![format!("TW{conf}-{}", t.to_uppercase())],
        None => vec![format!("TW{conf}")],
    };
    DocRef { first, last, keys }
}

/// The keys a `--document` value stands for: a canonical in any form (`12-nq/tw`,
/// `12/NQ-TW`), an alias (`NQTW4-XI`, `NQ TW 4 khóa XI`), or a key as the index files it.
pub fn filter_keys(value: &str) -> Vec<String> {
    let words: Vec<&str> = value.split_whitespace().collect();
    let refs = find_refs(&words);
    if refs.len() == 1 && refs[0].first == 0 && refs[0].last == words.len() {
        return refs[0].keys.clone();
    }
    let from_finder: Vec<String> = crate::entities::documents::resolve(value)
        .iter()
        .map(|c| DocCode::canonical(c).unwrap_or_else(|| c.to_uppercase()))
        .collect();
    if !from_finder.is_empty() {
        return from_finder;
    }
    vec![value.trim().to_uppercase()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(q: &str) -> Vec<Vec<String>> {
        let w: Vec<&str> = q.split_whitespace().collect();
        find_refs(&w).into_iter().map(|r| r.keys).collect()
    }

    #[test]
    fn query_references() {
        assert_eq!(keys("NQTW4"), [["TW4"]]);
        assert_eq!(keys("nqtw4-xi"), [["TW4-XI"]]);
        assert_eq!(keys("nq tw 4 khoa xi"), [["TW4-XI"]]);
        assert_eq!(keys("Nghị quyết Trung ương 4 khóa XII"), [["TW4-XII"]]);
        assert_eq!(keys("Nghị quyết 12"), [["NQ12"]]);
        assert_eq!(keys("Nghị quyết số 12-NQ/TW"), [["12-NQ/TW"]]);
        assert_eq!(keys("thực hiện 12/nq-tw tốt"), [["12-NQ/TW"]]);
        assert!(keys("cán bộ luân chuyển").is_empty());
    }

    #[test]
    fn filter_values() {
        assert_eq!(filter_keys("NQTW4-XI"), ["TW4-XI"]);
        assert_eq!(filter_keys("12-NQ/TW"), ["12-NQ/TW"]);
        assert_eq!(filter_keys("12/nq-tw"), ["12-NQ/TW"]);
    }

    #[test]
    fn keys_of_a_cited_document() {
        let d = Document {
            kind: "nghị quyết".into(),
            number: Some("12".into()),
            code: Some("NQ".into()),
            issuer: Some("TW".into()),
            conference: Some(4),
            term: Some("XI".into()),
            canonical: Some("12-NQ/TW".into()),
            ..Default::default()
        };
        assert_eq!(document_keys(&d), ["12-NQ/TW", "NQ12", "TW4", "TW4-XI"]);
    }

    #[test]
    fn a_legal_document_is_filed_with_and_without_its_year() {
        let d = Document {
            kind: "nghị định".into(),
            number: Some("15".into()),
            code: Some("ND".into()),
            issuer: Some("CP".into()),
            canonical: Some("15/2012/ND-CP".into()),
            ..Default::default()
        };
        assert_eq!(document_keys(&d), ["15/2012/ND-CP", "15/ND-CP", "ND15"]);
        assert_eq!(filter_keys("15/2012/NĐ-CP"), ["15/2012/ND-CP"]);
        assert_eq!(filter_keys("15/nđ-cp"), ["15/ND-CP"]);
    }

    #[test]
    fn kinds_in_words_come_from_the_kinds_table() {
        // Every kind and spelling of document_kinds.tsv, with and without marks.
        assert_eq!(keys("Chương trình hành động số 15"), [["CTR15"]]);
        assert_eq!(keys("de an 06"), [["DA6"]]);
        assert_eq!(keys("NQ 35"), [["NQ35"]]);
        assert_eq!(keys("Quy chế số 02-QC/TU"), [["02-QC/TU"]]);
    }
}
