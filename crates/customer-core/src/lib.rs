//! One [`Customer`] model over the Pluuug, Gofive Venio, eshouhou and nd CRM clients.
//!
//! - [`Customer`] and its sub-shapes are the JSON contract of `shared/design/customer-model.md`:
//!   snake_case keys, open enums that keep the provider's value ([`Enumerated`]), decimal strings
//!   for money and coordinates, RFC 3339 or `YYYY-MM-DD` dates, lists never null, provider fields
//!   without a unified home in `extra`, and the response body exactly as received in `raw`
//!   ([`RawJson`], kept without a copy or a second pass over it).
//! - Mapping is one pass over the decoded value, never over the body again: `extra` is built from
//!   the decoded fields each module lists in `TO_EXTRA`. Keys the provider's spec does not know are
//!   not decoded, so they are in `raw` (the body exactly as received) and not in `extra`; the
//!   coverage gate (`tests/coverage.rs`) fails the day a spec gains a key no list places.
//! - One mapping module per provider, each behind a cargo feature of the provider's name (all on by
//!   default): [`pluuug`], [`gofive`], [`eshouhou`], [`nd`]. A mapping never fails and never panics:
//!   what it cannot take as given becomes `null` / `other` plus an entry in `warnings`.
//! - [`CustomerSource`], implemented by each provider crate's `Client`, so callers can hold any
//!   provider as a `Box<dyn CustomerSource>`.
//! - [`Error`] / [`ErrorKind`]: the one error type every client returns (from `crm-runtime`).
//! - [`json_schema`]: the model's JSON Schema (`specs/customer.schema.json`).
//! - [`CustomerChange`]: a write in the shared model's terms, mapped back per provider
//!   ([`reverse`]); [`change_json_schema`] is its JSON Schema (`specs/customer-change.schema.json`).
//!
//! This crate does no HTTP itself and knows nothing of credentials; the provider crates do.
//!
//! ```no_run
//! # #[cfg(all(feature = "nd", feature = "pluuug"))]
//! # mod example {
//! use customer_core::{CustomerSource, ErrorKind, Provider};
//!
//! async fn print_customer(id: &str) -> Result<(), customer_core::Error> {
//!     // Any provider, chosen at run time, behind one trait object.
//!     let sources: Vec<Box<dyn CustomerSource>> = vec![
//!         Box::new(nd_client::Client::from_env()?),
//!         Box::new(pluuug_client::Client::from_env()?),
//!     ];
//!     for source in &sources {
//!         match source.customer(id).await {
//!             Ok(customer) => {
//!                 let customer = customer.without_raw();
//!                 println!("{}", serde_json::to_string_pretty(&customer).expect("a Customer serializes"));
//!             }
//!             Err(e) if e.kind() == ErrorKind::NotFound => eprintln!("{}: no {id}", source.provider()),
//!             Err(e) => return Err(e),
//!         }
//!     }
//!     assert_eq!("nd".parse::<Provider>().ok(), Some(Provider::Nd));
//!     Ok(())
//! }
//! # }
//! ```

mod change;
pub mod list;
mod model;
// Each helper serves some providers; with only some features on, the others' helpers are unused.
#[cfg_attr(
    not(all(feature = "pluuug", feature = "gofive", feature = "eshouhou", feature = "nd")),
    allow(dead_code)
)]
mod normalize;
mod provider;
mod raw;
pub mod reverse;
mod source;
pub mod write;

#[cfg(feature = "eshouhou")]
pub mod eshouhou;
#[cfg(feature = "gofive")]
pub mod gofive;
#[cfg(feature = "nd")]
pub mod nd;
#[cfg(feature = "pluuug")]
pub mod pluuug;

pub use change::{ContactChange, CustomFieldChange, CustomerChange, Patch};
pub use crm_runtime::{Error, ErrorKind};
pub use list::CustomerStream;
pub use model::{
    Address, AddressKind, Billing, Contact, CustomField, CustomFieldKind, Customer, Email, EmailKind,
    Enumerated, Financials, Geo, LifecycleStage, PartyKind, Phone, PhoneKind, Region, Status, TaxId,
    TaxScheme, UserRef, UserRole, Warning,
};
pub use provider::{ByProvider, Documented, Facts, ParseProviderError, Provider};
pub use raw::RawJson;
pub use source::CustomerSource;

/// The JSON Schema (draft 2020-12) of [`Customer`] as this crate serializes it: every key of the
/// contract is required except `raw`, which is left out unless kept.
pub fn json_schema() -> serde_json::Value {
    schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<Customer>()
        .to_value()
}

/// The JSON Schema (draft 2020-12) of [`CustomerChange`] as this crate reads it: every key
/// optional, `null` clears, unknown keys refused.
pub fn change_json_schema() -> serde_json::Value {
    schemars::generate::SchemaSettings::draft2020_12()
        .for_deserialize()
        .into_generator()
        .into_root_schema_for::<CustomerChange>()
        .to_value()
}
