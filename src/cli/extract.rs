//! `baochi extract [--url URL] PATH...`

use std::io::Write;
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

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut skipped = 0;
    for path in &args.paths {
        match baochi::extract::from_path(path, args.url.as_deref()) {
            Ok(recs) => {
                for r in recs {
                    serde_json::to_writer(&mut out, &r)?;
                    out.write_all(b"\n")?;
                }
            }
            Err(e) => {
                eprintln!("baochi: {}: {e}", path.display());
                skipped += 1;
            }
        }
    }
    Ok(ExitCode::from(if skipped > 0 { 1 } else { 0 }))
}
