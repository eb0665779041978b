//! `baochi search [--json] [--limit N] [--province P] [--document C] [--from D] [--to D] QUERY`

use baochi::data::DataDir;
use std::process::ExitCode;

/// Flags of `baochi search`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// One JSON object per hit instead of the readable list.
    #[arg(long)]
    pub json: bool,
    /// How many hits at most.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Only articles about this province (pre- or post-2025 name, diacritics optional).
    #[arg(long)]
    pub province: Option<String>,
    /// Only articles citing this document (`12-NQ/TW`, `NQTW4-XI`).
    #[arg(long)]
    pub document: Option<String>,
    /// Published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Published on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    /// The query: syllables, "quoted phrases", AND / OR / -exclusion.
    #[arg(required = true)]
    pub query: Vec<String>,
}

pub fn run(_args: Args, _data: &DataDir) -> anyhow::Result<ExitCode> {
    anyhow::bail!("search is being written")
}
