#!/usr/bin/env bash
# The project's test command (README): formatting, lints, the whole test suite, and a check
# that every bench still builds.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all -- --check
cargo clippy --all-targets --quiet -- -D warnings
cargo test
cargo bench --no-run --quiet
