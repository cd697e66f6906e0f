use customer_sandbox::{Provider, Sandbox};
use serde_json::Value;

use crate::common::{http, pluuug_get, pluuug_signature, status_json};

#[tokio::test]
async fn signed_requests_fetch_every_seeded_client() {
    let sandbox = Sandbox::start().await.unwrap();
    let ids = sandbox.customer_ids(Provider::Pluuug);
    assert_eq!(ids[0], "123");
    assert!(ids.len() >= 21);
    for id in &ids {
        let (status, body) = status_json(pluuug_get(&sandbox, &format!("/v1/client/{id}")).await).await;
        assert_eq!(status, 200, "{id}: {body}");
        assert_eq!(body["id"].as_u64().unwrap().to_string(), *id);
        assert!(body["companyName"].is_string());
    }
}

#[tokio::test]
async fn client_123_is_the_documented_example_verbatim() {
    let sandbox = Sandbox::start().await.unwrap();
    let response = pluuug_get(&sandbox, "/v1/client/123").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"].to_str().unwrap(), "application/json");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["companyName"], "<string>");
    assert_eq!(body["created"], "2023-11-07T05:31:56Z");
    assert_eq!(body["fieldSet"][0]["field"]["memberSet"][0]["grade"]["id"], 123);
}

#[tokio::test]
async fn seeded_clients_are_korean_with_registration_numbers() {
    let sandbox = Sandbox::start().await.unwrap();
    let (_, body) = status_json(pluuug_get(&sandbox, "/v1/client/1001").await).await;
    assert_eq!(body["companyName"], "주식회사 한빛소프트웨어");
    let brn = body["businessRegistrationNumber"].as_str().unwrap();
    assert_eq!(brn.len(), 12);
    assert_eq!(&brn[3..4], "-");
    assert_eq!(&brn[6..7], "-");
}

#[tokio::test]
async fn wrong_or_missing_api_key_is_401() {
    let sandbox = Sandbox::start().await.unwrap();
    let url = format!("{}/v1/client/1001", sandbox.base_url());
    let secret = &sandbox.credentials().pluuug_secret_key;
    for key in [None, Some("not-the-key")] {
        let mut request = http().get(&url).header("X-Signature", pluuug_signature(secret, b""));
        if let Some(key) = key {
            request = request.header("X-API-Key", key);
        }
        let (status, body) = status_json(request.send().await.unwrap()).await;
        assert_eq!(status, 401);
        assert_eq!(body, serde_json::json!({"detail": "Invalid API key."}));
    }
    assert_eq!(sandbox.stats().auth_failures(Provider::Pluuug), 2);
}

#[tokio::test]
async fn wrong_or_missing_signature_is_403() {
    let sandbox = Sandbox::start().await.unwrap();
    let creds = sandbox.credentials();
    let url = format!("{}/v1/client/1001", sandbox.base_url());
    let right = pluuug_signature(&creds.pluuug_secret_key, b"");
    let wrong_signatures = [
        None,
        Some(pluuug_signature("wrong-secret", b"")),
        Some(pluuug_signature(&creds.pluuug_secret_key, b"{}")),
        Some(right.to_uppercase()),
        Some(creds.pluuug_api_key.clone()),
    ];
    for signature in wrong_signatures {
        let mut request = http().get(&url).header("X-API-Key", &creds.pluuug_api_key);
        if let Some(signature) = &signature {
            request = request.header("X-Signature", signature);
        }
        let (status, body) = status_json(request.send().await.unwrap()).await;
        assert_eq!(status, 403, "{signature:?}");
        assert_eq!(body, serde_json::json!({"detail": "Invalid signature."}));
    }
}

#[tokio::test]
async fn the_signature_covers_the_exact_body_bytes() {
    let sandbox = Sandbox::start().await.unwrap();
    let creds = sandbox.credentials();
    let body = br#"{"companyName":"ACME"}"#;
    let response = http()
        .get(format!("{}/v1/client/1002", sandbox.base_url()))
        .header("x-api-key", &creds.pluuug_api_key)
        .header("x-signature", pluuug_signature(&creds.pluuug_secret_key, body))
        .body(body.to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn unknown_and_non_integer_ids_are_404() {
    let sandbox = Sandbox::start().await.unwrap();
    for path in ["/v1/client/999", "/v1/client/abc", "/v1/client/-5"] {
        let (status, body) = status_json(pluuug_get(&sandbox, path).await).await;
        assert_eq!(status, 404, "{path}");
        assert_eq!(body["detail"], "Not found.");
    }
}

#[tokio::test]
async fn field_list_pages_through_opaque_cursors() {
    let sandbox = Sandbox::start().await.unwrap();
    let mut path = "/v1/field?category=C&page_size=4".to_owned();
    let mut names = Vec::new();
    let mut pages = 0;
    loop {
        let (status, page) = status_json(pluuug_get(&sandbox, &path).await).await;
        assert_eq!(status, 200, "{page}");
        pages += 1;
        if pages == 1 {
            assert!(page["previous"].is_null());
        } else {
            assert!(page["previous"].is_string());
        }
        for field in page["results"].as_array().unwrap() {
            names.push(field["dataType"].as_str().unwrap().to_owned());
        }
        match page["next"].as_str() {
            Some(next) => {
                let prefix = sandbox.base_url();
                assert!(next.starts_with(&prefix), "{next}");
                assert!(next.contains("cursor="));
                path = next[prefix.len()..].to_owned();
            }
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(names, ["S", "N", "D", "T", "B", "SL", "ML", "M", "F", "S"]);

    let (_, all) = status_json(pluuug_get(&sandbox, "/v1/field").await).await;
    assert_eq!(all["results"].as_array().unwrap().len(), 16);
    assert!(all["next"].is_null());
    let (_, member) =
        status_json(pluuug_get(&sandbox, "/v1/field?category=C&page_size=1&cursor=bz03").await).await;
    assert_eq!(member["results"][0]["dataType"], "M");
    assert_eq!(member["results"][0]["memberSet"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn field_list_rejects_bad_category_and_cursor() {
    let sandbox = Sandbox::start().await.unwrap();
    let (status, _) = status_json(pluuug_get(&sandbox, "/v1/field?category=X").await).await;
    assert_eq!(status, 400);
    let (status, body) = status_json(pluuug_get(&sandbox, "/v1/field?cursor=%%%").await).await;
    assert_eq!(status, 404);
    assert_eq!(body["detail"], "Invalid cursor");
}

#[tokio::test]
async fn custom_values_are_typed_like_pluuugs_integrations_send_them() {
    let sandbox = Sandbox::start().await.unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for id in sandbox.customer_ids(Provider::Pluuug).into_iter().skip(1) {
        let (_, client) = status_json(pluuug_get(&sandbox, &format!("/v1/client/{id}")).await).await;
        for entry in client["fieldSet"].as_array().into_iter().flatten() {
            let data_type = entry["field"]["dataType"].as_str().unwrap();
            let value = &entry["value"];
            let options: Vec<&str> = entry["field"]["optionSet"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["id"].as_str().unwrap())
                .collect();
            let shape = match (data_type, value) {
                (_, Value::Null) => "null",
                ("B", Value::Bool(_)) => "bool",
                ("N", Value::Number(_)) => "number",
                ("D", Value::String(d)) if d.len() == 10 && &d[4..5] == "-" => "date",
                ("SL", Value::Object(o)) => {
                    let option = o["id"].as_str().unwrap();
                    assert_eq!(option.len(), 15);
                    assert!(options.contains(&option));
                    "{id}"
                }
                ("ML", Value::Array(items)) => {
                    assert!(items.iter().all(|i| options.contains(&i["id"].as_str().unwrap())));
                    "[{id}]"
                }
                (_, Value::String(_)) => "string",
                (_, Value::Number(_)) => "number",
                other => panic!("{id}: unexpected {other:?}"),
            };
            seen.insert((data_type.to_owned(), shape));
        }
    }
    for expected in [
        ("B", "bool"),
        ("N", "number"),
        ("D", "date"),
        ("SL", "{id}"),
        ("ML", "[{id}]"),
        ("B", "string"),
        ("SL", "string"),
        ("S", "null"),
    ] {
        assert!(seen.contains(&(expected.0.to_owned(), expected.1)), "{expected:?} in {seen:?}");
    }
}
