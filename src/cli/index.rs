//! `baochi index PATH...`

use baochi::data::DataDir;
use std::path::PathBuf;
use std::process::ExitCode;

/// Flags of `baochi index`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or directories (walked recursively) of HTML, text or WARC articles.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

pub fn run(_args: Args, _data: &DataDir) -> anyhow::Result<ExitCode> {
    anyhow::bail!("index is being written")
}
