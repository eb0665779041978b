//! What a figure counts, as one name from `corpus/reference/indicators.tsv`: "kết nạp 157
//! đảng viên mới", "phát triển 157 đảng viên mới" and "157 đảng viên mới được kết nạp" are
//! all `kết nạp đảng viên mới`.
//!
//! An indicator fits a figure when the figure's unit is one it is counted in (a share fits a
//! rate indicator whose noun stands in the sentence), and one of its cues stands near: in
//! the phrase the figure counts first, then in its clause before the figure, in its clause
//! after it, in its sentence before, in its sentence after. The nearest cue wins, a longer
//! one where two end at the same place (`trong sạch vững mạnh tiêu biểu` over `trong sạch
//! vững mạnh`).

use std::sync::LazyLock;

/// One row of the table.
#[derive(Debug, Clone)]
pub struct Indicator {
    /// The name figures are filed under.
    pub name: &'static str,
    /// Whether counts are reported for it.
    pub count: bool,
    /// Whether shares are reported for it.
    pub rate: bool,
    /// The counted nouns, lower case.
    pub units: Vec<String>,
    /// The cues (standard parts included), each as its parts in order, lower case.
    pub cues: Vec<Vec<String>>,
    /// The standard parts a breakdown names.
    pub parts: Vec<String>,
}

fn split(col: &str) -> Vec<String> {
    col.split('|')
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty() && s != "-")
        .collect()
}

/// Parses the table: rows of five tab-separated columns; others are reported by the tests.
pub fn parse(text: &'static str) -> Vec<Indicator> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let cols: Vec<&'static str> = l.split('\t').collect();
            let [name, kinds, units, cues, parts] = cols.as_slice() else {
                return None;
            };
            let parts = split(parts);
            let mut cue_list: Vec<Vec<String>> = split(cues)
                .iter()
                .map(|c| {
                    c.split('…')
                        .map(|p| p.trim().to_string())
                        .filter(|p| !p.is_empty())
                        .collect()
                })
                .collect();
            cue_list.extend(parts.iter().map(|p| vec![p.clone()]));
            Some(Indicator {
                name: name.trim(),
                count: kinds.contains("count"),
                rate: kinds.contains("rate"),
                units: split(units),
                cues: cue_list,
                parts,
            })
        })
        .collect()
}

/// The bundled table.
pub static TABLE: LazyLock<Vec<Indicator>> =
    LazyLock::new(|| parse(include_str!("../../../corpus/reference/indicators.tsv")));

/// Whether `hay[at..]` starts a word (`at` is a char boundary).
fn word_start(hay: &str, at: usize) -> bool {
    !hay[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

fn word_end(hay: &str, at: usize) -> bool {
    !hay[at..].chars().next().is_some_and(char::is_alphanumeric)
}

/// Every place the cue stands in `hay` (lower case): byte ranges from its first part's start
/// to its last part's end, parts in order and whole words.
fn matches(hay: &str, cue: &[String]) -> Vec<(usize, usize)> {
    let Some(first) = cue.first() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (s, _) in hay.match_indices(first.as_str()) {
        if !word_start(hay, s) || !word_end(hay, s + first.len()) {
            continue;
        }
        let mut end = s + first.len();
        let mut whole = true;
        for part in &cue[1..] {
            match hay[end..]
                .match_indices(part.as_str())
                .map(|(i, _)| end + i)
                .find(|&i| word_start(hay, i) && word_end(hay, i + part.len()))
            {
                Some(i) => end = i + part.len(),
                None => {
                    whole = false;
                    break;
                }
            }
        }
        if whole {
            out.push((s, end));
        }
    }
    out
}

/// Where the figure stands, as the places to look for cues.
pub struct Context<'a> {
    /// The phrase it counts (its subject), lower case, if any.
    pub subject: Option<&'a str>,
    /// Its sentence, lower case.
    pub sentence: &'a str,
    /// The figure's byte range in `sentence`.
    pub at: (usize, usize),
    /// Its clause's byte range in `sentence`.
    pub clause: (usize, usize),
}

/// The indicator of a figure with this `unit` in this context, if one fits.
pub fn name_of(unit: &str, ctx: &Context<'_>) -> Option<&'static str> {
    let unit = unit.to_lowercase();
    let share = unit == "%";
    type Rank = (u8, u8, usize, std::cmp::Reverse<usize>);
    let mut best: Option<(Rank, &'static str)> = None;
    for ind in TABLE.iter() {
        // A share names what it counts in its phrase, or at least in its sentence.
        let fit = if share {
            if !ind.rate {
                continue;
            }
            if ind
                .units
                .iter()
                .any(|u| ctx.subject.is_some_and(|s| s.contains(u.as_str())))
            {
                0
            } else if ind.units.iter().any(|u| ctx.sentence.contains(u.as_str())) {
                1
            } else {
                continue;
            }
        } else if ind.count && ind.units.contains(&unit) {
            0
        } else {
            continue;
        };
        for cue in &ind.cues {
            let len: usize = cue.iter().map(String::len).sum();
            if let Some(s) = ctx.subject
                && !matches(s, cue).is_empty()
            {
                let rank = (fit, 0, 0, std::cmp::Reverse(len));
                if best.as_ref().is_none_or(|(r, _)| rank < *r) {
                    best = Some((rank, ind.name));
                }
            }
            for (s, e) in matches(ctx.sentence, cue) {
                let in_clause = s >= ctx.clause.0 && e <= ctx.clause.1;
                let rank = if e <= ctx.at.0 {
                    (
                        fit,
                        if in_clause { 1 } else { 3 },
                        ctx.at.0 - e,
                        std::cmp::Reverse(len),
                    )
                } else if s >= ctx.at.1 {
                    (
                        fit,
                        if in_clause { 2 } else { 4 },
                        s - ctx.at.1,
                        std::cmp::Reverse(len),
                    )
                } else {
                    // Around the figure ("phát triển 12 đảng viên mới"): as near as can be.
                    (fit, 1, 0, std::cmp::Reverse(len))
                };
                if best.as_ref().is_none_or(|(r, _)| rank < *r) {
                    best = Some((rank, ind.name));
                }
            }
        }
    }
    best.map(|(_, n)| n)
}

/// The indicator named `name` (any case), if the table has it.
pub fn by_name(name: &str) -> Option<&'static Indicator> {
    let want = name.trim().to_lowercase();
    TABLE.iter().find(|i| i.name.to_lowercase() == want)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_of_the_table_parses_and_names_are_unique() {
        let rows = include_str!("../../../corpus/reference/indicators.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .count();
        assert_eq!(TABLE.len(), rows, "a row without five columns");
        let mut names: Vec<&str> = TABLE.iter().map(|i| i.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), TABLE.len());
        for i in TABLE.iter() {
            assert!(i.count || i.rate, "{}: no kind", i.name);
            assert!(!i.units.is_empty() && !i.cues.is_empty(), "{}", i.name);
        }
    }

    #[test]
    fn cues_are_whole_words_with_gaps() {
        let cue = vec!["phát triển".to_string(), "đảng viên mới".to_string()];
        assert_eq!(
            matches("đã phát triển được 12 đảng viên mới", &cue),
            vec![("đã ".len(), "đã phát triển được 12 đảng viên mới".len())]
        );
        assert!(matches("kiểm tra viên", &["kiểm tra".to_string()]).len() == 1);
        assert!(matches("kiểm tram", &["kiểm tra".to_string()]).is_empty());
    }
}
