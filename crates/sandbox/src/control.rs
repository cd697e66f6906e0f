//! Control endpoints under `/__sandbox/`, for tests that drive the sandbox from another process
//! (the CLI's integration tests). They need no credentials and are not counted in the stats.
//! The server answers them through [`Hooks`]; this module knows no provider.

use std::sync::Arc;

use axum::Router;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use http::StatusCode;
use serde_json::json;

use crate::respond::{json, json_value};
use crate::types::{Provider, Stats};

/// What the control endpoints ask of the server.
pub(crate) trait Hooks: Send + Sync + 'static {
    /// Invalidates every token of every provider.
    fn expire_tokens(&self);
    /// The counters.
    fn stats(&self) -> Stats;
    /// The customer ids of a provider.
    fn customer_ids(&self, provider: Provider) -> Vec<String>;
}

type Server = Arc<dyn Hooks>;

/// The `/__sandbox/` routes.
pub(crate) fn router(hooks: Server) -> Router {
    Router::new()
        .route("/__sandbox/expire-tokens", post(expire_tokens))
        .route("/__sandbox/stats", get(stats))
        .route("/__sandbox/ids/{provider}", get(ids))
        .with_state(hooks)
}

/// `POST /__sandbox/expire-tokens`: invalidates every Gofive and eshouhou token.
async fn expire_tokens(State(hooks): State<Server>) -> StatusCode {
    hooks.expire_tokens();
    StatusCode::NO_CONTENT
}

/// `GET /__sandbox/stats`: the counters as JSON.
async fn stats(State(hooks): State<Server>) -> Response {
    match serde_json::to_vec(&hooks.stats()) {
        Ok(body) => json(StatusCode::OK, body),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// `GET /__sandbox/ids/{provider}`: the customer ids of a provider as a JSON array (seeded,
/// extra, created; not deleted).
async fn ids(State(hooks): State<Server>, provider: Result<Path<String>, PathRejection>) -> Response {
    match provider.ok().and_then(|Path(name)| name.parse::<Provider>().ok()) {
        Some(provider) => json_value(StatusCode::OK, &json!(hooks.customer_ids(provider))),
        None => json_value(
            StatusCode::NOT_FOUND,
            &json!({"error": format!("unknown provider; expected {}", Provider::names_or())}),
        ),
    }
}
