//! The client's shared limits: the sliding-window rate limit ([`crate::limiter`]) and the
//! throttle pause a `Retry-After` sets for every request of the client.

use std::{
    sync::Mutex,
    time::{Duration, Instant},
};

use crate::{
    RateLimit,
    limiter::{Permit, SlidingWindow},
};

/// The in-process limits of one client.
#[derive(Debug)]
pub(crate) struct Limits {
    window: Option<SlidingWindow>,
    paused_until: Mutex<Option<Instant>>,
}

impl Limits {
    pub(crate) fn new(limit: Option<RateLimit>) -> Self {
        Limits { window: limit.and_then(SlidingWindow::new), paused_until: Mutex::new(None) }
    }

    /// Until when the client is paused, if it is.
    pub(crate) fn paused_until(&self) -> Option<Instant> {
        let p = self.paused_until.lock().unwrap_or_else(|p| p.into_inner());
        p.filter(|until| *until > Instant::now())
    }

    /// Pauses the client until `until` (a later pause already set stays).
    pub(crate) fn pause(&self, until: Instant) {
        let mut p = self.paused_until.lock().unwrap_or_else(|p| p.into_inner());
        if p.is_none_or(|cur| cur < until) {
            *p = Some(until);
        }
    }

    /// Waits for a slot of the rate limit (none without one), telling `on_wait` of each wait.
    pub(crate) async fn admit(&self, on_wait: impl Fn(Duration)) -> Option<Permit<'_>> {
        match &self.window {
            Some(w) => Some(w.admit(on_wait).await),
            None => None,
        }
    }
}
