//! Every documented example in specs/nd.yaml decodes into the generated types.

use crm_runtime::testing::spec_examples;
use nd_client::types;

#[test]
fn every_spec_example_decodes_into_the_generated_types() {
    let examples =
        spec_examples(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs/nd.yaml"));
    assert!(examples.iter().any(|e| e.operation_id == "get_customer_detail" && e.name == "vendor_doc"));
    for ex in &examples {
        let result = match ex.operation_id.as_str() {
            "get_customer_detail" => {
                serde_json::from_value::<types::CustomerDetailResponse>(ex.value.clone()).map(drop)
            }
            "update_customer" => {
                serde_json::from_value::<types::CustomerUpdateResponse>(ex.value.clone()).map(drop)
            }
            "paginate_customers" => {
                serde_json::from_value::<types::CustomerPageEnvelope>(ex.value.clone()).map(drop)
            }
            other => panic!("no type known for operation {other}: extend this test"),
        };
        result.unwrap_or_else(|e| panic!("{} / {}: {e}", ex.operation_id, ex.name));
    }
}

#[test]
fn update_request_examples_decode_and_rules_hold() {
    let text =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs/nd.yaml"))
            .expect("spec");
    let spec: serde_json::Value = serde_yaml::from_str(&text).expect("YAML");
    let examples =
        spec["paths"]["/api/customers/"]["put"]["requestBody"]["content"]["application/json"]["examples"]
            .as_object()
            .expect("update_customer has request examples");
    for (name, ex) in examples {
        let body: types::CustomerUpdate = serde_json::from_value(ex["value"].clone())
            .unwrap_or_else(|e| panic!("update_customer / {name}: {e}"));
        assert!(!body.id.is_empty(), "{name}: the id travels in the body");
    }
    // The documented Laravel rules hold client-side: `name` 1..=64 characters (not bytes).
    assert!(types::CustomerUpdateName::try_from("名".repeat(64)).is_ok());
    assert!(types::CustomerUpdateName::try_from("名".repeat(65)).is_err());
    assert!(types::CustomerUpdateName::try_from(String::new()).is_err());
}
