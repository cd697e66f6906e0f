use customer_sandbox::{Provider, Sandbox};
use serde_json::{Value, json};

use crate::common::{http, nd_get, status_json};

#[tokio::test]
async fn bearer_token_fetches_every_seeded_customer() {
    let sandbox = Sandbox::start().await.unwrap();
    let ids = sandbox.customer_ids(Provider::Nd);
    assert_eq!(ids[0], "id");
    assert!(ids.len() >= 23);
    let mut wrapped = 0;
    for id in &ids {
        let (status, body) = status_json(nd_get(&sandbox, id).await).await;
        assert_eq!(status, 200, "{id}: {body}");
        let record = if id.starts_with('w') {
            wrapped += 1;
            assert_eq!((&body["code"], &body["message"]), (&json!(0), &json!("success")));
            body["data"].clone()
        } else {
            assert!(body.get("code").is_none());
            body
        };
        assert_eq!(record["id"], json!(id));
        if id != "id" {
            assert_eq!(id.len(), 24);
        }
    }
    assert!(wrapped >= 2);
}

#[tokio::test]
async fn example_id_is_the_documented_record() {
    let sandbox = Sandbox::start().await.unwrap();
    let (_, body) = status_json(nd_get(&sandbox, "id").await).await;
    assert_eq!(body["name"], "金职院");
    assert_eq!(body["areaCode"], json!(["33", "3305", "330502"]));
    assert_eq!(body["departmentPath"], json!(["亚服", "服务站", "浙江站"]));
    assert_eq!(body["industry_id"], 67);
    assert_eq!(body["outstandingReceivables"], "23.00");
}

#[tokio::test]
async fn missing_or_wrong_token_is_401() {
    let sandbox = Sandbox::start().await.unwrap();
    let url = format!("{}/api/customers/id/detail", sandbox.base_url());
    for token in [None, Some("wrong")] {
        let mut request = http().get(&url);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let (status, body) = status_json(request.send().await.unwrap()).await;
        assert_eq!((status, body), (401, json!({"code": 401, "message": "Unauthenticated."})));
    }
    assert_eq!(sandbox.stats().auth_failures(Provider::Nd), 2);
}

#[tokio::test]
async fn auth_can_be_turned_off() {
    let sandbox = Sandbox::builder().nd_token(None).start().await.unwrap();
    assert_eq!(sandbox.credentials().nd_token, None);
    let response =
        http().get(format!("{}/api/customers/id/detail", sandbox.base_url())).send().await.unwrap();
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn unknown_customer_is_404() {
    let sandbox = Sandbox::start().await.unwrap();
    let (status, body) = status_json(nd_get(&sandbox, "000000000000000000000000").await).await;
    assert_eq!((status, body), (404, json!({"code": 404, "message": "trans:validate.CUSTOMER_NOT_FOUND"})));
}

async fn paginate(sandbox: &Sandbox, body: Value) -> (u16, Value) {
    let response = http()
        .post(format!("{}/api/customers/paginate", sandbox.base_url()))
        .bearer_auth(sandbox.credentials().nd_token.as_deref().unwrap())
        .json(&body)
        .send()
        .await
        .unwrap();
    status_json(response).await
}

#[tokio::test]
async fn paginate_pages_through_list_items() {
    let sandbox = Sandbox::start().await.unwrap();
    let total = sandbox.customer_ids(Provider::Nd).len();
    let mut ids = Vec::new();
    for page in 1..=5 {
        let (status, body) =
            paginate(&sandbox, json!({"page": page, "page_size": 5, "conditions": [], "sorts": []})).await;
        assert_eq!(status, 200);
        assert_eq!(body["code"], 0);
        assert_eq!(body["data"]["total"], total);
        assert_eq!(body["data"]["page"], page);
        assert_eq!(body["data"]["page_size"], 5);
        for item in body["data"]["items"].as_array().unwrap() {
            assert!(item["industryId"].is_number());
            assert!(item["areaCode"].is_array(), "{item}");
            assert!(item["isPinned"].is_boolean());
            ids.push(item["id"].as_str().unwrap().to_owned());
        }
    }
    assert_eq!(ids, sandbox.customer_ids(Provider::Nd));
}

#[tokio::test]
async fn paginate_validates_like_the_docs() {
    let sandbox = Sandbox::start().await.unwrap();
    let cases = [
        (json!({"page": 0, "page_size": 10}), "页码不正确"),
        (json!({"page": 101, "page_size": 10}), "页码不正确"),
        (json!({"page": "x", "page_size": 10}), "页码不正确"),
        (json!({"page": 1, "page_size": 4}), "每页数量不正确"),
        (json!({"page": 1, "page_size": 1001}), "每页数量不正确"),
        (json!({"page": 1, "page_size": 10, "conditions": {}}), "查询条件不正确"),
        (json!({"page": 1, "page_size": 10, "sorts": "name"}), "排序字段不正确"),
    ];
    for (request, message) in cases {
        let (status, body) = paginate(&sandbox, request.clone()).await;
        assert_eq!((status, body), (422, json!({"code": 422, "message": message})), "{request}");
    }
}
