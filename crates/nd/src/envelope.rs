//! nd's `{code, message, data}` wrapper: a non-zero `code` as a typed error.

use crm_runtime::{Error, ErrorKind};

use crate::INFO;

/// The error of an answer whose `code` is not 0: `not_found` when the message says
/// `NOT_FOUND`, else `provider_error`, carrying code, message and the raw body.
pub(crate) fn envelope_error(
    op: &'static str,
    code: i64,
    message: Option<&str>,
    raw: &bytes::Bytes,
    status: u16,
) -> Error {
    let message = message.unwrap_or("");
    let kind = if message.contains("NOT_FOUND") { ErrorKind::NotFound } else { ErrorKind::ProviderError };
    crm_runtime::envelope_error(
        kind,
        INFO.name,
        op,
        format!("code {code}: {message}"),
        code.to_string(),
        raw,
        status,
    )
}
