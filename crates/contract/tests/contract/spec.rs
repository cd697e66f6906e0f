//! The four specs, parsed at test time: operations, path matching, declared responses.

use std::path::PathBuf;

use serde_json::{Map, Value};

use crate::schema::{self, Compiled, Mode};

/// Escapes one JSON pointer segment.
pub fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// The spec files, by provider name.
pub const SPECS: [&str; customer_sandbox::Provider::ALL.len()] = customer_sandbox::Provider::NAMES;

const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// One spec file, parsed.
pub struct Spec {
    /// `pluuug`, `gofive`, `eshouhou` or `nd`.
    pub name: &'static str,
    /// The whole document as JSON.
    pub doc: Value,
    /// Component schemas converted in each mode.
    pub open_defs: Value,
    pub closed_defs: Value,
    /// Errors met while converting the component schemas.
    pub conversion_errors: Vec<String>,
}

/// One operation of a spec.
#[derive(Clone, Debug)]
pub struct Operation {
    pub spec: &'static str,
    /// Uppercase HTTP method.
    pub method: String,
    /// The path template as written in the spec.
    pub path: String,
    pub operation_id: String,
}

impl std::fmt::Display for Operation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} {} ({})", self.spec, self.method, self.path, self.operation_id)
    }
}

/// `specs/` of the workspace, or the folder `CRM_CONTRACT_SPECS` names (to hold the sandbox
/// to a changed copy of the specs).
pub fn specs_dir() -> PathBuf {
    match std::env::var_os("CRM_CONTRACT_SPECS") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../specs"),
    }
}

/// YAML → JSON, with mapping keys as strings (`200:` unquoted becomes `"200"`).
pub fn yaml_to_json(yaml: serde_yaml::Value) -> Value {
    use serde_yaml::Value as Y;
    match yaml {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => serde_json::to_value(&n).unwrap_or(Value::Null),
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(items.into_iter().map(yaml_to_json).collect()),
        Y::Mapping(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let key = match k {
                        Y::String(s) => s,
                        other => serde_yaml::to_string(&other).unwrap_or_default().trim().to_owned(),
                    };
                    (key, yaml_to_json(v))
                })
                .collect::<Map<_, _>>(),
        ),
        Y::Tagged(tagged) => yaml_to_json(tagged.value),
    }
}

impl Spec {
    /// Parses a spec from YAML text.
    pub fn parse(name: &'static str, text: &str) -> Spec {
        let yaml: serde_yaml::Value =
            serde_yaml::from_str(text).unwrap_or_else(|e| panic!("specs/{name}.yaml is not YAML: {e}"));
        Spec::from_json(name, yaml_to_json(yaml))
    }

    pub fn from_json(name: &'static str, doc: Value) -> Spec {
        let mut conversion_errors = Vec::new();
        let open_defs = schema::definitions(&doc, Mode::Open, &mut conversion_errors);
        let closed_defs = schema::definitions(&doc, Mode::Closed, &mut Vec::new());
        Spec { name, doc, open_defs, closed_defs, conversion_errors }
    }

    /// Reads `specs/<name>.yaml`.
    pub fn load(name: &'static str) -> Spec {
        let path = specs_dir().join(format!("{name}.yaml"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Spec::parse(name, &text)
    }

    /// Every operation, in document order.
    pub fn operations(&self) -> Vec<Operation> {
        let mut out = Vec::new();
        let Some(paths) = self.doc.get("paths").and_then(Value::as_object) else { return out };
        for (path, item) in paths {
            for method in METHODS {
                if let Some(op) = item.get(method) {
                    let operation_id = op
                        .get("operationId")
                        .and_then(Value::as_str)
                        .unwrap_or("(no operationId)")
                        .to_owned();
                    out.push(Operation {
                        spec: self.name,
                        method: method.to_uppercase(),
                        path: path.clone(),
                        operation_id,
                    });
                }
            }
        }
        out
    }

    /// The operation object of `op`.
    pub fn operation(&self, op: &Operation) -> &Value {
        &self.doc["paths"][&op.path][op.method.to_lowercase()]
    }

    /// The operation a request with this method and (query-less) path hits: the matching path
    /// template with the most literal segments, as OpenAPI's "concrete paths first" rule says.
    pub fn find(&self, method: &str, path: &str) -> Option<Operation> {
        let wanted: Vec<&str> = path.split('/').collect();
        self.operations()
            .into_iter()
            .filter(|op| op.method.eq_ignore_ascii_case(method))
            .filter_map(|op| {
                let template: Vec<&str> = op.path.split('/').collect();
                if template.len() != wanted.len() {
                    return None;
                }
                let mut literals = 0;
                for (t, w) in template.iter().zip(&wanted) {
                    if t.starts_with('{') && t.ends_with('}') {
                        if w.is_empty() {
                            return None;
                        }
                    } else if t == w {
                        literals += 1;
                    } else {
                        return None;
                    }
                }
                Some((literals, op))
            })
            .max_by_key(|(literals, _)| *literals)
            .map(|(_, op)| op)
    }

    /// Whether a request to `path` (without query) hits one of this spec's path templates, with
    /// any method: which provider a case is for.
    pub fn serves(&self, path: &str) -> bool {
        METHODS.iter().any(|method| self.find(method, path).is_some())
    }

    /// The path and query of a request to operation `operation_id` about customer `id`: every
    /// path parameter and every required query parameter set to `id` (the customer detail
    /// operation of each spec has exactly one), the others left out.
    pub fn request_path(&self, operation_id: &str, id: &str) -> Option<String> {
        let op = self.operations().into_iter().find(|op| op.operation_id == operation_id)?;
        let path = op
            .path
            .split('/')
            .map(|segment| if segment.starts_with('{') && segment.ends_with('}') { id } else { segment })
            .collect::<Vec<_>>()
            .join("/");
        let object = self.operation(&op);
        let item = &self.doc["paths"][&op.path];
        let params = [object, item].into_iter().filter_map(|v| v.get("parameters").and_then(Value::as_array));
        let query: Vec<String> = params
            .flatten()
            .map(|p| self.resolve(p))
            .filter(|p| p["in"] == "query" && p["required"] == true)
            .filter_map(|p| p["name"].as_str().map(|name| format!("{name}={id}")))
            .collect();
        Some(if query.is_empty() { path } else { format!("{path}?{}", query.join("&")) })
    }

    /// Whether the spec authenticates every request with one HTTP bearer scheme and nothing
    /// else (its top-level `security`): what the contract test assumes of a provider it has no
    /// hand-written authentication for.
    pub fn bearer_only(&self) -> bool {
        let Some([requirement]) = self.doc["security"].as_array().map(Vec::as_slice) else { return false };
        let Some(schemes) = requirement.as_object() else { return false };
        schemes.len() == 1
            && schemes.keys().all(|name| {
                let scheme = &self.doc["components"]["securitySchemes"][name];
                scheme["type"] == "http"
                    && scheme["scheme"].as_str().is_some_and(|s| s.eq_ignore_ascii_case("bearer"))
            })
    }

    /// The declared response for `status`: the exact code, then the `NXX` range, then `default`.
    /// Returns the key it was found under and the JSON pointer of the (`$ref`-resolved) object.
    pub fn response(&self, op: &Operation, status: u16) -> Option<(String, String)> {
        let base = format!("{}/responses", self.operation_pointer(op));
        let responses = self.doc.pointer(&base)?.as_object()?;
        let range = format!("{}XX", status / 100);
        [status.to_string(), range, "default".to_owned()].into_iter().find_map(|key| {
            let key = [key.clone(), key.to_lowercase()].into_iter().find(|k| responses.contains_key(k))?;
            Some((key.clone(), self.follow(&format!("{base}/{}", escape(&key)))))
        })
    }

    /// The JSON pointer of an operation object.
    pub fn operation_pointer(&self, op: &Operation) -> String {
        format!("/paths/{}/{}", escape(&op.path), op.method.to_lowercase())
    }

    /// Follows `$ref`s from the object at `pointer` to the pointer of the object they name.
    pub fn follow(&self, pointer: &str) -> String {
        let mut pointer = pointer.to_owned();
        for _ in 0..16 {
            let next = self
                .doc
                .pointer(&pointer)
                .and_then(|v| v.get("$ref"))
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix('#'));
            match next {
                Some(target) => pointer = target.to_owned(),
                None => break,
            }
        }
        pointer
    }

    /// Follows a `$ref` to `#/components/...` (responses, examples, parameters, request bodies).
    pub fn resolve<'a>(&'a self, value: &'a Value) -> &'a Value {
        match value.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix('#')) {
            Some(pointer) => self.doc.pointer(pointer).unwrap_or(value),
            None => value,
        }
    }

    /// Compiles an OpenAPI schema of this spec.
    pub fn compile(&self, schema: &Value, mode: Mode, at: &str) -> Result<Compiled, Vec<String>> {
        let defs = match mode {
            Mode::Open => &self.open_defs,
            Mode::Closed => &self.closed_defs,
        };
        Compiled::new(schema, defs, mode, at)
    }
}
