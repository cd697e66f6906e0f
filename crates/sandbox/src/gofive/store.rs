//! One sandbox's Gofive customers: the seeded ones, then whatever the upsert created or
//! changed. Whole envelopes stay serialized, so reads clone a `Bytes`.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use bytes::Bytes;
use serde_json::Value;

use super::data;

struct Inner {
    /// Codes in the order they appeared.
    order: Vec<String>,
    /// Envelopes by customer code.
    customers: HashMap<String, Bytes>,
    /// The numeric part of the next generated code and id.
    next: u64,
}

/// The customers of one sandbox.
pub(crate) struct Store {
    inner: Mutex<Inner>,
}

impl Store {
    pub(crate) fn new() -> Store {
        let seeded = super::data::get();
        Store {
            inner: Mutex::new(Inner {
                order: seeded.ids.clone(),
                customers: seeded.customers.clone(),
                next: 100,
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn get(&self, code: &str) -> Option<Bytes> {
        self.lock().customers.get(code).cloned()
    }

    pub(crate) fn ids(&self) -> Vec<String> {
        self.lock().order.clone()
    }

    /// Creates a customer under the next free code (`C000100`, …): `make(code, customerId)`
    /// builds its `data` object. Returns that object.
    pub(crate) fn create(&self, make: impl FnOnce(&str, &str) -> Value) -> Value {
        let mut inner = self.lock();
        let code = loop {
            let code = format!("C{:06}", inner.next);
            inner.next += 1;
            if !inner.customers.contains_key(&code) {
                break code;
            }
        };
        let id = (480_000 + inner.next).to_string();
        let customer = make(&code, &id);
        inner.customers.insert(code.clone(), Bytes::from(data::envelope(customer.clone()).to_string()));
        inner.order.push(code);
        customer
    }

    /// Applies `change` to the `data` of customer `code`; `None` if there is no such customer.
    pub(crate) fn update(&self, code: &str, change: impl FnOnce(&mut Value)) -> Option<Value> {
        let mut inner = self.lock();
        let body = inner.customers.get(code)?;
        let mut envelope: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
        let mut customer = envelope.get_mut("data").map(Value::take).unwrap_or(Value::Null);
        change(&mut customer);
        inner.customers.insert(code.to_owned(), Bytes::from(data::envelope(customer.clone()).to_string()));
        Some(customer)
    }
}
