//! The sliding-window limiter and the write rules over real HTTP on 127.0.0.1.

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use crm_runtime::{
    Config, ErrorKind, RateLimit, Runtime,
    testing::{Reply, TestServer},
};
use progenitor_client::{OperationInfo, ResponseValue};

/// The most arrivals in any window of `per - tolerance` (each window starting at an arrival).
fn busiest_window(mut at: Vec<Instant>, per: Duration, tolerance: Duration) -> usize {
    at.sort();
    let width = per - tolerance;
    (0..at.len())
        .map(|i| at[i..].iter().take_while(|t| t.duration_since(at[i]) < width).count())
        .max()
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_limiter_never_admits_n_plus_one_in_any_window() {
    let server = TestServer::start(|_| Reply::json(200, "{}")).await;
    let limit = RateLimit { requests: 10, per: Duration::from_millis(400) };
    let rt = Arc::new(Runtime::new("test", Config::default().with_rate_limit(Some(limit)), &[]));
    let http = reqwest::Client::new();
    let started = Instant::now();
    let mut tasks = Vec::new();
    // 45 requests at full speed from 45 tasks: 10 per window, so the last waits 4 windows.
    for _ in 0..45 {
        let (rt, http, url) = (rt.clone(), http.clone(), server.url());
        tasks.push(tokio::spawn(async move {
            let req = http.get(format!("{url}/x")).build().unwrap();
            rt.execute(&http, req, &OperationInfo { operation_id: "get" }).await.unwrap().status()
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), 200);
    }
    let arrivals: Vec<Instant> = server.requests().iter().map(|r| r.at).collect();
    assert_eq!(arrivals.len(), 45);
    assert_eq!(busiest_window(arrivals.clone(), limit.per, Duration::ZERO), 10, "at most 10 per window");
    assert!(started.elapsed() >= Duration::from_millis(1600), "{:?}", started.elapsed());
    // Full speed: each window is used up to the limit (no slower than the window allows).
    assert!(started.elapsed() < Duration::from_millis(2400), "{:?}", started.elapsed());
}

async fn post_call(
    rt: &Runtime,
    http: &reqwest::Client,
    url: String,
    op: &'static str,
) -> crm_runtime::Error {
    let info = OperationInfo { operation_id: op };
    rt.call::<serde_json::Value, (), _>(op, async {
        let req = http.post(url).body("{}").build().unwrap();
        let res = rt.execute(http, req, &info).await.map_err(progenitor_client::Error::CommunicationError)?;
        ResponseValue::from_response(res).await
    })
    .await
    .unwrap_err()
}

#[tokio::test]
async fn a_write_that_times_out_after_sending_has_an_unknown_outcome() {
    let server = TestServer::start(|_| Reply::json(200, "{}").after(Duration::from_secs(5))).await;
    let http = reqwest::Client::new();
    let rt = Runtime::new("test", Config::default().with_timeout(Duration::from_millis(300)), &[]);
    let e = post_call(&rt, &http, format!("{}/c", server.url()), "create_customer").await;
    assert_eq!(e.kind(), ErrorKind::Transport, "{e}");
    assert!(e.is_outcome_unknown(), "{e}");
    assert!(e.message().starts_with("outcome unknown:"), "{e}");
    assert_eq!(server.requests().len(), 1, "a write gets one attempt");

    // A write that never reached the server is an ordinary error.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let e = post_call(&rt, &http, format!("http://{addr}/c"), "create_customer").await;
    assert_eq!(e.kind(), ErrorKind::Transport, "{e}");
    assert!(!e.is_outcome_unknown(), "{e}");
}

#[tokio::test]
async fn writes_are_not_retried_but_listed_read_posts_are() {
    let server = TestServer::start(|_| Reply::json(503, "{}")).await;
    let http = reqwest::Client::new();
    let fast = Config::default().with_backoff(Duration::from_millis(1), Duration::from_millis(5));
    let rt = Runtime::new("test", fast.clone(), &["search"]);
    for (method, op, expected) in [
        (reqwest::Method::PUT, "update", 1),
        (reqwest::Method::PATCH, "update", 1),
        (reqwest::Method::DELETE, "delete", 1),
        (reqwest::Method::POST, "create", 1),
        (reqwest::Method::POST, "search", 3),
        (reqwest::Method::GET, "get", 3),
    ] {
        let before = server.requests().len();
        let req = http.request(method.clone(), format!("{}/w", server.url())).build().unwrap();
        rt.execute(&http, req, &OperationInfo { operation_id: op }).await.unwrap();
        assert_eq!(server.requests().len() - before, expected, "{method} {op}");
    }
}

/// A server answering its first request `status` with `retry-after: 1`, then 200 with `{}`.
async fn refuses_once(status: u16) -> TestServer {
    let first = std::sync::atomic::AtomicBool::new(true);
    TestServer::start(move |_| {
        if first.swap(false, std::sync::atomic::Ordering::SeqCst) {
            Reply::json(status, "{}").header("retry-after", "1")
        } else {
            Reply::json(200, "{}")
        }
    })
    .await
}

#[tokio::test]
async fn a_retry_after_on_503_pauses_every_request_of_the_client() {
    let server = refuses_once(503).await;
    let http = reqwest::Client::new();
    let rt = Arc::new(Runtime::new("test", Config::default(), &[]));
    let req = http.get(format!("{}/a", server.url())).build().unwrap();
    rt.execute(&http, req, &OperationInfo { operation_id: "get" }).await.unwrap();
    // The pause is the client's: a later, unrelated request waits for it too.
    let t0 = server.requests()[0].at;
    let req = http.get(format!("{}/b", server.url())).build().unwrap();
    rt.execute(&http, req, &OperationInfo { operation_id: "get" }).await.unwrap();
    let reqs = server.requests();
    assert_eq!(reqs.len(), 3);
    assert!(reqs.iter().skip(1).all(|r| r.at.duration_since(t0) >= Duration::from_millis(990)), "paused 1 s");
}

/// Captures formatted tracing output.
#[derive(Clone, Default)]
struct Captured(Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Captured {
        self.clone()
    }
}

#[tokio::test(flavor = "current_thread")]
async fn waits_on_a_throttle_are_announced_on_the_throttle_target() {
    let out = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(out.clone())
        .with_ansi(false)
        .with_env_filter("crm_runtime::throttle=info")
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = refuses_once(429).await;
    let http = reqwest::Client::new();
    let rt = Runtime::new("test", Config::default(), &[]);
    let req = http.get(format!("{}/x", server.url())).build().unwrap();
    assert_eq!(rt.execute(&http, req, &OperationInfo { operation_id: "get" }).await.unwrap().status(), 200);
    let text = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
    assert!(text.contains("crm_runtime::throttle"), "{text}");
    assert!(text.contains("waiting on rate limit") && text.contains("provider=\"test\""), "{text}");
    assert!(text.contains("wait_ms="), "{text}");
}
