//! The search filters, one flag group shared by the commands that take them (search, kwic,
//! trend, and through `Selection` export and report).

use baochi::date::PartialDate;
use baochi::index::SearchRequest;

/// `--province`, `--document`, `--from`, `--to`, `--all-copies`.
#[derive(Debug, Clone, clap::Args)]
pub struct Filters {
    /// Only articles about this province (pre- or post-2025 name, diacritics optional).
    #[arg(long)]
    pub province: Option<String>,
    /// Only articles citing this document (`12-NQ/TW`, `NQTW4-XI`).
    #[arg(long)]
    pub document: Option<String>,
    /// Published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<PartialDate>,
    /// Published on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<PartialDate>,
    /// Every copy of a reprinted story (else each story once, as its earliest copy).
    #[arg(long)]
    pub all_copies: bool,
}

impl Filters {
    /// Whether no filter is given.
    pub fn is_empty(&self) -> bool {
        self.province.is_none()
            && self.document.is_none()
            && self.from.is_none()
            && self.to.is_none()
    }

    /// The search of `query` within these filters.
    pub fn request(self, query: String) -> SearchRequest {
        SearchRequest {
            query,
            province: self.province,
            document: self.document,
            from: self.from.map(|d| d.to_string()),
            to: self.to.map(|d| d.to_string()),
            all_copies: self.all_copies,
            ..Default::default()
        }
    }
}
