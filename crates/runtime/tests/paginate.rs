//! The paginator over real HTTP (wiremock on 127.0.0.1): every way a stream ends.

use crm_runtime::{Error, ErrorKind, Page, Pagination, paginate};
use futures_util::{FutureExt, StreamExt, TryStreamExt};
use serde_json::{Value, json};
use wiremock::{Mock, MockServer, ResponseTemplate, matchers};

/// Mounts `body` as the answer to `GET /list?page=N`.
async fn page(server: &MockServer, n: u32, body: Value) {
    Mock::given(matchers::method("GET"))
        .and(matchers::path("/list"))
        .and(matchers::query_param("page", n.to_string()))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(server)
        .await;
}

/// A page-number list over `server`: `{items, next, total}`, next page = the body's `next`.
fn list(server: &MockServer, rules: Pagination) -> crm_runtime::ListStream<Value> {
    let base = server.uri();
    let http = reqwest::Client::new();
    paginate(rules, 1u32, move |n| {
        let (http, base) = (http.clone(), base.clone());
        async move {
            let res = http
                .get(format!("{base}/list?page={n}"))
                .send()
                .await
                .map_err(|e| Error::new(ErrorKind::Transport, "t", "list", e.to_string()))?;
            let status = res.status().as_u16();
            if status != 200 {
                return Err(Error::new(ErrorKind::ProviderError, "t", "list", format!("HTTP {status}")));
            }
            let raw = res.bytes().await.unwrap();
            let body: Value = serde_json::from_slice(&raw).unwrap();
            let items = body["items"].as_array().cloned().unwrap_or_default();
            let next = body["next"].as_u64().map(|n| n as u32);
            Ok(Page::new(items, raw, status).with_next(next).with_total(body["total"].as_u64()))
        }
        .boxed()
    })
}

fn rules() -> Pagination {
    Pagination::new("t", "list", &[&["items"]])
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

fn ids(items: &[crm_runtime::Listed<Value>]) -> Vec<i64> {
    items.iter().map(|i| i.value["id"].as_i64().unwrap()).collect()
}

#[tokio::test]
async fn stops_after_the_page_without_a_next() {
    let server = MockServer::start().await;
    page(&server, 1, json!({"items": [{"id": 1}, {"id": 2}], "next": 2})).await;
    page(&server, 2, json!({"items": [{"id": 3}], "next": null})).await;
    let items: Vec<_> = list(&server, rules()).try_collect().await.unwrap();
    assert_eq!(ids(&items), [1, 2, 3]);
    assert_eq!(requests(&server).await, 2);
    // Each item keeps its own bytes and its page.
    assert_eq!(&items[2].raw[..], br#"{"id":3}"#);
    assert_eq!(items[2].page.number, 2);
    assert!(items[0].page.raw.starts_with(b"{"));
}

#[tokio::test]
async fn stops_on_an_empty_page() {
    let server = MockServer::start().await;
    page(&server, 1, json!({"items": [{"id": 1}], "next": 2})).await;
    page(&server, 2, json!({"items": [], "next": 3})).await;
    let items: Vec<_> = list(&server, rules()).try_collect().await.unwrap();
    assert_eq!(ids(&items), [1]);
    assert_eq!(requests(&server).await, 2, "no request after the empty page");
}

#[tokio::test]
async fn a_repeated_cursor_ends_with_bad_response_after_the_items() {
    let server = MockServer::start().await;
    page(&server, 1, json!({"items": [{"id": 1}], "next": 2})).await;
    page(&server, 2, json!({"items": [{"id": 2}], "next": 1})).await;
    let all: Vec<Result<_, Error>> = list(&server, rules()).collect().await;
    assert_eq!(all.len(), 3);
    let e = all[2].as_ref().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadResponse);
    assert!(e.message().contains("did not advance"), "{e}");
    assert_eq!(requests(&server).await, 2, "cursor 1 is not fetched again");
}

#[tokio::test]
async fn a_server_ignoring_the_page_parameter_ends_with_bad_response() {
    let server = MockServer::start().await;
    // Every page number gets the first page again, with a fresh `next`.
    for n in 1..=3 {
        page(&server, n, json!({"items": [{"id": 1}, {"id": 2}], "next": n + 1, "page": n})).await;
    }
    let all: Vec<Result<_, Error>> = list(&server, rules()).collect().await;
    let oks: Vec<_> = all.iter().filter_map(|r| r.as_ref().ok()).cloned().collect();
    assert_eq!(ids(&oks), [1, 2], "the repeated items are not yielded twice");
    let e = all.last().unwrap().as_ref().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadResponse);
    assert!(e.message().contains("repeats the items of an earlier page"), "{e}");
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn the_page_cap_ends_with_a_typed_error_after_every_reachable_item() {
    let server = MockServer::start().await;
    for n in 1..=3 {
        page(&server, n, json!({"items": [{"id": n * 10}, {"id": n * 10 + 1}], "next": n + 1, "total": 7}))
            .await;
    }
    let all: Vec<Result<_, Error>> = list(&server, rules().with_cap(3, 2)).collect().await;
    assert_eq!(all.len(), 7);
    let oks: Vec<_> = all[..6].iter().map(|r| r.as_ref().unwrap().clone()).collect();
    assert_eq!(ids(&oks), [10, 11, 20, 21, 30, 31]);
    let e = all[6].as_ref().unwrap_err();
    assert!(e.is_page_cap(), "{e:?}");
    assert_eq!(e.kind(), ErrorKind::ProviderError);
    assert_eq!(e.code(), Some("page_cap"));
    assert!(e.message().contains("at most 3 pages of 2 (6 records)"), "{e}");
    assert!(e.message().contains("7 match, 1 not listed"), "{e}");
    assert_eq!(requests(&server).await, 3, "page 4 is never requested");
}

#[tokio::test]
async fn the_last_page_at_the_cap_is_no_error() {
    let server = MockServer::start().await;
    page(&server, 1, json!({"items": [{"id": 1}], "next": 2})).await;
    page(&server, 2, json!({"items": [{"id": 2}], "next": null})).await;
    let items: Vec<_> = list(&server, rules().with_cap(2, 1)).try_collect().await.unwrap();
    assert_eq!(ids(&items), [1, 2]);
}

#[tokio::test]
async fn pages_are_fetched_only_as_items_are_consumed() {
    let server = MockServer::start().await;
    for n in 1..=5 {
        page(&server, n, json!({"items": [{"id": n}, {"id": n + 100}], "next": n + 1})).await;
    }
    let first: Vec<_> = list(&server, rules()).take(3).try_collect().await.unwrap();
    assert_eq!(ids(&first), [1, 101, 2]);
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn a_failing_page_ends_the_stream_with_its_error() {
    let server = MockServer::start().await;
    page(&server, 1, json!({"items": [{"id": 1}], "next": 2})).await;
    Mock::given(matchers::query_param("page", "2"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    let all: Vec<Result<_, Error>> = list(&server, rules()).collect().await;
    assert_eq!(all.len(), 2);
    assert!(all[0].is_ok());
    assert_eq!(all[1].as_ref().unwrap_err().kind(), ErrorKind::ProviderError);
    assert!(!all[1].as_ref().unwrap_err().is_page_cap());
}
