//! Pluuug writes and client endpoints over real HTTP on 127.0.0.1: round trips against the
//! sandbox (real signature checks), and wiremock for the exact bytes on the wire.

use std::time::Duration;

use customer_sandbox::{Provider, Sandbox};
use futures::TryStreamExt;
use hmac::{Hmac, Mac};
use pluuug_client::{Client, ClientsQuery, Config, ErrorKind};
use serde_json::{Value, json};
use sha2::Sha256;
use wiremock::{Mock, MockServer, ResponseTemplate, matchers};

fn client(sandbox: &Sandbox) -> Client {
    let c = sandbox.credentials();
    Client::builder()
        .api_key(&c.pluuug_api_key)
        .secret_key(&c.pluuug_secret_key)
        .base_url(sandbox.base_url())
        .build()
        .unwrap()
}

fn first_id(sandbox: &Sandbox) -> i64 {
    sandbox.customer_ids(Provider::Pluuug).iter().find_map(|id| id.parse().ok()).unwrap()
}

#[tokio::test]
async fn patch_round_trips_through_the_sandbox() {
    let sandbox = Sandbox::start().await.unwrap();
    let c = client(&sandbox);
    let id = first_id(&sandbox);
    let changes = json!({"inCharge": "김철수", "content": "한국어 메모 — 변경됨", "position": "팀장"});
    let updated = c.update_client(id, &changes).await.unwrap();
    assert_eq!(updated.value.in_charge.as_deref(), Some("김철수"));
    let read = c.get_client(id).await.unwrap();
    assert_eq!(read.value.content.as_deref(), Some("한국어 메모 — 변경됨"));
    assert_eq!(read.value.position.as_deref(), Some("팀장"));
}

#[tokio::test]
async fn a_drf_validation_error_names_the_field() {
    let sandbox = Sandbox::start().await.unwrap();
    let c = client(&sandbox);
    let e = c.update_client(first_id(&sandbox), &json!({"companyName": "가".repeat(129)})).await.unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::ProviderError, Some(400)), "{e}");
    assert!(e.message().contains("companyName"), "{e}");
    let e = c.create_client(&json!({"inCharge": "x"})).await.unwrap_err();
    assert!(e.message().contains("companyName"), "{e}");
}

#[tokio::test]
async fn create_list_statuses_and_delete() {
    let sandbox = Sandbox::start().await.unwrap();
    let c = client(&sandbox);
    let before: Vec<_> = c.clients(ClientsQuery::new().page_size(2)).try_collect().await.unwrap();
    let seeded: usize = sandbox.customer_ids(Provider::Pluuug).len();
    assert_eq!(before.len(), seeded, "every seeded client, following cursors 2 at a time");
    let created =
        c.create_client(&json!({"companyName": "플러그 테스트", "inCharge": "이영희"})).await.unwrap();
    let id = created.value.id;
    assert_eq!(c.get_client(id).await.unwrap().value.company_name.as_deref(), Some("플러그 테스트"));
    let after: Vec<_> = c.clients(ClientsQuery::new()).try_collect().await.unwrap();
    assert_eq!(after.len(), seeded + 1);
    let statuses = c.client_statuses().await.unwrap();
    assert!(!statuses.value.is_empty());
    c.delete_client(id).await.unwrap();
    assert_eq!(c.get_client(id).await.unwrap_err().kind(), ErrorKind::NotFound);
    assert_eq!(c.delete_client(id).await.unwrap_err().kind(), ErrorKind::NotFound);
}

fn hmac_hex(secret: &[u8], body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).unwrap();
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

#[tokio::test]
async fn the_signature_covers_exactly_the_bytes_on_the_wire_korean_included() {
    let server = MockServer::start().await;
    Mock::given(matchers::method("PATCH"))
        .and(matchers::path("/v1/client/7"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"id": 7, "companyName": "주식회사 플러그"})),
        )
        .mount(&server)
        .await;
    let c = Client::builder().api_key("key-1").secret_key("sek-ret").base_url(server.uri()).build().unwrap();
    let changes = json!({"companyName": "주식회사 플러그", "content": "메모: \"따옴표\" & 이모지 🙂", "fieldSet": [{"field": {"id": 3}, "value": "예"}]});
    let updated = c.update_client(7, &changes).await.unwrap();
    assert_eq!(updated.value.company_name.as_deref(), Some("주식회사 플러그"));
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    let sent = &requests[0];
    // The wire bytes: UTF-8 Korean as is (no \u escapes), exactly serde_json's serialization.
    assert_eq!(sent.body, serde_json::to_vec(&changes).unwrap());
    assert!(String::from_utf8(sent.body.clone()).unwrap().contains("주식회사 플러그"));
    let signature = sent.headers.get("x-signature").unwrap().to_str().unwrap();
    assert_eq!(signature, hmac_hex(b"sek-ret", &sent.body), "signed bytes = wire bytes");
    assert_eq!(sent.headers.get("x-api-key").unwrap(), "key-1");
    assert_eq!(sent.headers.get("content-type").unwrap(), "application/json");
    let parsed: Value = serde_json::from_slice(&sent.body).unwrap();
    assert_eq!(parsed, changes);
}

#[tokio::test]
async fn writes_are_sent_once_even_on_503() {
    let server = MockServer::start().await;
    Mock::given(matchers::any()).respond_with(ResponseTemplate::new(503)).mount(&server).await;
    let c = Client::builder()
        .api_key("k")
        .secret_key("s")
        .base_url(server.uri())
        .config(Config::default().with_backoff(Duration::from_millis(1), Duration::from_millis(2)))
        .build()
        .unwrap();
    assert_eq!(
        c.update_client(1, &json!({"inCharge": "x"})).await.unwrap_err().kind(),
        ErrorKind::ProviderError
    );
    assert_eq!(
        c.create_client(&json!({"companyName": "x"})).await.unwrap_err().kind(),
        ErrorKind::ProviderError
    );
    assert_eq!(c.delete_client(1).await.unwrap_err().kind(), ErrorKind::ProviderError);
    assert_eq!(server.received_requests().await.unwrap().len(), 3, "one attempt per write");
}

#[tokio::test]
async fn a_timeout_after_sending_leaves_the_outcome_unknown() {
    let server = MockServer::start().await;
    Mock::given(matchers::any())
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let c = Client::builder()
        .api_key("k")
        .secret_key("s")
        .base_url(server.uri())
        .config(Config::default().with_timeout(Duration::from_millis(300)))
        .build()
        .unwrap();
    let e = c.update_client(1, &json!({"inCharge": "x"})).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport, "{e}");
    assert!(e.is_timeout());
    assert!(e.is_outcome_unknown(), "{e:?}");
    assert!(e.message().starts_with("outcome unknown:"), "{e}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    let e = c.delete_client(1).await.unwrap_err();
    assert!(e.is_outcome_unknown(), "{e:?}");
    // A read that times out is an ordinary timeout.
    let e = c.get_client(1).await.unwrap_err();
    assert!(e.is_timeout() && !e.is_outcome_unknown(), "{e:?}");
}

#[tokio::test]
async fn a_write_that_never_left_is_not_outcome_unknown() {
    // A port nothing listens on: the connection is refused before anything is sent.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let c = Client::builder()
        .api_key("k")
        .secret_key("s")
        .base_url(format!("http://127.0.0.1:{port}"))
        .build()
        .unwrap();
    let e = c.update_client(1, &json!({"inCharge": "x"})).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport, "{e}");
    assert!(!e.is_outcome_unknown(), "{e:?}");
}

#[tokio::test]
async fn drf_validation_errors_surface_each_field_message() {
    let server = MockServer::start().await;
    Mock::given(matchers::method("PATCH"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "companyName": ["이 필드의 글자 수가 128 이하인지 확인하십시오."],
            "status": {"id": ["유효하지 않은 pk \"99\" - 객체가 존재하지 않습니다."]}
        })))
        .mount(&server)
        .await;
    let c = Client::builder().api_key("k").secret_key("s").base_url(server.uri()).build().unwrap();
    let e = c
        .update_client(5, &json!({"companyName": "가".repeat(129), "status": {"id": 99}}))
        .await
        .unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::ProviderError, Some(400)), "{e}");
    assert!(e.message().contains("companyName: 이 필드의 글자 수가 128 이하인지"), "{e}");
    assert!(e.message().contains("status.id: 유효하지 않은 pk"), "{e}");
    assert!(e.raw().is_some());
}

#[tokio::test]
async fn clients_follow_cursors_and_accept_count_or_a_bare_array() {
    let server = MockServer::start().await;
    let uri = server.uri();
    Mock::given(matchers::path("/v1/client"))
        .and(matchers::query_param_is_missing("cursor"))
        .and(matchers::query_param("page_size", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "count": 3,
            "next": format!("{uri}/v1/client?cursor=cD0y&page_size=2"),
            "previous": null,
            "results": [{"id": 1, "companyName": "가"}, {"id": 2, "companyName": "나"}]
        })))
        .mount(&server)
        .await;
    Mock::given(matchers::path("/v1/client"))
        .and(matchers::query_param("cursor", "cD0y"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "next": null, "previous": format!("{uri}/v1/client?page_size=2"), "results": [{"id": 3, "companyName": "다"}]
        })))
        .mount(&server)
        .await;
    let c = Client::builder().api_key("k").secret_key("s").base_url(&uri).build().unwrap();
    let all: Vec<_> = c.clients(ClientsQuery::new().page_size(2)).try_collect().await.unwrap();
    assert_eq!(all.iter().map(|c| c.value.id).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(&all[2].raw[..], r#"{"companyName":"다","id":3}"#.as_bytes());
    // Every GET is signed over the empty body.
    for r in server.received_requests().await.unwrap() {
        assert_eq!(r.headers.get("x-signature").unwrap().to_str().unwrap(), hmac_hex(b"s", b""));
    }

    let bare = MockServer::start().await;
    Mock::given(matchers::path("/v1/client"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{"id": 8, "companyName": "라"}])))
        .mount(&bare)
        .await;
    Mock::given(matchers::path("/v1/client/status"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!([{"id": 1, "title": "신규"}, {"id": 2, "title": "계약"}])),
        )
        .mount(&bare)
        .await;
    let c = Client::builder().api_key("k").secret_key("s").base_url(bare.uri()).build().unwrap();
    let all: Vec<_> = c.clients(ClientsQuery::new()).try_collect().await.unwrap();
    assert_eq!(all.len(), 1);
    let statuses = c.client_statuses().await.unwrap();
    assert_eq!(
        statuses.value.iter().map(|s| s.title.clone().unwrap_or_default()).collect::<Vec<_>>(),
        ["신규", "계약"]
    );
}

#[tokio::test]
async fn create_and_delete_send_the_documented_requests() {
    let server = MockServer::start().await;
    Mock::given(matchers::method("POST"))
        .and(matchers::path("/v1/client"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": 41, "companyName": "새 고객"})))
        .mount(&server)
        .await;
    Mock::given(matchers::method("DELETE"))
        .and(matchers::path("/v1/client/41"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let c = Client::builder().api_key("k").secret_key("s").base_url(server.uri()).build().unwrap();
    let created = c.create_client(&json!({"companyName": "새 고객"})).await.unwrap();
    assert_eq!((created.value.id, created.status), (41, 201));
    let deleted = c.delete_client(41).await.unwrap();
    assert_eq!(deleted.status, 204);
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(reqs[0].body, r#"{"companyName":"새 고객"}"#.as_bytes());
    assert_eq!(reqs[0].headers.get("x-signature").unwrap().to_str().unwrap(), hmac_hex(b"s", &reqs[0].body));
    assert!(reqs[1].body.is_empty());
    assert_eq!(reqs[1].headers.get("x-signature").unwrap().to_str().unwrap(), hmac_hex(b"s", b""));
}

#[tokio::test]
async fn a_validation_message_echoing_a_secret_is_redacted() {
    let server = MockServer::start().await;
    Mock::given(matchers::method("PATCH"))
        .respond_with(
            ResponseTemplate::new(400)
                .set_body_json(json!({"inCharge": ["bad signature for SENTINEL-sek-7731"]})),
        )
        .mount(&server)
        .await;
    let c = Client::builder()
        .api_key("k")
        .secret_key("SENTINEL-sek-7731")
        .base_url(server.uri())
        .build()
        .unwrap();
    let e = c.update_client(1, &json!({"inCharge": "x"})).await.unwrap_err();
    assert!(e.message().contains("inCharge"), "{e}");
    assert!(!e.to_string().contains("SENTINEL-sek-7731"), "{e}");
    assert!(!format!("{e:?}").contains("SENTINEL-sek-7731"), "{e:?}");
}

#[tokio::test]
async fn a_list_item_that_does_not_match_names_its_field() {
    let server = MockServer::start().await;
    Mock::given(matchers::path("/v1/client"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"next": null, "results": [{"id": 1, "companyName": "가"}, {"id": "x", "companyName": "나"}]}),
        ))
        .mount(&server)
        .await;
    let c = Client::builder().api_key("k").secret_key("s").base_url(server.uri()).build().unwrap();
    let all: Vec<_> = futures::StreamExt::collect::<Vec<_>>(c.clients(ClientsQuery::new())).await;
    assert_eq!(all.len(), 1);
    let e = all[0].as_ref().unwrap_err();
    assert_eq!((e.kind(), e.field()), (ErrorKind::BadResponse, Some("results[1].id")), "{e}");
    assert!(e.raw().is_some());
}

#[tokio::test]
async fn the_generated_patch_type_is_a_body_too() {
    let server = MockServer::start().await;
    Mock::given(matchers::method("PATCH"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"id": 7, "companyName": "가", "inCharge": "김"})),
        )
        .mount(&server)
        .await;
    let c = Client::builder().api_key("k").secret_key("s").base_url(server.uri()).build().unwrap();
    let patch: pluuug_client::types::ClientPatch = serde_json::from_value(json!({"inCharge": "김"})).unwrap();
    c.update_client(7, &patch).await.unwrap();
    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(sent.body, serde_json::to_vec(&patch).unwrap());
    assert_eq!(sent.headers.get("x-signature").unwrap().to_str().unwrap(), hmac_hex(b"s", &sent.body));
}

#[tokio::test]
async fn a_body_the_generated_type_cannot_carry_is_a_config_error_before_sending() {
    let server = MockServer::start().await;
    Mock::given(matchers::any()).respond_with(ResponseTemplate::new(200)).mount(&server).await;
    let c = Client::builder().api_key("k").secret_key("s").base_url(server.uri()).build().unwrap();
    for (body, field) in [
        (json!({"inCharge": "김", "nope": 1}), "nope"),
        (json!({"email": null}), "email"),
        (json!({"companyName": 5}), "companyName"),
    ] {
        let e = c.update_client(7, &body).await.unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Config, "{e}");
        assert!(e.message().contains(field), "{e}");
    }
    let e = c.create_client(&json!({"inCharge": "x"})).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Config, "{e}");
    assert!(e.message().contains("companyName"), "{e}");
    assert!(server.received_requests().await.unwrap().is_empty(), "nothing sent");
}
