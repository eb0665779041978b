//! HTML page → full record (decode, clean, parse, find the article, metadata, normalise,
//! entities) on one core, on news pages of 50, 150 and 200 KB built deterministically the
//! way provincial news sites are: inline scripts and styles, a mega menu, two sidebars of
//! link lists and teasers, weather and gold widgets, a comment box with comments, related
//! articles and a footer around a Vietnamese article.
//!
//! `cargo bench --bench extract`; criterion prints time per page (pages/s = 1 / time) and
//! MB/s.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::fmt::Write;
use std::hint::black_box;

const WORDS: &[&str] = &[
    "cán bộ",
    "đảng viên",
    "nghị quyết",
    "tỉnh ủy",
    "huyện",
    "xã",
    "phát triển",
    "kinh tế",
    "xây dựng",
    "chính quyền",
    "nhân dân",
    "thực hiện",
    "công tác",
    "kiểm tra",
    "giám sát",
    "năm 2013",
    "kế hoạch",
    "đánh giá",
    "kết quả",
    "tổ chức",
    "cơ sở",
    "hội nghị",
    "lãnh đạo",
    "chỉ đạo",
    "tăng cường",
    "nâng cao",
    "chất lượng",
    "sinh hoạt",
    "chi bộ",
    "đồng chí",
];

/// A small deterministic generator (xorshift) so every run builds the same page.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }
    fn sentence(&mut self, words: usize) -> String {
        let mut s = String::new();
        for i in 0..words {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(WORDS[self.next() % WORDS.len()]);
        }
        let mut c = s.chars();
        let first = c
            .next()
            .map(|f| f.to_uppercase().collect::<String>())
            .unwrap_or_default();
        format!("{first}{}.", c.as_str())
    }
}

const LEAD: &str = "Ban Thường vụ Tỉnh ủy tổ chức hội nghị đánh giá kết quả thực hiện Nghị quyết Trung ương 4 (khóa XI) tại các đảng bộ trực thuộc.";

/// A page of about `target` bytes: the article stays the same size (about 8 KB of text),
/// the furniture grows.
fn page(target: usize, seed: u64) -> String {
    let mut r = Rng(seed);
    let mut article = String::new();
    writeln!(
        article,
        "<div class=\"detail\"><h1 class=\"title\">Tăng cường công tác xây dựng Đảng ở cơ sở</h1>"
    )
    .unwrap();
    writeln!(article, "<div class=\"date\">08:59 - Thứ Tư, 03/10/2018</div><p class=\"sapo\"><b>{LEAD}</b></p><div class=\"content-detail\">").unwrap();
    for i in 0..18 {
        writeln!(
            article,
            "<p>{} {} {}</p>",
            r.sentence(25),
            r.sentence(20),
            r.sentence(15)
        )
        .unwrap();
        if i == 6 {
            writeln!(article, "<table class=\"image\"><tr><td><img src=\"/a.jpg\"></td></tr><tr><td class=\"image_desc\">{}</td></tr></table>", r.sentence(14)).unwrap();
        }
    }
    writeln!(
        article,
        "<p style=\"text-align:right\"><b>Minh Thùy</b></p></div></div>"
    )
    .unwrap();
    let mut html = String::with_capacity(target + 4096);
    html.push_str("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Tăng cường công tác xây dựng Đảng ở cơ sở - Báo Điện Biên Phủ</title>");
    html.push_str("<style>");
    while html.len() < target / 10 {
        writeln!(
            html,
            ".c{} {{ margin: {}px; padding: 0 {}px; color: #{:06x}; }}",
            r.next() % 9999,
            r.next() % 40,
            r.next() % 30,
            r.next() % 0xffffff
        )
        .unwrap();
    }
    html.push_str("</style><script>");
    while html.len() < target * 3 / 10 {
        writeln!(html, "function f{}(a,b){{if(a<b){{return document.getElementById('x{}').innerHTML='<div>'+a+'</div>';}}return b;}}", r.next() % 99999, r.next() % 999).unwrap();
    }
    html.push_str("</script></head><body><div id=\"header\"><div class=\"top-date\">Thứ Sáu, 27/9/2024</div><ul class=\"menu\">");
    for _ in 0..60 {
        writeln!(
            html,
            "<li><a href=\"/c/{}\">{}</a></li>",
            r.next() % 999,
            r.sentence(2)
        )
        .unwrap();
    }
    html.push_str("</ul></div><div class=\"col-left\">");
    html.push_str(&article);
    html.push_str("<div class=\"box-comment\"><h3>Ý kiến bạn đọc</h3>");
    for _ in 0..6 {
        writeln!(
            html,
            "<div class=\"comment-item\"><b>{}</b><p>{}</p></div>",
            r.sentence(3),
            r.sentence(30)
        )
        .unwrap();
    }
    html.push_str("</div><div class=\"tin-khac\"><h3>Tin khác</h3><ul>");
    let mut n = 0;
    while html.len() < target * 7 / 10 {
        writeln!(html, "<li><a href=\"/t/{n}\"><img src=\"/t{n}.jpg\">{}</a><p>{}</p><span>(0{}/10/2018)</span></li>", r.sentence(10), r.sentence(18), n % 9 + 1).unwrap();
        n += 1;
    }
    html.push_str("</ul></div></div><div class=\"col-right sidebar\"><div class=\"box weather\">Thông tin thời tiết 24°C - 31°C</div><div class=\"box giavang\">Thông tin giá vàng SJC 36.550</div><ul>");
    while html.len() < target.saturating_sub(1500) {
        writeln!(
            html,
            "<li><a href=\"/s/{}\">{}</a></li>",
            r.next() % 99999,
            r.sentence(12)
        )
        .unwrap();
    }
    html.push_str("</ul></div><div id=\"footer\"><p>Báo Điện Biên Phủ điện tử. Giấy phép số 123/GP-BTTTT. Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p></div></body></html>");
    html
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("extract_html");
    for kb in [50usize, 150, 200] {
        let html = page(kb * 1024, 0x9e37_79b9_7f4a_7c15 ^ kb as u64);
        // BAOCHI_BENCH_PAGES=DIR keeps the pages, to time `baochi extract` on them too.
        if let Some(dir) = std::env::var_os("BAOCHI_BENCH_PAGES") {
            std::fs::write(
                std::path::Path::new(&dir).join(format!("page-{kb}k.html")),
                &html,
            )
            .expect("write page");
        }
        // The result is checked once, so a fast wrong extractor cannot pass.
        let rec = baochi::extract::from_bytes(
            html.as_bytes(),
            Some("https://baodienbienphu.info.vn/a.html"),
            Some("text/html; charset=utf-8"),
        )
        .expect("the page extracts");
        assert!(
            rec.body.starts_with(LEAD),
            "body starts at the lead: {}",
            &rec.body[..rec.body.len().min(200)]
        );
        assert_eq!(rec.author.as_deref(), Some("Minh Thùy"));
        assert_eq!(rec.published.as_deref(), Some("2018-10-03T08:59:00+07:00"));
        assert!(!rec.body.contains("Tin khác") && !rec.body.contains("Thông tin thời tiết"));
        assert!(
            rec.body.split("\n\n").count() == 20,
            "{} paragraphs",
            rec.body.split("\n\n").count()
        );
        group.throughput(Throughput::Bytes(html.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("{kb}KB")),
            &html,
            |b, html| {
                b.iter(|| {
                    baochi::extract::from_bytes(
                        black_box(html.as_bytes()),
                        Some("https://baodienbienphu.info.vn/a.html"),
                        Some("text/html; charset=utf-8"),
                    )
                    .map(|r| r.body.len())
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
