//! The public entry points: [`SandboxBuilder`] (every knob), [`Sandbox`] (a running server and
//! its control methods) and [`serve`]. What runs is [`Server`](crate::server::Server).

use std::fmt;
use std::future::Future;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::serve::ListenerExt;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::gofive::GofiveClientAuth;
use crate::server::{self, Config, Server};
use crate::throttle::Limit;
use crate::types::{Credentials, Provider, Stats};

/// How long [`Sandbox::shutdown`] waits for in-flight requests before cutting them off.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Configures a [`Sandbox`] before starting it. Obtained from [`Sandbox::builder`].
#[derive(Clone, Debug, Default)]
#[must_use]
pub struct SandboxBuilder {
    port: u16,
    config: Config,
}

impl SandboxBuilder {
    /// The port to listen on, on 127.0.0.1; `0` (the default) picks a free ephemeral port.
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// The credentials to accept, replacing all of them (including the nd token).
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.config.credentials = credentials;
        self
    }

    /// A delay added to every provider request before it is handled (default none).
    pub fn latency(mut self, latency: Duration) -> Self {
        self.config.shared.latency = latency;
        self
    }

    /// Lifetime of Gofive and eshouhou access tokens, both reported as `expires_in` in whole
    /// seconds, rounded down. Without it each keeps its documented default: Gofive 3600 s (its
    /// token example), eshouhou the `expire` parameter in hours, 2 hours (7200 s) when absent;
    /// with it, an eshouhou `expire` can only shorten the lifetime.
    pub fn token_ttl(mut self, ttl: Duration) -> Self {
        self.config.parts.gofive.token_ttl = ttl;
        self.config.parts.eshouhou.token_cap = Some(ttl);
        self
    }

    /// Which RFC 6749 §2.3.1 client authentication Gofive's token endpoint accepts (default
    /// [`GofiveClientAuth::Either`], as IdentityServer does). With `BasicOnly`, a form-body
    /// client is answered `401 {"error":"invalid_client"}` with `WWW-Authenticate: Basic`; with
    /// `PostOnly`, an `Authorization: Basic` client is answered `400 {"error":"invalid_client"}`.
    pub fn gofive_client_auth(mut self, accepted: GofiveClientAuth) -> Self {
        self.config.parts.gofive.client_auth = accepted;
        self
    }

    /// Turns on a rate limit for one provider, counted the way its stack counts (off by
    /// default): Pluuug as DRF's `SimpleRateThrottle` (sliding window per API key), Gofive as
    /// Azure APIM `rate-limit-by-key` (sliding window per subscription key), nd as Laravel's
    /// `ThrottleRequests` (fixed window from the first hit, per bearer token or client IP), and
    /// eshouhou, whose limits are undocumented, as an ASSUMED fixed window per `appid`. Each
    /// answers a refused request with 429, `Retry-After` (whole seconds until a slot frees,
    /// rounded up) and its own body; the crate docs list them. `requests` 0 is treated as 1.
    pub fn throttle(mut self, provider: Provider, requests: u32, per: Duration) -> Self {
        self.config.shared.throttles[provider.index()] = Some(Limit { requests: requests.max(1), per });
        self
    }

    /// The first `requests` requests to `provider`'s customer endpoints (token endpoints
    /// excluded; authentication still checked first) answer the provider's throttled response
    /// with `Retry-After: retry_after` (whole seconds, rounded up), whether or not a
    /// [`throttle`](Self::throttle) is configured. For tests of one 429 in the middle of a bulk
    /// run (the reserved ids `9944SS` do the same for one id).
    pub fn throttle_first(mut self, provider: Provider, requests: u32, retry_after: Duration) -> Self {
        let secs = retry_after.as_secs().saturating_add(u64::from(retry_after.subsec_nanos() > 0));
        self.config.shared.first_throttled[provider.index()] = (requests, secs);
        self
    }

    /// Makes `provider`'s customer-detail success responses drift from the spec by exactly
    /// the three changes [`drift::expected`](crate::drift::expected) lists (a new property, a
    /// changed type, an unknown enum value). Off by default.
    pub fn drift(mut self, provider: Provider) -> Self {
        self.config.shared.drift[provider.index()] = true;
        self
    }

    /// Adds `count` generated nd customers after the seeded ones (detail and list), e.g. 600
    /// to have more than `100 × 5` records, the most nd's paginate can reach at `page_size` 5.
    pub fn nd_extra_customers(mut self, count: usize) -> Self {
        self.config.parts.nd.extra_customers = count;
        self
    }

    /// ASSUMPTION, off by default: reject eshouhou token requests whose `timestamp` (Unix ms) is
    /// further than `window` from the server's clock with `{"ResultCode":40003,"ErrorMsg":
    /// "timestamp expired"}`. The vendor documents no freshness check (its own worked example,
    /// timestamp `1588239113429`, is accepted by default).
    pub fn eshouhou_timestamp_window(mut self, window: Duration) -> Self {
        self.config.parts.eshouhou.timestamp_window = Some(window);
        self
    }

    /// Applies one reserved id's fault (`"990503"`, `"991502"`, `"990006"`, … — the table in the
    /// crate docs) to every customer request on all four providers, whatever id is asked for:
    /// the server-wide form of the per-request knobs. Auth is still checked first; token
    /// endpoints are not affected. An id that is not a reserved one is an `InvalidInput` error
    /// at `start`.
    pub fn fault(mut self, reserved_id: impl Into<String>) -> Self {
        self.config.shared.fault = Some(reserved_id.into());
        self
    }

    /// The bearer token nd requires; `None` lets nd requests through without authentication.
    pub fn nd_token(mut self, token: Option<String>) -> Self {
        self.config.credentials.nd_token = token;
        self
    }

    /// Binds 127.0.0.1 on the configured port and starts serving in the background.
    pub async fn start(self) -> io::Result<Sandbox> {
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, self.port));
        self.start_at(addr).await
    }

    async fn start_at(self, addr: SocketAddr) -> io::Result<Sandbox> {
        if let Some(f) = &self.config.shared.fault
            && !crate::knobs::is_reserved(f)
        {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("`{f}` is not a reserved fault id"),
            ));
        }
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let (shutdown_tx, shutdown_rx) = watch::channel(false);
        let server = Arc::new(Server::new(self.config, format!("http://{addr}"), shutdown_rx.clone()));
        let app = server::router(&server);
        let mut stop = shutdown_rx;
        // Small JSON answers on kept-alive connections must not wait on Nagle's algorithm.
        let listener = listener.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        let task = tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    let _ = stop.wait_for(|stop| *stop).await;
                })
                .await
        });
        tracing::debug!(%addr, "sandbox listening");
        Ok(Sandbox { addr, server, shutdown_tx, task: Some(task) })
    }
}

/// A running sandbox server. Dropping it stops the server too (without waiting).
pub struct Sandbox {
    addr: SocketAddr,
    server: Arc<Server>,
    shutdown_tx: watch::Sender<bool>,
    task: Option<JoinHandle<io::Result<()>>>,
}

impl fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sandbox")
            .field("addr", &self.addr)
            .field("credentials", self.server.credentials())
            .finish_non_exhaustive()
    }
}

impl Sandbox {
    /// Starts a sandbox on an ephemeral port of 127.0.0.1 with the default credentials.
    pub async fn start() -> io::Result<Sandbox> {
        Sandbox::builder().start().await
    }

    /// A builder for a sandbox with a chosen port, credentials, latency or token lifetime.
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder::default()
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash: the base URL of all four providers.
    pub fn base_url(&self) -> String {
        self.server.base_url().to_owned()
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The credentials the server accepts.
    pub fn credentials(&self) -> &Credentials {
        self.server.credentials()
    }

    /// The environment a client of `provider` needs to talk to this sandbox: the provider's
    /// credential variables (the registry's names) with the values this sandbox accepts, and its
    /// base URL variable set to [`base_url`](Self::base_url). nd's token is left out when nd auth
    /// is off. Hand it to `Command::envs` or to a client's `builder_from_vars`.
    pub fn env(&self, provider: Provider) -> Vec<(String, String)> {
        let mut env: Vec<(String, String)> =
            self.server.part(provider).client_env().into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        env.push((provider.facts().base_url_env.to_owned(), self.base_url()));
        env
    }

    /// Every secret value this sandbox accepts, of every provider: the values of the variables
    /// of [`env`](Self::env) the registry marks secret (keys, secrets, tokens; not ids or URLs).
    /// What a program printing sandbox output must redact. Tokens the sandbox issues later are
    /// not known here.
    pub fn secrets(&self) -> Vec<String> {
        Provider::ALL
            .into_iter()
            .flat_map(|provider| {
                let vars = provider.facts().env;
                self.env(provider)
                    .into_iter()
                    .filter(move |(name, _)| vars.iter().any(|v| v.secret && v.name == name))
                    .map(|(_, value)| value)
            })
            .collect()
    }

    /// The customer ids of a provider, in a stable order: the seeded ones (the documented
    /// example first), then nd's extra customers, then those created through the API; deleted
    /// ones are left out.
    pub fn customer_ids(&self, provider: Provider) -> Vec<String> {
        self.server.part(provider).customer_ids()
    }

    /// A snapshot of the request, token-request and auth-failure counters.
    pub fn stats(&self) -> Stats {
        self.server.stats()
    }

    /// Changes customer `id` of `provider` while the sandbox runs (nd and Pluuug; others answer
    /// `false`): `fields` is a JSON object of response keys as the detail shows them (nd camelCase,
    /// Pluuug `companyName`, …), written into the detail and into the list item where it has that
    /// key. Whether the customer exists.
    pub fn change_customer(&self, provider: Provider, id: &str, fields: &serde_json::Value) -> bool {
        let Some(fields) = fields.as_object() else { return false };
        self.server.part(provider).change_customer(id, fields)
    }

    /// Deletes customer `id` of `provider` (nd and Pluuug): its detail is then 404 and the list
    /// leaves it out. Whether it existed.
    pub fn delete_customer(&self, provider: Provider, id: &str) -> bool {
        self.server.part(provider).delete_customer(id)
    }

    /// Adds customer `id` to `provider` (nd: any id; Pluuug: a numeric id), a copy of the first
    /// seeded customer with `fields` (response keys) set; it is listed last (nd) or in id order
    /// (Pluuug). `false` if the id exists or the provider is not nd or Pluuug.
    pub fn add_customer(&self, provider: Provider, id: &str, fields: &serde_json::Value) -> bool {
        let empty = serde_json::Map::new();
        let fields = fields.as_object().unwrap_or(&empty);
        self.server.part(provider).add_customer(id, fields)
    }

    /// Page `page` (1-based) of `provider`'s list — nd's `POST /api/customers/paginate` (the
    /// request's `page`), Pluuug's `GET /v1/client` (the cursor's offset / page size + 1) — answers
    /// HTTP 500 the next `times` times it is asked for (a client retrying 5xx spends some of them);
    /// `times` 0 clears the fault. Other providers: no effect.
    pub fn fail_list_page(&self, provider: Provider, page: usize, times: u32) {
        self.server.part(provider).fail_list_page(page, times);
    }

    /// Invalidates every Gofive and eshouhou token issued so far.
    pub fn expire_tokens(&self) {
        self.server.expire_tokens();
    }

    /// Stops accepting connections, lets in-flight requests finish (a hanging `990006` request
    /// is answered at once), and waits for the server to stop.
    pub async fn shutdown(mut self) {
        let _ = self.shutdown_tx.send(true);
        if let Some(mut task) = self.task.take() {
            match tokio::time::timeout(SHUTDOWN_GRACE, &mut task).await {
                Ok(Ok(Err(error))) => tracing::warn!(%error, "sandbox server stopped with an error"),
                Ok(_) => {}
                Err(_) => task.abort(),
            }
        }
    }

    /// Serves until `signal` resolves, then shuts down gracefully. For a command line, pass
    /// something like `async { let _ = tokio::signal::ctrl_c().await; }`.
    pub async fn run_until<F>(self, signal: F)
    where
        F: Future<Output = ()>,
    {
        signal.await;
        self.shutdown().await;
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.shutdown_tx.send(true);
    }
}

/// Serves the sandbox on `addr` (any interface and port, `0` for ephemeral) until `shutdown`
/// resolves. Fails only if the address cannot be bound.
pub async fn serve<F>(addr: SocketAddr, builder: SandboxBuilder, shutdown: F) -> io::Result<()>
where
    F: Future<Output = ()>,
{
    let sandbox = builder.start_at(addr).await?;
    sandbox.run_until(shutdown).await;
    Ok(())
}
