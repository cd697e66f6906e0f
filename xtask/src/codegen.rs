//! `cargo xtask codegen`: spec → progenitor → prettyplease → `crates/<provider>/src/generated.rs`.
//!
//! Every provider is generated with the same settings ([`settings`]); what one spec needs of its
//! own (a hand-written type in place of a generated one) it says itself, `x-crm-replace`. Nothing
//! else in the repository configures progenitor. Output is deterministic (same spec, same bytes), so `--check` is a
//! plain byte comparison.

use std::{
    panic::{AssertUnwindSafe, catch_unwind},
    path::{Path, PathBuf},
    process::ExitCode,
};

use customer_core::Provider as Known;
use progenitor::{GenerationSettings, Generator, HooksMode, InterfaceStyle, TagStyle};
use schemars08::schema::{InstanceType, SchemaObject};

/// One provider: where its spec is and where its client goes. Every provider is generated with
/// the same settings ([`settings`]); what differs lives in the provider's spec, where the reason
/// can be written next to it (`x-crm-replace`, below), so adding a provider edits nothing here.
#[derive(Clone, Copy)]
pub struct Provider {
    /// Short name, also the directory under `crates/` and the spec's file stem.
    pub name: &'static str,
}

/// Every provider of the registry, in its order.
pub const PROVIDERS: &[Provider] = &{
    let mut out = [Provider { name: "" }; Known::ALL.len()];
    let mut i = 0;
    while i < out.len() {
        out[i] = Provider { name: Known::NAMES[i] };
        i += 1;
    }
    out
};

/// Extra derives on every generated type.
const DERIVES: &[&str] = &["PartialEq"];

/// The schema extension that replaces a generated type by a hand-written one:
/// `x-crm-replace: crate::auth::TokenRequest` on a schema of `components.schemas`. Used for types
/// that carry secrets, so their `Debug` can redact what a derived `Debug` would print; the spec
/// says why in the schema's description.
const REPLACE: &str = "x-crm-replace";

const HEADER: &str = "\
// @generated — do not edit; run `cargo xtask codegen`.
// Source: specs/{name}.yaml, generator: progenitor 0.15.1 (settings: xtask/src/codegen.rs).
";

/// The repository root (the parent of `xtask/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// The generator settings of a spec: the same for every provider, plus the spec's own
/// [`REPLACE`]ments.
fn settings(spec: &openapiv3::OpenAPI) -> Result<GenerationSettings, String> {
    let mut s = GenerationSettings::new();
    s.with_interface(InterfaceStyle::Positional)
        .with_tag(TagStyle::Merged)
        .with_hooks(HooksMode::Expected)
        .with_inner_type(quote::quote!(crate::client::Inner))
        .with_map_type("::std::collections::BTreeMap");
    for derive in DERIVES {
        s.with_derive(*derive);
    }
    // `format: date-time` strings become `crm_runtime::LenientDateTime` instead of a strict
    // `chrono::DateTime`, so one malformed date cannot fail a whole fetch.
    let date_time = SchemaObject {
        instance_type: Some(InstanceType::String.into()),
        format: Some("date-time".to_string()),
        ..Default::default()
    };
    s.with_conversion(date_time, "::crm_runtime::LenientDateTime", std::iter::empty());
    // `format: lenient-text` marks a value documented as a string that providers also send as a
    // number or boolean (eshouhou does this with every "String" it documents).
    let lenient_text = SchemaObject {
        instance_type: Some(InstanceType::String.into()),
        format: Some("lenient-text".to_string()),
        ..Default::default()
    };
    s.with_conversion(lenient_text, "::crm_runtime::LenientText", std::iter::empty());
    for (name, path) in replacements(spec)? {
        s.with_replacement(name, path, std::iter::empty());
    }
    Ok(s)
}

/// The spec's `x-crm-replace` schemas: (schema name, Rust path).
fn replacements(spec: &openapiv3::OpenAPI) -> Result<Vec<(String, String)>, String> {
    let Some(components) = &spec.components else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    for (name, schema) in &components.schemas {
        let openapiv3::ReferenceOr::Item(schema) = schema else { continue };
        match schema.schema_data.extensions.get(REPLACE) {
            None => {}
            Some(serde_json::Value::String(path)) if !path.trim().is_empty() => {
                out.push((name.clone(), path.trim().to_string()))
            }
            Some(other) => {
                return Err(format!(
                    "components.schemas.{name}.{REPLACE}: expected a Rust path, got {other}"
                ));
            }
        }
    }
    Ok(out)
}

/// Renders one provider's client, or an error naming the spec (a generator panic included).
pub fn render(root: &Path, provider: &Provider) -> Result<String, String> {
    let spec_path = root.join("specs").join(format!("{}.yaml", provider.name));
    let shown = format!("specs/{}.yaml", provider.name);
    let text = std::fs::read_to_string(&spec_path).map_err(|e| format!("{shown}: {e}"))?;
    let spec: openapiv3::OpenAPI =
        serde_yaml::from_str(&text).map_err(|e| format!("{shown}: not a valid OpenAPI 3.0 document: {e}"))?;
    let settings = settings(&spec).map_err(|e| format!("{shown}: {e}"))?;
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let generated = catch_unwind(AssertUnwindSafe(|| Generator::new(&settings).generate_tokens(&spec)));
    std::panic::set_hook(previous_hook);
    let tokens = match generated {
        Ok(Ok(tokens)) => tokens,
        Ok(Err(e)) => return Err(format!("{shown}: progenitor rejected the spec: {e}")),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_string()))
                .unwrap_or_else(|| "unknown panic".into());
            return Err(format!(
                "{shown}: progenitor panicked ({msg}); the spec is outside the generator's subset \
                 (see shared/research/progenitor.md: one response body type per operation, a schema \
                 on every JSON body, OpenAPI 3.0.x)"
            ));
        }
    };
    let file: syn::File =
        syn::parse2(tokens).map_err(|e| format!("{shown}: generated code does not parse: {e}"))?;
    let body = progenitor_impl::space_out_items(prettyplease::unparse(&file))
        .map_err(|e| format!("{shown}: formatting failed: {e}"))?;
    // Path parameters go through crm-runtime's encoder, which also encodes `\` and refuses dot
    // segments, empty, control-character and oversized IDs (progenitor's does neither).
    let body = body.replacen(
        "use progenitor_client::{encode_path, ",
        "use ::crm_runtime::encode_path;\n#[allow(unused_imports)]\nuse progenitor_client::{",
        1,
    );
    Ok(format!("{}\n{body}", HEADER.replace("{name}", provider.name)))
}

/// Path of a provider's generated file.
pub fn generated_path(root: &Path, provider: &Provider) -> PathBuf {
    root.join("crates").join(provider.name).join("src").join("generated.rs")
}

/// Every file the codegen owns, with its fresh contents.
pub fn outputs(root: &Path, only: &[&str]) -> Vec<(PathBuf, Result<String, String>)> {
    let mut out: Vec<(PathBuf, Result<String, String>)> = PROVIDERS
        .iter()
        .filter(|p| only.is_empty() || only.contains(&p.name))
        .map(|p| (generated_path(root, p), render(root, p)))
        .collect();
    if only.is_empty() || only.contains(&"customer") {
        out.push((root.join("specs").join("customer.schema.json"), Ok(customer_schema())));
        out.push((root.join("specs").join("customer-change.schema.json"), Ok(change_schema())));
    }
    if only.is_empty() || only.contains(&"drift") {
        out.push((crate::drift::generated_path(root), crate::drift::render(root)));
    }
    out
}

/// The JSON Schema of a change in the shared model's terms, as `crm-customers schema --change`
/// prints it.
pub fn change_schema() -> String {
    let mut text =
        serde_json::to_string_pretty(&customer_core::change_json_schema()).expect("a JSON value serializes");
    text.push('\n');
    text
}

/// The shared model's JSON Schema, as `crm-customers schema` prints it.
pub fn customer_schema() -> String {
    let mut text =
        serde_json::to_string_pretty(&customer_core::json_schema()).expect("a JSON value serializes");
    text.push('\n');
    text
}

/// `cargo xtask codegen [--check] [PROVIDER ...]`.
pub fn run(check: bool, only: &[&str]) -> ExitCode {
    let root = workspace_root();
    if let Some(bad) =
        only.iter().find(|o| !["customer", "drift"].contains(*o) && !PROVIDERS.iter().any(|p| p.name == **o))
    {
        eprintln!("unknown provider `{bad}` (known: {}, customer, drift)", Known::names(", "));
        return ExitCode::from(2);
    }
    let mut failed = false;
    let mut stale = Vec::new();
    for (path, contents) in outputs(&root, only) {
        let shown = path.strip_prefix(&root).unwrap_or(&path).display().to_string();
        let contents = match contents {
            Ok(c) => c,
            Err(e) => {
                eprintln!("error: {e}");
                failed = true;
                continue;
            }
        };
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default().replace("\r\n", "\n");
        if on_disk == contents {
            continue;
        }
        if check {
            eprintln!("stale: {shown}");
            stale.push(shown);
        } else if let Err(e) = std::fs::write(&path, contents) {
            eprintln!("error: writing {shown}: {e}");
            failed = true;
        } else {
            eprintln!("wrote {shown}");
        }
    }
    if !stale.is_empty() {
        eprintln!(
            "{} generated file(s) out of date; run `cargo xtask codegen` and commit the result",
            stale.len()
        );
        return ExitCode::FAILURE;
    }
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// rust-analyzer's `ensure_file_contents`: plain `cargo test` fails on stale generated code.
    #[test]
    fn generated_code_is_fresh() {
        let root = workspace_root();
        let mut problems = Vec::new();
        for (path, contents) in outputs(&root, &[]) {
            let shown = path.strip_prefix(&root).unwrap_or(&path).display().to_string();
            match contents {
                Err(e) => problems.push(e),
                Ok(c) => {
                    let on_disk = std::fs::read_to_string(&path).unwrap_or_default().replace("\r\n", "\n");
                    if on_disk != c {
                        problems.push(format!("{shown} is stale"));
                    }
                }
            }
        }
        assert!(
            problems.is_empty(),
            "{}\nrun `cargo xtask codegen` and commit the result",
            problems.join("\n")
        );
    }

    #[test]
    fn generation_is_deterministic() {
        let root = workspace_root();
        for p in PROVIDERS {
            assert_eq!(render(&root, p), render(&root, p), "{} output differs between runs", p.name);
        }
    }

    #[test]
    fn replacements_are_read_from_the_spec() {
        let spec = |replace: &str| -> openapiv3::OpenAPI {
            serde_yaml::from_str(&format!(
                "openapi: 3.0.3\ninfo: {{ title: t, version: '1' }}\npaths: {{}}\ncomponents:\n  schemas:\n    \
                 Token:\n      type: object\n      {replace}\n    Plain:\n      type: string\n"
            ))
            .unwrap()
        };
        assert_eq!(
            replacements(&spec("x-crm-replace: crate::auth::Token")).unwrap(),
            [("Token".to_string(), "crate::auth::Token".to_string())]
        );
        assert_eq!(replacements(&spec("description: no replacement")).unwrap(), []);
        let err = replacements(&spec("x-crm-replace: 3")).unwrap_err();
        assert!(err.contains("components.schemas.Token.x-crm-replace"), "{err}");
        // The specs in the repository: Gofive's and eshouhou's token types are hand-written.
        let root = workspace_root();
        let read = |name: &str| -> openapiv3::OpenAPI {
            serde_yaml::from_str(&std::fs::read_to_string(root.join("specs").join(name)).unwrap()).unwrap()
        };
        assert_eq!(replacements(&read("gofive.yaml")).unwrap().len(), 2);
        assert_eq!(replacements(&read("eshouhou.yaml")).unwrap().len(), 1);
    }

    #[test]
    fn a_generator_panic_names_the_spec() {
        // Two different JSON body types for one operation make progenitor 0.15.1 panic.
        let dir = std::env::temp_dir().join(format!("xtask-panic-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("specs")).unwrap();
        std::fs::write(
            dir.join("specs/pluuug.yaml"),
            r#"
openapi: 3.0.3
info: { title: t, version: "1" }
paths:
  /a:
    get:
      operationId: get_a
      responses:
        "200": { description: ok, content: { application/json: { schema: { type: object } } } }
        "201": { description: ok, content: { application/json: { schema: { type: string } } } }
"#,
        )
        .unwrap();
        let err = render(&dir, &PROVIDERS[0]).unwrap_err();
        assert!(err.starts_with("specs/pluuug.yaml: progenitor panicked"), "{err}");
        std::fs::remove_dir_all(dir).ok();
    }
}

#[cfg(test)]
mod isolation {
    use std::process::Command;

    use customer_core::Provider;

    /// Each provider's client crate (`<name>-client`).
    fn clients() -> Vec<String> {
        Provider::ALL.iter().map(|p| format!("{p}-client")).collect()
    }

    fn normal_deps(args: &[&str]) -> Vec<String> {
        let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["tree", "--edges", "normal", "--prefix", "none", "--format", "{p}"])
            .args(args)
            .current_dir(super::workspace_root())
            .output()
            .expect("cargo tree runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| l.split_whitespace().next())
            .map(str::to_string)
            .collect()
    }

    /// A team that needs one provider compiles nothing of the others.
    #[test]
    fn each_provider_crate_stands_alone() {
        let clients = clients();
        for client in &clients {
            let deps = normal_deps(&["-p", client]);
            let others: Vec<&String> = clients.iter().filter(|c| *c != client && deps.contains(c)).collect();
            assert!(others.is_empty(), "{client} depends on {others:?}");
            assert!(!deps.iter().any(|d| d == "customer-core"), "{client} depends on customer-core");
        }
    }

    /// `customer-core` with one provider feature pulls in that provider's client only.
    #[test]
    fn customer_core_features_select_providers() {
        let clients = clients();
        for (p, client) in Provider::ALL.iter().zip(&clients) {
            let feature = p.as_str();
            let deps = normal_deps(&["-p", "customer-core", "--no-default-features", "--features", feature]);
            for c in &clients {
                assert_eq!(deps.contains(c), c == client, "customer-core --features {feature}: {c}");
            }
        }
    }
}
