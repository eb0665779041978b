//! `baochi kwic [FILTERS] [--width N] [--sort date|left|right] [--format table|csv|jsonl] QUERY`

use super::search::{bad_query, finish, view_failed};
use baochi::data::DataDir;
use baochi::index::Index;
use baochi::views::ViewError;
use baochi::views::kwic::{DEFAULT_WIDTH, KwicLine, KwicRequest, Sort, kwic};
use std::io::Write;
use std::process::ExitCode;

/// Flags of `baochi kwic`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Characters of context on each side (cut between syllables).
    #[arg(long, default_value_t = DEFAULT_WIDTH)]
    pub width: usize,
    /// Order of the lines: date (streams), left or right (the words beside the match).
    #[arg(long, default_value = "date")]
    pub sort: String,
    /// table (aligned, for reading), csv or jsonl (for R and pandas).
    #[arg(long, default_value = "table", value_parser = ["table", "csv", "jsonl"])]
    pub format: String,
    /// At most this many lines.
    #[arg(long)]
    pub limit: Option<usize>,
    /// The search filters.
    #[command(flatten)]
    pub filters: super::filters::Filters,
    /// The query (the search's language).
    #[arg(required = true)]
    pub query: Vec<String>,
}

const CSV_HEADER: [&str; 9] = [
    "id",
    "url",
    "published",
    "province",
    "left",
    "match",
    "right",
    "start",
    "end",
];

pub fn run(args: Args, data: &DataDir) -> anyhow::Result<ExitCode> {
    let sort: Sort = match args.sort.parse() {
        Ok(s) => s,
        Err(e) => return Ok(bad_query("kwic", &e.to_string())),
    };
    let req = KwicRequest {
        search: args.filters.request(args.query.join(" ")),
        width: args.width,
        sort,
    };
    let index = Index::open(&data.index_dir())?;
    let stdout = std::io::stdout();
    let out = std::io::BufWriter::new(stdout.lock());
    let mut sink = match args.format.as_str() {
        "csv" => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(CSV_HEADER)?;
            Sink::Csv(Box::new(w))
        }
        "jsonl" => Sink::Jsonl(out),
        _ => Sink::Table(out, args.width),
    };
    let mut emit = |line: KwicLine| -> Result<(), ViewError> { Ok(sink.line(&line)?) };
    let total = match kwic(&index, &req, 0, args.limit, &mut emit) {
        Ok(n) => n,
        Err(e) => return view_failed("kwic", e),
    };
    eprintln!(
        "baochi: {total} occurrence{}",
        if total == 1 { "" } else { "s" }
    );
    finish(sink.finish())
}

/// Where lines go, in the format asked.
enum Sink<W: Write> {
    Csv(Box<csv::Writer<W>>),
    Jsonl(W),
    /// Aligned on the match: the left context padded to the width.
    Table(W, usize),
}

impl<W: Write> Sink<W> {
    fn line(&mut self, line: &KwicLine) -> std::io::Result<()> {
        match self {
            Sink::Csv(w) => w.write_record([
                line.id.as_str(),
                line.url.as_deref().unwrap_or(""),
                line.published.as_deref().unwrap_or(""),
                line.province.as_deref().unwrap_or(""),
                line.left.as_str(),
                line.matched.as_str(),
                line.right.as_str(),
                &line.start.to_string(),
                &line.end.to_string(),
            ])?,
            Sink::Jsonl(w) => {
                serde_json::to_writer(&mut *w, line).map_err(std::io::Error::other)?;
                w.write_all(b"\n")?;
            }
            Sink::Table(w, width) => {
                let date = line
                    .published
                    .as_deref()
                    .map_or("", |d| d.get(..10).unwrap_or(d));
                let pad = width.saturating_sub(line.left.chars().count());
                writeln!(
                    w,
                    "{:pad$}{} [{}] {}   {date} {}",
                    "",
                    line.left,
                    line.matched,
                    line.right,
                    line.province.as_deref().unwrap_or(""),
                )?;
            }
        }
        Ok(())
    }

    fn finish(self) -> std::io::Result<()> {
        match self {
            Sink::Csv(mut w) => w.flush(),
            Sink::Jsonl(mut w) | Sink::Table(mut w, _) => w.flush(),
        }
    }
}
