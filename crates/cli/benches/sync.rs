//! `sync nd` against the fetch floor, through the real CLI and the sandbox: `list nd --format
//! ndjson > file` vs a first and a second (no changes) `sync nd` into SQLite and into Postgres (a
//! server started here with initdb/pg_ctl, as `nobody` when root), at 10k and 100k customers;
//! wall time, the CLI process's CPU time (user + sys) and peak RSS from `/usr/bin/time -v`; beside
//! them the CPU the sandbox (in this process) and the Postgres backend (reaped by the postmaster:
//! its children's time) spent meanwhile. On a shared machine read the CPU columns: wall time there
//! is mostly waiting for a core.
//!
//! Run: `cargo bench -p crm-customers --bench sync` (part of `cargo xtask bench`). Sizes:
//! `SYNC_SIZES=10000,100000`; rounds `SYNC_ROUNDS=3` (each round measures the floor again right
//! before each pair of syncs; the summary gives each command's median ratio and range); databases
//! `SYNC_TARGETS=sqlite,postgres`. Server settings beyond Postgres' own defaults:
//! `SYNC_PG_SETTINGS="shared_buffers=1GB …"` (each passed as `-c`).

use std::process::{Command, Stdio};

use customer_sandbox::{Provider, Sandbox};

mod common;
use common::measure;

/// CPU seconds (user + sys) of process `pid` from `/proc/PID/stat`: its own, or (`children`) that of
/// its reaped children.
fn proc_cpu(pid: &str, children: bool) -> f64 {
    static TICKS: std::sync::OnceLock<f64> = std::sync::OnceLock::new();
    let ticks = *TICKS.get_or_init(|| {
        Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .ok()
            .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
            .unwrap_or(100.0)
    });
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after `(comm)`: state is field 3, utime/stime 14/15, cutime/cstime 16/17.
    let fields: Vec<f64> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().map(|f| f.parse().unwrap_or(0.0)).collect())
        .unwrap_or_default();
    let at = if children { 13 } else { 11 };
    fields.get(at..at + 2).map_or(0.0, |t| (t[0] + t[1]) / ticks)
}

/// The shared Postgres server (`crm_sync::testing`), with Postgres' own durability settings (a
/// benchmark measures what a real server does), and what the bench reads of it.
struct Pg(crm_sync::testing::PgServer);

impl Pg {
    fn start() -> Option<Pg> {
        // Extra server settings, `SYNC_PG_SETTINGS="name=value name=value"` (each passed as `-c`).
        let extra = std::env::var("SYNC_PG_SETTINGS").unwrap_or_default();
        let settings: Vec<&str> = extra.split_whitespace().flat_map(|s| ["-c", s]).collect();
        crm_sync::testing::PgServer::start_with("the Postgres rows of the sync bench", &settings).map(Pg)
    }

    /// CPU seconds of the server's ended backends so far.
    fn backends_cpu(&self) -> f64 {
        let pid =
            std::fs::read_to_string(self.0.dir().join("data").join("postmaster.pid")).unwrap_or_default();
        proc_cpu(pid.lines().next().unwrap_or("0").trim(), true)
    }

    fn fresh_db(&self, name: &str) -> String {
        self.0.create_database(name)
    }
}

/// One measured command of a round: what the summary needs.
struct Sample {
    command: String,
    ratio: f64,
    cpu_ratio: f64,
    rss: f64,
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let sizes: Vec<usize> = std::env::var("SYNC_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000]);
    let rounds: usize =
        std::env::var("SYNC_ROUNDS").ok().and_then(|r| r.trim().parse().ok()).unwrap_or(3).max(1);
    // Which databases (`SYNC_TARGETS=postgres`, say, to compare builds on one of them).
    let wanted = std::env::var("SYNC_TARGETS").unwrap_or_else(|_| "sqlite,postgres".into());
    let bin = env!("CARGO_BIN_EXE_crm-customers");
    let dir = std::env::temp_dir().join(format!("crm-sync-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pg = Pg::start();
    if pg.is_none() {
        eprintln!("!!! no Postgres binaries: Postgres rows skipped");
    }
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    println!(
        "sync: `sync nd --to DB` vs the floor `list nd --format ndjson > file`, same sandbox, one run; \
         {rounds} round(s), each sync pair against the floor measured just before it"
    );
    println!(
        "{:>7} {:>5} {:<22} {:>8} {:>8} {:>8} {:>8} {:>12} {:>11} {:>8}",
        "n",
        "round",
        "command",
        "wall s",
        "x floor",
        "cpu s",
        "x floor",
        "peak RSS MB",
        "sandbox cpu",
        "pg cpu"
    );
    let me = std::process::id().to_string();
    for n in sizes {
        let seeded = rt.block_on(Sandbox::start()).unwrap().customer_ids(Provider::Nd).len();
        let sandbox =
            rt.block_on(Sandbox::builder().nd_extra_customers(n.saturating_sub(seeded)).start()).unwrap();
        let url = sandbox.base_url();
        let token = sandbox.credentials().nd_token.clone().unwrap();
        let mut samples: Vec<Sample> = Vec::new();
        for round in 1..=rounds {
            let mut targets = Vec::new();
            if wanted.contains("sqlite") {
                targets.push((
                    "sqlite",
                    format!("sqlite://{}", dir.join(format!("s-{n}-{round}.db")).display()),
                ));
            }
            if let Some(pg) = pg.as_ref().filter(|_| wanted.contains("postgres")) {
                targets.push(("postgres", pg.fresh_db(&format!("bench_{n}_{round}"))));
            }
            for (name, to) in targets {
                // The floor right before each pair of syncs: the machine's speed drifts over a
                // run (other tenants of the host), and a ratio is only as good as its floor.
                let file = std::fs::File::create(dir.join(format!("list-{n}.ndjson"))).unwrap();
                let served = proc_cpu(&me, false);
                let (floor, floor_cpu, rss) = measure(
                    bin,
                    &["list", "nd", "--format", "ndjson", "--base-url", &url],
                    &token,
                    file.into(),
                );
                println!(
                    "{n:>7} {round:>5} {:<22} {floor:>8.2} {:>8.2} {floor_cpu:>8.2} {:>8.2} {rss:>12.1} {:>11.2} {:>8}",
                    "list ndjson > file",
                    1.0,
                    1.0,
                    proc_cpu(&me, false) - served,
                    "-"
                );
                samples.push(Sample {
                    command: "list ndjson > file".into(),
                    ratio: 1.0,
                    cpu_ratio: 1.0,
                    rss,
                });
                for pass in ["first", "second"] {
                    let served = proc_cpu(&me, false);
                    let backends = pg.as_ref().map(Pg::backends_cpu);
                    let (wall, cpu, rss) =
                        measure(bin, &["sync", "nd", "--base-url", &url, "--to", &to], &token, Stdio::null());
                    let pg_cpu = match (name, &pg, backends) {
                        ("postgres", Some(pg), Some(before)) => {
                            // The backend ends when the CLI disconnects; let the postmaster reap it.
                            std::thread::sleep(std::time::Duration::from_millis(300));
                            format!("{:.2}", pg.backends_cpu() - before)
                        }
                        _ => "-".to_string(),
                    };
                    let command = format!("sync {name} ({pass})");
                    println!(
                        "{n:>7} {round:>5} {command:<22} {wall:>8.2} {:>8.2} {cpu:>8.2} {:>8.2} {rss:>12.1} {:>11.2} {pg_cpu:>8}",
                        wall / floor,
                        cpu / floor_cpu,
                        proc_cpu(&me, false) - served
                    );
                    samples.push(Sample { command, ratio: wall / floor, cpu_ratio: cpu / floor_cpu, rss });
                }
            }
        }
        summary(n, rounds, &samples);
        rt.block_on(sandbox.shutdown());
    }
    drop(pg);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Per command over the rounds: the median wall ratio with its range, the median CPU ratio and
/// the largest peak RSS.
fn summary(n: usize, rounds: usize, samples: &[Sample]) {
    let mut commands: Vec<&str> = Vec::new();
    for s in samples {
        if !commands.contains(&s.command.as_str()) {
            commands.push(&s.command);
        }
    }
    println!(
        "{n:>7} summary over {rounds} round(s): median × floor [min–max], median CPU × floor, max peak RSS"
    );
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        let m = v.len() / 2;
        if v.len() % 2 == 1 { v[m] } else { (v[m - 1] + v[m]) / 2.0 }
    };
    for command in commands.into_iter().filter(|c| c.starts_with("sync")) {
        let of = |f: fn(&Sample) -> f64| -> Vec<f64> {
            samples.iter().filter(|s| s.command == command).map(f).collect()
        };
        let ratios = of(|s| s.ratio);
        let (min, max) = ratios.iter().fold((f64::MAX, f64::MIN), |(a, b), &r| (a.min(r), b.max(r)));
        let rss = of(|s| s.rss).into_iter().fold(0.0, f64::max);
        println!(
            "{n:>7} {:>5} {command:<22} median {:.2} × [{min:.2}–{max:.2}], CPU {:.2} ×, peak RSS {rss:.1} MB",
            "",
            median(ratios),
            median(of(|s| s.cpu_ratio))
        );
    }
}
