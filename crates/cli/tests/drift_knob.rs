//! The drifted sandbox (`SandboxBuilder::drift(Provider)`, built on the `sandbox` branch): each of
//! its three changes (`customer_sandbox::drift::expected`) is reported with the right kind, path
//! and count, and nothing else.

use std::{
    io::Write,
    process::{Command, Stdio},
};

use customer_sandbox::Sandbox;
use serde_json::Value;

fn env_for(sandbox: &Sandbox, provider: &str) -> Vec<(&'static str, String)> {
    let c = sandbox.credentials();
    let url = sandbox.base_url();
    match provider {
        "pluuug" => vec![
            ("PLUUUG_API_KEY", c.pluuug_api_key.clone()),
            ("PLUUUG_SECRET_KEY", c.pluuug_secret_key.clone()),
            ("PLUUUG_BASE_URL", url),
        ],
        "gofive" => vec![
            ("GOFIVE_SUBSCRIPTION_KEY", c.gofive_subscription_key.clone()),
            ("GOFIVE_CLIENT_ID", c.gofive_client_id.clone()),
            ("GOFIVE_CLIENT_SECRET", c.gofive_client_secret.clone()),
            ("GOFIVE_BASE_URL", url),
        ],
        "eshouhou" => vec![
            ("ESHOUHOU_APPID", c.eshouhou_appid.clone()),
            ("ESHOUHOU_APP_SECRET", c.eshouhou_app_secret.clone()),
            ("ESHOUHOU_BASE_URL", url),
        ],
        _ => {
            let mut env = vec![("ND_BASE_URL", url)];
            if let Some(t) = &c.nd_token {
                env.push(("ND_TOKEN", t.clone()));
            }
            env
        }
    }
}

/// `AddedProperty` → `added_property`.
fn snake(kind: impl std::fmt::Debug) -> String {
    let mut out = String::new();
    for (i, ch) in format!("{kind:?}").chars().enumerate() {
        if ch.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(ch.to_ascii_lowercase());
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn each_drift_kind_is_reported_with_correct_counts_and_nothing_else() {
    for provider in ["pluuug", "gofive", "eshouhou", "nd"] {
        let p: customer_sandbox::Provider = provider.parse().unwrap();
        let sandbox = Sandbox::builder().drift(p).start().await.expect("sandbox");
        let ids = sandbox.customer_ids(p);
        let env = env_for(&sandbox, provider);
        let stdin = ids.join("\n");
        let out = tokio::task::spawn_blocking(move || {
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_crm-customers"));
            cmd.envs(env.iter().map(|(k, v)| (*k, v.as_str())))
                .args(["drift", provider, "--ids-file", "-", "--format", "json"])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped());
            let mut child = cmd.spawn().unwrap();
            let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
            child.wait_with_output().unwrap()
        })
        .await
        .unwrap();
        sandbox.shutdown().await;
        assert_eq!(out.status.code(), Some(1), "{provider}: {}", String::from_utf8_lossy(&out.stderr));
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        let bodies = report["bodies"].as_u64().unwrap();
        assert_eq!(bodies, ids.len() as u64, "{provider}: one body per seeded customer");
        let mut found: Vec<(String, String, u64)> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["kind"].as_str().unwrap().into(),
                    f["path"].as_str().unwrap().into(),
                    f["bodies"].as_u64().unwrap(),
                )
            })
            .collect();
        found.sort();
        let mut expected: Vec<(String, String, u64)> = customer_sandbox::drift::expected(p)
            .iter()
            .map(|c| (snake(&c.kind), c.path.to_string(), bodies))
            .collect();
        expected.sort();
        assert_eq!(found, expected, "{provider}: {report:#}");
    }
}
