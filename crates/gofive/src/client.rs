//! The Gofive client: builder, `from_env`, token cache, the auth and exec hooks, one method per
//! operation with the `{status:{code,description},data}` envelope unwrapped.

use std::{sync::Arc, time::Duration};

use crm_runtime::{
    Config, Error, ErrorKind, ExposeSecret, Fetched, Runtime, SecretString, Token, TokenCache,
};
use progenitor_client::{ClientHooks, ClientInfo, OperationInfo};
use reqwest::header::HeaderValue;

use crate::{auth::TokenRequest, generated, types};

/// Provider name carried by every error.
pub const PROVIDER: &str = "gofive";
/// Documented production host (the token endpoint is on the same base).
pub const DEFAULT_BASE_URL: &str = "https://api.gofive.co.th";
/// Subscription key variable read by [`Client::from_env`].
pub const ENV_SUBSCRIPTION_KEY: &str = "GOFIVE_SUBSCRIPTION_KEY";
/// OAuth2 client id variable.
pub const ENV_CLIENT_ID: &str = "GOFIVE_CLIENT_ID";
/// OAuth2 client secret variable.
pub const ENV_CLIENT_SECRET: &str = "GOFIVE_CLIENT_SECRET";
/// Base URL variable.
pub const ENV_BASE_URL: &str = "GOFIVE_BASE_URL";
/// The business code of success; anything else is an error even under HTTP 200.
pub const SUCCESS_CODE: &str = "1000";
const TOKEN_OPERATION: &str = "request_token";
/// Token lifetime assumed when the endpoint omits `expires_in`.
const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(300);

/// State the generated client carries for the hooks: credentials, token cache and runtime.
#[derive(Clone)]
pub struct Inner {
    subscription_key: Arc<SecretString>,
    client_id: String,
    client_secret: Arc<SecretString>,
    pub(crate) tokens: Arc<TokenCache>,
    pub(crate) runtime: Arc<Runtime>,
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inner")
            .field("subscription_key", &"[redacted]")
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .field("tokens", &self.tokens)
            .field("runtime", &self.runtime)
            .finish()
    }
}

impl ClientHooks<Inner> for generated::Client {
    async fn pre<E>(
        &self,
        request: &mut reqwest::Request,
        info: &OperationInfo,
    ) -> Result<(), progenitor_client::Error<E>> {
        request.headers_mut().remove("api-version");
        let inner = self.inner();
        let mut key = HeaderValue::from_str(inner.subscription_key.expose_secret())?;
        key.set_sensitive(true);
        request.headers_mut().insert("ocp-apim-subscription-key", key);
        if info.operation_id == TOKEN_OPERATION {
            return Ok(());
        }
        // The docs mark Content-Type required even on GETs.
        request
            .headers_mut()
            .insert(reqwest::header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
        let Some(token) = inner.tokens.current() else {
            return Err(progenitor_client::Error::Custom(
                "no access token: call through gofive_client::Client, which fetches one".into(),
            ));
        };
        let mut bearer = HeaderValue::from_str(&format!("Bearer {}", token.secret().expose_secret()))?;
        bearer.set_sensitive(true);
        request.headers_mut().insert(reqwest::header::AUTHORIZATION, bearer);
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

/// A Gofive Venio client. Cheap to clone; clones share connections, the token and the limiter.
#[derive(Clone)]
pub struct Client {
    api: Arc<generated::Client>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("gofive_client::Client")
            .field("base_url", &self.api.baseurl())
            .field("inner", self.api.inner())
            .finish()
    }
}

impl Client {
    /// A builder; subscription key, client id and client secret are required.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// Reads `GOFIVE_SUBSCRIPTION_KEY`, `GOFIVE_CLIENT_ID`, `GOFIVE_CLIENT_SECRET` and optional
    /// `GOFIVE_BASE_URL`.
    pub fn from_env() -> Result<Client, Error> {
        Self::builder_from_env()?.build()
    }

    /// A builder preloaded from the environment, to adjust before `build()`.
    pub fn builder_from_env() -> Result<ClientBuilder, Error> {
        let vars = [ENV_SUBSCRIPTION_KEY, ENV_CLIENT_ID, ENV_CLIENT_SECRET];
        let values: Vec<Option<String>> = vars.iter().map(|v| crm_runtime::env_var_opt(v)).collect();
        if values.iter().any(Option::is_none) {
            return Err(missing_credentials());
        }
        let mut values = values.into_iter().flatten();
        let (key, id, secret) = (values.next(), values.next(), values.next());
        let mut b = Self::builder()
            .subscription_key(key.unwrap_or_default())
            .client_id(id.unwrap_or_default())
            .client_secret(secret.unwrap_or_default());
        if let Some(url) = crm_runtime::env_var_opt(ENV_BASE_URL) {
            b = b.base_url(url);
        }
        Ok(b)
    }

    /// The base URL in use.
    pub fn base_url(&self) -> &str {
        self.api.baseurl()
    }

    /// The generated client, for operations this crate does not wrap.
    pub fn generated(&self) -> &generated::Client {
        &self.api
    }

    pub(crate) fn inner(&self) -> &Inner {
        self.api.inner()
    }

    /// `POST /authorization/connect/token`: a fresh token, bypassing the cache.
    pub async fn request_token(&self) -> Result<Fetched<crate::auth::TokenResponse>, Error> {
        let inner = self.inner();
        let body = TokenRequest::client_credentials(inner.client_id.clone(), (*inner.client_secret).clone());
        let fetched = inner.runtime.call(TOKEN_OPERATION, self.api.request_token(&body)).await;
        // The token response carries the token: never keep its body in an error.
        fetched.map_err(|e| crm_runtime::token_failure(PROVIDER, TOKEN_OPERATION, e))
    }

    pub(crate) async fn token(&self) -> Result<Token, Error> {
        self.inner()
            .tokens
            .get(|| async {
                let fetched = self.request_token().await?;
                let lifetime = fetched
                    .value
                    .expires_in
                    .and_then(|s| u64::try_from(s).ok())
                    .filter(|s| *s > 0)
                    .map_or(DEFAULT_TOKEN_LIFETIME, Duration::from_secs);
                Ok((fetched.value.access_token.clone(), lifetime))
            })
            .await
    }

    /// `GET /v3/customers/{customerCode}`: one customer, envelope unwrapped. A business code
    /// other than `1000` is a `provider_error` even under HTTP 200; a 401 refreshes the token
    /// once and retries once.
    pub async fn get_customer_by_code(&self, customer_code: &str) -> Result<Fetched<types::Customer>, Error> {
        const OP: &str = "get_customer_by_code";
        if customer_code.trim().is_empty() {
            return Err(Error::new(ErrorKind::Config, PROVIDER, OP, "empty customer code"));
        }
        let token = self.token().await.map_err(|e| e.with_operation(OP))?;
        let runtime = &self.inner().runtime;
        let mut result = runtime.call(OP, self.api.get_customer_by_code(customer_code)).await;
        if matches!(&result, Err(e) if e.status() == Some(401)) {
            self.inner().tokens.invalidate(&token);
            self.token().await.map_err(|e| e.with_operation(OP))?;
            result = runtime.call(OP, self.api.get_customer_by_code(customer_code)).await;
        }
        let fetched = result?;
        unwrap_envelope(OP, fetched)
    }
}

fn missing_credentials() -> Error {
    Error::config(
        PROVIDER,
        format!("missing credentials: set {ENV_SUBSCRIPTION_KEY}, {ENV_CLIENT_ID} and {ENV_CLIENT_SECRET}"),
    )
}

fn code_text(code: &types::BusinessCode) -> String {
    match code {
        types::BusinessCode::String(s) => s.trim().to_string(),
        types::BusinessCode::Integer(i) => i.to_string(),
    }
}

pub(crate) fn unwrap_envelope(
    op: &'static str,
    fetched: Fetched<types::CustomerEnvelope>,
) -> Result<Fetched<types::Customer>, Error> {
    fetched.try_map(|envelope, raw, status| {
        let code = code_text(&envelope.status.code);
        if code != SUCCESS_CODE {
            let description = envelope.status.description.unwrap_or_default();
            return Err(Error::new(
                ErrorKind::ProviderError,
                PROVIDER,
                op,
                format!("business code {code}: {description}"),
            )
            .with_code(code)
            .with_status(status)
            .with_raw(raw.clone()));
        }
        envelope.data.ok_or_else(|| {
            Error::new(ErrorKind::BadResponse, PROVIDER, op, "success envelope without `data`")
                .with_field("data")
                .with_status(status)
                .with_raw(raw.clone())
        })
    })
}

/// Builds a [`Client`].
#[derive(Default)]
pub struct ClientBuilder {
    subscription_key: Option<SecretString>,
    client_id: Option<String>,
    client_secret: Option<SecretString>,
    base_url: Option<String>,
    config: Option<Config>,
    http: Option<reqwest::Client>,
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("subscription_key", &self.subscription_key.as_ref().map(|_| "[redacted]"))
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret.as_ref().map(|_| "[redacted]"))
            .field("base_url", &self.base_url)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// The APIM subscription key (`Ocp-Apim-Subscription-Key`).
    pub fn subscription_key(mut self, key: impl Into<String>) -> Self {
        self.subscription_key = Some(SecretString::from(key.into()));
        self
    }
    /// The OAuth2 client id.
    pub fn client_id(mut self, id: impl Into<String>) -> Self {
        self.client_id = Some(id.into());
        self
    }
    /// The OAuth2 client secret.
    pub fn client_secret(mut self, secret: impl Into<String>) -> Self {
        self.client_secret = Some(SecretString::from(secret.into()));
        self
    }
    /// Overrides the base URL (`scheme://host[:port][/prefix]`); the token endpoint is on it too.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }
    /// Retry, timeout, rate-limit and size settings.
    pub fn config(mut self, config: Config) -> Self {
        self.config = Some(config);
        self
    }
    /// Uses this `reqwest::Client` instead of building one.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }
    /// Validates the settings and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let key = self.subscription_key.filter(|k| !k.expose_secret().trim().is_empty());
        let id = self.client_id.filter(|k| !k.trim().is_empty());
        let secret = self.client_secret.filter(|k| !k.expose_secret().is_empty());
        let (Some(key), Some(client_id), Some(secret)) = (key, id, secret) else {
            return Err(missing_credentials());
        };
        if HeaderValue::from_str(key.expose_secret()).is_err() {
            return Err(Error::config(
                PROVIDER,
                "the subscription key contains characters not allowed in an HTTP header",
            ));
        }
        let base_url = crm_runtime::base_url(PROVIDER, self.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL))?;
        let runtime = Runtime::new(PROVIDER, self.config.unwrap_or_default(), &[TOKEN_OPERATION]);
        let http = match self.http {
            Some(h) => h,
            None => runtime.http_client()?,
        };
        let inner = Inner {
            subscription_key: Arc::new(key),
            client_id,
            client_secret: Arc::new(secret),
            tokens: Arc::new(TokenCache::default()),
            runtime: Arc::new(runtime),
        };
        Ok(Client { api: Arc::new(generated::Client::new_with_client(&base_url, http, inner)) })
    }
}
