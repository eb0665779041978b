//! Reading WARC files back: `.warc`, or `.warc.gz` gzipped per record or as a whole, one
//! record at a time (a crawl's WARC can be far larger than memory).
//!
//! For `response` records the HTTP status line and headers are read off the block and the
//! payload is de-chunked and decompressed (gzip, deflate), so the payload is the page as
//! the server meant it.

use flate2::bufread::MultiGzDecoder;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

/// Largest record block read into memory; bigger records are skipped with an error.
pub const MAX_RECORD: u64 = 64 * 1024 * 1024;

/// What can go wrong reading a WARC file.
#[derive(Debug, thiserror::Error)]
pub enum WarcError {
    /// Reading the file failed (including a corrupt gzip stream).
    #[error("cannot read: {0}")]
    Io(#[from] io::Error),
    /// The bytes are not WARC records.
    #[error("not a WARC file: {0}")]
    Format(String),
    /// A record's block is larger than [`MAX_RECORD`]; the reader has moved past it.
    #[error("record {index} is too large ({size} bytes; the limit is {MAX_RECORD})")]
    TooLarge {
        /// 1-based position of the record in the file.
        index: usize,
        /// Its declared `Content-Length`.
        size: u64,
    },
}

/// One WARC record, with the HTTP envelope of a `response` opened.
#[derive(Debug, Clone, Default)]
pub struct WarcRecord {
    /// 1-based position in the file.
    pub index: usize,
    /// `WARC-Type`: `response`, `request`, `resource`, `warcinfo`, …
    pub kind: String,
    /// `WARC-Target-URI`.
    pub target_uri: Option<String>,
    /// The payload's `Content-Type` (from the HTTP headers of a response, else the record's).
    pub content_type: Option<String>,
    /// The HTTP status of a response.
    pub status: Option<u16>,
    /// The payload: the HTTP body of a response (de-chunked, decompressed), the block of
    /// other records.
    pub payload: Vec<u8>,
    /// `WARC-Truncated` was set: the payload was cut (at the crawl's size cap, say).
    pub truncated: bool,
}

/// Reads WARC records one after another.
pub struct Reader {
    inner: Box<dyn BufRead + Send>,
    index: usize,
    done: bool,
}

impl std::fmt::Debug for Reader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reader")
            .field("index", &self.index)
            .finish()
    }
}

/// Whether `head` (the first bytes of a file) starts a WARC file, plain or gzipped.
pub fn looks_like_warc(head: &[u8]) -> bool {
    head.starts_with(b"WARC/") || head.starts_with(&[0x1f, 0x8b])
}

impl Reader {
    /// Opens a WARC file, gzipped or not (told by its first bytes, not its name).
    pub fn open(path: &Path) -> Result<Reader, WarcError> {
        Reader::new(BufReader::with_capacity(256 * 1024, File::open(path)?))
    }

    /// Reads the records of a file from byte `offset` on, where a record (or, gzipped per
    /// record, a member) starts: the crawler's way back to one stored response.
    pub fn at(path: &Path, offset: u64) -> Result<Reader, WarcError> {
        use std::io::{Seek, SeekFrom};
        let mut f = File::open(path)?;
        f.seek(SeekFrom::Start(offset))?;
        Reader::new(BufReader::with_capacity(64 * 1024, f))
    }

    /// Reads WARC records from any buffered reader.
    pub fn new<R: BufRead + Send + 'static>(mut r: R) -> Result<Reader, WarcError> {
        let head = r.fill_buf()?;
        let gz = head.starts_with(&[0x1f, 0x8b]);
        let inner: Box<dyn BufRead + Send> = if gz {
            Box::new(BufReader::with_capacity(256 * 1024, MultiGzDecoder::new(r)))
        } else {
            Box::new(r)
        };
        Ok(Reader {
            inner,
            index: 0,
            done: false,
        })
    }

    fn read_line(&mut self, buf: &mut Vec<u8>) -> io::Result<usize> {
        buf.clear();
        // Header lines are short; a runaway line means this is not a WARC.
        let n = (&mut self.inner).take(64 * 1024).read_until(b'\n', buf)?;
        Ok(n)
    }

    /// The next record, `None` at the end of the file.
    pub fn next_record(&mut self) -> Option<Result<WarcRecord, WarcError>> {
        if self.done {
            return None;
        }
        let r = self.read_record();
        if matches!(r, Err(WarcError::Io(_)) | Err(WarcError::Format(_))) {
            self.done = true;
        }
        r.transpose()
    }

    fn read_record(&mut self) -> Result<Option<WarcRecord>, WarcError> {
        let mut line = Vec::new();
        loop {
            if self.read_line(&mut line)? == 0 {
                self.done = true;
                return Ok(None);
            }
            if !line.iter().all(u8::is_ascii_whitespace) {
                break;
            }
        }
        if !line.starts_with(b"WARC/") {
            return Err(WarcError::Format(format!(
                "record {} does not start with a WARC version line",
                self.index + 1
            )));
        }
        self.index += 1;
        let mut rec = WarcRecord {
            index: self.index,
            ..WarcRecord::default()
        };
        let mut length: Option<u64> = None;
        let mut block_type: Option<String> = None;
        loop {
            if self.read_line(&mut line)? == 0 {
                return Err(WarcError::Format(format!(
                    "record {} ends inside its headers",
                    rec.index
                )));
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                break;
            }
            let Some((name, value)) = text.split_once(':') else {
                continue;
            };
            let value = value.trim().to_string();
            match name.trim().to_ascii_lowercase().as_str() {
                "content-length" => length = value.parse().ok(),
                "warc-type" => rec.kind = value.to_ascii_lowercase(),
                "warc-target-uri" => {
                    rec.target_uri = Some(value.trim_matches(['<', '>']).to_string())
                }
                "content-type" => block_type = Some(value),
                "warc-truncated" => rec.truncated = true,
                _ => {}
            }
        }
        let Some(length) = length else {
            return Err(WarcError::Format(format!(
                "record {} has no Content-Length",
                rec.index
            )));
        };
        if length > MAX_RECORD {
            io::copy(&mut (&mut self.inner).take(length), &mut io::sink())?;
            return Err(WarcError::TooLarge {
                index: rec.index,
                size: length,
            });
        }
        let mut block = Vec::with_capacity(length as usize);
        (&mut self.inner).take(length).read_to_end(&mut block)?;
        if (block.len() as u64) < length {
            return Err(WarcError::Format(format!(
                "record {} is cut short",
                rec.index
            )));
        }
        let is_http = block_type
            .as_deref()
            .is_some_and(|t| t.to_ascii_lowercase().starts_with("application/http"));
        if rec.kind == "response" && is_http {
            open_http(&mut rec, &block);
        } else {
            rec.content_type = block_type;
            rec.payload = block;
        }
        Ok(Some(rec))
    }
}

impl Iterator for Reader {
    type Item = Result<WarcRecord, WarcError>;
    fn next(&mut self) -> Option<Self::Item> {
        self.next_record()
    }
}

/// Splits an HTTP response into status, headers and the decoded body.
fn open_http(rec: &mut WarcRecord, block: &[u8]) {
    let (head_end, body_start) = match memchr::memmem::find(block, b"\r\n\r\n") {
        Some(i) => (i, i + 4),
        None => match memchr::memmem::find(block, b"\n\n") {
            Some(i) => (i, i + 2),
            None => (block.len(), block.len()),
        },
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    rec.status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok());
    let mut chunked = false;
    let mut encoding = String::new();
    for l in lines {
        let Some((name, value)) = l.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => rec.content_type = Some(value.to_string()),
            "transfer-encoding" => chunked = value.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => encoding = value.to_ascii_lowercase(),
            _ => {}
        }
    }
    let mut body = block[body_start..].to_vec();
    if chunked && let Some(d) = dechunk(&body) {
        body = d;
    }
    let decoded = match encoding.as_str() {
        "gzip" | "x-gzip" => inflate(MultiGzDecoder::new(&body[..])),
        "deflate" => inflate(flate2::bufread::ZlibDecoder::new(&body[..]))
            .or_else(|| inflate(flate2::bufread::DeflateDecoder::new(&body[..]))),
        _ => None,
    };
    rec.payload = decoded.unwrap_or(body);
}

fn inflate(r: impl Read) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    r.take(MAX_RECORD * 4).read_to_end(&mut out).ok()?;
    Some(out)
}

/// Undoes `Transfer-Encoding: chunked`; `None` when the body is not chunked after all.
fn dechunk(mut b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    loop {
        let eol = memchr::memmem::find(b, b"\r\n")?;
        let size_text = std::str::from_utf8(&b[..eol]).ok()?;
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        b = &b[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(b.get(..size)?);
        b = b.get(size..)?;
        b = b.strip_prefix(b"\r\n").unwrap_or(b);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn record(kind: &str, uri: &str, block: &[u8], block_type: &str) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nContent-Type: {block_type}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn gz(b: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(b).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn plain_and_per_record_gzip() {
        let http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<p>hi\r\n4\r\n</p>\r\n0\r\n\r\n";
        let a = record("warcinfo", "", b"software: x", "application/warc-fields");
        let b = record(
            "response",
            "http://example.vn/a",
            http,
            "application/http; msgtype=response",
        );
        let mut plain = a.clone();
        plain.extend_from_slice(&b);
        let mut per_record = gz(&a);
        per_record.extend_from_slice(&gz(&b));
        for bytes in [plain.clone(), per_record, gz(&plain)] {
            let recs: Vec<WarcRecord> = Reader::new(io::Cursor::new(bytes))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            assert_eq!(recs.len(), 2);
            assert_eq!(recs[0].kind, "warcinfo");
            assert_eq!(recs[1].kind, "response");
            assert_eq!(recs[1].payload, b"<p>hi</p>");
            assert_eq!(recs[1].status, Some(200));
            assert_eq!(recs[1].target_uri.as_deref(), Some("http://example.vn/a"));
            assert_eq!(
                recs[1].content_type.as_deref(),
                Some("text/html; charset=utf-8")
            );
        }
    }

    #[test]
    fn gzip_content_encoding() {
        let mut http =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
                .to_vec();
        http.extend_from_slice(&gz(b"<p>packed</p>"));
        let bytes = record(
            "response",
            "http://x.vn/",
            &http,
            "application/http;msgtype=response",
        );
        let recs: Vec<WarcRecord> = Reader::new(io::Cursor::new(bytes))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(recs[0].payload, b"<p>packed</p>");
    }

    #[test]
    fn garbage_and_truncation_are_errors() {
        let mut r = Reader::new(io::Cursor::new(b"hello world\n".to_vec())).unwrap();
        assert!(matches!(r.next(), Some(Err(WarcError::Format(_)))));
        assert!(r.next().is_none());
        let mut bytes = record(
            "response",
            "http://x.vn/",
            b"HTTP/1.1 200 OK\r\n\r\nabc",
            "application/http",
        );
        bytes.truncate(bytes.len() - 8);
        let mut r = Reader::new(io::Cursor::new(bytes)).unwrap();
        assert!(matches!(r.next(), Some(Err(WarcError::Format(_)))));
    }
}
