//! A bulk fetch against a throttle that counts like Pluuug's real stack (Django REST Framework's
//! `SimpleRateThrottle`: a sliding 60 s window per API key, 429 + `Retry-After` past it).
//!
//! 2,500 Pluuug IDs through the real CLI (`get pluuug --ids-file F --format ndjson`, default
//! concurrency) against the embedded sandbox throttled at 1000 per 60 s, from a cold start.
//! Reports records lost (error lines; must be 0), 429s the sandbox sent, and wall time against
//! what the window allows: 1,000 at once, 1,000 more at +60 s, the last 500 at +120 s (~120 s).
//! Targets: 0 lost, wall ≤ 1.05 × 120 s, 429s ≤ requests in flight (the concurrency).
//!
//! Run: `cargo bench -p crm-customers --bench throttled` (part of `cargo xtask bench`; ~2 min).
//! `THROTTLED_IDS=N` and `THROTTLED_LIMIT=N/SECS` change the size and the limit.

use std::{
    io::{BufRead, Write},
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use customer_sandbox::{Provider, Sandbox};

/// The CLI's default `--concurrency`.
const DEFAULT_CONCURRENCY: u64 = 8;

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo test --benches` probes harness=false benches with --list
    }
    let n: usize = std::env::var("THROTTLED_IDS").ok().and_then(|v| v.parse().ok()).unwrap_or(2_500);
    let (limit, window) = std::env::var("THROTTLED_LIMIT")
        .ok()
        .and_then(|v| {
            let (a, b) = v.split_once('/')?;
            Some((a.trim().parse::<u32>().ok()?, b.trim().parse::<u64>().ok()?))
        })
        .unwrap_or((1000, 60));
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let sandbox = rt
        .block_on(Sandbox::builder().throttle(Provider::Pluuug, limit, Duration::from_secs(window)).start())
        .unwrap();
    let ids = sandbox.customer_ids(Provider::Pluuug);
    let creds = sandbox.credentials().clone();
    let dir = std::env::temp_dir().join(format!("crm-throttled-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("ids.txt");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
    for i in 0..n {
        writeln!(f, "{}", ids[i % ids.len()]).unwrap();
    }
    f.flush().unwrap();
    drop(f);

    println!(
        "throttled: crm-customers get pluuug --ids-file F --format ndjson (default concurrency) \
         against a DRF-style throttle of {limit} per {window} s"
    );
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_crm-customers"))
        .args(["get", "pluuug", "--format", "ndjson", "--base-url", &sandbox.base_url()])
        .arg("--ids-file")
        .arg(&file)
        .env("PLUUUG_API_KEY", &creds.pluuug_api_key)
        .env("PLUUUG_SECRET_KEY", &creds.pluuug_secret_key)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the CLI starts");
    let (mut ok, mut lost) = (0usize, 0usize);
    for line in std::io::BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        let v: serde_json::Value = serde_json::from_str(&line).expect("one JSON object per line");
        if v.get("customer").is_some() {
            ok += 1;
        } else {
            lost += 1;
        }
    }
    let status = child.wait().unwrap();
    let wall = started.elapsed().as_secs_f64();
    let throttled = sandbox.stats().throttled(Provider::Pluuug);
    // What the window allows from a cold start: `limit` at once, then `limit` more per window.
    let windows = (n.saturating_sub(1) / limit as usize) as f64;
    let ideal = windows * window as f64;
    println!(
        "{:>6} {:>6} {:>6} {:>6} {:>9} {:>9} {:>7}",
        "ids", "ok", "lost", "429s", "wall s", "ideal s", "ratio"
    );
    println!(
        "{n:>6} {ok:>6} {lost:>6} {throttled:>6} {wall:>9.1} {ideal:>9.1} {:>7.3}",
        if ideal > 0.0 { wall / ideal } else { f64::NAN }
    );
    println!(
        "exit {}; targets: 0 lost, ratio ≤ 1.05, 429s ≤ {DEFAULT_CONCURRENCY} (requests in flight)",
        status.code().unwrap_or(-1)
    );
    let _ = std::fs::remove_dir_all(&dir);
    rt.block_on(sandbox.shutdown());
}
