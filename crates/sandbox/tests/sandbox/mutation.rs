//! The mutation knob (issue 25's sync tests): change, delete and add customers while the sandbox
//! runs, for nd and Pluuug (list and detail reflect it), and a list page that fails N times.

use customer_sandbox::{Provider, Sandbox};
use serde_json::json;

use crate::common::{nd_get, nd_paginate, pluuug_get, status_json};

#[tokio::test]
async fn nd_change_delete_add_show_in_list_and_detail() {
    let sandbox = Sandbox::start().await.unwrap();
    let ids = sandbox.customer_ids(Provider::Nd);
    let (changed, deleted) = (ids[1].clone(), ids[2].clone());
    assert!(sandbox.change_customer(Provider::Nd, &changed, &json!({"name": "改过的名字", "rank": 7})));
    assert!(sandbox.delete_customer(Provider::Nd, &deleted));
    assert!(!sandbox.delete_customer(Provider::Nd, &deleted));
    assert!(sandbox.add_customer(Provider::Nd, "added0000000000000000001", &json!({"name": "新客户"})));
    assert!(!sandbox.add_customer(Provider::Nd, "added0000000000000000001", &json!({})));

    let (_, detail) = status_json(nd_get(&sandbox, &changed).await).await;
    assert_eq!((&detail["name"], &detail["rank"]), (&json!("改过的名字"), &json!(7)));
    let (status, _) = status_json(nd_get(&sandbox, &deleted).await).await;
    assert_eq!(status, 404);
    let (_, added) = status_json(nd_get(&sandbox, "added0000000000000000001").await).await;
    assert_eq!((&added["id"], &added["name"]), (&json!("added0000000000000000001"), &json!("新客户")));

    let (_, page) = status_json(nd_paginate(&sandbox, &json!({"page": 1, "page_size": 1000})).await).await;
    let items = page["data"]["items"].as_array().unwrap();
    assert_eq!(page["data"]["total"], json!(ids.len()));
    assert_eq!(items.len(), ids.len());
    assert!(items.iter().all(|i| i["id"] != json!(deleted)));
    assert!(items.iter().any(|i| i["id"] == json!(changed) && i["name"] == "改过的名字"));
    assert_eq!(items.last().unwrap()["name"], "新客户");
    assert_eq!(sandbox.customer_ids(Provider::Nd).len(), ids.len());
}

#[tokio::test]
async fn nd_list_page_fails_the_given_number_of_times() {
    let sandbox = Sandbox::start().await.unwrap();
    sandbox.fail_list_page(Provider::Nd, 2, 1);
    let page = |n: u32| json!({"page": n, "page_size": 5});
    assert_eq!(status_json(nd_paginate(&sandbox, &page(1)).await).await.0, 200);
    let (status, body) = status_json(nd_paginate(&sandbox, &page(2)).await).await;
    assert_eq!((status, &body["code"]), (500, &json!(500)));
    assert_eq!(status_json(nd_paginate(&sandbox, &page(2)).await).await.0, 200);
    sandbox.fail_list_page(Provider::Nd, 3, u32::MAX);
    sandbox.fail_list_page(Provider::Nd, 3, 0);
    assert_eq!(status_json(nd_paginate(&sandbox, &page(3)).await).await.0, 200);
}

#[tokio::test]
async fn pluuug_change_delete_add_and_a_failing_cursor_page() {
    let sandbox = Sandbox::start().await.unwrap();
    let ids = sandbox.customer_ids(Provider::Pluuug);
    assert!(sandbox.change_customer(Provider::Pluuug, &ids[0], &json!({"companyName": "바뀐 회사"})));
    assert!(sandbox.delete_customer(Provider::Pluuug, &ids[1]));
    assert!(sandbox.add_customer(Provider::Pluuug, "424242", &json!({"companyName": "새 회사"})));
    let (_, detail) = status_json(pluuug_get(&sandbox, &format!("/v1/client/{}", ids[0])).await).await;
    assert_eq!(detail["companyName"], "바뀐 회사");
    assert_eq!(status_json(pluuug_get(&sandbox, &format!("/v1/client/{}", ids[1])).await).await.0, 404);
    let (_, added) = status_json(pluuug_get(&sandbox, "/v1/client/424242").await).await;
    assert_eq!((&added["id"], &added["companyName"]), (&json!(424242), &json!("새 회사")));

    let (_, list) = status_json(pluuug_get(&sandbox, "/v1/client?page_size=1000").await).await;
    let results = list["results"].as_array().unwrap();
    assert_eq!(results.len(), ids.len());
    assert_eq!(results.last().unwrap()["companyName"], "새 회사");

    sandbox.fail_list_page(Provider::Pluuug, 2, 1);
    let (_, first) = status_json(pluuug_get(&sandbox, "/v1/client?page_size=2").await).await;
    let next = first["next"].as_str().unwrap().to_string();
    let path = &next[next.find("/v1/").unwrap()..];
    let (status, body) = status_json(pluuug_get(&sandbox, path).await).await;
    assert_eq!((status, &body["detail"]), (500, &json!("A server error occurred.")));
    assert_eq!(status_json(pluuug_get(&sandbox, path).await).await.0, 200);
}
