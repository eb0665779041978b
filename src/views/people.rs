//! The people the index names, one row per person: the same name in the same province
//! across articles — with its titles or without — is one person; one name in two provinces
//! is two. Each title carries the first and last publication date it was printed with.
//!
//! A name alone cannot tell two namesakes of one province apart, nor follow a person who
//! moves to another province: this is the rule a reader of provincial papers applies, and the
//! one the rows say they follow.

use super::ViewError;
use crate::index::{Index, SearchRequest};
use crate::text::fold_lower;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Articles listed per person (the latest).
pub const RECENT: usize = 20;

/// A title a person was printed with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonTitle {
    /// The title as printed (`Bí thư Tỉnh ủy`).
    pub title: String,
    /// The first publication date it was printed with (`YYYY-MM-DD`), if dated.
    pub first: Option<String>,
    /// The last.
    pub last: Option<String>,
}

/// An article naming a person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonArticle {
    /// The article's id.
    pub id: String,
    /// Its headline.
    pub title: Option<String>,
    /// Its publication date.
    pub published: Option<String>,
}

/// One person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    /// The name as first printed.
    pub name: String,
    /// The province of the articles naming them (pre-2025 name).
    pub province: Option<String>,
    /// Titles, earliest first.
    pub titles: Vec<PersonTitle>,
    /// Articles naming them.
    pub articles: u64,
    /// Mentions in all.
    pub mentions: u64,
    /// The latest articles naming them (at most [`RECENT`]).
    pub recent: Vec<PersonArticle>,
}

/// A people request.
#[derive(Debug, Clone, Default)]
pub struct PeopleRequest {
    /// Only articles about this province (pre- or post-2025 name).
    pub province: Option<String>,
    /// Only people whose name holds this (diacritics and case aside).
    pub name: Option<String>,
}

#[derive(Default)]
struct Acc {
    name: String,
    province: Option<String>,
    titles: BTreeMap<String, (Option<String>, Option<String>)>,
    articles: u64,
    mentions: u64,
    recent: Vec<PersonArticle>,
}

fn day(published: Option<&str>) -> Option<String> {
    published.and_then(|p| p.get(..10)).map(String::from)
}

/// The people of the selected articles, most articles first.
pub fn people(index: &Index, req: &PeopleRequest) -> Result<Vec<Person>, ViewError> {
    let wanted = req
        .name
        .as_deref()
        .map(fold_lower)
        .filter(|n| !n.trim().is_empty());
    if let Some(n) = &wanted
        && n.chars().count() > 200
    {
        return Err(ViewError::Bad("name is longer than 200 characters".into()));
    }
    // A reprint names the same people again: each story counts once.
    let search = Some(SearchRequest {
        province: req.province.clone(),
        ..Default::default()
    });
    let mut acc: HashMap<(String, Option<String>), Acc> = HashMap::new();
    index.for_each_record(search.as_ref(), &mut |id, rec| {
        let date = day(rec.published.as_deref());
        let mut seen: HashSet<(String, Option<String>)> = HashSet::new();
        for o in &rec.entities.officials {
            let folded = fold_lower(&o.name);
            if wanted
                .as_ref()
                .is_some_and(|w| !folded.contains(w.as_str()))
            {
                continue;
            }
            let key = (o.name.to_lowercase(), rec.province.clone());
            let a = acc.entry(key.clone()).or_insert_with(|| Acc {
                name: o.name.clone(),
                province: rec.province.clone(),
                ..Default::default()
            });
            a.mentions += 1;
            for t in &o.titles {
                let span = a.titles.entry(t.clone()).or_default();
                if let Some(d) = &date {
                    if span.0.as_ref().is_none_or(|f| d < f) {
                        span.0 = Some(d.clone());
                    }
                    if span.1.as_ref().is_none_or(|l| d > l) {
                        span.1 = Some(d.clone());
                    }
                }
            }
            if seen.insert(key) {
                a.articles += 1;
                // Records stream in date order: the latest are the last seen.
                a.recent.push(PersonArticle {
                    id: id.to_string(),
                    title: rec.title.clone(),
                    published: rec.published.clone(),
                });
                if a.recent.len() > RECENT {
                    a.recent.remove(0);
                }
            }
        }
        Ok(())
    })?;
    let mut out: Vec<Person> = acc
        .into_values()
        .map(|a| {
            let mut titles: Vec<PersonTitle> = a
                .titles
                .into_iter()
                .map(|(title, (first, last))| PersonTitle { title, first, last })
                .collect();
            titles.sort_by(|x, y| x.first.cmp(&y.first).then(x.title.cmp(&y.title)));
            let mut recent = a.recent;
            recent.reverse();
            Person {
                name: a.name,
                province: a.province,
                titles,
                articles: a.articles,
                mentions: a.mentions,
                recent,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then(a.name.cmp(&b.name))
            .then(a.province.cmp(&b.province))
    });
    Ok(out)
}
