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
//!
//! Each provider part defines its own three changes (`DRIFT` in its module); the crate's part
//! list gathers them per provider.

pub(crate) mod change;

pub use change::{ADDED_VALUE, DriftChange, DriftKind};

use crate::types::Provider;

/// The drift of `provider`'s part: its three changes and where they go.
pub(crate) fn of(provider: Provider) -> &'static change::Drift {
    crate::DRIFTS.get(provider)
}

/// The three changes the drift knob makes to `provider`'s customer-detail responses.
pub fn expected(provider: Provider) -> &'static [DriftChange] {
    &of(provider).changes
}

#[cfg(test)]
mod tests {
    use serde_json::json;

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
