//! `crm-customers sync` (the real binary) against the sandbox, into a real SQLite file and a real
//! Postgres server (started here with `initdb`/`pg_ctl` in a temp dir on a free 127.0.0.1 port,
//! as `nobody` when run as root, stopped afterwards). Every scenario runs on both databases.
//! Without Postgres binaries the Postgres half is skipped with a loud message, except under
//! `CI=true`, where it fails.

use std::{
    collections::BTreeSet,
    net::TcpListener,
    path::PathBuf,
    process::{Command, Output},
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicUsize, Ordering},
    },
};

use customer_sandbox::{Provider, Sandbox};
use serde_json::{Value, json};

const PG_PASSWORD: &str = "pg-pass-Zq81x";

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_crm-customers"));
    for (k, _) in std::env::vars() {
        if ["PLUUUG_", "GOFIVE_", "ESHOUHOU_", "ND_"].iter().any(|p| k.starts_with(p)) {
            c.env_remove(k);
        }
    }
    c
}

async fn run(mut cmd: Command) -> Output {
    let out = tokio::task::spawn_blocking(move || cmd.output().expect("the binary runs")).await.unwrap();
    let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(!all.contains(PG_PASSWORD), "a database password was printed: {all}");
    out
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A summary's `(created, updated, deleted)` counts.
fn counts(s: &Value) -> (Option<u64>, Option<u64>, Option<u64>) {
    (s["created"].as_u64(), s["updated"].as_u64(), s["deleted"].as_u64())
}

fn summary(o: &Output) -> Value {
    let text = String::from_utf8_lossy(&o.stdout);
    let line = text.lines().last().unwrap_or_else(|| panic!("a summary line; stderr: {}", stderr(o)));
    serde_json::from_str(line).unwrap()
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

fn temp_dir(tag: &str) -> PathBuf {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("crm-sync-{tag}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

// ---------------------------------------------------------------- databases

enum Db {
    Sqlite(PathBuf),
    Pg(String),
}

impl Db {
    fn url(&self) -> String {
        match self {
            Db::Sqlite(p) => format!("sqlite://{}", p.display()),
            Db::Pg(url) => url.clone(),
        }
    }

    /// Every value as text (NULL as "NULL").
    async fn query(&self, sql: &str) -> Vec<Vec<String>> {
        match self {
            Db::Sqlite(path) => {
                let conn = rusqlite::Connection::open(path).unwrap();
                let mut stmt = conn.prepare(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
                let n = stmt.column_count();
                stmt.query_map([], |r| {
                    Ok((0..n)
                        .map(|i| match r.get_ref(i).unwrap() {
                            rusqlite::types::ValueRef::Null => "NULL".to_string(),
                            rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                            rusqlite::types::ValueRef::Real(v) => v.to_string(),
                            rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => {
                                String::from_utf8_lossy(t).into_owned()
                            }
                        })
                        .collect())
                })
                .unwrap()
                .map(Result::unwrap)
                .collect()
            }
            Db::Pg(url) => {
                let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls).await.unwrap();
                let task = tokio::spawn(conn);
                let rows = client
                    .simple_query(sql)
                    .await
                    .unwrap_or_else(|e| panic!("{sql}: {e:?}"))
                    .into_iter()
                    .filter_map(|m| match m {
                        tokio_postgres::SimpleQueryMessage::Row(r) => {
                            Some((0..r.len()).map(|i| r.get(i).unwrap_or("NULL").to_string()).collect())
                        }
                        _ => None,
                    })
                    .collect();
                drop(client);
                let _ = task.await;
                rows
            }
        }
    }

    async fn one(&self, sql: &str) -> String {
        self.query(sql).await[0][0].clone()
    }

    /// A text key of a JSON column, in this database's JSON functions.
    /// The stored model's `name` of `provider`'s customer `id`.
    async fn model_name(&self, provider: &str, id: &str) -> String {
        self.one(&format!(
            "SELECT {} FROM customers WHERE provider = '{provider}' AND id = '{id}'",
            self.json("model", "name")
        ))
        .await
    }

    fn json(&self, col: &str, key: &str) -> String {
        match self {
            Db::Sqlite(_) => format!("json_extract({col}, '$.{key}')"),
            Db::Pg(_) => format!("({col} ->> '{key}')"),
        }
    }

    /// SQL that makes every insert of a customer fail (Postgres: into `customer_bodies`, behind
    /// the `customers` view).
    fn break_inserts(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => {
                "CREATE TRIGGER no_inserts BEFORE INSERT ON customers BEGIN SELECT RAISE(ABORT, 'inserts refused by the test'); END"
            }
            Db::Pg(_) => {
                "CREATE FUNCTION no_inserts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'inserts refused by the test'; END $$; \
                 CREATE TRIGGER no_inserts BEFORE INSERT ON customer_bodies FOR EACH ROW EXECUTE FUNCTION no_inserts()"
            }
        }
    }

    async fn exec(&self, sql: &str) {
        match self {
            Db::Sqlite(path) => rusqlite::Connection::open(path).unwrap().execute_batch(sql).unwrap(),
            Db::Pg(_) => {
                self.query(sql).await;
            }
        }
    }

    /// The ids of `provider`'s rows, sorted bytewise.
    async fn ids(&self, provider: &str) -> Vec<String> {
        let mut ids: Vec<String> = self
            .query(&format!("SELECT id FROM customers WHERE provider = '{provider}'"))
            .await
            .into_iter()
            .map(|r| r[0].clone())
            .collect();
        ids.sort();
        ids
    }

    /// (customer, change, fields) of a run, sorted.
    async fn changes(&self, run: i64) -> Vec<(String, String, Vec<String>)> {
        let mut rows: Vec<(String, String, Vec<String>)> = self
            .query(&format!("SELECT customer, change, fields FROM sync_changes WHERE run_id = {run}"))
            .await
            .into_iter()
            .map(|r| (r[0].clone(), r[1].clone(), serde_json::from_str(&r[2]).unwrap()))
            .collect();
        rows.sort();
        rows
    }
}

/// The shared test server (`crm_sync::testing`) and the databases made on it.
struct PgServer {
    server: crm_sync::testing::PgServer,
    databases: AtomicUsize,
}

impl PgServer {
    fn start() -> Option<PgServer> {
        let server = crm_sync::testing::PgServer::start("the Postgres half of the sync tests")?;
        Some(PgServer { server, databases: AtomicUsize::new(0) })
    }

    /// A fresh database on this server.
    async fn database(&self) -> Db {
        let n = self.databases.fetch_add(1, Ordering::Relaxed);
        let port = self.server.port();
        let admin = Db::Pg(format!("postgres://postgres:{PG_PASSWORD}@127.0.0.1:{port}/postgres"));
        admin.query(&format!("CREATE DATABASE sync_{n}")).await;
        // The password has an unencoded `/` (the driver sends it as written; trust auth accepts
        // any): the summary's `to` and every message must still mask it (checked in `run`).
        Db::Pg(format!("postgres://postgres:{PG_PASSWORD}/x@127.0.0.1:{port}/sync_{n}"))
    }
}

fn sqlite_db() -> Db {
    Db::Sqlite(temp_dir("sqlite").join("crm.db"))
}

// ---------------------------------------------------------------- scenarios

fn sync(db: &Db, args: &[&str]) -> Command {
    let mut c = bin();
    c.arg("sync").args(args).args(["--to", &db.url()]);
    c
}

/// nd's first sync writes every seeded customer (rows and JSON checked by SQL); a second sync
/// changes nothing; the change rows of the first name each customer as created.
async fn nd_first_and_second_sync(db: &Db) {
    let sandbox = Sandbox::start().await.unwrap();
    let mut seeded = sandbox.customer_ids(Provider::Nd);
    seeded.sort();
    let o = run(sync(db, &["nd", "--sandbox"])).await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = summary(&o);
    assert_eq!(s["status"], "completed");
    assert_eq!(s["created"], seeded.len());
    assert!(s["to"].as_str().is_some_and(|t| !t.contains(PG_PASSWORD)));

    assert_eq!(db.ids("nd").await, seeded);
    let checks = format!(
        "SELECT count(*) FROM customers WHERE provider = 'nd' AND {} = 'nd' AND {} = id AND raw IS NOT NULL \
         AND length(content_hash) = 64 AND deleted_at IS NULL AND first_seen = last_seen",
        db.json("model", "provider"),
        db.json("model", "id")
    );
    assert_eq!(db.one(&checks).await, seeded.len().to_string());
    // The example customer's name, through the database's JSON functions.
    let name = db.model_name("nd", "id").await;
    assert!(!name.is_empty() && name != "NULL", "{name}");
    // raw is the list item exactly: its id is the row's.
    for row in db.query("SELECT id, raw FROM customers WHERE provider = 'nd'").await {
        let raw: Value = serde_json::from_str(&row[1]).unwrap();
        assert_eq!(raw["id"], json!(row[0]));
    }
    let run1 = s["run"].as_i64().unwrap();
    let changes = db.changes(run1).await;
    assert_eq!(changes.len(), seeded.len());
    assert!(changes.iter().all(|(_, c, f)| c == "created" && f.is_empty()));
    assert_eq!(
        db.query(&format!(
            "SELECT status, seen, created, finished_at IS NOT NULL FROM sync_runs WHERE id = {run1}"
        ))
        .await[0],
        vec!["completed".to_string(), seeded.len().to_string(), seeded.len().to_string(), true_text(db)]
    );

    let o = run(sync(db, &["nd", "--sandbox"])).await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = summary(&o);
    assert_eq!(counts(&s), (Some(0), Some(0), Some(0)));
    assert_eq!(s["unchanged"], seeded.len());
    assert!(db.changes(s["run"].as_i64().unwrap()).await.is_empty());
}

fn true_text(db: &Db) -> String {
    match db {
        Db::Sqlite(_) => "1".into(),
        Db::Pg(_) => "t".into(),
    }
}

fn pluuug_env(cmd: &mut Command, sandbox: &Sandbox) {
    let c = sandbox.credentials();
    cmd.env("PLUUUG_API_KEY", &c.pluuug_api_key)
        .env("PLUUUG_SECRET_KEY", &c.pluuug_secret_key)
        .args(["--base-url", &sandbox.base_url()]);
}

/// Pluuug through its cursor list; then one customer changed, one deleted, one added in the
/// sandbox: the second run's change rows name exactly those customers and fields.
async fn pluuug_changes(db: &Db) {
    let sandbox = Sandbox::start().await.unwrap();
    let ids = sandbox.customer_ids(Provider::Pluuug);
    let mut cmd = sync(db, &["pluuug"]);
    pluuug_env(&mut cmd, &sandbox);
    let o = run(cmd).await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(summary(&o)["created"], ids.len());
    assert_eq!(
        db.one("SELECT count(*) FROM customers WHERE provider = 'pluuug'").await,
        ids.len().to_string()
    );

    let c = sandbox.credentials();
    let client = pluuug_client::Client::builder()
        .api_key(&c.pluuug_api_key)
        .secret_key(&c.pluuug_secret_key)
        .base_url(sandbox.base_url())
        .build()
        .unwrap();
    let (changed, deleted) = (ids[1].clone(), ids[2].clone());
    client
        .update_client(changed.parse().unwrap(), &json!({"companyName": "Renamed by the sync test"}))
        .await
        .unwrap();
    client.delete_client(deleted.parse().unwrap()).await.unwrap();
    let created = client.create_client(&json!({"companyName": "Added by the sync test"})).await.unwrap();
    let created = created.value.id.to_string();

    let mut cmd = sync(db, &["pluuug"]);
    pluuug_env(&mut cmd, &sandbox);
    let o = run(cmd).await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = summary(&o);
    assert_eq!(counts(&s), (Some(1), Some(1), Some(1)), "{s}");
    let changes = db.changes(s["run"].as_i64().unwrap()).await;
    let who: BTreeSet<(String, String)> = changes.iter().map(|(id, c, _)| (id.clone(), c.clone())).collect();
    assert_eq!(
        who,
        BTreeSet::from([
            (changed.clone(), "updated".to_string()),
            (deleted.clone(), "deleted".to_string()),
            (created.clone(), "created".to_string())
        ])
    );
    let fields = &changes.iter().find(|(id, _, _)| *id == changed).unwrap().2;
    assert!(fields.contains(&"name".to_string()), "{fields:?}");
    // Only fields that really differ: each named field's JSON differs, every other is equal.
    assert!(
        !fields.iter().any(|f| ["id", "provider", "emails", "phones"].contains(&f.as_str())),
        "{fields:?}"
    );
    let name = db.model_name("pluuug", &changed).await;
    assert_eq!(name, "Renamed by the sync test");
    assert_eq!(
        db.one(&format!(
            "SELECT deleted_at IS NOT NULL FROM customers WHERE provider = 'pluuug' AND id = '{deleted}'"
        ))
        .await,
        true_text(db)
    );
    assert_eq!(
        db.one("SELECT count(*) FROM customers WHERE provider = 'pluuug' AND deleted_at IS NULL").await,
        ids.len().to_string()
    );
}

/// A proxy on 127.0.0.1 in front of the sandbox that answers nd's page 2 with an error envelope
/// while `fail` is set.
async fn faulty_proxy(upstream: String, fail: Arc<AtomicBool>) -> String {
    use axum::{
        body::Bytes,
        extract::State,
        http::{HeaderMap, Method, StatusCode, Uri},
        response::IntoResponse,
    };
    let http = reqwest::Client::new();
    let handler = move |State(()): State<()>, method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
        let (http, upstream, fail) = (http.clone(), upstream.clone(), fail.clone());
        async move {
            if uri.path() == "/api/customers/paginate" && fail.load(Ordering::Relaxed) {
                let page = serde_json::from_slice::<Value>(&body).ok().and_then(|v| v["page"].as_u64());
                if page == Some(2) {
                    return (
                        StatusCode::OK,
                        [("content-type", "application/json")],
                        r#"{"code":500,"message":"page fault (test)"}"#.to_string(),
                    )
                        .into_response();
                }
            }
            let mut req = http.request(method, format!("{upstream}{uri}")).body(body);
            for (k, v) in &headers {
                if k != "host" && k != "content-length" {
                    req = req.header(k, v);
                }
            }
            let resp = req.send().await.unwrap();
            let status = StatusCode::from_u16(resp.status().as_u16()).unwrap();
            let ct = resp
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("application/json")
                .to_string();
            let text = resp.text().await.unwrap();
            (status, [("content-type", ct)], text).into_response()
        }
    };
    let app = axum::Router::new().fallback(handler).with_state(());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}

/// A page error part-way: exit non-zero, what was written stays, nothing is deleted, the resume
/// point is recorded; `--resume` completes from there.
async fn nd_page_error_and_resume(db: &Db) {
    let sandbox = Sandbox::builder().nd_extra_customers(2500).start().await.unwrap();
    let total = sandbox.customer_ids(Provider::Nd).len();
    let fail = Arc::new(AtomicBool::new(false));
    let proxy = faulty_proxy(sandbox.base_url(), fail.clone()).await;
    let token = sandbox.credentials().nd_token.clone().unwrap();
    let nd = |extra: &[&str]| {
        let mut c = sync(db, &["nd", "--base-url", &proxy, "--timeout", "20"]);
        c.args(extra).env("ND_TOKEN", &token);
        c
    };
    let o = run(nd(&[])).await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(summary(&o)["created"], total);

    fail.store(true, Ordering::Relaxed);
    let o = run(nd(&[])).await;
    assert_ne!(o.status.code(), Some(0));
    assert!(matches!(o.status.code(), Some(5 | 6)), "{:?} {}", o.status.code(), stderr(&o));
    assert!(stderr(&o).contains("--resume"), "{}", stderr(&o));
    let s = summary(&o);
    assert_eq!(s["status"], "failed");
    assert_eq!(s["seen"], 1000, "page 1 (1000 customers) written before the error");
    assert_eq!(s["deleted"], 0);
    let failed_run = s["run"].as_i64().unwrap();
    assert_eq!(db.one("SELECT count(*) FROM customers WHERE deleted_at IS NOT NULL").await, "0");
    assert_eq!(db.one("SELECT count(*) FROM customers").await, total.to_string());
    assert_eq!(db.one(&format!("SELECT status FROM sync_runs WHERE id = {failed_run}")).await, "failed");
    assert_eq!(
        db.one(&format!(
            "SELECT {} FROM sync_runs WHERE id = {failed_run}",
            db.json("resume_point", "offset")
        ))
        .await,
        "1000"
    );
    assert_eq!(
        db.one(&format!("SELECT {} FROM sync_runs WHERE id = {failed_run}", db.json("resume_point", "page")))
            .await,
        "2",
        "the resume point is the page after the last complete one"
    );
    assert!(db.changes(failed_run).await.iter().all(|(_, c, _)| c != "deleted"));

    fail.store(false, Ordering::Relaxed);
    let o = run(nd(&["--resume"])).await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = summary(&o);
    assert_eq!(s["status"], "completed");
    assert_eq!(s["resumed_from"], failed_run);
    assert_eq!(s["skipped"], 1000);
    assert_eq!(s["seen"].as_u64().unwrap() as usize, total - 1000);
    assert_eq!(s["deleted"], 0, "the chain listed every customer");
    assert_eq!(db.one("SELECT count(*) FROM customers WHERE deleted_at IS NULL").await, total.to_string());
}

/// `sync PROVIDER ARGS` against a running sandbox (nd or Pluuug), with its credentials.
fn sync_on(db: &Db, sandbox: &Sandbox, provider: &str, args: &[&str]) -> Command {
    let mut c = sync(db, &[provider]);
    c.args(args);
    if provider == "pluuug" {
        pluuug_env(&mut c, sandbox);
    } else {
        c.env("ND_TOKEN", sandbox.credentials().nd_token.clone().unwrap())
            .args(["--base-url", &sandbox.base_url()]);
    }
    c
}

/// nd through the sandbox's mutation knobs: one customer changed, one deleted, one added between
/// runs; the second run's change rows name exactly those customers, and the changed one exactly
/// the fields changed.
async fn nd_changes(db: &Db) {
    let sandbox = Sandbox::start().await.unwrap();
    let ids = sandbox.customer_ids(Provider::Nd);
    let o = run(sync_on(db, &sandbox, "nd", &[])).await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(summary(&o)["created"], ids.len());

    let (changed, deleted, added) = (ids[1].clone(), ids[2].clone(), "65a1b2c3d4e5f60718290001".to_string());
    assert!(sandbox.change_customer(
        Provider::Nd,
        &changed,
        &json!({"name": "改名的客户", "description": "新的描述"})
    ));
    assert!(sandbox.delete_customer(Provider::Nd, &deleted));
    assert!(sandbox.add_customer(Provider::Nd, &added, &json!({"name": "新客户"})));

    let o = run(sync_on(db, &sandbox, "nd", &[])).await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = summary(&o);
    assert_eq!(counts(&s), (Some(1), Some(1), Some(1)), "{s}");
    let changes = db.changes(s["run"].as_i64().unwrap()).await;
    assert_eq!(
        changes,
        vec![
            (added.clone(), "created".to_string(), vec![]),
            (changed.clone(), "updated".to_string(), vec!["description".to_string(), "name".to_string()]),
            (deleted.clone(), "deleted".to_string(), vec![]),
        ]
        .into_iter()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect::<Vec<_>>()
    );
    let name = db.model_name("nd", &added).await;
    assert_eq!(name, "新客户");
}

/// A page error part-way through the sandbox's `fail_list_page` knob, nd and Pluuug: exit 5,
/// nothing marked deleted (a customer removed meanwhile stays), the run row records the page to
/// continue at; `--resume` continues there — page 1 now failing proves it is not fetched again —
/// and completes the chain: every row, the removed customer marked deleted.
async fn page_fault_and_resume_by_page(db: &Db) {
    let sandbox = Sandbox::builder().nd_extra_customers(2500).start().await.unwrap();
    // Pluuug pages hold 100: 250 more clients make 3 pages.
    for i in 0..250 {
        assert!(sandbox.add_customer(
            Provider::Pluuug,
            &(900_000 + i).to_string(),
            &json!({"companyName": format!("고객 {i}")})
        ));
    }
    for (provider, p, page_size) in [("nd", Provider::Nd, 1000u64), ("pluuug", Provider::Pluuug, 100)] {
        let cmd = |extra: &[&str]| sync_on(db, &sandbox, provider, extra);
        let o = run(cmd(&[])).await;
        assert_eq!(o.status.code(), Some(0), "{provider}: {}", stderr(&o));
        let ids = sandbox.customer_ids(p);
        assert!(ids.len() as u64 > 2 * page_size, "{provider}: {} customers", ids.len());
        let gone = ids.last().unwrap().clone();
        assert!(sandbox.delete_customer(p, &gone));
        let live = ids.len() - 1;

        sandbox.fail_list_page(p, 2, 100);
        let o = run(cmd(&[])).await;
        assert_eq!(o.status.code(), Some(5), "{provider}: {}", stderr(&o));
        assert!(stderr(&o).contains("--resume"), "{}", stderr(&o));
        let s = summary(&o);
        assert_eq!(
            (s["status"].as_str(), s["seen"].as_u64(), s["deleted"].as_u64()),
            (Some("failed"), Some(page_size), Some(0)),
            "{provider}: {s}"
        );
        let failed_run = s["run"].as_i64().unwrap();
        let live_rows =
            format!("SELECT count(*) FROM customers WHERE provider = '{provider}' AND deleted_at IS NULL");
        assert_eq!(db.one(&live_rows).await, ids.len().to_string(), "{provider}: nothing marked deleted");
        let point = db
            .query(&format!(
                "SELECT {}, {}, {} FROM sync_runs WHERE id = {failed_run}",
                db.json("resume_point", "offset"),
                db.json("resume_point", "page"),
                db.json("resume_point", "skip")
            ))
            .await;
        assert_eq!(point[0][0], page_size.to_string(), "{provider}: {point:?}");
        if p == Provider::Nd {
            assert_eq!(point[0][1], "2", "nd's point is the page number");
        } else {
            assert!(
                point[0][1] != "NULL" && !point[0][1].is_empty(),
                "Pluuug's point is a cursor: {point:?}"
            );
        }
        assert!(point[0][2] == "NULL" || point[0][2] == "0", "{point:?}");

        // Page 1 now fails: the resumed run must not ask for it.
        sandbox.fail_list_page(p, 1, 100);
        let o = run(cmd(&["--resume"])).await;
        assert_eq!(o.status.code(), Some(0), "{provider}: {}", stderr(&o));
        let s = summary(&o);
        assert_eq!(s["status"], "completed");
        assert_eq!(s["resumed_from"], failed_run);
        assert_eq!(s["skipped"], page_size);
        assert_eq!(s["seen"].as_u64().unwrap(), live as u64 - page_size, "{provider}: {s}");
        assert_eq!(s["deleted"], 1, "{provider}: the chain listed every customer: {s}");
        assert_eq!(db.one(&live_rows).await, live.to_string());
        assert_eq!(
            db.one(&format!(
                "SELECT deleted_at IS NOT NULL FROM customers WHERE provider = '{provider}' AND id = '{gone}'"
            ))
            .await,
            true_text(db)
        );
        sandbox.fail_list_page(p, 1, 0);
    }
}

/// `--details`: each listed customer's detail is stored (its raw body is the detail, with the
/// detail-only `followerNames`), the run's mode says so, and a second run changes nothing.
async fn nd_details(db: &Db) {
    let sandbox = Sandbox::start().await.unwrap();
    let ids = sandbox.customer_ids(Provider::Nd);
    let o = run(sync_on(db, &sandbox, "nd", &["--details"])).await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = summary(&o);
    assert_eq!(s["created"], ids.len());
    let run1 = s["run"].as_i64().unwrap();
    assert_eq!(db.one(&format!("SELECT mode FROM sync_runs WHERE id = {run1}")).await, "list+details");
    for row in db.query("SELECT id, raw FROM customers WHERE provider = 'nd'").await {
        let raw: Value = serde_json::from_str(&row[1]).unwrap();
        let detail = raw.get("data").unwrap_or(&raw);
        assert_eq!(detail["id"], json!(row[0]));
        assert!(detail.get("followerNames").is_some(), "the detail, not the list item: {raw}");
    }
    let o = run(sync_on(db, &sandbox, "nd", &["--details"])).await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = summary(&o);
    assert_eq!((s["unchanged"].as_u64(), s["updated"].as_u64()), (Some(ids.len() as u64), Some(0)), "{s}");
}

/// Ctrl-C (SIGINT to the real binary) mid-run: exit 130, the run row `interrupted` with its
/// counts, nothing marked deleted (a customer removed meanwhile stays live); `--resume` then
/// completes.
#[cfg(unix)]
async fn ctrl_c_mid_run(db: &Db) {
    use std::process::Stdio;
    let sandbox = Sandbox::builder()
        .nd_extra_customers(2500)
        .latency(std::time::Duration::from_millis(700))
        .start()
        .await
        .unwrap();
    let cmd = |extra: &[&str]| {
        let mut c = sync_on(db, &sandbox, "nd", &["--batch", "100"]);
        c.args(extra);
        c
    };
    let o = run(cmd(&[])).await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let ids = sandbox.customer_ids(Provider::Nd);
    let gone = ids.last().unwrap().clone();
    assert!(sandbox.delete_customer(Provider::Nd, &gone));

    let mut c = cmd(&[]);
    c.stdout(Stdio::piped()).stderr(Stdio::piped());
    let child = c.spawn().unwrap();
    let before = sandbox.stats().requests(Provider::Nd);
    // Interrupt once page 2 has been asked for (page 1 is written by then).
    let mut waited = 0;
    while sandbox.stats().requests(Provider::Nd) < before + 2 {
        assert!(waited < 400, "the sync never reached page 2");
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        waited += 1;
    }
    let status = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let o = tokio::task::spawn_blocking(move || child.wait_with_output().unwrap()).await.unwrap();
    assert_eq!(o.status.code(), Some(130), "{}", stderr(&o));
    let s = summary(&o);
    assert_eq!(s["status"], "interrupted", "{s}");
    assert_eq!(s["deleted"], 0);
    let interrupted = s["run"].as_i64().unwrap();
    assert_eq!(
        db.query(&format!(
            "SELECT status, seen, finished_at IS NOT NULL FROM sync_runs WHERE id = {interrupted}"
        ))
        .await[0],
        vec!["interrupted".to_string(), s["seen"].to_string(), true_text(db)]
    );
    assert!(s["seen"].as_u64().unwrap() < ids.len() as u64 - 1, "stopped part-way: {s}");
    assert_eq!(db.one("SELECT count(*) FROM customers WHERE deleted_at IS NOT NULL").await, "0");

    let o = run(cmd(&["--resume"])).await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = summary(&o);
    assert_eq!((s["resumed_from"].as_i64(), s["deleted"].as_u64()), (Some(interrupted), Some(1)), "{s}");
    assert_eq!(
        db.one("SELECT count(*) FROM customers WHERE deleted_at IS NULL").await,
        (ids.len() - 1).to_string()
    );
}

/// The README's "Queries over the JSON" (section Sync), run verbatim on this database kind: every
/// statement runs; the region query finds the sandbox's 浙江 customers (with owners); the change
/// queries find the customer renamed by the last run.
async fn readme_queries(db: &Db) {
    let readme = include_str!("../../../README.md");
    let block = readme
        .split("Queries over the JSON:")
        .nth(1)
        .and_then(|rest| rest.split("```sql").nth(1))
        .and_then(|rest| rest.split("```").next())
        .expect("the README's Sync section has its SQL block");
    let (sqlite, postgres) = block.split_once("\n-- Postgres").expect("a Postgres part");
    let postgres = format!("--{postgres}");
    let part = match db {
        Db::Sqlite(_) => sqlite,
        Db::Pg(_) => postgres.as_str(),
    };
    let statements: Vec<String> = part
        .split(';')
        .map(|st| st.lines().filter(|l| !l.trim_start().starts_with("--")).collect::<Vec<_>>().join("\n"))
        .filter(|st| !st.trim().is_empty())
        .collect();
    assert_eq!(statements.len(), 2, "{part}");

    let sandbox = Sandbox::start().await.unwrap();
    let o = run(sync_on(db, &sandbox, "nd", &[])).await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let renamed = sandbox.customer_ids(Provider::Nd)[3].clone();
    assert!(sandbox.change_customer(Provider::Nd, &renamed, &json!({"name": "浙江更名客户"})));
    let o = run(sync_on(db, &sandbox, "nd", &[])).await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let zhejiang = db.query(&statements[0]).await;
    assert!(zhejiang.len() >= 5, "the sandbox's 浙江 customers: {zhejiang:?}");
    assert!(zhejiang.iter().all(|r| r.len() == 3 && r[2] != "NULL"), "id, name, owner: {zhejiang:?}");
    let changed = db.query(&statements[1]).await;
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(changed[0][0], renamed);
    if let Db::Sqlite(_) = db {
        assert_eq!(changed[0][1], "updated");
        assert!(changed[0][2].contains("\"name\""), "{changed:?}");
    }
}

/// Gofive and eshouhou sync the IDs given (arguments, --ids-file -).
async fn ids_providers(db: &Db) {
    let sandbox = Sandbox::start().await.unwrap();
    for (provider, p) in [("gofive", Provider::Gofive), ("eshouhou", Provider::Eshouhou)] {
        let ids = sandbox.customer_ids(p);
        let file = temp_dir("ids").join("ids.txt");
        std::fs::write(&file, ids.join("\n") + "\n").unwrap();
        let o = run(sync(db, &[provider, "--sandbox", "--ids-file", file.to_str().unwrap()])).await;
        assert_eq!(o.status.code(), Some(0), "{provider}: {}", stderr(&o));
        assert_eq!(summary(&o)["created"], ids.len());
        let n = db
            .one(&format!(
                "SELECT count(*) FROM customers WHERE provider = '{provider}' AND {} = '{provider}' AND raw IS NOT NULL",
                db.json("model", "provider")
            ))
            .await;
        assert_eq!(n, ids.len().to_string());
        // No list: nothing is ever marked deleted by an ID run.
        let o = run(sync(db, &[provider, "--sandbox", &ids[0]])).await;
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(summary(&o)["deleted"], 0);
    }
    let o = run(sync(db, &["gofive", "--sandbox"])).await;
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("documents no customer list"), "{}", stderr(&o));
    // An ID the provider does not know does not stop the run (a resume would only meet it
    // again): the IDs after it are synced, it is named on stderr, and the exit code is 3.
    let known = sandbox.customer_ids(Provider::Gofive);
    let o = run(sync(db, &["gofive", "--sandbox", &known[0], "NO-SUCH-CODE", &known[1]])).await;
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let s = summary(&o);
    assert_eq!(
        (s["status"].as_str(), s["seen"].as_u64(), s["unchanged"].as_u64(), s["not_found"].as_u64()),
        (Some("completed"), Some(2), Some(2), Some(1))
    );
    assert!(stderr(&o).contains("not found") && stderr(&o).contains("`NO-SUCH-CODE`"), "{}", stderr(&o));
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    // The provider's answer is quoted in that line: no credential of the sandbox (the same
    // built-in values as the CLI's `--sandbox`) reaches it or the summary.
    let printed = format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(&o));
    for secret in sandbox.credentials().secrets() {
        assert!(!printed.contains(secret), "a credential was printed: {printed}");
    }
    let run_id = s["run"].as_i64().unwrap();
    assert_eq!(db.one(&format!("SELECT status FROM sync_runs WHERE id = {run_id}")).await, "completed");
    // Only the known IDs were looked at (both unchanged since the first run): no change rows.
    assert!(db.changes(run_id).await.is_empty());
    // A provider error part-way through an ID run: the hint to continue asks for the same IDs
    // (a bare `sync gofive --resume` has none to give, and would be refused).
    let o = run(sync(db, &["gofive", "--sandbox", "--timeout", "3", &known[0], "990500", &known[1]])).await;
    assert_eq!(o.status.code(), Some(5), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("continue with the same command and `--resume`: the same IDs in the same order"),
        "{}",
        stderr(&o)
    );
    // IDs the provider does not know, then that error: the resume point is past the unknown
    // ones (it used to move only with a customer written after them, so a resume asked again).
    let o =
        run(sync(db, &["gofive", "--sandbox", "--timeout", "3", "NO-SUCH-1", "NO-SUCH-2", "990500"])).await;
    assert_eq!(o.status.code(), Some(5), "{}", stderr(&o));
    let failed = summary(&o)["run"].as_i64().unwrap();
    assert_eq!(
        db.one(&format!("SELECT {} FROM sync_runs WHERE id = {failed}", db.json("resume_point", "offset")))
            .await,
        "2"
    );
    // Resuming it with other IDs is refused before anything runs (the point counts the IDs
    // handled, so the first two of these would have been skipped unseen).
    let runs = db.one("SELECT count(*) FROM sync_runs").await;
    let o = run(sync(db, &["gofive", "--sandbox", "--resume", "OTHER-1", "OTHER-2", &known[0]])).await;
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains(&format!("these are not the IDs run {failed} was given")), "{}", stderr(&o));
    assert_eq!(db.one("SELECT count(*) FROM sync_runs").await, runs);
    // An ID given twice is counted twice, by either database (Postgres used to count it once).
    let o = run(sync(db, &["gofive", "--sandbox", &known[0], &known[0]])).await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = summary(&o);
    assert_eq!((s["seen"].as_u64(), s["unchanged"].as_u64()), (Some(2), Some(2)), "{s}");
    // IDs with a bad line. From stdin (checked as it streams) the IDs before it are synced, then
    // the line is named and the exit code is 2, as `get` does; a regular file is checked whole
    // before any request, so nothing runs.
    let lines = temp_dir("ids").join("bad-line.txt");
    std::fs::write(&lines, format!("{}\nbad\u{1}id\n{}\n", known[0], known[1])).unwrap();
    let mut piped = sync(db, &["gofive", "--sandbox", "--ids-file", "-"]);
    piped.stdin(std::fs::File::open(&lines).unwrap());
    let o = run(piped).await;
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("line 2") && stderr(&o).contains("control character"), "{}", stderr(&o));
    assert_eq!((summary(&o)["seen"].as_u64(), summary(&o)["status"].as_str()), (Some(1), Some("completed")));
    let runs = db.one("SELECT count(*) FROM sync_runs").await;
    let o = run(sync(db, &["gofive", "--sandbox", "--ids-file", lines.to_str().unwrap()])).await;
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("line 2"), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "{}", String::from_utf8_lossy(&o.stdout));
    assert_eq!(db.one("SELECT count(*) FROM sync_runs").await, runs);
    // The same with an ID argument before the file: the file is checked before the argument's
    // ID is fetched (it used to be synced, and a run recorded, before the usage error).
    let o = run(sync(db, &["gofive", "--sandbox", &known[0], "--ids-file", lines.to_str().unwrap()])).await;
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "{}", String::from_utf8_lossy(&o.stdout));
    assert_eq!(db.one("SELECT count(*) FROM sync_runs").await, runs);
    // An ID without the provider's documented shape (Pluuug's are integers) is a bad argument
    // too: exit 2 before any request, no run (it used to fail the run at that ID, and `--resume`
    // met it again every time).
    let o = run(sync(db, &["pluuug", "--sandbox", "1001", "abc", "1002"])).await;
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("ID argument 2: pluuug customer ids are integers"), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "{}", String::from_utf8_lossy(&o.stdout));
    assert_eq!(db.one("SELECT count(*) FROM sync_runs").await, runs);
}

/// A second run while one holds the provider exits 2 with a clear message; a database error
/// exits 5 naming the table and operation.
async fn lock_and_database_error(db: &Db) {
    let o = run(sync(db, &["nd", "--sandbox"])).await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Hold the lock the way a running sync does.
    let holder = match db {
        Db::Sqlite(_) => {
            db.exec(&format!(
                "INSERT INTO sync_locks (provider, run_pid, acquired_at) VALUES ('nd', {}, 'now')",
                std::process::id()
            ))
            .await;
            None
        }
        Db::Pg(url) => {
            let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls).await.unwrap();
            tokio::spawn(conn);
            client.execute("SELECT pg_advisory_lock(hashtext('crm-sync:nd'))", &[]).await.unwrap();
            Some(client)
        }
    };
    let o = run(sync(db, &["nd", "--sandbox"])).await;
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("another `sync nd` is running on this database"), "{}", stderr(&o));
    // Another provider is not blocked.
    let o = run(sync(db, &["pluuug", "--sandbox"])).await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    match holder {
        None => db.exec("DELETE FROM sync_locks").await,
        Some(client) => drop(client),
    }
    let o = run(sync(db, &["nd", "--sandbox"])).await;
    assert_eq!(o.status.code(), Some(0), "lock released: {}", stderr(&o));
    // The server refuses the connection: its SQLSTATE and message, not "db error".
    if let Db::Pg(url) = db {
        let (base, _) = url.rsplit_once('/').unwrap();
        let o = run(sync(&Db::Pg(format!("{base}/no_such_database")), &["nd", "--sandbox"])).await;
        assert_eq!(o.status.code(), Some(5), "{}", stderr(&o));
        let e = stderr(&o);
        assert!(e.contains("connect: 3D000: database \"no_such_database\" does not exist"), "{e}");
    }

    // (Postgres: `customers` is a view of two tables since schema version 3.)
    db.exec(match db {
        Db::Sqlite(_) => "DELETE FROM customers WHERE provider = 'nd'",
        Db::Pg(_) => "DELETE FROM customer_state WHERE provider = 'nd'; DELETE FROM customer_bodies WHERE provider = 'nd'",
    })
    .await;
    db.exec(db.break_inserts()).await;
    let o = run(sync(db, &["nd", "--sandbox"])).await;
    assert_eq!(o.status.code(), Some(5), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.contains("table `customers`") && e.contains("insert") && e.contains("inserts refused by the test"),
        "{e}"
    );
    // The run is recorded as failed (it stayed `running` with no finish time), its summary is
    // printed, and the hint says how to continue once the database is fixed.
    let s = summary(&o);
    assert_eq!(s["status"], "failed", "{s}");
    let failed = s["run"].as_i64().unwrap();
    assert_eq!(
        db.query(&format!("SELECT status, finished_at IS NOT NULL FROM sync_runs WHERE id = {failed}")).await
            [0],
        vec!["failed".to_string(), true_text(db)]
    );
    assert!(e.contains("continue with `crm-customers sync nd --resume` and the same --to"), "{e}");
}

/// A list that names one customer on two pages (an nd server on 127.0.0.1 whose pages overlap),
/// written in batches of two into an empty database: the batch that meets the repeated id again
/// writes it as unchanged — one row per customer, each created once, nothing lost, exit 0.
async fn list_repeating_an_id(db: &Db) {
    use wiremock::{Mock, MockServer, Request, ResponseTemplate, matchers};
    let server = MockServer::start().await;
    // Pages of two: c0 c1 | c1 c2 | c3.
    let pages = [vec!["c0", "c1"], vec!["c1", "c2"], vec!["c3"]];
    Mock::given(matchers::path("/api/customers/paginate"))
        .respond_with(move |req: &Request| {
            let body: Value = serde_json::from_slice(&req.body).unwrap();
            let page = body["page"].as_u64().unwrap() as usize;
            let items: Vec<Value> = pages
                .get(page - 1)
                .map(|p| p.iter().map(|id| json!({"id": id, "name": format!("客户 {id}")})).collect())
                .unwrap_or_default();
            ResponseTemplate::new(200)
                .set_body_json(json!({"code": 0, "message": "success", "data": {"items": items, "total": 5}}))
        })
        .mount(&server)
        .await;
    let mut c = sync(db, &["nd", "--batch", "2", "--base-url", &server.uri()]);
    c.env("ND_TOKEN", "t");
    let o = run(c).await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = summary(&o);
    assert_eq!(
        (s["seen"].as_u64(), s["created"].as_u64(), s["unchanged"].as_u64()),
        (Some(5), Some(4), Some(1)),
        "{s}"
    );
    assert_eq!(db.ids("nd").await, ["c0", "c1", "c2", "c3"]);
    let changes = db.changes(s["run"].as_i64().unwrap()).await;
    assert_eq!(changes.len(), 4, "{changes:?}");
    assert!(changes.iter().all(|(_, c, _)| c == "created"), "{changes:?}");
}

async fn suite(db_for: impl AsyncFnMut() -> Db) {
    let mut db_for = db_for;
    nd_first_and_second_sync(&db_for().await).await;
    list_repeating_an_id(&db_for().await).await;
    pluuug_changes(&db_for().await).await;
    nd_page_error_and_resume(&db_for().await).await;
    nd_changes(&db_for().await).await;
    page_fault_and_resume_by_page(&db_for().await).await;
    nd_details(&db_for().await).await;
    readme_queries(&db_for().await).await;
    #[cfg(unix)]
    ctrl_c_mid_run(&db_for().await).await;
    ids_providers(&db_for().await).await;
    lock_and_database_error(&db_for().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_suite() {
    suite(async || sqlite_db()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_suite() {
    let Some(server) = PgServer::start() else { return };
    let server = Arc::new(server);
    suite(async || server.database().await).await;
}

#[tokio::test]
async fn print_schema_bad_urls_and_passwords() {
    let o = run({
        let mut c = bin();
        c.args(["sync", "--print-schema"]);
        c
    })
    .await;
    assert_eq!(o.status.code(), Some(0));
    let sql = String::from_utf8_lossy(&o.stdout);
    assert!(
        sql.contains("CREATE TABLE IF NOT EXISTS customers") && sql.contains("json_valid(model)"),
        "{sql}"
    );
    let o = run({
        let mut c = bin();
        c.args(["sync", "--print-schema", "--to", &format!("postgres://u:{PG_PASSWORD}@127.0.0.1/db")]);
        c
    })
    .await;
    assert!(String::from_utf8_lossy(&o.stdout).contains("model        JSONB"));

    // An unreachable server: exit 5, the password never printed (checked in `run`).
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let o = run({
        let mut c = bin();
        c.args([
            "sync",
            "nd",
            "--sandbox",
            "--to",
            &format!("postgres://u:{PG_PASSWORD}@127.0.0.1:{port}/db"),
        ]);
        c
    })
    .await;
    assert_eq!(o.status.code(), Some(5), "{}", stderr(&o));
    // The cause is named, not only the driver's "error connecting to server".
    assert!(
        stderr(&o).contains("table `(database)`, connect: error connecting to server: "),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).to_lowercase().contains("refused"), "{}", stderr(&o));
    // A password with an unencoded `/`, `#` or `?` (the driver still sends it) and a libpq
    // key/value string where a URL belongs: never printed either (checked in `run`).
    for to in [
        format!("postgres://u:{PG_PASSWORD}/x@127.0.0.1:{port}/db"),
        format!("postgres://u:ab#{PG_PASSWORD}@127.0.0.1:{port}/db"),
        format!("postgres://u:ab?{PG_PASSWORD}@127.0.0.1:{port}/db"),
    ] {
        let o = run({
            let mut c = bin();
            c.args(["sync", "nd", "--sandbox", "--to", &to]);
            c
        })
        .await;
        assert_eq!(o.status.code(), Some(5), "{to}: {}", stderr(&o));
        assert!(stderr(&o).contains("@127.0.0.1:"), "{}", stderr(&o));
    }
    let o = run({
        let mut c = bin();
        c.args(["sync", "nd", "--sandbox", "--to", &format!("host=127.0.0.1 password={PG_PASSWORD}")]);
        c
    })
    .await;
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("password=***"), "{}", stderr(&o));

    let o = run({
        let mut c = bin();
        c.args(["sync", "nd", "--sandbox", "--to", "mysql://x"]);
        c
    })
    .await;
    assert_eq!(o.status.code(), Some(2));
}

/// Ctrl-C while the run waits for its next ID (stdin open, nothing more written) stops it at
/// once: exit 130, the run recorded as interrupted with the customer already fetched. (It used to
/// wait for the next line; at end of input the run was recorded `completed` and exited 0.)
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_while_waiting_for_ids_on_stdin() {
    use std::{io::Write, process::Stdio};
    let db = sqlite_db();
    let sandbox = Sandbox::start().await.unwrap();
    let id = sandbox.customer_ids(Provider::Gofive)[0].clone();
    let mut c = sync(&db, &["gofive", "--ids-file", "-"]);
    c.envs(sandbox.env(Provider::Gofive));
    c.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = c.spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(format!("{id}\n").as_bytes()).unwrap();
    stdin.flush().unwrap();
    // The customer is fetched (the sandbox answered it; a moment more for the answer to reach
    // the run, however loaded the machine); the run then waits for the next line.
    let mut waited = 0;
    while sandbox.stats().requests(Provider::Gofive) < 1 {
        assert!(waited < 600, "the sync never asked for the customer");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        waited += 1;
    }
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let status = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let mut waited = 0;
    while child.try_wait().unwrap().is_none() {
        assert!(waited < 100, "still running 5 s after Ctrl-C with stdin open");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        waited += 1;
    }
    drop(stdin);
    let o = tokio::task::spawn_blocking(move || child.wait_with_output().unwrap()).await.unwrap();
    assert_eq!(o.status.code(), Some(130), "{}", stderr(&o));
    let s = summary(&o);
    assert_eq!((s["status"].as_str(), s["seen"].as_u64()), (Some("interrupted"), Some(1)), "{s}");
    assert_eq!(db.one("SELECT status FROM sync_runs").await, "interrupted");
}
