//! The `dates` list of the record. (Contract placeholder; being written.)

use crate::record::DateMention;

/// Finds every mention in a normalised body.
pub fn find(_body: &str) -> Vec<DateMention> {
    Vec::new()
}
