//! The `statistics` list of the record. (Contract placeholder; being written.)

use crate::record::{DateMention, Document, Statistic};

/// Finds every reported figure in a normalised body, skipping dates and document numbers.
pub fn find(_body: &str, _documents: &[Document], _dates: &[DateMention]) -> Vec<Statistic> {
    Vec::new()
}
