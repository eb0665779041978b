//! HTML pages: the article's paragraphs and its metadata.
//!
//! The page is parsed with `scraper` (html5ever) after [`super::prep`], then walked once
//! (iteratively: no recursion on deep pages) into a flat list of text blocks, each knowing
//! its block element, its link text, whether it sits in boilerplate (navigation, sidebars,
//! share bars, comment boxes, related lists: by tag, ARIA role, class and id) and whether it
//! is a heading or a caption.
//!
//! The article's container is the element that holds the most good text for the least
//! junk: score = good text − junk text − a quarter of short text, summed over its blocks,
//! where good text is non-heading blocks of 60+ characters with little link text. This finds
//! the body in table layouts, div soup and `<article>` pages alike without a site list. A
//! lead paragraph printed just above the container (the sapo) joins it. Inside the
//! container, boilerplate, link lists, chrome lines, the headline and date lines are
//! dropped; a heading such as "Tin liên quan" or "Related articles" ends the article.

mod body;
mod linked_data;
mod meta;
mod walk;

use super::Article;
use super::metadata;
use super::page_type::Signals;
use body::{Pass, Trust};
use linked_data::LinkedData;
use walk::{NONE, Walker, walk};

/// Extracts the article of an HTML page: the body first (the cascade decides between its
/// passes), then its metadata, once, from the chosen pass, then what the page is made of.
pub fn extract(html: &str) -> Article {
    let (w, ld) = walk(html);
    let chosen = choose(&w);
    let title = meta::title(&w, &ld, &chosen);
    let body = body::body(&w, &ld, &chosen, title.as_deref());
    let published = meta::published(&w, &ld, &chosen, &body);
    let author = meta::author(&w, &ld, &chosen, &body);
    let mut s = signals(&w, &ld);
    s.body_teasers = chosen.body_teasers;
    Article {
        title,
        published,
        author,
        body: body.text,
        signals: Some(s),
    }
}

/// The cascade: the precise pass trusts every boilerplate mark; when page-builder class
/// names hid most of the text from it, a pass that trusts only structure is taken.
fn choose(w: &Walker) -> Pass {
    let strict = body::pass(w, Trust::All);
    if !w.els.iter().any(|e| e.soft) {
        return strict;
    }
    let lenient = body::pass(w, Trust::Structure);
    if strict.text_len(w) * 2 < lenient.text_len(w) {
        lenient
    } else {
        strict
    }
}

/// What the page is made of, for telling an article from a listing (the body's share is
/// measured later, on the final text).
fn signals(w: &Walker, ld: &LinkedData) -> Signals {
    let c = w.counts;
    let mut s = Signals {
        anchors: c.anchors,
        headline_anchors: c.headline_anchors,
        content_headline_anchors: c.content_headline_anchors,
        article_elements: c.articles,
        inputs: c.inputs,
        buttons: c.buttons,
        forms: c.forms,
        code: c.code,
        images: c.images,
        media: c.media,
        times: w.times.len() as u32,
        page_url: w.canonical.clone().or_else(|| {
            w.meta
                .get("og:url")
                .filter(|u| u.starts_with("http"))
                .cloned()
        }),
        og_type: w.meta.get("og:type").map(|t| t.trim().to_ascii_lowercase()),
        ld_types: ld.types.clone(),
        declared_date: ld.published.is_some()
            || !w.item_dates.is_empty()
            || metadata::PUBLISHED_KEYS
                .iter()
                .any(|k| w.meta.contains_key(*k)),
        ..Signals::default()
    };
    let mut prev_linked_headline = false;
    for b in &w.blocks {
        s.text_chars += b.chars;
        s.link_chars += b.link;
        let boiler = b.boiler != NONE;
        if boiler {
            s.boiler_chars += b.chars;
        }
        let linked = b.is_linked();
        if (1..=4).contains(&b.heading) {
            s.headings += 1;
            if linked && b.chars >= 15 {
                s.linked_headings += 1;
            }
            if b.heading == 1 && !boiler && !linked {
                s.has_h1 = true;
            }
        }
        // A listing prints a date under every teaser.
        if b.chars <= 60
            && b.text.bytes().any(|c| c.is_ascii_digit())
            && metadata::date_line(&b.text).is_some()
        {
            s.date_lines += 1;
        }
        if prev_linked_headline && !linked && b.chars >= 40 && b.heading == 0 {
            s.teasers += 1;
        }
        prev_linked_headline = linked && b.chars >= 25;
    }
    s
}

/// For developers: every block of the page with what each pass made of it.
#[doc(hidden)]
pub fn trace(html: &str) -> String {
    let (w, _) = walk(html);
    let mut out = Vec::new();
    for trust in [Trust::All, Trust::Structure] {
        out.push(format!("== pass {trust:?}"));
        let p = body::pass(&w, trust);
        body::trace(&w, &p, &mut out);
        out.push(format!("-> {} picked bytes", p.text_len(&w)));
    }
    out.push(format!("chosen: {:?}", choose(&w).trust));
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(n: usize, word: &str) -> String {
        format!("<p>{}</p>", vec![word; n].join(" "))
    }

    #[test]
    fn deep_nesting_on_a_normal_thread_stack() {
        let n = 100_000;
        let html = format!(
            "{}{}{}",
            "<div>".repeat(n),
            para(30, "sâu"),
            "</div>".repeat(n)
        );
        let a = std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(move || extract(&html))
            .unwrap()
            .join()
            .unwrap();
        assert!(a.body.starts_with("sâu sâu"));
    }

    #[test]
    fn layout_class_mistaken_for_sidebar_is_lifted() {
        let html = format!(
            "<body><div class=\"main has-sidebar\"><h1>Tiêu đề bài</h1>{}{}</div><nav>{}</nav></body>",
            para(40, "một"),
            para(40, "hai"),
            "<a href=/>Trang chủ</a> ".repeat(10)
        );
        let a = extract(&html);
        assert!(
            a.body.contains("một một") && a.body.contains("hai hai"),
            "{}",
            a.body
        );
        assert!(!a.body.contains("Trang chủ"));
    }

    #[test]
    fn comments_stay_out_even_when_long() {
        let html = format!(
            "<body><article>{}</article><div id=\"comments\">{}{}{}</div></body>",
            para(30, "bài"),
            para(40, "ý"),
            para(40, "kiến"),
            para(40, "khác")
        );
        let a = extract(&html);
        assert!(a.body.starts_with("bài bài"));
        assert!(!a.body.contains("kiến"), "{}", a.body);
    }

    #[test]
    fn related_heading_ends_the_article_and_link_lists_go() {
        let html = format!(
            "<body><div>{}<ul><li><a href=/a>Một bài khác rất dài về chủ đề khác nhau</a></li><li><a href=/b>Bài khác nữa cũng dài như vậy</a></li></ul>{}<h3>Tin liên quan</h3>{}</div></body>",
            para(30, "đầu"),
            para(30, "cuối"),
            para(30, "liên")
        );
        let a = extract(&html);
        assert!(a.body.contains("cuối"));
        assert!(!a.body.contains("Một bài khác"));
        assert!(!a.body.contains("liên liên"), "{}", a.body);
    }

    #[test]
    fn site_name_is_not_an_author_and_long_titles_leave_the_body() {
        let title = "Tăng cường công tác xây dựng Đảng ở cơ sở trong tình hình mới hiện nay";
        let html = format!(
            "<html><head><meta name=\"author\" content=\"Báo Điện Biên Phủ\"></head><body><h1>{title}</h1>{}</body></html>",
            para(30, "chữ")
        );
        let a = extract(&html);
        assert_eq!(a.author, None);
        assert_eq!(a.title.as_deref(), Some(title));
        assert!(a.body.starts_with("chữ chữ"), "{}", a.body);
    }

    #[test]
    fn an_inline_related_box_does_not_end_the_article() {
        let html = format!(
            "<body><div>{}<h4>Read more</h4><p><a href=/x>Another story entirely</a></p>{}{}</div><div>{}</div></body>",
            para(20, "first"),
            para(30, "second"),
            para(30, "third"),
            "<a href=/>Home</a> ".repeat(20)
        );
        let a = extract(&html);
        assert!(a.body.contains("third third"), "{}", a.body);
        assert!(!a.body.contains("Another story"));
    }

    #[test]
    fn json_ld_metadata() {
        let html = format!(
            "<html><head><script type=\"application/ld+json\">[{{\"@type\":\"NewsArticle\",\"headline\":\"Tiêu đề\",\"datePublished\":\"2024-05-01T07:30:00+07:00\",\"author\":[{{\"@type\":\"Person\",\"name\":\"Hà An\"}}]}}]</script></head><body>{}</body></html>",
            para(30, "chữ")
        );
        let a = extract(&html);
        assert_eq!(a.title.as_deref(), Some("Tiêu đề"));
        assert_eq!(a.published.as_deref(), Some("2024-05-01T07:30:00+07:00"));
        assert_eq!(a.author.as_deref(), Some("Hà An"));
    }

    #[test]
    fn the_visible_h1_is_the_headline_not_the_seo_title() {
        let body = format!("{}{}", para(30, "word"), para(30, "text"));
        let page = |head: &str, top: &str| {
            format!(
                "<html><head>{head}</head><body>{top}<article>{body}</article><footer><h1>Contact Us Today</h1></footer></body></html>"
            )
        };
        // og:title is an SEO variant: the h1 wins.
        let a = extract(&page(
            "<meta property=\"og:title\" content=\"Best Tax Software | Site\">",
            "<h1>The Best Tax Prep Software of 2025</h1>",
        ));
        assert_eq!(
            a.title.as_deref(),
            Some("The Best Tax Prep Software of 2025")
        );
        // A logo h1 (the site name, a part of <title>) loses to the headline h1.
        let a = extract(&page(
            "<title>Our Favorite Biking Spots | Houstonia Magazine</title>",
            "<h1>Houstonia Magazine</h1><h1>Our Favorite Biking Spots</h1>",
        ));
        assert_eq!(a.title.as_deref(), Some("Our Favorite Biking Spots"));
        // An h1 holding the declared title after a date gives the declared title.
        let a = extract(&page(
            "<meta property=\"og:title\" content=\"Preparing a transition\">",
            "<h1>Dec 18 2025 Preparing a transition</h1>",
        ));
        assert_eq!(a.title.as_deref(), Some("Preparing a transition"));
        // A section name as h1 yields to a longer declared title; a footer h1 is no headline.
        let a = extract(&page(
            "<meta property=\"og:title\" content=\"Finding the Right Home Insurance Policy\">",
            "<h1>Insurance tips</h1>",
        ));
        assert_eq!(
            a.title.as_deref(),
            Some("Finding the Right Home Insurance Policy")
        );
        let a = extract(&page(
            "<meta property=\"og:title\" content=\"Addressing Smart Home Concerns\">",
            "",
        ));
        assert_eq!(a.title.as_deref(), Some("Addressing Smart Home Concerns"));
        // `Headline | Tagline` as h1 keeps the headline.
        let a = extract(&page(
            "",
            "<h1>Best Residential Movers in NYC 2025 | Top 19 Companies</h1>",
        ));
        assert_eq!(
            a.title.as_deref(),
            Some("Best Residential Movers in NYC 2025")
        );
    }

    #[test]
    fn dates_of_web_page_nodes_other_keys_and_modified_pages() {
        let body = para(30, "word");
        let page = |head: &str| {
            format!("<html><head>{head}</head><body><h1>Headline here</h1>{body}</body></html>")
        };
        // Yoast puts datePublished on the WebPage node of its graph.
        let a = extract(&page(
            "<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"WebPage\",\"datePublished\":\"2021-01-27T06:00:00+00:00\"}]}</script>",
        ));
        assert_eq!(a.published.as_deref(), Some("2021-01-27T06:00:00+00:00"));
        let a = extract(&page(
            "<meta name=\"published-date\" content=\"2021-02-16\">",
        ));
        assert_eq!(a.published.as_deref(), Some("2021-02-16"));
        let a = extract(&page(
            "<meta name=\"published\" content=\"July 17, 2025\"><meta name=\"publisher\" content=\"2019-01-01\">",
        ));
        assert_eq!(a.published.as_deref(), Some("2025-07-17"));
        // Only a modification date: the page is dated by it.
        let a = extract(&page(
            "<meta property=\"article:modified_time\" content=\"2023-06-12T10:39:42+00:00\">",
        ));
        assert_eq!(a.published.as_deref(), Some("2023-06-12T10:39:42+00:00"));
        let a = extract(&page(
            "<meta property=\"article:modified_time\" content=\"2023-06-12T10:39:42+00:00\"><meta property=\"article:published_time\" content=\"2020-01-02T03:04:05+00:00\">",
        ));
        assert_eq!(a.published.as_deref(), Some("2020-01-02T03:04:05+00:00"));
    }

    #[test]
    fn page_bylines_labels_and_twitter_data() {
        let body = format!("{}{}", para(30, "word"), para(30, "text"));
        let page = |head: &str, top: &str| {
            format!(
                "<html><head>{head}</head><body><h1>Headline of the story</h1>{top}<article>{body}</article></body></html>"
            )
        };
        // A label alone in the author box: the name is the next line.
        let a = extract(&page(
            "",
            "<div class=\"author-box\"><p>Written By</p><p>Edzel Tabing</p></div>",
        ));
        assert_eq!(a.author.as_deref(), Some("Edzel Tabing"));
        // The date after the name goes.
        let a = extract(&page(
            "",
            "<div class=\"byline\">Jim Donnelly | August 24, 2023</div>",
        ));
        assert_eq!(a.author.as_deref(), Some("Jim Donnelly"));
        // A share bar with an author class names no one.
        let a = extract(&page(
            "",
            "<div class=\"author-share\">Facebook Twitter Email</div>",
        ));
        assert_eq!(a.author, None);
        let a = extract(&page(
            "<meta name=\"twitter:label1\" content=\"Written by\"><meta name=\"twitter:data1\" content=\"Andrew Liptak\">",
            "",
        ));
        assert_eq!(a.author.as_deref(), Some("Andrew Liptak"));
    }
}
