//! Index and search: records in tantivy with diacritic-aware Vietnamese analysis.
//!
//! Input: [`Record`]s (from `extract`). Output: [`SearchResults`] for a [`SearchRequest`],
//! and the stored records back ([`Index::article`], [`Index::for_each_record`]).
//!
//! Every text is indexed twice at the same positions: syllables with their diacritics
//! (normalised, lower case) and folded syllables ([`analyzer`]). A query matches on the
//! folded stream, so every spelling is found, and scores exact-diacritic matches higher, so
//! `bổ nhiệm` ranks above `bỏ nhiệm`. Cited documents are filed under every key users type
//! for them ([`codes`]). The schema is documented field by field in `schema/index.md`.
//!
//! The types and signatures below are the contract `export`, `report`, `serve` and `crawl`
//! use.
//!
//! ```no_run
//! use baochi::index::{Index, SearchRequest};
//! # fn main() -> Result<(), baochi::index::IndexError> {
//! let index = Index::create_or_open(std::path::Path::new("baochi-data/index"))?;
//! let hits = index.search(&SearchRequest { query: "can bo luan chuyen".into(), limit: 10,
//!     ..Default::default() })?;
//! # Ok(()) }
//! ```

pub mod analyzer;
pub mod codes;
mod facets;
pub mod most;
pub mod query;
pub mod rank;
pub mod readings;
pub mod reprints;
pub mod schema;
mod search;
pub mod snippet;
pub mod tally;
mod writer;

use crate::record::Record;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use tantivy::directory::MmapDirectory;
use tantivy::{IndexReader, ReloadPolicy};

pub use schema::Fields;
pub use search::{MAX_LIMIT, MAX_OFFSET};

/// What can go wrong opening, writing or querying the index.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// Anything tantivy reports.
    #[error("index")]
    Tantivy(#[from] tantivy::TantivyError),
    /// The index's folder could not be made or opened.
    #[error("{dir}")]
    Dir {
        /// The folder.
        dir: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The index's folder could not be opened as a tantivy directory.
    #[error("{dir}")]
    OpenDir {
        /// The folder.
        dir: String,
        /// Why.
        #[source]
        source: tantivy::directory::error::OpenDirectoryError,
    },
    /// An article's stored record is missing or cannot be read or written.
    #[error("article {id}: stored record")]
    Record {
        /// The article's id.
        id: String,
        /// Why; `None` when the record is missing.
        #[source]
        source: Option<serde_json::Error>,
    },
    /// A text fast field of the index (id, URL, source) cannot be read.
    #[error("a text fast field")]
    FastField(#[source] std::io::Error),
    /// A query or filter the user typed that cannot be understood.
    #[error("bad query: {0}")]
    BadQuery(String),
    /// No index in the data directory yet.
    #[error("no index at {0}: run `baochi index` or `baochi crawl` first")]
    Missing(String),
    /// An index written by a version of baochi with other fields.
    #[error(
        "the index at {dir} was written by another version of baochi ({why}): move it aside \
         and rebuild it, with `baochi index DATA/warc` for crawled pages or `baochi index` \
         on your files"
    )]
    Outdated {
        /// The index directory.
        dir: String,
        /// What differs.
        why: String,
    },
}

/// A search with its filters, as the CLI and the HTTP API take it.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// The query as typed (may be empty: then the filters alone select).
    pub query: String,
    /// A province, pre- or post-2025 name, with or without diacritics.
    pub province: Option<String>,
    /// A document canonical (`12-NQ/TW`) or alias (`NQTW4-XI`).
    pub document: Option<String>,
    /// Earliest publication date, `YYYY[-MM[-DD]]`, inclusive.
    pub from: Option<String>,
    /// Latest publication date, `YYYY[-MM[-DD]]`, inclusive.
    pub to: Option<String>,
    /// How many hits at most (at most [`MAX_LIMIT`]).
    pub limit: usize,
    /// How many hits to skip (paging; at most [`MAX_OFFSET`]).
    pub offset: usize,
    /// Count every match exactly, however many (else counts and facets past
    /// [`tally::EXACT_BUDGET`] matches per segment are estimated from a sample).
    pub exact_counts: bool,
    /// List every copy of a reprinted story (else each story once, as its earliest copy,
    /// in hits, counts and facets).
    pub all_copies: bool,
}

/// One hit, as `search --json` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// The article's id ([`Record::id`]).
    pub id: String,
    /// Its URL.
    pub url: Option<String>,
    /// Its headline.
    pub title: Option<String>,
    /// Its publication date.
    pub published: Option<String>,
    /// Its province (pre-2025 name).
    pub province: Option<String>,
    /// The relevance score.
    pub score: f32,
    /// A passage of the body with its matched syllables; in JSON, the matches between `<b>`
    /// and `</b>`, the rest HTML-escaped.
    pub snippet: snippet::Snippet,
    /// Whether the article holds every word of the query (false: most of them, best
    /// match).
    pub all_words: bool,
    /// The earliest copy of this story, when this article is a reprint (listed only with
    /// [`SearchRequest::all_copies`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
    /// The story's other copies in the index, earliest first: "also in Báo X, Báo Y".
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also_in: Vec<OtherCopy>,
}

/// Another paper's copy of a hit's story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OtherCopy {
    /// Its id.
    pub id: String,
    /// Its URL.
    pub url: Option<String>,
    /// Its site's host.
    pub source: Option<String>,
    /// The paper that site is, when the gazetteer knows it (`Báo Điện Biên Phủ`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paper: Option<String>,
    /// Its publication day (`YYYY-MM-DD`).
    pub published: Option<String>,
}

/// Counts of matching articles per facet value.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facets {
    /// Per province.
    pub province: BTreeMap<String, u64>,
    /// Per publication year.
    pub year: BTreeMap<String, u64>,
    /// Per cited document canonical.
    pub document: BTreeMap<String, u64>,
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone, Default, Serialize)]
pub struct SearchResults {
    /// How many articles match in all: those holding every word, then (best match) those
    /// holding most.
    pub total: usize,
    /// How many hold every word (all of `total` for a strict query).
    pub all_words: usize,
    /// How many more hold most of the words (best match; 0 for a strict query).
    pub most_words: usize,
    /// Whether the counts and facets are exact (false: estimated from a sample of the
    /// matches; ask with [`SearchRequest::exact_counts`]).
    pub exact_counts: bool,
    /// The requested page of hits, best first.
    pub hits: Vec<Hit>,
    /// Counts over all matching articles.
    pub facets: Facets,
}

/// An open index.
#[derive(Clone)]
pub struct Index {
    index: tantivy::Index,
    fields: Fields,
    reader: IndexReader,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index").finish_non_exhaustive()
    }
}

impl Index {
    /// Opens the index in `dir`, creating it (and `dir`) when absent.
    pub fn create_or_open(dir: &Path) -> Result<Index, IndexError> {
        std::fs::create_dir_all(dir).map_err(|source| IndexError::Dir {
            dir: dir.display().to_string(),
            source,
        })?;
        if dir.join("meta.json").is_file() {
            // An index of another version is named as such, not as a schema mismatch.
            return Index::open(dir);
        }
        let mmap = MmapDirectory::open(dir).map_err(|source| IndexError::OpenDir {
            dir: dir.display().to_string(),
            source,
        })?;
        let (schema, _) = schema::build();
        let index = tantivy::Index::open_or_create(mmap, schema)?;
        Index::wrap(index, dir)
    }

    /// Opens an existing index for reading.
    pub fn open(dir: &Path) -> Result<Index, IndexError> {
        if !dir.join("meta.json").is_file() {
            return Err(IndexError::Missing(dir.display().to_string()));
        }
        let index = tantivy::Index::open_in_dir(dir)?;
        Index::wrap(index, dir)
    }

    /// An index held in memory: for tests and benchmarks.
    pub fn in_memory() -> Result<Index, IndexError> {
        let (schema, _) = schema::build();
        Index::wrap(tantivy::Index::create_in_ram(schema), Path::new("(memory)"))
    }

    fn wrap(index: tantivy::Index, dir: &Path) -> Result<Index, IndexError> {
        analyzer::register(&index);
        let fields = schema::resolve(&index.schema()).map_err(|why| IndexError::Outdated {
            dir: dir.display().to_string(),
            why,
        })?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        Ok(Index {
            index,
            fields,
            reader,
        })
    }

    /// The fields of the schema.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// A searcher over the latest commit seen: for tools that time or inspect the stages of
    /// a search (`examples/search_stages.rs`).
    pub fn searcher(&self) -> tantivy::Searcher {
        self.reader.searcher()
    }

    /// How many articles the index holds (as of the last commit seen).
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// How many articles the index holds now (the latest commit, reloaded first).
    pub fn len_now(&self) -> Result<u64, IndexError> {
        self.reader.reload()?;
        Ok(self.len())
    }

    /// Whether the index holds no article.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Sees the latest commit now rather than within the reload delay (another process
    /// writing).
    pub fn reload(&self) -> Result<(), IndexError> {
        Ok(self.reader.reload()?)
    }

    /// Runs a search.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults, IndexError> {
        search::search(self, req)
    }

    /// The readings of a query typed without diacritics ([`readings`]): per run of words,
    /// the diacritic forms the index holds, most articles first. Empty for a query with
    /// diacritics.
    pub fn readings(&self, query: &str) -> Result<Vec<readings::RunReadings>, IndexError> {
        readings::readings(self, query)
    }

    /// One article's full record by id.
    pub fn article(&self, id: &str) -> Result<Option<Record>, IndexError> {
        search::article(self, id)
    }

    /// A writer: one per index at a time. Adds and replaces records; nothing is visible to
    /// readers, nor survives a crash, until [`IndexWriter::commit`].
    pub fn writer(&self) -> Result<IndexWriter, IndexError> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        self.writer_with(threads, 64 << 20)
    }

    /// A writer with `threads` indexing threads and `bytes_per_thread` of memory each
    /// (at least 15 MB) before a segment is flushed.
    pub fn writer_with(
        &self,
        threads: usize,
        bytes_per_thread: usize,
    ) -> Result<IndexWriter, IndexError> {
        writer::open(
            self,
            threads.max(1),
            bytes_per_thread.max(15 << 20) * threads.max(1),
        )
    }

    /// Streams the records of every article the request selects (all when `None`), in a
    /// stable order (publication date, then id), without holding them all in memory.
    pub fn for_each_record(
        &self,
        req: Option<&SearchRequest>,
        f: &mut dyn FnMut(&str, Record) -> Result<(), IndexError>,
    ) -> Result<(), IndexError> {
        search::for_each_record(self, req, f)
    }

    /// [`Index::for_each_record`] for a caller with its own error (a writer's, a view's): the
    /// first error `f` returns stops the walk and comes back as it is.
    pub fn try_each_record<E: From<IndexError>>(
        &self,
        req: Option<&SearchRequest>,
        f: &mut dyn FnMut(&str, Record) -> Result<(), E>,
    ) -> Result<(), E> {
        search::for_each_record(self, req, f)
    }
}

/// Which articles [`Index::remove`] takes out: any that match one of the parts.
#[derive(Debug, Clone, Default)]
pub struct Removal {
    /// These ids.
    pub ids: Vec<String>,
    /// Articles whose URL starts with this.
    pub url_prefix: Option<String>,
    /// Articles of this site (its host; `www.` optional).
    pub source: Option<String>,
}

impl Removal {
    /// Whether it names nothing.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty() && self.url_prefix.is_none() && self.source.is_none()
    }
}

impl Index {
    /// The ids of the articles `what` names, as of the last commit seen.
    pub fn ids_of(&self, what: &Removal) -> Result<Vec<String>, IndexError> {
        use tantivy::query::{Query, RangeQuery, TermQuery};
        use tantivy::schema::IndexRecordOption;
        let f = &self.fields;
        let searcher = self.reader.searcher();
        let term = |field, v: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                tantivy::Term::from_field_text(field, v),
                IndexRecordOption::Basic,
            ))
        };
        let mut queries: Vec<Box<dyn Query>> = what.ids.iter().map(|id| term(f.id, id)).collect();
        if let Some(p) = what.url_prefix.as_deref().filter(|p| !p.is_empty()) {
            // Every URL term from the prefix up to the prefix followed by the last char.
            let lo = tantivy::Term::from_field_text(f.url, p);
            let hi = tantivy::Term::from_field_text(f.url, &format!("{p}\u{10FFFF}"));
            queries.push(Box::new(RangeQuery::new(
                std::ops::Bound::Included(lo),
                std::ops::Bound::Excluded(hi),
            )));
        }
        if let Some(src) = what.source.as_deref() {
            let host = src.trim().to_lowercase();
            let bare = host.strip_prefix("www.").unwrap_or(&host).to_string();
            queries.push(term(f.source, &bare));
            queries.push(term(f.source, &format!("www.{bare}")));
        }
        let mut ids = Vec::new();
        for q in queries {
            for addr in searcher.search(&*q, &tantivy::collector::DocSetCollector)? {
                use tantivy::schema::Value;
                let doc: tantivy::TantivyDocument = searcher.doc(addr)?;
                if let Some(id) = doc.get_first(f.id).and_then(|v| v.as_str()) {
                    ids.push(id.to_string());
                }
            }
        }
        ids.sort();
        ids.dedup();
        Ok(ids)
    }

    /// Takes the articles `what` names out of the index, their facets and reprint links
    /// with them (a copy of a removed original is linked to the earliest copy left), in one
    /// commit: a crash leaves all of them or none. Returns how many.
    pub fn remove(&self, what: &Removal) -> Result<u64, IndexError> {
        let ids = self.ids_of(what)?;
        if ids.is_empty() {
            return Ok(0);
        }
        let mut w = self.writer()?;
        for id in &ids {
            w.delete(id);
        }
        w.commit()?;
        w.finish()?;
        Ok(ids.len() as u64)
    }
}

/// Whether an upsert added a new article or replaced one with the same id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upsert {
    /// A new article.
    Added,
    /// An article with the same id was there and is replaced.
    Replaced,
}

pub use writer::IndexWriter;
