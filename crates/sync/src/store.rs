//! The two backends behind one set of operations.

use customer_core::Provider;

use crate::{
    Error, Report, Target,
    pg::Pg,
    record::{Counts, Point, Resume, Row, Started},
    sqlite::Sqlite,
};

pub(crate) enum Store {
    Sqlite(Sqlite),
    Pg(Pg),
}

impl Store {
    pub(crate) async fn open(target: &Target) -> Result<Store, Error> {
        Ok(match target {
            Target::Sqlite(path) => Store::Sqlite(Sqlite::open(path)?),
            Target::Postgres(url) => Store::Pg(Pg::connect(url).await?),
        })
    }
    /// Whether the rows written next should come with their model in `jsonb` order (None: this
    /// backend has no use for the order).
    pub(crate) fn order_hint(&self) -> Option<std::sync::Arc<std::sync::atomic::AtomicBool>> {
        match self {
            Store::Sqlite(_) => None,
            Store::Pg(p) => Some(p.order_hint()),
        }
    }
    pub(crate) async fn migrate(&mut self) -> Result<(), Error> {
        match self {
            Store::Sqlite(s) => s.migrate(),
            Store::Pg(p) => p.migrate().await,
        }
    }
    pub(crate) async fn lock(&mut self, provider: Provider) -> Result<(), Error> {
        match self {
            Store::Sqlite(s) => s.lock(provider),
            Store::Pg(p) => p.lock(provider).await,
        }
    }
    pub(crate) async fn unlock(&mut self, provider: Provider) -> Result<(), Error> {
        match self {
            Store::Sqlite(s) => s.unlock(provider),
            Store::Pg(p) => p.unlock(provider).await,
        }
    }
    pub(crate) async fn resumable(
        &mut self,
        provider: Provider,
        mode: &str,
    ) -> Result<Option<Resume>, Error> {
        match self {
            Store::Sqlite(s) => s.resumable(provider, mode),
            Store::Pg(p) => p.resumable(provider, mode).await,
        }
    }
    pub(crate) async fn start_run(
        &mut self,
        provider: Provider,
        mode: &str,
        resume: Option<&Resume>,
    ) -> Result<Started, Error> {
        match self {
            Store::Sqlite(s) => s.start_run(provider, mode, resume),
            Store::Pg(p) => p.start_run(provider, mode, resume).await,
        }
    }
    pub(crate) async fn write_batch(
        &mut self,
        run: &Started,
        provider: Provider,
        rows: Vec<Row>,
        point: &Point,
    ) -> Result<Counts, Error> {
        match self {
            Store::Sqlite(s) => s.write_batch(run, provider, rows, point),
            Store::Pg(p) => p.write_batch(run, provider, rows, point).await,
        }
    }
    /// Ends the run; with `delete_listing`, first marks deleted every live row of the provider
    /// that this listing did not see. Answers how many were marked.
    pub(crate) async fn finish_run(
        &mut self,
        report: &Report,
        status: &str,
        delete_listing: Option<i64>,
    ) -> Result<u64, Error> {
        match self {
            Store::Sqlite(s) => s.finish_run(report, status, delete_listing),
            Store::Pg(p) => p.finish_run(report, status, delete_listing).await,
        }
    }
}
