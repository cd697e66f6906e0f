//! The retry/throttle decision, as a pure function of what one attempt observed: no clock, no
//! randomness, no I/O (the caller passes `now` and a jitter fraction), so every rule is a row of
//! a table test — the shape of smithy's retry classifiers and async-stripe's `RequestStrategy`.
//!
//! Rules: reads (GET/HEAD/OPTIONS and the POSTs a provider lists as reads) are retried on connect
//! errors, timeouts and 502/503/504, up to `max_attempts`, with full-jitter backoff; writes get
//! one attempt. A `Retry-After` (on any status) pauses every request of the client until the
//! time named. A 429 is throttling, not failure: a read waits (the named time, or a backoff of
//! at least a second) while the deadline allows, without using up the error retries.

use std::time::{Duration, Instant, SystemTime};

use reqwest::header::HeaderMap;

use crate::Config;

/// What one attempt observed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Observed {
    /// The request failed before a response arrived.
    Failed {
        /// The connection could not be made (nothing was sent).
        connect: bool,
        /// The attempt timed out.
        timeout: bool,
    },
    /// A response arrived.
    Answered {
        /// Its status.
        status: u16,
        /// Its `Retry-After`, parsed.
        retry_after: Option<Duration>,
    },
}

/// What to do after an attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Send again after this delay.
    RetryAfter(Duration),
    /// Pause every request of the client until this time, then send again.
    PauseUntil(Instant),
    /// Stop and hand back this attempt's outcome; `pause` (if any) still pauses the client.
    Finish {
        /// Until when the client pauses (a `Retry-After`, or a 429's backoff).
        pause: Option<Instant>,
    },
}

/// The counters a call's attempts carry from one decision to the next.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct RetryState {
    /// Attempts that failed (errors and 502/503/504), counted against `max_attempts`.
    pub(crate) errors: u32,
    /// Attempts throttled (429).
    pub(crate) throttles: u32,
}

/// The fixed inputs of a call's decisions.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Policy {
    /// Whether the request is a read (idempotent): only reads are retried.
    pub(crate) read: bool,
    /// Whether the request can be sent again (its body can be cloned).
    pub(crate) replayable: bool,
    /// Attempts allowed for errors (1 for writes).
    pub(crate) max_errors: u32,
    /// Backoff base and cap.
    pub(crate) base_backoff: Duration,
    /// Backoff cap.
    pub(crate) max_backoff: Duration,
    /// The call's deadline.
    pub(crate) deadline: Instant,
}

impl Policy {
    /// The policy of a call under `config`.
    pub(crate) fn new(config: &Config, read: bool, replayable: bool, deadline: Instant) -> Self {
        Policy {
            read,
            replayable,
            max_errors: if read { config.max_attempts.max(1) } else { 1 },
            base_backoff: config.base_backoff,
            max_backoff: config.max_backoff,
            deadline,
        }
    }
}

/// Full-jitter backoff before retry `attempt` (1-based): `jitter` (in `[0, 1]`) of
/// `min(max, base * 2^(attempt-1))`.
pub(crate) fn backoff(base: Duration, max: Duration, attempt: u32, jitter: f64) -> Duration {
    let exp = base.saturating_mul(1u32 << attempt.saturating_sub(1).min(16));
    exp.min(max).mul_f64(jitter.clamp(0.0, 1.0))
}

/// Whether a write whose attempt ended this way may have been applied by the server: it was
/// sent (or partly sent) and no answer came.
pub(crate) fn write_outcome_unknown(policy: &Policy, observed: Observed) -> bool {
    !policy.read && matches!(observed, Observed::Failed { connect: false, .. })
}

/// The decision after an attempt observed `observed` at `now`. `jitter` in `[0, 1]` scales the
/// backoff (the caller draws it at random).
pub(crate) fn decide(
    policy: &Policy,
    state: &mut RetryState,
    observed: Observed,
    now: Instant,
    jitter: f64,
) -> Decision {
    let backoff = |n| backoff(policy.base_backoff, policy.max_backoff, n, jitter);
    match observed {
        Observed::Failed { connect, timeout } => {
            if !policy.read && !connect {
                return Decision::Finish { pause: None };
            }
            state.errors += 1;
            if state.errors >= policy.max_errors || !policy.replayable || !(connect || timeout) {
                return Decision::Finish { pause: None };
            }
            Decision::RetryAfter(backoff(state.errors))
        }
        Observed::Answered { status, retry_after } => {
            let until = retry_after.and_then(|d| now.checked_add(d));
            if status == 429 {
                // Without a `Retry-After`, or with one under a second (`0` from a server that
                // keeps refusing), back off at least a second.
                state.throttles += 1;
                let floor = Duration::from_secs(1);
                let until = match retry_after {
                    Some(d) if d >= floor => until,
                    _ => now.checked_add(backoff(state.throttles).max(floor)),
                };
                if !policy.read || !policy.replayable || until.is_none_or(|u| u > policy.deadline) {
                    return Decision::Finish { pause: until };
                }
                return match until {
                    Some(u) => Decision::PauseUntil(u),
                    None => Decision::Finish { pause: None },
                };
            }
            if matches!(status, 502..=504) && policy.read && policy.replayable {
                state.errors += 1;
                if state.errors >= policy.max_errors || until.is_some_and(|u| u > policy.deadline) {
                    return Decision::Finish { pause: until };
                }
                return match until {
                    Some(u) => Decision::PauseUntil(u),
                    None => Decision::RetryAfter(backoff(state.errors)),
                };
            }
            Decision::Finish { pause: until }
        }
    }
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

    const S: fn(u64) -> Duration = Duration::from_secs;
    const MS: fn(u64) -> Duration = Duration::from_millis;

    fn policy(read: bool, now: Instant) -> Policy {
        Policy {
            read,
            replayable: true,
            max_errors: if read { 3 } else { 1 },
            base_backoff: MS(200),
            max_backoff: S(5),
            deadline: now + S(60),
        }
    }

    fn failed(connect: bool, timeout: bool) -> Observed {
        Observed::Failed { connect, timeout }
    }

    fn answered(status: u16, retry_after: Option<u64>) -> Observed {
        Observed::Answered { status, retry_after: retry_after.map(S) }
    }

    /// One row: (what, read, replayable, errors before, throttles before, observed) → decision.
    #[test]
    fn decision_table() {
        let now = Instant::now();
        let at = |d: Duration| Decision::PauseUntil(now + d);
        let finish = Decision::Finish { pause: None };
        let finish_at = |d: Duration| Decision::Finish { pause: Some(now + d) };
        #[rustfmt::skip]
        let rows: Vec<(&str, bool, bool, u32, u32, Observed, Decision)> = vec![
            ("200 read",                      true,  true,  0, 0, answered(200, None),     finish),
            ("200 write",                     false, true,  0, 0, answered(200, None),     finish),
            ("404 read",                      true,  true,  0, 0, answered(404, None),     finish),
            ("500 read is not retried",       true,  true,  0, 0, answered(500, None),     finish),
            ("502 read retried, backoff",     true,  true,  0, 0, answered(502, None),     Decision::RetryAfter(MS(200))),
            ("503 read 2nd error: 400ms",     true,  true,  1, 0, answered(503, None),     Decision::RetryAfter(MS(400))),
            ("504 read 3rd error: give up",   true,  true,  2, 0, answered(504, None),     finish),
            ("503 + Retry-After pauses",      true,  true,  0, 0, answered(503, Some(7)),  at(S(7))),
            ("503 + Retry-After past deadline", true, true, 0, 0, answered(503, Some(61)), finish_at(S(61))),
            ("503 write: one attempt",        false, true,  0, 0, answered(503, None),     finish),
            ("502 unreplayable body",         true,  false, 0, 0, answered(502, None),     finish),
            ("429 + Retry-After 10 pauses",   true,  true,  0, 0, answered(429, Some(10)), at(S(10))),
            ("429 after many errors still waits", true, true, 2, 5, answered(429, Some(10)), at(S(10))),
            ("429 no Retry-After: >= 1s",     true,  true,  0, 0, answered(429, None),     at(S(1))),
            ("429 Retry-After 0: >= 1s",      true,  true,  0, 0, answered(429, Some(0)),  at(S(1))),
            ("429 4th throttle: 1.6s",        true,  true,  0, 3, answered(429, None),     at(MS(1600))),
            ("429 beyond deadline",           true,  true,  0, 0, answered(429, Some(61)), finish_at(S(61))),
            ("429 write pauses, finishes",    false, true,  0, 0, answered(429, Some(10)), finish_at(S(10))),
            ("200 + Retry-After pauses others", true, true, 0, 0, answered(200, Some(3)),  finish_at(S(3))),
            ("connect error read retried",    true,  true,  0, 0, failed(true, false),     Decision::RetryAfter(MS(200))),
            ("timeout read retried",          true,  true,  1, 0, failed(false, true),     Decision::RetryAfter(MS(400))),
            ("timeout read, last attempt",    true,  true,  2, 0, failed(false, true),     finish),
            ("body error read not retried",   true,  true,  0, 0, failed(false, false),    finish),
            ("connect error write",           false, true,  0, 0, failed(true, false),     finish),
            ("timeout write",                 false, true,  0, 0, failed(false, true),     finish),
            ("connect error unreplayable",    true,  false, 0, 0, failed(true, false),     finish),
        ];
        for (what, read, replayable, errors, throttles, observed, expected) in rows {
            let p = Policy { replayable, ..policy(read, now) };
            let mut state = RetryState { errors, throttles };
            assert_eq!(decide(&p, &mut state, observed, now, 1.0), expected, "{what}");
        }
    }

    #[test]
    fn counters_move_with_the_outcome() {
        let now = Instant::now();
        let p = policy(true, now);
        let mut s = RetryState::default();
        decide(&p, &mut s, answered(429, Some(2)), now, 0.5);
        assert_eq!(s, RetryState { errors: 0, throttles: 1 }, "a throttle is not an error");
        decide(&p, &mut s, answered(502, None), now, 0.5);
        decide(&p, &mut s, failed(true, false), now, 0.5);
        assert_eq!(s, RetryState { errors: 2, throttles: 1 });
    }

    #[test]
    fn writes_sent_without_answer_are_outcome_unknown() {
        let now = Instant::now();
        assert!(write_outcome_unknown(&policy(false, now), failed(false, true)));
        assert!(write_outcome_unknown(&policy(false, now), failed(false, false)));
        assert!(!write_outcome_unknown(&policy(false, now), failed(true, false)), "nothing was sent");
        assert!(!write_outcome_unknown(&policy(true, now), failed(false, true)));
    }

    #[test]
    fn backoff_is_full_jitter_and_capped() {
        for attempt in 1..10 {
            for jitter in [0.0, 0.3, 1.0] {
                assert!(backoff(MS(100), MS(250), attempt, jitter) <= MS(250));
            }
        }
        assert!(backoff(MS(100), MS(250), 1, 1.0) <= MS(100));
        assert_eq!(backoff(MS(100), MS(250), 1, 0.0), Duration::ZERO);
        assert_eq!(backoff(MS(100), S(100_000), 40, 1.0), MS(100) * 65_536, "the exponent is capped");
    }

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
}
