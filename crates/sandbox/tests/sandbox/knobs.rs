use std::time::{Duration, Instant};

use customer_sandbox::{Provider, Sandbox};
use serde_json::{Value, json};

use crate::common::{detail, gofive_get, gofive_token, http, pluuug_signature, status_json};

/// The customer's id as the provider's record carries it.
fn record_id(provider: Provider, body: &Value) -> String {
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    match provider {
        Provider::Pluuug => text(&body["id"]),
        Provider::Gofive => text(&body["data"]["customerCode"]),
        Provider::Eshouhou => text(&body["ResultValue"][0]["Value"]),
        _ => text(&body["id"]),
    }
}

#[tokio::test]
async fn fixed_statuses_every_time() {
    let sandbox = Sandbox::start().await.unwrap();
    for provider in Provider::ALL {
        for (id, status, retry_after) in [
            ("990429", 429, Some("1")),
            ("990500", 500, None),
            ("990502", 502, None),
            ("990503", 503, Some("1")),
            ("990504", 504, None),
        ] {
            for _ in 0..2 {
                let response = detail(&sandbox, provider, id).await;
                assert_eq!(response.status(), status, "{provider} {id}");
                let header = response.headers().get("retry-after").map(|v| v.to_str().unwrap().to_owned());
                assert_eq!(header.as_deref(), retry_after, "{provider} {id}");
                let body: Value = response.json().await.unwrap();
                assert!(body.is_object(), "{provider} {id}: the provider's error shape");
            }
        }
    }
}

#[tokio::test]
async fn fail_first_n_then_succeed() {
    let sandbox = Sandbox::start().await.unwrap();
    for provider in Provider::ALL {
        for (id, status, times) in [("991423", 429, 3), ("991502", 503, 2), ("991421", 429, 1)] {
            for attempt in 0..times {
                let response = detail(&sandbox, provider, id).await;
                assert_eq!(response.status(), status, "{provider} {id} attempt {attempt}");
                assert_eq!(response.headers()["retry-after"], "0");
            }
            let (code, body) = status_json(detail(&sandbox, provider, id).await).await;
            assert_eq!(code, 200, "{provider} {id}: {body}");
            assert_eq!(record_id(provider, &body), id, "{provider}: {body}");
            let (code, _) = status_json(detail(&sandbox, provider, id).await).await;
            assert_eq!(code, 200);
        }
    }
}

#[tokio::test]
async fn error_envelopes_with_http_200() {
    let sandbox = Sandbox::start().await.unwrap();
    let expected = [
        (Provider::Pluuug, 400, json!({"detail": "Invalid request."})),
        (
            Provider::Gofive,
            200,
            json!({"status": {"code": "4002", "description": "More than one error"}, "data": null}),
        ),
        (Provider::Eshouhou, 200, json!({"ResultCode": 50001, "ErrorMsg": "系统繁忙", "ResultValue": null})),
        (Provider::Nd, 200, json!({"code": 50001, "message": "系统错误"})),
    ];
    for (provider, status, body) in expected {
        assert_eq!(status_json(detail(&sandbox, provider, "990001").await).await, (status, body));
    }
}

#[tokio::test]
async fn malformed_truncated_and_null_bodies() {
    let sandbox = Sandbox::start().await.unwrap();
    for provider in Provider::ALL {
        let response = detail(&sandbox, provider, "990002").await;
        assert_eq!(response.status(), 200);
        let text = response.text().await.unwrap();
        assert!(serde_json::from_str::<Value>(&text).is_err(), "{provider}: {text}");

        let response = detail(&sandbox, provider, "990003").await;
        assert_eq!(response.status(), 200);
        let length: usize = response.headers()["content-length"].to_str().unwrap().parse().unwrap();
        let bytes = response.bytes().await.unwrap();
        assert_eq!(bytes.len(), length);
        assert!(bytes.len() > 20);
        assert!(serde_json::from_slice::<Value>(&bytes).is_err(), "{provider}");

        let response = detail(&sandbox, provider, "990007").await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "application/json");
        assert_eq!(response.text().await.unwrap(), "null");
    }
}

#[tokio::test]
async fn wrong_types() {
    let sandbox = Sandbox::start().await.unwrap();
    let (_, body) = status_json(detail(&sandbox, Provider::Pluuug, "990004").await).await;
    assert!(body["id"].is_object());
    let (_, body) = status_json(detail(&sandbox, Provider::Gofive, "990004").await).await;
    assert!(body["data"].is_string());
    let (_, body) = status_json(detail(&sandbox, Provider::Eshouhou, "990004").await).await;
    assert!(body["ResultValue"].is_number());
    let (_, body) = status_json(detail(&sandbox, Provider::Nd, "990004").await).await;
    assert!(body["name"].is_array());
}

#[tokio::test]
async fn oversize_body_is_valid_json_of_about_12_mib() {
    let sandbox = Sandbox::start().await.unwrap();
    for provider in Provider::ALL {
        let response = detail(&sandbox, provider, "990005").await;
        assert_eq!(response.status(), 200);
        let length: usize = response.headers()["content-length"].to_str().unwrap().parse().unwrap();
        let bytes = response.bytes().await.unwrap();
        assert_eq!(bytes.len(), length);
        assert!(bytes.len() >= 12 * 1024 * 1024, "{}", bytes.len());
        assert!(bytes.len() < 13 * 1024 * 1024);
        let body: Value = serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{provider}: {e}"));
        assert_eq!(record_id(provider, &body), "990005", "{provider}");
    }
}

#[tokio::test]
async fn hang_times_out_and_does_not_block_shutdown() {
    let sandbox = Sandbox::start().await.unwrap();
    let creds = sandbox.credentials().clone();
    let client = reqwest::Client::builder().timeout(Duration::from_millis(300)).build().unwrap();
    let error = client
        .get(format!("{}/v1/client/990006", sandbox.base_url()))
        .header("X-API-Key", &creds.pluuug_api_key)
        .header("X-Signature", pluuug_signature(&creds.pluuug_secret_key, b""))
        .send()
        .await
        .unwrap_err();
    assert!(error.is_timeout(), "{error}");

    // A request still hanging when shutdown begins is answered at once.
    let hanging = tokio::spawn({
        let url = format!("{}/api/customers/990006/detail", sandbox.base_url());
        let token = creds.nd_token.clone().unwrap();
        async move { http().get(url).bearer_auth(token).send().await }
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    sandbox.shutdown().await;
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    let response = hanging.await.unwrap().unwrap();
    assert_eq!(response.status(), 503);
}

#[tokio::test]
async fn auth_failure_knob() {
    let sandbox = Sandbox::start().await.unwrap();
    let (status, _) = status_json(detail(&sandbox, Provider::Pluuug, "990401").await).await;
    assert_eq!(status, 401);
    let response = detail(&sandbox, Provider::Gofive, "990401").await;
    assert_eq!(response.status(), 401);
    let (status, body) = status_json(detail(&sandbox, Provider::Eshouhou, "990401").await).await;
    assert_eq!((status, &body["ResultCode"]), (200, &json!(40100)));
    let (status, body) = status_json(detail(&sandbox, Provider::Nd, "990401").await).await;
    assert_eq!((status, body), (401, json!({"code": 401, "message": "Unauthenticated."})));
    for provider in [Provider::Pluuug, Provider::Gofive, Provider::Eshouhou, Provider::Nd] {
        assert_eq!(sandbox.stats().auth_failures(provider), 1, "{provider}");
    }
}

#[tokio::test]
async fn expired_token_once_then_success() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = gofive_token(&sandbox).await;
    let first = gofive_get(&sandbox, "990408", &token).await;
    assert_eq!(first.status(), 401);
    assert_eq!(first.headers()["www-authenticate"], r#"Bearer error="invalid_token""#);
    let (status, body) = status_json(gofive_get(&sandbox, "990408", &token).await).await;
    assert_eq!(status, 200);
    assert_eq!(body["data"]["customerCode"], "990408");

    let (_, first) = status_json(detail(&sandbox, Provider::Eshouhou, "990408").await).await;
    assert_eq!(first["ResultCode"], 40100);
    let (_, second) = status_json(detail(&sandbox, Provider::Eshouhou, "990408").await).await;
    assert_eq!(second["ResultCode"], 0);

    for provider in [Provider::Pluuug, Provider::Nd] {
        let (status, body) = status_json(detail(&sandbox, provider, "990408").await).await;
        assert_eq!(status, 200, "{provider}");
        assert_eq!(record_id(provider, &body), "990408");
    }
}

#[tokio::test]
async fn auth_is_checked_before_knobs() {
    let sandbox = Sandbox::start().await.unwrap();
    let response = http()
        .get(format!("{}/v1/client/990429", sandbox.base_url()))
        .header("X-API-Key", "wrong")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    let response =
        http().get(format!("{}/api/customers/991421/detail", sandbox.base_url())).send().await.unwrap();
    assert_eq!(response.status(), 401);
    // The rejected request did not use up the one failure.
    let (status, _) = status_json(detail(&sandbox, Provider::Nd, "991421").await).await;
    assert_eq!(status, 429);
}

#[tokio::test]
async fn a_server_wide_fault_applies_to_every_customer_request() {
    let sandbox = Sandbox::builder().fault("990503").start().await.unwrap();
    for provider in Provider::ALL {
        let id = sandbox.customer_ids(provider)[1].clone();
        let response = detail(&sandbox, provider, &id).await;
        assert_eq!(response.status(), 503, "{provider} {id}");
    }
    let err = Sandbox::builder().fault("12345").start().await.unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
}
