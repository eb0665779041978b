//! Reprints: one story printed by several papers (a news-agency dispatch, a provincial
//! story taken up by the national party press), found when indexing.
//!
//! A body is read as the set of its shingles: runs of [`SHINGLE`] consecutive folded
//! syllables, so chrome, a trimmed lead or a re-set headline change few of them while a
//! different story on the same event shares only its quotations. Two steps:
//! - **Candidates** by locality-sensitive hashing: a MinHash signature of [`HASHES`] values
//!   cut into [`BANDS`] bands; the index files every band as a term ([`Signature::keys`]),
//!   so articles sharing a band are found by a term lookup. Two bodies with Jaccard
//!   similarity 0.5 share one with probability 0.96, with 0.6 over 0.99. Few bands keep the
//!   term dictionary small: each is a near-unique term the index builds, merges and looks up.
//! - **Verification** on the exact shingle sets ([`Shingles::same_story`]): the candidates
//!   a band lookup brings are compared shingle by shingle, so a chance band collision never
//!   folds two stories. A one-byte-per-value sketch of the signature, kept in the index,
//!   rules out most candidates first ([`SKETCH_AT_LEAST`]) without reading their text.
//!
//! Bodies shorter than [`MIN_SHINGLES`] shingles (a caption, a one-line notice) are left
//! alone: a few shared sentences would say nothing about their being one story.
//!
//! Precision and recall on built pairs are measured by `examples/reprint_pairs.rs`
//! (figures in README).

use crate::text::{fold_char, segment};

/// Syllables per shingle.
pub const SHINGLE: usize = 5;
/// MinHash values per signature.
pub const HASHES: usize = 72;
/// Bands the signature is cut into (each of `HASHES / BANDS` values).
pub const BANDS: usize = 24;
/// Bands two bodies must share to be compared (Jaccard 0.15 shares one with probability
/// 0.08; the sketch then rules most such pairs out before any text is read).
pub const MIN_BANDS: usize = 1;
/// The most candidates one body is verified against (those sharing the most bands).
pub const MAX_CANDIDATES: usize = 20;
/// A band key more articles hold than this is formulaic text (a template sentence, a
/// boilerplate block) rather than one story's, and is not looked up: a story would need as
/// many copies for its own keys to reach it.
pub const COMMON_BAND: u64 = 100;
/// The fewest shingles a body needs to be compared at all.
pub const MIN_SHINGLES: usize = 30;
/// Jaccard similarity at or above which two bodies are one story.
pub const SAME_JACCARD: f64 = 0.5;
/// Share of the shorter body's shingles found in the longer one at or above which the
/// shorter is a cut of the longer (an abridged reprint)...
pub const SAME_CONTAINED: f64 = 0.8;
/// ...provided the shorter holds at least this share of the longer's shingles (a paragraph
/// quoted in a long feature is not a reprint of it).
pub const CUT_AT_LEAST: f64 = 0.3;

const ROWS: usize = HASHES / BANDS;

/// splitmix64's finaliser: a cheap, well-mixed 64-bit permutation.
#[inline]
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// FNV-1a of a folded, lower-case syllable.
fn syllable_hash(text: &str, buf: &mut Vec<char>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut byte = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    for c in text.chars() {
        // Most letters of a Vietnamese text fold to ASCII: those need no buffer.
        if c.is_ascii() {
            byte(c.to_ascii_lowercase() as u8);
            continue;
        }
        buf.clear();
        fold_char(c, buf);
        for f in buf.iter().flat_map(|c| c.to_lowercase()) {
            let mut b = [0u8; 4];
            f.encode_utf8(&mut b).bytes().for_each(&mut byte);
        }
    }
    h
}

/// A body's shingles, hashed: sorted, without repeats.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shingles(Vec<u64>);

impl Shingles {
    /// The shingles of `body`: diacritics, case and punctuation do not count, so `Ðảng`
    /// typed with U+00D0 and `Đảng` agree.
    pub fn of(body: &str) -> Shingles {
        let mut buf = Vec::new();
        let syllables: Vec<u64> = segment(body)
            .iter()
            .map(|t| syllable_hash(t.text, &mut buf))
            .collect();
        let mut out: Vec<u64> = syllables
            .windows(SHINGLE)
            .map(|w| {
                w.iter().fold(
                    0x0053_4849_4e47_4c45_u64,
                    |h, &s| mix(h.rotate_left(17) ^ s),
                )
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        Shingles(out)
    }

    /// How many distinct shingles the body has.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the body has no shingle (fewer than [`SHINGLE`] syllables).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether the body is long enough to be compared ([`MIN_SHINGLES`]).
    pub fn comparable(&self) -> bool {
        self.0.len() >= MIN_SHINGLES
    }

    /// How many shingles the two bodies share.
    pub fn shared(&self, other: &Shingles) -> usize {
        let (mut i, mut j, mut n) = (0, 0, 0);
        let (a, b) = (&self.0, &other.0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    n += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        n
    }

    /// How alike two bodies are.
    pub fn similarity(&self, other: &Shingles) -> Similarity {
        let shared = self.shared(other);
        let (a, b) = (self.len(), other.len());
        let union = a + b - shared;
        let (small, large) = (a.min(b), a.max(b));
        let ratio = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
        Similarity {
            jaccard: ratio(shared, union),
            contained: ratio(shared, small),
            size_ratio: ratio(small, large),
        }
    }

    /// Whether the two bodies print one story: alike as wholes ([`SAME_JACCARD`]), or the
    /// shorter a cut of the longer ([`SAME_CONTAINED`], [`CUT_AT_LEAST`]). Bodies too short
    /// to compare are never one story.
    pub fn same_story(&self, other: &Shingles) -> bool {
        if !self.comparable() || !other.comparable() {
            return false;
        }
        self.similarity(other).same_story()
    }

    /// The MinHash signature, by one-permutation hashing: each shingle's hash falls in one
    /// of [`HASHES`] bins and each bin keeps its least; an empty bin borrows from the next
    /// filled one, marked by the distance (Shrivastava's densification), so two bodies
    /// fill it alike. One hash per shingle instead of [`HASHES`].
    pub fn signature(&self) -> Signature {
        let mut min = [u64::MAX; HASHES];
        for &s in &self.0 {
            let h = mix(s ^ 0x6261_6f63_6869_u64);
            let bin = (((h >> 32) * HASHES as u64) >> 32) as usize;
            min[bin] = min[bin].min(h);
        }
        if self.0.is_empty() {
            return Signature(min);
        }
        let mut dense = min;
        for (i, v) in dense.iter_mut().enumerate() {
            if *v != u64::MAX {
                continue;
            }
            let mut d = 1;
            while min[(i + d) % HASHES] == u64::MAX {
                d += 1;
            }
            *v = mix(min[(i + d) % HASHES] ^ (d as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        }
        Signature(dense)
    }
}

/// How alike two bodies are, over their shingles.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Similarity {
    /// Shared shingles over all shingles of either.
    pub jaccard: f64,
    /// Shared shingles over the shorter body's.
    pub contained: f64,
    /// The shorter body's shingles over the longer's.
    pub size_ratio: f64,
}

impl Similarity {
    /// The rule of [`Shingles::same_story`].
    pub fn same_story(&self) -> bool {
        self.jaccard >= SAME_JACCARD
            || (self.contained >= SAME_CONTAINED && self.size_ratio >= CUT_AT_LEAST)
    }
}

/// A MinHash signature of [`HASHES`] values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature([u64; HASHES]);

impl Signature {
    /// The band keys the body is filed under: one per band, the band's number hashed in so
    /// equal values in different bands do not meet ([`key_text`] is the index's term).
    pub fn keys(&self) -> Vec<u64> {
        self.0
            .chunks(ROWS)
            .enumerate()
            .map(|(band, rows)| {
                rows.iter()
                    .fold(band as u64, |h, &v| mix(h.rotate_left(23) ^ v))
            })
            .collect()
    }

    /// The share of equal values: an estimate of the Jaccard similarity.
    pub fn estimate(&self, other: &Signature) -> f64 {
        let same = self
            .0
            .iter()
            .zip(other.0.iter())
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / HASHES as f64
    }
}

/// Jaccard similarity below which a candidate's sketch rules it out before its text is
/// read: under [`SAME_JACCARD`] by more than four standard errors of the estimate at 0.5.
pub const SKETCH_AT_LEAST: f64 = 0.3;

impl Signature {
    /// One byte of each value (the low byte, uniform where the high bits of a minimum are
    /// not): [`HASHES`] bytes the index keeps per article, so a candidate can be ruled out
    /// without reading its text.
    pub fn sketch(&self) -> Vec<u8> {
        self.0.iter().map(|v| (v & 0xff) as u8).collect()
    }
}

/// The Jaccard similarity two sketches estimate (equal bytes, less the 1 in 256 that are
/// equal by chance); 0 for sketches of different lengths.
pub fn sketch_estimate(a: &[u8], b: &[u8]) -> f64 {
    if a.len() != b.len() || a.is_empty() {
        return 0.0;
    }
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64;
    ((same - 1.0 / 256.0) / (1.0 - 1.0 / 256.0)).max(0.0)
}

/// The index term of a band key: 16 hex digits.
pub fn key_text(key: u64) -> String {
    format!("{key:016x}")
}

/// What the index files for a body: its band keys and sketch, both empty when the body is
/// too short to compare.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filing {
    /// [`Signature::keys`].
    pub keys: Vec<u64>,
    /// [`Signature::sketch`].
    pub sketch: Vec<u8>,
}

impl Shingles {
    /// What the index files for this body.
    pub fn filing(&self) -> Filing {
        if !self.comparable() {
            return Filing::default();
        }
        let sig = self.signature();
        Filing {
            keys: sig.keys(),
            sketch: sig.sketch(),
        }
    }
}

/// The shingles and band keys of a body, no keys when it is too short to compare.
pub fn band_keys(body: &str) -> (Shingles, Vec<u64>) {
    let sh = Shingles::of(body);
    let keys = sh.filing().keys;
    (sh, keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story(n: usize, salt: &str) -> String {
        (0..n)
            .map(|i| {
                format!(
                    "câu {salt} thứ {i} nói về công tác xây dựng Đảng năm {}",
                    2000 + i
                )
            })
            .collect::<Vec<_>>()
            .join(". ")
    }

    #[test]
    fn diacritics_case_and_punctuation_do_not_count() {
        let a = Shingles::of("Ðảng bộ tỉnh đã kết nạp 157 đảng viên mới, đạt 105% kế hoạch.");
        let b = Shingles::of("ĐẢNG BỘ TỈNH ĐÃ KẾT NẠP 157 ĐẢNG VIÊN MỚI ĐẠT 105% KẾ HOẠCH");
        let c = Shingles::of("Dang bo tinh da ket nap 157 dang vien moi - dat 105% ke hoach");
        assert_eq!(a, b);
        assert_eq!(a, c);
    }

    #[test]
    fn a_copy_with_chrome_is_one_story_a_different_one_is_not() {
        let body = story(40, "a");
        let chrome = "Trang chủ Thời sự Chính trị Xây dựng Đảng Đăng nhập Tin liên quan";
        let copy = format!("{chrome}\n\n{body}\n\n{chrome} Bình luận Chia sẻ");
        let a = Shingles::of(&body);
        assert!(a.same_story(&Shingles::of(&copy)));
        assert!(!a.same_story(&Shingles::of(&story(40, "b"))));
    }

    #[test]
    fn an_abridged_copy_is_one_story_a_quoted_paragraph_is_not() {
        let whole = story(60, "a");
        let half: String = whole.split(". ").take(30).collect::<Vec<_>>().join(". ");
        assert!(Shingles::of(&whole).same_story(&Shingles::of(&half)));
        let quote: String = whole.split(". ").take(8).collect::<Vec<_>>().join(". ");
        let other = format!("{quote}. {}", story(40, "b"));
        assert!(!Shingles::of(&whole).same_story(&Shingles::of(&other)));
    }

    #[test]
    fn sketches_estimate_jaccard() {
        let a = Shingles::of(&story(60, "a"));
        let half: String = story(60, "a")
            .split(". ")
            .take(30)
            .collect::<Vec<_>>()
            .join(". ");
        let b = Shingles::of(&half);
        let exact = a.similarity(&b).jaccard;
        let est = sketch_estimate(&a.filing().sketch, &b.filing().sketch);
        assert!((est - exact).abs() < 0.15, "estimate {est} exact {exact}");
        let other: String = (0..60)
            .map(|i| {
                format!(
                    "Ngày {i} tháng năm huyện tổ chức hội nghị tổng kết phong trào thi đua số {i}"
                )
            })
            .collect::<Vec<_>>()
            .join(". ");
        let c = Shingles::of(&other);
        assert!(a.similarity(&c).jaccard < 0.05);
        assert!(sketch_estimate(&a.filing().sketch, &c.filing().sketch) < SKETCH_AT_LEAST);
        assert_eq!(sketch_estimate(&a.filing().sketch, &[]), 0.0);
    }

    #[test]
    fn short_bodies_are_left_alone() {
        let a = Shingles::of("Ảnh: Minh Thùy");
        assert!(!a.comparable());
        assert!(!a.same_story(&a));
        assert!(band_keys("Ảnh: Minh Thùy").1.is_empty());
    }

    #[test]
    fn equal_bodies_share_every_band_and_estimates_follow_jaccard() {
        let a = Shingles::of(&story(40, "a"));
        let (sa, sb) = (a.signature(), a.signature());
        assert_eq!(sa.keys(), sb.keys());
        assert_eq!(sa.keys().len(), BANDS);
        let other = Shingles::of(&story(40, "b"));
        let est = sa.estimate(&other.signature());
        let exact = a.similarity(&other).jaccard;
        assert!((est - exact).abs() < 0.15, "estimate {est} exact {exact}");
    }
}
