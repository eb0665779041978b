//! schema/record.schema.json against real output: the seeds, the HTML fixtures, and a record
//! with every entity list filled. The validator below implements the schema keywords the
//! file uses and refuses any other, so the schema cannot silently say more than is checked.

use baochi::record::{
    DateMention, Document, Entities, Locality, Official, Record, Span, Statistic,
};
use serde_json::Value;
use std::path::Path;

fn schema() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/record.schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

const KNOWN: [&str; 16] = [
    "$schema",
    "$id",
    "$defs",
    "$ref",
    "title",
    "description",
    "type",
    "required",
    "properties",
    "additionalProperties",
    "items",
    "enum",
    "pattern",
    "minLength",
    "minimum",
    "maximum",
];

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "null" => v.is_null(),
        "string" => v.is_string(),
        "boolean" => v.is_boolean(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        other => panic!("unknown type {other}"),
    }
}

fn validate(root: &Value, s: &Value, v: &Value, at: &str, errs: &mut Vec<String>) {
    let Some(obj) = s.as_object() else {
        panic!("schema at {at} is not an object");
    };
    for k in obj.keys() {
        assert!(
            KNOWN.contains(&k.as_str()),
            "schema keyword {k:?} not supported by the test's validator"
        );
    }
    if let Some(r) = obj.get("$ref").and_then(Value::as_str) {
        let name = r.strip_prefix("#/$defs/").expect("only local $defs refs");
        validate(root, &root["$defs"][name], v, at, errs);
    }
    if let Some(t) = obj.get("type") {
        let ok = match t {
            Value::String(t) => type_ok(t, v),
            Value::Array(ts) => ts.iter().any(|t| type_ok(t.as_str().unwrap(), v)),
            _ => panic!("bad type at {at}"),
        };
        if !ok {
            errs.push(format!("{at}: {v} is not of type {t}"));
            return;
        }
    }
    if let Some(e) = obj.get("enum").and_then(Value::as_array)
        && !e.contains(v)
    {
        errs.push(format!("{at}: {v} not in enum"));
    }
    if let Value::String(text) = v {
        if let Some(p) = obj.get("pattern").and_then(Value::as_str)
            && !regex::Regex::new(p).unwrap().is_match(text)
        {
            errs.push(format!("{at}: {text:?} does not match {p}"));
        }
        if let Some(m) = obj.get("minLength").and_then(Value::as_u64)
            && (text.chars().count() as u64) < m
        {
            errs.push(format!("{at}: shorter than {m}"));
        }
    }
    if let Some(n) = v.as_f64() {
        if let Some(m) = obj.get("minimum").and_then(Value::as_f64)
            && n < m
        {
            errs.push(format!("{at}: {n} < {m}"));
        }
        if let Some(m) = obj.get("maximum").and_then(Value::as_f64)
            && n > m
        {
            errs.push(format!("{at}: {n} > {m}"));
        }
    }
    if let Value::Object(map) = v {
        for r in obj
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let r = r.as_str().unwrap();
            if !map.contains_key(r) {
                errs.push(format!("{at}: missing {r}"));
            }
        }
        let props = obj.get("properties").and_then(Value::as_object);
        for (k, val) in map {
            match props.and_then(|p| p.get(k)) {
                Some(ps) => validate(root, ps, val, &format!("{at}.{k}"), errs),
                None => {
                    if obj.get("additionalProperties") == Some(&Value::Bool(false)) {
                        errs.push(format!("{at}: unexpected {k}"));
                    }
                }
            }
        }
    }
    if let (Value::Array(items), Some(is)) = (v, obj.get("items")) {
        for (i, item) in items.iter().enumerate() {
            validate(root, is, item, &format!("{at}[{i}]"), errs);
        }
    }
}

fn errors(v: &Value) -> Vec<String> {
    let s = schema();
    let mut errs = Vec::new();
    validate(&s, &s, v, "$", &mut errs);
    errs
}

fn span(body: &str, text: &str) -> Span {
    let b = body.find(text).unwrap();
    Span::from_bytes(body, b, b + text.len())
}

fn full_record() -> Record {
    let body = "Thực hiện Nghị quyết số 12-NQ/TW ngày 16/1/2012, đồng chí Tạ Ngọc Phước, Bí thư Thị ủy Bỉm Sơn cho biết 157 đảng viên mới.".to_string();
    let entities = Entities {
        documents: vec![Document {
            kind: "nghị quyết".into(),
            number: Some("12".into()),
            code: Some("NQ".into()),
            issuer: Some("TW".into()),
            conference: Some(4),
            term: Some("XI".into()),
            date: Some("2012-01-16".into()),
            canonical: Some("12-NQ/TW".into()),
            span: span(&body, "Nghị quyết số 12-NQ/TW"),
        }],
        dates: vec![DateMention {
            value: "2012-01-16".into(),
            until: None,
            span: span(&body, "16/1/2012"),
        }],
        officials: vec![Official {
            name: "Tạ Ngọc Phước".into(),
            titles: vec!["Bí thư Thị ủy Bỉm Sơn".into()],
            span: span(&body, "Tạ Ngọc Phước"),
        }],
        localities: vec![Locality {
            name: "Bỉm Sơn".into(),
            level: Some("thị xã".into()),
            province: "Thanh Hóa".into(),
            code: Some("381".into()),
            span: span(&body, "Bỉm Sơn"),
        }],
        statistics: vec![Statistic {
            value: 157.0,
            unit: "đảng viên".into(),
            subject: None,
            year: None,
            span: span(&body, "157 đảng viên"),
            ..Default::default()
        }],
    };
    Record {
        url: Some("https://baothanhhoa.vn/a.html".into()),
        source: Some("baothanhhoa.vn".into()),
        title: Some("Tiêu đề".into()),
        published: Some("2013-06-16T20:09:00+07:00".into()),
        author: Some("NGUYỄN HUY".into()),
        body,
        province: Some("Thanh Hóa".into()),
        province_now: Some("Thanh Hóa".into()),
        entities,
        page_type: baochi::extract::page_type::PageType::Article,
        page_type_reason: "7 paragraphs, 2400 characters, dated".into(),
        duplicate_of: Some("0123456789abcdef".into()),
    }
}

#[test]
fn real_output_matches_the_schema() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for dir in ["corpus/seeds", "tests/fixtures/pages"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if !path.extension().is_some_and(|e| e == "txt" || e == "html") {
                continue;
            }
            for rec in
                baochi::extract::from_path(&path, Some("https://example.vn/bai.html")).unwrap()
            {
                let v = serde_json::to_value(&rec).unwrap();
                let errs = errors(&v);
                assert!(errs.is_empty(), "{}: {errs:?}", path.display());
                checked += 1;
            }
        }
    }
    assert!(checked >= 12);
    let errs = errors(&serde_json::to_value(full_record()).unwrap());
    assert!(errs.is_empty(), "{errs:?}");
}

#[test]
fn schema_names_every_field_of_the_record() {
    let s = schema();
    let v = serde_json::to_value(full_record()).unwrap();
    let top: Vec<&String> = v.as_object().unwrap().keys().collect();
    for k in top {
        assert!(s["properties"].get(k).is_some(), "schema lacks {k}");
        // The index sets `duplicate_of`; `extract` never prints it.
        let required = s["required"].as_array().unwrap().iter().any(|r| r == k);
        assert_eq!(required, k != "duplicate_of", "{k}: required is {required}");
    }
    for (list, def) in [
        ("documents", "document"),
        ("dates", "date"),
        ("officials", "official"),
        ("localities", "locality"),
        ("statistics", "statistic"),
    ] {
        for k in v["entities"][list][0].as_object().unwrap().keys() {
            assert!(
                s["$defs"][def]["properties"].get(k).is_some(),
                "schema {def} lacks {k}"
            );
            assert!(
                s["$defs"][def]["required"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|r| r == k),
                "{def}.{k} not required"
            );
        }
    }
}

#[test]
fn the_validator_rejects_bad_records() {
    let mut v = serde_json::to_value(full_record()).unwrap();
    v["published"] = Value::String("8/4/2012".into());
    v["entities"]["documents"][0]["conference"] = Value::String("4".into());
    v["entities"].as_object_mut().unwrap().remove("statistics");
    v["entities"]["dates"][0]["value"] = Value::String("16/1/2012".into());
    let errs = errors(&v);
    assert_eq!(errs.len(), 4, "{errs:?}");
}
