//! `baochi figures [FILTERS] [--indicator NAME] [--by unit|province|province_now]
//! [--format table|csv|jsonl|parquet] [-o FILE] [QUERY]`

use super::filters::Filters;
use super::search::{finish, view_failed};
use baochi::data::DataDir;
use baochi::export::{Exporter, Format, Table, figure_row};
use baochi::index::Index;
use baochi::views::figures::{By, FiguresRequest, Point, figures};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Flags of `baochi figures`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub filters: Filters,
    /// Only this indicator (a name of corpus/reference/indicators.tsv, e.g. "kết nạp đảng
    /// viên mới").
    #[arg(long)]
    pub indicator: Option<String>,
    /// Group points by the unit a figure is for, its province, or its province after 2025.
    #[arg(long, default_value = "unit", value_parser = ["unit", "province", "province_now"])]
    pub by: String,
    /// table, csv, jsonl (one point per line) or parquet (typed; needs -o or a pipe).
    #[arg(long, default_value = "table", value_parser = ["table", "csv", "jsonl", "parquet"])]
    pub format: String,
    /// Where to write csv, jsonl or parquet (standard output when absent).
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
    /// Only articles matching this query (the search language); all when absent.
    pub query: Option<String>,
}

pub fn run(args: Args, data: &DataDir) -> anyhow::Result<ExitCode> {
    let index = Index::open(&data.index_dir())?;
    let by: By = match args.by.parse() {
        Ok(b) => b,
        Err(e) => return view_failed("figures", e),
    };
    let req = FiguresRequest {
        search: args.filters.request(args.query.unwrap_or_default()),
        indicator: args.indicator,
        by,
    };
    let points = match figures(&index, &req) {
        Ok(p) => p,
        Err(e) => return view_failed("figures", e),
    };
    if args.format == "table" {
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        let written = write_table(&mut out, &points);
        return finish(written.and_then(|()| out.flush()));
    }
    let format: Format = args.format.parse()?;
    super::export::write_to(args.output.as_deref(), format, |w| {
        let mut ex = Exporter::new(Table::Figures, format, w)?;
        for p in &points {
            ex.write_row(&figure_row(p))?;
        }
        ex.finish()
    })?;
    eprintln!("baochi: {} points", points.len());
    Ok(ExitCode::SUCCESS)
}

fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn write_table(out: &mut impl Write, points: &[Point]) -> std::io::Result<()> {
    let mut last: Option<&str> = None;
    for p in points {
        if last != Some(p.indicator.as_str()) {
            writeln!(out, "{} ({})", p.indicator, p.kind)?;
            last = Some(p.indicator.as_str());
        }
        let values: Vec<String> = p.values.iter().map(|v| number(*v)).collect();
        let measure = if p.measure == "%" {
            "%".to_string()
        } else {
            format!(" {}", p.measure)
        };
        writeln!(
            out,
            "  {:<24} {:<22} {}{measure}{}  [{} article{}]",
            p.unit.as_deref().unwrap_or("(no unit)"),
            p.period.as_deref().unwrap_or("(no period)"),
            values.join(" / "),
            if p.conflict {
                "  ← articles disagree"
            } else {
                ""
            },
            p.sources.len(),
            if p.sources.len() == 1 { "" } else { "s" },
        )?;
    }
    writeln!(out, "{} points", points.len())
}
