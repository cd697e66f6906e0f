//! Every example embedded in `specs/pluuug.yaml` decodes into the generated type of its operation
//! and encodes back to the same JSON (absent and `null` keys aside), so no example carries a key the
//! type does not know. Also checks the spec conventions the client code relies on: one response body
//! per operation (the 200), a `vendor_doc` example where the docs have one, and at least two examples.

use serde::{Serialize, de::DeserializeOwned};
use serde_json::Value;

const SPEC: &str = include_str!("../../../specs/pluuug.yaml");

fn spec() -> Value {
    serde_yaml::from_str(SPEC).expect("the spec is valid YAML")
}

/// The operation object with this `operationId`.
fn operation(spec: &Value, operation_id: &str) -> Value {
    for item in spec["paths"].as_object().expect("paths").values() {
        for op in item.as_object().expect("path item").values() {
            if op["operationId"] == operation_id {
                return op.clone();
            }
        }
    }
    panic!("no operation {operation_id} in specs/pluuug.yaml")
}

/// `(name, value)` of every example under `content.application/json` (or another media type) of `node`.
fn examples(node: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for media in node["content"].as_object().into_iter().flat_map(|m| m.values()) {
        for (name, example) in media["examples"].as_object().into_iter().flatten() {
            out.push((name.clone(), example["value"].clone()));
        }
    }
    out
}

/// JSON equality that ignores `null`-valued object keys and compares numbers by value (`0` == `0.0`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys = x.iter().chain(y.iter()).filter(|(_, v)| !v.is_null()).map(|(k, _)| k);
            keys.into_iter().all(|k| same(x.get(k).unwrap_or(&Value::Null), y.get(k).unwrap_or(&Value::Null)))
        }
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

/// Decodes every 200 example of `operation_id` into `T`, re-encodes it, compares; returns the decoded values.
fn response_examples<T: DeserializeOwned + Serialize>(operation_id: &str) -> Vec<(String, Value, T)> {
    let op = operation(&spec(), operation_id);
    for (status, response) in op["responses"].as_object().expect("responses") {
        if !status.starts_with('2') {
            assert!(response.get("content").is_none(), "{operation_id}: {status} must not have a body");
        }
    }
    let found = examples(&op["responses"]["200"]);
    assert!(found.len() >= 2, "{operation_id}: expected the vendor example plus extra examples");
    round_trip(operation_id, found)
}

/// Decodes every request-body example of `operation_id` into `T` and back.
fn request_examples<T: DeserializeOwned + Serialize>(operation_id: &str) -> Vec<(String, Value, T)> {
    let op = operation(&spec(), operation_id);
    let found = examples(&op["requestBody"]);
    assert!(!found.is_empty(), "{operation_id}: expected a request example");
    round_trip(operation_id, found)
}

fn round_trip<T: DeserializeOwned + Serialize>(
    operation_id: &str,
    found: Vec<(String, Value)>,
) -> Vec<(String, Value, T)> {
    found
        .into_iter()
        .map(|(name, value)| {
            let text = serde_json::to_string(&value).expect("JSON");
            let decoded: T = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{operation_id} example `{name}` does not decode: {e}"));
            let encoded = serde_json::to_value(&decoded).expect("re-encodes");
            assert!(
                same(&value, &encoded),
                "{operation_id} example `{name}` does not survive a round trip (unknown key?)\n\
                 example:   {value}\nre-encoded: {encoded}"
            );
            (name, value, decoded)
        })
        .collect()
}

fn has_vendor_doc<T>(examples: &[(String, Value, T)]) -> bool {
    examples.iter().any(|(name, _, _)| name == "vendor_doc")
}

use pluuug_client::types;

#[test]
fn get_client_examples_decode() {
    let examples = response_examples::<types::Client>("get_client");
    assert!(has_vendor_doc(&examples));
}

#[test]
fn list_fields_examples_decode() {
    let examples = response_examples::<types::CustomFieldPage>("list_fields");
    assert!(has_vendor_doc(&examples));
}

#[test]
fn list_clients_examples_decode_page_counted_page_and_bare_array() {
    let examples = response_examples::<types::ClientList>("list_clients");
    let mut kinds: Vec<_> = examples
        .iter()
        .map(|(name, _, list)| match list {
            types::ClientList::ClientPage(page) => (name.as_str(), "page", page.count.is_some()),
            types::ClientList::Array(_) => (name.as_str(), "array", false),
        })
        .collect();
    kinds.sort();
    assert_eq!(
        kinds,
        [("bare_array", "array", false), ("counted_page", "page", true), ("cursor_page", "page", false)]
    );
}

#[test]
fn list_client_statuses_examples_decode() {
    let examples = response_examples::<types::ClientStatusList>("list_client_statuses");
    for (name, _, list) in &examples {
        match name.as_str() {
            "page" => assert!(matches!(list, types::ClientStatusList::ClientStatusPage(_))),
            "bare_array" => assert!(matches!(list, types::ClientStatusList::Array(_))),
            other => panic!("unexpected example {other}"),
        }
    }
}

#[test]
fn write_body_examples_decode() {
    request_examples::<types::ClientCreate>("create_client");
    let patch = request_examples::<types::ClientPatch>("patch_client");
    assert!(has_vendor_doc(&patch));
}
