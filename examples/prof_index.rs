#[path = "../benches/common/synth.rs"]
mod synth;
use std::time::Instant;
fn cpu() -> f64 {
    let s = std::fs::read_to_string("/proc/self/stat").unwrap();
    let r = s.rsplit_once(") ").unwrap().1;
    let f: Vec<&str> = r.split_whitespace().collect();
    (f[11].parse::<f64>().unwrap() + f[12].parse::<f64>().unwrap()) / 100.0
}
fn main() {
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10000);
    let recs: Vec<_> = (0..n).map(synth::article).collect();
    let (c0, t0) = (cpu(), Instant::now());
    let mut k = 0usize;
    for r in &recs {
        baochi::index::analyzer::analyze(&r.body, |_, _, e, _| k += e.len());
    }
    println!(
        "analyze: cpu {:.2} wall {:.2}",
        cpu() - c0,
        t0.elapsed().as_secs_f64()
    );
    let (c0, t0) = (cpu(), Instant::now());
    for r in &recs {
        k += serde_json::to_string(r).unwrap().len();
    }
    println!(
        "json: cpu {:.2} wall {:.2}",
        cpu() - c0,
        t0.elapsed().as_secs_f64()
    );
    let dir = tempfile::tempdir().unwrap();
    let ix = baochi::index::Index::create_or_open(dir.path()).unwrap();
    let threads: usize = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2);
    let mut w = ix.writer_with(threads, 64 << 20).unwrap();
    let (c0, t0) = (cpu(), Instant::now());
    for r in &recs {
        w.upsert(r).unwrap();
    }
    println!(
        "upsert: cpu {:.2} wall {:.2}",
        cpu() - c0,
        t0.elapsed().as_secs_f64()
    );
    w.commit().unwrap();
    println!(
        "+commit: cpu {:.2} wall {:.2}",
        cpu() - c0,
        t0.elapsed().as_secs_f64()
    );
    w.finish().unwrap();
    println!(
        "+finish: cpu {:.2} wall {:.2} {k}",
        cpu() - c0,
        t0.elapsed().as_secs_f64()
    );
    let ix = baochi::index::Index::open(dir.path()).unwrap();
    let qs = [
        "cán bộ lãnh đạo",
        "can bo lanh dao",
        "\"kiểm điểm tự phê bình\"",
        "Bá Thước",
        "đảng viên mới",
        "hồ sơ",
    ];
    for q in qs {
        for limit in [0usize, 10] {
            let req = baochi::index::SearchRequest {
                query: q.into(),
                limit,
                ..Default::default()
            };
            let (c0, t0) = (cpu(), Instant::now());
            let mut tot = 0;
            for _ in 0..200 {
                tot = ix.search(&req).unwrap().total;
            }
            println!(
                "{q} limit {limit}: {tot} hits, cpu {:.2}ms wall {:.2}ms per query",
                (cpu() - c0) * 5.0,
                t0.elapsed().as_secs_f64() * 5.0
            );
        }
    }
}
#[allow(dead_code)]
fn unused() {}
