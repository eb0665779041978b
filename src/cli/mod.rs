//! Command-line flags (clap) and one file per subcommand. Each turns its flags into library
//! calls and prints; the library itself never prints or exits.

mod coverage;
mod crawl;
mod export;
mod extract;
mod figures;
mod filters;
mod index;
mod kwic;
mod people;
mod remove;
mod report;
mod search;
mod serve;
mod trend;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit status: everything done.
pub const EXIT_OK: u8 = 0;
/// Exit status: an error (a bad input, a failed run), reported on stderr.
pub const EXIT_ERROR: u8 = 1;
/// Exit status: wrong usage.
pub const EXIT_USAGE: u8 = 2;

/// baochi: Vietnamese provincial party news as searchable, exportable evidence.
#[derive(Debug, Parser)]
#[command(name = "baochi", version, about, long_about = None)]
pub struct Cli {
    /// The data directory: index, crawl state and raw pages.
    #[arg(long, global = true, env = "BAOCHI_DATA", default_value = baochi::data::DEFAULT_DIR)]
    pub data: PathBuf,
    /// Log what happens (structured logs on stderr).
    #[arg(long, short, global = true)]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print one JSON record per article (HTML, text or WARC input); touches no index.
    Extract(extract::Args),
    /// Extract articles and add them to the index (directories walked recursively).
    Index(index::Args),
    /// Fetch articles politely from seed URLs or a sources file, keep them, index them.
    Crawl(crawl::Args),
    /// Full-text search with or without Vietnamese diacritics.
    #[command(after_help = search::GRAMMAR)]
    Search(search::Args),
    /// Keyword in context: every occurrence of a query with the text around it.
    Kwic(kwic::Args),
    /// Per period: articles matching a query, articles in the same scope, and the share.
    Trend(trend::Args),
    /// The people the articles name, one row per person with their titles over time.
    People(people::Args),
    /// What the index holds per source and province, and what the crawl did: the sampling
    /// frame, with gaps flagged.
    Coverage(coverage::Args),
    /// Reported figures as series: per indicator, unit and period, with their sources.
    Figures(figures::Args),
    /// Write one table of the extracted entities as CSV, JSON Lines or Parquet.
    Export(export::Args),
    /// Take articles out of the index (by id, URL prefix or site), reprint links with them.
    Remove(remove::Args),
    /// Which localities reported what: per province, articles, documents, period, figures.
    Report(report::Args),
    /// Serve the search, report and exports as a JSON API and a web page.
    Serve(serve::Args),
}

/// Parses the command line and runs the subcommand.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    if cli.verbose {
        init_logs();
    }
    let data = baochi::data::DataDir::new(&cli.data);
    let result = match cli.command {
        Command::Extract(a) => extract::run(a),
        Command::Index(a) => index::run(a, &data),
        Command::Crawl(a) => crawl::run(a, &data),
        Command::Search(a) => search::run(a, &data),
        Command::Kwic(a) => kwic::run(a, &data),
        Command::Trend(a) => trend::run(a, &data),
        Command::People(a) => people::run(a, &data),
        Command::Coverage(a) => coverage::run(a, &data),
        Command::Figures(a) => figures::run(a, &data),
        Command::Export(a) => export::run(a, &data),
        Command::Remove(a) => remove::run(a, &data),
        Command::Report(a) => report::run(a, &data),
        Command::Serve(a) => serve::run(a, &data),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("baochi: {}", one_line(&e));
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// An error and its causes on one line, as ripgrep prints them.
pub fn one_line(e: &anyhow::Error) -> String {
    let mut s = e.to_string();
    for cause in e.chain().skip(1) {
        let c = cause.to_string();
        if !s.contains(&c) {
            s.push_str(": ");
            s.push_str(&c);
        }
    }
    s
}

fn init_logs() {
    let _ = tracing_subscriber::fmt()
        .json()
        .with_writer(std::io::stderr)
        // A closed stderr must not turn a log line into a panic (the fallback report of a
        // failed write is itself an `eprintln!`).
        .log_internal_errors(false)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("baochi=debug,info")),
        )
        .try_init();
}
