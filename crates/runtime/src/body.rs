//! The body cap: reads a response's body once under [`crate::Config::max_body_bytes`], records
//! it in the call's capture, and rebuilds the response around the same bytes for the generated
//! code (no copy).

use std::time::Duration;

use bytes::{Bytes, BytesMut};
use futures_util::StreamExt;
use reqwest::header::HeaderMap;

use crate::capture::with_capture;

/// Reads the body under `cap`, records it, and rebuilds the response around it. For a write
/// (`write` true) whose answer was a success, a body that is cut off or stalls marks the call's
/// outcome unknown: the server received the request and answered it.
pub(crate) async fn finish(
    response: reqwest::Response,
    retry_after: Option<Duration>,
    cap: usize,
    write: bool,
) -> reqwest::Result<reqwest::Response> {
    let status = response.status();
    let location_host = status.is_redirection().then(|| location_host(response.url(), response.headers()));
    let mut builder = http::Response::builder().status(status).version(response.version());
    if let Some(headers) = builder.headers_mut() {
        *headers = response.headers().clone();
    }
    let mut too_large = response.content_length().is_some_and(|n| n > cap as u64);
    let mut body = BytesMut::new();
    let applied = write && status.is_success();
    if !too_large {
        with_capture(|c| c.write_in_flight = applied);
        let mut stream = response.bytes_stream();
        while let Some(chunk) = stream.next().await {
            let chunk = match chunk {
                Ok(c) => c,
                Err(e) => {
                    with_capture(|c| {
                        c.write_in_flight = false;
                        c.outcome_unknown |= applied;
                        c.status = Some(status.as_u16());
                    });
                    return Err(e);
                }
            };
            if body.len() + chunk.len() > cap {
                too_large = true;
                break;
            }
            body.extend_from_slice(&chunk);
        }
    }
    let body = if too_large { Bytes::new() } else { body.freeze() };
    with_capture(|c| {
        c.write_in_flight = false;
        c.body = Some(body.clone());
        c.status = Some(status.as_u16());
        c.retry_after = retry_after;
        c.too_large = too_large;
        c.location_host = location_host;
    });
    let rebuilt = builder.body(body).expect("status and headers come from a valid response");
    Ok(reqwest::Response::from(rebuilt))
}

/// `host[:port]` of a redirect's `Location` (never its path or query, which may carry tokens).
fn location_host(base: &reqwest::Url, headers: &HeaderMap) -> String {
    let location = headers.get(reqwest::header::LOCATION).and_then(|v| v.to_str().ok());
    match location.and_then(|l| base.join(l).ok()) {
        Some(url) => match (url.host_str(), url.port()) {
            (Some(h), Some(p)) => format!("`{h}:{p}`"),
            (Some(h), None) => format!("`{h}`"),
            _ => "an unnamed location".into(),
        },
        None => "an unnamed location".into(),
    }
}
