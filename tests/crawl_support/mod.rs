//! Local HTTP servers for the crawl tests: a handler function per site, a log of every
//! request, and the highest number of requests in flight at once.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A request as the site sees it.
#[derive(Debug, Clone)]
pub struct Req {
    /// Path and query.
    pub target: String,
    pub user_agent: String,
    pub if_none_match: Option<String>,
    pub if_modified_since: Option<String>,
    pub at: Instant,
    /// How many earlier requests had the same target.
    pub nth: usize,
}

/// What the site answers.
#[derive(Debug, Clone)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Wait this long before answering.
    pub delay: Duration,
}

impl Resp {
    pub fn html(body: impl Into<String>) -> Resp {
        Resp::bytes(200, "text/html; charset=utf-8", body.into().into_bytes())
    }
    pub fn bytes(status: u16, ct: &str, body: Vec<u8>) -> Resp {
        Resp {
            status,
            headers: vec![("content-type".into(), ct.into())],
            body,
            delay: Duration::ZERO,
        }
    }
    pub fn status(status: u16) -> Resp {
        Resp::bytes(
            status,
            "text/plain",
            format!("status {status}").into_bytes(),
        )
    }
    pub fn redirect(status: u16, to: &str) -> Resp {
        let mut r = Resp::status(status);
        r.headers.push(("location".into(), to.into()));
        r
    }
    pub fn header(mut self, k: &str, v: &str) -> Resp {
        self.headers.push((k.into(), v.into()));
        self
    }
}

/// The name of the servers' threads.
pub const SERVER_THREAD: &str = "site-server";

type Handler = dyn Fn(&Req) -> Resp + Send + Sync;

pub struct Server {
    pub addr: SocketAddr,
    pub log: Arc<Mutex<Vec<Req>>>,
    pub max_in_flight: Arc<AtomicUsize>,
    _stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Server {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }
    pub fn requests(&self) -> Vec<Req> {
        self.log.lock().unwrap().clone()
    }
    pub fn count(&self, target: &str) -> usize {
        self.requests()
            .iter()
            .filter(|r| r.target == target)
            .count()
    }
}

struct Shared {
    handler: Box<Handler>,
    log: Arc<Mutex<Vec<Req>>>,
    in_flight: AtomicUsize,
    max_in_flight: Arc<AtomicUsize>,
}

/// Serves `handler` on `ip` (any port) from its own thread.
pub fn serve(ip: &str, handler: impl Fn(&Req) -> Resp + Send + Sync + 'static) -> Server {
    let listener = std::net::TcpListener::bind((ip, 0)).unwrap();
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    let log = Arc::new(Mutex::new(Vec::new()));
    let max_in_flight = Arc::new(AtomicUsize::new(0));
    let shared = Arc::new(Shared {
        handler: Box::new(handler),
        log: log.clone(),
        in_flight: AtomicUsize::new(0),
        max_in_flight: max_in_flight.clone(),
    });
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    // Named so that benches can tell the server's CPU time from the crawler's.
    let server = std::thread::Builder::new().name(SERVER_THREAD.into());
    let _ = server.spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            let app = axum::Router::new().fallback(move |req: axum::extract::Request| {
                let shared = shared.clone();
                async move { answer(shared, req).await }
            });
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
        });
    });
    Server {
        addr,
        log,
        max_in_flight,
        _stop: Some(tx),
    }
}

struct InFlight<'a>(&'a AtomicUsize);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

async fn answer(shared: Arc<Shared>, req: axum::extract::Request) -> axum::response::Response {
    let (target, ua, inm, ims) = {
        let h = |n: &str| {
            req.headers()
                .get(n)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let target = req
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_default();
        (
            target,
            h("user-agent"),
            h("if-none-match"),
            h("if-modified-since"),
        )
    };
    drop(req);
    let r = {
        let mut log = shared.log.lock().unwrap();
        let nth = log.iter().filter(|x| x.target == target).count();
        let r = Req {
            target,
            user_agent: ua.unwrap_or_default(),
            if_none_match: inm,
            if_modified_since: ims,
            at: Instant::now(),
            nth,
        };
        log.push(r.clone());
        r
    };
    let resp = (shared.handler)(&r);
    if resp.delay.is_zero() {
        // Ordinary answers take a few milliseconds, so that two requests at once overlap
        // and show in `max_in_flight`. Slow answers are not counted: their client gives
        // up (timeout) and moves on while the server still sleeps.
        let now = shared.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        let _guard = InFlight(&shared.in_flight);
        shared.max_in_flight.fetch_max(now, Ordering::SeqCst);
        tokio::time::sleep(Duration::from_millis(5)).await;
    } else {
        tokio::time::sleep(resp.delay).await;
    }
    let mut b = axum::response::Response::builder().status(resp.status);
    for (k, v) in &resp.headers {
        b = b.header(k.as_str(), v.as_str());
    }
    b.body(axum::body::Body::from(resp.body)).unwrap()
}

/// An article page: a title, a date line and three paragraphs (a news brief).
pub fn article(title: &str, extra: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body>\
         <article><h1>{title}</h1><p class=\"date\">12/03/2013 08:15</p>\
         <p>Ngày 12/3/2013, Ban Thường vụ Tỉnh ủy tổ chức hội nghị \
         kiểm điểm tự phê bình và phê bình theo tinh thần Nghị quyết Trung ương 4 (khóa XI) \
         về một số vấn đề cấp bách trong xây dựng Đảng hiện nay.</p>\
         <p>Các đại biểu đã thẳng thắn chỉ ra những hạn chế, khuyết điểm của tập thể và cá \
         nhân, đề ra giải pháp khắc phục cụ thể trong thời gian tới.</p>\
         <p>{extra}</p></article></body></html>"
    )
}

/// Every WARC record in a folder of `.warc.gz` files, read member by member: (WARC
/// headers, block).
pub fn warc_records(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".warc.gz"))
        .collect();
    files.sort();
    for f in files {
        let bytes = std::fs::read(&f).unwrap();
        let mut rest: &[u8] = &bytes;
        while !rest.is_empty() {
            let mut member = Vec::new();
            let mut dec = flate2::bufread::GzDecoder::new(&mut rest);
            dec.read_to_end(&mut member)
                .unwrap_or_else(|e| panic!("{}: bad gzip member: {e}", f.display()));
            let end = member
                .windows(4)
                .position(|w| w == b"\r\n\r\n")
                .expect("WARC header");
            let head = String::from_utf8(member[..end].to_vec()).unwrap();
            assert!(head.starts_with("WARC/1.1\r\n"), "{head}");
            let len: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("Content-Length: "))
                .unwrap()
                .trim()
                .parse()
                .unwrap();
            let block = member[end + 4..end + 4 + len].to_vec();
            assert_eq!(&member[end + 4 + len..], b"\r\n\r\n", "record trailer");
            out.push((head, block));
        }
    }
    out
}

/// The value of a WARC header field.
pub fn field<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines()
        .find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(": ")))
}

/// Whether Python's `warcio` is installed (CI installs it).
pub fn has_warcio() -> bool {
    std::process::Command::new("python3")
        .args(["-c", "import warcio"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Reads every WARC file in `dir` with `warcio` and returns the number of response records.
pub fn warcio_responses(dir: &std::path::Path) -> usize {
    let script = r#"
import sys, glob
from warcio.archiveiterator import ArchiveIterator
n = 0
for path in sorted(glob.glob(sys.argv[1] + '/*.warc.gz')):
    with open(path, 'rb') as f:
        for rec in ArchiveIterator(f):
            if rec.rec_type == 'response':
                rec.content_stream().read()
                n += 1
print(n)
"#;
    let out = std::process::Command::new("python3")
        .args(["-c", script, dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "warcio failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}
