//! `get` and `demo`: stream IDs in, fetch with bounded concurrency, stream results out.
//!
//! Memory stays flat whatever the number of IDs: IDs are read lazily, at most `--concurrency`
//! fetches are in flight, and each result is written as soon as its turn comes (input order for
//! `json`, completion order for `ndjson`). `table` keeps rows to size its columns, at most
//! [`output::TABLE_PAGE`] of them: a longer run prints one table per page.

use std::{sync::Arc, time::Instant};

use crm_runtime::{Error, ErrorKind};
use customer_core::{Customer, CustomerSource, Provider};
use futures::{Stream, StreamExt, stream};

use crate::{
    Format, GetArgs,
    connect::{self, Connection},
    exit,
    ids::{self, IdStream},
    logging,
    output::{self, Item},
    sanitize::RawMode,
    sources,
    stop::{self, Interrupt, Stop},
};

/// The exit code for an error kind.
pub fn exit_code(kind: ErrorKind) -> u8 {
    match kind {
        ErrorKind::NotFound => exit::NOT_FOUND,
        ErrorKind::Auth => exit::AUTH,
        ErrorKind::ProviderError | ErrorKind::BadResponse => exit::PROVIDER,
        ErrorKind::RateLimited | ErrorKind::Transport => exit::TRANSPORT,
        _ => exit::USAGE,
    }
}

/// `crm-customers get`.
pub async fn run(args: GetArgs) -> u8 {
    let mut interrupt = Interrupt::new();
    let GetArgs { provider, ids: arg_ids, ids_file, format, concurrency, raw, connect } = args;
    if arg_ids.is_empty() && ids_file.is_none() {
        logging::error("no IDs: pass IDs as arguments or --ids-file FILE (or - for stdin)");
        return exit::USAGE;
    }
    // Argument IDs are checked here, an IDs file as it is read: usage errors before any request.
    let mut ids = match ids::stream(arg_ids, ids_file.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            logging::error(&e);
            return exit::USAGE;
        }
    };
    let connection = match Connection::open(provider, &connect).await {
        Ok(c) => c,
        Err(code) => return code,
    };
    // Peek two IDs: exactly one ID prints a bare Customer, as the contract says. A bad line right
    // after the first ID ends the IDs there: that one is still fetched and printed, then the
    // line is reported (exit 2), as for a bad line further on.
    let mut head = Vec::with_capacity(2);
    let mut bad_line: Option<String> = None;
    while head.len() < 2 {
        let next = tokio::select! {
            biased;
            () = interrupt.recv() => return exit::INTERRUPTED,
            next = ids.next() => next,
        };
        match next {
            Some(Ok(id)) => head.push(id),
            Some(Err(e)) if head.is_empty() => {
                logging::error(&e);
                return exit::USAGE;
            }
            Some(Err(e)) => {
                bad_line = Some(e);
                break;
            }
            None => break,
        }
    }
    if head.is_empty() {
        logging::error("no IDs: the IDs file is empty");
        return exit::USAGE;
    }
    let single = head.len() == 1;
    let rest: IdStream = match bad_line {
        Some(e) => Box::pin(stream::iter([Err(e)])),
        None => ids,
    };
    let ids: IdStream = Box::pin(stream::iter(head.into_iter().map(Ok)).chain(rest));
    let run = Run { provider, format, concurrency: usize::from(concurrency), raw, single };
    let code = run.fetch_all(connection.source.clone(), ids, &mut interrupt).await;
    connection.close().await;
    code
}

struct Outcome {
    index: usize,
    id: String,
    result: Result<Customer, Error>,
}

/// How a run ended.
enum End {
    /// Every ID done (or the IDs input ended with a usage error).
    Finished,
    /// Ctrl-C.
    Interrupted,
    /// stdout could not be written.
    Output(std::io::Error),
}

impl From<Stop> for End {
    fn from(why: Stop) -> Self {
        match why {
            Stop::Interrupted => End::Interrupted,
            Stop::ReaderGone => End::Output(std::io::ErrorKind::BrokenPipe.into()),
        }
    }
}

/// One bulk fetch (shared with `list --details`).
pub(crate) struct Run {
    pub(crate) provider: Provider,
    pub(crate) format: Format,
    pub(crate) concurrency: usize,
    pub(crate) raw: bool,
    pub(crate) single: bool,
}

impl Run {
    /// Fetches with bounded concurrency and writes each result as soon as its turn comes. Output
    /// that cannot be written, or Ctrl-C, stops the run at once: the results stream is dropped,
    /// which cancels the requests in flight and sends no more.
    pub(crate) async fn fetch_all(
        &self,
        source: Arc<dyn CustomerSource>,
        ids: IdStream,
        interrupt: &mut Interrupt,
    ) -> u8 {
        let Run { provider, format, concurrency, raw, single } = *self;
        let read_error: Arc<std::sync::Mutex<Option<String>>> = Arc::default();
        let read_error_in = read_error.clone();
        let ids = ids
            .take_while(move |r| {
                let ok = match r {
                    Ok(_) => true,
                    Err(e) => {
                        *read_error_in.lock().unwrap_or_else(|p| p.into_inner()) = Some(e.clone());
                        false
                    }
                };
                futures::future::ready(ok)
            })
            .filter_map(|r| futures::future::ready(r.ok()));
        let fetches = ids.enumerate().map(move |(index, id)| {
            let source = source.clone();
            async move {
                let result = source.customer(&id).await.map(|c| if raw { c } else { c.without_raw() });
                Outcome { index, id, result }
            }
        });
        let mut results: std::pin::Pin<Box<dyn Stream<Item = Outcome> + Send>> = match format {
            Format::Ndjson => Box::pin(fetches.buffer_unordered(concurrency)),
            Format::Json | Format::Table => Box::pin(fetches.buffered(concurrency)),
        };
        let raw_mode = match format {
            Format::Ndjson => RawMode::Compact,
            _ => RawMode::ExactIfOneLine,
        };
        let progress = if single {
            None
        } else {
            logging::spinner("{spinner} {pos} customers fetched ({per_sec}, {elapsed}) {msg}")
        };
        let mut first_failure: Option<(usize, u8)> = None;
        // One ID in `json` prints the bare Customer; everything else goes through the item writer.
        let pretty_one = single && format == Format::Json;
        let mut items = output::ItemWriter::new(std::io::stdout().lock(), format, provider, raw_mode);
        let mut end = match pretty_one {
            true => End::Finished,
            false => items.begin().map_or_else(End::Output, |()| End::Finished),
        };
        let reader_gone = output::reader_gone();
        tokio::pin!(reader_gone);
        while matches!(end, End::Finished) {
            let next = match stop::next_or_stop(&mut results, interrupt, reader_gone.as_mut()).await {
                Ok(next) => next,
                Err(why) => {
                    end = why.into();
                    break;
                }
            };
            let Some(Outcome { index, id, result }) = next else { break };
            logging::progress_tick();
            if let Err(e) = &result {
                let code = exit_code(e.kind());
                if first_failure.is_none_or(|(i, _)| index < i) {
                    first_failure = Some((index, code));
                }
                logging::error(&e.to_string());
            }
            if let Some(pb) = &progress {
                pb.inc(1);
            }
            let item =
                if raw { Item::new(&id, &result).with_raw_error(&result) } else { Item::new(&id, &result) };
            let written = match &result {
                Ok(c) if pretty_one => output::write_pretty(items.out(), c),
                Err(_) if pretty_one => Ok(()),
                _ => items.write(&id, &result, &item),
            };
            if let Err(e) = written {
                end = End::Output(e);
            }
        }
        // Cancels what is in flight; nothing more is sent.
        drop(results);
        logging::finish_spinner(progress);
        // Close what was opened: whole lines, a closed array, the rows fetched so far.
        let closed = match &end {
            End::Output(_) => Ok(()),
            _ if pretty_one => Ok(()),
            // An interrupted run prints the rows it has, but no empty table.
            End::Finished | End::Interrupted => items.finish(matches!(end, End::Finished)),
        };
        match (end, closed) {
            (End::Output(e), _) => return output::write_failed(&e),
            (End::Interrupted, _) => return exit::INTERRUPTED,
            (End::Finished, Err(e)) => return output::write_failed(&e),
            (End::Finished, Ok(())) => {}
        }
        if let Some(e) = read_error.lock().unwrap_or_else(|p| p.into_inner()).take() {
            logging::error(&e);
            return exit::USAGE;
        }
        first_failure.map_or(exit::OK, |(_, code)| code)
    }
}

/// `crm-customers demo`: the embedded sandbox, five customers of each provider, one table.
pub async fn demo() -> u8 {
    let started = Instant::now();
    let sandbox = match connect::start_sandbox().await {
        Ok(s) => s,
        Err(code) => return code,
    };
    let url = sandbox.base_url();
    let mut rows = Vec::new();
    let mut first_failure = None;
    let mut count = 0;
    for provider in Provider::ALL {
        let source = match connect::source_in(provider, &sandbox, sources::config(None)) {
            Ok(s) => s,
            Err(code) => return code,
        };
        // The vendors' own examples for Pluuug and Gofive are placeholders (`<string>`); show the
        // seeded records instead.
        let ids: Vec<String> = sources::sandbox_provider(provider)
            .map(|p| sandbox.customer_ids(p))
            .unwrap_or_default()
            .into_iter()
            .filter(|id| id != "123" && id != "C000055")
            .take(5)
            .collect();
        let results = stream::iter(ids)
            .map(|id| {
                let source = source.clone();
                async move {
                    let r = source.customer(&id).await;
                    (id, r)
                }
            })
            .buffered(5)
            .collect::<Vec<_>>()
            .await;
        for (id, result) in results {
            if let Err(e) = &result {
                logging::error(&e.to_string());
                first_failure.get_or_insert(exit_code(e.kind()));
            } else {
                count += 1;
            }
            rows.push(output::Row::new(provider, &id, &result));
        }
    }
    let text = format!(
        "{}\n{count} customers from {} providers, fetched over HTTP with each provider's real auth from the embedded sandbox at {url} in {:.0?}.\n\
         Next: `crm-customers get pluuug 123 --sandbox`, or set the provider's env variables (`crm-customers providers`).\n",
        output::table(&rows),
        Provider::ALL.len(),
        started.elapsed()
    );
    sandbox.shutdown().await;
    output::print(&text, first_failure.unwrap_or(exit::OK))
}
