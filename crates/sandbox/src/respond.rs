//! Small helpers every provider module uses: JSON responses, query strings, header reading and
//! constant-time comparison. Nothing provider-specific lives here.

use axum::body::Body;
use axum::response::Response;
use http::header::{AUTHORIZATION, CONTENT_TYPE, HeaderName, RETRY_AFTER};
use http::{HeaderMap, HeaderValue, StatusCode, Uri};
use serde_json::Value;

const APPLICATION_JSON: HeaderValue = HeaderValue::from_static("application/json");

/// A response with `Content-Type: application/json` and the given body bytes.
pub(crate) fn json(status: StatusCode, body: impl Into<Body>) -> Response {
    let mut response = Response::new(body.into());
    *response.status_mut() = status;
    response.headers_mut().insert(CONTENT_TYPE, APPLICATION_JSON);
    response
}

/// A JSON response serialized from a value built at request time.
pub(crate) fn json_value(status: StatusCode, value: &Value) -> Response {
    json(status, value.to_string())
}

/// Adds `Retry-After: secs`.
pub(crate) fn with_retry_after(mut response: Response, secs: u32) -> Response {
    response.headers_mut().insert(RETRY_AFTER, HeaderValue::from(secs));
    response
}

/// Adds `Retry-After: secs`.
pub(crate) fn with_retry_after_secs(mut response: Response, secs: u64) -> Response {
    response.headers_mut().insert(RETRY_AFTER, HeaderValue::from(secs));
    response
}

/// Adds one header with a static value.
pub(crate) fn with_header(mut response: Response, name: HeaderName, value: &'static str) -> Response {
    response.headers_mut().insert(name, HeaderValue::from_static(value));
    response
}

/// Decoded query parameters, first occurrence wins.
pub(crate) struct Query(Vec<(String, String)>);

impl Query {
    pub(crate) fn of(uri: &Uri) -> Query {
        Query::parse(uri.query().unwrap_or_default().as_bytes())
    }

    /// Parses `application/x-www-form-urlencoded` text (a query string or a form body).
    pub(crate) fn parse(text: &[u8]) -> Query {
        Query(url::form_urlencoded::parse(text).map(|(k, v)| (k.into_owned(), v.into_owned())).collect())
    }

    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// Like [`Query::get`] but ignores ASCII case in the name, as ASP.NET model binding does.
    pub(crate) fn get_ignore_case(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// A header's value as text, if present and visible ASCII.
pub(crate) fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// The token of an `Authorization: Bearer <token>` header (scheme name in any case).
pub(crate) fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim()).filter(|t| !t.is_empty())
}

/// Compares two byte strings in time that depends only on their lengths.
pub(crate) fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A fresh random token of `len` bytes, not cryptographically strong: this is a sandbox.
pub(crate) fn random_bytes(len: usize) -> Vec<u8> {
    std::iter::repeat_with(|| fastrand::u8(..)).take(len).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_parsing() {
        let mut h = HeaderMap::new();
        assert_eq!(bearer(&h), None);
        h.insert(AUTHORIZATION, HeaderValue::from_static("Bearer abc"));
        assert_eq!(bearer(&h), Some("abc"));
        h.insert(AUTHORIZATION, HeaderValue::from_static("bearer  xyz "));
        assert_eq!(bearer(&h), Some("xyz"));
        h.insert(AUTHORIZATION, HeaderValue::from_static("Basic abc"));
        assert_eq!(bearer(&h), None);
        h.insert(AUTHORIZATION, HeaderValue::from_static("Bearer "));
        assert_eq!(bearer(&h), None);
    }

    #[test]
    fn constant_time_eq() {
        assert!(ct_eq(b"abc", b"abc"));
        assert!(!ct_eq(b"abc", b"abd"));
        assert!(!ct_eq(b"abc", b"ab"));
    }

    #[test]
    fn query_first_occurrence_wins() {
        let q = Query::parse(b"a=1&b=x%2By&a=2&c=a+b");
        assert_eq!(q.get("a"), Some("1"));
        assert_eq!(q.get("b"), Some("x+y"));
        assert_eq!(q.get("c"), Some("a b"));
        assert_eq!(q.get_ignore_case("A"), Some("1"));
        assert_eq!(q.get("d"), None);
    }
}
