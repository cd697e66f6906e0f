//! [`TokenAuth`]: the access token of providers that issue short-lived tokens (Gofive's OAuth2
//! `client_credentials`, eshouhou's MD5-signed `TokenApi`): one cache, one refresh at a time,
//! one refresh-and-retry when the provider rejects a token, one deadline for all of it, and a
//! rejected credential remembered so that the token endpoint is asked once, not once per call.
//!
//! Readers take the current token without waiting. When it is missing or about to expire, one
//! caller refreshes while the others wait on the same lock and then reuse its result, so 64
//! concurrent calls with an expired token cause exactly one token request.

use std::{
    future::Future,
    sync::{Arc, Mutex, RwLock},
    time::{Duration, Instant},
};

use secrecy::{ExposeSecret, SecretString};

use crate::{Error, ErrorKind, Runtime};

/// The longest token lifetime believed from the wire; a longer `expires_in` (up to
/// `i64::MAX` or `1e300` seconds) is clamped to it.
pub const MAX_TOKEN_LIFETIME: Duration = Duration::from_secs(24 * 3600);

tokio::task_local! {
    static HELD: Token;
}

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
    /// The token the current call holds (set by [`TokenAuth::run`] for the `pre` hook, so the
    /// hook sends exactly the token the call fetched, never a re-read of the cache).
    pub fn held() -> Option<Token> {
        HELD.try_with(Clone::clone).ok()
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

/// A token as the token endpoint issued it.
pub struct IssuedToken {
    /// The token.
    pub token: SecretString,
    /// `expires_in` in seconds as read from the wire (`None` when absent or not a number).
    pub expires_in: Option<i64>,
}

/// When to refresh a token valid for `lifetime`: a tenth of its life early (at most 60 s), so a
/// call never leaves with a token that expires on the way.
fn refresh_margin(lifetime: Duration) -> Duration {
    (lifetime / 10).min(Duration::from_secs(60))
}

/// The lifetime to believe: absent → `default`; zero or negative → a `bad_response`; anything
/// longer than [`MAX_TOKEN_LIFETIME`] clamped to it.
fn lifetime(expires_in: Option<i64>, default: Duration) -> Result<Duration, String> {
    match expires_in {
        None => Ok(default.min(MAX_TOKEN_LIFETIME)),
        Some(s) if s <= 0 => {
            Err(format!("the token endpoint sent expires_in = {s}: not a positive lifetime"))
        }
        Some(s) => Ok(Duration::from_secs(u64::try_from(s).unwrap_or(u64::MAX)).min(MAX_TOKEN_LIFETIME)),
    }
}

/// See the module docs. One per client, shared by its clones.
pub struct TokenAuth {
    token_operation: &'static str,
    default_lifetime: Duration,
    current: RwLock<Option<Token>>,
    refresh: tokio::sync::Mutex<()>,
    rejected: Mutex<Option<Error>>,
}

impl std::fmt::Debug for TokenAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenAuth")
            .field("current", &self.current())
            .field("rejected", &self.rejected().is_some())
            .finish_non_exhaustive()
    }
}

impl TokenAuth {
    /// Tokens from `token_operation`, believed for `default_lifetime` when the endpoint sends
    /// no `expires_in`.
    pub fn new(token_operation: &'static str, default_lifetime: Duration) -> Self {
        TokenAuth {
            token_operation,
            default_lifetime,
            current: RwLock::new(None),
            refresh: tokio::sync::Mutex::new(()),
            rejected: Mutex::new(None),
        }
    }

    fn current(&self) -> Option<Token> {
        let guard = self.current.read().unwrap_or_else(|p| p.into_inner());
        guard.as_ref().filter(|t| t.fresh()).cloned()
    }

    fn rejected(&self) -> Option<Error> {
        self.rejected.lock().unwrap_or_else(|p| p.into_inner()).as_ref().map(Error::duplicate)
    }

    /// The current token, or a new one from `fetch`, fetched by exactly one caller at a time.
    /// Once the endpoint has rejected the credentials (an `auth` error), every later call gets
    /// that error without asking again: build a new client with corrected credentials.
    async fn token<F, Fut>(&self, runtime: &Runtime, fetch: &F) -> Result<Token, Error>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Result<IssuedToken, Error>>,
    {
        if let Some(e) = self.rejected() {
            return Err(e);
        }
        if let Some(t) = self.current() {
            return Ok(t);
        }
        let _single_flight = self.refresh.lock().await;
        if let Some(e) = self.rejected() {
            return Err(e);
        }
        if let Some(t) = self.current() {
            return Ok(t);
        }
        let issued = match fetch().await {
            Ok(issued) => issued,
            Err(e) => {
                if e.kind() == ErrorKind::Auth {
                    *self.rejected.lock().unwrap_or_else(|p| p.into_inner()) = Some(e.duplicate());
                }
                return Err(e);
            }
        };
        let bad =
            |what: String| Error::new(ErrorKind::BadResponse, runtime.provider(), self.token_operation, what);
        let text = issued.token.expose_secret();
        if text.is_empty() {
            return Err(bad("the token endpoint issued an empty token".into()));
        }
        if text.chars().any(char::is_control) {
            return Err(bad(
                "the token endpoint issued a token with control characters (not usable in a request)".into(),
            ));
        }
        let lifetime = lifetime(issued.expires_in, self.default_lifetime).map_err(bad)?;
        let value = Arc::new(issued.token);
        runtime.remember_token(value.clone());
        let now = Instant::now();
        let token =
            Token { value, refresh_at: now.checked_add(lifetime - refresh_margin(lifetime)).unwrap_or(now) };
        *self.current.write().unwrap_or_else(|p| p.into_inner()) = Some(token.clone());
        Ok(token)
    }

    /// Drops `rejected` if it is still the current token (a 401 for an older token that was
    /// already replaced does not throw away the new one).
    fn invalidate(&self, rejected: &Token) {
        let mut guard = self.current.write().unwrap_or_else(|p| p.into_inner());
        if guard.as_ref().is_some_and(|t| Arc::ptr_eq(&t.value, &rejected.value)) {
            *guard = None;
        }
    }

    /// Runs `call` (named `operation`) with a token, all under one deadline ([`Runtime::run`]):
    /// takes the cached token or fetches one with `fetch`, holds it for the `pre` hook
    /// ([`Token::held`]), and when `rejects(&result)` says the provider refused the token,
    /// drops it, fetches a new one and runs `call` once more.
    pub async fn run<T, C, CFut, F, FFut>(
        &self,
        runtime: &Runtime,
        operation: &'static str,
        fetch: F,
        call: C,
        rejects: impl Fn(&Result<T, Error>) -> bool,
    ) -> Result<T, Error>
    where
        F: Fn() -> FFut,
        FFut: Future<Output = Result<IssuedToken, Error>>,
        C: Fn() -> CFut,
        CFut: Future<Output = Result<T, Error>>,
    {
        runtime
            .run(operation, async {
                let token = self.token(runtime, &fetch).await.map_err(|e| e.with_operation(operation))?;
                let first = HELD.scope(token.clone(), call()).await;
                if !rejects(&first) {
                    return first;
                }
                self.invalidate(&token);
                let token = self.token(runtime, &fetch).await.map_err(|e| e.with_operation(operation))?;
                HELD.scope(token, call()).await
            })
            .await
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::Config;

    fn issued(t: &str, secs: i64) -> Result<IssuedToken, Error> {
        Ok(IssuedToken { token: SecretString::from(t.to_string()), expires_in: Some(secs) })
    }

    #[tokio::test(flavor = "current_thread")]
    async fn concurrent_callers_share_one_refresh() {
        let auth = Arc::new(TokenAuth::new("token", Duration::from_secs(60)));
        let rt = Arc::new(Runtime::new("t", Config::default(), &[]));
        let fetches = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..64 {
            let (auth, rt, fetches) = (auth.clone(), rt.clone(), fetches.clone());
            tasks.push(tokio::spawn(async move {
                let fetch = || {
                    let fetches = fetches.clone();
                    async move {
                        fetches.fetch_add(1, Ordering::SeqCst);
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        issued("t1", 3600)
                    }
                };
                auth.token(&rt, &fetch).await.unwrap()
            }));
        }
        for t in tasks {
            assert_eq!(t.await.unwrap().secret().expose_secret(), "t1");
        }
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
    }

    #[tokio::test(flavor = "current_thread")]
    async fn invalidate_only_drops_the_rejected_token() {
        let auth = TokenAuth::new("token", Duration::from_secs(60));
        let rt = Runtime::new("t", Config::default(), &[]);
        let old = auth.token(&rt, &|| async { issued("a", 60) }).await.unwrap();
        auth.invalidate(&old);
        let new = auth.token(&rt, &|| async { issued("b", 60) }).await.unwrap();
        auth.invalidate(&old);
        assert_eq!(auth.current().unwrap().secret().expose_secret(), new.secret().expose_secret());
        assert!(format!("{auth:?}").contains("[redacted]"));
    }

    #[test]
    fn lifetimes_from_the_wire_are_clamped() {
        let d = Duration::from_secs(300);
        assert_eq!(lifetime(None, d), Ok(d));
        assert_eq!(lifetime(Some(i64::MAX), d), Ok(MAX_TOKEN_LIFETIME));
        assert_eq!(lifetime(Some(3600), d), Ok(Duration::from_secs(3600)));
        assert!(lifetime(Some(0), d).is_err());
        assert!(lifetime(Some(-5), d).is_err());
    }
}
