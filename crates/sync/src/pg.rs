//! Postgres through tokio-postgres (no TLS). One connection per run; the provider's advisory lock
//! is held by that session, so it also ends if the process dies.

use std::{
    collections::{HashMap, HashSet},
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
};

use customer_core::Provider;
use tokio_postgres::{Client, NoTls, Statement, error::SqlState};

use crate::{
    Error, Report,
    record::{Counts, Point, Resume, Row, Started, changed_fields, locked_message},
    schema::{POSTGRES_V1_TO_V2, POSTGRES_V2_TO_V3, POSTGRES_V3, SCHEMA_VERSION},
};

pub(crate) struct Pg {
    client: Client,
    /// The URL's password, scrubbed from any server or driver message.
    password: Option<String>,
    task: tokio::task::JoinHandle<()>,
    /// The batch statements, once prepared.
    statements: Option<Statements>,
    /// The last batch created every one of its rows (a first sync): the next one is inserted
    /// first and only the rows that already exist are looked up.
    all_new: bool,
    /// The provider had no row when this run began (and no batch has met one since): batches
    /// are inserted without conflict arbitration.
    fresh: bool,
    /// Whether rows should come with their model in `jsonb` order (`Row::order_for_jsonb`):
    /// when the next batch will likely be inserted whole. Otherwise it is done only for the
    /// rows written (a second sync writes few).
    order: Arc<AtomicBool>,
}

/// The statements of `write_batch`, prepared on the run's connection.
#[derive(Clone)]
struct Statements {
    /// Inserts every row and records each as created.
    insert_fresh: Statement,
    /// Inserts the rows that do not exist yet and records them as created; answers the ids of
    /// the others (only those: a row back per customer was ~8 % of the server's CPU).
    insert_new: Statement,
    /// Moves `last_seen`/`seen_listing` of the rows whose content hash is unchanged; answers the
    /// ids of the others.
    unchanged: Statement,
    /// The other rows that exist: deleted or not, and the model of a live one.
    lookup: Statement,
    upsert: Statement,
    changes: Statement,
    counts: Statement,
}

impl Drop for Pg {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn password_of(url: &str) -> Option<String> {
    let config: tokio_postgres::Config = url.parse().ok()?;
    config.get_password().map(|p| String::from_utf8_lossy(p).into_owned())
}

impl Pg {
    pub(crate) async fn connect(url: &str) -> Result<Pg, Error> {
        let password = password_of(url);
        let scrub = |e: tokio_postgres::Error| scrubbed(&password, db_detail(&e));
        let (client, connection) = tokio_postgres::connect(url, NoTls)
            .await
            .map_err(|e| Error::db("(database)", "connect", scrub(e)))?;
        let task = tokio::spawn(async move {
            let _ = connection.await;
        });
        Ok(Pg {
            client,
            password,
            task,
            statements: None,
            all_new: false,
            fresh: false,
            order: Arc::new(AtomicBool::new(false)),
        })
    }

    fn db(&self, table: &str, op: &str) -> impl FnOnce(tokio_postgres::Error) -> Error + use<> {
        let (table, op, password) = (table.to_string(), op.to_string(), self.password.clone());
        move |e| Error::db(&table, &op, scrubbed(&password, db_detail(&e)))
    }

    pub(crate) async fn migrate(&mut self) -> Result<(), Error> {
        // Serialize concurrent first runs on an empty database.
        let e = self.db("sync_schema", "lock");
        let tx = self.client.transaction().await.map_err(e)?;
        tx.execute("SELECT pg_advisory_xact_lock(hashtext('crm-sync:schema'))", &[])
            .await
            .map_err(|e| Error::db("sync_schema", "lock", db_detail(&e)))?;
        let exists: bool = tx
            .query_one("SELECT to_regclass('sync_schema') IS NOT NULL", &[])
            .await
            .map_err(|e| Error::db("sync_schema", "select", db_detail(&e)))?
            .get(0);
        let version: i64 = if exists {
            tx.query_one("SELECT coalesce(max(version), 0) FROM sync_schema", &[])
                .await
                .map_err(|e| Error::db("sync_schema", "select", db_detail(&e)))?
                .get(0)
        } else {
            0
        };
        if version > SCHEMA_VERSION {
            return Err(Error::db(
                "sync_schema",
                "check version",
                format!(
                    "the database is at schema version {version}; this build knows up to {SCHEMA_VERSION}"
                ),
            ));
        }
        if version < 3 {
            // `customers` as a table: a database of version 1 or 2, or tables created by hand
            // from an older `--print-schema` (no version recorded).
            let single_table: bool = tx
                .query_one(
                    "SELECT EXISTS (SELECT 1 FROM pg_class WHERE oid = to_regclass('customers') AND relkind = 'r')",
                    &[],
                )
                .await
                .map_err(|e| Error::db("customers", "select", db_detail(&e)))?
                .get(0);
            if single_table {
                if version < 2 {
                    tx.batch_execute(POSTGRES_V1_TO_V2)
                        .await
                        .map_err(|e| Error::db("(schema v1 to v2)", "migrate", db_detail(&e)))?;
                }
                tx.batch_execute(POSTGRES_V2_TO_V3)
                    .await
                    .map_err(|e| Error::db("(schema v2 to v3)", "migrate", db_detail(&e)))?;
            }
            // Creates what is missing (all of it in a new database; idempotent).
            tx.batch_execute(POSTGRES_V3)
                .await
                .map_err(|e| Error::db("(schema v3)", "create", db_detail(&e)))?;
        }
        // A new database records the version it was created at; a migrated one each step.
        let first = if version < 1 { SCHEMA_VERSION } else { version + 1 };
        for v in first..=SCHEMA_VERSION {
            tx.execute(
                "INSERT INTO sync_schema (version, applied_at) VALUES ($1, now()) ON CONFLICT DO NOTHING",
                &[&v],
            )
            .await
            .map_err(|e| Error::db("sync_schema", "insert", db_detail(&e)))?;
        }
        tx.commit().await.map_err(|e| Error::db("sync_schema", "commit", db_detail(&e)))
    }

    /// Whether the rows written next should come with their model in `jsonb` order.
    pub(crate) fn order_hint(&self) -> Arc<AtomicBool> {
        self.order.clone()
    }

    pub(crate) async fn lock(&mut self, provider: Provider) -> Result<(), Error> {
        let got: bool = self
            .client
            .query_one("SELECT pg_try_advisory_lock(hashtext('crm-sync:' || $1))", &[&provider.as_str()])
            .await
            .map_err(self.db("(advisory lock)", "pg_try_advisory_lock"))?
            .get(0);
        if got {
            return Ok(());
        }
        let holder = self
            .client
            .query_opt(
                "SELECT id, started_at::text FROM sync_runs WHERE provider = $1 AND status = 'running' ORDER BY id DESC LIMIT 1",
                &[&provider.as_str()],
            )
            .await
            .ok()
            .flatten()
            .map_or_else(
                || "an advisory lock is held".to_string(),
                |r| format!("run {} since {}", r.get::<_, i64>(0), r.get::<_, String>(1)),
            );
        Err(Error::locked(locked_message(provider, &holder, " (the lock ends with that run's session)")))
    }

    pub(crate) async fn unlock(&mut self, provider: Provider) -> Result<(), Error> {
        self.client
            .execute("SELECT pg_advisory_unlock(hashtext('crm-sync:' || $1))", &[&provider.as_str()])
            .await
            .map(|_| ())
            .map_err(self.db("(advisory lock)", "pg_advisory_unlock"))
    }

    pub(crate) async fn resumable(
        &mut self,
        provider: Provider,
        mode: &str,
    ) -> Result<Option<Resume>, Error> {
        let row = self
            .client
            .query_opt(
                "SELECT id, listing_id, status, mode, resume_point::text FROM sync_runs WHERE provider = $1 \
                 ORDER BY id DESC LIMIT 1",
                &[&provider.as_str()],
            )
            .await
            .map_err(self.db("sync_runs", "select last run"))?;
        Ok(row.and_then(|r| {
            let (status, last_mode): (String, String) = (r.get(2), r.get(3));
            (status != "completed" && last_mode == mode).then(|| Resume {
                run_id: r.get(0),
                listing_id: r.get(1),
                point: Point::parse(&r.get::<_, String>(4)),
            })
        }))
    }

    pub(crate) async fn start_run(
        &mut self,
        provider: Provider,
        mode: &str,
        resume: Option<&Resume>,
    ) -> Result<Started, Error> {
        let resumed_from = resume.map(|r| r.run_id);
        let point = resume.map_or_else(|| Point::default().json(), |r| r.point.json());
        let listing: Option<i64> = resume.map(|r| r.listing_id);
        let row = self
            .client
            .query_one(
                "INSERT INTO sync_runs (provider, mode, listing_id, resumed_from, started_at, status, resume_point) \
                 VALUES ($1, $2, coalesce($3::bigint, 0), $4, now(), 'running', $5::text::jsonb) \
                 RETURNING id",
                &[&provider.as_str(), &mode, &listing, &resumed_from, &point],
            )
            .await
            .map_err(self.db("sync_runs", "insert"))?;
        let run_id: i64 = row.get(0);
        self.fresh = !self
            .client
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM customer_state WHERE provider = $1)",
                &[&provider.as_str()],
            )
            .await
            .map_err(self.db("customers", "select"))?
            .get::<_, bool>(0);
        self.all_new = self.fresh;
        self.order.store(self.fresh, Ordering::Relaxed);
        let listing_id = listing.unwrap_or(run_id);
        if listing.is_none() {
            self.client
                .execute("UPDATE sync_runs SET listing_id = id WHERE id = $1", &[&run_id])
                .await
                .map_err(self.db("sync_runs", "update listing_id"))?;
        }
        Ok(Started { run_id, listing_id })
    }

    /// The batch statements, prepared once per connection (each `execute` of SQL text would
    /// otherwise cost a Parse round trip and a plan).
    async fn statements(&mut self) -> Result<Statements, Error> {
        if let Some(s) = &self.statements {
            return Ok(s.clone());
        }
        let c = &self.client;
        let (insert_fresh, insert_new, unchanged, lookup, upsert, changes, counts) = tokio::try_join!(
            biased;
            // Inserts every row and records each as created (a provider with no row yet).
            c.prepare(
                "WITH b AS (INSERT INTO customer_bodies (provider, id, model, raw, first_seen) \
                 SELECT $1, u.id, u.model::jsonb, u.raw, now() FROM unnest($2::text[], $3::text[], $4::text[]) AS u(id, model, raw)), \
                 s AS (INSERT INTO customer_state (provider, id, content_hash, last_seen, deleted_at, seen_listing) \
                 SELECT $1, u.id, u.hash, now(), NULL, $6 FROM unnest($2::text[], $5::text[]) AS u(id, hash) RETURNING id) \
                 INSERT INTO sync_changes (run_id, provider, customer, change, fields) \
                 SELECT $7, $1, s.id, 'created', '[]'::jsonb FROM s"
            ),
            c.prepare(
                "WITH i AS (INSERT INTO customer_bodies (provider, id, model, raw, first_seen) \
                 SELECT $1, u.id, u.model::jsonb, u.raw, now() FROM unnest($2::text[], $3::text[], $4::text[]) AS u(id, model, raw) \
                 ON CONFLICT (provider, id) DO NOTHING RETURNING id), \
                 s AS (INSERT INTO customer_state (provider, id, content_hash, last_seen, deleted_at, seen_listing) \
                 SELECT $1, u.id, u.hash, now(), NULL, $6 FROM unnest($2::text[], $5::text[]) AS u(id, hash) JOIN i ON i.id = u.id), \
                 c AS (INSERT INTO sync_changes (run_id, provider, customer, change, fields) \
                 SELECT $7, $1, i.id, 'created', '[]'::jsonb FROM i) \
                 SELECT u.id FROM unnest($2::text[]) AS u(id) WHERE NOT EXISTS (SELECT 1 FROM i WHERE i.id = u.id)"
            ),
            c.prepare(
                "WITH s AS (UPDATE customer_state AS c SET last_seen = now(), seen_listing = $4 \
                 FROM unnest($2::text[], $3::text[]) AS u(id, hash) \
                 WHERE c.provider = $1 AND c.id = u.id AND c.content_hash = u.hash AND c.deleted_at IS NULL \
                 RETURNING c.id) \
                 SELECT u.id FROM unnest($2::text[]) AS u(id) WHERE NOT EXISTS (SELECT 1 FROM s WHERE s.id = u.id)"
            ),
            c.prepare(
                "SELECT s.id, s.deleted_at IS NOT NULL, CASE WHEN s.deleted_at IS NULL THEN b.model::text END \
                 FROM customer_state s JOIN customer_bodies b ON b.provider = s.provider AND b.id = s.id \
                 WHERE s.provider = $1 AND s.id = ANY($2::text[])"
            ),
            c.prepare(
                "WITH b AS (INSERT INTO customer_bodies (provider, id, model, raw, first_seen) \
                 SELECT $1, u.id, u.model::jsonb, u.raw, now() FROM unnest($2::text[], $3::text[], $4::text[]) AS u(id, model, raw) \
                 ON CONFLICT (provider, id) DO UPDATE SET model = EXCLUDED.model, raw = EXCLUDED.raw) \
                 INSERT INTO customer_state (provider, id, content_hash, last_seen, deleted_at, seen_listing) \
                 SELECT $1, u.id, u.hash, now(), NULL, $6 FROM unnest($2::text[], $5::text[]) AS u(id, hash) \
                 ON CONFLICT (provider, id) DO UPDATE SET content_hash = EXCLUDED.content_hash, last_seen = EXCLUDED.last_seen, \
                 deleted_at = NULL, seen_listing = EXCLUDED.seen_listing"
            ),
            c.prepare(
                "INSERT INTO sync_changes (run_id, provider, customer, change, fields) \
                 SELECT $1, $2, u.c, u.k, u.f::jsonb FROM unnest($3::text[], $4::text[], $5::text[]) AS u(c, k, f)"
            ),
            c.prepare(
                "UPDATE sync_runs SET seen = seen + $2, created = created + $3, updated = updated + $4, \
                 unchanged = unchanged + $5, resume_point = $6::text::jsonb WHERE id = $1"
            ),
        )
        .map_err(self.db("customers", "prepare"))?;
        let s = Statements { insert_fresh, insert_new, unchanged, lookup, upsert, changes, counts };
        self.statements = Some(s.clone());
        Ok(s)
    }

    /// Writes one batch in one transaction, with the run's counts and resume point.
    pub(crate) async fn write_batch(
        &mut self,
        run: &Started,
        provider: Provider,
        rows: Vec<Row>,
        point: &Point,
    ) -> Result<Counts, Error> {
        let st = self.statements().await?;
        if rows.is_empty() {
            // Only IDs the provider did not know: the resume point moves past them.
            let (zero, point) = (0i64, point.json());
            self.client
                .execute(&st.counts, &[&run.run_id, &zero, &zero, &zero, &zero, &point])
                .await
                .map_err(self.db("sync_runs", "update counts"))?;
            return Ok(Counts::default());
        }
        // One row per id in a batch (a list that repeats an id keeps its last occurrence, and
        // counts the others as unchanged, as SQLite — which writes them in turn — finds them).
        let repeated = rows.len();
        let mut index: HashMap<String, usize> = HashMap::with_capacity(rows.len());
        let mut unique: Vec<Row> = Vec::with_capacity(rows.len());
        for row in rows {
            match index.get(&row.id) {
                Some(&i) => unique[i] = row,
                None => {
                    index.insert(row.id.clone(), unique.len());
                    unique.push(row);
                }
            }
        }
        loop {
            let repeats = (repeated - unique.len()) as u64;
            let written = self.batch(&st, run, provider, &mut unique, repeats, point).await;
            if written.is_err() {
                // Ends the transaction if it is still open (a COMMIT the server ran after a failed
                // statement already rolled it back; this one then only draws a warning).
                let _ = self.client.batch_execute("ROLLBACK").await;
            }
            match written {
                Ok(counts) => {
                    self.all_new = counts.created as usize == unique.len();
                    self.order.store(self.all_new, Ordering::Relaxed);
                    return Ok(counts);
                }
                // A row of this batch exists after all (an id listed twice, or a row written
                // meanwhile by someone else): the batch again, the way that looks rows up.
                Err(Failed::Exists) if self.fresh => self.fresh = false,
                Err(Failed::Exists) => {
                    return Err(Error::db(
                        "customers",
                        "insert",
                        "a row exists that was not there a moment ago",
                    ));
                }
                Err(Failed::Db(e)) => return Err(e),
            }
        }
    }

    async fn batch(
        &mut self,
        st: &Statements,
        run: &Started,
        provider: Provider,
        unique: &mut [Row],
        repeats: u64,
        point: &Point,
    ) -> Result<Counts, Failed> {
        let p = provider.as_str();
        let password = self.password.clone();
        let err = move |table: &str, op: &str| {
            let (table, op, password) = (table.to_string(), op.to_string(), password.clone());
            move |e: tokio_postgres::Error| Error::db(&table, &op, scrubbed(&password, db_detail(&e)))
        };
        let point = point.json();
        // The transaction is begun and committed by hand so that BEGIN goes with the first
        // statement and COMMIT with the writes: one round trip for a batch of a first sync, two
        // for a batch of new or of unchanged rows. Sent together (tokio-postgres pipelines
        // requests polled together; `biased`: in the order written, which is the order the
        // server runs them in).
        // `synchronous_commit = off`: the commit does not wait for its WAL flush, so a server
        // crash can lose the last batches committed (at most ~3 × wal_writer_delay); their resume
        // point is lost with them, so `--resume` fetches them again (`finish_run`'s synchronous
        // commit flushes everything before it). `enable_seqscan = off`: the lookups go through
        // the primary key even when the statistics still describe the table as it was before
        // this run filled it (a first sync grows it faster than autovacuum re-reads them; a
        // sequential scan per batch made a second sync ~10 × slower). It replaces an `ANALYZE`
        // every 20,000 created rows (0.1–0.4 s of server CPU each).
        const BEGIN: &str = "BEGIN; SET LOCAL synchronous_commit = off; SET LOCAL enable_seqscan = off";
        let tx = &self.client;
        if self.fresh && self.all_new {
            // The provider had no row when this run began and every batch so far was new: a
            // plain insert (no conflict arbitration, nothing answered per row) recording each
            // row as created, the run's counts and the commit, in one round trip. A row that
            // exists after all fails it with a unique violation; the batch is then written again
            // the other way.
            for row in unique.iter_mut() {
                row.order_for_jsonb();
            }
            let ids: Vec<&str> = unique.iter().map(|r| r.id.as_str()).collect();
            let models: Vec<&str> = unique.iter().map(|r| r.model.as_str()).collect();
            let raws: Vec<Option<&str>> = unique.iter().map(|r| r.raw.as_deref()).collect();
            let hashes: Vec<&str> = unique.iter().map(|r| r.hash.as_str()).collect();
            let n = unique.len() as i64;
            let (zero, seen, repeated) = (0i64, n + repeats as i64, repeats as i64);
            tokio::try_join!(
                biased;
                async { tx.batch_execute(BEGIN).await.map_err(|e| Failed::Db(err("customers", "begin")(e))) },
                async {
                    tx.execute(&st.insert_fresh, &[&p, &ids, &models, &raws, &hashes, &run.listing_id, &run.run_id])
                        .await
                        .map_err(|e| match e.code() {
                            Some(&SqlState::UNIQUE_VIOLATION) => Failed::Exists,
                            _ => Failed::Db(err("customers", "insert")(e)),
                        })
                },
                async {
                    tx.execute(&st.counts, &[&run.run_id, &seen, &n, &zero, &repeated, &point])
                        .await
                        .map_err(|e| Failed::Db(err("sync_runs", "update counts")(e)))
                },
                async { tx.batch_execute("COMMIT").await.map_err(|e| Failed::Db(err("customers", "commit")(e))) },
            )?;
            return Ok(Counts { created: unique.len() as u64, unchanged: repeats, ..Counts::default() });
        }
        // The unchanged rows are found and moved to this listing by one statement (each row read
        // once: a second sync is mostly these); only the rest are looked up. After a batch of
        // only new rows the batch is inserted first (`DO NOTHING` for the rows that exist), and
        // only those go through that path: most rows are then written by one statement, without
        // probing the index for them beforehand.
        let insert_first = self.all_new;
        if insert_first {
            for row in unique.iter_mut() {
                row.order_for_jsonb();
            }
        }
        let ids: Vec<&str> = unique.iter().map(|r| r.id.as_str()).collect();
        let hashes: Vec<&str> = unique.iter().map(|r| r.hash.as_str()).collect();
        let ids_of = |rows: Vec<tokio_postgres::Row>| -> HashSet<String> {
            rows.into_iter().map(|r| r.get(0)).collect()
        };
        let (_, first) = tokio::try_join!(
            biased;
            async { tx.batch_execute(BEGIN).await.map_err(err("customers", "begin")) },
            async {
                if insert_first {
                    let models: Vec<&str> = unique.iter().map(|r| r.model.as_str()).collect();
                    let raws: Vec<Option<&str>> = unique.iter().map(|r| r.raw.as_deref()).collect();
                    tx.query(&st.insert_new, &[&p, &ids, &models, &raws, &hashes, &run.listing_id, &run.run_id])
                        .await
                        .map_err(err("customers", "insert"))
                } else {
                    tx.query(&st.unchanged, &[&p, &ids, &hashes, &run.listing_id])
                        .await
                        .map_err(err("customers", "update last_seen"))
                }
            },
        )?;
        let first = ids_of(first);
        // new: inserted (and recorded) above; rest: neither new nor unchanged.
        let (new, rest): (HashSet<String>, HashSet<String>) = if insert_first {
            let (r_ids, r_hashes): (Vec<&str>, Vec<&str>) = unique
                .iter()
                .filter(|r| first.contains(&r.id))
                .map(|r| (r.id.as_str(), r.hash.as_str()))
                .unzip();
            let rest = if r_ids.is_empty() {
                HashSet::new()
            } else {
                ids_of(
                    tx.query(&st.unchanged, &[&p, &r_ids, &r_hashes, &run.listing_id])
                        .await
                        .map_err(err("customers", "update last_seen"))?,
                )
            };
            (ids.iter().filter(|id| !first.contains(**id)).map(|id| id.to_string()).collect(), rest)
        } else {
            (HashSet::new(), first)
        };
        let looked_up: Vec<&str> = ids.iter().copied().filter(|id| rest.contains(*id)).collect();
        // id → the model of a live row (None: marked deleted).
        let mut old: HashMap<String, Option<String>> = if looked_up.is_empty() {
            HashMap::new()
        } else {
            tx.query(&st.lookup, &[&p, &looked_up])
                .await
                .map_err(err("customers", "select"))?
                .into_iter()
                .map(|r| {
                    let gone: bool = r.get(1);
                    (
                        r.get(0),
                        if gone { None } else { Some(r.get::<_, Option<String>>(2).unwrap_or_default()) },
                    )
                })
                .collect()
        };
        drop((ids, hashes));
        let mut counts = Counts::default();
        // Per row: None (unchanged, or inserted above), or the change to write and record.
        let mut changes: Vec<Option<(&str, Vec<String>)>> = Vec::with_capacity(unique.len());
        for row in unique.iter() {
            changes.push(if new.contains(&row.id) {
                // Inserted and recorded above.
                counts.created += 1;
                None
            } else if !rest.contains(&row.id) {
                counts.unchanged += 1;
                None
            } else {
                match old.remove(&row.id) {
                    // New, or back after being marked deleted.
                    None | Some(None) => {
                        counts.created += 1;
                        Some(("created", Vec::new()))
                    }
                    // Live and not unchanged: its content hash differs.
                    Some(Some(old_model)) => {
                        counts.updated += 1;
                        Some(("updated", changed_fields(&old_model, &row.model)))
                    }
                }
            });
        }
        for (row, change) in unique.iter_mut().zip(&changes) {
            if change.is_some() {
                row.order_for_jsonb();
            }
        }
        let (mut w_id, mut w_model, mut w_raw, mut w_hash) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let (mut c_id, mut c_kind, mut c_fields) = (Vec::new(), Vec::new(), Vec::new());
        for (row, change) in unique.iter().zip(&changes) {
            if let Some((kind, fields)) = change {
                w_id.push(row.id.as_str());
                w_model.push(row.model.as_str());
                w_raw.push(row.raw.as_deref());
                w_hash.push(row.hash.as_str());
                c_id.push(row.id.as_str());
                c_kind.push(*kind);
                c_fields.push(serde_json::to_string(fields).unwrap_or_else(|_| "[]".into()));
            }
        }
        // An id repeated in the batch counts once more as unchanged, in the same transaction.
        counts.unchanged += repeats;
        let seen = (counts.created + counts.updated + counts.unchanged) as i64;
        let (created, updated, unchanged) =
            (counts.created as i64, counts.updated as i64, counts.unchanged as i64);
        // The writes and the COMMIT, pipelined: one round trip.
        tokio::try_join!(
            biased;
            async {
                if w_id.is_empty() {
                    return Ok(0);
                }
                tx.execute(&st.upsert, &[&p, &w_id, &w_model, &w_raw, &w_hash, &run.listing_id])
                    .await
                    .map_err(err("customers", "upsert"))
            },
            async {
                if c_id.is_empty() {
                    return Ok(0);
                }
                tx.execute(&st.changes, &[&run.run_id, &p, &c_id, &c_kind, &c_fields])
                    .await
                    .map_err(err("sync_changes", "insert"))
            },
            async {
                tx.execute(&st.counts, &[&run.run_id, &seen, &created, &updated, &unchanged, &point])
                    .await
                    .map_err(err("sync_runs", "update counts"))
            },
            async { tx.batch_execute("COMMIT").await.map_err(err("customers", "commit")) },
        )?;
        Ok(counts)
    }

    pub(crate) async fn finish_run(
        &mut self,
        report: &Report,
        status: &str,
        delete_listing: Option<i64>,
    ) -> Result<u64, Error> {
        let e = self.db("sync_runs", "begin");
        let password = self.password.clone();
        let err = move |table: &str, op: &str| {
            let (table, op, password) = (table.to_string(), op.to_string(), password.clone());
            move |e: tokio_postgres::Error| Error::db(&table, &op, scrubbed(&password, db_detail(&e)))
        };
        let tx = self.client.transaction().await.map_err(e)?;
        let provider: String = tx
            .query_one("SELECT provider FROM sync_runs WHERE id = $1", &[&report.run_id])
            .await
            .map_err(err("sync_runs", "select"))?
            .get(0);
        let mut deleted = 0u64;
        if let Some(listing) = delete_listing {
            tx.execute(
                "INSERT INTO sync_changes (run_id, provider, customer, change, fields) \
                 SELECT $1, provider, id, 'deleted', '[]'::jsonb FROM customer_state \
                 WHERE provider = $2 AND deleted_at IS NULL AND seen_listing <> $3",
                &[&report.run_id, &provider, &listing],
            )
            .await
            .map_err(err("sync_changes", "insert deleted"))?;
            deleted = tx
                .execute(
                    "UPDATE customer_state SET deleted_at = now() WHERE provider = $1 AND deleted_at IS NULL AND seen_listing <> $2",
                    &[&provider, &listing],
                )
                .await
                .map_err(err("customers", "mark deleted"))?;
        }
        tx.execute(
            "UPDATE sync_runs SET finished_at = now(), status = $2, deleted = $3 WHERE id = $1",
            &[&report.run_id, &status, &(deleted as i64)],
        )
        .await
        .map_err(err("sync_runs", "update status"))?;
        tx.commit().await.map_err(err("sync_runs", "commit"))?;
        Ok(deleted)
    }
}

/// Why a batch was not written.
enum Failed {
    /// The fresh path's insert met a row that exists: write the batch the other way.
    Exists,
    Db(Error),
}

impl From<Error> for Failed {
    fn from(e: Error) -> Failed {
        Failed::Db(e)
    }
}

/// What went wrong, in full: the server's message (`DbError`: SQLSTATE and text) or the driver's
/// one-line summary with its causes (tokio-postgres' `Display` leaves the cause out: "error
/// connecting to server" alone would not say "connection refused").
fn db_detail(e: &tokio_postgres::Error) -> String {
    if let Some(d) = e.as_db_error() {
        return format!("{}: {}", d.code().code(), d.message());
    }
    let mut text = e.to_string();
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}

fn scrubbed(password: &Option<String>, message: String) -> String {
    match password {
        Some(p) if !p.is_empty() => message.replace(p.as_str(), "***"),
        _ => message,
    }
}
