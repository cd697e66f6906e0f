//! pluuug-client over real HTTP on 127.0.0.1: the embedded sandbox (which verifies the HMAC
//! signature exactly as Pluuug does) and wiremock for exact-request checks.

use std::time::Duration;

use customer_sandbox::Sandbox;
use pluuug_client::{Client, Config, ErrorKind};

fn client(sandbox: &Sandbox) -> Client {
    let c = sandbox.credentials();
    Client::builder()
        .api_key(&c.pluuug_api_key)
        .secret_key(&c.pluuug_secret_key)
        .base_url(sandbox.base_url())
        .config(Config::default().with_backoff(Duration::from_millis(5), Duration::from_millis(20)))
        .build()
        .unwrap()
}

#[tokio::test]
async fn signed_request_returns_the_typed_client_and_raw_body() {
    let sandbox = Sandbox::start().await.unwrap();
    let fetched = client(&sandbox).get_client(123).await.unwrap();
    assert_eq!(fetched.value.id, 123);
    let raw: serde_json::Value = serde_json::from_slice(&fetched.raw).unwrap();
    assert_eq!(raw["id"], 123);
    for id in sandbox.customer_ids(customer_sandbox::Provider::Pluuug) {
        client(&sandbox).get_client_by_str(&id).await.unwrap_or_else(|e| panic!("{id}: {e}"));
    }
}

#[tokio::test]
async fn wrong_secret_is_an_auth_error() {
    let sandbox = Sandbox::start().await.unwrap();
    let c = Client::builder()
        .api_key(&sandbox.credentials().pluuug_api_key)
        .secret_key("not-the-secret")
        .base_url(sandbox.base_url())
        .build()
        .unwrap();
    let e = c.get_client(123).await.unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::Auth, Some(403)), "{e}");
}

#[tokio::test]
async fn wrong_api_key_is_an_auth_error() {
    let sandbox = Sandbox::start().await.unwrap();
    let c = Client::builder()
        .api_key("unknown-key")
        .secret_key(&sandbox.credentials().pluuug_secret_key)
        .base_url(sandbox.base_url())
        .build()
        .unwrap();
    let e = c.get_client(123).await.unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::Auth, Some(401)), "{e}");
}

#[tokio::test]
async fn error_classes_over_http() {
    let sandbox = Sandbox::start().await.unwrap();
    let c = client(&sandbox);
    let cases = [
        (424242, ErrorKind::NotFound),
        (990001, ErrorKind::ProviderError),
        (990002, ErrorKind::BadResponse),
        (990003, ErrorKind::BadResponse),
        (990004, ErrorKind::BadResponse),
        (990007, ErrorKind::BadResponse),
        (990500, ErrorKind::ProviderError),
        (990401, ErrorKind::Auth),
    ];
    for (id, kind) in cases {
        let e = c.get_client(id).await.unwrap_err();
        assert_eq!(e.kind(), kind, "{id}: {e}");
        assert_eq!((e.provider(), e.operation()), ("pluuug", "get_client"));
    }
    let e = c.get_client(990004).await.unwrap_err();
    assert!(e.raw().is_some_and(|r| !r.is_empty()), "raw body kept");
    assert!(e.field().is_some(), "failing field named: {e}");
}

#[tokio::test]
async fn non_integer_id_is_a_config_error_without_a_request() {
    let sandbox = Sandbox::start().await.unwrap();
    let e = client(&sandbox).get_client_by_str("abc").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Config);
    assert_eq!(sandbox.stats().requests(customer_sandbox::Provider::Pluuug), 0);
}

#[tokio::test]
async fn the_exact_request_pluuug_sees() {
    use wiremock::{Mock, MockServer, ResponseTemplate, matchers};
    let server = MockServer::start().await;
    Mock::given(matchers::method("GET"))
        .and(matchers::path("/v1/client/7"))
        .and(matchers::header("x-api-key", "k-1"))
        // HMAC-SHA256("test_secret", "") — the vector in shared/providers/pluuug.md.
        .and(matchers::header(
            "x-signature",
            "f7f9bd47fb987337b5796fdc1fdb9ba221d0d5396814bfcaf9521f43fd8927fd",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"id":7,"companyName":"주식회사 플러그","created":"2023-11-07T05:31:56Z","newField":1}"#,
            "application/json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let c =
        Client::builder().api_key("k-1").secret_key("test_secret").base_url(server.uri()).build().unwrap();
    let fetched = c.get_client(7).await.unwrap();
    assert_eq!(fetched.value.company_name.as_deref(), Some("주식회사 플러그"));
    let requests = server.received_requests().await.unwrap();
    assert!(requests[0].headers.get("api-version").is_none(), "progenitor's api-version header is stripped");
}

#[test]
fn debug_never_shows_secrets() {
    let c = Client::builder()
        .api_key("api-key-SENTINEL-1")
        .secret_key("secret-key-SENTINEL-2")
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap();
    let b = Client::builder().api_key("api-key-SENTINEL-1").secret_key("secret-key-SENTINEL-2");
    let shown = format!("{c:?} {b:?} {:?}", c.generated());
    assert!(!shown.contains("SENTINEL"), "{shown}");
}

#[test]
fn missing_credentials_name_the_variables() {
    let e = Client::builder().build().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Config);
    assert!(e.to_string().contains("PLUUUG_API_KEY") && e.to_string().contains("PLUUUG_SECRET_KEY"), "{e}");
}
