//! `drift`: fetch customers like `get` (or read saved `get --raw --format ndjson` output) and
//! compare every response body with the provider's spec (crate `crm-drift`).
//!
//! Exit codes (shared/design/cli.md): 0 every customer was checked and nothing drifted, 1 drift
//! found, otherwise as `get`: 2 usage/configuration (no IDs, a bad ID line, an empty
//! `--from-ndjson`), a failed fetch's code for the first failing ID in input order (3/4/5/6), 5
//! when every fetch succeeded but a body could not be checked (not JSON, nested too deep, no body):
//! a response that does not match the spec; 74 stdout unwritable, 141 closed pipe. The report says
//! why each customer could not be checked, and never claims "no drift" when nothing was.

use std::{io::Read, path::PathBuf, sync::Arc};

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use crm_drift::{Checker, Findings, Outcome, Report};
use customer_core::{CustomerSource, Provider};
use futures::StreamExt;
use serde::Deserialize;
use serde_json::{Value, value::RawValue};

use crate::{
    connect::{ConnectArgs, Connection},
    exit, get, logging, output, sanitize,
};

/// Exit code when drift was found.
pub const DRIFT: u8 = 1;

/// Report formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DriftFormat {
    /// A readable summary.
    Table,
    /// The report as one JSON object.
    Json,
}

/// Arguments of `drift`.
#[derive(clap::Args, Debug)]
#[command(after_help = "Exit codes: 0 every customer checked, no drift; 1 drift found; otherwise as \
`get`: 2 usage/configuration (no IDs, an empty --from-ndjson); 3/4/5/6 the code of the first ID in \
input order whose fetch failed; 5 when a body could not be checked (not JSON — empty, cut off, an \
error page —, nested too deep, no body; the report lists why); 74 stdout unwritable; 141 closed pipe.")]
pub struct DriftArgs {
    /// pluuug, gofive, eshouhou or nd.
    #[arg(value_parser = crate::parse_provider)]
    provider: Provider,
    /// Customer IDs to fetch and check.
    #[arg(conflicts_with = "from_ndjson")]
    ids: Vec<String>,
    /// Read IDs one per line from FILE (`-` = stdin); blank lines are skipped.
    #[arg(long, value_name = "FILE|-", conflicts_with = "from_ndjson")]
    ids_file: Option<PathBuf>,
    /// Check saved `get --raw --format ndjson` output instead of fetching (`-` = stdin).
    #[arg(long, value_name = "FILE|-", conflicts_with_all = ["sandbox", "base_url"])]
    from_ndjson: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DriftFormat::Table)]
    format: DriftFormat,
    /// Also print, for each new property, the YAML to add to specs/<provider>.yaml.
    #[arg(long)]
    suggest: bool,
    /// Requests in flight at once.
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=1024))]
    concurrency: u16,
    #[command(flatten)]
    connect: ConnectArgs,
}

/// `crm-customers drift`.
pub async fn run(args: DriftArgs) -> u8 {
    let checker = Checker::new(args.provider).with_redactor(redact_all);
    let mut report = Report::new(args.provider);
    let failure = match &args.from_ndjson {
        Some(file) => match from_ndjson(&checker, &mut report, file) {
            Ok(()) => None,
            Err(e) => {
                logging::error(&e);
                return exit::USAGE;
            }
        },
        None => match live(&args, &checker, &mut report).await {
            Ok(f) => f,
            Err(code) => return code,
        },
    };
    let report = report.sorted();
    let code = match failure {
        // A bad ID line: the input was wrong, whatever the bodies before it showed.
        Some(exit::USAGE) => exit::USAGE,
        _ if report.has_drift() => DRIFT,
        Some(code) => code,
        // Every fetch succeeded, but a body could not be compared with the spec.
        None if report.is_incomplete() => exit::PROVIDER,
        None => exit::OK,
    };
    print(&report, args.format, args.suggest, code)
}

/// Adds one body's findings, and counts the customer as not checked when the body could not be
/// compared, or when it is a failed fetch's error answer (`failed`: the error message) rather
/// than a 2xx body the client could not decode.
fn add_body(report: &mut Report, id: Option<&str>, findings: &Findings, failed: Option<&str>) {
    report.add(findings);
    let ok_status = (200..300).contains(&findings.status);
    if findings.outcome == Outcome::Checked && (failed.is_none() || ok_status) {
        return;
    }
    let mut reason = String::new();
    if let Some(why) = failed {
        reason.push_str(why);
        reason.push_str("; ");
    }
    reason
        .push_str(findings.outcome.reason().unwrap_or("the error answer was checked, the customer was not"));
    if let Some(d) = &findings.detail {
        reason.push_str(": ");
        reason.push_str(d);
    }
    report.add_incomplete(id, Some(findings.status), &reason);
}

async fn live(args: &DriftArgs, checker: &Checker, report: &mut Report) -> Result<Option<u8>, u8> {
    if args.ids.is_empty() && args.ids_file.is_none() {
        logging::error(
            "no IDs: pass IDs as arguments, --ids-file FILE (or - for stdin), or --from-ndjson FILE",
        );
        return Err(exit::USAGE);
    }
    let ids = match crate::ids::stream(args.ids.clone(), args.ids_file.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            logging::error(&e);
            return Err(exit::USAGE);
        }
    };
    let connection = Connection::open(args.provider, &args.connect).await?;
    let source: Arc<dyn CustomerSource> = connection.source.clone();
    let customer_op = Checker::customer_operation(args.provider);
    let mut results = ids
        .map(|id| {
            let source = source.clone();
            async move {
                match id {
                    Ok(id) => {
                        let r = source.customer(&id).await;
                        Ok((id, r))
                    }
                    Err(e) => Err(e),
                }
            }
        })
        // In input order, as `get`: the exit code is the first failing ID's.
        .buffered(usize::from(args.concurrency));
    let mut failure: Option<u8> = None;
    let mut given = 0u64;
    while let Some(result) = results.next().await {
        if result.is_ok() {
            given += 1;
        }
        match result {
            Err(read_error) => {
                logging::error(&read_error);
                failure = Some(exit::USAGE);
                break;
            }
            Ok((id, Ok(customer))) => {
                match customer.raw() {
                    Some(raw) => {
                        add_body(report, Some(&id), &checker.check(customer_op, 200, raw.as_bytes()), None)
                    }
                    None => {
                        report.add_unchecked();
                        report.add_incomplete(Some(&id), None, "no body kept");
                    }
                }
                for w in &customer.warnings {
                    report.add_warning(&w.field, &w.message);
                }
            }
            Ok((id, Err(e))) => {
                let message = sanitize::scrub(&e.to_string());
                match e.raw() {
                    Some(raw) => {
                        let op = if checker.operations().any(|o| o == e.operation()) {
                            e.operation()
                        } else {
                            customer_op
                        };
                        let findings = checker.check(op, e.status().unwrap_or(200), raw);
                        add_body(report, Some(&id), &findings, Some(&message));
                    }
                    None => {
                        report.add_unchecked();
                        report.add_incomplete(Some(&id), e.status(), &message);
                    }
                }
                logging::error(&e.to_string());
                // The customer was not fetched (its error answer, when there was one, was checked
                // too): `get`'s exit code, the first failing ID's.
                if failure.is_none() {
                    failure = Some(get::exit_code(e.kind()));
                }
            }
        }
    }
    drop(results);
    drop(source);
    connection.close().await;
    if given == 0 && failure.is_none() {
        // Nothing to check is not "no drift" (`get` refuses it the same way).
        logging::error("no IDs: the IDs file is empty");
        return Err(exit::USAGE);
    }
    Ok(failure)
}

/// One saved `get --raw --format ndjson` item. Bodies stay raw text here (no recursion limit):
/// each is parsed and walked on its own, so one body too deep to walk is reported, not fatal.
#[derive(Deserialize)]
struct SavedItem {
    id: Option<String>,
    customer: Option<SavedCustomer>,
    error: Option<SavedError>,
}

#[derive(Deserialize)]
struct SavedCustomer {
    /// The provider that answered (`get` writes it): another provider's body is not checked
    /// against this provider's spec.
    provider: Option<String>,
    raw: Option<Box<RawValue>>,
    #[serde(default)]
    warnings: Vec<SavedWarning>,
}

#[derive(Deserialize)]
struct SavedWarning {
    #[serde(default)]
    field: String,
    #[serde(default)]
    message: String,
}

#[derive(Deserialize)]
struct SavedError {
    #[serde(default)]
    message: String,
    operation: Option<String>,
    status: Option<u16>,
    raw: Option<String>,
    #[serde(default)]
    raw_cut: bool,
}

/// The body bytes of a saved `raw`: a JSON string is the body's text, anything else the body.
fn raw_body(raw: &RawValue) -> std::borrow::Cow<'_, [u8]> {
    let text = raw.get();
    if text.starts_with('"')
        && let Ok(s) = serde_json::from_str::<String>(text)
    {
        return std::borrow::Cow::Owned(s.into_bytes());
    }
    std::borrow::Cow::Borrowed(text.as_bytes())
}

/// Reads `get --raw --format ndjson` lines: `{"id", "customer": {…, "raw": <body>}}` or
/// `{"id", "error": {…, "operation", "status", "raw": "<body>"}}` (an error line without `raw`
/// is counted as not checked).
fn from_ndjson(checker: &Checker, report: &mut Report, file: &std::path::Path) -> Result<(), String> {
    let shown = file.display().to_string();
    let reader: Box<dyn Read> = if file == std::path::Path::new("-") {
        Box::new(std::io::stdin().lock())
    } else {
        let f = std::fs::File::open(file).map_err(|e| format!("cannot read --from-ndjson {shown}: {e}"))?;
        Box::new(std::io::BufReader::with_capacity(64 * 1024, f))
    };
    let op = Checker::customer_operation(checker.provider());
    let mut missing_raw = 0u64;
    // One JSON value after another rather than line by line: `raw` is the body verbatim, and a
    // provider's pretty-printed body spans several lines.
    let items = serde_json::Deserializer::from_reader(reader).into_iter::<SavedItem>();
    let mut read = 0usize;
    for (n, item) in items.enumerate() {
        read = n + 1;
        let item = item.map_err(|e| {
            if e.is_io() {
                format!("cannot read --from-ndjson {shown}: {e}")
            } else {
                format!(
                    "--from-ndjson {shown}: item {}: expected a `get --format ndjson` item ({{\"id\", \"customer\"|\"error\"}}): {e}",
                    n + 1
                )
            }
        })?;
        let id = item.id.as_deref();
        match (item.customer, item.error) {
            (Some(customer), _)
                if customer.provider.as_deref().is_some_and(|p| p != checker.provider().as_str()) =>
            {
                return Err(format!(
                    "--from-ndjson {shown}: item {}: a `{}` customer, not {}'s (drift checks one provider's bodies against its spec)",
                    n + 1,
                    sanitize::terminal(customer.provider.as_deref().unwrap_or_default()),
                    checker.provider()
                ));
            }
            (Some(customer), _) => {
                match &customer.raw {
                    Some(raw) => add_body(report, id, &checker.check(op, 200, &raw_body(raw)), None),
                    None => {
                        missing_raw += 1;
                        report.add_unchecked();
                        report.add_incomplete(id, None, "saved without `raw` (run `get` with --raw)");
                    }
                }
                for w in &customer.warnings {
                    report.add_warning(&w.field, &w.message);
                }
            }
            (None, Some(error)) => match &error.raw {
                Some(_) if error.raw_cut => {
                    report.add_unchecked();
                    let why = format!("{}; body cut in the saved line (over 1 MiB)", error.message);
                    report.add_incomplete(id, error.status, &why);
                }
                Some(body) => {
                    let operation =
                        error.operation.as_deref().filter(|o| checker.operations().any(|k| k == *o));
                    let findings =
                        checker.check(operation.unwrap_or(op), error.status.unwrap_or(200), body.as_bytes());
                    add_body(report, id, &findings, Some(&error.message));
                }
                None => {
                    report.add_unchecked();
                    report.add_incomplete(id, error.status, &error.message);
                }
            },
            (None, None) => {
                return Err(format!(
                    "--from-ndjson {shown}: item {}: expected a `get --format ndjson` item ({{\"id\", \"customer\"|\"error\"}})",
                    n + 1
                ));
            }
        }
    }
    if read == 0 {
        // Nothing to check is not "no drift".
        return Err(format!("--from-ndjson {shown}: no items (nothing to check)"));
    }
    if missing_raw > 0 {
        eprintln!(
            "warning: {missing_raw} customer line(s) without `raw` were not checked (run `get` with --raw)"
        );
    }
    Ok(())
}

fn print(report: &Report, format: DriftFormat, suggest: bool, code: u8) -> u8 {
    let text = match format {
        DriftFormat::Json => {
            let mut value = serde_json::to_value(report).unwrap_or(Value::Null);
            if suggest && let Value::Object(m) = &mut value {
                m.insert("suggest".into(), Value::String(report.suggest()));
            }
            match sanitize::json_pretty(&value, sanitize::RawMode::ExactIfOneLine) {
                Ok(j) => crm_runtime::secrets::redact_json(&j).into_owned(),
                Err(e) => {
                    logging::error(&format!("cannot write the report: {e}"));
                    return exit::OUTPUT;
                }
            }
        }
        DriftFormat::Table => table(report, suggest),
    };
    output::print(&format!("{text}\n"), code)
}

/// Configured secrets (the CLI's registry) and issued tokens (crm-runtime's registry) redacted,
/// URL userinfo removed.
fn redact_all(s: &str) -> String {
    sanitize::scrub(&crm_runtime::secrets::redact(s))
}

/// Table cell text: secrets redacted, control characters shown as escapes.
fn cell(s: &str) -> String {
    sanitize::terminal(&crm_runtime::secrets::redact(s))
}

/// The people-facing report.
pub fn table(report: &Report, suggest: bool) -> String {
    let mut text = format!(
        "drift report for {} (specs/{}.yaml): {} bodies, {} checked, {} without a documented schema, {} not JSON, {} too deep, {} without a body\n",
        report.provider,
        report.provider,
        report.bodies,
        report.checked,
        report.without_schema,
        report.not_json,
        report.too_deep,
        report.unchecked
    );
    if report.findings.is_empty() && report.findings_cut == 0 {
        if report.checked == 0 {
            text.push_str("nothing was checked: no body could be compared with the spec\n");
        } else if report.is_incomplete() {
            text.push_str(
                "no drift in the checked bodies, but some customers could NOT be checked (below)\n",
            );
        } else {
            text.push_str("no drift: every checked body matches the spec\n");
        }
    } else {
        let mut t = Table::new();
        t.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
        t.set_header(["drift", "path", "bodies", "spec says", "seen", "examples"]);
        for e in &report.findings {
            let spec = match e.kind {
                crm_drift::Kind::AddedProperty => "(not in spec)".to_string(),
                crm_drift::Kind::UnknownEnumValue => "(value not listed)".to_string(),
                crm_drift::Kind::MissingRequired => "required".to_string(),
                _ => cell(&e.expected.clone().unwrap_or_default()),
            };
            let seen = if e.kind == crm_drift::Kind::MissingRequired {
                "absent".into()
            } else {
                e.types.iter().copied().collect::<Vec<_>>().join("|")
            };
            let path = match &e.schema {
                Some(s) => format!("{}\n({})", cell(&e.path), cell(s)),
                None => cell(&e.path),
            };
            t.add_row([
                e.kind.as_str().replace('_', " "),
                path,
                format!("{}/{}", e.bodies, report.bodies),
                spec,
                seen,
                e.examples.iter().map(|x| cell(x)).collect::<Vec<_>>().join(", "),
            ]);
        }
        text.push_str(&t.to_string());
        text.push('\n');
        if report.findings_cut > 0 {
            text.push_str(&format!(
                "{} more finding(s) not listed (at most {} per body and {} in a report)\n",
                report.findings_cut,
                crm_drift::MAX_FINDINGS_PER_BODY,
                crm_drift::MAX_REPORT_ENTRIES
            ));
        }
    }
    if report.is_incomplete() {
        text.push_str(&format!("{} customer(s) could not be checked:\n", report.incomplete));
        for p in &report.problems {
            let status = p.status.map(|s| format!(" (HTTP {s})")).unwrap_or_default();
            text.push_str(&format!(
                "  {}{status}: {}\n",
                cell(p.id.as_deref().unwrap_or("?")),
                cell(&p.reason)
            ));
        }
        if report.problems_cut > 0 {
            text.push_str(&format!("  … and {} more\n", report.problems_cut));
        }
    }
    if !report.warnings.is_empty() {
        text.push_str("mapping warnings by field:\n");
        for w in &report.warnings {
            text.push_str(&format!("  {}: {} ({})\n", cell(&w.field), w.count, cell(&w.example)));
        }
    }
    if suggest {
        let yaml = report.suggest();
        if !yaml.is_empty() {
            let yaml = redact_all(&yaml);
            text.push_str(&format!("\nsuggested additions to specs/{}.yaml:\n\n{yaml}", report.provider));
        }
    }
    text.trim_end().to_string()
}
