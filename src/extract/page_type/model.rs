//! The two boosted-tree ensembles of `corpus/reference/page_type.tsv` (article or not; then
//! listing or other), read strictly: a bad row or a feature this build does not compute is
//! an error naming its line.

use super::features::FEATURES;
use std::collections::HashMap;
use std::sync::LazyLock;

/// One node of a tree: a split on a feature, or a leaf's value.
#[derive(Debug, Clone, Copy)]
pub(super) struct Node {
    /// Index into [`FEATURES`]; `None` for a leaf.
    feature: Option<usize>,
    split: f64,
    left: usize,
    right: usize,
    value: f64,
    leaf: bool,
}

/// Boosted trees for a log-odds.
#[derive(Debug, Default)]
pub(super) struct Ensemble {
    base: f64,
    trees: Vec<Vec<Node>>,
}

impl Ensemble {
    pub(super) fn probability(&self, x: &[f64]) -> f64 {
        let mut z = self.base;
        for t in &self.trees {
            let mut i = 0usize;
            // Depth is bounded by the table; the step count guards against a corrupt one.
            for _ in 0..64 {
                let Some(n) = t.get(i) else { break };
                if n.leaf {
                    z += n.value;
                    break;
                }
                let v = n
                    .feature
                    .and_then(|f| x.get(f))
                    .copied()
                    .unwrap_or(f64::MIN);
                i = if v <= n.split { n.left } else { n.right };
            }
        }
        1.0 / (1.0 + (-z).exp())
    }
}

/// The two models of `corpus/reference/page_type.tsv`.
#[derive(Debug, Default)]
pub(super) struct Model {
    pub(super) article: Ensemble,
    pub(super) threshold: f64,
    pub(super) listing: Ensemble,
}

/// The tree table, compiled in.
pub(super) const TABLE: &str = include_str!("../../../corpus/reference/page_type.tsv");

pub(super) static MODEL: LazyLock<Model> = LazyLock::new(|| {
    // The table is compiled in and a test parses it, so this holds in any build that passed
    // its tests; were it broken, every page would be an article rather than a panic.
    parse_model(TABLE).unwrap_or_else(|e| {
        tracing::error!(error = %e, "corpus/reference/page_type.tsv");
        Model {
            threshold: 0.0,
            ..Model::default()
        }
    })
});

/// Reads the tree table (see its header). Strict: a row that does not parse, a feature
/// this build does not compute, a child out of its tree or a missing base or threshold is
/// an error naming the line — a table that silently sent every split left would decide
/// every page the same way.
pub(super) fn parse_model(text: &str) -> Result<Model, String> {
    let index: HashMap<&str, usize> = FEATURES.iter().enumerate().map(|(i, f)| (*f, i)).collect();
    let mut m = Model::default();
    let (mut bases, mut threshold) = (0, false);
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let at = |why: &str| format!("line {}: {why}: {line:?}", n + 1);
        let c: Vec<&str> = line.split('\t').map(str::trim).collect();
        let num = |i: usize| -> Result<f64, String> {
            c.get(i)
                .and_then(|v| v.parse::<f64>().ok())
                .filter(|v| v.is_finite())
                .ok_or_else(|| at(&format!("column {} is not a number", i + 1)))
        };
        let idx = |i: usize| -> Result<usize, String> {
            c.get(i)
                .and_then(|v| v.parse::<usize>().ok())
                .ok_or_else(|| at(&format!("column {} is not an index", i + 1)))
        };
        match (c[0], c.get(1).copied()) {
            ("(base)", Some("article")) if c.len() == 3 => {
                m.article.base = num(2)?;
                bases += 1;
            }
            ("(base)", Some("listing")) if c.len() == 3 => {
                m.listing.base = num(2)?;
                bases += 1;
            }
            ("(threshold)", Some("article")) if c.len() == 3 => {
                m.threshold = num(2)?;
                threshold = true;
            }
            (name @ ("article" | "listing"), _) if c.len() == 8 => {
                let (tree, node, split, value) = (idx(1)?, idx(2)?, num(4)?, num(7)?);
                let feature_name = c[3];
                let leaf = feature_name == "-";
                let feature = if leaf {
                    None
                } else {
                    Some(
                        *index
                            .get(feature_name)
                            .ok_or_else(|| at("a feature this build does not compute"))?,
                    )
                };
                let (left, right) = if leaf { (0, 0) } else { (idx(5)?, idx(6)?) };
                if !leaf && (left <= node || right <= node) {
                    return Err(at("a child that is not below its node"));
                }
                let e = if name == "article" {
                    &mut m.article
                } else {
                    &mut m.listing
                };
                if tree >= e.trees.len() {
                    e.trees.resize(tree + 1, Vec::new());
                }
                let nodes = &mut e.trees[tree];
                if node != nodes.len() {
                    return Err(at("nodes out of order"));
                }
                nodes.push(Node {
                    feature,
                    split,
                    left,
                    right,
                    value,
                    leaf,
                });
            }
            _ => return Err(at("not a row of the table")),
        }
    }
    if bases != 2 || !threshold {
        return Err("the table lacks a base score or the article threshold".into());
    }
    for (name, e) in [("article", &m.article), ("listing", &m.listing)] {
        for (t, nodes) in e.trees.iter().enumerate() {
            if nodes.is_empty()
                || nodes
                    .iter()
                    .any(|n| !n.leaf && (n.left >= nodes.len() || n.right >= nodes.len()))
            {
                return Err(format!("{name} tree {t}: a child out of the tree"));
            }
        }
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::page_type::{Context, Signals, features::features};

    #[test]
    fn every_feature_has_a_name_and_the_table_parses_strictly() {
        let x = features(&Signals::default(), &Context::default());
        assert_eq!(x.len(), FEATURES.len());
        let m = parse_model(TABLE).expect("corpus/reference/page_type.tsv");
        assert!(m.threshold > 0.0 && m.threshold < 1.0);
        assert!(m.article.trees.len() >= 10 && m.listing.trees.len() >= 10);
        // The header says the table is generated, and by which command.
        assert!(
            TABLE
                .lines()
                .take(3)
                .any(|l| l.contains("Generated by") && l.contains("scripts/train_page_type.py")),
            "the table's header names the command that wrote it"
        );
    }

    #[test]
    fn a_bad_table_is_refused_with_its_line() {
        let good = "(base)\tarticle\t0.1\n(base)\tlisting\t-0.8\n(threshold)\tarticle\t0.2\n\
                    article\t0\t0\tog_article\t0.5\t1\t2\t0\n\
                    article\t0\t1\t-\t0\t-1\t-1\t-0.1\n\
                    article\t0\t2\t-\t0\t-1\t-1\t0.2\n";
        assert!(parse_model(good).is_ok());
        for (bad, why) in [
            (good.replace("og_article", "og_artikel"), "does not compute"),
            (good.replace("\t0.5\t1\t2", "\tx\t1\t2"), "not a number"),
            (
                good.replace("\t1\t2\t0\n", "\t1\t7\t0\n"),
                "out of the tree",
            ),
            (good.replace("(threshold)\tarticle\t0.2\n", ""), "threshold"),
            (format!("{good}article\t0\t0\n"), "not a row"),
        ] {
            let e = parse_model(&bad).expect_err(why);
            assert!(e.contains(why), "{why}: {e}");
        }
    }
}
