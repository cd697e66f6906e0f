use customer_sandbox::{Provider, Sandbox, Stats};
use serde_json::Value;

use crate::common::{detail, eshouhou_get, eshouhou_token, gofive_get, gofive_token, http, pluuug_get};

/// `GET /__sandbox/{path}` decoded from JSON.
async fn control_json<T: serde::de::DeserializeOwned>(sandbox: &Sandbox, path: &str) -> T {
    http().get(format!("{}/__sandbox/{path}", sandbox.base_url())).send().await.unwrap().json().await.unwrap()
}

#[tokio::test]
async fn stats_count_requests_tokens_and_failures() {
    let sandbox = Sandbox::start().await.unwrap();
    assert_eq!(sandbox.stats(), Stats::default());
    pluuug_get(&sandbox, "/v1/client/1001").await;
    pluuug_get(&sandbox, "/v1/field").await;
    let token = gofive_token(&sandbox).await;
    gofive_get(&sandbox, "C000001", &token).await;
    gofive_get(&sandbox, "C000001", "stale").await;
    detail(&sandbox, Provider::Eshouhou, "990429").await;
    detail(&sandbox, Provider::Nd, "id").await;
    http().get(format!("{}/api/customers/nope", sandbox.base_url())).send().await.unwrap();

    let stats = sandbox.stats();
    assert_eq!(stats.requests(Provider::Pluuug), 2);
    assert_eq!(stats.requests(Provider::Gofive), 3);
    assert_eq!(stats.token_requests(Provider::Gofive), 1);
    assert_eq!(stats.auth_failures(Provider::Gofive), 1);
    assert_eq!(stats.requests(Provider::Eshouhou), 2);
    assert_eq!(stats.token_requests(Provider::Eshouhou), 1);
    assert_eq!(stats.requests(Provider::Nd), 2, "unknown paths count too");
    assert_eq!(stats.total_requests(), 9);

    let over_http: Stats = control_json(&sandbox, "stats").await;
    assert_eq!(over_http, stats, "control requests are not counted");
}

#[tokio::test]
async fn ids_endpoint_lists_seeded_ids() {
    let sandbox = Sandbox::start().await.unwrap();
    for provider in Provider::ALL {
        let ids: Vec<String> = control_json(&sandbox, &format!("ids/{provider}")).await;
        assert_eq!(ids, sandbox.customer_ids(provider));
        assert!(ids.len() >= 20);
    }
    let response =
        http().get(format!("{}/__sandbox/ids/salesforce", sandbox.base_url())).send().await.unwrap();
    assert_eq!(response.status(), 404);
}

#[tokio::test]
async fn expire_tokens_endpoint_invalidates_tokens() {
    let sandbox = Sandbox::start().await.unwrap();
    let gofive = gofive_token(&sandbox).await;
    let eshouhou = eshouhou_token(&sandbox).await;
    let response =
        http().post(format!("{}/__sandbox/expire-tokens", sandbox.base_url())).send().await.unwrap();
    assert!(response.status().is_success());
    assert_eq!(gofive_get(&sandbox, "C000001", &gofive).await.status(), 401);
    let id = sandbox.customer_ids(Provider::Eshouhou)[1].clone();
    let body: Value = eshouhou_get(
        &sandbox,
        "/open/v2/Customer/GetCustomer",
        &[("access_token", &eshouhou), ("customerId", &id)],
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(body["ResultCode"], 40100);
}
