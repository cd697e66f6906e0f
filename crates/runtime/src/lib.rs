//! Shared runtime of the crm-customers provider clients.
//!
//! Each provider crate (`pluuug-client`, `gofive-client`, `eshouhou-client`, `nd-client`) plugs
//! [`Runtime::execute`] into progenitor's `ClientHooks::exec` and wraps every generated call in
//! [`Runtime::call`]. That gives all four the same behaviour in one place: retries with backoff,
//! timeouts, a client-side rate limit, a response size cap, the raw body of every response, and
//! one [`Error`] type classified by [`ErrorKind`].
//!
//! It knows nothing of any provider's auth or envelopes; those live in the provider crates.

mod config;
mod error;
mod exec;
mod lenient;
#[cfg(feature = "test-util")]
pub mod testing;
pub mod tls;
mod token;

pub use config::{Config, RateLimit};
pub use error::{Error, ErrorKind};
pub use exec::{
    Fetched, Runtime, decode_error, provider_text, retry_after, stash_error, status_error, transport_error,
};
pub use lenient::{LenientDateTime, LenientText};
pub use secrecy::{ExposeSecret, SecretString};
pub use tls::TlsBackend;
pub use token::{Token, TokenCache, refresh_margin};

/// Reads a required environment variable, with a [`ErrorKind::Config`] error naming it.
pub fn env_var(provider: &'static str, name: &str) -> Result<String, Error> {
    match std::env::var(name) {
        Ok(v) if !v.trim().is_empty() => Ok(v),
        _ => Err(Error::config(provider, format!("missing credentials: set {name}"))),
    }
}

/// Reads an optional environment variable (empty counts as unset).
pub fn env_var_opt(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// Validates a base URL: `http(s)://host[:port][/prefix]`, returned without a trailing slash.
pub fn base_url(provider: &'static str, raw: &str) -> Result<String, Error> {
    let trimmed = raw.trim().trim_end_matches('/');
    let parsed = url::Url::parse(trimmed)
        .map_err(|e| Error::config(provider, format!("invalid base URL `{trimmed}`: {e}")))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(Error::config(
            provider,
            format!("invalid base URL `{trimmed}`: expected http(s)://host[:port]"),
        ));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(Error::config(
            provider,
            format!("invalid base URL `{trimmed}`: no query or fragment allowed"),
        ));
    }
    Ok(trimmed.to_string())
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

/// A token request's failure, reported without its body (a token response carries the token):
/// 400/401/403 become [`ErrorKind::Auth`]; status, code and timeout are kept.
pub fn token_failure(provider: &'static str, operation: &'static str, e: Error) -> Error {
    let kind = match (e.kind(), e.status()) {
        (ErrorKind::NotFound | ErrorKind::ProviderError, Some(400 | 401 | 403)) => ErrorKind::Auth,
        (k, _) => k,
    };
    let mut out = Error::new(kind, provider, operation, format!("token request failed: {}", e.message()));
    if let Some(s) = e.status() {
        out = out.with_status(s);
    }
    if let Some(c) = e.code() {
        out = out.with_code(c);
    }
    if e.is_timeout() {
        out = out.with_timeout();
    }
    out
}
