//! Fixtures shared by the export, report, serve and browser tests: a handful of articles
//! written for the tests, with entities whose offsets are true to their bodies, indexed
//! into a fresh data directory.
#![allow(dead_code)]

use baochi::index::Index;
use baochi::record::{
    DateMention, Document, Entities, Locality, Official, Record, Span, Statistic,
};
use std::path::Path;

/// The span of the first `needle` in `body` (code point offsets).
pub fn span(body: &str, needle: &str) -> Span {
    let b = body
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in body"));
    Span::from_bytes(body, b, b + needle.len())
}

fn doc(body: &str, text: &str, canonical: &str, number: &str, term: Option<&str>) -> Document {
    Document {
        kind: "nghị quyết".into(),
        number: Some(number.into()),
        code: Some("NQ".into()),
        issuer: Some("TW".into()),
        conference: Some(4),
        term: term.map(String::from),
        date: None,
        canonical: Some(canonical.into()),
        span: span(body, text),
    }
}

fn place(body: &str, name: &str, level: &str, province: &str) -> Locality {
    Locality {
        name: name.into(),
        level: Some(level.into()),
        province: province.into(),
        code: None,
        span: span(body, name),
    }
}

fn stat(
    body: &str,
    text: &str,
    value: f64,
    unit: &str,
    subject: Option<&str>,
    year: Option<&str>,
) -> Statistic {
    Statistic {
        value,
        unit: unit.into(),
        subject: subject.map(String::from),
        year: year.map(String::from),
        span: span(body, text),
        ..Default::default()
    }
}

/// Four articles in three provinces, one of them with markup in its title and body.
pub fn articles() -> Vec<Record> {
    let mut out = Vec::new();

    let body = "Thị ủy Hương Trà tổ chức hội nghị sơ kết 5 năm thực hiện Nghị quyết Trung ương 4 (khóa XI) \"Một số vấn đề cấp bách về xây dựng Đảng hiện nay\".\n\n\
                Đồng chí Tạ Ngọc Phước, Bí thư Thị ủy Hương Trà, cho biết năm 2016 toàn Đảng bộ kết nạp 157 đảng viên mới; \
                có 22,06% tổ chức cơ sở đảng đạt trong sạch vững mạnh tiêu biểu.";
    out.push(Record {
        url: Some("https://baothuathienhue.vn/huong-tra-so-ket-nghi-quyet-4.html".into()),
        source: Some("baothuathienhue.vn".into()),
        title: Some("Hương Trà sơ kết 5 năm thực hiện Nghị quyết Trung ương 4".into()),
        published: Some("2017-03-15".into()),
        author: Some("Minh Thùy".into()),
        province: Some("Thừa Thiên Huế".into()),
        province_now: Some("Huế".into()),
        entities: Entities {
            documents: vec![doc(
                body,
                "Nghị quyết Trung ương 4 (khóa XI)",
                "12-NQ/TW",
                "12",
                Some("XI"),
            )],
            dates: vec![DateMention {
                value: "2016".into(),
                until: None,
                span: span(body, "năm 2016"),
            }],
            officials: vec![Official {
                name: "Tạ Ngọc Phước".into(),
                titles: vec!["Bí thư Thị ủy Hương Trà".into()],
                span: span(body, "Tạ Ngọc Phước"),
            }],
            localities: vec![place(body, "Hương Trà", "thị xã", "Thừa Thiên Huế")],
            statistics: vec![
                stat(
                    body,
                    "157 đảng viên",
                    157.0,
                    "đảng viên",
                    None,
                    Some("2016"),
                ),
                stat(
                    body,
                    "22,06%",
                    22.06,
                    "%",
                    Some("tổ chức cơ sở đảng trong sạch vững mạnh tiêu biểu"),
                    Some("2016"),
                ),
            ],
        },
        body: body.to_string(),
        ..Record::default()
    });

    let body = "Ban Thường vụ Tỉnh ủy Thanh Hóa kiểm điểm việc thực hiện Nghị quyết số 04-NQ/TW khóa XII về tăng cường xây dựng, chỉnh đốn Đảng.\n\n\
                Huyện Bá Thước đã xử lý kỷ luật 12 đảng viên trong năm 2018.";
    out.push(Record {
        url: Some("https://baothanhhoa.vn/kiem-diem-nghi-quyet-04.html".into()),
        source: Some("baothanhhoa.vn".into()),
        title: Some("Thanh Hóa kiểm điểm thực hiện Nghị quyết 04-NQ/TW".into()),
        published: Some("2019-01-10T09:15:00+07:00".into()),
        author: None,
        province: Some("Thanh Hóa".into()),
        province_now: Some("Thanh Hóa".into()),
        entities: Entities {
            documents: vec![doc(
                body,
                "Nghị quyết số 04-NQ/TW",
                "04-NQ/TW",
                "4",
                Some("XII"),
            )],
            dates: vec![DateMention {
                value: "2018".into(),
                until: None,
                span: span(body, "năm 2018"),
            }],
            officials: vec![],
            localities: vec![
                place(body, "Thanh Hóa", "tỉnh", "Thanh Hóa"),
                place(body, "Bá Thước", "huyện", "Thanh Hóa"),
            ],
            statistics: vec![stat(
                body,
                "12 đảng viên",
                12.0,
                "đảng viên",
                Some("bị kỷ luật"),
                Some("2018"),
            )],
        },
        body: body.to_string(),
        ..Record::default()
    });

    let body = "Thành ủy Cần Thơ triển khai Nghị quyết Trung ương 4 khóa XII đến cán bộ chủ chốt; quận Ninh Kiều kết nạp 45 đảng viên.";
    out.push(Record {
        url: Some("https://baocantho.com.vn/trien-khai-nghi-quyet.html".into()),
        source: Some("baocantho.com.vn".into()),
        title: Some("Cần Thơ triển khai Nghị quyết Trung ương 4".into()),
        published: Some("2017-09-02".into()),
        author: None,
        province: Some("Cần Thơ".into()),
        province_now: Some("Cần Thơ".into()),
        entities: Entities {
            documents: vec![doc(
                body,
                "Nghị quyết Trung ương 4 khóa XII",
                "04-NQ/TW",
                "4",
                Some("XII"),
            )],
            localities: vec![place(body, "Ninh Kiều", "quận", "Cần Thơ")],
            statistics: vec![stat(body, "45 đảng viên", 45.0, "đảng viên", None, None)],
            ..Entities::default()
        },
        body: body.to_string(),
        ..Record::default()
    });

    let body = "Bài viết có <script>alert('xss')</script> và <b>thẻ</b> & ký tự \"lạ\" về công tác cán bộ ở Thanh Hóa.";
    out.push(Record {
        url: Some("https://baothanhhoa.vn/bai-la.html".into()),
        source: Some("baothanhhoa.vn".into()),
        title: Some("<img src=x onerror=alert(1)> công tác cán bộ".into()),
        published: Some("2019-02-01".into()),
        author: None,
        province: Some("Thanh Hóa".into()),
        province_now: Some("Thanh Hóa".into()),
        entities: Entities {
            localities: vec![place(body, "Thanh Hóa", "tỉnh", "Thanh Hóa")],
            ..Entities::default()
        },
        body: body.to_string(),
        ..Record::default()
    });
    out
}

/// The first of [`articles`] reprinted by another paper five days later, with that paper's
/// chrome around it: folded under the first.
pub fn reprint_of_first() -> Record {
    let mut r = articles().remove(0);
    r.url = Some("https://dangcongsan.vn/xay-dung-dang/huong-tra-so-ket.html".into());
    r.source = Some("dangcongsan.vn".into());
    r.title = Some("Thị xã Hương Trà sơ kết Nghị quyết Trung ương 4".into());
    r.published = Some("2017-03-20".into());
    r.body = format!(
        "{}\n\nTin liên quan: Bình luận (0) | Chia sẻ | In bài",
        r.body
    );
    r
}

/// An article as `extract` makes it, with figures carrying their indicators: Mường Chà's
/// members admitted, and discipline broken down by form.
pub fn figures_article() -> Record {
    baochi::extract::finish(
        baochi::extract::Article {
            title: Some("Mường Chà sơ kết công tác xây dựng Đảng".into()),
            published: Some("2018-01-10".into()),
            body: "Năm 2017, huyện Mường Chà đã kết nạp 57 đảng viên mới.\n\nĐã xem xét xử lý \
                   kỷ luật đối với 16 đảng viên, với các hình thức khiển trách 09, cảnh cáo 05 \
                   và khai trừ 02."
                .into(),
            ..Default::default()
        },
        Some("https://baodienbienphu.com.vn/muong-cha.html"),
    )
}

/// Writes `recs` into the index in `dir` (created).
pub fn index_into(dir: &Path, recs: &[Record]) -> Index {
    let index = Index::create_or_open(dir).expect("index");
    let mut w = index.writer_with(1, 15 << 20).expect("writer");
    for r in recs {
        w.upsert(r).expect("upsert");
    }
    w.commit().expect("commit");
    index.reload().expect("reload");
    index
}

/// A running server on a free loopback port, over `index`; stops when dropped.
pub struct TestServer {
    /// `http://127.0.0.1:PORT`
    pub base: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl TestServer {
    /// Starts the router on the current tokio runtime.
    pub async fn start(index: Index, cfg: baochi::serve::ServeConfig) -> TestServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let app = baochi::serve::router(std::sync::Arc::new(index), cfg);
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(baochi::serve::serve(listener, app, async move {
            let _ = rx.await;
        }));
        TestServer {
            base: format!("http://{addr}"),
            stop: Some(tx),
        }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
    }
}

/// The cells of a Parquet file, row by row, as JSON: strings, integers, floats, dates as
/// days since 1970 (Parquet DATE), lists as arrays, nulls as null. Read with the parquet
/// crate's record reader, independently of how baochi writes.
pub fn parquet_cells(file: std::fs::File) -> Vec<Vec<serde_json::Value>> {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;
    fn cell(f: &Field) -> serde_json::Value {
        match f {
            Field::Null => serde_json::Value::Null,
            Field::Bool(b) => (*b).into(),
            Field::Str(s) => s.as_str().into(),
            Field::Long(n) => (*n).into(),
            Field::Double(x) => (*x).into(),
            Field::Date(d) => (*d).into(),
            Field::ListInternal(l) => l.elements().iter().map(cell).collect::<Vec<_>>().into(),
            other => panic!("unexpected Parquet cell {other:?}"),
        }
    }
    let reader = SerializedFileReader::new(file).expect("parquet");
    reader
        .get_row_iter(None)
        .expect("rows")
        .map(|r| {
            r.expect("row")
                .get_column_iter()
                .map(|(_, f)| cell(f))
                .collect()
        })
        .collect()
}
