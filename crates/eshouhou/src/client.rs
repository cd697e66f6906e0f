//! The eshouhou client: builder, `from_env`, token cache, the auth and exec hooks, one method
//! per operation with the `{ResultCode,ErrorMsg,ResultValue}` envelope unwrapped.

use std::{
    sync::Arc,
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use crm_runtime::{
    Config, Error, ErrorKind, ExposeSecret, Fetched, Runtime, SecretString, Token, TokenCache,
};
use progenitor_client::{ClientHooks, ClientInfo, OperationInfo};

use crate::{auth, generated, types};

/// Provider name carried by every error.
pub const PROVIDER: &str = "eshouhou";
/// Documented API host.
pub const DEFAULT_BASE_URL: &str = "https://api.eshouhou.cn";
/// App id variable read by [`Client::from_env`].
pub const ENV_APPID: &str = "ESHOUHOU_APPID";
/// App secret variable.
pub const ENV_APP_SECRET: &str = "ESHOUHOU_APP_SECRET";
/// Optional default service network id.
pub const ENV_SERVICE_NETWORK_ID: &str = "ESHOUHOU_SERVICE_NETWORK_ID";
/// Optional default service network type (1 headquarters, 2 outlet).
pub const ENV_SERVICE_NETWORK_TYPE: &str = "ESHOUHOU_SERVICE_NETWORK_TYPE";
/// Base URL variable.
pub const ENV_BASE_URL: &str = "ESHOUHOU_BASE_URL";
const TOKEN_OPERATION: &str = "get_token";
/// The docs' default token lifetime (2 hours), used when `expires_in` is missing.
const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(7200);

/// State the generated client carries for the hooks: credentials, token cache and runtime.
#[derive(Clone)]
pub struct Inner {
    appid: String,
    app_secret: Arc<SecretString>,
    service_network_id: Option<String>,
    service_network_type: Option<i64>,
    tokens: Arc<TokenCache>,
    runtime: Arc<Runtime>,
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inner")
            .field("appid", &self.appid)
            .field("app_secret", &"[redacted]")
            .field("service_network_id", &self.service_network_id)
            .field("service_network_type", &self.service_network_type)
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
        if info.operation_id == TOKEN_OPERATION {
            return Ok(());
        }
        let Some(token) = self.inner().tokens.current() else {
            return Err(progenitor_client::Error::Custom(
                "no access token: call through eshouhou_client::Client, which fetches one".into(),
            ));
        };
        request.url_mut().query_pairs_mut().append_pair("access_token", token.secret().expose_secret());
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

/// An eshouhou client. Cheap to clone; clones share connections, the token and the limiter.
#[derive(Clone)]
pub struct Client {
    api: Arc<generated::Client>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("eshouhou_client::Client")
            .field("base_url", &self.api.baseurl())
            .field("inner", self.api.inner())
            .finish()
    }
}

fn result_code(code: &types::ResultCode) -> String {
    match code {
        types::ResultCode::Integer(i) => i.to_string(),
        types::ResultCode::String(s) => s.trim().to_string(),
    }
}

fn is_success(code: &str) -> bool {
    code == "0" || code.is_empty()
}

/// eshouhou documents no error codes; a message that talks about the token is how an expired or
/// invalid `access_token` shows itself, so those are treated as auth failures (refresh once).
fn mentions_token(message: &str) -> bool {
    message.to_ascii_lowercase().contains("token")
}

impl Client {
    /// A builder; app id and app secret are required.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// Reads `ESHOUHOU_APPID`, `ESHOUHOU_APP_SECRET`, optional `ESHOUHOU_SERVICE_NETWORK_ID`,
    /// `ESHOUHOU_SERVICE_NETWORK_TYPE` and `ESHOUHOU_BASE_URL`.
    pub fn from_env() -> Result<Client, Error> {
        Self::builder_from_env()?.build()
    }

    /// A builder preloaded from the environment, to adjust before `build()`.
    pub fn builder_from_env() -> Result<ClientBuilder, Error> {
        let (Some(appid), Some(secret)) =
            (crm_runtime::env_var_opt(ENV_APPID), crm_runtime::env_var_opt(ENV_APP_SECRET))
        else {
            return Err(missing_credentials());
        };
        let mut b = Self::builder().appid(appid).app_secret(secret);
        if let Some(id) = crm_runtime::env_var_opt(ENV_SERVICE_NETWORK_ID) {
            b = b.service_network_id(id);
        }
        if let Some(t) = crm_runtime::env_var_opt(ENV_SERVICE_NETWORK_TYPE) {
            let t = t.trim().parse::<i64>().map_err(|_| {
                Error::config(
                    PROVIDER,
                    format!("{ENV_SERVICE_NETWORK_TYPE} must be 1 (headquarters) or 2 (outlet)"),
                )
            })?;
            b = b.service_network_type(t);
        }
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

    fn inner(&self) -> &Inner {
        self.api.inner()
    }

    /// `GET /api/TokenApi`: a fresh token, bypassing the cache. A `ResultCode` other than 0 is an
    /// `auth` error.
    pub async fn get_token(&self) -> Result<Fetched<auth::TokenValue>, Error> {
        let inner = self.inner();
        let timestamp =
            SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_millis().to_string();
        let sign = auth::sign(&inner.appid, inner.app_secret.expose_secret(), &timestamp);
        let fetched = inner
            .runtime
            .call(TOKEN_OPERATION, self.api.get_token(&inner.appid, None, &sign, &timestamp))
            .await
            .map_err(|e| crm_runtime::token_failure(PROVIDER, TOKEN_OPERATION, e))?;
        fetched.try_map(|envelope, _raw, status| {
            let code = result_code(&envelope.result_code);
            if !is_success(&code) {
                let msg = envelope.error_msg.unwrap_or_default();
                return Err(Error::new(
                    ErrorKind::Auth,
                    PROVIDER,
                    TOKEN_OPERATION,
                    format!("token request rejected: {msg}"),
                )
                .with_code(code)
                .with_status(status));
            }
            envelope.result_value.ok_or_else(|| {
                Error::new(ErrorKind::BadResponse, PROVIDER, TOKEN_OPERATION, "success without `ResultValue`")
                    .with_field("ResultValue")
                    .with_status(status)
            })
        })
    }

    async fn token(&self) -> Result<Token, Error> {
        self.inner()
            .tokens
            .get(|| async {
                let fetched = self.get_token().await?;
                let lifetime =
                    fetched.value.expires_in_secs().map_or(DEFAULT_TOKEN_LIFETIME, Duration::from_secs);
                Ok((fetched.value.access_token.clone(), lifetime))
            })
            .await
    }

    /// Runs one data operation with a token; on a token complaint (HTTP 401, or an error
    /// envelope whose message mentions the token) refreshes once and retries once.
    async fn with_token<T, F, Fut>(&self, op: &'static str, call: F) -> Result<Fetched<T>, Error>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Result<Fetched<T>, Error>>,
        T: Envelope,
    {
        let token = self.token().await.map_err(|e| e.with_operation(op))?;
        let first = call().await;
        let rejected = match &first {
            Err(e) => e.status() == Some(401),
            Ok(f) => {
                let code = result_code(f.value.code());
                !is_success(&code) && mentions_token(f.value.message())
            }
        };
        if !rejected {
            return first;
        }
        self.inner().tokens.invalidate(&token);
        self.token().await.map_err(|e| e.with_operation(op))?;
        call().await
    }

    /// `GET /open/v2/Customer/GetCustomer`: the customer archive as display rows
    /// (`{ShowType,Key,Value}` labelled in Chinese). An empty list means no such archive
    /// (`not_found`); a `ResultCode` other than 0 is a `provider_error` carrying code and message.
    /// Service network id/type default to the client's (from `ESHOUHOU_SERVICE_NETWORK_*`).
    pub async fn get_customer(&self, customer_id: &str) -> Result<Fetched<Vec<types::DisplayRow>>, Error> {
        const OP: &str = "get_customer";
        if customer_id.trim().is_empty() {
            return Err(Error::new(ErrorKind::Config, PROVIDER, OP, "empty customer id"));
        }
        let inner = self.inner();
        let fetched = self
            .with_token(OP, || {
                inner.runtime.call(
                    OP,
                    self.api.get_customer(
                        customer_id,
                        inner.service_network_id.as_deref(),
                        inner.service_network_type,
                    ),
                )
            })
            .await?;
        let fetched = unwrap_envelope(OP, fetched)?;
        if fetched.value.is_empty() {
            return Err(Error::new(
                ErrorKind::NotFound,
                PROVIDER,
                OP,
                format!("no customer archive `{customer_id}`"),
            )
            .with_status(fetched.status)
            .with_raw(fetched.raw));
        }
        Ok(fetched)
    }

    /// `GET /open/v2/Customer/GetCustomerContacts`: one page of contacts.
    #[allow(clippy::too_many_arguments)]
    pub async fn get_customer_contacts(
        &self,
        condition: Option<&str>,
        page_index: Option<i64>,
        page_size: Option<i64>,
        search_key: Option<&str>,
        service_space_id: Option<&str>,
    ) -> Result<Fetched<Vec<types::CustomerContact>>, Error> {
        const OP: &str = "get_customer_contacts";
        let inner = self.inner();
        let fetched = self
            .with_token(OP, || {
                inner.runtime.call(
                    OP,
                    self.api.get_customer_contacts(
                        condition,
                        page_index,
                        page_size,
                        search_key,
                        inner.service_network_id.as_deref(),
                        inner.service_network_type,
                        service_space_id,
                    ),
                )
            })
            .await?;
        unwrap_envelope(OP, fetched)
    }
}

/// The common envelope `{ResultCode, ErrorMsg, ResultValue}`.
trait Envelope {
    type Value;
    fn code(&self) -> &types::ResultCode;
    fn message(&self) -> &str;
    fn into_value(self) -> Option<Self::Value>;
}

impl Envelope for types::CustomerEnvelope {
    type Value = Vec<types::DisplayRow>;
    fn code(&self) -> &types::ResultCode {
        &self.result_code
    }
    fn message(&self) -> &str {
        self.error_msg.as_deref().unwrap_or("")
    }
    fn into_value(self) -> Option<Self::Value> {
        self.result_value
    }
}

impl Envelope for types::ContactsEnvelope {
    type Value = Vec<types::CustomerContact>;
    fn code(&self) -> &types::ResultCode {
        &self.result_code
    }
    fn message(&self) -> &str {
        self.error_msg.as_deref().unwrap_or("")
    }
    fn into_value(self) -> Option<Self::Value> {
        self.result_value
    }
}

fn unwrap_envelope<T: Envelope>(op: &'static str, fetched: Fetched<T>) -> Result<Fetched<T::Value>, Error> {
    fetched.try_map(|envelope, raw, status| {
        let code = result_code(envelope.code());
        if !is_success(&code) {
            let msg = envelope.message().to_string();
            let kind = if mentions_token(&msg) { ErrorKind::Auth } else { ErrorKind::ProviderError };
            return Err(Error::new(kind, PROVIDER, op, format!("ResultCode {code}: {msg}"))
                .with_code(code)
                .with_status(status)
                .with_raw(raw.clone()));
        }
        envelope.into_value().ok_or_else(|| {
            Error::new(ErrorKind::BadResponse, PROVIDER, op, "success envelope without `ResultValue`")
                .with_field("ResultValue")
                .with_status(status)
                .with_raw(raw.clone())
        })
    })
}

fn missing_credentials() -> Error {
    Error::config(PROVIDER, format!("missing credentials: set {ENV_APPID} and {ENV_APP_SECRET}"))
}

/// Builds a [`Client`].
#[derive(Default)]
pub struct ClientBuilder {
    appid: Option<String>,
    app_secret: Option<SecretString>,
    service_network_id: Option<String>,
    service_network_type: Option<i64>,
    base_url: Option<String>,
    config: Option<Config>,
    http: Option<reqwest::Client>,
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("appid", &self.appid)
            .field("app_secret", &self.app_secret.as_ref().map(|_| "[redacted]"))
            .field("base_url", &self.base_url)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// The app id (系统设置 → 我的应用).
    pub fn appid(mut self, appid: impl Into<String>) -> Self {
        self.appid = Some(appid.into());
        self
    }
    /// The app secret; it only signs token requests and is never sent.
    pub fn app_secret(mut self, secret: impl Into<String>) -> Self {
        self.app_secret = Some(SecretString::from(secret.into()));
        self
    }
    /// Default `serviceNetworkId` for customer calls.
    pub fn service_network_id(mut self, id: impl Into<String>) -> Self {
        self.service_network_id = Some(id.into());
        self
    }
    /// Default `serviceNetworkType` (1 headquarters, 2 outlet).
    pub fn service_network_type(mut self, t: i64) -> Self {
        self.service_network_type = Some(t);
        self
    }
    /// Overrides the base URL (`scheme://host[:port][/prefix]`).
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
        let appid = self.appid.filter(|a| !a.trim().is_empty());
        let secret = self.app_secret.filter(|s| !s.expose_secret().is_empty());
        let (Some(appid), Some(secret)) = (appid, secret) else {
            return Err(missing_credentials());
        };
        let base_url = crm_runtime::base_url(PROVIDER, self.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL))?;
        let runtime = Runtime::new(PROVIDER, self.config.unwrap_or_default(), &[]);
        let http = match self.http {
            Some(h) => h,
            None => runtime.http_client()?,
        };
        let inner = Inner {
            appid,
            app_secret: Arc::new(secret),
            service_network_id: self.service_network_id,
            service_network_type: self.service_network_type,
            tokens: Arc::new(TokenCache::default()),
            runtime: Arc::new(runtime),
        };
        Ok(Client { api: Arc::new(generated::Client::new_with_client(&base_url, http, inner)) })
    }
}
