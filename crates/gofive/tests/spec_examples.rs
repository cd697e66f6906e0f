//! Every documented example in specs/gofive.yaml decodes into the generated types.

use crm_runtime::testing::spec_examples;
use gofive_client::types;

#[test]
fn every_spec_example_decodes_into_the_generated_types() {
    let examples =
        spec_examples(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs/gofive.yaml"));
    assert!(examples.iter().any(|e| e.operation_id == "get_customer_by_code" && e.name == "vendor_doc"));
    for ex in &examples {
        let result = match ex.operation_id.as_str() {
            "get_customer_by_code" => {
                serde_json::from_value::<types::CustomerEnvelope>(ex.value.clone()).map(drop)
            }
            "request_token" => {
                serde_json::from_value::<gofive_client::auth::TokenResponse>(ex.value.clone()).map(drop)
            }
            other => panic!("no type known for operation {other}: extend this test"),
        };
        result.unwrap_or_else(|e| panic!("{} / {}: {e}", ex.operation_id, ex.name));
    }
}

#[test]
fn upsert_request_examples_decode() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs/gofive.yaml"),
    )
    .expect("spec");
    let spec: serde_json::Value = serde_yaml::from_str(&text).expect("YAML");
    let examples =
        spec["paths"]["/v3/customers"]["post"]["requestBody"]["content"]["application/json"]["examples"]
            .as_object()
            .expect("upsert_customer has request examples");
    let mut codes = Vec::new();
    for (name, ex) in examples {
        let body: types::CustomerUpsert = serde_json::from_value(ex["value"].clone())
            .unwrap_or_else(|e| panic!("upsert_customer / {name}: {e}"));
        codes.push(body.customer_code.is_some());
    }
    assert_eq!(codes, [false, true], "one create (no code) and one update example");
}
