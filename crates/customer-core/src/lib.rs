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

mod body;
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

/// The providers this crate maps, each ONCE: `module: "feature" => client_crate`. Generates each
/// provider's mapping module (behind its feature) and [`open`]'s table. Adding a provider is one
/// line here (plus its feature and optional client dependency in Cargo.toml); a provider of the
/// registry without a line fails to compile at the `ByProvider` literal.
macro_rules! providers {
    ($( $module:ident: $feature:literal => $client:ident ),+ $(,)?) => {
        $(
            #[cfg(feature = $feature)]
            pub mod $module;
        )+

        /// A ready client for `provider` as a [`CustomerSource`], configured from `vars` (a
        /// variable of the provider's list — `Facts::env` — by name; blank counts as unset) and
        /// `config`. What a caller that handles every provider the same way uses (the CLI, a
        /// sync service): it needs no per-provider code. A `config` error names what is missing
        /// — a required variable, or the cargo feature of this crate the provider needs.
        pub fn open(
            provider: Provider,
            vars: &dyn Fn(&str) -> Option<String>,
            config: crm_runtime::Config,
        ) -> Result<std::sync::Arc<dyn CustomerSource>, Error> {
            type Open = fn(
                &dyn Fn(&str) -> Option<String>,
                crm_runtime::Config,
            ) -> Result<std::sync::Arc<dyn CustomerSource>, Error>;
            const OPEN: ByProvider<Open> = ByProvider {
                $(
                    $module: |vars, config| {
                        #[cfg(feature = $feature)]
                        {
                            let client = $client::Client::builder_from_vars(vars)?.config(config).build()?;
                            Ok(std::sync::Arc::new(client))
                        }
                        #[cfg(not(feature = $feature))]
                        {
                            let _ = (vars, config);
                            Err(Error::config(
                                stringify!($module),
                                concat!("customer-core was built without its `", $feature, "` feature"),
                            ))
                        }
                    },
                )+
            };
            OPEN.get(provider)(vars, config)
        }

        /// Maps a customer-detail response body received elsewhere — the `raw` a sync mirror
        /// kept, a file, a webhook's copy — exactly as [`CustomerSource::customer`] maps a
        /// fetched one: decoded into the provider's generated type, its envelope unwrapped,
        /// mapped, the body kept as `raw`. So a body kept yesterday can be mapped again by
        /// today's mapping without fetching it. `id` is the customer's id (eshouhou's body does
        /// not carry it; the others ignore it). Errors: `bad_response` (the body does not
        /// decode; naming the field), `provider_error` (an error answer, with its code), or
        /// `config` when this crate was built without the provider's feature.
        pub fn map_body(provider: Provider, id: &str, body: impl Into<RawJson>) -> Result<Customer, Error> {
            let raw: RawJson = body.into();
            map_body_with_raw(provider, id, raw.as_bytes(), raw.clone())
        }

        /// As [`map_body`], with the `raw` the customer keeps given apart from the body decoded
        /// (tests use it to check a mapping never reads `raw`).
        #[doc(hidden)]
        pub fn map_body_with_raw(provider: Provider, id: &str, body: &[u8], raw: RawJson) -> Result<Customer, Error> {
            type MapBody = fn(&str, &[u8], RawJson) -> Result<Customer, Error>;
            const MAP: ByProvider<MapBody> = ByProvider {
                $(
                    $module: |id, body, raw| {
                        #[cfg(feature = $feature)]
                        {
                            $module::map_body(id, body, raw)
                        }
                        #[cfg(not(feature = $feature))]
                        {
                            let _ = (id, body, raw);
                            Err(Error::config(
                                stringify!($module),
                                concat!("customer-core was built without its `", $feature, "` feature"),
                            ))
                        }
                    },
                )+
            };
            MAP.get(provider)(id, body, raw)
        }

        /// Where `provider`'s mapping places its spec's properties, or `None` when this crate was
        /// built without the provider's feature.
        pub fn placement(provider: Provider) -> Option<Placement> {
            const PLACEMENTS: ByProvider<Option<Placement>> = ByProvider {
                $(
                    $module: {
                        #[cfg(feature = $feature)]
                        {
                            Some($module::PLACEMENT)
                        }
                        #[cfg(not(feature = $feature))]
                        {
                            None
                        }
                    },
                )+
            };
            *PLACEMENTS.get(provider)
        }
    };
}

providers! {
    pluuug: "pluuug" => pluuug_client,
    gofive: "gofive" => gofive_client,
    eshouhou: "eshouhou" => eshouhou_client,
    nd: "nd" => nd_client,
}

pub use body::Placement;
pub use change::{ContactChange, CustomFieldChange, CustomerChange, Patch};
pub use crm_runtime::{Error, ErrorKind};
pub use list::{CustomerStream, ListPoint, ListedAt, PlacedStream};
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

#[cfg(test)]
mod open_tests {
    use super::*;

    /// `open` reads only the lookup it is given: each provider builds from its registry variables,
    /// and a missing required one is a `config` error naming the provider and the variable.
    #[test]
    fn open_builds_every_provider_from_its_variables_alone() {
        for provider in Provider::ALL {
            let facts = provider.facts();
            let vars = |name: &str| {
                facts.env.iter().find(|v| v.name == name && (v.required || name == facts.base_url_env)).map(
                    |v| match v.name {
                        n if n == facts.base_url_env => "http://127.0.0.1:9".to_owned(),
                        "GOFIVE_CLIENT_AUTH" => "body".to_owned(),
                        "ESHOUHOU_SERVICE_NETWORK_TYPE" => "1".to_owned(),
                        _ => "test-value".to_owned(),
                    },
                )
            };
            let source = open(provider, &vars, crm_runtime::Config::default())
                .unwrap_or_else(|e| panic!("{provider}: {e}"));
            assert_eq!(source.provider(), provider);

            if let Some(required) = facts.env.iter().find(|v| v.required && v.name != facts.base_url_env) {
                let without = |name: &str| if name == required.name { None } else { vars(name) };
                let e = open(provider, &without, crm_runtime::Config::default()).err().expect("an error");
                assert_eq!(e.kind(), ErrorKind::Config, "{provider}");
                assert_eq!(e.provider(), provider.as_str());
                assert!(e.message().contains(required.name), "{provider}: {}", e.message());
            }
        }
    }
}
