//! Gofive Venio: `POST /authorization/connect/token` (OAuth2 client credentials) and
//! `GET /v3/customers/{customerCode}`, both behind an Azure API Management subscription key.
//! Success bodies are `{"status":{"code","description"},"data"}`; the gateway's own rejections
//! are `{"statusCode","message"}`.

mod data;

use std::sync::Arc;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::response::Response;
use base64::Engine as _;
use bytes::Bytes;
use http::header::WWW_AUTHENTICATE;
use http::{HeaderMap, StatusCode, Uri};
use serde_json::{Value, json};

pub(crate) use data::Data;

use crate::dataset;
use crate::knobs::{self, Faults};
use crate::respond::{Query, bearer, ct_eq, header, json, json_value, random_bytes, with_header};
use crate::server::AppState;
use crate::types::Provider;

const INVALID_SUBSCRIPTION_KEY: &str = r#"{"statusCode":401,"message":"Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription."}"#;
const INVALID_TOKEN: &str = r#"{"status":{"code":"401","description":"Unauthorized"},"data":null}"#;
const NOT_FOUND: &str = r#"{"status":{"code":"4001","description":"Customer not found"},"data":null}"#;

fn data() -> &'static Data {
    &dataset::get().gofive
}

/// APIM accepts the key as a header or as the `subscription-key` query parameter.
fn subscription_ok(state: &AppState, headers: &HeaderMap, uri: &Uri) -> bool {
    let expected = state.creds.gofive_subscription_key.as_bytes();
    match header(headers, "ocp-apim-subscription-key") {
        Some(key) => ct_eq(key.as_bytes(), expected),
        None => Query::of(uri).get("subscription-key").is_some_and(|key| ct_eq(key.as_bytes(), expected)),
    }
}

fn subscription_rejected(state: &AppState) -> Response {
    state.count_auth_failure(Provider::Gofive, "missing or invalid subscription key");
    json(StatusCode::UNAUTHORIZED, INVALID_SUBSCRIPTION_KEY)
}

fn token_rejected(state: &AppState, reason: &'static str) -> Response {
    state.count_auth_failure(Provider::Gofive, reason);
    with_header(
        json(StatusCode::UNAUTHORIZED, INVALID_TOKEN),
        WWW_AUTHENTICATE,
        r#"Bearer error="invalid_token""#,
    )
}

/// `POST /authorization/connect/token`, form body
/// `grant_type=client_credentials&client_id=..&client_secret=..`.
pub(crate) async fn token(
    State(state): State<Arc<AppState>>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    state.count_token_request(Provider::Gofive);
    if !subscription_ok(&state, &headers, &uri) {
        return subscription_rejected(&state);
    }
    let form = Query::parse(&body);
    let creds = &state.creds;
    let client_ok =
        form.get("client_id").is_some_and(|id| ct_eq(id.as_bytes(), creds.gofive_client_id.as_bytes()))
            & form
                .get("client_secret")
                .is_some_and(|s| ct_eq(s.as_bytes(), creds.gofive_client_secret.as_bytes()));
    if !client_ok {
        state.count_auth_failure(Provider::Gofive, "invalid client_id or client_secret");
        return json(StatusCode::BAD_REQUEST, r#"{"error":"invalid_client"}"#);
    }
    if form.get("grant_type") != Some("client_credentials") {
        return json(StatusCode::BAD_REQUEST, r#"{"error":"unsupported_grant_type"}"#);
    }
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random_bytes(32));
    state.gofive_tokens.insert(token.clone(), state.token_ttl);
    json_value(
        StatusCode::OK,
        &json!({
            "access_token": token,
            "expires_in": state.token_ttl.as_secs(),
            "token_type": "Bearer",
        }),
    )
}

/// `GET /v3/customers/{customerCode}`.
pub(crate) async fn customer(
    State(state): State<Arc<AppState>>,
    path: Result<Path<String>, PathRejection>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    if !subscription_ok(&state, &headers, &uri) {
        return subscription_rejected(&state);
    }
    match bearer(&headers) {
        None => return token_rejected(&state, "missing bearer token"),
        Some(token) if !state.gofive_tokens.is_valid(token) => {
            return token_rejected(&state, "unknown or expired bearer token");
        }
        Some(_) => {}
    }
    let Ok(Path(code)) = path else {
        return json(StatusCode::NOT_FOUND, NOT_FOUND);
    };
    if let Some(response) = knobs::apply::<Gofive>(&state, &code).await {
        return response;
    }
    match data().customers.get(&code) {
        Some(body) => json(StatusCode::OK, body.clone()),
        None => json(StatusCode::NOT_FOUND, NOT_FOUND),
    }
}

/// Gofive's faults: business envelopes from the backend, `{"statusCode","message"}` from the
/// APIM gateway (which is what rate-limits).
pub(crate) struct Gofive;

fn status_envelope(code: &str, description: &str) -> Value {
    json!({"status": {"code": code, "description": description}, "data": null})
}

impl Faults for Gofive {
    const PROVIDER: Provider = Provider::Gofive;

    fn error_body(status: StatusCode) -> Bytes {
        let body = match status {
            StatusCode::TOO_MANY_REQUESTS => json!({
                "statusCode": 429,
                "message": "Rate limit is exceeded. Try again in 1 seconds.",
            }),
            _ => status_envelope(status.as_str(), status.canonical_reason().unwrap_or("Error")),
        };
        Bytes::from(body.to_string())
    }

    fn envelope_error() -> Response {
        json_value(StatusCode::OK, &status_envelope("4002", "More than one error"))
    }

    fn record(id: &str) -> Bytes {
        let mut customer = data().template.clone();
        if let Some(map) = customer.as_object_mut() {
            map.insert("customerId".into(), json!(id));
            map.insert("customerCode".into(), json!(id));
        }
        Bytes::from(data::envelope(customer).to_string())
    }

    fn wrong_type(id: &str) -> Bytes {
        Bytes::from(data::envelope(json!(id)).to_string())
    }

    fn oversize(id: &str) -> (String, String) {
        let head = json!({
            "customerId": id,
            "customerName": "บริษัท ข้อมูลขนาดใหญ่ จำกัด",
            "customerCode": id,
            "customerState": 3,
            "customerStatus": 0,
            "leadStatus": 3,
            "customerPicture": "",
            "customerAliases": [],
            "addresses": [],
            "interestsName": [],
            "contacts": [],
            "customFields": [],
        })
        .to_string();
        // `head` ends with `}`: reopen it to append the huge note.
        let head = head.strip_suffix('}').unwrap_or(&head);
        (
            format!(r#"{{"status":{{"code":"1000","description":"Success"}},"data":{head},"customerNote":""#),
            r#""}}"#.to_owned(),
        )
    }

    fn auth_failure(state: &AppState) -> Response {
        subscription_rejected(state)
    }

    fn token_expired(state: &AppState) -> Option<Response> {
        Some(token_rejected(state, "reserved id 990408"))
    }
}
