//! The `localities` list of the record, and the province an article reports on.
//!
//! Input: a normalised body and the officials found in it. Output: one [`Locality`] per
//! mention of an administrative unit, with its level, province (pre-2025 name) and GSO code.
//!
//! A name is looked up syllable by syllable in the [gazetteer](super::gazetteer) (one hash
//! map keyed by the exact name, longest name first), then read by what stands before it:
//! - a level word (`tỉnh`, `thành phố`, `TP`, `TP.`, `thị xã`, `TX`, `huyện`, `quận`, `xã`,
//!   `phường`, `thị trấn`) names the level and is part of the mention;
//! - a party committee (`Tỉnh ủy`, `Thành ủy`, `Thị ủy`, `Huyện ủy`, `Quận ủy`) names the
//!   level but not the mention ("Thị ủy Hương Trà" mentions `Hương Trà`);
//! - nothing: a bare name counts only for a province, or for a district-level unit the
//!   article names elsewhere with its level or that lies in the article's province. A bare
//!   commune name is too ambiguous to count.
//!
//! A name several units bear (`phường Ba Đình` in Hà Nội and in Thanh Hóa) goes to the one
//! that the units named nearby contain or sit beside ("phường Ba Đình (thị xã Bỉm Sơn)"),
//! else to the one in the article's province; with no evidence it is left out rather than
//! guessed. People are not places: spans of `officials` and names after `ông`, `đồng chí`,
//! `tư tưởng`, `phong cách`… (`tư tưởng Hồ Chí Minh`) are skipped, and `Hồ Chí Minh` counts
//! only after `TP`/`thành phố`.
//!
//! ```
//! use baochi::entities::localities::find;
//! let body = "Mặt bằng mới ở phường Ba Đình (thị xã Bỉm Sơn).";
//! let found = find(body, &[]);
//! assert_eq!(found[0].name, "Ba Đình");
//! assert_eq!(found[0].province, "Thanh Hóa");
//! assert_eq!(found[1].span.text, "thị xã Bỉm Sơn");
//! ```

use std::collections::HashMap;
use std::sync::LazyLock;

use super::gazetteer::{CENTRAL_CITY, Gazetteer, NameKind, Paper, Reading, Tier, gazetteer};
use crate::record::{Locality, Official, Span, spans_to_code_points};
use crate::text::syllable::{is_word_byte, is_word_char, next_syllable, prev_syllable, skip_word};

/// The words around a unit's name, from `corpus/reference/locality_words.tsv`.
struct LocalityWords {
    /// Level words before a name: (syllables in lower case, the contract level, part of
    /// the mention), in the file's order (two-syllable words first).
    levels: Vec<(Vec<&'static str>, &'static str, bool)>,
    /// Words after which a bare name is not the unit, as syllables.
    not_a_place_before: Vec<Vec<&'static str>>,
}

const LOCALITY_WORDS_TSV: &str = include_str!("../../corpus/reference/locality_words.tsv");

fn parse_locality_words(text: &'static str) -> Result<LocalityWords, String> {
    let mut w = LocalityWords {
        levels: Vec::new(),
        not_a_place_before: Vec::new(),
    };
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&'static str> = line.split('\t').collect();
        let words = |p: &'static str| p.split(' ').collect::<Vec<_>>();
        match cols.as_slice() {
            ["level", phrase, level, in_span] => {
                let in_span = match *in_span {
                    "yes" => true,
                    "no" => false,
                    _ => return Err(format!("line {}: in_span is yes or no: {line:?}", n + 1)),
                };
                w.levels.push((words(phrase), level, in_span));
            }
            ["not_a_place_before", phrase] => w.not_a_place_before.push(words(phrase)),
            _ => return Err(format!("line {}: not a row: {line:?}", n + 1)),
        }
    }
    if w.levels.is_empty() || w.not_a_place_before.is_empty() {
        return Err("a kind has no rows".to_string());
    }
    Ok(w)
}

static WORDS: LazyLock<LocalityWords> = LazyLock::new(|| {
    // Compiled in and parsed by a test: a broken table finds no level word rather than
    // panicking.
    parse_locality_words(LOCALITY_WORDS_TSV).unwrap_or_else(|e| {
        tracing::error!(error = %e, "corpus/reference/locality_words.tsv");
        LocalityWords {
            levels: Vec::new(),
            not_a_place_before: Vec::new(),
        }
    })
});

/// `text` (lower case) without the level word it ends with, trimmed: "luân chuyển về
/// huyện" → "luân chuyển về", "về tp." → "về"; `None` when it ends with none. Committee
/// words (`huyện ủy`) are not level words here: they name who acts, not where.
pub(crate) fn without_level_word(text: &str) -> Option<&str> {
    let t = text.strip_suffix('.').unwrap_or(text);
    WORDS
        .levels
        .iter()
        .filter(|l| l.2)
        .find_map(|(syllables, _, _)| {
            // Syllable by syllable from the end: the phrase is never joined into a string.
            let mut head = t;
            for (k, syllable) in syllables.iter().rev().enumerate() {
                if k > 0 {
                    head = head.strip_suffix(' ')?;
                }
                head = head.strip_suffix(syllable)?;
            }
            (head.is_empty() || head.ends_with(char::is_whitespace)).then(|| head.trim_end())
        })
}

/// One name found in the body before its unit is decided.
struct Mention<'a> {
    /// Byte range of the mention (with its level word when one stands before the name).
    start: usize,
    end: usize,
    /// The name as written.
    name: &'a str,
    /// The level the text gives (level word or committee), if any.
    text_level: Option<&'static str>,
    /// Readings the text allows, each with the level to report.
    readings: Vec<(Reading, &'static str)>,
}

impl Mention<'_> {
    fn anchored(&self) -> bool {
        self.text_level.is_some()
    }

    /// The distinct units among the readings.
    fn units(&self) -> Vec<usize> {
        let mut u: Vec<usize> = self.readings.iter().map(|(r, _)| r.unit).collect();
        u.sort_unstable();
        u.dedup();
        u
    }
}

/// Finds every mention of an administrative unit in a normalised body; spans already taken
/// by `officials` (as [`crate::entities::officials::find`] gives them) are people, not
/// places.
pub fn find(body: &str, officials: &[Official]) -> Vec<Locality> {
    // The officials' code points back to bytes: the caller holds the record's offsets.
    let mut people = officials.to_vec();
    if !people.is_empty() {
        let index = crate::record::CharIndex::new(body);
        for o in &mut people {
            (o.span.start, o.span.end) = index.bytes(o.span.start, o.span.end).unwrap_or_default();
        }
    }
    let mut found = scan(body, &people);
    spans_to_code_points(body, found.iter_mut().map(|l| &mut l.span));
    found
}

/// [`find`] with byte offsets, `officials`' included (see [`crate::entities`]).
pub(crate) fn scan(body: &str, officials: &[Official]) -> Vec<Locality> {
    let g = gazetteer();
    let people: Vec<(usize, usize)> = officials
        .iter()
        .map(|o| (o.span.start, o.span.end))
        .collect();
    let mentions = mentions(g, body, &people);
    let resolved = resolve(g, body, &mentions);
    mentions
        .iter()
        .zip(resolved)
        .filter_map(|(m, pick)| {
            let (reading, level) = pick?;
            let unit = &g.units[reading.unit];
            let name = match reading.kind {
                NameKind::Own | NameKind::Other | NameKind::Merged => m.name,
                NameKind::Spelling | NameKind::Abbreviation => unit.name,
            };
            Some(Locality {
                name: name.to_string(),
                level: Some(level.to_string()),
                province: g.units[unit.province].name.to_string(),
                code: (reading.kind != NameKind::Merged).then(|| unit.code.to_string()),
                span: Span::in_bytes(body, m.start, m.end),
            })
        })
        .collect()
}

/// Every name of the gazetteer in `body` that its context lets stand for a unit, longest
/// first, without overlaps.
fn mentions<'a>(g: &Gazetteer, body: &'a str, people: &[(usize, usize)]) -> Vec<Mention<'a>> {
    let b = body.as_bytes();
    let mut out: Vec<Mention<'a>> = Vec::new();
    // The list the last mention opened: its level, whether the level word was plural
    // ("các xã", "hai huyện"), and where the last item ended.
    let mut list: Option<(&'static str, bool, usize)> = None;
    let mut ends: Vec<usize> = Vec::with_capacity(8);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if !is_word_byte(c) {
            i += 1;
            continue;
        }
        // A syllable starts here. Most are lower case: decide those on the first byte and
        // skip them without further work.
        let starts_name = if c.is_ascii_lowercase() {
            false
        } else if c < 0x80 {
            c.is_ascii_uppercase() || c.is_ascii_digit()
        } else {
            match body[i..].chars().next() {
                Some(ch) if ch.is_uppercase() => true,
                // Punctuation outside ASCII (“, –, …) before a word: look again after it.
                Some(ch) if !is_word_char(ch) => {
                    i += ch.len_utf8();
                    continue;
                }
                _ => false,
            }
        };
        let Some((s, e)) = starts_name.then(|| next_syllable(body, i)).flatten() else {
            i = skip_word(b, i + 1);
            continue;
        };
        let max = g.max_syllables(&body[s..e]);
        ends.clear();
        ends.push(e);
        while ends.len() < max {
            let Some((_, ne)) = next_syllable(body, ends[ends.len() - 1]) else {
                break;
            };
            ends.push(ne);
        }
        let mut next = e;
        for &end in ends.iter().take(max).rev() {
            let name = &body[s..end];
            let readings = g.readings(name);
            if readings.is_empty() {
                continue;
            }
            if people.iter().any(|&(ps, pe)| s < pe && ps < end) {
                next = end;
                break;
            }
            let m = list
                .and_then(|(level, plural, prev)| {
                    listed(body, prev, s, level, plural, name, readings)
                })
                .or_else(|| read(g, body, s, end, name, readings));
            if let Some(m) = m {
                list = match (m.text_level, list) {
                    // A level word opens a list.
                    (Some(level), _) if m.start < s => {
                        Some((level, plural_before(body, m.start), end))
                    }
                    // An item carried by the list continues it.
                    (Some(level), Some((l, plural, _))) if l == level && m.start == s => {
                        Some((level, plural, end))
                    }
                    _ => None,
                };
                out.push(m);
                next = end;
                break;
            }
        }
        i = next.max(i + 1);
    }
    out
}

/// Whether the word before a level word makes it plural: "các xã", "những huyện", "hai
/// phường", "3 thị trấn".
fn plural_before(body: &str, level_start: usize) -> bool {
    let before = body[..level_start].trim_end();
    let word = before
        .rsplit([' ', '\n'])
        .next()
        .unwrap_or("")
        .to_lowercase();
    matches!(
        word.as_str(),
        "các" | "những" | "hai" | "ba" | "bốn" | "năm" | "sáu" | "bảy" | "tám" | "chín" | "mười"
    ) || (!word.is_empty() && word.chars().all(|c| c.is_ascii_digit()))
}

/// The next item of a list a level word opened: "các xã Thanh Sơn, Thanh Hà và Liên Sơn",
/// "xã A và B". A comma alone continues only a plural list, because "xã A, B" is more often
/// an address ("xã Thanh Sơn, Kim Bảng") than a list.
fn listed<'a>(
    body: &'a str,
    prev_end: usize,
    start: usize,
    level: &'static str,
    plural: bool,
    name: &'a str,
    readings: &[Reading],
) -> Option<Mention<'a>> {
    let gap = &body[prev_end..start];
    let ok = match gap {
        ", " => plural,
        " và " | ", và " => true,
        _ => false,
    };
    if !ok {
        return None;
    }
    let picked: Vec<(Reading, &'static str)> = readings
        .iter()
        .filter(|r| r.level == level || (level == "thành phố" && r.level == CENTRAL_CITY))
        .map(|r| (*r, r.level))
        .collect();
    (!picked.is_empty()).then_some(Mention {
        start,
        end: start + name.len(),
        name,
        text_level: Some(level),
        readings: picked,
    })
}

/// The `k` lower-case syllables before byte `at` and where the first of them starts, if
/// they are joined to each other and to `at` by single spaces (or, after `TP`/`TX`, a dot).
fn words_before(body: &str, at: usize, k: usize) -> Option<(Vec<String>, usize)> {
    let mut out = Vec::with_capacity(k);
    let mut next = at;
    for _ in 0..k {
        let (ws, we) = prev_syllable(body, next)?;
        let gap = &body[we..next];
        let word = body[ws..we].to_lowercase();
        let dotted = matches!(word.as_str(), "tp" | "tx") && matches!(gap, "." | ". ");
        if gap != " " && !dotted {
            return None;
        }
        out.push(word);
        next = ws;
    }
    out.reverse();
    Some((out, next))
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// Reads the name at bytes `name_start..end` in its context: which readings it allows and
/// at what level, or `None` when it stands for no unit here.
fn read<'a>(
    g: &Gazetteer,
    body: &'a str,
    name_start: usize,
    end: usize,
    name: &'a str,
    readings: &[Reading],
) -> Option<Mention<'a>> {
    // The two words before the name, lower case, when joined to it: read once, compared
    // with every level word and cue.
    let before2 = words_before(body, name_start, 2);
    let before1 = words_before(body, name_start, 1);
    let preceded_by = |words: &[&str]| {
        let got = if words.len() == 2 { &before2 } else { &before1 };
        got.as_ref().is_some_and(|(w, _)| {
            w.len() == words.len() && w.iter().map(String::as_str).eq(words.iter().copied())
        })
    };
    for (words, level, in_span) in &WORDS.levels {
        let (level, in_span) = (*level, *in_span);
        if !preceded_by(words) {
            continue;
        }
        let start = match (in_span, words.len(), &before1, &before2) {
            (true, 1, Some((_, st)), _) | (true, 2, _, Some((_, st))) => *st,
            _ => name_start,
        };
        let fits =
            |r: &Reading| r.level == level || (level == "thành phố" && r.level == CENTRAL_CITY);
        let mut picked: Vec<(Reading, &'static str)> = readings
            .iter()
            .filter(|r| fits(r))
            .map(|r| (*r, r.level))
            .collect();
        if picked.is_empty() {
            // The unit had another level when the article was written (a huyện that became
            // a thị xã): same tier, the text's level.
            let tier = Tier::of_level(level);
            picked = readings
                .iter()
                .filter(|r| r.kind != NameKind::Abbreviation || fits(r))
                .filter_map(|r| {
                    let unit_tier = g.units[r.unit].tier;
                    if Some(unit_tier) == tier {
                        Some((*r, level))
                    } else if level == "thành phố" && unit_tier == Tier::Province {
                        Some((*r, CENTRAL_CITY))
                    } else {
                        None
                    }
                })
                .collect();
        }
        if picked.is_empty() {
            return None;
        }
        return Some(Mention {
            start,
            end,
            name,
            text_level: Some(level),
            readings: picked,
        });
    }
    // A bare name.
    // A person's name that is also a unit's (Hồ Chí Minh) counts only after a level word.
    if crate::entities::officials::is_person_place(name) || name.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    if WORDS.not_a_place_before.iter().any(|cue| preceded_by(cue)) {
        return None;
    }
    // Part of a longer proper name ("Nguyễn Thái Nguyên", "Hà Nội Mới").
    if let Some((ps, pe)) = before1
        .as_ref()
        .and_then(|_| prev_syllable(body, name_start))
    {
        let prev = &body[ps..pe];
        let acronym = prev.chars().all(|c| !c.is_lowercase());
        if starts_upper(prev) && !acronym {
            return None;
        }
    }
    if let Some((ns, ne)) = next_syllable(body, end)
        && &body[end..ns] == " "
        && starts_upper(&body[ns..ne])
    {
        return None;
    }
    let picked: Vec<(Reading, &'static str)> = readings
        .iter()
        .filter(|r| r.kind != NameKind::Abbreviation)
        .filter(|r| g.units[r.unit].tier != Tier::Commune)
        .map(|r| (*r, r.level))
        .collect();
    if picked.is_empty() {
        return None;
    }
    Some(Mention {
        start: name_start,
        end,
        name,
        text_level: None,
        readings: picked,
    })
}

/// How much a mention at a tier says about the article's province.
fn weight(tier: Tier) -> u32 {
    match tier {
        Tier::Province => 3,
        Tier::District => 2,
        Tier::Commune => 1,
    }
}

/// Bytes around a mention within which another unit counts as "nearby".
const NEAR: usize = 160;

/// Decides the unit of every mention (or leaves it out): unambiguous ones first, then the
/// others by the units named nearby and the article's province, then bare district names.
fn resolve(
    g: &Gazetteer,
    body: &str,
    mentions: &[Mention<'_>],
) -> Vec<Option<(Reading, &'static str)>> {
    let mut out: Vec<Option<(Reading, &'static str)>> = vec![None; mentions.len()];
    let mut context: HashMap<usize, u32> = HashMap::new();
    if let Some(p) = dateline_paper(g, body) {
        *context.entry(p.province).or_default() += 5;
    }
    // 1. Mentions with one unit, anchored or naming a province.
    for (k, m) in mentions.iter().enumerate() {
        let units = m.units();
        let province_bare = !m.anchored()
            && m.readings
                .iter()
                .any(|(r, _)| g.units[r.unit].tier == Tier::Province);
        if province_bare {
            out[k] = best_reading(g, m, |u| g.units[u].tier == Tier::Province);
        } else if m.anchored() && units.len() == 1 {
            out[k] = best_reading(g, m, |_| true);
        } else {
            continue;
        }
        if let Some((r, level)) = out[k] {
            let tier = Tier::of_level(level).unwrap_or(g.units[r.unit].tier);
            *context.entry(g.units[r.unit].province).or_default() += weight(tier);
        }
    }
    // Ambiguous anchored mentions whose units all lie in one province still say which.
    for m in mentions.iter().filter(|m| m.anchored()) {
        let units = m.units();
        let first = g.units[units[0]].province;
        if units.len() > 1 && units.iter().all(|&u| g.units[u].province == first) {
            let tier = m
                .text_level
                .and_then(Tier::of_level)
                .unwrap_or(Tier::Commune);
            *context.entry(first).or_default() += weight(tier);
        }
    }
    let top = top_province(&context);
    // 2. Ambiguous anchored mentions: by the units around them, then the article's province.
    // Higher tiers first, so "xã Tam Hiệp, huyện Châu Thành, tỉnh Tiền Giang" settles the
    // district by the province, then the commune by the district.
    let mut order: Vec<usize> = (0..mentions.len())
        .filter(|&k| out[k].is_none() && mentions[k].anchored())
        .collect();
    order.sort_by_key(|&k| mentions[k].text_level.and_then(Tier::of_level));
    for k in order {
        let m = &mentions[k];
        let near: Vec<usize> = mentions
            .iter()
            .enumerate()
            .filter(|&(l, n)| l != k && n.start.abs_diff(m.start) <= NEAR && out[l].is_some())
            .filter_map(|(l, _)| out[l].map(|(r, _)| r.unit))
            .collect();
        let mut scored: Vec<(u32, usize)> = m
            .units()
            .into_iter()
            .map(|u| {
                let unit = &g.units[u];
                let mut score = 0;
                for &n in &near {
                    let other = &g.units[n];
                    if unit.district == Some(n) || other.district == Some(u) {
                        score += 40;
                    } else if unit.province == n || other.province == u {
                        score += 20;
                    } else if unit.province == other.province {
                        score += 10;
                    }
                }
                score += context.get(&unit.province).copied().unwrap_or(0);
                (score, u)
            })
            .collect();
        scored.sort_by_key(|&(s, _)| std::cmp::Reverse(s));
        let (best, unit) = scored[0];
        let provinces_tied = scored
            .iter()
            .skip(1)
            .any(|&(s, u)| s == best && g.units[u].province != g.units[unit].province);
        let same_province = scored
            .iter()
            .all(|&(_, u)| g.units[u].province == g.units[unit].province);
        if (best > 0 && !provinces_tied) || same_province {
            let keep: Vec<usize> = scored
                .iter()
                .filter(|&&(s, _)| s == best)
                .map(|&(_, u)| u)
                .collect();
            out[k] = best_reading(g, m, |u| keep.contains(&u));
        }
    }
    // 3. Bare district-level names: the unit the article names with its level, else the one
    // in the article's province.
    let mut named: HashMap<&str, usize> = HashMap::new();
    for (k, m) in mentions.iter().enumerate() {
        if let (true, Some((r, _))) = (m.anchored(), out[k]) {
            named.entry(m.name).or_insert(r.unit);
        }
    }
    for (k, m) in mentions.iter().enumerate() {
        if out[k].is_some() || m.anchored() {
            continue;
        }
        let units = m.units();
        if let Some(&u) = named.get(m.name).filter(|u| units.contains(u)) {
            out[k] = best_reading(g, m, |x| x == u);
        } else if let Some(top) = top {
            let inside: Vec<usize> = units
                .into_iter()
                .filter(|&u| g.units[u].province == top && g.units[u].current)
                .collect();
            if inside.len() == 1 {
                out[k] = best_reading(g, m, |x| x == inside[0]);
            }
        }
    }
    out
}

/// The reading of `m` among units `keep` allows: the unit's own name before other names,
/// a current unit before a dissolved one, a province before a district.
fn best_reading(
    g: &Gazetteer,
    m: &Mention<'_>,
    keep: impl Fn(usize) -> bool,
) -> Option<(Reading, &'static str)> {
    m.readings
        .iter()
        .filter(|(r, _)| keep(r.unit))
        .min_by_key(|(r, _)| {
            let u = &g.units[r.unit];
            (u.tier, !u.current, r.kind != NameKind::Own, r.unit)
        })
        .copied()
}

/// The province with the most weight, if one has strictly more than every other.
fn top_province(context: &HashMap<usize, u32>) -> Option<usize> {
    let mut v: Vec<(u32, usize)> = context.iter().map(|(&p, &w)| (w, p)).collect();
    v.sort_unstable_by(|a, b| b.cmp(a));
    match v.as_slice() {
        [(w, p), rest @ ..] if *w > 0 && rest.first().is_none_or(|(w2, _)| w2 < w) => Some(*p),
        _ => None,
    }
}

/// The paper whose dateline opens one of the body's first lines: `(THO) - …`, `ĐBP - …`,
/// `(Baohatinh.vn) - …`.
fn dateline_paper<'g>(g: &'g Gazetteer, body: &str) -> Option<&'g Paper> {
    for line in body.lines().filter(|l| !l.trim().is_empty()).take(5) {
        let line = line.trim_start();
        let (abbrev, rest) = if let Some(inner) = line.strip_prefix('(') {
            match inner.find(')').filter(|&c| c <= 40) {
                Some(close) => (inner[..close].trim(), &inner[close + 1..]),
                None => continue,
            }
        } else {
            let dash = line
                .char_indices()
                .take(12)
                .find(|&(_, c)| matches!(c, '-' | '–' | '—'))
                .map(|(i, _)| i);
            match dash {
                Some(d) if d > 0 => (line[..d].trim(), &line[d..]),
                _ => continue,
            }
        };
        let rest = rest.trim_start();
        if !rest.starts_with(['-', '–', '—']) || abbrev.is_empty() {
            continue;
        }
        if let Some(p) = g
            .paper_by_dateline(abbrev)
            .or_else(|| g.paper_by_host(abbrev))
        {
            return Some(p);
        }
    }
    None
}

/// The province an article reports on, as (pre-2025 name, post-2025 name): from the
/// publishing site's host, the dateline at the start of the lead, the title and the
/// localities the body names (weighted by level and frequency).
pub fn infer_province(
    source_host: Option<&str>,
    title: Option<&str>,
    body: &str,
    localities: &[Locality],
) -> Option<(String, String)> {
    let g = gazetteer();
    let mut score: HashMap<usize, u32> = HashMap::new();
    let mut add = |p: Option<usize>, w: u32| {
        if let Some(p) = p {
            *score.entry(p).or_default() += w;
        }
    };
    add(
        source_host
            .and_then(|h| g.paper_by_host(h))
            .map(|p| p.province),
        10,
    );
    add(dateline_paper(g, body).map(|p| p.province), 10);
    if let Some(title) = title {
        for l in scan(title, &[]) {
            let tier = l
                .level
                .as_deref()
                .and_then(Tier::of_level)
                .unwrap_or(Tier::Commune);
            add(g.province_by_name(&l.province), 2 * weight(tier));
        }
    }
    for l in localities {
        let tier = l
            .level
            .as_deref()
            .and_then(Tier::of_level)
            .unwrap_or(Tier::Commune);
        add(g.province_by_name(&l.province), weight(tier));
    }
    let mut v: Vec<(u32, usize)> = score.into_iter().map(|(p, w)| (w, p)).collect();
    // Ties go to the lower code, so the answer never depends on hash order.
    v.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let &(_, p) = v.first()?;
    let now = g.province_now(p)?;
    Some((g.units[p].name.to_string(), now.name.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_level_word_ends_a_text() {
        assert_eq!(
            without_level_word("luân chuyển về huyện"),
            Some("luân chuyển về")
        );
        assert_eq!(without_level_word("về thị xã"), Some("về"));
        assert_eq!(without_level_word("về tp."), Some("về"));
        assert_eq!(without_level_word("thành phố"), Some(""));
        assert_eq!(without_level_word("về thôn"), None);
        // A committee names who acts, not where.
        assert_eq!(without_level_word("của huyện ủy"), None);
    }

    #[test]
    fn the_word_table_parses_in_its_order() {
        let w = parse_locality_words(LOCALITY_WORDS_TSV).expect("locality_words.tsv");
        let at = |p: &[&str]| w.levels.iter().position(|(x, _, _)| x.as_slice() == p);
        assert!(at(&["thị", "xã"]) < at(&["xã"]), "two syllables first");
        assert_eq!(
            w.levels
                .iter()
                .find(|(x, _, _)| x.as_slice() == ["tỉnh", "ủy"])
                .map(|l| (l.1, l.2)),
            Some(("tỉnh", false))
        );
        assert!(
            w.not_a_place_before
                .iter()
                .any(|x| x.as_slice() == ["đồng", "chí"])
        );
        for (bad, why) in [
            ("level\txã\txã\tmaybe\n", "yes or no"),
            ("level\txã\n", "not a row"),
            ("# only a comment\n", "no rows"),
        ] {
            let e = parse_locality_words(bad).err().unwrap_or_default();
            assert!(e.contains(why), "{why}: {e}");
        }
        // The person who is also a city counts only after a level word.
        assert!(crate::entities::officials::is_person_place("Hồ Chí Minh"));
    }
}
