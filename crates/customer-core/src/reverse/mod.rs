//! Reverse mappings: a [`CustomerChange`](crate::CustomerChange) → the provider's documented write
//! body, one module per provider that documents a write, each the inverse of its read mapping.
//!
//! A reverse mapping is pure (no I/O): what it needs from the provider (Pluuug's status and custom
//! field definitions, the current Gofive / nd record for the fields their writes require) is
//! passed in. A field the provider cannot store, or a value outside its documented set, is refused
//! with one `config` error naming every such field; nothing is dropped silently.

use serde_json::{Map, Value};

use crate::{Error, ErrorKind, Patch, Provider};

#[cfg(feature = "gofive")]
pub mod gofive;
#[cfg(feature = "nd")]
pub mod nd;
#[cfg(feature = "pluuug")]
pub mod pluuug;

/// A write body being built.
#[derive(Debug, Default)]
#[cfg_attr(not(any(feature = "pluuug", feature = "nd", feature = "gofive")), allow(dead_code))]
pub(crate) struct Body(Map<String, Value>);

#[cfg_attr(not(any(feature = "pluuug", feature = "nd", feature = "gofive")), allow(dead_code))]
impl Body {
    pub(crate) fn put(&mut self, key: &str, value: Value) {
        self.0.insert(key.to_string(), value);
    }

    /// A text field: set → the text, clear → `null`, absent → not sent. (Gofive's mapping only.)
    #[cfg_attr(not(feature = "gofive"), allow(dead_code))]
    pub(crate) fn text(&mut self, key: &str, patch: &Patch<String>) {
        if let Some(v) = text_patch(patch) {
            self.put(key, v);
        }
    }

    /// The body, or a `config` error when the change changes nothing.
    pub(crate) fn finish(self, provider: Provider, operation: &'static str) -> Result<Value, Error> {
        if self.0.is_empty() {
            return Err(Error::new(
                ErrorKind::Config,
                provider.as_str(),
                operation,
                "not sent: the change changes nothing",
            ));
        }
        Ok(Value::Object(self.0))
    }
}

/// Set → the text, clear → `null`, absent → `None`.
#[cfg_attr(not(feature = "gofive"), allow(dead_code))]
pub(crate) fn text_patch(patch: &Patch<String>) -> Option<Value> {
    match patch {
        Patch::Absent => None,
        Patch::Clear => Some(Value::Null),
        Patch::Set(s) => Some(Value::String(s.clone())),
    }
}
