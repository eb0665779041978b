//! `baochi report [--format table|csv|json|html] [-o FILE]`

use super::export::Selection;
use anyhow::Context;
use baochi::data::DataDir;
use baochi::index::Index;
use baochi::report::{ReportFormat, ReportOptions, render, report_index};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Flags of `baochi report`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// table (terminal), csv, json or html.
    #[arg(long, default_value = "table", value_parser = ["table", "csv", "json", "html"])]
    pub format: String,
    /// Where to write (standard output when absent).
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
    /// Which articles.
    #[command(flatten)]
    pub selection: Selection,
    /// How many documents, officials, localities and figure points to list per province
    /// (10, 20, 30 and 500 by default).
    #[arg(long)]
    pub top: Option<usize>,
}

pub fn run(args: Args, data: &DataDir) -> anyhow::Result<ExitCode> {
    let format: ReportFormat = args.format.parse().map_err(anyhow::Error::msg)?;
    let req = args.selection.request();
    let mut opts = ReportOptions::default();
    if let Some(n) = args.top {
        opts = ReportOptions {
            documents: n,
            officials: n,
            localities: n,
            figures: n,
        };
    }
    let index = Index::open(&data.index_dir())?;
    let report = report_index(&index, req.as_ref(), opts)?;
    match &args.output {
        Some(path) => {
            let mut buf = Vec::new();
            render(&report, format, &mut buf)?;
            std::fs::write(path, buf)
                .with_context(|| format!("{}: cannot write", path.display()))?;
        }
        None => {
            let mut out = std::io::stdout().lock();
            render(&report, format, &mut out)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
