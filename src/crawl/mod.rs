//! The crawler: fetches pages politely, keeps every response as served (WARC), extracts
//! and indexes the articles, and resumes after any interruption.
//!
//! Input: start points (seed URLs or a [`sources::Sources`] file) and a
//! [`CrawlConfig`]. Output: WARC files in `DataDir::warc_dir()`, the frontier in
//! `DataDir::crawl_state()`, records handed to a [`Sink`] (the index), and a
//! [`Summary`].
//!
//! How it runs: one task per host (at most `concurrency` at once) takes the host's next
//! URL from the [`frontier::Frontier`], obeys robots.txt and waits out the host's delay,
//! fetches (retrying transient failures) and hands the exchanges to one storer thread.
//! The storer writes them to WARC and fsyncs, then in one redb transaction marks the URL
//! done, queues the links found and notes the page as pending for the index; only then
//! does it give the record to the sink. Pending pages are cleared once the sink commits,
//! and a restart re-indexes any still pending from WARC. So a kill at any moment loses
//! nothing and fetches nothing twice that was kept; the index replaces by id, so it never
//! holds an article twice.
//!
//! Where each part lives: `config` (settings and defaults), `hosts` (the scheduler and the
//! per-host tasks: robots, delays, retries), `store` (the storer thread: WARC, frontier
//! transaction, sink), `analyse` (what an answer means: state, links, record), `recover`
//! (WARC tails and pending pages after a kill); beside them the public pieces: `fetch`,
//! `frontier`, `discover` (links, sitemaps, feeds), `canonical`, `robots`, `politeness`,
//! `sources`.

pub mod canonical;
pub mod discover;
pub mod fetch;
pub mod frontier;
pub mod politeness;
pub mod robots;
pub mod sources;

mod analyse;
mod config;
mod hosts;
mod recover;
mod store;

pub use config::{CrawlConfig, Seed, default_user_agent, defaults};

use crate::data::DataDir;
use crate::record::Record;
use fetch::{FetchConfig, Fetcher};
use frontier::{Batch, Frontier, NewUrl};
use hosts::{Shared, ToStorer};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use store::StorerCtx;
use url::Url;

/// What can stop a crawl (a single bad page never does: it is counted and skipped).
#[derive(Debug, thiserror::Error)]
pub enum CrawlError {
    /// A file or folder could not be read or written.
    #[error("{0}: {1}")]
    Io(String, #[source] std::io::Error),
    /// The crawl went wrong inside (a task stopped, a worker is gone).
    #[error("crawl state: {0}")]
    State(String),
    /// The crawl state store (redb) failed.
    #[error("crawl state")]
    Store(#[from] redb::Error),
    /// The crawl state store at a path could not be opened.
    #[error("crawl state {path}")]
    StoreAt {
        /// The store's file.
        path: String,
        /// Why.
        #[source]
        source: redb::Error,
    },
    /// The sources file is wrong.
    #[error("sources: {0}")]
    Sources(String),
    /// A seed is not an http(s) URL.
    #[error("{0}: not an http(s) URL")]
    BadSeed(String),
    /// The HTTP client could not be built.
    #[error("http client")]
    Http(#[source] reqwest::Error),
    /// The index refused a record or a commit.
    #[error("index")]
    Sink(#[source] SinkError),
}

/// What a [`Sink`] reports when it cannot store: its own error, kept whole so the cause
/// chain reaches the user.
pub type SinkError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Where records go: the index, or anything else that stores them durably on `commit`.
pub trait Sink: Send {
    /// Adds or replaces (same [`Record::id`]) one record.
    fn upsert(&mut self, rec: &Record) -> Result<(), SinkError>;
    /// Makes everything upserted so far durable.
    fn commit(&mut self) -> Result<(), SinkError>;
}

/// Live counters, for a progress display.
#[derive(Debug, Default)]
pub struct Stats {
    /// HTTP requests made (robots.txt and retries included).
    pub requests: AtomicU64,
    /// URLs finished (fetched and stored, or given up).
    pub pages: AtomicU64,
    /// Records indexed.
    pub indexed: AtomicU64,
    /// Failed URLs and failed requests.
    pub errors: AtomicU64,
    /// URLs queued (approximate while running).
    pub queued: AtomicU64,
    /// Hosts now waiting for their delay or a `Retry-After`.
    pub waiting_hosts: AtomicU64,
    /// Total time spent waiting on hosts, in milliseconds.
    pub wait_ms: AtomicU64,
    /// Bytes of bodies received.
    pub bytes: AtomicU64,
}

/// What a crawl did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// URLs fetched and stored (any status).
    pub fetched: u64,
    /// Articles handed to the index.
    pub indexed: u64,
    /// HTML pages that are not articles (listings, contact pages, galleries: their links
    /// are followed and they stay in WARC, out of the index).
    pub no_article: u64,
    /// 304 answers to `--refresh`.
    pub not_modified: u64,
    /// Pages `--refresh` did not ask for again: a sitemap or feed dates their last change
    /// before their last visit.
    pub unchanged: u64,
    /// Redirects followed.
    pub redirects: u64,
    /// URLs given up on.
    pub failed: u64,
    /// URLs disallowed by robots.txt.
    pub blocked: u64,
    /// Records re-indexed from WARC at start (an earlier run was interrupted).
    pub recovered: u64,
    /// URLs left in the queue.
    pub queued: u64,
    /// Hosts skipped for this run (robots.txt unreachable, `Retry-After` too long), with why.
    pub postponed_hosts: Vec<(String, String)>,
    /// The WARC file written.
    pub warc_file: Option<PathBuf>,
    /// Whether it stopped early (`--max-pages`, Ctrl-C).
    pub stopped: bool,
}

/// Runs a crawl to the end (or until `stop` is set or `max_pages` reached).
pub async fn crawl(
    config: CrawlConfig,
    data: &DataDir,
    mut sink: Box<dyn Sink>,
    stats: Arc<Stats>,
    stop: Arc<AtomicBool>,
) -> Result<Summary, CrawlError> {
    let warc_dir = data.warc_dir();
    std::fs::create_dir_all(&warc_dir)
        .map_err(|e| CrawlError::Io(warc_dir.display().to_string(), e))?;
    let frontier = Arc::new(Frontier::open(&data.crawl_state())?);
    let mut summary = Summary::default();

    recover::repair_warcs(&frontier, &warc_dir)?;
    summary.recovered = recover::recover_pending(&frontier, &warc_dir, sink.as_mut())?;
    if config.refresh {
        let n = frontier.requeue_done()?;
        tracing::info!(requeued = n, "refresh: known pages queued again");
    }

    let mut sites: HashSet<String> = config.extra_sites.iter().cloned().collect();
    let mut seeds = Vec::new();
    for s in &config.seeds {
        let url = Url::parse(&s.url)
            .ok()
            .and_then(canonical::canonicalize)
            .ok_or_else(|| CrawlError::BadSeed(s.url.clone()))?;
        sites.insert(canonical::scope_of(&url));
        seeds.push(NewUrl {
            host: canonical::host_key(&url),
            url: url.to_string(),
            kind: s.kind,
            depth: 0,
            page: 1,
            redirects: 0,
            seq: None,
            modified: None,
        });
    }
    for h in frontier.hosts_with_work()? {
        sites.insert(canonical::scope_of_key(&h));
    }
    frontier.commit(&Batch {
        found: seeds,
        ..Batch::default()
    })?;
    stats
        .queued
        .store(frontier.counts()?.queued, Ordering::Relaxed);

    let fetcher = Fetcher::new(FetchConfig {
        user_agent: config.user_agent.clone(),
        timeout: config.timeout,
        max_body: config.max_body,
    })?;
    let (tx, rx) = std::sync::mpsc::channel::<ToStorer>();
    let storer = {
        let frontier = frontier.clone();
        let stats = stats.clone();
        let ctx = StorerCtx {
            sites: sites.clone(),
            max_depth: config.max_depth,
            max_listing_pages: config.max_listing_pages,
            max_redirects: config.max_redirects,
            warc_max_bytes: config.warc_max_bytes,
            commit_every: config.commit_every,
            software: config.user_agent.clone(),
        };
        let warc_dir = warc_dir.clone();
        std::thread::Builder::new()
            .name("baochi-storer".into())
            .spawn(move || store::storer_loop(ctx, &frontier, &warc_dir, sink, rx, &stats))
            .map_err(|e| CrawlError::Io("storer thread".into(), e))?
    };

    let shared = Arc::new(Shared {
        config,
        frontier: frontier.clone(),
        fetcher,
        tx: Mutex::new(tx),
        stats: stats.clone(),
        stop: stop.clone(),
        hosts: Mutex::new(HashMap::new()),
        budget: AtomicU64::new(0),
        fatal: Mutex::new(None),
    });

    let stopped = hosts::run(&shared, &frontier, &stop).await?;

    // Closing the channel ends the storer once it has written everything.
    let shared = match Arc::try_unwrap(shared) {
        Ok(s) => s,
        Err(_) => return Err(CrawlError::State("host tasks still running".into())),
    };
    let Shared {
        tx, hosts, fatal, ..
    } = shared;
    drop(tx);
    let stored = storer
        .join()
        .map_err(|_| CrawlError::State("storer thread panicked".into()))??;
    if let Some(e) = fatal.into_inner().ok().flatten() {
        return Err(e);
    }
    summary.fetched = stored.fetched;
    summary.indexed = stored.indexed;
    summary.no_article = stored.no_article;
    summary.not_modified = stored.not_modified;
    summary.unchanged = stored.unchanged;
    summary.redirects = stored.redirects;
    summary.failed = stored.failed;
    summary.blocked = stored.blocked;
    summary.warc_file = stored.warc_file;
    summary.stopped = stopped;
    summary.queued = frontier.counts()?.queued;
    let hosts = hosts.into_inner().unwrap_or_default();
    summary.postponed_hosts = hosts
        .into_iter()
        .filter_map(|(h, s)| s.postponed.map(|why| (h, why)))
        .collect();
    summary.postponed_hosts.sort();
    stats.queued.store(summary.queued, Ordering::Relaxed);
    Ok(summary)
}
