//! gofive-client over real HTTP on 127.0.0.1 against the embedded sandbox, which issues and
//! checks tokens and subscription keys as Gofive's gateway does.

use std::{sync::Arc, time::Duration};

use customer_sandbox::{Provider, Sandbox};
use gofive_client::{Client, Config, ErrorKind};

fn client(sandbox: &Sandbox) -> Client {
    let c = sandbox.credentials();
    Client::builder()
        .subscription_key(&c.gofive_subscription_key)
        .client_id(&c.gofive_client_id)
        .client_secret(&c.gofive_client_secret)
        .base_url(sandbox.base_url())
        .config(Config::default().with_backoff(Duration::from_millis(5), Duration::from_millis(20)))
        .build()
        .unwrap()
}

#[tokio::test]
async fn token_then_customer_with_envelope_unwrapped() {
    let sandbox = Sandbox::start().await.unwrap();
    let c = client(&sandbox);
    let fetched = c.get_customer_by_code("C000055").await.unwrap();
    assert!(fetched.value.customer_name.is_some());
    let raw: serde_json::Value = serde_json::from_slice(&fetched.raw).unwrap();
    assert_eq!(raw["status"]["code"], "1000", "raw keeps the whole envelope");
    for id in sandbox.customer_ids(Provider::Gofive) {
        c.get_customer_by_code(&id).await.unwrap_or_else(|e| panic!("{id}: {e}"));
    }
    assert_eq!(sandbox.stats().token_requests(Provider::Gofive), 1, "the token is cached");
}

#[tokio::test]
async fn expired_token_refreshes_once() {
    let sandbox = Sandbox::start().await.unwrap();
    let c = client(&sandbox);
    c.get_customer_by_code("C000001").await.unwrap();
    // 990408 answers 401 invalid_token once, as an expired token would.
    c.get_customer_by_code("990408").await.unwrap();
    assert_eq!(sandbox.stats().token_requests(Provider::Gofive), 2);
}

#[tokio::test]
async fn sixty_four_concurrent_calls_share_one_token_request() {
    let sandbox = Sandbox::start().await.unwrap();
    let c = Arc::new(client(&sandbox));
    c.get_customer_by_code("C000001").await.unwrap();
    sandbox.expire_tokens();
    let mut tasks = Vec::new();
    for i in 0..64 {
        let c = c.clone();
        tasks.push(tokio::spawn(async move { c.get_customer_by_code(&format!("C{:06}", i % 20 + 1)).await }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    // One initial token, then exactly one refresh for the 64 callers that met the 401s.
    assert_eq!(sandbox.stats().token_requests(Provider::Gofive), 2);
}

#[tokio::test]
async fn error_classes_over_http() {
    let sandbox = Sandbox::start().await.unwrap();
    let c = client(&sandbox);
    for (id, kind) in [
        ("NOPE-1", ErrorKind::NotFound),
        ("990001", ErrorKind::ProviderError),
        ("990002", ErrorKind::BadResponse),
        ("990004", ErrorKind::BadResponse),
        ("990500", ErrorKind::ProviderError),
    ] {
        let e = c.get_customer_by_code(id).await.unwrap_err();
        assert_eq!(e.kind(), kind, "{id}: {e}");
    }
    let e = c.get_customer_by_code("990001").await.unwrap_err();
    assert_eq!(e.code(), Some("4002"), "{e}");
    assert!(e.raw().is_some());
}

#[tokio::test]
async fn wrong_credentials_are_auth_errors() {
    let sandbox = Sandbox::start().await.unwrap();
    let creds = sandbox.credentials();
    let bad_secret = Client::builder()
        .subscription_key(&creds.gofive_subscription_key)
        .client_id(&creds.gofive_client_id)
        .client_secret("wrong")
        .base_url(sandbox.base_url())
        .build()
        .unwrap();
    let e = bad_secret.get_customer_by_code("C000001").await.unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::Auth, Some(400)), "{e}");
    let bad_key = Client::builder()
        .subscription_key("wrong")
        .client_id(&creds.gofive_client_id)
        .client_secret(&creds.gofive_client_secret)
        .base_url(sandbox.base_url())
        .build()
        .unwrap();
    let e = bad_key.get_customer_by_code("C000001").await.unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::Auth, Some(401)), "{e}");
    assert!(e.raw().is_none(), "token responses are never kept");
}

#[test]
fn debug_never_shows_secrets() {
    let b =
        Client::builder().subscription_key("SUB-SENTINEL").client_id("cid").client_secret("SECRET-SENTINEL");
    let shown = format!("{b:?}");
    let c = b.base_url("http://127.0.0.1:9").build().unwrap();
    let shown = format!("{shown} {c:?} {:?}", c.generated());
    assert!(!shown.contains("SENTINEL"), "{shown}");
}

#[test]
fn missing_credentials_name_the_variables() {
    let e = Client::builder().client_id("x").build().unwrap_err();
    for v in ["GOFIVE_SUBSCRIPTION_KEY", "GOFIVE_CLIENT_ID", "GOFIVE_CLIENT_SECRET"] {
        assert!(e.to_string().contains(v), "{e}");
    }
}
