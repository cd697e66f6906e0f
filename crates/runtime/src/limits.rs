//! The client's shared limits: the sliding-window rate limit ([`crate::limiter`]) and the
//! throttle pause a `Retry-After` sets for every request of the client — kept in a
//! [`LimitsStore`]. The default store is in-process ([`InProcessLimits`], one per client unless
//! the [`Config`](crate::Config) names one); with the `redis` feature, `RedisLimits`
//! shares them between processes. This module is the store interface and the in-process store;
//! it does not decide when to retry ([`crate::retry`]) nor send ([`crate::attempt`]).

use std::{
    collections::HashMap,
    fmt,
    future::Future,
    hash::{DefaultHasher, Hash, Hasher},
    pin::Pin,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use secrecy::{ExposeSecret, SecretString};

use crate::{RateLimit, limiter::SlidingWindow};

/// A boxed, sendable future: what [`LimitsStore`]'s async methods return.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Names the limits of one provider credential within a [`LimitsStore`]: every client whose
/// key is equal shares one window and one pause. The store makes it ([`LimitsStore::key`]); it
/// never holds a credential, only what the store derived from it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LimitKey(String);

impl LimitKey {
    /// A key named `name` (a store's own naming).
    pub fn new(name: impl Into<String>) -> Self {
        LimitKey(name.into())
    }

    /// The key's name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A slot of the rate limit taken by [`LimitsStore::try_admit`], held while its request is in
/// flight and handed back to [`LimitsStore::release`] when the answer (or failure) arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot {
    id: u64,
    shared: bool,
}

impl Slot {
    /// Slot `id` of a store; `shared` when it is counted in a window other processes share.
    pub fn new(id: u64, shared: bool) -> Self {
        Slot { id, shared }
    }
    /// The store's identifier of the slot.
    pub fn id(&self) -> u64 {
        self.id
    }
    /// Whether the slot is counted in a window shared with other processes.
    pub fn is_shared(&self) -> bool {
        self.shared
    }
}

/// What [`LimitsStore::try_admit`] answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Admission {
    /// A slot was taken: send now.
    Admitted(Slot),
    /// Requests under the key are paused (a throttle pause): look again when it ends.
    Paused(Hold),
    /// No slot now: look again after `wait`. `shared` when the wait comes from a window or a
    /// pause shared with other processes.
    Wait {
        /// How long to wait before asking again.
        wait: Duration,
        /// Whether the wait comes from shared state.
        shared: bool,
    },
}

/// A throttle pause in force ([`LimitsStore::paused_until`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Hold {
    /// When the pause ends.
    pub until: Instant,
    /// Whether the pause is shared with other processes.
    pub shared: bool,
}

impl Hold {
    /// A pause until `until`; `shared` when other processes share it.
    pub fn new(until: Instant, shared: bool) -> Self {
        Hold { until, shared }
    }
}

/// Where clients keep their rate-limit window ("at most N requests in any W") and their
/// throttle pause (set by a 429 or 503 with `Retry-After`, honoured by every request under the
/// same key). Give one to [`Config::with_limits_store`](crate::Config::with_limits_store);
/// without one, each client keeps its own [`InProcessLimits`].
///
/// A store counts every admitted request as in flight until [`LimitsStore::release`], then as
/// sent at the time of the release (the answer's arrival), so the next request that reuses the
/// slot leaves at least W after the server could have counted this one.
///
/// The methods never fail: a store that loses its backend answers from a local fallback and
/// says so (see `RedisLimits`).
pub trait LimitsStore: Send + Sync + fmt::Debug {
    /// The key of `provider`'s limits for these credentials (derived from them, never holding
    /// them). No credentials: the provider's key for this store.
    fn key(&self, provider: &'static str, credentials: &[&SecretString]) -> LimitKey;

    /// Until when requests under `key` are paused, if they are.
    fn paused_until<'a>(&'a self, key: &'a LimitKey) -> BoxFuture<'a, Option<Hold>>;

    /// Pauses requests under `key` until `until` (a later pause already set stays).
    fn pause<'a>(&'a self, key: &'a LimitKey, until: Instant) -> BoxFuture<'a, ()>;

    /// Takes a slot of `limit` under `key`, or says how long to wait: [`Admission::Paused`]
    /// while a throttle pause is in force (a client with a rate limit asks only this before
    /// each request), else [`Admission::Wait`] while the window is full. A slot never released
    /// (its holder died) counts as released `lease` after it was taken.
    fn try_admit<'a>(
        &'a self,
        key: &'a LimitKey,
        limit: RateLimit,
        lease: Duration,
    ) -> BoxFuture<'a, Admission>;

    /// Stamps `slot` with the time now: its request's answer (or failure) arrived. Called from
    /// `Drop`, so it must not block; a store may finish the work in the background.
    fn release(&self, key: &LimitKey, limit: RateLimit, slot: Slot);
}

/// The in-process store: a sliding-window log and a pause per key, in this process's memory.
/// Each client gets its own unless one is shared through
/// [`Config::with_limits_store`](crate::Config::with_limits_store) (then clients with the same
/// provider and credentials share limits).
#[derive(Debug, Default)]
pub struct InProcessLimits {
    keys: Mutex<HashMap<LimitKey, Arc<KeyState>>>,
}

#[derive(Debug, Default)]
struct KeyState {
    window: Mutex<SlidingWindow>,
    paused_until: Mutex<Option<Instant>>,
}

impl InProcessLimits {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    fn state(&self, key: &LimitKey) -> Arc<KeyState> {
        let mut keys = self.keys.lock().unwrap_or_else(|p| p.into_inner());
        keys.entry(key.clone()).or_default().clone()
    }

    pub(crate) fn paused_now(&self, key: &LimitKey) -> Option<Instant> {
        let state = self.state(key);
        let p = state.paused_until.lock().unwrap_or_else(|p| p.into_inner());
        p.filter(|until| *until > Instant::now())
    }

    pub(crate) fn pause_now(&self, key: &LimitKey, until: Instant) {
        let state = self.state(key);
        let mut p = state.paused_until.lock().unwrap_or_else(|p| p.into_inner());
        if p.is_none_or(|cur| cur < until) {
            *p = Some(until);
        }
    }

    /// See [`SlidingWindow::shadow`].
    #[cfg(feature = "redis")]
    pub(crate) fn shadow(&self, key: &LimitKey, per: Duration) -> u64 {
        let state = self.state(key);
        let mut window = state.window.lock().unwrap_or_else(|p| p.into_inner());
        window.shadow(Instant::now(), per)
    }

    /// See [`SlidingWindow::forget`].
    #[cfg(feature = "redis")]
    pub(crate) fn forget(&self, key: &LimitKey, id: u64) {
        let state = self.state(key);
        let mut window = state.window.lock().unwrap_or_else(|p| p.into_inner());
        window.forget(id);
    }

    pub(crate) fn admit_now(&self, key: &LimitKey, limit: RateLimit) -> Admission {
        if let Some(until) = self.paused_now(key) {
            return Admission::Paused(Hold::new(until, false));
        }
        let state = self.state(key);
        let now = Instant::now();
        let mut window = state.window.lock().unwrap_or_else(|p| p.into_inner());
        match window.take(now, limit) {
            Ok(id) => Admission::Admitted(Slot::new(id, false)),
            Err(at) => Admission::Wait { wait: at.saturating_duration_since(now), shared: false },
        }
    }
}

impl LimitsStore for InProcessLimits {
    fn key(&self, provider: &'static str, credentials: &[&SecretString]) -> LimitKey {
        // In this process only: std's hasher need not be stable across builds.
        let mut h = DefaultHasher::new();
        for c in credentials {
            c.expose_secret().hash(&mut h);
        }
        LimitKey(format!("{provider}:{:016x}", h.finish()))
    }

    fn paused_until<'a>(&'a self, key: &'a LimitKey) -> BoxFuture<'a, Option<Hold>> {
        let held = self.paused_now(key).map(|until| Hold::new(until, false));
        Box::pin(std::future::ready(held))
    }

    fn pause<'a>(&'a self, key: &'a LimitKey, until: Instant) -> BoxFuture<'a, ()> {
        self.pause_now(key, until);
        Box::pin(std::future::ready(()))
    }

    fn try_admit<'a>(
        &'a self,
        key: &'a LimitKey,
        limit: RateLimit,
        _lease: Duration,
    ) -> BoxFuture<'a, Admission> {
        Box::pin(std::future::ready(self.admit_now(key, limit)))
    }

    fn release(&self, key: &LimitKey, _limit: RateLimit, slot: Slot) {
        let state = self.state(key);
        let mut window = state.window.lock().unwrap_or_else(|p| p.into_inner());
        window.stamp(slot.id, Instant::now());
    }
}

/// The limits of one client: its store, its key there, its rate limit.
#[derive(Debug)]
pub(crate) struct Limits {
    store: Arc<dyn LimitsStore>,
    provider: &'static str,
    key: LimitKey,
    limit: Option<RateLimit>,
    lease: Duration,
}

impl Limits {
    pub(crate) fn new(provider: &'static str, config: &crate::Config) -> Self {
        let store: Arc<dyn LimitsStore> = match &config.limits_store {
            Some(shared) => shared.0.clone(),
            None => Arc::new(InProcessLimits::new()),
        };
        let key = store.key(provider, &[]);
        let limit = config.rate_limit.filter(|l| l.requests > 0 && !l.per.is_zero());
        // A slot whose holder never releases it (the process died) counts as answered when the
        // attempt would have timed out.
        let lease = config.attempt_timeout.saturating_add(Duration::from_secs(1));
        Limits { store, provider, key, limit, lease }
    }

    /// Keys the limits by the client's credentials.
    pub(crate) fn set_credentials(&mut self, credentials: &[&SecretString]) {
        self.key = self.store.key(self.provider, credentials);
    }

    /// Pauses the client until `until` (a later pause already set stays).
    pub(crate) async fn pause(&self, until: Instant) {
        self.store.pause(&self.key, until).await
    }

    /// Whether a request may go: with a slot of the rate limit (waiting for one, telling
    /// `on_wait` of each wait and whether it comes from shared state), without one when there
    /// is no limit, or not before a throttle pause ends.
    pub(crate) async fn enter(&self, on_wait: impl Fn(Duration, bool)) -> Gate<'_> {
        let Some(limit) = self.limit else {
            return match self.store.paused_until(&self.key).await {
                Some(hold) => Gate::Paused(hold),
                None => Gate::Go(None),
            };
        };
        loop {
            match self.store.try_admit(&self.key, limit, self.lease).await {
                Admission::Admitted(slot) => return Gate::Go(Some(Permit { limits: self, limit, slot })),
                Admission::Paused(hold) => return Gate::Paused(hold),
                Admission::Wait { wait, shared } => {
                    on_wait(wait, shared);
                    tokio::time::sleep(wait).await;
                }
            }
        }
    }
}

/// What [`Limits::enter`] decided.
pub(crate) enum Gate<'a> {
    /// Send now (holding the slot, when there is a rate limit).
    Go(Option<Permit<'a>>),
    /// Paused: not before the hold ends.
    Paused(Hold),
}

/// A slot held by a request in flight; dropping it stamps the slot with the time.
pub(crate) struct Permit<'a> {
    limits: &'a Limits,
    limit: RateLimit,
    slot: Slot,
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        self.limits.store.release(&self.limits.key, self.limit, self.slot);
    }
}

/// A store in a [`Config`](crate::Config): compared by identity.
#[derive(Clone)]
pub(crate) struct SharedStore(pub(crate) Arc<dyn LimitsStore>);

impl fmt::Debug for SharedStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl PartialEq for SharedStore {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}
