//! A spec's knowledge compiled once (at [`crate::Checker::new`]) into an indexed tree: each
//! schema node has its `$ref`s resolved, `allOf` merged, properties in a hash map and types as a
//! bit set, so checking a body never re-reads the spec's JSON.

use std::{
    collections::HashMap,
    hash::{BuildHasherDefault, Hasher},
    sync::{Arc, atomic::AtomicUsize},
};

use serde_json::{Map, Value};

/// An unkeyed multiply-rotate hash (FxHash's) for the tree's name maps, ~4× cheaper than the
/// default SipHash on the short keys a body has. Safe here: the maps' keys come from the spec and
/// never change after [`Tree::build`]; a body's keys are only looked up, so a body cannot flood a
/// map with colliding keys, and a lookup's probe length is bounded by the fixed table.
#[derive(Default, Clone, Copy)]
pub(crate) struct NameHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl NameHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for NameHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map from names (property, operation, status) with [`NameHasher`].
pub(crate) type NameMap<V> = HashMap<String, V, BuildHasherDefault<NameHasher>>;

/// Index of a [`Node`] in [`Tree::nodes`].
pub(crate) type NodeId = usize;

pub(crate) const T_NULL: u8 = 1;
pub(crate) const T_BOOL: u8 = 2;
pub(crate) const T_INT: u8 = 4;
pub(crate) const T_NUM: u8 = 8;
pub(crate) const T_STR: u8 = 16;
pub(crate) const T_ARR: u8 = 32;
pub(crate) const T_OBJ: u8 = 64;

/// What a map's values not listed in `properties` may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Additional {
    /// Not said.
    Unset,
    /// `true` or `{}`: anything.
    Any,
    /// A schema.
    Schema(NodeId),
    /// Said, but not `true` nor an object (e.g. `false`).
    Other,
}

/// One schema, resolved and merged.
#[derive(Debug)]
pub(crate) struct Node {
    /// Allowed JSON types as a bit set; `None` when the schema says nothing.
    pub types: Option<u8>,
    /// The types as written, joined with `|` (for findings).
    pub expected: String,
    pub lenient_text: bool,
    pub nullable: bool,
    pub properties: NameMap<NodeId>,
    /// No property lists at all, or only empty ones.
    pub no_properties: bool,
    pub required: Vec<String>,
    pub items: Option<NodeId>,
    pub additional: Additional,
    pub known: Vec<Value>,
    pub has_known: bool,
    /// `oneOf` / `anyOf` branch lists, each with the index of the branch that matched last (tried
    /// first next time; the result does not depend on it).
    pub alternatives: Vec<(Vec<NodeId>, Arc<AtomicUsize>)>,
    pub owner: Option<Arc<str>>,
}

impl Node {
    pub fn null_ok(&self) -> bool {
        self.nullable || self.types.is_none_or(|t| t & T_NULL != 0)
    }
}

/// The compiled knowledge.
#[derive(Debug, Default)]
pub(crate) struct Tree {
    pub nodes: Vec<Node>,
    /// operationId → status key (`200`, `4XX`, `default`) → node.
    pub ops: NameMap<NameMap<NodeId>>,
}

fn type_bit(t: &str) -> u8 {
    match t {
        "null" => T_NULL,
        "boolean" => T_BOOL,
        "integer" => T_INT,
        "number" => T_NUM | T_INT,
        "string" => T_STR,
        "array" => T_ARR,
        "object" => T_OBJ,
        _ => 0,
    }
}

struct Builder<'a> {
    schemas: &'a Map<String, Value>,
    nodes: Vec<Option<Node>>,
    memo: HashMap<usize, NodeId>,
}

/// The merged view of one schema before it becomes a node (children not yet compiled).
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

impl<'a> Builder<'a> {
    fn resolve(&self, mut s: &'a Value, owner: &mut Option<&'a str>) -> &'a Value {
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

    fn view(&self, schema: &'a Value, depth: usize) -> View<'a> {
        let mut owner = None;
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
                let bv = self.view(b, depth + 1);
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

    fn compile(&mut self, schema: &'a Value) -> NodeId {
        let key = schema as *const Value as usize;
        if let Some(id) = self.memo.get(&key) {
            return *id;
        }
        let id = self.nodes.len();
        self.nodes.push(None);
        self.memo.insert(key, id);
        let v = self.view(schema, 0);
        let mut properties = NameMap::default();
        for p in &v.properties {
            for (name, s) in p.iter() {
                if !properties.contains_key(name) {
                    let child = self.compile(s);
                    properties.insert(name.clone(), child);
                }
            }
        }
        let items = v.items.map(|i| self.compile(i));
        let additional = match v.additional {
            None => Additional::Unset,
            Some(Value::Bool(true)) => Additional::Any,
            Some(s @ Value::Object(m)) if !m.is_empty() => Additional::Schema(self.compile(s)),
            Some(Value::Object(_)) => Additional::Any,
            Some(_) => Additional::Other,
        };
        let alternatives = v
            .alternatives
            .iter()
            .map(|bs| (bs.iter().map(|b| self.compile(b)).collect(), Arc::new(AtomicUsize::new(0))))
            .collect();
        let node = Node {
            types: v.types.as_ref().map(|ts| ts.iter().fold(0, |m, t| m | type_bit(t))),
            expected: v.types.as_ref().map_or_else(|| "any".to_string(), |t| t.join("|")),
            lenient_text: v.lenient_text,
            nullable: v.nullable,
            no_properties: v.properties.iter().all(|p| p.is_empty()),
            properties,
            required: v.required.iter().map(|r| r.to_string()).collect(),
            items,
            additional,
            known: v.known.into_iter().cloned().collect(),
            has_known: v.has_known,
            alternatives,
            owner: v.owner.map(Arc::from),
        };
        self.nodes[id] = Some(node);
        id
    }
}

impl Tree {
    /// Compiles `operations` (`{operationId: {status: schema}}`) over `schemas`.
    pub fn build(operations: &Map<String, Value>, schemas: &Map<String, Value>) -> Tree {
        let mut b = Builder { schemas, nodes: Vec::new(), memo: HashMap::new() };
        let mut ops = NameMap::default();
        for (op, responses) in operations {
            let mut by_status = NameMap::default();
            if let Value::Object(r) = responses {
                for (status, schema) in r {
                    by_status.insert(status.clone(), b.compile(schema));
                }
            }
            ops.insert(op.clone(), by_status);
        }
        let nodes = b
            .nodes
            .into_iter()
            .map(|n| {
                n.unwrap_or(Node {
                    types: None,
                    expected: "any".into(),
                    lenient_text: false,
                    nullable: false,
                    properties: NameMap::default(),
                    no_properties: true,
                    required: Vec::new(),
                    items: None,
                    additional: Additional::Unset,
                    known: Vec::new(),
                    has_known: false,
                    alternatives: Vec::new(),
                    owner: None,
                })
            })
            .collect();
        Tree { nodes, ops }
    }
}
