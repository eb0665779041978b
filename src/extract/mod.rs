//! The article: from a served page (HTML) or a plain-text dump to a [`Record`].
//! (Interim version: plain text only, whole text as body. Being written.)

use crate::record::Record;
use std::path::Path;

/// What can go wrong reading an input.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// The file could not be read.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// The input holds no article text.
    #[error("{0}")]
    Unreadable(String),
}

/// Extracts the record(s) of a file: one for HTML or text, one per response for WARC.
pub fn from_path(path: &Path, url: Option<&str>) -> Result<Vec<Record>, ExtractError> {
    let bytes = std::fs::read(path)?;
    Ok(vec![from_bytes(&bytes, url, None)?])
}

/// Extracts the record of one page given its bytes, its address and its `Content-Type`.
pub fn from_bytes(
    bytes: &[u8],
    url: Option<&str>,
    content_type: Option<&str>,
) -> Result<Record, ExtractError> {
    let decoded = crate::text::decode::decode(bytes, content_type);
    let body = crate::text::normalize(&decoded.text);
    let entities = crate::entities::find_all(&body);
    let source = url
        .and_then(|u| url::Url::parse(u).ok())
        .and_then(|u| u.host_str().map(str::to_string));
    let province = crate::entities::localities::infer_province(
        source.as_deref(),
        None,
        &body,
        &entities.localities,
    );
    Ok(Record {
        url: url.map(str::to_string),
        source,
        title: None,
        published: None,
        author: None,
        body,
        province: province.as_ref().map(|p| p.0.clone()),
        province_now: province.map(|p| p.1),
        entities,
    })
}
