//! The word lists the officials finder reads: family names, titles and the words around
//! names, from `corpus/reference/{surnames,titles,name_context}.tsv`.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// The family names file, one name a line.
pub(crate) const SURNAMES_TSV: &str = include_str!("../../../corpus/reference/surnames.tsv");
/// Titles and organisation words, `kind<TAB>phrase`.
pub(crate) const TITLES_TSV: &str = include_str!("../../../corpus/reference/titles.tsv");
/// Words around names, `kind<TAB>phrase`.
pub(crate) const CONTEXT_TSV: &str = include_str!("../../../corpus/reference/name_context.tsv");

/// Lines of a reference file that carry data: not blank, not `#` comments.
pub(crate) fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// `kind<TAB>phrase` rows of a reference file.
pub(crate) fn rows(text: &str) -> impl Iterator<Item = (&str, &str)> {
    data_lines(text).filter_map(|l| l.split_once('\t'))
}

/// Multi-word phrases, compared word by word in lower case.
#[derive(Debug, Default)]
pub(crate) struct Phrases {
    /// Phrases by their first word, longest first.
    by_first: HashMap<String, Vec<Vec<String>>>,
    /// Phrases by their last word, longest first.
    by_last: HashMap<String, Vec<Vec<String>>>,
}

impl Phrases {
    fn insert(&mut self, phrase: &str) {
        let words: Vec<String> = phrase.split(' ').map(str::to_lowercase).collect();
        let (Some(first), Some(last)) = (words.first(), words.last()) else {
            return;
        };
        for (map, key) in [(&mut self.by_first, first), (&mut self.by_last, last)] {
            let list = map.entry(key.clone()).or_default();
            list.push(words.clone());
            list.sort_by_key(|p| std::cmp::Reverse(p.len()));
        }
    }

    /// Candidates whose first word is `word` (any case), longest first.
    pub(crate) fn starting(&self, word: &str) -> &[Vec<String>] {
        self.by_first
            .get(&lower(word))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Candidates whose last word is `word` (any case), longest first.
    pub(crate) fn ending(&self, word: &str) -> &[Vec<String>] {
        self.by_last
            .get(&lower(word))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}

/// Lower case of a word; cheap for the short syllables it sees.
pub(crate) fn lower(word: &str) -> String {
    word.to_lowercase()
}

/// Everything the finder looks words up in.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    /// Family names as written (`Nguyễn`, `Vừ`, `Y`).
    pub surnames: HashSet<String>,
    /// Prefixes glued to the next syllable by an apostrophe (`K'`, `H'`), without it.
    pub surname_prefixes: HashSet<String>,
    /// Title heads.
    pub heads: Phrases,
    /// Words allowed before a head inside a title.
    pub prefixes: Phrases,
    /// Lower-case words continuing a title anywhere.
    pub conts: Phrases,
    /// Compound organisation words.
    pub orgs: Phrases,
    /// Every lower-case word that occurs in a head, cont or org phrase.
    pub title_words: HashSet<String>,
    /// Strong cues before a name.
    pub cues: Phrases,
    /// Weak cues before a name.
    pub weak_cues: Phrases,
    /// Level and committee words that take a place name.
    pub place_words: Phrases,
    /// Words after which a name-like run names a thing.
    pub institutions: Phrases,
    /// Names that are a person unless a place word precedes them.
    pub person_places: HashSet<String>,
    /// Names that are places.
    pub place_names: HashSet<String>,
    /// Common middle names.
    pub middles: HashSet<String>,
    /// Syllables that never start a name found by a cue alone.
    pub not_first: HashSet<String>,
    /// Words a number may follow inside a title.
    pub numbered: Phrases,
    /// Line openings that make a name a byline (lower case).
    pub bylines: Vec<String>,
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut lx = Lexicon::default();
        for name in data_lines(SURNAMES_TSV) {
            let name = name.trim();
            if let Some(p) = name.strip_suffix('\'') {
                lx.surname_prefixes.insert(p.to_string());
            } else {
                lx.surnames.insert(name.to_string());
            }
        }
        for (kind, phrase) in rows(TITLES_TSV) {
            let set = match kind {
                "head" => &mut lx.heads,
                "prefix" => &mut lx.prefixes,
                "cont" => &mut lx.conts,
                "org" => &mut lx.orgs,
                _ => continue,
            };
            set.insert(phrase);
            if kind != "prefix" {
                lx.title_words
                    .extend(phrase.split(' ').map(str::to_lowercase));
            }
        }
        for (kind, phrase) in rows(CONTEXT_TSV) {
            let set = match kind {
                "cue" => &mut lx.cues,
                "weak_cue" => &mut lx.weak_cues,
                "place_word" => &mut lx.place_words,
                "institution" => &mut lx.institutions,
                "numbered" => &mut lx.numbered,
                "person_place" => {
                    lx.person_places.insert(phrase.to_string());
                    continue;
                }
                "place_name" => {
                    lx.place_names.insert(phrase.to_string());
                    continue;
                }
                "middle" => {
                    lx.middles.insert(phrase.to_string());
                    continue;
                }
                "not_first" => {
                    lx.not_first.insert(phrase.to_string());
                    continue;
                }
                "byline" => {
                    lx.bylines.push(phrase.to_string());
                    continue;
                }
                _ => continue,
            };
            set.insert(phrase);
        }
        lx
    }

    /// Whether `syllable` (title case or all capitals) is a family name.
    pub(crate) fn is_surname(&self, syllable: &str) -> bool {
        if self.surnames.contains(syllable) {
            return true;
        }
        if let Some((p, _)) = syllable.split_once(['\'', '’', 'ʼ']) {
            return self.surname_prefixes.contains(p);
        }
        let mut chars = syllable.chars();
        if chars.clone().nth(1).is_some() && syllable.chars().all(|c| !c.is_lowercase()) {
            // NGUYỄN -> Nguyễn
            let title: String = chars
                .next()
                .into_iter()
                .chain(chars.flat_map(char::to_lowercase))
                .collect();
            return self.surnames.contains(&title);
        }
        false
    }
}

/// The lists, parsed once.
pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::load);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize_line;

    fn check_sorted_unique(name: &str, keys: &[String]) {
        for w in keys.windows(2) {
            assert!(
                w[0] < w[1],
                "{name}: {:?} must come before {:?}",
                w[1],
                w[0]
            );
        }
    }

    fn check_normalised(name: &str, text: &str) {
        for l in data_lines(text) {
            assert_eq!(normalize_line(l), l.replace('\t', " "), "{name}: {l:?}");
        }
    }

    #[test]
    fn surnames_are_sorted_unique_and_normalised() {
        let keys: Vec<String> = data_lines(SURNAMES_TSV).map(String::from).collect();
        assert!(keys.len() > 150);
        check_sorted_unique("surnames.tsv", &keys);
        check_normalised("surnames.tsv", SURNAMES_TSV);
        assert!(keys.iter().all(|k| !k.contains(' ') && !k.contains('\t')));
    }

    fn check_kind_file(name: &str, text: &str, kinds: &[&str]) {
        let keys: Vec<String> = data_lines(text)
            .map(|l| {
                let (k, p) = l
                    .split_once('\t')
                    .unwrap_or_else(|| panic!("{name}: {l:?}"));
                assert!(kinds.contains(&k), "{name}: unknown kind in {l:?}");
                assert_eq!(p.trim(), p, "{name}: stray space in {l:?}");
                format!("{k}\t{p}")
            })
            .collect();
        check_sorted_unique(name, &keys);
        check_normalised(name, text);
        // Phrases compare case-insensitively: two spellings of one phrase are duplicates.
        let mut seen = HashSet::new();
        for k in &keys {
            assert!(seen.insert(k.to_lowercase()), "{name}: duplicate {k:?}");
        }
    }

    #[test]
    fn titles_are_sorted_unique_and_normalised() {
        check_kind_file("titles.tsv", TITLES_TSV, &["cont", "head", "org", "prefix"]);
    }

    #[test]
    fn context_is_sorted_unique_and_normalised() {
        check_kind_file(
            "name_context.tsv",
            CONTEXT_TSV,
            &[
                "byline",
                "cue",
                "institution",
                "middle",
                "not_first",
                "numbered",
                "person_place",
                "place_name",
                "place_word",
                "weak_cue",
            ],
        );
    }

    #[test]
    fn lexicon_loads_every_kind() {
        let lx = &*LEXICON;
        assert!(lx.is_surname("Nguyễn") && lx.is_surname("Vừ") && lx.is_surname("NGUYỄN"));
        assert!(lx.is_surname("K'Nhai") && lx.is_surname("H'Hen"));
        assert!(!lx.is_surname("Bí") && !lx.is_surname("Văn"));
        assert!(!lx.heads.starting("Bí").is_empty());
        assert!(!lx.orgs.starting("cơ").is_empty());
        assert!(!lx.conts.starting("ủy").is_empty());
        assert!(!lx.cues.ending("chí").is_empty());
        assert!(!lx.weak_cues.starting("anh").is_empty());
        assert!(!lx.place_words.ending("ủy").is_empty());
        assert!(!lx.institutions.starting("tp").is_empty());
        assert!(!lx.numbered.starting("thôn").is_empty());
        assert!(!lx.prefixes.starting("nguyên").is_empty());
        assert!(lx.person_places.contains("Hồ Chí Minh"));
        assert!(lx.place_names.contains("Hoàng Su Phì"));
        assert!(lx.middles.contains("Thị") && lx.not_first.contains("Báo"));
        assert!(lx.bylines.iter().any(|b| b == "bài, ảnh:"));
    }
}
