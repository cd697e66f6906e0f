//! Test support (feature `test-util`): a real Postgres server for tests and benchmarks — the
//! Debian package's `initdb`/`pg_ctl` into a temp dir, as an unprivileged user when run as root
//! (postgres refuses root), on a free loopback port; stopped and removed on drop. No mock: the
//! crate's own tests, the CLI's sync tests and the sync benchmark all use this one.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A Postgres server in a temp dir, stopped (immediately) and removed on drop.
#[derive(Debug)]
pub struct PgServer {
    dir: PathBuf,
    bin: PathBuf,
    port: u16,
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// The newest `/usr/lib/postgresql/*/bin` with `initdb`, else a `PATH` directory with `initdb` and
/// `pg_ctl`.
fn pg_bin() -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|b| b.join("initdb").exists())
        .collect();
    dirs.sort();
    dirs.pop().or_else(|| {
        std::env::var_os("PATH").and_then(|p| {
            std::env::split_paths(&p).find(|d| d.join("initdb").exists() && d.join("pg_ctl").exists())
        })
    })
}

impl PgServer {
    /// A throwaway server for tests (`fsync` and `synchronous_commit` off). `None`, after a
    /// banner naming `what` is skipped, when no Postgres binaries are installed; under `CI=true`
    /// that is a panic instead (`.ci/run` installs the `postgresql` package).
    pub fn start(what: &str) -> Option<PgServer> {
        PgServer::start_with(what, &["-c", "fsync=off", "-c", "synchronous_commit=off"])
    }

    /// A server with Postgres' own durability defaults plus `settings` (`-c name=value` pairs,
    /// passed to `postgres`): what a benchmark measures against.
    pub fn start_with(what: &str, settings: &[&str]) -> Option<PgServer> {
        static STARTED: AtomicUsize = AtomicUsize::new(0);
        let Some(bin) = pg_bin() else {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!(
                    "CI=true but no Postgres binaries (initdb, pg_ctl): .ci/run installs the `postgresql` package"
                );
            }
            eprintln!(
                "\n!!! SKIPPING {what}: no initdb/pg_ctl found (apt-get install -y postgresql); CI=true fails here instead\n"
            );
            return None;
        };
        let n = STARTED.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("crm-pg-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create the server's temp dir");
        if is_root() {
            // nobody:nogroup owns the cluster; postgres refuses to run as root.
            std::os::unix::fs::chown(&dir, Some(65534), Some(65534)).expect("chown the server's temp dir");
        }
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
        let server = PgServer { dir, bin, port };
        let data = server.dir.join("data");
        let out = server
            .command("initdb")
            .arg("-D")
            .arg(&data)
            .args(["-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"])
            .output()
            .expect("run initdb");
        assert!(out.status.success(), "initdb: {}", String::from_utf8_lossy(&out.stderr));
        let mut options = format!("-p {port} -k {} -c listen_addresses=127.0.0.1", server.dir.display());
        for setting in settings {
            options.push(' ');
            options.push_str(setting);
        }
        let out = server
            .command("pg_ctl")
            .arg("-D")
            .arg(&data)
            .arg("-l")
            .arg(server.dir.join("log"))
            .args(["-w", "-o", &options, "start"])
            .output()
            .expect("run pg_ctl");
        assert!(
            out.status.success(),
            "pg_ctl start: {}{}",
            String::from_utf8_lossy(&out.stderr),
            std::fs::read_to_string(server.dir.join("log")).unwrap_or_default()
        );
        Some(server)
    }

    /// One of the server's tools (`psql`, `pg_ctl` …), run as the cluster's owner.
    pub fn command(&self, tool: &str) -> Command {
        let path = self.bin.join(tool);
        if is_root() {
            let mut c = Command::new("runuser");
            c.args(["-u", "nobody", "--"]).arg(path);
            c
        } else {
            Command::new(path)
        }
    }

    /// The loopback port it listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Its temp dir (the cluster is in `data/`, its log in `log`).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The URL of `database` as the `postgres` superuser (trust auth: any password is accepted).
    pub fn url(&self, database: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{database}", self.port)
    }

    /// Creates database `name` (with `psql`) and answers its URL.
    pub fn create_database(&self, name: &str) -> String {
        let out = self
            .command("psql")
            .args(["-h", "127.0.0.1", "-p", &self.port.to_string(), "-U", "postgres", "-c"])
            .arg(format!("CREATE DATABASE {name}"))
            .output()
            .expect("run psql");
        assert!(out.status.success(), "CREATE DATABASE {name}: {}", String::from_utf8_lossy(&out.stderr));
        self.url(name)
    }
}

impl Drop for PgServer {
    fn drop(&mut self) {
        let _ = self
            .command("pg_ctl")
            .arg("-D")
            .arg(self.dir.join("data"))
            .args(["-m", "immediate", "stop"])
            .output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
