//! The `officials` list of the record: named people with the titles attached to each
//! mention (cán bộ).
//!
//! Input: a normalised body. Output: one [`Official`] per mention, in body order, with the
//! name's code point span. A name is a run of capitalised syllables that starts with a
//! family name from `corpus/reference/surnames.tsv`, or that a cue vouches for ("đồng
//! chí", "ông", "bà", "Ảnh:", a title right before it). Titles come from
//! `corpus/reference/titles.tsv`: a chain after the name ("đồng chí Tạ Ngọc Phước, Tỉnh ủy
//! viên, Bí thư Thị ủy, khẳng định") and the title right before it, which keeps the
//! organisation and place it carries ("Bí thư Huyện ủy Điện Biên Đông Vừ A Bằng").
//!
//! Hard cases: places that start with a family name ("Thái Nguyên", "Hà Giang") are never
//! people, a title with a place but no name ("Theo Bí thư Thị ủy Hương Trà") is not an
//! official, "TP Hồ Chí Minh" is a city while "tư tưởng Hồ Chí Minh" is the person, and the
//! byline ("Bài, ảnh: …") is not a mention.
//!
//! ```
//! let found = baochi::entities::officials::find(
//!     "Đồng chí Vừ A Bằng, Bí thư Huyện ủy Điện Biên Đông cho biết.",
//! );
//! assert_eq!(found[0].name, "Vừ A Bằng");
//! assert_eq!(found[0].titles, ["Bí thư Huyện ủy Điện Biên Đông"]);
//! assert_eq!((found[0].span.start, found[0].span.end), (9, 18));
//! ```

mod lexicon;

use crate::entities::gazetteer::gazetteer;
use crate::record::{Official, Span, spans_to_code_points};
use crate::text::{TokenKind, normalize_line, segment};
use lexicon::{LEXICON, Lexicon, Phrases};

/// Longest title chain kept for one mention; real chains have two to four.
const MAX_TITLES: usize = 6;
/// Longest title in tokens ("Phó Chủ tịch Thường trực Ủy ban nhân dân tỉnh Bà Rịa - Vũng
/// Tàu" is 14).
const MAX_TITLE_TOKENS: usize = 20;

/// Whether a name is a person's that is also a unit's (`Hồ Chí Minh`, a `person_place` of
/// `corpus/reference/name_context.tsv`): the localities finder counts it only after a level
/// word.
pub(crate) fn is_person_place(name: &str) -> bool {
    lexicon::LEXICON.person_places.contains(name)
}

/// Finds every mention of a named person in a normalised body.
pub fn find(body: &str) -> Vec<Official> {
    let mut officials = scan(body);
    spans_to_code_points(body, officials.iter_mut().map(|o| &mut o.span));
    officials
}

/// [`find`] with byte offsets, for the other finders (see [`crate::entities`]).
pub(crate) fn scan(body: &str) -> Vec<Official> {
    let doc = Doc::new(body, &LEXICON);
    let mentions = doc.mentions();
    mentions
        .into_iter()
        .map(|m| {
            let (s, e) = doc.bytes(m.name);
            let span = Span::in_bytes(body, s, e);
            Official {
                name: normalize_line(&body[s..e]),
                titles: m
                    .titles
                    .iter()
                    .map(|&t| {
                        let (ts, te) = doc.bytes(t);
                        normalize_line(&body[ts..te])
                    })
                    .collect(),
                span,
            }
        })
        .collect()
}

/// What a token looks like, which is most of what decides whether it can be in a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A capital then small letters, or one capital: `Nguyễn`, `A`, `K'Nhai`.
    Name,
    /// Capitals only, two or more: `UBND`, `ĐBQH`, `T.Ư`, `NGUYỄN`.
    Upper,
    /// Starts with a small letter.
    Lower,
    /// Digits.
    Number,
    /// Anything else (`ThS`, `12-NQ/TW`).
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    shape: Shape,
}

/// Tokens `[0]..[1]`, end exclusive.
type Range = (usize, usize);

/// One person found: the name's token range and each title's.
#[derive(Debug)]
struct Mention {
    name: Range,
    titles: Vec<Range>,
}

/// How strongly the words before a run say a person follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Cue {
    None,
    /// "anh", "chị", a list after a weakly cued name: a family name is still needed.
    Weak,
    /// "đồng chí", "ông", "bà", a list after such a name: any name-like syllables.
    Strong,
    /// "Ảnh:" — a photographer's pen name, any two syllables, capitals allowed; found, not
    /// listed as an official.
    Photo,
}

struct Doc<'a> {
    body: &'a str,
    toks: Vec<Tok>,
    lx: &'a Lexicon,
}

fn shape_of(text: &str, kind: TokenKind) -> Shape {
    let letters = || text.chars().filter(|c| c.is_alphabetic());
    match kind {
        TokenKind::Number => Shape::Number,
        TokenKind::Code => {
            if letters().count() >= 2 && letters().all(|c| !c.is_lowercase()) {
                Shape::Upper
            } else {
                Shape::Other
            }
        }
        TokenKind::Word => {
            let mut cs = text.chars();
            let Some(first) = cs.next() else {
                return Shape::Other;
            };
            if first.is_lowercase() {
                Shape::Lower
            } else if first.is_uppercase() {
                let rest = cs.as_str();
                // HʼYim (modifier letter apostrophe, a letter itself): the syllable after it
                // is capitalised too.
                let rest = rest.strip_prefix('ʼ').map_or(rest, |r| {
                    r.strip_prefix(|c: char| c.is_uppercase()).unwrap_or(r)
                });
                if rest.is_empty() || rest.chars().all(|c| !c.is_uppercase()) {
                    Shape::Name
                } else if rest.chars().all(|c| !c.is_lowercase()) {
                    Shape::Upper
                } else {
                    Shape::Other
                }
            } else {
                Shape::Other
            }
        }
    }
}

fn tokenize(body: &str) -> Vec<Tok> {
    let segs = segment(body);
    let mut out = Vec::with_capacity(segs.len());
    let mut k = 0;
    while k < segs.len() {
        let t = segs[k];
        let shape = shape_of(t.text, t.kind);
        // K'Nhai, H'Hen Niê: the prefix and the syllable are one name syllable.
        if shape == Shape::Name
            && t.text.chars().count() == 1
            && let Some(n) = segs.get(k + 1)
            && matches!(&body[t.end..n.start], "'" | "’")
            && shape_of(n.text, n.kind) == Shape::Name
        {
            out.push(Tok {
                start: t.start,
                end: n.end,
                shape: Shape::Name,
            });
            k += 2;
            continue;
        }
        out.push(Tok {
            start: t.start,
            end: t.end,
            shape,
        });
        k += 1;
    }
    out
}

/// Whether `word` equals `lower_word` ignoring case, without allocating.
fn eq_ci(word: &str, lower_word: &str) -> bool {
    word.chars()
        .flat_map(char::to_lowercase)
        .eq(lower_word.chars())
}

impl<'a> Doc<'a> {
    fn new(body: &'a str, lx: &'a Lexicon) -> Doc<'a> {
        Doc {
            body,
            toks: tokenize(body),
            lx,
        }
    }

    fn n(&self) -> usize {
        self.toks.len()
    }

    fn text(&self, i: usize) -> &'a str {
        let t = self.toks[i];
        &self.body[t.start..t.end]
    }

    fn shape(&self, i: usize) -> Shape {
        self.toks[i].shape
    }

    /// The text between token `i - 1` and token `i`.
    fn gap(&self, i: usize) -> &'a str {
        let from = if i == 0 { 0 } else { self.toks[i - 1].end };
        let to = if i < self.n() {
            self.toks[i].start
        } else {
            self.body.len()
        };
        &self.body[from..to]
    }

    /// Whether token `i` follows token `i - 1` after one space.
    fn joined(&self, i: usize) -> bool {
        i > 0 && i < self.n() && self.gap(i) == " "
    }

    fn is(&self, i: usize, lower_word: &str) -> bool {
        i < self.n() && eq_ci(self.text(i), lower_word)
    }

    fn is_cap(&self, i: usize) -> bool {
        i < self.n() && matches!(self.shape(i), Shape::Name | Shape::Upper)
    }

    fn bytes(&self, r: Range) -> (usize, usize) {
        (self.toks[r.0].start, self.toks[r.1 - 1].end)
    }

    /// Length of the longest phrase of `set` that starts at token `i` and ends by `limit`.
    fn phrase_at(&self, set: &Phrases, i: usize, limit: usize) -> Option<usize> {
        if i >= limit.min(self.n()) {
            return None;
        }
        set.starting(self.text(i))
            .iter()
            .find(|p| i + p.len() <= limit.min(self.n()) && self.spells(p, i))
            .map(Vec::len)
    }

    /// Whether the tokens from `i` spell phrase `p`: single spaces between words, or ", "
    /// after a word written with its comma ("Văn hóa, Thể thao và Du lịch").
    fn spells(&self, p: &[String], i: usize) -> bool {
        p.iter().enumerate().all(|(k, w)| {
            let gap_ok = k == 0
                || if p[k - 1].ends_with(',') {
                    self.gap(i + k) == ", "
                } else {
                    self.joined(i + k)
                };
            gap_ok && self.is(i + k, w.trim_end_matches(','))
        })
    }

    /// Length of the longest phrase of `set` that ends right before token `end`, starting
    /// at or after `floor`.
    fn phrase_before(&self, set: &Phrases, end: usize, floor: usize) -> Option<usize> {
        if end == 0 || end <= floor {
            return None;
        }
        set.ending(self.text(end - 1))
            .iter()
            .find(|p| p.len() <= end - floor && self.spells(p, end - p.len()))
            .map(Vec::len)
    }

    fn is_surname(&self, i: usize) -> bool {
        self.lx.is_surname(self.text(i))
    }

    /// Whether the tokens `[a, a + k)` spell one of `names`; returns `k`.
    fn names_at(&self, names: &std::collections::HashSet<String>, a: usize, b: usize) -> usize {
        (2..=3.min(b - a))
            .rev()
            .find(|&k| names.contains(&self.body[self.toks[a].start..self.toks[a + k - 1].end]))
            .unwrap_or(0)
    }

    fn mentions(&self) -> Vec<Mention> {
        let mut out: Vec<Mention> = Vec::new();
        // Tokens before `floor` belong to a mention already found.
        let mut floor = 0;
        // Where the last mention (name and titles) ended, and how strongly it was cued.
        let mut last: Option<(usize, Cue)> = None;
        let mut i = 0;
        let n = self.n();
        while i < n {
            let shape = self.shape(i);
            let photo_caps = shape == Shape::Upper && self.photo_cue(i);
            if shape != Shape::Name && !photo_caps {
                i += 1;
                continue;
            }
            let want = shape;
            let mut b = i + 1;
            while b < n && self.joined(b) && self.shape(b) == want {
                b += 1;
            }
            match self.person(i, b, floor, last) {
                Some((m, next, cue)) => {
                    floor = next;
                    last = Some((next, cue));
                    i = next.max(b);
                    // A photographer's credit is found (so its name is not read as
                    // anything else) but is no official of the story.
                    if !self.is_byline(m.name) && cue != Cue::Photo {
                        out.push(m);
                    }
                }
                None => i = b,
            }
        }
        out
    }

    /// "Ảnh: X", "(Ảnh: X)", "Ảnh: TTXVN/X".
    fn photo_cue(&self, a: usize) -> bool {
        if a == 0 {
            return false;
        }
        let colon = |g: &str| g.trim() == ":";
        if self.is(a - 1, "ảnh") && colon(self.gap(a)) {
            return true;
        }
        a >= 2
            && self.gap(a) == "/"
            && self.shape(a - 1) == Shape::Upper
            && self.is(a - 2, "ảnh")
            && colon(self.gap(a - 1))
    }

    /// The cue right before the run starting at `a`.
    fn cue_before(&self, a: usize, floor: usize, last: Option<(usize, Cue)>) -> Cue {
        if self.photo_cue(a) {
            return Cue::Photo;
        }
        let g = self.gap(a);
        if (g == " " || g == ": ") && self.phrase_before(&self.lx.cues, a, floor).is_some() {
            return Cue::Strong;
        }
        // đ/c Nguyễn Văn A
        if a >= 2
            && g == " "
            && self.is(a - 1, "c")
            && self.gap(a - 1) == "/"
            && self.is(a - 2, "đ")
        {
            return Cue::Strong;
        }
        if g == " " && self.phrase_before(&self.lx.weak_cues, a, floor).is_some() {
            return Cue::Weak;
        }
        if let Some((end, cue)) = last {
            let listed = (end == a && matches!(g.trim(), "," | ";"))
                || (end + 1 == a
                    && (self.is(end, "và") || self.is(end, "cùng"))
                    && matches!(self.gap(end).trim(), "" | ",")
                    && g == " ")
                || (cue == Cue::Photo && end == a && matches!(g.trim(), "-" | "–" | "/"));
            if listed && cue != Cue::None {
                return cue;
            }
        }
        Cue::None
    }

    /// Decides whether the run of capitalised syllables `[a, b)` holds a person's name.
    /// Returns the mention, the token after everything it consumed, and its cue.
    fn person(
        &self,
        mut a: usize,
        b: usize,
        floor: usize,
        last: Option<(usize, Cue)>,
    ) -> Option<(Mention, usize, Cue)> {
        // "Ông Nguyễn Văn A", "Anh Lò Văn B": a cue word opening the run is no part of it.
        let mut cue = Cue::None;
        while b - a > 2 {
            if self.phrase_at(&self.lx.cues, a, a + 1).is_some() {
                cue = Cue::Strong;
            } else if self.phrase_at(&self.lx.weak_cues, a, a + 1).is_some() {
                cue = cue.max(Cue::Weak);
            } else {
                break;
            }
            a += 1;
        }
        if b - a < 2 {
            return None;
        }
        if cue == Cue::None {
            cue = self.cue_before(a, floor, last);
        }
        let before = self.titles_before(a, floor);
        if cue == Cue::None
            && let Some(&(t, _)) = before.first()
        {
            // "Đồng chí Bí thư Tỉnh ủy Chẩu Văn Lâm": the cue stands before the titles.
            cue = self.cue_before(t, floor, last);
        }
        // "TP. Hồ Chí Minh"; other punctuation between a word and the run breaks the context.
        let tp_dot = a >= 1 && self.is(a - 1, "tp") && self.gap(a).trim() == ".";
        let mut after_thing = tp_dot
            || (self.joined(a)
                && self
                    .phrase_before(&self.lx.institutions, a, floor)
                    .is_some());
        let after_place = !after_thing
            && self.joined(a)
            && self.phrase_before(&self.lx.place_words, a, floor).is_some();
        // Where a name may start: not inside a known place name.
        let mut min_s = a;
        let k = self.names_at(&self.lx.person_places, a, b);
        if k > 0 && (after_place || after_thing) {
            min_s = a + k;
            after_thing = true;
        }
        let pos0 = if after_thing {
            false
        } else if after_place {
            !before.is_empty() && b - a >= 3
        } else {
            true
        };
        let any_start = matches!(cue, Cue::Strong | Cue::Photo);
        let valid = |s: usize| -> bool {
            if s < min_s || s >= b || (s == a && !pos0) {
                return false;
            }
            // "Hà Nội", "Thái Nguyên": a known place, even where a name could start.
            if self.names_at(&self.lx.place_names, s, b) > 0 {
                return false;
            }
            let len = b - s;
            let ethnic = self.is(s, "y") || self.text(s).contains(['\'', '’']);
            if len < 2 || len > if ethnic { 5 } else { 4 } {
                return false;
            }
            // "Đồng chí Phó Chủ tịch": Phó is a family name too, but here a title starts.
            if self.phrase_at(&self.lx.heads, s, self.n()).is_some() {
                return false;
            }
            if self.is_surname(s) {
                return true;
            }
            s == a && any_start && !self.lx.not_first.contains(self.text(s))
        };
        let mut order: Vec<usize> = vec![a, a + 2, a + 1];
        order.extend(a + 3..b);
        // After "Huyện ủy", "tỉnh": the place the gazetteer knows comes first ("Huyện ủy Lâm
        // Hà Lê Văn B"), and a run that is all place holds no name ("Huyện ủy Hoàng Su Phì").
        let all_place = after_place && self.unit(a, b).is_some();
        let known_place = (a + 1..b - 1)
            .rev()
            .find(|&s| after_place && valid(s) && self.unit(a, s).is_some());
        let mut s = match known_place {
            Some(s) => s,
            None if all_place => return None,
            None => order.into_iter().find(|&s| valid(s))?,
        };
        // "Hà Trung Lê Duẩn" after a place word is a place and a name; "Nguyễn Thị Kim Ngân"
        // is one name.
        if s == a
            && known_place.is_none()
            && b - a == 4
            && valid(a + 2)
            && !self.lx.middles.contains(self.text(a + 1))
            && (after_place || !before.is_empty())
        {
            s = a + 2;
        }
        let len = b - s;
        let (after, next) = self.titles_after(b);
        if cue == Cue::None && before.is_empty() {
            // No cue at all: a three-syllable name with a family name stands on its own; two
            // syllables ("Thái Nguyên", "Hà Giang") need a title after them.
            if after_place || after_thing {
                return None;
            }
            if len == 2 && after.is_empty() {
                return None;
            }
            // "Hoàng Su Phì", "Trần Văn Thời": districts that read like names.
            if self.unit(s, b) == Some(true) && self.names_at(&self.lx.person_places, s, b) == 0 {
                return None;
            }
        }
        if cue == Cue::Photo && s == a && self.shape(a) == Shape::Upper && !self.is_surname(a) {
            return None;
        }
        let mut titles = before;
        if let Some(t) = titles.last_mut()
            && t.1 == a
        {
            t.1 = s;
        }
        titles.extend(after);
        let cue = if cue == Cue::None && !titles.is_empty() {
            Cue::Strong
        } else {
            cue
        };
        Some((
            Mention {
                name: (s, b),
                titles,
            },
            next,
            cue,
        ))
    }

    /// Whether the gazetteer knows tokens `[s, e)` as an administrative unit: `Some(true)`
    /// when one of its readings is a district or province, `Some(false)` for communes only.
    fn unit(&self, s: usize, e: usize) -> Option<bool> {
        let readings = gazetteer().readings(&self.body[self.toks[s].start..self.toks[e - 1].end]);
        if readings.is_empty() {
            return None;
        }
        Some(
            readings
                .iter()
                .any(|r| !matches!(r.level, "xã" | "phường" | "thị trấn")),
        )
    }

    /// Whether a name starts at token `i`: a family name and another name syllable.
    fn starts_name(&self, i: usize) -> bool {
        i + 1 < self.n()
            && self.is_surname(i)
            && self.joined(i + 1)
            && self.shape(i + 1) == Shape::Name
    }

    /// Whether token `i` may be inside a title, looking backwards.
    fn title_able(&self, i: usize) -> bool {
        match self.shape(i) {
            Shape::Name | Shape::Upper | Shape::Other => true,
            Shape::Number => self.phrase_before(&self.lx.numbered, i, 0).is_some(),
            Shape::Lower => {
                let w = lexicon::lower(self.text(i));
                w == "và"
                    || self.lx.title_words.contains(&w)
                    || !self.lx.prefixes.starting(&w).is_empty()
            }
        }
    }

    /// The title starting at token `t` (a head, maybe after "nguyên"), extended over
    /// organisation and place words but not past `limit`. Returns its end.
    fn title_extent(&self, t: usize, limit: usize) -> Option<usize> {
        let limit = limit.min(self.n());
        let mut i = t;
        if self.phrase_at(&self.lx.prefixes, i, limit).is_some() && self.joined(i + 1) {
            i += 1;
        }
        i += self.phrase_at(&self.lx.heads, i, limit)?;
        while i < limit && i - t < MAX_TITLE_TOKENS {
            if !self.joined(i) {
                // Văn hóa - Xã hội, Bà Rịa - Vũng Tàu.
                let dash = matches!(self.gap(i), " - " | " – ")
                    || (matches!(self.gap(i), "-" | "–") && self.is_cap(i - 1));
                let joins = dash
                    && self.is_cap(i)
                    && self.phrase_at(&self.lx.heads, i, limit).is_none()
                    && self.phrase_at(&self.lx.cues, i, limit).is_none()
                    && !self.starts_name(i);
                if !joins {
                    break;
                }
            }
            match self.shape(i) {
                Shape::Name | Shape::Upper => {
                    i += self.phrase_at(&self.lx.orgs, i, limit).unwrap_or(1);
                }
                Shape::Other => i += 1,
                Shape::Number => {
                    if self.phrase_before(&self.lx.numbered, i, t).is_some() {
                        i += 1;
                    } else {
                        break;
                    }
                }
                Shape::Lower => {
                    if self.is(i, "và")
                        && i + 1 < limit
                        && self.joined(i + 1)
                        && self.is_cap(i + 1)
                        && self.phrase_at(&self.lx.heads, i + 1, limit).is_none()
                        && !self.starts_name(i + 1)
                    {
                        i += 1;
                    } else if let Some(l) = self.phrase_at(&self.lx.conts, i, limit) {
                        i += l;
                    } else {
                        break;
                    }
                }
            }
        }
        Some(i)
    }

    /// The title that ends exactly at token `end`, found by looking back from it; returns
    /// its start.
    fn title_ending_at(&self, end: usize, floor: usize) -> Option<usize> {
        let mut j = end;
        let mut steps = 0;
        while j > floor
            && steps < MAX_TITLE_TOKENS
            && (j == end || self.joined(j) || matches!(self.gap(j), " - " | " – "))
            && self.title_able(j - 1)
        {
            j -= 1;
            steps += 1;
        }
        (j..end).find(|&t| self.title_extent(t, end) == Some(end))
    }

    /// The chain of titles right before the run at `a` ("Ủy viên Bộ Chính trị, Bí thư
    /// Thành ủy Hà Nội Đinh Tiến Dũng"); the last one ends at `a`.
    fn titles_before(&self, a: usize, floor: usize) -> Vec<Range> {
        if a == 0 || a <= floor || !self.joined(a) {
            return Vec::new();
        }
        let Some(mut t) = self.title_ending_at(a, floor) else {
            return Vec::new();
        };
        let mut titles = vec![(t, a)];
        while titles.len() < MAX_TITLES
            && t > floor + 1
            && matches!(self.gap(t).trim(), "," | "-" | "–")
        {
            match self.title_ending_at(t, floor) {
                Some(p) => {
                    titles.push((p, t));
                    t = p;
                }
                None => break,
            }
        }
        titles.reverse();
        titles
    }

    /// The chain of titles after a name ending at token `b`: ", Tỉnh ủy viên, Bí thư Thị
    /// ủy", " - Chủ tịch UBND huyện", " (Bí thư Chi bộ thôn 3)". Returns the titles and the
    /// token after the last one (or `b`).
    fn titles_after(&self, b: usize) -> (Vec<Range>, usize) {
        let mut titles = Vec::new();
        let separated = matches!(
            self.gap(b),
            ", " | "," | " - " | " – " | "-" | "–" | " -" | "- " | " (" | "(" | ": "
        );
        // "đ/c Nguyễn Công Châu UVBTV – PCT UBND huyện": an abbreviated title needs no comma.
        let abbreviated = self.joined(b)
            && self.shape(b) == Shape::Upper
            && self.phrase_at(&self.lx.heads, b, self.n()).is_some();
        if b >= self.n() || !(separated || abbreviated) {
            return (titles, b);
        }
        let mut i = b;
        while titles.len() < MAX_TITLES {
            let Some(e) = self.title_extent(i, self.n()) else {
                break;
            };
            titles.push((i, e));
            i = e;
            if i >= self.n() {
                break;
            }
            if matches!(self.gap(i), ", " | "," | " - " | " – ") {
                continue;
            }
            // "Bí thư Tỉnh ủy kiêm Chủ tịch HĐND tỉnh"
            if self.joined(i)
                && (self.is(i, "kiêm") || self.is(i, "và"))
                && self.joined(i + 1)
                && self.phrase_at(&self.lx.heads, i + 1, self.n()).is_some()
            {
                i += 1;
                continue;
            }
            break;
        }
        let next = titles.last().map_or(b, |t| t.1);
        (titles, next)
    }

    /// Whether the name is the article's byline ("Bài, ảnh: Nguyễn Huy" or a name alone on
    /// one of the last lines): the record keeps that in `author`, not among the mentions.
    fn is_byline(&self, name: Range) -> bool {
        let (s, e) = self.bytes(name);
        let line_start = self.body[..s].rfind('\n').map_or(0, |p| p + 1);
        let line_end = self.body[e..].find('\n').map_or(self.body.len(), |p| e + p);
        let suffix = self.body[e..line_end].trim_matches(|c: char| c.is_whitespace() || c == '.');
        // "Nguyễn Văn A (TTXVN)": the agency after a byline.
        let agency = suffix.starts_with('(') && suffix.ends_with(')');
        if !suffix.is_empty() && !agency {
            return false;
        }
        let prefix = self.body[line_start..s].trim().to_lowercase();
        if prefix.is_empty() {
            // A name alone on a line near the end.
            let later_lines = self.body[line_end..]
                .lines()
                .filter(|l| !l.trim().is_empty())
                .take(3)
                .count();
            return later_lines <= 2;
        }
        self.lx.bylines.contains(&prefix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(body: &str) -> Vec<(String, Vec<String>)> {
        find(body).into_iter().map(|o| (o.name, o.titles)).collect()
    }

    fn one(body: &str, name: &str, titles: &[&str]) {
        assert_eq!(
            names(body),
            vec![(
                name.to_string(),
                titles.iter().map(|t| t.to_string()).collect::<Vec<_>>()
            )],
            "in {body:?}"
        );
    }

    #[test]
    fn chain_after_name_stops_at_verb() {
        one(
            "Đánh giá kết quả, đồng chí Tạ Ngọc Phước, Tỉnh ủy viên, Bí thư Thị ủy, khẳng định: tốt.",
            "Tạ Ngọc Phước",
            &["Tỉnh ủy viên", "Bí thư Thị ủy"],
        );
    }

    #[test]
    fn title_before_keeps_place() {
        one(
            "Đồng chí Vừ A Bằng, Bí thư Huyện ủy Điện Biên Đông cho biết: tốt.",
            "Vừ A Bằng",
            &["Bí thư Huyện ủy Điện Biên Đông"],
        );
        one(
            "Phó Bí thư Thường trực Tỉnh ủy Bùi Thanh Hà phát biểu tại buổi làm việc.",
            "Bùi Thanh Hà",
            &["Phó Bí thư Thường trực Tỉnh ủy"],
        );
    }

    #[test]
    fn spans_are_code_points() {
        let body = "Ảnh ông Vừ A Bằng";
        let o = &find(body)[0];
        assert_eq!(
            (o.span.start, o.span.end, o.span.text.as_str()),
            (8, 17, "Vừ A Bằng")
        );
    }

    #[test]
    fn tokenizer_glues_apostrophe_prefixes() {
        let d = Doc::new("bà H'Hen Niê và ông K’Nhai", &LEXICON);
        let texts: Vec<&str> = (0..d.n()).map(|i| d.text(i)).collect();
        assert_eq!(texts, ["bà", "H'Hen", "Niê", "và", "ông", "K’Nhai"]);
        assert_eq!(d.shape(1), Shape::Name);
    }
}
