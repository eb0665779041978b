//! Snippets: the passage of a body where the query stands best, as runs of text each marked
//! (a match) or not. Each output renders them its own way: [`Snippet::html`] puts the
//! matches between `<b>` and `</b>` and escapes the rest (the JSON of `search --json` and
//! the API), [`Snippet::plain`] wraps them in what a terminal wants.
//!
//! What is marked is what matched a query term, not every syllable sharing a folded form
//! with one: the words a person typed side by side are marked where two or more of them
//! stand side by side in the text, in the query's order (`can bo` marks `cán bộ`, never the
//! `bộ` of `bộ đội` nor a lone `cận`); a phrase only where it stands whole. For a query typed
//! with diacritics the exact forms are marked, the folded ones only where no exact form
//! matched; `="…"` marks exact forms only. The window shown is the one holding the most
//! distinct query syllables, then the most in the query's order.
//!
//! ```
//! use baochi::index::snippet::{Marks, make};
//! let marks = Marks::typed(&["can bo"]);
//! let s = make("Cán bộ & nhân dân, bộ đội.", &marks);
//! assert_eq!(s.html(), "<b>Cán</b> <b>bộ</b> &amp; nhân dân, bộ đội.");
//! assert_eq!(s.plain("[", "]"), "[Cán] [bộ] & nhân dân, bộ đội.");
//! ```

use super::analyzer::{Syllable, syllables};

/// Syllables in a snippet.
const WINDOW: usize = 32;
/// Syllables shown before the first match of the window.
const LEAD: usize = 6;

/// How a run's syllables are compared with the text's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkMode {
    /// Folded forms (the query had no diacritics).
    Folded,
    /// Exact forms where the text has them, else folded ones.
    PreferExact,
    /// Exact forms only (`="…"`).
    ExactOnly,
}

/// Syllables typed side by side, to be marked where the text has them together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkRun {
    /// Exact forms, in query order.
    pub exact: Vec<String>,
    /// Folded forms, in query order.
    pub folded: Vec<String>,
    /// The fewest syllables of the run, side by side in the text, that are marked.
    pub min_len: usize,
    /// Words rather than a phrase: where the text never has `min_len` of them together, each
    /// is marked alone (the article matched on them apart).
    pub loose: bool,
    /// How syllables compare.
    pub mode: MarkMode,
}

/// What a query asks to mark.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    /// The runs, in query order.
    pub runs: Vec<MarkRun>,
}

impl Marks {
    /// Runs of words as typed: each text a run marked where two of its syllables stand
    /// together (or one, for a one-syllable text), diacritics preferred where typed.
    pub fn typed(texts: &[&str]) -> Marks {
        let runs = texts
            .iter()
            .map(|t| syllables(t))
            .filter(|s| !s.is_empty())
            .map(|syls| {
                let diacritics = syls.iter().any(|s| s.exact != s.folded);
                MarkRun {
                    min_len: syls.len().min(2),
                    loose: true,
                    exact: syls.iter().map(|s| s.exact.clone()).collect(),
                    folded: syls.iter().map(|s| s.folded.clone()).collect(),
                    mode: if diacritics {
                        MarkMode::PreferExact
                    } else {
                        MarkMode::Folded
                    },
                }
            })
            .collect();
        Marks { runs }
    }

    /// Whether nothing is to be marked.
    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }
}

/// For each syllable of the text, the id of the query syllable it matched (run offset plus
/// place in the run), or `None`.
fn matches(syls: &[Syllable], marks: &Marks) -> Vec<Option<usize>> {
    let mut hit: Vec<Option<usize>> = vec![None; syls.len()];
    let mut base = 0;
    for run in &marks.runs {
        let k = run.folded.len();
        let stretches = |exact: bool, min_len: usize| {
            let eq = |j: usize, i: usize| {
                if exact {
                    syls[j].exact == run.exact[i]
                } else {
                    syls[j].folded == run.folded[i]
                }
            };
            let mut found = Vec::new();
            for j in 0..syls.len() {
                for i in 0..k {
                    // Only stretches starting here, not the tails of longer ones.
                    if j > 0 && i > 0 && eq(j - 1, i - 1) {
                        continue;
                    }
                    let mut len = 0;
                    while j + len < syls.len() && i + len < k && eq(j + len, i + len) {
                        len += 1;
                    }
                    if len >= min_len {
                        found.push((j, i, len));
                    }
                }
            }
            found
        };
        let find = |min_len: usize| match run.mode {
            MarkMode::Folded => stretches(false, min_len),
            MarkMode::ExactOnly => stretches(true, min_len),
            MarkMode::PreferExact => {
                let exact = stretches(true, min_len);
                if exact.is_empty() {
                    stretches(false, min_len)
                } else {
                    exact
                }
            }
        };
        let mut found = find(run.min_len);
        if found.is_empty() && run.loose && run.min_len > 1 {
            found = find(1);
        }
        for (j, i, len) in found {
            for d in 0..len {
                hit[j + d].get_or_insert(base + i + d);
            }
        }
        base += k;
    }
    hit
}

/// The byte ranges of `body` that match what `marks` asks: marked syllables separated by
/// spaces only form one range, in text order.
pub fn find_matches(body: &str, marks: &Marks) -> Vec<std::ops::Range<usize>> {
    let syls = syllables(body);
    let hit = matches(&syls, marks);
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    let mut prev_hit = false;
    for (s, h) in syls.iter().zip(&hit) {
        if h.is_some() {
            match out.last_mut() {
                Some(r) if prev_hit && body[r.end..s.start].trim().is_empty() => r.end = s.end,
                _ => out.push(s.start..s.end),
            }
        }
        prev_hit = h.is_some();
    }
    out
}

fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
}

/// One run of a snippet's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The text as the body prints it (line breaks made spaces).
    pub text: String,
    /// Whether it matched the query.
    pub marked: bool,
}

/// A passage of a body, as runs of text marked where they matched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    /// The runs, in text order; neighbours differ in `marked`.
    pub parts: Vec<Part>,
}

impl Snippet {
    fn push(&mut self, text: &str, marked: bool) {
        if text.is_empty() {
            return;
        }
        if !matches!(self.parts.last(), Some(p) if p.marked == marked) {
            self.parts.push(Part {
                text: String::new(),
                marked,
            });
        }
        if let Some(p) = self.parts.last_mut() {
            // A line break of the body reads as a space in one line of text.
            p.text
                .extend(text.chars().map(|c| if c == '\n' { ' ' } else { c }));
        }
    }

    /// Drops white space at both ends, and runs it leaves empty.
    fn trim(&mut self) {
        if let Some(p) = self.parts.first_mut() {
            p.text = p.text.trim_start().to_string();
        }
        if let Some(p) = self.parts.last_mut() {
            p.text = p.text.trim_end().to_string();
        }
        self.parts.retain(|p| !p.text.is_empty());
    }

    /// The matches between `<b>` and `</b>`, everything HTML-escaped.
    pub fn html(&self) -> String {
        let mut out = String::new();
        for p in &self.parts {
            if p.marked {
                out.push_str("<b>");
                escape(&p.text, &mut out);
                out.push_str("</b>");
            } else {
                escape(&p.text, &mut out);
            }
        }
        out
    }

    /// The text with each match between `open` and `close` (bold codes for a terminal, or
    /// nothing for a pipe), nothing escaped.
    pub fn plain(&self, open: &str, close: &str) -> String {
        let mut out = String::new();
        for p in &self.parts {
            if p.marked {
                out.push_str(open);
                out.push_str(&p.text);
                out.push_str(close);
            } else {
                out.push_str(&p.text);
            }
        }
        out
    }
}

/// The JSON of a hit carries the HTML form, as cli.md's `snippet` has it.
impl serde::Serialize for Snippet {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.html())
    }
}

/// The snippet of `body` for what `marks` asks.
pub fn make(body: &str, marks: &Marks) -> Snippet {
    let mut out = Snippet::default();
    let syls = syllables(body);
    if syls.is_empty() {
        out.push(&body.chars().take(200).collect::<String>(), false);
        out.trim();
        return out;
    }
    let hit = matches(&syls, marks);
    // The window with the most distinct query syllables, then the most side by side in the
    // query's order, then the most matches.
    let mut best = (0usize, (0usize, 0usize, 0usize));
    for start in (0..syls.len()).filter(|&i| hit[i].is_some()) {
        let end = (start + WINDOW).min(syls.len());
        let mut seen = [0u64; 2];
        let (mut n, mut ordered) = (0usize, 0usize);
        for p in start..end {
            let Some(id) = hit[p] else { continue };
            let id = id.min(127);
            seen[id / 64] |= 1 << (id % 64);
            n += 1;
            if p + 1 < end && hit[p + 1] == Some(id + 1) {
                ordered += 1;
            }
        }
        let distinct = (seen[0].count_ones() + seen[1].count_ones()) as usize;
        let score = (distinct, ordered, n);
        if score > best.1 {
            best = (start, score);
        }
    }
    let first = best.0.saturating_sub(if best.1.0 > 0 { LEAD } else { 0 });
    let last = (first + WINDOW).min(syls.len()) - 1;
    let from = if first == 0 { 0 } else { syls[first].start };
    let to = if last + 1 == syls.len() {
        body.len()
    } else {
        syls[last].end
    };
    if from > 0 {
        out.push("…", false);
    }
    let mut at = from;
    for (i, s) in syls.iter().enumerate().take(last + 1).skip(first) {
        out.push(&body[at..s.start], false);
        out.push(&body[s.start..s.end], hit[i].is_some());
        at = s.end;
    }
    out.push(&body[at..to], false);
    if to < body.len() {
        out.push("…", false);
    }
    out.trim();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(body: &str, marks: &Marks) -> String {
        make(body, marks).html()
    }

    #[test]
    fn each_output_renders_the_runs_its_way() {
        let s = make("Tỉnh <ủy> & cán bộ.\nHết", &Marks::typed(&["can bo"]));
        assert_eq!(s.html(), "Tỉnh &lt;ủy&gt; &amp; <b>cán</b> <b>bộ</b>. Hết");
        assert_eq!(s.plain("*", "*"), "Tỉnh <ủy> & *cán* *bộ*. Hết");
        assert_eq!(s.plain("", ""), "Tỉnh <ủy> & cán bộ. Hết");
        let marked: Vec<&str> = s
            .parts
            .iter()
            .filter(|p| p.marked)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(marked, ["cán", "bộ"]);
        assert_eq!(
            serde_json::to_string(&s).expect("json"),
            "\"Tỉnh &lt;ủy&gt; &amp; <b>cán</b> <b>bộ</b>. Hết\""
        );
    }

    #[test]
    fn picks_the_passage_with_the_matches() {
        let mut body = String::new();
        for _ in 0..50 {
            body.push_str("Một câu không liên quan gì cả. ");
        }
        body.push_str("Công tác luân chuyển cán bộ được đẩy mạnh.");
        let s = html(&body, &Marks::typed(&["luan chuyen can bo"]));
        assert!(s.starts_with('…'), "{s}");
        assert!(
            s.contains("<b>luân</b> <b>chuyển</b> <b>cán</b> <b>bộ</b>"),
            "{s}"
        );
    }

    #[test]
    fn no_match_gives_the_opening() {
        let s = html("Hội nghị <b> sơ kết.", &Marks::default());
        assert_eq!(s, "Hội nghị &lt;b&gt; sơ kết.");
    }

    #[test]
    fn lone_syllables_of_a_word_are_not_marked() {
        let s = html(
            "Bố trí cán bộ theo nhiệm vụ; cận kề căn nhà; luân chuyển cán bộ.",
            &Marks::typed(&["luan chuyen can bo"]),
        );
        assert_eq!(
            s,
            "Bố trí <b>cán</b> <b>bộ</b> theo nhiệm vụ; cận kề căn nhà; \
             <b>luân</b> <b>chuyển</b> <b>cán</b> <b>bộ</b>."
        );
        // "bo nhiem" as a phrase: "bố trí … nhiệm vụ" holds both syllables, never together.
        let mut phrase = Marks::typed(&["bo nhiem"]);
        phrase.runs[0].loose = false;
        let s = html("Bố trí cán bộ theo nhiệm vụ.", &phrase);
        assert!(!s.contains("<b>"), "{s}");
        // As words, they are marked apart when they never stand together.
        let s = html("Bố trí cán bộ theo nhiệm vụ.", &Marks::typed(&["bo nhiem"]));
        assert_eq!(s, "<b>Bố</b> trí cán <b>bộ</b> theo <b>nhiệm</b> vụ.");
    }

    #[test]
    fn exact_forms_first_folded_only_where_none() {
        let body = "Quyết định bỏ nhiệm vụ cũ; bổ nhiệm ông A.";
        assert_eq!(
            html(body, &Marks::typed(&["bổ nhiệm"])),
            "Quyết định bỏ nhiệm vụ cũ; <b>bổ</b> <b>nhiệm</b> ông A."
        );
        assert_eq!(
            html("Quyết định bỏ nhiệm vụ cũ.", &Marks::typed(&["bổ nhiệm"])),
            "Quyết định <b>bỏ</b> <b>nhiệm</b> vụ cũ."
        );
        let mut exact_only = Marks::typed(&["bổ nhiệm"]);
        exact_only.runs[0].mode = MarkMode::ExactOnly;
        exact_only.runs[0].loose = false;
        assert_eq!(
            html("Quyết định bỏ nhiệm vụ cũ.", &exact_only),
            "Quyết định bỏ nhiệm vụ cũ."
        );
    }

    #[test]
    fn the_window_with_most_distinct_query_syllables_in_order() {
        let filler = "một hai ba bốn năm sáu bảy tám chín mười ".repeat(5);
        // Early: "kết nạp" three times; late: the whole query once.
        let body =
            format!("kết nạp kết nạp kết nạp {filler}kiểm điểm tự phê bình và kết nạp đảng viên");
        let s = html(&body, &Marks::typed(&["kiem diem tu phe binh ket nap"]));
        assert!(
            s.contains("<b>kiểm</b> <b>điểm</b> <b>tự</b> <b>phê</b> <b>bình</b>"),
            "{s}"
        );
        assert!(!s.contains("<b>kết</b> <b>nạp</b> <b>kết</b>"), "{s}");
    }
}
