//! Access tokens issued by one provider's token endpoint, with their expiry (Gofive, eshouhou).
//! Imports nothing from the crate.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Above this many live tokens, issuing a token first drops the expired ones, so a benchmark
/// that fetches a token per request cannot grow the map without bound.
const TOKEN_PRUNE_THRESHOLD: usize = 4096;

/// Access tokens issued by one provider's token endpoint, with their expiry.
#[derive(Default)]
pub(crate) struct TokenStore {
    tokens: Mutex<HashMap<String, Instant>>,
}

impl TokenStore {
    /// Remembers `token` as valid for `ttl` from now.
    pub(crate) fn insert(&self, token: String, ttl: Duration) {
        let now = Instant::now();
        let mut tokens = self.tokens.lock().unwrap_or_else(PoisonError::into_inner);
        if tokens.len() >= TOKEN_PRUNE_THRESHOLD {
            tokens.retain(|_, expiry| *expiry > now);
        }
        tokens.insert(token, now + ttl);
    }

    /// Whether `token` was issued here and has not expired.
    pub(crate) fn is_valid(&self, token: &str) -> bool {
        let tokens = self.tokens.lock().unwrap_or_else(PoisonError::into_inner);
        tokens.get(token).is_some_and(|expiry| *expiry > Instant::now())
    }

    /// Forgets every token (`Sandbox::expire_tokens`).
    pub(crate) fn clear(&self) {
        self.tokens.lock().unwrap_or_else(PoisonError::into_inner).clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_store_expires_and_clears() {
        let store = TokenStore::default();
        store.insert("a".into(), Duration::from_secs(60));
        store.insert("b".into(), Duration::ZERO);
        assert!(store.is_valid("a"));
        assert!(!store.is_valid("b"));
        assert!(!store.is_valid("c"));
        store.clear();
        assert!(!store.is_valid("a"));
    }
}
