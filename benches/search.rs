//! baochi against SQLite FTS5 on the same synthetic corpus, in one run: indexing throughput,
//! index size, and query latency (p50/p99) over 200 fixed queries, printed as a table.
//!
//! `cargo bench --bench search` (200,000 articles); `BAOCHI_BENCH_N=20000 cargo bench
//! --bench search` for a quick run. Profiling query changes: `BAOCHI_BENCH_DIR=/tmp/ix`
//! keeps the index there and reuses it while it holds N articles, `BAOCHI_BENCH_NO_FTS5=1`
//! prints baochi's latencies alone.
//!
//! Like with like: both index the same records, built in memory beforehand (entity
//! extraction bypassed: the generator fills the cited documents it wrote, which both store).
//! Both upsert by id (a lookup per article), commit in batches of 50,000 and are finalised
//! (tantivy merges, FTS5 `optimize`) before their size is taken. FTS5 stores the same record
//! fields (metadata, body, entities as JSON) in its content table, uses
//! `unicode61 remove_diacritics 2` and has B-tree indexes on province and date for filters.
//! Per query, FTS5 returns the top 10 by bm25 with a snippet plus `count(*)`; baochi returns
//! the top 10 with snippets, the total and the province/year/document facets.

#[path = "common/synth.rs"]
mod synth;

use baochi::index::{Index, SearchRequest};
use baochi::record::Record;
use rusqlite::{Connection, OptionalExtension, params};
use std::path::Path;
use std::time::{Duration, Instant};

const BATCH: usize = 50_000;

/// Query texts with diacritics, as researchers type them.
const PLAIN: &[&str] = &[
    "cán bộ lãnh đạo",
    "luân chuyển cán bộ",
    "kiểm điểm tự phê bình",
    "đảng viên mới",
    "bổ nhiệm",
    "kỷ luật",
    "hộ nghèo",
    "Huy hiệu Đảng",
    "dân vận khéo",
    "Ủy ban Kiểm tra",
    "tổ chức cơ sở đảng",
    "phong cách Hồ Chí Minh",
    "suy thoái về tư tưởng",
    "quy hoạch cán bộ",
    "người đứng đầu",
    "vi phạm về đất đai",
    "đơn vị hành chính",
    "văn kiện",
    "Bí thư Huyện ủy",
    "Trưởng Ban Tổ chức",
    "Ban Thường vụ",
    "hội nghị sơ kết",
    "Bá Thước",
    "Mường Chà",
    "Krông Pắc",
    "Hoàng Su Phì",
    "Tủa Chùa",
    "Nguyễn Văn Hùng",
    "Vừ A Bằng",
    "Lò Thị Thủy",
    "thu nhập bình quân",
    "cùng kỳ",
    "mô hình tiêu biểu",
    "đảng viên cao tuổi",
    "đại hội Đảng bộ xã",
    "Ban Chấp hành",
    "kinh tế xã hội",
    "hồ sơ",
    "rà soát bổ sung",
    "công khai minh bạch",
    "Thừa Thiên Huế",
    "Đắk Lắk",
    "Quảng Ngãi",
    "Sóc Trăng",
    "Lâm Đồng",
    "kỷ cương hành chính",
    "học tập và làm theo",
    "góp ý vào dự thảo",
    "thi hành kỷ luật",
    "giới thiệu cán bộ ứng cử",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Plain,
    NoDiacritics,
    Phrase,
    Filtered,
}

struct Query {
    kind: Kind,
    text: String,
    province: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

fn queries() -> Vec<Query> {
    let mut out = Vec::new();
    for (i, q) in PLAIN.iter().enumerate() {
        out.push(Query {
            kind: Kind::Plain,
            text: q.to_string(),
            province: None,
            from: None,
            to: None,
        });
        out.push(Query {
            kind: Kind::NoDiacritics,
            text: baochi::text::fold_lower(q),
            province: None,
            from: None,
            to: None,
        });
        out.push(Query {
            kind: Kind::Phrase,
            text: format!("\"{q}\""),
            province: None,
            from: None,
            to: None,
        });
        let year = 2010 + (i % 14);
        out.push(Query {
            kind: Kind::Filtered,
            text: q.to_string(),
            province: Some(synth::PROVINCES[i % synth::PROVINCES.len()].0.to_string()),
            from: Some(format!("{year}")),
            to: Some(format!("{}", year + 2)),
        });
    }
    out
}

/// The FTS5 MATCH expression: every word quoted (FTS5 syntax would choke on some), a
/// phrase kept as one.
fn fts5_match(q: &Query) -> String {
    if q.kind == Kind::Phrase {
        return q.text.clone();
    }
    q.text
        .split_whitespace()
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(" ")
}

/// CPU seconds (user + system, all threads) the process has used: the machine may be
/// shared, so wall time alone can mislead. Linux only; 0 elsewhere.
fn cpu_secs() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name (which may hold spaces) start at ") ".
    let Some(rest) = stat.rsplit_once(") ").map(|x| x.1) else {
        return 0.0;
    };
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the name.
    (ticks(11) + ticks(12)) / 100.0
}

fn dir_size(p: &Path) -> u64 {
    walkdir::WalkDir::new(p)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

struct Run {
    /// CPU seconds spent indexing (load and finalize).
    cpu: f64,
    load: Duration,
    finalize: Duration,
    size: u64,
    latencies: Vec<(Kind, Duration)>,
    totals: Vec<usize>,
    /// baochi only: readings of the diacritic-less queries, sorted.
    readings: Vec<Duration>,
}

fn run_baochi(dir: &Path, records: &[Record], qs: &[Query]) -> Run {
    let cpu0 = cpu_secs();
    let t = Instant::now();
    let index = Index::create_or_open(dir).expect("index");
    // A kept index (BAOCHI_BENCH_DIR) of the same size is queried as it is: for profiling
    // query changes without re-indexing (its indexing figures are then zero).
    let (load, finalize) = if index.len() == records.len() as u64 {
        eprintln!("reusing the index in {}", dir.display());
        (Duration::ZERO, Duration::ZERO)
    } else {
        let mut w = index.writer().expect("writer");
        for (i, r) in records.iter().enumerate() {
            w.upsert(r).expect("upsert");
            if (i + 1) % BATCH == 0 {
                w.commit().expect("commit");
            }
        }
        w.commit().expect("commit");
        let load = t.elapsed();
        let t = Instant::now();
        w.finish().expect("merge");
        (load, t.elapsed())
    };
    let cpu = cpu_secs() - cpu0;
    let size = dir_size(dir);
    let index = Index::open(dir).expect("open");
    let req = |q: &Query, exact_counts: bool| SearchRequest {
        query: q.text.clone(),
        province: q.province.clone(),
        from: q.from.clone(),
        to: q.to.clone(),
        limit: 10,
        exact_counts,
        // Like with like: FTS5 lists every article, reprints (here: template twins) too.
        all_copies: true,
        ..Default::default()
    };
    let mut totals = Vec::new();
    let mut errors = Vec::new();
    for q in qs {
        // Warm-up, and the result each query must give (exact counts, to compare with FTS5).
        let r = index.search(&req(q, true)).expect("search");
        // How far the estimated counts (the default) stand from the exact ones.
        let est = index.search(&req(q, false)).expect("search");
        if r.total > 0 {
            errors.push((est.total as f64 - r.total as f64).abs() / r.total as f64);
        }
        assert!(
            r.total > 0 || q.kind == Kind::Filtered,
            "no hit for {:?}",
            q.text
        );
        // Some hits match in the headline only; most show the match in the body.
        assert!(
            r.hits.is_empty()
                || r.hits
                    .iter()
                    .any(|h| h.snippet.parts.iter().any(|p| p.marked)),
            "{:?}",
            q.text
        );
        // FTS5 requires every word: compared with the articles holding every word.
        totals.push(r.all_words);
    }
    let mut latencies = Vec::new();
    for _ in 0..3 {
        for q in qs {
            let t = Instant::now();
            let r = index.search(&req(q, false)).expect("search");
            latencies.push((q.kind, t.elapsed()));
            std::hint::black_box(r);
        }
    }
    // Readings of the diacritic-less queries (a separate call: the CLI list, /api/readings).
    let mut readings = Vec::new();
    for q in qs.iter().filter(|q| q.kind == Kind::NoDiacritics) {
        let t = Instant::now();
        let r = index.readings(&q.text).expect("readings");
        readings.push(t.elapsed());
        std::hint::black_box(r);
    }
    readings.sort();
    errors.sort_by(f64::total_cmp);
    eprintln!(
        "estimated totals vs exact: mean error {:.2} %, largest {:.2} %",
        100.0 * errors.iter().sum::<f64>() / errors.len().max(1) as f64,
        100.0 * errors.last().copied().unwrap_or(0.0)
    );
    Run {
        cpu,
        load,
        finalize,
        size,
        latencies,
        totals,
        readings,
    }
}

fn run_fts5(path: &Path, records: &[Record], qs: &[Query]) -> Run {
    let cpu0 = cpu_secs();
    let t = Instant::now();
    let mut c = Connection::open(path).expect("sqlite");
    c.execute_batch(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;
         CREATE TABLE articles(rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, url TEXT,
           source TEXT, title TEXT, body TEXT, author TEXT, published TEXT, province TEXT,
           province_now TEXT, entities TEXT);
         CREATE INDEX articles_province ON articles(province);
         CREATE INDEX articles_published ON articles(published);
         CREATE VIRTUAL TABLE fts USING fts5(title, body, content='articles',
           content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');",
    )
    .expect("schema");
    for chunk in records.chunks(BATCH) {
        let tx = c.transaction().expect("tx");
        {
            let mut find = tx
                .prepare_cached("SELECT rowid, title, body FROM articles WHERE id = ?1")
                .expect("prepare");
            let mut del = tx
                .prepare_cached(
                    "INSERT INTO fts(fts, rowid, title, body) VALUES('delete', ?1, ?2, ?3)",
                )
                .expect("prepare");
            let mut del_row = tx
                .prepare_cached("DELETE FROM articles WHERE rowid = ?1")
                .expect("prepare");
            let mut ins = tx
                .prepare_cached(
                    "INSERT INTO articles(id, url, source, title, body, author, published,
                       province, province_now, entities) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)",
                )
                .expect("prepare");
            let mut ins_fts = tx
                .prepare_cached("INSERT INTO fts(rowid, title, body) VALUES (?1, ?2, ?3)")
                .expect("prepare");
            for r in chunk {
                let id = r.id();
                let old: Option<(i64, Option<String>, String)> = find
                    .query_row([&id], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
                    .optional()
                    .expect("find");
                if let Some((rowid, title, body)) = old {
                    del.execute(params![rowid, title, body]).expect("delete");
                    del_row.execute([rowid]).expect("delete");
                }
                let entities = serde_json::to_string(&r.entities).expect("json");
                ins.execute(params![
                    id,
                    r.url,
                    r.source,
                    r.title,
                    r.body,
                    r.author,
                    r.published,
                    r.province,
                    r.province_now,
                    entities
                ])
                .expect("insert");
                let rowid = tx.last_insert_rowid();
                ins_fts
                    .execute(params![rowid, r.title, r.body])
                    .expect("insert fts");
            }
        }
        tx.commit().expect("commit");
    }
    let load = t.elapsed();
    let t = Instant::now();
    c.execute_batch("INSERT INTO fts(fts) VALUES('optimize'); PRAGMA wal_checkpoint(TRUNCATE);")
        .expect("optimize");
    let finalize = t.elapsed();
    let cpu = cpu_secs() - cpu0;
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
        + std::fs::metadata(path.with_extension("sqlite-wal")).map_or(0, |m| m.len());

    let top = "SELECT a.rowid, a.title, a.url, a.published, a.province,
                 snippet(fts, 1, '<b>', '</b>', '…', 24)
               FROM fts JOIN articles a ON a.rowid = fts.rowid
               WHERE fts MATCH ?1 ORDER BY rank LIMIT 10";
    let top_filtered = "SELECT a.rowid, a.title, a.url, a.published, a.province,
                 snippet(fts, 1, '<b>', '</b>', '…', 24)
               FROM fts JOIN articles a ON a.rowid = fts.rowid
               WHERE fts MATCH ?1 AND a.province = ?2 AND a.published >= ?3
                 AND a.published < ?4 ORDER BY rank LIMIT 10";
    let count = "SELECT count(*) FROM fts WHERE fts MATCH ?1";
    let count_filtered = "SELECT count(*) FROM fts JOIN articles a ON a.rowid = fts.rowid
               WHERE fts MATCH ?1 AND a.province = ?2 AND a.published >= ?3
                 AND a.published < ?4";
    let run = |q: &Query| -> usize {
        let m = fts5_match(q);
        let rows: usize;
        let total: i64;
        if q.kind == Kind::Filtered {
            let from = q.from.clone().unwrap_or_default();
            let to = format!(
                "{}",
                q.to.as_deref()
                    .and_then(|t| t.parse::<u32>().ok())
                    .unwrap_or(9999)
                    + 1
            );
            let p = q.province.clone().unwrap_or_default();
            let mut st = c.prepare_cached(top_filtered).expect("prepare");
            rows = st
                .query_map(params![m, p, from, to], |r| r.get::<_, String>(5))
                .expect("query")
                .count();
            total = c
                .prepare_cached(count_filtered)
                .expect("prepare")
                .query_row(params![m, p, from, to], |r| r.get(0))
                .expect("count");
        } else {
            let mut st = c.prepare_cached(top).expect("prepare");
            rows = st
                .query_map([&m], |r| r.get::<_, String>(5))
                .expect("query")
                .count();
            total = c
                .prepare_cached(count)
                .expect("prepare")
                .query_row([&m], |r| r.get(0))
                .expect("count");
        }
        std::hint::black_box(rows);
        usize::try_from(total).unwrap_or(0)
    };
    let totals: Vec<usize> = qs.iter().map(run).collect();
    let mut latencies = Vec::new();
    for _ in 0..3 {
        for q in qs {
            let t = Instant::now();
            run(q);
            latencies.push((q.kind, t.elapsed()));
        }
    }
    Run {
        readings: Vec::new(),
        cpu,
        load,
        finalize,
        size,
        latencies,
        totals,
    }
}

fn lat(run: &Run, kind: Option<Kind>) -> (f64, f64) {
    let mut v: Vec<Duration> = run
        .latencies
        .iter()
        .filter(|(k, _)| kind.is_none_or(|want| *k == want))
        .map(|(_, d)| *d)
        .collect();
    v.sort();
    (percentile(&v, 0.5), percentile(&v, 0.99))
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing: run small then.
    let n: usize = std::env::var("BAOCHI_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if std::env::args().any(|a| a == "--bench") {
            200_000
        } else {
            2_000
        });
    let tmp = tempfile::tempdir().expect("tmp");
    let t = Instant::now();
    let records: Vec<Record> = (0..n as u64).map(synth::article).collect();
    let bytes: usize = records
        .iter()
        .map(|r| r.body.len() + r.title.as_ref().map_or(0, String::len))
        .sum();
    eprintln!(
        "generated {n} articles, {:.1} MB of text, in {:.1}s",
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    let qs = queries();
    assert_eq!(qs.len(), 200);

    let dir = std::env::var_os("BAOCHI_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| tmp.path().join("baochi"));
    let b = run_baochi(&dir, &records, &qs);
    eprintln!("baochi done");
    if std::env::var_os("BAOCHI_BENCH_NO_FTS5").is_some() {
        for (name, kind) in [
            ("all 200 queries", None),
            ("plain (diacritics)", Some(Kind::Plain)),
            ("without diacritics", Some(Kind::NoDiacritics)),
            ("quoted phrase", Some(Kind::Phrase)),
            ("filtered (province, years)", Some(Kind::Filtered)),
        ] {
            let (p50, p99) = lat(&b, kind);
            println!("baochi latency p50 / p99 (ms), {name}: {p50:.2} / {p99:.2}");
        }
        println!(
            "baochi readings p50 / p99 (ms): {:.2} / {:.2}",
            percentile(&b.readings, 0.5),
            percentile(&b.readings, 0.99)
        );
        return;
    }
    let f = run_fts5(&tmp.path().join("fts5.sqlite"), &records, &qs);

    // Results: baochi finds at least what FTS5 finds (it also folds đ), filters aside.
    let mut fewer = 0;
    for (i, q) in qs.iter().enumerate() {
        if q.kind != Kind::Filtered && b.totals[i] < f.totals[i] {
            eprintln!(
                "fewer hits than FTS5: {:?} {} < {}",
                q.text, b.totals[i], f.totals[i]
            );
            fewer += 1;
        }
    }
    assert_eq!(fewer, 0);
    let missed_d = qs
        .iter()
        .enumerate()
        .filter(|(i, q)| q.kind == Kind::NoDiacritics && f.totals[*i] < b.totals[*i])
        .count();

    let secs = |d: Duration| d.as_secs_f64();
    let mb = bytes as f64 / 1e6;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    println!("\n## baochi vs SQLite FTS5, {n} synthetic articles ({mb:.1} MB of text)\n");
    println!("| | baochi (tantivy, {threads} threads) | FTS5 (1 thread) | baochi / FTS5 |");
    println!("|---|---:|---:|---:|");
    let tb = secs(b.load + b.finalize);
    let tf = secs(f.load + f.finalize);
    println!(
        "| index: load + commit (s) | {:.1} | {:.1} | |",
        secs(b.load),
        secs(f.load)
    );
    println!(
        "| index: merge / optimize (s) | {:.1} | {:.1} | |",
        secs(b.finalize),
        secs(f.finalize)
    );
    println!(
        "| index: CPU time, all threads (s) | {:.1} | {:.1} | {:.2} |",
        b.cpu,
        f.cpu,
        b.cpu / f.cpu
    );
    println!(
        "| indexing throughput (articles/s) | {:.0} | {:.0} | {:.2} |",
        n as f64 / tb,
        n as f64 / tf,
        tf / tb
    );
    println!(
        "| indexing throughput (MB/s) | {:.2} | {:.2} | {:.2} |",
        mb / tb,
        mb / tf,
        tf / tb
    );
    println!(
        "| index size (MB) | {:.1} | {:.1} | {:.2} |",
        b.size as f64 / 1e6,
        f.size as f64 / 1e6,
        b.size as f64 / f.size as f64
    );
    for (name, kind) in [
        ("all 200 queries", None),
        ("plain (diacritics)", Some(Kind::Plain)),
        ("without diacritics", Some(Kind::NoDiacritics)),
        ("quoted phrase", Some(Kind::Phrase)),
        ("filtered (province, years)", Some(Kind::Filtered)),
    ] {
        let (bp50, bp99) = lat(&b, kind);
        let (fp50, fp99) = lat(&f, kind);
        println!(
            "| latency p50 / p99 (ms), {name} | {bp50:.2} / {bp99:.2} | {fp50:.2} / {fp99:.2} | {:.2} / {:.2} |",
            bp50 / fp50,
            bp99 / fp99
        );
    }
    println!(
        "\nbaochi: readings of the 50 diacritic-less queries (a separate call), p50 / p99 (ms): {:.2} / {:.2}",
        percentile(&b.readings, 0.5),
        percentile(&b.readings, 0.99)
    );
    println!(
        "\ndiacritic-less queries where FTS5 finds fewer articles (it does not fold đ): {missed_d} of 50"
    );
    let (_, bp99) = lat(&b, None);
    let (_, fp99) = lat(&f, None);
    println!("\ntargets:");
    println!(
        "- indexing ratio >= 1.0: {:.2} {}",
        tf / tb,
        if tf / tb >= 1.0 { "met" } else { "NOT met" }
    );
    println!(
        "- p99 <= 1/5 of FTS5: {:.3} {}",
        bp99 / fp99,
        if bp99 * 5.0 <= fp99 { "met" } else { "NOT met" }
    );
    println!(
        "- size <= 1.5x FTS5: {:.2} {}",
        b.size as f64 / f.size as f64,
        if b.size as f64 <= 1.5 * f.size as f64 {
            "met"
        } else {
            "NOT met"
        }
    );
}
