//! eshouhou's common envelope `{ResultCode, ErrorMsg, ResultValue}`: a code other than 0 as a
//! typed error (an auth failure when the message talks about the token).

use crm_runtime::{Error, ErrorKind, Fetched};

use crate::{INFO, types};

pub(crate) fn result_code(code: &types::ResultCode) -> String {
    match code {
        types::ResultCode::Integer(i) => i.to_string(),
        types::ResultCode::String(s) => s.trim().to_string(),
    }
}

pub(crate) fn is_success(code: &str) -> bool {
    code == "0" || code.is_empty()
}

/// eshouhou documents no error codes; a message that talks about the token is how an expired or
/// invalid `access_token` shows itself, so those are treated as auth failures (refresh once). A
/// message that only echoes a request URL (`…&access_token=…`) is not about the token: the
/// `access_token=VALUE` query parameters are left out before looking.
fn mentions_token(message: &str) -> bool {
    let lower = message.to_ascii_lowercase();
    let mut rest = lower.as_str();
    let mut text = String::with_capacity(lower.len());
    while let Some(i) = rest.find("access_token=") {
        text.push_str(&rest[..i]);
        let value = &rest[i + "access_token=".len()..];
        rest = value.find(|c: char| c == '&' || c.is_whitespace()).map_or("", |j| &value[j..]);
    }
    text.push_str(rest);
    text.contains("token")
}

/// The common envelope `{ResultCode, ErrorMsg, ResultValue}`.
pub(crate) trait Envelope {
    type Value;
    fn code(&self) -> &types::ResultCode;
    fn message(&self) -> &str;
    fn into_value(self) -> Option<Self::Value>;
}

macro_rules! envelope {
    ($t:ty, $v:ty) => {
        impl Envelope for $t {
            type Value = $v;
            fn code(&self) -> &types::ResultCode {
                &self.result_code
            }
            fn message(&self) -> &str {
                self.error_msg.as_deref().unwrap_or("")
            }
            fn into_value(self) -> Option<Self::Value> {
                self.result_value
            }
        }
    };
}
envelope!(types::CustomerEnvelope, Vec<types::DisplayRow>);
envelope!(types::ContactsEnvelope, Vec<types::CustomerContact>);

pub(crate) fn unwrap_envelope<T: Envelope>(
    op: &'static str,
    fetched: Fetched<T>,
) -> Result<Fetched<T::Value>, Error> {
    fetched.try_map(|envelope, raw, status| {
        let code = result_code(envelope.code());
        if !is_success(&code) {
            let msg = envelope.message().to_string();
            let kind = if mentions_token(&msg) { ErrorKind::Auth } else { ErrorKind::ProviderError };
            let message = format!("ResultCode {code}: {msg}");
            return Err(crm_runtime::envelope_error(kind, INFO.name, op, message, code, raw, status));
        }
        envelope
            .into_value()
            .ok_or_else(|| crm_runtime::envelope_without(INFO.name, op, "ResultValue", raw, status))
    })
}

#[cfg(test)]
mod token_tests {
    use super::mentions_token;

    #[test]
    fn an_echoed_url_is_not_a_token_error() {
        assert!(mentions_token("access_token无效"));
        assert!(mentions_token("Token expired"));
        assert!(!mentions_token(
            "bad request /open/v2/Customer/GetCustomer?customerId=x&access_token=[redacted]"
        ));
        assert!(!mentions_token("bad request ?access_token=abc&x=1 (code 40001)"));
        assert!(mentions_token("?access_token=abc: token expired"));
    }
}
