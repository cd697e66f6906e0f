//! Decoding a customer-detail body received elsewhere (see [`crate::map_body`]): the errors it
//! gives, shared by every provider's mapping module.

use serde::de::DeserializeOwned;

use crate::{Error, ErrorKind, Provider, RawJson};

/// Where [`crate::map_body`] places a spec's properties: the customer schema a provider's mapping
/// reads and the lists that name each of its properties (`MAPPED`, `TO_EXTRA`, …). The coverage
/// gate (`tests/coverage.rs`) checks it against the provider's spec: a property the spec gains
/// that no list names fails the build.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Placement {
    /// The spec's schema the mapping reads (`components.schemas.<schema>`), or, where the spec
    /// documents the keys only in prose, what the coverage gate reads instead.
    pub schema: &'static str,
    /// Each list's name with the property paths it holds (`a`, `a.b`, `a[].b`).
    pub lists: &'static [(&'static str, &'static [&'static str])],
}

impl Placement {
    #[cfg_attr(
        not(any(feature = "pluuug", feature = "gofive", feature = "eshouhou", feature = "nd")),
        allow(dead_code)
    )]
    pub(crate) const fn new(
        schema: &'static str,
        lists: &'static [(&'static str, &'static [&'static str])],
    ) -> Self {
        Placement { schema, lists }
    }
}

/// The body decoded as `T`, or a `bad_response` error naming provider, operation and the field
/// that failed, with the body kept.
#[cfg_attr(
    not(any(feature = "pluuug", feature = "gofive", feature = "eshouhou", feature = "nd")),
    allow(dead_code)
)]
pub(crate) fn decode<T: DeserializeOwned>(
    provider: Provider,
    body: &[u8],
    raw: &RawJson,
) -> Result<T, Error> {
    let de = &mut serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let field = e.path().to_string();
        let error =
            error(provider, ErrorKind::BadResponse, format!("the body does not decode: {}", e.inner()), raw);
        if field == "." { error } else { error.with_field(field) }
    })
}

/// A `provider_error`: the body is the provider's error envelope, answering `code`.
#[cfg_attr(not(any(feature = "gofive", feature = "eshouhou", feature = "nd")), allow(dead_code))]
pub(crate) fn refused(provider: Provider, code: impl Into<String>, raw: &RawJson) -> Error {
    let code = code.into();
    error(provider, ErrorKind::ProviderError, format!("the body is an error answer (code {code})"), raw)
        .with_code(code)
}

/// A `bad_response`: a success answer whose `field` (the customer) is missing or null.
#[cfg_attr(not(any(feature = "gofive", feature = "eshouhou", feature = "nd")), allow(dead_code))]
pub(crate) fn empty(provider: Provider, field: &str, raw: &RawJson) -> Error {
    error(provider, ErrorKind::BadResponse, "a success answer without the customer", raw).with_field(field)
}

/// A `not_found`: a success answer that says there is no such customer (eshouhou's empty rows).
#[cfg_attr(not(feature = "eshouhou"), allow(dead_code))]
pub(crate) fn not_found(provider: Provider, raw: &RawJson) -> Error {
    error(provider, ErrorKind::NotFound, "the answer holds no customer (an empty archive)", raw)
}

fn error(provider: Provider, kind: ErrorKind, message: impl Into<String>, raw: &RawJson) -> Error {
    Error::new(kind, provider.as_str(), provider.facts().customer_operation, message)
        .with_raw(raw.clone().into_bytes())
}
