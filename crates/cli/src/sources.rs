//! Builds a `CustomerSource` for a provider from the environment, `--base-url`, `--timeout`, or
//! the embedded sandbox's built-in credentials.

use std::{sync::Arc, time::Duration};

use crm_runtime::{Config, Error, ProviderInfo};
use customer_core::{CustomerSource, Provider};
use customer_sandbox::Credentials;

/// Where the credentials and base URL come from.
pub enum Origin<'a> {
    /// Environment variables, with an optional base URL override.
    Env { base_url: Option<&'a str> },
    /// The embedded sandbox.
    Sandbox { base_url: &'a str, credentials: &'a Credentials },
}

static NO_PROXY: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// `--no-proxy`: every client of this run ignores the proxy environment variables.
pub fn set_no_proxy(on: bool) {
    NO_PROXY.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// The client config for a CLI run: library defaults, plus `--timeout` as the deadline per call.
/// Each client layers it onto its provider's defaults (Pluuug keeps its documented rate limit).
pub fn config(timeout: Option<Duration>) -> Config {
    let config = Config::default().with_no_proxy(NO_PROXY.load(std::sync::atomic::Ordering::Relaxed));
    match timeout {
        Some(t) => config.with_timeout(t),
        None => config,
    }
}

/// The facts of every provider this build supports, in the contract's order.
pub const PROVIDERS: [&ProviderInfo; 4] =
    [&pluuug_client::INFO, &gofive_client::INFO, &eshouhou_client::INFO, &nd_client::INFO];

fn unsupported(provider: Provider) -> Error {
    Error::config("crm-customers", format!("provider `{provider}` is not supported by this build"))
}

/// A ready client for `provider`, or a `config` error naming the variables to set.
pub fn build(
    provider: Provider,
    origin: Origin<'_>,
    config: Config,
) -> Result<Arc<dyn CustomerSource>, Error> {
    let env_url = match origin {
        Origin::Env { base_url } => base_url,
        Origin::Sandbox { .. } => None,
    };
    let source: Arc<dyn CustomerSource> = match (provider, origin) {
        (Provider::Pluuug, Origin::Env { .. }) => Arc::new(
            with_url(pluuug_client::Client::builder_from_env()?, env_url, |b, u| b.base_url(u))
                .config(config)
                .build()?,
        ),
        (Provider::Pluuug, Origin::Sandbox { base_url, credentials: c }) => Arc::new(
            pluuug_client::Client::builder()
                .api_key(&c.pluuug_api_key)
                .secret_key(&c.pluuug_secret_key)
                .base_url(base_url)
                .config(config)
                .build()?,
        ),
        (Provider::Gofive, Origin::Env { .. }) => Arc::new(
            with_url(gofive_client::Client::builder_from_env()?, env_url, |b, u| b.base_url(u))
                .config(config)
                .build()?,
        ),
        (Provider::Gofive, Origin::Sandbox { base_url, credentials: c }) => Arc::new(
            gofive_client::Client::builder()
                .subscription_key(&c.gofive_subscription_key)
                .client_id(&c.gofive_client_id)
                .client_secret(&c.gofive_client_secret)
                .base_url(base_url)
                .config(config)
                .build()?,
        ),
        (Provider::Eshouhou, Origin::Env { .. }) => Arc::new(
            with_url(eshouhou_client::Client::builder_from_env()?, env_url, |b, u| b.base_url(u))
                .config(config)
                .build()?,
        ),
        (Provider::Eshouhou, Origin::Sandbox { base_url, credentials: c }) => Arc::new(
            eshouhou_client::Client::builder()
                .appid(&c.eshouhou_appid)
                .app_secret(&c.eshouhou_app_secret)
                .base_url(base_url)
                .config(config)
                .build()?,
        ),
        (Provider::Nd, Origin::Env { .. }) => Arc::new(
            with_url(nd_client::Client::builder_from_env()?, env_url, |b, u| b.base_url(u))
                .config(config)
                .build()?,
        ),
        (Provider::Nd, Origin::Sandbox { base_url, credentials: c }) => {
            let mut b = nd_client::Client::builder().base_url(base_url).config(config);
            if let Some(t) = &c.nd_token {
                b = b.token(t);
            }
            Arc::new(b.build()?)
        }
        // `Provider` is non-exhaustive: a provider added to customer-core but not wired here is
        // an error, never another provider's client.
        (other, _) => return Err(unsupported(other)),
    };
    Ok(source)
}

fn with_url<B>(builder: B, url: Option<&str>, set: impl FnOnce(B, &str) -> B) -> B {
    match url {
        Some(u) => set(builder, u),
        None => builder,
    }
}

/// The sandbox's provider for a customer-core provider (`None` for one this build lacks).
pub fn sandbox_provider(p: Provider) -> Option<customer_sandbox::Provider> {
    match p {
        Provider::Pluuug => Some(customer_sandbox::Provider::Pluuug),
        Provider::Gofive => Some(customer_sandbox::Provider::Gofive),
        Provider::Eshouhou => Some(customer_sandbox::Provider::Eshouhou),
        Provider::Nd => Some(customer_sandbox::Provider::Nd),
        _ => None,
    }
}

/// A provider's required and optional variables, the base URL's left out.
fn env_names(info: &ProviderInfo, required: bool) -> String {
    let names: Vec<&str> = info
        .env
        .iter()
        .filter(|v| v.required == required && v.name != info.base_url_env)
        .map(|v| v.name)
        .collect();
    names.join(", ")
}

fn base_url_text(info: &ProviderInfo) -> String {
    match info.default_base_url {
        Some(url) => format!("{} (default {url})", info.base_url_env),
        None => format!("{} (required: no public host)", info.base_url_env),
    }
}

/// The environment part of `--help`, rendered from each provider crate's facts.
pub fn env_help() -> String {
    let mut out =
        String::from("Environment (--base-url overrides the base URL; --sandbox needs none of it):\n");
    for info in PROVIDERS {
        let mut lines = vec![env_names(info, true)];
        let optional = env_names(info, false);
        if !optional.is_empty() {
            lines.push(format!("optional {optional}"));
        }
        lines.push(base_url_text(info));
        for (i, line) in lines.iter().filter(|l| !l.is_empty()).enumerate() {
            out.push_str(&format!("  {:<9} {line}\n", if i == 0 { info.name } else { "" }));
        }
    }
    out.push_str(
        "\nExit codes: 0 ok, 2 usage/configuration (an OAuth2 invalid_scope: the configured scope),\n            \
         3 not found, 4 auth rejected (OAuth2 invalid_client, unauthorized_client),\n            \
         5 provider error or bad response, 6 network/timeout/rate limited,\n            \
         74 stdout not writable, 130 Ctrl-C, 141 stdout closed by its reader",
    );
    out
}

/// One row per provider for `crm-customers providers`: name, auth, environment, base URL.
pub fn provider_rows() -> Vec<[String; 4]> {
    PROVIDERS
        .iter()
        .map(|info| {
            let env: Vec<&str> = info.env.iter().map(|v| v.name).collect();
            let url = info
                .default_base_url
                .map_or_else(|| format!("(none: {} required)", info.base_url_env), str::to_string);
            [info.name.to_string(), info.auth.to_string(), env.join(", "), url]
        })
        .collect()
}
