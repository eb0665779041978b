#!/usr/bin/env bash
# Extraction speed beside its peers, in one run on the same sample (every fifth page of the
# WCXB development split, one core each, in-process):
#   baochi: `cargo bench --bench extract_pages` (the whole record, and the extraction stage
#           alone: text, metadata, page type);
#   dom_smoothie 0.19 (peers/dom_smoothie_speed, its own lock file and target directory);
#   trafilatura (scripts/peer_extract_speed.py; needs `pip install trafilatura`).
# usage: scripts/extract_speed.sh [BENCH_DIR]   (default ../shared/bench/wcxb-dev)
set -euo pipefail
cd "$(dirname "$0")/.."
bench="${1:-../shared/bench/wcxb-dev}"
bench="$(cd "$bench" && pwd)"
cargo build --release --quiet --manifest-path peers/dom_smoothie_speed/Cargo.toml \
  --target-dir target/peers
target/peers/release/dom_smoothie_speed "$bench"
if python3 -c 'import trafilatura' 2>/dev/null; then
  python3 scripts/peer_extract_speed.py --bench "$bench"
else
  echo "trafilatura: not installed (pip install trafilatura); skipped"
fi
BAOCHI_PAGES="$bench" cargo bench --bench extract_pages 2>&1 |
  grep -E '^extract_pages/|thrpt:' | grep -v '%'
