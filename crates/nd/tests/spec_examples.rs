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
            "paginate_customers" => {
                serde_json::from_value::<types::CustomerPageEnvelope>(ex.value.clone()).map(drop)
            }
            other => panic!("no type known for operation {other}: extend this test"),
        };
        result.unwrap_or_else(|e| panic!("{} / {}: {e}", ex.operation_id, ex.name));
    }
}
