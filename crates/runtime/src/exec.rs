//! The one `exec` path every provider call goes through: the call's deadline, the shared
//! throttle pause, the sliding-window rate limit, retries of reads with backoff, per-attempt
//! timeouts, the body size cap, body capture for `raw`, and tracing.
//!
//! progenitor's generated methods parse the body themselves and hand back only the typed value.
//! [`Runtime::execute`] (called from each crate's `ClientHooks::exec`) reads the body once under
//! the size cap, stores the bytes in a task-local slot set up by [`Runtime::call`], and hands the
//! generated code a response rebuilt around the same `Bytes` (no copy). [`Runtime::call`] then
//! classifies the outcome into a typed [`Error`] and returns the value with its raw body.

use std::{
    future::Future,
    sync::{Arc, Mutex, RwLock},
    time::{Duration, Instant, SystemTime},
};

use bytes::{Bytes, BytesMut};
use futures::StreamExt;
use progenitor_client::{OperationInfo, ResponseValue};
use reqwest::{Method, StatusCode, header::HeaderMap};
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use tracing::Instrument;

use crate::{Config, Error, ErrorKind, limiter::SlidingWindow};

/// What one call observed on the wire, shared between `execute`, the hooks and `call`.
#[derive(Default)]
pub(crate) struct Captured {
    provider: &'static str,
    operation: &'static str,
    body: Option<Bytes>,
    status: Option<u16>,
    retry_after: Option<Duration>,
    location_host: Option<String>,
    attempts: u32,
    too_large: bool,
    /// A typed error raised inside the generated call (hooks, path encoding) to return as is.
    pub(crate) stashed: Option<Error>,
    write_in_flight: bool,
    outcome_unknown: bool,
}

type Shared = Arc<Mutex<Captured>>;

tokio::task_local! {
    static CAPTURE: Shared;
    static DEADLINE: Instant;
}

/// Runs `f` on the current call's capture, if inside one.
pub(crate) fn with_capture<R>(f: impl FnOnce(&mut Captured) -> R) -> Option<R> {
    CAPTURE.try_with(|c| f(&mut c.lock().unwrap_or_else(|p| p.into_inner()))).ok()
}

/// Keeps the first typed error raised inside the current call (no-op outside one).
pub(crate) fn stash(error: impl FnOnce(&'static str, &'static str) -> Error) {
    with_capture(|c| {
        if c.stashed.is_none() {
            c.stashed = Some(error(c.provider, c.operation));
        }
    });
}

/// The deadline of the call in progress, if any.
pub(crate) fn current_deadline() -> Option<Instant> {
    DEADLINE.try_with(|d| *d).ok()
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

/// Issued tokens kept for redaction besides the configured secrets.
const REMEMBERED_TOKENS: usize = 4;

/// Per-client runtime: configuration, the shared rate limiter and throttle pause, the secrets to
/// redact, and the provider's name. Plumbing of the provider crates.
#[doc(hidden)]
pub struct Runtime {
    provider: &'static str,
    config: Config,
    limiter: Option<SlidingWindow>,
    idempotent_posts: &'static [&'static str],
    paused_until: Mutex<Option<Instant>>,
    secrets: RwLock<Vec<Arc<SecretString>>>,
    tokens: RwLock<std::collections::VecDeque<Arc<SecretString>>>,
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
    /// A runtime for `provider`. `idempotent_posts` names POST operations that are reads (token
    /// requests, read-only searches) and so are retried like GETs.
    pub fn new(provider: &'static str, config: Config, idempotent_posts: &'static [&'static str]) -> Self {
        let limiter = config.rate_limit.and_then(SlidingWindow::new);
        Runtime {
            provider,
            config,
            limiter,
            idempotent_posts,
            paused_until: Mutex::new(None),
            secrets: RwLock::new(Vec::new()),
            tokens: RwLock::new(Default::default()),
        }
    }

    /// The provider name errors carry.
    pub fn provider(&self) -> &'static str {
        self.provider
    }

    /// The settings in force.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Adds a configured secret: wherever its text shows up in an error's message it is
    /// replaced by `[redacted]`.
    pub fn add_secret(&self, secret: &SecretString) {
        if !secret.expose_secret().is_empty() {
            let mut s = self.secrets.write().unwrap_or_else(|p| p.into_inner());
            s.push(Arc::new(secret.clone()));
        }
    }

    pub(crate) fn remember_token(&self, token: Arc<SecretString>) {
        let mut t = self.tokens.write().unwrap_or_else(|p| p.into_inner());
        if t.len() == REMEMBERED_TOKENS {
            t.pop_front();
        }
        t.push_back(token);
    }

    /// `error` with every configured secret and recently issued token replaced by `[redacted]`.
    pub fn redact(&self, error: Error) -> Error {
        let secrets = self.secrets.read().unwrap_or_else(|p| p.into_inner());
        let tokens = self.tokens.read().unwrap_or_else(|p| p.into_inner());
        error.redacted(secrets.iter().chain(tokens.iter()).map(|s| s.expose_secret()))
    }

    /// A `reqwest::Client` with this runtime's connect timeout, connection reuse and user agent,
    /// that never follows a redirect (a redirect must not carry credentials to another origin).
    pub fn http_client(&self) -> Result<reqwest::Client, Error> {
        reqwest::Client::builder()
            .connect_timeout(self.config.connect_timeout)
            .user_agent(concat!("crm-customers/", env!("CARGO_PKG_VERSION")))
            .pool_idle_timeout(Duration::from_secs(60))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| {
                Error::config(self.provider, format!("cannot build the HTTP client: {}", e.without_url()))
            })
    }

    /// `start` plus the call's deadline (a configured `Duration::MAX` means "about forever").
    fn deadline_from(&self, start: Instant) -> Instant {
        const FOREVER: Duration = Duration::from_secs(10 * 365 * 24 * 3600);
        start.checked_add(self.config.total_timeout.min(FOREVER)).unwrap_or(start)
    }

    /// Reads are retried; writes (PUT/PATCH/POST/DELETE) get one attempt.
    fn is_read(&self, method: &Method, operation: &str) -> bool {
        matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
            || self.idempotent_posts.contains(&operation)
    }

    fn backoff(&self, attempt: u32) -> Duration {
        let exp = self.config.base_backoff.saturating_mul(1u32 << attempt.saturating_sub(1).min(16));
        let cap = exp.min(self.config.max_backoff);
        Duration::from_millis(fastrand::u64(0..=u64::try_from(cap.as_millis()).unwrap_or(u64::MAX)))
    }

    fn paused_until(&self) -> Option<Instant> {
        let p = self.paused_until.lock().unwrap_or_else(|p| p.into_inner());
        p.filter(|until| *until > Instant::now())
    }

    fn pause(&self, until: Instant) {
        let mut p = self.paused_until.lock().unwrap_or_else(|p| p.into_inner());
        if p.is_none_or(|cur| cur < until) {
            *p = Some(until);
        }
    }

    fn throttle_event(&self, wait: Duration) {
        tracing::info!(
            target: "crm_runtime::throttle",
            provider = self.provider,
            wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
            "waiting on rate limit"
        );
    }

    /// Sends `request` for the `exec` hook, under the call's deadline: waits while the client is
    /// paused by a throttle and for the rate limiter, then sends. Reads are retried on connect
    /// errors, timeouts, 502, 503 and 504 (up to `max_attempts`, full-jitter backoff); a 429 (or
    /// a 503 with `Retry-After`) pauses every request of the client until the time the provider
    /// named and is retried while the deadline allows, without using up the error retries. The
    /// body is then read under the size cap.
    pub async fn execute(
        &self,
        client: &reqwest::Client,
        request: reqwest::Request,
        info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        let read = self.is_read(request.method(), info.operation_id);
        // The path names the record (`/v1/client/123`); the query is never logged (eshouhou's
        // access token travels there).
        let span = tracing::debug_span!("http", method = %request.method(), path = %request.url().path());
        let deadline = current_deadline().unwrap_or_else(|| self.deadline_from(Instant::now()));
        self.attempts(client, request, read, deadline).instrument(span).await
    }

    async fn attempts(
        &self,
        client: &reqwest::Client,
        request: reqwest::Request,
        read: bool,
        deadline: Instant,
    ) -> reqwest::Result<reqwest::Response> {
        let max_errors = if read { self.config.max_attempts.max(1) } else { 1 };
        let mut request = Some(request);
        let (mut errors, mut throttles, mut sent) = (0u32, 0u32, 0u32);
        loop {
            if let Some(until) = self.paused_until() {
                if until > deadline {
                    let wait = until.saturating_duration_since(Instant::now());
                    stash(|_, op| {
                        Error::new(
                            ErrorKind::RateLimited,
                            self.provider,
                            op,
                            format!(
                                "rate limited: the provider asked to wait {}s, beyond this call's deadline",
                                wait.as_secs()
                            ),
                        )
                        .with_retry_after(Some(wait))
                    });
                    return Ok(synthetic(StatusCode::TOO_MANY_REQUESTS));
                }
                self.throttle_event(until.saturating_duration_since(Instant::now()));
                tokio::time::sleep_until(until.into()).await;
            }
            let permit = match &self.limiter {
                Some(limiter) => Some(
                    limiter
                        .admit(|wait| {
                            if wait > Duration::from_secs(1) {
                                self.throttle_event(wait)
                            }
                        })
                        .await,
                ),
                None => None,
            };
            let Some(original) = request.take() else {
                return Ok(synthetic(StatusCode::INTERNAL_SERVER_ERROR));
            };
            request = original.try_clone();
            let mut sending = original;
            let now = Instant::now();
            *sending.timeout_mut() = Some(
                self.config
                    .attempt_timeout
                    .min(deadline.saturating_duration_since(now))
                    .max(Duration::from_millis(1)),
            );
            with_capture(|c| c.write_in_flight = !read);
            let result = client.execute(sending).await;
            drop(permit);
            sent += 1;
            with_capture(|c| {
                c.attempts = sent;
                c.write_in_flight = false;
            });
            let latency_ms = u64::try_from(now.elapsed().as_millis()).unwrap_or(u64::MAX);
            let delay = match result {
                Err(e) => {
                    let e = e.without_url();
                    tracing::debug!(attempt = sent, latency_ms, error = %e, "attempt failed");
                    if !read && !e.is_connect() {
                        // Sent (or partly sent) and no answer: the write may have happened.
                        with_capture(|c| c.outcome_unknown = true);
                        return Err(e);
                    }
                    errors += 1;
                    if errors >= max_errors || request.is_none() || !(e.is_connect() || e.is_timeout()) {
                        return Err(e);
                    }
                    self.backoff(errors)
                }
                Ok(response) => {
                    let status = response.status();
                    tracing::debug!(attempt = sent, status = status.as_u16(), latency_ms, "response");
                    let retry_after = retry_after(response.headers());
                    // A `Retry-After` (on a 429 or a 503) pauses every request of the client.
                    let until = retry_after.and_then(|d| Instant::now().checked_add(d));
                    if let Some(until) = until {
                        self.pause(until);
                    }
                    if status == StatusCode::TOO_MANY_REQUESTS {
                        // Throttled is not failed: wait while the deadline allows, without using
                        // up the error retries.
                        // Without a `Retry-After`, or with one under a second (`0` from a
                        // server that keeps refusing), back off at least a second.
                        throttles += 1;
                        let floor = Duration::from_secs(1);
                        let until = match retry_after {
                            Some(d) if d >= floor => until,
                            _ => {
                                let wait = self.backoff(throttles).max(floor);
                                Instant::now().checked_add(wait).inspect(|u| self.pause(*u))
                            }
                        };
                        if !read || request.is_none() || until.is_none_or(|u| u > deadline) {
                            return self.finish(response, retry_after).await;
                        }
                        continue;
                    }
                    if matches!(status.as_u16(), 502..=504) && read && request.is_some() {
                        errors += 1;
                        if errors >= max_errors || until.is_some_and(|u| u > deadline) {
                            return self.finish(response, retry_after).await;
                        }
                        // With a `Retry-After` the loop's top waits on the pause.
                        if until.is_some() { Duration::ZERO } else { self.backoff(errors) }
                    } else {
                        return self.finish(response, retry_after).await;
                    }
                }
            };
            tracing::debug!(
                attempt = sent,
                delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
                "retrying"
            );
            tokio::time::sleep(delay).await;
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
        let location_host =
            status.is_redirection().then(|| location_host(response.url(), response.headers()));
        let mut builder = http::Response::builder().status(status).version(response.version());
        if let Some(headers) = builder.headers_mut() {
            *headers = response.headers().clone();
        }
        let mut too_large = response.content_length().is_some_and(|n| n > cap as u64);
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
        with_capture(|c| {
            c.body = Some(body.clone());
            c.status = Some(status.as_u16());
            c.retry_after = retry_after;
            c.too_large = too_large;
            c.location_host = location_host;
        });
        let rebuilt = builder.body(body).expect("status and headers come from a valid response");
        Ok(reqwest::Response::from(rebuilt))
    }

    /// Runs a whole operation (token fetch, calls, envelope checks) under one deadline —
    /// [`Config::total_timeout`] from now, or the enclosing operation's — and redacts configured
    /// secrets from its error. Every public client method goes through here.
    pub async fn run<T>(
        &self,
        operation: &'static str,
        work: impl Future<Output = Result<T, Error>>,
    ) -> Result<T, Error> {
        if current_deadline().is_some() {
            return work.await.map_err(|e| self.redact(e));
        }
        let deadline = self.deadline_from(Instant::now());
        let timed = tokio::time::timeout_at(deadline.into(), DEADLINE.scope(deadline, work)).await;
        let result = match timed {
            Ok(r) => r,
            Err(_) => Err(self.timeout_error(operation, false)),
        };
        result.map_err(|e| self.redact(e))
    }

    fn timeout_error(&self, operation: &'static str, write_in_flight: bool) -> Error {
        let what = format!("timed out after {:.1?} (deadline per call)", self.config.total_timeout);
        let e = Error::new(ErrorKind::Transport, self.provider, operation, what).with_timeout();
        if write_in_flight { e.outcome_unknown() } else { e }
    }

    /// Runs one generated call under this runtime: the deadline (the enclosing [`Runtime::run`]'s,
    /// or a new one), body capture, and error classification. `T` is the generated success type
    /// (used to name the failing field).
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
        let deadline = current_deadline().unwrap_or_else(|| self.deadline_from(started));
        let shared: Shared =
            Arc::new(Mutex::new(Captured { provider: self.provider, operation, ..Default::default() }));
        let scoped = CAPTURE.scope(shared.clone(), DEADLINE.scope(deadline, call));
        let timed = tokio::time::timeout_at(deadline.into(), scoped).instrument(span.clone()).await;
        let captured = std::mem::take(&mut *shared.lock().unwrap_or_else(|p| p.into_inner()));
        let result = match timed {
            Ok(done) => done,
            Err(_) => return Err(self.redact(self.timeout_error(operation, captured.write_in_flight))),
        };
        if let Some(status) = captured.status {
            span.record("status", status);
        }
        span.record("attempts", captured.attempts);
        let (status, attempts) = (captured.status, captured.attempts);
        let outcome = self.classify(operation, result, captured).map_err(|e| self.redact(e));
        tracing::debug!(
            parent: &span,
            status,
            attempts,
            latency_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
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
        if let Some(s) = status.filter(|s| (300..400).contains(s)) {
            let to = captured.location_host.unwrap_or_else(|| "an unnamed location".into());
            return Err(Error::new(
                ErrorKind::ProviderError,
                provider,
                operation,
                format!("redirect to {to} not followed (credentials never leave the configured origin)"),
            )
            .with_status(s));
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
                let e = transport_error(provider, operation, e);
                Err(if captured.outcome_unknown { e.outcome_unknown() } else { e })
            }
            Err(P::InvalidRequest(msg) | P::Custom(msg)) => {
                Err(Error::new(ErrorKind::Config, provider, operation, msg))
            }
        }
    }
}

/// A response that never came from the wire: the call's stashed error explains it.
fn synthetic(status: StatusCode) -> reqwest::Response {
    let r = http::Response::builder().status(status).body(Bytes::new()).expect("a status and an empty body");
    reqwest::Response::from(r)
}

/// `host[:port]` of a redirect's `Location` (never its path or query, which may carry tokens).
fn location_host(base: &reqwest::Url, headers: &HeaderMap) -> String {
    let location = headers.get(reqwest::header::LOCATION).and_then(|v| v.to_str().ok());
    match location.and_then(|l| base.join(l).ok()) {
        Some(url) => match (url.host_str(), url.port()) {
            (Some(h), Some(p)) => format!("`{h}:{p}`"),
            (Some(h), None) => format!("`{h}`"),
            _ => "an unnamed location".into(),
        },
        None => "an unnamed location".into(),
    }
}

/// A transport error, with the URL (which may carry an access token) removed.
#[doc(hidden)]
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
#[doc(hidden)]
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
#[doc(hidden)]
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
#[doc(hidden)]
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

/// Parses `Retry-After` as seconds or an HTTP date (capped at a day: the value is the
/// provider's, the arithmetic must not overflow).
#[doc(hidden)]
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    const DAY: u64 = 86_400;
    let v = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs.min(DAY)));
    }
    let at = httpdate::parse_http_date(v).ok()?;
    Some(at.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO).min(Duration::from_secs(DAY)))
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
        h.insert("retry-after", "18446744073709551615".parse().unwrap());
        assert_eq!(retry_after(&h), Some(Duration::from_secs(86_400)));
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
