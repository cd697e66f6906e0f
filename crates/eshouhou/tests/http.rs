//! eshouhou-client over real HTTP on 127.0.0.1 against the embedded sandbox, which checks the
//! MD5 sign of token requests and the access_token of data requests as eshouhou does.

use std::{sync::Arc, time::Duration};

use customer_sandbox::{Provider, Sandbox};
use eshouhou_client::{Client, Config, ErrorKind};

fn client(sandbox: &Sandbox) -> Client {
    let c = sandbox.credentials();
    Client::builder()
        .appid(&c.eshouhou_appid)
        .app_secret(&c.eshouhou_app_secret)
        .base_url(sandbox.base_url())
        .config(Config::default().with_backoff(Duration::from_millis(5), Duration::from_millis(20)))
        .build()
        .unwrap()
}

#[tokio::test]
async fn signed_token_then_display_rows() {
    let sandbox = Sandbox::start().await.unwrap();
    let c = client(&sandbox);
    let rows = c.get_customer("dc540ce7-5bc5-4275-b8fa-2004eb5839e3").await.unwrap();
    assert!(rows.value.iter().any(|r| r.key == "客户名称"));
    for id in sandbox.customer_ids(Provider::Eshouhou) {
        c.get_customer(&id).await.unwrap_or_else(|e| panic!("{id}: {e}"));
    }
    assert_eq!(sandbox.stats().token_requests(Provider::Eshouhou), 1);
}

#[tokio::test]
async fn expired_token_refreshes_once_and_concurrent_callers_share_it() {
    let sandbox = Sandbox::start().await.unwrap();
    let c = Arc::new(client(&sandbox));
    let ids = sandbox.customer_ids(Provider::Eshouhou);
    c.get_customer(&ids[0]).await.unwrap();
    c.get_customer("990408").await.unwrap();
    assert_eq!(sandbox.stats().token_requests(Provider::Eshouhou), 2);
    sandbox.expire_tokens();
    let mut tasks = Vec::new();
    for i in 0..64 {
        let (c, id) = (c.clone(), ids[i % ids.len()].clone());
        tasks.push(tokio::spawn(async move { c.get_customer(&id).await }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    assert_eq!(sandbox.stats().token_requests(Provider::Eshouhou), 3);
}

#[tokio::test]
async fn error_classes_over_http() {
    let sandbox = Sandbox::start().await.unwrap();
    let c = client(&sandbox);
    for (id, kind) in [
        ("00000000-0000-0000-0000-000000000000", ErrorKind::NotFound),
        ("990001", ErrorKind::ProviderError),
        ("990002", ErrorKind::BadResponse),
        ("990004", ErrorKind::BadResponse),
        ("990503", ErrorKind::ProviderError),
    ] {
        let e = c.get_customer(id).await.unwrap_err();
        assert_eq!(e.kind(), kind, "{id}: {e}");
    }
    let e = c.get_customer("990001").await.unwrap_err();
    assert_eq!(e.code(), Some("50001"), "{e}");
    assert!(e.message().contains("系统繁忙"), "{e}");
}

#[tokio::test]
async fn wrong_secret_is_an_auth_error() {
    let sandbox = Sandbox::start().await.unwrap();
    let c = Client::builder()
        .appid(&sandbox.credentials().eshouhou_appid)
        .app_secret("wrong-secret")
        .base_url(sandbox.base_url())
        .build()
        .unwrap();
    let e = c.get_customer("dc540ce7-5bc5-4275-b8fa-2004eb5839e3").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Auth, "{e}");
    assert_eq!(e.code(), Some("40002"), "{e}");
}

#[test]
fn debug_never_shows_secrets() {
    let b = Client::builder().appid("app").app_secret("APP-SECRET-SENTINEL");
    let shown = format!("{b:?}");
    let c = b.base_url("http://127.0.0.1:9").build().unwrap();
    let shown = format!("{shown} {c:?} {:?}", c.generated());
    assert!(!shown.contains("SENTINEL"), "{shown}");
}
