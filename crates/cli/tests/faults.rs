//! The provider × fault matrix through the real binary: each sandbox fault knob on each
//! provider's detail endpoint ends in the contract's error kind and exit code.

use std::process::Command;

use serde_json::Value;

/// (reserved id, error kind or "" for success, exit code)
const FAULTS: [(&str, &str, i32); 16] = [
    ("990429", "rate_limited", 6),
    ("990500", "provider_error", 5),
    ("990502", "provider_error", 5),
    ("990503", "provider_error", 5),
    ("990504", "provider_error", 5),
    ("990001", "provider_error", 5),
    ("990002", "bad_response", 5),
    ("990003", "bad_response", 5),
    ("990004", "bad_response", 5),
    ("990005", "bad_response", 5),
    ("990006", "transport", 6),
    ("990007", "bad_response", 5),
    ("990401", "auth", 4),
    ("991502", "", 0),
    ("991421", "", 0),
    ("990408", "", 0),
];

fn not_found_id(provider: &str) -> &'static str {
    match provider {
        "pluuug" => "424242",
        "gofive" => "C999999",
        "eshouhou" => "00000000-0000-0000-0000-000000000000",
        _ => "no-such-customer",
    }
}

#[test]
fn provider_by_fault_matrix() {
    let failures: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = customer_core::Provider::NAMES
            .into_iter()
            .map(|provider| {
                s.spawn(move || {
                    let mut cases: Vec<(&str, &str, i32)> = FAULTS.to_vec();
                    cases.push((not_found_id(provider), "not_found", 3));
                    let mut failures = Vec::new();
                    for (id, kind, code) in cases {
                        let out = Command::new(env!("CARGO_BIN_EXE_crm-customers"))
                            .args(["get", provider, id, "--sandbox", "--format", "ndjson", "--timeout", "5"])
                            .output()
                            .unwrap();
                        let line: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
                        let got_kind = line["error"]["kind"].as_str().unwrap_or("");
                        let got_code = out.status.code().unwrap_or(-1);
                        if got_kind != kind || got_code != code {
                            failures.push(format!(
                                "{provider} {id}: expected {kind:?}/{code}, got {got_kind:?}/{got_code}: {}",
                                String::from_utf8_lossy(&out.stderr).trim()
                            ));
                        }
                    }
                    failures
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
