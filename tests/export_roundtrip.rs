//! `baochi export` end to end: index fixture articles, export every table in every format
//! with the binary, read each file back (csv crate, serde_json, parquet) and compare
//! with what the index holds.

mod serve_common;

use assert_cmd::Command;
use baochi::export::{Table, Value, date32, rows};
use baochi::index::{Index, SearchRequest};
use parquet::basic::{LogicalType, Type as Physical};
use parquet::file::reader::{FileReader, SerializedFileReader};
use std::path::Path;

fn baochi(data: &Path) -> Command {
    let mut c = Command::cargo_bin("baochi").expect("binary");
    c.arg("--data").arg(data);
    c
}

/// The rows the index should give for `table`, in the index's order.
fn expected(index: &Index, req: Option<&SearchRequest>, table: Table) -> Vec<Vec<Value>> {
    if table == Table::People {
        // An aggregate: the people view's rows, narrowed by province only.
        let pr = baochi::views::people::PeopleRequest {
            province: req.and_then(|r| r.province.clone()),
            name: None,
        };
        return baochi::views::people::people(index, &pr)
            .expect("people")
            .iter()
            .map(baochi::export::person_row)
            .collect();
    }
    let mut out = Vec::new();
    index
        .for_each_record(req, &mut |id, rec| {
            out.extend(rows(table, id, &rec));
            Ok(())
        })
        .expect("walk");
    out
}

fn as_text(v: &Value) -> String {
    match v {
        Value::Text(s) | Value::Date(s) => s.clone().unwrap_or_default(),
        Value::Int(n) => n.map(|n| n.to_string()).unwrap_or_default(),
        Value::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        Value::Float(f) => f.to_string(),
        Value::List(l) => l.join("; "),
        Value::Bool(b) => b.map(|b| b.to_string()).unwrap_or_default(),
    }
}

fn as_json(v: &Value) -> serde_json::Value {
    match v {
        Value::Text(s) | Value::Date(s) => s.clone().map_or(serde_json::Value::Null, Into::into),
        Value::Int(n) => n.map_or(serde_json::Value::Null, Into::into),
        Value::Float(f) => (*f).into(),
        Value::List(l) => l.clone().into(),
        Value::Bool(b) => b.map_or(serde_json::Value::Null, Into::into),
    }
}

fn expected_parquet(v: &Value) -> serde_json::Value {
    match v {
        Value::Date(s) => s
            .as_deref()
            .and_then(date32)
            .map_or(serde_json::Value::Null, Into::into),
        other => as_json(other),
    }
}

fn check_table(
    data: &Path,
    index: &Index,
    table: Table,
    extra: &[&str],
    req: Option<&SearchRequest>,
) {
    let want = expected(index, req, table);
    let cols = table.columns();
    let dir = tempfile::tempdir().expect("tmp");

    // CSV
    let path = dir.path().join("t.csv");
    baochi(data)
        .args(["export", "--table", table.name(), "--format", "csv", "-o"])
        .arg(&path)
        .args(extra)
        .assert()
        .success();
    let mut rd = csv::Reader::from_path(&path).expect("csv");
    let header: Vec<String> = rd
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(header, cols.iter().map(|c| c.name).collect::<Vec<_>>());
    let got: Vec<csv::StringRecord> = rd.records().map(|r| r.expect("row")).collect();
    assert_eq!(got.len(), want.len(), "{table} csv rows");
    for (g, w) in got.iter().zip(&want) {
        for (i, v) in w.iter().enumerate() {
            assert_eq!(&g[i], as_text(v), "{table}.{} csv", cols[i].name);
        }
    }

    // JSON Lines, to standard output
    let out = baochi(data)
        .args(["export", "--table", table.name(), "--format", "jsonl"])
        .args(extra)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), want.len(), "{table} jsonl rows");
    for (g, w) in lines.iter().zip(&want) {
        for (c, v) in cols.iter().zip(w) {
            assert_eq!(g[c.name], as_json(v), "{table}.{} jsonl", c.name);
        }
    }

    // Parquet
    let path = dir.path().join("t.parquet");
    baochi(data)
        .args([
            "export",
            "--table",
            table.name(),
            "--format",
            "parquet",
            "-o",
        ])
        .arg(&path)
        .args(extra)
        .assert()
        .success();
    let meta = SerializedFileReader::new(std::fs::File::open(&path).expect("parquet file"))
        .expect("parquet");
    let schema = meta.metadata().file_metadata().schema_descr();
    for (i, c) in cols.iter().enumerate() {
        let top = schema.column(i).path().parts()[0].clone();
        assert_eq!(top, c.name, "{table} parquet column {i}");
        if c.name == "for_from_text" {
            assert_eq!(schema.column(i).physical_type(), Physical::BOOLEAN);
        }
        if c.name == "published" {
            assert_eq!(schema.column(i).physical_type(), Physical::INT32);
            assert_eq!(
                schema.column(i).logical_type_ref(),
                Some(&LogicalType::Date)
            );
        }
    }
    let got = serve_common::parquet_cells(std::fs::File::open(&path).expect("parquet file"));
    let n = got.len();
    for (r, (g, w)) in got.iter().zip(&want).enumerate() {
        for (i, c) in cols.iter().enumerate() {
            assert_eq!(
                g[i],
                expected_parquet(&w[i]),
                "{table}.{} parquet row {r}",
                c.name
            );
        }
    }
    assert_eq!(n, want.len(), "{table} parquet rows");
    if has_pyarrow() {
        assert_eq!(
            pyarrow_cells(&path),
            got,
            "{table}: pyarrow reads what parquet reads"
        );
    }
}

/// Whether pyarrow (what pandas reads Parquet with) is installed; CI installs it, so there
/// its absence is a failure rather than a skip.
fn has_pyarrow() -> bool {
    let ok = std::process::Command::new("python3")
        .args(["-c", "import pyarrow.parquet"])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok || std::env::var_os("CI").is_none(),
        "CI must have pyarrow (.ci/run installs it)"
    );
    ok
}

/// The file read by pyarrow, cells as `parquet_cells` gives them (dates as days since 1970).
fn pyarrow_cells(path: &Path) -> Vec<Vec<serde_json::Value>> {
    let script = r#"
import sys, json, datetime
import pyarrow.parquet as pq
t = pq.read_table(sys.argv[1])
epoch = datetime.date(1970, 1, 1)
def cell(v):
    return (v - epoch).days if isinstance(v, datetime.date) else v
for row in t.to_pylist():
    print(json.dumps([cell(v) for v in row.values()], ensure_ascii=False))
"#;
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(path)
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "pyarrow failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect()
}

#[test]
fn every_table_in_every_format_reads_back_as_the_index_holds_it() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    let index = serve_common::index_into(&data.join("index"), &serve_common::articles());
    for table in Table::ALL.into_iter().chain([Table::People]) {
        check_table(&data, &index, table, &[], None);
    }
    let people = expected(&index, None, Table::People);
    assert!(!people.is_empty(), "the fixtures name people");
    // Entity tables really have rows, and sentences come from the body.
    let st = expected(&index, None, Table::Statistics);
    assert_eq!(st.len(), 4);
    assert!(st.iter().any(|r| r.iter().any(|v| matches!(v,
        Value::Text(Some(s)) if s.starts_with("Đồng chí Tạ Ngọc Phước") && s.ends_with("tiêu biểu.")))));
}

#[test]
fn query_and_filters_select_the_articles() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    let index = serve_common::index_into(&data.join("index"), &serve_common::articles());
    let req = SearchRequest {
        query: "nghi quyet trung uong 4".into(),
        limit: usize::MAX,
        ..SearchRequest::default()
    };
    let docs = expected(&index, Some(&req), Table::Documents);
    assert!(!docs.is_empty() && docs.len() < expected(&index, None, Table::Articles).len() + 1);
    check_table(
        &data,
        &index,
        Table::Documents,
        &["--query", "nghi quyet trung uong 4"],
        Some(&req),
    );

    let req = SearchRequest {
        province: Some("Thanh Hoa".into()),
        limit: usize::MAX,
        ..SearchRequest::default()
    };
    let arts = expected(&index, Some(&req), Table::Articles);
    assert_eq!(arts.len(), 2, "the two Thanh Hóa articles");
    check_table(
        &data,
        &index,
        Table::Articles,
        &["--province", "Thanh Hoa"],
        Some(&req),
    );
}

#[test]
fn bad_usage_and_missing_index_are_clear() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("nothing");
    let out = baochi(&data)
        .args(["export", "--table", "persons"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let out = baochi(&data)
        .args(["export", "--table", "dates"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("baochi: no index at"), "{err}");
    let out = baochi(&data)
        .args(["export", "--table", "dates", "-o"])
        .arg(tmp.path().join("no/such/dir/x.csv"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn plain_text_articles_indexed_by_the_binary_export_as_articles() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).expect("mkdir");
    std::fs::write(
        input.join("a.txt"),
        "Đảng bộ huyện Bá Thước học tập Nghị quyết Trung ương 4 khóa XII.",
    )
    .expect("write");
    std::fs::write(
        input.join("b.txt"),
        "Tỉnh ủy Thanh Hóa kết nạp 157 đảng viên mới.",
    )
    .expect("write");
    let data = tmp.path().join("data");
    baochi(&data).arg("index").arg(&input).assert().success();
    let out = baochi(&data)
        .args(["export", "--table", "articles", "--format", "jsonl"])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let bodies: Vec<String> = text
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("json")["body"]
                .as_str()
                .unwrap_or("")
                .to_string()
        })
        .collect();
    assert_eq!(bodies.len(), 2);
    assert!(bodies.iter().any(|b| b.contains("157 đảng viên")));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("exported 2 rows of articles"), "{err}");
}
