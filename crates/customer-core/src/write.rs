//! Writing through the shared model: [`CustomerSource::update_customer`] and
//! [`CustomerSource::create_customer`](crate::CustomerSource::create_customer) take the
//! provider's own documented write body as a JSON object and answer the resulting [`Customer`](crate::Customer)
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

use serde_json::Value;

use crate::{Error, ErrorKind, Provider};

/// The `config` error of a provider that documents no such write.
/// The texts are the registry's (`Facts::create` / `Facts::update`).
pub fn not_documented(provider: Provider, operation: &'static str) -> Error {
    let facts = provider.facts();
    let documented = match operation {
        "create_customer" => facts.create,
        _ => facts.update,
    };
    let what = match documented {
        crate::Documented::No(what) => what,
        crate::Documented::Yes => "this provider documents no such write",
    };
    Error::new(ErrorKind::Config, provider.as_str(), operation, what)
}

/// Refuses a body that is not an object or carries keys outside `documented` (naming them):
/// providers built on DRF or Laravel ignore unknown keys, so a misspelt key would otherwise be
/// dropped without a word.
#[cfg_attr(not(any(feature = "pluuug", feature = "nd")), allow(dead_code))]
pub(crate) fn check_keys(
    provider: Provider,
    operation: &'static str,
    body: &Value,
    documented: &[&str],
) -> Result<(), Error> {
    let Value::Object(map) = body else {
        return Err(Error::new(
            ErrorKind::Config,
            provider.as_str(),
            operation,
            "the body must be a JSON object of the provider's documented fields",
        ));
    };
    let unknown: Vec<&str> = map.keys().map(String::as_str).filter(|k| !documented.contains(k)).collect();
    if unknown.is_empty() {
        return Ok(());
    }
    Err(Error::new(
        ErrorKind::Config,
        provider.as_str(),
        operation,
        format!(
            "not sent: {} not among the documented fields ({})",
            unknown.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", "),
            documented.join(", ")
        ),
    )
    .with_field(unknown[0]))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn unknown_keys_are_refused_by_name() {
        let documented = ["name", "type"];
        assert!(check_keys(Provider::Nd, "op", &json!({"name": "a"}), &documented).is_ok());
        let e = check_keys(Provider::Nd, "op", &json!({"name": "a", "nmae": "b"}), &documented).unwrap_err();
        assert_eq!((e.kind(), e.field()), (ErrorKind::Config, Some("nmae")));
        assert!(e.message().contains("`nmae`") && e.message().contains("name, type"), "{e}");
        assert!(check_keys(Provider::Nd, "op", &json!([1]), &documented).is_err());
    }
}
