//! `crm-customers list` (the real binary) against the sandbox, and against a wiremock server on
//! 127.0.0.1 for nd's page cap.

use std::process::{Command, Output};

use customer_sandbox::{Provider, Sandbox};
use serde_json::{Value, json};
use wiremock::{Mock, MockServer, Request, ResponseTemplate, matchers};

mod common;
use common::{bin, output, stderr};

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

#[tokio::test]
async fn nd_ndjson_has_one_line_per_sandbox_record() {
    let sandbox = Sandbox::start().await.unwrap();
    let expected = sandbox.customer_ids(Provider::Nd).len();
    let out = run(&["list", "nd", "--sandbox", "--format", "ndjson"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let items = lines(&out);
    assert_eq!(items.len(), expected);
    let mut ids: Vec<String> = items.iter().map(|i| i["id"].as_str().unwrap().to_string()).collect();
    let mut seeded = sandbox.customer_ids(Provider::Nd);
    ids.sort();
    seeded.sort();
    assert_eq!(ids, seeded);
    assert!(items.iter().all(|i| i["customer"]["provider"] == "nd" && i["customer"].get("raw").is_none()));
}

#[test]
fn json_is_an_array_of_items_and_limit_stops_early() {
    let out = run(&["list", "nd", "--sandbox", "--limit", "3"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let all: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(all.as_array().unwrap().len(), 3);
    assert_eq!(all[0]["customer"]["id"], all[0]["id"]);

    let out = run(&["list", "nd", "--sandbox", "--format", "table", "--limit", "2"]);
    assert_eq!(out.status.code(), Some(0));
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("金职院") && table.contains("name"), "{table}");
}

#[test]
fn raw_is_the_list_item_exactly() {
    let out = run(&["list", "nd", "--sandbox", "--format", "ndjson", "--raw", "--limit", "1"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let item = &lines(&out)[0];
    assert_eq!(item["customer"]["raw"]["id"], item["id"]);
    assert!(item["customer"]["raw"].get("isPinned").is_some(), "the list item, not the page: {item}");
}

#[tokio::test]
async fn details_fetch_each_customer_in_full() {
    let sandbox = Sandbox::start().await.unwrap();
    let expected = sandbox.customer_ids(Provider::Nd).len();
    let out = run(&["list", "nd", "--sandbox", "--details", "--format", "ndjson"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let items = lines(&out);
    assert_eq!(items.len(), expected);
    // Only the detail has follower names and receivables.
    assert!(
        items.iter().any(|i| i["customer"]["collaborators"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["name"].is_string())),
        "details carry follower names"
    );
    assert!(items.iter().any(|i| i["customer"]["financials"]["outstanding_receivables"].is_string()));
}

#[test]
fn providers_without_a_documented_list_are_usage_errors() {
    for (provider, documented) in
        [("gofive", "GET /v3/customers/{customerCode}"), ("eshouhou", "GetCustomerContacts")]
    {
        let out = run(&["list", provider, "--sandbox"]);
        assert_eq!(out.status.code(), Some(2), "{provider}");
        assert!(stderr(&out).contains(documented), "{provider}: {}", stderr(&out));
        assert!(out.stdout.is_empty());
    }
}

#[tokio::test]
async fn nd_beyond_the_page_cap_prints_what_is_reachable_then_exits_5() {
    let server = MockServer::start().await;
    // Every page full, 150 000 customers in all: 100 pages × 1000 are reachable.
    Mock::given(matchers::path("/api/customers/paginate"))
        .respond_with(|req: &Request| {
            let body: Value = serde_json::from_slice(&req.body).unwrap();
            let (page, size) = (body["page"].as_u64().unwrap(), body["page_size"].as_u64().unwrap());
            let items: Vec<Value> = (0..size)
                .map(|i| json!({"id": format!("c{}", (page - 1) * size + i), "name": "客户"}))
                .collect();
            ResponseTemplate::new(200).set_body_json(
                json!({"code": 0, "message": "success", "data": {"items": items, "total": 150_000}}),
            )
        })
        .mount(&server)
        .await;
    let mut cmd = bin();
    cmd.args(["list", "nd", "--format", "ndjson", "--base-url", &server.uri()]);
    let out = output(cmd).await;
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 100_000);
    let err = stderr(&out);
    assert!(err.contains("page cap") && err.contains("150000 match, 50000 not listed"), "{err}");
    assert_eq!(server.received_requests().await.unwrap().len(), 100);
}

#[tokio::test]
async fn pluuug_lists_every_client_following_cursors() {
    let server = MockServer::start().await;
    let uri = server.uri();
    Mock::given(matchers::path("/v1/client"))
        .and(matchers::query_param_is_missing("cursor"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "next": format!("{uri}/v1/client?cursor=cD0y&page_size=100"), "previous": null,
            "results": [{"id": 1, "companyName": "가나"}, {"id": 2, "companyName": "다라"}]
        })))
        .mount(&server)
        .await;
    Mock::given(matchers::path("/v1/client"))
        .and(matchers::query_param("cursor", "cD0y"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"next": null, "previous": null, "results": [{"id": 3, "companyName": "마바"}]}),
        ))
        .mount(&server)
        .await;
    let mut cmd = bin();
    cmd.env("PLUUUG_API_KEY", "k").env("PLUUUG_SECRET_KEY", "s");
    cmd.args(["list", "pluuug", "--format", "ndjson", "--base-url", &uri]);
    let out = output(cmd).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let names: Vec<String> =
        lines(&out).iter().map(|i| i["customer"]["name"].as_str().unwrap().to_string()).collect();
    assert_eq!(names, ["가나", "다라", "마바"]);
}

#[tokio::test]
async fn pluuug_sandbox_lists_every_seeded_client() {
    let sandbox = Sandbox::start().await.unwrap();
    let out = run(&["list", "pluuug", "--sandbox", "--format", "ndjson"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(lines(&out).len(), sandbox.customer_ids(Provider::Pluuug).len());
}

#[cfg(unix)]
#[tokio::test]
async fn ctrl_c_closes_the_array_and_exits_130() {
    let server = MockServer::start().await;
    let page = |n: u64| {
        let items: Vec<Value> =
            (0..1000).map(|i| json!({"id": format!("c{}", n * 1000 + i), "name": "客户"})).collect();
        json!({"code": 0, "data": {"items": items, "total": 5000}})
    };
    Mock::given(matchers::path("/api/customers/paginate"))
        .and(matchers::body_partial_json(json!({"page": 1})))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(0)))
        .mount(&server)
        .await;
    Mock::given(matchers::path("/api/customers/paginate"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(page(1)).set_delay(std::time::Duration::from_secs(30)),
        )
        .mount(&server)
        .await;
    let mut cmd = bin();
    cmd.args(["list", "nd", "--base-url", &server.uri()]);
    cmd.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut all = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut all).unwrap();
        all
    });
    // Wait until page 2 is requested: page 1 is on stdout by then.
    for _ in 0..200 {
        if server.received_requests().await.unwrap().len() >= 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    let out = tokio::task::spawn_blocking(move || child.wait_with_output().unwrap()).await.unwrap();
    assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
    let stdout = reader.join().unwrap();
    let all: Value = serde_json::from_slice(&stdout).expect("a closed JSON array");
    assert_eq!(all.as_array().unwrap().len(), 1000);
}

#[cfg(target_os = "linux")]
#[test]
fn output_that_cannot_be_written_stops_the_list() {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = bin().args(["list", "nd", "--sandbox", "--format", "ndjson"]).stdout(full).output().unwrap();
    assert_eq!(out.status.code(), Some(74), "{}", stderr(&out));
    assert!(stderr(&out).contains("cannot write to stdout"), "{}", stderr(&out));

    let mut child = bin()
        .args(["list", "nd", "--sandbox", "--format", "ndjson"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(141), "{}", stderr(&out));
    assert!(out.stderr.is_empty(), "a closed pipe exits quietly: {}", stderr(&out));
}
