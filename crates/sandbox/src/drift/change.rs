//! The drift knob's building blocks, shared by the provider parts: what a change is
//! ([`DriftChange`], [`DriftKind`]) and one provider's drift ([`Drift`]: its three changes and
//! where they go in its body). Imports nothing from the crate.

use serde_json::Value;

/// What kind of change a [`DriftChange`] is.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DriftKind {
    /// A property the spec does not declare.
    AddedProperty,
    /// A declared property sent with another JSON type than the spec's.
    ChangedType,
    /// A value outside the field's documented (`x-extensible-enum`) values.
    UnknownEnumValue,
}

/// One change the drift knob makes to a customer-detail body.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DriftChange {
    /// The kind of drift.
    pub kind: DriftKind,
    /// Dotted JSON path in the body, `[]` for an array element: `data.customerState`,
    /// `ResultValue[].ShowType`.
    pub path: &'static str,
    /// The value sent at that path, as JSON text (`9`, `"ZZ"`, `"0"`).
    pub value_json: &'static str,
}

impl DriftChange {
    /// The value sent at [`path`](Self::path), parsed.
    pub fn value(&self) -> Value {
        serde_json::from_str(self.value_json).unwrap_or(Value::Null)
    }
}

/// The string sent as `driftAdded`.
pub const ADDED_VALUE: &str = "added by the sandbox drift knob";

pub(crate) const fn change(kind: DriftKind, path: &'static str, value_json: &'static str) -> DriftChange {
    DriftChange { kind, path, value_json }
}

/// [`ADDED_VALUE`] as JSON text.
pub(crate) const ADDED_JSON: &str = "\"added by the sandbox drift knob\"";

/// One provider's drift: its three changes (added property, changed type, unknown enum value,
/// in that order) and how they are written into its detail success body.
pub(crate) struct Drift {
    pub(crate) changes: [DriftChange; 3],
    /// Writes the three values (added, changed, unknown) into a parsed success body.
    pub(crate) apply: fn(&mut Value, [Value; 3]),
}

impl Drift {
    /// The three changes: the property `added` (at that path, [`ADDED_JSON`]), a changed type and
    /// an unknown enum value (each a path and the JSON text sent there), written by `apply`.
    pub(crate) const fn new(
        added: &'static str,
        (changed, changed_json): (&'static str, &'static str),
        (unknown, unknown_json): (&'static str, &'static str),
        apply: fn(&mut Value, [Value; 3]),
    ) -> Drift {
        Drift {
            changes: [
                change(DriftKind::AddedProperty, added, ADDED_JSON),
                change(DriftKind::ChangedType, changed, changed_json),
                change(DriftKind::UnknownEnumValue, unknown, unknown_json),
            ],
            apply,
        }
    }

    /// `body` with the changes when `on`, else unchanged (no re-serialization).
    pub(crate) fn maybe(&self, on: bool, body: bytes::Bytes) -> bytes::Bytes {
        if !on {
            return body;
        }
        match serde_json::from_slice::<Value>(&body) {
            Ok(mut value) => {
                (self.apply)(&mut value, self.changes.map(|c| c.value()));
                bytes::Bytes::from(value.to_string())
            }
            Err(_) => body,
        }
    }
}
