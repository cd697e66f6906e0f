//! Writes whose 2xx answer is cut off or stalls, over-long base URLs, and proxies — over real
//! HTTP on 127.0.0.1 (raw TCP servers of the test's own where a well-behaved server can't fail
//! the way the test needs).

use std::time::Duration;

use crm_runtime::{
    Config, ErrorKind, Runtime,
    testing::{Reply, TestServer},
};
use progenitor_client::{OperationInfo, ResponseValue};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpListener,
};

/// A server that reads each request's head, answers `200` with `Content-Length: 100` and the
/// first 10 bytes of the body, then either closes (`stall` false) or keeps the connection open
/// without sending more.
async fn broken_answer(stall: bool) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else { return };
            tokio::spawn(async move {
                let mut buf = vec![0u8; 65536];
                let mut seen = Vec::new();
                while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => seen.extend_from_slice(&buf[..n]),
                    }
                }
                let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n";
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.write_all(br#"{"id": 12,"#).await;
                let _ = socket.flush().await;
                if stall {
                    tokio::time::sleep(Duration::from_secs(30)).await;
                }
            });
        }
    });
    url
}

async fn call(rt: &Runtime, method: reqwest::Method, url: String, op: &'static str) -> crm_runtime::Error {
    let http = rt.http_client().unwrap();
    let info = OperationInfo { operation_id: op };
    rt.call::<serde_json::Value, (), _>(op, async {
        let req = http.request(method, url).body("{}").build().unwrap();
        let res =
            rt.execute(&http, req, &info).await.map_err(progenitor_client::Error::CommunicationError)?;
        ResponseValue::from_response(res).await
    })
    .await
    .unwrap_err()
}

#[tokio::test]
async fn a_write_whose_2xx_answer_is_cut_off_or_stalls_has_an_unknown_outcome() {
    use reqwest::Method;
    let cut = broken_answer(false).await;
    let stalled = broken_answer(true).await;
    // Stalls end at the attempt timeout (below the deadline) and at the call deadline.
    let mut by_attempt = Config::default();
    by_attempt.attempt_timeout = Duration::from_millis(300);
    let by_deadline = Config::default().with_timeout(Duration::from_millis(400));
    for config in [by_attempt, by_deadline] {
        let rt = Runtime::new("test", config, &[]);
        for method in [Method::PUT, Method::PATCH, Method::POST, Method::DELETE] {
            for (what, url) in [("cut off", &cut), ("stalled", &stalled)] {
                let e = call(&rt, method.clone(), format!("{url}/w"), "update").await;
                assert_eq!(e.kind(), ErrorKind::Transport, "{method} {what}: {e}");
                assert!(e.is_outcome_unknown(), "{method} {what}: {e}");
                assert!(e.message().starts_with("outcome unknown:"), "{method} {what}: {e}");
            }
        }
        // A read whose answer is cut off is an ordinary transport error.
        let e = call(&rt, Method::GET, format!("{cut}/r"), "get").await;
        assert_eq!(e.kind(), ErrorKind::Transport, "{e}");
        assert!(!e.is_outcome_unknown(), "{e}");
    }
}

#[tokio::test]
async fn an_over_long_base_url_is_a_configuration_error() {
    let huge = format!("http://127.0.0.1:9/{}", "a".repeat(120 * 1024));
    let e = crm_runtime::base_url("test", &huge).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Config, "{e}");
    assert!(e.message().contains("base URL"), "{e}");
    assert!(e.message().len() < 300, "the URL is not echoed: {} bytes", e.message().len());

    // A request whose URL the HTTP layer refuses to build is a configuration error too, not a
    // transport failure: nothing was sent.
    let server = TestServer::start(|_| Reply::json(200, "{}")).await;
    let rt = Runtime::new("test", Config::default(), &[]);
    let e =
        call(&rt, reqwest::Method::GET, format!("{}/{}", server.url(), "a".repeat(120 * 1024)), "get").await;
    assert_eq!(e.kind(), ErrorKind::Config, "{e}");
    assert!(server.requests().is_empty());
}

/// The request a child process (this test binary, environment given) sends: answers which server
/// answered. Run by `proxies_follow_the_environment_and_can_be_turned_off` only.
#[tokio::test]
#[ignore = "run by proxies_follow_the_environment_and_can_be_turned_off in a child process"]
async fn proxy_child() {
    let url = std::env::var("CRM_TEST_TARGET").expect("run by the parent test");
    let config = Config::default().with_no_proxy(std::env::var_os("CRM_TEST_NO_PROXY").is_some());
    let rt = Runtime::new("test", config, &[]);
    let http = rt.http_client().unwrap();
    let info = OperationInfo { operation_id: "get" };
    let got = rt
        .call::<serde_json::Value, (), _>("get", async {
            let req = http.get(url).header("x-api-key", "sekrit-key").build().unwrap();
            let res =
                rt.execute(&http, req, &info).await.map_err(progenitor_client::Error::CommunicationError)?;
            ResponseValue::from_response(res).await
        })
        .await
        .unwrap();
    println!("via={}", got.value["via"].as_str().unwrap());
}

/// Proxies come from the environment (`HTTP_PROXY`), `NO_PROXY` is honoured, and
/// `Config::with_no_proxy` ignores them. Each case runs in a child process with its own
/// environment.
#[tokio::test]
async fn proxies_follow_the_environment_and_can_be_turned_off() {
    let proxy = TestServer::start(|_| Reply::json(200, r#"{"via":"proxy"}"#)).await;
    let target = TestServer::start(|_| Reply::json(200, r#"{"via":"target"}"#)).await;
    let run = |extra: &[(&str, &str)]| {
        let mut cmd = std::process::Command::new(std::env::current_exe().unwrap());
        cmd.args(["--ignored", "--exact", "proxy_child", "--nocapture", "--test-threads=1"]);
        for v in
            ["NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "HTTPS_PROXY", "https_proxy", "http_proxy"]
        {
            cmd.env_remove(v);
        }
        cmd.env("HTTP_PROXY", proxy.url()).env("CRM_TEST_TARGET", format!("{}/c", target.url()));
        for (k, v) in extra {
            cmd.env(k, v);
        }
        async move {
            let out = tokio::task::spawn_blocking(move || cmd.output().unwrap()).await.unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
            assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
            stdout
                .split("via=")
                .nth(1)
                .and_then(|r| r.split_whitespace().next())
                .map(str::to_string)
                .unwrap_or(stdout)
        }
    };
    // The default follows HTTP_PROXY: the proxy receives the request, credentials included.
    assert_eq!(run(&[]).await, "proxy");
    assert_eq!(proxy.requests()[0].header("x-api-key"), Some("sekrit-key"));
    // `with_no_proxy(true)` sends directly.
    assert_eq!(run(&[("CRM_TEST_NO_PROXY", "1")]).await, "target");
    // NO_PROXY naming the host sends directly.
    assert_eq!(run(&[("NO_PROXY", "127.0.0.1")]).await, "target");
    assert_eq!(proxy.requests().len(), 1);
    assert_eq!(target.requests().len(), 2);
}
