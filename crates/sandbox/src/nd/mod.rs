//! nd: `GET /api/customers/{id}/detail`, `POST /api/customers/paginate` and `PUT
//! /api/customers/` (edit), behind an optional static bearer token and Laravel's throttle
//! middleware when configured. The backend looks like Laravel/Hyperf: `{code, message}` errors,
//! validation messages in Chinese, an i18n key leaking into the not-found message.

mod data;
mod store;
mod write;

use std::ops::ControlFlow;
use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::{get, post, put};
use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use serde_json::{Map, Value, json};

pub(crate) use data::Data;
pub(crate) use store::Store;

use crate::detail::{self, Detail, DetailRequest};
use crate::drift::change::Drift;
use crate::knobs::Faults;
use crate::part::Part;
use crate::respond::{bearer, ct_eq, json, json_value, with_retry_after_secs};
use crate::shared::{Scope, Shared};
use crate::throttle::{Decision, KNOB_LIMIT, Rule};
use crate::types::{Credentials, Provider};

const UNAUTHENTICATED: &str = r#"{"code":401,"message":"Unauthenticated."}"#;
const NOT_FOUND: &str = r#"{"code":404,"message":"trans:validate.CUSTOMER_NOT_FOUND"}"#;
const BAD_BODY: &str = r#"{"code":400,"message":"请求参数格式错误"}"#;

const DEFAULT_PAGE_SIZE: u64 = 20;

fn data() -> &'static Data {
    data::get()
}

/// nd's own settings of [`SandboxBuilder`](crate::SandboxBuilder).
#[derive(Clone, Debug, Default)]
pub(crate) struct Settings {
    /// Generated customers added after the seeded ones.
    pub(crate) extra_customers: usize,
}

/// The simulated nd: its optional token, its customers, and its scope of the shared state.
pub(crate) struct Nd {
    scope: Scope,
    /// `None`: requests need no authentication.
    token: Option<String>,
    store: Store,
}

impl Nd {
    pub(crate) fn new(shared: &Arc<Shared>, credentials: &Credentials, settings: Settings) -> Nd {
        // Laravel `ThrottleRequests`: a fixed window opened by the first hit.
        let scope = shared.scope(Provider::Nd, Rule::FixedWindow);
        Nd { scope, token: credentials.nd_token.clone(), store: Store::new(settings.extra_customers) }
    }
}

impl Part for Nd {
    fn scope(&self) -> &Scope {
        &self.scope
    }

    fn owns(&self, path: &str) -> bool {
        path.starts_with("/api/customers")
    }

    fn router(self: Arc<Self>) -> Router {
        Router::new()
            .route("/api/customers/{id}/detail", get(detail::handler::<Nd>))
            .route("/api/customers/paginate", post(paginate))
            .route("/api/customers/", put(update))
            .route("/api/customers", put(update))
            .with_state(self)
    }

    fn client_env(&self) -> Vec<(&'static str, String)> {
        self.token.iter().map(|token| ("ND_TOKEN", token.clone())).collect()
    }

    fn customer_ids(&self) -> Vec<String> {
        self.store.ids()
    }

    fn change_customer(&self, id: &str, fields: &Map<String, Value>) -> bool {
        self.store.set_fields(id, fields)
    }

    fn delete_customer(&self, id: &str) -> bool {
        self.store.remove(id)
    }

    fn add_customer(&self, id: &str, fields: &Map<String, Value>) -> bool {
        self.store.add(id, fields)
    }

    fn fail_list_page(&self, page: usize, times: u32) {
        self.store.page_fault.set(page, times);
    }
}

/// `Some(rejection)` when a token is configured and the request does not carry it.
fn authenticate(state: &Nd, headers: &HeaderMap) -> Option<Response> {
    let expected = state.token.as_ref()?;
    if bearer(headers).is_some_and(|token| ct_eq(token.as_bytes(), expected.as_bytes())) {
        None
    } else {
        state.scope.count_auth_failure("missing or wrong bearer token");
        Some(json(StatusCode::UNAUTHORIZED, UNAUTHENTICATED))
    }
}

const X_RATELIMIT_LIMIT: HeaderName = HeaderName::from_static("x-ratelimit-limit");
const X_RATELIMIT_REMAINING: HeaderName = HeaderName::from_static("x-ratelimit-remaining");
const X_RATELIMIT_RESET: HeaderName = HeaderName::from_static("x-ratelimit-reset");

fn error_body(status: StatusCode) -> Bytes {
    let message = match status {
        StatusCode::TOO_MANY_REQUESTS => "Too Many Attempts.",
        StatusCode::INTERNAL_SERVER_ERROR => "Server Error",
        other => other.canonical_reason().unwrap_or("Error"),
    };
    Bytes::from(json!({"code": status.as_u16(), "message": message}).to_string())
}

/// Laravel's `ThrottleRequestsException` response: 429 with `Retry-After`,
/// `X-RateLimit-Limit`, `X-RateLimit-Remaining: 0` and `X-RateLimit-Reset` (Unix time).
pub(crate) fn throttled(limit: u32, retry_after: u64, reset_unix: u64) -> Response {
    let mut response = with_retry_after_secs(
        json(StatusCode::TOO_MANY_REQUESTS, error_body(StatusCode::TOO_MANY_REQUESTS)),
        retry_after,
    );
    let headers = response.headers_mut();
    headers.insert(X_RATELIMIT_LIMIT, HeaderValue::from(limit));
    headers.insert(X_RATELIMIT_REMAINING, HeaderValue::from(0u32));
    headers.insert(X_RATELIMIT_RESET, HeaderValue::from(reset_unix));
    response
}

/// Authentication (Laravel's `auth` runs before `throttle` in the middleware priority), then
/// the throttle keyed on the user (the bearer token), or on the client when auth is off (the
/// sandbox only sees loopback clients: one key). `Ok` carries the throttle's decision, for the
/// `X-RateLimit-*` headers of the eventual response.
fn guard(state: &Nd, headers: &HeaderMap) -> Result<Option<Decision>, Box<Response>> {
    if let Some(rejection) = authenticate(state, headers) {
        return Err(Box::new(rejection));
    }
    let key = if state.token.is_some() { bearer(headers).unwrap_or_default() } else { "127.0.0.1" };
    match state.scope.throttle(key) {
        Some(Decision::Throttled { limit, retry_after, reset_unix }) => {
            Err(Box::new(throttled(limit, retry_after, reset_unix)))
        }
        decision => Ok(decision),
    }
}

/// Adds the throttle middleware's headers to a response it let through.
fn finish(mut response: Response, decision: Option<Decision>) -> Response {
    if let Some(Decision::Allowed { limit, remaining }) = decision {
        let headers = response.headers_mut();
        headers.insert(X_RATELIMIT_LIMIT, HeaderValue::from(limit));
        headers.insert(X_RATELIMIT_REMAINING, HeaderValue::from(remaining));
    }
    response
}

/// `GET /api/customers/{id}/detail` through the shared skeleton: authentication, then Laravel's
/// throttle, whose headers every response it let through carries.
impl Detail for Nd {
    type Pass = Option<Decision>;

    fn guard(&self, request: &DetailRequest) -> ControlFlow<Response, Option<Decision>> {
        match guard(self, &request.headers) {
            Ok(decision) => ControlFlow::Continue(decision),
            Err(rejection) => ControlFlow::Break(*rejection),
        }
    }

    fn lookup(&self, id: &str) -> Option<Bytes> {
        self.store.body(id)
    }

    fn not_found(&self) -> Response {
        json(StatusCode::NOT_FOUND, NOT_FOUND)
    }

    fn finish(&self, response: Response, decision: Option<Decision>) -> Response {
        finish(response, decision)
    }
}

/// `PUT /api/customers/` (the docs give no id placeholder): the id travels in the JSON body as
/// `"id"`, as Laravel edit forms carry the key. Validated with the documented rules and their
/// Chinese messages (422 `{code, message}`, the first failing rule); an unknown id is 404.
/// The answer is what the edit page documents, `{"code":0,"message":"success"}`, without the
/// record (read it back with `GET …/detail`).
pub(crate) async fn update(State(state): State<Arc<Nd>>, headers: HeaderMap, body: Bytes) -> Response {
    let decision = match guard(&state, &headers) {
        Ok(decision) => decision,
        Err(rejection) => return *rejection,
    };
    let response = match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Object(request)) => {
            match request.get("id").and_then(Value::as_str).filter(|id| !id.is_empty()) {
                None => validation_error(write::NOT_FOUND_MESSAGE),
                Some(id) => match write::validate(&request) {
                    Err(message) => validation_error(message),
                    Ok(changes) => {
                        match state.store.update(id, |detail, item| write::apply(&changes, detail, item)) {
                            // The edit page documents `{code, message}` and no record.
                            Some(_) => json_value(StatusCode::OK, &json!({"code": 0, "message": "success"})),
                            None => json(StatusCode::NOT_FOUND, NOT_FOUND),
                        }
                    }
                },
            }
        }
        _ => json(StatusCode::BAD_REQUEST, BAD_BODY),
    };
    finish(response, decision)
}

fn validation_error(message: &str) -> Response {
    json_value(StatusCode::UNPROCESSABLE_ENTITY, &json!({"code": 422, "message": message}))
}

/// Laravel's `integer` rule: a JSON integer or a string of digits.
fn integer(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// An optional integer field within `range`: absent or null gives `default`.
fn bounded(body: &Value, key: &str, range: std::ops::RangeInclusive<u64>, default: u64) -> Option<u64> {
    match body.get(key) {
        None | Some(Value::Null) => Some(default),
        Some(value) => integer(value).filter(|n| range.contains(n)),
    }
}

/// `POST /api/customers/paginate` with `{page, page_size, conditions, sorts}`.
pub(crate) async fn paginate(State(state): State<Arc<Nd>>, headers: HeaderMap, body: Bytes) -> Response {
    let decision = match guard(&state, &headers) {
        Ok(decision) => decision,
        Err(rejection) => return *rejection,
    };
    finish(paginate_inner(&state, &body), decision)
}

fn paginate_inner(state: &Nd, body: &[u8]) -> Response {
    let request: Value = if body.iter().all(u8::is_ascii_whitespace) {
        json!({})
    } else {
        match serde_json::from_slice(body) {
            Ok(value @ Value::Object(_)) => value,
            _ => return json(StatusCode::BAD_REQUEST, BAD_BODY),
        }
    };
    let Some(page) = bounded(&request, "page", 1..=100, 1) else {
        return validation_error("页码不正确");
    };
    let Some(page_size) = bounded(&request, "page_size", 5..=1000, DEFAULT_PAGE_SIZE) else {
        return validation_error("每页数量不正确");
    };
    let is_list = |key| matches!(request.get(key), None | Some(Value::Null | Value::Array(_)));
    if !is_list("conditions") {
        return validation_error("查询条件不正确");
    }
    if !is_list("sorts") {
        return validation_error("排序字段不正确");
    }
    let skip = usize::try_from((page - 1) * page_size).unwrap_or(usize::MAX);
    let size = usize::try_from(page_size).unwrap_or(usize::MAX);
    if state.store.page_fault.hit(usize::try_from(page).unwrap_or(usize::MAX)) {
        return json_value(StatusCode::INTERNAL_SERVER_ERROR, &json!({"code": 500, "message": "服务器错误"}));
    }
    let (items, total) = state.store.page(skip, size);
    json_value(
        StatusCode::OK,
        &data::wrapped(json!({
            "items": items,
            "total": total,
            "page": page,
            "page_size": page_size,
        })),
    )
}

fn template_with(id: &str, name: Option<Value>) -> Bytes {
    let mut record = data().template.clone();
    if let Some(map) = record.as_object_mut() {
        map.insert("id".into(), json!(id));
        if let Some(name) = name {
            map.insert("name".into(), name);
        }
    }
    Bytes::from(record.to_string())
}

/// The drift knob's three changes to an nd customer-detail body (the table in the
/// `drift` module docs).
pub(crate) const DRIFT: Drift =
    Drift::new("driftAdded", ("description", "42"), ("type", "\"PARTNER\""), drift);

fn drift(body: &mut Value, [added, changed, unknown]: [Value; 3]) {
    let wrapped = body.get("code").is_some() && body.get("data").is_some_and(Value::is_object);
    let record = if wrapped { body.get_mut("data") } else { Some(body) };
    let Some(record) = record.and_then(Value::as_object_mut) else { return };
    record.insert("driftAdded".into(), added);
    record.insert("description".into(), changed);
    record.insert("type".into(), unknown);
}

/// nd's faults: `{code, message}` bodies, bare records, no expiring tokens.
impl Faults for Nd {
    fn error_body(&self, status: StatusCode) -> Bytes {
        error_body(status)
    }

    fn envelope_error(&self) -> Response {
        json(StatusCode::OK, r#"{"code":50001,"message":"系统错误"}"#)
    }

    fn record(&self, id: &str) -> Bytes {
        template_with(id, None)
    }

    fn wrong_type(&self, id: &str) -> Bytes {
        let name = data().template["name"].clone();
        template_with(id, Some(json!([name])))
    }

    fn oversize(&self, id: &str) -> (String, String) {
        let id = json!(id);
        (
            format!(r#"{{"id":{id},"customerNo":"99005","name":"超大客户","type":"CLIENT","description":""#),
            r#""}"#.to_owned(),
        )
    }

    fn auth_failure(&self) -> Response {
        self.scope.count_auth_failure("reserved id 990401");
        json(StatusCode::UNAUTHORIZED, UNAUTHENTICATED)
    }

    fn token_expired(&self) -> Option<Response> {
        None
    }

    fn throttled(&self, retry_after: u64) -> Response {
        throttled(KNOB_LIMIT, retry_after, crate::throttle::unix_now().saturating_add(retry_after))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_contradictions_are_seeded() {
        let mut string_codes = 0;
        let mut array_codes = 0;
        let mut string_turnover = 0;
        let mut wrapped = 0;
        let mut unknown_type = false;
        for id in &data().ids {
            let body: Value = serde_json::from_slice(&data().customers[id]).unwrap();
            let record = if id.starts_with('w') {
                wrapped += 1;
                assert_eq!(body["code"], 0);
                body["data"].clone()
            } else {
                body
            };
            assert_eq!(record["id"], json!(id));
            match &record["areaCode"] {
                Value::String(_) => string_codes += 1,
                Value::Array(_) => array_codes += 1,
                other => panic!("areaCode {other}"),
            }
            string_turnover += usize::from(record["totalTurnover"].is_string());
            unknown_type |= record["type"] == "VIP_CLIENT";
        }
        assert!(string_codes >= 2 && array_codes > string_codes);
        assert!(string_turnover >= 2);
        assert!(wrapped >= 2);
        assert!(unknown_type);
        assert_eq!(data().list_items.len(), data().ids.len());
    }
}
