//! A document's code (số ký hiệu): number, kind and issuer, read from any way an article or
//! a query writes it and printed in the one canonical form the record and the index share.
//!
//! Two forms exist: the party's, `{number:02}-{kind}/{issuer}` (`12-NQ/TW`), and the state's,
//! `{number}/{kind}-{issuer}` with a legal document's year between (`30/NQ-CP`,
//! `15/2012/ND-CP`). Which one a code takes follows its issuer or kind, never how it was
//! written (`93/KH-TU` is `93-KH/TU`); the state's issuers and kinds are listed in
//! `corpus/reference/document_forms.tsv`.

use crate::text::fold_lower;
use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

/// The longest kind code a written code may carry: `[A-ZĐ]{1,4}` and a trailing `i`/`r`
/// (`QĐi`, `CTr`), as the finder's pattern reads it.
const MAX_KIND: usize = 5;
/// The longest issuer: an initial and ten more letters (`UBTVQH`, `BTGTU`, `HDNDTP`).
const MAX_ISSUER: usize = 11;

/// A number-kind-issuer code.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DocCode {
    /// The document's number as a value (`04` is 4).
    pub number: u32,
    /// A state legal document's year (`15/2012/NĐ-CP`).
    pub year: Option<u32>,
    /// The kind's code, folded (`NQ`, `QD`, `QDI`).
    pub kind: String,
    /// The issuer's code, folded (`TW`, `TU`, `UBND`).
    pub issuer: String,
}

impl DocCode {
    /// A code from its parts as printed (`Đ`, `Ư` and dots allowed); `None` when a part is not
    /// letters.
    pub fn new(number: u32, year: Option<u32>, kind: &str, issuer: &str) -> Option<DocCode> {
        Some(DocCode {
            number,
            year,
            kind: fold_part(kind)?,
            issuer: fold_part(issuer)?,
        })
    }

    /// The canonical form of a written code, if `written` is one: `12/NQ-TW` → `12-NQ/TW`.
    pub fn canonical(written: &str) -> Option<String> {
        written.parse::<DocCode>().ok().map(|c| c.to_string())
    }

    /// Whether the code prints in the state's form.
    pub fn is_state(&self) -> bool {
        FORMS.iter().any(|f| {
            let code = match f.part {
                Part::Issuer => &self.issuer,
                Part::Kind => &self.kind,
            };
            if f.prefix {
                code.starts_with(f.code)
            } else {
                code == f.code
            }
        })
    }

    /// The same code without its year: `15/2012/ND-CP` → `15/ND-CP`, the form articles also
    /// cite it by.
    pub fn without_year(&self) -> DocCode {
        DocCode {
            year: None,
            ..self.clone()
        }
    }

    /// The short key a kind and a number make: `NQ12`.
    pub fn short_key(&self) -> String {
        short_key(&self.kind, self.number)
    }
}

/// The short key of kind code `kind` and `number`: `NQ12`, as `Nghị quyết 12` names it.
pub fn short_key(kind: &str, number: u32) -> String {
    format!("{kind}{number}")
}

impl fmt::Display for DocCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let DocCode {
            number,
            year,
            kind,
            issuer,
        } = self;
        match (self.is_state(), year) {
            (true, Some(y)) => write!(f, "{number}/{y}/{kind}-{issuer}"),
            (true, None) => write!(f, "{number}/{kind}-{issuer}"),
            (false, _) => write!(f, "{number:02}-{kind}/{issuer}"),
        }
    }
}

/// Why a written string is not a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotACode;

impl fmt::Display for NotACode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a number-kind-issuer document code")
    }
}

impl std::error::Error for NotACode {}

impl FromStr for DocCode {
    type Err = NotACode;

    /// Reads `12-NQ/TW`, `12/NQ-TW`, `12-nq/tw`, `4-NQ/T.Ư`, `05-QĐ/UBND`, `15/2012/NĐ-CP`.
    fn from_str(s: &str) -> Result<DocCode, NotACode> {
        let parts: Vec<&str> = s.split(['-', '/']).collect();
        let (num, year, kind, issuer) = match parts.as_slice() {
            [n, k, i] => (*n, None, *k, *i),
            [n, y, k, i] if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) => {
                (*n, y.parse().ok(), *k, *i)
            }
            _ => return Err(NotACode),
        };
        if num.is_empty() || num.len() > 5 || !num.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NotACode);
        }
        let number = num.parse().map_err(|_| NotACode)?;
        let code = DocCode::new(number, year, kind, issuer).ok_or(NotACode)?;
        if code.kind.len() > MAX_KIND || code.issuer.len() > MAX_ISSUER {
            return Err(NotACode);
        }
        Ok(code)
    }
}

/// One part of a code folded: upper case, `Đ`→`D`, `Ư`→`W`, dots and diacritics dropped;
/// `None` when it holds anything but letters and dots, or nothing.
pub fn fold_part(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '.' => {}
            'Ư' | 'ư' => out.push('W'),
            'Đ' | 'đ' | 'Ð' | 'ð' => out.push('D'),
            c if c.is_ascii_alphabetic() => out.push(c.to_ascii_uppercase()),
            c => {
                for fc in fold_lower(c.encode_utf8(&mut [0; 4])).chars() {
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Issuer,
    Kind,
}

#[derive(Debug)]
struct Form {
    part: Part,
    code: &'static str,
    prefix: bool,
}

fn parse_forms(text: &'static str) -> Result<Vec<Form>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(i, l)| {
            let line = i + 1;
            let bad = |what: &str| format!("document_forms.tsv line {line}: {what}");
            let cols: Vec<&str> = l.split('\t').collect();
            let [part, code, matching, _name] = cols.as_slice() else {
                return Err(bad("expected 4 columns"));
            };
            let part = match *part {
                "issuer" => Part::Issuer,
                "kind" => Part::Kind,
                p => return Err(bad(&format!("part {p:?}"))),
            };
            let prefix = match *matching {
                "exact" => false,
                "prefix" => true,
                m => return Err(bad(&format!("match {m:?}"))),
            };
            if code.is_empty() || !code.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(bad(&format!("code {code:?} is not ASCII upper case")));
            }
            Ok(Form { part, code, prefix })
        })
        .collect()
}

static FORMS: LazyLock<Vec<Form>> = LazyLock::new(|| {
    parse_forms(include_str!("../../../corpus/reference/document_forms.tsv"))
        .expect("document_forms.tsv is valid (checked by its test)")
});

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> Option<String> {
        DocCode::canonical(s)
    }

    #[test]
    fn the_form_follows_the_issuer_not_the_writing() {
        assert_eq!(canon("12-NQ/TW").as_deref(), Some("12-NQ/TW"));
        assert_eq!(canon("12/NQ-TW").as_deref(), Some("12-NQ/TW"));
        assert_eq!(canon("12-nq/tw").as_deref(), Some("12-NQ/TW"));
        assert_eq!(canon("4-NQ/T.Ư").as_deref(), Some("04-NQ/TW"));
        assert_eq!(canon("93/KH-TU").as_deref(), Some("93-KH/TU"));
        assert_eq!(canon("2-QĐ/HU").as_deref(), Some("02-QD/HU"));
        assert_eq!(canon("3/BTG-TU").as_deref(), Some("03-BTG/TU"));
        assert_eq!(canon("30/NQ-CP").as_deref(), Some("30/NQ-CP"));
        assert_eq!(canon("5/QĐ-UBND").as_deref(), Some("5/QD-UBND"));
        assert_eq!(canon("05-QĐ/UBND").as_deref(), Some("5/QD-UBND"));
        // A prefix issuer: a city's people's committee.
        assert_eq!(canon("12/KH-UBNDTP").as_deref(), Some("12/KH-UBNDTP"));
        // A state-only kind under any issuer.
        assert_eq!(canon("08-TT/BNV").as_deref(), Some("8/TT-BNV"));
    }

    #[test]
    fn a_legal_documents_year_is_kept_and_can_be_dropped() {
        let c: DocCode = "15/2012/NĐ-CP".parse().expect("a code");
        assert_eq!(c.year, Some(2012));
        assert_eq!(c.to_string(), "15/2012/ND-CP");
        assert_eq!(c.without_year().to_string(), "15/ND-CP");
        assert_eq!(c.short_key(), "ND15");
        // A party code has no year in its form.
        let c = DocCode::new(12, Some(2012), "NQ", "TW").expect("letters");
        assert_eq!(c.to_string(), "12-NQ/TW");
    }

    #[test]
    fn what_is_not_a_code() {
        for s in [
            "16/1/2012",
            "kinh-tế",
            "12-NQ",
            "12-NQ/TW/X",
            "-NQ/TW",
            "123456-NQ/TW",
            "12-NQABCD/TW",
            "12-NQ/ABCDEFGHIJKL",
            "12-N2/TW",
            "12/20/NĐ-CP",
        ] {
            assert_eq!(canon(s), None, "{s}");
        }
    }

    #[test]
    fn parts_fold_to_ascii() {
        assert_eq!(fold_part("QĐi").as_deref(), Some("QDI"));
        assert_eq!(fold_part("T.Ư").as_deref(), Some("TW"));
        assert_eq!(fold_part("HĐND").as_deref(), Some("HDND"));
        assert_eq!(fold_part("Ðà").as_deref(), Some("DA"));
        assert_eq!(fold_part("N2"), None);
        assert_eq!(fold_part("."), None);
    }

    #[test]
    fn the_forms_table_parses_strictly() {
        assert!(!FORMS.is_empty());
        assert!(parse_forms("issuer\tCP\texact\tChính phủ\n").is_ok());
        assert!(parse_forms("issuer\tCP\tlike\tChính phủ\n").is_err());
        assert!(parse_forms("body\tCP\texact\tChính phủ\n").is_err());
        assert!(parse_forms("issuer\tcp\texact\tChính phủ\n").is_err());
        assert!(parse_forms("issuer\tCP\texact\n").is_err());
        let text = include_str!("../../../corpus/reference/document_forms.tsv");
        let keys: Vec<String> = text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(|l| l.split('\t').take(2).collect::<Vec<_>>().join("\t"))
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(
            keys, sorted,
            "document_forms.tsv is sorted without duplicates"
        );
    }
}
