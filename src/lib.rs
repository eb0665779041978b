//! baochi turns Vietnamese provincial party news into searchable, exportable evidence.
//!
//! A page travels the pipeline in folder order: [`crawl`] fetches it and keeps it as served
//! (WARC, see [`warc`]); [`extract`] decodes it and pulls out the article; [`text`]
//! normalises Vietnamese text; [`entities`] finds documents, dates, officials, localities
//! and statistics; [`index`] makes it searchable; [`views`], [`export`], [`report`] and
//! [`serve`] give it to users. [`record::Record`] is the contract between the stages (record-format.md).
//!
//! The library never prints or exits; the `baochi` binary (`src/main.rs`, `src/cli/`) does.
#![deny(missing_docs)]

pub mod crawl;
pub mod data;
pub mod date;
pub mod entities;
pub mod export;
pub mod extract;
pub mod index;
pub mod record;
pub mod report;
pub mod serve;
pub mod text;
pub mod views;
pub mod warc;
