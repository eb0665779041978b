//! Running a [`SearchRequest`]: hits, total, facets; reading stored records back.

use super::most::MostQuery;
use super::{
    Hit, Index, IndexError, OtherCopy, SearchRequest, SearchResults, query, rank, snippet, tally,
};
use crate::record::Record;
use tantivy::collector::{Collector, SegmentCollector, TopDocs};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::{AllQuery, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader, TantivyDocument, Term};

/// The most hits one search returns.
pub const MAX_LIMIT: usize = 10_000;
/// The deepest page one search reaches.
pub const MAX_OFFSET: usize = 1_000_000;

fn stored_record(index: &Index, doc: &TantivyDocument) -> Result<(String, Record), IndexError> {
    stored(&index.fields, doc)
}

/// The id and record a stored document holds.
pub(super) fn stored(
    f: &super::Fields,
    doc: &TantivyDocument,
) -> Result<(String, Record), IndexError> {
    stored_as(f, doc)
}

/// The id of a stored document and its record read as `T` (the whole record, or only
/// the fields a hit shows).
fn stored_as<T: serde::de::DeserializeOwned>(
    f: &super::Fields,
    doc: &TantivyDocument,
) -> Result<(String, T), IndexError> {
    let id = doc
        .get_first(f.id)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string();
    let json = doc
        .get_first(f.record)
        .and_then(|v| v.as_str())
        .ok_or_else(|| IndexError::Record {
            id: id.clone(),
            source: None,
        })?;
    let rec = serde_json::from_str(json).map_err(|e| IndexError::Record {
        id: id.clone(),
        source: Some(e),
    })?;
    Ok((id, rec))
}

/// What a hit (or another copy named under one) shows of its stored record: read without
/// the entity lists, which are most of a record's JSON and none of a hit.
#[derive(Debug, serde::Deserialize)]
struct Shown {
    url: Option<String>,
    source: Option<String>,
    title: Option<String>,
    published: Option<String>,
    province: Option<String>,
    #[serde(default)]
    duplicate_of: Option<String>,
    #[serde(default)]
    body: String,
}

/// The id and the shown part of a stored document.
fn shown(f: &super::Fields, doc: &TantivyDocument) -> Result<(String, Shown), IndexError> {
    stored_as(f, doc)
}

/// Shown parts of ranked addresses.
fn records(
    index: &Index,
    searcher: &tantivy::Searcher,
    ranked: Vec<(Score, DocAddress)>,
) -> Result<Vec<(Score, String, Shown)>, IndexError> {
    let mut out = Vec::with_capacity(ranked.len());
    for (score, addr) in ranked {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let (id, rec) = shown(&index.fields, &doc)?;
        out.push((score, id, rec));
    }
    Ok(out)
}

pub(super) fn search(index: &Index, req: &SearchRequest) -> Result<SearchResults, IndexError> {
    let compiled = query::compile(&index.fields, req)?;
    let searcher = index.reader.searcher();
    // tantivy sizes its top-k buffer by offset + limit: bound both, whatever a caller asks.
    let limit = req.limit.min(MAX_LIMIT);
    let offset = req.offset.min(MAX_OFFSET);
    let mode = if req.exact_counts {
        tally::Mode::Exact
    } else {
        tally::Mode::Bounded
    };
    let mut counts = tally::tally(&searcher, tally::Source::Query(&*compiled.matching), mode)?;
    // Where the two lists meet must be exact when the page reaches it.
    if !counts.exact && offset + limit >= counts.count as usize / 2 && compiled.best.is_some() {
        counts = tally::tally(
            &searcher,
            tally::Source::Query(&*compiled.matching),
            tally::Mode::Exact,
        )?;
    }
    let every = counts.count as usize;
    let (strict_cands, most_cands) = rank::lists(compiled.candidates.as_ref());
    // Articles holding every word first, then (best match) those holding most: two ranked
    // lists one after the other, paged as one.
    let first = limit.min(every.saturating_sub(offset));
    let mut hits: Vec<_> = records(
        index,
        &searcher,
        rank::page(&searcher, &*compiled.query, &strict_cands, first, offset)?,
    )?
    .into_iter()
    .map(|h| (h, true))
    .collect();
    let mut total = counts;
    if let Some(best) = &compiled.best {
        let rest = limit - first;
        let ranked = rank::page(
            &searcher,
            &*best.query,
            &most_cands,
            rest,
            offset.saturating_sub(every),
        )?;
        hits.extend(
            records(index, &searcher, ranked)?
                .into_iter()
                .map(|h| (h, false)),
        );
        let most = MostQuery::of(best);
        total.add(tally::tally(&searcher, tally::Source::Most(&most), mode)?);
    }
    let mut columns = Copies::default();
    let hits = hits
        .into_iter()
        .map(|((score, id, rec), all_words)| {
            let also_in = other_copies(
                index,
                &searcher,
                &mut columns,
                &id,
                rec.duplicate_of.as_deref(),
            )?;
            Ok(Hit {
                snippet: snippet::make(&rec.body, &compiled.marks),
                url: rec.url,
                title: rec.title,
                published: rec.published,
                province: rec.province,
                score,
                all_words,
                duplicate_of: rec.duplicate_of,
                also_in,
                id,
            })
        })
        .collect::<Result<_, IndexError>>()?;
    let total_count = total.count as usize;
    Ok(SearchResults {
        total: total_count,
        all_words: every,
        most_words: total_count - every,
        exact_counts: total.exact,
        hits,
        facets: total.facets,
    })
}

pub(super) fn article(index: &Index, id: &str) -> Result<Option<Record>, IndexError> {
    let searcher = index.reader.searcher();
    let q = TermQuery::new(
        Term::from_field_text(index.fields.id, id),
        IndexRecordOption::Basic,
    );
    let top = searcher.search(&q, &TopDocs::with_limit(1).order_by_score())?;
    match top.first() {
        Some((_, addr)) => {
            let doc: TantivyDocument = searcher.doc(*addr)?;
            Ok(Some(stored_record(index, &doc)?.1))
        }
        None => Ok(None),
    }
}

/// Collects (day, id, address) of every match, to sort them stably.
struct Keys;

struct SegmentKeys {
    ord: SegmentOrdinal,
    day: Option<Column<tantivy::DateTime>>,
    id: Option<StrColumn>,
    out: Vec<(i64, String, DocAddress)>,
}

impl Collector for Keys {
    type Fruit = Vec<(i64, String, DocAddress)>;
    type Child = SegmentKeys;

    fn for_segment(
        &self,
        ord: SegmentOrdinal,
        seg: &SegmentReader,
    ) -> tantivy::Result<SegmentKeys> {
        let ff = seg.fast_fields();
        Ok(SegmentKeys {
            ord,
            day: ff.column_opt("published")?,
            id: ff.str("id")?,
            out: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        let mut all: Vec<_> = fruits.into_iter().flatten().collect();
        all.sort_unstable_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        Ok(all)
    }
}

impl SegmentCollector for SegmentKeys {
    type Fruit = Vec<(i64, String, DocAddress)>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let day = self
            .day
            .as_ref()
            .and_then(|c| c.first(doc))
            .map_or(i64::MIN, |d| d.into_timestamp_secs());
        let id = column_text(self.id.as_ref(), doc)
            .ok()
            .flatten()
            .unwrap_or_default();
        self.out.push((day, id, DocAddress::new(self.ord, doc)));
    }

    fn harvest(self) -> Self::Fruit {
        self.out
    }
}

/// The most other copies listed under one hit.
pub const MAX_OTHER_COPIES: usize = 50;

/// The other copies of the story `id` belongs to (`original`: its earliest copy when `id`
/// is a reprint), earliest first. Read from fast fields (id, url, source, day): a hit's
/// copies cost no stored record each, which for a story run by many papers was most of a
/// search. An index written before `url` was a fast field reads the stored records.
fn other_copies(
    index: &Index,
    searcher: &tantivy::Searcher,
    columns: &mut Copies,
    id: &str,
    original: Option<&str>,
) -> Result<Vec<OtherCopy>, IndexError> {
    let f = &index.fields;
    let root = original.unwrap_or(id);
    let q = TermQuery::new(
        Term::from_field_text(f.duplicate_of, root),
        IndexRecordOption::Basic,
    );
    let mut addrs = searcher.search(&q, &TopDocs::with_limit(MAX_OTHER_COPIES).order_by_score())?;
    if original.is_some() {
        let q = TermQuery::new(Term::from_field_text(f.id, root), IndexRecordOption::Basic);
        addrs.extend(searcher.search(&q, &TopDocs::with_limit(1).order_by_score())?);
    }
    let mut out = Vec::with_capacity(addrs.len());
    for (_, addr) in addrs {
        let Some(copy) = copy_at(f, searcher, columns, addr)? else {
            continue;
        };
        if copy.id != id {
            out.push(copy);
        }
    }
    out.sort_by(|a, b| {
        (a.published.is_none(), &a.published, &a.id).cmp(&(
            b.published.is_none(),
            &b.published,
            &b.id,
        ))
    });
    Ok(out)
}

/// A segment's columns [`other_copies`] reads, opened once per search (opening a text
/// column reads its dictionary's index).
struct CopyColumns {
    id: Option<tantivy::columnar::StrColumn>,
    url: Option<tantivy::columnar::StrColumn>,
    source: Option<tantivy::columnar::StrColumn>,
    published: Option<Column<tantivy::DateTime>>,
}

/// The copy columns of each segment of a search, opened when first needed.
#[derive(Default)]
pub(super) struct Copies(std::collections::HashMap<SegmentOrdinal, CopyColumns>);

impl Copies {
    fn of(
        &mut self,
        seg: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> Result<&CopyColumns, IndexError> {
        if let std::collections::hash_map::Entry::Vacant(e) = self.0.entry(seg) {
            let ff = reader.fast_fields();
            e.insert(CopyColumns {
                id: ff.str("id")?,
                url: ff.str("url")?,
                source: ff.str("source")?,
                published: ff.column_opt("published")?,
            });
        }
        Ok(&self.0[&seg])
    }
}

/// The text a doc holds in a text column.
fn column_text(
    col: Option<&tantivy::columnar::StrColumn>,
    doc: DocId,
) -> Result<Option<String>, IndexError> {
    let Some(col) = col else {
        return Ok(None);
    };
    let Some(ord) = col.term_ords(doc).next() else {
        return Ok(None);
    };
    let mut out = String::new();
    let found = col
        .ord_to_str(ord, &mut out)
        .map_err(IndexError::FastField)?;
    Ok(found.then_some(out))
}

/// One copy, as [`other_copies`] lists it.
fn copy_at(
    f: &super::Fields,
    searcher: &tantivy::Searcher,
    columns: &mut Copies,
    addr: DocAddress,
) -> Result<Option<OtherCopy>, IndexError> {
    let paper_of = |source: Option<&str>| {
        source.and_then(|h| {
            crate::entities::gazetteer::gazetteer()
                .paper_by_host(h)
                .map(|p| p.name.to_string())
        })
    };
    let cols = columns.of(addr.segment_ord, searcher.segment_reader(addr.segment_ord))?;
    if cols.url.is_none() {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let (id, rec) = shown(f, &doc)?;
        return Ok(Some(OtherCopy {
            id,
            paper: paper_of(rec.source.as_deref()),
            url: rec.url,
            source: rec.source,
            published: rec.published,
        }));
    }
    let Some(id) = column_text(cols.id.as_ref(), addr.doc_id)? else {
        return Ok(None);
    };
    let published = cols
        .published
        .as_ref()
        .and_then(|c| c.first(addr.doc_id))
        .and_then(|d| chrono::DateTime::from_timestamp(d.into_timestamp_secs(), 0))
        .map(|d| d.format("%Y-%m-%d").to_string());
    let source = column_text(cols.source.as_ref(), addr.doc_id)?;
    Ok(Some(OtherCopy {
        id,
        url: column_text(cols.url.as_ref(), addr.doc_id)?,
        paper: paper_of(source.as_deref()),
        source,
        published,
    }))
}

pub(super) fn for_each_record<E: From<IndexError>>(
    index: &Index,
    req: Option<&SearchRequest>,
    f: &mut dyn FnMut(&str, Record) -> Result<(), E>,
) -> Result<(), E> {
    let searcher = index.reader.searcher();
    let q: Box<dyn Query> = match req {
        Some(r) => query::compile(&index.fields, r)?.query,
        None => Box::new(AllQuery),
    };
    let keys = searcher.search(&*q, &Keys).map_err(IndexError::from)?;
    for (_, _, addr) in keys {
        let doc: TantivyDocument = searcher.doc(addr).map_err(IndexError::from)?;
        let (id, rec) = stored_record(index, &doc)?;
        // The caller's own error stops the walk and comes back as it is.
        f(&id, rec)?;
    }
    Ok(())
}
