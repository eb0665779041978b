//! Real pages → record, on one core: a fixed sample of the WCXB development split's pages
//! (every fifth page of each type, `../shared/bench/wcxb-dev` or `BAOCHI_PAGES`), the CMSs
//! nobody wrote a fixture for. Beside `extract`, which times built Vietnamese pages.
//!
//! `cargo bench --bench extract_pages`; criterion prints the time for the whole sample
//! (pages/s = pages / time). `python3 scripts/peer_extract_speed.py` times trafilatura on
//! the same sample for the ratio in BENCHMARKS.md. Without the benchmark folder the bench
//! says so and times nothing.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::io::Read;
use std::path::PathBuf;

/// The sample: (id, url, page bytes), every fifth page in the ground truth's order.
fn sample() -> Option<Vec<(String, String, Vec<u8>)>> {
    let root = std::env::var_os("BAOCHI_PAGES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/wcxb-dev")
        });
    let gt = std::fs::File::open(root.join("ground-truth.jsonl.gz")).ok()?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(gt)
        .read_to_string(&mut text)
        .ok()?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if i % 5 != 0 {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line).ok()?;
        let id = v["id"].as_str()?.to_string();
        let url = v["url"]
            .as_str()
            .unwrap_or("https://example.com/")
            .to_string();
        let gz = std::fs::File::open(root.join("html").join(format!("{id}.html.gz"))).ok()?;
        let mut page = Vec::new();
        flate2::read::GzDecoder::new(gz)
            .read_to_end(&mut page)
            .ok()?;
        out.push((id, url, page));
    }
    Some(out)
}

fn bench(c: &mut Criterion) {
    let Some(pages) = sample() else {
        eprintln!(
            "extract_pages: no page benchmark at ../shared/bench/wcxb-dev (set BAOCHI_PAGES); nothing timed"
        );
        return;
    };
    let bytes: usize = pages.iter().map(|p| p.2.len()).sum();
    eprintln!(
        "extract_pages: {} pages, {:.1} MB",
        pages.len(),
        bytes as f64 / 1e6
    );
    let mut g = c.benchmark_group("extract_pages");
    g.sample_size(10);
    g.throughput(Throughput::Elements(pages.len() as u64));
    g.bench_function("wcxb_dev_sample", |b| {
        b.iter(|| {
            for (_, url, page) in &pages {
                let r = baochi::extract::from_bytes(black_box(page), Some(url), Some("text/html"));
                black_box(r.is_ok());
            }
        })
    });
    // The extraction stage alone: text, metadata and page type, no entities.
    g.bench_function("wcxb_dev_sample_stage", |b| {
        b.iter(|| {
            for (_, url, page) in &pages {
                let r =
                    baochi::extract::page_type_of(black_box(page), Some(url), Some("text/html"));
                black_box(r.is_ok());
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
