//! Pluuug (플러그): clients (`GET`/`PATCH`/`DELETE /v1/client/{client_id}`, `GET`/`POST
//! /v1/client`, `GET /v1/client/status`) and `GET /v1/field`, behind `X-API-Key` plus
//! `X-Signature` = lowercase hex HMAC-SHA256(secret key, exact body bytes). The backend is
//! Django REST Framework: bare objects, cursor pages, `{"detail": ...}` errors, `{"field":
//! ["message"]}` validation errors, `SimpleRateThrottle`.

mod data;
mod store;
mod write;

use std::ops::ControlFlow;
use std::sync::Arc;

use axum::Router;
use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequest, Path, Request};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use bytes::Bytes;
use hmac::{Hmac, Mac};
use http::header::HOST;
use http::{HeaderMap, Method, StatusCode, Uri};
use serde_json::{Map, Value, json};
use sha2::Sha256;

pub(crate) use data::Data;
pub(crate) use store::Store;

use crate::detail::{self, Detail, DetailRequest};
use crate::drift::change::Drift;
use crate::knobs::Faults;
use crate::part::Part;
use crate::respond::{Query, ct_eq, header, json, json_value, with_retry_after_secs};
use crate::shared::{Scope, Shared};
use crate::throttle::{Decision, Rule};
use crate::types::{Credentials, Provider};

const INVALID_KEY: &str = r#"{"detail":"Invalid API key."}"#;
const INVALID_SIGNATURE: &str = r#"{"detail":"Invalid signature."}"#;
const NOT_FOUND: &str = r#"{"detail":"Not found."}"#;
const INVALID_CURSOR: &str = r#"{"detail":"Invalid cursor"}"#;
/// DRF's answer to an unhandled exception (`Sandbox::fail_list_page`).
const SERVER_ERROR: &str = r#"{"detail":"A server error occurred."}"#;

const DEFAULT_PAGE_SIZE: usize = 20;
const MAX_PAGE_SIZE: usize = 1000;

fn data() -> &'static Data {
    data::get()
}

/// Pluuug's own settings of [`SandboxBuilder`](crate::SandboxBuilder): none yet.
#[derive(Clone, Debug, Default)]
pub(crate) struct Settings {}

/// The simulated Pluuug: its keys, its clients, and its scope of the shared state.
pub(crate) struct Pluuug {
    scope: Scope,
    api_key: String,
    secret_key: String,
    store: Store,
}

impl Pluuug {
    pub(crate) fn new(shared: &Arc<Shared>, credentials: &Credentials, _settings: Settings) -> Pluuug {
        // DRF `SimpleRateThrottle`: a sliding log.
        let scope = shared.scope(Provider::Pluuug, Rule::SlidingLog);
        Pluuug {
            scope,
            api_key: credentials.pluuug_api_key.clone(),
            secret_key: credentials.pluuug_secret_key.clone(),
            store: Store::new(),
        }
    }
}

impl Part for Pluuug {
    fn scope(&self) -> &Scope {
        &self.scope
    }

    fn owns(&self, path: &str) -> bool {
        // Its own routes' prefixes, not all of `/v1/`: another provider may live under `/v1/`
        // (found by the throwaway fifth-provider exercise, issue 19).
        path.starts_with("/v1/client") || path.starts_with("/v1/field")
    }

    fn router(self: Arc<Self>) -> Router {
        Router::new()
            .route("/v1/client", get(client_list).post(client_create))
            .route("/v1/client/status", get(status_list))
            .route(
                "/v1/client/{client_id}",
                get(detail::handler::<Pluuug>).patch(client_write).delete(client_write),
            )
            .route("/v1/field", get(field_list))
            .with_state(self)
    }

    fn client_env(&self) -> Vec<(&'static str, String)> {
        vec![("PLUUUG_API_KEY", self.api_key.clone()), ("PLUUUG_SECRET_KEY", self.secret_key.clone())]
    }

    fn customer_ids(&self) -> Vec<String> {
        self.store.ids()
    }

    fn change_customer(&self, id: &str, fields: &Map<String, Value>) -> bool {
        id.parse::<u64>().is_ok_and(|id| {
            self.store
                .update(id, |client| {
                    if let Some(map) = client.as_object_mut() {
                        map.extend(
                            fields.iter().filter(|(k, _)| *k != "id").map(|(k, v)| (k.clone(), v.clone())),
                        );
                    }
                    Ok::<(), ()>(())
                })
                .is_some()
        })
    }

    fn delete_customer(&self, id: &str) -> bool {
        id.parse::<u64>().is_ok_and(|id| self.store.delete(id))
    }

    fn add_customer(&self, id: &str, fields: &Map<String, Value>) -> bool {
        id.parse::<u64>().is_ok_and(|id| self.store.add(id, fields))
    }

    fn fail_list_page(&self, page: usize, times: u32) {
        self.store.page_fault.set(page, times);
    }
}

/// Lowercase hex HMAC-SHA256 of `body` keyed with `secret`.
#[cfg(test)]
fn signature(secret: &[u8], body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

/// Whether `header` is the lowercase hex HMAC-SHA256 of `body`, checked in constant time.
fn signature_matches(secret: &[u8], body: &[u8], header: &str) -> bool {
    let lowercase_hex =
        header.len() == 64 && header.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if !lowercase_hex {
        return false;
    }
    let (Ok(claimed), Ok(mut mac)) = (hex::decode(header), Hmac::<Sha256>::new_from_slice(secret)) else {
        return false;
    };
    mac.update(body);
    mac.verify_slice(&claimed).is_ok()
}

/// `Some(rejection)` when the request is not correctly authenticated.
fn authenticate(state: &Pluuug, headers: &HeaderMap, body: &[u8]) -> Option<Response> {
    let known_key =
        header(headers, "x-api-key").is_some_and(|key| ct_eq(key.as_bytes(), state.api_key.as_bytes()));
    if !known_key {
        state.scope.count_auth_failure("missing or unknown X-API-Key");
        return Some(json(StatusCode::UNAUTHORIZED, INVALID_KEY));
    }
    let signed = header(headers, "x-signature")
        .is_some_and(|sig| signature_matches(state.secret_key.as_bytes(), body, sig));
    if !signed {
        state.scope.count_auth_failure("missing or wrong X-Signature");
        return Some(json(StatusCode::FORBIDDEN, INVALID_SIGNATURE));
    }
    None
}

/// Django's `<int:...>` path converter: ASCII digits only.
fn parse_id(raw: &str) -> Option<u64> {
    if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    raw.parse().ok()
}

/// Pluuug's rate limit: DRF `SimpleRateThrottle` keyed on the API key.
fn throttle(state: &Pluuug, headers: &HeaderMap) -> Option<Response> {
    let key = header(headers, "x-api-key").unwrap_or_default();
    match state.scope.throttle(key)? {
        Decision::Throttled { retry_after, .. } => Some(throttled(retry_after)),
        Decision::Allowed { .. } => None,
    }
}

/// DRF's `Throttled`: 429, `Retry-After`, and the wait in the detail (singular for 1).
pub(crate) fn throttled(retry_after: u64) -> Response {
    let unit = if retry_after == 1 { "second" } else { "seconds" };
    let detail = format!("Request was throttled. Expected available in {retry_after} {unit}.");
    with_retry_after_secs(
        json_value(StatusCode::TOO_MANY_REQUESTS, &json!({ "detail": detail })),
        retry_after,
    )
}

/// Authentication, then the throttle, as DRF's `APIView.initial` orders them.
fn guard(state: &Pluuug, headers: &HeaderMap, body: &[u8]) -> Option<Response> {
    authenticate(state, headers, body).or_else(|| throttle(state, headers))
}

/// A request that passed [`guard`] (authentication, then the throttle: DRF's order): the part,
/// the headers and the body. Extracting it answers the guard's rejection.
pub(crate) struct Guarded {
    state: Arc<Pluuug>,
    headers: HeaderMap,
    body: Bytes,
}

impl FromRequest<Arc<Pluuug>> for Guarded {
    type Rejection = Response;

    async fn from_request(request: Request, state: &Arc<Pluuug>) -> Result<Self, Response> {
        let headers = request.headers().clone();
        let body = Bytes::from_request(request, state).await.map_err(IntoResponse::into_response)?;
        match guard(state, &headers, &body) {
            Some(rejection) => Err(rejection),
            None => Ok(Guarded { state: Arc::clone(state), headers, body }),
        }
    }
}

/// `GET /v1/client/{client_id}` through the shared skeleton: authentication then the throttle
/// (DRF's order), Django's `<int:...>` id.
impl Detail for Pluuug {
    type Pass = ();

    fn guard(&self, request: &DetailRequest) -> ControlFlow<Response> {
        detail::rejected_by(guard(self, &request.headers, &request.body))
    }

    fn lookup(&self, id: &str) -> Option<Bytes> {
        parse_id(id).and_then(|id| self.store.get(id))
    }

    fn not_found(&self) -> Response {
        json(StatusCode::NOT_FOUND, NOT_FOUND)
    }
}

/// `GET /v1/client?cursor=&page_size=`: a DRF cursor page of clients, in id order. Seen in
/// integrations, not in the vendor docs.
pub(crate) async fn client_list(uri: Uri, Guarded { state, headers, .. }: Guarded) -> Response {
    let clients = state.store.all();
    let clients: Vec<Value> =
        clients.iter().filter_map(|bytes| serde_json::from_slice::<Value>(bytes).ok()).collect();
    cursor_page(&state, &headers, &uri, "/v1/client", &[], clients.iter().collect())
}

/// `GET /v1/client/status`: the tenant's client statuses `{id, title}` as a one-page DRF
/// cursor page. Seen in integrations, not in the vendor docs.
pub(crate) async fn status_list(uri: Uri, Guarded { state, headers, .. }: Guarded) -> Response {
    cursor_page(&state, &headers, &uri, "/v1/client/status", &[], data().statuses.iter().collect())
}

/// `POST /v1/client`: creates a client (`companyName` required), 201 with the client.
pub(crate) async fn client_create(Guarded { state, body, .. }: Guarded) -> Response {
    let request = match parse_object(&body) {
        Ok(request) => request,
        Err(response) => return *response,
    };
    if !request.contains_key("companyName") {
        return json_value(StatusCode::BAD_REQUEST, &json!({"companyName": ["This field is required."]}));
    }
    let created = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let mut client = json!({
        "id": 0,
        "companyName": "",
        "created": created,
        "status": null,
        "inCharge": null,
        "position": null,
        "contact": null,
        "email": null,
        "content": null,
        "businessRegistrationNumber": null,
        "ceoName": null,
        "companyAddress": null,
        "companyDetailAddress": null,
        "businessType": null,
        "businessClass": null,
        "branchNumber": null,
        "taxInvoiceEmail": null,
        "fieldSet": [],
    });
    if let Err(errors) = write::apply(&mut client, &request) {
        return json_value(StatusCode::BAD_REQUEST, &errors);
    }
    let client = state.store.create(client);
    json_value(StatusCode::CREATED, &client)
}

/// `PATCH` and `DELETE /v1/client/{client_id}`: authentication and the throttle, then a partial
/// update (DRF `UpdateModelMixin`, 200 with the whole updated client) or the removal (204, then
/// the client is gone).
pub(crate) async fn client_write(
    method: Method,
    path: Result<Path<String>, PathRejection>,
    Guarded { state, body, .. }: Guarded,
) -> Response {
    let id = path.ok().and_then(|Path(raw)| parse_id(&raw));
    if method == Method::DELETE {
        return match id.filter(|id| state.store.delete(*id)) {
            Some(_) => StatusCode::NO_CONTENT.into_response(),
            None => json(StatusCode::NOT_FOUND, NOT_FOUND),
        };
    }
    // DRF's `get_object` (404) runs before the body is parsed and validated.
    let Some(id) = id.filter(|id| state.store.get(*id).is_some()) else {
        return json(StatusCode::NOT_FOUND, NOT_FOUND);
    };
    let request = match parse_object(&body) {
        Ok(request) => request,
        Err(response) => return *response,
    };
    match state.store.update(id, |client| write::apply(client, &request)) {
        None => json(StatusCode::NOT_FOUND, NOT_FOUND),
        Some(Err(errors)) => json_value(StatusCode::BAD_REQUEST, &errors),
        Some(Ok(client)) => json_value(StatusCode::OK, &client),
    }
}

/// The request body as a JSON object, or DRF's 400 for anything else.
fn parse_object(body: &[u8]) -> Result<Map<String, Value>, Box<Response>> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => {
            let kind = match other {
                Value::Null => "NoneType",
                Value::Bool(_) => "bool",
                Value::Number(n) if n.is_f64() => "float",
                Value::Number(_) => "int",
                Value::String(_) => "str",
                _ => "list",
            };
            let message = format!("Invalid data. Expected a dictionary, but got {kind}.");
            Err(Box::new(json_value(StatusCode::BAD_REQUEST, &json!({"non_field_errors": [message]}))))
        }
        Err(e) => Err(Box::new(json_value(
            StatusCode::BAD_REQUEST,
            &json!({"detail": format!("JSON parse error - {e}")}),
        ))),
    }
}

fn encode_cursor(offset: usize) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(format!("o={offset}"))
}

fn decode_cursor(cursor: &str) -> Option<usize> {
    use base64::Engine as _;
    let raw = base64::engine::general_purpose::STANDARD.decode(cursor).ok()?;
    Query::parse(&raw).get("o")?.parse().ok()
}

/// `GET /v1/field?category=&cursor=&page_size=`: a DRF cursor page of field definitions.
pub(crate) async fn field_list(uri: Uri, Guarded { state, headers, .. }: Guarded) -> Response {
    let query = Query::of(&uri);
    let category = query.get("category").filter(|c| !c.is_empty());
    if let Some(category) = category
        && !["I", "C", "CO"].contains(&category)
    {
        let message = format!("Select a valid choice. {category} is not one of the available choices.");
        return json_value(StatusCode::BAD_REQUEST, &json!({ "category": [message] }));
    }
    let matching: Vec<&Value> = data()
        .fields
        .iter()
        .filter(|(c, _)| category.is_none_or(|wanted| wanted == *c))
        .map(|(_, field)| field)
        .collect();
    let extra: Vec<(&str, &str)> = category.map(|c| ("category", c)).into_iter().collect();
    cursor_page(&state, &headers, &uri, "/v1/field", &extra, matching)
}

/// A DRF cursor page of `items` at the request's `cursor` (offset) and `page_size`, with
/// absolute `next` / `previous` links that repeat `extra` query parameters.
fn cursor_page(
    state: &Pluuug,
    headers: &HeaderMap,
    uri: &Uri,
    path: &str,
    extra: &[(&str, &str)],
    items: Vec<&Value>,
) -> Response {
    let query = Query::of(uri);
    let requested_size = query.get("page_size");
    // DRF ignores an unparsable page_size and clamps a large one.
    let page_size = requested_size
        .and_then(|s| s.parse::<usize>().ok())
        .filter(|n| *n > 0)
        .map_or(DEFAULT_PAGE_SIZE, |n| n.min(MAX_PAGE_SIZE));
    let offset = match query.get("cursor").filter(|c| !c.is_empty()) {
        None => 0,
        Some(cursor) => match decode_cursor(cursor) {
            Some(offset) => offset,
            None => return json(StatusCode::NOT_FOUND, INVALID_CURSOR),
        },
    };
    if path == "/v1/client" && state.store.page_fault.hit(offset / page_size + 1) {
        return json(StatusCode::INTERNAL_SERVER_ERROR, SERVER_ERROR);
    }
    let results: Vec<&Value> = items.iter().skip(offset).take(page_size).copied().collect();
    let host = header(headers, HOST.as_str())
        .map(|h| format!("http://{h}"))
        .unwrap_or_else(|| state.scope.base_url().to_owned());
    let link = |cursor: Option<usize>| {
        let mut params = url::form_urlencoded::Serializer::new(String::new());
        for (name, value) in extra {
            params.append_pair(name, value);
        }
        if let Some(offset) = cursor {
            params.append_pair("cursor", &encode_cursor(offset));
        }
        if let Some(size) = requested_size {
            params.append_pair("page_size", size);
        }
        let params = params.finish();
        if params.is_empty() { format!("{host}{path}") } else { format!("{host}{path}?{params}") }
    };
    let end = offset.saturating_add(page_size);
    let next = (end < items.len()).then(|| link(Some(end)));
    // The page before the second one is the first page, which DRF links without a cursor.
    let previous = (offset > 0).then(|| link(offset.checked_sub(page_size).filter(|o| *o > 0)));
    json_value(StatusCode::OK, &json!({ "next": next, "previous": previous, "results": results }))
}

fn with_id(id: &str, make: impl FnOnce(Value) -> Value) -> Bytes {
    let id = parse_id(id).map_or_else(|| json!(id), |n| json!(n));
    let mut record = data().template.clone();
    if let Some(map) = record.as_object_mut() {
        map.insert("id".into(), make(id));
    }
    Bytes::from(record.to_string())
}

/// The drift knob's three changes to a pluuug customer-detail body (the table in the
/// `drift` module docs).
pub(crate) const DRIFT: Drift =
    Drift::new("driftAdded", ("branchNumber", "1"), ("fieldSet[].field.dataType", "\"ZZ\""), drift);

fn drift(body: &mut Value, [added, changed, unknown]: [Value; 3]) {
    let Some(client) = body.as_object_mut() else { return };
    client.insert("driftAdded".into(), added);
    client.insert("branchNumber".into(), changed);
    let first = client
        .get_mut("fieldSet")
        .and_then(Value::as_array_mut)
        .and_then(|set| set.first_mut())
        .and_then(|entry| entry.get_mut("field"))
        .and_then(Value::as_object_mut);
    match first {
        Some(field) => {
            field.insert("dataType".into(), unknown);
        }
        None => {
            client.insert(
                "fieldSet".into(),
                json!([{
                    "field": {"id": 99, "name": "드리프트", "dataType": unknown, "optionSet": [], "memberSet": []},
                    "value": "drift",
                }]),
            );
        }
    }
}

/// Pluuug's faults: DRF `{"detail": ...}` bodies, no envelope, no expiring tokens.
impl Faults for Pluuug {
    fn error_body(&self, status: StatusCode) -> Bytes {
        let detail = match status {
            StatusCode::TOO_MANY_REQUESTS => "Request was throttled. Expected available in 1 second.",
            StatusCode::INTERNAL_SERVER_ERROR => "A server error occurred.",
            StatusCode::BAD_GATEWAY => "Bad gateway.",
            StatusCode::SERVICE_UNAVAILABLE => "Service temporarily unavailable, try again later.",
            StatusCode::GATEWAY_TIMEOUT => "Gateway timeout.",
            _ => "Error.",
        };
        Bytes::from(json!({ "detail": detail }).to_string())
    }

    fn envelope_error(&self) -> Response {
        json(StatusCode::BAD_REQUEST, r#"{"detail":"Invalid request."}"#)
    }

    fn record(&self, id: &str) -> Bytes {
        with_id(id, |id| id)
    }

    fn wrong_type(&self, id: &str) -> Bytes {
        with_id(id, |id| json!({ "value": id }))
    }

    fn oversize(&self, id: &str) -> (String, String) {
        let id = parse_id(id).unwrap_or_default();
        (
            format!(
                r#"{{"id":{id},"companyName":"주식회사 대용량데이터","created":"2024-01-01T00:00:00Z","content":""#
            ),
            r#""}"#.to_owned(),
        )
    }

    fn auth_failure(&self) -> Response {
        self.scope.count_auth_failure("reserved id 990401");
        json(StatusCode::UNAUTHORIZED, INVALID_KEY)
    }

    fn token_expired(&self) -> Option<Response> {
        None
    }

    fn throttled(&self, retry_after: u64) -> Response {
        throttled(retry_after)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_signature_vectors() {
        assert_eq!(
            signature(b"test_secret", b""),
            "f7f9bd47fb987337b5796fdc1fdb9ba221d0d5396814bfcaf9521f43fd8927fd"
        );
        assert_eq!(
            signature(b"test_secret", br#"{"companyName":"ACME"}"#),
            "5ed2c29c405e63281da95168ea0fa296433eccb932c732b16c2a884e62b5dd4e"
        );
    }

    #[test]
    fn signature_check_requires_lowercase_hex_of_the_exact_body() {
        let good = "f7f9bd47fb987337b5796fdc1fdb9ba221d0d5396814bfcaf9521f43fd8927fd";
        assert!(signature_matches(b"test_secret", b"", good));
        assert!(!signature_matches(b"test_secret", b"", &good.to_uppercase()));
        assert!(!signature_matches(b"test_secret", b" ", good));
        assert!(!signature_matches(b"other", b"", good));
        assert!(!signature_matches(b"test_secret", b"", &good[..63]));
        assert!(!signature_matches(b"test_secret", b"", ""));
    }

    #[test]
    fn cursor_round_trips() {
        assert_eq!(decode_cursor(&encode_cursor(40)), Some(40));
        assert_eq!(decode_cursor("not base64!"), None);
        assert_eq!(decode_cursor("cD00ODY="), None);
    }

    #[test]
    fn ids_follow_djangos_int_converter() {
        assert_eq!(parse_id("1001"), Some(1001));
        assert_eq!(parse_id("0123"), Some(123));
        assert_eq!(parse_id("-1"), None);
        assert_eq!(parse_id("12a"), None);
        assert_eq!(parse_id(""), None);
    }

    #[test]
    fn seeded_clients_cover_every_data_type() {
        let mut types = std::collections::BTreeSet::new();
        for body in data().clients.values() {
            let client: Value = serde_json::from_slice(body).unwrap();
            for entry in client["fieldSet"].as_array().into_iter().flatten() {
                types.insert(entry["field"]["dataType"].as_str().unwrap().to_owned());
            }
        }
        for expected in ["S", "N", "D", "T", "B", "SL", "ML", "M", "F"] {
            assert!(types.contains(expected), "no client has a {expected} field");
        }
    }
}
