//! `baochi index PATH...`

use anyhow::Context;
use baochi::data::DataDir;
use baochi::extract::ExtractError;
use baochi::extract::admit::{self, Refusal};
use baochi::index::{Index, Upsert};
use baochi::record::Record;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Flags of `baochi index`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or directories (walked recursively) of HTML, text or WARC articles.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Commit (make durable) after this many input files; an interrupted run keeps every
    /// batch committed before it.
    #[arg(long, default_value_t = 500, hide = true)]
    pub commit_every: usize,
}

/// Whether a directory walk takes this file: the formats `extract` reads (cli.md).
fn is_article_file(p: &Path) -> bool {
    baochi::extract::kind_of_path(p).is_some()
}

/// What extracting one input gave: its records (each may have failed alone, as in a WARC),
/// or the failure of the whole input.
type Extracted = Result<Vec<Result<Record, ExtractError>>, ExtractError>;

/// The reason counted in the summary for a skipped input or record.
fn reason(e: &ExtractError) -> &'static str {
    match e {
        ExtractError::Io(_) => "unreadable",
        ExtractError::Record { source, .. } => reason(source),
        ExtractError::Warc(_) => "unreadable",
        ExtractError::Empty => "empty",
        ExtractError::Binary => "not a page",
        ExtractError::TooLarge { .. } => "too large",
        ExtractError::Unreadable(_) => "without article text",
    }
}

/// Counts of what a run did.
#[derive(Debug, Default)]
struct Tally {
    added: u64,
    replaced: u64,
    /// Pages that are not articles, by page type: kept out of the index, not errors.
    not_articles: BTreeMap<&'static str, u64>,
    skipped: BTreeMap<String, u64>,
    /// Files a directory walk left out: not a format baochi reads (cli.md), not errors.
    other_formats: u64,
    /// Articles indexed without a publication date, and without a headline.
    undated: u64,
    untitled: u64,
}

impl Tally {
    fn skip(&mut self, reason: &str) {
        *self.skipped.entry(reason.to_string()).or_default() += 1;
    }

    fn summary(&self) -> String {
        let skipped: u64 = self.skipped.values().sum();
        let mut s = format!(
            "indexed {} articles ({} new, {} replaced), skipped {}",
            self.added + self.replaced,
            self.added,
            self.replaced,
            skipped
        );
        let not_articles: u64 = self.not_articles.values().sum();
        if not_articles > 0 {
            let kinds: Vec<String> = self
                .not_articles
                .iter()
                .map(|(t, n)| format!("{n} {t}"))
                .collect();
            s = s.replacen(
                ", skipped",
                &format!(
                    ", {not_articles} not article{} ({}), skipped",
                    if not_articles == 1 { "" } else { "s" },
                    kinds.join(", ")
                ),
                1,
            );
        }
        let mut notes = Vec::new();
        if self.undated > 0 {
            notes.push(format!("{} without a date", self.undated));
        }
        if self.untitled > 0 {
            notes.push(format!("{} without a title", self.untitled));
        }
        if !notes.is_empty() {
            s = s.replacen(
                " replaced)",
                &format!(" replaced; {})", notes.join(", ")),
                1,
            );
        }
        if skipped > 0 {
            let reasons: Vec<String> = self
                .skipped
                .iter()
                .map(|(r, n)| format!("{n} {r}"))
                .collect();
            s.push_str(&format!(" ({})", reasons.join(", ")));
        }
        if self.other_formats > 0 {
            s.push_str(&format!(
                ", {} file{} of other formats left out (baochi reads .html, .htm, .txt, .warc, .warc.gz)",
                self.other_formats,
                if self.other_formats == 1 { "" } else { "s" }
            ));
        }
        s
    }
}

/// Expands the arguments into input files: directories walked, in a stable order.
fn inputs(paths: &[PathBuf], tally: &mut Tally) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = Vec::new();
            for entry in walkdir::WalkDir::new(p).follow_links(true) {
                match entry {
                    Ok(e) if e.file_type().is_file() && is_article_file(e.path()) => {
                        found.push(e.into_path())
                    }
                    Ok(e) if e.file_type().is_file() => tally.other_formats += 1,
                    Ok(_) => {}
                    Err(e) => {
                        eprintln!("baochi: {}: {e}", p.display());
                        tally.skip("unreadable");
                    }
                }
            }
            found.sort();
            files.extend(found);
        } else if p.is_file() {
            files.push(p.clone());
        } else {
            eprintln!("baochi: {}: no such file or directory", p.display());
            tally.skip("missing");
        }
    }
    files
}

/// Files one extracted record: counted as not an article, skipped, or indexed.
fn take(
    rec: Result<Record, ExtractError>,
    path: &Path,
    writer: &mut baochi::index::IndexWriter,
    tally: &mut Tally,
    bar: &ProgressBar,
) -> anyhow::Result<()> {
    let rec = match rec {
        Ok(rec) => rec,
        Err(e) => {
            bar.suspend(|| eprintln!("baochi: {}: {e}", path.display()));
            tally.skip(reason(&e));
            return Ok(());
        }
    };
    match admit::enters_index(&rec) {
        Ok(()) => {}
        Err(why @ Refusal::NotArticle { page_type, .. }) => {
            bar.suspend(|| eprintln!("baochi: {}: {why}", path.display()));
            *tally.not_articles.entry(page_type.as_str()).or_default() += 1;
            return Ok(());
        }
        Err(why @ Refusal::NoText) => {
            bar.suspend(|| eprintln!("baochi: {}: {why}", path.display()));
            tally.skip("without article text");
            return Ok(());
        }
    }
    tally.undated += u64::from(rec.published.is_none());
    tally.untitled += u64::from(rec.title.is_none());
    match writer.upsert(&rec)? {
        Upsert::Added => tally.added += 1,
        Upsert::Replaced => tally.replaced += 1,
    }
    Ok(())
}

pub fn run(args: Args, data: &DataDir) -> anyhow::Result<ExitCode> {
    let dir = data.index_dir();
    let index = Index::create_or_open(&dir).with_context(|| dir.display().to_string())?;
    let mut tally = Tally::default();
    let files = inputs(&args.paths, &mut tally);
    let mut writer = index.writer()?;

    let bar = ProgressBar::new(files.len() as u64);
    if std::io::stderr().is_terminal() {
        bar.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} files, {per_sec}, eta {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
    } else {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }

    let batch = args.commit_every.max(1);
    // A WARC file is streamed record by record and committed every `batch` records, so a
    // 1 GiB crawl file is rebuilt in bounded memory; other files are extracted in parallel,
    // `batch` at a time.
    let (warcs, pages): (Vec<&PathBuf>, Vec<&PathBuf>) = files
        .iter()
        .partition(|p| baochi::extract::kind_of_path(p) == Some(baochi::extract::Kind::Warc));
    for chunk in pages.chunks(batch) {
        // Extraction runs in parallel; the single writer takes the records in input order.
        let extracted: Vec<(&PathBuf, Extracted)> = chunk
            .par_iter()
            .map(|p| {
                let mut records = Vec::new();
                let whole = baochi::extract::for_each_in_path(p, None, |r| records.push(r));
                (*p, whole.map(|()| records))
            })
            .collect();
        for (path, result) in extracted {
            match result {
                Ok(records) => {
                    for rec in records {
                        take(rec, path, &mut writer, &mut tally, &bar)?;
                    }
                }
                Err(e) => {
                    bar.suspend(|| eprintln!("baochi: {}: {e}", path.display()));
                    tally.skip(reason(&e));
                }
            }
            bar.inc(1);
        }
        writer
            .commit()
            .with_context(|| format!("{}: commit", dir.display()))?;
    }
    for path in warcs {
        let mut pending = 0usize;
        let mut failed: Option<anyhow::Error> = None;
        let whole = baochi::extract::for_each_in_path(path, None, |rec| {
            if failed.is_some() {
                return;
            }
            let step = take(rec, path, &mut writer, &mut tally, &bar).and_then(|()| {
                pending += 1;
                if pending >= batch {
                    pending = 0;
                    writer
                        .commit()
                        .with_context(|| format!("{}: commit", dir.display()))?;
                }
                Ok(())
            });
            if let Err(e) = step {
                failed = Some(e);
            }
        });
        if let Some(e) = failed {
            return Err(e);
        }
        if let Err(e) = whole {
            bar.suspend(|| eprintln!("baochi: {}: {e}", path.display()));
            tally.skip(reason(&e));
        }
        writer
            .commit()
            .with_context(|| format!("{}: commit", dir.display()))?;
        bar.inc(1);
    }
    bar.finish_and_clear();
    writer.finish()?;
    eprintln!("{}", tally.summary());
    // cli.md: 1 whenever an input was skipped (empty, binary, unreadable, without text —
    // as `extract` does); pages that are not articles, and files of other formats a walk
    // leaves out, are no failures.
    let failed: u64 = tally.skipped.values().sum();
    Ok(ExitCode::from(if failed > 0 {
        super::EXIT_ERROR
    } else {
        super::EXIT_OK
    }))
}
