//! The `documents` list of the record: resolutions, directives, plans, rules (văn bản).
//!
//! Input: a normalised body, or a short text such as a search query. Output: one
//! [`Document`] per citation, in body order, with code point offsets.
//!
//! Forms read: numbered citations in either order of code and issuer (`Nghị quyết số
//! 12-NQ/TW`, `Kế hoạch số 93/KH-TU`, `Nghị quyết số 11/NQ-T.Ư`, `Quy định số 02 - QĐ/HU`,
//! `Quyết định 1234/QĐ-UBND`, `30/NQ-CP`); bare numbers (`Quy định 76`, `Chỉ thị 05 của
//! Bộ Chính trị`, `Nghị quyết 04 của BCH Đảng bộ tỉnh`); plenum resolutions (`Nghị quyết
//! Trung ương 4 (khóa XI)`, `Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng
//! (khóa XI)`, `NQTW4`, `NQ T.Ư 4`, `NQTW4-XI`). An issue date right after the citation
//! (`số 12-NQ/TW, ngày 16/1/2012`) or before its "ban hành" is attached.
//!
//! Hard cases: the issuer of a bare number (the Central Committee's unless the text names a
//! local committee as its author, or the same document is cited with its code elsewhere);
//! the term of a plenum named without one (from the same plenum cited with its term, the
//! Central Committee's term named nearby, or the years the article speaks of); a local
//! committee's "khóa XIII", which is not the Central Committee's term.
//!
//! ```
//! let d = baochi::entities::documents::find("thực hiện Nghị quyết Trung ương 4 (khóa XI) và NQTW4");
//! assert_eq!(d.len(), 2);
//! assert_eq!(d[0].canonical.as_deref(), Some("12-NQ/TW"));
//! assert_eq!(d[1].term.as_deref(), Some("XI"));
//! ```

pub mod code;
pub mod tables;

pub use code::DocCode;

use crate::record::{DateMention, Document, Span, spans_to_code_points};
use regex::{Captures, Regex};
use std::sync::LazyLock;
use tables::Kind;

/// Ordinals in words after "lần thứ", longest first.
const ORDINAL: &str = r"nhất|mười\s+(?:một|hai|ba|bốn|tư|lăm|năm|sáu|bảy|tám|chín)|mười|một|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín";

/// The Central Committee as an issuer or plenum body.
const CENTRAL: &str = r"(?:[Tt]rung\s+[Ưư]ơng|TRUNG\s+ƯƠNG|TW|T\.Ư|TƯ|T\.W)";

/// A party or state document code: `NQ`, `QĐ`, `QĐi`, `CTr`, `KH`.
const CODE: &str = r"[A-ZĐ]{1,4}[ir]?";

/// An issuer code: `TW`, `T.Ư`, `TU`, `HU`, `ĐU`, `UBND`, `CP`, `TTg`.
const ISSUER: &str = r"[A-ZĐƯ](?:\.?[A-ZĐƯ]|g){0,10}";

/// `(khóa XI)`, `khóa XI`, `khóa XI, XII`, `-XI` after a plenum, with group names prefixed.
fn term_pattern(p: &str) -> String {
    let khoa = r"[Kk]h(?:óa|oá|oa)";
    format!(
        r"(?:\s*\(\s*{khoa}\s+(?P<{p}t1>[IVX]{{1,5}})(?:\s*(?:,|và|-)\s*(?:{khoa}\s+)?(?P<{p}t2>[IVX]{{1,5}}))?\s*\)|\s*[,–-]?\s+{khoa}\s+(?P<{p}t3>[IVX]{{1,5}})(?:\s*(?:,|và)\s*(?:{khoa}\s+)?(?P<{p}t4>[IVX]{{1,5}}))?|-(?P<{p}t5>[IVX]{{1,5}}))?"
    )
}

/// The kind words as one alternation, longest first; words with lower case letters match
/// in any case (`Nghị quyết`, `NGHỊ QUYẾT`), abbreviations only as written (`NQ`).
fn kind_alternation() -> String {
    let mut words: Vec<&str> = tables::KINDS
        .iter()
        .flat_map(|k| std::iter::once(k.name).chain(k.spellings.iter().copied()))
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words
        .iter()
        .map(|w| {
            let esc = regex::escape(w).replace(' ', r"\s+");
            if w.chars().any(char::is_lowercase) {
                format!("(?i:{esc})")
            } else {
                esc
            }
        })
        .collect::<Vec<_>>()
        .join("|")
}

static DOC_RE: LazyLock<Regex> = LazyLock::new(|| {
    let board = r"(?:BCH|Ban\s+[Cc]hấp\s+hành)";
    let local = r"(?:Đảng\s+bộ\s+)?(?:tỉnh|thành\s+phố|thị\s+xã|huyện|quận|Tỉnh\s+ủy|Thành\s+ủy|Thị\s+ủy|Huyện\s+ủy|Quận\s+ủy|Đảng\s+ủy)";
    let pattern = format!(
        r"(?P<kind>{kinds})(?:(?P<p1>\s*(?:(?:của\s+)?[Hh]ội\s+nghị\s+)?(?:{board}\s+)?{CENTRAL}(?:\s+Đảng)?\s*(?:lần\s+thứ\s+)?(?P<p1c>\d{{1,2}}){t1})|(?P<p2>\s+(?:của\s+)?[Hh]ội\s+nghị\s+(?:{CENTRAL}\s+)?lần\s+thứ\s+(?P<p2c>\d{{1,2}}|{ORDINAL})\s*,?\s*(?:của\s+)?(?:(?P<p2tw>{board}\s+{CENTRAL}(?:\s+Đảng)?)|{board}\s+(?P<p2loc>{local})){t2})|(?P<n>\s*(?P<so>số\s*)?(?P<num>\d{{1,5}})(?:\s?-\s?(?P<pcode>{CODE})\s?/\s?(?P<piss>{ISSUER})|\s?/\s?(?:(?P<syear>\d{{4}})\s?/\s?)?(?P<scode>{CODE})\s?-\s?(?P<siss>{ISSUER}))?))",
        kinds = kind_alternation(),
        t1 = term_pattern("p1"),
        t2 = term_pattern("p2"),
    );
    Regex::new(&pattern).expect("the document pattern is valid")
});

/// A date right after a citation: `, ngày 16/1/2012`, ` ngày 16 tháng 1 năm 2012`.
static DATE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*,?\s*(?:ban\s+hành\s+)?[Nn]gày\s+(?:(?P<d>\d{1,2})\s?[/.-]\s?(?P<m>\d{1,2})\s?[/.-]\s?(?P<y>\d{4})|(?P<td>\d{1,2})\s+tháng\s+(?P<tm>\d{1,2})\s*,?\s*năm\s+(?P<ty>\d{4}))")
        .expect("valid")
});

/// Who issued it, right after the citation: `của Bộ Chính trị`, `của BCH Đảng bộ tỉnh`,
/// `của Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng (khóa XI)`.
static WHO_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    let board = r"(?:BCH|Ban\s+[Cc]hấp\s+hành)";
    let pattern = format!(
        r"^\s*,?\s*(?:do\s+|của\s+)(?:(?P<plen>[Hh]ội\s+nghị\s+(?:(?:{board}\s+)?{CENTRAL}(?:\s+Đảng)?\s*(?:lần\s+thứ\s+)?(?P<pc2>\d{{1,2}})|(?:{CENTRAL}\s+)?(?:lần\s+thứ\s+)?(?P<pc>\d{{1,2}}|{ORDINAL})\s*,?\s*(?:của\s+)?{board}\s+{CENTRAL}(?:\s+Đảng)?){t})|(?P<tw>(?:Bộ\s+Chính\s+trị|Ban\s+Bí\s+thư|{board}\s+{CENTRAL}|BCHTW|{CENTRAL})(?:\s+Đảng)?{tv})|(?:(?:Ban\s+Thường\s+vụ|BTV|{board}|Thường\s+trực)\s+)?(?P<loc>Tỉnh\s+ủy|Thành\s+ủy|Thị\s+ủy|Huyện\s+ủy|Quận\s+ủy|Đảng\s+ủy|Đảng\s+bộ\s+(?:tỉnh|thành\s+phố|thị\s+xã|huyện|quận|xã|phường|thị\s+trấn))|(?P<cp>Chính\s+phủ)|(?P<ttg>Thủ\s+tướng)|(?P<ubnd>UBND|Ủy\s+ban\s+nhân\s+dân)|(?P<hdnd>HĐND|Hội\s+đồng\s+nhân\s+dân)|(?P<qh>Quốc\s+hội))",
        t = term_pattern("w"),
        tv = term_pattern("v"),
    );
    Regex::new(&pattern).expect("valid")
});

/// "… ban hành " right before a citation, with up to three words between.
static BAN_HANH_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"ban\s+hành\s+(?:[^\s.;:]+\s+){0,3}$").expect("valid"));

/// An author of a document named before "ban hành".
static ORG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<tw>Bộ\s+Chính\s+trị|Ban\s+Bí\s+thư|Ban\s+Chấp\s+hành\s+Trung\s+ương)|(?P<loc>Tỉnh\s+ủy|Thành\s+ủy|Thị\s+ủy|Huyện\s+ủy|Quận\s+ủy|Đảng\s+ủy)|(?P<cp>Chính\s+phủ)|(?P<ubnd>UBND|Ủy\s+ban\s+nhân\s+dân)")
        .expect("valid")
});

/// `ngày 3/4/2012 đã ký ban hành ` right before a citation.
static DATE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[Nn]gày\s+(?P<d>\d{1,2})\s?[/.-]\s?(?P<m>\d{1,2})\s?[/.-]\s?(?P<y>\d{4})\s*,?\s+(?:[^\s.;:,\d]+\s+){0,7}?ban\s+hành\s+(?:[^\s.;:]+\s+){0,3}$")
        .expect("valid")
});

/// The Central Committee's term named anywhere: `Hội nghị Trung ương 6 khóa XII`,
/// `Ban Chấp hành Trung ương Đảng (khóa XI)`.
static CENTRAL_TERM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{CENTRAL}(?:\s+Đảng)?\s*(?:lần\s+thứ\s+)?(?P<c>\d{{1,2}})?\s*,?\s*\(?\s*[Kk]h(?:óa|oá)\s+(?P<t>[IVX]{{1,5}})"
    ))
    .expect("valid")
});

/// Words after a bare number that make it a count or a time, not a document number
/// ("nghị quyết 6 tháng đầu năm").
const NOT_AFTER_BARE: &[&str] = &[
    "tháng", "năm", "ngày", "tuần", "quý", "lần", "giờ", "phút", "điểm", "%", "người",
];

/// How an issuer was settled, so a later pass can overrule a guess but not a reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IssuerFrom {
    /// Printed in the code (`-NQ/TW`) or named ("của Bộ Chính trị").
    Text,
    /// The Central Committee by default for a bare party document.
    Default,
    /// Nothing to go on.
    None,
}

/// A citation being built, with what the later passes need.
struct Found {
    doc: Document,
    kind: &'static Kind,
    issuer_from: IssuerFrom,
    /// A plenum mention (conference set, no number).
    plenum: bool,
    /// Term given by the text itself.
    term_explicit: bool,
    /// Lower-case words after the mention, for the topic of a plenum resolution.
    context: String,
    /// State-document year of `15/2012/NĐ-CP`.
    year: Option<String>,
    /// Byte range, for ordering and lookups.
    start: usize,
    end: usize,
}

/// Finds every cited document in a normalised body (or a short query), in body order.
pub fn find(body: &str) -> Vec<Document> {
    let mut docs = scan(body, None);
    spans_to_code_points(body, docs.iter_mut().map(|d| &mut d.span));
    docs
}

/// [`find`] with byte offsets, for the other finders (see [`crate::entities`]). `dates` are
/// the body's dates when already found (the year an article speaks of most dates a bare
/// plenum resolution); without them, they are found only if needed.
pub(crate) fn scan(body: &str, dates: Option<&[DateMention]>) -> Vec<Document> {
    let mut found: Vec<Found> = Vec::new();
    let mut pos = 0;
    while pos < body.len() {
        let Some(caps) = DOC_RE.captures_at(body, pos) else {
            break;
        };
        let Some(whole) = caps.get(0) else { break };
        match read_match(body, &caps) {
            Some(mut items) => {
                pos = items.iter().map(|f| f.end).max().unwrap_or(whole.end());
                found.append(&mut items);
            }
            None => {
                pos = whole.start()
                    + body[whole.start()..]
                        .chars()
                        .next()
                        .map_or(1, char::len_utf8);
            }
        }
    }
    if found.is_empty() {
        return Vec::new();
    }
    settle_issuers(&mut found);
    settle_terms(body, dates, &mut found);
    found
        .into_iter()
        .map(|mut f| {
            f.doc.canonical = canonical(&f);
            f.doc.span = Span::in_bytes(body, f.start, f.end);
            f.doc
        })
        .collect()
}

/// The canonicals a search query names: `NQTW4` (every term's), `nq tw 4 khoa xi`,
/// `Nghị quyết 12` (the Central Committee's by default), `12-NQ/TW`, `NQTW4-XI`. Works on
/// text with or without Vietnamese marks, in any case. Empty when the query names none.
pub fn resolve(query: &str) -> Vec<String> {
    let text = restore_query(query);
    let mut out: Vec<String> = Vec::new();
    for d in find(&text) {
        match (&d.canonical, d.conference, &d.term) {
            (Some(c), _, _) => out.push(c.clone()),
            (None, Some(conf), None) if d.issuer.as_deref() == Some("TW") => {
                for t in tables::TERMS.iter() {
                    if let Some(r) = tables::resolve(t.name, conf, "") {
                        out.push(r.canonical());
                    }
                }
            }
            _ => {}
        }
    }
    if out.is_empty()
        && let Some(c) = CODE_ONLY.captures(&text)
    {
        let n: u32 = c["n"].parse().unwrap_or(0);
        if let Some(code) = DocCode::new(n, None, &c["code"], &c["iss"]) {
            out.push(code.to_string());
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|c| seen.insert(c.clone()));
    out
}

/// A bare code in a query: `12-NQ/TW`, `30/NQ-CP`.
static CODE_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<n>\d{{1,5}})\s?[-/]\s?(?P<code>{CODE})\s?[-/]\s?(?P<iss>{ISSUER})"
    ))
    .expect("valid")
});

/// Puts the marks back on the words of a query typed without them (`nghi quyet trung uong
/// 4 khoa xi`), and upper-cases codes, so [`find`] reads it like printed text.
fn restore_query(query: &str) -> String {
    // Words of the citation patterns besides the kinds, which come from the kinds' table.
    const WORDS: &[(&str, &str)] = &[
        ("trung uong", "Trung ương"),
        ("hoi nghi", "Hội nghị"),
        ("lan thu", "lần thứ"),
        ("ban chap hanh", "Ban Chấp hành"),
        ("bo chinh tri", "Bộ Chính trị"),
        ("tinh uy", "Tỉnh ủy"),
        ("khoa", "khóa"),
        ("so", "số"),
    ];
    let folded = crate::text::fold_lower(query);
    if crate::text::normalize(query) != folded && !query.is_ascii() {
        // The query has its marks: read it as it is (upper-casing codes only).
        return upcase_codes(&crate::text::normalize(query));
    }
    let mut s = format!(" {folded} ");
    for kind in tables::KINDS.iter() {
        let plain = crate::text::fold_lower(kind.name);
        let mut marked = kind.name.chars();
        let marked: String = marked
            .next()
            .map(|c| c.to_uppercase().chain(marked).collect())
            .unwrap_or_default();
        s = s.replace(&format!(" {plain} "), &format!(" {marked} "));
    }
    for (plain, marked) in WORDS {
        s = s.replace(&format!(" {plain} "), &format!(" {marked} "));
    }
    upcase_codes(s.trim())
}

/// Upper-cases ASCII tokens that are codes (`nqtw4` → `NQTW4`, `nq/tw` → `NQ/TW`,
/// `khóa xi` → `khóa XI`), leaving Vietnamese words alone.
fn upcase_codes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_khoa = false;
    for (i, word) in s.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let lower = word.to_lowercase();
        let is_code = word.is_ascii()
            && (lower.starts_with("nq")
                || lower.starts_with("ct")
                || lower.contains('/')
                || lower.contains('-')
                || matches!(lower.as_str(), "tw" | "t.ư" | "tư" | "qđ" | "kh" | "kl")
                || (prev_khoa && tables::roman(&lower).is_some()));
        let is_code = is_code || matches!(lower.as_str(), "t.ư" | "tư" | "qđ" | "nq");
        if is_code {
            out.push_str(&word.to_uppercase());
        } else {
            out.push_str(word);
        }
        prev_khoa = lower == "khóa" || lower == "khoa";
    }
    out
}

/// The char after byte `i` of `s`, if any.
fn char_after(s: &str, i: usize) -> Option<char> {
    s[i..].chars().next()
}

/// The char before byte `i` of `s`, if any.
fn char_before(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}

/// A Roman numeral group of a term, kept only when it ends a word ("khóa XI, Việt" is
/// not "khóa XI, V").
fn term_group<'h>(body: &str, caps: &Captures<'h>, name: &str) -> Option<regex::Match<'h>> {
    let m = caps.name(name)?;
    let ok = !char_after(body, m.end()).is_some_and(char::is_alphanumeric)
        && tables::roman(m.as_str()).is_some();
    ok.then_some(m)
}

/// The terms a plenum mention names and where the mention ends, for groups `{p}t1`…`{p}t5`.
fn read_terms(body: &str, caps: &Captures<'_>, p: &str, conf_end: usize) -> (Vec<String>, usize) {
    let g = |i: u32| term_group(body, caps, &format!("{p}t{i}"));
    if let Some(t1) = g(1) {
        let mut terms = vec![t1.as_str().to_string()];
        if let Some(t2) = g(2) {
            terms.push(t2.as_str().to_string());
        }
        // The parenthesised form ends at its ")".
        let end = caps.get(0).map_or(t1.end(), |m| m.end());
        return (terms, end);
    }
    if let Some(t3) = g(3) {
        if let Some(t4) = g(4) {
            return (vec![t3.as_str().into(), t4.as_str().into()], t4.end());
        }
        return (vec![t3.as_str().into()], t3.end());
    }
    if let Some(t5) = g(5) {
        return (vec![t5.as_str().into()], t5.end());
    }
    (Vec::new(), conf_end)
}

/// The number an ordinal in digits or words stands for.
fn ordinal(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse() {
        return Some(n);
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    let unit = |w: &str| match w {
        "nhất" | "một" => Some(1),
        "hai" => Some(2),
        "ba" => Some(3),
        "tư" | "bốn" => Some(4),
        "năm" | "lăm" => Some(5),
        "sáu" => Some(6),
        "bảy" => Some(7),
        "tám" => Some(8),
        "chín" => Some(9),
        "mười" => Some(10),
        _ => None,
    };
    match words.as_slice() {
        [w] => unit(w),
        ["mười", w] => unit(w).map(|u| 10 + u),
        _ => None,
    }
}

/// The issuer code of a local party committee named in words.
fn local_issuer(words: &str) -> &'static str {
    let w = words.to_lowercase();
    let w = w.split_whitespace().collect::<Vec<_>>().join(" ");
    if w.contains("huyện") {
        "HU"
    } else if w.contains("quận") {
        "QU"
    } else if w.starts_with("đảng ủy")
        || w.ends_with("xã")
        || w.contains("phường")
        || w.contains("thị trấn")
    {
        "DU"
    } else {
        "TU"
    }
}

/// Reads one regex match into its citations, or `None` when it is not one.
fn read_match(body: &str, caps: &Captures<'_>) -> Option<Vec<Found>> {
    let kind_m = caps.name("kind")?;
    let start = kind_m.start();
    if char_before(body, start).is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '/')) {
        return None;
    }
    let kind = tables::kind_by_word(kind_m.as_str())?;
    // An abbreviation glued to lower case letters is a word, not "NQ".
    if kind_m.as_str().chars().all(|c| c.is_uppercase())
        && char_after(body, kind_m.end()).is_some_and(char::is_lowercase)
    {
        return None;
    }
    if caps.name("p1").is_some() || caps.name("p2").is_some() {
        return read_plenum(body, caps, kind, start);
    }
    caps.name("n")?;
    read_numbered(body, caps, kind, start)
}

fn new_doc(kind: &'static Kind) -> Document {
    Document {
        kind: kind.name.to_string(),
        code: Some(kind.code().to_string()),
        ..Document::default()
    }
}

fn context_after(body: &str, end: usize) -> String {
    let mut stop = (end + 240).min(body.len());
    while !body.is_char_boundary(stop) {
        stop -= 1;
    }
    let tail = &body[end..stop];
    let cut = tail.find(['.', ';', '\n']).map_or(tail, |i| &tail[..i]);
    cut.to_lowercase()
}

fn read_plenum(
    body: &str,
    caps: &Captures<'_>,
    kind: &'static Kind,
    start: usize,
) -> Option<Vec<Found>> {
    let (p, conf_m) = if caps.name("p1").is_some() {
        ("p1", caps.name("p1c")?)
    } else {
        ("p2", caps.name("p2c")?)
    };
    if char_after(body, conf_m.end()).is_some_and(|c| c.is_ascii_digit() || c == '%' || c == '/') {
        return None;
    }
    let conference = ordinal(conf_m.as_str())?;
    if !(1..=30).contains(&conference) {
        return None;
    }
    let (terms, end) = read_terms(body, caps, p, conf_m.end());
    let local = caps.name("p2loc").map(|m| local_issuer(m.as_str()));
    let context = context_after(body, end);
    let mut doc = new_doc(kind);
    doc.conference = Some(conference);
    doc.issuer = Some(local.unwrap_or("TW").to_string());
    let base = |doc: Document, term: Option<String>| Found {
        term_explicit: term.is_some(),
        doc: Document { term, ..doc },
        kind,
        issuer_from: IssuerFrom::Text,
        plenum: true,
        context: context.clone(),
        year: None,
        start,
        end,
    };
    if local.is_some() || terms.is_empty() {
        // A local committee's term is not the Central Committee's.
        return Some(vec![base(doc, None)]);
    }
    Some(
        terms
            .into_iter()
            .map(|t| base(doc.clone(), Some(t)))
            .collect(),
    )
}

/// One number of a citation with what is printed with it: `12-NQ/TW`, `93/KH-TU`,
/// `27/2012/QĐ-UBND`, `76`.
struct Unit<'h> {
    number: u32,
    code: Option<&'h str>,
    issuer: Option<&'h str>,
    year: Option<String>,
    start: usize,
    end: usize,
}

/// Another number of the same kind after a citation: `, 19-NQ/TW`, ` và số 05`.
static CONTINUATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*(?:,|và|,\s*và)\s*(?:số\s*)?(?P<num>\d{{1,5}})(?:\s?-\s?(?P<pcode>{CODE})\s?/\s?(?P<piss>{ISSUER})|\s?/\s?(?:(?P<syear>\d{{4}})\s?/\s?)?(?P<scode>{CODE})\s?-\s?(?P<siss>{ISSUER}))?"
    ))
    .expect("valid")
});

/// Reads the number group of `caps` (`num`, `pcode`/`piss` or `syear`/`scode`/`siss`),
/// whose offsets are relative to `base`.
fn read_unit<'h>(body: &str, caps: &Captures<'h>, base: usize) -> Option<Unit<'h>> {
    let num_m = caps.name("num")?;
    let number: u32 = num_m.as_str().parse().ok()?;
    let (code, issuer, year, mut end) =
        if let (Some(c), Some(i)) = (caps.name("pcode"), caps.name("piss")) {
            (Some(c.as_str()), Some(i.as_str()), None, base + i.end())
        } else if let (Some(c), Some(i)) = (caps.name("scode"), caps.name("siss")) {
            let year = caps.name("syear").map(|y| y.as_str().to_string());
            (Some(c.as_str()), Some(i.as_str()), year, base + i.end())
        } else {
            (None, None, None, base + num_m.end())
        };
    // "T.Ư." at a sentence end: the last dot is the sentence's.
    if body[..end].ends_with('.') {
        end -= 1;
    }
    if code.is_none() && !bare_number_ends(body, end) {
        return None;
    }
    Some(Unit {
        number,
        code,
        issuer,
        year,
        start: base + num_m.start(),
        end,
    })
}

/// Whether a number without a code ending at `end` can be a document's: not glued to more
/// digits or letters, not a count or a time ("nghị quyết 6 tháng", "kế hoạch 5 đề án").
fn bare_number_ends(body: &str, end: usize) -> bool {
    let next = char_after(body, end);
    if next.is_some_and(|c| {
        c.is_alphanumeric()
            || matches!(c, '%' | ',' | '.' | '/' | '-')
                && char_after(body, end + 1).is_some_and(|d| d.is_ascii_digit())
    }) {
        return false;
    }
    let rest: String = body[end..].trim_start().chars().take(40).collect();
    let rest = rest.to_lowercase();
    !(NOT_AFTER_BARE
        .iter()
        .any(|w| rest.starts_with(w) && !rest[w.len()..].starts_with(char::is_alphanumeric))
        || crate::entities::statistics::counted_noun_at(&rest).is_some())
}

/// A numbered citation and the numbers listed after it (`Nghị quyết số 18, 19-NQ/TW`),
/// each a [`Found`], sharing what the text says around them: the date, the author, the
/// plenum.
fn read_numbered(
    body: &str,
    caps: &Captures<'_>,
    kind: &'static Kind,
    start: usize,
) -> Option<Vec<Found>> {
    let units = read_units(body, caps, kind)?;
    let end = units.last().map_or(start, |u| u.end);
    let around = Around::read(body, start, end);
    let many = units.len() > 1;
    let items = units
        .into_iter()
        .enumerate()
        .map(|(i, u)| {
            let at = if i == 0 { start } else { u.start };
            to_found(body, kind, u, at, i == 0, &around, many)
        })
        .collect();
    Some(items)
}

/// The numbers of a citation: the first (refused when a bare number is likelier a count
/// or a year), then those listed after it; the code printed last is every number's
/// ("Nghị quyết số 18, 19-NQ/TW").
fn read_units<'h>(
    body: &'h str,
    caps: &Captures<'h>,
    kind: &'static Kind,
) -> Option<Vec<Unit<'h>>> {
    let first = read_unit(body, caps, 0)?;
    let so = caps.name("so").is_some();
    if first.code.is_none() {
        if !so && !kind.bare {
            return None;
        }
        if !so && kind_word_is_lower(body, caps) && first.number > 200 {
            return None;
        }
        // "Kế hoạch 2024" is the plan for a year.
        if !so && (1900..=2100).contains(&first.number) {
            return None;
        }
    }
    let mut units = vec![first];
    while let Some(last) = units.last()
        && let Some(c) = CONTINUATION.captures(&body[last.end..])
        && let Some(u) = read_unit(body, &c, last.end)
    {
        units.push(u);
    }
    let shared = units
        .last()
        .filter(|u| u.code.is_some())
        .map(|u| (u.code, u.issuer, u.year.clone()));
    if let Some((code, issuer, year)) = shared {
        for u in units.iter_mut().filter(|u| u.code.is_none()) {
            (u.code, u.issuer, u.year) = (code, issuer, year.clone());
        }
    }
    Some(units)
}

/// What the text says around a citation's numbers: the date after them (or before,
/// "ngày 3/4/2012 … ban hành"), the author named after them ("của Bộ Chính trị") or
/// before ("Tỉnh ủy ban hành"), and the plenum named after them.
struct Around {
    date: Option<String>,
    author: Option<&'static str>,
    plenum: (Option<u32>, Option<String>),
}

impl Around {
    fn read(body: &str, start: usize, end: usize) -> Around {
        let mut at = end;
        let mut date = date_after(body, &mut at);
        let mut named = None;
        let mut plenum = (None, None);
        if let Some(c) = WHO_AFTER.captures(&body[at..]) {
            (named, plenum) = who_after(&body[at..], &c);
            at += c.get(0).map_or(0, |m| m.end());
            if date.is_none() {
                date = date_after(body, &mut at);
            }
        }
        let before = window_before(body, start, 160);
        if date.is_none() {
            date = DATE_BEFORE.captures(before).and_then(|c| {
                crate::entities::dates::ymd(
                    c["y"].parse().ok()?,
                    c["m"].parse().ok()?,
                    c["d"].parse().ok()?,
                )
            });
        }
        Around {
            date,
            author: named.or_else(|| issuer_before(before)),
            plenum,
        }
    }
}

/// The author [`WHO_AFTER`] matched at the start of `text`, and the plenum and term it
/// names, if any.
fn who_after(
    text: &str,
    c: &Captures<'_>,
) -> (Option<&'static str>, (Option<u32>, Option<String>)) {
    if c.name("plen").is_some() {
        let pc = c.name("pc").or_else(|| c.name("pc2"));
        let conf_end = pc.map_or(0, |m| m.end());
        let (terms, _) = read_terms(text, c, "w", conf_end);
        let conference = pc.and_then(|m| ordinal(m.as_str()));
        return (Some("TW"), (conference, terms.into_iter().next()));
    }
    if let Some(tw) = c.name("tw") {
        let (terms, _) = read_terms(text, c, "v", tw.end());
        return (Some("TW"), (None, terms.into_iter().next()));
    }
    let named = if let Some(l) = c.name("loc") {
        Some(local_issuer(l.as_str()))
    } else {
        [
            ("cp", "CP"),
            ("ttg", "TTG"),
            ("ubnd", "UBND"),
            ("hdnd", "HDND"),
            ("qh", "QH"),
        ]
        .into_iter()
        .find(|(group, _)| c.name(group).is_some())
        .map(|(_, issuer)| issuer)
    };
    (named, (None, None))
}

/// One number of a citation as the record's document: its kind (the code may correct the
/// word: "Thông báo kết luận số 15-TB/TU" is a thông báo), code, issuer (printed, named
/// around it, or the Central Committee's by default), date and plenum.
fn to_found(
    body: &str,
    kind: &'static Kind,
    u: Unit<'_>,
    mut start: usize,
    first: bool,
    around: &Around,
    many: bool,
) -> Found {
    let mut doc = new_doc(kind);
    doc.number = Some(u.number.to_string());
    doc.date = around.date.clone();
    let mut issuer_from = IssuerFrom::None;
    if let Some(c) = u.code {
        let code = code::fold_part(c).unwrap_or_else(|| c.to_uppercase());
        if let Some(k) = tables::kind_by_code(&code)
            && k.name != kind.name
        {
            doc.kind = k.name.to_string();
            let before = window_before(body, start, 40).to_lowercase();
            let back = k.name.len() + 1;
            if first
                && before.ends_with(&format!("{} ", k.name))
                && start >= back
                && body.is_char_boundary(start - back)
            {
                start -= back;
            }
        }
        doc.code = Some(code);
    }
    if let Some(iss) = u.issuer {
        doc.issuer = Some(code::fold_part(iss).unwrap_or_else(|| iss.to_uppercase()));
        issuer_from = IssuerFrom::Text;
    } else if let Some(a) = around.author {
        doc.issuer = Some(a.to_string());
        issuer_from = IssuerFrom::Text;
    } else if kind.central {
        doc.issuer = Some("TW".into());
        issuer_from = IssuerFrom::Default;
    }
    // The plenum named after a list is not each item's.
    if !many {
        (doc.conference, doc.term) = around.plenum.clone();
    }
    // A numbered plenum resolution the table knows by its date or its term.
    if doc.conference.is_none()
        && doc.issuer.as_deref() == Some("TW")
        && doc.code.as_deref() == Some("NQ")
        && let Some(r) = doc
            .date
            .as_deref()
            .and_then(|d| tables::by_number_date(u.number, d))
            .or_else(|| tables::by_number_term(u.number, doc.term.as_deref()?))
    {
        doc.conference = Some(r.conference);
        doc.term = Some(r.term.to_string());
    }
    Found {
        term_explicit: doc.term.is_some(),
        doc,
        kind,
        issuer_from,
        plenum: false,
        context: String::new(),
        year: u.year,
        start,
        end: u.end,
    }
}

/// Whether the kind word was written in lower case ("nghị quyết" rather than "Nghị quyết").
fn kind_word_is_lower(_body: &str, caps: &Captures<'_>) -> bool {
    caps.name("kind")
        .and_then(|m| m.as_str().chars().next())
        .is_some_and(char::is_lowercase)
}

/// Reads a date that follows `*at` and moves `*at` past it.
fn date_after(body: &str, at: &mut usize) -> Option<String> {
    let c = DATE_AFTER.captures(&body[*at..])?;
    let (d, m, y) = match (c.name("d"), c.name("td")) {
        (Some(_), _) => (&c["d"], &c["m"], &c["y"]),
        (None, Some(_)) => (&c["td"], &c["tm"], &c["ty"]),
        _ => return None,
    };
    let value = crate::entities::dates::ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    *at += c.get(0).map_or(0, |m| m.end());
    Some(value)
}

/// Up to `len` bytes of `body` before `start`, cut at a char boundary.
fn window_before(body: &str, start: usize, len: usize) -> &str {
    let mut from = start.saturating_sub(len);
    while !body.is_char_boundary(from) {
        from += 1;
    }
    &body[from..start]
}

/// The author named as the subject of "ban hành" right before a citation, within its
/// clause: "Huyện ủy đã ban hành Quy định 02" → `HU`.
fn issuer_before(before: &str) -> Option<&'static str> {
    let bh = BAN_HANH_BEFORE.find(before)?;
    let clause_start = before[..bh.start()]
        .rfind(['.', ';', ':', '\n'])
        .map_or(0, |i| i + 1);
    let clause = &before[clause_start..bh.start()];
    let c = ORG.captures_iter(clause).last()?;
    if c.name("tw").is_some() {
        Some("TW")
    } else if let Some(l) = c.name("loc") {
        Some(local_issuer(l.as_str()))
    } else if c.name("cp").is_some() {
        Some("CP")
    } else {
        Some("UBND")
    }
}

/// A bare number's issuer by default is a guess: the same document cited with its issuer
/// elsewhere in the article settles it (the nearest such citation before it, else after).
fn settle_issuers(found: &mut [Found]) {
    for i in 0..found.len() {
        if found[i].plenum || found[i].issuer_from == IssuerFrom::Text {
            continue;
        }
        let same = |f: &Found| {
            !f.plenum
                && f.issuer_from == IssuerFrom::Text
                && f.doc.kind == found[i].doc.kind
                && f.doc.number == found[i].doc.number
        };
        let pick = found[..i]
            .iter()
            .rev()
            .find(|f| same(f))
            .or_else(|| found[i + 1..].iter().find(|f| same(f)))
            .map(|f| (f.doc.issuer.clone(), f.doc.code.clone()));
        if let Some((issuer, code)) = pick {
            found[i].doc.issuer = issuer;
            found[i].doc.code = code;
            found[i].issuer_from = IssuerFrom::Text;
        }
    }
}

/// Gives a Central Committee plenum named without its term the term the article means.
fn settle_terms(body: &str, dates: Option<&[DateMention]>, found: &mut [Found]) {
    let mut article_year: Option<Option<u32>> = None;
    let mut named: Option<Vec<NamedTerm>> = None;
    for i in 0..found.len() {
        let f = &found[i];
        if !f.plenum || f.doc.term.is_some() || f.doc.issuer.as_deref() != Some("TW") {
            continue;
        }
        let conf = f.doc.conference;
        // The same plenum cited with its term, by name or by number ("Nghị quyết số
        // 12-NQ/TW … của Hội nghị lần thứ tư … (khóa XI)").
        let same = |g: &Found| {
            g.doc.conference == conf
                && g.doc.term.is_some()
                && g.doc.issuer.as_deref() == Some("TW")
        };
        let mut term = found[..i]
            .iter()
            .rev()
            .find(|g| same(g))
            .or_else(|| found[i + 1..].iter().find(|g| same(g) && g.term_explicit))
            .and_then(|g| g.doc.term.clone());
        if term.is_none() {
            let named = named.get_or_insert_with(|| central_terms(body));
            term = term_named_nearby(named, f.start, conf, body.len());
        }
        if term.is_none()
            && let Some(c) = conf
        {
            let year = *article_year.get_or_insert_with(|| match dates {
                Some(d) => main_year(d),
                None => main_year(&crate::entities::dates::scan(body, None)),
            });
            term = year
                .and_then(|y| tables::term_for_year(c, y))
                .map(str::to_string);
        }
        found[i].doc.term = term;
    }
}

/// A Central Committee term the article names: where, for which plenum if any, which.
struct NamedTerm {
    start: usize,
    conference: Option<u32>,
    term: String,
}

/// Every Central Committee term the article names, in body order.
fn central_terms(body: &str) -> Vec<NamedTerm> {
    CENTRAL_TERM
        .captures_iter(body)
        .filter_map(|c| {
            let t = c.name("t")?;
            if char_after(body, t.end()).is_some_and(char::is_alphanumeric) {
                return None;
            }
            Some(NamedTerm {
                start: c.get(0)?.start(),
                conference: c.name("c").and_then(|m| m.as_str().parse().ok()),
                term: t.as_str().to_string(),
            })
        })
        .collect()
}

/// The Central Committee's term the article names for plenum `conf`, else for any plenum
/// the table knows `conf` of; the nearest before `at` first.
fn term_named_nearby(
    named: &[NamedTerm],
    at: usize,
    conf: Option<u32>,
    len: usize,
) -> Option<String> {
    let conf = conf?;
    let mut same_conf: Option<(usize, &str)> = None;
    let mut any_conf: Option<(usize, &str)> = None;
    for n in named {
        // Before the mention counts nearer than anything after it.
        let dist = n.start.abs_diff(at) + if n.start > at { len } else { 0 };
        let slot = if n.conference == Some(conf) {
            &mut same_conf
        } else if n.conference.is_none() && tables::plenum(&n.term, conf).next().is_some() {
            &mut any_conf
        } else {
            continue;
        };
        if slot.is_none_or(|(d, _)| dist < d) {
            *slot = Some((dist, &n.term));
        }
    }
    same_conf.or(any_conf).map(|(_, t)| t.to_string())
}

/// The year an article speaks of most (the latest on a tie): what "Nghị quyết Trung ương
/// 4" means depends on it.
fn main_year(dates: &[DateMention]) -> Option<u32> {
    let mut counts: Vec<(u32, usize)> = Vec::new();
    for d in dates {
        let Some(y) = d.value.get(..4).and_then(|y| y.parse::<u32>().ok()) else {
            continue;
        };
        match counts.iter_mut().find(|(k, _)| *k == y) {
            Some((_, n)) => *n += 1,
            None => counts.push((y, 1)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(y, n)| (n, y))
        .map(|(y, _)| y)
}

/// The tool's identifier for a citation, per the record format.
fn canonical(f: &Found) -> Option<String> {
    let d = &f.doc;
    if f.plenum {
        if d.issuer.as_deref() != Some("TW") || f.kind.code() != "NQ" {
            return None;
        }
        let r = tables::resolve(d.term.as_deref()?, d.conference?, &f.context)?;
        return Some(r.canonical());
    }
    let code = DocCode {
        number: d.number.as_deref()?.parse().ok()?,
        year: f.year.as_deref().and_then(|y| y.parse().ok()),
        kind: d.code.clone()?,
        issuer: d.issuer.clone()?,
    };
    Some(code.to_string())
}
