//! The word lists the statistics finder reads around a figure, from
//! `corpus/reference/figure_words.tsv` (each role is described in the file's header), and
//! the counted nouns of `counted_nouns.tsv`.

use std::sync::LazyLock;

/// Every role's words, lower case.
#[derive(Debug, Default)]
pub struct FigureWords {
    /// Words before a number that make it a label (`lần thứ 4`, `Điều 5`).
    pub label: Vec<&'static str>,
    /// Words after a counted noun that belong to the figure (`mới`, `dự bị`).
    pub modifier: Vec<&'static str>,
    /// Words that scale the noun after them (`triệu`, `tỷ`).
    pub multiplier: Vec<&'static str>,
    /// Words after a number that are never what it counts (`tháng`, `tuổi`).
    pub not_counted: Vec<&'static str>,
    /// Words that are no count when they are the whole phrase after a number (`điểm`).
    pub alone_not_counted: Vec<&'static str>,
    /// Words that make the place after them a destination (`về`, `từ`).
    pub not_reporter: Vec<&'static str>,
    /// Words a subject phrase does not start with (`so`, `tăng`).
    pub not_subject: Vec<&'static str>,
    /// Words that end a counted noun phrase read by structure (`đã`, `này`).
    pub noun_stop: Vec<&'static str>,
    /// Words that end a subject phrase (`và`, `của`).
    pub phrase_stop: Vec<&'static str>,
    /// The same words with a space either side, as a phrase is searched for them; made once
    /// here rather than on every figure.
    pub phrase_stop_spaced: Vec<String>,
}

const FIGURE_WORDS_TSV: &str = include_str!("../../../corpus/reference/figure_words.tsv");

/// Reads the table, naming the line of the first bad row.
pub fn parse_figure_words(text: &'static str) -> Result<FigureWords, String> {
    let mut w = FigureWords::default();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let bad = |what: &str| format!("figure_words.tsv line {}: {what}: {line:?}", n + 1);
        let Some((role, word)) = line.split_once('\t') else {
            return Err(bad("expected role<TAB>word"));
        };
        if word.is_empty() || word.contains('\t') || word != word.to_lowercase() {
            return Err(bad("the word is one lower-case column"));
        }
        let list = match role {
            "label" => &mut w.label,
            "modifier" => &mut w.modifier,
            "multiplier" => &mut w.multiplier,
            "not_counted" => &mut w.not_counted,
            "alone_not_counted" => &mut w.alone_not_counted,
            "not_reporter" => &mut w.not_reporter,
            "not_subject" => &mut w.not_subject,
            "noun_stop" => &mut w.noun_stop,
            "phrase_stop" => &mut w.phrase_stop,
            _ => return Err(bad("unknown role")),
        };
        list.push(word);
    }
    let roles = [
        &w.label,
        &w.modifier,
        &w.multiplier,
        &w.not_counted,
        &w.alone_not_counted,
        &w.not_reporter,
        &w.not_subject,
        &w.noun_stop,
        &w.phrase_stop,
    ];
    if roles.iter().any(|r| r.is_empty()) {
        return Err("figure_words.tsv: a role has no rows".to_string());
    }
    w.phrase_stop_spaced = w.phrase_stop.iter().map(|p| format!(" {p} ")).collect();
    Ok(w)
}

/// The figure words, parsed once.
pub static WORDS: LazyLock<FigureWords> = LazyLock::new(|| {
    parse_figure_words(FIGURE_WORDS_TSV).expect("figure_words.tsv is valid (checked by its test)")
});

/// Counted nouns, lower case, longest first.
pub static NOUNS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut v: Vec<&'static str> = include_str!("../../../corpus/reference/counted_nouns.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .collect();
    v.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    v
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_parses_and_keeps_its_order() {
        let w = parse_figure_words(FIGURE_WORDS_TSV).expect("valid");
        assert!(w.label.contains(&"thứ") && w.multiplier.contains(&"tỷ"));
        assert!(w.not_counted.contains(&"tháng") && w.noun_stop.contains(&"đã"));
        let mut last: Option<(&str, &str)> = None;
        let order = [
            "label",
            "modifier",
            "multiplier",
            "not_counted",
            "alone_not_counted",
            "not_reporter",
            "not_subject",
            "noun_stop",
            "phrase_stop",
        ];
        for line in FIGURE_WORDS_TSV.lines().filter(|l| !l.starts_with('#')) {
            let Some((role, word)) = line.split_once('\t') else {
                continue;
            };
            if let Some((r, p)) = last {
                let (ri, rj) = (
                    order.iter().position(|x| *x == r),
                    order.iter().position(|x| *x == role),
                );
                assert!(
                    ri < rj || (r == role && p < word),
                    "figure_words.tsv: {role}\t{word} out of order or repeated"
                );
            }
            last = Some((role, word));
        }
    }

    #[test]
    fn bad_rows_are_named() {
        assert!(parse_figure_words("label\n").is_err());
        assert!(parse_figure_words("color\tđỏ\n").is_err());
        assert!(parse_figure_words("label\tThứ\n").is_err());
        let e = parse_figure_words("# x\nlabel\tthứ\nlabel\ta\tb\n").unwrap_err();
        assert!(e.contains("line 3"), "{e}");
    }
}
