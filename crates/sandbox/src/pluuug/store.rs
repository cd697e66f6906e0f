//! One sandbox's Pluuug clients: the seeded ones, then whatever the API created, changed or
//! deleted. Bodies stay serialized, so reads clone a `Bytes`.

use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};

use bytes::Bytes;
use serde_json::{Value, json};

/// The clients of one sandbox, by id (DRF lists them in this order).
pub(crate) struct Store {
    clients: Mutex<BTreeMap<u64, Bytes>>,
    /// `Sandbox::fail_list_page` for `GET /v1/client`.
    pub(crate) page_fault: crate::page_fault::PageFault,
}

impl Store {
    pub(crate) fn new() -> Store {
        let seeded = &super::data::get().clients;
        Store {
            clients: Mutex::new(seeded.iter().map(|(id, body)| (*id, body.clone())).collect()),
            page_fault: Default::default(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<u64, Bytes>> {
        self.clients.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn get(&self, id: u64) -> Option<Bytes> {
        self.lock().get(&id).cloned()
    }

    pub(crate) fn ids(&self) -> Vec<String> {
        // The documented example (123) first, as the dataset lists it; ids sort that way anyway.
        self.lock().keys().map(u64::to_string).collect()
    }

    pub(crate) fn all(&self) -> Vec<Bytes> {
        self.lock().values().cloned().collect()
    }

    /// Stores `client` under the next free id and returns it with that id.
    pub(crate) fn create(&self, mut client: Value) -> Value {
        let mut clients = self.lock();
        let id = clients.keys().next_back().map_or(1, |last| last.saturating_add(1));
        if let Some(map) = client.as_object_mut() {
            map.insert("id".into(), json!(id));
        }
        clients.insert(id, Bytes::from(client.to_string()));
        client
    }

    /// Applies `change` to client `id`; `None` if there is no such client. The stored body
    /// changes only when `change` succeeds.
    pub(crate) fn update<E>(
        &self,
        id: u64,
        change: impl FnOnce(&mut Value) -> Result<(), E>,
    ) -> Option<Result<Value, E>> {
        let mut clients = self.lock();
        let body = clients.get(&id)?;
        let mut client: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
        Some(change(&mut client).map(|()| {
            clients.insert(id, Bytes::from(client.to_string()));
            client
        }))
    }

    /// Adds client `id` (a copy of the first client with `fields` set); `false` if it exists or
    /// there is no client to copy.
    pub(crate) fn add(&self, id: u64, fields: &serde_json::Map<String, Value>) -> bool {
        let mut clients = self.lock();
        if clients.contains_key(&id) {
            return false;
        }
        let Some(first) = clients.values().next() else { return false };
        let mut client: Value = serde_json::from_slice(first).unwrap_or(Value::Null);
        if let Some(map) = client.as_object_mut() {
            map.extend(fields.clone());
            map.insert("id".into(), json!(id));
        }
        clients.insert(id, Bytes::from(client.to_string()));
        true
    }

    /// Removes client `id`; whether it existed.
    pub(crate) fn delete(&self, id: u64) -> bool {
        self.lock().remove(&id).is_some()
    }
}
