//! The Pluuug client: what differs from the other providers — the two keys, the body signature,
//! the operations. The shell (hooks, `Client`, builder options, build tail) is crm-runtime's.

use std::sync::Arc;

use crm_runtime::{ClientOptions, Error, ExposeSecret, ProviderInfo, RateLimit, Runtime, SecretString};
use progenitor_client::OperationInfo;

use crate::auth;

/// Pluuug throttles at 1000 requests per minute per API key (DRF's `1000/min`, a sliding
/// window); the client stays under it by default.
pub const DOCUMENTED_RATE_LIMIT: RateLimit = match INFO.rate_limit {
    Some(limit) => limit,
    None => panic!("the registry documents Pluuug's rate limit"),
};

/// Documented production host.
pub const DEFAULT_BASE_URL: &str = match INFO.default_base_url {
    Some(url) => url,
    None => panic!("the registry names Pluuug's base URL"),
};

/// Facts about Pluuug: name, environment variables, default base URL, auth, rate limit.
pub const INFO: ProviderInfo = ProviderInfo::of(crm_runtime::Provider::Pluuug, &[]);

/// Hook state: the two keys and the runtime.
#[derive(Clone)]
#[doc(hidden)]
pub struct Inner {
    api_key: Arc<SecretString>,
    secret_key: Arc<SecretString>,
    runtime: Arc<Runtime>,
    /// Lists read once per client and kept (statuses, client custom field definitions).
    pub(crate) lookups: Arc<Lookups>,
}

/// What a client reads once and keeps: the business's client statuses and client custom field
/// definitions (they change only in the Pluuug admin).
#[derive(Debug, Default)]
#[doc(hidden)]
pub struct Lookups {
    pub(crate) statuses: std::sync::OnceLock<Vec<crate::types::ClientStatus>>,
    pub(crate) client_fields: std::sync::OnceLock<Vec<crate::types::CustomField>>,
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inner").field("keys", &"[redacted]").field("runtime", &self.runtime).finish()
    }
}

impl crm_runtime::__private::Hooks for Inner {
    fn authorize(&self, request: &mut reqwest::Request, _: &OperationInfo) -> Result<(), Error> {
        let body = request.body().and_then(|b| b.as_bytes()).unwrap_or(b"");
        let signature = auth::sign(self.secret_key.expose_secret().as_bytes(), body);
        let key = crm_runtime::secret_header(INFO.name, "API key", self.api_key.expose_secret())?;
        let signature = crm_runtime::secret_header(INFO.name, "signature", &signature)?;
        request.headers_mut().insert("x-api-key", key);
        request.headers_mut().insert("x-signature", signature);
        Ok(())
    }
}

crm_runtime::client_shell!(
    INFO,
    "A Pluuug Open API client.",
    "A builder; `api_key` and `secret_key` are required."
);

impl Client {
    /// A builder preloaded from `PLUUUG_API_KEY`, `PLUUUG_SECRET_KEY` and `PLUUUG_BASE_URL`
    /// (whichever are set), to adjust before `build()`, which names what is missing.
    pub fn builder_from_env() -> Result<ClientBuilder, Error> {
        Self::builder_from_vars(|name| std::env::var(name).ok())
    }

    /// The same builder preloaded from `vars` instead of the process environment: `vars(name)`
    /// answers a variable of [`INFO`]'s list (blank counts as unset). What a caller holding
    /// its own configuration (or the embedded sandbox's `Sandbox::env`) uses, so it needs no
    /// per-provider code.
    pub fn builder_from_vars(vars: impl Fn(&str) -> Option<String>) -> Result<ClientBuilder, Error> {
        let env = |name: &str| vars(name).filter(|v| !v.trim().is_empty());
        Ok(ClientBuilder {
            api_key: env("PLUUUG_API_KEY").map(SecretString::from),
            secret_key: env("PLUUUG_SECRET_KEY").map(SecretString::from),
            options: ClientOptions::from_vars(&INFO, &env),
        })
    }
}

/// Builds a [`Client`].
#[derive(Default)]
pub struct ClientBuilder {
    api_key: Option<SecretString>,
    secret_key: Option<SecretString>,
    options: ClientOptions,
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder").field("keys", &"[redacted]").field("options", &self.options).finish()
    }
}

impl ClientBuilder {
    crm_runtime::setters! {
        /// The API key issued in the Pluuug admin (sent as `X-API-Key`).
        secret api_key;
        /// The secret key issued with it (signs every body; never sent).
        secret secret_key;
    }
    crm_runtime::builder_options!();

    /// Validates the settings and builds the client (default config: [`Config::default`](crate::Config::default) with
    /// Pluuug's documented 1000 requests per minute).
    pub fn build(self) -> Result<Client, Error> {
        let api_key = self.api_key.filter(|k| !k.expose_secret().trim().is_empty());
        let secret_key = self.secret_key.filter(|k| !k.expose_secret().is_empty());
        let (Some(api_key), Some(secret_key)) = (api_key, secret_key) else {
            return Err(INFO.missing_credentials());
        };
        crm_runtime::secret_header(INFO.name, "API key", api_key.expose_secret())?;
        let built = self.options.build(&INFO, &[&api_key, &secret_key])?;
        Ok(Client::from_parts(built, |runtime| Inner {
            api_key: Arc::new(api_key),
            secret_key: Arc::new(secret_key),
            runtime,
            lookups: Arc::default(),
        }))
    }
}
