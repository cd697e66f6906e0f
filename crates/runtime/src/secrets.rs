//! The one secret registry: configured credentials and recently issued tokens, and the
//! redaction every printed text goes through.
//!
//! Each client's `Runtime` keeps its own [`Secrets`] (its errors are redacted with
//! them) and also registers every secret in the process-wide registry, [`Secrets::global`], so
//! an application (the `crm-customers` CLI) redacts whatever it prints with one call:
//!
//! ```
//! use crm_runtime::{SecretString, secrets::{self, Secrets}};
//!
//! Secrets::global().add(&SecretString::from("sk-live-1234"));
//! Secrets::global().add_url_password("https://user:hunter2-pw@example.com/");
//! assert_eq!(secrets::redact("key sk-live-1234, pw hunter2-pw"), "key [redacted], pw [redacted]");
//! ```
//!
//! Values shorter than [`MIN_SECRET_LEN`] bytes are not searched for (they would redact
//! ordinary words); every real credential is longer.

use std::{
    borrow::Cow,
    collections::VecDeque,
    sync::{Arc, OnceLock, RwLock},
};

use secrecy::{ExposeSecret, SecretString};

use crate::Error;

/// What replaces a secret value.
pub const REDACTED: &str = "[redacted]";

/// Secrets shorter than this (in bytes) are not searched for.
pub const MIN_SECRET_LEN: usize = 4;

/// Issued tokens kept for redaction besides the configured secrets.
const REMEMBERED_TOKENS: usize = 4;

/// A set of secret values to redact: configured credentials plus the last few issued tokens.
#[derive(Default)]
pub struct Secrets {
    values: RwLock<Vec<Arc<SecretString>>>,
    tokens: RwLock<VecDeque<Arc<SecretString>>>,
}

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Secrets").finish_non_exhaustive()
    }
}

impl Secrets {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// The process-wide registry: every client's configured secrets and issued tokens are
    /// registered here too.
    pub fn global() -> &'static Secrets {
        static GLOBAL: OnceLock<Secrets> = OnceLock::new();
        GLOBAL.get_or_init(Secrets::new)
    }

    /// Adds a secret (surrounding whitespace ignored; values under [`MIN_SECRET_LEN`] bytes are
    /// not searched for). Adding the same value twice keeps one.
    pub fn add(&self, secret: &SecretString) {
        let trimmed = secret.expose_secret().trim();
        if trimmed.len() < MIN_SECRET_LEN {
            return;
        }
        let mut values = self.values.write().unwrap_or_else(|p| p.into_inner());
        if values.iter().any(|v| v.expose_secret() == trimmed) {
            return;
        }
        values.push(Arc::new(SecretString::from(trimmed.to_string())));
        // Longest first, so a secret containing another is redacted whole.
        values.sort_by_key(|s| std::cmp::Reverse(s.expose_secret().len()));
    }

    /// Adds a secret given as text.
    pub fn add_str(&self, secret: &str) {
        self.add(&SecretString::from(secret.to_string()));
    }

    /// Adds the password of a URL's userinfo (`scheme://user:password@host`), as written and
    /// percent-decoded; with an unencoded `/`, `?` or `#` in it, as the Postgres driver reads it
    /// too.
    pub fn add_url_password(&self, url: &str) {
        let Some(start) = url.find("://").map(|i| i + 3) else { return };
        let rest = &url[start..];
        // RFC 3986's userinfo (the authority ends at the first `/`, `?` or `#`, the userinfo at
        // its last `@`) and the Postgres driver's (everything up to the first `@`, so a password
        // with an unencoded `/`, `?` or `#` is still sent): both are remembered.
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        for at in [rest[..end].rfind('@'), rest.find('@')].into_iter().flatten() {
            if let Some((_, password)) = rest[..at].split_once(':') {
                self.add_str(password);
                self.add_str(&percent_decode(password));
            }
        }
    }

    /// Remembers an issued token (the last few are kept).
    pub fn remember_token(&self, token: Arc<SecretString>) {
        let mut t = self.tokens.write().unwrap_or_else(|p| p.into_inner());
        if t.iter().any(|k| k.expose_secret() == token.expose_secret()) {
            return;
        }
        if t.len() == REMEMBERED_TOKENS {
            t.pop_front();
        }
        t.push_back(token);
    }

    fn each(&self, mut f: impl FnMut(&str)) {
        let values = self.values.read().unwrap_or_else(|p| p.into_inner());
        let tokens = self.tokens.read().unwrap_or_else(|p| p.into_inner());
        for s in values.iter().chain(tokens.iter()) {
            let s = s.expose_secret();
            if s.len() >= MIN_SECRET_LEN {
                f(s);
            }
        }
    }

    /// `text` with every secret (as written, or form-URL-encoded) replaced by [`REDACTED`].
    pub fn redact<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let mut out = Cow::Borrowed(text);
        self.each(|secret| {
            let encoded: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
            for form in [secret, encoded.as_str()] {
                if out.contains(form) {
                    out = Cow::Owned(out.replace(form, REDACTED));
                }
            }
        });
        out
    }

    /// `line` (JSON text) with every secret, as written or as it appears inside a JSON string,
    /// replaced by [`REDACTED`].
    pub fn redact_json<'a>(&self, line: &'a str) -> Cow<'a, str> {
        let mut out = Cow::Borrowed(line);
        self.each(|secret| {
            let quoted = serde_json::to_string(secret).unwrap_or_default();
            let escaped = quoted.get(1..quoted.len().saturating_sub(1)).unwrap_or_default();
            for form in [escaped, secret] {
                if !form.is_empty() && out.contains(form) {
                    out = Cow::Owned(out.replace(form, REDACTED));
                }
            }
        });
        out
    }

    /// `error` with every secret replaced by [`REDACTED`] in its message, code and field (the
    /// raw body is data and stays as received; Display and Debug never print it).
    pub fn redact_error(&self, error: Error) -> Error {
        let values = self.values.read().unwrap_or_else(|p| p.into_inner());
        let tokens = self.tokens.read().unwrap_or_else(|p| p.into_inner());
        error.redacted(values.iter().chain(tokens.iter()).map(|s| s.expose_secret()))
    }
}

/// `text` with every secret of the process-wide registry ([`Secrets::global`]) redacted.
pub fn redact(text: &str) -> Cow<'_, str> {
    Secrets::global().redact(text)
}

/// `line` (JSON) with every secret of the process-wide registry redacted; see
/// [`Secrets::redact_json`].
pub fn redact_json(line: &str) -> Cow<'_, str> {
    Secrets::global().redact_json(line)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_longest_first_and_url_passwords() {
        let s = Secrets::new();
        s.add_str("abcd");
        s.add_str("abcdefgh");
        s.add_str("ab");
        s.add_url_password("http://u:p%40ssword@h/");
        assert_eq!(
            s.redact("abcdefgh abcd ab p@ssword p%40ssword"),
            "[redacted] [redacted] ab [redacted] [redacted]"
        );
        assert_eq!(s.redact_json(r#"{"k":"x\"abcd"}"#), r#"{"k":"x\"[redacted]"}"#);
        s.remember_token(Arc::new(SecretString::from("tok-issued-1")));
        assert_eq!(s.redact("Bearer tok-issued-1"), "Bearer [redacted]");
        assert!(!format!("{s:?}").contains("abcd"));
    }

    #[test]
    fn a_url_password_with_unencoded_delimiters_is_remembered() {
        let s = Secrets::new();
        for url in
            ["postgres://u:pw/slash-1@h/db", "postgres://u:pw#hash-22@h/db", "postgres://u:pw?q-333@h/db"]
        {
            s.add_url_password(url);
        }
        assert_eq!(s.redact("pw/slash-1 pw#hash-22 pw?q-333"), "[redacted] [redacted] [redacted]");
    }
}
