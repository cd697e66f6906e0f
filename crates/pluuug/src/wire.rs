//! What Pluuug's resources share on the wire: one signed request through the generated client's
//! hooks, DRF's validation messages, DRF cursor pages (and bare arrays) decoded from the bytes as
//! received, and the `next` cursor of a page.

use crm_runtime::{Error, ErrorKind};
use progenitor_client::{ClientHooks, ClientInfo, OperationInfo, ResponseValue};
use reqwest::{
    Method,
    header::{ACCEPT, CONTENT_TYPE, HeaderValue},
};
use serde::{Deserialize, de::DeserializeOwned};

use crate::{INFO, generated};

/// The most pages one Pluuug list follows. Pluuug documents no cap, but a server that hands out
/// a new cursor with every page would otherwise be followed forever: past this many pages the
/// stream ends with a page-cap error (`Error::is_page_cap`, exit 5 in the CLI) after every
/// client reached (100 000 clients at 100 per page).
pub const MAX_PAGES: u32 = 1000;

/// One signed request through the hooks (auth, limits, capture) of the generated client; a
/// status outside `ok` is an error response for the runtime to classify.
///
/// Kept hand-built for the two list reads, and for a write clearing a nullable field (the
/// generated body types cannot carry its `null`; the other writes call the generated operations):
/// the generated `list_clients(cursor, page_size)` cannot send the `search` and `status_id`
/// filters [`ClientsQuery`] offers, and both lists decode through `decode_list`, which accepts
/// a cursor page or a bare array and names the failing element's path (`results[1].id`); the
/// generated untagged `ClientList` / `ClientStatusList` would turn any bad element into an
/// untagged-enum mismatch without a path.
pub(crate) async fn send<T: DeserializeOwned>(
    api: &generated::Client,
    method: Method,
    path: &str,
    body: Option<Vec<u8>>,
    operation: &'static str,
    ok: &[u16],
) -> Result<ResponseValue<T>, progenitor_client::Error<()>> {
    let url = format!("{}{path}", api.baseurl());
    let mut builder =
        api.client().request(method, url).header(ACCEPT, HeaderValue::from_static("application/json"));
    if let Some(body) = body {
        builder = builder.header(CONTENT_TYPE, HeaderValue::from_static("application/json")).body(body);
    }
    let mut request = builder.build()?;
    let info = OperationInfo { operation_id: operation };
    api.pre(&mut request, &info).await?;
    let result = api.exec(request, &info).await;
    api.post(&result, &info).await?;
    let response = result?;
    let status = response.status().as_u16();
    if !ok.contains(&status) {
        return Err(progenitor_client::Error::ErrorResponse(ResponseValue::empty(response)));
    }
    if status == 204 {
        // No content: decode `null` (DELETE's `()`).
        let headers = response.headers().clone();
        return serde_json::from_slice(b"null")
            .map(|v| ResponseValue::new(v, response.status(), headers))
            .map_err(|e| progenitor_client::Error::InvalidResponsePayload(bytes::Bytes::new(), e));
    }
    ResponseValue::from_response(response).await
}

/// The `cursor` parameter of a DRF `next` link (absolute, or relative to `base`); `Ok(None)` when
/// there is no next page.
pub(crate) fn next_cursor(
    op: &'static str,
    base: &str,
    next: Option<&str>,
    raw: &bytes::Bytes,
) -> Result<Option<String>, Error> {
    let Some(next) = next.map(str::trim).filter(|n| !n.is_empty()) else {
        return Ok(None);
    };
    let url = reqwest::Url::parse(next).or_else(|_| reqwest::Url::parse(base).and_then(|b| b.join(next)));
    let cursor =
        url.ok().and_then(|u| u.query_pairs().find(|(k, _)| k == "cursor").map(|(_, v)| v.into_owned()));
    match cursor.filter(|c| !c.is_empty()) {
        Some(c) => Ok(Some(c)),
        None => Err(Error::new(
            ErrorKind::BadResponse,
            INFO.name,
            op,
            "the page's `next` link carries no `cursor` parameter; cannot follow it",
        )
        .with_field("next")
        .with_raw(raw.clone())),
    }
}

/// DRF's validation body `{"field": ["message"], "nested": {"field": [...]}, "list": [{}, {...}]}`
/// flattened to `field: message; nested.field: message; list[1].field: message`.
pub(crate) fn drf_messages(raw: &[u8]) -> Option<String> {
    fn walk(at: &str, value: &serde_json::Value, out: &mut Vec<String>) {
        use serde_json::Value;
        match value {
            Value::String(s) => out.push(if at.is_empty() { s.clone() } else { format!("{at}: {s}") }),
            Value::Array(items) if items.iter().all(Value::is_string) => {
                for s in items.iter().filter_map(Value::as_str) {
                    out.push(if at.is_empty() { s.to_string() } else { format!("{at}: {s}") });
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(&format!("{at}[{i}]"), item, out);
                }
            }
            Value::Object(map) => {
                for (k, v) in map {
                    let path = if at.is_empty() { k.clone() } else { format!("{at}.{k}") };
                    walk(&path, v, out);
                }
            }
            _ => {}
        }
    }
    let value: serde_json::Value = serde_json::from_slice(raw).ok()?;
    let mut out = Vec::new();
    walk("", &value, &mut out);
    (!out.is_empty()).then(|| out.join("; "))
}

/// A 400 from a write names the fields DRF rejected.
pub(crate) fn validation(e: Error) -> Error {
    if e.status() != Some(400) {
        return e;
    }
    let Some(messages) = e.raw().and_then(|raw| drf_messages(raw)) else { return e };
    let mut out = Error::new(
        ErrorKind::ProviderError,
        INFO.name,
        e.operation(),
        format!("validation failed: {}", messages.chars().take(500).collect::<String>()),
    )
    .with_status(400);
    if let Some(raw) = e.raw() {
        out = out.with_raw(raw.clone());
    }
    out
}

/// A DRF cursor page (`{next, previous, results}`, tolerating an extra `count`).
#[derive(Deserialize)]
struct CursorPage<T> {
    results: Vec<T>,
    #[serde(default)]
    next: Option<String>,
}

/// A list body — a DRF cursor page or a bare array, as integrations see both — decoded from the
/// bytes as received; a mismatch names the failing field (`results[3].fieldSet[0].value`).
pub(crate) fn decode_list<T: DeserializeOwned>(
    operation: &'static str,
    raw: &bytes::Bytes,
    status: u16,
) -> Result<(Vec<T>, Option<String>), Error> {
    let bare = raw.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[');
    if bare {
        serde_json::from_slice::<Vec<T>>(raw).map(|items| (items, None)).map_err(|e| {
            crm_runtime::decode_error::<Vec<T>>(INFO.name, operation, raw.clone(), &e, Some(status))
        })
    } else {
        serde_json::from_slice::<CursorPage<T>>(raw).map(|p| (p.results, p.next)).map_err(|e| {
            crm_runtime::decode_error::<CursorPage<T>>(INFO.name, operation, raw.clone(), &e, Some(status))
        })
    }
}

/// Deserializes as `T` would, then drops the value: a list body checked item by item in constant
/// memory (`Vec<Checked<T>>` holds nothing).
pub(crate) struct Checked<T>(std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Checked<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(|_| Checked(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::{drf_messages, next_cursor};

    #[test]
    fn the_cursor_comes_out_of_absolute_and_relative_next_links() {
        let raw = bytes::Bytes::new();
        let base = "https://openapi.pluuug.com";
        let got = |next| next_cursor("list_fields", base, next, &raw);
        assert_eq!(got(None).unwrap(), None);
        assert_eq!(got(Some("")).unwrap(), None);
        assert_eq!(
            got(Some("https://openapi.pluuug.com/v1/field?cursor=cD00ODY%3D&page_size=2"))
                .unwrap()
                .as_deref(),
            Some("cD00ODY=")
        );
        assert_eq!(got(Some("/v1/field?page_size=2&cursor=abc")).unwrap().as_deref(), Some("abc"));
        assert!(got(Some("https://openapi.pluuug.com/v1/field?page=2")).is_err());
    }

    #[test]
    fn drf_validation_bodies_flatten_to_field_messages() {
        assert_eq!(
            drf_messages(br#"{"companyName":["Ensure this field has no more than 128 characters."]}"#)
                .as_deref(),
            Some("companyName: Ensure this field has no more than 128 characters.")
        );
        assert_eq!(
            drf_messages(br#"{"status":{"id":["Invalid pk \"9\" - object does not exist."]},"fieldSet":[{},{"value":["bad"]}]}"#)
                .as_deref(),
            Some("fieldSet[1].value: bad; status.id: Invalid pk \"9\" - object does not exist.")
        );
        assert_eq!(drf_messages(b"<html>"), None);
    }
}
