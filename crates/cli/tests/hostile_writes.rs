//! Writes (`update`/`create`, the real binary) against hostile wiremock servers on 127.0.0.1 that
//! count what they received: the answers the issue #20 sweep found misread (a create answered
//! 200, another customer's record, Ctrl-C in flight), and the bodies and IDs that must never
//! leave the machine (customerCode spellings, numbers that would change, unsafe IDs, bodies over
//! the cap).

use std::{
    io::Write,
    process::{Command, Stdio},
    time::Duration,
};

use serde_json::{Value, json};

mod common;
use common::{gofive, gofive_token, nd, pluuug, run, stderr};
use wiremock::{Mock, MockServer, ResponseTemplate, matchers};

async fn writes(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() != "/authorization/connect/token")
        .count()
}

/// A Gofive server (token endpoint and `POST /v3/customers`) answering every write with the
/// success envelope around `data`.
async fn gofive_answering(data: Value) -> MockServer {
    let server = MockServer::start().await;
    gofive_token(&server).await;
    Mock::given(matchers::method("POST"))
        .and(matchers::path("/v3/customers"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"status": {"code": "1000", "description": "Success"}, "data": data})),
        )
        .mount(&server)
        .await;
    server
}

/// `update gofive C000055 --json -` against `server`.
fn update_gofive(server: &MockServer) -> Command {
    gofive(server, &["update", "gofive", "C000055", "--json", "-"])
}

/// The bodies of the `POST /v3/customers` requests `server` received, in order.
async fn gofive_writes(server: &MockServer) -> Vec<Value> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() == "/v3/customers")
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect()
}

/// Mounts `method` (on `path`, when given) answering 200 with `body` as JSON.
async fn answer(server: &MockServer, method: &str, path: Option<&str>, body: Value) {
    let mock = Mock::given(matchers::method(method));
    let mock = match path {
        Some(p) => mock.and(matchers::path(p)),
        None => mock,
    };
    mock.respond_with(ResponseTemplate::new(200).set_body_json(body)).mount(server).await;
}

/// #20 item 2: a create answered 200 with the client is a success, not "provider answered HTTP 200".
#[tokio::test]
async fn pluuug_create_answered_200_with_the_client_succeeds() {
    let server = MockServer::start().await;
    Mock::given(matchers::method("POST"))
        .and(matchers::path("/v1/client"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"id": 901, "companyName": "주식회사 이백", "created": "2024-01-02T03:04:05Z"}),
        ))
        .mount(&server)
        .await;
    let out =
        run(pluuug(&server, &["create", "pluuug", "--json", "-"]), r#"{"companyName": "주식회사 이백"}"#)
            .await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let customer: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(customer["id"], "901");
    assert_eq!(writes(&server).await, 1, "sent once");
}

/// #20 item 4: Ctrl-C while the write is in flight says the outcome is unknown and exits 130.
#[cfg(unix)]
#[tokio::test]
async fn ctrl_c_during_a_write_says_outcome_unknown_and_exits_130() {
    let server = MockServer::start().await;
    Mock::given(matchers::method("PATCH"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(30)))
        .mount(&server)
        .await;
    let mut cmd = pluuug(&server, &["update", "pluuug", "7", "--json", "-"]);
    cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    child.stdin.take().unwrap().write_all(br#"{"inCharge": "x"}"#).unwrap();
    // Wait until the server holds the request, then interrupt.
    let mut waited = 0;
    while writes(&server).await == 0 {
        assert!(waited < 200, "the write never arrived");
        tokio::time::sleep(Duration::from_millis(50)).await;
        waited += 1;
    }
    let status = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let out = tokio::task::spawn_blocking(move || child.wait_with_output().unwrap()).await.unwrap();
    assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
    assert!(stderr(&out).contains("outcome unknown"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert_eq!(writes(&server).await, 1);
}

/// #20 item 5: an update answered with another customer's record warns, naming both ids.
#[tokio::test]
async fn an_update_answered_with_another_customer_warns_naming_both_ids() {
    // Pluuug
    let server = MockServer::start().await;
    answer(&server, "PATCH", Some("/v1/client/7"), json!({"id": 8, "companyName": "남의 회사"})).await;
    let out = run(pluuug(&server, &["update", "pluuug", "7", "--json", "-"]), r#"{"inCharge": "x"}"#).await;
    let err = stderr(&out);
    assert!(err.contains("warning:") && err.contains("customer 7") && err.contains("customer 8"), "{err}");

    // Gofive
    let server = gofive_answering(
        json!({"customerId": 999, "customerCode": "C000999", "customerName": "อื่น", "customerState": 1}),
    )
    .await;
    let out = run(update_gofive(&server), r#"{"customerName": "ACME", "customerState": 1}"#).await;
    let err = stderr(&out);
    assert!(err.contains("warning:") && err.contains("C000055") && err.contains("C000999"), "{err}");
    let sent = &gofive_writes(&server).await[0];
    assert_eq!(sent["customerCode"], "C000055", "the documented id is what was written");

    // The same answer for the asked customer: no warning.
    let server = MockServer::start().await;
    answer(&server, "PATCH", None, json!({"id": 7, "companyName": "우리 회사"})).await;
    let out = run(pluuug(&server, &["update", "pluuug", "7", "--json", "-"]), r#"{"inCharge": "x"}"#).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
}

/// #20 item 5 for nd: the PUT answered with another customer's record (`data`), or — on the
/// documented `{code: 0, message}` answer — a read-back (`GET .../detail`) that returns another
/// customer, warns naming both ids and exits 0; the asked customer's record does not warn.
#[tokio::test]
async fn an_nd_update_answered_or_read_back_as_another_customer_warns_naming_both_ids() {
    const ASKED: &str = "65a1b2c3d4e5f60718293a4b";
    const OTHER: &str = "65a1b2c3d4e5f60718293fff";
    let body = r#"{"name": "金华职业技术学院", "type": "CLIENT"}"#;
    let update = |server: &MockServer| nd(server, &["update", "nd", ASKED, "--json", "-"]);
    let sent_id = |req: &wiremock::Request| serde_json::from_slice::<Value>(&req.body).unwrap()["id"].clone();
    let warns_naming_both = |out: &std::process::Output| {
        let err = stderr(out);
        assert_eq!(out.status.code(), Some(0), "{err}");
        assert!(err.contains("warning:") && err.contains(ASKED) && err.contains(OTHER), "{err}");
    };

    // The PUT's answer carries another customer as `data`.
    let server = MockServer::start().await;
    answer(
        &server,
        "PUT",
        Some("/api/customers/"),
        json!({"code": 0, "message": "success", "data": {"id": OTHER, "name": "别人的客户"}}),
    )
    .await;
    let out = run(update(&server), body).await;
    warns_naming_both(&out);
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(reqs.len(), 1, "the record carried: no read-back");
    assert_eq!(sent_id(&reqs[0]), ASKED, "the write was addressed to the asked customer");

    // The documented answer without a record; the read-back returns another customer.
    let server = MockServer::start().await;
    answer(&server, "PUT", Some("/api/customers/"), json!({"code": 0, "message": "success"})).await;
    answer(
        &server,
        "GET",
        Some(&format!("/api/customers/{ASKED}/detail")),
        json!({"id": OTHER, "name": "别人的客户"}),
    )
    .await;
    let out = run(update(&server), body).await;
    warns_naming_both(&out);
    let customer: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(customer["id"], OTHER, "the record printed is the one read back");
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(
        reqs.iter().map(|r| r.method.to_string()).collect::<Vec<_>>(),
        ["PUT", "GET"],
        "the write once, then the read-back"
    );

    // The read-back returns the asked customer: no warning.
    let server = MockServer::start().await;
    answer(&server, "PUT", None, json!({"code": 0, "message": "success"})).await;
    answer(
        &server,
        "GET",
        Some(&format!("/api/customers/{ASKED}/detail")),
        json!({"code": 0, "message": "success", "data": {"id": ASKED, "name": "金华职业技术学院"}}),
    )
    .await;
    let out = run(update(&server), body).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
}

/// #20 item 6: any spelling of `customerCode` the server would bind is refused, nothing sent.
#[tokio::test]
async fn gofive_refuses_every_spelling_of_customer_code() {
    let server = MockServer::start().await;
    gofive_token(&server).await;
    Mock::given(matchers::method("POST"))
        .and(matchers::path("/v3/customers"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    for key in ["customercode", "CustomerCode", "CUSTOMERCODE", "cuſtomerCode"] {
        let body = json!({"customerName": "A", "customerState": 1, key: "C000999"}).to_string();
        let out = run(update_gofive(&server), body.clone()).await;
        assert_eq!(out.status.code(), Some(2), "{key}: {}", stderr(&out));
        assert!(stderr(&out).contains("customerCode"), "{}", stderr(&out));
        let out = run(gofive(&server, &["create", "gofive", "--json", "-"]), body).await;
        assert_eq!(out.status.code(), Some(2), "create {key}: {}", stderr(&out));
    }
    assert_eq!(writes(&server).await, 0, "nothing sent");
}

/// #20 item 8: a number that would be sent as another value is refused, nothing sent; numbers
/// that survive are sent as written.
#[tokio::test]
async fn numbers_are_sent_as_written_or_refused() {
    let server = gofive_answering(
        json!({"customerId": 55, "customerCode": "C000055", "customerName": "A", "customerState": 1}),
    )
    .await;
    for body in [
        r#"{"customerName": "A", "customerState": 1, "customerType": 123456789012345678901234567890}"#,
        r#"{"customerName": "A", "customerState": 1, "creditLimit": 0.12345678901234567890123}"#,
    ] {
        let out = run(update_gofive(&server), body).await;
        assert_eq!(out.status.code(), Some(2), "{body}: {}", stderr(&out));
        assert!(stderr(&out).contains("cannot be sent as written"), "{}", stderr(&out));
    }
    let pluuug_server = MockServer::start().await;
    let out = run(
        pluuug(&pluuug_server, &["update", "pluuug", "7", "--json", "-"]),
        r#"{"status": {"id": 123456789012345678901234567890}}"#,
    )
    .await;
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(pluuug_server.received_requests().await.unwrap().is_empty());
    assert_eq!(writes(&server).await, 0, "nothing sent");

    let out = run(
        update_gofive(&server),
        r#"{"customerName": "A", "customerState": 1, "customerType": 11300, "creditLimit": 2500.75}"#,
    )
    .await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let req = server.received_requests().await.unwrap();
    let sent = req.iter().find(|r| r.url.path() == "/v3/customers").unwrap();
    let text = String::from_utf8_lossy(&sent.body);
    assert!(text.contains("11300") && text.contains("2500.75"), "{text}");
}

/// #20 item 9: write IDs follow get's rules (exit 2, nothing sent); a body over the cap names it.
#[tokio::test]
async fn unsafe_write_ids_and_oversized_bodies_are_usage_errors() {
    let server = MockServer::start().await;
    Mock::given(matchers::any()).respond_with(ResponseTemplate::new(500)).mount(&server).await;
    let long = "x".repeat(5000);
    for id in ["a\nb", "a\u{1b}[31mb", "ab\u{202e}c", long.as_str(), "abc\u{2028}", "\u{2029}abc", "a\u{7}"] {
        let out = run(nd(&server, &["update", "nd", id, "--json", "-"]), r#"{"name": "x"}"#).await;
        assert_eq!(out.status.code(), Some(2), "{id:?}: {}", stderr(&out));
        let out =
            run(pluuug(&server, &["update", "pluuug", id, "--json", "-"]), r#"{"inCharge": "x"}"#).await;
        assert_eq!(out.status.code(), Some(2), "{id:?}: {}", stderr(&out));
    }
    // `get` with a trailing line separator: refused, not trimmed to `abc`.
    let out = run(nd(&server, &["get", "nd", "abc\u{2028}"]), "").await;
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(server.received_requests().await.unwrap().is_empty(), "nothing sent");

    let mut big = br#"{"name": ""#.to_vec();
    big.resize(17 * 1024 * 1024, b'a');
    big.extend_from_slice(br#""}"#);
    let out = run(nd(&server, &["update", "nd", "abc", "--json", "-"]), big).await;
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("16 MiB body cap") && !err.contains("EOF"), "{err}");
    assert!(server.received_requests().await.unwrap().is_empty(), "nothing sent");
}

/// #20 item 7: clearing a nullable field sends the `null` (signed over the exact bytes); a null
/// for a field the docs do not mark nullable is still refused, nothing sent.
#[tokio::test]
async fn pluuug_clears_a_nullable_field_with_null() {
    use hmac::{Hmac, Mac};
    let server = MockServer::start().await;
    Mock::given(matchers::method("PATCH"))
        .and(matchers::path("/v1/client/48110"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"id": 48110, "companyName": "회사", "inCharge": null})),
        )
        .mount(&server)
        .await;
    let body = r#"{"inCharge": null, "position": null, "content": "메모"}"#;
    let out = run(pluuug(&server, &["update", "pluuug", "48110", "--json", "-"]), body).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(reqs.len(), 1);
    let sent: Value = serde_json::from_slice(&reqs[0].body).unwrap();
    assert_eq!(sent, json!({"inCharge": null, "position": null, "content": "메모"}));
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(b"SENTINEL-secret-9f2").unwrap();
    mac.update(&reqs[0].body);
    assert_eq!(
        reqs[0].headers.get("x-signature").unwrap().to_str().unwrap(),
        hex::encode(mac.finalize().into_bytes())
    );

    let out = run(pluuug(&server, &["update", "pluuug", "48110", "--json", "-"]), r#"{"email": null}"#).await;
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(server.received_requests().await.unwrap().len(), 1, "nothing more sent");
}

/// #20 item 7 for Gofive: a null for a field the docs mark nullable (gofive.md, Create or Update
/// customer) is sent as given beside the `customerCode`, and the answer echoing the nulls decodes;
/// a null for `customerEmail`, the docs' only optional field that is not nullable, is refused and
/// nothing is sent.
#[tokio::test]
async fn gofive_clears_a_nullable_field_with_null() {
    let server = gofive_answering(json!({
        "customerId": 55, "customerCode": "C000055", "customerName": "x", "customerState": 1,
        "customerPhone": null, "customerTaxNo": null, "customerAliases": null,
        "customerStatus": null, "addresses": null
    }))
    .await;
    let body = json!({
        "customerName": "x", "customerState": 1, "customerPhone": null, "customerTaxNo": null,
        "customerAliases": null, "customerStatus": null, "addresses": null
    });
    let out = run(update_gofive(&server), body.to_string()).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let writes_received = gofive_writes(&server).await;
    let mut expected = body.clone();
    expected["customerCode"] = json!("C000055");
    assert_eq!(writes_received, [expected], "sent once, the nulls as given");
    let customer: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(customer["code"], "C000055");
    assert_eq!(customer["phone"], Value::Null);
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));

    let out =
        run(update_gofive(&server), r#"{"customerName": "x", "customerState": 1, "customerEmail": null}"#)
            .await;
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("customerEmail"), "{}", stderr(&out));
    assert_eq!(writes(&server).await, 1, "nothing more sent");
}
