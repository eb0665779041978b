//! The tile grid of provinces the page's coverage map is drawn on.

use serde::Serialize;
use std::sync::LazyLock;

/// One province's tile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProvinceTile {
    /// GSO code (pre-2025).
    pub code: String,
    /// The province's name before 1 July 2025, as records write it.
    pub name: String,
    /// Row, 0 at the north.
    pub row: u32,
    /// Column, 0 at the west.
    pub col: u32,
    /// A short label for the tile.
    pub short: String,
}

static GRID: LazyLock<Vec<ProvinceTile>> = LazyLock::new(|| {
    parse(include_str!("../../corpus/reference/province_grid.tsv")).unwrap_or_default()
});

/// The 63 tiles of `corpus/reference/province_grid.tsv`, in GSO code order.
pub fn province_grid() -> &'static [ProvinceTile] {
    &GRID
}

fn parse(tsv: &str) -> Result<Vec<ProvinceTile>, String> {
    let mut out = Vec::new();
    let mut lines = tsv
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
    let header = lines.next().ok_or("empty grid")?;
    if header != "code\tname\trow\tcol\tshort" {
        return Err(format!("unexpected header {header:?}"));
    }
    for (i, line) in lines.enumerate() {
        let f: Vec<&str> = line.split('\t').collect();
        let [code, name, row, col, short] = f.as_slice() else {
            return Err(format!("line {}: expected 5 fields", i + 1));
        };
        let num = |s: &str| {
            s.parse::<u32>()
                .map_err(|_| format!("line {}: bad number {s:?}", i + 1))
        };
        out.push(ProvinceTile {
            code: code.to_string(),
            name: name.to_string(),
            row: num(row)?,
            col: num(col)?,
            short: short.to_string(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn grid_has_63_sorted_unique_tiles() {
        let g = parse(include_str!("../../corpus/reference/province_grid.tsv")).unwrap();
        assert_eq!(g.len(), 63);
        assert!(
            g.windows(2).all(|w| w[0].code < w[1].code),
            "sorted by code"
        );
        let cells: HashSet<(u32, u32)> = g.iter().map(|t| (t.row, t.col)).collect();
        assert_eq!(cells.len(), 63, "one tile per cell");
        let names: HashSet<&str> = g.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names.len(), 63);
        let shorts: HashSet<&str> = g.iter().map(|t| t.short.as_str()).collect();
        assert_eq!(shorts.len(), 63);
        assert!(names.contains("Thừa Thiên Huế") && names.contains("Hồ Chí Minh"));
        for t in &g {
            assert_eq!(
                crate::text::normalize(&t.name),
                t.name,
                "{} is normalised",
                t.name
            );
        }
        assert_eq!(province_grid().len(), 63);
    }

    #[test]
    fn grid_names_and_codes_are_the_gazetteers() {
        let gazetteer: HashSet<(String, String)> =
            include_str!("../../corpus/reference/provinces.tsv")
                .lines()
                .filter(|l| !l.starts_with('#'))
                .skip(1)
                .filter_map(|l| {
                    let mut f = l.split('\t');
                    Some((f.next()?.to_string(), f.next()?.to_string()))
                })
                .collect();
        assert_eq!(gazetteer.len(), 63);
        for t in province_grid() {
            assert!(
                gazetteer.contains(&(t.code.clone(), t.name.clone())),
                "{} {} is in provinces.tsv",
                t.code,
                t.name
            );
        }
    }

    #[test]
    fn bad_grids_are_errors() {
        assert!(parse("").is_err());
        assert!(parse("code\tname\trow\tcol\tshort\n01\tHà Nội\tx\t1\tHN").is_err());
        assert!(parse("code\tname\n01\tHà Nội").is_err());
    }
}
