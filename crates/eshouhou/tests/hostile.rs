//! eshouhou-client against hostile servers on 127.0.0.1 (issues 10 and 16): redirects, token
//! lifetimes, unusable tokens, rejected credentials, hostile IDs, echoed secrets, one deadline.

use std::time::{Duration, Instant};

use crm_runtime::testing::{
    EXPIRES_IN_CASES, HOSTILE_IDS, Recorded, Reply, TestServer, check_expires_in, check_redirect_refused,
    oversized_id,
};
use eshouhou_client::{Client, Config, ErrorKind};

const TOKEN_PATH: &str = "/api/TokenApi";
const DATA_PATH: &str = "/open/v2/Customer/GetCustomer";
const SECRET: &str = "APP-SECRET-SENTINEL-1";
const ISSUED: &str = "tok-SENTINEL-issued-1";
const ROWS: &str =
    r#"{"ResultCode":0,"ErrorMsg":"","ResultValue":[{"ShowType":1,"Key":"客户名称","Value":"x"}]}"#;

fn token(expires_in: &str) -> Reply {
    Reply::json(
        200,
        format!(
            r#"{{"ResultCode":0,"ErrorMsg":"","ResultValue":{{"access_token":"{ISSUED}"{expires_in}}}}}"#
        ),
    )
}

async fn server(token_reply: Reply, data: impl Fn(&Recorded) -> Reply + Send + Sync + 'static) -> TestServer {
    TestServer::start(move |r| if r.path() == TOKEN_PATH { token_reply.clone() } else { data(r) }).await
}

fn client(url: &str) -> Client {
    Client::builder()
        .appid("appid")
        .app_secret(SECRET)
        .base_url(url)
        .config(Config::default().with_backoff(Duration::from_millis(1), Duration::from_millis(5)))
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_cross_origin_redirect_is_not_followed() {
    let other = TestServer::start_on("127.0.0.2", |_| Reply::json(200, ROWS)).await;
    let location = format!("{}/steal?access_token=QUERY-SENTINEL", other.url());
    let s = server(token(r#","expires_in":7200"#), move |_| {
        Reply::json(302, "{}").header("location", location.clone())
    })
    .await;
    let e = client(&s.url()).get_customer("c1").await.unwrap_err();
    check_redirect_refused(&e, 302, &other);
}

#[tokio::test]
async fn token_lifetimes_from_the_wire_never_panic() {
    for &(expires_in, works) in EXPIRES_IN_CASES {
        let s = server(token(expires_in), |_| Reply::json(200, ROWS)).await;
        let c = client(&s.url());
        check_expires_in(expires_in, works, c.get_customer("c1").await);
        if works {
            c.get_customer("c2").await.unwrap();
            assert_eq!(s.hits(TOKEN_PATH), 1, "{expires_in}: the token is cached");
        }
    }
}

#[tokio::test]
async fn a_token_with_control_characters_is_a_bad_response() {
    let s = server(
        Reply::json(
            200,
            r#"{"ResultCode":0,"ResultValue":{"access_token":"abc\r\nX: 1","expires_in":7200}}"#,
        ),
        |_| Reply::json(200, ROWS),
    )
    .await;
    let e = client(&s.url()).get_customer("c1").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadResponse, "{e}");
    assert_eq!(s.requests().len(), 1, "no data request with an unusable token");
}

#[tokio::test]
async fn rejected_credentials_cost_one_token_request() {
    let s = server(Reply::json(200, r#"{"ResultCode":40001,"ErrorMsg":"sign error"}"#), |_| {
        Reply::json(200, ROWS)
    })
    .await;
    let c = client(&s.url());
    let mut tasks = Vec::new();
    for i in 0..20 {
        let c = c.clone();
        tasks.push(tokio::spawn(async move { c.get_customer(&format!("c{i}")).await }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap().unwrap_err().kind(), ErrorKind::Auth);
    }
    assert_eq!(c.get_customer("c1").await.unwrap_err().kind(), ErrorKind::Auth);
    assert_eq!(s.hits(TOKEN_PATH), 1, "one token request for the whole run");
    assert_eq!(s.requests().len(), 1);
}

#[tokio::test]
async fn hostile_ids_never_change_the_path() {
    let s = server(token(r#","expires_in":7200"#), |_| Reply::json(200, ROWS)).await;
    let c = client(&s.url());
    let oversized = oversized_id();
    let cases = HOSTILE_IDS.iter().map(|(id, enc)| (*id, enc.is_some())).chain([(oversized.as_str(), false)]);
    for (id, sendable) in cases {
        let before = s.requests().len();
        let result = c.get_customer(id).await;
        let data: Vec<Recorded> =
            s.requests()[before..].iter().filter(|r| r.path() != TOKEN_PATH).cloned().collect();
        if sendable {
            result.unwrap_or_else(|e| panic!("{id:?}: {e}"));
            assert_eq!(data.len(), 1, "{id:?}");
            // The id travels in the query: the path is the operation's, and the id comes back
            // whole from the query.
            assert_eq!(data[0].path(), DATA_PATH, "{id:?}");
            let url = reqwest::Url::parse(&format!("http://x{}", data[0].target)).unwrap();
            let sent: Vec<(String, String)> = url.query_pairs().into_owned().collect();
            assert!(sent.contains(&("customerId".into(), id.into())), "{id:?}: {}", data[0].target);
        } else {
            let e = result.unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Config, "{id:?}: {e}");
            assert!(data.is_empty(), "{id:?}: nothing sent");
            assert_eq!(s.requests().len(), before, "{id:?}: not even a token request");
        }
    }
}

#[tokio::test]
async fn secrets_echoed_by_the_provider_are_redacted() {
    // eshouhou answers HTTP 200 with its own errors; this one echoes the request line, access
    // token included.
    let s = server(token(r#","expires_in":7200"#), |r| {
        let echo = format!("invalid request {} (not a token problem)", r.target).replace("token", "t0ken");
        Reply::json(200, serde_json::json!({"ResultCode": 500, "ErrorMsg": echo}).to_string())
    })
    .await;
    let e = client(&s.url()).get_customer("c1").await.unwrap_err();
    let shown = format!("{e} {e:?}");
    assert_eq!(e.kind(), ErrorKind::ProviderError, "{e}");
    assert!(!shown.contains("SENTINEL"), "{shown}");
    assert!(shown.contains("[redacted]"), "{shown}");

    let s = TestServer::start(|_| {
        Reply::json(200, format!(r#"{{"ResultCode":40001,"ErrorMsg":"bad secret {SECRET}"}}"#))
    })
    .await;
    let e = client(&s.url()).get_customer("c1").await.unwrap_err();
    assert!(!format!("{e} {e:?}").contains("SENTINEL"), "{e}");
}

#[tokio::test]
async fn one_deadline_covers_token_and_call() {
    let s = server(token(r#","expires_in":7200"#).after(Duration::from_millis(700)), |_| {
        Reply::json(200, ROWS).after(Duration::from_millis(700))
    })
    .await;
    let c = Client::builder()
        .appid("appid")
        .app_secret(SECRET)
        .base_url(s.url())
        .config(Config::default().with_timeout(Duration::from_secs(1)))
        .build()
        .unwrap();
    let started = Instant::now();
    let e = c.get_customer("c1").await.unwrap_err();
    assert!(e.is_timeout(), "{e}");
    assert!(started.elapsed() < Duration::from_millis(1300), "{:?}", started.elapsed());
}
