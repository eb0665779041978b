//! The storer: one thread that writes every exchange to WARC and fsyncs, then in one
//! frontier transaction marks each URL done and queues what it found, and only then gives
//! the records to the sink, committing the sink on a timer.

use super::analyse::Analysis;
use super::analyse::analyse;
use super::fetch::Exchange;
use super::frontier::{Batch, Finished, Frontier, Pending, State};
use super::hosts::{Msg, ToStorer};
use super::{CrawlError, Sink, Stats, canonical};
use crate::warc::write::{
    self as warc, HTTP_REQUEST, HTTP_RESPONSE, RecordType, WarcWriter, new_record_id,
};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};
use url::Url;

pub(super) struct StorerCtx {
    pub(super) sites: HashSet<String>,
    pub(super) max_depth: u8,
    pub(super) max_listing_pages: u16,
    pub(super) max_redirects: u8,
    pub(super) warc_max_bytes: u64,
    pub(super) commit_every: Duration,
    pub(super) software: String,
}

impl StorerCtx {
    /// Scope is the site and its port: the same host on another port is another server.
    pub(super) fn in_scope(&self, u: &Url) -> bool {
        u.host_str().is_some() && self.sites.contains(&canonical::scope_of(u))
    }
}

#[derive(Default)]
pub(super) struct Stored {
    pub(super) fetched: u64,
    pub(super) indexed: u64,
    pub(super) no_article: u64,
    pub(super) not_modified: u64,
    pub(super) unchanged: u64,
    pub(super) redirects: u64,
    pub(super) failed: u64,
    pub(super) blocked: u64,
    pub(super) warc_file: Option<PathBuf>,
}

/// The storer thread's state between batches: where pages go (the WARC file, the frontier,
/// the sink) and what has been stored but not yet committed.
struct Storer<'a> {
    ctx: StorerCtx,
    frontier: &'a Frontier,
    warc_dir: &'a Path,
    warc: WarcWriter,
    sink: Box<dyn Sink>,
    stats: &'a Stats,
    out: Stored,
    /// URLs whose records the sink holds uncommitted.
    uncommitted: Vec<String>,
}

pub(super) fn storer_loop(
    ctx: StorerCtx,
    frontier: &Frontier,
    warc_dir: &Path,
    sink: Box<dyn Sink>,
    rx: std::sync::mpsc::Receiver<ToStorer>,
    stats: &Stats,
) -> Result<Stored, CrawlError> {
    let warc = open_warc(frontier, warc_dir, &ctx.software)?;
    let out = Stored {
        warc_file: Some(warc.path().to_path_buf()),
        ..Stored::default()
    };
    let mut storer = Storer {
        ctx,
        frontier,
        warc_dir,
        warc,
        sink,
        stats,
        out,
        uncommitted: Vec::new(),
    };
    let mut last_commit = Instant::now();
    let mut result = Ok(());
    while let Ok(first) = rx.recv() {
        let mut msgs = vec![first];
        while msgs.len() < 64 {
            match rx.try_recv() {
                Ok(m) => msgs.push(m),
                Err(_) => break,
            }
        }
        let r = storer.store_batch(&msgs);
        let failed = r.is_err();
        let err_text = r.as_ref().err().map(|e| e.to_string());
        for m in msgs {
            let reply = match &err_text {
                None => Ok(()),
                Some(t) => Err(CrawlError::State(t.clone())),
            };
            let _ = m.done.send(reply);
        }
        if let Err(e) = r {
            result = Err(e);
        }
        if failed {
            break;
        }
        if !storer.uncommitted.is_empty() && last_commit.elapsed() >= storer.ctx.commit_every {
            storer.commit()?;
            last_commit = Instant::now();
        }
    }
    storer.commit()?;
    result.map(|()| storer.out)
}

impl Storer<'_> {
    /// Makes what the sink holds durable, then forgets the pending entries of the frontier.
    fn commit(&mut self) -> Result<(), CrawlError> {
        if self.uncommitted.is_empty() {
            return Ok(());
        }
        self.sink.commit().map_err(CrawlError::Sink)?;
        self.frontier.clear_pending(&self.uncommitted)?;
        self.uncommitted.clear();
        Ok(())
    }
}

pub(super) fn open_warc(
    frontier: &Frontier,
    dir: &Path,
    software: &str,
) -> Result<WarcWriter, CrawlError> {
    let n = frontier.next_warc_number()?;
    let name = format!(
        "baochi-{}-{n:05}.warc.gz",
        chrono::Utc::now().format("%Y%m%d%H%M%S")
    );
    let path = dir.join(&name);
    let io = |e| CrawlError::Io(path.display().to_string(), e);
    let mut w = WarcWriter::append(&path).map_err(io)?;
    w.write_info(
        software,
        &[("robots", "obey"), ("format", "WARC File Format 1.1")],
    )
    .map_err(io)?;
    let len = w.sync().map_err(io)?;
    frontier.commit(&Batch {
        warc: Some((name, len)),
        ..Batch::default()
    })?;
    Ok(w)
}

impl Storer<'_> {
    /// Writes one batch of answers to the WARC file, the frontier and the sink.
    fn store_batch(&mut self, msgs: &[ToStorer]) -> Result<(), CrawlError> {
        let ctx = &self.ctx;
        let (frontier, warc_dir, stats) = (self.frontier, self.warc_dir, self.stats);
        let warc = &mut self.warc;
        let sink = self.sink.as_mut();
        let out = &mut self.out;
        let uncommitted = &mut self.uncommitted;
        if warc.len() > ctx.warc_max_bytes {
            *warc = open_warc(frontier, warc_dir, &ctx.software)?;
            out.warc_file = Some(warc.path().to_path_buf());
        }
        // Parsing and extraction are the CPU work: done in parallel, before any write.
        let analyses: Vec<Option<Analysis>> = msgs
            .par_iter()
            .map(|m| match &m.msg {
                Msg::Extra(..) => None,
                Msg::Url {
                    url,
                    host,
                    entry,
                    exchanges,
                    outcome,
                } => Some(analyse(ctx, url, host, entry, exchanges, outcome)),
            })
            .collect();
        let wpath = warc.path().to_path_buf();
        let io = |e| CrawlError::Io(wpath.display().to_string(), e);
        let file_name = wpath
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut batch = Batch::default();
        let mut records = Vec::new();
        for (m, a) in msgs.iter().zip(analyses) {
            let (exchanges, target) = match &m.msg {
                Msg::Extra(ex, found) => {
                    batch.found.extend(
                        found
                            .iter()
                            .filter(|n| Url::parse(&n.url).is_ok_and(|u| ctx.in_scope(&u)))
                            .cloned(),
                    );
                    (ex, None)
                }
                Msg::Url {
                    url,
                    host,
                    entry,
                    exchanges,
                    ..
                } => (exchanges, Some((url, host, entry))),
            };
            let mut last_offset = None;
            for ex in exchanges {
                if let Some(off) = write_exchange(warc, ex).map_err(io)? {
                    last_offset = Some(off);
                }
            }
            let (Some((url, host, entry)), Some(a)) = (target, a) else {
                continue;
            };
            let Some(state) = a.state else { continue };
            stats.pages.fetch_add(1, Ordering::Relaxed);
            match state {
                State::Failed => {
                    out.failed += 1;
                    stats.errors.fetch_add(1, Ordering::Relaxed);
                }
                State::Blocked => out.blocked += 1,
                _ => {}
            }
            if !exchanges.is_empty() && state != State::Blocked {
                out.fetched += 1;
            }
            out.not_modified += u64::from(a.not_modified);
            out.redirects += u64::from(a.redirect);
            out.no_article += u64::from(a.no_article);
            let (etag, last_modified) = exchanges
                .last()
                .and_then(|e| e.response.as_ref().ok())
                .filter(|r| (200..300).contains(&r.status))
                .map(|r| {
                    (
                        r.header("etag").map(str::to_string),
                        r.header("last-modified").map(str::to_string),
                    )
                })
                .unwrap_or((None, None));
            // The content as of now is known: served (2xx) or confirmed unchanged (304).
            let visited = exchanges
                .last()
                .and_then(|e| e.response.as_ref().ok())
                .filter(|r| state == State::Done && matches!(r.status, 200..=299 | 304))
                .map(|_| chrono::Utc::now().timestamp());
            // The sampling frame of `coverage`: what was fetched, kept out, failed, and when.
            let hs = batch.stats.entry(host.clone()).or_default();
            if !exchanges.is_empty() && state != State::Blocked {
                hs.fetched += 1;
                hs.last_crawl = hs.last_crawl.max(chrono::Utc::now().timestamp());
            }
            hs.not_articles += u64::from(a.no_article);
            hs.failed += u64::from(state == State::Failed);
            batch.finished.push(Finished {
                url: url.clone(),
                host: host.clone(),
                seq: entry.seq,
                state,
                etag,
                last_modified,
                visited,
            });
            batch.found.extend(a.found);
            batch.aliases.extend(a.alias);
            if let (Some(rec), Some(off)) = (a.record, last_offset) {
                batch.pending.push(Pending {
                    url: url.clone(),
                    file: file_name.clone(),
                    offset: off,
                    record_url: a.record_url.clone(),
                });
                records.push((url.clone(), rec));
            }
        }
        let len = warc.sync().map_err(io)?;
        batch.warc = Some((file_name, len));
        let before = batch.finished.len() as u64;
        let committed = frontier.commit(&batch)?;
        let added = committed.added as u64;
        let unchanged = committed.unchanged as u64;
        out.unchanged += unchanged;
        let q = stats.queued.load(Ordering::Relaxed);
        stats.queued.store(
            (q + added).saturating_sub(before + unchanged),
            Ordering::Relaxed,
        );
        for (url, rec) in records {
            sink.upsert(&rec).map_err(CrawlError::Sink)?;
            uncommitted.push(url);
            out.indexed += 1;
            stats.indexed.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    }
}

/// Writes a request record and, when an answer came, its response record; returns the
/// response record's offset.
pub(super) fn write_exchange(w: &mut WarcWriter, ex: &Exchange) -> std::io::Result<Option<u64>> {
    let req_block = warc::http_request_block("GET", &ex.url, &ex.request_headers);
    let request = |fields| warc::Record {
        kind: RecordType::Request,
        id: new_record_id(),
        target_uri: Some(ex.url.as_str()),
        date: ex.date,
        content_type: HTTP_REQUEST,
        fields,
        block: &req_block,
    };
    let Ok(resp) = &ex.response else {
        w.write(&request(vec![]))?;
        return Ok(None);
    };
    let resp_id = new_record_id();
    let block = warc::http_response_block(
        &resp.version,
        resp.status,
        &resp.reason,
        &resp.headers,
        &resp.body,
    );
    let mut fields = Vec::new();
    if let Some(ip) = resp.ip {
        fields.push(("WARC-IP-Address", ip.to_string()));
    }
    if resp.truncated {
        fields.push(("WARC-Truncated", "length".to_string()));
    }
    let off = w.write(&warc::Record {
        kind: RecordType::Response,
        id: resp_id.clone(),
        target_uri: Some(ex.url.as_str()),
        date: ex.date,
        content_type: HTTP_RESPONSE,
        fields,
        block: &block,
    })?;
    w.write(&request(vec![("WARC-Concurrent-To", resp_id)]))?;
    Ok(Some(off))
}
