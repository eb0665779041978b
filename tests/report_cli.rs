//! `baochi report` end to end: every format over an index of fixture articles.

mod serve_common;

use assert_cmd::Command;
use baochi::report::{ReportOptions, report_index};
use std::path::Path;

fn baochi(data: &Path) -> Command {
    let mut c = Command::cargo_bin("baochi").expect("binary");
    c.arg("--data").arg(data);
    c
}

fn run(data: &Path, args: &[&str]) -> String {
    let out = baochi(data).arg("report").args(args).output().expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn report_in_every_format() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    let mut records = serve_common::articles();
    records.push(serve_common::figures_article());
    let index = serve_common::index_into(&data.join("index"), &records);

    let json: serde_json::Value =
        serde_json::from_str(&run(&data, &["--format", "json"])).expect("json");
    let want =
        serde_json::to_value(report_index(&index, None, ReportOptions::default()).expect("report"))
            .expect("json");
    assert_eq!(json, want);
    let hue = json["provinces"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["province"] == "Thừa Thiên Huế"))
        .expect("Huế");
    assert_eq!(hue["province_now"], "Huế");
    assert_eq!(hue["documents"][0]["canonical"], "12-NQ/TW");
    assert_eq!(hue["localities"][0]["name"], "Hương Trà");
    assert_eq!(hue["officials"][0]["titles"][0], "Bí thư Thị ủy Hương Trà");
    // Figures: one point per indicator, unit and period, wholes only, with their source.
    let dien_bien = json["provinces"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["province"] == "Điện Biên"))
        .expect("Điện Biên");
    let points: Vec<(String, String, f64)> = dien_bien["figures"]
        .as_array()
        .expect("figures")
        .iter()
        .map(|p| {
            (
                p["indicator"].as_str().unwrap_or("").to_string(),
                p["unit"].as_str().unwrap_or("").to_string(),
                p["values"][0].as_f64().unwrap_or(f64::NAN),
            )
        })
        .collect();
    assert_eq!(
        points,
        vec![
            ("kết nạp đảng viên mới".into(), "Mường Chà".into(), 57.0),
            ("kỷ luật đảng viên".into(), "Mường Chà".into(), 16.0),
        ]
    );
    assert_eq!(
        dien_bien["figures"][0]["sources"][0]["url"],
        "https://baodienbienphu.com.vn/muong-cha.html"
    );

    let table = run(&data, &[]);
    assert!(
        table.starts_with("5 articles, 4 provinces, 2017-03-15 – 2019-02-01"),
        "{table}"
    );
    assert!(
        table.contains("Thừa Thiên Huế (now Huế): 1 article,"),
        "{table}"
    );
    assert!(table.contains("Bá Thước"), "{table}");

    let csv_text = run(&data, &["--format", "csv"]);
    let mut rd = csv::Reader::from_reader(csv_text.as_bytes());
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.expect("row")).collect();
    assert!(rows.iter().any(|r| &r[0] == "Điện Biên"
        && &r[2] == "figure"
        && &r[3] == "kỷ luật đảng viên"
        && &r[8] == "16"
        && r[10].is_empty()));

    let out = tmp.path().join("r.html");
    baochi(&data)
        .args(["report", "--format", "html", "-o"])
        .arg(&out)
        .assert()
        .success();
    let html = std::fs::read_to_string(&out).expect("html");
    assert!(html.contains("<h2>Cần Thơ</h2>"), "{html}");
    assert!(html.contains("<h3>Số liệu theo chỉ tiêu</h3>"), "{html}");
    assert!(
        html.contains("href=\"https://baodienbienphu.com.vn/muong-cha.html\""),
        "{html}"
    );

    let narrowed: serde_json::Value = serde_json::from_str(&run(
        &data,
        &["--format", "json", "--province", "Thanh Hoa"],
    ))
    .expect("json");
    assert_eq!(narrowed["articles"], 2);
}

#[test]
fn unknown_format_is_a_usage_error() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = baochi(tmp.path())
        .args(["report", "--format", "pdf"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
}
