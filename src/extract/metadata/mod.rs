//! Article metadata read from text, whatever the page's format: dates (`dates`: date lines
//! such as `16/06/2013 - 20:09` or `Chủ Nhật, 8/4/2012 8:5'(GMT+7)`, machine dates in
//! `<meta>` and JSON-LD), bylines (`bylines`: `Bài, ảnh: NGUYỄN HUY`, a lone `Minh Thùy`)
//! and site names in titles (`titles`). The HTML extractor chooses among the candidates in
//! `html/meta.rs`.

mod bylines;
mod dates;
mod titles;

pub use bylines::*;
pub use dates::*;
pub use titles::*;
