//! What the CLI benches share: one run of the real binary under `/usr/bin/time -v`.

use std::{
    process::{Command, Stdio},
    time::Instant,
};

/// Wall seconds, CPU seconds (user + sys) and peak RSS in MB of one CLI run.
pub fn measure(bin: &str, args: &[&str], token: &str, stdout: Stdio) -> (f64, f64, f64) {
    let started = Instant::now();
    let out = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(bin)
        .args(args)
        .env("ND_TOKEN", token)
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .expect("/usr/bin/time -v runs (Debian package `time`)");
    let wall = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?} failed: {stderr}");
    let field = |name: &str| -> f64 {
        stderr
            .lines()
            .find_map(|l| l.trim().strip_prefix(name))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or_else(|| panic!("time -v reports {name}"))
    };
    let cpu = field("User time (seconds):") + field("System time (seconds):");
    (wall, cpu, field("Maximum resident set size (kbytes):") / 1024.0)
}
