//! `Client::fields` over real HTTP on 127.0.0.1: the sandbox's DRF cursor pages (signed GETs), and
//! wiremock for a `next` link that points back.

use customer_sandbox::Sandbox;
use futures::{StreamExt, TryStreamExt};
use pluuug_client::{Client, ErrorKind, FieldsQuery, types::ListFieldsCategory};
use serde_json::json;
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

#[tokio::test]
async fn following_next_cursors_lists_what_one_big_page_holds() {
    let sandbox = Sandbox::start().await.unwrap();
    let c = client(&sandbox);
    let all = c.list_fields(None, None, Some(1000)).await.unwrap();
    assert!(all.value.next.is_none());
    assert!(all.value.results.len() >= 3);
    let expected: Vec<_> = all.value.results.iter().map(|f| f.id).collect();
    for size in [1, 2, 1000] {
        let items: Vec<_> = c.fields(FieldsQuery::new().page_size(size)).try_collect().await.unwrap();
        assert_eq!(items.iter().map(|f| f.value.id).collect::<Vec<_>>(), expected, "page size {size}");
        assert_eq!(items.last().unwrap().page.number as usize, expected.len().div_ceil(size as usize));
    }
    let clients: Vec<_> = c
        .fields(FieldsQuery::new().category(ListFieldsCategory::Co).page_size(1))
        .try_collect()
        .await
        .unwrap();
    assert!(!clients.is_empty() && clients.len() < expected.len());
}

#[tokio::test]
async fn a_next_link_back_to_a_visited_cursor_ends_with_an_error() {
    let server = MockServer::start().await;
    let uri = server.uri();
    Mock::given(matchers::path("/v1/field"))
        .and(matchers::query_param_is_missing("cursor"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"next": format!("{uri}/v1/field?cursor=b"), "previous": null, "results": [{"id": 1}]}),
        ))
        .mount(&server)
        .await;
    Mock::given(matchers::path("/v1/field"))
        .and(matchers::query_param("cursor", "b"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"next": format!("{uri}/v1/field?cursor=b"), "previous": null, "results": [{"id": 2}]}),
        ))
        .mount(&server)
        .await;
    let c = Client::builder().api_key("k").secret_key("s").base_url(&uri).build().unwrap();
    let all: Vec<_> = c.fields(FieldsQuery::new()).collect().await;
    assert_eq!(all.len(), 3);
    assert_eq!(all[1].as_ref().unwrap().value.id, Some(2));
    assert_eq!(all[2].as_ref().unwrap_err().kind(), ErrorKind::BadResponse);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}
