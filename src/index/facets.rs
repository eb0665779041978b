//! Counts per province, year and cited document over every matching article, read from
//! fast fields (no stored document is opened).

use super::Facets;
use std::collections::BTreeMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// The facet collector.
pub(super) struct FacetCollector;

pub(super) struct FacetSegment {
    province: Option<StrColumn>,
    province_counts: Vec<u64>,
    document: Option<StrColumn>,
    document_counts: Vec<u64>,
    year: Option<Column<u64>>,
    year_counts: BTreeMap<u64, u64>,
}

impl Collector for FacetCollector {
    type Fruit = Facets;
    type Child = FacetSegment;

    fn for_segment(
        &self,
        _ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<FacetSegment> {
        let ff = segment.fast_fields();
        let province = ff.str("province")?;
        let document = ff.str("document")?;
        let year = ff.column_opt::<u64>("year")?;
        Ok(FacetSegment {
            province_counts: vec![0; province.as_ref().map_or(0, |c| c.num_terms())],
            document_counts: vec![0; document.as_ref().map_or(0, |c| c.num_terms())],
            province,
            document,
            year,
            year_counts: BTreeMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Facets>) -> tantivy::Result<Facets> {
        let mut all = Facets::default();
        for f in fruits {
            for (k, v) in f.province {
                *all.province.entry(k).or_default() += v;
            }
            for (k, v) in f.year {
                *all.year.entry(k).or_default() += v;
            }
            for (k, v) in f.document {
                *all.document.entry(k).or_default() += v;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for FacetSegment {
    type Fruit = Facets;

    fn collect(&mut self, doc: DocId, _score: Score) {
        // One province per article: the first value, cheaper than iterating.
        if let Some(ord) = self.province.as_ref().and_then(|p| p.ords().first(doc))
            && let Some(c) = self.province_counts.get_mut(ord as usize)
        {
            *c += 1;
        }
        if let Some(d) = &self.document {
            for ord in d.term_ords(doc) {
                if let Some(c) = self.document_counts.get_mut(ord as usize) {
                    *c += 1;
                }
            }
        }
        if let Some(y) = self.year.as_ref().and_then(|y| y.first(doc)) {
            *self.year_counts.entry(y).or_default() += 1;
        }
    }

    fn harvest(self) -> Facets {
        let names = |col: &Option<StrColumn>, counts: Vec<u64>| {
            let mut out = BTreeMap::new();
            let Some(col) = col else { return out };
            let mut s = String::new();
            for (ord, n) in counts.into_iter().enumerate() {
                if n > 0 && col.ord_to_str(ord as u64, &mut s).unwrap_or(false) {
                    out.insert(s.clone(), n);
                }
            }
            out
        };
        Facets {
            province: names(&self.province, self.province_counts),
            document: names(&self.document, self.document_counts),
            year: self
                .year_counts
                .into_iter()
                .map(|(y, n)| (y.to_string(), n))
                .collect(),
        }
    }
}
