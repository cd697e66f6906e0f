//! `crm-customers sandbox --throttle PROVIDER=N/SECS --drift PROVIDER` through the real binary.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use serde_json::Value;

/// The sandbox process, killed when the test ends however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the sandbox with `args` and returns it with its base URL (first stdout line).
fn start(args: &[&str]) -> (Server, String, Vec<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crm-customers"))
        .args(["sandbox", "--port", "0"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let server = Server(child);
    let mut lines = Vec::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap();
        let done = line.starts_with("press Ctrl-C");
        lines.push(line);
        if done {
            break;
        }
    }
    let url = lines[0].rsplit(' ').next().unwrap().to_owned();
    (server, url, lines)
}

#[test]
fn throttle_and_drift_flags_reach_the_sandbox() {
    let (_server, url, banner) = start(&["--throttle", "nd=2/60", "--drift", "nd"]);
    assert!(banner.iter().any(|l| l.contains("throttle: nd at 2 per 60 s")), "{banner:?}");
    assert!(banner.iter().any(|l| l.starts_with("drift: nd")), "{banner:?}");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let client = reqwest::Client::new();
        let get =
            || client.get(format!("{url}/api/customers/id/detail")).bearer_auth("sandbox-nd-token").send();
        let first = get().await.unwrap();
        assert_eq!(first.status(), 200);
        assert_eq!(first.headers()["x-ratelimit-remaining"], "1");
        let body: Value = first.json().await.unwrap();
        assert_eq!(body["type"], "PARTNER", "drifted");
        assert_eq!(get().await.unwrap().status(), 200);
        let third = get().await.unwrap();
        assert_eq!(third.status(), 429);
        assert_eq!(third.headers()["retry-after"], "60");
        let stats: Value =
            client.get(format!("{url}/__sandbox/stats")).send().await.unwrap().json().await.unwrap();
        assert_eq!(stats["nd"]["throttled"], 1);
    });
}

#[test]
fn bad_throttle_and_drift_values_are_usage_errors() {
    for args in
        [&["--throttle", "nd=0/60"][..], &["--throttle", "salesforce=1/1"], &["--drift", "salesforce"]]
    {
        let out = Command::new(env!("CARGO_BIN_EXE_crm-customers"))
            .args(["sandbox", "--port", "0"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!out.stderr.is_empty());
    }
}

/// A bare `--drift` (cli.md: `sandbox … [--drift]`) makes every provider drift; it was a usage
/// error asking for a provider.
#[test]
fn a_bare_drift_flag_drifts_every_provider() {
    let (_server, _url, banner) = start(&["--drift"]);
    for provider in ["pluuug", "gofive", "eshouhou", "nd"] {
        assert!(
            banner.iter().any(|l| l.starts_with("drift:") && l.contains(provider)),
            "{provider}: {banner:?}"
        );
    }
}
