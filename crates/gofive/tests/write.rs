//! The `POST /v3/customers` upsert over real HTTP on 127.0.0.1: round trips through the sandbox
//! (real token and subscription key), and wiremock for the exact request.

use std::time::Duration;

use customer_sandbox::Sandbox;
use gofive_client::{Client, Config, ErrorKind};
use serde_json::{Value, json};
use wiremock::{Mock, MockServer, ResponseTemplate, matchers};

fn client(sandbox: &Sandbox) -> Client {
    let c = sandbox.credentials();
    Client::builder()
        .subscription_key(&c.gofive_subscription_key)
        .client_id(&c.gofive_client_id)
        .client_secret(&c.gofive_client_secret)
        .base_url(sandbox.base_url())
        .build()
        .unwrap()
}

#[tokio::test]
async fn update_and_create_round_trip_through_the_sandbox() {
    let sandbox = Sandbox::start().await.unwrap();
    let c = client(&sandbox);
    let updated = c
        .update_customer("C000055", &json!({"customerName": "บริษัท อัพเดต จำกัด", "customerState": 2, "customerEmail": "new@example.co.th"}))
        .await
        .unwrap();
    assert_eq!(updated.value.customer_name.as_deref(), Some("บริษัท อัพเดต จำกัด"));
    let read = c.get_customer_by_code("C000055").await.unwrap();
    assert_eq!(read.value.customer_name.as_deref(), Some("บริษัท อัพเดต จำกัด"));

    let created = c.upsert_customer(&json!({"customerName": "ลูกค้าใหม่", "customerState": 1})).await.unwrap();
    let code = created.value.customer_code.clone().expect("a created customer has a code");
    assert_eq!(c.get_customer_by_code(&code).await.unwrap().value.customer_name.as_deref(), Some("ลูกค้าใหม่"));
}

#[tokio::test]
async fn missing_required_fields_are_not_sent() {
    let server = MockServer::start().await;
    let c = Client::builder()
        .subscription_key("k")
        .client_id("i")
        .client_secret("s")
        .base_url(server.uri())
        .build()
        .unwrap();
    let e = c.upsert_customer(&json!({"customerName": "A"})).await.unwrap_err();
    assert_eq!((e.kind(), e.field()), (ErrorKind::Config, Some("customerState")));
    let e = c.update_customer("C1", &json!({"customerState": 1})).await.unwrap_err();
    assert_eq!(e.field(), Some("customerName"));
    assert!(server.received_requests().await.unwrap().is_empty(), "not even a token request");
}

#[tokio::test]
async fn a_business_code_is_a_provider_error_and_the_write_is_sent_once() {
    let server = MockServer::start().await;
    Mock::given(matchers::path("/authorization/connect/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "tok", "token_type": "Bearer", "expires_in": 3600})),
        )
        .mount(&server)
        .await;
    Mock::given(matchers::method("POST"))
        .and(matchers::path("/v3/customers"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"status": {"code": "4001", "description": "customerState is invalid"}, "data": null}),
        ))
        .mount(&server)
        .await;
    let c = Client::builder()
        .subscription_key("sub")
        .client_id("i")
        .client_secret("s")
        .base_url(server.uri())
        .config(Config::default().with_backoff(Duration::from_millis(1), Duration::from_millis(2)))
        .build()
        .unwrap();
    let e = c.update_customer("C9", &json!({"customerName": "A", "customerState": 77})).await.unwrap_err();
    assert_eq!((e.kind(), e.code()), (ErrorKind::ProviderError, Some("4001")), "{e}");
    assert!(e.message().contains("customerState is invalid"), "{e}");
    let writes: Vec<_> = server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.url.path() == "/v3/customers")
        .collect();
    assert_eq!(writes.len(), 1);
    let body: Value = serde_json::from_slice(&writes[0].body).unwrap();
    assert_eq!(body, json!({"customerCode": "C9", "customerName": "A", "customerState": 77}));
    assert_eq!(writes[0].headers.get("authorization").unwrap(), "Bearer tok");
    assert_eq!(writes[0].headers.get("ocp-apim-subscription-key").unwrap(), "sub");
}

#[tokio::test]
async fn an_upsert_that_times_out_after_sending_leaves_the_outcome_unknown() {
    let server = MockServer::start().await;
    Mock::given(matchers::path("/authorization/connect/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "tok", "token_type": "Bearer", "expires_in": 3600})),
        )
        .mount(&server)
        .await;
    Mock::given(matchers::path("/v3/customers"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let c = Client::builder()
        .subscription_key("k")
        .client_id("i")
        .client_secret("s")
        .base_url(server.uri())
        .config(Config::default().with_timeout(Duration::from_millis(400)))
        .build()
        .unwrap();
    let e = c.upsert_customer(&json!({"customerName": "A", "customerState": 1})).await.unwrap_err();
    assert!(e.is_outcome_unknown() && e.kind() == ErrorKind::Transport, "{e:?}");
    let writes = server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.url.path() == "/v3/customers")
        .count();
    assert_eq!(writes, 1);
}
