//! The drift knob ([`SandboxBuilder::drift`](crate::SandboxBuilder::drift), CLI
//! `crm-customers sandbox --drift PROVIDER`): a provider's customer-detail success responses
//! drift from its spec by exactly three changes, listed here as data so tests can compare a
//! drift report with what was sent.
//!
//! | provider | added property | changed type | unknown enum value |
//! |---|---|---|---|
//! | pluuug | `driftAdded` | `branchNumber` sent as the number `1` | `fieldSet[].field.dataType` `"ZZ"` (first entry) |
//! | gofive | `data.driftAdded` | `data.customerNote` sent as the number `20240630` | `data.customerState` `9` |
//! | eshouhou | `driftAdded` (on the envelope) | `ResultCode` sent as the string `"0"` | `ResultValue[].ShowType` `99` (first row) |
//! | nd | `driftAdded` | `description` sent as the number `42` | `type` `"PARTNER"` |
//!
//! Paths are dotted JSON paths in the response body, `[]` standing for "an element of this
//! array". nd's two wrapped records (ids starting with `w`, `{code, message, data}`) carry the
//! same changes one level down, under `data.` (e.g. `data.driftAdded`). A Pluuug client without
//! custom fields gets a one-entry `fieldSet` carrying the `"ZZ"` field. Drift applies to every
//! detail success body with a record in it (seeded, created or updated, and the records the
//! fault knobs `99142N`, `99150N`, `9944SS` and `990408` end with); error bodies, lists, token
//! responses and write answers never drift. The three eshouhou archives that already send
//! `ResultCode` as the string `"0"` (its documented type) show no change at that path.
//!
//! The clean dataset deliberately carries a few values the docs do not list, so mappings are
//! tested on open enums; a drift report run over every seeded record sees them without the knob:
//! Gofive `C000017` has `customerState` 7, nd `607f6e61613fca6d9cd38140` has `type`
//! `"VIP_CLIENT"`, and Pluuug's custom field 19 (on most clients) has `dataType` `"F"`.

use serde_json::{Value, json};

use crm_registry::ByProvider;

use crate::types::Provider;

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

const fn change(kind: DriftKind, path: &'static str, value_json: &'static str) -> DriftChange {
    DriftChange { kind, path, value_json }
}

const ADDED_JSON: &str = "\"added by the sandbox drift knob\"";

static PLUUUG: [DriftChange; 3] = [
    change(DriftKind::AddedProperty, "driftAdded", ADDED_JSON),
    change(DriftKind::ChangedType, "branchNumber", "1"),
    change(DriftKind::UnknownEnumValue, "fieldSet[].field.dataType", "\"ZZ\""),
];

static GOFIVE: [DriftChange; 3] = [
    change(DriftKind::AddedProperty, "data.driftAdded", ADDED_JSON),
    change(DriftKind::ChangedType, "data.customerNote", "20240630"),
    change(DriftKind::UnknownEnumValue, "data.customerState", "9"),
];

static ESHOUHOU: [DriftChange; 3] = [
    change(DriftKind::AddedProperty, "driftAdded", ADDED_JSON),
    change(DriftKind::ChangedType, "ResultCode", "\"0\""),
    change(DriftKind::UnknownEnumValue, "ResultValue[].ShowType", "99"),
];

static ND: [DriftChange; 3] = [
    change(DriftKind::AddedProperty, "driftAdded", ADDED_JSON),
    change(DriftKind::ChangedType, "description", "42"),
    change(DriftKind::UnknownEnumValue, "type", "\"PARTNER\""),
];

/// The three changes the drift knob makes to `provider`'s customer-detail responses.
pub fn expected(provider: Provider) -> &'static [DriftChange] {
    const EXPECTED: ByProvider<&[DriftChange]> =
        ByProvider { pluuug: &PLUUUG, gofive: &GOFIVE, eshouhou: &ESHOUHOU, nd: &ND };
    EXPECTED.get(provider)
}

/// Applies the three changes to a detail success body of `provider`.
pub(crate) fn apply(provider: Provider, body: &mut Value) {
    let [added, changed, unknown] = match expected(provider) {
        [a, b, c] => [a.value(), b.value(), c.value()],
        _ => return,
    };
    let apply: ByProvider<Apply> = ByProvider { pluuug, gofive, eshouhou, nd };
    apply.get(provider)(body, added, changed, unknown);
}

/// Writes the (added, changed, unknown) values into one provider's body.
type Apply = fn(&mut Value, Value, Value, Value);

fn pluuug(body: &mut Value, added: Value, changed: Value, unknown: Value) {
    let Some(client) = body.as_object_mut() else { return };
    client.insert("driftAdded".into(), added);
    client.insert("branchNumber".into(), changed);
    let first = client
        .get_mut("fieldSet")
        .and_then(Value::as_array_mut)
        .and_then(|set| set.first_mut())
        .and_then(|entry| entry.get_mut("field"))
        .and_then(Value::as_object_mut);
    match first {
        Some(field) => {
            field.insert("dataType".into(), unknown);
        }
        None => {
            client.insert(
                "fieldSet".into(),
                json!([{
                    "field": {"id": 99, "name": "드리프트", "dataType": unknown, "optionSet": [], "memberSet": []},
                    "value": "drift",
                }]),
            );
        }
    }
}

fn gofive(body: &mut Value, added: Value, changed: Value, unknown: Value) {
    let Some(data) = body.get_mut("data").and_then(Value::as_object_mut) else { return };
    data.insert("driftAdded".into(), added);
    data.insert("customerNote".into(), changed);
    data.insert("customerState".into(), unknown);
}

fn eshouhou(body: &mut Value, added: Value, changed: Value, unknown: Value) {
    let Some(envelope) = body.as_object_mut() else { return };
    envelope.insert("driftAdded".into(), added);
    envelope.insert("ResultCode".into(), changed);
    if let Some(row) = envelope
        .get_mut("ResultValue")
        .and_then(Value::as_array_mut)
        .and_then(|rows| rows.first_mut())
        .and_then(Value::as_object_mut)
    {
        row.insert("ShowType".into(), unknown);
    }
}

fn nd(body: &mut Value, added: Value, changed: Value, unknown: Value) {
    let wrapped = body.get("code").is_some() && body.get("data").is_some_and(Value::is_object);
    let record = if wrapped { body.get_mut("data") } else { Some(body) };
    let Some(record) = record.and_then(Value::as_object_mut) else { return };
    record.insert("driftAdded".into(), added);
    record.insert("description".into(), changed);
    record.insert("type".into(), unknown);
}

/// `body` with the drift changes when `on`, else unchanged (no re-serialization).
pub(crate) fn maybe(provider: Provider, on: bool, body: bytes::Bytes) -> bytes::Bytes {
    if !on {
        return body;
    }
    match serde_json::from_slice::<Value>(&body) {
        Ok(mut value) => {
            apply(provider, &mut value);
            bytes::Bytes::from(value.to_string())
        }
        Err(_) => body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_changes_per_provider_one_of_each_kind() {
        for provider in Provider::ALL {
            let changes = expected(provider);
            assert_eq!(changes.len(), 3);
            let kinds: Vec<_> = changes.iter().map(|c| c.kind).collect();
            assert_eq!(
                kinds,
                [DriftKind::AddedProperty, DriftKind::ChangedType, DriftKind::UnknownEnumValue]
            );
            assert_eq!(changes[0].value(), json!(ADDED_VALUE));
        }
    }
}
