//! `baochi crawl [--sources FILE] [URL...]`

use anyhow::Context;
use baochi::crawl::frontier::Kind;
use baochi::crawl::sources::Sources;
use baochi::crawl::{CrawlConfig, Seed, Sink, SinkError, Stats, defaults};
use baochi::data::DataDir;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Flags of `baochi crawl`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A sources file (TOML) naming the sites and their start points.
    #[arg(long)]
    pub sources: Option<PathBuf>,
    /// Revisit known pages with conditional requests (ETag / Last-Modified).
    #[arg(long)]
    pub refresh: bool,
    /// Seconds between two requests to one host (robots.txt Crawl-delay wins when larger).
    #[arg(long, default_value_t = defaults::DELAY_SECS, value_name = "SECS")]
    pub delay: f64,
    /// Seconds before a request is abandoned (connect, headers and body).
    #[arg(long, default_value_t = defaults::TIMEOUT_SECS, value_name = "SECS")]
    pub timeout: f64,
    /// Largest body kept, in bytes; larger ones are kept truncated and not extracted.
    #[arg(long, default_value_t = defaults::MAX_BODY, value_name = "BYTES")]
    pub max_body: u64,
    /// Redirect hops followed from one URL.
    #[arg(long, default_value_t = defaults::MAX_REDIRECTS)]
    pub max_redirects: u8,
    /// Retries of a timeout, network error, 429 or 5xx.
    #[arg(long, default_value_t = defaults::RETRIES)]
    pub retries: u32,
    /// Seconds before the first retry (doubled for each further retry).
    #[arg(long, default_value_t = defaults::BACKOFF_SECS, value_name = "SECS")]
    pub backoff: f64,
    /// Longest Retry-After waited for; a host asking for more is left for the next run.
    #[arg(long, default_value_t = defaults::MAX_RETRY_AFTER_SECS, value_name = "SECS")]
    pub max_retry_after: f64,
    /// Link hops followed from a start point (sitemap and feed entries are never followed).
    #[arg(long, default_value_t = defaults::MAX_DEPTH)]
    pub depth: u8,
    /// Pages followed per section listing.
    #[arg(long, default_value_t = defaults::MAX_LISTING_PAGES)]
    pub max_listing_pages: u16,
    /// Stop after this many URLs in this run (the rest stays queued).
    #[arg(long)]
    pub max_pages: Option<u64>,
    /// Hosts crawled at the same time (still one request per host at a time).
    #[arg(long, default_value_t = defaults::CONCURRENCY)]
    pub concurrency: usize,
    /// Seconds between index commits.
    #[arg(long, default_value_t = defaults::COMMIT_EVERY_SECS, value_name = "SECS")]
    pub commit_every: f64,
    /// Also crawl the sitemaps each site's robots.txt lists (can be very many pages).
    #[arg(long)]
    pub robots_sitemaps: bool,
    /// Appended to the User-Agent so site owners can reach you (an email or URL).
    #[arg(long)]
    pub contact: Option<String>,
    /// Seed URLs (crawled within their hosts).
    pub urls: Vec<String>,
}

/// `eprintln!` that ignores a closed stderr: the crawl's work is done and durable by then.
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($t)*);
    }};
}

struct IndexSink {
    _index: baochi::index::Index,
    writer: baochi::index::IndexWriter,
}

impl Sink for IndexSink {
    fn upsert(&mut self, rec: &baochi::record::Record) -> Result<(), SinkError> {
        self.writer.upsert(rec)?;
        Ok(())
    }
    fn commit(&mut self) -> Result<(), SinkError> {
        self.writer.commit()?;
        Ok(())
    }
}

fn secs(name: &str, v: f64) -> anyhow::Result<Duration> {
    Duration::try_from_secs_f64(v)
        .map_err(|_| anyhow::anyhow!("--{name} {v}: not a number of seconds"))
}

/// The crawler's configuration from the flags (their defaults are `crawl::defaults`).
fn config_of(args: &Args) -> anyhow::Result<CrawlConfig> {
    Ok(CrawlConfig {
        delay: secs("delay", args.delay)?,
        timeout: secs("timeout", args.timeout)?,
        max_body: args.max_body,
        max_redirects: args.max_redirects,
        retries: args.retries,
        backoff: secs("backoff", args.backoff)?,
        max_retry_after: secs("max-retry-after", args.max_retry_after)?,
        max_depth: args.depth,
        max_listing_pages: args.max_listing_pages.max(1),
        max_pages: args.max_pages,
        concurrency: args.concurrency.max(1),
        refresh: args.refresh,
        robots_sitemaps: args.robots_sitemaps,
        commit_every: secs("commit-every", args.commit_every)?,
        ..CrawlConfig::default()
    })
}

pub fn run(args: Args, data: &DataDir) -> anyhow::Result<ExitCode> {
    let mut config = config_of(&args)?;
    if let Some(c) = &args.contact {
        config.user_agent = format!(
            "{}; +{})",
            config.user_agent.trim_end_matches(')'),
            c.replace(['(', ')'], "")
        );
    }
    if let Some(path) = &args.sources {
        let sources = Sources::load(path)?;
        for (url, kind) in sources.start_points() {
            config.seeds.push(Seed { url, kind });
        }
        for s in &sources.sources {
            let Ok(u) = url::Url::parse(&s.base) else {
                continue;
            };
            let site = baochi::crawl::canonical::site_of(u.host_str().unwrap_or("")).to_string();
            if let Some(d) = s.delay {
                config.site_delays.insert(site, secs("delay", d)?);
            }
            config
                .extra_sites
                .push(baochi::crawl::canonical::scope_of(&u));
        }
    }
    for u in &args.urls {
        let ok = url::Url::parse(u)
            .ok()
            .filter(|p| matches!(p.scheme(), "http" | "https") && p.host_str().is_some());
        if ok.is_none() {
            anyhow::bail!("{u}: not an http(s) URL");
        }
        config.seeds.push(Seed {
            url: u.clone(),
            kind: Kind::Page,
        });
    }
    if config.seeds.is_empty() && !data.crawl_state().exists() {
        say!("baochi: crawl: nothing to crawl: give seed URLs or --sources FILE");
        return Ok(ExitCode::from(crate::cli::EXIT_USAGE));
    }

    let index = baochi::index::Index::create_or_open(&data.index_dir())
        .with_context(|| data.index_dir().display().to_string())?;
    let writer = index.writer()?;
    let sink = Box::new(IndexSink {
        _index: index,
        writer,
    });

    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let stats = Arc::new(Stats::default());
    let stop = Arc::new(AtomicBool::new(false));
    let summary = rt.block_on(async {
        let s = stop.clone();
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                s.store(true, Ordering::Relaxed);
            }
        });
        let bar = progress(stats.clone());
        let r = baochi::crawl::crawl(config, data, sink, stats.clone(), stop.clone()).await;
        bar.finish_and_clear();
        r
    })?;

    let mut line = format!(
        "crawl: {} URLs fetched, {} articles indexed, {} not articles (kept in WARC, links followed), {} not modified, {} redirects, {} failed, {} blocked by robots.txt, {} still queued",
        summary.fetched,
        summary.indexed,
        summary.no_article,
        summary.not_modified,
        summary.redirects,
        summary.failed,
        summary.blocked,
        summary.queued
    );
    if summary.unchanged > 0 {
        line.push_str(&format!(
            ", {} not asked again (their sitemap or feed dates the last change before the last visit)",
            summary.unchanged
        ));
    }
    if summary.recovered > 0 {
        line.push_str(&format!(
            ", {} re-indexed from WARC after an interruption",
            summary.recovered
        ));
    }
    if summary.stopped {
        line.push_str(" (stopped early: run `baochi crawl` again to resume)");
    }
    say!("{line}");
    for (host, why) in &summary.postponed_hosts {
        say!("baochi: {host}: postponed to the next run: {why}");
    }
    if let Some(w) = &summary.warc_file {
        say!("crawl: responses kept in {}", w.display());
    }
    Ok(ExitCode::from(crate::cli::EXIT_OK))
}

/// A progress line on a terminal, nothing otherwise; redrawn from the crawl's counters.
fn progress(stats: Arc<Stats>) -> ProgressHandle {
    if !std::io::stderr().is_terminal() {
        return ProgressHandle(None);
    }
    let bar = indicatif::ProgressBar::new_spinner();
    if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {elapsed} {msg}") {
        bar.set_style(style);
    }
    let b = bar.clone();
    let start = std::time::Instant::now();
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_millis(250)).await;
            if b.is_finished() {
                break;
            }
            let pages = stats.pages.load(Ordering::Relaxed);
            let rate = pages as f64 / start.elapsed().as_secs_f64().max(0.001);
            b.set_message(format!(
                "{pages} pages ({rate:.1}/s), {} indexed, {} queued, {} errors, {} hosts waiting ({:.0}s waited)",
                stats.indexed.load(Ordering::Relaxed),
                stats.queued.load(Ordering::Relaxed),
                stats.errors.load(Ordering::Relaxed),
                stats.waiting_hosts.load(Ordering::Relaxed),
                stats.wait_ms.load(Ordering::Relaxed) as f64 / 1000.0,
            ));
            b.tick();
        }
    });
    ProgressHandle(Some(bar))
}

struct ProgressHandle(Option<indicatif::ProgressBar>);

impl ProgressHandle {
    fn finish_and_clear(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(clap::Parser)]
    struct Line {
        #[command(flatten)]
        args: Args,
    }

    #[test]
    fn the_flags_defaults_are_the_crawlers() {
        let line = Line::try_parse_from(["crawl", "https://baothanhhoa.vn/"]).expect("flags");
        let c = config_of(&line.args).expect("config");
        let d = CrawlConfig::default();
        assert_eq!(
            (
                c.delay,
                c.timeout,
                c.backoff,
                c.max_retry_after,
                c.commit_every
            ),
            (
                d.delay,
                d.timeout,
                d.backoff,
                d.max_retry_after,
                d.commit_every
            )
        );
        assert_eq!(
            (c.max_body, c.max_redirects, c.retries, c.max_depth),
            (d.max_body, d.max_redirects, d.retries, d.max_depth)
        );
        assert_eq!(
            (c.max_listing_pages, c.concurrency),
            (d.max_listing_pages, d.concurrency)
        );
        // A flag given wins; a negative number of seconds is refused naming its flag.
        let line = Line::try_parse_from(["crawl", "--delay", "2.5", "x"]).expect("flags");
        assert_eq!(
            config_of(&line.args).map(|c| c.delay).ok(),
            Some(Duration::from_millis(2500))
        );
        let line = Line::try_parse_from(["crawl", "--timeout=-1", "x"]).expect("flags");
        let e = config_of(&line.args)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("--timeout"), "{e}");
    }
}
