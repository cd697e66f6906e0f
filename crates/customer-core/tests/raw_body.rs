//! `raw` is the provider's body exactly as received: never re-serialized, never reformatted.

mod common;

use common::{decode_and_map, fixtures, spec_examples};
use customer_core::{Provider, RawJson};

#[test]
fn raw_is_every_body_byte_for_byte() {
    for provider in Provider::ALL {
        let bodies = spec_examples(provider).into_iter().chain(fixtures(provider));
        for (name, body) in bodies {
            let customer = decode_and_map(provider, &body).unwrap();
            let raw = customer.raw().unwrap_or_else(|| panic!("{provider} {name}: raw not kept"));
            // Whitespace around the JSON value (a file's final newline) is kept too.
            assert_eq!(raw.as_bytes(), &body[..], "{provider} {name}");
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
    assert_eq!(customer.raw().unwrap().as_str(), Some(body));
    assert_eq!(customer.name, "金职院 / A&B");
    // `z` and `a` are not in nd's spec: they are kept in `raw` (above), not copied into `extra`.
    assert!(customer.extra.is_empty(), "{:?}", customer.extra);

    let serialized = serde_json::to_string(&customer).unwrap();
    assert!(serialized.ends_with(&format!(",\"raw\":{body}}}")), "{serialized}");

    // Whitespace around the body is kept in `raw`, and left out when it is printed.
    let padded = format!("\n {body}\r\n");
    let customer = decode_and_map(Provider::Nd, padded.as_bytes()).unwrap();
    assert_eq!(customer.raw().unwrap().as_bytes(), padded.as_bytes());
    let serialized = serde_json::to_string(&customer).unwrap();
    assert!(serialized.ends_with(&format!(",\"raw\":{body}}}")), "{serialized}");
}

/// A mapping does not read `raw` again: a body that is not JSON (only possible when a caller hands
/// one in by hand) is kept byte for byte without a warning, and printing the customer still works:
/// `raw` becomes a JSON string of the body.
#[test]
fn raw_that_is_not_json_is_kept_as_is_and_prints_as_a_string() {
    let good = br#"{"id":"1","name":"A"}"#;
    let detail: nd_client::types::CustomerDetail = serde_json::from_slice(good).unwrap();
    for (bad, printed) in [
        (&[0xff, 0xfe, b'x'][..], "\u{fffd}\u{fffd}x"),
        (b"", ""),
        (b"{\"id\":", "{\"id\":"),
        (b"not json", "not json"),
    ] {
        let customer = customer_core::nd::map(detail.clone(), bad.to_vec());
        assert_eq!(customer.name, "A");
        assert_eq!(customer.raw().map(RawJson::as_bytes), Some(bad));
        assert!(!customer.warnings.iter().any(|w| w.field == "raw"), "{bad:?}");
        let json = serde_json::to_value(&customer).expect("a Customer with any raw body serializes");
        assert_eq!(json["raw"], serde_json::json!(printed), "{bad:?}");
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
    // The body is printed without the whitespace around it (the file's final newline).
    let mut expected = customer.clone();
    expected.raw = Some(RawJson::copy_from_slice(body.trim_ascii()));
    assert_eq!(back, expected);
    let again: customer_core::Customer =
        serde_json::from_str(&serde_json::to_string(&back).unwrap()).unwrap();
    assert_eq!(again, back);
}

/// `map_body` maps a body kept elsewhere as a fetch would, and says what is wrong with one it
/// cannot map: provider, operation, field or code, the body kept.
#[test]
fn map_body_maps_a_kept_body_and_names_what_is_wrong() {
    for provider in Provider::ALL {
        for (name, body) in fixtures(provider) {
            let kept = customer_core::map_body(provider, common::ESHOUHOU_ID, body.clone())
                .unwrap_or_else(|e| panic!("{provider} {name}: {e}"));
            assert_eq!(kept, decode_and_map(provider, &body).unwrap(), "{provider} {name}");
        }
    }
    let e = customer_core::map_body(Provider::Nd, "1", r#"{"id": "1", "name": ["not", "text"]}"#.to_string())
        .unwrap_err();
    assert_eq!(e.kind(), customer_core::ErrorKind::BadResponse);
    assert_eq!((e.provider(), e.operation(), e.field()), ("nd", "get_customer_detail", None));
    assert_eq!(e.raw().map(|r| &r[..]), Some(&br#"{"id": "1", "name": ["not", "text"]}"#[..]));

    let e = customer_core::map_body(Provider::Pluuug, "1", r#"{"id": "x"}"#.to_string()).unwrap_err();
    assert_eq!((e.kind(), e.field()), (customer_core::ErrorKind::BadResponse, Some("id")));

    let body = r#"{"status": {"code": "4002", "description": "More than one error"}, "data": null}"#;
    let e = customer_core::map_body(Provider::Gofive, "C1", body.to_string()).unwrap_err();
    assert_eq!((e.kind(), e.code()), (customer_core::ErrorKind::ProviderError, Some("4002")));
    assert_eq!(e.operation(), Provider::Gofive.facts().customer_operation);
}

/// Bodies `map_body` cannot map — not JSON, truncated, `null`, the wrong JSON type, a success
/// answer without the customer, an error answer — are typed errors naming the provider and the
/// detail operation, with the body kept; never a panic, never an empty customer.
#[test]
fn map_body_refuses_broken_bodies_with_typed_errors() {
    use customer_core::ErrorKind::{BadResponse, NotFound, ProviderError};
    let mut cases: Vec<(Provider, String, customer_core::ErrorKind)> = Vec::new();
    for provider in Provider::ALL {
        let (_, full) = fixtures(provider).into_iter().next().expect("a fixture");
        let truncated = String::from_utf8_lossy(&full[..full.len() / 2]).into_owned();
        for broken in ["", "not json", "{", "null", "42", "[]", "\"text\"", truncated.as_str()] {
            cases.push((provider, broken.to_string(), BadResponse));
        }
    }
    cases.extend([
        (
            Provider::Gofive,
            r#"{"status": {"code": "1000", "description": "OK"}, "data": null}"#.into(),
            BadResponse,
        ),
        (Provider::Gofive, r#"{"status": {"code": 1000}}"#.into(), BadResponse),
        (Provider::Nd, r#"{"code": 0, "message": "success"}"#.into(), BadResponse),
        (Provider::Nd, r#"{"code": 50001, "message": "系统错误"}"#.into(), ProviderError),
        (Provider::Eshouhou, r#"{"ResultCode": 0, "ResultValue": null}"#.into(), BadResponse),
        (Provider::Eshouhou, r#"{"ResultCode": 0, "ResultValue": []}"#.into(), NotFound),
        (
            Provider::Eshouhou,
            r#"{"ResultCode": 50001, "ErrorMsg": "系统繁忙", "ResultValue": null}"#.into(),
            ProviderError,
        ),
        (Provider::Pluuug, r#"{"id": null}"#.into(), BadResponse),
    ]);
    for (provider, body, kind) in cases {
        let e = customer_core::map_body(provider, common::ESHOUHOU_ID, body.clone())
            .err()
            .unwrap_or_else(|| panic!("{provider}: `{body}` mapped"));
        assert_eq!(e.kind(), kind, "{provider}: `{body}`: {e}");
        assert_eq!(e.provider(), provider.as_str());
        assert_eq!(e.operation(), provider.facts().customer_operation);
        assert_eq!(e.raw().map(|r| &r[..]), Some(body.as_bytes()), "{provider}: the body is kept");
    }
}
