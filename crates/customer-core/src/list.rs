//! Listing through the shared model: [`CustomerSource::customers`](crate::CustomerSource::customers)
//! streams every customer of a provider that documents a customer list, each list item mapped to a
//! [`Customer`].
//!
//! A list item carries fewer fields than a detail response. Which fields it fills, per provider:
//! - **nd** (`POST /api/customers/paginate`, `nd::list_item`, beside nd's detail mapping): `id`, `code` (customerNo), `name`,
//!   `description`, `lifecycle_stage` (type), `lead_source` (from), `owner` (managerId,
//!   managerName), `collaborators` (followers: ids only — the list has no `followerNames`),
//!   `industry` (industryPath), `addresses[0]` (area + areaCode regions, `address` as street),
//!   `level` (levelName), `financials.total_turnover`, `created_at`; `extra` gets departmentId,
//!   departmentPath, industryId, levelId, partnerRelationship, rank, projectNumber,
//!   advantageousIndustry, creditSituation, isPinned. Not in a list item, so left empty:
//!   follower names, outstanding receivables, retention money, transaction count.
//!   `raw` is the item's own JSON exactly as it appears in the page body.
//!
//! - **Pluuug** (`GET /v1/client`, seen in integrations): list items are whole `Client` objects,
//!   mapped exactly like a detail; `raw` is the item's own JSON.
//!
//! Fetch the detail (`customer(id)`, or `crm-customers list --details`) when the rest is needed.
//! Providers without a documented customer list answer [`CustomerSource::customers`](crate::CustomerSource::customers) with a
//! `config` error saying what the provider does document.

use std::pin::Pin;

use futures::Stream;

use crate::{Customer, Error, ErrorKind, Provider};

/// A stream of mapped customers, `Send` and `'static` so it can be spawned.
pub type CustomerStream = Pin<Box<dyn Stream<Item = Result<Customer, Error>> + Send>>;

/// The `config` error of a provider without a documented customer list, naming what it documents.
pub fn not_documented(provider: Provider) -> Error {
    let what = match provider.facts().list {
        crate::Documented::No(what) => what,
        crate::Documented::Yes => "this provider documents no customer list; fetch known ids with `get`",
    };
    Error::new(ErrorKind::Config, provider.as_str(), "list_customers", what)
}
