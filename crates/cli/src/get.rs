//! `get` and `demo`: stream IDs in, fetch with bounded concurrency, stream results out.
//!
//! Memory stays flat whatever the number of IDs: IDs are read lazily, at most `--concurrency`
//! fetches are in flight, and each result is written as soon as its turn comes (input order for
//! `json`, completion order for `ndjson`). Only `table` keeps rows, because a table needs every
//! row to size its columns.

use std::{
    io::{IsTerminal, Write},
    path::Path,
    sync::Arc,
    time::Instant,
};

use crm_runtime::{Error, ErrorKind};
use customer_core::{Customer, CustomerSource, Provider};
use futures::{Stream, StreamExt, stream};
use indicatif::{ProgressBar, ProgressStyle};
use tokio::io::{AsyncBufReadExt, BufReader};

use crate::{
    Format, GetArgs, exit,
    output::{self, Item},
    sources::{self, Origin},
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

pub(crate) type IdStream = std::pin::Pin<Box<dyn Stream<Item = Result<String, String>> + Send>>;

/// IDs from the arguments, then from `--ids-file` (`-` = stdin), trimmed, blank lines skipped.
pub(crate) fn ids(args_ids: Vec<String>, file: Option<&Path>) -> Result<IdStream, String> {
    let from_args =
        stream::iter(args_ids.into_iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).map(Ok));
    let Some(file) = file else {
        return Ok(Box::pin(from_args.fuse()));
    };
    let reader: Box<dyn tokio::io::AsyncRead + Send + Unpin> = if file == Path::new("-") {
        Box::new(tokio::io::stdin())
    } else {
        let f = std::fs::File::open(file)
            .map_err(|e| format!("cannot read --ids-file {}: {e}", file.display()))?;
        Box::new(tokio::fs::File::from_std(f))
    };
    let shown = file.display().to_string();
    let lines = stream::unfold(Some(BufReader::with_capacity(64 * 1024, reader).lines()), move |state| {
        let shown = shown.clone();
        async move {
            let mut lines = state?;
            loop {
                match lines.next_line().await {
                    Ok(Some(line)) => {
                        let id = line.trim();
                        if !id.is_empty() {
                            return Some((Ok(id.to_string()), Some(lines)));
                        }
                    }
                    Ok(None) => return None,
                    Err(e) => return Some((Err(format!("cannot read --ids-file {shown}: {e}")), None)),
                }
            }
        }
    });
    // Fused: the head is peeked before the rest is chained on, so it may be polled again after its end.
    Ok(Box::pin(from_args.chain(lines).fuse()))
}

/// `crm-customers get`.
pub async fn run(args: GetArgs) -> u8 {
    let GetArgs { provider, ids: arg_ids, ids_file, format, concurrency, raw, sandbox, base_url, timeout } =
        args;
    let config = sources::config(timeout);
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
    let source = match sources::build(provider, origin, config) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::USAGE;
        }
    };
    if arg_ids.is_empty() && ids_file.is_none() {
        eprintln!("error: no IDs: pass IDs as arguments or --ids-file FILE (or - for stdin)");
        return exit::USAGE;
    }
    let mut ids = match ids(arg_ids, ids_file.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::USAGE;
        }
    };
    // Peek two IDs: exactly one ID prints a bare Customer, as the contract says.
    let mut head = Vec::with_capacity(2);
    while head.len() < 2 {
        match ids.next().await {
            Some(Ok(id)) => head.push(id),
            Some(Err(e)) => {
                eprintln!("error: {e}");
                return exit::USAGE;
            }
            None => break,
        }
    }
    if head.is_empty() {
        eprintln!("error: no IDs: the IDs file is empty");
        return exit::USAGE;
    }
    let single = head.len() == 1;
    let ids: IdStream = Box::pin(stream::iter(head.into_iter().map(Ok)).chain(ids));
    let code = fetch_all(provider, source, ids, format, usize::from(concurrency), raw, single).await;
    if let Some(s) = sandbox {
        s.shutdown().await;
    }
    code
}

struct Outcome {
    index: usize,
    id: String,
    result: Result<Customer, Error>,
}

async fn fetch_all(
    provider: Provider,
    source: Arc<dyn CustomerSource>,
    ids: IdStream,
    format: Format,
    concurrency: usize,
    raw: bool,
    single: bool,
) -> u8 {
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
    let results: std::pin::Pin<Box<dyn Stream<Item = Outcome> + Send>> = match format {
        Format::Ndjson => Box::pin(fetches.buffer_unordered(concurrency)),
        Format::Json | Format::Table => Box::pin(fetches.buffered(concurrency)),
    };
    let progress = progress_bar(single);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut first_failure: Option<(usize, u8)> = None;
    let mut rows = Vec::new();
    let mut wrote_any = false;
    let mut results = results;
    let mut write_ok = true;
    if !single && format == Format::Json {
        write_ok &= writeln!(out, "[").is_ok();
    }
    while let Some(Outcome { index, id, result }) = results.next().await {
        if let Err(e) = &result {
            let code = exit_code(e.kind());
            if first_failure.is_none_or(|(i, _)| index < i) {
                first_failure = Some((index, code));
            }
            let line = format!("error: {e}");
            match &progress {
                Some(pb) => pb.println(line),
                None => eprintln!("{line}"),
            }
        }
        if let Some(pb) = &progress {
            pb.inc(1);
        }
        if !write_ok {
            continue;
        }
        let item = Item::new(&id, &result);
        write_ok &= match format {
            Format::Json if single => match &result {
                Ok(c) => output::write_pretty(&mut out, c),
                Err(_) => true,
            },
            Format::Json => {
                let sep = if wrote_any { "," } else { "" };
                wrote_any = true;
                output::write_item_line(&mut out, sep, &item)
            }
            Format::Ndjson => output::write_item_line(&mut out, "", &item) && out.flush().is_ok(),
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
        if !single && format == Format::Json {
            write_ok &= writeln!(out, "]").is_ok();
        }
        if format == Format::Table {
            write_ok &= writeln!(out, "{}", output::table(&rows)).is_ok();
        }
        write_ok &= out.flush().is_ok();
    }
    if let Some(e) = read_error.lock().unwrap_or_else(|p| p.into_inner()).take() {
        eprintln!("error: {e}");
        return exit::USAGE;
    }
    let _ = write_ok; // a closed stdout (`| head`) is not an error of ours
    first_failure.map_or(exit::OK, |(_, code)| code)
}

fn progress_bar(single: bool) -> Option<ProgressBar> {
    if single || !std::io::stderr().is_terminal() {
        return None;
    }
    let pb = ProgressBar::new_spinner();
    pb.set_style(
        ProgressStyle::with_template("{spinner} {pos} customers fetched ({per_sec}, {elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    pb.enable_steady_tick(std::time::Duration::from_millis(120));
    Some(pb)
}

/// `crm-customers demo`: the embedded sandbox, five customers of each provider, one table.
pub async fn demo() -> u8 {
    let started = Instant::now();
    let sandbox = match customer_sandbox::Sandbox::start().await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot start the embedded sandbox: {e}");
            return exit::USAGE;
        }
    };
    let url = sandbox.base_url();
    let mut rows = Vec::new();
    let mut first_failure = None;
    let mut count = 0;
    for provider in Provider::ALL {
        let origin = Origin::Sandbox { base_url: &url, credentials: sandbox.credentials() };
        let source = match sources::build(provider, origin, sources::config(None)) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("error: {e}");
                return exit::USAGE;
            }
        };
        // The vendors' own examples for Pluuug and Gofive are placeholders (`<string>`); show the
        // seeded records instead.
        let ids: Vec<String> = sandbox
            .customer_ids(sources::sandbox_provider(provider))
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
                eprintln!("error: {e}");
                first_failure.get_or_insert(exit_code(e.kind()));
            } else {
                count += 1;
            }
            rows.push(output::Row::new(provider, &id, &result));
        }
    }
    println!("{}", output::table(&rows));
    println!(
        "{count} customers from 4 providers, fetched over HTTP with each provider's real auth from the embedded sandbox at {url} in {:.0?}.",
        started.elapsed()
    );
    println!(
        "Next: `crm-customers get pluuug 123 --sandbox`, or set the provider's env variables (`crm-customers providers`)."
    );
    sandbox.shutdown().await;
    first_failure.unwrap_or(exit::OK)
}
