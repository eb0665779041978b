//! dom_smoothie (a readability port) on baochi's extraction sample: every fifth page of the
//! WCXB development split, text and metadata, one core. Prints pages/s over five rounds
//! (median), the figure beside baochi's `extract_pages` stage in README.

use std::io::Read;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let root = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/bench/wcxb-dev"));
    let mut text = String::new();
    let gt = std::fs::File::open(root.join("ground-truth.jsonl.gz")).expect("ground truth");
    flate2::read::GzDecoder::new(gt)
        .read_to_string(&mut text)
        .expect("ground truth");
    let mut pages: Vec<(String, String)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if i % 5 != 0 {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        let id = v["id"].as_str().expect("id");
        let url = v["url"].as_str().unwrap_or("https://example.com/").to_string();
        let gz = std::fs::File::open(root.join("html").join(format!("{id}.html.gz"))).expect("page");
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(gz)
            .read_to_end(&mut bytes)
            .expect("page");
        pages.push((url, String::from_utf8_lossy(&bytes).into_owned()));
    }
    let mut rounds = Vec::new();
    let mut ok = 0;
    for _ in 0..5 {
        let t = Instant::now();
        ok = 0;
        for (url, html) in &pages {
            let cfg = dom_smoothie::Config::default();
            if let Ok(mut r) = dom_smoothie::Readability::new(html.as_str(), Some(url), Some(cfg))
                && r.parse().is_ok()
            {
                ok += 1;
            }
        }
        rounds.push(pages.len() as f64 / t.elapsed().as_secs_f64());
    }
    rounds.sort_by(f64::total_cmp);
    println!(
        "dom_smoothie: {} pages ({ok} with an article), median {:.0} pages/s (rounds {:.0}–{:.0})",
        pages.len(),
        rounds[2],
        rounds[0],
        rounds[4]
    );
}
