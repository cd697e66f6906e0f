//! One sandbox's nd customers: the seeded ones, the extra generated ones
//! (`SandboxBuilder::nd_extra_customers`), and what `PUT /api/customers/` changed.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use bytes::Bytes;
use serde_json::{Map, Value};

/// Writes `fields` into the detail, and into the list item where it has the key.
fn merge(detail: &mut Value, item: &mut Value, fields: &Map<String, Value>) {
    for (key, value) in fields {
        if let Some(detail) = detail.as_object_mut() {
            detail.insert(key.clone(), value.clone());
        }
        if let Some(item) = item.as_object_mut().filter(|i| i.contains_key(key)) {
            item.insert(key.clone(), value.clone());
        }
    }
}

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
    /// `Sandbox::fail_list_page` for nd's list.
    pub(crate) page_fault: crate::page_fault::PageFault,
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
        let seeded = super::data::get();
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
        Store { inner: Mutex::new(Inner { order, entries }), page_fault: Default::default() }
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

    /// Sets response fields (camelCase, as the detail shows them) of `id` in its detail, and in its
    /// list item where the item has that key; whether the customer exists.
    pub(crate) fn set_fields(&self, id: &str, fields: &Map<String, Value>) -> bool {
        self.update(id, |detail, item| merge(detail, item, fields)).is_some()
    }

    /// Removes customer `id` from the detail and the list; whether it existed.
    pub(crate) fn remove(&self, id: &str) -> bool {
        let mut inner = self.lock();
        inner.order.retain(|o| o != id);
        inner.entries.remove(id).is_some()
    }

    /// Adds customer `id` (a copy of the first customer with `fields` set) at the end of the
    /// list; `false` if the id exists already or there is no customer to copy.
    pub(crate) fn add(&self, id: &str, fields: &Map<String, Value>) -> bool {
        let mut inner = self.lock();
        if inner.entries.contains_key(id) {
            return false;
        }
        let Some(first) = inner.order.iter().find_map(|o| inner.entries.get(o)) else { return false };
        let (mut detail, mut item) = (first.detail.clone(), first.item.clone());
        let mut fields = fields.clone();
        fields.insert("id".into(), Value::String(id.to_string()));
        merge(&mut detail, &mut item, &fields);
        let body = body_of(&detail, false);
        inner.entries.insert(id.to_string(), Entry { detail, item, wrapped: false, body });
        inner.order.push(id.to_string());
        true
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
