//! Writing WARC 1.1 files: one gzip member per record, so any record can be read alone by
//! seeking to its offset, and standard tools (`warcio`, `zcat`) read the file as a whole.
//!
//! Input: HTTP exchanges as sent and received ([`http_request_block`],
//! [`http_response_block`]). Output: `request`, `response` and `warcinfo` records appended
//! to a `.warc.gz` file; [`WarcWriter::sync`] makes them durable before the crawler marks
//! the page done.

use chrono::{DateTime, SecondsFormat, Utc};
use flate2::Compression;
use flate2::write::GzEncoder;
use std::fs::{File, OpenOptions};
use std::hash::{BuildHasher, Hasher};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The WARC record types the crawler writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordType {
    /// Describes the file and the crawler that wrote it.
    Warcinfo,
    /// An HTTP request as sent.
    Request,
    /// An HTTP response as received (body de-chunked, otherwise byte for byte).
    Response,
}

impl RecordType {
    /// The `WARC-Type` value.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordType::Warcinfo => "warcinfo",
            RecordType::Request => "request",
            RecordType::Response => "response",
        }
    }
}

/// One record to write.
#[derive(Debug, Clone)]
pub struct Record<'a> {
    /// Its type.
    pub kind: RecordType,
    /// `WARC-Record-ID`, as made by [`new_record_id`].
    pub id: String,
    /// `WARC-Target-URI` (absent for `warcinfo`).
    pub target_uri: Option<&'a str>,
    /// `WARC-Date`: when the exchange happened.
    pub date: DateTime<Utc>,
    /// The block's `Content-Type`.
    pub content_type: &'a str,
    /// Further named fields (`WARC-IP-Address`, `WARC-Concurrent-To`, `WARC-Truncated`…).
    pub fields: Vec<(&'static str, String)>,
    /// The record block.
    pub block: &'a [u8],
}

/// The `Content-Type` of a request record.
pub const HTTP_REQUEST: &str = "application/http; msgtype=request";
/// The `Content-Type` of a response record.
pub const HTTP_RESPONSE: &str = "application/http; msgtype=response";

/// Appends gzip-per-record WARC records to one file.
pub struct WarcWriter {
    out: BufWriter<File>,
    path: PathBuf,
    len: u64,
}

impl WarcWriter {
    /// Opens `path` for appending (creating it when absent); new records go after what is
    /// there.
    pub fn append(path: &Path) -> io::Result<WarcWriter> {
        let file = OpenOptions::new().create(true).append(true).open(path)?;
        let len = file.metadata()?.len();
        Ok(WarcWriter {
            out: BufWriter::with_capacity(256 * 1024, file),
            path: path.to_path_buf(),
            len,
        })
    }

    /// The file written to.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file's length once everything written so far is flushed.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether nothing has been written to the file yet.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Writes one record as its own gzip member and returns the offset where it starts.
    pub fn write(&mut self, rec: &Record<'_>) -> io::Result<u64> {
        let offset = self.len;
        let mut head = String::with_capacity(512);
        head.push_str("WARC/1.1\r\n");
        push_field(&mut head, "WARC-Type", rec.kind.as_str());
        push_field(&mut head, "WARC-Record-ID", &rec.id);
        push_field(
            &mut head,
            "WARC-Date",
            &rec.date.to_rfc3339_opts(SecondsFormat::Micros, true),
        );
        if let Some(uri) = rec.target_uri {
            push_field(&mut head, "WARC-Target-URI", uri);
        }
        for (name, value) in &rec.fields {
            push_field(&mut head, name, value);
        }
        push_field(&mut head, "Content-Type", rec.content_type);
        push_field(&mut head, "Content-Length", &rec.block.len().to_string());
        head.push_str("\r\n");

        let mut gz = GzEncoder::new(
            Vec::with_capacity(rec.block.len() / 3 + 512),
            Compression::fast(),
        );
        gz.write_all(head.as_bytes())?;
        gz.write_all(rec.block)?;
        gz.write_all(b"\r\n\r\n")?;
        let member = gz.finish()?;
        self.out.write_all(&member)?;
        self.len += member.len() as u64;
        Ok(offset)
    }

    /// Writes a `warcinfo` record naming the software and its settings.
    pub fn write_info(&mut self, software: &str, fields: &[(&str, &str)]) -> io::Result<u64> {
        let mut block = format!("software: {software}\r\nformat: WARC File Format 1.1\r\n");
        for (k, v) in fields {
            block.push_str(&format!("{k}: {}\r\n", one_line(v)));
        }
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.write(&Record {
            kind: RecordType::Warcinfo,
            id: new_record_id(),
            target_uri: None,
            date: Utc::now(),
            content_type: "application/warc-fields",
            fields: vec![("WARC-Filename", name)],
            block: block.as_bytes(),
        })
    }

    /// Flushes and fsyncs: once this returns, every record written is on disk. Returns the
    /// durable length of the file.
    pub fn sync(&mut self) -> io::Result<u64> {
        self.out.flush()?;
        self.out.get_ref().sync_data()?;
        Ok(self.len)
    }
}

fn push_field(head: &mut String, name: &str, value: &str) {
    head.push_str(name);
    head.push_str(": ");
    head.push_str(&one_line(value));
    head.push_str("\r\n");
}

/// Header values must not break the record's header block.
fn one_line(v: &str) -> String {
    v.replace(['\r', '\n'], " ")
}

/// A fresh `<urn:uuid:…>` (version 4 layout, random bits from the standard library's
/// per-process random keys, a clock and a counter).
pub fn new_record_id() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    let state = std::collections::hash_map::RandomState::new();
    let mut a = state.build_hasher();
    a.write_u64(n);
    a.write_u64(nanos);
    a.write_u32(std::process::id());
    let hi = a.finish();
    let mut b = state.build_hasher();
    b.write_u64(hi);
    b.write_u64(n.rotate_left(17));
    let lo = b.finish();
    let hi = (hi & 0xffff_ffff_ffff_0fff) | 0x0000_0000_0000_4000;
    let lo = (lo & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
    format!(
        "<urn:uuid:{:08x}-{:04x}-{:04x}-{:04x}-{:012x}>",
        hi >> 32,
        (hi >> 16) & 0xffff,
        hi & 0xffff,
        lo >> 48,
        lo & 0xffff_ffff_ffff
    )
}

/// The block of a `request` record: request line and headers as sent (`GET` requests have
/// no body).
pub fn http_request_block(method: &str, url: &url::Url, headers: &[(String, String)]) -> Vec<u8> {
    let mut target = url.path().to_string();
    if let Some(q) = url.query() {
        target.push('?');
        target.push_str(q);
    }
    let mut s = format!("{method} {target} HTTP/1.1\r\n");
    let host = match (url.host_str(), url.port()) {
        (Some(h), Some(p)) => format!("{h}:{p}"),
        (Some(h), None) => h.to_string(),
        _ => String::new(),
    };
    s.push_str(&format!("host: {host}\r\n"));
    for (k, v) in headers {
        s.push_str(&format!("{k}: {}\r\n", one_line(v)));
    }
    s.push_str("\r\n");
    s.into_bytes()
}

/// The block of a `response` record: status line, headers, blank line, body.
///
/// The body is the payload after transfer decoding (the client de-chunks it), so a
/// `Transfer-Encoding` header is kept under `X-Crawler-Transfer-Encoding`, as other
/// crawlers do, so that readers do not try to de-chunk it again.
pub fn http_response_block(
    version: &str,
    status: u16,
    reason: &str,
    headers: &[(String, Vec<u8>)],
    body: &[u8],
) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + 512);
    out.extend_from_slice(format!("{version} {status} {reason}\r\n").as_bytes());
    for (k, v) in headers {
        if k.eq_ignore_ascii_case("transfer-encoding") {
            out.extend_from_slice(b"X-Crawler-Transfer-Encoding");
        } else {
            out.extend_from_slice(k.as_bytes());
        }
        out.extend_from_slice(b": ");
        let v: Vec<u8> = v
            .iter()
            .map(|&b| if b == b'\r' || b == b'\n' { b' ' } else { b })
            .collect();
        out.extend_from_slice(&v);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(body);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::read::GzDecoder;
    use std::io::Read;

    #[test]
    fn each_record_is_its_own_gzip_member() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.warc.gz");
        let mut w = WarcWriter::append(&path).unwrap();
        w.write_info("baochi-test", &[("robots", "obey")]).unwrap();
        let url = url::Url::parse("http://example.org/a?b=1").unwrap();
        let block = http_response_block(
            "HTTP/1.1",
            200,
            "OK",
            &[
                ("content-type".into(), b"text/html".to_vec()),
                ("transfer-encoding".into(), b"chunked".to_vec()),
            ],
            b"<p>xin chao</p>",
        );
        let off = w
            .write(&Record {
                kind: RecordType::Response,
                id: new_record_id(),
                target_uri: Some(url.as_str()),
                date: Utc::now(),
                content_type: HTTP_RESPONSE,
                fields: vec![],
                block: &block,
            })
            .unwrap();
        let len = w.sync().unwrap();
        assert!(off > 0 && len > off);
        assert_eq!(std::fs::metadata(&path).unwrap().len(), len);

        let bytes = std::fs::read(&path).unwrap();
        let mut one = String::new();
        GzDecoder::new(&bytes[off as usize..])
            .read_to_string(&mut one)
            .unwrap();
        assert!(
            one.starts_with("WARC/1.1\r\nWARC-Type: response\r\n"),
            "{one}"
        );
        assert!(one.contains("WARC-Target-URI: http://example.org/a?b=1\r\n"));
        assert!(one.contains(&format!("Content-Length: {}\r\n", block.len())));
        assert!(one.contains("X-Crawler-Transfer-Encoding: chunked\r\n"));
        assert!(one.ends_with("<p>xin chao</p>\r\n\r\n"));
    }

    #[test]
    fn record_ids_are_unique_uuids() {
        let a = new_record_id();
        let b = new_record_id();
        assert_ne!(a, b);
        assert_eq!(a.len(), "<urn:uuid:>".len() + 36);
        assert_eq!(&a[24..25], "4");
    }

    #[test]
    fn request_block_has_target_and_host() {
        let url = url::Url::parse("http://127.0.0.1:8080/x/y?z=1#frag").unwrap();
        let b = http_request_block("GET", &url, &[("user-agent".into(), "baochi".into())]);
        let s = String::from_utf8(b).unwrap();
        assert_eq!(
            s,
            "GET /x/y?z=1 HTTP/1.1\r\nhost: 127.0.0.1:8080\r\nuser-agent: baochi\r\n\r\n"
        );
    }
}
