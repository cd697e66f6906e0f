//! [`RawJson`]: a provider's response body exactly as received, kept without a pass over it.
//!
//! A mapping runs on a value that was just decoded from the body, so the body is JSON: keeping it
//! costs a reference count ([`Bytes`] from the HTTP response), not a copy and not a validation.
//! Validation happens only when a customer is printed with its body (`--raw`): [`Serialize`]
//! writes the body verbatim as JSON, or as a JSON string when it is not UTF-8 JSON (a body handed
//! to a mapping by hand), so serializing a [`Customer`](crate::Customer) never fails on `raw`.

use std::borrow::Cow;
use std::fmt;

use bytes::Bytes;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

/// A provider's response body, byte for byte as received (whitespace around the JSON included).
///
/// Cheap to clone (a reference count). Compares by its bytes. `Debug` shows only the length: a
/// body holds customer data that has no place in logs.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct RawJson(Bytes);

impl RawJson {
    /// A body copied from a slice (a [`Bytes`], `Vec<u8>` or `String` converts without a copy).
    pub fn copy_from_slice(body: &[u8]) -> Self {
        RawJson(Bytes::copy_from_slice(body))
    }

    /// The body as received.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The body as text, or `None` when it is not UTF-8.
    pub fn as_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.0).ok()
    }

    /// The body as [`Bytes`], without a copy.
    pub fn into_bytes(self) -> Bytes {
        self.0
    }
}

impl From<Bytes> for RawJson {
    fn from(body: Bytes) -> Self {
        RawJson(body)
    }
}

impl From<Vec<u8>> for RawJson {
    fn from(body: Vec<u8>) -> Self {
        RawJson(body.into())
    }
}

impl From<String> for RawJson {
    fn from(body: String) -> Self {
        RawJson(body.into())
    }
}

impl fmt::Debug for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RawJson({} bytes)", self.0.len())
    }
}

/// The body verbatim as a JSON value (whitespace around it aside); a JSON string of the body
/// (non-UTF-8 bytes replaced by U+FFFD) when it is not UTF-8 JSON.
impl Serialize for RawJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.as_str().map(serde_json::from_str::<&RawValue>) {
            Some(Ok(json)) => json.serialize(serializer),
            _ => serializer.serialize_str(&String::from_utf8_lossy(&self.0)),
        }
    }
}

/// Any JSON value, kept as its text.
impl<'de> Deserialize<'de> for RawJson {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let json = Box::<RawValue>::deserialize(deserializer)?;
        Ok(RawJson(Bytes::from(Box::<str>::from(json).into_boxed_bytes())))
    }
}

/// Any JSON value.
impl JsonSchema for RawJson {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "RawJson".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        true.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_the_body_verbatim_or_as_a_string() {
        let body = RawJson::from(" {\"b\" : 1.50,\"a\":\"\\u91d1\"}\n".to_string());
        assert_eq!(serde_json::to_string(&body).unwrap(), "{\"b\" : 1.50,\"a\":\"\\u91d1\"}");
        assert_eq!(serde_json::to_value(&body).unwrap(), serde_json::json!({"b": 1.5, "a": "金"}));
        assert_eq!(serde_json::to_string(&RawJson::from(b"{".to_vec())).unwrap(), "\"{\"");
        assert_eq!(serde_json::to_string(&RawJson::from(vec![b'a', 0xff])).unwrap(), "\"a\u{fffd}\"");
        assert_eq!(serde_json::to_string(&RawJson::from(Vec::new())).unwrap(), "\"\"");
    }

    #[test]
    fn reads_any_json_and_shows_only_its_length() {
        let raw: RawJson = serde_json::from_str(" [1, {\"x\": null}] ").unwrap();
        assert_eq!(raw.as_str(), Some("[1, {\"x\": null}]"));
        assert_eq!(format!("{raw:?}"), "RawJson(16 bytes)");
        assert_eq!(raw.clone().into_bytes(), Bytes::from_static(b"[1, {\"x\": null}]"));
        assert_eq!(RawJson::copy_from_slice(&[0xff]).as_str(), None);
        assert_eq!(RawJson::copy_from_slice(b"1"), RawJson::from(Bytes::from_static(b"1")));
    }
}
