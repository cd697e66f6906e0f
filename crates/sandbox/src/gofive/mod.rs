//! Gofive Venio: `POST /authorization/connect/token` (OAuth2 client credentials) and
//! `GET /v3/customers/{customerCode}`, both behind an Azure API Management subscription key.
//! `POST /v3/customers` (upsert). Success bodies are `{"status":{"code","description"},"data"}`;
//! the gateway's own rejections (bad subscription key, rate limit) are `{"statusCode","message"}`.

mod data;
mod store;
mod write;

use std::ops::ControlFlow;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::post;
use base64::Engine as _;
use bytes::Bytes;
use http::header::{AUTHORIZATION, WWW_AUTHENTICATE};
use http::{HeaderMap, StatusCode, Uri};
use serde_json::{Value, json};

pub(crate) use data::Data;
pub(crate) use store::Store;

use crate::detail::{self, Detail, DetailRequest};
use crate::drift::change::Drift;
use crate::knobs::Faults;
use crate::part::Part;
use crate::respond::{
    Query, bearer, ct_eq, header, json, json_value, random_bytes, with_header, with_retry_after_secs,
};
use crate::shared::{Scope, Shared};
use crate::throttle::{Decision, Rule};
use crate::tokens::TokenStore;
use crate::types::{Credentials, Provider};

const INVALID_SUBSCRIPTION_KEY: &str = r#"{"statusCode":401,"message":"Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription."}"#;
const INVALID_TOKEN: &str = r#"{"status":{"code":"401","description":"Unauthorized"},"data":null}"#;
const NOT_FOUND: &str = r#"{"status":{"code":"4001","description":"Customer not found"},"data":null}"#;

fn data() -> &'static Data {
    data::get()
}

/// Which client authentication the sandbox's Gofive token endpoint accepts
/// ([`SandboxBuilder::gofive_client_auth`](crate::SandboxBuilder::gofive_client_auth)).
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

/// Gofive's own settings of [`SandboxBuilder`](crate::SandboxBuilder).
#[derive(Clone, Debug)]
pub(crate) struct Settings {
    /// Lifetime of the tokens issued.
    pub(crate) token_ttl: Duration,
    /// Which client authentication the token endpoint accepts.
    pub(crate) client_auth: GofiveClientAuth,
}

impl Default for Settings {
    fn default() -> Self {
        // The vendor's token example: `expires_in` 3600.
        Settings { token_ttl: Duration::from_secs(3600), client_auth: GofiveClientAuth::Either }
    }
}

/// The simulated Gofive: its keys, settings, customers, issued tokens, and its scope of the
/// shared state.
pub(crate) struct Gofive {
    scope: Scope,
    subscription_key: String,
    client_id: String,
    client_secret: String,
    settings: Settings,
    store: Store,
    tokens: TokenStore,
}

impl Gofive {
    pub(crate) fn new(shared: &Arc<Shared>, credentials: &Credentials, settings: Settings) -> Gofive {
        // APIM `rate-limit-by-key`: a sliding window.
        let scope = shared.scope(Provider::Gofive, Rule::SlidingLog);
        Gofive {
            scope,
            subscription_key: credentials.gofive_subscription_key.clone(),
            client_id: credentials.gofive_client_id.clone(),
            client_secret: credentials.gofive_client_secret.clone(),
            settings,
            store: Store::new(),
            tokens: TokenStore::default(),
        }
    }
}

impl Part for Gofive {
    fn scope(&self) -> &Scope {
        &self.scope
    }

    fn owns(&self, path: &str) -> bool {
        path.starts_with("/authorization/") || path.starts_with("/v3/")
    }

    fn router(self: Arc<Self>) -> Router {
        Router::new()
            .route("/authorization/connect/token", post(token))
            // The legacy portal spells it this way; gateways route both.
            .route("/authorization/Connect/Token", post(token))
            .route("/v3/customers", post(upsert))
            .route("/v3/customers/{customer_code}", axum::routing::get(detail::handler::<Gofive>))
            .with_state(self)
    }

    fn client_env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("GOFIVE_SUBSCRIPTION_KEY", self.subscription_key.clone()),
            ("GOFIVE_CLIENT_ID", self.client_id.clone()),
            ("GOFIVE_CLIENT_SECRET", self.client_secret.clone()),
        ]
    }

    fn customer_ids(&self) -> Vec<String> {
        self.store.ids()
    }

    fn expire_tokens(&self) {
        self.tokens.clear();
    }
}

/// APIM accepts the key as a header or as the `subscription-key` query parameter.
fn subscription_ok(state: &Gofive, headers: &HeaderMap, uri: &Uri) -> bool {
    let expected = state.subscription_key.as_bytes();
    match header(headers, "ocp-apim-subscription-key") {
        Some(key) => ct_eq(key.as_bytes(), expected),
        None => Query::of(uri).get("subscription-key").is_some_and(|key| ct_eq(key.as_bytes(), expected)),
    }
}

fn subscription_rejected(state: &Gofive) -> Response {
    state.scope.count_auth_failure("missing or invalid subscription key");
    json(StatusCode::UNAUTHORIZED, INVALID_SUBSCRIPTION_KEY)
}

fn token_rejected(state: &Gofive, reason: &'static str) -> Response {
    state.scope.count_auth_failure(reason);
    with_header(
        json(StatusCode::UNAUTHORIZED, INVALID_TOKEN),
        WWW_AUTHENTICATE,
        r#"Bearer error="invalid_token""#,
    )
}

/// APIM's `rate-limit-by-key` on the subscription key, after the key was accepted.
fn throttle(state: &Gofive, headers: &HeaderMap, uri: &Uri, token_call: bool) -> Option<Response> {
    let key = header(headers, "ocp-apim-subscription-key")
        .map(str::to_owned)
        .or_else(|| Query::of(uri).get("subscription-key").map(str::to_owned))
        .unwrap_or_default();
    let decision = if token_call { state.scope.throttle_token(&key) } else { state.scope.throttle(&key) };
    match decision? {
        Decision::Throttled { retry_after, .. } => Some(throttled(retry_after)),
        Decision::Allowed { .. } => None,
    }
}

/// APIM's 429: `Retry-After` and `{"statusCode":429,"message":"Rate limit is exceeded. Try
/// again in N seconds."}`.
pub(crate) fn throttled(retry_after: u64) -> Response {
    let message = format!("Rate limit is exceeded. Try again in {retry_after} seconds.");
    with_retry_after_secs(
        json_value(StatusCode::TOO_MANY_REQUESTS, &json!({"statusCode": 429, "message": message})),
        retry_after,
    )
}

/// The client credentials of a token request: HTTP Basic (RFC 6749 §2.3.1: the form-encoded
/// id and secret joined by `:`, base64) when an `Authorization: Basic` header is present, as
/// IdentityServer's secret parsers try it first; otherwise `client_id` / `client_secret` in the
/// form body. `None` for a malformed Basic header.
fn client_credentials(headers: &HeaderMap, form: &Query) -> Option<(String, String)> {
    let basic = headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|value| {
        let (scheme, rest) = value.trim().split_once(' ')?;
        scheme.eq_ignore_ascii_case("basic").then(|| rest.trim().to_owned())
    });
    match basic {
        Some(encoded) => {
            let decoded = base64::engine::general_purpose::STANDARD.decode(encoded).ok()?;
            let colon = decoded.iter().position(|b| *b == b':')?;
            let (id, secret) = (&decoded[..colon], &decoded[colon + 1..]);
            let decode = |raw: &[u8]| -> String {
                url::form_urlencoded::parse(&[b"v=".as_slice(), raw].concat())
                    .next()
                    .map(|(_, v)| v.into_owned())
                    .unwrap_or_default()
            };
            Some((decode(id), decode(secret)))
        }
        None => Some((
            form.get("client_id").unwrap_or_default().to_owned(),
            form.get("client_secret").unwrap_or_default().to_owned(),
        )),
    }
}

/// `POST /authorization/connect/token`, form body `grant_type=client_credentials` with the
/// client authenticated in the body (`client_id`, `client_secret`) or by HTTP Basic.
pub(crate) async fn token(
    State(state): State<Arc<Gofive>>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    state.scope.count_token_request();
    if !subscription_ok(&state, &headers, &uri) {
        return subscription_rejected(&state);
    }
    if let Some(response) = throttle(&state, &headers, &uri, true) {
        return response;
    }
    let form = Query::parse(&body);
    let basic_sent = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().get(..6).is_some_and(|s| s.eq_ignore_ascii_case("basic ")));
    match (state.settings.client_auth, basic_sent) {
        (GofiveClientAuth::BasicOnly, false) => {
            state.scope.count_auth_failure("form-body client auth refused (Basic only)");
            return with_header(
                json(StatusCode::UNAUTHORIZED, r#"{"error":"invalid_client"}"#),
                WWW_AUTHENTICATE,
                r#"Basic realm="gofive-token""#,
            );
        }
        (GofiveClientAuth::PostOnly, true) => {
            state.scope.count_auth_failure("HTTP Basic client auth refused (form body only)");
            return json(StatusCode::BAD_REQUEST, r#"{"error":"invalid_client"}"#);
        }
        _ => {}
    }
    let client_ok = client_credentials(&headers, &form).is_some_and(|(id, secret)| {
        ct_eq(id.as_bytes(), state.client_id.as_bytes())
            & ct_eq(secret.as_bytes(), state.client_secret.as_bytes())
    });
    if !client_ok {
        state.scope.count_auth_failure("invalid client_id or client_secret");
        return json(StatusCode::BAD_REQUEST, r#"{"error":"invalid_client"}"#);
    }
    if form.get("grant_type") != Some("client_credentials") {
        return json(StatusCode::BAD_REQUEST, r#"{"error":"unsupported_grant_type"}"#);
    }
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random_bytes(32));
    state.tokens.insert(token.clone(), state.settings.token_ttl);
    json_value(
        StatusCode::OK,
        &json!({
            "access_token": token,
            "expires_in": state.settings.token_ttl.as_secs(),
            "token_type": "Bearer",
        }),
    )
}

/// The subscription key (APIM), APIM's rate limit, then the bearer token (the backend).
fn guard(state: &Gofive, headers: &HeaderMap, uri: &Uri) -> Option<Response> {
    if !subscription_ok(state, headers, uri) {
        return Some(subscription_rejected(state));
    }
    if let Some(response) = throttle(state, headers, uri, false) {
        return Some(response);
    }
    match bearer(headers) {
        None => Some(token_rejected(state, "missing bearer token")),
        Some(token) if !state.tokens.is_valid(token) => {
            Some(token_rejected(state, "unknown or expired bearer token"))
        }
        Some(_) => None,
    }
}

/// `GET /v3/customers/{customerCode}` through the shared skeleton: the subscription key, APIM's
/// rate limit, then the bearer token.
impl Detail for Gofive {
    type Pass = ();

    fn guard(&self, request: &DetailRequest) -> ControlFlow<Response> {
        detail::rejected_by(guard(self, &request.headers, &request.uri))
    }

    fn lookup(&self, code: &str) -> Option<Bytes> {
        self.store.get(code)
    }

    fn not_found(&self) -> Response {
        json(StatusCode::NOT_FOUND, NOT_FOUND)
    }
}

/// `POST /v3/customers`: create (no `customerCode`) or update (a known `customerCode`); the
/// answer is the envelope around the customer as `GET` returns it.
pub(crate) async fn upsert(
    State(state): State<Arc<Gofive>>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Some(rejection) = guard(&state, &headers, &uri) {
        return rejection;
    }
    let request = match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Object(map)) => map,
        _ => {
            return json_value(
                StatusCode::BAD_REQUEST,
                &status_envelope("4001", "The request body is not a JSON object."),
            );
        }
    };
    if let Err(errors) = write::validate(&request) {
        let code = if errors.len() > 1 { "4002" } else { "4001" };
        return json_value(StatusCode::BAD_REQUEST, &status_envelope(code, &errors.join("; ")));
    }
    let code = request.get("customerCode").and_then(Value::as_str).filter(|c| !c.is_empty());
    let customer = match code {
        None => state.store.create(|code, id| write::new_customer(code, id, &request)),
        Some(code) => match state.store.update(code, |customer| write::merge(customer, &request)) {
            Some(customer) => customer,
            None => return json(StatusCode::NOT_FOUND, NOT_FOUND),
        },
    };
    json_value(StatusCode::OK, &data::envelope(customer))
}

fn status_envelope(code: &str, description: &str) -> Value {
    json!({"status": {"code": code, "description": description}, "data": null})
}

/// The drift knob's three changes to a gofive customer-detail body (the table in the
/// `drift` module docs).
pub(crate) const DRIFT: Drift =
    Drift::new("data.driftAdded", ("data.customerNote", "20240630"), ("data.customerState", "9"), drift);

fn drift(body: &mut Value, [added, changed, unknown]: [Value; 3]) {
    let Some(data) = body.get_mut("data").and_then(Value::as_object_mut) else { return };
    data.insert("driftAdded".into(), added);
    data.insert("customerNote".into(), changed);
    data.insert("customerState".into(), unknown);
}

/// Gofive's faults: business envelopes from the backend, `{"statusCode","message"}` from the
/// APIM gateway (which is what rate-limits).
impl Faults for Gofive {
    fn error_body(&self, status: StatusCode) -> Bytes {
        let body = match status {
            StatusCode::TOO_MANY_REQUESTS => json!({
                "statusCode": 429,
                "message": "Rate limit is exceeded. Try again in 1 seconds.",
            }),
            _ => status_envelope(status.as_str(), status.canonical_reason().unwrap_or("Error")),
        };
        Bytes::from(body.to_string())
    }

    fn envelope_error(&self) -> Response {
        json_value(StatusCode::OK, &status_envelope("4002", "More than one error"))
    }

    fn record(&self, id: &str) -> Bytes {
        let mut customer = data().template.clone();
        if let Some(map) = customer.as_object_mut() {
            map.insert("customerId".into(), json!(id));
            map.insert("customerCode".into(), json!(id));
        }
        Bytes::from(data::envelope(customer).to_string())
    }

    fn wrong_type(&self, id: &str) -> Bytes {
        Bytes::from(data::envelope(json!(id)).to_string())
    }

    fn oversize(&self, id: &str) -> (String, String) {
        let head = write::bare_customer(id, id, "บริษัท ข้อมูลขนาดใหญ่ จำกัด", 3, 3).to_string();
        // `head` ends with `}`: reopen it to append the huge note.
        let head = head.strip_suffix('}').unwrap_or(&head);
        (
            format!(r#"{{"status":{{"code":"1000","description":"Success"}},"data":{head},"customerNote":""#),
            r#""}}"#.to_owned(),
        )
    }

    fn auth_failure(&self) -> Response {
        subscription_rejected(self)
    }

    fn token_expired(&self) -> Option<Response> {
        Some(token_rejected(self, "reserved id 990408"))
    }

    fn throttled(&self, retry_after: u64) -> Response {
        throttled(retry_after)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn basic(credentials: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        let value = format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(credentials));
        headers.insert(AUTHORIZATION, value.parse().unwrap());
        headers
    }

    #[test]
    fn basic_credentials_are_form_decoded_and_split_at_the_first_colon() {
        let form = Query::parse(b"client_id=body-id&client_secret=body-secret");
        assert_eq!(
            client_credentials(&basic("my%3Aclient:s3cr%2Bt:with+colon"), &form),
            Some(("my:client".into(), "s3cr+t:with colon".into()))
        );
        assert_eq!(client_credentials(&basic("no-colon"), &form), None);
        assert_eq!(
            client_credentials(&HeaderMap::new(), &form),
            Some(("body-id".into(), "body-secret".into()))
        );
    }
}
