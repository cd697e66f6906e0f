//! Builds a `CustomerSource` for a provider from the environment, `--base-url`, `--timeout`, or
//! the embedded sandbox's built-in credentials.

use std::{sync::Arc, time::Duration};

use crm_runtime::{Config, Error};
use customer_core::{CustomerSource, Facts, Provider};
use customer_sandbox::Sandbox;

/// Where the credentials and base URL come from.
pub enum Origin<'a> {
    /// Environment variables, with an optional base URL override.
    Env { base_url: Option<&'a str> },
    /// The embedded sandbox: its base URL and built-in credentials.
    Sandbox { sandbox: &'a Sandbox },
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

/// The facts of every provider, in the contract's order (the registry's).
pub fn providers() -> impl Iterator<Item = &'static Facts> {
    Provider::ALL.into_iter().map(Provider::facts)
}

/// A ready client for `provider`, or a `config` error naming the variables to set: the
/// registry's variables read from the environment (the base URL overridden by `--base-url`) or
/// from the embedded sandbox ([`Sandbox::env`](customer_sandbox::Sandbox::env)); built by
/// [`customer_core::open`], so nothing here names a provider.
pub fn build(
    provider: Provider,
    origin: Origin<'_>,
    config: Config,
) -> Result<Arc<dyn CustomerSource>, Error> {
    let base_url_env = provider.facts().base_url_env;
    match origin {
        Origin::Env { base_url } => {
            let vars = |name: &str| match base_url {
                Some(url) if name == base_url_env => Some(url.to_owned()),
                _ => std::env::var(name).ok(),
            };
            customer_core::open(provider, &vars, config)
        }
        Origin::Sandbox { sandbox } => {
            let env = sandbox.env(provider);
            let vars = |name: &str| env.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
            customer_core::open(provider, &vars, config)
        }
    }
}

/// The sandbox's provider for a customer-core provider: the same crm-registry enum, which the
/// sandbox re-exports; every provider has a sandbox part.
pub fn sandbox_provider(p: Provider) -> Option<customer_sandbox::Provider> {
    Some(p)
}

/// The help of a provider argument: `pluuug, gofive, eshouhou or nd.`
pub fn provider_help() -> String {
    format!("{}.", Provider::names_or())
}

/// `what (p1, p2)`: the providers whose facts say they document it.
pub fn documenting(what: &str, documents: fn(&Facts) -> customer_core::Documented) -> String {
    let names: Vec<&str> = providers().filter(|f| documents(f).is_documented()).map(|f| f.name).collect();
    format!("{what} ({})", names.join(", "))
}

/// A provider's required and optional variables, the base URL's left out.
fn env_names(info: &Facts, required: bool) -> String {
    let names: Vec<&str> = info
        .env
        .iter()
        .filter(|v| v.required == required && v.name != info.base_url_env)
        .map(|v| v.name)
        .collect();
    names.join(", ")
}

fn base_url_text(info: &Facts) -> String {
    match info.default_base_url {
        Some(url) => format!("{} (default {url})", info.base_url_env),
        None => format!("{} (required: no public host)", info.base_url_env),
    }
}

/// The environment part of `--help`, rendered from each provider crate's facts.
pub fn env_help() -> String {
    let mut out =
        String::from("Environment (--base-url overrides the base URL; --sandbox needs none of it):\n");
    for info in providers() {
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
    providers()
        .map(|info| {
            let env: Vec<&str> = info.env.iter().map(|v| v.name).collect();
            let url = info
                .default_base_url
                .map_or_else(|| format!("(none: {} required)", info.base_url_env), str::to_string);
            [info.name.to_string(), info.auth.to_string(), env.join(", "), url]
        })
        .collect()
}
