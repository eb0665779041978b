//! Entity finders over the seed articles in `corpus/seeds/`.

use std::hint::black_box;

use baochi::entities::officials;
use baochi::text::normalize;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// The seed articles, normalised as the pipeline hands them to the finders.
fn seeds() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("corpus/seeds exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| normalize(&std::fs::read_to_string(p).expect("seed is UTF-8")))
        .collect()
}

fn bench_officials(c: &mut Criterion) {
    let bodies = seeds();
    let bytes: usize = bodies.iter().map(String::len).sum();
    // The bench measures the real work: the seeds name twelve people.
    let total: usize = bodies.iter().map(|b| officials::find(b).len()).sum();
    assert_eq!(total, 12, "officials found in corpus/seeds");
    let mut group = c.benchmark_group("entities");
    group.throughput(Throughput::Bytes(bytes as u64));
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

criterion_group!(benches, bench_officials);
criterion_main!(benches);
