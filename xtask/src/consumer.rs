//! Consumer build cost: crate count and clean build time of a one-file crate that depends only on
//! `pluuug-client`, on each rustls crypto provider, against the matching floor (the least a
//! hand-rolled client of the same API needs: reqwest + serde + serde_json + tokio). Each build is a
//! clean `cargo build` (dev profile) in a fresh target directory; floors and consumers are
//! interleaved so that noise from other work on the machine hits both sides alike.

use std::{
    path::{Path, PathBuf},
    process::Command,
    time::Instant,
};

/// One crate to build: its name, its `[dependencies]` and its `src/main.rs`.
struct Subject {
    name: &'static str,
    label: &'static str,
    deps: String,
    main: &'static str,
}

const TOKIO: &str = "tokio = { version = \"1\", features = [\"rt\", \"macros\"] }\n";

const CONSUMER_MAIN: &str = r#"#[tokio::main(flavor = "current_thread")]
async fn main() {
    let c = pluuug_client::Client::from_env().expect("env");
    println!("{:?}", c.get_client(1).await.map(|f| f.value.id));
}
"#;

const FLOOR_AWS_LC_MAIN: &str = r#"#[derive(serde::Deserialize, Debug)]
struct Client { id: i64, name: Option<String> }

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let http = reqwest::Client::new();
    let r = http.get("https://openapi.pluuug.com/v1/client/1").send().await;
    let c = match r { Ok(r) => r.json::<Client>().await.map_err(|e| e.to_string()), Err(e) => Err(e.to_string()) };
    println!("{:?} {}", c, serde_json::json!({"ok": true}));
}
"#;

const FLOOR_RING_MAIN: &str = r#"#[derive(serde::Deserialize, Debug)]
struct Client { id: i64, name: Option<String> }

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = reqwest::Client::new();
    let r = http.get("https://openapi.pluuug.com/v1/client/1").send().await;
    let c = match r { Ok(r) => r.json::<Client>().await.map_err(|e| e.to_string()), Err(e) => Err(e.to_string()) };
    println!("{:?} {}", c, serde_json::json!({"ok": true}));
}
"#;

fn subjects(root: &Path) -> Vec<Subject> {
    let pluuug = root.join("crates/pluuug");
    let floor = "serde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\n";
    vec![
        Subject {
            name: "floor-aws-lc",
            label: "floor: reqwest rustls (aws-lc)",
            deps: format!(
                "reqwest = {{ version = \"0.13\", default-features = false, features = [\"json\", \"rustls\"] }}\n{floor}{TOKIO}"
            ),
            main: FLOOR_AWS_LC_MAIN,
        },
        Subject {
            name: "consumer-aws-lc",
            label: "pluuug-client (default)",
            deps: format!("pluuug-client = {{ path = {:?} }}\n{TOKIO}", pluuug.display().to_string()),
            main: CONSUMER_MAIN,
        },
        Subject {
            name: "floor-ring",
            label: "floor: reqwest + rustls ring",
            deps: format!(
                "reqwest = {{ version = \"0.13\", default-features = false, features = [\"json\", \"rustls-no-provider\"] }}\n\
                 rustls = {{ version = \"0.23\", default-features = false, features = [\"std\", \"tls12\", \"ring\"] }}\n{floor}{TOKIO}"
            ),
            main: FLOOR_RING_MAIN,
        },
        Subject {
            name: "consumer-ring",
            label: "pluuug-client rustls-ring",
            deps: format!(
                "pluuug-client = {{ path = {:?}, default-features = false, features = [\"rustls-ring\"] }}\n{TOKIO}",
                pluuug.display().to_string()
            ),
            main: CONSUMER_MAIN,
        },
        // No floor of their own: what the other choices cost, for README "Choosing a TLS backend".
        Subject {
            name: "consumer-native-tls",
            label: "pluuug-client native-tls",
            deps: format!(
                "pluuug-client = {{ path = {:?}, default-features = false, features = [\"native-tls\"] }}\n{TOKIO}",
                pluuug.display().to_string()
            ),
            main: CONSUMER_MAIN,
        },
        Subject {
            name: "consumer-no-tls",
            label: "pluuug-client, no TLS feature",
            deps: format!(
                "pluuug-client = {{ path = {:?}, default-features = false }}\n{TOKIO}",
                pluuug.display().to_string()
            ),
            main: CONSUMER_MAIN,
        },
    ]
}

fn write(bench: &Path, root: &Path, s: &Subject) -> Result<PathBuf, String> {
    let dir = bench.join(s.name);
    std::fs::create_dir_all(dir.join("src")).map_err(|e| e.to_string())?;
    let manifest = format!(
        "[package]\nname = \"{}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[workspace]\n\n[dependencies]\n{}",
        s.name, s.deps
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("src/main.rs"), s.main).map_err(|e| e.to_string())?;
    // Start from the workspace's lock file so every build resolves the same versions.
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).map_err(|e| e.to_string())?;
    Ok(dir)
}

/// Distinct packages a build compiles (normal and build dependencies, the crate itself included).
fn crates(cargo: &str, dir: &Path) -> Result<usize, String> {
    let out = Command::new(cargo)
        .args(["tree", "--prefix", "none", "--edges", "normal,build", "--format", "{p}"])
        .current_dir(dir)
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    let mut lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.trim_end_matches(" (*)").trim_end_matches(" (proc-macro)").to_string())
        .filter(|l| !l.is_empty())
        .collect();
    lines.sort();
    lines.dedup();
    Ok(lines.len())
}

/// Wall seconds and CPU seconds (user + system, all processes of the build) of a clean
/// `cargo build` in a fresh target directory (removed afterwards). CPU time comes from
/// `/usr/bin/time` when it is installed (NaN otherwise); it is much less sensitive than wall time
/// to other work on a shared machine.
fn clean_build(cargo: &str, dir: &Path) -> Result<(f64, f64), String> {
    let target = dir.join("target");
    let _ = std::fs::remove_dir_all(&target);
    let times = dir.join("time.txt");
    let _ = std::fs::remove_file(&times);
    let gnu_time = Path::new("/usr/bin/time");
    let mut command = if gnu_time.exists() {
        let mut c = Command::new(gnu_time);
        c.arg("-f").arg("%U %S").arg("-o").arg(&times).arg(cargo);
        c
    } else {
        Command::new(cargo)
    };
    let started = Instant::now();
    let status = command
        .args(["build", "--quiet"])
        .env("CARGO_TARGET_DIR", &target)
        .current_dir(dir)
        .status()
        .map_err(|e| e.to_string())?;
    let wall = started.elapsed().as_secs_f64();
    let _ = std::fs::remove_dir_all(&target);
    if !status.success() {
        return Err(format!("cargo build failed in {}", dir.display()));
    }
    let cpu = std::fs::read_to_string(&times)
        .ok()
        .and_then(|t| {
            let mut it = t.split_whitespace().filter_map(|v| v.parse::<f64>().ok());
            Some(it.next()? + it.next()?)
        })
        .unwrap_or(f64::NAN);
    Ok((wall, cpu))
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 }
}

/// Builds the floors and the consumers `rounds` times, interleaved, and prints the comparison
/// (medians when `rounds` > 1).
pub fn run(root: &Path, cargo: &str, rounds: usize) -> Result<(), String> {
    let bench = root.join("target").join("consumer-bench");
    let subjects = subjects(root);
    let mut dirs = Vec::new();
    let mut counts = Vec::new();
    for s in &subjects {
        let dir = write(&bench, root, s)?;
        counts.push(crates(cargo, &dir)?);
        dirs.push(dir);
    }
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); subjects.len()];
    let mut cpu_times: Vec<Vec<f64>> = vec![Vec::new(); subjects.len()];
    for round in 1..=rounds.max(1) {
        for (i, s) in subjects.iter().enumerate() {
            eprintln!("$ clean cargo build: {} (round {round})", s.name);
            let (wall, cpu) = clean_build(cargo, &dirs[i])?;
            eprintln!("  {wall:.1} s wall, {cpu:.1} s CPU");
            times[i].push(wall);
            cpu_times[i].push(cpu);
        }
    }
    let secs: Vec<f64> = times.iter().map(|t| median(&mut t.clone())).collect();
    let cpu: Vec<f64> = cpu_times.iter().map(|t| median(&mut t.clone())).collect();
    println!(
        "consumer build cost (dev profile, clean target dir, {} cores, {} round(s){})",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        rounds.max(1),
        if rounds > 1 { ", medians" } else { "" }
    );
    println!("{:<34} {:>6} {:>8} {:>8}", "", "crates", "wall s", "CPU s");
    for (i, s) in subjects.iter().enumerate() {
        println!("{:<34} {:>6} {:>8.1} {:>8.1}", s.label, counts[i], secs[i], cpu[i]);
    }
    for (floor, consumer, name) in [(0, 1, "aws-lc"), (2, 3, "ring")] {
        println!(
            "ratio consumer/floor ({name}): crates {:.2}, wall {:.2}, CPU {:.2} (target <= 1.10)",
            counts[consumer] as f64 / counts[floor] as f64,
            secs[consumer] / secs[floor],
            cpu[consumer] / cpu[floor]
        );
    }
    if rounds > 1 {
        for (i, s) in subjects.iter().enumerate() {
            let all: Vec<String> =
                times[i].iter().zip(&cpu_times[i]).map(|(w, c)| format!("{w:.1}/{c:.1}")).collect();
            println!("  {} (wall/CPU s per round): {}", s.name, all.join(" "));
        }
    }
    Ok(())
}
