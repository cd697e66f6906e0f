//! The one error shape every provider client returns: a [`ErrorKind`] to branch on, plus the
//! provider, operation, HTTP status, provider code, failing field and the raw body.
//!
//! Display and Debug never print the raw body (it may hold personal data) nor any credential:
//! messages are built from provider error texts and our own words only.

use std::{fmt, time::Duration};

use bytes::Bytes;

/// What went wrong, in the classes callers branch on. Stable snake_case names via [`ErrorKind::as_str`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The provider says the record does not exist.
    NotFound,
    /// Credentials or signature rejected, or credentials missing.
    Auth,
    /// Throttled, still after the configured retries.
    RateLimited,
    /// The provider answered with an error envelope or an error status.
    ProviderError,
    /// The response did not match the spec (malformed JSON, wrong types, over the size cap).
    BadResponse,
    /// Connection failure, timeout, or an interrupted body.
    Transport,
    /// Client misconfiguration: missing credentials or base URL, invalid values.
    Config,
}

impl ErrorKind {
    /// The stable name used in CLI output (`not_found`, `auth`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::NotFound => "not_found",
            ErrorKind::Auth => "auth",
            ErrorKind::RateLimited => "rate_limited",
            ErrorKind::ProviderError => "provider_error",
            ErrorKind::BadResponse => "bad_response",
            ErrorKind::Transport => "transport",
            ErrorKind::Config => "config",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

type Source = Box<dyn std::error::Error + Send + Sync + 'static>;

/// An error from a provider call. See the module docs for what it carries. One pointer wide, so
/// `Result<T, Error>` stays small.
pub struct Error(Box<Inner>);

struct Inner {
    kind: ErrorKind,
    provider: &'static str,
    operation: &'static str,
    message: String,
    status: Option<u16>,
    code: Option<String>,
    field: Option<String>,
    raw: Option<Bytes>,
    retry_after: Option<Duration>,
    timeout: bool,
    outcome_unknown: bool,
    source: Option<Source>,
}

impl Error {
    /// A new error of `kind` for `provider`'s `operation`.
    #[doc(hidden)]
    pub fn new(
        kind: ErrorKind,
        provider: &'static str,
        operation: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Error(Box::new(Inner {
            kind,
            provider,
            operation,
            message: message.into(),
            status: None,
            code: None,
            field: None,
            raw: None,
            retry_after: None,
            timeout: false,
            outcome_unknown: false,
            source: None,
        }))
    }

    /// A configuration error (no request was sent).
    #[doc(hidden)]
    pub fn config(provider: &'static str, message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Config, provider, "configure", message)
    }

    /// Sets the HTTP status.
    #[doc(hidden)]
    pub fn with_status(mut self, status: u16) -> Self {
        self.0.status = Some(status);
        self
    }
    /// Sets the provider's business/error code.
    #[doc(hidden)]
    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.0.code = Some(code.into());
        self
    }
    /// Sets the failing field (a JSON path such as `data.customerState`).
    #[doc(hidden)]
    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.0.field = Some(field.into());
        self
    }
    /// Keeps the raw response body.
    #[doc(hidden)]
    pub fn with_raw(mut self, raw: Bytes) -> Self {
        self.0.raw = Some(raw);
        self
    }
    /// Sets the server's `Retry-After`.
    #[doc(hidden)]
    pub fn with_retry_after(mut self, d: Option<Duration>) -> Self {
        self.0.retry_after = d;
        self
    }
    /// Marks the error as a timeout.
    #[doc(hidden)]
    pub fn with_timeout(mut self) -> Self {
        self.0.timeout = true;
        self
    }
    /// Marks a write whose outcome is unknown: it timed out or lost its connection after the
    /// request was sent, so the provider may or may not have applied it. The message starts
    /// with `outcome unknown:`.
    #[doc(hidden)]
    pub fn outcome_unknown(mut self) -> Self {
        if !self.0.outcome_unknown {
            self.0.outcome_unknown = true;
            self.0.message = format!("outcome unknown: {}", self.0.message);
        }
        self
    }
    /// Attaches the underlying cause.
    #[doc(hidden)]
    pub fn with_source(mut self, source: impl Into<Source>) -> Self {
        self.0.source = Some(source.into());
        self
    }
    /// Renames the operation (used when a token call fails on behalf of another operation).
    #[doc(hidden)]
    pub fn with_operation(mut self, operation: &'static str) -> Self {
        self.0.operation = operation;
        self
    }

    /// The class to branch on.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }
    /// Provider name (`pluuug`, `gofive`, `eshouhou`, `nd`).
    pub fn provider(&self) -> &'static str {
        self.0.provider
    }
    /// The spec's operationId (`get_client`, `request_token`, ...).
    pub fn operation(&self) -> &'static str {
        self.0.operation
    }
    /// Human-readable message, without provider and operation.
    pub fn message(&self) -> &str {
        &self.0.message
    }
    /// HTTP status, when a response arrived.
    pub fn status(&self) -> Option<u16> {
        self.0.status
    }
    /// Provider's error code (`4001`, `40100`, ...), when it sent one.
    pub fn code(&self) -> Option<&str> {
        self.0.code.as_deref()
    }
    /// The failing field of a response that did not match the spec.
    pub fn field(&self) -> Option<&str> {
        self.0.field.as_deref()
    }
    /// The response body exactly as received, when one arrived (withheld for token responses,
    /// which carry credentials).
    pub fn raw(&self) -> Option<&Bytes> {
        self.0.raw.as_ref()
    }
    /// The server's `Retry-After`, when it sent one.
    pub fn retry_after(&self) -> Option<Duration> {
        self.0.retry_after
    }
    /// Whether the call timed out.
    pub fn is_timeout(&self) -> bool {
        self.0.timeout
    }
    /// Whether this is a write (PUT/PATCH/POST/DELETE) that timed out or lost its connection
    /// after the request was sent: the provider may have applied it. Check before writing again.
    pub fn is_outcome_unknown(&self) -> bool {
        self.0.outcome_unknown
    }

    /// A copy without the source (errors shared between callers, such as a rejected credential).
    pub(crate) fn duplicate(&self) -> Error {
        let i = &self.0;
        Error(Box::new(Inner {
            kind: i.kind,
            provider: i.provider,
            operation: i.operation,
            message: i.message.clone(),
            status: i.status,
            code: i.code.clone(),
            field: i.field.clone(),
            raw: i.raw.clone(),
            retry_after: i.retry_after,
            timeout: i.timeout,
            outcome_unknown: i.outcome_unknown,
            source: None,
        }))
    }

    /// Replaces each of `secrets` (and its form-urlencoded spelling) in the message, code and
    /// field by `[redacted]`. The raw body is data and stays as received; Display and Debug never
    /// print it.
    pub(crate) fn redacted<'a>(mut self, secrets: impl Iterator<Item = &'a str>) -> Self {
        for secret in secrets {
            if secret.len() < MIN_REDACTED_LEN {
                continue;
            }
            let encoded: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
            let inner = &mut *self.0;
            for text in
                [Some(&mut inner.message), inner.code.as_mut(), inner.field.as_mut()].into_iter().flatten()
            {
                if text.contains(secret) {
                    *text = text.replace(secret, "[redacted]");
                }
                if encoded != secret && text.contains(&encoded) {
                    *text = text.replace(&encoded, "[redacted]");
                }
            }
        }
        self
    }
}

/// Secrets shorter than this are not searched for in error texts (they would match ordinary
/// words); every real credential is longer.
const MIN_REDACTED_LEN: usize = 4;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.0.provider, self.0.operation, self.0.message)?;
        if let Some(code) = &self.0.code {
            write!(f, " (code {code})")?;
        }
        if let Some(status) = self.0.status {
            write!(f, " (HTTP {status})")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.0.kind)
            .field("provider", &self.0.provider)
            .field("operation", &self.0.operation)
            .field("message", &self.0.message)
            .field("status", &self.0.status)
            .field("code", &self.0.code)
            .field("field", &self.0.field)
            .field("raw", &self.0.raw.as_ref().map(|r| format!("<{} bytes>", r.len())))
            .field("retry_after", &self.0.retry_after)
            .field("timeout", &self.0.timeout)
            .field("outcome_unknown", &self.0.outcome_unknown)
            .finish_non_exhaustive()
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source.as_deref().map(|s| s as &(dyn std::error::Error + 'static))
    }
}
