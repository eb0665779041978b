//! What enters the index, decided in one place.
//!
//! Every path a page takes asks the same two questions: the crawler as it fetches,
//! `baochi index` over files and over a crawl's WARC files (the rebuild), the crawler's
//! recovery after a kill, and `baochi extract`. Because they all ask here, rebuilding an
//! index from a crawl's WARC files gives the index the crawl wrote.
//!
//! - [`page_in`]: does a fetched answer hold a page to extract? A 2xx answer, not cut at a
//!   size cap, whose bytes are HTML (or, for a record archived without an HTTP exchange,
//!   plain text); never robots.txt, a sitemap or a feed, whatever their `Content-Type`.
//! - [`enters_index`]: is the extracted record indexed? An article with body text.

use super::page_type::PageType;
use crate::record::Record;
use crate::warc::read::WarcRecord;
use flate2::read::GzDecoder;
use std::borrow::Cow;
use std::io::Read;

/// What a body turned out to be, from its bytes (not its URL or what was expected).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// An HTML (or XHTML) page.
    Html,
    /// A sitemap `<urlset>`.
    Sitemap,
    /// A sitemap index `<sitemapindex>`.
    SitemapIndex,
    /// An RSS or Atom feed.
    Feed,
    /// Anything else (plain text, PDF, image, JSON…).
    Other,
}

/// Undoes gzip when the body is gzip although no `Content-Encoding` said so (a sitemap
/// served as `.xml.gz`, a server that compresses unasked), reading at most `limit` bytes;
/// otherwise, or when the bytes do not inflate, borrows the body.
pub fn inflate_stray_gzip(body: &[u8], limit: u64) -> Cow<'_, [u8]> {
    if body.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        if GzDecoder::new(body)
            .take(limit)
            .read_to_end(&mut out)
            .is_ok()
        {
            return Cow::Owned(out);
        }
    }
    Cow::Borrowed(body)
}

/// Sniffs what a (decompressed) body is, using its `Content-Type` as a hint: the first
/// 2 KiB decide sitemaps and feeds, whatever type the server declared.
pub fn sniff(body: &[u8], content_type: Option<&str>) -> BodyKind {
    let head = &body[..body.len().min(2048)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    if head.contains("<sitemapindex") {
        return BodyKind::SitemapIndex;
    }
    if head.contains("<urlset") {
        return BodyKind::Sitemap;
    }
    if head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf") {
        return BodyKind::Feed;
    }
    let ct = content_type.unwrap_or("").to_ascii_lowercase();
    if ct.contains("html") {
        return BodyKind::Html;
    }
    if ct.is_empty() || ct.starts_with("text/plain") {
        let t = head.trim_start();
        if t.starts_with("<!doctype html") || t.starts_with("<html") || head.contains("<body") {
            return BodyKind::Html;
        }
    }
    BodyKind::Other
}

/// A fetched answer, as the crawler holds it after a fetch or a WARC record keeps it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Answer<'a> {
    /// The address it was fetched from (`WARC-Target-URI`).
    pub url: Option<&'a str>,
    /// The HTTP status; `None` for a record archived without an HTTP exchange (a WARC
    /// `resource`).
    pub status: Option<u16>,
    /// The body's declared `Content-Type`.
    pub content_type: Option<&'a str>,
    /// The body, its `Content-Encoding` and chunking already undone.
    pub body: &'a [u8],
    /// The body was cut at a size cap (`WARC-Truncated`).
    pub truncated: bool,
}

/// Why an answer holds no page to extract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NotPage {
    /// Not a 2xx answer (redirects, errors, 304s are no pages).
    #[error("HTTP status {0}")]
    Status(u16),
    /// Cut at the crawl's size cap: extracting the rest would index half an article.
    #[error("body cut at the size cap")]
    Truncated,
    /// The site's robots.txt, even served as HTML.
    #[error("robots.txt")]
    Robots,
    /// A sitemap, a feed or a body that is not a page.
    #[error("not a page ({0:?})")]
    Kind(BodyKind),
    /// A WARC record that is not a `response` or `resource` (a request, warcinfo…).
    #[error("not a response record")]
    NotResponse,
}

/// The largest body a stray gzip is inflated to: no page is larger.
const MAX_INFLATED: u64 = super::MAX_PAGE;

/// The page an answer holds (its bytes, inflated when they came gzipped unasked), or why
/// there is none.
pub fn page_in<'a>(a: &Answer<'a>) -> Result<Cow<'a, [u8]>, NotPage> {
    if let Some(s) = a.status
        && !(200..300).contains(&s)
    {
        return Err(NotPage::Status(s));
    }
    if a.truncated {
        return Err(NotPage::Truncated);
    }
    if a.url.is_some_and(is_robots_txt) {
        return Err(NotPage::Robots);
    }
    let body = inflate_stray_gzip(a.body, MAX_INFLATED);
    match sniff(&body, a.content_type) {
        BodyKind::Html => Ok(body),
        // Archived without HTTP, a text dump is a page as a `.txt` file is.
        BodyKind::Other
            if a.status.is_none()
                && a.content_type.is_none_or(|ct| {
                    ct.trim_start()
                        .to_ascii_lowercase()
                        .starts_with("text/plain")
                }) =>
        {
            Ok(body)
        }
        k => Err(NotPage::Kind(k)),
    }
}

/// [`page_in`] for a WARC record: the page a `response` or `resource` record holds.
pub fn page_in_record(rec: &WarcRecord) -> Result<Cow<'_, [u8]>, NotPage> {
    if !matches!(rec.kind.as_str(), "response" | "resource") {
        return Err(NotPage::NotResponse);
    }
    page_in(&Answer {
        url: rec.target_uri.as_deref(),
        status: rec.status,
        content_type: rec.content_type.as_deref(),
        body: &rec.payload,
        truncated: rec.truncated,
    })
}

fn is_robots_txt(url: &str) -> bool {
    url::Url::parse(url).is_ok_and(|u| u.path().eq_ignore_ascii_case("/robots.txt"))
}

/// Why an extracted record stays out of the index.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The page is a listing or other page, not an article: kept out, not an error.
    #[error("not an article ({page_type}: {reason})")]
    NotArticle {
        /// What the page was taken for.
        page_type: PageType,
        /// The decision's reason, for the user.
        reason: String,
    },
    /// An article page whose body came out empty: a failure of extraction.
    #[error("no article text")]
    NoText,
}

/// Whether an extracted record is indexed: an article with body text.
pub fn enters_index(rec: &Record) -> Result<(), Refusal> {
    if rec.page_type != PageType::Article {
        return Err(Refusal::NotArticle {
            page_type: rec.page_type,
            reason: rec.page_type_reason.clone(),
        });
    }
    if rec.body.trim().is_empty() {
        return Err(Refusal::NoText);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gz(b: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut e, b).unwrap();
        e.finish().unwrap()
    }

    const PAGE: &[u8] = b"<!DOCTYPE html><html><body><p>B\xc3\xa0i</p></body></html>";

    fn answer(body: &[u8]) -> Answer<'_> {
        Answer {
            url: Some("http://bao.vn/bai/1.html"),
            status: Some(200),
            content_type: Some("text/html; charset=utf-8"),
            body,
            truncated: false,
        }
    }

    #[test]
    fn a_2xx_html_answer_is_a_page_gzipped_or_not() {
        assert_eq!(page_in(&answer(PAGE)).unwrap().as_ref(), PAGE);
        assert_eq!(page_in(&answer(&gz(PAGE))).unwrap().as_ref(), PAGE);
        let no_type = Answer {
            content_type: None,
            ..answer(PAGE)
        };
        assert!(page_in(&no_type).is_ok());
    }

    #[test]
    fn errors_truncation_robots_sitemaps_and_feeds_are_not() {
        for (a, why) in [
            (
                Answer {
                    status: Some(404),
                    ..answer(PAGE)
                },
                NotPage::Status(404),
            ),
            (
                Answer {
                    status: Some(301),
                    ..answer(PAGE)
                },
                NotPage::Status(301),
            ),
            (
                Answer {
                    truncated: true,
                    ..answer(PAGE)
                },
                NotPage::Truncated,
            ),
            (
                Answer {
                    url: Some("https://bao.vn/robots.txt"),
                    ..answer(PAGE)
                },
                NotPage::Robots,
            ),
            (
                Answer {
                    content_type: Some("text/plain"),
                    ..answer(b"User-agent: *\nDisallow: /private/\n")
                },
                NotPage::Kind(BodyKind::Other),
            ),
            (
                answer(b"<?xml version=\"1.0\"?><urlset><url><loc>x</loc></url></urlset>"),
                NotPage::Kind(BodyKind::Sitemap),
            ),
            (
                answer(b"<rss><channel></channel></rss>"),
                NotPage::Kind(BodyKind::Feed),
            ),
            (
                Answer {
                    content_type: Some("application/pdf"),
                    ..answer(b"%PDF-1.4")
                },
                NotPage::Kind(BodyKind::Other),
            ),
        ] {
            assert_eq!(page_in(&a), Err(why), "{a:?}");
        }
    }

    #[test]
    fn plain_text_is_a_page_only_when_archived_without_http() {
        let text = "Ngày 12/3, Tỉnh ủy tổ chức hội nghị.".as_bytes();
        let resource = Answer {
            status: None,
            content_type: Some("text/plain; charset=utf-8"),
            ..answer(text)
        };
        assert!(page_in(&resource).is_ok());
        let served = Answer {
            content_type: Some("text/plain"),
            ..answer(text)
        };
        assert_eq!(page_in(&served), Err(NotPage::Kind(BodyKind::Other)));
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff(b"<!DOCTYPE html><html>", None), BodyKind::Html);
        assert_eq!(sniff(b"%PDF-1.4", Some("application/pdf")), BodyKind::Other);
        assert_eq!(
            sniff(b"{\"a\":1}", Some("application/json")),
            BodyKind::Other
        );
        let idx = b"<sitemapindex><sitemap><loc>x</loc></sitemap></sitemapindex>";
        assert_eq!(sniff(idx, Some("text/html")), BodyKind::SitemapIndex);
    }

    #[test]
    fn only_articles_with_text_enter_the_index() {
        let mut rec = Record {
            page_type: PageType::Article,
            body: "Nội dung.".into(),
            ..Record::default()
        };
        assert_eq!(enters_index(&rec), Ok(()));
        rec.body = " \n".into();
        assert_eq!(enters_index(&rec), Err(Refusal::NoText));
        rec.page_type = PageType::Listing;
        rec.page_type_reason = "teasers".into();
        assert!(matches!(
            enters_index(&rec),
            Err(Refusal::NotArticle {
                page_type: PageType::Listing,
                ..
            })
        ));
    }
}
