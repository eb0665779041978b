//! `baochi crawl [--sources FILE] [URL...]`

use baochi::data::DataDir;
use std::path::PathBuf;
use std::process::ExitCode;

/// Flags of `baochi crawl`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A sources file (TOML) naming the sites and their start points.
    #[arg(long)]
    pub sources: Option<PathBuf>,
    /// Revisit known pages with conditional requests (ETag / Last-Modified).
    #[arg(long)]
    pub refresh: bool,
    /// Seed URLs (crawled within their hosts).
    pub urls: Vec<String>,
}

pub fn run(_args: Args, _data: &DataDir) -> anyhow::Result<ExitCode> {
    anyhow::bail!("crawl is being written")
}
