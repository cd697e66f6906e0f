//! gofive-client against hostile servers on 127.0.0.1 (issues 10 and 16): redirects, token
//! lifetimes, unusable tokens, rejected credentials, hostile IDs, echoed secrets, one deadline.

use std::time::{Duration, Instant};

use crm_runtime::testing::{
    EXPIRES_IN_CASES, HOSTILE_IDS, Recorded, Reply, TestServer, check_expires_in, check_redirect_refused,
    oversized_id,
};
use gofive_client::{Client, Config, ErrorKind};

const TOKEN_PATH: &str = "/authorization/connect/token";
const KEY: &str = "SUB-SENTINEL-KEY-1";
const SECRET: &str = "SECRET-SENTINEL-VALUE/+1";
const ISSUED: &str = "tok-SENTINEL-issued-1";
const CUSTOMER: &str = r#"{"status":{"code":"1000","description":"Success"},"data":{"customerId":1}}"#;

fn token(expires_in: &str) -> Reply {
    Reply::json(200, format!(r#"{{"access_token":"{ISSUED}","token_type":"Bearer"{expires_in}}}"#))
}

/// A gateway that issues `token_reply` and answers every other request with `data`.
async fn server(token_reply: Reply, data: impl Fn(&Recorded) -> Reply + Send + Sync + 'static) -> TestServer {
    TestServer::start(move |r| if r.path() == TOKEN_PATH { token_reply.clone() } else { data(r) }).await
}

fn client(url: &str) -> Client {
    Client::builder()
        .subscription_key(KEY)
        .client_id("cid")
        .client_secret(SECRET)
        .base_url(url)
        .config(Config::default().with_backoff(Duration::from_millis(1), Duration::from_millis(5)))
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_cross_origin_redirect_is_not_followed() {
    let other = TestServer::start_on("127.0.0.2", |_| Reply::json(200, CUSTOMER)).await;
    let location = format!("{}/steal?token=QUERY-SENTINEL", other.url());
    let s = server(token(r#","expires_in":3600"#), move |_| {
        Reply::json(302, "{}").header("location", location.clone())
    })
    .await;
    let e = client(&s.url()).get_customer_by_code("C1").await.unwrap_err();
    check_redirect_refused(&e, 302, &other);
}

#[tokio::test]
async fn token_lifetimes_from_the_wire_never_panic() {
    for &(expires_in, works) in EXPIRES_IN_CASES {
        let s = server(token(expires_in), |_| Reply::json(200, CUSTOMER)).await;
        let c = client(&s.url());
        check_expires_in(expires_in, works, c.get_customer_by_code("C1").await);
        if works {
            c.get_customer_by_code("C2").await.unwrap();
            assert_eq!(s.hits(TOKEN_PATH), 1, "{expires_in}: the token is cached");
        }
    }
}

#[tokio::test]
async fn a_token_with_cr_lf_is_a_bad_response() {
    let s = server(Reply::json(200, r#"{"access_token":"abc\r\nX-Evil: 1","expires_in":3600}"#), |_| {
        Reply::json(200, CUSTOMER)
    })
    .await;
    let e = client(&s.url()).get_customer_by_code("C1").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadResponse, "{e}");
    assert_eq!(s.requests().len(), 1, "no data request with an unusable token");
}

#[tokio::test]
async fn rejected_credentials_cost_one_token_request() {
    let s = server(Reply::json(400, r#"{"error":"invalid_client"}"#), |_| Reply::json(200, CUSTOMER)).await;
    let c = client(&s.url());
    let mut tasks = Vec::new();
    for i in 0..20 {
        let c = c.clone();
        tasks.push(tokio::spawn(async move { c.get_customer_by_code(&format!("C{i}")).await }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap().unwrap_err().kind(), ErrorKind::Auth);
    }
    for _ in 0..3 {
        assert_eq!(c.get_customer_by_code("C1").await.unwrap_err().kind(), ErrorKind::Auth);
    }
    assert_eq!(s.hits(TOKEN_PATH), 1, "one token request for the whole run");
    assert_eq!(s.requests().len(), 1, "and nothing else");
}

#[tokio::test]
async fn hostile_ids_never_change_the_path() {
    let s = server(token(r#","expires_in":3600"#), |_| Reply::json(200, CUSTOMER)).await;
    let c = client(&s.url());
    let oversized = oversized_id();
    let cases = HOSTILE_IDS.iter().map(|(id, enc)| (*id, *enc)).chain([(oversized.as_str(), None)]);
    for (id, encoded) in cases {
        let before = s.requests().len();
        let result = c.get_customer_by_code(id).await;
        let data: Vec<Recorded> =
            s.requests()[before..].iter().filter(|r| r.path() != TOKEN_PATH).cloned().collect();
        match encoded {
            None => {
                let e = result.unwrap_err();
                assert_eq!(e.kind(), ErrorKind::Config, "{id:?}: {e}");
                assert_eq!(s.requests().len(), before, "{id:?}: not even a token request");
                assert!(
                    data.is_empty(),
                    "{id:?}: nothing sent, got {:?}",
                    data.iter().map(Recorded::line).collect::<Vec<_>>()
                );
            }
            Some(enc) => {
                result.unwrap_or_else(|e| panic!("{id:?}: {e}"));
                assert_eq!(data.len(), 1, "{id:?}");
                assert_eq!(data[0].line(), format!("GET /v3/customers/{enc}"), "{id:?}");
            }
        }
    }
}

#[tokio::test]
async fn secrets_echoed_by_the_provider_are_redacted() {
    // An identity server that echoes the form body it got (client_secret included).
    let s = TestServer::start(|r| {
        let echo =
            format!("bad request: {} key={}", r.text(), r.header("ocp-apim-subscription-key").unwrap_or(""));
        Reply::json(
            400,
            serde_json::json!({"error": "invalid_client", "error_description": echo}).to_string(),
        )
    })
    .await;
    let e = client(&s.url()).get_customer_by_code("C1").await.unwrap_err();
    let shown = format!("{e} {e:?}");
    assert!(!shown.contains("SENTINEL"), "{shown}");
    assert!(shown.contains("[redacted]"), "{shown}");

    // A gateway that echoes the bearer token and key in a data error.
    let s = server(token(r#","expires_in":3600"#), |r| {
        let echo = format!(
            "{} / {}",
            r.header("authorization").unwrap_or(""),
            r.header("ocp-apim-subscription-key").unwrap_or("")
        );
        Reply::json(500, serde_json::json!({"statusCode": 500, "message": echo}).to_string())
    })
    .await;
    let e = client(&s.url()).get_customer_by_code("C1").await.unwrap_err();
    let shown = format!("{e} {e:?}");
    assert!(!shown.contains("SENTINEL"), "{shown}");
    assert!(shown.contains("[redacted]"), "{shown}");
}

#[tokio::test]
async fn scope_is_sent_only_when_set() {
    let s = server(token(r#","expires_in":3600"#), |_| Reply::json(200, CUSTOMER)).await;
    client(&s.url()).get_customer_by_code("C1").await.unwrap();
    let with_scope = Client::builder()
        .subscription_key(KEY)
        .client_id("cid")
        .client_secret(SECRET)
        .scope("venio.crm read")
        .base_url(s.url())
        .build()
        .unwrap();
    with_scope.get_customer_by_code("C1").await.unwrap();
    let forms: Vec<String> =
        s.requests().iter().filter(|r| r.path() == TOKEN_PATH).map(Recorded::text).collect();
    assert_eq!(forms.len(), 2);
    assert!(!forms[0].contains("scope"), "{}", forms[0]);
    assert!(forms[1].contains("scope=venio.crm+read"), "{}", forms[1]);
}

#[tokio::test]
async fn one_deadline_covers_token_and_call() {
    let s = server(token(r#","expires_in":3600"#).after(Duration::from_millis(700)), |_| {
        Reply::json(200, CUSTOMER).after(Duration::from_millis(700))
    })
    .await;
    let c = Client::builder()
        .subscription_key(KEY)
        .client_id("cid")
        .client_secret(SECRET)
        .base_url(s.url())
        .config(Config::default().with_timeout(Duration::from_secs(1)))
        .build()
        .unwrap();
    let started = Instant::now();
    let e = c.get_customer_by_code("C1").await.unwrap_err();
    assert!(e.is_timeout(), "{e}");
    assert!(
        started.elapsed() < Duration::from_millis(1300),
        "one deadline, not one per step: {:?}",
        started.elapsed()
    );
}
