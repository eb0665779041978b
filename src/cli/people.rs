//! `baochi people [--province P] [--name NAME] [--format table|csv|jsonl]`

use super::search::{finish, view_failed};
use baochi::data::DataDir;
use baochi::index::Index;
use baochi::views::people::{PeopleRequest, Person, people};
use std::io::Write;
use std::process::ExitCode;

/// Flags of `baochi people`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only articles about this province (pre- or post-2025 name, diacritics optional).
    #[arg(long)]
    pub province: Option<String>,
    /// Only people whose name holds this (diacritics and case aside).
    #[arg(long)]
    pub name: Option<String>,
    /// table, csv (one row per person and title) or jsonl (one object per person).
    #[arg(long, default_value = "table", value_parser = ["table", "csv", "jsonl"])]
    pub format: String,
}

pub fn run(args: Args, data: &DataDir) -> anyhow::Result<ExitCode> {
    let index = Index::open(&data.index_dir())?;
    let req = PeopleRequest {
        province: args.province,
        name: args.name,
    };
    let rows = match people(&index, &req) {
        Ok(r) => r,
        Err(e) => return view_failed("people", e),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = match args.format.as_str() {
        "jsonl" => rows.iter().try_for_each(|p| {
            serde_json::to_writer(&mut out, p).map_err(std::io::Error::other)?;
            out.write_all(b"\n")
        }),
        "csv" => write_csv(&mut out, &rows),
        _ => write_table(&mut out, &rows),
    };
    finish(written.and_then(|()| out.flush()))
}

fn write_csv(out: &mut impl Write, rows: &[Person]) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "name", "province", "articles", "mentions", "title", "first", "last",
    ])?;
    for p in rows {
        let (articles, mentions) = (p.articles.to_string(), p.mentions.to_string());
        let province = p.province.as_deref().unwrap_or("");
        if p.titles.is_empty() {
            w.write_record([p.name.as_str(), province, &articles, &mentions, "", "", ""])?;
        }
        for t in &p.titles {
            w.write_record([
                p.name.as_str(),
                province,
                &articles,
                &mentions,
                t.title.as_str(),
                t.first.as_deref().unwrap_or(""),
                t.last.as_deref().unwrap_or(""),
            ])?;
        }
    }
    w.flush()
}

fn write_table(out: &mut impl Write, rows: &[Person]) -> std::io::Result<()> {
    for p in rows {
        writeln!(
            out,
            "{} · {} · {} article{}, {} mention{}",
            p.name,
            p.province.as_deref().unwrap_or("(no province)"),
            p.articles,
            if p.articles == 1 { "" } else { "s" },
            p.mentions,
            if p.mentions == 1 { "" } else { "s" },
        )?;
        for t in &p.titles {
            let span = match (&t.first, &t.last) {
                (Some(f), Some(l)) if f != l => format!("{f} – {l}"),
                (Some(f), _) => f.clone(),
                _ => "undated".into(),
            };
            writeln!(out, "    {} ({span})", t.title)?;
        }
    }
    writeln!(out, "{} people", rows.len())
}
