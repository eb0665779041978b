//! Serve: the search, report and exports behind a JSON HTTP API and a web page.
//!
//! Input: an open [`Index`]. Output: an axum [`Router`] answering the API of `cli.md`
//! (`/api/search`, `/api/articles/{id}`, `/api/report`, `/api/export`) plus `/` (the page,
//! its script and style embedded in the binary: no build step, no CDN) and
//! `/api/provinces` (the tile grid the page draws its map with).
//!
//! Read-only by construction: only `GET` routes exist and none touches the file system.
//! Queries are length-capped, pages size-capped, every error is `{"error": "…"}` with 400
//! (bad parameters), 404 (unknown article or path) or 500/503, and index work runs on the
//! blocking pool behind a semaphore so a burst cannot starve the runtime.

mod api;
mod assets;
mod grid;
mod stream;

pub use grid::{ProvinceTile, province_grid};

use crate::index::Index;
use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::Response;
use axum::routing::get;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Limits of the server.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// Longest query accepted, in characters.
    pub max_query_chars: usize,
    /// Most hits one search page returns.
    pub max_limit: usize,
    /// Deepest page offset accepted.
    pub max_offset: usize,
    /// Searches, articles and reports running at once.
    pub max_concurrent: usize,
    /// Export downloads running at once (they hold their slot until the download ends, so
    /// they get their own, and a few slow downloads cannot starve searches).
    pub max_exports: usize,
    /// How long a search, article or report may take before the answer is 503.
    pub timeout: Duration,
    /// How long the whole-index report is reused before being computed again.
    pub report_ttl: Duration,
    /// The crawl state of the data directory, for the crawl's counts in `/api/coverage`
    /// (left out when absent or held by a running crawl).
    pub crawl_state: Option<std::path::PathBuf>,
}

impl Default for ServeConfig {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        ServeConfig {
            max_query_chars: 500,
            max_limit: 100,
            max_offset: 10_000,
            max_concurrent: (cores * 2).max(4),
            max_exports: 2,
            timeout: Duration::from_secs(20),
            report_ttl: Duration::from_secs(60),
            crawl_state: None,
        }
    }
}

/// What the handlers share.
pub(crate) struct AppState {
    pub(crate) index: Arc<Index>,
    pub(crate) cfg: ServeConfig,
    pub(crate) permits: Arc<tokio::sync::Semaphore>,
    pub(crate) export_permits: Arc<tokio::sync::Semaphore>,
    pub(crate) report: Mutex<Option<(std::time::Instant, Arc<String>)>>,
}

/// The application: every route, with the security headers added to every answer.
pub fn router(index: Arc<Index>, cfg: ServeConfig) -> Router {
    let state = Arc::new(AppState {
        index,
        permits: Arc::new(tokio::sync::Semaphore::new(cfg.max_concurrent.max(1))),
        export_permits: Arc::new(tokio::sync::Semaphore::new(cfg.max_exports.max(1))),
        cfg,
        report: Mutex::new(None),
    });
    Router::new()
        .route("/", get(assets::page))
        .route("/index.html", get(assets::page))
        .route("/assets/app.js", get(assets::script))
        .route("/assets/app.css", get(assets::style))
        .route("/api/search", get(api::search))
        .route("/api/readings", get(api::readings))
        .route("/api/kwic", get(api::kwic))
        .route("/api/trend", get(api::trend))
        .route("/api/people", get(api::people))
        .route("/api/figures", get(api::figures))
        .route("/api/coverage", get(api::coverage))
        .route("/api/articles/{id}", get(api::article))
        .route("/api/report", get(api::report))
        .route("/report", get(api::report_page))
        .route("/api/export", get(api::export))
        .route("/api/provinces", get(api::provinces))
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::method_not_allowed)
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

/// Headers that keep the page from running anything but its own script, being framed, or
/// having its JSON sniffed as HTML.
async fn security_headers(mut res: Response) -> Response {
    let h = res.headers_mut();
    // A page that sets its own (the report: inline styles, no script) keeps it.
    h.entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res
}

/// Serves `app` on `listener` until `shutdown` completes, then lets requests in flight
/// finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with(listener, app, Limits::default(), shutdown).await
}

/// What a connection may cost the server.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Connections open at once; past it a new one is answered 503 and closed.
    pub max_connections: usize,
    /// How long a client may take to send a request's headers, and how long a kept-alive
    /// connection may wait for its next request, before it is closed.
    pub header_timeout: Duration,
    /// How long `serve` waits for requests in flight once asked to stop.
    pub drain: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: 512,
            header_timeout: Duration::from_secs(10),
            drain: Duration::from_secs(10),
        }
    }
}

/// The answer to a connection past [`Limits::max_connections`].
const BUSY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\n\
content-length: 46\r\nretry-after: 1\r\nconnection: close\r\n\r\n\
{\"error\":\"too many connections, try again\"}\n";

/// [`serve`] with explicit [`Limits`]: slow or idle clients are closed after the header
/// timeout, and connections past the cap get a 503 rather than exhausting file handles.
pub async fn serve_with(
    listener: tokio::net::TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::service::TowerToHyperService;
    use tokio::io::AsyncWriteExt;
    let slots = Arc::new(tokio::sync::Semaphore::new(limits.max_connections.max(1)));
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (mut stream, _) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(s) => s,
                // Out of file handles or a reset before accept: the listener is fine.
                Err(e) => {
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            tokio::spawn(async move {
                let _ = tokio::time::timeout(Duration::from_secs(2), stream.write_all(BUSY)).await;
                let _ = stream.shutdown().await;
            });
            continue;
        };
        let service = TowerToHyperService::new(app.clone());
        let header_timeout = limits.header_timeout;
        tokio::spawn(async move {
            let _slot = slot;
            let conn = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout)
                .serve_connection(TokioIo::new(stream), service);
            if let Err(e) = conn.await {
                tracing::debug!(error = %e, "connection closed");
            }
        });
    }
    // Requests in flight finish (each holds a slot), within the drain time.
    let all = u32::try_from(limits.max_connections.max(1)).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(limits.drain, slots.acquire_many(all)).await;
    Ok(())
}
