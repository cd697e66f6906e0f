//! Where a command's client comes from: the connection flags every command that talks to a
//! provider shares (`--sandbox`, `--base-url`, `--timeout`, `--rate-limit`, `--shared-limits`),
//! and [`Connection`],
//! the one place that turns them into a ready [`CustomerSource`].
//!
//! `get`, `list`, `update`, `create`, `drift` and `sync` all flatten [`ConnectArgs`] and call
//! [`Connection::open`]; a flag added here reaches every one of them.

use std::{sync::Arc, time::Duration};

use crm_runtime::{Config, RateLimit};
use customer_core::{CustomerSource, Provider};
use customer_sandbox::{Credentials, Sandbox};

use crate::{
    exit, logging, parse_timeout, sanitize,
    sources::{self, Origin},
};

/// The connection flags, flattened into every command that talks to a provider.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ConnectArgs {
    /// Use the embedded sandbox (in-process, ephemeral port, built-in credentials; changes made
    /// by writes end with the command).
    #[arg(long, conflicts_with = "base_url")]
    pub sandbox: bool,
    /// Base URL (scheme://host[:port][/prefix]); overrides <PROVIDER>_BASE_URL.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Deadline per call in seconds (a customer, a list page or a write): token, retries and
    /// rate-limit waits included (default 150, enough to wait out a 60 s rate-limit window once;
    /// a write is never retried).
    #[arg(long, value_name = "SECS", value_parser = parse_timeout)]
    pub timeout: Option<Duration>,
    /// At most N requests in any window of SECS seconds (e.g. 1000/60, or 1000/min), overriding
    /// the provider's documented limit (a tenant's plan may differ).
    #[arg(long, value_name = "N/SECS", value_parser = parse_rate_limit)]
    pub rate_limit: Option<RateLimit>,
    /// Share the rate limit and throttle pauses with every process on the same provider
    /// credentials through Redis: URL is redis://[:PASSWORD@]HOST:PORT[/DB], optionally with
    /// ?prefix=P (put before every key, to keep deployments apart) and &sharers=K (if Redis is lost
    /// mid-run, each process warns once and goes on at 1/K of the limit until it is back; default
    /// 1). Keys: [P]crm-limits:{PROVIDER:HASH}:window|flight|pause, HASH a SHA-256 of the
    /// credentials (never the credentials). Redis unreachable at start: exit 2.
    #[arg(long, value_name = "URL", env = "CRM_SHARED_LIMITS", hide_env_values = true)]
    pub shared_limits: Option<String>,
}

impl ConnectArgs {
    /// The client config these flags ask for: the library defaults, `--no-proxy`, `--timeout` as
    /// the deadline per call and `--rate-limit` over the provider's documented limit.
    pub fn config(&self) -> Config {
        let config = sources::config(self.timeout);
        match self.rate_limit {
            Some(limit) => config.with_rate_limit(Some(limit)),
            None => config,
        }
    }
}

/// A ready client for one provider, and the embedded sandbox it talks to, if any.
pub struct Connection {
    /// The client.
    pub source: Arc<dyn CustomerSource>,
    sandbox: Option<Sandbox>,
    /// The `--shared-limits` store, flushed on close.
    shared: Option<SharedStore>,
}

impl Connection {
    /// Connects as `args` say. Errors are reported on stderr here and come back as the exit code
    /// (2: a missing variable, a bad base URL, a sandbox that cannot start).
    pub async fn open(provider: Provider, args: &ConnectArgs) -> Result<Connection, u8> {
        if let Some(url) = &args.base_url {
            sanitize::register_url_password(url);
        }
        let (config, shared) = match args.shared_limits.as_deref().filter(|u| !u.trim().is_empty()) {
            Some(url) => {
                sanitize::register_url_password(url);
                let store = shared_limits(url).await?;
                (args.config().with_limits_store(as_store(&store)), Some(store))
            }
            None => (args.config(), None),
        };
        let sandbox = if args.sandbox { Some(start_sandbox().await?) } else { None };
        let source = match &sandbox {
            Some(s) => source_in(provider, s, config)?,
            None => {
                let origin = Origin::Env { base_url: args.base_url.as_deref() };
                sources::build(provider, origin, config).map_err(config_error)?
            }
        };
        Ok(Connection { source, sandbox, shared })
    }

    /// Stops the embedded sandbox, if one was started (the client is dropped first).
    pub async fn close(self) {
        let Connection { source, sandbox, shared } = self;
        drop(source);
        // The last requests' slots: stamped in Redis before the process exits, not held until
        // their lease runs out.
        #[cfg(feature = "redis")]
        if let Some(store) = shared {
            store.flush(std::time::Duration::from_secs(1)).await;
        }
        #[cfg(not(feature = "redis"))]
        let _ = shared;
        if let Some(s) = sandbox {
            s.shutdown().await;
        }
    }
}

/// Starts the embedded sandbox and registers its credentials as secrets.
pub async fn start_sandbox() -> Result<Sandbox, u8> {
    match Sandbox::start().await {
        Ok(s) => {
            register_sandbox_secrets(s.credentials());
            Ok(s)
        }
        Err(e) => {
            logging::error(&format!("cannot start the embedded sandbox: {e}"));
            Err(exit::USAGE)
        }
    }
}

/// A client for `provider` on a running sandbox, with its built-in credentials.
pub fn source_in(
    provider: Provider,
    sandbox: &Sandbox,
    config: Config,
) -> Result<Arc<dyn CustomerSource>, u8> {
    sources::build(provider, Origin::Sandbox { sandbox }, config).map_err(config_error)
}

/// The `--shared-limits` store.
#[cfg(feature = "redis")]
type SharedStore = crm_runtime::RedisLimits;
/// No `--shared-limits` store in a build without Redis support ([`shared_limits`] refuses).
#[cfg(not(feature = "redis"))]
type SharedStore = Arc<dyn crm_runtime::LimitsStore>;

#[cfg(feature = "redis")]
fn as_store(store: &SharedStore) -> Arc<dyn crm_runtime::LimitsStore> {
    Arc::new(store.clone())
}

#[cfg(not(feature = "redis"))]
fn as_store(store: &SharedStore) -> Arc<dyn crm_runtime::LimitsStore> {
    store.clone()
}

/// `--shared-limits URL`: the Redis store, connected (exit 2 when it cannot be).
#[cfg(feature = "redis")]
async fn shared_limits(url: &str) -> Result<SharedStore, u8> {
    crm_runtime::RedisLimits::connect(url).await.map_err(config_error)
}

/// `--shared-limits URL` in a build without Redis support: exit 2.
#[cfg(not(feature = "redis"))]
async fn shared_limits(_url: &str) -> Result<SharedStore, u8> {
    logging::error("--shared-limits: this build has no Redis support (build with the `redis` feature)");
    Err(exit::USAGE)
}

fn config_error(e: crm_runtime::Error) -> u8 {
    logging::error(&e.to_string());
    exit::USAGE
}

/// The embedded sandbox's credentials are secrets like any other.
fn register_sandbox_secrets(c: &Credentials) {
    for secret in c.secrets() {
        sanitize::register_secret(secret);
    }
}

/// `--rate-limit N/SECS`: at most N requests in any window of SECS seconds. SECS may be a decimal
/// or a period name as in Django REST Framework's rate syntax (`1000/min`: `s`, `m`/`min`,
/// `h`/`hour`, `d`/`day`).
pub fn parse_rate_limit(s: &str) -> Result<RateLimit, String> {
    let bad = || format!("`{s}`: expected N/SECS, e.g. 1000/60 (at most N requests in any SECS seconds)");
    let (n, per) = s.trim().split_once('/').ok_or_else(bad)?;
    let requests: u32 = n.trim().parse().map_err(|_| bad())?;
    if requests == 0 {
        return Err(format!("`{s}`: N must be at least 1"));
    }
    let per = per.trim();
    let secs = match per.to_ascii_lowercase().as_str() {
        "s" | "sec" | "second" => 1.0,
        "m" | "min" | "minute" => 60.0,
        "h" | "hour" => 3600.0,
        "d" | "day" => 86_400.0,
        _ => per.parse::<f64>().map_err(|_| bad())?,
    };
    if !(0.001..=86_400.0).contains(&secs) {
        return Err(format!("`{s}`: SECS must be between 0.001 and 86400"));
    }
    Ok(RateLimit { requests, per: std::time::Duration::from_secs_f64(secs) })
}
