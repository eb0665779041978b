//! The sources file (`corpus/sources.toml`): the sites to crawl and where to start on each.
//!
//! ```toml
//! compiled = "2026-11-23"
//!
//! [[source]]
//! name = "Báo Nghệ An"
//! base = "https://baonghean.vn/"
//! province = "Nghệ An"
//! listings = ["https://baonghean.vn/chinh-tri/"]   # section pages (pagination followed)
//! sitemaps = []                                     # sitemap or sitemap index URLs
//! feeds = []                                        # RSS or Atom feeds
//! delay = 2.0                                       # seconds between requests (optional)
//! ```
//!
//! A source with no start point starts from its `base` page as a listing.

use super::CrawlError;
use super::frontier::Kind;
use serde::Deserialize;
use std::path::Path;
use url::Url;

/// A parsed sources file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sources {
    /// When the list was compiled (`YYYY-MM-DD`).
    #[serde(default)]
    pub compiled: Option<String>,
    /// The sites.
    #[serde(default, rename = "source")]
    pub sources: Vec<Source>,
}

/// One site.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The publication's name.
    pub name: String,
    /// The site's home page; its host (and `www.`/`m.` variants) is the crawl's scope.
    pub base: String,
    /// The province it covers (empty for national sites).
    #[serde(default)]
    pub province: String,
    /// Section listing pages.
    #[serde(default)]
    pub listings: Vec<String>,
    /// Sitemaps or sitemap indexes.
    #[serde(default)]
    pub sitemaps: Vec<String>,
    /// RSS or Atom feeds.
    #[serde(default)]
    pub feeds: Vec<String>,
    /// Seconds between two requests to this site (default: the crawl's `--delay`).
    #[serde(default)]
    pub delay: Option<f64>,
    /// Free-text note (what the start points are, when checked).
    #[serde(default)]
    pub note: Option<String>,
}

impl Sources {
    /// Reads and checks a sources file.
    pub fn load(path: &Path) -> Result<Sources, CrawlError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| CrawlError::Io(path.display().to_string(), e))?;
        Sources::parse(&text).map_err(|e| match e {
            CrawlError::Sources(m) => CrawlError::Sources(format!("{}: {m}", path.display())),
            other => other,
        })
    }

    /// Parses and checks a sources file's text: every URL absolute http(s), start points on
    /// the source's own site, delays non-negative.
    pub fn parse(text: &str) -> Result<Sources, CrawlError> {
        let s: Sources = toml::from_str(text).map_err(|e| CrawlError::Sources(e.to_string()))?;
        for src in &s.sources {
            let base = check_url(&src.name, &src.base)?;
            let site = super::canonical::site_of(base.host_str().unwrap_or("")).to_string();
            for u in src.listings.iter().chain(&src.sitemaps).chain(&src.feeds) {
                let url = check_url(&src.name, u)?;
                if super::canonical::site_of(url.host_str().unwrap_or("")) != site {
                    return Err(CrawlError::Sources(format!(
                        "{}: start point {u} is not on {site}",
                        src.name
                    )));
                }
            }
            if let Some(d) = src.delay
                && !(d.is_finite() && d >= 0.0)
            {
                return Err(CrawlError::Sources(format!("{}: bad delay {d}", src.name)));
            }
        }
        Ok(s)
    }

    /// The start points, each with its kind.
    pub fn start_points(&self) -> Vec<(String, Kind)> {
        let mut out = Vec::new();
        for s in &self.sources {
            let n = out.len();
            out.extend(s.sitemaps.iter().map(|u| (u.clone(), Kind::Sitemap)));
            out.extend(s.feeds.iter().map(|u| (u.clone(), Kind::Feed)));
            out.extend(s.listings.iter().map(|u| (u.clone(), Kind::Listing)));
            if out.len() == n {
                out.push((s.base.clone(), Kind::Listing));
            }
        }
        out
    }
}

fn check_url(name: &str, u: &str) -> Result<Url, CrawlError> {
    let url = Url::parse(u).map_err(|e| CrawlError::Sources(format!("{name}: {u}: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(CrawlError::Sources(format!(
            "{name}: {u}: not an http(s) URL"
        )));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_checks() {
        let s = Sources::parse(
            r#"compiled = "2026-11-23"
[[source]]
name = "A"
base = "https://www.a.vn/"
province = "Nghệ An"
listings = ["https://a.vn/xay-dung-dang/"]
feeds = ["https://www.a.vn/rss/chinh-tri.rss"]
delay = 2.5
[[source]]
name = "B"
base = "https://b.vn/"
"#,
        )
        .unwrap();
        assert_eq!(s.compiled.as_deref(), Some("2026-11-23"));
        assert_eq!(
            s.start_points(),
            vec![
                ("https://www.a.vn/rss/chinh-tri.rss".to_string(), Kind::Feed),
                ("https://a.vn/xay-dung-dang/".to_string(), Kind::Listing),
                ("https://b.vn/".to_string(), Kind::Listing),
            ]
        );
        let bad = Sources::parse(
            "[[source]]\nname='x'\nbase='https://x.vn'\nlistings=['https://y.vn/a']",
        );
        assert!(bad.unwrap_err().to_string().contains("not on x.vn"));
        assert!(Sources::parse("[[source]]\nname='x'\nbase='ftp://x.vn'").is_err());
        assert!(Sources::parse("[[source]]\nname='x'\nbase='https://x.vn'\ncolour=1").is_err());
    }

    #[test]
    fn shipped_sources_file_is_valid() {
        let s = Sources::parse(include_str!("../../corpus/sources.toml")).unwrap();
        assert!(s.compiled.is_some());
        assert!(s.sources.len() >= 10);
        let mut names: Vec<&str> = s.sources.iter().map(|x| x.base.as_str()).collect();
        names.sort();
        let n = names.len();
        names.dedup();
        assert_eq!(n, names.len(), "duplicate base URL in sources.toml");
        for src in &s.sources {
            assert!(src.base.starts_with("https://"), "{}", src.base);
        }
    }
}
