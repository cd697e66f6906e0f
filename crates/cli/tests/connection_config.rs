//! Connection settings through the real binary: an over-long base URL is a configuration error
//! (exit 2, nothing sent, the URL not echoed), and `--no-proxy` sends directly while
//! `HTTP_PROXY` is set.

use std::process::Command;

use wiremock::{Mock, MockServer, ResponseTemplate, matchers};

mod common;

fn bin() -> Command {
    let mut c = common::bin();
    for (k, _) in std::env::vars() {
        if k.to_ascii_lowercase().ends_with("_proxy") {
            c.env_remove(k);
        }
    }
    c.env("PLUUUG_API_KEY", "key-abcdefgh").env("PLUUUG_SECRET_KEY", "secret-ijklmnop");
    c
}

#[tokio::test]
async fn an_over_long_base_url_exits_2() {
    let server = MockServer::start().await;
    let url = format!("{}/{}", server.uri(), "a".repeat(120 * 1024));
    let out =
        tokio::task::spawn_blocking(move || bin().args(["get", "pluuug", "1", "--base-url", &url]).output())
            .await
            .unwrap()
            .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("base URL"), "{stderr}");
    assert!(stderr.len() < 1000, "the URL is not echoed");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn no_proxy_sends_directly_although_http_proxy_is_set() {
    let proxy = MockServer::start().await;
    Mock::given(matchers::any()).respond_with(ResponseTemplate::new(502)).mount(&proxy).await;
    let target = MockServer::start().await;
    Mock::given(matchers::method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": 1, "name": "A"})))
        .mount(&target)
        .await;
    let (p, t) = (proxy.uri(), target.uri());
    let out = tokio::task::spawn_blocking(move || {
        bin().env("HTTP_PROXY", p).args(["--no-proxy", "get", "pluuug", "1", "--base-url", &t]).output()
    })
    .await
    .unwrap()
    .unwrap();
    assert!(proxy.received_requests().await.unwrap().is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(target.received_requests().await.unwrap().len(), 1);
}
