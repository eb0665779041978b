//! Export: the index's records as flat tables for pandas, R or DuckDB.
//!
//! Input: records (from [`Index::for_each_record`] or anywhere else). Output: one of six
//! tables ([`Table`]) — one row per article, or one row per entity with the article's `url`,
//! `title`, `published`, `province`, `province_now` and the sentence the entity stands in —
//! as CSV (RFC 4180, UTF-8), JSON Lines or Parquet (typed columns, Snappy).
//!
//! Rows stream: CSV and JSON Lines are written as they come, Parquet in row groups of at
//! most [`ROW_GROUP_ROWS`] rows or [`ROW_GROUP_BYTES`] of text, so memory stays flat
//! however large the index.
//!
//! ```
//! use baochi::export::{Exporter, Format, Table};
//! use baochi::record::Record;
//! let rec = Record { body: "Một câu.".into(), ..Record::default() };
//! let mut out = Vec::new();
//! let mut ex = Exporter::new(Table::Articles, Format::Csv, &mut out).unwrap();
//! ex.write_record(&rec.id(), &rec).unwrap();
//! assert_eq!(ex.finish().unwrap(), 1);
//! assert!(String::from_utf8(out).unwrap().starts_with("article_id,url,"));
//! ```

pub mod sentence;

pub use sentence::sentence_around;

use crate::index::{Index, IndexError, SearchRequest};
use crate::record::Record;
use parquet::basic::Compression;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type as ParquetType;
use std::fmt;
use std::io::Write;
use std::str::FromStr;
use std::sync::Arc;

/// Rows per Parquet row group: the rows of a group are buffered until it is written.
pub const ROW_GROUP_ROWS: usize = 32_768;
/// Bytes of text after which a row group is written early (long bodies in `articles`).
pub const ROW_GROUP_BYTES: usize = 16 << 20;

/// What can go wrong writing an export.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing to the output failed.
    #[error("write: {0}")]
    Io(#[from] std::io::Error),
    /// The CSV writer failed.
    #[error("csv: {0}")]
    Csv(#[from] csv::Error),
    /// The Parquet writer failed.
    #[error("parquet")]
    Parquet(#[from] parquet::errors::ParquetError),
    /// A table's rows do not fit the Parquet schema built for it: a bug of this tool.
    #[error("parquet: {0}")]
    Schema(&'static str),
    /// Reading the index failed.
    #[error(transparent)]
    Index(#[from] IndexError),
    /// A table or format name that does not exist.
    #[error("{0}")]
    BadName(String),
}

/// The tables an export can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// One row per article (bài báo).
    Articles,
    /// One row per cited document (văn bản).
    Documents,
    /// One row per date mention (ngày tháng).
    Dates,
    /// One row per named person (cán bộ).
    Officials,
    /// One row per administrative unit mentioned (địa danh).
    Localities,
    /// One row per reported figure (số liệu).
    Statistics,
    /// One row per person (nhân vật): the people view ([`crate::views::people`]), an
    /// aggregate over the articles rather than a row per mention.
    People,
    /// One row per point of a figure series (số liệu theo chỉ tiêu): the figures view
    /// ([`crate::views::figures`]), wholes only, a figure repeated by several articles once.
    Figures,
}

impl Table {
    /// Every table of rows per article (entity mentions), in the order the docs list them;
    /// [`Table::People`] aggregates over articles and stands apart.
    pub const ALL: [Table; 6] = [
        Table::Articles,
        Table::Documents,
        Table::Dates,
        Table::Officials,
        Table::Localities,
        Table::Statistics,
    ];

    /// The table's name as users type it.
    pub fn name(self) -> &'static str {
        match self {
            Table::Articles => "articles",
            Table::Documents => "documents",
            Table::Dates => "dates",
            Table::Officials => "officials",
            Table::Localities => "localities",
            Table::Statistics => "statistics",
            Table::People => "people",
            Table::Figures => "figures",
        }
    }

    /// The table's columns, in order.
    pub fn columns(self) -> Vec<Column> {
        use ColType::*;
        if self == Table::Figures {
            return [
                ("indicator", Text),
                ("kind", Text),
                ("unit", Text),
                ("level", Text),
                ("province", Text),
                ("period", Text),
                ("from", Date),
                ("until", Date),
                ("year", Int),
                ("measure", Text),
                ("value", Float),
                ("values", List),
                ("conflict", Bool),
                ("articles", Int),
                ("sources", List),
                ("urls", List),
                ("sentences", List),
            ]
            .into_iter()
            .map(|(n, t)| Column::new(n, t))
            .collect();
        }
        if self == Table::People {
            return [
                ("name", Text),
                ("province", Text),
                ("articles", Int),
                ("mentions", Int),
                ("titles", List),
                ("first", Date),
                ("last", Date),
            ]
            .into_iter()
            .map(|(n, t)| Column::new(n, t))
            .collect();
        }
        let mut cols = vec![
            Column::new("article_id", Text),
            Column::new("url", Text),
            Column::new("title", Text),
            Column::new("published", Date),
            Column::new("province", Text),
            Column::new("province_now", Text),
        ];
        let own: &[(&'static str, ColType)] = match self {
            Table::Articles => &[
                ("source", Text),
                ("duplicate_of", Text),
                ("author", Text),
                ("documents", Int),
                ("dates", Int),
                ("officials", Int),
                ("localities", Int),
                ("statistics", Int),
                ("body", Text),
            ],
            Table::Documents => &[
                ("kind", Text),
                ("number", Text),
                ("code", Text),
                ("issuer", Text),
                ("conference", Int),
                ("term", Text),
                ("date", Date),
                ("canonical", Text),
            ],
            Table::Dates => &[("value", Text), ("until", Text), ("first_day", Date)],
            Table::Officials => &[("name", Text), ("titles", List)],
            Table::Localities => &[
                ("name", Text),
                ("level", Text),
                ("locality_province", Text),
                ("code", Text),
            ],
            Table::Statistics => &[
                ("figure", Int),
                ("value", Float),
                ("unit", Text),
                ("subject", Text),
                ("year", Text),
                ("period_from", Text),
                ("period_until", Text),
                ("for_unit", Text),
                ("for_level", Text),
                ("for_province", Text),
                ("for_from_text", Bool),
                ("indicator", Text),
                ("part_of", Int),
            ],
            Table::People | Table::Figures => &[],
        };
        cols.extend(own.iter().map(|&(n, t)| Column::new(n, t)));
        if self != Table::Articles {
            cols.push(Column::new("text", Text));
            cols.push(Column::new("start", Int));
            cols.push(Column::new("end", Int));
            cols.push(Column::new("sentence", Text));
        }
        cols
    }

    /// The Parquet schema of the table: one leaf per column, lists in the standard
    /// three-level form pandas, R (arrow) and DuckDB read as lists of strings.
    pub fn parquet_schema(self) -> String {
        let mut s = format!("message baochi_{} {{\n", self.name());
        for c in self.columns() {
            let rep = if c.nullable() { "optional" } else { "required" };
            let leaf = match c.ty {
                ColType::Text => format!("{rep} binary {} (STRING);", c.name),
                ColType::Int => format!("{rep} int64 {};", c.name),
                ColType::Bool => format!("{rep} boolean {};", c.name),
                ColType::Float => format!("{rep} double {};", c.name),
                ColType::Date => format!("{rep} int32 {} (DATE);", c.name),
                ColType::List => format!(
                    "{rep} group {} (LIST) {{ repeated group list {{ optional binary element (STRING); }} }}",
                    c.name
                ),
            };
            s.push_str("  ");
            s.push_str(&leaf);
            s.push('\n');
        }
        s.push('}');
        s
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Table {
    type Err = ExportError;
    fn from_str(s: &str) -> Result<Table, ExportError> {
        Table::ALL
            .into_iter()
            .chain([Table::People, Table::Figures])
            .find(|t| t.name() == s)
            .ok_or_else(|| {
                ExportError::BadName(format!(
                    "unknown table {s:?}: expected articles, documents, dates, officials, localities, statistics, people or figures"
                ))
            })
    }
}

/// The file formats an export can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// RFC 4180 CSV, UTF-8, with a header row.
    Csv,
    /// One JSON object per line.
    Jsonl,
    /// Apache Parquet with typed columns, Snappy-compressed.
    Parquet,
}

impl Format {
    /// The format's name as users type it (also the file extension).
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
            Format::Parquet => "parquet",
        }
    }

    /// The MIME type to serve it with.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Jsonl => "application/x-ndjson; charset=utf-8",
            Format::Parquet => "application/vnd.apache.parquet",
        }
    }
}

impl FromStr for Format {
    type Err = ExportError;
    fn from_str(s: &str) -> Result<Format, ExportError> {
        match s {
            "csv" => Ok(Format::Csv),
            "jsonl" | "ndjson" => Ok(Format::Jsonl),
            "parquet" => Ok(Format::Parquet),
            _ => Err(ExportError::BadName(format!(
                "unknown format {s:?}: expected csv, jsonl or parquet"
            ))),
        }
    }
}

/// The type of a column, which decides its Parquet type and its JSON form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColType {
    /// UTF-8 text.
    Text,
    /// A 64-bit integer (counts, offsets, plenum numbers).
    Int,
    /// A 64-bit float (figures).
    Float,
    /// A date: the record's string in CSV and JSON, a Parquet DATE (its first day).
    Date,
    /// A list of strings: `; `-joined in CSV, an array in JSON, a LIST of strings in Parquet.
    List,
    /// True or false: `true`/`false` in CSV, a JSON boolean, a Parquet BOOLEAN.
    Bool,
}

/// A column of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Its header.
    pub name: &'static str,
    /// Its type.
    pub ty: ColType,
}

impl Column {
    fn new(name: &'static str, ty: ColType) -> Column {
        Column { name, ty }
    }

    fn nullable(&self) -> bool {
        // Offsets and entity values always exist; everything else may be null.
        !matches!(
            self.name,
            "article_id" | "start" | "end" | "text" | "figure"
        )
    }
}

/// One cell of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text or null.
    Text(Option<String>),
    /// An integer or null.
    Int(Option<i64>),
    /// A float.
    Float(f64),
    /// A date as the record writes it (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or with a time).
    Date(Option<String>),
    /// A list of strings.
    List(Vec<String>),
    /// True, false or null.
    Bool(Option<bool>),
}

impl Value {
    fn text(s: &Option<String>) -> Value {
        Value::Text(s.clone())
    }
    fn str(s: &str) -> Value {
        Value::Text(Some(s.to_string()))
    }
    fn int(n: usize) -> Value {
        Value::Int(i64::try_from(n).ok())
    }
}

/// The rows one record gives in `table`, each in the order of [`Table::columns`].
pub fn rows(table: Table, id: &str, rec: &Record) -> Vec<Vec<Value>> {
    let common = || {
        vec![
            Value::str(id),
            Value::text(&rec.url),
            Value::text(&rec.title),
            Value::Date(rec.published.clone()),
            Value::text(&rec.province),
            Value::text(&rec.province_now),
        ]
    };
    let e = &rec.entities;
    if table == Table::Articles {
        let mut row = common();
        row.extend([
            Value::text(&rec.source),
            Value::text(&rec.duplicate_of),
            Value::text(&rec.author),
            Value::int(e.documents.len()),
            Value::int(e.dates.len()),
            Value::int(e.officials.len()),
            Value::int(e.localities.len()),
            Value::int(e.statistics.len()),
            Value::str(&rec.body),
        ]);
        return vec![row];
    }
    // Code point -> byte offsets, built once per record, so cutting sentences stays linear.
    let cps = crate::record::CharIndex::new(&rec.body);
    let finish = |mut row: Vec<Value>, span: &crate::record::Span| {
        row.push(Value::str(&span.text));
        row.push(Value::int(span.start));
        row.push(Value::int(span.end));
        row.push(Value::Text(
            cps.bytes(span.start, span.end)
                .map(|(s, e)| sentence_around(&rec.body, s, e).to_string()),
        ));
        row
    };
    match table {
        Table::Articles => unreachable!("handled above"),
        Table::Documents => e
            .documents
            .iter()
            .map(|d| {
                let mut row = common();
                row.extend([
                    Value::str(&d.kind),
                    Value::text(&d.number),
                    Value::text(&d.code),
                    Value::text(&d.issuer),
                    Value::Int(d.conference.map(i64::from)),
                    Value::text(&d.term),
                    Value::Date(d.date.clone()),
                    Value::text(&d.canonical),
                ]);
                finish(row, &d.span)
            })
            .collect(),
        Table::Dates => e
            .dates
            .iter()
            .map(|d| {
                let mut row = common();
                row.extend([
                    Value::str(&d.value),
                    Value::text(&d.until),
                    Value::Date(Some(d.value.clone())),
                ]);
                finish(row, &d.span)
            })
            .collect(),
        Table::Officials => e
            .officials
            .iter()
            .map(|o| {
                let mut row = common();
                row.extend([Value::str(&o.name), Value::List(o.titles.clone())]);
                finish(row, &o.span)
            })
            .collect(),
        Table::Localities => e
            .localities
            .iter()
            .map(|l| {
                let mut row = common();
                row.extend([
                    Value::str(&l.name),
                    Value::text(&l.level),
                    Value::str(&l.province),
                    Value::text(&l.code),
                ]);
                finish(row, &l.span)
            })
            .collect(),
        Table::Statistics => e
            .statistics
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let mut row = common();
                let period = s.period.as_ref();
                let unit = s.unit_for.as_ref();
                row.extend([
                    Value::int(i),
                    Value::Float(s.value),
                    Value::str(&s.unit),
                    Value::text(&s.subject),
                    Value::text(&s.year),
                    Value::Text(period.and_then(|p| p.from.clone())),
                    Value::Text(period.and_then(|p| p.until.clone())),
                    Value::Text(unit.map(|u| u.name.clone())),
                    Value::Text(unit.and_then(|u| u.level.clone())),
                    Value::Text(unit.and_then(|u| u.province.clone())),
                    Value::Bool(unit.map(|u| u.from_text)),
                    Value::text(&s.indicator),
                    Value::Int(s.part_of.and_then(|p| i64::try_from(p).ok())),
                ]);
                finish(row, &s.span)
            })
            .collect(),
        // Aggregated over the articles by `export_index`, not per record.
        Table::People | Table::Figures => Vec::new(),
    }
}

/// The row of one point of a figure series, in the order of [`Table::columns`] for
/// [`Table::Figures`]: `value` the most given, `values` all of them.
pub fn figure_row(p: &crate::views::figures::Point) -> Vec<Value> {
    let year = p
        .from
        .as_deref()
        .or(p.until.as_deref())
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse::<i64>().ok());
    vec![
        Value::str(&p.indicator),
        Value::str(p.kind),
        Value::text(&p.unit),
        Value::text(&p.level),
        Value::text(&p.province),
        Value::text(&p.period),
        Value::Date(p.from.clone()),
        Value::Date(p.until.clone()),
        Value::Int(year),
        Value::str(&p.measure),
        Value::Float(p.values.first().copied().unwrap_or(f64::NAN)),
        Value::List(p.values.iter().map(|v| float_text(*v)).collect()),
        Value::Bool(Some(p.conflict)),
        Value::int(p.sources.len()),
        Value::List(p.sources.iter().map(|s| s.id.clone()).collect()),
        Value::List(
            p.sources
                .iter()
                .map(|s| s.url.clone().unwrap_or_default())
                .collect(),
        ),
        Value::List(p.sources.iter().map(|s| s.sentence.clone()).collect()),
    ]
}

/// The row of one person, in the order of [`Table::columns`] for [`Table::People`]: each
/// title as `title (first – last)`; `first` and `last` over all its titles.
pub fn person_row(p: &crate::views::people::Person) -> Vec<Value> {
    let span = |t: &crate::views::people::PersonTitle| match (&t.first, &t.last) {
        (Some(f), Some(l)) if f != l => format!("{} ({f} – {l})", t.title),
        (Some(f), _) => format!("{} ({f})", t.title),
        _ => t.title.clone(),
    };
    vec![
        Value::str(&p.name),
        Value::text(&p.province),
        Value::Int(i64::try_from(p.articles).ok()),
        Value::Int(i64::try_from(p.mentions).ok()),
        Value::List(p.titles.iter().map(span).collect()),
        Value::Date(p.titles.iter().filter_map(|t| t.first.clone()).min()),
        Value::Date(p.titles.iter().filter_map(|t| t.last.clone()).max()),
    ]
}

/// Days since 1970-01-01 of the first day of `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (anything after
/// the day, such as a time, is ignored); `None` when it is not such a date.
pub fn date32(s: &str) -> Option<i32> {
    let date = crate::date::PartialDate::leading(s)?.first_day();
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?;
    i32::try_from((date - epoch).num_days()).ok()
}

/// Writes one table in one format, a record at a time.
pub struct Exporter<W: Write + Send> {
    table: Table,
    columns: Vec<Column>,
    sink: Sink<W>,
    rows: u64,
}

enum Sink<W: Write + Send> {
    Csv(Box<csv::Writer<W>>),
    Jsonl(std::io::BufWriter<W>),
    Parquet(Box<ParquetSink<W>>),
}

struct ParquetSink<W: Write + Send> {
    writer: SerializedFileWriter<W>,
    /// One buffer per column: the rows of the row group being gathered.
    columns: Vec<ColumnBuffer>,
    nullable: Vec<bool>,
    pending: usize,
    pending_bytes: usize,
}

/// The values and levels of one column for the row group being gathered.
#[derive(Default)]
struct ColumnBuffer {
    bytes: Vec<ByteArray>,
    ints: Vec<i64>,
    dates: Vec<i32>,
    floats: Vec<f64>,
    bools: Vec<bool>,
    /// Definition levels (optional columns and lists).
    def: Vec<i16>,
    /// Repetition levels (lists).
    rep: Vec<i16>,
}

impl<W: Write + Send> Exporter<W> {
    /// An exporter of `table` in `format` to `out`; CSV writes its header now.
    pub fn new(table: Table, format: Format, out: W) -> Result<Exporter<W>, ExportError> {
        let columns = table.columns();
        let sink = match format {
            Format::Csv => {
                let mut w = csv::WriterBuilder::new()
                    .terminator(csv::Terminator::CRLF)
                    .from_writer(out);
                w.write_record(columns.iter().map(|c| c.name))?;
                Sink::Csv(Box::new(w))
            }
            Format::Jsonl => Sink::Jsonl(std::io::BufWriter::with_capacity(1 << 16, out)),
            Format::Parquet => {
                let schema: ParquetType =
                    parquet::schema::parser::parse_message_type(&table.parquet_schema())?;
                let props = WriterProperties::builder()
                    .set_compression(Compression::SNAPPY)
                    .set_created_by(format!("baochi {}", env!("CARGO_PKG_VERSION")))
                    .build();
                let writer = SerializedFileWriter::new(out, Arc::new(schema), Arc::new(props))?;
                Sink::Parquet(Box::new(ParquetSink {
                    writer,
                    columns: columns.iter().map(|_| ColumnBuffer::default()).collect(),
                    nullable: columns.iter().map(Column::nullable).collect(),
                    pending: 0,
                    pending_bytes: 0,
                }))
            }
        };
        Ok(Exporter {
            table,
            columns,
            sink,
            rows: 0,
        })
    }

    /// Writes the rows of one record (article `id`); returns how many.
    pub fn write_record(&mut self, id: &str, rec: &Record) -> Result<usize, ExportError> {
        let rows = rows(self.table, id, rec);
        for row in &rows {
            self.write_row(row)?;
        }
        Ok(rows.len())
    }

    /// Writes one row built outside a record ([`person_row`], [`figure_row`]).
    pub fn write_row(&mut self, row: &[Value]) -> Result<(), ExportError> {
        self.rows += 1;
        match &mut self.sink {
            Sink::Csv(w) => {
                for v in row {
                    match v {
                        Value::Text(s) | Value::Date(s) => {
                            w.write_field(s.as_deref().unwrap_or(""))?
                        }
                        Value::Int(Some(n)) => w.write_field(n.to_string())?,
                        Value::Bool(b) => {
                            w.write_field(b.map_or("", |b| if b { "true" } else { "false" }))?
                        }
                        Value::Int(None) => w.write_field("")?,
                        Value::Float(f) => w.write_field(float_text(*f))?,
                        Value::List(l) => w.write_field(l.join("; "))?,
                    }
                }
                w.write_record(None::<&[u8]>)?;
            }
            Sink::Jsonl(w) => {
                let mut obj = serde_json::Map::new();
                for (c, v) in self.columns.iter().zip(row) {
                    let j = match v {
                        Value::Text(s) | Value::Date(s) => s
                            .as_ref()
                            .map_or(serde_json::Value::Null, |s| s.as_str().into()),
                        Value::Int(n) => n.map_or(serde_json::Value::Null, Into::into),
                        Value::Bool(b) => b.map_or(serde_json::Value::Null, Into::into),
                        Value::Float(f) => serde_json::Number::from_f64(*f)
                            .map_or(serde_json::Value::Null, serde_json::Value::Number),
                        Value::List(l) => l.clone().into(),
                    };
                    obj.insert(c.name.to_string(), j);
                }
                serde_json::to_writer(&mut *w, &obj).map_err(std::io::Error::from)?;
                w.write_all(b"\n")?;
            }
            Sink::Parquet(p) => p.push(row)?,
        }
        Ok(())
    }

    /// Rows written so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Flushes and closes the output (Parquet writes its footer); returns the row count.
    pub fn finish(self) -> Result<u64, ExportError> {
        match self.sink {
            Sink::Csv(mut w) => w.flush()?,
            Sink::Jsonl(mut w) => w.flush()?,
            Sink::Parquet(mut p) => {
                p.flush_group()?;
                p.writer.close()?;
            }
        }
        Ok(self.rows)
    }
}

impl<W: Write + Send> ParquetSink<W> {
    fn push(&mut self, row: &[Value]) -> Result<(), ExportError> {
        for ((buf, v), &nullable) in self.columns.iter_mut().zip(row).zip(&self.nullable) {
            self.pending_bytes += buf.push(v, nullable);
        }
        self.pending += 1;
        if self.pending >= ROW_GROUP_ROWS || self.pending_bytes >= ROW_GROUP_BYTES {
            self.flush_group()?;
        }
        Ok(())
    }

    /// Writes the gathered rows as one row group and empties the buffers.
    fn flush_group(&mut self) -> Result<(), ExportError> {
        if self.pending == 0 {
            return Ok(());
        }
        let mut group = self.writer.next_row_group()?;
        let mut bufs = self.columns.iter_mut();
        while let Some(mut col) = group.next_column()? {
            let buf = bufs
                .next()
                .ok_or_else(|| ExportError::Schema("the schema has more columns than the table"))?;
            let def = (!buf.def.is_empty()).then_some(&buf.def[..]);
            let rep = (!buf.rep.is_empty()).then_some(&buf.rep[..]);
            match col.untyped() {
                parquet::column::writer::ColumnWriter::ByteArrayColumnWriter(_) => {
                    col.typed::<ByteArrayType>()
                        .write_batch(&buf.bytes, def, rep)?;
                }
                parquet::column::writer::ColumnWriter::Int64ColumnWriter(_) => {
                    col.typed::<Int64Type>().write_batch(&buf.ints, def, rep)?;
                }
                parquet::column::writer::ColumnWriter::Int32ColumnWriter(_) => {
                    col.typed::<Int32Type>().write_batch(&buf.dates, def, rep)?;
                }
                parquet::column::writer::ColumnWriter::BoolColumnWriter(_) => {
                    col.typed::<BoolType>().write_batch(&buf.bools, def, rep)?;
                }
                parquet::column::writer::ColumnWriter::DoubleColumnWriter(_) => {
                    col.typed::<DoubleType>()
                        .write_batch(&buf.floats, def, rep)?;
                }
                _ => return Err(ExportError::Schema("unexpected column type")),
            }
            col.close()?;
            *buf = ColumnBuffer::default();
        }
        group.close()?;
        self.pending = 0;
        self.pending_bytes = 0;
        Ok(())
    }
}

impl ColumnBuffer {
    /// Adds one cell; returns the bytes of text it holds.
    fn push(&mut self, v: &Value, nullable: bool) -> usize {
        // The column's type decides the buffer; `rows` builds cells in column order, so a
        // cell always matches its column (the round-trip tests hold this).
        let present = |def: &mut Vec<i16>, is: bool| {
            if nullable {
                def.push(i16::from(is));
            }
        };
        match v {
            Value::Text(s) => {
                present(&mut self.def, s.is_some());
                let Some(s) = s else { return 0 };
                self.bytes.push(ByteArray::from(s.as_str()));
                s.len()
            }
            Value::Int(n) => {
                present(&mut self.def, n.is_some());
                self.ints.extend(n);
                0
            }
            Value::Float(f) => {
                present(&mut self.def, true);
                self.floats.push(*f);
                0
            }
            Value::Bool(b) => {
                present(&mut self.def, b.is_some());
                self.bools.extend(b);
                0
            }
            Value::Date(s) => {
                let d = s.as_deref().and_then(date32);
                present(&mut self.def, d.is_some());
                self.dates.extend(d);
                0
            }
            Value::List(items) => {
                // Levels of `optional group (LIST) { repeated group list { optional
                // element } }`: 1 = an empty list, 3 = an element; rep 1 = same list.
                if items.is_empty() {
                    self.def.push(1);
                    self.rep.push(0);
                    return 0;
                }
                let mut n = 0;
                for (k, item) in items.iter().enumerate() {
                    self.def.push(3);
                    self.rep.push(i16::from(k > 0));
                    self.bytes.push(ByteArray::from(item.as_str()));
                    n += item.len();
                }
                n
            }
        }
    }
}

/// A float as text without a spurious `.0` on whole numbers (`3456`, `22.06`).
fn float_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// Exports `table` of the articles `req` selects (all when `None`) from `index` to `out`;
/// returns the number of rows written.
pub fn export_index<W: Write + Send>(
    index: &Index,
    req: Option<&SearchRequest>,
    table: Table,
    format: Format,
    out: W,
) -> Result<u64, ExportError> {
    let mut ex = Exporter::new(table, format, out)?;
    // Every copy of a reprinted story is a row: `duplicate_of` tells copies apart.
    let req = req.map(|r| SearchRequest {
        all_copies: true,
        ..r.clone()
    });
    let req = req.as_ref();
    if table == Table::Figures {
        let req = crate::views::figures::FiguresRequest {
            search: req.cloned().unwrap_or_default(),
            ..Default::default()
        };
        let points = crate::views::figures::figures(index, &req).map_err(|e| match e {
            crate::views::ViewError::Index(e) => ExportError::from(e),
            e => ExportError::BadName(e.to_string()),
        })?;
        for p in &points {
            ex.write_row(&figure_row(p))?;
        }
        return ex.finish();
    }
    if table == Table::People {
        let req = crate::views::people::PeopleRequest {
            province: req.and_then(|r| r.province.clone()),
            name: None,
        };
        let people = crate::views::people::people(index, &req).map_err(|e| match e {
            crate::views::ViewError::Index(e) => ExportError::from(e),
            e => ExportError::BadName(e.to_string()),
        })?;
        for p in &people {
            ex.write_row(&person_row(p))?;
        }
        return ex.finish();
    }
    index.try_each_record(req, &mut |id, rec| ex.write_record(id, &rec).map(|_| ()))?;
    ex.finish()
}

#[cfg(test)]
mod tests;
