//! Lenient scalars swapped into generated types by the xtask (`with_conversion`), so one malformed
//! value in one field cannot fail a whole fetch. The raw value is always kept.

use std::fmt;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A `format: date-time` value: the string as sent plus its RFC 3339 reading, when it has one.
#[derive(Clone, PartialEq, Eq)]
pub struct LenientDateTime {
    raw: String,
    parsed: Option<DateTime<FixedOffset>>,
}

impl LenientDateTime {
    /// Wraps a provider string, parsing it as RFC 3339 when possible.
    pub fn new(raw: impl Into<String>) -> Self {
        let raw = raw.into();
        let parsed = DateTime::parse_from_rfc3339(raw.trim()).ok();
        LenientDateTime { raw, parsed }
    }
    /// The value exactly as the provider sent it (non-strings rendered as JSON text).
    pub fn raw(&self) -> &str {
        &self.raw
    }
    /// The RFC 3339 reading, or `None` when the provider sent something else.
    pub fn parsed(&self) -> Option<DateTime<FixedOffset>> {
        self.parsed
    }
}

impl fmt::Debug for LenientDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.parsed {
            Some(p) => write!(f, "{p:?}"),
            None => write!(f, "Unparsed({:?})", self.raw),
        }
    }
}

impl fmt::Display for LenientDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

impl Serialize for LenientDateTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.raw)
    }
}

impl<'de> Deserialize<'de> for LenientDateTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::String(s) => Ok(LenientDateTime::new(s)),
            other => Ok(LenientDateTime { raw: other.to_string(), parsed: None }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_raw_and_parses_rfc3339() {
        let v: LenientDateTime = serde_json::from_str(r#""2023-11-07T05:31:56Z""#).unwrap();
        assert_eq!(v.raw(), "2023-11-07T05:31:56Z");
        assert!(v.parsed().is_some());
    }

    #[test]
    fn malformed_or_wrong_type_is_kept_unparsed() {
        for (json, raw) in
            [(r#""yesterday""#, "yesterday"), ("12", "12"), ("null", "null"), (r#"{"a":1}"#, r#"{"a":1}"#)]
        {
            let v: LenientDateTime = serde_json::from_str(json).unwrap();
            assert_eq!(v.raw(), raw);
            assert_eq!(v.parsed(), None);
        }
    }
}
