//! Limits shared through Redis (`--shared-limits`), measured (README "Performance" 3c).
//!
//! 1. **Processes on one key**: 4 CLI processes started together, each `get pluuug --ids-file F
//!    --format ndjson` (default concurrency 8, so 32 in flight in all) with 625 of 2,500 Pluuug
//!    IDs, one API key, against the sandbox's DRF-style throttle at 1000 per 60 s (a fresh sandbox
//!    per run) — with `--shared-limits` and without. Reports records lost (error lines; must be
//!    0), the 429s the sandbox sent (target 0 with the flag; never more than the 32 in flight) and
//!    wall time against what the window allows (1,000 at once, 1,000 at +60 s, 500 at +120 s:
//!    ~120 s; target ≤ 1.05×).
//! 2. **Cost per request**: `pluuug-client` fetches against the sandbox, 32 in flight, under a
//!    limit that never makes anyone wait (so only the bookkeeping costs), with the in-process
//!    window and with the Redis one; rounds interleaved, median.
//!
//! Needs `redis-server` (started here on a free port, no persistence). Run: `cargo bench -p
//! crm-customers --bench shared_limits` (part of `cargo xtask bench`; ~4.5 min).
//! `SHARED_PART=cost|procs` runs one part; `SHARED_IDS`, `SHARED_PROCS` change part 1's size.

use std::{
    io::{BufRead, Write},
    process::{Command, Stdio},
    sync::Arc,
    time::{Duration, Instant},
};

use crm_runtime::{RateLimit, RedisLimits, testing::RedisServer};
use customer_sandbox::{Provider, Sandbox};
use futures::{StreamExt, stream};

const LIMIT: u32 = 1000;
const WINDOW: u64 = 60;
const IN_FLIGHT: usize = 32;
const CALLS: usize = 4000;
const ROUNDS: usize = 3;

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo test --benches` probes harness=false benches with --list
    }
    let Some(redis) = RedisServer::start() else { return };
    let part = std::env::var("SHARED_PART").unwrap_or_default();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    if part.is_empty() || part == "cost" {
        cost(&rt, &redis);
    }
    if part.is_empty() || part == "procs" {
        processes(&rt, &redis);
    }
}

fn cost(rt: &tokio::runtime::Runtime, redis: &RedisServer) {
    let sandbox = rt.block_on(Sandbox::start()).unwrap();
    let creds = sandbox.credentials().clone();
    let ids = Arc::new(sandbox.customer_ids(Provider::Pluuug));
    // Counted, never waited on: only the bookkeeping of the window costs.
    let limit = RateLimit { requests: 10_000_000, per: Duration::from_secs(WINDOW) };
    let client = |store: Option<RedisLimits>| {
        let mut config = pluuug_client::Config::default().with_rate_limit(Some(limit));
        if let Some(s) = store {
            config = config.with_limits_store(Arc::new(s));
        }
        pluuug_client::Client::builder()
            .api_key(&creds.pluuug_api_key)
            .secret_key(&creds.pluuug_secret_key)
            .base_url(sandbox.base_url())
            .config(config)
            .build()
            .unwrap()
    };
    let local = client(None);
    let store = rt.block_on(RedisLimits::connect(&redis.url())).unwrap();
    let shared = client(Some(store));
    let run = |c: &pluuug_client::Client| {
        rt.block_on(async {
            let started = Instant::now();
            stream::iter((0..CALLS).map(|i| ids[i % ids.len()].clone()))
                .map(|id| {
                    let c = c.clone();
                    async move {
                        std::hint::black_box(c.get_client_by_str(&id).await.unwrap());
                    }
                })
                .buffer_unordered(IN_FLIGHT)
                .collect::<Vec<()>>()
                .await;
            started.elapsed()
        })
    };
    run(&local);
    run(&shared);
    let (mut l, mut s) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        l.push(run(&local));
        s.push(run(&shared));
    }
    l.sort();
    s.sort();
    let (l, s) = (l[ROUNDS / 2], s[ROUNDS / 2]);
    let per = |d: Duration| d.as_secs_f64() * 1e6 / CALLS as f64;
    println!("shared_limits cost: {CALLS} pluuug-client fetches, {IN_FLIGHT} in flight, median of {ROUNDS}");
    println!("{:<22} {:>10} {:>14} {:>12}", "window", "req/s", "wall µs/req", "ratio");
    println!("{:<22} {:>10.0} {:>14.1} {:>12}", "in-process", CALLS as f64 / l.as_secs_f64(), per(l), "1.00");
    println!(
        "{:<22} {:>10.0} {:>14.1} {:>12.2}",
        "Redis (127.0.0.1)",
        CALLS as f64 / s.as_secs_f64(),
        per(s),
        s.as_secs_f64() / l.as_secs_f64()
    );
    // Each request's own latency grows by the round trips; at 32 in flight, wall per request
    // is latency / 32.
    println!(
        "added per request: {:.1} µs of wall at {IN_FLIGHT} in flight (≈ {:.0} µs of latency each)",
        per(s) - per(l),
        (per(s) - per(l)) * IN_FLIGHT as f64
    );
    rt.block_on(sandbox.shutdown());
}

fn processes(rt: &tokio::runtime::Runtime, redis: &RedisServer) {
    let n = env_usize("SHARED_IDS", 2_500);
    let procs = env_usize("SHARED_PROCS", 4).max(1);
    let dir = std::env::temp_dir().join(format!("crm-shared-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    println!(
        "shared_limits processes: {procs} × `crm-customers get pluuug --ids-file F --format ndjson` \
         ({} IDs each, one API key) against a DRF-style throttle of {LIMIT} per {WINDOW} s",
        n / procs
    );
    println!(
        "{:<18} {:>6} {:>6} {:>6} {:>6} {:>9} {:>9} {:>7}",
        "mode", "ids", "ok", "lost", "429s", "wall s", "ideal s", "ratio"
    );
    for shared in [true, false] {
        let sandbox = rt
            .block_on(
                Sandbox::builder().throttle(Provider::Pluuug, LIMIT, Duration::from_secs(WINDOW)).start(),
            )
            .unwrap();
        let ids = sandbox.customer_ids(Provider::Pluuug);
        let creds = sandbox.credentials().clone();
        let files: Vec<_> = (0..procs)
            .map(|p| {
                let file = dir.join(format!("ids-{p}.txt"));
                let mut f = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
                for i in (p..n).step_by(procs) {
                    writeln!(f, "{}", ids[i % ids.len()]).unwrap();
                }
                f.flush().unwrap();
                file
            })
            .collect();
        let url = redis.url();
        let started = Instant::now();
        let children: Vec<_> = files
            .iter()
            .map(|file| {
                let mut cmd = Command::new(env!("CARGO_BIN_EXE_crm-customers"));
                cmd.args(["get", "pluuug", "--format", "ndjson", "--base-url", &sandbox.base_url()])
                    .arg("--ids-file")
                    .arg(file)
                    .env_remove("CRM_SHARED_LIMITS")
                    .env("PLUUUG_API_KEY", &creds.pluuug_api_key)
                    .env("PLUUUG_SECRET_KEY", &creds.pluuug_secret_key)
                    .stdout(Stdio::piped())
                    .stderr(Stdio::null());
                if shared {
                    cmd.args(["--shared-limits", &url]);
                }
                cmd.spawn().expect("the CLI starts")
            })
            .collect();
        let readers: Vec<_> = children
            .into_iter()
            .map(|mut child| {
                std::thread::spawn(move || {
                    let (mut ok, mut lost) = (0usize, 0usize);
                    for line in std::io::BufReader::new(child.stdout.take().unwrap()).lines() {
                        let v: serde_json::Value = serde_json::from_str(&line.unwrap()).expect("JSON lines");
                        if v.get("customer").is_some() {
                            ok += 1;
                        } else {
                            lost += 1;
                        }
                    }
                    let _ = child.wait();
                    (ok, lost)
                })
            })
            .collect();
        let (mut ok, mut lost) = (0, 0);
        for r in readers {
            let (o, l) = r.join().unwrap();
            ok += o;
            lost += l;
        }
        let wall = started.elapsed().as_secs_f64();
        let throttled = sandbox.stats().throttled(Provider::Pluuug);
        let ideal = (n.saturating_sub(1) / LIMIT as usize) as f64 * WINDOW as f64;
        let mode = if shared { "--shared-limits" } else { "separate" };
        println!(
            "{mode:<18} {n:>6} {ok:>6} {lost:>6} {throttled:>6} {wall:>9.1} {ideal:>9.1} {:>7.3}",
            if ideal > 0.0 { wall / ideal } else { f64::NAN }
        );
        rt.block_on(sandbox.shutdown());
    }
    println!(
        "targets with --shared-limits: 0 lost, 0 429s (never more than {IN_FLIGHT} in flight), ratio ≤ 1.05"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
