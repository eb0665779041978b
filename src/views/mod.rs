//! Views for research over the index: where a query stands in the text ([`kwic`]), how
//! coverage of it moves over time and place ([`trend`]), the people the articles name
//! ([`people`]), what the index holds to begin with ([`coverage`]), and the figures the
//! articles report as series ([`figures`]).
//!
//! Input: an [`Index`](crate::index::Index) and a
//! [`SearchRequest`](crate::index::SearchRequest) (query and filters, the same language as
//! search). Output: rows for the CLI, the HTTP API and the page, streamed where they can be
//! (memory stays flat over the index).

pub mod coverage;
pub mod figures;
pub mod kwic;
pub mod people;
pub mod trend;

/// What can go wrong building a view.
#[derive(Debug, thiserror::Error)]
pub enum ViewError {
    /// The index could not answer.
    #[error(transparent)]
    Index(#[from] crate::index::IndexError),
    /// A parameter the user gave cannot be used.
    #[error("{0}")]
    Bad(String),
    /// The rows could not be written where they go.
    #[error("cannot write: {0}")]
    Write(#[from] std::io::Error),
}
