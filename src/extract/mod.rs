//! The article: from a served page (HTML), a plain-text dump or a WARC file to [`Record`]s.
//!
//! Input: bytes (any charset; see [`crate::text::decode`]) with their address and
//! `Content-Type` when known. Output: one [`Record`] per article, every string normalised
//! ([`crate::text::normalize`]), entities found on the final body.
//!
//! [`html`] finds the article's container in a parsed page and its metadata (`<meta>`,
//! JSON-LD, the page's own date line and byline); [`plain`] reads the same out of text
//! dumps line by line. Both share the tail rules here: the byline closing the article
//! (`Bài, ảnh: X`, a lone name line) and what follows it leave the body, and a paragraph
//! printed twice (a photo caption) stays once.

pub mod admit;
pub mod chrome;
pub mod html;
pub mod metadata;
pub mod page_type;
pub mod plain;
pub mod prep;
mod words;

use crate::record::Record;
use crate::warc::read::{Reader, WarcError};
use std::io::Read;
use std::path::Path;

/// Largest page (HTML or text) read; a WARC is read record by record instead.
pub const MAX_PAGE: u64 = 64 * 1024 * 1024;

/// What can go wrong reading an input.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// The file could not be read.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// The input holds no article text.
    #[error("{0}")]
    Unreadable(String),
    /// The input is empty.
    #[error("no article text: the input is empty")]
    Empty,
    /// The input is binary data, not a page.
    #[error("binary data, not an HTML or text page")]
    Binary,
    /// The input is larger than a page can be.
    #[error("too large for a page ({size} bytes; the limit is {MAX_PAGE})")]
    TooLarge {
        /// The input's size in bytes (at least).
        size: u64,
    },
    /// A WARC file could not be read.
    #[error("{0}")]
    Warc(#[from] WarcError),
    /// One record of a WARC file could not be extracted.
    #[error("record {index} ({uri}): {source}")]
    Record {
        /// 1-based position of the record in the file.
        index: usize,
        /// Its target URI.
        uri: String,
        /// What went wrong.
        source: Box<ExtractError>,
    },
}

/// The article before normalisation and entities: what the layout gives.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    /// The headline.
    pub title: Option<String>,
    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS+07:00`.
    pub published: Option<String>,
    /// The byline's name(s).
    pub author: Option<String>,
    /// The article's paragraphs, separated by a blank line.
    pub body: String,
    /// What an HTML page is made of, for deciding its page type (None for plain text,
    /// which is taken for an article).
    pub signals: Option<page_type::Signals>,
}

/// A page's record with what its page-type decision read (for `extract --explain` and
/// training the model); the record itself carries only the decision.
#[derive(Debug, Clone)]
pub struct Page {
    /// The record.
    pub record: Record,
    /// What the page is made of (`None` for plain text, taken for an article).
    pub signals: Option<page_type::Signals>,
}

/// How an input is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An HTML page.
    Html,
    /// A plain-text page dump.
    Text,
    /// A WARC file.
    Warc,
}

/// The kind a file's name says, if any.
pub fn kind_of_path(path: &Path) -> Option<Kind> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    if name.ends_with(".warc") || name.ends_with(".warc.gz") {
        Some(Kind::Warc)
    } else if name.ends_with(".html") || name.ends_with(".htm") || name.ends_with(".xhtml") {
        Some(Kind::Html)
    } else if name.ends_with(".txt") {
        Some(Kind::Text)
    } else {
        None
    }
}

/// Extracts the record(s) of a file: one for HTML or text, one per page response for
/// WARC. `-` reads standard input. When some records of a WARC fail and others do not, the
/// good ones are returned; use [`for_each_in_path`] to hear about each failure.
pub fn from_path(path: &Path, url: Option<&str>) -> Result<Vec<Record>, ExtractError> {
    let mut out = Vec::new();
    let mut first_err = None;
    for_each_in_path(path, url, |r| match r {
        Ok(rec) => out.push(rec),
        Err(e) => {
            if first_err.is_none() {
                first_err = Some(e);
            }
        }
    })?;
    match (out.is_empty(), first_err) {
        (true, Some(e)) => Err(e),
        _ => Ok(out),
    }
}

/// Streams the records of a file to `each` (a WARC's records one by one, each failure of a
/// record as an `Err`); the returned error is a failure of the whole input.
pub fn for_each_in_path(
    path: &Path,
    url: Option<&str>,
    mut each: impl FnMut(Result<Record, ExtractError>),
) -> Result<(), ExtractError> {
    for_each_page_in_path(path, url, |p| each(p.map(|p| p.record)))
}

/// [`for_each_in_path`] with each record's page-type signals.
pub fn for_each_page_in_path(
    path: &Path,
    url: Option<&str>,
    mut each: impl FnMut(Result<Page, ExtractError>),
) -> Result<(), ExtractError> {
    let stdin = path.as_os_str() == "-";
    let hint = if stdin { None } else { kind_of_path(path) };
    if !stdin && path.is_dir() {
        return Err(ExtractError::Unreadable("is a directory".into()));
    }
    let mut head = [0u8; 5];
    let warc = match hint {
        Some(Kind::Warc) => true,
        Some(_) => false,
        None if stdin => false,
        None => {
            let mut f = std::fs::File::open(path)?;
            let n = read_head(&mut f, &mut head)?;
            crate::warc::read::looks_like_warc(&head[..n])
        }
    };
    if warc {
        let reader = Reader::open(path)?;
        return each_warc_record(reader, url, &mut each);
    }
    let bytes = if stdin {
        read_limited(std::io::stdin().lock())?
    } else {
        let size = std::fs::metadata(path)?.len();
        if size > MAX_PAGE {
            return Err(ExtractError::TooLarge { size });
        }
        read_limited(std::fs::File::open(path)?)?
    };
    if stdin && crate::warc::read::looks_like_warc(&bytes) {
        let reader = Reader::new(std::io::Cursor::new(bytes))?;
        return each_warc_record(reader, url, &mut each);
    }
    each(Ok(from_bytes_as(&bytes, url, None, hint)?));
    Ok(())
}

fn read_head(f: &mut std::fs::File, head: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < head.len() {
        match f.read(&mut head[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

fn read_limited(r: impl Read) -> Result<Vec<u8>, ExtractError> {
    let mut bytes = Vec::new();
    r.take(MAX_PAGE + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_PAGE {
        return Err(ExtractError::TooLarge {
            size: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

fn each_warc_record(
    mut reader: Reader,
    url: Option<&str>,
    each: &mut impl FnMut(Result<Page, ExtractError>),
) -> Result<(), ExtractError> {
    let mut seen = 0usize;
    while let Some(rec) = reader.next_record() {
        let rec = match rec {
            Ok(r) => r,
            Err(e @ WarcError::TooLarge { .. }) => {
                each(Err(e.into()));
                continue;
            }
            // Nothing read and nothing more to read: the file is not a WARC.
            Err(e) if seen == 0 && reader.is_done() => return Err(e.into()),
            // A damaged record costs itself; the reader goes on where it can.
            Err(e) => {
                each(Err(e.into()));
                continue;
            }
        };
        seen += 1;
        let Ok(bytes) = admit::page_in_record(&rec) else {
            continue;
        };
        let uri = rec.target_uri.clone().unwrap_or_default();
        // Each response knows its own address; --url only stands in when a record lacks one.
        let page_url = rec.target_uri.as_deref().filter(|u| !u.is_empty()).or(url);
        match from_bytes_as(&bytes, page_url, rec.content_type.as_deref(), None) {
            Ok(r) => each(Ok(r)),
            Err(e) => each(Err(ExtractError::Record {
                index: rec.index,
                uri,
                source: Box::new(e),
            })),
        }
    }
    Ok(())
}

/// Extracts the record of one page given its bytes, its address and its `Content-Type`.
pub fn from_bytes(
    bytes: &[u8],
    url: Option<&str>,
    content_type: Option<&str>,
) -> Result<Record, ExtractError> {
    from_bytes_as(bytes, url, content_type, None).map(|p| p.record)
}

/// Whether the page is HTML: by `Content-Type`, else by its first tags.
fn sniff_html(text: &str, content_type: Option<&str>) -> bool {
    if let Some(ct) = content_type {
        let ct = ct.to_ascii_lowercase();
        if ct.contains("html") || ct.contains("xml") {
            return true;
        }
        if ct.starts_with("text/plain") {
            return false;
        }
    }
    let head: String = text
        .trim_start()
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with('<')
        && [
            "<html",
            "<!doctype",
            "<head",
            "<body",
            "<div",
            "<p",
            "<meta",
            "<table",
            "<article",
            "<title",
        ]
        .iter()
        .any(|t| head.contains(t))
}

/// The extraction stage alone — the page decoded, its text, metadata and page type —
/// without normalisation of the record or entities (for timing the stage; the record is
/// [`from_bytes`]).
pub fn page_type_of(
    bytes: &[u8],
    url: Option<&str>,
    content_type: Option<&str>,
) -> Result<(Article, page_type::PageType), ExtractError> {
    let (article, _) = read_article(bytes, content_type, None)?;
    let published = article.published.is_some() || url.and_then(metadata::date_in_url).is_some();
    let cx = page_type::Context::of(
        url,
        article.title.as_deref(),
        published,
        article.author.is_some(),
    );
    let (page_type, _, _) = decide_page(article.signals.clone(), &article.body, &cx);
    Ok((article, page_type))
}

/// The article of a page's bytes, and whether they were HTML.
fn read_article(
    bytes: &[u8],
    content_type: Option<&str>,
    hint: Option<Kind>,
) -> Result<(Article, bool), ExtractError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ExtractError::Empty);
    }
    if bytes.len() as u64 > MAX_PAGE {
        return Err(ExtractError::TooLarge {
            size: bytes.len() as u64,
        });
    }
    let decoded = crate::text::decode::decode(bytes, content_type);
    if is_binary(bytes, &decoded) {
        return Err(ExtractError::Binary);
    }
    let html = match hint {
        Some(Kind::Html) => true,
        Some(Kind::Text) => false,
        _ => sniff_html(&decoded.text, content_type),
    };
    let article = if html {
        html::extract(&decoded.text)
    } else {
        plain::extract(&decoded.text)
    };
    Ok((article, html))
}

fn from_bytes_as(
    bytes: &[u8],
    url: Option<&str>,
    content_type: Option<&str>,
    hint: Option<Kind>,
) -> Result<Page, ExtractError> {
    let (article, html) = read_article(bytes, content_type, hint)?;
    let page = finish_page(article, url);
    // A page with no text is still a page (`other: no text`); a text dump is only its text.
    if page.record.body.is_empty() && !html {
        return Err(ExtractError::Unreadable("no article text found".into()));
    }
    Ok(page)
}

/// Binary data is full of control bytes, or decodes to replacement characters.
fn is_binary(bytes: &[u8], decoded: &crate::text::decode::Decoded) -> bool {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let utf16 = decoded.encoding.starts_with("UTF-16");
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    if !utf16 && control * 10 > head.len() {
        return true;
    }
    if !decoded.had_errors && !utf16 {
        return false;
    }
    let mut total = 0usize;
    let mut bad = 0usize;
    for c in decoded.text.chars().take(64 * 1024) {
        total += 1;
        if (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')) || c == '\u{FFFD}' {
            bad += 1;
        }
    }
    total > 0 && bad * 10 > total
}

/// Turns an [`Article`] into the contract's [`Record`]: strings normalised, source from the
/// address, entities on the final body, province inferred.
pub fn finish(article: Article, url: Option<&str>) -> Record {
    finish_page(article, url).record
}

/// [`finish`], keeping what the page-type decision read.
fn finish_page(article: Article, url: Option<&str>) -> Page {
    let line = |s: Option<String>| {
        s.map(|s| crate::text::normalize_line(&s))
            .filter(|s| !s.is_empty())
    };
    let body = crate::text::normalize(&article.body);
    // Last of the date chain: the day the address files the page under.
    let published = line(article.published).or_else(|| url.and_then(metadata::date_in_url));
    // Byte offsets until the figures are described; the record takes code points.
    let mut entities = crate::entities::scan(&body, published.as_deref());
    let source = url
        .and_then(|u| url::Url::parse(u).ok())
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase));
    let title = line(article.title);
    let author = line(article.author);
    let cx = page_type::Context::of(url, title.as_deref(), published.is_some(), author.is_some());
    let (page_type, page_type_reason, signals) = decide_page(article.signals, &body, &cx);
    let province = crate::entities::localities::infer_province(
        source.as_deref(),
        title.as_deref(),
        &body,
        &entities.localities,
    );
    crate::entities::statistics::describe(
        &mut entities.statistics,
        title.as_deref(),
        &body,
        &entities.dates,
        &entities.localities,
        province.as_ref().map(|p| p.0.as_str()),
        published.as_deref(),
    );
    entities.spans_to_code_points(&body);
    let record = Record {
        url: url.map(str::to_string),
        source,
        title,
        published,
        author,
        body,
        province: province.as_ref().map(|p| p.0.clone()),
        province_now: province.map(|p| p.1),
        entities,
        page_type,
        page_type_reason,
        duplicate_of: None,
    };
    Page { record, signals }
}

/// The page type of an article from its signals, measured on its final body (plain text,
/// without signals, is taken for one article); the signals are handed back for `--explain`.
fn decide_page(
    signals: Option<page_type::Signals>,
    body: &str,
    cx: &page_type::Context,
) -> (page_type::PageType, String, Option<page_type::Signals>) {
    match signals {
        Some(mut s) => {
            s.measure_body(body);
            let d = page_type::decide(&s, cx);
            (d.page_type, d.reason, Some(s))
        }
        None => (
            page_type::PageType::Article,
            "plain text, taken as one article".to_string(),
            None,
        ),
    }
}

/// A byline found closing the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ClosingByline {
    /// The name it gives.
    pub(crate) name: String,
    /// Whether a label says it is the byline (`Bài, ảnh: X`, `By X`); a lone name-shaped
    /// line may also be a product, a post's title or an expert's box under the story.
    pub(crate) labelled: bool,
}

/// Removes the byline closing the article and what follows it (the reporter's office, a
/// source line, a site footer), returning the name. A labelled byline (`Bài, ảnh: X`) is
/// looked for among the last eight lines; a lone name only among the last four, with
/// nothing but short lines after it, and a paragraph of prose stops that search.
pub(crate) fn cut_byline(paras: &mut Vec<String>) -> Option<ClosingByline> {
    // A source credit closing the article (`Theo VOV`) goes, and the byline may stand
    // above it.
    while paras.len() > 1
        && paras
            .last()
            .is_some_and(|l| l.chars().count() <= 70 && metadata::is_source_credit(l))
    {
        paras.pop();
    }
    let n = paras.len();
    for i in (n.saturating_sub(8)..n).rev() {
        if i > 0 && metadata::is_labelled_byline(&paras[i]) {
            let name = metadata::byline(&paras[i]);
            paras.truncate(i);
            return name.map(|name| ClosingByline {
                name,
                labelled: true,
            });
        }
    }
    for i in (n.saturating_sub(4)..n).rev() {
        if plain::is_paragraph(&paras[i]) {
            break;
        }
        let name = metadata::byline(&paras[i]);
        // A line shaped like a name but made of furniture words (`PIN IT HERE`) closes the
        // article the same way, naming no one.
        if name.is_some() || metadata::is_name_shaped_furniture(&paras[i]) {
            let tail_short = paras[i + 1..]
                .iter()
                .all(|q| q.chars().count() < 100 && !plain::is_paragraph(q));
            if tail_short && i > 0 {
                paras.truncate(i);
                return name.map(|name| ClosingByline {
                    name,
                    labelled: false,
                });
            }
        }
    }
    None
}

/// Drops a paragraph printed again (a caption under the photo and in the text, a lead
/// repeated): the first stays.
pub(crate) fn dedup(paras: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    paras.retain(|p| p.len() < 20 || seen.insert(p.clone()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_binary_inputs_are_errors() {
        assert!(matches!(
            from_bytes(b"", None, None),
            Err(ExtractError::Empty)
        ));
        assert!(matches!(
            from_bytes(b" \n\t ", None, None),
            Err(ExtractError::Empty)
        ));
        let bin: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
        assert!(matches!(
            from_bytes(&bin, None, None),
            Err(ExtractError::Binary)
        ));
    }

    #[test]
    fn source_from_url_and_normalised_strings() {
        let r = from_bytes(
            "Bài viết về Tỉnh uỷ với đủ chữ để làm thành một đoạn văn dài hơn năm mươi ký tự."
                .as_bytes(),
            Some("https://BaoThanhHoa.vn/a/b.html"),
            Some("text/plain"),
        )
        .unwrap();
        assert_eq!(r.source.as_deref(), Some("baothanhhoa.vn"));
        assert!(r.body.contains("Tỉnh ủy"));
    }

    fn owned(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn labelled_byline_cuts_a_long_footer() {
        let mut p = owned(&[
            "Đoạn một của bài viết.",
            "Đoạn hai của bài viết.",
            "Tin, ảnh: Trần Thép",
            "Báo điện tử của Đảng bộ tỉnh, cơ quan ngôn luận của Đảng bộ, chính quyền và nhân dân các dân tộc trong tỉnh, phát hành hằng ngày.",
        ]);
        let labelled = |name: &str| ClosingByline {
            name: name.to_string(),
            labelled: true,
        };
        assert_eq!(cut_byline(&mut p), Some(labelled("Trần Thép")));
        assert_eq!(p.len(), 2);
    }

    #[test]
    fn byline_and_dedup() {
        let mut p = owned(&[
            "Đoạn một.",
            "Đoạn hai là một đoạn.",
            "Đoạn hai là một đoạn.",
            "Bài, ảnh: X Y",
            "Ban Tuyên giáo",
        ]);
        assert_eq!(
            cut_byline(&mut p).map(|b| (b.name, b.labelled)),
            Some(("X Y".to_string(), true))
        );
        dedup(&mut p);
        assert_eq!(p, vec!["Đoạn một.", "Đoạn hai là một đoạn."]);
    }

    #[test]
    fn a_lone_closing_name_is_an_unlabelled_byline() {
        let mut p = owned(&[
            "Đoạn một của bài viết kể lại hội nghị sơ kết và các ý kiến của đại biểu dự họp.",
            "Đoạn hai của bài viết nói về kết quả học tập Nghị quyết Trung ương 4 ở cơ sở.",
            "Minh Thùy",
        ]);
        assert_eq!(
            cut_byline(&mut p).map(|b| (b.name, b.labelled)),
            Some(("Minh Thùy".to_string(), false))
        );
        assert_eq!(p.len(), 2);
    }
}
