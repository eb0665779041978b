//! Export: the index's records as flat tables for pandas, R or DuckDB.
//!
//! Input: records (from [`Index::for_each_record`] or anywhere else). Output: one of six
//! tables ([`Table`]) — one row per article, or one row per entity with the article's `url`,
//! `title`, `published`, `province`, `province_now` and the sentence the entity stands in —
//! as CSV (RFC 4180, UTF-8), JSON Lines or Parquet (typed columns, Snappy).
//!
//! Rows stream: CSV and JSON Lines are written as they come, Parquet in record batches of
//! [`BATCH_ROWS`] rows and row groups of at most [`ROW_GROUP_ROWS`], so memory stays flat
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

mod sentence;

pub use sentence::sentence_around;

use crate::index::{Index, IndexError, SearchRequest};
use crate::record::Record;
use arrow_array::builder::{
    ArrayBuilder, Date32Builder, Float64Builder, Int64Builder, ListBuilder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::fmt;
use std::io::Write;
use std::str::FromStr;
use std::sync::Arc;

/// Rows per Arrow record batch handed to the Parquet writer.
pub const BATCH_ROWS: usize = 8192;
/// Rows per Parquet row group: bounds what the writer buffers before flushing.
pub const ROW_GROUP_ROWS: usize = 65_536;

/// What can go wrong writing an export.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing to the output failed.
    #[error("write: {0}")]
    Io(#[from] std::io::Error),
    /// The CSV writer failed.
    #[error("csv: {0}")]
    Csv(#[from] csv::Error),
    /// The Parquet or Arrow writer failed.
    #[error("parquet: {0}")]
    Parquet(String),
    /// Reading the index failed.
    #[error(transparent)]
    Index(#[from] IndexError),
    /// A table or format name that does not exist.
    #[error("{0}")]
    BadName(String),
}

impl From<parquet::errors::ParquetError> for ExportError {
    fn from(e: parquet::errors::ParquetError) -> Self {
        ExportError::Parquet(e.to_string())
    }
}

impl From<arrow_schema::ArrowError> for ExportError {
    fn from(e: arrow_schema::ArrowError) -> Self {
        ExportError::Parquet(e.to_string())
    }
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
}

impl Table {
    /// Every table, in the order the docs list them.
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
        }
    }

    /// The table's columns, in order.
    pub fn columns(self) -> Vec<Column> {
        use ColType::*;
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
                ("value", Float),
                ("unit", Text),
                ("subject", Text),
                ("year", Text),
            ],
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

    /// The Arrow schema of the table's Parquet form.
    pub fn schema(self) -> SchemaRef {
        let fields: Vec<Field> = self
            .columns()
            .iter()
            .map(|c| Field::new(c.name, c.ty.arrow(), c.nullable()))
            .collect();
        Arc::new(Schema::new(fields))
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
            .find(|t| t.name() == s)
            .ok_or_else(|| {
                ExportError::BadName(format!(
                    "unknown table {s:?}: expected articles, documents, dates, officials, localities or statistics"
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
    /// A date: the record's string in CSV and JSON, Date32 (its first day) in Parquet.
    Date,
    /// A list of strings: `; `-joined in CSV, an array in JSON, List<Utf8> in Parquet.
    List,
}

impl ColType {
    fn arrow(self) -> DataType {
        match self {
            ColType::Text => DataType::Utf8,
            ColType::Int => DataType::Int64,
            ColType::Float => DataType::Float64,
            ColType::Date => DataType::Date32,
            ColType::List => DataType::List(Arc::new(Field::new_list_field(DataType::Utf8, true))),
        }
    }
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
        !matches!(self.name, "article_id" | "start" | "end" | "text")
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
    let cps = CodePoints::new(&rec.body);
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
            .map(|s| {
                let mut row = common();
                row.extend([
                    Value::Float(s.value),
                    Value::str(&s.unit),
                    Value::text(&s.subject),
                    Value::text(&s.year),
                ]);
                finish(row, &s.span)
            })
            .collect(),
    }
}

/// Byte offset of every code point of a string (and of its end).
struct CodePoints {
    starts: Vec<usize>,
}

impl CodePoints {
    fn new(s: &str) -> CodePoints {
        let mut starts: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
        starts.push(s.len());
        CodePoints { starts }
    }

    /// Byte range of the code point range `start..end`, or `None` when it falls outside.
    fn bytes(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        if start > end {
            return None;
        }
        Some((*self.starts.get(start)?, *self.starts.get(end)?))
    }
}

/// Days since 1970-01-01 of the first day of `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (anything after
/// the day, such as a time, is ignored); `None` when it is not such a date.
pub fn date32(s: &str) -> Option<i32> {
    let mut parts = s.get(..10.min(s.len()))?.split('-');
    let y: i32 = parts.next().filter(|p| p.len() == 4)?.parse().ok()?;
    let m: u32 = match parts.next() {
        Some(p) if p.len() == 2 => p.parse().ok()?,
        Some(_) => return None,
        None => 1,
    };
    let d: u32 = match parts.next() {
        Some(p) if p.len() >= 2 => p.get(..2)?.parse().ok()?,
        Some(_) => return None,
        None => 1,
    };
    let date = chrono::NaiveDate::from_ymd_opt(y, m, d)?;
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
    writer: ArrowWriter<W>,
    schema: SchemaRef,
    builders: Vec<Box<dyn ArrayBuilder>>,
    pending: usize,
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
                let schema = table.schema();
                let props = WriterProperties::builder()
                    .set_compression(Compression::SNAPPY)
                    .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
                    .set_created_by(format!("baochi {}", env!("CARGO_PKG_VERSION")))
                    .build();
                let writer = ArrowWriter::try_new(out, schema.clone(), Some(props))?;
                let builders = columns.iter().map(|c| builder(c.ty)).collect();
                Sink::Parquet(Box::new(ParquetSink {
                    writer,
                    schema,
                    builders,
                    pending: 0,
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

    fn write_row(&mut self, row: &[Value]) -> Result<(), ExportError> {
        self.rows += 1;
        match &mut self.sink {
            Sink::Csv(w) => {
                for v in row {
                    match v {
                        Value::Text(s) | Value::Date(s) => {
                            w.write_field(s.as_deref().unwrap_or(""))?
                        }
                        Value::Int(Some(n)) => w.write_field(n.to_string())?,
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
                        Value::Float(f) => serde_json::Number::from_f64(*f)
                            .map_or(serde_json::Value::Null, serde_json::Value::Number),
                        Value::List(l) => l.clone().into(),
                    };
                    obj.insert(c.name.to_string(), j);
                }
                serde_json::to_writer(&mut *w, &obj).map_err(std::io::Error::from)?;
                w.write_all(b"\n")?;
            }
            Sink::Parquet(p) => {
                for (b, v) in p.builders.iter_mut().zip(row) {
                    append(b.as_mut(), v);
                }
                p.pending += 1;
                if p.pending >= BATCH_ROWS {
                    p.flush_batch()?;
                }
            }
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
                p.flush_batch()?;
                p.writer.close()?;
            }
        }
        Ok(self.rows)
    }
}

impl<W: Write + Send> ParquetSink<W> {
    fn flush_batch(&mut self) -> Result<(), ExportError> {
        if self.pending == 0 {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self.builders.iter_mut().map(|b| b.finish()).collect();
        let batch = RecordBatch::try_new(self.schema.clone(), arrays)?;
        self.writer.write(&batch)?;
        self.pending = 0;
        Ok(())
    }
}

fn builder(ty: ColType) -> Box<dyn ArrayBuilder> {
    match ty {
        ColType::Text => Box::new(StringBuilder::new()),
        ColType::Int => Box::new(Int64Builder::new()),
        ColType::Float => Box::new(Float64Builder::new()),
        ColType::Date => Box::new(Date32Builder::new()),
        ColType::List => Box::new(ListBuilder::new(StringBuilder::new())),
    }
}

fn append(b: &mut dyn ArrayBuilder, v: &Value) {
    let any = b.as_any_mut();
    // The builders were made from the same column list as the row, so the types agree; a
    // mismatch would be a bug in `rows`, caught by the round-trip tests.
    match v {
        Value::Text(s) => {
            if let Some(b) = any.downcast_mut::<StringBuilder>() {
                b.append_option(s.as_deref());
            }
        }
        Value::Int(n) => {
            if let Some(b) = any.downcast_mut::<Int64Builder>() {
                b.append_option(*n);
            }
        }
        Value::Float(f) => {
            if let Some(b) = any.downcast_mut::<Float64Builder>() {
                b.append_value(*f);
            }
        }
        Value::Date(s) => {
            if let Some(b) = any.downcast_mut::<Date32Builder>() {
                b.append_option(s.as_deref().and_then(date32));
            }
        }
        Value::List(l) => {
            if let Some(b) = any.downcast_mut::<ListBuilder<StringBuilder>>() {
                for s in l {
                    b.values().append_value(s);
                }
                b.append(true);
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
    let mut failed: Option<ExportError> = None;
    let walked = index.for_each_record(req, &mut |id, rec| {
        ex.write_record(id, &rec).map(|_| ()).map_err(|e| {
            let msg = e.to_string();
            failed = Some(e);
            // Stops the iteration; the real error is returned below.
            IndexError::Tantivy(msg)
        })
    });
    if let Some(e) = failed {
        return Err(e);
    }
    walked?;
    ex.finish()
}

#[cfg(test)]
mod tests;
