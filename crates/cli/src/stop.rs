//! How a streaming command stops early: Ctrl-C, or stdout's reader gone (`| head`), while it
//! waits for its stream's next item. `get`, `list`, `update` and `sync` share it.

use std::{future::Future, pin::Pin};

use futures::{Stream, StreamExt};

/// Ctrl-C (SIGINT), caught from the moment it is created so that a run can stop cleanly.
pub(crate) struct Interrupt {
    #[cfg(unix)]
    signal: Option<tokio::signal::unix::Signal>,
    #[cfg(not(unix))]
    signal: std::pin::Pin<Box<dyn std::future::Future<Output = std::io::Result<()>> + Send>>,
}

impl Interrupt {
    /// Starts catching Ctrl-C.
    pub(crate) fn new() -> Self {
        #[cfg(unix)]
        let signal = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt()).ok();
        #[cfg(not(unix))]
        let signal = Box::pin(tokio::signal::ctrl_c());
        Interrupt { signal }
    }

    /// Resolves on Ctrl-C.
    pub(crate) async fn recv(&mut self) {
        #[cfg(unix)]
        match &mut self.signal {
            Some(s) => {
                s.recv().await;
            }
            None => std::future::pending().await,
        }
        #[cfg(not(unix))]
        {
            let _ = (&mut self.signal).await;
        }
    }
}

/// Why a run stopped reading its stream before the end.
pub(crate) enum Stop {
    /// Ctrl-C.
    Interrupted,
    /// stdout's reader has gone (`EPIPE` for the next write).
    ReaderGone,
}

/// The stream's next item (`None` at its end), unless Ctrl-C comes first or stdout's reader has
/// gone (`reader_gone` is [`crate::output::reader_gone`], pinned once per run).
pub(crate) async fn next_or_stop<S: Stream + Unpin>(
    stream: &mut S,
    interrupt: &mut Interrupt,
    reader_gone: Pin<&mut impl Future<Output = ()>>,
) -> Result<Option<S::Item>, Stop> {
    tokio::select! {
        biased;
        () = interrupt.recv() => Err(Stop::Interrupted),
        () = reader_gone => Err(Stop::ReaderGone),
        next = stream.next() => Ok(next),
    }
}
