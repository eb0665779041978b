//! `baochi figures`: series per indicator, unit and period, each point with its sources;
//! one point for a figure several articles give, a conflict where they disagree, parts of
//! a breakdown not points of their own, shares apart from counts.

use assert_cmd::Command;
use baochi::extract::{Article, finish};
use baochi::index::{Index, SearchRequest};
use baochi::record::Record;
use baochi::views::figures::{By, FiguresRequest, figures};

fn article(url: &str, published: &str, body: &str) -> Record {
    finish(
        Article {
            title: Some("Công tác xây dựng Đảng ở Mường Chà".into()),
            published: Some(published.into()),
            body: body.into(),
            ..Default::default()
        },
        Some(url),
    )
}

fn corpus() -> Vec<Record> {
    vec![
        article(
            "https://baodienbienphu.com.vn/a.html",
            "2018-01-10",
            "Năm 2017, huyện Mường Chà đã kết nạp 57 đảng viên mới, nâng tổng số đảng viên \
             lên 2.310 đảng viên.\n\nĐã xem xét xử lý kỷ luật đối với 16 đảng viên, với các \
             hình thức khiển trách 09, cảnh cáo 05 và khai trừ 02.",
        ),
        // Another paper restates the same figure: one point, two sources.
        article(
            "https://dangcongsan.vn/b.html",
            "2018-01-20",
            "Theo báo cáo, năm 2017, huyện Mường Chà kết nạp 57 đảng viên mới, vượt chỉ tiêu \
             đề ra cho cả nhiệm kỳ đại hội.",
        ),
        // A third gives another value: a conflict, never a sum.
        article(
            "https://baodienbienphu.com.vn/c.html",
            "2018-02-01",
            "Trong năm 2017, huyện Mường Chà kết nạp được 59 đảng viên mới theo số liệu của \
             Ban Tổ chức Huyện ủy gửi về tỉnh.",
        ),
        article(
            "https://baodienbienphu.com.vn/d.html",
            "2018-02-03",
            "Năm 2017, huyện Tuần Giáo có 85,5% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ, \
             có 120 tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trên địa bàn huyện.",
        ),
    ]
}

fn index_of(recs: &[Record], dir: &std::path::Path) -> Index {
    let index = Index::create_or_open(dir).expect("index");
    let mut w = index.writer_with(1, 15 << 20).expect("writer");
    for r in recs {
        w.upsert(r).expect("upsert");
    }
    w.commit().expect("commit");
    index.reload().expect("reload");
    index
}

#[test]
fn one_point_per_figure_with_its_sources_and_conflicts_side_by_side() {
    let tmp = tempfile::tempdir().expect("tmp");
    let index = index_of(&corpus(), &tmp.path().join("index"));
    let req = FiguresRequest {
        indicator: Some("KẾT NẠP ĐẢNG VIÊN MỚI".into()),
        ..Default::default()
    };
    let points = figures(&index, &req).expect("figures");
    assert_eq!(points.len(), 1, "{points:#?}");
    let p = &points[0];
    assert_eq!(p.indicator, "kết nạp đảng viên mới");
    assert_eq!(p.unit.as_deref(), Some("Mường Chà"));
    assert_eq!(p.period.as_deref(), Some("2017"));
    assert_eq!(p.values, vec![57.0, 59.0], "the most given first");
    assert!(p.conflict);
    assert_eq!(p.sources.len(), 3);
    assert!(p.sources.iter().all(|s| s.sentence.contains("Mường Chà")));

    // Parts of a breakdown are not points; shares and counts stand apart.
    let all = figures(&index, &FiguresRequest::default()).expect("figures");
    let discipline: Vec<_> = all
        .iter()
        .filter(|p| p.indicator == "kỷ luật đảng viên")
        .collect();
    assert_eq!(discipline.len(), 1);
    assert_eq!(discipline[0].values, vec![16.0]);
    let good: Vec<_> = all
        .iter()
        .filter(|p| p.indicator == "tổ chức đảng hoàn thành tốt nhiệm vụ")
        .map(|p| (p.kind, p.values.clone()))
        .collect();
    assert_eq!(good, vec![("count", vec![120.0]), ("rate", vec![85.5])]);
}

#[test]
fn grouped_by_province_after_the_merger_and_filtered_by_the_search() {
    let tmp = tempfile::tempdir().expect("tmp");
    let index = index_of(&corpus(), &tmp.path().join("index"));
    let req = FiguresRequest {
        indicator: Some("kết nạp đảng viên mới".into()),
        by: By::ProvinceNow,
        search: SearchRequest {
            from: Some("2018-01-15".into()),
            ..Default::default()
        },
    };
    let points = figures(&index, &req).expect("figures");
    assert_eq!(points.len(), 1);
    assert_eq!(points[0].unit.as_deref(), Some("Điện Biên"));
    assert_eq!(points[0].sources.len(), 2, "the filter keeps two articles");
}

#[test]
fn an_unknown_indicator_names_the_closest() {
    let tmp = tempfile::tempdir().expect("tmp");
    let index = index_of(&corpus(), &tmp.path().join("index"));
    let err = figures(
        &index,
        &FiguresRequest {
            indicator: Some("ket nap".into()),
            ..Default::default()
        },
    )
    .expect_err("unknown");
    assert!(
        err.to_string().contains("closest: kết nạp đảng viên mới"),
        "{err}"
    );
}

#[test]
fn the_points_come_from_the_statistics_table() {
    // Every point's value is a whole figure of the statistics export with its indicator.
    let tmp = tempfile::tempdir().expect("tmp");
    let recs = corpus();
    let index = index_of(&recs, &tmp.path().join("index"));
    let points = figures(&index, &FiguresRequest::default()).expect("figures");
    for p in &points {
        for s in &p.sources {
            let rec = recs.iter().find(|r| r.id() == s.id).expect("article");
            assert!(
                rec.entities
                    .statistics
                    .iter()
                    .any(|x| x.indicator.as_deref() == Some(p.indicator.as_str())
                        && x.part_of.is_none()
                        && x.value == s.value),
                "{} {}",
                p.indicator,
                s.value
            );
        }
    }
    let wholes = recs
        .iter()
        .flat_map(|r| &r.entities.statistics)
        .filter(|x| x.indicator.is_some() && x.part_of.is_none())
        .count();
    let sourced: usize = points.iter().map(|p| p.sources.len()).sum();
    assert_eq!(sourced, wholes);
}

#[test]
fn the_command_writes_typed_parquet_csv_and_a_table() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    drop(index_of(&corpus(), &data.join("index")));
    let out = tmp.path().join("f.parquet");
    Command::cargo_bin("baochi")
        .expect("bin")
        .args(["--data"])
        .arg(&data)
        .args(["figures", "--format", "parquet", "-o"])
        .arg(&out)
        .assert()
        .success();
    use parquet::basic::Type as Physical;
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let reader = SerializedFileReader::new(std::fs::File::open(&out).expect("file")).expect("pq");
    let schema = reader.metadata().file_metadata().schema_descr();
    let ty = |name: &str| {
        (0..schema.num_columns())
            .map(|i| schema.column(i))
            .find(|c| c.path().parts()[0] == name)
            .map(|c| c.physical_type())
    };
    assert_eq!(ty("value"), Some(Physical::DOUBLE));
    assert_eq!(ty("from"), Some(Physical::INT32));
    assert_eq!(ty("year"), Some(Physical::INT64));
    assert_eq!(ty("conflict"), Some(Physical::BOOLEAN));
    assert!(reader.metadata().file_metadata().num_rows() >= 4);

    let csv = Command::cargo_bin("baochi")
        .expect("bin")
        .args(["--data"])
        .arg(&data)
        .args([
            "figures",
            "--format",
            "csv",
            "--indicator",
            "kết nạp đảng viên mới",
        ])
        .output()
        .expect("run");
    let text = String::from_utf8(csv.stdout).expect("utf-8");
    let mut rd = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][0], "kết nạp đảng viên mới");
    assert_eq!(&rows[0][11], "57; 59");
    assert_eq!(&rows[0][12], "true");
    // The same points as an export table.
    let exported = Command::cargo_bin("baochi")
        .expect("bin")
        .args(["--data"])
        .arg(&data)
        .args(["export", "--table", "figures", "--format", "csv"])
        .output()
        .expect("run");
    assert!(
        exported.status.success(),
        "{}",
        String::from_utf8_lossy(&exported.stderr)
    );
    let all = Command::cargo_bin("baochi")
        .expect("bin")
        .args(["--data"])
        .arg(&data)
        .args(["figures", "--format", "csv"])
        .output()
        .expect("run");
    assert_eq!(exported.stdout, all.stdout);

    let table = Command::cargo_bin("baochi")
        .expect("bin")
        .args(["--data"])
        .arg(&data)
        .args(["figures", "--indicator", "ket nap"])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&table.get_output().stderr).to_string();
    assert!(err.contains("closest"), "{err}");
}

#[test]
fn an_index_without_figures_gives_an_empty_table() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    let rec = article(
        "https://baodienbienphu.com.vn/e.html",
        "2018-01-10",
        "Hội nghị diễn ra trang trọng, các đại biểu thảo luận sôi nổi về công tác cán bộ.",
    );
    drop(index_of(&[rec], &data.join("index")));
    let out = Command::cargo_bin("baochi")
        .expect("bin")
        .arg("--data")
        .arg(&data)
        .args(["figures", "--format", "csv"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(text.lines().count(), 1, "the header alone: {text}");
    let file = tmp.path().join("empty.parquet");
    Command::cargo_bin("baochi")
        .expect("bin")
        .arg("--data")
        .arg(&data)
        .args(["figures", "--format", "parquet", "-o"])
        .arg(&file)
        .assert()
        .success();
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let reader = SerializedFileReader::new(std::fs::File::open(&file).expect("file")).expect("pq");
    assert_eq!(reader.metadata().file_metadata().num_rows(), 0);
}
