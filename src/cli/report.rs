//! `baochi report [--format table|csv|json|html]`

use baochi::data::DataDir;
use std::path::PathBuf;
use std::process::ExitCode;

/// Flags of `baochi report`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// table (terminal), csv, json or html.
    #[arg(long, default_value = "table")]
    pub format: String,
    /// Where to write (standard output when absent).
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
}

pub fn run(_args: Args, _data: &DataDir) -> anyhow::Result<ExitCode> {
    anyhow::bail!("report is being written")
}
