//! Test helpers shared by the provider crates (feature `test-util`).

use std::path::Path;

/// One documented example of a spec: operation, example name, and the JSON value.
#[derive(Debug)]
pub struct SpecExample {
    /// The operation's `operationId`.
    pub operation_id: String,
    /// The example's name (`vendor_doc`, ...), or `example` for a single `example:`.
    pub name: String,
    /// The example value.
    pub value: serde_json::Value,
}

/// Every 200-response example of every operation of the spec at `path` (`examples:` maps and
/// single `example:` values).
pub fn spec_examples(path: &Path) -> Vec<SpecExample> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let spec: serde_json::Value =
        serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = Vec::new();
    for (_, item) in spec["paths"].as_object().into_iter().flatten() {
        for (_, op) in item.as_object().into_iter().flatten() {
            let Some(id) = op.get("operationId").and_then(|v| v.as_str()) else { continue };
            let media = &op["responses"]["200"]["content"]["application/json"];
            if let Some(v) = media.get("example") {
                out.push(SpecExample { operation_id: id.into(), name: "example".into(), value: v.clone() });
            }
            for (name, ex) in media.get("examples").and_then(|e| e.as_object()).into_iter().flatten() {
                if let Some(v) = ex.get("value") {
                    out.push(SpecExample { operation_id: id.into(), name: name.clone(), value: v.clone() });
                }
            }
        }
    }
    out
}
