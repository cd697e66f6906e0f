//! The attempts of one request: waits on the client's throttle pause and rate limit, sends
//! under the per-attempt timeout, asks [`crate::retry::decide`] what to do next, and reads the
//! final body under the cap ([`crate::body`]).

use std::time::{Duration, Instant};

use reqwest::StatusCode;

use crate::{
    Config, Error, ErrorKind, body,
    capture::{stash, with_capture},
    limits::{Gate, Limits},
    retry::{self, Decision, Observed, Policy, RetryState},
};

/// What the attempts of one request need from the client.
pub(crate) struct Attempts<'a> {
    pub(crate) provider: &'static str,
    pub(crate) config: &'a Config,
    pub(crate) limits: &'a Limits,
}

impl Attempts<'_> {
    /// A wait on the rate limit or a throttle pause; `shared` when it comes from a window or a
    /// pause shared with other processes ([`crate::LimitsStore`]).
    /// `cause`: `pause` (a throttle pause) or `window` (the rate limit's window).
    fn throttle_event(&self, wait: Duration, shared: bool, cause: &'static str) {
        let wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX);
        if shared {
            tracing::info!(
                target: "crm_runtime::throttle",
                provider = self.provider,
                wait_ms,
                shared,
                cause,
                "waiting on shared rate limit"
            );
        } else {
            tracing::info!(
                target: "crm_runtime::throttle",
                provider = self.provider,
                wait_ms,
                cause,
                "waiting on rate limit"
            );
        }
    }

    /// Sends `request` until [`retry::decide`] says to finish, then reads the body.
    pub(crate) async fn send(
        &self,
        client: &reqwest::Client,
        request: reqwest::Request,
        read: bool,
        deadline: Instant,
    ) -> reqwest::Result<reqwest::Response> {
        let mut request = Some(request);
        let mut state = RetryState::default();
        let mut sent = 0u32;
        loop {
            // The throttle pause, then a slot of the rate limit (one look at the store for both).
            let permit = loop {
                let gate = self
                    .limits
                    .enter(|wait, shared| {
                        if wait > Duration::from_secs(1) {
                            self.throttle_event(wait, shared, "window")
                        }
                    })
                    .await;
                let hold = match gate {
                    Gate::Go(permit) => break permit,
                    Gate::Paused(hold) => hold,
                };
                let until = hold.until;
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
                self.throttle_event(until.saturating_duration_since(Instant::now()), hold.shared, "pause");
                tokio::time::sleep_until(until.into()).await;
            };
            let Some(original) = request.take() else {
                return Ok(synthetic(StatusCode::INTERNAL_SERVER_ERROR));
            };
            request = original.try_clone();
            let policy = Policy::new(self.config, read, request.is_some(), deadline);
            let mut sending = original;
            let now = Instant::now();
            *sending.timeout_mut() = Some(
                self.config
                    .attempt_timeout
                    .min(deadline.saturating_duration_since(now))
                    .max(Duration::from_millis(1)),
            );
            with_capture(|c| c.write_in_flight = !read);
            let result = client.execute(sending).await.map_err(reqwest::Error::without_url);
            drop(permit);
            sent += 1;
            with_capture(|c| {
                c.attempts = sent;
                c.write_in_flight = false;
            });
            let latency_ms = u64::try_from(now.elapsed().as_millis()).unwrap_or(u64::MAX);
            let observed = match &result {
                Err(e) => Observed::Failed { connect: e.is_connect(), timeout: e.is_timeout() },
                Ok(r) => Observed::Answered {
                    status: r.status().as_u16(),
                    retry_after: retry::retry_after(r.headers()),
                },
            };
            let decision = retry::decide(&policy, &mut state, observed, Instant::now(), fastrand::f64());
            let delay = match decision {
                Decision::Finish { pause } => {
                    if let Some(until) = pause {
                        self.limits.pause(until).await;
                    }
                    return match result {
                        Err(e) => {
                            tracing::debug!(attempt = sent, latency_ms, error = %e, "attempt failed");
                            if retry::write_outcome_unknown(&policy, observed) {
                                // Sent (or partly sent) and no answer: the write may have happened.
                                with_capture(|c| c.outcome_unknown = true);
                            }
                            Err(e)
                        }
                        Ok(response) => {
                            tracing::debug!(
                                attempt = sent,
                                status = response.status().as_u16(),
                                latency_ms,
                                "response"
                            );
                            let retry_after = retry::retry_after(response.headers());
                            body::finish(response, retry_after, self.config.max_body_bytes, !read).await
                        }
                    };
                }
                Decision::PauseUntil(until) => {
                    self.limits.pause(until).await;
                    Duration::ZERO
                }
                Decision::RetryAfter(d) => d,
            };
            match &result {
                Err(e) => tracing::debug!(attempt = sent, latency_ms, error = %e, "attempt failed"),
                Ok(r) => {
                    tracing::debug!(attempt = sent, status = r.status().as_u16(), latency_ms, "response")
                }
            }
            drop(result);
            tracing::debug!(
                attempt = sent,
                delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
                "retrying"
            );
            tokio::time::sleep(delay).await;
        }
    }
}

/// A response that never came from the wire: the call's stashed error explains it.
pub(crate) fn synthetic(status: StatusCode) -> reqwest::Response {
    let r = http::Response::builder()
        .status(status)
        .body(bytes::Bytes::new())
        .expect("a status and an empty body");
    reqwest::Response::from(r)
}
