//! The `officials` list of the record. (Contract placeholder; being written.)

use crate::record::Official;

/// Finds every mention in a normalised body.
pub fn find(_body: &str) -> Vec<Official> {
    Vec::new()
}
