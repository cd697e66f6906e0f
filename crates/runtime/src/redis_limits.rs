//! [`RedisLimits`]: a [`LimitsStore`] in Redis, so that many processes on one API key share one
//! rate-limit window and one throttle pause (feature `redis`).
//!
//! The window is two sorted sets per key, changed only by Lua scripts (atomic on the server)
//! and stamped with the server's `TIME`, so the clocks of the machines sharing it don't matter:
//! `…:flight` holds the slots in flight (score: when the lease of a holder that never comes back
//! runs out), `…:window` the answered ones (score: when the answer arrived). A request is
//! admitted while the two hold fewer than N; the slot moves from flight to window when its answer
//! arrives, and counts until W after that — the in-process limiter's rule
//! ([`crate::limiter`]). The pause is one key whose TTL (`PX`) is the pause. Every key expires
//! by itself (`PEXPIRE`).
//!
//! Keys: `[PREFIX]crm-limits:{PROVIDER:HASH}:window|flight|pause`, HASH being the first 32 hex
//! digits of the SHA-256 of the credentials (never the credentials); the braces keep one key's
//! sets in one Redis Cluster slot, as the scripts need.
//!
//! When Redis stops answering mid-run, the store says so once (a `warn` event, target
//! `crm_runtime::shared_limits`), answers from an in-process window at N ÷ sharers, looks for
//! Redis again at most once a second and says when it is back. It does not coordinate anything
//! beyond what Redis holds: no leader, no queue.

use std::{
    fmt,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use redis::{Script, aio::ConnectionManager};
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};

use crate::{
    Error, RateLimit,
    limits::{Admission, BoxFuture, Hold, InProcessLimits, LimitKey, LimitsStore, Slot},
};

/// The tracing target of the store's warnings (Redis lost, back).
pub(crate) const SHARED_LIMITS_TARGET: &str = "crm_runtime::shared_limits";

/// How long one Redis command may take before the store answers from its fallback.
const COMMAND_TIMEOUT: Duration = Duration::from_millis(1000);

/// The longest wait or pause taken from Redis: its values are data (another process, or anyone
/// who can write the key, sets them), so an absurd TTL is clamped rather than added to an
/// `Instant` (which would overflow and panic). The call's own deadline still ends a long wait.
const MAX_SHARED_WAIT_MS: u64 = 24 * 3600 * 1000;

/// `base` plus `ms` milliseconds from Redis, clamped to [`MAX_SHARED_WAIT_MS`], never overflowing.
fn after(base: Instant, ms: u64) -> Instant {
    let wait = Duration::from_millis(ms.min(MAX_SHARED_WAIT_MS));
    base.checked_add(wait).unwrap_or(base)
}
/// How often a store whose Redis is lost looks for it again.
const PROBE_EVERY: Duration = Duration::from_secs(1);
/// How soon to look again when every slot is held by a request in flight.
const IN_FLIGHT_POLL_MS: u64 = 10;

/// `KEYS`: window, flight, pause. `ARGV`: N, W (ms), lease (ms), member, poll (ms).
/// Returns `{admitted, wait_ms, paused}`.
const ADMIT: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local paused = redis.call('PTTL', KEYS[3])
if paused > 0 then return {0, paused, 1} end
local n, per, lease = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local lapsed = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'WITHSCORES')
for i = 1, #lapsed, 2 do redis.call('ZADD', KEYS[1], lapsed[i + 1], lapsed[i]) end
if #lapsed > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
  redis.call('PEXPIRE', KEYS[1], per)
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - per)
if redis.call('ZCARD', KEYS[1]) + redis.call('ZCARD', KEYS[2]) < n then
  redis.call('ZADD', KEYS[2], now + lease, ARGV[4])
  redis.call('PEXPIRE', KEYS[2], lease + per)
  return {1, 0, 0}
end
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #first > 0 then return {0, tonumber(first[2]) + per - now, 0} end
return {0, tonumber(ARGV[5]), 0}
";

/// `KEYS`: window, flight. `ARGV`: member, W (ms). Moves the slot into the window, stamped now.
const RELEASE: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return 1
";

/// `KEYS`: pause. `ARGV`: pause (ms). A longer pause already set stays.
const PAUSE: &str = r"
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
end
return 1
";

/// A [`LimitsStore`] in Redis: every process (or client) connected to the same Redis with the
/// same prefix shares, per provider and credentials, one window of "at most N requests in any
/// W" and one throttle pause. See the README's "Sharing limits between processes".
///
/// Connect with [`RedisLimits::connect`] and hand it to
/// [`Config::with_limits_store`](crate::Config::with_limits_store). Cloning shares the
/// connection.
#[derive(Clone)]
pub struct RedisLimits(Arc<Inner>);

struct Inner {
    conn: ConnectionManager,
    /// The URL without its password, for messages.
    shown: String,
    prefix: String,
    sharers: u32,
    fallback: InProcessLimits,
    lost: AtomicBool,
    next_probe: Mutex<Instant>,
    /// Makes this store's slot names unique among the processes sharing the window.
    tag: u64,
    /// Releases sent in the background and not yet answered.
    releasing: AtomicUsize,
    admit: Script,
    release: Script,
    pause: Script,
}

impl fmt::Debug for RedisLimits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisLimits")
            .field("url", &self.0.shown)
            .field("prefix", &self.0.prefix)
            .field("sharers", &self.0.sharers)
            .finish_non_exhaustive()
    }
}

/// `raw` with its user and password (and a `pass`/`password` query value) replaced by `***`,
/// for messages.
pub(crate) fn shown_url(raw: &str) -> String {
    let Ok(mut u) = url::Url::parse(raw) else {
        // Unparseable: show nothing after the scheme that could be a password.
        return match raw.find("://") {
            Some(i) => format!("{}…", &raw[..i + 3]),
            None => "(unparseable URL)".to_string(),
        };
    };
    let userinfo = !u.username().is_empty() || u.password().is_some();
    let _ = u.set_username("");
    let _ = u.set_password(None);
    if u.query().is_some() {
        let pairs: Vec<(String, String)> = u
            .query_pairs()
            .map(|(k, v)| {
                let v = if matches!(&*k, "pass" | "password") { "***".to_string() } else { v.into_owned() };
                (k.into_owned(), v)
            })
            .collect();
        u.query_pairs_mut().clear().extend_pairs(pairs);
    }
    let s = u.to_string();
    match s.find("://") {
        Some(i) if userinfo => format!("{}***@{}", &s[..i + 3], &s[i + 3..]),
        _ => s,
    }
}

impl RedisLimits {
    /// Connects to `url`: `redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]` (or `rediss://` when the
    /// `redis` crate's TLS is on), optionally with `?prefix=P` (put before every key, to keep
    /// deployments apart on one Redis) and `&sharers=K` (how many processes share the key: if
    /// Redis is lost mid-run, each goes on at N ÷ K; default 1).
    ///
    /// Fails with a `config` error naming the URL (its password replaced by `***`) when the URL
    /// is invalid or Redis does not answer.
    pub async fn connect(url: &str) -> Result<RedisLimits, Error> {
        let shown = shown_url(url.trim());
        let bad = |what: String| Error::config("shared-limits", format!("{what} ({shown})"));
        let mut parsed = url::Url::parse(url.trim()).map_err(|e| bad(format!("invalid Redis URL: {e}")))?;
        if !matches!(parsed.scheme(), "redis" | "rediss" | "redis+unix" | "unix") {
            return Err(bad("invalid Redis URL: expected redis://HOST:PORT[/DB]".to_string()));
        }
        let (mut prefix, mut sharers) = (String::new(), 1u32);
        let mut kept = Vec::new();
        for (k, v) in parsed.query_pairs() {
            match &*k {
                "prefix" => prefix = v.into_owned(),
                "sharers" => {
                    sharers = v.parse().ok().filter(|n| *n > 0).ok_or_else(|| {
                        bad(format!("invalid Redis URL: sharers must be a whole number above 0, not `{v}`"))
                    })?
                }
                _ => kept.push((k.into_owned(), v.into_owned())),
            }
        }
        if kept.is_empty() {
            parsed.set_query(None);
        } else {
            parsed.query_pairs_mut().clear().extend_pairs(kept);
        }
        let client = redis::Client::open(parsed.as_str())
            .map_err(|e| bad(format!("invalid Redis URL: {}", e.category())))?;
        let config = redis::aio::ConnectionManagerConfig::new()
            .set_connection_timeout(Some(Duration::from_secs(2)))
            .set_response_timeout(Some(COMMAND_TIMEOUT))
            .set_number_of_retries(1)
            .set_max_delay(Duration::from_millis(500));
        let mut conn =
            tokio::time::timeout(Duration::from_secs(5), ConnectionManager::new_with_config(client, config))
                .await
                .map_err(|_| bad("Redis did not answer within 5 s".to_string()))?
                .map_err(|e| bad(format!("cannot reach Redis: {}", redis_reason(&e))))?;
        let _: String = redis::cmd("PING")
            .query_async(&mut conn)
            .await
            .map_err(|e| bad(format!("Redis: {}", redis_reason(&e))))?;
        Ok(RedisLimits(Arc::new(Inner {
            conn,
            shown,
            prefix,
            sharers,
            fallback: InProcessLimits::new(),
            lost: AtomicBool::new(false),
            next_probe: Mutex::new(Instant::now()),
            tag: fastrand::u64(..),
            releasing: AtomicUsize::new(0),
            admit: Script::new(ADMIT),
            release: Script::new(RELEASE),
            pause: Script::new(PAUSE),
        })))
    }

    /// The URL connected to, its password replaced by `***`.
    pub fn url(&self) -> &str {
        &self.0.shown
    }

    /// Whether Redis answered the last command (`false` while the store answers from its
    /// in-process fallback).
    pub fn is_connected(&self) -> bool {
        !self.0.lost.load(Ordering::Relaxed)
    }

    /// Waits (at most `limit`) for the releases still on their way to Redis: call it before the
    /// process exits, so that the last requests' slots are stamped rather than held until
    /// their lease runs out.
    pub async fn flush(&self, limit: Duration) {
        let started = Instant::now();
        while self.0.releasing.load(Ordering::Acquire) > 0 && started.elapsed() < limit {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    }

    fn keys(&self, key: &LimitKey) -> [String; 3] {
        let base = format!("{}crm-limits:{{{}}}", self.0.prefix, key.as_str());
        [format!("{base}:window"), format!("{base}:flight"), format!("{base}:pause")]
    }

    fn member(&self, id: u64) -> String {
        format!("{:016x}-{id}", self.0.tag)
    }
}

/// A Redis error's reason without anything of the URL (the `redis` crate's messages may name
/// the address, never the password; still, say only the kind and detail).
fn redis_reason(e: &redis::RedisError) -> String {
    if e.is_connection_refusal() {
        "connection refused".to_string()
    } else if e.is_timeout() {
        "timed out".to_string()
    } else {
        match e.detail() {
            Some(d) => format!("{}: {d}", e.category()),
            None => e.category().to_string(),
        }
    }
}

impl Inner {
    /// Runs `op` on Redis unless it is lost and not due for a probe; `None` means: answer from
    /// the fallback.
    async fn run<T>(&self, op: impl Future<Output = redis::RedisResult<T>>) -> Option<T> {
        let probe = self.lost.load(Ordering::Relaxed);
        if probe {
            let mut next = self.next_probe.lock().unwrap_or_else(|p| p.into_inner());
            let now = Instant::now();
            if now < *next {
                return None;
            }
            *next = now + PROBE_EVERY;
        }
        match tokio::time::timeout(COMMAND_TIMEOUT, op).await {
            Ok(Ok(v)) => {
                // Only a probe (sent after the loss) says Redis is back: a command sent before it
                // may still be answered after another failed.
                if probe && self.lost.swap(false, Ordering::Relaxed) {
                    tracing::warn!(
                            target: SHARED_LIMITS_TARGET,
                            url = %self.shown,
                            "shared limits: Redis at {} is back; the rate limit is shared again",
                    self.shown
                        );
                }
                Some(v)
            }
            Ok(Err(e)) => {
                self.lose(&redis_reason(&e));
                None
            }
            Err(_) => {
                self.lose("timed out");
                None
            }
        }
    }

    fn lose(&self, reason: &str) {
        *self.next_probe.lock().unwrap_or_else(|p| p.into_inner()) = Instant::now() + PROBE_EVERY;
        if !self.lost.swap(true, Ordering::Relaxed) {
            tracing::warn!(
                target: SHARED_LIMITS_TARGET,
                url = %self.shown,
                sharers = self.sharers,
                "shared limits: lost Redis at {} ({reason}); going on with this process's own rate limit at 1/{} of the limit until it is back",
                self.shown,
                self.sharers
            );
        }
    }

    fn fallback_limit(&self, limit: RateLimit) -> RateLimit {
        RateLimit { requests: (limit.requests / self.sharers).max(1), per: limit.per }
    }
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX).max(1)
}

impl LimitsStore for RedisLimits {
    fn key(&self, provider: &'static str, credentials: &[&SecretString]) -> LimitKey {
        let mut h = Sha256::new();
        for c in credentials {
            let c = c.expose_secret().as_bytes();
            h.update((c.len() as u64).to_be_bytes());
            h.update(c);
        }
        let digest = h.finalize();
        let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
        LimitKey::new(format!("{provider}:{hex}"))
    }

    fn paused_until<'a>(&'a self, key: &'a LimitKey) -> BoxFuture<'a, Option<Hold>> {
        Box::pin(async move {
            let local = self.0.fallback.paused_now(key).map(|until| Hold::new(until, false));
            let [_, _, pause] = self.keys(key);
            let mut conn = self.0.conn.clone();
            let started = Instant::now();
            let ttl: Option<i64> = self.0.run(redis::cmd("PTTL").arg(&pause).query_async(&mut conn)).await;
            let shared = ttl
                .filter(|ms| *ms > 0)
                .map(|ms| Hold::new(after(started, u64::try_from(ms).unwrap_or(0)), true));
            match (local, shared) {
                (Some(l), Some(s)) => Some(if l.until > s.until { l } else { s }),
                (l, s) => s.or(l),
            }
        })
    }

    fn pause<'a>(&'a self, key: &'a LimitKey, until: Instant) -> BoxFuture<'a, ()> {
        Box::pin(async move {
            // Also here, so that a lost Redis does not lose the pause.
            self.0.fallback.pause_now(key, until);
            let ms = millis(until.saturating_duration_since(Instant::now()));
            let [_, _, pause] = self.keys(key);
            let mut conn = self.0.conn.clone();
            let _: Option<i64> = self.0.run(self.0.pause.key(&pause).arg(ms).invoke_async(&mut conn)).await;
        })
    }

    fn try_admit<'a>(
        &'a self,
        key: &'a LimitKey,
        limit: RateLimit,
        lease: Duration,
    ) -> BoxFuture<'a, Admission> {
        Box::pin(async move {
            if let Some(until) = self.0.fallback.paused_now(key) {
                return Admission::Paused(Hold::new(until, false));
            }
            // The slot is logged in the in-process window too: should Redis be lost, the
            // fallback knows this process's recent requests.
            let id = self.0.fallback.shadow(key, limit.per);
            let [window, flight, pause] = self.keys(key);
            let mut conn = self.0.conn.clone();
            let asked = Instant::now();
            let answer: Option<(i64, i64, i64)> = self
                .0
                .run(
                    self.0
                        .admit
                        .key(&window)
                        .key(&flight)
                        .key(&pause)
                        .arg(limit.requests)
                        .arg(millis(limit.per))
                        .arg(millis(lease))
                        .arg(self.member(id))
                        .arg(IN_FLIGHT_POLL_MS)
                        .invoke_async(&mut conn),
                )
                .await;
            match answer {
                Some((1, _, _)) => Admission::Admitted(Slot::new(id, true)),
                Some((_, paused_ms, 1)) => {
                    self.0.fallback.forget(key, id);
                    let ms = u64::try_from(paused_ms).unwrap_or(0).max(1);
                    Admission::Paused(Hold::new(after(asked, ms), true))
                }
                Some((_, wait_ms, _)) => {
                    self.0.fallback.forget(key, id);
                    Admission::Wait {
                        wait: Duration::from_millis(
                            u64::try_from(wait_ms).unwrap_or(0).clamp(1, MAX_SHARED_WAIT_MS),
                        ),
                        shared: true,
                    }
                }
                None => {
                    self.0.fallback.forget(key, id);
                    self.0.fallback.admit_now(key, self.0.fallback_limit(limit))
                }
            }
        })
    }

    fn release(&self, key: &LimitKey, limit: RateLimit, slot: Slot) {
        // Stamps the in-process log (the fallback's own slot, or the shadow of a shared one).
        self.0.fallback.release(key, limit, slot);
        if !slot.is_shared() {
            return;
        }
        let Ok(handle) = tokio::runtime::Handle::try_current() else {
            // No runtime to send from: the slot's lease runs out by itself.
            return;
        };
        let [window, flight, _] = self.keys(key);
        let member = self.member(slot.id());
        let store = self.clone();
        let per = millis(limit.per);
        store.0.releasing.fetch_add(1, Ordering::AcqRel);
        handle.spawn(async move {
            let mut conn = store.0.conn.clone();
            let _: Option<i64> = store
                .0
                .run(store.0.release.key(&window).key(&flight).arg(member).arg(per).invoke_async(&mut conn))
                .await;
            store.0.releasing.fetch_sub(1, Ordering::AcqRel);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absurd_redis_ttls_are_clamped_not_overflowed() {
        let now = Instant::now();
        assert_eq!(after(now, u64::MAX), now + Duration::from_millis(MAX_SHARED_WAIT_MS));
        assert_eq!(after(now, 1500), now + Duration::from_millis(1500));
    }

    use super::shown_url;

    #[test]
    fn shown_urls_hold_no_password() {
        for (raw, shown) in [
            ("redis://:pw@h:6379/0", "redis://***@h:6379/0"),
            ("redis://user:pw@h:6379/0?prefix=a-", "redis://***@h:6379/0?prefix=a-"),
            ("redis://user@h:6379", "redis://***@h:6379"),
            ("redis://h:6379/2", "redis://h:6379/2"),
            ("redis+unix:///run/redis.sock?db=1&pass=pw", "redis+unix:///run/redis.sock?db=1&pass=***"),
            ("redis://:p w@[", "redis://…"),
        ] {
            assert_eq!(shown_url(raw), shown, "{raw}");
        }
    }
}
