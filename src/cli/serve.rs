//! `baochi serve [--addr 127.0.0.1:8080]`

use baochi::data::DataDir;
use std::process::ExitCode;

/// Flags of `baochi serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The address to listen on (loopback by default).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: String,
}

pub fn run(_args: Args, _data: &DataDir) -> anyhow::Result<ExitCode> {
    anyhow::bail!("serve is being written")
}
