//! The page in a real browser: headless Chromium driven over the W3C WebDriver protocol
//! (chromedriver) with a small client on reqwest. Types a query without diacritics, picks a
//! facet, opens an article and checks its entities are highlighted at their code point
//! offsets and listed beside it; checks markup in articles stays text. Screenshots go to
//! tests/artifacts/ (git-ignored).
//!
//! Needs the Debian packages `chromium` and `chromium-driver`. Without them the test fails
//! when the environment variable CI is set, and otherwise prints why it is skipped.

mod serve_common;

use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// W3C's key for element references in WebDriver answers.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";
const WAIT: Duration = Duration::from_secs(15);

fn find_binary(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for n in names {
            let p = dir.join(n);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// A child process killed (by its own handle) when dropped.
struct Proc(Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Starts `baochi serve` on a free port; returns the process and its base URL.
fn start_server(data: &Path) -> (Proc, String) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("baochi"))
        .arg("--data")
        .arg(data)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("baochi serve");
    let stderr = child.stderr.take().expect("stderr");
    let proc = Proc(child);
    let mut line = String::new();
    BufReader::new(stderr)
        .read_line(&mut line)
        .expect("serve's first line");
    let base = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .trim_end_matches('/')
        .to_string();
    (proc, base)
}

/// A WebDriver session.
struct Driver {
    http: reqwest::Client,
    url: String,
}

impl Driver {
    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let mut req = self.http.request(method, format!("{}{path}", self.url));
        if let Some(b) = body {
            req = req
                .header("content-type", "application/json")
                .body(b.to_string());
        }
        let resp = req.send().await.expect("webdriver request");
        let status = resp.status();
        let bytes = resp.bytes().await.expect("webdriver body");
        let v: Value = serde_json::from_slice(&bytes).expect("webdriver json");
        assert!(status.is_success(), "webdriver {path}: {status} {v}");
        v["value"].clone()
    }

    async fn post(&self, path: &str, body: Value) -> Value {
        self.call(reqwest::Method::POST, path, Some(body)).await
    }

    async fn goto(&self, url: &str) {
        self.post("/url", json!({ "url": url })).await;
    }

    /// Runs `script` (a function body) in the page and returns its result.
    async fn js(&self, script: &str, args: Value) -> Value {
        self.post("/execute/sync", json!({ "script": script, "args": args }))
            .await
    }

    async fn find(&self, css: &str) -> String {
        let v = self
            .post("/element", json!({ "using": "css selector", "value": css }))
            .await;
        v[ELEMENT].as_str().expect("element id").to_string()
    }

    async fn click(&self, css: &str) {
        let id = self.find(css).await;
        self.post(&format!("/element/{id}/click"), json!({})).await;
    }

    async fn type_into(&self, css: &str, text: &str) {
        let id = self.find(css).await;
        self.post(&format!("/element/{id}/clear"), json!({})).await;
        self.post(&format!("/element/{id}/value"), json!({ "text": text }))
            .await;
    }

    /// Waits until `script` returns true.
    async fn wait_for(&self, what: &str, script: &str) {
        let start = Instant::now();
        loop {
            if self.js(script, json!([])).await == json!(true) {
                return;
            }
            if start.elapsed() > WAIT {
                let text = self.js("return document.body.innerText", json!([])).await;
                panic!("timed out waiting for {what}; page text: {text}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn screenshot(&self, name: &str) {
        let v = self.call(reqwest::Method::GET, "/screenshot", None).await;
        let png = base64_decode(v.as_str().expect("base64 png"));
        assert!(png.starts_with(b"\x89PNG"), "{name} is a PNG");
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/artifacts");
        std::fs::create_dir_all(&dir).expect("artifacts dir");
        std::fs::write(dir.join(name), png).expect("screenshot");
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes().filter_map(val) {
        acc = (acc << 6) | u32::from(c);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

async fn scenario(d: &Driver, base: &str) {
    d.goto(&format!("{base}/")).await;
    d.wait_for(
        "the first page of results and the map",
        "return document.querySelectorAll('#hits .hit').length === 5 \
         && document.querySelectorAll('#map .tile').length === 63",
    )
    .await;
    d.wait_for(
        "the timeline",
        "return !!document.querySelector('#timeline svg rect')",
    )
    .await;
    d.screenshot("01-home.png").await;

    // A query typed without diacritics finds the articles written with them.
    d.type_into("#q", "nghi quyet trung uong 4").await;
    d.click("#go").await;
    d.wait_for(
        "results for the query",
        "return (document.getElementById('hits').dataset.shown || '').startsWith('q=nghi') \
         && document.querySelectorAll('#hits .hit').length >= 2 \
         && [...document.querySelectorAll('#hits .hit-title')].some(a => a.textContent.includes('Hương Trà'))",
    )
    .await;
    let marked = d
        .js(
            "return [...document.querySelectorAll('#hits .snippet mark')].map(m => m.textContent)",
            json!([]),
        )
        .await;
    assert!(
        marked.as_array().is_some_and(|m| !m.is_empty()),
        "snippets mark the matches: {marked}"
    );
    // The story another paper reprinted is one hit, naming the other paper.
    let also = d
        .js(
            "return [...document.querySelectorAll('#hits .hit')]\
             .filter(h => h.querySelector('.hit-title').textContent.includes('Hương Trà'))\
             .map(h => (h.querySelector('.also-in') || {}).textContent || '')",
            json!([]),
        )
        .await;
    assert_eq!(
        also,
        json!(["Cũng đăng trên: dangcongsan.vn (2017-03-20)"]),
        "one Hương Trà hit, its reprint named under it"
    );
    d.screenshot("02-search-without-diacritics.png").await;

    // "Every copy" lists the reprint as a hit of its own, marked as such by its link.
    d.click("#copies").await;
    d.wait_for(
        "every copy listed",
        "return (document.getElementById('hits').dataset.shown || '').includes('all_copies=1') \
         && [...document.querySelectorAll('#hits .hit-title')].some(a => a.textContent.startsWith('Thị xã Hương Trà'))",
    )
    .await;
    d.screenshot("02b-every-copy.png").await;
    d.click("#copies").await;
    d.wait_for(
        "copies folded again",
        "return !(document.getElementById('hits').dataset.shown || '').includes('all_copies') \
         && ![...document.querySelectorAll('#hits .hit-title')].some(a => a.textContent.startsWith('Thị xã Hương Trà'))",
    )
    .await;

    // Picking a facet narrows the results and shades the map.
    d.click("#facet-province button.facet[data-value='Thừa Thiên Huế']")
        .await;
    d.wait_for(
        "the province facet",
        "return (document.getElementById('hits').dataset.shown || '').includes('province=') \
         && document.querySelectorAll('#hits .hit').length === 1 \
         && document.querySelector('#filters .chip') !== null \
         && document.querySelector('#map .tile.active') !== null",
    )
    .await;
    d.screenshot("03-facet-province.png").await;

    // Opening the article shows its entities in the text and beside it.
    d.click("#hits .hit-title").await;
    d.wait_for(
        "the article view",
        "return !document.getElementById('article-view').hidden \
         && document.querySelectorAll('#article-body mark.ent').length >= 5",
    )
    .await;
    let marks = d
        .js(
            "return [...document.querySelectorAll('#article-body mark.ent')].map(m => [m.className, m.textContent])",
            json!([]),
        )
        .await;
    let has = |class: &str, text: &str| {
        marks.as_array().is_some_and(|a| {
            a.iter()
                .any(|m| m[0].as_str().is_some_and(|c| c.contains(class)) && m[1] == text)
        })
    };
    assert!(has("ent-officials", "Tạ Ngọc Phước"), "{marks}");
    assert!(has("ent-statistics", "22,06%"), "{marks}");
    assert!(
        has("ent-documents", "Nghị quyết Trung ương 4 (khóa XI)"),
        "{marks}"
    );
    assert!(has("ent-localities", "Hương Trà"), "{marks}");
    let listed = d
        .js(
            "return document.getElementById('entities').innerText",
            json!([]),
        )
        .await;
    let listed = listed.as_str().unwrap_or("");
    for needle in [
        "Tạ Ngọc Phước",
        "Bí thư Thị ủy Hương Trà",
        "12-NQ/TW",
        "22.06 %",
    ] {
        assert!(listed.contains(needle), "{needle} listed: {listed}");
    }
    // The body shown is the article's body, unchanged.
    let shown = d
        .js(
            "return document.getElementById('article-body').textContent",
            json!([]),
        )
        .await;
    assert_eq!(shown, json!(serve_common::articles()[0].body));
    d.click("#ents-officials li button").await;
    d.wait_for(
        "a flashed mention",
        "return document.querySelector('mark.flash') !== null",
    )
    .await;
    d.screenshot("04-article-entities.png").await;

    // Markup inside articles is shown as text, never run.
    d.goto(&format!("{base}/#q=cong+tac+can+bo")).await;
    d.wait_for(
        "the article with markup",
        "return [...document.querySelectorAll('#hits .hit-title')].some(a => a.textContent.includes('<img src=x'))",
    )
    .await;
    let injected = d
        .js(
            "return document.querySelectorAll('#hits img, #hits script, #hits b').length",
            json!([]),
        )
        .await;
    assert_eq!(injected, json!(0));
    d.screenshot("05-markup-stays-text.png").await;

    // A query without diacritics lists its readings; a click searches one exactly.
    d.goto(&format!("{base}/#q=can+bo")).await;
    d.wait_for(
        "the readings of the query",
        "return document.getElementById('readings').dataset.shown === 'can bo' \
         && document.querySelectorAll('#readings .reading').length >= 1",
    )
    .await;
    let first = d
        .js(
            "const b = document.querySelector('#readings .reading'); \
             return [b.dataset.query, b.textContent];",
            json!([]),
        )
        .await;
    assert_eq!(
        first[0],
        json!("=\"cán bộ\""),
        "the commonest reading first: {first}"
    );
    let label = first[1].as_str().unwrap_or_default().to_string();
    let count: String = label
        .rsplit('—')
        .next()
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    d.screenshot("06-readings.png").await;
    d.click("#readings .reading").await;
    d.wait_for(
        "the exact search of the reading",
        "return decodeURIComponent((document.getElementById('hits').dataset.shown || '').replace(/\\+/g, ' ')) \
           .startsWith('q==\"cán bộ\"') && document.getElementById('q').value === '=\"cán bộ\"'",
    )
    .await;
    let summary = d
        .js(
            "return document.getElementById('summary').textContent",
            json!([]),
        )
        .await;
    assert!(
        summary
            .as_str()
            .is_some_and(|s| s.starts_with(&format!("{count} bài"))),
        "the exact search finds the articles the reading counted ({label}): {summary}"
    );
    d.screenshot("07-reading-searched.png").await;

    // The KWIC tab: every occurrence with its contexts, the match as printed.
    d.goto(&format!("{base}/#q=can+bo&view=kwic")).await;
    d.wait_for(
        "the KWIC lines",
        "return !document.getElementById('kwic-view').hidden \
         && !!document.getElementById('kwic-view').dataset.shown \
         && document.querySelectorAll('#kwic tr').length >= 2",
    )
    .await;
    let matches = d
        .js(
            "return [...document.querySelectorAll('#kwic td.match')].map(t => t.textContent)",
            json!([]),
        )
        .await;
    let matches: Vec<String> = matches
        .as_array()
        .map(|v| {
            v.iter()
                .filter_map(|m| m.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    assert!(
        !matches.is_empty()
            && matches
                .iter()
                .all(|m| baochi::text::fold_lower(m) == "can bo"),
        "each line's match is the query as printed: {matches:?}"
    );
    d.js(
        "const s = document.getElementById('kwic-sort'); s.value = 'left'; \
         s.dispatchEvent(new Event('change')); return true;",
        json!([]),
    )
    .await;
    d.wait_for(
        "the lines sorted by their left context",
        "return (document.getElementById('kwic-view').dataset.shown || '').includes('sort=left')",
    )
    .await;
    d.screenshot("08-kwic.png").await;

    // The trend tab split by province, as counts then as shares of each province's articles.
    d.goto(&format!(
        "{base}/#q=can+bo&view=trend&by=year&split=province"
    ))
    .await;
    d.wait_for(
        "the trend by province",
        "return document.querySelectorAll('#trend .trend-grid tr[data-series]').length >= 2",
    )
    .await;
    d.js(
        "const s = document.getElementById('trend-measure'); s.value = 'share'; \
         s.dispatchEvent(new Event('change')); return true;",
        json!([]),
    )
    .await;
    d.wait_for(
        "shares in the grid and the timeline",
        "return (document.getElementById('trend').dataset.shown || '').endsWith('|share') \
         && [...document.querySelectorAll('#trend .trend-grid td')].some(td => td.textContent.endsWith('%')) \
         && document.getElementById('timeline').dataset.measure === 'share' \
         && document.getElementById('map').dataset.measure === 'share' \
         && [...document.querySelectorAll('#map .tile .n')].some(n => n.textContent.endsWith('%'))",
    )
    .await;
    d.screenshot("09-trend-by-province-shares.png").await;

    // The people tab: a person opened shows their titles over time and their articles.
    d.goto(&format!("{base}/#view=people")).await;
    d.wait_for(
        "the people list",
        "return document.querySelectorAll('#people button[data-person]').length >= 1",
    )
    .await;
    d.js(
        "const b = [...document.querySelectorAll('#people button[data-person]')] \
           .find(b => b.dataset.person.startsWith('Tạ Ngọc Phước|')); b.click(); return true;",
        json!([]),
    )
    .await;
    d.wait_for(
        "the person opened",
        "return (document.getElementById('person').dataset.shown || '').startsWith('Tạ Ngọc Phước|') \
         && document.querySelector('#person ol.titles').textContent.includes('Bí thư Thị ủy Hương Trà') \
         && document.querySelectorAll('#person .person-articles a').length >= 1",
    )
    .await;
    d.screenshot("10-person.png").await;

    // The coverage tab: the grid of sources by period, provinces without a source named.
    d.goto(&format!("{base}/#view=coverage")).await;
    d.wait_for(
        "the coverage grid",
        "return !!document.getElementById('coverage').dataset.shown \
         && document.querySelectorAll('#coverage tr[data-source]').length >= 1 \
         && document.querySelector('#coverage .uncovered').textContent.includes('Cà Mau')",
    )
    .await;
    d.screenshot("11-coverage.png").await;

    // The figures tab: one indicator as units × periods, the value linked to its article.
    d.goto(&format!(
        "{base}/#view=figures&ind=k%E1%BB%B7+lu%E1%BA%ADt+%C4%91%E1%BA%A3ng+vi%C3%AAn"
    ))
    .await;
    d.wait_for(
        "the discipline series",
        "return document.getElementById('figures').dataset.shown === 'kỷ luật đảng viên' \
         && [...document.querySelectorAll('#figures th')].some(th => th.textContent === 'Mường Chà') \
         && [...document.querySelectorAll('#figures .value')].map(v => v.textContent).join('|') === '16 đảng viên'",
    )
    .await;
    d.screenshot("12-figures.png").await;
    let href = d
        .js(
            "return document.getElementById('report-link').getAttribute('href')",
            json!([]),
        )
        .await;
    assert_eq!(
        href,
        json!("/report?"),
        "the report link follows the search"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn page_search_facet_article_entities_in_headless_chromium() {
    let chromium = find_binary(&["chromium", "chromium-browser", "google-chrome"]);
    let driver = find_binary(&["chromedriver"]);
    let (Some(chromium), Some(driver)) = (chromium, driver) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but chromium or chromedriver is missing: apt-get install chromium chromium-driver"
        );
        eprintln!(
            "SKIPPED browser test: chromium and chromedriver not found on PATH \
             (apt-get install chromium chromium-driver)"
        );
        return;
    };

    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    let mut records = serve_common::articles();
    records.push(serve_common::reprint_of_first());
    records.push(serve_common::figures_article());
    drop(serve_common::index_into(&data.join("index"), &records));
    let (_server, base) = start_server(&data);

    let port = free_port();
    let _driver = Proc(
        Command::new(&driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver"),
    );
    let http = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(60))
        .build()
        .expect("client");
    let root = format!("http://127.0.0.1:{port}");
    let start = Instant::now();
    loop {
        let ready = match http.get(format!("{root}/status")).send().await {
            Ok(r) => r.bytes().await.is_ok_and(|b| {
                serde_json::from_slice::<Value>(&b)
                    .is_ok_and(|v| v["value"]["ready"] == json!(true))
            }),
            Err(_) => false,
        };
        if ready {
            break;
        }
        assert!(start.elapsed() < WAIT, "chromedriver did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    let profile = tempfile::tempdir().expect("profile dir");
    let caps = json!({ "capabilities": { "alwaysMatch": {
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": chromium,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000",
                format!("--user-data-dir={}", profile.path().display()),
            ]
        }
    }}});
    let body = http
        .post(format!("{root}/session"))
        .header("content-type", "application/json")
        .body(caps.to_string())
        .send()
        .await
        .expect("new session")
        .bytes()
        .await
        .expect("session body");
    let resp: Value = serde_json::from_slice(&body).expect("session json");
    let session = resp["value"]["sessionId"]
        .as_str()
        .unwrap_or_else(|| panic!("no session: {resp}"))
        .to_string();
    let d = Driver {
        http: http.clone(),
        url: format!("{root}/session/{session}"),
    };

    // Run the scenario, then always end the session (which closes Chromium) before judging.
    let outcome = tokio::spawn(async move { scenario(&d, &base).await }).await;
    let _ = http
        .delete(format!("{root}/session/{session}"))
        .send()
        .await;
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}
