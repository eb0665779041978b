//! The page walked once into blocks: DOM → a flat list of text blocks, each knowing its
//! block element, its link text, whether it sits in boilerplate (navigation, sidebars,
//! share bars, comment boxes, related lists: by tag, ARIA role, class and id, `marks.rs`) and whether
//! it is a heading, a caption or a byline; the page's metadata tags, `<time>`s and
//! microdata on the way. Iterative, so deep pages do not exhaust the stack.

use super::linked_data::{LinkedData, read_json_ld};
use super::marks::{Attrs, INLINE, Marks, SKIP, kind_of};
use ego_tree::iter::Edge;
use scraper::{Html, Node};
use std::collections::HashMap;

pub(super) const NONE: u32 = u32::MAX;

/// An element that can hold blocks (block-level, or marked as boilerplate).
#[derive(Debug, Clone)]
pub(super) struct El {
    pub(super) parent: u32,
    /// Index of its last descendant element: descendants are `self+1..=end`.
    pub(super) end: u32,
    pub(super) boiler: bool,
    /// Boilerplate whose flag is never lifted (comment sections, navigation, footers).
    pub(super) hard: bool,
    /// Boilerplate only by its class or id words (not by tag or ARIA role): the weakest
    /// evidence, which page builders' layout classes (`elementor-widget-wrap`) defeat.
    pub(super) soft: bool,
    pub(super) strong: bool,
    /// `<article>`, `<main>` or a strong body marker: where an article is.
    pub(super) landmark: bool,
    /// Its tag and class attribute, hashed; 0 without a class (but for `<p>`). Siblings of
    /// one kind are the parts of one thing (an article's sections or paragraphs, a
    /// listing's teasers).
    pub(super) kind: u64,
}

#[derive(Debug, Clone)]
pub(super) struct Block {
    pub(super) text: String,
    pub(super) chars: u32,
    pub(super) link: u32,
    /// Of the link text, characters of links to other sites.
    pub(super) away: u32,
    pub(super) el: u32,
    /// Outermost boilerplate element around it, or NONE.
    pub(super) boiler: u32,
    pub(super) heading: u8,
    pub(super) caption: bool,
    pub(super) byline: bool,
    /// In a table cell.
    pub(super) cell: bool,
    /// In `<pre>` or `<code>`: a program's text, which signs nothing (`:= by intro h`).
    pub(super) code: bool,
}

/// The share of a block's text inside links above which the block is a link (a menu
/// entry, a teaser's headline), not prose.
pub(super) const LINKED: f32 = 0.5;
/// The most link text good prose carries (a paragraph citing a few sources).
pub(super) const PROSE_LINKS: f32 = 0.3;
/// The most link text a lead above the container carries to join the body.
pub(super) const LEAD_LINKS: f32 = 0.1;
/// The fewest characters of a block of good text.
pub(super) const GOOD_CHARS: u32 = 60;

impl Block {
    pub(super) fn link_density(&self) -> f32 {
        self.link as f32 / self.chars.max(1) as f32
    }

    /// Mostly link text: a link, not prose ([`LINKED`]).
    pub(super) fn is_linked(&self) -> bool {
        self.link_density() > LINKED
    }

    /// Its links lead mostly to other sites.
    pub(super) fn leads_away(&self) -> bool {
        self.away * 2 > self.link
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Frame {
    pub(super) el: u32,
    pub(super) block: bool,
    pub(super) link: bool,
    pub(super) heading: u8,
    pub(super) caption: bool,
    pub(super) cell: bool,
    pub(super) byline: bool,
    pub(super) boiler_set: bool,
    pub(super) title: bool,
    /// A `<pre>` or `<code>`.
    pub(super) code: bool,
}

#[derive(Default)]
pub(super) struct Walker {
    /// Open `<pre>` and `<code>` elements around the walk's position.
    pub(super) code_depth: u32,
    pub(super) els: Vec<El>,
    pub(super) blocks: Vec<Block>,
    pub(super) stack: Vec<Frame>,
    /// Open block elements (indexes into `els`).
    pub(super) block_stack: Vec<u32>,
    pub(super) skip: usize,
    pub(super) links: usize,
    pub(super) heading: u8,
    pub(super) captions: usize,
    /// Open table cells.
    pub(super) cells: usize,
    pub(super) bylines: usize,
    pub(super) boiler: u32,
    pub(super) buf: String,
    pub(super) chars: u32,
    pub(super) link_chars: u32,
    pub(super) space: bool,
    pub(super) in_title: bool,
    pub(super) title: String,
    pub(super) meta: HashMap<String, String>,
    /// `<time datetime>` values with the block index they precede.
    pub(super) times: Vec<(usize, String)>,
    /// The same inside furniture: a byline bar classed `entry-meta` holds the article's own
    /// date as often as a related-posts box holds others'.
    pub(super) furniture_times: Vec<(usize, String)>,
    pub(super) item_dates: Vec<String>,
    pub(super) item_authors: Vec<String>,
    /// What the page is made of, for telling an article from a listing.
    pub(super) counts: Counts,
    /// Characters of the outermost link being read.
    pub(super) anchor_chars: u32,
    /// `<link rel="canonical">`.
    pub(super) canonical: Option<String>,
    /// Characters of the current block in links to other sites.
    pub(super) away_chars: u32,
    /// Whether the outermost link being read leads to another site.
    pub(super) link_away: bool,
    /// The page's own host (from its canonical address or `og:url`), once looked up.
    pub(super) own_host: Option<Option<String>>,
}

/// Tallies of the whole page's structure (outside `<head>` and scripts).
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Counts {
    pub(super) anchors: u32,
    /// Links whose text reads like a headline (30 characters or more).
    pub(super) headline_anchors: u32,
    /// Of those, links outside page furniture.
    pub(super) content_headline_anchors: u32,
    pub(super) articles: u32,
    pub(super) inputs: u32,
    pub(super) buttons: u32,
    pub(super) forms: u32,
    pub(super) code: u32,
    pub(super) images: u32,
    pub(super) media: u32,
}

/// The host of an absolute (or scheme-relative) address, lower case.
pub(super) fn host_of(href: &str) -> Option<String> {
    let rest = href
        .strip_prefix("https://")
        .or_else(|| href.strip_prefix("http://"))
        .or_else(|| href.strip_prefix("//"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// A host without `www.` / `m.`: one site.
fn site(host: &str) -> &str {
    host.strip_prefix("www.")
        .or_else(|| host.strip_prefix("m."))
        .unwrap_or(host)
}

impl Frame {
    /// The frame of an element whose content is not read (scripts, forms, `<head>`).
    fn skipped(title: bool) -> Frame {
        Frame {
            el: NONE,
            block: false,
            link: false,
            heading: 0,
            caption: false,
            cell: false,
            byline: false,
            boiler_set: false,
            title,
            code: false,
        }
    }
}

impl Walker {
    pub(super) fn flush(&mut self) {
        if self.chars > 0 {
            // White space is already collapsed; the full normalisation (NFC, tone
            // placement) is left for the few blocks that are kept, which is most of the
            // cost saved on a page of sidebars.
            let text = std::mem::take(&mut self.buf);
            self.blocks.push(Block {
                text,
                chars: self.chars,
                link: self.link_chars,
                away: self.away_chars,
                el: self.block_stack.last().copied().unwrap_or(0),
                boiler: self.boiler,
                heading: self.heading,
                caption: self.captions > 0,
                cell: self.cells > 0,
                byline: self.bylines > 0,
                code: self.code_depth > 0,
            });
        } else {
            self.buf.clear();
        }
        self.chars = 0;
        self.link_chars = 0;
        self.away_chars = 0;
        self.space = false;
    }

    pub(super) fn text(&mut self, t: &str) {
        if self.in_title {
            self.title.push_str(t);
        }
        if self.skip > 0 {
            return;
        }
        let in_link = self.links > 0;
        let away = u32::from(in_link && self.link_away);
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
                    self.away_chars += away;
                }
            }
            self.space = false;
            self.buf.push(c);
            // Measured in Latin letters: an ideograph stands for several.
            let n = crate::text::text_weight(c);
            self.chars += n;
            if in_link {
                self.link_chars += n;
                self.anchor_chars += n;
                self.away_chars += away * n;
            }
        }
    }

    pub(super) fn meta(&mut self, a: &Attrs) {
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

    pub(super) fn open(&mut self, e: &scraper::node::Element) {
        let name = e.name();
        let a = Attrs::of(e);
        self.head_element(name, &a);
        if self.skip > 0 {
            self.skip += 1;
            self.stack.push(Frame::skipped(name == "title"));
            return;
        }
        if name == "time"
            && let Some(dt) = a.datetime
        {
            let at = (self.blocks.len(), dt.to_string());
            if self.boiler == NONE {
                self.times.push(at);
            } else {
                self.furniture_times.push(at);
            }
        }
        self.count(name);
        if SKIP.contains(&name) {
            self.flush();
            self.skip = 1;
            self.stack.push(Frame::skipped(false));
            return;
        }
        let code = matches!(name, "pre" | "code");
        if code {
            self.code_depth += 1;
        }
        let m = Marks::of(name, &a, self.code_depth > 0);
        // A headline set over several lines (`WEEKEND<br>CODING<br>AGENT`) is one line of
        // words; elsewhere a break parts lines.
        let heading_break = name == "br" && self.heading > 0 && !m.boiler && !m.strong;
        let is_block = !INLINE.contains(&name) && !heading_break;
        if heading_break {
            self.space = true;
        } else if is_block || name == "br" || m.boiler || m.strong {
            self.flush();
        }
        let mut el = NONE;
        if is_block || m.boiler || m.strong {
            el = self.els.len() as u32;
            let parent = self.block_stack.last().copied().unwrap_or(NONE);
            self.els.push(El {
                parent,
                end: el,
                boiler: m.boiler,
                hard: m.hard,
                soft: m.boiler && !m.by_tag && !m.hard,
                strong: m.strong,
                landmark: m.strong || matches!(name, "article" | "main") || a.role == "main",
                kind: kind_of(name, a.class),
            });
            self.block_stack.push(el);
        }
        let boiler_set = m.boiler && self.boiler == NONE;
        if boiler_set {
            self.boiler = el;
        }
        let link = name == "a" && a.href;
        if link {
            if self.links == 0 {
                self.anchor_chars = 0;
                self.counts.anchors += 1;
                self.link_away = self.leads_away(a.href_value);
            }
            self.links += 1;
        }
        if m.caption {
            self.captions += 1;
        }
        let cell = matches!(name, "td" | "th");
        if cell {
            self.cells += 1;
        }
        if m.byline {
            self.bylines += 1;
        }
        let prev_heading = self.heading;
        if m.heading > 0 {
            self.heading = m.heading;
        }
        self.stack.push(Frame {
            el,
            block: is_block,
            link,
            heading: prev_heading,
            caption: m.caption,
            cell,
            byline: m.byline,
            boiler_set,
            title: false,
            code,
        });
    }

    /// The address the page declares for itself: `rel=canonical`, else an absolute
    /// `og:url`.
    pub(super) fn own_address(&self) -> Option<&str> {
        self.canonical.as_deref().or_else(|| {
            self.meta
                .get("og:url")
                .map(String::as_str)
                .filter(|u| u.starts_with("http"))
        })
    }

    /// Whether a link leads to another site: an absolute address on another host than the
    /// page's own (known from its canonical address or `og:url`; unknown, nothing leads away).
    fn leads_away(&mut self, href: &str) -> bool {
        let href = href.trim();
        let absolute =
            href.starts_with("http://") || href.starts_with("https://") || href.starts_with("//");
        if !absolute {
            return false;
        }
        if self.own_host.is_none() {
            self.own_host = Some(self.own_address().and_then(host_of));
        }
        let own = self.own_host.clone().flatten();
        match (own, host_of(href)) {
            (Some(own), Some(h)) => site(&own) != site(&h),
            _ => false,
        }
    }

    /// What the page's head (and microdata anywhere) says: meta tags, the canonical
    /// address, `<title>`, `itemprop` dates and authors.
    fn head_element(&mut self, name: &str, a: &Attrs) {
        match name {
            "meta" => self.meta(a),
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
    }

    /// The page's structure tallies, for the page type.
    fn count(&mut self, name: &str) {
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
    }

    pub(super) fn close(&mut self) {
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
        if f.code {
            self.code_depth -= 1;
        }
        if f.cell {
            self.cells -= 1;
        }
        if f.byline {
            self.bylines -= 1;
        }
        self.heading = f.heading;
    }
}

pub(super) fn walk(html: &str) -> (Walker, LinkedData) {
    let prepared = super::super::prep::prepare(html);
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
