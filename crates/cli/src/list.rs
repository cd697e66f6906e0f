//! `list`: every customer of a provider that documents a customer list, streamed page by page
//! (`CustomerSource::customers`), each list item mapped to the Customer model; with `--details`,
//! each customer's detail is fetched through `get`'s bulk machinery (concurrency, limits,
//! back-off) instead.
//!
//! Output items are those of `get` with several IDs: `{"id", "customer"}` (or `{"id", "error"}`
//! for a failed detail); `json` is always an array, `ndjson` one line per customer as it arrives.
//! A provider without a documented list is a usage error (exit 2) saying what it documents. A list
//! that fails part-way (a page error, the provider's page cap) prints every customer listed before
//! the error, then exits with the error's code.

use std::sync::{Arc, Mutex};

use crm_runtime::Error;
use customer_core::{Customer, Provider};
use futures::{StreamExt, future::ready};

use crate::{
    Format,
    connect::{ConnectArgs, Connection},
    exit,
    get::{self, Run},
    ids::{self, IdStream},
    logging,
    output::{self, Item},
    parse_provider,
    sanitize::RawMode,
    stop::{self, Interrupt, Stop},
};

/// Arguments of `list`.
#[derive(clap::Args, Debug)]
pub struct ListArgs {
    /// nd (POST /api/customers/paginate) or pluuug (GET /v1/client); gofive and eshouhou document no
    /// customer list.
    #[arg(value_parser = parse_provider)]
    provider: Provider,
    /// Output format. For `list`, json is always an array of {id, customer} items (a failed
    /// detail: {id, error}).
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Stop after N customers (no further pages are requested).
    #[arg(long, value_name = "N")]
    limit: Option<u64>,
    /// Fetch each customer's detail (every field) instead of mapping the list item.
    #[arg(long)]
    details: bool,
    /// Detail requests in flight at once (with --details).
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=1024))]
    concurrency: u16,
    /// Include the provider's JSON exactly as received (`raw`: the list item, or the detail body).
    #[arg(long)]
    raw: bool,
    #[command(flatten)]
    connect: ConnectArgs,
}

/// `crm-customers list`.
pub async fn run(args: ListArgs) -> u8 {
    let mut interrupt = Interrupt::new();
    let ListArgs { provider, format, limit, details, concurrency, raw, connect } = args;
    let connection = match Connection::open(provider, &connect).await {
        Ok(c) => c,
        Err(code) => return code,
    };
    let code = match connection.source.customers() {
        // No documented list (or no client for it): a usage error naming what is documented.
        Err(e) => {
            logging::error(&e.to_string());
            exit::USAGE
        }
        Ok(customers) => {
            let customers =
                customers.take(limit.map_or(usize::MAX, |n| usize::try_from(n).unwrap_or(usize::MAX)));
            if details {
                let failed: Arc<Mutex<Option<Error>>> = Arc::default();
                let failed_in = failed.clone();
                // A list error ends the IDs; it is reported after the details fetched before it.
                let ids: IdStream = Box::pin(
                    customers
                        .map(move |r| match r.and_then(|c| listed_id(provider, server_id(c))) {
                            Ok(id) => Some(Ok(id)),
                            Err(e) => {
                                *failed_in.lock().unwrap_or_else(|p| p.into_inner()) = Some(e);
                                None
                            }
                        })
                        .take_while(|id| ready(id.is_some()))
                        .filter_map(ready),
                );
                let run = Run { provider, format, concurrency: usize::from(concurrency), raw, single: false };
                let code = run.fetch_all(connection.source.clone(), ids, &mut interrupt).await;
                match failed.lock().unwrap_or_else(|p| p.into_inner()).take() {
                    Some(e) if code == exit::OK => {
                        logging::error(&e.to_string());
                        get::exit_code(e.kind())
                    }
                    Some(e) if !matches!(code, exit::INTERRUPTED | exit::OUTPUT | exit::BROKEN_PIPE) => {
                        logging::error(&e.to_string());
                        code
                    }
                    _ => code,
                }
            } else {
                write_all(provider, customers, format, raw, &mut interrupt).await
            }
        }
    };
    connection.close().await;
    code
}

/// The id exactly as the server listed it: the item's own `id` string when its raw bytes carry
/// one (the mapped `Customer::id` is trimmed, which would fetch another customer), else the
/// mapped id (a numeric id, say).
fn server_id(customer: Customer) -> String {
    #[derive(serde::Deserialize)]
    struct Id {
        id: Option<serde_json::Value>,
    }
    let listed = customer.raw.as_ref().and_then(|raw| serde_json::from_slice::<Id>(raw.as_bytes()).ok());
    match listed.and_then(|l| l.id) {
        Some(serde_json::Value::String(id)) => id,
        _ => customer.id,
    }
}

/// The id of a listed customer, to fetch its detail: the server's data, so an id that is not
/// usable as given (blank, `.`/`..`, control or bidi characters, line separators, surrounding
/// whitespace, over-long) is a bad response (exit 5), never trimmed into another id nor reported
/// as the user's usage error.
fn listed_id(provider: Provider, id: String) -> Result<String, Error> {
    let problem = if id.is_empty() || ids::trim(&id).is_empty() {
        Some("the ID is empty".to_string())
    } else if id == "." || id == ".." {
        Some("the ID is a path segment, not an ID".to_string())
    } else if ids::trim(&id) != id {
        Some("the ID has surrounding whitespace".to_string())
    } else {
        ids::problem(&id)
    };
    match problem {
        None => Ok(id),
        Some(p) => {
            let shown: String = id.chars().take(40).collect();
            Err(Error::new(
                crm_runtime::ErrorKind::BadResponse,
                provider.as_str(),
                "list_details",
                format!("the list gave customer id `{}`, which cannot be fetched: {p}", shown.escape_debug()),
            )
            .with_field("id"))
        }
    }
}

/// How a list run ended.
enum End {
    Finished,
    Interrupted,
    Failed(Error),
    Output(std::io::Error),
}

/// Writes each listed customer as it arrives, flushed line by line. Stops at the first list error
/// (after printing what came before it), on Ctrl-C (exit 130: whole lines, the JSON array
/// closed), or when stdout cannot be written or its reader has gone; dropping the stream then
/// cancels the page in flight and requests no more.
async fn write_all(
    provider: Provider,
    mut customers: impl futures::Stream<Item = Result<Customer, Error>> + Unpin,
    format: Format,
    raw: bool,
    interrupt: &mut Interrupt,
) -> u8 {
    let raw_mode = match format {
        Format::Ndjson => RawMode::Compact,
        _ => RawMode::ExactIfOneLine,
    };
    let progress = logging::spinner("{spinner} {pos} customers listed ({per_sec}, {elapsed})");
    let mut items = output::ItemWriter::new(std::io::stdout().lock(), format, provider, raw_mode);
    let mut end = items.begin().map_or_else(End::Output, |()| End::Finished);
    let reader_gone = output::reader_gone();
    tokio::pin!(reader_gone);
    while matches!(end, End::Finished) {
        let next = match stop::next_or_stop(&mut customers, interrupt, reader_gone.as_mut()).await {
            Ok(next) => next,
            Err(Stop::Interrupted) => {
                end = End::Interrupted;
                break;
            }
            Err(Stop::ReaderGone) => {
                end = End::Output(std::io::ErrorKind::BrokenPipe.into());
                break;
            }
        };
        let customer = match next {
            None => break,
            Some(Err(e)) => {
                end = End::Failed(e);
                break;
            }
            Some(Ok(c)) if raw => c,
            Some(Ok(c)) => c.without_raw(),
        };
        logging::progress_tick();
        if let Some(pb) = &progress {
            pb.inc(1);
        }
        let id = customer.id.clone();
        let result = Ok(customer);
        let written = items.write(&id, &result, &Item::new(&id, &result));
        if let Err(e) = written {
            end = End::Output(e);
        }
    }
    // Cancels the page in flight; nothing more is requested.
    drop(customers);
    logging::finish_spinner(progress);
    // Close what was opened: whole lines, a closed array, the rows listed so far.
    let closed = match &end {
        End::Output(_) => Ok(()),
        _ => items.finish(true),
    };
    match (end, closed) {
        (End::Output(e), _) => output::write_failed(&e),
        (End::Interrupted, _) => exit::INTERRUPTED,
        (_, Err(e)) => output::write_failed(&e),
        (End::Failed(e), Ok(())) => {
            logging::error(&e.to_string());
            get::exit_code(e.kind())
        }
        (End::Finished, Ok(())) => exit::OK,
    }
}
