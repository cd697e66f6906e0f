//! The Gofive client: what differs from the other providers — subscription key, the OAuth2
//! `client_credentials` token, the `{status:{code,description},data}` envelope, the operations.
//! The shell (hooks, `Client`, builder options, build tail, token cache) is crm-runtime's.

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};

use crm_runtime::{
    ClientOptions, Error, ExposeSecret, Fetched, IssuedToken, ProviderInfo, Runtime, SecretString, Token,
    TokenAuth,
};
use progenitor_client::OperationInfo;
use reqwest::header::HeaderValue;

use crate::auth::{ClientAuth, TokenRequest, basic_credentials};

/// Documented production host (the token endpoint is on the same base).
pub const DEFAULT_BASE_URL: &str = match INFO.default_base_url {
    Some(url) => url,
    None => panic!("the registry names Gofive's base URL"),
};
/// The business code of success; anything else is an error even under HTTP 200.
pub const SUCCESS_CODE: &str = "1000";
const TOKEN_OPERATION: &str = "request_token";
/// Token lifetime assumed when the endpoint omits `expires_in`.
const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(300);

/// Facts about Gofive: name, environment variables, default base URL, auth.
pub const INFO: ProviderInfo = ProviderInfo::of(crm_runtime::Provider::Gofive, &[TOKEN_OPERATION]);

/// Hook state: credentials, the token and the runtime.
#[derive(Clone)]
#[doc(hidden)]
pub struct Inner {
    subscription_key: Arc<SecretString>,
    client_id: String,
    client_secret: Arc<SecretString>,
    scope: Option<String>,
    /// Whether the token request authenticates with HTTP Basic: set by [`ClientAuth::Basic`],
    /// or learned once from a `401 invalid_client` to the form body, then kept for the client's life.
    basic: Arc<AtomicBool>,
    /// No method was set: a `401 invalid_client` to the form body may try HTTP Basic once.
    may_fall_back: bool,
    pub(crate) auth: Arc<TokenAuth>,
    pub(crate) runtime: Arc<Runtime>,
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inner")
            .field("subscription_key", &"[redacted]")
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .field("scope", &self.scope)
            .field("basic", &self.basic.load(Ordering::Relaxed))
            .field("auth", &self.auth)
            .field("runtime", &self.runtime)
            .finish()
    }
}

impl crm_runtime::__private::Hooks for Inner {
    fn authorize(&self, request: &mut reqwest::Request, info: &OperationInfo) -> Result<(), Error> {
        let key =
            crm_runtime::secret_header(INFO.name, "subscription key", self.subscription_key.expose_secret())?;
        request.headers_mut().insert("ocp-apim-subscription-key", key);
        if info.operation_id == TOKEN_OPERATION {
            if self.basic.load(Ordering::Acquire) {
                let value = basic_credentials(&self.client_id, self.client_secret.expose_secret());
                let mut value = HeaderValue::from_str(&value).map_err(|_| {
                    Error::config(INFO.name, "the client id cannot be sent in an Authorization header")
                })?;
                value.set_sensitive(true);
                request.headers_mut().insert(reqwest::header::AUTHORIZATION, value);
            }
            return Ok(());
        }
        // The docs mark Content-Type required even on GETs.
        request
            .headers_mut()
            .insert(reqwest::header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
        let token = Token::held().ok_or_else(|| {
            Error::config(INFO.name, "no access token: call through gofive_client::Client, which fetches one")
        })?;
        request
            .headers_mut()
            .insert(reqwest::header::AUTHORIZATION, crm_runtime::bearer(INFO.name, token.secret())?);
        Ok(())
    }
}

crm_runtime::client_shell!(
    INFO,
    "A Gofive Venio client.",
    "A builder; subscription key, client id and client secret are required."
);

impl Client {
    /// A builder preloaded from `GOFIVE_SUBSCRIPTION_KEY`, `GOFIVE_CLIENT_ID`,
    /// `GOFIVE_CLIENT_SECRET`, `GOFIVE_SCOPE`, `GOFIVE_CLIENT_AUTH` and `GOFIVE_BASE_URL`
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
        let client_auth = match env("GOFIVE_CLIENT_AUTH") {
            Some(v) => Some(v.parse::<ClientAuth>().map_err(|why| Error::config(INFO.name, why))?),
            None => None,
        };
        Ok(ClientBuilder {
            client_auth,
            subscription_key: env("GOFIVE_SUBSCRIPTION_KEY").map(SecretString::from),
            client_id: env("GOFIVE_CLIENT_ID"),
            client_secret: env("GOFIVE_CLIENT_SECRET").map(SecretString::from),
            scope: env("GOFIVE_SCOPE"),
            options: ClientOptions::from_vars(&INFO, &env),
        })
    }

    /// `POST /authorization/connect/token`: a fresh token, bypassing the cache.
    ///
    /// The client authenticates as [`ClientBuilder::client_auth`] says. With the default
    /// ([`ClientAuth::Post`]), a `401 invalid_client` answer (RFC 6749 §5.2: what a server that
    /// takes HTTP Basic only answers a form body) is retried once with HTTP Basic, which is kept
    /// for the client's life when it works: never more than two token requests for a rejected
    /// client, and callers waiting on the token share them.
    pub async fn request_token(&self) -> Result<Fetched<crate::auth::TokenResponse>, Error> {
        let inner = self.inner();
        let basic = inner.basic.load(Ordering::Acquire);
        let first = self.token_request(basic).await;
        match first {
            Err(e)
                if !basic
                    && inner.may_fall_back
                    && e.status() == Some(401)
                    && e.code() == Some("invalid_client") =>
            {
                inner.basic.store(true, Ordering::Release);
                let second = self.token_request(true).await;
                if second.is_err() {
                    inner.basic.store(false, Ordering::Release);
                }
                second
            }
            other => other,
        }
    }

    async fn token_request(&self, basic: bool) -> Result<Fetched<crate::auth::TokenResponse>, Error> {
        let inner = self.inner();
        let mut body = if basic {
            TokenRequest::client_credentials_basic()
        } else {
            TokenRequest::client_credentials(inner.client_id.clone(), (*inner.client_secret).clone())
        };
        body.scope = inner.scope.clone();
        let fetched = inner.runtime.call(TOKEN_OPERATION, self.api.request_token(&body)).await;
        // The token response carries the token: never keep its body in an error.
        fetched.map_err(|e| crm_runtime::token_failure(INFO.name, TOKEN_OPERATION, e))
    }

    pub(crate) async fn issue_token(&self) -> Result<IssuedToken, Error> {
        let fetched = self.request_token().await?;
        Ok(IssuedToken { token: fetched.value.access_token, expires_in: fetched.value.expires_in })
    }
}

/// Builds a [`Client`].
#[derive(Default)]
pub struct ClientBuilder {
    subscription_key: Option<SecretString>,
    client_id: Option<String>,
    client_secret: Option<SecretString>,
    scope: Option<String>,
    client_auth: Option<ClientAuth>,
    options: ClientOptions,
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("subscription_key", &self.subscription_key.as_ref().map(|_| "[redacted]"))
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret.as_ref().map(|_| "[redacted]"))
            .field("scope", &self.scope)
            .field("client_auth", &self.client_auth)
            .field("options", &self.options)
            .finish()
    }
}

impl ClientBuilder {
    crm_runtime::setters! {
        /// The APIM subscription key (`Ocp-Apim-Subscription-Key`).
        secret subscription_key;
        /// The OAuth2 client id.
        text client_id;
        /// The OAuth2 client secret.
        secret client_secret;
        /// The OAuth2 `scope` to ask the token endpoint for (sent only when set; the docs list
        /// it as optional and some tenants require it).
        text scope;
    }
    crm_runtime::builder_options!();

    /// How the token request authenticates the client (`GOFIVE_CLIENT_AUTH`): the form body
    /// (default, as Gofive's docs show; falls back to HTTP Basic once on `401 invalid_client`)
    /// or HTTP Basic only. Setting it explicitly turns the fallback off.
    pub fn client_auth(mut self, method: ClientAuth) -> Self {
        self.client_auth = Some(method);
        self
    }

    /// Validates the settings and builds the client. The token endpoint is on the base URL too.
    pub fn build(self) -> Result<Client, Error> {
        let key = self.subscription_key.filter(|k| !k.expose_secret().trim().is_empty());
        let id = self.client_id.filter(|k| !k.trim().is_empty());
        let secret = self.client_secret.filter(|k| !k.expose_secret().is_empty());
        let (Some(key), Some(client_id), Some(secret)) = (key, id, secret) else {
            return Err(INFO.missing_credentials());
        };
        crm_runtime::secret_header(INFO.name, "subscription key", key.expose_secret())?;
        let built = self.options.build(&INFO, &[&key, &secret])?;
        Ok(Client::from_parts(built, |runtime| Inner {
            subscription_key: Arc::new(key),
            client_id,
            client_secret: Arc::new(secret),
            scope: self.scope.filter(|s| !s.trim().is_empty()),
            basic: Arc::new(AtomicBool::new(self.client_auth == Some(ClientAuth::Basic))),
            may_fall_back: self.client_auth.is_none(),
            auth: Arc::new(TokenAuth::new(TOKEN_OPERATION, DEFAULT_TOKEN_LIFETIME)),
            runtime,
        }))
    }
}
