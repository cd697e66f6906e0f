//! The Pluuug client: builder, `from_env`, the auth and exec hooks, one method per operation.

use std::sync::Arc;

use crm_runtime::{Config, Error, ExposeSecret, Fetched, RateLimit, Runtime, SecretString};
use progenitor_client::{ClientHooks, ClientInfo, OperationInfo};
use reqwest::header::HeaderValue;

use crate::{auth, generated, types};

/// Provider name carried by every error.
pub const PROVIDER: &str = "pluuug";
/// Documented production host.
pub const DEFAULT_BASE_URL: &str = "https://openapi.pluuug.com";
/// Environment variable names read by [`Client::from_env`].
pub const ENV_API_KEY: &str = "PLUUUG_API_KEY";
/// Secret key variable.
pub const ENV_SECRET_KEY: &str = "PLUUUG_SECRET_KEY";
/// Base URL variable.
pub const ENV_BASE_URL: &str = "PLUUUG_BASE_URL";
/// Pluuug throttles at 1000 requests per minute; the client stays under it by default.
pub const DOCUMENTED_RATE_LIMIT: RateLimit = RateLimit::per_minute(1000);

/// State the generated client carries for the hooks: credentials and the runtime.
#[derive(Clone)]
pub struct Inner {
    api_key: Arc<SecretString>,
    secret_key: Arc<SecretString>,
    runtime: Arc<Runtime>,
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inner")
            .field("api_key", &"[redacted]")
            .field("secret_key", &"[redacted]")
            .field("runtime", &self.runtime)
            .finish()
    }
}

impl ClientHooks<Inner> for generated::Client {
    async fn pre<E>(
        &self,
        request: &mut reqwest::Request,
        _info: &OperationInfo,
    ) -> Result<(), progenitor_client::Error<E>> {
        // progenitor adds Dropshot's `api-version` header to every request; Pluuug has no use for it.
        request.headers_mut().remove("api-version");
        let inner = self.inner();
        let body = request.body().and_then(|b| b.as_bytes()).unwrap_or(b"");
        let signature = auth::sign(inner.secret_key.expose_secret().as_bytes(), body);
        let mut key = HeaderValue::from_str(inner.api_key.expose_secret())?;
        key.set_sensitive(true);
        let mut signature = HeaderValue::from_str(&signature)?;
        signature.set_sensitive(true);
        request.headers_mut().insert("x-api-key", key);
        request.headers_mut().insert("x-signature", signature);
        Ok(())
    }

    async fn exec(
        &self,
        request: reqwest::Request,
        info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        self.inner().runtime.execute(self.client(), request, info).await
    }
}

/// A Pluuug Open API client. Cheap to clone; clones share connections and the rate limiter.
#[derive(Clone)]
pub struct Client {
    api: Arc<generated::Client>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("pluuug_client::Client")
            .field("base_url", &self.api.baseurl())
            .field("inner", self.api.inner())
            .finish()
    }
}

impl Client {
    /// A builder; `api_key` and `secret_key` are required.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// Reads `PLUUUG_API_KEY`, `PLUUUG_SECRET_KEY` and optional `PLUUUG_BASE_URL`.
    pub fn from_env() -> Result<Client, Error> {
        Self::builder_from_env()?.build()
    }

    /// A builder preloaded from the environment, to adjust before `build()`.
    pub fn builder_from_env() -> Result<ClientBuilder, Error> {
        let api_key = crm_runtime::env_var_opt(ENV_API_KEY);
        let secret_key = crm_runtime::env_var_opt(ENV_SECRET_KEY);
        let (Some(api_key), Some(secret_key)) = (api_key, secret_key) else {
            return Err(Error::config(
                PROVIDER,
                format!("missing credentials: set {ENV_API_KEY} and {ENV_SECRET_KEY}"),
            ));
        };
        let mut b = Self::builder().api_key(api_key).secret_key(secret_key);
        if let Some(url) = crm_runtime::env_var_opt(ENV_BASE_URL) {
            b = b.base_url(url);
        }
        Ok(b)
    }

    /// The base URL in use.
    pub fn base_url(&self) -> &str {
        self.api.baseurl()
    }

    /// The generated client, for operations this crate does not wrap. Calls made through it are
    /// signed and go through the same retries and size cap, but return progenitor's error type.
    pub fn generated(&self) -> &generated::Client {
        &self.api
    }

    pub(crate) fn runtime(&self) -> &Runtime {
        &self.api.inner().runtime
    }

    /// `GET /v1/client/{client_id}`: one client (customer), a bare object.
    pub async fn get_client(&self, client_id: i64) -> Result<Fetched<types::Client>, Error> {
        self.runtime().call("get_client", self.api.get_client(client_id)).await
    }

    /// `GET /v1/client/{client_id}` with the id as text, as the CLI and `CustomerSource` take it.
    /// A non-integer id is a `config` error: Pluuug client ids are integers.
    pub async fn get_client_by_str(&self, client_id: &str) -> Result<Fetched<types::Client>, Error> {
        let id = client_id.trim().parse::<i64>().map_err(|_| {
            Error::new(
                crm_runtime::ErrorKind::Config,
                PROVIDER,
                "get_client",
                format!("invalid client id `{client_id}`: Pluuug client ids are integers"),
            )
        })?;
        self.get_client(id).await
    }

    /// `GET /v1/field`: one page of custom field definitions.
    pub async fn list_fields(
        &self,
        category: Option<types::ListFieldsCategory>,
        cursor: Option<&str>,
        page_size: Option<i64>,
    ) -> Result<Fetched<types::CustomFieldPage>, Error> {
        self.runtime().call("list_fields", self.api.list_fields(category, cursor, page_size)).await
    }
}

/// Builds a [`Client`].
#[derive(Default)]
pub struct ClientBuilder {
    api_key: Option<SecretString>,
    secret_key: Option<SecretString>,
    base_url: Option<String>,
    config: Option<Config>,
    http: Option<reqwest::Client>,
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("api_key", &self.api_key.as_ref().map(|_| "[redacted]"))
            .field("secret_key", &self.secret_key.as_ref().map(|_| "[redacted]"))
            .field("base_url", &self.base_url)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// The API key issued in the Pluuug admin (sent as `X-API-Key`).
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(SecretString::from(key.into()));
        self
    }
    /// The secret key issued with it (signs every body; never sent).
    pub fn secret_key(mut self, key: impl Into<String>) -> Self {
        self.secret_key = Some(SecretString::from(key.into()));
        self
    }
    /// Overrides the base URL (`scheme://host[:port][/prefix]`).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }
    /// Retry, timeout, rate-limit and size settings (default: [`Config::default`] limited to
    /// Pluuug's documented 1000 requests per minute).
    pub fn config(mut self, config: Config) -> Self {
        self.config = Some(config);
        self
    }
    /// Uses this `reqwest::Client` (proxies, TLS roots, ...) instead of building one.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }
    /// Validates the settings and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let api_key = self.api_key.filter(|k| !k.expose_secret().trim().is_empty());
        let secret_key = self.secret_key.filter(|k| !k.expose_secret().is_empty());
        let (Some(api_key), Some(secret_key)) = (api_key, secret_key) else {
            return Err(Error::config(
                PROVIDER,
                format!("missing credentials: set {ENV_API_KEY} and {ENV_SECRET_KEY}"),
            ));
        };
        if HeaderValue::from_str(api_key.expose_secret()).is_err() {
            return Err(Error::config(
                PROVIDER,
                "the API key contains characters not allowed in an HTTP header",
            ));
        }
        let base_url = crm_runtime::base_url(PROVIDER, self.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL))?;
        let config =
            self.config.unwrap_or_else(|| Config::default().with_rate_limit(Some(DOCUMENTED_RATE_LIMIT)));
        let runtime = Runtime::new(PROVIDER, config, &[]);
        let http = match self.http {
            Some(h) => h,
            None => runtime.http_client()?,
        };
        let inner = Inner {
            api_key: Arc::new(api_key),
            secret_key: Arc::new(secret_key),
            runtime: Arc::new(runtime),
        };
        Ok(Client { api: Arc::new(generated::Client::new_with_client(&base_url, http, inner)) })
    }
}
