//! `cargo xtask codegen` step for `crates/drift`: the response schemas of every spec, as the
//! drift check needs them, in `crates/drift/src/generated.rs`.
//!
//! The spec is read as generic YAML (not through `openapiv3`), so vendor extensions such as
//! `x-extensible-enum` survive and any OpenAPI 3.0/3.1 shape the specs grow is carried over. Only
//! the keywords the check reads are kept (descriptions and examples are dropped), and maps are
//! sorted, so the output is deterministic and `--check` is a byte comparison.

use std::path::{Path, PathBuf};

use customer_core::Provider;
use serde_json::{Map, Value};

/// Providers whose spec knowledge is generated, in output order (the registry's).
pub const PROVIDERS: [&str; Provider::ALL.len()] = Provider::NAMES;

/// Schema keywords the drift check reads; everything else is dropped.
const KEPT: &[&str] = &[
    "type",
    "format",
    "nullable",
    "properties",
    "required",
    "items",
    "additionalProperties",
    "enum",
    "x-extensible-enum",
    "$ref",
    "allOf",
    "oneOf",
    "anyOf",
];

fn header() -> String {
    format!(
        "// @generated — do not edit; run `cargo xtask codegen`.\n\
         // Source: specs/{{{}}}.yaml (response schemas and components.schemas),\n\
         // generator: xtask/src/drift.rs.\n",
        PROVIDERS.join(",")
    )
}

/// Path of the generated file.
pub fn generated_path(root: &Path) -> PathBuf {
    root.join("crates").join("drift").join("src").join("generated.rs")
}

/// Keeps the keywords the check reads, recursively through subschemas.
fn prune(schema: &Value) -> Value {
    let Value::Object(obj) = schema else { return schema.clone() };
    let mut out = Map::new();
    for (k, v) in obj {
        if !KEPT.contains(&k.as_str()) {
            continue;
        }
        let v = match k.as_str() {
            "properties" => match v {
                Value::Object(props) => {
                    Value::Object(props.iter().map(|(name, s)| (name.clone(), prune(s))).collect())
                }
                other => other.clone(),
            },
            "items" | "additionalProperties" => prune(v),
            "allOf" | "oneOf" | "anyOf" => match v {
                Value::Array(branches) => Value::Array(branches.iter().map(prune).collect()),
                other => other.clone(),
            },
            _ => v.clone(),
        };
        out.insert(k.clone(), v);
    }
    Value::Object(out)
}

/// The spec knowledge of one provider: `{"operations": {operationId: {status: schema}},
/// "schemas": {name: schema}}`, JSON response bodies only.
pub fn knowledge(root: &Path, provider: &str) -> Result<Value, String> {
    let shown = format!("specs/{provider}.yaml");
    let text = std::fs::read_to_string(root.join("specs").join(format!("{provider}.yaml")))
        .map_err(|e| format!("{shown}: {e}"))?;
    let yaml: serde_yaml::Value =
        serde_yaml::from_str(&text).map_err(|e| format!("{shown}: not YAML: {e}"))?;
    let spec: Value =
        serde_json::to_value(&yaml).map_err(|e| format!("{shown}: not JSON-compatible: {e}"))?;
    let mut operations = Map::new();
    if let Some(paths) = spec.get("paths").and_then(Value::as_object) {
        for item in paths.values() {
            let Some(item) = item.as_object() else { continue };
            for (method, op) in item {
                if !["get", "put", "post", "delete", "options", "head", "patch", "trace"]
                    .contains(&method.as_str())
                {
                    continue;
                }
                let Some(id) = op.get("operationId").and_then(Value::as_str) else { continue };
                let mut statuses = Map::new();
                if let Some(responses) = op.get("responses").and_then(Value::as_object) {
                    for (status, response) in responses {
                        let Some(content) = response.get("content").and_then(Value::as_object) else {
                            continue;
                        };
                        let schema = content
                            .iter()
                            .find(|(media, _)| media.contains("json"))
                            .and_then(|(_, c)| c.get("schema"));
                        if let Some(schema) = schema {
                            statuses.insert(status.clone(), prune(schema));
                        }
                    }
                }
                operations.insert(id.to_string(), Value::Object(statuses));
            }
        }
    }
    let schemas: Map<String, Value> = spec
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|s| s.iter().map(|(k, v)| (k.clone(), prune(v))).collect())
        .unwrap_or_default();
    let mut out = Map::new();
    out.insert("operations".into(), Value::Object(operations));
    out.insert("schemas".into(), Value::Object(schemas));
    Ok(Value::Object(out))
}

/// The generated Rust file: one JSON string constant per provider.
pub fn render(root: &Path) -> Result<String, String> {
    let mut out = header();
    out.push_str("\n//! Spec knowledge of the drift check, generated from `specs/*.yaml`.\n");
    for provider in PROVIDERS {
        let json =
            serde_json::to_string_pretty(&knowledge(root, provider)?).expect("a JSON value serializes");
        if json.contains("\"####") {
            return Err(format!(
                "specs/{provider}.yaml: a schema contains `\"####`, which the raw string cannot hold"
            ));
        }
        out.push_str(&format!(
            "\n/// Response schemas of `specs/{provider}.yaml`.\npub const {}: &str = r####\"{json}\"####;\n",
            provider.to_uppercase()
        ));
    }
    // The lookup by provider, written here too, so a provider added to the registry needs no
    // hand-written line in crates/drift: `ByProvider`'s fields are the providers' names.
    out.push_str("\n/// Every provider's knowledge, looked up by provider.\n#[rustfmt::skip]\npub const KNOWLEDGE: crate::ByProvider<&str> = crate::ByProvider {\n");
    for provider in PROVIDERS {
        out.push_str(&format!("    {provider}: {},\n", provider.to_uppercase()));
    }
    out.push_str("};\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A copy of the specs and the generated file in a temporary root.
    fn scratch(name: &str) -> PathBuf {
        let root = crate::codegen::workspace_root();
        let dir = std::env::temp_dir().join(format!("xtask-drift-{name}-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("specs")).unwrap();
        std::fs::create_dir_all(dir.join("crates/drift/src")).unwrap();
        for p in PROVIDERS {
            let f = format!("specs/{p}.yaml");
            std::fs::copy(root.join(&f), dir.join(&f)).unwrap();
        }
        std::fs::copy(generated_path(&root), generated_path(&dir)).unwrap();
        dir
    }

    fn stale(root: &Path) -> bool {
        let fresh = render(root).unwrap();
        std::fs::read_to_string(generated_path(root)).unwrap().replace("\r\n", "\n") != fresh
    }

    /// Editing a spec makes the checked-in knowledge stale (what `codegen --check` reports), and
    /// regenerating carries the edit, `x-extensible-enum` included, into the check.
    #[test]
    fn a_spec_edit_makes_the_knowledge_stale_until_regenerated() {
        let dir = scratch("stale");
        assert!(!stale(&dir), "a copy of the checked-in state is fresh");
        let spec = dir.join("specs/nd.yaml");
        let text = std::fs::read_to_string(&spec).unwrap();
        let edited = text.replacen(
            "        customerNo:\n          type: string\n",
            "        customerNo:\n          type: string\n          x-extensible-enum: ['00001', '00002']\n",
            1,
        );
        assert_ne!(edited, text, "the edit applies");
        std::fs::write(&spec, edited).unwrap();
        assert!(stale(&dir), "--check must report the stale knowledge");
        let outputs = crate::codegen::outputs(&dir, &["drift"]);
        let (path, contents) = &outputs[0];
        assert_eq!(path, &generated_path(&dir));
        let contents = contents.as_ref().unwrap();
        assert!(
            contents.contains("\"x-extensible-enum\": [") && contents.contains("\"00002\""),
            "edit carried over"
        );
        std::fs::write(path, contents).unwrap();
        assert!(!stale(&dir));
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn descriptions_and_examples_are_dropped() {
        let k = knowledge(&crate::codegen::workspace_root(), "gofive").unwrap();
        assert!(k.pointer("/schemas/Customer/description").is_none(), "descriptions are dropped");
        assert!(!k.to_string().contains("\"example"), "examples are dropped");
        assert!(k.pointer("/operations/get_customer_by_code/200/$ref").is_some());
    }
}
