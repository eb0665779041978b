//! Whether a page is an article, a listing (teasers and links leading to articles) or
//! something else (a contact form, a product, a gallery, a forum thread).
//!
//! A crawl meets more listings than articles, and a listing's teasers repeat the words of
//! many articles: indexed, it would rank above them. The decision reads what the extractor
//! already counted while walking the page (links whose text reads like a headline, the
//! body's paragraphs, forms, players, `og:type`, JSON-LD types, the address's shape), turns
//! it into a few dozen features (`features.rs`) and weighs them with two small ensembles of
//! boosted trees (`model.rs`) kept in `corpus/reference/page_type.tsv` (article or not; then
//! listing or other), trained by `scripts/train_page_type.py`. Rules that hold in any
//! language (a front page, a teaser body, an undated standing page of a portal) come first.
//! Each decision carries a reason a person can check against the page.

mod features;
mod model;

use super::words::WORDS;
pub use features::{FEATURES, features};
use model::MODEL;
use std::sync::LazyLock;

pub use crate::record::PageType;

/// What the HTML extractor counted on a page, for [`decide`]. Characters are counted in
/// Latin letters ([`crate::text::text_weight`]): an ideograph counts as the three letters it
/// stands for, so the same thresholds hold for a Japanese article and an English one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Signals {
    /// Characters of visible text on the whole page.
    pub text_chars: u32,
    /// Of those, characters inside links.
    pub link_chars: u32,
    /// Characters in blocks marked as page furniture.
    pub boiler_chars: u32,
    /// Links (outermost `<a href>`).
    pub anchors: u32,
    /// Links whose text is 30 characters or more: headlines of teasers, mostly.
    pub headline_anchors: u32,
    /// Of those, links outside page furniture.
    pub content_headline_anchors: u32,
    /// Short lines that are dates.
    pub date_lines: u32,
    /// Headings that are links.
    pub linked_headings: u32,
    /// Headings h1–h4.
    pub headings: u32,
    /// Blocks of summary text right under a linked headline.
    pub teasers: u32,
    /// `<article>` elements.
    pub article_elements: u32,
    /// Form fields (`input`, `textarea`, `select`).
    pub inputs: u32,
    /// `<button>` elements.
    pub buttons: u32,
    /// `<form>` elements.
    pub forms: u32,
    /// `pre` and `code` elements.
    pub code: u32,
    /// Images.
    pub images: u32,
    /// Players and embeds (`iframe`, `video`, `audio`, `embed`, `object`).
    pub media: u32,
    /// `<time datetime>` elements outside furniture.
    pub times: u32,
    /// Whether the page has an `<h1>` outside furniture.
    pub has_h1: bool,
    /// Whether a machine-readable publication date is declared (meta, JSON-LD, microdata).
    pub declared_date: bool,
    /// `og:type`, lower case.
    pub og_type: Option<String>,
    /// Every JSON-LD `@type` on the page.
    pub ld_types: Vec<String>,
    /// Paragraphs of the body that stand right under a linked headline.
    pub body_teasers: u32,
    /// The address the page declares for itself (`rel=canonical`, `og:url`), used when
    /// the page's own address is not known.
    pub page_url: Option<String>,
    /// Characters of the extracted body.
    pub body_chars: u32,
    /// Paragraphs of the extracted body.
    pub paragraphs: u32,
    /// Of those, paragraphs of 200 characters or more.
    pub long_paragraphs: u32,
    /// Characters of the longest paragraph.
    pub longest_paragraph: u32,
}

impl Signals {
    /// Whether the page's JSON-LD declares one of these types.
    fn declares(&self, types: &[&str]) -> bool {
        self.ld_types
            .iter()
            .any(|t| types.iter().any(|n| t.eq_ignore_ascii_case(n)))
    }

    /// Fills the body's share of the signals from the extracted text.
    pub fn measure_body(&mut self, body: &str) {
        self.body_chars = 0;
        self.paragraphs = 0;
        self.long_paragraphs = 0;
        self.longest_paragraph = 0;
        for p in body.split("\n\n").filter(|p| !p.trim().is_empty()) {
            let n = crate::text::text_len(p);
            self.body_chars += n;
            self.paragraphs += 1;
            if n >= 200 {
                self.long_paragraphs += 1;
            }
            self.longest_paragraph = self.longest_paragraph.max(n);
        }
    }
}

/// What the record's reader learns besides the page itself: its address and whether a
/// date and a byline were found.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// The page's address.
    pub url: Option<&'a str>,
    /// Whether the record has a publication date.
    pub published: bool,
    /// Whether the record has a byline.
    pub author: bool,
    /// Whether the record has a title.
    pub title: bool,
    /// The headline, when there is one.
    pub headline: Option<&'a str>,
}

impl<'a> Context<'a> {
    /// The context of a record: its address, headline and whether it has a date and a byline.
    pub fn of(
        url: Option<&'a str>,
        headline: Option<&'a str>,
        published: bool,
        author: bool,
    ) -> Context<'a> {
        Context {
            url,
            published,
            author,
            title: headline.is_some(),
            headline,
        }
    }
}

/// A decision and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// What the page is.
    pub page_type: PageType,
    /// A short reason a person can check against the page.
    pub reason: String,
    /// The model's probability that the page is an article.
    pub article_probability: f64,
}

/// Decides what a page is from what the extractor counted.
pub fn decide(s: &Signals, cx: &Context) -> Decision {
    let m = &*MODEL;
    let x = features(s, cx);
    let p_article = m.article.probability(&x);
    // A page with no text to speak of is never an article, whatever its markup says.
    let page_type = if s.body_chars == 0 {
        PageType::Other
    } else if teaser_body(s) {
        // Whatever else the page shows, a body made of summaries each under a linked
        // headline is a listing's: the model, trained mostly on English sites, sees
        // Vietnamese section pages' dates and sapos and would take them for articles.
        PageType::Listing
    } else if s.longest_paragraph < SHORTEST_ARTICLE_PARAGRAPH {
        // Captions, addresses and form labels: no story is told in lines this short.
        if m.listing.probability(&x) >= 0.5 {
            PageType::Listing
        } else {
            PageType::Other
        }
    } else if front_page(cx) {
        // A site's front page shows its latest stories, a lead with its sapo, a company's
        // pitch: never one article, however long its first story runs.
        if m.listing.probability(&x) >= 0.5 || s.headline_anchors >= FRONT_PAGE_LISTING_LINKS {
            PageType::Listing
        } else {
            PageType::Other
        }
    } else if !cx.published && portal_page(cx) {
        // An undated introduction, history, structure, biography, calendar or list of
        // documents of a portal reads like an article and is none.
        PageType::Other
    } else if p_article >= m.threshold {
        PageType::Article
    } else if m.listing.probability(&x) >= 0.5 {
        PageType::Listing
    } else {
        PageType::Other
    };
    Decision {
        page_type,
        reason: reason(page_type, s, cx),
        article_probability: p_article,
    }
}

/// Headline links from which a front page is a listing of stories rather than a pitch.
const FRONT_PAGE_LISTING_LINKS: u32 = 10;

/// Whether the page's own address is its site's front page (`/`, `/index.html`,
/// `/trang-chu`) or a news section's (`/news`, `/tin-tuc/`, `/blog`: an address ending in a
/// word of `url_article`, where a story's own address goes on to its slug or number). Only
/// the address it was fetched from counts: CMSs that point every page's `rel=canonical` at
/// the front page are common.
fn front_page(cx: &Context) -> bool {
    let Some(url) = cx.url.and_then(|u| url::Url::parse(u).ok()) else {
        return false;
    };
    let path = url.path().trim_matches('/').to_ascii_lowercase();
    let query_free = url.query().is_none_or(|q| q.is_empty() || q == "page=1");
    let last = path.rsplit('/').next().unwrap_or("");
    query_free
        && (matches!(
            path.as_str(),
            "" | "index.html" | "index.htm" | "index.php" | "default.aspx" | "trang-chu" | "home"
        ) || WORDS.url_article.contains(&last))
}

/// A page whose longest paragraph is shorter than this is not an article (on the WCXB
/// development split: 3 of 792 articles, 90 of 703 other pages).
const SHORTEST_ARTICLE_PARAGRAPH: u32 = 100;

/// The url words and headline openings of `corpus/reference/portal_pages.tsv`.
static PORTAL_PAGES: LazyLock<(Vec<&'static str>, Vec<String>)> = LazyLock::new(|| {
    let mut words = Vec::new();
    let mut openings = Vec::new();
    for line in include_str!("../../../corpus/reference/portal_pages.tsv").lines() {
        match line.split_once('\t') {
            Some(("url_word", w)) => words.push(w),
            Some(("headline", h)) => openings.push(crate::text::fold_lower(h)),
            _ => {}
        }
    }
    (words, openings)
});

/// Whether the page's address or headline says it is a portal's standing page (history,
/// introduction, structure…) rather than news.
fn portal_page(cx: &Context) -> bool {
    let (words, openings) = &*PORTAL_PAGES;
    let in_url = cx
        .url
        .and_then(|u| url::Url::parse(u).ok())
        .is_some_and(|u| {
            let path = u.path().to_ascii_lowercase();
            words.iter().any(|w| {
                path.split(['/', '.', '_'])
                    .any(|seg| seg == *w || seg.starts_with(&format!("{w}-")))
            })
        });
    let in_headline = cx.headline.is_some_and(|h| {
        let h = crate::text::fold_lower(h.trim());
        openings.iter().any(|o| h.starts_with(o.as_str()))
    });
    in_url || in_headline
}

/// Whether most of the body's paragraphs stand right under a linked headline.
fn teaser_body(s: &Signals) -> bool {
    s.body_teasers >= 4 && s.body_teasers * 10 >= s.paragraphs * 6
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A reason in the page's own figures, for a person to check.
fn reason(t: PageType, s: &Signals, cx: &Context) -> String {
    let longest = if s.long_paragraphs == 0 {
        "no paragraph over 200 characters".to_string()
    } else {
        format!("longest paragraph {} characters", s.longest_paragraph)
    };
    match t {
        PageType::Article => {
            let mut r = format!(
                "{}, {} characters",
                plural(s.paragraphs, "paragraph", "paragraphs"),
                s.body_chars
            );
            if cx.published {
                r.push_str(", dated");
            }
            r
        }
        PageType::Listing if teaser_body(s) => format!(
            "{} of {} paragraphs stand under a linked headline, {}",
            s.body_teasers,
            s.paragraphs,
            plural(s.headline_anchors, "headline link", "headline links")
        ),
        PageType::Listing => {
            let mut r = plural(s.headline_anchors, "headline link", "headline links");
            if s.teasers > 0 {
                r.push_str(&format!(", {}", plural(s.teasers, "teaser", "teasers")));
            }
            r.push_str(", ");
            r.push_str(&longest);
            r
        }
        PageType::Other if s.body_chars == 0 => "no text".to_string(),
        PageType::Other => {
            let what = if front_page(cx) {
                "a site's or section's front page, ".to_string()
            } else if !cx.published && portal_page(cx) && s.body_chars > 0 {
                "an undated standing page of a portal (introduction, history, structure, \
                 calendar, documents), "
                    .to_string()
            } else if s.declares(&WORDS.ld_product) || s.og_type.as_deref() == Some("product") {
                "a product page, ".to_string()
            } else if s.declares(&WORDS.ld_discussion) {
                "a discussion thread, ".to_string()
            } else if s.inputs >= 3 {
                format!("a form of {} fields, ", s.inputs)
            } else if s.media > 0 && s.body_chars < 600 {
                format!(
                    "{}, ",
                    plural(s.media, "embedded player", "embedded players")
                )
            } else if s.code >= 3 {
                format!("{}, ", plural(s.code, "code block", "code blocks"))
            } else {
                String::new()
            };
            format!(
                "{what}{} characters of text in {}{}{}",
                s.body_chars,
                plural(s.paragraphs, "paragraph", "paragraphs"),
                if s.longest_paragraph < SHORTEST_ARTICLE_PARAGRAPH {
                    format!(", none over {SHORTEST_ARTICLE_PARAGRAPH} characters")
                } else {
                    String::new()
                },
                if cx.published { "" } else { ", no date" }
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_without_text_is_other() {
        let d = decide(&Signals::default(), &Context::default());
        assert_eq!(d.page_type, PageType::Other);
        assert_eq!(d.reason, "no text");
    }

    /// An article's signals by every feature the model reads: dated, one headline,
    /// several long paragraphs, an article address.
    fn article_like() -> (Signals, Context<'static>) {
        let mut s = Signals {
            text_chars: 4000,
            link_chars: 300,
            anchors: 20,
            has_h1: true,
            declared_date: true,
            article_elements: 1,
            og_type: Some("article".into()),
            ..Signals::default()
        };
        let para = "Đoạn văn của bài viết kể lại hội nghị và các ý kiến của đại biểu. ".repeat(4);
        s.measure_body(&[para.as_str(); 6].join("\n\n"));
        let cx = Context {
            url: Some("https://baothanhhoa.vn/xay-dung-dang/hoi-nghi-so-ket-218765.html"),
            published: true,
            author: true,
            title: true,
            headline: Some("Hội nghị sơ kết công tác cán bộ"),
        };
        (s, cx)
    }

    #[test]
    fn the_model_takes_an_article_for_one() {
        let (s, cx) = article_like();
        assert_eq!(decide(&s, &cx).page_type, PageType::Article);
    }

    #[test]
    fn a_teaser_body_is_a_listing_whatever_the_model_says() {
        let (mut s, cx) = article_like();
        // Most of the paragraphs stand under a linked headline: summaries of other pages.
        s.body_teasers = 5;
        let d = decide(&s, &cx);
        assert_eq!(d.page_type, PageType::Listing, "{}", d.reason);
        // Three teasers of six paragraphs are a story with a box of links: still an article.
        s.body_teasers = 3;
        assert_eq!(decide(&s, &cx).page_type, PageType::Article);
    }

    #[test]
    fn lines_too_short_to_tell_a_story_are_not_an_article() {
        let (mut s, cx) = article_like();
        s.measure_body(
            &[
                "Địa chỉ: 12 Lê Lợi",
                "Điện thoại: 0237 385 2345",
                "Email: lienhe@bao.vn",
            ]
            .join("\n\n"),
        );
        assert!(s.longest_paragraph < SHORTEST_ARTICLE_PARAGRAPH);
        assert_ne!(decide(&s, &cx).page_type, PageType::Article);
    }

    #[test]
    fn a_front_page_is_never_an_article() {
        let (mut s, mut cx) = article_like();
        assert_eq!(decide(&s, &cx).page_type, PageType::Article);
        for front in [
            "https://baothanhhoa.vn/",
            "https://baothanhhoa.vn",
            "https://baothanhhoa.vn/index.html",
            "https://baothanhhoa.vn/trang-chu?page=1",
            "https://baothanhhoa.vn/tin-tuc/",
            "https://baothanhhoa.vn/xay-dung-dang/bai-viet",
            "https://example.com/news",
        ] {
            cx.url = Some(front);
            let d = decide(&s, &cx);
            assert_eq!(d.page_type, PageType::Other, "{front}");
            assert!(
                d.reason.starts_with("a site's or section's front page"),
                "{}",
                d.reason
            );
        }
        // With many headline links it is a listing.
        s.headline_anchors = 25;
        assert_eq!(decide(&s, &cx).page_type, PageType::Listing);
        // A story's own address is no front page, nor a page whose canonical points home.
        s.headline_anchors = 0;
        s.page_url = Some("https://baothanhhoa.vn/".into());
        for story in [
            "https://baothanhhoa.vn/home/hoi-nghi-218765.html",
            "https://baothanhhoa.vn/tin-tuc/hoi-nghi-218765.html",
            "https://example.com/news/council-votes-budget",
        ] {
            cx.url = Some(story);
            assert_eq!(decide(&s, &cx).page_type, PageType::Article, "{story}");
        }
    }

    #[test]
    fn an_undated_standing_page_of_a_portal_is_other() {
        let (s, mut cx) = article_like();
        cx.published = false;
        cx.headline = Some("Lịch sử Đảng bộ tỉnh qua các thời kỳ");
        let d = decide(&s, &cx);
        assert_eq!(d.page_type, PageType::Other, "{}", d.reason);
        assert!(d.reason.contains("portal"), "{}", d.reason);
        cx.headline = Some("Hội nghị sơ kết công tác cán bộ");
        cx.url = Some("https://tinhuy.vn/gioi-thieu/co-cau-to-chuc");
        assert_eq!(decide(&s, &cx).page_type, PageType::Other);
        // Dated, it is news about that history.
        cx.published = true;
        assert_eq!(decide(&s, &cx).page_type, PageType::Article);
        // A word inside another slug is no section.
        cx.published = false;
        cx.url = Some("https://bao.vn/xay-dung-dang/hoi-nghi-ve-lich-sua-chua-218765.html");
        assert_eq!(decide(&s, &cx).page_type, PageType::Article);
    }

    #[test]
    fn body_measures() {
        let mut s = Signals::default();
        let long = "x".repeat(250);
        s.measure_body(&format!("ngắn\n\n{long}\n\nba"));
        assert_eq!(
            (s.paragraphs, s.long_paragraphs, s.longest_paragraph),
            (3, 1, 250)
        );
    }
}
