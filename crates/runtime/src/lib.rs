//! Shared runtime of the crm-customers provider clients.
//!
//! Each provider crate (`pluuug-client`, `gofive-client`, `eshouhou-client`, `nd-client`) is a
//! progenitor-generated client plus a thin `client.rs` built on this crate's shell: the builder's
//! common part ([`ClientOptions`]), the hooks glue, the access-token handling ([`TokenAuth`]),
//! and one call path that gives all four the same behaviour:
//!
//! * **one deadline per call** ([`Config::total_timeout`]) covering token fetch, call, token
//!   refresh, retries and throttle waits;
//! * **rate limits counted like the providers count them** ([`RateLimit`]: at most N requests in
//!   any window), and **one back-off per client**: a 429 (or 503 with `Retry-After`) pauses
//!   every request of the client until the time the provider named; both kept in a
//!   [`LimitsStore`] — the client's own memory by default, or (feature `redis`) a Redis shared by
//!   every process on one API key (`RedisLimits`, [`Config::with_limits_store`]);
//! * **reads retried, writes never**: GET/HEAD and the POSTs a provider lists as reads are
//!   retried on connect errors, timeouts and 502/503/504; PUT/PATCH/POST/DELETE get one attempt,
//!   and a write that times out after sending reports [`Error::is_outcome_unknown`];
//! * **no redirects followed** (a redirect would carry credentials to another origin);
//! * **IDs are data, never path** ([`encode_path`], [`MAX_ID_BYTES`]);
//! * a response size cap, the raw body of every response, one [`Error`] type classified by
//!   [`ErrorKind`], and configured secrets redacted from every error message.
//!
//! It knows nothing of any provider's auth or envelopes; those live in the provider crates.
//!
//! # Adding an operation to a provider crate
//!
//! Add it to the spec and regenerate; then one method in the crate's `client.rs`. The per-call
//! entry point is [`Runtime::call`] (`self.runtime().call(OP, self.api.<generated>(..))`): it
//! applies the deadline, the limiter, the throttle pause, retries (reads only: the HTTP method
//! decides; a POST that is a read is listed in [`ProviderInfo::idempotent_posts`]), encodes path
//! parameters, classifies errors and redacts secrets. A write (PUT/PATCH/POST/DELETE) gets one
//! attempt and may fail with [`Error::is_outcome_unknown`]. Where the method does more than one
//! call or checks an envelope afterwards, wrap it all in [`Runtime::run`] (one deadline, errors
//! redacted); for token providers use [`TokenAuth::run`] instead, which also fetches the token,
//! holds it for the `pre` hook and refreshes it once on rejection:
//!
//! ```ignore
//! pub async fn update_client(&self, id: i64, body: &types::ClientUpdate) -> Result<Fetched<types::Client>, Error> {
//!     self.runtime().call("update_client", self.api.update_client(id, body)).await
//! }
//! // gofive: envelope checked inside the token-holding closure
//! let call = || async { unwrap_envelope(OP, inner.runtime.call(OP, self.api.upsert_customer(body)).await?) };
//! inner.auth.run(&inner.runtime, OP, || self.issue_token(), call, rejects).await
//! ```

mod attempt;
mod body;
mod capture;
mod classify;
mod config;
mod deadline;
mod error;
mod errors;
mod fetched;
mod http;
mod lenient;
mod limiter;
mod limits;
pub mod paginate;
mod path;
#[cfg(feature = "redis")]
mod redis_limits;
mod retry;
mod runtime;
pub mod secrets;
mod shell;
#[cfg(feature = "test-util")]
pub mod testing;
pub mod tls;
mod token;
pub mod typed_body;

pub use config::{Config, RateLimit};
pub use error::{Error, ErrorKind};
#[doc(hidden)]
pub use errors::{decode_error, provider_text, status_error, transport_error};
pub use fetched::Fetched;
pub use lenient::{LenientDateTime, LenientText};
pub use limits::{Admission, BoxFuture, Hold, InProcessLimits, LimitKey, LimitsStore, Slot};
pub use paginate::{ListStream, Listed, Page, PageInfo, Pagination, paginate};
pub use path::{MAX_ID_BYTES, check_id, encode_path};
#[cfg(feature = "redis")]
pub use redis_limits::RedisLimits;
#[doc(hidden)]
pub use retry::retry_after;
#[doc(hidden)]
pub use runtime::Runtime;
pub use secrecy::{ExposeSecret, SecretString};
pub use secrets::{REDACTED, Secrets, redact};
pub use shell::{ClientOptions, EnvVar, Provider, ProviderInfo};
#[doc(hidden)]
pub use shell::{
    base_url, bearer, env_var_opt, envelope_error, envelope_without, secret_header, token_failure,
};
pub use tls::TlsBackend;
pub use token::{IssuedToken, MAX_TOKEN_LIFETIME, Token, TokenAuth};

/// What the shell macros need, re-exported so provider crates name one dependency.
#[doc(hidden)]
pub mod __private {
    pub use progenitor_client::{ClientHooks, ClientInfo, Error as ProgenitorError, OperationInfo};
    pub use reqwest;

    pub use crate::shell::{Built, Hooks, prepare};
}

/// Serde helpers for secrets that must go on the wire (`#[serde(with = "crm_runtime::serde_secret")]`):
/// serialized as the plain string, deserialized into a [`SecretString`].
pub mod serde_secret {
    use secrecy::{ExposeSecret, SecretString};
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the secret's text.
    pub fn serialize<S: Serializer>(secret: &SecretString, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(secret.expose_secret())
    }

    /// Reads a string into a secret.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<SecretString, D::Error> {
        String::deserialize(d).map(SecretString::from)
    }
}

/// Reads a token's `expires_in` leniently (`#[serde(default, deserialize_with = "crm_runtime::lenient_seconds")]`):
/// an integer, a float (truncated, saturating: `1e300` reads as `i64::MAX`), or a numeric string;
/// anything else reads as absent. [`TokenAuth`] then clamps or refuses the value.
pub fn lenient_seconds<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    use serde::Deserialize;
    Ok(match Option::<serde_json::Value>::deserialize(d)? {
        Some(serde_json::Value::Number(n)) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Some(serde_json::Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    })
}
