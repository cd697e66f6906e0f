//! Retries, timeouts, the size cap and the rate limiter, through the sandbox's fault knobs over
//! real HTTP (nd has no token, so each knob is exercised alone).

use std::time::{Duration, Instant};

use customer_sandbox::{Provider, Sandbox};
use nd_client::{Client, Config, ErrorKind};

fn client(sandbox: &Sandbox, config: Config) -> Client {
    Client::builder()
        .base_url(sandbox.base_url())
        .token(sandbox.credentials().nd_token.clone().unwrap())
        .config(config)
        .build()
        .unwrap()
}

fn fast() -> Config {
    Config::default().with_backoff(Duration::from_millis(1), Duration::from_millis(10))
}

#[tokio::test]
async fn transient_503s_are_retried_until_success() {
    let sandbox = Sandbox::start().await.unwrap();
    let f = client(&sandbox, fast()).get_customer_detail("991502").await.unwrap();
    assert_eq!(f.attempts, 3, "two 503s, then success");
    assert_eq!(sandbox.stats().requests(Provider::Nd), 3);
}

#[tokio::test]
async fn a_429_with_retry_after_is_retried() {
    let sandbox = Sandbox::start().await.unwrap();
    let f = client(&sandbox, fast()).get_customer_detail("991421").await.unwrap();
    assert_eq!(f.attempts, 2);
}

#[tokio::test]
async fn still_rate_limited_after_retries_is_rate_limited() {
    let sandbox = Sandbox::start().await.unwrap();
    // 429s are waited out until the deadline (not counted as error attempts): one Retry-After of
    // 1 s fits in 1.5 s, the second would not.
    let config = fast().with_max_attempts(2).with_timeout(Duration::from_millis(1500));
    let e = client(&sandbox, config).get_customer_detail("990429").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::RateLimited, "{e}");
    assert_eq!(e.retry_after(), Some(Duration::from_secs(1)));
    assert_eq!(sandbox.stats().requests(Provider::Nd), 2);
}

#[tokio::test]
async fn retries_off_means_one_attempt() {
    let sandbox = Sandbox::start().await.unwrap();
    let e = client(&sandbox, fast().without_retries()).get_customer_detail("991501").await.unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::ProviderError, Some(503)), "{e}");
    assert_eq!(sandbox.stats().requests(Provider::Nd), 1);
}

#[tokio::test]
async fn a_hanging_server_times_out() {
    let sandbox = Sandbox::start().await.unwrap();
    let e = client(&sandbox, fast().with_timeout(Duration::from_millis(300)))
        .get_customer_detail("990006")
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport, "{e}");
    assert!(e.is_timeout(), "{e}");
}

#[tokio::test]
async fn an_oversize_body_is_refused_at_the_cap() {
    let sandbox = Sandbox::start().await.unwrap();
    let e = client(&sandbox, fast()).get_customer_detail("990005").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadResponse, "{e}");
    assert!(e.message().contains("cap"), "{e}");
    let small = fast().with_max_body_bytes(512);
    let e = client(&sandbox, small).get_customer_detail("id").await.unwrap_err();
    assert!(e.message().contains("512 byte cap"), "{e}");
}

#[tokio::test]
async fn the_rate_limiter_paces_every_task_of_a_client() {
    let sandbox = Sandbox::start().await.unwrap();
    let c = client(
        &sandbox,
        fast().with_rate_limit(Some(nd_client::RateLimit { requests: 5, per: Duration::from_millis(500) })),
    );
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..15 {
        let c = c.clone();
        tasks.push(tokio::spawn(async move { c.get_customer_detail("id").await }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    // Burst of 5, then one every 100 ms: the 15th request cannot start before 1 s.
    assert!(started.elapsed() >= Duration::from_millis(950), "{:?}", started.elapsed());
}
