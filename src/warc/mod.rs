//! WARC 1.1 files: how the crawler keeps every response as served, and how `extract` and
//! `index` read them back with no network.

pub mod write;
