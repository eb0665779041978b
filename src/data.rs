//! The data directory (`--data DIR`, `BAOCHI_DATA`, default `./baochi-data`): the index,
//! the crawl state and the raw pages, and nothing else of the tool's lives elsewhere.

use std::path::{Path, PathBuf};

/// The default data directory, relative to the working directory.
pub const DEFAULT_DIR: &str = "baochi-data";

/// Paths inside a data directory.
#[derive(Debug, Clone)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// A data directory rooted at `root` (not created until something is written).
    pub fn new(root: impl Into<PathBuf>) -> DataDir {
        DataDir { root: root.into() }
    }

    /// The root folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The tantivy index.
    pub fn index_dir(&self) -> PathBuf {
        self.root.join("index")
    }

    /// The crawler's frontier and seen-set (an embedded transactional store).
    pub fn crawl_state(&self) -> PathBuf {
        self.root.join("crawl.redb")
    }

    /// The raw responses, as WARC files.
    pub fn warc_dir(&self) -> PathBuf {
        self.root.join("warc")
    }
}
