//! Bytes to text: BOM, declared charset (HTTP header or `<meta>`), else detection; then
//! the caller normalises.
//!
//! `windows-1258` (common on older Vietnamese sites) writes tone marks as combining
//! characters after the vowel, so its output is NFD-like; [`super::normalize`] makes it NFC.

use encoding_rs::Encoding;

/// The result of decoding: the text and the encoding that produced it.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The decoded text (not yet normalised).
    pub text: String,
    /// The encoding used, by its WHATWG name (`UTF-8`, `windows-1258`).
    pub encoding: &'static str,
    /// Whether malformed sequences were replaced with U+FFFD.
    pub had_errors: bool,
}

/// Decodes `bytes`, trusting in order: a byte order mark, the `charset` of an HTTP
/// `Content-Type` header value, a `<meta charset>` or `http-equiv` in the first 4 KiB,
/// valid UTF-8, and last a statistical guess.
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
            had_errors,
        };
    }
    let declared = content_type
        .and_then(charset_param)
        .or_else(|| sniff_meta_charset(&bytes[..bytes.len().min(4096)]));
    if let Some(enc) = declared {
        // A page that declares a legacy charset but is valid UTF-8 is UTF-8 in practice.
        if enc != encoding_rs::UTF_8 && std::str::from_utf8(bytes).is_ok() && !bytes.is_ascii() {
            return utf8(bytes);
        }
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        return Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
            had_errors,
        };
    }
    if std::str::from_utf8(bytes).is_ok() {
        return utf8(bytes);
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(Some(b"vn"), chardetng::Utf8Detection::Allow);
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        had_errors,
    }
}

fn utf8(bytes: &[u8]) -> Decoded {
    let (text, had_errors) = encoding_rs::UTF_8.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: "UTF-8",
        had_errors,
    }
}

/// The encoding named by a `charset=` parameter, as in a `Content-Type` value.
pub fn charset_param(content_type: &str) -> Option<&'static Encoding> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = lower[at + 7..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| {
            c == '"' || c == '\'' || c == ';' || c == '>' || c == '/' || c.is_whitespace()
        })
        .unwrap_or(rest.len());
    Encoding::for_label(&rest.as_bytes()[..end])
}

/// The charset a page declares in its head (`<meta charset=…>` or `http-equiv`).
pub fn sniff_meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let text = String::from_utf8_lossy(head);
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find("<meta") {
        let tag_start = from + i;
        let tag_end = lower[tag_start..]
            .find('>')
            .map_or(lower.len(), |e| tag_start + e);
        if let Some(enc) = charset_param(&lower[tag_start..tag_end]) {
            return Some(enc);
        }
        from = tag_end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_wins() {
        let d = decode(b"\xEF\xBB\xBFabc", Some("text/html; charset=windows-1258"));
        assert_eq!(d.text, "abc");
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn windows_1258_from_header() {
        // "Đảng" in windows-1258: Đ = 0xD0, a, hook above = 0xD2, n, g.
        let d = decode(b"\xD0a\xD2ng", Some("text/html; charset=windows-1258"));
        assert_eq!(crate::text::normalize(&d.text), "Đảng");
    }

    #[test]
    fn meta_charset() {
        let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\"></head><body>\xD0a\xD2ng</body></html>";
        let d = decode(page, None);
        assert_eq!(d.encoding, "windows-1258");
        assert!(crate::text::normalize(&d.text).contains("Đảng"));
    }
}
