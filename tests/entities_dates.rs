//! Date forms of the genre, in sentences written for these tests (not the seeds).

use baochi::entities::dates::find;

/// (value, until, text) of each mention, checking the offsets quote the text.
fn got(body: &str) -> Vec<(String, Option<String>, String)> {
    let chars: Vec<char> = body.chars().collect();
    find(body)
        .into_iter()
        .map(|d| {
            let quoted: String = chars[d.span.start..d.span.end].iter().collect();
            assert_eq!(quoted, d.span.text);
            (d.value, d.until, d.span.text)
        })
        .collect()
}

fn values(body: &str) -> Vec<(String, Option<String>)> {
    got(body).into_iter().map(|(v, u, _)| (v, u)).collect()
}

fn v(s: &str) -> (String, Option<String>) {
    (s.to_string(), None)
}

fn r(a: &str, b: &str) -> (String, Option<String>) {
    (a.to_string(), Some(b.to_string()))
}

#[test]
fn days() {
    assert_eq!(
        values("Sáng ngày 5-9-2019, Huyện ủy tổ chức"),
        [v("2019-09-05")]
    );
    assert_eq!(values("ký ngày 05/09/2019 tại"), [v("2019-09-05")]);
    assert_eq!(values("ban hành ngày 5.9.2019."), [v("2019-09-05")]);
    assert_eq!(values("ngày 29 tháng 2 năm 2020"), [v("2020-02-29")]);
    assert_eq!(values("Thứ Hai, 14/10/2019"), [v("2019-10-14")]);
    assert_eq!(
        values("Cập nhật: Chủ nhật, 3/11/2019 | 10:15"),
        [v("2019-11-03")]
    );
    assert_eq!(values("15/03/2021 - 07:45"), [v("2021-03-15T07:45")]);
    assert_eq!(
        values("09:12 - Thứ Ba, 12/01/2021"),
        [v("2021-01-12T09:12")]
    );
    let g = got("Thứ Sáu, 4/10/2019");
    assert_eq!(g[0].2, "Thứ Sáu, 4/10/2019");
}

#[test]
fn day_ranges() {
    assert_eq!(
        values("Hội nghị diễn ra trong 2 ngày 14 - 15/10/2019."),
        [r("2019-10-14", "2019-10-15")]
    );
    assert_eq!(
        values("từ ngày 14 đến 16/10/2019"),
        [r("2019-10-14", "2019-10-16")]
    );
    assert_eq!(
        values("ngày 30/9 - 2/10/2019"),
        [r("2019-09-30", "2019-10-02")]
    );
}

#[test]
fn months_quarters_years() {
    assert_eq!(values("Đầu tháng 3/2019, đoàn công tác"), [v("2019-03")]);
    assert_eq!(values("giữa tháng 7 năm 2018"), [v("2018-07")]);
    assert_eq!(values("trong tháng 12-2020"), [v("2020-12")]);
    assert_eq!(values("trong quý I/2018"), [r("2018-01", "2018-03")]);
    assert_eq!(values("quý IV năm 2019"), [r("2019-10", "2019-12")]);
    assert_eq!(values("từ tháng 6 - 8/2013"), [r("2013-06", "2013-08")]);
    assert_eq!(values("Năm 2019, toàn tỉnh kết nạp"), [v("2019")]);
    assert_eq!(values("nhiệm kỳ 2020 - 2025"), [r("2020", "2025")]);
    assert_eq!(values("giai đoạn 2016-2020"), [r("2016", "2020")]);
    assert_eq!(values("từ năm 2015 đến năm 2020"), [r("2015", "2020")]);
    assert_eq!(values("Từ năm 2010 đến nay"), [v("2010")]);
    let g = got("tính đến cuối tháng 6 năm 2013");
    assert_eq!(g[0].2, "tháng 6 năm 2013");
}

#[test]
fn not_dates() {
    assert!(values("sau 6 tháng thực hiện, hai năm liền").is_empty());
    assert!(values("Ban Chấp hành Trung ương khóa XI").is_empty());
    assert!(values("Nghị định số 15/2012/NĐ-CP và Quyết định 1234/QĐ-UBND").is_empty());
    assert!(values("Nghị quyết số 12-NQ/TW").is_empty());
    assert!(values("ngày 31/2/2019, tháng 13/2019, ngày 32/1/2019").is_empty());
    assert!(values("tỷ lệ 3/4 đảng viên, 157 đảng viên").is_empty());
    assert!(values("năm 2019x").is_empty());
    assert!(
        values("giai đoạn 2020-2015").is_empty(),
        "a range runs forward"
    );
}

#[test]
fn several_in_order() {
    let g = values("Năm 2012, Đảng bộ có 22,06% (năm 2011 đạt 25,33%); ngày 3/4/2012 ký kế hoạch.");
    assert_eq!(g, [v("2012"), v("2011"), v("2012-04-03")]);
}
