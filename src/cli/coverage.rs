//! `baochi coverage [--province P] [--source S] [--by month|quarter|year] [--format table|csv|json]`

use super::search::{bad_query, finish, view_failed};
use baochi::crawl::frontier::Frontier;
use baochi::data::DataDir;
use baochi::index::Index;
use baochi::views::coverage::{Coverage, CoverageRequest, coverage};
use baochi::views::trend::Period;
use std::io::Write;
use std::process::ExitCode;

/// Flags of `baochi coverage`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this province (pre- or post-2025 name, diacritics optional).
    #[arg(long)]
    pub province: Option<String>,
    /// Only this source (the site's host, `www.` optional).
    #[arg(long)]
    pub source: Option<String>,
    /// Period length: month, quarter or year.
    #[arg(long, default_value = "year")]
    pub by: String,
    /// table, csv (one row per source, province and period) or json.
    #[arg(long, default_value = "table", value_parser = ["table", "csv", "json"])]
    pub format: String,
}

pub fn run(args: Args, data: &DataDir) -> anyhow::Result<ExitCode> {
    let by: Period = match args.by.parse() {
        Ok(b) => b,
        Err(e) => return Ok(bad_query("coverage", &e.to_string())),
    };
    let index = Index::open(&data.index_dir())?;
    // The crawl's counts, when this data directory was crawled (and no crawl holds it now).
    let state = data.crawl_state();
    let crawl = if state.is_file() {
        match Frontier::open(&state).and_then(|f| f.host_stats()) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("baochi: coverage: crawl counts left out: {e}");
                Vec::new()
            }
        }
    } else {
        Vec::new()
    };
    let req = CoverageRequest {
        province: args.province,
        source: args.source,
        by,
    };
    let c = match coverage(&index, &crawl, &req) {
        Ok(c) => c,
        Err(e) => return view_failed("coverage", e),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = match args.format.as_str() {
        "json" => serde_json::to_writer(&mut out, &c)
            .map_err(std::io::Error::other)
            .and_then(|()| out.write_all(b"\n")),
        "csv" => write_csv(&mut out, &c),
        _ => write_table(&mut out, &c),
    };
    finish(written.and_then(|()| out.flush()))
}

fn opt(v: Option<u64>) -> String {
    v.map_or(String::new(), |n| n.to_string())
}

fn write_csv(out: &mut impl Write, c: &Coverage) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "source",
        "province",
        "period",
        "articles",
        "gap",
        "first",
        "last",
        "fetched",
        "not_articles",
        "failed",
        "last_crawl",
    ])?;
    for s in &c.sources {
        let fixed = |period: &str, n: &str, gap: bool| {
            [
                s.source.clone().unwrap_or_default(),
                s.province.clone().unwrap_or_default(),
                period.to_string(),
                n.to_string(),
                if gap { "1" } else { "" }.to_string(),
                s.first.clone().unwrap_or_default(),
                s.last.clone().unwrap_or_default(),
                opt(s.fetched),
                opt(s.not_articles),
                opt(s.failed),
                s.last_crawl.clone().unwrap_or_default(),
            ]
        };
        if s.periods.is_empty() {
            w.write_record(fixed("", &s.articles.to_string(), false))?;
        }
        for (p, n) in &s.periods {
            w.write_record(fixed(p, &n.to_string(), s.gaps.contains(p)))?;
        }
    }
    w.flush()
}

fn write_table(out: &mut impl Write, c: &Coverage) -> std::io::Result<()> {
    for s in &c.sources {
        let span = match (&s.first, &s.last) {
            (Some(f), Some(l)) => format!("{f} – {l}"),
            _ => "no dated article".into(),
        };
        writeln!(
            out,
            "{} · {} · {} article{} · {span}",
            s.source.as_deref().unwrap_or("(no source)"),
            s.province.as_deref().unwrap_or("(no province)"),
            s.articles,
            if s.articles == 1 { "" } else { "s" },
        )?;
        if let Some(f) = s.fetched {
            writeln!(
                out,
                "    crawl: {f} fetched, {} not articles, {} failed, last {}",
                s.not_articles.unwrap_or(0),
                s.failed.unwrap_or(0),
                s.last_crawl.as_deref().unwrap_or("?")
            )?;
        }
        if !s.periods.is_empty() {
            let cells: Vec<String> = s
                .periods
                .iter()
                .map(|(p, n)| {
                    if s.gaps.contains(p) {
                        format!("{p}:{n} GAP")
                    } else {
                        format!("{p}:{n}")
                    }
                })
                .collect();
            writeln!(out, "    {}", cells.join("  "))?;
        }
    }
    Ok(())
}
