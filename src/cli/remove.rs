//! `baochi remove [--id ID...] [--url-prefix URL] [--source NAME]`

use anyhow::Context;
use baochi::data::DataDir;
use baochi::index::{Index, Removal};
use std::process::ExitCode;

/// Flags of `baochi remove`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Articles with these ids (as `search --json` and the exports give them).
    #[arg(long = "id", value_name = "ID")]
    pub ids: Vec<String>,
    /// Articles whose URL starts with this.
    #[arg(long)]
    pub url_prefix: Option<String>,
    /// Articles of this site (its host, `www.` optional).
    #[arg(long)]
    pub source: Option<String>,
}

pub fn run(args: Args, data: &DataDir) -> anyhow::Result<ExitCode> {
    let what = Removal {
        ids: args.ids,
        url_prefix: args.url_prefix,
        source: args.source,
    };
    if what.is_empty() {
        eprintln!("baochi: remove: name what to remove: --id, --url-prefix or --source");
        return Ok(ExitCode::from(super::EXIT_USAGE));
    }
    let dir = data.index_dir();
    let index = Index::open(&dir)?;
    let n = index
        .remove(&what)
        .with_context(|| dir.display().to_string())?;
    eprintln!(
        "baochi: removed {n} article{} ({} left)",
        if n == 1 { "" } else { "s" },
        index.len_now()?
    );
    Ok(ExitCode::SUCCESS)
}
