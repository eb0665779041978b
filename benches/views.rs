//! The research views over a large index: `baochi kwic`, `trend`, `coverage`, `people` and
//! `figures` run as
//! child processes on a small and a large synthetic index, with their time and peak memory
//! (all resident, which counts the mapped index files, and anonymous, what the process
//! allocated). Asserts the large runs' anonymous peak stays under twice the small ones' plus
//! 64 MiB where the view streams (KWIC sorted by date) or reads fast fields (trend,
//! coverage), so memory does not follow the index; `people` and `figures` hold one entry
//! per person or point they print, so theirs may grow with the articles, never faster.
//!
//! `cargo bench --bench views` (200,000 and 20,000 articles); `BAOCHI_VIEWS_N=20000` for a
//! quick run.

#[path = "common/synth.rs"]
mod synth;

use baochi::index::Index;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn build(dir: &Path, n: u64) {
    let index = Index::create_or_open(&dir.join("index")).expect("index");
    let mut w = index.writer().expect("writer");
    for i in 0..n {
        // Through extraction's last step, so figures carry their indicators, units and
        // periods and officials are found, as `baochi index` would file them.
        let a = synth::article(i);
        let rec = baochi::extract::finish(
            baochi::extract::Article {
                title: a.title.clone(),
                published: a.published.clone(),
                body: a.body.clone(),
                ..Default::default()
            },
            a.url.as_deref(),
        );
        w.upsert(&rec).expect("upsert");
    }
    w.commit().expect("commit");
    w.finish().expect("merge");
}

fn status_kib(pid: u32, field: &str) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = s.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs `baochi ARGS` on `data`, output discarded; returns (resident KiB, anonymous KiB, time).
fn run(data: &Path, args: &[&str]) -> (u64, u64, Duration) {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_baochi"))
        .arg("--data")
        .arg(data)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("baochi");
    let (mut res, mut anon) = (0, 0);
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            assert!(status.success(), "baochi {args:?}: {status}");
            break;
        }
        res = res.max(status_kib(child.id(), "VmHWM:").unwrap_or(0));
        anon = anon.max(status_kib(child.id(), "RssAnon:").unwrap_or(0));
        std::thread::sleep(Duration::from_millis(5));
    }
    (res, anon, start.elapsed())
}

fn main() {
    let large: u64 = std::env::var("BAOCHI_VIEWS_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if std::env::args().any(|a| a == "--bench") {
            200_000
        } else {
            2_000
        });
    let small = (large / 10).max(200);
    let tmp = tempfile::tempdir().expect("tmp");
    let views: [(&str, Vec<&str>); 5] = [
        (
            "kwic, date order (streams)",
            vec!["kwic", "--format", "csv", "luân chuyển cán bộ"],
        ),
        (
            "trend by month, split by province",
            vec![
                "trend",
                "--by",
                "month",
                "--split",
                "province",
                "--format",
                "csv",
                "cán bộ",
            ],
        ),
        (
            "coverage by month",
            vec!["coverage", "--by", "month", "--format", "csv"],
        ),
        ("people", vec!["people", "--format", "csv"]),
        (
            "figures, every indicator by unit",
            vec!["figures", "--format", "csv"],
        ),
    ];
    let mut results = Vec::new();
    for n in [small, large] {
        let data = tmp.path().join(format!("d{n}"));
        let t = Instant::now();
        build(&data, n);
        eprintln!("indexed {n} articles in {:.1}s", t.elapsed().as_secs_f64());
        for (name, args) in &views {
            let r = run(&data, args);
            results.push((n, *name, r));
        }
    }
    println!("\n| view | articles | time (s) | peak resident (MiB) | peak anonymous (MiB) |");
    println!("|---|---:|---:|---:|---:|");
    for (n, name, (res, anon, d)) in &results {
        println!(
            "| {name} | {n} | {:.2} | {:.0} | {:.0} |",
            d.as_secs_f64(),
            *res as f64 / 1024.0,
            *anon as f64 / 1024.0
        );
    }
    for (name, _) in &views {
        let anon = |n: u64| {
            results
                .iter()
                .find(|r| r.0 == n && r.1 == *name)
                .map_or(0, |r| r.2.1)
        };
        let (a, b) = (anon(small), anon(large));
        // `people` prints one row per person and `figures` one per point: their memory
        // follows what they print (the synthetic names give ~270,000 people, far from
        // exhausted at these sizes), never faster than the articles. The others stream or
        // read fast fields: their memory stays flat.
        let holds_its_output = matches!(*name, "people" | "figures, every indicator by unit");
        let limit = if holds_its_output {
            a * large / small + 64 * 1024
        } else {
            2 * a + 64 * 1024
        };
        assert!(
            b <= limit,
            "{name}: anonymous memory {b} KiB at {large} articles vs {a} KiB at {small}"
        );
    }
}
