//! `crm-customers update nd` (the real binary) against nd's documented edit answer,
//! `{"code": 0, "message": "success"}` with no record (issue 20 item 1): exit 0, the customer
//! printed by reading it back with the detail call, the PUT sent once — against the sandbox and
//! against a server of the test's own that answers exactly what the edit page documents.

use customer_sandbox::{Provider, Sandbox};
use serde_json::{Value, json};
use wiremock::{Mock, MockServer, ResponseTemplate, matchers};

mod common;
use common::{bin, run, stderr, update_nd_abc, update_nd_abc_ndjson};

#[tokio::test]
async fn the_documented_answer_is_success_and_the_customer_is_read_back_from_the_sandbox() {
    let sandbox = Sandbox::start().await.unwrap();
    let id = sandbox.customer_ids(Provider::Nd).into_iter().find(|i| i.len() == 24).unwrap();
    let mut cmd = bin();
    cmd.args(["update", "nd", &id, "--json", "-", "--base-url", &sandbox.base_url(), "--format", "ndjson"]);
    if let Some(token) = &sandbox.credentials().nd_token {
        cmd.env("ND_TOKEN", token);
    }
    let before = sandbox.stats().requests(Provider::Nd);
    let out = run(cmd, r#"{"name": "宁波海曙区某贸易商行", "type": "PROSPECT"}"#).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let line: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["id"], id.as_str(), "{line}");
    assert_eq!(line["customer"]["name"], "宁波海曙区某贸易商行", "{line}");
    assert_eq!(line["customer"]["lifecycle_stage"]["native"], "PROSPECT", "{line}");
    // One PUT and one read-back GET, nothing else.
    assert_eq!(sandbox.stats().requests(Provider::Nd) - before, 2);
    sandbox.shutdown().await;
}

async fn documented_server(detail: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(matchers::method("PUT"))
        .and(matchers::path("/api/customers/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"code": 0, "message": "success"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(matchers::method("GET"))
        .and(matchers::path("/api/customers/abc/detail"))
        .respond_with(detail)
        .mount(&server)
        .await;
    server
}

fn puts(requests: &[wiremock::Request]) -> usize {
    requests.iter().filter(|r| r.method.as_str() == "PUT").count()
}

#[tokio::test]
async fn exactly_the_documented_code_message_answer_is_success() {
    let server = documented_server(ResponseTemplate::new(200).set_body_json(
        json!({"id": "abc", "name": "金华职业技术学院", "type": "CLIENT", "creditSituation": "优秀"}),
    ))
    .await;
    let line = update_nd_abc_ndjson(&server).await;
    assert_eq!(line["customer"]["name"], "金华职业技术学院", "{line}");
    assert_eq!(line["customer"]["lifecycle_stage"]["native"], "CLIENT", "{line}");
    let received = server.received_requests().await.unwrap();
    assert_eq!(puts(&received), 1);
    let sent: Value = serde_json::from_slice(&received[0].body).unwrap();
    assert_eq!(sent, json!({"id": "abc", "name": "金华职业技术学院", "credit_situation": "优秀"}));
    assert_eq!(received[1].url.path(), "/api/customers/abc/detail");
    assert_eq!(received.len(), 2);
}

#[tokio::test]
async fn a_failed_read_back_says_the_edit_was_applied() {
    let server = documented_server(
        ResponseTemplate::new(404)
            .set_body_json(json!({"code": 404, "message": "trans:validate.CUSTOMER_NOT_FOUND"})),
    )
    .await;
    let out = update_nd_abc(&server, &[], r#"{"name": "金华职业技术学院"}"#).await;
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("the edit was applied"), "{}", stderr(&out));
    assert!(stderr(&out).contains("do not send the edit again"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert_eq!(puts(&server.received_requests().await.unwrap()), 1);
}

#[tokio::test]
async fn a_non_zero_code_is_still_a_provider_error() {
    let server = MockServer::start().await;
    Mock::given(matchers::method("PUT"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"code": 50001, "message": "系统错误"})))
        .expect(1)
        .mount(&server)
        .await;
    let out = update_nd_abc(&server, &[], r#"{"name": "金华职业技术学院"}"#).await;
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(stderr(&out).contains("系统错误"), "{}", stderr(&out));
    assert_eq!(server.received_requests().await.unwrap().len(), 1, "no read-back after an error");
}
