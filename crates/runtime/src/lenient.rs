//! Lenient scalars swapped into generated types by the xtask (`with_conversion`), so one malformed
//! value in one field cannot fail a whole fetch. The raw value is always kept.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A `format: date-time` value, kept as the text the provider sent: the clients pass dates
/// through (reading them is customer-core's business, which knows each provider's shapes). With
/// the `chrono` feature, `LenientDateTime::parsed` reads it as RFC 3339.
#[derive(Clone, PartialEq, Eq)]
pub struct LenientDateTime {
    raw: String,
}

impl LenientDateTime {
    /// Wraps a provider string.
    pub fn new(raw: impl Into<String>) -> Self {
        LenientDateTime { raw: raw.into() }
    }
    /// The value exactly as the provider sent it (non-strings rendered as JSON text).
    pub fn raw(&self) -> &str {
        &self.raw
    }
    /// The RFC 3339 reading, or `None` when the provider sent something else (feature `chrono`).
    #[cfg(feature = "chrono")]
    pub fn parsed(&self) -> Option<chrono::DateTime<chrono::FixedOffset>> {
        chrono::DateTime::parse_from_rfc3339(self.raw.trim()).ok()
    }
}

impl fmt::Debug for LenientDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("LenientDateTime").field(&self.raw).finish()
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
            other => Ok(LenientDateTime { raw: other.to_string() }),
        }
    }
}

/// A text value from a provider that documents strings but sometimes sends numbers or booleans
/// (eshouhou's display-row `Value`): kept as text, numbers and booleans in their JSON spelling.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct LenientText(String);

impl LenientText {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The text, owned.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl From<String> for LenientText {
    fn from(s: String) -> Self {
        LenientText(s)
    }
}

impl fmt::Display for LenientText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for LenientText {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for LenientText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = LenientText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string, number or boolean")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<LenientText, E> {
                Ok(LenientText(v.to_string()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<LenientText, E> {
                Ok(LenientText(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<LenientText, E> {
                Ok(LenientText(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<LenientText, E> {
                Ok(LenientText(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<LenientText, E> {
                Ok(LenientText(
                    serde_json::Number::from_f64(v).map_or_else(|| v.to_string(), |n| n.to_string()),
                ))
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<LenientText, E> {
                Ok(LenientText(v.to_string()))
            }
        }
        d.deserialize_any(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_raw_and_parses_rfc3339() {
        let v: LenientDateTime = serde_json::from_str(r#""2023-11-07T05:31:56Z""#).unwrap();
        assert_eq!(v.raw(), "2023-11-07T05:31:56Z");
        #[cfg(feature = "chrono")]
        assert!(v.parsed().is_some());
    }

    #[test]
    fn lenient_text_takes_strings_numbers_and_booleans() {
        for (json, text) in
            [(r#""CF1""#, "CF1"), ("123", "123"), ("-4", "-4"), ("2.5", "2.5"), ("true", "true")]
        {
            let v: LenientText = serde_json::from_str(json).unwrap();
            assert_eq!(v.as_str(), text);
        }
        assert!(serde_json::from_str::<LenientText>("[1]").is_err(), "arrays are not text");
        let row: Option<LenientText> = serde_json::from_str("null").unwrap();
        assert_eq!(row, None);
    }

    #[test]
    fn malformed_or_wrong_type_is_kept_unparsed() {
        for (json, raw) in
            [(r#""yesterday""#, "yesterday"), ("12", "12"), ("null", "null"), (r#"{"a":1}"#, r#"{"a":1}"#)]
        {
            let v: LenientDateTime = serde_json::from_str(json).unwrap();
            assert_eq!(v.raw(), raw);
            #[cfg(feature = "chrono")]
            assert_eq!(v.parsed(), None);
        }
    }
}
