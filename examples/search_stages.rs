//! Times each stage of a search on an existing index, to see where a query's time goes:
//! counting (bounded and exact), the two-stage ranking, the full ranking, the whole search.
//!
//! `cargo run --release --example search_stages -- INDEX_DIR [--province P --from Y --to Y --document D] QUERY...`

use baochi::index::query::compile;
use baochi::index::{Index, SearchRequest, rank, tally};
use std::time::Instant;

fn median(mut f: impl FnMut()) -> f64 {
    let mut v: Vec<f64> = (0..7)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    v.sort_by(f64::total_cmp);
    v[3]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .ok_or("usage: search_stages INDEX_DIR [filters] QUERY...")?;
    let index = Index::open(std::path::Path::new(&dir))?;
    let mut req = SearchRequest {
        limit: 10,
        ..Default::default()
    };
    let mut queries = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--province" => req.province = args.next(),
            "--from" => req.from = args.next(),
            "--to" => req.to = args.next(),
            "--document" => req.document = args.next(),
            _ => queries.push(a),
        }
    }
    let searcher = index.searcher();
    for q in queries {
        let req = SearchRequest {
            query: q.clone(),
            ..req.clone()
        };
        let c = compile(index.fields(), &req)?;
        println!("{q}");
        let t = median(|| {
            let _ = compile(index.fields(), &req);
        });
        println!("  compile: {t:.1} ms");
        let t = median(|| {
            let _ = tally::tally(
                &searcher,
                tally::Source::Query(&*c.matching),
                tally::Mode::Bounded,
            );
        });
        println!("  count, bounded: {t:.1} ms");
        let t = median(|| {
            let _ = tally::tally(
                &searcher,
                tally::Source::Query(&*c.matching),
                tally::Mode::Exact,
            );
        });
        println!("  count, exact: {t:.1} ms");
        if let Some(b) = &c.best {
            let m = baochi::index::most::MostQuery::of(b);
            let t = median(|| {
                let _ = tally::tally(&searcher, tally::Source::Most(&m), tally::Mode::Bounded);
            });
            println!("  most count, bounded: {t:.1} ms");
        }
        let (every, _) = rank::lists(c.candidates.as_ref());
        let t = median(|| {
            let _ = rank::two_stage(&searcher, &*c.query, &every, 10);
        });
        println!(
            "  two-stage top 10: {t:.1} ms ({} candidate lists)",
            every.len()
        );
        let t = median(|| {
            let _ = rank::full(&searcher, &*c.query, 10, 0);
        });
        println!("  full top 10: {t:.1} ms");
        let t = median(|| {
            let _ = index.search(&req);
        });
        println!("  search: {t:.1} ms");
    }
    Ok(())
}
