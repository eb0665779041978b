//! One HTTP GET, kept as an exchange (request as sent, response as received) for WARC.
//!
//! Redirects are not followed here: each hop is its own exchange, queued like any URL, so
//! every response is kept and loops end at the seen-set. Bodies are read up to a cap;
//! a larger body is kept truncated and marked so.

use std::net::IpAddr;
use std::time::Duration;
use url::Url;

/// The client settings.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// The `User-Agent` header.
    pub user_agent: String,
    /// Whole-request timeout (connect, headers and body).
    pub timeout: Duration,
    /// The largest body read, in bytes.
    pub max_body: u64,
}

/// A response as received.
#[derive(Debug, Clone)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// The reason phrase (canonical for the code; HTTP/2 has none).
    pub reason: String,
    /// `HTTP/1.1`, `HTTP/2`…
    pub version: String,
    /// Headers in the order received.
    pub headers: Vec<(String, Vec<u8>)>,
    /// The body (after transfer decoding, before content decoding).
    pub body: Vec<u8>,
    /// Whether the body was cut at the cap.
    pub truncated: bool,
    /// The server's address.
    pub ip: Option<IpAddr>,
}

impl Response {
    /// The first value of a header, as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .and_then(|(_, v)| std::str::from_utf8(v).ok())
    }
}

/// Why no response came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The request took longer than the timeout.
    Timeout,
    /// Could not connect, or the connection broke.
    Network(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Timeout => write!(f, "timed out"),
            Failure::Network(m) => write!(f, "{m}"),
        }
    }
}

/// A request and what came back.
#[derive(Debug, Clone)]
pub struct Exchange {
    /// The URL requested.
    pub url: Url,
    /// When the request was sent.
    pub date: chrono::DateTime<chrono::Utc>,
    /// Headers sent (besides `Host`).
    pub request_headers: Vec<(String, String)>,
    /// The response, or why none came.
    pub response: Result<Response, Failure>,
}

/// An HTTP client with the crawler's settings.
#[derive(Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    config: FetchConfig,
}

impl Fetcher {
    /// Builds the client: no redirects followed, no cookies, the timeout and user agent
    /// given.
    pub fn new(config: FetchConfig) -> Result<Fetcher, super::CrawlError> {
        let client = reqwest::Client::builder()
            .user_agent(config.user_agent.clone())
            .redirect(reqwest::redirect::Policy::none())
            .timeout(config.timeout)
            .connect_timeout(config.timeout)
            .pool_max_idle_per_host(2)
            .build()
            .map_err(super::CrawlError::Http)?;
        Ok(Fetcher { client, config })
    }

    /// GETs `url`, conditionally when validators are given.
    pub async fn get(
        &self,
        url: &Url,
        etag: Option<&str>,
        last_modified: Option<&str>,
    ) -> Exchange {
        let mut headers: Vec<(String, String)> = vec![
            ("user-agent".into(), self.config.user_agent.clone()),
            (
                "accept".into(),
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8".into(),
            ),
            ("accept-language".into(), "vi,en;q=0.5".into()),
        ];
        if let Some(e) = etag {
            headers.push(("if-none-match".into(), e.to_string()));
        }
        if let Some(l) = last_modified {
            headers.push(("if-modified-since".into(), l.to_string()));
        }
        let date = chrono::Utc::now();
        let mut req = self.client.get(url.clone());
        for (k, v) in headers.iter().skip(1) {
            req = req.header(k.as_str(), v.as_str());
        }
        let response = self.send(req).await;
        Exchange {
            url: url.clone(),
            date,
            request_headers: headers,
            response,
        }
    }

    async fn send(&self, req: reqwest::RequestBuilder) -> Result<Response, Failure> {
        let mut resp = req.send().await.map_err(classify)?;
        let status = resp.status();
        let version = match resp.version() {
            reqwest::Version::HTTP_09 => "HTTP/0.9",
            reqwest::Version::HTTP_10 => "HTTP/1.0",
            reqwest::Version::HTTP_2 => "HTTP/2",
            reqwest::Version::HTTP_3 => "HTTP/3",
            _ => "HTTP/1.1",
        };
        let headers = resp
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_string(), v.as_bytes().to_vec()))
            .collect();
        let ip = resp.remote_addr().map(|a| a.ip());
        let mut body = Vec::new();
        let mut truncated = false;
        while let Some(chunk) = resp.chunk().await.map_err(classify)? {
            let room = self.config.max_body.saturating_sub(body.len() as u64) as usize;
            if chunk.len() > room {
                body.extend_from_slice(&chunk[..room]);
                truncated = true;
                break;
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Response {
            status: status.as_u16(),
            reason: status.canonical_reason().unwrap_or("").to_string(),
            version: version.to_string(),
            headers,
            body,
            truncated,
            ip,
        })
    }
}

fn classify(e: reqwest::Error) -> Failure {
    if e.is_timeout() {
        return Failure::Timeout;
    }
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(&e);
    while let Some(s) = src {
        let m = s.to_string();
        if !msg.contains(&m) {
            msg.push_str(": ");
            msg.push_str(&m);
        }
        src = s.source();
    }
    Failure::Network(msg)
}
