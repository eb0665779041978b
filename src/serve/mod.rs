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
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}
