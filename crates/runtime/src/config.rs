//! Retry, timeout, rate-limit and size-cap settings shared by every provider client.

use std::{sync::Arc, time::Duration};

use crate::limits::{LimitsStore, SharedStore};

/// A client-side rate limit: at most `requests` requests in ANY window of length `per` (a sliding
/// window, as Django REST Framework's `SimpleRateThrottle` and Laravel's throttle count them).
/// Every attempt counts, retries included, across every task using the client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests allowed in any window of `per`.
    pub requests: u32,
    /// The window length.
    pub per: Duration,
}

impl RateLimit {
    /// `n` requests in any minute.
    pub const fn per_minute(n: u32) -> Self {
        RateLimit { requests: n, per: Duration::from_secs(60) }
    }
    /// `n` requests in any second.
    pub const fn per_second(n: u32) -> Self {
        RateLimit { requests: n, per: Duration::from_secs(1) }
    }
}

/// Defaults: 3 attempts for errors, 200 ms base backoff with full jitter capped at 5 s,
/// connect timeout 5 s, 30 s per attempt, **150 s per call**, 8 MiB body cap, and the
/// provider's documented rate limit (none unless the provider documents one).
///
/// The call deadline ([`Config::total_timeout`]) covers everything a call does: the token
/// request, the call, a token refresh and every retry and throttle wait. The default is long
/// enough to wait out a documented 60 s rate-limit window once (a provider's `Retry-After` is
/// honoured while the deadline allows, then the call fails as `rate_limited`).
///
/// A client's builder layers this onto the provider's defaults: fields you leave alone keep the
/// provider's value (Pluuug keeps its 1000 requests per 60 s unless you call
/// [`Config::with_rate_limit`]).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Config {
    /// Attempts per read on errors (connect failures, timeouts, 502/503/504), first included;
    /// 1 turns error retries off. Throttled attempts (429, 503 with `Retry-After`) do not count.
    /// Writes (PUT/PATCH/POST/DELETE) always get one attempt.
    pub max_attempts: u32,
    /// Backoff before retry n is uniform in `[0, min(max_backoff, base_backoff * 2^(n-1))]`.
    pub base_backoff: Duration,
    /// Upper bound of one backoff sleep.
    pub max_backoff: Duration,
    /// TCP/TLS connect timeout.
    pub connect_timeout: Duration,
    /// Timeout of one attempt (request sent to body read), never beyond the call's deadline.
    pub attempt_timeout: Duration,
    /// The deadline of a whole call: token fetch, call, refresh, retries, backoff and throttle
    /// waits included.
    pub total_timeout: Duration,
    /// Largest response body accepted; a larger one is a `bad_response` error, never buffered.
    pub max_body_bytes: usize,
    /// Client-side rate limit shared by every task using the client (`None` = unlimited, or the
    /// provider's documented limit when not set explicitly; see [`Config::with_rate_limit`]).
    pub rate_limit: Option<RateLimit>,
    /// Send directly, ignoring `HTTP_PROXY`/`HTTPS_PROXY`/`ALL_PROXY` (by default they are used,
    /// except for hosts in `NO_PROXY`). A proxy sees whatever a plain `http://` request
    /// carries, credentials included.
    pub no_proxy: bool,
    rate_limit_set: bool,
    pub(crate) limits_store: Option<SharedStore>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_attempts: 3,
            base_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            connect_timeout: Duration::from_secs(5),
            attempt_timeout: Duration::from_secs(30),
            total_timeout: Duration::from_secs(150),
            max_body_bytes: 8 * 1024 * 1024,
            rate_limit: None,
            no_proxy: false,
            rate_limit_set: false,
            limits_store: None,
        }
    }
}

impl Config {
    /// No error retries: one attempt per call (throttle waits still apply).
    pub fn without_retries(mut self) -> Self {
        self.max_attempts = 1;
        self
    }
    /// Sets the deadline per call and caps the per-attempt timeout at it.
    pub fn with_timeout(mut self, total: Duration) -> Self {
        self.total_timeout = total;
        self.attempt_timeout = self.attempt_timeout.min(total);
        self
    }
    /// Sets the number of attempts on errors (at least 1).
    pub fn with_max_attempts(mut self, n: u32) -> Self {
        self.max_attempts = n.max(1);
        self
    }
    /// Sets the client-side rate limit explicitly; `None` turns it off, also for a provider that
    /// documents one. Without this call the provider's documented limit applies.
    pub fn with_rate_limit(mut self, limit: Option<RateLimit>) -> Self {
        self.rate_limit = limit;
        self.rate_limit_set = true;
        self
    }
    /// Keeps the rate-limit window and the throttle pause in `store` instead of the client's
    /// own memory. Clients given the same store share limits when their provider and
    /// credentials are the same: one [`InProcessLimits`](crate::InProcessLimits) for several
    /// clients in one process, or (feature `redis`) one `RedisLimits` for
    /// many processes on one API key — they then admit at most N requests in any window between
    /// them, and a `Retry-After` seen by one pauses all.
    ///
    /// ```no_run
    /// # #[cfg(feature = "redis")]
    /// # async fn example() -> Result<(), crm_runtime::Error> {
    /// use std::sync::Arc;
    /// use crm_runtime::{Config, RedisLimits};
    ///
    /// // Unreachable at start: a `config` error naming the URL (without its password).
    /// let store = RedisLimits::connect("redis://127.0.0.1:6379/0?prefix=team-a&sharers=4").await?;
    /// let config = Config::default().with_limits_store(Arc::new(store));
    /// // pluuug_client::Client::builder().config(config)...: every process built so shares
    /// // Pluuug's 1000 requests per minute for its API key.
    /// # let _ = config;
    /// # Ok(())
    /// # }
    /// ```
    pub fn with_limits_store(mut self, store: Arc<dyn LimitsStore>) -> Self {
        self.limits_store = Some(SharedStore(store));
        self
    }
    /// Ignores proxy environment variables when `true` (see [`Config::no_proxy`]).
    pub fn with_no_proxy(mut self, no_proxy: bool) -> Self {
        self.no_proxy = no_proxy;
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
    /// This config over a provider's defaults: the provider's documented rate limit applies
    /// unless the limit was set on this config.
    pub(crate) fn over_provider(mut self, documented: Option<RateLimit>) -> Self {
        if !self.rate_limit_set && self.rate_limit.is_none() {
            self.rate_limit = documented;
        }
        self
    }
}
