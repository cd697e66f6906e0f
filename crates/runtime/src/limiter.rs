//! The client-side rate limiter: a sliding-window log. It admits a request only when fewer than
//! `requests` were admitted in the last `per`, so no window of length `per` ever holds more than
//! `requests` admissions — the way DRF's `SimpleRateThrottle` and Laravel's throttle count.
//! (A token bucket with burst N lets up to 2N through in one window: N at once, N more refilled.)

use std::{
    collections::VecDeque,
    sync::Mutex,
    time::{Duration, Instant},
};

use crate::RateLimit;

/// Shared by every task of a client.
#[derive(Debug)]
pub(crate) struct SlidingWindow {
    limit: RateLimit,
    admitted: Mutex<VecDeque<Instant>>,
}

impl SlidingWindow {
    pub(crate) fn new(limit: RateLimit) -> Option<Self> {
        (limit.requests > 0 && !limit.per.is_zero())
            .then(|| SlidingWindow { limit, admitted: Mutex::new(VecDeque::new()) })
    }

    /// Admits now, or says when to try again.
    pub(crate) fn try_admit(&self, now: Instant) -> Result<(), Instant> {
        let mut log = self.admitted.lock().unwrap_or_else(|p| p.into_inner());
        while let Some(&oldest) = log.front() {
            if now.saturating_duration_since(oldest) >= self.limit.per {
                log.pop_front();
            } else {
                break;
            }
        }
        if log.len() < self.limit.requests as usize {
            log.push_back(now);
            return Ok(());
        }
        let oldest = *log.front().expect("a full log is not empty");
        Err(oldest.checked_add(self.limit.per).unwrap_or(now + Duration::from_secs(1)))
    }

    /// Waits until admitted, telling `on_wait` how long each wait will be.
    pub(crate) async fn admit(&self, on_wait: impl Fn(Duration)) {
        loop {
            let now = Instant::now();
            match self.try_admit(now) {
                Ok(()) => return,
                Err(at) => {
                    on_wait(at.saturating_duration_since(now));
                    tokio::time::sleep_until(tokio::time::Instant::from_std(at)).await;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_more_than_n_in_any_window() {
        let w = SlidingWindow::new(RateLimit { requests: 3, per: Duration::from_secs(10) }).unwrap();
        let t0 = Instant::now();
        for i in 0..3 {
            assert!(w.try_admit(t0 + Duration::from_millis(i)).is_ok());
        }
        assert_eq!(w.try_admit(t0 + Duration::from_secs(5)), Err(t0 + Duration::from_secs(10)));
        assert!(w.try_admit(t0 + Duration::from_secs(10)).is_ok());
        assert!(
            w.try_admit(t0 + Duration::from_secs(10)).is_err(),
            "the 2nd and 3rd are still in the window"
        );
    }
}
