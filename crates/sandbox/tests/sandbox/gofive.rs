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
