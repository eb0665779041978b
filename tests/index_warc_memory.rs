//! `baochi index` on a crawl's WARC file streams its records into the index: memory does not
//! follow the file. Rebuilding from `DATA/warc` (1 GiB files) depends on it.

use std::io::Write;
use std::path::Path;
use std::process::Command;

const SYLLABLES: &[&str] = &[
    "công",
    "tác",
    "xây",
    "dựng",
    "đảng",
    "chính",
    "quyền",
    "cán",
    "bộ",
    "đảng",
    "viên",
    "nghị",
    "quyết",
    "trung",
    "ương",
    "huyện",
    "xã",
    "tỉnh",
    "kiểm",
    "tra",
    "giám",
    "sát",
    "học",
    "tập",
    "làm",
    "theo",
    "phát",
    "triển",
    "kinh",
    "tế",
    "văn",
    "hóa",
    "nhân",
    "dân",
    "chi",
    "bộ",
    "sinh",
    "hoạt",
    "đổi",
    "mới",
    "nâng",
    "cao",
    "chất",
    "lượng",
    "tổ",
    "chức",
    "thực",
    "hiện",
    "kết",
    "quả",
    "hội",
    "nghị",
    "triển",
    "khai",
    "nhiệm",
    "vụ",
    "giải",
    "pháp",
    "lãnh",
    "đạo",
    "chỉ",
    "đạo",
    "điều",
    "hành",
    "mặt",
    "trận",
    "đoàn",
    "thể",
    "thanh",
    "niên",
    "phụ",
    "nữ",
    "nông",
    "thôn",
    "đô",
    "thị",
    "quốc",
    "phòng",
    "an",
    "ninh",
    "biên",
    "giới",
    "miền",
    "núi",
    "đồng",
    "bào",
    "dân",
    "tộc",
    "giáo",
    "dục",
    "y",
    "tế",
    "môi",
    "trường",
];

/// An article page whose text no other page of the file shares.
fn page(i: u64) -> String {
    let mut x = i
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    let mut body = String::new();
    for p in 0..5 {
        body.push_str("<p>");
        for w in 0..400 {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let s = SYLLABLES[(x >> 33) as usize % SYLLABLES.len()];
            if w == 0 {
                let mut c = s.chars();
                let first: String = c
                    .next()
                    .map(|f| f.to_uppercase().collect())
                    .unwrap_or_default();
                body.push_str(&first);
                body.push_str(c.as_str());
            } else {
                body.push(' ');
                body.push_str(s);
            }
        }
        body.push_str(&format!(" số {i}-{p}.</p>\n"));
    }
    format!(
        "<!doctype html><html><head><title>Bài số {i}</title>\
         <meta property=\"article:published_time\" content=\"2019-05-{:02}T08:00:00+07:00\">\
         </head><body><article><h1>Bài số {i}</h1>{body}</article></body></html>",
        1 + i % 28
    )
}

fn warc(path: &Path, n: u64) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).expect("warc"));
    for i in 0..n {
        let html = page(i);
        let mut http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
            html.len()
        )
        .into_bytes();
        http.extend_from_slice(html.as_bytes());
        let uri = format!("https://baotest.vn/bai-{i}.html");
        write!(
            f,
            "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{i:08}-0000-0000-0000-000000000000>\r\n\
             WARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\n\
             Content-Length: {}\r\n\r\n",
            http.len()
        )
        .expect("write");
        f.write_all(&http).expect("write");
        f.write_all(b"\r\n\r\n").expect("write");
    }
    f.flush().expect("flush");
}

/// Runs `baochi index` on the file; returns its peak anonymous memory in KiB.
fn index_peak(data: &Path, file: &Path) -> u64 {
    let mut child = Command::new(env!("CARGO_BIN_EXE_baochi"))
        .arg("--data")
        .arg(data)
        .args(["index", "--commit-every", "500"])
        .arg(file)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("baochi");
    let mut peak = 0;
    loop {
        if let Ok(s) = std::fs::read_to_string(format!("/proc/{}/status", child.id())) {
            let anon = s
                .lines()
                .find_map(|l| l.strip_prefix("RssAnon:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
                .unwrap_or(0);
            peak = peak.max(anon);
        }
        if let Some(status) = child.try_wait().expect("wait") {
            assert!(status.success(), "index failed: {status}");
            return peak;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn a_warc_file_is_indexed_in_bounded_memory() {
    if !Path::new("/proc/self/status").exists() {
        eprintln!("SKIPPED: no /proc to read memory from");
        return;
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let (small, large) = (300, 3_000);
    let a = tmp.path().join("small.warc");
    let b = tmp.path().join("large.warc");
    warc(&a, small);
    warc(&b, large);
    let pa = index_peak(&tmp.path().join("da"), &a);
    let pb = index_peak(&tmp.path().join("db"), &b);
    eprintln!("peak anonymous memory: {pa} KiB for {small} records, {pb} KiB for {large}");
    let index = baochi::index::Index::open(&tmp.path().join("db/index")).expect("index");
    assert_eq!(index.len(), large);
    // Ten times the records, not ten times the memory.
    assert!(
        pb < 2 * pa + 64 * 1024,
        "peak {pb} KiB for {large} records vs {pa} KiB for {small}"
    );
}
