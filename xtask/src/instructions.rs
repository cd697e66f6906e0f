//! `cargo xtask bench instructions`: the mapping benchmark's two cases per provider (`decode` and
//! `decode+map`) counted in instructions per record under callgrind. Timings on a shared 2-core VM
//! move by a tenth between runs; instruction counts do not, so this is the steady form of README
//! "Performance" 1. Needs `valgrind` (Debian package `valgrind`).

use std::{
    path::{Path, PathBuf},
    process::Command,
};

use customer_core::Provider;

/// The mapping bench's executable, built (bench profile) if needed.
fn mapping_bench(root: &Path, cargo: &str) -> Result<PathBuf, String> {
    let out = Command::new(cargo)
        .args(["bench", "-p", "customer-core", "--bench", "mapping", "--no-run", "--message-format=json"])
        .current_dir(root)
        .output()
        .map_err(|e| format!("could not run cargo: {e}"))?;
    if !out.status.success() {
        return Err(format!("building the mapping bench failed:\n{}", String::from_utf8_lossy(&out.stderr)));
    }
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "mapping")
        .find_map(|m| m["executable"].as_str().map(PathBuf::from))
        .ok_or_else(|| "cargo named no executable for the mapping bench".to_string())
}

/// Instructions per call of the bench's `mapping::<provider>` function (decode, or decode + map,
/// of one record) while criterion runs `case` for a few seconds under callgrind.
fn per_record(root: &Path, bench: &Path, provider: &str, case: &str) -> Result<f64, String> {
    let out_file = std::env::temp_dir().join(format!("crm-callgrind-{provider}-{}.out", std::process::id()));
    let filter = format!("^{provider}/{}$", case.replace('+', "\\+"));
    let status = Command::new("valgrind")
        .arg("--tool=callgrind")
        .arg(format!("--callgrind-out-file={}", out_file.display()))
        .arg(bench)
        .args(["--bench", "--profile-time", "2", &filter])
        .current_dir(root.join("crates/customer-core"))
        .output()
        .map_err(|e| format!("could not run valgrind (Debian package `valgrind`): {e}"))?;
    if !status.status.success() {
        return Err(format!(
            "callgrind over {provider}/{case} failed: {}",
            String::from_utf8_lossy(&status.stderr)
        ));
    }
    let annotated = Command::new("callgrind_annotate")
        .args(["--inclusive=yes", "--tree=caller"])
        .arg(&out_file)
        .output()
        .map_err(|e| format!("could not run callgrind_annotate: {e}"))?;
    let _ = std::fs::remove_file(&out_file);
    let text = String::from_utf8_lossy(&annotated.stdout);
    parse(&text, provider)
        .ok_or_else(|| format!("no call of mapping::{provider} in the callgrind profile of {case}"))
}

/// From `callgrind_annotate --tree=caller`: the inclusive cost on the `*` line of
/// `mapping::<provider>` divided by the call count on its caller line (`Bencher<M>::iter (N x)`).
fn parse(text: &str, provider: &str) -> Option<f64> {
    let number = |s: &str| s.trim().replace(',', "").parse::<f64>().ok();
    let lines: Vec<&str> = text.lines().collect();
    let me = format!(":mapping::{provider} [");
    let at = lines.iter().position(|l| l.contains("*  ") && l.contains(&me))?;
    let cost = number(lines[at].split_whitespace().next()?)?;
    let calls = lines[..at].iter().rev().take_while(|l| l.contains(" < ")).find_map(|l| {
        let (_, tail) = l.rsplit_once(" (")?;
        number(tail.strip_suffix("x)")?)
    })?;
    (calls > 0.0).then(|| cost / calls)
}

/// Prints decode and decode + map instructions per record for every provider, and their ratio.
pub fn run(root: &Path, cargo: &str) -> Result<(), String> {
    let bench = mapping_bench(root, cargo)?;
    println!("mapping cost in instructions per record (callgrind; README Performance 1, target <= 1.5)");
    println!("{:<10} {:>12} {:>14} {:>6}", "provider", "decode", "decode + map", "ratio");
    for provider in Provider::ALL {
        let name = provider.as_str();
        let decode = per_record(root, &bench, name, "decode")?;
        let mapped = per_record(root, &bench, name, "decode+map")?;
        println!("{name:<10} {decode:>12.0} {mapped:>14.0} {:>6.2}", mapped / decode);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_cost_and_calls_from_the_caller_tree() {
        let text = "\
276,050,083 (99.58%)  < benches/mapping.rs:criterion::bencher::Bencher<M>::iter (5,190x)
276,050,083 (99.58%)  *  benches/mapping.rs:mapping::nd [/x/mapping-1]
";
        let got = super::parse(text, "nd").expect("parsed");
        assert!((got - 276_050_083.0 / 5_190.0).abs() < 1e-6, "{got}");
        assert_eq!(super::parse(text, "pluuug"), None);
    }
}
