//! eshouhou (易售后): `GET /api/TokenApi` (sign = MD5(appid + appSecret + timestamp)), then
//! `GET /open/v2/Customer/GetCustomer` and `GetCustomerContacts` with `access_token` in the
//! query. Every answer, errors included, is HTTP 200 `{"ResultCode","ErrorMsg","ResultValue"}`
//! (except the transport-level faults of the knobs and the assumed throttle's 429). Query names
//! match in any case, as ASP.NET binds them.

mod data;

use std::ops::ControlFlow;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use base64::Engine as _;
use bytes::Bytes;
use http::{StatusCode, Uri};
use md5::{Digest, Md5};
use serde_json::{Value, json};

pub(crate) use data::Data;

use crate::detail::{self, Detail, DetailRequest};
use crate::drift::change::Drift;
use crate::knobs::Faults;
use crate::part::Part;
use crate::respond::{Query, ct_eq, json, json_value, with_retry_after_secs};
use crate::rng::SplitMix;
use crate::shared::{Scope, Shared};
use crate::throttle::{Decision, Rule};
use crate::tokens::TokenStore;
use crate::types::{Credentials, Provider};

const UNKNOWN_APPID: &str = r#"{"ResultCode":40001,"ErrorMsg":"appid不存在","ResultValue":null}"#;
const BAD_SIGN: &str = r#"{"ResultCode":40002,"ErrorMsg":"签名错误","ResultValue":null}"#;
const TIMESTAMP_EXPIRED: &str = r#"{"ResultCode":40003,"ErrorMsg":"timestamp expired","ResultValue":null}"#;
const INVALID_TOKEN: &str =
    r#"{"ResultCode":40100,"ErrorMsg":"access_token无效或已过期","ResultValue":null}"#;
const MISSING_CUSTOMER_ID: &str =
    r#"{"ResultCode":40000,"ErrorMsg":"customerId不能为空","ResultValue":null}"#;
const NO_SUCH_ARCHIVE: &str = r#"{"ResultCode":0,"ErrorMsg":"","ResultValue":[]}"#;
/// ASSUMPTION (undocumented): the answer to a `condition` that is not a JSON object.
const BAD_CONDITION: &str = r#"{"ResultCode":40000,"ErrorMsg":"condition格式错误","ResultValue":null}"#;

/// The token lifetime when `expire` is absent: "default 2" hours, as the docs say.
const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(2 * 3600);
const DEFAULT_CONTACTS_PAGE_SIZE: usize = 20;
const MAX_CONTACTS_PAGE_SIZE: usize = 1000;

fn data() -> &'static Data {
    data::get()
}

/// eshouhou's own settings of [`SandboxBuilder`](crate::SandboxBuilder).
#[derive(Clone, Debug, Default)]
pub(crate) struct Settings {
    /// Upper bound of token lifetimes (`None`: the `expire` parameter, default 2 h).
    pub(crate) token_cap: Option<Duration>,
    /// ASSUMPTION knob: reject token requests whose timestamp is further than this from the
    /// server clock (`None`, the default: no freshness check, as documented).
    pub(crate) timestamp_window: Option<Duration>,
}

/// The simulated eshouhou: its app credentials, settings, issued tokens, and its scope of the
/// shared state. Its archives are the seeded ones (it documents no writes).
pub(crate) struct Eshouhou {
    scope: Scope,
    appid: String,
    app_secret: String,
    settings: Settings,
    tokens: TokenStore,
}

impl Eshouhou {
    pub(crate) fn new(shared: &Arc<Shared>, credentials: &Credentials, settings: Settings) -> Eshouhou {
        // Build the seeded archives now rather than inside the first request.
        data::get();
        // ASSUMPTION: a fixed window.
        let scope = shared.scope(Provider::Eshouhou, Rule::FixedWindow);
        Eshouhou {
            scope,
            appid: credentials.eshouhou_appid.clone(),
            app_secret: credentials.eshouhou_app_secret.clone(),
            settings,
            tokens: TokenStore::default(),
        }
    }
}

impl Part for Eshouhou {
    fn scope(&self) -> &Scope {
        &self.scope
    }

    fn owns(&self, path: &str) -> bool {
        path.starts_with("/api/TokenApi") || path.starts_with("/open/")
    }

    fn router(self: Arc<Self>) -> Router {
        Router::new()
            .route("/api/TokenApi", get(token))
            .route("/open/v2/Customer/GetCustomer", get(detail::handler::<Eshouhou>))
            .route("/open/v2/Customer/GetCustomerContacts", get(contacts))
            .with_state(self)
    }

    fn client_env(&self) -> Vec<(&'static str, String)> {
        vec![("ESHOUHOU_APPID", self.appid.clone()), ("ESHOUHOU_APP_SECRET", self.app_secret.clone())]
    }

    fn customer_ids(&self) -> Vec<String> {
        data().ids.clone()
    }

    fn expire_tokens(&self) {
        self.tokens.clear();
    }
}

/// Uppercase hex MD5 of `appid + app_secret + timestamp`, as the docs compute it.
fn sign(appid: &str, app_secret: &str, timestamp: &str) -> String {
    let mut md5 = Md5::new();
    md5.update(appid.as_bytes());
    md5.update(app_secret.as_bytes());
    md5.update(timestamp.as_bytes());
    hex::encode_upper(md5.finalize())
}

fn now_ms() -> u128 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis())
}

fn timestamp_fresh(timestamp: &str, window: Duration) -> bool {
    let Ok(ms) = timestamp.parse::<u128>() else {
        return false;
    };
    now_ms().abs_diff(ms) <= window.as_millis()
}

/// The appid an access token was issued to (tokens are base64 of `appid&GUID&minutes`).
fn token_appid(token: &str) -> String {
    base64::engine::general_purpose::STANDARD
        .decode(token)
        .ok()
        .and_then(|raw| String::from_utf8(raw).ok())
        .and_then(|text| text.split_once('&').map(|(appid, _)| appid.to_owned()))
        .unwrap_or_default()
}

/// ASSUMPTION (eshouhou documents no limits): a fixed window per appid, answered with HTTP 429,
/// `Retry-After` and the `ResultCode` envelope.
fn throttle(state: &Eshouhou, appid: &str, token_call: bool) -> Option<Response> {
    let decision = if token_call { state.scope.throttle_token(appid) } else { state.scope.throttle(appid) };
    match decision? {
        Decision::Throttled { retry_after, .. } => Some(throttled(retry_after)),
        Decision::Allowed { .. } => None,
    }
}

fn error_body(status: StatusCode) -> Bytes {
    let message = match status {
        StatusCode::TOO_MANY_REQUESTS => "请求过于频繁，请稍后再试",
        StatusCode::INTERNAL_SERVER_ERROR => "服务器内部错误",
        StatusCode::BAD_GATEWAY => "网关错误",
        StatusCode::SERVICE_UNAVAILABLE => "服务暂不可用",
        StatusCode::GATEWAY_TIMEOUT => "网关超时",
        _ => "系统错误",
    };
    Bytes::from(json!({"ResultCode": status.as_u16(), "ErrorMsg": message, "ResultValue": null}).to_string())
}

pub(crate) fn throttled(retry_after: u64) -> Response {
    with_retry_after_secs(
        json(StatusCode::TOO_MANY_REQUESTS, error_body(StatusCode::TOO_MANY_REQUESTS)),
        retry_after,
    )
}

/// A token shaped like the vendor's: base64 of `appid&GUID&minutes`.
fn new_token(appid: &str, lifetime: Duration) -> String {
    let minutes = lifetime.as_secs() / 60;
    loop {
        let guid = SplitMix::new(fastrand::u64(..)).guid();
        let token = base64::engine::general_purpose::STANDARD.encode(format!("{appid}&{guid}&{minutes}"));
        // A `+` survives only if the client percent-encodes it; real tokens can contain one, but a
        // sandbox that fails one request in a few depending on luck would make tests flaky.
        if !token.contains('+') {
            return token;
        }
    }
}

/// `GET /api/TokenApi?appid=&timestamp=&sign=&expire=`.
pub(crate) async fn token(State(state): State<Arc<Eshouhou>>, uri: Uri) -> Response {
    state.scope.count_token_request();
    let query = Query::of(&uri);
    let appid = query.get_ignore_case("appid").unwrap_or_default();
    if !ct_eq(appid.as_bytes(), state.appid.as_bytes()) {
        state.scope.count_auth_failure("unknown appid");
        return json(StatusCode::OK, UNKNOWN_APPID);
    }
    if let Some(response) = throttle(&state, appid, true) {
        return response;
    }
    let timestamp = query.get_ignore_case("timestamp").unwrap_or_default();
    if let Some(window) = state.settings.timestamp_window
        && !timestamp_fresh(timestamp, window)
    {
        state.scope.count_auth_failure("timestamp outside the assumed window");
        return json(StatusCode::OK, TIMESTAMP_EXPIRED);
    }
    let expected = sign(appid, &state.app_secret, timestamp);
    // The docs compute the sign as uppercase hex: lowercase hex is a wrong sign.
    let claimed = query.get_ignore_case("sign").unwrap_or_default();
    if !ct_eq(claimed.as_bytes(), expected.as_bytes()) {
        state.scope.count_auth_failure("wrong sign");
        return json(StatusCode::OK, BAD_SIGN);
    }
    // `expire` is in hours (0..=24, default 2); a configured token_ttl caps it.
    let requested = query
        .get_ignore_case("expire")
        .and_then(|hours| hours.parse::<u64>().ok())
        .filter(|hours| (1..=24).contains(hours))
        .map_or(DEFAULT_TOKEN_LIFETIME, |hours| Duration::from_secs(hours * 3600));
    let lifetime = state.settings.token_cap.map_or(requested, |cap| cap.min(requested));
    let token = new_token(appid, lifetime);
    state.tokens.insert(token.clone(), lifetime);
    json_value(
        StatusCode::OK,
        &data::envelope(json!({"access_token": token, "expires_in": lifetime.as_secs()}), false),
    )
}

/// `Some(rejection)` unless the query carries a live `access_token` (then the throttle).
fn check_token(state: &Eshouhou, query: &Query) -> Option<Response> {
    let token = query.get_ignore_case("access_token").filter(|token| state.tokens.is_valid(token));
    match token {
        None => Some(invalid_token(state, "missing, unknown or expired access_token")),
        Some(token) => throttle(state, &token_appid(token), false),
    }
}

fn invalid_token(state: &Eshouhou, reason: &'static str) -> Response {
    state.scope.count_auth_failure(reason);
    json(StatusCode::OK, INVALID_TOKEN)
}

/// `GET /open/v2/Customer/GetCustomer?access_token=&customerId=&serviceNetworkId=&serviceNetworkType=`
/// through the shared skeleton: the token, then the (assumed) throttle; errors are HTTP 200
/// envelopes.
impl Detail for Eshouhou {
    type Pass = ();

    fn guard(&self, request: &DetailRequest) -> ControlFlow<Response> {
        detail::rejected_by(check_token(self, &Query::of(&request.uri)))
    }

    fn customer_id(&self, request: &DetailRequest) -> ControlFlow<Response, String> {
        match Query::of(&request.uri).get_ignore_case("customerId").filter(|id| !id.is_empty()) {
            Some(id) => ControlFlow::Continue(id.to_owned()),
            None => ControlFlow::Break(json(StatusCode::OK, MISSING_CUSTOMER_ID)),
        }
    }

    fn lookup(&self, id: &str) -> Option<Bytes> {
        // SQL Server compares GUIDs without regard to case.
        data().customers.get(&id.to_ascii_lowercase()).cloned()
    }

    fn not_found(&self) -> Response {
        json(StatusCode::OK, NO_SUCH_ARCHIVE)
    }
}

/// The documented `condition` filter: JSON text with case-sensitive keys; an empty or absent
/// key does not filter. Text keys match as a substring (SQL `LIKE '%…%'`); the dates bound
/// the contact's creation date (inclusive, `YYYY-MM-DD`, a longer date-time is cut to its date).
#[derive(Default)]
struct Condition {
    customer_name: Option<String>,
    name: Option<String>,
    telephone: Option<String>,
    title: Option<String>,
    start: Option<String>,
    end: Option<String>,
}

impl Condition {
    fn parse(text: Option<&str>) -> Result<Condition, ()> {
        let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
            return Ok(Condition::default());
        };
        let Ok(Value::Object(map)) = serde_json::from_str::<Value>(text) else {
            return Err(());
        };
        let get = |key: &str| {
            map.get(key).and_then(Value::as_str).map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned)
        };
        let date = |key: &str| get(key).map(|d| d.chars().take(10).collect::<String>());
        Ok(Condition {
            customer_name: get("sys_customername"),
            name: get("sys_name"),
            telephone: get("sys_telephone"),
            title: get("sys_title"),
            start: date("sys_startdate"),
            end: date("sys_enddate"),
        })
    }

    fn matches(&self, contact: &Value, created: &str) -> bool {
        let text = |key: &str| contact[key].as_str().unwrap_or_default();
        let like = |wanted: &Option<String>, key: &str| {
            wanted.as_ref().is_none_or(|w| text(key).contains(w.as_str()))
        };
        like(&self.customer_name, "CustomerName")
            && like(&self.name, "Name")
            && like(&self.telephone, "Telephone")
            && like(&self.title, "Title")
            && self.start.as_ref().is_none_or(|start| created >= start.as_str())
            && self.end.as_ref().is_none_or(|end| created <= end.as_str())
    }
}

/// `GET /open/v2/Customer/GetCustomerContacts?access_token=&condition=&searchKey=&pageIndex=&pageSize=`
/// (`pageIndex` 1-based). There is no customer-id parameter: filter by `sys_customername`.
pub(crate) async fn contacts(State(state): State<Arc<Eshouhou>>, uri: Uri) -> Response {
    let query = Query::of(&uri);
    if let Some(rejection) = check_token(&state, &query) {
        return rejection;
    }
    let Ok(condition) = Condition::parse(query.get_ignore_case("condition")) else {
        return json(StatusCode::OK, BAD_CONDITION);
    };
    let search = query.get_ignore_case("searchKey").filter(|s| !s.is_empty());
    let page_index =
        query.get_ignore_case("pageIndex").and_then(|p| p.parse::<usize>().ok()).unwrap_or(1).max(1);
    let page_size = query
        .get_ignore_case("pageSize")
        .and_then(|p| p.parse::<usize>().ok())
        .filter(|n| *n > 0)
        .map_or(DEFAULT_CONTACTS_PAGE_SIZE, |n| n.min(MAX_CONTACTS_PAGE_SIZE));
    let text = |c: &Value, key: &str| c[key].as_str().unwrap_or_default().to_owned();
    let page: Vec<&Value> = data()
        .contacts
        .iter()
        .filter(|(c, created)| condition.matches(c, created))
        .map(|(c, _)| c)
        .filter(|c| {
            search.is_none_or(|s| {
                ["Name", "CustomerName", "Telephone"].iter().any(|key| text(c, key).contains(s))
            })
        })
        .skip((page_index - 1).saturating_mul(page_size))
        .take(page_size)
        .collect();
    json_value(StatusCode::OK, &data::envelope(json!(page), false))
}

fn rows_with_id(id: &str) -> Vec<Value> {
    let mut rows = data().template.clone();
    if let Some(row) = rows.iter_mut().find(|r| r["Key"] == "客户编号")
        && let Some(row) = row.as_object_mut()
    {
        row.insert("Value".into(), json!(id));
    }
    rows
}

/// The drift knob's three changes to an eshouhou customer-detail body (the table in the
/// `drift` module docs).
pub(crate) const DRIFT: Drift =
    Drift::new("driftAdded", ("ResultCode", "\"0\""), ("ResultValue[].ShowType", "99"), drift);

fn drift(body: &mut Value, [added, changed, unknown]: [Value; 3]) {
    let Some(envelope) = body.as_object_mut() else { return };
    envelope.insert("driftAdded".into(), added);
    envelope.insert("ResultCode".into(), changed);
    if let Some(row) = envelope
        .get_mut("ResultValue")
        .and_then(Value::as_array_mut)
        .and_then(|rows| rows.first_mut())
        .and_then(Value::as_object_mut)
    {
        row.insert("ShowType".into(), unknown);
    }
}

/// eshouhou's faults: its `ResultCode` envelope for everything, even alongside HTTP errors.
impl Faults for Eshouhou {
    fn error_body(&self, status: StatusCode) -> Bytes {
        error_body(status)
    }

    fn envelope_error(&self) -> Response {
        json(StatusCode::OK, r#"{"ResultCode":50001,"ErrorMsg":"系统繁忙","ResultValue":null}"#)
    }

    fn record(&self, id: &str) -> Bytes {
        Bytes::from(data::envelope(json!(rows_with_id(id)), false).to_string())
    }

    fn wrong_type(&self, _id: &str) -> Bytes {
        Bytes::from_static(br#"{"ResultCode":0,"ErrorMsg":"","ResultValue":42}"#)
    }

    fn oversize(&self, id: &str) -> (String, String) {
        let first = json!({"ShowType": 0, "Key": "客户编号", "Value": id});
        (
            format!(
                r#"{{"ResultCode":0,"ErrorMsg":"","ResultValue":[{first},{{"ShowType":0,"Key":"备注","Value":""#
            ),
            r#""}]}"#.to_owned(),
        )
    }

    fn auth_failure(&self) -> Response {
        invalid_token(self, "reserved id 990401")
    }

    fn token_expired(&self) -> Option<Response> {
        Some(invalid_token(self, "reserved id 990408"))
    }

    fn throttled(&self, retry_after: u64) -> Response {
        throttled(retry_after)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_sign_vector() {
        assert_eq!(
            sign("ysh54dd4f8arinfx", "45e1cc23a7144a28ab110804491e3135", "1588239113429"),
            "70DC53194F29171C3B58C5158E9F6450"
        );
    }

    #[test]
    fn timestamps_must_be_recent_milliseconds_when_the_window_is_on() {
        let window = Duration::from_secs(600);
        let now = now_ms();
        assert!(timestamp_fresh(&now.to_string(), window));
        assert!(timestamp_fresh(&(now - 9 * 60 * 1000).to_string(), window));
        assert!(!timestamp_fresh(&(now - 11 * 60 * 1000).to_string(), window));
        assert!(!timestamp_fresh(&(now + 11 * 60 * 1000).to_string(), window));
        assert!(!timestamp_fresh("1588239113429", window));
        assert!(!timestamp_fresh(&(now / 1000).to_string(), window), "seconds are not milliseconds");
        assert!(!timestamp_fresh("soon", window));
    }

    #[test]
    fn tokens_name_their_appid() {
        let token = new_token("ysh54dd4f8arinfx", Duration::from_secs(7200));
        assert_eq!(token_appid(&token), "ysh54dd4f8arinfx");
        assert_eq!(token_appid("not base64"), "");
    }

    #[test]
    fn tokens_look_like_the_vendors() {
        use base64::Engine as _;
        let token = new_token("ysh54dd4f8arinfx", Duration::from_secs(7200));
        assert!(!token.contains('+'));
        let decoded = base64::engine::general_purpose::STANDARD.decode(&token).unwrap();
        let text = String::from_utf8(decoded).unwrap();
        assert!(text.starts_with("ysh54dd4f8arinfx&"), "{text}");
        assert!(text.ends_with("&120"), "{text}");
    }

    #[test]
    fn some_archives_send_strings() {
        let stringly = data()
            .customers
            .values()
            .filter(|body| {
                let v: Value = serde_json::from_slice(body).unwrap();
                v["ResultCode"].is_string() && v["ResultValue"][0]["ShowType"].is_string()
            })
            .count();
        assert!(stringly >= 2);
    }
}
