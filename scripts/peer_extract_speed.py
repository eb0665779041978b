#!/usr/bin/env python3
"""Times trafilatura (the peer of issue 10) on the sample `benches/extract_pages.rs` times:
every fifth page of the WCXB development split, on one core, in-process, with the page's
URL, as `trafilatura.extract(html, url=..., with_metadata=True)`. Prints pages/s.

usage: peer_extract_speed.py [--bench ../shared/bench/wcxb-dev] [--rounds 3]
Needs `pip install trafilatura lxml_html_clean`."""
import argparse, gzip, json, os, time

import trafilatura


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", default="../shared/bench/wcxb-dev")
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    gts = [json.loads(l) for l in gzip.open(os.path.join(a.bench, "ground-truth.jsonl.gz"), "rt", encoding="utf-8")]
    pages = []
    for i, g in enumerate(gts):
        if i % 5 == 0:
            raw = gzip.decompress(open(os.path.join(a.bench, "html", g["id"] + ".html.gz"), "rb").read())
            pages.append((g["url"] or "https://example.com/", raw.decode("utf-8", "replace")))
    best = None
    for _ in range(a.rounds):
        t0 = time.perf_counter()
        for url, html in pages:
            trafilatura.extract(html, url=url, with_metadata=True)
        el = time.perf_counter() - t0
        best = el if best is None else min(best, el)
    print("trafilatura %s: %d pages in %.2f s (best of %d): %.1f pages/s" % (trafilatura.__version__, len(pages), best, a.rounds, len(pages) / best))


if __name__ == "__main__":
    main()
