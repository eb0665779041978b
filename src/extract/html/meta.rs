//! The article's metadata on an HTML page, chosen once the body is: the headline, the
//! publication date and the author, each by a chain of sources from the most to the least
//! trusted (the page's own visible lines, declared metadata, JSON-LD, microdata).

use super::super::{chrome, metadata};
use super::body::{Body, Pass, text_key};
use super::linked_data::LinkedData;
use super::walk::{Block, Walker};

/// The site's name as the page declares it.
pub(super) fn site(w: &Walker) -> Option<&str> {
    w.meta.get("og:site_name").map(String::as_str)
}

/// The name the page's own host gives its site ([`metadata::host_name`]), from the address
/// it declares for itself.
fn host(w: &Walker) -> Option<String> {
    w.own_address()
        .and_then(super::walk::host_of)
        .and_then(|h| metadata::host_name(&h))
}

/// The headline: the page's visible h1 is the article's own; og:title and the JSON-LD
/// headline are often an SEO variant, so they only choose among several h1s and stand in
/// when there is none.
pub(super) fn title(w: &Walker, ld: &LinkedData, p: &Pass) -> Option<String> {
    let (blocks, meta) = (&w.blocks, &w.meta);
    let site = site(w);
    let host = host(w);
    let host = host.as_deref();
    let title_tag = crate::text::normalize_line(&w.title);
    let declared = meta
        .get("og:title")
        .or_else(|| meta.get("twitter:title"))
        .cloned()
        .or(ld.headline.clone())
        .map(|d| metadata::strip_site_name(&crate::text::normalize_line(&d), site, host));
    let h1_candidates = |boiler_ok: bool| -> Vec<(usize, &Block)> {
        blocks
            .iter()
            .enumerate()
            .filter(|(i, b)| {
                b.heading == 1
                    && (boiler_ok || !p.boiler_of[*i])
                    && b.link_density() < 0.9
                    && b.chars >= 4
                    && !metadata::is_site_name(
                        &b.text,
                        site,
                        host,
                        &title_tag,
                        b.is_linked() || p.boiler_of[*i],
                    )
            })
            .collect()
    };
    let mut h1s = h1_candidates(false);
    if h1s.is_empty() {
        h1s = h1_candidates(true);
    }
    let tag_title =
        (!title_tag.is_empty()).then(|| metadata::strip_site_name(&title_tag, site, host));
    let declared_all: Vec<&str> = declared
        .iter()
        .chain(tag_title.iter())
        .map(String::as_str)
        .collect();
    match (choose_h1(&h1s, &declared_all, p.body_start), &declared) {
        // An h1 that signs itself with the site's name (`Headline – Artlyst`) is the part
        // before it.
        (Some(h), _) => Some(metadata::without_site_part(&h, site, host).unwrap_or(h)),
        (None, Some(d)) => Some(d.clone()),
        // No h1: a lesser heading that `<title>` opens or closes with is the headline
        // (portals print it as `<h2 class="news-title">`), whatever the site name is.
        (None, None) if !title_tag.is_empty() => {
            let folded = crate::text::fold_lower(&title_tag);
            let heading = blocks
                .iter()
                .zip(&p.boiler_of)
                .filter(|(b, bo)| (2..=3).contains(&b.heading) && !**bo && b.chars >= 8)
                .map(|(b, _)| b)
                .find(|b| {
                    let h = crate::text::fold_lower(&b.text);
                    h.len() < folded.len() && (folded.starts_with(&h) || folded.ends_with(&h))
                });
            Some(match heading {
                Some(h) => h.text.clone(),
                None => metadata::strip_site_name(&title_tag, site, host),
            })
        }
        _ => None,
    }
}

/// The publication date. A date the page prints at the article's head (between the
/// headline and the first paragraph) is what its reader sees: it stands when it agrees with
/// the declared date, and replaces one it never prints (`Updated August 19, 2025` under the
/// headline over a first-draft `article:published_time`; the local day of a UTC stamp).
/// Otherwise the declared publication keys, JSON-LD and microdata; then a `<time>` near the
/// body's head, the page's own date lines, a `<time>` further down, and last the date the
/// page was changed.
pub(super) fn published(w: &Walker, ld: &LinkedData, p: &Pass, body: &Body) -> Option<String> {
    let head = printed_at_head(w, p, body);
    if let Some(d) = declared_published(w, ld) {
        let day = |x: &str| x.get(..10).map(str::to_string);
        let agrees = head
            .lines
            .iter()
            .chain(&head.times)
            .any(|x| day(x) == day(&d));
        return match head.lines.first() {
            Some(printed) if !agrees => Some(printed.clone()),
            _ => Some(d),
        };
    }
    let meta = &w.meta;
    let near = p.picked.first().copied().unwrap_or(0) + 3;
    w.times
        .iter()
        .filter(|(at, _)| *at <= near)
        .find_map(|(_, v)| metadata::parse_machine_date(v))
        .or_else(|| head.times.first().cloned())
        .or_else(|| metadata::pick_date(&body.dates, body.title_pos).map(|s| s.render()))
        .or_else(|| {
            // A `<time>` further down the article (a "Published" box beside the body).
            let end = p.picked.last().copied().unwrap_or(0);
            w.times
                .iter()
                .filter(|(at, _)| *at <= end)
                .find_map(|(_, v)| metadata::parse_machine_date(v))
        })
        .or_else(|| body.later_dates.first().map(|(_, s)| s.render()))
        .or_else(|| foot_date(w, p))
        .or_else(|| {
            // A page that only says when it was last changed is dated by that.
            metadata::MODIFIED_KEYS
                .iter()
                .filter_map(|k| meta.get(*k))
                .chain(ld.modified.iter())
                .find_map(|v| metadata::parse_machine_date(v))
        })
}

/// How many blocks past the body's last one its foot reaches: the share buttons, tags,
/// rights lines and the byline bar some templates print under the story.
const FOOT_AFTER_BODY: usize = 24;
/// How much text the foot holds at most before the date: more is another part of the page.
const FOOT_CHARS: u32 = 800;

/// A date printed at the article's foot (`Posted on April 13, 2023`, a date and byline
/// under the share buttons, `Page last modified <time>`), up to the first teaser of another
/// story or the comment box (`Leave a comment`), whose dates are their own. Furniture's
/// dates count: templates class the foot bar as such.
fn foot_date(w: &Walker, p: &Pass) -> Option<String> {
    let last = *p.picked.last()?;
    let end = (last + FOOT_AFTER_BODY).min(w.blocks.len().checked_sub(1)?);
    let mut passed = 0;
    for i in last + 1..=end {
        let b = &w.blocks[i];
        passed += b.chars;
        if passed > FOOT_CHARS
            || (b.is_linked() && (b.heading > 0 || b.chars >= super::walk::GOOD_CHARS))
            || (b.chars < 60 && chrome::classify(&b.text) == Some(chrome::Chrome::End))
        {
            break;
        }
        if let Some(v) = w
            .times
            .iter()
            .chain(&w.furniture_times)
            .filter(|(at, _)| *at == i)
            .find_map(|(_, v)| metadata::parse_machine_date(v))
        {
            return Some(v);
        }
        if let Some(st) = super::body::block_date(b) {
            return Some(st.render());
        }
    }
    None
}

/// What the page declares as its publication date: the publication meta keys, JSON-LD,
/// microdata, the web page node's date, other `*publish*` keys.
fn declared_published(w: &Walker, ld: &LinkedData) -> Option<String> {
    let meta = &w.meta;
    let mut other_published: Vec<(&String, &String)> = meta
        .iter()
        .filter(|(k, _)| k.contains("publish") && !k.contains("publisher"))
        .collect();
    other_published.sort();
    metadata::PUBLISHED_KEYS
        .iter()
        .filter_map(|k| meta.get(*k))
        .chain(ld.published.iter())
        .chain(w.item_dates.iter())
        .chain(ld.page_published.iter())
        // Other publication keys (`published`, `published-date`, `w-published-date`).
        .chain(other_published.iter().map(|(_, v)| *v))
        .find_map(|v| metadata::parse_machine_date(v))
}

/// The author JSON-LD or the author meta tags declare.
fn declared_author(w: &Walker, ld: &LinkedData) -> Option<String> {
    ld.author.clone().or_else(|| {
        metadata::AUTHOR_KEYS
            .iter()
            .filter_map(|k| w.meta.get(*k))
            .find(|v| !v.starts_with("http") && v.chars().count() <= 80)
            .map(|v| metadata::byline(v).unwrap_or_else(|| v.clone()))
    })
}

/// Dates printed between the headline and the body's first paragraphs, in page order.
struct Head {
    /// Date lines and dated bylines, as the contract renders them.
    lines: Vec<String>,
    /// `<time datetime>` values there, furniture's included (a byline bar's own class words
    /// often mark it as furniture).
    times: Vec<String>,
}

/// How far past the body's first block the byline area may reach: a date line under the
/// lead paragraph still belongs to the article's head.
const HEAD_AFTER_BODY: usize = 2;
/// How far above the body's first block the head starts when no headline was found.
const HEAD_WITHOUT_TITLE: usize = 3;

/// The blocks of the article's head: from the headline (or a little above the body when
/// there is none) to just past the body's first block.
fn head(p: &Pass, body: &Body) -> Option<std::ops::RangeInclusive<usize>> {
    let first = *p.picked.first()?;
    let start = body
        .title_pos
        .filter(|&t| t <= first)
        .unwrap_or(first.saturating_sub(HEAD_WITHOUT_TITLE));
    Some(start..=first + HEAD_AFTER_BODY)
}

fn printed_at_head(w: &Walker, p: &Pass, body: &Body) -> Head {
    let Some(range) = head(p, body) else {
        return Head {
            lines: Vec::new(),
            times: Vec::new(),
        };
    };
    let (start, end) = (*range.start(), *range.end());
    let lines = body
        .dates
        .iter()
        .filter(|(at, _)| (start..=end).contains(at))
        .map(|(_, st)| st.render())
        .collect();
    let mut times: Vec<&(usize, String)> = w
        .times
        .iter()
        .chain(&w.furniture_times)
        .filter(|(at, _)| (start..=end).contains(at))
        .collect();
    times.sort_by_key(|(at, _)| *at);
    let times = times
        .into_iter()
        .filter_map(|(_, v)| metadata::parse_machine_date(v))
        .collect();
    Head { lines, times }
}

/// The author: a byline in or just above the body, a meta line under the headline,
/// JSON-LD, author meta tags, Twitter's labelled data, microdata, a byline block anywhere.
/// A company that signs its own blog (JSON-LD `author` naming the site) is its author; a
/// paper's name where a reporter's belongs (`Báo Điện Biên Phủ`, `www.site.vn`) is not.
pub(super) fn author(w: &Walker, ld: &LinkedData, p: &Pass, body: &Body) -> Option<String> {
    let (blocks, meta) = (&w.blocks, &w.meta);
    let above_body = || {
        let near = p.picked.first().copied().unwrap_or(0);
        blocks[..near.min(blocks.len())]
            .iter()
            .rev()
            .take(8)
            .find(|b| b.chars < 80 && !b.code && starts_with_by(&b.text))
            .and_then(|b| metadata::byline(&b.text))
    };
    let under_headline = || {
        // A meta line under the headline: `Posted by X on …`, `X | July 13, 2025`.
        let range = head(p, body)?;
        blocks
            .get(*range.start()..=(*range.end()).min(blocks.len().saturating_sub(1)))?
            .iter()
            .filter(|b| b.heading == 0 && b.chars < 120 && !b.code)
            .find_map(|b| metadata::head_byline(&crate::text::normalize_line(&b.text), b.byline))
            // `Jane Doe, Local Democracy Reporter` printed, `Jane Doe` declared: the
            // declared name is the person without the office.
            .map(|printed| match declared_author(w, ld) {
                Some(d) if d.len() < printed.len() && printed.starts_with(&d) => d,
                _ => printed,
            })
    };
    let twitter = || {
        // `twitter:label1 = Written by`, `twitter:data1 = the name` (Yoast and others).
        ["twitter:label1", "twitter:label2"]
            .iter()
            .zip(["twitter:data1", "twitter:data2"])
            .filter(|(l, _)| {
                meta.get(**l)
                    .is_some_and(|v| metadata::byline_name(&format!("{v} X")).is_some())
            })
            .find_map(|(_, d)| meta.get(d).and_then(|v| metadata::byline_name(v)))
    };
    let byline_block = || {
        (0..blocks.len())
            .filter(|&i| blocks[i].byline && !blocks[i].code && (3..80).contains(&blocks[i].chars))
            .find_map(|i| block_author(blocks, i))
    };
    let closing = || {
        // A lone name closing the body may be a product, a post's title or an expert's box
        // under the story: the name the page declares wins over it.
        let declared =
            || declared_author(w, ld).filter(|a| !is_organisation(a) && is_plausible_name(a));
        if body.author_unlabelled {
            declared().or_else(|| body.author.clone())
        } else {
            body.author.clone()
        }
    };
    let sources: [&dyn Fn() -> Option<String>; 7] = [
        &closing,
        &above_body,
        &under_headline,
        &|| declared_author(w, ld),
        &twitter,
        &|| w.item_authors.first().cloned(),
        &byline_block,
    ];
    // A source that names no one (a paper's name, a template placeholder) gives way to the next.
    sources
        .iter()
        .find_map(|source| source().filter(|a| !is_organisation(a) && is_plausible_name(a)))
}

/// Whether an author string can be a name at all: it opens with a letter or a digit
/// (`3i Global`), and is not a template placeholder (`{{author}}`, `page.head.extra.author`).
fn is_plausible_name(a: &str) -> bool {
    let placeholder = a.contains(['{', '}']) || a.matches('.').count() >= 3 && !a.contains(' ');
    a.chars().next().is_some_and(char::is_alphanumeric) && !placeholder
}

/// The headline among the page's h1s (`(block index, block)`, site names left out), given
/// the declared titles (og:title or JSON-LD, then `<title>`, site names stripped) and where
/// the body starts. An h1 a declared title contains, or that contains it, is the headline
/// (the shorter form wins: `Dec 18 2025 Title` gives `Title`). Otherwise the h1 nearest
/// above the body (a logo h1 in the header is farther up); an h1 below the body's start (a
/// footer's "Contact Us") is not one, nor a paragraph set as h1 or a template placeholder.
/// A section name as h1 (`Perspectives`, three words at most) yields to a longer declared
/// title. A `Headline | Tagline` h1 keeps its headline.
pub(super) fn choose_h1(
    h1s: &[(usize, &Block)],
    declared: &[&str],
    body_start: Option<usize>,
) -> Option<String> {
    let clean = |t: &str| match t.split_once(" | ") {
        Some((head, _)) if head.trim().chars().count() >= 8 => head.trim().to_string(),
        _ => t.to_string(),
    };
    let h1s: Vec<&(usize, &Block)> = h1s
        .iter()
        .filter(|(_, b)| b.chars <= 200 && !b.text.contains("{{"))
        .collect();
    for d in declared {
        let dk = text_key(d);
        if dk.chars().count() < 4 {
            continue;
        }
        for (_, b) in &h1s {
            let hk = text_key(&b.text);
            if hk.chars().count() < 4 {
                continue;
            }
            // An h1 set in capitals (`BEST DRIP COFFEE MAKER IN 2026`) that a declared title
            // spells the same is the headline in its written case.
            if is_all_caps(&b.text) && !is_all_caps(d) && same_words(&b.text, d) {
                return Some(d.to_string());
            }
            if dk.contains(&hk) {
                return Some(clean(&b.text));
            }
            // A declared title cut short (`How to set up your monitor, laptop, and k`)
            // is the h1's opening; one the h1 holds after a prefix (a date) is the cleaner.
            if hk.starts_with(&dk) {
                return Some(clean(&b.text));
            }
            if hk.contains(&dk) {
                return Some(d.to_string());
            }
        }
    }
    let pick = match body_start {
        Some(start) => h1s.iter().rfind(|(i, _)| *i <= start),
        None => h1s.first(),
    };
    let first = declared.first();
    pick.filter(|(_, b)| b.chars >= 8 || first.is_none())
        .filter(|(_, b)| {
            let words = b.text.split_whitespace().count();
            words > 3 || first.is_none_or(|d| d.split_whitespace().count() < words + 2)
        })
        .map(|(_, b)| clean(&b.text))
}

/// Whether two titles share nearly all their words (`BEST DRIP COFFEE MAKER IN 2026` and
/// `Best Drip Coffee Maker 2026`): at least nine in ten of the longer one's.
fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        crate::text::fold_lower(s)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    let shared = wa.iter().filter(|w| wb.contains(w)).count();
    let longer = wa.len().max(wb.len());
    longer > 0 && shared * 10 >= longer * 9
}

/// Whether every letter of `s` is a capital (and it has a few).
fn is_all_caps(s: &str) -> bool {
    s.chars().filter(|c| c.is_alphabetic()).count() >= 4
        && s.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

/// The author a byline block names: its own name once the label and date are gone, or,
/// for a label alone (`Written by`), the short block after it.
pub(super) fn block_author(blocks: &[Block], i: usize) -> Option<String> {
    let b = blocks.get(i)?;
    if let Some(name) = metadata::byline(&b.text) {
        return metadata::byline_name(&name).or(Some(name));
    }
    if let Some(name) = metadata::byline_name(&b.text) {
        return Some(name);
    }
    let label_only = metadata::byline_name(&format!("{} X", b.text.trim())).as_deref() == Some("X");
    if label_only {
        return blocks
            .get(i + 1)
            .filter(|n| n.chars < 80)
            .and_then(|n| metadata::byline_name(&n.text));
    }
    None
}

/// Whether an "author" is the publication itself (`Báo Điện Biên Phủ`, `www.site.vn`):
/// sites often put their own name in `<meta name="author">`.
pub(super) fn is_organisation(a: &str) -> bool {
    let k = crate::text::fold_lower(a);
    [
        "bao ",
        "tap chi ",
        "dai phat thanh",
        "cong thong tin",
        "trang thong tin",
        "ban bien tap",
    ]
    .iter()
    .any(|p| k.starts_with(p))
        || k.contains("www.")
        || k.ends_with(".vn")
        || k.ends_with(".com")
}

pub(super) fn starts_with_by(s: &str) -> bool {
    let low = s.trim_start().to_lowercase();
    (low.starts_with("by ") || low.starts_with("par ")) && metadata::byline(s).is_some()
}
