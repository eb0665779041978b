//! One spelling per page: the URL the crawler stores, dedups and indexes.
//!
//! Fragments go; tracking parameters (`utm_*`, `fbclid`, `gclid`…) go; the host is
//! lower-cased and a default port dropped (the `url` crate does both); an empty query
//! (`?`) goes, and so does `page=1`. A directory's index file (`/index.html`,
//! `/index.php`) is the directory and `/trang-chu` is `/`, when there is no query. Other
//! parameters keep their order: on news sites `?id=…&page=…` select different pages.

use url::Url;

/// Query parameters that only track where a visitor came from.
const TRACKING: &[&str] = &[
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "mc_cid", "mc_eid",
    "igshid", "_ga", "_gl", "zarsrc", "gidzl", "ref_src", "spm",
];

fn is_tracking(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.starts_with("utm_") || TRACKING.contains(&lower.as_str())
}

/// Parses `href` against `base` and returns its canonical form, or `None` for anything but
/// http(s) (mailto:, javascript:, tel:, data:…) or an unparsable reference.
pub fn resolve(base: Option<&Url>, href: &str) -> Option<Url> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    let url = match base {
        Some(b) => b.join(href).ok()?,
        None => Url::parse(href).ok()?,
    };
    canonicalize(url)
}

/// The canonical form of an absolute URL; `None` unless http(s) with a host.
pub fn canonicalize(mut url: Url) -> Option<Url> {
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return None;
    }
    url.set_fragment(None);
    let _ = url.set_username("");
    let _ = url.set_password(None);
    // Tracking parameters, and a listing's first page (`?page=1` is the listing), go.
    let dropped =
        |k: &str, v: &str| k.is_empty() || is_tracking(k) || (FIRST_PAGE.contains(&k) && v == "1");
    // An empty pair (`a=1&&b=2`, `?&x`) counts too: the rebuilt query drops it.
    let empty_pair = url.query().is_some_and(|q| {
        q.split('&')
            .any(|kv| kv.split('=').next().unwrap_or("").is_empty())
    });
    if empty_pair || url.query_pairs().any(|(k, v)| dropped(&k, &v)) {
        let kept: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(k, v)| !dropped(k, v))
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        if kept.is_empty() {
            url.set_query(None);
        } else {
            url.query_pairs_mut().clear().extend_pairs(kept);
        }
    }
    if url.query() == Some("") {
        url.set_query(None);
    }
    // A directory's index file is the directory, and a home page's other names are `/`.
    // Only without a query: `index.php?option=…&id=…` is a CMS's article, not its home.
    if url.query().is_none() {
        let path = url.path().to_string();
        let (dir, last) = path.rsplit_once('/').unwrap_or(("", &path));
        let last = last.to_ascii_lowercase();
        if INDEX_FILES.contains(&last.as_str()) {
            url.set_path(&format!("{dir}/"));
        } else if dir.is_empty() && HOME_NAMES.contains(&last.as_str()) {
            url.set_path("/");
        }
    }
    Some(url)
}

/// Query parameters whose value 1 names a listing's first page, the listing itself.
const FIRST_PAGE: &[&str] = &["page", "paged", "trang"];

/// File names a web server serves for a directory.
const INDEX_FILES: &[&str] = &[
    "index.html",
    "index.htm",
    "index.php",
    "index.asp",
    "index.aspx",
    "default.asp",
    "default.aspx",
];

/// Other names of a Vietnamese site's home page, at the root.
const HOME_NAMES: &[&str] = &[
    "trang-chu",
    "trang-chu.html",
    "trang-chu.htm",
    "trangchu.html",
];

/// The site a host belongs to for scope checks: `www.` and `m.` prefixes do not make a
/// different site.
pub fn site_of(host: &str) -> &str {
    let h = host.trim_end_matches('.');
    h.strip_prefix("www.")
        .or_else(|| h.strip_prefix("m."))
        .unwrap_or(h)
}

/// The scope a URL belongs to: its site ([`site_of`]) and its port when the URL names one
/// that is not its scheme's default. Another port on the same host is another server, out
/// of scope; `http://` and `https://` on their default ports are one site (papers upgrade
/// one to the other by redirect).
pub fn scope_of(url: &Url) -> String {
    let site = site_of(url.host_str().unwrap_or(""));
    match url.port() {
        Some(p) => format!("{site}:{p}"),
        None => site.to_string(),
    }
}

/// The scope of a politeness key (`host` or `host:port`, as [`host_key`] gives it).
pub fn scope_of_key(key: &str) -> String {
    match key.rsplit_once(':') {
        // "[::1]" splits inside its brackets: its "port" is not all digits.
        Some((h, p)) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => {
            format!("{}:{p}", site_of(h))
        }
        _ => site_of(key).to_string(),
    }
}

/// The politeness key of a URL: host and port, so that two servers on one machine
/// (tests, benches) are two hosts, as they are on the web.
pub fn host_key(url: &Url) -> String {
    match (url.host_str(), url.port()) {
        (Some(h), Some(p)) => format!("{h}:{p}"),
        (Some(h), None) => h.to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> String {
        canonicalize(Url::parse(s).unwrap()).unwrap().to_string()
    }

    #[test]
    fn a_home_page_under_several_addresses_is_one_page() {
        for u in [
            "https://baothanhhoa.vn/",
            "https://baothanhhoa.vn/index.html",
            "https://baothanhhoa.vn/index.php",
            "https://baothanhhoa.vn/Default.aspx",
            "https://baothanhhoa.vn/trang-chu",
            "https://baothanhhoa.vn/trang-chu.html",
            "https://baothanhhoa.vn/?page=1",
            "https://baothanhhoa.vn/index.html?utm_source=x",
        ] {
            assert_eq!(c(u), "https://baothanhhoa.vn/", "{u}");
        }
        assert_eq!(
            c("https://bao.vn/chinh-tri/index.htm"),
            "https://bao.vn/chinh-tri/"
        );
        assert_eq!(
            c("https://bao.vn/chinh-tri?page=1&cat=5"),
            "https://bao.vn/chinh-tri?cat=5"
        );
        // Not folded: a CMS article behind index.php, a later page, a section named so.
        assert_eq!(
            c("https://bao.vn/index.php?option=com_content&id=12"),
            "https://bao.vn/index.php?option=com_content&id=12"
        );
        assert_eq!(c("https://bao.vn/?page=2"), "https://bao.vn/?page=2");
        assert_eq!(
            c("https://bao.vn/tin/trang-chu"),
            "https://bao.vn/tin/trang-chu"
        );
    }

    #[test]
    fn scope_is_site_and_port() {
        let u = |s: &str| Url::parse(s).unwrap();
        assert_eq!(scope_of(&u("https://www.baodanang.vn/a")), "baodanang.vn");
        assert_eq!(scope_of(&u("http://baodanang.vn:80/a")), "baodanang.vn");
        assert_eq!(scope_of(&u("http://127.0.0.1:9000/a")), "127.0.0.1:9000");
        assert_ne!(
            scope_of(&u("http://127.0.0.1:9001/a")),
            scope_of(&u("http://127.0.0.1:9000/a"))
        );
        assert_eq!(scope_of_key("127.0.0.1:9000"), "127.0.0.1:9000");
        assert_eq!(scope_of_key("www.baodanang.vn"), "baodanang.vn");
    }

    #[test]
    fn drops_fragments_and_tracking() {
        assert_eq!(
            c("https://BaoNgheAn.vn/a-1.html?utm_source=fb&utm_medium=x#top"),
            "https://baonghean.vn/a-1.html"
        );
        assert_eq!(
            c("https://x.vn/a?id=5&fbclid=abc&page=2"),
            "https://x.vn/a?id=5&page=2"
        );
        assert_eq!(c("https://x.vn/a?"), "https://x.vn/a");
        assert_eq!(c("http://x.vn:80/a"), "http://x.vn/a");
        assert_eq!(c("https://x.vn/a?b=1&a=2"), "https://x.vn/a?b=1&a=2");
    }

    #[test]
    fn only_http() {
        assert!(resolve(None, "mailto:a@b.vn").is_none());
        assert!(resolve(None, "javascript:void(0)").is_none());
        let base = Url::parse("https://x.vn/d/e.html").unwrap();
        assert!(resolve(Some(&base), "javascript:void(0)").is_none());
        assert!(resolve(Some(&base), "#top").is_none());
        assert_eq!(
            resolve(Some(&base), "../f.html#x").unwrap().as_str(),
            "https://x.vn/f.html"
        );
    }

    proptest::proptest! {
        #[test]
        fn canonical_form_is_stable(
            path in "[a-z0-9/._-]{0,20}",
            params in proptest::collection::vec(("(utm_[a-z]{1,5}|fbclid|id|page|q|)", "[a-z0-9%]{0,6}"), 0..5),
            frag in proptest::option::of("[a-z]{0,5}"),
        ) {
            let mut s = format!("https://Bao.Example.vn/{path}");
            if !params.is_empty() {
                let q: Vec<String> = params.iter().map(|(k, v)| format!("{k}={v}")).collect();
                s.push('?');
                s.push_str(&q.join("&"));
            }
            if let Some(f) = frag {
                s.push('#');
                s.push_str(&f);
            }
            let Some(once) = resolve(None, &s) else { return Ok(()) };
            let twice = canonicalize(once.clone()).unwrap();
            proptest::prop_assert_eq!(once.as_str(), twice.as_str());
            proptest::prop_assert!(once.fragment().is_none());
            let query = once.query().unwrap_or("");
            proptest::prop_assert!(!query.contains("utm_") && !query.contains("fbclid"));
            proptest::prop_assert_eq!(once.host_str(), Some("bao.example.vn"));
        }
    }

    #[test]
    fn sites_and_hosts() {
        assert_eq!(site_of("www.baodanang.vn"), "baodanang.vn");
        assert_eq!(site_of("m.baodanang.vn"), "baodanang.vn");
        let u = Url::parse("http://127.0.0.2:9000/x").unwrap();
        assert_eq!(host_key(&u), "127.0.0.2:9000");
    }
}
