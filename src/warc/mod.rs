//! WARC 1.1 files: how the crawler keeps every response as served (`write`), and how
//! `extract` and `index` read them back with no network (`read`).

pub mod read;
pub mod write;
