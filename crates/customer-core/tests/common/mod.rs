//! Shared by the integration tests: the specs' documented examples, the fixtures, and decoding a
//! response body the way each provider crate does (envelope unwrapped) before mapping it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use customer_core::{Customer, Provider, RawJson};

/// The id eshouhou fixtures are mapped with (the envelope carries none): the spec's example id.
pub const ESHOUHOU_ID: &str = "dc540ce7-5bc5-4275-b8fa-2004eb5839e3";

/// The customer-detail operation of each provider's spec (the registry's).
pub fn operation_id(provider: Provider) -> &'static str {
    provider.facts().customer_operation
}

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn spec(provider: Provider) -> serde_yaml::Value {
    let path = workspace_root().join("specs").join(format!("{}.yaml", provider.as_str()));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("parse {}: {e}", path.display()))
}

/// The customer-detail operation object of a spec.
pub fn detail_operation(spec: &serde_yaml::Value, provider: Provider) -> &serde_yaml::Value {
    let wanted = operation_id(provider);
    let paths = spec["paths"].as_mapping().expect("paths");
    paths
        .values()
        .filter_map(|item| item.as_mapping())
        .flat_map(|item| item.values())
        .find(|op| op["operationId"].as_str() == Some(wanted))
        .unwrap_or_else(|| panic!("{provider}: no operation `{wanted}` in the spec"))
}

/// `(name, body)` of every documented 200 example of the customer-detail operation, as JSON bytes.
pub fn spec_examples(provider: Provider) -> Vec<(String, Vec<u8>)> {
    let spec = spec(provider);
    let op = detail_operation(&spec, provider);
    let examples = op["responses"]["200"]["content"]["application/json"]["examples"]
        .as_mapping()
        .unwrap_or_else(|| panic!("{provider}: the customer-detail operation has no 200 examples"));
    examples
        .iter()
        .map(|(name, example)| {
            let name = name.as_str().expect("example names are strings").to_string();
            let body = serde_json::to_vec(&example["value"]).expect("an example converts to JSON");
            (name, body)
        })
        .collect()
}

pub fn fixture_dir(provider: Provider) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(provider.as_str())
}

/// `(file stem, body)` of every fixture of a provider, sorted by name.
pub fn fixtures(provider: Provider) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(fixture_dir(provider))
        .expect("fixture directory")
        .map(|entry| entry.expect("fixture entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let stem = p.file_stem().expect("a file stem").to_string_lossy().into_owned();
            (stem, std::fs::read(&p).expect("read fixture"))
        })
        .collect();
    out.sort();
    out
}

/// Decodes a response body into the provider's generated type (envelope unwrapped, as the client
/// crates do) and maps it. `Err` when the body does not decode or is an error envelope.
pub fn decode_and_map(provider: Provider, body: &[u8]) -> Result<Customer, String> {
    decode_and_map_with_raw(provider, body, body)
}

/// As [`decode_and_map`], but hands the mapping `raw` as the body it came from (to check that a
/// mapping copes with a raw body that does not match the decoded value).
pub fn decode_and_map_with_raw(provider: Provider, body: &[u8], raw: &[u8]) -> Result<Customer, String> {
    customer_core::map_body_with_raw(provider, ESHOUHOU_ID, body, RawJson::copy_from_slice(raw))
        .map_err(|e| e.to_string())
}
