//! Test helpers shared by the provider crates (feature `test-util`): spec examples, a scripted
//! recording HTTP server for hostile-server tests, hostile IDs.

use std::path::Path;

/// One documented example of a spec: operation, example name, and the JSON value.
#[derive(Debug)]
pub struct SpecExample {
    /// The operation's `operationId`.
    pub operation_id: String,
    /// The example's name (`vendor_doc`, ...), or `example` for a single `example:`.
    pub name: String,
    /// The example value.
    pub value: serde_json::Value,
}

/// Every 200-response example of every operation of the spec at `path` (`examples:` maps and
/// single `example:` values).
pub fn spec_examples(path: &Path) -> Vec<SpecExample> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let spec: serde_json::Value =
        serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = Vec::new();
    for (_, item) in spec["paths"].as_object().into_iter().flatten() {
        for (_, op) in item.as_object().into_iter().flatten() {
            let Some(id) = op.get("operationId").and_then(|v| v.as_str()) else { continue };
            let media = &op["responses"]["200"]["content"]["application/json"];
            if let Some(v) = media.get("example") {
                out.push(SpecExample { operation_id: id.into(), name: "example".into(), value: v.clone() });
            }
            for (name, ex) in media.get("examples").and_then(|e| e.as_object()).into_iter().flatten() {
                if let Some(v) = ex.get("value") {
                    out.push(SpecExample { operation_id: id.into(), name: name.clone(), value: v.clone() });
                }
            }
        }
    }
    out
}

/// One request as a [`TestServer`] received it.
#[derive(Clone, Debug)]
pub struct Recorded {
    /// When it arrived.
    pub at: std::time::Instant,
    /// `GET`, `POST`, ...
    pub method: String,
    /// The request-target exactly as sent on the request line (path and query, not normalised).
    pub target: String,
    /// The headers.
    pub headers: http::HeaderMap,
    /// The body.
    pub body: bytes::Bytes,
}

impl Recorded {
    /// `METHOD target`, as on the request line.
    pub fn line(&self) -> String {
        format!("{} {}", self.method, self.target)
    }
    /// The path of the target.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }
    /// A header's value as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// What a [`TestServer`] answers.
#[derive(Clone, Debug)]
pub struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
    delay: std::time::Duration,
}

impl Reply {
    /// A JSON body with `status`.
    pub fn json(status: u16, body: impl Into<String>) -> Self {
        Reply { status, headers: vec![], body: body.into(), delay: std::time::Duration::ZERO }
    }
    /// Adds a header.
    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
    /// Answers after `delay`.
    pub fn after(mut self, delay: std::time::Duration) -> Self {
        self.delay = delay;
        self
    }
}

type Responder = dyn Fn(&Recorded) -> Reply + Send + Sync;

/// A scripted HTTP server on a loopback address that records every request (for hostile-server
/// tests: redirects, token lifetimes, echoes, throttles). Stops when dropped.
pub struct TestServer {
    addr: std::net::SocketAddr,
    requests: std::sync::Arc<std::sync::Mutex<Vec<Recorded>>>,
    task: tokio::task::JoinHandle<()>,
}

impl TestServer {
    /// Starts on 127.0.0.1, answering each request with `respond`.
    pub async fn start(respond: impl Fn(&Recorded) -> Reply + Send + Sync + 'static) -> Self {
        Self::start_on("127.0.0.1", respond).await
    }

    /// Starts on a loopback `ip` (`127.0.0.2` for a second origin).
    pub async fn start_on(ip: &str, respond: impl Fn(&Recorded) -> Reply + Send + Sync + 'static) -> Self {
        use std::sync::{Arc, Mutex};
        let requests: Arc<Mutex<Vec<Recorded>>> = Arc::default();
        let respond: Arc<Responder> = Arc::new(respond);
        let log = requests.clone();
        let app = axum::Router::new().fallback(move |req: axum::extract::Request| {
            let (log, respond) = (log.clone(), respond.clone());
            async move {
                let at = std::time::Instant::now();
                let (parts, body) = req.into_parts();
                let body = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
                let target = parts.uri.path_and_query().map(|p| p.as_str().to_string()).unwrap_or_default();
                let rec =
                    Recorded { at, method: parts.method.to_string(), target, headers: parts.headers, body };
                let reply = respond(&rec);
                log.lock().unwrap().push(rec);
                tokio::time::sleep(reply.delay).await;
                let mut res =
                    http::Response::builder().status(reply.status).header("content-type", "application/json");
                for (k, v) in &reply.headers {
                    res = res.header(k, v);
                }
                res.body(axum::body::Body::from(reply.body)).unwrap()
            }
        });
        let listener = tokio::net::TcpListener::bind((ip, 0)).await.expect("bind a loopback port");
        let addr = listener.local_addr().unwrap();
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        TestServer { addr, requests, task }
    }

    /// `http://ip:port`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `ip:port`.
    pub fn authority(&self) -> String {
        self.addr.to_string()
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }

    /// Requests whose path is `path`.
    pub fn hits(&self, path: &str) -> usize {
        self.requests().iter().filter(|r| r.path() == path).count()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// IDs that must never change which path is requested, with the encoded path segment each must
/// become (`None`: refused before any request, as a `config` error).
pub const HOSTILE_IDS: &[(&str, Option<&str>)] = &[
    ("..", None),
    (".", None),
    ("", None),
    ("   ", None),
    ("a\r\nX-Injected: 1", None),
    ("\u{1b}[31mred", None),
    (r"..\..\admin", Some("..%5C..%5Cadmin")),
    ("../../admin", Some("..%2F..%2Fadmin")),
    ("%2e%2e", Some("%252e%252e")),
    (".%2e", Some(".%252e")),
    ("a?b=1#c", Some("a%3Fb%3D1%23c")),
    ("a;b", Some("a%3Bb")),
    ("客户 1", Some("%E5%AE%A2%E6%88%B7%201")),
    ("...", Some("...")),
];

/// An ID longer than [`crate::MAX_ID_BYTES`].
pub fn oversized_id() -> String {
    "9".repeat(100 * 1024)
}

/// `expires_in` as token endpoints might send it (a JSON fragment to splice after the token,
/// empty for none) and whether a client must work with it (`false`: a `bad_response`, never a
/// panic).
pub const EXPIRES_IN_CASES: &[(&str, bool)] = &[
    (r#","expires_in":9223372036854775807"#, true),
    (r#","expires_in":1e300"#, true),
    (r#","expires_in":99999999999999999999999"#, true),
    (r#","expires_in":3600.7"#, true),
    (r#","expires_in":"3600""#, true),
    (r#","expires_in":"soon""#, true),
    (r#","expires_in":null"#, true),
    ("", true),
    (r#","expires_in":0"#, false),
    (r#","expires_in":-5"#, false),
    (r#","expires_in":"-5""#, false),
    (r#","expires_in":-1e300"#, false),
];

/// Checks one [`EXPIRES_IN_CASES`] outcome: the call worked as expected, or failed with a
/// `bad_response`.
pub fn check_expires_in<T>(case: &str, works: bool, result: Result<T, crate::Error>) {
    match result {
        Ok(_) => assert!(works, "{case}: expected a typed error"),
        Err(e) => {
            assert!(!works, "{case}: {e}");
            assert_eq!(e.kind(), crate::ErrorKind::BadResponse, "{case}: {e}");
        }
    }
}

/// Checks that a redirect to `other` was refused: a `provider_error` with the 3xx `status`
/// naming `other`'s host, nothing of the Location's path or query (`steal`, `SENTINEL`), and
/// nothing sent to `other`.
pub fn check_redirect_refused(e: &crate::Error, status: u16, other: &TestServer) {
    assert_eq!((e.kind(), e.status()), (crate::ErrorKind::ProviderError, Some(status)), "{e}");
    assert!(e.to_string().contains(&other.authority()), "names the Location's host: {e}");
    assert!(!e.to_string().contains("SENTINEL") && !e.to_string().contains("steal"), "{e}");
    assert!(other.requests().is_empty(), "the second origin received nothing: {:?}", other.requests());
}

/// A real `redis-server` of a test's own on 127.0.0.1 (no persistence, in a temporary folder),
/// stopped when dropped. For the shared-limits tests; needs no Rust Redis client.
pub struct RedisServer {
    child: Option<std::process::Child>,
    port: u16,
    dir: std::path::PathBuf,
    password: Option<String>,
}

impl RedisServer {
    /// Starts one on a free port. When `redis-server` is not installed: `None` with a loud
    /// message on stderr, except under `CI=true`, where its absence fails the test.
    pub fn start() -> Option<RedisServer> {
        Self::start_with(None)
    }

    /// Starts one that requires `password` (`--requirepass`).
    pub fn start_with_password(password: &str) -> Option<RedisServer> {
        Self::start_with(Some(password.to_string()))
    }

    fn start_with(password: Option<String>) -> Option<RedisServer> {
        let installed = std::process::Command::new("redis-server")
            .arg("--version")
            .stdout(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !installed {
            if std::env::var("CI").as_deref() == Ok("true") {
                panic!(
                    "redis-server is not installed: CI must install it (.ci/run installs the `redis-server` package)"
                );
            }
            eprintln!(
                "\n!!!!!!!! SKIPPED: redis-server is not installed (apt-get install redis-server); this shared-limits test did not run !!!!!!!!\n"
            );
            return None;
        }
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
            l.local_addr().unwrap().port()
        };
        let dir = std::env::temp_dir().join(format!("crm-redis-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        let mut server = RedisServer { child: None, port, dir, password };
        server.restart();
        Some(server)
    }

    /// (Re)starts the server on its port (after [`RedisServer::stop`]); returns once it
    /// accepts connections.
    pub fn restart(&mut self) {
        self.stop();
        let mut cmd = std::process::Command::new("redis-server");
        cmd.args([
            "--port",
            &self.port.to_string(),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ])
        .current_dir(&self.dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
        if let Some(p) = &self.password {
            cmd.args(["--requirepass", p]);
        }
        self.child = Some(cmd.spawn().expect("start redis-server"));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(std::time::Instant::now() < deadline, "redis-server did not start on port {}", self.port);
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

    /// Kills the server (as a crash would: no shutdown, no save).
    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// `redis://127.0.0.1:PORT/0` (with the password when it has one).
    pub fn url(&self) -> String {
        match &self.password {
            Some(p) => format!("redis://:{p}@127.0.0.1:{}/0", self.port),
            None => format!("redis://127.0.0.1:{}/0", self.port),
        }
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
