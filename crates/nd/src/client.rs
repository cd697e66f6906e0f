//! The nd client: what differs from the other providers — a required base URL, an optional
//! bearer token and extra headers, the optional `{code,message,data}` wrapper, the operations.
//! The shell (hooks, `Client`, builder options, build tail) is crm-runtime's.

use std::sync::Arc;

use crm_runtime::{ClientOptions, Error, ExposeSecret, ProviderInfo, Runtime, SecretString};
use progenitor_client::OperationInfo;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::auth;

/// Facts about nd: name, environment variables, auth (the docs name no public host).
pub const INFO: ProviderInfo = ProviderInfo::of(crm_runtime::Provider::Nd, &["paginate_customers"]);

/// Hook state: token, extra headers and the runtime.
#[derive(Clone)]
#[doc(hidden)]
pub struct Inner {
    token: Option<Arc<SecretString>>,
    headers: Arc<HeaderMap>,
    runtime: Arc<Runtime>,
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inner")
            .field("token", &self.token.as_ref().map(|_| "[redacted]"))
            .field("extra_headers", &self.headers.keys().map(|k| k.as_str()).collect::<Vec<_>>())
            .field("runtime", &self.runtime)
            .finish()
    }
}

impl crm_runtime::__private::Hooks for Inner {
    fn authorize(&self, request: &mut reqwest::Request, _: &OperationInfo) -> Result<(), Error> {
        auth::apply(request.headers_mut(), self.token.as_deref(), &self.headers).map_err(|_| {
            Error::config(INFO.name, "the token contains characters not allowed in an HTTP header")
        })
    }
}

crm_runtime::client_shell!(INFO, "An ND CRM client.", "A builder; the base URL is required.");

impl Client {
    /// A builder preloaded from `ND_BASE_URL` and `ND_TOKEN` (whichever are set), to adjust
    /// before `build()`, which names what is missing.
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
            token: env("ND_TOKEN").map(SecretString::from),
            options: ClientOptions::from_vars(&INFO, &env),
            ..Default::default()
        })
    }
}

/// Builds a [`Client`].
#[derive(Default)]
pub struct ClientBuilder {
    token: Option<SecretString>,
    headers: Vec<(String, String)>,
    options: ClientOptions,
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("token", &self.token.as_ref().map(|_| "[redacted]"))
            .field("extra_headers", &self.headers.iter().map(|(k, _)| k).collect::<Vec<_>>())
            .field("options", &self.options)
            .finish()
    }
}

impl ClientBuilder {
    crm_runtime::setters! {
        /// A bearer token sent as `Authorization: Bearer`.
        secret token;
    }
    /// An extra header sent on every request (values are treated as sensitive in Debug).
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
    crm_runtime::builder_options!();

    /// Validates the settings and builds the client; the base URL is required.
    pub fn build(self) -> Result<Client, Error> {
        let token = self.token.filter(|t| !t.expose_secret().trim().is_empty());
        if let Some(t) = &token {
            crm_runtime::bearer(INFO.name, t)?;
        }
        let mut headers = HeaderMap::new();
        let mut header_secrets = Vec::new();
        for (name, value) in self.headers {
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| Error::config(INFO.name, format!("invalid header name `{name}`")))?;
            let mut value = HeaderValue::from_str(&value)
                .map_err(|_| Error::config(INFO.name, format!("invalid value for header `{name}`")))?;
            value.set_sensitive(true);
            header_secrets.push(SecretString::from(value.to_str().unwrap_or_default().to_string()));
            headers.insert(name, value);
        }
        let secrets: Vec<&SecretString> = token.iter().chain(header_secrets.iter()).collect();
        let built = self.options.build(&INFO, &secrets)?;
        Ok(Client::from_parts(built, |runtime| Inner {
            token: token.map(Arc::new),
            headers: Arc::new(headers),
            runtime,
        }))
    }
}
