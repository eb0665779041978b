//! Reprint detection's cost when indexing.
//!
//! - `reprints/band_keys` vs `reprints/analysis`: a body's shingles, MinHash signature and
//!   band keys against the Vietnamese analysis the index runs on the same body anyway (both
//!   streams), over the same synthetic articles: the ratio is what detection adds to the
//!   analysis.
//! - `reprints/commit`: a commit of 1,000 articles (one in ten a copy of an article already
//!   indexed, in another paper's chrome) into an index of `BAOCHI_BENCH_N` articles (default
//!   20,000): band lookups, verification and links, with the indexing itself.
//!
//! `cargo bench --bench reprints`

#[path = "common/synth.rs"]
mod synth;

use baochi::index::Index;
use baochi::index::analyzer::analyze;
use baochi::index::reprints::band_keys;
use baochi::record::Record;
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

fn copy_of(r: &Record, n: u64) -> Record {
    let mut c = r.clone();
    c.url = Some(format!("https://baodientu.vn/tin/{n}.html"));
    c.source = Some("baodientu.vn".into());
    c.body = format!(
        "Trang chủ | Thời sự | Xây dựng Đảng\n\n{}\n\nTin liên quan | Bình luận | Chia sẻ",
        r.body
    );
    c
}

fn bench(c: &mut Criterion) {
    let articles: Vec<Record> = (0..500).map(synth::article).collect();
    let bytes: usize = articles.iter().map(|a| a.body.len()).sum();
    let mut g = c.benchmark_group("reprints");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.measurement_time(Duration::from_secs(5));
    g.bench_function("band_keys", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(band_keys(&a.body));
            }
        })
    });
    g.bench_function("analysis", |b| {
        b.iter(|| {
            for a in &articles {
                let mut n = 0usize;
                analyze(&a.body, |_, _, _, _| n += 1);
                black_box(n);
            }
        })
    });

    let n: u64 = std::env::var("BAOCHI_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let index = Index::in_memory().expect("index");
    let mut w = index.writer_with(1, 64 << 20).expect("writer");
    for i in 0..n {
        w.upsert(&synth::article(i)).expect("upsert");
        if i % 5_000 == 4_999 {
            w.commit().expect("commit");
        }
    }
    w.commit().expect("commit");
    let mut round = 0u64;
    g.throughput(Throughput::Elements(1_000));
    g.sample_size(10);
    g.bench_function("commit", |b| {
        b.iter_batched(
            || {
                round += 1;
                let base = n + round * 1_000;
                (0..1_000u64)
                    .map(|k| {
                        if k % 10 == 0 {
                            copy_of(&synth::article((k * 7919 + round) % n), base + k)
                        } else {
                            synth::article(base + k)
                        }
                    })
                    .collect::<Vec<_>>()
            },
            |batch| {
                for r in &batch {
                    w.upsert(r).expect("upsert");
                }
                w.commit().expect("commit");
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
    let mut copies = 0usize;
    let every = baochi::index::SearchRequest {
        all_copies: true,
        ..Default::default()
    };
    index
        .for_each_record(Some(&every), &mut |_, r| {
            copies += usize::from(r.duplicate_of.is_some());
            Ok(())
        })
        .expect("walk");
    eprintln!("{} articles, {copies} linked as reprints", index.len());
}

criterion_group!(benches, bench);
criterion_main!(benches);
