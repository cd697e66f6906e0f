//! `Client::customers` over real HTTP on 127.0.0.1: the sandbox, and wiremock for the page cap and
//! a server that ignores `page`.

use std::time::Duration;

use customer_sandbox::{Provider, Sandbox};
use futures::{StreamExt, TryStreamExt};
use nd_client::{Client, Config, CustomersQuery, ErrorKind};
use serde_json::{Value, json};
use wiremock::{Mock, MockServer, Request, ResponseTemplate, matchers};

fn client(base_url: &str, token: Option<&str>) -> Client {
    let mut b = Client::builder()
        .base_url(base_url)
        .config(Config::default().with_backoff(Duration::from_millis(5), Duration::from_millis(20)));
    if let Some(t) = token {
        b = b.token(t);
    }
    b.build().unwrap()
}

#[tokio::test]
async fn lists_every_sandbox_customer_once_at_every_page_size() {
    let sandbox = Sandbox::start().await.unwrap();
    let c = client(&sandbox.base_url(), sandbox.credentials().nd_token.as_deref());
    let mut expected = sandbox.customer_ids(Provider::Nd);
    expected.sort();
    for size in [5, 7, 100, 1000] {
        let items: Vec<_> = c.customers(CustomersQuery::new().page_size(size)).try_collect().await.unwrap();
        let mut ids: Vec<String> = items.iter().map(|i| i.value.id.clone().unwrap_or_default()).collect();
        ids.sort();
        assert_eq!(ids, expected, "page_size {size}");
        // Each item's bytes are its own object in the page body.
        let first: Value = serde_json::from_slice(&items[0].raw).unwrap();
        assert_eq!(first["id"], json!(items[0].value.id));
        assert_eq!(items[0].page.total, Some(expected.len() as u64));
    }
}

#[tokio::test]
async fn a_page_size_outside_the_documented_bounds_fails_before_sending() {
    let server = MockServer::start().await;
    let c = client(&server.uri(), None);
    for size in [0, 4, 1001] {
        let all: Vec<_> = c.customers(CustomersQuery::new().page_size(size)).collect().await;
        assert_eq!(all.len(), 1);
        let e = all[0].as_ref().unwrap_err();
        assert_eq!((e.kind(), e.field()), (ErrorKind::Config, Some("page_size")), "{e}");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

/// Answers every page full: `size` customers numbered from the page, `total` as given.
fn full_pages(total: Option<u64>) -> impl Fn(&Request) -> ResponseTemplate {
    move |req: &Request| {
        let body: Value = serde_json::from_slice(&req.body).unwrap();
        let (page, size) = (body["page"].as_u64().unwrap(), body["page_size"].as_u64().unwrap());
        let items: Vec<Value> =
            (0..size).map(|i| json!({"id": format!("{}", (page - 1) * size + i), "name": "客户"})).collect();
        let mut data = json!({"items": items, "page": page, "page_size": size});
        if let Some(t) = total {
            data["total"] = json!(t);
        }
        ResponseTemplate::new(200).set_body_json(json!({"code": 0, "message": "success", "data": data}))
    }
}

#[tokio::test]
async fn more_customers_than_100_pages_reach_end_with_a_page_cap_error() {
    for total in [Some(503), None] {
        let server = MockServer::start().await;
        Mock::given(matchers::path("/api/customers/paginate"))
            .respond_with(full_pages(total))
            .mount(&server)
            .await;
        let c = client(&server.uri(), None);
        let all: Vec<_> = c.customers(CustomersQuery::new().page_size(5)).collect().await;
        assert_eq!(all.len(), 501, "500 reachable customers, then the error ({total:?})");
        assert!(all[..500].iter().all(Result::is_ok));
        let e = all[500].as_ref().unwrap_err();
        assert!(e.is_page_cap(), "{e:?}");
        assert_eq!(e.kind(), ErrorKind::ProviderError);
        assert!(e.message().contains("100 pages of 5 (500 records)"), "{e}");
        if total.is_some() {
            assert!(e.message().contains("503 match, 3 not listed"), "{e}");
        }
        let requests = server.received_requests().await.unwrap();
        assert_eq!(requests.len(), 100, "page 101 would fail the documented rule; never sent");
    }
}

/// A list continued from page 41 (`first_page`) asks for pages 41..=100 only, says where each
/// item was (`PageInfo::cursor` / `next_cursor` / `items`), and still stops at the documented cap
/// with the whole query's counts.
#[tokio::test]
async fn a_list_from_a_later_page_keeps_the_cap_and_names_its_pages() {
    let server = MockServer::start().await;
    Mock::given(matchers::path("/api/customers/paginate"))
        .respond_with(full_pages(Some(503)))
        .mount(&server)
        .await;
    let c = client(&server.uri(), None);
    let all: Vec<_> = c.customers(CustomersQuery::new().page_size(5).first_page(41)).collect().await;
    assert_eq!(all.len(), 301, "pages 41..=100, then the cap error");
    let first = all[0].as_ref().unwrap();
    assert_eq!(first.value.id.as_deref(), Some("200"));
    assert_eq!(
        (first.page.cursor.as_deref(), first.page.next_cursor.as_deref(), first.page.items),
        (Some("41"), Some("42"), 5)
    );
    let e = all[300].as_ref().unwrap_err();
    assert!(e.is_page_cap(), "{e:?}");
    assert!(e.message().contains("100 pages of 5 (500 records)"), "{e}");
    assert!(e.message().contains("503 match, 3 not listed"), "{e}");
    let pages: Vec<u64> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| serde_json::from_slice::<Value>(&r.body).unwrap()["page"].as_u64().unwrap())
        .collect();
    assert_eq!(pages, (41..=100).collect::<Vec<_>>());
}

#[tokio::test]
async fn exactly_100_full_pages_with_a_total_is_complete() {
    let server = MockServer::start().await;
    Mock::given(matchers::path("/api/customers/paginate"))
        .respond_with(full_pages(Some(500)))
        .mount(&server)
        .await;
    let items: Vec<_> = client(&server.uri(), None)
        .customers(CustomersQuery::new().page_size(5))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items.len(), 500);
}

#[tokio::test]
async fn a_server_that_ignores_page_is_caught() {
    let server = MockServer::start().await;
    let items: Vec<Value> = (0..5).map(|i| json!({"id": i.to_string()})).collect();
    Mock::given(matchers::path("/api/customers/paginate"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"code": 0, "data": {"items": items}})))
        .mount(&server)
        .await;
    let all: Vec<_> =
        client(&server.uri(), None).customers(CustomersQuery::new().page_size(5)).collect().await;
    assert_eq!(all.len(), 6);
    assert_eq!(all[5].as_ref().unwrap_err().kind(), ErrorKind::BadResponse);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn conditions_sorts_and_page_travel_in_the_body() {
    let server = MockServer::start().await;
    Mock::given(matchers::path("/api/customers/paginate"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"code": 0, "data": {"items": []}})))
        .mount(&server)
        .await;
    let query = CustomersQuery::new()
        .page_size(50)
        .condition(json!({"field": "type", "value": "CLIENT"}))
        .sort(json!("-id"));
    let none: Vec<_> = client(&server.uri(), None).customers(query).try_collect().await.unwrap();
    assert!(none.is_empty());
    let sent: Value = serde_json::from_slice(&server.received_requests().await.unwrap()[0].body).unwrap();
    assert_eq!(
        sent,
        json!({"page": 1, "page_size": 50, "conditions": [{"field": "type", "value": "CLIENT"}], "sorts": ["-id"]})
    );
}
