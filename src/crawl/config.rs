//! The crawler's settings and their defaults: one place, read by the CLI's flags
//! (`cli/crawl.rs`) and by [`CrawlConfig::default`].

use super::frontier::Kind;
use std::collections::HashMap;
use std::time::Duration;

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
    /// Scopes whose links are followed, besides the seeds' own ([`super::canonical::scope_of`]:
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
