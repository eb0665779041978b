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
    /// A record's bytes are damaged (its gzip member holds more than it, or fails its
    /// checksum); reading goes on at the next member.
    #[error("record {index} is damaged: {why}")]
    Damaged {
        /// 1-based position of the record in the file.
        index: usize,
        /// What gave it away.
        why: String,
    },
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
    inner: Source,
    index: usize,
    done: bool,
}

/// The bytes records are read from: as stored, or inflated member by member.
enum Source {
    Plain(Box<dyn BufRead + Send>),
    Gzip(Box<BufReader<Members>>),
}

impl Source {
    fn reader(&mut self) -> &mut dyn BufRead {
        match self {
            Source::Plain(r) => r,
            Source::Gzip(r) => r,
        }
    }
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

/// The first bytes of a gzip member (magic, then the deflate method).
const GZIP_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

/// Blank bytes read between two records before the file is judged not to hold another:
/// a few are normal (each record ends with two line breaks), megabytes are not, and
/// reading a gigabyte of them record-less is a bomb, not an archive.
pub const MAX_GAP: u64 = 1024 * 1024;

/// A gzip stream read member after member. A corrupt member ends with an error, and
/// reading goes on at the next member's header, so one damaged record of a per-record
/// gzipped WARC (the crawler's layout) costs that record only.
struct Members {
    dec: Option<flate2::bufread::GzDecoder<Raw>>,
    /// Between members: the raw stream at the next member (or its end).
    raw: Option<Raw>,
    /// Report a member's end as the stream's end, once, without opening the next.
    stop_at_end: bool,
}

/// The compressed bytes a damaged member is rescanned from, at most: a cut member's
/// decoder reads on into the next member, whose header must then be found again. The
/// crawler's members (one record each) are far smaller; a whole-file gzip is not
/// rescanned.
const REPLAY_MAX: usize = 16 * 1024 * 1024;

/// The raw (compressed) stream, with bytes that can be put back and a copy of what the
/// member being read has used so far.
struct Raw {
    inner: Box<dyn BufRead + Send>,
    /// Bytes put back, read before `inner`'s.
    front: Vec<u8>,
    at: usize,
    /// What the current member has consumed, while under [`REPLAY_MAX`].
    used: Option<Vec<u8>>,
}

impl Raw {
    /// Starts recording a member here.
    fn mark(&mut self) {
        match &mut self.used {
            Some(v) => v.clear(),
            None => self.used = Some(Vec::new()),
        }
    }

    /// At least `n` bytes ahead, unless the stream ends first.
    fn ahead(&mut self, n: usize) -> io::Result<&[u8]> {
        while self.front.len() - self.at < n {
            let more = self.inner.fill_buf()?;
            if more.is_empty() {
                break;
            }
            let k = more.len();
            self.front.drain(..self.at);
            self.at = 0;
            self.front.extend_from_slice(more);
            self.inner.consume(k);
        }
        Ok(&self.front[self.at..])
    }
}

impl Read for Raw {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = {
            let b = self.fill_buf()?;
            let n = b.len().min(out.len());
            out[..n].copy_from_slice(&b[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Raw {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.at < self.front.len() {
            return Ok(&self.front[self.at..]);
        }
        self.inner.fill_buf()
    }
    fn consume(&mut self, n: usize) {
        let from_front = self.at < self.front.len();
        if let Some(used) = &mut self.used {
            let taken = if from_front {
                &self.front[self.at..self.at + n]
            } else {
                self.inner
                    .fill_buf()
                    .map(|b| &b[..n.min(b.len())])
                    .unwrap_or(&[])
            };
            if used.len() + taken.len() <= REPLAY_MAX {
                used.extend_from_slice(taken);
            } else {
                self.used = None;
            }
        }
        if from_front {
            self.at += n;
            if self.at == self.front.len() {
                self.front.clear();
                self.at = 0;
            }
        } else {
            self.inner.consume(n);
        }
    }
}

impl Members {
    fn new(raw: Box<dyn BufRead + Send>) -> Members {
        Members {
            dec: None,
            raw: Some(Raw {
                inner: raw,
                front: Vec::new(),
                at: 0,
                used: None,
            }),
            stop_at_end: false,
        }
    }

    /// Starts the member at the raw stream's position, if there is one.
    fn open_next(&mut self) -> bool {
        let Some(mut raw) = self.raw.take() else {
            return false;
        };
        if raw.fill_buf().map_or(true, |b| b.is_empty()) {
            return false;
        }
        raw.mark();
        self.dec = Some(flate2::bufread::GzDecoder::new(raw));
        true
    }

    /// Whether a member was started or can be.
    fn has_more(&mut self) -> bool {
        self.dec.is_some()
            || self
                .raw
                .as_mut()
                .is_some_and(|r| r.fill_buf().is_ok_and(|b| !b.is_empty()))
    }

    /// Drops the member being read and moves the raw stream to the next member's header,
    /// searched from the dropped member's second byte (its bytes put back when recorded,
    /// as a cut member's decoder reads into the next one).
    fn skip_member(&mut self) {
        let Some(mut raw) = self.dec.take().map(|d| d.into_inner()) else {
            return;
        };
        if let Some(used) = raw.used.take()
            && used.len() > 1
        {
            let mut back = used[1..].to_vec();
            back.extend_from_slice(&raw.front[raw.at..]);
            raw.front = back;
            raw.at = 0;
        }
        loop {
            let Ok(b) = raw.ahead(GZIP_MAGIC.len()) else {
                return;
            };
            if b.len() < GZIP_MAGIC.len() {
                return;
            }
            if let Some(i) = memchr::memmem::find(b, &GZIP_MAGIC) {
                raw.consume(i);
                self.raw = Some(raw);
                return;
            }
            // A header may begin in the last bytes seen.
            let keep = GZIP_MAGIC.len() - 1;
            let n = b.len() - keep;
            raw.consume(n);
        }
    }
}

impl Read for Members {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        loop {
            if self.dec.is_none() && (self.stop_at_end || !self.open_next()) {
                return Ok(0);
            }
            let Some(dec) = self.dec.as_mut() else {
                return Ok(0);
            };
            match dec.read(out) {
                Ok(0) => {
                    // This member ended; the next starts where it stopped.
                    self.raw = self.dec.take().map(|d| d.into_inner());
                }
                Ok(n) => return Ok(n),
                Err(e) => {
                    self.skip_member();
                    return Err(e);
                }
            }
        }
    }
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
        let inner = if gz {
            Source::Gzip(Box::new(BufReader::with_capacity(
                256 * 1024,
                Members::new(Box::new(r)),
            )))
        } else {
            Source::Plain(Box::new(r))
        };
        Ok(Reader {
            inner,
            index: 0,
            done: false,
        })
    }

    /// Whether the reader has ended: the file's end, or damage it cannot read past.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Whether the gzip member last read has been closed (ended or dropped).
    fn member_closed(&mut self) -> bool {
        match &mut self.inner {
            Source::Plain(_) => true,
            Source::Gzip(r) => r.buffer().is_empty() && r.get_mut().dec.is_none(),
        }
    }

    /// Whether a failed record can be passed over: in a gzip stream, reading goes on at
    /// the next member; a plain file cannot be resynchronised with confidence.
    fn can_go_on(&mut self, gzip_failed: bool) -> bool {
        match &mut self.inner {
            Source::Plain(_) => false,
            Source::Gzip(r) => {
                // What was inflated of the bad member goes with it.
                let buffered = r.buffer().len();
                r.consume(buffered);
                let members = r.get_mut();
                if !gzip_failed {
                    // The bytes were gzip but not a record: the member is left.
                    members.skip_member();
                }
                members.has_more()
            }
        }
    }

    fn read_line(&mut self, buf: &mut Vec<u8>) -> io::Result<usize> {
        buf.clear();
        // Header lines are short; a runaway line means this is not a WARC.
        let n = self.inner.reader().take(64 * 1024).read_until(b'\n', buf)?;
        Ok(n)
    }

    /// The next record, `None` at the end of the file.
    pub fn next_record(&mut self) -> Option<Result<WarcRecord, WarcError>> {
        if self.done {
            return None;
        }
        let r = self.read_record();
        let stop = match &r {
            // The gzip layer has already moved to the next member.
            Err(WarcError::Io(_)) => !self.can_go_on(true),
            Err(WarcError::Format(_)) => !self.can_go_on(false),
            // A checksum failure has moved on already; extra bytes leave the member open.
            Err(WarcError::Damaged { .. }) => {
                let closed = self.member_closed();
                !self.can_go_on(closed)
            }
            _ => false,
        };
        if stop {
            self.done = true;
        }
        r.transpose()
    }

    fn read_record(&mut self) -> Result<Option<WarcRecord>, WarcError> {
        let mut line = Vec::new();
        let mut gap = 0u64;
        loop {
            let n = self.read_line(&mut line)?;
            if n == 0 {
                self.done = true;
                return Ok(None);
            }
            if !line.iter().all(u8::is_ascii_whitespace) {
                break;
            }
            gap += n as u64;
            if gap > MAX_GAP {
                let place = match self.index {
                    0 => "at the start".to_string(),
                    n => format!("after record {n}"),
                };
                return Err(WarcError::Format(format!(
                    "more than {} MiB of blank lines {place} and no record",
                    MAX_GAP >> 20
                )));
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
            io::copy(&mut self.inner.reader().take(length), &mut io::sink())?;
            return Err(WarcError::TooLarge {
                index: rec.index,
                size: length,
            });
        }
        let mut block = Vec::with_capacity(length as usize);
        self.inner.reader().take(length).read_to_end(&mut block)?;
        if (block.len() as u64) < length {
            return Err(WarcError::Format(format!(
                "record {} is cut short",
                rec.index
            )));
        }
        if let Source::Gzip(r) = &mut self.inner {
            // Past the record's closing line breaks its gzip member should end: reading to
            // that end checks the member's CRC, so a record whose bytes were damaged is
            // not handed on (and the next member's troubles are not charged to it).
            for _ in 0..4 {
                while let Some(b'\r' | b'\n') = r.buffer().first() {
                    r.consume(1);
                }
                let next = r.buffer();
                if !next.is_empty() {
                    // More in the same member must be the next record; anything else is
                    // damage (a Content-Length the inflated bytes do not keep to).
                    let k = next.len().min(5);
                    if next[..k] != b"WARC/"[..k] {
                        return Err(WarcError::Damaged {
                            index: rec.index,
                            why: "bytes that are not a record follow it in its gzip member".into(),
                        });
                    }
                    break;
                }
                r.get_mut().stop_at_end = true;
                let ended = r.fill_buf().map(|b| b.is_empty());
                r.get_mut().stop_at_end = false;
                match ended {
                    Ok(true) => break,
                    Ok(false) => {}
                    Err(e) => {
                        return Err(WarcError::Damaged {
                            index: rec.index,
                            why: e.to_string(),
                        });
                    }
                }
            }
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

    fn page(n: usize) -> Vec<u8> {
        let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>trang {n}</p>");
        record(
            "response",
            &format!("http://x.vn/{n}"),
            http.as_bytes(),
            "application/http; msgtype=response",
        )
    }

    fn uris(bytes: Vec<u8>) -> (Vec<String>, usize) {
        let mut ok = Vec::new();
        let mut errors = 0;
        for r in Reader::new(io::Cursor::new(bytes)).unwrap() {
            match r {
                Ok(r) => ok.push(r.target_uri.unwrap_or_default()),
                Err(_) => errors += 1,
            }
        }
        (ok, errors)
    }

    #[test]
    fn a_corrupt_gzip_member_costs_its_record_only() {
        let members: Vec<Vec<u8>> = (0..6).map(|n| gz(&page(n))).collect();
        // Flipped bytes in the deflate data, a cut member, a broken header, and the first
        // member broken.
        type Damage = fn(&mut Vec<u8>);
        let damages: [(usize, Damage); 4] = [
            (2, |m| {
                let mid = m.len() / 2;
                for b in &mut m[mid - 3..mid + 3] {
                    *b ^= 0x5a;
                }
            }),
            (4, |m| m.truncate(m.len() / 2)),
            (1, |m| m[2] = 0x07),
            (0, |m| {
                let mid = m.len() / 2;
                m[mid] ^= 0xff;
                m[mid + 1] ^= 0xff;
            }),
        ];
        for (bad, damage) in damages {
            let mut bytes = Vec::new();
            for (i, m) in members.iter().enumerate() {
                let mut m = m.clone();
                if i == bad {
                    damage(&mut m);
                }
                bytes.extend_from_slice(&m);
            }
            let (ok, errors) = uris(bytes);
            let want: Vec<String> = (0..6)
                .filter(|&n| n != bad)
                .map(|n| format!("http://x.vn/{n}"))
                .collect();
            assert_eq!(ok, want, "member {bad} damaged");
            assert!(errors >= 1, "member {bad}: the damage is reported");
        }
        // A bad checksum: the record is not trusted, the damage reported.
        let mut bytes = Vec::new();
        for (i, m) in members.iter().enumerate() {
            let mut m = m.clone();
            if i == 3 {
                let at = m.len() - 6;
                m[at] ^= 0xff;
            }
            bytes.extend_from_slice(&m);
        }
        let (ok, errors) = uris(bytes);
        assert_eq!(ok.len(), 5, "{ok:?}");
        assert!(!ok.contains(&"http://x.vn/3".to_string()));
        assert_eq!(errors, 1);
    }

    #[test]
    fn a_member_header_split_across_reads_is_found() {
        // Garbage, then good members, read through a buffer of every small size, so the
        // next header straddles the buffer's end wherever it can.
        let mut bytes = gz(&page(0));
        bytes[12] ^= 0xff;
        bytes[13] ^= 0xff;
        for n in 1..4 {
            bytes.extend_from_slice(&gz(&page(n)));
        }
        // (Two bytes at least: the reader tells gzip by its first two.)
        for cap in 2..=9 {
            let r = Reader::new(io::BufReader::with_capacity(
                cap,
                io::Cursor::new(bytes.clone()),
            ))
            .unwrap();
            let ok: Vec<String> = r
                .filter_map(Result::ok)
                .filter_map(|r| r.target_uri)
                .collect();
            assert_eq!(
                ok,
                ["http://x.vn/1", "http://x.vn/2", "http://x.vn/3"],
                "buffer {cap}"
            );
        }
    }

    #[test]
    fn a_bomb_of_blank_lines_ends_the_file_quickly_and_says_so() {
        // 64 MiB of line breaks inflate from ~64 KiB; the reader gives up after MAX_GAP.
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let nl = vec![b'\n'; 1 << 20];
        for _ in 0..64 {
            e.write_all(&nl).unwrap();
        }
        let bomb = e.finish().unwrap();
        let started = std::time::Instant::now();
        let mut r = Reader::new(io::Cursor::new(bomb)).unwrap();
        match r.next() {
            Some(Err(WarcError::Format(m))) => assert!(m.contains("blank"), "{m}"),
            other => panic!("{other:?}"),
        }
        assert!(r.next().is_none());
        assert!(r.is_done());
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }
}
