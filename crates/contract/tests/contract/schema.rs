//! OpenAPI 3.0.3 Schema Objects → JSON Schema draft 4, and validation with the `jsonschema` crate.
//!
//! Draft 4 is the dialect OpenAPI 3.0 extends (boolean `exclusiveMinimum`, `$ref` siblings
//! ignored). The conversion:
//! - `$ref: '#/components/schemas/X'` → `#/definitions/X` (all components are put under
//!   `definitions` of every root schema); siblings of a `$ref` are dropped, as 3.0.3 says.
//! - `nullable: true` adds `"null"` to `type` **only when `type` is in the same Schema Object**
//!   (3.0.3 §4.7.24.1 and the 3.0.3 clarification): beside `allOf`/`oneOf`/`$ref` without `type`
//!   it has no effect, so a null sent there fails, as it does in strict tools.
//! - `format`: only `date-time` is asserted (RFC 3339); every other format (`int64`, `email`,
//!   ...) is an annotation and dropped. `type: string, format: lenient-text` (the project's own
//!   format, generated as `crm_runtime::LenientText`) accepts a string, a number or a boolean.
//! - `example`, `x-…`, `description`, `title`, `externalDocs`, `xml`, `discriminator`,
//!   `readOnly`, `writeOnly`, `deprecated`, `default` are dropped.
//! - A keyword that is not in the 3.0.3 Schema Object, or a `type` that 3.0.3 does not have
//!   (`null`, a list of types), is a conversion error: the schema is not valid 3.0.3.
//!
//! [`Mode::Closed`] additionally closes every object schema that lists `properties` and says
//! nothing about `additionalProperties`, so a property the spec does not declare is reported.

use serde_json::{Map, Value, json};

/// How object schemas treat undeclared properties.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// As written: undeclared properties are allowed (the OpenAPI default).
    Open,
    /// Undeclared properties fail where the schema lists `properties` and no `additionalProperties`.
    Closed,
}

const TYPES: [&str; 6] = ["string", "number", "integer", "boolean", "array", "object"];

/// Kept as they are: the JSON Schema validation keywords OpenAPI 3.0.3 takes over unchanged.
const PLAIN: [&str; 16] = [
    "required",
    "enum",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "maxProperties",
    "minProperties",
    "type",
];

/// Annotations: dropped.
const DROPPED: [&str; 10] = [
    "example",
    "description",
    "title",
    "externalDocs",
    "xml",
    "discriminator",
    "readOnly",
    "writeOnly",
    "deprecated",
    "default",
];

/// Formats asserted by the validator; others are annotations.
const ASSERTED_FORMATS: [&str; 1] = ["date-time"];

/// Converts one OpenAPI Schema Object; `at` names it in errors.
pub fn convert(schema: &Value, mode: Mode, at: &str, errors: &mut Vec<String>) -> Value {
    let Some(map) = schema.as_object() else {
        errors.push(format!("{at}: a Schema Object must be a mapping, found {schema}"));
        return json!({});
    };
    if let Some(reference) = map.get("$ref") {
        let target = reference.as_str().and_then(|r| r.strip_prefix("#/components/schemas/"));
        return match target {
            Some(name) => json!({ "$ref": format!("#/definitions/{}", pointer_escape(name)) }),
            None => {
                errors.push(format!("{at}: unsupported $ref {reference}"));
                json!({})
            }
        };
    }
    let mut out = Map::new();
    for (key, value) in map {
        let here = format!("{at}/{key}");
        match key.as_str() {
            k if k.starts_with("x-") || DROPPED.contains(&k) => {}
            "nullable" => {
                if !value.is_boolean() {
                    errors.push(format!("{here}: nullable must be a boolean"));
                }
            }
            "type" => match value.as_str() {
                Some(t) if TYPES.contains(&t) => {
                    out.insert(key.clone(), value.clone());
                }
                _ => errors.push(format!("{here}: {value} is not an OpenAPI 3.0.3 type")),
            },
            "format" => {
                if value.as_str().is_some_and(|f| ASSERTED_FORMATS.contains(&f)) {
                    out.insert(key.clone(), value.clone());
                }
            }
            k if PLAIN.contains(&k) => {
                out.insert(key.clone(), value.clone());
            }
            "properties" => {
                let Some(properties) = value.as_object() else {
                    errors.push(format!("{here}: properties must be a mapping"));
                    continue;
                };
                let converted = properties
                    .iter()
                    .map(|(name, s)| (name.clone(), convert(s, mode, &format!("{here}/{name}"), errors)))
                    .collect();
                out.insert(key.clone(), Value::Object(converted));
            }
            "items" | "not" => {
                out.insert(key.clone(), convert(value, mode, &here, errors));
            }
            "additionalProperties" => {
                let converted =
                    if value.is_boolean() { value.clone() } else { convert(value, mode, &here, errors) };
                out.insert(key.clone(), converted);
            }
            "allOf" | "oneOf" | "anyOf" => {
                let Some(list) = value.as_array() else {
                    errors.push(format!("{here}: must be a list"));
                    continue;
                };
                let converted = list
                    .iter()
                    .enumerate()
                    .map(|(i, s)| convert(s, mode, &format!("{here}/{i}"), errors))
                    .collect();
                out.insert(key.clone(), Value::Array(converted));
            }
            other => errors.push(format!("{at}: `{other}` is not an OpenAPI 3.0.3 Schema Object keyword")),
        }
    }
    if map.get("format").and_then(Value::as_str) == Some("lenient-text")
        && out.get("type") == Some(&json!("string"))
    {
        // The project's own format (xtask/src/codegen.rs maps it to `crm_runtime::LenientText`): a
        // value documented as a string that the provider also sends as a number or a boolean.
        out.insert("type".into(), json!(["string", "number", "boolean"]));
    }
    if map.get("nullable") == Some(&Value::Bool(true)) {
        match out.get("type").cloned() {
            Some(Value::String(t)) => {
                out.insert("type".into(), json!([t, "null"]));
            }
            Some(Value::Array(mut types)) => {
                types.push(json!("null"));
                out.insert("type".into(), Value::Array(types));
            }
            _ => {}
        }
    }
    if mode == Mode::Closed && out.contains_key("properties") && !out.contains_key("additionalProperties") {
        out.insert("additionalProperties".into(), Value::Bool(false));
    }
    Value::Object(out)
}

/// Escapes a schema name for use in a JSON pointer.
fn pointer_escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

/// Every component schema of a spec, converted, keyed by name.
pub fn definitions(spec: &Value, mode: Mode, errors: &mut Vec<String>) -> Value {
    let mut out = Map::new();
    if let Some(schemas) = spec.pointer("/components/schemas").and_then(Value::as_object) {
        for (name, schema) in schemas {
            out.insert(name.clone(), convert(schema, mode, &format!("#/components/schemas/{name}"), errors));
        }
    }
    Value::Object(out)
}

/// A compiled root schema: the converted schema with all component schemas as `definitions`.
pub struct Compiled {
    validator: jsonschema::Validator,
}

impl Compiled {
    /// Compiles `schema` (an OpenAPI Schema Object) in the context of `definitions`.
    pub fn new(schema: &Value, definitions: &Value, mode: Mode, at: &str) -> Result<Compiled, Vec<String>> {
        let mut errors = Vec::new();
        let mut root = convert(schema, mode, at, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        if let Some(map) = root.as_object_mut() {
            if map.contains_key("$ref") {
                // A draft-4 `$ref` hides its siblings, `definitions` included: wrap it.
                let reference = map.remove("$ref").unwrap_or_default();
                map.insert("allOf".into(), json!([{ "$ref": reference }]));
            }
            map.insert("definitions".into(), definitions.clone());
        }
        jsonschema::draft4::options()
            .should_validate_formats(true)
            .build(&root)
            .map(|validator| Compiled { validator })
            .map_err(|e| vec![format!("{at}: the converted schema does not compile: {e}")])
    }

    /// Every violation of `instance`, as `JSON path: message (sent: value)` lines (empty when
    /// valid). A failed `oneOf`/`anyOf` lists each branch's own violations.
    pub fn violations(&self, instance: &Value) -> Vec<String> {
        self.validator.iter_errors(instance).map(|e| render(&e)).collect()
    }
}

/// The longest JSON text of a sent value quoted in a message.
const MAX_SHOWN: usize = 120;

fn shown(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(MAX_SHOWN) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

fn path_of(e: &jsonschema::ValidationError<'_>) -> String {
    let path = e.instance_path().to_string();
    if path.is_empty() { "(root)".to_owned() } else { path }
}

/// `path: what the spec says (sent: what was sent)`; branches of `oneOf`/`anyOf` nested in `[…]`.
fn render(e: &jsonschema::ValidationError<'_>) -> String {
    use jsonschema::error::ValidationErrorKind as Kind;
    let branches = match e.kind() {
        Kind::OneOfNotValid { context } | Kind::AnyOf { context } => Some(context),
        _ => None,
    };
    match branches {
        Some(context) => {
            let keyword = if matches!(e.kind(), Kind::AnyOf { .. }) { "anyOf" } else { "oneOf" };
            let each: Vec<String> = context
                .iter()
                .enumerate()
                .map(|(i, errors)| {
                    let inner: Vec<String> = errors.iter().map(render).collect();
                    format!("branch {i}: {}", inner.join("; "))
                })
                .collect();
            format!("{}: matches no {keyword} branch [{}]", path_of(e), each.join(" | "))
        }
        None => format!("{}: {} (sent: {})", path_of(e), e.masked(), shown(e.instance())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(schema: Value, defs: Value) -> Compiled {
        let mut errors = Vec::new();
        let mut out = Map::new();
        for (name, s) in defs.as_object().unwrap() {
            out.insert(name.clone(), convert(s, Mode::Open, name, &mut errors));
        }
        assert!(errors.is_empty(), "{errors:?}");
        Compiled::new(&schema, &Value::Object(out), Mode::Open, "test").unwrap()
    }

    #[test]
    fn nullable_counts_only_beside_type() {
        let defs = json!({"S": {"type": "object", "properties": {"id": {"type": "integer"}}}});
        let typed = compile(json!({"type": "string", "nullable": true}), json!({}));
        assert!(typed.violations(&Value::Null).is_empty());
        assert_eq!(typed.violations(&json!(1)).len(), 1);
        let wrapped = compile(json!({"allOf": [{"$ref": "#/components/schemas/S"}], "nullable": true}), defs);
        assert!(wrapped.violations(&json!({"id": 1})).is_empty());
        assert_eq!(wrapped.violations(&Value::Null).len(), 1, "nullable beside allOf must have no effect");
        let one_of =
            compile(json!({"oneOf": [{"type": "string"}, {"type": "integer"}], "nullable": true}), json!({}));
        assert!(!one_of.violations(&Value::Null).is_empty());
    }

    #[test]
    fn ref_siblings_are_ignored_and_paths_are_reported() {
        let defs = json!({"S": {"type": "object", "properties": {"id": {"type": "integer"}}}});
        let schema = json!({"$ref": "#/components/schemas/S", "nullable": true, "type": "string"});
        let compiled = compile(schema, defs);
        let violations = compiled.violations(&json!({"id": "x"}));
        assert_eq!(violations.len(), 1, "{violations:?}");
        assert_eq!(violations[0], r#"/id: value is not of type "integer" (sent: "x")"#);
    }

    #[test]
    fn only_date_time_is_asserted() {
        let compiled = compile(
            json!({"type": "object", "properties": {
                "at": {"type": "string", "format": "date-time"},
                "n": {"type": "integer", "format": "int64"},
                "v": {"type": "string", "format": "lenient-text"},
            }}),
            json!({}),
        );
        assert!(compiled.violations(&json!({"at": "2024-01-02T03:04:05Z", "n": 1, "v": "x"})).is_empty());
        assert_eq!(compiled.violations(&json!({"at": "2024-01-02"})).len(), 1);
        assert!(compiled.violations(&json!({"v": 5})).is_empty(), "lenient-text accepts a number");
        assert!(compiled.violations(&json!({"v": true})).is_empty(), "lenient-text accepts a boolean");
        assert_eq!(compiled.violations(&json!({"v": null})).len(), 1, "null only when nullable");
    }

    #[test]
    fn non_3_0_keywords_and_types_are_errors() {
        let mut errors = Vec::new();
        convert(&json!({"type": "null"}), Mode::Open, "a", &mut errors);
        convert(&json!({"type": ["string", "null"]}), Mode::Open, "b", &mut errors);
        convert(&json!({"const": 1}), Mode::Open, "c", &mut errors);
        convert(
            &json!({"type": "string", "x-extensible-enum": ["A"], "example": 1}),
            Mode::Open,
            "d",
            &mut errors,
        );
        assert_eq!(errors.len(), 3, "{errors:?}");
    }

    #[test]
    fn closed_mode_reports_undeclared_properties() {
        let schema = json!({"type": "object", "properties": {"a": {"type": "string"}}});
        let closed = Compiled::new(&schema, &json!({}), Mode::Closed, "t").unwrap();
        let open = Compiled::new(&schema, &json!({}), Mode::Open, "t").unwrap();
        assert!(open.violations(&json!({"a": "x", "b": 1})).is_empty());
        assert_eq!(closed.violations(&json!({"a": "x", "b": 1})).len(), 1);
    }
}
