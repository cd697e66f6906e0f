//! stderr: `error:` lines, `--verbose` traces, throttle waits and the progress bar — all
//! sanitised ([`crate::sanitize::terminal`]), never on stdout, never a panic when stderr is gone.
//!
//! Throttle waits: crm-runtime emits `tracing::info!(target: "crm_runtime::throttle", provider,
//! wait_ms, …)` when a client waits on a rate limit (a 429/503 `Retry-After`, or its own limiter
//! holding a call back for more than a second). A [`Layer`] listens for that target: the progress
//! bar shows the wait, and `--verbose` logs when it started and until when it lasts.

use std::{
    collections::HashMap,
    io::{IsTerminal, Write},
    sync::Mutex,
    time::{Duration, Instant},
};

use indicatif::ProgressBar;
use tracing::{
    Event, Subscriber,
    field::{Field, Visit},
};
use tracing_subscriber::{EnvFilter, Layer, filter::filter_fn, fmt::MakeWriter, layer::Context, prelude::*};

use crate::sanitize;

/// The target of crm-runtime's throttle events.
pub const THROTTLE_TARGET: &str = "crm_runtime::throttle";

/// The target of crm-runtime's shared-limits warnings (Redis lost, Redis back).
pub const SHARED_LIMITS_TARGET: &str = "crm_runtime::shared_limits";

/// Waits for the same provider ending within this of one already shown are not shown again (every
/// request held back by one pause may report it).
const SAME_WAIT: Duration = Duration::from_secs(1);

#[derive(Default)]
struct State {
    bar: Option<ProgressBar>,
    /// When the wait shown on the bar ends.
    bar_until: Option<Instant>,
    /// Per provider, the end of the last wait shown.
    waits: HashMap<String, Instant>,
}

static STATE: Mutex<Option<State>> = Mutex::new(None);

fn with_state<T>(f: impl FnOnce(&mut State) -> T) -> T {
    let mut guard = STATE.lock().unwrap_or_else(|p| p.into_inner());
    f(guard.get_or_insert_with(State::default))
}

/// Installs the subscriber: the throttle listener always, the `--verbose` trace when asked.
/// Registers the secret environment values for redaction first.
pub fn init(verbose: bool) {
    sanitize::register_env_secrets();
    let throttle = ThrottleLayer { verbose }.with_filter(filter_fn(|m| m.target() == THROTTLE_TARGET));
    let shared = SharedLimitsLayer.with_filter(filter_fn(|m| m.target() == SHARED_LIMITS_TARGET));
    let trace = verbose.then(|| {
        tracing_subscriber::fmt::layer()
            .with_writer(SafeStderr)
            .with_target(false)
            .with_ansi(false)
            .with_filter(EnvFilter::new(format!(
                "crm_runtime=debug,crm_customers=debug,{THROTTLE_TARGET}=off,{SHARED_LIMITS_TARGET}=off"
            )))
    });
    let _ = tracing_subscriber::registry().with(throttle).with(shared).with(trace).try_init();
}

/// Shows throttle waits on `bar` (and routes stderr lines around it) until [`clear_progress_bar`].
pub fn set_progress_bar(bar: &ProgressBar) {
    with_state(|s| s.bar = Some(bar.clone()));
}

/// A spinner on stderr with `template` (indicatif's: `{pos}`, `{per_sec}`, `{elapsed}`, `{msg}`),
/// through which stderr lines are printed while it runs; `None` when stderr is not a terminal.
pub fn spinner(template: &str) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let pb = ProgressBar::new_spinner();
    pb.set_style(
        indicatif::ProgressStyle::with_template(template)
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    pb.enable_steady_tick(std::time::Duration::from_millis(120));
    set_progress_bar(&pb);
    Some(pb)
}

/// Clears a [`spinner`] and prints stderr lines directly again.
pub fn finish_spinner(bar: Option<ProgressBar>) {
    if let Some(pb) = bar {
        pb.finish_and_clear();
        clear_progress_bar();
    }
}

/// Stops routing stderr through the progress bar.
pub fn clear_progress_bar() {
    with_state(|s| {
        s.bar = None;
        s.bar_until = None;
    });
}

/// Clears the bar's wait message once the wait is over.
pub fn progress_tick() {
    with_state(|s| {
        if let (Some(bar), Some(until)) = (&s.bar, s.bar_until)
            && Instant::now() >= until
        {
            bar.set_message("");
            s.bar_until = None;
        }
    });
}

/// Writes text to stderr, above the progress bar if one is shown. Errors are ignored: there is
/// nowhere left to report them.
fn emit(text: &str) {
    let bar = with_state(|s| s.bar.clone());
    let write = || {
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(text.as_bytes());
        let _ = err.flush();
    };
    match bar {
        Some(bar) => bar.suspend(write),
        None => write(),
    }
}

/// Prints `warning: <message>` on stderr, sanitised.
pub fn warn(message: &str) {
    emit(&format!("warning: {}\n", sanitize::terminal(message)));
}

/// Prints `error: <message>` on stderr, sanitised.
pub fn error(message: &str) {
    emit(&format!("error: {}\n", sanitize::terminal(message)));
}

/// A `MakeWriter` for the `--verbose` trace: each event (one write) is sanitised whole, its final
/// newline kept, so no field value can colour the terminal or forge a line.
struct SafeStderr;

struct SafeStderrWriter;

impl Write for SafeStderrWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        let (body, newline) = match text.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (&*text, ""),
        };
        emit(&format!("{}{newline}", sanitize::terminal(body)));
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for SafeStderr {
    type Writer = SafeStderrWriter;

    fn make_writer(&'a self) -> Self::Writer {
        SafeStderrWriter
    }
}

/// Listens for crm-runtime's throttle events.
struct ThrottleLayer {
    verbose: bool,
}

#[derive(Default)]
struct ThrottleFields {
    provider: Option<String>,
    wait_ms: Option<u64>,
    /// The wait comes from limits shared with other processes (`--shared-limits`).
    shared: bool,
    /// `pause` (a throttle pause) or `window` (the rate limit's window).
    cause: Option<String>,
}

impl Visit for ThrottleFields {
    fn record_str(&mut self, field: &Field, value: &str) {
        match field.name() {
            "provider" => self.provider = Some(value.to_string()),
            "cause" => self.cause = Some(value.to_string()),
            _ => {}
        }
    }

    fn record_bool(&mut self, field: &Field, value: bool) {
        if field.name() == "shared" {
            self.shared = value;
        }
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        if field.name() == "wait_ms" {
            self.wait_ms = Some(value);
        }
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        self.record_u64(field, u64::try_from(value).unwrap_or(0));
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let text = format!("{value:?}");
        match field.name() {
            "provider" => self.provider = Some(text.trim_matches('"').to_string()),
            "wait_ms" => self.wait_ms = text.parse().ok(),
            "shared" => self.shared = text == "true",
            "cause" => self.cause = Some(text.trim_matches('"').to_string()),
            _ => {}
        }
    }
}

impl<S: Subscriber> Layer<S> for ThrottleLayer {
    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        let mut fields = ThrottleFields::default();
        event.record(&mut fields);
        if let Some(wait_ms) = fields.wait_ms {
            let provider = fields.provider.as_deref().unwrap_or("provider");
            let source = match (fields.shared, fields.cause.as_deref()) {
                (false, _) => Source::Local,
                (true, Some("pause")) => Source::SharedPause,
                (true, _) => Source::SharedWindow,
            };
            let wait = Duration::from_millis(wait_ms);
            if let Some(line) = throttled(provider, wait, source, self.verbose) {
                emit(&line);
            }
        }
    }
}

/// Where a wait comes from, as `--verbose` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    /// This process's own rate limit or pause.
    Local,
    /// The window shared through `--shared-limits`.
    SharedWindow,
    /// A pause shared through `--shared-limits` (set by any process on the key).
    SharedPause,
}

/// Prints crm-runtime's shared-limits warnings on stderr, `--verbose` or not.
struct SharedLimitsLayer;

impl<S: Subscriber> Layer<S> for SharedLimitsLayer {
    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        struct Message(String);
        impl Visit for Message {
            fn record_str(&mut self, field: &Field, value: &str) {
                if field.name() == "message" {
                    self.0 = value.to_string();
                }
            }
            fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
                if field.name() == "message" {
                    self.0 = format!("{value:?}");
                }
            }
        }
        let mut m = Message(String::new());
        event.record(&mut m);
        emit(&format!("warning: {}\n", sanitize::terminal(&m.0)));
    }
}

/// Records a wait; shows it on the progress bar; returns the `--verbose` line to log, if any.
fn throttled(provider: &str, wait: Duration, source: Source, verbose: bool) -> Option<String> {
    let provider = sanitize::terminal(provider);
    let now = chrono::Utc::now();
    let until_instant = Instant::now() + wait;
    let until = now + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::MAX);
    let secs = wait.as_secs_f64();
    let shown = with_state(|s| {
        let known = s.waits.get(&provider).is_some_and(|&end| until_instant <= end + SAME_WAIT);
        if known {
            return false;
        }
        s.waits.insert(provider.clone(), until_instant);
        if let Some(bar) = &s.bar {
            bar.set_message(format!(
                "— {provider}: waiting on the rate limit until {} ({secs:.0} s)",
                until.format("%H:%M:%S UTC")
            ));
            s.bar_until = Some(until_instant);
        }
        true
    });
    let on = match source {
        Source::Local => "the rate limit",
        Source::SharedWindow => "the shared rate-limit window (--shared-limits)",
        Source::SharedPause => "a shared throttle pause (--shared-limits)",
    };
    (shown && verbose).then(|| {
        format!(
            "{}  INFO {provider}: waiting {secs:.3} s on {on}, until {}\n",
            now.format("%Y-%m-%dT%H:%M:%S%.6fZ"),
            until.format("%Y-%m-%dT%H:%M:%S%.3fZ"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    /// The layer with a capturing sink in place of stderr: the agreed event shape in, one line out
    /// per distinct wait.
    #[test]
    fn throttle_events_become_one_log_line_per_wait() {
        let lines: Arc<Mutex<Vec<String>>> = Arc::default();
        struct Capture(Arc<Mutex<Vec<String>>>);
        impl<S: Subscriber> Layer<S> for Capture {
            fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
                let mut fields = ThrottleFields::default();
                event.record(&mut fields);
                let provider = fields.provider.unwrap_or_default();
                let source = if fields.shared { Source::SharedPause } else { Source::Local };
                let wait = Duration::from_millis(fields.wait_ms.unwrap());
                if let Some(line) = throttled(&provider, wait, source, true) {
                    self.0.lock().unwrap().push(line);
                }
            }
        }
        let bar = ProgressBar::hidden();
        set_progress_bar(&bar);
        let subscriber = tracing_subscriber::registry()
            .with(Capture(lines.clone()).with_filter(filter_fn(|m| m.target() == THROTTLE_TARGET)));
        tracing::subscriber::with_default(subscriber, || {
            tracing::info!(target: "crm_runtime::throttle", provider = "unit-test", wait_ms = 45_000u64, "waiting on rate limit");
            // The same pause reported by another waiting request: not logged again.
            tracing::info!(target: "crm_runtime::throttle", provider = "unit-test", wait_ms = 44_900u64, "waiting on rate limit");
            tracing::info!(target: "other", provider = "unit-test", wait_ms = 1u64, "not a throttle event");
            let shown = bar.message();
            assert!(shown.starts_with("— unit-test: waiting on the rate limit until "), "{shown}");
            assert!(shown.ends_with(" UTC (45 s)"), "{shown}");
            tracing::info!(target: "crm_runtime::throttle", provider = "unit-\u{1b}[31mtest2", wait_ms = 1_500u64, "waiting on rate limit");
        });
        // The last wait (1.5 s) is shown until it is over, then the bar's message is cleared.
        assert!(bar.message().contains("waiting on the rate limit"));
        std::thread::sleep(Duration::from_millis(1600));
        progress_tick();
        assert_eq!(bar.message(), "");
        clear_progress_bar();
        let lines = lines.lock().unwrap();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(
            lines[0].contains("INFO unit-test: waiting 45.000 s on the rate limit, until 20"),
            "{}",
            lines[0]
        );
        assert!(lines[1].contains("unit-\\u{1b}[31mtest2: waiting 1.500 s"), "{}", lines[1]);
        assert!(lines.iter().all(|l| !l.contains('\u{1b}') && l.ends_with('\n')));
    }
}
