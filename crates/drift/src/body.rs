//! What the schema walk reads a body through: [`Body`], implemented by `serde_json::Value` (for
//! [`crate::Checker::check_value`]) and by [`Json`], a tree that borrows its strings from the
//! received bytes (for [`crate::Checker::check`], which then allocates no string and no map).
//!
//! A [`Json`] object holds its entries the way a `serde_json::Map` (this build's, without
//! `preserve_order`) would: sorted by key, a duplicate key keeping its last value. So the walk
//! visits the same keys in the same order over both, and a finding's example (compact JSON) is
//! the same text. Anything the `Value` parse would treat differently (serde_json's private
//! number / raw-value keys, 128-bit integers) makes [`Json`]'s parse fail on purpose, and the
//! caller then takes the `Value` path.

use std::{borrow::Cow, fmt, sync::OnceLock};

use serde::{
    Deserialize, Deserializer, Serialize, Serializer,
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

/// A parsed body as the walk reads it.
pub(crate) trait Body: Sized {
    /// The value's JSON type.
    fn ty(&self) -> Ty;
    /// The text of a string.
    fn as_text(&self) -> Option<&str>;
    /// The number of a number.
    fn as_number(&self) -> Option<&Number>;
    /// An object's entries in the order a `serde_json::Map` iterates them (empty otherwise).
    fn entries(&self) -> impl Iterator<Item = (&str, &Self)>;
    /// An array's elements (empty otherwise).
    fn elems(&self) -> &[Self];
    /// Whether an object has `key`.
    fn has_key(&self, key: &str) -> bool;
    /// How many elements or entries an array or object has (0 otherwise).
    fn size(&self) -> usize;
    /// Compact JSON, as `serde_json::to_string` of the equal `Value`.
    fn compact(&self) -> String;
    /// Equal to `known` (as `Value`'s `==`).
    fn equals(&self, known: &Value) -> bool;
}

impl Body for Value {
    fn ty(&self) -> Ty {
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
    fn as_text(&self) -> Option<&str> {
        self.as_str()
    }
    fn as_number(&self) -> Option<&Number> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }
    fn entries(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.as_object().into_iter().flat_map(|m| m.iter().map(|(k, v)| (k.as_str(), v)))
    }
    fn elems(&self) -> &[Value] {
        match self {
            Value::Array(a) => a,
            _ => &[],
        }
    }
    fn has_key(&self, key: &str) -> bool {
        self.as_object().is_some_and(|m| m.contains_key(key))
    }
    fn size(&self) -> usize {
        match self {
            Value::Array(a) => a.len(),
            Value::Object(o) => o.len(),
            _ => 0,
        }
    }
    fn compact(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
    fn equals(&self, known: &Value) -> bool {
        self == known
    }
}

/// A JSON value whose strings borrow from the parsed bytes when they have no escapes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json<'a> {
    Null,
    Bool(bool),
    Num(Number),
    Str(Cow<'a, str>),
    Arr(Vec<Json<'a>>),
    /// Sorted by key, no duplicate key (the last value kept), as a `serde_json::Map`.
    Obj(Vec<(Cow<'a, str>, Json<'a>)>),
}

impl Body for Json<'_> {
    fn ty(&self) -> Ty {
        match self {
            Json::Null => Ty::Null,
            Json::Bool(_) => Ty::Bool,
            Json::Num(n) if n.is_i64() || n.is_u64() => Ty::Int,
            Json::Num(_) => Ty::Num,
            Json::Str(_) => Ty::Str,
            Json::Arr(_) => Ty::Arr,
            Json::Obj(_) => Ty::Obj,
        }
    }
    fn as_text(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }
    fn as_number(&self) -> Option<&Number> {
        match self {
            Json::Num(n) => Some(n),
            _ => None,
        }
    }
    fn entries(&self) -> impl Iterator<Item = (&str, &Self)> {
        let entries: &[(Cow<'_, str>, Json<'_>)] = match self {
            Json::Obj(o) => o,
            _ => &[],
        };
        entries.iter().map(|(k, v)| (k.as_ref(), v))
    }
    fn elems(&self) -> &[Self] {
        match self {
            Json::Arr(a) => a,
            _ => &[],
        }
    }
    fn has_key(&self, key: &str) -> bool {
        match self {
            Json::Obj(o) => o.binary_search_by(|(k, _)| k.as_ref().cmp(key)).is_ok(),
            _ => false,
        }
    }
    fn size(&self) -> usize {
        match self {
            Json::Arr(a) => a.len(),
            Json::Obj(o) => o.len(),
            _ => 0,
        }
    }
    fn compact(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
    fn equals(&self, known: &Value) -> bool {
        match (self, known) {
            (Json::Null, Value::Null) => true,
            (Json::Bool(a), Value::Bool(b)) => a == b,
            (Json::Num(a), Value::Number(b)) => a == b,
            (Json::Str(a), Value::String(b)) => a == b,
            (Json::Arr(a), Value::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.equals(y))
            }
            (Json::Obj(a), Value::Object(b)) => {
                a.len() == b.len() && a.iter().all(|(k, v)| b.get(k.as_ref()).is_some_and(|w| v.equals(w)))
            }
            _ => false,
        }
    }
}

/// Serialised as the equal `Value` is (entries are already in `Map` order).
impl Serialize for Json<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => s.serialize_unit(),
            Json::Bool(b) => s.serialize_bool(*b),
            Json::Num(n) => n.serialize(s),
            Json::Str(t) => s.serialize_str(t),
            Json::Arr(a) => {
                let mut seq = s.serialize_seq(Some(a.len()))?;
                for e in a {
                    seq.serialize_element(e)?;
                }
                seq.end()
            }
            Json::Obj(o) => {
                let mut map = s.serialize_map(Some(o.len()))?;
                for (k, v) in o {
                    map.serialize_entry(k.as_ref(), v)?;
                }
                map.end()
            }
        }
    }
}

/// Why [`Json`]'s parse gave up on a body the `Value` parse reads differently.
const DIFFERENT: &str = "crm-drift: parse as serde_json::Value instead";

/// Keys serde_json's `Value` parse treats as markers (`arbitrary_precision`, `raw_value`).
fn private_key(key: &str) -> bool {
    key.starts_with("$serde_json::private::")
}

/// True when this build's `serde_json::Map` iterates in key order (no `preserve_order` feature
/// unified in by another crate); [`Json`] objects mirror that order only.
pub(crate) fn map_is_sorted() -> bool {
    static SORTED: OnceLock<bool> = OnceLock::new();
    *SORTED.get_or_init(|| {
        let mut m = Map::new();
        m.insert("b".to_string(), Value::Null);
        m.insert("a".to_string(), Value::Null);
        m.keys().next().map(String::as_str) == Some("a")
    })
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any valid JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Json<'de>, E> {
        Ok(Json::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Json<'de>, E> {
        Ok(Json::Num(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Json<'de>, E> {
        Ok(Json::Num(v.into()))
    }
    fn visit_i128<E: de::Error>(self, _: i128) -> Result<Json<'de>, E> {
        Err(E::custom(DIFFERENT))
    }
    fn visit_u128<E: de::Error>(self, _: u128) -> Result<Json<'de>, E> {
        Err(E::custom(DIFFERENT))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Json<'de>, E> {
        Ok(Number::from_f64(v).map_or(Json::Null, Json::Num))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Owned(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Owned(v)))
    }
    fn visit_none<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Json<'de>, D::Error> {
        Json::deserialize(d)
    }
    fn visit_unit<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'de>, A::Error> {
        let mut out = Vec::new();
        while let Some(e) = seq.next_element()? {
            out.push(e);
        }
        Ok(Json::Arr(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json<'de>, A::Error> {
        let mut out: Vec<(Cow<'de, str>, Json<'de>)> = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            if private_key(&key) {
                return Err(de::Error::custom(DIFFERENT));
            }
            let value = map.next_value()?;
            out.push((key, value));
        }
        if !out.is_sorted_by(|a, b| a.0 < b.0) {
            // Stable: equal keys stay in body order, and the last one's value is kept.
            out.sort_by(|a, b| a.0.cmp(&b.0));
            out.dedup_by(|later, kept| {
                if later.0 == kept.0 {
                    std::mem::swap(&mut later.1, &mut kept.1);
                    true
                } else {
                    false
                }
            });
        }
        Ok(Json::Obj(out))
    }
}

impl<'de> Deserialize<'de> for Json<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Json<'de>, D::Error> {
        d.deserialize_any(JsonVisitor)
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
