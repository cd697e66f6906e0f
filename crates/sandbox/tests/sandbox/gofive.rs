use std::time::Duration;

use customer_sandbox::{Provider, Sandbox};
use serde_json::{Value, json};

use crate::common::{gofive_get, gofive_token, gofive_token_response, http, status_json};

const APIM_401: &str = "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.";

#[tokio::test]
async fn client_credentials_token_then_every_seeded_customer() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = gofive_token(&sandbox).await;
    let ids = sandbox.customer_ids(Provider::Gofive);
    assert_eq!(ids[0], "C000055");
    assert!(ids.len() >= 21);
    let mut contact_spellings = std::collections::BTreeSet::new();
    for id in &ids {
        let (status, body) = status_json(gofive_get(&sandbox, id, &token).await).await;
        assert_eq!(status, 200, "{id}: {body}");
        assert_eq!(body["status"], json!({"code": "1000", "description": "Success"}));
        let data = body["data"].as_object().unwrap();
        for key in ["contact", "contacts"] {
            if data.contains_key(key) {
                contact_spellings.insert(key);
            }
        }
        if id != "C000055" {
            assert_eq!(data["customerCode"], json!(id));
            let tax = data.get("customerTaxNo").and_then(Value::as_str).unwrap_or("");
            assert!(tax.is_empty() || (tax.len() == 13 && tax.bytes().all(|b| b.is_ascii_digit())), "{tax}");
        }
    }
    assert_eq!(contact_spellings.len(), 2, "both `contact` and `contacts` are seeded");
    assert_eq!(sandbox.stats().token_requests(Provider::Gofive), 1);
}

#[tokio::test]
async fn token_response_has_the_documented_shape() {
    let sandbox = Sandbox::builder().token_ttl(Duration::from_secs(1800)).start().await.unwrap();
    let creds = sandbox.credentials().clone();
    let (status, body) = status_json(
        gofive_token_response(
            &sandbox,
            &creds.gofive_subscription_key,
            &[
                ("grant_type", "client_credentials"),
                ("client_id", &creds.gofive_client_id),
                ("client_secret", &creds.gofive_client_secret),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 1800);
    assert!(body["access_token"].as_str().unwrap().len() >= 32);
}

#[tokio::test]
async fn token_endpoint_rejections() {
    let sandbox = Sandbox::start().await.unwrap();
    let creds = sandbox.credentials().clone();
    let good = [
        ("grant_type", "client_credentials"),
        ("client_id", creds.gofive_client_id.as_str()),
        ("client_secret", creds.gofive_client_secret.as_str()),
    ];
    let (status, body) = status_json(gofive_token_response(&sandbox, "wrong-key", &good).await).await;
    assert_eq!((status, body), (401, json!({"statusCode": 401, "message": APIM_401})));

    let bad_secret = [good[0], good[1], ("client_secret", "nope")];
    let (status, body) =
        status_json(gofive_token_response(&sandbox, &creds.gofive_subscription_key, &bad_secret).await).await;
    assert_eq!((status, body), (400, json!({"error": "invalid_client"})));

    let bad_grant = [("grant_type", "password"), good[1], good[2]];
    let (status, body) =
        status_json(gofive_token_response(&sandbox, &creds.gofive_subscription_key, &bad_grant).await).await;
    assert_eq!((status, body), (400, json!({"error": "unsupported_grant_type"})));

    let stats = sandbox.stats();
    assert_eq!(stats.token_requests(Provider::Gofive), 3);
    assert_eq!(stats.auth_failures(Provider::Gofive), 2);
}

#[tokio::test]
async fn customer_requires_subscription_key_and_a_live_token() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = gofive_token(&sandbox).await;
    let url = format!("{}/v3/customers/C000001", sandbox.base_url());
    let key = sandbox.credentials().gofive_subscription_key.clone();

    let response = http().get(&url).bearer_auth(&token).send().await.unwrap();
    let (status, body) = status_json(response).await;
    assert_eq!((status, body["message"].as_str()), (401, Some(APIM_401)));

    for bearer in [None, Some("made-up-token")] {
        let mut request = http().get(&url).header("Ocp-Apim-Subscription-Key", &key);
        if let Some(bearer) = bearer {
            request = request.bearer_auth(bearer);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 401);
        assert_eq!(response.headers()["www-authenticate"], r#"Bearer error="invalid_token""#);
        let body: Value = response.json().await.unwrap();
        assert_eq!(body, json!({"status": {"code": "401", "description": "Unauthorized"}, "data": null}));
    }
}

#[tokio::test]
async fn unknown_customer_is_404_envelope() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = gofive_token(&sandbox).await;
    let (status, body) = status_json(gofive_get(&sandbox, "C999999", &token).await).await;
    assert_eq!(status, 404);
    assert_eq!(body, json!({"status": {"code": "4001", "description": "Customer not found"}, "data": null}));
}

#[tokio::test]
async fn documented_example_is_served_under_c000055() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = gofive_token(&sandbox).await;
    let (_, body) = status_json(gofive_get(&sandbox, "C000055", &token).await).await;
    assert_eq!(body["data"]["customerState"], 3);
    assert_eq!(body["data"]["leadStatus"], 4);
    assert_eq!(body["data"]["contact"][0]["contactBirthdate"], "YYYY-MM-DD");
    assert_eq!(body["data"]["customFields"], json!([null]));
}

#[tokio::test]
async fn tokens_expire_after_ttl_and_on_demand() {
    let sandbox = Sandbox::builder().token_ttl(Duration::from_millis(300)).start().await.unwrap();
    let token = gofive_token(&sandbox).await;
    assert_eq!(gofive_get(&sandbox, "C000001", &token).await.status(), 200);
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(gofive_get(&sandbox, "C000001", &token).await.status(), 401);

    let sandbox = Sandbox::start().await.unwrap();
    let token = gofive_token(&sandbox).await;
    assert_eq!(gofive_get(&sandbox, "C000002", &token).await.status(), 200);
    sandbox.expire_tokens();
    assert_eq!(gofive_get(&sandbox, "C000002", &token).await.status(), 401);
    let fresh = gofive_token(&sandbox).await;
    assert_eq!(gofive_get(&sandbox, "C000002", &fresh).await.status(), 200);
}

#[tokio::test]
async fn unknown_customer_state_is_seeded() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = gofive_token(&sandbox).await;
    let mut states = std::collections::BTreeSet::new();
    for id in sandbox.customer_ids(Provider::Gofive) {
        let (_, body) = status_json(gofive_get(&sandbox, &id, &token).await).await;
        states.insert(body["data"]["customerState"].as_u64().unwrap());
    }
    assert!(states.contains(&7), "{states:?}");
}

#[tokio::test]
async fn individuals_are_shaped_like_the_vendors_model() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = gofive_token(&sandbox).await;
    let mut individuals = 0;
    let mut social_keys = std::collections::BTreeSet::new();
    let mut location_types = std::collections::BTreeSet::new();
    for id in sandbox.customer_ids(Provider::Gofive).into_iter().skip(1) {
        let (_, body) = status_json(gofive_get(&sandbox, &id, &token).await).await;
        let data = &body["data"];
        for field in data["customFields"].as_array().unwrap() {
            assert!(field["customFieldName"].is_string(), "{id}: {field}");
            assert!(
                field["customFieldValue"].is_array() || field["customFieldValue"].is_null(),
                "{id}: {field}"
            );
            assert!(field.get("fieldName").is_none());
        }
        for address in data["addresses"].as_array().unwrap() {
            location_types.insert(address["locationType"].as_u64().unwrap());
        }
        if let Some(accounts) = data["customerSocialAccount"].as_object() {
            social_keys.extend(accounts.keys().cloned());
        }
        if data["customerType"] != 2 {
            continue;
        }
        individuals += 1;
        assert!(data["contact"].is_object(), "{id}: one contact object");
        assert!(data.get("contacts").is_none());
        assert!([1, 2].contains(&data["customerGender"].as_u64().unwrap()));
        assert!(data["customerPosition"].is_string());
        assert!(data.get("customerBirthdate").is_some());
        if let Some(address) = data["addresses"].get(0) {
            let latitude = &address["latitude"];
            assert!(latitude.is_f64() || latitude == "", "{id}: {latitude}");
        }
        if let Some(status) = data["customerMaritalStatus"].as_u64() {
            assert!((1..=6).contains(&status));
        }
    }
    assert!(individuals >= 6, "{individuals}");
    assert_eq!(location_types, [1, 2].into());
    for key in ["facebook", "instagram", "line", "linkedin", "skype", "telegram", "wechat", "whatsapp"] {
        assert!(social_keys.contains(key), "{key}");
    }
}
