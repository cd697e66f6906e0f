//! `--shared-limits redis://…` (`CRM_SHARED_LIMITS`) through the real binary: several processes
//! on one Pluuug key behind a real `redis-server` of the test's own, against the sandbox's
//! DRF-style throttle on 127.0.0.1. Without `redis-server` installed the tests that need it say so
//! loudly and pass, except under `CI=true`.
#![cfg(feature = "redis")]

use std::{
    process::{Child, Command, Output, Stdio},
    time::{Duration, Instant},
};

use crm_runtime::testing::RedisServer;
use customer_sandbox::{Provider, Sandbox};

fn bin(sandbox: Option<&Sandbox>) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_crm-customers"));
    for (k, _) in std::env::vars() {
        if ["PLUUUG_", "GOFIVE_", "ESHOUHOU_", "ND_", "CRM_"].iter().any(|p| k.starts_with(p)) {
            c.env_remove(k);
        }
    }
    match sandbox {
        Some(s) => {
            let creds = s.credentials();
            c.env("PLUUUG_API_KEY", &creds.pluuug_api_key)
                .env("PLUUUG_SECRET_KEY", &creds.pluuug_secret_key)
                .env("PLUUUG_BASE_URL", s.base_url());
        }
        None => {
            c.env("PLUUUG_API_KEY", "key-abcdefgh").env("PLUUUG_SECRET_KEY", "secret-ijklmnop");
        }
    }
    c.stdout(Stdio::piped()).stderr(Stdio::piped());
    c
}

/// `get pluuug` of the sandbox's twenty records, `rounds` times over, as NDJSON.
fn get_all(sandbox: &Sandbox, rounds: usize, extra: &[&str]) -> Child {
    let ids: Vec<String> = (0..rounds).flat_map(|_| (1001..=1020).map(|i| i.to_string())).collect();
    bin(Some(sandbox)).args(["get", "pluuug", "--format", "ndjson"]).args(&ids).args(extra).spawn().unwrap()
}

fn records(out: &Output) -> usize {
    String::from_utf8_lossy(&out.stdout).lines().filter(|l| l.contains("\"customer\"")).count()
}

async fn wait(child: Child) -> Output {
    tokio::task::spawn_blocking(move || child.wait_with_output().unwrap()).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn processes_sharing_limits_are_never_throttled_where_separate_ones_are() {
    let Some(redis) = RedisServer::start() else { return };
    let per = Duration::from_secs(1);
    let limit = ["--rate-limit", "10/1"];
    for shared in [true, false] {
        let sandbox = Sandbox::builder().throttle(Provider::Pluuug, 10, per).start().await.unwrap();
        let url = redis.url();
        let mut extra = limit.to_vec();
        if shared {
            extra.extend(["--shared-limits", &url]);
        }
        let started = Instant::now();
        let children: Vec<Child> = (0..3).map(|_| get_all(&sandbox, 1, &extra)).collect();
        let mut total = 0;
        for c in children {
            let out = wait(c).await;
            assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
            total += records(&out);
        }
        assert_eq!(total, 60, "no record lost");
        let throttled = sandbox.stats().throttled(Provider::Pluuug);
        if shared {
            assert_eq!(throttled, 0, "3 processes, one key, one window: the server never throttles");
            // Each process stamped its last slots before it exited: none is left in flight.
            if let Ok(out) = Command::new("redis-cli")
                .args(["-p", &redis.port().to_string(), "--scan", "--pattern", "*:flight"])
                .output()
            {
                assert!(out.status.success());
                assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "", "slots left in flight");
            }
            // 60 at 10 per second: at least 5 windows after the first.
            assert!(started.elapsed() >= Duration::from_secs(5), "{:?}", started.elapsed());
        } else {
            assert!(throttled > 0, "each process alone overruns the key's limit");
        }
        sandbox.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retry_after_seen_by_one_process_pauses_the_other() {
    let Some(redis) = RedisServer::start() else { return };
    let sandbox = Sandbox::start().await.unwrap();
    // 994403: the first request is throttled with `Retry-After: 3`.
    let first = bin(Some(&sandbox))
        .args(["get", "pluuug", "994403", "--format", "ndjson"])
        .env("CRM_SHARED_LIMITS", redis.url())
        .spawn()
        .unwrap();
    let throttled_at = Instant::now();
    while sandbox.stats().throttled(Provider::Pluuug) == 0 {
        assert!(throttled_at.elapsed() < Duration::from_secs(10));
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let throttled_at = Instant::now();
    let other = bin(Some(&sandbox))
        .args(["get", "pluuug", "1001", "--format", "ndjson", "--verbose"])
        .env("CRM_SHARED_LIMITS", redis.url())
        .spawn()
        .unwrap();
    let other = wait(other).await;
    let waited = throttled_at.elapsed();
    let first = wait(first).await;
    assert_eq!(first.status.code(), Some(0));
    assert_eq!(other.status.code(), Some(0));
    assert_eq!(records(&other), 1);
    assert!(waited >= Duration::from_millis(2500), "the other process waited the pause out: {waited:?}");
    let stderr = String::from_utf8_lossy(&other.stderr);
    assert!(stderr.contains("on a shared throttle pause (--shared-limits)"), "--verbose says why: {stderr}");
    assert_eq!(sandbox.stats().throttled(Provider::Pluuug), 1);
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_redis_mid_run_loses_no_record_and_warns_once() {
    let Some(mut redis) = RedisServer::start() else { return };
    let sandbox =
        Sandbox::builder().throttle(Provider::Pluuug, 10, Duration::from_secs(1)).start().await.unwrap();
    let url = format!("{}?sharers=1", redis.url());
    let child = get_all(&sandbox, 2, &["--rate-limit", "10/1", "--shared-limits", &url]);
    while sandbox.stats().requests(Provider::Pluuug) < 12 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    redis.stop();
    let out = wait(child).await;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(records(&out), 40, "no record lost");
    assert_eq!(stderr.matches("warning: shared limits: lost Redis").count(), 1, "{stderr}");
    assert!(stderr.contains(&format!("127.0.0.1:{}", redis.port())), "{stderr}");
    assert_eq!(sandbox.stats().throttled(Provider::Pluuug), 0, "the fallback keeps the limit");
    sandbox.shutdown().await;
}

#[test]
fn unreachable_redis_at_start_exits_2_naming_the_url_without_its_password() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("redis://:pw-s3cret@127.0.0.1:{port}/0");
    for by_env in [false, true] {
        let mut cmd = bin(None);
        cmd.args(["get", "pluuug", "1", "--base-url", "http://127.0.0.1:9/"]);
        if by_env {
            cmd.env("CRM_SHARED_LIMITS", &url);
        } else {
            cmd.args(["--shared-limits", &url]);
        }
        let out = cmd.output().unwrap();
        let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        // The password masked (`***`, or `[redacted]` by the CLI's own redaction).
        assert!(stderr.contains("redis://") && stderr.contains(&format!("@127.0.0.1:{port}/0)")), "{stderr}");
        assert!(!stderr.contains("pw-s3cret") && !stdout.contains("pw-s3cret"), "{stdout}{stderr}");
    }
}

#[test]
fn every_command_that_talks_to_a_provider_has_the_flag_and_names_the_variable() {
    for command in ["get", "list", "update", "create", "drift", "sync"] {
        let out = bin(None)
            .args([command, "--help"])
            .env("CRM_SHARED_LIMITS", "redis://:pw-s3cret@h:1")
            .output()
            .unwrap();
        let help = String::from_utf8_lossy(&out.stdout);
        assert!(help.contains("--shared-limits <URL>"), "{command}: {help}");
        assert!(help.contains("CRM_SHARED_LIMITS"), "{command}: {help}");
        assert!(!help.contains("pw-s3cret"), "{command}: the variable's value is never shown");
    }
}
