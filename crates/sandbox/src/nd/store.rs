//! One sandbox's nd customers: the seeded ones, the extra generated ones
//! (`SandboxBuilder::nd_extra_customers`), and what `PUT /api/customers/` changed.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use bytes::Bytes;
use serde_json::Value;

use super::data;

struct Entry {
    /// The bare detail object.
    detail: Value,
    /// The list endpoint's shape of the same customer.
    item: Value,
    /// Served as `{code, message, data}` (ids starting with `w`).
    wrapped: bool,
    /// The detail body as served.
    body: Bytes,
}

struct Inner {
    order: Vec<String>,
    entries: HashMap<String, Entry>,
}

/// The customers of one sandbox.
pub(crate) struct Store {
    inner: Mutex<Inner>,
}

fn body_of(detail: &Value, wrapped: bool) -> Bytes {
    if wrapped {
        Bytes::from(data::wrapped(detail.clone()).to_string())
    } else {
        Bytes::from(detail.to_string())
    }
}

impl Store {
    pub(crate) fn new(extra: usize) -> Store {
        let seeded = &crate::dataset::get().nd;
        let mut order = seeded.ids.clone();
        let mut entries = HashMap::new();
        for (id, item) in seeded.ids.iter().zip(&seeded.list_items) {
            let Some(body) = seeded.customers.get(id) else { continue };
            let parsed: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
            let wrapped = id.starts_with('w');
            let detail = if wrapped { parsed["data"].clone() } else { parsed };
            entries.insert(id.clone(), Entry { detail, item: item.clone(), wrapped, body: body.clone() });
        }
        for (id, detail, item) in data::extra(extra) {
            let body = body_of(&detail, false);
            entries.insert(id.clone(), Entry { detail, item, wrapped: false, body });
            order.push(id);
        }
        Store { inner: Mutex::new(Inner { order, entries }) }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn body(&self, id: &str) -> Option<Bytes> {
        self.lock().entries.get(id).map(|e| e.body.clone())
    }

    pub(crate) fn ids(&self) -> Vec<String> {
        self.lock().order.clone()
    }

    /// List items `skip..skip + size` and the total count.
    pub(crate) fn page(&self, skip: usize, size: usize) -> (Vec<Value>, usize) {
        let inner = self.lock();
        let items = inner
            .order
            .iter()
            .skip(skip)
            .take(size)
            .filter_map(|id| inner.entries.get(id).map(|e| e.item.clone()))
            .collect();
        (items, inner.order.len())
    }

    /// Applies `change` to the detail and list item of `id`; the new detail body, or `None`
    /// when there is no such customer.
    pub(crate) fn update(&self, id: &str, change: impl FnOnce(&mut Value, &mut Value)) -> Option<Bytes> {
        let mut inner = self.lock();
        let entry = inner.entries.get_mut(id)?;
        change(&mut entry.detail, &mut entry.item);
        entry.body = body_of(&entry.detail, entry.wrapped);
        Some(entry.body.clone())
    }
}
