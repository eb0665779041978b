//! Export memory and speed: indexes synthetic articles with many figures each, then runs
//! `baochi export --table statistics` (Parquet and CSV) as a child process and reports its
//! peak resident memory (VmHWM) and rows/s, for a small and a large index, so one can see
//! memory stay flat as rows grow. Asserts the row counts and that the large export's peak is
//! anonymous memory under twice the small one's.
//!
//! `cargo bench --bench export`; sizes from BAOCHI_EXPORT_ARTICLES (large index, default
//! 20,000) and BAOCHI_EXPORT_FIGURES (figures per article, default 50): 1,000,000 rows.

use baochi::index::Index;
use baochi::record::{Entities, Record, Span, Statistic};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn article(i: usize, figures: usize) -> Record {
    let mut body = String::new();
    let mut stats = Vec::with_capacity(figures);
    for k in 0..figures {
        let n = (i * 31 + k * 7) % 900 + 10;
        let before = body.chars().count();
        let figure = format!("{n} đảng viên");
        body.push_str(&format!(
            "Năm {}, Đảng bộ xã thứ {k} kết nạp {figure} mới theo Nghị quyết Trung ương 4. ",
            2012 + k % 12
        ));
        let start = before
            + format!("Năm {}, Đảng bộ xã thứ {k} kết nạp ", 2012 + k % 12)
                .chars()
                .count();
        stats.push(Statistic {
            value: n as f64,
            unit: "đảng viên".into(),
            subject: Some("đảng viên mới".into()),
            year: Some((2012 + k % 12).to_string()),
            span: Span {
                text: figure.clone(),
                start,
                end: start + figure.chars().count(),
            },
            ..Default::default()
        });
    }
    Record {
        url: Some(format!("https://bao.example.vn/{i}.html")),
        title: Some(format!("Bài {i}")),
        published: Some(format!(
            "{}-{:02}-{:02}",
            2012 + i % 12,
            i % 12 + 1,
            i % 28 + 1
        )),
        province: Some("Thanh Hóa".into()),
        province_now: Some("Thanh Hóa".into()),
        entities: Entities {
            statistics: stats,
            ..Entities::default()
        },
        body,
        ..Record::default()
    }
}

fn build(dir: &Path, articles: usize, figures: usize) {
    let index = Index::create_or_open(&dir.join("index")).expect("index");
    let mut w = index.writer().expect("writer");
    for i in 0..articles {
        let rec = article(i, figures);
        assert_eq!(
            rec.body
                .chars()
                .skip(rec.entities.statistics[0].span.start)
                .take(3)
                .collect::<String>(),
            rec.entities.statistics[0]
                .span
                .text
                .chars()
                .take(3)
                .collect::<String>()
        );
        w.upsert(&rec).expect("upsert");
    }
    w.commit().expect("commit");
}

/// A `/proc/PID/status` field in KiB.
fn status_kib(pid: u32, field: &str) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = s.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Peak memory of a run, in KiB: all resident (VmHWM, which counts the index files mapped
/// into memory) and anonymous (RssAnon: what the process itself allocated).
#[derive(Debug, Default, Clone, Copy)]
struct Peak {
    resident: u64,
    anon: u64,
}

/// Runs the export; returns (peak memory, time, rows written).
fn export(data: &Path, format: &str) -> (Peak, Duration, u64) {
    let out = data.join(format!("out.{format}"));
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_baochi"))
        .arg("--data")
        .arg(data)
        .args(["export", "--table", "statistics", "--format", format, "-o"])
        .arg(&out)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("baochi export");
    let mut peak = Peak::default();
    while child.try_wait().expect("wait").is_none() {
        peak.resident = peak
            .resident
            .max(status_kib(child.id(), "VmHWM:").unwrap_or(0));
        peak.anon = peak
            .anon
            .max(status_kib(child.id(), "RssAnon:").unwrap_or(0));
        std::thread::sleep(Duration::from_millis(10));
    }
    let took = start.elapsed();
    let output = child.wait_with_output().expect("output");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let msg = String::from_utf8_lossy(&output.stderr);
    let rows: u64 = msg
        .split_whitespace()
        .skip_while(|w| *w != "exported")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .expect("row count in the summary line");
    (peak, took, rows)
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let figures = env_usize("BAOCHI_EXPORT_FIGURES", 50);
    let large = env_usize("BAOCHI_EXPORT_ARTICLES", 20_000);
    let small = (large / 10).max(1);
    let mut peaks = Vec::new();
    for articles in [small, large] {
        let tmp = tempfile::tempdir().expect("tmp");
        let t = Instant::now();
        build(tmp.path(), articles, figures);
        eprintln!(
            "indexed {articles} articles x {figures} figures in {:.1?}",
            t.elapsed()
        );
        for format in ["parquet", "csv"] {
            let (peak, took, rows) = export(tmp.path(), format);
            assert_eq!(rows as usize, articles * figures);
            let size = std::fs::metadata(tmp.path().join(format!("out.{format}")))
                .map(|m| m.len())
                .unwrap_or(0);
            println!(
                "export statistics {format}: {rows} rows in {took:.2?} ({:.0} rows/s), \
                 peak RSS {:.1} MiB (anonymous {:.1} MiB), file {:.1} MiB",
                rows as f64 / took.as_secs_f64(),
                peak.resident as f64 / 1024.0,
                peak.anon as f64 / 1024.0,
                size as f64 / (1024.0 * 1024.0)
            );
            peaks.push((format, articles, peak));
        }
    }
    for format in ["parquet", "csv"] {
        let p: Vec<u64> = peaks
            .iter()
            .filter(|p| p.0 == format)
            .map(|p| p.2.anon)
            .collect();
        assert!(
            p[1] as f64 <= p[0] as f64 * 2.5,
            "{format}: peak memory grew from {} KiB to {} KiB with 10x the rows",
            p[0],
            p[1]
        );
    }
}
