//! The hosts' side of a crawl: one task per host takes the host's next URL, obeys its
//! robots.txt, waits out its delay (or a `Retry-After`), fetches with retries, and hands
//! the exchanges to the storer, waiting until they are durable before the next URL.

use super::fetch::{Exchange, Fetcher};
use super::frontier::{Entry, Frontier, Kind, NewUrl};
use super::robots::Robots;
use super::{CrawlConfig, CrawlError, Stats, canonical, politeness};
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use url::Url;

pub(super) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Runs a task per host with queued URLs, at most `concurrency` at once, until the queue is
/// empty, the crawl is stopped or its page budget spent; hosts that get work later (a
/// redirect to `www.`, a link to another source) are picked up as they do. Returns whether
/// it stopped early.
pub(super) async fn run(
    shared: &Arc<Shared>,
    frontier: &Frontier,
    stop: &AtomicBool,
) -> Result<bool, CrawlError> {
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
    Ok(stopped)
}

pub(super) struct HostState {
    pub(super) robots: Option<Arc<Robots>>,
    pub(super) next_at: Instant,
    pub(super) delay: Duration,
    pub(super) postponed: Option<String>,
}

pub(super) struct Shared {
    pub(super) config: CrawlConfig,
    pub(super) frontier: Arc<Frontier>,
    pub(super) fetcher: Fetcher,
    pub(super) tx: Mutex<std::sync::mpsc::Sender<ToStorer>>,
    pub(super) stats: Arc<Stats>,
    pub(super) stop: Arc<AtomicBool>,
    pub(super) hosts: Mutex<HashMap<String, HostState>>,
    /// URLs taken from the queue in this run (for `max_pages`).
    pub(super) budget: AtomicU64,
    pub(super) fatal: Mutex<Option<CrawlError>>,
}

impl Shared {
    pub(super) fn budget_spent(&self) -> bool {
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
pub(super) enum Outcome {
    /// The last exchange is the answer (any status).
    Answer,
    /// No answer after the retries.
    Failed(String),
    /// Disallowed by robots.txt.
    Blocked,
    /// Left queued for the next run.
    Postponed,
}

pub(super) enum Msg {
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

pub(super) struct ToStorer {
    pub(super) msg: Msg,
    pub(super) done: tokio::sync::oneshot::Sender<Result<(), CrawlError>>,
}

pub(super) async fn host_task(host: &str, shared: &Shared) -> Result<(), CrawlError> {
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
        // An address that cannot be fetched is finished like one that was: stored with
        // its outcome, so the frontier moves on.
        let (exchanges, outcome) = match Url::parse(&url) {
            Err(_) => (Vec::new(), Outcome::Failed("unparsable URL".into())),
            Ok(parsed) if !robots.allowed(parsed.as_str()) => {
                tracing::debug!(url, "disallowed by robots.txt");
                (Vec::new(), Outcome::Blocked)
            }
            Ok(parsed) => {
                let (exchanges, outcome) = fetch_with_retries(host, &parsed, &entry, shared).await;
                if matches!(outcome, Outcome::Postponed) {
                    shared.store(Msg::Extra(exchanges, Vec::new())).await?;
                    return Ok(());
                }
                (exchanges, outcome)
            }
        };
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
