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

/// An address a sitemap or feed lists, with when it says the page last changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// The address as written (resolved against the page by the caller).
    pub url: String,
    /// Unix seconds of the latest change the listing gives (`lastmod`, `updated`,
    /// `pubDate`, `news:publication_date`), read as late as the text allows: a day without
    /// a time is its last hour in the westernmost zone, so a page is taken as unchanged
    /// only when it surely is.
    pub modified: Option<i64>,
}

/// The entries of a sitemap or sitemap index (gzip undone by the caller), read as a
/// stream: a 50 MB sitemap is never held as a tree. A file broken half way gives the
/// entries before the break.
pub fn sitemap_entries(body: &[u8]) -> Vec<Listed> {
    read_entries(body, &["url", "sitemap"])
}

/// The article links of an RSS (0.9x, 1.0, 2.0), Atom or JSON feed, with each item's
/// `updated` or publication time. A feed its parser refuses (a stray `&`, an `<rss>`
/// without a version) is read leniently for its items' links.
pub fn feed_entries(body: &[u8]) -> Vec<Listed> {
    match feed_rs::parser::parse(body) {
        Ok(feed) => feed
            .entries
            .into_iter()
            .filter_map(|e| {
                let link = e.links.iter().find(|l| {
                    l.rel
                        .as_deref()
                        .is_none_or(|r| r.eq_ignore_ascii_case("alternate"))
                })?;
                let modified = [e.updated, e.published]
                    .into_iter()
                    .flatten()
                    .map(|t| t.timestamp())
                    .max();
                Some(Listed {
                    url: link.href.clone(),
                    modified,
                })
            })
            .collect(),
        Err(err) => {
            tracing::debug!(%err, "feed parser refused the feed; reading its items leniently");
            read_entries(body, &["item", "entry"])
        }
    }
}

/// Where the text being read goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    /// A sitemap's `<loc>`, the entry's own address.
    Loc,
    /// A feed item's `<link>` text.
    Link,
    /// A time: `lastmod`, `updated`, `pubDate`…
    Time,
}

/// One entry as it is read.
struct Entry {
    /// Its element's depth in the file: a `<loc>` counts only as its child (an image
    /// sitemap's `<image:loc>` under it is a picture's address).
    depth: usize,
    loc: Option<String>,
    link: Option<String>,
    modified: Option<i64>,
}

impl Entry {
    fn finish(self) -> Option<Listed> {
        let url = self.loc.or(self.link).filter(|u| !u.is_empty())?;
        Some(Listed {
            url,
            modified: self.modified,
        })
    }
}

/// Reads every entry element named in `entries` (by local name, any namespace): its
/// address (its own `<loc>`, else `<link>` text or an Atom `<link href>` of relation
/// `alternate`) and its latest time. Lenient by design: a dangling `&`, a mismatched end
/// tag or an unknown entity does not lose the entries around it.
fn read_entries(body: &[u8], entries: &[&str]) -> Vec<Listed> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(body);
    {
        let c = reader.config_mut();
        c.allow_dangling_amp = true;
        c.allow_unmatched_ends = true;
        c.check_end_names = false;
        c.expand_empty_elements = false;
    }
    let is_entry = |name: &[u8]| entries.iter().any(|n| n.as_bytes() == name);
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut entry: Option<Entry> = None;
    // The field whose text is being read, and the text.
    let mut field: Option<Field> = None;
    let mut text = String::new();
    loop {
        let event = match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(e) => e,
            Err(err) => {
                tracing::debug!(%err, at = reader.buffer_position(), "XML broken: reading stops");
                break;
            }
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let at = depth + 1;
                if !empty {
                    depth = at;
                }
                let name = e.local_name();
                let name = name.as_ref();
                if is_entry(name) {
                    entry = Some(Entry {
                        depth: at,
                        loc: None,
                        link: None,
                        modified: None,
                    });
                    field = None;
                    continue;
                }
                let Some(en) = entry.as_mut() else {
                    continue;
                };
                text.clear();
                field = match name {
                    b"loc" if at == en.depth + 1 => Some(Field::Loc),
                    b"link" => {
                        let attr = |key: &[u8]| {
                            e.try_get_attribute(key).ok().flatten().and_then(|a| {
                                let v = a.decoded_and_normalized_value(
                                    quick_xml::XmlVersion::Implicit1_0,
                                    reader.decoder(),
                                );
                                v.ok().map(|v| v.into_owned())
                            })
                        };
                        match attr(b"href") {
                            // Atom: the alternate link is the page; others are media,
                            // comments, the feed itself.
                            Some(href) => {
                                let rel = attr(b"rel");
                                if en.link.is_none()
                                    && rel
                                        .as_deref()
                                        .is_none_or(|r| r.eq_ignore_ascii_case("alternate"))
                                {
                                    en.link = Some(href.trim().to_string());
                                }
                                None
                            }
                            None => Some(Field::Link),
                        }
                    }
                    b"lastmod" | b"updated" | b"published" | b"pubDate" | b"date" | b"modified"
                    | b"publication_date" => Some(Field::Time),
                    _ => None,
                };
                if empty {
                    field = None;
                }
            }
            Event::Text(t) if field.is_some() => {
                text.push_str(
                    &t.decode().unwrap_or_else(|_| {
                        String::from_utf8_lossy(t.as_ref()).into_owned().into()
                    }),
                );
            }
            Event::CData(t) if field.is_some() => {
                text.push_str(&String::from_utf8_lossy(t.as_ref()));
            }
            Event::GeneralRef(r) if field.is_some() => {
                let name = r.decode().unwrap_or_default();
                match r.resolve_char_ref() {
                    Ok(Some(c)) => text.push(c),
                    _ => match quick_xml::escape::resolve_predefined_entity(&name) {
                        Some(v) => text.push_str(v),
                        // An entity the file never declared: kept as written.
                        None => {
                            text.push('&');
                            text.push_str(&name);
                            text.push(';');
                        }
                    },
                }
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                if is_entry(e.local_name().as_ref()) {
                    out.extend(entry.take().and_then(Entry::finish));
                    field = None;
                    continue;
                }
                let (Some(f), Some(en)) = (field.take(), entry.as_mut()) else {
                    continue;
                };
                let value = text.trim();
                match f {
                    Field::Loc if !value.is_empty() => en.loc = Some(value.to_string()),
                    Field::Link if en.link.is_none() && !value.is_empty() => {
                        en.link = Some(value.to_string());
                    }
                    Field::Time => {
                        if let Some(t) = timestamp(value) {
                            en.modified = Some(en.modified.map_or(t, |old| old.max(t)));
                        }
                    }
                    Field::Loc | Field::Link => {}
                }
            }
            _ => {}
        }
    }
    out
}

/// Unix seconds of a time as sitemaps and feeds write it: W3C datetime (`2024`,
/// `2024-05`, `2024-05-01`, `2024-05-01T08:30+07:00`, `2024-05-01T08:30:00.5Z`), RFC 2822
/// (`Wed, 01 May 2024 08:30:00 +0700`), or a local `2024-05-01 08:30:00`. The latest
/// reading is taken: a time without a zone is read in the westernmost one (UTC−12), and a
/// year, month or day alone counts to its last second.
pub fn timestamp(s: &str) -> Option<i64> {
    use chrono::{DateTime, NaiveDate, NaiveDateTime};
    // The westernmost zone is 12 hours behind UTC: a local time there is the latest.
    const LATEST_ZONE: i64 = 12 * 3600;
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc2822(s) {
        return Some(t.timestamp());
    }
    let zoned = match s.strip_suffix(['Z', 'z']) {
        Some(rest) => format!("{rest}+00:00"),
        None => s.to_string(),
    };
    if let Ok(t) = DateTime::parse_from_rfc3339(&zoned) {
        return Some(t.timestamp());
    }
    for f in [
        "%Y-%m-%dT%H:%M%:z",
        "%Y-%m-%d %H:%M:%S%:z",
        "%Y-%m-%d %H:%M:%S%.f%:z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
    ] {
        if let Ok(t) = DateTime::parse_from_str(&zoned, f) {
            return Some(t.timestamp());
        }
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Some(t.and_utc().timestamp() + LATEST_ZONE);
        }
    }
    // A day, month or year: the first day of what follows it, less a second.
    let next = match s.len() {
        10 => NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?.succ_opt()?,
        7 => {
            let first = NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").ok()?;
            first.checked_add_months(chrono::Months::new(1))?
        }
        4 => NaiveDate::from_ymd_opt(s.parse::<i32>().ok()? + 1, 1, 1)?,
        _ => return None,
    };
    Some(next.and_hms_opt(0, 0, 0)?.and_utc().timestamp() - 1 + LATEST_ZONE)
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

    fn urls(l: &[Listed]) -> Vec<&str> {
        l.iter().map(|e| e.url.as_str()).collect()
    }

    fn at(s: &str) -> i64 {
        chrono::DateTime::parse_from_rfc3339(s).unwrap().timestamp()
    }

    #[test]
    fn sitemaps_plain_gzip_and_index() {
        let xml = b"<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>http://h.vn/a?x=1&amp;y=2</loc><lastmod>2024-05-01T08:30:00+07:00</lastmod></url><url><loc><![CDATA[http://h.vn/b]]></loc></url></urlset>";
        assert_eq!(sniff(xml, Some("application/xml")), BodyKind::Sitemap);
        let got = sitemap_entries(xml);
        assert_eq!(urls(&got), vec!["http://h.vn/a?x=1&y=2", "http://h.vn/b"]);
        assert_eq!(got[0].modified, Some(at("2024-05-01T01:30:00Z")));
        assert_eq!(got[1].modified, None);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, xml).unwrap();
        let gz = gz.finish().unwrap();
        let plain = crate::extract::admit::inflate_stray_gzip(&gz, MAX_SITEMAP_BYTES);
        assert_eq!(sitemap_entries(&plain).len(), 2);
        let idx = b"<sitemapindex><sitemap><loc>http://h.vn/s1.xml.gz</loc><lastmod>2024-05-02</lastmod></sitemap></sitemapindex>";
        assert_eq!(sniff(idx, None), BodyKind::SitemapIndex);
        let got = sitemap_entries(idx);
        assert_eq!(urls(&got), vec!["http://h.vn/s1.xml.gz"]);
        // A day alone counts to its end, in the westernmost zone.
        assert_eq!(got[0].modified, Some(at("2024-05-03T11:59:59Z")));
    }

    #[test]
    fn sitemaps_with_prefixes_news_dates_and_a_broken_tail() {
        // Namespaced elements, a Google News date as the only time, a stray `&`, a
        // numeric reference, and a file cut off in its third entry.
        let xml = br#"<s:urlset xmlns:s="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
            <s:url><s:loc>http://h.vn/tin?a=1&b=2</s:loc><news:news><news:publication_date>2024-06-01T10:00:00Z</news:publication_date></news:news></s:url>
            <s:url><s:loc>http://h.vn/ch&#7919;</s:loc></s:url>
            <s:url><s:loc>http://h.vn/cut"#;
        let got = sitemap_entries(xml);
        assert_eq!(
            urls(&got),
            vec!["http://h.vn/tin?a=1&b=2", "http://h.vn/chữ"]
        );
        assert_eq!(got[0].modified, Some(at("2024-06-01T10:00:00Z")));
        assert!(sitemap_entries(b"").is_empty());
        assert!(sitemap_entries(b"<html><body>not a sitemap</body></html>").is_empty());
    }

    #[test]
    fn an_entrys_own_loc_wins_over_images_and_other_languages() {
        // Image sitemaps put a picture's <image:loc> inside <url>; hreflang sitemaps put
        // the other languages' <xhtml:link href> there, before or after <loc>.
        let xml = br#"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1" xmlns:xhtml="http://www.w3.org/1999/xhtml">
            <url><xhtml:link rel="alternate" hreflang="en" href="http://h.vn/en/a"/><loc>http://h.vn/a</loc></url>
            <url><image:image><image:loc>http://h.vn/anh.jpg</image:loc></image:image><loc>http://h.vn/b</loc><lastmod/></url>
            <url><loc>http://h.vn/c</loc><image:image><image:loc>http://h.vn/c.jpg</image:loc></image:image></url>
            </urlset>"#;
        let got = sitemap_entries(xml);
        assert_eq!(
            urls(&got),
            vec!["http://h.vn/a", "http://h.vn/b", "http://h.vn/c"]
        );
        assert!(got.iter().all(|e| e.modified.is_none()));
    }

    #[test]
    fn rss_atom_and_json_feeds() {
        let rss = b"<rss version=\"2.0\"><channel><link>http://h.vn/</link><item><title>t</title><link>http://h.vn/a.html</link><pubDate>Wed, 01 May 2024 08:30:00 +0700</pubDate></item><item><link><![CDATA[http://h.vn/b.html]]></link></item></channel></rss>";
        assert_eq!(sniff(rss, Some("text/xml")), BodyKind::Feed);
        let got = feed_entries(rss);
        assert_eq!(urls(&got), vec!["http://h.vn/a.html", "http://h.vn/b.html"]);
        assert_eq!(got[0].modified, Some(at("2024-05-01T01:30:00Z")));
        assert_eq!(got[1].modified, None);
        let atom = br#"<feed xmlns="http://www.w3.org/2005/Atom"><link href="http://h.vn/"/><entry><link rel="enclosure" href="http://h.vn/x.mp3"/><link href="http://h.vn/c.html"/><published>2024-01-01T00:00:00Z</published><updated>2024-02-01T00:00:00Z</updated></entry></feed>"#;
        let got = feed_entries(atom);
        assert_eq!(urls(&got), vec!["http://h.vn/c.html"]);
        assert_eq!(got[0].modified, Some(at("2024-02-01T00:00:00Z")));
        let json = br#"{"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [{"id": "1", "url": "http://h.vn/d.html", "date_modified": "2024-03-01T00:00:00Z"}]}"#;
        let got = feed_entries(json);
        assert_eq!(urls(&got), vec!["http://h.vn/d.html"]);
        assert_eq!(got[0].modified, Some(at("2024-03-01T00:00:00Z")));
    }

    #[test]
    fn feeds_the_parser_refuses_are_read_leniently() {
        // No version on <rss>, a bare `&` in a link, an item with no link.
        let rss = b"<rss><channel><item><link>http://h.vn/a.html?x=1&y=2</link><pubDate>2024-05-01 08:30:00</pubDate></item><item><title>no link</title></item></channel></rss>";
        let got = feed_entries(rss);
        assert_eq!(urls(&got), vec!["http://h.vn/a.html?x=1&y=2"]);
        // No zone: read in UTC-12, the latest it can mean.
        assert_eq!(got[0].modified, Some(at("2024-05-01T20:30:00Z")));
    }

    #[test]
    fn times_in_the_forms_listings_write() {
        let t = |s: &str| timestamp(s);
        assert_eq!(t("2024-05-01T08:30:00Z"), Some(at("2024-05-01T08:30:00Z")));
        assert_eq!(
            t("2024-05-01T08:30+07:00"),
            Some(at("2024-05-01T01:30:00Z"))
        );
        assert_eq!(
            t("2024-05-01T08:30:00.123+07:00"),
            Some(at("2024-05-01T01:30:00Z"))
        );
        assert_eq!(t("2024-05-01T08:30Z"), Some(at("2024-05-01T08:30:00Z")));
        assert_eq!(
            t(" Tue, 30 Apr 2024 23:00:00 GMT "),
            Some(at("2024-04-30T23:00:00Z"))
        );
        assert_eq!(t("2024-05"), Some(at("2024-06-01T11:59:59Z")));
        assert_eq!(t("2024"), Some(at("2025-01-01T11:59:59Z")));
        assert_eq!(t("2024-12-31"), Some(at("2025-01-01T11:59:59Z")));
        assert_eq!(t("hôm qua"), None);
        assert_eq!(t("2024-13-01"), None);
        assert_eq!(t(""), None);
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
