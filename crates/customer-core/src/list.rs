//! Listing through the shared model: [`CustomerSource::customers`](crate::CustomerSource::customers)
//! streams every customer of a provider that documents a customer list, each list item mapped to a
//! [`Customer`].
//!
//! A list item carries fewer fields than a detail response. Which fields it fills, per provider:
//! - **nd** (`POST /api/customers/paginate`, [`nd_list_item`]): `id`, `code` (customerNo), `name`,
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

#[cfg(feature = "nd")]
pub use nd_items::nd_list_item;

#[cfg(feature = "nd")]
mod nd_items {
    use futures::StreamExt;
    use nd_client::types::{CustomerDetail, CustomerListItem};

    use super::CustomerStream;
    use crate::model::Address;
    use crate::normalize::{owned_text, put};
    use crate::{Customer, RawJson};

    /// The page size nd lists use through [`CustomerSource`](crate::CustomerSource): the largest
    /// documented, so one query reaches the most customers under the 100-page cap (100 000).
    pub(crate) const PAGE_SIZE: u32 = 1000;

    /// Maps one item of nd's customer list (see the module docs for the fields it fills) and its
    /// own bytes in the page body.
    pub fn nd_list_item(item: CustomerListItem, raw: impl Into<RawJson>) -> Customer {
        // Every property by name: a property the generated type gains does not compile until placed.
        let CustomerListItem {
            address,
            advantageous_industry,
            area,
            area_code,
            created_at,
            credit_situation,
            customer_no,
            department_id,
            department_path,
            description,
            followers,
            from,
            id,
            industry_id,
            industry_path,
            is_pinned,
            level_id,
            level_name,
            manager_id,
            manager_name,
            name,
            partner_relationship,
            project_number,
            rank,
            total_turnover,
            type_,
        } = item;
        // The fields a list item shares with the detail go through the detail's mapping, so both
        // read `type`, `areaCode`, money and dates the same way.
        let shared = CustomerDetail {
            advantageous_industry: None,
            area,
            area_code,
            created_at,
            credit_situation: None,
            customer_no,
            department_path: None,
            description,
            follower_names: None,
            followers,
            from,
            id: id.unwrap_or_default(),
            industry_id: None,
            industry_path,
            level_name,
            manager_id,
            manager_name,
            name,
            outstanding_receivables: None,
            partner_relationship: None,
            rank: None,
            retention_money: None,
            total_turnover,
            transaction_number: None,
            type_,
        };
        let mut c = crate::nd::map(shared, raw);
        if let Some(street) = owned_text(address) {
            match c.addresses.first_mut() {
                Some(a) => a.street = Some(street),
                None => c.addresses.push(Address { street: Some(street), ..Address::default() }),
            }
        }
        put(&mut c.extra, "departmentId", department_id);
        put(&mut c.extra, "departmentPath", department_path);
        put(&mut c.extra, "industryId", industry_id);
        put(&mut c.extra, "levelId", level_id);
        put(&mut c.extra, "partnerRelationship", partner_relationship);
        put(&mut c.extra, "rank", rank);
        put(&mut c.extra, "projectNumber", project_number);
        put(&mut c.extra, "advantageousIndustry", advantageous_industry);
        put(&mut c.extra, "creditSituation", credit_situation);
        put(&mut c.extra, "isPinned", is_pinned);
        c
    }

    /// nd's customers as a [`CustomerStream`].
    pub(crate) fn stream(client: &nd_client::Client) -> CustomerStream {
        let query = nd_client::CustomersQuery::new().page_size(PAGE_SIZE);
        Box::pin(client.customers(query).map(|r| r.map(|item| nd_list_item(item.value, item.raw))))
    }
}

#[cfg(feature = "nd")]
pub(crate) use nd_items::stream as nd_stream;
