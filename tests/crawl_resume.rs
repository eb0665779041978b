//! `baochi crawl` killed with SIGKILL mid-crawl, twice, then resumed: every article is
//! indexed exactly once, nothing kept is fetched again, and the WARC files stay readable.

mod crawl_support;

use crawl_support::{Req, Resp, article, serve, warc_records};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ARTICLES: usize = 120;

fn baochi(data: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_baochi"));
    c.arg("--data").arg(data);
    c.env_remove("BAOCHI_DATA");
    c
}

fn article_requests(reqs: &[Req]) -> usize {
    reqs.iter()
        .filter(|r| r.target.starts_with("/bai/"))
        .count()
}

#[test]
fn killed_twice_then_resumed_loses_and_duplicates_nothing() {
    let site = serve("127.0.0.1", |r: &Req| match r.target.as_str() {
        "/robots.txt" => Resp::status(404),
        "/sitemap.xml" => {
            let locs: String = (0..ARTICLES)
                .map(|i| format!("<url><loc>/bai/{i}.html</loc></url>"))
                .collect();
            Resp::bytes(
                200,
                "application/xml",
                format!("<urlset>{locs}</urlset>").into_bytes(),
            )
        }
        p if p.starts_with("/bai/") => Resp::html(article(
            &format!("Bài {p}"),
            &format!("Đảng bộ xã số {p} kết nạp đảng viên mới."),
        )),
        _ => Resp::status(404),
    });
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let seed = site.url("/sitemap.xml");
    let args = ["crawl", "--delay", "0", "--timeout", "5"];

    for kill_after in [25, 70] {
        let mut child = baochi(&data)
            .args(args)
            .args(["--commit-every", "600"])
            .arg(&seed)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let start = Instant::now();
        while article_requests(&site.requests()) < kill_after {
            assert!(start.elapsed() < Duration::from_secs(30), "crawl too slow");
            if let Some(status) = child.try_wait().unwrap() {
                panic!("crawl ended before the kill: {status}");
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
    }

    // Resume: no seed needed, the queue is in the data directory.
    let out = baochi(&data).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("0 still queued"), "{stderr}");
    // The killed runs never committed the index (`--commit-every 600`): every article they
    // kept came back from WARC.
    assert!(stderr.contains("re-indexed from WARC"), "{stderr}");

    // Each article in the index exactly once.
    let index = baochi::index::Index::open(&data.join("index")).unwrap();
    let mut urls = Vec::new();
    index
        .for_each_record(None, &mut |_, rec| {
            urls.push(rec.url.unwrap_or_default());
            Ok(())
        })
        .unwrap();
    let unique: BTreeSet<&String> = urls.iter().collect();
    assert_eq!(urls.len(), ARTICLES, "records: {}", urls.len());
    assert_eq!(unique.len(), ARTICLES);

    // `baochi index` rebuilds the same index from the WARC files alone.
    let data2 = dir.path().join("data2");
    let out = baochi(&data2)
        .arg("index")
        .arg(data.join("warc"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let index2 = baochi::index::Index::open(&data2.join("index")).unwrap();
    let mut urls2 = BTreeSet::new();
    index2
        .for_each_record(None, &mut |_, rec| {
            urls2.insert(rec.url.unwrap_or_default());
            Ok(())
        })
        .unwrap();
    assert_eq!(urls2, unique.iter().map(|u| u.to_string()).collect());

    // Fetched again only what was in flight at each kill (one host: at most one page).
    let mut per: BTreeMap<String, usize> = BTreeMap::new();
    for r in site.requests() {
        *per.entry(r.target).or_default() += 1;
    }
    let again: Vec<_> = per
        .iter()
        .filter(|(t, n)| t.starts_with("/bai/") && **n > 1)
        .collect();
    assert!(again.len() <= 2, "fetched twice: {again:?}");
    assert!(again.iter().all(|(_, n)| **n == 2), "{again:?}");
    assert_eq!(
        per.iter().filter(|(t, _)| t.starts_with("/bai/")).count(),
        ARTICLES
    );

    // The WARC files read cleanly (killed tails were cut) and hold every article.
    let records = warc_records(&data.join("warc"));
    let kept: BTreeSet<String> = records
        .iter()
        .filter(|(h, b)| h.contains("WARC-Type: response") && b.starts_with(b"HTTP/1.1 200"))
        .filter_map(|(h, _)| crawl_support::field(h, "WARC-Target-URI").map(str::to_string))
        .filter(|u| u.contains("/bai/"))
        .collect();
    assert_eq!(kept.len(), ARTICLES);
    let ours = records
        .iter()
        .filter(|(h, _)| h.contains("WARC-Type: response"))
        .count();
    let mut read_back = 0;
    for e in std::fs::read_dir(data.join("warc")).unwrap() {
        let reader = baochi::warc::read::Reader::open(&e.unwrap().path()).unwrap();
        for rec in reader {
            if rec.unwrap().kind == "response" {
                read_back += 1;
            }
        }
    }
    assert_eq!(read_back, ours);
    if crawl_support::has_warcio() {
        assert_eq!(crawl_support::warcio_responses(&data.join("warc")), ours);
    }
}

#[test]
fn usage_and_input_errors() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = baochi(&data).arg("crawl").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing to crawl"));

    let out = baochi(&data)
        .args(["crawl", "ftp://example.org/x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "baochi: ftp://example.org/x: not an http(s) URL"
    );

    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[[source]]\nname = 'x'\n").unwrap();
    let out = baochi(&data)
        .args(["crawl", "--sources"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("baochi: sources: ") && err.contains("bad.toml"),
        "{err}"
    );
}

#[test]
fn crawls_from_a_sources_file() {
    let listing = |r: &Req| match r.target.as_str() {
        "/robots.txt" => Resp::status(404),
        "/xay-dung-dang" => {
            Resp::html("<a href=\"/bai/1.html\">1</a><a href=\"/bai/2.html\">2</a>")
        }
        "/rss" => Resp::bytes(
            200,
            "application/rss+xml",
            b"<rss><channel><item><link>/bai/3.html</link></item></channel></rss>".to_vec(),
        ),
        p if p.starts_with("/bai/") => Resp::html(article(p, "Đảng bộ tỉnh")),
        _ => Resp::status(404),
    };
    let a = serve("127.0.0.1", listing);
    let b = serve("127.0.0.3", listing);
    let dir = tempfile::tempdir().unwrap();
    let sources = dir.path().join("sources.toml");
    std::fs::write(
        &sources,
        format!(
            "compiled = \"2026-11-23\"\n\
             [[source]]\nname = \"A\"\nbase = \"{}\"\nprovince = \"Nghệ An\"\nlistings = [\"{}\"]\nfeeds = [\"{}\"]\ndelay = 0.0\n\
             [[source]]\nname = \"B\"\nbase = \"{}\"\nlistings = [\"{}\"]\n",
            a.url("/"),
            a.url("/xay-dung-dang"),
            a.url("/rss"),
            b.url("/"),
            b.url("/xay-dung-dang"),
        ),
    )
    .unwrap();
    let data = dir.path().join("data");
    let out = baochi(&data)
        .args(["crawl", "--delay", "0.5", "--sources"])
        .arg(&sources)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("5 articles indexed"), "{err}");
    // Site A asked for no delay; site B keeps the crawl's 0.5 s.
    let gaps = |s: &crawl_support::Server| {
        let r = s.requests();
        r.windows(2).map(|w| w[1].at - w[0].at).min().unwrap()
    };
    assert!(gaps(&b) >= Duration::from_millis(490));
    assert!(gaps(&a) < Duration::from_millis(300), "{:?}", gaps(&a));
}

#[test]
fn ctrl_c_stops_promptly_even_during_a_long_retry_after() {
    let site = serve("127.0.0.1", |r: &Req| match r.target.as_str() {
        "/robots.txt" => Resp::status(404),
        "/" => Resp::html("<a href=\"/bai-1.html\">1</a><a href=\"/bai-2.html\">2</a>"),
        "/bai-2.html" => Resp::status(429).header("retry-after", "120"),
        p => Resp::html(article(p, "Đảng bộ")),
    });
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut child = baochi(&data)
        .args(["crawl", "--delay", "0"])
        .arg(site.url("/"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while site.count("/bai-2.html") == 0 {
        assert!(start.elapsed() < Duration::from_secs(20));
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(300));
    let sent = Instant::now();
    let ok = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
    let status = child.wait().unwrap();
    assert!(
        sent.elapsed() < Duration::from_secs(5),
        "{:?}",
        sent.elapsed()
    );
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert!(status.success(), "{err}");
    assert!(
        err.contains("stopped early") && err.contains("1 still queued"),
        "{err}"
    );
    // What was fetched before the stop is committed to the index.
    let index = baochi::index::Index::open(&data.join("index")).unwrap();
    assert_eq!(index.len(), 1);
}
