//! `baochi search [--json] [--limit N] [--province P] [--document C] [--from D] [--to D] QUERY`

use baochi::data::DataDir;
use baochi::index::{Index, SearchRequest, SearchResults};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// Flags of `baochi search`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// One JSON object per hit instead of the readable list.
    #[arg(long)]
    pub json: bool,
    /// How many hits at most.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Only articles about this province (pre- or post-2025 name, diacritics optional).
    #[arg(long)]
    pub province: Option<String>,
    /// Only articles citing this document (`12-NQ/TW`, `NQTW4-XI`).
    #[arg(long)]
    pub document: Option<String>,
    /// Published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Published on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    /// The query: syllables, "quoted phrases", AND / OR / -exclusion.
    #[arg(required = true)]
    pub query: Vec<String>,
}

pub fn run(args: Args, data: &DataDir) -> anyhow::Result<ExitCode> {
    let index = Index::open(&data.index_dir())?;
    let req = SearchRequest {
        query: args.query.join(" "),
        province: args.province,
        document: args.document,
        from: args.from,
        to: args.to,
        limit: args.limit,
        offset: 0,
    };
    let results = index.search(&req)?;
    let stdout = std::io::stdout();
    let tty = stdout.is_terminal();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = if args.json {
        write_json(&mut out, &results)
    } else {
        write_list(&mut out, &results, tty)
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => {}
        // A closed pipe (`| head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(e.into()),
    }
    Ok(ExitCode::from(super::EXIT_OK))
}

fn write_json(out: &mut impl Write, results: &SearchResults) -> std::io::Result<()> {
    for hit in &results.hits {
        serde_json::to_writer(&mut *out, hit)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// The snippet for a terminal: marks in bold, or bare on a pipe; entities unescaped.
fn plain_snippet(s: &str, tty: bool) -> String {
    let (b, eb) = if tty {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    s.replace("<b>", b)
        .replace("</b>", eb)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

fn counts(m: &BTreeMap<String, u64>, by_count: bool) -> String {
    let mut v: Vec<(&String, &u64)> = m.iter().collect();
    if by_count {
        v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    }
    v.iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn write_list(out: &mut impl Write, results: &SearchResults, tty: bool) -> std::io::Result<()> {
    for (i, hit) in results.hits.iter().enumerate() {
        let title = hit.title.as_deref().unwrap_or("(no title)");
        let mut meta = Vec::new();
        if let Some(p) = &hit.published {
            meta.push(p.get(..10).unwrap_or(p).to_string());
        }
        if let Some(p) = &hit.province {
            meta.push(p.clone());
        }
        if tty {
            writeln!(out, "{}. \x1b[1m{title}\x1b[0m", i + 1)?;
        } else {
            writeln!(out, "{}. {title}", i + 1)?;
        }
        if !meta.is_empty() {
            writeln!(out, "   {}", meta.join(" · "))?;
        }
        if let Some(u) = &hit.url {
            writeln!(out, "   {u}")?;
        }
        writeln!(out, "   {}", plain_snippet(&hit.snippet, tty))?;
        writeln!(out)?;
    }
    writeln!(
        out,
        "{} article{} match",
        results.total,
        if results.total == 1 { "" } else { "s" }
    )?;
    if !results.facets.province.is_empty() {
        writeln!(
            out,
            "  by province: {}",
            counts(&results.facets.province, true)
        )?;
    }
    if !results.facets.year.is_empty() {
        writeln!(out, "  by year: {}", counts(&results.facets.year, false))?;
    }
    if !results.facets.document.is_empty() {
        writeln!(
            out,
            "  by document: {}",
            counts(&results.facets.document, true)
        )?;
    }
    Ok(())
}
