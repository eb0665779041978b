use super::*;
use crate::record::{DateMention, Document, Entities, Locality, Official, Span, Statistic};
use parquet::basic::{LogicalType, Type as Physical};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::{Field, ListAccessor, Row, RowAccessor};

fn span(body: &str, needle: &str) -> Span {
    let b = body.find(needle).unwrap();
    Span::from_bytes(body, b, b + needle.len())
}

/// A record with one entity of each kind, offsets true to its body.
pub(crate) fn sample(n: usize) -> Record {
    let body = format!(
        "Ngày 16/1/2012, Ban Chấp hành ban hành Nghị quyết số 12-NQ/TW. \
         Đồng chí Tạ Ngọc Phước, Bí thư Thị ủy Hương Trà, cho biết năm 2017 kết nạp {} đảng viên mới, \"đạt\" 22,06%.",
        150 + n
    );
    let figure = format!("{} đảng viên", 150 + n);
    Record {
        url: Some(format!("https://baotest.vn/bai-{n}.html")),
        source: Some("baotest.vn".into()),
        title: Some(format!("Bài số {n}, \"trích dẫn\"")),
        published: Some("2017-11-05T08:30:00+07:00".into()),
        author: None,
        province: Some("Thừa Thiên Huế".into()),
        province_now: Some("Huế".into()),
        entities: Entities {
            documents: vec![Document {
                kind: "nghị quyết".into(),
                number: Some("12".into()),
                code: Some("NQ".into()),
                issuer: Some("TW".into()),
                conference: Some(4),
                term: Some("XI".into()),
                date: Some("2012-01-16".into()),
                canonical: Some("12-NQ/TW".into()),
                span: span(&body, "Nghị quyết số 12-NQ/TW"),
            }],
            dates: vec![DateMention {
                value: "2012-01-16".into(),
                until: None,
                span: span(&body, "16/1/2012"),
            }],
            officials: vec![Official {
                name: "Tạ Ngọc Phước".into(),
                titles: vec!["Bí thư Thị ủy Hương Trà".into(), "x; y".into()],
                span: span(&body, "Tạ Ngọc Phước"),
            }],
            localities: vec![Locality {
                name: "Hương Trà".into(),
                level: Some("thị xã".into()),
                province: "Thừa Thiên Huế".into(),
                code: None,
                span: span(&body, "Hương Trà"),
            }],
            statistics: vec![
                Statistic {
                    value: (150 + n) as f64,
                    unit: "đảng viên".into(),
                    subject: None,
                    year: Some("2017".into()),
                    span: span(&body, &figure),
                    ..Default::default()
                },
                Statistic {
                    value: 22.06,
                    unit: "%".into(),
                    subject: Some("tổ chức cơ sở đảng trong sạch vững mạnh".into()),
                    year: None,
                    span: span(&body, "22,06%"),
                    ..Default::default()
                },
            ],
        },
        body,
        ..Record::default()
    }
}

fn file_of(bytes: &[u8]) -> std::fs::File {
    let mut f = tempfile::tempfile().unwrap();
    f.write_all(bytes).unwrap();
    f
}

fn export(table: Table, format: Format, recs: &[Record]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut ex = Exporter::new(table, format, &mut out).unwrap();
    for r in recs {
        ex.write_record(&r.id(), r).unwrap();
    }
    let n = ex.finish().unwrap();
    let want: usize = recs.iter().map(|r| rows(table, &r.id(), r).len()).sum();
    assert_eq!(n as usize, want);
    out
}

#[test]
fn names_parse_and_unknown_ones_are_errors() {
    for t in Table::ALL {
        assert_eq!(t.name().parse::<Table>().unwrap(), t);
    }
    assert_eq!("people".parse::<Table>().unwrap(), Table::People);
    assert!(
        "persons"
            .parse::<Table>()
            .unwrap_err()
            .to_string()
            .contains("persons")
    );
    assert_eq!("parquet".parse::<Format>().unwrap(), Format::Parquet);
    assert!("xlsx".parse::<Format>().is_err());
}

#[test]
fn date32_reads_every_precision() {
    assert_eq!(date32("1970-01-01"), Some(0));
    assert_eq!(date32("1970-01-02T08:00:00+07:00"), Some(1));
    assert_eq!(date32("1970-02"), Some(31));
    assert_eq!(date32("1971"), Some(365));
    assert_eq!(date32("2012-02-30"), None);
    assert_eq!(date32("12/1/2012"), None);
    assert_eq!(date32(""), None);
}

#[test]
fn entity_rows_carry_the_article_and_the_sentence() {
    let r = sample(7);
    let rows = rows(Table::Statistics, &r.id(), &r);
    assert_eq!(rows.len(), 2);
    let cols = Table::Statistics.columns();
    let at = |name: &str| cols.iter().position(|c| c.name == name).unwrap();
    assert_eq!(rows[0][at("url")], Value::Text(r.url.clone()));
    assert_eq!(rows[0][at("value")], Value::Float(157.0));
    let sentence = match &rows[0][at("sentence")] {
        Value::Text(Some(s)) => s.clone(),
        v => panic!("{v:?}"),
    };
    assert!(sentence.starts_with("Đồng chí Tạ Ngọc Phước"), "{sentence}");
    assert!(sentence.ends_with("22,06%."), "{sentence}");
    // Offsets are code points: the text column is what they cut from the body.
    let chars: Vec<char> = r.body.chars().collect();
    let Value::Int(Some(s)) = rows[1][at("start")] else {
        panic!()
    };
    let Value::Int(Some(e)) = rows[1][at("end")] else {
        panic!()
    };
    let cut: String = chars[s as usize..e as usize].iter().collect();
    assert_eq!(cut, "22,06%");
}

#[test]
fn csv_reads_back_with_quotes_and_vietnamese() {
    let recs: Vec<Record> = (0..3).map(sample).collect();
    for table in Table::ALL {
        let out = export(table, Format::Csv, &recs);
        let mut rd = csv::Reader::from_reader(out.as_slice());
        let header: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
        let names: Vec<&str> = table.columns().iter().map(|c| c.name).collect();
        assert_eq!(header, names);
        let got: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
        let want: Vec<Vec<Value>> = recs.iter().flat_map(|r| rows(table, &r.id(), r)).collect();
        assert_eq!(got.len(), want.len(), "{table}");
        for (g, w) in got.iter().zip(&want) {
            for (i, v) in w.iter().enumerate() {
                let expect = match v {
                    Value::Text(s) | Value::Date(s) => s.clone().unwrap_or_default(),
                    Value::Int(n) => n.map(|n| n.to_string()).unwrap_or_default(),
                    Value::Float(f) => float_text(*f),
                    Value::List(l) => l.join("; "),
                    Value::Bool(b) => b.map(|b| b.to_string()).unwrap_or_default(),
                };
                assert_eq!(&g[i], expect, "{table}.{}", names[i]);
            }
        }
    }
    let out = String::from_utf8(export(Table::Articles, Format::Csv, &recs[..1])).unwrap();
    assert!(out.contains("\"Bài số 0, \"\"trích dẫn\"\"\""), "{out}");
    assert!(out.contains("\r\n"));
}

#[test]
fn jsonl_reads_back_typed() {
    let recs: Vec<Record> = (0..2).map(sample).collect();
    let out = String::from_utf8(export(Table::Officials, Format::Jsonl, &recs)).unwrap();
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["name"], "Tạ Ngọc Phước");
    assert_eq!(lines[0]["titles"][1], "x; y");
    assert_eq!(lines[0]["province_now"], "Huế");
    assert_eq!(lines[0]["published"], "2017-11-05T08:30:00+07:00");
    let st = String::from_utf8(export(Table::Statistics, Format::Jsonl, &recs)).unwrap();
    let first: serde_json::Value = serde_json::from_str(st.lines().nth(1).unwrap()).unwrap();
    assert_eq!(first["value"], 22.06);
    assert!(first["year"].is_null());
    assert_eq!(
        first["start"].as_u64(),
        Some(recs[0].entities.statistics[1].span.start as u64)
    );
}

/// The rows of a Parquet file, read back with the parquet crate's record reader.
fn parquet_rows(bytes: &[u8]) -> (SerializedFileReader<std::fs::File>, Vec<Row>) {
    let reader = SerializedFileReader::new(file_of(bytes)).unwrap();
    let rows = reader
        .get_row_iter(None)
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    (reader, rows)
}

/// The day of a DATE cell.
fn date_at(row: &Row, i: usize) -> i32 {
    match row.get_column_iter().nth(i).map(|(_, f)| f) {
        Some(Field::Date(d)) => *d,
        other => panic!("not a date: {other:?}"),
    }
}

/// The index of column `name` in `table`.
fn col(table: Table, name: &str) -> usize {
    table.columns().iter().position(|c| c.name == name).unwrap()
}

#[test]
fn parquet_reads_back_typed_across_row_groups() {
    // More rows than one row group, so the group boundary is exercised.
    let recs: Vec<Record> = (0..ROW_GROUP_ROWS / 2 + 10).map(sample).collect();
    let out = export(Table::Statistics, Format::Parquet, &recs);
    let (reader, rows) = parquet_rows(&out);
    assert_eq!(reader.metadata().num_row_groups(), 2);
    let schema = reader.metadata().file_metadata().schema_descr();
    let t = Table::Statistics;
    let value = schema.column(col(t, "value"));
    assert_eq!(value.physical_type(), Physical::DOUBLE);
    let published = schema.column(col(t, "published"));
    assert_eq!(published.physical_type(), Physical::INT32);
    assert_eq!(published.logical_type_ref(), Some(&LogicalType::Date));
    assert_eq!(rows.len(), recs.len() * 2);
    for (n, row) in rows.iter().enumerate() {
        let rec = &recs[n / 2];
        let st = &rec.entities.statistics[n % 2];
        assert_eq!(row.get_double(col(t, "value")).unwrap(), st.value);
        assert_eq!(row.get_string(col(t, "unit")).unwrap(), &st.unit);
        assert_eq!(row.get_long(col(t, "start")).unwrap(), st.span.start as i64);
        assert_eq!(
            row.get_string(col(t, "url")).unwrap(),
            rec.url.as_deref().unwrap()
        );
        assert_eq!(
            Some(date_at(row, col(t, "published"))),
            date32("2017-11-05")
        );
    }
}

#[test]
fn parquet_row_groups_close_early_on_long_text() {
    let mut big = sample(1);
    big.body = format!("{}{}", big.body, " x".repeat(ROW_GROUP_BYTES / 2 + 1));
    let out = export(
        Table::Articles,
        Format::Parquet,
        &[big.clone(), big.clone(), big],
    );
    let (reader, rows) = parquet_rows(&out);
    assert_eq!(rows.len(), 3);
    assert!(reader.metadata().num_row_groups() >= 2);
}

#[test]
fn parquet_lists_dates_and_nulls() {
    let mut recs = vec![sample(1)];
    recs[0].published = None;
    let mut no_titles = sample(3);
    for o in &mut no_titles.entities.officials {
        o.titles.clear();
    }
    recs.push(no_titles);
    let t = Table::Officials;
    let out = export(t, Format::Parquet, &recs);
    let (_, rows) = parquet_rows(&out);
    let titles = rows[0].get_list(col(t, "titles")).unwrap();
    assert_eq!(titles.len(), 2);
    assert_eq!(titles.get_string(0).unwrap(), "Bí thư Thị ủy Hương Trà");
    assert_eq!(titles.get_string(1).unwrap(), "x; y");
    let published = rows[0].get_column_iter().nth(col(t, "published")).unwrap();
    assert_eq!(published.1, &Field::Null);
    assert_eq!(rows[1].get_list(col(t, "titles")).unwrap().len(), 0);
    let t = Table::Documents;
    let out = export(t, Format::Parquet, &[sample(2)]);
    let (_, rows) = parquet_rows(&out);
    assert_eq!(
        Some(date_at(&rows[0], col(t, "date"))),
        date32("2012-01-16")
    );
    assert_eq!(rows[0].get_long(col(t, "conference")).unwrap(), 4);
}
