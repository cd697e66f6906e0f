//! Retry, timeout, rate-limit and size-cap settings shared by every provider client.

use std::time::Duration;

/// A token bucket: at most `requests` per `per`, with bursts of up to `requests`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests allowed per period (also the burst size).
    pub requests: u32,
    /// The period.
    pub per: Duration,
}

impl RateLimit {
    /// `n` requests per minute.
    pub const fn per_minute(n: u32) -> Self {
        RateLimit { requests: n, per: Duration::from_secs(60) }
    }
    /// `n` requests per second.
    pub const fn per_second(n: u32) -> Self {
        RateLimit { requests: n, per: Duration::from_secs(1) }
    }
}

/// Defaults: 3 attempts, 200 ms base backoff with full jitter capped at 5 s, `Retry-After` honoured
/// up to 30 s, connect timeout 5 s, 30 s per attempt, 60 s per call, 8 MiB body cap, no rate limit
/// unless the provider documents one.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Config {
    /// Attempts per idempotent call, first included; 1 turns retries off.
    pub max_attempts: u32,
    /// Backoff before retry n is uniform in `[0, min(max_backoff, base_backoff * 2^(n-1))]`.
    pub base_backoff: Duration,
    /// Upper bound of one backoff sleep.
    pub max_backoff: Duration,
    /// Upper bound of a server's `Retry-After` that is honoured; longer waits are not retried.
    pub max_retry_after: Duration,
    /// TCP/TLS connect timeout.
    pub connect_timeout: Duration,
    /// Timeout of one attempt (request sent to body read).
    pub attempt_timeout: Duration,
    /// Timeout of a whole call, retries, backoff and token refresh included.
    pub total_timeout: Duration,
    /// Largest response body accepted; a larger one is a `bad_response` error, never buffered.
    pub max_body_bytes: usize,
    /// Client-side rate limit shared by every task using the client (`None` = unlimited).
    pub rate_limit: Option<RateLimit>,
    /// Retry non-idempotent requests (POST) too. Off by default.
    pub retry_non_idempotent: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_attempts: 3,
            base_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            max_retry_after: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(5),
            attempt_timeout: Duration::from_secs(30),
            total_timeout: Duration::from_secs(60),
            max_body_bytes: 8 * 1024 * 1024,
            rate_limit: None,
            retry_non_idempotent: false,
        }
    }
}

impl Config {
    /// No retries: one attempt per call.
    pub fn without_retries(mut self) -> Self {
        self.max_attempts = 1;
        self
    }
    /// Sets the total timeout per call and caps the per-attempt timeout at it.
    pub fn with_timeout(mut self, total: Duration) -> Self {
        self.total_timeout = total;
        self.attempt_timeout = self.attempt_timeout.min(total);
        self
    }
    /// Sets the number of attempts (at least 1).
    pub fn with_max_attempts(mut self, n: u32) -> Self {
        self.max_attempts = n.max(1);
        self
    }
    /// Sets the client-side rate limit (`None` = unlimited).
    pub fn with_rate_limit(mut self, limit: Option<RateLimit>) -> Self {
        self.rate_limit = limit;
        self
    }
    /// Sets the response size cap.
    pub fn with_max_body_bytes(mut self, n: usize) -> Self {
        self.max_body_bytes = n;
        self
    }
    /// Sets the base and maximum backoff.
    pub fn with_backoff(mut self, base: Duration, max: Duration) -> Self {
        self.base_backoff = base;
        self.max_backoff = max;
        self
    }
}
