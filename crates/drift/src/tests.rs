use super::*;

const KNOWLEDGE: &str = r##"{
  "operations": {
    "get_thing": {
      "200": {"$ref": "#/components/schemas/Envelope"},
      "4XX": {"type": "object", "properties": {"detail": {"type": "string"}}},
      "404": {"type": "object", "required": ["code"], "properties": {"code": {"type": "integer"}}}
    },
    "no_body": {}
  },
  "schemas": {
    "Envelope": {
      "type": "object",
      "required": ["code"],
      "properties": {
        "code": {"oneOf": [{"type": "integer"}, {"type": "string"}]},
        "data": {"allOf": [{"$ref": "#/components/schemas/Thing"}], "nullable": true},
        "rows": {"type": "array", "nullable": true, "items": {"$ref": "#/components/schemas/Row"}},
        "labels": {"type": "object", "additionalProperties": {"type": "string"}},
        "free": {"type": "object"},
        "open": {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": true}
      }
    },
    "Thing": {
      "type": "object",
      "required": ["id", "name"],
      "properties": {
        "id": {"type": "string"},
        "name": {"type": "string"},
        "state": {"type": "integer", "nullable": true, "x-extensible-enum": [0, 1, 2]},
        "kind": {"type": "string", "enum": ["A", "B"]},
        "note": {"type": "string"},
        "text": {"type": "string", "format": "lenient-text"},
        "api_token": {"type": "integer"}
      }
    },
    "Row": {
      "type": "object",
      "properties": {"ShowType": {"oneOf": [{"type": "integer"}, {"type": "string"}], "x-extensible-enum": [0, 6]}}
    }
  }
}"##;

fn checker() -> Checker {
    Checker::from_knowledge(Provider::Nd, KNOWLEDGE).expect("valid knowledge")
}

fn kinds(f: &Findings) -> Vec<(Kind, &str)> {
    f.items.iter().map(|i| (i.kind, i.path.as_str())).collect()
}

const CLEAN: &str = r#"{"code": 0, "data": {"id": "1", "name": "n", "state": 1, "kind": "A", "note": null, "text": 5},
  "rows": [{"ShowType": 0}, {"ShowType": "6"}], "labels": {"x": "y"}, "free": {"anything": [1]},
  "open": {"a": "b", "z": 1}}"#;

#[test]
fn a_body_matching_the_spec_has_no_findings() {
    let f = checker().check("get_thing", 200, CLEAN.as_bytes());
    assert_eq!(f.outcome, Outcome::Checked);
    assert_eq!(f.items, vec![]);
    // `data: null` is allowed (nullable wrapper around the $ref), and so is a string code (oneOf).
    let f = checker().check("get_thing", 200, br#"{"code": "0", "data": null, "rows": null}"#);
    assert_eq!(f.items, vec![]);
}

#[test]
fn each_kind_is_found_at_its_path() {
    let body = r#"{"code": true, "data": {"id": 7, "name": null, "state": 9, "kind": "C", "extra": {"k": 1}},
      "rows": [{"ShowType": 99}, {"ShowType": 0, "New": null}, {"ShowType": 99}], "labels": {"x": 1}}"#;
    let f = checker().check("get_thing", 200, body.as_bytes());
    assert_eq!(
        kinds(&f),
        vec![
            (Kind::ChangedType, "code"),
            (Kind::AddedProperty, "data.extra"),
            (Kind::ChangedType, "data.id"),
            (Kind::UnknownEnumValue, "data.kind"),
            (Kind::NullRequired, "data.name"),
            (Kind::UnknownEnumValue, "data.state"),
            (Kind::ChangedType, "labels.*"),
            (Kind::UnknownEnumValue, "rows[].ShowType"),
            (Kind::AddedProperty, "rows[].New"),
            (Kind::UnknownEnumValue, "rows[].ShowType"),
        ]
    );
    let code = &f.items[0];
    assert_eq!(code.expected.as_deref(), Some("integer|string"));
    assert_eq!(code.found, "boolean");
    assert_eq!(f.items[1].schema.as_deref(), Some("Thing"));
    assert_eq!(f.items[1].example.as_deref(), Some(r#"{"k":1}"#));
    let f = checker().check("get_thing", 200, br#"{"data": {"name": "x"}}"#);
    assert_eq!(kinds(&f), vec![(Kind::MissingRequired, "data.id"), (Kind::MissingRequired, "code")]);
}

#[test]
fn statuses_resolve_exact_then_range_and_unknown_cases_are_not_drift() {
    let c = checker();
    assert_eq!(
        kinds(&c.check("get_thing", 404, br#"{"detail": "x"}"#)),
        vec![(Kind::AddedProperty, "detail"), (Kind::MissingRequired, "code")]
    );
    assert!(c.check("get_thing", 403, br#"{"detail": "x"}"#).is_empty());
    assert_eq!(c.check("get_thing", 500, b"{}").outcome, Outcome::NoSchema);
    assert_eq!(c.check("no_body", 200, b"{}").outcome, Outcome::NoSchema);
    assert_eq!(c.check("nope", 200, b"{}").outcome, Outcome::UnknownOperation);
    assert_eq!(c.check("get_thing", 200, b"<html>").outcome, Outcome::NotJson);
}

#[test]
fn the_report_counts_bodies_and_occurrences_and_redacts_secrets() {
    let c = checker();
    let mut r = Report::new(Provider::Nd);
    let drifted = r#"{"code": 0, "data": {"id": "1", "name": "n", "api_token": "sk-live-SENTINEL-0123456789"},
       "rows": [{"ShowType": 99}, {"ShowType": 98}], "fresh": "a very long value that goes on and on and on for sure"}"#;
    for _ in 0..3 {
        r.add(&c.check("get_thing", 200, drifted.as_bytes()));
    }
    r.add(&c.check("get_thing", 200, CLEAN.as_bytes()));
    r.add(&c.check("get_thing", 200, br#"{"code": 0, "fresh": null}"#));
    r.add_warning("birthday", "not a date: 1990-13-45");
    r.add_warning("birthday", "not a date: x");
    let r = r.sorted();
    assert_eq!((r.bodies, r.checked), (5, 5));
    assert!(r.has_drift());
    let summary: Vec<(Kind, &str, u64, u64)> =
        r.findings.iter().map(|e| (e.kind, e.path.as_str(), e.bodies, e.occurrences)).collect();
    assert_eq!(
        summary,
        vec![
            (Kind::AddedProperty, "fresh", 4, 4),
            (Kind::ChangedType, "data.api_token", 3, 3),
            (Kind::UnknownEnumValue, "rows[].ShowType", 3, 6),
        ]
    );
    let fresh = &r.findings[0];
    assert_eq!(fresh.inferred_type(), "string");
    assert!(fresh.null_seen());
    assert_eq!(fresh.examples[0].chars().count(), EXAMPLE_CHARS);
    assert!(fresh.examples[0].ends_with('…'));
    let json = serde_json::to_string(&r).unwrap();
    assert!(!json.contains("SENTINEL"), "{json}");
    assert!(json.contains("<redacted>"));
    assert_eq!(
        r.warnings,
        vec![WarningEntry { field: "birthday".into(), count: 2, example: "not a date: 1990-13-45".into() }]
    );
    let yaml = r.suggest();
    assert!(
        yaml.contains("\"fresh\":\n  type: string\n  nullable: true\n  example: '\"a very long"),
        "{yaml}"
    );
    assert!(
        yaml.contains("# fresh (4 of 5 bodies) — add under components.schemas.Envelope.properties:"),
        "{yaml}"
    );
}

#[test]
fn the_generated_knowledge_loads_for_every_provider() {
    for p in [Provider::Pluuug, Provider::Gofive, Provider::Eshouhou, Provider::Nd] {
        let c = Checker::new(p);
        let op = Checker::customer_operation(p);
        assert!(c.operations().any(|o| o == op), "{p}: no {op}");
        assert_eq!(c.check(op, 200, b"{}").outcome, Outcome::Checked, "{p}");
    }
}

#[test]
fn nd_real_spec_added_property_in_a_bare_body() {
    let c = Checker::new(Provider::Nd);
    let f = c.check("get_customer_detail", 200, br#"{"id": "1", "name": "ACME", "brandNew": 3}"#);
    assert_eq!(kinds(&f), vec![(Kind::AddedProperty, "brandNew")]);
    assert_eq!(f.items[0].found, "integer");
}

/// Both paths of [`Checker::check`] over `body`: the borrowed tree and the `Value` walk.
fn assert_paths_agree(c: &Checker, op: &str, status: u16, body: &[u8]) {
    let fast = c.check(op, status, body);
    let slow = c.check_through_value(op, status, body);
    assert_eq!(fast, slow, "{op} {status}: {}", String::from_utf8_lossy(body));
}

/// JSON text of `v` with every key written twice (`alt` first, or last when `alt_last`) and,
/// when `escape`, every string and key character as a `\u` escape.
fn odd_text(v: &Value, alt: &Value, alt_last: bool, escape: bool) -> String {
    let s = |t: &str| {
        if escape {
            let mut out = String::from("\"");
            for u in t.encode_utf16() {
                out.push_str(&format!("\\u{u:04x}"));
            }
            out.push('"');
            out
        } else {
            serde_json::to_string(t).unwrap()
        }
    };
    match v {
        Value::String(t) => s(t),
        Value::Array(a) => {
            let items: Vec<String> = a.iter().map(|e| odd_text(e, alt, alt_last, escape)).collect();
            format!("[{}]", items.join(","))
        }
        Value::Object(o) => {
            let mut entries = Vec::new();
            for (k, e) in o {
                let real = format!("{}:{}", s(k), odd_text(e, alt, alt_last, escape));
                let other = format!("{}:{}", s(k), serde_json::to_string(alt).unwrap());
                if alt_last {
                    entries.extend([real, other]);
                } else {
                    entries.extend([other, real]);
                }
            }
            format!("{{{}}}", entries.join(","))
        }
        other => other.to_string(),
    }
}

/// JSON pointers of every value in `v` (the root included).
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            for (k, e) in o {
                pointers(e, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(a) => {
            for (i, e) in a.iter().enumerate() {
                pointers(e, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

/// Bodies derived from `v`: each value replaced by another type, an unknown enum value, a number
/// as a string, `null`, wrapped in an array; each key removed; a key added to each object; every
/// key duplicated; every string escaped.
fn mutations(v: &Value) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut ptrs = Vec::new();
    pointers(v, String::new(), &mut ptrs);
    let replacements = |old: &Value| -> Vec<Value> {
        let mut r = vec![
            Value::Null,
            serde_json::json!(true),
            serde_json::json!(7),
            serde_json::json!(-7.5),
            serde_json::json!("UNKNOWN_VALUE_X"),
            serde_json::json!("Bearer abc.def"),
            serde_json::json!({"fresh": [1, {"x": null}]}),
            serde_json::json!([old.clone(), old.clone()]),
        ];
        match old {
            Value::Number(n) => r.push(Value::String(format!(" {n} "))),
            Value::String(s) => {
                r.push(serde_json::from_str::<Value>(s.trim()).unwrap_or(Value::Null));
                r.push(Value::String(format!("{s}\"\\\u{1}\u{e9}")));
            }
            _ => {}
        }
        r
    };
    for p in &ptrs {
        let old = v.pointer(p).cloned().unwrap_or(Value::Null);
        for new in replacements(&old) {
            let mut m = v.clone();
            if let Some(slot) = m.pointer_mut(p) {
                *slot = new;
            }
            out.push(serde_json::to_vec(&m).unwrap());
        }
        if let Some(Value::Object(_)) = v.pointer(p) {
            let mut m = v.clone();
            if let Some(Value::Object(o)) = m.pointer_mut(p) {
                o.insert("zzBrandNew".into(), serde_json::json!({"a": "b"}));
                o.insert("aaBrandNew".into(), serde_json::json!([1, 2.5, "x"]));
                o.insert("session_id".into(), serde_json::json!("s3cr3t"));
            }
            out.push(serde_json::to_vec(&m).unwrap());
        }
        if let Some((parent, key)) = p.rsplit_once('/') {
            let mut m = v.clone();
            match m.pointer_mut(parent) {
                Some(Value::Object(o)) => {
                    o.remove(&key.replace("~1", "/").replace("~0", "~"));
                }
                Some(Value::Array(a)) => {
                    a.clear();
                }
                _ => {}
            }
            out.push(serde_json::to_vec(&m).unwrap());
        }
    }
    for (alt, alt_last, escape) in [
        (Value::Null, false, false),
        (Value::Null, true, false),
        (serde_json::json!(["dup"]), true, true),
        (serde_json::json!(["dup"]), false, true),
    ] {
        out.push(odd_text(v, &alt, alt_last, escape).into_bytes());
    }
    out
}

fn nested(open: &str, close: &str, depth: usize, inner: &str) -> Vec<u8> {
    format!("{}{inner}{}", open.repeat(depth), close.repeat(depth)).into_bytes()
}

/// Bodies any schema should see: syntax errors, depth limits, odd numbers, serde_json's private
/// keys, bodies past the findings cap.
fn odd_bodies() -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = [
        "",
        "  \n",
        "{",
        "[1,",
        "<html>",
        "{\"a\":}",
        "{} x",
        "{\"a\" 1}",
        "nul",
        "\"\\uD800\"",
        "\"\\x\"",
        "null",
        "true",
        "0",
        "-0",
        "1.0",
        "1e2",
        "-1e-400",
        "1e400",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775809",
        "\"6\"",
        "[]",
        "{}",
        "{\"\": 1}",
        "{\"$serde_json::private::RawValue\": \"[1]\"}",
        "{\"$serde_json::private::RawValue\": \"not json\"}",
        "{\"a\": 1, \"$serde_json::private::Number\": \"1\"}",
        "{\"$serde_json::private::RawValue\": 1}",
        "{\"a\": 1, \"a\": 2, \"a\": null, \"b\": 1, \"a\": \"x\"}",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    for depth in [126, 127, 128, 129, 200] {
        out.push(nested("[", "]", depth, ""));
        out.push(nested("{\"a\":", "}", depth, "1"));
        out.push(nested("{\"data\":[", "]}", depth / 2, "{}"));
    }
    let many: Vec<String> = (0..300).map(|i| format!("\"k{i:03}\": {i}")).collect();
    out.push(format!("{{{}}}", many.join(",")).into_bytes());
    let rows: Vec<String> = (0..300).map(|i| format!("{{\"ShowType\": {i}, \"New{i}\": null}}")).collect();
    out.push(
        format!("{{\"rows\": [{}], \"ResultValue\": [{}]}}", rows.join(","), rows.join(",")).into_bytes(),
    );
    let wide: Vec<String> = (0..50).map(|i| format!("\"w{i}\": [{i}]")).collect();
    out.push(format!("{{\"zz\": {{{}}}, \"yy\": [{}]}}", wide.join(","), "1,".repeat(60) + "1").into_bytes());
    out
}

fn fixtures(dir: &str) -> Vec<(String, Vec<u8>)> {
    let root =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../customer-core/tests/fixtures").join(dir);
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&root).unwrap_or_else(|e| panic!("{}: {e}", root.display())) {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "json") {
            out.push((path.display().to_string(), std::fs::read(&path).unwrap()));
        }
    }
    out.sort();
    assert!(!out.is_empty(), "no fixtures in {}", root.display());
    out
}

fn redact_x(s: &str) -> String {
    s.replace('x', "#")
}

#[test]
fn fast_path_equals_the_value_walk() {
    assert!(body::map_is_sorted(), "serde_json's preserve_order is on: the fast path is never taken");
    // The unit schema, every body the tests above use, mutated.
    let c = checker();
    let redacting = checker().with_redactor(redact_x);
    let mut bodies: Vec<Vec<u8>> = vec![CLEAN.as_bytes().to_vec()];
    bodies.push(
        br#"{"code": true, "data": {"id": 7, "name": null, "state": 9, "kind": "C", "extra": {"k": 1}},
      "rows": [{"ShowType": 99}, {"ShowType": 0, "New": null}, {"ShowType": 99}], "labels": {"x": 1}}"#
            .to_vec(),
    );
    bodies.push(
        br#"{"code": 0, "data": {"id": "1", "name": "n", "api_token": "sk-live-SENTINEL-0123456789"},
       "rows": [{"ShowType": 99}, {"ShowType": 98}], "fresh": "a very long value that goes on and on and on for sure"}"#
            .to_vec(),
    );
    let mut all = Vec::new();
    for b in &bodies {
        all.push(b.clone());
        all.extend(mutations(&serde_json::from_slice(b).unwrap()));
    }
    all.extend(odd_bodies());
    for b in &all {
        for status in [200, 404, 403, 500] {
            assert_paths_agree(&c, "get_thing", status, b);
        }
        assert_paths_agree(&redacting, "get_thing", 200, b);
        assert_paths_agree(&c, "no_body", 200, b);
        assert_paths_agree(&c, "nope", 200, b);
    }
    // Every provider's fixtures (the benches' among them) against every operation, and mutated
    // against the customer operation.
    let providers = [
        (Provider::Pluuug, &["pluuug", "pluuug_list"][..]),
        (Provider::Gofive, &["gofive"][..]),
        (Provider::Eshouhou, &["eshouhou"][..]),
        (Provider::Nd, &["nd", "nd_list"][..]),
    ];
    let odd = odd_bodies();
    for (p, dirs) in providers {
        let c = Checker::new(p);
        let op = Checker::customer_operation(p);
        let ops: Vec<String> = c.operations().map(str::to_string).collect();
        for dir in dirs {
            for (name, body) in fixtures(dir) {
                assert!(body::parse(&body).is_ok(), "{name}: fast path not taken");
                for o in &ops {
                    for status in [200, 400, 404, 500] {
                        assert_paths_agree(&c, o, status, &body);
                    }
                }
                for m in mutations(&serde_json::from_slice(&body).unwrap()) {
                    assert_paths_agree(&c, op, 200, &m);
                }
            }
        }
        for b in &odd {
            assert_paths_agree(&c, op, 200, b);
        }
    }
}

#[test]
fn the_borrowed_tree_mirrors_serde_json_maps() {
    // Keys sorted, the last duplicate kept, escaped text decoded, the same compact JSON.
    let text = br#"{"b": 1, "a": {"y": [1, 2.5, "\u0041"], "x": null}, "b": "last", "\u0063": true}"#;
    let doc = body::parse(text).unwrap();
    let fast = doc.root();
    let slow: Value = serde_json::from_slice(text).unwrap();
    assert!(fast.equals(&slow));
    assert_eq!(fast.compact(), slow.compact());
    let keys: Vec<&str> = fast.entries().map(|(k, _)| k).collect();
    assert_eq!(keys, ["a", "b", "c"]);
    assert!(fast.has_key("c") && !fast.has_key("d"));
    let (_, a) = fast.entries().next().unwrap();
    let x: Vec<String> = a.entries().flat_map(|(_, v)| v.elems()).map(|e| e.compact()).collect();
    assert_eq!(x, ["1", "2.5", "\"A\""]);
    // Strings without escapes borrow from the bytes.
    let bytes: &[u8] = br#"{"k": "text"}"#;
    let plain = body::parse(bytes).unwrap();
    let (_, v) = plain.root().entries().next().unwrap();
    assert_eq!(v.as_text(), Some("text"));
    assert!(bytes.as_ptr_range().contains(&v.as_text().unwrap().as_ptr()));
    // serde_json's private marker keys send the body to the `Value` path.
    assert!(body::parse(br#"{"$serde_json::private::RawValue": "[1]"}"#).is_err());
}
