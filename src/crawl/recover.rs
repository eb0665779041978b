//! Recovery after an interruption: WARC tails past their durable length are cut, and
//! pages stored in WARC but not yet committed to the index are re-read and indexed.

use super::frontier::Frontier;
use super::{CrawlError, Sink};
use crate::extract::admit;
use std::path::Path;

/// Cuts each WARC file back to its durable length: bytes past it belong to records whose
/// URLs were never marked done, and will be fetched again.
pub(super) fn repair_warcs(frontier: &Frontier, dir: &Path) -> Result<(), CrawlError> {
    for (name, len) in frontier.warc_files()? {
        let path = dir.join(&name);
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.len() > len {
            tracing::info!(file = %path.display(), from = meta.len(), to = len, "cutting unfinished WARC tail");
            let f = std::fs::OpenOptions::new()
                .write(true)
                .open(&path)
                .map_err(|e| CrawlError::Io(path.display().to_string(), e))?;
            f.set_len(len)
                .and_then(|()| f.sync_all())
                .map_err(|e| CrawlError::Io(path.display().to_string(), e))?;
        }
    }
    Ok(())
}

/// Re-indexes pages an interrupted run stored in WARC but had not committed to the index.
pub(super) fn recover_pending(
    frontier: &Frontier,
    dir: &Path,
    sink: &mut dyn Sink,
) -> Result<u64, CrawlError> {
    let pending = frontier.pending()?;
    if pending.is_empty() {
        return Ok(0);
    }
    let mut done = Vec::new();
    for p in &pending {
        let path = dir.join(&p.file);
        let stored = crate::warc::read::Reader::at(&path, p.offset)
            .and_then(|mut r| r.next_record().transpose())
            .and_then(|r| {
                r.ok_or_else(|| crate::warc::read::WarcError::Format("no record there".into()))
            });
        match stored {
            Ok(rec) => {
                // The rule the crawl applied when it fetched the page, so recovery indexes
                // what the interrupted run would have.
                let extracted = admit::page_in_record(&rec).map(|page| {
                    crate::extract::from_bytes(
                        &page,
                        Some(&p.record_url),
                        rec.content_type.as_deref(),
                    )
                });
                match extracted {
                    Ok(Ok(rec)) if admit::enters_index(&rec).is_ok() => {
                        sink.upsert(&rec).map_err(CrawlError::Sink)?
                    }
                    Ok(Ok(_)) => {}
                    Ok(Err(e)) => {
                        tracing::warn!(url = p.url, error = %e, "recovered page has no article")
                    }
                    Err(why) => tracing::warn!(url = p.url, %why, "recovered answer holds no page"),
                }
            }
            Err(e) => {
                tracing::warn!(file = %path.display(), offset = p.offset, error = %e, "cannot re-read stored page")
            }
        }
        done.push(p.url.clone());
    }
    sink.commit().map_err(CrawlError::Sink)?;
    frontier.clear_pending(&done)?;
    Ok(done.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crawl::fetch::{self, Exchange};
    use crate::crawl::frontier::Batch;
    use crate::crawl::store::{open_warc, write_exchange};
    use url::Url;

    #[test]
    fn a_killed_runs_warc_tail_is_cut_and_stored_pages_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let frontier = Frontier::open(&dir.path().join("c.redb")).unwrap();
        let mut w = open_warc(&frontier, dir.path(), "test").unwrap();
        let url = Url::parse("http://h.vn/bai.html").unwrap();
        let ex = Exchange {
            url: url.clone(),
            date: chrono::Utc::now(),
            request_headers: vec![("user-agent".into(), "t".into())],
            response: Ok(fetch::Response {
                status: 200,
                reason: "OK".into(),
                version: "HTTP/1.1".into(),
                headers: vec![("content-type".into(), b"text/html; charset=utf-8".to_vec())],
                body: "<p>Xây dựng Đảng</p>".as_bytes().to_vec(),
                truncated: false,
                ip: None,
            }),
        };
        let off = write_exchange(&mut w, &ex).unwrap().unwrap();
        let durable = w.sync().unwrap();
        let name = w.path().file_name().unwrap().to_string_lossy().into_owned();
        frontier
            .commit(&Batch {
                warc: Some((name, durable)),
                ..Batch::default()
            })
            .unwrap();
        // A record half written when the process died.
        write_exchange(&mut w, &ex).unwrap();
        w.sync().unwrap();
        let path = w.path().to_path_buf();
        drop(w);
        let f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        let full = f.metadata().unwrap().len();
        f.set_len(full - 7).unwrap();

        repair_warcs(&frontier, dir.path()).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().len(), durable);
        let rec = crate::warc::read::Reader::at(&path, off)
            .unwrap()
            .next_record()
            .unwrap()
            .unwrap();
        assert_eq!(
            rec.content_type.as_deref(),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(rec.payload, "<p>Xây dựng Đảng</p>".as_bytes());
    }
}
