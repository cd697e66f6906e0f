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

use std::{
    collections::{BTreeMap, BTreeSet},
    sync::{Arc, atomic::Ordering},
};

use customer_core::{ByProvider, Provider};
use serde::Serialize;
use serde_json::{Map, Value};

mod body;
mod compiled;
#[allow(missing_docs)]
mod generated;

use body::{Body, Ty};
use compiled::{Additional, NodeId, Tree};

/// How long an example value may be, in characters, before it is cut with `…`.
pub const EXAMPLE_CHARS: usize = 40;

/// At most this many findings are kept per body; the rest are counted in [`Findings::cut`].
pub const MAX_FINDINGS_PER_BODY: usize = 200;

/// At most this many distinct findings (kind, path, operation) are kept in a [`Report`]; the rest
/// are counted in [`Report::findings_cut`].
pub const MAX_REPORT_ENTRIES: usize = 500;

/// At most this many reasons for bodies that could not be checked are kept in a [`Report`]; the
/// rest are counted in [`Report::problems_cut`].
pub const MAX_PROBLEMS: usize = 100;

/// How deep a body may nest before it is reported as [`Outcome::TooDeep`] (serde_json's limit).
pub const MAX_DEPTH: usize = 128;

/// Path segments (lowercased, `-` as `_`) whose values are never shown.
const SECRET_WORDS: &[&str] = &[
    "token",
    "tok",
    "secret",
    "password",
    "passwd",
    "pwd",
    "pass",
    "apikey",
    "api_key",
    "accesskey",
    "access_key",
    "credential",
    "auth",
    "signature",
    "private",
    "session",
    "cookie",
    "bearer",
];

/// Value prefixes (lowercased) that mark a credential whatever the key is called.
const SECRET_PREFIXES: &[&str] = &["bearer ", "basic ", "digest ", "token "];

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
    /// For an added property, its name as in the body (a name may contain `.`).
    pub key: Option<String>,
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
    /// The body is not JSON (empty, cut off, an HTML error page).
    NotJson,
    /// The body is JSON nested deeper than [`MAX_DEPTH`]: it could not be walked.
    TooDeep,
}

impl Outcome {
    /// Why a body with this outcome was not compared, or `None` when it was.
    pub fn reason(self) -> Option<&'static str> {
        match self {
            Outcome::Checked => None,
            Outcome::NoSchema => Some("the spec documents no JSON schema for this operation and status"),
            Outcome::UnknownOperation => Some("the spec has no such operation"),
            Outcome::NotJson => Some("the body is not JSON (empty, cut off or an error page)"),
            Outcome::TooDeep => Some("the body nests deeper than 128 levels and could not be walked"),
        }
    }
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
    /// Every difference, one per occurrence (an array row each), at most
    /// [`MAX_FINDINGS_PER_BODY`].
    pub items: Vec<Finding>,
    /// Findings beyond [`MAX_FINDINGS_PER_BODY`] that were counted but not kept.
    pub cut: u64,
    /// Why the body could not be parsed, when it could not (`outcome` `NotJson` / `TooDeep`).
    pub detail: Option<String>,
}

impl Findings {
    /// True when the body matched its schema (or there was nothing to compare it with).
    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.cut == 0
    }
}

/// Replaces secrets in text before it is cut into an example (see [`Checker::with_redactor`]).
pub type Redactor = fn(&str) -> String;

/// One provider's spec knowledge: the response schemas of its operations, compiled once into an
/// indexed tree (`$ref`s resolved, `allOf` merged, properties hashed).
#[derive(Debug, Clone)]
pub struct Checker {
    provider: Provider,
    operations: Map<String, Value>,
    tree: Arc<Tree>,
    redact: Option<Redactor>,
}

fn json_type<'t>(v: impl Body<'t>) -> &'static str {
    match v.ty() {
        Ty::Null => "null",
        Ty::Bool => "boolean",
        Ty::Int => "integer",
        Ty::Num => "number",
        Ty::Str => "string",
        Ty::Arr => "array",
        Ty::Obj => "object",
    }
}

fn type_matches<'t>(allowed: u8, v: impl Body<'t>, lenient_text: bool) -> bool {
    let ty = v.ty();
    let bit = match ty {
        Ty::Null => compiled::T_NULL,
        Ty::Bool => compiled::T_BOOL,
        Ty::Int => compiled::T_INT,
        Ty::Num => compiled::T_NUM,
        Ty::Str => compiled::T_STR,
        Ty::Arr => compiled::T_ARR,
        Ty::Obj => compiled::T_OBJ,
    };
    allowed & bit != 0
        || (lenient_text && allowed & compiled::T_STR != 0 && matches!(ty, Ty::Int | Ty::Num | Ty::Bool))
}

/// Equal, or the same text (`"6"` and `6`): fields typed "integer or string" list one form.
fn same_value<'t>(known: &Value, v: impl Body<'t>) -> bool {
    v.equals(known)
        || match (known, v.as_text(), v.as_number()) {
            (Value::String(s), _, Some(n)) => s.trim() == n.to_string(),
            (Value::Number(n), Some(s), _) => s.trim() == n.to_string(),
            _ => false,
        }
}

/// A JSON path while a body is walked, rendered only when a finding is built.
#[derive(Clone, Copy)]
enum Seg<'a> {
    Root,
    Key(&'a str),
    Items,
    Star,
}

struct P<'a> {
    parent: Option<&'a P<'a>>,
    seg: Seg<'a>,
}

impl P<'_> {
    /// `data.customerNote`, `ResultValue[].ShowType`, `labels.*`; empty at the root.
    fn render(&self) -> String {
        let mut segs = Vec::new();
        let mut at = Some(self);
        while let Some(p) = at {
            segs.push(p.seg);
            at = p.parent;
        }
        let mut out = String::new();
        for seg in segs.into_iter().rev() {
            let name = match seg {
                Seg::Root => continue,
                Seg::Items => {
                    out.push_str("[]");
                    continue;
                }
                Seg::Key(k) => k,
                Seg::Star => "*",
            };
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(name);
        }
        out
    }
}

fn is_secret_path(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.split(['.', '[']).any(|seg| {
        let seg = seg.replace('-', "_");
        SECRET_WORDS.iter().any(|w| seg.contains(w))
    })
}

fn is_secret_value<'t>(v: impl Body<'t>) -> bool {
    match v.as_text() {
        Some(s) => {
            let head: String = s.trim_start().chars().take(8).collect::<String>().to_ascii_lowercase();
            SECRET_PREFIXES.iter().any(|p| head.starts_with(p))
        }
        None => false,
    }
}

/// Compact JSON of `v`, cut to [`EXAMPLE_CHARS`] characters, or `<redacted>` under a secret path
/// or for a credential-looking value (`Bearer …`).
pub fn example(path: &str, v: &Value) -> String {
    example_with(path, v, None)
}

fn example_with<'t>(path: &str, v: impl Body<'t>, redact: Option<Redactor>) -> String {
    if is_secret_path(path) || is_secret_value(v) {
        return "<redacted>".into();
    }
    // Only the start is shown: don't serialise a huge value whole.
    let text = match v.ty() {
        Ty::Arr if v.size() > EXAMPLE_CHARS => "[…]".to_string(),
        Ty::Obj if v.size() > EXAMPLE_CHARS => "{…}".to_string(),
        _ => v.compact(),
    };
    // Secrets are replaced before the cut, so a cut never shows part of one.
    match redact {
        Some(f) => truncate(&f(&text)),
        None => truncate(&text),
    }
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
        // One entry per provider, written by `cargo xtask codegen` from the registry's list (a
        // provider without a spec fails to generate, a stale file fails `codegen --check`).
        let text = *generated::KNOWLEDGE.get(provider);
        Checker::from_knowledge(provider, text).unwrap_or_else(|_| Checker {
            provider,
            operations: Map::new(),
            tree: Arc::new(Tree::default()),
            redact: None,
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
        let tree = Arc::new(Tree::build(&operations, &schemas));
        Ok(Checker { provider, operations, tree, redact: None })
    }

    /// Applies `redact` to every example before it is cut (the CLI passes its secret registry, so
    /// a configured secret echoed in a body is never shown, not even in part).
    pub fn with_redactor(mut self, redact: Redactor) -> Checker {
        self.redact = Some(redact);
        self
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
    fn response_schema(&self, operation: &str, status: u16) -> Result<Option<NodeId>, Outcome> {
        let op = self.tree.ops.get(operation).ok_or(Outcome::UnknownOperation)?;
        if let Some(id) = op.get(status.to_string().as_str()) {
            return Ok(Some(*id));
        }
        let range = format!("{}XX", status / 100);
        Ok([range.as_str(), &range.to_lowercase(), "default"].iter().find_map(|k| op.get(*k).copied()))
    }

    /// Compares one response body with the spec's schema for `operation` and `status`.
    ///
    /// The body is parsed into one flat tree whose strings borrow from `body` when they have no
    /// escapes (no map is built) and walked as [`Checker::check_value`] walks a `Value`, with the
    /// same findings; a body that tree cannot mirror exactly (not JSON, too deep, serde_json's
    /// private marker keys, or a build whose serde_json has `preserve_order`) is checked through
    /// a `Value`.
    pub fn check(&self, operation: &str, status: u16, body: &[u8]) -> Findings {
        if body::map_is_sorted()
            && let Ok(doc) = body::parse(body)
        {
            return self.check_body(operation, status, doc.root());
        }
        self.check_through_value(operation, status, body)
    }

    /// [`Checker::check`] through a `serde_json::Value` (the fallback, and the reference the
    /// borrowed path is tested against).
    fn check_through_value(&self, operation: &str, status: u16, body: &[u8]) -> Findings {
        match serde_json::from_slice::<Value>(body) {
            Ok(v) => self.check_value(operation, status, &v),
            Err(e) => {
                let (outcome, detail) = match self.response_schema(operation, status) {
                    Err(o) => (o, None),
                    Ok(_) if e.to_string().starts_with("recursion limit exceeded") => {
                        (Outcome::TooDeep, Some(format!("nested deeper than {MAX_DEPTH} levels")))
                    }
                    Ok(_) if body.iter().all(u8::is_ascii_whitespace) => {
                        (Outcome::NotJson, Some("empty body".to_string()))
                    }
                    Ok(_) if e.is_eof() => (Outcome::NotJson, Some(format!("JSON cut off: {e}"))),
                    Ok(_) => (Outcome::NotJson, Some(format!("not JSON: {e}"))),
                };
                Findings {
                    operation: operation.to_string(),
                    status,
                    outcome,
                    items: Vec::new(),
                    cut: 0,
                    detail,
                }
            }
        }
    }

    /// [`Checker::check`] over an already parsed body.
    pub fn check_value(&self, operation: &str, status: u16, body: &Value) -> Findings {
        self.check_body(operation, status, body)
    }

    fn check_body<'t, B: Body<'t>>(&self, operation: &str, status: u16, body: B) -> Findings {
        let mut findings = Findings {
            operation: operation.to_string(),
            status,
            outcome: Outcome::Checked,
            items: Vec::new(),
            cut: 0,
            detail: None,
        };
        match self.response_schema(operation, status) {
            Err(o) => findings.outcome = o,
            Ok(None) => findings.outcome = Outcome::NoSchema,
            Ok(Some(node)) => {
                let mut out = Out::building(self.redact);
                self.value(body, node, &P { parent: None, seg: Seg::Root }, &mut out, 0);
                if out.too_deep {
                    findings.outcome = Outcome::TooDeep;
                    findings.detail = Some(format!("nested deeper than {MAX_DEPTH} levels"));
                }
                findings.items = out.items;
                findings.cut = out.cut;
            }
        }
        findings
    }

    fn value<'t, B: Body<'t>>(&self, value: B, id: NodeId, at: &P<'_>, out: &mut Out, depth: usize) {
        if out.stopped() {
            return;
        }
        if depth > 4 * MAX_DEPTH {
            out.too_deep = true;
            return;
        }
        let node = &self.tree.nodes[id];
        let finding = |kind, expected: Option<String>, redact| {
            let path = at.render();
            Finding {
                kind,
                example: Some(example_with(&path, value, redact)),
                path: if path.is_empty() { "$".into() } else { path },
                key: None,
                schema: node.owner.as_deref().map(str::to_string),
                expected,
                found: json_type(value),
            }
        };
        let ty = value.ty();
        if ty == Ty::Null {
            if !node.null_ok() {
                out.push(Kind::ChangedType, at, |r| {
                    finding(Kind::ChangedType, Some(node.expected.clone()), r)
                });
            }
            return;
        }
        for (branches, last) in &node.alternatives {
            if branches.is_empty() {
                continue;
            }
            // The branch that matched last time first: when it matches, no other is walked.
            let preferred = last.load(Ordering::Relaxed) % branches.len();
            let mut probe = Out::counting(at, 1);
            self.value(value, branches[preferred], at, &mut probe, depth + 1);
            if probe.count == 0 && !probe.too_deep {
                continue;
            }
            let mut best: Option<(usize, u64)> = None;
            let mut all_type_only = true;
            for (i, b) in branches.iter().enumerate() {
                let limit = best.map_or(u64::MAX, |(_, c)| c.max(2));
                let mut sub = Out::counting(at, limit);
                self.value(value, *b, at, &mut sub, depth + 1);
                if sub.too_deep {
                    out.too_deep = true;
                }
                if sub.count == 0 && !sub.too_deep {
                    last.store(i, Ordering::Relaxed);
                    best = Some((i, 0));
                    break;
                }
                let type_only = sub.count == 1 && sub.first == Some((Kind::ChangedType, true));
                all_type_only &= type_only;
                if best.is_none_or(|(_, c)| sub.count < c) {
                    best = Some((i, sub.count));
                }
            }
            match best {
                Some((_, 0)) => {}
                Some(_) if all_type_only => {
                    // Rare: every branch disagrees on the type alone; name every type allowed.
                    let mut expected = BTreeSet::new();
                    for b in branches {
                        let mut sub = Out::building(None);
                        self.value(value, *b, at, &mut sub, depth + 1);
                        expected.extend(sub.items.into_iter().filter_map(|f| f.expected));
                    }
                    let joined: Vec<String> = expected.into_iter().collect();
                    out.push(Kind::ChangedType, at, |r| {
                        finding(Kind::ChangedType, Some(joined.join("|")), r)
                    });
                    return;
                }
                Some((i, _)) => {
                    // Only the kept branch builds its findings.
                    self.value(value, branches[i], at, out, depth + 1);
                    return;
                }
                None => {}
            }
        }
        if let Some(types) = node.types
            && !type_matches(types, value, node.lenient_text)
        {
            out.push(Kind::ChangedType, at, |r| finding(Kind::ChangedType, Some(node.expected.clone()), r));
            return;
        }
        if node.has_known
            && ty != Ty::Obj
            && ty != Ty::Arr
            && !node.known.iter().any(|k| same_value(k, value))
        {
            out.push(Kind::UnknownEnumValue, at, |r| finding(Kind::UnknownEnumValue, None, r));
        }
        match ty {
            Ty::Obj => {
                let free_form = node.no_properties && node.additional == Additional::Unset;
                for (key, v) in value.entries() {
                    if out.stopped() {
                        return;
                    }
                    let p = P { parent: Some(at), seg: Seg::Key(key) };
                    if let Some(&child) = node.properties.get(key) {
                        let cn = &self.tree.nodes[child];
                        if v.ty() == Ty::Null && !cn.null_ok() {
                            if node.required.iter().any(|r| r == key) {
                                out.push(Kind::NullRequired, &p, |_| Finding {
                                    kind: Kind::NullRequired,
                                    path: p.render(),
                                    key: None,
                                    schema: node.owner.as_deref().map(str::to_string),
                                    expected: Some(cn.expected.clone()),
                                    found: "null",
                                    example: None,
                                });
                            }
                            continue;
                        }
                        self.value(v, child, &p, out, depth + 1);
                        continue;
                    }
                    match node.additional {
                        Additional::Any => {}
                        Additional::Schema(a) => {
                            let star = P { parent: Some(at), seg: Seg::Star };
                            self.value(v, a, &star, out, depth + 1);
                        }
                        _ if free_form => {}
                        _ => out.push(Kind::AddedProperty, &p, |r| {
                            let path = p.render();
                            Finding {
                                kind: Kind::AddedProperty,
                                key: Some(key.to_string()),
                                schema: node.owner.as_deref().map(str::to_string),
                                expected: None,
                                found: json_type(v),
                                example: Some(example_with(&path, v, r)),
                                path,
                            }
                        }),
                    }
                }
                for r in &node.required {
                    if !value.has_key(r) {
                        let p = P { parent: Some(at), seg: Seg::Key(r) };
                        out.push(Kind::MissingRequired, &p, |_| Finding {
                            kind: Kind::MissingRequired,
                            path: p.render(),
                            key: None,
                            schema: node.owner.as_deref().map(str::to_string),
                            expected: None,
                            found: "absent",
                            example: None,
                        });
                    }
                }
            }
            Ty::Arr => {
                if let Some(items) = node.items {
                    let p = P { parent: Some(at), seg: Seg::Items };
                    for e in value.elems() {
                        if out.stopped() {
                            return;
                        }
                        self.value(e, items, &p, out, depth + 1);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Findings of one body while it is walked. Building: at most [`MAX_FINDINGS_PER_BODY`] kept (a
/// finding past the cap is counted, never built). Counting (a `oneOf` branch on trial): only how
/// many, and whether the first is at the trial's own path; the walk stops at `limit`.
struct Out {
    items: Vec<Finding>,
    cut: u64,
    redact: Option<Redactor>,
    too_deep: bool,
    counting: bool,
    count: u64,
    limit: u64,
    here: usize,
    first: Option<(Kind, bool)>,
}

impl Out {
    fn building(redact: Option<Redactor>) -> Out {
        Out {
            items: Vec::new(),
            cut: 0,
            redact,
            too_deep: false,
            counting: false,
            count: 0,
            limit: u64::MAX,
            here: 0,
            first: None,
        }
    }
    fn counting(here: &P<'_>, limit: u64) -> Out {
        Out { counting: true, limit, here: here as *const P<'_> as usize, ..Out::building(None) }
    }
    fn stopped(&self) -> bool {
        self.counting && self.count >= self.limit
    }
    fn push(&mut self, kind: Kind, at: &P<'_>, f: impl FnOnce(Option<Redactor>) -> Finding) {
        if self.counting {
            if self.count == 0 {
                self.first = Some((kind, at as *const P<'_> as usize == self.here));
            }
            self.count += 1;
        } else if self.items.len() < MAX_FINDINGS_PER_BODY {
            self.items.push(f(self.redact));
        } else {
            self.cut += 1;
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
    /// For an added property, its name as in the body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
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

/// A result whose customer body could not be checked, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Problem {
    /// The customer ID, when known.
    pub id: Option<String>,
    /// The HTTP status, when a response came.
    pub status: Option<u16>,
    /// Why (cut to 200 characters).
    pub reason: String,
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
    /// Bodies that were not JSON (empty, cut off, an HTML error page).
    pub not_json: u64,
    /// Bodies nested too deep to walk.
    pub too_deep: u64,
    /// Results that had no body to check (transport errors, error lines without `raw`).
    pub unchecked: u64,
    /// Results whose customer could not be checked at all (no body, a body not JSON or too deep,
    /// or a failed fetch whose error body is all that came): drift is unknown for them.
    pub incomplete: u64,
    /// Why, for each of the first [`MAX_PROBLEMS`] incomplete results.
    pub problems: Vec<Problem>,
    /// Incomplete results beyond [`MAX_PROBLEMS`], counted but not listed.
    pub problems_cut: u64,
    /// True when any finding was made (the CLI exits 1).
    pub drift: bool,
    /// The findings, by kind then path (at most [`MAX_REPORT_ENTRIES`]).
    pub findings: Vec<Entry>,
    /// Findings not kept: beyond [`MAX_FINDINGS_PER_BODY`] in one body, or new (kind, path)
    /// pairs beyond [`MAX_REPORT_ENTRIES`].
    pub findings_cut: u64,
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
            too_deep: 0,
            unchecked: 0,
            incomplete: 0,
            problems: Vec::new(),
            problems_cut: 0,
            drift: false,
            findings: Vec::new(),
            findings_cut: 0,
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
            Outcome::TooDeep => self.too_deep += 1,
        }
        self.findings_cut += findings.cut;
        let mut seen = BTreeSet::new();
        for f in &findings.items {
            let key = (f.kind, f.path.clone(), findings.operation.clone());
            let i = match self.index.get(&key) {
                Some(i) => *i,
                None if self.findings.len() >= MAX_REPORT_ENTRIES => {
                    self.findings_cut += 1;
                    continue;
                }
                None => {
                    self.findings.push(Entry {
                        kind: f.kind,
                        path: f.path.clone(),
                        key: f.key.clone(),
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
        self.drift = self.has_drift();
    }

    /// Counts one result that had no body to check.
    pub fn add_unchecked(&mut self) {
        self.unchecked += 1;
    }

    /// Counts one result whose customer could not be checked, with the reason (shown in the
    /// report for the first [`MAX_PROBLEMS`]).
    pub fn add_incomplete(&mut self, id: Option<&str>, status: Option<u16>, reason: &str) {
        self.incomplete += 1;
        if self.problems.len() < MAX_PROBLEMS {
            let reason = if reason.chars().count() > 200 {
                let mut r: String = reason.chars().take(199).collect();
                r.push('…');
                r
            } else {
                reason.to_string()
            };
            self.problems.push(Problem { id: id.map(truncate), status, reason });
        } else {
            self.problems_cut += 1;
        }
    }

    /// True when some result could not be checked (the CLI exits 7 when nothing else drifted).
    pub fn is_incomplete(&self) -> bool {
        self.incomplete > 0
    }

    /// Adds one of the mapping's warnings (`Customer::warnings`).
    pub fn add_warning(&mut self, field: &str, message: &str) {
        let full = self.warnings.len() >= MAX_REPORT_ENTRIES;
        match self.warnings.iter_mut().find(|w| w.field == field) {
            Some(w) => w.count += 1,
            None if full => {}
            None => self.warnings.push(WarningEntry {
                field: field.to_string(),
                count: 1,
                example: truncate(message),
            }),
        }
    }

    /// True when any finding was made.
    pub fn has_drift(&self) -> bool {
        !self.findings.is_empty() || self.findings_cut > 0
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
    ///
    /// Every property name is a double-quoted YAML scalar (control, bidi and non-printable
    /// characters as `\uXXXX`), so a hostile name (`x\nevil: 1`, `&a`, `!!tag`, `---`) stays one
    /// whole name and the snippets parse; comments carry paths with those characters escaped.
    pub fn suggest(&self) -> String {
        let mut out = String::new();
        for e in self.findings.iter().filter(|e| e.kind == Kind::AddedProperty) {
            let name = match &e.key {
                Some(k) => k.as_str(),
                None => e.path.rsplit(['.']).next().unwrap_or(&e.path),
            };
            let place = match &e.schema {
                Some(s) => format!("components.schemas.{}.properties", yaml_comment(s)),
                None => format!(
                    "the schema of `{}` in operation {}",
                    yaml_comment(parent(&e.path)),
                    yaml_comment(&e.operation)
                ),
            };
            out.push_str(&format!(
                "# {} ({} of {} bodies) — add under {place}:\n",
                yaml_comment(&e.path),
                e.bodies,
                self.bodies
            ));
            out.push_str(&format!("{}:\n", yaml_quoted(name)));
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

/// True for characters YAML does not allow raw (outside its printable set) or that a terminal
/// may act on: C0 but tab, DEL, C1, bidi controls, line/paragraph separators, BOM, surrogates.
fn yaml_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
                | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
}

/// `s` as a double-quoted YAML scalar: `"` and `\\` escaped, unsafe characters as `\uXXXX`.
fn yaml_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if yaml_unsafe(c) => {
                let n = u32::from(c);
                if n <= 0xffff {
                    out.push_str(&format!("\\u{n:04x}"));
                } else {
                    out.push_str(&format!("\\U{n:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text for a YAML comment: on one line, unsafe characters shown as `\u{…}`.
fn yaml_comment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if yaml_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// An example (compact JSON) as a YAML scalar: JSON is YAML, but a cut value is no longer valid
/// JSON, so quote it as a YAML string then; text with characters YAML does not allow raw is
/// double-quoted with escapes.
fn yaml_scalar(x: &str) -> String {
    if x.chars().any(yaml_unsafe) {
        yaml_quoted(x)
    } else if serde_json::from_str::<Value>(x).is_ok() {
        x.to_string()
    } else {
        format!("'{}'", x.replace('\'', "''"))
    }
}

#[cfg(test)]
mod tests;
