//! Gofive auth: OAuth2 `client_credentials` at `/authorization/connect/token` (form body, with
//! the APIM `Ocp-Apim-Subscription-Key`), then `Authorization: Bearer` plus the subscription key
//! on every call. The token types are hand-written (the xtask swaps them in for the generated
//! ones) so that their `Debug` never prints the client secret or the token.

use crm_runtime::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

/// Form body of `POST /authorization/connect/token`.
#[derive(Clone, Serialize, Deserialize)]
pub struct TokenRequest {
    /// Always `client_credentials` (the only grant Gofive supports).
    pub grant_type: String,
    /// Client id from partner onboarding.
    pub client_id: String,
    /// Client secret from partner onboarding.
    #[serde(with = "crm_runtime::serde_secret")]
    pub client_secret: SecretString,
    /// The requested scope; left out of the form when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

impl TokenRequest {
    /// A `client_credentials` request without a scope.
    pub fn client_credentials(client_id: impl Into<String>, client_secret: SecretString) -> Self {
        TokenRequest {
            grant_type: "client_credentials".into(),
            client_id: client_id.into(),
            client_secret,
            scope: None,
        }
    }
}

impl PartialEq for TokenRequest {
    fn eq(&self, other: &Self) -> bool {
        self.grant_type == other.grant_type
            && self.client_id == other.client_id
            && self.client_secret.expose_secret() == other.client_secret.expose_secret()
            && self.scope == other.scope
    }
}

impl std::fmt::Debug for TokenRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenRequest")
            .field("grant_type", &self.grant_type)
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .field("scope", &self.scope)
            .finish()
    }
}

/// Token endpoint response. `scope` is marked required by the docs but absent from their examples.
#[derive(Clone, Serialize, Deserialize)]
pub struct TokenResponse {
    /// The bearer token.
    #[serde(with = "crm_runtime::serde_secret")]
    pub access_token: SecretString,
    /// `Bearer`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_type: Option<String>,
    /// Lifetime in seconds (3600 in the docs' example). Read from a number or a numeric string:
    /// a gateway that quotes it must not make every call fail.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crm_runtime::lenient_seconds"
    )]
    pub expires_in: Option<i64>,
    /// Granted scope, when sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

impl PartialEq for TokenResponse {
    fn eq(&self, other: &Self) -> bool {
        self.access_token.expose_secret() == other.access_token.expose_secret()
            && self.token_type == other.token_type
            && self.expires_in == other.expires_in
            && self.scope == other.scope
    }
}

impl std::fmt::Debug for TokenResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenResponse")
            .field("access_token", &"[redacted]")
            .field("token_type", &self.token_type)
            .field("expires_in", &self.expires_in)
            .field("scope", &self.scope)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_secrets() {
        let req = TokenRequest::client_credentials("cid", SecretString::from("very-secret-value"));
        let res: TokenResponse =
            serde_json::from_str(r#"{"access_token":"tok-123456","expires_in":3600,"token_type":"Bearer"}"#)
                .unwrap();
        let shown = format!("{req:?} {res:?}");
        assert!(!shown.contains("very-secret-value") && !shown.contains("tok-123456"), "{shown}");
    }

    #[test]
    fn expires_in_may_be_a_string_or_missing() {
        for (json, want) in [
            (r#"{"access_token":"t","expires_in":"3600"}"#, Some(3600)),
            (r#"{"access_token":"t","expires_in":3600}"#, Some(3600)),
            (r#"{"access_token":"t","expires_in":null}"#, None),
            (r#"{"access_token":"t","expires_in":"soon"}"#, None),
            (r#"{"access_token":"t"}"#, None),
        ] {
            let t: TokenResponse = serde_json::from_str(json).unwrap();
            assert_eq!(t.expires_in, want, "{json}");
        }
    }

    #[test]
    fn form_body_carries_the_secret() {
        let req = TokenRequest::client_credentials("cid", SecretString::from("s3cret"));
        let form = serde_urlencoded_like(&req);
        assert_eq!(form, "grant_type=client_credentials&client_id=cid&client_secret=s3cret");
    }

    fn serde_urlencoded_like(req: &TokenRequest) -> String {
        let v = serde_json::to_value(req).unwrap();
        ["grant_type", "client_id", "client_secret"]
            .iter()
            .map(|k| format!("{k}={}", v[k].as_str().unwrap()))
            .collect::<Vec<_>>()
            .join("&")
    }
}
