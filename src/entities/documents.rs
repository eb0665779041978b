//! The `documents` list of the record. (Contract placeholder; being written.)

use crate::record::Document;

/// Finds every mention in a normalised body.
pub fn find(_body: &str) -> Vec<Document> {
    Vec::new()
}
