//! The tantivy schema (documented field by field in `schema/index.md`).

use super::analyzer::{EXACT, FOLDED};
use tantivy::schema::{
    DateOptions, FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};

/// The fields of the index, resolved once.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// `Record::id`: the replacement key; raw, fast, stored.
    pub id: Field,
    /// The whole record as JSON, stored only: hits and exports need no second source.
    pub record: Field,
    /// The URL, raw.
    pub url: Field,
    /// The site's host, raw, fast.
    pub source: Field,
    /// The headline, exact stream.
    pub title: Field,
    /// The headline, folded stream.
    pub title_f: Field,
    /// The body, exact stream, with positions.
    pub body: Field,
    /// The body, folded stream, with positions.
    pub body_f: Field,
    /// The byline, folded stream.
    pub author: Field,
    /// The publication day, indexed and fast.
    pub published: Field,
    /// The publication year, fast (facets).
    pub year: Field,
    /// The pre-2025 province name as written, fast (facets, hits).
    pub province: Field,
    /// The post-2025 province name as written, fast.
    pub province_now: Field,
    /// Both province names folded and lower case, raw: the `--province` filter.
    pub province_key: Field,
    /// Canonicals of the cited documents, raw, fast (facets).
    pub document: Field,
    /// Every key of every cited document (`12-NQ/TW`, `NQ12`, `TW4`, `TW4-XI`), raw.
    pub document_key: Field,
    /// Names of the officials, folded stream with positions.
    pub official: Field,
    /// Names of the officials, folded and lower case, raw (filter).
    pub official_key: Field,
    /// Names of the localities, folded stream with positions.
    pub locality: Field,
    /// Names of the localities, folded and lower case, raw (filter).
    pub locality_key: Field,
    /// Provinces of the localities, folded and lower case, raw (filter).
    pub locality_province: Field,
    /// The body's reprint band keys ([`super::reprints`]), raw: candidates of one story.
    pub band: Field,
    /// The body's reprint sketch ([`super::reprints::Signature::sketch`]), fast bytes.
    pub sketch: Field,
    /// A reprint's earliest copy (its id), raw: a story's copies are found by its id.
    pub duplicate_of: Field,
    /// 1 on a reprint, absent elsewhere; indexed (search folds reprints away) and fast.
    pub copy: Field,
}

fn analysed(tokenizer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

/// Builds the schema and its field handles.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let day = DateOptions::default().set_indexed().set_fast();
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED | FAST),
        record: b.add_text_field("record", STORED),
        // Fast: the copies listed under a hit are read without their stored records.
        url: b.add_text_field("url", STRING | FAST),
        source: b.add_text_field("source", STRING | FAST),
        title: b.add_text_field("title", analysed(EXACT)),
        title_f: b.add_text_field("title_f", analysed(FOLDED)),
        body: b.add_text_field("body", analysed(EXACT)),
        body_f: b.add_text_field("body_f", analysed(FOLDED)),
        author: b.add_text_field("author", analysed(FOLDED)),
        published: b.add_date_field("published", day),
        year: b.add_u64_field("year", INDEXED | FAST),
        province: b.add_text_field("province", STRING | FAST),
        province_now: b.add_text_field("province_now", STRING | FAST),
        province_key: b.add_text_field("province_key", STRING),
        document: b.add_text_field("document", STRING | FAST),
        document_key: b.add_text_field("document_key", STRING),
        official: b.add_text_field("official", analysed(FOLDED)),
        official_key: b.add_text_field("official_key", STRING),
        locality: b.add_text_field("locality", analysed(FOLDED)),
        locality_key: b.add_text_field("locality_key", STRING),
        locality_province: b.add_text_field("locality_province", STRING),
        band: b.add_text_field("band", STRING),
        sketch: b.add_bytes_field("sketch", FAST),
        duplicate_of: b.add_text_field("duplicate_of", STRING),
        copy: b.add_u64_field("copy", INDEXED | FAST),
    };
    (b.build(), fields)
}

/// Resolves the fields of an existing index's schema, failing when one is missing (an index
/// written by another version).
pub fn resolve(schema: &Schema) -> Result<Fields, String> {
    let f = |name: &str| schema.get_field(name).map_err(|e| e.to_string());
    Ok(Fields {
        id: f("id")?,
        record: f("record")?,
        url: f("url")?,
        source: f("source")?,
        title: f("title")?,
        title_f: f("title_f")?,
        body: f("body")?,
        body_f: f("body_f")?,
        author: f("author")?,
        published: f("published")?,
        year: f("year")?,
        province: f("province")?,
        province_now: f("province_now")?,
        province_key: f("province_key")?,
        document: f("document")?,
        document_key: f("document_key")?,
        official: f("official")?,
        official_key: f("official_key")?,
        locality: f("locality")?,
        locality_key: f("locality_key")?,
        locality_province: f("locality_province")?,
        band: f("band")?,
        sketch: f("sketch")?,
        duplicate_of: f("duplicate_of")?,
        copy: f("copy")?,
    })
}

/// The folded, lower-case key of a name: `Thừa Thiên Huế` → `thua thien hue`; a leading
/// `tỉnh` / `thành phố` / `TP.` is dropped so `tinh Thanh Hoa` and `Thanh Hóa` agree.
pub fn name_key(name: &str) -> String {
    let f = crate::text::fold_lower(&crate::text::normalize_line(name));
    let f = f.trim();
    for prefix in ["tinh ", "thanh pho ", "tp. ", "tp ", "tp."] {
        if let Some(rest) = f.strip_prefix(prefix) {
            return rest.trim().to_string();
        }
    }
    f.to_string()
}
