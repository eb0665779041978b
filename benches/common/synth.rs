//! A deterministic synthetic corpus of Vietnamese provincial party news, for benches.
//!
//! Article `i` is a pure function of `i`: the same on every run and machine, and never held
//! all in memory. Sentences are written in the genre (conferences, resolutions, officials,
//! figures) with varied provinces, names, dates and numbers.

#![allow(dead_code)]

use baochi::record::{Document, Entities, Record, Span};

/// (pre-2025 name, post-2025 name, site host).
pub const PROVINCES: &[(&str, &str, &str)] = &[
    ("Thanh Hóa", "Thanh Hóa", "baothanhhoa.vn"),
    ("Nghệ An", "Nghệ An", "baonghean.vn"),
    ("Hà Giang", "Tuyên Quang", "baohagiang.vn"),
    ("Tuyên Quang", "Tuyên Quang", "baotuyenquang.com.vn"),
    ("Thừa Thiên Huế", "Huế", "baothuathienhue.vn"),
    ("Điện Biên", "Điện Biên", "baodienbienphu.info.vn"),
    ("Lào Cai", "Lào Cai", "baolaocai.vn"),
    ("Yên Bái", "Lào Cai", "baoyenbai.com.vn"),
    ("Bắc Giang", "Bắc Ninh", "baobacgiang.vn"),
    ("Bắc Ninh", "Bắc Ninh", "baobacninh.vn"),
    ("Hải Dương", "Hải Phòng", "baohaiduong.vn"),
    ("Quảng Nam", "Đà Nẵng", "baoquangnam.vn"),
    ("Quảng Ngãi", "Quảng Ngãi", "baoquangngai.vn"),
    ("Kon Tum", "Quảng Ngãi", "baokontum.vn"),
    ("Đắk Lắk", "Đắk Lắk", "baodaklak.vn"),
    ("Phú Yên", "Đắk Lắk", "baophuyen.vn"),
    ("Bình Định", "Gia Lai", "baobinhdinh.vn"),
    ("Gia Lai", "Gia Lai", "baogialai.com.vn"),
    ("Sóc Trăng", "Cần Thơ", "baosoctrang.org.vn"),
    ("Cần Thơ", "Cần Thơ", "baocantho.com.vn"),
    ("Bến Tre", "Vĩnh Long", "baodongkhoi.vn"),
    ("Cà Mau", "Cà Mau", "baocamau.vn"),
    ("Bạc Liêu", "Cà Mau", "baobaclieu.vn"),
    ("Lâm Đồng", "Lâm Đồng", "baolamdong.vn"),
];

const DISTRICTS: &[&str] = &[
    "Bá Thước",
    "Quan Hóa",
    "Mường Lát",
    "Nghĩa Đàn",
    "Quỳnh Lưu",
    "Bắc Mê",
    "Hoàng Su Phì",
    "Phong Điền",
    "Hương Trà",
    "Mường Chà",
    "Tủa Chùa",
    "Bát Xát",
    "Lục Yên",
    "Yên Thế",
    "Gia Bình",
    "Thanh Miện",
    "Tiên Phước",
    "Ba Tơ",
    "Đăk Glei",
    "Krông Pắc",
    "Sơn Hòa",
    "Hoài Nhơn",
    "Chư Păh",
    "Mỹ Xuyên",
    "Phong Điền",
    "Mỏ Cày",
    "Năm Căn",
    "Hồng Dân",
    "Bảo Lâm",
    "Bỉm Sơn",
];

const SURNAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
    "Vừ", "Lò", "Hà", "Tạ", "Đinh",
];
const MIDDLES: &[&str] = &[
    "Văn", "Thị", "Đức", "Minh", "Ngọc", "Thanh", "Quang", "Hữu", "Xuân", "Thu", "A", "Công",
];
const GIVENS: &[&str] = &[
    "Phước", "Hùng", "Lan", "Thủy", "Bằng", "Dũng", "Hòa", "Tuấn", "Hạnh", "Sơn", "Thắng", "Hương",
    "Quý", "Khoa", "Nghĩa", "Thành", "Yến", "Cường", "Đạt", "Uyên",
];
const TITLES: &[&str] = &[
    "Bí thư Tỉnh ủy",
    "Phó Bí thư Thường trực Tỉnh ủy",
    "Chủ tịch UBND tỉnh",
    "Trưởng Ban Tổ chức Tỉnh ủy",
    "Bí thư Huyện ủy",
    "Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy",
    "Trưởng Ban Tuyên giáo Tỉnh ủy",
    "Phó Chủ tịch HĐND tỉnh",
];

/// How the text cites a document, its canonical, code, number, conference, term.
type Cited = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<u32>,
    Option<&'static str>,
);

const DOCS: &[Cited] = &[
    (
        "Nghị quyết số 12-NQ/TW",
        "12-NQ/TW",
        "NQ",
        "12",
        Some(4),
        Some("XI"),
    ),
    (
        "Nghị quyết Trung ương 4 (khóa XI)",
        "12-NQ/TW",
        "NQ",
        "12",
        Some(4),
        Some("XI"),
    ),
    (
        "NQTW4 khóa XII",
        "04-NQ/TW",
        "NQ",
        "4",
        Some(4),
        Some("XII"),
    ),
    (
        "Nghị quyết số 04-NQ/TW",
        "04-NQ/TW",
        "NQ",
        "4",
        Some(4),
        Some("XII"),
    ),
    ("Chỉ thị số 05-CT/TW", "05-CT/TW", "CT", "5", None, None),
    ("Kết luận số 21-KL/TW", "21-KL/TW", "KL", "21", None, None),
    ("Quy định số 08-QĐi/TW", "08-QDI/TW", "QDI", "8", None, None),
    (
        "Nghị quyết số 18-NQ/TW",
        "18-NQ/TW",
        "NQ",
        "18",
        Some(6),
        Some("XII"),
    ),
    ("Kế hoạch số 93/KH-TU", "93-KH/TU", "KH", "93", None, None),
];

const TEMPLATES: &[&str] = &[
    "Sáng {date}, Ban Thường vụ Tỉnh ủy {prov} tổ chức hội nghị sơ kết {n} năm thực hiện {doc}.",
    "Đồng chí {name}, {title}, chủ trì hội nghị và phát biểu chỉ đạo.",
    "Toàn tỉnh có {n} tổ chức cơ sở đảng với {big} đảng viên, trong đó {pct}% được đánh giá hoàn thành tốt nhiệm vụ.",
    "Công tác luân chuyển cán bộ được thực hiện nghiêm túc, đã luân chuyển {n} cán bộ lãnh đạo, quản lý về cơ sở.",
    "Các chi bộ tổ chức kiểm điểm tự phê bình và phê bình theo tinh thần {doc}.",
    "Huyện {dist} đã kết nạp {n} đảng viên mới, đạt {pct}% kế hoạch năm.",
    "Ủy ban Kiểm tra các cấp đã kiểm tra {n} tổ chức đảng và {big} đảng viên khi có dấu hiệu vi phạm.",
    "Qua đó phát hiện {n} trường hợp vi phạm, đề nghị thi hành kỷ luật {small} đảng viên.",
    "Đồng chí {name} đề nghị các cấp ủy tiếp tục đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    "Tỷ lệ hộ nghèo của huyện {dist} giảm còn {pct}%, thu nhập bình quân đạt {big} nghìn đồng mỗi người mỗi năm.",
    "Việc bổ nhiệm, giới thiệu cán bộ ứng cử được thực hiện đúng quy trình, công khai, minh bạch.",
    "Hội nghị đã thảo luận, đánh giá kết quả công tác xây dựng Đảng và hệ thống chính trị trong {period}.",
    "Tính đến ngày {date}, toàn Đảng bộ tỉnh {prov} có {big} đảng viên, tăng {small} đồng chí so với cùng kỳ.",
    "Thị ủy {dist} chỉ đạo rà soát, bổ sung quy hoạch cán bộ nhiệm kỳ 2025-2030.",
    "Các đại biểu cho rằng cần siết chặt kỷ luật, kỷ cương hành chính, nâng cao trách nhiệm người đứng đầu.",
    "Tại buổi làm việc, đồng chí {name}, {title}, ghi nhận những kết quả đạt được của Đảng bộ huyện {dist}.",
    "Năm {year}, tỉnh {prov} đã hoàn thành sắp xếp {n} đơn vị hành chính cấp xã.",
    "Tổng số ý kiến góp ý vào dự thảo văn kiện là {big} ý kiến, trong đó có {n} ý kiến của đảng viên cao tuổi.",
    "Công tác dân vận khéo được triển khai rộng khắp, xuất hiện {n} mô hình tiêu biểu.",
    "Ban Tổ chức Tỉnh ủy đã thẩm định {n} hồ sơ đề nghị tặng Huy hiệu Đảng.",
    "Từ đầu năm đến nay, lực lượng chức năng đã xử lý {small} vụ vi phạm về đất đai tại xã {dist}.",
    "Hội đồng nhân dân tỉnh {prov} thông qua {n} nghị quyết quan trọng về phát triển kinh tế - xã hội.",
    "Việc thực hiện {doc} đã góp phần ngăn chặn, đẩy lùi suy thoái về tư tưởng chính trị, đạo đức, lối sống.",
    "Đại hội Đảng bộ xã lần thứ {small} thành công tốt đẹp, bầu Ban Chấp hành gồm {n} đồng chí.",
];

const TITLE_TEMPLATES: &[&str] = &[
    "{prov}: sơ kết {n} năm thực hiện {doc}",
    "Nâng cao chất lượng đội ngũ cán bộ ở huyện {dist}",
    "Đảng bộ tỉnh {prov} kết nạp {big} đảng viên mới",
    "Đẩy mạnh luân chuyển cán bộ lãnh đạo, quản lý",
    "Kiểm điểm tự phê bình và phê bình nghiêm túc",
    "Hội nghị Ban Chấp hành Đảng bộ tỉnh {prov} lần thứ {small}",
];

/// A small deterministic generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    /// A generator for article `i`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03)
    }

    /// The next value.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A value below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// One item of `xs`.
    pub fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
}

fn fill(t: &str, r: &mut Rng, prov: &str, year: u32, docs: &mut Vec<usize>, out: &mut String) {
    let mut rest = t;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = open + rest[open..].find('}').unwrap_or(0);
        let slot = &rest[open + 1..close];
        match slot {
            "prov" => out.push_str(prov),
            "dist" => out.push_str(r.pick(DISTRICTS)),
            "name" => {
                out.push_str(r.pick(SURNAMES));
                out.push(' ');
                out.push_str(r.pick(MIDDLES));
                out.push(' ');
                out.push_str(r.pick(GIVENS));
            }
            "title" => out.push_str(r.pick(TITLES)),
            "doc" => {
                let d = r.below(DOCS.len());
                docs.push(d);
                out.push_str(DOCS[d].0);
            }
            "n" => out.push_str(&(2 + r.below(150)).to_string()),
            "small" => out.push_str(&(1 + r.below(30)).to_string()),
            "big" => {
                let v = 1000 + r.below(90_000);
                out.push_str(&format!("{}.{:03}", v / 1000, v % 1000));
            }
            "pct" => out.push_str(&format!("{},{:02}", 50 + r.below(50), r.below(100))),
            "year" => out.push_str(&year.to_string()),
            "date" => out.push_str(&format!("{}/{}/{year}", 1 + r.below(28), 1 + r.below(12))),
            "period" => out.push_str(&format!("giai đoạn {}-{}", year - 5, year)),
            _ => {}
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
}

/// Article `i` of the corpus, as `extract` would give it (normalised, documents found).
pub fn article(i: u64) -> Record {
    let mut r = Rng::new(i);
    let (prov, now, host) = r.pick(PROVINCES);
    let year = 2010 + r.below(16) as u32;
    let month = 1 + r.below(12);
    let day = 1 + r.below(28);
    let mut docs = Vec::new();
    let mut title = String::new();
    fill(
        r.pick(TITLE_TEMPLATES),
        &mut r,
        prov,
        year,
        &mut docs,
        &mut title,
    );
    let mut body = String::with_capacity(1600);
    let paragraphs = 3 + r.below(4);
    for p in 0..paragraphs {
        if p > 0 {
            body.push_str("\n\n");
        }
        for s in 0..(2 + r.below(3)) {
            if s > 0 {
                body.push(' ');
            }
            fill(r.pick(TEMPLATES), &mut r, prov, year, &mut docs, &mut body);
        }
    }
    let mut documents = Vec::new();
    for &d in &docs {
        let (text, canonical, code, number, conference, term) = DOCS[d];
        let Some(at) = body.find(text) else { continue };
        let start = body[..at].chars().count();
        documents.push(Document {
            kind: if code == "NQ" {
                "nghị quyết"
            } else {
                "văn bản"
            }
            .into(),
            number: Some(number.into()),
            code: Some(code.into()),
            issuer: canonical.rsplit(['/', '-']).next().map(str::to_string),
            conference,
            term: term.map(str::to_string),
            date: None,
            canonical: Some(canonical.into()),
            span: Span {
                text: text.into(),
                start,
                end: start + text.chars().count(),
            },
        });
    }
    Record {
        url: Some(format!(
            "https://{host}/tin-tuc/{year}/{month:02}/bai-{i}.html"
        )),
        source: Some(host.into()),
        title: Some(title),
        published: Some(format!("{year}-{month:02}-{day:02}")),
        author: Some(format!("{} {}", r.pick(MIDDLES), r.pick(GIVENS))),
        body,
        province: Some(prov.into()),
        province_now: Some(now.into()),
        entities: Entities {
            documents,
            ..Default::default()
        },
        ..Record::default()
    }
}

/// About `bytes` of article bodies joined, for the text analysis bench.
pub fn text(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 2000);
    let mut i = 0;
    while out.len() < bytes {
        out.push_str(&article(i).body);
        out.push_str("\n\n");
        i += 1;
    }
    out
}
