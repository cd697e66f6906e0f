//! nd-client over real HTTP on 127.0.0.1 against the embedded sandbox.

use std::time::Duration;

use customer_sandbox::{Provider, Sandbox};
use nd_client::{Client, Config, ErrorKind};

fn client(sandbox: &Sandbox) -> Client {
    Client::builder()
        .base_url(sandbox.base_url())
        .token(sandbox.credentials().nd_token.clone().unwrap())
        .config(Config::default().with_backoff(Duration::from_millis(5), Duration::from_millis(20)))
        .build()
        .unwrap()
}

#[tokio::test]
async fn bare_and_wrapped_details_decode() {
    let sandbox = Sandbox::start().await.unwrap();
    let c = client(&sandbox);
    let ids = sandbox.customer_ids(Provider::Nd);
    assert!(ids.iter().any(|i| i.starts_with('w')), "sandbox seeds wrapped records");
    for id in ids {
        let f = c.get_customer_detail(&id).await.unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(f.value.id, id);
    }
}

#[tokio::test]
async fn bearer_token_is_checked() {
    let sandbox = Sandbox::start().await.unwrap();
    let c = Client::builder().base_url(sandbox.base_url()).token("wrong").build().unwrap();
    let e = c.get_customer_detail("id").await.unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::Auth, Some(401)), "{e}");
    let none = Client::builder().base_url(sandbox.base_url()).build().unwrap();
    assert_eq!(none.get_customer_detail("id").await.unwrap_err().kind(), ErrorKind::Auth);
}

#[tokio::test]
async fn error_classes_over_http() {
    let sandbox = Sandbox::start().await.unwrap();
    let c = client(&sandbox);
    for (id, kind) in [
        ("no-such-customer", ErrorKind::NotFound),
        ("990001", ErrorKind::ProviderError),
        ("990002", ErrorKind::BadResponse),
        ("990003", ErrorKind::BadResponse),
        ("990004", ErrorKind::BadResponse),
        ("990504", ErrorKind::ProviderError),
    ] {
        let e = c.get_customer_detail(id).await.unwrap_err();
        assert_eq!(e.kind(), kind, "{id}: {e}");
    }
    let e = c.get_customer_detail("990004").await.unwrap_err();
    assert_eq!(e.field(), Some("name"), "{e}");
}

#[test]
fn base_url_is_required_and_debug_redacts() {
    let e = Client::builder().token("t").build().unwrap_err();
    assert!(e.to_string().contains("ND_BASE_URL"), "{e}");
    let c = Client::builder()
        .base_url("http://127.0.0.1:9")
        .token("TOKEN-SENTINEL")
        .default_header("x-tenant", "HEADER-SENTINEL")
        .build()
        .unwrap();
    let shown = format!("{c:?} {:?}", c.generated());
    assert!(!shown.contains("SENTINEL"), "{shown}");
}
