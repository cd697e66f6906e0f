//! Deadlines: every call runs under one ([`crate::Config::total_timeout`] from its start, or
//! the enclosing operation's), and running out of it is a timeout error.

use std::time::{Duration, Instant};

use crate::{Config, Error, ErrorKind};

/// `start` plus the call's deadline (a configured `Duration::MAX` means "about forever").
pub(crate) fn deadline_from(config: &Config, start: Instant) -> Instant {
    const FOREVER: Duration = Duration::from_secs(10 * 365 * 24 * 3600);
    start.checked_add(config.total_timeout.min(FOREVER)).unwrap_or(start)
}

/// The error of a call that ran out of its deadline; a write that was in flight (sent, answer
/// not complete) may have happened.
pub(crate) fn timeout_error(
    provider: &'static str,
    operation: &'static str,
    config: &Config,
    write_in_flight: bool,
) -> Error {
    let what = format!("timed out after {:.1?} (deadline per call)", config.total_timeout);
    let e = Error::new(ErrorKind::Transport, provider, operation, what).with_timeout();
    if write_in_flight { e.outcome_unknown() } else { e }
}
