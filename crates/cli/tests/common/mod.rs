//! What the CLI's test files share: the real binary with no provider variable inherited from the
//! environment, run to its end with stdin fed in, its output as text, and commands pointed at a
//! test's own server with test credentials.

// Each test file is its own crate and uses a part of this module.
#![allow(dead_code)]

use std::{
    io::Write,
    process::{Command, Output, Stdio},
};

use customer_core::Provider;
use serde_json::json;
use wiremock::{Mock, MockServer, ResponseTemplate, matchers};

/// The binary, with every variable of every registry provider (`PLUUUG_…`, `ND_…`) removed from
/// the environment it inherits.
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_crm-customers"));
    let prefixes: Vec<String> =
        Provider::ALL.iter().map(|p| format!("{}_", p.as_str().to_ascii_uppercase())).collect();
    for (k, _) in std::env::vars() {
        if prefixes.iter().any(|p| k.starts_with(p.as_str())) {
            c.env_remove(k);
        }
    }
    c
}

/// Runs `cmd` to its end with `stdin` fed in from a thread (the binary may stop reading early, e.g.
/// at a body over the cap: a broken pipe is fine).
pub async fn run(cmd: Command, stdin: impl Into<Vec<u8>>) -> Output {
    let stdin = stdin.into();
    tokio::task::spawn_blocking(move || run_sync(cmd, &stdin)).await.expect("the runner thread ends")
}

/// [`run`] on the calling thread, for tests that block: `cmd` to its end with `stdin` fed in from
/// a thread (a broken pipe is fine).
pub fn run_sync(mut cmd: Command, stdin: &[u8]) -> Output {
    let stdin = stdin.to_vec();
    cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("the binary starts");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    let feeder = std::thread::spawn(move || {
        let _ = pipe.write_all(&stdin);
    });
    let out = child.wait_with_output().expect("the binary runs");
    feeder.join().expect("the stdin feeder ends");
    out
}

/// Runs `cmd` to its end with no stdin.
pub async fn output(mut cmd: Command) -> Output {
    tokio::task::spawn_blocking(move || cmd.output().expect("the binary runs"))
        .await
        .expect("the runner ends")
}

/// stdout as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// stderr as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `crm-customers ARGS --base-url SERVER` with test Pluuug keys (the secret key is a sentinel tests
/// look for in the output).
pub fn pluuug(server: &MockServer, args: &[&str]) -> Command {
    let mut c = bin();
    c.env("PLUUUG_API_KEY", "api-key-1").env("PLUUUG_SECRET_KEY", "SENTINEL-secret-9f2");
    c.args(args).args(["--base-url", &server.uri()]);
    c
}

/// `crm-customers ARGS --base-url SERVER` with test Gofive credentials.
pub fn gofive(server: &MockServer, args: &[&str]) -> Command {
    let mut c = bin();
    c.env("GOFIVE_SUBSCRIPTION_KEY", "sub").env("GOFIVE_CLIENT_ID", "id").env("GOFIVE_CLIENT_SECRET", "sec");
    c.args(args).args(["--base-url", &server.uri()]);
    c
}

/// `crm-customers ARGS --base-url SERVER` with a test nd token.
pub fn nd(server: &MockServer, args: &[&str]) -> Command {
    let mut c = bin();
    c.env("ND_TOKEN", "nd-token").args(args).args(["--base-url", &server.uri()]);
    c
}

/// Runs `crm-customers update nd abc --json - --base-url SERVER EXTRA…` (no token) with `body` on
/// stdin.
pub async fn update_nd_abc(server: &MockServer, extra: &[&str], body: &str) -> Output {
    let mut cmd = bin();
    cmd.args(["update", "nd", "abc", "--json", "-", "--base-url", &server.uri()]).args(extra);
    run(cmd, body).await
}

/// Mounts Gofive's token endpoint on `server`, answering a bearer token `tok` for an hour.
pub async fn gofive_token(server: &MockServer) {
    Mock::given(matchers::path("/authorization/connect/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "tok", "token_type": "Bearer", "expires_in": 3600})),
        )
        .mount(server)
        .await;
}

/// [`update_nd_abc`] as ndjson with a name and a `credit_situation`, checked to exit 0: the
/// printed line.
pub async fn update_nd_abc_ndjson(server: &MockServer) -> serde_json::Value {
    let body = r#"{"name": "金华职业技术学院", "credit_situation": "优秀"}"#;
    let out = update_nd_abc(server, &["--format", "ndjson"], body).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}
