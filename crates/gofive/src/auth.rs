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
    /// Client id from partner onboarding; left out of the form when the client authenticates
    /// with HTTP Basic ([`ClientAuth::Basic`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// Client secret from partner onboarding; left out of the form with HTTP Basic.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_secret")]
    pub client_secret: Option<SecretString>,
    /// The requested scope; left out of the form when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

impl TokenRequest {
    /// A `client_credentials` request without a scope.
    pub fn client_credentials(client_id: impl Into<String>, client_secret: SecretString) -> Self {
        TokenRequest {
            grant_type: "client_credentials".into(),
            client_id: Some(client_id.into()),
            client_secret: Some(client_secret),
            scope: None,
        }
    }

    /// A `client_credentials` request whose client authenticates with HTTP Basic: no client id
    /// or secret in the form (RFC 6749 §2.3: one authentication method per request).
    pub fn client_credentials_basic() -> Self {
        TokenRequest {
            grant_type: "client_credentials".into(),
            client_id: None,
            client_secret: None,
            scope: None,
        }
    }
}

/// How the client authenticates to the token endpoint (RFC 6749 §2.3.1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClientAuth {
    /// `client_id` and `client_secret` in the form body, as Gofive's docs show (the default).
    /// A `401 invalid_client` answer makes the client try HTTP Basic once and keep it if it works.
    #[default]
    Post,
    /// `Authorization: Basic` with the form-urlencoded id and secret (RFC 6749 §2.3.1), which
    /// every RFC 6749 server must accept.
    Basic,
}

impl ClientAuth {
    /// The setting's name: `post` or `basic` (as in `GOFIVE_CLIENT_AUTH`).
    pub fn as_str(self) -> &'static str {
        match self {
            ClientAuth::Post => "post",
            ClientAuth::Basic => "basic",
        }
    }
}

impl std::str::FromStr for ClientAuth {
    type Err = String;

    /// `post` or `basic`, ASCII case ignored.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "post" | "client_secret_post" => Ok(ClientAuth::Post),
            "basic" | "client_secret_basic" => Ok(ClientAuth::Basic),
            _ => Err("GOFIVE_CLIENT_AUTH must be `post` or `basic`".to_string()),
        }
    }
}

/// The `Authorization: Basic` value for RFC 6749 §2.3.1: id and secret each
/// `application/x-www-form-urlencoded`, joined by `:`, base64.
pub(crate) fn basic_credentials(client_id: &str, client_secret: &str) -> String {
    use base64::Engine as _;
    let enc = |s: &str| url_form_encode(s);
    let pair = format!("{}:{}", enc(client_id), enc(client_secret));
    format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(pair))
}

/// `application/x-www-form-urlencoded` of one value (space as `+`).
fn url_form_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

mod opt_secret {
    use crm_runtime::{ExposeSecret, SecretString};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &Option<SecretString>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(secret) => s.serialize_str(secret.expose_secret()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<SecretString>, D::Error> {
        Ok(Option::<String>::deserialize(d)?.map(SecretString::from))
    }
}

impl PartialEq for TokenRequest {
    fn eq(&self, other: &Self) -> bool {
        self.grant_type == other.grant_type
            && self.client_id == other.client_id
            && self.client_secret.as_ref().map(|s| s.expose_secret())
                == other.client_secret.as_ref().map(|s| s.expose_secret())
            && self.scope == other.scope
    }
}

impl std::fmt::Debug for TokenRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenRequest")
            .field("grant_type", &self.grant_type)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret.as_ref().map(|_| "[redacted]"))
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

    #[test]
    fn basic_credentials_are_form_encoded_then_base64() {
        // RFC 6749 §2.3.1: "s3 cret/+" → "s3+cret%2F%2B"; base64 of "c%3Aid:s3+cret%2F%2B".
        assert_eq!(basic_credentials("c:id", "s3 cret/+"), "Basic YyUzQWlkOnMzK2NyZXQlMkYlMkI=");
        let basic = serde_json::to_value(TokenRequest::client_credentials_basic()).unwrap();
        assert_eq!(basic, serde_json::json!({"grant_type": "client_credentials"}));
        assert_eq!("BASIC".parse::<ClientAuth>(), Ok(ClientAuth::Basic));
        assert!("digest".parse::<ClientAuth>().is_err());
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
