//! Rate limits that count the way each provider's stack counts (off unless configured).
//!
//! - Pluuug, Django REST Framework `SimpleRateThrottle`: a sliding-window log per API key. A
//!   request is allowed while fewer than `requests` allowed requests lie within the last `per`;
//!   a refused request is not recorded; `wait()` is the time until the oldest recorded request
//!   leaves the window, and `Throttled` rounds it up (`math.ceil`) into `Retry-After` and the
//!   detail text.
//! - Gofive, Azure API Management `rate-limit-by-key` keyed on the subscription key:
//!   `renewal-period` is "the length in seconds of the sliding window", so the same sliding log;
//!   429 with `Retry-After` and APIM's `{"statusCode":429,"message":…}` body.
//! - nd, Laravel `ThrottleRequests`: a fixed-decay window per key that opens with the first hit
//!   and lasts `per` (`RateLimiter::hit` sets a `:timer` at now + decay); refused requests are
//!   not counted; every response carries `X-RateLimit-Limit` / `X-RateLimit-Remaining`, a 429
//!   adds `Retry-After` and `X-RateLimit-Reset` (Unix time the window reopens).
//! - eshouhou: nothing is documented. ASSUMPTION: a fixed window per `appid` (ASP.NET Core's
//!   `FixedWindowRateLimiter` shape), answered with HTTP 429, `Retry-After` and eshouhou's own
//!   envelope `{"ResultCode":429,"ErrorMsg":"请求过于频繁，请稍后再试","ResultValue":null}`.
//!
//! Every stack checks credentials first, so a rejected credential is never throttled and never
//! counted.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The limit reported (nd's `X-RateLimit-Limit`) by a forced 429 when no throttle is
/// configured: Laravel's default `api` rate, 60 per minute.
pub(crate) const KNOB_LIMIT: u32 = 60;

/// How many keys a limiter remembers before it forgets the idle ones.
const PRUNE_THRESHOLD: usize = 4096;

/// A configured limit: at most `requests` per `per`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Limit {
    pub(crate) requests: u32,
    pub(crate) per: Duration,
}

/// The counting rule of a stack; each provider part names its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rule {
    /// DRF and APIM: a log of allowed requests within the last `per`.
    SlidingLog,
    /// Laravel and the eshouhou assumption: a window opened by the first hit.
    FixedWindow,
}

enum Window {
    Log(VecDeque<Instant>),
    Fixed { opened: Instant, hits: u32 },
}

/// What the limiter decided about one request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Let through; `remaining` requests are left in the current window after this one.
    Allowed { limit: u32, remaining: u32 },
    /// Refused; a slot frees in `retry_after` whole seconds (rounded up, at least 1).
    Throttled { limit: u32, retry_after: u64, reset_unix: u64 },
}

/// One provider's limiter.
pub(crate) struct Limiter {
    limit: Limit,
    rule: Rule,
    windows: Mutex<HashMap<String, Window>>,
}

/// Whole seconds in `d`, rounded up, at least 1 (DRF `math.ceil`; a 0 would mean "retry now").
fn ceil_secs(d: Duration) -> u64 {
    let secs = d.as_secs().saturating_add(u64::from(d.subsec_nanos() > 0));
    secs.max(1)
}

pub(crate) fn unix_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

impl Limiter {
    pub(crate) fn new(rule: Rule, limit: Limit) -> Limiter {
        Limiter { limit, rule, windows: Mutex::new(HashMap::new()) }
    }

    /// The configured number of requests per window.
    pub(crate) fn requests(&self) -> u32 {
        self.limit.requests
    }

    /// Counts one request of `key` now, or refuses it.
    pub(crate) fn check(&self, key: &str) -> Decision {
        self.check_at(key, Instant::now())
    }

    fn check_at(&self, key: &str, now: Instant) -> Decision {
        let Limit { requests, per } = self.limit;
        let mut windows = self.windows.lock().unwrap_or_else(PoisonError::into_inner);
        if windows.len() >= PRUNE_THRESHOLD && !windows.contains_key(key) {
            windows.retain(|_, w| match w {
                Window::Log(log) => log.back().is_some_and(|t| now.duration_since(*t) < per),
                Window::Fixed { opened, .. } => now.duration_since(*opened) < per,
            });
        }
        let window = windows.entry(key.to_owned()).or_insert_with(|| match self.rule {
            Rule::SlidingLog => Window::Log(VecDeque::new()),
            Rule::FixedWindow => Window::Fixed { opened: now, hits: 0 },
        });
        match window {
            Window::Log(log) => {
                // Newest at the front, oldest at the back, as DRF keeps its history.
                while log.back().is_some_and(|t| now.duration_since(*t) >= per) {
                    log.pop_back();
                }
                let used = u32::try_from(log.len()).unwrap_or(u32::MAX);
                if used >= requests {
                    let oldest = log.back().copied().unwrap_or(now);
                    let wait = per.saturating_sub(now.duration_since(oldest));
                    let retry_after = ceil_secs(wait);
                    return Decision::Throttled {
                        limit: requests,
                        retry_after,
                        reset_unix: unix_now().saturating_add(retry_after),
                    };
                }
                log.push_front(now);
                Decision::Allowed { limit: requests, remaining: requests - used - 1 }
            }
            Window::Fixed { opened, hits } => {
                if now.duration_since(*opened) >= per {
                    *opened = now;
                    *hits = 0;
                }
                if *hits >= requests {
                    let wait = per.saturating_sub(now.duration_since(*opened));
                    let retry_after = ceil_secs(wait);
                    return Decision::Throttled {
                        limit: requests,
                        retry_after,
                        reset_unix: unix_now().saturating_add(retry_after),
                    };
                }
                *hits += 1;
                Decision::Allowed { limit: requests, remaining: requests - *hits }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    #[test]
    fn sliding_log_never_admits_n_plus_one_in_a_window() {
        let limiter = Limiter::new(Rule::SlidingLog, Limit { requests: 3, per: Duration::from_secs(10) });
        let t0 = Instant::now();
        assert_eq!(limiter.check_at("k", t0), Decision::Allowed { limit: 3, remaining: 2 });
        assert!(matches!(limiter.check_at("k", t0 + 4000 * MS), Decision::Allowed { remaining: 1, .. }));
        assert!(matches!(limiter.check_at("k", t0 + 8000 * MS), Decision::Allowed { remaining: 0, .. }));
        // Full: the oldest (t0) frees its slot at t0 + 10 s.
        match limiter.check_at("k", t0 + 8500 * MS) {
            Decision::Throttled { retry_after, .. } => assert_eq!(retry_after, 2),
            other => panic!("{other:?}"),
        }
        assert!(matches!(limiter.check_at("k", t0 + 10_000 * MS), Decision::Allowed { .. }));
        // Now t0+4 s, t0+8 s and t0+10 s are in the log: the next slot frees at t0 + 14 s.
        match limiter.check_at("k", t0 + 10_001 * MS) {
            Decision::Throttled { retry_after, .. } => assert_eq!(retry_after, 4),
            other => panic!("{other:?}"),
        }
        // Another key has its own log.
        assert!(matches!(limiter.check_at("other", t0 + 10_001 * MS), Decision::Allowed { .. }));
    }

    #[test]
    fn fixed_window_opens_with_the_first_hit() {
        let limiter = Limiter::new(Rule::FixedWindow, Limit { requests: 2, per: Duration::from_secs(60) });
        let t0 = Instant::now();
        assert_eq!(limiter.check_at("k", t0), Decision::Allowed { limit: 2, remaining: 1 });
        assert_eq!(limiter.check_at("k", t0 + 59_000 * MS), Decision::Allowed { limit: 2, remaining: 0 });
        match limiter.check_at("k", t0 + 59_500 * MS) {
            Decision::Throttled { retry_after, .. } => assert_eq!(retry_after, 1),
            other => panic!("{other:?}"),
        }
        // The whole window reopens at t0 + 60 s (unlike the sliding log).
        assert_eq!(limiter.check_at("k", t0 + 60_000 * MS), Decision::Allowed { limit: 2, remaining: 1 });
        assert_eq!(limiter.check_at("k", t0 + 60_001 * MS), Decision::Allowed { limit: 2, remaining: 0 });
    }

    #[test]
    fn ceil_is_at_least_one() {
        assert_eq!(ceil_secs(Duration::ZERO), 1);
        assert_eq!(ceil_secs(Duration::from_millis(1)), 1);
        assert_eq!(ceil_secs(Duration::from_millis(59_999)), 60);
        assert_eq!(ceil_secs(Duration::from_secs(60)), 60);
    }
}
