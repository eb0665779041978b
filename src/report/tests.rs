use super::*;
use crate::record::{Document, Entities, Locality, Official, Span, Statistic};

fn doc(c: &str) -> Document {
    Document {
        kind: "nghị quyết".into(),
        canonical: Some(c.into()),
        ..Document::default()
    }
}

fn place(name: &str, level: &str, province: &str) -> Locality {
    Locality {
        name: name.into(),
        level: Some(level.into()),
        province: province.into(),
        code: None,
        span: Span::default(),
    }
}

/// A figure of `indicator` for the unit `unit_for`, in `year`.
fn stat(value: f64, unit: &str, indicator: &str, unit_for: &str, year: &str) -> Statistic {
    Statistic {
        value,
        unit: unit.into(),
        year: Some(year.into()),
        indicator: Some(indicator.into()),
        unit_for: Some(crate::record::UnitFor {
            name: unit_for.into(),
            province: Some("Thừa Thiên Huế".into()),
            ..Default::default()
        }),
        span: Span::default(),
        ..Default::default()
    }
}

fn article(province: Option<&str>, published: &str, entities: Entities) -> Record {
    Record {
        province: province.map(String::from),
        province_now: province.map(|p| {
            if p == "Thừa Thiên Huế" {
                "Huế"
            } else {
                p
            }
            .to_string()
        }),
        published: Some(published.into()),
        url: Some(format!("https://example.vn/{published}")),
        entities,
        ..Record::default()
    }
}

fn fixture() -> Report {
    let hue = Some("Thừa Thiên Huế");
    let recs = vec![
        article(
            hue,
            "2013-03-02",
            Entities {
                documents: vec![doc("12-NQ/TW"), doc("12-NQ/TW"), doc("93-KH/TU")],
                officials: vec![Official {
                    name: "Tạ Ngọc Phước".into(),
                    titles: vec!["Bí thư Thị ủy Hương Trà".into()],
                    span: Span::default(),
                }],
                localities: vec![
                    place("Hương Trà", "thị xã", "Thừa Thiên Huế"),
                    place("Hương Trà", "thị xã", "Thừa Thiên Huế"),
                    place("Thừa Thiên Huế", "tỉnh", "Thừa Thiên Huế"),
                    place("Ba Đình", "quận", "Hà Nội"),
                ],
                statistics: vec![
                    stat(164.0, "đồng chí", "luân chuyển cán bộ", "Hương Trà", "2012"),
                    Statistic {
                        part_of: Some(0),
                        ..stat(126.0, "đồng chí", "luân chuyển cán bộ", "Hương Trà", "2012")
                    },
                    stat(
                        20.0,
                        "đảng viên",
                        "kết nạp đảng viên mới",
                        "Hương Trà",
                        "2012",
                    ),
                ],
                ..Entities::default()
            },
        ),
        article(
            hue,
            "2017-11-05T08:30:00+07:00",
            Entities {
                documents: vec![doc("04-NQ/TW"), doc("12-NQ/TW")],
                officials: vec![Official {
                    name: "Tạ Ngọc Phước".into(),
                    titles: vec!["Tỉnh ủy viên".into()],
                    span: Span::default(),
                }],
                localities: vec![place("Phong Điền", "huyện", "Thừa Thiên Huế")],
                statistics: vec![
                    // The same figure restated: one point with two sources, never 328.
                    stat(164.0, "đồng chí", "luân chuyển cán bộ", "Hương Trà", "2012"),
                    stat(
                        30.0,
                        "đảng viên",
                        "kết nạp đảng viên mới",
                        "Phong Điền",
                        "2012",
                    ),
                    stat(
                        22.06,
                        "%",
                        "tổ chức cơ sở đảng trong sạch vững mạnh",
                        "Phong Điền",
                        "2017",
                    ),
                ],
                ..Entities::default()
            },
        ),
        article(Some("Thanh Hóa"), "2012-01-20", Entities::default()),
        article(None, "không rõ", Entities::default()),
    ];
    let mut b = ReportBuilder::new(ReportOptions::default());
    for r in &recs {
        b.add(r);
    }
    b.finish()
}

#[test]
fn counts_articles_periods_and_months() {
    let r = fixture();
    assert_eq!(r.articles, 4);
    assert_eq!(r.first.as_deref(), Some("2012-01-20"));
    assert_eq!(r.last.as_deref(), Some("2017-11-05"));
    assert_eq!(r.months.get("2013-03"), Some(&1));
    assert_eq!(r.months.values().sum::<u64>(), 3);
    let names: Vec<Option<&str>> = r.provinces.iter().map(|p| p.province.as_deref()).collect();
    assert_eq!(names, [Some("Thừa Thiên Huế"), Some("Thanh Hóa"), None]);
    let hue = &r.provinces[0];
    assert_eq!(hue.articles, 2);
    assert_eq!(hue.province_now.as_deref(), Some("Huế"));
    assert_eq!(hue.first.as_deref(), Some("2013-03-02"));
    assert_eq!(hue.last.as_deref(), Some("2017-11-05"));
}

#[test]
fn documents_count_articles_and_mentions() {
    let r = fixture();
    let d = &r.provinces[0].documents;
    assert_eq!(d[0].canonical, "12-NQ/TW");
    assert_eq!((d[0].articles, d[0].mentions), (2, 3));
    assert_eq!(d.len(), 3);
}

#[test]
fn officials_gather_titles() {
    let r = fixture();
    let o = &r.provinces[0].officials[0];
    assert_eq!(o.name, "Tạ Ngọc Phước");
    assert_eq!(o.titles, ["Bí thư Thị ủy Hương Trà", "Tỉnh ủy viên"]);
    assert_eq!((o.articles, o.mentions), (2, 2));
}

#[test]
fn localities_stay_in_their_province_and_below_it() {
    let r = fixture();
    let l = &r.provinces[0].localities;
    let names: Vec<&str> = l.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["Hương Trà", "Phong Điền"]);
    assert_eq!(l[0].articles, 1);
    assert_eq!(
        l[0].documents,
        [("12-NQ/TW".to_string(), 1), ("93-KH/TU".to_string(), 1)]
    );
    assert_eq!(l[1].first.as_deref(), Some("2017-11-05"));
}

#[test]
fn figures_never_add_a_part_to_its_whole_nor_two_indicators() {
    let r = fixture();
    let f = &r.provinces[0].figures;
    let rows: Vec<(&str, Option<&str>, Vec<f64>, usize)> = f
        .iter()
        .map(|p| {
            (
                p.indicator.as_str(),
                p.unit.as_deref(),
                p.values.clone(),
                p.sources.len(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("kết nạp đảng viên mới", Some("Hương Trà"), vec![20.0], 1),
            ("kết nạp đảng viên mới", Some("Phong Điền"), vec![30.0], 1),
            ("luân chuyển cán bộ", Some("Hương Trà"), vec![164.0], 2),
            (
                "tổ chức cơ sở đảng trong sạch vững mạnh",
                Some("Phong Điền"),
                vec![22.06],
                1
            ),
        ]
    );
    // Every value the report gives is a whole figure some article gave.
    let wholes: Vec<f64> = [164.0, 20.0, 30.0, 22.06].to_vec();
    assert!(f.iter().flat_map(|p| &p.values).all(|v| wholes.contains(v)));
    assert_eq!(f[3].kind, "rate");
}

#[test]
fn renders_every_format() {
    let r = fixture();
    let out = |f: ReportFormat| {
        let mut v = Vec::new();
        render(&r, f, &mut v).unwrap();
        String::from_utf8(v).unwrap()
    };
    let t = out(ReportFormat::Table);
    assert!(
        t.contains("Thừa Thiên Huế (now Huế): 2 articles, 2013-03-02 – 2017-11-05"),
        "{t}"
    );
    assert!(t.contains("12-NQ/TW"), "{t}");
    assert!(t.contains("(no province): 1 article, undated"), "{t}");

    let j: serde_json::Value = serde_json::from_str(&out(ReportFormat::Json)).unwrap();
    assert_eq!(j["provinces"][0]["documents"][0]["canonical"], "12-NQ/TW");
    assert_eq!(j["articles"], 4);

    let c = out(ReportFormat::Csv);
    let mut rd = csv::Reader::from_reader(c.as_bytes());
    assert_eq!(rd.headers().unwrap().len(), render::CSV_HEADER.len());
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    let fig = rows
        .iter()
        .find(|r| &r[2] == "figure" && &r[3] == "luân chuyển cán bộ")
        .unwrap();
    // Period, articles, min, max; the sum column stays empty: figures are never added.
    assert_eq!(
        (&fig[5], &fig[6], &fig[8], &fig[9], &fig[10]),
        ("2012", "2", "164", "164", "")
    );

    let h = out(ReportFormat::Html);
    assert!(h.starts_with("<!doctype html>"));
    assert!(h.contains("<h2>Thừa Thiên Huế"));
    assert!(h.contains("<h3>Số liệu theo chỉ tiêu</h3>"), "{h}");
    assert!(!h.contains("Coverage report") && !h.contains("Documents cited"));
    assert!("pdf".parse::<ReportFormat>().is_err());
}

#[test]
fn html_escapes_what_articles_say() {
    let mut b = ReportBuilder::new(ReportOptions::default());
    b.add(&article(
        Some("<script>alert(1)</script>"),
        "2020-01-01",
        Entities::default(),
    ));
    let mut v = Vec::new();
    render(&b.finish(), ReportFormat::Html, &mut v).unwrap();
    let h = String::from_utf8(v).unwrap();
    assert!(!h.contains("<script>"));
    assert!(h.contains("&lt;script&gt;"));
}
