//! The `statistics` list of the record: reported figures, counts and shares (số liệu).
//!
//! Input: a normalised body and the documents and dates found in it (their numbers are not
//! figures). Output: one [`Statistic`] per figure, in body order, with code point offsets
//! from [`find`] (byte offsets between the finders).
//!
//! A figure is a number in Vietnamese notation (`3.456` → 3456, `22,06` → 22.06, `09` →
//! 9) that counts something: followed by `%` or a counted noun (`157 đảng viên`, `2 lớp`,
//! `27 cấp ủy cơ sở`; the list is `corpus/reference/counted_nouns.tsv`), or whose noun is
//! named before it (`tổng số đảng viên … là 3.456`), or an item of a list whose noun an
//! earlier figure of the sentence gave (`16 đảng viên, với các hình thức khiển trách 09,
//! cảnh cáo 05` → 9 and 5 `đảng viên`), or, in Vietnamese text, followed by a noun phrase
//! the list does not hold, read by its structure up to the verb, preposition or punctuation
//! that ends it (`63 tổ tự quản`, `11 điểm trường được xây mới`). Not figures: dates,
//! document numbers, times, plenum numbers, ordinals (`lần thứ 4`), labels (`đối tượng 4
//! và 5`), durations (`6 tháng`), numbers whose noun the text does not give. The words these
//! rules read are `corpus/reference/figure_words.tsv`.
//!
//! `year` is the year of the nearest date before the figure in its sentence (a date inside
//! a closed parenthesis counts only inside it; "từ năm 2010 đến nay" is no year), else the
//! year a sentence of the same paragraph opened with ("Tính đến tháng 11/2017, …").
//!
//! ```
//! use baochi::entities::statistics;
//! let body = "Năm 2012, Đảng bộ có 22,06% tổ chức cơ sở đảng trong sạch vững mạnh.";
//! let s = statistics::find(body);
//! assert_eq!((s[0].value, s[0].unit.as_str(), s[0].year.as_deref()), (22.06, "%", Some("2012")));
//! ```

pub mod indicators;
pub mod parts;
pub mod period;
pub mod unit;
pub mod words;

use crate::record::{DateMention, Document, Span, Statistic, spans_to_code_points};
use regex::Regex;
use std::sync::LazyLock;
use words::{NOUNS, WORDS};

/// A number in Vietnamese notation: thousands dots, decimal comma.
static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?").expect("valid"));

/// A share written as a fraction: `35/35`, `1.456/1.520`.
static FRACTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,3}(?:\.\d{3})+|\d+)/(?:\d{1,3}(?:\.\d{3})+|\d+)").expect("valid")
});

/// The number of chars of the counted noun `s` starts with (any case), if any.
fn noun_chars(s: &str) -> Option<usize> {
    let head: String = s.chars().take(40).collect::<String>().to_lowercase();
    NOUNS.iter().find_map(|n| {
        let rest = head.strip_prefix(n)?;
        (!rest.starts_with(char::is_alphanumeric)).then(|| n.chars().count())
    })
}

/// The counted noun `s` starts with, as the list writes it (lower case), if any:
/// `"đảng viên mới"` → `đảng viên`. Documents use it to tell "Kế hoạch 5 đề án" from a
/// citation.
pub fn counted_noun_at(s: &str) -> Option<&'static str> {
    let head: String = s.chars().take(40).collect::<String>().to_lowercase();
    NOUNS.iter().copied().find(|n| {
        head.strip_prefix(n)
            .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
    })
}

/// The byte length of the first `chars` chars of `s`.
fn byte_len(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i)
}

/// Reads a number in Vietnamese notation.
pub fn parse_number(s: &str) -> Option<f64> {
    let (int, frac) = match s.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let digits: String = int.chars().filter(char::is_ascii_digit).collect();
    let text = match frac {
        Some(f) => format!("{digits}.{f}"),
        None => digits,
    };
    text.parse().ok()
}

/// A finished figure, before its record is made.
struct Figure {
    value: f64,
    unit: String,
    subject: Option<String>,
    start: usize,
    end: usize,
}

/// Finds every reported figure in a normalised body, skipping dates and document numbers.
pub fn find(body: &str) -> Vec<Statistic> {
    let dates = crate::entities::dates::scan(body, None);
    let documents = crate::entities::documents::scan(body, Some(&dates));
    let mut stats = scan(body, &documents, &dates);
    spans_to_code_points(body, stats.iter_mut().map(|s| &mut s.span));
    stats
}

/// [`find`] with byte offsets, given the body's `documents` and `dates` in byte offsets
/// (see [`crate::entities`]).
pub(crate) fn scan(body: &str, documents: &[Document], dates: &[DateMention]) -> Vec<Statistic> {
    let mut taken: Vec<(usize, usize)> = documents
        .iter()
        .map(|d| (d.span.start, d.span.end))
        .chain(dates.iter().map(|d| (d.span.start, d.span.end)))
        .collect();
    taken.sort_unstable();
    let mut figures: Vec<Figure> = Vec::new();
    // The noun after a figure is read by Vietnamese grammar only in Vietnamese text.
    let vietnamese = crate::text::is_vietnamese_prose(body);
    let mut chain_end: Option<usize> = None;
    let mut skip_until = 0;
    for m in NUMBER.find_iter(body) {
        let (s, mut e) = (m.start(), m.end());
        if s < skip_until {
            continue;
        }
        if taken.iter().any(|&(a, b)| a < e && s < b) {
            continue;
        }
        // "35/35 xã", "1.456/1.520 đảng viên": the count is the first number.
        if let Some(f) = FRACTION.captures(&body[s..])
            && let Some(whole) = f.get(0)
            && standalone(body, s, s + whole.end())
            && (body[s + whole.end()..].starts_with(' ')
                && noun_chars(&body[s + whole.end() + 1..]).is_some())
        {
            e = s + whole.end();
            skip_until = e;
        } else if !standalone(body, s, e) {
            continue;
        }
        let before = &body[..s];
        let last_word = before
            .trim_end()
            .rsplit(|c: char| c.is_whitespace() || c == '(')
            .next()
            .unwrap_or("")
            .to_lowercase();
        let continues_labels = chain_end.is_some_and(|ce| {
            let gap = body[ce..s].trim();
            matches!(gap, "," | "và" | "hoặc" | "-" | "đến" | "/")
        });
        let after = &body[e..];
        let percent = after.strip_prefix(' ').unwrap_or(after).starts_with('%');
        if !percent && (WORDS.label.contains(&last_word.as_str()) || continues_labels) {
            chain_end = Some(e);
            continue;
        }
        chain_end = None;
        let Some(value) = parse_number(m.as_str()) else {
            continue;
        };
        if percent {
            let pct_end = e + after.find('%').map_or(0, |i| i + 1);
            // "(năm 2011 đạt 25,33%)": a share in brackets compares with the one before.
            let in_brackets = before[clause_start(before).saturating_sub(1)..].starts_with('(');
            let subject = phrase_after(body, pct_end)
                .or_else(|| rate_before(before))
                .or_else(|| {
                    let last = figures.last().filter(|f| in_brackets && f.unit == "%")?;
                    last.subject.clone()
                });
            figures.push(Figure {
                value,
                unit: "%".into(),
                subject,
                start: s,
                end: pct_end,
            });
            continue;
        }
        let lead = after.len() - after.trim_start_matches(' ').len();
        let unit_start = e + lead;
        let mut noun_at = unit_start;
        // "1,2 triệu lượt", "5.678 tỷ đồng": the multiplier belongs to the unit.
        if let Some(mul) = WORDS.multiplier.iter().find(|w| {
            body[unit_start..].starts_with(**w) && body[unit_start + w.len()..].starts_with(' ')
        }) && noun_chars(&body[unit_start + mul.len() + 1..]).is_some()
        {
            noun_at = unit_start + mul.len() + 1;
        }
        if lead == 1
            && let Some(n) = noun_chars(&body[noun_at..])
        {
            let noun_end = noun_at + byte_len(&body[noun_at..], n);
            let unit = body[unit_start..noun_end].to_string();
            let text_end = extend_to_modifier(body, noun_end);
            let phrase = phrase_after(body, unit_start)
                .filter(|p| p.to_lowercase() != unit.to_lowercase())
                .or_else(|| passive_action(body, unit_start, text_end));
            figures.push(Figure {
                value,
                unit,
                subject: phrase,
                start: s,
                end: text_end,
            });
            continue;
        }
        // A 4-digit number alone is a year or a code more often than a count.
        if m.as_str().len() == 4 && (1900..=2100).contains(&(value as u32)) {
            continue;
        }
        if let Some(unit) = noun_named_before(before) {
            figures.push(Figure {
                value,
                unit: unit.to_string(),
                subject: clause_before(before),
                start: s,
                end: e,
            });
            continue;
        }
        if let Some((unit, label)) = list_item(body, s, e, &figures) {
            figures.push(Figure {
                value,
                unit,
                subject: Some(label),
                start: s,
                end: e,
            });
            continue;
        }
        if vietnamese
            && let Some(noun_end) = noun_by_structure(body, e)
            && !WORDS.alone_not_counted.contains(&&body[e + 1..noun_end])
            // A phrase that runs into a date or a citation is not a noun ("quý I/2018").
            && !taken.iter().any(|&(a, b)| a < noun_end && s < b)
        {
            let unit_start = e + 1;
            let phrase = passive_action(body, unit_start, noun_end);
            figures.push(Figure {
                value,
                unit: body[unit_start..noun_end].to_string(),
                subject: phrase,
                start: s,
                end: noun_end,
            });
        }
    }
    let years = Years::new(body, dates);
    let items: Vec<parts::Item<'_>> = figures
        .iter()
        .map(|f| parts::Item {
            start: f.start,
            end: f.end,
            unit: &f.unit,
            value: f.value,
        })
        .collect();
    let part_of = parts::link(body, &items);
    let sents = period::sentences(body);
    let mut named: Vec<Option<&'static str>> = figures
        .iter()
        .map(|f| indicator_of(body, &sents, f))
        .collect();
    // A part counts what its whole counts ("khiển trách 09" of "kỷ luật 16 đảng viên").
    for (i, w) in part_of.iter().enumerate() {
        if let Some(w) = *w
            && named[w].is_some()
        {
            named[i] = named[w];
        }
    }
    figures
        .into_iter()
        .zip(part_of)
        .zip(named)
        .map(|((f, part_of), indicator)| Statistic {
            value: f.value,
            unit: f.unit,
            subject: f.subject,
            year: years.at(f.start),
            period: None,
            unit_for: None,
            indicator: indicator.map(str::to_string),
            part_of,
            span: Span::in_bytes(body, f.start, f.end),
        })
        .collect()
}

/// The indicator of a figure, from its subject, clause and sentence.
fn indicator_of(body: &str, sents: &[(usize, usize, usize)], f: &Figure) -> Option<&'static str> {
    let k = sents.partition_point(|s| s.0 <= f.start).checked_sub(1)?;
    let (s, e, _) = sents[k];
    let sentence = &body[s..e];
    let lower = sentence.to_lowercase();
    // Lower case keeps Vietnamese byte lengths in practice; where it does not, offsets
    // into the sentence would lie: only the subject is read then.
    let same = lower.len() == sentence.len();
    let at = (f.start - s, f.end.min(e) - s);
    // The clause: between the nearest `,` `;` `:` `(` `)` (a comma followed by a space, so
    // decimal commas stay inside) around the figure.
    let clause_from = sentence[..at.0]
        .char_indices()
        .rev()
        .find(|&(i, c)| {
            matches!(c, ';' | ':' | '(' | ')') || (c == ',' && sentence[i + 1..].starts_with(' '))
        })
        .map_or(0, |(i, c)| i + c.len_utf8());
    let clause_to = sentence[at.1..]
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, ';' | ':' | '(' | ')')
                || (c == ',' && sentence[at.1 + i + 1..].starts_with(' '))
        })
        .map_or(sentence.len(), |(i, _)| at.1 + i);
    let subject = f.subject.as_deref().map(str::to_lowercase);
    let empty = String::new();
    let ctx = indicators::Context {
        subject: subject.as_deref(),
        sentence: if same { &lower } else { &empty },
        at: if same { at } else { (0, 0) },
        clause: if same {
            (clause_from, clause_to)
        } else {
            (0, 0)
        },
    };
    indicators::name_of(&f.unit, &ctx)
}

/// Fills what a figure needs the article for: the period it covers (an open range ends
/// at the publication date) and the unit it is for. Every span is in byte offsets, as
/// [`crate::entities::scan`] gives them.
pub(crate) fn describe(
    stats: &mut [Statistic],
    title: Option<&str>,
    body: &str,
    dates: &[DateMention],
    localities: &[crate::record::Locality],
    province: Option<&str>,
    published: Option<&str>,
) {
    if stats.is_empty() {
        return;
    }
    let sents = period::sentences(body);
    let dates: Vec<(&DateMention, usize, usize)> = dates
        .iter()
        .map(|d| (d, d.span.start, d.span.end))
        .collect();
    let places: Vec<(&crate::record::Locality, usize, usize)> = localities
        .iter()
        .map(|l| (l, l.span.start, l.span.end))
        .collect();
    let article = unit::article_unit(title, localities, province);
    for st in stats.iter_mut() {
        let at = st.span.start;
        st.period = period::of(body, &sents, &dates, at, published);
        let k = sents.partition_point(|s| s.0 <= at).saturating_sub(1);
        let sentence_start = sents.get(k).map_or(0, |s| s.0);
        st.unit_for = unit::of(body, &places, sentence_start, at, article.as_ref());
    }
}

/// A number must stand alone: not inside a word or code (`Covid-19`, `A2`, `8h30`), not a
/// fraction or time (`3/4`, `20:09`).
fn standalone(body: &str, s: usize, e: usize) -> bool {
    let prev = body[..s].chars().next_back();
    if prev.is_some_and(|c| {
        c.is_alphanumeric() || matches!(c, '/' | '-' | '.' | ',' | ':' | '_' | '#')
    }) {
        // "…,5" or ".5" glued to something; a comma after a word needs its space.
        return false;
    }
    let mut next = body[e..].chars();
    match next.next() {
        Some(c) if c.is_alphanumeric() => false,
        Some('/' | ':' | '-' | '.' | ',') => !next.next().is_some_and(|d| d.is_ascii_digit()),
        _ => true,
    }
}

/// Words qualifying a counted noun that belong to the figure's text ("157 đảng viên mới",
/// "281 đảng viên dự bị", "833 quần chúng ưu tú"): up to two of a short list.
fn extend_to_modifier(body: &str, noun_end: usize) -> usize {
    let mut end = noun_end;
    for _ in 0..2 {
        let rest = &body[end..];
        let Some(r) = rest.strip_prefix(' ') else {
            break;
        };
        let Some(m) = WORDS
            .modifier
            .iter()
            .find(|m| r.starts_with(**m) && !r[m.len()..].starts_with(char::is_alphanumeric))
        else {
            break;
        };
        end += 1 + m.len();
    }
    end
}

/// The most syllables a counted noun phrase read by structure may have: a noun of up to
/// three syllables and a two-syllable modifier (`điểm trường`, `tổ tự quản`, `câu lạc bộ
/// văn nghệ`).
const MAX_NOUN_SYLLABLES: usize = 5;

/// The end of the noun phrase a figure ending at byte `e` counts, read by the language's
/// structure when `counted_nouns.tsv` does not list it: after one space, lower-case
/// syllables (an optional classifier, a noun, its modifiers) up to a verb, adverb,
/// preposition or demonstrative (`noun_stop`, `phrase_stop`), punctuation, a capital or the
/// end of the line. `None` when the first word is never counted (`6 tháng`, `65 tuổi`),
/// is itself such a stop, or when no such end comes within [`MAX_NOUN_SYLLABLES`]: a
/// phrase with no visible end is not read.
fn noun_by_structure(body: &str, e: usize) -> Option<usize> {
    let starts = |at: usize, list: &[&str]| {
        list.iter().any(|phrase| {
            body[at..].starts_with(phrase)
                && !body[at + phrase.len()..].starts_with(char::is_alphanumeric)
        })
    };
    let mut at = e + 1;
    if !body[e..].starts_with(' ') {
        return None;
    }
    let mut end: Option<usize> = None;
    for k in 0..=MAX_NOUN_SYLLABLES {
        let rest = &body[at..];
        let len = rest
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len());
        let word = &rest[..len];
        // A capital, a digit, a symbol or the end: the phrase ended before.
        if word.is_empty() || !word.chars().all(char::is_lowercase) {
            return end;
        }
        if k == 0 {
            let never = [
                &WORDS.not_counted,
                &WORDS.not_subject,
                &WORDS.noun_stop,
                &WORDS.phrase_stop,
            ];
            if never.iter().any(|l| starts(at, l)) {
                return None;
            }
        } else if starts(at, &WORDS.noun_stop) || starts(at, &WORDS.phrase_stop) {
            return end;
        }
        if k == MAX_NOUN_SYLLABLES {
            // Another plain syllable: no end in sight, so no reading.
            return None;
        }
        end = Some(at + len);
        match body[at + len..].strip_prefix(' ') {
            Some(_) => at += len + 1,
            // Punctuation or the line's end closes the phrase.
            None => return end,
        }
    }
    None
}

/// Where a phrase stops: punctuation, or a word that starts another part of the sentence.
fn phrase_stop(rest: &str) -> usize {
    let mut stop = rest
        .find([',', ';', '.', ':', '(', ')', '\n', '“', '"'])
        .unwrap_or(rest.len());
    for (word, w) in WORDS.phrase_stop.iter().zip(&WORDS.phrase_stop_spaced) {
        let head = &rest[..stop];
        // The word may also end the phrase ("98,5% chi bộ đạt;").
        let at_end = head.ends_with(&w[..w.len() - 1]);
        // "trong sạch vững mạnh" is "clean", not "in".
        let found = head
            .match_indices(w.as_str())
            .map(|(i, _)| i)
            .find(|&i| !(*word == "trong" && head[i + w.len()..].starts_with("sạch")));
        if let Some(i) = found {
            stop = stop.min(i);
        } else if at_end {
            stop = stop.min(head.len() - (w.len() - 1));
        }
    }
    stop
}

/// The noun phrase that starts at `at` (after a figure), up to twelve syllables; `None` when
/// there is none.
fn phrase_after(body: &str, at: usize) -> Option<String> {
    let rest = body[at..].trim_start_matches(' ');
    let stop = phrase_stop(rest);
    let words: Vec<&str> = rest[..stop].split_whitespace().take(12).collect();
    let first = words.first()?.to_lowercase();
    if first.starts_with(|c: char| c.is_ascii_digit())
        || WORDS.not_subject.contains(&first.as_str())
    {
        return None;
    }
    Some(words.join(" "))
}

/// The counted noun with the action a passive clause says was done to it: "164 đồng chí
/// được luân chuyển" → `đồng chí được luân chuyển`, up to four words of the verb phrase.
fn passive_action(body: &str, unit_start: usize, text_end: usize) -> Option<String> {
    let rest = body[text_end..].strip_prefix(" được ")?;
    let stop = phrase_stop(&format!(" {rest}")).saturating_sub(1);
    let verb: Vec<&str> = rest[..stop.min(rest.len())]
        .split_whitespace()
        .take(4)
        .collect();
    if verb.is_empty() || verb[0].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some(format!(
        "{} được {}",
        &body[unit_start..text_end],
        verb.join(" ")
    ))
}

/// The start of the clause `before` ends in (after its last `,;:.(` or line break).
fn clause_start(before: &str) -> usize {
    before
        .rfind([',', ';', ':', '(', '\n'])
        .or_else(|| before.rfind(". "))
        .map_or(0, |i| i + 1)
}

/// The clause before a figure, as its subject ("tổng số đảng viên của toàn Đảng bộ").
fn clause_before(before: &str) -> Option<String> {
    let clause = before[clause_start(before)..].trim();
    let clause = clause
        .strip_suffix(" là")
        .or_else(|| clause.strip_suffix(" đạt"))
        .unwrap_or(clause)
        .trim();
    let clause = clause.strip_prefix("nâng ").unwrap_or(clause);
    (!clause.is_empty() && clause.split_whitespace().count() <= 12).then(|| clause.to_string())
}

/// For a share with nothing after it: "tỷ lệ đảng viên học tập … đạt từ 98%".
fn rate_before(before: &str) -> Option<String> {
    let sentence_start = before.rfind(['.', '\n', ';']).map_or(0, |i| i + 1);
    let sentence = &before[sentence_start..];
    let lower = sentence.to_lowercase();
    let at = lower.rfind("tỷ lệ").or_else(|| lower.rfind("tỉ lệ"))?;
    let tail = &sentence[at..];
    let end = [
        " đạt", " là", " chiếm", " lên", " giảm", " tăng", " từ", " còn",
    ]
    .iter()
    .filter_map(|w| tail.find(w))
    .min()
    .unwrap_or(tail.len());
    Some(tail[..end].trim().to_string())
}

/// A counted noun named before the figure in its clause: "tổng số đảng viên … là 3.456".
fn noun_named_before(before: &str) -> Option<&'static str> {
    let clause = &before[clause_start(before)..];
    let lower = clause.to_lowercase();
    let at = lower.rfind("số ")?;
    // "số" must be a word of its own ("tổng số", "số lượng"), not the end of another.
    if lower[..at].ends_with(char::is_alphanumeric) {
        return None;
    }
    let rest = lower[at + "số ".len()..].trim_start();
    let rest = rest.strip_prefix("lượng ").unwrap_or(rest);
    counted_noun_at(rest)
}

/// An item of a list whose noun an earlier figure of the sentence gave: "16 đảng viên, với
/// các hình thức khiển trách 09, cảnh cáo 05 và khai trừ 02". The item must be labelled
/// by a word and end the list item; the label is its subject.
fn list_item(body: &str, s: usize, e: usize, figures: &[Figure]) -> Option<(String, String)> {
    let next = body[e..].trim_start_matches(' ');
    let ends_item = next.is_empty()
        || next.starts_with([',', ';', '.', ')', '\n'])
        || next.starts_with("và ")
        || next.starts_with("hoặc ");
    if !ends_item {
        return None;
    }
    let before = &body[..s];
    let sentence_start = before
        .rfind(". ")
        .map_or(0, |i| i + 2)
        .max(before.rfind('\n').map_or(0, |i| i + 1));
    let prev = figures
        .iter()
        .rev()
        .find(|f| f.start >= sentence_start && f.unit != "%" && !f.unit.is_empty())?;
    let item = &body[prev.end..s];
    let label_start = [", ", " và ", " hình thức ", ": "]
        .iter()
        .filter_map(|d| item.rfind(d).map(|i| i + d.len()))
        .max()?;
    let label = item[label_start..].trim();
    let words = label.split_whitespace().count();
    if words == 0 || words > 4 || label.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((prev.unit.clone(), label.to_string()))
}

/// The year of each place in the body, from the dates around it.
struct Years<'a> {
    body: &'a str,
    /// Sentences: byte range, the paragraph it belongs to, the year it opens with.
    sentences: Vec<(usize, usize, usize, Option<String>)>,
    /// Point dates usable as a figure's year: byte start and end, year.
    points: Vec<(usize, usize, String)>,
}

impl<'a> Years<'a> {
    fn new(body: &'a str, dates: &[DateMention]) -> Years<'a> {
        let mut points: Vec<(usize, usize, String)> = Vec::new();
        for d in dates {
            // A range inside one year ("quý I/2019", "tháng 3 - 5/2019") still names the
            // figure's year; one spanning years ("2012-2015") names none.
            if let Some(u) = &d.until
                && u.get(..4) != d.value.get(..4)
            {
                continue;
            }
            // "từ năm 2010 đến nay" starts an open range: no single year.
            let lead = body_before(body, d.span.start);
            let lead = lead.trim_end().to_lowercase();
            if lead.ends_with("từ") || lead.ends_with("kể từ") {
                continue;
            }
            if let Some(y) = d.value.get(..4) {
                points.push((d.span.start, d.span.end, y.to_string()));
            }
        }
        points.sort_by_key(|p| p.0);
        let mut sentences = Vec::new();
        let mut para = 0;
        let mut start = 0;
        let bytes = body.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let end_here = match b {
                b'\n' => true,
                b'.' | b'!' | b'?' => bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()),
                _ => false,
            };
            if end_here {
                sentences.push((start, i + 1, para, None));
                if b == b'\n' {
                    para += 1;
                }
                start = i + 1;
            }
            i += 1;
        }
        if start < body.len() {
            sentences.push((start, body.len(), para, None));
        }
        let mut years = Years {
            body,
            sentences,
            points,
        };
        for k in 0..years.sentences.len() {
            let (s, e, _, _) = years.sentences[k];
            // A sentence that opens with a date (within its first 26 characters) frames
            // the ones after it.
            let opening = years
                .points_in(s, e.min(after_chars(body, s, 26)))
                .first()
                .map(|(_, _, y)| y.clone());
            years.sentences[k].3 = opening;
        }
        years
    }

    /// The year for a figure starting at byte `at`.
    fn at(&self, at: usize) -> Option<String> {
        let k = self
            .sentences
            .partition_point(|x| x.0 <= at)
            .checked_sub(1)?;
        let (s, e, para, _) = self.sentences[k];
        if at >= e {
            return None;
        }
        let inside = self.points_in(s, e);
        let before = inside
            .iter()
            .rev()
            .find(|(ds, de, _)| *de <= at && !self.closed_between(*ds, at));
        if let Some((_, _, y)) = before {
            return Some(y.clone());
        }
        // A date later in the same clause ("kết nạp 98 đảng viên trong năm 2019").
        if let Some((ds, _, y)) = inside.iter().find(|(ds, _, _)| *ds > at)
            && !self.body[at..*ds].contains([';', '('])
        {
            return Some(y.clone());
        }
        self.sentences[..k]
            .iter()
            .rev()
            .take_while(|x| x.2 == para)
            .find_map(|x| x.3.clone())
    }

    /// The point dates starting in bytes `s..e` (dates come in body order).
    fn points_in(&self, s: usize, e: usize) -> &[(usize, usize, String)] {
        let lo = self.points.partition_point(|p| p.0 < s);
        let hi = self.points.partition_point(|p| p.0 < e);
        &self.points[lo..hi.max(lo)]
    }

    /// Whether a parenthesis opened after byte `from` closes before `to`: a date in
    /// "(năm 2011 đạt 25,33%)" is not the year of what follows the parenthesis.
    fn closed_between(&self, from: usize, to: usize) -> bool {
        let text = &self.body[from..to];
        let mut depth = 0i32;
        for c in text.chars() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth < 0 {
                        return true;
                    }
                }
                _ => {}
            }
        }
        false
    }
}

/// The byte offset `n` characters after byte `from` (the end of `body` at most).
fn after_chars(body: &str, from: usize, n: usize) -> usize {
    body[from..]
        .char_indices()
        .nth(n)
        .map_or(body.len(), |(i, _)| from + i)
}

/// Up to 16 bytes of `body` before byte `b`, from a character boundary.
fn body_before(body: &str, b: usize) -> &str {
    let mut from = b.saturating_sub(16);
    while !body.is_char_boundary(from) {
        from += 1;
    }
    &body[from..b]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_nouns_are_sorted_and_unique() {
        let lines: Vec<&str> = include_str!("../../../corpus/reference/counted_nouns.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .collect();
        let mut sorted = lines.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(lines, sorted);
        assert!(
            lines
                .iter()
                .all(|l| *l == l.to_lowercase() && l.trim() == *l && !l.is_empty())
        );
    }

    #[test]
    fn reads_vietnamese_notation() {
        assert_eq!(parse_number("3.456"), Some(3456.0));
        assert_eq!(parse_number("22,06"), Some(22.06));
        assert_eq!(parse_number("09"), Some(9.0));
        assert_eq!(parse_number("1.234.567,5"), Some(1_234_567.5));
    }

    #[test]
    fn longest_noun_wins() {
        assert_eq!(
            counted_noun_at("tổ chức cơ sở đảng trong sạch"),
            Some("tổ chức cơ sở đảng")
        );
        assert_eq!(counted_noun_at("Tổ chức Đảng và"), Some("tổ chức đảng"));
        assert_eq!(counted_noun_at("hội viên"), Some("hội viên"));
        assert_eq!(counted_noun_at("hộiviên"), None);
        assert_eq!(counted_noun_at("tháng"), None);
    }
}
