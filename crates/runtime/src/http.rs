//! Building the `reqwest::Client` a runtime sends with.
//!
//! Proxies: like `curl`, the client uses `HTTP_PROXY`/`HTTPS_PROXY`/`ALL_PROXY` from the
//! environment and skips hosts listed in `NO_PROXY`. A proxy sees everything a plain `http://`
//! request carries, credentials included (over `https://` it only relays the encrypted
//! stream). [`crate::Config::with_no_proxy`] turns proxies off for a client.

use std::time::Duration;

use crate::{Config, Error};

/// A `reqwest::Client` with `config`'s connect timeout and proxy choice, connection reuse and
/// the user agent, that never follows a redirect (a redirect must not carry credentials to
/// another origin). TLS comes from the backend this build selected ([`crate::tls`]).
pub(crate) fn build_client(provider: &'static str, config: &Config) -> Result<reqwest::Client, Error> {
    let mut builder = crate::tls::configure(provider, reqwest::Client::builder())?
        .connect_timeout(config.connect_timeout)
        .user_agent(concat!("crm-customers/", env!("CARGO_PKG_VERSION")))
        .pool_idle_timeout(Duration::from_secs(60))
        .redirect(reqwest::redirect::Policy::none());
    if config.no_proxy {
        builder = builder.no_proxy();
    }
    builder
        .build()
        .map_err(|e| Error::config(provider, format!("cannot build the HTTP client: {}", e.without_url())))
}
