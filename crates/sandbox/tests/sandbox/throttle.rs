//! Throttles counted the way each provider's stack counts (DRF, Azure APIM, Laravel, and the
//! eshouhou assumption), off by default.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use customer_sandbox::{Provider, Sandbox, ThrottleSpec};
use serde_json::json;

use crate::common::{
    detail, eshouhou_get, eshouhou_token, gofive_get, gofive_token, http, nd_get, pluuug_get, status_json,
};

const MINUTE: Duration = Duration::from_secs(60);

fn retry_after(response: &reqwest::Response) -> Option<String> {
    response.headers().get("retry-after").map(|v| v.to_str().unwrap().to_owned())
}

#[tokio::test]
async fn off_by_default() {
    let sandbox = Sandbox::start().await.unwrap();
    for _ in 0..60 {
        assert_eq!(pluuug_get(&sandbox, "/v1/client/1001").await.status(), 200);
    }
    assert_eq!(sandbox.stats().throttled(Provider::Pluuug), 0);
}

#[tokio::test]
async fn pluuug_counts_like_drf_simple_rate_throttle() {
    let sandbox = Sandbox::builder().throttle(Provider::Pluuug, 3, MINUTE).start().await.unwrap();
    for _ in 0..3 {
        assert_eq!(pluuug_get(&sandbox, "/v1/client/1001").await.status(), 200);
    }
    // Every endpoint counts against the same key.
    let response = pluuug_get(&sandbox, "/v1/field").await;
    assert_eq!(response.status(), 429);
    assert_eq!(retry_after(&response).as_deref(), Some("60"));
    let (_, body) = status_json(response).await;
    assert_eq!(body, json!({"detail": "Request was throttled. Expected available in 60 seconds."}));

    // Credentials are checked first: a wrong key is 401, never 429, and is not counted.
    let response = http().get(format!("{}/v1/client/1001", sandbox.base_url())).send().await.unwrap();
    assert_eq!(response.status(), 401);
    let stats = sandbox.stats();
    assert_eq!(stats.throttled(Provider::Pluuug), 1);
    assert_eq!(stats.requests(Provider::Pluuug), 5);
}

#[tokio::test]
async fn pluuug_window_slides() {
    let sandbox =
        Sandbox::builder().throttle(Provider::Pluuug, 2, Duration::from_millis(1500)).start().await.unwrap();
    assert_eq!(pluuug_get(&sandbox, "/v1/client/1001").await.status(), 200);
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert_eq!(pluuug_get(&sandbox, "/v1/client/1001").await.status(), 200);
    let refused = pluuug_get(&sandbox, "/v1/client/1001").await;
    assert_eq!(refused.status(), 429);
    // The first request leaves the window ~0.8 s from now: rounded up to 1, and singular.
    assert_eq!(retry_after(&refused).as_deref(), Some("1"));
    let (_, body) = status_json(refused).await;
    assert_eq!(body["detail"], "Request was throttled. Expected available in 1 second.");
    tokio::time::sleep(Duration::from_millis(900)).await;
    // One slot freed (the first request's), not the whole window.
    assert_eq!(pluuug_get(&sandbox, "/v1/client/1001").await.status(), 200);
    assert_eq!(pluuug_get(&sandbox, "/v1/client/1001").await.status(), 429);
}

#[tokio::test]
async fn gofive_counts_like_apim_rate_limit_by_key() {
    let sandbox = Sandbox::builder().throttle(Provider::Gofive, 2, MINUTE).start().await.unwrap();
    // The token endpoint sits behind the same gateway and counts.
    let token = gofive_token(&sandbox).await;
    assert_eq!(gofive_get(&sandbox, "C000001", &token).await.status(), 200);
    let response = gofive_get(&sandbox, "C000001", &token).await;
    assert_eq!(response.status(), 429);
    assert_eq!(retry_after(&response).as_deref(), Some("60"));
    let (_, body) = status_json(response).await;
    assert_eq!(
        body,
        json!({"statusCode": 429, "message": "Rate limit is exceeded. Try again in 60 seconds."})
    );
    // A bad subscription key is APIM's 401 first.
    let response = http()
        .get(format!("{}/v3/customers/C000001", sandbox.base_url()))
        .header("Ocp-Apim-Subscription-Key", "wrong")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    assert_eq!(sandbox.stats().throttled(Provider::Gofive), 1);
}

#[tokio::test]
async fn nd_counts_like_laravel_throttle_middleware() {
    let sandbox = Sandbox::builder().throttle(Provider::Nd, 2, MINUTE).start().await.unwrap();
    for remaining in ["1", "0"] {
        let response = nd_get(&sandbox, "id").await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["x-ratelimit-limit"], "2");
        assert_eq!(response.headers()["x-ratelimit-remaining"], remaining);
        assert!(response.headers().get("x-ratelimit-reset").is_none());
    }
    let response = nd_get(&sandbox, "id").await;
    assert_eq!(response.status(), 429);
    assert_eq!(retry_after(&response).as_deref(), Some("60"));
    assert_eq!(response.headers()["x-ratelimit-limit"], "2");
    assert_eq!(response.headers()["x-ratelimit-remaining"], "0");
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
    let reset: u64 = response.headers()["x-ratelimit-reset"].to_str().unwrap().parse().unwrap();
    assert!((now + 58..=now + 61).contains(&reset), "{reset} vs {now}");
    let (_, body) = status_json(response).await;
    assert_eq!(body, json!({"code": 429, "message": "Too Many Attempts."}));
    // Not authenticated: 401 without rate-limit headers.
    let response =
        http().get(format!("{}/api/customers/id/detail", sandbox.base_url())).send().await.unwrap();
    assert_eq!(response.status(), 401);
    assert!(response.headers().get("x-ratelimit-limit").is_none());
    assert_eq!(sandbox.stats().throttled(Provider::Nd), 1);
}

#[tokio::test]
async fn nd_fixed_window_reopens_whole() {
    let sandbox =
        Sandbox::builder().throttle(Provider::Nd, 2, Duration::from_millis(1200)).start().await.unwrap();
    assert_eq!(nd_get(&sandbox, "id").await.status(), 200);
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(nd_get(&sandbox, "id").await.status(), 200);
    assert_eq!(nd_get(&sandbox, "id").await.status(), 429);
    tokio::time::sleep(Duration::from_millis(700)).await;
    // The window opened with the first hit has ended: both slots are back.
    for remaining in ["1", "0"] {
        let response = nd_get(&sandbox, "id").await;
        assert_eq!(response.headers()["x-ratelimit-remaining"], remaining);
    }
}

#[tokio::test]
async fn eshouhou_assumed_throttle_is_a_429_with_its_envelope() {
    let sandbox = Sandbox::builder().throttle(Provider::Eshouhou, 2, MINUTE).start().await.unwrap();
    let token = eshouhou_token(&sandbox).await;
    let id = sandbox.customer_ids(Provider::Eshouhou)[1].clone();
    let query = [("access_token", token.as_str()), ("customerId", id.as_str())];
    assert_eq!(eshouhou_get(&sandbox, "/open/v2/Customer/GetCustomer", &query).await.status(), 200);
    let response = eshouhou_get(&sandbox, "/open/v2/Customer/GetCustomer", &query).await;
    assert_eq!(response.status(), 429);
    assert_eq!(retry_after(&response).as_deref(), Some("60"));
    let (_, body) = status_json(response).await;
    assert_eq!(body, json!({"ResultCode": 429, "ErrorMsg": "请求过于频繁，请稍后再试", "ResultValue": null}));
    assert_eq!(sandbox.stats().throttled(Provider::Eshouhou), 1);
}

#[tokio::test]
async fn throttle_first_makes_the_first_customer_response_a_429() {
    let sandbox = Sandbox::builder()
        .throttle_first(Provider::Gofive, 1, Duration::from_secs(45))
        .throttle_first(Provider::Pluuug, 2, Duration::from_secs(3))
        .start()
        .await
        .unwrap();
    // The token endpoint is left alone; the first customer call is refused.
    let token = gofive_token(&sandbox).await;
    let first = gofive_get(&sandbox, "C000002", &token).await;
    assert_eq!(first.status(), 429);
    assert_eq!(retry_after(&first).as_deref(), Some("45"));
    let (_, body) = status_json(first).await;
    assert_eq!(body["message"], "Rate limit is exceeded. Try again in 45 seconds.");
    assert_eq!(gofive_get(&sandbox, "C000002", &token).await.status(), 200);

    for _ in 0..2 {
        let response = pluuug_get(&sandbox, "/v1/client/1001").await;
        assert_eq!(response.status(), 429);
        assert_eq!(retry_after(&response).as_deref(), Some("3"));
    }
    assert_eq!(pluuug_get(&sandbox, "/v1/client/1001").await.status(), 200);
    let stats = sandbox.stats();
    assert_eq!((stats.throttled(Provider::Gofive), stats.throttled(Provider::Pluuug)), (1, 2));
}

#[tokio::test]
async fn reserved_9944ss_is_one_429_with_that_retry_after() {
    let sandbox = Sandbox::start().await.unwrap();
    for provider in Provider::ALL {
        let first = detail(&sandbox, provider, "994445").await;
        assert_eq!(first.status(), 429, "{provider}");
        assert_eq!(retry_after(&first).as_deref(), Some("45"), "{provider}");
        assert_eq!(detail(&sandbox, provider, "994445").await.status(), 200, "{provider}");
        assert_eq!(sandbox.stats().throttled(provider), 1);
    }
}

#[tokio::test]
async fn throttle_specs_parse_as_the_cli_takes_them() {
    let spec: ThrottleSpec = "gofive=100/0.5".parse().unwrap();
    assert_eq!((spec.provider, spec.requests, spec.per), (Provider::Gofive, 100, Duration::from_millis(500)));
    for bad in ["gofive", "gofive=", "gofive=10", "x=1/1", "nd=0/60", "nd=1/-1"] {
        assert!(bad.parse::<ThrottleSpec>().is_err(), "{bad}");
    }
}
