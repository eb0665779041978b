//! `baochi extract [--url URL] PATH...`

use std::io::{ErrorKind, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Flags of `baochi extract`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The address the page came from (sets `url` and `source`); for a single input.
    #[arg(long)]
    pub url: Option<String>,
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
    let mut write_err: Option<std::io::Error> = None;
    for path in &args.paths {
        let shown = path.display().to_string();
        let result = baochi::extract::for_each_in_path(path, args.url.as_deref(), |r| {
            if write_err.is_some() {
                return;
            }
            match r {
                Ok(rec) => {
                    let written = serde_json::to_writer(&mut out, &rec)
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
        "baochi: {records} record{} from {} input{}, {skipped} skipped",
        if records == 1 { "" } else { "s" },
        args.paths.len(),
        if args.paths.len() == 1 { "" } else { "s" },
    );
    Ok(ExitCode::from(if skipped > 0 { 1 } else { 0 }))
}
