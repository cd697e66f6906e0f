//! `crm-customers update --change / --set / --dry-run` (the real binary) against the sandbox on
//! 127.0.0.1: the provider body a dry run prints (snapshots), a write through the shared model,
//! and a field the provider cannot store exiting 2 with nothing sent (counted at the sandbox).

use std::process::{Command, Output};

use customer_sandbox::{Provider, Sandbox};

mod common;
use common::{bin, run, stderr, stdout};
use serde_json::{Value, json};

/// The binary pointed at `sandbox` (this process's, so its counters can be read) for `provider`.
fn at(sandbox: &Sandbox, provider: &str, args: &[&str]) -> Command {
    let c = sandbox.credentials();
    let mut cmd = bin();
    cmd.args(args).args(["--base-url", &sandbox.base_url()]);
    match provider {
        "pluuug" => {
            cmd.env("PLUUUG_API_KEY", &c.pluuug_api_key).env("PLUUUG_SECRET_KEY", &c.pluuug_secret_key)
        }
        "gofive" => cmd
            .env("GOFIVE_SUBSCRIPTION_KEY", &c.gofive_subscription_key)
            .env("GOFIVE_CLIENT_ID", &c.gofive_client_id)
            .env("GOFIVE_CLIENT_SECRET", &c.gofive_client_secret),
        _ => cmd.env("ND_TOKEN", c.nd_token.clone().unwrap()),
    };
    cmd
}

fn no_secret(sandbox: &Sandbox, o: &Output) {
    let c = sandbox.credentials();
    for secret in
        [&c.pluuug_secret_key, &c.pluuug_api_key, &c.gofive_client_secret, c.nd_token.as_ref().unwrap()]
    {
        assert!(
            !stdout(o).contains(secret.as_str()) && !stderr(o).contains(secret.as_str()),
            "a secret was printed"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dry_run_prints_the_provider_body_and_writes_nothing() {
    let sandbox = Sandbox::start().await.unwrap();
    let nd_id = sandbox.customer_ids(Provider::Nd)[0].clone();
    let cases: [(&str, &str, Vec<&str>, &str); 4] = [
        (
            "pluuug_set",
            "pluuug",
            vec![
                "update",
                "pluuug",
                "1001",
                "--set",
                "name=주식회사 새이름",
                "--set",
                "status=계약 완료",
                "--set",
                "primary_contact.phone=010-9999-0000",
                "--set",
                "custom_fields.고객 유형=기존",
                "--dry-run",
            ],
            "",
        ),
        (
            "nd_change",
            "nd",
            vec!["update", "nd", &nd_id, "--change", "-", "--dry-run"],
            r#"{"lifecycle_stage": "customer", "owner": "35", "extra": {"partnerRelationship": "loose"}}"#,
        ),
        (
            "gofive_append",
            "gofive",
            vec![
                "update",
                "gofive",
                "C000001",
                "--set",
                "tags+=vip",
                "--set",
                "status=inactive",
                "--dry-run",
            ],
            "",
        ),
        (
            "pluuug_native",
            "pluuug",
            vec!["update", "pluuug", "1001", "--json", "-", "--dry-run"],
            r#"{"companyName": "x"}"#,
        ),
    ];
    for (name, provider, args, stdin) in cases {
        let before = sandbox.customer_ids(provider.parse().unwrap());
        let o = run(at(&sandbox, provider, &args), stdin).await;
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        no_secret(&sandbox, &o);
        insta::assert_snapshot!(format!("dry_run_{name}"), stdout(&o));
        assert_eq!(sandbox.customer_ids(provider.parse().unwrap()), before);
    }
    // Nothing was written: the customers read as before.
    let o = run(at(&sandbox, "pluuug", &["get", "pluuug", "1001"]), "").await;
    let c: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_ne!(c["name"], "주식회사 새이름");
    let o = run(at(&sandbox, "gofive", &["get", "gofive", "C000001"]), "").await;
    let c: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(!c["tags"].as_array().unwrap().contains(&json!("vip")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn change_and_set_write_through_the_shared_model() {
    let sandbox = Sandbox::start().await.unwrap();
    let o = run(
        at(&sandbox, "pluuug", &["update", "pluuug", "1001", "--change", "-"]),
        r#"{"description": "메모 🙂", "industry": ["서비스업"]}"#,
    )
    .await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let c: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!((c["description"].clone(), c["industry"].clone()), (json!("메모 🙂"), json!(["서비스업"])));

    let o = run(
        at(
            &sandbox,
            "gofive",
            &["update", "gofive", "C000001", "--set", "emails+=new@example.co.th", "--set", "emails=null"],
        ),
        "",
    )
    .await;
    assert_eq!(o.status.code(), Some(0), "the later --set wins: {}", stderr(&o));

    let o = run(
        at(
            &sandbox,
            "gofive",
            &[
                "update",
                "gofive",
                "C000002",
                "--set",
                "phones=[{\"number\": \"02-111-2222\", \"kind\": \"landline\"}]",
                "--set",
                "level=Gold",
            ],
        ),
        "",
    )
    .await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let c: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(c["phones"], json!([{"number": "02-111-2222", "kind": "landline"}]));
    assert_eq!(c["level"], "Gold");

    let nd_id = sandbox.customer_ids(Provider::Nd)[0].clone();
    let o = run(
        at(
            &sandbox,
            "nd",
            &["update", "nd", &nd_id, "--set", "lifecycle_stage=prospect", "--set", "collaborators+=13"],
        ),
        "",
    )
    .await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let c: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(c["lifecycle_stage"]["native"], "PROSPECT");
    assert!(c["collaborators"].as_array().unwrap().iter().any(|u| u["id"] == "13"), "{c}");
    no_secret(&sandbox, &o);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unstorable_field_exits_2_naming_it_and_nothing_is_sent() {
    let sandbox = Sandbox::start().await.unwrap();
    let nd_id = sandbox.customer_ids(Provider::Nd)[0].clone();
    let cases: [(&str, Vec<&str>, &str, &[&str]); 6] = [
        (
            "pluuug",
            vec!["update", "pluuug", "1001", "--set", "tags=vip", "--set", "owner=7"],
            "",
            &["`tags`", "`owner`"],
        ),
        (
            "nd",
            vec!["update", "nd", &nd_id, "--change", "-"],
            r#"{"phones": [{"number": "1", "kind": "mobile"}], "lifecycle_stage": "partner"}"#,
            &["`phones`", "`lifecycle_stage`"],
        ),
        (
            "gofive",
            vec!["update", "gofive", "C000001", "--set", "representative=Lee", "--dry-run"],
            "",
            &["`representative`"],
        ),
        ("gofive", vec!["update", "gofive", "C000001", "--set", "nmae=x"], "", &["nmae"]),
        (
            "pluuug",
            vec!["update", "pluuug", "1001", "--change", "-"],
            r#"{"companyName": "x"}"#,
            &["companyName"],
        ),
        ("nd", vec!["update", "nd", &nd_id, "--set", "name+=x"], "", &["list field"]),
    ];
    for (provider, args, stdin, named) in cases {
        let p: Provider = provider.parse().unwrap();
        let before = sandbox.stats();
        let o = run(at(&sandbox, provider, &args), stdin).await;
        assert_eq!(o.status.code(), Some(2), "{provider} {args:?}: {}", stderr(&o));
        for n in named {
            assert!(stderr(&o).contains(n), "{provider}: {n} not named in {}", stderr(&o));
        }
        let after = sandbox.stats();
        assert_eq!(
            after.requests(p),
            before.requests(p),
            "{provider} {args:?}: nothing sent, not even a read"
        );
    }
}

/// Malformed shared-model changes (not JSON, not an object, wrong types, an unknown enum value,
/// null where a list item is required, absurd numbers, control characters in a `--set` field name)
/// are usage errors through the real binary: exit 2, a one-line reason, no panic, nothing sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_changes_exit_2_with_nothing_sent() {
    let sandbox = Sandbox::start().await.unwrap();
    let nd_id = sandbox.customer_ids(Provider::Nd)[0].clone();
    let change_cases = [
        "not json",
        "",
        "[1, 2]",
        "null",
        r#"{"name": 5}"#,
        r#"{"lifecycle_stage": "no-such-stage"}"#,
        r#"{"emails": "a@b.c"}"#,
        r#"{"emails": [null]}"#,
        r#"{"phones": [{"number": 1e999}]}"#,
        r#"{"name": "x", "name": "y", "bogus": {"deep": [[[[]]]]}}"#,
    ];
    for (provider, id) in [("gofive", "C000001"), ("nd", nd_id.as_str()), ("pluuug", "1001")] {
        let p: Provider = provider.parse().unwrap();
        for stdin in change_cases {
            let before = sandbox.stats();
            let o = run(at(&sandbox, provider, &["update", provider, id, "--change", "-"]), stdin).await;
            assert_eq!(o.status.code(), Some(2), "{provider} {stdin:?}: {}", stderr(&o));
            assert!(stderr(&o).starts_with("error:"), "{provider} {stdin:?}: {}", stderr(&o));
            assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
            assert_eq!(sandbox.stats().requests(p), before.requests(p), "{provider} {stdin:?}: nothing sent");
        }
        for set in ["lifecycle_stage=no-such-stage", "=x", "name", "na\u{1b}me=x", "emails+=", "tags+=null"] {
            let before = sandbox.stats();
            let o =
                run(at(&sandbox, provider, &["update", provider, id, "--set", set, "--dry-run"]), "").await;
            assert_ne!(o.status.code(), Some(0), "{provider} --set {set:?} was accepted: {}", stdout(&o));
            assert!(
                !stderr(&o).contains('\u{1b}'),
                "a control character reached the terminal: {:?}",
                stderr(&o)
            );
            assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
            assert_eq!(
                sandbox.stats().requests(p),
                before.requests(p),
                "{provider} --set {set:?}: nothing sent"
            );
            no_secret(&sandbox, &o);
        }
        // Several unknown fields: every one named, in the order given (serde named only the
        // alphabetically first).
        let args =
            ["update", provider, id, "--set", "zzz=2", "--set", "aaa=1", "--set", "name=x", "--dry-run"];
        let o = run(at(&sandbox, provider, &args), "").await;
        assert_eq!(o.status.code(), Some(2), "{provider}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("--set: unknown fields `zzz`, `aaa`, expected one of `name`"),
            "{}",
            stderr(&o)
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exactly_one_body_flag_and_the_change_schema() {
    let sandbox = Sandbox::start().await.unwrap();
    for args in [
        vec!["update", "pluuug", "1001"],
        vec!["update", "pluuug", "1001", "--json", "-", "--set", "name=x"],
        vec!["update", "pluuug", "1001", "--change", "-", "--json", "-"],
    ] {
        let o = run(at(&sandbox, "pluuug", &args), "{}").await;
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
    assert_eq!(sandbox.stats().requests(Provider::Pluuug), 0);
    let mut schema = bin();
    schema.args(["schema", "--change"]);
    let o = run(schema, "").await;
    assert_eq!(o.status.code(), Some(0));
    let printed: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/../../specs/customer-change.schema.json");
    let stored: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    assert_eq!(printed, stored, "cargo xtask codegen writes what `schema --change` prints");
    assert_eq!(printed["additionalProperties"], false);
}
