//! Precision and recall of reprint detection on built pairs (README, "Reprints").
//!
//! ```text
//! cargo run --release --example reprint_pairs -- ../shared/bench/wcxb-dev corpus/seeds
//! ```
//!
//! Each article page of the benchmark (its reference text) and each seed article is turned
//! into copies a second paper would print — the same text inside another site's chrome, the
//! lead trimmed, a re-set headline with light copy edits, an abridged cut — and into a
//! different story on the same event (another article quoting two of its sentences). A pair
//! is detected as the index detects it: the two bodies share a band key and pass
//! verification. Every pair of distinct articles is also tried: any it folds is a false
//! positive.

use baochi::index::reprints::{MIN_BANDS, SKETCH_AT_LEAST, Shingles, sketch_estimate};
use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

struct Article {
    title: String,
    body: String,
    /// Boilerplate snippets of its page (chrome to lend another copy).
    chrome: Vec<String>,
}

fn wcxb(dir: &Path) -> Result<Vec<Article>, String> {
    let path = dir.join("ground-truth.jsonl.gz");
    let file = std::fs::File::open(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for line in BufReader::new(flate2::read::GzDecoder::new(file)).lines() {
        let line = line.map_err(|e| format!("{}: {e}", path.display()))?;
        let v: serde_json::Value =
            serde_json::from_str(&line).map_err(|e| format!("{}: {e}", path.display()))?;
        if v["page_type"] != "article" {
            continue;
        }
        let body = v["body"].as_str().unwrap_or_default().to_string();
        if body.split_whitespace().count() < 150 {
            continue;
        }
        let chrome = match &v["without"] {
            serde_json::Value::Array(a) => a
                .iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect(),
            serde_json::Value::String(s) => vec![s.clone()],
            _ => Vec::new(),
        };
        out.push(Article {
            title: v["title"].as_str().unwrap_or_default().to_string(),
            body,
            chrome,
        });
    }
    Ok(out)
}

fn seeds(dir: &Path) -> Result<Vec<Article>, String> {
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    names.sort();
    let mut out = Vec::new();
    for p in names {
        let mut s = String::new();
        std::fs::File::open(&p)
            .and_then(|mut f| f.read_to_string(&mut s))
            .map_err(|e| format!("{}: {e}", p.display()))?;
        out.push(Article {
            title: s.lines().next().unwrap_or_default().to_string(),
            body: s,
            chrome: vec![
                "Trang chủ Thời sự Chính trị Xây dựng Đảng Kinh tế Văn hóa Thể thao".into(),
                "Tin liên quan Bình luận Chia sẻ Facebook Zalo In bài Lên đầu trang".into(),
            ],
        });
    }
    Ok(out)
}

fn paragraphs(s: &str) -> Vec<&str> {
    s.split('\n').filter(|p| !p.trim().is_empty()).collect()
}

fn sentences(s: &str) -> Vec<&str> {
    s.split_inclusive(['.', '!', '?'])
        .filter(|x| x.split_whitespace().count() >= 6)
        .collect()
}

/// The text inside another page's chrome, with a block of other stories' headlines.
fn with_chrome(a: &Article, lender: &Article, others: &[&Article]) -> String {
    let mut s = lender.chrome.join("\n");
    s.push('\n');
    s.push_str(&a.body);
    s.push_str("\nRelated\n");
    for o in others {
        s.push_str(&o.title);
        s.push('\n');
    }
    s
}

/// Without the lead paragraph (or its first sixth, when it is one paragraph).
fn trimmed(a: &Article) -> String {
    let p = paragraphs(&a.body);
    if p.len() >= 3 {
        return p[1..].join("\n");
    }
    let words: Vec<&str> = a.body.split_whitespace().collect();
    words[words.len() / 6..].join(" ")
}

/// A copy desk's edits: one word changed in every third sentence.
fn edited(a: &Article) -> String {
    let mut out = String::new();
    for (i, s) in sentences(&a.body).iter().enumerate() {
        if i % 3 == 0 {
            let mut words: Vec<&str> = s.split_whitespace().collect();
            let mid = words.len() / 2;
            words[mid] = "EDITED";
            out.push_str(&words.join(" "));
            out.push(' ');
        } else {
            out.push_str(s);
        }
    }
    out
}

/// The first 60 % of the paragraphs (or words): an abridged reprint.
fn abridged(a: &Article) -> String {
    let p = paragraphs(&a.body);
    if p.len() >= 5 {
        return p[..p.len() * 3 / 5].join("\n");
    }
    let words: Vec<&str> = a.body.split_whitespace().collect();
    words[..words.len() * 3 / 5].join(" ")
}

/// Another story quoting two of this one's sentences.
fn quoting(a: &Article, other: &Article) -> String {
    let quoted: Vec<&str> = sentences(&a.body).into_iter().take(2).collect();
    format!("{}\n“{}”", other.body, quoted.join(" "))
}

/// Another paper's own report of the same event: this story's lead paragraph and three of
/// its sentences (a speech quoted), the rest its own.
fn same_event(a: &Article, other: &Article) -> String {
    let paras = paragraphs(&a.body);
    let sents = sentences(&a.body);
    // A page given as one paragraph: its first two sentences stand for the lead.
    let lead = if paras.len() >= 3 {
        paras[0].to_string()
    } else {
        sents.iter().take(2).copied().collect::<Vec<_>>().join(" ")
    };
    let quoted: Vec<&str> = sents.into_iter().skip(3).take(3).collect();
    format!("{lead}\n{}\n“{}”", other.body, quoted.join(" "))
}

/// Another story with both pages' chrome left in by the extractor (one site's template).
fn same_template(a: &Article, other: &Article) -> (String, String) {
    let chrome = a.chrome.join("\n");
    (
        format!("{chrome}\n{}\n{chrome}", a.body),
        format!("{chrome}\n{}\n{chrome}", other.body),
    )
}

/// As the index decides: shared bands (MIN_BANDS) and a sketch close enough make a candidate, the
/// exact shingles decide.
fn detected(a: &str, b: &str) -> (bool, bool) {
    let (sa, sb) = (Shingles::of(a), Shingles::of(b));
    let (fa, fb) = (sa.filing(), sb.filing());
    let ka: HashSet<&u64> = fa.keys.iter().collect();
    let candidate = fb.keys.iter().filter(|k| ka.contains(k)).count() >= MIN_BANDS
        && sketch_estimate(&fa.sketch, &fb.sketch) >= SKETCH_AT_LEAST;
    (candidate, candidate && sa.same_story(&sb))
}

#[derive(Default)]
struct Tally {
    pairs: usize,
    candidates: usize,
    detected: usize,
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut sets: Vec<(&str, Vec<Article>)> = Vec::new();
    for a in &args {
        let p = Path::new(a);
        if p.join("ground-truth.jsonl.gz").is_file() {
            sets.push(("web pages (WCXB dev articles)", wcxb(p)?));
        } else {
            sets.push(("Vietnamese seed articles", seeds(p)?));
        }
    }
    if sets.is_empty() {
        return Err("usage: reprint_pairs WCXB_DIR [SEEDS_DIR]".into());
    }
    for (name, arts) in &sets {
        let n = arts.len();
        let mut tallies: Vec<(&str, bool, Tally)> = [
            ("same text, other chrome", true),
            ("lead trimmed", true),
            ("headline re-set, copy edits", true),
            ("abridged to 60 %", true),
            ("other story quoting 2 sentences", false),
            (
                "same event: its lead and 3 sentences in another report",
                false,
            ),
            ("other story in the same leaked site chrome", false),
        ]
        .into_iter()
        .map(|(k, p)| (k, p, Tally::default()))
        .collect();
        for (i, a) in arts.iter().enumerate() {
            let lender = &arts[(i + 1) % n];
            let others: Vec<&Article> = (2..7).map(|k| &arts[(i + k) % n]).collect();
            let (templated, other_templated) = same_template(a, &arts[(i + 9) % n]);
            let pairs = [
                (a.body.clone(), with_chrome(a, lender, &others)),
                (a.body.clone(), trimmed(a)),
                (a.body.clone(), edited(a)),
                (a.body.clone(), abridged(a)),
                (a.body.clone(), quoting(a, &arts[(i + 7) % n])),
                (a.body.clone(), same_event(a, &arts[(i + 8) % n])),
                (templated, other_templated),
            ];
            for (t, (one, two)) in tallies.iter_mut().zip(pairs.iter()) {
                let (c, d) = detected(one, two);
                t.2.pairs += 1;
                t.2.candidates += usize::from(c);
                t.2.detected += usize::from(d);
            }
        }
        // Every pair of distinct articles, through the band index as the writer uses it.
        let shingles: Vec<Shingles> = arts.iter().map(|a| Shingles::of(&a.body)).collect();
        let filings: Vec<_> = shingles.iter().map(Shingles::filing).collect();
        let mut bands: HashMap<u64, Vec<usize>> = HashMap::new();
        let mut folded_distinct = 0usize;
        let mut candidate_distinct = 0usize;
        for i in 0..n {
            let keys = filings[i].keys.clone();
            let mut shared: HashMap<usize, usize> = HashMap::new();
            for k in keys {
                let list = bands.entry(k).or_default();
                for &j in list.iter() {
                    *shared.entry(j).or_default() += 1;
                }
                list.push(i);
            }
            let mut shared: Vec<usize> = shared
                .into_iter()
                .filter(|&(j, n)| {
                    n >= MIN_BANDS
                        && sketch_estimate(&filings[i].sketch, &filings[j].sketch)
                            >= SKETCH_AT_LEAST
                })
                .map(|(j, _)| j)
                .collect();
            shared.sort_unstable();
            for j in shared {
                candidate_distinct += 1;
                if shingles[i].same_story(&shingles[j]) {
                    folded_distinct += 1;
                    eprintln!(
                        "folded distinct articles: {:?} ~ {:?}",
                        arts[i].title, arts[j].title
                    );
                }
            }
        }
        println!("## {name}: {n} articles");
        println!();
        println!("| pair | pairs | candidates (bands, sketch) | detected |");
        println!("|---|---:|---:|---:|");
        let (mut tp, mut pos, mut fp) = (0, 0, folded_distinct);
        for (k, positive, t) in &tallies {
            println!(
                "| {k} ({}) | {} | {} | {} ({:.1} %) |",
                if *positive { "same story" } else { "not" },
                t.pairs,
                t.candidates,
                t.detected,
                100.0 * t.detected as f64 / t.pairs.max(1) as f64
            );
            if *positive {
                tp += t.detected;
                pos += t.pairs;
            } else {
                fp += t.detected;
            }
        }
        let pairs = n * n.saturating_sub(1) / 2;
        println!(
            "| every pair of distinct articles (not) | {pairs} | {candidate_distinct} | {folded_distinct} |"
        );
        println!();
        println!(
            "recall {:.3} ({tp} of {pos}), precision {:.3} ({fp} false)",
            tp as f64 / pos.max(1) as f64,
            tp as f64 / (tp + fp).max(1) as f64
        );
        println!();
    }
    Ok(())
}
