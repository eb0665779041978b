//! The features of a page the page-type models weigh, in the order the weight table names
//! them: counts of what the extractor met, the body's measures, declared types and the
//! address's shape.

use super::{Context, Signals};
use crate::extract::words::WORDS;

/// Feature names in the order [`features`] returns them; the weight table names them.
pub const FEATURES: &[&str] = &[
    "log_text_chars",
    "link_share",
    "boiler_share",
    "log_anchors",
    "log_headline_anchors",
    "headline_anchors_per_kchar_body",
    "log_content_headline_anchors",
    "content_headline_anchors_per_paragraph",
    "log_date_lines",
    "log_linked_headings",
    "linked_heading_share",
    "log_teasers",
    "log_headings",
    "log_article_elements",
    "many_article_elements",
    "log_inputs",
    "log_buttons",
    "has_form",
    "log_code",
    "log_images",
    "log_media",
    "log_times",
    "has_h1",
    "declared_date",
    "og_article",
    "og_other",
    "ld_article",
    "ld_listing",
    "ld_product",
    "ld_discussion",
    "ld_other_page",
    "log_body_chars",
    "log_body_teasers",
    "body_teaser_share",
    "body_share",
    "log_paragraphs",
    "log_long_paragraphs",
    "log_longest_paragraph",
    "published",
    "author",
    "title",
    "url_root",
    "url_depth",
    "url_slug_words",
    "url_date",
    "url_article_word",
    "url_listing_word",
    "url_product_word",
    "url_forum_word",
    "url_docs_word",
    "url_service_word",
    "url_numeric_id",
    "url_html",
    "url_query_page",
];

pub(super) fn l(x: u32) -> f64 {
    f64::from(x).ln_1p()
}

pub(super) fn b(x: bool) -> f64 {
    if x { 1.0 } else { 0.0 }
}

/// Address words, matched as whole path segments or hyphen/underscore parts of them.
pub(super) fn url_has(words: &[&str], parts: &[String]) -> bool {
    parts.iter().any(|p| words.contains(&p.as_str()))
}

/// The features of a page, in [`FEATURES`] order.
pub fn features(s: &Signals, cx: &Context) -> Vec<f64> {
    let text = f64::from(s.text_chars.max(1));
    let body = f64::from(s.body_chars);
    let ld = |names: &[&str]| s.declares(names);
    let og = s.og_type.as_deref().unwrap_or("");
    let parsed = cx
        .url
        .or(s.page_url.as_deref())
        .and_then(|u| url::Url::parse(u).ok());
    let (path, query) = parsed
        .as_ref()
        .map(|u| {
            (
                u.path().to_ascii_lowercase(),
                u.query().unwrap_or("").to_string(),
            )
        })
        .unwrap_or_default();
    let segments: Vec<&str> = path.split('/').filter(|x| !x.is_empty()).collect();
    let last = segments.last().copied().unwrap_or("");
    let stem = last
        .rsplit_once('.')
        .filter(|(_, ext)| ext.len() <= 5 && ext.chars().all(|c| c.is_ascii_alphanumeric()))
        .map_or(last, |(stem, _)| stem);
    let slug_words = stem
        .split(['-', '_', '+'])
        .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()) && w.len() > 1)
        .count() as u32;
    let parts: Vec<String> = segments
        .iter()
        .flat_map(|seg| seg.split(['-', '_', '.']))
        .map(str::to_string)
        .chain(segments.iter().map(|x| x.to_string()))
        .collect();
    let numbers: Vec<u32> = segments
        .iter()
        .filter_map(|x| x.parse::<u32>().ok())
        .collect();
    let url_date = numbers.iter().any(|n| (1995..=2035).contains(n))
        || path.as_bytes().windows(8).any(|w| {
            w.iter().all(u8::is_ascii_digit)
                && std::str::from_utf8(&w[..4])
                    .ok()
                    .and_then(|y| y.parse::<u32>().ok())
                    .is_some_and(|y| (1995..=2035).contains(&y))
        });
    let numeric_id = stem
        .split(['-', '_'])
        .any(|p| p.len() >= 5 && p.bytes().all(|c| c.is_ascii_digit()));
    let q = query.to_ascii_lowercase();
    let query_page = q.contains("page=")
        || q.contains("paged=")
        || q.starts_with("p=")
        || q.contains("&p=")
        || q.contains("q=")
        || q.contains("s=")
        || q.contains("keyword");
    vec![
        l(s.text_chars),
        f64::from(s.link_chars) / text,
        f64::from(s.boiler_chars) / text,
        l(s.anchors),
        l(s.headline_anchors),
        (f64::from(s.headline_anchors) * 1000.0 / body.max(200.0)).min(50.0),
        l(s.content_headline_anchors),
        (f64::from(s.content_headline_anchors) / f64::from(s.paragraphs.max(1))).min(20.0),
        l(s.date_lines),
        l(s.linked_headings),
        f64::from(s.linked_headings) / f64::from(s.headings.max(1)),
        l(s.teasers),
        l(s.headings),
        l(s.article_elements),
        b(s.article_elements >= 3),
        l(s.inputs),
        l(s.buttons),
        b(s.forms > 0),
        l(s.code),
        l(s.images),
        l(s.media),
        l(s.times),
        b(s.has_h1),
        b(s.declared_date),
        b(og == "article" || og.starts_with("article")),
        b(!og.is_empty() && og != "article" && !og.starts_with("article")),
        b(ld(&WORDS.article_type)),
        b(ld(&WORDS.ld_listing)),
        b(ld(&WORDS.ld_product)),
        b(ld(&WORDS.ld_discussion)),
        b(ld(&WORDS.ld_other)),
        l(s.body_chars),
        l(s.body_teasers),
        f64::from(s.body_teasers) / f64::from(s.paragraphs.max(1)),
        body / text,
        l(s.paragraphs),
        l(s.long_paragraphs),
        l(s.longest_paragraph),
        b(cx.published),
        b(cx.author),
        b(cx.title),
        // Without an address nothing is known of its shape (a file on disk), not "root".
        b(parsed.is_some() && segments.is_empty()),
        f64::from(segments.len().min(6) as u32),
        f64::from(slug_words.min(12)),
        b(url_date),
        b(url_has(&WORDS.url_article, &parts)),
        b(url_has(&WORDS.url_listing, &parts)),
        b(url_has(&WORDS.url_product, &parts)),
        b(url_has(&WORDS.url_forum, &parts)),
        b(url_has(&WORDS.url_docs, &parts)),
        b(url_has(&WORDS.url_service, &parts)),
        b(numeric_id),
        b(last.ends_with(".html") || last.ends_with(".htm") || last.ends_with(".aspx")),
        b(query_page),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_shapes() {
        let cx = |u: &'static str| Context {
            url: Some(u),
            ..Context::default()
        };
        let at = |name: &str| FEATURES.iter().position(|f| *f == name).unwrap();
        let f = features(&Signals::default(), &cx("https://baobacgiang.vn/"));
        assert_eq!(f[at("url_root")], 1.0);
        let f = features(&Signals::default(), &Context::default());
        assert_eq!(f[at("url_root")], 0.0, "no address is not a home page");
        let f = features(
            &Signals::default(),
            &cx(
                "https://baobacgiang.vn/xay-dung-dang/hoi-nghi-so-ket-nghi-quyet-trung-uong-4-218765.html",
            ),
        );
        assert_eq!(f[at("url_root")], 0.0);
        assert_eq!(f[at("url_slug_words")], 8.0);
        assert_eq!(f[at("url_numeric_id")], 1.0);
        assert_eq!(f[at("url_html")], 1.0);
        let f = features(
            &Signals::default(),
            &cx("https://x.vn/tag/nghi-quyet-4?page=2"),
        );
        assert_eq!(f[at("url_listing_word")], 1.0);
        assert_eq!(f[at("url_query_page")], 1.0);
        let f = features(&Signals::default(), &cx("https://x.com/2024/05/14/story"));
        assert_eq!(f[at("url_date")], 1.0);
    }
}
