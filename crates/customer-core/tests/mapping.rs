//! Snapshot tests of every mapping: each documented example of the specs' customer-detail
//! operation and each fixture under `tests/fixtures/<provider>/`, decoded the way the provider
//! crate decodes it, mapped, and snapshotted without `raw` (raw is checked in `raw_body.rs`).
//! Plus targeted checks of the contract's rules that must hold whatever the snapshots say.

mod common;

use common::{decode_and_map, fixtures, spec_examples};
use customer_core::{CustomFieldKind, Customer, LifecycleStage, PhoneKind, Provider, Status, UserRole};
use serde_json::{Value, json};

fn map(provider: Provider, body: &[u8]) -> Customer {
    decode_and_map(provider, body).unwrap_or_else(|e| panic!("{provider}: body does not decode: {e}"))
}

fn snapshot_spec_examples(provider: Provider) {
    let examples = spec_examples(provider);
    assert!(!examples.is_empty(), "{provider}: the spec documents no example");
    for (name, body) in examples {
        let customer = map(provider, &body).without_raw();
        insta::assert_json_snapshot!(format!("{provider}__spec__{name}"), customer);
    }
}

#[test]
fn pluuug_spec_examples() {
    snapshot_spec_examples(Provider::Pluuug);
}

#[test]
fn gofive_spec_examples() {
    snapshot_spec_examples(Provider::Gofive);
}

#[test]
fn eshouhou_spec_examples() {
    snapshot_spec_examples(Provider::Eshouhou);
}

#[test]
fn nd_spec_examples() {
    snapshot_spec_examples(Provider::Nd);
}

#[test]
fn pluuug_fixtures() {
    insta::glob!("fixtures/pluuug/*.json", |path| {
        let body = std::fs::read(path).expect("fixture");
        insta::assert_json_snapshot!(map(Provider::Pluuug, &body).without_raw());
    });
}

#[test]
fn gofive_fixtures() {
    insta::glob!("fixtures/gofive/*.json", |path| {
        let body = std::fs::read(path).expect("fixture");
        insta::assert_json_snapshot!(map(Provider::Gofive, &body).without_raw());
    });
}

#[test]
fn eshouhou_fixtures() {
    insta::glob!("fixtures/eshouhou/*.json", |path| {
        let body = std::fs::read(path).expect("fixture");
        insta::assert_json_snapshot!(map(Provider::Eshouhou, &body).without_raw());
    });
}

#[test]
fn nd_fixtures() {
    insta::glob!("fixtures/nd/*.json", |path| {
        let body = std::fs::read(path).expect("fixture");
        insta::assert_json_snapshot!(map(Provider::Nd, &body).without_raw());
    });
}

fn all_bodies() -> Vec<(Provider, String, Vec<u8>)> {
    let mut out = Vec::new();
    for provider in Provider::ALL {
        for (name, body) in spec_examples(provider) {
            out.push((provider, format!("spec {name}"), body));
        }
        for (name, body) in fixtures(provider) {
            out.push((provider, format!("fixture {name}"), body));
        }
    }
    out
}

const CONTRACT_KEYS: &[&str] = &[
    "provider",
    "id",
    "code",
    "name",
    "other_names",
    "party_kind",
    "lifecycle_stage",
    "status",
    "description",
    "owner",
    "collaborators",
    "contacts",
    "phones",
    "emails",
    "addresses",
    "tax_ids",
    "billing",
    "representative",
    "industry",
    "tags",
    "lead_source",
    "level",
    "financials",
    "custom_fields",
    "created_at",
    "last_activity_at",
    "extra",
    "warnings",
];

#[test]
fn every_contract_key_is_always_present_and_lists_are_never_null() {
    for (provider, name, body) in all_bodies() {
        let json = serde_json::to_value(map(provider, &body).without_raw()).unwrap();
        let keys: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
        let mut want = CONTRACT_KEYS.to_vec();
        want.sort_unstable();
        let mut got = keys.clone();
        got.sort_unstable();
        assert_eq!(got, want, "{provider} {name}");
        for list in ["other_names", "collaborators", "contacts", "phones", "emails", "addresses", "tax_ids"] {
            assert!(json[list].is_array(), "{provider} {name}: {list} is {}", json[list]);
        }
        for list in ["industry", "tags", "custom_fields", "warnings"] {
            assert!(json[list].is_array(), "{provider} {name}: {list} is {}", json[list]);
        }
        assert!(json["extra"].is_object());
        assert_eq!(json["provider"], json!(provider.as_str()));
    }
}

#[test]
fn serialized_keys_follow_the_contract_order() {
    let json = serde_json::to_string(&Customer::new(Provider::Nd, "1", "x")).unwrap();
    let mut last = 0;
    for key in CONTRACT_KEYS {
        let at = json.find(&format!("\"{key}\":")).unwrap_or_else(|| panic!("{key} missing"));
        assert!(at >= last, "{key} out of order in {json}");
        last = at;
    }
    assert!(!json.contains("\"raw\""), "raw must be omitted when None: {json}");
}

#[test]
fn the_schema_requires_every_contract_key_and_not_raw() {
    let schema = customer_core::json_schema();
    let required: Vec<&str> =
        schema["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(required, CONTRACT_KEYS);
    assert!(schema["properties"]["raw"].is_object(), "raw is described");
    let stages: Vec<&Value> =
        schema["$defs"]["LifecycleStage"]["oneOf"].as_array().unwrap().iter().map(|v| &v["const"]).collect();
    assert_eq!(stages, [&json!("lead"), &json!("prospect"), &json!("customer"), &json!("other")]);
}

/// No provider sends an empty string into the unified fields: empty means absent.
#[test]
fn no_unified_string_is_empty_except_a_missing_name() {
    fn walk(path: &str, v: &Value, found: &mut Vec<String>) {
        match v {
            Value::String(s) if s.trim().is_empty() && path != "name" => found.push(path.to_string()),
            Value::Array(items) => {
                items.iter().enumerate().for_each(|(i, x)| walk(&format!("{path}[{i}]"), x, found))
            }
            Value::Object(o) => o.iter().for_each(|(k, x)| walk(&format!("{path}.{k}"), x, found)),
            _ => {}
        }
    }
    for (provider, name, body) in all_bodies() {
        let json = serde_json::to_value(map(provider, &body).without_raw()).unwrap();
        let mut found = Vec::new();
        for (k, v) in json.as_object().unwrap() {
            if k != "name" {
                walk(k, v, &mut found);
            }
        }
        assert!(found.is_empty(), "{provider} {name}: empty strings at {found:?}");
    }
}

#[test]
fn a_missing_name_is_empty_with_a_warning() {
    for (provider, name, body) in all_bodies() {
        let c = map(provider, &body);
        if c.name.is_empty() {
            assert!(c.warnings.iter().any(|w| w.field == "name"), "{provider} {name}");
        }
    }
}

/// Compares what was sent at `path` (`a`, `list[].key`) of `sent` with what `extra` holds at the
/// same place; counts the values sent.
fn compare_at(at: &str, path: &[&str], sent: &Value, got: Option<&Value>, seen: &mut usize) -> Vec<String> {
    let Some((segment, rest)) = path.split_first() else {
        let absent = sent.is_null() || sent.as_str().is_some_and(|s| s.trim().is_empty());
        if absent {
            return got.map(|g| format!("{at}: nothing was sent, extra has {g}")).into_iter().collect();
        }
        *seen += 1;
        return (got != Some(sent))
            .then(|| {
                format!("{at}: sent {sent}, extra has {}", got.map_or("nothing".into(), Value::to_string))
            })
            .into_iter()
            .collect();
    };
    match segment.strip_suffix("[]") {
        Some(list) => {
            let items = sent.get(list).and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
            let got = got.and_then(|g| g.get(list));
            (items.iter().enumerate())
                .flat_map(|(i, item)| {
                    let at = format!("{at}{list}[{i}].");
                    compare_at(&at, rest, item, got.and_then(|g| g.get(i)), seen)
                })
                .collect()
        }
        None => compare_at(
            &format!("{at}{segment}"),
            rest,
            &sent[*segment],
            got.and_then(|g| g.get(*segment)),
            seen,
        ),
    }
}

/// Every entry a module lists in `TO_EXTRA` lands in `extra` at the same path, value as sent,
/// whenever the provider sent a value, and only then; and every entry is exercised by some body.
#[test]
fn to_extra_keys_land_in_extra_value_as_sent() {
    for (provider, to_extra) in [
        (Provider::Pluuug, customer_core::pluuug::TO_EXTRA),
        (Provider::Gofive, customer_core::gofive::TO_EXTRA),
        (Provider::Nd, customer_core::nd::TO_EXTRA),
    ] {
        let mut seen = vec![0; to_extra.len()];
        for (_, name, body) in all_bodies().into_iter().filter(|(p, _, _)| *p == provider) {
            let sent: Value = serde_json::from_slice(&body).unwrap();
            let record = match provider {
                Provider::Gofive => &sent["data"],
                Provider::Nd if sent["code"].is_i64() => &sent["data"],
                _ => &sent,
            };
            let extra = Value::Object(map(provider, &body).extra);
            for (entry, seen) in to_extra.iter().zip(&mut seen) {
                let path: Vec<&str> = entry.split('.').collect();
                let problems = compare_at("", &path, record, Some(&extra), seen);
                assert!(problems.is_empty(), "{provider} {name}: {problems:#?}");
            }
        }
        for (entry, seen) in to_extra.iter().zip(seen) {
            assert!(seen > 0, "{provider}: no fixture or spec example sends `{entry}`; add one");
        }
    }

    let body = include_bytes!("fixtures/eshouhou/full_company.json");
    let sent: Value = serde_json::from_slice(body).unwrap();
    let c = map(Provider::Eshouhou, body);
    for key in customer_core::eshouhou::TO_EXTRA {
        let row = sent["ResultValue"].as_array().unwrap().iter().find(|r| r["Key"] == json!(key));
        assert_eq!(c.extra.get(*key), row.map(|r| &r["Value"]), "eshouhou: extra.{key}");
    }
}

/// A key the spec does not know is not decoded, so it is not in `extra`: it is in `raw`, the body
/// exactly as received (and the coverage gate fails the day the spec gains it).
#[test]
fn fields_the_spec_does_not_know_stay_in_raw_not_in_extra() {
    let raw = |c: &Customer| -> Value { serde_json::from_slice(c.raw().unwrap().as_bytes()).unwrap() };

    let c = map(Provider::Pluuug, include_bytes!("fixtures/pluuug/unknown_keys.json"));
    let body = raw(&c);
    assert_eq!(body["clientGroup"], json!({"id": 4, "name": "공공기관"}));
    assert_eq!(body["isFavorite"], json!(true));
    assert_eq!(body["status"]["color"], json!("#22aa55"));
    assert_eq!(body["fieldSet"][0]["field"]["required"], json!(true));
    assert_eq!(body["fieldSet"][0]["updated"], json!("2025-02-12T01:00:00Z"));
    assert!(!c.extra.contains_key("memo2"), "empty strings are absent");
    assert!(c.extra.is_empty(), "{:?}", c.extra);
    assert_eq!(c.custom_fields[0].value, json!("전라남도 나주시"), "known keys beside them still map");

    let c = map(Provider::Gofive, include_bytes!("fixtures/gofive/unknown_values.json"));
    let body = raw(&c);
    assert_eq!(body["data"]["customerPosition"], json!("เจ้าของกิจการ"));
    assert_eq!(body["data"]["customerGender"], json!(2));
    // Both are in the spec now (Gofive's C# model), so they land in `extra` as sent.
    assert_eq!(c.extra["customerPosition"], json!("เจ้าของกิจการ"));
    assert_eq!(c.extra["customerGender"], json!(2));
    assert_eq!(c.extra["leadStatus"], json!(9), "TO_EXTRA keys beside them still land");

    let c = map(Provider::Nd, include_bytes!("fixtures/nd/unknown_values.json"));
    let body = raw(&c);
    assert_eq!(body["address"], json!("莲都区丽阳街 88 号"));
    assert_eq!(body["levelId"], json!(5));
    assert!(!c.extra.contains_key("address") && !c.extra.contains_key("levelId"));
    assert_eq!(c.extra["partnerRelationship"], json!("strategic"));
}

#[test]
fn gofive_reads_contacts_and_contact_and_both() {
    let contacts = map(Provider::Gofive, include_bytes!("fixtures/gofive/contacts_key_full.json"));
    let contact = map(Provider::Gofive, include_bytes!("fixtures/gofive/contact_key_individual.json"));
    let both = map(Provider::Gofive, include_bytes!("fixtures/gofive/both_contact_keys.json"));
    assert_eq!(contacts.contacts.len(), 1);
    assert_eq!(contact.contacts.len(), 1);
    assert_eq!(contact.contacts[0].name.as_deref(), Some("ธนากร สุขใจ"));
    let names: Vec<_> = both.contacts.iter().map(|c| c.name.clone().unwrap()).collect();
    assert_eq!(names, ["สมศรี ทองดี", "วิชัย ทองดี"]);
    assert_eq!(both.extra["contacts"], json!([{"contactStatus": true}]));
    assert_eq!(both.extra["contact"], json!([{"contactStatus": false}]));
}

#[test]
fn gofive_enums_and_owners() {
    let c = map(Provider::Gofive, include_bytes!("fixtures/gofive/contacts_key_full.json"));
    assert_eq!(c.lifecycle_stage.as_ref().map(|s| s.normalized), Some(LifecycleStage::Prospect));
    assert_eq!(c.status.as_ref().map(|s| (s.normalized, s.native.as_str())), Some((Status::Active, "0")));
    assert_eq!(c.owner.as_ref().and_then(|o| o.id.as_deref()), Some("EMP0031"));
    assert_eq!(c.owner.as_ref().map(|o| o.role), Some(UserRole::Owner));
    let collaborators: Vec<_> = c.collaborators.iter().map(|u| (u.id.as_deref(), u.role)).collect();
    assert_eq!(collaborators, [(Some("EMP0008"), UserRole::Collaborator)]);
    assert_eq!(c.tax_ids[0].value, "0107547000123");
    assert_eq!(c.financials.as_ref().and_then(|f| f.credit_limit.as_deref()), Some("5000000.00"));

    let legacy = map(Provider::Gofive, include_bytes!("fixtures/gofive/contact_key_individual.json"));
    assert_eq!(legacy.lifecycle_stage.as_ref().map(|s| s.normalized), Some(LifecycleStage::Customer));
    assert_eq!(
        legacy.contacts[0].birthdate.as_deref(),
        Some("1990-01-15"),
        "UTC midnight-shift read at +07:00"
    );

    let unknown = map(Provider::Gofive, include_bytes!("fixtures/gofive/unknown_state.json"));
    let stage = unknown.lifecycle_stage.unwrap();
    assert_eq!((stage.normalized, stage.native.as_str(), stage.label), (LifecycleStage::Other, "4", None));
    assert_eq!(unknown.party_kind, None);
    let fields: Vec<_> = unknown.warnings.iter().map(|w| w.field.as_str()).collect();
    assert!(fields.contains(&"lifecycle_stage") && fields.contains(&"party_kind"), "{fields:?}");
}

#[test]
fn eshouhou_string_and_integer_show_types_read_the_same() {
    let strings = map(Provider::Eshouhou, include_bytes!("fixtures/eshouhou/string_types.json"));
    assert_eq!(strings.tags, ["酒店", "连锁"]);
    let prefs = strings.custom_fields.iter().find(|f| f.name == "服务偏好").unwrap();
    assert_eq!((prefs.kind, &prefs.value), (CustomFieldKind::MultiChoice, &json!(["上门", "夜间"])));

    let ints = map(Provider::Eshouhou, include_bytes!("fixtures/eshouhou/full_company.json"));
    assert_eq!(ints.tags, ["VIP客户", "维保客户"]);
    let industry = ints.custom_fields.iter().find(|f| f.name == "行业标签").unwrap();
    assert_eq!(
        (industry.kind, &industry.value),
        (CustomFieldKind::MultiChoice, &json!(["电子制造", "自动化"]))
    );
    assert_eq!(ints.contacts[0].phones[0].kind, PhoneKind::Mobile);
    assert_eq!(ints.phones[0].kind, PhoneKind::Landline);
    assert_eq!(ints.created_at.as_deref(), Some("2020-11-03T08:05:00+08:00"));
    assert_eq!(ints.last_activity_at.as_deref(), Some("2024-06-30"));
}

#[test]
fn eshouhou_keeps_unknown_keys_and_repeats_as_custom_fields() {
    let c = map(Provider::Eshouhou, include_bytes!("fixtures/eshouhou/unknown_keys_and_repeats.json"));
    assert_eq!(c.description.as_deref(), Some("第一条备注"));
    assert_eq!(c.extra["默认服务网点"], json!("北京朝阳服务站"));
    let names: Vec<_> = c.custom_fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["备注", "默认服务网点", "row 6", "合同编号", "签约日期", "客户签名"]);
    assert!(c.custom_fields.iter().all(|f| f.kind == CustomFieldKind::Text));
    assert_eq!(c.created_at.as_deref(), Some("2021-06-08"), "2021年6月8日");
    assert_eq!(c.last_activity_at, None, "2024-02-30 is no date");
    let fields: Vec<_> = c.warnings.iter().map(|w| w.field.as_str()).collect();
    assert!(!fields.contains(&"created_at") && fields.contains(&"last_activity_at"), "{fields:?}");
}

#[test]
fn nd_area_code_string_and_array_give_the_same_regions() {
    let region = |body: &[u8]| {
        let c = map(Provider::Nd, body);
        c.addresses[0].region.iter().map(|r| (r.name.clone(), r.code.clone())).collect::<Vec<_>>()
    };
    let array = region(include_bytes!("fixtures/nd/area_code_array_bare.json"));
    assert_eq!(array[2], ("鹿城区".to_string(), Some("330302".to_string())));
    let list = region(include_bytes!("fixtures/nd/area_code_list_string.json"));
    assert_eq!(list.iter().map(|r| r.1.clone().unwrap()).collect::<Vec<_>>(), ["33", "3302", "330206"]);
    let single = region(include_bytes!("fixtures/nd/area_code_single_string_wrapped.json"));
    assert_eq!(single.iter().map(|r| r.1.clone().unwrap()).collect::<Vec<_>>(), ["33", "3301", "330108"]);
    let padded = region(include_bytes!("fixtures/nd/area_code_province_padded.json"));
    assert_eq!(padded.iter().map(|r| r.1.clone()).collect::<Vec<_>>(), [Some("33".to_string()), None, None]);

    let mismatch = map(Provider::Nd, include_bytes!("fixtures/nd/area_code_mismatch.json"));
    assert!(mismatch.addresses[0].region.iter().all(|r| r.code.is_none()));
    assert_eq!(mismatch.extra["areaCode"], json!(["33", "3306"]));
    let orphan = map(Provider::Nd, include_bytes!("fixtures/nd/codes_without_names.json"));
    assert!(orphan.addresses.is_empty());
    assert_eq!(orphan.extra["areaCode"], json!(["33", "3304"]));
}

#[test]
fn nd_money_as_number_or_string_is_a_decimal_string() {
    let numbers =
        map(Provider::Nd, include_bytes!("fixtures/nd/area_code_array_bare.json")).financials.unwrap();
    assert_eq!(numbers.total_turnover.as_deref(), Some("3280000.5"));
    assert_eq!(numbers.outstanding_receivables.as_deref(), Some("120000"));
    assert_eq!(numbers.retention_money.as_deref(), Some("0.1"));
    assert_eq!(numbers.transaction_count, Some(7));
    let strings = map(Provider::Nd, include_bytes!("fixtures/nd/area_code_single_string_wrapped.json"))
        .financials
        .unwrap();
    assert_eq!(strings.total_turnover.as_deref(), Some("1580000.00"));
    assert_eq!(strings.outstanding_receivables.as_deref(), Some("86000.00"));
    let bad = map(Provider::Nd, include_bytes!("fixtures/nd/area_code_mismatch.json"));
    assert_eq!(bad.financials, None);
    assert_eq!(bad.warnings.iter().filter(|w| w.field.starts_with("financials.")).count(), 3);
}

#[test]
fn nd_type_and_created_at() {
    let c = map(Provider::Nd, include_bytes!("fixtures/nd/area_code_array_bare.json"));
    let stage = c.lifecycle_stage.unwrap();
    assert_eq!(
        (stage.normalized, stage.native.as_str(), stage.label.as_deref()),
        (LifecycleStage::Customer, "CLIENT", Some("正式客户"))
    );
    assert_eq!(c.created_at.as_deref(), Some("2023-02-14T16:20:05+08:00"));
    let followers: Vec<_> =
        c.collaborators.iter().map(|u| (u.id.as_deref(), u.name.as_deref(), u.role)).collect();
    assert_eq!(
        followers,
        [
            (Some("31"), Some("林晓"), UserRole::Follower),
            (Some("45"), Some("周杰"), UserRole::Follower),
            (Some("52"), Some("吴婷"), UserRole::Follower)
        ]
    );
    let unknown = map(Provider::Nd, include_bytes!("fixtures/nd/unknown_values.json"));
    let stage = unknown.lifecycle_stage.unwrap();
    assert_eq!((stage.normalized, stage.native.as_str()), (LifecycleStage::Other, "PARTNER"));
    assert_eq!(unknown.created_at, None);
    assert!(unknown.warnings.iter().any(|w| w.field == "created_at"));
}

#[test]
fn pluuug_custom_fields_resolve_by_data_type() {
    let c = map(Provider::Pluuug, include_bytes!("fixtures/pluuug/full_korean.json"));
    let value = |name: &str| {
        let f = c.custom_fields.iter().find(|f| f.name == name).unwrap_or_else(|| panic!("{name}"));
        (f.kind, f.value.clone())
    };
    assert_eq!(value("고객 등급"), (CustomFieldKind::Choice, json!("VIP")));
    assert_eq!(value("관심 분야"), (CustomFieldKind::MultiChoice, json!(["클라우드", "데이터 분석"])));
    assert_eq!(value("선호 연락 시간"), (CustomFieldKind::Choice, json!("오후")));
    assert_eq!(value("연 매출(억원)"), (CustomFieldKind::Number, json!("1250.5")));
    assert_eq!(value("계약 시작일"), (CustomFieldKind::Date, json!("2024-07-01")));
    assert_eq!(value("다음 미팅"), (CustomFieldKind::Datetime, json!("2024-09-10T14:30:00+09:00")));
    assert_eq!(value("세금계산서 발행"), (CustomFieldKind::Bool, json!(false)));
    let (kind, members) = value("담당 영업");
    assert_eq!(kind, CustomFieldKind::Member);
    assert_eq!(members[1]["name"], json!("최서연"));
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    assert_eq!(c.tax_ids[0].value, "1208147521");
    assert_eq!(c.tax_ids[0].branch.as_deref(), Some("0002"));
    assert_eq!(c.contacts[0].phones[0].number, "02-555-0199");
}

#[test]
fn pluuug_unresolvable_values_stay_as_text_with_a_warning() {
    let c = map(Provider::Pluuug, include_bytes!("fixtures/pluuug/unresolvable_values.json"));
    for name in ["유입 경로", "관심 서비스", "영업 담당", "직원 수", "NDA 체결", "첫 미팅일", "담당 부서"]
    {
        let f = c.custom_fields.iter().find(|f| f.name == name).unwrap();
        assert_eq!(f.kind, CustomFieldKind::Text, "{name}");
        assert!(f.value.is_string(), "{name}");
    }
    let unknown = c.custom_fields.iter().find(|f| f.name == "첨부 파일").unwrap();
    assert_eq!(
        (unknown.kind, &unknown.value),
        (CustomFieldKind::Unknown, &json!("https://files.pluuug.com/a/contract.pdf"))
    );
    assert_eq!(c.created_at.as_deref(), Some("2024-03-18T11:14:07+09:00"));
    assert_eq!(c.extra["branchNumber"], json!("0003"));
    let value_warnings = c.warnings.iter().filter(|w| w.field.ends_with(".value")).count();
    assert_eq!(value_warnings, 7, "{:#?}", c.warnings);
}
