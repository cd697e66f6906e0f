//! Error builders: a transport failure, a body that does not decode, an error status, and the
//! provider's own error text pulled from the usual body shapes.

use bytes::Bytes;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use crate::{Error, ErrorKind};

/// A transport error, with the URL (which may carry an access token) removed.
#[doc(hidden)]
pub fn transport_error(provider: &'static str, operation: &'static str, e: reqwest::Error) -> Error {
    let e = e.without_url();
    let what = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "connection failed"
    } else if e.is_body() || e.is_decode() {
        "response body interrupted"
    } else {
        "request failed"
    };
    let mut message = format!("{what}: {e}");
    let mut source: Option<&dyn std::error::Error> = std::error::Error::source(&e);
    while let Some(s) = source {
        message.push_str(&format!(": {s}"));
        source = s.source();
    }
    let timeout = e.is_timeout();
    let err = Error::new(ErrorKind::Transport, provider, operation, message).with_source(e);
    if timeout { err.with_timeout() } else { err }
}

/// A response that did not decode into the spec's type: names the failing field, keeps the body.
#[doc(hidden)]
pub fn decode_error<T: DeserializeOwned>(
    provider: &'static str,
    operation: &'static str,
    bytes: Bytes,
    error: &serde_json::Error,
    status: Option<u16>,
) -> Error {
    let path =
        match serde_path_to_error::deserialize::<_, T>(&mut serde_json::Deserializer::from_slice(&bytes)) {
            Err(e) => e.path().to_string(),
            Ok(_) => ".".to_string(),
        };
    let what = if bytes.is_empty() {
        "empty response body".to_string()
    } else if error.is_syntax() || error.is_eof() {
        format!("response is not valid JSON: {error}")
    } else {
        format!("response does not match the spec at `{path}`: {error}")
    };
    let mut e =
        Error::new(ErrorKind::BadResponse, provider, operation, what).with_field(path).with_raw(bytes);
    if let Some(s) = status {
        e = e.with_status(s);
    }
    e
}

/// Classifies an error status: 404 not found, 401/403 auth, 429 rate limited, anything else a
/// provider error. The provider's own error text is appended when the body has one.
#[doc(hidden)]
pub fn status_error(
    provider: &'static str,
    operation: &'static str,
    status: StatusCode,
    raw: Bytes,
    retry_after: Option<std::time::Duration>,
) -> Error {
    let (kind, what) = match status.as_u16() {
        404 => (ErrorKind::NotFound, "not found".to_string()),
        401 | 403 => (ErrorKind::Auth, "credentials or signature rejected".to_string()),
        429 => (ErrorKind::RateLimited, "rate limited".to_string()),
        s => (ErrorKind::ProviderError, format!("provider answered HTTP {s}")),
    };
    let (code, text) = provider_text(&raw);
    let message = match text {
        Some(t) => format!("{what}: {t}"),
        None => what,
    };
    let mut e = Error::new(kind, provider, operation, message)
        .with_status(status.as_u16())
        .with_raw(raw)
        .with_retry_after(retry_after);
    if let Some(c) = code {
        e = e.with_code(c);
    }
    e
}

/// Pulls a short code and message out of the usual error body shapes
/// (`detail`, `message`, `ErrorMsg`, `error_description`, `error`, `status.description`).
#[doc(hidden)]
pub fn provider_text(raw: &[u8]) -> (Option<String>, Option<String>) {
    let Ok(serde_json::Value::Object(map)) = serde_json::from_slice::<serde_json::Value>(raw) else {
        return (None, None);
    };
    let scalar = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) if !s.is_empty() => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let status = map.get("status").and_then(|s| s.as_object());
    let text = ["detail", "message", "ErrorMsg", "error_description", "error", "title"]
        .iter()
        .find_map(|k| map.get(*k).and_then(scalar))
        .or_else(|| status.and_then(|s| s.get("description")).and_then(scalar));
    let code = ["code", "ResultCode", "statusCode"]
        .iter()
        .find_map(|k| map.get(*k).and_then(scalar))
        .or_else(|| status.and_then(|s| s.get("code")).and_then(scalar));
    let text = text.map(|t| {
        let t: String = t.chars().take(300).collect();
        t
    });
    (code, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_text_reads_common_shapes() {
        assert_eq!(
            provider_text(br#"{"detail":"Invalid signature."}"#),
            (None, Some("Invalid signature.".into()))
        );
        assert_eq!(
            provider_text(br#"{"ResultCode":40100,"ErrorMsg":"bad"}"#),
            (Some("40100".into()), Some("bad".into()))
        );
        assert_eq!(
            provider_text(br#"{"status":{"code":"4001","description":"Customer not found"},"data":null}"#),
            (Some("4001".into()), Some("Customer not found".into()))
        );
        assert_eq!(provider_text(b"<html>"), (None, None));
    }
}
