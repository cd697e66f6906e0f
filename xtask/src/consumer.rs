//! Consumer build cost: dependency count and clean build time of a one-file crate that depends
//! only on `pluuug-client`, against the whole workspace, each in its own fresh target directory.

use std::{
    path::Path,
    process::Command,
    time::{Duration, Instant},
};

fn deps(cargo: &str, dir: &Path, extra: &[&str]) -> Result<usize, String> {
    let out = Command::new(cargo)
        .args(["tree", "--prefix", "none", "--edges", "normal,build", "--format", "{p}"])
        .args(extra)
        .current_dir(dir)
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    let mut lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.trim_end_matches(" (*)").to_string())
        .filter(|l| !l.is_empty())
        .collect();
    lines.sort();
    lines.dedup();
    Ok(lines.len())
}

fn clean_build(cargo: &str, dir: &Path, target: &Path, extra: &[&str]) -> Result<Duration, String> {
    let _ = std::fs::remove_dir_all(target);
    let started = Instant::now();
    let status = Command::new(cargo)
        .arg("build")
        .args(extra)
        .env("CARGO_TARGET_DIR", target)
        .current_dir(dir)
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("cargo build failed in {}", dir.display()));
    }
    Ok(started.elapsed())
}

/// Builds both, prints the comparison.
pub fn run(root: &Path, cargo: &str) -> Result<(), String> {
    let bench = root.join("target").join("consumer-bench");
    let krate = bench.join("consumer");
    std::fs::create_dir_all(krate.join("src")).map_err(|e| e.to_string())?;
    let manifest = format!(
        "[package]\nname = \"consumer\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[workspace]\n\n\
         [dependencies]\npluuug-client = {{ path = \"{}\" }}\ntokio = {{ version = \"1\", features = [\"rt\", \"macros\"] }}\n",
        root.join("crates/pluuug").display()
    );
    std::fs::write(krate.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    std::fs::write(
        krate.join("src/main.rs"),
        "#[tokio::main(flavor = \"current_thread\")]\nasync fn main() {\n    let c = pluuug_client::Client::from_env().expect(\"env\");\n    println!(\"{:?}\", c.get_client(1).await.map(|f| f.value.id));\n}\n",
    )
    .map_err(|e| e.to_string())?;
    // Reuse the workspace's lock file so both builds resolve the same versions.
    std::fs::copy(root.join("Cargo.lock"), krate.join("Cargo.lock")).map_err(|e| e.to_string())?;
    let consumer_deps = deps(cargo, &krate, &[])?;
    let workspace_deps = deps(cargo, root, &["--workspace"])?;
    eprintln!("$ clean cargo build (consumer of pluuug-client only)");
    let consumer_time = clean_build(cargo, &krate, &bench.join("target-consumer"), &[])?;
    eprintln!("$ clean cargo build --workspace");
    let workspace_time = clean_build(cargo, root, &bench.join("target-workspace"), &["--workspace"])?;
    println!(
        "consumer build cost (dev profile, clean target dir, {} cores)",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!("{:<28} {:>6} {:>10}", "", "crates", "build s");
    println!(
        "{:<28} {:>6} {:>10.1}",
        "consumer of pluuug-client",
        consumer_deps,
        consumer_time.as_secs_f64()
    );
    println!("{:<28} {:>6} {:>10.1}", "whole workspace", workspace_deps, workspace_time.as_secs_f64());
    println!(
        "ratio consumer/workspace: crates {:.2}, build time {:.2}",
        consumer_deps as f64 / workspace_deps as f64,
        consumer_time.as_secs_f64() / workspace_time.as_secs_f64()
    );
    let _ = std::fs::remove_dir_all(bench.join("target-consumer"));
    let _ = std::fs::remove_dir_all(bench.join("target-workspace"));
    Ok(())
}
