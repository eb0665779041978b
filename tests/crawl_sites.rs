//! The crawler against local sites: robots, sitemaps (index, gzip), RSS, pagination,
//! redirects and loops, errors and retries, Retry-After, timeouts, size cap, non-HTML,
//! windows-1258, tracking parameters, scope, politeness and conditional re-crawls.

mod crawl_support;

use baochi::crawl::frontier::Kind;
use baochi::crawl::{CrawlConfig, Seed, Sink, SinkError, Stats, Summary};
use baochi::data::DataDir;
use baochi::record::Record;
use crawl_support::{Req, Resp, article, serve, warc_records};
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Clone, Default)]
struct MemSink {
    records: Arc<Mutex<BTreeMap<String, Record>>>,
    upserts: Arc<Mutex<u64>>,
    commits: Arc<Mutex<u64>>,
}

impl Sink for MemSink {
    fn upsert(&mut self, rec: &Record) -> Result<(), SinkError> {
        *self.upserts.lock().unwrap() += 1;
        self.records.lock().unwrap().insert(rec.id(), rec.clone());
        Ok(())
    }
    fn commit(&mut self) -> Result<(), SinkError> {
        *self.commits.lock().unwrap() += 1;
        Ok(())
    }
}

impl MemSink {
    fn urls(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .records
            .lock()
            .unwrap()
            .values()
            .filter_map(|r| r.url.clone())
            .collect();
        v.sort();
        v
    }
}

fn test_config(seeds: Vec<Seed>) -> CrawlConfig {
    CrawlConfig {
        seeds,
        delay: Duration::ZERO,
        // Generous for loaded CI machines; the slow page sleeps far longer.
        timeout: Duration::from_millis(1500),
        max_body: 256 * 1024,
        retries: 1,
        backoff: Duration::from_millis(50),
        max_retry_after: Duration::from_secs(5),
        commit_every: Duration::from_millis(100),
        ..CrawlConfig::default()
    }
}

fn run(config: CrawlConfig, data: &DataDir, sink: &MemSink) -> Summary {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(baochi::crawl::crawl(
        config,
        data,
        Box::new(sink.clone()),
        Arc::new(Stats::default()),
        Arc::new(AtomicBool::new(false)),
    ))
    .unwrap()
}

fn gzip(b: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(b).unwrap();
    e.finish().unwrap()
}

/// The news site: every shape of trouble the crawler must handle.
fn news_site(base: Arc<Mutex<String>>, elsewhere: String) -> impl Fn(&Req) -> Resp {
    move |r: &Req| {
        let b = base.lock().unwrap().clone();
        let path = r.target.as_str();
        let art = |n: &str| {
            Resp::html(article(
                &format!("Bài {n}"),
                &format!("Nội dung riêng của bài {n}."),
            ))
            .header("etag", &format!("\"{n}-v1\""))
        };
        match path {
            "/robots.txt" => Resp::bytes(
                200,
                "text/plain",
                b"User-agent: *\nDisallow: /private/\n".to_vec(),
            ),
            "/sitemap_index.xml" => Resp::bytes(
                200,
                "application/xml",
                format!(
                    "<?xml version=\"1.0\"?><sitemapindex><sitemap><loc>{b}/sitemap1.xml.gz</loc></sitemap>\
                     <sitemap><loc>{b}/sitemap2.xml</loc></sitemap></sitemapindex>"
                )
                .into_bytes(),
            ),
            "/sitemap1.xml.gz" => Resp::bytes(
                200,
                "application/x-gzip",
                gzip(
                    format!(
                        "<urlset><url><loc>{b}/bai/a1.html</loc></url><url><loc>{b}/bai/a2.html?utm_source=sitemap&amp;utm_medium=x</loc></url></urlset>"
                    )
                    .as_bytes(),
                ),
            ),
            "/sitemap2.xml" => Resp::bytes(
                200,
                "text/xml",
                format!(
                    "<urlset><url><loc>{b}/bai/a3.html</loc></url><url><loc>{b}/private/secret.html</loc></url><url><loc>{b}/bai/a2.html#comments</loc></url></urlset>"
                )
                .into_bytes(),
            ),
            "/rss.xml" => Resp::bytes(
                200,
                "application/rss+xml",
                format!(
                    "<rss><channel><link>{b}/</link><item><link>{b}/bai/a4.html</link></item>\
                     <item><link>{b}/bai/a1.html?fbclid=XYZ</link></item></channel></rss>"
                )
                .into_bytes(),
            ),
            "/chuyen-muc/xay-dung-dang" => Resp::html(format!(
                "<html><body><a href=\"/bai/a5.html\">5</a><a href=\"/bai/a6.html?utm_campaign=c\">6</a>\
                 <a href=\"/redirect/301\">r</a><a href=\"/loop/a\">l</a><a href=\"/chain/1\">c</a><a href=\"/missing\">m</a>\
                 <a href=\"/flaky\">f</a><a href=\"/busy\">b</a><a href=\"/slow\">s</a><a href=\"/big\">g</a>\
                 <a href=\"/data/report\">d</a><a href=\"/bai/cp1258.html\">c</a>\
                 <a href=\"/private/secret2.html\">p</a><a href=\"{elsewhere}/bai/x.html\">x</a>\
                 <a href=\"/anh/hinh.jpg\">i</a>\
                 <a href=\"/chuyen-muc/xay-dung-dang?page=2\">2</a></body></html>"
            )),
            "/chuyen-muc/xay-dung-dang?page=2" => Resp::html(
                "<html><body><a href=\"/bai/a7.html\">7</a><a href=\"/bai/a5.html\">5</a>\
                 <a rel=\"next\" href=\"/chuyen-muc/xay-dung-dang?page=3\">sau</a></body></html>",
            ),
            "/chuyen-muc/xay-dung-dang?page=3" => {
                Resp::html("<html><body><a href=\"/bai/a8.html\">8</a></body></html>")
            }
            "/redirect/301" => Resp::redirect(301, "/redirect/302"),
            "/redirect/302" => Resp::redirect(302, &format!("{b}/bai/a9.html")),
            p if p.starts_with("/chain/") => {
                let n: u32 = p[7..].parse().unwrap_or(0);
                Resp::redirect(301, &format!("/chain/{}", n + 1))
            }
            "/loop/a" => Resp::redirect(301, "/loop/b"),
            "/loop/b" => Resp::redirect(302, "/loop/a"),
            "/flaky" if r.nth == 0 => Resp::status(500),
            "/flaky" => art("a10"),
            "/busy" if r.nth == 0 => Resp::status(429).header("retry-after", "1"),
            "/busy" => art("a11"),
            "/slow" => {
                let mut s = art("slow");
                s.delay = Duration::from_secs(6);
                s
            }
            "/big" => Resp::html("<p>Đảng</p>".repeat(100_000)),
            "/data/report" => Resp::bytes(200, "application/pdf", b"%PDF-1.4 fake".to_vec()),
            "/bai/cp1258.html" => {
                // "Xây dựng Đảng" in windows-1258: â = 0xE2, ư = 0xFD, dot below = 0xF2
                // (combining), Đ = 0xD0, hook above = 0xD2 (combining).
                let phrase: &[u8] = b"X\xE2y d\xFD\xF2ng \xD0a\xD2ng";
                let mut body = b"<html><head><title>".to_vec();
                body.extend_from_slice(phrase);
                body.extend_from_slice(b"</title></head><body><article><h1>");
                body.extend_from_slice(phrase);
                body.extend_from_slice(b"</h1>");
                for _ in 0..6 {
                    body.extend_from_slice(b"<p>");
                    for _ in 0..8 {
                        body.extend_from_slice(phrase);
                        body.extend_from_slice(b" la nhiem vu then chot. ");
                    }
                    body.extend_from_slice(b"</p>");
                }
                body.extend_from_slice(b"</article></body></html>");
                Resp::bytes(200, "text/html; charset=windows-1258", body)
            }
            p if p.starts_with("/bai/") && p.ends_with(".html") && !p.contains('?') => {
                let n = &p[5..p.len() - 5];
                if r.if_none_match.as_deref() == Some(&format!("\"{n}-v1\"")) {
                    return Resp::status(304);
                }
                art(n)
            }
            _ => Resp::status(404),
        }
    }
}

#[test]
fn crawls_a_site_politely_and_keeps_everything() {
    let elsewhere = serve("127.0.0.2", |_r: &Req| Resp::html(article("Ngoài", "x")));
    let base = Arc::new(Mutex::new(String::new()));
    let site = serve(
        "127.0.0.1",
        news_site(base.clone(), format!("http://{}", elsewhere.addr)),
    );
    *base.lock().unwrap() = format!("http://{}", site.addr);
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::new(dir.path());
    let sink = MemSink::default();
    let seeds = vec![
        Seed {
            url: site.url("/sitemap_index.xml"),
            kind: Kind::Sitemap,
        },
        Seed {
            url: site.url("/rss.xml"),
            kind: Kind::Feed,
        },
        Seed {
            url: site.url("/chuyen-muc/xay-dung-dang"),
            kind: Kind::Listing,
        },
    ];
    let started = std::time::Instant::now();
    let summary = run(test_config(seeds.clone()), &data, &sink);
    assert!(started.elapsed() < Duration::from_secs(20));

    // Every article once, under its canonical URL; nothing else indexed.
    let mut want: Vec<String> = [
        "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "cp1258",
    ]
    .iter()
    .map(|n| site.url(&format!("/bai/{n}.html")))
    .collect();
    want.push(site.url("/busy"));
    want.push(site.url("/flaky"));
    want.sort();
    assert_eq!(sink.urls(), want);

    // windows-1258 decoded and normalised.
    let recs = sink.records.lock().unwrap();
    let cp = recs
        .values()
        .find(|r| r.url.as_deref().is_some_and(|u| u.ends_with("cp1258.html")))
        .unwrap();
    assert!(cp.body.contains("Xây dựng Đảng"), "{}", cp.body);
    drop(recs);

    // Each URL requested once, except the retried ones.
    let reqs = site.requests();
    let mut per: HashMap<&str, usize> = HashMap::new();
    for r in &reqs {
        *per.entry(r.target.as_str()).or_default() += 1;
    }
    for (t, n) in &per {
        let expected = match *t {
            "/flaky" | "/busy" | "/slow" => 2,
            _ => 1,
        };
        assert_eq!(*n, expected, "{t} requested {n} times");
    }
    // Robots obeyed, scope kept, media skipped, tracking variants dropped.
    assert!(!per.keys().any(|t| t.starts_with("/private/")), "{per:?}");
    assert!(!per.contains_key("/anh/hinh.jpg"));
    assert!(
        !per.keys()
            .any(|t| t.contains("utm_") || t.contains("fbclid"))
    );
    assert_eq!(elsewhere.requests().len(), 0);
    // Redirect chain followed, loop ended.
    for t in [
        "/redirect/301",
        "/redirect/302",
        "/loop/a",
        "/loop/b",
        "/bai/a9.html",
    ] {
        assert_eq!(per.get(t), Some(&1), "{t}");
    }
    // A long redirect chain is cut after --max-redirects (5) hops.
    for i in 1..=6 {
        assert_eq!(
            per.get(format!("/chain/{i}").as_str()),
            Some(&1),
            "/chain/{i}"
        );
    }
    assert_eq!(per.get("/chain/7"), None);
    // Pagination followed to page 3.
    assert_eq!(per.get("/chuyen-muc/xay-dung-dang?page=3"), Some(&1));
    // One request at a time to the host, with the tool's name.
    assert_eq!(
        site.max_in_flight.load(std::sync::atomic::Ordering::SeqCst),
        1
    );
    assert!(reqs.iter().all(|r| r.user_agent.starts_with("baochi/")));
    // Retry-After honoured.
    let busy: Vec<_> = reqs.iter().filter(|r| r.target == "/busy").collect();
    assert!(busy[1].at - busy[0].at >= Duration::from_millis(950));

    assert_eq!(summary.indexed, 12);
    assert_eq!(summary.blocked, 2, "{summary:?}");
    // Failed: 404, slow (timeout), big (size cap), the redirect chain. A loop's way back
    // to a seen URL is not a failure.
    assert_eq!(summary.failed, 4, "{summary:?}");
    assert_eq!(summary.queued, 0);

    // The crawl's counts per host, for `coverage`: what was fetched, failed, kept out.
    {
        let f = baochi::crawl::frontier::Frontier::open(&data.crawl_state()).unwrap();
        let stats = f.host_stats().unwrap();
        assert_eq!(stats.len(), 1, "{stats:?}");
        let s = stats[0].1;
        assert_eq!(s.fetched, summary.fetched, "{s:?} {summary:?}");
        assert_eq!(s.failed, summary.failed, "{s:?}");
        assert_eq!(s.not_articles, summary.no_article, "{s:?} {summary:?}");
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64;
        assert!(s.last_crawl > now - 600 && s.last_crawl <= now, "{s:?}");
    }

    // The WARC holds every response (retries included) as gzip-per-record WARC 1.1.
    let records = warc_records(&data.warc_dir());
    let responses: Vec<_> = records
        .iter()
        .filter(|(h, _)| h.contains("WARC-Type: response"))
        .collect();
    let requests = records
        .iter()
        .filter(|(h, _)| h.contains("WARC-Type: request"))
        .count();
    let answered = reqs.iter().filter(|r| r.target != "/slow").count();
    assert_eq!(responses.len(), answered);
    assert_eq!(requests, reqs.len());
    let big = responses
        .iter()
        .find(|(h, _)| h.contains("/big\r\n"))
        .unwrap();
    assert!(big.0.contains("WARC-Truncated: length"));
    let cp = responses
        .iter()
        .find(|(h, _)| h.contains("cp1258.html"))
        .unwrap();
    assert!(
        cp.1.windows(3).any(|w| w == b"\xD0a\xD2"),
        "kept as served, not re-encoded"
    );
    if crawl_support::has_warcio() {
        assert_eq!(
            crawl_support::warcio_responses(&data.warc_dir()),
            responses.len()
        );
    }

    // A second run with nothing new fetches nothing.
    let before = site.requests().len();
    let again = run(test_config(seeds.clone()), &data, &sink);
    assert_eq!(again.fetched, 0, "{again:?}");
    assert_eq!(site.requests().len(), before, "no request at all");

    // --refresh revisits with validators; unchanged pages answer 304 and are not
    // re-indexed.
    let upserts = *sink.upserts.lock().unwrap();
    let mut cfg = test_config(seeds);
    cfg.refresh = true;
    let refreshed = run(cfg, &data, &sink);
    let conditional: Vec<Req> = site.requests()[before..]
        .iter()
        .filter(|r| r.target.starts_with("/bai/a"))
        .cloned()
        .collect();
    assert!(!conditional.is_empty());
    assert!(
        conditional.iter().all(|r| r.if_none_match.is_some()),
        "{conditional:?}"
    );
    assert!(refreshed.not_modified >= 8, "{refreshed:?}");
    assert_eq!(
        *sink.upserts.lock().unwrap() - upserts,
        refreshed.indexed,
        "304s are not re-indexed"
    );
    assert_eq!(sink.urls().len(), 12);
}

#[test]
fn refresh_skips_what_sitemaps_and_feeds_date_before_the_last_visit() {
    // The sitemap dates s1 long ago, s2 long ago then (on the second run) in the future,
    // s3 not at all; the feed dates f1 long ago; l1 is only linked from a listing.
    let changed = Arc::new(Mutex::new(false));
    let base = Arc::new(Mutex::new(String::new()));
    let (c, b) = (changed.clone(), base.clone());
    let site = serve("127.0.0.1", move |r: &Req| {
        let b = b.lock().unwrap().clone();
        let s2 = if *c.lock().unwrap() {
            "2099-01-01"
        } else {
            "2000-01-01"
        };
        match r.target.as_str() {
            "/robots.txt" => Resp::status(404),
            "/sitemap.xml" => Resp::bytes(
                200,
                "application/xml",
                format!(
                    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\
                     <url><loc>{b}/bai/s1.html</loc><lastmod>2000-01-01T00:00:00+07:00</lastmod></url>\
                     <url><loc>{b}/bai/s2.html</loc><lastmod>{s2}</lastmod></url>\
                     <url><loc>{b}/bai/s3.html</loc></url></urlset>"
                )
                .into_bytes(),
            ),
            "/rss.xml" => Resp::bytes(
                200,
                "application/rss+xml",
                format!(
                    "<rss version=\"2.0\"><channel><title>t</title><item><title>f1</title>\
                     <link>{b}/bai/f1.html</link><pubDate>Sat, 01 Jan 2000 00:00:00 +0700</pubDate>\
                     </item></channel></rss>"
                )
                .into_bytes(),
            ),
            "/chuyen-muc/x" => Resp::html(format!(
                "<html><body><a href=\"{b}/bai/l1.html\">l1</a></body></html>"
            )),
            p if p.starts_with("/bai/") => {
                let n = p.trim_start_matches("/bai/").trim_end_matches(".html");
                if r.if_none_match.as_deref() == Some(&format!("\"{n}\"")) {
                    return Resp::status(304);
                }
                Resp::html(article(&format!("Bài {n}"), &format!("Nội dung bài {n}.")))
                    .header("etag", &format!("\"{n}\""))
            }
            _ => Resp::status(404),
        }
    });
    *base.lock().unwrap() = format!("http://{}", site.addr);
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::new(dir.path());
    let sink = MemSink::default();
    let seeds = vec![
        Seed {
            url: site.url("/sitemap.xml"),
            kind: Kind::Sitemap,
        },
        Seed {
            url: site.url("/rss.xml"),
            kind: Kind::Feed,
        },
        Seed {
            url: site.url("/chuyen-muc/x"),
            kind: Kind::Listing,
        },
    ];
    let first = run(test_config(seeds.clone()), &data, &sink);
    let pages = |from: usize| -> Vec<String> {
        let mut v: Vec<String> = site.requests()[from..]
            .iter()
            .map(|r| r.target.clone())
            .filter(|t| t.starts_with("/bai/"))
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        pages(0),
        [
            "/bai/f1.html",
            "/bai/l1.html",
            "/bai/s1.html",
            "/bai/s2.html",
            "/bai/s3.html"
        ],
        "{first:?}"
    );

    *changed.lock().unwrap() = true;
    let before = site.requests().len();
    let mut cfg = test_config(seeds);
    cfg.refresh = true;
    let refreshed = run(cfg, &data, &sink);
    // s1 and f1 are not asked for; s2 changed, s3 and l1 carry no date: asked again.
    assert_eq!(
        pages(before),
        ["/bai/l1.html", "/bai/s2.html", "/bai/s3.html"],
        "{refreshed:?}"
    );
    assert_eq!(refreshed.unchanged, 2, "{refreshed:?}");
    assert_eq!(refreshed.not_modified, 3, "{refreshed:?}");
    assert_eq!(refreshed.queued, 0);
    for t in ["/sitemap.xml", "/rss.xml", "/chuyen-muc/x"] {
        assert_eq!(site.count(t), 2, "{t} is read again on refresh");
    }
}

#[test]
fn crawl_delay_from_robots_wins_over_a_zero_delay() {
    let site = serve("127.0.0.1", |r: &Req| match r.target.as_str() {
        "/robots.txt" => Resp::bytes(
            200,
            "text/plain",
            b"User-agent: baochi\nCrawl-delay: 1\n".to_vec(),
        ),
        "/" => Resp::html("<a href=\"/b1.html\">1</a><a href=\"/b2.html\">2</a>"),
        p => Resp::html(article(p, "x")),
    });
    let dir = tempfile::tempdir().unwrap();
    let sink = MemSink::default();
    run(
        test_config(vec![Seed {
            url: site.url("/"),
            kind: Kind::Page,
        }]),
        &DataDir::new(dir.path()),
        &sink,
    );
    let reqs = site.requests();
    assert_eq!(reqs.len(), 4, "{reqs:?}");
    for w in reqs.windows(2) {
        let gap = w[1].at - w[0].at;
        assert!(gap >= Duration::from_millis(950), "gap {gap:?}");
    }
}

#[test]
fn max_pages_stops_and_the_rest_stays_queued() {
    let site = serve("127.0.0.1", |r: &Req| match r.target.as_str() {
        "/robots.txt" => Resp::status(404),
        "/" => Resp::html(
            (1..=6)
                .map(|i| format!("<a href=\"/bai-{i}.html\">{i}</a>"))
                .collect::<String>(),
        ),
        p => Resp::html(article(p, "x")),
    });
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::new(dir.path());
    let sink = MemSink::default();
    let mut cfg = test_config(vec![Seed {
        url: site.url("/"),
        kind: Kind::Listing,
    }]);
    cfg.max_pages = Some(3);
    let s = run(cfg, &data, &sink);
    assert!(s.stopped);
    assert_eq!(s.fetched, 3);
    assert_eq!(s.queued, 4);
    // Resuming (no seeds) finishes the queue.
    let s = run(test_config(vec![]), &data, &sink);
    assert_eq!(s.fetched, 4);
    assert_eq!(s.queued, 0);
    assert_eq!(sink.urls().len(), 6);
    assert_eq!(site.count("/bai-1.html"), 1);
}

#[test]
fn unreachable_robots_postpones_the_host() {
    let site = serve("127.0.0.1", |r: &Req| match r.target.as_str() {
        "/robots.txt" => Resp::status(503),
        p => Resp::html(article(p, "x")),
    });
    let dir = tempfile::tempdir().unwrap();
    let sink = MemSink::default();
    let mut cfg = test_config(vec![Seed {
        url: site.url("/a.html"),
        kind: Kind::Page,
    }]);
    cfg.retries = 0;
    let s = run(cfg, &DataDir::new(dir.path()), &sink);
    assert_eq!(s.fetched, 0);
    assert_eq!(s.queued, 1);
    assert_eq!(s.postponed_hosts.len(), 1, "{s:?}");
    assert!(site.requests().iter().all(|r| r.target == "/robots.txt"));
}

#[test]
fn hosts_in_parallel_each_at_its_own_pace() {
    let hosts: Vec<_> = (1..=3)
        .map(|h| {
            serve(&format!("127.0.0.{h}"), |r: &Req| match r.target.as_str() {
                "/robots.txt" => Resp::status(404),
                "/" => Resp::html(
                    (1..=3)
                        .map(|i| format!("<a href=\"/bai-{i}.html\">{i}</a>"))
                        .collect::<String>(),
                ),
                p => Resp::html(article(p, "x")),
            })
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let sink = MemSink::default();
    let mut cfg = test_config(
        hosts
            .iter()
            .map(|s| Seed {
                url: s.url("/"),
                kind: Kind::Listing,
            })
            .collect(),
    );
    cfg.delay = Duration::from_millis(300);
    let t0 = std::time::Instant::now();
    let s = run(cfg, &DataDir::new(dir.path()), &sink);
    let took = t0.elapsed();
    assert_eq!(s.indexed, 9);
    for h in &hosts {
        let reqs = h.requests();
        assert_eq!(reqs.len(), 5);
        for w in reqs.windows(2) {
            assert!(w[1].at - w[0].at >= Duration::from_millis(290));
        }
    }
    // 5 requests per host, 4 delays of 0.3 s: 1.2 s per host; one after the other would
    // take 3.6 s.
    assert!(took < Duration::from_millis(3000), "{took:?}");
}

#[test]
fn robots_sitemaps_only_when_asked() {
    let site = Arc::new(Mutex::new(String::new()));
    let b = site.clone();
    let server = serve("127.0.0.1", move |r: &Req| {
        let base = b.lock().unwrap().clone();
        match r.target.as_str() {
            "/robots.txt" => Resp::bytes(
                200,
                "text/plain",
                format!("User-agent: *\nAllow: /\nSitemap: {base}/sm.xml\nSitemap: http://127.0.0.9/x.xml\n")
                    .into_bytes(),
            ),
            "/sm.xml" => Resp::bytes(
                200,
                "application/xml",
                format!("<urlset><url><loc>{base}/bai/s1.html</loc></url></urlset>").into_bytes(),
            ),
            p => Resp::html(article(p, "x")),
        }
    });
    *site.lock().unwrap() = format!("http://{}", server.addr);
    let seeds = vec![Seed {
        url: server.url("/bai/a.html"),
        kind: Kind::Page,
    }];
    let dir = tempfile::tempdir().unwrap();
    let sink = MemSink::default();
    run(test_config(seeds.clone()), &DataDir::new(dir.path()), &sink);
    assert_eq!(server.count("/sm.xml"), 0);
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = test_config(seeds);
    cfg.robots_sitemaps = true;
    let s = run(cfg, &DataDir::new(dir.path()), &sink);
    assert_eq!(server.count("/sm.xml"), 1);
    assert_eq!(server.count("/bai/s1.html"), 1);
    assert_eq!(s.indexed, 2, "{s:?}");
}

#[test]
fn robots_txt_behind_a_redirect_is_obeyed() {
    let server = serve("127.0.0.1", |r: &Req| match r.target.as_str() {
        "/robots.txt" => Resp::redirect(301, "/robots-that-moved.txt"),
        "/robots-that-moved.txt" => Resp::bytes(
            200,
            "text/plain",
            b"User-agent: *\nDisallow: /private/\n".to_vec(),
        ),
        "/" => Resp::html("<a href=\"/private/a.html\">p</a><a href=\"/bai/b.html\">b</a>"),
        p => Resp::html(article(p, "x")),
    });
    let dir = tempfile::tempdir().unwrap();
    let sink = MemSink::default();
    let s = run(
        test_config(vec![Seed {
            url: server.url("/"),
            kind: Kind::Listing,
        }]),
        &DataDir::new(dir.path()),
        &sink,
    );
    assert_eq!(server.count("/robots-that-moved.txt"), 1);
    assert_eq!(server.count("/private/a.html"), 0);
    assert_eq!((s.blocked, s.indexed), (1, 1), "{s:?}");
}

#[test]
fn a_host_found_mid_crawl_starts_without_waiting_for_the_others() {
    let b = serve("127.0.0.4", |r: &Req| match r.target.as_str() {
        "/robots.txt" => Resp::status(404),
        p => Resp::html(article(p, "B")),
    });
    let b_url = b.url("/bai/b.html");
    let b_scope = baochi::crawl::canonical::scope_of(&url::Url::parse(&b_url).expect("url"));
    let a = serve("127.0.0.1", move |r: &Req| match r.target.as_str() {
        "/robots.txt" => Resp::status(404),
        "/" => Resp::html(
            (1..=10)
                .map(|i| format!("<a href=\"/bai-{i}.html\">{i}</a>"))
                .collect::<String>()
                + &format!("<a href=\"{b_url}\">b</a>"),
        ),
        p => Resp::html(article(p, "A")),
    });
    let dir = tempfile::tempdir().unwrap();
    let sink = MemSink::default();
    let mut cfg = test_config(vec![Seed {
        url: a.url("/"),
        kind: Kind::Listing,
    }]);
    cfg.extra_sites = vec![b_scope];
    cfg.delay = Duration::from_millis(400);
    let s = run(cfg, &DataDir::new(dir.path()), &sink);
    assert_eq!(s.indexed, 11);
    let b_at = b.requests().last().unwrap().at;
    let a_last = a.requests().last().unwrap().at;
    assert!(b_at + Duration::from_millis(800) < a_last, "B waited for A");
}

#[test]
fn the_same_host_on_another_port_is_out_of_scope() {
    // Another server on the same machine: neither a link nor a redirect reaches it.
    let other = serve("127.0.0.1", |r: &Req| Resp::html(article(&r.target, "x")));
    let to_other = other.url("/bai/khac.html");
    let via_redirect = other.url("/bai/chuyen.html");
    let site = serve("127.0.0.1", move |r: &Req| match r.target.as_str() {
        "/" => Resp::html(format!(
            "<a href=\"/bai/a1.html\">1</a><a href=\"{to_other}\">2</a><a href=\"/di\">3</a>"
        )),
        "/di" => Resp::redirect(301, &via_redirect),
        p => Resp::html(article(p, "x")),
    });
    let dir = tempfile::tempdir().unwrap();
    let sink = MemSink::default();
    run(
        test_config(vec![Seed {
            url: site.url("/"),
            kind: Kind::Page,
        }]),
        &DataDir::new(dir.path()),
        &sink,
    );
    assert!(site.count("/bai/a1.html") == 1, "{:?}", site.requests());
    assert!(other.requests().is_empty(), "{:?}", other.requests());
}
