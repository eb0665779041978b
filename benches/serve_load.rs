//! Load test of `baochi serve` on loopback: a bounded number of searches (10,000 by
//! default) over a fixed number of connections (32), against an index of 45,000
//! synthetic Vietnamese articles, in a mix of 18 request shapes. Prints p50/p99 latency and requests per second, and fails on any
//! error or non-200 answer.
//!
//! `cargo bench --bench serve_load`; sizes from BAOCHI_LOAD_REQUESTS,
//! BAOCHI_LOAD_CONNECTIONS and BAOCHI_LOAD_ARTICLES; BAOCHI_LOAD_SHAPES=1 adds each
//! request shape's median time alone (BAOCHI_LOAD_EXTRA, say `&all_copies=1`, is appended
//! to each); BAOCHI_LOAD_DIR keeps the index there (for `examples/search_stages.rs`).

use baochi::index::Index;
use baochi::record::Record;
use baochi::serve::{ServeConfig, province_grid, router, serve};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const SENTENCES: &[&str] = &[
    "Ban Thường vụ Tỉnh ủy tổ chức hội nghị sơ kết thực hiện Nghị quyết Trung ương 4 khóa XII về tăng cường xây dựng, chỉnh đốn Đảng.",
    "Đảng bộ huyện đã kết nạp {n} đảng viên mới, vượt chỉ tiêu đề ra.",
    "Có {p}% tổ chức cơ sở đảng được đánh giá hoàn thành tốt nhiệm vụ, trong sạch vững mạnh.",
    "Công tác cán bộ, luân chuyển cán bộ được thực hiện công khai, dân chủ, đúng quy trình.",
    "Cấp ủy các cấp đã xử lý kỷ luật {n} đảng viên vi phạm, ngăn chặn suy thoái tư tưởng chính trị, đạo đức, lối sống.",
    "Hội nghị quán triệt Chỉ thị số 05-CT/TW về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    "Đồng chí Bí thư Huyện ủy nhấn mạnh việc tự phê bình và phê bình phải thực chất, tránh hình thức.",
    "Ủy ban Kiểm tra Thị ủy đã kiểm tra {n} tổ chức đảng khi có dấu hiệu vi phạm.",
    "Thực hiện Nghị quyết số 12-NQ/TW khóa XI, các chi bộ tổ chức sinh hoạt chuyên đề hằng quý.",
    "Năm {y}, toàn tỉnh có {n} tập thể và cá nhân được khen thưởng vì thành tích xuất sắc.",
];

/// The mix of requests, as query strings: with and without diacritics, phrases,
/// exclusions, OR, exact forms, document codes, province and date filters, a filter alone,
/// deep pages (issue 13's 18 shapes).
const SHAPES: &[&str] = &[
    "q=nghi+quyet+trung+uong+4",
    "q=ngh%E1%BB%8B+quy%E1%BA%BFt+trung+%C6%B0%C6%A1ng+4",
    "q=dang+vien+moi",
    "q=%22trong+s%E1%BA%A1ch+v%E1%BB%AFng+m%E1%BA%A1nh%22",
    "q=%22tu+phe+binh%22",
    "q=can+bo+luan+chuyen",
    "q=ky+luat+dang+vien+-%22Thanh+H%C3%B3a%22",
    "q=12-NQ%2FTW",
    "q=NQTW4",
    "q=chi+thi+05",
    "q=khen+thuong+OR+ky+luat",
    "q=(hoi+nghi+OR+quan+triet)+chi+bo",
    "q=%3D%22c%C3%A1n+b%E1%BB%99%22",
    "q=kiem+tra+to+chuc+dang&province=Thanh+Hoa",
    "q=dang+bo+huyen&from=2015&to=2020",
    "q=dao+duc+loi+song&offset=40",
    "province=Ngh%E1%BB%87+An&from=2014-03&all=1",
    "q=sinh+hoat+chuyen+de&document=12-NQ%2FTW&offset=20",
];

fn synthetic(i: usize) -> Record {
    let grid = province_grid();
    let province = &grid[i % grid.len()].name;
    let mut body = String::new();
    for k in 0..8 {
        let s = SENTENCES[(i * 7 + k * 3) % SENTENCES.len()]
            .replace("{n}", &((i * 13 + k) % 400 + 5).to_string())
            .replace("{p}", &format!("{},{}", (i + k) % 60 + 30, i % 100))
            .replace("{y}", &(2012 + (i + k) % 12).to_string());
        body.push_str(&s);
        body.push_str(if k % 3 == 2 { "\n\n" } else { " " });
    }
    Record {
        url: Some(format!("https://bao.example.vn/bai-{i}.html")),
        source: Some("bao.example.vn".into()),
        title: Some(format!(
            "{province}: {}",
            SENTENCES[i % SENTENCES.len()]
                .chars()
                .take(40)
                .collect::<String>()
        )),
        published: Some(format!(
            "{}-{:02}-{:02}",
            2012 + i % 12,
            i % 12 + 1,
            i % 28 + 1
        )),
        province: Some(province.clone()),
        province_now: Some(province.clone()),
        // Entities as extraction finds them, so document filters and references match as
        // on real pages.
        entities: baochi::entities::find_all(body.trim(), None),
        body: body.trim().to_string(),
        ..Record::default()
    }
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let requests = env_usize("BAOCHI_LOAD_REQUESTS", 10_000);
    let connections = env_usize("BAOCHI_LOAD_CONNECTIONS", 32);
    let articles = env_usize("BAOCHI_LOAD_ARTICLES", 45_000);

    let tmp = tempfile::tempdir().expect("tmp");
    let dir = std::env::var("BAOCHI_LOAD_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| tmp.path().join("index"));
    let _ = std::fs::remove_dir_all(&dir);
    let index = Index::create_or_open(&dir).expect("index");
    let t = Instant::now();
    {
        let mut w = index.writer().expect("writer");
        for i in 0..articles {
            w.upsert(&synthetic(i)).expect("upsert");
        }
        w.commit().expect("commit");
    }
    index.reload().expect("reload");
    assert_eq!(index.len() as usize, articles);
    let stories = index
        .search(&baochi::index::SearchRequest {
            query: String::new(),
            province: None,
            document: None,
            from: None,
            to: None,
            limit: 0,
            offset: 0,
            exact_counts: true,
            all_copies: false,
        })
        .expect("count")
        .total;
    eprintln!(
        "indexed {articles} synthetic articles in {:.1?} ({stories} stories once reprints fold)",
        t.elapsed()
    );

    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(serve(listener, router(Arc::new(index), ServeConfig::default()), async move {
            let _ = stop_rx.await;
        }));

        let client = reqwest::Client::builder()
            .no_proxy()
            .pool_max_idle_per_host(connections)
            .timeout(Duration::from_secs(30))
            .build()
            .expect("client");
        let next = Arc::new(AtomicUsize::new(0));
        let errors = Arc::new(AtomicUsize::new(0));
        let start = Instant::now();
        let mut workers = Vec::new();
        for _ in 0..connections {
            let (client, next, errors) = (client.clone(), next.clone(), errors.clone());
            workers.push(tokio::spawn(async move {
                let mut lat = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= requests {
                        break lat;
                    }
                    let shape = SHAPES[i % SHAPES.len()];
                    let url = format!("http://{addr}/api/search?{shape}&limit=10{}", std::env::var("BAOCHI_LOAD_EXTRA").unwrap_or_default());
                    let t = Instant::now();
                    let ok = match client.get(url).send().await {
                        Ok(r) if r.status().is_success() => {
                            r.bytes().await.is_ok_and(|b| b.starts_with(b"{\"total\""))
                        }
                        _ => false,
                    };
                    lat.push(t.elapsed());
                    if !ok {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }));
        }
        let mut lat: Vec<Duration> = Vec::with_capacity(requests);
        for w in workers {
            lat.extend(w.await.expect("worker"));
        }
        let wall = start.elapsed();
        // Where the time goes: each shape alone, one at a time (median of 15).
        if std::env::var("BAOCHI_LOAD_SHAPES").is_ok_and(|v| v == "1") {
            for shape in SHAPES {
                let url = format!("http://{addr}/api/search?{shape}&limit=10{}", std::env::var("BAOCHI_LOAD_EXTRA").unwrap_or_default());
                let mut times = Vec::new();
                for _ in 0..15 {
                    let t = Instant::now();
                    let r = client.get(&url).send().await.expect("send");
                    let _ = r.bytes().await;
                    times.push(t.elapsed());
                }
                times.sort();
                println!("  {:>9.2?}  {shape}", times[7]);
            }
        }
        let _ = stop_tx.send(());
        let _ = server.await;

        lat.sort();
        let pct = |p: f64| lat[((lat.len() as f64 - 1.0) * p).round() as usize];
        let errors = errors.load(Ordering::Relaxed);
        println!(
            "serve_load: {} searches, {connections} connections, {articles} articles: {errors} errors, \
             p50 {:.2?}, p99 {:.2?}, max {:.2?}, {:.0} requests/s ({:.2?} in all)",
            lat.len(),
            pct(0.50),
            pct(0.99),
            lat[lat.len() - 1],
            lat.len() as f64 / wall.as_secs_f64(),
            wall
        );
        assert_eq!(lat.len(), requests);
        assert_eq!(errors, 0, "every search answered 200 with results");
    });
}
