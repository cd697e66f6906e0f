//! The per-call context: one task-local holding the call's deadline and what the call observed
//! on the wire. `Runtime::call` and `Runtime::run` set it up; the `exec`
//! hook, the `pre` hook and path encoding read and fill it.

use std::{
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use bytes::Bytes;

use crate::Error;

/// What one call observed on the wire, shared between `execute`, the hooks and `call`.
#[derive(Default)]
pub(crate) struct Captured {
    pub(crate) provider: &'static str,
    pub(crate) operation: &'static str,
    pub(crate) body: Option<Bytes>,
    pub(crate) status: Option<u16>,
    pub(crate) retry_after: Option<Duration>,
    pub(crate) location_host: Option<String>,
    pub(crate) attempts: u32,
    pub(crate) too_large: bool,
    /// A typed error raised inside the generated call (hooks, path encoding) to return as is.
    pub(crate) stashed: Option<Error>,
    pub(crate) write_in_flight: bool,
    pub(crate) outcome_unknown: bool,
}

/// The context of the call in progress: its deadline and, inside `Runtime::call`, the
/// capture slot (an enclosing `Runtime::run` has a deadline but no capture).
pub(crate) struct CallContext {
    pub(crate) deadline: Instant,
    pub(crate) capture: Option<Mutex<Captured>>,
}

tokio::task_local! {
    static CALL: Arc<CallContext>;
}

impl CallContext {
    /// A context with a deadline only.
    pub(crate) fn deadline(deadline: Instant) -> Arc<Self> {
        Arc::new(CallContext { deadline, capture: None })
    }

    /// A context with a deadline and a capture slot for one generated call.
    pub(crate) fn capturing(deadline: Instant, provider: &'static str, operation: &'static str) -> Arc<Self> {
        let captured = Captured { provider, operation, ..Default::default() };
        Arc::new(CallContext { deadline, capture: Some(Mutex::new(captured)) })
    }

    /// Runs `work` inside this context.
    pub(crate) async fn scope<F: std::future::Future>(self: &Arc<Self>, work: F) -> F::Output {
        CALL.scope(self.clone(), work).await
    }

    /// Takes what the call captured, leaving an empty capture.
    pub(crate) fn take(&self) -> Captured {
        match &self.capture {
            Some(m) => std::mem::take(&mut *m.lock().unwrap_or_else(|p| p.into_inner())),
            None => Captured::default(),
        }
    }
}

/// Runs `f` on the current call's capture, if inside one.
pub(crate) fn with_capture<R>(f: impl FnOnce(&mut Captured) -> R) -> Option<R> {
    CALL.try_with(|c| c.capture.as_ref().map(|m| f(&mut m.lock().unwrap_or_else(|p| p.into_inner()))))
        .ok()
        .flatten()
}

/// Keeps the first typed error raised inside the current call (no-op outside one).
pub(crate) fn stash(error: impl FnOnce(&'static str, &'static str) -> Error) {
    with_capture(|c| {
        if c.stashed.is_none() {
            c.stashed = Some(error(c.provider, c.operation));
        }
    });
}

/// Whether a capture slot is in scope (inside `Runtime::call`).
pub(crate) fn in_call() -> bool {
    with_capture(|_| ()).is_some()
}

/// The deadline of the call in progress, if any.
pub(crate) fn current_deadline() -> Option<Instant> {
    CALL.try_with(|c| c.deadline).ok()
}
