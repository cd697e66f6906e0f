use std::time::Duration;

use customer_sandbox::{Provider, Sandbox};
use serde_json::{Value, json};

use crate::common::{
    eshouhou_get, eshouhou_sign, eshouhou_token, eshouhou_token_response, now_ms, status_json,
};

const EXAMPLE_ID: &str = "dc540ce7-5bc5-4275-b8fa-2004eb5839e3";

/// `GetCustomer` with `query`: the status and the JSON body.
async fn get_customer(sandbox: &Sandbox, query: &[(&str, &str)]) -> (u16, Value) {
    status_json(eshouhou_get(sandbox, "/open/v2/Customer/GetCustomer", query).await).await
}

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
        let (status, body) = get_customer(&sandbox, &[("access_token", &token), ("customerId", id)]).await;
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
    let (_, body) = get_customer(
        &sandbox,
        &[("access_token", &token), ("customerId", EXAMPLE_ID), ("serviceNetworkType", "1")],
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

    // The docs compute the sign as uppercase hex (issue 12): lowercase is a wrong sign.
    let lower = good_sign.to_lowercase();
    let body = eshouhou_token_response(
        &sandbox,
        &[("appid", &creds.eshouhou_appid), ("timestamp", &now), ("sign", &lower)],
    )
    .await;
    assert_eq!(body, json!({"ResultCode": 40002, "ErrorMsg": "签名错误", "ResultValue": null}));

    let body = eshouhou_token_response(
        &sandbox,
        &[("appid", &creds.eshouhou_appid), ("timestamp", &now), ("sign", &good_sign), ("expire", "1")],
    )
    .await;
    assert_eq!(body["ResultCode"], 0, "{body}");
    assert_eq!(body["ResultValue"]["expires_in"], 3600);

    let stats = sandbox.stats();
    assert_eq!(stats.token_requests(Provider::Eshouhou), 4);
    assert_eq!(stats.auth_failures(Provider::Eshouhou), 3);
}

#[tokio::test]
async fn the_vendors_worked_example_gets_a_token_by_default() {
    // appid, appSecret, timestamp and sign exactly as the token page shows them (2020-04-30).
    let sandbox = Sandbox::start().await.unwrap();
    let body = eshouhou_token_response(
        &sandbox,
        &[
            ("appid", "ysh54dd4f8arinfx"),
            ("timestamp", "1588239113429"),
            ("sign", "70DC53194F29171C3B58C5158E9F6450"),
        ],
    )
    .await;
    assert_eq!(body["ResultCode"], 0, "{body}");
    // No `expire`: the documented default of 2 hours.
    assert_eq!(body["ResultValue"]["expires_in"], 7200);
    let body = eshouhou_token_response(
        &sandbox,
        &[
            ("appid", "ysh54dd4f8arinfx"),
            ("timestamp", "1588239113429"),
            ("sign", "70DC53194F29171C3B58C5158E9F6450"),
            ("expire", "24"),
        ],
    )
    .await;
    assert_eq!(body["ResultValue"]["expires_in"], 86_400);
}

#[tokio::test]
async fn timestamp_freshness_is_an_opt_in_assumption() {
    let sandbox =
        Sandbox::builder().eshouhou_timestamp_window(Duration::from_secs(600)).start().await.unwrap();
    let creds = sandbox.credentials().clone();
    for (timestamp, code) in [((now_ms() - 11 * 60 * 1000).to_string(), 40003), (now_ms().to_string(), 0)] {
        let sign = eshouhou_sign(&creds.eshouhou_appid, &creds.eshouhou_app_secret, &timestamp);
        let body = eshouhou_token_response(
            &sandbox,
            &[("appid", &creds.eshouhou_appid), ("timestamp", &timestamp), ("sign", &sign)],
        )
        .await;
        assert_eq!(body["ResultCode"], code, "{body}");
    }
    assert_eq!(sandbox.stats().auth_failures(Provider::Eshouhou), 1);
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
        let (status, body) = get_customer(&sandbox, &query).await;
        assert_eq!((status, body), (200, invalid.clone()));
    }
    let token = eshouhou_token(&sandbox).await;
    sandbox.expire_tokens();
    let (_, body) = get_customer(&sandbox, &[("access_token", &token), ("customerId", &id)]).await;
    assert_eq!(body, invalid);
    assert_eq!(sandbox.stats().auth_failures(Provider::Eshouhou), 3);
}

#[tokio::test]
async fn unknown_archive_is_an_empty_list() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = eshouhou_token(&sandbox).await;
    let (status, body) = get_customer(
        &sandbox,
        &[("access_token", token.as_str()), ("customerId", "00000000-0000-0000-0000-000000000000")],
    )
    .await;
    assert_eq!((status, body), (200, json!({"ResultCode": 0, "ErrorMsg": "", "ResultValue": []})));
}

/// The `condition` query parameter: JSON text with the documented keys.
fn condition(pairs: &[(&str, &str)]) -> String {
    let mut all = serde_json::Map::new();
    for key in ["sys_customername", "sys_name", "sys_telephone", "sys_title", "sys_startdate", "sys_enddate"]
    {
        all.insert(key.into(), json!(""));
    }
    for (key, value) in pairs {
        all.insert((*key).into(), json!(value));
    }
    Value::Object(all).to_string()
}

#[tokio::test]
async fn contacts_are_filtered_by_the_documented_condition_and_paged() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = eshouhou_token(&sandbox).await;
    let path = "/open/v2/Customer/GetCustomerContacts";
    let by_name = condition(&[("sys_customername", "深圳市创芯智能电子有限公司")]);
    let (_, body) =
        status_json(eshouhou_get(&sandbox, path, &[("access_token", &token), ("condition", &by_name)]).await)
            .await;
    let contacts = body["ResultValue"].as_array().unwrap();
    assert!(!contacts.is_empty());
    let customer_id = contacts[0]["CustomerID"].clone();
    for contact in contacts {
        assert_eq!(contact["CustomerName"], "深圳市创芯智能电子有限公司");
        assert_eq!(contact["CustomerID"], customer_id);
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

    // A substring, several keys at once, and the created-date range.
    let (_, body) = status_json(
        eshouhou_get(
            &sandbox,
            path,
            &[
                ("access_token", &token),
                ("condition", &condition(&[("sys_customername", "有限公司"), ("sys_title", "负责人")])),
            ],
        )
        .await,
    )
    .await;
    let heads = body["ResultValue"].as_array().unwrap();
    assert!(heads.len() >= 10);
    assert!(
        heads
            .iter()
            .all(|c| c["Title"] == "负责人" && c["CustomerName"].as_str().unwrap().contains("有限公司"))
    );
    let (_, body) = status_json(
        eshouhou_get(
            &sandbox,
            path,
            &[
                ("access_token", &token),
                (
                    "condition",
                    &condition(&[
                        ("sys_startdate", "2021-01-01"),
                        ("sys_enddate", "2021-12-31"),
                        ("sys_title", "负责人"),
                    ]),
                ),
                ("pageSize", "100"),
            ],
        )
        .await,
    )
    .await;
    let in_2021: Vec<&str> =
        body["ResultValue"].as_array().unwrap().iter().map(|c| c["CustomerName"].as_str().unwrap()).collect();
    // The main contacts of the customers created in 2021 (创建时间).
    assert_eq!(in_2021, ["北京华信科技有限公司", "南京金陵医疗器械有限公司", "青岛海滨食品有限公司"]);

    // The undocumented customerId is not a filter.
    let (_, body) = status_json(
        eshouhou_get(
            &sandbox,
            path,
            &[("access_token", &token), ("customerId", customer_id.as_str().unwrap()), ("pageSize", "1000")],
        )
        .await,
    )
    .await;
    assert!(body["ResultValue"].as_array().unwrap().len() > 21);

    // A condition that is not a JSON object.
    let (status, body) = status_json(
        eshouhou_get(&sandbox, path, &[("access_token", &token), ("condition", "sys_name=x")]).await,
    )
    .await;
    assert_eq!((status, &body["ResultCode"]), (200, &json!(40000)));

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

#[tokio::test]
async fn some_archives_carry_null_number_and_boolean_values() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = eshouhou_token(&sandbox).await;
    let (mut nulls, mut numbers, mut booleans) = (0, 0, 0);
    for id in sandbox.customer_ids(Provider::Eshouhou) {
        let (_, body) = get_customer(&sandbox, &[("access_token", &token), ("customerId", &id)]).await;
        for row in body["ResultValue"].as_array().unwrap() {
            match &row["Value"] {
                Value::Null => nulls += 1,
                Value::Number(_) => numbers += 1,
                Value::Bool(_) => booleans += 1,
                _ => {}
            }
        }
    }
    assert!(nulls >= 3 && numbers >= 3 && booleans >= 3, "{nulls} {numbers} {booleans}");
}
