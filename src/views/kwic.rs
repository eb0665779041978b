//! Keyword in context: every occurrence of a query in the selected articles, one line each —
//! the left context, the match as the article printed it, the right context.
//!
//! An occurrence is the term searched standing whole: the words typed side by side where they
//! all stand together (as a phrase), a quoted phrase, the exact forms of a query with
//! diacritics where the article has them ([`crate::index::snippet::find_matches`]). Contexts are cut at syllable boundaries, never
//! inside a word. Sorted by date, lines stream from the index in publication order (memory
//! stays flat); sorted by the left or right context they are gathered first (a line each,
//! not the articles).

use super::ViewError;
use crate::index::query::compile;
use crate::index::snippet::find_matches;
use crate::index::{Index, SearchRequest};
use crate::text::fold_lower;
use serde::Serialize;

/// Characters of context on each side by default.
pub const DEFAULT_WIDTH: usize = 60;
/// The widest context asked for.
pub const MAX_WIDTH: usize = 500;

/// One occurrence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KwicLine {
    /// The article's id.
    pub id: String,
    /// Its URL.
    pub url: Option<String>,
    /// Its publication date.
    pub published: Option<String>,
    /// Its province (pre-2025 name).
    pub province: Option<String>,
    /// Up to `width` characters before the match, from a syllable boundary.
    pub left: String,
    /// The match as the article printed it.
    #[serde(rename = "match")]
    pub matched: String,
    /// Up to `width` characters after the match, to a syllable boundary.
    pub right: String,
    /// Code point offset of the match in the body.
    pub start: usize,
    /// Code point offset one past its end.
    pub end: usize,
}

/// How lines are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Publication date, then article, then place in the article.
    #[default]
    Date,
    /// The words just before the match, nearest first (folded).
    Left,
    /// The words just after the match (folded).
    Right,
}

impl std::str::FromStr for Sort {
    type Err = ViewError;

    fn from_str(s: &str) -> Result<Sort, ViewError> {
        match s {
            "date" => Ok(Sort::Date),
            "left" => Ok(Sort::Left),
            "right" => Ok(Sort::Right),
            _ => Err(ViewError::Bad(format!(
                "unknown sort {:?}: date, left or right",
                s.chars().take(40).collect::<String>()
            ))),
        }
    }
}

/// A KWIC request.
#[derive(Debug, Clone)]
pub struct KwicRequest {
    /// The query and filters (the query must have words).
    pub search: SearchRequest,
    /// Characters of context on each side.
    pub width: usize,
    /// Line order.
    pub sort: Sort,
}

/// The last `width` characters of `s`, starting at a syllable boundary.
fn left_context(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n <= width {
        return s.trim_start().to_string();
    }
    let cut: String = s.chars().skip(n - width).collect();
    // The cut fell inside a word when the character before it is a letter or digit.
    let inside = s
        .chars()
        .nth(n - width - 1)
        .is_some_and(char::is_alphanumeric)
        && cut.chars().next().is_some_and(char::is_alphanumeric);
    let cut = if inside {
        cut.find(char::is_whitespace).map_or("", |i| &cut[i..])
    } else {
        &cut
    };
    cut.trim_start().to_string()
}

/// The first `width` characters of `s`, ending at a syllable boundary.
fn right_context(s: &str, width: usize) -> String {
    let head: String = s.chars().take(width).collect();
    let next = s.chars().nth(width);
    let inside = next.is_some_and(char::is_alphanumeric)
        && head.chars().last().is_some_and(char::is_alphanumeric);
    let head = if inside {
        head.rfind(char::is_whitespace).map_or("", |i| &head[..i])
    } else {
        &head
    };
    head.trim_end().to_string()
}

/// The lines of one article.
fn lines_of(
    id: &str,
    rec: &crate::record::Record,
    marks: &crate::index::snippet::Marks,
    width: usize,
) -> Vec<KwicLine> {
    let body = &rec.body;
    let mut out = Vec::new();
    for r in find_matches(body, marks) {
        let start = body[..r.start].chars().count();
        let matched = body[r.clone()].to_string();
        let end = start + matched.chars().count();
        out.push(KwicLine {
            id: id.to_string(),
            url: rec.url.clone(),
            published: rec.published.clone(),
            province: rec.province.clone(),
            left: left_context(&body[..r.start], width).replace('\n', " "),
            matched,
            right: right_context(&body[r.end..], width).replace('\n', " "),
            start,
            end,
        });
    }
    out
}

/// The sort key of a line: the left context's words nearest first, or the right's.
fn key(line: &KwicLine, sort: Sort) -> (String, String, String, usize) {
    let k = match sort {
        Sort::Left => fold_lower(&line.left)
            .split_whitespace()
            .rev()
            .collect::<Vec<_>>()
            .join(" "),
        Sort::Right | Sort::Date => fold_lower(&line.right),
    };
    (
        k,
        line.published.clone().unwrap_or_default(),
        line.id.clone(),
        line.start,
    )
}

/// Calls `f` with every line of the request in order, skipping the first `offset` and
/// stopping after `limit` (all when `None`); returns how many lines there are in all.
pub fn kwic(
    index: &Index,
    req: &KwicRequest,
    offset: usize,
    limit: Option<usize>,
    f: &mut dyn FnMut(KwicLine) -> Result<(), ViewError>,
) -> Result<usize, ViewError> {
    if req.search.query.trim().is_empty() {
        return Err(ViewError::Bad(
            "kwic needs a query: the words whose contexts to show".into(),
        ));
    }
    if req.width == 0 || req.width > MAX_WIDTH {
        return Err(ViewError::Bad(format!(
            "width must be between 1 and {MAX_WIDTH} characters, not {}",
            req.width
        )));
    }
    let compiled = compile(index.fields(), &req.search)?;
    // The node of a concordance is the term searched: words typed side by side are one
    // occurrence only where they all stand together, as a phrase.
    let mut marks = compiled.marks;
    for run in &mut marks.runs {
        run.min_len = run.folded.len();
        run.loose = false;
    }
    let wanted = |i: usize| i >= offset && limit.is_none_or(|l| i < offset + l);
    let mut total = 0usize;
    let mut gathered: Vec<KwicLine> = Vec::new();
    index.try_each_record(Some(&req.search), &mut |id, rec| {
        for line in lines_of(id, &rec, &marks, req.width) {
            if req.sort == Sort::Date {
                if wanted(total) {
                    // The writer's error stops the walk and is returned as it is.
                    f(line)?;
                }
            } else {
                gathered.push(line);
            }
            total += 1;
        }
        Ok::<(), ViewError>(())
    })?;
    if req.sort != Sort::Date {
        gathered.sort_by_cached_key(|l| key(l, req.sort));
        for (i, line) in gathered.into_iter().enumerate() {
            if wanted(i) {
                f(line)?;
            }
        }
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contexts_are_cut_between_syllables() {
        // The space before the match stays: left + match reads as printed.
        assert_eq!(left_context("Hội nghị Ban Chấp hành ", 12), "Chấp hành ");
        assert_eq!(left_context("Tỉnh ủy ", 60), "Tỉnh ủy ");
        assert_eq!(
            right_context(" được triển khai sâu rộng", 14),
            " được triển"
        );
        assert_eq!(right_context(" cán bộ.", 60), " cán bộ.");
    }
}
