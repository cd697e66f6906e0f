//! Mirror a provider's customers into a database: SQLite (a file, the default) or Postgres.
//!
//! [`sync`] reads customers from any [`CustomerSource`] (the whole documented list, optionally each
//! detail, or the IDs given) and writes them to the schema of [`schema`]:
//!
//! - `customers`: one row per (provider, id): the shared-model JSON (`jsonb` in Postgres, JSON
//!   text in SQLite), the raw body exactly as received, a content hash, first/last seen,
//!   `deleted_at`. In Postgres a view of `customer_bodies` and `customer_state` (schema version
//!   3: the state every run updates is a narrow row of its own).
//! - `sync_runs`: one row per run: started, finished, status, counts, resume point.
//! - `sync_changes`: one row per change: run, provider, id, `created`/`updated`/`deleted`, and
//!   which top-level shared-model fields changed.
//!
//! Guarantees:
//! - Upserts are idempotent (keyed by provider + id, compared by content hash) and batched, one
//!   transaction per batch; a batch and the run's resume point commit together. In Postgres a
//!   batch commits with `synchronous_commit = off`: a server crash can lose the last batches
//!   committed before it (a fraction of a second of them) together with their resume point, so
//!   [`Options::resume`] fetches them again; the run's last commit (status, deletions) waits for
//!   the flush of everything before it.
//! - A customer is marked deleted only when a run (with the runs it resumed) listed the provider
//!   completely without error. A run that fails part-way keeps what it wrote, records where it
//!   stopped (a list: the page — nd's number, Pluuug's cursor — and the customers of it already
//!   written; IDs: how many), and deletes nothing; [`Options::resume`] continues from there
//!   without fetching the pages before it again.
//! - An ID the provider answers "not found" for does not stop an ID run: it is reported
//!   ([`Control::not_found`], [`Report::not_found`]) and the run goes on with the next ID (a
//!   resumed run would only meet it again). Any other error stops the run as above.
//! - Two runs on one provider and database never interleave: Postgres takes a session advisory
//!   lock, SQLite a lock row (`sync_locks`); the second run fails with [`ErrorKind::Locked`]
//!   at once (it does not wait).
//! - A database error names the table and operation; a database URL's password is never in an
//!   error or in [`Target`]'s `Display`/`Debug`.

mod jsonb_order;
mod pg;
mod record;
mod schema;
mod sqlite;
mod store;
#[cfg(feature = "test-util")]
pub mod testing;

use std::{fmt, sync::Arc};

use customer_core::{Customer, CustomerSource, ListPoint, Provider};
use futures::{Stream, StreamExt};

pub use record::Backend;
pub use schema::{SCHEMA_VERSION, schema};

use record::Row;
use store::Store;

/// Where to write: a SQLite file or a Postgres server.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Target {
    /// `sqlite://PATH` (or `sqlite:PATH`): a file, created when missing.
    Sqlite(std::path::PathBuf),
    /// `postgres://…` / `postgresql://…`: a libpq-style URL (no TLS: local or tunnelled servers).
    Postgres(String),
}

impl Target {
    /// Parses a database URL: `sqlite://crm-customers.db`, `sqlite:///abs/path.db`,
    /// `postgres://user:pass@host:5432/db`.
    pub fn parse(url: &str) -> Result<Target, Error> {
        if let Some(rest) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) {
            if rest.is_empty() {
                return Err(Error::config("a sqlite URL needs a file path: sqlite://crm-customers.db"));
            }
            return Ok(Target::Sqlite(rest.into()));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Target::Postgres(url.to_string()));
        }
        Err(Error::config(format!(
            "unsupported database URL `{}`: expected sqlite://FILE or postgres://…",
            redact(url)
        )))
    }

    /// The backend of this target.
    pub fn backend(&self) -> Backend {
        match self {
            Target::Sqlite(_) => Backend::Sqlite,
            Target::Postgres(_) => Backend::Postgres,
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Sqlite(p) => write!(f, "sqlite://{}", p.display()),
            Target::Postgres(url) => f.write_str(&redact(url)),
        }
    }
}

impl fmt::Debug for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Target({self})")
    }
}

/// `url` with the password of its userinfo (`scheme://user:password@host`) and the value of any
/// `password=` pair (a query parameter, or a libpq key/value string given where a URL belongs)
/// replaced by `***`.
pub fn redact(url: &str) -> String {
    let mut out = url.to_string();
    if let Some(start) = url.find("://").map(|i| i + 3) {
        let rest = &url[start..];
        // Where the userinfo ends: RFC 3986 ends the authority at the first `/`, `?` or `#` and
        // the userinfo at its last `@`; the Postgres driver takes everything up to the first `@`,
        // so a password with an unencoded `/`, `?` or `#` still reaches the server. The wider of
        // the two is masked.
        let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let at = [rest[..authority_end].rfind('@'), rest.find('@')].into_iter().flatten().max();
        if let Some(at) = at
            && let Some(colon) = rest[..at].find(':')
        {
            out = format!("{}***{}", &url[..start + colon + 1], &rest[at..]);
        }
    }
    mask_password_pairs(&out)
}

/// `text` with the value of every `password=VALUE` pair masked: a URL's query (`?password=`,
/// `&password=`) or a libpq key/value string (`host=… password=…`, the value possibly quoted).
fn mask_password_pairs(text: &str) -> String {
    const KEY: &str = "password=";
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut from = 0;
    while let Some(i) = lower[from..].find(KEY).map(|i| from + i) {
        let value = i + KEY.len();
        from = value;
        let starts_pair =
            text[..i].chars().next_back().is_none_or(|c| c.is_whitespace() || matches!(c, '?' | '&'));
        if !starts_pair {
            continue;
        }
        let end = match text[value..].chars().next() {
            Some(q @ ('\'' | '"')) => text[value + 1..].find(q).map_or(text.len(), |j| value + 1 + j + 1),
            _ => {
                text[value..].find(|c: char| c.is_whitespace() || c == '&').map_or(text.len(), |j| value + j)
            }
        };
        out.push_str(&text[copied..value]);
        out.push_str("***");
        copied = end;
        from = end;
    }
    out.push_str(&text[copied..]);
    out
}

/// What went wrong, for an exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Bad target URL or options.
    Config,
    /// Another run holds the provider's lock on this database.
    Locked,
    /// The database refused a statement or could not be reached (table and operation named).
    Database,
    /// The provider failed (the source error is kept: [`Error::provider_error`]).
    Provider,
    /// The caller stopped the run ([`Control::stopped`]).
    Interrupted,
}

/// A sync error: kind and a message that never contains a database password.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Error {
    kind: ErrorKind,
    message: String,
    source_error: Option<Box<customer_core::Error>>,
    report: Option<Box<Report>>,
}

impl Error {
    fn config(message: impl Into<String>) -> Error {
        Error { kind: ErrorKind::Config, message: message.into(), source_error: None, report: None }
    }
    pub(crate) fn db(table: &str, operation: &str, detail: impl fmt::Display) -> Error {
        Error {
            kind: ErrorKind::Database,
            message: format!("database error: table `{table}`, {operation}: {detail}"),
            source_error: None,
            report: None,
        }
    }
    pub(crate) fn locked(message: String) -> Error {
        Error { kind: ErrorKind::Locked, message, source_error: None, report: None }
    }
    fn with_report(mut self, report: Report) -> Error {
        self.report = Some(Box::new(report));
        self
    }
    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
    /// The provider's error, for [`ErrorKind::Provider`].
    pub fn provider_error(&self) -> Option<&customer_core::Error> {
        self.source_error.as_deref()
    }
    /// What the failed run wrote before it stopped (when it got as far as starting a run).
    pub fn report(&self) -> Option<&Report> {
        self.report.as_deref()
    }
}

/// What to sync.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct Options {
    /// With a list: fetch each listed customer's detail and store that instead of the list item.
    pub details: bool,
    /// Continue the provider's last failed or interrupted run from its resume point (a full run
    /// when there is none).
    pub resume: bool,
    /// Customers per transaction (default 500).
    pub batch: usize,
    /// Detail requests in flight at once (default 8).
    pub concurrency: usize,
}

impl Options {
    /// Defaults: list items, no resume, 500 per batch, 8 details in flight.
    pub fn new() -> Options {
        Options { details: false, resume: false, batch: 500, concurrency: 8 }
    }
    /// Sets [`Options::details`].
    pub fn details(mut self, on: bool) -> Self {
        self.details = on;
        self
    }
    /// Sets [`Options::resume`].
    pub fn resume(mut self, on: bool) -> Self {
        self.resume = on;
        self
    }
    /// Sets [`Options::batch`].
    pub fn batch(mut self, n: usize) -> Self {
        self.batch = n.max(1);
        self
    }
    /// Sets [`Options::concurrency`].
    pub fn concurrency(mut self, n: usize) -> Self {
        self.concurrency = n.max(1);
        self
    }
}

/// Which customers a run reads.
#[non_exhaustive]
pub enum Input {
    /// The provider's whole documented list ([`CustomerSource::customers`]); a complete run marks
    /// customers it did not see as deleted.
    List,
    /// These IDs (each fetched with [`CustomerSource::customer`]); never deletes.
    Ids(futures::stream::BoxStream<'static, String>),
}

/// Progress and cancellation hooks of a run.
pub trait Control: Send + Sync {
    /// Called after each committed batch with the customers handled so far in this run.
    fn progress(&self, _handled: u64) {}
    /// True when the run should stop (e.g. Ctrl-C); checked between customers and, while the run
    /// waits for the next one (a slow provider, a quiet stdin), every [`STOP_POLL`].
    fn stopped(&self) -> bool {
        false
    }
    /// An ID run's ID that the provider answered "not found" for (nothing written for it; the
    /// run goes on).
    fn not_found(&self, _id: &str, _error: &customer_core::Error) {}
}

/// No progress, never stopped.
pub struct NoControl;
impl Control for NoControl {}

/// Counts of a run.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct Report {
    /// The run's id in `sync_runs`.
    pub run_id: i64,
    /// The run this one resumed, if any.
    pub resumed_from: Option<i64>,
    /// `completed`, `failed` or `interrupted`.
    pub status: String,
    /// Customers read from the provider and written (or found unchanged) in this run.
    pub seen: u64,
    /// New rows (or rows that came back after being marked deleted).
    pub created: u64,
    /// Rows whose content changed.
    pub updated: u64,
    /// Rows unchanged (only `last_seen` moved).
    pub unchanged: u64,
    /// Rows marked deleted at the end of a complete listing.
    pub deleted: u64,
    /// Customers skipped on resume (already written by the resumed run).
    pub skipped: u64,
    /// IDs of an ID run the provider answered "not found" for (nothing written for them).
    pub not_found: u64,
}

/// Runs one sync of `source` into `target`.
///
/// Errors: [`ErrorKind::Locked`] when another run holds the provider; [`ErrorKind::Database`] on a
/// database failure; [`ErrorKind::Provider`] when the provider fails part-way (what was written
/// stays, the run is `failed` with its resume point, nothing is deleted); [`ErrorKind::Interrupted`]
/// when [`Control::stopped`] turns true. [`Error::report`] has the counts of a failed run.
pub async fn sync(
    source: Arc<dyn CustomerSource>,
    target: &Target,
    input: Input,
    options: &Options,
    control: &dyn Control,
) -> Result<Report, Error> {
    let provider = source.provider();
    let mut store = Store::open(target).await?;
    store.migrate().await?;
    store.lock(provider).await?;
    let result = run(&mut store, source, provider, input, options, control).await;
    let unlocked = store.unlock(provider).await;
    let report = result?;
    unlocked?;
    Ok(report)
}

/// Creates or migrates the schema of `target` without syncing.
pub async fn migrate(target: &Target) -> Result<(), Error> {
    Store::open(target).await?.migrate().await
}

async fn run(
    store: &mut Store,
    source: Arc<dyn CustomerSource>,
    provider: Provider,
    input: Input,
    options: &Options,
    control: &dyn Control,
) -> Result<Report, Error> {
    let listing = matches!(input, Input::List);
    let mode = if listing { if options.details { "list+details" } else { "list" } } else { "ids" };
    let resume = if options.resume { store.resumable(provider, mode).await? } else { None };
    // An ID run's fingerprint of the IDs handled, recorded with each resume point. A resume reads
    // the IDs its run handled again and checks them before anything is started: the point only
    // counts them, so other IDs would be skipped unseen. (`None`: a run resumed from a point
    // recorded before fingerprints, which is not checked.)
    let mut input = input;
    let mut id_chain: Option<record::IdChain> = None;
    let mut handled_ids_read = false;
    if let Input::Ids(ids) = &mut input {
        match resume.as_ref() {
            None => id_chain = Some(record::IdChain::default()),
            Some(r) => {
                if let Some(expected) = &r.point.ids {
                    let mut chain = record::IdChain::default();
                    let mut read = 0;
                    while read < r.point.offset {
                        let Some(id) = ids.next().await else { break };
                        chain.push(&id);
                        read += 1;
                    }
                    if read < r.point.offset || &chain.fingerprint() != expected {
                        return Err(Error::config(format!(
                            "--resume: these are not the IDs run {} was given (its first {} were handled); \
                             resume with the same IDs in the same order, or sync without --resume",
                            r.run_id, r.point.offset
                        )));
                    }
                    id_chain = Some(chain);
                    handled_ids_read = true;
                }
            }
        }
    }
    let started = store.start_run(provider, mode, resume.as_ref()).await?;
    let mut report = Report {
        run_id: started.run_id,
        resumed_from: resume.as_ref().map(|r| r.run_id),
        status: "running".into(),
        ..Report::default()
    };
    let from = resume.as_ref().map(|r| r.point.clone()).unwrap_or_default();
    // Each customer with the resume point just after it (a list: its page and place there).
    let stream: futures::stream::BoxStream<'static, Result<Fetched, customer_core::Error>> = match input {
        Input::List => match source.customers_from(&ListPoint::at(from.page.clone(), from.skip)) {
            Err(e) => {
                let err = provider_error(e);
                store.finish_run(&report, "failed", None).await?;
                return Err(err.with_report(Report { status: "failed".into(), ..report }));
            }
            Ok(list) => {
                let list = list.map(|r| r.map(|(customer, at)| (customer, Some(at.after()))));
                let found = |r: Result<_, _>| r.map(|(customer, at)| Fetched::Customer(customer, at));
                if options.details {
                    let source = source.clone();
                    details(list, source, options.concurrency).map(found).boxed()
                } else {
                    list.map(found).boxed()
                }
            }
        },
        Input::Ids(ids) => {
            let source = source.clone();
            let handled = if handled_ids_read { 0 } else { from.offset };
            let ids = ids.skip(usize::try_from(handled).unwrap_or(usize::MAX));
            ids.map(move |id| {
                let source = source.clone();
                async move {
                    match source.customer(&id).await {
                        Ok(c) => Ok(Fetched::ById(id, c)),
                        Err(e) if e.kind() == customer_core::ErrorKind::NotFound => {
                            Ok(Fetched::NotFound(id, e))
                        }
                        Err(e) => Err(e),
                    }
                }
            })
            .buffered(options.concurrency.max(1))
            .boxed()
        }
    };
    report.skipped = from.offset;
    let mut point = from;
    let batch_size = options.batch.max(1);
    // The fetcher reads the pages in its own task, one after another as `list` does (a serial
    // chain: request, the provider's answer, parse, map), into a bounded channel (memory stays
    // flat; it waits when the writer falls behind); customers cross over in chunks (those ready
    // together, about a page) rather than one by one, which cost more in thread wake-ups than it
    // saved. This task writes batch k while it gathers batch k+1 and turns each of its customers
    // into a row (serialise, order for `jsonb`, hash: about a third of the CLI's CPU in a sync):
    // that work overlaps the database's, off the fetch chain.
    let (tx, mut items) = tokio::sync::mpsc::channel::<Vec<_>>(CHUNKS_IN_FLIGHT);
    let fetcher = tokio::spawn(async move {
        let mut chunks = stream.ready_chunks(CHUNK);
        while let Some(chunk) = chunks.next().await {
            if tx.send(chunk).await.is_err() {
                break;
            }
        }
    });
    // Ends the fetcher (and its requests in flight) however this function returns.
    let _fetcher = AbortOnDrop(fetcher);
    let order = store.order_hint();
    let mut carry = Vec::new().into_iter();
    let failure: Option<Error>;
    // A batch gathered and not yet written, with the resume point after it.
    let mut ready: Option<(Vec<Row>, record::Point)> = None;
    loop {
        let gather = async {
            let ordered = order.as_ref().is_some_and(|o| o.load(std::sync::atomic::Ordering::Relaxed));
            let mut rows = Vec::with_capacity(batch_size);
            let mut not_found = 0;
            // None: more to come; Some(None): the input ended; Some(Some(e)): it failed.
            let mut end: Option<Option<Error>> = None;
            while rows.len() < batch_size {
                if control.stopped() {
                    end = Some(Some(Error {
                        kind: ErrorKind::Interrupted,
                        message: "interrupted".into(),
                        source_error: None,
                        report: None,
                    }));
                    break;
                }
                let Some(item) = carry.next() else {
                    // Waiting for the next customers (a request in flight, a retry's wait, an IDs
                    // pipe with nothing to say) does not delay a stop: it is looked at every
                    // STOP_POLL, and the requests in flight are dropped with the fetcher.
                    tokio::select! {
                        chunk = items.recv() => match chunk {
                            Some(chunk) => carry = chunk.into_iter(),
                            None => {
                                end = Some(None);
                                break;
                            }
                        },
                        () = stop_requested(control) => {}
                    }
                    continue;
                };
                match item {
                    Err(e) => {
                        end = Some(Some(provider_error(e)));
                        break;
                    }
                    Ok(Fetched::Customer(customer, after)) => {
                        point.offset += 1;
                        if let Some(after) = after {
                            (point.page, point.skip) = (after.page, after.skip);
                        }
                        rows.push(Row::from_customer(customer, ordered));
                    }
                    Ok(Fetched::ById(id, customer)) => {
                        point.offset += 1;
                        if let Some(chain) = &mut id_chain {
                            chain.push(&id);
                        }
                        rows.push(Row::from_customer(customer, ordered));
                    }
                    Ok(Fetched::NotFound(id, e)) => {
                        point.offset += 1;
                        if let Some(chain) = &mut id_chain {
                            chain.push(&id);
                        }
                        not_found += 1;
                        control.not_found(&id, &e);
                    }
                }
            }
            point.ids = id_chain.as_ref().map(record::IdChain::fingerprint);
            (rows, point.clone(), end, not_found)
        };
        let step = match ready.take() {
            Some((batch, at)) => {
                // Both at once; a failed write ends the run at once (the batch being gathered is
                // dropped unwritten, and no more is fetched for it).
                let write = store.write_batch(&started, provider, batch, &at);
                let (mut write, mut gather) = (std::pin::pin!(write), std::pin::pin!(gather));
                let mut gathered = None;
                let written = loop {
                    tokio::select! {
                        biased;
                        w = &mut write => break w,
                        g = &mut gather, if gathered.is_none() => gathered = Some(g),
                    }
                };
                match written {
                    Ok(counts) => {
                        report.add(&counts);
                        control.progress(report.seen);
                        Ok(match gathered {
                            Some(g) => g,
                            None => gather.await,
                        })
                    }
                    Err(e) => Err(e),
                }
            }
            None => Ok(gather.await),
        };
        let (rows, at, end, not_found) = match step {
            Ok(step) => step,
            Err(e) => return Err(failed_write(store, report, e).await),
        };
        report.not_found += not_found;
        // A batch of only IDs not found still moves the resume point past them.
        if !rows.is_empty() || not_found > 0 {
            ready = Some((rows, at));
        }
        if let Some(f) = end {
            failure = f;
            break;
        }
    }
    // Nothing more is fetched (customers already fetched but not written are not recorded).
    drop(items);
    drop(_fetcher);
    if let Some((batch, at)) = ready.take() {
        match store.write_batch(&started, provider, batch, &at).await {
            Ok(counts) => report.add(&counts),
            Err(e) => return Err(failed_write(store, report, e).await),
        }
        control.progress(report.seen);
    }
    match failure {
        Some(e) => {
            let status = if e.kind == ErrorKind::Interrupted { "interrupted" } else { "failed" };
            report.status = status.into();
            store.finish_run(&report, status, None).await?;
            Err(e.with_report(report))
        }
        None => {
            let deleted = if listing { Some(started.listing_id) } else { None };
            report.deleted = store.finish_run(&report, "completed", deleted).await?;
            report.status = "completed".into();
            Ok(report)
        }
    }
}

/// A batch that could not be written ends the run: it is recorded as failed with what was
/// written before it (when the database still answers; otherwise it stays `running`, and
/// `--resume` continues it all the same), and the error carries the run's report.
async fn failed_write(store: &mut Store, mut report: Report, e: Error) -> Error {
    report.status = "failed".into();
    let _ = store.finish_run(&report, "failed", None).await;
    e.with_report(report)
}

/// What the fetcher hands over for each customer read (nearly every item is a customer, moved
/// once into a chunk: not boxed).
enum Fetched {
    /// A customer, with the list's resume point just after it (a list only).
    Customer(Customer, Option<ListPoint>),
    /// A customer of an ID run, with the ID it was asked for.
    ById(String, Customer),
    /// An ID of an ID run that the provider answered "not found" for.
    NotFound(String, customer_core::Error),
}

/// How often a run waiting for customers looks at [`Control::stopped`].
pub const STOP_POLL: std::time::Duration = std::time::Duration::from_millis(50);

/// Returns once `control` asks the run to stop (looked at every [`STOP_POLL`]).
async fn stop_requested(control: &dyn Control) {
    while !control.stopped() {
        tokio::time::sleep(STOP_POLL).await;
    }
}

/// Customers handed from the fetcher to the writer at a time, at most.
const CHUNK: usize = 256;
/// Chunks waiting between the fetcher and the writer, at most.
const CHUNKS_IN_FLIGHT: usize = 2;

/// Aborts a spawned task when dropped.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Each listed customer's detail in its place (order kept, `concurrency` in flight).
fn details<P: Send + 'static>(
    list: impl Stream<Item = Result<(Customer, P), customer_core::Error>> + Send + 'static,
    source: Arc<dyn CustomerSource>,
    concurrency: usize,
) -> impl Stream<Item = Result<(Customer, P), customer_core::Error>> + Send + 'static {
    list.map(move |item| {
        let source = source.clone();
        async move {
            match item {
                Ok((c, at)) => source.customer(&c.id).await.map(|d| (d, at)),
                Err(e) => Err(e),
            }
        }
    })
    .buffered(concurrency.max(1))
}

fn provider_error(e: customer_core::Error) -> Error {
    Error { kind: ErrorKind::Provider, message: e.to_string(), source_error: Some(Box::new(e)), report: None }
}

impl Report {
    fn add(&mut self, c: &record::Counts) {
        self.seen += c.created + c.updated + c.unchanged;
        self.created += c.created;
        self.updated += c.updated;
        self.unchanged += c.unchanged;
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn redact_masks_every_form_of_a_password() {
        let cases = [
            ("postgres://u:secret-pw@h:5432/db", "postgres://u:***@h:5432/db"),
            ("postgres://u@h/db", "postgres://u@h/db"),
            ("postgres://h/db?sslmode=disable", "postgres://h/db?sslmode=disable"),
            // Unencoded `/`, `?`, `#` and `@` in the password (the driver accepts the first three).
            ("postgres://u:sec/ret@h:5432/db", "postgres://u:***@h:5432/db"),
            ("postgres://u:ab#secret@h/db", "postgres://u:***@h/db"),
            ("postgres://u:ab?secret@h/db", "postgres://u:***@h/db"),
            ("postgres://u:p@ss@h/db", "postgres://u:***@h/db"),
            ("postgres://u@h/db?user=x&password=secret-pw&x=1", "postgres://u@h/db?user=x&password=***&x=1"),
            ("postgres://h/db?PASSWORD=secret-pw", "postgres://h/db?PASSWORD=***"),
            ("host=127.0.0.1 password=secret-pw user=u", "host=127.0.0.1 password=*** user=u"),
            ("host=h password='secret pw' user=u", "host=h password=*** user=u"),
            ("host=h mypassword=visible", "host=h mypassword=visible"),
        ];
        for (url, want) in cases {
            assert_eq!(redact(url), want, "{url}");
        }
    }
}
