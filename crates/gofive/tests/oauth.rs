//! RFC 6749 token requests against servers of the test's own on 127.0.0.1 (issue 24): a server
//! that takes HTTP Basic client auth only, one that takes the form body only, the bound on token
//! requests, and each RFC 6749 error code's class and message.

use std::time::Duration;

use crm_runtime::testing::{Recorded, Reply, TestServer};
use gofive_client::{Client, ClientBuilder, Config, ErrorKind, auth::ClientAuth};

const TOKEN_PATH: &str = "/authorization/connect/token";
const SECRET: &str = "SECRET-SENTINEL/+ 1";
const ISSUED: &str = "tok-SENTINEL-issued-oauth";
const CUSTOMER: &str = r#"{"status":{"code":"1000","description":"Success"},"data":{"customerId":1}}"#;
// base64("cid:SECRET-SENTINEL%2F%2B+1"), RFC 6749 §2.3.1 (each part form-urlencoded first).
const GOOD_BASIC: &str = "Basic Y2lkOlNFQ1JFVC1TRU5USU5FTCUyRiUyQisx";

fn token() -> Reply {
    Reply::json(200, format!(r#"{{"access_token":"{ISSUED}","token_type":"Bearer","expires_in":3600}}"#))
}

fn invalid_client_basic() -> Reply {
    Reply::json(401, r#"{"error":"invalid_client","error_description":"Client authentication failed"}"#)
        .header("www-authenticate", r#"Basic realm="token""#)
}

/// Accepts HTTP Basic with the right credentials only; a form body is `401 invalid_client`.
fn basic_only(r: &Recorded) -> Reply {
    if r.path() != TOKEN_PATH {
        return Reply::json(200, CUSTOMER);
    }
    let form = r.text();
    if r.header("authorization") == Some(GOOD_BASIC) && !form.contains("client_secret") {
        token()
    } else {
        invalid_client_basic()
    }
}

fn builder(url: &str) -> ClientBuilder {
    Client::builder()
        .subscription_key("SUB-KEY-oauth")
        .client_id("cid")
        .client_secret(SECRET)
        .base_url(url)
        .config(Config::default().with_backoff(Duration::from_millis(1), Duration::from_millis(5)))
}

#[tokio::test]
async fn a_basic_only_server_is_reached_with_one_fallback_then_remembered() {
    let s = TestServer::start(basic_only).await;
    let c = builder(&s.url()).build().unwrap();
    c.request_token().await.unwrap();
    assert_eq!(s.hits(TOKEN_PATH), 2, "form body, then HTTP Basic once");
    let sent = s.requests();
    assert!(sent[0].text().contains("client_secret=") && sent[0].header("authorization").is_none());
    assert_eq!(sent[1].header("authorization"), Some(GOOD_BASIC));
    assert!(
        !sent[1].text().contains("client_id") && !sent[1].text().contains("client_secret"),
        "{}",
        sent[1].text()
    );
    c.request_token().await.unwrap();
    assert_eq!(s.hits(TOKEN_PATH), 3, "Basic is remembered for the client's life");
}

#[tokio::test]
async fn concurrent_calls_share_at_most_two_token_requests() {
    let s = TestServer::start(basic_only).await;
    let c = builder(&s.url()).build().unwrap();
    let mut tasks = Vec::new();
    for i in 0..20 {
        let c = c.clone();
        tasks.push(tokio::spawn(async move { c.get_customer_by_code(&format!("C{i}")).await }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    assert_eq!(s.hits(TOKEN_PATH), 2);
}

#[tokio::test]
async fn wrong_credentials_on_a_basic_only_server_cost_exactly_two_token_requests() {
    let s = TestServer::start(basic_only).await;
    let c = builder(&s.url()).client_secret("wrong-secret").build().unwrap();
    let mut tasks = Vec::new();
    for i in 0..10 {
        let c = c.clone();
        tasks.push(tokio::spawn(async move { c.get_customer_by_code(&format!("C{i}")).await }));
    }
    for t in tasks {
        let e = t.await.unwrap().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Auth, "{e}");
        assert_eq!(e.code(), Some("invalid_client"));
        assert!(e.to_string().contains("invalid_client: Client authentication failed"), "{e}");
    }
    assert_eq!(c.get_customer_by_code("C1").await.unwrap_err().kind(), ErrorKind::Auth);
    assert_eq!(s.hits(TOKEN_PATH), 2, "never more than two token requests for a rejected client");
    assert_eq!(s.requests().len(), 2, "and no data request");
}

#[tokio::test]
async fn basic_when_configured_and_no_fallback_to_a_form_only_server() {
    // A form-only server: an Authorization header is an unknown client.
    let s = TestServer::start(|r| {
        if r.path() != TOKEN_PATH {
            Reply::json(200, CUSTOMER)
        } else if r.header("authorization").is_none() && r.text().contains("client_secret=") {
            token()
        } else {
            Reply::json(400, r#"{"error":"invalid_client"}"#)
        }
    })
    .await;
    let basic = builder(&s.url()).client_auth(ClientAuth::Basic).build().unwrap();
    let e = basic.get_customer_by_code("C1").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Auth, "{e}");
    assert_eq!(s.hits(TOKEN_PATH), 1);
    assert_eq!(s.requests()[0].header("authorization"), Some(GOOD_BASIC));
    // The default (form body) works there with one request.
    let post = builder(&s.url()).build().unwrap();
    post.get_customer_by_code("C1").await.unwrap();
    assert_eq!(s.hits(TOKEN_PATH), 2);
}

#[tokio::test]
async fn each_rfc6749_error_code_keeps_its_code_and_class() {
    for (status, body, kind, text) in [
        (
            400,
            r#"{"error":"invalid_scope","error_description":"The requested scope is invalid, unknown, or malformed."}"#,
            ErrorKind::Config,
            "scope rejected: invalid_scope: The requested scope is invalid, unknown, or malformed.",
        ),
        (400, r#"{"error":"invalid_client"}"#, ErrorKind::Auth, "credentials rejected: invalid_client"),
        (
            400,
            r#"{"error":"unauthorized_client","error_description":"grant not allowed"}"#,
            ErrorKind::Auth,
            "credentials rejected: unauthorized_client: grant not allowed",
        ),
        (
            400,
            r#"{"error":"unsupported_grant_type"}"#,
            ErrorKind::ProviderError,
            "token request refused: unsupported_grant_type",
        ),
        (
            400,
            r#"{"error":"invalid_request","error_description":"x"}"#,
            ErrorKind::ProviderError,
            "invalid_request: x",
        ),
        // Not RFC 6749 bodies: the status decides, as before.
        (401, r#"{"statusCode":401,"message":"Access denied"}"#, ErrorKind::Auth, "Access denied"),
        (400, r#"{"error":"bad\ncode"}"#, ErrorKind::Auth, "token request failed"),
    ] {
        let reply = Reply::json(status, body);
        let s = TestServer::start(move |r| {
            if r.path() == TOKEN_PATH { reply.clone() } else { Reply::json(200, CUSTOMER) }
        })
        .await;
        let c = builder(&s.url()).scope("crm.read").build().unwrap();
        let e = c.get_customer_by_code("C1").await.unwrap_err();
        assert_eq!(e.kind(), kind, "{body}: {e}");
        assert!(e.to_string().contains(text), "{body}: {e}");
        assert!(!e.to_string().contains(SECRET) && !format!("{e:?}").contains(SECRET));
        assert_eq!(s.hits(TOKEN_PATH), 1, "{body}: a 400 is never retried with Basic");
    }
}

/// The sandbox's token endpoint with each accepted method (its `gofive_client_auth` knob).
mod sandbox {
    use customer_sandbox::{GofiveClientAuth, Provider, Sandbox};

    use super::*;

    fn sandbox_client(sandbox: &Sandbox, method: Option<ClientAuth>) -> Client {
        let c = sandbox.credentials();
        let mut b = Client::builder()
            .subscription_key(&c.gofive_subscription_key)
            .client_id(&c.gofive_client_id)
            .client_secret(&c.gofive_client_secret)
            .base_url(sandbox.base_url());
        if let Some(m) = method {
            b = b.client_auth(m);
        }
        b.build().unwrap()
    }

    #[tokio::test]
    async fn basic_only_sandbox_by_fallback_and_by_setting() {
        let sandbox =
            Sandbox::builder().gofive_client_auth(GofiveClientAuth::BasicOnly).start().await.unwrap();
        let c = sandbox_client(&sandbox, None);
        c.get_customer_by_code("C000055").await.unwrap();
        c.request_token().await.unwrap();
        assert_eq!(sandbox.stats().token_requests(Provider::Gofive), 3, "form, Basic, then Basic remembered");
        let basic = sandbox_client(&sandbox, Some(ClientAuth::Basic));
        basic.get_customer_by_code("C000055").await.unwrap();
        assert_eq!(sandbox.stats().token_requests(Provider::Gofive), 4);
    }

    #[tokio::test]
    async fn post_only_sandbox_refuses_basic_and_takes_the_form() {
        let sandbox =
            Sandbox::builder().gofive_client_auth(GofiveClientAuth::PostOnly).start().await.unwrap();
        let e = sandbox_client(&sandbox, Some(ClientAuth::Basic))
            .get_customer_by_code("C000055")
            .await
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Auth, "{e}");
        assert_eq!(e.code(), Some("invalid_client"));
        sandbox_client(&sandbox, None).get_customer_by_code("C000055").await.unwrap();
        assert_eq!(sandbox.stats().token_requests(Provider::Gofive), 2);
    }
}
