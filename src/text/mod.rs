//! Vietnamese text: decoding bytes into text, the contract's normalisation, folding for
//! search, and syllable segmentation.
//!
//! Input: raw bytes or any Rust string (NFD, `Ð` for `Đ`, reformed tone placement, odd
//! white space). Output: text every other stage can compare byte for byte.
//!
//! ```
//! use baochi::text::{normalize, fold};
//! assert_eq!(normalize("Tỉnh uỷ  Ðiện Biên"), "Tỉnh ủy Điện Biên");
//! assert_eq!(fold("Đảng ủy"), "Dang uy");
//! ```

pub mod decode;
mod fold;
mod normalize;
mod segment;

pub use fold::{fold, fold_char, fold_lower};
pub use normalize::{normalize, normalize_line};
pub use segment::{Token, TokenKind, segment};
