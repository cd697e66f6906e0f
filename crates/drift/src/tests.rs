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
