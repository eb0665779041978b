//! Whatever bytes come in, extraction returns a record or an error: never a panic, and
//! every record keeps the contract's normalisation.

use proptest::prelude::*;

const PIECES: &[&str] = &[
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "<a href=x>",
    "</a>",
    "<br>",
    "<table><tr><td>",
    "</td></tr></table>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "<h1>",
    "</h1>",
    "<li>",
    "<ul class=\"related\">",
    "</ul>",
    "<nav>",
    "</nav>",
    "Tin khác",
    "Bài, ảnh: NGUYỄN HUY",
    "16/06/2013 - 20:09",
    "Tỉnh uỷ",
    "Ðảng",
    "hoà bình",
    " ",
    "\n",
    "\n\n",
    "A- A+",
    "<meta charset=windows-1258>",
    "<title>",
    "</title>",
    "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":",
    "\"x\"}",
    "Văn bản dài của bài viết về công tác xây dựng Đảng ở cơ sở trong năm nay.",
    "<",
    ">",
    "&amp;",
    "\u{0301}",
];

fn check(bytes: &[u8], ct: Option<&str>) {
    if let Ok(r) = baochi::extract::from_bytes(bytes, Some("http://example.vn/a"), ct) {
        assert_eq!(baochi::text::normalize(&r.body), r.body);
        assert!(!r.body.contains("\n\n\n"));
        for s in [&r.title, &r.author, &r.published].into_iter().flatten() {
            assert_eq!(&baochi::text::normalize_line(s), s);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn tag_soup_never_panics(ix in proptest::collection::vec(0..PIECES.len(), 0..120)) {
        let page: String = ix.iter().map(|i| PIECES[*i]).collect();
        check(page.as_bytes(), Some("text/html"));
        check(page.as_bytes(), Some("text/plain"));
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        check(&bytes, None);
        check(&bytes, Some("text/html; charset=windows-1258"));
    }
}
