//! SQLite through rusqlite (bundled SQLite). Statements are short and batched, so they run on the
//! calling task.

use std::path::Path;

use customer_core::Provider;
use rusqlite::{Connection, OptionalExtension, params};

use crate::{
    Error, Report,
    record::{Counts, Point, Resume, Row, Started, changed_fields, locked_message},
    schema::{SCHEMA_VERSION, SQLITE_V1},
};

pub(crate) struct Sqlite {
    conn: Connection,
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

fn db(table: &str, op: &str) -> impl FnOnce(rusqlite::Error) -> Error {
    let (table, op) = (table.to_string(), op.to_string());
    move |e| Error::db(&table, &op, e)
}

impl Sqlite {
    pub(crate) fn open(path: &Path) -> Result<Sqlite, Error> {
        let conn = Connection::open(path).map_err(|e| Error::db("(database)", "open", e))?;
        conn.busy_timeout(std::time::Duration::from_secs(10)).map_err(db("(database)", "busy_timeout"))?;
        conn.pragma_update(None, "journal_mode", "WAL").map_err(db("(database)", "pragma journal_mode"))?;
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(db("(database)", "pragma synchronous"))?;
        conn.pragma_update(None, "foreign_keys", "ON").map_err(db("(database)", "pragma foreign_keys"))?;
        Ok(Sqlite { conn })
    }

    pub(crate) fn migrate(&mut self) -> Result<(), Error> {
        let has_table: bool = self
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='sync_schema'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n > 0)
            .map_err(db("sqlite_master", "select"))?;
        let version: i64 = if has_table {
            self.conn
                .query_row("SELECT coalesce(max(version), 0) FROM sync_schema", [], |r| r.get(0))
                .map_err(db("sync_schema", "select"))?
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
        if version < 1 {
            let tx = self.conn.transaction().map_err(db("sync_schema", "begin"))?;
            tx.execute_batch(SQLITE_V1).map_err(db("(schema v1)", "create"))?;
            tx.execute("INSERT INTO sync_schema (version, applied_at) VALUES (1, ?1)", [now()])
                .map_err(db("sync_schema", "insert"))?;
            tx.commit().map_err(db("sync_schema", "commit"))?;
        }
        // Versions 2 and 3 changed only Postgres's tables (see `SCHEMA_VERSION`).
        for v in version.max(1) + 1..=SCHEMA_VERSION {
            self.conn
                .execute(
                    "INSERT OR IGNORE INTO sync_schema (version, applied_at) VALUES (?1, ?2)",
                    (v, now()),
                )
                .map_err(db("sync_schema", "insert"))?;
        }
        Ok(())
    }

    pub(crate) fn lock(&mut self, provider: Provider) -> Result<(), Error> {
        let pid = i64::from(std::process::id());
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(db("sync_locks", "begin"))?;
        let holder: Option<(i64, String)> = tx
            .query_row(
                "SELECT run_pid, acquired_at FROM sync_locks WHERE provider = ?1",
                [provider.as_str()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(db("sync_locks", "select"))?;
        if let Some((holder_pid, since)) = holder {
            // A lock row left by a process that is gone (killed) is taken over; on systems without
            // /proc the row is trusted.
            let alive = holder_pid == pid
                || !Path::new("/proc/self").exists()
                || Path::new(&format!("/proc/{holder_pid}")).exists();
            if alive {
                return Err(Error::locked(locked_message(
                    provider,
                    &format!("process {holder_pid}, since {since}"),
                    &format!(
                        "; if that process is gone, delete its lock row: DELETE FROM sync_locks WHERE provider = '{provider}'"
                    ),
                )));
            }
            tx.execute("DELETE FROM sync_locks WHERE provider = ?1", [provider.as_str()])
                .map_err(db("sync_locks", "delete stale"))?;
        }
        tx.execute(
            "INSERT INTO sync_locks (provider, run_pid, acquired_at) VALUES (?1, ?2, ?3)",
            params![provider.as_str(), pid, now()],
        )
        .map_err(db("sync_locks", "insert"))?;
        tx.commit().map_err(db("sync_locks", "commit"))
    }

    pub(crate) fn unlock(&mut self, provider: Provider) -> Result<(), Error> {
        self.conn
            .execute(
                "DELETE FROM sync_locks WHERE provider = ?1 AND run_pid = ?2",
                params![provider.as_str(), i64::from(std::process::id())],
            )
            .map(|_| ())
            .map_err(db("sync_locks", "delete"))
    }

    pub(crate) fn resumable(&mut self, provider: Provider, mode: &str) -> Result<Option<Resume>, Error> {
        let last: Option<(i64, i64, String, String, String)> = self
            .conn
            .query_row(
                "SELECT id, listing_id, status, mode, resume_point FROM sync_runs WHERE provider = ?1 \
                 ORDER BY id DESC LIMIT 1",
                [provider.as_str()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()
            .map_err(db("sync_runs", "select last run"))?;
        Ok(last.and_then(|(run_id, listing_id, status, last_mode, point)| {
            (status != "completed" && last_mode == mode).then(|| Resume {
                run_id,
                listing_id,
                point: Point::parse(&point),
            })
        }))
    }

    pub(crate) fn start_run(
        &mut self,
        provider: Provider,
        mode: &str,
        resume: Option<&Resume>,
    ) -> Result<Started, Error> {
        let tx = self.conn.transaction().map_err(db("sync_runs", "begin"))?;
        tx.execute(
            "INSERT INTO sync_runs (provider, mode, listing_id, resumed_from, started_at, status, resume_point) \
             VALUES (?1, ?2, 0, ?3, ?4, 'running', json(?5))",
            params![
                provider.as_str(),
                mode,
                resume.map(|r| r.run_id),
                now(),
                resume.map_or_else(|| Point::default().json(), |r| r.point.json())
            ],
        )
        .map_err(db("sync_runs", "insert"))?;
        let run_id = tx.last_insert_rowid();
        let listing_id = resume.map_or(run_id, |r| r.listing_id);
        tx.execute("UPDATE sync_runs SET listing_id = ?1 WHERE id = ?2", params![listing_id, run_id])
            .map_err(db("sync_runs", "update listing_id"))?;
        tx.commit().map_err(db("sync_runs", "commit"))?;
        Ok(Started { run_id, listing_id })
    }

    pub(crate) fn write_batch(
        &mut self,
        run: &Started,
        provider: Provider,
        rows: Vec<Row>,
        point: &Point,
    ) -> Result<Counts, Error> {
        let p = provider.as_str();
        let at = now();
        let mut counts = Counts::default();
        let tx = self.conn.transaction().map_err(db("customers", "begin"))?;
        {
            let mut get = tx
                .prepare_cached(
                    "SELECT content_hash, model, deleted_at IS NOT NULL FROM customers WHERE provider = ?1 AND id = ?2",
                )
                .map_err(db("customers", "prepare select"))?;
            let mut insert = tx
                .prepare_cached(
                    "INSERT INTO customers (provider, id, model, raw, content_hash, first_seen, last_seen, deleted_at, seen_listing) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, NULL, ?7)",
                )
                .map_err(db("customers", "prepare insert"))?;
            let mut update = tx
                .prepare_cached(
                    "UPDATE customers SET model = ?3, raw = ?4, content_hash = ?5, last_seen = ?6, deleted_at = NULL, \
                     seen_listing = ?7 WHERE provider = ?1 AND id = ?2",
                )
                .map_err(db("customers", "prepare update"))?;
            let mut touch = tx
                .prepare_cached(
                    "UPDATE customers SET last_seen = ?3, seen_listing = ?4 WHERE provider = ?1 AND id = ?2",
                )
                .map_err(db("customers", "prepare update last_seen"))?;
            let mut change = tx
                .prepare_cached(
                    "INSERT INTO sync_changes (run_id, provider, customer, change, fields) VALUES (?1, ?2, ?3, ?4, ?5)",
                )
                .map_err(db("sync_changes", "prepare insert"))?;
            for row in &rows {
                let old: Option<(String, String, bool)> = get
                    .query_row(params![p, row.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()
                    .map_err(db("customers", "select"))?;
                let record = |change: &mut rusqlite::CachedStatement<'_>, kind: &str, fields: &[String]| {
                    let fields = serde_json::to_string(fields).unwrap_or_else(|_| "[]".into());
                    change
                        .execute(params![run.run_id, p, row.id, kind, fields])
                        .map(|_| ())
                        .map_err(db("sync_changes", "insert"))
                };
                match old {
                    None => {
                        insert
                            .execute(params![p, row.id, row.model, row.raw, row.hash, at, run.listing_id])
                            .map_err(db("customers", "insert"))?;
                        record(&mut change, "created", &[])?;
                        counts.created += 1;
                    }
                    Some((hash, _, false)) if hash == row.hash => {
                        touch
                            .execute(params![p, row.id, at, run.listing_id])
                            .map_err(db("customers", "update"))?;
                        counts.unchanged += 1;
                    }
                    Some((_, old_model, deleted)) => {
                        update
                            .execute(params![p, row.id, row.model, row.raw, row.hash, at, run.listing_id])
                            .map_err(db("customers", "update"))?;
                        if deleted {
                            record(&mut change, "created", &[])?;
                            counts.created += 1;
                        } else {
                            record(&mut change, "updated", &changed_fields(&old_model, &row.model))?;
                            counts.updated += 1;
                        }
                    }
                }
            }
        }
        tx.execute(
            "UPDATE sync_runs SET seen = seen + ?2, created = created + ?3, updated = updated + ?4, \
             unchanged = unchanged + ?5, resume_point = json(?6) WHERE id = ?1",
            params![
                run.run_id,
                (counts.created + counts.updated + counts.unchanged) as i64,
                counts.created as i64,
                counts.updated as i64,
                counts.unchanged as i64,
                point.json()
            ],
        )
        .map_err(db("sync_runs", "update counts"))?;
        tx.commit().map_err(db("customers", "commit"))?;
        Ok(counts)
    }

    pub(crate) fn finish_run(
        &mut self,
        report: &Report,
        status: &str,
        delete_listing: Option<i64>,
    ) -> Result<u64, Error> {
        let tx = self.conn.transaction().map_err(db("sync_runs", "begin"))?;
        let provider: String = tx
            .query_row("SELECT provider FROM sync_runs WHERE id = ?1", [report.run_id], |r| r.get(0))
            .map_err(db("sync_runs", "select"))?;
        let mut deleted = 0u64;
        if let Some(listing) = delete_listing {
            tx.execute(
                "INSERT INTO sync_changes (run_id, provider, customer, change, fields) \
                 SELECT ?1, provider, id, 'deleted', '[]' FROM customers \
                 WHERE provider = ?2 AND deleted_at IS NULL AND seen_listing <> ?3",
                params![report.run_id, provider, listing],
            )
            .map_err(db("sync_changes", "insert deleted"))?;
            deleted = tx
                .execute(
                    "UPDATE customers SET deleted_at = ?1 WHERE provider = ?2 AND deleted_at IS NULL AND seen_listing <> ?3",
                    params![now(), provider, listing],
                )
                .map_err(db("customers", "mark deleted"))? as u64;
        }
        tx.execute(
            "UPDATE sync_runs SET finished_at = ?2, status = ?3, deleted = ?4 WHERE id = ?1",
            params![report.run_id, now(), status, deleted as i64],
        )
        .map_err(db("sync_runs", "update status"))?;
        tx.commit().map_err(db("sync_runs", "commit"))?;
        Ok(deleted)
    }
}
