//! The JSON API handlers.

use super::AppState;
use super::stream::export_body;
use crate::export::{Format, Table};
use crate::index::{Index, IndexError, SearchRequest};
use crate::report::{ReportOptions, report_index};
use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::Arc;

/// Longest value accepted for a filter (province, document, dates, table, format).
const MAX_PARAM_CHARS: usize = 200;
/// Hits per page when `limit` is absent.
const DEFAULT_LIMIT: usize = 20;

/// An error answer: a status and `{"error": message}`.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    pub(crate) fn bad(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }
    fn not_found(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }
    fn unavailable(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            message: message.into(),
        }
    }
    fn internal(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: message.into(),
        }
    }
}

impl From<IndexError> for ApiError {
    fn from(e: IndexError) -> ApiError {
        match e {
            IndexError::BadQuery(_) => ApiError::bad(e.to_string()),
            IndexError::Missing(_) | IndexError::Outdated { .. } => {
                ApiError::unavailable(e.to_string())
            }
            _ => {
                tracing::error!(error = %e, "index error");
                ApiError::internal(e.to_string())
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message });
        (self.status, Json(body)).into_response()
    }
}

/// Query-string parameters; a repeated name keeps its last value. A value whose
/// percent-escapes are not UTF-8 is kept as an error, answered 400 when it is read.
struct Params(HashMap<String, Result<String, ()>>);

impl Params {
    fn parse(raw: Option<String>) -> Params {
        let raw = raw.unwrap_or_default();
        let mut map = HashMap::new();
        for pair in raw.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let decode = |s: &str| -> Result<String, ()> {
                let s = s.replace('+', " ");
                let bytes: Vec<u8> = percent_encoding::percent_decode_str(&s).collect();
                String::from_utf8(bytes).map_err(|_| ())
            };
            let Ok(k) = decode(k) else {
                continue;
            };
            map.insert(k, decode(v));
        }
        Params(map)
    }

    /// The raw value of `name`: 400 when it is not UTF-8.
    fn get(&self, name: &str) -> Result<Option<&str>, ApiError> {
        match self.0.get(name) {
            None => Ok(None),
            Some(Ok(v)) => Ok(Some(v.as_str())),
            Some(Err(())) => Err(ApiError::bad(format!(
                "{name} is not valid UTF-8 once its %-escapes are decoded"
            ))),
        }
    }

    /// A non-empty value, trimmed, at most [`MAX_PARAM_CHARS`] long.
    fn text(&self, name: &str) -> Result<Option<String>, ApiError> {
        let Some(v) = self.get(name)?.map(str::trim).filter(|v| !v.is_empty()) else {
            return Ok(None);
        };
        if v.chars().count() > MAX_PARAM_CHARS {
            return Err(ApiError::bad(format!(
                "{name} is longer than {MAX_PARAM_CHARS} characters"
            )));
        }
        Ok(Some(v.to_string()))
    }

    fn number(&self, name: &str, default: usize, max: usize) -> Result<usize, ApiError> {
        match self.get(name)?.map(str::trim).filter(|v| !v.is_empty()) {
            None => Ok(default),
            Some(v) => {
                let n: usize = v.parse().map_err(|_| {
                    ApiError::bad(format!("{name} must be a whole number, not {v:?}"))
                })?;
                if n > max {
                    return Err(ApiError::bad(format!("{name} must be at most {max}")));
                }
                Ok(n)
            }
        }
    }

    /// `1`/`true` or `0`/`false` (absent: false).
    fn flag(&self, name: &str) -> Result<bool, ApiError> {
        match self.get(name)?.map(str::trim) {
            None | Some("" | "0" | "false") => Ok(false),
            Some("1" | "true") => Ok(true),
            Some(v) => Err(ApiError::bad(format!(
                "{name} must be 1 or 0, not {:?}",
                v.chars().take(20).collect::<String>()
            ))),
        }
    }

    fn date(&self, name: &str) -> Result<Option<String>, ApiError> {
        let v = self.text(name)?;
        if let Some(d) = &v {
            crate::index::query::checks::date_bound(name, d, false)?;
        }
        Ok(v)
    }

    /// The query and filters shared by search, report and export.
    fn request(&self, state: &AppState) -> Result<SearchRequest, ApiError> {
        let q = self.get("q")?.map(str::trim).unwrap_or("");
        let max = state.cfg.max_query_chars;
        if q.chars().count() > max {
            return Err(ApiError::bad(format!("q is longer than {max} characters")));
        }
        Ok(SearchRequest {
            query: q.to_string(),
            province: self.text("province")?,
            document: self.text("document")?,
            from: self.date("from")?,
            to: self.date("to")?,
            limit: DEFAULT_LIMIT,
            offset: 0,
            exact_counts: self.flag("exact")?,
            all_copies: self.flag("all_copies")?,
        })
    }
}

fn selects_all(req: &SearchRequest) -> bool {
    req.query.is_empty()
        && req.province.is_none()
        && req.document.is_none()
        && req.from.is_none()
        && req.to.is_none()
}

/// Runs `f` on the blocking pool under a permit, within the configured time.
async fn blocking<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&Index) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let permits = state.permits.clone();
    let index = state.index.clone();
    let work = async move {
        let permit = permits
            .acquire_owned()
            .await
            .map_err(|_| ApiError::unavailable("the server is shutting down"))?;
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            f(&index)
        })
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "index task failed");
            ApiError::internal("the index task failed")
        })?
    };
    tokio::time::timeout(state.cfg.timeout, work)
        .await
        .map_err(|_| ApiError::unavailable("the index took too long to answer"))?
}

/// `GET /api/search`
pub(crate) async fn search(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(raw);
    let mut req = p.request(&state)?;
    req.limit = p.number("limit", DEFAULT_LIMIT, state.cfg.max_limit)?;
    req.offset = p.number("offset", 0, state.cfg.max_offset)?;
    // An empty query selects everything: only when asked for (the page's overview), never
    // because a search box was left empty.
    if selects_all(&req) && !p.flag("all")? {
        return Err(ApiError::bad(
            "q is empty: type words to search for, choose a filter, or ask all=1 for every article",
        ));
    }
    let results = blocking(&state, move |ix| Ok(ix.search(&req)?)).await?;
    Ok(Json(results).into_response())
}

/// `GET /api/readings?q=…`: the readings of a query typed without diacritics, each with
/// its article count and the exact query that searches it (`{"readings": [...]}`; empty for
/// a query with diacritics).
pub(crate) async fn readings(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(raw);
    let req = p.request(&state)?;
    if req.query.is_empty() {
        return Err(ApiError::bad(
            "q is empty: readings are of words typed without diacritics",
        ));
    }
    let q = req.query;
    let readings = blocking(&state, move |ix| Ok(ix.readings(&q)?)).await?;
    Ok(Json(serde_json::json!({ "readings": readings })).into_response())
}

impl From<crate::views::ViewError> for ApiError {
    fn from(e: crate::views::ViewError) -> ApiError {
        match e {
            crate::views::ViewError::Bad(m) => ApiError::bad(m),
            crate::views::ViewError::Index(e) => e.into(),
            crate::views::ViewError::Write(e) => ApiError::internal(e.to_string()),
        }
    }
}

/// `GET /api/kwic?q=…&width=…&sort=…&limit=…&offset=…` (and the search filters).
pub(crate) async fn kwic(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    use crate::views::kwic::{DEFAULT_WIDTH, KwicRequest, MAX_WIDTH, kwic};
    let p = Params::parse(raw);
    let search = p.request(&state)?;
    if search.query.is_empty() {
        return Err(ApiError::bad(
            "q is empty: kwic shows the contexts of words",
        ));
    }
    let sort = p.text("sort")?.unwrap_or_else(|| "date".into()).parse()?;
    let req = KwicRequest {
        search,
        width: p.number("width", DEFAULT_WIDTH, MAX_WIDTH)?,
        sort,
    };
    let limit = p.number("limit", DEFAULT_LIMIT, state.cfg.max_limit)?;
    let offset = p.number("offset", 0, state.cfg.max_offset)?;
    let (total, lines) = blocking(&state, move |ix| {
        let mut lines = Vec::new();
        let total = kwic(ix, &req, offset, Some(limit), &mut |l| {
            lines.push(l);
            Ok(())
        })?;
        Ok((total, lines))
    })
    .await?;
    Ok(Json(serde_json::json!({ "total": total, "lines": lines })).into_response())
}

/// `GET /api/trend?q=…&by=…&split=…` (and the search filters).
pub(crate) async fn trend(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    use crate::views::trend::{TrendRequest, trend};
    let p = Params::parse(raw);
    let req = TrendRequest {
        search: p.request(&state)?,
        by: p.text("by")?.unwrap_or_else(|| "month".into()).parse()?,
        split: p.text("split")?.unwrap_or_else(|| "none".into()).parse()?,
    };
    let t = blocking(&state, move |ix| Ok(trend(ix, &req)?)).await?;
    Ok(Json(t.to_json()).into_response())
}

/// `GET /api/people?province=…&name=…`
pub(crate) async fn people(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    use crate::views::people::{PeopleRequest, people};
    let p = Params::parse(raw);
    let req = PeopleRequest {
        province: p.text("province")?,
        name: p.text("name")?,
    };
    let rows = blocking(&state, move |ix| Ok(people(ix, &req)?)).await?;
    Ok(Json(serde_json::json!({ "people": rows })).into_response())
}

/// `GET /api/figures?indicator=…&by=…` (+ the search parameters): figure series.
pub(crate) async fn figures(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    use crate::views::figures::{FiguresRequest, figures, indicator_name};
    let p = Params::parse(raw);
    let indicator = p
        .text("indicator")?
        .map(|i| indicator_name(&i))
        .transpose()?;
    let req = FiguresRequest {
        search: SearchRequest {
            limit: usize::MAX,
            ..p.request(&state)?
        },
        indicator: indicator.map(str::to_string),
        by: p.text("by")?.unwrap_or_else(|| "unit".into()).parse()?,
    };
    let points = blocking(&state, move |ix| Ok(figures(ix, &req)?)).await?;
    Ok(Json(serde_json::json!({ "indicator": indicator, "points": points })).into_response())
}

/// `GET /api/coverage?by=…&province=…&source=…`
pub(crate) async fn coverage(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    use crate::views::coverage::{CoverageRequest, coverage};
    let p = Params::parse(raw);
    let req = CoverageRequest {
        province: p.text("province")?,
        source: p.text("source")?,
        by: p.text("by")?.unwrap_or_else(|| "year".into()).parse()?,
    };
    let crawl_state = state.cfg.crawl_state.clone().filter(|s| s.is_file());
    let c = blocking(&state, move |ix| {
        let crawl = match crawl_state {
            Some(path) => crate::crawl::frontier::Frontier::open(&path)
                .and_then(|f| f.host_stats())
                .unwrap_or_else(|e| {
                    tracing::warn!(error = %e, "crawl counts left out of coverage");
                    Vec::new()
                }),
            None => Vec::new(),
        };
        Ok(coverage(ix, &crawl, &req)?)
    })
    .await?;
    Ok(Json(c).into_response())
}

/// `GET /api/articles/{id}`
pub(crate) async fn article(
    State(state): State<Arc<AppState>>,
    id: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> Result<Response, ApiError> {
    // An id that does not even decode (`%ff`) names no article either.
    let id = id.map(|Path(id)| id).unwrap_or_default();
    // Ids are hex hashes (Record::id): anything else names no article, and is answered so
    // without a lookup (the spec: 404 whatever the id's form).
    if id.is_empty() || id.len() > 64 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ApiError::not_found(format!(
            "no article with id {:?}",
            id.chars().take(80).collect::<String>()
        )));
    }
    let key = id.clone();
    let rec = blocking(&state, move |ix| Ok(ix.article(&key)?)).await?;
    let Some(rec) = rec else {
        return Err(ApiError::not_found(format!("no article with id {id}")));
    };
    let mut v = serde_json::to_value(&rec)
        .map_err(|e| ApiError::internal(format!("cannot serialise article {id}: {e}")))?;
    if let Some(o) = v.as_object_mut() {
        o.insert("id".into(), id.into());
    }
    Ok(Json(v).into_response())
}

/// The report of the articles `req` selects (the whole index when `whole`).
fn report_of(
    ix: &crate::index::Index,
    req: SearchRequest,
    whole: bool,
) -> Result<crate::report::Report, ApiError> {
    let sel = (!whole).then_some(SearchRequest {
        limit: usize::MAX,
        ..req
    });
    Ok(report_index(ix, sel.as_ref(), ReportOptions::default())?)
}

/// `GET /api/report` (optionally narrowed by the search parameters).
pub(crate) async fn report(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(raw);
    let req = p.request(&state)?;
    let whole = selects_all(&req);
    if whole
        && let Ok(cache) = state.report.lock()
        && let Some((at, json)) = cache.as_ref()
        && at.elapsed() < state.cfg.report_ttl
    {
        return Ok(json_text(json.as_str().to_string()));
    }
    let json = blocking(&state, move |ix| {
        let r = report_of(ix, req, whole)?;
        serde_json::to_string(&r).map_err(|e| ApiError::internal(e.to_string()))
    })
    .await?;
    let json = Arc::new(json);
    if whole && let Ok(mut cache) = state.report.lock() {
        *cache = Some((std::time::Instant::now(), json.clone()));
    }
    Ok(json_text(json.as_str().to_string()))
}

/// `GET /report` (optionally narrowed by the search parameters): the report as the HTML
/// page `baochi report --format html` writes, each figure with the articles behind it.
pub(crate) async fn report_page(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(raw);
    let req = p.request(&state)?;
    let whole = selects_all(&req);
    let html = blocking(&state, move |ix| {
        let r = report_of(ix, req, whole)?;
        let mut out = Vec::new();
        crate::report::render(&r, crate::report::ReportFormat::Html, &mut out)
            .map_err(|e| ApiError::internal(e.to_string()))?;
        String::from_utf8(out).map_err(|e| ApiError::internal(e.to_string()))
    })
    .await?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            // Its styles are inline; it runs no script at all.
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(
                    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; \
                     form-action 'none'; frame-ancestors 'none'",
                ),
            ),
        ],
        html,
    )
        .into_response())
}

fn json_text(s: String) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        s,
    )
        .into_response()
}

/// `GET /api/export?table=…&format=…` (and the search parameters): a streamed download.
pub(crate) async fn export(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(raw);
    let table: Table = p
        .text("table")?
        .ok_or_else(|| {
            ApiError::bad(
                "table is required: articles, documents, dates, officials, localities or statistics",
            )
        })?
        .parse()
        .map_err(|e: crate::export::ExportError| ApiError::bad(e.to_string()))?;
    let format: Format = p
        .text("format")?
        .unwrap_or_else(|| "csv".into())
        .parse()
        .map_err(|e: crate::export::ExportError| ApiError::bad(e.to_string()))?;
    let req = p.request(&state)?;
    let sel = (!selects_all(&req)).then_some(SearchRequest {
        limit: usize::MAX,
        ..req
    });
    // Waiting for a slot is bounded; the download itself is not (it streams).
    let permit = tokio::time::timeout(
        state.cfg.timeout,
        state.export_permits.clone().acquire_owned(),
    )
    .await
    .map_err(|_| ApiError::unavailable("too many exports running: try again shortly"))?
    .map_err(|_| ApiError::unavailable("the server is shutting down"))?;
    let body = export_body(state.index.clone(), sel, table, format, permit);
    let disposition = format!(
        "attachment; filename=\"baochi-{}.{}\"",
        table.name(),
        format.name()
    );
    let mut res = Response::new(body);
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.mime()),
    );
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}

/// `GET /api/provinces`: the tile grid the page draws its map with.
pub(crate) async fn provinces() -> Response {
    Json(super::province_grid()).into_response()
}

/// Anything not routed.
pub(crate) async fn not_found(uri: Uri) -> ApiError {
    let path: String = uri.path().chars().take(200).collect();
    ApiError::not_found(format!("no such page: {path}"))
}

/// A route asked with another method than GET.
pub(crate) async fn method_not_allowed() -> ApiError {
    ApiError {
        status: StatusCode::METHOD_NOT_ALLOWED,
        message: "read-only: only GET is served".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked() {
        let with = |d: &str| Params::parse(Some(format!("from={d}"))).date("from");
        for ok in ["2012", "2012-01", "2012-12-31", "2012-02-29"] {
            assert_eq!(with(ok).unwrap().as_deref(), Some(ok), "{ok}");
        }
        for bad in [
            "12",
            "2012-13",
            "2012-1-5",
            "2012-01-32",
            "2012-02-31",
            "2012/01",
            "2012-01-01-01",
        ] {
            let e = with(bad).unwrap_err();
            assert_eq!(e.status, StatusCode::BAD_REQUEST, "{bad}");
            assert!(e.message.contains("from date"), "{bad}: {}", e.message);
        }
        assert_eq!(with("").unwrap(), None);
    }

    #[test]
    fn values_that_are_not_utf8_are_refused() {
        let p = Params::parse(Some("q=%ff%fe&province=Thanh+H%C3%B3a".into()));
        let e = p.get("q").unwrap_err();
        assert!(e.message.contains("UTF-8"), "{}", e.message);
        assert_eq!(p.text("province").unwrap().as_deref(), Some("Thanh Hóa"));
    }

    #[test]
    fn params_decode_and_cap() {
        let p = Params::parse(Some("q=ngh%E1%BB%8B+quy%E1%BA%BFt&limit=5&limit=7".into()));
        assert_eq!(p.get("q").unwrap(), Some("nghị quyết"));
        assert_eq!(p.number("limit", 20, 100).unwrap(), 7);
        assert_eq!(p.number("offset", 0, 100).unwrap(), 0);
        let p = Params::parse(Some("limit=abc&province=".into()));
        assert!(
            p.number("limit", 20, 100)
                .unwrap_err()
                .message
                .contains("abc")
        );
        assert_eq!(p.text("province").unwrap(), None);
        let long = format!("province={}", "a".repeat(MAX_PARAM_CHARS + 1));
        assert!(Params::parse(Some(long)).text("province").is_err());
    }
}
