//! Listing through the shared model: snapshots of nd list items mapped to `Customer` (the spec's
//! documented example and `tests/fixtures/nd_list/`), and `CustomerSource::customers` over real
//! HTTP against the sandbox.

mod common;

use bytes::Bytes;
use customer_core::{CustomerSource, ErrorKind, Provider, nd::list_item as nd_list_item};
use futures::TryStreamExt;
use nd_client::types::CustomerListItem;

/// Every item of an nd page body, mapped with its own bytes as `raw`.
fn map_page(body: &[u8]) -> Vec<customer_core::Customer> {
    let body = Bytes::copy_from_slice(body);
    let items =
        crm_runtime::paginate::item_bytes(&body, &[&["data", "items"], &["items"]]).expect("an nd page");
    items
        .into_iter()
        .map(|raw| {
            let item: CustomerListItem = serde_json::from_slice(&raw).expect("a list item");
            nd_list_item(item, raw)
        })
        .collect()
}

#[test]
fn nd_list_spec_examples() {
    let spec = common::spec(Provider::Nd);
    let examples = &spec["paths"]["/api/customers/paginate"]["post"]["responses"]["200"]["content"]["application/json"]
        ["examples"];
    let examples = examples.as_mapping().expect("the paginate operation documents examples");
    for (name, example) in examples {
        let body = serde_json::to_vec(&example["value"]).unwrap();
        let customers = map_page(&body);
        assert!(!customers.is_empty());
        // `raw` is each item's own object, exactly as in the page.
        let first: serde_json::Value =
            serde_json::from_slice(customers[0].raw.as_ref().unwrap().as_bytes()).unwrap();
        assert_eq!(first, example["value"]["data"]["items"][0].clone().into_json());
        let customers: Vec<_> = customers.into_iter().map(|c| c.without_raw()).collect();
        insta::assert_json_snapshot!(format!("nd_list__spec__{}", name.as_str().unwrap()), customers);
    }
}

#[test]
fn nd_list_fixtures() {
    insta::glob!("fixtures/nd_list/*.json", |path| {
        let body = std::fs::read(path).expect("fixture");
        let customers: Vec<_> = map_page(&body).into_iter().map(|c| c.without_raw()).collect();
        insta::assert_json_snapshot!(customers);
    });
}

trait IntoJson {
    fn into_json(self) -> serde_json::Value;
}

impl IntoJson for serde_yaml::Value {
    fn into_json(self) -> serde_json::Value {
        serde_json::to_value(self).unwrap()
    }
}

#[tokio::test]
async fn nd_lists_every_sandbox_customer_through_the_trait() {
    let sandbox = customer_sandbox::Sandbox::start().await.unwrap();
    let mut b = nd_client::Client::builder().base_url(sandbox.base_url());
    if let Some(t) = &sandbox.credentials().nd_token {
        b = b.token(t);
    }
    let source: Box<dyn CustomerSource> = Box::new(b.build().unwrap());
    let customers: Vec<_> = source.customers().unwrap().try_collect().await.unwrap();
    let mut ids: Vec<_> = customers.iter().map(|c| c.id.clone()).collect();
    let mut expected = sandbox.customer_ids(customer_sandbox::Provider::Nd);
    ids.sort();
    expected.sort();
    assert_eq!(ids, expected);
    assert!(customers.iter().all(|c| c.provider == Provider::Nd && c.raw.is_some()));
}

#[test]
fn providers_without_a_documented_list_say_what_is_documented() {
    let gofive = gofive_client::Client::builder()
        .subscription_key("k")
        .client_id("i")
        .client_secret("s")
        .build()
        .unwrap();
    let e = gofive.customers().err().expect("gofive documents no list");
    assert_eq!(e.kind(), ErrorKind::Config);
    assert!(e.message().contains("GET /v3/customers/{customerCode}"), "{e}");
    let eshouhou = eshouhou_client::Client::builder().appid("a").app_secret("s").build().unwrap();
    let e = eshouhou.customers().err().expect("eshouhou documents no list");
    assert!(e.message().contains("GetCustomerContacts"), "{e}");
}

#[test]
fn pluuug_list_fixtures() {
    insta::glob!("fixtures/pluuug_list/*.json", |path| {
        let body = Bytes::from(std::fs::read(path).expect("fixture"));
        let items = crm_runtime::paginate::item_bytes(&body, &[&["results"], &[]]).expect("a Pluuug page");
        let customers: Vec<_> = items
            .into_iter()
            .map(|raw| {
                let client: pluuug_client::types::Client = serde_json::from_slice(&raw).expect("a client");
                customer_core::pluuug::map(client, raw).without_raw()
            })
            .collect();
        insta::assert_json_snapshot!(customers);
    });
}
