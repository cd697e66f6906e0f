//! The CLI's edges through the real binary, against servers on 127.0.0.1 posing as nd (and Gofive's
//! token endpoint) that pretty-print, throttle, send escape sequences, echo secrets and count the
//! requests they get: output that cannot be written stops the run, Ctrl-C leaves whole lines and
//! exits 130, IDs are bounded and checked before any request, `--format ndjson --raw` is one line
//! per record, `--rate-limit` is applied. Every output of every run here is scanned: no configured
//! secret and no raw control character or escape sequence may appear ([`scan`]).

use std::{
    io::{BufRead, BufReader, Read, Write},
    net::SocketAddr,
    process::{Child, Command, Output, Stdio},
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use axum::{
    Router,
    body::Body,
    extract::{Request, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};

mod common;
use serde_json::{Value, json};

/// nd's documented example record (the sandbox's copy).
const ND_EXAMPLE: &str = include_str!("../../sandbox/data/nd_customer_id.json");

const ND_TOKEN: &str = "SENTINEL-nd-token-5f1c";
const GOFIVE_SECRET: &str = "SENTINEL-gofive-secret-77a0";
const GOFIVE_SUB: &str = "SENTINEL-gofive-sub-19be";
const URL_PASSWORD: &str = "SENTINEL-url-pw-3c3c";

const HOSTILE: &str = "\u{1b}]0;pwned\u{7}\u{1b}[31mRed\u{9b}2J\r\nerror: forged line\u{202e}\u{7f}";

/// The fake provider's state: what it received.
#[derive(Default)]
struct Seen {
    requests: AtomicUsize,
    paths: Mutex<Vec<String>>,
    times: Mutex<Vec<Instant>>,
    throttled: AtomicBool,
}

struct Server {
    url: String,
    seen: Arc<Seen>,
}

impl Server {
    fn requests(&self) -> usize {
        self.seen.requests.load(Ordering::SeqCst)
    }
}

/// A server on 127.0.0.1 posing as nd; each detail request waits `delay` first.
async fn server(delay: Duration) -> Server {
    let seen = Arc::new(Seen::default());
    let app = Router::new().fallback(handle).with_state((seen.clone(), delay));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Server { url: format!("http://{addr}"), seen }
}

fn json_response(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

async fn handle(State((seen, delay)): State<(Arc<Seen>, Duration)>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    let headers: HeaderMap = req.headers().clone();
    let auth = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    if path == "/authorization/connect/token" {
        // An IdentityServer that echoes the request (form body, headers) into its error.
        let body = axum::body::to_bytes(req.into_body(), 1 << 20).await.unwrap_or_default();
        let echo = format!("{} {auth} {:?}", String::from_utf8_lossy(&body), headers);
        return json_response(
            StatusCode::BAD_REQUEST,
            json!({"error": "invalid_client", "error_description": format!("{HOSTILE} rejected: {echo}")})
                .to_string(),
        );
    }
    seen.requests.fetch_add(1, Ordering::SeqCst);
    seen.paths.lock().unwrap().push(path.clone());
    seen.times.lock().unwrap().push(Instant::now());
    tokio::time::sleep(delay).await;
    let Some(id) = path.strip_prefix("/api/customers/").and_then(|p| p.strip_suffix("/detail")) else {
        return json_response(StatusCode::NOT_FOUND, r#"{"code":404,"message":"no route"}"#.into());
    };
    let mut record: Value = serde_json::from_str(ND_EXAMPLE).unwrap();
    record["id"] = json!(id);
    match id {
        "pretty" => json_response(StatusCode::OK, serde_json::to_string_pretty(&record).unwrap() + "\n"),
        // One line, but not compact.
        "oneline" => {
            json_response(StatusCode::OK, serde_json::to_string(&record).unwrap().replace(",\"", ", \""))
        }
        "hostile" => {
            record["name"] = json!(format!("{HOSTILE} {auth}"));
            json_response(StatusCode::OK, serde_json::to_string_pretty(&record).unwrap())
        }
        "err-hostile" => json_response(
            StatusCode::OK,
            json!({"code": 50001, "message": format!("{HOSTILE} you sent {auth}")}).to_string(),
        ),
        "throttle" if !seen.throttled.swap(true, Ordering::SeqCst) => (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::RETRY_AFTER, "1"), (header::CONTENT_TYPE, "application/json")],
            Body::from(r#"{"code":429,"message":"Too Many Attempts."}"#),
        )
            .into_response(),
        _ => json_response(StatusCode::OK, record.to_string()),
    }
}

/// Asserts that an output holds no configured secret and no raw control character (escape
/// sequences start with one: ESC, CSI/OSC in C1, BEL, CR …); only `\n` ends lines.
fn scan(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for secret in [ND_TOKEN, GOFIVE_SECRET, GOFIVE_SUB, URL_PASSWORD, "SENTINEL"] {
        assert!(!text.contains(secret), "{what}: secret {secret} printed:\n{text}");
    }
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    assert!(bad.is_empty(), "{what}: raw control characters {bad:?} in:\n{text}");
}

fn nd(server: &Server) -> Command {
    let mut c = common::bin();
    c.env("ND_BASE_URL", &server.url).env("ND_TOKEN", ND_TOKEN);
    c
}

/// Runs to the end with `stdin` fed in, every output scanned.
async fn run(mut cmd: Command, stdin: &str) -> Output {
    let stdin = stdin.to_string();
    let o = tokio::task::spawn_blocking(move || {
        cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("spawn");
        let mut pipe = child.stdin.take().unwrap();
        let feeder = std::thread::spawn(move || {
            let _ = pipe.write_all(stdin.as_bytes());
        });
        let o = child.wait_with_output().unwrap();
        feeder.join().unwrap();
        o
    })
    .await
    .unwrap();
    scan("stdout", &o.stdout);
    scan("stderr", &o.stderr);
    o
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited, not killed by a signal")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn ids(n: usize) -> String {
    (0..n).map(|i| format!("c{i}\n")).collect()
}

fn dev_full() -> std::fs::File {
    std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_stdout_stops_the_run_with_a_reason_for_every_format() {
    let server = server(Duration::from_millis(5)).await;
    for format in ["json", "ndjson", "table"] {
        let before = server.requests();
        let mut cmd = nd(&server);
        cmd.args(["get", "nd", "--ids-file", "-", "--format", format, "--concurrency", "4"]);
        cmd.stdout(dev_full());
        let input = ids(200);
        let o = tokio::task::spawn_blocking(move || {
            let mut child = cmd.stdin(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
            let mut pipe = child.stdin.take().unwrap();
            std::thread::spawn(move || pipe.write_all(input.as_bytes()));
            child.wait_with_output().unwrap()
        })
        .await
        .unwrap();
        scan("stderr", &o.stderr);
        let err = text(&o.stderr);
        assert_eq!(code(&o), 74, "{format}: {err}");
        assert_eq!(err.lines().count(), 1, "{format}: one line: {err}");
        assert!(err.starts_with("error: cannot write to stdout: No space left on device"), "{format}: {err}");
        let sent = server.requests() - before;
        match format {
            // `[` fails before anything is fetched; a line fails with the first result.
            "json" => assert_eq!(sent, 0, "json"),
            "ndjson" => assert!(sent <= 8, "ndjson: {sent} requests after the first failed write"),
            // A table is written when its rows are complete.
            _ => assert_eq!(sent, 200, "table"),
        }
    }
    // A single ID, and the other commands.
    let mut cmd = nd(&server);
    cmd.args(["get", "nd", "c1"]).stdout(dev_full());
    let o = cmd.output().unwrap();
    assert_eq!(code(&o), 74, "{}", text(&o.stderr));
    for args in [&["schema"][..], &["providers"], &["demo"], &["sandbox", "--port", "0"]] {
        let o = common::bin().args(args).stdout(dev_full()).stderr(Stdio::piped()).output().unwrap();
        scan("stderr", &o.stderr);
        assert_eq!(code(&o), 74, "{args:?}: {}", text(&o.stderr));
        assert!(text(&o.stderr).starts_with("error: cannot write to stdout: "), "{args:?}");
    }
}

/// Spawns `cmd` with piped stdio; feeds `input` on its own thread.
/// Runs `cmd` over `input` on a blocking thread, lets `leave` close the reader's end of stdout
/// (the child in hand), then reads stderr to the end: the exit status and stderr.
async fn reader_leaves(
    cmd: Command,
    input: String,
    leave: impl FnOnce(&mut Child) + Send + 'static,
) -> (std::process::ExitStatus, Vec<u8>) {
    tokio::task::spawn_blocking(move || {
        let mut child = spawn(cmd, input);
        leave(&mut child);
        let mut stderr = Vec::new();
        child.stderr.take().unwrap().read_to_end(&mut stderr).unwrap();
        (child.wait().unwrap(), stderr)
    })
    .await
    .unwrap()
}

fn spawn(mut cmd: Command, input: String) -> Child {
    let mut child =
        cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
    let mut pipe = child.stdin.take().unwrap();
    std::thread::spawn(move || {
        let _ = pipe.write_all(input.as_bytes());
    });
    child
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_closed_stdout_stops_the_requests_quietly() {
    let server = server(Duration::from_millis(20)).await;
    for format in ["ndjson", "json"] {
        let before = server.requests();
        let mut cmd = nd(&server);
        cmd.args(["get", "nd", "--ids-file", "-", "--format", format, "--concurrency", "8"]);
        let (status, stderr) = reader_leaves(cmd, ids(2000), |child| {
            // `| head -1`: one line, then the reader is gone.
            let mut first = String::new();
            BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
            assert!(!first.is_empty());
        })
        .await;
        scan("stderr", &stderr);
        let sent = server.requests() - before;
        assert_eq!(status.code(), Some(141), "{format}: {}", text(&stderr));
        assert!(stderr.is_empty(), "{format}: a closed pipe exits quietly: {}", text(&stderr));
        assert!(sent < 500, "{format}: {sent} of 2000 requests sent after the reader left");
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert_eq!(server.requests() - before, sent, "{format}: nothing sent after the exit");
    }
}

/// Runs `cmd` over 2000 slow IDs, reads `lines` lines, sends SIGINT, returns (exit code, whole
/// stdout, requests sent).
async fn interrupt_after(server: &Server, format: &str, lines: usize) -> (Option<i32>, String, usize) {
    let before = server.requests();
    let mut cmd = nd(server);
    cmd.args(["get", "nd", "--ids-file", "-", "--format", format, "--concurrency", "8"]);
    let seen = server.seen.clone();
    let (status, stdout, stderr) = tokio::task::spawn_blocking(move || {
        let mut child = spawn(cmd, ids(2000));
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut stdout = String::new();
        for _ in 0..lines {
            out.read_line(&mut stdout).unwrap();
        }
        // Running (so Ctrl-C is handled): requests are arriving.
        while seen.requests.load(Ordering::SeqCst) < before + 10 {
            std::thread::sleep(Duration::from_millis(5));
        }
        let kill = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
        assert!(kill.success());
        out.read_to_string(&mut stdout).unwrap();
        let mut stderr = Vec::new();
        child.stderr.take().unwrap().read_to_end(&mut stderr).unwrap();
        (child.wait().unwrap(), stdout, stderr)
    })
    .await
    .unwrap();
    scan("stdout", stdout.as_bytes());
    scan("stderr", &stderr);
    (status.code(), stdout, server.requests() - before)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_leaves_whole_lines_closes_the_json_array_and_exits_130() {
    let server = server(Duration::from_millis(20)).await;

    let (code, stdout, sent) = interrupt_after(&server, "json", 4).await;
    assert_eq!(code, Some(130), "{stdout}");
    assert!(stdout.ends_with("\n]\n"), "the array is closed: {stdout}");
    let items: Vec<Value> = serde_json::from_str(&stdout).expect("well-formed JSON");
    assert!(items.len() >= 3 && items.len() < 2000, "{} items", items.len());
    assert!(items.iter().all(|i| i["customer"]["name"] == "金职院"));
    assert!(sent < 1000, "{sent} requests: sending stopped");

    let (code, stdout, _) = interrupt_after(&server, "ndjson", 3).await;
    assert_eq!(code, Some(130));
    assert!(stdout.ends_with('\n'));
    for line in stdout.lines() {
        serde_json::from_str::<Value>(line).expect("every line whole");
    }

    let (code, stdout, _) = interrupt_after(&server, "table", 0).await;
    assert_eq!(code, Some(130));
    assert!(
        stdout.is_empty() || stdout.ends_with("┘\n"),
        "the rows fetched so far, as a whole table: {stdout}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ids_are_bounded_and_checked_before_any_request() {
    let server = server(Duration::ZERO).await;
    let dir = std::env::temp_dir().join(format!("crm-cli-edges-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = |name: &str, content: &[u8]| {
        let p = dir.join(name);
        std::fs::write(&p, content).unwrap();
        p.to_str().unwrap().to_string()
    };

    // Usage errors, exit 2, message naming the problem, and nothing sent.
    let long_line = {
        let mut v = b"c1\nc2\n".to_vec();
        v.extend(std::iter::repeat_n(b'x', 5000));
        v.extend(b"\nc3\n");
        file("long.txt", &v)
    };
    let control = file("control.txt", b"c1\nc2\nab\x1b[31mc\n");
    let long_id = file("long-id.txt", "y".repeat(2000).as_bytes());
    let not_utf8 = file("latin1.txt", b"c1\ncaf\xe9\n");
    let hundred_kb = "z".repeat(100_000);
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--ids-file", "/dev/zero"], "--ids-file /dev/zero line 1: longer than 4096 bytes"),
        (vec!["--ids-file", &long_line], "line 3: longer than 4096 bytes"),
        (vec!["--ids-file", &control], "line 3: the ID contains a control character (U+001B)"),
        (vec!["--ids-file", &long_id], "line 1: the ID is longer than 1024 bytes (2000 bytes)"),
        (vec!["--ids-file", &not_utf8], "line 2: not UTF-8 text"),
        (vec![&hundred_kb], "ID argument 1: the ID is longer than 1024 bytes (100000 bytes)"),
        (vec!["c1", ""], "ID argument 2 is empty"),
        (vec!["c1", "a\u{7}b"], "ID argument 2: the ID contains a control character (U+0007)"),
        (vec!["c1", "a\u{202e}b"], "ID argument 2: the ID contains a control character (U+202E)"),
    ];
    for (args, message) in cases {
        let before = server.requests();
        let started = Instant::now();
        let mut cmd = nd(&server);
        cmd.args(["get", "nd"]).args(&args);
        let o = run(cmd, "").await;
        let err = text(&o.stderr);
        assert_eq!(code(&o), 2, "{message}: {err}");
        assert!(err.contains(message), "expected {message:?} in {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(o.stdout.is_empty(), "{message}");
        assert_eq!(server.requests(), before, "{message}: no request before the usage error");
        assert!(started.elapsed() < Duration::from_secs(10), "{message}: fails fast");
    }

    // A BOM is dropped, CRLF and blank lines are fine: the server sees the IDs' own paths.
    let bom = file("bom.txt", b"\xEF\xBB\xBFc7\r\n\r\n   \nc8\r\n");
    server.seen.paths.lock().unwrap().clear();
    let mut cmd = nd(&server);
    cmd.args(["get", "nd", "--ids-file", &bom, "--format", "ndjson"]);
    let o = run(cmd, "").await;
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    let mut paths = server.seen.paths.lock().unwrap().clone();
    paths.sort();
    assert_eq!(paths, ["/api/customers/c7/detail", "/api/customers/c8/detail"]);

    // From stdin (streamed, not pre-checked): the IDs before the bad line are fetched and printed,
    // the run stops there with exit 2.
    let before = server.requests();
    let mut cmd = nd(&server);
    cmd.args(["get", "nd", "--ids-file", "-", "--concurrency", "1"]);
    let o = run(cmd, "c1\nc2\nbad\u{1b}id\nc4\n").await;
    assert_eq!(code(&o), 2, "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("--ids-file - line 3: the ID contains a control character"));
    let items: Vec<Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(server.requests() - before, 2);
    // The same with one ID before the bad line: it is fetched and printed (a bare customer, one
    // ID), then exit 2 (it was dropped unfetched, nothing printed).
    let before = server.requests();
    let mut cmd = nd(&server);
    cmd.args(["get", "nd", "--ids-file", "-"]);
    let o = run(cmd, "c1\nbad\u{1b}id\nc4\n").await;
    assert_eq!(code(&o), 2, "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("--ids-file - line 2: the ID contains a control character"));
    let customer: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(customer["id"], "c1", "{customer}");
    assert_eq!(server.requests() - before, 1);
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ndjson_raw_is_one_compact_line_per_record_and_json_keeps_one_line_bodies_exact() {
    let server = server(Duration::ZERO).await;
    let expected: Value = serde_json::from_str(ND_EXAMPLE).unwrap();
    let mut cmd = nd(&server);
    cmd.args(["get", "nd", "pretty", "pretty", "oneline", "--format", "ndjson", "--raw"]);
    let o = run(cmd, "").await;
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert_eq!(out.lines().count(), 3, "{out}");
    for line in out.lines() {
        let item: Value = serde_json::from_str(line).expect("each line parses");
        let raw = &item["customer"]["raw"];
        assert_eq!(raw["name"], expected["name"]);
        assert_eq!(raw["areaCode"], expected["areaCode"]);
    }
    assert!(!out.contains("\": "), "compact: {out}");

    // json: a body on one line stays byte-exact; a pretty body is compacted.
    let body = reqwest::Client::new()
        .get(format!("{}/api/customers/oneline/detail", server.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(body.contains("\", \""), "the server sends a non-compact one-line body");
    for args in [&["oneline"][..], &["oneline", "pretty"]] {
        let mut cmd = nd(&server);
        cmd.args(["get", "nd", "--raw"]).args(args);
        let o = run(cmd, "").await;
        assert_eq!(code(&o), 0, "{}", text(&o.stderr));
        let out = text(&o.stdout);
        assert!(out.contains(&body), "{args:?}: the one-line body byte-exact in: {out}");
        serde_json::from_str::<Value>(&out).unwrap();
    }
    let mut cmd = nd(&server);
    cmd.args(["get", "nd", "pretty", "pretty", "--raw"]);
    let o = run(cmd, "").await;
    let out = text(&o.stdout);
    assert_eq!(out.lines().count(), 4, "`[`, two items, `]`: {out}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn provider_text_is_neutralised_and_secrets_redacted_everywhere() {
    let server = server(Duration::ZERO).await;
    for format in ["json", "ndjson", "table"] {
        let mut cmd = nd(&server);
        cmd.args(["--verbose", "get", "nd", "hostile", "err-hostile", "c1", "--raw", "--format", format]);
        let o = run(cmd, "").await; // scanned: no ESC/BEL/CR/C1/bidi, no token
        assert_eq!(code(&o), 5, "{format}: {}", text(&o.stderr));
        let err = text(&o.stderr);
        let error_lines: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
        assert_eq!(error_lines.len(), 1, "{format}: no forged `error:` line: {err}");
        assert!(
            error_lines[0].contains("\\u{1b}]0;pwned\\u{7}\\u{1b}[31mRed\\u{9b}2J\\r\\nerror: forged"),
            "{format}: {err}"
        );
        assert!(error_lines[0].contains("[redacted]"), "{format}: the echoed token: {err}");
        let out = text(&o.stdout);
        match format {
            "table" => assert!(
                out.contains("\\u{1b}]0;pwned\\u{7}\\u{1b}[31mRed\\u{9b}2J\\r\\nerror: forged line"),
                "{out}"
            ),
            "ndjson" => {
                for line in out.lines() {
                    serde_json::from_str::<Value>(line).unwrap();
                }
                assert!(
                    out.contains(
                        "\\u001b]0;pwned\\u0007\\u001b[31mRed\\u009b2J\\r\\nerror: forged line\\u202e\\u007f"
                    ),
                    "{out}"
                );
            }
            _ => {
                let v: Vec<Value> = serde_json::from_str(&out).unwrap();
                let name = v[0]["customer"]["name"].as_str().unwrap();
                assert!(name.starts_with(HOSTILE), "JSON keeps the text, escaped: {name:?}");
                assert!(name.ends_with("Bearer [redacted]"), "{name:?}");
            }
        }
    }

    // A token endpoint that echoes the request (client secret, subscription key) into its error.
    let mut cmd = common::bin();
    cmd.args(["--verbose", "get", "gofive", "C000001", "C000002", "--format", "table"])
        .env("GOFIVE_BASE_URL", &server.url)
        .env("GOFIVE_SUBSCRIPTION_KEY", GOFIVE_SUB)
        .env("GOFIVE_CLIENT_ID", "client-id")
        .env("GOFIVE_CLIENT_SECRET", GOFIVE_SECRET);
    let o = run(cmd, "").await;
    assert_eq!(code(&o), 4, "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("[redacted]"), "the echo reached the message: {}", text(&o.stderr));

    // A base URL's userinfo is never printed: valid, invalid, from the flag or the environment.
    let with_userinfo = server.url.replace("http://", &format!("http://user:{URL_PASSWORD}@"));
    let mut cmd = nd(&server);
    cmd.args(["--verbose", "get", "nd", "err-hostile", "--base-url", &with_userinfo]);
    let o = run(cmd, "").await;
    assert_ne!(code(&o), 0);
    for url in [format!("http://user:{URL_PASSWORD}@exa mple"), format!("ftp://user:{URL_PASSWORD}@host")] {
        let mut cmd = nd(&server);
        cmd.args(["get", "nd", "c1", "--base-url", &url]);
        let o = run(cmd, "").await;
        assert_eq!(code(&o), 2, "{}", text(&o.stderr));
        let mut cmd = nd(&server);
        cmd.args(["get", "nd", "c1"]).env("ND_BASE_URL", &url);
        let o = run(cmd, "").await;
        assert_eq!(code(&o), 2, "{}", text(&o.stderr));
        assert!(text(&o.stderr).contains("[redacted]@"), "{}", text(&o.stderr));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limit_flag_overrides_the_provider_limit() {
    let server = server(Duration::ZERO).await;
    let mut cmd = nd(&server);
    cmd.args(["get", "nd", "c1", "c2", "c3", "--rate-limit", "1/1", "--format", "ndjson"]);
    let o = run(cmd, "").await;
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout).lines().count(), 3);
    let times = server.seen.times.lock().unwrap().clone();
    assert_eq!(times.len(), 3);
    let span = times[2] - times[0];
    assert!(span >= Duration::from_millis(1800), "1 request per second: 3 requests took {span:?}");

    for bad in ["0/1", "5", "5/0", "x/1", "5/-1", "5/forever"] {
        let mut cmd = nd(&server);
        cmd.args(["get", "nd", "c1", "--rate-limit", bad]);
        let o = run(cmd, "").await;
        assert_eq!(code(&o), 2, "{bad}");
        assert!(text(&o.stderr).contains("--rate-limit"), "{bad}: {}", text(&o.stderr));
    }
    let mut cmd = nd(&server);
    cmd.args(["get", "nd", "c1", "--rate-limit", "1000/min"]);
    assert_eq!(code(&run(cmd, "").await), 0, "DRF's rate syntax");
}

/// `--verbose` logs when and until when the client waits on a throttle; stdout stays data only.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verbose_logs_throttle_waits_with_their_end() {
    let server = server(Duration::ZERO).await;
    let mut cmd = nd(&server);
    cmd.args(["--verbose", "get", "nd", "throttle", "c1", "--format", "ndjson"]);
    let o = run(cmd, "").await;
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    let err = text(&o.stderr);
    let line = err.lines().find(|l| l.contains("waiting")).unwrap_or_else(|| panic!("no wait logged: {err}"));
    assert!(line.contains(" INFO nd: waiting "), "{line}");
    assert!(line.contains(" s on the rate limit, until 20"), "{line}");
    for l in text(&o.stdout).lines() {
        serde_json::from_str::<Value>(l).expect("stdout is data only");
    }
}

/// A reader that goes before anything is written (`| true`): even `table`, which writes only at
/// the end, stops fetching at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_that_leaves_early_stops_even_a_table_run() {
    let server = server(Duration::from_millis(20)).await;
    let mut cmd = nd(&server);
    cmd.args(["get", "nd", "--ids-file", "-", "--format", "table", "--concurrency", "8"]);
    let seen = server.seen.clone();
    let (status, stderr) = reader_leaves(cmd, ids(2000), move |child| {
        while seen.requests.load(Ordering::SeqCst) < 10 {
            std::thread::sleep(Duration::from_millis(5));
        }
        drop(child.stdout.take());
    })
    .await;
    scan("stderr", &stderr);
    assert_eq!(status.code(), Some(141), "{}", text(&stderr));
    assert!(server.requests() < 500, "{} of 2000 requests", server.requests());
}

/// Every command with a stdout whose reader is already gone: a quiet 141, never a panic (101).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_command_exits_quietly_on_a_closed_stdout() {
    let server = server(Duration::ZERO).await;
    let cases: [&[&str]; 7] = [
        &["schema"],
        &["providers"],
        &["demo"],
        &["sandbox", "--port", "0"],
        &["get", "nd", "c1"],
        &["get", "nd", "c1", "c2"],
        &["get", "nd", "c1", "c2", "--format", "ndjson"],
    ];
    for args in cases {
        let before = server.requests();
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let mut cmd = nd(&server);
        cmd.args(args).stdout(writer).stderr(Stdio::piped());
        let o = tokio::task::spawn_blocking(move || cmd.output().unwrap()).await.unwrap();
        scan("stderr", &o.stderr);
        assert_eq!(o.status.code(), Some(141), "{args:?}: {}", text(&o.stderr));
        assert!(o.stderr.is_empty(), "{args:?}: {}", text(&o.stderr));
        if args.len() == 4 && args[0] == "get" {
            assert_eq!(server.requests(), before, "json writes `[` first: nothing sent");
        }
    }
}
