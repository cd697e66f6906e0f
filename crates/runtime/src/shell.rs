//! The shell every provider client shares: provider facts ([`ProviderInfo`]), the builder's
//! common part ([`ClientOptions`]: base URL, [`Config`], `reqwest::Client`, the build tail), the
//! hooks glue ([`Hooks`], [`client_shell!`](crate::client_shell)) and small helpers. A provider's
//! `client.rs` keeps only what differs: credentials, how a request is authorized, the envelope,
//! the operations.

use std::sync::Arc;

use progenitor_client::OperationInfo;
use reqwest::header::HeaderValue;
use secrecy::{ExposeSecret, SecretString};

use crate::{
    Config, Error, ErrorKind, RateLimit, Runtime,
    capture::{stash, with_capture},
};

pub use crm_registry::{EnvVar, Provider};

/// Facts about a provider as its client uses them: the registry's facts ([`crm_registry::Facts`],
/// the one place they are written) plus what only the client knows (which POSTs are reads).
/// Build it with [`ProviderInfo::of`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProviderInfo {
    /// The provider.
    pub provider: Provider,
    /// The name errors carry and the CLI takes (`pluuug`).
    pub name: &'static str,
    /// The product's name (`Pluuug Open API`).
    pub display_name: &'static str,
    /// The documented production base URL, when the docs name one.
    pub default_base_url: Option<&'static str>,
    /// The variable overriding the base URL.
    pub base_url_env: &'static str,
    /// Every variable `builder_from_env()` reads, the base URL's included.
    pub env: &'static [EnvVar],
    /// How requests are authenticated, in one line.
    pub auth: &'static str,
    /// The provider's documented rate limit, applied unless the [`Config`] sets one.
    pub rate_limit: Option<RateLimit>,
    /// POST operations that are reads (retried like GETs): token requests, searches.
    pub idempotent_posts: &'static [&'static str],
}

impl ProviderInfo {
    /// The registry's facts of `provider`, with the POST operations of its client that are reads.
    pub const fn of(provider: Provider, idempotent_posts: &'static [&'static str]) -> ProviderInfo {
        let f = provider.facts();
        ProviderInfo {
            provider,
            name: f.name,
            display_name: f.display_name,
            default_base_url: f.default_base_url,
            base_url_env: f.base_url_env,
            env: f.env,
            auth: f.auth,
            rate_limit: match f.rate_limit {
                Some(r) => Some(RateLimit { requests: r.requests, per: r.per }),
                None => None,
            },
            idempotent_posts,
        }
    }

    /// The `config` error for missing credentials, naming every required variable.
    pub fn missing_credentials(&self) -> Error {
        let names: Vec<&str> =
            self.env.iter().filter(|v| v.required && v.name != self.base_url_env).map(|v| v.name).collect();
        let list = match names.as_slice() {
            [] => String::new(),
            [one] => (*one).to_string(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
        };
        Error::config(self.name, format!("missing credentials: set {list}"))
    }
}

/// An environment variable's value; empty counts as unset.
#[doc(hidden)]
pub fn env_var_opt(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// `raw` with any `user:password@` replaced by `***@`, for messages.
fn without_userinfo(raw: &str) -> String {
    let Some(scheme_end) = raw.find("://").map(|i| i + 3) else { return raw.to_string() };
    let rest = &raw[scheme_end..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{}***@{}", &raw[..scheme_end], &rest[at + 1..]),
        None => raw.to_string(),
    }
}

/// The longest base URL accepted (bytes).
const MAX_BASE_URL_BYTES: usize = 4096;

/// Validates a base URL: `http(s)://host[:port][/prefix]`, at most 4096 bytes, returned without
/// a trailing slash.
/// Credentials in the URL (`user:pw@`) are refused and never printed.
#[doc(hidden)]
pub fn base_url(provider: &'static str, raw: &str) -> Result<String, Error> {
    let trimmed = raw.trim().trim_end_matches('/');
    if trimmed.len() > MAX_BASE_URL_BYTES {
        // The HTTP layer refuses request URLs near 64 KiB; no real base URL comes close.
        return Err(Error::config(
            provider,
            format!(
                "invalid base URL: {} bytes long, the most accepted is {MAX_BASE_URL_BYTES}",
                trimmed.len()
            ),
        ));
    }
    let shown = without_userinfo(trimmed);
    let parsed = url::Url::parse(trimmed)
        .map_err(|e| Error::config(provider, format!("invalid base URL `{shown}`: {e}")))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(Error::config(
            provider,
            format!("invalid base URL `{shown}`: expected http(s)://host[:port]"),
        ));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(Error::config(
            provider,
            format!(
                "invalid base URL `{shown}`: no credentials in the URL (use the provider's credential settings)"
            ),
        ));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(Error::config(
            provider,
            format!("invalid base URL `{shown}`: no query or fragment allowed"),
        ));
    }
    Ok(trimmed.to_string())
}

/// The part of every client builder that is the same for all providers: base URL, [`Config`]
/// (layered onto the provider's defaults) and an optional `reqwest::Client`.
#[derive(Clone, Default)]
pub struct ClientOptions {
    base_url: Option<String>,
    config: Option<Config>,
    http: Option<reqwest::Client>,
}

impl std::fmt::Debug for ClientOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientOptions")
            .field("base_url", &self.base_url.as_deref().map(without_userinfo))
            .field("config", &self.config)
            .field("http_client", &self.http.is_some())
            .finish()
    }
}

/// What [`ClientOptions::build`] hands a provider's builder.
#[doc(hidden)]
pub struct Built {
    /// The validated base URL.
    pub base_url: String,
    /// The HTTP client (never follows redirects unless the caller supplied one that does).
    pub http: reqwest::Client,
    /// The runtime.
    pub runtime: Arc<Runtime>,
}

impl ClientOptions {
    /// Options with the base URL from the provider's base-URL variable, when set.
    #[doc(hidden)]
    pub fn from_env(info: &ProviderInfo) -> Self {
        ClientOptions { base_url: env_var_opt(info.base_url_env), ..Default::default() }
    }
    /// Options with the base URL from `vars` (the provider's base-URL variable), when set and
    /// not blank.
    #[doc(hidden)]
    pub fn from_vars(info: &ProviderInfo, vars: &dyn Fn(&str) -> Option<String>) -> Self {
        let base_url = vars(info.base_url_env).filter(|v| !v.trim().is_empty());
        ClientOptions { base_url, ..Default::default() }
    }
    #[doc(hidden)]
    pub fn set_base_url(&mut self, url: String) {
        self.base_url = Some(url);
    }
    #[doc(hidden)]
    pub fn set_config(&mut self, config: Config) {
        self.config = Some(config);
    }
    #[doc(hidden)]
    pub fn set_http_client(&mut self, client: reqwest::Client) {
        self.http = Some(client);
    }

    /// The build tail: validates the base URL, layers the config onto the provider's defaults,
    /// builds the runtime (registering `secrets` for redaction) and the HTTP client.
    #[doc(hidden)]
    pub fn build(self, info: &'static ProviderInfo, secrets: &[&SecretString]) -> Result<Built, Error> {
        let raw = match (self.base_url.filter(|u| !u.trim().is_empty()), info.default_base_url) {
            (Some(u), _) => u,
            (None, Some(d)) => d.to_string(),
            (None, None) => {
                return Err(Error::config(
                    info.name,
                    format!(
                        "missing base URL: set {} (the {} docs name no public host)",
                        info.base_url_env, info.name
                    ),
                ));
            }
        };
        let base_url = base_url(info.name, &raw)?;
        let config = self.config.unwrap_or_default().over_provider(info.rate_limit);
        let runtime = Runtime::new(info.name, config, info.idempotent_posts).with_credentials(secrets);
        for s in secrets {
            runtime.add_secret(s);
        }
        let http = match self.http {
            Some(h) => h,
            None => runtime.http_client()?,
        };
        Ok(Built { base_url, http, runtime: Arc::new(runtime) })
    }
}

/// What a provider's hook state (`Inner`, which also has a `runtime: Arc<Runtime>` field) supplies
/// to the shared hooks.
#[doc(hidden)]
pub trait Hooks {
    /// Puts the credentials on a request about to be sent.
    fn authorize(&self, request: &mut reqwest::Request, info: &OperationInfo) -> Result<(), Error>;
}

/// The shared `pre` hook: drops progenitor's `api-version` header, refuses to send when the call
/// already failed (an invalid ID), then lets the provider authorize the request. A typed error
/// from here reaches the caller as is.
#[doc(hidden)]
#[allow(clippy::result_large_err)] // progenitor's error type, as the hook must return it
pub fn prepare<H: Hooks, E>(
    hooks: &H,
    request: &mut reqwest::Request,
    info: &OperationInfo,
) -> Result<(), progenitor_client::Error<E>> {
    // progenitor adds Dropshot's `api-version` header to every request; no provider uses it.
    request.headers_mut().remove("api-version");
    if let Some(msg) = with_capture(|c| c.stashed.as_ref().map(|e| e.message().to_string())).flatten() {
        return Err(progenitor_client::Error::Custom(msg));
    }
    if let Err(e) = hooks.authorize(request, info) {
        let msg = e.message().to_string();
        stash(|_, _| e);
        return Err(progenitor_client::Error::Custom(msg));
    }
    Ok(())
}

/// A header value holding a secret (marked sensitive); `what` names it in the `config` error.
#[doc(hidden)]
pub fn secret_header(provider: &'static str, what: &str, value: &str) -> Result<HeaderValue, Error> {
    let mut v = HeaderValue::from_str(value).map_err(|_| {
        Error::config(provider, format!("the {what} contains characters not allowed in an HTTP header"))
    })?;
    v.set_sensitive(true);
    Ok(v)
}

/// `Authorization: Bearer` for `token`.
#[doc(hidden)]
pub fn bearer(provider: &'static str, token: &SecretString) -> Result<HeaderValue, Error> {
    secret_header(provider, "token", &format!("Bearer {}", token.expose_secret()))
}

/// A success envelope without its payload: a `bad_response` naming the missing field.
#[doc(hidden)]
pub fn envelope_without(
    provider: &'static str,
    operation: &'static str,
    field: &'static str,
    raw: &bytes::Bytes,
    status: u16,
) -> Error {
    Error::new(ErrorKind::BadResponse, provider, operation, format!("success envelope without `{field}`"))
        .with_field(field)
        .with_status(status)
        .with_raw(raw.clone())
}

/// An envelope's business error: `kind`, the provider's code and text, status and raw body.
#[doc(hidden)]
pub fn envelope_error(
    kind: ErrorKind,
    provider: &'static str,
    operation: &'static str,
    message: String,
    code: String,
    raw: &bytes::Bytes,
    status: u16,
) -> Error {
    Error::new(kind, provider, operation, message).with_code(code).with_status(status).with_raw(raw.clone())
}

/// A token request's failure, reported without its body (a token response carries the token).
///
/// An RFC 6749 §5.2 error body (`{"error": CODE, "error_description": TEXT}`) decides the class
/// and keeps its code, which is the part that is the same on every server: `invalid_client` and
/// `unauthorized_client` are [`ErrorKind::Auth`] ("credentials rejected"), `invalid_scope` is
/// [`ErrorKind::Config`] ("scope rejected": the configured scope is wrong, fixed by configuration),
/// any other code is [`ErrorKind::ProviderError`]; the message reads `CODE: TEXT` and
/// [`Error::code`] returns the code. Without such a body, 400/401/403 become
/// [`ErrorKind::Auth`]; status, code and timeout are kept.
#[doc(hidden)]
pub fn token_failure(provider: &'static str, operation: &'static str, e: Error) -> Error {
    if let Some((code, text)) = e.raw().and_then(|raw| oauth_error(raw)) {
        let (kind, what) = match code.as_str() {
            "invalid_client" | "unauthorized_client" => (ErrorKind::Auth, "credentials rejected"),
            "invalid_scope" => (ErrorKind::Config, "scope rejected"),
            _ => (ErrorKind::ProviderError, "token request refused"),
        };
        let message = match text {
            Some(t) => format!("token request failed: {what}: {code}: {t}"),
            None => format!("token request failed: {what}: {code}"),
        };
        let mut out = Error::new(kind, provider, operation, message).with_code(code);
        if let Some(s) = e.status() {
            out = out.with_status(s);
        }
        return out;
    }
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

/// An RFC 6749 §5.2 error body: its `error` code (only the characters the RFC allows, at most 64)
/// and its `error_description` (at most 300 characters), or `None` for any other body.
fn oauth_error(raw: &[u8]) -> Option<(String, Option<String>)> {
    let serde_json::Value::Object(map) = serde_json::from_slice::<serde_json::Value>(raw).ok()? else {
        return None;
    };
    let code = map.get("error")?.as_str()?;
    // RFC 6749 §5.2: error = 1*( %x20-21 / %x23-5B / %x5D-7E ); codes are short snake_case words.
    let valid = |c: char| matches!(c, '\x20'..='\x21' | '\x23'..='\x5B' | '\x5D'..='\x7E');
    if code.is_empty() || code.len() > 64 || !code.chars().all(valid) {
        return None;
    }
    let text = map
        .get("error_description")
        .and_then(|d| d.as_str())
        .filter(|d| !d.trim().is_empty())
        .map(|d| d.chars().take(300).collect());
    Some((code.to_string(), text))
}

/// Generates what every provider client has alike, in the crate's `client` module (which
/// defines `Inner: Hooks`, `ClientBuilder` with `fn build`, and `Client::builder_from_env`):
/// the progenitor hooks, `Client` (an `Arc` around the generated client; `Clone + Send + Sync`,
/// checked at compile time), its `Debug`, `from_env`, `base_url`, `generated`.
#[doc(hidden)]
#[macro_export]
#[allow(clippy::crate_in_macro_def)] // `crate` is meant: the provider crate using the macro.
macro_rules! client_shell {
    ($info:path, $doc:literal, $builder_doc:literal) => {
        impl $crate::__private::ClientHooks<Inner> for crate::generated::Client {
            async fn pre<E>(
                &self,
                request: &mut $crate::__private::reqwest::Request,
                info: &$crate::__private::OperationInfo,
            ) -> ::std::result::Result<(), $crate::__private::ProgenitorError<E>> {
                $crate::__private::prepare($crate::__private::ClientInfo::inner(self), request, info)
            }

            async fn exec(
                &self,
                request: $crate::__private::reqwest::Request,
                info: &$crate::__private::OperationInfo,
            ) -> $crate::__private::reqwest::Result<$crate::__private::reqwest::Response> {
                let inner = $crate::__private::ClientInfo::inner(self);
                let http = $crate::__private::ClientInfo::client(self);
                inner.runtime.execute(http, request, info).await
            }
        }

        #[doc = $doc]
        ///
        /// Cheap to clone; clones share connections, the rate limiter, the throttle pause and
        /// (where the provider issues one) the access token.
        #[derive(Clone)]
        pub struct Client {
            api: ::std::sync::Arc<crate::generated::Client>,
        }

        const _: fn() = || {
            fn shareable<T: Send + Sync + Clone + 'static>() {}
            shareable::<Client>();
        };

        impl ::std::fmt::Debug for Client {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct("Client")
                    .field("provider", &$info.name)
                    .field("base_url", &self.base_url())
                    .field("inner", $crate::__private::ClientInfo::inner(&*self.api))
                    .finish()
            }
        }

        impl Client {
            #[doc = $builder_doc]
            pub fn builder() -> ClientBuilder {
                ClientBuilder::default()
            }

            /// A client configured from the environment (see [`Client::builder_from_env`]).
            pub fn from_env() -> ::std::result::Result<Client, $crate::Error> {
                Self::builder_from_env()?.build()
            }

            /// The base URL in use.
            pub fn base_url(&self) -> &str {
                $crate::__private::ClientInfo::baseurl(&*self.api)
            }

            /// The generated client, for operations this crate does not wrap. Its calls are
            /// authorized, rate limited and retried alike and keep to the call deadline (a call
            /// that runs out of it gets a synthetic `504` with no body), but return progenitor's
            /// error type and (for token providers) need a token in scope.
            pub fn generated(&self) -> &crate::generated::Client {
                &self.api
            }

            fn from_parts(
                built: $crate::__private::Built,
                inner: impl FnOnce(::std::sync::Arc<$crate::Runtime>) -> Inner,
            ) -> Client {
                let inner = inner(built.runtime);
                let api = crate::generated::Client::new_with_client(&built.base_url, built.http, inner);
                Client { api: ::std::sync::Arc::new(api) }
            }

            #[allow(dead_code)]
            pub(crate) fn inner(&self) -> &Inner {
                $crate::__private::ClientInfo::inner(&*self.api)
            }

            #[allow(dead_code)]
            pub(crate) fn runtime(&self) -> &$crate::Runtime {
                &self.inner().runtime
            }
        }
    };
}

/// The builder methods every provider's `ClientBuilder` has alike (it keeps a `ClientOptions`
/// in a field named `options`): `base_url`, `config`, `http_client`.
#[doc(hidden)]
#[macro_export]
macro_rules! builder_options {
    () => {
        /// Overrides the base URL (`scheme://host[:port][/prefix]`; no credentials in it).
        pub fn base_url(mut self, url: impl Into<String>) -> Self {
            self.options.set_base_url(url.into());
            self
        }
        /// Retry, timeout, rate-limit and size settings, layered onto the provider's defaults:
        /// the provider's documented rate limit stays unless this config sets one
        /// ([`Config::with_rate_limit`](crate::Config::with_rate_limit)).
        pub fn config(mut self, config: $crate::Config) -> Self {
            self.options.set_config(config);
            self
        }
        /// Uses this `reqwest::Client` (proxies, TLS roots, ...) instead of building one. Build
        /// it with `redirect::Policy::none()`: a followed redirect would carry credentials to
        /// whatever host the redirect names (the client's own never follows one).
        pub fn http_client(mut self, client: $crate::__private::reqwest::Client) -> Self {
            self.options.set_http_client(client);
            self
        }
    };
}

/// Builder setters for string settings, each stored as `Option<_>` in the field of its name:
/// `secret name` keeps a [`SecretString`], `text name` a `String`.
#[doc(hidden)]
#[macro_export]
macro_rules! setters {
    ($( $(#[$doc:meta])* $kind:ident $name:ident; )*) => {
        $( $crate::setters!(@one $(#[$doc])* $kind $name); )*
    };
    (@one $(#[$doc:meta])* secret $name:ident) => {
        $(#[$doc])*
        pub fn $name(mut self, value: impl Into<String>) -> Self {
            self.$name = Some($crate::SecretString::from(value.into()));
            self
        }
    };
    (@one $(#[$doc:meta])* text $name:ident) => {
        $(#[$doc])*
        pub fn $name(mut self, value: impl Into<String>) -> Self {
            self.$name = Some(value.into());
            self
        }
    };
}
