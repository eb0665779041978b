//! Index and search: records in tantivy with diacritic-aware Vietnamese analysis.
//! (Contract: the types and signatures below are what `export`, `report`, `serve` and
//! `crawl` use; the bodies are being written.)

use crate::record::Record;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// What can go wrong opening, writing or querying the index.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// Anything tantivy reports.
    #[error("index: {0}")]
    Tantivy(String),
    /// A query or filter the user typed that cannot be understood.
    #[error("bad query: {0}")]
    BadQuery(String),
    /// No index in the data directory yet.
    #[error("no index at {0}: run `baochi index` or `baochi crawl` first")]
    Missing(String),
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
    /// How many hits at most.
    pub limit: usize,
    /// How many hits to skip (paging).
    pub offset: usize,
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
    /// A passage of the body with the matched syllables between `<b>` and `</b>`, the rest
    /// HTML-escaped.
    pub snippet: String,
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
    /// How many articles match in all.
    pub total: usize,
    /// The requested page of hits, best first.
    pub hits: Vec<Hit>,
    /// Counts over all matching articles.
    pub facets: Facets,
}

/// An open index.
pub struct Index {
    _private: (),
}

impl Index {
    /// Opens the index in `dir`, creating it when absent.
    pub fn create_or_open(_dir: &Path) -> Result<Index, IndexError> {
        Err(IndexError::Tantivy("not written yet".into()))
    }

    /// Opens an existing index for reading.
    pub fn open(dir: &Path) -> Result<Index, IndexError> {
        Err(IndexError::Missing(dir.display().to_string()))
    }

    /// Runs a search.
    pub fn search(&self, _req: &SearchRequest) -> Result<SearchResults, IndexError> {
        Ok(SearchResults::default())
    }

    /// One article's full record by id.
    pub fn article(&self, _id: &str) -> Result<Option<Record>, IndexError> {
        Ok(None)
    }

    /// A writer: one per index at a time. Adds and replaces records; nothing is visible to
    /// readers, nor survives a crash, until [`IndexWriter::commit`].
    pub fn writer(&self) -> Result<IndexWriter, IndexError> {
        Err(IndexError::Tantivy("not written yet".into()))
    }

    /// Streams the records of every article the request selects (all when `None`), in a
    /// stable order, without holding them all in memory.
    pub fn for_each_record(
        &self,
        _req: Option<&SearchRequest>,
        _f: &mut dyn FnMut(&str, Record) -> Result<(), IndexError>,
    ) -> Result<(), IndexError> {
        Ok(())
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

/// Adds records to an [`Index`].
pub struct IndexWriter {
    _private: (),
}

impl IndexWriter {
    /// Adds `rec`, replacing any article with the same [`Record::id`].
    pub fn upsert(&mut self, _rec: &Record) -> Result<Upsert, IndexError> {
        Err(IndexError::Tantivy("not written yet".into()))
    }

    /// Makes everything added so far durable and visible.
    pub fn commit(&mut self) -> Result<(), IndexError> {
        Ok(())
    }
}
