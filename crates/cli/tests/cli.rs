//! The real `crm-customers` binary against the sandbox: every provider, every format, every exit
//! code, stdin with thousands of IDs, and no secret in any output.

use std::{
    io::Write,
    process::{Command, Output, Stdio},
};

use customer_sandbox::{Credentials, Provider, Sandbox};
use serde_json::Value;

const PROVIDERS: [&str; Provider::COUNT] = Provider::NAMES;
const ENV_VARS: [&str; 13] = [
    "PLUUUG_API_KEY",
    "PLUUUG_SECRET_KEY",
    "PLUUUG_BASE_URL",
    "GOFIVE_SUBSCRIPTION_KEY",
    "GOFIVE_CLIENT_ID",
    "GOFIVE_CLIENT_SECRET",
    "GOFIVE_BASE_URL",
    "ESHOUHOU_APPID",
    "ESHOUHOU_APP_SECRET",
    "ESHOUHOU_BASE_URL",
    "ESHOUHOU_SERVICE_NETWORK_ID",
    "ND_TOKEN",
    "ND_BASE_URL",
];

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_crm-customers"));
    for v in ENV_VARS {
        c.env_remove(v);
    }
    c
}

/// No raw control character (escape sequences start with one) in any output; only `\n` ends lines.
fn scan(o: &Output) -> &Output {
    for (what, bytes) in [("stdout", &o.stdout), ("stderr", &o.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        let bad: Vec<char> = text.chars().filter(|&c| c.is_control() && c != '\n').collect();
        assert!(bad.is_empty(), "{what}: raw control characters {bad:?} in:\n{text}");
    }
    o
}

fn run(args: &[&str]) -> Output {
    let o = bin().args(args).output().expect("the binary runs");
    scan(&o);
    o
}

async fn run_async(mut cmd: Command, stdin: Option<String>) -> Output {
    let o = tokio::task::spawn_blocking(move || {
        cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("spawn");
        let mut pipe = child.stdin.take().unwrap();
        if let Some(input) = stdin {
            pipe.write_all(input.as_bytes()).unwrap();
        }
        drop(pipe);
        child.wait_with_output().unwrap()
    })
    .await
    .unwrap();
    scan(&o);
    o
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn first_id(sandbox: &Sandbox, p: Provider) -> String {
    sandbox.customer_ids(p)[0].clone()
}

fn sandbox_provider(name: &str) -> Provider {
    name.parse().unwrap()
}

#[test]
fn one_id_prints_one_customer_object_per_provider() {
    // Gofive's `id` is its customerId; the code asked for comes back as `code`.
    let ids = [
        ("pluuug", "123", "id"),
        ("gofive", "C000001", "code"),
        ("eshouhou", "dc540ce7-5bc5-4275-b8fa-2004eb5839e3", "id"),
        ("nd", "id", "id"),
    ];
    for (provider, id, key) in ids {
        let o = run(&["get", provider, id, "--sandbox"]);
        assert_eq!(code(&o), 0, "{provider}: {}", stderr(&o));
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(v["provider"], provider);
        assert_eq!(v[key], id);
        assert!(v.get("raw").is_none(), "raw is left out without --raw");
        assert!(v["name"].as_str().is_some_and(|n| !n.is_empty()));
    }
}

#[test]
fn raw_flag_keeps_the_body_as_received() {
    let o = run(&["get", "gofive", "C000055", "--sandbox", "--raw"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["raw"]["status"]["code"], "1000");
}

#[test]
fn several_ids_print_an_array_in_input_order_and_the_first_failure_sets_the_exit_code() {
    let o = run(&["get", "nd", "id", "990001", "no-such", "id", "--sandbox"]);
    assert_eq!(code(&o), 5, "first failing id (990001) is a provider error: {}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 4);
    assert_eq!(items[0]["id"], "id");
    assert!(items[0]["customer"].is_object());
    assert_eq!(items[1]["error"]["kind"], "provider_error");
    assert_eq!(items[2]["error"]["kind"], "not_found");
    assert!(items[3]["customer"].is_object(), "every success is still printed");
    assert!(stderr(&o).contains("error: nd get_customer_detail: "), "{}", stderr(&o));
}

#[test]
fn ndjson_and_table_formats() {
    let o = run(&["get", "pluuug", "123", "1001", "1002", "--sandbox", "--format", "ndjson"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let lines: Vec<Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert!(lines.iter().all(|l| l["customer"]["provider"] == "pluuug"));
    let o =
        run(&["get", "eshouhou", "dc540ce7-5bc5-4275-b8fa-2004eb5839e3", "--sandbox", "--format", "table"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("胡效鑫1"), "{}", stdout(&o));
}

#[test]
fn exit_codes_of_the_contract() {
    let cases: [(&[&str], i32, &str); 9] = [
        (&["get", "pluuug", "424242", "--sandbox"], 3, "not_found"),
        (&["get", "gofive", "990401", "--sandbox"], 4, "auth"),
        (&["get", "eshouhou", "990001", "--sandbox"], 5, "provider_error"),
        (&["get", "nd", "990002", "--sandbox"], 5, "bad_response"),
        (&["get", "pluuug", "990006", "--sandbox", "--timeout", "0.5"], 6, "transport"),
        (&["get", "gofive", "990429", "--sandbox", "--timeout", "10"], 6, "rate_limited"),
        (&["get", "pluuug", "not-a-number", "--sandbox"], 2, "config"),
        (&["get", "pluuug", "990005", "--sandbox"], 5, "bad_response"),
        (&["get", "nd", "990003", "--sandbox"], 5, "bad_response"),
    ];
    for (args, expected, kind) in cases {
        let o = run(args);
        assert_eq!(code(&o), expected, "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        assert_eq!(err.lines().filter(|l| l.starts_with("error: ")).count(), 1, "{args:?}: {err}");
        let o = bin().args(args).args(["--format", "ndjson"]).output().unwrap();
        let line: Value = serde_json::from_str(stdout(&o).trim()).unwrap();
        assert_eq!(line["error"]["kind"], kind, "{args:?}");
    }
}

#[test]
fn usage_and_configuration_errors_exit_2() {
    for args in [
        &["get", "salesforce", "1", "--sandbox"][..],
        &["get", "pluuug", "--sandbox"],
        &["get", "pluuug", "1", "--format", "xml", "--sandbox"],
        &["get", "pluuug", "1", "--concurrency", "0", "--sandbox"],
        &["get", "pluuug", "1", "--timeout", "-3", "--sandbox"],
        &["get", "pluuug", "1", "--sandbox", "--base-url", "http://127.0.0.1:1"],
        &["get", "pluuug", "1", "--ids-file", "/nonexistent/ids.txt", "--sandbox"],
        &["frobnicate"],
    ] {
        let o = run(args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn missing_credentials_name_the_variables_to_set() {
    let expected = [
        ("pluuug", vec!["PLUUUG_API_KEY", "PLUUUG_SECRET_KEY"]),
        ("gofive", vec!["GOFIVE_SUBSCRIPTION_KEY", "GOFIVE_CLIENT_ID", "GOFIVE_CLIENT_SECRET"]),
        ("eshouhou", vec!["ESHOUHOU_APPID", "ESHOUHOU_APP_SECRET"]),
        ("nd", vec!["ND_BASE_URL"]),
    ];
    for (provider, vars) in expected {
        let o = run(&["get", provider, "1"]);
        assert_eq!(code(&o), 2, "{provider}");
        for v in vars {
            assert!(stderr(&o).contains(v), "{provider}: {}", stderr(&o));
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ids_from_stdin_thousands_streamed() {
    let sandbox = Sandbox::start().await.unwrap();
    let ids = sandbox.customer_ids(Provider::Nd);
    let mut input = String::new();
    for i in 0..3000 {
        input.push_str(&ids[i % ids.len()]);
        input.push('\n');
        if i % 100 == 0 {
            input.push_str("   \n\n");
        }
    }
    let mut cmd = bin();
    cmd.args([
        "get",
        "nd",
        "--ids-file",
        "-",
        "--format",
        "ndjson",
        "--concurrency",
        "32",
        "--base-url",
        &sandbox.base_url(),
    ])
    .env("ND_TOKEN", sandbox.credentials().nd_token.clone().unwrap());
    let o = run_async(cmd, Some(input)).await;
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let lines: Vec<Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3000, "blank lines skipped, one line per id");
    assert!(lines.iter().all(|l| l["customer"].is_object()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn real_provider_mode_with_env_and_base_url_for_every_provider() {
    let sandbox = Sandbox::start().await.unwrap();
    for provider in PROVIDERS {
        // The provider's credential variables with the sandbox's values and its base URL variable.
        let env = sandbox.env(sandbox_provider(provider));
        let id = first_id(&sandbox, sandbox_provider(provider));
        let mut cmd = bin();
        cmd.args(["get", provider, &id]).envs(env.clone());
        let o = run_async(cmd, None).await;
        assert_eq!(code(&o), 0, "{provider}: {}", stderr(&o));
        // Wrong credentials: exit 4.
        let mut cmd = bin();
        cmd.args(["get", provider, &id]).envs(env).env(
            match provider {
                "pluuug" => "PLUUUG_SECRET_KEY",
                "gofive" => "GOFIVE_CLIENT_SECRET",
                "eshouhou" => "ESHOUHOU_APP_SECRET",
                _ => "ND_TOKEN",
            },
            "wrong",
        );
        let o = run_async(cmd, None).await;
        assert_eq!(code(&o), 4, "{provider}: {}", stderr(&o));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_in_any_output() {
    let mut secrets = Credentials::default();
    secrets.pluuug_api_key = "SENTINEL-pluuug-api-key".into();
    secrets.pluuug_secret_key = "SENTINEL-pluuug-secret".into();
    secrets.gofive_subscription_key = "SENTINEL-gofive-sub".into();
    secrets.gofive_client_id = "gofive-client-id".into();
    secrets.gofive_client_secret = "SENTINEL-gofive-client-secret".into();
    secrets.eshouhou_appid = "eshouhou-appid".into();
    secrets.eshouhou_app_secret = "SENTINEL-eshouhou-secret".into();
    secrets.nd_token = Some("SENTINEL-nd-token".into());
    let sandbox = Sandbox::builder().credentials(secrets.clone()).start().await.unwrap();
    let url = sandbox.base_url();
    // Every provider's variables for this sandbox (the registry's list, the secrets above).
    let env: Vec<(String, String)> = Provider::ALL.into_iter().flat_map(|p| sandbox.env(p)).collect();
    let mut seen = String::new();
    for provider in PROVIDERS {
        let ids = [
            first_id(&sandbox, sandbox_provider(provider)),
            "990001".into(),
            "990002".into(),
            "990401".into(),
            "424242".into(),
        ];
        for format in ["json", "ndjson", "table"] {
            let mut cmd = bin();
            cmd.args(["--verbose", "get", provider, "--base-url", &url, "--format", format, "--raw"])
                .args(&ids)
                .envs(env.clone());
            let o = run_async(cmd, None).await;
            seen.push_str(&stdout(&o));
            seen.push_str(&stderr(&o));
        }
    }
    // Rejected credentials too: the wrong value must not be echoed either.
    let mut cmd = bin();
    cmd.args(["--verbose", "get", "gofive", "C000001", "--base-url", &url])
        .envs(env.clone())
        .env("GOFIVE_CLIENT_SECRET", "SENTINEL-wrong-secret");
    let o = run_async(cmd, None).await;
    seen.push_str(&stdout(&o));
    seen.push_str(&stderr(&o));
    assert!(seen.contains("crm.call") || seen.contains("response"), "verbose tracing ran");
    for (_, v) in env.iter().filter(|(_, v)| v.starts_with("SENTINEL")) {
        assert!(!seen.contains(v.as_str()), "secret {v} leaked");
    }
    assert!(!seen.contains("SENTINEL"), "a secret leaked");
    // Tokens issued by the sandbox are random; they never appear in tracing because no URL or
    // header is logged. Check the access_token query parameter does not show up either.
    assert!(!seen.contains("access_token="), "an access token URL leaked");
}

#[test]
fn schema_providers_and_demo() {
    let o = run(&["schema"]);
    assert_eq!(code(&o), 0);
    let schema: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(schema["properties"]["custom_fields"].is_object(), "{schema}");
    let o = run(&["providers"]);
    assert_eq!(code(&o), 0);
    for v in [
        "PLUUUG_API_KEY",
        "GOFIVE_SUBSCRIPTION_KEY",
        "ESHOUHOU_APPID",
        "ND_BASE_URL",
        "https://openapi.pluuug.com",
    ] {
        assert!(stdout(&o).contains(v), "{v}");
    }
    let o = run(&["demo"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    for p in PROVIDERS {
        assert!(stdout(&o).contains(p), "{p}");
    }
    let o = run(&["get", "--help"]);
    assert!(stdout(&o).contains("PLUUUG_API_KEY"), "help names the env variables");
}

#[test]
fn sandbox_subcommand_serves_until_killed() {
    use std::io::{BufRead, BufReader};
    let mut child =
        bin().args(["sandbox", "--port", "0"]).stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    let url = first.trim().rsplit(' ').next().unwrap().to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "{first}");
    let token = Credentials::default().nd_token.unwrap();
    let o = bin().args(["get", "nd", "id", "--base-url", &url]).env("ND_TOKEN", token).output().unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(serde_json::from_str::<Value>(&stdout(&o)).unwrap()["name"], "金职院");
}

#[test]
fn a_one_line_ids_file_prints_a_bare_customer() {
    let dir = std::env::temp_dir().join(format!("crm-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("ids.txt");
    std::fs::write(&file, "\n  1001  \n\n").unwrap();
    let o = run(&["get", "pluuug", "--ids-file", file.to_str().unwrap(), "--sandbox"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["id"], "1001", "one ID → the Customer object, not an array");
    std::fs::write(&file, "\n\n").unwrap();
    assert_eq!(
        code(&run(&["get", "pluuug", "--ids-file", file.to_str().unwrap(), "--sandbox"])),
        2,
        "no IDs is a usage error"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn sandbox_fault_flag_applies_to_every_customer_request() {
    use std::io::{BufRead, BufReader};
    let mut child = bin()
        .args(["sandbox", "--port", "0", "--fault", "990001"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    let url = first.trim().rsplit(' ').next().unwrap().to_string();
    let token = Credentials::default().nd_token.unwrap();
    let o = bin().args(["get", "nd", "id", "--base-url", &url]).env("ND_TOKEN", token).output().unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(code(&o), 5, "a seeded id gets the server-wide error envelope: {}", stderr(&o));
    assert_eq!(code(&run(&["sandbox", "--port", "0", "--fault", "12345"])), 2, "not a reserved id");
}
