//! The parsers that face the network, fed generated and mutated inputs: WARC reading (plain
//! and gzipped per record), robots.txt, sitemaps and feeds, links of a page, charset
//! detection and the rule of what an answer holds. Whatever the bytes, each returns — no
//! panic — within a bounded time, and what it returns stays bounded by what came in.
//! (HTML extraction has its own: `tests/extract_props.rs`.)

use baochi::crawl::discover;
use baochi::crawl::robots::Robots;
use baochi::extract::admit::{Answer, page_in};
use baochi::warc::read::Reader;
use proptest::prelude::*;
use std::io::Write;
use std::time::{Duration, Instant};

/// What one input may take, generous for a loaded CI machine.
const PER_INPUT: Duration = Duration::from_secs(3);

fn gz(b: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(b).unwrap();
    e.finish().unwrap()
}

/// One WARC record of a random kind around a random HTTP body.
fn record(kind: u8, body: &[u8], n: usize) -> Vec<u8> {
    let (kind, block_type) = match kind % 4 {
        0 => ("response", "application/http; msgtype=response"),
        1 => ("request", "application/http; msgtype=request"),
        2 => ("resource", "text/html"),
        _ => ("warcinfo", "application/warc-fields"),
    };
    let mut block = Vec::new();
    if kind == "response" {
        block.extend_from_slice(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n");
    }
    block.extend_from_slice(body);
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: http://bao.vn/{n}\r\n\
         Content-Type: {block_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(&block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

/// A mutation of some bytes: flipped, cut, or with garbage inserted.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Cut(usize),
    Insert(usize, Vec<u8>),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1u8..=255).prop_map(|(at, x)| Mutation::Flip(at, x)),
        any::<usize>().prop_map(Mutation::Cut),
        (
            any::<usize>(),
            proptest::collection::vec(any::<u8>(), 1..64)
        )
            .prop_map(|(at, b)| Mutation::Insert(at, b)),
    ]
}

fn mutate(bytes: &mut Vec<u8>, ms: &[Mutation]) {
    for m in ms {
        if bytes.is_empty() {
            return;
        }
        match m {
            Mutation::Flip(at, x) => {
                let i = at % bytes.len();
                bytes[i] ^= x;
            }
            Mutation::Cut(at) => bytes.truncate(at % bytes.len()),
            Mutation::Insert(at, b) => {
                let i = at % bytes.len();
                bytes.splice(i..i, b.iter().copied());
            }
        }
    }
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..300),
        "[ -~àáạảãđĐơưêôăâ<>/=\"\r\n]{0,300}".prop_map(String::into_bytes),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn warc_reading_survives_any_damage(
        records in proptest::collection::vec((any::<u8>(), body()), 1..6),
        gzipped in any::<bool>(),
        damage in proptest::collection::vec(mutation(), 0..4),
    ) {
        let mut bytes = Vec::new();
        for (n, (kind, b)) in records.iter().enumerate() {
            let r = record(*kind, b, n);
            bytes.extend(if gzipped { gz(&r) } else { r });
        }
        let input_len = bytes.len();
        mutate(&mut bytes, &damage);
        let started = Instant::now();
        let Ok(reader) = Reader::new(std::io::Cursor::new(bytes)) else {
            return Ok(());
        };
        let (mut ok, mut results) = (0usize, 0usize);
        for r in reader {
            results += 1;
            if let Ok(rec) = r {
                ok += 1;
                // A record's payload comes from the input (inflated at most by gzip).
                prop_assert!(rec.payload.len() <= 64 * (input_len + 1024));
            }
            prop_assert!(results <= 4 * records.len() + 16, "the reader keeps returning");
        }
        prop_assert!(ok <= records.len() + 8);
        prop_assert!(started.elapsed() < PER_INPUT);
        if damage.is_empty() {
            prop_assert_eq!(ok, records.len());
        }
    }

    #[test]
    fn robots_txt_of_any_bytes(
        text in "((User-agent|Disallow|Allow|Crawl-delay|Sitemap|#)[ :]{0,2}[ -~]{0,40}\n){0,30}",
        noise in proptest::collection::vec(any::<u8>(), 0..200),
        status in prop_oneof![Just(None), (100u16..600).prop_map(Some)],
        path in "/[a-z0-9/?=&%*$.-]{0,40}",
    ) {
        let started = Instant::now();
        for body in [text.as_bytes(), &noise[..]] {
            let r = Robots::from_response(status, body, "test");
            let _ = r.allowed(&format!("http://bao.vn{path}"));
            let _ = r.crawl_delay();
            prop_assert!(r.sitemaps().len() <= 31);
        }
        prop_assert!(started.elapsed() < PER_INPUT);
    }

    #[test]
    fn sitemaps_feeds_and_links_of_any_bytes(
        items in proptest::collection::vec("[ -~àđ]{0,40}", 0..20),
        wrap in 0u8..4,
        damage in proptest::collection::vec(mutation(), 0..3),
        ct in prop_oneof![Just(None), Just(Some("text/xml")), Just(Some("text/html; charset=windows-1258"))],
    ) {
        let inner: String = items
            .iter()
            .map(|i| match wrap {
                0 => format!("<url><loc>{i}</loc></url>"),
                1 => format!("<item><link>{i}</link></item>"),
                2 => format!("<entry><link href=\"{i}\"/></entry>"),
                _ => format!("<a href=\"{i}\">{i}</a>"),
            })
            .collect();
        let doc = match wrap {
            0 => format!("<urlset>{inner}</urlset>"),
            1 => format!("<rss><channel>{inner}</channel></rss>"),
            2 => format!("<feed>{inner}</feed>"),
            _ => format!("<html><head><link rel=canonical href=\"/x\"></head><body>{inner}</body></html>"),
        };
        let mut bytes = doc.into_bytes();
        mutate(&mut bytes, &damage);
        let started = Instant::now();
        let page = url::Url::parse("http://bao.vn/a/b.html").unwrap();
        let locs = discover::sitemap_entries(&bytes);
        let feed = discover::feed_entries(&bytes);
        let links = discover::html_links(&bytes, ct, &page);
        let _ = baochi::extract::admit::sniff(&bytes, ct);
        // Nothing is found that the input does not hold.
        prop_assert!(locs.len() <= items.len() + 4);
        prop_assert!(feed.len() <= items.len() + 4);
        prop_assert!(links.links.len() <= items.len() + 4);
        prop_assert!(started.elapsed() < PER_INPUT);
    }

    #[test]
    fn charset_detection_and_the_page_rule_of_any_bytes(
        bytes in proptest::collection::vec(any::<u8>(), 0..2000),
        ct in prop_oneof![
            Just(None),
            Just(Some("text/html")),
            Just(Some("text/html; charset=windows-1258")),
            Just(Some("text/html; charset=bogus")),
            Just(Some("text/plain; charset=utf-16")),
        ],
        meta in prop_oneof![Just(""), Just("<meta charset=\"windows-1258\">"), Just("<meta http-equiv=content-type content=\"text/html; charset=tcvn\">")],
        status in prop_oneof![Just(None), (100u16..600).prop_map(Some)],
        gzipped in any::<bool>(),
    ) {
        let mut input = meta.as_bytes().to_vec();
        input.extend_from_slice(&bytes);
        let started = Instant::now();
        let d = baochi::text::decode::decode(&input, ct);
        // Decoding never inflates past a few bytes per input byte.
        prop_assert!(d.text.len() <= 4 * input.len() + 16);
        let body = if gzipped { gz(&input) } else { input.clone() };
        let answer = Answer {
            url: Some("http://bao.vn/bai.html"),
            status,
            content_type: ct,
            body: &body,
            truncated: false,
        };
        if let Ok(page) = page_in(&answer) {
            prop_assert!(page.len() <= input.len().max(body.len()));
            prop_assert!(status.is_none_or(|s| (200..300).contains(&s)));
        }
        prop_assert!(started.elapsed() < PER_INPUT);
    }
}
