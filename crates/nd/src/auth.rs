//! nd auth. The public docs describe no authentication at all, so the client sends
//! `Authorization: Bearer <token>` only when a token is configured (`ND_TOKEN`), plus any extra
//! default headers the deployment needs (for example a tenant header).

use crm_runtime::{ExposeSecret, SecretString};
use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderValue};

/// Puts the configured headers and the bearer token (if any) on a request.
pub fn apply(
    headers: &mut HeaderMap,
    token: Option<&SecretString>,
    extra: &HeaderMap,
) -> Result<(), reqwest::header::InvalidHeaderValue> {
    for (name, value) in extra {
        headers.insert(name.clone(), value.clone());
    }
    if let Some(token) = token {
        let mut v = HeaderValue::from_str(&format!("Bearer {}", token.expose_secret()))?;
        v.set_sensitive(true);
        headers.insert(AUTHORIZATION, v);
    }
    Ok(())
}
