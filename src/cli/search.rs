//! `baochi search [--json] [--limit N] [--province P] [--document C] [--from D] [--to D] QUERY`

use baochi::data::DataDir;
use baochi::index::readings::RunReadings;
use baochi::index::{Index, IndexError, SearchRequest, SearchResults};
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
    /// The search filters.
    #[command(flatten)]
    pub filters: super::filters::Filters,
    /// Print only the readings of a query typed without diacritics: the forms the index
    /// holds, with their article counts and the exact query for each (JSON Lines with
    /// `--json`).
    #[arg(long)]
    pub readings: bool,
    /// Count every match exactly, however many (else counts and facets past 20,000
    /// matches are estimated from a sample, and shown with ≈).
    #[arg(long)]
    pub exact_counts: bool,
    /// The query (see the grammar below).
    #[arg(required = true)]
    pub query: Vec<String>,
}

/// The query grammar, for `baochi search --help`.
pub const GRAMMAR: &str = "\
Query grammar:
  can bo luan chuyen       words side by side form a group; with 3 or more words, articles
                           holding every word come first, then those holding most (2/3)
  hậu kiểm OR kết nạp      OR and AND join groups: either two-syllable word
  (hậu kiểm OR kết nạp) đảng viên
                           parentheses group
  \"tự phê bình\"            a phrase: syllables in order, any diacritics (strict)
  =\"bỏ nhiệm\"  =cán        the form as typed, diacritics included (not bổ nhiệm)
  -\"Quảng Nam\"  -tinh      exclude articles holding the phrase or word
  NQTW4  12/nq-tw          a document in any written form
Typed without diacritics, a query lists its readings (cán bộ — 1,204 articles) and the
exact query that searches each.";

pub fn run(args: Args, data: &DataDir) -> anyhow::Result<ExitCode> {
    let query = args.query.join(" ");
    if query.trim().is_empty() && args.filters.is_empty() {
        eprintln!("baochi: search: the query is empty; type words to search for, or a filter");
        return Ok(ExitCode::from(super::EXIT_USAGE));
    }
    let index = Index::open(&data.index_dir())?;
    if args.readings {
        let readings = match index.readings(&query) {
            Err(IndexError::BadQuery(m)) => return Ok(bad_query("search", &m)),
            r => r?,
        };
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        let written = if args.json {
            readings.iter().try_for_each(|r| {
                serde_json::to_writer(&mut out, r)?;
                out.write_all(b"\n")
            })
        } else {
            write_readings(&mut out, &readings)
        };
        return finish(written.and_then(|()| out.flush()));
    }
    let req = SearchRequest {
        limit: args.limit,
        exact_counts: args.exact_counts,
        ..args.filters.request(query)
    };
    let results = match index.search(&req) {
        Err(IndexError::BadQuery(m)) => return Ok(bad_query("search", &m)),
        r => r?,
    };
    // Readings are listed under a diacritic-less query's hits.
    let readings = if args.json {
        Vec::new()
    } else {
        index.readings(&req.query)?
    };
    let stdout = std::io::stdout();
    let tty = stdout.is_terminal();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = if args.json {
        write_json(&mut out, &results)
    } else {
        write_list(&mut out, &results, tty).and_then(|()| write_readings(&mut out, &readings))
    };
    finish(written.and_then(|()| out.flush()))
}

/// A query or parameter that cannot be used is wrong usage: said plainly, exit 2.
pub(super) fn bad_query(command: &str, m: &str) -> ExitCode {
    eprintln!("baochi: {command}: {m}");
    ExitCode::from(super::EXIT_USAGE)
}

/// A view's failure: a query or parameter that cannot be used is wrong usage (exit 2); a
/// closed pipe (`| head`) is no failure; anything else is an error.
pub(super) fn view_failed(command: &str, e: baochi::views::ViewError) -> anyhow::Result<ExitCode> {
    use baochi::views::ViewError;
    match e {
        ViewError::Bad(m) | ViewError::Index(IndexError::BadQuery(m)) => Ok(bad_query(command, &m)),
        ViewError::Write(e) => finish(Err(e)),
        e => Err(e.into()),
    }
}

/// The end of a command's output: a closed pipe (`| head`) is not an error.
pub(super) fn finish(written: std::io::Result<()>) -> anyhow::Result<ExitCode> {
    match written {
        Ok(()) => {}
        // A closed pipe (`| head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(e.into()),
    }
    Ok(ExitCode::from(super::EXIT_OK))
}

/// Thousands with commas, as the counts are read aloud in English.
fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn write_readings(out: &mut impl Write, runs: &[RunReadings]) -> std::io::Result<()> {
    for run in runs {
        writeln!(out, "readings of \"{}\":", run.typed)?;
        for r in &run.readings {
            writeln!(
                out,
                "  {} — {}{} article{}    baochi search '{}'",
                r.text,
                if r.exact { "" } else { "≈" },
                thousands(r.articles),
                if r.articles == 1 { "" } else { "s" },
                r.query.replace('\'', "'\\''")
            )?;
        }
    }
    Ok(())
}

fn write_json(out: &mut impl Write, results: &SearchResults) -> std::io::Result<()> {
    for hit in &results.hits {
        serde_json::to_writer(&mut *out, hit)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// The snippet for a terminal: marks in bold, or bare on a pipe.
fn plain_snippet(s: &baochi::index::snippet::Snippet, tty: bool) -> String {
    if tty {
        s.plain("\x1b[1m", "\x1b[0m")
    } else {
        s.plain("", "")
    }
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

/// "Báo X (date), Báo Y (date)": a story's other copies, the first few.
fn also_in(copies: &[baochi::index::OtherCopy]) -> String {
    const SHOWN: usize = 5;
    let mut parts: Vec<String> = copies
        .iter()
        .take(SHOWN)
        .map(|c| {
            let at = c
                .paper
                .as_deref()
                .or(c.source.as_deref())
                .or(c.url.as_deref())
                .unwrap_or(&c.id);
            match c.published.as_deref() {
                Some(p) => format!("{at} ({})", p.get(..10).unwrap_or(p)),
                None => at.to_string(),
            }
        })
        .collect();
    if copies.len() > SHOWN {
        parts.push(format!("{} more", copies.len() - SHOWN));
    }
    parts.join(", ")
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
        if !hit.also_in.is_empty() {
            writeln!(out, "   also in {}", also_in(&hit.also_in))?;
        }
        if let Some(d) = &hit.duplicate_of {
            writeln!(out, "   reprint of {d}")?;
        }
        writeln!(out, "   {}", plain_snippet(&hit.snippet, tty))?;
        writeln!(out)?;
    }
    if results.most_words > 0 {
        writeln!(
            out,
            "{} article{} every word; {} more hold most ({} in all)",
            thousands(results.all_words as u64),
            if results.all_words == 1 {
                " holds"
            } else {
                "s hold"
            },
            thousands(results.most_words as u64),
            thousands(results.total as u64),
        )?;
    } else {
        writeln!(
            out,
            "{} article{} match",
            results.total,
            if results.total == 1 { "" } else { "s" }
        )?;
    }
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
