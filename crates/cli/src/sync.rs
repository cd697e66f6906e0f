//! `sync`: mirror a provider's customers into SQLite (default) or Postgres through `crm-sync`.
//!
//! nd and Pluuug sync their whole documented list (`--details`: each detail too); Gofive and
//! eshouhou sync the IDs given (arguments and/or `--ids-file`). One summary JSON line on stdout
//! (`{"provider","run","resumed_from","status","seen","created","updated","unchanged","deleted",
//! "skipped","not_found","to"}`), errors on stderr. Exit codes: those of every command, plus 2 when
//! another run of the provider holds the database's lock, 5 for a database error (table and
//! operation named); an ID run goes on past IDs the provider does not know (one `error:` line each)
//! and exits 3 when there were any.

use std::{
    path::PathBuf,
    sync::{
        Arc, Mutex, PoisonError,
        atomic::{AtomicBool, Ordering},
    },
};

use crm_sync::{ErrorKind, Input, Options, Target};
use customer_core::Provider;
use futures::StreamExt;

use crate::{
    connect::{ConnectArgs, Connection},
    exit, get, ids, logging, output, parse_provider, sanitize,
    stop::Interrupt,
};

/// Where `sync` writes unless `--to` says otherwise.
const DEFAULT_TO: &str = "sqlite://crm-customers.db";

/// Arguments of `sync`.
#[derive(clap::Args, Debug)]
pub struct SyncArgs {
    /// nd or pluuug (whole list), gofive or eshouhou (the IDs given).
    #[arg(value_parser = parse_provider, required_unless_present = "print_schema")]
    provider: Option<Provider>,
    /// Customer IDs to sync (gofive, eshouhou; with nd/pluuug, instead of the list).
    ids: Vec<String>,
    /// Database URL: sqlite://FILE or postgres://USER[:PASSWORD]@HOST[:PORT]/DB (no TLS).
    #[arg(long, value_name = "URL", default_value = DEFAULT_TO)]
    to: String,
    /// Fetch each listed customer's detail and store it instead of the list item.
    #[arg(long)]
    details: bool,
    /// Read IDs one per line from FILE (`-` = stdin); blank lines are skipped.
    #[arg(long, value_name = "FILE|-")]
    ids_file: Option<PathBuf>,
    /// Continue the provider's last failed or interrupted run from its recorded point (a full
    /// run when there is none).
    #[arg(long)]
    resume: bool,
    /// Print the database schema (of --to's kind) and exit.
    #[arg(long)]
    print_schema: bool,
    /// Customers written per transaction.
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    batch: u32,
    /// Detail requests in flight at once (--details, IDs).
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=1024))]
    concurrency: u16,
    #[command(flatten)]
    connect: ConnectArgs,
}

struct CliControl {
    stop: Arc<AtomicBool>,
    bar: Option<indicatif::ProgressBar>,
}

impl crm_sync::Control for CliControl {
    fn progress(&self, handled: u64) {
        if let Some(pb) = &self.bar {
            pb.set_position(handled);
        }
    }
    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
    fn not_found(&self, id: &str, error: &customer_core::Error) {
        logging::error(&format!("{error} (ID `{id}`: not synced; the run goes on)"));
    }
}

/// `crm-customers sync`.
pub async fn run(args: SyncArgs) -> u8 {
    sanitize::register_url_password(&args.to);
    let target = match Target::parse(&args.to) {
        Ok(t) => t,
        Err(e) => {
            logging::error(&e.to_string());
            return exit::USAGE;
        }
    };
    if args.print_schema {
        return output::print(crm_sync::schema(target.backend()), exit::OK);
    }
    let Some(provider) = args.provider else {
        logging::error(&format!("sync needs a provider ({})", Provider::names(", ")));
        return exit::USAGE;
    };
    let listing = args.ids.is_empty() && args.ids_file.is_none();
    if listing && !provider.facts().list.is_documented() {
        logging::error(&format!(
            "{}; give IDs as arguments or with --ids-file",
            customer_core::list::not_documented(provider)
        ));
        return exit::USAGE;
    }
    // A bad line of the IDs (stdin or a pipe, checked as it streams) ends them; the IDs before it
    // are synced, then the line is reported and the exit code is 2 (as `get` does).
    let bad_line: Arc<Mutex<Option<String>>> = Arc::default();
    let input = if listing {
        Input::List
    } else {
        let mut stream = match ids::stream_for(Some(provider), args.ids.clone(), args.ids_file.as_deref()) {
            Ok(stream) => stream,
            Err(e) => {
                logging::error(&e);
                return exit::USAGE;
            }
        };
        // Arguments and a regular IDs file are checked whole before their first ID comes out: a
        // bad one is a usage error before any request, and no run is recorded for it.
        let first = match stream.next().await {
            Some(Err(e)) => {
                logging::error(&e);
                return exit::USAGE;
            }
            first => first,
        };
        let bad = bad_line.clone();
        let ids = futures::stream::iter(first).chain(stream).scan((), move |(), id| {
            futures::future::ready(match id {
                Ok(id) => Some(id),
                Err(e) => {
                    *bad.lock().unwrap_or_else(PoisonError::into_inner) = Some(e);
                    None
                }
            })
        });
        Input::Ids(ids.boxed())
    };
    let connection = match Connection::open(provider, &args.connect).await {
        Ok(c) => c,
        Err(code) => return code,
    };
    let code = sync_into(connection.source.clone(), provider, &target, input, &args).await;
    connection.close().await;
    match bad_line.lock().unwrap_or_else(PoisonError::into_inner).take() {
        Some(e) => {
            logging::error(&e);
            if matches!(code, exit::OK | exit::NOT_FOUND) { exit::USAGE } else { code }
        }
        None => code,
    }
}

/// How to continue a failed run: `--resume` with what selects the same run (a run resumes only
/// the provider's last run, and only with the same mode — `--details` — and, for IDs, the same
/// IDs in the same order, since its resume point counts them).
fn resume_hint(provider: Provider, args: &SyncArgs) -> String {
    let same_to = if args.to == DEFAULT_TO { "" } else { " and the same --to" };
    if args.ids.is_empty() && args.ids_file.is_none() {
        let details = if args.details { " --details" } else { "" };
        format!(
            " (nothing was deleted; continue with `crm-customers sync {provider}{details} --resume`{same_to})"
        )
    } else {
        format!(
            " (continue with the same command and `--resume`: the same IDs in the same order{same_to}, \
             since the run's resume point counts the IDs handled)"
        )
    }
}

async fn sync_into(
    source: Arc<dyn customer_core::CustomerSource>,
    provider: Provider,
    target: &Target,
    input: Input,
    args: &SyncArgs,
) -> u8 {
    let options = Options::new()
        .details(args.details)
        .resume(args.resume)
        .batch(args.batch as usize)
        .concurrency(usize::from(args.concurrency));
    let stop = Arc::new(AtomicBool::new(false));
    let bar = logging::spinner("{spinner} {pos} customers synced ({per_sec}, {elapsed})");
    let control = CliControl { stop: stop.clone(), bar: bar.clone() };
    // Ctrl-C or a closed stdout stops the run between customers: what was written is committed,
    // the run is recorded as interrupted (resumable).
    let interrupted = Arc::new(AtomicBool::new(false));
    let watcher = {
        let (stop, interrupted) = (stop.clone(), interrupted.clone());
        tokio::spawn(async move {
            let mut interrupt = Interrupt::new();
            let gone = output::reader_gone();
            tokio::select! {
                () = interrupt.recv() => interrupted.store(true, Ordering::Relaxed),
                () = gone => {}
            }
            stop.store(true, Ordering::Relaxed);
        })
    };
    let result = crm_sync::sync(source, target, input, &options, &control).await;
    watcher.abort();
    logging::finish_spinner(bar);
    let summary = |r: &crm_sync::Report| {
        serde_json::json!({
            "provider": provider.as_str(),
            "run": r.run_id,
            "resumed_from": r.resumed_from,
            "status": r.status,
            "seen": r.seen,
            "created": r.created,
            "updated": r.updated,
            "unchanged": r.unchanged,
            "deleted": r.deleted,
            "skipped": r.skipped,
            "not_found": r.not_found,
            "to": target.to_string(),
        })
        .to_string()
            + "\n"
    };
    match result {
        // IDs not found do not stop an ID run; they are reported as they come, and the exit code
        // says some were (as `get` with several IDs).
        Ok(report) => {
            let code = if report.not_found > 0 { exit::NOT_FOUND } else { exit::OK };
            output::print(&summary(&report), code)
        }
        Err(e) => {
            let code = match e.kind() {
                ErrorKind::Locked | ErrorKind::Config => exit::USAGE,
                ErrorKind::Database => exit::PROVIDER,
                ErrorKind::Interrupted if interrupted.load(Ordering::Relaxed) => exit::INTERRUPTED,
                ErrorKind::Interrupted => exit::BROKEN_PIPE,
                ErrorKind::Provider => {
                    e.provider_error().map_or(exit::PROVIDER, |p| get::exit_code(p.kind()))
                }
                _ => exit::PROVIDER,
            };
            if let Some(report) = e.report()
                && code != exit::BROKEN_PIPE
                && let Err(w) = output::write_stdout(&summary(report))
            {
                return output::write_failed(&w);
            }
            if code != exit::BROKEN_PIPE && code != exit::INTERRUPTED {
                let hint = match (e.kind(), e.report()) {
                    (ErrorKind::Provider | ErrorKind::Database, Some(_)) => resume_hint(provider, args),
                    _ => String::new(),
                };
                logging::error(&format!("sync {provider} to {target}: {e}{hint}"));
            }
            code
        }
    }
}
