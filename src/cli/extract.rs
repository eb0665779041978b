//! `baochi extract [--all] [--url URL] PATH...`

use std::io::{ErrorKind, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use baochi::extract::Page;
use baochi::extract::admit::{self, Refusal};
use baochi::extract::page_type;

/// The record with the page-type features beside it, by name.
fn explained(page: &Page) -> serde_json::Result<serde_json::Value> {
    let rec = &page.record;
    let mut v = serde_json::to_value(rec)?;
    if let (Some(s), Some(obj)) = (&page.signals, v.as_object_mut()) {
        let cx = page_type::Context::of(
            rec.url.as_deref(),
            rec.title.as_deref(),
            rec.published.is_some(),
            rec.author.is_some(),
        );
        let f: serde_json::Map<String, serde_json::Value> = page_type::FEATURES
            .iter()
            .zip(page_type::features(s, &cx))
            .map(|(k, x)| (k.to_string(), serde_json::json!(x)))
            .collect();
        obj.insert("page_features".into(), serde_json::Value::Object(f));
    }
    Ok(v)
}

/// Flags of `baochi extract`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The address the page came from (sets `url` and `source`); for a single input.
    #[arg(long)]
    pub url: Option<String>,
    /// Print every page, with its `page_type` (`article`, `listing`, `other`), not only
    /// articles.
    #[arg(long)]
    pub all: bool,
    /// With each record, the figures the page-type decision read (`page_features`), for
    /// checking a decision or training the model.
    #[arg(long, hide = true)]
    pub explain: bool,
    /// HTML (.html, .htm), plain text (.txt) or WARC (.warc, .warc.gz) files; `-` reads stdin.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

/// Prints one JSON line per record; a bad input (or WARC record) is reported on stderr and
/// skipped. A closed stdout (`| head`) ends the run quietly.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut records = 0usize;
    let mut skipped = 0usize;
    let mut not_articles = 0usize;
    let mut write_err: Option<std::io::Error> = None;
    for path in &args.paths {
        let shown = path.display().to_string();
        let result = baochi::extract::for_each_page_in_path(path, args.url.as_deref(), |r| {
            if write_err.is_some() {
                return;
            }
            match r {
                Ok(page) => {
                    let rec = &page.record;
                    // The index's own rule, so `extract` prints what `index` would keep.
                    match admit::enters_index(rec) {
                        Ok(()) => {}
                        Err(_) if args.all => {}
                        Err(why @ Refusal::NotArticle { .. }) => {
                            eprintln!("baochi: {shown}: {why}");
                            not_articles += 1;
                            return;
                        }
                        Err(why @ Refusal::NoText) => {
                            eprintln!("baochi: {shown}: {why}");
                            skipped += 1;
                            return;
                        }
                    }
                    let written = if args.explain {
                        explained(&page).and_then(|v| serde_json::to_writer(&mut out, &v))
                    } else {
                        serde_json::to_writer(&mut out, rec)
                    };
                    let written = written
                        .map_err(std::io::Error::from)
                        .and_then(|()| out.write_all(b"\n"));
                    match written {
                        Ok(()) => records += 1,
                        Err(e) => write_err = Some(e),
                    }
                }
                Err(e) => {
                    eprintln!("baochi: {shown}: {e}");
                    skipped += 1;
                }
            }
        });
        if let Err(e) = result {
            eprintln!("baochi: {shown}: {e}");
            skipped += 1;
        }
        if write_err.is_some() {
            break;
        }
    }
    if write_err.is_none()
        && let Err(e) = out.flush()
    {
        write_err = Some(e);
    }
    if let Some(e) = write_err {
        if e.kind() == ErrorKind::BrokenPipe {
            return Ok(ExitCode::from(0));
        }
        return Err(anyhow::Error::new(e).context("cannot write to standard output"));
    }
    eprintln!(
        "baochi: {records} record{} from {} input{}, {not_articles} not article{}, {skipped} skipped",
        if records == 1 { "" } else { "s" },
        args.paths.len(),
        if args.paths.len() == 1 { "" } else { "s" },
        if not_articles == 1 { "" } else { "s" },
    );
    Ok(ExitCode::from(if skipped > 0 { 1 } else { 0 }))
}
