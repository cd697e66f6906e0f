//! The running server: shared state, router, the request-counting middleware, and the public
//! `Sandbox` / `SandboxBuilder` / `serve` entry points.

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::serve::ListenerExt;
use http::StatusCode;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::throttle::{Decision, Limit, Limiter};
use crate::types::{Credentials, Provider, ProviderStats, Stats};
use crate::{control, dataset, eshouhou, gofive, nd, pluuug};

/// How long [`Sandbox::shutdown`] waits for in-flight requests before cutting them off.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Above this many live tokens, issuing a token first drops the expired ones, so a benchmark
/// that fetches a token per request cannot grow the map without bound.
const TOKEN_PRUNE_THRESHOLD: usize = 4096;

#[derive(Default)]
struct Counters {
    requests: AtomicU64,
    token_requests: AtomicU64,
    auth_failures: AtomicU64,
    throttled: AtomicU64,
}

/// `throttle_first`: this many more requests answer 429 with this `Retry-After`.
#[derive(Default)]
struct FirstThrottled {
    left: std::sync::atomic::AtomicU32,
    retry_after: u64,
}

/// Access tokens issued by one provider's token endpoint, with their expiry.
#[derive(Default)]
pub(crate) struct TokenStore {
    tokens: Mutex<HashMap<String, Instant>>,
}

impl TokenStore {
    /// Remembers `token` as valid for `ttl` from now.
    pub(crate) fn insert(&self, token: String, ttl: Duration) {
        let now = Instant::now();
        let mut tokens = self.tokens.lock().unwrap_or_else(PoisonError::into_inner);
        if tokens.len() >= TOKEN_PRUNE_THRESHOLD {
            tokens.retain(|_, expiry| *expiry > now);
        }
        tokens.insert(token, now + ttl);
    }

    /// Whether `token` was issued here and has not expired.
    pub(crate) fn is_valid(&self, token: &str) -> bool {
        let tokens = self.tokens.lock().unwrap_or_else(PoisonError::into_inner);
        tokens.get(token).is_some_and(|expiry| *expiry > Instant::now())
    }

    fn clear(&self) {
        self.tokens.lock().unwrap_or_else(PoisonError::into_inner).clear();
    }
}

/// Everything the handlers share.
pub(crate) struct AppState {
    pub(crate) creds: Credentials,
    /// `http://host:port` of this server, for absolute links when a request has no `Host`.
    pub(crate) base_url: String,
    latency: Duration,
    /// Lifetime of Gofive tokens.
    pub(crate) gofive_token_ttl: Duration,
    pub(crate) gofive_client_auth: GofiveClientAuth,
    /// Upper bound of eshouhou token lifetimes (`None`: the `expire` parameter, default 2 h).
    pub(crate) eshouhou_token_cap: Option<Duration>,
    /// ASSUMPTION knob: reject eshouhou token requests whose timestamp is further than this
    /// from the server clock (`None`, the default: no freshness check, as documented).
    pub(crate) eshouhou_timestamp_window: Option<Duration>,
    /// A reserved id whose fault every customer request gets (server-wide knob).
    pub(crate) fault: Option<String>,
    /// Providers whose detail responses drift from the spec (`SandboxBuilder::drift`).
    drift: [bool; 4],
    limiters: [Option<Limiter>; 4],
    first_throttled: [FirstThrottled; 4],
    counters: [Counters; 4],
    pub(crate) pluuug: pluuug::Store,
    pub(crate) gofive: gofive::Store,
    pub(crate) nd: nd::Store,
    pub(crate) gofive_tokens: TokenStore,
    pub(crate) eshouhou_tokens: TokenStore,
    /// Requests seen per (provider, reserved id), for the knobs that change after N requests.
    knob_hits: Mutex<HashMap<(Provider, String), u32>>,
    shutdown: watch::Receiver<bool>,
}

impl AppState {
    fn counters(&self, provider: Provider) -> &Counters {
        &self.counters[provider.index()]
    }

    pub(crate) fn count_token_request(&self, provider: Provider) {
        self.counters(provider).token_requests.fetch_add(1, Ordering::Relaxed);
    }

    /// Whether detail responses of `provider` carry the drift changes.
    pub(crate) fn drifts(&self, provider: Provider) -> bool {
        self.drift[provider.index()]
    }

    /// Counts one request of `provider` under `key` against its throttle (call after the
    /// credentials were accepted). `None` when the provider is not throttled.
    pub(crate) fn throttle(&self, provider: Provider, key: &str) -> Option<Decision> {
        self.throttle_inner(provider, key, true)
    }

    /// [`AppState::throttle`] for token endpoints, which `throttle_first` leaves alone.
    pub(crate) fn throttle_token(&self, provider: Provider, key: &str) -> Option<Decision> {
        self.throttle_inner(provider, key, false)
    }

    fn throttle_inner(&self, provider: Provider, key: &str, data_call: bool) -> Option<Decision> {
        let limiter = self.limiters[provider.index()].as_ref();
        let first = &self.first_throttled[provider.index()];
        let forced = data_call
            && first.left.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1)).is_ok();
        if forced {
            let retry_after = first.retry_after;
            return Some(Decision::Throttled {
                limit: limiter.map_or(crate::throttle::KNOB_LIMIT, Limiter::requests),
                retry_after,
                reset_unix: crate::throttle::unix_now().saturating_add(retry_after),
            });
        }
        limiter.map(|l| l.check(key))
    }

    pub(crate) fn count_auth_failure(&self, provider: Provider, reason: &'static str) {
        tracing::debug!(provider = provider.as_str(), reason, "sandbox auth failure");
        self.counters(provider).auth_failures.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts one more request for a reserved id and returns the count including this one.
    pub(crate) fn knob_hit(&self, provider: Provider, id: &str) -> u32 {
        let mut hits = self.knob_hits.lock().unwrap_or_else(PoisonError::into_inner);
        let count = hits.entry((provider, id.to_owned())).or_insert(0);
        *count = count.saturating_add(1);
        *count
    }

    /// Resolves once the server is shutting down.
    pub(crate) async fn shutting_down(&self) {
        let mut rx = self.shutdown.clone();
        // An error means the sender is gone, which also means the server is going away.
        let _ = rx.wait_for(|stop| *stop).await;
    }

    pub(crate) fn customer_ids(&self, provider: Provider) -> Vec<String> {
        match provider {
            Provider::Pluuug => self.pluuug.ids(),
            Provider::Gofive => self.gofive.ids(),
            Provider::Eshouhou => dataset::get().ids(provider).to_vec(),
            Provider::Nd => self.nd.ids(),
        }
    }

    pub(crate) fn expire_tokens(&self) {
        self.gofive_tokens.clear();
        self.eshouhou_tokens.clear();
    }

    pub(crate) fn stats(&self) -> Stats {
        Stats::from_array(Provider::ALL.map(|p| {
            let c = self.counters(p);
            ProviderStats {
                requests: c.requests.load(Ordering::Relaxed),
                token_requests: c.token_requests.load(Ordering::Relaxed),
                auth_failures: c.auth_failures.load(Ordering::Relaxed),
                throttled: c.throttled.load(Ordering::Relaxed),
            }
        }))
    }
}

/// Which provider a path belongs to; `None` for control and unknown paths.
fn provider_of(path: &str) -> Option<Provider> {
    if path.starts_with("/v1/") {
        Some(Provider::Pluuug)
    } else if path.starts_with("/authorization/") || path.starts_with("/v3/") {
        Some(Provider::Gofive)
    } else if path.starts_with("/api/TokenApi") || path.starts_with("/open/") {
        Some(Provider::Eshouhou)
    } else if path.starts_with("/api/customers") {
        Some(Provider::Nd)
    } else {
        None
    }
}

/// Counts every provider request (also 404s and 405s) and every 429 sent, and adds the
/// configured latency.
async fn observe(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let Some(provider) = provider_of(request.uri().path()) else {
        return next.run(request).await;
    };
    state.counters(provider).requests.fetch_add(1, Ordering::Relaxed);
    if !state.latency.is_zero() {
        tokio::time::sleep(state.latency).await;
    }
    let response = next.run(request).await;
    if response.status() == StatusCode::TOO_MANY_REQUESTS {
        state.counters(provider).throttled.fetch_add(1, Ordering::Relaxed);
    }
    response
}

async fn unknown_path() -> StatusCode {
    StatusCode::NOT_FOUND
}

fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/v1/client", get(pluuug::client_list).post(pluuug::client_create))
        .route("/v1/client/status", get(pluuug::status_list))
        .route(
            "/v1/client/{client_id}",
            get(pluuug::client_detail).patch(pluuug::client_update).delete(pluuug::client_delete),
        )
        .route("/v1/field", get(pluuug::field_list))
        .route("/authorization/connect/token", post(gofive::token))
        // The legacy portal spells it this way; gateways route both.
        .route("/authorization/Connect/Token", post(gofive::token))
        .route("/v3/customers", post(gofive::upsert))
        .route("/v3/customers/{customer_code}", get(gofive::customer))
        .route("/api/TokenApi", get(eshouhou::token))
        .route("/open/v2/Customer/GetCustomer", get(eshouhou::customer))
        .route("/open/v2/Customer/GetCustomerContacts", get(eshouhou::contacts))
        .route("/api/customers/{id}/detail", get(nd::detail))
        .route("/api/customers/paginate", post(nd::paginate))
        .route("/api/customers/", axum::routing::put(nd::update))
        .route("/api/customers", axum::routing::put(nd::update))
        .route("/__sandbox/expire-tokens", post(control::expire_tokens))
        .route("/__sandbox/stats", get(control::stats))
        .route("/__sandbox/ids/{provider}", get(control::ids))
        .fallback(unknown_path)
        .layer(middleware::from_fn_with_state(state.clone(), observe))
        .with_state(state)
}

/// Configures a [`Sandbox`] before starting it. Obtained from [`Sandbox::builder`].
#[derive(Clone, Debug)]
#[must_use]
pub struct SandboxBuilder {
    port: u16,
    credentials: Credentials,
    latency: Duration,
    gofive_token_ttl: Duration,
    gofive_client_auth: GofiveClientAuth,
    eshouhou_token_cap: Option<Duration>,
    eshouhou_timestamp_window: Option<Duration>,
    fault: Option<String>,
    throttles: [Option<Limit>; 4],
    first_throttled: [(u32, u64); 4],
    drift: [bool; 4],
    nd_extra_customers: usize,
}

impl Default for SandboxBuilder {
    fn default() -> Self {
        SandboxBuilder {
            port: 0,
            credentials: Credentials::default(),
            latency: Duration::ZERO,
            gofive_token_ttl: Duration::from_secs(3600),
            gofive_client_auth: GofiveClientAuth::Either,
            eshouhou_token_cap: None,
            eshouhou_timestamp_window: None,
            fault: None,
            throttles: [None; 4],
            first_throttled: [(0, 0); 4],
            drift: [false; 4],
            nd_extra_customers: 0,
        }
    }
}

impl SandboxBuilder {
    /// The port to listen on, on 127.0.0.1; `0` (the default) picks a free ephemeral port.
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// The credentials to accept, replacing all of them (including the nd token).
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = credentials;
        self
    }

    /// A delay added to every provider request before it is handled (default none).
    pub fn latency(mut self, latency: Duration) -> Self {
        self.latency = latency;
        self
    }

    /// Lifetime of Gofive and eshouhou access tokens, both reported as `expires_in` in whole
    /// seconds, rounded down. Without it each keeps its documented default: Gofive 3600 s (its
    /// token example), eshouhou the `expire` parameter in hours, 2 hours (7200 s) when absent;
    /// with it, an eshouhou `expire` can only shorten the lifetime.
    pub fn token_ttl(mut self, ttl: Duration) -> Self {
        self.gofive_token_ttl = ttl;
        self.eshouhou_token_cap = Some(ttl);
        self
    }

    /// Which RFC 6749 §2.3.1 client authentication Gofive's token endpoint accepts (default
    /// [`GofiveClientAuth::Either`], as IdentityServer does). With `BasicOnly`, a form-body
    /// client is answered `401 {"error":"invalid_client"}` with `WWW-Authenticate: Basic`; with
    /// `PostOnly`, an `Authorization: Basic` client is answered `400 {"error":"invalid_client"}`.
    pub fn gofive_client_auth(mut self, accepted: GofiveClientAuth) -> Self {
        self.gofive_client_auth = accepted;
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
        self.throttles[provider.index()] = Some(Limit { requests: requests.max(1), per });
        self
    }

    /// The first `requests` requests to `provider`'s customer endpoints (token endpoints
    /// excluded; authentication still checked first) answer the provider's throttled response
    /// with `Retry-After: retry_after` (whole seconds, rounded up), whether or not a
    /// [`throttle`](Self::throttle) is configured. For tests of one 429 in the middle of a bulk
    /// run (the reserved ids `9944SS` do the same for one id).
    pub fn throttle_first(mut self, provider: Provider, requests: u32, retry_after: Duration) -> Self {
        let secs = retry_after.as_secs().saturating_add(u64::from(retry_after.subsec_nanos() > 0));
        self.first_throttled[provider.index()] = (requests, secs);
        self
    }

    /// Makes `provider`'s customer-detail success responses drift from the spec by exactly
    /// the three changes [`drift::expected`](crate::drift::expected) lists (a new property, a
    /// changed type, an unknown enum value). Off by default.
    pub fn drift(mut self, provider: Provider) -> Self {
        self.drift[provider.index()] = true;
        self
    }

    /// Adds `count` generated nd customers after the seeded ones (detail and list), e.g. 600
    /// to have more than `100 × 5` records, the most nd's paginate can reach at `page_size` 5.
    pub fn nd_extra_customers(mut self, count: usize) -> Self {
        self.nd_extra_customers = count;
        self
    }

    /// ASSUMPTION, off by default: reject eshouhou token requests whose `timestamp` (Unix ms) is
    /// further than `window` from the server's clock with `{"ResultCode":40003,"ErrorMsg":
    /// "timestamp expired"}`. The vendor documents no freshness check (its own worked example,
    /// timestamp `1588239113429`, is accepted by default).
    pub fn eshouhou_timestamp_window(mut self, window: Duration) -> Self {
        self.eshouhou_timestamp_window = Some(window);
        self
    }

    /// Applies one reserved id's fault (`"990503"`, `"991502"`, `"990006"`, … — the table in the
    /// crate docs) to every customer request on all four providers, whatever id is asked for:
    /// the server-wide form of the per-request knobs. Auth is still checked first; token
    /// endpoints are not affected. An id that is not a reserved one is an `InvalidInput` error
    /// at `start`.
    pub fn fault(mut self, reserved_id: impl Into<String>) -> Self {
        self.fault = Some(reserved_id.into());
        self
    }

    /// The bearer token nd requires; `None` lets nd requests through without authentication.
    pub fn nd_token(mut self, token: Option<String>) -> Self {
        self.credentials.nd_token = token;
        self
    }

    /// Binds 127.0.0.1 on the configured port and starts serving in the background.
    pub async fn start(self) -> io::Result<Sandbox> {
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, self.port));
        self.start_at(addr).await
    }

    async fn start_at(self, addr: SocketAddr) -> io::Result<Sandbox> {
        if let Some(f) = &self.fault
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
        let limiters = Provider::ALL.map(|p| self.throttles[p.index()].map(|limit| Limiter::new(p, limit)));
        let first_throttled = self.first_throttled.map(|(n, secs)| FirstThrottled {
            left: std::sync::atomic::AtomicU32::new(n),
            retry_after: secs.max(1),
        });
        let state = Arc::new(AppState {
            creds: self.credentials,
            base_url: format!("http://{addr}"),
            latency: self.latency,
            gofive_token_ttl: self.gofive_token_ttl,
            gofive_client_auth: self.gofive_client_auth,
            eshouhou_token_cap: self.eshouhou_token_cap,
            eshouhou_timestamp_window: self.eshouhou_timestamp_window,
            fault: self.fault,
            drift: self.drift,
            limiters,
            first_throttled,
            counters: Default::default(),
            pluuug: pluuug::Store::new(),
            gofive: gofive::Store::new(),
            nd: nd::Store::new(self.nd_extra_customers),
            gofive_tokens: TokenStore::default(),
            eshouhou_tokens: TokenStore::default(),
            knob_hits: Mutex::new(HashMap::new()),
            shutdown: shutdown_rx.clone(),
        });
        // Build the dataset now rather than inside the first request.
        dataset::get();
        let app = router(state.clone());
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
        Ok(Sandbox { addr, state, shutdown_tx, task: Some(task) })
    }
}

/// A running sandbox server. Dropping it stops the server too (without waiting).
pub struct Sandbox {
    addr: SocketAddr,
    state: Arc<AppState>,
    shutdown_tx: watch::Sender<bool>,
    task: Option<JoinHandle<io::Result<()>>>,
}

impl fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sandbox")
            .field("addr", &self.addr)
            .field("credentials", &self.state.creds)
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
        self.state.base_url.clone()
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The credentials the server accepts.
    pub fn credentials(&self) -> &Credentials {
        &self.state.creds
    }

    /// The customer ids of a provider, in a stable order: the seeded ones (the documented
    /// example first), then nd's extra customers, then those created through the API; deleted
    /// ones are left out.
    pub fn customer_ids(&self, provider: Provider) -> Vec<String> {
        self.state.customer_ids(provider)
    }

    /// A snapshot of the request, token-request and auth-failure counters.
    pub fn stats(&self) -> Stats {
        self.state.stats()
    }

    /// Changes customer `id` of `provider` while the sandbox runs (nd and Pluuug; others answer
    /// `false`): `fields` is a JSON object of response keys as the detail shows them (nd camelCase,
    /// Pluuug `companyName`, …), written into the detail and into the list item where it has that
    /// key. Whether the customer exists.
    pub fn change_customer(&self, provider: Provider, id: &str, fields: &serde_json::Value) -> bool {
        let Some(fields) = fields.as_object() else { return false };
        match provider {
            Provider::Nd => self.state.nd.set_fields(id, fields),
            Provider::Pluuug => id.parse().is_ok_and(|id| {
                self.state
                    .pluuug
                    .update(id, |client| {
                        if let Some(map) = client.as_object_mut() {
                            map.extend(
                                fields
                                    .iter()
                                    .filter(|(k, _)| *k != "id")
                                    .map(|(k, v)| (k.clone(), v.clone())),
                            );
                        }
                        Ok::<(), ()>(())
                    })
                    .is_some()
            }),
            _ => false,
        }
    }

    /// Deletes customer `id` of `provider` (nd and Pluuug): its detail is then 404 and the list
    /// leaves it out. Whether it existed.
    pub fn delete_customer(&self, provider: Provider, id: &str) -> bool {
        match provider {
            Provider::Nd => self.state.nd.remove(id),
            Provider::Pluuug => id.parse().is_ok_and(|id| self.state.pluuug.delete(id)),
            _ => false,
        }
    }

    /// Adds customer `id` to `provider` (nd: any id; Pluuug: a numeric id), a copy of the first
    /// seeded customer with `fields` (response keys) set; it is listed last (nd) or in id order
    /// (Pluuug). `false` if the id exists or the provider is not nd or Pluuug.
    pub fn add_customer(&self, provider: Provider, id: &str, fields: &serde_json::Value) -> bool {
        let empty = serde_json::Map::new();
        let fields = fields.as_object().unwrap_or(&empty);
        match provider {
            Provider::Nd => self.state.nd.add(id, fields),
            Provider::Pluuug => id.parse().is_ok_and(|id| self.state.pluuug.add(id, fields)),
            _ => false,
        }
    }

    /// Page `page` (1-based) of `provider`'s list — nd's `POST /api/customers/paginate` (the
    /// request's `page`), Pluuug's `GET /v1/client` (the cursor's offset / page size + 1) — answers
    /// HTTP 500 the next `times` times it is asked for (a client retrying 5xx spends some of them);
    /// `times` 0 clears the fault. Other providers: no effect.
    pub fn fail_list_page(&self, provider: Provider, page: usize, times: u32) {
        match provider {
            Provider::Nd => self.state.nd.page_fault.set(page, times),
            Provider::Pluuug => self.state.pluuug.page_fault.set(page, times),
            _ => {}
        }
    }

    /// Invalidates every Gofive and eshouhou token issued so far.
    pub fn expire_tokens(&self) {
        self.state.expire_tokens();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_providers() {
        assert_eq!(provider_of("/v1/client/1"), Some(Provider::Pluuug));
        assert_eq!(provider_of("/authorization/connect/token"), Some(Provider::Gofive));
        assert_eq!(provider_of("/v3/customers/C1"), Some(Provider::Gofive));
        assert_eq!(provider_of("/api/TokenApi"), Some(Provider::Eshouhou));
        assert_eq!(provider_of("/open/v2/Customer/GetCustomer"), Some(Provider::Eshouhou));
        assert_eq!(provider_of("/api/customers/id/detail"), Some(Provider::Nd));
        assert_eq!(provider_of("/__sandbox/stats"), None);
    }

    #[test]
    fn token_store_expires_and_clears() {
        let store = TokenStore::default();
        store.insert("a".into(), Duration::from_secs(60));
        store.insert("b".into(), Duration::ZERO);
        assert!(store.is_valid("a"));
        assert!(!store.is_valid("b"));
        assert!(!store.is_valid("c"));
        store.clear();
        assert!(!store.is_valid("a"));
    }
}

/// Which client authentication the sandbox's Gofive token endpoint accepts
/// ([`SandboxBuilder::gofive_client_auth`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum GofiveClientAuth {
    /// HTTP Basic or the form body (the default).
    #[default]
    Either,
    /// HTTP Basic only (RFC 6749 §2.3.1: every server must support it).
    BasicOnly,
    /// `client_id` / `client_secret` in the form body only.
    PostOnly,
}
