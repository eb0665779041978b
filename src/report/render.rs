//! Writing a [`Report`] as a terminal table, CSV, JSON or HTML.

use super::{ProvinceReport, Report};
use std::fmt::Write as _;
use std::io::Write;
use std::str::FromStr;

/// The forms a report can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// Aligned plain text for a terminal.
    Table,
    /// One row per item (province, document, official, locality, figure group).
    Csv,
    /// The [`Report`] as one JSON object (what `GET /api/report` answers).
    Json,
    /// A standalone HTML page.
    Html,
}

impl FromStr for ReportFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "table" => Ok(ReportFormat::Table),
            "csv" => Ok(ReportFormat::Csv),
            "json" => Ok(ReportFormat::Json),
            "html" => Ok(ReportFormat::Html),
            _ => Err(format!(
                "unknown report format {s:?}: expected table, csv, json or html"
            )),
        }
    }
}

/// Writes `report` to `out` in `format`.
pub fn render(report: &Report, format: ReportFormat, out: &mut dyn Write) -> std::io::Result<()> {
    match format {
        ReportFormat::Table => out.write_all(table(report).as_bytes()),
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, report).map_err(std::io::Error::from)?;
            out.write_all(b"\n")
        }
        ReportFormat::Csv => csv_rows(report, out),
        ReportFormat::Html => out.write_all(html(report).as_bytes()),
    }
}

fn province_name(p: &ProvinceReport) -> &str {
    p.province.as_deref().unwrap_or("(no province)")
}

fn period(first: &Option<String>, last: &Option<String>) -> String {
    match (first, last) {
        (Some(f), Some(l)) if f == l => f.clone(),
        (Some(f), Some(l)) => format!("{f} – {l}"),
        _ => "undated".to_string(),
    }
}

/// A point's values with its measure: `157 đảng viên`, `22.06%`, `57 / 59 đảng viên`.
fn value_text(f: &crate::views::figures::Point) -> String {
    let v: Vec<String> = f.values.iter().map(|v| num(*v)).collect();
    if f.measure == "%" {
        format!("{}%", v.join(" / "))
    } else {
        format!("{} {}", v.join(" / "), f.measure)
    }
}

/// A number as people read it: integers without decimals, others with at most two.
fn num(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        let s = format!("{f:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// "1 article", "2 articles".
fn articles(n: u64) -> String {
    if n == 1 {
        "1 article".to_string()
    } else {
        format!("{n} articles")
    }
}

fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n >= width {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(width - n))
    }
}

fn cut(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Plain-text columns: each row padded to the widest cell of its column.
fn columns(rows: &[Vec<String>], indent: &str, out: &mut String) {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| c.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for r in rows {
        let line: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(i, c)| pad(c, widths[i]))
            .collect();
        let _ = writeln!(out, "{indent}{}", line.join("  ").trim_end());
    }
}

fn table(r: &Report) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}, {} provinces, {}",
        articles(r.articles),
        r.provinces.iter().filter(|p| p.province.is_some()).count(),
        period(&r.first, &r.last)
    );
    for p in &r.provinces {
        let now = match &p.province_now {
            Some(n) if Some(n) != p.province.as_ref() => format!(" (now {n})"),
            _ => String::new(),
        };
        let _ = writeln!(
            s,
            "\n{}{now}: {}, {}",
            province_name(p),
            articles(p.articles),
            period(&p.first, &p.last)
        );
        if !p.documents.is_empty() {
            let _ = writeln!(s, "  documents cited (articles / mentions):");
            let rows: Vec<Vec<String>> = p
                .documents
                .iter()
                .map(|d| {
                    vec![
                        d.canonical.clone(),
                        d.kind.clone(),
                        d.articles.to_string(),
                        d.mentions.to_string(),
                    ]
                })
                .collect();
            columns(&rows, "    ", &mut s);
        }
        if !p.officials.is_empty() {
            let _ = writeln!(s, "  officials named (articles / mentions):");
            let rows: Vec<Vec<String>> = p
                .officials
                .iter()
                .map(|o| {
                    vec![
                        o.name.clone(),
                        cut(&o.titles.join("; "), 60),
                        o.articles.to_string(),
                        o.mentions.to_string(),
                    ]
                })
                .collect();
            columns(&rows, "    ", &mut s);
        }
        if !p.localities.is_empty() {
            let _ = writeln!(s, "  localities (articles, period, documents):");
            let rows: Vec<Vec<String>> = p
                .localities
                .iter()
                .map(|l| {
                    vec![
                        l.name.clone(),
                        l.level.clone().unwrap_or_default(),
                        l.articles.to_string(),
                        period(&l.first, &l.last),
                        l.documents
                            .iter()
                            .map(|(c, n)| format!("{c} ({n})"))
                            .collect::<Vec<_>>()
                            .join(", "),
                    ]
                })
                .collect();
            columns(&rows, "    ", &mut s);
        }
        if !p.figures.is_empty() {
            let _ = writeln!(
                s,
                "  figures reported (indicator, unit, period, value — never summed; \
                 values where articles disagree):"
            );
            let rows: Vec<Vec<String>> = p
                .figures
                .iter()
                .map(|f| {
                    vec![
                        cut(&f.indicator, 40),
                        f.unit.clone().unwrap_or_else(|| "-".into()),
                        f.period.clone().unwrap_or_else(|| "-".into()),
                        value_text(f),
                        articles(f.sources.len() as u64),
                    ]
                })
                .collect();
            columns(&rows, "    ", &mut s);
        }
    }
    s
}

/// The CSV columns of a report.
pub const CSV_HEADER: [&str; 15] = [
    "province",
    "province_now",
    "section",
    "name",
    "detail",
    "year",
    "articles",
    "count",
    "min",
    "max",
    "sum",
    "mean",
    "first",
    "last",
    "documents",
];

fn csv_rows(r: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let io = |e: csv::Error| std::io::Error::other(e.to_string());
    w.write_record(CSV_HEADER).map_err(io)?;
    let o = |s: &Option<String>| s.clone().unwrap_or_default();
    for p in &r.provinces {
        let head = [o(&p.province), o(&p.province_now)];
        let mut row = |cells: [String; 13]| {
            w.write_record(head.iter().cloned().chain(cells))
                .map_err(io)
        };
        let e = String::new;
        row([
            "province".into(),
            o(&p.province),
            e(),
            e(),
            p.articles.to_string(),
            e(),
            e(),
            e(),
            e(),
            e(),
            o(&p.first),
            o(&p.last),
            p.documents
                .iter()
                .map(|d| d.canonical.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        ])?;
        for d in &p.documents {
            row([
                "document".into(),
                d.canonical.clone(),
                d.kind.clone(),
                e(),
                d.articles.to_string(),
                d.mentions.to_string(),
                e(),
                e(),
                e(),
                e(),
                e(),
                e(),
                e(),
            ])?;
        }
        for of in &p.officials {
            row([
                "official".into(),
                of.name.clone(),
                of.titles.join("; "),
                e(),
                of.articles.to_string(),
                of.mentions.to_string(),
                e(),
                e(),
                e(),
                e(),
                e(),
                e(),
                e(),
            ])?;
        }
        for l in &p.localities {
            row([
                "locality".into(),
                l.name.clone(),
                o(&l.level),
                e(),
                l.articles.to_string(),
                e(),
                e(),
                e(),
                e(),
                e(),
                o(&l.first),
                o(&l.last),
                l.documents
                    .iter()
                    .map(|(c, _)| c.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
            ])?;
        }
        // A figure point: never a sum; min and max differ only where articles disagree.
        for f in &p.figures {
            let lo = f.values.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = f.values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let dates: Vec<&str> = f
                .sources
                .iter()
                .filter_map(|x| x.published.as_deref())
                .collect();
            row([
                "figure".into(),
                f.indicator.clone(),
                o(&f.unit),
                o(&f.period),
                f.sources.len().to_string(),
                f.values.len().to_string(),
                num(lo),
                num(hi),
                e(),
                e(),
                dates
                    .iter()
                    .min()
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                dates
                    .iter()
                    .max()
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                f.sources
                    .iter()
                    .map(|x| x.id.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
            ])?;
        }
    }
    w.flush()
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

fn html(r: &Report) -> String {
    let e = |s: &str| escape_html(s);
    let mut s = String::from(
        "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\
         <title>baochi — báo cáo</title><style>\
         body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#222}\
         table{border-collapse:collapse;margin:.4em 0 1em}td,th{border-bottom:1px solid #ddd;padding:.2em .6em;text-align:left;vertical-align:top}\
         td.n{text-align:right;font-variant-numeric:tabular-nums}h2{margin-top:1.6em;border-bottom:2px solid #a11}\
         .muted{color:#777}ul.src{margin:0;padding-left:1.1em;font-size:.9em}</style></head><body>\n",
    );
    let _ = writeln!(
        s,
        "<h1>Địa phương nào đưa tin gì</h1><p>{} bài, {}</p>",
        r.articles,
        e(&period(&r.first, &r.last))
    );
    for p in &r.provinces {
        let now = match &p.province_now {
            Some(n) if Some(n) != p.province.as_ref() => {
                format!(" <span class=\"muted\">(nay {})</span>", e(n))
            }
            _ => String::new(),
        };
        let _ = writeln!(
            s,
            "<section><h2>{}{now}</h2><p>{} bài, {}</p>",
            e(province_name(p)),
            p.articles,
            e(&period(&p.first, &p.last))
        );
        let mut tab = |title: &str, head: &[&str], rows: Vec<Vec<(String, bool)>>| {
            if rows.is_empty() {
                return;
            }
            let _ = write!(s, "<h3>{}</h3><table><tr>", e(title));
            for h in head {
                let _ = write!(s, "<th>{}</th>", e(h));
            }
            s.push_str("</tr>\n");
            for r in rows {
                s.push_str("<tr>");
                for (c, numeric) in r {
                    let class = if numeric { " class=\"n\"" } else { "" };
                    let _ = write!(s, "<td{class}>{}</td>", e(&c));
                }
                s.push_str("</tr>\n");
            }
            s.push_str("</table>\n");
        };
        let t = |v: String| (v, false);
        let n = |v: String| (v, true);
        tab(
            "Văn bản được trích dẫn",
            &["văn bản", "loại", "số bài", "số lần"],
            p.documents
                .iter()
                .map(|d| {
                    vec![
                        t(d.canonical.clone()),
                        t(d.kind.clone()),
                        n(d.articles.to_string()),
                        n(d.mentions.to_string()),
                    ]
                })
                .collect(),
        );
        tab(
            "Cán bộ được nêu tên",
            &["họ tên", "chức vụ", "số bài", "số lần"],
            p.officials
                .iter()
                .map(|o| {
                    vec![
                        t(o.name.clone()),
                        t(o.titles.join("; ")),
                        n(o.articles.to_string()),
                        n(o.mentions.to_string()),
                    ]
                })
                .collect(),
        );
        tab(
            "Địa phương",
            &["tên", "cấp", "số bài", "thời gian", "văn bản"],
            p.localities
                .iter()
                .map(|l| {
                    vec![
                        t(l.name.clone()),
                        t(l.level.clone().unwrap_or_default()),
                        n(l.articles.to_string()),
                        t(period(&l.first, &l.last)),
                        t(l.documents
                            .iter()
                            .map(|(c, k)| format!("{c} ({k})"))
                            .collect::<Vec<_>>()
                            .join(", ")),
                    ]
                })
                .collect(),
        );
        if !p.figures.is_empty() {
            // Each point with the articles behind it; nothing summed.
            s.push_str(
                "<h3>Số liệu theo chỉ tiêu</h3><table><tr><th>chỉ tiêu</th><th>đơn vị</th>\
                 <th>kỳ</th><th>giá trị</th><th>bài nguồn</th></tr>\n",
            );
            for f in &p.figures {
                let mut src = String::from("<ul class=\"src\">");
                for x in &f.sources {
                    let title = e(x.title.as_deref().unwrap_or("(không tiêu đề)"));
                    let day = x
                        .published
                        .as_deref()
                        .map(|d| format!(" · {}", e(d.get(..10).unwrap_or(d))))
                        .unwrap_or_default();
                    let link = match x.url.as_deref() {
                        Some(u) if u.starts_with("http://") || u.starts_with("https://") => {
                            format!("<a href=\"{}\">{title}</a>", e(u))
                        }
                        _ => title,
                    };
                    let _ = write!(
                        src,
                        "<li>{link}{day} — {}: “{}”</li>",
                        e(&num(x.value)),
                        e(&x.sentence)
                    );
                }
                src.push_str("</ul>");
                let conflict = if f.conflict {
                    " <span class=\"muted\">(các bài khác nhau)</span>"
                } else {
                    ""
                };
                let _ = writeln!(
                    s,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}{conflict}</td><td>{src}</td></tr>",
                    e(&f.indicator),
                    e(f.unit.as_deref().unwrap_or("—")),
                    e(f.period.as_deref().unwrap_or("—")),
                    e(&value_text(f)),
                );
            }
            s.push_str("</table>\n");
        }
        s.push_str("</section>\n");
    }
    s.push_str("</body></html>\n");
    s
}
