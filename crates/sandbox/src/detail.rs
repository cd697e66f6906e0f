//! The one customer-detail handler every provider uses ([`handler`]). Its skeleton: the
//! provider's guard (credentials, then its throttle, in the order its stack runs them) → the
//! customer id → the fault knobs → the lookup → the success body, drifted when the drift knob
//! is on, or the provider's not-found answer → the provider's finishing touches on whatever the
//! guard let through. A provider supplies only what differs, by implementing [`Detail`].
//!
//! Imports no provider module.

use std::ops::ControlFlow;
use std::sync::Arc;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::response::Response;
use bytes::Bytes;
use http::{HeaderMap, StatusCode, Uri};

use crate::knobs::{self, Faults};
use crate::respond::json;

/// What a detail request carries, for the provider's hooks.
pub(crate) struct DetailRequest {
    /// The route's `{id}` segment, when the route has one (eshouhou's id is a query parameter).
    pub(crate) path: Option<String>,
    pub(crate) uri: Uri,
    pub(crate) headers: HeaderMap,
    /// The exact body bytes (Pluuug signs them, `""` for a GET without body).
    pub(crate) body: Bytes,
}

/// What differs between providers' customer-detail endpoints. The fault knobs' wire shapes come
/// from the [`Faults`] supertrait.
pub(crate) trait Detail: Faults + Send + Sync + 'static {
    /// What a passed guard hands on to [`Detail::finish`] (nd: its throttle decision).
    type Pass: Send;

    /// Authentication and the throttle, in the provider's order: `Break` with the rejection
    /// (counted), or `Continue`.
    fn guard(&self, request: &DetailRequest) -> ControlFlow<Response, Self::Pass>;

    /// The customer id asked for, or (`Break`) the provider's answer to a request without one.
    /// By default the route's `{id}` segment, [`Detail::not_found`] without one.
    fn customer_id(&self, request: &DetailRequest) -> ControlFlow<Response, String> {
        match &request.path {
            Some(id) => ControlFlow::Continue(id.clone()),
            None => ControlFlow::Break(self.not_found()),
        }
    }

    /// The success body of customer `id`, if it exists.
    fn lookup(&self, id: &str) -> Option<Bytes>;

    /// The provider's answer for an unknown id.
    fn not_found(&self) -> Response;

    /// Last touches on every response after a passed guard (nd's `X-RateLimit-*` headers).
    fn finish(&self, response: Response, _pass: Self::Pass) -> Response {
        response
    }
}

/// A guard's `Option<Response>` (a rejection or nothing) as [`Detail::guard`] answers it.
pub(crate) fn rejected_by(rejection: Option<Response>) -> ControlFlow<Response> {
    match rejection {
        Some(rejection) => ControlFlow::Break(rejection),
        None => ControlFlow::Continue(()),
    }
}

/// The customer-detail route handler of provider part `P`.
pub(crate) async fn handler<P: Detail>(
    State(part): State<Arc<P>>,
    path: Result<Path<String>, PathRejection>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let request = DetailRequest { path: path.ok().map(|Path(id)| id), uri, headers, body };
    let pass = match part.guard(&request) {
        ControlFlow::Continue(pass) => pass,
        ControlFlow::Break(rejection) => return rejection,
    };
    let response = answer(&*part, &request).await;
    part.finish(response, pass)
}

/// Id → knobs → lookup → body or not found.
async fn answer<P: Detail>(part: &P, request: &DetailRequest) -> Response {
    let id = match part.customer_id(request) {
        ControlFlow::Continue(id) => id,
        ControlFlow::Break(response) => return response,
    };
    if let Some(response) = knobs::apply(part, &id).await {
        return response;
    }
    match part.lookup(&id) {
        Some(body) => json(StatusCode::OK, knobs::drifted(part, body)),
        None => part.not_found(),
    }
}
