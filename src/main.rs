//! The `baochi` binary: parses arguments and calls the library (see `src/cli/`).

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
