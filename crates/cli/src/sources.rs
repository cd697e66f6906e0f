//! Builds a `CustomerSource` for a provider from the environment, `--base-url`, `--timeout`, or
//! the embedded sandbox's built-in credentials.

use std::{sync::Arc, time::Duration};

use crm_runtime::{Config, Error};
use customer_core::{CustomerSource, Provider};
use customer_sandbox::Credentials;

/// Where the credentials and base URL come from.
pub enum Origin<'a> {
    /// Environment variables, with an optional base URL override.
    Env { base_url: Option<&'a str> },
    /// The embedded sandbox.
    Sandbox { base_url: &'a str, credentials: &'a Credentials },
}

/// The client config for a CLI run: library defaults, plus `--timeout` as the total per call.
pub fn config(timeout: Option<Duration>) -> Config {
    let config = Config::default();
    match timeout {
        Some(t) => config.with_timeout(t),
        None => config,
    }
}

/// A ready client for `provider`, or a `config` error naming the variables to set.
pub fn build(
    provider: Provider,
    origin: Origin<'_>,
    config: Config,
) -> Result<Arc<dyn CustomerSource>, Error> {
    let source: Arc<dyn CustomerSource> = match (provider, origin) {
        (Provider::Pluuug, Origin::Env { base_url }) => {
            let mut b = pluuug_client::Client::builder_from_env()?;
            if let Some(u) = base_url {
                b = b.base_url(u);
            }
            let defaults = Config::default();
            // Keep Pluuug's documented 1000 requests/min unless the user changed limits.
            let config = if config.rate_limit == defaults.rate_limit {
                config.with_rate_limit(Some(pluuug_client::DOCUMENTED_RATE_LIMIT))
            } else {
                config
            };
            Arc::new(b.config(config).build()?)
        }
        (Provider::Pluuug, Origin::Sandbox { base_url, credentials }) => Arc::new(
            pluuug_client::Client::builder()
                .api_key(&credentials.pluuug_api_key)
                .secret_key(&credentials.pluuug_secret_key)
                .base_url(base_url)
                .config(config)
                .build()?,
        ),
        (Provider::Gofive, Origin::Env { base_url }) => {
            let mut b = gofive_client::Client::builder_from_env()?;
            if let Some(u) = base_url {
                b = b.base_url(u);
            }
            Arc::new(b.config(config).build()?)
        }
        (Provider::Gofive, Origin::Sandbox { base_url, credentials }) => Arc::new(
            gofive_client::Client::builder()
                .subscription_key(&credentials.gofive_subscription_key)
                .client_id(&credentials.gofive_client_id)
                .client_secret(&credentials.gofive_client_secret)
                .base_url(base_url)
                .config(config)
                .build()?,
        ),
        (Provider::Eshouhou, Origin::Env { base_url }) => {
            let mut b = eshouhou_client::Client::builder_from_env()?;
            if let Some(u) = base_url {
                b = b.base_url(u);
            }
            Arc::new(b.config(config).build()?)
        }
        (Provider::Eshouhou, Origin::Sandbox { base_url, credentials }) => Arc::new(
            eshouhou_client::Client::builder()
                .appid(&credentials.eshouhou_appid)
                .app_secret(&credentials.eshouhou_app_secret)
                .base_url(base_url)
                .config(config)
                .build()?,
        ),
        (Provider::Nd, Origin::Env { base_url }) => {
            let mut b = nd_client::Client::builder_from_env();
            if let Some(u) = base_url {
                b = b.base_url(u);
            }
            Arc::new(b.config(config).build()?)
        }
        (Provider::Nd, Origin::Sandbox { base_url, credentials }) => {
            let mut b = nd_client::Client::builder().base_url(base_url).config(config);
            if let Some(t) = &credentials.nd_token {
                b = b.token(t);
            }
            Arc::new(b.build()?)
        }
        (other, _) => {
            return Err(Error::config(
                "crm-customers",
                format!("provider `{other}` is not supported by this build"),
            ));
        }
    };
    Ok(source)
}

/// The sandbox's provider for a customer-core provider.
pub fn sandbox_provider(p: Provider) -> customer_sandbox::Provider {
    match p {
        Provider::Pluuug => customer_sandbox::Provider::Pluuug,
        Provider::Gofive => customer_sandbox::Provider::Gofive,
        Provider::Eshouhou => customer_sandbox::Provider::Eshouhou,
        _ => customer_sandbox::Provider::Nd,
    }
}
