//! The article record of `record-format.md`: what `baochi extract` prints, what the index
//! stores and what every output reads.
//!
//! Field names are exactly the contract's. Offsets (`start`, `end`) are Unicode code point
//! offsets into [`Record::body`], end exclusive, so `body[start..end] == text` in Python terms.

use serde::{Deserialize, Serialize};

/// One extracted article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Where the article came from (given with `--url`, or the crawled address).
    pub url: Option<String>,
    /// The publishing site's host name, e.g. `baothanhhoa.vn`.
    pub source: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS+07:00` when the time is known.
    pub published: Option<String>,
    /// The byline as printed, without "Bài, ảnh:" and the like.
    pub author: Option<String>,
    /// The article text alone; paragraphs separated by `\n\n`.
    pub body: String,
    /// The province-level unit the article reports on, by its pre-2025 name.
    pub province: Option<String>,
    /// The province-level unit that holds it after 1 July 2025.
    pub province_now: Option<String>,
    /// The five entity lists.
    pub entities: Entities,
    /// What the page is: only articles are printed by default and indexed.
    #[serde(default)]
    pub page_type: PageType,
    /// Why the page was taken for what `page_type` says, in the page's own figures.
    #[serde(default)]
    pub page_type_reason: String,
    /// In the index and its exports: the id of the earliest article the index holds with
    /// the same story (this one is a reprint of it), else none. `extract` never sets it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
}

/// The entity lists of a record; each may be empty, none may be missing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Entities {
    /// Resolutions, directives, plans, rules (văn bản).
    pub documents: Vec<Document>,
    /// Calendar dates, months, years and ranges (ngày tháng).
    pub dates: Vec<DateMention>,
    /// Named people with the titles attached to each mention (cán bộ).
    pub officials: Vec<Official>,
    /// Administrative units of Vietnam (địa danh hành chính).
    pub localities: Vec<Locality>,
    /// Reported figures: counts and shares (số liệu).
    pub statistics: Vec<Statistic>,
}

/// Where a mention stands in the body: code point offsets and the quoted text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// The mention as it stands in `body`.
    pub text: String,
    /// Code point offset of the first character.
    pub start: usize,
    /// Code point offset one past the last character.
    pub end: usize,
}

/// A cited document (văn bản): `Nghị quyết số 12-NQ/TW`, `NQTW4`, `Kế hoạch số 93/KH-TU`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The kind in Vietnamese, lower case: `nghị quyết`, `chỉ thị`, …
    pub kind: String,
    /// The number without leading zeros.
    pub number: Option<String>,
    /// The kind's code, ASCII upper case: `NQ`, `CT`, `KH`, …
    pub code: Option<String>,
    /// The issuer's code: `TW`, `TU`, `HU`, `DU`, `CP`, `UBND`.
    pub issuer: Option<String>,
    /// The plenum number for a Central Committee plenum resolution.
    pub conference: Option<u32>,
    /// The Central Committee's term as a Roman numeral.
    pub term: Option<String>,
    /// The issue date, `YYYY-MM-DD`, when the text gives it.
    pub date: Option<String>,
    /// The tool's identifier: `12-NQ/TW`, `30/NQ-CP`.
    pub canonical: Option<String>,
    /// Where it stands in the body.
    #[serde(flatten)]
    pub span: Span,
}

/// A calendar date, month or year, or a range of them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    /// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`.
    pub value: String,
    /// The end of a range at the range's precision.
    pub until: Option<String>,
    /// Where it stands in the body.
    #[serde(flatten)]
    pub span: Span,
}

/// A named person with the titles the text attaches to this mention.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Official {
    /// Full name as written, normalised.
    pub name: String,
    /// Every position attached to this mention, in order.
    pub titles: Vec<String>,
    /// Where it stands in the body.
    #[serde(flatten)]
    pub span: Span,
}

/// A mention of an administrative unit of Vietnam.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Locality {
    /// The unit's proper name: `Bỉm Sơn`.
    pub name: String,
    /// `tỉnh`, `thành phố trực thuộc trung ương`, `thành phố`, `thị xã`, `huyện`, `quận`,
    /// `xã`, `phường`, `thị trấn`, or null when unknown.
    pub level: Option<String>,
    /// The province-level unit it lies in (pre-2025 name).
    pub province: String,
    /// The GSO code where the gazetteer has it.
    pub code: Option<String>,
    /// Where it stands in the body.
    #[serde(flatten)]
    pub span: Span,
}

/// A reported figure: a count or a share.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Statistic {
    /// The value read in Vietnamese notation (`3.456` → 3456, `22,06` → 22.06).
    pub value: f64,
    /// `%` for shares, else the counted noun; empty only when the text names none.
    pub unit: String,
    /// The longer phrase it counts, when the unit alone says little.
    pub subject: Option<String>,
    /// The year the figure is for, when the text gives it.
    pub year: Option<String>,
    /// The period the figure covers, when the text gives one.
    #[serde(default)]
    pub period: Option<Period>,
    /// The administrative unit the figure is reported for.
    #[serde(rename = "for", default)]
    pub unit_for: Option<UnitFor>,
    /// What it counts: a name from `corpus/reference/indicators.tsv`, or none.
    #[serde(default)]
    pub indicator: Option<String>,
    /// The position in the list of the figure this one is a part of.
    #[serde(default)]
    pub part_of: Option<usize>,
    /// Where it stands in the body.
    #[serde(flatten)]
    pub span: Span,
}

/// The period a figure covers: `from` and `until` as dates are written (`YYYY`,
/// `YYYY-MM`, `YYYY-MM-DD`); either may be unknown ("tính đến tháng 11/2017" has no start).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// The first day, month or year covered.
    pub from: Option<String>,
    /// The last day, month or year covered.
    pub until: Option<String>,
}

/// The administrative unit a figure is reported for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitFor {
    /// The unit's proper name: `Hương Trà`.
    pub name: String,
    /// Its level (`tỉnh`, `thị xã`, `huyện` …), when known.
    pub level: Option<String>,
    /// The province-level unit it lies in (pre-2025 name).
    pub province: Option<String>,
    /// The GSO code where the gazetteer has it.
    pub code: Option<String>,
    /// Whether the text names it for the figure (false: it is the unit the article is
    /// about).
    pub from_text: bool,
}

impl Span {
    /// Builds a span from byte offsets into `body`, converting them to code point offsets.
    ///
    /// Byte offsets must lie on character boundaries (as regex matches do).
    pub fn from_bytes(body: &str, start: usize, end: usize) -> Span {
        let mut span = Span::in_bytes(body, start, end);
        spans_to_code_points(body, std::iter::once(&mut span));
        span
    }

    /// A span over the byte range `start..end` of `body` whose offsets stay in bytes: how
    /// the entity finders hand spans to each other, until the record is made and
    /// [`spans_to_code_points`] converts them all at once.
    pub(crate) fn in_bytes(body: &str, start: usize, end: usize) -> Span {
        Span {
            text: body.get(start..end).unwrap_or_default().to_string(),
            start,
            end,
        }
    }
}

/// Turns spans holding byte offsets into `body` into the contract's code point offsets, in
/// one walk over the body whatever the spans' order.
///
/// Finders work on byte offsets (what `regex` gives and what slicing takes); the contract
/// wants code points. This is the one place the first become the second. An offset inside
/// a character counts the characters started before it, so it cannot panic.
pub fn spans_to_code_points<'a>(body: &str, spans: impl IntoIterator<Item = &'a mut Span>) {
    let mut spans: Vec<&mut Span> = spans.into_iter().collect();
    if spans.is_empty() {
        return;
    }
    let mut offsets: Vec<usize> = spans.iter().flat_map(|s| [s.start, s.end]).collect();
    offsets.sort_unstable();
    offsets.dedup();
    let bytes = body.as_bytes();
    let (mut byte, mut cp) = (0usize, 0usize);
    let cps: Vec<usize> = offsets
        .iter()
        .map(|&o| {
            let o = o.min(bytes.len());
            // A code point starts at every byte that is not a UTF-8 continuation byte.
            cp += bytes[byte..o]
                .iter()
                .filter(|&&b| (b as i8) >= -0x40)
                .count();
            byte = o;
            cp
        })
        .collect();
    let to_cp = |o: usize| offsets.binary_search(&o).map_or(cp, |k| cps[k]);
    for s in &mut spans {
        s.start = to_cp(s.start);
        s.end = to_cp(s.end);
    }
}

impl Entities {
    /// [`spans_to_code_points`] for every list: what the finders found in bytes, as the
    /// record gives it.
    pub(crate) fn spans_to_code_points(&mut self, body: &str) {
        let Entities {
            documents,
            dates,
            officials,
            localities,
            statistics,
        } = self;
        spans_to_code_points(
            body,
            documents
                .iter_mut()
                .map(|d| &mut d.span)
                .chain(dates.iter_mut().map(|d| &mut d.span))
                .chain(officials.iter_mut().map(|o| &mut o.span))
                .chain(localities.iter_mut().map(|l| &mut l.span))
                .chain(statistics.iter_mut().map(|s| &mut s.span)),
        );
    }
}

/// The byte offset where each code point of a record's body starts: how readers of a
/// record (exports, views) cut the body at a mention's code point offsets.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offset of every code point, then the body's length.
    starts: Vec<usize>,
}

impl CharIndex {
    /// Indexes `body`.
    pub fn new(body: &str) -> CharIndex {
        let mut starts: Vec<usize> = body.char_indices().map(|(i, _)| i).collect();
        starts.push(body.len());
        CharIndex { starts }
    }

    /// The byte offset where code point `cp` starts (the end of the string past the last).
    pub fn byte(&self, cp: usize) -> usize {
        self.starts
            .get(cp)
            .or(self.starts.last())
            .copied()
            .unwrap_or(0)
    }

    /// The byte range of the code point range `start..end`, or `None` when it is reversed
    /// or falls outside the body (a record edited by hand, say).
    pub fn bytes(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        if start > end {
            return None;
        }
        Some((*self.starts.get(start)?, *self.starts.get(end)?))
    }
}

impl Record {
    /// The article's stable identifier: a hash of its URL, or of its body when it has no
    /// URL, so re-indexing the same article replaces it.
    pub fn id(&self) -> String {
        match &self.url {
            Some(u) if !u.is_empty() => stable_id(u.as_bytes()),
            _ => stable_id(self.body.as_bytes()),
        }
    }
}

/// FNV-1a 64 of `bytes` as 16 hex digits: stable across Rust versions and machines, unlike
/// `std`'s hasher, because ids end up in users' files.
pub fn stable_id(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// What a page is, as the record's `page_type` says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageType {
    /// One story with its own text.
    #[default]
    Article,
    /// A page of teasers or links leading to articles: home, section, tag, search, archive.
    Listing,
    /// Everything else: contact and service pages, products, galleries, forums, docs.
    Other,
}

impl PageType {
    /// The contract's name: `article`, `listing` or `other`.
    pub fn as_str(self) -> &'static str {
        match self {
            PageType::Article => "article",
            PageType::Listing => "listing",
            PageType::Other => "other",
        }
    }
}

impl std::fmt::Display for PageType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_spans_become_code_points_in_any_order() {
        // Three letters of two bytes, one of three (ữ), then ASCII.
        let body = "Đảng ủy xữ 12 đảng viên";
        let at = |needle: &str| {
            let s = body.find(needle).expect("in body");
            Span::in_bytes(body, s, s + needle.len())
        };
        let mut spans = vec![at("12 đảng viên"), at("Đảng"), at("xữ"), at("ủy")];
        spans_to_code_points(body, spans.iter_mut());
        let chars: Vec<char> = body.chars().collect();
        let got: Vec<(usize, usize)> = spans.iter().map(|s| (s.start, s.end)).collect();
        assert_eq!(got, vec![(11, 23), (0, 4), (8, 10), (5, 7)]);
        for s in &spans {
            assert_eq!(chars[s.start..s.end].iter().collect::<String>(), s.text);
        }
        assert_eq!(Span::from_bytes(body, 0, "Đảng".len()), spans[1]);
    }

    #[test]
    fn an_offset_inside_a_letter_counts_the_letters_begun_before_it() {
        // Byte 1 is inside "Đ": one code point has begun there. No panic either way.
        let mut s = [Span {
            text: String::new(),
            start: 1,
            end: 99,
        }];
        spans_to_code_points("Đa", s.iter_mut());
        assert_eq!((s[0].start, s[0].end), (1, 2));
    }

    #[test]
    fn a_char_index_cuts_the_body_at_code_points() {
        let body = "Đảng ủy";
        let ci = CharIndex::new(body);
        assert_eq!(ci.bytes(0, 4).map(|(s, e)| &body[s..e]), Some("Đảng"));
        assert_eq!(ci.bytes(5, 7).map(|(s, e)| &body[s..e]), Some("ủy"));
        assert_eq!(ci.byte(7), body.len());
        assert_eq!(ci.bytes(5, 8), None);
        assert_eq!(ci.bytes(3, 2), None);
    }
}
