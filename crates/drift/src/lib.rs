//! Drift check: compares provider response bodies, as raw bytes, with what the specs in `specs/`
//! say about them, and aggregates the differences into a [`Report`].
//!
//! - [`Checker::new`] loads one provider's spec knowledge (generated from `specs/<provider>.yaml`
//!   by `cargo xtask codegen` into `generated.rs`, never hand-copied).
//! - [`Checker::check`] compares one body with the schema of an operation and HTTP status and
//!   returns its [`Findings`]: properties the spec lacks, values whose JSON type differs, values
//!   outside a documented `enum` / `x-extensible-enum` list, required properties missing or null.
//!   `$ref`, `allOf`, `oneOf` / `anyOf` (a value matching any branch is not drift), `nullable`,
//!   arrays and `additionalProperties` are understood. A property that is optional and not
//!   `nullable` may still be `null` (the generated clients accept that); a required one may not.
//! - [`Report`] aggregates findings over many bodies (how many bodies had each finding, inferred
//!   types, short truncated examples, secrets never shown) plus the mapping's warnings by field,
//!   and renders the `--suggest` YAML snippets for new properties.
//!
//! ```
//! use crm_drift::{Checker, Report};
//! use customer_core::{ByProvider, Provider};
//!
//! let checker = Checker::new(Provider::Nd);
//! let mut report = Report::new(Provider::Nd);
//! let body = br#"{"id": "1", "name": "ACME", "brandNew": 3}"#;
//! report.add(&checker.check(Checker::customer_operation(Provider::Nd), 200, body));
//! assert!(report.has_drift());
//! ```

#![warn(missing_docs)]

use std::collections::{BTreeMap, BTreeSet};

use customer_core::{ByProvider, Provider};
use serde::Serialize;
use serde_json::{Map, Value};

#[allow(missing_docs)]
mod generated;

/// How long an example value may be, in characters, before it is cut with `…`.
pub const EXAMPLE_CHARS: usize = 40;

/// Path segments (lowercased) whose values are never shown.
const SECRET_WORDS: &[&str] = &[
    "token",
    "secret",
    "password",
    "passwd",
    "apikey",
    "api_key",
    "credential",
    "authorization",
    "signature",
    "private",
];

/// What kind of difference a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Kind {
    /// The body has a property the spec does not list.
    AddedProperty,
    /// The value's JSON type is not one the spec allows.
    ChangedType,
    /// The value is not in the property's `enum` / `x-extensible-enum` list.
    UnknownEnumValue,
    /// A property the spec marks required is absent.
    MissingRequired,
    /// A required, non-nullable property is `null`.
    NullRequired,
}

impl Kind {
    /// The snake_case name, as in the JSON report.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::AddedProperty => "added_property",
            Kind::ChangedType => "changed_type",
            Kind::UnknownEnumValue => "unknown_enum_value",
            Kind::MissingRequired => "missing_required",
            Kind::NullRequired => "null_required",
        }
    }
}

/// One difference found in one body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Finding {
    /// What differs.
    pub kind: Kind,
    /// JSON path in the body: `data.customerNote`, `ResultValue[].ShowType`, `[]` for array items,
    /// `*` for values of an `additionalProperties` map.
    pub path: String,
    /// The component schema the path belongs to (`Customer`), when known.
    pub schema: Option<String>,
    /// What the spec allows (`string`, `integer|string`), for type findings.
    pub expected: Option<String>,
    /// The JSON type found (`null`, `boolean`, `integer`, `number`, `string`, `array`, `object`).
    pub found: &'static str,
    /// The value found, compact JSON, truncated to [`EXAMPLE_CHARS`]; `"<redacted>"` for secrets.
    pub example: Option<String>,
}

/// How a body was compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Outcome {
    /// Compared with the schema of its operation and status.
    Checked,
    /// The spec documents no JSON schema for this operation and status (nothing to compare).
    NoSchema,
    /// The spec has no operation of that name.
    UnknownOperation,
    /// The body is not JSON.
    NotJson,
}

/// The result of checking one body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Findings {
    /// The spec's `operationId`.
    pub operation: String,
    /// The HTTP status the body came with.
    pub status: u16,
    /// Whether the body could be compared.
    pub outcome: Outcome,
    /// Every difference, one per occurrence (an array row each).
    pub items: Vec<Finding>,
}

impl Findings {
    /// True when the body matched its schema (or there was nothing to compare it with).
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// One provider's spec knowledge: the response schemas of its operations.
#[derive(Debug, Clone)]
pub struct Checker {
    provider: Provider,
    operations: Map<String, Value>,
    schemas: Map<String, Value>,
}

/// A schema with `$ref`s resolved and `allOf` merged.
#[derive(Default)]
struct View<'a> {
    types: Option<Vec<&'a str>>,
    lenient_text: bool,
    nullable: bool,
    properties: Vec<&'a Map<String, Value>>,
    required: Vec<&'a str>,
    items: Option<&'a Value>,
    additional: Option<&'a Value>,
    known: Vec<&'a Value>,
    has_known: bool,
    alternatives: Vec<&'a [Value]>,
    owner: Option<&'a str>,
}

impl View<'_> {
    fn expected(&self) -> String {
        match &self.types {
            Some(t) => t.join("|"),
            None => "any".into(),
        }
    }
    fn property(&self, name: &str) -> Option<&Value> {
        self.properties.iter().find_map(|p| p.get(name))
    }
    fn null_ok(&self) -> bool {
        self.nullable || self.types.as_ref().is_none_or(|t| t.contains(&"null"))
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn type_matches(t: &str, v: &Value, lenient_text: bool) -> bool {
    match (t, v) {
        ("string", Value::String(_)) => true,
        ("string", Value::Number(_) | Value::Bool(_)) => lenient_text,
        ("integer", Value::Number(n)) => n.is_i64() || n.is_u64(),
        ("number", Value::Number(_)) => true,
        ("boolean", Value::Bool(_)) => true,
        ("array", Value::Array(_)) => true,
        ("object", Value::Object(_)) => true,
        ("null", Value::Null) => true,
        _ => false,
    }
}

/// Equal, or the same text (`"6"` and `6`): fields typed "integer or string" list one form.
fn same_value(known: &Value, v: &Value) -> bool {
    known == v
        || match (known, v) {
            (Value::String(s), Value::Number(n)) | (Value::Number(n), Value::String(s)) => {
                s.trim() == n.to_string()
            }
            _ => false,
        }
}

fn child(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_string() } else { format!("{path}.{key}") }
}

fn is_secret_path(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.split(['.', '[']).any(|seg| SECRET_WORDS.iter().any(|w| seg.replace('-', "_").contains(w)))
}

/// Compact JSON of `v`, cut to [`EXAMPLE_CHARS`] characters, or `<redacted>` under a secret path.
pub fn example(path: &str, v: &Value) -> String {
    if is_secret_path(path) {
        return "<redacted>".into();
    }
    let text = serde_json::to_string(v).unwrap_or_default();
    truncate(&text)
}

fn truncate(text: &str) -> String {
    if text.chars().count() <= EXAMPLE_CHARS {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(EXAMPLE_CHARS - 1).collect();
    cut.push('…');
    cut
}

impl Checker {
    /// The checker for `provider`'s spec.
    ///
    /// # Panics
    /// Never for the four known providers (the generated knowledge is valid JSON, tested); a
    /// provider this build has no spec for gets an empty checker (every body `UnknownOperation`).
    pub fn new(provider: Provider) -> Checker {
        // One entry per provider: a provider added to the registry fails to compile here.
        let text = *ByProvider {
            pluuug: generated::PLUUUG,
            gofive: generated::GOFIVE,
            eshouhou: generated::ESHOUHOU,
            nd: generated::ND,
        }
        .get(provider);
        Checker::from_knowledge(provider, text).unwrap_or_else(|_| Checker {
            provider,
            operations: Map::new(),
            schemas: Map::new(),
        })
    }

    /// A checker over spec knowledge in the generated JSON shape (`{"operations": {operationId:
    /// {status: schema}}, "schemas": {name: schema}}`), e.g. from a newer spec than this build's.
    pub fn from_knowledge(provider: Provider, text: &str) -> Result<Checker, serde_json::Error> {
        let mut knowledge: Map<String, Value> = serde_json::from_str(text)?;
        let take = |k: &mut Map<String, Value>, key: &str| match k.remove(key) {
            Some(Value::Object(m)) => m,
            _ => Map::new(),
        };
        let operations = take(&mut knowledge, "operations");
        let schemas = take(&mut knowledge, "schemas");
        Ok(Checker { provider, operations, schemas })
    }

    /// The provider this checker knows.
    pub fn provider(&self) -> Provider {
        self.provider
    }

    /// The `operationId` whose body [`customer_core::CustomerSource::customer`] keeps in `raw`
    /// (the registry's `customer_operation`).
    pub fn customer_operation(provider: Provider) -> &'static str {
        provider.facts().customer_operation
    }

    /// The spec's operation ids.
    pub fn operations(&self) -> impl Iterator<Item = &str> {
        self.operations.keys().map(String::as_str)
    }

    /// The schema documented for `operation` answering `status`: the exact status, else `4XX`
    /// style ranges, else `default`.
    fn response_schema(&self, operation: &str, status: u16) -> Result<Option<&Value>, Outcome> {
        let op = self.operations.get(operation).ok_or(Outcome::UnknownOperation)?;
        let exact = status.to_string();
        let range = format!("{}XX", status / 100);
        Ok([exact.as_str(), range.as_str(), &range.to_lowercase(), "default"].iter().find_map(|k| op.get(*k)))
    }

    /// Compares one response body with the spec's schema for `operation` and `status`.
    pub fn check(&self, operation: &str, status: u16, body: &[u8]) -> Findings {
        match serde_json::from_slice::<Value>(body) {
            Ok(v) => self.check_value(operation, status, &v),
            Err(_) => Findings {
                operation: operation.to_string(),
                status,
                outcome: match self.response_schema(operation, status) {
                    Err(o) => o,
                    Ok(_) => Outcome::NotJson,
                },
                items: Vec::new(),
            },
        }
    }

    /// [`Checker::check`] over an already parsed body.
    pub fn check_value(&self, operation: &str, status: u16, body: &Value) -> Findings {
        let mut findings = Findings {
            operation: operation.to_string(),
            status,
            outcome: Outcome::Checked,
            items: Vec::new(),
        };
        match self.response_schema(operation, status) {
            Err(o) => findings.outcome = o,
            Ok(None) => findings.outcome = Outcome::NoSchema,
            Ok(Some(schema)) => {
                let view = self.view(schema, None, 0);
                self.value(body, &view, "", &mut findings.items, 0);
            }
        }
        findings
    }

    fn resolve<'a>(&'a self, mut s: &'a Value, owner: &mut Option<&'a str>) -> &'a Value {
        for _ in 0..64 {
            let Some(r) = s.get("$ref").and_then(Value::as_str) else { break };
            let name = r.rsplit('/').next().unwrap_or(r);
            match self.schemas.get(name) {
                Some(target) => {
                    *owner = Some(name);
                    s = target;
                }
                None => break,
            }
        }
        s
    }

    fn view<'a>(&'a self, schema: &'a Value, owner: Option<&'a str>, depth: usize) -> View<'a> {
        let mut owner = owner;
        let s = self.resolve(schema, &mut owner);
        let mut v = View { owner, ..View::default() };
        let Some(obj) = s.as_object() else { return v };
        match obj.get("type") {
            Some(Value::String(t)) => v.types = Some(vec![t.as_str()]),
            Some(Value::Array(ts)) => v.types = Some(ts.iter().filter_map(Value::as_str).collect()),
            _ => {}
        }
        v.lenient_text = obj.get("format").and_then(Value::as_str) == Some("lenient-text");
        v.nullable = obj.get("nullable").and_then(Value::as_bool).unwrap_or(false);
        if let Some(Value::Object(p)) = obj.get("properties") {
            v.properties.push(p);
        }
        if let Some(Value::Array(r)) = obj.get("required") {
            v.required.extend(r.iter().filter_map(Value::as_str));
        }
        v.items = obj.get("items");
        v.additional = obj.get("additionalProperties");
        for key in ["enum", "x-extensible-enum"] {
            if let Some(Value::Array(values)) = obj.get(key) {
                v.has_known = true;
                v.known.extend(values.iter());
            }
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(Value::Array(branches)) = obj.get(key) {
                v.alternatives.push(branches);
            }
        }
        if let (Some(Value::Array(branches)), true) = (obj.get("allOf"), depth < 32) {
            for b in branches {
                let bv = self.view(b, None, depth + 1);
                if v.types.is_none() {
                    v.types = bv.types;
                }
                v.lenient_text |= bv.lenient_text;
                v.nullable |= bv.nullable;
                if !bv.properties.is_empty() && v.properties.is_empty() {
                    v.owner = bv.owner.or(v.owner);
                }
                v.properties.extend(bv.properties);
                v.required.extend(bv.required);
                v.items = v.items.or(bv.items);
                v.additional = v.additional.or(bv.additional);
                v.has_known |= bv.has_known;
                v.known.extend(bv.known);
                v.alternatives.extend(bv.alternatives);
            }
        }
        if v.types.is_none() && (!v.properties.is_empty() || v.additional.is_some()) {
            v.types = Some(vec!["object"]);
        }
        v
    }

    fn value(&self, value: &Value, view: &View<'_>, path: &str, out: &mut Vec<Finding>, depth: usize) {
        if depth > 64 {
            return;
        }
        let finding = |kind, expected: Option<String>| Finding {
            kind,
            path: if path.is_empty() { "$".into() } else { path.to_string() },
            schema: view.owner.map(str::to_string),
            expected,
            found: json_type(value),
            example: Some(example(path, value)),
        };
        if value.is_null() {
            if !view.null_ok() {
                out.push(finding(Kind::ChangedType, Some(view.expected())));
            }
            return;
        }
        for branches in &view.alternatives {
            let mut best: Option<Vec<Finding>> = None;
            let mut all_type_only = true;
            let mut expected = BTreeSet::new();
            for b in branches.iter() {
                let bv = self.view(b, None, depth + 1);
                let mut sub = Vec::new();
                self.value(value, &bv, path, &mut sub, depth + 1);
                if sub.is_empty() {
                    best = Some(sub);
                    break;
                }
                let type_only = sub.len() == 1
                    && sub[0].kind == Kind::ChangedType
                    && sub[0].path == finding(Kind::ChangedType, None).path;
                all_type_only &= type_only;
                if type_only {
                    expected.extend(sub[0].expected.clone());
                }
                if best.as_ref().is_none_or(|b| sub.len() < b.len()) {
                    best = Some(sub);
                }
            }
            match best {
                Some(sub) if sub.is_empty() => {}
                Some(_) if all_type_only => {
                    let joined: Vec<String> = expected.into_iter().collect();
                    out.push(finding(Kind::ChangedType, Some(joined.join("|"))));
                    return;
                }
                Some(sub) => {
                    out.extend(sub);
                    return;
                }
                None => {}
            }
        }
        if let Some(types) = &view.types
            && !types.iter().any(|t| type_matches(t, value, view.lenient_text))
        {
            out.push(finding(Kind::ChangedType, Some(view.expected())));
            return;
        }
        if view.has_known
            && !value.is_object()
            && !value.is_array()
            && !view.known.iter().any(|k| same_value(k, value))
        {
            out.push(finding(Kind::UnknownEnumValue, None));
        }
        match value {
            Value::Object(obj) => {
                let free_form = view.properties.iter().all(|p| p.is_empty()) && view.additional.is_none();
                for (key, v) in obj {
                    let p = child(path, key);
                    if let Some(ps) = view.property(key) {
                        let pv = self.view(ps, None, depth + 1);
                        if v.is_null() && !pv.null_ok() {
                            if view.required.contains(&key.as_str()) {
                                out.push(Finding {
                                    kind: Kind::NullRequired,
                                    path: p,
                                    schema: view.owner.map(str::to_string),
                                    expected: Some(pv.expected()),
                                    found: "null",
                                    example: None,
                                });
                            }
                            continue;
                        }
                        self.value(v, &pv, &p, out, depth + 1);
                        continue;
                    }
                    match view.additional {
                        Some(Value::Bool(true)) => {}
                        Some(schema @ Value::Object(m)) if !m.is_empty() => {
                            let av = self.view(schema, None, depth + 1);
                            self.value(v, &av, &child(path, "*"), out, depth + 1);
                        }
                        Some(Value::Object(_)) => {}
                        _ if free_form => {}
                        _ => out.push(Finding {
                            kind: Kind::AddedProperty,
                            schema: view.owner.map(str::to_string),
                            expected: None,
                            found: json_type(v),
                            example: Some(example(&p, v)),
                            path: p,
                        }),
                    }
                }
                for r in &view.required {
                    if !obj.contains_key(*r) {
                        out.push(Finding {
                            kind: Kind::MissingRequired,
                            path: child(path, r),
                            schema: view.owner.map(str::to_string),
                            expected: None,
                            found: "absent",
                            example: None,
                        });
                    }
                }
            }
            Value::Array(elems) => {
                if let Some(items) = view.items {
                    let iv = self.view(items, None, depth + 1);
                    let p = format!("{path}[]");
                    for e in elems {
                        self.value(e, &iv, &p, out, depth + 1);
                    }
                }
            }
            _ => {}
        }
    }
}

/// One aggregated finding of a [`Report`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Entry {
    /// What differs.
    pub kind: Kind,
    /// JSON path in the body.
    pub path: String,
    /// The operation whose bodies had it.
    pub operation: String,
    /// The component schema the path belongs to, when known.
    pub schema: Option<String>,
    /// What the spec allows, for type findings.
    pub expected: Option<String>,
    /// How many bodies had it.
    pub bodies: u64,
    /// How many times in all (array rows count once each).
    pub occurrences: u64,
    /// JSON types seen (`null` included).
    pub types: BTreeSet<&'static str>,
    /// Up to three distinct examples (the smallest), truncated, secrets redacted.
    pub examples: Vec<String>,
}

impl Entry {
    /// The inferred type: the non-null types seen, joined with `|` (`null` if only nulls).
    pub fn inferred_type(&self) -> String {
        let t: Vec<&str> = self.types.iter().copied().filter(|t| *t != "null").collect();
        if t.is_empty() { "null".into() } else { t.join("|") }
    }
    /// Whether `null` was seen.
    pub fn null_seen(&self) -> bool {
        self.types.contains("null")
    }
}

/// The mapping's warnings for one field, aggregated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct WarningEntry {
    /// The Customer field the warning is about.
    pub field: String,
    /// How many warnings.
    pub count: u64,
    /// One message (the smallest, truncated).
    pub example: String,
}

/// Findings aggregated over many bodies.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct Report {
    /// The provider.
    pub provider: Provider,
    /// Bodies seen.
    pub bodies: u64,
    /// Bodies compared with a schema.
    pub checked: u64,
    /// Bodies for which the spec documents no JSON schema (their operation and status).
    pub without_schema: u64,
    /// Bodies that were not JSON.
    pub not_json: u64,
    /// Results that had no body to check (transport errors, error lines without `raw`).
    pub unchecked: u64,
    /// True when any finding was made (the CLI exits 1).
    pub drift: bool,
    /// The findings, by kind then path.
    pub findings: Vec<Entry>,
    /// The mapping's warnings by field (not drift by themselves).
    pub warnings: Vec<WarningEntry>,
    #[serde(skip)]
    index: BTreeMap<(Kind, String, String), usize>,
}

impl Report {
    /// An empty report.
    pub fn new(provider: Provider) -> Report {
        Report {
            provider,
            bodies: 0,
            checked: 0,
            without_schema: 0,
            not_json: 0,
            unchecked: 0,
            drift: false,
            findings: Vec::new(),
            warnings: Vec::new(),
            index: BTreeMap::new(),
        }
    }

    /// Adds one body's findings.
    pub fn add(&mut self, findings: &Findings) {
        self.bodies += 1;
        match findings.outcome {
            Outcome::Checked => self.checked += 1,
            Outcome::NoSchema | Outcome::UnknownOperation => self.without_schema += 1,
            Outcome::NotJson => self.not_json += 1,
        }
        let mut seen = BTreeSet::new();
        for f in &findings.items {
            let key = (f.kind, f.path.clone(), findings.operation.clone());
            let i = match self.index.get(&key) {
                Some(i) => *i,
                None => {
                    self.findings.push(Entry {
                        kind: f.kind,
                        path: f.path.clone(),
                        operation: findings.operation.clone(),
                        schema: f.schema.clone(),
                        expected: f.expected.clone(),
                        bodies: 0,
                        occurrences: 0,
                        types: BTreeSet::new(),
                        examples: Vec::new(),
                    });
                    self.index.insert(key.clone(), self.findings.len() - 1);
                    self.findings.len() - 1
                }
            };
            let e = &mut self.findings[i];
            e.occurrences += 1;
            if seen.insert(key) {
                e.bodies += 1;
            }
            e.types.insert(f.found);
            if let Some(x) = &f.example {
                // The three smallest distinct examples: the report does not depend on body order.
                if let Err(at) = e.examples.binary_search(x)
                    && at < 3
                {
                    e.examples.insert(at, x.clone());
                    e.examples.truncate(3);
                }
            }
        }
        self.drift = !self.findings.is_empty();
    }

    /// Counts one result that had no body to check.
    pub fn add_unchecked(&mut self) {
        self.unchecked += 1;
    }

    /// Adds one of the mapping's warnings (`Customer::warnings`).
    pub fn add_warning(&mut self, field: &str, message: &str) {
        match self.warnings.iter_mut().find(|w| w.field == field) {
            Some(w) => w.count += 1,
            None => self.warnings.push(WarningEntry {
                field: field.to_string(),
                count: 1,
                example: truncate(message),
            }),
        }
    }

    /// True when any finding was made.
    pub fn has_drift(&self) -> bool {
        !self.findings.is_empty()
    }

    /// The findings and warnings in a stable order (kind, path; warnings by field).
    pub fn sorted(mut self) -> Report {
        self.findings.sort_by(|a, b| (a.kind, &a.path, &a.operation).cmp(&(b.kind, &b.path, &b.operation)));
        self.warnings.sort_by(|a, b| a.field.cmp(&b.field));
        self.index = self
            .findings
            .iter()
            .enumerate()
            .map(|(i, e)| ((e.kind, e.path.clone(), e.operation.clone()), i))
            .collect();
        self
    }

    /// YAML snippets to add to `specs/<provider>.yaml` for each new property: its type, an example
    /// from the data, and `nullable: true` where nulls were seen. Empty when nothing is new.
    pub fn suggest(&self) -> String {
        let mut out = String::new();
        for e in self.findings.iter().filter(|e| e.kind == Kind::AddedProperty) {
            let name = e.path.rsplit(['.']).next().unwrap_or(&e.path);
            let place = match &e.schema {
                Some(s) => format!("components.schemas.{s}.properties"),
                None => format!("the schema of `{}` in operation {}", parent(&e.path), e.operation),
            };
            out.push_str(&format!(
                "# {} ({} of {} bodies) — add under {place}:\n",
                e.path, e.bodies, self.bodies
            ));
            out.push_str(&format!("{name}:\n"));
            let ty = e.inferred_type();
            if ty.contains('|') {
                out.push_str("  oneOf:\n");
                for t in ty.split('|') {
                    out.push_str(&format!("    - type: {t}\n"));
                }
            } else if ty != "null" {
                out.push_str(&format!("  type: {ty}\n"));
            }
            if e.null_seen() {
                out.push_str("  nullable: true\n");
            }
            if let Some(x) = e.examples.iter().find(|x| x.as_str() != "null") {
                out.push_str(&format!("  example: {}\n", yaml_scalar(x)));
            }
            out.push_str("  description: TODO (seen in live responses, undocumented)\n\n");
        }
        out
    }
}

fn parent(path: &str) -> &str {
    match path.rfind('.') {
        Some(i) => &path[..i],
        None => "$",
    }
}

/// An example (compact JSON) as a YAML scalar: JSON is YAML, but a cut value is no longer valid
/// JSON, so quote it as a YAML string then.
fn yaml_scalar(x: &str) -> String {
    if serde_json::from_str::<Value>(x).is_ok() {
        x.to_string()
    } else {
        format!("'{}'", x.replace('\'', "''"))
    }
}

#[cfg(test)]
mod tests;
