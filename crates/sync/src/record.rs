//! What both backends share: the database kind, a customer row ready to write, the run
//! bookkeeping types, which model fields changed, and the lock's message. A leaf: it imports
//! neither backend.

use customer_core::{Customer, Provider};
use serde_json::{Map, Value};

use crate::jsonb_order::{jsonb_ordered, serialize_ordered};
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
    /// The shared model without `raw`, as JSON text: as serde writes it, or (`ordered`) with
    /// each object's members in `jsonb` order ([`Row::order_for_jsonb`]).
    pub model: String,
    pub ordered: bool,
    /// The provider's body exactly as received (list item or detail).
    pub raw: Option<String>,
    pub hash: String,
}

impl Row {
    /// The row of `customer`; `ordered`: with its model already in `jsonb` order.
    pub(crate) fn from_customer(mut customer: Customer, ordered: bool) -> Row {
        let raw = customer.raw.take().map(|r| match String::from_utf8(r.into_bytes().into()) {
            Ok(text) => text,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        });
        // The hash is of the model as serde writes it (struct order), as it has been since the
        // first schema: rows stored before Postgres got the members reordered compare equal.
        // `ordered`: the model written in `jsonb` order in the same pass that hashes serde's text.
        let (model, mut h, ordered) = match ordered.then(|| serialize_ordered(&customer)) {
            Some(Ok((model, h))) => (model, h, true),
            _ => {
                let model = serde_json::to_string(&customer).unwrap_or_else(|_| "{}".to_string());
                let mut h = Sha256::new();
                h.update(model.as_bytes());
                (model, h, false)
            }
        };
        h.update([0u8]);
        if let Some(r) = &raw {
            h.update(r.as_bytes());
        }
        Row { id: customer.id, model, ordered, raw, hash: hex::encode(h.finalize()) }
    }

    /// Puts the model's members in the order Postgres keeps a `jsonb` object's (once; the same
    /// JSON value): its parse then has nothing to sort ([`jsonb_ordered`]).
    pub(crate) fn order_for_jsonb(&mut self) {
        if !self.ordered {
            self.model = jsonb_ordered(&self.model);
            self.ordered = true;
        }
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
    pub point: Point,
}

/// A run's resume point, `sync_runs.resume_point`: `{"offset": N}` for an ID run (IDs handled);
/// for a list run also the page to continue at and how many of its customers to pass over
/// (`{"offset": N, "page": "3", "skip": 0}`; nd's page is its number, Pluuug's its DRF cursor; no
/// `page` is the first page), `offset` then counting the customers listed before that point.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Point {
    #[serde(default)]
    pub offset: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub skip: u64,
    /// An ID run's fingerprint of the `offset` IDs handled ([`IdChain`]): a resume checks that it
    /// is given the same IDs. Absent in points recorded before it existed (then not checked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ids: Option<String>,
}

/// The fingerprint of an ID run's IDs so far, in order (SHA-256 of each ID and a newline; the
/// first 16 bytes in hex).
#[derive(Clone, Default)]
pub(crate) struct IdChain(Sha256);

impl IdChain {
    /// Adds the next ID handled.
    pub(crate) fn push(&mut self, id: &str) {
        self.0.update(id.as_bytes());
        self.0.update(b"\n");
    }
    /// The fingerprint of the IDs pushed so far.
    pub(crate) fn fingerprint(&self) -> String {
        hex::encode(&self.0.clone().finalize()[..16])
    }
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl Point {
    /// The point a run recorded (`{}` when unreadable: the beginning).
    pub(crate) fn parse(text: &str) -> Point {
        serde_json::from_str(text).unwrap_or_default()
    }
    /// As stored.
    pub(crate) fn json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".to_string())
    }
}

/// The lock's message, the same for both backends.
pub(crate) fn locked_message(provider: Provider, holder: &str, how: &str) -> String {
    format!(
        "another `sync {provider}` is running on this database ({holder}); runs of one provider do not \
         interleave: wait for it to finish and run again{how}"
    )
}

#[cfg(test)]
mod tests {
    use super::Point;

    #[test]
    fn resume_points_read_and_write_as_json() {
        assert_eq!(
            Point::parse(r#"{"offset":1000}"#),
            Point { offset: 1000, page: None, skip: 0, ids: None }
        );
        let p = Point { offset: 1500, page: Some("2".into()), skip: 500, ids: None };
        assert_eq!(p.json(), r#"{"offset":1500,"page":"2","skip":500}"#);
        assert_eq!(Point::parse(&p.json()), p);
        assert_eq!(Point::parse("not json"), Point::default());
        let mut chain = super::IdChain::default();
        chain.push("C000001");
        let p = Point { offset: 1, ids: Some(chain.fingerprint()), ..Point::default() };
        assert_eq!(Point::parse(&p.json()), p);
        assert_eq!(p.ids.as_deref().map(str::len), Some(32));
    }
}
