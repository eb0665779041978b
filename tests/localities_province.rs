//! `entities::localities::infer_province`: the article's province from the paper, the
//! dateline, the title and the localities, and its post-2025 province.

use baochi::entities::localities::{find, infer_province};

fn infer(host: Option<&str>, title: Option<&str>, body: &str) -> Option<(String, String)> {
    let locs = find(body, &[]);
    infer_province(host, title, body, &locs)
}

fn pair(a: &str, b: &str) -> Option<(String, String)> {
    Some((a.to_string(), b.to_string()))
}

#[test]
fn from_the_publishing_paper() {
    let body = "Hội nghị học tập nghị quyết diễn ra sáng nay.";
    assert_eq!(
        infer(Some("baothanhhoa.vn"), None, body),
        pair("Thanh Hóa", "Thanh Hóa")
    );
    assert_eq!(
        infer(Some("www.baoquangnam.vn"), None, body),
        pair("Quảng Nam", "Đà Nẵng")
    );
    // A party committee's portal names its province as its paper does.
    assert_eq!(
        infer(Some("tuyenquang.dcs.vn"), None, body),
        pair("Tuyên Quang", "Tuyên Quang")
    );
    assert_eq!(infer(Some("example.com"), None, body), None);
    assert_eq!(infer(None, None, body), None);
}

#[test]
fn from_the_dateline() {
    let body = "Ảnh: hội nghị.\n\n(THO) - Hội nghị học tập nghị quyết diễn ra sáng nay.";
    assert_eq!(infer(None, None, body), pair("Thanh Hóa", "Thanh Hóa"));
    let body = "ĐBP - Xây dựng Đảng là nhiệm vụ then chốt.";
    assert_eq!(infer(None, None, body), pair("Điện Biên", "Điện Biên"));
    let body = "(Baohatinh.vn) - Sáng nay, hội nghị khai mạc.";
    assert_eq!(infer(None, None, body), pair("Hà Tĩnh", "Hà Tĩnh"));
    // A dash further into the line is no dateline.
    let body = "Kinh tế - xã hội phát triển ổn định.";
    assert_eq!(infer(None, None, body), None);
}

#[test]
fn from_the_title() {
    let body = "Hội nghị học tập nghị quyết diễn ra sáng nay.";
    assert_eq!(
        infer(
            None,
            Some("Thái Nguyên: Cụ thể hóa việc thực hiện Nghị quyết"),
            body
        ),
        pair("Thái Nguyên", "Thái Nguyên")
    );
}

#[test]
fn from_the_localities_with_merged_provinces() {
    let body = "Thị ủy Hương Trà làm việc. Hương Trà đã kết nạp 157 đảng viên; thị xã Hương Trà tiếp tục đổi mới.";
    assert_eq!(infer(None, None, body), pair("Thừa Thiên Huế", "Huế"));
    let body = "Đảng bộ huyện Mèo Vạc, tỉnh Hà Giang tổng kết năm.";
    assert_eq!(infer(None, None, body), pair("Hà Giang", "Tuyên Quang"));
    let body = "Đảng ủy Khối Cơ quan Dân chính Đảng TP Cần Thơ họp báo.";
    assert_eq!(infer(None, None, body), pair("Cần Thơ", "Cần Thơ"));
    let body = "Tỉnh ủy Bình Dương chỉ đạo các huyện, thị xã.";
    assert_eq!(infer(None, None, body), pair("Bình Dương", "Hồ Chí Minh"));
}

#[test]
fn the_paper_outweighs_a_passing_mention() {
    // A Thanh Hóa paper reporting a visit to Hà Nội is still about Thanh Hóa.
    let body = "(THO) - Đoàn công tác của tỉnh đã đến Hà Nội làm việc với các bộ, ngành.";
    assert_eq!(
        infer(Some("baothanhhoa.vn"), None, body),
        pair("Thanh Hóa", "Thanh Hóa")
    );
}

#[test]
fn many_mentions_of_a_province_decide() {
    let body = "Tỉnh ủy Nghệ An họp. Huyện ủy Quỳnh Lưu báo cáo; huyện Quỳnh Lưu và thị xã Hoàng Mai thực hiện tốt. Đoàn Hà Tĩnh dự.";
    assert_eq!(infer(None, None, body), pair("Nghệ An", "Nghệ An"));
}

#[test]
fn every_province_is_found_by_name_and_maps_to_its_2025_province() {
    let g = baochi::entities::gazetteer::gazetteer();
    let provinces: Vec<_> = g
        .units
        .iter()
        .enumerate()
        .filter(|(_, u)| u.tier == baochi::entities::gazetteer::Tier::Province)
        .collect();
    assert_eq!(provinces.len(), 63);
    for (i, u) in provinces {
        let word = if u.level == "tỉnh" {
            "tỉnh"
        } else {
            "thành phố"
        };
        let body = format!("Đoàn công tác làm việc tại {word} {}.", u.name);
        let locs = find(&body, &[]);
        assert_eq!(locs.len(), 1, "{body}");
        assert_eq!(locs[0].name, u.name);
        assert_eq!(locs[0].code.as_deref(), Some(u.code));
        let now = g.province_now(i).unwrap().name;
        assert_eq!(infer(None, None, &body), pair(u.name, now), "{body}");
    }
}

#[test]
fn a_merged_province_reports_where_it_lies() {
    let body = "Nhân dân tỉnh Hà Tây cũ vui mừng.";
    assert_eq!(infer(None, None, body), pair("Hà Nội", "Hà Nội"));
}
