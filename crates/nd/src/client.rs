//! The nd client: builder (base URL required), `from_env`, the auth and exec hooks, one method
//! per operation with the optional `{code,message,data}` wrapper unwrapped.

use std::sync::Arc;

use crm_runtime::{Config, Error, ErrorKind, ExposeSecret, Fetched, Runtime, SecretString};
use progenitor_client::{ClientHooks, ClientInfo, OperationInfo};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::{auth, generated, types};

/// Provider name carried by every error.
pub const PROVIDER: &str = "nd";
/// Optional bearer token variable read by [`Client::from_env`].
pub const ENV_TOKEN: &str = "ND_TOKEN";
/// Base URL variable (required: the docs name no public host).
pub const ENV_BASE_URL: &str = "ND_BASE_URL";

/// State the generated client carries for the hooks.
#[derive(Clone)]
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

impl ClientHooks<Inner> for generated::Client {
    async fn pre<E>(
        &self,
        request: &mut reqwest::Request,
        _info: &OperationInfo,
    ) -> Result<(), progenitor_client::Error<E>> {
        request.headers_mut().remove("api-version");
        let inner = self.inner();
        auth::apply(request.headers_mut(), inner.token.as_deref(), &inner.headers)?;
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

/// An nd client. Cheap to clone; clones share connections and the limiter.
#[derive(Clone)]
pub struct Client {
    api: Arc<generated::Client>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("nd_client::Client")
            .field("base_url", &self.api.baseurl())
            .field("inner", self.api.inner())
            .finish()
    }
}

impl Client {
    /// A builder; the base URL is required.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// Reads `ND_BASE_URL` (required) and optional `ND_TOKEN`.
    pub fn from_env() -> Result<Client, Error> {
        Self::builder_from_env().build()
    }

    /// A builder preloaded from the environment, to adjust before `build()`.
    pub fn builder_from_env() -> ClientBuilder {
        let mut b = Self::builder();
        if let Some(url) = crm_runtime::env_var_opt(ENV_BASE_URL) {
            b = b.base_url(url);
        }
        if let Some(token) = crm_runtime::env_var_opt(ENV_TOKEN) {
            b = b.token(token);
        }
        b
    }

    /// The base URL in use.
    pub fn base_url(&self) -> &str {
        self.api.baseurl()
    }

    /// The generated client, for operations this crate does not wrap.
    pub fn generated(&self) -> &generated::Client {
        &self.api
    }

    pub(crate) fn runtime(&self) -> &Runtime {
        &self.api.inner().runtime
    }

    /// `GET /api/customers/{id}/detail`: one customer. Accepts the documented bare payload and
    /// the `{code,message,data}` wrapper the write endpoints use; a non-zero `code` is a
    /// `provider_error` carrying code and message.
    pub async fn get_customer_detail(&self, id: &str) -> Result<Fetched<types::CustomerDetail>, Error> {
        const OP: &str = "get_customer_detail";
        if id.trim().is_empty() {
            return Err(Error::new(ErrorKind::Config, PROVIDER, OP, "empty customer id"));
        }
        let fetched =
            self.runtime().call(OP, self.api.get_customer_detail(id)).await.map_err(name_variant_field)?;
        fetched.try_map(|response, raw, status| match response {
            types::CustomerDetailResponse::Bare(d) => Ok(d),
            types::CustomerDetailResponse::Enveloped(env) if env.code != 0 => {
                Err(envelope_error(OP, env.code, env.message.as_deref(), raw, status))
            }
            types::CustomerDetailResponse::Enveloped(env) => env.data.ok_or_else(|| {
                Error::new(ErrorKind::BadResponse, PROVIDER, OP, "success envelope without `data`")
                    .with_field("data")
                    .with_status(status)
                    .with_raw(raw.clone())
            }),
        })
    }

    /// `POST /api/customers/paginate`: one page of customers (`page` 1..=100, `page_size`
    /// 5..=1000 as the docs' validation rules say).
    pub async fn paginate_customers(
        &self,
        request: &types::PaginateRequest,
    ) -> Result<Fetched<types::CustomerPage>, Error> {
        const OP: &str = "paginate_customers";
        let fetched = self.runtime().call(OP, self.api.paginate_customers(request)).await?;
        fetched.try_map(|envelope, raw, status| {
            if envelope.code != 0 {
                return Err(envelope_error(OP, envelope.code, envelope.message.as_deref(), raw, status));
            }
            envelope.data.ok_or_else(|| {
                Error::new(ErrorKind::BadResponse, PROVIDER, OP, "success envelope without `data`")
                    .with_field("data")
                    .with_status(status)
                    .with_raw(raw.clone())
            })
        })
    }
}

/// The response type is an untagged enum (wrapped or bare), for which serde can only say "no
/// variant matched". Decode again as the variant the body looks like, to name the failing field.
fn name_variant_field(e: Error) -> Error {
    if e.kind() != ErrorKind::BadResponse {
        return e;
    }
    let Some(raw) = e.raw().cloned() else { return e };
    let Ok(serde_json::Value::Object(map)) = serde_json::from_slice::<serde_json::Value>(&raw) else {
        return e;
    };
    let mut de = serde_json::Deserializer::from_slice(&raw);
    let path = if map.contains_key("code") {
        serde_path_to_error::deserialize::<_, types::CustomerDetailEnvelope>(&mut de)
            .err()
            .map(|e| (e.path().to_string(), e.into_inner().to_string()))
    } else {
        serde_path_to_error::deserialize::<_, types::CustomerDetail>(&mut de)
            .err()
            .map(|e| (e.path().to_string(), e.into_inner().to_string()))
    };
    match path {
        Some((path, why)) => {
            let mut out = Error::new(
                ErrorKind::BadResponse,
                PROVIDER,
                e.operation(),
                format!("response does not match the spec at `{path}`: {why}"),
            )
            .with_field(path)
            .with_raw(raw);
            if let Some(s) = e.status() {
                out = out.with_status(s);
            }
            out
        }
        None => e,
    }
}

pub(crate) fn envelope_error(
    op: &'static str,
    code: i64,
    message: Option<&str>,
    raw: &bytes::Bytes,
    status: u16,
) -> Error {
    let message = message.unwrap_or("");
    let kind = if message.contains("NOT_FOUND") { ErrorKind::NotFound } else { ErrorKind::ProviderError };
    Error::new(kind, PROVIDER, op, format!("code {code}: {message}"))
        .with_code(code.to_string())
        .with_status(status)
        .with_raw(raw.clone())
}

/// Builds a [`Client`].
#[derive(Default)]
pub struct ClientBuilder {
    base_url: Option<String>,
    token: Option<SecretString>,
    headers: Vec<(String, String)>,
    config: Option<Config>,
    http: Option<reqwest::Client>,
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("token", &self.token.as_ref().map(|_| "[redacted]"))
            .field("extra_headers", &self.headers.iter().map(|(k, _)| k).collect::<Vec<_>>())
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// The deployment's base URL (`scheme://host[:port][/prefix]`); required.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }
    /// A bearer token sent as `Authorization: Bearer`.
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(SecretString::from(token.into()));
        self
    }
    /// An extra header sent on every request (values are treated as sensitive in Debug).
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
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
        let Some(base_url) = self.base_url.filter(|u| !u.trim().is_empty()) else {
            return Err(Error::config(
                PROVIDER,
                format!("missing base URL: set {ENV_BASE_URL} (the nd docs name no public host)"),
            ));
        };
        let base_url = crm_runtime::base_url(PROVIDER, &base_url)?;
        let token = self.token.filter(|t| !t.expose_secret().trim().is_empty());
        if let Some(t) = &token
            && HeaderValue::from_str(&format!("Bearer {}", t.expose_secret())).is_err()
        {
            return Err(Error::config(
                PROVIDER,
                "the token contains characters not allowed in an HTTP header",
            ));
        }
        let mut headers = HeaderMap::new();
        for (name, value) in self.headers {
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| Error::config(PROVIDER, format!("invalid header name `{name}`")))?;
            let mut value = HeaderValue::from_str(&value)
                .map_err(|_| Error::config(PROVIDER, format!("invalid value for header `{name}`")))?;
            value.set_sensitive(true);
            headers.insert(name, value);
        }
        let runtime = Runtime::new(PROVIDER, self.config.unwrap_or_default(), &["paginate_customers"]);
        let http = match self.http {
            Some(h) => h,
            None => runtime.http_client()?,
        };
        let inner =
            Inner { token: token.map(Arc::new), headers: Arc::new(headers), runtime: Arc::new(runtime) };
        Ok(Client { api: Arc::new(generated::Client::new_with_client(&base_url, http, inner)) })
    }
}
