//! What both backends share: the database kind, a customer row ready to write, the run
//! bookkeeping types, which model fields changed, and the lock's message. A leaf: it imports
//! neither backend.

use customer_core::{Customer, Provider};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// A database kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Backend {
    /// SQLite (JSON as text).
    Sqlite,
    /// Postgres (JSON as `jsonb`).
    Postgres,
}

/// One customer ready to write.
pub(crate) struct Row {
    pub id: String,
    /// The shared model without `raw`, as JSON text.
    pub model: String,
    /// The provider's body exactly as received (list item or detail).
    pub raw: Option<String>,
    pub hash: String,
}

impl Row {
    pub(crate) fn from_customer(mut customer: Customer) -> Row {
        let raw = customer.raw.take().map(|r| String::from_utf8_lossy(r.as_bytes()).into_owned());
        let model = serde_json::to_string(&customer).unwrap_or_else(|_| "{}".to_string());
        let mut h = Sha256::new();
        h.update(model.as_bytes());
        h.update([0u8]);
        if let Some(r) = &raw {
            h.update(r.as_bytes());
        }
        Row { id: customer.id, model, raw, hash: hex::encode(h.finalize()) }
    }
}

/// The top-level model keys whose values differ (`raw` when only the body differs).
pub(crate) fn changed_fields(old_model: &str, new_model: &str) -> Vec<String> {
    let parse = |s: &str| match serde_json::from_str::<Value>(s) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    let (old, new) = (parse(old_model), parse(new_model));
    let mut keys: Vec<String> = new
        .iter()
        .filter(|(k, v)| old.get(*k) != Some(*v))
        .map(|(k, _)| k.clone())
        .chain(old.keys().filter(|k| !new.contains_key(*k)).cloned())
        .collect();
    keys.sort();
    keys.dedup();
    if keys.is_empty() {
        keys.push("raw".to_string());
    }
    keys
}

/// Rows written by a batch.
#[derive(Default)]
pub(crate) struct Counts {
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
}

/// A started run.
pub(crate) struct Started {
    pub run_id: i64,
    /// The first run of the chain this run continues (its own id when not resuming).
    pub listing_id: i64,
}

/// A run that can be resumed.
pub(crate) struct Resume {
    pub run_id: i64,
    pub listing_id: i64,
    pub offset: u64,
}

/// The lock's message, the same for both backends.
pub(crate) fn locked_message(provider: Provider, holder: &str, how: &str) -> String {
    format!(
        "another `sync {provider}` is running on this database ({holder}); runs of one provider do not \
         interleave: wait for it to finish and run again{how}"
    )
}

/// The item offset a run's recorded resume point (`{"offset": N}`) names; 0 when none.
pub(crate) fn offset_of(point: &str) -> u64 {
    serde_json::from_str::<serde_json::Value>(point)
        .ok()
        .and_then(|v| v.get("offset").and_then(serde_json::Value::as_u64))
        .unwrap_or(0)
}
