//! Control endpoints under `/__sandbox/`, for tests that drive the sandbox from another process
//! (the CLI's integration tests). They need no credentials and are not counted in the stats.

use std::sync::Arc;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use serde_json::json;

use crate::respond::{json, json_value};
use crate::server::AppState;
use crate::types::Provider;

/// `POST /__sandbox/expire-tokens`: invalidates every Gofive and eshouhou token.
pub(crate) async fn expire_tokens(State(state): State<Arc<AppState>>) -> StatusCode {
    state.expire_tokens();
    StatusCode::NO_CONTENT
}

/// `GET /__sandbox/stats`: the counters as JSON.
pub(crate) async fn stats(State(state): State<Arc<AppState>>) -> Response {
    match serde_json::to_vec(&state.stats()) {
        Ok(body) => json(StatusCode::OK, body),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// `GET /__sandbox/ids/{provider}`: the customer ids of a provider as a JSON array (seeded,
/// extra, created; not deleted).
pub(crate) async fn ids(
    State(state): State<Arc<AppState>>,
    provider: Result<Path<String>, PathRejection>,
) -> Response {
    match provider.ok().and_then(|Path(name)| name.parse::<Provider>().ok()) {
        Some(provider) => json_value(StatusCode::OK, &json!(state.customer_ids(provider))),
        None => json_value(
            StatusCode::NOT_FOUND,
            &json!({"error": "unknown provider; expected pluuug, gofive, eshouhou or nd"}),
        ),
    }
}
