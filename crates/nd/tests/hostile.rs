//! nd-client against hostile servers on 127.0.0.1 (issues 9, 10 and 16): redirects, hostile
//! IDs, echoed secrets, and one shared back-off when a 429 hits a concurrent run.

use std::{
    sync::{
        Arc, Mutex,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use crm_runtime::testing::{HOSTILE_IDS, Recorded, Reply, TestServer, check_redirect_refused, oversized_id};
use futures::StreamExt;
use nd_client::{Client, ErrorKind};

const TOKEN: &str = "ND-TOKEN-SENTINEL-1";

fn client(url: &str) -> Client {
    Client::builder().base_url(url).token(TOKEN).build().unwrap()
}

#[tokio::test]
async fn a_cross_origin_redirect_is_not_followed() {
    let other = TestServer::start_on("127.0.0.2", |_| Reply::json(200, r#"{"id":"1"}"#)).await;
    let location = format!("{}/steal?token=QUERY-SENTINEL", other.url());
    let s = TestServer::start(move |_| Reply::json(307, "{}").header("location", location.clone())).await;
    let e = client(&s.url()).get_customer_detail("1").await.unwrap_err();
    check_redirect_refused(&e, 307, &other);
}

#[tokio::test]
async fn hostile_ids_never_change_the_path() {
    let s = TestServer::start(|_| Reply::json(200, r#"{"id":"1"}"#)).await;
    let c = client(&s.url());
    let oversized = oversized_id();
    let cases = HOSTILE_IDS.iter().map(|(id, enc)| (*id, *enc)).chain([(oversized.as_str(), None)]);
    for (id, encoded) in cases {
        let before = s.requests().len();
        let result = c.get_customer_detail(id).await;
        let sent: Vec<Recorded> = s.requests()[before..].to_vec();
        match encoded {
            None => {
                assert_eq!(result.unwrap_err().kind(), ErrorKind::Config, "{id:?}");
                assert!(sent.is_empty(), "{id:?}: {:?}", sent.iter().map(Recorded::line).collect::<Vec<_>>());
            }
            Some(enc) => {
                result.unwrap_or_else(|e| panic!("{id:?}: {e}"));
                assert_eq!(sent.len(), 1, "{id:?}");
                assert_eq!(sent[0].line(), format!("GET /api/customers/{enc}/detail"), "{id:?}");
            }
        }
    }
}

#[tokio::test]
async fn secrets_echoed_by_the_provider_are_redacted() {
    let s = TestServer::start(|r| {
        let echo = format!("Unauthenticated: {}", r.header("authorization").unwrap_or(""));
        Reply::json(500, serde_json::json!({ "code": 500, "message": echo }).to_string())
    })
    .await;
    let e = client(&s.url()).get_customer_detail("1").await.unwrap_err();
    let shown = format!("{e} {e:?}");
    assert!(!shown.contains("SENTINEL") && shown.contains("[redacted]"), "{shown}");
}

/// Issue 9: a 429 with `Retry-After: 45` in the middle of a 32-wide run pauses the whole client
/// until then (the server keeps refusing until then, as a real throttle does), costs at most the
/// requests in flight, and the run ends with every record fetched.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_pauses_the_whole_concurrent_run_and_nothing_is_lost() {
    let served = Arc::new(AtomicUsize::new(0));
    let wall: Arc<Mutex<Option<Instant>>> = Arc::default();
    let refused = Arc::new(AtomicUsize::new(0));
    let (s_served, s_wall, s_refused) = (served.clone(), wall.clone(), refused.clone());
    let s = TestServer::start(move |r| {
        let mut wall = s_wall.lock().unwrap();
        if wall.is_none() && s_served.load(Ordering::SeqCst) == 100 {
            *wall = Some(r.at + Duration::from_secs(45));
        }
        if wall.is_some_and(|until| r.at < until) {
            s_refused.fetch_add(1, Ordering::SeqCst);
            return Reply::json(429, r#"{"code":429,"message":"Too Many Attempts."}"#)
                .header("retry-after", "45")
                .header("x-ratelimit-remaining", "0");
        }
        s_served.fetch_add(1, Ordering::SeqCst);
        Reply::json(200, r#"{"id":"1"}"#).after(Duration::from_millis(5))
    })
    .await;
    let c = client(&s.url());
    let results: Vec<_> = futures::stream::iter(0..300)
        .map(|i| {
            let c = c.clone();
            async move { c.get_customer_detail(&i.to_string()).await }
        })
        .buffer_unordered(32)
        .collect()
        .await;
    let errors: Vec<String> =
        results.iter().filter_map(|r| r.as_ref().err().map(|e| e.to_string())).collect();
    assert!(errors.is_empty(), "{} errors: {:?}", errors.len(), &errors[..errors.len().min(3)]);
    assert_eq!(served.load(Ordering::SeqCst), 300);
    let wasted = refused.load(Ordering::SeqCst);
    assert!((1..=32).contains(&wasted), "a wall of 429s costs at most the requests in flight: {wasted}");
    let until = wall.lock().unwrap().unwrap();
    let early =
        s.requests().iter().filter(|r| r.at > until - Duration::from_secs(44) && r.at < until).count();
    assert_eq!(early, 0, "nothing is sent while the client is paused");
}
