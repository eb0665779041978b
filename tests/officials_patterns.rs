//! The officials finder on sentences of the genre, written for these tests: titles before
//! and after names, chains, "ông/bà", "đồng chí", lists, minority names, people and cities.

use baochi::entities::officials::find;
use baochi::text::normalize;

/// (name, titles) of every mention, in order.
fn found(body: &str) -> Vec<(String, Vec<String>)> {
    let body = normalize(body);
    let got = find(&body);
    for o in &got {
        let quoted: String = body
            .chars()
            .skip(o.span.start)
            .take(o.span.end - o.span.start)
            .collect();
        assert_eq!(
            quoted, o.span.text,
            "offsets must quote the text in {body:?}"
        );
        assert_eq!(o.span.text, o.name);
    }
    got.into_iter().map(|o| (o.name, o.titles)).collect()
}

fn p(name: &str, titles: &[&str]) -> (String, Vec<String>) {
    (
        name.to_string(),
        titles.iter().map(|t| t.to_string()).collect(),
    )
}

macro_rules! case {
    ($test:ident, $body:expr, [$( ($name:expr, [$($t:expr),* $(,)?]) ),* $(,)?]) => {
        #[test]
        fn $test() {
            let want: Vec<(String, Vec<String>)> = vec![$( p($name, &[$($t),*]) ),*];
            assert_eq!(found($body), want, "in {:?}", $body);
        }
    };
}

// Titles after the name.
case!(
    chain_after_stops_at_date,
    "Đồng chí Phạm Xuân Đương, UVTW Đảng, Bí thư Tỉnh uỷ, Trưởng đoàn ĐBQH tỉnh Thái Nguyên, ngày 3/4/2012 đã ký ban hành Kế hoạch.",
    [(
        "Phạm Xuân Đương",
        [
            "UVTW Đảng",
            "Bí thư Tỉnh ủy",
            "Trưởng đoàn ĐBQH tỉnh Thái Nguyên"
        ]
    )]
);
case!(
    chain_after_stops_at_sau,
    "Theo đồng chí Trần Văn Vụ, Ủy viên Thường vụ, Trưởng Ban Tổ chức Đảng ủy Khối, sau kiểm điểm, mọi việc tốt hơn.",
    [(
        "Trần Văn Vụ",
        ["Ủy viên Thường vụ", "Trưởng Ban Tổ chức Đảng ủy Khối"]
    )]
);
case!(
    dash_title,
    "Ông Lê Văn Thành - Chủ tịch UBND huyện Triệu Sơn cho biết, năm nay huyện làm tốt.",
    [("Lê Văn Thành", ["Chủ tịch UBND huyện Triệu Sơn"])]
);
case!(
    org_with_and,
    "Bà Nguyễn Thị Hoa, Giám đốc Sở Giáo dục và Đào tạo, phát biểu tại hội nghị.",
    [("Nguyễn Thị Hoa", ["Giám đốc Sở Giáo dục và Đào tạo"])]
);
case!(
    org_with_lowercase_parts,
    "Theo đồng chí Lê Việt Triều, Phó Bí thư Đảng ủy Khối Cơ quan Dân chính Đảng, sau đợt kiểm điểm.",
    [(
        "Lê Việt Triều",
        ["Phó Bí thư Đảng ủy Khối Cơ quan Dân chính Đảng"]
    )]
);
case!(
    kiem_joins_titles,
    "Đồng chí Hoàng Văn Nam, Bí thư Huyện ủy kiêm Chủ tịch HĐND huyện, chủ trì hội nghị.",
    [("Hoàng Văn Nam", ["Bí thư Huyện ủy", "Chủ tịch HĐND huyện"])]
);
case!(
    title_in_brackets,
    "Ông Sùng A Páo (Bí thư Chi bộ bản 3) đã vận động bà con.",
    [("Sùng A Páo", ["Bí thư Chi bộ bản 3"])]
);
case!(
    former_title,
    "Ông Đỗ Văn Chiến, nguyên Bí thư Tỉnh ủy, về thăm quê.",
    [("Đỗ Văn Chiến", ["nguyên Bí thư Tỉnh ủy"])]
);
case!(
    title_stops_before_quan_tam,
    "Đồng chí Nguyễn Văn Sơn, Bí thư Tỉnh ủy quan tâm chỉ đạo công tác cán bộ.",
    [("Nguyễn Văn Sơn", ["Bí thư Tỉnh ủy"])]
);
case!(
    title_stops_before_to_chuc,
    "Ông Phan Văn Mãi, Chủ tịch UBND tỉnh tổ chức đoàn công tác.",
    [("Phan Văn Mãi", ["Chủ tịch UBND tỉnh"])]
);

// Titles before the name.
case!(
    title_before_name,
    "Phát biểu tại buổi làm việc, Phó Bí thư Thường trực Tỉnh ủy Bùi Thanh Hà ghi nhận những nỗ lực.",
    [("Bùi Thanh Hà", ["Phó Bí thư Thường trực Tỉnh ủy"])]
);
case!(
    title_before_with_place,
    "Bí thư Huyện ủy Mường Chà Lò Văn Mừng cho biết huyện đã luân chuyển cán bộ.",
    [("Lò Văn Mừng", ["Bí thư Huyện ủy Mường Chà"])]
);
case!(
    title_before_place_starting_with_surname,
    "Bí thư Thành ủy Hà Nội Đinh Tiến Dũng dự hội nghị.",
    [("Đinh Tiến Dũng", ["Bí thư Thành ủy Hà Nội"])]
);
case!(
    title_before_province_place,
    "Chủ tịch UBND tỉnh Lâm Đồng Trần Văn Hiệp kiểm tra công trình.",
    [("Trần Văn Hiệp", ["Chủ tịch UBND tỉnh Lâm Đồng"])]
);
case!(
    title_before_chain,
    "Tham dự có Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng, Trưởng Ban Tổ chức Trung ương Lê Minh Hưng.",
    [(
        "Lê Minh Hưng",
        [
            "Ủy viên Bộ Chính trị",
            "Bí thư Trung ương Đảng",
            "Trưởng Ban Tổ chức Trung ương"
        ]
    )]
);
case!(
    title_before_and_after,
    "Bí thư Tỉnh ủy Nguyễn Văn Quang, Trưởng đoàn ĐBQH tỉnh, phát biểu.",
    [(
        "Nguyễn Văn Quang",
        ["Bí thư Tỉnh ủy", "Trưởng đoàn ĐBQH tỉnh"]
    )]
);
case!(
    two_syllable_name_after_title,
    "Bộ trưởng Bộ Công an Tô Lâm làm việc với tỉnh.",
    [("Tô Lâm", ["Bộ trưởng Bộ Công an"])]
);
case!(
    four_syllable_name_after_title,
    "Phó Bí thư Thành ủy Nguyễn Thị Kim Ngân dự lễ.",
    [("Nguyễn Thị Kim Ngân", ["Phó Bí thư Thành ủy"])]
);
case!(
    military_rank,
    "Thiếu tướng Hoàng Văn Đồng, Phó Chính ủy Quân khu 2, dự lễ.",
    [("Hoàng Văn Đồng", ["Thiếu tướng", "Phó Chính ủy Quân khu 2"])]
);

// A title with a place but no name is not an official.
case!(
    title_without_name_town,
    "Theo Bí thư Thị uỷ Hương Trà, trong công tác xây dựng Đảng vẫn còn hạn chế.",
    []
);
case!(
    title_without_name_province_starting_with_surname,
    "Theo Bí thư Tỉnh ủy Hà Giang, tỉnh đã làm tốt. Chủ tịch UBND tỉnh Thái Nguyên cũng nói vậy.",
    []
);

// Cues.
case!(
    ong_ba,
    "Ông Trần Duy Tuyến, Bí thư Thị ủy Hương Trà cho biết, năm 2017 có nhiều chuyển biến. Bà Hà Thị Nga cũng đồng ý.",
    [
        ("Trần Duy Tuyến", ["Bí thư Thị ủy Hương Trà"]),
        ("Hà Thị Nga", [])
    ]
);
case!(
    dong_chi_abbreviated,
    "Đ/c Lê Văn Hải phát biểu.",
    [("Lê Văn Hải", [])]
);
case!(
    list_of_people,
    "Dự hội nghị có các đồng chí: Nguyễn Văn A, Bí thư Tỉnh ủy; Trần Văn B, Chủ tịch UBND tỉnh và Lê Thị C, Phó Chủ tịch HĐND tỉnh.",
    [
        ("Nguyễn Văn A", ["Bí thư Tỉnh ủy"]),
        ("Trần Văn B", ["Chủ tịch UBND tỉnh"]),
        ("Lê Thị C", ["Phó Chủ tịch HĐND tỉnh"]),
    ]
);
case!(
    list_of_two_syllable_names,
    "Cùng đi có các đồng chí Lương Cường, Tô Lâm và Vũ Đức Đam.",
    [("Lương Cường", []), ("Tô Lâm", []), ("Vũ Đức Đam", [])]
);
case!(
    every_mention_counts,
    "Ông Lê Văn Hải phát biểu. Sau đó ông Lê Văn Hải trao quà.",
    [("Lê Văn Hải", []), ("Lê Văn Hải", [])]
);

// Minority names.
case!(
    hmong_and_thai_names,
    "Anh Giàng A Chử và chị Lò Thị Hương ở bản Pá Khoang được khen thưởng.",
    [("Giàng A Chử", []), ("Lò Thị Hương", [])]
);
case!(
    ede_names,
    "Ông Y Biêr Niê, Bí thư Tỉnh ủy Đắk Lắk, và bà H'Hen Niê dự lễ.",
    [
        ("Y Biêr Niê", ["Bí thư Tỉnh ủy Đắk Lắk"]),
        ("H'Hen Niê", [])
    ]
);
case!(
    koho_name,
    "Già làng K'Điệp và ông K'Nhai Liêng cùng tham gia.",
    [("K'Nhai Liêng", [])]
);
case!(
    khmer_name,
    "Ông Thạch Dư, Phó Chủ tịch UBND tỉnh Trà Vinh, thăm chùa.",
    [("Thạch Dư", ["Phó Chủ tịch UBND tỉnh Trà Vinh"])]
);

// People and cities.
case!(
    ho_chi_minh_the_person,
    "Chủ tịch Hồ Chí Minh đã căn dặn cán bộ, đảng viên.",
    [("Hồ Chí Minh", ["Chủ tịch"])]
);
case!(
    ho_chi_minh_the_concept,
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh là việc thường xuyên.",
    []
);
case!(
    ho_chi_minh_the_city,
    "Đảng bộ TP Hồ Chí Minh và thành phố Hồ Chí Minh, TP. Hồ Chí Minh, Đoàn TNCS Hồ Chí Minh.",
    []
);
case!(
    president_ho_chi_minh,
    "Viếng Lăng Chủ tịch Hồ Chí Minh.",
    [("Hồ Chí Minh", ["Chủ tịch"])]
);
case!(
    places_and_organisations_are_not_people,
    "Ban Thường vụ Tỉnh ủy Thái Nguyên, Đảng ủy Khối, thị xã Bỉm Sơn, TP Cần Thơ, Hà Nội, Cao Bằng và huyện Hoàng Su Phì đều tham gia. Tại đường Lê Lợi, trường THPT Lê Quý Đôn, phường Trần Hưng Đạo.",
    []
);
case!(
    documents_are_not_people,
    "Nghị quyết Trung ương 4 khóa XI, Quy định số 02-QĐ/HU và Kế hoạch số 93/KH-TU được triển khai.",
    []
);

// Photographers and bylines.
case!(
    photo_credit_is_not_an_official,
    "Cán bộ, đảng viên học tập Nghị quyết. Ảnh: Minh Thùy\n\nNội dung bài viết.\n\nĐoạn cuối.\n\nĐoạn kết.",
    []
);
case!(
    photo_credit_in_capitals,
    "Lãnh đạo tỉnh thăm hỏi gia đình chính sách (Ảnh: NGUYỄN HUY).\n\nĐoạn sau.\n\nĐoạn cuối.\n\nHết.",
    []
);
case!(
    a_name_inside_a_concept_is_not_an_official,
    "Cán bộ học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; noi theo tấm gương Hồ Chí Minh.",
    []
);
case!(
    photo_agency_is_not_a_person,
    "Quang cảnh hội nghị. Ảnh: TTXVN\n\nĐoạn sau.",
    []
);
case!(
    byline_is_not_a_mention,
    "Nội dung bài viết về Nghị quyết.\n\nBài, ảnh: Nguyễn Huy\n\nTin, ảnh: Trần Thép",
    []
);
case!(
    name_alone_at_the_end_is_the_byline,
    "Ông Lê Văn Hải phát biểu.\n\nNguyễn Văn Huy",
    [("Lê Văn Hải", [])]
);

// No cue at all: three syllables with a family name are a name, two are not.
case!(
    bare_three_syllable_name,
    "Theo kế hoạch, Trần Văn Nam sẽ được luân chuyển về huyện.",
    [("Trần Văn Nam", [])]
);
case!(
    bare_two_syllables_are_not_enough,
    "Sáng nay, Thái Nguyên tổ chức hội nghị; Hà Giang và Lạng Sơn cũng vậy.",
    []
);

// Abbreviated titles and pen names.
case!(
    abbreviated_titles_without_comma,
    "Về dự có đ/c Nguyễn Công Châu UVBTV – PCT UBND huyện. Quang cảnh buổi lễ. Ảnh: Công Nãng\n\nĐoạn sau.\n\nĐoạn cuối.\n\nHết.",
    [("Nguyễn Công Châu", ["UVBTV", "PCT UBND huyện"])]
);
case!(
    title_after_cue_is_not_a_name,
    "Đồng chí Phó Chủ tịch HĐND huyện mong muốn các đồng chí tiếp tục phát huy.",
    []
);
case!(
    dash_chain_before_name,
    "Ủy viên Trung ương Đảng - Bí thư Tỉnh ủy Lê Đức Thọ phát biểu khai mạc hội nghị.",
    [("Lê Đức Thọ", ["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy"])]
);
case!(
    dash_glued_to_name,
    "Đó là chỉ đạo của đồng chí Nguyễn Thành Tâm-Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy tại hội nghị.",
    [(
        "Nguyễn Thành Tâm",
        ["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy"]
    )]
);
case!(
    cue_before_title_vouches_for_unlisted_family_name,
    "Đồng chí Bí thư Tỉnh ủy Xồng Bá Pó quán triệt nghị quyết.",
    [("Xồng Bá Pó", ["Bí thư Tỉnh ủy"])]
);

case!(
    sentence_after_a_place_word,
    "Xe chạy trên đường. Nguyễn Văn Tư cho biết đường đã xuống cấp.",
    [("Nguyễn Văn Tư", [])]
);
case!(
    photo_credit_naming_a_place_is_not_a_person,
    "Quang cảnh hội nghị. Ảnh: Thanh Hóa\n\nĐoạn sau.",
    []
);
case!(
    list_after_leaders_colon,
    "Tham dự có các đồng chí lãnh đạo tỉnh: Nguyễn Văn Tư, Phó Bí thư Tỉnh ủy; Lê Thị Hoa, Phó Chủ tịch UBND tỉnh.",
    [
        ("Nguyễn Văn Tư", ["Phó Bí thư Tỉnh ủy"]),
        ("Lê Thị Hoa", ["Phó Chủ tịch UBND tỉnh"])
    ]
);
case!(
    organisation_named_after_a_person,
    "Đoàn viên Đoàn TNCS Hồ Chí Minh đi theo đường mòn Hồ Chí Minh tới Báo Hà Nội Mới và Bảo tàng Hồ Chí Minh.",
    []
);

// Organisation names inside titles.
case!(
    long_organisation_names,
    "Ông Trần Văn Tư, Giám đốc Sở Giao thông vận tải, và bà Lê Thị Hoa, Giám đốc Ngân hàng Chính sách xã hội tỉnh, cùng dự. Ông Lò Văn Bảo, Giám đốc Sở Lao động - Thương binh và Xã hội, phát biểu.",
    [
        ("Trần Văn Tư", ["Giám đốc Sở Giao thông vận tải"]),
        ("Lê Thị Hoa", ["Giám đốc Ngân hàng Chính sách xã hội tỉnh"]),
        (
            "Lò Văn Bảo",
            ["Giám đốc Sở Lao động - Thương binh và Xã hội"]
        ),
    ]
);
case!(
    supreme_court_and_state_titles,
    "Chánh án Tòa án nhân dân tối cao Nguyễn Hòa Bình và Chủ tịch nước Võ Văn Thưởng dự lễ.",
    [
        ("Nguyễn Hòa Bình", ["Chánh án Tòa án nhân dân tối cao"]),
        ("Võ Văn Thưởng", ["Chủ tịch nước"]),
    ]
);
case!(
    lower_case_titles_before_names,
    "Theo chủ tịch xã Lê Văn Thanh và bí thư xã Trương Văn An, việc này là do lịch sử để lại.",
    [
        ("Lê Văn Thanh", ["chủ tịch xã"]),
        ("Trương Văn An", ["bí thư xã"])
    ]
);
case!(
    personal_details_are_not_titles,
    "Đối tượng Trần Văn Hùng (SN 1985, trú tại thôn 3) đã bị bắt.",
    [("Trần Văn Hùng", [])]
);
case!(
    byline_with_agency,
    "Nội dung bài viết.\n\nNguyễn Văn Hải (TTXVN)",
    []
);

// The gazetteer decides where a place ends and a name begins.
case!(
    district_then_name,
    "Bí thư Huyện ủy Lâm Hà Lê Văn Bình và Chủ tịch UBND huyện Hoàng Su Phì Vàng Seo Dìn dự họp.",
    [
        ("Lê Văn Bình", ["Bí thư Huyện ủy Lâm Hà"]),
        ("Vàng Seo Dìn", ["Chủ tịch UBND huyện Hoàng Su Phì"]),
    ]
);
case!(
    district_that_reads_like_a_name,
    "Theo Bí thư Huyện ủy Hoàng Su Phì, huyện đã làm tốt. Huyện Trần Văn Thời cũng vậy, Trần Văn Thời có nhiều đổi mới.",
    []
);

// Ranks, long chains before a name, front-line titles.
case!(
    rank_and_dash_title,
    "Đại tá Nguyễn Văn Bình - Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh báo cáo.",
    [(
        "Nguyễn Văn Bình",
        ["Đại tá", "Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh"]
    )]
);
case!(
    long_chain_before_a_name,
    "Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy, Chủ tịch Ủy ban MTTQ Việt Nam tỉnh Nguyễn Thị Bích phát biểu.",
    [(
        "Nguyễn Thị Bích",
        [
            "Ủy viên Ban Thường vụ Tỉnh ủy",
            "Trưởng Ban Dân vận Tỉnh ủy",
            "Chủ tịch Ủy ban MTTQ Việt Nam tỉnh"
        ]
    )]
);
case!(
    two_titles_of_a_commune_leader,
    "Bí thư Đảng ủy, Chủ tịch UBND xã Nguyễn Văn Hòa cho biết xã đã về đích nông thôn mới.",
    [("Nguyễn Văn Hòa", ["Bí thư Đảng ủy", "Chủ tịch UBND xã"])]
);
case!(
    age_and_village_are_not_titles,
    "Ông Nguyễn Văn Lộc, 65 tuổi, ở thôn 3, kể lại câu chuyện.",
    [("Nguyễn Văn Lộc", [])]
);
case!(
    modifier_apostrophe_in_names,
    "Bà Hʼ Hen Niê và bà HʼYim Kdoh tham gia.",
    [("Hʼ Hen Niê", []), ("HʼYim Kdoh", [])]
);
case!(
    hyphenated_province_in_title,
    "Ông Phạm Viết Thanh, Bí thư Tỉnh ủy Bà Rịa-Vũng Tàu, dự lễ.",
    [("Phạm Viết Thanh", ["Bí thư Tỉnh ủy Bà Rịa-Vũng Tàu"])]
);
case!(
    chain_stops_before_other_people,
    "Đồng chí Trịnh Văn Chiến, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy và các đồng chí trong Ban Thường vụ Tỉnh ủy dự hội nghị.",
    [(
        "Trịnh Văn Chiến",
        ["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy"]
    )]
);
case!(
    caption_with_photographer,
    "Đồng chí Nguyễn Văn Quyết, Bí thư Tỉnh ủy trao quà cho các hộ nghèo. Ảnh: Lê Hợi\n\nNội dung.\n\nNội dung.\n\nHết.",
    [("Nguyễn Văn Quyết", ["Bí thư Tỉnh ủy"])]
);
case!(
    comma_inside_a_department_name,
    "Bà Lê Thị Thủy, Giám đốc Sở Văn hóa, Thể thao và Du lịch, phát biểu.",
    [("Lê Thị Thủy", ["Giám đốc Sở Văn hóa, Thể thao và Du lịch"])]
);
