//! `baochi export --table T [--format csv|jsonl|parquet] [-o FILE]`

use baochi::data::DataDir;
use std::path::PathBuf;
use std::process::ExitCode;

/// Flags of `baochi export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// articles, documents, dates, officials, localities or statistics.
    #[arg(long)]
    pub table: String,
    /// csv, jsonl or parquet.
    #[arg(long, default_value = "csv")]
    pub format: String,
    /// Where to write (standard output when absent; parquet needs a file).
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
    /// Only the articles this search selects.
    #[arg(long)]
    pub query: Option<String>,
    /// Only articles about this province.
    #[arg(long)]
    pub province: Option<String>,
    /// Only articles citing this document.
    #[arg(long)]
    pub document: Option<String>,
    /// Published on or after this date.
    #[arg(long)]
    pub from: Option<String>,
    /// Published on or before this date.
    #[arg(long)]
    pub to: Option<String>,
}

pub fn run(_args: Args, _data: &DataDir) -> anyhow::Result<ExitCode> {
    anyhow::bail!("export is being written")
}
