//! `Client::customer_contacts` over real HTTP on 127.0.0.1: the sandbox, and wiremock for a server
//! that ignores `pageIndex`.

use std::time::Duration;

use customer_sandbox::Sandbox;
use eshouhou_client::{Client, Config, ContactsQuery, ErrorKind};
use futures::{StreamExt, TryStreamExt};
use serde_json::{Value, json};
use wiremock::{Mock, MockServer, ResponseTemplate, matchers};

fn client(base_url: &str, appid: &str, secret: &str) -> Client {
    Client::builder()
        .appid(appid)
        .app_secret(secret)
        .base_url(base_url)
        .config(Config::default().with_backoff(Duration::from_millis(5), Duration::from_millis(20)))
        .build()
        .unwrap()
}

fn sandbox_client(sandbox: &Sandbox) -> Client {
    let c = sandbox.credentials();
    client(&sandbox.base_url(), &c.eshouhou_appid, &c.eshouhou_app_secret)
}

fn ids(items: &[eshouhou_client::Listed<eshouhou_client::types::CustomerContact>]) -> Vec<String> {
    items.iter().map(|c| c.value.id.clone().unwrap_or_default()).collect()
}

#[tokio::test]
async fn every_page_size_lists_the_same_contacts_as_one_big_page() {
    let sandbox = Sandbox::start().await.unwrap();
    let c = sandbox_client(&sandbox);
    let one_page = c.get_customer_contacts(None, Some(1), Some(1000), None, None).await.unwrap();
    assert!(one_page.value.len() >= 3, "the sandbox seeds several contacts");
    let expected: Vec<String> = one_page.value.iter().map(|c| c.id.clone().unwrap_or_default()).collect();
    for size in [1, 2, 3, 1000] {
        let items: Vec<_> =
            c.customer_contacts(ContactsQuery::new().page_size(size)).try_collect().await.unwrap();
        assert_eq!(ids(&items), expected, "page size {size}");
        let first: Value = serde_json::from_slice(&items[0].raw).unwrap();
        assert_eq!(first["ID"], json!(expected[0]));
    }
}

#[tokio::test]
async fn filters_travel_as_documented() {
    let server = MockServer::start().await;
    Mock::given(matchers::path("/api/TokenApi"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"ResultCode": 0, "ResultValue": {"access_token": "tok", "expires_in": 7200}}),
        ))
        .mount(&server)
        .await;
    Mock::given(matchers::path("/open/v2/Customer/GetCustomerContacts"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ResultCode": 0, "ResultValue": []})))
        .mount(&server)
        .await;
    let c = client(&server.uri(), "app", "secret");
    let query = ContactsQuery::new().customer_name("上海").telephone("138").search_key("k").page_size(20);
    let none: Vec<_> = c.customer_contacts(query).try_collect().await.unwrap();
    assert!(none.is_empty());
    let reqs = server.received_requests().await.unwrap();
    let list = reqs.iter().find(|r| r.url.path().ends_with("GetCustomerContacts")).unwrap();
    let q: std::collections::HashMap<_, _> = list.url.query_pairs().into_owned().collect();
    assert_eq!(q["pageIndex"], "1");
    assert_eq!(q["pageSize"], "20");
    assert_eq!(q["searchKey"], "k");
    let condition: Value = serde_json::from_str(&q["condition"]).unwrap();
    assert_eq!(condition, json!({"sys_customername": "上海", "sys_telephone": "138"}));
}

#[tokio::test]
async fn a_server_that_ignores_page_index_is_caught() {
    let server = MockServer::start().await;
    Mock::given(matchers::path("/api/TokenApi"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"ResultCode": 0, "ResultValue": {"access_token": "tok", "expires_in": 7200}}),
        ))
        .mount(&server)
        .await;
    let page: Vec<Value> = (0..2).map(|i| json!({"ID": format!("c{i}"), "Name": "张三"})).collect();
    Mock::given(matchers::path("/open/v2/Customer/GetCustomerContacts"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ResultCode": 0, "ResultValue": page})))
        .mount(&server)
        .await;
    let all: Vec<_> = client(&server.uri(), "app", "secret")
        .customer_contacts(ContactsQuery::new().page_size(2))
        .collect()
        .await;
    assert_eq!(all.len(), 3);
    let e = all[2].as_ref().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadResponse, "{e}");
}
