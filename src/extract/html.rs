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

use super::Article;
use super::chrome::{self, Chrome};
use super::metadata::{self, Stamp};
use super::page_type::Signals;
use ego_tree::iter::Edge;
use regex::Regex;
use scraper::{Html, Node};
use std::collections::HashMap;
use std::sync::LazyLock;

const NONE: u32 = u32::MAX;

/// An element that can hold blocks (block-level, or marked as boilerplate).
#[derive(Debug, Clone)]
struct El {
    parent: u32,
    /// Index of its last descendant element: descendants are `self+1..=end`.
    end: u32,
    boiler: bool,
    /// Boilerplate whose flag is never lifted (comment sections, navigation, footers).
    hard: bool,
    /// Boilerplate only by its class or id words (not by tag or ARIA role): the weakest
    /// evidence, which page builders' layout classes (`elementor-widget-wrap`) defeat.
    soft: bool,
    strong: bool,
    /// `<article>`, `<main>` or a strong body marker: where an article is.
    landmark: bool,
}

#[derive(Debug, Clone)]
struct Block {
    text: String,
    chars: u32,
    link: u32,
    el: u32,
    /// Outermost boilerplate element around it, or NONE.
    boiler: u32,
    heading: u8,
    caption: bool,
    byline: bool,
}

impl Block {
    fn link_density(&self) -> f32 {
        self.link as f32 / self.chars.max(1) as f32
    }
}

#[derive(Debug, Clone, Copy)]
struct Frame {
    el: u32,
    block: bool,
    link: bool,
    heading: u8,
    caption: bool,
    byline: bool,
    boiler_set: bool,
    title: bool,
}

#[derive(Default)]
struct Walker {
    els: Vec<El>,
    blocks: Vec<Block>,
    stack: Vec<Frame>,
    /// Open block elements (indexes into `els`).
    block_stack: Vec<u32>,
    skip: usize,
    links: usize,
    heading: u8,
    captions: usize,
    bylines: usize,
    boiler: u32,
    buf: String,
    chars: u32,
    link_chars: u32,
    space: bool,
    in_title: bool,
    title: String,
    meta: HashMap<String, String>,
    /// `<time datetime>` values with the block index they precede.
    times: Vec<(usize, String)>,
    item_dates: Vec<String>,
    item_authors: Vec<String>,
    /// What the page is made of, for telling an article from a listing.
    counts: Counts,
    /// Characters of the outermost link being read.
    anchor_chars: u32,
    /// `<link rel="canonical">`.
    canonical: Option<String>,
}

/// Tallies of the whole page's structure (outside `<head>` and scripts).
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    anchors: u32,
    /// Links whose text reads like a headline (30 characters or more).
    headline_anchors: u32,
    /// Of those, links outside page furniture.
    content_headline_anchors: u32,
    articles: u32,
    inputs: u32,
    buttons: u32,
    forms: u32,
    code: u32,
    images: u32,
    media: u32,
}

const SKIP: [&str; 17] = [
    "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "select", "button", "input", "textarea", "video", "audio",
];
const INLINE: [&str; 36] = [
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "big",
    "strike", "tt", "label", "nobr", "ins", "del", "img", "picture", "source", "wbr",
];
const BOILER_TAGS: [&str; 5] = ["nav", "aside", "footer", "menu", "dialog"];

/// Class/id words of page furniture (matched as whole words of the class or id).
static NEG_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)(?:^|[\s_-])(?:
        comments?|commentlist|disqus|share|sharing|shares|social|sociable|socials|
        related|relatedposts|recommend|recommended|recommendations|sidebar|widget|widgets|
        breadcrumbs?|footer|foot|masthead|navbar|nav|navigation|menu|mainmenu|topbar|toolbar|
        banner|advert|advertisement|advertising|ads?|adv|adsbygoogle|sponsor|sponsored|promo|
        newsletter|subscribe|subscription|signup|cookie|cookies|consent|popup|modal|
        tags?|taglist|tagcloud|keywords?|bio|meta|postmeta|entry-meta|dateline|timestamp|
        print|rating|vote|poll|pagination|pager|paging|mostread|most-read|popular|trending|
        more-stories|readmore|read-more|also-read|outbrain|taboola|lienquan|tinlienquan|
        tinkhac|othernews|other-news|binhluan|ykien|thoitiet|weather|giavang|tygia|chungkhoan|
        login|search|skip|sr-only|screen-reader-text|visually-hidden|copyright|
        byline|author|auteur|reporter|source)(?:$|[\s_-])",
    )
    .expect("static regex")
});
/// Class/id fragments of page furniture too distinctive to need word bounds.
static NEG_SUB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"sharebar|socialshare|share-buttons|sharetools|relatedarticle|related-article|relatednews|related-news|comment-box|commentbox|fb-comments|newsrelated|tin-lien-quan|tin-khac|binh-luan|y-kien|box-comment|boxcomment|sidebar|breadcrumb|advert|adsense|outbrain|taboola")
        .expect("static regex")
});
/// Class/id names that mark an article body outright.
static STRONG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x)articlebody|article-body|article_body|article__body|article-content|article_content|articlecontent|article-text|articletext|entry-content|entry_content|post-content|post_content|postcontent|post-body|postbody|story-body|storybody|story-content|storycontent|body-text|bodytext|main-content|maincontent|detail-content|content-detail|contentdetail|detail_content|news-content|newscontent|content-news|fck_detail|noidung|noi-dung|chitiet|chi-tiet|detail__content|article-detail|articledetail|news-detail|newsdetail|td-post-content|rich-text|richtext|cms-body|content-body|contentbody")
        .expect("static regex")
});
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"caption|image_desc|img-desc|imgdesc|photo-desc|chuthich|chu-thich|figcaption|wp-caption-text").expect("static regex")
});
static BYLINE_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[\s_-])(?:byline|author|author-name|authorname|reporter|tacgia|tac-gia|auteur|signature)(?:$|[\s_-])",
    )
    .expect("static regex")
});

/// Whether a class names a state or a taxonomy of the element rather than what it is:
/// `has-comments`, `no-sidebar`, `tag-sustainable-clothing`, `category-news` (CMSs put the
/// post's tags and categories on its container).
fn is_state_class(token: &str) -> bool {
    let t = token.as_bytes();
    let starts = |p: &str| t.len() > p.len() && t[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    [
        "has-",
        "has_",
        "no-",
        "no_",
        "is-",
        "is_",
        "with-",
        "tag-",
        "category-",
        "format-",
        "status-",
        "type-",
        "comments-open",
        "comments-closed",
    ]
    .iter()
    .any(|p| starts(p))
}

/// The attributes the walk reads, gathered in one pass.
#[derive(Default)]
struct Attrs<'a> {
    class: &'a str,
    id: &'a str,
    style: &'a str,
    role: &'a str,
    itemprop: &'a str,
    rel: &'a str,
    href: bool,
    href_value: &'a str,
    hidden: bool,
    aria_hidden: bool,
    datetime: Option<&'a str>,
    content: Option<&'a str>,
    property: Option<&'a str>,
    name: Option<&'a str>,
}

impl Walker {
    fn flush(&mut self) {
        if self.chars > 0 {
            // White space is already collapsed; the full normalisation (NFC, tone
            // placement) is left for the few blocks that are kept, which is most of the
            // cost saved on a page of sidebars.
            let text = std::mem::take(&mut self.buf);
            self.blocks.push(Block {
                text,
                chars: self.chars,
                link: self.link_chars,
                el: self.block_stack.last().copied().unwrap_or(0),
                boiler: self.boiler,
                heading: self.heading,
                caption: self.captions > 0,
                byline: self.bylines > 0,
            });
        } else {
            self.buf.clear();
        }
        self.chars = 0;
        self.link_chars = 0;
        self.space = false;
    }

    fn text(&mut self, t: &str) {
        if self.in_title {
            self.title.push_str(t);
        }
        if self.skip > 0 {
            return;
        }
        let in_link = self.links > 0;
        for c in t.chars() {
            if c.is_whitespace() || c == '\u{a0}' {
                self.space = true;
                continue;
            }
            if self.space && !self.buf.is_empty() {
                self.buf.push(' ');
                self.chars += 1;
                if in_link {
                    self.link_chars += 1;
                }
            }
            self.space = false;
            self.buf.push(c);
            self.chars += 1;
            if in_link {
                self.link_chars += 1;
                self.anchor_chars += 1;
            }
        }
    }

    fn meta(&mut self, a: &Attrs) {
        let key = a
            .property
            .or(a.name)
            .or((!a.itemprop.is_empty()).then_some(a.itemprop));
        if let (Some(k), Some(v)) = (key, a.content) {
            let k = k.trim().to_ascii_lowercase();
            if !v.trim().is_empty() {
                self.meta.entry(k).or_insert_with(|| v.trim().to_string());
            }
        }
    }

    fn open(&mut self, e: &scraper::node::Element) {
        let name = e.name();
        // One pass over the attributes: `Element::attr` interns the name it is given on
        // every call, which showed in profiles.
        let mut a = Attrs::default();
        for (k, v) in e.attrs() {
            match k {
                "class" => a.class = v,
                "id" => a.id = v,
                "style" => a.style = v,
                "role" => a.role = v,
                "itemprop" => a.itemprop = v,
                "rel" => a.rel = v,
                "href" => {
                    a.href = true;
                    a.href_value = v;
                }
                "hidden" => a.hidden = true,
                "aria-hidden" => a.aria_hidden = v == "true",
                "datetime" => a.datetime = Some(v),
                "content" => a.content = Some(v),
                "property" => a.property = Some(v),
                "name" => a.name = Some(v),
                _ => {}
            }
        }
        match name {
            "meta" => self.meta(&a),
            "link"
                if a.rel.eq_ignore_ascii_case("canonical")
                    && self.canonical.is_none()
                    && a.href_value.starts_with("http") =>
            {
                self.canonical = Some(a.href_value.trim().to_string());
            }
            "title" if self.title.is_empty() => self.in_title = true,
            _ => {}
        }
        if !a.itemprop.is_empty() {
            let prop = a.itemprop.to_ascii_lowercase();
            if prop.contains("datepublished")
                && let Some(v) = a.content.or(a.datetime)
            {
                self.item_dates.push(v.to_string());
            }
            if prop == "author"
                && let Some(v) = a.content
            {
                self.item_authors.push(v.to_string());
            }
        }
        if self.skip > 0 {
            self.skip += 1;
            self.stack.push(Frame {
                el: NONE,
                block: false,
                link: false,
                heading: 0,
                caption: false,
                byline: false,
                boiler_set: false,
                title: name == "title",
            });
            return;
        }
        if name == "time"
            && let Some(dt) = a.datetime
            && self.boiler == NONE
        {
            self.times.push((self.blocks.len(), dt.to_string()));
        }
        let hidden = a.hidden
            || a.aria_hidden
            || (!a.style.is_empty() && {
                let s: String = a
                    .style
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .to_ascii_lowercase();
                s.contains("display:none") || s.contains("visibility:hidden")
            });
        match name {
            "input" | "textarea" | "select" => self.counts.inputs += 1,
            "button" => self.counts.buttons += 1,
            "iframe" | "video" | "audio" | "embed" | "object" => self.counts.media += 1,
            "form" => self.counts.forms += 1,
            "article" => self.counts.articles += 1,
            "pre" | "code" => self.counts.code += 1,
            "img" => self.counts.images += 1,
            _ => {}
        }
        if SKIP.contains(&name) {
            self.flush();
            self.skip = 1;
            self.stack.push(Frame {
                el: NONE,
                block: false,
                link: false,
                heading: 0,
                caption: false,
                byline: false,
                boiler_set: false,
                title: false,
            });
            return;
        }
        let inline = INLINE.contains(&name);
        let mut names = String::with_capacity(a.class.len() + a.id.len() + 1);
        // The classes of `<html>` and `<body>` describe the page (`single-post`,
        // `footer-dark`, `no-gallery-comments`), never a piece of furniture.
        if !matches!(name, "html" | "body") {
            for token in a.class.split_ascii_whitespace().chain([a.id]) {
                if !is_state_class(token) {
                    if !names.is_empty() {
                        names.push(' ');
                    }
                    names.push_str(token);
                }
            }
        }
        names.make_ascii_lowercase();
        let role = a.role;
        let itemprop = a.itemprop.to_ascii_lowercase();
        let strong = itemprop == "articlebody" || (!names.is_empty() && STRONG.is_match(&names));
        let by_tag = BOILER_TAGS.contains(&name)
            || matches!(
                role,
                "navigation" | "complementary" | "contentinfo" | "search" | "menu" | "menubar"
            );
        // Hidden text is weak furniture, not nothing: streaming renderers (React's
        // `<div hidden id="S:0">`) keep the whole article in a hidden element until a
        // script moves it.
        let boiler = hidden
            || !strong
                && (by_tag
                    || (!names.is_empty()
                        && (NEG_WORD.is_match(&names) || NEG_SUB.is_match(&names))));
        let byline = itemprop == "author"
            || a.rel.contains("author")
            || (!names.is_empty() && BYLINE_CLASS.is_match(&names));
        let caption = matches!(name, "figcaption" | "caption")
            || (!names.is_empty() && CAPTION.is_match(&names));
        let heading = match name {
            "h1" => 1,
            "h2" => 2,
            "h3" => 3,
            "h4" => 4,
            "h5" => 5,
            "h6" => 6,
            _ => 0,
        };
        let is_block = !inline;
        if is_block || name == "br" || boiler || strong {
            self.flush();
        }
        let mut el = NONE;
        if is_block || boiler || strong {
            el = self.els.len() as u32;
            let parent = self.block_stack.last().copied().unwrap_or(NONE);
            let hard = boiler
                && (matches!(name, "nav" | "footer" | "menu")
                    || names.contains("comment")
                    || names.contains("binhluan")
                    || names.contains("binh-luan"));
            let hard = hard && !hidden;
            self.els.push(El {
                parent,
                end: el,
                boiler,
                hard,
                soft: boiler && !by_tag && !hard,
                strong,
                landmark: strong || matches!(name, "article" | "main") || role == "main",
            });
            self.block_stack.push(el);
        }
        let boiler_set = boiler && self.boiler == NONE;
        if boiler_set {
            self.boiler = el;
        }
        let link = name == "a" && a.href;
        if link {
            if self.links == 0 {
                self.anchor_chars = 0;
                self.counts.anchors += 1;
            }
            self.links += 1;
        }
        if caption {
            self.captions += 1;
        }
        if byline {
            self.bylines += 1;
        }
        let prev_heading = self.heading;
        if heading > 0 {
            self.heading = heading;
        }
        self.stack.push(Frame {
            el,
            block: is_block,
            link,
            heading: prev_heading,
            caption,
            byline,
            boiler_set,
            title: false,
        });
    }

    fn close(&mut self) {
        let Some(f) = self.stack.pop() else {
            return;
        };
        if f.title {
            self.in_title = false;
        }
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        if f.block || f.el != NONE {
            self.flush();
        }
        if f.el != NONE {
            let last = self.els.len() as u32 - 1;
            if let Some(e) = self.els.get_mut(f.el as usize) {
                e.end = last;
            }
            self.block_stack.pop();
        }
        if f.boiler_set {
            self.boiler = NONE;
        }
        if f.link {
            self.links -= 1;
            if self.links == 0 && self.anchor_chars >= 30 {
                self.counts.headline_anchors += 1;
                if self.boiler == NONE {
                    self.counts.content_headline_anchors += 1;
                }
            }
        }
        if f.caption {
            self.captions -= 1;
        }
        if f.byline {
            self.bylines -= 1;
        }
        self.heading = f.heading;
    }
}

/// What JSON-LD says about the article.
#[derive(Debug, Default)]
struct LinkedData {
    /// Every `@type` seen, at any depth.
    types: Vec<String>,
    headline: Option<String>,
    published: Option<String>,
    author: Option<String>,
    body: Option<String>,
    /// `datePublished` of a node that is not an article (a WebPage in a `@graph`).
    page_published: Option<String>,
    /// `dateModified`, the page's last resort date.
    modified: Option<String>,
}

fn read_json_ld(blocks: &[String]) -> LinkedData {
    let mut ld = LinkedData::default();
    for b in blocks {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(b.trim()) {
            visit_ld(&v, &mut ld, 0);
        }
    }
    ld
}

fn visit_ld(v: &serde_json::Value, ld: &mut LinkedData, depth: usize) {
    use serde_json::Value;
    if depth > 12 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| visit_ld(i, ld, depth + 1)),
        Value::Object(map) => {
            let ty = match map.get("@type") {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Array(a)) => a
                    .iter()
                    .filter_map(|x| x.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                _ => String::new(),
            };
            for t in ty.split_whitespace() {
                if ld.types.len() < 64 && !ld.types.iter().any(|x| x == t) {
                    ld.types.push(t.to_string());
                }
            }
            let articleish = ["Article", "BlogPosting", "Report", "LiveBlogPosting"]
                .iter()
                .any(|t| ty.contains(t));
            if articleish {
                if ld.headline.is_none() {
                    ld.headline = map
                        .get("headline")
                        .and_then(|h| h.as_str())
                        .map(str::to_string);
                }
                if ld.published.is_none() {
                    ld.published = map
                        .get("datePublished")
                        .and_then(|h| h.as_str())
                        .map(str::to_string);
                }
                if ld.author.is_none() {
                    ld.author = map.get("author").and_then(ld_name);
                }
                if ld.body.is_none() {
                    ld.body = map
                        .get("articleBody")
                        .and_then(|h| h.as_str())
                        .map(str::to_string);
                }
            }
            let date = |k: &str| map.get(k).and_then(|h| h.as_str()).map(str::to_string);
            if ld.page_published.is_none() {
                ld.page_published = date("datePublished");
            }
            if ld.modified.is_none() {
                ld.modified = date("dateModified");
            }
            if let Some(g) = map.get("@graph") {
                visit_ld(g, ld, depth + 1);
            }
            if let Some(m) = map.get("mainEntity") {
                visit_ld(m, ld, depth + 1);
            }
        }
        _ => {}
    }
}

fn ld_name(v: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    match v {
        Value::String(s) if !s.starts_with("http") => Some(s.clone()),
        Value::Object(m) => m.get("name").and_then(|n| n.as_str()).map(str::to_string),
        Value::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(ld_name).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

/// Extracts the article of an HTML page.
pub fn extract(html: &str) -> Article {
    let (w, ld) = walk(html);
    // A cascade: the precise pass trusts every boilerplate mark; when page-builder class
    // names hid most of the text from it, a pass that trusts only structure is taken.
    let strict = assemble(&w, &ld, Trust::All, None);
    let mut article = if !w.els.iter().any(|e| e.soft) {
        strict
    } else {
        let lenient = assemble(&w, &ld, Trust::Structure, None);
        if strict.body.len() * 2 < lenient.body.len() {
            lenient
        } else {
            strict
        }
    };
    let mut s = signals(&w, &ld);
    s.body_teasers = article.signals.as_ref().map_or(0, |x| x.body_teasers);
    article.signals = Some(s);
    article
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
            || [
                "article:published_time",
                "datepublished",
                "pubdate",
                "date",
                "dc.date",
            ]
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
        let linked = b.link_density() > 0.5;
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
    let (w, ld) = walk(html);
    let mut out = Vec::new();
    for trust in [Trust::All, Trust::Structure] {
        out.push(format!("== pass {trust:?}"));
        let a = assemble(&w, &ld, trust, Some(&mut out));
        out.push(format!(
            "-> {} body chars, title {:?}",
            a.body.len(),
            a.title
        ));
    }
    out.join("\n")
}

fn walk(html: &str) -> (Walker, LinkedData) {
    let prepared = super::prep::prepare(html);
    let doc = Html::parse_document(&prepared.html);
    let mut w = Walker {
        boiler: NONE,
        ..Walker::default()
    };
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => w.open(e),
                Node::Text(t) => w.text(t),
                _ => {}
            },
            Edge::Close(node) => {
                if node.value().is_element() {
                    w.close();
                }
            }
        }
    }
    w.flush();
    drop(doc);
    for b in &mut w.blocks {
        // Only text that is not NFC (a windows-1258 page) needs composing before the
        // byline and date rules read it; the full normalisation runs once on the body.
        if !matches!(
            unicode_normalization::is_nfc_quick(b.text.chars()),
            unicode_normalization::IsNormalized::Yes
        ) {
            b.text = crate::text::normalize_line(&b.text);
        }
    }
    let ld = read_json_ld(&prepared.json_ld);
    (w, ld)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Class {
    Good,
    Short,
    Bad,
}

fn classify(b: &Block, boiler: bool, chrome: bool) -> Class {
    let ld = b.link_density();
    if boiler || chrome || ld > 0.5 {
        return Class::Bad;
    }
    if b.heading == 0 && b.chars >= 60 && ld <= 0.3 {
        Class::Good
    } else if ld > 0.3 {
        Class::Bad
    } else {
        Class::Short
    }
}

/// A comparison key: folded, lower case, letters and digits only.
fn text_key(s: &str) -> String {
    crate::text::fold_lower(s)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

fn same_text(a: &str, b: &str) -> bool {
    let (x, y) = (text_key(a), text_key(b));
    !x.is_empty() && x == y
}

/// Whether block text `b` is the headline whose key is `key` (`chars` long).
fn is_title(b: &Block, key: &str, chars: u32) -> bool {
    // Lengths first: folding every block of a page to compare costs more than the parse.
    b.chars + 8 >= chars && b.chars <= chars * 2 + 8 && !key.is_empty() && text_key(&b.text) == key
}

/// How far a pass trusts boilerplate marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trust {
    /// Every mark: tags, roles and class or id words.
    All,
    /// Tags, roles and comment sections only: class words are taken as layout names.
    Structure,
}

fn assemble(w: &Walker, ld: &LinkedData, trust: Trust, trace: Option<&mut Vec<String>>) -> Article {
    let Walker {
        els,
        blocks,
        meta,
        title: title_tag,
        times,
        item_dates,
        item_authors,
        ..
    } = w;
    let n = els.len();
    // Boilerplate that holds most of the page's good text was misjudged by its class (a
    // layout class such as "has-sidebar" on the main column): its flag is lifted.
    let mut boiler_good = vec![0u64; n];
    let mut total_good = 0u64;
    for b in blocks.iter() {
        if classify(b, false, false) == Class::Good {
            total_good += u64::from(b.chars);
            if b.boiler != NONE {
                boiler_good[b.boiler as usize] += u64::from(b.chars);
            }
        }
    }
    // It must also hold the page's headline or an <article>/<main>: a long list of teasers
    // under "Tin khác" holds more text than the article but neither of those.
    let h1_el = blocks
        .iter()
        .find(|b| b.heading == 1 && b.link_density() < 0.5)
        .map(|b| b.el as usize);
    let anchored = |e: usize| {
        let end = els[e].end as usize;
        h1_el.is_some_and(|h| h >= e && h <= end) || els[e..=end].iter().any(|x| x.landmark)
    };
    let cleared: Vec<bool> = boiler_good
        .iter()
        .zip(els.iter())
        .enumerate()
        .map(|(i, (g, e))| *g * 2 > total_good && *g > 0 && !e.hard && anchored(i))
        .collect();
    let is_boiler = |b: &Block| {
        if b.boiler == NONE {
            return false;
        }
        // An inner boiler under a cleared one still counts: walk up from the block.
        let mut e = b.el;
        while let Some(el) = els.get(e as usize) {
            if el.boiler && !cleared[e as usize] && (trust == Trust::All || !el.soft) {
                return true;
            }
            e = el.parent;
        }
        false
    };
    let boiler_of: Vec<bool> = blocks.iter().map(is_boiler).collect();
    let chromes: Vec<Option<Chrome>> = blocks
        .iter()
        .zip(&boiler_of)
        .map(|(b, boiler)| {
            // Boilerplate and link lists are junk already: no need to read them.
            if !boiler && b.chars < 200 && b.link_density() <= 0.5 {
                chrome::classify(&b.text)
            } else {
                None
            }
        })
        .collect();
    let mut class: Vec<Class> = blocks
        .iter()
        .zip(&boiler_of)
        .zip(&chromes)
        .map(|((b, bo), ch)| classify(b, *bo, *ch == Some(Chrome::Line)))
        .collect();
    // A teaser: a summary right under a linked headline in the same small box ("More
    // from", "Tin khác" lists). Counted as short text, so a wrapper holding the article and
    // a list of teasers does not outscore the article.
    for i in 1..blocks.len() {
        let (prev, b) = (&blocks[i - 1], &blocks[i]);
        // A share bar (furniture) above the lead is not a headline.
        if class[i] != Class::Good
            || prev.chars < 15
            || prev.link_density() <= 0.5
            || boiler_of[i - 1]
        {
            continue;
        }
        let (Some(be), Some(pe)) = (els.get(b.el as usize), els.get(prev.el as usize)) else {
            continue;
        };
        if be.parent != NONE && (prev.el == be.parent || pe.parent == be.parent) {
            class[i] = Class::Short;
        }
    }

    let mut score = vec![0f64; n];
    let mut good = vec![0f64; n];
    for (b, c) in blocks.iter().zip(&class) {
        let e = b.el as usize;
        if e >= n {
            continue;
        }
        let chars = f64::from(b.chars);
        match c {
            Class::Good => {
                score[e] += chars;
                good[e] += chars;
            }
            Class::Short => score[e] -= 0.25 * chars,
            Class::Bad => score[e] -= chars,
        }
    }
    for i in (1..n).rev() {
        let p = els[i].parent;
        if p != NONE {
            score[p as usize] += score[i];
            good[p as usize] += good[i];
        }
    }
    let mut best = 0usize;
    let mut best_score = f64::MIN;
    for i in 0..n {
        let s = if els[i].strong {
            score[i] * 1.1 + 0.1 * good[i]
        } else {
            score[i]
        };
        if good[i] > 0.0 && s >= best_score {
            best = i;
            best_score = s;
        }
    }
    let container = if total_good == 0 { None } else { Some(best) };
    let inside = |b: &Block| match container {
        None => true,
        Some(c) => {
            let e = b.el as usize;
            e >= c && e <= els[c].end as usize
        }
    };

    // Title: the page's visible headline, its h1, is the article's own; og:title and the
    // JSON-LD headline are often an SEO variant, so they only choose among several h1s and
    // stand in when there is none.
    let site = meta.get("og:site_name").map(String::as_str);
    let title_tag = crate::text::normalize_line(title_tag);
    let declared = meta
        .get("og:title")
        .or_else(|| meta.get("twitter:title"))
        .cloned()
        .or(ld.headline.clone())
        .map(|d| metadata::strip_site_name(&crate::text::normalize_line(&d), site));
    let body_start = blocks
        .iter()
        .zip(&class)
        .zip(&boiler_of)
        .position(|((b, c), bo)| *c == Class::Good && !*bo && inside(b));
    let h1_candidates = |boiler_ok: bool| -> Vec<(usize, &Block)> {
        blocks
            .iter()
            .enumerate()
            .filter(|(i, b)| {
                b.heading == 1
                    && (boiler_ok || !boiler_of[*i])
                    && b.link_density() < 0.9
                    && b.chars >= 4
                    && !metadata::is_site_name(&b.text, site, &title_tag)
            })
            .collect()
    };
    let mut h1s = h1_candidates(false);
    if h1s.is_empty() {
        h1s = h1_candidates(true);
    }
    let tag_title = (!title_tag.is_empty()).then(|| metadata::strip_site_name(&title_tag, site));
    let declared_all: Vec<&str> = declared
        .iter()
        .chain(tag_title.iter())
        .map(String::as_str)
        .collect();
    let h1 = choose_h1(&h1s, &declared_all, body_start);
    let title = match (h1, &declared) {
        (Some(h), _) => Some(h),
        (None, Some(d)) => Some(d.clone()),
        // No h1: a lesser heading that `<title>` opens or closes with is the headline
        // (portals print it as `<h2 class="news-title">`), whatever the site name is.
        (None, None) if !title_tag.is_empty() => {
            let folded = crate::text::fold_lower(&title_tag);
            let heading = blocks
                .iter()
                .zip(&boiler_of)
                .filter(|(b, bo)| (2..=3).contains(&b.heading) && !**bo && b.chars >= 8)
                .map(|(b, _)| b)
                .find(|b| {
                    let h = crate::text::fold_lower(&b.text);
                    h.len() < folded.len() && (folded.starts_with(&h) || folded.ends_with(&h))
                });
            Some(match heading {
                Some(h) => h.text.clone(),
                None => metadata::strip_site_name(&title_tag, site),
            })
        }
        _ => None,
    };

    // The body's blocks.
    let mut picked: Vec<usize> = Vec::new();
    let mut paragraphs = 0;
    // Good text still to come in the container after each block: a "Related" heading
    // with most of the article still below it is an inline box, not the article's end.
    let mut good_after = vec![0u64; blocks.len() + 1];
    for i in (0..blocks.len()).rev() {
        let here = if class[i] == Class::Good && inside(&blocks[i]) && !boiler_of[i] {
            u64::from(blocks[i].chars)
        } else {
            0
        };
        good_after[i] = good_after[i + 1] + here;
    }
    let mut good_before = 0u64;
    for (i, b) in blocks.iter().enumerate() {
        if !inside(b) || boiler_of[i] {
            continue;
        }
        if b.link_density() > 0.5 && !b.caption {
            continue;
        }
        match chromes[i] {
            Some(Chrome::Line) => continue,
            Some(Chrome::End) if paragraphs > 0 && good_after[i + 1] <= good_before => break,
            Some(Chrome::End) => continue,
            None => {}
        }
        if class[i] == Class::Good {
            paragraphs += 1;
            good_before += u64::from(b.chars);
        }
        picked.push(i);
    }
    if let Some(t) = trace {
        t.push(format!("container {container:?}"));
        for (i, b) in blocks.iter().enumerate() {
            let e = els.get(b.el as usize);
            t.push(format!(
                "{i:4} el {:4} par {:4} {}{} {:5?} ch {:5} ld {:.2} h{} {} {:?} | {}",
                b.el,
                e.map_or(0, |e| e.parent as i64),
                if inside(b) { "IN " } else { "   " },
                if picked.contains(&i) { "PICK" } else { "    " },
                class[i],
                b.chars,
                b.link_density(),
                b.heading,
                if boiler_of[i] { "BOILER" } else { "" },
                chromes[i],
                b.text.chars().take(90).collect::<String>()
            ));
        }
    }
    // Picked paragraphs that stand under a linked headline are teasers: a listing's body.
    let body_teasers = picked
        .iter()
        .filter(|&&i| class[i] == Class::Good)
        .filter(|&&i| {
            blocks[i.saturating_sub(3)..i]
                .iter()
                .rev()
                .take_while(|p| p.chars < 120 || p.link_density() > 0.5)
                .any(|p| p.chars >= 20 && p.link_density() > 0.5)
        })
        .count() as u32;
    // A lead printed just above the container (between headline and body) belongs to it.
    if let Some(&first) = picked.first() {
        let mut i = first;
        let mut leads = 0;
        let mut gap = 0;
        while i > 0 && leads < 2 && gap < 6 {
            i -= 1;
            let b = &blocks[i];
            if boiler_of[i] || b.link_density() > 0.3 {
                // A byline or a share bar between headline and lead is passed over.
                if b.chars < 120 {
                    gap += 1;
                    continue;
                }
                break;
            }
            if class[i] == Class::Good && b.link_density() <= 0.1 && b.chars >= 80 {
                picked.insert(0, i);
                leads += 1;
            } else if b.heading > 0 || b.chars < 120 {
                gap += 1;
            } else {
                break;
            }
        }
    }

    // Headline, kicker and date lines at the head of the picked blocks go.
    let title_key = title.as_deref().map(text_key).unwrap_or_default();
    let title_chars = title.as_deref().map_or(0, |t| t.chars().count() as u32);
    let title_pos = blocks
        .iter()
        .position(|b| is_title(b, &title_key, title_chars));
    let mut dates: Vec<(usize, Stamp)> = Vec::new();
    let head_limit = picked.first().copied().unwrap_or(0) + 8;
    for (i, b) in blocks.iter().enumerate().take(head_limit.min(blocks.len())) {
        if b.chars <= 120
            && b.text.bytes().any(|c| c.is_ascii_digit())
            && let Some(st) = metadata::date_line(&crate::text::normalize_line(&b.text))
        {
            dates.push((i, st));
        }
    }
    if let Some(t) = title_pos
        && let Some(k) = picked.iter().position(|&i| i == t)
        && picked[..k].iter().all(|&i| blocks[i].chars < 100)
    {
        picked.drain(..=k);
    }
    let mut author = None;
    let mut paras: Vec<String> = Vec::new();
    for (k, &i) in picked.iter().enumerate() {
        let b = &blocks[i];
        if b.heading > 0 && is_title(b, &title_key, title_chars) {
            continue;
        }
        if b.chars <= 120 && metadata::date_line(&b.text).is_some() {
            continue;
        }
        if k < 4 && b.chars < 80 && author.is_none() && (b.byline || starts_with_by(&b.text)) {
            author = block_author(blocks, i);
            continue;
        }
        paras.push(b.text.clone());
    }
    if let Some(a) = super::cut_byline(&mut paras) {
        author = Some(a);
    }
    super::dedup(&mut paras);
    let mut body = paras.join("\n\n");
    if body.chars().count() < 200
        && let Some(ldb) = ld
            .body
            .as_ref()
            .filter(|b| b.chars().count() > body.chars().count() * 2)
    {
        body = ldb.clone();
    }

    let mut other_published: Vec<(&String, &String)> = meta
        .iter()
        .filter(|(k, _)| k.contains("publish") && !k.contains("publisher"))
        .collect();
    other_published.sort();
    let published = [
        "article:published_time",
        "og:article:published_time",
        "datepublished",
        "pubdate",
        "publishdate",
        "publish-date",
        "date",
        "dc.date",
        "dc.date.issued",
        "dcterms.created",
        "parsely-pub-date",
        "sailthru.date",
        "article.published",
    ]
    .iter()
    .filter_map(|k| meta.get(*k))
    .chain(ld.published.iter())
    .chain(item_dates.iter())
    .chain(ld.page_published.iter())
    // Other publication keys (`published`, `published-date`, `w-published-date`).
    .chain(other_published.iter().map(|(_, v)| *v))
    .find_map(|v| metadata::parse_machine_date(v))
    .or_else(|| {
        let near = picked.first().copied().unwrap_or(0) + 3;
        times
            .iter()
            .filter(|(at, _)| *at <= near)
            .find_map(|(_, v)| metadata::parse_machine_date(v))
    })
    .or_else(|| metadata::pick_date(&dates, title_pos).map(|s| s.render()))
    .or_else(|| {
        // A `<time>` further down the article (a "Published" box beside the body).
        let end = picked.last().copied().unwrap_or(0);
        times
            .iter()
            .filter(|(at, _)| *at <= end)
            .find_map(|(_, v)| metadata::parse_machine_date(v))
    })
    .or_else(|| {
        // A page that only says when it was last changed is dated by that.
        ["article:modified_time", "og:updated_time", "datemodified"]
            .iter()
            .filter_map(|k| meta.get(*k))
            .chain(ld.modified.iter())
            .find_map(|v| metadata::parse_machine_date(v))
    });

    let author = author
        .or_else(|| {
            let near = picked.first().copied().unwrap_or(0);
            blocks[..near.min(blocks.len())]
                .iter()
                .rev()
                .take(8)
                .find(|b| b.chars < 80 && starts_with_by(&b.text))
                .and_then(|b| metadata::byline(&b.text))
        })
        .or_else(|| ld.author.clone())
        .or_else(|| {
            [
                "author",
                "article:author",
                "dc.creator",
                "parsely-author",
                "sailthru.author",
                "byl",
            ]
            .iter()
            .filter_map(|k| meta.get(*k))
            .find(|v| !v.starts_with("http") && v.chars().count() <= 80)
            .map(|v| metadata::byline(v).unwrap_or_else(|| v.clone()))
        })
        .or_else(|| {
            // `twitter:label1 = Written by`, `twitter:data1 = the name` (Yoast and others).
            ["twitter:label1", "twitter:label2"]
                .iter()
                .zip(["twitter:data1", "twitter:data2"])
                .filter(|(l, _)| {
                    meta.get(**l)
                        .is_some_and(|v| metadata::byline_name(&format!("{v} X")).is_some())
                })
                .find_map(|(_, d)| meta.get(d).and_then(|v| metadata::byline_name(v)))
        })
        .or_else(|| item_authors.first().cloned())
        .or_else(|| {
            (0..blocks.len())
                .filter(|&i| blocks[i].byline && blocks[i].chars < 80 && blocks[i].chars >= 3)
                .find_map(|i| block_author(blocks, i))
        })
        .filter(|a| site.is_none_or(|s| !same_text(s, a)) && !is_organisation(a));
    Article {
        title,
        published,
        author,
        body,
        signals: Some(Signals {
            body_teasers,
            ..Signals::default()
        }),
    }
}

/// The headline among the page's h1s (`(block index, block)`, site names left out), given
/// the declared titles (og:title or JSON-LD, then `<title>`, site names stripped) and where
/// the body starts. An h1 a declared title contains, or that contains it, is the headline
/// (the shorter form wins: `Dec 18 2025 Title` gives `Title`). Otherwise the h1 nearest
/// above the body (a logo h1 in the header is farther up); an h1 below the body's start (a
/// footer's "Contact Us") is not one, nor a paragraph set as h1 or a template placeholder.
/// A section name as h1 (`Perspectives`, three words at most) yields to a longer declared
/// title. A `Headline | Tagline` h1 keeps its headline.
fn choose_h1(
    h1s: &[(usize, &Block)],
    declared: &[&str],
    body_start: Option<usize>,
) -> Option<String> {
    let clean = |t: &str| match t.split_once(" | ") {
        Some((head, _)) if head.trim().chars().count() >= 8 => head.trim().to_string(),
        _ => t.to_string(),
    };
    let h1s: Vec<&(usize, &Block)> = h1s
        .iter()
        .filter(|(_, b)| b.chars <= 200 && !b.text.contains("{{"))
        .collect();
    for d in declared {
        let dk = text_key(d);
        if dk.chars().count() < 4 {
            continue;
        }
        for (_, b) in &h1s {
            let hk = text_key(&b.text);
            if hk.chars().count() < 4 {
                continue;
            }
            if dk.contains(&hk) {
                return Some(clean(&b.text));
            }
            // A declared title cut short (`How to set up your monitor, laptop, and k`)
            // is the h1's opening; one the h1 holds after a prefix (a date) is the cleaner.
            if hk.starts_with(&dk) {
                return Some(clean(&b.text));
            }
            if hk.contains(&dk) {
                return Some(d.to_string());
            }
        }
    }
    let pick = match body_start {
        Some(start) => h1s.iter().rfind(|(i, _)| *i <= start),
        None => h1s.first(),
    };
    let first = declared.first();
    pick.filter(|(_, b)| b.chars >= 8 || first.is_none())
        .filter(|(_, b)| {
            let words = b.text.split_whitespace().count();
            words > 3 || first.is_none_or(|d| d.split_whitespace().count() < words + 2)
        })
        .map(|(_, b)| clean(&b.text))
}

/// The author a byline block names: its own name once the label and date are gone, or,
/// for a label alone (`Written by`), the short block after it.
fn block_author(blocks: &[Block], i: usize) -> Option<String> {
    let b = blocks.get(i)?;
    if let Some(name) = metadata::byline(&b.text) {
        return metadata::byline_name(&name).or(Some(name));
    }
    if let Some(name) = metadata::byline_name(&b.text) {
        return Some(name);
    }
    let label_only = metadata::byline_name(&format!("{} X", b.text.trim())).as_deref() == Some("X");
    if label_only {
        return blocks
            .get(i + 1)
            .filter(|n| n.chars < 80)
            .and_then(|n| metadata::byline_name(&n.text));
    }
    None
}

/// Whether an "author" is the publication itself (`Báo Điện Biên Phủ`, `www.site.vn`):
/// sites often put their own name in `<meta name="author">`.
fn is_organisation(a: &str) -> bool {
    let k = crate::text::fold_lower(a);
    [
        "bao ",
        "tap chi ",
        "dai phat thanh",
        "cong thong tin",
        "trang thong tin",
        "ban bien tap",
    ]
    .iter()
    .any(|p| k.starts_with(p))
        || k.contains("www.")
        || k.ends_with(".vn")
        || k.ends_with(".com")
}

fn starts_with_by(s: &str) -> bool {
    let low = s.trim_start().to_lowercase();
    (low.starts_with("by ") || low.starts_with("par ")) && metadata::byline(s).is_some()
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
