//! Writing through the shared model: [`CustomerSource::update_customer`] and
//! [`CustomerSource::create_customer`](crate::CustomerSource::create_customer) take the
//! provider's own documented write body as a JSON object and answer the resulting [`Customer`]
//! (mapped like a detail).
//!
//! | provider | update (`id`) | create |
//! |---|---|---|
//! | Pluuug | `PATCH /v1/client/{id}`: any of `companyName`, `inCharge`, `position`, `contact`, `email`, `content`, `businessRegistrationNumber`, `ceoName`, `companyAddress`, `companyDetailAddress`, `businessType`, `businessClass`, `branchNumber`, `taxInvoiceEmail`, `status: {id}`, `fieldSet: [{field: {id}, value}]` | `POST /v1/client` (seen in integrations): the same keys, `companyName` required |
//! | Gofive | `POST /v3/customers` with `customerCode` = id (upsert): `customerName` and `customerState` required, the other documented fields optional | the same upsert without `customerCode` |
//! | nd | `PUT /api/customers/` with `id` in the body: `name` required (≤ 64), the documented edit keys (snake_case) | not documented |
//! | eshouhou | not documented | not documented |
//!
//! Writes are sent once and never retried. A write that times out (or whose connection drops)
//! after the request went out fails with `Error::is_outcome_unknown()`: the change may or may not
//! have been made; read the customer before trying again. Keys a body type does not know are
//! refused before sending (a `config` error naming them), never dropped silently.
//!
//! [`CustomerSource::update_customer`]: crate::CustomerSource::update_customer

use serde::{Serialize, de::DeserializeOwned};
use serde_json::{Map, Value};

use crate::{Error, ErrorKind, Provider};

/// The `config` error of a provider that documents no such write.
pub fn not_documented(provider: Provider, operation: &'static str) -> Error {
    let what = match (provider, operation) {
        (Provider::Nd, "create_customer") => {
            "nd documents no customer creation: only PUT /api/customers/ (edit an existing customer; `update`)"
        }
        (Provider::Eshouhou, _) => {
            "eshouhou documents no customer writes: only GetCustomer and GetCustomerContacts (reads)"
        }
        _ => "this provider documents no such write",
    };
    Error::new(ErrorKind::Config, provider.as_str(), operation, what)
}

/// `value` as the provider's typed write body, refusing what would not be sent: a non-object, a
/// key the body type does not know, or a `null` it cannot send. Names the keys.
#[cfg_attr(not(any(feature = "pluuug", feature = "gofive", feature = "nd")), allow(dead_code))]
pub(crate) fn typed_body<T: DeserializeOwned + Serialize>(
    provider: Provider,
    operation: &'static str,
    value: Value,
) -> Result<T, Error> {
    let Value::Object(given) = &value else {
        return Err(Error::new(
            ErrorKind::Config,
            provider.as_str(),
            operation,
            "the body must be a JSON object of the provider's documented fields",
        ));
    };
    let given = given.clone();
    let body: T = serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        Error::new(
            ErrorKind::Config,
            provider.as_str(),
            operation,
            format!("not sent: `{path}` does not fit the documented body: {}", e.into_inner()),
        )
        .with_field(path)
    })?;
    let sent = match serde_json::to_value(&body) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    let mut dropped = Vec::new();
    missing("", &given, &sent, &mut dropped);
    if !dropped.is_empty() {
        return Err(Error::new(
            ErrorKind::Config,
            provider.as_str(),
            operation,
            format!(
                "not sent: {} not in the documented body (or null, which this body cannot send)",
                dropped.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
            ),
        )
        .with_field(dropped[0].clone()));
    }
    Ok(body)
}

/// Keys of `given` (recursively through objects and arrays) that `sent` does not carry.
fn missing(at: &str, given: &Map<String, Value>, sent: &Map<String, Value>, out: &mut Vec<String>) {
    for (key, value) in given {
        let path = if at.is_empty() { key.clone() } else { format!("{at}.{key}") };
        match (value, sent.get(key)) {
            (_, None) => out.push(path),
            (Value::Object(g), Some(Value::Object(s))) => missing(&path, g, s, out),
            (Value::Array(g), Some(Value::Array(s))) => {
                for (i, (g, s)) in g.iter().zip(s).enumerate() {
                    if let (Value::Object(g), Value::Object(s)) = (g, s) {
                        missing(&format!("{path}[{i}]"), g, s, out);
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use super::*;

    #[derive(Deserialize, Serialize)]
    struct Body {
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        items: Vec<Item>,
    }

    #[derive(Deserialize, Serialize)]
    struct Item {
        id: i64,
    }

    #[test]
    fn unknown_keys_and_unsendable_nulls_are_refused_by_name() {
        let ok: Body = typed_body(Provider::Nd, "op", json!({"name": "a", "items": [{"id": 1}]})).unwrap();
        assert_eq!(ok.name.as_deref(), Some("a"));
        let e = typed_body::<Body>(Provider::Nd, "op", json!({"name": "a", "nmae": "b"})).err().unwrap();
        assert_eq!((e.kind(), e.field()), (ErrorKind::Config, Some("nmae")));
        let e = typed_body::<Body>(Provider::Nd, "op", json!({"items": [{"id": 1, "x": 2}]})).err().unwrap();
        assert_eq!(e.field(), Some("items[0].x"));
        let e = typed_body::<Body>(Provider::Nd, "op", json!({"name": null})).err().unwrap();
        assert!(e.message().contains("`name`"), "{e}");
        let e = typed_body::<Body>(Provider::Nd, "op", json!({"name": 5})).err().unwrap();
        assert_eq!(e.field(), Some("name"));
        assert!(typed_body::<Body>(Provider::Nd, "op", json!([1])).is_err());
    }
}
