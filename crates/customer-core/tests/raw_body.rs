//! `raw` is the provider's body exactly as received: never re-serialized, never reformatted.

mod common;

use common::{decode_and_map, fixtures, spec_examples};
use customer_core::Provider;

#[test]
fn raw_is_every_body_byte_for_byte() {
    for provider in Provider::ALL {
        let bodies = spec_examples(provider).into_iter().chain(fixtures(provider));
        for (name, body) in bodies {
            let customer = decode_and_map(provider, &body).unwrap();
            let raw = customer.raw().unwrap_or_else(|| panic!("{provider} {name}: raw not kept"));
            // A RawValue is the JSON value itself: whitespace around it (a file's final newline) is
            // not part of it. Everything inside is kept as sent.
            assert_eq!(raw.get().as_bytes(), body.trim_ascii(), "{provider} {name}");
            assert!(!customer.warnings.iter().any(|w| w.field == "raw"), "{provider} {name}");
        }
    }
}

/// Escapes, key order, spacing and number spelling survive: a re-serialization would change each.
#[test]
fn raw_keeps_formatting_that_reserializing_would_lose() {
    let body = concat!(
        "{ \"name\" : \"\\u91d1\\u804c\\u9662 \\/ A&B\",\n",
        "  \"id\":\"x1\", \"totalTurnover\": 2324.320, \"retentionMoney\" : \"1E2\",\n",
        "  \"z\": 1, \"a\": 2 }"
    );
    let customer = decode_and_map(Provider::Nd, body.as_bytes()).unwrap();
    assert_eq!(customer.raw().unwrap().get(), body);
    assert_eq!(customer.name, "金职院 / A&B");
    assert_eq!(customer.extra["z"], serde_json::json!(1));

    let serialized = serde_json::to_string(&customer).unwrap();
    assert!(serialized.ends_with(&format!(",\"raw\":{body}}}")), "{serialized}");
}

#[test]
fn raw_that_is_not_json_is_dropped_with_a_warning_and_the_mapping_still_runs() {
    let good = br#"{"id":"1","name":"A"}"#;
    let detail: nd_client::types::CustomerDetail = serde_json::from_slice(good).unwrap();
    for bad in [&[0xff, 0xfe, 0x00][..], b"", b"{\"id\":", b"not json"] {
        let customer = customer_core::nd::map(&detail, bad);
        assert_eq!(customer.name, "A");
        assert!(customer.raw.is_none());
        assert_eq!(customer.warnings.iter().filter(|w| w.field == "raw").count(), 1, "{bad:?}");
    }
}

#[test]
fn without_raw_drops_only_raw() {
    let body = include_bytes!("fixtures/gofive/contacts_key_full.json");
    let customer = decode_and_map(Provider::Gofive, body).unwrap();
    let mut expected = customer.clone();
    expected.raw = None;
    assert_eq!(customer.clone().without_raw(), expected);
    assert_ne!(customer, expected, "PartialEq compares raw");
    let json = serde_json::to_value(customer.without_raw()).unwrap();
    assert!(json.get("raw").is_none());
}

#[test]
fn a_customer_round_trips_through_json_with_its_raw_body() {
    let body = include_bytes!("fixtures/pluuug/full_korean.json");
    let customer = decode_and_map(Provider::Pluuug, body).unwrap();
    let text = serde_json::to_string(&customer).unwrap();
    let back: customer_core::Customer = serde_json::from_str(&text).unwrap();
    assert_eq!(back, customer);
}
