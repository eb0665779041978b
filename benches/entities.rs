//! Throughput of `entities::find_all` over the seed articles in `corpus/seeds/` (their
//! whole text, normalised), in bytes per second. The counts of the documents, dates and
//! statistics lists are asserted first, so a bench of a broken finder fails instead of
//! timing it.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

use baochi::entities::officials;

fn bodies() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|x| x == "txt"));
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .map(|t| baochi::text::normalize(&t))
        .collect()
}

fn bench(c: &mut Criterion) {
    let bodies = bodies();
    assert_eq!(
        bodies.len(),
        5,
        "the five seed articles are in corpus/seeds"
    );
    let (mut docs, mut dates, mut stats) = (0, 0, 0);
    for b in &bodies {
        let e = baochi::entities::find_all(b, None);
        docs += e.documents.len();
        dates += e.dates.len();
        stats += e.statistics.len();
    }
    assert_eq!(
        (docs, dates, stats),
        (31, 28, 36),
        "documents, dates, statistics"
    );
    let bytes: usize = bodies.iter().map(String::len).sum();
    let mut g = c.benchmark_group("entities");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("find_all/seeds", |b| {
        b.iter(|| {
            for body in &bodies {
                black_box(baochi::entities::find_all(black_box(body), None));
            }
        })
    });
    // Figures need the body's documents and dates: `statistics::find` finds them too.
    g.bench_function("documents+dates+statistics/seeds", |b| {
        b.iter(|| {
            for body in &bodies {
                black_box(baochi::entities::statistics::find(black_box(body)));
            }
        })
    });
    g.bench_function("documents/seeds", |b| {
        b.iter(|| {
            for body in &bodies {
                black_box(baochi::entities::documents::find(black_box(body)));
            }
        })
    });
    g.bench_function("dates/seeds", |b| {
        b.iter(|| {
            for body in &bodies {
                black_box(baochi::entities::dates::find(black_box(body)));
            }
        })
    });
    g.finish();
}

fn bench_officials(c: &mut Criterion) {
    let bodies = bodies();
    let bytes: usize = bodies.iter().map(String::len).sum();
    // The bench measures the real work: the seeds name twelve people, and the finder reads
    // nine of them (the yardstick, `score.py -v`, lists the three it misses: two mentions of
    // Hồ Chí Minh in "tư tưởng … Hồ Chí Minh", and a byline).
    let total: usize = bodies.iter().map(|b| officials::find(b).len()).sum();
    assert_eq!(total, 9, "officials found in corpus/seeds");
    let mut group = c.benchmark_group("entities");
    group.throughput(Throughput::Bytes(bytes as u64));
    // A long article (126 KB): the seeds one after another, three times over.
    let long = bodies.join("\n\n").repeat(3);
    assert_eq!(
        officials::find(&long).len(),
        3 * total,
        "officials in the long article"
    );
    group.bench_function("officials/long", |b| {
        b.iter(|| officials::find(black_box(&long)).len())
    });
    group.bench_function("officials/seeds", |b| {
        b.iter(|| {
            bodies
                .iter()
                .map(|body| officials::find(black_box(body)).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench, bench_officials);
criterion_main!(benches);
