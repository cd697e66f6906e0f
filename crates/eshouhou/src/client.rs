//! The eshouhou client: what differs from the other providers — the MD5-signed token sent as a
//! query parameter, the `{ResultCode,ErrorMsg,ResultValue}` envelope, the operations. The shell
//! (hooks, `Client`, builder options, build tail, token cache) is crm-runtime's.

use std::{
    sync::Arc,
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use crm_runtime::{
    ClientOptions, Error, ErrorKind, ExposeSecret, Fetched, IssuedToken, ProviderInfo, Runtime, SecretString,
    Token, TokenAuth,
};
use progenitor_client::OperationInfo;

use crate::{
    auth,
    envelope::{Envelope, is_success, result_code, unwrap_envelope},
};

/// Documented API host.
pub const DEFAULT_BASE_URL: &str = match INFO.default_base_url {
    Some(url) => url,
    None => panic!("the registry names eshouhou's base URL"),
};
const TOKEN_OPERATION: &str = "get_token";
/// The docs' default token lifetime (2 hours), used when `expires_in` is missing.
const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(7200);
const ENV_SERVICE_NETWORK_TYPE: &str = "ESHOUHOU_SERVICE_NETWORK_TYPE";

/// Facts about eshouhou: name, environment variables, default base URL, auth.
pub const INFO: ProviderInfo = ProviderInfo::of(crm_runtime::Provider::Eshouhou, &[]);

/// Hook state: credentials, defaults, the token and the runtime.
#[derive(Clone)]
#[doc(hidden)]
pub struct Inner {
    appid: String,
    app_secret: Arc<SecretString>,
    pub(crate) service_network_id: Option<String>,
    pub(crate) service_network_type: Option<i64>,
    auth: Arc<TokenAuth>,
    pub(crate) runtime: Arc<Runtime>,
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inner")
            .field("appid", &self.appid)
            .field("app_secret", &"[redacted]")
            .field("service_network_id", &self.service_network_id)
            .field("service_network_type", &self.service_network_type)
            .field("auth", &self.auth)
            .field("runtime", &self.runtime)
            .finish()
    }
}

impl crm_runtime::__private::Hooks for Inner {
    fn authorize(&self, request: &mut reqwest::Request, info: &OperationInfo) -> Result<(), Error> {
        if info.operation_id == TOKEN_OPERATION {
            return Ok(());
        }
        let token = Token::held().ok_or_else(|| {
            Error::config(
                INFO.name,
                "no access token: call through eshouhou_client::Client, which fetches one",
            )
        })?;
        request.url_mut().query_pairs_mut().append_pair("access_token", token.secret().expose_secret());
        Ok(())
    }
}

crm_runtime::client_shell!(INFO, "An eshouhou client.", "A builder; app id and app secret are required.");

impl Client {
    /// A builder preloaded from `ESHOUHOU_APPID`, `ESHOUHOU_APP_SECRET`,
    /// `ESHOUHOU_SERVICE_NETWORK_ID`, `ESHOUHOU_SERVICE_NETWORK_TYPE` and `ESHOUHOU_BASE_URL`
    /// (whichever are set), to adjust before `build()`, which names what is missing. A service
    /// network type other than a number is a `config` error here.
    pub fn builder_from_env() -> Result<ClientBuilder, Error> {
        Self::builder_from_vars(|name| std::env::var(name).ok())
    }

    /// The same builder preloaded from `vars` instead of the process environment: `vars(name)`
    /// answers a variable of [`INFO`]'s list (blank counts as unset). What a caller holding
    /// its own configuration (or the embedded sandbox's `Sandbox::env`) uses, so it needs no
    /// per-provider code.
    pub fn builder_from_vars(vars: impl Fn(&str) -> Option<String>) -> Result<ClientBuilder, Error> {
        let env = |name: &str| vars(name).filter(|v| !v.trim().is_empty());
        let service_network_type = match env(ENV_SERVICE_NETWORK_TYPE) {
            None => None,
            Some(t) => Some(t.trim().parse::<i64>().map_err(|_| {
                Error::config(
                    INFO.name,
                    format!("{ENV_SERVICE_NETWORK_TYPE} must be 1 (headquarters) or 2 (outlet)"),
                )
            })?),
        };
        Ok(ClientBuilder {
            appid: env("ESHOUHOU_APPID"),
            app_secret: env("ESHOUHOU_APP_SECRET").map(SecretString::from),
            service_network_id: env("ESHOUHOU_SERVICE_NETWORK_ID"),
            service_network_type,
            options: ClientOptions::from_vars(&INFO, &env),
        })
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
            .map_err(|e| crm_runtime::token_failure(INFO.name, TOKEN_OPERATION, e))?;
        fetched.try_map(|envelope, _raw, status| {
            let code = result_code(&envelope.result_code);
            if !is_success(&code) {
                let msg = format!("token request rejected: {}", envelope.error_msg.unwrap_or_default());
                return Err(Error::new(ErrorKind::Auth, INFO.name, TOKEN_OPERATION, msg)
                    .with_code(code)
                    .with_status(status));
            }
            // The token response carries the token: its body is never kept in an error.
            envelope.result_value.ok_or_else(|| {
                crm_runtime::envelope_without(
                    INFO.name,
                    TOKEN_OPERATION,
                    "ResultValue",
                    &Default::default(),
                    status,
                )
            })
        })
    }

    async fn issue_token(&self) -> Result<IssuedToken, Error> {
        let value = self.get_token().await?.value;
        Ok(IssuedToken { token: value.access_token, expires_in: value.expires_in })
    }

    /// Runs one data operation with a token; on a token complaint (HTTP 401/403, or an error
    /// envelope whose message mentions the token) refreshes once and retries once.
    pub(crate) async fn with_token<T, F, Fut>(
        &self,
        op: &'static str,
        call: F,
    ) -> Result<Fetched<T::Value>, Error>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Result<Fetched<T>, Error>>,
        T: Envelope,
    {
        let inner = self.inner();
        let call = || async { unwrap_envelope(op, call().await?) };
        let rejects = |r: &Result<_, Error>| matches!(r, Err(e) if e.kind() == ErrorKind::Auth);
        inner.auth.run(&inner.runtime, op, || self.issue_token(), call, rejects).await
    }
}

/// Builds a [`Client`].
#[derive(Default)]
pub struct ClientBuilder {
    appid: Option<String>,
    app_secret: Option<SecretString>,
    pub(crate) service_network_id: Option<String>,
    pub(crate) service_network_type: Option<i64>,
    options: ClientOptions,
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("appid", &self.appid)
            .field("app_secret", &self.app_secret.as_ref().map(|_| "[redacted]"))
            .field("service_network_id", &self.service_network_id)
            .field("service_network_type", &self.service_network_type)
            .field("options", &self.options)
            .finish()
    }
}

impl ClientBuilder {
    crm_runtime::setters! {
        /// The app id (系统设置 → 我的应用).
        text appid;
        /// The app secret; it only signs token requests and is never sent.
        secret app_secret;
        /// Default `serviceNetworkId` for customer calls.
        text service_network_id;
    }
    /// Default `serviceNetworkType` (1 headquarters, 2 outlet).
    pub fn service_network_type(mut self, t: i64) -> Self {
        self.service_network_type = Some(t);
        self
    }
    crm_runtime::builder_options!();

    /// Validates the settings and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let appid = self.appid.filter(|a| !a.trim().is_empty());
        let secret = self.app_secret.filter(|s| !s.expose_secret().is_empty());
        let (Some(appid), Some(secret)) = (appid, secret) else {
            return Err(INFO.missing_credentials());
        };
        let built = self.options.build(&INFO, &[&secret])?;
        Ok(Client::from_parts(built, |runtime| Inner {
            appid,
            app_secret: Arc::new(secret),
            service_network_id: self.service_network_id,
            service_network_type: self.service_network_type,
            auth: Arc::new(TokenAuth::new(TOKEN_OPERATION, DEFAULT_TOKEN_LIFETIME)),
            runtime,
        }))
    }
}
