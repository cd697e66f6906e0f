//! eshouhou auth: `GET /api/TokenApi?appid&timestamp&sign[&expire]` with
//! `sign` = uppercase hex MD5(appid + appSecret + timestamp in milliseconds), plain concatenation;
//! the token then travels as the `access_token` query parameter. [`TokenValue`] is hand-written
//! (the xtask swaps it in) so that its `Debug` never prints the token.

use crm_runtime::{ExposeSecret, SecretString};
use md5::{Digest, Md5};
use serde::{Deserialize, Serialize};

/// `sign` for the token request: uppercase hex MD5 of `appid + app_secret + timestamp_ms`.
pub fn sign(appid: &str, app_secret: &str, timestamp_ms: &str) -> String {
    let mut md5 = Md5::new();
    md5.update(appid.as_bytes());
    md5.update(app_secret.as_bytes());
    md5.update(timestamp_ms.as_bytes());
    hex::encode_upper(md5.finalize())
}

/// `ResultValue` of a successful token response.
#[derive(Clone, Serialize, Deserialize)]
pub struct TokenValue {
    /// The access token.
    #[serde(with = "crm_runtime::serde_secret")]
    pub access_token: SecretString,
    /// Validity in seconds (documented as a string, sent as a number in the example; read from
    /// a number, a float or a numeric string, anything else as absent).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crm_runtime::lenient_seconds"
    )]
    pub expires_in: Option<i64>,
}

impl TokenValue {
    /// `expires_in` in seconds, when it is a positive whole number in either shape.
    pub fn expires_in_secs(&self) -> Option<u64> {
        self.expires_in.and_then(|s| u64::try_from(s).ok()).filter(|s| *s > 0)
    }
}

impl PartialEq for TokenValue {
    fn eq(&self, other: &Self) -> bool {
        self.access_token.expose_secret() == other.access_token.expose_secret()
            && self.expires_in == other.expires_in
    }
}

impl std::fmt::Debug for TokenValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenValue")
            .field("access_token", &"[redacted]")
            .field("expires_in", &self.expires_in)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The worked example of the vendor's token page.
    #[test]
    fn documented_sign_example() {
        assert_eq!(
            sign("ysh54dd4f8arinfx", "45e1cc23a7144a28ab110804491e3135", "1588239113429"),
            "70DC53194F29171C3B58C5158E9F6450"
        );
    }

    #[test]
    fn token_value_reads_both_expiry_shapes_and_redacts() {
        let a: TokenValue = serde_json::from_str(r#"{"access_token":"tok-abc","expires_in":7200}"#).unwrap();
        let b: TokenValue =
            serde_json::from_str(r#"{"access_token":"tok-abc","expires_in":"7200"}"#).unwrap();
        assert_eq!(a.expires_in_secs(), Some(7200));
        assert_eq!(b.expires_in_secs(), Some(7200));
        assert!(!format!("{a:?}").contains("tok-abc"));
    }
}
