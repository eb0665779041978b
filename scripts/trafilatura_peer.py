#!/usr/bin/env python3
"""baochi beside trafilatura, in one run, on this machine.

Speed: HTML -> article (text and metadata) on the pages `benches/extract.rs` writes when
BAOCHI_BENCH_PAGES is set, one core each: trafilatura in-process, baochi as one
`baochi extract` process over many copies of the page (so its start-up is amortised).

Quality: body token F1 against the expected bodies of tests/fixtures/pages/*.json (the
pages written for the extractor's tests: several CMS layouts, Vietnamese, English, French),
tokens counted as the Rust test counts them.

    mkdir -p /tmp/pages && BAOCHI_BENCH_PAGES=/tmp/pages cargo bench --bench extract
    cargo build --release
    pip install trafilatura lxml_html_clean
    python3 scripts/trafilatura_peer.py /tmp/pages
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata

import trafilatura

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BAOCHI = os.path.join(ROOT, "target", "release", "baochi")


def tokens(s):
    """Runs of letters, digits and `_`, lower case, as tests/extract_fixtures.rs counts."""
    out = {}
    s = unicodedata.normalize("NFC", s).replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")
    for t in re.split(r"[^\w]+", s.lower()):
        if t:
            out[t] = out.get(t, 0) + 1
    return out


def token_f1(gold, got):
    g, p = tokens(gold), tokens(got)
    common = sum(min(n, p.get(t, 0)) for t, n in g.items())
    if common == 0:
        return 0.0
    pr = common / sum(p.values())
    rc = common / sum(g.values())
    return 2 * pr * rc / (pr + rc)


def baochi_extract(paths):
    out = subprocess.run([BAOCHI, "extract", *paths], capture_output=True, check=True)
    return [json.loads(line) for line in out.stdout.decode("utf-8").splitlines()]


def speed(pages_dir):
    rows = []
    for name in sorted(os.listdir(pages_dir)):
        if not name.endswith(".html"):
            continue
        path = os.path.join(pages_dir, name)
        html = open(path, encoding="utf-8").read()
        size = len(html.encode("utf-8"))
        # trafilatura: text plus metadata, like baochi's record; by default, and with
        # `fast=True` (no fallback extractors).
        def rate(**kw):
            n = 30
            trafilatura.extract(html, with_metadata=True, output_format="json", **kw)
            t0 = time.process_time()
            for _ in range(n):
                assert trafilatura.extract(html, with_metadata=True, output_format="json", **kw)
            return n / (time.process_time() - t0)

        tr, tr_fast = rate(), rate(fast=True)
        # baochi: one process over m copies; CPU time of the child.
        m = 400
        with tempfile.TemporaryDirectory() as tmp:
            copies = []
            for i in range(m):
                p = os.path.join(tmp, f"{i}.html")
                with open(p, "wb") as f:
                    f.write(html.encode("utf-8"))
                copies.append(p)
            before = os.times()
            recs = baochi_extract(copies)
            after = os.times()
            assert len(recs) == m
            cpu = (after.children_user - before.children_user) + (
                after.children_system - before.children_system
            )
        bc = m / cpu
        rows.append((name, size, bc, tr, tr_fast))
    print("| page | KB | baochi pages/s | trafilatura pages/s | fast=True | ratio | ratio to fast |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, size, bc, tr, tf in rows:
        print(
            f"| {name} | {size // 1024} | {bc:.0f} | {tr:.1f} | {tf:.1f} | {bc / tr:.0f} | {bc / tf:.1f} |"
        )


def quality():
    fixtures = os.path.join(ROOT, "tests", "fixtures", "pages")
    names = sorted(n[:-5] for n in os.listdir(fixtures) if n.endswith(".html"))
    paths = [os.path.join(fixtures, n + ".html") for n in names]
    ours = baochi_extract(paths)
    print("| page | baochi body F1 | trafilatura body F1 |")
    print("|---|---:|---:|")
    sb = st = 0.0
    for name, path, rec in zip(names, paths, ours):
        gold = json.load(open(os.path.join(fixtures, name + ".json"), encoding="utf-8"))
        body = gold["body"]
        gold_body = "\n\n".join(body) if isinstance(body, list) else body
        html = open(path, "rb").read()
        theirs = trafilatura.extract(html) or ""
        fb, ft = token_f1(gold_body, rec["body"]), token_f1(gold_body, theirs)
        sb += fb
        st += ft
        print(f"| {name} | {fb:.3f} | {ft:.3f} |")
    print(f"| **mean** | **{sb / len(names):.3f}** | **{st / len(names):.3f}** |")


if __name__ == "__main__":
    if not os.path.exists(BAOCHI):
        sys.exit(f"{BAOCHI} missing: run `cargo build --release` first")
    if len(sys.argv) > 1:
        speed(sys.argv[1])
        print()
    quality()
