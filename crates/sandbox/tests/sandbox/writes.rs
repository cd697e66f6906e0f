//! The documented writes, stateful in memory: a write changes what the next read returns.

use base64::Engine as _;
use customer_sandbox::{Provider, Sandbox};
use reqwest::Method;
use serde_json::{Value, json};

use crate::common::{
    gofive_get, gofive_token, gofive_token_response, gofive_upsert, http, nd_get, nd_paginate, nd_put,
    pluuug_get, pluuug_send, pluuug_signature, status_json,
};

// ---------------------------------------------------------------- Pluuug

#[tokio::test]
async fn pluuug_patch_is_signed_over_the_exact_bytes_and_sticks() {
    let sandbox = Sandbox::start().await.unwrap();
    // Korean text, unescaped, with spacing a re-serializer would not keep.
    let body = r#"{ "companyName": "주식회사 새이름",  "content": "메모 — 수정됨", "status": {"id": 3} }"#;
    let (status, client) =
        status_json(pluuug_send(&sandbox, Method::PATCH, "/v1/client/1002", body.as_bytes()).await).await;
    assert_eq!(status, 200, "{client}");
    assert_eq!(client["id"], 1002);
    assert_eq!(client["companyName"], "주식회사 새이름");
    assert_eq!(client["status"], json!({"id": 3, "title": "계약 완료"}));
    // Untouched fields stay.
    assert_eq!(client["ceoName"], "박성호");
    let (_, fetched) = status_json(pluuug_get(&sandbox, "/v1/client/1002").await).await;
    assert_eq!(fetched, client);

    // A signature over other bytes (the same JSON re-serialized) is rejected.
    let creds = sandbox.credentials();
    let compact = serde_json::to_vec(&serde_json::from_str::<Value>(body).unwrap()).unwrap();
    let response = http()
        .patch(format!("{}/v1/client/1002", sandbox.base_url()))
        .header("X-API-Key", &creds.pluuug_api_key)
        .header("X-Signature", pluuug_signature(&creds.pluuug_secret_key, &compact))
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
}

#[tokio::test]
async fn pluuug_patch_custom_values_and_validation() {
    let sandbox = Sandbox::start().await.unwrap();
    let (_, fields) = status_json(pluuug_get(&sandbox, "/v1/field?category=C").await).await;
    let select =
        fields["results"].as_array().unwrap().iter().find(|f| f["dataType"] == "SL").unwrap().clone();
    let option = select["optionSet"][1]["id"].as_str().unwrap().to_owned();
    assert_eq!(option.len(), 15);
    let body = json!({"fieldSet": [
        {"field": {"id": select["id"]}, "value": {"id": option}},
        {"field": {"id": 15}, "value": false},
        {"field": {"id": 12}, "value": 1_500_000},
    ]})
    .to_string();
    let (status, client) =
        status_json(pluuug_send(&sandbox, Method::PATCH, "/v1/client/1001", body.as_bytes()).await).await;
    assert_eq!(status, 200, "{client}");
    let value_of = |client: &Value, id: u64| {
        client["fieldSet"].as_array().unwrap().iter().find(|e| e["field"]["id"] == id).unwrap()["value"]
            .clone()
    };
    assert_eq!(value_of(&client, select["id"].as_u64().unwrap()), json!({"id": option}));
    assert_eq!(value_of(&client, 15), json!(false));
    assert_eq!(value_of(&client, 12), json!(1_500_000));
    // Other custom values are kept (merged by field).
    assert_eq!(client["fieldSet"].as_array().unwrap().len(), 10);

    let cases = [
        (
            json!({"status": {"id": 99}}),
            json!({"status": {"id": ["Invalid pk \"99\" - object does not exist."]}}),
        ),
        (
            json!({"status": {"id": "x"}}),
            json!({"status": {"id": ["Incorrect type. Expected pk value, received str."]}}),
        ),
        (json!({"companyName": null}), json!({"companyName": ["This field may not be null."]})),
        (
            json!({"branchNumber": "00001"}),
            json!({"branchNumber": ["Ensure this field has no more than 4 characters."]}),
        ),
        (
            json!({"fieldSet": [{"field": {"id": 15}, "value": true}, {"field": {"id": 4242}, "value": "x"}]}),
            json!({"fieldSet": [{}, {"field": {"id": ["Invalid pk \"4242\" - object does not exist."]}}]}),
        ),
        (
            json!({"fieldSet": [{"field": {"id": 16}, "value": {"id": "nope"}}]}),
            json!({"fieldSet": [{"value": ["Invalid option id \"nope\"."]}]}),
        ),
        (json!([1]), json!({"non_field_errors": ["Invalid data. Expected a dictionary, but got list."]})),
    ];
    for (request, expected) in cases {
        let bytes = request.to_string();
        let (status, body) =
            status_json(pluuug_send(&sandbox, Method::PATCH, "/v1/client/1001", bytes.as_bytes()).await)
                .await;
        assert_eq!((status, body), (400, expected), "{request}");
    }
    for body in [&b"{}"[..], b"not json"] {
        let (status, _) =
            status_json(pluuug_send(&sandbox, Method::PATCH, "/v1/client/999", body).await).await;
        assert_eq!(status, 404, "the object is looked up first");
    }
    let (status, body) =
        status_json(pluuug_send(&sandbox, Method::PATCH, "/v1/client/1001", b"not json").await).await;
    assert_eq!(status, 400);
    assert!(body["detail"].as_str().unwrap().starts_with("JSON parse error"));
}

#[tokio::test]
async fn pluuug_create_list_and_delete() {
    let sandbox = Sandbox::start().await.unwrap();
    let (status, body) = status_json(pluuug_send(&sandbox, Method::POST, "/v1/client", b"{}").await).await;
    assert_eq!((status, body), (400, json!({"companyName": ["This field is required."]})));

    let request = r#"{"companyName":"주식회사 신규고객","email":"hello@new.kr","status":{"id":1}}"#;
    let (status, created) =
        status_json(pluuug_send(&sandbox, Method::POST, "/v1/client", request.as_bytes()).await).await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_u64().unwrap();
    assert_eq!(id, 1021);
    assert_eq!(created["status"]["title"], "잠재 고객");
    assert!(created["created"].as_str().unwrap().ends_with('Z'));
    let (_, fetched) = status_json(pluuug_get(&sandbox, &format!("/v1/client/{id}")).await).await;
    assert_eq!(fetched, created);
    assert!(sandbox.customer_ids(Provider::Pluuug).contains(&id.to_string()));

    // Page through every client with the cursor links.
    let mut path = "/v1/client?page_size=5".to_owned();
    let mut ids = Vec::new();
    loop {
        let (status, page) = status_json(pluuug_get(&sandbox, &path).await).await;
        assert_eq!(status, 200, "{page}");
        ids.extend(page["results"].as_array().unwrap().iter().map(|c| c["id"].as_u64().unwrap().to_string()));
        match page["next"].as_str() {
            Some(next) => path = next[sandbox.base_url().len()..].to_owned(),
            None => break,
        }
    }
    assert_eq!(ids, sandbox.customer_ids(Provider::Pluuug));
    assert_eq!(ids.len(), 22);

    let response = pluuug_send(&sandbox, Method::DELETE, &format!("/v1/client/{id}"), b"").await;
    assert_eq!(response.status(), 204);
    assert!(response.bytes().await.unwrap().is_empty());
    assert_eq!(pluuug_get(&sandbox, &format!("/v1/client/{id}")).await.status(), 404);
    assert_eq!(pluuug_send(&sandbox, Method::DELETE, &format!("/v1/client/{id}"), b"").await.status(), 404);
    let (_, page) = status_json(pluuug_get(&sandbox, "/v1/client?page_size=100").await).await;
    assert_eq!(page["results"].as_array().unwrap().len(), 21);
    // Writes need the signature too.
    let response = http().delete(format!("{}/v1/client/1001", sandbox.base_url())).send().await.unwrap();
    assert_eq!(response.status(), 401);
}

#[tokio::test]
async fn pluuug_status_list() {
    let sandbox = Sandbox::start().await.unwrap();
    let (status, page) = status_json(pluuug_get(&sandbox, "/v1/client/status").await).await;
    assert_eq!(status, 200);
    assert!(page["next"].is_null() && page["previous"].is_null());
    let statuses = page["results"].as_array().unwrap();
    assert_eq!(statuses.len(), 4);
    assert_eq!(statuses[0], json!({"id": 1, "title": "잠재 고객"}));
}

// ---------------------------------------------------------------- Gofive

#[tokio::test]
async fn gofive_token_accepts_http_basic_client_authentication() {
    let sandbox = Sandbox::start().await.unwrap();
    let creds = sandbox.credentials().clone();
    let basic = |id: &str, secret: &str| {
        // RFC 6749 §2.3.1: each part form-urlencoded, then `id:secret` in base64.
        let encode = |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", encode(id), encode(secret)))
        )
    };
    let send = |authorization: String| {
        http()
            .post(format!("{}/authorization/connect/token", sandbox.base_url()))
            .header("Ocp-Apim-Subscription-Key", &creds.gofive_subscription_key)
            .header("Authorization", authorization)
            .form(&[("grant_type", "client_credentials")])
            .send()
    };
    let (status, body) =
        status_json(send(basic(&creds.gofive_client_id, &creds.gofive_client_secret)).await.unwrap()).await;
    assert_eq!(status, 200, "{body}");
    let token = body["access_token"].as_str().unwrap();
    assert_eq!(gofive_get(&sandbox, "C000001", token).await.status(), 200);

    for bad in [
        basic(&creds.gofive_client_id, "wrong"),
        "Basic !!!".into(),
        basic("other", &creds.gofive_client_secret),
    ] {
        let (status, body) = status_json(send(bad).await.unwrap()).await;
        assert_eq!((status, body), (400, json!({"error": "invalid_client"})));
    }
    // Form-body credentials still work.
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", creds.gofive_client_id.as_str()),
        ("client_secret", creds.gofive_client_secret.as_str()),
    ];
    assert_eq!(gofive_token_response(&sandbox, &creds.gofive_subscription_key, &form).await.status(), 200);
}

#[tokio::test]
async fn gofive_upsert_creates_then_updates() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = gofive_token(&sandbox).await;
    let request = json!({
        "customerName": "บริษัท ลูกค้าใหม่ จำกัด",
        "customerState": 1,
        "customerType": 1,
        "customerEmail": "new@customer.co.th",
        "addresses": [{"locationName": "สำนักงานใหญ่", "locationAddress": "1 ถนนสีลม", "locationType": 1, "latitude": 13.72, "longitude": 100.52}],
    });
    let (status, created) = status_json(gofive_upsert(&sandbox, &token, &request).await).await;
    assert_eq!(status, 200, "{created}");
    assert_eq!(created["status"], json!({"code": "1000", "description": "Success"}));
    let code = created["data"]["customerCode"].as_str().unwrap().to_owned();
    assert_eq!(code, "C000100");
    assert_eq!(created["data"]["customerName"], "บริษัท ลูกค้าใหม่ จำกัด");
    let (_, fetched) = status_json(gofive_get(&sandbox, &code, &token).await).await;
    assert_eq!(fetched, created);
    assert!(sandbox.customer_ids(Provider::Gofive).contains(&code));

    let update = json!({"customerCode": "C000001", "customerName": "บริษัท สยามเทคโนโลยี (ใหม่) จำกัด", "customerState": 3, "customerNote": "อัปเดต"});
    let (status, updated) = status_json(gofive_upsert(&sandbox, &token, &update).await).await;
    assert_eq!(status, 200);
    assert_eq!(updated["data"]["customerName"], "บริษัท สยามเทคโนโลยี (ใหม่) จำกัด");
    assert_eq!(updated["data"]["customerTaxNo"].as_str().unwrap().len(), 13, "untouched fields stay");
    let (_, fetched) = status_json(gofive_get(&sandbox, "C000001", &token).await).await;
    assert_eq!(fetched, updated);

    let invalid = [
        (json!({"customerState": 1}), "4001", "customerName is required"),
        (json!({}), "4002", "customerName is required; customerState is required"),
        (
            json!({"customerName": "x", "customerState": 1, "customerEmail": null}),
            "4001",
            "customerEmail has an invalid value",
        ),
    ];
    for (request, code, description) in invalid {
        let (status, body) = status_json(gofive_upsert(&sandbox, &token, &request).await).await;
        assert_eq!(status, 400, "{request}");
        assert_eq!(body, json!({"status": {"code": code, "description": description}, "data": null}));
    }
    let unknown = json!({"customerCode": "C999999", "customerName": "x", "customerState": 1});
    assert_eq!(gofive_upsert(&sandbox, &token, &unknown).await.status(), 404);
    assert_eq!(gofive_upsert(&sandbox, "stale", &unknown).await.status(), 401);
}

// ---------------------------------------------------------------- nd

#[tokio::test]
async fn nd_put_edits_with_the_id_in_the_body() {
    let sandbox = Sandbox::start().await.unwrap();
    let id = sandbox.customer_ids(Provider::Nd)[1].clone();
    let request = json!({
        "id": id,
        "name": "金华职业技术大学",
        "type": "TARGET_CUSTOMER",
        "partner_relationship": "intimacy",
        "manager_id": 12,
        "followers": [2, 3],
        "area_code": ["33", "3301", "330106"],
        "address": "新地址1号",
    });
    // The documented answer (issue 20.1): `{code, message}`, no record; the record is read back.
    let (status, answer) = status_json(nd_put(&sandbox, &request).await).await;
    assert_eq!((status, &answer), (200, &json!({"code": 0, "message": "success"})), "{answer}");
    let (_, record) = status_json(nd_get(&sandbox, &id).await).await;
    assert_eq!(record["name"], "金华职业技术大学");
    assert_eq!(record["type"], "TARGET_CUSTOMER");
    assert_eq!(record["partnerRelationship"], "intimacy");
    assert_eq!((&record["managerId"], &record["managerName"]), (&json!(12), &json!("李四")));
    assert_eq!(record["followerNames"], json!([{"id": 2, "name": "李明"}, {"id": 3, "name": "陈芳"}]));
    assert_eq!(record["area"], json!(["浙江省", "杭州市", "西湖区"]));
    // The list shows the edit too.
    let (_, page) = status_json(nd_paginate(&sandbox, &json!({"page": 1, "page_size": 5})).await).await;
    let item = &page["data"]["items"][1];
    assert_eq!((&item["name"], &item["address"]), (&json!("金华职业技术大学"), &json!("新地址1号")));

    // A wrapped record: the same documented answer; its GET stays wrapped and shows the edit.
    let wrapped = sandbox.customer_ids(Provider::Nd).into_iter().find(|i| i.starts_with('w')).unwrap();
    let (status, answer) = status_json(nd_put(&sandbox, &json!({"id": wrapped, "name": "改名"})).await).await;
    assert_eq!((status, &answer), (200, &json!({"code": 0, "message": "success"})));
    let (_, body) = status_json(nd_get(&sandbox, &wrapped).await).await;
    assert_eq!((&body["code"], &body["data"]["name"]), (&json!(0), &json!("改名")));
}

#[tokio::test]
async fn nd_put_validates_with_the_documented_messages() {
    let sandbox = Sandbox::start().await.unwrap();
    let id = sandbox.customer_ids(Provider::Nd)[2].clone();
    let cases = [
        (json!({"id": id}), "客户名称不能为空,不能超过64个字符"),
        (json!({"id": id, "name": "长".repeat(65)}), "客户名称不能为空,不能超过64个字符"),
        (json!({"id": id, "name": "a", "type": "PARTNER"}), "客户类型不正确"),
        (json!({"id": id, "name": "a", "from": "web"}), "来源字段错误"),
        (json!({"id": id, "name": "a", "partner_relationship": "close"}), "合作关系字段错误"),
        (json!({"id": id, "name": "a", "description": "x".repeat(256)}), "描述不能超过255个字符"),
        (json!({"id": id, "name": "a", "manager_id": 4242}), "负责人不存在"),
        (json!({"id": id, "name": "a", "level_id": -1}), "客户等级不存在"),
        (json!({"id": id, "name": "a", "credit_situation": "x".repeat(33)}), "信用情况不能超过255个字符"),
        (json!({"name": "a"}), "trans:validate.CUSTOMER_NOT_FOUND"),
    ];
    for (request, message) in cases {
        let (status, body) = status_json(nd_put(&sandbox, &request).await).await;
        assert_eq!((status, body), (422, json!({"code": 422, "message": message})), "{request}");
    }
    let (status, body) =
        status_json(nd_put(&sandbox, &json!({"id": "000000000000000000000000", "name": "a"})).await).await;
    assert_eq!((status, body), (404, json!({"code": 404, "message": "trans:validate.CUSTOMER_NOT_FOUND"})));
    // Nothing changed.
    let (_, record) = status_json(nd_get(&sandbox, &id).await).await;
    assert_eq!(record["name"], "浙江省监狱管理局");
}

#[tokio::test]
async fn nd_page_cap_is_observable_with_extra_customers() {
    let sandbox = Sandbox::builder().nd_extra_customers(600).start().await.unwrap();
    let ids = sandbox.customer_ids(Provider::Nd);
    assert_eq!(ids.len(), 623);
    let (status, body) =
        status_json(nd_paginate(&sandbox, &json!({"page": 100, "page_size": 5})).await).await;
    assert_eq!(status, 200);
    assert_eq!(body["data"]["total"], 623);
    let last: Vec<&str> =
        body["data"]["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(last, ids[495..500].iter().map(String::as_str).collect::<Vec<_>>());
    let (status, body) =
        status_json(nd_paginate(&sandbox, &json!({"page": 101, "page_size": 5})).await).await;
    assert_eq!((status, body), (422, json!({"code": 422, "message": "页码不正确"})));
    // Every extra customer has a detail.
    let (status, record) = status_json(nd_get(&sandbox, &ids[622]).await).await;
    assert_eq!(status, 200);
    assert_eq!(record["name"], "武汉光谷联合集团（600号）");
}
