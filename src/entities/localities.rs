//! The `localities` list of the record. (Contract placeholder; being written.)

use crate::record::{Locality, Official};

/// Finds every mention of an administrative unit in a normalised body; spans already taken
/// by `officials` are people, not places.
pub fn find(_body: &str, _officials: &[Official]) -> Vec<Locality> {
    Vec::new()
}

/// The province an article reports on, as (pre-2025 name, post-2025 name): from the
/// publishing site's host, the title, the body's opening and the localities it names.
pub fn infer_province(
    _source_host: Option<&str>,
    _title: Option<&str>,
    _body: &str,
    _localities: &[Locality],
) -> Option<(String, String)> {
    None
}
