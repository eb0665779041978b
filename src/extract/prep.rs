//! One linear pass over the HTML before parsing: drops what never holds article text
//! (scripts, styles, comments, SVG, templates), keeps JSON-LD aside, and caps the nesting
//! depth.
//!
//! Why: scripts and styles are often half of a news page's bytes, and the parser's cost is
//! per byte; and html5ever's tree builder scans its stack of open elements on many start
//! tags, so 100k nested `<div>`s cost quadratic time. Browsers cap nesting too (Blink at
//! 512); past [`MAX_DEPTH`] start tags and their end tags are dropped, the text kept.

/// Deepest element nesting kept.
pub const MAX_DEPTH: usize = 400;

/// The HTML to parse and the JSON-LD blocks found on the way.
#[derive(Debug, Default)]
pub struct Prepared {
    /// The page without scripts, styles, comments and excess nesting.
    pub html: String,
    /// The text of every `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
}

/// Elements whose whole content is dropped.
const DROP: [&str; 8] = [
    "script", "style", "noscript", "template", "svg", "math", "textarea", "iframe",
];
/// Elements that never hold content.
const VOID: [&str; 15] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];
/// Elements whose end tag may be left out: they do not nest in practice, so they are not
/// counted (a page of 5,000 unclosed `<p>` is not deep).
const OPTIONAL_END: [&str; 14] = [
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "rb",
    "rt",
];

/// Prepares `html` for parsing.
pub fn prepare(html: &str) -> Prepared {
    let bytes = html.as_bytes();
    let mut out = Prepared {
        html: String::with_capacity(html.len()),
        json_ld: Vec::new(),
    };
    let mut depth = 0usize;
    let mut excess = 0usize;
    let mut copied = 0usize; // bytes of `html` before this index are handled
    let mut at = 0usize;
    while let Some(off) = memchr::memchr(b'<', &bytes[at..]) {
        let lt = at + off;
        let rest = &bytes[lt + 1..];
        if rest.starts_with(b"!--") {
            out.html.push_str(&html[copied..lt]);
            let end = find(bytes, lt + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            copied = end;
            at = end;
            continue;
        }
        if rest.first().is_some_and(|c| *c == b'!' || *c == b'?') {
            // Doctype, CDATA, processing instruction: nothing the extractor reads.
            out.html.push_str(&html[copied..lt]);
            let end = memchr::memchr(b'>', &bytes[lt..]).map_or(bytes.len(), |e| lt + e + 1);
            copied = end;
            at = end;
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = lt + 1 + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':')
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            at = lt + 1;
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let tag_end = tag_end(bytes, name_start + name_len);
        if closing {
            if OPTIONAL_END.contains(&name.as_str()) || VOID.contains(&name.as_str()) {
                at = tag_end;
                continue;
            }
            if excess > 0 {
                out.html.push_str(&html[copied..lt]);
                copied = tag_end;
                excess -= 1;
            } else {
                depth = depth.saturating_sub(1);
            }
            at = tag_end;
            continue;
        }
        if DROP.contains(&name.as_str()) {
            out.html.push_str(&html[copied..lt]);
            let close = find_close(bytes, tag_end, &name);
            if name == "script" {
                let tag = html[lt..tag_end].to_ascii_lowercase();
                if tag.contains("ld+json") {
                    let end = close.map_or(bytes.len(), |(s, _)| s);
                    out.json_ld.push(html[tag_end..end].to_string());
                }
            }
            let end = close.map_or(bytes.len(), |(_, e)| e);
            copied = end;
            at = end;
            continue;
        }
        let self_closing = tag_end >= 2 && bytes[tag_end - 2] == b'/';
        if VOID.contains(&name.as_str()) || OPTIONAL_END.contains(&name.as_str()) || self_closing {
            at = tag_end;
            continue;
        }
        if depth >= MAX_DEPTH {
            out.html.push_str(&html[copied..lt]);
            copied = tag_end;
            excess += 1;
        } else {
            depth += 1;
        }
        at = tag_end;
    }
    out.html.push_str(&html[copied.min(html.len())..]);
    out
}

/// Index just past the `>` that ends the tag whose name ends at `from`; quotes count only
/// around attribute values, as in the tokenizer.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    let mut quote: Option<u8> = None;
    let mut after_eq = false;
    while i < bytes.len() {
        let c = bytes[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                b'>' => return i + 1,
                b'"' | b'\'' if after_eq => quote = Some(c),
                b'=' => {
                    after_eq = true;
                    i += 1;
                    continue;
                }
                b' ' | b'\t' | b'\n' | b'\r' if after_eq => {
                    i += 1;
                    continue;
                }
                _ => {}
            },
        }
        after_eq = false;
        i += 1;
    }
    bytes.len()
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes.get(from..)?, needle).map(|i| from + i)
}

/// The `</name ...>` closing a dropped element: (start of the end tag, index past it).
fn find_close(bytes: &[u8], from: usize, name: &str) -> Option<(usize, usize)> {
    let mut at = from;
    while let Some(off) = memchr::memmem::find(bytes.get(at..)?, b"</") {
        let s = at + off;
        let n = &bytes[s + 2..];
        if n.len() >= name.len()
            && n[..name.len()].eq_ignore_ascii_case(name.as_bytes())
            && n.get(name.len()).is_none_or(|c| !c.is_ascii_alphanumeric())
        {
            let e = memchr::memchr(b'>', &bytes[s..]).map_or(bytes.len(), |e| s + e + 1);
            return Some((s, e));
        }
        at = s + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_scripts_keeps_json_ld() {
        let p = prepare(
            "<p>a<!-- x --></p><script>if (a<b) {}</script><script type=\"application/ld+json\">{\"a\":1}</script><style>p{}</style><p>b</p>",
        );
        assert_eq!(p.html, "<p>a</p><p>b</p>");
        assert_eq!(p.json_ld, vec!["{\"a\":1}".to_string()]);
    }

    #[test]
    fn caps_depth_keeps_text() {
        let n = 2000;
        let html = format!("{}deep text{}", "<div>".repeat(n), "</div>".repeat(n));
        let p = prepare(&html);
        assert_eq!(p.html.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(p.html.matches("</div>").count(), MAX_DEPTH);
        assert!(p.html.contains("deep text"));
    }

    #[test]
    fn quoted_gt_in_attribute() {
        let p = prepare("<a title=\"x > y\" href=\"/\">link</a><script>x</script>z");
        assert_eq!(p.html, "<a title=\"x > y\" href=\"/\">link</a>z");
    }

    #[test]
    fn unclosed_script_and_comment() {
        assert_eq!(prepare("<p>a</p><script>never closed").html, "<p>a</p>");
        assert_eq!(prepare("<p>a</p><!-- never closed").html, "<p>a</p>");
    }
}
