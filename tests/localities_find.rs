//! `entities::localities::find` on sentences written for these tests: level words, party
//! committees, bare names, ambiguous names, people that bear a place's name.

use baochi::entities::localities::find;
use baochi::record::{Locality, Official, Span};
use baochi::text::normalize;

/// (name, level, province, text) of every locality found.
fn found(body: &str) -> Vec<(String, Option<String>, String, String)> {
    find(body, &[])
        .into_iter()
        .map(|l| (l.name, l.level, l.province, l.span.text))
        .collect()
}

fn one(
    name: &str,
    level: &str,
    province: &str,
    text: &str,
) -> (String, Option<String>, String, String) {
    (
        name.to_string(),
        Some(level.to_string()),
        province.to_string(),
        text.to_string(),
    )
}

fn assert_offsets(body: &str, locs: &[Locality]) {
    let chars: Vec<char> = body.chars().collect();
    for l in locs {
        let quoted: String = chars[l.span.start..l.span.end].iter().collect();
        assert_eq!(quoted, l.span.text, "code point offsets quote the text");
    }
}

#[test]
fn ambiguous_commune_goes_to_the_unit_named_beside_it() {
    let body = "Công trình ở phường Ba Đình (thị xã Bỉm Sơn) đã hoàn thành.";
    assert_eq!(
        found(body),
        [
            one("Ba Đình", "phường", "Thanh Hóa", "phường Ba Đình"),
            one("Bỉm Sơn", "thị xã", "Thanh Hóa", "thị xã Bỉm Sơn"),
        ]
    );
    // Phường Quang Trung exists in a dozen provinces.
    let body = "Đoàn đến thăm phường Quang Trung, quận Hà Đông, thành phố Hà Nội.";
    let got = found(body);
    assert_eq!(
        got[0],
        one("Quang Trung", "phường", "Hà Nội", "phường Quang Trung")
    );
    assert_eq!(
        find(body, &[])[0].code.as_deref(),
        Some("09538"),
        "the current unit"
    );
    assert_eq!(got[1], one("Hà Đông", "quận", "Hà Nội", "quận Hà Đông"));
    assert_eq!(got[2].0, "Hà Nội");
    assert_eq!(got[2].1.as_deref(), Some("thành phố trực thuộc trung ương"));
    let body = "Phường Quang Trung (thành phố Thái Bình) ra mắt mô hình mới.";
    assert_eq!(found(body)[0].2, "Thái Bình");
    let body = "Nông dân xã Ba Đình, huyện Nga Sơn thu hoạch lúa.";
    assert_eq!(
        found(body)[0],
        one("Ba Đình", "xã", "Thanh Hóa", "xã Ba Đình")
    );
}

#[test]
fn ambiguous_commune_goes_to_the_article_province() {
    // Nothing nearby, but the article is about Thanh Hóa.
    let body = "Tỉnh Thanh Hóa có nhiều đổi mới.\n\nNhiều hộ dân ở phường Ba Đình được hỗ trợ.";
    let got = found(body);
    assert_eq!(
        got[1],
        one("Ba Đình", "phường", "Thanh Hóa", "phường Ba Đình")
    );
    // The name's units (old and 2025 ones) all lie in one province: that says enough.
    let got = found("Nhiều hộ dân ở phường Bạch Mai được hỗ trợ.");
    assert_eq!(got[0].2, "Hà Nội");
    // Phường Ba Đình: two in the old Thanh Hóa, one in Hà Nội from 2025.
    assert!(found("Nhiều hộ dân ở phường Ba Đình được hỗ trợ.").is_empty());
    // No evidence at all: left out rather than guessed.
    assert!(found("Nhiều hộ dân ở phường Quang Trung được hỗ trợ.").is_empty());
    // The dateline names the paper, the paper its province.
    let body = "(Baonghean.vn) - Nhiều hộ dân ở phường Quang Trung được hỗ trợ.";
    assert_eq!(found(body)[0].2, "Nghệ An");
}

#[test]
fn party_committees_name_the_unit_without_being_part_of_it() {
    let body = "Đồng chí Trần Văn A, Bí thư Thị ủy Hương Trà cho biết; Huyện ủy Điện Biên Đông, Tỉnh ủy Thái Nguyên và Thành ủy Cần Thơ cùng dự.";
    assert_eq!(
        found(body),
        [
            one("Hương Trà", "thị xã", "Thừa Thiên Huế", "Hương Trà"),
            one("Điện Biên Đông", "huyện", "Điện Biên", "Điện Biên Đông"),
            one("Thái Nguyên", "tỉnh", "Thái Nguyên", "Thái Nguyên"),
            one(
                "Cần Thơ",
                "thành phố trực thuộc trung ương",
                "Cần Thơ",
                "Cần Thơ"
            ),
        ]
    );
    // A town committee of a provincial city is the city, not the province.
    let l = &find("Thành ủy Thanh Hóa họp phiên thường kỳ.", &[])[0];
    assert_eq!(
        (l.level.as_deref(), l.code.as_deref()),
        (Some("thành phố"), Some("380"))
    );
    // Level words inside organisation names are part of the mention.
    let body = "UBND huyện Mường Chà và Đảng bộ thị xã Bỉm Sơn ký kết.";
    assert_eq!(
        found(body),
        [
            one("Mường Chà", "huyện", "Điện Biên", "huyện Mường Chà"),
            one("Bỉm Sơn", "thị xã", "Thanh Hóa", "thị xã Bỉm Sơn"),
        ]
    );
}

#[test]
fn longest_name_wins() {
    let got = found("Bí thư Huyện ủy Điện Biên Đông làm việc tại thành phố Điện Biên Phủ.");
    assert_eq!(got[0].0, "Điện Biên Đông");
    assert_eq!(
        got[1],
        one(
            "Điện Biên Phủ",
            "thành phố",
            "Điện Biên",
            "thành phố Điện Biên Phủ"
        )
    );
}

#[test]
fn bare_names_need_the_article_context() {
    // Named with its level first, then bare.
    let body = "Đảng bộ thị xã Bỉm Sơn tổng kết. Nghị quyết đã tạo cho Bỉm Sơn nhiều khởi sắc.";
    let got = found(body);
    assert_eq!(got.len(), 2);
    assert_eq!(got[1], one("Bỉm Sơn", "thị xã", "Thanh Hóa", "Bỉm Sơn"));
    // Bare and alone: the article gives no province, so a district name is not trusted.
    assert!(found("Hương Trà đã kết nạp 157 đảng viên mới.").is_empty());
    // The article's province makes the district name safe.
    let body = "Tỉnh Thừa Thiên Huế chỉ đạo sát sao. Hương Trà đã kết nạp 157 đảng viên mới.";
    assert_eq!(
        found(body)[1],
        one("Hương Trà", "thị xã", "Thừa Thiên Huế", "Hương Trà")
    );
    // A province needs no context.
    assert_eq!(found("Đoàn công tác về Thái Nguyên.")[0].0, "Thái Nguyên");
    // A bare commune name is never enough.
    assert!(found("Bà con Trúc Bạch phấn khởi.").is_empty());
}

#[test]
fn generic_mentions_are_not_localities() {
    let body =
        "Ban chỉ đạo cấp tỉnh đánh giá Đảng bộ tỉnh; cấp huyện, thị xã và các xã, phường khó khăn.";
    assert!(found(body).is_empty());
}

#[test]
fn ho_chi_minh_the_person_and_the_city() {
    let body =
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; tấm gương Hồ Chí Minh.";
    assert!(found(body).is_empty());
    let body = "Đoàn đến TP Hồ Chí Minh, rồi TP.HCM, rồi Thành phố Hồ Chí Minh và TP. Hồ Chí Minh.";
    let got = find(body, &[]);
    assert_eq!(got.len(), 4, "{got:?}");
    for l in &got {
        assert_eq!(l.name, "Hồ Chí Minh");
        assert_eq!(l.province, "Hồ Chí Minh");
        assert_eq!(l.code.as_deref(), Some("79"));
    }
    assert_eq!(got[1].span.text, "TP.HCM");
    assert_offsets(body, &got);
}

#[test]
fn people_streets_and_longer_names_are_not_places() {
    // A span the officials finder took is a person.
    let body = "Hà Nam phát biểu tại hội nghị.";
    assert_eq!(found(body).len(), 1);
    let person = Official {
        name: "Hà Nam".into(),
        titles: vec![],
        span: Span {
            text: "Hà Nam".into(),
            start: 0,
            end: 6,
        },
    };
    assert!(find(body, &[person]).is_empty());
    assert!(found("Ông Thái Nguyên và đồng chí Hà Tĩnh dự họp.").is_empty());
    assert!(found("Ông Nguyễn Thái Nguyên dự họp.").is_empty());
    assert!(found("Báo Hà Nội Mới đưa tin.").is_empty());
    assert!(found("Thành phố Hà Nội mở rộng đường Ba Đình.").len() == 1);
}

#[test]
fn older_names_levels_and_merged_provinces() {
    let l = &find("Nhân dân tỉnh Hà Tây cũ.", &[])[0];
    assert_eq!(
        (l.name.as_str(), l.province.as_str(), l.code.as_deref()),
        ("Hà Tây", "Hà Nội", None)
    );
    // Phong Điền was a huyện before it became a thị xã in 2025.
    let got = found("Huyện Phong Điền nay là thị xã Phong Điền.");
    assert_eq!(
        got[0],
        one("Phong Điền", "huyện", "Thừa Thiên Huế", "Huyện Phong Điền")
    );
    assert_eq!(
        got[1],
        one(
            "Phong Điền",
            "thị xã",
            "Thừa Thiên Huế",
            "thị xã Phong Điền"
        )
    );
    // The district-level city of Huế, dissolved in 2025.
    let l = &find("Thành ủy Huế chỉ đạo.", &[])[0];
    assert_eq!(l.province, "Thừa Thiên Huế");
    // A spelling variant is reported under the unit's name.
    assert_eq!(find("Về tỉnh Đắc Lắc.", &[])[0].name, "Đắk Lắk");
}

#[test]
fn reformed_tones_nfd_and_eth_input_via_normalize() {
    let raw = "Bí thư Huyện uỷ \u{00D0}iện Biên \u{00D0}ông và Thị uỷ Hương Trà";
    let nfd: String = unicode_nfd(raw);
    let body = normalize(&nfd);
    let got = find(&body, &[]);
    assert_eq!(got[0].name, "Điện Biên Đông");
    assert_eq!(got[1].name, "Hương Trà");
    assert_offsets(&body, &got);
}

fn unicode_nfd(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd().collect()
}

#[test]
fn numbered_units_need_their_level_word() {
    let got = found("Quận 3 và phường 7, quận 5 của TP Hồ Chí Minh; năm 3 lần.");
    assert_eq!(got[0], one("3", "quận", "Hồ Chí Minh", "Quận 3"));
    assert_eq!(got[1].0, "7");
    assert_eq!(got[1].2, "Hồ Chí Minh");
    assert_eq!(got.len(), 4);
}

#[test]
fn lists_after_one_level_word() {
    let body = "Các huyện Mường Chà, Tủa Chùa và Điện Biên Đông đã hoàn thành.";
    let got = found(body);
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(
        got[0],
        one("Mường Chà", "huyện", "Điện Biên", "huyện Mường Chà")
    );
    assert_eq!(got[1], one("Tủa Chùa", "huyện", "Điện Biên", "Tủa Chùa"));
    assert_eq!(
        got[2],
        one("Điện Biên Đông", "huyện", "Điện Biên", "Điện Biên Đông")
    );
    // "A và B" after a singular level word is a list too.
    let got = found("Thị xã Bỉm Sơn và Nghi Sơn phát triển công nghiệp.");
    assert_eq!(got[1], one("Nghi Sơn", "thị xã", "Thanh Hóa", "Nghi Sơn"));
    // A comma after a singular level word is an address, not a list: the next name keeps
    // its own reading.
    let got = found("Tại thị xã Bỉm Sơn, Thanh Hóa, mưa lớn.");
    assert_eq!(got[1], one("Thanh Hóa", "tỉnh", "Thanh Hóa", "Thanh Hóa"));
}

#[test]
fn numbered_wards_listed_after_one_level_word_stay_in_their_district() {
    // Quận 3's wards 4, 7 and 11: the 2019 list writes the seventh "07"; other districts of
    // the city also have a ward 7, so the district named beside the list must decide.
    let body = "Tại Quận 3, TP Hồ Chí Minh, các phường 4, 7 và 11 đã hoàn thành kế hoạch.";
    let got = find(body, &[]);
    let wards: Vec<(&str, Option<&str>)> = got
        .iter()
        .filter(|l| l.level.as_deref() == Some("phường"))
        .map(|l| (l.name.as_str(), l.code.as_deref()))
        .collect();
    assert_eq!(
        wards,
        [
            ("4", Some("27148")),
            ("7", Some("27124")),
            ("11", Some("27133"))
        ],
        "{got:?}"
    );
    // Named alone with its district, the unpadded number still finds the padded ward.
    let got = found("Phường 7, Quận 3 vận động nhân dân.");
    assert_eq!(got[0], one("7", "phường", "Hồ Chí Minh", "Phường 7"));
    assert_eq!(
        find("Phường 7, Quận 3 vận động.", &[])[0].code.as_deref(),
        Some("27124")
    );
}

#[test]
fn battles_are_not_places() {
    let body = "Tỉnh Điện Biên kỷ niệm Chiến thắng Điện Biên Phủ; chiến dịch Điện Biên Phủ.";
    let got = found(body);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "Điện Biên");
}

#[test]
fn hyphen_and_dash_spellings() {
    for body in [
        "Về tỉnh Bà Rịa - Vũng Tàu.",
        "Về tỉnh Bà Rịa – Vũng Tàu.",
        "Về tỉnh Bà Rịa-Vũng Tàu.",
    ] {
        let got = find(body, &[]);
        assert_eq!(got.len(), 1, "{body}");
        assert_eq!(got[0].name, "Bà Rịa - Vũng Tàu");
        assert_eq!(got[0].code.as_deref(), Some("77"));
    }
    let got = found("Thành phố Phan Rang - Tháp Chàm chỉnh trang đô thị.");
    assert_eq!(got[0].2, "Ninh Thuận");
}

#[test]
fn communes_of_the_2025_structure() {
    // Phường Hạc Thành exists only from 1 July 2025; it lies in the old Thanh Hóa.
    let got = found("UBND phường Hạc Thành, tỉnh Thanh Hóa tổ chức hội nghị.");
    assert_eq!(
        got[0],
        one("Hạc Thành", "phường", "Thanh Hóa", "phường Hạc Thành")
    );
    let got = found("Đặc khu Phú Quốc đón khách.");
    assert_eq!(
        got[0],
        one("Phú Quốc", "đặc khu", "Kiên Giang", "Đặc khu Phú Quốc")
    );
}

#[test]
fn an_address_settles_from_the_province_down() {
    // Ten provinces have a huyện Châu Thành, and xã Tam Hiệp exists in five.
    let body = "Tại xã Tam Hiệp, huyện Châu Thành, tỉnh Tiền Giang, mô hình được nhân rộng.";
    let got = find(body, &[]);
    let codes: Vec<_> = got.iter().map(|l| l.code.as_deref()).collect();
    assert_eq!(codes, [Some("28537"), Some("821"), Some("82")]);
    assert!(got.iter().all(|l| l.province == "Tiền Giang"));
}

mod props {
    use super::*;
    use proptest::prelude::*;

    /// Pieces that make up Vietnamese news text with place names in it, and the edge cases
    /// of the byte scanner: curly quotes, apostrophes, dashes, dots, line breaks.
    const PIECES: &[&str] = &[
        "xã",
        "phường",
        "thị xã",
        "huyện",
        "Huyện ủy",
        "Thị ủy",
        "tỉnh",
        "TP",
        "TP.",
        "các",
        "và",
        "Ba Đình",
        "Bỉm Sơn",
        "Hương Trà",
        "Thái Nguyên",
        "Hồ Chí Minh",
        "HCM",
        "Điện Biên",
        "Đông",
        "Quang Trung",
        "3",
        "12",
        "“",
        "”",
        "'",
        "H'Mông",
        "-",
        "–",
        ",",
        ".",
        "(",
        ")",
        "\n\n",
        "…",
        "ông",
        "tư tưởng",
        "Ðảng",
        "Nguyễn",
        " ",
        "  ",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn offsets_always_quote_the_text(idx in proptest::collection::vec(0..PIECES.len(), 0..40)) {
            let raw: String = idx.iter().map(|&i| PIECES[i]).collect::<Vec<_>>().join(" ");
            let body = normalize(&raw);
            let got = find(&body, &[]);
            let chars: Vec<char> = body.chars().collect();
            let mut last_end = 0;
            for l in &got {
                prop_assert!(l.span.start < l.span.end && l.span.end <= chars.len());
                let quoted: String = chars[l.span.start..l.span.end].iter().collect();
                prop_assert_eq!(&quoted, &l.span.text);
                prop_assert!(l.span.start >= last_end, "mentions do not overlap");
                last_end = l.span.end;
                prop_assert!(l.span.text.ends_with(l.name.as_str()) || l.name == "Hồ Chí Minh");
            }
        }
    }
}
