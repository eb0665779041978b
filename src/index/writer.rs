//! Records into tantivy documents; the writer that adds and replaces them, and links each
//! reprint to its story's earliest copy when it commits ([`super::reprints`]).

use super::reprints::{self, Filing, Shingles};
use super::schema::{Fields, name_key};
use super::search::stored;
use super::{Index, IndexError, Upsert, codes};
use crate::record::Record;
use std::collections::{HashMap, HashSet};
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{BooleanQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DateTime, DocAddress, IndexReader, ReloadPolicy, Searcher, TantivyDocument, Term};

/// Adds records to an [`Index`]: one at a time per index (tantivy holds a lock file).
///
/// Each record is indexed as it comes, and kept with its shingles until
/// [`IndexWriter::commit`]: only then can a batch's reprints be linked to their earliest
/// copy, which may come later in the same batch; the few that get a link are indexed again.
pub struct IndexWriter {
    writer: tantivy::IndexWriter<TantivyDocument>,
    fields: Fields,
    /// The index's shared reader, reloaded on commit so the process sees its own writes.
    shared: IndexReader,
    /// A reader of the last commit, to tell additions from replacements.
    committed: IndexReader,
    /// Records upserted since the last commit, in order (`None`: deleted since), by id.
    pending: Vec<Option<Node>>,
    slot: HashMap<String, usize>,
    /// Ids deleted since the last commit.
    deleted: HashSet<String>,
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
        pending: Vec::new(),
        slot: HashMap::new(),
        deleted: HashSet::new(),
    })
}

fn id_term(f: &Fields, id: &str) -> Term {
    Term::from_field_text(f.id, id)
}

impl IndexWriter {
    /// Adds `rec`, replacing any article with the same [`Record::id`].
    pub fn upsert(&mut self, rec: &Record) -> Result<Upsert, IndexError> {
        let id = rec.id();
        let mut rec = rec.clone();
        // Set here, by the writer, from what the index holds: never taken from the input.
        rec.duplicate_of = None;
        let in_batch = self.slot.get(&id).copied();
        let existed = in_batch.is_some_and(|i| self.pending[i].is_some()) || {
            let q = TermQuery::new(id_term(&self.fields, &id), IndexRecordOption::Basic);
            self.committed.searcher().search(&q, &Count)? > 0
        };
        if existed {
            self.writer.delete_term(id_term(&self.fields, &id));
        }
        let node = Node::new(id.clone(), rec, false);
        self.writer
            .add_document(to_document(&self.fields, &id, &node.rec, &node.filing)?)?;
        match in_batch {
            Some(i) => self.pending[i] = Some(node),
            None => {
                self.slot.insert(id, self.pending.len());
                self.pending.push(Some(node));
            }
        }
        Ok(if existed {
            Upsert::Replaced
        } else {
            Upsert::Added
        })
    }

    /// Removes the article with this id, if any (visible after the next commit). Its
    /// reprints are linked again to the earliest copy left.
    pub fn delete(&mut self, id: &str) {
        self.writer.delete_term(id_term(&self.fields, id));
        if let Some(&i) = self.slot.get(id) {
            self.pending[i] = None;
        }
        self.deleted.insert(id.to_string());
    }

    /// Makes everything added so far durable and visible, each reprint linked to its
    /// story's earliest copy.
    pub fn commit(&mut self) -> Result<(), IndexError> {
        let batch: Vec<Node> = std::mem::take(&mut self.pending)
            .into_iter()
            .flatten()
            .collect();
        self.slot.clear();
        let deleted = std::mem::take(&mut self.deleted);
        let searcher = self.committed.searcher();
        let plan = Stories::plan(&self.fields, &searcher, batch, &deleted)?;
        // Deletions first: a delete reaches only documents added before it.
        for id in plan.rewrites() {
            self.writer.delete_term(id_term(&self.fields, id));
        }
        for (id, rec, filing) in plan.documents() {
            self.writer
                .add_document(to_document(&self.fields, id, rec, filing)?)?;
        }
        self.writer.commit()?;
        self.committed.reload()?;
        self.shared.reload()?;
        Ok(())
    }

    /// Drops everything added since the last commit.
    pub fn rollback(&mut self) -> Result<(), IndexError> {
        self.writer.rollback()?;
        self.pending.clear();
        self.slot.clear();
        self.deleted.clear();
        Ok(())
    }

    /// Waits for background merges to finish (call before exiting after a big batch, so
    /// the index is left with few segments).
    pub fn finish(self) -> Result<(), IndexError> {
        self.writer.wait_merging_threads()?;
        Ok(())
    }
}

/// One article a commit weighs: from the batch, or already in the index.
struct Node {
    id: String,
    rec: Record,
    shingles: Shingles,
    filing: Filing,
    /// In the index already (else in the batch).
    stored: bool,
    /// Its link as stored (for an indexed article).
    was: Option<String>,
}

impl Node {
    fn new(id: String, rec: Record, stored: bool) -> Node {
        // An indexed article is compared, not filed again, unless weighed anew or
        // rewritten: its filing waits until then ([`Node::with_keys`]).
        let shingles = Shingles::of(&rec.body);
        let filing = if stored {
            Filing::default()
        } else {
            shingles.filing()
        };
        let was = rec.duplicate_of.clone();
        Node {
            id,
            rec,
            shingles,
            filing,
            stored,
            was,
        }
    }

    /// Files the band keys and sketch of an indexed article.
    fn with_keys(&mut self) {
        if self.stored && self.filing.keys.is_empty() {
            self.filing = self.shingles.filing();
        }
    }

    /// Earliest first: dated before undated, then by date, then by id (so a rebuild
    /// names the same original).
    fn order(&self) -> (bool, &str, &str) {
        let p = self.rec.published.as_deref();
        (p.is_none(), p.unwrap_or(""), &self.id)
    }
}

/// The most articles of one batch a band key is compared against.
const BATCH_BAND_LIST: usize = 16;

/// What a commit writes: the batch with its links, and indexed articles whose link changes.
struct Stories {
    nodes: Vec<Node>,
}

impl Stories {
    /// Links the batch's articles, and any indexed article whose story changed, to the
    /// earliest copy of their story.
    fn plan(
        f: &Fields,
        searcher: &Searcher,
        batch: Vec<Node>,
        deleted: &HashSet<String>,
    ) -> Result<Stories, IndexError> {
        let mut nodes = batch;
        let n = nodes.len();
        // Indexed versions of these ids are going away: they link nothing.
        let gone: HashSet<String> = nodes
            .iter()
            .map(|x| x.id.clone())
            .chain(deleted.iter().cloned())
            .collect();
        let mut at: HashMap<String, usize> = HashMap::new();
        for (i, x) in nodes.iter().enumerate() {
            at.insert(x.id.clone(), i);
        }
        let sketches = Sketches::new(searcher);
        // The articles a query finds, as nodes (read from the index once). Candidates come
        // with the probe's sketch: those it rules out are not read.
        let fetch = |q: &dyn Query,
                     candidates: Option<&[u8]>,
                     nodes: &mut Vec<Node>,
                     at: &mut HashMap<String, usize>| {
            let mut found = Vec::new();
            let mut addrs: Vec<DocAddress> = match candidates {
                None => searcher.search(q, &DocSetCollector)?.into_iter().collect(),
                Some(sketch) => searcher
                    .search(
                        q,
                        &TopDocs::with_limit(reprints::MAX_CANDIDATES).order_by_score(),
                    )?
                    .into_iter()
                    .map(|(_, a)| a)
                    .filter(|&a| {
                        sketches.get(a).is_none_or(|other| {
                            reprints::sketch_estimate(sketch, &other) >= reprints::SKETCH_AT_LEAST
                        })
                    })
                    .collect(),
            };
            addrs.sort();
            for addr in addrs {
                let doc: TantivyDocument = searcher.doc(addr)?;
                let (id, rec) = stored(f, &doc)?;
                if gone.contains(&id) {
                    continue;
                }
                let i = match at.get(&id) {
                    Some(&i) => i,
                    None => {
                        nodes.push(Node::new(id.clone(), rec, true));
                        at.insert(id, nodes.len() - 1);
                        nodes.len() - 1
                    }
                };
                found.push(i);
            }
            Ok::<_, IndexError>(found)
        };
        // The copies of an original going away lose their story: each is weighed anew.
        let mut probes: Vec<usize> = (0..n).collect();
        for id in &gone {
            let t = Term::from_field_text(f.duplicate_of, id);
            if searcher.doc_freq(&t)? > 0 {
                let q = TermQuery::new(t, IndexRecordOption::Basic);
                probes.extend(fetch(&q, None, &mut nodes, &mut at)?);
            }
        }
        let mut sets = Union::new();
        let mut settled = HashSet::new();
        // Every band key of this commit's probes: they are not in the index yet.
        let mut held: Vec<(u64, usize)> = Vec::new();
        for p in probes {
            nodes[p].with_keys();
            if !settled.insert(p) || nodes[p].filing.keys.is_empty() {
                continue;
            }
            held.extend(nodes[p].filing.keys.iter().map(|&k| (k, p)));
            // A band many articles share is formulaic text, not one story's: left out, it
            // keeps a crawl of template-built pages from comparing each with all.
            let mut clauses: Vec<Box<dyn Query>> = Vec::new();
            for &k in &nodes[p].filing.keys {
                let t = Term::from_field_text(f.band, &reprints::key_text(k));
                if (1..=reprints::COMMON_BAND).contains(&searcher.doc_freq(&t)?) {
                    clauses.push(Box::new(TermQuery::new(t, IndexRecordOption::Basic)));
                }
            }
            if clauses.len() < reprints::MIN_BANDS {
                continue;
            }
            let q = BooleanQuery::union_with_minimum_required_clauses(clauses, reprints::MIN_BANDS);
            let sketch = nodes[p].filing.sketch.clone();
            for c in fetch(&q, Some(&sketch), &mut nodes, &mut at)? {
                if c == p || !nodes[p].shingles.same_story(&nodes[c].shingles) {
                    continue;
                }
                sets.join(p, c);
                // An indexed article brings the story it is already part of.
                if nodes[c].stored && !settled.contains(&c) {
                    let root = nodes[c].was.clone().unwrap_or_else(|| nodes[c].id.clone());
                    let q = TermQuery::new(
                        Term::from_field_text(f.duplicate_of, &root),
                        IndexRecordOption::Basic,
                    );
                    let mut members = fetch(&q, None, &mut nodes, &mut at)?;
                    let idq = TermQuery::new(
                        Term::from_field_text(f.id, &root),
                        IndexRecordOption::Basic,
                    );
                    members.extend(fetch(&idq, None, &mut nodes, &mut at)?);
                    for m in members {
                        sets.join(c, m);
                        settled.insert(m);
                    }
                }
            }
        }
        // Probes sharing bands with each other: each key's first few holders stand for it
        // (a copy meets them; formulaic text costs no more than they do), each later holder
        // is paired with them.
        held.sort_unstable();
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for run in held.chunk_by(|a, b| a.0 == b.0) {
            // A band more of this batch hold than COMMON_BAND is formulaic, as in the index.
            if run.len() as u64 > reprints::COMMON_BAND {
                continue;
            }
            for (i, &(_, later)) in run.iter().enumerate().skip(1) {
                pairs.extend(
                    run[..i.min(BATCH_BAND_LIST)]
                        .iter()
                        .map(|&(_, first)| (later.max(first), later.min(first))),
                );
            }
        }
        pairs.sort_unstable();
        let counted: Vec<((usize, usize), usize)> = pairs
            .chunk_by(|a, b| a == b)
            .map(|run| (run[0], run.len()))
            .filter(|&((a, b), n)| {
                n >= reprints::MIN_BANDS
                    && reprints::sketch_estimate(&nodes[a].filing.sketch, &nodes[b].filing.sketch)
                        >= reprints::SKETCH_AT_LEAST
            })
            .collect();
        for run in counted.chunk_by(|a, b| a.0.0 == b.0.0) {
            let mut run = run.to_vec();
            run.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            for ((a, b), _) in run.into_iter().take(reprints::MAX_CANDIDATES) {
                if nodes[a].shingles.same_story(&nodes[b].shingles) {
                    sets.join(a, b);
                }
            }
        }
        // Each story's earliest copy is its original; the others link to it. Only stories
        // weighed here are linked anew: an indexed candidate that matched nothing keeps the
        // link it has.
        let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
        for i in 0..nodes.len() {
            groups.entry(sets.find(i)).or_default().push(i);
        }
        for members in groups.values() {
            if !members.iter().any(|m| settled.contains(m)) {
                continue;
            }
            let first = members
                .iter()
                .copied()
                .min_by(|&a, &b| nodes[a].order().cmp(&nodes[b].order()))
                .unwrap_or(members[0]);
            let original = nodes[first].id.clone();
            for &m in members {
                nodes[m].rec.duplicate_of = (m != first).then(|| original.clone());
            }
        }
        for x in &mut nodes[n..] {
            if x.rec.duplicate_of != x.was {
                x.with_keys();
            }
        }
        Ok(Stories { nodes })
    }

    /// Articles whose link is not the one they were indexed with: the batch's reprints
    /// (indexed as they came, without one) and indexed articles whose story changed.
    fn changed(&self) -> impl Iterator<Item = &Node> {
        self.nodes.iter().filter(|x| x.rec.duplicate_of != x.was)
    }

    /// Articles to delete and add again.
    fn rewrites(&self) -> impl Iterator<Item = &String> {
        self.changed().map(|x| &x.id)
    }

    /// What to add again, with its link.
    fn documents(&self) -> impl Iterator<Item = (&str, &Record, &Filing)> {
        self.changed().map(|x| (x.id.as_str(), &x.rec, &x.filing))
    }
}

/// The sketches the index keeps, read per segment.
struct Sketches {
    columns: Vec<Option<tantivy::columnar::BytesColumn>>,
}

impl Sketches {
    fn new(searcher: &Searcher) -> Sketches {
        Sketches {
            columns: searcher
                .segment_readers()
                .iter()
                .map(|s| s.fast_fields().bytes("sketch").ok().flatten())
                .collect(),
        }
    }

    /// The sketch of an article, if the index holds one.
    fn get(&self, addr: DocAddress) -> Option<Vec<u8>> {
        let col = self.columns.get(addr.segment_ord as usize)?.as_ref()?;
        let ord = col.ords().first(addr.doc_id)?;
        let mut out = Vec::new();
        col.ord_to_bytes(ord, &mut out).ok()?.then_some(out)
    }
}

/// Disjoint sets over node numbers (grown on demand).
struct Union(Vec<usize>);

impl Union {
    fn new() -> Union {
        Union(Vec::new())
    }

    fn grow(&mut self, i: usize) {
        while self.0.len() <= i {
            let n = self.0.len();
            self.0.push(n);
        }
    }

    fn find(&mut self, i: usize) -> usize {
        self.grow(i);
        let mut r = i;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut x = i;
        while self.0[x] != r {
            let next = self.0[x];
            self.0[x] = r;
            x = next;
        }
        r
    }

    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.0[ra.max(rb)] = ra.min(rb);
        }
    }
}

/// The publication day of `published` (`YYYY-MM-DD…`) as a date at midnight UTC.
pub(super) fn day_of(published: &str) -> Option<(DateTime, u64)> {
    let d = crate::date::PartialDate::leading_day(published)?;
    let secs = d.and_hms_opt(0, 0, 0)?.and_utc().timestamp();
    let year = u64::try_from(chrono::Datelike::year(&d)).ok()?;
    Some((DateTime::from_timestamp_secs(secs), year))
}

/// The tantivy document of a record, with its reprint `filing`.
pub fn to_document(
    f: &Fields,
    id: &str,
    rec: &Record,
    filing: &Filing,
) -> Result<TantivyDocument, IndexError> {
    let mut doc = TantivyDocument::new();
    doc.add_text(f.id, id);
    for &k in &filing.keys {
        doc.add_text(f.band, reprints::key_text(k));
    }
    if !filing.sketch.is_empty() {
        doc.add_bytes(f.sketch, &filing.sketch);
    }
    if let Some(original) = &rec.duplicate_of {
        doc.add_text(f.duplicate_of, original);
        doc.add_u64(f.copy, 1);
    }
    let json = serde_json::to_string(rec).map_err(|e| IndexError::Record {
        id: id.to_string(),
        source: Some(e),
    })?;
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
