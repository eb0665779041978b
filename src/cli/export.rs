//! `baochi export --table T [--format csv|jsonl|parquet] [-o FILE]`

use anyhow::Context;
use baochi::data::DataDir;
use baochi::export::{Format, Table, export_index};
use baochi::index::{Index, SearchRequest};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Flags of `baochi export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// articles, documents, dates, officials, localities, statistics (a row per article or
    /// mention) or people (a row per person; only --province narrows it).
    #[arg(long, value_parser = ["articles", "documents", "dates", "officials", "localities", "statistics", "people"])]
    pub table: String,
    /// csv, jsonl or parquet.
    #[arg(long, default_value = "csv", value_parser = ["csv", "jsonl", "parquet"])]
    pub format: String,
    /// Where to write (standard output when absent; parquet needs a file or a pipe).
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
    /// Which articles.
    #[command(flatten)]
    pub selection: Selection,
}

/// `--query` and the search filters, shared by the commands that read a selection of the
/// index (export, report).
#[derive(Debug, Clone, clap::Args)]
pub struct Selection {
    /// Only the articles this search selects.
    #[arg(long)]
    pub query: Option<String>,
    /// The search filters.
    #[command(flatten)]
    pub filters: super::filters::Filters,
}

impl Selection {
    /// The search these flags make, or `None` for the whole index.
    pub fn request(self) -> Option<SearchRequest> {
        let query = self.query.unwrap_or_default();
        if query.trim().is_empty() && self.filters.is_empty() && !self.filters.all_copies {
            return None;
        }
        Some(SearchRequest {
            limit: usize::MAX,
            ..self.filters.request(query)
        })
    }
}

pub fn run(args: Args, data: &DataDir) -> anyhow::Result<ExitCode> {
    let table: Table = args.table.parse()?;
    let format: Format = args.format.parse()?;
    let req = args.selection.request();
    let dir = data.index_dir();
    let index = Index::open(&dir)?;
    let rows = match &args.output {
        Some(path) => {
            // Written beside the target and renamed at the end, so a failed export never
            // leaves a truncated file where a good one is expected.
            let mut part = path.clone().into_os_string();
            part.push(".part");
            let part = PathBuf::from(part);
            let file = std::fs::File::create(&part)
                .with_context(|| format!("{}: cannot create", part.display()))?;
            let done = export_index(&index, req.as_ref(), table, format, file);
            match done {
                Ok(n) => {
                    std::fs::rename(&part, path)
                        .with_context(|| format!("{}: cannot write", path.display()))?;
                    n
                }
                Err(e) => {
                    let _ = std::fs::remove_file(&part);
                    return Err(e).with_context(|| path.display().to_string());
                }
            }
        }
        None => {
            let stdout = std::io::stdout();
            if format == Format::Parquet && stdout.is_terminal() {
                anyhow::bail!("parquet is binary: give -o FILE or pipe the output");
            }
            let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout);
            let n = export_index(&index, req.as_ref(), table, format, &mut out)?;
            out.flush()?;
            n
        }
    };
    let to = args
        .output
        .as_ref()
        .map_or("standard output".to_string(), |p| p.display().to_string());
    eprintln!(
        "baochi: exported {rows} rows of {table} as {} to {to}",
        format.name()
    );
    Ok(ExitCode::SUCCESS)
}
