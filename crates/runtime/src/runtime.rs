//! [`Runtime`]: the per-client state (configuration, limits, secrets) and the one call path
//! every provider call goes through.
//!
//! progenitor's generated methods parse the body themselves and hand back only the typed value.
//! [`Runtime::execute`] (called from each crate's `ClientHooks::exec`) sends through
//! [`crate::attempt`] (throttle pause, rate limit, retries decided by [`crate::retry`]), reads
//! the body once under the size cap ([`crate::body`]) into the call's context
//! ([`crate::capture`]), and hands the generated code a response rebuilt around the same `Bytes`.
//! [`Runtime::call`] then classifies the outcome ([`crate::classify`]) and returns the value with
//! its raw body.

use std::{future::Future, pin::Pin, sync::Arc, time::Instant};

use progenitor_client::{OperationInfo, ResponseValue};
use reqwest::{Method, StatusCode};
use secrecy::SecretString;
use serde::de::DeserializeOwned;
use tracing::Instrument;

use crate::{
    Config, Error, Fetched,
    attempt::{Attempts, synthetic},
    capture::{CallContext, current_deadline, in_call},
    classify::classify,
    deadline::{deadline_from, timeout_error},
    http::build_client,
    limits::Limits,
    secrets::Secrets,
};

/// Per-client runtime: configuration, the shared rate limiter and throttle pause, the secrets to
/// redact, and the provider's name. Plumbing of the provider crates.
#[doc(hidden)]
pub struct Runtime {
    provider: &'static str,
    config: Config,
    limits: Limits,
    idempotent_posts: &'static [&'static str],
    secrets: Secrets,
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
        let limits = Limits::new(provider, &config);
        Runtime { provider, config, limits, idempotent_posts, secrets: Secrets::new() }
    }

    /// Keys the rate limit and throttle pause by the client's credentials (a shared
    /// [`LimitsStore`](crate::LimitsStore) shares them between clients on the same credentials).
    pub fn with_credentials(mut self, credentials: &[&SecretString]) -> Self {
        self.limits.set_credentials(credentials);
        self
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
    /// replaced by `[redacted]`. It is registered in [`Secrets::global`] too.
    pub fn add_secret(&self, secret: &SecretString) {
        self.secrets.add(secret);
        Secrets::global().add(secret);
    }

    pub(crate) fn remember_token(&self, token: Arc<SecretString>) {
        Secrets::global().remember_token(token.clone());
        self.secrets.remember_token(token);
    }

    /// `error` with every configured secret and recently issued token replaced by `[redacted]`.
    pub fn redact(&self, error: Error) -> Error {
        self.secrets.redact_error(error)
    }

    /// A `reqwest::Client` with this runtime's connect timeout, proxy choice, connection reuse
    /// and user agent, that never follows a redirect (a redirect must not carry credentials to
    /// another origin). TLS comes from the backend this build selected ([`crate::tls`]).
    pub fn http_client(&self) -> Result<reqwest::Client, Error> {
        build_client(self.provider, &self.config)
    }

    /// Reads are retried; writes (PUT/PATCH/POST/DELETE) get one attempt.
    fn is_read(&self, method: &Method, operation: &str) -> bool {
        matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
            || self.idempotent_posts.contains(&operation)
    }

    /// Sends `request` for the `exec` hook, under the call's deadline: waits while the client is
    /// paused by a throttle and for the rate limiter, then sends. Reads are retried on connect
    /// errors, timeouts, 502, 503 and 504 (up to `max_attempts`, full-jitter backoff); a 429 (or
    /// a 503 with `Retry-After`) pauses every request of the client until the time the provider
    /// named and is retried while the deadline allows, without using up the error retries. The
    /// body is then read under the size cap.
    ///
    /// Outside [`Runtime::call`] (a call through a client's `generated()`), the deadline is
    /// enforced here: when it passes, the call gets a synthetic `504 Gateway Timeout` with no
    /// body (a write in flight then may or may not have happened).
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
        let deadline = current_deadline().unwrap_or_else(|| deadline_from(&self.config, Instant::now()));
        let attempts = Attempts { provider: self.provider, config: &self.config, limits: &self.limits };
        let send = attempts.send(client, request, read, deadline).instrument(span);
        if in_call() {
            // `call` holds the deadline and reports its timeout.
            return send.await;
        }
        match tokio::time::timeout_at(deadline.into(), send).await {
            Ok(done) => done,
            Err(_) => Ok(synthetic(StatusCode::GATEWAY_TIMEOUT)),
        }
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
        let deadline = deadline_from(&self.config, Instant::now());
        let context = CallContext::deadline(deadline);
        let timed = tokio::time::timeout_at(deadline.into(), context.scope(work)).await;
        let result = match timed {
            Ok(r) => r,
            Err(_) => Err(timeout_error(self.provider, operation, &self.config, false)),
        };
        result.map_err(|e| self.redact(e))
    }

    /// Runs one generated call under this runtime: the deadline (the enclosing [`Runtime::run`]'s,
    /// or a new one), body capture, and error classification. `T` is the generated success type
    /// (used to name the failing field).
    ///
    /// The generated call is boxed before anything else: it nests the send loop (retries,
    /// limiter, deadline, capture) inline — tens of KB — which every enclosing future would
    /// otherwise carry and copy each time it is moved; one allocation instead.
    pub fn call<T, E, F>(
        &self,
        operation: &'static str,
        call: F,
    ) -> impl Future<Output = Result<Fetched<T>, Error>>
    where
        T: DeserializeOwned,
        F: Future<Output = Result<ResponseValue<T>, progenitor_client::Error<E>>>,
    {
        self.call_boxed(operation, Box::pin(call))
    }

    async fn call_boxed<T, E, F>(
        &self,
        operation: &'static str,
        call: Pin<Box<F>>,
    ) -> Result<Fetched<T>, Error>
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
        let deadline = current_deadline().unwrap_or_else(|| deadline_from(&self.config, started));
        let context = CallContext::capturing(deadline, self.provider, operation);
        let scoped = context.scope(call);
        let timed = tokio::time::timeout_at(deadline.into(), scoped).instrument(span.clone()).await;
        let captured = context.take();
        let result = match timed {
            Ok(done) => done,
            Err(_) => {
                let e = timeout_error(self.provider, operation, &self.config, captured.write_in_flight);
                return Err(self.redact(e));
            }
        };
        if let Some(status) = captured.status {
            span.record("status", status);
        }
        span.record("attempts", captured.attempts);
        let (status, attempts) = (captured.status, captured.attempts);
        let outcome = classify(self.provider, operation, self.config.max_body_bytes, result, captured)
            .map_err(|e| self.redact(e));
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
}
