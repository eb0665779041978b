//! Entities: what an article names. One module per list of the record, plus the gazetteer
//! and the table of Central Committee plenum resolutions they draw on.
//!
//! Input: a normalised body ([`crate::text::normalize`]). Output: [`Entities`] with code
//! point offsets into that body. Finders see each other's results where one kind must not
//! be mistaken for another (a date is not a statistic; a person is not a locality).

pub mod dates;
pub mod documents;
pub mod gazetteer;
pub mod localities;
pub mod officials;
pub mod statistics;

use crate::record::Entities;

/// Finds every entity list in a normalised `body`; `published` (`YYYY-MM-DD…`) dates the
/// days it prints without their year.
pub fn find_all(body: &str, published: Option<&str>) -> Entities {
    let documents = documents::find(body);
    let dates = dates::find_dated(body, published);
    let officials = officials::find(body);
    let localities = localities::find(body, &officials);
    let statistics = statistics::find(body, &documents, &dates);
    Entities {
        documents,
        dates,
        officials,
        localities,
        statistics,
    }
}
