//! RFC 6749 token errors through the real binary (issue 24): each code's message keeps the code,
//! and the exit code follows it — `invalid_client`/`unauthorized_client` 4 (credentials
//! rejected), `invalid_scope` 2 (the configured `GOFIVE_SCOPE` is wrong: configuration), any
//! other code 5. A Basic-only token server is reached through `GOFIVE_CLIENT_AUTH` or the
//! one fallback. Servers are wiremock on 127.0.0.1, counting the token requests.

use std::process::{Command, Output};

use wiremock::{Mock, MockServer, ResponseTemplate, matchers};

const SECRET: &str = "SENTINEL-client-secret-24";
const CUSTOMER: &str = r#"{"status":{"code":"1000","description":"Success"},"data":{"customerId":55,"customerCode":"C000055","customerName":"Somchai"}}"#;

fn gofive(server: &MockServer, extra_env: &[(&str, &str)]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_crm-customers"));
    for (k, _) in std::env::vars() {
        if ["PLUUUG_", "GOFIVE_", "ESHOUHOU_", "ND_"].iter().any(|p| k.starts_with(p)) {
            c.env_remove(k);
        }
    }
    c.env("GOFIVE_SUBSCRIPTION_KEY", "sub-key")
        .env("GOFIVE_CLIENT_ID", "cid")
        .env("GOFIVE_CLIENT_SECRET", SECRET)
        .env("GOFIVE_SCOPE", "crm.read");
    for (k, v) in extra_env {
        c.env(k, v);
    }
    c.args(["get", "gofive", "C000055", "--base-url", &server.uri()]);
    c
}

async fn run(cmd: Command) -> Output {
    let mut cmd = cmd;
    tokio::task::spawn_blocking(move || cmd.output().unwrap()).await.unwrap()
}

/// `GET /v3/customers/C000055` answers the customer.
async fn customer(server: &MockServer) {
    Mock::given(matchers::path("/v3/customers/C000055"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(CUSTOMER, "application/json"))
        .mount(server)
        .await;
}

async fn token_server(status: u16, body: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(matchers::path("/authorization/connect/token"))
        .respond_with(ResponseTemplate::new(status).set_body_raw(body.to_string(), "application/json"))
        .mount(&server)
        .await;
    customer(&server).await;
    server
}

async fn token_requests(server: &MockServer) -> usize {
    let all = server.received_requests().await.unwrap_or_default();
    all.iter().filter(|r| r.url.path() == "/authorization/connect/token").count()
}

#[tokio::test(flavor = "multi_thread")]
async fn each_rfc6749_code_has_its_message_and_exit_code() {
    for (status, body, exit, text) in [
        (
            400,
            r#"{"error":"invalid_scope","error_description":"The requested scope is invalid, unknown, or malformed."}"#,
            2,
            "scope rejected: invalid_scope: The requested scope is invalid, unknown, or malformed.",
        ),
        (
            401,
            r#"{"error":"invalid_client","error_description":"Unknown client"}"#,
            4,
            "invalid_client: Unknown client",
        ),
        (400, r#"{"error":"unauthorized_client"}"#, 4, "credentials rejected: unauthorized_client"),
        (400, r#"{"error":"unsupported_grant_type"}"#, 5, "unsupported_grant_type"),
        (
            400,
            r#"{"error":"invalid_request","error_description":"missing grant"}"#,
            5,
            "invalid_request: missing grant",
        ),
    ] {
        let server = token_server(status, body).await;
        let out = run(gofive(&server, &[])).await;
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(exit), "{body}: {err}");
        assert!(err.contains(text), "{body}: {err}");
        assert!(!err.contains(SECRET) && !String::from_utf8_lossy(&out.stdout).contains(SECRET));
        // 401 invalid_client may try HTTP Basic once (the fallback); never more.
        let want = if status == 401 { 2 } else { 1 };
        assert_eq!(token_requests(&server).await, want, "{body}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_basic_only_token_server_works_by_setting_and_by_fallback() {
    let server = MockServer::start().await;
    // Basic with cid / SENTINEL-client-secret-24 (RFC 6749 §2.3.1).
    let basic = "Basic Y2lkOlNFTlRJTkVMLWNsaWVudC1zZWNyZXQtMjQ=";
    Mock::given(matchers::path("/authorization/connect/token"))
        .and(matchers::header("authorization", basic))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"access_token":"tok-24","token_type":"bearer","expires_in":3600}"#,
            "application/json",
        ))
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(matchers::path("/authorization/connect/token"))
        .respond_with(
            ResponseTemplate::new(401)
                .insert_header("www-authenticate", "Basic realm=\"token\"")
                .set_body_raw(r#"{"error":"invalid_client"}"#, "application/json"),
        )
        .with_priority(2)
        .mount(&server)
        .await;
    customer(&server).await;

    let out = run(gofive(&server, &[("GOFIVE_CLIENT_AUTH", "basic")])).await;
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(token_requests(&server).await, 1, "basic from the start: one token request");

    let out = run(gofive(&server, &[])).await;
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(token_requests(&server).await, 3, "form body, then Basic once");

    let out = run(gofive(&server, &[("GOFIVE_CLIENT_AUTH", "digest")])).await;
    assert_eq!(out.status.code(), Some(2), "a bad setting is a usage error");
    assert!(String::from_utf8_lossy(&out.stderr).contains("GOFIVE_CLIENT_AUTH"));
}
