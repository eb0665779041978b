//! The words of page markup the extractor reads — class and id words of furniture, body,
//! caption and byline elements, state prefixes, JSON-LD article types, title separators,
//! the address words and JSON-LD types of page types — from
//! `corpus/reference/page_words.tsv`, so each list exists once.

use regex::Regex;
use std::sync::LazyLock;

const TABLE: &str = include_str!("../../corpus/reference/page_words.tsv");

/// The lists of `page_words.tsv`, the class-word ones compiled.
pub(crate) struct PageWords {
    /// Whole words of a class or id that mark page furniture.
    pub(crate) furniture_word: Regex,
    /// Fragments of a class or id that mark furniture wherever they stand.
    pub(crate) furniture_fragment: Regex,
    /// Fragments that mark an article body outright.
    pub(crate) body_marker: Regex,
    /// Fragments that mark an image caption.
    pub(crate) caption_marker: Regex,
    /// Whole words that mark a byline.
    pub(crate) byline_word: Regex,
    /// Class prefixes that name a state or taxonomy (`has-comments`, `tag-news`).
    pub(crate) state_prefix: Vec<&'static str>,
    /// Class suffixes that name a state (`comments-enabled`, `sidebar-open`).
    pub(crate) state_suffix: Vec<&'static str>,
    /// JSON-LD `@type`s of an article.
    pub(crate) article_type: Vec<&'static str>,
    /// What stands between a headline and the site's name, a space each side, in the order
    /// they are tried.
    pub(crate) title_separator: Vec<String>,
    pub(crate) url_article: Vec<&'static str>,
    pub(crate) url_listing: Vec<&'static str>,
    pub(crate) url_product: Vec<&'static str>,
    pub(crate) url_forum: Vec<&'static str>,
    pub(crate) url_docs: Vec<&'static str>,
    pub(crate) url_service: Vec<&'static str>,
    pub(crate) ld_listing: Vec<&'static str>,
    pub(crate) ld_product: Vec<&'static str>,
    pub(crate) ld_discussion: Vec<&'static str>,
    pub(crate) ld_other: Vec<&'static str>,
}

/// The kinds of the table, in its order.
const KINDS: [&str; 19] = [
    "body_marker",
    "furniture_word",
    "furniture_fragment",
    "caption_marker",
    "byline_word",
    "state_prefix",
    "article_type",
    "title_separator",
    "state_suffix",
    "url_article",
    "url_listing",
    "url_product",
    "url_forum",
    "url_docs",
    "url_service",
    "ld_listing",
    "ld_product",
    "ld_discussion",
    "ld_other",
];

fn parse(text: &'static str) -> Result<PageWords, String> {
    let mut lists: Vec<Vec<&'static str>> = vec![Vec::new(); KINDS.len()];
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (kind, value) = line
            .split_once('\t')
            .ok_or_else(|| format!("line {}: not kind<TAB>value", n + 1))?;
        let k = KINDS
            .iter()
            .position(|x| *x == kind)
            .ok_or_else(|| format!("line {}: unknown kind {kind:?}", n + 1))?;
        if value.is_empty() || lists[k].contains(&value) {
            return Err(format!("line {}: empty or repeated {value:?}", n + 1));
        }
        lists[k].push(value);
    }
    if let Some(k) = lists.iter().position(Vec::is_empty) {
        return Err(format!("no {} rows", KINDS[k]));
    }
    let any = |k: usize| lists[k].join("|");
    let bounded = |k: usize| format!(r"(?:^|[\s_-])(?:{})(?:$|[\s_-])", any(k));
    let re = |p: String| Regex::new(&p).map_err(|e| e.to_string());
    Ok(PageWords {
        body_marker: re(any(0))?,
        furniture_word: re(bounded(1))?,
        furniture_fragment: re(any(2))?,
        caption_marker: re(any(3))?,
        byline_word: re(bounded(4))?,
        state_prefix: lists[5].clone(),
        article_type: lists[6].clone(),
        title_separator: lists[7].iter().map(|s| format!(" {s} ")).collect(),
        state_suffix: lists[8].clone(),
        url_article: lists[9].clone(),
        url_listing: lists[10].clone(),
        url_product: lists[11].clone(),
        url_forum: lists[12].clone(),
        url_docs: lists[13].clone(),
        url_service: lists[14].clone(),
        ld_listing: lists[15].clone(),
        ld_product: lists[16].clone(),
        ld_discussion: lists[17].clone(),
        ld_other: lists[18].clone(),
    })
}

/// The table, parsed once. It is compiled in and a test parses it; were it broken, the
/// lists would be empty and every element plain text rather than a panic.
pub(crate) static WORDS: LazyLock<PageWords> = LazyLock::new(|| {
    parse(TABLE).unwrap_or_else(|e| {
        tracing::error!(error = %e, "corpus/reference/page_words.tsv");
        let never = || Regex::new("$^").expect("static regex");
        PageWords {
            furniture_word: never(),
            furniture_fragment: never(),
            body_marker: never(),
            caption_marker: never(),
            byline_word: never(),
            state_prefix: Vec::new(),
            state_suffix: Vec::new(),
            article_type: Vec::new(),
            title_separator: Vec::new(),
            url_article: Vec::new(),
            url_listing: Vec::new(),
            url_product: Vec::new(),
            url_forum: Vec::new(),
            url_docs: Vec::new(),
            url_service: Vec::new(),
            ld_listing: Vec::new(),
            ld_product: Vec::new(),
            ld_discussion: Vec::new(),
            ld_other: Vec::new(),
        }
    })
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_parses_and_its_words_match_as_meant() {
        let w = parse(TABLE).expect("page_words.tsv");
        assert!(w.furniture_word.is_match("post comments-area"));
        assert!(
            !w.furniture_word.is_match("commentator"),
            "whole words only"
        );
        assert!(w.furniture_fragment.is_match("box-tin-lien-quan"));
        assert!(w.body_marker.is_match("fck_detail"));
        assert!(w.caption_marker.is_match("wp-caption-text"));
        assert!(w.byline_word.is_match("post-author"));
        assert!(w.article_type.contains(&"NewsArticle"));
        assert_eq!(w.title_separator[0], " | ");
        assert!(w.state_prefix.contains(&"has-"));
        assert!(w.state_suffix.contains(&"-enabled"));
        assert!(w.url_article.contains(&"tin-tuc"));
        assert!(w.url_listing.contains(&"chuyen-muc"));
        assert!(w.ld_product.contains(&"Product"));
        assert!(w.ld_discussion.contains(&"QAPage"));
    }

    #[test]
    fn bad_rows_are_refused() {
        for (bad, why) in [
            ("furniture_word comments\n", "not kind"),
            ("furnishing\tx\n", "unknown kind"),
            ("article_type\tArticle\narticle_type\tArticle\n", "repeated"),
        ] {
            let e = parse(bad).err().unwrap_or_default();
            assert!(e.contains(why), "{why}: {e}");
        }
    }
}
