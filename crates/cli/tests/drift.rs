//! `crm-customers drift` against the embedded sandbox and over saved `get --raw --format ndjson`
//! output: a clean sandbox reports nothing (exit 0), the offline report equals the live one on the
//! same bodies, drift exits 1 with the right counts, and the table and `--suggest` read well.

use std::process::{Command, Output};

use customer_sandbox::Sandbox;
use serde_json::Value;

mod common;

const PROVIDERS: [&str; customer_sandbox::Provider::COUNT] = customer_sandbox::Provider::NAMES;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_crm-customers"));
    for v in ["PLUUUG_BASE_URL", "GOFIVE_BASE_URL", "ESHOUHOU_BASE_URL", "ND_BASE_URL", "ND_TOKEN"] {
        c.env_remove(v);
    }
    c
}

fn run_with_stdin(args: &[&str], stdin: &str) -> Output {
    let mut cmd = bin();
    cmd.args(args);
    common::run_sync(cmd, stdin.as_bytes()) // a usage error may exit before reading
}

/// The report's findings as `(kind, path, third(finding))`.
fn findings<T>(report: &Value, third: impl Fn(&Value) -> T) -> Vec<(String, String, T)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["kind"].as_str().unwrap().into(), f["path"].as_str().unwrap().into(), third(f)))
        .collect()
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

async fn seeded_ids() -> Vec<(&'static str, String)> {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let out = PROVIDERS.iter().map(|p| (*p, sandbox.customer_ids(p.parse().unwrap()).join("\n"))).collect();
    sandbox.shutdown().await;
    out
}

/// The environment that points `provider` at `sandbox` with its built-in credentials.
/// The variables a client needs to reach `sandbox` as `provider` (the sandbox's own list, from
/// the registry: no per-provider code here).
fn env_for(sandbox: &Sandbox, provider: &str) -> Vec<(String, String)> {
    sandbox.env(provider.parse().expect("a registry provider"))
}

fn run_env(args: &[&str], env: &[(String, String)], stdin: &str) -> Output {
    let mut cmd = bin();
    cmd.envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str()))).args(args);
    common::run_sync(cmd, stdin.as_bytes())
}

/// The report with the mapping's warnings reduced to counts per field with list indices removed:
/// customer-core's order of a customer's custom fields (and so `custom_fields[2]` in a warning's
/// field) is not stable between processes, the bodies and the findings are.
fn comparable(mut report: Value) -> Value {
    let mut counts = std::collections::BTreeMap::<String, u64>::new();
    for w in report["warnings"].as_array().unwrap() {
        let field: String = w["field"]
            .as_str()
            .unwrap()
            .split('[')
            .map(|p| p.split_once(']').map_or(p, |(_, rest)| rest))
            .collect::<Vec<_>>()
            .join("[]");
        *counts.entry(field).or_default() += w["count"].as_u64().unwrap();
    }
    report["warnings"] = serde_json::to_value(counts).unwrap();
    report
}

/// What a drift report over the clean sandbox finds: nothing but the values outside the spec's
/// `x-extensible-enum` lists that the sandbox seeds on purpose (customer_sandbox::drift docs: Pluuug
/// custom field `dataType` "F", Gofive `C000017` `customerState` 7, nd `type` "VIP_CLIENT").
fn clean_baseline(provider: &str) -> Vec<(String, String, Value)> {
    let one = |path: &str, example: &str| {
        vec![("unknown_enum_value".to_string(), path.to_string(), Value::Array(vec![Value::from(example)]))]
    };
    match provider {
        "pluuug" => one("fieldSet[].field.dataType", "\"F\""),
        "gofive" => one("data.customerState", "7"),
        "nd" => one("type", "\"VIP_CLIENT\""),
        _ => vec![],
    }
}

/// Every seeded customer of every provider: nothing but the sandbox's seeded open-enum values
/// (exit 1 for those, 0 for eshouhou, whose seeded records match its spec); and, on one sandbox
/// serving the same bodies to both, the report of `drift --from-ndjson` over `get --raw --format
/// ndjson` output equals the live `drift` report.
#[tokio::test(flavor = "multi_thread")]
async fn clean_sandbox_reports_no_drift_live_and_offline_alike() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    for provider in PROVIDERS {
        let ids = sandbox.customer_ids(provider.parse().unwrap()).join("\n");
        let env = env_for(&sandbox, provider);
        let (embedded, live, saved) = tokio::task::spawn_blocking(move || {
            let embedded = run_with_stdin(
                &["drift", provider, "--sandbox", "--ids-file", "-", "--format", "json"],
                &ids,
            );
            let live = run_env(&["drift", provider, "--ids-file", "-", "--format", "json"], &env, &ids);
            let saved =
                run_env(&["get", provider, "--ids-file", "-", "--raw", "--format", "ndjson"], &env, &ids);
            (embedded, live, saved)
        })
        .await
        .unwrap();
        let report = json(&embedded);
        let found = findings(&report, |f| f["examples"].clone());
        let baseline = clean_baseline(provider);
        assert_eq!(found, baseline, "{provider}: {report:#}");
        let expected_code = if baseline.is_empty() { 0 } else { 1 };
        assert_eq!(
            embedded.status.code(),
            Some(expected_code),
            "{provider}: {}",
            String::from_utf8_lossy(&embedded.stderr)
        );
        assert!(report["bodies"].as_u64().unwrap() > 0);
        assert_eq!(report["bodies"], report["checked"], "{provider}");
        let report = json(&live);
        assert_eq!(
            live.status.code(),
            Some(expected_code),
            "{provider}: {}",
            String::from_utf8_lossy(&live.stderr)
        );
        assert_eq!(saved.status.code(), Some(0), "{provider}: {}", String::from_utf8_lossy(&saved.stderr));
        let ndjson = String::from_utf8(saved.stdout).unwrap();
        let offline = run_with_stdin(&["drift", provider, "--from-ndjson", "-", "--format", "json"], &ndjson);
        assert_eq!(offline.status.code(), Some(expected_code), "{provider}");
        assert_eq!(
            comparable(json(&offline)),
            comparable(report),
            "{provider}: offline and live reports differ"
        );
    }
    sandbox.shutdown().await;
}

/// Saved output whose bodies drifted: exit 1, each finding with its count, suggestions.
#[tokio::test(flavor = "multi_thread")]
async fn drifted_saved_bodies_exit_1_with_counts_and_suggestions() {
    let ids = seeded_ids().await.into_iter().find(|(p, _)| *p == "nd").unwrap().1;
    let ids: String = ids.lines().take(4).collect::<Vec<_>>().join("\n");
    let saved = tokio::task::spawn_blocking(move || {
        run_with_stdin(&["get", "nd", "--sandbox", "--ids-file", "-", "--raw", "--format", "ndjson"], &ids)
    })
    .await
    .unwrap();
    let mut lines = Vec::new();
    // `raw` is the body verbatim, which may span lines: read a stream of JSON values.
    let items = serde_json::Deserializer::from_slice(&saved.stdout).into_iter::<Value>();
    for (i, item) in items.enumerate() {
        let mut item = item.unwrap();
        let raw = &mut item["customer"]["raw"];
        let customer = if raw.get("data").is_some() { &mut raw["data"] } else { raw };
        customer["loyaltyTier"] =
            if i == 0 { Value::Null } else { Value::from("gold member since the very first day of 2019") };
        if i < 2 {
            customer["managerId"] = Value::from("not-a-number");
        }
        lines.push(serde_json::to_string(&item).unwrap());
    }
    lines.push(r#"{"id":"404404","error":{"kind":"not_found","message":"nd: no customer"}}"#.into());
    let ndjson = lines.join("\n") + "\n";
    let out =
        run_with_stdin(&["drift", "nd", "--from-ndjson", "-", "--format", "json", "--suggest"], &ndjson);
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    assert_eq!(report["bodies"], 4);
    assert_eq!(report["unchecked"], 1);
    let findings = findings(&report, |f| f["bodies"].as_u64().unwrap());
    let prefix = if findings.iter().any(|f| f.1.starts_with("data.")) { "data." } else { "" };
    assert_eq!(
        findings,
        vec![
            ("added_property".into(), format!("{prefix}loyaltyTier"), 4),
            ("changed_type".into(), format!("{prefix}managerId"), 2),
        ]
    );
    let suggest = report["suggest"].as_str().unwrap();
    assert!(
        suggest.contains("\"loyaltyTier\":\n  type: string\n  nullable: true\n  example: '\"gold member"),
        "{suggest}"
    );
    let table = run_with_stdin(&["drift", "nd", "--from-ndjson", "-", "--suggest"], &ndjson);
    assert_eq!(table.status.code(), Some(1));
    let text = String::from_utf8(table.stdout).unwrap();
    println!("{text}");
    assert!(
        text.contains("added property") && text.contains("loyaltyTier") && text.contains("4/4"),
        "{text}"
    );
    assert!(text.contains("suggested additions to specs/nd.yaml"), "{text}");
}

#[test]
fn usage_errors_exit_2() {
    let o = run_with_stdin(&["drift", "nd"], "");
    assert_eq!(o.status.code(), Some(2));
    let o = run_with_stdin(&["drift", "nd", "--from-ndjson", "-"], "not json\n");
    assert_eq!(o.status.code(), Some(2));
    let o = run_with_stdin(&["drift", "nowhere", "1"], "");
    assert_eq!(o.status.code(), Some(2));
    // Another provider's saved output is refused, not checked against this provider's spec.
    let nd_line = r#"{"id":"1","customer":{"provider":"nd","id":"1","raw":{"id":"1"}}}"#;
    let o = run_with_stdin(&["drift", "pluuug", "--from-ndjson", "-"], nd_line);
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("item 1: a `nd` customer, not pluuug's"));
    // IDs beside --from-ndjson would be ignored: refused instead.
    let o = run_with_stdin(&["drift", "nd", "x", "--from-ndjson", "-"], "");
    assert_eq!(o.status.code(), Some(2));
    // Nothing to check is not "no drift": an IDs file or saved output with nothing in it is a
    // usage error, as `get` makes it, and no report claims anything (it said "no drift", exit 0).
    for args in [
        &["drift", "nd", "--sandbox", "--ids-file", "-"][..],
        &["drift", "nd", "--from-ndjson", "-"],
        &["drift", "nd", "--from-ndjson", "-", "--format", "json"],
    ] {
        let o = run_with_stdin(args, "\n\n");
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
        assert!(o.stdout.is_empty(), "{args:?}: {}", String::from_utf8_lossy(&o.stdout));
    }
}

/// A customer that could not be fetched: the exit code is `get`'s (cli.md: "as `get`
/// otherwise"), of the first failing ID in input order, not a code of drift's own (it was 7) nor
/// the first to finish.
#[test]
fn failed_fetches_exit_as_get_in_input_order() {
    let o = run_with_stdin(&["drift", "nd", "--sandbox", "no-such-customer"], "");
    assert_eq!(o.status.code(), Some(3), "{}", String::from_utf8_lossy(&o.stderr));
    let report = String::from_utf8_lossy(&o.stdout);
    assert!(!report.contains("no drift: every checked body"), "{report}");
    assert!(report.contains("nothing was checked"), "{report}");
    // 990006 hangs until the timeout (6), 990401 is refused at once (4): 990006 comes first.
    for (ids, code) in [(["990006", "990401"], 6), (["990401", "990006"], 4)] {
        let mut args = vec!["drift", "nd", "--sandbox", "--timeout", "1"];
        args.extend(ids);
        let o = run_with_stdin(&args, "");
        assert_eq!(o.status.code(), Some(code), "{ids:?}: {}", String::from_utf8_lossy(&o.stderr));
        let g = run_with_stdin(&[&["get"][..], &args[1..]].concat(), "");
        assert_eq!(g.status.code(), Some(code), "get {ids:?}");
    }
}
