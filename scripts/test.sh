#!/usr/bin/env bash
# The project's test command (README): formatting, lints, docs, the whole test suite, and a
# check that every bench still builds.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all -- --check
cargo clippy --all-targets --quiet -- -D warnings
# Every public item is documented and its links resolve.
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --lib --quiet
cargo test
cargo bench --no-run --quiet
