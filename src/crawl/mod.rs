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

pub mod canonical;
pub mod discover;
pub mod fetch;
pub mod frontier;
pub mod politeness;
pub mod robots;
pub mod sources;

use crate::data::DataDir;
use crate::extract::admit::{self, Answer, BodyKind};
use crate::record::Record;
use crate::warc::write::{
    self as warc, HTTP_REQUEST, HTTP_RESPONSE, RecordType, WarcWriter, new_record_id,
};
use fetch::{Exchange, FetchConfig, Fetcher};
use frontier::{Batch, Entry, Finished, Frontier, Kind, LEAF, NewUrl, Pending, State};
use rayon::prelude::*;
use robots::Robots;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
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

/// A start point.
#[derive(Debug, Clone)]
pub struct Seed {
    /// Its URL.
    pub url: String,
    /// What it is.
    pub kind: Kind,
}

/// The crawler's settings.
#[derive(Debug, Clone)]
pub struct CrawlConfig {
    /// Start points.
    pub seeds: Vec<Seed>,
    /// Scopes whose links are followed, besides the seeds' own ([`canonical::scope_of`]:
    /// the site and a non-default port).
    pub extra_sites: Vec<String>,
    /// Per-site delays overriding `delay` (site → delay).
    pub site_delays: HashMap<String, Duration>,
    /// Delay between two requests to one host (robots `Crawl-delay` wins when larger).
    pub delay: Duration,
    /// Whole-request timeout.
    pub timeout: Duration,
    /// Body size cap in bytes.
    pub max_body: u64,
    /// Redirect hops followed from one URL.
    pub max_redirects: u8,
    /// Retries of a transient failure.
    pub retries: u32,
    /// First backoff before a retry (doubled each time).
    pub backoff: Duration,
    /// The longest `Retry-After` waited for; longer postpones the host to the next run.
    pub max_retry_after: Duration,
    /// Link hops followed from a seed.
    pub max_depth: u8,
    /// Listing pages followed per listing (pagination).
    pub max_listing_pages: u16,
    /// Stop after this many URLs fetched in this run.
    pub max_pages: Option<u64>,
    /// Hosts crawled at once.
    pub concurrency: usize,
    /// Revisit fetched pages with conditional requests.
    pub refresh: bool,
    /// Queue the sitemaps that robots.txt lists.
    pub robots_sitemaps: bool,
    /// The `User-Agent`.
    pub user_agent: String,
    /// Start a new WARC file past this size.
    pub warc_max_bytes: u64,
    /// Commit the index at least this often.
    pub commit_every: Duration,
}

/// The default `User-Agent`: names the tool, its version and what it does.
pub fn default_user_agent() -> String {
    format!(
        "baochi/{} (research crawler of Vietnamese provincial news; obeys robots.txt)",
        env!("CARGO_PKG_VERSION")
    )
}

/// The crawler's defaults, in one place: [`CrawlConfig::default`] and the command line's
/// flags both read them.
pub mod defaults {
    /// Seconds between two requests to one host.
    pub const DELAY_SECS: f64 = 1.0;
    /// Seconds before a request is abandoned.
    pub const TIMEOUT_SECS: f64 = 30.0;
    /// Largest body kept, in bytes.
    pub const MAX_BODY: u64 = 10 * 1024 * 1024;
    /// Redirect hops followed from one URL.
    pub const MAX_REDIRECTS: u8 = 5;
    /// Retries of a timeout, network error, 429 or 5xx.
    pub const RETRIES: u32 = 3;
    /// Seconds before the first retry.
    pub const BACKOFF_SECS: f64 = 2.0;
    /// The longest `Retry-After` honoured, in seconds; a server asking for more is given up
    /// on for this run (the page stays queued).
    pub const MAX_RETRY_AFTER_SECS: f64 = 600.0;
    /// Link hops followed from a start point.
    pub const MAX_DEPTH: u8 = 1;
    /// Pages followed per section listing.
    pub const MAX_LISTING_PAGES: u16 = 20;
    /// Hosts crawled at the same time.
    pub const CONCURRENCY: usize = 8;
    /// Seconds between index commits.
    pub const COMMIT_EVERY_SECS: f64 = 5.0;
}

impl Default for CrawlConfig {
    fn default() -> CrawlConfig {
        CrawlConfig {
            seeds: Vec::new(),
            extra_sites: Vec::new(),
            site_delays: HashMap::new(),
            delay: Duration::from_secs_f64(defaults::DELAY_SECS),
            timeout: Duration::from_secs_f64(defaults::TIMEOUT_SECS),
            max_body: defaults::MAX_BODY,
            max_redirects: defaults::MAX_REDIRECTS,
            retries: defaults::RETRIES,
            backoff: Duration::from_secs_f64(defaults::BACKOFF_SECS),
            max_retry_after: Duration::from_secs_f64(defaults::MAX_RETRY_AFTER_SECS),
            max_depth: defaults::MAX_DEPTH,
            max_listing_pages: defaults::MAX_LISTING_PAGES,
            max_pages: None,
            concurrency: defaults::CONCURRENCY,
            refresh: false,
            robots_sitemaps: false,
            user_agent: default_user_agent(),
            warc_max_bytes: 1 << 30,
            commit_every: Duration::from_secs_f64(defaults::COMMIT_EVERY_SECS),
        }
    }
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

    repair_warcs(&frontier, &warc_dir)?;
    summary.recovered = recover_pending(&frontier, &warc_dir, sink.as_mut())?;
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
            .spawn(move || storer_loop(ctx, &frontier, &warc_dir, sink, rx, &stats))
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

    // A task per host with queued URLs, at most `concurrency` running; hosts that get work
    // later (a redirect to `www.`, a link to another source) are picked up as they do.
    let mut stopped = false;
    let sem = Arc::new(tokio::sync::Semaphore::new(
        shared.config.concurrency.max(1),
    ));
    let mut set = tokio::task::JoinSet::new();
    let mut running: HashMap<tokio::task::Id, String> = HashMap::new();
    loop {
        if stop.load(Ordering::Relaxed) || shared.budget_spent() {
            stopped = true;
            break;
        }
        if shared.fatal.lock().map(|f| f.is_some()).unwrap_or(true) {
            break;
        }
        let skip: HashSet<String> = lock(&shared.hosts)
            .iter()
            .filter(|(_, h)| h.postponed.is_some())
            .map(|(k, _)| k.clone())
            .chain(running.values().cloned())
            .collect();
        for host in frontier.hosts_with_work()? {
            if skip.contains(&host) {
                continue;
            }
            let shared = shared.clone();
            let sem = sem.clone();
            let h = host.clone();
            let handle = set.spawn(async move {
                let Ok(_permit) = sem.acquire_owned().await else {
                    return;
                };
                if let Err(e) = host_task(&h, &shared).await
                    && let Ok(mut f) = shared.fatal.lock()
                {
                    f.get_or_insert(e);
                }
            });
            running.insert(handle.id(), host);
        }
        if running.is_empty() {
            break;
        }
        tokio::select! {
            done = set.join_next_with_id() => {
                let id = match done {
                    Some(Ok((id, ()))) => Some(id),
                    Some(Err(e)) => {
                        tracing::error!(error = %e, "host task failed");
                        Some(e.id())
                    }
                    None => None,
                };
                if let Some(id) = id {
                    running.remove(&id);
                }
            }
            () = tokio::time::sleep(Duration::from_millis(500)) => {}
        }
    }
    while set.join_next().await.is_some() {}

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

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

struct HostState {
    robots: Option<Arc<Robots>>,
    next_at: Instant,
    delay: Duration,
    postponed: Option<String>,
}

struct Shared {
    config: CrawlConfig,
    frontier: Arc<Frontier>,
    fetcher: Fetcher,
    tx: Mutex<std::sync::mpsc::Sender<ToStorer>>,
    stats: Arc<Stats>,
    stop: Arc<AtomicBool>,
    hosts: Mutex<HashMap<String, HostState>>,
    /// URLs taken from the queue in this run (for `max_pages`).
    budget: AtomicU64,
    fatal: Mutex<Option<CrawlError>>,
}

impl Shared {
    fn budget_spent(&self) -> bool {
        self.config
            .max_pages
            .is_some_and(|m| self.budget.load(Ordering::Relaxed) >= m)
    }

    /// Hands work to the storer and waits until it is durable.
    async fn store(&self, msg: Msg) -> Result<(), CrawlError> {
        let (done, wait) = tokio::sync::oneshot::channel();
        lock(&self.tx)
            .send(ToStorer { msg, done })
            .map_err(|_| CrawlError::State("storer stopped".into()))?;
        wait.await
            .map_err(|_| CrawlError::State("storer stopped".into()))?
    }

    /// Sleeps until the host may be asked again, then books the next slot. Returns false
    /// when the crawl is being stopped (Ctrl-C): a long `Retry-After` or `Crawl-delay` must
    /// not hold the stop up.
    async fn wait_turn(&self, host: &str, at_least: Option<Duration>) -> bool {
        let (until, delay) = {
            let mut hosts = lock(&self.hosts);
            let Some(h) = hosts.get_mut(host) else {
                return !self.stop.load(Ordering::Relaxed);
            };
            let mut until = h.next_at;
            if let Some(d) = at_least {
                until = until.max(Instant::now() + d);
            }
            (until, h.delay)
        };
        let now = Instant::now();
        if until > now {
            self.stats.waiting_hosts.fetch_add(1, Ordering::Relaxed);
            loop {
                let left = until.saturating_duration_since(Instant::now());
                if left.is_zero() || self.stop.load(Ordering::Relaxed) {
                    break;
                }
                tokio::time::sleep(left.min(Duration::from_millis(200))).await;
            }
            self.stats.waiting_hosts.fetch_sub(1, Ordering::Relaxed);
            self.stats
                .wait_ms
                .fetch_add((Instant::now() - now).as_millis() as u64, Ordering::Relaxed);
        }
        if self.stop.load(Ordering::Relaxed) {
            return false;
        }
        if let Some(h) = lock(&self.hosts).get_mut(host) {
            // Booked now; `request_done` moves it to `delay` after the answer.
            h.next_at = Instant::now() + delay;
        }
        true
    }

    fn request_done(&self, host: &str) {
        if let Some(h) = lock(&self.hosts).get_mut(host) {
            h.next_at = Instant::now() + h.delay;
        }
    }

    fn postpone(&self, host: &str, why: String) {
        tracing::warn!(host, why, "host postponed to the next run");
        if let Some(h) = lock(&self.hosts).get_mut(host) {
            h.postponed = Some(why);
        }
    }
}

/// What a host task ends with for one URL.
enum Outcome {
    /// The last exchange is the answer (any status).
    Answer,
    /// No answer after the retries.
    Failed(String),
    /// Disallowed by robots.txt.
    Blocked,
    /// Left queued for the next run.
    Postponed,
}

enum Msg {
    /// robots.txt and other exchanges that finish no URL, with URLs they lead to.
    Extra(Vec<Exchange>, Vec<NewUrl>),
    /// A URL's exchanges and outcome.
    Url {
        url: String,
        host: String,
        entry: Entry,
        exchanges: Vec<Exchange>,
        outcome: Outcome,
    },
}

struct ToStorer {
    msg: Msg,
    done: tokio::sync::oneshot::Sender<Result<(), CrawlError>>,
}

async fn host_task(host: &str, shared: &Shared) -> Result<(), CrawlError> {
    let robots = match host_robots(host, shared).await? {
        Some(r) => r,
        None => return Ok(()),
    };
    loop {
        if shared.stop.load(Ordering::Relaxed) || shared.budget_spent() {
            return Ok(());
        }
        if lock(&shared.hosts)
            .get(host)
            .is_some_and(|h| h.postponed.is_some())
        {
            return Ok(());
        }
        let frontier = shared.frontier.clone();
        let h = host.to_string();
        let next = tokio::task::spawn_blocking(move || frontier.next_for_host(&h))
            .await
            .map_err(|e| CrawlError::State(e.to_string()))??;
        let Some((url, entry)) = next else {
            return Ok(());
        };
        if shared.budget.fetch_add(1, Ordering::Relaxed)
            >= shared.config.max_pages.unwrap_or(u64::MAX)
        {
            return Ok(());
        }
        let Ok(parsed) = Url::parse(&url) else {
            shared
                .store(Msg::Url {
                    url,
                    host: host.to_string(),
                    entry,
                    exchanges: Vec::new(),
                    outcome: Outcome::Failed("unparsable URL".into()),
                })
                .await?;
            continue;
        };
        if !robots.allowed(parsed.as_str()) {
            tracing::debug!(url, "disallowed by robots.txt");
            shared
                .store(Msg::Url {
                    url,
                    host: host.to_string(),
                    entry,
                    exchanges: Vec::new(),
                    outcome: Outcome::Blocked,
                })
                .await?;
            continue;
        }
        let (exchanges, outcome) = fetch_with_retries(host, &parsed, &entry, shared).await;
        if matches!(outcome, Outcome::Postponed) {
            shared.store(Msg::Extra(exchanges, Vec::new())).await?;
            return Ok(());
        }
        shared
            .store(Msg::Url {
                url,
                host: host.to_string(),
                entry,
                exchanges,
                outcome,
            })
            .await?;
    }
}

/// The host's robots.txt, fetched once per run; `None` when the host is postponed.
async fn host_robots(host: &str, shared: &Shared) -> Result<Option<Arc<Robots>>, CrawlError> {
    let delay = {
        let h = host.rsplit_once(':').map_or(host, |(a, _)| a);
        shared
            .config
            .site_delays
            .get(canonical::site_of(h))
            .copied()
            .unwrap_or(shared.config.delay)
    };
    {
        let mut hosts = lock(&shared.hosts);
        let st = hosts.entry(host.to_string()).or_insert_with(|| HostState {
            robots: None,
            next_at: Instant::now(),
            delay,
            postponed: None,
        });
        if st.postponed.is_some() {
            return Ok(None);
        }
        if let Some(r) = &st.robots {
            return Ok(Some(r.clone()));
        }
    }
    let scheme = match shared.frontier.next_for_host(host)? {
        Some((u, _)) if u.starts_with("https:") => "https",
        _ => "http",
    };
    let Ok(robots_url) = Url::parse(&format!("{scheme}://{host}/robots.txt")) else {
        shared.postpone(host, "bad host".into());
        return Ok(None);
    };
    let mut exchanges = Vec::new();
    let mut robots = None;
    let mut target = robots_url.clone();
    let mut hops = 0;
    let mut attempt = 0;
    // RFC 9309: follow at least five redirects (http → https, bare → www are common);
    // retry server errors a little.
    while attempt <= shared.config.retries.min(2) {
        let backoff = (attempt > 0).then(|| politeness::backoff(shared.config.backoff, attempt));
        if !shared.wait_turn(host, backoff).await {
            break;
        }
        shared.stats.requests.fetch_add(1, Ordering::Relaxed);
        let ex = shared.fetcher.get(&target, None, None).await;
        shared.request_done(host);
        let next = match &ex.response {
            Ok(resp) if (300..400).contains(&resp.status) && hops < 5 => resp
                .header("location")
                .and_then(|l| canonical::resolve(Some(&target), l)),
            _ => None,
        };
        let r = match &ex.response {
            Ok(resp) => Robots::from_response(Some(resp.status), &resp.body, ""),
            Err(f) => Robots::from_response(None, b"", &f.to_string()),
        };
        let transient = match &ex.response {
            Ok(resp) => politeness::is_transient(resp.status),
            Err(_) => true,
        };
        exchanges.push(ex);
        if let Some(n) = next {
            target = n;
            hops += 1;
            continue;
        }
        robots = Some(r);
        if !transient {
            break;
        }
        attempt += 1;
    }
    let found = match &robots {
        Some(r) if shared.config.robots_sitemaps => r
            .sitemaps()
            .iter()
            .filter_map(|u| canonical::resolve(Some(&robots_url), u))
            .map(|u| NewUrl {
                host: canonical::host_key(&u),
                url: u.to_string(),
                kind: Kind::Sitemap,
                depth: 0,
                page: 1,
                redirects: 0,
                seq: None,
                modified: None,
            })
            .collect(),
        _ => Vec::new(),
    };
    shared.store(Msg::Extra(exchanges, found)).await?;
    // No attempt made: the crawl is stopping.
    let Some(robots) = robots else {
        return Ok(None);
    };
    let robots = Arc::new(robots);
    if let Robots::Unreachable(why) = robots.as_ref() {
        shared.postpone(host, why.clone());
        return Ok(None);
    }
    let mut hosts = lock(&shared.hosts);
    if let Some(st) = hosts.get_mut(host) {
        st.delay = politeness::host_delay(st.delay, robots.crawl_delay());
        st.next_at = Instant::now() + st.delay;
        st.robots = Some(robots.clone());
    }
    Ok(Some(robots))
}

async fn fetch_with_retries(
    host: &str,
    url: &Url,
    entry: &Entry,
    shared: &Shared,
) -> (Vec<Exchange>, Outcome) {
    let cfg = &shared.config;
    let mut exchanges = Vec::new();
    let mut extra_wait = None;
    for attempt in 0..=cfg.retries {
        if !shared.wait_turn(host, extra_wait.take()).await {
            return (exchanges, Outcome::Postponed);
        }
        shared.stats.requests.fetch_add(1, Ordering::Relaxed);
        let ex = shared
            .fetcher
            .get(url, entry.etag.as_deref(), entry.last_modified.as_deref())
            .await;
        shared.request_done(host);
        let last = attempt == cfg.retries;
        match &ex.response {
            Ok(resp) => {
                shared
                    .stats
                    .bytes
                    .fetch_add(resp.body.len() as u64, Ordering::Relaxed);
                if !politeness::is_transient(resp.status) {
                    exchanges.push(ex);
                    return (exchanges, Outcome::Answer);
                }
                shared.stats.errors.fetch_add(1, Ordering::Relaxed);
                let asked = resp
                    .header("retry-after")
                    .and_then(|v| politeness::retry_after(v, chrono::Utc::now()));
                tracing::debug!(
                    url = url.as_str(),
                    status = resp.status,
                    ?asked,
                    "transient status"
                );
                if let Some(wait) = asked
                    && matches!(resp.status, 429 | 503)
                {
                    if wait > cfg.max_retry_after {
                        shared.postpone(
                            host,
                            format!("{} asked to wait {}s", resp.status, wait.as_secs()),
                        );
                        exchanges.push(ex);
                        return (exchanges, Outcome::Postponed);
                    }
                    extra_wait = Some(wait);
                } else {
                    extra_wait = Some(politeness::backoff(cfg.backoff, attempt + 1));
                }
                exchanges.push(ex);
                if last {
                    return (exchanges, Outcome::Answer);
                }
            }
            Err(f) => {
                shared.stats.errors.fetch_add(1, Ordering::Relaxed);
                tracing::debug!(url = url.as_str(), error = %f, attempt, "request failed");
                let why = f.to_string();
                exchanges.push(ex);
                if last {
                    return (exchanges, Outcome::Failed(why));
                }
                extra_wait = Some(politeness::backoff(cfg.backoff, attempt + 1));
            }
        }
    }
    (exchanges, Outcome::Failed("no attempt made".into()))
}

struct StorerCtx {
    sites: HashSet<String>,
    max_depth: u8,
    max_listing_pages: u16,
    max_redirects: u8,
    warc_max_bytes: u64,
    commit_every: Duration,
    software: String,
}

impl StorerCtx {
    /// Scope is the site and its port: the same host on another port is another server.
    fn in_scope(&self, u: &Url) -> bool {
        u.host_str().is_some() && self.sites.contains(&canonical::scope_of(u))
    }
}

#[derive(Default)]
struct Stored {
    fetched: u64,
    indexed: u64,
    no_article: u64,
    not_modified: u64,
    unchanged: u64,
    redirects: u64,
    failed: u64,
    blocked: u64,
    warc_file: Option<PathBuf>,
}

/// What the analysis of one URL's final answer decides.
#[derive(Default)]
struct Analysis {
    state: Option<State>,
    found: Vec<NewUrl>,
    alias: Option<String>,
    record: Option<Record>,
    record_url: String,
    not_modified: bool,
    redirect: bool,
    no_article: bool,
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

fn storer_loop(
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

fn open_warc(frontier: &Frontier, dir: &Path, software: &str) -> Result<WarcWriter, CrawlError> {
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
fn write_exchange(w: &mut WarcWriter, ex: &Exchange) -> std::io::Result<Option<u64>> {
    let req_id = new_record_id();
    let req_block = warc::http_request_block("GET", &ex.url, &ex.request_headers);
    let Ok(resp) = &ex.response else {
        w.write(&warc::Record {
            kind: RecordType::Request,
            id: req_id,
            target_uri: Some(ex.url.as_str()),
            date: ex.date,
            content_type: HTTP_REQUEST,
            fields: vec![],
            block: &req_block,
        })?;
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
    w.write(&warc::Record {
        kind: RecordType::Request,
        id: req_id,
        target_uri: Some(ex.url.as_str()),
        date: ex.date,
        content_type: HTTP_REQUEST,
        fields: vec![("WARC-Concurrent-To", resp_id)],
        block: &req_block,
    })?;
    Ok(Some(off))
}

/// Decides what a URL's final answer means: its state, the URLs it leads to, its record.
fn analyse(
    ctx: &StorerCtx,
    url: &str,
    host: &str,
    entry: &Entry,
    exchanges: &[Exchange],
    outcome: &Outcome,
) -> Analysis {
    let mut a = Analysis {
        record_url: url.to_string(),
        ..Analysis::default()
    };
    match outcome {
        Outcome::Postponed => return a,
        Outcome::Blocked => {
            a.state = Some(State::Blocked);
            return a;
        }
        Outcome::Failed(why) => {
            tracing::info!(url, why, "failed");
            a.state = Some(State::Failed);
            return a;
        }
        Outcome::Answer => {}
    }
    let Some(resp) = exchanges.last().and_then(|e| e.response.as_ref().ok()) else {
        a.state = Some(State::Failed);
        return a;
    };
    let Ok(base) = Url::parse(url) else {
        a.state = Some(State::Failed);
        return a;
    };
    tracing::debug!(
        url,
        status = resp.status,
        bytes = resp.body.len(),
        "fetched"
    );
    match resp.status {
        304 => {
            a.state = Some(State::Done);
            a.not_modified = true;
        }
        300..=399 => {
            let target = resp
                .header("location")
                .and_then(|l| canonical::resolve(Some(&base), l));
            a.state = Some(State::Done);
            a.redirect = true;
            match target {
                None => a.state = Some(State::Failed),
                Some(_) if entry.redirects >= ctx.max_redirects => {
                    tracing::info!(url, "too many redirects");
                    a.state = Some(State::Failed);
                }
                Some(t) if ctx.in_scope(&t) => {
                    let th = canonical::host_key(&t);
                    a.found.push(NewUrl {
                        seq: (th == host).then_some(entry.seq),
                        host: th,
                        url: t.to_string(),
                        kind: entry.kind,
                        depth: entry.depth,
                        page: entry.page,
                        redirects: entry.redirects + 1,
                        modified: None,
                    });
                }
                Some(t) => tracing::info!(url, target = t.as_str(), "redirect out of scope"),
            }
        }
        200..=299 if resp.truncated => {
            tracing::info!(url, "body over the size cap");
            a.state = Some(State::Failed);
        }
        200..=299 => {
            a.state = Some(State::Done);
            analyse_body(ctx, &base, host, entry, resp, &mut a);
        }
        _ => a.state = Some(State::Failed),
    }
    a
}

fn analyse_body(
    ctx: &StorerCtx,
    base: &Url,
    host: &str,
    entry: &Entry,
    resp: &fetch::Response,
    a: &mut Analysis,
) {
    let ct = resp.header("content-type");
    let body = admit::inflate_stray_gzip(&resp.body, discover::MAX_SITEMAP_BYTES);
    let kind = admit::sniff(&body, ct);
    let mut add = |u: Url, kind: Kind, depth: u8, page: u16, modified: Option<i64>| {
        if ctx.in_scope(&u) && !discover::is_media(&u) {
            a.found.push(NewUrl {
                host: canonical::host_key(&u),
                url: u.to_string(),
                kind,
                depth,
                page,
                redirects: 0,
                seq: None,
                modified,
            });
        }
    };
    match kind {
        BodyKind::SitemapIndex | BodyKind::Sitemap | BodyKind::Feed => {
            let (listed, child) = match kind {
                BodyKind::SitemapIndex => (discover::sitemap_entries(&body), Kind::Sitemap),
                BodyKind::Sitemap => (discover::sitemap_entries(&body), Kind::Page),
                _ => (discover::feed_entries(&body), Kind::Page),
            };
            for l in listed {
                if let Some(u) = canonical::resolve(Some(base), &l.url) {
                    let depth = if child == Kind::Page {
                        LEAF
                    } else {
                        entry.depth
                    };
                    add(u, child, depth, 1, l.modified);
                }
            }
        }
        BodyKind::Html => {
            let links = discover::html_links(&body, ct, base);
            let follow = entry.depth != LEAF;
            for l in links.links {
                if !follow {
                    break;
                }
                if l.pagination && canonical::host_key(&l.url) == host {
                    // Listings page on; a page seeded by hand may be a listing too.
                    let listing = entry.kind == Kind::Listing || entry.depth == 0;
                    if listing && entry.page < ctx.max_listing_pages {
                        add(l.url, entry.kind, entry.depth, entry.page + 1, None);
                    }
                } else if entry.depth < ctx.max_depth {
                    add(l.url, Kind::Page, entry.depth + 1, 1, None);
                }
            }
            // The page's `rel=canonical` is marked seen so it is not fetched again under
            // that spelling; the record keeps the fetched URL, the WARC-Target-URI, so
            // that `baochi index` re-indexing the WARC gives the same ids.
            if let Some(c) = links.canonical
                && c.as_str() != base.as_str()
                && ctx.in_scope(&c)
            {
                a.alias = Some(c.to_string());
            }
            // Whether the page is extracted and indexed is the shared rule's business
            // (not how the URL was found), so a rebuild from WARC decides the same.
            let answer = Answer {
                url: Some(&a.record_url),
                status: Some(resp.status),
                content_type: ct,
                body: &resp.body,
                truncated: resp.truncated,
            };
            match admit::page_in(&answer)
                .map(|page| crate::extract::from_bytes(&page, Some(&a.record_url), ct))
            {
                Ok(Ok(rec)) => match admit::enters_index(&rec) {
                    Ok(()) => a.record = Some(rec),
                    // A listing is fetched for its links and kept in WARC, not indexed.
                    Err(why) => {
                        tracing::debug!(url = base.as_str(), %why, "not indexed");
                        a.no_article = true
                    }
                },
                Ok(Err(e)) => {
                    tracing::debug!(url = base.as_str(), error = %e, "no article");
                    a.no_article = true;
                }
                Err(why) => {
                    tracing::debug!(url = base.as_str(), %why, "not a page");
                    a.no_article = true;
                }
            }
        }
        BodyKind::Other => {}
    }
}

/// Cuts each WARC file back to its durable length: bytes past it belong to records whose
/// URLs were never marked done, and will be fetched again.
fn repair_warcs(frontier: &Frontier, dir: &Path) -> Result<(), CrawlError> {
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
fn recover_pending(
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
