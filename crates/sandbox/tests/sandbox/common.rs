//! Hand-written client side of each provider's auth, and small request helpers.

use std::time::{SystemTime, UNIX_EPOCH};

use customer_sandbox::{Provider, Sandbox};
use hmac::{Hmac, Mac};
use md5::{Digest, Md5};
use reqwest::{Client, Response};
use serde_json::Value;
use sha2::Sha256;

thread_local! {
    /// One client per test thread: building a reqwest client (TLS setup) costs milliseconds, and
    /// libtest runs each test, with its own runtime, on its own thread.
    static CLIENT: Client = Client::new();
}

pub fn http() -> Client {
    CLIENT.with(Client::clone)
}

/// Lowercase hex HMAC-SHA256 of `body` keyed with `secret`.
pub fn pluuug_signature(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

/// A correctly authenticated Pluuug GET of `path` (no body, so the empty string is signed).
pub async fn pluuug_get(sandbox: &Sandbox, path: &str) -> Response {
    let creds = sandbox.credentials();
    http()
        .get(format!("{}{path}", sandbox.base_url()))
        .header("X-API-Key", &creds.pluuug_api_key)
        .header("X-Signature", pluuug_signature(&creds.pluuug_secret_key, b""))
        .send()
        .await
        .unwrap()
}

pub async fn gofive_token_response(
    sandbox: &Sandbox,
    subscription_key: &str,
    form: &[(&str, &str)],
) -> Response {
    http()
        .post(format!("{}/authorization/connect/token", sandbox.base_url()))
        .header("Ocp-Apim-Subscription-Key", subscription_key)
        .form(form)
        .send()
        .await
        .unwrap()
}

/// A fresh Gofive access token obtained with the sandbox's credentials.
pub async fn gofive_token(sandbox: &Sandbox) -> String {
    let creds = sandbox.credentials();
    let response = gofive_token_response(
        sandbox,
        &creds.gofive_subscription_key,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", &creds.gofive_client_id),
            ("client_secret", &creds.gofive_client_secret),
        ],
    )
    .await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    body["access_token"].as_str().unwrap().to_owned()
}

pub async fn gofive_get(sandbox: &Sandbox, code: &str, token: &str) -> Response {
    http()
        .get(format!("{}/v3/customers/{code}", sandbox.base_url()))
        .header("Ocp-Apim-Subscription-Key", &sandbox.credentials().gofive_subscription_key)
        .header("Authorization", format!("Bearer {token}"))
        .header("Content-Type", "application/json")
        .send()
        .await
        .unwrap()
}

pub fn now_ms() -> u128 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis()
}

/// Uppercase hex MD5 of appid + appSecret + timestamp.
pub fn eshouhou_sign(appid: &str, secret: &str, timestamp: &str) -> String {
    let mut md5 = Md5::new();
    md5.update(format!("{appid}{secret}{timestamp}").as_bytes());
    hex::encode_upper(md5.finalize())
}

pub async fn eshouhou_token_response(sandbox: &Sandbox, query: &[(&str, &str)]) -> Value {
    let response =
        http().get(format!("{}/api/TokenApi", sandbox.base_url())).query(query).send().await.unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// A fresh eshouhou access token obtained with the sandbox's credentials.
pub async fn eshouhou_token(sandbox: &Sandbox) -> String {
    let creds = sandbox.credentials();
    let timestamp = now_ms().to_string();
    let sign = eshouhou_sign(&creds.eshouhou_appid, &creds.eshouhou_app_secret, &timestamp);
    let body = eshouhou_token_response(
        sandbox,
        &[("appid", creds.eshouhou_appid.as_str()), ("timestamp", &timestamp), ("sign", &sign)],
    )
    .await;
    assert_eq!(body["ResultCode"], 0, "{body}");
    body["ResultValue"]["access_token"].as_str().unwrap().to_owned()
}

pub async fn eshouhou_get(sandbox: &Sandbox, path: &str, query: &[(&str, &str)]) -> Response {
    http().get(format!("{}{path}", sandbox.base_url())).query(query).send().await.unwrap()
}

pub async fn nd_get(sandbox: &Sandbox, id: &str) -> Response {
    let mut request = http().get(format!("{}/api/customers/{id}/detail", sandbox.base_url()));
    if let Some(token) = &sandbox.credentials().nd_token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

/// A correctly authenticated detail request for `id`, fetching a fresh token where needed.
pub async fn detail(sandbox: &Sandbox, provider: Provider, id: &str) -> Response {
    match provider {
        Provider::Pluuug => pluuug_get(sandbox, &format!("/v1/client/{id}")).await,
        Provider::Gofive => {
            let token = gofive_token(sandbox).await;
            gofive_get(sandbox, id, &token).await
        }
        Provider::Eshouhou => {
            let token = eshouhou_token(sandbox).await;
            eshouhou_get(
                sandbox,
                "/open/v2/Customer/GetCustomer",
                &[("access_token", token.as_str()), ("customerId", id)],
            )
            .await
        }
        Provider::Nd => nd_get(sandbox, id).await,
        _ => unreachable!("a provider this test does not know"),
    }
}

/// The status and parsed JSON body of a response.
pub async fn status_json(response: Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    let body = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    (status, body)
}

/// A correctly signed Pluuug request with these exact body bytes.
pub async fn pluuug_send(sandbox: &Sandbox, method: reqwest::Method, path: &str, body: &[u8]) -> Response {
    let creds = sandbox.credentials();
    http()
        .request(method, format!("{}{path}", sandbox.base_url()))
        .header("X-API-Key", &creds.pluuug_api_key)
        .header("X-Signature", pluuug_signature(&creds.pluuug_secret_key, body))
        .header("Content-Type", "application/json")
        .body(body.to_vec())
        .send()
        .await
        .unwrap()
}

/// An authenticated Gofive `POST /v3/customers` with a JSON body.
pub async fn gofive_upsert(sandbox: &Sandbox, token: &str, body: &Value) -> Response {
    http()
        .post(format!("{}/v3/customers", sandbox.base_url()))
        .header("Ocp-Apim-Subscription-Key", &sandbox.credentials().gofive_subscription_key)
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap()
}

/// An authenticated nd `PUT /api/customers/` with a JSON body.
pub async fn nd_put(sandbox: &Sandbox, body: &Value) -> Response {
    nd_send(sandbox, reqwest::Method::PUT, "/api/customers/", body).await
}

/// An authenticated nd `POST /api/customers/paginate`.
pub async fn nd_paginate(sandbox: &Sandbox, body: &Value) -> Response {
    nd_send(sandbox, reqwest::Method::POST, "/api/customers/paginate", body).await
}

/// An authenticated nd request, `method` on `path`, with a JSON body.
async fn nd_send(sandbox: &Sandbox, method: reqwest::Method, path: &str, body: &Value) -> Response {
    http()
        .request(method, format!("{}{path}", sandbox.base_url()))
        .bearer_auth(sandbox.credentials().nd_token.as_deref().unwrap())
        .json(body)
        .send()
        .await
        .unwrap()
}
