//! A rebuild from a crawl's WARC files (`baochi index DATA/warc`) gives the index the crawl
//! wrote: the same articles, row for row in every export table. What guards it is one rule
//! shared by both (`baochi::extract::admit`): robots.txt, sitemaps, feeds, error pages,
//! bodies kept truncated over `--max-body` and pages that are not articles stay out of both.

mod crawl_support;

use crawl_support::{Req, Resp, serve};
use std::path::Path;
use std::process::Command;

fn baochi(data: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_baochi"));
    c.arg("--data").arg(data);
    c.env_remove("BAOCHI_DATA");
    c
}

/// An article page of `paras` paragraphs, each naming the page so no two bodies match.
fn story(n: &str, paras: usize) -> String {
    let body: String = (0..paras)
        .map(|i| {
            format!(
                "<p>Đoạn {i} của bài {n}: Đảng bộ huyện {n} đã tổ chức quán triệt Nghị quyết \
                 Trung ương 4 khóa XII tới {i}{n} cán bộ, đảng viên, gắn với việc chấn chỉnh lề \
                 lối làm việc ở cơ sở số {i}.</p>"
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Bài {n}</title></head><body>\
         <nav><a href=\"/\">Trang chủ</a></nav><article><h1>Bài {n}: quán triệt nghị quyết</h1>\
         <p class=\"date\">1{d}/03/2017 08:15</p>{body}</article></body></html>",
        d = n.len() % 10
    )
}

fn gzip(b: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(b).unwrap();
    e.finish().unwrap()
}

fn site(r: &Req) -> Resp {
    match r.target.as_str() {
        // Text enough to pass for an article if it were taken for a page.
        "/robots.txt" => Resp::bytes(
            200,
            "text/plain",
            "# Trang thông tin điện tử của Đảng bộ tỉnh. Các máy tìm kiếm xin giữ nhịp độ \
             vừa phải khi đọc trang, không đọc các thư mục riêng.\n\
             User-agent: *\nDisallow: /rieng/\nSitemap: /sitemap.xml\n"
                .as_bytes()
                .to_vec(),
        ),
        "/" => Resp::html(
            "<html><head><title>Báo Đảng bộ tỉnh</title></head><body><ul>\
             <li><a href=\"/bai/mot.html\">Bài một</a></li><li><a href=\"/bai/hai.html\">Bài hai</a></li>\
             <li><a href=\"/bai/ba.html\">Bài ba</a></li><li><a href=\"/bai/dai.html\">Bài dài</a></li>\
             <li><a href=\"/bai/nen.html\">Bài nén</a></li><li><a href=\"/bai/mat.html\">Mất</a></li>\
             <li><a href=\"/rieng/x.html\">Riêng</a></li></ul></body></html>",
        ),
        "/sitemap.xml" => Resp::bytes(
            200,
            "application/xml",
            b"<urlset><url><loc>/bai/bon.html</loc></url><url><loc>/bai/mot.html</loc></url></urlset>"
                .to_vec(),
        ),
        // Over the crawl's --max-body: kept truncated in WARC, indexed by neither.
        "/bai/dai.html" => Resp::html(story("dai", 400)),
        // Served gzipped though not asked to, with its header.
        "/bai/nen.html" => Resp::bytes(
            200,
            "text/html; charset=utf-8",
            gzip(story("nen", 6).as_bytes()),
        )
        .header("content-encoding", "gzip"),
        p if p.starts_with("/bai/") && p.ends_with(".html") && p != "/bai/mat.html" => {
            Resp::html(story(&p[5..p.len() - 5], 6))
        }
        _ => Resp::status(404),
    }
}

fn export(data: &Path, table: &str) -> String {
    let out = baochi(data)
        .args(["export", "--table", table, "--format", "csv"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "export {table}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_rebuild_from_warc_gives_the_index_the_crawl_wrote() {
    let s = serve("127.0.0.1", site);
    let dir = tempfile::tempdir().unwrap();
    let crawled = dir.path().join("crawled");
    let rebuilt = dir.path().join("rebuilt");
    let out = baochi(&crawled)
        .args([
            "crawl",
            "--delay",
            "0",
            "--timeout",
            "5",
            "--max-body",
            "40000",
        ])
        .args(["--robots-sitemaps", "--commit-every", "0.2"])
        .arg(s.url("/"))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(
        s.count("/robots.txt") == 1 && s.count("/bai/dai.html") == 1,
        "{said}"
    );

    let out = baochi(&rebuilt)
        .arg("index")
        .arg(crawled.join("warc"))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");

    let articles = export(&crawled, "articles");
    let urls: Vec<&str> = articles
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').find(|c| c.starts_with("http")))
        .collect();
    for n in ["mot", "hai", "ba", "bon", "nen"] {
        assert!(
            urls.iter().any(|u| u.ends_with(&format!("/bai/{n}.html"))),
            "{n} missing from {urls:?}"
        );
    }
    assert_eq!(urls.len(), 5, "{articles}");
    for table in ["articles", "documents", "dates", "localities", "statistics"] {
        let (a, b) = (export(&crawled, table), export(&rebuilt, table));
        let only = |x: &str, y: &str| -> Vec<String> {
            x.lines()
                .filter(|l| !y.lines().any(|m| m == *l))
                .map(|l| l.chars().take(120).collect())
                .collect()
        };
        assert!(
            a == b,
            "table {table}: only in the crawl {:?}; only in the rebuild {:?}",
            only(&a, &b),
            only(&b, &a)
        );
    }
}
