//! `baochi extract` run as a user runs it: the seeds, HTML fixtures, stdin, WARC, batches
//! with bad inputs, a closed stdout.

use assert_cmd::Command;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seed(name: &str) -> PathBuf {
    root().join("corpus/seeds").join(name)
}

fn page(name: &str) -> PathBuf {
    root().join("tests/fixtures/pages").join(name)
}

fn records(out: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each stdout line is a JSON record"))
        .collect()
}

/// The record of one page, whatever its page type (tests/page_types.rs tests those).
fn extract_one(path: &Path) -> serde_json::Value {
    let out = Command::cargo_bin("baochi")
        .unwrap()
        .args(["extract", "--all"])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut recs = records(&out.stdout);
    assert_eq!(recs.len(), 1);
    recs.remove(0)
}

fn s<'a>(v: &'a serde_json::Value, k: &str) -> Option<&'a str> {
    v[k].as_str()
}

#[test]
fn seed_with_widget_date_kicker_and_office_line() {
    let r = extract_one(&seed("001_261c6049ec0ce76c.txt"));
    assert_eq!(
        s(&r, "title"),
        Some("Thái Nguyên: Cụ thể hóa việc triển khai thực hiện Nghị quyết Trung ương 4")
    );
    assert_eq!(s(&r, "published"), Some("2012-04-08T08:05:00+07:00"));
    assert_eq!(s(&r, "author"), Some("Trần Thép"));
    let body = s(&r, "body").unwrap();
    assert!(body.starts_with("Hội nghị cán bộ chủ chốt của tỉnh Thái Nguyên"));
    assert!(body.ends_with("Nghị quyết Trung ương 4 (khóa XI) đã chỉ ra./."));
    assert_eq!(
        body.matches("Hội nghị cán bộ chủ chốt của tỉnh Thái Nguyên quán triệt")
            .count(),
        1
    );
    for junk in [
        "Thứ Sáu, 27/9/2024",
        "Tuyên giáo các cấp",
        "Tin, ảnh",
        "Ban Tuyên giáo Tỉnh ủy Thái Nguyên",
        "Phản hồi",
        "Thư viện ảnh",
        "Mới nhất",
    ] {
        assert!(!body.contains(junk), "{junk:?} left in the body");
    }
}

#[test]
fn seed_with_date_kicker_title_and_share_line() {
    let r = extract_one(&seed("002_1171500456b67287.txt"));
    assert_eq!(
        s(&r, "title"),
        Some("Tập trung khắc phục hạn chế, khuyết điểm, thực hiện thắng lợi nhiệm vụ được giao")
    );
    assert_eq!(s(&r, "published"), Some("2013-06-16T20:09:00+07:00"));
    assert_eq!(s(&r, "author"), Some("NGUYỄN HUY"));
    let body = s(&r, "body").unwrap();
    assert!(body.starts_with("Lãnh đạo Đảng ủy Khối Cơ quan Dân chính Đảng TP Cần Thơ họp"));
    assert!(body.ends_with("đáp ứng yêu cầu phát triển và vị trí của Đảng bộ Khối."));
    assert!(!body.contains("Chia sẻ bài viết"));
    assert!(!body.contains("Các cấp ủy Đảng Khối Cơ quan Dân chính Đảng TP Cần Thơ\n"));
}

#[test]
fn seed_with_time_first_date_line_and_lone_name_byline() {
    let r = extract_one(&seed("003_e149c863b3391813.txt"));
    assert_eq!(s(&r, "title"), Some("Xây dựng Đảng là nhiệm vụ then chốt"));
    assert_eq!(s(&r, "published"), Some("2018-10-03T08:59:00+07:00"));
    assert_eq!(s(&r, "author"), Some("Minh Thùy"));
    let body = s(&r, "body").unwrap();
    assert!(body.starts_with("ĐBP - Xây dựng Đảng là nhiệm vụ then chốt"));
    assert!(!body.contains('Ð'), "eth must be written Đ");
    for junk in ["Lượt xem", "Bình luận", "Tin khác", "Back To Top"] {
        assert!(!body.contains(junk), "{junk:?} left in the body");
    }
}

#[test]
fn seeds_without_a_header() {
    let r = extract_one(&seed("000_22fa2b82a0a95492.txt"));
    assert_eq!(s(&r, "published"), None);
    assert_eq!(s(&r, "author"), None);
    let body = s(&r, "body").unwrap();
    assert!(body.starts_with("Mặt bằng mới ở phường Ba Đình (thị xã Bỉm Sơn)"));
    assert!(body.ends_with("xây dựng quê hương, xây dựng cuộc sống mới."));
    for junk in [
        "A- A+",
        "Ý kiến bạn đọc",
        "Thông tin thời tiết",
        "Chứng khoán",
    ] {
        assert!(!body.contains(junk), "{junk:?} left in the body");
    }
    let r = extract_one(&seed("004_8284ccce1bcb4182.txt"));
    assert_eq!(s(&r, "title"), None);
    assert_eq!(s(&r, "author"), Some("Liên Minh"));
    let body = s(&r, "body").unwrap();
    assert!(body.starts_with("Phó Bí thư Thường trực Tỉnh ủy Bùi Thanh Hà phát biểu"));
    assert!(body.ends_with("xây dựng lực lượng nòng cốt có độ tin cậy..."));
}

#[test]
fn url_sets_source_and_stdin_reads_a_page() {
    let html = std::fs::read(page("vi_div_sidebar.html")).unwrap();
    let out = Command::cargo_bin("baochi")
        .unwrap()
        .args([
            "extract",
            "--url",
            "https://www.baodienbienphu.info.vn/tin-tuc/xay-dung-dang/1.html",
            "-",
        ])
        .write_stdin(html)
        .output()
        .unwrap();
    assert!(out.status.success());
    let r = &records(&out.stdout)[0];
    assert_eq!(s(r, "source"), Some("www.baodienbienphu.info.vn"));
    assert_eq!(
        s(r, "url"),
        Some("https://www.baodienbienphu.info.vn/tin-tuc/xay-dung-dang/1.html")
    );
    assert_eq!(s(r, "title"), Some("Xây dựng Đảng là nhiệm vụ then chốt"));
}

#[test]
fn a_bad_file_is_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.html");
    std::fs::write(&empty, b"").unwrap();
    let binary = dir.path().join("image.html");
    std::fs::write(
        &binary,
        (0..8192u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect::<Vec<u8>>(),
    )
    .unwrap();
    let missing = dir.path().join("missing.txt");
    let out = Command::cargo_bin("baochi")
        .unwrap()
        .arg("extract")
        .arg(seed("003_e149c863b3391813.txt"))
        .arg(&empty)
        .arg(&missing)
        .arg(&binary)
        .arg(page("en_news.html"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        records(&out.stdout).len(),
        2,
        "the good inputs still come out"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "baochi: {}: no article text: the input is empty",
            empty.display()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("baochi: {}: cannot read", missing.display())),
        "{err}"
    );
    assert!(
        err.contains(&format!("baochi: {}: binary data", binary.display())),
        "{err}"
    );
    assert!(
        err.contains("2 records from 5 inputs, 0 not articles, 3 skipped"),
        "{err}"
    );
    assert!(!err.contains("panicked"));
}

#[test]
fn a_huge_file_is_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.html");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(200 * 1024 * 1024).unwrap();
    let started = std::time::Instant::now();
    let out = Command::cargo_bin("baochi")
        .unwrap()
        .arg("extract")
        .arg(&big)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("too large"), "{err}");
    assert!(started.elapsed().as_secs() < 10);
}

#[test]
fn invalid_utf8_and_unknown_charset_give_best_effort_records() {
    let dir = tempfile::tempdir().unwrap();
    let latin = dir.path().join("latin.txt");
    let mut bytes = b"Bao cao tong ket nam 2014 cua huyen, voi nhieu noi dung quan trong ve cong tac xay dung Dang \xe9\xe8 \xff\xfe hon nam muoi ky tu.".to_vec();
    bytes.extend_from_slice(b"\n");
    std::fs::write(&latin, &bytes).unwrap();
    let odd = dir.path().join("odd.html");
    std::fs::write(&odd, "<html><head><meta charset=\"x-no-such-charset\"></head><body><p>Nội dung bài viết với bộ mã không ai biết đến nhưng vẫn là chữ Việt đầy đủ dấu.</p></body></html>").unwrap();
    let out = Command::cargo_bin("baochi")
        .unwrap()
        .args(["extract", "--all"])
        .arg(&latin)
        .arg(&odd)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), 2);
    assert!(s(&recs[1], "body").unwrap().contains("bộ mã không ai biết"));
}

#[test]
fn deep_nesting_neither_overflows_nor_hangs() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("deep.html");
    let n = 100_000;
    let html = format!(
        "<html><body>{}<p>Văn bản nằm rất sâu trong trang nhưng vẫn là một đoạn văn đủ dài để giữ lại.</p>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    std::fs::write(&deep, html).unwrap();
    let started = std::time::Instant::now();
    let r = extract_one(&deep);
    assert!(s(&r, "body").unwrap().starts_with("Văn bản nằm rất sâu"));
    assert!(started.elapsed().as_secs() < 20);
}

fn warc_record(kind: &str, uri: &str, block: &[u8], block_type: &str) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{}>\r\nWARC-Target-URI: {uri}\r\nContent-Type: {block_type}\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn gz(b: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(b).unwrap();
    e.finish().unwrap()
}

#[test]
fn warc_gz_gives_one_record_per_page_response() {
    let dir = tempfile::tempdir().unwrap();
    let html = std::fs::read(page("vi_modern_article.html")).unwrap();
    let mut http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
        html.len()
    )
    .into_bytes();
    http.extend_from_slice(&html);
    let png = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n";
    let missing = b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>Not found</p>";
    let mut file = Vec::new();
    file.extend(gz(&warc_record(
        "warcinfo",
        "",
        b"software: test",
        "application/warc-fields",
    )));
    file.extend(gz(&warc_record(
        "request",
        "https://baothainguyen.vn/a.html",
        b"GET /a.html HTTP/1.1\r\n\r\n",
        "application/http; msgtype=request",
    )));
    file.extend(gz(&warc_record(
        "response",
        "https://baothainguyen.vn/a.html",
        &http,
        "application/http; msgtype=response",
    )));
    file.extend(gz(&warc_record(
        "response",
        "https://baothainguyen.vn/logo.png",
        png,
        "application/http; msgtype=response",
    )));
    file.extend(gz(&warc_record(
        "response",
        "https://baothainguyen.vn/gone.html",
        missing,
        "application/http; msgtype=response",
    )));
    let path = dir.path().join("crawl.warc.gz");
    std::fs::write(&path, file).unwrap();
    let r = extract_one(&path);
    assert_eq!(s(&r, "url"), Some("https://baothainguyen.vn/a.html"));
    assert_eq!(s(&r, "source"), Some("baothainguyen.vn"));
    assert_eq!(s(&r, "author"), Some("Trần Thép"));
    let not_warc = dir.path().join("broken.warc");
    std::fs::write(&not_warc, b"this is not a warc file at all\n").unwrap();
    let out = Command::cargo_bin("baochi")
        .unwrap()
        .arg("extract")
        .arg(&not_warc)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a WARC file"));
}

/// `index` and `extract` read on past a damaged gzip member: the other records come
/// through, the damage is named, and the exit code says inputs were skipped.
#[test]
fn a_damaged_warc_member_costs_its_record_only() {
    let dir = tempfile::tempdir().unwrap();
    let html = std::fs::read(page("vi_modern_article.html")).unwrap();
    let mut file = Vec::new();
    for n in 0..6 {
        let mut http =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
        http.extend_from_slice(&html);
        let mut member = gz(&warc_record(
            "response",
            &format!("https://baothainguyen.vn/{n}.html"),
            &http,
            "application/http; msgtype=response",
        ));
        if n == 2 {
            let mid = member.len() / 2;
            member[mid..mid + 8].iter_mut().for_each(|b| *b ^= 0xa5);
        }
        file.extend(member);
    }
    let path = dir.path().join("crawl.warc.gz");
    std::fs::write(&path, file).unwrap();
    let out = Command::cargo_bin("baochi")
        .unwrap()
        .arg("extract")
        .arg(&path)
        .output()
        .unwrap();
    let urls: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["url"].as_str().unwrap().to_string()
        })
        .collect();
    let want: Vec<String> = [0, 1, 3, 4, 5]
        .iter()
        .map(|n| format!("https://baothainguyen.vn/{n}.html"))
        .collect();
    assert_eq!(urls, want);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("crawl.warc.gz"), "{err}");
    assert_eq!(out.status.code(), Some(1), "{err}");

    let data = dir.path().join("data");
    let out = Command::cargo_bin("baochi")
        .unwrap()
        .arg("--data")
        .arg(&data)
        .env_remove("BAOCHI_DATA")
        .arg("index")
        .arg(&path)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("indexed 5 articles"), "{err}");
}

#[test]
fn closed_stdout_ends_quietly() {
    let bin = assert_cmd::cargo::cargo_bin("baochi");
    let mut cmd = std::process::Command::new(bin);
    cmd.arg("extract");
    for _ in 0..400 {
        cmd.arg(page("en_news.html"));
    }
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut first = String::new();
    BufReader::new(stdout).read_line(&mut first).unwrap();
    assert!(first.starts_with('{'));
    // The reader is dropped here: the pipe closes under the writer.
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "exit {:?}", out.status);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.contains("panicked") && !err.contains("Broken pipe"),
        "{err}"
    );
}
