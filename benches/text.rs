//! Text analysis throughput (MB/s): baochi's Vietnamese analysis (normalise + segment + both
//! syllable streams) against tantivy's stock lower-case + ASCII-folding analyzer, over the
//! same 1 MB of synthetic Vietnamese news. Target: at least 40 MB/s.
//!
//! `cargo bench --bench text`

#[path = "common/synth.rs"]
mod synth;

use baochi::index::analyzer::{VietnameseTokenizer, analyze};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, SimpleTokenizer, TextAnalyzer, TokenStream, Tokenizer,
};

fn bench(c: &mut Criterion) {
    let text = synth::text(1 << 20);

    // The result each variant must give, asserted once before timing.
    let mut n_baochi = 0usize;
    analyze(&text, |_, _, e, f| {
        assert!(!e.is_empty() && f.is_ascii());
        n_baochi += 1;
    });
    let mut stock = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    let count_stock = |a: &mut TextAnalyzer, t: &str| {
        let mut s = a.token_stream(t);
        let mut n = 0usize;
        while s.advance() {
            n += 1;
        }
        n
    };
    let n_stock = count_stock(&mut stock, &text);
    // Stock splits numbers and codes (3.456, 12-NQ/TW) where baochi keeps them whole.
    assert!(
        n_stock >= n_baochi && n_stock < n_baochi * 11 / 10,
        "{n_stock} vs {n_baochi}"
    );

    let mut g = c.benchmark_group("text");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(20);
    g.measurement_time(Duration::from_secs(5));
    g.bench_function("baochi: both streams in one pass", |b| {
        b.iter(|| {
            let mut n = 0usize;
            analyze(black_box(&text), |_, _, e, f| n += e.len() + f.len());
            n
        })
    });
    g.bench_function("baochi: segment only", |b| {
        b.iter(|| baochi::text::segment(black_box(&text)).len())
    });
    g.bench_function("baochi: normalize text, then both streams", |b| {
        b.iter(|| {
            let norm = baochi::text::normalize(black_box(&text));
            let mut n = 0usize;
            analyze(&norm, |_, _, e, f| n += e.len() + f.len());
            n
        })
    });
    g.bench_function("baochi: two tantivy tokenizers (as indexed)", |b| {
        let mut exact = VietnameseTokenizer::exact();
        let mut folded = VietnameseTokenizer::folded();
        b.iter(|| {
            let mut n = 0usize;
            for tok in [&mut exact, &mut folded] {
                let mut s = tok.token_stream(black_box(&text));
                while s.advance() {
                    n += s.token().text.len();
                }
            }
            n
        })
    });
    g.bench_function("tantivy stock: simple + lower + ascii folding", |b| {
        b.iter(|| count_stock(&mut stock, black_box(&text)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
