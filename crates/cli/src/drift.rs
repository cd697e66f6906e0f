//! `drift`: fetch customers like `get` (or read saved `get --raw --format ndjson` output) and
//! compare every response body with the provider's spec (crate `crm-drift`).
//!
//! Exit codes: 0 nothing drifted, 1 drift found; otherwise as `get`: 2 usage/configuration, and
//! when a fetch failed without a body to check (auth, network, rate limit), that failure's code.

use std::{
    io::{Read, Write},
    path::PathBuf,
    sync::Arc,
};

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use crm_drift::{Checker, Report};
use crm_runtime::ErrorKind;
use customer_core::{CustomerSource, Provider};
use futures::StreamExt;
use serde_json::Value;

use crate::{
    exit, get, logging,
    sources::{self, Origin},
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
pub struct DriftArgs {
    /// pluuug, gofive, eshouhou or nd.
    #[arg(value_parser = crate::parse_provider)]
    provider: Provider,
    /// Customer IDs to fetch and check.
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
    /// Use the embedded sandbox (in-process, ephemeral port, built-in credentials).
    #[arg(long, conflicts_with = "base_url")]
    sandbox: bool,
    /// Base URL (scheme://host[:port][/prefix]); overrides <PROVIDER>_BASE_URL.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Total time allowed per customer, retries included, in seconds.
    #[arg(long, value_name = "SECS", value_parser = crate::parse_timeout)]
    timeout: Option<std::time::Duration>,
    /// Client-side limit: at most N requests in any window of SECS seconds (as `get`).
    #[arg(long, value_name = "N/SECS", value_parser = get::parse_rate_limit)]
    rate_limit: Option<crm_runtime::RateLimit>,
}

/// `crm-customers drift`.
pub async fn run(args: DriftArgs) -> u8 {
    let checker = Checker::new(args.provider);
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
    print(&report, args.format, args.suggest);
    match failure {
        Some(code) => code,
        None if report.has_drift() => DRIFT,
        None => exit::OK,
    }
}

/// Adds one body; error bodies are checked against the operation that failed when the spec has
/// it (a token call's error), else against the customer operation.
fn add_body(checker: &Checker, report: &mut Report, operation: &str, status: u16, body: &[u8]) {
    report.add(&checker.check(operation, status, body));
}

async fn live(args: &DriftArgs, checker: &Checker, report: &mut Report) -> Result<Option<u8>, u8> {
    if let Some(url) = &args.base_url {
        crate::sanitize::register_url_password(url);
    }
    if args.ids.is_empty() && args.ids_file.is_none() {
        logging::error(
            "no IDs: pass IDs as arguments, --ids-file FILE (or - for stdin), or --from-ndjson FILE",
        );
        return Err(exit::USAGE);
    }
    let mut config = sources::config(args.timeout);
    if let Some(limit) = args.rate_limit {
        config = config.with_rate_limit(Some(limit));
    }
    let sandbox = if args.sandbox {
        match customer_sandbox::Sandbox::start().await {
            Ok(s) => {
                get::register_sandbox_secrets(s.credentials());
                Some(s)
            }
            Err(e) => {
                logging::error(&format!("cannot start the embedded sandbox: {e}"));
                return Err(exit::USAGE);
            }
        }
    } else {
        None
    };
    let sandbox_url = sandbox.as_ref().map(|s| s.base_url());
    let origin = match (&sandbox, &sandbox_url) {
        (Some(s), Some(url)) => Origin::Sandbox { base_url: url, credentials: s.credentials() },
        _ => Origin::Env { base_url: args.base_url.as_deref() },
    };
    let source: Arc<dyn CustomerSource> = match sources::build(args.provider, origin, config) {
        Ok(s) => s,
        Err(e) => {
            logging::error(&e.to_string());
            return Err(exit::USAGE);
        }
    };
    let ids = match crate::ids::stream(args.ids.clone(), args.ids_file.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            logging::error(&e);
            return Err(exit::USAGE);
        }
    };
    let customer_op = Checker::customer_operation(args.provider);
    let mut results = ids
        .map(|id| {
            let source = source.clone();
            async move {
                match id {
                    Ok(id) => Ok(source.customer(&id).await),
                    Err(e) => Err(e),
                }
            }
        })
        .buffer_unordered(usize::from(args.concurrency));
    let mut failure: Option<u8> = None;
    while let Some(result) = results.next().await {
        match result {
            Err(read_error) => {
                logging::error(&read_error);
                failure = Some(exit::USAGE);
                break;
            }
            Ok(Ok(customer)) => {
                match customer.raw() {
                    Some(raw) => add_body(checker, report, customer_op, 200, raw.as_bytes()),
                    None => report.add_unchecked(),
                }
                for w in &customer.warnings {
                    report.add_warning(&w.field, &w.message);
                }
            }
            Ok(Err(e)) => {
                let body_checked = match e.raw() {
                    Some(raw) => {
                        let op = if checker.operations().any(|o| o == e.operation()) {
                            e.operation()
                        } else {
                            customer_op
                        };
                        add_body(checker, report, op, e.status().unwrap_or(200), raw);
                        true
                    }
                    None => {
                        report.add_unchecked();
                        false
                    }
                };
                logging::error(&e.to_string());
                // A body that came back was checked; failures that say nothing about the spec keep
                // `get`'s exit code.
                let keeps_code = !body_checked
                    || matches!(e.kind(), ErrorKind::Auth | ErrorKind::RateLimited | ErrorKind::Transport);
                if keeps_code && failure.is_none() {
                    failure = Some(get::exit_code(e.kind()));
                }
            }
        }
    }
    drop(results);
    if let Some(s) = sandbox {
        s.shutdown().await;
    }
    Ok(failure)
}

/// Reads `get --raw --format ndjson` lines: `{"id", "customer": {…, "raw": <body>}}` or
/// `{"id", "error": {…}}` (no body: counted as unchecked).
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
    let items = serde_json::Deserializer::from_reader(reader).into_iter::<Value>();
    for (n, item) in items.enumerate() {
        let item = item.map_err(|e| {
            if e.is_io() {
                format!("cannot read --from-ndjson {shown}: {e}")
            } else {
                format!("--from-ndjson {shown}: item {}: not JSON: {e}", n + 1)
            }
        })?;
        match item.get("customer") {
            Some(customer) => {
                match customer.get("raw") {
                    Some(Value::String(text)) => add_body(checker, report, op, 200, text.as_bytes()),
                    Some(raw) => report.add(&checker.check_value(op, 200, raw)),
                    None => {
                        missing_raw += 1;
                        report.add_unchecked();
                    }
                }
                for w in customer.get("warnings").and_then(Value::as_array).into_iter().flatten() {
                    let text = |k| w.get(k).and_then(Value::as_str).unwrap_or_default();
                    report.add_warning(text("field"), text("message"));
                }
            }
            None if item.get("error").is_some() => report.add_unchecked(),
            None => {
                return Err(format!(
                    "--from-ndjson {shown}: item {}: expected a `get --format ndjson` item ({{\"id\", \"customer\"|\"error\"}})",
                    n + 1
                ));
            }
        }
    }
    if missing_raw > 0 {
        eprintln!(
            "warning: {missing_raw} customer line(s) without `raw` were not checked (run `get` with --raw)"
        );
    }
    Ok(())
}

fn print(report: &Report, format: DriftFormat, suggest: bool) {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match format {
        DriftFormat::Json => {
            let mut value = serde_json::to_value(report).unwrap_or(Value::Null);
            if suggest && let Value::Object(m) = &mut value {
                m.insert("suggest".into(), Value::String(report.suggest()));
            }
            let _ = serde_json::to_writer_pretty(&mut out, &value).is_ok() && writeln!(out).is_ok();
        }
        DriftFormat::Table => {
            let _ = writeln!(out, "{}", table(report, suggest));
        }
    }
    let _ = out.flush();
}

/// The people-facing report.
pub fn table(report: &Report, suggest: bool) -> String {
    let mut text = format!(
        "drift report for {} (specs/{}.yaml): {} bodies, {} checked, {} without a documented schema, {} not JSON, {} without a body\n",
        report.provider,
        report.provider,
        report.bodies,
        report.checked,
        report.without_schema,
        report.not_json,
        report.unchecked
    );
    if report.findings.is_empty() {
        text.push_str("no drift: every checked body matches the spec\n");
    } else {
        let mut t = Table::new();
        t.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
        t.set_header(["drift", "path", "bodies", "spec says", "seen", "examples"]);
        for e in &report.findings {
            let spec = match e.kind {
                crm_drift::Kind::AddedProperty => "(not in spec)".to_string(),
                crm_drift::Kind::UnknownEnumValue => "(value not listed)".to_string(),
                crm_drift::Kind::MissingRequired => "required".to_string(),
                _ => e.expected.clone().unwrap_or_default(),
            };
            let seen = if e.kind == crm_drift::Kind::MissingRequired {
                "absent".into()
            } else {
                e.types.iter().copied().collect::<Vec<_>>().join("|")
            };
            let path = match &e.schema {
                Some(s) => format!("{}\n({s})", e.path),
                None => e.path.clone(),
            };
            t.add_row([
                e.kind.as_str().replace('_', " "),
                path,
                format!("{}/{}", e.bodies, report.bodies),
                spec,
                seen,
                e.examples.join(", "),
            ]);
        }
        text.push_str(&t.to_string());
        text.push('\n');
    }
    if !report.warnings.is_empty() {
        text.push_str("mapping warnings by field:\n");
        for w in &report.warnings {
            text.push_str(&format!("  {}: {} ({})\n", w.field, w.count, w.example));
        }
    }
    if suggest {
        let yaml = report.suggest();
        if !yaml.is_empty() {
            text.push_str(&format!("\nsuggested additions to specs/{}.yaml:\n\n{yaml}", report.provider));
        }
    }
    text.trim_end().to_string()
}
