//! `baochi serve`'s HTTP API over loopback: search with facets, articles, report, export
//! downloads, the page and its assets, and the limits (bad parameters, unknown articles,
//! path traversal, other methods, escaping).

mod serve_common;

use baochi::export::{Table, rows};
use baochi::index::Index;
use baochi::report::{ReportOptions, report_index};
use baochi::serve::ServeConfig;
use reqwest::StatusCode;
use serde_json::Value;
use serve_common::TestServer;
use std::io::Write;
use std::time::Duration;

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client")
}

async fn setup() -> (tempfile::TempDir, Index, TestServer) {
    let tmp = tempfile::tempdir().expect("tmp");
    let index = serve_common::index_into(&tmp.path().join("index"), &serve_common::articles());
    let server = TestServer::start(index.clone(), ServeConfig::default()).await;
    (tmp, index, server)
}

async fn get(url: &str) -> (StatusCode, reqwest::header::HeaderMap, Vec<u8>) {
    let r = client().get(url).send().await.expect("request");
    let status = r.status();
    let headers = r.headers().clone();
    let body = r.bytes().await.expect("body").to_vec();
    (status, headers, body)
}

async fn json(url: &str) -> (StatusCode, Value) {
    let (s, h, b) = get(url).await;
    let ct = h
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    assert!(ct.starts_with("application/json"), "{url}: {ct}");
    (s, serde_json::from_slice(&b).expect("json body"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_without_diacritics_gives_hits_and_facets() {
    let (_tmp, _index, srv) = setup().await;
    let (s, v) = json(&format!(
        "{}/api/search?q=nghi+quyet+trung+uong+4",
        srv.base
    ))
    .await;
    assert_eq!(s, StatusCode::OK);
    assert!(v["total"].as_u64().unwrap_or(0) >= 2, "{v}");
    let hit = &v["hits"][0];
    for key in [
        "id",
        "url",
        "title",
        "published",
        "province",
        "score",
        "snippet",
    ] {
        assert!(hit.get(key).is_some(), "hit lacks {key}: {hit}");
    }
    assert!(
        hit["snippet"].as_str().unwrap_or("").contains("<b>"),
        "{hit}"
    );
    let provinces = v["facets"]["province"].as_object().expect("province facet");
    assert!(provinces.contains_key("Thừa Thiên Huế"), "{v}");
    assert!(
        v["facets"]["year"]
            .as_object()
            .is_some_and(|y| y.contains_key("2017")),
        "{v}"
    );
    assert!(
        v["facets"]["document"]
            .as_object()
            .is_some_and(|d| d.contains_key("04-NQ/TW")),
        "{v}"
    );

    // A facet value narrows the search, paging works.
    let (_, v) = json(&format!(
        "{}/api/search?q=nghi+quyet&province=Thanh+H%C3%B3a&limit=1",
        srv.base
    ))
    .await;
    assert_eq!(v["hits"].as_array().map(Vec::len), Some(1));
    assert_eq!(v["hits"][0]["province"], "Thanh Hóa");
    let (_, all) = json(&format!("{}/api/search?all=1", srv.base)).await;
    assert_eq!(all["total"], 4, "all=1 selects every article");
    let (s, v) = json(&format!("{}/api/search?q=", srv.base)).await;
    assert_eq!(
        s,
        StatusCode::BAD_REQUEST,
        "an empty query is never the whole index: {v}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reprints_fold_under_the_earliest_copy_and_all_copies_lists_them() {
    let tmp = tempfile::tempdir().expect("tmp");
    let mut records = serve_common::articles();
    records.push(serve_common::reprint_of_first());
    let index = serve_common::index_into(&tmp.path().join("index"), &records);
    let srv = TestServer::start(index, ServeConfig::default()).await;
    let (s, v) = json(&format!("{}/api/search?q=huong+tra", srv.base)).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["total"], 1, "{v}");
    let hit = &v["hits"][0];
    assert_eq!(hit["url"], json_str(&records[0].url));
    assert_eq!(hit["also_in"][0]["source"], "dangcongsan.vn", "{hit}");
    assert_eq!(hit["also_in"][0]["published"], "2017-03-20");
    assert!(hit.get("duplicate_of").is_none(), "{hit}");

    let (_, v) = json(&format!("{}/api/search?q=huong+tra&all_copies=1", srv.base)).await;
    assert_eq!(v["total"], 2, "{v}");
    let copy = v["hits"]
        .as_array()
        .and_then(|h| h.iter().find(|h| h["url"] == json_str(&records[4].url)))
        .expect("the reprint listed");
    assert_eq!(copy["duplicate_of"], records[0].id().as_str());

    // Trend counts the story once; the export lists both copies, the reprint linked.
    let (_, t) = json(&format!("{}/api/trend?q=huong+tra&by=year", srv.base)).await;
    let y2017 = t["series"]["all"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r[0] == "2017"))
        .expect("2017 in the series");
    assert_eq!(y2017, &serde_json::json!(["2017", 1, 2, 0.5]), "{t}");
    let (_, _, body) = get(&format!(
        "{}/api/export?table=articles&format=jsonl&q=huong+tra",
        srv.base
    ))
    .await;
    let rows: Vec<Value> = String::from_utf8_lossy(&body)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json row"))
        .collect();
    assert_eq!(rows.len(), 2);
    let links: Vec<&Value> = rows.iter().map(|r| &r["duplicate_of"]).collect();
    assert!(links.contains(&&Value::Null));
    assert!(links.contains(&&json_str(&Some(records[0].id()))));
}

fn json_str(s: &Option<String>) -> Value {
    s.as_deref().map_or(Value::Null, Value::from)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn figures_route_gives_series_and_names_the_closest_indicator() {
    let tmp = tempfile::tempdir().expect("tmp");
    let rec = baochi::extract::finish(
        baochi::extract::Article {
            title: Some("Mường Chà kết nạp đảng viên".into()),
            published: Some("2018-01-10".into()),
            body: "Năm 2017, huyện Mường Chà đã kết nạp 57 đảng viên mới.".into(),
            ..Default::default()
        },
        Some("https://baodienbienphu.com.vn/a.html"),
    );
    let index = serve_common::index_into(&tmp.path().join("index"), &[rec]);
    let srv = TestServer::start(index, ServeConfig::default()).await;
    let (s, v) = json(&format!(
        "{}/api/figures?indicator=k%E1%BA%BFt+n%E1%BA%A1p+%C4%91%E1%BA%A3ng+vi%C3%AAn+m%E1%BB%9Bi",
        srv.base
    ))
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["indicator"], "kết nạp đảng viên mới");
    let p = &v["points"][0];
    assert_eq!(p["unit"], "Mường Chà");
    assert_eq!(p["period"], "2017");
    assert_eq!(p["values"], serde_json::json!([57.0]));
    assert!(
        p["sources"][0]["sentence"]
            .as_str()
            .unwrap_or("")
            .contains("57")
    );
    // The report page: each figure with the article behind it, headings in Vietnamese.
    let (s, h, body) = get(&format!("{}/report", srv.base)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        h["content-type"]
            .to_str()
            .unwrap_or("")
            .starts_with("text/html")
    );
    assert!(
        !h["content-security-policy"]
            .to_str()
            .unwrap_or("")
            .contains("script-src 'self'")
    );
    let page = String::from_utf8_lossy(&body);
    assert!(page.contains("<h3>Số liệu theo chỉ tiêu</h3>"), "{page}");
    assert!(
        page.contains("kết nạp đảng viên mới")
            && page.contains("https://baodienbienphu.com.vn/a.html")
    );
    let (s, v) = json(&format!("{}/api/figures?by=province_now", srv.base)).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["points"][0]["unit"], "Điện Biên");
    let (s, v) = json(&format!("{}/api/figures?indicator=ket+nap", srv.base)).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(v["error"].as_str().unwrap_or("").contains("closest"), "{v}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readings_of_a_query_without_diacritics() {
    let (_tmp, _index, srv) = setup().await;
    let (s, v) = json(&format!("{}/api/readings?q=can+bo", srv.base)).await;
    assert_eq!(s, StatusCode::OK);
    let run = &v["readings"][0];
    assert_eq!(run["typed"], "can bo", "{v}");
    let first = &run["readings"][0];
    assert_eq!(first["text"], "cán bộ", "{v}");
    assert_eq!(first["query"], "=\"cán bộ\"", "{v}");
    // The reading's exact query finds as many articles as it counted.
    let q: String =
        url::form_urlencoded::byte_serialize(b"=\"c\xc3\xa1n b\xe1\xbb\x99\"").collect();
    let (_, hits) = json(&format!("{}/api/search?q={q}", srv.base)).await;
    assert_eq!(hits["total"], first["articles"], "{hits}");
    // With diacritics there is nothing to read; without words, a 400.
    let (_, v) = json(&format!("{}/api/readings?q=c%C3%A1n+b%E1%BB%99", srv.base)).await;
    assert_eq!(v["readings"], serde_json::json!([]));
    for q in ["", "%22", "OR"] {
        let (s, v) = json(&format!("{}/api/readings?q={q}", srv.base)).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{q}: {v}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kwic_and_trend_routes() {
    let (_tmp, _index, srv) = setup().await;
    let (s, v) = json(&format!("{}/api/kwic?q=can+bo&width=20&limit=2", srv.base)).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let total = v["total"].as_u64().unwrap_or(0);
    assert!(total >= 2, "{v}");
    let lines = v["lines"].as_array().expect("lines");
    assert_eq!(lines.len(), 2);
    for key in [
        "id",
        "url",
        "published",
        "province",
        "left",
        "match",
        "right",
    ] {
        assert!(lines[0].get(key).is_some(), "line lacks {key}: {v}");
    }
    assert_eq!(
        lines[0]["match"]
            .as_str()
            .map(baochi::text::fold_lower)
            .as_deref(),
        Some("can bo")
    );
    let (s, v) = json(&format!(
        "{}/api/trend?q=can+bo&by=year&split=province",
        srv.base
    ))
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["by"], "year");
    let series = v["series"].as_object().expect("series");
    let counted: u64 = series
        .values()
        .flat_map(|rows| rows.as_array().cloned().unwrap_or_default())
        .map(|row| {
            assert_eq!(row.as_array().map(Vec::len), Some(4), "{row}");
            row[1].as_u64().unwrap_or(0)
        })
        .sum();
    let (_, hits) = json(&format!("{}/api/search?q=can+bo&exact=1", srv.base)).await;
    assert_eq!(
        counted + v["undated"].as_u64().unwrap_or(0),
        hits["all_words"].as_u64().unwrap_or(0),
        "{v}"
    );
    for (route, query, needle) in [
        ("kwic", "q=", "q is empty"),
        ("kwic", "q=can+bo&sort=up", "unknown sort"),
        ("kwic", "q=can+bo&width=0", "width"),
        ("kwic", "q=%22", "no words"),
        ("trend", "q=can+bo&by=week", "unknown period"),
        ("trend", "q=can+bo&split=country", "unknown split"),
    ] {
        let (s, v) = json(&format!("{}/api/{route}?{query}", srv.base)).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{route}?{query}: {v}");
        assert!(
            v["error"].as_str().unwrap_or("").contains(needle),
            "{route}?{query}: {v}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn people_route() {
    let (_tmp, _index, srv) = setup().await;
    let (s, v) = json(&format!("{}/api/people?name=phuoc", srv.base)).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let p = &v["people"][0];
    assert_eq!(p["name"], "Tạ Ngọc Phước", "{v}");
    assert_eq!(p["titles"][0]["title"], "Bí thư Thị ủy Hương Trà", "{v}");
    for key in ["province", "articles", "mentions", "recent"] {
        assert!(p.get(key).is_some(), "person lacks {key}: {v}");
    }
    assert!(p["titles"][0].get("first").is_some() && p["titles"][0].get("last").is_some());
    let long = "a".repeat(300);
    let (s, _) = json(&format!("{}/api/people?name={long}", srv.base)).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn coverage_route() {
    let (_tmp, index, srv) = setup().await;
    let (s, v) = json(&format!("{}/api/coverage?by=year", srv.base)).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["by"], "year");
    let sources = v["sources"].as_array().expect("sources");
    let held: u64 = sources
        .iter()
        .map(|s| s["articles"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(held, index.len(), "{v}");
    for key in [
        "source",
        "province",
        "first",
        "last",
        "fetched",
        "not_articles",
        "failed",
        "last_crawl",
        "periods",
        "gaps",
    ] {
        assert!(sources[0].get(key).is_some(), "row lacks {key}: {v}");
    }
    assert!(
        sources
            .iter()
            .any(|s| s["source"].is_null() && s["province"] == "Cà Mau"),
        "a province without a source is listed: {v}"
    );
    let (s, _) = json(&format!("{}/api/coverage?by=week", srv.base)).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_parameters_answer_400_with_a_message() {
    let (_tmp, _index, srv) = setup().await;
    let long = "a".repeat(501);
    for (query, needle) in [
        ("limit=abc", "limit"),
        ("limit=1000", "at most 100"),
        ("offset=99999999", "offset"),
        ("from=2012/01/01", "from"),
        ("to=2012-13", "to"),
        (&*format!("q={long}"), "longer than 500"),
        ("q=%22", "no words"),
        ("q=-", "no words"),
        ("q=OR+AND+OR", "no words"),
        ("q=%ff%fe", "UTF-8"),
        ("province=%ff", "UTF-8"),
        ("province=Atlantis", "no province"),
        ("province=%C3%BF", "no province"),
        ("from=2012-02-31", "from date \"2012-02-31\""),
        ("from=2013-01-01&to=2012-01-01", "after"),
    ] {
        let (s, v) = json(&format!("{}/api/search?{query}", srv.base)).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{query}");
        let message = v["error"].as_str().unwrap_or("");
        assert!(message.contains(needle), "{query}: {v}");
        assert!(
            !message.contains("--"),
            "the API names no CLI flag: {message}"
        );
    }
    // A province by another spelling or name is the province.
    for p in ["thanh+hoa", "T%E1%BB%89nh+Thanh+H%C3%B3a"] {
        let (s, v) = json(&format!("{}/api/search?province={p}", srv.base)).await;
        assert_eq!(s, StatusCode::OK, "{p}: {v}");
    }
    for query in ["", "table=persons", "table=dates&format=xlsx"] {
        let (s, v) = json(&format!("{}/api/export?{query}", srv.base)).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{query}");
        assert!(v["error"].is_string());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn articles_by_id_404_when_unknown() {
    let (_tmp, index, srv) = setup().await;
    let rec = &serve_common::articles()[0];
    let id = rec.id();
    let (s, v) = json(&format!("{}/api/articles/{id}", srv.base)).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["id"], id.as_str());
    assert_eq!(v["body"], rec.body.as_str());
    assert_eq!(v["entities"]["officials"][0]["name"], "Tạ Ngọc Phước");
    assert_eq!(
        v["entities"]["statistics"][1]["start"].as_u64(),
        Some(rec.entities.statistics[1].span.start as u64)
    );
    assert!(index.article(&id).expect("lookup").is_some());

    let (s, v) = json(&format!("{}/api/articles/0123456789abcdef", srv.base)).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(
        v["error"]
            .as_str()
            .unwrap_or("")
            .contains("0123456789abcdef")
    );
    // An id names an article or it does not: 404 whatever its form (spec).
    for id in ["not-an-id", "%ff", "0123456789ABCDEF0123", &"a".repeat(300)] {
        let (s, v) = json(&format!("{}/api/articles/{id}", srv.base)).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{id}");
        assert!(
            v["error"].as_str().unwrap_or("").contains("no article"),
            "{id}: {v}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn report_is_the_report_of_the_index() {
    let (_tmp, index, srv) = setup().await;
    let (s, v) = json(&format!("{}/api/report", srv.base)).await;
    assert_eq!(s, StatusCode::OK);
    let want =
        serde_json::to_value(report_index(&index, None, ReportOptions::default()).expect("report"))
            .expect("json");
    assert_eq!(v, want);
    assert_eq!(v["provinces"][0]["province"], "Thanh Hóa");
    assert_eq!(v["months"]["2017-03"], 1);
    // Served again from the cache, same answer.
    let (_, again) = json(&format!("{}/api/report", srv.base)).await;
    assert_eq!(again, want);
    let (_, narrowed) = json(&format!("{}/api/report?province=Can+Tho", srv.base)).await;
    assert_eq!(narrowed["articles"], 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_downloads_stream_each_format() {
    let (_tmp, index, srv) = setup().await;
    let mut want = Vec::new();
    index
        .for_each_record(None, &mut |id, rec| {
            want.extend(rows(Table::Localities, id, &rec));
            Ok(())
        })
        .expect("walk");

    let (s, h, body) = get(&format!(
        "{}/api/export?table=localities&format=csv",
        srv.base
    ))
    .await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        h["content-type"]
            .to_str()
            .unwrap_or("")
            .starts_with("text/csv")
    );
    assert!(
        h["content-disposition"]
            .to_str()
            .unwrap_or("")
            .contains("baochi-localities.csv")
    );
    let mut rd = csv::Reader::from_reader(body.as_slice());
    assert_eq!(rd.records().count(), want.len());

    let (_, _, body) = get(&format!(
        "{}/api/export?table=localities&format=jsonl&q=ba+thuoc",
        srv.base
    ))
    .await;
    let lines: Vec<Value> = String::from_utf8(body)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("line"))
        .collect();
    assert!(!lines.is_empty() && lines.len() < want.len(), "{lines:?}");
    assert!(lines.iter().all(|l| l["province"] == "Thanh Hóa"));

    let (s, _, body) = get(&format!(
        "{}/api/export?table=statistics&format=parquet",
        srv.base
    ))
    .await;
    assert_eq!(s, StatusCode::OK);
    let mut f = tempfile::tempfile().expect("tmp");
    f.write_all(&body).expect("write");
    let rows = serve_common::parquet_cells(f);
    assert_eq!(rows.len(), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn page_assets_and_headers() {
    let (_tmp, _index, srv) = setup().await;
    let (s, h, body) = get(&format!("{}/", srv.base)).await;
    assert_eq!(s, StatusCode::OK);
    let page = String::from_utf8(body).expect("utf-8");
    assert!(page.contains("<script src=\"/assets/app.js\""));
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "no CDN"
    );
    assert!(
        h["content-security-policy"]
            .to_str()
            .unwrap_or("")
            .contains("script-src 'self'")
    );
    assert_eq!(h["x-content-type-options"], "nosniff");
    let (s, h, js) = get(&format!("{}/assets/app.js", srv.base)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        h["content-type"]
            .to_str()
            .unwrap_or("")
            .starts_with("text/javascript")
    );
    let js = String::from_utf8(js).expect("utf-8");
    assert!(
        !js.contains("innerHTML"),
        "the script never parses server text as HTML"
    );
    let (s, _, _) = get(&format!("{}/assets/app.css", srv.base)).await;
    assert_eq!(s, StatusCode::OK);
    let (s, v) = json(&format!("{}/api/provinces", srv.base)).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v.as_array().map(Vec::len), Some(63));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_path_traversal_and_read_only() {
    let (_tmp, _index, srv) = setup().await;
    for path in [
        "/assets/../Cargo.toml",
        "/assets/%2e%2e/Cargo.toml",
        "/assets/..%2fCargo.toml",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/assets/app.js/../../src/lib.rs",
        "/api/articles/..%2F..%2Fetc%2Fpasswd",
        "/nope",
    ] {
        let (s, _, body) = get(&format!("{}{path}", srv.base)).await;
        assert!(
            s == StatusCode::NOT_FOUND || s == StatusCode::BAD_REQUEST,
            "{path}: {s}"
        );
        let text = String::from_utf8_lossy(&body);
        assert!(
            !text.contains("[package]") && !text.contains("root:"),
            "{path}"
        );
        assert!(
            serde_json::from_slice::<Value>(&body).is_ok_and(|v| v["error"].is_string()),
            "{path}"
        );
    }
    let r = client()
        .post(format!("{}/api/search", srv.base))
        .body("q=x")
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
    let r = client()
        .delete(format!("{}/api/articles/0123456789abcdef", srv.base))
        .send()
        .await
        .expect("delete");
    assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn markup_in_articles_comes_back_escaped_in_snippets() {
    let (_tmp, _index, srv) = setup().await;
    let (_, v) = json(&format!("{}/api/search?q=cong+tac+can+bo", srv.base)).await;
    let hit = v["hits"]
        .as_array()
        .and_then(|h| {
            h.iter()
                .find(|h| h["url"] == "https://baothanhhoa.vn/bai-la.html")
        })
        .expect("the article with markup")
        .clone();
    let snippet = hit["snippet"].as_str().unwrap_or("");
    let stripped = snippet.replace("<b>", "").replace("</b>", "");
    assert!(
        !stripped.contains('<'),
        "only <b> marks are markup: {snippet}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_requests_all_succeed() {
    let (_tmp, _index, srv) = setup().await;
    let c = client();
    let mut tasks = Vec::new();
    for i in 0..64 {
        let c = c.clone();
        let url = format!("{}/api/search?q=dang+vien&offset={}", srv.base, i % 3);
        tasks.push(tokio::spawn(async move {
            c.get(url).send().await.map(|r| r.status())
        }));
    }
    for t in tasks {
        assert_eq!(t.await.expect("task").expect("request"), StatusCode::OK);
    }
}
