//! Site names in titles: the part of `<title>` or an h1 that names the site (by
//! `og:site_name` or the host), and headings that are the site's logo.

/// A comparison key: folded, lower case, letters and digits only (`Báo Điện Biên Phủ` and
/// `BAO DIEN BIEN PHU` are one name).
pub(crate) fn text_key(s: &str) -> String {
    crate::text::fold_lower(s)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The name a host gives its site (`www.baodienbienphu.info.vn` → `baodienbienphu`,
/// `blog.artlyst.com` → `artlyst`): its label before the public suffix, as a comparison
/// key (`text_key`); `None` when that is too short to tell a title part by.
pub fn host_name(host: &str) -> Option<String> {
    // Second-level names under a country's code (`com.vn`, `co.uk`, `gov.au`).
    const SECOND_LEVEL: [&str; 12] = [
        "ac", "biz", "co", "com", "edu", "gov", "health", "info", "int", "name", "net", "org",
    ];
    let host = host.trim().trim_end_matches('.').to_ascii_lowercase();
    let mut labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    let tld = labels.pop()?;
    if tld.len() == 2 && labels.len() > 1 && labels.last().is_some_and(|l| SECOND_LEVEL.contains(l))
    {
        labels.pop();
    }
    let name = text_key(labels.last()?);
    (name.chars().count() >= 4).then_some(name)
}

/// Whether a part of a title is the site's name: `og:site_name` in any spelling or case,
/// or the host's name ([`host_name`]) spelt out in words (`The Partnership for Student
/// Success` on partnershipstudentsuccess.org, `Báo Điện Biên Phủ` on baodienbienphu.info.vn).
pub(super) fn names_site(part: &str, site_key: &str, host: Option<&str>) -> bool {
    let pk = text_key(part);
    if pk.is_empty() {
        return false;
    }
    if pk == site_key {
        return true;
    }
    let Some(h) = host else {
        return false;
    };
    // The host's words run together, or so with short words between (`the`, `for`).
    if pk == h {
        return true;
    }
    let long_words: String = part
        .split(|c: char| !c.is_alphanumeric())
        .map(text_key)
        .filter(|w| w.chars().count() > 3)
        .collect();
    long_words == h
}

/// A title without the part that names the site (`Headline – Artlyst`), when one does.
pub fn without_site_part(title: &str, site: Option<&str>, host: Option<&str>) -> Option<String> {
    let sk = site.map(text_key).unwrap_or_default();
    for sep in &crate::extract::words::WORDS.title_separator {
        let parts: Vec<&str> = title.split(sep.as_str()).map(str::trim).collect();
        if parts.len() < 2 {
            continue;
        }
        let rest: Vec<&str> = parts
            .iter()
            .copied()
            .filter(|p| !names_site(p, &sk, host))
            .collect();
        if !rest.is_empty() && rest.len() < parts.len() {
            return Some(rest.join(sep));
        }
    }
    None
}

/// A headline without the site name pages add to `<title>` and `og:title`
/// (`Tiêu đề - Báo Thanh Hóa`, `Headline | The Site`): the part that names the site goes
/// (by `og:site_name` or the host's name, [`host_name`]), else the longest part around a
/// separator stays.
pub fn strip_site_name(title: &str, site: Option<&str>, host: Option<&str>) -> String {
    let t = title.trim();
    let site = site.map(str::trim).filter(|s| !s.is_empty());
    if let Some(site) = site {
        for sep in &crate::extract::words::WORDS.title_separator {
            if let Some(rest) = t
                .strip_suffix(site)
                .and_then(|r| r.trim_end().strip_suffix(sep.trim()))
            {
                return rest.trim().to_string();
            }
            if let Some(rest) = t
                .strip_prefix(site)
                .and_then(|r| r.trim_start().strip_prefix(sep.trim()))
            {
                return rest.trim().to_string();
            }
        }
    }
    // Its name in another spelling or case (`BAO DIEN BIEN PHU`), or its host's.
    if let Some(rest) = without_site_part(t, site, host) {
        return rest;
    }
    // A site that names itself and is not in the title left no name there to cut after a
    // dash: `Zero Waste - A Beginner's Guide` on Eartheasy is one headline. A bar still
    // sets off a brand spelt otherwise (`… | Koia` on Drink Koia).
    let dashes_are_words = site.is_some_and(|site| {
        let (sk, tk) = (text_key(site), text_key(t));
        !sk.is_empty() && !tk.contains(&sk)
    });
    for sep in &crate::extract::words::WORDS.title_separator {
        let dash = matches!(sep.trim(), "-" | "--" | "–" | "—");
        if dashes_are_words && dash {
            continue;
        }
        if t.contains(sep) {
            let parts: Vec<&str> = t.split(sep).map(str::trim).collect();
            let longest = parts
                .iter()
                .copied()
                .max_by_key(|p| p.chars().count())
                .unwrap_or(t);
            // Only a clearly dominant part is the headline; "A - B" of equal halves is one.
            let others = parts
                .iter()
                .filter(|p| **p != longest)
                .map(|p| p.chars().count())
                .max()
                .unwrap_or(0);
            if longest.chars().count() >= 2 * others.max(1) || others <= 25 {
                return longest.to_string();
            }
        }
    }
    t.to_string()
}

/// Whether a heading is the site's name rather than a headline: it is `og:site_name` or
/// the host's name; or, set as a logo (`logo`: a link, or in the page's furniture), a
/// short part (four words at most) of `<title>` beside a longer one (`Story | Tạp chí
/// Miền Tây` with an h1 logo `Tạp chí Miền Tây`) unless another part names the site
/// (`Learn More: Tutoring | The Partnership for Student Success` on its host). A plain h1
/// shorter than the site's tagline (`Defer, Panic, and Recover - The Go Programming
/// Language`) is the headline.
pub fn is_site_name(
    heading: &str,
    site: Option<&str>,
    host: Option<&str>,
    title_tag: &str,
    logo: bool,
) -> bool {
    let hk = text_key(heading);
    if hk.is_empty() {
        return false;
    }
    let sk = site.map(text_key).unwrap_or_default();
    if names_site(heading, &sk, host) {
        return true;
    }
    if !logo || heading.split_whitespace().count() > 4 {
        return false;
    }
    for sep in &crate::extract::words::WORDS.title_separator {
        if !title_tag.contains(sep.as_str()) {
            continue;
        }
        let parts: Vec<&str> = title_tag.split(sep.as_str()).map(str::trim).collect();
        let longest = parts.iter().map(|p| p.chars().count()).max().unwrap_or(0);
        let named_elsewhere = parts
            .iter()
            .any(|p| text_key(p) != hk && names_site(p, &sk, host));
        if !named_elsewhere
            && parts
                .iter()
                .any(|p| text_key(p) == hk && p.chars().count() < longest)
        {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_name_headings() {
        let tag = "Những cung đường đạp xe đẹp ở Cần Thơ | Tạp chí Miền Tây";
        assert!(is_site_name("Tạp chí Miền Tây", None, None, tag, true));
        // The same words in a plain h1 above the story are its headline.
        assert!(!is_site_name("Tạp chí Miền Tây", None, None, tag, false));
        assert!(!is_site_name(
            "Những cung đường đạp xe đẹp ở Cần Thơ",
            None,
            None,
            tag,
            true
        ));
        assert!(is_site_name(
            "Tin Cao Nguyên",
            Some("Tin Cao Nguyên"),
            None,
            "",
            false
        ));
        // A long heading is a headline even when `<title>` holds a longer tagline.
        assert!(!is_site_name(
            "Tăng cường xây dựng Đảng ở cơ sở",
            None,
            None,
            "Tăng cường xây dựng Đảng ở cơ sở - Báo Điện Biên Phủ điện tử, cơ quan của Đảng bộ tỉnh",
            true
        ));
        // A short headline beside the site's name spelt out from its host is the headline;
        // the host's name itself, an h1 logo, is not.
        let host = host_name("www.hoinongdan.org.vn");
        let tag = "Mô hình hay | Hội Nông Dân";
        assert!(!is_site_name(
            "Mô hình hay",
            None,
            host.as_deref(),
            tag,
            true
        ));
        assert!(is_site_name(
            "HỘI NÔNG DÂN",
            None,
            host.as_deref(),
            "",
            false
        ));
    }

    #[test]
    fn host_names() {
        assert_eq!(
            host_name("www.baodienbienphu.info.vn").as_deref(),
            Some("baodienbienphu")
        );
        assert_eq!(host_name("blog.artlyst.com").as_deref(), Some("artlyst"));
        assert_eq!(host_name("news.bbc.co.uk"), None, "too short to tell");
        assert_eq!(host_name("localhost"), None);
        assert_eq!(host_name(""), None);
    }

    #[test]
    fn site_parts_by_host() {
        let host = host_name("baodienbienphu.info.vn");
        let host = host.as_deref();
        // With no `og:site_name`, the host names the part to cut, in words or run together,
        // even when it is the longer part.
        assert_eq!(
            strip_site_name("Tin vắn | Báo Điện Biên Phủ", None, host),
            "Tin vắn"
        );
        assert_eq!(
            strip_site_name("Tin vắn | Báo Điện Biên Phủ", None, None),
            "Báo Điện Biên Phủ"
        );
        assert_eq!(
            without_site_part("Hội nghị Tỉnh ủy | BaoDienBienPhu", None, host).as_deref(),
            Some("Hội nghị Tỉnh ủy")
        );
        // Short words between the host's words: `The Partnership for Student Success`.
        let host = host_name("www.partnershipstudentsuccess.org");
        assert_eq!(
            without_site_part(
                "Learn More: Academic Tutoring | The Partnership for Student Success",
                None,
                host.as_deref()
            )
            .as_deref(),
            Some("Learn More: Academic Tutoring")
        );
        // A part that holds the host's words and more is the headline's own.
        let host = host_name("www.austinhardware.com");
        assert_eq!(
            without_site_part("Austin Hardware Catalog - Index", None, host.as_deref()),
            None
        );
    }

    #[test]
    fn site_names() {
        assert_eq!(
            strip_site_name(
                "Xây dựng Đảng - Báo Điện Biên Phủ",
                Some("Báo Điện Biên Phủ"),
                None
            ),
            "Xây dựng Đảng"
        );
        assert_eq!(
            strip_site_name(
                "A long headline about the council vote | The Courier",
                None,
                None
            ),
            "A long headline about the council vote"
        );
        assert_eq!(strip_site_name("Headline", None, None), "Headline");
        // A site that names itself elsewhere left nothing to cut from this title.
        assert_eq!(
            strip_site_name(
                "Sổ tay đảng viên - Những điều cần biết",
                Some("Báo Tỉnh"),
                None
            ),
            "Sổ tay đảng viên - Những điều cần biết"
        );
        // A bar still sets off a brand spelt otherwise than the site's name.
        assert_eq!(
            strip_site_name(
                "Bảy cách tiết kiệm điện mùa nắng | Koia",
                Some("Drink Koia"),
                None
            ),
            "Bảy cách tiết kiệm điện mùa nắng"
        );
        // Its name in another spelling is still its name.
        assert_eq!(
            strip_site_name(
                "Xây dựng Đảng | BAO DIEN BIEN PHU",
                Some("Báo Điện Biên Phủ"),
                None
            ),
            "Xây dựng Đảng"
        );
    }
}
