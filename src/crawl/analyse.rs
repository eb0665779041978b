//! What a URL's final answer means: its state (done, failed, a redirect to follow), the
//! URLs it leads to (links and pagination of a page, entries of a sitemap or feed, with
//! their dates), its `rel=canonical` alias, and its record when it is an article that
//! enters the index (the shared rule of `extract::admit`).

use super::fetch::{self, Exchange};
use super::frontier::{Entry, Kind, LEAF, NewUrl, State};
use super::hosts::Outcome;
use super::store::StorerCtx;
use super::{canonical, discover};
use crate::extract::admit::{self, Answer, BodyKind};
use crate::record::Record;
use url::Url;

/// What the analysis of one URL's final answer decides.
#[derive(Default)]
pub(super) struct Analysis {
    pub(super) state: Option<State>,
    pub(super) found: Vec<NewUrl>,
    pub(super) alias: Option<String>,
    pub(super) record: Option<Record>,
    pub(super) record_url: String,
    pub(super) not_modified: bool,
    pub(super) redirect: bool,
    pub(super) no_article: bool,
}

/// Decides what a URL's final answer means: its state, the URLs it leads to, its record.
pub(super) fn analyse(
    ctx: &StorerCtx,
    url: &str,
    host: &str,
    entry: &Entry,
    exchanges: &[Exchange],
    outcome: &Outcome,
) -> Analysis {
    let mut a = Analysis {
        record_url: url.to_string(),
        ..Analysis::default()
    };
    match outcome {
        Outcome::Postponed => return a,
        Outcome::Blocked => {
            a.state = Some(State::Blocked);
            return a;
        }
        Outcome::Failed(why) => {
            tracing::info!(url, why, "failed");
            a.state = Some(State::Failed);
            return a;
        }
        Outcome::Answer => {}
    }
    let Some(resp) = exchanges.last().and_then(|e| e.response.as_ref().ok()) else {
        a.state = Some(State::Failed);
        return a;
    };
    let Ok(base) = Url::parse(url) else {
        a.state = Some(State::Failed);
        return a;
    };
    tracing::debug!(
        url,
        status = resp.status,
        bytes = resp.body.len(),
        "fetched"
    );
    match resp.status {
        304 => {
            a.state = Some(State::Done);
            a.not_modified = true;
        }
        300..=399 => {
            let target = resp
                .header("location")
                .and_then(|l| canonical::resolve(Some(&base), l));
            a.state = Some(State::Done);
            a.redirect = true;
            match target {
                None => a.state = Some(State::Failed),
                Some(_) if entry.redirects >= ctx.max_redirects => {
                    tracing::info!(url, "too many redirects");
                    a.state = Some(State::Failed);
                }
                Some(t) if ctx.in_scope(&t) => {
                    let th = canonical::host_key(&t);
                    a.found.push(NewUrl {
                        seq: (th == host).then_some(entry.seq),
                        host: th,
                        url: t.to_string(),
                        kind: entry.kind,
                        depth: entry.depth,
                        page: entry.page,
                        redirects: entry.redirects + 1,
                        modified: None,
                    });
                }
                Some(t) => tracing::info!(url, target = t.as_str(), "redirect out of scope"),
            }
        }
        200..=299 if resp.truncated => {
            tracing::info!(url, "body over the size cap");
            a.state = Some(State::Failed);
        }
        200..=299 => {
            a.state = Some(State::Done);
            analyse_body(ctx, &base, host, entry, resp, &mut a);
        }
        _ => a.state = Some(State::Failed),
    }
    a
}

fn analyse_body(
    ctx: &StorerCtx,
    base: &Url,
    host: &str,
    entry: &Entry,
    resp: &fetch::Response,
    a: &mut Analysis,
) {
    let ct = resp.header("content-type");
    let body = admit::inflate_stray_gzip(&resp.body, discover::MAX_SITEMAP_BYTES);
    let kind = admit::sniff(&body, ct);
    let mut add = |u: Url, kind: Kind, depth: u8, page: u16, modified: Option<i64>| {
        if ctx.in_scope(&u) && !discover::is_media(&u) {
            a.found.push(NewUrl {
                host: canonical::host_key(&u),
                url: u.to_string(),
                kind,
                depth,
                page,
                redirects: 0,
                seq: None,
                modified,
            });
        }
    };
    match kind {
        BodyKind::SitemapIndex | BodyKind::Sitemap | BodyKind::Feed => {
            let (listed, child) = match kind {
                BodyKind::SitemapIndex => (discover::sitemap_entries(&body), Kind::Sitemap),
                BodyKind::Sitemap => (discover::sitemap_entries(&body), Kind::Page),
                _ => (discover::feed_entries(&body), Kind::Page),
            };
            for l in listed {
                if let Some(u) = canonical::resolve(Some(base), &l.url) {
                    let depth = if child == Kind::Page {
                        LEAF
                    } else {
                        entry.depth
                    };
                    add(u, child, depth, 1, l.modified);
                }
            }
        }
        BodyKind::Html => {
            let links = discover::html_links(&body, ct, base);
            let follow = entry.depth != LEAF;
            for l in links.links {
                if !follow {
                    break;
                }
                if l.pagination && canonical::host_key(&l.url) == host {
                    // Listings page on; a page seeded by hand may be a listing too.
                    let listing = entry.kind == Kind::Listing || entry.depth == 0;
                    if listing && entry.page < ctx.max_listing_pages {
                        add(l.url, entry.kind, entry.depth, entry.page + 1, None);
                    }
                } else if entry.depth < ctx.max_depth {
                    add(l.url, Kind::Page, entry.depth + 1, 1, None);
                }
            }
            // The page's `rel=canonical` is marked seen so it is not fetched again under
            // that spelling; the record keeps the fetched URL, the WARC-Target-URI, so
            // that `baochi index` re-indexing the WARC gives the same ids.
            if let Some(c) = links.canonical
                && c.as_str() != base.as_str()
                && ctx.in_scope(&c)
            {
                a.alias = Some(c.to_string());
            }
            // Whether the page is extracted and indexed is the shared rule's business
            // (not how the URL was found), so a rebuild from WARC decides the same.
            let answer = Answer {
                url: Some(&a.record_url),
                status: Some(resp.status),
                content_type: ct,
                body: &resp.body,
                truncated: resp.truncated,
            };
            match admit::page_in(&answer)
                .map(|page| crate::extract::from_bytes(&page, Some(&a.record_url), ct))
            {
                Ok(Ok(rec)) => match admit::enters_index(&rec) {
                    Ok(()) => a.record = Some(rec),
                    // A listing is fetched for its links and kept in WARC, not indexed.
                    Err(why) => {
                        tracing::debug!(url = base.as_str(), %why, "not indexed");
                        a.no_article = true
                    }
                },
                Ok(Err(e)) => {
                    tracing::debug!(url = base.as_str(), error = %e, "no article");
                    a.no_article = true;
                }
                Err(why) => {
                    tracing::debug!(url = base.as_str(), %why, "not a page");
                    a.no_article = true;
                }
            }
        }
        BodyKind::Other => {}
    }
}
