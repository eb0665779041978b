//! `corpus/sources.toml` against the gazetteer: every province has its party paper, under
//! the name the gazetteer gives it, and the crawl's records can be filed by the paper's host.

use baochi::crawl::sources::Sources;
use baochi::entities::gazetteer::{Tier, gazetteer};
use std::collections::BTreeSet;

fn sources() -> Sources {
    Sources::parse(include_str!("../corpus/sources.toml")).expect("sources.toml parses")
}

fn host(base: &str) -> String {
    let rest = base.split("://").nth(1).unwrap_or(base);
    let host = rest.split('/').next().unwrap_or("");
    host.strip_prefix("www.").unwrap_or(host).to_string()
}

#[test]
fn every_province_before_2025_has_a_source() {
    let g = gazetteer();
    let all = sources();
    let covered: BTreeSet<&str> = all.sources.iter().map(|s| s.province.as_str()).collect();
    let missing: Vec<&str> = g
        .units
        .iter()
        .filter(|u| u.tier == Tier::Province && !u.from_2025)
        .map(|u| u.name)
        .filter(|name| !covered.contains(name))
        .collect();
    assert!(missing.is_empty(), "provinces with no source: {missing:?}");
}

#[test]
fn every_province_after_2025_has_a_source() {
    let g = gazetteer();
    let mut now: BTreeSet<&str> = BTreeSet::new();
    for s in &sources().sources {
        if let Some(p) = g.province_by_name(&s.province)
            && let Some(p25) = g.province_now(p)
        {
            now.insert(p25.name);
        }
    }
    let missing: Vec<&str> = g
        .provinces_2025
        .iter()
        .map(|p| p.name)
        .filter(|n| !now.contains(n))
        .collect();
    assert_eq!(g.provinces_2025.len(), 34);
    assert!(
        missing.is_empty(),
        "2025 provinces with no source: {missing:?}"
    );
}

#[test]
fn a_provincial_source_names_its_province_as_the_gazetteer_does_and_its_paper_is_known() {
    let g = gazetteer();
    for s in sources().sources.iter().filter(|s| !s.province.is_empty()) {
        let p = g
            .province_by_name(&s.province)
            .unwrap_or_else(|| panic!("{}: no province {:?}", s.name, s.province));
        assert_eq!(
            g.units[p].name, s.province,
            "{}: the province's own name, not another",
            s.name
        );
        let h = host(&s.base);
        let paper = g
            .paper_by_host(&h)
            .unwrap_or_else(|| panic!("{}: {h} is not in papers.tsv", s.name));
        assert_eq!(
            g.units[paper.province].name, s.province,
            "{}: papers.tsv files {h} under another province",
            s.name
        );
    }
}
