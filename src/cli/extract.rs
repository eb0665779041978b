//! `baochi extract [--url URL] PATH...`

use std::path::PathBuf;
use std::process::ExitCode;

/// Flags of `baochi extract`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The address the page came from (sets `url` and `source`); for a single input.
    #[arg(long)]
    pub url: Option<String>,
    /// HTML (.html, .htm), plain text (.txt) or WARC (.warc, .warc.gz) files; `-` reads stdin.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("extract is being written")
}
