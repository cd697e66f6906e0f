//! A single-flight access-token cache for providers that issue short-lived tokens
//! (Gofive's OAuth2 `client_credentials`, eshouhou's MD5-signed `TokenApi`).
//!
//! Readers take the current token without waiting. When it is missing or about to expire, one
//! caller refreshes while the others wait on the same lock and then reuse its result, so 64
//! concurrent calls with an expired token cause exactly one token request.

use std::{
    future::Future,
    sync::{Arc, RwLock},
    time::{Duration, Instant},
};

use secrecy::SecretString;

use crate::Error;

/// A token and when to stop using it.
#[derive(Clone)]
pub struct Token {
    value: Arc<SecretString>,
    refresh_at: Instant,
}

impl Token {
    /// The token; expose it only to put it on the wire.
    pub fn secret(&self) -> &SecretString {
        &self.value
    }
    fn fresh(&self) -> bool {
        Instant::now() < self.refresh_at
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Token").field("value", &"[redacted]").field("refresh_at", &self.refresh_at).finish()
    }
}

/// When to refresh a token valid for `lifetime`: a tenth of its life early (at most 60 s), so a
/// call never leaves with a token that expires on the way.
pub fn refresh_margin(lifetime: Duration) -> Duration {
    (lifetime / 10).min(Duration::from_secs(60))
}

/// The cache. See the module docs.
#[derive(Default)]
pub struct TokenCache {
    current: RwLock<Option<Token>>,
    refresh: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenCache").field("current", &self.current()).finish_non_exhaustive()
    }
}

impl TokenCache {
    /// The current token if it is still fresh.
    pub fn current(&self) -> Option<Token> {
        let guard = self.current.read().unwrap_or_else(|p| p.into_inner());
        guard.as_ref().filter(|t| t.fresh()).cloned()
    }

    /// The current token, or a new one from `fetch` (token, lifetime) fetched by exactly one
    /// caller at a time.
    pub async fn get<F, Fut>(&self, fetch: F) -> Result<Token, Error>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<(SecretString, Duration), Error>>,
    {
        if let Some(t) = self.current() {
            return Ok(t);
        }
        let _single_flight = self.refresh.lock().await;
        if let Some(t) = self.current() {
            return Ok(t);
        }
        let (value, lifetime) = fetch().await?;
        let token = Token {
            value: Arc::new(value),
            refresh_at: Instant::now() + lifetime - refresh_margin(lifetime),
        };
        *self.current.write().unwrap_or_else(|p| p.into_inner()) = Some(token.clone());
        Ok(token)
    }

    /// Drops `rejected` if it is still the current token (a 401 for an older token that was
    /// already replaced does not throw away the new one).
    pub fn invalidate(&self, rejected: &Token) {
        let mut guard = self.current.write().unwrap_or_else(|p| p.into_inner());
        if guard.as_ref().is_some_and(|t| Arc::ptr_eq(&t.value, &rejected.value)) {
            *guard = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use secrecy::ExposeSecret;

    use super::*;

    #[tokio::test(flavor = "current_thread")]
    async fn concurrent_callers_share_one_refresh() {
        let cache = Arc::new(TokenCache::default());
        let fetches = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..64 {
            let (cache, fetches) = (cache.clone(), fetches.clone());
            tasks.push(tokio::spawn(async move {
                cache
                    .get(|| async move {
                        fetches.fetch_add(1, Ordering::SeqCst);
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        Ok((SecretString::from("t1"), Duration::from_secs(3600)))
                    })
                    .await
                    .unwrap()
            }));
        }
        for t in tasks {
            assert_eq!(t.await.unwrap().secret().expose_secret(), "t1");
        }
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
    }

    #[tokio::test(flavor = "current_thread")]
    async fn invalidate_only_drops_the_rejected_token() {
        let cache = TokenCache::default();
        let old =
            cache.get(|| async { Ok((SecretString::from("a"), Duration::from_secs(60))) }).await.unwrap();
        cache.invalidate(&old);
        let new =
            cache.get(|| async { Ok((SecretString::from("b"), Duration::from_secs(60))) }).await.unwrap();
        cache.invalidate(&old);
        assert_eq!(cache.current().unwrap().secret().expose_secret(), new.secret().expose_secret());
        assert!(format!("{cache:?}").contains("[redacted]"));
    }
}
