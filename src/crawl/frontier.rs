//! The frontier and seen-set, kept in redb (`DataDir::crawl_state()`): every URL ever
//! queued with its state, the per-host queues, the pages stored in WARC but not yet
//! confirmed in the index, and the durable length of each WARC file.
//!
//! Everything a page changes (its state, the links it adds, its WARC position) is written
//! in one transaction, after its WARC records are on disk: a crash leaves either the page
//! queued (it is fetched again, and the WARC tail past the recorded length is cut off) or
//! done with its links queued, never in between.

use super::CrawlError;
use redb::{Database, ReadableDatabase, ReadableTable, ReadableTableMetadata, TableDefinition};
use std::path::Path;

/// url → [`Entry`] (encoded): the seen-set.
const URLS: TableDefinition<&str, &[u8]> = TableDefinition::new("urls");
/// (host, seq) → url: the queue of each host, oldest first.
const QUEUE: TableDefinition<(&str, u64), &str> = TableDefinition::new("queue");
/// host → number of queued URLs.
const HOSTS: TableDefinition<&str, u64> = TableDefinition::new("hosts");
/// url → (WARC file, offset, record URL): stored pages not yet committed to the index.
const PENDING: TableDefinition<&str, &[u8]> = TableDefinition::new("pending_index");
/// WARC file name → durable length.
const WARCS: TableDefinition<&str, u64> = TableDefinition::new("warc_files");
/// Counters (`seq`, `warc`).
const META: TableDefinition<&str, u64> = TableDefinition::new("meta");
/// Per host: pages fetched, pages kept out as not articles, failed URLs, last crawl.
const STATS: TableDefinition<&str, &[u8]> = TableDefinition::new("host_stats");

/// What the crawl did on one host (the `coverage` view's sampling frame).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HostStats {
    /// Responses received for pages, listings, sitemaps and feeds.
    pub fetched: u64,
    /// Responses kept out of the index as not articles: listings, sitemaps, feeds, and
    /// pages the extractor found to be no article.
    pub not_articles: u64,
    /// URLs given up on (permanent errors, retries exhausted).
    pub failed: u64,
    /// When the host was last fetched from (Unix seconds).
    pub last_crawl: i64,
}

impl HostStats {
    fn encode(&self) -> [u8; 32] {
        let mut b = [0u8; 32];
        b[..8].copy_from_slice(&self.fetched.to_le_bytes());
        b[8..16].copy_from_slice(&self.not_articles.to_le_bytes());
        b[16..24].copy_from_slice(&self.failed.to_le_bytes());
        b[24..].copy_from_slice(&self.last_crawl.to_le_bytes());
        b
    }

    fn decode(b: &[u8]) -> Option<HostStats> {
        let n = |i: usize| b.get(i..i + 8).and_then(|s| s.try_into().ok());
        Some(HostStats {
            fetched: u64::from_le_bytes(n(0)?),
            not_articles: u64::from_le_bytes(n(8)?),
            failed: u64::from_le_bytes(n(16)?),
            last_crawl: i64::from_le_bytes(n(24)?),
        })
    }

    /// Adds what another step did.
    pub fn add(&mut self, o: &HostStats) {
        self.fetched += o.fetched;
        self.not_articles += o.not_articles;
        self.failed += o.failed;
        self.last_crawl = self.last_crawl.max(o.last_crawl);
    }
}

/// Where a URL stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Waiting in its host's queue.
    Queued,
    /// Fetched and kept (or known under another URL).
    Done,
    /// Given up on (permanent error, or retries exhausted).
    Failed,
    /// Disallowed by robots.txt.
    Blocked,
}

/// What a URL is expected to be; decides whether it is indexed and how its links are used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A page: indexed when it holds an article; its links followed while `depth` allows.
    Page,
    /// A section listing: links followed, pagination followed, never indexed.
    Listing,
    /// A sitemap or sitemap index.
    Sitemap,
    /// An RSS or Atom feed.
    Feed,
}

/// What the store knows about one URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its state.
    pub state: State,
    /// Its kind.
    pub kind: Kind,
    /// Link hops from a start point; [`LEAF`] for pages whose links are never followed.
    pub depth: u8,
    /// Listing page number (1 for a start point).
    pub page: u16,
    /// Redirects followed to reach it.
    pub redirects: u8,
    /// Its position in its host's queue.
    pub seq: u64,
    /// The `ETag` it was served with.
    pub etag: Option<String>,
    /// The `Last-Modified` it was served with.
    pub last_modified: Option<String>,
    /// When it was last fetched with an answer that holds its content (2xx, or 304 to a
    /// conditional request), in Unix seconds; none for a store written before this was
    /// kept.
    pub visited: Option<i64>,
}

/// The depth of pages found in sitemaps and feeds: their links are not followed.
pub const LEAF: u8 = u8::MAX;

impl Entry {
    fn encode(&self) -> Vec<u8> {
        let mut v = Vec::with_capacity(16);
        v.push(match self.state {
            State::Queued => 0,
            State::Done => 1,
            State::Failed => 2,
            State::Blocked => 3,
        });
        v.push(match self.kind {
            Kind::Page => 0,
            Kind::Listing => 1,
            Kind::Sitemap => 2,
            Kind::Feed => 3,
        });
        v.push(self.depth);
        v.push(self.redirects);
        v.extend_from_slice(&self.page.to_le_bytes());
        v.extend_from_slice(&self.seq.to_le_bytes());
        for s in [&self.etag, &self.last_modified] {
            let b = s.as_deref().unwrap_or("").as_bytes();
            let n = b.len().min(u16::MAX as usize);
            v.extend_from_slice(&(n as u16).to_le_bytes());
            v.extend_from_slice(&b[..n]);
        }
        if let Some(t) = self.visited {
            v.extend_from_slice(&t.to_le_bytes());
        }
        v
    }

    fn decode(b: &[u8]) -> Option<Entry> {
        let state = match *b.first()? {
            0 => State::Queued,
            1 => State::Done,
            2 => State::Failed,
            3 => State::Blocked,
            _ => return None,
        };
        let kind = match *b.get(1)? {
            0 => Kind::Page,
            1 => Kind::Listing,
            2 => Kind::Sitemap,
            3 => Kind::Feed,
            _ => return None,
        };
        let depth = *b.get(2)?;
        let redirects = *b.get(3)?;
        let page = u16::from_le_bytes(b.get(4..6)?.try_into().ok()?);
        let seq = u64::from_le_bytes(b.get(6..14)?.try_into().ok()?);
        let mut at = 14;
        let mut strs = [None, None];
        for s in &mut strs {
            let n = u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?) as usize;
            at += 2;
            let t = std::str::from_utf8(b.get(at..at + n)?).ok()?;
            at += n;
            if !t.is_empty() {
                *s = Some(t.to_string());
            }
        }
        let [etag, last_modified] = strs;
        // Absent in stores written before visits were kept.
        let visited = b
            .get(at..at + 8)
            .and_then(|t| t.try_into().ok())
            .map(i64::from_le_bytes);
        Some(Entry {
            state,
            kind,
            depth,
            page,
            redirects,
            seq,
            etag,
            last_modified,
            visited,
        })
    }
}

/// A URL to add to the frontier (ignored when already seen).
#[derive(Debug, Clone)]
pub struct NewUrl {
    /// The canonical URL.
    pub url: String,
    /// Its politeness key ([`super::canonical::host_key`]).
    pub host: String,
    /// Its kind.
    pub kind: Kind,
    /// Its depth.
    pub depth: u8,
    /// Its listing page number.
    pub page: u16,
    /// Redirects followed to reach it.
    pub redirects: u8,
    /// Take this queue position instead of a new one (a redirect target goes where its
    /// source was, so it is fetched next).
    pub seq: Option<u64>,
    /// When the sitemap or feed that lists it says it last changed (Unix seconds): a page
    /// queued again by `--refresh` and visited since is taken off the queue.
    pub modified: Option<i64>,
}

/// The outcome of one fetched URL.
#[derive(Debug, Clone)]
pub struct Finished {
    /// The URL as queued.
    pub url: String,
    /// Its host key.
    pub host: String,
    /// Its queue position.
    pub seq: u64,
    /// Its new state.
    pub state: State,
    /// Validators for `--refresh`.
    pub etag: Option<String>,
    /// Validators for `--refresh`.
    pub last_modified: Option<String>,
    /// When its content was fetched (Unix seconds), for an answer that holds it.
    pub visited: Option<i64>,
}

/// A page stored in WARC whose record must reach the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// The URL as queued (the key).
    pub url: String,
    /// The WARC file name (in the WARC folder).
    pub file: String,
    /// The offset of its response record.
    pub offset: u64,
    /// The URL the record is indexed under (its `rel=canonical` when in scope).
    pub record_url: String,
}

impl Pending {
    fn encode(&self) -> Vec<u8> {
        let mut v = Vec::new();
        v.extend_from_slice(&self.offset.to_le_bytes());
        v.extend_from_slice(&(self.file.len() as u32).to_le_bytes());
        v.extend_from_slice(self.file.as_bytes());
        v.extend_from_slice(self.record_url.as_bytes());
        v
    }

    fn decode(url: &str, b: &[u8]) -> Option<Pending> {
        let offset = u64::from_le_bytes(b.get(0..8)?.try_into().ok()?);
        let n = u32::from_le_bytes(b.get(8..12)?.try_into().ok()?) as usize;
        let file = std::str::from_utf8(b.get(12..12 + n)?).ok()?.to_string();
        let record_url = std::str::from_utf8(b.get(12 + n..)?).ok()?.to_string();
        Some(Pending {
            url: url.to_string(),
            file,
            offset,
            record_url,
        })
    }
}

/// Everything one step of the crawl changes, committed at once.
#[derive(Debug, Default)]
pub struct Batch {
    /// URLs fetched (or given up on).
    pub finished: Vec<Finished>,
    /// URLs found.
    pub found: Vec<NewUrl>,
    /// Other spellings of fetched pages (`rel=canonical`): marked done so they are never
    /// fetched.
    pub aliases: Vec<String>,
    /// Pages to confirm in the index.
    pub pending: Vec<Pending>,
    /// A WARC file and its durable length.
    pub warc: Option<(String, u64)>,
    /// What this step did per host, added to the stored totals.
    pub stats: std::collections::BTreeMap<String, HostStats>,
}

/// What [`Frontier::commit`] changed in the queue.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Committed {
    /// Found URLs that were new, now queued.
    pub added: usize,
    /// URLs queued again by `--refresh` that a sitemap or feed now says have not changed
    /// since their last visit: taken off the queue, not fetched.
    pub unchanged: usize,
}

/// Counts over the store.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// URLs waiting.
    pub queued: u64,
    /// URLs known in all.
    pub known: u64,
}

/// The redb page cache.
const CACHE_BYTES: usize = 64 * 1024 * 1024;

/// The persistent frontier.
pub struct Frontier {
    db: Database,
}

fn store_err(e: impl Into<redb::Error>) -> CrawlError {
    CrawlError::Store(e.into())
}

impl Frontier {
    /// Opens (or creates) the store at `path`.
    pub fn open(path: &Path) -> Result<Frontier, CrawlError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| CrawlError::Io(dir.display().to_string(), e))?;
        }
        // redb's default page cache grows with the file; the frontier is read mostly at the
        // head of each host's queue, so a small cache costs little and bounds memory.
        let db = Database::builder()
            .set_cache_size(CACHE_BYTES)
            .create(path)
            .map_err(|e| CrawlError::StoreAt {
                path: path.display().to_string(),
                source: e.into(),
            })?;
        let txn = db.begin_write().map_err(store_err)?;
        {
            txn.open_table(URLS).map_err(store_err)?;
            txn.open_table(QUEUE).map_err(store_err)?;
            txn.open_table(HOSTS).map_err(store_err)?;
            txn.open_table(PENDING).map_err(store_err)?;
            txn.open_table(WARCS).map_err(store_err)?;
            txn.open_table(META).map_err(store_err)?;
        }
        txn.commit().map_err(store_err)?;
        Ok(Frontier { db })
    }

    /// Applies a batch in one transaction; returns what it changed in the queue.
    pub fn commit(&self, batch: &Batch) -> Result<Committed, CrawlError> {
        let txn = self.db.begin_write().map_err(store_err)?;
        let mut done = Committed::default();
        {
            let mut urls = txn.open_table(URLS).map_err(store_err)?;
            let mut queue = txn.open_table(QUEUE).map_err(store_err)?;
            let mut hosts = txn.open_table(HOSTS).map_err(store_err)?;
            let mut meta = txn.open_table(META).map_err(store_err)?;
            let mut next_seq = meta.get("seq").map_err(store_err)?.map_or(0, |v| v.value());
            for f in &batch.finished {
                let old = urls
                    .get(f.url.as_str())
                    .map_err(store_err)?
                    .and_then(|v| Entry::decode(v.value()));
                let Some(mut e) = old else { continue };
                if e.state == State::Queued {
                    queue.remove((f.host.as_str(), f.seq)).map_err(store_err)?;
                    add_host(&mut hosts, &f.host, -1)?;
                }
                e.state = f.state;
                if f.visited.is_some() {
                    e.visited = f.visited;
                }
                if f.etag.is_some() || f.last_modified.is_some() {
                    e.etag.clone_from(&f.etag);
                    e.last_modified.clone_from(&f.last_modified);
                }
                urls.insert(f.url.as_str(), e.encode().as_slice())
                    .map_err(store_err)?;
            }
            for a in &batch.aliases {
                if urls.get(a.as_str()).map_err(store_err)?.is_none() {
                    let e = Entry {
                        state: State::Done,
                        kind: Kind::Page,
                        depth: LEAF,
                        page: 1,
                        redirects: 0,
                        seq: 0,
                        etag: None,
                        last_modified: None,
                        visited: None,
                    };
                    urls.insert(a.as_str(), e.encode().as_slice())
                        .map_err(store_err)?;
                }
            }
            for n in &batch.found {
                let known = urls
                    .get(n.url.as_str())
                    .map_err(store_err)?
                    .map(|v| Entry::decode(v.value()));
                if let Some(known) = known {
                    // Queued again for a refresh, visited after its last change: the
                    // visit stands.
                    if let Some(mut e) = known
                        && e.state == State::Queued
                        && let (Some(visited), Some(modified)) = (e.visited, n.modified)
                        && modified <= visited
                        && queue
                            .remove((n.host.as_str(), e.seq))
                            .map_err(store_err)?
                            .is_some()
                    {
                        add_host(&mut hosts, &n.host, -1)?;
                        e.state = State::Done;
                        urls.insert(n.url.as_str(), e.encode().as_slice())
                            .map_err(store_err)?;
                        done.unchanged += 1;
                    }
                    continue;
                }
                let seq = match n.seq {
                    Some(s)
                        if queue
                            .get((n.host.as_str(), s))
                            .map_err(store_err)?
                            .is_none() =>
                    {
                        s
                    }
                    _ => {
                        next_seq += 1;
                        next_seq
                    }
                };
                let e = Entry {
                    state: State::Queued,
                    kind: n.kind,
                    depth: n.depth,
                    page: n.page,
                    redirects: n.redirects,
                    seq,
                    etag: None,
                    last_modified: None,
                    visited: None,
                };
                urls.insert(n.url.as_str(), e.encode().as_slice())
                    .map_err(store_err)?;
                queue
                    .insert((n.host.as_str(), seq), n.url.as_str())
                    .map_err(store_err)?;
                add_host(&mut hosts, &n.host, 1)?;
                done.added += 1;
            }
            meta.insert("seq", next_seq).map_err(store_err)?;
            let mut pending = txn.open_table(PENDING).map_err(store_err)?;
            for p in &batch.pending {
                pending
                    .insert(p.url.as_str(), p.encode().as_slice())
                    .map_err(store_err)?;
            }
            if let Some((file, len)) = &batch.warc {
                let mut warcs = txn.open_table(WARCS).map_err(store_err)?;
                warcs.insert(file.as_str(), *len).map_err(store_err)?;
            }
            if !batch.stats.is_empty() {
                let mut stats = txn.open_table(STATS).map_err(store_err)?;
                for (host, delta) in &batch.stats {
                    let mut total = stats
                        .get(host.as_str())
                        .map_err(store_err)?
                        .and_then(|v| HostStats::decode(v.value()))
                        .unwrap_or_default();
                    total.add(delta);
                    stats
                        .insert(host.as_str(), total.encode().as_slice())
                        .map_err(store_err)?;
                }
            }
        }
        txn.commit().map_err(store_err)?;
        Ok(done)
    }

    /// What the crawl did per host, by host key (empty for a store written before these
    /// counts were kept).
    pub fn host_stats(&self) -> Result<Vec<(String, HostStats)>, CrawlError> {
        let txn = self.db.begin_read().map_err(store_err)?;
        let table = match txn.open_table(STATS) {
            Ok(t) => t,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(Vec::new()),
            Err(e) => return Err(store_err(e)),
        };
        let mut out = Vec::new();
        for row in table.iter().map_err(store_err)? {
            let (k, v) = row.map_err(store_err)?;
            if let Some(s) = HostStats::decode(v.value()) {
                out.push((k.value().to_string(), s));
            }
        }
        Ok(out)
    }

    /// The next queued URL of `host`, with its entry.
    pub fn next_for_host(&self, host: &str) -> Result<Option<(String, Entry)>, CrawlError> {
        let txn = self.db.begin_read().map_err(store_err)?;
        let queue = txn.open_table(QUEUE).map_err(store_err)?;
        let mut range = queue
            .range((host, 0u64)..=(host, u64::MAX))
            .map_err(store_err)?;
        let Some(first) = range.next() else {
            return Ok(None);
        };
        let (_, url) = first.map_err(store_err)?;
        let url = url.value().to_string();
        let urls = txn.open_table(URLS).map_err(store_err)?;
        let entry = urls
            .get(url.as_str())
            .map_err(store_err)?
            .and_then(|v| Entry::decode(v.value()))
            .ok_or_else(|| CrawlError::State(format!("queued URL without entry: {url}")))?;
        Ok(Some((url, entry)))
    }

    /// The entry of a URL, if seen.
    pub fn entry(&self, url: &str) -> Result<Option<Entry>, CrawlError> {
        let txn = self.db.begin_read().map_err(store_err)?;
        let urls = txn.open_table(URLS).map_err(store_err)?;
        Ok(urls
            .get(url)
            .map_err(store_err)?
            .and_then(|v| Entry::decode(v.value())))
    }

    /// Hosts with queued URLs.
    pub fn hosts_with_work(&self) -> Result<Vec<String>, CrawlError> {
        let txn = self.db.begin_read().map_err(store_err)?;
        let hosts = txn.open_table(HOSTS).map_err(store_err)?;
        let queue = txn.open_table(QUEUE).map_err(store_err)?;
        let mut out = Vec::new();
        for row in hosts.iter().map_err(store_err)? {
            let (h, n) = row.map_err(store_err)?;
            let h = h.value();
            // The queue itself decides; the count only lists the candidates.
            if n.value() > 0
                && queue
                    .range((h, 0u64)..=(h, u64::MAX))
                    .map_err(store_err)?
                    .next()
                    .is_some()
            {
                out.push(h.to_string());
            }
        }
        Ok(out)
    }

    /// Queued and known URL counts.
    pub fn counts(&self) -> Result<Counts, CrawlError> {
        let txn = self.db.begin_read().map_err(store_err)?;
        let hosts = txn.open_table(HOSTS).map_err(store_err)?;
        let mut queued = 0;
        for row in hosts.iter().map_err(store_err)? {
            queued += row.map_err(store_err)?.1.value();
        }
        let urls = txn.open_table(URLS).map_err(store_err)?;
        Ok(Counts {
            queued,
            known: urls.len().map_err(store_err)?,
        })
    }

    /// Pages stored but not confirmed in the index.
    pub fn pending(&self) -> Result<Vec<Pending>, CrawlError> {
        let txn = self.db.begin_read().map_err(store_err)?;
        let t = txn.open_table(PENDING).map_err(store_err)?;
        let mut out = Vec::new();
        for row in t.iter().map_err(store_err)? {
            let (k, v) = row.map_err(store_err)?;
            if let Some(p) = Pending::decode(k.value(), v.value()) {
                out.push(p);
            }
        }
        Ok(out)
    }

    /// Forgets pending pages once the index holds them.
    pub fn clear_pending(&self, urls: &[String]) -> Result<(), CrawlError> {
        if urls.is_empty() {
            return Ok(());
        }
        let txn = self.db.begin_write().map_err(store_err)?;
        {
            let mut t = txn.open_table(PENDING).map_err(store_err)?;
            for u in urls {
                t.remove(u.as_str()).map_err(store_err)?;
            }
        }
        txn.commit().map_err(store_err)
    }

    /// WARC files with their durable lengths.
    pub fn warc_files(&self) -> Result<Vec<(String, u64)>, CrawlError> {
        let txn = self.db.begin_read().map_err(store_err)?;
        let t = txn.open_table(WARCS).map_err(store_err)?;
        let mut out = Vec::new();
        for row in t.iter().map_err(store_err)? {
            let (k, v) = row.map_err(store_err)?;
            out.push((k.value().to_string(), v.value()));
        }
        Ok(out)
    }

    /// A fresh number for a new WARC file.
    pub fn next_warc_number(&self) -> Result<u64, CrawlError> {
        let txn = self.db.begin_write().map_err(store_err)?;
        let n;
        {
            let mut meta = txn.open_table(META).map_err(store_err)?;
            n = meta
                .get("warc")
                .map_err(store_err)?
                .map_or(0, |v| v.value())
                + 1;
            meta.insert("warc", n).map_err(store_err)?;
        }
        txn.commit().map_err(store_err)?;
        Ok(n)
    }

    /// Queues again every fetched page, listing, sitemap and feed (`--refresh`), keeping
    /// their validators for conditional requests; sitemaps, feeds, listings and start
    /// pages go ahead of the pages. Returns how many.
    pub fn requeue_done(&self) -> Result<u64, CrawlError> {
        let txn = self.db.begin_write().map_err(store_err)?;
        let mut n = 0;
        {
            let mut urls = txn.open_table(URLS).map_err(store_err)?;
            let mut queue = txn.open_table(QUEUE).map_err(store_err)?;
            let mut hosts = txn.open_table(HOSTS).map_err(store_err)?;
            let mut meta = txn.open_table(META).map_err(store_err)?;
            let mut next_seq = meta.get("seq").map_err(store_err)?.map_or(0, |v| v.value());
            let mut todo = Vec::new();
            for row in urls.iter().map_err(store_err)? {
                let (k, v) = row.map_err(store_err)?;
                if let Some(e) = Entry::decode(v.value())
                    && e.state == State::Done
                    // Aliases (seq 0) were never fetched under that spelling.
                    && e.seq != 0
                {
                    todo.push((k.value().to_string(), e));
                }
            }
            // What lists pages goes first, so a sitemap's or feed's `lastmod` can spare
            // the unchanged pages it lists before their turn comes.
            todo.sort_by_key(|(_, e)| e.kind == Kind::Page && e.depth != 0);
            for (url, mut e) in todo {
                let Some(host) = url::Url::parse(&url)
                    .ok()
                    .map(|u| super::canonical::host_key(&u))
                else {
                    continue;
                };
                next_seq += 1;
                e.state = State::Queued;
                e.seq = next_seq;
                e.redirects = 0;
                urls.insert(url.as_str(), e.encode().as_slice())
                    .map_err(store_err)?;
                queue
                    .insert((host.as_str(), next_seq), url.as_str())
                    .map_err(store_err)?;
                add_host(&mut hosts, &host, 1)?;
                n += 1;
            }
            meta.insert("seq", next_seq).map_err(store_err)?;
        }
        txn.commit().map_err(store_err)?;
        Ok(n)
    }

    /// Rewrites the store file without its free pages (after large batches).
    pub fn compact(&mut self) -> Result<bool, CrawlError> {
        self.db.compact().map_err(store_err)
    }

    /// The size of the store file on disk, in bytes.
    pub fn disk_bytes(path: &Path) -> u64 {
        std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
    }
}

fn add_host(
    hosts: &mut redb::Table<'_, &'static str, u64>,
    host: &str,
    delta: i64,
) -> Result<(), CrawlError> {
    let cur = hosts.get(host).map_err(store_err)?.map_or(0, |v| v.value());
    let new = cur.saturating_add_signed(delta);
    if new == 0 {
        hosts.remove(host).map_err(store_err)?;
    } else {
        hosts.insert(host, new).map_err(store_err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new(url: &str, host: &str) -> NewUrl {
        NewUrl {
            url: url.into(),
            host: host.into(),
            kind: Kind::Page,
            depth: 0,
            page: 1,
            redirects: 0,
            seq: None,
            modified: None,
        }
    }

    #[test]
    fn entry_roundtrip() {
        let e = Entry {
            state: State::Blocked,
            kind: Kind::Feed,
            depth: 3,
            page: 7,
            redirects: 2,
            seq: 123_456_789,
            etag: Some("\"abc\"".into()),
            last_modified: None,
            visited: Some(1_700_000_000),
        };
        assert_eq!(Entry::decode(&e.encode()), Some(e.clone()));
        // A store written before visits were kept reads as never visited.
        let old = Entry { visited: None, ..e };
        let bytes = old.encode();
        assert_eq!(Entry::decode(&bytes).map(|e| e.visited), Some(None));
        assert_eq!(Entry::decode(&[9]), None);
    }

    #[test]
    fn queue_order_dedup_and_persistence() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.redb");
        {
            let f = Frontier::open(&path).unwrap();
            let b = Batch {
                found: vec![
                    new("http://a/1", "a"),
                    new("http://a/2", "a"),
                    new("http://a/1", "a"),
                    new("http://b/1", "b"),
                ],
                ..Batch::default()
            };
            assert_eq!(f.commit(&b).unwrap().added, 3);
            let (u, e) = f.next_for_host("a").unwrap().unwrap();
            assert_eq!(u, "http://a/1");
            // Done, with a redirect target taking its place at the head of the queue.
            let mut target = new("http://a/9", "a");
            target.seq = Some(e.seq);
            target.redirects = 1;
            let b = Batch {
                finished: vec![Finished {
                    url: u,
                    host: "a".into(),
                    seq: e.seq,
                    state: State::Done,
                    etag: Some("x".into()),
                    last_modified: None,
                    visited: Some(1_000),
                }],
                found: vec![target, new("http://a/1", "a")],
                pending: vec![Pending {
                    url: "http://a/1".into(),
                    file: "f.warc.gz".into(),
                    offset: 42,
                    record_url: "http://a/1".into(),
                }],
                warc: Some(("f.warc.gz".into(), 99)),
                ..Batch::default()
            };
            assert_eq!(f.commit(&b).unwrap().added, 1);
        }
        let mut f = Frontier::open(&path).unwrap();
        f.compact().unwrap();
        let (u, e) = f.next_for_host("a").unwrap().unwrap();
        assert_eq!((u.as_str(), e.redirects), ("http://a/9", 1));
        assert_eq!(
            f.counts().unwrap(),
            Counts {
                queued: 3,
                known: 4
            }
        );
        let mut hosts = f.hosts_with_work().unwrap();
        hosts.sort();
        assert_eq!(hosts, vec!["a", "b"]);
        assert_eq!(f.pending().unwrap()[0].offset, 42);
        f.clear_pending(&["http://a/1".into()]).unwrap();
        assert!(f.pending().unwrap().is_empty());
        assert_eq!(f.warc_files().unwrap(), vec![("f.warc.gz".into(), 99)]);
        assert_eq!(f.entry("http://a/1").unwrap().unwrap().state, State::Done);
        assert_eq!(f.requeue_done().unwrap(), 1);
        assert_eq!(f.counts().unwrap().queued, 4);
        let e = f.entry("http://a/1").unwrap().unwrap();
        assert_eq!((e.state, e.etag.as_deref()), (State::Queued, Some("x")));
        // A sitemap lists it as changed after the visit: it stays queued.
        let listed = |modified: i64| Batch {
            found: vec![NewUrl {
                modified: Some(modified),
                ..new("http://a/1", "a")
            }],
            ..Batch::default()
        };
        assert_eq!(f.commit(&listed(2_000)).unwrap(), Committed::default());
        assert_eq!(f.entry("http://a/1").unwrap().unwrap().state, State::Queued);
        // Then as unchanged since the visit (at 1,000): the visit stands.
        let c = f.commit(&listed(1_000)).unwrap();
        assert_eq!((c.added, c.unchanged), (0, 1));
        assert_eq!(f.entry("http://a/1").unwrap().unwrap().state, State::Done);
        assert_eq!(f.counts().unwrap().queued, 3);
        // A page never visited (a/2) is fetched whatever the listing says.
        let c = f
            .commit(&Batch {
                found: vec![NewUrl {
                    modified: Some(0),
                    ..new("http://a/2", "a")
                }],
                ..Batch::default()
            })
            .unwrap();
        assert_eq!(c.unchanged, 0);
        assert_eq!(f.counts().unwrap().queued, 3);
    }
}
