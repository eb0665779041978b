//! The research views over articles written for them: KWIC lines equal to the body at their
//! offsets, sorted and cut between syllables; trend periods with zeros, totals equal to the
//! index's counts in the same scope, splits; bad parameters refused.

use assert_cmd::Command;
use baochi::index::{Index, SearchRequest};
use baochi::record::Record;
use baochi::views::ViewError;
use baochi::views::kwic::{KwicLine, KwicRequest, Sort, kwic};
use baochi::views::trend::{Period, Split, TrendRequest, trend};

fn rec(name: &str, province: &str, published: Option<&str>, body: &str) -> Record {
    Record {
        url: Some(format!("https://example.vn/{name}")),
        title: Some(format!("Tin {}", name.len())),
        body: body.into(),
        province: Some(province.into()),
        province_now: Some(province.into()),
        published: published.map(String::from),
        ..Default::default()
    }
}

fn articles() -> Vec<Record> {
    vec![
        rec(
            "a1",
            "Điện Biên",
            Some("2012-03-05"),
            "Tỉnh ủy Điện Biên chỉ đạo luân chuyển cán bộ.\nViệc luân chuyển cán bộ được đánh giá cao.",
        ),
        rec(
            "a2",
            "Thanh Hóa",
            Some("2012-05-10"),
            "Thanh Hóa luân chuyển 20 cán bộ lãnh đạo.",
        ),
        rec(
            "a3",
            "Thanh Hóa",
            Some("2012-07-01"),
            "Hội nghị bàn về kinh tế.",
        ),
        rec(
            "a4",
            "Điện Biên",
            Some("2013-02-01"),
            "Luân chuyển cán bộ gắn với quy hoạch.",
        ),
        rec(
            "a5",
            "Cần Thơ",
            Some("2012-08-08"),
            "Kết nạp đảng viên mới.",
        ),
        rec(
            "a6",
            "Cần Thơ",
            None,
            "Bài không ngày về luân chuyển cán bộ.",
        ),
    ]
}

fn index_into(dir: &std::path::Path) -> Index {
    let index = Index::create_or_open(dir).expect("index");
    let mut w = index.writer_with(1, 15 << 20).expect("writer");
    for r in articles() {
        w.upsert(&r).expect("upsert");
    }
    w.commit().expect("commit");
    index
}

fn memory() -> Index {
    let index = Index::in_memory().expect("index");
    let mut w = index.writer_with(1, 15 << 20).expect("writer");
    for r in articles() {
        w.upsert(&r).expect("upsert");
    }
    w.commit().expect("commit");
    index
}

fn lines(index: &Index, q: &str, sort: Sort, width: usize) -> (usize, Vec<KwicLine>) {
    let req = KwicRequest {
        search: SearchRequest {
            query: q.into(),
            ..Default::default()
        },
        width,
        sort,
    };
    let mut out = Vec::new();
    let total = kwic(index, &req, 0, None, &mut |l| {
        out.push(l);
        Ok(())
    })
    .expect("kwic");
    (total, out)
}

#[test]
fn kwic_lines_are_the_body_at_their_offsets() {
    let index = memory();
    let (total, ls) = lines(&index, "luan chuyen can bo", Sort::Date, 60);
    // a1 twice, a4, a6; a2 holds the words apart ("luân chuyển 20 cán bộ"): no occurrence.
    assert_eq!(total, 4);
    assert_eq!(ls.len(), 4);
    assert!(
        ls.iter()
            .all(|l| l.url.as_deref() != Some("https://example.vn/a2"))
    );
    for l in &ls {
        let body = articles()
            .into_iter()
            .find(|r| r.url == l.url)
            .expect("article")
            .body;
        let at: String = body.chars().skip(l.start).take(l.end - l.start).collect();
        assert_eq!(at, l.matched);
        let flat = body.replace('\n', " ");
        assert!(
            flat.contains(&format!("{}{}{}", l.left, l.matched, l.right)),
            "{l:?}"
        );
    }
    // As the article printed it, whatever the query's spelling.
    assert!(ls.iter().any(|l| l.matched == "Luân chuyển cán bộ"));
    assert!(
        ls.iter()
            .all(|l| baochi::text::fold_lower(&l.matched) == "luan chuyen can bo")
    );
    // Date order: the undated article first, then by publication date.
    let dates: Vec<Option<&str>> = ls.iter().map(|l| l.published.as_deref()).collect();
    assert_eq!(dates[0], None);
    assert!(dates[1..].windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
}

#[test]
fn kwic_sorts_by_the_words_beside_the_match_and_cuts_between_syllables() {
    let index = memory();
    let (_, ls) = lines(&index, "\"luân chuyển\"", Sort::Left, 60);
    let lefts: Vec<String> = ls
        .iter()
        .map(|l| baochi::text::fold_lower(l.left.split_whitespace().last().unwrap_or("")))
        .collect();
    let mut sorted = lefts.clone();
    sorted.sort();
    assert_eq!(lefts, sorted);
    let (_, ls) = lines(&index, "\"luân chuyển\"", Sort::Right, 60);
    let rights: Vec<String> = ls
        .iter()
        .map(|l| baochi::text::fold_lower(l.right.trim()))
        .collect();
    let mut sorted = rights.clone();
    sorted.sort();
    assert_eq!(rights, sorted);
    // A narrow context starts and ends on syllable boundaries.
    let (_, ls) = lines(&index, "\"đánh giá\"", Sort::Date, 12);
    assert_eq!(ls.len(), 1);
    assert_eq!(ls[0].left, "cán bộ được ");
    assert_eq!(ls[0].right, " cao.");
}

#[test]
fn kwic_refuses_what_it_cannot_show() {
    let index = memory();
    let run = |q: &str, width: usize| {
        let req = KwicRequest {
            search: SearchRequest {
                query: q.into(),
                ..Default::default()
            },
            width,
            sort: Sort::Date,
        };
        kwic(&index, &req, 0, None, &mut |_| Ok(()))
    };
    assert!(matches!(run("", 60), Err(ViewError::Bad(_))));
    assert!(matches!(run("cán bộ", 0), Err(ViewError::Bad(_))));
    assert!(matches!(run("cán bộ", 10_000), Err(ViewError::Bad(_))));
    assert!(run(&"cán bộ ".repeat(1_500), 60).is_err());
    assert!("up".parse::<Sort>().is_err());
}

fn trend_of(index: &Index, q: &str, by: Period, split: Split) -> baochi::views::trend::Trend {
    trend(
        index,
        &TrendRequest {
            search: SearchRequest {
                query: q.into(),
                ..Default::default()
            },
            by,
            split,
        },
    )
    .expect("trend")
}

#[test]
fn trend_counts_totals_shares_and_zeros() {
    let index = memory();
    let t = trend_of(&index, "luan chuyen can bo", Period::Year, Split::None);
    let all = &t.series["all"];
    let rows: Vec<(&str, u64, u64)> = all
        .iter()
        .map(|p| (p.period.as_str(), p.count, p.total))
        .collect();
    assert_eq!(rows, [("2012", 2, 4), ("2013", 1, 1)]);
    assert_eq!(all[0].share, 0.5);
    assert_eq!(t.undated, 1);
    // Months: every month from the first to the last the index holds, zeros included.
    let t = trend_of(&index, "luan chuyen can bo", Period::Month, Split::None);
    let all = &t.series["all"];
    assert_eq!(all.len(), 12);
    assert_eq!(all.first().map(|p| p.period.as_str()), Some("2012-03"));
    assert_eq!(all.last().map(|p| p.period.as_str()), Some("2013-02"));
    assert!(all.iter().any(|p| p.total == 0 && p.count == 0));
    // Each period's total is what an empty query with the same scope counts.
    for p in all {
        let (y, m) = p.period.split_at(4);
        let month = format!("{y}{m}");
        let r = index
            .search(&SearchRequest {
                from: Some(month.clone()),
                to: Some(month.clone()),
                exact_counts: true,
                ..Default::default()
            })
            .expect("search");
        assert_eq!(r.total as u64, p.total, "{month}");
    }
    // The counts add up to the search's (dated) matches.
    let r = index
        .search(&SearchRequest {
            query: "luan chuyen can bo".into(),
            exact_counts: true,
            ..Default::default()
        })
        .expect("search");
    let sum: u64 = all.iter().map(|p| p.count).sum();
    assert_eq!(sum + t.undated, r.all_words as u64);
}

#[test]
fn trend_splits_by_province_with_zeros() {
    let index = memory();
    let t = trend_of(&index, "luan chuyen can bo", Period::Year, Split::Province);
    let names: Vec<&str> = t.series.keys().map(String::as_str).collect();
    assert_eq!(names, ["Cần Thơ", "Thanh Hóa", "Điện Biên"]);
    let row = |name: &str| -> Vec<(u64, u64)> {
        t.series[name].iter().map(|p| (p.count, p.total)).collect()
    };
    assert_eq!(row("Điện Biên"), [(1, 1), (1, 1)]);
    assert_eq!(row("Thanh Hóa"), [(1, 2), (0, 0)]);
    assert_eq!(row("Cần Thơ"), [(0, 1), (0, 0)]);
    assert!("week".parse::<Period>().is_err());
    assert!("country".parse::<Split>().is_err());
}

#[test]
fn kwic_and_trend_from_the_command_line() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    drop(index_into(&data.join("index")));
    let out = Command::cargo_bin("baochi")
        .expect("bin")
        .args(["--data"])
        .arg(&data)
        .args(["kwic", "--format", "csv", "luan chuyen can bo"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("id,url,published,province,left,match,right,start,end\n"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 5);
    let out = Command::cargo_bin("baochi")
        .expect("bin")
        .args(["--data"])
        .arg(&data)
        .args([
            "trend",
            "--by",
            "year",
            "--format",
            "csv",
            "luan chuyen can bo",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "series,period,count,total,share\nall,2012,2,4,0.500000\nall,2013,1,1,1.000000\n"
    );
    for args in [
        vec!["kwic", "--sort", "up", "cán bộ"],
        vec!["kwic", "\""],
        vec!["trend", "--by", "week", "cán bộ"],
        vec!["trend", "--split", "country", "cán bộ"],
    ] {
        let out = Command::cargo_bin("baochi")
            .expect("bin")
            .args(["--data"])
            .arg(&data)
            .args(&args)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).starts_with("baochi: "));
    }
}

fn with_officials(
    name: &str,
    province: &str,
    published: &str,
    officials: &[(&str, &[&str])],
) -> Record {
    let mut body = String::new();
    let mut list = Vec::new();
    for (who, titles) in officials {
        let prefix = if titles.is_empty() {
            "Đồng chí ".to_string()
        } else {
            format!("{}, đồng chí ", titles.join(", "))
        };
        body.push_str(&prefix);
        let start = body.chars().count();
        body.push_str(who);
        let end = body.chars().count();
        body.push_str(" phát biểu. ");
        list.push(baochi::record::Official {
            name: who.to_string(),
            titles: titles.iter().map(|t| t.to_string()).collect(),
            span: baochi::record::Span {
                text: who.to_string(),
                start,
                end,
            },
        });
    }
    let mut r = rec(name, province, Some(published), &body);
    r.entities.officials = list;
    r
}

fn people_index() -> Index {
    let index = Index::in_memory().expect("index");
    let mut w = index.writer_with(1, 15 << 20).expect("writer");
    let docs = [
        with_officials(
            "p1",
            "Điện Biên",
            "2012-03-01",
            &[("Nguyễn Văn Hùng", &["Phó Bí thư Tỉnh ủy"])],
        ),
        with_officials(
            "p2",
            "Điện Biên",
            "2014-06-01",
            &[
                ("Nguyễn Văn Hùng", &["Bí thư Tỉnh ủy"]),
                ("Lò Thị Thủy", &[]),
            ],
        ),
        // Without a title, in the same province: the same person.
        with_officials("p3", "Điện Biên", "2015-01-01", &[("Nguyễn Văn Hùng", &[])]),
        // The same name in another province: another person.
        with_officials(
            "p4",
            "Thanh Hóa",
            "2013-01-01",
            &[("Nguyễn Văn Hùng", &["Chủ tịch UBND huyện"])],
        ),
        // Twice in one article: one article, two mentions.
        with_officials(
            "p5",
            "Điện Biên",
            "2016-02-02",
            &[
                ("Nguyễn Văn Hùng", &["Bí thư Tỉnh ủy"]),
                ("Nguyễn Văn Hùng", &[]),
            ],
        ),
    ];
    for d in &docs {
        w.upsert(d).expect("upsert");
    }
    w.commit().expect("commit");
    index
}

#[test]
fn people_merge_one_name_in_one_province_and_keep_provinces_apart() {
    use baochi::views::people::{PeopleRequest, people};
    let index = people_index();
    let rows = people(&index, &PeopleRequest::default()).expect("people");
    let keys: Vec<(&str, Option<&str>, u64, u64)> = rows
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.province.as_deref(),
                p.articles,
                p.mentions,
            )
        })
        .collect();
    assert_eq!(
        keys,
        [
            ("Nguyễn Văn Hùng", Some("Điện Biên"), 4, 5),
            ("Lò Thị Thủy", Some("Điện Biên"), 1, 1),
            ("Nguyễn Văn Hùng", Some("Thanh Hóa"), 1, 1),
        ]
    );
    let hung = &rows[0];
    let titles: Vec<(&str, Option<&str>, Option<&str>)> = hung
        .titles
        .iter()
        .map(|t| (t.title.as_str(), t.first.as_deref(), t.last.as_deref()))
        .collect();
    assert_eq!(
        titles,
        [
            ("Phó Bí thư Tỉnh ủy", Some("2012-03-01"), Some("2012-03-01")),
            ("Bí thư Tỉnh ủy", Some("2014-06-01"), Some("2016-02-02")),
        ]
    );
    // The latest article first.
    assert_eq!(hung.recent[0].published.as_deref(), Some("2016-02-02"));
    // Filters: a province (old or new name, any spelling), a name without diacritics.
    let th = people(
        &index,
        &PeopleRequest {
            province: Some("thanh hoa".into()),
            name: None,
        },
    )
    .expect("people");
    assert_eq!(th.len(), 1);
    let thuy = people(
        &index,
        &PeopleRequest {
            province: None,
            name: Some("thuy".into()),
        },
    )
    .expect("people");
    assert_eq!(thuy.len(), 1);
    assert_eq!(thuy[0].name, "Lò Thị Thủy");
}

#[test]
fn people_from_the_command_line() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    {
        let index = Index::create_or_open(&data.join("index")).expect("index");
        let mut w = index.writer_with(1, 15 << 20).expect("writer");
        w.upsert(&with_officials(
            "c1",
            "Điện Biên",
            "2012-03-01",
            &[("Nguyễn Văn Hùng", &["Bí thư Tỉnh ủy"])],
        ))
        .expect("upsert");
        w.commit().expect("commit");
    }
    let out = Command::cargo_bin("baochi")
        .expect("bin")
        .args(["--data"])
        .arg(&data)
        .args(["people", "--format", "csv"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "name,province,articles,mentions,title,first,last\n\
         Nguyễn Văn Hùng,Điện Biên,1,1,Bí thư Tỉnh ủy,2012-03-01,2012-03-01\n"
    );
}

fn sourced(name: &str, host: &str, province: &str, published: &str) -> Record {
    let mut r = rec(
        name,
        province,
        Some(published),
        "Tin hoạt động của Đảng bộ.",
    );
    r.url = Some(format!("https://{host}/{name}"));
    r.source = Some(host.to_string());
    r
}

#[test]
fn coverage_counts_per_source_flags_gaps_and_lists_uncovered_provinces() {
    use baochi::crawl::frontier::HostStats;
    use baochi::views::coverage::{CoverageRequest, coverage};
    let index = Index::in_memory().expect("index");
    let mut w = index.writer_with(1, 15 << 20).expect("writer");
    // baodienbienphu: 3 articles a month in Jan–Feb and Apr 2014, none in March: a gap.
    let mut n = 0;
    for month in ["01", "02", "04"] {
        for day in ["03", "13", "23"] {
            n += 1;
            w.upsert(&sourced(
                &format!("dbp{n}"),
                "baodienbienphu.info.vn",
                "Điện Biên",
                &format!("2014-{month}-{day}"),
            ))
            .expect("upsert");
        }
    }
    // baothanhhoa: one article in Jan, one in Mar: a quiet month, not a gap.
    w.upsert(&sourced("th1", "baothanhhoa.vn", "Thanh Hóa", "2014-01-05"))
        .expect("upsert");
    w.upsert(&sourced("th2", "baothanhhoa.vn", "Thanh Hóa", "2014-03-05"))
        .expect("upsert");
    w.commit().expect("commit");
    let crawl = vec![
        (
            "www.baodienbienphu.info.vn".to_string(),
            HostStats {
                fetched: 40,
                not_articles: 25,
                failed: 2,
                last_crawl: 1_700_000_000,
            },
        ),
        // Crawled, nothing indexed: listed under its paper's province.
        (
            "baohagiang.vn".to_string(),
            HostStats {
                fetched: 5,
                not_articles: 5,
                failed: 0,
                last_crawl: 1_700_000_000,
            },
        ),
    ];
    let c = coverage(
        &index,
        &crawl,
        &CoverageRequest {
            by: Period::Month,
            ..Default::default()
        },
    )
    .expect("coverage");
    let dbp = c
        .sources
        .iter()
        .find(|s| s.source.as_deref() == Some("baodienbienphu.info.vn"))
        .expect("dbp");
    assert_eq!(dbp.province.as_deref(), Some("Điện Biên"));
    assert_eq!(dbp.articles, 9);
    assert_eq!(
        (dbp.first.as_deref(), dbp.last.as_deref()),
        (Some("2014-01-03"), Some("2014-04-23"))
    );
    assert_eq!(
        dbp.periods,
        [
            ("2014-01".to_string(), 3),
            ("2014-02".to_string(), 3),
            ("2014-03".to_string(), 0),
            ("2014-04".to_string(), 3)
        ]
    );
    assert_eq!(dbp.gaps, ["2014-03"]);
    assert_eq!(
        (dbp.fetched, dbp.not_articles, dbp.failed),
        (Some(40), Some(25), Some(2))
    );
    assert_eq!(dbp.last_crawl.as_deref(), Some("2023-11-14T22:13:20Z"));
    let th = c
        .sources
        .iter()
        .find(|s| s.source.as_deref() == Some("baothanhhoa.vn"))
        .expect("th");
    assert!(th.gaps.is_empty());
    assert_eq!(th.fetched, None, "no crawl of it here");
    let hg = c
        .sources
        .iter()
        .find(|s| s.source.as_deref() == Some("baohagiang.vn"))
        .expect("crawled but empty");
    assert_eq!((hg.articles, hg.fetched), (0, Some(5)));
    assert_eq!(hg.province.as_deref(), Some("Hà Giang"));
    // The articles of the rows are the index's.
    let held: u64 = c.sources.iter().map(|s| s.articles).sum();
    assert_eq!(held, index.len());
    // Provinces with no source are listed, not left out.
    let uncovered: Vec<&str> = c
        .sources
        .iter()
        .filter(|s| s.source.is_none())
        .filter_map(|s| s.province.as_deref())
        .collect();
    assert!(
        uncovered.contains(&"Cần Thơ") && !uncovered.contains(&"Điện Biên"),
        "{uncovered:?}"
    );
    assert_eq!(uncovered.len(), 63 - 3);
    // Narrowed to one source.
    let one = coverage(
        &index,
        &crawl,
        &CoverageRequest {
            source: Some("www.baothanhhoa.vn".into()),
            by: Period::Year,
            ..Default::default()
        },
    )
    .expect("coverage");
    assert_eq!(one.sources.len(), 1);
    assert_eq!(one.sources[0].periods, [("2014".to_string(), 2)]);
}
