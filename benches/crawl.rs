//! Crawler benchmarks, all on loopback:
//!
//! 1. a whole crawl of 20 hosts (127.0.0.1 … 127.0.0.20), zero delay: pages per second
//!    and the crawler's CPU time per page (the sites' own threads left out), WARC, redb
//!    and extraction included, the index left out (a counting sink);
//! 2. a frontier of 1,000,000 URLs in redb: bytes on disk, resident memory added, insert
//!    rate and the cost of taking a host's next URL;
//! 3. criterion micro-benchmarks of link discovery (HTML links, sitemaps, feeds) and URL
//!    canonicalisation.
//!
//! `cargo bench --bench crawl` (set `BAOCHI_BENCH_FRONTIER=100000` for a quicker frontier).

#[path = "../tests/crawl_support/mod.rs"]
mod crawl_support;

use baochi::crawl::frontier::{Batch, Frontier, Kind, NewUrl};
use baochi::crawl::{CrawlConfig, Seed, Sink, SinkError, Stats};
use baochi::data::DataDir;
use crawl_support::{Req, Resp, SERVER_THREAD, serve};
use criterion::Criterion;
use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

const HOSTS: usize = 20;
const PAGES_PER_HOST: usize = 100;

struct CountingSink(Arc<AtomicU64>);

impl Sink for CountingSink {
    fn upsert(&mut self, rec: &baochi::record::Record) -> Result<(), SinkError> {
        black_box(rec);
        self.0.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
    fn commit(&mut self) -> Result<(), SinkError> {
        Ok(())
    }
}

/// A 20 KB article, about the size of a provincial paper's page.
fn page(host: usize, i: usize) -> String {
    let para = "<p>Ban Thường vụ Tỉnh ủy tổ chức hội nghị kiểm điểm tự phê bình và phê bình \
                theo tinh thần Nghị quyết Trung ương 4 (khóa XI), về một số vấn đề cấp bách \
                trong công tác xây dựng Đảng hiện nay; toàn tỉnh có 1.234 tổ chức cơ sở đảng.</p>";
    let nav: String = (0..60)
        .map(|k| format!("<a href=\"/muc/{k}/bai-{k}.html\">Mục {k}</a>"))
        .collect();
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Bài {host}-{i}</title></head>\
         <body><nav>{nav}</nav><article><h1>Bài {host}-{i}</h1>{}</article></body></html>",
        para.repeat(40)
    )
}

/// CPU seconds of this process, and of the sites' server threads.
fn cpu_seconds() -> (f64, f64) {
    let tick = 100.0; // USER_HZ on Linux
    let parse = |stat: &str| -> Option<f64> {
        let after = &stat[stat.rfind(')')? + 2..];
        let f: Vec<&str> = after.split_whitespace().collect();
        let u: f64 = f.get(11)?.parse().ok()?;
        let s: f64 = f.get(12)?.parse().ok()?;
        Some((u + s) / tick)
    };
    let total = std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| parse(&s))
        .unwrap_or(0.0);
    let mut server = 0.0;
    if let Ok(dir) = std::fs::read_dir("/proc/self/task") {
        for t in dir.flatten() {
            let comm = std::fs::read_to_string(t.path().join("comm")).unwrap_or_default();
            if comm.trim() == SERVER_THREAD {
                server += std::fs::read_to_string(t.path().join("stat"))
                    .ok()
                    .and_then(|s| parse(&s))
                    .unwrap_or(0.0);
            }
        }
    }
    (total, server)
}

fn rss_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

fn bench_whole_crawl() {
    let servers: Vec<_> = (1..=HOSTS)
        .map(|h| {
            serve(&format!("127.0.0.{h}"), move |r: &Req| {
                match r.target.as_str() {
                    "/robots.txt" => Resp::status(404),
                    "/sitemap.xml" => {
                        let locs: String = (0..PAGES_PER_HOST)
                            .map(|i| format!("<url><loc>/bai/{i}.html</loc></url>"))
                            .collect();
                        Resp::bytes(
                            200,
                            "application/xml",
                            format!("<urlset>{locs}</urlset>").into_bytes(),
                        )
                    }
                    p => {
                        let i = p.trim_start_matches("/bai/").trim_end_matches(".html");
                        Resp::html(page(h, i.parse().unwrap_or(0)))
                    }
                }
            })
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::new(dir.path());
    let indexed = Arc::new(AtomicU64::new(0));
    let config = CrawlConfig {
        seeds: servers
            .iter()
            .map(|s| Seed {
                url: s.url("/sitemap.xml"),
                kind: Kind::Sitemap,
            })
            .collect(),
        delay: Duration::ZERO,
        concurrency: HOSTS,
        timeout: Duration::from_secs(10),
        ..CrawlConfig::default()
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let (cpu0, srv0) = cpu_seconds();
    let t0 = Instant::now();
    let summary = rt
        .block_on(baochi::crawl::crawl(
            config,
            &data,
            Box::new(CountingSink(indexed.clone())),
            Arc::new(Stats::default()),
            Arc::new(AtomicBool::new(false)),
        ))
        .unwrap();
    let secs = t0.elapsed().as_secs_f64();
    let (cpu1, srv1) = cpu_seconds();
    let pages = (HOSTS * PAGES_PER_HOST) as u64;
    assert_eq!(summary.indexed, pages, "{summary:?}");
    assert_eq!(indexed.load(Ordering::Relaxed), pages);
    assert_eq!(summary.fetched, pages + HOSTS as u64);
    let crawler_cpu = (cpu1 - cpu0) - (srv1 - srv0);
    let warc: u64 = std::fs::read_dir(data.warc_dir())
        .unwrap()
        .flatten()
        .map(|e| e.metadata().map(|m| m.len()).unwrap_or(0))
        .sum();
    println!(
        "crawl/whole: {HOSTS} hosts x {PAGES_PER_HOST} pages (20 KB), zero delay: {pages} pages in {secs:.2} s = {:.0} pages/s; crawler CPU {:.2} ms/page (sites' threads excluded: {:.2} s); WARC {:.1} MB",
        pages as f64 / secs,
        crawler_cpu * 1000.0 / pages as f64,
        srv1 - srv0,
        warc as f64 / 1e6,
    );
}

fn bench_frontier() {
    let n: usize = std::env::var("BAOCHI_BENCH_FRONTIER")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.redb");
    let rss0 = rss_bytes();
    let t0 = Instant::now();
    let mut f = Frontier::open(&path).unwrap();
    let mut added = 0;
    for chunk in (0..n).collect::<Vec<_>>().chunks(20_000) {
        let found = chunk
            .iter()
            .map(|&i| {
                let host = format!("baotinh{}.vn", i % 63);
                NewUrl {
                    url: format!(
                        "https://{host}/chinh-tri/xay-dung-dang/bai-viet-so-{i}-ve-cong-tac-can-bo.html"
                    ),
                    host,
                    kind: Kind::Page,
                    depth: 1,
                    page: 1,
                    redirects: 0,
                    seq: None,
                    modified: None,
                }
            })
            .collect();
        added += f
            .commit(&Batch {
                found,
                ..Batch::default()
            })
            .unwrap()
            .added;
    }
    let insert_secs = t0.elapsed().as_secs_f64();
    assert_eq!(added, n);
    let counts = f.counts().unwrap();
    assert_eq!(counts.queued, n as u64);
    let t1 = Instant::now();
    let mut taken = 0;
    for h in 0..63 {
        if f.next_for_host(&format!("baotinh{h}.vn"))
            .unwrap()
            .is_some()
        {
            taken += 1;
        }
    }
    let next_us = t1.elapsed().as_secs_f64() * 1e6 / 63.0;
    assert_eq!(taken, 63.min(n));
    let rss1 = rss_bytes();
    let disk = Frontier::disk_bytes(&path);
    f.compact().unwrap();
    let compact = Frontier::disk_bytes(&path);
    println!(
        "crawl/frontier: {n} URLs queued over 63 hosts: redb file {:.1} MB ({:.0} bytes/URL; {:.0} after compaction), resident memory +{:.1} MB, insert {:.0} URLs/s, next URL of a host {next_us:.0} µs",
        disk as f64 / 1e6,
        disk as f64 / n as f64,
        compact as f64 / n as f64,
        rss1.saturating_sub(rss0) as f64 / 1e6,
        n as f64 / insert_secs,
    );
}

fn bench_discovery(c: &mut Criterion) {
    let base = url::Url::parse("https://baonghean.vn/chinh-tri/xay-dung-dang").unwrap();
    let listing: String = (0..200)
        .map(|i| {
            format!(
                "<div class=\"item\"><a href=\"/chinh-tri/xay-dung-dang/bai-{i}.html?utm_source=home#c\">Bài {i}</a><p>Tóm tắt {i}</p></div>"
            )
        })
        .collect::<String>()
        + "<a href=\"/chinh-tri/xay-dung-dang?page=2\">2</a>";
    let html = format!("<html><body>{listing}</body></html>");
    let links = baochi::crawl::discover::html_links(html.as_bytes(), Some("text/html"), &base);
    assert_eq!(links.links.len(), 201);
    assert_eq!(links.links.iter().filter(|l| l.pagination).count(), 1);
    c.bench_function("crawl/html_links (201 links, 30 KB)", |b| {
        b.iter(|| {
            baochi::crawl::discover::html_links(
                black_box(html.as_bytes()),
                Some("text/html"),
                &base,
            )
        })
    });
    // The protocol's largest sitemap: 50,000 entries, each with its lastmod.
    let sitemap: String = std::iter::once(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
            .to_string(),
    )
    .chain((0..50_000).map(|i| {
        format!(
            "<url><loc>https://baonghean.vn/chinh-tri/xay-dung-dang/bai-viet-so-{i}.html?a=1&amp;b=2</loc><lastmod>2024-05-01T08:30:00+07:00</lastmod></url>\n"
        )
    }))
    .chain(std::iter::once("</urlset>".to_string()))
    .collect();
    let entries = baochi::crawl::discover::sitemap_entries(sitemap.as_bytes());
    assert_eq!(entries.len(), 50_000);
    assert!(entries.iter().all(|e| e.modified.is_some()));
    let mb = sitemap.len() as f64 / 1e6;
    let mut g = c.benchmark_group("crawl");
    g.sample_size(10);
    g.throughput(criterion::Throughput::Bytes(sitemap.len() as u64));
    g.bench_function(format!("sitemap_entries (50,000 URLs, {mb:.1} MB)"), |b| {
        b.iter(|| baochi::crawl::discover::sitemap_entries(black_box(sitemap.as_bytes())))
    });
    let rss: String = std::iter::once(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Báo</title>".to_string(),
    )
    .chain((0..100).map(|i| {
        format!(
            "<item><title>Bài {i}</title><link>https://baonghean.vn/bai-{i}.html</link><description>Tóm tắt bài {i} về công tác xây dựng Đảng.</description><pubDate>Wed, 01 May 2024 08:30:00 +0700</pubDate></item>"
        )
    }))
    .chain(std::iter::once("</channel></rss>".to_string()))
    .collect();
    assert_eq!(
        baochi::crawl::discover::feed_entries(rss.as_bytes()).len(),
        100
    );
    g.throughput(criterion::Throughput::Bytes(rss.len() as u64));
    g.bench_function("feed_entries (RSS, 100 items)", |b| {
        b.iter(|| baochi::crawl::discover::feed_entries(black_box(rss.as_bytes())))
    });
    g.finish();
    let raw =
        "https://www.baonghean.vn/chinh-tri/bai-viet-123.html?utm_source=fb&id=5&fbclid=x#top";
    let canon = baochi::crawl::canonical::resolve(None, raw).unwrap();
    assert_eq!(
        canon.as_str(),
        "https://www.baonghean.vn/chinh-tri/bai-viet-123.html?id=5"
    );
    c.bench_function("crawl/canonicalize", |b| {
        b.iter(|| baochi::crawl::canonical::resolve(None, black_box(raw)))
    });
}

fn main() {
    bench_whole_crawl();
    bench_frontier();
    let mut c = Criterion::default().configure_from_args();
    bench_discovery(&mut c);
    c.final_summary();
}
