//! The reference tables documents draw on: document kinds and their codes
//! (`corpus/reference/document_kinds.tsv`), Central Committee plenum resolutions
//! (`resolutions.tsv`) and the Central Committee's terms (`terms.tsv`).
//!
//! The files are hand-kept; each names its source and date in its header, and the tests
//! below check their order and duplicates.

use std::sync::LazyLock;

/// A kind of document (loại văn bản): `nghị quyết`, `chỉ thị`, …
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kind {
    /// The kind as the record writes it, lower case: `nghị quyết`.
    pub name: &'static str,
    /// Its codes, the default first: `["QD", "QDI"]` for `quy định`.
    pub codes: Vec<&'static str>,
    /// Further spellings articles use (`NQ`, `chương trình hành động`).
    pub spellings: Vec<&'static str>,
    /// A bare "`<kind>` 76" naming no issuer is the Central Committee's.
    pub central: bool,
    /// "`<kind>` 76" with neither "số" nor a code is still a citation.
    pub bare: bool,
}

impl Kind {
    /// The kind's default code: `NQ` for `nghị quyết`.
    pub fn code(&self) -> &'static str {
        self.codes.first().copied().unwrap_or("")
    }
}

/// A resolution of a Central Committee plenum (hội nghị Trung ương).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    /// The Central Committee's term as a Roman numeral: `XI`.
    pub term: &'static str,
    /// The plenum's number within the term: `4`.
    pub conference: u32,
    /// The resolution's number: `12` (for `12-NQ/TW`).
    pub number: u32,
    /// The issue date, `YYYY-MM-DD`.
    pub date: &'static str,
    /// The resolution a bare "Nghị quyết Trung ương N (khóa T)" means.
    pub primary: bool,
    /// Lower-case words that name its subject.
    pub topics: Vec<&'static str>,
}

impl Resolution {
    /// The tool's identifier: `12-NQ/TW`.
    pub fn canonical(&self) -> String {
        super::DocCode {
            number: self.number,
            year: None,
            kind: "NQ".into(),
            issuer: "TW".into(),
        }
        .to_string()
    }

    /// The year it was issued.
    pub fn year(&self) -> u32 {
        self.date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0)
    }
}

/// A term (khóa) of the Central Committee and when its congress opened it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The Roman numeral: `XII`.
    pub name: &'static str,
    /// The congress's year.
    pub year: u32,
    /// The congress's month.
    pub month: u32,
}

fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
}

fn list(cell: &'static str, sep: char) -> Vec<&'static str> {
    cell.split(sep)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

fn parse_kinds(text: &'static str) -> Result<Vec<Kind>, String> {
    rows(text)
        .map(|r| match r.as_slice() {
            [name, codes, spellings, central, bare] => Ok(Kind {
                name,
                codes: list(codes, ','),
                spellings: list(spellings, ','),
                central: *central == "yes",
                bare: *bare == "yes",
            }),
            _ => Err(format!("document_kinds.tsv: bad row {r:?}")),
        })
        .collect()
}

fn parse_resolutions(text: &'static str) -> Result<Vec<Resolution>, String> {
    rows(text)
        .map(|r| match r.as_slice() {
            [term, conf, number, date, primary, topics] => Ok(Resolution {
                term,
                conference: conf.parse().map_err(|_| format!("bad conference {conf}"))?,
                number: number.parse().map_err(|_| format!("bad number {number}"))?,
                date,
                primary: *primary == "yes",
                topics: list(topics, '|'),
            }),
            _ => Err(format!("resolutions.tsv: bad row {r:?}")),
        })
        .collect()
}

fn parse_terms(text: &'static str) -> Result<Vec<Term>, String> {
    rows(text)
        .map(|r| match r.as_slice() {
            [name, start] => {
                let (y, m) = start.split_once('-').ok_or("terms.tsv: bad start")?;
                Ok(Term {
                    name,
                    year: y.parse().map_err(|_| "terms.tsv: bad year")?,
                    month: m.parse().map_err(|_| "terms.tsv: bad month")?,
                })
            }
            _ => Err(format!("terms.tsv: bad row {r:?}")),
        })
        .collect()
}

/// Every document kind, in the file's order.
pub static KINDS: LazyLock<Vec<Kind>> = LazyLock::new(|| {
    parse_kinds(include_str!("../../../corpus/reference/document_kinds.tsv"))
        .expect("document_kinds.tsv is valid (checked by its test)")
});

/// Every known plenum resolution, by term, conference and number.
pub static RESOLUTIONS: LazyLock<Vec<Resolution>> = LazyLock::new(|| {
    parse_resolutions(include_str!("../../../corpus/reference/resolutions.tsv"))
        .expect("resolutions.tsv is valid (checked by its test)")
});

/// The Central Committee's terms, oldest first.
pub static TERMS: LazyLock<Vec<Term>> = LazyLock::new(|| {
    parse_terms(include_str!("../../../corpus/reference/terms.tsv"))
        .expect("terms.tsv is valid (checked by its test)")
});

/// The kind written `word` (any case, any listed spelling).
pub fn kind_by_word(word: &str) -> Option<&'static Kind> {
    let lower = word.to_lowercase();
    KINDS
        .iter()
        .find(|k| k.name == lower || k.spellings.iter().any(|s| s.to_lowercase() == lower))
}

/// The only kind printed with `code` (`TB` → `thông báo`); `None` for a code two kinds
/// share (`QD`) or none has.
pub fn kind_by_code(code: &str) -> Option<&'static Kind> {
    let mut it = KINDS.iter().filter(|k| k.codes.contains(&code));
    let first = it.next()?;
    it.next().is_none().then_some(first)
}

/// The value of a Roman numeral from I to XXX.
pub fn roman(s: &str) -> Option<u32> {
    let mut total = 0u32;
    let mut prev = 0u32;
    for c in s.chars().rev() {
        let v = match c.to_ascii_uppercase() {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    (1..=30).contains(&total).then_some(total)
}

/// The resolutions of plenum `conference` of term `term`.
pub fn plenum(term: &str, conference: u32) -> impl Iterator<Item = &'static Resolution> {
    let term = term.to_ascii_uppercase();
    RESOLUTIONS
        .iter()
        .filter(move |r| r.term == term && r.conference == conference)
}

/// The resolution a mention of plenum `conference` of `term` means: the one whose topic
/// `context` (the words after the mention, lower case) names, else the plenum's only or
/// primary resolution, else none.
pub fn resolve(term: &str, conference: u32, context: &str) -> Option<&'static Resolution> {
    let all: Vec<_> = plenum(term, conference).collect();
    if let Some(r) = all
        .iter()
        .find(|r| r.topics.iter().any(|t| context.contains(t)))
    {
        return Some(r);
    }
    match all.as_slice() {
        [only] => Some(only),
        many => many.iter().find(|r| r.primary).copied(),
    }
}

/// The plenum resolution numbered `number` and issued on `date`, if the table has it.
pub fn by_number_date(number: u32, date: &str) -> Option<&'static Resolution> {
    RESOLUTIONS
        .iter()
        .find(|r| r.number == number && r.date == date)
}

/// The plenum resolution numbered `number` of term `term`, if the table has it.
pub fn by_number_term(number: u32, term: &str) -> Option<&'static Resolution> {
    RESOLUTIONS
        .iter()
        .find(|r| r.number == number && r.term.eq_ignore_ascii_case(term))
}

/// The term whose plenum `conference` an article of `year` most likely means: the term in
/// office, or the one before when that term's plenum had not yet been held that year.
pub fn term_for_year(conference: u32, year: u32) -> Option<&'static str> {
    let current = TERMS.iter().rposition(|t| t.year <= year)?;
    for i in [Some(current), current.checked_sub(1)]
        .into_iter()
        .flatten()
    {
        let name = TERMS[i].name;
        if plenum(name, conference).any(|r| r.year() <= year) {
            return Some(name);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_sorted_and_unique() {
        let names: Vec<_> = KINDS.iter().map(|k| k.name).collect();
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(names, sorted);
        assert!(KINDS.iter().all(|k| !k.codes.is_empty()));
        assert_eq!(kind_by_word("NQ").map(|k| k.name), Some("nghị quyết"));
        assert_eq!(kind_by_word("Quy định").map(|k| k.code()), Some("QD"));
        assert_eq!(kind_by_code("TB").map(|k| k.name), Some("thông báo"));
        assert_eq!(kind_by_code("QDI").map(|k| k.name), Some("quy định"));
        assert_eq!(kind_by_code("QD"), None);
    }

    #[test]
    fn resolutions_are_sorted_and_unique() {
        let keys: Vec<_> = RESOLUTIONS
            .iter()
            .map(|r| (roman(r.term).unwrap_or(0), r.conference, r.number))
            .collect();
        assert!(
            keys.iter().all(|k| k.0 > 0),
            "every term is a Roman numeral"
        );
        assert!(
            keys.windows(2).all(|w| w[0] < w[1]),
            "sorted, no duplicates"
        );
        for r in RESOLUTIONS.iter() {
            assert!(crate::entities::dates::ymd(r.year(), 1, 1).is_some());
            let primaries = plenum(r.term, r.conference).filter(|x| x.primary).count();
            assert!(
                primaries <= 1,
                "{} {}: one primary at most",
                r.term,
                r.conference
            );
        }
    }

    #[test]
    fn terms_are_sorted_and_unique() {
        assert!(
            TERMS
                .windows(2)
                .all(|w| (w[0].year, w[0].month) < (w[1].year, w[1].month))
        );
        assert!(
            TERMS
                .windows(2)
                .all(|w| roman(w[0].name) < roman(w[1].name))
        );
    }

    #[test]
    fn resolves_the_main_plenums() {
        assert_eq!(
            resolve("XI", 4, "").map(|r| r.canonical()),
            Some("12-NQ/TW".into())
        );
        assert_eq!(
            resolve("XII", 4, "").map(|r| r.canonical()),
            Some("04-NQ/TW".into())
        );
        assert_eq!(resolve("XII", 6, ""), None);
        assert_eq!(
            resolve(
                "XII",
                6,
                "về một số vấn đề tiếp tục đổi mới, sắp xếp tổ chức bộ máy"
            )
            .map(|r| r.number),
            Some(18)
        );
        assert_eq!(
            resolve("XI", 4, "về kết cấu hạ tầng").map(|r| r.number),
            Some(13)
        );
        assert_eq!(
            resolve("VIII", 3, "").map(|r| r.canonical()),
            Some("03-NQ/TW".into())
        );
        assert_eq!(term_for_year(4, 2013), Some("XI"));
        assert_eq!(term_for_year(4, 2016), Some("XII"));
        assert_eq!(term_for_year(4, 2015), Some("XI"));
        assert_eq!(term_for_year(6, 2017), Some("XII"));
        assert_eq!(roman("XIII"), Some(13));
        assert_eq!(roman("IV"), Some(4));
        assert_eq!(roman("ABC"), None);
    }
}
