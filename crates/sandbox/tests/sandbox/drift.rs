//! The drift knob: drifted detail bodies differ from clean ones by exactly the three changes
//! `customer_sandbox::drift::expected` lists; a clean sandbox sends none of them.

use std::collections::BTreeMap;

use customer_sandbox::drift::{self, DriftKind};
use customer_sandbox::{Provider, Sandbox};
use serde_json::Value;

use crate::common::{detail, status_json};

/// Every path where `after` differs from `before` (added, removed or changed leaves), array
/// indexes written `[]`, with the value in `after`.
fn diff(before: &Value, after: &Value, path: &str, out: &mut BTreeMap<String, Value>) {
    let join = |key: &str| if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") };
    match (before, after) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in b {
                match a.get(key) {
                    Some(old) => diff(old, value, &join(key), out),
                    None => {
                        out.insert(join(key), value.clone());
                    }
                }
            }
            for key in a.keys().filter(|k| !b.contains_key(*k)) {
                out.insert(join(key), Value::Null);
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (old, new) in a.iter().zip(b) {
                diff(old, new, &format!("{path}[]"), out);
            }
        }
        (a, b) if a != b => {
            out.insert(path.to_owned(), b.clone());
        }
        _ => {}
    }
}

async fn body(sandbox: &Sandbox, provider: Provider, id: &str) -> Value {
    let (status, body) = status_json(detail(sandbox, provider, id).await).await;
    assert_eq!(status, 200, "{provider} {id}: {body}");
    body
}

fn contains_drift_added(value: &Value) -> bool {
    match value {
        Value::Object(map) => map.contains_key("driftAdded") || map.values().any(contains_drift_added),
        Value::Array(items) => items.iter().any(contains_drift_added),
        _ => false,
    }
}

/// Seeded ids whose clean bodies differ from the drifted value at every changed path.
fn ids(provider: Provider) -> &'static [&'static str] {
    match provider {
        Provider::Pluuug => &["1001", "1010", "123"],
        Provider::Gofive => &["C000001", "C000003", "C000055"],
        Provider::Eshouhou => &[],
        _ => &["id"],
    }
}

async fn check(provider: Provider, ids: &[String]) {
    let clean = Sandbox::start().await.unwrap();
    let drifted = Sandbox::builder().drift(provider).start().await.unwrap();
    let expected = drift::expected(provider);
    for id in ids {
        let before = body(&clean, provider, id).await;
        let after = body(&drifted, provider, id).await;
        assert!(!contains_drift_added(&before), "{provider} {id}: a clean sandbox does not drift");
        let mut changes = BTreeMap::new();
        diff(&before, &after, "", &mut changes);
        let wrapped = provider == Provider::Nd && id.starts_with('w');
        let want: BTreeMap<String, Value> = expected
            .iter()
            .map(|c| (if wrapped { format!("data.{}", c.path) } else { c.path.to_owned() }, c.value()))
            .collect();
        assert_eq!(changes, want, "{provider} {id}");
    }
    // The other providers of a drifted sandbox stay clean.
    for other in Provider::ALL.into_iter().filter(|p| *p != provider) {
        let id = drifted.customer_ids(other)[1].clone();
        assert!(!contains_drift_added(&body(&drifted, other, &id).await), "{other}");
    }
}

#[tokio::test]
async fn pluuug_drift() {
    check(Provider::Pluuug, &ids(Provider::Pluuug).iter().map(|s| s.to_string()).collect::<Vec<_>>()).await;
}

#[tokio::test]
async fn gofive_drift() {
    check(Provider::Gofive, &ids(Provider::Gofive).iter().map(|s| s.to_string()).collect::<Vec<_>>()).await;
}

#[tokio::test]
async fn eshouhou_drift() {
    let clean = Sandbox::start().await.unwrap();
    // Archives whose clean ResultCode is the number 0 and whose first row's ShowType is not 99.
    let mut numeric = Vec::new();
    for id in clean.customer_ids(Provider::Eshouhou) {
        if body(&clean, Provider::Eshouhou, &id).await["ResultCode"] == 0 {
            numeric.push(id);
        }
    }
    assert!(numeric.len() >= 10);
    check(Provider::Eshouhou, &numeric[..4]).await;
}

#[tokio::test]
async fn nd_drift_bare_and_wrapped() {
    let sandbox = Sandbox::start().await.unwrap();
    let all = sandbox.customer_ids(Provider::Nd);
    let wrapped = all.iter().find(|id| id.starts_with('w')).unwrap().clone();
    check(Provider::Nd, &[all[0].clone(), all[1].clone(), wrapped]).await;
}

#[tokio::test]
async fn changes_are_one_of_each_kind() {
    for provider in Provider::ALL {
        let kinds: Vec<DriftKind> = drift::expected(provider).iter().map(|c| c.kind).collect();
        assert_eq!(kinds, [DriftKind::AddedProperty, DriftKind::ChangedType, DriftKind::UnknownEnumValue]);
    }
    let gofive: Vec<&str> = drift::expected(Provider::Gofive).iter().map(|c| c.path).collect();
    assert_eq!(gofive, ["data.driftAdded", "data.customerNote", "data.customerState"]);
    assert_eq!(drift::expected(Provider::Gofive)[2].value(), 9);
    assert_eq!(drift::expected(Provider::Eshouhou)[1].value(), "0");
    assert_eq!(drift::expected(Provider::Eshouhou)[2].path, "ResultValue[].ShowType");
}
