//! `baochi export --table T [--format csv|jsonl|parquet] [-o FILE]`

use anyhow::Context;
use baochi::data::DataDir;
use baochi::export::{ExportError, Format, Table, export_index};
use baochi::index::{Index, SearchRequest};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Flags of `baochi export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// articles, documents, dates, officials, localities, statistics (a row per article or
    /// mention), people (a row per person; only --province narrows it) or figures (a row
    /// per point of a figure series).
    #[arg(long, value_parser = ["articles", "documents", "dates", "officials", "localities", "statistics", "people", "figures"])]
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
    let rows = write_to(args.output.as_deref(), format, |w| {
        export_index(&index, req.as_ref(), table, format, w)
    })?;
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

/// Writes an export to `output` or standard output; returns the rows written. A file is
/// written beside the target and renamed at the end, so a failed export never leaves a
/// truncated file where a good one is expected; Parquet is refused on a terminal.
pub fn write_to(
    output: Option<&Path>,
    format: Format,
    write: impl FnOnce(&mut (dyn Write + Send)) -> Result<u64, ExportError>,
) -> anyhow::Result<u64> {
    match output {
        Some(path) => {
            let mut part = path.as_os_str().to_owned();
            part.push(".part");
            let part = PathBuf::from(part);
            let mut file = std::fs::File::create(&part)
                .with_context(|| format!("{}: cannot create", part.display()))?;
            match write(&mut file) {
                Ok(n) => {
                    std::fs::rename(&part, path)
                        .with_context(|| format!("{}: cannot write", path.display()))?;
                    Ok(n)
                }
                Err(e) => {
                    let _ = std::fs::remove_file(&part);
                    Err(e).with_context(|| path.display().to_string())
                }
            }
        }
        None => {
            let stdout = std::io::stdout();
            if format == Format::Parquet && stdout.is_terminal() {
                anyhow::bail!("parquet is binary: give -o FILE or pipe the output");
            }
            let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout);
            let n = write(&mut out)?;
            out.flush()?;
            Ok(n)
        }
    }
}
