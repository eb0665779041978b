//! The officials of the five seed articles in `corpus/seeds/` (whole text, normalised), one
//! test per page: every person, every title, nothing else (captions count, bylines do not).

use baochi::entities::officials::find;
use baochi::text::normalize;

fn seed(name: &str) -> Vec<(String, Vec<String>)> {
    let path = format!("{}/corpus/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    find(&normalize(&text))
        .into_iter()
        .map(|o| (o.name, o.titles))
        .collect()
}

fn p(name: &str, titles: &[&str]) -> (String, Vec<String>) {
    (name.into(), titles.iter().map(|t| t.to_string()).collect())
}

#[test]
fn seed_000_bim_son() {
    assert_eq!(
        seed("000_22fa2b82a0a95492.txt"),
        [p("Tạ Ngọc Phước", &["Tỉnh ủy viên", "Bí thư Thị ủy"])]
    );
}

#[test]
fn seed_001_thai_nguyen() {
    // "Tin, ảnh: Trần Thép" is the byline.
    assert_eq!(
        seed("001_261c6049ec0ce76c.txt"),
        [p(
            "Phạm Xuân Đương",
            &[
                "UVTW Đảng",
                "Bí thư Tỉnh ủy",
                "Trưởng đoàn ĐBQH tỉnh Thái Nguyên"
            ]
        )]
    );
}

#[test]
fn seed_002_can_tho() {
    let trieu = p(
        "Lê Việt Triều",
        &["Phó Bí thư Đảng ủy Khối Cơ quan Dân chính Đảng"],
    );
    // "tư tưởng, tấm gương đạo đức, phong cách Hồ Chí Minh" names a concept, not an
    // official of the story.
    assert_eq!(
        seed("002_1171500456b67287.txt"),
        [
            trieu.clone(),
            p(
                "Trần Văn Vụ",
                &["Ủy viên Thường vụ", "Trưởng Ban Tổ chức Đảng ủy Khối"]
            ),
            trieu,
        ]
    );
}

#[test]
fn seed_003_dien_bien() {
    assert_eq!(
        seed("003_e149c863b3391813.txt"),
        // "Ảnh: Minh Thùy" credits the photographer: no official.
        [p("Vừ A Bằng", &["Bí thư Huyện ủy Điện Biên Đông"])]
    );
}

#[test]
fn seed_004_huong_tra() {
    let ha = p("Bùi Thanh Hà", &["Phó Bí thư Thường trực Tỉnh ủy"]);
    assert_eq!(
        seed("004_8284ccce1bcb4182.txt"),
        [
            ha.clone(),
            p("Trần Duy Tuyến", &["Bí thư Thị ủy Hương Trà"]),
            ha
        ]
    );
}
