//! Output shapes: the JSON items of the contract, the people-facing table, `schema`, `providers`;
//! and stdout itself: every write is checked and flushed, so a full disk or a closed pipe is seen
//! at once and ends the run ([`write_failed`]).

use std::io::{self, Write};

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use crm_runtime::Error;
use customer_core::{Customer, Provider};
use serde::Serialize;

use crate::{
    exit, logging,
    sanitize::{self, RawMode},
};

/// The exit code for a failed write to stdout: quiet 141 (128 + SIGPIPE, what a shell reports
/// for a Unix tool killed by a closed pipe) when the reader has gone, otherwise a one-line reason
/// on stderr and 74 (`EX_IOERR`).
pub fn write_failed(e: &io::Error) -> u8 {
    if e.kind() == io::ErrorKind::BrokenPipe {
        exit::BROKEN_PIPE
    } else {
        logging::error(&format!("cannot write to stdout: {e}"));
        exit::OUTPUT
    }
}

/// Resolves when stdout is a pipe or socket whose reader has gone (`| head` exited, `| true`); never
/// otherwise. Lets a run stop fetching at once even when it has nothing to write for a while (a
/// `table` written at the end, a long rate-limit wait).
pub async fn reader_gone() {
    #[cfg(unix)]
    if let Some(fd) = watch_stdout() {
        loop {
            match fd.ready(tokio::io::Interest::ERROR).await {
                Ok(guard) if guard.ready().is_error() => return,
                Ok(mut guard) => guard.clear_ready(),
                Err(_) => break,
            }
        }
    }
    std::future::pending::<()>().await
}

/// stdout registered for error readiness (EPOLLERR: a pipe without readers), when it is a pipe
/// or a socket.
#[cfg(unix)]
fn watch_stdout() -> Option<tokio::io::unix::AsyncFd<std::fs::File>> {
    use std::os::{fd::AsFd, unix::fs::FileTypeExt};
    let file = std::fs::File::from(io::stdout().as_fd().try_clone_to_owned().ok()?);
    let kind = file.metadata().ok()?.file_type();
    if !(kind.is_fifo() || kind.is_socket()) {
        return None;
    }
    // Deprecated for types whose `as_raw_fd` may change or close under the AsyncFd; an owned
    // `File` keeps its descriptor open and unchanged for the AsyncFd's lifetime, which is the
    // condition the `unsafe` replacement asks for (and this crate forbids `unsafe`). The dup'd
    // descriptor shares stdout's open file description but changes none of its flags.
    #[allow(deprecated)]
    tokio::io::unix::AsyncFd::with_interest(file, tokio::io::Interest::ERROR).ok()
}

/// Writes `text` to stdout and flushes it.
pub fn write_stdout(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// Prints `text` (a complete output, final newline included) and returns the exit code: `ok`
/// when it was written, per [`write_failed`] when not.
pub fn print(text: &str, ok: u8) -> u8 {
    match write_stdout(text) {
        Ok(()) => ok,
        Err(e) => write_failed(&e),
    }
}

/// `text` and a newline, written and flushed at once.
pub fn write_line(out: &mut impl Write, text: &str) -> io::Result<()> {
    let mut line = Vec::with_capacity(text.len() + 1);
    line.extend_from_slice(text.as_bytes());
    line.push(b'\n');
    out.write_all(&line)?;
    out.flush()
}

/// How much of a failed response's body a `--raw` error line keeps (bytes).
pub const RAW_ERROR_BODY_CAP: usize = 1024 * 1024;

/// `{"kind", "message"}` of a failed ID; with `--raw`, also the response that failed:
/// `operation`, `status` and `raw` (the body as a JSON string, invalid UTF-8 replaced, cut at
/// [`RAW_ERROR_BODY_CAP`] bytes with `raw_cut: true`; secrets redacted like every line), so
/// `drift --from-ndjson` can check it offline.
#[derive(Serialize)]
pub struct ErrorOut {
    kind: &'static str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    operation: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    raw: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    raw_cut: bool,
}

/// One `{"id", "customer"}` or `{"id", "error"}` item.
#[derive(Serialize)]
pub struct Item<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    customer: Option<&'a Customer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<ErrorOut>,
}

impl<'a> Item<'a> {
    /// The item for one ID's outcome.
    pub fn new(id: &'a str, result: &'a Result<Customer, Error>) -> Self {
        match result {
            Ok(c) => Item { id, customer: Some(c), error: None },
            Err(e) => Item {
                id,
                customer: None,
                error: Some(ErrorOut {
                    kind: e.kind().as_str(),
                    message: sanitize::scrub(&e.to_string()),
                    operation: None,
                    status: None,
                    raw: None,
                    raw_cut: false,
                }),
            },
        }
    }

    /// With `--raw`: an error item also carries the failed response's body (see [`ErrorOut`]).
    pub fn with_raw_error(mut self, result: &'a Result<Customer, Error>) -> Self {
        if let (Some(out), Err(e)) = (&mut self.error, result)
            && let Some(body) = e.raw()
        {
            let cut = body.len() > RAW_ERROR_BODY_CAP;
            let kept = &body[..body.len().min(RAW_ERROR_BODY_CAP)];
            out.operation = Some(e.operation());
            out.status = e.status();
            out.raw = Some(String::from_utf8_lossy(kept).into_owned());
            out.raw_cut = cut;
        }
        self
    }
}

/// `sep` then the item as one compact JSON line (raw bodies compacted per `raw`), written and
/// flushed.
pub fn write_item_line(out: &mut impl Write, sep: &str, item: &Item<'_>, raw: RawMode) -> io::Result<()> {
    let json = sanitize::json_line(item, raw).map_err(io::Error::other)?;
    write_line(out, &format!("{sep}{json}"))
}

/// One value as indented JSON, written and flushed.
pub fn write_pretty(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    let json = sanitize::json_pretty(value, RawMode::ExactIfOneLine).map_err(io::Error::other)?;
    write_line(out, &json)
}

/// Rows per printed table: a run of more items prints one table per this many rows, so memory
/// stays flat for `table` too.
pub const TABLE_PAGE: usize = 1000;

/// Writes `{id, customer|error}` items as they come, in a command's format: a JSON array (`[`,
/// one item a line, `]`), NDJSON lines, or tables of at most [`TABLE_PAGE`] rows. Every write is
/// flushed; the first failure is the caller's to report ([`write_failed`]).
pub struct ItemWriter<W: Write> {
    out: W,
    format: crate::Format,
    provider: Provider,
    raw: RawMode,
    wrote_any: bool,
    rows: Vec<Row>,
    tables: usize,
}

impl<W: Write> ItemWriter<W> {
    /// A writer in `format` (`json` is always an array here), raw bodies embedded per `raw`.
    pub fn new(out: W, format: crate::Format, provider: Provider, raw: RawMode) -> Self {
        ItemWriter { out, format, provider, raw, wrote_any: false, rows: Vec::new(), tables: 0 }
    }

    /// Opens what the format opens (the JSON array's `[`).
    pub fn begin(&mut self) -> io::Result<()> {
        match self.format {
            crate::Format::Json => write_line(&mut self.out, "["),
            _ => Ok(()),
        }
    }

    /// One item; in `table`, a full page of rows is printed as one table.
    pub fn write(&mut self, id: &str, result: &Result<Customer, Error>, item: &Item<'_>) -> io::Result<()> {
        match self.format {
            crate::Format::Json => {
                let sep = if self.wrote_any { "," } else { "" };
                self.wrote_any = true;
                write_item_line(&mut self.out, sep, item, self.raw)
            }
            crate::Format::Ndjson => write_item_line(&mut self.out, "", item, self.raw),
            crate::Format::Table => {
                self.rows.push(Row::new(self.provider, id, result));
                if self.rows.len() < TABLE_PAGE {
                    Ok(())
                } else {
                    self.tables += 1;
                    write_line(&mut self.out, &table(&std::mem::take(&mut self.rows)).to_string())
                }
            }
        }
    }

    /// Closes what was opened: the JSON array's `]`, the rows not yet printed (and, when
    /// `empty_table` and no table was printed at all, an empty table).
    pub fn finish(&mut self, empty_table: bool) -> io::Result<()> {
        match self.format {
            crate::Format::Json => write_line(&mut self.out, "]"),
            crate::Format::Ndjson => Ok(()),
            crate::Format::Table if !self.rows.is_empty() || (empty_table && self.tables == 0) => {
                write_line(&mut self.out, &table(&self.rows).to_string())
            }
            crate::Format::Table => Ok(()),
        }
    }

    /// The stream written to, for output outside the items (a single customer's pretty JSON).
    pub fn out(&mut self) -> &mut W {
        &mut self.out
    }
}

/// A table row.
pub struct Row {
    cells: [String; 8],
}

fn enum_text<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

impl Row {
    /// The row for one ID's outcome.
    pub fn new(provider: Provider, id: &str, result: &Result<Customer, Error>) -> Row {
        let cells = match result {
            Ok(c) => {
                let stage = c.lifecycle_stage.as_ref().map(|e| enum_text(&e.normalized)).unwrap_or_default();
                let status = c
                    .status
                    .as_ref()
                    .map(|e| e.label.clone().unwrap_or_else(|| enum_text(&e.normalized)))
                    .unwrap_or_default();
                let owner = c
                    .owner
                    .as_ref()
                    .and_then(|o| o.name.clone().or_else(|| o.id.clone()))
                    .unwrap_or_default();
                let contact = c.contacts.first().and_then(|p| p.name.clone()).unwrap_or_default();
                let phone = c
                    .phones
                    .first()
                    .map(|p| p.number.clone())
                    .or_else(|| {
                        c.contacts.iter().flat_map(|p| p.phones.first()).next().map(|p| p.number.clone())
                    })
                    .unwrap_or_default();
                let name = match (&c.code, c.warnings.len()) {
                    (_, 0) => c.name.clone(),
                    (_, n) => format!("{} ({n} warning{})", c.name, if n == 1 { "" } else { "s" }),
                };
                [
                    provider.to_string(),
                    id.to_string(),
                    c.code.clone().unwrap_or_default(),
                    name,
                    [stage, status].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" / "),
                    owner,
                    contact,
                    phone,
                ]
            }
            Err(e) => [
                provider.to_string(),
                id.to_string(),
                String::new(),
                format!("error ({}): {}", e.kind(), e.message()),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ],
        };
        Row { cells: cells.map(|c| sanitize::terminal(&c)) }
    }
}

/// Renders rows as a table sized to the terminal.
pub fn table(rows: &[Row]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    t.set_header(["provider", "id", "code", "name", "stage / status", "owner", "contact", "phone"]);
    for r in rows {
        t.add_row(r.cells.iter());
    }
    t
}

/// `crm-customers schema`.
pub fn schema() -> u8 {
    match write_pretty(&mut io::stdout().lock(), &customer_core::json_schema()) {
        Ok(()) => exit::OK,
        Err(e) => write_failed(&e),
    }
}

/// `crm-customers providers`.
pub fn providers() -> u8 {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    t.set_header(["provider", "auth", "environment", "base URL (default)"]);
    for row in crate::sources::provider_rows() {
        t.add_row(row);
    }
    print(&format!("{t}\n"), exit::OK)
}
