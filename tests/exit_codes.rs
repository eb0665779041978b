//! cli.md's exit codes, command by command: 0 when everything was done, 1 for an error (one
//! line on stderr naming the input and, after it, the cause), 2 for wrong usage.

use assert_cmd::Command;
use std::path::Path;

fn baochi(data: &Path) -> Command {
    let mut c = Command::cargo_bin("baochi").expect("binary");
    c.arg("--data").arg(data);
    c
}

/// Exit code and stderr of `baochi --data DATA ARGS`.
fn run(data: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = baochi(data)
        .args(args)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .expect("runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A data directory with a small index of articles written for this test.
fn indexed(root: &Path) -> std::path::PathBuf {
    let input = root.join("in");
    std::fs::create_dir_all(&input).expect("mkdir");
    std::fs::write(
        input.join("a.txt"),
        "Huyện ủy Bá Thước tổng kết Nghị quyết 12-NQ/TW\n\nNăm 2013, Đảng bộ huyện Bá Thước, \
         tỉnh Thanh Hóa kết nạp 157 đảng viên mới; đồng chí Nguyễn Văn A, Bí thư Huyện ủy, \
         chủ trì hội nghị.",
    )
    .expect("write");
    let data = root.join("data");
    let (code, err) = run(&data, &["index", input.to_str().expect("utf-8")]);
    assert_eq!(code, Some(0), "{err}");
    data
}

/// Every command that reads the index, with arguments that are right.
const READERS: &[&[&str]] = &[
    &["search", "đảng viên"],
    &["kwic", "đảng viên"],
    &["trend", "đảng viên"],
    &["people"],
    &["coverage"],
    &["figures"],
    &["export", "--table", "statistics"],
    &["report"],
    &["remove", "--id", "no-such-article"],
];

#[test]
fn every_reader_answers_0_on_an_index_and_1_naming_the_index_without_one() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = indexed(tmp.path());
    let empty = tmp.path().join("nothing-here");
    for args in READERS {
        let (code, err) = run(&data, args);
        assert_eq!(code, Some(0), "{args:?}: {err}");
        let (code, err) = run(&empty, args);
        assert_eq!(code, Some(1), "{args:?} without an index: {err}");
        let line = err.trim();
        assert!(
            line.starts_with("baochi: ") && !line.contains('\n'),
            "{args:?}: one line: {err}"
        );
        assert!(
            line.contains(&empty.join("index").display().to_string()),
            "{args:?}: names the index it looked for: {err}"
        );
    }
}

#[test]
fn wrong_usage_exits_2_in_every_command() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    for args in [
        &["extract"][..],
        &["index", "--no-such-flag"],
        &["crawl", "--no-such-flag"],
        &["search"],
        &["search", "--from", "2013-13", "x"],
        &["kwic"],
        &["trend", "--by", "decade", "x"],
        &["people", "--no-such-flag"],
        &["coverage", "--no-such-flag"],
        &["figures", "--no-such-flag"],
        &["export", "--table", "no-such-table"],
        &["remove"],
        &["report", "--no-such-flag"],
        &["serve", "--addr", "not-an-address"],
        &["no-such-command"],
    ] {
        let (code, err) = run(&data, args);
        assert_eq!(code, Some(2), "{args:?}: {err}");
    }
}

#[test]
fn extract_and_index_exit_1_when_an_input_is_skipped_and_keep_the_rest() {
    let tmp = tempfile::tempdir().expect("tmp");
    let good = tmp.path().join("good.txt");
    std::fs::write(&good, "Tỉnh ủy Thanh Hóa họp bàn công tác cán bộ.").expect("write");
    let missing = tmp.path().join("missing.txt");
    let data = tmp.path().join("data");
    for cmd in ["extract", "index"] {
        let out = baochi(&data)
            .arg(cmd)
            .arg(&good)
            .arg(&missing)
            .output()
            .expect("runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{cmd}: {err}");
        assert!(
            err.contains(&missing.display().to_string()),
            "{cmd}: names the input it skipped: {err}"
        );
        if cmd == "extract" {
            assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
        }
    }
    let (code, err) = run(&data, &["search", "cán bộ"]);
    assert_eq!(code, Some(0), "the good file was indexed: {err}");
}

#[test]
fn the_cause_follows_the_input_it_concerns() {
    let tmp = tempfile::tempdir().expect("tmp");
    // The index's folder is a file: the folder is named, then the system's reason.
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).expect("mkdir");
    std::fs::write(data.join("index"), "not a folder").expect("write");
    let input = tmp.path().join("a.txt");
    std::fs::write(&input, "Tỉnh ủy Thanh Hóa họp bàn công tác cán bộ.").expect("write");
    let (code, err) = run(&data, &["index", input.to_str().expect("utf-8")]);
    assert_eq!(code, Some(1), "{err}");
    let index_dir = data.join("index").display().to_string();
    let at = err.find(&index_dir).expect("names the index folder");
    assert!(err[at + index_dir.len()..].starts_with(": "), "{err}");
    assert!(
        err.trim().len() > at + index_dir.len() + 2,
        "a cause follows: {err}"
    );

    // A crawl state that is no store: the file is named, then what the store says of it.
    let data = tmp.path().join("data2");
    std::fs::create_dir_all(&data).expect("mkdir");
    std::fs::write(data.join("crawl.redb"), vec![7u8; 4096]).expect("write");
    let (code, err) = run(&data, &["crawl", "http://127.0.0.1:9/"]);
    assert_eq!(code, Some(1), "{err}");
    let state = data.join("crawl.redb").display().to_string();
    assert!(
        err.contains(&format!("crawl state {state}: ")),
        "names the state file, then the cause: {err}"
    );
}
