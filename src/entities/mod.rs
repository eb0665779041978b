//! Entities: what an article names. One module per list of the record, plus the gazetteer
//! and the table of Central Committee plenum resolutions they draw on.
//!
//! Input: a normalised body ([`crate::text::normalize`]). Output: [`Entities`] with code
//! point offsets into that body. Inside, finders keep byte offsets and see each other's
//! results in bytes where one kind must not be mistaken for another (a date is not a
//! statistic; a person is not a locality); the record's maker converts them once.

pub mod dates;
pub mod documents;
pub mod gazetteer;
pub mod localities;
pub mod officials;
pub mod statistics;

use crate::record::Entities;

/// Finds every entity list in a normalised `body`; `published` (`YYYY-MM-DD…`) dates the
/// days it prints without their year. Offsets are code points, as the record gives them.
pub fn find_all(body: &str, published: Option<&str>) -> Entities {
    let mut entities = scan(body, published);
    entities.spans_to_code_points(body);
    entities
}

/// [`find_all`] with every span still in byte offsets: the finders slice the body and
/// compare each other's spans in bytes, and the record's maker converts once, after the
/// steps that read the article as a whole (the figures' periods and units).
pub(crate) fn scan(body: &str, published: Option<&str>) -> Entities {
    let dates = dates::scan(body, published);
    let documents = documents::scan(body, Some(&dates));
    let officials = officials::scan(body);
    let localities = localities::scan(body, &officials);
    let statistics = statistics::scan(body, &documents, &dates);
    Entities {
        documents,
        dates,
        officials,
        localities,
        statistics,
    }
}
