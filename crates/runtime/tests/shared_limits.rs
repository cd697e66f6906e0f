//! Limits shared through a real Redis (`RedisLimits`, feature `redis`): each test starts its
//! own `redis-server` on 127.0.0.1 and counts requests at its own HTTP server on 127.0.0.1.
//! Without `redis-server` installed the tests say so loudly and pass, except under `CI=true`.
#![cfg(feature = "redis")]

use std::{
    sync::{
        Arc, Mutex,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use crm_runtime::{
    Config, ErrorKind, RateLimit, RedisLimits, Runtime, SecretString,
    testing::{RedisServer, Reply, TestServer},
};
use progenitor_client::OperationInfo;

/// The most arrivals in any window of `per` (each window starting at an arrival).
fn busiest_window(mut at: Vec<Instant>, per: Duration) -> usize {
    at.sort();
    (0..at.len())
        .map(|i| at[i..].iter().take_while(|t| t.duration_since(at[i]) < per).count())
        .max()
        .unwrap_or(0)
}

fn runtime(store: &RedisLimits, limit: Option<RateLimit>, key: &SecretString) -> Arc<Runtime> {
    let config = Config::default().with_rate_limit(limit).with_limits_store(Arc::new(store.clone()));
    Arc::new(Runtime::new("test", config, &[]).with_credentials(&[key]))
}

async fn get(rt: &Runtime, http: &reqwest::Client, url: String) -> u16 {
    let req = http.get(url).build().unwrap();
    rt.execute(http, req, &OperationInfo { operation_id: "get" }).await.unwrap().status().as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_on_one_key_never_admit_n_plus_one_in_any_window() {
    let Some(redis) = RedisServer::start() else { return };
    let server = TestServer::start(|_| Reply::json(200, "{}")).await;
    let limit = RateLimit { requests: 8, per: Duration::from_millis(500) };
    let key = SecretString::from("the-api-key-of-one-tenant");
    // Two connections, two stores, two runtimes: what two processes on one API key have.
    let a = runtime(&RedisLimits::connect(&redis.url()).await.unwrap(), Some(limit), &key);
    let b = runtime(&RedisLimits::connect(&redis.url()).await.unwrap(), Some(limit), &key);
    let http = reqwest::Client::new();
    let started = Instant::now();
    let mut tasks = Vec::new();
    for i in 0..48 {
        let rt = if i % 2 == 0 { a.clone() } else { b.clone() };
        let (http, url) = (http.clone(), format!("{}/r/{i}", server.url()));
        tasks.push(tokio::spawn(async move { get(&rt, &http, url).await }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), 200);
    }
    let arrivals: Vec<Instant> = server.requests().iter().map(|r| r.at).collect();
    assert_eq!(arrivals.len(), 48);
    assert_eq!(busiest_window(arrivals, limit.per), 8, "at most 8 in any 500 ms, counted at the server");
    // 48 at 8 per window: the last leaves after 5 full windows.
    assert!(started.elapsed() >= Duration::from_millis(2500), "{:?}", started.elapsed());
    assert!(
        started.elapsed() < Duration::from_millis(4500),
        "no slower than the window: {:?}",
        started.elapsed()
    );

    // The keys name the provider and a hash of the credential, never the credential.
    let client = redis::Client::open(redis.url()).unwrap();
    let mut conn = client.get_multiplexed_async_connection().await.unwrap();
    let keys: Vec<String> = redis::cmd("KEYS").arg("*").query_async(&mut conn).await.unwrap();
    assert!(!keys.is_empty());
    for k in &keys {
        assert!(k.starts_with("crm-limits:{test:"), "{k}");
        assert!(!k.contains("the-api-key"), "{k}");
        let ttl: i64 = redis::cmd("PTTL").arg(k).query_async(&mut conn).await.unwrap();
        assert!(ttl > 0, "{k} expires by itself: {ttl}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retry_after_seen_by_one_process_pauses_the_other() {
    let Some(redis) = RedisServer::start() else { return };
    let hits = Arc::new(AtomicUsize::new(0));
    let h = hits.clone();
    let server = TestServer::start(move |_| {
        if h.fetch_add(1, Ordering::SeqCst) == 0 {
            Reply::json(429, "{}").header("Retry-After", "2")
        } else {
            Reply::json(200, "{}")
        }
    })
    .await;
    let key = SecretString::from("k");
    let a = runtime(&RedisLimits::connect(&redis.url()).await.unwrap(), None, &key);
    let b = runtime(&RedisLimits::connect(&redis.url()).await.unwrap(), None, &key);
    let http = reqwest::Client::new();
    let (ha, ua) = (http.clone(), format!("{}/a", server.url()));
    let first = tokio::spawn(async move { get(&a, &ha, ua).await });
    while hits.load(Ordering::SeqCst) == 0 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(get(&b, &http, format!("{}/b", server.url())).await, 200);
    assert_eq!(first.await.unwrap(), 200);
    let requests = server.requests();
    let throttled = requests[0].at;
    let other = requests.iter().find(|r| r.path() == "/b").unwrap().at;
    assert!(
        other.duration_since(throttled) >= Duration::from_millis(1900),
        "the other process waited out the pause: {:?}",
        other.duration_since(throttled)
    );
    assert_eq!(requests.len(), 3, "429, then one retry and the other's request");
}

/// Counts the store's warnings (target `crm_runtime::shared_limits`) on this thread.
#[derive(Clone, Default)]
struct Warnings(Arc<Mutex<Vec<String>>>);

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for Warnings {
    fn on_event(&self, event: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
        if event.metadata().target() == "crm_runtime::shared_limits" {
            struct Message(String);
            impl tracing::field::Visit for Message {
                fn record_debug(&mut self, f: &tracing::field::Field, v: &dyn std::fmt::Debug) {
                    if f.name() == "message" {
                        self.0 = format!("{v:?}");
                    }
                }
            }
            let mut m = Message(String::new());
            event.record(&mut m);
            self.0.lock().unwrap().push(m.0);
        }
    }
}

#[tokio::test(flavor = "current_thread")]
async fn losing_redis_mid_run_loses_no_request_warns_once_and_reconnects() {
    use tracing_subscriber::layer::SubscriberExt;
    let Some(mut redis) = RedisServer::start() else { return };
    let warnings = Warnings::default();
    let _guard = tracing::subscriber::set_default(tracing_subscriber::registry().with(warnings.clone()));
    let server = TestServer::start(|_| Reply::json(200, "{}")).await;
    let limit = RateLimit { requests: 20, per: Duration::from_millis(300) };
    let store = RedisLimits::connect(&format!("{}?sharers=2", redis.url())).await.unwrap();
    let key = SecretString::from("k");
    let (a, b) = (runtime(&store, Some(limit), &key), runtime(&store, Some(limit), &key));
    let http = reqwest::Client::new();
    let mut tasks = Vec::new();
    for i in 0..120 {
        let rt = if i % 2 == 0 { a.clone() } else { b.clone() };
        let (http, url) = (http.clone(), format!("{}/r/{i}", server.url()));
        tasks.push(tokio::spawn(async move { get(&rt, &http, url).await }));
    }
    while server.requests().len() < 30 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    redis.stop();
    let killed = Instant::now();
    for t in tasks {
        assert_eq!(t.await.unwrap(), 200, "no request lost");
    }
    assert_eq!(server.requests().len(), 120);
    assert!(!store.is_connected());
    // After the loss: the in-process fallback at 20 ÷ 2 sharers.
    let after: Vec<Instant> =
        server.requests().iter().map(|r| r.at).filter(|t| *t > killed + Duration::from_millis(50)).collect();
    assert!(after.len() > 20, "{}", after.len());
    assert!(busiest_window(after, limit.per) <= 10);
    let seen = warnings.0.lock().unwrap().clone();
    assert_eq!(seen.len(), 1, "said once: {seen:?}");
    assert!(seen[0].contains("lost Redis") && seen[0].contains("1/2"), "{seen:?}");

    redis.restart();
    // The store looks for Redis at most once a second; the connection comes back on a probe.
    let restarted = Instant::now();
    while !store.is_connected() {
        assert!(restarted.elapsed() < Duration::from_secs(10), "reconnected");
        assert_eq!(get(&a, &http, format!("{}/again", server.url())).await, 200);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let seen = warnings.0.lock().unwrap().clone();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert!(seen[1].contains("back"), "{seen:?}");
}

#[tokio::test]
async fn unreachable_redis_at_start_is_a_config_error_naming_the_url_without_its_password() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let e = RedisLimits::connect(&format!("redis://:s3cret-pw@127.0.0.1:{port}/0")).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Config);
    let shown = format!("{e} {e:?}");
    assert!(shown.contains(&format!("redis://***@127.0.0.1:{port}/0")), "{shown}");
    assert!(!shown.contains("s3cret"), "{shown}");

    let e = RedisLimits::connect("http://127.0.0.1:1/").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Config);
    let e = RedisLimits::connect("redis://user:s3cret-pw@127.0.0.1:1/0?sharers=0").await.unwrap_err();
    assert!(e.message().contains("sharers") && !format!("{e:?}").contains("s3cret"), "{e:?}");
}

#[tokio::test]
async fn a_redis_password_is_never_printed() {
    let Some(redis) = RedisServer::start_with_password("s3cret-pw") else { return };
    let store = RedisLimits::connect(&redis.url()).await.unwrap();
    let config = Config::default().with_limits_store(Arc::new(store.clone()));
    for shown in [format!("{store:?}"), store.url().to_string(), format!("{config:?}")] {
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains(&format!("127.0.0.1:{}", redis.port())), "{shown}");
    }
    let wrong = format!("redis://:wr0ng-pw@127.0.0.1:{}/0", redis.port());
    let e = RedisLimits::connect(&wrong).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Config);
    assert!(!format!("{e} {e:?}").contains("wr0ng"), "{e:?}");
}
