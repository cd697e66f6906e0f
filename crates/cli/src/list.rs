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

use std::{
    io::{IsTerminal, Write},
    sync::{Arc, Mutex},
};

use crm_runtime::Error;
use customer_core::{Customer, Provider};
use futures::{StreamExt, future::ready};

use crate::{
    Format, exit,
    get::{self, IdStream},
    output::{self, Item},
    parse_provider, parse_timeout,
    sources::{self, Origin},
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
    /// Use the embedded sandbox (in-process, ephemeral port, built-in credentials).
    #[arg(long, conflicts_with = "base_url")]
    sandbox: bool,
    /// Base URL (scheme://host[:port][/prefix]); overrides <PROVIDER>_BASE_URL.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Total time allowed per request (a page, or a detail), retries included, in seconds.
    #[arg(long, value_name = "SECS", value_parser = parse_timeout)]
    timeout: Option<std::time::Duration>,
}

/// `crm-customers list`.
pub async fn run(args: ListArgs) -> u8 {
    let ListArgs { provider, format, limit, details, concurrency, raw, sandbox, base_url, timeout } = args;
    let sandbox = if sandbox {
        match customer_sandbox::Sandbox::start().await {
            Ok(s) => Some(s),
            Err(e) => {
                eprintln!("error: cannot start the embedded sandbox: {e}");
                return exit::USAGE;
            }
        }
    } else {
        None
    };
    let sandbox_url = sandbox.as_ref().map(|s| s.base_url());
    let origin = match (&sandbox, &sandbox_url) {
        (Some(s), Some(url)) => Origin::Sandbox { base_url: url, credentials: s.credentials() },
        _ => Origin::Env { base_url: base_url.as_deref() },
    };
    let code = match sources::build(provider, origin, sources::config(timeout)) {
        Err(e) => {
            eprintln!("error: {e}");
            exit::USAGE
        }
        Ok(source) => match source.customers() {
            // No documented list (or no client for it): a usage error naming what is documented.
            Err(e) => {
                eprintln!("error: {e}");
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
                            .map(move |r| match r {
                                Ok(c) => Some(Ok(c.id)),
                                Err(e) => {
                                    *failed_in.lock().unwrap_or_else(|p| p.into_inner()) = Some(e);
                                    None
                                }
                            })
                            .take_while(|id| ready(id.is_some()))
                            .filter_map(ready),
                    );
                    let code =
                        get::fetch_all(provider, source, ids, format, usize::from(concurrency), raw, false)
                            .await;
                    match failed.lock().unwrap_or_else(|p| p.into_inner()).take() {
                        Some(e) => {
                            eprintln!("error: {e}");
                            if code == exit::OK { get::exit_code(e.kind()) } else { code }
                        }
                        None => code,
                    }
                } else {
                    write_all(provider, customers, format, raw).await
                }
            }
        },
    };
    if let Some(s) = sandbox {
        s.shutdown().await;
    }
    code
}

/// Writes each listed customer as it arrives; stops at the first list error (after printing what
/// came before it), on Ctrl-C (exit 130, output closed: whole lines, the JSON array ended), or
/// when stdout cannot be written; no further pages are requested.
async fn write_all(
    provider: Provider,
    mut customers: impl futures::Stream<Item = Result<Customer, Error>> + Unpin,
    format: Format,
    raw: bool,
) -> u8 {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let progress = std::io::stderr().is_terminal().then(|| {
        let pb = indicatif::ProgressBar::new_spinner();
        pb.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {pos} customers listed ({per_sec}, {elapsed})",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        pb.enable_steady_tick(std::time::Duration::from_millis(120));
        pb
    });
    let mut rows = Vec::new();
    let mut wrote_any = false;
    let mut failure = None;
    let mut write_ok = format != Format::Json || writeln!(out, "[").is_ok();
    let interrupt = tokio::signal::ctrl_c();
    tokio::pin!(interrupt);
    let mut interrupted = false;
    while write_ok {
        let next = tokio::select! {
            biased;
            _ = &mut interrupt => {
                interrupted = true;
                break;
            }
            next = customers.next() => next,
        };
        let Some(result) = next else { break };
        let customer = match result {
            Ok(c) if raw => c,
            Ok(c) => c.without_raw(),
            Err(e) => {
                failure = Some(e);
                break;
            }
        };
        if let Some(pb) = &progress {
            pb.inc(1);
        }
        let id = customer.id.clone();
        let result = Ok(customer);
        write_ok = match format {
            Format::Json => {
                let sep = if wrote_any { "," } else { "" };
                wrote_any = true;
                output::write_item_line(&mut out, sep, &Item::new(&id, &result))
            }
            Format::Ndjson => {
                output::write_item_line(&mut out, "", &Item::new(&id, &result)) && out.flush().is_ok()
            }
            Format::Table => {
                rows.push(output::Row::new(provider, &id, &result));
                true
            }
        };
    }
    if let Some(pb) = progress {
        pb.finish_and_clear();
    }
    if write_ok {
        if format == Format::Json {
            write_ok &= writeln!(out, "]").is_ok();
        }
        if format == Format::Table {
            write_ok &= writeln!(out, "{}", output::table(&rows)).is_ok();
        }
        write_ok &= out.flush().is_ok();
    }
    if interrupted {
        // Whole lines and a closed array are on stdout; no further page is requested.
        return 130;
    }
    if let Some(e) = failure {
        eprintln!("error: {e}");
        return get::exit_code(e.kind());
    }
    // 74 = EX_IOERR, as `get` reports output that cannot be written.
    if write_ok { exit::OK } else { 74 }
}
