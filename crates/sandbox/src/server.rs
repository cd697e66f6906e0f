//! The running server: the provider parts composed behind one router, the request-counting
//! middleware, and the control hooks. It owns only what is shared ([`Shared`]); everything about
//! a provider is in its part.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::Response;
use http::StatusCode;
use tokio::sync::watch;

use crate::control;
use crate::part::Part;
use crate::shared::{self, Shared};
use crate::types::{Credentials, PROVIDERS, Provider, Stats};
use crate::{PartSettings, build_parts};

/// Everything [`SandboxBuilder`](crate::SandboxBuilder) configures besides the port.
#[derive(Clone, Debug, Default)]
pub(crate) struct Config {
    pub(crate) credentials: Credentials,
    pub(crate) shared: shared::Settings,
    pub(crate) parts: PartSettings,
}

/// One running sandbox: the credentials it accepts, the shared state, and one part per provider.
pub(crate) struct Server {
    credentials: Credentials,
    shared: Arc<Shared>,
    /// In the order of [`Provider::ALL`].
    parts: [Arc<dyn Part>; PROVIDERS],
}

impl Server {
    pub(crate) fn new(config: Config, base_url: String, shutdown: watch::Receiver<bool>) -> Server {
        let Config { credentials, shared, parts } = config;
        let shared = Arc::new(Shared::new(shared, base_url, shutdown));
        let parts = build_parts(&shared, &credentials, parts);
        debug_assert!(parts.iter().all(|(p, part)| part.provider() == p));
        let parts = parts.into_array();
        Server { credentials, shared, parts }
    }

    /// The part simulating `provider`.
    pub(crate) fn part(&self, provider: Provider) -> &dyn Part {
        &*self.parts[provider.index()]
    }

    /// The credentials the server accepts.
    pub(crate) fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// `http://host:port` of this server.
    pub(crate) fn base_url(&self) -> &str {
        self.shared.base_url()
    }

    /// A snapshot of the counters.
    pub(crate) fn stats(&self) -> Stats {
        self.shared.stats()
    }

    /// Invalidates every token every part issued.
    pub(crate) fn expire_tokens(&self) {
        for part in &self.parts {
            part.expire_tokens();
        }
    }

    /// The part whose path this is; `None` for control and unknown paths.
    fn owner(&self, path: &str) -> Option<Provider> {
        self.parts.iter().find(|part| part.owns(path)).map(|part| part.provider())
    }
}

impl control::Hooks for Server {
    fn expire_tokens(&self) {
        Server::expire_tokens(self);
    }

    fn stats(&self) -> Stats {
        Server::stats(self)
    }

    fn customer_ids(&self, provider: Provider) -> Vec<String> {
        self.part(provider).customer_ids()
    }
}

/// Counts every provider request (also 404s and 405s) and every 429 sent, and adds the
/// configured latency.
async fn observe(State(server): State<Arc<Server>>, request: Request, next: Next) -> Response {
    let Some(provider) = server.owner(request.uri().path()) else {
        return next.run(request).await;
    };
    server.shared.count_request(provider);
    let latency = server.shared.latency();
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let response = next.run(request).await;
    if response.status() == StatusCode::TOO_MANY_REQUESTS {
        server.shared.count_throttled(provider);
    }
    response
}

async fn unknown_path() -> StatusCode {
    StatusCode::NOT_FOUND
}

/// Every part's routes, the control routes, the 404 fallback and the counting middleware.
pub(crate) fn router(server: &Arc<Server>) -> Router {
    let parts = server.parts.iter().fold(Router::new(), |app, part| app.merge(Arc::clone(part).router()));
    parts
        .merge(control::router(Arc::clone(server) as Arc<dyn control::Hooks>))
        .fallback(unknown_path)
        .layer(middleware::from_fn_with_state(Arc::clone(server), observe))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server() -> Server {
        Server::new(Config::default(), "http://127.0.0.1:1".into(), watch::channel(false).1)
    }

    #[test]
    fn paths_map_to_providers() {
        let server = server();
        assert_eq!(server.owner("/v1/client/1"), Some(Provider::Pluuug));
        assert_eq!(server.owner("/authorization/connect/token"), Some(Provider::Gofive));
        assert_eq!(server.owner("/v3/customers/C1"), Some(Provider::Gofive));
        assert_eq!(server.owner("/api/TokenApi"), Some(Provider::Eshouhou));
        assert_eq!(server.owner("/open/v2/Customer/GetCustomer"), Some(Provider::Eshouhou));
        assert_eq!(server.owner("/api/customers/id/detail"), Some(Provider::Nd));
        assert_eq!(server.owner("/__sandbox/stats"), None);
    }

    #[test]
    fn every_provider_has_twenty_plus_unique_ids() {
        let server = server();
        for p in Provider::ALL {
            let ids = server.part(p).customer_ids();
            assert!(ids.len() >= 21, "{p}: {}", ids.len());
            let unique: std::collections::HashSet<_> = ids.iter().collect();
            assert_eq!(unique.len(), ids.len(), "{p} has duplicate ids");
            for id in ids {
                assert!(!crate::knobs::is_reserved(&id), "{p} id {id} is reserved");
            }
        }
    }
}
