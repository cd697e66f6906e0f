//! Bulk scaling through the real CLI: `get nd --ids-file F --format ndjson` with 10k and 100k IDs
//! against the sandbox, stdout to /dev/null, wall time and peak RSS from `/usr/bin/time -v`.
//!
//! Run: `cargo bench -p crm-customers --bench bulk` (part of `cargo xtask bench`). Sizes can be
//! set with `BULK_SIZES=10000,100000`.

use std::{io::Write, process::Stdio};

use customer_sandbox::{Provider, Sandbox};

mod common;
use common::measure;

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo test --benches` probes harness=false benches with --list
    }
    let sizes: Vec<usize> = std::env::var("BULK_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000]);
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let sandbox = rt.block_on(Sandbox::start()).unwrap();
    let ids = sandbox.customer_ids(Provider::Nd);
    let token = sandbox.credentials().nd_token.clone().unwrap();
    let bin = env!("CARGO_BIN_EXE_crm-customers");
    let dir = std::env::temp_dir().join(format!("crm-bulk-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    println!("bulk: crm-customers get nd --ids-file F --format ndjson --concurrency 32 > /dev/null");
    println!("{:>8} {:>9} {:>11} {:>13}", "ids", "wall s", "µs per id", "peak RSS MB");
    let mut rows = Vec::new();
    for n in sizes {
        let file = dir.join(format!("ids-{n}.txt"));
        let mut f = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
        for i in 0..n {
            writeln!(f, "{}", ids[i % ids.len()]).unwrap();
        }
        f.flush().unwrap();
        drop(f);
        let (path, url) = (file.to_str().unwrap(), sandbox.base_url());
        let args = [
            "get",
            "nd",
            "--ids-file",
            path,
            "--format",
            "ndjson",
            "--concurrency",
            "32",
            "--base-url",
            &url,
        ];
        let (wall, _cpu, rss) = measure(bin, &args, &token, Stdio::null());
        println!("{n:>8} {wall:>9.2} {:>11.1} {rss:>13.1}", wall * 1e6 / n as f64);
        rows.push((n, wall, rss));
    }
    if let (Some(a), Some(b)) = (rows.first(), rows.last())
        && b.0 > a.0
    {
        println!(
            "scaling {}→{} ids: time ×{:.2} (linear would be ×{:.1}), peak RSS ×{:.2}",
            a.0,
            b.0,
            b.1 / a.1,
            b.0 as f64 / a.0 as f64,
            b.2 / a.2
        );
    }
    std::fs::remove_dir_all(&dir).ok();
    rt.block_on(sandbox.shutdown());
}
