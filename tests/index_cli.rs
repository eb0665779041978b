//! `baochi index` and `baochi search` end to end: walking, skipping, replacing, the JSON
//! output, and an index that survives the process being killed mid-run.

use assert_cmd::Command;
use baochi::index::{Index, SearchRequest};
use std::path::Path;
use std::time::{Duration, Instant};

fn baochi(data: &Path) -> Command {
    let mut c = Command::cargo_bin("baochi").expect("binary");
    c.arg("--data").arg(data);
    c
}

fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("mkdir");
    }
    std::fs::write(path, text).expect("write");
}

#[test]
fn indexes_a_tree_skips_what_it_cannot_read_and_replaces_on_rerun() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in");
    write(
        &input.join("a.txt"),
        "Tỉnh uỷ Thanh Hoá họp bàn công tác cán bộ luân chuyển.",
    );
    write(
        &input.join("sub/b.txt"),
        "Ðảng bộ huyện Bá Thước kiểm điểm tự phê bình.",
    );
    write(&input.join("sub/empty.txt"), "  \n ");
    write(&input.join("notes.md"), "không phải bài báo");
    let data = tmp.path().join("data");

    let out = baochi(&data)
        .arg("index")
        .arg(&input)
        .arg(tmp.path().join("missing.txt"))
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("missing.txt: no such file"), "{err}");
    assert!(err.contains("empty.txt: "), "{err}");
    assert!(
        err.contains(
            "indexed 2 articles (2 new, 0 replaced; 2 without a date, 2 without a title), \
             skipped 2 (1 empty, 1 missing), 1 file of other formats left out"
        ),
        "{err}"
    );

    let out = baochi(&data)
        .arg("index")
        .arg(&input)
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "indexed 2 articles (0 new, 2 replaced; 2 without a date, 2 without a title), skipped 1"
        ),
        "{err}"
    );
    // The empty file is still skipped: 1, as `extract` answers for it.
    assert_eq!(out.status.code(), Some(1), "{err}");
    let ex = Command::cargo_bin("baochi")
        .expect("binary")
        .arg("extract")
        .arg(input.join("sub/empty.txt"))
        .output()
        .expect("run");
    assert_eq!(ex.status.code(), Some(1));
    // Only good inputs: 0.
    let out = baochi(&data)
        .arg("index")
        .arg(input.join("a.txt"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));

    let out = baochi(&data)
        .args(["search", "--json", "can", "bo"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 1);
    let hit = &lines[0];
    for key in [
        "id",
        "url",
        "title",
        "published",
        "province",
        "score",
        "snippet",
    ] {
        assert!(hit.get(key).is_some(), "{key} in {hit}");
    }
    assert!(
        hit["snippet"]
            .as_str()
            .is_some_and(|s| s.contains("<b>cán</b> <b>bộ</b>")),
        "{hit}"
    );

    let out = baochi(&data)
        .args(["search", "dang bo"])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Đảng bộ huyện Bá Thước"), "{text}");
    assert!(text.contains("1 article match"), "{text}");

    let out = baochi(&data)
        .args(["search", "--to", "2012-02-30", "x"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    // Refused as wrong usage when the command line is read, naming the flag and the value.
    assert!(
        err.contains("--to") && err.contains("2012-02-30") && err.contains("no such day"),
        "{err}"
    );
    // A month is a range of days: the search runs.
    let out = baochi(&data)
        .args(["search", "--from", "2012-02", "--to", "2030", "dang bo"])
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A province the gazetteer does not know is refused, with the closest named.
    let out = baochi(&data)
        .args(["search", "--province", "Thanh Hoa Xanh", "x"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no province") && err.contains("Thanh Hóa"),
        "{err}"
    );

    // Queries without words and overlong ones are wrong usage, said plainly.
    let long = "cán bộ ".repeat(1_500);
    for (q, needle) in [
        ("\"", "no words"),
        ("-", "no words"),
        ("OR AND OR", "no words"),
        ("", "empty"),
        (long.as_str(), "at most 1000"),
    ] {
        let out = baochi(&data).args(["search", q]).output().expect("run");
        assert_eq!(out.status.code(), Some(2), "{q}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with("baochi: search: ") && err.contains(needle),
            "{q}: {err}"
        );
        assert!(out.stdout.is_empty(), "{q}");
    }

    // Readings of a diacritic-less query, in the list and alone as JSON Lines.
    let out = baochi(&data)
        .args(["search", "dang bo"])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("readings of \"dang bo\":"), "{text}");
    assert!(
        text.contains("  đảng bộ — 1 article    baochi search '=\"đảng bộ\"'"),
        "{text}"
    );
    let out = baochi(&data)
        .args(["search", "--readings", "--json", "dang bo"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let line: serde_json::Value =
        serde_json::from_slice(out.stdout.split(|b| *b == b'\n').next().unwrap_or(b""))
            .expect("json line");
    assert_eq!(line["typed"], "dang bo");
    assert_eq!(line["readings"][0]["text"], "đảng bộ");
    assert_eq!(line["readings"][0]["articles"], 1);
}

#[test]
fn search_without_an_index_says_so() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = baochi(&tmp.path().join("none"))
        .args(["search", "cán bộ"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("baochi: no index at"), "{err}");
}

/// Kill -9 in the middle of a run: the index opens, holds whole committed batches and no
/// partial one, and a rerun completes it without duplicates.
#[test]
fn killed_mid_run_leaves_the_last_commit_readable() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in");
    let n = 4000;
    for i in 0..n {
        write(
            &input.join(format!("{:02}/{i:05}.txt", i % 50)),
            &format!("Bài số {i}: Đảng ủy xã tổ chức hội nghị cán bộ lần thứ {i}."),
        );
    }
    let data = tmp.path().join("data");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("baochi"))
        .arg("--data")
        .arg(&data)
        .args(["index", "--commit-every", "100"])
        .arg(&input)
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    // Wait for a first commit, then kill.
    let dir = data.join("index");
    let start = Instant::now();
    loop {
        if let Ok(ix) = Index::open(&dir)
            && !ix.is_empty()
        {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "no commit");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().expect("kill");
    let _ = child.wait();

    let ix = Index::open(&dir).expect("index opens after kill");
    let len = ix.len();
    assert!(
        len > 0 && len.is_multiple_of(100),
        "whole batches only: {len}"
    );
    assert!(len < n, "killed before the end");
    let r = ix
        .search(&SearchRequest {
            query: "hội nghị cán bộ".into(),
            limit: 3,
            ..Default::default()
        })
        .expect("search");
    assert_eq!(r.total as u64, len);

    let out = baochi(&data)
        .arg("index")
        .arg(&input)
        .output()
        .expect("rerun");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ix = Index::open(&dir).expect("index");
    assert_eq!(ix.len(), n);
}
