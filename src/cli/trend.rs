//! `baochi trend [FILTERS] [--by month|quarter|year] [--split none|province|province_now|document|source] [--format table|csv|json] QUERY`

use super::search::{bad_query, finish, view_failed};
use baochi::data::DataDir;
use baochi::index::Index;
use baochi::views::ViewError;
use baochi::views::trend::{Period, Split, Trend, TrendRequest, trend};
use std::io::Write;
use std::process::ExitCode;

/// Flags of `baochi trend`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Period length: month, quarter or year.
    #[arg(long, default_value = "month")]
    pub by: String,
    /// One series (none) or one per province, province_now, document or source.
    #[arg(long, default_value = "none")]
    pub split: String,
    /// table, csv or json.
    #[arg(long, default_value = "table", value_parser = ["table", "csv", "json"])]
    pub format: String,
    /// The search filters.
    #[command(flatten)]
    pub filters: super::filters::Filters,
    /// The query (the search's language); empty counts the scope itself.
    #[arg(required = true)]
    pub query: Vec<String>,
}

pub fn run(args: Args, data: &DataDir) -> anyhow::Result<ExitCode> {
    let parsed: Result<(Period, Split), ViewError> =
        args.by.parse().and_then(|b| Ok((b, args.split.parse()?)));
    let (by, split) = match parsed {
        Ok(v) => v,
        Err(e) => return Ok(bad_query("trend", &e.to_string())),
    };
    let req = TrendRequest {
        search: args.filters.request(args.query.join(" ")),
        by,
        split,
    };
    let index = Index::open(&data.index_dir())?;
    let t = match trend(&index, &req) {
        Ok(t) => t,
        Err(e) => return view_failed("trend", e),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = match args.format.as_str() {
        "json" => serde_json::to_writer(&mut out, &t.to_json())
            .map_err(std::io::Error::other)
            .and_then(|()| out.write_all(b"\n")),
        "csv" => write_csv(&mut out, &t),
        _ => write_table(&mut out, &t),
    };
    finish(written.and_then(|()| out.flush()))
}

fn write_csv(out: &mut impl Write, t: &Trend) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["series", "period", "count", "total", "share"])?;
    for (name, points) in &t.series {
        for p in points {
            w.write_record([
                name.as_str(),
                p.period.as_str(),
                &p.count.to_string(),
                &p.total.to_string(),
                &format!("{:.6}", p.share),
            ])?;
        }
    }
    w.flush()
}

fn write_table(out: &mut impl Write, t: &Trend) -> std::io::Result<()> {
    for (name, points) in &t.series {
        writeln!(out, "{name}")?;
        writeln!(
            out,
            "  {:<8} {:>8} {:>8} {:>7}",
            "period", "match", "total", "share"
        )?;
        for p in points {
            writeln!(
                out,
                "  {:<8} {:>8} {:>8} {:>6.1}%",
                p.period,
                p.count,
                p.total,
                100.0 * p.share
            )?;
        }
    }
    if t.undated > 0 {
        writeln!(
            out,
            "{} matching articles have no date and are in no period",
            t.undated
        )?;
    }
    Ok(())
}
