//! Document codes and the keys the index files cited documents under.
//!
//! Articles write one document many ways (`12-NQ/TW`, `12/NQ-TW`, `số 12-NQ/T.Ư`, `NQTW4`,
//! `Nghị quyết Trung ương 4 khóa XI`). The index keeps, per cited document, a set of keys
//! (`12-NQ/TW`, `NQ12`, `TW4`, `TW4-XI`), and queries and `--document` filters are turned
//! into the same keys here.

use crate::record::Document;
use crate::text::fold_lower;

/// Whether a document is the state's (`{number}/{code}-{issuer}`, number as printed) rather
/// than the party's (`{number:02}-{code}/{issuer}`): the rule of `entities::documents`, so
/// keys built here and canonicals built there agree.
fn is_state(issuer: &str, code: &str) -> bool {
    matches!(
        issuer,
        "CP" | "TTG" | "UBND" | "HDND" | "QH" | "UBTVQH" | "CTN" | "VPCP"
    ) || issuer.starts_with("UBND")
        || issuer.starts_with("HDND")
        || matches!(code, "ND" | "TT" | "TTLT")
}

/// Normalises one part of a code: upper case, `Đ`→`D`, `Ư`→`W`, dots and diacritics dropped.
fn code_part(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '.' => {}
            'Ư' | 'ư' => out.push('W'),
            'Đ' | 'đ' | 'Ð' | 'ð' => out.push('D'),
            _ => {
                let f = fold_lower(&c.to_string());
                for fc in f.chars() {
                    if !fc.is_ascii_alphabetic() {
                        return None;
                    }
                    out.push(fc.to_ascii_uppercase());
                }
            }
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The canonical form of a written document code: `12/NQ-TW` → `12-NQ/TW`, `2-qđ/hu` →
/// `02-QD/HU`, `30/NQ-CP` and `5/QĐ-UBND` → `5/QD-UBND` keep the state's form; `None` when `s`
/// is not a number-kind-issuer code.
pub fn canonical_code(s: &str) -> Option<String> {
    let mut parts = s.split(['-', '/']);
    let (num, kind, issuer) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u64 = num.trim_start_matches('0').parse().unwrap_or(0);
    let kind = code_part(kind)?;
    let issuer = code_part(issuer)?;
    if kind.len() > 5 || issuer.len() > 6 {
        return None;
    }
    Some(if is_state(&issuer, &kind) {
        format!("{n}/{kind}-{issuer}")
    } else {
        format!("{n:02}-{kind}/{issuer}")
    })
}

/// The keys a cited document is filed under: its canonical, `{code}{number}` (`NQ12`), and
/// for a plenum resolution `TW{n}` and `TW{n}-{term}`.
pub fn document_keys(d: &Document) -> Vec<String> {
    let mut keys = Vec::new();
    if let Some(c) = &d.canonical {
        keys.push(canonical_code(c).unwrap_or_else(|| c.to_uppercase()));
        if let Some(n) = c
            .split(['-', '/'])
            .next()
            .and_then(|n| n.parse::<u64>().ok())
            && let Some(code) = c.split(['-', '/']).nth(1)
        {
            keys.push(format!("{}{n}", code.to_uppercase()));
        }
    }
    if let (Some(code), Some(n)) = (&d.code, &d.number)
        && let Ok(n) = n.parse::<u64>()
    {
        keys.push(format!("{}{n}", code.to_uppercase()));
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

/// Kinds named in words, folded, and their codes.
const KINDS: &[(&str, &str)] = &[
    ("nghi quyet", "NQ"),
    ("chi thi", "CT"),
    ("ket luan", "KL"),
    ("quy dinh", "QD"),
    ("quyet dinh", "QD"),
    ("ke hoach", "KH"),
    ("huong dan", "HD"),
    ("thong bao", "TB"),
    ("chuong trinh", "CTR"),
    ("de an", "DA"),
    ("quy che", "QC"),
    ("cong van", "CV"),
];

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
    if let Some(c) = canonical_code(w) {
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
    for (name, code) in KINDS {
        let n_words = name.split(' ').count();
        if i + n_words > f.len() || f[i..i + n_words].join(" ") != *name {
            continue;
        }
        let mut k = i + n_words;
        if f.get(k).map(String::as_str) == Some("so") {
            k += 1;
        }
        let Some(next) = words.get(k) else { break };
        let next = next.trim_matches(|c: char| !c.is_alphanumeric());
        if let Some(c) = canonical_code(next) {
            return Some(DocRef {
                first: i,
                last: k + 1,
                keys: vec![c],
            });
        }
        if let Ok(n) = next.parse::<u64>() {
            return Some(DocRef {
                first: i,
                last: k + 1,
                keys: vec![format!("{code}{n}")],
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
        .map(|c| canonical_code(c).unwrap_or_else(|| c.to_uppercase()))
        .collect();
    if !from_finder.is_empty() {
        return from_finder;
    }
    vec![value.trim().to_uppercase()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_forms() {
        assert_eq!(canonical_code("12-NQ/TW").as_deref(), Some("12-NQ/TW"));
        assert_eq!(canonical_code("12/NQ-TW").as_deref(), Some("12-NQ/TW"));
        assert_eq!(canonical_code("12-nq/tw").as_deref(), Some("12-NQ/TW"));
        assert_eq!(canonical_code("4-NQ/T.Ư").as_deref(), Some("04-NQ/TW"));
        assert_eq!(canonical_code("93/KH-TU").as_deref(), Some("93-KH/TU"));
        assert_eq!(canonical_code("2-QĐ/HU").as_deref(), Some("02-QD/HU"));
        assert_eq!(canonical_code("30/NQ-CP").as_deref(), Some("30/NQ-CP"));
        assert_eq!(canonical_code("5/QĐ-UBND").as_deref(), Some("5/QD-UBND"));
        assert_eq!(canonical_code("05-QĐ/UBND").as_deref(), Some("5/QD-UBND"));
        assert_eq!(canonical_code("3/BTG-TU").as_deref(), Some("03-BTG/TU"));
        assert_eq!(canonical_code("16/1/2012"), None);
        assert_eq!(canonical_code("kinh-tế"), None);
    }

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
}
