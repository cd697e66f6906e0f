//! pluuug-client against hostile servers on 127.0.0.1 (issues 9, 10 and 16): redirects,
//! hostile IDs, echoed secrets, config layering.

use std::time::Duration;

use crm_runtime::testing::{HOSTILE_IDS, Reply, TestServer, check_redirect_refused, oversized_id};
use pluuug_client::{Client, Config, ErrorKind};

const API_KEY: &str = "API-KEY-SENTINEL-1";
const SECRET_KEY: &str = "SECRET-KEY-SENTINEL-1";

fn client(url: &str) -> Client {
    Client::builder().api_key(API_KEY).secret_key(SECRET_KEY).base_url(url).build().unwrap()
}

#[tokio::test]
async fn a_cross_origin_redirect_is_not_followed() {
    let other = TestServer::start_on("127.0.0.2", |_| Reply::json(200, r#"{"id":1}"#)).await;
    let location = format!("{}/steal?key=QUERY-SENTINEL", other.url());
    let s = TestServer::start(move |_| Reply::json(301, "{}").header("location", location.clone())).await;
    let e = client(&s.url()).get_client(1).await.unwrap_err();
    check_redirect_refused(&e, 301, &other);
}

#[tokio::test]
async fn hostile_ids_are_refused_before_any_request() {
    let s = TestServer::start(|_| Reply::json(200, r#"{"id":1}"#)).await;
    let c = client(&s.url());
    let oversized = oversized_id();
    for id in HOSTILE_IDS.iter().map(|(id, _)| *id).chain([oversized.as_str(), "1/../2", "1 OR 1=1"]) {
        let e = c.get_client_by_str(id).await.unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Config, "{id:?}: {e}");
        assert!(!e.to_string().chars().any(char::is_control), "{e:?}");
    }
    assert!(s.requests().is_empty(), "Pluuug ids are integers: nothing else reaches the path");
    c.get_client_by_str("42").await.unwrap();
    assert_eq!(s.requests()[0].line(), "GET /v1/client/42");
}

#[tokio::test]
async fn secrets_echoed_by_the_provider_are_redacted() {
    let s = TestServer::start(|r| {
        let echo = format!("Invalid key {}", r.header("x-api-key").unwrap_or(""));
        Reply::json(401, serde_json::json!({ "detail": echo }).to_string())
    })
    .await;
    let e = client(&s.url()).get_client(1).await.unwrap_err();
    let shown = format!("{e} {e:?}");
    assert_eq!(e.kind(), ErrorKind::Auth, "{e}");
    assert!(!shown.contains("SENTINEL") && shown.contains("[redacted]"), "{shown}");
}

#[test]
fn config_layers_onto_the_documented_rate_limit() {
    let shown = |c: Client| format!("{c:?}");
    let url = "http://127.0.0.1:9";
    let layered = Client::builder()
        .api_key(API_KEY)
        .secret_key(SECRET_KEY)
        .base_url(url)
        .config(Config::default().with_timeout(Duration::from_secs(5)))
        .build()
        .unwrap();
    assert!(shown(layered).contains("requests: 1000, per: 60s"), "Pluuug's 1000/60 s stays");
    let unlimited = Client::builder()
        .api_key(API_KEY)
        .secret_key(SECRET_KEY)
        .base_url(url)
        .config(Config::default().with_rate_limit(None))
        .build()
        .unwrap();
    assert!(shown(unlimited).contains("rate_limit: None"));
}

#[test]
fn a_base_url_with_credentials_is_refused_without_printing_them() {
    for url in ["http://user:PW-SENTINEL@127.0.0.1:9", "http://user:PW-SENTINEL@127.0.0.1:notaport"] {
        let e = Client::builder().api_key(API_KEY).secret_key(SECRET_KEY).base_url(url).build().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Config, "{e}");
        assert!(!format!("{e} {e:?}").contains("SENTINEL"), "{e}");
    }
}

/// A call through `generated()` (outside the wrapped operations) keeps to the call deadline too:
/// a server that never answers in time gives a synthetic `504` with no body once the configured
/// timeout passes, not a hang (issue 19, item 3).
#[tokio::test]
async fn a_generated_call_keeps_to_the_deadline() {
    let s = TestServer::start(|_| Reply::json(200, r#"{"id":1}"#).after(Duration::from_secs(30))).await;
    let c = Client::builder()
        .api_key(API_KEY)
        .secret_key(SECRET_KEY)
        .base_url(s.url())
        .config(Config::default().with_timeout(Duration::from_millis(700)))
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let result = tokio::time::timeout(Duration::from_secs(10), c.generated().get_client(1))
        .await
        .expect("the generated call ends at its deadline, not after the server's 30 s");
    let elapsed = started.elapsed();
    match result {
        Err(progenitor_client::Error::ErrorResponse(r)) => assert_eq!(r.status().as_u16(), 504),
        Err(progenitor_client::Error::UnexpectedResponse(r)) => assert_eq!(r.status().as_u16(), 504),
        other => panic!("expected a synthetic 504, got {other:?}"),
    }
    assert!(elapsed < Duration::from_secs(5), "took {elapsed:?}");
}
