//! The one `exec` path every provider call goes through: rate limit, retries with backoff,
//! per-attempt timeouts, the body size cap, body capture for `raw`, and tracing.
//!
//! progenitor's generated methods parse the body themselves and hand back only the typed value.
//! [`Runtime::execute`] (called from each crate's `ClientHooks::exec`) reads the body once under
//! the size cap, stores the bytes in a task-local slot set up by [`Runtime::call`], and hands the
//! generated code a response rebuilt around the same `Bytes` (no copy). [`Runtime::call`] then
//! classifies the outcome into a typed [`Error`] and returns the value with its raw body.

use std::{
    cell::RefCell,
    future::Future,
    num::NonZeroU32,
    time::{Duration, Instant, SystemTime},
};

use bytes::{Bytes, BytesMut};
use futures::StreamExt;
use progenitor_client::{OperationInfo, ResponseValue};
use reqwest::{Method, StatusCode, header::HeaderMap};
use serde::de::DeserializeOwned;
use tracing::Instrument;

use crate::{Config, Error, ErrorKind};

/// What one call observed on the wire, shared between `execute` and `call` through a task-local.
#[derive(Default)]
struct Captured {
    body: Option<Bytes>,
    status: Option<u16>,
    retry_after: Option<Duration>,
    attempts: u32,
    too_large: bool,
    stashed: Option<Error>,
}

tokio::task_local! {
    static CAPTURE: RefCell<Captured>;
}

/// Hands a typed error from a hook (which can only return progenitor's stringly `Custom`) to the
/// enclosing [`Runtime::call`], which then returns it as is. Outside a call it does nothing.
pub fn stash_error(error: Error) {
    let _ = CAPTURE.try_with(|c| c.borrow_mut().stashed = Some(error));
}

/// A successful response: the typed value plus the body exactly as received.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Fetched<T> {
    /// The decoded value (envelope already unwrapped by the provider crate where it has one).
    pub value: T,
    /// The response body exactly as received (the whole envelope).
    pub raw: Bytes,
    /// HTTP status of the final attempt.
    pub status: u16,
    /// Attempts made, the first included.
    pub attempts: u32,
}

impl<T> Fetched<T> {
    /// Replaces the value, keeping raw body, status and attempts.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Fetched<U> {
        Fetched { value: f(self.value), raw: self.raw, status: self.status, attempts: self.attempts }
    }
    /// Replaces the value by moving it through `f`, which may fail with the raw body and status
    /// at hand (to build an error that keeps them); nothing is cloned.
    pub fn try_map<U, E>(self, f: impl FnOnce(T, &Bytes, u16) -> Result<U, E>) -> Result<Fetched<U>, E> {
        let value = f(self.value, &self.raw, self.status)?;
        Ok(Fetched { value, raw: self.raw, status: self.status, attempts: self.attempts })
    }
    /// The decoded value.
    pub fn into_inner(self) -> T {
        self.value
    }
}

impl<T> std::ops::Deref for Fetched<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

type Limiter = governor::DefaultDirectRateLimiter;

/// Per-client runtime: configuration, the shared rate limiter, and the provider's name.
pub struct Runtime {
    provider: &'static str,
    config: Config,
    limiter: Option<Limiter>,
    idempotent_posts: &'static [&'static str],
}

impl std::fmt::Debug for Runtime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runtime")
            .field("provider", &self.provider)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Runtime {
    /// A runtime for `provider`. `idempotent_posts` names POST operations that are safe to retry
    /// (token requests, read-only searches).
    pub fn new(provider: &'static str, config: Config, idempotent_posts: &'static [&'static str]) -> Self {
        let limiter = config.rate_limit.and_then(|l| {
            let burst = NonZeroU32::new(l.requests)?;
            let quota = governor::Quota::with_period(l.per / l.requests)?.allow_burst(burst);
            Some(governor::RateLimiter::direct(quota))
        });
        Runtime { provider, config, limiter, idempotent_posts }
    }

    /// The provider name errors carry.
    pub fn provider(&self) -> &'static str {
        self.provider
    }

    /// The settings in force.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// A `reqwest::Client` with this runtime's connect timeout, connection reuse and user agent.
    /// TLS comes from the backend this build selected ([`crate::tls`]).
    pub fn http_client(&self) -> Result<reqwest::Client, Error> {
        crate::tls::configure(self.provider, reqwest::Client::builder())?
            .connect_timeout(self.config.connect_timeout)
            .user_agent(concat!("crm-customers/", env!("CARGO_PKG_VERSION")))
            .pool_idle_timeout(Duration::from_secs(60))
            .build()
            .map_err(|e| {
                Error::config(self.provider, format!("cannot build the HTTP client: {}", e.without_url()))
            })
    }

    fn is_idempotent(&self, method: &Method, operation: &str) -> bool {
        matches!(*method, Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS)
            || self.idempotent_posts.contains(&operation)
            || self.config.retry_non_idempotent
    }

    fn backoff(&self, attempt: u32) -> Duration {
        let exp = self.config.base_backoff.saturating_mul(1u32 << (attempt - 1).min(16));
        let cap = exp.min(self.config.max_backoff);
        Duration::from_millis(fastrand::u64(0..=cap.as_millis() as u64))
    }

    /// Sends `request` for the `exec` hook: retries idempotent requests on connect errors,
    /// timeouts, 429, 502, 503 and 504 with full-jitter exponential backoff (honouring
    /// `Retry-After` up to the configured cap), then reads the body under the size cap.
    pub async fn execute(
        &self,
        client: &reqwest::Client,
        request: reqwest::Request,
        info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        let max = if self.is_idempotent(request.method(), info.operation_id) {
            self.config.max_attempts.max(1)
        } else {
            1
        };
        // The path names the record (`/v1/client/123`); the query is never logged (eshouhou's
        // access token travels there).
        let span = tracing::debug_span!("http", method = %request.method(), path = %request.url().path());
        self.attempts(client, request, max).instrument(span).await
    }

    async fn attempts(
        &self,
        client: &reqwest::Client,
        mut request: reqwest::Request,
        max: u32,
    ) -> reqwest::Result<reqwest::Response> {
        let mut attempt = 1;
        loop {
            if let Some(limiter) = &self.limiter {
                limiter.until_ready().await;
            }
            let copy = if attempt < max { request.try_clone() } else { None };
            let last = copy.is_none();
            let mut sending = match copy {
                Some(copy) => copy,
                None => std::mem::replace(
                    &mut request,
                    reqwest::Request::new(Method::GET, "http://127.0.0.1/".parse().expect("static URL")),
                ),
            };
            *sending.timeout_mut() = Some(self.config.attempt_timeout);
            let started = Instant::now();
            let result = client.execute(sending).await;
            let _ = CAPTURE.try_with(|c| c.borrow_mut().attempts = attempt);
            let delay = match result {
                Err(e) => {
                    let e = e.without_url();
                    tracing::debug!(attempt, latency_ms = started.elapsed().as_millis() as u64, error = %e, "attempt failed");
                    if last || !(e.is_connect() || e.is_timeout()) {
                        return Err(e);
                    }
                    self.backoff(attempt)
                }
                Ok(response) => {
                    let status = response.status();
                    tracing::debug!(
                        attempt,
                        status = status.as_u16(),
                        latency_ms = started.elapsed().as_millis() as u64,
                        "response"
                    );
                    let retry_after = retry_after(response.headers());
                    let retryable = matches!(status.as_u16(), 429 | 502 | 503 | 504);
                    let too_long = retry_after.is_some_and(|d| d > self.config.max_retry_after);
                    if last || !retryable || too_long {
                        return self.finish(response, retry_after).await;
                    }
                    retry_after.unwrap_or_else(|| self.backoff(attempt))
                }
            };
            tracing::debug!(attempt, delay_ms = delay.as_millis() as u64, "retrying");
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    /// Reads the body under the size cap, records it, and rebuilds the response around it.
    async fn finish(
        &self,
        response: reqwest::Response,
        retry_after: Option<Duration>,
    ) -> reqwest::Result<reqwest::Response> {
        let status = response.status();
        let cap = self.config.max_body_bytes;
        let mut builder = http::Response::builder().status(status).version(response.version());
        if let Some(headers) = builder.headers_mut() {
            *headers = response.headers().clone();
        }
        let too_large_declared = response.content_length().is_some_and(|n| n > cap as u64);
        let mut too_large = too_large_declared;
        let mut body = BytesMut::new();
        if !too_large {
            let mut stream = response.bytes_stream();
            while let Some(chunk) = stream.next().await {
                let chunk = chunk?;
                if body.len() + chunk.len() > cap {
                    too_large = true;
                    break;
                }
                body.extend_from_slice(&chunk);
            }
        }
        let body = if too_large { Bytes::new() } else { body.freeze() };
        let _ = CAPTURE.try_with(|c| {
            let mut c = c.borrow_mut();
            c.body = Some(body.clone());
            c.status = Some(status.as_u16());
            c.retry_after = retry_after;
            c.too_large = too_large;
        });
        let rebuilt = builder.body(body).expect("status and headers come from a valid response");
        Ok(reqwest::Response::from(rebuilt))
    }

    /// Runs one generated call under this runtime: total timeout, body capture, and error
    /// classification. `T` is the generated success type (used to name the failing field).
    pub async fn call<T, E, F>(&self, operation: &'static str, call: F) -> Result<Fetched<T>, Error>
    where
        T: DeserializeOwned,
        F: Future<Output = Result<ResponseValue<T>, progenitor_client::Error<E>>>,
    {
        let span = tracing::info_span!(
            "crm.call",
            provider = self.provider,
            operation,
            status = tracing::field::Empty,
            attempts = tracing::field::Empty
        );
        let started = Instant::now();
        let scoped = CAPTURE.scope(RefCell::new(Captured::default()), async move {
            let result = call.await;
            let captured = CAPTURE.with(|c| std::mem::take(&mut *c.borrow_mut()));
            (result, captured)
        });
        let timed = tokio::time::timeout(self.config.total_timeout, scoped).instrument(span.clone()).await;
        let (result, captured) = match timed {
            Ok(done) => done,
            Err(_) => {
                return Err(Error::new(
                    ErrorKind::Transport,
                    self.provider,
                    operation,
                    format!("timed out after {:.1?} (total per call)", self.config.total_timeout),
                )
                .with_timeout());
            }
        };
        if let Some(status) = captured.status {
            span.record("status", status);
        }
        span.record("attempts", captured.attempts);
        let (status, attempts) = (captured.status, captured.attempts);
        let outcome = self.classify(operation, result, captured);
        tracing::debug!(
            parent: &span,
            status,
            attempts,
            latency_ms = started.elapsed().as_millis() as u64,
            outcome = outcome.as_ref().err().map_or("ok", |e| e.kind().as_str()),
            "call finished"
        );
        outcome
    }

    fn classify<T: DeserializeOwned, E>(
        &self,
        operation: &'static str,
        result: Result<ResponseValue<T>, progenitor_client::Error<E>>,
        captured: Captured,
    ) -> Result<Fetched<T>, Error> {
        use progenitor_client::Error as P;
        let provider = self.provider;
        if let Some(stashed) = captured.stashed {
            return Err(stashed);
        }
        let raw = captured.body.clone().unwrap_or_default();
        let status = captured.status;
        if captured.too_large {
            let mut e = Error::new(
                ErrorKind::BadResponse,
                provider,
                operation,
                format!("response body larger than the {} byte cap", self.config.max_body_bytes),
            );
            if let Some(s) = status {
                e = e.with_status(s);
            }
            return Err(e);
        }
        match result {
            Ok(value) => Ok(Fetched {
                status: value.status().as_u16(),
                value: value.into_inner(),
                raw,
                attempts: captured.attempts.max(1),
            }),
            Err(P::InvalidResponsePayload(bytes, e)) => {
                Err(decode_error::<T>(provider, operation, bytes, &e, status))
            }
            Err(P::ErrorResponse(v)) => {
                Err(status_error(provider, operation, v.status(), raw, captured.retry_after))
            }
            Err(P::UnexpectedResponse(r)) => {
                Err(status_error(provider, operation, r.status(), raw, captured.retry_after))
            }
            Err(P::CommunicationError(e) | P::ResponseBodyError(e) | P::InvalidUpgrade(e)) => {
                Err(transport_error(provider, operation, e))
            }
            Err(P::InvalidRequest(msg) | P::Custom(msg)) => {
                Err(Error::new(ErrorKind::Config, provider, operation, msg))
            }
        }
    }
}

/// A transport error, with the URL (which may carry an access token) removed.
pub fn transport_error(provider: &'static str, operation: &'static str, e: reqwest::Error) -> Error {
    let e = e.without_url();
    let what = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "connection failed"
    } else if e.is_body() || e.is_decode() {
        "response body interrupted"
    } else {
        "request failed"
    };
    let mut message = format!("{what}: {e}");
    let mut source: Option<&dyn std::error::Error> = std::error::Error::source(&e);
    while let Some(s) = source {
        message.push_str(&format!(": {s}"));
        source = s.source();
    }
    let timeout = e.is_timeout();
    let err = Error::new(ErrorKind::Transport, provider, operation, message).with_source(e);
    if timeout { err.with_timeout() } else { err }
}

/// A response that did not decode into the spec's type: names the failing field, keeps the body.
pub fn decode_error<T: DeserializeOwned>(
    provider: &'static str,
    operation: &'static str,
    bytes: Bytes,
    error: &serde_json::Error,
    status: Option<u16>,
) -> Error {
    let path =
        match serde_path_to_error::deserialize::<_, T>(&mut serde_json::Deserializer::from_slice(&bytes)) {
            Err(e) => e.path().to_string(),
            Ok(_) => ".".to_string(),
        };
    let what = if bytes.is_empty() {
        "empty response body".to_string()
    } else if error.is_syntax() || error.is_eof() {
        format!("response is not valid JSON: {error}")
    } else {
        format!("response does not match the spec at `{path}`: {error}")
    };
    let mut e =
        Error::new(ErrorKind::BadResponse, provider, operation, what).with_field(path).with_raw(bytes);
    if let Some(s) = status {
        e = e.with_status(s);
    }
    e
}

/// Classifies an error status: 404 not found, 401/403 auth, 429 rate limited, anything else a
/// provider error. The provider's own error text is appended when the body has one.
pub fn status_error(
    provider: &'static str,
    operation: &'static str,
    status: StatusCode,
    raw: Bytes,
    retry_after: Option<Duration>,
) -> Error {
    let (kind, what) = match status.as_u16() {
        404 => (ErrorKind::NotFound, "not found".to_string()),
        401 | 403 => (ErrorKind::Auth, "credentials or signature rejected".to_string()),
        429 => (ErrorKind::RateLimited, "rate limited".to_string()),
        s => (ErrorKind::ProviderError, format!("provider answered HTTP {s}")),
    };
    let (code, text) = provider_text(&raw);
    let message = match text {
        Some(t) => format!("{what}: {t}"),
        None => what,
    };
    let mut e = Error::new(kind, provider, operation, message)
        .with_status(status.as_u16())
        .with_raw(raw)
        .with_retry_after(retry_after);
    if let Some(c) = code {
        e = e.with_code(c);
    }
    e
}

/// Pulls a short code and message out of the usual error body shapes
/// (`detail`, `message`, `ErrorMsg`, `error_description`, `error`, `status.description`).
pub fn provider_text(raw: &[u8]) -> (Option<String>, Option<String>) {
    let Ok(serde_json::Value::Object(map)) = serde_json::from_slice::<serde_json::Value>(raw) else {
        return (None, None);
    };
    let scalar = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) if !s.is_empty() => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let status = map.get("status").and_then(|s| s.as_object());
    let text = ["detail", "message", "ErrorMsg", "error_description", "error", "title"]
        .iter()
        .find_map(|k| map.get(*k).and_then(scalar))
        .or_else(|| status.and_then(|s| s.get("description")).and_then(scalar));
    let code = ["code", "ResultCode", "statusCode"]
        .iter()
        .find_map(|k| map.get(*k).and_then(scalar))
        .or_else(|| status.and_then(|s| s.get("code")).and_then(scalar));
    let text = text.map(|t| {
        let t: String = t.chars().take(300).collect();
        t
    });
    (code, text)
}

/// Parses `Retry-After` as seconds or an HTTP date.
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let v = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(v).ok()?;
    Some(at.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let mut h = HeaderMap::new();
        h.insert("retry-after", "3".parse().unwrap());
        assert_eq!(retry_after(&h), Some(Duration::from_secs(3)));
        let future = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(120));
        h.insert("retry-after", future.parse().unwrap());
        let d = retry_after(&h).unwrap();
        assert!(d > Duration::from_secs(100) && d <= Duration::from_secs(120), "{d:?}");
        h.insert("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT".parse().unwrap());
        assert_eq!(retry_after(&h), Some(Duration::ZERO));
        h.insert("retry-after", "soon".parse().unwrap());
        assert_eq!(retry_after(&h), None);
    }

    #[test]
    fn backoff_is_full_jitter_and_capped() {
        let rt = Runtime::new(
            "t",
            Config::default().with_backoff(Duration::from_millis(100), Duration::from_millis(250)),
            &[],
        );
        for attempt in 1..10 {
            let d = rt.backoff(attempt);
            assert!(d <= Duration::from_millis(250), "{d:?}");
        }
        assert!(rt.backoff(1) <= Duration::from_millis(100));
    }

    #[test]
    fn provider_text_reads_common_shapes() {
        assert_eq!(
            provider_text(br#"{"detail":"Invalid signature."}"#),
            (None, Some("Invalid signature.".into()))
        );
        assert_eq!(
            provider_text(br#"{"ResultCode":40100,"ErrorMsg":"bad"}"#),
            (Some("40100".into()), Some("bad".into()))
        );
        assert_eq!(
            provider_text(br#"{"status":{"code":"4001","description":"Customer not found"},"data":null}"#),
            (Some("4001".into()), Some("Customer not found".into()))
        );
        assert_eq!(provider_text(b"<html>"), (None, None));
    }
}
