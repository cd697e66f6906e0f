//! `update <PROVIDER> <ID> --json FILE|-` and `create <PROVIDER> --json FILE|-`: one documented
//! write, the body given in the provider's own documented fields, the resulting Customer printed.
//!
//! The write goes through `CustomerSource::update_customer` / `create_customer`: sent once, never
//! retried. Exit codes as `get`: a provider's validation error is 5 with its message; a body the
//! client refuses before sending (unknown keys, a documented rule broken) or a provider that
//! documents no such write is 2; a timeout after the request went out is 6 with "outcome unknown".

use std::{io::Read, path::PathBuf};

use customer_core::{Customer, Provider};

use crate::{
    Format, exit, get, logging, output, parse_provider, parse_timeout, sanitize,
    sanitize::RawMode,
    sources::{self, Origin},
};

/// Where the client comes from, shared by `update` and `create`.
#[derive(clap::Args, Debug)]
pub struct WriteTarget {
    /// The body: a JSON object of the provider's documented write fields, from FILE (`-` = stdin).
    #[arg(long = "json", value_name = "FILE|-")]
    json: PathBuf,
    /// Output format of the resulting customer.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Include the provider's response body exactly as received (`raw`).
    #[arg(long)]
    raw: bool,
    /// Use the embedded sandbox (in-process, ephemeral port, built-in credentials; its changes end
    /// with the command).
    #[arg(long, conflicts_with = "base_url")]
    sandbox: bool,
    /// Base URL (scheme://host[:port][/prefix]); overrides <PROVIDER>_BASE_URL.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Total time allowed for the write, in seconds (never retried).
    #[arg(long, value_name = "SECS", value_parser = parse_timeout)]
    timeout: Option<std::time::Duration>,
}

/// Arguments of `update`.
#[derive(clap::Args, Debug)]
pub struct UpdateArgs {
    /// pluuug (PATCH /v1/client/{id}), gofive (POST /v3/customers upsert with customerCode) or nd
    /// (PUT /api/customers/ with id in the body; nd answers the documented {code, message} without
    /// the record, so the customer is then read back with GET /api/customers/{id}/detail and
    /// printed).
    #[arg(value_parser = parse_provider)]
    provider: Provider,
    /// The customer to change (Pluuug client id, Gofive customer code, nd id).
    id: String,
    #[command(flatten)]
    target: WriteTarget,
}

/// Arguments of `create`.
#[derive(clap::Args, Debug)]
pub struct CreateArgs {
    /// pluuug (POST /v1/client) or gofive (POST /v3/customers upsert without customerCode).
    #[arg(value_parser = parse_provider)]
    provider: Provider,
    #[command(flatten)]
    target: WriteTarget,
}

/// `crm-customers update`.
pub async fn update(args: UpdateArgs) -> u8 {
    let id = args.id.trim().to_string();
    if id.is_empty() {
        logging::error("empty customer ID");
        return exit::USAGE;
    }
    write(args.provider, Some(id), args.target).await
}

/// `crm-customers create`.
pub async fn create(args: CreateArgs) -> u8 {
    write(args.provider, None, args.target).await
}

/// The body file as a JSON object, or a usage message.
fn read_body(path: &std::path::Path) -> Result<serde_json::Value, String> {
    let mut text = Vec::new();
    let shown = path.display();
    let read = if path == std::path::Path::new("-") {
        std::io::stdin().lock().take(16 * 1024 * 1024).read_to_end(&mut text)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(16 * 1024 * 1024).read_to_end(&mut text))
    };
    read.map_err(|e| format!("cannot read --json {shown}: {e}"))?;
    let text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&text);
    match serde_json::from_slice::<serde_json::Value>(text) {
        Ok(v @ serde_json::Value::Object(_)) => Ok(v),
        Ok(_) => Err(format!("--json {shown}: expected a JSON object of the provider's write fields")),
        Err(e) => Err(format!("--json {shown} is not valid JSON: {e}")),
    }
}

async fn write(provider: Provider, id: Option<String>, target: WriteTarget) -> u8 {
    let WriteTarget { json, format, raw, sandbox, base_url, timeout } = target;
    if let Some(url) = &base_url {
        sanitize::register_url_password(url);
    }
    let body = match read_body(&json) {
        Ok(b) => b,
        Err(e) => {
            logging::error(&e.to_string());
            return exit::USAGE;
        }
    };
    let sandbox = if sandbox {
        match customer_sandbox::Sandbox::start().await {
            Ok(s) => {
                get::register_sandbox_secrets(s.credentials());
                Some(s)
            }
            Err(e) => {
                logging::error(&format!("cannot start the embedded sandbox: {e}"));
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
            logging::error(&e.to_string());
            exit::USAGE
        }
        Ok(source) => {
            let result = match &id {
                Some(id) => source.update_customer(id, body).await,
                None => source.create_customer(body).await,
            };
            match result {
                Ok(customer) => print(provider, customer, format, raw),
                Err(e) => {
                    logging::error(&e.to_string());
                    get::exit_code(e.kind())
                }
            }
        }
    };
    if let Some(s) = sandbox {
        s.shutdown().await;
    }
    code
}

fn print(provider: Provider, customer: Customer, format: Format, raw: bool) -> u8 {
    let customer = if raw { customer } else { customer.without_raw() };
    let mut out = std::io::stdout().lock();
    let id = customer.id.clone();
    let written = match format {
        Format::Json => output::write_pretty(&mut out, &customer),
        Format::Ndjson => {
            let result = Ok(customer);
            output::write_item_line(&mut out, "", &output::Item::new(&id, &result), RawMode::Compact)
        }
        Format::Table => {
            let row = output::Row::new(provider, &id, &Ok(customer));
            output::write_line(&mut out, &output::table(&[row]).to_string())
        }
    };
    match written {
        Ok(()) => exit::OK,
        Err(e) => output::write_failed(&e),
    }
}
