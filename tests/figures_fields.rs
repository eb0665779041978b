//! What a figure carries beyond its value: the indicator it reports (every wording of
//! `corpus/reference/indicators.tsv`), the figure it is a part of, the period it covers
//! and the unit it is for — on sentences written for these tests.

use baochi::entities::statistics::indicators::TABLE;
use baochi::extract::{Article, finish};
use baochi::record::{Period, Record, Statistic};

fn record(body: &str, published: &str) -> Record {
    finish(
        Article {
            title: Some("Công tác xây dựng Đảng".into()),
            published: Some(published.into()),
            body: body.into(),
            ..Default::default()
        },
        Some("https://baodienbienphu.com.vn/tin-tuc/xay-dung-dang/a.html"),
    )
}

fn figure<'a>(rec: &'a Record, text: &str) -> &'a Statistic {
    rec.entities
        .statistics
        .iter()
        .find(|s| s.span.text.starts_with(text))
        .unwrap_or_else(|| panic!("no figure {text:?} in {:#?}", rec.entities.statistics))
}

#[test]
fn every_wording_of_the_table_names_its_indicator() {
    let mut checked = 0;
    for ind in TABLE.iter() {
        for cue in &ind.cues {
            if ind.count {
                let unit = &ind.units[0];
                // The cue after the figure, its parts around it when it has a gap.
                let sentence = match cue.as_slice() {
                    [one] => format!("Năm 2020, toàn Đảng bộ có 12 {unit} {one} trên địa bàn."),
                    [first, rest @ ..] => {
                        format!(
                            "Năm 2020, Đảng bộ đã {first} được 12 {} trên địa bàn.",
                            rest.join(" ")
                        )
                    }
                    [] => continue,
                };
                let rec = record(&sentence, "2021-01-05");
                assert!(
                    !rec.entities.statistics.is_empty(),
                    "no figure in {sentence:?}"
                );
                let f = figure(&rec, "12");
                assert_eq!(
                    f.indicator.as_deref(),
                    Some(ind.name),
                    "{sentence:?} (unit {:?})",
                    f.unit
                );
                checked += 1;
            }
            if ind.rate {
                let unit = &ind.units[0];
                let sentence = format!(
                    "Năm 2020, có 85,5% {unit} {} trong toàn Đảng bộ.",
                    cue.join(" ")
                );
                let rec = record(&sentence, "2021-01-05");
                let f = figure(&rec, "85,5%");
                assert_eq!(f.indicator.as_deref(), Some(ind.name), "{sentence:?}");
                checked += 1;
            }
        }
    }
    assert!(checked >= 80, "{checked}");
}

#[test]
fn figures_of_nothing_listed_get_no_indicator() {
    let rec = record(
        "Ở cấp tỉnh sẽ tiến hành 03 hội nghị cán bộ; cấp huyện mở 2 lớp tập huấn kéo dài 5 buổi.",
        "2013-02-01",
    );
    for s in &rec.entities.statistics {
        assert_eq!(s.indicator, None, "{s:?}");
    }
}

#[test]
fn the_nearest_cue_decides_and_the_unit_must_fit() {
    let rec = record(
        "Đảng ủy cơ sở đã tiến hành kiểm tra đối với 30 tổ chức đảng và 5 đảng viên; giám sát \
         đối với 29 tổ chức đảng và 4 đảng viên. Hương Trà đã kết nạp 157 đảng viên mới, nâng \
         tổng số đảng viên của toàn Đảng bộ lên 3.456 đảng viên.",
        "2017-11-20",
    );
    let want = [
        ("30", "kiểm tra tổ chức đảng"),
        ("5 đảng", "kiểm tra đảng viên"),
        ("29", "giám sát tổ chức đảng"),
        ("4 đảng", "giám sát đảng viên"),
        ("157", "kết nạp đảng viên mới"),
        ("3.456", "tổng số đảng viên"),
    ];
    for (text, name) in want {
        assert_eq!(
            figure(&rec, text).indicator.as_deref(),
            Some(name),
            "{text}"
        );
    }
}

#[test]
fn breakdowns_link_parts_to_their_whole_and_share_its_indicator() {
    let rec = record(
        "Từ năm 2010 đến nay, toàn tỉnh có 164 đồng chí được luân chuyển. Trong đó, luân chuyển \
         dọc 126 đồng chí; cấp tỉnh luân chuyển về huyện 19 đồng chí.\n\n\
         Đã xem xét xử lý kỷ luật đối với 16 đảng viên, với các hình thức khiển trách 09, cảnh \
         cáo 05 và khai trừ 02.",
        "2017-11-20",
    );
    let s = &rec.entities.statistics;
    let at = |text: &str| {
        s.iter()
            .position(|x| x.span.text.starts_with(text))
            .unwrap_or_else(|| panic!("{text}"))
    };
    let whole = at("164");
    assert_eq!(s[whole].part_of, None);
    assert_eq!(s[at("126")].part_of, Some(whole));
    assert_eq!(s[at("19")].part_of, Some(whole));
    let sixteen = at("16 ");
    for part in ["09", "05", "02"] {
        assert_eq!(s[at(part)].part_of, Some(sixteen), "{part}");
        assert_eq!(s[at(part)].indicator.as_deref(), Some("kỷ luật đảng viên"));
    }
    assert_eq!(
        s[at("126")].indicator.as_deref(),
        Some("luân chuyển cán bộ")
    );
}

#[test]
fn periods_from_the_words_around_the_date() {
    let rec = record(
        "Từ năm 2010 đến nay, toàn tỉnh có 164 đồng chí được luân chuyển.\n\n\
         Tính đến tháng 11/2017, huyện đã kết nạp 157 đảng viên mới.\n\n\
         6 tháng đầu năm 2020, toàn Đảng bộ kết nạp 45 đảng viên.\n\n\
         Năm 2012, Đảng bộ có 22,06% tổ chức cơ sở đảng trong sạch vững mạnh tiêu biểu.\n\n\
         Đảng bộ có 12 chi bộ.",
        "2021-03-04",
    );
    let p = |from: Option<&str>, until: Option<&str>| {
        Some(Period {
            from: from.map(String::from),
            until: until.map(String::from),
        })
    };
    assert_eq!(
        figure(&rec, "164").period,
        p(Some("2010"), Some("2021-03-04"))
    );
    assert_eq!(figure(&rec, "157").period, p(None, Some("2017-11")));
    assert_eq!(
        figure(&rec, "45").period,
        p(Some("2020-01"), Some("2020-06"))
    );
    assert_eq!(figure(&rec, "22,06").period, p(Some("2012"), Some("2012")));
    assert_eq!(figure(&rec, "12 chi").period, None);
}

#[test]
fn a_figure_is_for_the_unit_that_reports_it_else_the_articles() {
    let rec = record(
        "Thực hiện Nghị quyết Trung ương 4, Đảng bộ tỉnh Điện Biên đã đạt nhiều kết quả.\n\n\
         Huyện Mường Chà đã kết nạp 57 đảng viên mới. Cấp tỉnh luân chuyển về huyện Tuần Giáo \
         19 đồng chí.\n\n\
         Toàn tỉnh có 164 đồng chí được luân chuyển.",
        "2017-11-20",
    );
    let f = figure(&rec, "57").unit_for.clone().expect("a unit");
    assert_eq!(
        (f.name.as_str(), f.level.as_deref(), f.from_text),
        ("Mường Chà", Some("huyện"), true)
    );
    // A destination is not the reporter: the figure is the province's.
    let f = figure(&rec, "19").unit_for.clone().expect("a unit");
    assert_eq!((f.name.as_str(), f.from_text), ("Điện Biên", false));
    let f = figure(&rec, "164").unit_for.clone().expect("a unit");
    assert_eq!((f.name.as_str(), f.from_text), ("Điện Biên", false));
    assert_eq!(f.province.as_deref(), Some("Điện Biên"));
}

#[test]
fn an_article_about_one_district_files_its_figures_under_it() {
    let rec = record(
        "Đảng bộ huyện Mường Chà sơ kết Nghị quyết. Những năm qua, Mường Chà chú trọng công \
         tác phát triển đảng viên.\n\nĐã xem xét xử lý kỷ luật đối với 16 đảng viên.",
        "2017-11-20",
    );
    let f = figure(&rec, "16").unit_for.clone().expect("a unit");
    assert_eq!(
        (f.name.as_str(), f.level.as_deref(), f.from_text),
        ("Mường Chà", Some("huyện"), false)
    );
}

#[test]
fn every_unit_of_the_table_is_a_counted_noun() {
    for ind in TABLE.iter() {
        for u in &ind.units {
            assert!(
                baochi::entities::statistics::counted_noun_at(u) == Some(u.as_str()),
                "{}: {u:?} is not in counted_nouns.tsv",
                ind.name
            );
        }
    }
}

#[test]
fn the_subject_says_what_was_done_to_what_is_counted() {
    let rec = record(
        "Từ năm 2010 đến nay, toàn tỉnh có 164 đồng chí được luân chuyển. Năm 2017 có 5 đồng \
         chí được điều động về xã.",
        "2017-11-20",
    );
    assert_eq!(
        figure(&rec, "164").subject.as_deref(),
        Some("đồng chí được luân chuyển")
    );
    assert_eq!(
        figure(&rec, "5 đồng").subject.as_deref(),
        Some("đồng chí được điều động")
    );
}
