//! `crm-customers`: fetch customer records from Pluuug, Gofive Venio, eshouhou and the ND CRM as
//! one Customer model. The flags, output shapes and exit codes are a contract
//! (shared/design/cli.md); scripts depend on them.

mod connect;
mod drift;
mod get;
mod ids;
mod list;
mod logging;
mod output;
mod sanitize;
mod sources;
mod stop;
mod sync;
mod update;

use std::{path::PathBuf, process::ExitCode};

use clap::{Parser, Subcommand, ValueEnum};
use customer_core::Provider;

/// Exit codes of the contract.
pub mod exit {
    /// Every ID fetched.
    pub const OK: u8 = 0;
    /// Usage or configuration error.
    pub const USAGE: u8 = 2;
    /// Not found.
    pub const NOT_FOUND: u8 = 3;
    /// Credentials or signature rejected.
    pub const AUTH: u8 = 4;
    /// Provider error envelope, or a response that does not match the spec.
    pub const PROVIDER: u8 = 5;
    /// Network failure, timeout, or still rate limited after retries.
    pub const TRANSPORT: u8 = 6;
    /// stdout could not be written (full disk, I/O error): `EX_IOERR`.
    pub const OUTPUT: u8 = 74;
    /// Interrupted by Ctrl-C (128 + SIGINT).
    pub const INTERRUPTED: u8 = 130;
    /// stdout was closed by its reader (128 + SIGPIPE, as a shell reports a Unix tool's death).
    pub const BROKEN_PIPE: u8 = 141;
}

#[derive(Parser, Debug)]
#[command(name = "crm-customers", version, about = "Customer records from Pluuug, Gofive Venio, eshouhou and the ND CRM, as one Customer model.", after_help = sources::env_help())]
struct Cli {
    /// Log each HTTP call (provider, operation, status, attempt, latency) to stderr.
    #[arg(long, short, global = true)]
    verbose: bool,
    /// Send directly to the provider, ignoring HTTP_PROXY/HTTPS_PROXY/ALL_PROXY (by default they
    /// are used, except for hosts in NO_PROXY; a proxy sees the credentials of a plain http:// request).
    #[arg(long, global = true)]
    no_proxy: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Fetch customers by ID and print them as the shared Customer model.
    #[command(after_help = sources::env_help())]
    Get(GetArgs),
    /// List every customer of a provider that documents a customer list.
    #[command(about = sources::documenting("List every customer of a provider that documents a customer list", |f| f.list), after_help = sources::env_help())]
    List(list::ListArgs),
    /// Change one customer with the provider's documented write; print the resulting customer.
    #[command(after_help = sources::env_help())]
    Update(update::UpdateArgs),
    /// Create a customer where the provider documents creation.
    #[command(about = sources::documenting("Create a customer where the provider documents creation", |f| f.create), after_help = sources::env_help())]
    Create(update::CreateArgs),
    /// Compare live (or saved `get --raw --format ndjson`) response bodies with the spec; exit 1 on drift.
    #[command(after_help = sources::env_help())]
    Drift(drift::DriftArgs),
    /// Mirror a provider's customers into SQLite (default) or Postgres: resumable, changes recorded.
    #[command(after_help = sources::env_help())]
    Sync(sync::SyncArgs),
    /// Start the embedded sandbox, fetch customers from all four providers and show them.
    Demo,
    /// Serve the simulated providers on 127.0.0.1 until interrupted.
    Sandbox {
        /// Port to listen on (0 = any free port).
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Give every customer request this reserved ID's fault (e.g. 990503, 991502, 990006).
        #[arg(long, value_name = "ID")]
        fault: Option<String>,
        /// Rate-limit a provider the way its stack counts, e.g. pluuug=1000/60 (repeatable).
        #[arg(long, value_name = "PROVIDER=N/SECS")]
        throttle: Vec<customer_sandbox::ThrottleSpec>,
        /// Make a provider's customer-detail responses drift from its spec (repeatable); a bare
        /// `--drift` (or `--drift all`) makes every provider's drift.
        #[arg(long, value_name = "PROVIDER", num_args = 0..=1, default_missing_value = "all", value_parser = parse_drift)]
        drift: Vec<Vec<customer_sandbox::Provider>>,
    },
    /// Print the JSON Schema of the Customer model (`--change`: of a CustomerChange, what
    /// `update --change` reads).
    Schema {
        /// The schema of a change in the shared model's terms instead.
        #[arg(long)]
        change: bool,
    },
    /// List each provider: auth scheme, environment variables, default base URL.
    Providers,
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One ID: the Customer object; several: a JSON array of {id, customer|error} in input order.
    Json,
    /// One compact {id, customer|error} line per ID, as soon as it completes.
    Ndjson,
    /// A readable summary table.
    Table,
}

/// Arguments of `get`.
#[derive(clap::Args, Debug)]
pub struct GetArgs {
    #[arg(value_parser = parse_provider, help = sources::provider_help())]
    provider: Provider,
    /// Customer IDs (Pluuug client id, Gofive customer code, eshouhou customer archive id, nd id).
    ids: Vec<String>,
    /// Read IDs one per line from FILE (`-` = stdin); blank lines are skipped. Streamed.
    #[arg(long, value_name = "FILE|-")]
    ids_file: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Requests in flight at once.
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=1024))]
    concurrency: u16,
    /// Include the provider's response body exactly as received (`raw`).
    #[arg(long)]
    raw: bool,
    #[command(flatten)]
    connect: connect::ConnectArgs,
}

/// `sandbox --drift`'s value: a provider, or `all` (also a bare `--drift`).
fn parse_drift(s: &str) -> Result<Vec<customer_sandbox::Provider>, String> {
    if s == "all" {
        return Ok(customer_sandbox::Provider::ALL.to_vec());
    }
    s.parse::<customer_sandbox::Provider>().map(|p| vec![p]).map_err(|e| e.to_string())
}

fn parse_provider(s: &str) -> Result<Provider, String> {
    s.parse::<Provider>().map_err(|e| e.to_string())
}

fn parse_timeout(s: &str) -> Result<std::time::Duration, String> {
    let secs: f64 = s.trim().parse().map_err(|_| format!("`{s}` is not a number of seconds"))?;
    if !(secs.is_finite() && secs > 0.0 && secs <= 86_400.0) {
        return Err(format!("`{s}`: expected seconds between 0 and 86400"));
    }
    Ok(std::time::Duration::from_secs_f64(secs))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    logging::init(cli.verbose);
    sources::set_no_proxy(cli.no_proxy);
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(exit::USAGE);
        }
    };
    let code = runtime.block_on(async move {
        match cli.command {
            Command::Get(args) => get::run(args).await,
            Command::List(args) => list::run(args).await,
            Command::Update(args) => update::update(args).await,
            Command::Create(args) => update::create(args).await,
            Command::Drift(args) => drift::run(args).await,
            Command::Sync(args) => sync::run(args).await,
            Command::Demo => get::demo().await,
            Command::Sandbox { port, fault, throttle, drift } => {
                sandbox(port, fault, throttle, drift.into_iter().flatten().collect()).await
            }
            Command::Schema { change } => output::schema(change),
            Command::Providers => output::providers(),
        }
    });
    // Don't wait for blocking work still running (a DNS lookup after Ctrl-C).
    runtime.shutdown_background();
    ExitCode::from(code)
}

async fn sandbox(
    port: u16,
    fault: Option<String>,
    throttles: Vec<customer_sandbox::ThrottleSpec>,
    drifts: Vec<customer_sandbox::Provider>,
) -> u8 {
    let mut builder = customer_sandbox::Sandbox::builder().port(port);
    if let Some(f) = &fault {
        builder = builder.fault(f);
    }
    for t in &throttles {
        builder = builder.throttle(t.provider, t.requests, t.per);
    }
    for p in &drifts {
        builder = builder.drift(*p);
    }
    let sandbox = match builder.start().await {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::InvalidInput => {
            eprintln!("error: sandbox: {e}");
            return exit::USAGE;
        }
        Err(e) => {
            eprintln!("error: sandbox: cannot listen on 127.0.0.1:{port}: {e}");
            return exit::USAGE;
        }
    };
    let url = sandbox.base_url();
    // One write: a reader that takes the first line and goes (`| head -1`) has all of it.
    let mut banner = format!("crm-customers sandbox listening on {url}\n");
    for info in sources::providers() {
        banner.push_str(&format!("  {:<9} {}={url}\n", info.name, info.base_url_env));
    }
    banner
        .push_str("credentials: the built-in sandbox credentials (README, \"Sandbox\"); not printed here.\n");
    match &fault {
        Some(f) => {
            banner.push_str(&format!("fault: every customer request answers as reserved ID {f} would
"))
        }
        None => banner.push_str(
            "fault knobs: reserved IDs 990429, 990500, 990503, 990001-990007, 99142N, 99150N, 9944SS (README).
",
        ),
    }
    for t in &throttles {
        banner.push_str(&format!(
            "throttle: {} at {} per {} s, counted as its stack counts
",
            t.provider,
            t.requests,
            t.per.as_secs_f64()
        ));
    }
    for p in &drifts {
        banner.push_str(&format!(
            "drift: {p} customer-detail responses carry three changes from its spec (README)
"
        ));
    }
    banner.push_str(
        "press Ctrl-C to stop
",
    );
    if let Err(e) = output::write_stdout(&banner) {
        return output::write_failed(&e);
    }
    sandbox
        .run_until(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await;
    exit::OK
}
