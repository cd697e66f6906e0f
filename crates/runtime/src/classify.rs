//! Classifying a generated call's outcome (progenitor's result plus what the call captured on
//! the wire) into [`Fetched`] or a typed [`Error`].

use progenitor_client::ResponseValue;
use serde::de::DeserializeOwned;

use crate::{
    Error, ErrorKind, Fetched,
    capture::Captured,
    errors::{decode_error, status_error, transport_error},
};

/// The typed outcome of one generated call.
pub(crate) fn classify<T: DeserializeOwned, E>(
    provider: &'static str,
    operation: &'static str,
    max_body_bytes: usize,
    result: Result<ResponseValue<T>, progenitor_client::Error<E>>,
    captured: Captured,
) -> Result<Fetched<T>, Error> {
    use progenitor_client::Error as P;
    if let Some(stashed) = captured.stashed {
        return Err(stashed);
    }
    let raw = captured.body.clone().unwrap_or_default();
    let status = captured.status;
    if captured.too_large {
        let mut e = Error::new(
            ErrorKind::BadResponse,
            provider,
            operation,
            format!("response body larger than the {max_body_bytes} byte cap"),
        );
        if let Some(s) = status {
            e = e.with_status(s);
        }
        return Err(e);
    }
    if let Some(s) = status.filter(|s| (300..400).contains(s)) {
        let to = captured.location_host.unwrap_or_else(|| "an unnamed location".into());
        return Err(Error::new(
            ErrorKind::ProviderError,
            provider,
            operation,
            format!("redirect to {to} not followed (credentials never leave the configured origin)"),
        )
        .with_status(s));
    }
    match result {
        Ok(value) => Ok(Fetched {
            status: value.status().as_u16(),
            value: value.into_inner(),
            raw,
            attempts: captured.attempts.max(1),
        }),
        Err(P::InvalidResponsePayload(bytes, e)) => {
            Err(decode_error::<T>(provider, operation, bytes, &e, status))
        }
        Err(P::ErrorResponse(v)) => {
            Err(status_error(provider, operation, v.status(), raw, captured.retry_after))
        }
        Err(P::UnexpectedResponse(r)) => {
            Err(status_error(provider, operation, r.status(), raw, captured.retry_after))
        }
        Err(P::CommunicationError(e) | P::ResponseBodyError(e) | P::InvalidUpgrade(e)) if e.is_builder() => {
            // The request could not be built from the configuration (an over-long base URL):
            // nothing was sent.
            let e = e.without_url();
            Err(Error::new(ErrorKind::Config, provider, operation, format!("cannot build the request: {e}"))
                .with_source(e))
        }
        Err(P::CommunicationError(e) | P::ResponseBodyError(e) | P::InvalidUpgrade(e)) => {
            let e = transport_error(provider, operation, e);
            Err(if captured.outcome_unknown { e.outcome_unknown() } else { e })
        }
        Err(P::InvalidRequest(msg) | P::Custom(msg)) => {
            Err(Error::new(ErrorKind::Config, provider, operation, msg))
        }
    }
}
