//! What an element is by its tag, ARIA role and class or id words: furniture (navigation,
//! sidebars, share bars, comment boxes, related lists), an article body, a caption, a
//! byline, a heading; which elements are inline and which are never read. A class word is
//! evidence weighed with the text inside, never a verdict on a whole subtree.

use super::super::words::WORDS;

/// The kind of an element with a class, or of a paragraph: FNV-1a over tag and class. A
/// `<div>` without a class says nothing of what it holds; a `<p>` does.
pub(super) fn kind_of(name: &str, class: &str) -> u64 {
    if class.trim().is_empty() && name != "p" {
        return 0;
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes().chain([b' ']).chain(class.trim().bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h.max(1)
}

pub(super) const SKIP: [&str; 18] = [
    "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "select", "button", "input", "textarea", "video", "audio", "label",
];

pub(super) const INLINE: [&str; 36] = [
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "big",
    "strike", "tt", "label", "nobr", "ins", "del", "img", "picture", "source", "wbr",
];

pub(super) const BOILER_TAGS: [&str; 5] = ["nav", "aside", "footer", "menu", "dialog"];

/// Whether a class names a state or a taxonomy of the element rather than what it is:
/// `has-comments`, `no-sidebar`, `tag-sustainable-clothing`, `category-news` (CMSs put the
/// post's tags and categories on its container).
pub(super) fn is_state_class(token: &str) -> bool {
    let t = token.as_bytes();
    let starts = |p: &str| t.len() > p.len() && t[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    let ends =
        |p: &str| t.len() > p.len() && t[t.len() - p.len()..].eq_ignore_ascii_case(p.as_bytes());
    WORDS.state_prefix.iter().any(|p| starts(p)) || WORDS.state_suffix.iter().any(|p| ends(p))
}

/// What an element's tag, role and class or id words say it is.
pub(super) struct Marks {
    /// An article body outright (`itemprop=articleBody`, `article-content`…).
    pub(super) strong: bool,
    /// Furniture by tag or ARIA role: the strongest evidence.
    pub(super) by_tag: bool,
    /// Furniture, by any evidence (hidden text included).
    pub(super) boiler: bool,
    /// Furniture whose flag is never lifted (comment sections, navigation, footers).
    pub(super) hard: bool,
    pub(super) byline: bool,
    pub(super) caption: bool,
    pub(super) heading: u8,
}

impl Marks {
    pub(super) fn of(name: &str, a: &Attrs, in_code: bool) -> Marks {
        let hidden = a.is_hidden();
        let mut names = String::with_capacity(a.class.len() + a.id.len() + 1);
        // The classes of `<html>` and `<body>` describe the page (`single-post`,
        // `footer-dark`, `no-gallery-comments`), never a piece of furniture; inside code,
        // classes are a highlighter's tokens (`token comment`, `hljs-meta`).
        if !matches!(name, "html" | "body") && !in_code {
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
        let itemprop = a.itemprop.to_ascii_lowercase();
        let strong =
            itemprop == "articlebody" || (!names.is_empty() && WORDS.body_marker.is_match(&names));
        let by_tag = BOILER_TAGS.contains(&name)
            || matches!(
                a.role,
                "navigation" | "complementary" | "contentinfo" | "search" | "menu" | "menubar"
            );
        // Hidden text is weak furniture, not nothing: streaming renderers (React's
        // `<div hidden id="S:0">`) keep the whole article in a hidden element until a
        // script moves it.
        // A form is weak furniture (contact and sign-up forms), lifted like a class word
        // when it holds most of the page's prose: ASP.NET wraps whole pages in one.
        let boiler = hidden
            || !strong
                && (by_tag
                    || name == "form"
                    || (!names.is_empty()
                        && (WORDS.furniture_word.is_match(&names)
                            || WORDS.furniture_fragment.is_match(&names))));
        let hard = boiler
            && !hidden
            && (matches!(name, "nav" | "footer" | "menu")
                || names.contains("comment")
                || names.contains("binhluan")
                || names.contains("binh-luan"));
        Marks {
            strong,
            by_tag,
            boiler,
            hard,
            byline: itemprop == "author"
                || a.rel.contains("author")
                || (!names.is_empty() && WORDS.byline_word.is_match(&names)),
            caption: matches!(name, "figcaption" | "caption")
                || (!names.is_empty() && WORDS.caption_marker.is_match(&names)),
            heading: match name {
                "h1" => 1,
                "h2" => 2,
                "h3" => 3,
                "h4" => 4,
                "h5" => 5,
                "h6" => 6,
                _ => 0,
            },
        }
    }
}

/// The attributes the walk reads, gathered in one pass.
#[derive(Default)]
pub(super) struct Attrs<'a> {
    pub(super) class: &'a str,
    pub(super) id: &'a str,
    pub(super) style: &'a str,
    pub(super) role: &'a str,
    pub(super) itemprop: &'a str,
    pub(super) rel: &'a str,
    pub(super) href: bool,
    pub(super) href_value: &'a str,
    pub(super) hidden: bool,
    pub(super) aria_hidden: bool,
    pub(super) datetime: Option<&'a str>,
    pub(super) content: Option<&'a str>,
    pub(super) property: Option<&'a str>,
    pub(super) name: Option<&'a str>,
}

impl<'a> Attrs<'a> {
    /// One pass over the attributes: `Element::attr` interns the name it is given on every
    /// call, which showed in profiles.
    pub(super) fn of(e: &'a scraper::node::Element) -> Attrs<'a> {
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
        a
    }

    /// Hidden by attribute or inline style.
    pub(super) fn is_hidden(&self) -> bool {
        self.hidden
            || self.aria_hidden
            || (!self.style.is_empty() && {
                let s: String = self
                    .style
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .to_ascii_lowercase();
                s.contains("display:none") || s.contains("visibility:hidden")
            })
    }
}
