//! A Postgres database created by a version-1 build is migrated to the current version (2: no
//! listing index, no foreign key, lz4; 3: `customers` split into `customer_bodies` and
//! `customer_state` behind a `customers` view) with its rows kept, and syncs afterwards. The server is `crm_sync::testing::PgServer` (`initdb`/`pg_ctl` from
//! the `postgresql` package, in a temp dir, as `nobody` when root, a free 127.0.0.1 port, stopped
//! afterwards); without the binaries the test is skipped loudly, except under `CI=true`.

use std::{
    future::Future,
    pin::Pin,
    sync::{Arc, Mutex},
};

use crm_sync::{Input, NoControl, Options, SCHEMA_VERSION, Target, testing::PgServer};
use customer_core::{Customer, CustomerSource, Error, Provider};
use tokio_postgres::{Client, NoTls};

/// The Postgres schema as version 1 of `crm-sync` created it (verbatim).
const POSTGRES_V1: &str = "\
CREATE TABLE IF NOT EXISTS sync_schema (
    version     BIGINT      NOT NULL PRIMARY KEY,
    applied_at  TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS customers (
    provider     TEXT        NOT NULL,
    id           TEXT        NOT NULL,
    model        JSONB       NOT NULL,                      -- shared Customer model (no raw)
    raw          TEXT,                                      -- provider body exactly as received
    content_hash TEXT        NOT NULL,                      -- sha256 of model JSON + raw
    first_seen   TIMESTAMPTZ NOT NULL,
    last_seen    TIMESTAMPTZ NOT NULL,
    deleted_at   TIMESTAMPTZ,                               -- set when a complete listing missed it
    seen_listing BIGINT      NOT NULL,                      -- listing (run chain) that last saw it
    PRIMARY KEY (provider, id)
);
CREATE TABLE IF NOT EXISTS sync_runs (
    id           BIGSERIAL   PRIMARY KEY,
    provider     TEXT        NOT NULL,
    mode         TEXT        NOT NULL,                      -- list | list+details | ids
    listing_id   BIGINT      NOT NULL,                      -- first run of a resumed chain
    resumed_from BIGINT      REFERENCES sync_runs(id),
    started_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ,
    status       TEXT        NOT NULL,                      -- running | completed | failed | interrupted
    seen         BIGINT      NOT NULL DEFAULT 0,
    created      BIGINT      NOT NULL DEFAULT 0,
    updated      BIGINT      NOT NULL DEFAULT 0,
    unchanged    BIGINT      NOT NULL DEFAULT 0,
    deleted      BIGINT      NOT NULL DEFAULT 0,
    resume_point JSONB       NOT NULL DEFAULT '{\"offset\":0}'
);
CREATE TABLE IF NOT EXISTS sync_changes (
    id       BIGSERIAL PRIMARY KEY,
    run_id   BIGINT    NOT NULL REFERENCES sync_runs(id),
    provider TEXT      NOT NULL,
    customer TEXT      NOT NULL,
    change   TEXT      NOT NULL CHECK (change IN ('created', 'updated', 'deleted')),
    fields   JSONB     NOT NULL                             -- array of top-level model keys
);
CREATE INDEX IF NOT EXISTS sync_changes_run ON sync_changes (run_id);
CREATE INDEX IF NOT EXISTS customers_listing ON customers (provider, seen_listing);
";

/// The change rows of run `run`: (customer, change, fields as text), by customer.
async fn changes_of(db: &Client, run: i64) -> Vec<(String, String, String)> {
    let sql = "SELECT customer, change, fields::text FROM sync_changes WHERE run_id = $1 ORDER BY customer";
    db.query(sql, &[&run]).await.unwrap().iter().map(|r| (r.get(0), r.get(1), r.get(2))).collect()
}

/// A database made at the current version (not migrated step by step): only its version
/// recorded, `customers` the view.
async fn assert_current(db: &Client) {
    let one = async |sql: &str| -> String {
        db.query_one(&format!("SELECT ({sql})::text"), &[]).await.unwrap().get(0)
    };
    assert_eq!(
        one("SELECT string_agg(version::text, ',') FROM sync_schema").await,
        SCHEMA_VERSION.to_string()
    );
    assert_eq!(one("SELECT relkind FROM pg_class WHERE relname = 'customers'").await, "v");
}

async fn connect(url: &str) -> Client {
    let (client, connection) = tokio_postgres::connect(url, NoTls).await.unwrap();
    tokio::spawn(connection);
    client
}

/// A server for `test` whose `postgres` database holds the version-1 tables as that version's
/// DDL created them (nothing recorded in them); `None` without Postgres binaries.
async fn v1_tables(test: &str) -> Option<(PgServer, String, Client)> {
    let server = PgServer::start(test)?;
    let url = server.url("postgres");
    let db = connect(&url).await;
    db.batch_execute(POSTGRES_V1).await.unwrap();
    Some((server, url, db))
}

/// nd customers by id, each named as the map says.
struct Names(Mutex<Vec<(String, String)>>);

// The trait is `#[async_trait]`; this is its expansion (no async-trait dependency here).
impl CustomerSource for Names {
    fn provider(&self) -> Provider {
        Provider::Nd
    }
    fn customer<'a, 'b, 'f>(
        &'a self,
        id: &'b str,
    ) -> Pin<Box<dyn Future<Output = Result<Customer, Error>> + Send + 'f>>
    where
        'a: 'f,
        'b: 'f,
        Self: 'f,
    {
        let names = self.0.lock().unwrap();
        let name = names.iter().find(|(i, _)| i == id).map_or("?", |(_, n)| n.as_str());
        let customer = Customer::new(Provider::Nd, id, name);
        Box::pin(async move { Ok(customer) })
    }
}

async fn sync_ids(url: &str, source: &Arc<Names>, ids: &[&str]) -> crm_sync::Report {
    sync_ids_in(url, source, ids, Options::new()).await
}

async fn sync_ids_in(url: &str, source: &Arc<Names>, ids: &[&str], options: Options) -> crm_sync::Report {
    let ids: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
    crm_sync::sync(
        source.clone(),
        &Target::parse(url).unwrap(),
        Input::Ids(futures::StreamExt::boxed(futures::stream::iter(ids))),
        &options,
        &NoControl,
    )
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pg_v1_database_migrates() {
    let Some((_server, url, db)) = v1_tables("pg_v1_database_migrates").await else { return };

    // A database as a version-1 build left it: a completed run, two customers (one deleted),
    // their change rows.
    db.batch_execute(
        "INSERT INTO sync_schema (version, applied_at) VALUES (1, now());
         INSERT INTO sync_runs (id, provider, mode, listing_id, started_at, finished_at, status, seen, created)
             VALUES (1, 'nd', 'ids', 1, now(), now(), 'completed', 2, 2);
         SELECT setval('sync_runs_id_seq', 1);
",
    )
    .await
    .unwrap();
    let model = |id: &str, name: &str| serde_json::to_string(&Customer::new(Provider::Nd, id, name)).unwrap();
    db.execute(
        "INSERT INTO customers (provider, id, model, raw, content_hash, first_seen, last_seen, deleted_at, seen_listing) VALUES \
         ('nd', '1', $1::text::jsonb, '{\"customerId\":1}', 'h1', now(), now(), NULL, 1), \
         ('nd', '2', $2::text::jsonb, NULL, 'h2', now(), now(), now(), 1)",
        &[&model("1", "Old One"), &model("2", "Two")],
    )
    .await
    .unwrap();
    db.batch_execute(
        "INSERT INTO sync_changes (run_id, provider, customer, change, fields) VALUES \
         (1, 'nd', '1', 'created', '[]'), (1, 'nd', '2', 'created', '[]')",
    )
    .await
    .unwrap();

    crm_sync::migrate(&Target::parse(&url).unwrap()).await.unwrap();
    let one = async |sql: &str| -> String {
        db.query_one(&format!("SELECT ({sql})::text"), &[]).await.unwrap().get(0)
    };
    assert_eq!(SCHEMA_VERSION, 3);
    assert_eq!(one("SELECT max(version) FROM sync_schema").await, "3");
    assert_eq!(
        one("SELECT count(*) FROM sync_schema").await,
        "3",
        "version 1's row stays, versions 2 and 3 added"
    );
    // Rows kept, JSON still jsonb.
    assert_eq!(one("SELECT count(*) FROM customers").await, "2");
    assert_eq!(one("SELECT model->>'name' FROM customers WHERE id = '1'").await, "Old One");
    assert_eq!(one("SELECT raw FROM customers WHERE id = '1'").await, "{\"customerId\":1}");
    assert_eq!(one("SELECT pg_typeof(model) FROM customers WHERE id = '1'").await, "jsonb");
    assert_eq!(one("SELECT deleted_at IS NOT NULL FROM customers WHERE id = '2'").await, "true");
    assert_eq!(one("SELECT count(*) FROM sync_changes WHERE run_id = 1").await, "2");
    assert_eq!(one("SELECT status FROM sync_runs WHERE id = 1").await, "completed");
    // Version 3's: the row split in two tables behind a view with the same columns.
    assert_eq!(one("SELECT relkind FROM pg_class WHERE relname = 'customers'").await, "v");
    assert_eq!(
        one("SELECT string_agg(column_name::text, ',' ORDER BY ordinal_position) FROM information_schema.columns \
             WHERE table_name = 'customers'")
        .await,
        "provider,id,model,raw,content_hash,first_seen,last_seen,deleted_at,seen_listing"
    );
    assert_eq!(one("SELECT count(*) FROM customer_bodies").await, "2");
    assert_eq!(one("SELECT count(*) FROM customer_state WHERE deleted_at IS NOT NULL").await, "1");
    assert_eq!(one("SELECT to_regclass('customer_bodies_pkey') IS NOT NULL").await, "true");
    // Version 2's changes.
    assert_eq!(one("SELECT to_regclass('customers_listing') IS NULL").await, "true");
    assert_eq!(one("SELECT to_regclass('sync_changes_run') IS NOT NULL").await, "true");
    assert_eq!(
        one("SELECT count(*) FROM pg_constraint WHERE conrelid = 'sync_changes'::regclass AND contype = 'f'")
            .await,
        "0"
    );
    let lz4 =
        one("SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'").await;
    if lz4 == "true" {
        assert_eq!(
            one("SELECT string_agg(attname || '=' || attcompression::text, ',' ORDER BY attname) FROM pg_attribute \
                 WHERE attrelid = 'customer_bodies'::regclass AND attname IN ('model', 'raw')")
            .await,
            "model=l,raw=l"
        );
    }
    // Migrating again changes nothing.
    crm_sync::migrate(&Target::parse(&url).unwrap()).await.unwrap();
    assert_eq!(one("SELECT string_agg(version::text, ',' ORDER BY version) FROM sync_schema").await, "1,2,3");
    assert_eq!(one("SELECT count(*) FROM customer_state").await, "2");

    // The migrated database syncs: the live customer updated (its name), the deleted one
    // created again, a new one created; then nothing changes.
    let source = Arc::new(Names(Mutex::new(vec![
        ("1".into(), "New One".into()),
        ("2".into(), "Two".into()),
        ("3".into(), "Three".into()),
    ])));
    let report = sync_ids(&url, &source, &["1", "2", "3"]).await;
    assert_eq!((report.created, report.updated, report.unchanged), (2, 1, 0), "{report:?}");
    assert_eq!(report.run_id, 2);
    let changes = changes_of(&db, 2).await;
    let strings = |v: [&str; 3]| (v[0].to_string(), v[1].to_string(), v[2].to_string());
    assert_eq!(
        changes,
        vec![
            strings(["1", "updated", "[\"name\"]"]),
            strings(["2", "created", "[]"]),
            strings(["3", "created", "[]"]),
        ]
    );
    assert_eq!(one("SELECT model->>'name' FROM customers WHERE id = '1'").await, "New One");
    assert_eq!(one("SELECT count(*) FROM customers WHERE deleted_at IS NULL").await, "3");
    let report = sync_ids(&url, &source, &["1", "2", "3"]).await;
    assert_eq!((report.created, report.updated, report.unchanged), (0, 0, 3), "{report:?}");
    assert_eq!(one("SELECT count(*) FROM sync_changes WHERE run_id = 3").await, "0");

    // One customer per batch, so that batches after an all-new one take the insert-first path:
    // 4 new (then 2 is inserted first: it exists, marked deleted, so it comes back as created),
    // 1 changed (inserted first: exists, updated), 5 new, 3 unchanged (inserted first).
    db.batch_execute("UPDATE customer_state SET deleted_at = now() WHERE id = '2'").await.unwrap();
    source.0.lock().unwrap().extend([
        ("1".into(), "One Again".into()),
        ("4".into(), "Four".into()),
        ("5".into(), "Five".into()),
    ]);
    source.0.lock().unwrap().retain(|(id, name)| id != "1" || name == "One Again");
    let report = sync_ids_in(&url, &source, &["4", "2", "1", "5", "3"], Options::new().batch(1)).await;
    assert_eq!((report.created, report.updated, report.unchanged), (3, 1, 1), "{report:?}");
    let changes = changes_of(&db, 4).await;
    assert_eq!(
        changes,
        vec![
            strings(["1", "updated", "[\"name\"]"]),
            strings(["2", "created", "[]"]),
            strings(["4", "created", "[]"]),
            strings(["5", "created", "[]"]),
        ]
    );
    assert_eq!(one("SELECT model->>'name' FROM customers WHERE id = '1'").await, "One Again");
    assert_eq!(one("SELECT count(*) FROM customers WHERE deleted_at IS NULL").await, "5");
    assert_eq!(one("SELECT count(DISTINCT seen_listing) FROM customers").await, "1");
    assert_eq!(
        one("SELECT concat_ws(',', seen, created, updated, unchanged) FROM sync_runs WHERE id = 4").await,
        "5,3,1,1"
    );
}

/// A fresh database gets the current version directly: no listing index, no foreign key, the
/// split row behind the `customers` view.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pg_fresh_database_is_current() {
    let Some(server) = PgServer::start("pg_fresh_database_is_current") else { return };
    let url = server.url("postgres");
    crm_sync::migrate(&Target::parse(&url).unwrap()).await.unwrap();
    let db = connect(&url).await;
    let one = async |sql: &str| -> String {
        db.query_one(&format!("SELECT ({sql})::text"), &[]).await.unwrap().get(0)
    };
    assert_current(&db).await;
    assert_eq!(one("SELECT to_regclass('customer_state') IS NOT NULL").await, "true");
    assert_eq!(one("SELECT to_regclass('customers_listing') IS NULL").await, "true");
    assert_eq!(
        one("SELECT count(*) FROM pg_constraint WHERE conrelid = 'sync_changes'::regclass AND contype = 'f'")
            .await,
        "0"
    );
}

/// Version-1 tables created by hand from that version's `--print-schema`, with no version
/// recorded: the next run migrates them like a version-1 database (rows kept) instead of failing
/// on the `customers` table where the current schema has a view.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pg_hand_made_v1_tables_migrate() {
    let Some((_server, url, db)) = v1_tables("pg_hand_made_v1_tables_migrate").await else { return };
    let model = serde_json::to_string(&Customer::new(Provider::Nd, "1", "By Hand")).unwrap();
    db.execute(
        "INSERT INTO customers (provider, id, model, raw, content_hash, first_seen, last_seen, deleted_at, seen_listing) \
         VALUES ('nd', '1', $1::text::jsonb, NULL, 'h1', now(), now(), NULL, 1)",
        &[&model],
    )
    .await
    .unwrap();
    crm_sync::migrate(&Target::parse(&url).unwrap()).await.unwrap();
    let one = async |sql: &str| -> String {
        db.query_one(&format!("SELECT ({sql})::text"), &[]).await.unwrap().get(0)
    };
    assert_current(&db).await;
    assert_eq!(one("SELECT model->>'name' FROM customers WHERE id = '1'").await, "By Hand");
    assert_eq!(one("SELECT content_hash FROM customer_state WHERE id = '1'").await, "h1");
    assert_eq!(one("SELECT to_regclass('customers_listing') IS NULL").await, "true");
    // And it syncs: the customer's name changed.
    let source = Arc::new(Names(Mutex::new(vec![("1".into(), "Synced".into())])));
    let report = sync_ids(&url, &source, &["1"]).await;
    assert_eq!((report.created, report.updated, report.unchanged), (0, 1, 0), "{report:?}");
    assert_eq!(one("SELECT model->>'name' FROM customers WHERE id = '1'").await, "Synced");
}
