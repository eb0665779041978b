//! robots.txt (RFC 9309) for one host: which paths the crawler may fetch and how long it
//! must wait between requests (`Crawl-delay`).
//!
//! Input: the status and body of `/robots.txt`. Output: [`Robots`]. A missing file (4xx)
//! allows everything; a server error or an unreachable host disallows everything for this
//! run, as the RFC asks, so the host's queue waits for the next run.

use std::time::Duration;
use texting_robots::Robot;

/// The product token matched against `User-agent` lines.
pub const AGENT_TOKEN: &str = "baochi";

/// The rules for one host.
#[derive(Debug)]
pub enum Robots {
    /// No robots.txt (4xx): everything allowed.
    AllowAll,
    /// robots.txt could not be fetched (5xx, network): nothing allowed this run.
    Unreachable(String),
    /// Parsed rules.
    Rules(Box<Robot>),
}

impl Robots {
    /// The rules given the response to `/robots.txt` (`None` when no response came).
    pub fn from_response(status: Option<u16>, body: &[u8], why: &str) -> Robots {
        match status {
            Some(200..=299) => match Robot::new(AGENT_TOKEN, body) {
                Ok(r) => Robots::Rules(Box::new(r)),
                // An unparsable file says nothing we can obey: RFC 9309 treats it as empty.
                Err(_) => Robots::AllowAll,
            },
            Some(429) => Robots::Unreachable("robots.txt: 429 too many requests".into()),
            // More redirects than followed: RFC 9309 lets the file count as unavailable.
            Some(300..=399) => Robots::AllowAll,
            Some(400..=499) => Robots::AllowAll,
            Some(s) => Robots::Unreachable(format!("robots.txt: status {s}")),
            None => Robots::Unreachable(format!("robots.txt: {why}")),
        }
    }

    /// Whether `url` may be fetched.
    pub fn allowed(&self, url: &str) -> bool {
        match self {
            Robots::AllowAll => true,
            Robots::Unreachable(_) => false,
            Robots::Rules(r) => r.allowed(url),
        }
    }

    /// The `Crawl-delay` asked for, if any (capped at one minute: a larger value would
    /// stall a crawl for hours and is more often a typo than a wish).
    pub fn crawl_delay(&self) -> Option<Duration> {
        match self {
            Robots::Rules(r) => r
                .delay
                .filter(|d| d.is_finite() && *d > 0.0)
                .map(|d| Duration::from_secs_f32(d.min(60.0))),
            _ => None,
        }
    }

    /// The sitemaps the file lists.
    pub fn sitemaps(&self) -> &[String] {
        match self {
            Robots::Rules(r) => &r.sitemaps,
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_for_us_and_for_all() {
        let txt = b"User-agent: *\nDisallow: /private/\nCrawl-delay: 2\n\nUser-agent: baochi\nDisallow: /no-baochi/\nCrawl-delay: 0.5\nSitemap: http://h.vn/sitemap.xml\n";
        let r = Robots::from_response(Some(200), txt, "");
        assert!(!r.allowed("http://h.vn/no-baochi/a.html"));
        // Our own group replaces the `*` group.
        assert!(r.allowed("http://h.vn/private/a.html"));
        assert_eq!(r.crawl_delay(), Some(Duration::from_millis(500)));
        assert_eq!(r.sitemaps(), ["http://h.vn/sitemap.xml"]);
    }

    #[test]
    fn missing_and_failing() {
        assert!(Robots::from_response(Some(404), b"", "").allowed("http://h.vn/a"));
        assert!(!Robots::from_response(Some(503), b"", "").allowed("http://h.vn/a"));
        assert!(!Robots::from_response(None, b"", "timeout").allowed("http://h.vn/a"));
    }
}
