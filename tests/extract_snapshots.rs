//! A snapshot of `baochi extract --all` for every page in `corpus/` and the fixture folders,
//! kept in `tests/snapshots/` and reviewed like code: a change to any finder or extraction
//! rule shows its effect on every page in one diff (`cargo insta review`, or rerun with
//! `INSTA_UPDATE=always` and read `git diff tests/snapshots`).

use assert_cmd::Command;
use std::path::Path;

/// The record `extract --all` prints for `path`, pretty JSON with sorted keys.
fn record(path: &Path) -> String {
    let out = Command::cargo_bin("baochi")
        .expect("binary")
        .arg("extract")
        .arg("--all")
        .arg(path)
        .output()
        .expect("runs");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    let first = stdout
        .lines()
        .next()
        .unwrap_or_else(|| panic!("{}: no record", path.display()));
    let value: serde_json::Value = serde_json::from_str(first).expect("a JSON record");
    serde_json::to_string_pretty(&value).expect("printable")
}

#[test]
fn seeds() {
    insta::glob!("../corpus/seeds", "*.txt", |path| {
        insta::assert_snapshot!(record(path));
    });
}

#[test]
fn fixture_pages() {
    insta::glob!("fixtures/pages", "*.html", |path| {
        insta::assert_snapshot!(record(path));
    });
}

#[test]
fn page_type_fixtures() {
    insta::glob!("fixtures/page_types", "*.html", |path| {
        insta::assert_snapshot!(record(path));
    });
}
