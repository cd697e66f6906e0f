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

/// A point in a provider's customer list to continue it from: a page, named by its cursor as
/// text (nd: the page number; Pluuug: the DRF cursor; `None`: the first page), and how many of
/// that page's customers to pass over. Pages are the provider's: a customer added or removed
/// before the point meanwhile shifts what an nd page (numbered, not keyed) holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct ListPoint {
    /// The page's cursor as text; `None` is the first page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// Customers of that page to pass over.
    #[serde(default)]
    pub skip: u64,
}

impl ListPoint {
    /// The list's beginning.
    pub fn start() -> ListPoint {
        ListPoint::default()
    }
    /// Page `page` (its cursor as text), passing over its first `skip` customers.
    pub fn at(page: Option<String>, skip: u64) -> ListPoint {
        ListPoint { page, skip }
    }
}

/// Where a listed customer was: its page's cursor, its index on that page, the page's size and
/// the next page's cursor (as the provider's list stream reports them).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListedAt {
    /// The page's cursor as text (`None`: a first page fetched without one).
    pub page: Option<String>,
    /// The customer's index on its page, from 0.
    pub index: u64,
    /// How many customers the page holds.
    pub page_items: u64,
    /// The next page's cursor as text, when the page names one.
    pub next: Option<String>,
}

impl ListedAt {
    /// The point just after this customer: the next page when it was its page's last and a next
    /// page is named, else its own page with the customers up to it passed over.
    pub fn after(&self) -> ListPoint {
        match &self.next {
            Some(next) if self.index + 1 >= self.page_items => ListPoint::at(Some(next.clone()), 0),
            _ => ListPoint::at(self.page.clone(), self.index + 1),
        }
    }
}

/// A stream of mapped customers with where each was listed.
pub type PlacedStream = Pin<Box<dyn Stream<Item = Result<(Customer, ListedAt), Error>> + Send>>;

/// `list` (started at `from.page`) mapped with `map`, each customer with its [`ListedAt`], the
/// first `from.skip` customers of the first page passed over.
#[cfg(any(feature = "nd", feature = "pluuug"))]
pub(crate) fn placed<T: Send + 'static>(
    list: crm_runtime::ListStream<T>,
    from: &ListPoint,
    mut map: impl FnMut(T, bytes::Bytes) -> Customer + Send + 'static,
) -> PlacedStream {
    use futures::StreamExt;
    let skip = from.skip;
    // (page number in this stream, index of the next item on it)
    let mut at = (0u32, 0u64);
    Box::pin(list.filter_map(move |item| {
        let out = match item {
            Err(e) => Some(Err(e)),
            Ok(item) => {
                if item.page.number != at.0 {
                    at = (item.page.number, 0);
                }
                let index = at.1;
                at.1 += 1;
                if item.page.number == 1 && index < skip {
                    None
                } else {
                    let place = ListedAt {
                        page: item.page.cursor.clone(),
                        index,
                        page_items: item.page.items,
                        next: item.page.next_cursor.clone(),
                    };
                    Some(Ok((map(item.value, item.raw), place)))
                }
            }
        };
        futures::future::ready(out)
    }))
}

/// The `config` error of a provider without a documented customer list, naming what it documents.
pub fn not_documented(provider: Provider) -> Error {
    let what = match provider.facts().list {
        crate::Documented::No(what) => what,
        crate::Documented::Yes => "this provider documents no customer list; fetch known ids with `get`",
    };
    Error::new(ErrorKind::Config, provider.as_str(), "list_customers", what)
}
