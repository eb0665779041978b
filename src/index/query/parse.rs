//! The search box's grammar: what a person types, read into a tree.
//!
//! ```text
//! query    = or
//! or       = and { "OR" and }
//! and      = group { "AND" group }
//! group    = item { item }                 words side by side: one group
//! item     = [ "-" ] atom
//! atom     = word | "\"" phrase "\"" | "=" word | "=\"" phrase "\"" | "(" or ")"
//! ```
//!
//! Vietnamese words are several syllables long, so `OR` and `AND` separate the *groups*
//! around them: `hậu kiểm OR kết nạp` is `(hậu kiểm) OR (kết nạp)`, not `hậu (kiểm OR kết)
//! nạp`. `=` asks for the form as typed, diacritics included (`="bỏ nhiệm"` does not match
//! `bổ nhiệm`). Stray operators, quotes and parentheses are forgiven rather than refused; a
//! query left with no words at all is an error ([`ParseError::NoWords`]).

/// The most characters a query may have: longer ones are refused, not truncated.
pub const MAX_QUERY_CHARS: usize = 1_000;
/// The deepest nesting of parentheses.
const MAX_DEPTH: usize = 16;

/// Why a query cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// Longer than [`MAX_QUERY_CHARS`].
    #[error("the query is {0} characters long; at most {MAX_QUERY_CHARS} are read")]
    TooLong(usize),
    /// Operators, quotes or parentheses only.
    #[error("the query {0:?} has no words to search for")]
    NoWords(String),
    /// Parentheses nested deeper than the parser goes.
    #[error("the query nests parentheses more than {MAX_DEPTH} deep")]
    TooDeep,
}

/// A unit of the search box.
#[derive(Debug, Clone, PartialEq)]
pub enum Atom {
    /// A plain word; with its byte span in the query (readings replace it).
    Word(String, std::ops::Range<usize>),
    /// A quoted phrase: its syllables in order, any diacritics.
    Phrase(String),
    /// `="…"` or `=word`: the syllables in order, with the diacritics as typed.
    Exact(String),
    /// A parenthesised sub-query.
    Group(Box<Node>),
}

/// An item of a group, perhaps excluded.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// What it matches.
    pub atom: Atom,
    /// `-`: articles matching it are excluded.
    pub negated: bool,
}

/// The parsed query.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// Items side by side (all required; at the top level, best match).
    Group(Vec<Item>),
    /// `AND`: every operand required.
    And(Vec<Node>),
    /// `OR`: any operand.
    Or(Vec<Node>),
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String, std::ops::Range<usize>),
    Phrase(String),
    Exact(String),
    Minus,
    Open,
    Close,
    Or,
    And,
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„')
}

fn lex(q: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut it = q.char_indices().peekable();
    while let Some(&(i, c)) = it.peek() {
        if c.is_whitespace() || c == '+' {
            it.next();
            continue;
        }
        match c {
            '(' => {
                it.next();
                out.push(Tok::Open);
                continue;
            }
            ')' => {
                it.next();
                out.push(Tok::Close);
                continue;
            }
            _ => {}
        }
        // A sign binds only to what follows it directly.
        let next_is_attached = || {
            q[i + c.len_utf8()..]
                .chars()
                .next()
                .is_some_and(|n| !n.is_whitespace())
        };
        if c == '-' && next_is_attached() {
            it.next();
            out.push(Tok::Minus);
            continue;
        }
        let exact = c == '=' && next_is_attached();
        if exact {
            it.next();
        }
        if let Some(&(_, qc)) = it.peek()
            && is_quote(qc)
        {
            it.next();
            let mut text = String::new();
            while let Some(&(_, c)) = it.peek() {
                it.next();
                if is_quote(c) {
                    break;
                }
                text.push(c);
            }
            out.push(if exact {
                Tok::Exact(text)
            } else {
                Tok::Phrase(text)
            });
            continue;
        }
        let start = it.peek().map_or(q.len(), |&(i, _)| i);
        let mut end = start;
        while let Some(&(j, c)) = it.peek() {
            if c.is_whitespace() || c == '(' || c == ')' || is_quote(c) {
                break;
            }
            end = j + c.len_utf8();
            it.next();
        }
        let word = &q[start..end];
        if word.is_empty() {
            continue;
        }
        out.push(match (exact, word) {
            (true, _) => Tok::Exact(word.to_string()),
            (false, "OR" | "||" | "|") => Tok::Or,
            (false, "AND" | "&&" | "&") => Tok::And,
            _ => Tok::Word(word.to_string(), start..end),
        });
    }
    out
}

struct Parser {
    toks: Vec<Tok>,
    at: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at)
    }

    fn or(&mut self) -> Result<Option<Node>, ParseError> {
        let mut parts = Vec::new();
        loop {
            if let Some(n) = self.and()? {
                parts.push(n);
            }
            match self.peek() {
                Some(Tok::Or) => self.at += 1,
                _ => break,
            }
        }
        Ok(match parts.len() {
            0 => None,
            1 => parts.pop(),
            _ => Some(Node::Or(parts)),
        })
    }

    fn and(&mut self) -> Result<Option<Node>, ParseError> {
        let mut parts = Vec::new();
        loop {
            if let Some(n) = self.group()? {
                parts.push(n);
            }
            match self.peek() {
                Some(Tok::And) => self.at += 1,
                _ => break,
            }
        }
        Ok(match parts.len() {
            0 => None,
            1 => parts.pop(),
            _ => Some(Node::And(parts)),
        })
    }

    fn group(&mut self) -> Result<Option<Node>, ParseError> {
        let mut items = Vec::new();
        let mut negated = false;
        while let Some(t) = self.peek().cloned() {
            let atom = match t {
                Tok::Or | Tok::And => break,
                // A stray `)` closes the group; at the top level it is skipped.
                Tok::Close if self.depth > 0 => break,
                Tok::Close => {
                    self.at += 1;
                    continue;
                }
                Tok::Minus => {
                    self.at += 1;
                    negated = true;
                    continue;
                }
                Tok::Word(w, span) => {
                    self.at += 1;
                    Atom::Word(w, span)
                }
                Tok::Phrase(p) => {
                    self.at += 1;
                    Atom::Phrase(p)
                }
                Tok::Exact(p) => {
                    self.at += 1;
                    Atom::Exact(p)
                }
                Tok::Open => {
                    self.at += 1;
                    self.depth += 1;
                    if self.depth > MAX_DEPTH {
                        return Err(ParseError::TooDeep);
                    }
                    let inner = self.or()?;
                    self.depth -= 1;
                    // An unclosed `(` closes at the end of the query.
                    if self.peek() == Some(&Tok::Close) {
                        self.at += 1;
                    }
                    match inner {
                        Some(n) => Atom::Group(Box::new(n)),
                        None => {
                            negated = false;
                            continue;
                        }
                    }
                }
            };
            items.push(Item { atom, negated });
            negated = false;
        }
        Ok((!items.is_empty()).then_some(Node::Group(items)))
    }
}

/// Whether an atom holds something to search for (a phrase of only punctuation does not).
fn has_text(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
}

/// Drops atoms with nothing to search for, and groups left empty.
fn prune(node: Node) -> Option<Node> {
    match node {
        Node::Group(items) => {
            let items: Vec<Item> = items
                .into_iter()
                .filter_map(|it| {
                    let atom = match it.atom {
                        Atom::Word(w, s) => has_text(&w).then_some(Atom::Word(w, s))?,
                        Atom::Phrase(p) => has_text(&p).then_some(Atom::Phrase(p))?,
                        Atom::Exact(p) => has_text(&p).then_some(Atom::Exact(p))?,
                        Atom::Group(g) => Atom::Group(Box::new(prune(*g)?)),
                    };
                    Some(Item {
                        atom,
                        negated: it.negated,
                    })
                })
                .collect();
            (!items.is_empty()).then_some(Node::Group(items))
        }
        Node::And(v) => collapse(v.into_iter().filter_map(prune).collect(), Node::And),
        Node::Or(v) => collapse(v.into_iter().filter_map(prune).collect(), Node::Or),
    }
}

fn collapse(mut v: Vec<Node>, make: fn(Vec<Node>) -> Node) -> Option<Node> {
    match v.len() {
        0 => None,
        1 => v.pop(),
        _ => Some(make(v)),
    }
}

/// Reads a query. `Ok(None)` for an empty (or blank) query: the filters alone select.
pub fn parse(q: &str) -> Result<Option<Node>, ParseError> {
    let n = q.chars().count();
    if n > MAX_QUERY_CHARS {
        return Err(ParseError::TooLong(n));
    }
    if q.trim().is_empty() {
        return Ok(None);
    }
    let mut p = Parser {
        toks: lex(q),
        at: 0,
        depth: 0,
    };
    let mut parts = Vec::new();
    // `)` at the top level never stops the parse: keep reading until the end.
    while p.at < p.toks.len() {
        match p.or()? {
            Some(n) => parts.push(n),
            None => p.at += 1,
        }
    }
    let node = collapse(parts, Node::And).and_then(prune);
    match node {
        Some(n) if has_positive(&n) || matches!(&n, Node::Group(_)) => Ok(Some(n)),
        _ => Err(ParseError::NoWords(q.chars().take(80).collect())),
    }
}

/// Whether anything in the tree is searched for (not only excluded), or the tree excludes
/// something from the whole index (`-word` alone).
fn has_positive(n: &Node) -> bool {
    match n {
        Node::Group(items) => items.iter().any(|i| !i.negated),
        Node::And(v) | Node::Or(v) => v.iter().any(has_positive),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Atom {
        Atom::Word(s.to_string(), 0..0)
    }

    /// The tree with word spans blanked, for comparison.
    fn strip(n: Node) -> Node {
        match n {
            Node::Group(items) => Node::Group(
                items
                    .into_iter()
                    .map(|i| Item {
                        negated: i.negated,
                        atom: match i.atom {
                            Atom::Word(s, _) => w(&s),
                            Atom::Group(g) => Atom::Group(Box::new(strip(*g))),
                            a => a,
                        },
                    })
                    .collect(),
            ),
            Node::And(v) => Node::And(v.into_iter().map(strip).collect()),
            Node::Or(v) => Node::Or(v.into_iter().map(strip).collect()),
        }
    }

    fn p(q: &str) -> Node {
        strip(parse(q).expect(q).expect(q))
    }

    fn group(words: &[&str]) -> Node {
        Node::Group(
            words
                .iter()
                .map(|s| Item {
                    atom: w(s),
                    negated: false,
                })
                .collect(),
        )
    }

    #[test]
    fn or_separates_groups_of_words() {
        assert_eq!(
            p("hậu kiểm OR kết nạp"),
            Node::Or(vec![group(&["hậu", "kiểm"]), group(&["kết", "nạp"])])
        );
        assert_eq!(
            p("cán bộ AND đảng viên OR kỷ luật"),
            Node::Or(vec![
                Node::And(vec![group(&["cán", "bộ"]), group(&["đảng", "viên"])]),
                group(&["kỷ", "luật"])
            ])
        );
    }

    #[test]
    fn parentheses_group() {
        assert_eq!(
            p("(hậu kiểm OR kết nạp) đảng viên"),
            Node::Group(vec![
                Item {
                    atom: Atom::Group(Box::new(Node::Or(vec![
                        group(&["hậu", "kiểm"]),
                        group(&["kết", "nạp"])
                    ]))),
                    negated: false
                },
                Item {
                    atom: w("đảng"),
                    negated: false
                },
                Item {
                    atom: w("viên"),
                    negated: false
                },
            ])
        );
        // Unclosed and stray parentheses are forgiven.
        assert_eq!(
            p("(cán bộ"),
            Node::Group(vec![Item {
                atom: Atom::Group(Box::new(group(&["cán", "bộ"]))),
                negated: false
            }])
        );
        assert_eq!(p("cán bộ)"), p("cán bộ"));
    }

    #[test]
    fn phrases_exact_forms_and_exclusions() {
        assert_eq!(
            p(r#"="bỏ nhiệm" -"Quảng Nam" =cán "a b"#),
            Node::Group(vec![
                Item {
                    atom: Atom::Exact("bỏ nhiệm".into()),
                    negated: false
                },
                Item {
                    atom: Atom::Phrase("Quảng Nam".into()),
                    negated: true
                },
                Item {
                    atom: Atom::Exact("cán".into()),
                    negated: false
                },
                Item {
                    atom: Atom::Phrase("a b".into()),
                    negated: false
                },
            ])
        );
        // A hyphen inside a word or alone is not an exclusion.
        assert_eq!(p("12-NQ/TW"), group(&["12-NQ/TW"]));
    }

    #[test]
    fn word_spans_point_into_the_query() {
        let q = "can bo OR dang vien";
        let Some(Node::Or(v)) = parse(q).expect("parse") else {
            panic!("not an OR")
        };
        let Node::Group(items) = &v[1] else {
            panic!("not a group")
        };
        let Atom::Word(_, span) = &items[1].atom else {
            panic!("not a word")
        };
        assert_eq!(&q[span.clone()], "vien");
    }

    #[test]
    fn queries_without_words_are_refused() {
        for q in ["\"", "-", "OR AND OR", "(( ))", "- -", "\"  \"", "=", "()"] {
            assert!(
                matches!(parse(q), Err(ParseError::NoWords(_))),
                "{q}: {:?}",
                parse(q)
            );
        }
        assert_eq!(parse("   "), Ok(None));
        let long = "a ".repeat(5_000);
        assert!(matches!(parse(&long), Err(ParseError::TooLong(10_000))));
        let deep = format!("{}a{}", "(".repeat(40), ")".repeat(40));
        assert_eq!(parse(&deep), Err(ParseError::TooDeep));
        // `-word` alone is a query: everything but.
        assert!(parse("-x").is_ok());
    }
}
