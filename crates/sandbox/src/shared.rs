//! What the server shares with every provider part: request counters, throttles, the
//! server-wide knobs (fault, drift, `throttle_first`), reserved-id hit counts and the shutdown
//! signal. A provider part sees it through its [`Scope`], which names the provider once.
//!
//! Imports no provider module: parts depend on this, never the other way round.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::watch;

use crate::throttle::{Decision, KNOB_LIMIT, Limit, Limiter, Rule, unix_now};
use crate::types::{PROVIDERS, Provider, ProviderStats, Stats};

/// The server-wide settings of [`SandboxBuilder`](crate::SandboxBuilder) that are not one
/// provider's own.
#[derive(Clone, Debug, Default)]
pub(crate) struct Settings {
    /// A delay added to every provider request.
    pub(crate) latency: Duration,
    /// A reserved id whose fault every customer request gets.
    pub(crate) fault: Option<String>,
    /// Per provider: the configured rate limit.
    pub(crate) throttles: [Option<Limit>; PROVIDERS],
    /// Per provider: `throttle_first` (requests, `Retry-After` seconds).
    pub(crate) first_throttled: [(u32, u64); PROVIDERS],
    /// Per provider: whether detail responses drift from the spec.
    pub(crate) drift: [bool; PROVIDERS],
}

#[derive(Default)]
struct Counters {
    requests: AtomicU64,
    token_requests: AtomicU64,
    auth_failures: AtomicU64,
    throttled: AtomicU64,
}

/// `throttle_first`: this many more requests answer 429 with this `Retry-After`.
struct FirstThrottled {
    left: AtomicU32,
    retry_after: u64,
}

/// The state every provider part shares, owned by the server.
pub(crate) struct Shared {
    /// `http://host:port` of this server, for absolute links when a request has no `Host`.
    base_url: String,
    latency: Duration,
    fault: Option<String>,
    drift: [bool; PROVIDERS],
    throttles: [Option<Limit>; PROVIDERS],
    first_throttled: [FirstThrottled; PROVIDERS],
    counters: [Counters; PROVIDERS],
    /// Requests seen per (provider, reserved id), for the knobs that change after N requests.
    knob_hits: Mutex<HashMap<(Provider, String), u32>>,
    shutdown: watch::Receiver<bool>,
}

impl Shared {
    pub(crate) fn new(settings: Settings, base_url: String, shutdown: watch::Receiver<bool>) -> Shared {
        Shared {
            base_url,
            latency: settings.latency,
            fault: settings.fault,
            drift: settings.drift,
            throttles: settings.throttles,
            first_throttled: settings
                .first_throttled
                .map(|(n, secs)| FirstThrottled { left: AtomicU32::new(n), retry_after: secs.max(1) }),
            counters: Default::default(),
            knob_hits: Mutex::new(HashMap::new()),
            shutdown,
        }
    }

    /// One provider's view of the shared state, its throttle (when one is configured) counting
    /// by `rule`, the way the provider's stack counts. Each part takes one.
    pub(crate) fn scope(self: &Arc<Self>, provider: Provider, rule: Rule) -> Scope {
        let limiter = self.throttles[provider.index()].map(|limit| Limiter::new(rule, limit));
        Scope { shared: Arc::clone(self), provider, limiter }
    }

    fn counters(&self, provider: Provider) -> &Counters {
        &self.counters[provider.index()]
    }

    /// `http://host:port` of this server.
    pub(crate) fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The configured delay before each provider request.
    pub(crate) fn latency(&self) -> Duration {
        self.latency
    }

    /// Counts one HTTP request received on `provider`'s paths.
    pub(crate) fn count_request(&self, provider: Provider) {
        self.counters(provider).requests.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts one 429 sent by `provider`.
    pub(crate) fn count_throttled(&self, provider: Provider) {
        self.counters(provider).throttled.fetch_add(1, Ordering::Relaxed);
    }

    /// A snapshot of every provider's counters.
    pub(crate) fn stats(&self) -> Stats {
        Stats::from_array(Provider::ALL.map(|p| {
            let c = self.counters(p);
            ProviderStats {
                requests: c.requests.load(Ordering::Relaxed),
                token_requests: c.token_requests.load(Ordering::Relaxed),
                auth_failures: c.auth_failures.load(Ordering::Relaxed),
                throttled: c.throttled.load(Ordering::Relaxed),
            }
        }))
    }
}

/// One provider's handle on the [`Shared`] state: what its handlers count, throttle and ask.
pub(crate) struct Scope {
    shared: Arc<Shared>,
    provider: Provider,
    limiter: Option<Limiter>,
}

impl Scope {
    /// The provider this scope counts for.
    pub(crate) fn provider(&self) -> Provider {
        self.provider
    }

    /// `http://host:port` of this server.
    pub(crate) fn base_url(&self) -> &str {
        &self.shared.base_url
    }

    /// Counts one token request (successful or not).
    pub(crate) fn count_token_request(&self) {
        self.shared.counters(self.provider).token_requests.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts one rejected credential, signature or token; `reason` goes to the debug log
    /// (never a secret).
    pub(crate) fn count_auth_failure(&self, reason: &'static str) {
        tracing::debug!(provider = self.provider.as_str(), reason, "sandbox auth failure");
        self.shared.counters(self.provider).auth_failures.fetch_add(1, Ordering::Relaxed);
    }

    /// Whether detail responses carry the drift changes.
    pub(crate) fn drifts(&self) -> bool {
        self.shared.drift[self.provider.index()]
    }

    /// The server-wide fault (a reserved id), if any.
    pub(crate) fn fault(&self) -> Option<&str> {
        self.shared.fault.as_deref()
    }

    /// Counts one request of a customer endpoint under `key` against the throttle (call after
    /// the credentials were accepted). `None` when the provider is not throttled.
    pub(crate) fn throttle(&self, key: &str) -> Option<Decision> {
        self.throttle_inner(key, true)
    }

    /// [`Scope::throttle`] for token endpoints, which `throttle_first` leaves alone.
    pub(crate) fn throttle_token(&self, key: &str) -> Option<Decision> {
        self.throttle_inner(key, false)
    }

    fn throttle_inner(&self, key: &str, data_call: bool) -> Option<Decision> {
        let limiter = self.limiter.as_ref();
        let first = &self.shared.first_throttled[self.provider.index()];
        let forced = data_call
            && first.left.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1)).is_ok();
        if forced {
            let retry_after = first.retry_after;
            return Some(Decision::Throttled {
                limit: limiter.map_or(KNOB_LIMIT, Limiter::requests),
                retry_after,
                reset_unix: unix_now().saturating_add(retry_after),
            });
        }
        limiter.map(|l| l.check(key))
    }

    /// Counts one more request for a reserved id and returns the count including this one.
    pub(crate) fn knob_hit(&self, id: &str) -> u32 {
        let mut hits = self.shared.knob_hits.lock().unwrap_or_else(PoisonError::into_inner);
        let count = hits.entry((self.provider, id.to_owned())).or_insert(0);
        *count = count.saturating_add(1);
        *count
    }

    /// Resolves once the server is shutting down.
    pub(crate) async fn shutting_down(&self) {
        let mut rx = self.shared.shutdown.clone();
        // An error means the sender is gone, which also means the server is going away.
        let _ = rx.wait_for(|stop| *stop).await;
    }
}
