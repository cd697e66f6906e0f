//! `crm-customers update` / `create` (the real binary) against wiremock servers on 127.0.0.1 that
//! check the exact request: body, signature, id placement; and the exit codes of the contract.

use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

mod common;
use common::{bin, gofive_token, pluuug, run, stderr, update_nd_abc, update_nd_abc_ndjson};
use wiremock::{Mock, MockServer, ResponseTemplate, matchers};

#[tokio::test]
async fn pluuug_update_sends_the_signed_body_and_prints_the_customer() {
    let server = MockServer::start().await;
    Mock::given(matchers::method("PATCH"))
        .and(matchers::path("/v1/client/7"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"id": 7, "companyName": "주식회사 플러그", "inCharge": "김철수", "created": "2024-01-02T03:04:05Z"}),
        ))
        .mount(&server)
        .await;
    let body = r#"{"inCharge": "김철수", "content": "메모 🙂"}"#;
    let out = run(pluuug(&server, &["update", "pluuug", "7", "--json", "-"]), body).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let customer: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(customer["name"], "주식회사 플러그");
    assert_eq!(customer["id"], "7");
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(reqs.len(), 1);
    let mut mac = Hmac::<Sha256>::new_from_slice(b"SENTINEL-secret-9f2").unwrap();
    mac.update(&reqs[0].body);
    assert_eq!(
        reqs[0].headers.get("x-signature").unwrap().to_str().unwrap(),
        hex::encode(mac.finalize().into_bytes())
    );
    let sent: Value = serde_json::from_slice(&reqs[0].body).unwrap();
    assert_eq!(sent, serde_json::from_str::<Value>(body).unwrap());
    assert!(!String::from_utf8_lossy(&out.stdout).contains("SENTINEL") && !stderr(&out).contains("SENTINEL"));
}

#[tokio::test]
async fn unknown_keys_and_bad_json_are_usage_errors_and_nothing_is_sent() {
    let server = MockServer::start().await;
    // (`{}`: an update that changes nothing, refused as `--change '{}'` is; it sent an empty PATCH.)
    for body in [r#"{"companyNmae": "x"}"#, "[1]", "{not json", "{}", " { } "] {
        let out = run(pluuug(&server, &["update", "pluuug", "7", "--json", "-"]), body).await;
        assert_eq!(out.status.code(), Some(2), "{body}: {}", stderr(&out));
    }
    let out =
        run(pluuug(&server, &["update", "pluuug", "7", "--json", "-"]), r#"{"companyNmae": "x"}"#).await;
    assert!(stderr(&out).contains("`companyNmae`"), "{}", stderr(&out));
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_provider_validation_error_is_exit_5_with_its_message() {
    let server = MockServer::start().await;
    Mock::given(matchers::method("PATCH"))
        .respond_with(
            ResponseTemplate::new(400)
                .set_body_json(json!({"email": ["유효한 이메일 주소를 입력하십시오."]})),
        )
        .mount(&server)
        .await;
    let out = run(pluuug(&server, &["update", "pluuug", "7", "--json", "-"]), r#"{"email": "nope"}"#).await;
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(stderr(&out).contains("email: 유효한 이메일 주소를 입력하십시오."), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

#[tokio::test]
async fn nd_update_puts_the_id_in_the_body_and_surfaces_laravel_messages() {
    let server = MockServer::start().await;
    Mock::given(matchers::method("PUT"))
        .and(matchers::path("/api/customers/"))
        .and(matchers::body_partial_json(json!({"credit_situation": "优秀"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"id": "abc", "name": "金华职业技术学院", "type": "CLIENT", "creditSituation": "优秀"}),
        ))
        .mount(&server)
        .await;
    Mock::given(matchers::method("PUT"))
        .respond_with(
            ResponseTemplate::new(422)
                .set_body_json(json!({"code": 422, "message": "客户名称不能为空,不能超过64个字符"})),
        )
        .mount(&server)
        .await;
    let line = update_nd_abc_ndjson(&server).await;
    assert_eq!(line["customer"]["lifecycle_stage"]["native"], "CLIENT");
    let sent: Value = serde_json::from_slice(&server.received_requests().await.unwrap()[0].body).unwrap();
    assert_eq!(sent["id"], "abc");

    let out = update_nd_abc(&server, &[], r#"{"name": "x", "credit_situation": "差"}"#).await;
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(stderr(&out).contains("客户名称不能为空"), "{}", stderr(&out));

    // Broken documented rules never leave the machine.
    let before = server.received_requests().await.unwrap().len();
    let out = update_nd_abc(&server, &[], r#"{"name": "x", "type": "PARTNER"}"#).await;
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(server.received_requests().await.unwrap().len(), before);
}

#[tokio::test]
async fn gofive_create_upserts_without_a_code() {
    let server = MockServer::start().await;
    gofive_token(&server).await;
    Mock::given(matchers::method("POST"))
        .and(matchers::path("/v3/customers"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "status": {"code": "1000", "description": "Success"},
            "data": {"customerId": 777, "customerCode": "C000777", "customerName": "ลูกค้าใหม่", "customerState": 1}
        })))
        .mount(&server)
        .await;
    let mut c = bin();
    c.env("GOFIVE_SUBSCRIPTION_KEY", "sub").env("GOFIVE_CLIENT_ID", "id").env("GOFIVE_CLIENT_SECRET", "sec");
    c.args(["create", "gofive", "--json", "-", "--base-url", &server.uri()]);
    let out = run(c, r#"{"customerName": "ลูกค้าใหม่", "customerState": 1}"#).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let customer: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(customer["code"], "C000777");
    let write = server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.url.path() == "/v3/customers")
        .unwrap();
    let sent: Value = serde_json::from_slice(&write.body).unwrap();
    assert!(sent.get("customerCode").is_none());
}

#[tokio::test]
async fn undocumented_writes_are_usage_errors_saying_what_is_documented() {
    let server = MockServer::start().await;
    for (args, says) in [
        (vec!["create", "nd", "--json", "-"], "PUT /api/customers/"),
        (vec!["update", "eshouhou", "x", "--json", "-"], "documents no customer writes"),
    ] {
        let mut c = bin();
        c.env("ESHOUHOU_APPID", "a").env("ESHOUHOU_APP_SECRET", "s");
        c.args(&args).args(["--base-url", &server.uri()]);
        let out = run(c, r#"{"name": "x"}"#).await;
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{}", stderr(&out));
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_write_that_times_out_after_sending_is_exit_6_outcome_unknown() {
    let server = MockServer::start().await;
    Mock::given(matchers::method("PATCH"))
        .respond_with(ResponseTemplate::new(200).set_delay(std::time::Duration::from_secs(5)))
        .mount(&server)
        .await;
    let out = run(
        pluuug(&server, &["update", "pluuug", "7", "--json", "-", "--timeout", "0.5"]),
        r#"{"inCharge": "x"}"#,
    )
    .await;
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    assert!(stderr(&out).contains("outcome unknown"), "{}", stderr(&out));
    assert_eq!(server.received_requests().await.unwrap().len(), 1, "never retried");
}

/// A write whose answer cannot be printed (stdout is a full disk): the write was made, so besides
/// exit 74 the error says so and names the customer — a caller that retried on any non-zero exit
/// would otherwise write twice.
#[cfg(unix)]
#[tokio::test]
async fn a_write_that_cannot_be_printed_says_it_was_made() {
    use std::{io::Write, process::Stdio};
    let server = MockServer::start().await;
    Mock::given(matchers::method("PATCH"))
        .and(matchers::path("/v1/client/7"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 7, "companyName": "ACME"})))
        .mount(&server)
        .await;
    let mut cmd = pluuug(&server, &["update", "pluuug", "7", "--json", "-"]);
    cmd.stdin(Stdio::piped())
        .stdout(std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap())
        .stderr(Stdio::piped());
    let out = tokio::task::spawn_blocking(move || {
        let mut child = cmd.spawn().unwrap();
        child.stdin.take().unwrap().write_all(br#"{"inCharge": "Kim"}"#).unwrap();
        child.wait_with_output().unwrap()
    })
    .await
    .unwrap();
    assert_eq!(out.status.code(), Some(74), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("customer 7 was updated, but printing it failed: do not send the write again"),
        "{}",
        stderr(&out)
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

/// `update --json … --dry-run` makes every check the write makes before sending: a body the real
/// run refuses is exit 2 here too, with the same message (it printed the body and exited 0, even
/// one naming another customer); a good one prints the body with the id where it travels.
#[tokio::test]
async fn a_native_dry_run_refuses_what_the_write_would_refuse() {
    let refused = [
        ("pluuug", "1003", r#"{"bogus": 1}"#, "`bogus` not among the documented fields"),
        ("pluuug", "abc", r#"{"content": "x"}"#, "Pluuug client ids are integers"),
        ("gofive", "C000001", r#"{"customerName": "x"}"#, "`customerState` is required"),
        (
            "gofive",
            "C000001",
            r#"{"customerCode": "C000009", "customerName": "x", "customerState": 1}"#,
            "differs from the customer to update",
        ),
        ("nd", "60123457c73bda68fe48ff3b", r#"{"name": "x", "type": "BAD"}"#, "`type` must be one of"),
        ("nd", "60123457c73bda68fe48ff3b", r#"{"name": "x", "id": "other"}"#, "differs from the customer id"),
        ("eshouhou", "dc540ce7-5bc5-4275-b8fa-2004eb5839e3", r#"{"x": 1}"#, "documents no customer writes"),
    ];
    for (provider, id, body, why) in refused {
        for dry_run in [true, false] {
            let mut cmd = bin();
            cmd.args(["update", provider, id, "--json", "-", "--sandbox"]);
            if dry_run {
                cmd.arg("--dry-run");
            }
            let out = run(cmd, body).await;
            assert_eq!(out.status.code(), Some(2), "{provider} {body} dry-run={dry_run}: {}", stderr(&out));
            assert!(stderr(&out).contains(why), "{provider} {body}: {}", stderr(&out));
            assert!(out.stdout.is_empty(), "{provider} {body}");
        }
    }
    let mut cmd = bin();
    cmd.args(["update", "nd", "60123457c73bda68fe48ff3b", "--json", "-", "--sandbox", "--dry-run"]);
    let out = run(cmd, r#"{"name": "x"}"#).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed, json!({"id": "60123457c73bda68fe48ff3b", "name": "x"}));
}
