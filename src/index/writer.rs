//! Records into tantivy documents; the writer that adds and replaces them.

use super::schema::{Fields, name_key};
use super::{Index, IndexError, Upsert, codes};
use crate::record::Record;
use std::collections::HashSet;
use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{DateTime, IndexReader, ReloadPolicy, TantivyDocument, Term};

/// Adds records to an [`Index`]: one at a time per index (tantivy holds a lock file).
pub struct IndexWriter {
    writer: tantivy::IndexWriter<TantivyDocument>,
    fields: Fields,
    /// The index's shared reader, reloaded on commit so the process sees its own writes.
    shared: IndexReader,
    /// A reader of the last commit, to tell additions from replacements.
    committed: IndexReader,
    /// Ids upserted since the last commit.
    pending: HashSet<String>,
}

impl std::fmt::Debug for IndexWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IndexWriter")
            .field("pending", &self.pending.len())
            .finish_non_exhaustive()
    }
}

pub(super) fn open(
    index: &Index,
    threads: usize,
    budget: usize,
) -> Result<IndexWriter, IndexError> {
    let writer = index.index.writer_with_num_threads(threads, budget)?;
    let committed = index
        .index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    Ok(IndexWriter {
        writer,
        fields: index.fields,
        shared: index.reader.clone(),
        committed,
        pending: HashSet::new(),
    })
}

impl IndexWriter {
    /// Adds `rec`, replacing any article with the same [`Record::id`].
    pub fn upsert(&mut self, rec: &Record) -> Result<Upsert, IndexError> {
        let id = rec.id();
        let doc = to_document(&self.fields, &id, rec)?;
        let key = Term::from_field_text(self.fields.id, &id);
        let existed = self.pending.contains(&id) || {
            let q = TermQuery::new(key.clone(), IndexRecordOption::Basic);
            self.committed.searcher().search(&q, &Count)? > 0
        };
        if existed {
            self.writer.delete_term(key);
        }
        self.writer.add_document(doc)?;
        self.pending.insert(id);
        Ok(if existed {
            Upsert::Replaced
        } else {
            Upsert::Added
        })
    }

    /// Removes the article with this id, if any (visible after the next commit).
    pub fn delete(&mut self, id: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.fields.id, id));
        self.pending.remove(id);
    }

    /// Makes everything added so far durable and visible.
    pub fn commit(&mut self) -> Result<(), IndexError> {
        self.writer.commit()?;
        self.pending.clear();
        self.committed.reload()?;
        self.shared.reload()?;
        Ok(())
    }

    /// Drops everything added since the last commit.
    pub fn rollback(&mut self) -> Result<(), IndexError> {
        self.writer.rollback()?;
        self.pending.clear();
        Ok(())
    }

    /// Waits for background merges to finish (call before exiting after a big batch, so
    /// the index is left with few segments).
    pub fn finish(self) -> Result<(), IndexError> {
        self.writer.wait_merging_threads()?;
        Ok(())
    }
}

/// The publication day of `published` (`YYYY-MM-DD…`) as a date at midnight UTC.
pub(super) fn day_of(published: &str) -> Option<(DateTime, u64)> {
    let d = chrono::NaiveDate::parse_from_str(published.get(..10)?, "%Y-%m-%d").ok()?;
    let secs = d.and_hms_opt(0, 0, 0)?.and_utc().timestamp();
    let year = u64::try_from(chrono::Datelike::year(&d)).ok()?;
    Some((DateTime::from_timestamp_secs(secs), year))
}

/// The tantivy document of a record.
pub fn to_document(f: &Fields, id: &str, rec: &Record) -> Result<TantivyDocument, IndexError> {
    let mut doc = TantivyDocument::new();
    doc.add_text(f.id, id);
    let json =
        serde_json::to_string(rec).map_err(|e| IndexError::Tantivy(format!("record {id}: {e}")))?;
    doc.add_text(f.record, &json);
    if let Some(u) = &rec.url {
        doc.add_text(f.url, u);
    }
    if let Some(s) = &rec.source {
        doc.add_text(f.source, s);
    }
    // The registered tokenizers analyse each field. (Analysing once and handing tantivy
    // pre-tokenized text was three times slower: tantivy 0.27 round-trips pre-tokenized
    // values through JSON in its document representation.)
    if let Some(t) = &rec.title {
        doc.add_text(f.title, t);
        doc.add_text(f.title_f, t);
    }
    doc.add_text(f.body, &rec.body);
    doc.add_text(f.body_f, &rec.body);
    if let Some(a) = &rec.author {
        doc.add_text(f.author, a);
    }
    if let Some((day, year)) = rec.published.as_deref().and_then(day_of) {
        doc.add_date(f.published, day);
        doc.add_u64(f.year, year);
    }
    let mut province_keys = Vec::with_capacity(2);
    if let Some(p) = &rec.province {
        doc.add_text(f.province, p);
        province_keys.push(name_key(p));
    }
    if let Some(p) = &rec.province_now {
        doc.add_text(f.province_now, p);
        province_keys.push(name_key(p));
    }
    province_keys.sort();
    province_keys.dedup();
    for k in province_keys {
        doc.add_text(f.province_key, &k);
    }
    let mut canonicals = HashSet::new();
    let mut keys = HashSet::new();
    for d in &rec.entities.documents {
        if let Some(c) = &d.canonical {
            canonicals.insert(c.clone());
        }
        keys.extend(codes::document_keys(d));
    }
    for c in canonicals {
        doc.add_text(f.document, &c);
    }
    for k in keys {
        doc.add_text(f.document_key, &k);
    }
    let mut names = HashSet::new();
    for o in &rec.entities.officials {
        if names.insert(name_key(&o.name)) {
            doc.add_text(f.official, &o.name);
        }
    }
    for n in names {
        doc.add_text(f.official_key, &n);
    }
    let mut names = HashSet::new();
    let mut provinces = HashSet::new();
    for l in &rec.entities.localities {
        if names.insert(name_key(&l.name)) {
            doc.add_text(f.locality, &l.name);
        }
        provinces.insert(name_key(&l.province));
    }
    for n in names {
        doc.add_text(f.locality_key, &n);
    }
    for p in provinces {
        doc.add_text(f.locality_province, &p);
    }
    Ok(doc)
}
