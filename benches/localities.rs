//! Localities on a 150 KB page: the cost `find` and `infer_province` add to every article
//! in the extract hot path (target: the whole pipeline at ≥ 350 pages/s on one core).

use baochi::entities::localities::{find, infer_province};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

/// The five seed articles, normalised and repeated to about 150 KB.
fn page() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    let seeds: String = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect::<Vec<_>>()
        .join("\n\n");
    assert!(!seeds.is_empty(), "corpus/seeds holds the seed articles");
    let seeds = baochi::text::normalize(&seeds);
    let mut body = String::with_capacity(160_000);
    while body.len() < 150_000 {
        body.push_str(&seeds);
        body.push_str("\n\n");
    }
    body
}

fn bench(c: &mut Criterion) {
    let body = page();
    let found = find(&body, &[]);
    assert!(
        found.len() > 80,
        "the seeds name many units: {}",
        found.len()
    );
    assert!(found.iter().any(|l| l.name == "Điện Biên Đông"));
    let mut group = c.benchmark_group("localities");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("find_150kb", |b| b.iter(|| find(black_box(&body), &[])));
    group.bench_function("infer_province_150kb", |b| {
        b.iter(|| infer_province(Some("baothanhhoa.vn"), None, black_box(&body), &found))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
