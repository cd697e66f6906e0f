//! Repository automation for crm-customers.
//!
//! `cargo xtask codegen` regenerates every provider client from its spec in `specs/` (and the
//! shared model's JSON Schema); `cargo xtask codegen --check` changes nothing and exits 1 naming
//! every stale file, which is what CI runs. It is not a build script: generated code is checked
//! in, so a consumer of a provider crate never runs progenitor.

mod codegen;
mod consumer;
mod drift;
mod instructions;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  codegen [--check] [PROVIDER ...]   regenerate crates/<provider>/src/generated.rs,
                                     specs/customer.schema.json, specs/customer-change.schema.json
                                     and crates/drift/src/generated.rs
                                     (PROVIDER `customer` / `drift` for those); --check only
                                     reports stale files
  bench [consumer] [--rounds N]      run every benchmark (see README, Performance); `consumer`
                                     runs only the consumer build step, N rounds interleaved
  bench instructions                 the mapping bench in instructions per record (callgrind;
                                     needs valgrind)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    match command.as_str() {
        "codegen" => {
            let check = rest.iter().any(|a| a == "--check");
            let only: Vec<&str> = rest.iter().filter(|a| !a.starts_with("--")).map(String::as_str).collect();
            if let Some(bad) = rest.iter().find(|a| a.starts_with("--") && a.as_str() != "--check") {
                eprintln!("unknown flag {bad}\n{USAGE}");
                return ExitCode::from(2);
            }
            codegen::run(check, &only)
        }
        "bench" if rest.first().is_some_and(|a| a == "instructions") => {
            let root = codegen::workspace_root();
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
            match instructions::run(&root, &cargo) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::FAILURE
                }
            }
        }
        "bench" => {
            let only_consumer = rest.first().is_some_and(|a| a == "consumer");
            let rounds = match rest.iter().position(|a| a == "--rounds") {
                None => 1,
                Some(i) => match rest.get(i + 1).and_then(|n| n.parse::<usize>().ok()) {
                    Some(n) if n > 0 => n,
                    _ => {
                        eprintln!("--rounds needs a positive number\n{USAGE}");
                        return ExitCode::from(2);
                    }
                },
            };
            bench(only_consumer, rounds)
        }
        "-h" | "--help" | "help" => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        other => {
            eprintln!("unknown command `{other}`\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Runs every benchmark side by side: mapping cost, client overhead, bulk CLI scaling, and
/// consumer build cost. Each prints its own figures; README "Performance" quotes them.
fn bench(only_consumer: bool, rounds: usize) -> ExitCode {
    let root = codegen::workspace_root();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let steps: [&[&str]; 7] = [
        &["bench", "-p", "customer-core", "--bench", "mapping"],
        &["bench", "-p", "crm-customers", "--bench", "client_overhead"],
        &["bench", "-p", "crm-customers", "--bench", "bulk"],
        &["bench", "-p", "crm-customers", "--bench", "throttled"],
        &["bench", "-p", "crm-customers", "--bench", "shared_limits"],
        &["bench", "-p", "crm-drift", "--bench", "check"],
        &["bench", "-p", "crm-customers", "--bench", "sync"],
    ];
    for &args in steps.iter().filter(|_| !only_consumer) {
        eprintln!("$ cargo {}", args.join(" "));
        match std::process::Command::new(&cargo).args(args).current_dir(&root).status() {
            Ok(s) if s.success() => {}
            Ok(s) => {
                eprintln!("cargo {} failed: {s}", args.join(" "));
                return ExitCode::FAILURE;
            }
            Err(e) => {
                eprintln!("could not run cargo: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    match consumer::run(&root, &cargo, rounds) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("consumer build bench failed: {e}");
            ExitCode::FAILURE
        }
    }
}
