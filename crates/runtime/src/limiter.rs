//! The client-side rate limiter: a sliding-window log. It admits a request only when fewer than
//! `requests` were admitted in the last `per`, so no window of length `per` ever holds more than
//! `requests` — the way DRF's `SimpleRateThrottle` and Laravel's throttle count.
//! (A token bucket with burst N lets up to 2N through in one window: N at once, N more refilled.)
//!
//! The server stamps a request somewhere between our send and its answer, and that delay varies
//! (a new connection's handshake, a busy server). So a request holds its slot while it is in
//! flight and its time in the log is when its answer (or failure) arrived: the next request
//! that reuses the slot leaves at least `per` after the server could have counted this one.

use std::time::{Duration, Instant};

use crate::RateLimit;

/// How often a caller looks again when every slot is held by a request in flight.
pub(crate) const IN_FLIGHT_POLL: Duration = Duration::from_millis(10);

/// The log of one limit key, shared by every task using the key (behind the caller's lock).
#[derive(Debug, Default)]
pub(crate) struct SlidingWindow {
    next_id: u64,
    /// One entry per admission in the window: `None` while in flight, then when it finished.
    entries: Vec<(u64, Option<Instant>)>,
}

impl SlidingWindow {
    /// Takes a slot of `limit` at `now` (in flight until [`SlidingWindow::stamp`]ed), or says
    /// when to look again.
    pub(crate) fn take(&mut self, now: Instant, limit: RateLimit) -> Result<u64, Instant> {
        let per = limit.per;
        self.entries.retain(|(_, at)| at.is_none_or(|t| now.saturating_duration_since(t) < per));
        if self.entries.len() < limit.requests as usize {
            let id = self.next_id;
            self.next_id += 1;
            self.entries.push((id, None));
            return Ok(id);
        }
        let earliest = self.entries.iter().filter_map(|(_, at)| *at).min();
        Err(match earliest {
            Some(t) => t.checked_add(per).unwrap_or(now + IN_FLIGHT_POLL),
            None => now + IN_FLIGHT_POLL,
        })
    }

    /// Records a slot taken elsewhere (a shared window) at `now`, whatever the limit: if this log
    /// must stand in for the shared one, it knows this process's recent requests.
    #[cfg(feature = "redis")]
    pub(crate) fn shadow(&mut self, now: Instant, per: std::time::Duration) -> u64 {
        self.entries.retain(|(_, at)| at.is_none_or(|t| now.saturating_duration_since(t) < per));
        let id = self.next_id;
        self.next_id += 1;
        self.entries.push((id, None));
        id
    }

    /// Drops slot `id` (taken by [`SlidingWindow::shadow`] for a request that was not sent).
    #[cfg(feature = "redis")]
    pub(crate) fn forget(&mut self, id: u64) {
        self.entries.retain(|(i, _)| *i != id);
    }

    /// Stamps slot `id` with the time its answer (or failure) arrived.
    pub(crate) fn stamp(&mut self, id: u64, now: Instant) {
        if let Some(entry) = self.entries.iter_mut().find(|(i, _)| *i == id) {
            entry.1 = Some(now);
        }
    }

    /// Admits a request that completes at once at `now` (the log's arithmetic, for tests).
    #[cfg(test)]
    fn try_admit(&mut self, now: Instant, limit: RateLimit) -> Result<(), Instant> {
        let id = self.take(now, limit)?;
        self.stamp(id, now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_more_than_n_in_any_window() {
        let limit = RateLimit { requests: 3, per: Duration::from_secs(10) };
        let mut w = SlidingWindow::default();
        let t0 = Instant::now();
        for i in 0..3 {
            assert!(w.try_admit(t0 + Duration::from_millis(i), limit).is_ok());
        }
        assert_eq!(w.try_admit(t0 + Duration::from_secs(5), limit), Err(t0 + Duration::from_secs(10)));
        assert!(w.try_admit(t0 + Duration::from_secs(10), limit).is_ok());
        assert!(
            w.try_admit(t0 + Duration::from_secs(10), limit).is_err(),
            "the 2nd and 3rd are still in the window"
        );
    }
}

#[cfg(test)]
mod window_tests {
    use super::*;

    /// Drives the limiter at full speed on a simulated clock (each rejected caller retries at the
    /// time it was told) and checks every window of the admissions.
    #[test]
    fn full_speed_admissions_fill_but_never_overfill_any_window() {
        let per = Duration::from_millis(1000);
        let limit = RateLimit { requests: 7, per };
        let mut w = SlidingWindow::default();
        let t0 = Instant::now();
        let mut admitted = Vec::new();
        let mut callers: Vec<Instant> = (0..50).map(|i| t0 + Duration::from_micros(i * 37)).collect();
        while let Some(pos) = callers.iter().enumerate().min_by_key(|(_, t)| **t).map(|(i, _)| i) {
            let now = callers[pos];
            match w.try_admit(now, limit) {
                Ok(()) => {
                    admitted.push(now);
                    callers.remove(pos);
                }
                Err(at) => callers[pos] = at,
            }
        }
        for (i, start) in admitted.iter().enumerate() {
            let inside = admitted[i..].iter().filter(|t| t.duration_since(*start) < per).count();
            assert!(inside <= 7, "window at {i} holds {inside}");
        }
        let span = admitted.last().unwrap().duration_since(t0);
        assert!(span < Duration::from_millis(7010), "50 at 7 per second: ~7 s, no slower: {span:?}");
    }
}
