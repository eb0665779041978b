//! Plain-text page dumps (what a browser's "select all, copy" gives): one line per
//! paragraph, the page header above (section, date line, kicker, headline), chrome lines in
//! between, the byline and the site's footer below.

use super::Article;
use super::chrome::{self, Chrome};
use super::metadata::{self, Stamp};

/// Whether a line reads as a paragraph of the article rather than a header line.
pub(crate) fn is_paragraph(line: &str) -> bool {
    let n = line.chars().count();
    n >= 120 || (n >= 50 && ends_sentence(line))
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .ends_with(['.', '!', '?', '…', ':', '"', '”', '»', ';'])
}

/// Whether a header line can be a headline: a few words, no final period.
fn is_title_like(line: &str) -> bool {
    let n = line.chars().count();
    let words = line.split_whitespace().count();
    (10..=250).contains(&n)
        && (3..=45).contains(&words)
        && (line.ends_with("...") || !line.ends_with('.'))
        && metadata::date_line(line).is_none()
        && chrome::classify(line).is_none()
}

/// Joins hard-wrapped lines (text wrapped at a fixed width, paragraphs separated by blank
/// lines) back into paragraph lines. Page dumps write one paragraph per line and are left
/// alone: the text counts as wrapped only when most lines sit in multi-line blocks and
/// hardly any is longer than a terminal line.
fn unwrap_lines(lines: Vec<String>) -> Vec<String> {
    let filled: Vec<&String> = lines.iter().filter(|l| !l.is_empty()).collect();
    if filled.len() < 6 {
        return lines;
    }
    let short = filled.iter().filter(|l| l.chars().count() <= 100).count();
    let in_blocks = lines
        .iter()
        .enumerate()
        .filter(|(i, l)| {
            !l.is_empty()
                && (lines.get(i + 1).is_some_and(|n| !n.is_empty())
                    || (*i > 0 && !lines[i - 1].is_empty()))
        })
        .count();
    if short * 10 < filled.len() * 9 || in_blocks * 10 < filled.len() * 6 {
        return lines;
    }
    let mut out = Vec::with_capacity(lines.len());
    let mut block: Vec<String> = Vec::new();
    let flush = |block: &mut Vec<String>, out: &mut Vec<String>| {
        // Prose wraps near the width; a list of short lines (chrome, a menu) does not.
        let prose = block.len() > 1
            && block[..block.len() - 1]
                .iter()
                .all(|l| l.chars().count() >= 50);
        if prose {
            out.push(block.join(" "));
        } else {
            out.append(block);
        }
        block.clear();
    };
    for l in lines {
        if l.is_empty() {
            flush(&mut block, &mut out);
            out.push(l);
        } else {
            block.push(l);
        }
    }
    flush(&mut block, &mut out);
    out
}

/// Extracts the article of a plain-text page.
pub fn extract(text: &str) -> Article {
    let lines: Vec<String> = unwrap_lines(text.lines().map(crate::text::normalize_line).collect());
    let first_para = lines
        .iter()
        .position(|l| {
            is_paragraph(l) && chrome::classify(l).is_none() && metadata::date_line(l).is_none()
        })
        .unwrap_or(lines.len());
    let header = &lines[..first_para];
    let dates: Vec<(usize, Stamp)> = header
        .iter()
        .enumerate()
        .filter_map(|(i, l)| metadata::date_line(l).map(|s| (i, s)))
        .collect();
    // Without a date line the header is not the page's header block but the article's own
    // opening (a caption, a subheading): nothing there can be told apart as the headline.
    let title_at = if dates.is_empty() {
        None
    } else {
        header.iter().rposition(|l| is_title_like(l))
    };
    let last_date = dates.last().map(|(i, _)| *i);
    let published = metadata::pick_date(&dates, title_at).map(|s| s.render());
    let cut = match (title_at, last_date) {
        (Some(t), _) => Some(t),
        (None, Some(d)) => Some(d),
        (None, None) => None,
    };
    let mut kept: Vec<&str> = Vec::new();
    for (i, l) in header.iter().enumerate() {
        if l.is_empty() || cut.is_some_and(|c| i <= c) || metadata::date_line(l).is_some() {
            continue;
        }
        if chrome::classify(l).is_some() {
            continue;
        }
        kept.push(l);
    }
    let mut paragraphs = kept.len();
    for l in &lines[first_para..] {
        if l.is_empty() {
            continue;
        }
        match chrome::classify(l) {
            Some(Chrome::Line) => continue,
            Some(Chrome::End) if paragraphs > 0 => break,
            Some(Chrome::End) => continue,
            None => {}
        }
        if is_paragraph(l) {
            paragraphs += 1;
        }
        kept.push(l);
    }
    let title = title_at.map(|t| lines[t].clone());
    let mut paras: Vec<String> = kept.into_iter().map(str::to_string).collect();
    let author = super::cut_byline(&mut paras).map(|b| b.name);
    super::dedup(&mut paras);
    Article {
        title,
        published,
        author,
        body: paras.join("\n\n"),
        signals: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "Thứ Hai, 2/3/2026\nThời sự\nThứ Bảy, 14/2/2015 9:7'(GMT+7)\n\nHuyện ủy Yên Định tổng kết công tác xây dựng Đảng\n\nCán bộ huyện dự hội nghị tổng kết năm 2014 tại hội trường huyện ủy.\n\nCán bộ huyện dự hội nghị tổng kết năm 2014 tại hội trường huyện ủy.\n\nNgày 13/2, Huyện ủy Yên Định đã tổ chức hội nghị tổng kết công tác xây dựng Đảng năm 2014, triển khai nhiệm vụ năm 2015 với sự tham dự của đông đảo cán bộ chủ chốt.\n\nNăm 2015, huyện phấn đấu kết nạp 300 đảng viên mới, giữ vững danh hiệu đảng bộ trong sạch vững mạnh.\n\nBài, ảnh: LÊ HÀ\nBan Tuyên giáo Huyện ủy\n\nÝ kiến bạn đọc\n\nCác tin khác\nMột bài khác của trang\n";

    #[test]
    fn header_body_and_byline() {
        let a = extract(PAGE);
        assert_eq!(
            a.title.as_deref(),
            Some("Huyện ủy Yên Định tổng kết công tác xây dựng Đảng")
        );
        assert_eq!(a.published.as_deref(), Some("2015-02-14T09:07:00+07:00"));
        assert_eq!(a.author.as_deref(), Some("LÊ HÀ"));
        assert!(a.body.starts_with("Cán bộ huyện dự hội nghị"));
        assert!(a.body.ends_with("trong sạch vững mạnh."));
        assert_eq!(
            a.body.matches("Cán bộ huyện dự").count(),
            1,
            "caption kept once"
        );
        assert!(!a.body.contains("Thời sự"));
        assert!(!a.body.contains("Ban Tuyên giáo"));
        assert!(!a.body.contains("Một bài khác"));
        assert_eq!(a.body.split("\n\n").count(), 3);
    }

    #[test]
    fn hard_wrapped_text_is_joined() {
        let text = "Council approves the new flood defence scheme after a decade of\ndelays and arguments about who should pay for the work.\n\nThe plan includes two kilometres of raised embankments and a new\npumping station at Mill Lane, to be finished within three years.\n\nResidents welcomed the vote but said they would wait and see what\nhappens when the diggers finally arrive on site next spring.\n";
        let a = extract(text);
        assert_eq!(a.body.split("\n\n").count(), 3, "{}", a.body);
        assert!(a.body.contains("decade of delays"));
        let dump = extract(PAGE);
        assert_eq!(dump.body.split("\n\n").count(), 3);
    }

    #[test]
    fn no_date_no_title() {
        let a = extract(
            "Ảnh minh họa của cuộc họp hôm qua\nTiêu đề phụ của bài\nNội dung dài của bài viết với rất nhiều chữ để trở thành một đoạn văn thật sự, kéo dài hơn một trăm hai mươi ký tự cho chắc chắn.\nMinh Thùy\n",
        );
        assert_eq!(a.title, None);
        assert!(a.body.starts_with("Ảnh minh họa"));
        assert_eq!(a.author.as_deref(), Some("Minh Thùy"));
    }
}
