//! Fault knobs: reserved customer ids that make a detail endpoint misbehave in a chosen way.
//!
//! The table of ids is in the crate docs. Each provider module says how its faults look on the
//! wire by implementing [`Faults`]; [`apply`] does the rest. Knobs are consulted after the
//! request has passed authentication.

use std::convert::Infallible;
use std::time::Duration;

use axum::body::Body;
use axum::response::Response;
use bytes::Bytes;
use http::StatusCode;
use http::header::CONTENT_LENGTH;

use crate::drift;
use crate::part::Part;
use crate::respond::{json, with_retry_after};

/// How long `990006` keeps a request waiting.
const HANG: Duration = Duration::from_secs(300);

/// One chunk of the oversize body's filler: 64 KiB of `x`, shared, never copied.
static FILLER: [u8; 64 * 1024] = [b'x'; 64 * 1024];

/// Number of filler chunks in the oversize body: 192 × 64 KiB = 12 MiB.
const FILLER_CHUNKS: usize = 192;

/// The body `990002` sends: JSON cut off in the middle of an object.
const MALFORMED: &str = r#"{"id": 1, "name": "#;

/// What a reserved id asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Knob {
    /// This status every time, with `Retry-After` when given.
    Always {
        status: StatusCode,
        retry_after: Option<u32>,
    },
    /// This status (with `Retry-After: 0`) for the first `times` requests, then a record.
    FailFirst {
        status: StatusCode,
        times: u32,
    },
    /// The provider's throttled response (`Retry-After: retry_after`) on the first request
    /// only, then a record.
    ThrottledOnce {
        retry_after: u64,
    },
    Envelope,
    Malformed,
    Truncated,
    WrongType,
    Oversize,
    Hang,
    Null,
    AuthFailure,
    ExpiredOnce,
}

impl Knob {
    pub(crate) fn parse(id: &str) -> Option<Knob> {
        let always = |status, retry_after| Some(Knob::Always { status, retry_after });
        match id {
            "990429" => always(StatusCode::TOO_MANY_REQUESTS, Some(1)),
            "990500" => always(StatusCode::INTERNAL_SERVER_ERROR, None),
            "990502" => always(StatusCode::BAD_GATEWAY, None),
            "990503" => always(StatusCode::SERVICE_UNAVAILABLE, Some(1)),
            "990504" => always(StatusCode::GATEWAY_TIMEOUT, None),
            "990001" => Some(Knob::Envelope),
            "990002" => Some(Knob::Malformed),
            "990003" => Some(Knob::Truncated),
            "990004" => Some(Knob::WrongType),
            "990005" => Some(Knob::Oversize),
            "990006" => Some(Knob::Hang),
            "990007" => Some(Knob::Null),
            "990401" => Some(Knob::AuthFailure),
            "990408" => Some(Knob::ExpiredOnce),
            _ if id.len() == 6 && id.starts_with("9944") => {
                let secs = id.get(4..)?;
                if !secs.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                Some(Knob::ThrottledOnce { retry_after: secs.parse().ok()? })
            }
            _ => {
                let (prefix, n) = id.split_at_checked(5)?;
                let times = match n.as_bytes() {
                    [d @ b'1'..=b'9'] => u32::from(d - b'0'),
                    _ => return None,
                };
                let status = match prefix {
                    "99142" => StatusCode::TOO_MANY_REQUESTS,
                    "99150" => StatusCode::SERVICE_UNAVAILABLE,
                    _ => return None,
                };
                Some(Knob::FailFirst { status, times })
            }
        }
    }
}

/// How one provider's faults look on the wire: implemented by each provider part (whose
/// [`Part::scope`] holds the knob hits and the drift switch).
pub(crate) trait Faults: Part {
    /// The provider's usual error body for a 429 or 5xx status.
    fn error_body(&self, status: StatusCode) -> Bytes;

    /// The provider's error envelope (HTTP 200 where it has one).
    fn envelope_error(&self) -> Response;

    /// A valid success body for a customer with this (reserved) id.
    fn record(&self, id: &str) -> Bytes;

    /// A success body with a field of the wrong JSON type.
    fn wrong_type(&self, id: &str) -> Bytes;

    /// The text before and after a huge JSON string value, forming a valid success body.
    fn oversize(&self, id: &str) -> (String, String);

    /// The provider's response to rejected credentials; counts the auth failure.
    fn auth_failure(&self) -> Response;

    /// The provider's expired-token response, if it has expiring tokens; counts the failure.
    fn token_expired(&self) -> Option<Response>;

    /// The provider's rate-limit response with `Retry-After: retry_after`.
    fn throttled(&self, retry_after: u64) -> Response;
}

fn ok(body: impl Into<Body>) -> Response {
    json(StatusCode::OK, body)
}

/// A success body as sent: with the provider's drift changes when its drift knob is on.
pub(crate) fn drifted<P: Part + ?Sized>(part: &P, body: Bytes) -> Bytes {
    drift::of(part.provider()).maybe(part.scope().drifts(), body)
}

/// A valid record for a reserved id, drifted when the provider's drift knob is on.
fn record<F: Faults + ?Sized>(part: &F, id: &str) -> Response {
    ok(drifted(part, part.record(id)))
}

fn error<F: Faults + ?Sized>(part: &F, status: StatusCode, retry_after: Option<u32>) -> Response {
    let response = json(status, part.error_body(status));
    match retry_after {
        Some(secs) => with_retry_after(response, secs),
        None => response,
    }
}

fn oversize<F: Faults + ?Sized>(part: &F, id: &str) -> Response {
    let (prefix, suffix) = part.oversize(id);
    let length = prefix.len() + FILLER.len() * FILLER_CHUNKS + suffix.len();
    let chunks = std::iter::once(Bytes::from(prefix))
        .chain(std::iter::repeat_n(Bytes::from_static(&FILLER), FILLER_CHUNKS))
        .chain(std::iter::once(Bytes::from(suffix)))
        .map(Ok::<_, Infallible>);
    let mut response = ok(Body::from_stream(futures::stream::iter(chunks)));
    response.headers_mut().insert(CONTENT_LENGTH, length.into());
    response
}

/// Whether `id` is one of the reserved fault ids.
pub(crate) fn is_reserved(id: &str) -> bool {
    Knob::parse(id).is_some()
}

/// The knob's response if `id` is a reserved id (or the server has a server-wide fault), `None`
/// for an ordinary id on a server without one.
pub(crate) async fn apply<F: Faults + ?Sized>(part: &F, id: &str) -> Option<Response> {
    let scope = part.scope();
    let knob = Knob::parse(id).or_else(|| scope.fault().and_then(Knob::parse))?;
    tracing::debug!(provider = scope.provider().as_str(), id, ?knob, "sandbox fault knob");
    let response = match knob {
        Knob::Always { status, retry_after } => error(part, status, retry_after),
        Knob::FailFirst { status, times } => {
            if scope.knob_hit(id) <= times {
                error(part, status, Some(0))
            } else {
                record(part, id)
            }
        }
        Knob::ThrottledOnce { retry_after } => {
            if scope.knob_hit(id) == 1 {
                part.throttled(retry_after)
            } else {
                record(part, id)
            }
        }
        Knob::Envelope => part.envelope_error(),
        Knob::Malformed => ok(MALFORMED),
        Knob::Truncated => {
            let full = part.record(id);
            ok(full.slice(..full.len() / 2))
        }
        Knob::WrongType => ok(part.wrong_type(id)),
        Knob::Oversize => oversize(part, id),
        Knob::Hang => {
            tokio::select! {
                () = tokio::time::sleep(HANG) => ok(part.record(id)),
                () = scope.shutting_down() => error(part, StatusCode::SERVICE_UNAVAILABLE, None),
            }
        }
        Knob::Null => ok("null"),
        Knob::AuthFailure => part.auth_failure(),
        Knob::ExpiredOnce => {
            let expired = if scope.knob_hit(id) == 1 { part.token_expired() } else { None };
            expired.unwrap_or_else(|| record(part, id))
        }
    };
    Some(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_ids_parse() {
        assert_eq!(
            Knob::parse("990429"),
            Some(Knob::Always { status: StatusCode::TOO_MANY_REQUESTS, retry_after: Some(1) })
        );
        assert_eq!(
            Knob::parse("991423"),
            Some(Knob::FailFirst { status: StatusCode::TOO_MANY_REQUESTS, times: 3 })
        );
        assert_eq!(
            Knob::parse("991509"),
            Some(Knob::FailFirst { status: StatusCode::SERVICE_UNAVAILABLE, times: 9 })
        );
        assert_eq!(Knob::parse("991420"), None);
        assert_eq!(Knob::parse("9914211"), None);
        assert_eq!(Knob::parse("990006"), Some(Knob::Hang));
        assert_eq!(Knob::parse("1001"), None);
        assert_eq!(Knob::parse(""), None);
        assert_eq!(Knob::parse("99142é"), None);
        assert_eq!(Knob::parse("994445"), Some(Knob::ThrottledOnce { retry_after: 45 }));
        assert_eq!(Knob::parse("994400"), Some(Knob::ThrottledOnce { retry_after: 0 }));
        assert_eq!(Knob::parse("99444"), None);
        assert_eq!(Knob::parse("9944x5"), None);
    }
}
