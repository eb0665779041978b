//! Finding more pages: links and pagination in HTML, `<loc>`s in sitemaps (plain, gzip,
//! index files), items of RSS and Atom feeds, and a page's `rel=canonical`.
//!
//! Input: a response body (bytes as served) and its address. Output: canonical absolute
//! URLs ([`super::canonical`]); scope (which hosts to follow) is the caller's business.

use super::canonical::resolve;
use regex::Regex;
use scraper::{Html, Selector};
use std::sync::LazyLock;
use url::Url;

/// The largest decompressed sitemap read (the sitemap protocol caps files at 50 MB).
pub const MAX_SITEMAP_BYTES: u64 = 64 * 1024 * 1024;

/// A link found on an HTML page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The canonical absolute URL.
    pub url: Url,
    /// Whether it leads to the next page of the same listing (`rel=next`, `?page=2`,
    /// `/trang-2`…).
    pub pagination: bool,
}

/// What an HTML page tells the crawler.
#[derive(Debug, Clone, Default)]
pub struct PageLinks {
    /// The page's `<link rel=canonical>`, canonicalised.
    pub canonical: Option<Url>,
    /// Its links, in document order, each once.
    pub links: Vec<Link>,
}

static A: LazyLock<Selector> = LazyLock::new(|| sel("a[href], area[href]"));
static LINK: LazyLock<Selector> = LazyLock::new(|| sel("link[href][rel]"));
static BASE: LazyLock<Selector> = LazyLock::new(|| sel("base[href]"));

fn sel(s: &str) -> Selector {
    // The selectors are constants, checked by the tests below.
    Selector::parse(s).unwrap_or_else(|_| unreachable!("bad constant selector {s}"))
}

/// URL shapes of listing pages beyond the first.
static PAGE_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:[?&](?:page|p|pg|trang|pageindex|page_no|start)=\d+(?:&|$))|(?:/(?:trang|page|p)[-/_]?\d+(?:\.html?|/)?$)",
    )
    .unwrap_or_else(|_| unreachable!())
});

/// File types that are never articles.
const SKIP_EXT: &[&str] = &[
    "jpg", "jpeg", "png", "gif", "webp", "svg", "bmp", "ico", "tif", "tiff", "mp3", "mp4", "m4a",
    "avi", "mov", "wmv", "flv", "webm", "ogg", "wav", "pdf", "doc", "docx", "xls", "xlsx", "ppt",
    "pptx", "zip", "rar", "7z", "gz", "tar", "exe", "apk", "css", "js", "woff", "woff2", "ttf",
    "eot",
];

/// Whether the URL names a file type that is never an article (images, media, office
/// files, archives, style and script files).
pub fn is_media(url: &Url) -> bool {
    let path = url.path();
    let last = path.rsplit('/').next().unwrap_or("");
    match last.rsplit_once('.') {
        Some((_, ext)) => SKIP_EXT.contains(&ext.to_ascii_lowercase().as_str()),
        None => false,
    }
}

/// Whether a URL looks like page 2+ of a listing.
pub fn looks_paginated(url: &Url) -> bool {
    let mut tail = url.path().to_string();
    if let Some(q) = url.query() {
        tail.push('?');
        tail.push_str(q);
    }
    PAGE_URL.is_match(&tail)
}

/// Parses an HTML page (bytes as served, decoded by [`crate::text::decode`]) and returns
/// its canonical URL and its http(s) links, media files left out.
pub fn html_links(body: &[u8], content_type: Option<&str>, page_url: &Url) -> PageLinks {
    let text = crate::text::decode::decode(body, content_type).text;
    let doc = Html::parse_document(&text);
    let base = doc
        .select(&BASE)
        .next()
        .and_then(|b| b.value().attr("href"))
        .and_then(|h| page_url.join(h).ok())
        .unwrap_or_else(|| page_url.clone());
    let mut out = PageLinks::default();
    let mut seen = std::collections::HashSet::new();
    let mut next_pages = std::collections::HashSet::new();
    for l in doc.select(&LINK) {
        let rel = l.value().attr("rel").unwrap_or("").to_ascii_lowercase();
        let Some(href) = l.value().attr("href") else {
            continue;
        };
        let rels: Vec<&str> = rel.split_ascii_whitespace().collect();
        if rels.contains(&"canonical") && out.canonical.is_none() {
            out.canonical = resolve(Some(&base), href);
        } else if rels.contains(&"next")
            && let Some(u) = resolve(Some(&base), href)
        {
            next_pages.insert(u.to_string());
            if seen.insert(u.to_string()) {
                out.links.push(Link {
                    url: u,
                    pagination: true,
                });
            }
        }
    }
    for a in doc.select(&A) {
        let Some(href) = a.value().attr("href") else {
            continue;
        };
        let Some(u) = resolve(Some(&base), href) else {
            continue;
        };
        if is_media(&u) || !seen.insert(u.to_string()) {
            continue;
        }
        let rel = a.value().attr("rel").unwrap_or("").to_ascii_lowercase();
        let pagination = rel.split_ascii_whitespace().any(|r| r == "next")
            || next_pages.contains(u.as_str())
            || (same_path_family(&u, page_url) && looks_paginated(&u));
        out.links.push(Link { url: u, pagination });
    }
    out
}

/// Page 2 of `/chinh-tri/xay-dung-dang` lives under the same first path segment (or the
/// same path with a query): an article linked from a listing does not.
fn same_path_family(u: &Url, page: &Url) -> bool {
    if u.host_str() != page.host_str() {
        return false;
    }
    let first = |p: &str| {
        p.trim_start_matches('/')
            .split(['/', '?'])
            .next()
            .unwrap_or("")
            .trim_end_matches(".html")
            .to_string()
    };
    let home = first(page.path());
    u.path() == page.path() || (!home.is_empty() && first(u.path()).starts_with(&home))
}

/// The `<loc>` values of a sitemap or sitemap index (gzip undone by the caller).
pub fn sitemap_locs(body: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(body);
    tag_texts(&text, "loc")
}

/// The article links of an RSS 2.0, RSS 1.0 or Atom feed (item links, not the channel's).
pub fn feed_links(body: &[u8], content_type: Option<&str>) -> Vec<String> {
    let text = crate::text::decode::decode(body, content_type).text;
    let mut out = Vec::new();
    for item in elements(&text, "item").into_iter() {
        out.extend(tag_texts(item, "link"));
    }
    for entry in elements(&text, "entry") {
        let mut best: Option<String> = None;
        let mut from = 0;
        while let Some(i) = find_ci(&entry[from..], "<link") {
            let start = from + i;
            let end = entry[start..].find('>').map_or(entry.len(), |e| start + e);
            let tag = &entry[start..end];
            from = end;
            let rel = attr(tag, "rel").unwrap_or_else(|| "alternate".into());
            if let Some(href) = attr(tag, "href")
                && rel == "alternate"
            {
                best = Some(href);
                break;
            }
        }
        out.extend(best);
    }
    out
}

/// The inner text of each `<name …>…</name>`, CDATA and entities undone.
fn tag_texts(text: &str, name: &str) -> Vec<String> {
    elements(text, name)
        .into_iter()
        .map(|inner| {
            let t = inner.trim();
            let t = t
                .strip_prefix("<![CDATA[")
                .and_then(|t| t.strip_suffix("]]>"))
                .unwrap_or(t);
            unescape(t.trim())
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// The inner parts of each `<name>` element (not nested), found case-insensitively.
fn elements<'a>(text: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name}");
    let close = format!("</{name}>");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = find_ci(&text[from..], &open) {
        let start = from + i;
        let after = start + open.len();
        // `<link` must not match `<linkage>`.
        match text[after..].chars().next() {
            Some(c) if c == '>' || c == '/' || c.is_whitespace() => {}
            _ => {
                from = after;
                continue;
            }
        }
        let Some(gt) = text[after..].find('>') else {
            break;
        };
        let body_start = after + gt + 1;
        if text[..body_start].ends_with("/>") {
            from = body_start;
            continue;
        }
        let Some(end) = find_ci(&text[body_start..], &close) else {
            break;
        };
        out.push(&text[body_start..body_start + end]);
        from = body_start + end + close.len();
    }
    out
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    hay.as_bytes()
        .windows(n.len())
        .position(|w| w.eq_ignore_ascii_case(n))
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before_ok = at > 0 && lower.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let vstart = tag.len() - rest.len() + 1;
        let v = tag[vstart..].trim_start();
        let (quote, v) = match v.chars().next() {
            Some(q @ ('"' | '\'')) => (Some(q), &v[1..]),
            _ => (None, v),
        };
        let end = match quote {
            Some(q) => v.find(q).unwrap_or(v.len()),
            None => v
                .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
                .unwrap_or(v.len()),
        };
        return Some(unescape(&v[..end]));
    }
    None
}

fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#38;", "&")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::admit::{BodyKind, sniff};

    #[test]
    fn selectors_parse() {
        let _ = (&*A, &*LINK, &*BASE, &*PAGE_URL);
    }

    #[test]
    fn links_pagination_and_canonical() {
        let page = Url::parse("http://h.vn/xay-dung-dang").unwrap();
        let html = br#"<html><head><link rel="canonical" href="/xay-dung-dang?utm_source=x">
            <link rel="next" href="/xay-dung-dang/trang-2"></head><body>
            <a href="/xay-dung-dang/bai-mot-123.html#c">1</a>
            <a href="/xay-dung-dang/bai-mot-123.html?fbclid=zz">dup</a>
            <a href="/xay-dung-dang/trang-2">2</a>
            <a href="/xay-dung-dang?page=3">3</a>
            <a href="/anh.jpg">img</a><a href="mailto:x@h.vn">m</a>
            <a href="http://other.vn/a.html">o</a></body></html>"#;
        let l = html_links(html, Some("text/html"), &page);
        assert_eq!(l.canonical.unwrap().as_str(), "http://h.vn/xay-dung-dang");
        let got: Vec<(String, bool)> = l
            .links
            .iter()
            .map(|k| (k.url.to_string(), k.pagination))
            .collect();
        assert_eq!(
            got,
            vec![
                ("http://h.vn/xay-dung-dang/trang-2".into(), true),
                ("http://h.vn/xay-dung-dang/bai-mot-123.html".into(), false),
                ("http://h.vn/xay-dung-dang?page=3".into(), true),
                ("http://other.vn/a.html".into(), false),
            ]
        );
    }

    #[test]
    fn base_href_is_honoured() {
        let page = Url::parse("http://h.vn/a/b.html").unwrap();
        let html = br#"<head><base href="http://h.vn/c/"></head><a href="d.html">x</a>"#;
        let l = html_links(html, None, &page);
        assert_eq!(l.links[0].url.as_str(), "http://h.vn/c/d.html");
    }

    #[test]
    fn sitemaps_plain_gzip_and_index() {
        let xml = b"<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>http://h.vn/a?x=1&amp;y=2</loc></url><url><loc><![CDATA[http://h.vn/b]]></loc></url></urlset>";
        assert_eq!(sniff(xml, Some("application/xml")), BodyKind::Sitemap);
        assert_eq!(
            sitemap_locs(xml),
            vec!["http://h.vn/a?x=1&y=2", "http://h.vn/b"]
        );
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, xml).unwrap();
        let gz = gz.finish().unwrap();
        let plain = crate::extract::admit::inflate_stray_gzip(&gz, MAX_SITEMAP_BYTES);
        assert_eq!(sitemap_locs(&plain).len(), 2);
        let idx =
            b"<sitemapindex><sitemap><loc>http://h.vn/s1.xml.gz</loc></sitemap></sitemapindex>";
        assert_eq!(sniff(idx, None), BodyKind::SitemapIndex);
        assert_eq!(sitemap_locs(idx), vec!["http://h.vn/s1.xml.gz"]);
    }

    #[test]
    fn rss_and_atom() {
        let rss = b"<rss><channel><link>http://h.vn/</link><item><title>t</title><link>http://h.vn/a.html</link></item><item><link><![CDATA[http://h.vn/b.html]]></link></item></channel></rss>";
        assert_eq!(sniff(rss, Some("text/xml")), BodyKind::Feed);
        assert_eq!(
            feed_links(rss, None),
            vec!["http://h.vn/a.html", "http://h.vn/b.html"]
        );
        let atom = br#"<feed xmlns="http://www.w3.org/2005/Atom"><link href="http://h.vn/"/><entry><link rel="enclosure" href="http://h.vn/x.mp3"/><link href="http://h.vn/c.html"/></entry></feed>"#;
        assert_eq!(feed_links(atom, None), vec!["http://h.vn/c.html"]);
    }

    #[test]
    fn media_and_pages() {
        assert!(is_media(&Url::parse("http://h.vn/a/b.PDF").unwrap()));
        assert!(!is_media(&Url::parse("http://h.vn/a/b.html").unwrap()));
        assert!(looks_paginated(
            &Url::parse("http://h.vn/x?page=2").unwrap()
        ));
        assert!(looks_paginated(
            &Url::parse("http://h.vn/x/trang-3.html").unwrap()
        ));
        assert!(!looks_paginated(
            &Url::parse("http://h.vn/x/bai-viet-12345.html").unwrap()
        ));
    }
}
