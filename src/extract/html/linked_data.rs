//! What a page's JSON-LD says about its article: headline, dates, author, body, and every
//! `@type` it declares (for the page type).

use super::super::words::WORDS;

/// What JSON-LD says about the article.
#[derive(Debug, Default)]
pub(super) struct LinkedData {
    /// Every `@type` seen, at any depth.
    pub(super) types: Vec<String>,
    pub(super) headline: Option<String>,
    pub(super) published: Option<String>,
    pub(super) author: Option<String>,
    pub(super) body: Option<String>,
    /// `datePublished` of a node that is not an article (a WebPage in a `@graph`).
    pub(super) page_published: Option<String>,
    /// `dateModified`, the page's last resort date.
    pub(super) modified: Option<String>,
}

pub(super) fn read_json_ld(blocks: &[String]) -> LinkedData {
    let mut ld = LinkedData::default();
    for b in blocks {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(b.trim()) {
            visit_ld(&v, &mut ld, 0);
        }
    }
    ld
}

pub(super) fn visit_ld(v: &serde_json::Value, ld: &mut LinkedData, depth: usize) {
    use serde_json::Value;
    if depth > 12 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| visit_ld(i, ld, depth + 1)),
        Value::Object(map) => {
            let ty = match map.get("@type") {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Array(a)) => a
                    .iter()
                    .filter_map(|x| x.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                _ => String::new(),
            };
            for t in ty.split_whitespace() {
                if ld.types.len() < 64 && !ld.types.iter().any(|x| x == t) {
                    ld.types.push(t.to_string());
                }
            }
            let articleish = WORDS.article_type.iter().any(|t| ty.contains(t));
            if articleish {
                if ld.headline.is_none() {
                    ld.headline = map.get("headline").and_then(|h| h.as_str()).map(unescaped);
                }
                if ld.published.is_none() {
                    ld.published = map
                        .get("datePublished")
                        .and_then(|h| h.as_str())
                        .map(str::to_string);
                }
                if ld.author.is_none() {
                    ld.author = map.get("author").and_then(ld_name);
                }
                if ld.body.is_none() {
                    ld.body = map
                        .get("articleBody")
                        .and_then(|h| h.as_str())
                        .map(str::to_string);
                }
            }
            let date = |k: &str| map.get(k).and_then(|h| h.as_str()).map(str::to_string);
            if ld.page_published.is_none() {
                ld.page_published = date("datePublished");
            }
            if ld.modified.is_none() {
                ld.modified = date("dateModified");
            }
            if let Some(g) = map.get("@graph") {
                visit_ld(g, ld, depth + 1);
            }
            if let Some(m) = map.get("mainEntity") {
                visit_ld(m, ld, depth + 1);
            }
        }
        _ => {}
    }
}

pub(super) fn ld_name(v: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    match v {
        Value::String(s) if !s.starts_with("http") => Some(unescaped(s)),
        Value::Object(m) => m.get("name").and_then(|n| n.as_str()).map(unescaped),
        Value::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(ld_name).collect();
            (!names.is_empty()).then(|| joined(&names))
        }
        _ => None,
    }
}

/// Several authors as a byline prints them: `A and B`, `A, B, and C` for names written in
/// plain ASCII (English bylines); names with diacritics (`Minh Thùy, Hoàng Anh`) are
/// listed with commas, as Vietnamese bylines do.
fn joined(names: &[String]) -> String {
    match names {
        [one] => one.clone(),
        _ if !names.iter().all(|n| n.is_ascii()) => names.join(", "),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
        [] => String::new(),
    }
}

/// A JSON-LD string with the HTML character references some CMSs leave in it (Yoast writes
/// `Maria &amp; Katerina`) read as the characters they stand for.
fn unescaped(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    scraper::Html::parse_fragment(s)
        .root_element()
        .text()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_headlines_lose_character_references() {
        let v: serde_json::Value = serde_json::from_str(
            r#"{"@type":"NewsArticle","headline":"Q&amp;A: Lan &#039;s notes","author":{"@type":"Person","name":"Maria &amp; Katerina"}}"#,
        )
        .expect("test JSON");
        let mut ld = LinkedData::default();
        visit_ld(&v, &mut ld, 0);
        assert_eq!(ld.headline.as_deref(), Some("Q&A: Lan 's notes"));
        assert_eq!(ld.author.as_deref(), Some("Maria & Katerina"));
        assert_eq!(unescaped("Tom & Jerry"), "Tom & Jerry");
        let names = |v: &str| ld_name(&serde_json::from_str(v).expect("test JSON"));
        assert_eq!(
            names(r#"[{"name":"Jo Mai"},{"name":"Lan Pham"}]"#).as_deref(),
            Some("Jo Mai and Lan Pham")
        );
        assert_eq!(
            names(r#"[{"name":"A Bo"},{"name":"C Do"},{"name":"E Fa"}]"#).as_deref(),
            Some("A Bo, C Do, and E Fa")
        );
        assert_eq!(
            names(r#"[{"name":"Minh Thùy"},{"name":"Hoàng Anh"}]"#).as_deref(),
            Some("Minh Thùy, Hoàng Anh")
        );
    }
}
