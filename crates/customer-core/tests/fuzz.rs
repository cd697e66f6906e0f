//! Property tests: no JSON a provider could send makes a mapping panic. Arbitrary JSON, and the
//! real fixtures and spec examples with fields replaced by wrong types, nulls, odd strings or
//! removed, go through each provider's decode (serde into the generated type, envelope unwrapped)
//! and mapping. Decode errors are fine (the client reports them as `bad_response`); a panic is not.
//! Cases: proptest's default of 256, or `PROPTEST_CASES`.

mod common;

use common::{decode_and_map, decode_and_map_with_raw, fixtures, spec_examples};
use customer_core::{Customer, Provider};
use eshouhou_client::types::{DisplayRow, ShowType};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Map, Value};

/// Strings that reach the parsers: dates in many shapes, decimals, CJK / Thai / Korean text with
/// the separators the mappings split on, and anything at all.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        Just(String::new()),
        Just("  ".to_string()),
        concat!(
            "[0-9]{1,5}[-/.年][0-9]{1,2}[-/.月][0-9]{1,2}日?",
            "([ T][0-9]{1,2}:[0-9]{1,2}(:[0-9]{1,2}([.,][0-9]{1,12})?)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?"
        ),
        "[-+]?[0-9,.]{0,24}",
        "[一-龥、,，;；/| -]{0,12}",
        "[가-힣ก-๙0-9 -]{0,10}",
        "\\[(\"?[0-9a-z]{0,3}\"?,?){0,4}\\]",
        "(CLIENT|TARGET_CUSTOMER|PROSPECT|client|S|N|D|T|B|SL|ML|M|X|1000|0)",
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        prop_oneof![Just(1i64), Just(2), Just(3), Just(6), Just(11200), Just(-1)].prop_map(Value::from),
        text().prop_map(Value::String),
    ]
}

/// Keys the mappings look for, so arbitrary objects hit real code paths.
const KEYS: &[&str] = &[
    "id",
    "name",
    "code",
    "data",
    "status",
    "ResultCode",
    "ResultValue",
    "ShowType",
    "Key",
    "Value",
    "customerId",
    "customerName",
    "customerState",
    "contacts",
    "contact",
    "addresses",
    "customFields",
    "fieldSet",
    "field",
    "value",
    "dataType",
    "optionSet",
    "memberSet",
    "area",
    "areaCode",
    "type",
    "followers",
    "followerNames",
    "totalTurnover",
    "createdAt",
    "created",
    "companyName",
];

fn json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(
                (prop_oneof![prop::sample::select(KEYS).prop_map(str::to_string), any::<String>()], inner),
                0..6
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Every JSON pointer inside `v` (the root excluded).
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(o) => o.iter().for_each(|(k, x)| {
            let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
            out.push(p.clone());
            pointers(x, p, out);
        }),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| {
            let p = format!("{at}/{i}");
            out.push(p.clone());
            pointers(x, p, out);
        }),
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Mutation {
    Replace(Index, Value),
    Remove(Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<Index>(), json()).prop_map(|(i, v)| Mutation::Replace(i, v)),
        1 => any::<Index>().prop_map(Mutation::Remove),
    ]
}

fn mutate(mut v: Value, mutations: &[Mutation]) -> Value {
    for m in mutations {
        let mut all = Vec::new();
        pointers(&v, String::new(), &mut all);
        if all.is_empty() {
            break;
        }
        match m {
            Mutation::Replace(i, new) => {
                if let Some(slot) = v.pointer_mut(i.get(&all).as_str()) {
                    *slot = new.clone();
                }
            }
            Mutation::Remove(i) => {
                let p: &String = i.get(&all);
                let (parent, key) = p.rsplit_once('/').expect("a pointer has a slash");
                match v.pointer_mut(parent) {
                    Some(Value::Object(o)) => {
                        o.remove(&key.replace("~1", "/").replace("~0", "~"));
                    }
                    Some(Value::Array(a)) => {
                        if let Ok(n) = key.parse::<usize>()
                            && n < a.len()
                        {
                            a.remove(n);
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    v
}

fn seeds() -> Vec<(Provider, Value)> {
    Provider::ALL
        .into_iter()
        .flat_map(|p| {
            spec_examples(p)
                .into_iter()
                .chain(fixtures(p))
                .map(move |(_, body)| (p, serde_json::from_slice(&body).expect("seeds are JSON")))
        })
        .collect()
}

fn check(c: &Customer) {
    // What a caller does with a Customer must not panic either.
    let text = serde_json::to_string(c).expect("a Customer serializes");
    let _: Customer = serde_json::from_str(&text).expect("and reads back");
}

fn provider() -> impl Strategy<Value = Provider> {
    prop::sample::select(Provider::ALL.to_vec())
}

proptest! {
    #[test]
    fn arbitrary_json_never_panics(provider in provider(), body in json()) {
        let bytes = serde_json::to_vec(&body).unwrap();
        if let Ok(c) = decode_and_map(provider, &bytes) {
            check(&c);
        }
    }

    #[test]
    fn mutated_real_records_never_panic(
        seed in prop::sample::select(seeds()),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let (provider, value) = seed;
        let bytes = serde_json::to_vec(&mutate(value, &mutations)).unwrap();
        if let Ok(c) = decode_and_map(provider, &bytes) {
            check(&c);
            prop_assert_eq!(c.raw().map(|r| r.as_bytes()), Some(&bytes[..]));
        }
    }

    #[test]
    fn a_raw_body_unlike_the_value_never_panics(
        seed in prop::sample::select(seeds()),
        raw in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..64),
            json().prop_map(|v| serde_json::to_vec(&v).unwrap()),
        ],
    ) {
        let (provider, value) = seed;
        let body = serde_json::to_vec(&value).unwrap();
        let c = decode_and_map_with_raw(provider, &body, &raw).expect("seeds decode");
        check(&c);
    }

    #[test]
    fn eshouhou_rows_of_any_kind_never_panic(
        id in text(),
        rows in prop::collection::vec(
            (
                prop_oneof![
                    prop::sample::select(customer_core::eshouhou::MAPPED.to_vec()).prop_map(str::to_string),
                    prop::sample::select(customer_core::eshouhou::TO_EXTRA.to_vec()).prop_map(str::to_string),
                    text(),
                ],
                prop::option::of(prop_oneof![
                    any::<i64>().prop_map(ShowType::Integer),
                    text().prop_map(ShowType::String),
                ]),
                prop::option::of(text()),
            ),
            0..30,
        ),
    ) {
        let rows: Vec<DisplayRow> = rows
            .into_iter()
            .map(|(key, show_type, value)| DisplayRow { key, show_type, value: value.map(crm_runtime::LenientText::from) })
            .collect();
        let c = customer_core::eshouhou::map(&id, rows, b"{}".to_vec());
        check(&c);
    }
}
