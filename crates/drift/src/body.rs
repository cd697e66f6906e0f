//! What the schema walk reads a body through: [`Body`], implemented by `&serde_json::Value` (for
//! [`crate::Checker::check_value`]) and by [`Node`], a handle into a [`Doc`]: the body parsed
//! into one flat vector whose strings borrow from the received bytes (for
//! [`crate::Checker::check`], which then allocates no string and no map, and a few vectors in
//! all instead of one per object or array).
//!
//! A [`Doc`] object holds its entries the way a `serde_json::Map` (this build's, without
//! `preserve_order`) would: sorted by key, a duplicate key keeping its last value. So the walk
//! visits the same keys in the same order over both, and a finding's example (compact JSON) is
//! the same text. Anything the `Value` parse would treat differently (serde_json's private
//! number / raw-value keys, 128-bit integers) makes [`parse`] fail on purpose, and the caller
//! then takes the `Value` path.

use std::{borrow::Cow, fmt, sync::OnceLock};

use serde::{
    Deserializer, Serialize, Serializer,
    de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor},
    ser::{SerializeMap, SerializeSeq},
};
use serde_json::{Map, Number, Value};

/// The JSON types the walk tells apart (`integer` and `number` separately).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ty {
    Null,
    Bool,
    Int,
    Num,
    Str,
    Arr,
    Obj,
}

/// A value of a parsed body as the walk reads it: a cheap handle, copied into each call.
pub(crate) trait Body<'t>: Copy {
    /// The value's JSON type.
    fn ty(self) -> Ty;
    /// The text of a string.
    fn as_text(self) -> Option<&'t str>;
    /// The number of a number.
    fn as_number(self) -> Option<&'t Number>;
    /// An object's entries in the order a `serde_json::Map` iterates them (empty otherwise).
    fn entries(self) -> impl Iterator<Item = (&'t str, Self)>;
    /// An array's elements (empty otherwise).
    fn elems(self) -> impl Iterator<Item = Self>;
    /// Whether an object has `key`.
    fn has_key(self, key: &str) -> bool;
    /// How many elements or entries an array or object has (0 otherwise).
    fn size(self) -> usize;
    /// Compact JSON, as `serde_json::to_string` of the equal `Value`.
    fn compact(self) -> String;
    /// Equal to `known` (as `Value`'s `==`).
    fn equals(self, known: &Value) -> bool;
}

impl<'t> Body<'t> for &'t Value {
    fn ty(self) -> Ty {
        match self {
            Value::Null => Ty::Null,
            Value::Bool(_) => Ty::Bool,
            Value::Number(n) if n.is_i64() || n.is_u64() => Ty::Int,
            Value::Number(_) => Ty::Num,
            Value::String(_) => Ty::Str,
            Value::Array(_) => Ty::Arr,
            Value::Object(_) => Ty::Obj,
        }
    }
    fn as_text(self) -> Option<&'t str> {
        self.as_str()
    }
    fn as_number(self) -> Option<&'t Number> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }
    fn entries(self) -> impl Iterator<Item = (&'t str, &'t Value)> {
        self.as_object().into_iter().flat_map(|m| m.iter().map(|(k, v)| (k.as_str(), v)))
    }
    fn elems(self) -> impl Iterator<Item = &'t Value> {
        let elems: &[Value] = match self {
            Value::Array(a) => a,
            _ => &[],
        };
        elems.iter()
    }
    fn has_key(self, key: &str) -> bool {
        self.as_object().is_some_and(|m| m.contains_key(key))
    }
    fn size(self) -> usize {
        match self {
            Value::Array(a) => a.len(),
            Value::Object(o) => o.len(),
            _ => 0,
        }
    }
    fn compact(self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
    fn equals(self, known: &Value) -> bool {
        self == known
    }
}

/// One value of a [`Doc`]; arrays and objects name a run of [`Slot`]s.
#[derive(Debug, Clone, PartialEq)]
enum Flat<'a> {
    Null,
    Bool(bool),
    Num(Number),
    Str(Cow<'a, str>),
    /// `len` elements from `start`.
    Arr {
        start: usize,
        len: usize,
    },
    /// `len` entries from `start`, sorted by key, no duplicate key (the last value kept), as in a
    /// `serde_json::Map`.
    Obj {
        start: usize,
        len: usize,
    },
}

/// An array element (empty key) or an object entry.
#[derive(Debug, Clone, PartialEq)]
struct Slot<'a> {
    key: Cow<'a, str>,
    value: Flat<'a>,
}

/// A body parsed into one vector: each array's or object's children are one run of slots,
/// written when the container closes (so after their own children). Strings borrow from the
/// parsed bytes when they have no escapes.
#[derive(Debug)]
pub(crate) struct Doc<'a> {
    slots: Vec<Slot<'a>>,
    root: Flat<'a>,
}

impl<'a> Doc<'a> {
    /// The top-level value.
    pub(crate) fn root(&self) -> Node<'_, 'a> {
        Node { slots: &self.slots, flat: &self.root }
    }
}

/// A value of a [`Doc`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Node<'t, 'a> {
    slots: &'t [Slot<'a>],
    flat: &'t Flat<'a>,
}

impl<'t, 'a> Node<'t, 'a> {
    /// The slots of an array or object (empty otherwise).
    fn children(self) -> &'t [Slot<'a>] {
        match *self.flat {
            Flat::Arr { start, len } | Flat::Obj { start, len } => &self.slots[start..start + len],
            _ => &[],
        }
    }
}

impl<'t, 'a> Body<'t> for Node<'t, 'a> {
    fn ty(self) -> Ty {
        match self.flat {
            Flat::Null => Ty::Null,
            Flat::Bool(_) => Ty::Bool,
            Flat::Num(n) if n.is_i64() || n.is_u64() => Ty::Int,
            Flat::Num(_) => Ty::Num,
            Flat::Str(_) => Ty::Str,
            Flat::Arr { .. } => Ty::Arr,
            Flat::Obj { .. } => Ty::Obj,
        }
    }
    fn as_text(self) -> Option<&'t str> {
        match self.flat {
            Flat::Str(s) => Some(s),
            _ => None,
        }
    }
    fn as_number(self) -> Option<&'t Number> {
        match self.flat {
            Flat::Num(n) => Some(n),
            _ => None,
        }
    }
    fn entries(self) -> impl Iterator<Item = (&'t str, Self)> {
        let entries = if matches!(self.flat, Flat::Obj { .. }) { self.children() } else { &[] };
        let slots = self.slots;
        entries.iter().map(move |s| (s.key.as_ref(), Node { slots, flat: &s.value }))
    }
    fn elems(self) -> impl Iterator<Item = Self> {
        let elems = if matches!(self.flat, Flat::Arr { .. }) { self.children() } else { &[] };
        let slots = self.slots;
        elems.iter().map(move |s| Node { slots, flat: &s.value })
    }
    fn has_key(self, key: &str) -> bool {
        matches!(self.flat, Flat::Obj { .. })
            && self.children().binary_search_by(|s| s.key.as_ref().cmp(key)).is_ok()
    }
    fn size(self) -> usize {
        match *self.flat {
            Flat::Arr { len, .. } | Flat::Obj { len, .. } => len,
            _ => 0,
        }
    }
    fn compact(self) -> String {
        serde_json::to_string(&self).unwrap_or_default()
    }
    fn equals(self, known: &Value) -> bool {
        match (self.flat, known) {
            (Flat::Null, Value::Null) => true,
            (Flat::Bool(a), Value::Bool(b)) => a == b,
            (Flat::Num(a), Value::Number(b)) => a == b,
            (Flat::Str(a), Value::String(b)) => a == b,
            (Flat::Arr { len, .. }, Value::Array(b)) => {
                *len == b.len() && self.elems().zip(b).all(|(x, y)| x.equals(y))
            }
            (Flat::Obj { len, .. }, Value::Object(b)) => {
                *len == b.len() && self.entries().all(|(k, v)| b.get(k).is_some_and(|w| v.equals(w)))
            }
            _ => false,
        }
    }
}

/// Serialised as the equal `Value` is (entries are already in `Map` order).
impl Serialize for Node<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.flat {
            Flat::Null => s.serialize_unit(),
            Flat::Bool(b) => s.serialize_bool(*b),
            Flat::Num(n) => n.serialize(s),
            Flat::Str(t) => s.serialize_str(t),
            Flat::Arr { len, .. } => {
                let mut seq = s.serialize_seq(Some(*len))?;
                for e in self.elems() {
                    seq.serialize_element(&e)?;
                }
                seq.end()
            }
            Flat::Obj { len, .. } => {
                let mut map = s.serialize_map(Some(*len))?;
                for (k, v) in self.entries() {
                    map.serialize_entry(k, &v)?;
                }
                map.end()
            }
        }
    }
}

/// Why [`parse`] gave up on a body the `Value` parse reads differently.
const DIFFERENT: &str = "crm-drift: parse as serde_json::Value instead";

/// Keys serde_json's `Value` parse treats as markers (`arbitrary_precision`, `raw_value`).
fn private_key(key: &str) -> bool {
    key.starts_with("$serde_json::private::")
}

/// True when this build's `serde_json::Map` iterates in key order (no `preserve_order` feature
/// unified in by another crate); [`Doc`] objects mirror that order only.
pub(crate) fn map_is_sorted() -> bool {
    static SORTED: OnceLock<bool> = OnceLock::new();
    *SORTED.get_or_init(|| {
        let mut m = Map::new();
        m.insert("b".to_string(), Value::Null);
        m.insert("a".to_string(), Value::Null);
        m.keys().next().map(String::as_str) == Some("a")
    })
}

/// Parses `body` as `serde_json::from_slice` would (same syntax errors, same depth limit), or
/// fails on purpose where a `Value` would not mirror it (see the module doc).
pub(crate) fn parse(body: &[u8]) -> serde_json::Result<Doc<'_>> {
    // About one slot per 16 bytes of JSON, so a typical body fills one allocation; the stack
    // holds the open containers' children (a few dozen in a typical body).
    let mut b =
        Builder { slots: Vec::with_capacity((body.len() / 16).min(4096)), stack: Vec::with_capacity(32) };
    let mut de = serde_json::Deserializer::from_slice(body);
    let root = ValueSeed(&mut b).deserialize(&mut de)?;
    de.end()?;
    Ok(Doc { slots: b.slots, root })
}

/// The parse's state: the finished slots, and the children of the containers still open.
struct Builder<'a> {
    slots: Vec<Slot<'a>>,
    stack: Vec<Slot<'a>>,
}

struct ValueSeed<'b, 'a>(&'b mut Builder<'a>);

impl<'de> DeserializeSeed<'de> for ValueSeed<'_, 'de> {
    type Value = Flat<'de>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Flat<'de>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_, 'de> {
    type Value = Flat<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any valid JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Flat<'de>, E> {
        Ok(Flat::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Flat<'de>, E> {
        Ok(Flat::Num(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Flat<'de>, E> {
        Ok(Flat::Num(v.into()))
    }
    fn visit_i128<E: de::Error>(self, _: i128) -> Result<Flat<'de>, E> {
        Err(E::custom(DIFFERENT))
    }
    fn visit_u128<E: de::Error>(self, _: u128) -> Result<Flat<'de>, E> {
        Err(E::custom(DIFFERENT))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Flat<'de>, E> {
        Ok(Number::from_f64(v).map_or(Flat::Null, Flat::Num))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Flat<'de>, E> {
        Ok(Flat::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Flat<'de>, E> {
        Ok(Flat::Str(Cow::Owned(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> Result<Flat<'de>, E> {
        Ok(Flat::Str(Cow::Owned(v)))
    }
    fn visit_none<E>(self) -> Result<Flat<'de>, E> {
        Ok(Flat::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Flat<'de>, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_unit<E>(self) -> Result<Flat<'de>, E> {
        Ok(Flat::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Flat<'de>, A::Error> {
        let b = self.0;
        let mark = b.stack.len();
        while let Some(value) = seq.next_element_seed(ValueSeed(&mut *b))? {
            b.stack.push(Slot { key: Cow::Borrowed(""), value });
        }
        let start = b.slots.len();
        b.slots.extend(b.stack.drain(mark..));
        Ok(Flat::Arr { start, len: b.slots.len() - start })
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Flat<'de>, A::Error> {
        let b = self.0;
        let mark = b.stack.len();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            if private_key(&key) {
                return Err(de::Error::custom(DIFFERENT));
            }
            let value = map.next_value_seed(ValueSeed(&mut *b))?;
            b.stack.push(Slot { key, value });
        }
        let start = b.slots.len();
        let entries = &mut b.stack[mark..];
        if entries.is_sorted_by(|x, y| x.key < y.key) {
            b.slots.extend(b.stack.drain(mark..));
        } else {
            // Stable: equal keys stay in body order, and the last one's value is kept.
            entries.sort_by(|x, y| x.key.cmp(&y.key));
            for slot in b.stack.drain(mark..) {
                match b.slots[start..].last_mut() {
                    Some(last) if last.key == slot.key => last.value = slot.value,
                    _ => b.slots.push(slot),
                }
            }
        }
        Ok(Flat::Obj { start, len: b.slots.len() - start })
    }
}

/// An object key, borrowed when it has no escapes.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string key")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v))
    }
}
