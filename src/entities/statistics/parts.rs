//! Breakdowns: which figure another is a part of. "164 đồng chí được luân chuyển. Trong đó,
//! luân chuyển dọc 126 đồng chí; …" makes 126 a part of 164; "kỷ luật 16 đảng viên, với các
//! hình thức khiển trách 09, cảnh cáo 05 và khai trừ 02" makes 9, 5 and 2 parts of 16.
//!
//! A figure is a part when a breakdown word (`trong đó`, `gồm`, `bao gồm`, `với các hình
//! thức`, `cụ thể`, a colon) stands between it and an earlier figure of the same unit in
//! its sentence — or opens its sentence, the whole then closing the sentence before in the
//! same paragraph. The parts of one whole never add up to more than it: past that, a
//! figure is not taken for a part.

/// What the linking needs of a figure: its byte range, unit and value.
#[derive(Debug, Clone)]
pub struct Item<'a> {
    /// Byte offset of the figure in the body.
    pub start: usize,
    /// Byte offset of its end.
    pub end: usize,
    /// Its unit (`%` for shares).
    pub unit: &'a str,
    /// Its value.
    pub value: f64,
}

/// Words that open a breakdown of the figure before them, lower case.
const MARKERS: &[&str] = &[
    "trong đó",
    "bao gồm",
    "gồm",
    "với các hình thức",
    "với hình thức",
    "hình thức",
    "cụ thể",
    "chia ra",
    ":",
];

/// Where the sentence holding byte `at` starts (after `. `, `! `, `? ` or a line break).
fn sentence_start(body: &str, at: usize) -> usize {
    let before = &body[..at];
    let mut s = before.rfind('\n').map_or(0, |i| i + 1);
    for p in [". ", "! ", "? "] {
        if let Some(i) = before.rfind(p) {
            s = s.max(i + p.len());
        }
    }
    s
}

/// The last breakdown word in `text` (lower case): its byte range.
fn last_marker(text: &str) -> Option<(usize, usize)> {
    let lower = text.to_lowercase();
    // Lower-casing Vietnamese keeps byte lengths only mostly: map back by chars.
    if lower.len() != text.len() {
        return None;
    }
    MARKERS
        .iter()
        .filter_map(|m| {
            lower.rmatch_indices(m).find(|&(i, _)| {
                *m == ":"
                    || (!lower[..i]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
                        && !lower[i + m.len()..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphanumeric))
            })
        })
        .map(|(i, m)| (i, i + m.len()))
        .max()
}

/// For each figure, the index of the figure it is a part of.
pub fn link(body: &str, items: &[Item<'_>]) -> Vec<Option<usize>> {
    let mut out = vec![None; items.len()];
    let mut taken: Vec<f64> = vec![0.0; items.len()];
    for (i, it) in items.iter().enumerate() {
        if it.unit.is_empty() {
            continue;
        }
        let s = sentence_start(body, it.start);
        let Some((m_start, m_end)) = last_marker(&body[s..it.start]) else {
            continue;
        };
        let (m_start, m_end) = (s + m_start, s + m_end);
        // Another figure between the marker and this one belongs to the same list; one
        // between the whole and the marker is the whole.
        let opens_sentence = body[s..m_start].trim().is_empty();
        let whole = if opens_sentence {
            // "… 164 đồng chí được luân chuyển. Trong đó, …": the whole ends the sentence
            // before, in the same paragraph.
            let prev_start = if s == 0 || body[..s].ends_with('\n') {
                None
            } else {
                Some(sentence_start(body, s.saturating_sub(2)))
            };
            prev_start.and_then(|ps| {
                items[..i]
                    .iter()
                    .rposition(|w| w.start >= ps && w.end <= s && w.unit == it.unit)
            })
        } else {
            items[..i]
                .iter()
                .rposition(|w| w.start >= s && w.end <= m_start && w.unit == it.unit)
        };
        let Some(w) = whole else {
            continue;
        };
        let _ = m_end;
        if it.unit == "%" || items[w].value < it.value {
            continue;
        }
        if taken[w] + it.value > items[w].value + 1e-9 {
            continue;
        }
        taken[w] += it.value;
        out[i] = Some(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items<'a>(body: &'a str, figs: &[(&'a str, &'a str, f64)]) -> Vec<Item<'a>> {
        let mut from = 0;
        figs.iter()
            .map(|&(text, unit, value)| {
                let start = from + body[from..].find(text).expect("in body");
                from = start + text.len();
                Item {
                    start,
                    end: start + text.len(),
                    unit,
                    value,
                }
            })
            .collect()
    }

    #[test]
    fn a_breakdown_in_the_next_sentence() {
        let body = "Từ năm 2010 đến nay, toàn tỉnh có 164 đồng chí được luân chuyển. Trong đó, \
                    luân chuyển dọc 126 đồng chí; cấp tỉnh luân chuyển về huyện 19 đồng chí.";
        let it = items(
            body,
            &[
                ("164 đồng chí", "đồng chí", 164.0),
                ("126 đồng chí", "đồng chí", 126.0),
                ("19 đồng chí", "đồng chí", 19.0),
            ],
        );
        assert_eq!(link(body, &it), vec![None, Some(0), Some(0)]);
    }

    #[test]
    fn discipline_by_form_in_the_same_sentence() {
        let body = "Đã xem xét xử lý kỷ luật đối với 16 đảng viên, với các hình thức khiển trách \
                    09, cảnh cáo 05 và khai trừ 02.";
        let it = items(
            body,
            &[
                ("16 đảng viên", "đảng viên", 16.0),
                ("09", "đảng viên", 9.0),
                ("05", "đảng viên", 5.0),
                ("02", "đảng viên", 2.0),
            ],
        );
        assert_eq!(link(body, &it), vec![None, Some(0), Some(0), Some(0)]);
    }

    #[test]
    fn parts_never_add_up_past_the_whole_and_units_must_agree() {
        let body =
            "Toàn tỉnh có 10 chi bộ, trong đó 6 chi bộ mới và 7 chi bộ khác; gồm 3 đảng viên.";
        let it = items(
            body,
            &[
                ("10 chi bộ", "chi bộ", 10.0),
                ("6 chi bộ", "chi bộ", 6.0),
                ("7 chi bộ", "chi bộ", 7.0),
                ("3 đảng viên", "đảng viên", 3.0),
            ],
        );
        assert_eq!(link(body, &it), vec![None, Some(0), None, None]);
    }

    #[test]
    fn no_marker_no_part() {
        let body = "Huyện kết nạp 50 đảng viên. Thị xã kết nạp 20 đảng viên.";
        let it = items(
            body,
            &[
                ("50 đảng viên", "đảng viên", 50.0),
                ("20 đảng viên", "đảng viên", 20.0),
            ],
        );
        assert_eq!(link(body, &it), vec![None, None]);
    }
}
