use std::time::Duration;

use customer_sandbox::{Provider, Sandbox};
use serde_json::{Value, json};

use crate::common::{
    eshouhou_get, eshouhou_sign, eshouhou_token, eshouhou_token_response, now_ms, status_json,
};

const EXAMPLE_ID: &str = "dc540ce7-5bc5-4275-b8fa-2004eb5839e3";

fn value_of<'a>(rows: &'a Value, key: &str) -> Option<&'a str> {
    rows.as_array()?.iter().find(|row| row["Key"] == key).and_then(|row| row["Value"].as_str())
}

#[tokio::test]
async fn signed_token_then_every_seeded_archive() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = eshouhou_token(&sandbox).await;
    let ids = sandbox.customer_ids(Provider::Eshouhou);
    assert_eq!(ids[0], EXAMPLE_ID);
    assert!(ids.len() >= 21);
    let mut stringly = 0;
    for id in &ids {
        let (status, body) = status_json(
            eshouhou_get(
                &sandbox,
                "/open/v2/Customer/GetCustomer",
                &[("access_token", &token), ("customerId", id)],
            )
            .await,
        )
        .await;
        assert_eq!(status, 200);
        assert!(body["ResultCode"] == 0 || body["ResultCode"] == "0", "{body}");
        stringly += usize::from(body["ResultCode"] == "0");
        let rows = &body["ResultValue"];
        assert!(value_of(rows, "客户编号").is_some_and(|v| v.starts_with("CF")), "{id}");
        assert!(value_of(rows, "客户名称").is_some());
        let tags = rows.as_array().unwrap().iter().find(|r| r["Key"] == "客户标签").unwrap();
        assert!(tags["ShowType"] == 6 || tags["ShowType"] == "6");
    }
    assert!(stringly >= 2);
}

#[tokio::test]
async fn documented_example_is_served_verbatim() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = eshouhou_token(&sandbox).await;
    let (_, body) = status_json(
        eshouhou_get(
            &sandbox,
            "/open/v2/Customer/GetCustomer",
            &[("access_token", &token), ("customerId", EXAMPLE_ID), ("serviceNetworkType", "1")],
        )
        .await,
    )
    .await;
    let rows = &body["ResultValue"];
    assert_eq!(rows.as_array().unwrap().len(), 24);
    assert_eq!(value_of(rows, "客户编号"), Some("CF00000179"));
    assert_eq!(value_of(rows, "客户标签"), Some("普通客户、VIP客户、高级客户"));
    assert_eq!(value_of(rows, "单选"), Some(""));
}

#[tokio::test]
async fn documented_sign_vector_matches_this_tests_signer() {
    assert_eq!(
        eshouhou_sign("ysh54dd4f8arinfx", "45e1cc23a7144a28ab110804491e3135", "1588239113429"),
        "70DC53194F29171C3B58C5158E9F6450"
    );
}

#[tokio::test]
async fn token_rejections_use_result_codes() {
    let sandbox = Sandbox::start().await.unwrap();
    let creds = sandbox.credentials().clone();
    let now = now_ms().to_string();
    let good_sign = eshouhou_sign(&creds.eshouhou_appid, &creds.eshouhou_app_secret, &now);

    let body =
        eshouhou_token_response(&sandbox, &[("appid", "nobody"), ("timestamp", &now), ("sign", &good_sign)])
            .await;
    assert_eq!(body, json!({"ResultCode": 40001, "ErrorMsg": "appid不存在", "ResultValue": null}));

    let wrong = eshouhou_sign(&creds.eshouhou_appid, "wrong-secret", &now);
    let body = eshouhou_token_response(
        &sandbox,
        &[("appid", &creds.eshouhou_appid), ("timestamp", &now), ("sign", &wrong)],
    )
    .await;
    assert_eq!(body, json!({"ResultCode": 40002, "ErrorMsg": "签名错误", "ResultValue": null}));

    let stale = (now_ms() - 11 * 60 * 1000).to_string();
    let stale_sign = eshouhou_sign(&creds.eshouhou_appid, &creds.eshouhou_app_secret, &stale);
    let body = eshouhou_token_response(
        &sandbox,
        &[("appid", &creds.eshouhou_appid), ("timestamp", &stale), ("sign", &stale_sign)],
    )
    .await;
    assert_eq!(body["ResultCode"], 40003);
    assert!(body["ResultValue"].is_null());

    let lower = good_sign.to_lowercase();
    let body = eshouhou_token_response(
        &sandbox,
        &[("appid", &creds.eshouhou_appid), ("timestamp", &now), ("sign", &lower), ("expire", "1")],
    )
    .await;
    assert_eq!(body["ResultCode"], 0, "lowercase hex is accepted: {body}");
    assert_eq!(body["ResultValue"]["expires_in"], 3600);

    let stats = sandbox.stats();
    assert_eq!(stats.token_requests(Provider::Eshouhou), 4);
    assert_eq!(stats.auth_failures(Provider::Eshouhou), 3);
}

#[tokio::test]
async fn expires_in_follows_the_configured_ttl() {
    let sandbox = Sandbox::builder().token_ttl(Duration::from_secs(900)).start().await.unwrap();
    let creds = sandbox.credentials().clone();
    let now = now_ms().to_string();
    let sign = eshouhou_sign(&creds.eshouhou_appid, &creds.eshouhou_app_secret, &now);
    let body = eshouhou_token_response(
        &sandbox,
        &[("appid", &creds.eshouhou_appid), ("timestamp", &now), ("sign", &sign), ("expire", "2")],
    )
    .await;
    assert_eq!(body["ResultValue"]["expires_in"], 900);
}

#[tokio::test]
async fn customer_calls_need_a_live_access_token() {
    let sandbox = Sandbox::start().await.unwrap();
    let invalid = json!({"ResultCode": 40100, "ErrorMsg": "access_token无效或已过期", "ResultValue": null});
    let id = sandbox.customer_ids(Provider::Eshouhou)[3].clone();
    for query in [vec![("customerId", id.as_str())], vec![("access_token", "bogus"), ("customerId", &id)]] {
        let (status, body) =
            status_json(eshouhou_get(&sandbox, "/open/v2/Customer/GetCustomer", &query).await).await;
        assert_eq!((status, body), (200, invalid.clone()));
    }
    let token = eshouhou_token(&sandbox).await;
    sandbox.expire_tokens();
    let (_, body) = status_json(
        eshouhou_get(
            &sandbox,
            "/open/v2/Customer/GetCustomer",
            &[("access_token", &token), ("customerId", &id)],
        )
        .await,
    )
    .await;
    assert_eq!(body, invalid);
    assert_eq!(sandbox.stats().auth_failures(Provider::Eshouhou), 3);
}

#[tokio::test]
async fn unknown_archive_is_an_empty_list() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = eshouhou_token(&sandbox).await;
    let (status, body) = status_json(
        eshouhou_get(
            &sandbox,
            "/open/v2/Customer/GetCustomer",
            &[("access_token", token.as_str()), ("customerId", "00000000-0000-0000-0000-000000000000")],
        )
        .await,
    )
    .await;
    assert_eq!((status, body), (200, json!({"ResultCode": 0, "ErrorMsg": "", "ResultValue": []})));
}

#[tokio::test]
async fn contacts_are_listed_per_customer_and_paged() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = eshouhou_token(&sandbox).await;
    let path = "/open/v2/Customer/GetCustomerContacts";
    let id = sandbox.customer_ids(Provider::Eshouhou)[3].clone();
    let (_, body) =
        status_json(eshouhou_get(&sandbox, path, &[("access_token", &token), ("customerId", &id)]).await)
            .await;
    let contacts = body["ResultValue"].as_array().unwrap();
    assert!(!contacts.is_empty());
    for contact in contacts {
        assert_eq!(contact["CustomerID"], json!(id));
        for key in [
            "ID",
            "CustomerName",
            "Name",
            "Gender",
            "Title",
            "Telephone",
            "Mail",
            "QQ",
            "WeChat",
            "Area",
            "Address",
            "Remark",
            "IsMain",
            "Country",
            "Dial",
            "Longitude",
            "Latitude",
        ] {
            assert!(contact.get(key).is_some(), "missing {key}");
        }
    }
    assert_eq!(contacts.iter().filter(|c| c["IsMain"] == true).count(), 1);

    let mut seen = Vec::new();
    for page in 1.. {
        let page = page.to_string();
        let (_, body) = status_json(
            eshouhou_get(
                &sandbox,
                path,
                &[("access_token", token.as_str()), ("pageIndex", &page), ("pageSize", "10")],
            )
            .await,
        )
        .await;
        let items = body["ResultValue"].as_array().unwrap().clone();
        let len = items.len();
        seen.extend(items.into_iter().map(|c| c["ID"].as_str().unwrap().to_owned()));
        if len < 10 {
            break;
        }
    }
    let unique: std::collections::HashSet<_> = seen.iter().collect();
    assert!(seen.len() > 21 && unique.len() == seen.len());
}
