//! The schema, per backend, versioned in `sync_schema`.

use crate::record::Backend;

/// The schema version this build writes; a database at an older version is migrated, a newer
/// one is refused.
///
/// - 1: the first schema.
/// - 2: Postgres only (write cost): no `customers_listing` index (the deletion check at the end
///   of a complete listing scans the provider's rows once instead of every write maintaining an
///   index), no foreign key from `sync_changes.run_id` to `sync_runs` (a per-row check on every
///   change row; the run id comes from the same transaction's run), `model` and `raw` compressed
///   with lz4 instead of pglz where the server has it. SQLite's tables are unchanged: a SQLite
///   database at version 1 is marked 2 without DDL.
/// - 3: Postgres only (the cost of a sync that changes nothing): the row is split in two tables,
///   `customer_bodies` (model, raw, first seen) and `customer_state` (content hash, last seen,
///   deleted at, the listing that last saw it: a narrow row, so the per-run `last_seen` update
///   writes ~60 bytes instead of a new ~2 KB version of the whole row — half the server's CPU
///   for it), and `customers` is a view joining them with the same columns as before. SQLite
///   is only marked 3.
pub const SCHEMA_VERSION: i64 = 3;

/// Postgres `model` and `raw` compressed with lz4 (Postgres 14+ built with it: several times
/// less CPU than pglz for a ~2 KB row); a server without it keeps pglz.
macro_rules! lz4 {
    ($table:literal) => {
        concat!(
            "DO $$ BEGIN
    ALTER TABLE ",
            $table,
            " ALTER COLUMN model SET COMPRESSION lz4, ALTER COLUMN raw SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR syntax_error THEN NULL;
END $$;
"
        )
    };
}

/// SQLite, versions 1 to 3 (the same DDL): JSON as text (query with `json_extract`, `->>`).
pub(crate) const SQLITE_V1: &str = "\
CREATE TABLE IF NOT EXISTS sync_schema (
    version     INTEGER NOT NULL PRIMARY KEY,
    applied_at  TEXT    NOT NULL
);
CREATE TABLE IF NOT EXISTS customers (
    provider     TEXT    NOT NULL,
    id           TEXT    NOT NULL,
    model        TEXT    NOT NULL CHECK (json_valid(model)), -- shared Customer model, JSON (no raw)
    raw          TEXT,                                      -- provider body exactly as received
    content_hash TEXT    NOT NULL,                          -- sha256 of model JSON + raw
    first_seen   TEXT    NOT NULL,                          -- RFC 3339 UTC
    last_seen    TEXT    NOT NULL,
    deleted_at   TEXT,                                      -- set when a complete listing missed it
    seen_listing INTEGER NOT NULL,                          -- listing (run chain) that last saw it
    PRIMARY KEY (provider, id)
);
CREATE TABLE IF NOT EXISTS sync_runs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    provider     TEXT    NOT NULL,
    mode         TEXT    NOT NULL,                          -- list | list+details | ids
    listing_id   INTEGER NOT NULL,                          -- first run of a resumed chain
    resumed_from INTEGER REFERENCES sync_runs(id),
    started_at   TEXT    NOT NULL,
    finished_at  TEXT,
    status       TEXT    NOT NULL,                          -- running | completed | failed | interrupted
    seen         INTEGER NOT NULL DEFAULT 0,
    created      INTEGER NOT NULL DEFAULT 0,
    updated      INTEGER NOT NULL DEFAULT 0,
    unchanged    INTEGER NOT NULL DEFAULT 0,
    deleted      INTEGER NOT NULL DEFAULT 0,
    resume_point TEXT    NOT NULL DEFAULT '{\"offset\":0}' CHECK (json_valid(resume_point))
);
CREATE TABLE IF NOT EXISTS sync_changes (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id   INTEGER NOT NULL REFERENCES sync_runs(id),
    provider TEXT    NOT NULL,
    customer TEXT    NOT NULL,
    change   TEXT    NOT NULL CHECK (change IN ('created', 'updated', 'deleted')),
    fields   TEXT    NOT NULL CHECK (json_valid(fields))    -- JSON array of top-level model keys
);
CREATE INDEX IF NOT EXISTS sync_changes_run ON sync_changes (run_id);
CREATE INDEX IF NOT EXISTS customers_listing ON customers (provider, seen_listing);
CREATE TABLE IF NOT EXISTS sync_locks (
    provider    TEXT    NOT NULL PRIMARY KEY,               -- one running sync per provider
    run_pid     INTEGER NOT NULL,
    acquired_at TEXT    NOT NULL
);
";

/// Version 3, Postgres: JSON as `jsonb` (query with `->`, `->>`, `@>`); a customer's row is
/// `customer_bodies` joined with `customer_state`, the view `customers`. Version 1 had an index
/// `customers_listing ON customers (provider, seen_listing)` and `sync_changes.run_id REFERENCES
/// sync_runs(id)` ([`POSTGRES_V1_TO_V2`] removes both); versions 1 and 2 had `customers` as one
/// table ([`POSTGRES_V2_TO_V3`] splits it).
pub(crate) const POSTGRES_V3: &str = concat!(
    "\
CREATE TABLE IF NOT EXISTS sync_schema (
    version     BIGINT      NOT NULL PRIMARY KEY,
    applied_at  TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS customer_bodies (
    provider     TEXT        NOT NULL,
    id           TEXT        NOT NULL,
    model        JSONB       NOT NULL,                      -- shared Customer model (no raw)
    raw          TEXT,                                      -- provider body exactly as received
    first_seen   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (provider, id)
);
-- What every run updates, apart from the bodies: a narrow row (fillfactor 80: room on its page
-- for the next version).
CREATE TABLE IF NOT EXISTS customer_state (
    provider     TEXT        NOT NULL,
    id           TEXT        NOT NULL,
    content_hash TEXT        NOT NULL,                      -- sha256 of model JSON + raw
    last_seen    TIMESTAMPTZ NOT NULL,
    deleted_at   TIMESTAMPTZ,                               -- set when a complete listing missed it
    seen_listing BIGINT      NOT NULL,                      -- listing (run chain) that last saw it
    PRIMARY KEY (provider, id)
) WITH (fillfactor = 80);
-- One row per (provider, id), the columns of versions 1 and 2.
CREATE OR REPLACE VIEW customers AS
    SELECT b.provider, b.id, b.model, b.raw, s.content_hash, b.first_seen, s.last_seen, s.deleted_at,
           s.seen_listing
    FROM customer_bodies b JOIN customer_state s ON s.provider = b.provider AND s.id = b.id;
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
    run_id   BIGINT    NOT NULL,                            -- sync_runs.id (no foreign key: v2)
    provider TEXT      NOT NULL,
    customer TEXT      NOT NULL,
    change   TEXT      NOT NULL CHECK (change IN ('created', 'updated', 'deleted')),
    fields   JSONB     NOT NULL                             -- array of top-level model keys
);
CREATE INDEX IF NOT EXISTS sync_changes_run ON sync_changes (run_id);
",
    lz4!("customer_bodies")
);

/// Postgres, version 1 to 2 (idempotent), on the single `customers` table of those versions.
/// Rows are kept; values already stored keep their pglz compression.
pub(crate) const POSTGRES_V1_TO_V2: &str = concat!(
    "\
DROP INDEX IF EXISTS customers_listing;
DO $$
DECLARE fk name;
BEGIN
    FOR fk IN SELECT conname FROM pg_constraint
              WHERE conrelid = 'sync_changes'::regclass AND contype = 'f'
    LOOP
        EXECUTE format('ALTER TABLE sync_changes DROP CONSTRAINT %I', fk);
    END LOOP;
END $$;
",
    lz4!("customers")
);

/// Postgres, version 2 to 3: `customers` becomes `customer_bodies` (its rows, index and
/// compression kept), its state columns move to `customer_state`, and `customers` is the view
/// of [`POSTGRES_V3`]. Idempotent: does nothing once `customer_state` exists.
pub(crate) const POSTGRES_V2_TO_V3: &str = "\
DO $$ BEGIN
IF to_regclass('customer_state') IS NULL THEN
    ALTER TABLE customers RENAME TO customer_bodies;
    ALTER INDEX IF EXISTS customers_pkey RENAME TO customer_bodies_pkey;
    CREATE TABLE customer_state (
        provider     TEXT        NOT NULL,
        id           TEXT        NOT NULL,
        content_hash TEXT        NOT NULL,
        last_seen    TIMESTAMPTZ NOT NULL,
        deleted_at   TIMESTAMPTZ,
        seen_listing BIGINT      NOT NULL,
        PRIMARY KEY (provider, id)
    ) WITH (fillfactor = 80);
    INSERT INTO customer_state (provider, id, content_hash, last_seen, deleted_at, seen_listing)
        SELECT provider, id, content_hash, last_seen, deleted_at, seen_listing FROM customer_bodies;
    ALTER TABLE customer_bodies DROP COLUMN content_hash, DROP COLUMN last_seen, DROP COLUMN deleted_at,
        DROP COLUMN seen_listing;
END IF;
END $$;
CREATE OR REPLACE VIEW customers AS
    SELECT b.provider, b.id, b.model, b.raw, s.content_hash, b.first_seen, s.last_seen, s.deleted_at,
           s.seen_listing
    FROM customer_bodies b JOIN customer_state s ON s.provider = b.provider AND s.id = b.id;
";

/// The schema of `backend` as the tool creates it (`crm-customers sync --print-schema`).
pub fn schema(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => SQLITE_V1,
        Backend::Postgres => POSTGRES_V3,
    }
}
