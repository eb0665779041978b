//! HTML pages: the article's paragraphs and its metadata.
//!
//! The page is parsed with `scraper` (html5ever) after [`super::prep`], then walked once
//! (iteratively: no recursion on deep pages) into a flat list of text blocks, each knowing
//! its block element, its link text, whether it sits in boilerplate (navigation, sidebars,
//! share bars, comment boxes, related lists: by tag, ARIA role, class and id) and whether it
//! is a heading or a caption.
//!
//! The article's container is the element that holds the most good text for the least
//! junk: score = good text − junk text − a quarter of short text, summed over its blocks,
//! where good text is non-heading blocks of 60+ characters with little link text. This finds
//! the body in table layouts, div soup and `<article>` pages alike without a site list. A
//! lead paragraph printed just above the container (the sapo) joins it. Inside the
//! container, boilerplate, link lists, chrome lines, the headline and date lines are
//! dropped; a heading such as "Tin liên quan" or "Related articles" ends the article.

mod body;
mod linked_data;
mod marks;
mod meta;
mod walk;

use super::Article;
use super::metadata;
use super::page_type::Signals;
use body::{Pass, Trust};
use linked_data::LinkedData;
use walk::{NONE, Walker, walk};

/// Extracts the article of an HTML page: the body first (the cascade decides between its
/// passes), then its metadata, once, from the chosen pass, then what the page is made of.
pub fn extract(html: &str) -> Article {
    let (w, ld) = walk(html);
    let chosen = choose(&w);
    let title = meta::title(&w, &ld, &chosen);
    let body = body::body(&w, &ld, &chosen, title.as_deref());
    let published = meta::published(&w, &ld, &chosen, &body);
    let author = meta::author(&w, &ld, &chosen, &body);
    let mut s = signals(&w, &ld);
    s.body_teasers = chosen.body_teasers;
    let text = body::without_bio(&body.text, author.as_deref()).unwrap_or(body.text);
    let text = body::without_publisher(&text, meta::site(&w)).unwrap_or(text);
    Article {
        title,
        published,
        author,
        body: text,
        signals: Some(s),
    }
}

/// The cascade: the precise pass trusts every boilerplate mark; when page-builder class
/// names hid most of the text from it, a pass that trusts only structure is taken.
fn choose(w: &Walker) -> Pass {
    let strict = body::pass(w, Trust::All);
    if !w.els.iter().any(|e| e.soft) {
        return strict;
    }
    let lenient = body::pass(w, Trust::Structure);
    if strict.text_len(w) * 2 < lenient.text_len(w) {
        lenient
    } else {
        strict
    }
}

/// What the page is made of, for telling an article from a listing (the body's share is
/// measured later, on the final text).
fn signals(w: &Walker, ld: &LinkedData) -> Signals {
    let c = w.counts;
    let mut s = Signals {
        anchors: c.anchors,
        headline_anchors: c.headline_anchors,
        content_headline_anchors: c.content_headline_anchors,
        article_elements: c.articles,
        inputs: c.inputs,
        buttons: c.buttons,
        forms: c.forms,
        code: c.code,
        images: c.images,
        media: c.media,
        times: w.times.len() as u32,
        page_url: w.own_address().map(str::to_string),
        og_type: w.meta.get("og:type").map(|t| t.trim().to_ascii_lowercase()),
        ld_types: ld.types.clone(),
        declared_date: ld.published.is_some()
            || !w.item_dates.is_empty()
            || metadata::PUBLISHED_KEYS
                .iter()
                .any(|k| w.meta.contains_key(*k)),
        ..Signals::default()
    };
    let mut prev_linked_headline = false;
    for b in &w.blocks {
        s.text_chars += b.chars;
        s.link_chars += b.link;
        let boiler = b.boiler != NONE;
        if boiler {
            s.boiler_chars += b.chars;
        }
        let linked = b.is_linked();
        if (1..=4).contains(&b.heading) {
            s.headings += 1;
            if linked && b.chars >= 15 {
                s.linked_headings += 1;
            }
            if b.heading == 1 && !boiler && !linked {
                s.has_h1 = true;
            }
        }
        // A listing prints a date under every teaser.
        if b.chars <= 60
            && b.text.bytes().any(|c| c.is_ascii_digit())
            && metadata::date_line(&b.text).is_some()
        {
            s.date_lines += 1;
        }
        if prev_linked_headline && !linked && b.chars >= 40 && b.heading == 0 {
            s.teasers += 1;
        }
        prev_linked_headline = linked && b.chars >= 25;
    }
    s
}

/// For developers: every block of the page with what each pass made of it.
#[doc(hidden)]
pub fn trace(html: &str) -> String {
    let (w, _) = walk(html);
    let mut out = Vec::new();
    for trust in [Trust::All, Trust::Structure] {
        out.push(format!("== pass {trust:?}"));
        let p = body::pass(&w, trust);
        body::trace(&w, &p, &mut out);
        out.push(format!("-> {} picked bytes", p.text_len(&w)));
    }
    out.push(format!("chosen: {:?}", choose(&w).trust));
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(n: usize, word: &str) -> String {
        format!("<p>{}</p>", vec![word; n].join(" "))
    }

    #[test]
    fn deep_nesting_on_a_normal_thread_stack() {
        let n = 100_000;
        let html = format!(
            "{}{}{}",
            "<div>".repeat(n),
            para(30, "sâu"),
            "</div>".repeat(n)
        );
        let a = std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(move || extract(&html))
            .unwrap()
            .join()
            .unwrap();
        assert!(a.body.starts_with("sâu sâu"));
    }

    #[test]
    fn layout_class_mistaken_for_sidebar_is_lifted() {
        let html = format!(
            "<body><div class=\"main has-sidebar\"><h1>Tiêu đề bài</h1>{}{}</div><nav>{}</nav></body>",
            para(40, "một"),
            para(40, "hai"),
            "<a href=/>Trang chủ</a> ".repeat(10)
        );
        let a = extract(&html);
        assert!(
            a.body.contains("một một") && a.body.contains("hai hai"),
            "{}",
            a.body
        );
        assert!(!a.body.contains("Trang chủ"));
    }

    #[test]
    fn comments_stay_out_even_when_long() {
        let html = format!(
            "<body><article>{}</article><div id=\"comments\">{}{}{}</div></body>",
            para(30, "bài"),
            para(40, "ý"),
            para(40, "kiến"),
            para(40, "khác")
        );
        let a = extract(&html);
        assert!(a.body.starts_with("bài bài"));
        assert!(!a.body.contains("kiến"), "{}", a.body);
    }

    #[test]
    fn related_heading_ends_the_article_and_link_lists_go() {
        let html = format!(
            "<body><div>{}<ul><li><a href=/a>Một bài khác rất dài về chủ đề khác nhau</a></li><li><a href=/b>Bài khác nữa cũng dài như vậy</a></li></ul>{}<h3>Tin liên quan</h3>{}</div></body>",
            para(30, "đầu"),
            para(30, "cuối"),
            para(30, "liên")
        );
        let a = extract(&html);
        assert!(a.body.contains("cuối"));
        assert!(!a.body.contains("Một bài khác"));
        assert!(!a.body.contains("liên liên"), "{}", a.body);
    }

    #[test]
    fn a_heading_over_nothing_but_links_leaves_with_them() {
        let links = |a: &str, b: &str| {
            format!("<ul><li><a href=/a>{a}</a></li><li><a href=/b>{b}</a></li></ul>")
        };
        let html = format!(
            "<body><article><h1>Hội nghị sơ kết</h1>{}<h2>Phần hai</h2>{}<h3>Đọc cùng chủ đề</h3>{}<h3>Phần ba</h3>{}<h2>Best budget pick</h2><p><a href=https://shop.example/x>Acme Budget Blender 3000</a></p>{}<h3>Những bài nên đọc</h3>{}</article></body>",
            para(30, "đầu"),
            para(30, "giữa"),
            links(
                "Bài viết khác về hội nghị sơ kết",
                "Một bài khác nữa về đại hội"
            ),
            para(30, "sau"),
            para(30, "blender"),
            links(
                "Đại hội đại biểu Đảng bộ tỉnh lần thứ XX",
                "Học tập Nghị quyết Trung ương 4"
            )
        );
        let a = extract(&html);
        // Sections and a round-up's item keep their headings.
        for kept in ["Phần hai", "Phần ba", "Best budget pick", "blender blender"] {
            assert!(a.body.contains(kept), "{kept}: {}", a.body);
        }
        // A heading whose section is only links, inside the story or closing it, goes.
        for gone in ["Đọc cùng chủ đề", "Những bài nên đọc"] {
            assert!(!a.body.contains(gone), "{gone}: {}", a.body);
        }
    }

    #[test]
    fn a_river_of_other_stories_under_a_heading_leaves_the_body() {
        let teaser = |n: usize| {
            format!(
                "<h4><a href=/bai-{n}.html>Tin số {n} về công tác xây dựng Đảng ở cơ sở</a></h4><p>Tóm tắt tin số {n}: hội nghị sơ kết việc thực hiện nghị quyết ở các chi bộ trong huyện.</p>"
            )
        };
        let river: String = (1..=4).map(teaser).collect();
        let page = |story: &str| {
            format!(
                "<body><article><h1>Hội nghị sơ kết</h1>{story}<p>Minh Thùy</p><h3>Đọc thêm về xây dựng Đảng</h3>{river}</article></body>"
            )
        };
        let story = format!("{}{}{}", para(50, "một"), para(50, "hai"), para(50, "ba"));
        let a = extract(&page(&story));
        assert!(a.body.contains("ba ba"), "{}", a.body);
        assert!(!a.body.contains("Tóm tắt"), "{}", a.body);
        assert!(!a.body.contains("Đọc thêm"), "{}", a.body);
        // The byline closing the story stays the byline.
        assert_eq!(a.author.as_deref(), Some("Minh Thùy"));
        // A short introduction over the same items is a round-up: its items are the story.
        let a = extract(&page(&para(12, "mở")));
        assert!(a.body.contains("Tóm tắt tin số 4"), "{}", a.body);
    }

    #[test]
    fn a_lone_name_closing_the_body_gives_way_to_the_declared_author() {
        let page = |head: &str| {
            format!(
                "<html><head>{head}</head><body><article><h1>How electric cars took over</h1>{}{}<h3>Expert panel</h3><p>Zane Merva</p></article></body></html>",
                para(30, "cars"),
                para(30, "batteries")
            )
        };
        let a = extract(&page("<meta name=\"author\" content=\"Jane Roe\">"));
        assert_eq!(a.author.as_deref(), Some("Jane Roe"));
        assert!(!a.body.contains("Zane"), "{}", a.body);
        // With nothing declared, the closing name is the byline, as on papers that sign
        // the story at its foot.
        let a = extract(&page(""));
        assert_eq!(a.author.as_deref(), Some("Zane Merva"));
    }

    #[test]
    fn site_name_is_not_an_author_and_long_titles_leave_the_body() {
        let title = "Tăng cường công tác xây dựng Đảng ở cơ sở trong tình hình mới hiện nay";
        let html = format!(
            "<html><head><meta name=\"author\" content=\"Báo Điện Biên Phủ\"></head><body><h1>{title}</h1>{}</body></html>",
            para(30, "chữ")
        );
        let a = extract(&html);
        assert_eq!(a.author, None);
        assert_eq!(a.title.as_deref(), Some(title));
        assert!(a.body.starts_with("chữ chữ"), "{}", a.body);
    }

    #[test]
    fn an_inline_related_box_does_not_end_the_article() {
        let html = format!(
            "<body><div>{}<h4>Read more</h4><p><a href=/x>Another story entirely</a></p>{}{}</div><div>{}</div></body>",
            para(20, "first"),
            para(30, "second"),
            para(30, "third"),
            "<a href=/>Home</a> ".repeat(20)
        );
        let a = extract(&html);
        assert!(a.body.contains("third third"), "{}", a.body);
        assert!(!a.body.contains("Another story"));
    }

    #[test]
    fn json_ld_metadata() {
        let html = format!(
            "<html><head><script type=\"application/ld+json\">[{{\"@type\":\"NewsArticle\",\"headline\":\"Tiêu đề\",\"datePublished\":\"2024-05-01T07:30:00+07:00\",\"author\":[{{\"@type\":\"Person\",\"name\":\"Hà An\"}}]}}]</script></head><body>{}</body></html>",
            para(30, "chữ")
        );
        let a = extract(&html);
        assert_eq!(a.title.as_deref(), Some("Tiêu đề"));
        assert_eq!(a.published.as_deref(), Some("2024-05-01T07:30:00+07:00"));
        assert_eq!(a.author.as_deref(), Some("Hà An"));
    }

    #[test]
    fn the_visible_h1_is_the_headline_not_the_seo_title() {
        let body = format!("{}{}", para(30, "word"), para(30, "text"));
        let page = |head: &str, top: &str| {
            format!(
                "<html><head>{head}</head><body>{top}<article>{body}</article><footer><h1>Contact Us Today</h1></footer></body></html>"
            )
        };
        // og:title is an SEO variant: the h1 wins.
        let a = extract(&page(
            "<meta property=\"og:title\" content=\"Phần mềm thuế hay nhất | Trang tin\">",
            "<h1>Năm phần mềm kê khai thuế đáng dùng năm 2025</h1>",
        ));
        assert_eq!(
            a.title.as_deref(),
            Some("Năm phần mềm kê khai thuế đáng dùng năm 2025")
        );
        // A logo h1 (the site name, a part of <title>) loses to the headline h1.
        let a = extract(&page(
            "<title>Những cung đường đạp xe đẹp | Tạp chí Miền Tây</title>",
            "<h1>Tạp chí Miền Tây</h1><h1>Những cung đường đạp xe đẹp</h1>",
        ));
        assert_eq!(a.title.as_deref(), Some("Những cung đường đạp xe đẹp"));
        // An h1 holding the declared title after a date gives the declared title.
        let a = extract(&page(
            "<meta property=\"og:title\" content=\"Getting ready for the handover\">",
            "<h1>Dec 18 2025 Getting ready for the handover</h1>",
        ));
        assert_eq!(a.title.as_deref(), Some("Getting ready for the handover"));
        // A section name as h1 yields to a longer declared title; a footer h1 is no headline.
        let a = extract(&page(
            "<meta property=\"og:title\" content=\"Chọn hợp đồng bảo hiểm nhà hợp với gia đình\">",
            "<h1>Mẹo bảo hiểm</h1>",
        ));
        assert_eq!(
            a.title.as_deref(),
            Some("Chọn hợp đồng bảo hiểm nhà hợp với gia đình")
        );
        let a = extract(&page(
            "<meta property=\"og:title\" content=\"Lắp camera an ninh cho nhà ở\">",
            "",
        ));
        assert_eq!(a.title.as_deref(), Some("Lắp camera an ninh cho nhà ở"));
        // `Headline | Tagline` as h1 keeps the headline.
        let a = extract(&page(
            "",
            "<h1>Các hãng chuyển nhà uy tín ở Hà Nội 2025 | 12 lựa chọn</h1>",
        ));
        assert_eq!(
            a.title.as_deref(),
            Some("Các hãng chuyển nhà uy tín ở Hà Nội 2025")
        );
    }

    #[test]
    fn authors_from_meta_lines_and_companies_that_sign_their_blogs() {
        let body = para(30, "word");
        let page = |head: &str, byline: &str| {
            format!(
                "<html><head>{head}</head><body><h1>Headline here</h1>{byline}{body}</body></html>"
            )
        };
        let a = extract(&page(
            "",
            "<div class=\"story-byline\">Posted by <a href=\"/u/lan\">Lan Pham</a> on Friday December 19, 2025 @08:00PM</div>",
        ));
        assert_eq!(a.author.as_deref(), Some("Lan Pham"));
        // A company's blog signed by the company, as its site name says.
        let site = "<meta property=\"og:site_name\" content=\"Acme Tools\"><script type=\"application/ld+json\">{\"@type\":\"BlogPosting\",\"author\":{\"@type\":\"Organization\",\"name\":\"Acme Tools\"}}</script>";
        let a = extract(&page(site, ""));
        assert_eq!(a.author.as_deref(), Some("Acme Tools"));
        // A paper's own name where a reporter's belongs is no author.
        let a = extract(&page(
            "<meta name=\"author\" content=\"Báo Điện Biên Phủ\">",
            "",
        ));
        assert_eq!(a.author, None);
    }

    #[test]
    fn a_headline_set_in_capitals_takes_its_written_case() {
        let body = para(30, "word");
        let page = |h1: &str, og: &str| {
            format!(
                "<html><head><meta property=\"og:title\" content=\"{og}\"></head><body><h1>{h1}</h1>{body}</body></html>"
            )
        };
        let a = extract(&page(
            "BEST DRIP COFFEE MAKER IN 2026: BUYING TIPS FROM PROS",
            "Best Drip Coffee Maker 2026: Buying Tips From Pros",
        ));
        assert_eq!(
            a.title.as_deref(),
            Some("Best Drip Coffee Maker 2026: Buying Tips From Pros")
        );
        // A declared title that says something else leaves the h1 as it is.
        let a = extract(&page(
            "HỘI NGHỊ BAN CHẤP HÀNH ĐẢNG BỘ TỈNH",
            "Tin tức mới nhất",
        ));
        assert_eq!(
            a.title.as_deref(),
            Some("HỘI NGHỊ BAN CHẤP HÀNH ĐẢNG BỘ TỈNH")
        );
    }

    #[test]
    fn the_date_printed_under_the_headline_is_the_readers() {
        let body = para(30, "word");
        let page = |head: &str, byline: &str| {
            format!(
                "<html><head>{head}</head><body><h1>Headline here</h1>{byline}{body}</body></html>"
            )
        };
        let declared =
            "<meta property=\"article:published_time\" content=\"2025-01-29T20:47:55+00:00\">";
        // The page prints only its update: that is the date its reader sees.
        let a = extract(&page(declared, "<p>Updated: August 19, 2025</p>"));
        assert_eq!(a.published.as_deref(), Some("2025-08-19"));
        // It prints the declared day too (a published and an updated line): declared stands.
        let a = extract(&page(
            declared,
            "<p>Published January 29, 2025</p><p>Updated: August 19, 2025</p>",
        ));
        assert_eq!(a.published.as_deref(), Some("2025-01-29T20:47:55+00:00"));
        // A byline bar classed as page furniture still dates the page.
        let a = extract(&page(
            "",
            "<div class=\"entry-meta\"><a href=\"/p\"><time datetime=\"2020-06-29T15:00:23-05:00\">June 29, 2020</time><time datetime=\"2021-11-12\">November 12, 2021</time></a></div>",
        ));
        assert_eq!(a.published.as_deref(), Some("2020-06-29T15:00:23-05:00"));
        // A byline that carries the date.
        let a = extract(&page(
            "",
            "<div class=\"meta\">By Lan Pham • March 12, 2025</div>",
        ));
        assert_eq!(a.published.as_deref(), Some("2025-03-12"));
        // A date in the page's header bar (a "today" line) is above the headline: the
        // declared date stands.
        let a = extract(&format!(
            "<html><head>{declared}</head><body><div>Thứ Hai, 7/12/2026</div><h1>Headline here</h1>{body}</body></html>"
        ));
        assert_eq!(a.published.as_deref(), Some("2025-01-29T20:47:55+00:00"));
    }

    #[test]
    fn an_h1_signed_with_the_sites_name_is_the_part_before_it() {
        let body = para(60, "word");
        let page = |head: &str, h1: &str| {
            format!("<html><head>{head}</head><body><h1>{h1}</h1>{body}</body></html>")
        };
        let a = extract(&page(
            "<meta property=\"og:site_name\" content=\"Báo Tỉnh\">",
            "Hội nghị sơ kết nghị quyết – Báo Tỉnh",
        ));
        assert_eq!(a.title.as_deref(), Some("Hội nghị sơ kết nghị quyết"));
        // Known by the page's own host when it declares no site name.
        let a = extract(&page(
            "<link rel=\"canonical\" href=\"https://baotinh.vn/hoi-nghi.html\">",
            "Hội nghị sơ kết nghị quyết – BÁO TỈNH",
        ));
        assert_eq!(a.title.as_deref(), Some("Hội nghị sơ kết nghị quyết"));
        // A dash inside a headline that names no site stays.
        let a = extract(&page("", "Hà Nội – Hải Phòng nối chuyến tàu đêm"));
        assert_eq!(
            a.title.as_deref(),
            Some("Hà Nội – Hải Phòng nối chuyến tàu đêm")
        );
    }

    #[test]
    fn a_short_h1_is_the_headline_unless_set_as_the_logo() {
        let body = para(60, "word");
        let tag = "<title>Mường Tè gặt sớm - Tạp chí Nông thôn miền núi phía Bắc</title>";
        // A plain h1 above the story, shorter than the site's part of `<title>`.
        let a = extract(&format!(
            "<html><head>{tag}</head><body><h1>Mường Tè gặt sớm</h1>{body}</body></html>"
        ));
        assert_eq!(a.title.as_deref(), Some("Mường Tè gặt sớm"));
        // The site's part set as a linked h1 logo is not the headline.
        let a = extract(&format!(
            "<html><head>{tag}</head><body><h1><a href=\"/\">Tạp chí Nông thôn miền núi phía Bắc</a></h1>\
             <h2>Mường Tè gặt sớm</h2>{body}</body></html>"
        ));
        assert_eq!(a.title.as_deref(), Some("Mường Tè gặt sớm"));
    }

    #[test]
    fn a_headline_set_over_several_lines_is_one() {
        let body = format!(
            "{}<p>Dòng một của bài viết về đại hội, đủ dài để là một đoạn văn của bài báo này<br>\
             dòng hai của bài viết về đại hội, đủ dài để là một đoạn văn của bài báo này</p>",
            para(60, "word")
        );
        let a = extract(&format!(
            "<html><body><h1>ĐẠI HỘI<br>ĐẢNG BỘ<br/> <span>TỈNH</span></h1>{body}</body></html>"
        ));
        assert_eq!(a.title.as_deref(), Some("ĐẠI HỘI ĐẢNG BỘ TỈNH"));
        // A break in a paragraph still parts its lines.
        assert!(a.body.contains("bài báo này\n\ndòng hai"), "{}", a.body);
    }

    #[test]
    fn a_date_at_the_articles_foot_dates_an_undated_head() {
        // Longer than the head's reach (eight blocks past the body's first).
        let body = format!(
            "{}{}",
            para(40, "rice").repeat(10),
            "<p>The cooperative sold its harvest to three buyers this year, and the district \
             plans to add two more drying yards before the next season begins.</p>"
        );
        let page = |foot: &str| {
            format!(
                "<html><body><h1>Headline here</h1><article>{body}</article>\
                 <div class=\"share\"><a href=\"/f\">Facebook</a><a href=\"/x\">X</a></div>{foot}\
                 <footer><p>Copyright</p></footer></body></html>"
            )
        };
        // Under the share buttons, a `Posted on` line.
        let a = extract(&page(
            "<div class=\"meta\"><span>Posted on April 13, 2023</span></div>",
        ));
        assert_eq!(a.published.as_deref(), Some("2023-04-13"));
        // A foot bar's `<time>`, classed as furniture.
        let a = extract(&page(
            "<div class=\"post-meta\"><time datetime=\"2025-08-12T11:15:06Z\">August 12, 2025</time><span>By the team</span></div>",
        ));
        assert_eq!(
            a.published.as_deref().and_then(|d| d.get(..10)),
            Some("2025-08-12")
        );
        // A comment's date, past `Leave a comment`, is the comment's.
        let a = extract(&page(
            "<h3>Leave a comment</h3><p>Lan says: March 3, 2024</p>",
        ));
        assert_eq!(a.published, None);
        // Another story's teaser, a linked headline, has its own date.
        let a = extract(&page(
            "<h3><a href=\"/other-story\">Another story from the same paper</a></h3><p>May 5, 2024</p>",
        ));
        assert_eq!(a.published, None);
    }

    #[test]
    fn dates_of_web_page_nodes_other_keys_and_modified_pages() {
        let body = para(30, "word");
        let page = |head: &str| {
            format!("<html><head>{head}</head><body><h1>Headline here</h1>{body}</body></html>")
        };
        // Yoast puts datePublished on the WebPage node of its graph.
        let a = extract(&page(
            "<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"WebPage\",\"datePublished\":\"2021-01-27T06:00:00+00:00\"}]}</script>",
        ));
        assert_eq!(a.published.as_deref(), Some("2021-01-27T06:00:00+00:00"));
        let a = extract(&page(
            "<meta name=\"published-date\" content=\"2021-02-16\">",
        ));
        assert_eq!(a.published.as_deref(), Some("2021-02-16"));
        let a = extract(&page(
            "<meta name=\"published\" content=\"July 17, 2025\"><meta name=\"publisher\" content=\"2019-01-01\">",
        ));
        assert_eq!(a.published.as_deref(), Some("2025-07-17"));
        // Only a modification date: the page is dated by it.
        let a = extract(&page(
            "<meta property=\"article:modified_time\" content=\"2023-06-12T10:39:42+00:00\">",
        ));
        assert_eq!(a.published.as_deref(), Some("2023-06-12T10:39:42+00:00"));
        let a = extract(&page(
            "<meta property=\"article:modified_time\" content=\"2023-06-12T10:39:42+00:00\"><meta property=\"article:published_time\" content=\"2020-01-02T03:04:05+00:00\">",
        ));
        assert_eq!(a.published.as_deref(), Some("2020-01-02T03:04:05+00:00"));
    }

    #[test]
    fn page_bylines_labels_and_twitter_data() {
        let body = format!("{}{}", para(30, "word"), para(30, "text"));
        let page = |head: &str, top: &str| {
            format!(
                "<html><head>{head}</head><body><h1>Headline of the story</h1>{top}<article>{body}</article></body></html>"
            )
        };
        // A label alone in the author box: the name is the next line.
        let a = extract(&page(
            "",
            "<div class=\"author-box\"><p>Written By</p><p>Edzel Tabing</p></div>",
        ));
        assert_eq!(a.author.as_deref(), Some("Edzel Tabing"));
        // The date after the name goes.
        let a = extract(&page(
            "",
            "<div class=\"byline\">Jim Donnelly | August 24, 2023</div>",
        ));
        assert_eq!(a.author.as_deref(), Some("Jim Donnelly"));
        // A share bar with an author class names no one.
        let a = extract(&page(
            "",
            "<div class=\"author-share\">Facebook Twitter Email</div>",
        ));
        assert_eq!(a.author, None);
        let a = extract(&page(
            "<meta name=\"twitter:label1\" content=\"Written by\"><meta name=\"twitter:data1\" content=\"Andrew Liptak\">",
            "",
        ));
        assert_eq!(a.author.as_deref(), Some("Andrew Liptak"));
    }

    /// Three paragraphs of a composed story, each long enough to be good text.
    fn story() -> String {
        [
            "Sáng nay, Ban Thường vụ Huyện ủy tổ chức hội nghị sơ kết một năm thực hiện nghị quyết về công tác cán bộ ở cơ sở.",
            "Các đại biểu thảo luận về việc luân chuyển cán bộ, đánh giá những kết quả và hạn chế trong năm qua của từng xã.",
            "Kết luận hội nghị, đồng chí Bí thư Huyện ủy đề nghị các chi bộ tiếp tục đổi mới nội dung sinh hoạt thường kỳ.",
        ]
        .iter()
        .map(|p| format!("<p>{p}</p>"))
        .collect()
    }

    #[test]
    fn the_cascade_takes_the_structural_pass_when_class_words_hid_the_body() {
        // A page builder's wrapper class holds a furniture word (`widget`): trusting every
        // mark finds only the short teaser outside it.
        let html = format!(
            "<body><div class=\"elementor-widget-wrap\"><div class=\"elementor-widget-container\">{}</div></div>\
             <div><p>Một dòng ngắn ngoài khung bài viết của trang này, đủ dài để là đoạn văn.</p></div></body>",
            story()
        );
        let w = walk(&html).0;
        assert!(
            body::pass(&w, Trust::All).text_len(&w) < body::pass(&w, Trust::Structure).text_len(&w)
        );
        assert_eq!(choose(&w).trust, Trust::Structure);
        let a = extract(&html);
        assert!(a.body.contains("luân chuyển cán bộ"), "{}", a.body);
        // Without such marks the precise pass is the only one.
        let plain = format!("<body><article>{}</article></body>", story());
        let w = walk(&plain).0;
        assert_eq!(choose(&w).trust, Trust::All);
    }

    #[test]
    fn hidden_text_is_weak_furniture_not_nothing() {
        // A cookie panel hidden by style stays out beside a visible story.
        let html = format!(
            "<body><div style=\"display: none\"><p>{}</p></div><article>{}</article></body>",
            "Chúng tôi dùng cookie để cải thiện trải nghiệm của bạn trên trang, hãy chấp nhận. "
                .repeat(3),
            story()
        );
        let a = extract(&html);
        assert!(!a.body.contains("cookie"), "{}", a.body);
        assert!(a.body.contains("sinh hoạt thường kỳ"));
        // A streaming renderer keeps the whole story hidden until a script moves it: the
        // only text of the page is still the body.
        let html = format!("<body><div hidden id=\"S:0\">{}</div></body>", story());
        let a = extract(&html);
        assert!(a.body.contains("luân chuyển cán bộ"), "{}", a.body);
    }

    #[test]
    fn state_and_taxonomy_classes_are_not_furniture() {
        // `has-comments`, `tag-share`, `category-sidebar-news` name the post, not a box.
        let html = format!(
            "<body><div class=\"post has-comments tag-share category-sidebar-news\">{}</div>\
             <div class=\"sidebar\"><p>Tin đọc nhiều trong tuần qua của chuyên mục này rất hay.</p></div></body>",
            story()
        );
        let a = extract(&html);
        assert!(a.body.contains("luân chuyển cán bộ"), "{}", a.body);
        assert!(!a.body.contains("đọc nhiều"), "{}", a.body);
        let w = walk(&html).0;
        assert!(!w.els.iter().any(|e| e.boiler && e.strong));
        assert!(is_state_class_for_tests("has-comments") && !is_state_class_for_tests("comments"));
    }

    #[test]
    fn a_state_suffix_does_not_drop_the_container_that_carries_it() {
        // `comments-enabled` says the post takes comments; the words before the state are
        // not a comment box. The box itself is still furniture.
        let html = format!(
            "<body><main><div class=\"post comments-enabled\"><h1>Hội nghị sơ kết</h1>{}</div></main>\
             <div class=\"comments\"><p>Bài viết rất hay, cảm ơn tác giả đã chia sẻ thông tin bổ ích này.</p></div></body>",
            story()
        );
        let a = extract(&html);
        assert!(a.body.contains("luân chuyển cán bộ"), "{}", a.body);
        assert!(!a.body.contains("cảm ơn tác giả"), "{}", a.body);
        assert!(is_state_class_for_tests("comments-enabled"));
        assert!(is_state_class_for_tests("sidebar-open"));
        // A suffix alone is not a class.
        assert!(!is_state_class_for_tests("-enabled"));
    }

    #[test]
    fn a_consent_panel_longer_than_the_story_stays_out() {
        // Hidden by a class the stylesheet defines, placed after the footer, and longer
        // than the story: only its subject gives it away.
        let notice = "Strictly necessary cookies are needed for the website to function and cannot be \
                      switched off in our systems; you can accept all cookies or set your preferences.";
        let html = format!(
            "<body><main><h1>Hội nghị sơ kết công tác cán bộ</h1>{}</main><footer>Báo Tỉnh</footer>\
             <div class=\"ot-pc-content pc-panel\"><h2>Privacy Preference Center</h2>{}</div></body>",
            story(),
            format!("<p>{notice}</p>").repeat(4)
        );
        let a = extract(&html);
        assert!(a.body.contains("sinh hoạt thường kỳ"), "{}", a.body);
        assert!(!a.body.contains("cookies"), "{}", a.body);
        // A story about cookies keeps its cookie paragraphs.
        let html = format!(
            "<body><main><h1>Cookies and the new privacy law</h1><p>{notice}</p>{}</main></body>",
            story()
        );
        let a = extract(&html);
        assert!(a.body.contains("cookies"), "{}", a.body);
    }

    #[test]
    fn an_article_in_sections_of_one_kind_keeps_every_section() {
        // Each section holds a heading and a paragraph; the first two also hold lists of
        // linked changes, which leave the last section the best scored alone.
        let links: String = (0..12)
            .map(|i| format!("<li><a href=\"/thay-doi/{i}\">Sửa quy trình tiếp nhận hồ sơ số {i} của xã</a></li>"))
            .collect();
        let section = |h: &str, p: &str, list: &str| {
            format!(
                "<div class=\"sect\"><h2>{h}</h2><div class=\"body\"><p>{p}</p><ul>{list}</ul></div></div>"
            )
        };
        let html = format!(
            "<body><nav><a href=\"/\">Trang chủ</a></nav><article><h1>Báo cáo tiến độ cải cách hành chính</h1><div class=\"content\">{}{}{}</div></article></body>",
            section(
                "Thủ tục",
                "Trong quý, huyện đã rà soát toàn bộ thủ tục hành chính cấp xã và đề nghị bãi bỏ những thủ tục không còn phù hợp.",
                &links
            ),
            section(
                "Hồ sơ",
                "Tỷ lệ hồ sơ giải quyết đúng hạn tăng so với quý trước, nhờ việc số hoá hồ sơ và trả kết quả qua bưu điện.",
                &links
            ),
            section(
                "Kế hoạch",
                "Quý tới, huyện tiếp tục đào tạo cán bộ một cửa, mở rộng dịch vụ công trực tuyến toàn trình đến mọi xã và thị trấn.",
                ""
            ),
        );
        let a = extract(&html);
        assert!(a.body.contains("rà soát toàn bộ thủ tục"), "{}", a.body);
        assert!(a.body.contains("số hoá hồ sơ"), "{}", a.body);
        assert!(a.body.contains("đào tạo cán bộ một cửa"), "{}", a.body);
        // The links stay out.
        assert!(!a.body.contains("Sửa quy trình"), "{}", a.body);
    }

    #[test]
    fn a_highlighters_classes_inside_code_are_not_furniture() {
        // `token comment` marks a comment of the code, not a comment box: read as
        // furniture it outweighed the paragraphs around the block.
        let line = "<span class=\"token comment\"># tải dữ liệu báo cáo của các xã trong huyện về máy</span>\n<span class=\"token function\">tai-bao-cao</span> --huyen 3\n";
        let html = format!(
            "<body><article><h1>Hướng dẫn tổng hợp báo cáo</h1><div class=\"post\">{}<pre><code>{}</code></pre>\
             <p>Sau khi tải xong, văn phòng huyện ủy đối chiếu số liệu với báo cáo của các chi bộ trước khi gửi lên tỉnh.</p></div></article></body>",
            story(),
            line.repeat(12)
        );
        let a = extract(&html);
        assert!(a.body.contains("sinh hoạt thường kỳ"), "{}", a.body);
        assert!(a.body.contains("đối chiếu số liệu"), "{}", a.body);
        let w = walk(&html).0;
        assert!(!w.els.iter().any(|e| e.hard));
        // A program's text signs nothing, even where a byline would stand.
        let html = format!(
            "<body><article><h1>Nhật ký thay đổi phần mềm</h1><pre><code>By Ana Lima</code></pre>{}</article></body>",
            story()
        );
        assert_eq!(extract(&html).author, None);
    }

    #[test]
    fn one_paragraph_is_not_the_body_when_its_sisters_are_weighed_down_by_comments() {
        // The post's paragraphs and a long comment section share one parent: the comments
        // (furniture) outweigh the paragraphs, so the best element alone was one paragraph.
        let comment = "<div class=\"comment\"><p>Cảm ơn tác giả, bài viết rất bổ ích cho chi bộ chúng tôi ở thôn, mong báo đăng thêm nhiều bài như vậy nữa.</p></div>";
        let html = format!(
            "<body><div class=\"post\"><h1>Hội nghị sơ kết</h1>{}<p>{}</p>{}</div></body>",
            story(),
            "Đồng chí nhấn mạnh việc giữ nền nếp sinh hoạt chi bộ, gắn với kiểm điểm tự phê bình và phê bình nghiêm túc. ".repeat(3),
            comment.repeat(30)
        );
        let a = extract(&html);
        assert!(a.body.starts_with("Sáng nay"), "{}", a.body);
        assert!(a.body.contains("giữ nền nếp"), "{}", a.body);
        assert!(!a.body.contains("Cảm ơn tác giả"), "{}", a.body);
    }

    #[test]
    fn a_round_up_keeps_its_parts_around_the_linked_names() {
        // Paragraphs between lists of linked names: the names count as junk, so the closing
        // box alone scored best; the article holds most of the page's prose.
        let names: String = (0..8)
            .map(|i| format!("<li><a href=\"/xa/{i}\">Xã điểm nông thôn mới số {i}</a></li>"))
            .collect();
        let p = |t: &str| format!("<p>{t}</p>");
        let html = format!(
            "<body><article><h1>Những xã về đích nông thôn mới năm nay</h1>{}{}<ul>{names}</ul>{}<ul>{names}</ul>\
             <div class=\"box\">{}{}</div></article><aside><p>Quảng cáo</p></aside></body>",
            p(
                "Năm nay, toàn huyện có thêm nhiều xã đạt chuẩn nông thôn mới, vượt chỉ tiêu nghị quyết đại hội đề ra."
            ),
            p(
                "Các xã dưới đây được Ủy ban nhân dân tỉnh công nhận sau đợt thẩm định cuối năm của đoàn liên ngành."
            ),
            p(
                "Ngoài ra, một số xã đạt chuẩn nâng cao nhờ phát triển sản phẩm OCOP và du lịch cộng đồng."
            ),
            p(
                "Huyện đặt mục tiêu năm tới có thêm ba xã đạt chuẩn kiểu mẫu, tập trung vào môi trường và chuyển đổi số."
            ),
            p(
                "Kinh phí thực hiện được lồng ghép từ các chương trình mục tiêu quốc gia và nguồn xã hội hóa của doanh nghiệp."
            ),
        );
        let a = extract(&html);
        assert!(a.body.starts_with("Năm nay"), "{}", a.body);
        assert!(a.body.contains("sản phẩm OCOP"), "{}", a.body);
        assert!(a.body.contains("xã hội hóa"), "{}", a.body);
        assert!(!a.body.contains("Xã điểm"), "{}", a.body);
        // A whole story stays the body beside more prose elsewhere (reviews under a menu).
        let review = "<p>Dịch vụ công trực tuyến của huyện rất nhanh, tôi nộp hồ sơ buổi sáng và chiều đã có kết quả.</p>";
        let menu: String = (0..120)
            .map(|i| format!("<li><a href=\"/muc/{i}\">Chuyên mục số {i} của trang</a></li>"))
            .collect();
        let html = format!(
            "<body><article><h1>Hội nghị sơ kết</h1>{}</article><section><ul>{menu}</ul>{}</section></body>",
            story().repeat(8),
            review.repeat(32)
        );
        let a = extract(&html);
        assert!(a.body.starts_with("Sáng nay"), "{}", a.body);
        assert!(!a.body.contains("Dịch vụ công"), "{}", a.body);
    }

    #[test]
    fn a_contact_form_is_furniture_unless_it_wraps_the_page() {
        let form = "<form><p>Hãy để lại thông tin, chúng tôi sẽ liên hệ lại với quý vị trong vòng hai mươi bốn giờ làm việc.</p>\
                    <label>Họ và tên</label><input name=\"ten\"><label>Số điện thoại liên hệ</label><input name=\"dt\"></form>";
        let html = format!(
            "<body><div class=\"post\"><h1>Hội nghị sơ kết</h1>{}{form}</div></body>",
            story()
        );
        let a = extract(&html);
        assert!(a.body.contains("luân chuyển cán bộ"), "{}", a.body);
        assert!(!a.body.contains("để lại thông tin"), "{}", a.body);
        assert!(!a.body.contains("Họ và tên"), "{}", a.body);
        // ASP.NET wraps the whole page, article included, in one form.
        let html = format!(
            "<body><form id=\"aspnetForm\"><div id=\"menu\"><a href=\"/\">Trang chủ</a></div>\
             <div class=\"noidung\"><h1>Hội nghị sơ kết</h1>{}</div></form></body>",
            story()
        );
        let a = extract(&html);
        assert!(a.body.starts_with("Sáng nay"), "{}", a.body);
        assert!(a.body.contains("sinh hoạt thường kỳ"), "{}", a.body);
    }

    #[test]
    fn the_authors_bio_at_either_end_is_not_the_story() {
        let html = format!(
            "<body><article><h1>Hội nghị sơ kết</h1><p class=\"byline\">By Ana Lima</p>\
             <p>Ana Lima is a reporter who has covered local government in the province for ten years.</p>{}\
             <p>Ana Lima has written two books on the history of the provincial party committee.</p></article></body>",
            story()
        );
        let a = extract(&html);
        assert_eq!(a.author.as_deref(), Some("Ana Lima"));
        assert!(a.body.starts_with("Sáng nay"), "{}", a.body);
        assert!(a.body.ends_with("sinh hoạt thường kỳ."), "{}", a.body);
        // Inside the story, the writer's name is the story's own.
        assert_eq!(
            body::without_bio(
                "Một.\n\nAna Lima is here.\n\nHai.\n\nBa.\n\nBốn.",
                Some("Ana Lima")
            ),
            None
        );
    }

    #[test]
    fn the_publisher_describing_itself_under_the_story_is_not_the_story() {
        let page = |tail: &str| {
            format!(
                "<html><head><meta property=\"og:site_name\" content=\"Báo Tỉnh\"></head><body><article><h1>Hội nghị sơ kết</h1>{}<p>{tail}</p></article></body></html>",
                story()
            )
        };
        let about = "Báo Tỉnh là cơ quan ngôn luận của Đảng bộ, chính quyền và nhân dân các dân tộc trong tỉnh, phát hành hằng ngày.";
        let a = extract(&page(about));
        assert!(a.body.ends_with("sinh hoạt thường kỳ."), "{}", a.body);
        // The paper's name opening a sentence of the story, not a copula, stays.
        let quoted =
            "Báo Tỉnh đã đăng loạt bài về kết quả hội nghị trong ba số liên tiếp của tháng này.";
        let a = extract(&page(quoted));
        assert!(a.body.ends_with("tháng này."), "{}", a.body);
        // Not among the last paragraphs, it is the story's.
        assert_eq!(
            body::without_publisher(
                "Một.\n\nBáo Tỉnh là tờ báo lâu đời.\n\nHai.\n\nBa.\n\nBốn.",
                Some("Báo Tỉnh")
            ),
            None
        );
    }

    fn is_state_class_for_tests(c: &str) -> bool {
        marks::is_state_class(c)
    }

    #[test]
    fn a_share_bar_above_the_lead_is_not_a_teaser_headline() {
        let html = format!(
            "<body><article><h1>Hội nghị sơ kết công tác cán bộ</h1>\
             <div class=\"share-bar\"><a href=\"/share?fb\">Chia sẻ lên Facebook ngay bây giờ</a></div>{}</article></body>",
            story()
        );
        let a = extract(&html);
        assert!(a.body.starts_with("Sáng nay"), "{}", a.body);
        assert_eq!(a.signals.as_ref().map(|s| s.body_teasers), Some(0));
    }

    #[test]
    fn the_signals_count_what_the_page_is_made_of() {
        // A section page: five teasers, each a linked headline over its summary and a date.
        let teaser = |n: usize| {
            format!(
                "<div class=\"item\"><h3><a href=\"/bai-{n}.html\">Tin số {n}: hội nghị sơ kết ở xã thứ {n} của huyện</a></h3>\
                 <p>Tóm tắt bài {n}: các chi bộ trong xã đã tổ chức sinh hoạt chuyên đề về công tác cán bộ.</p>\
                 <p>12/03/2013</p></div>"
            )
        };
        let teasers: String = (1..=5).map(teaser).collect();
        let html = format!(
            "<html><head><meta property=\"og:type\" content=\"website\"></head><body>\
             <form><input name=q><button>Tìm</button></form><main>{teasers}</main></body></html>"
        );
        let s = extract(&html).signals.expect("HTML pages have signals");
        assert_eq!(s.anchors, 5);
        assert_eq!((s.headline_anchors, s.linked_headings), (5, 5));
        assert_eq!(s.teasers, 5);
        assert_eq!(s.date_lines, 5);
        assert_eq!((s.forms, s.inputs, s.buttons), (1, 1, 1));
        assert_eq!(s.og_type.as_deref(), Some("website"));
        assert!(!s.declared_date);
        // An article page declares its date under any of the publication keys.
        let html = format!(
            "<html><head><meta name=\"dc.date.issued\" content=\"2013-03-12\"></head><body><article><h1>Tiêu đề</h1>{}</article></body></html>",
            story()
        );
        let s = extract(&html).signals.expect("signals");
        assert!(s.declared_date && s.has_h1);
        assert_eq!(s.article_elements, 1);
    }

    #[test]
    fn a_round_up_keeps_items_that_cite_other_sites() {
        // Each item: a linked line naming a source elsewhere, then its paragraph. A listing's
        // teasers link to the site's own articles; these lead away, so they are the story.
        let item = |n: usize, href: &str| {
            format!(
                "<p><a href=\"{href}/tin-{n}\">Công ty số {n} mua lại một doanh nghiệp an ninh mạng</a></p>\
                 <p>Mục {n}: thương vụ được công bố trong tháng, giá trị chưa được tiết lộ; bên mua cho biết sẽ \
                 hợp nhất đội ngũ kỹ sư và sản phẩm của bên bán vào nền tảng của mình trong năm tới.</p>"
            )
        };
        let page = |href: &str| {
            format!(
                "<html><head><link rel=\"canonical\" href=\"https://tin.vn/tong-hop-thang-10\"></head>\
                 <body><article><h1>Tổng hợp các thương vụ tháng 10</h1>\
                 <p>Bốn mươi lăm thương vụ mua bán sáp nhập trong lĩnh vực an ninh mạng đã được công bố trong tháng mười.</p>\
                 {}</article></body></html>",
                (1..=8).map(|n| item(n, href)).collect::<String>()
            )
        };
        let a = extract(&page("https://nguon-khac.com"));
        for n in 1..=8 {
            assert!(
                a.body.contains(&format!("Mục {n}:")),
                "item {n} lost: {}",
                a.body
            );
        }
        assert_eq!(a.signals.as_ref().map(|s| s.body_teasers), Some(0));
        // The same layout linking to the site's own pages reads as a listing's teasers: the
        // summaries under those links count as short text, not the story's.
        let shorts = |href: &str| {
            let w = walk(&page(href)).0;
            let p = body::pass(&w, Trust::All);
            w.blocks
                .iter()
                .zip(&p.class)
                .filter(|(b, c)| b.text.starts_with("Mục") && **c == body::Class::Short)
                .count()
        };
        assert_eq!(shorts("https://tin.vn"), 8);
        assert_eq!(shorts("https://nguon-khac.com"), 0);
    }

    #[test]
    fn a_data_table_does_not_cut_the_story_around_it() {
        let rows: String = (1..=40)
            .map(|n| {
                format!(
                    "<tr><td>{n}</td><td>Đảng bộ xã số {n} thuộc huyện</td><td>{}</td><td>{}%</td>\
                     <td>Chi bộ thôn, bản và trường học</td></tr>",
                    n * 7,
                    80 + n
                )
            })
            .collect();
        let html = format!(
            "<body><nav><a href=/>Trang chủ</a></nav><div class=\"post\"><h1>Kết quả kết nạp đảng viên năm 2025</h1>\
             <div><p>Năm 2025, toàn huyện kết nạp 546 đảng viên mới, vượt chỉ tiêu Nghị quyết Đại hội đề ra; kết quả cụ thể từng xã như sau.</p></div>\
             <div><p>Số liệu do Ban Tổ chức Huyện ủy tổng hợp đến hết ngày 15 tháng 12, theo báo cáo của các chi bộ.</p></div>\
             <table><tr><th>TT</th><th>Đơn vị</th><th>Đảng viên mới</th><th>Tỷ lệ</th></tr>{rows}</table>\
             <div><p>Kết luận hội nghị, đồng chí Bí thư Huyện ủy yêu cầu các chi bộ tiếp tục tạo nguồn kết nạp đảng viên trong năm tới.</p></div>\
             </div></body>"
        );
        let a = extract(&html);
        assert!(a.body.starts_with("Năm 2025"), "{}", a.body);
        assert!(a.body.contains("Ban Tổ chức Huyện ủy"), "{}", a.body);
        assert!(a.body.contains("tiếp tục tạo nguồn"), "{}", a.body);
        assert!(a.body.contains("xã số 40"), "the table stays: {}", a.body);
    }
}
