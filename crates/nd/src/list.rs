//! `POST /api/customers/paginate` as a stream of every customer ([`Client::customers`]).
//!
//! The docs cap `page` at 100 (rule `integer, min 1, max 100`), so one query reaches at most
//! 100 × `page_size` customers (100 000 at the largest page size, 1000). When more match, the
//! stream yields every reachable customer and then ends with an error for which
//! [`Error::is_page_cap`] is true; it never stops short silently.

use crm_runtime::{Error, ErrorKind, ListStream, Page, Pagination, paginate};
use futures::FutureExt;

use crate::{Client, PROVIDER, types};

/// The documented cap on `page`.
pub const MAX_PAGE: u32 = 100;
/// The documented bounds of `page_size`.
pub const PAGE_SIZE_RANGE: std::ops::RangeInclusive<u32> = 5..=1000;
/// The page size [`CustomersQuery::new`] uses: 100 per page, so 10 000 customers are reachable.
pub const DEFAULT_PAGE_SIZE: u32 = 100;

/// What [`Client::customers`] lists: the paginate endpoint's parameters except `page`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct CustomersQuery {
    /// Customers per page, 5..=1000 (default [`DEFAULT_PAGE_SIZE`]).
    pub page_size: u32,
    /// Filter conditions, sent as given (the element shape is undocumented).
    pub conditions: Vec<serde_json::Value>,
    /// Sort fields, sent as given (the element shape is undocumented).
    pub sorts: Vec<serde_json::Value>,
}

impl Default for CustomersQuery {
    fn default() -> Self {
        CustomersQuery { page_size: DEFAULT_PAGE_SIZE, conditions: Vec::new(), sorts: Vec::new() }
    }
}

impl CustomersQuery {
    /// Every customer, [`DEFAULT_PAGE_SIZE`] per page, in the server's order.
    pub fn new() -> Self {
        Self::default()
    }
    /// Customers per page, 5..=1000; larger pages reach more customers under the page cap.
    pub fn page_size(mut self, page_size: u32) -> Self {
        self.page_size = page_size;
        self
    }
    /// Adds a filter condition (sent as given).
    pub fn condition(mut self, condition: serde_json::Value) -> Self {
        self.conditions.push(condition);
        self
    }
    /// Adds a sort field (sent as given).
    pub fn sort(mut self, sort: serde_json::Value) -> Self {
        self.sorts.push(sort);
        self
    }
}

impl Client {
    /// Every customer matching `query`, page after page as the stream is consumed
    /// (`POST /api/customers/paginate`, pages 1..=100). Each item carries its own bytes in the page
    /// body and the page (`Listed::page`, with `total` when the server sends it).
    ///
    /// Ends after the last page (`total` reached; without a believable `total`, a short page);
    /// a short page while `total` says more match is followed by the next page (a server that
    /// clamps `page_size`), and an empty one then is an error, never a silent end. Ends with an
    /// error when a page fails, when the server repeats a page, or at the page cap while more
    /// customers match
    /// ([`Error::is_page_cap`]). A page size outside 5..=1000 is a `config` error before any request.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), nd_client::Error> {
    /// use futures::TryStreamExt;
    /// let client = nd_client::Client::builder().base_url("https://crm.example.cn").build()?;
    /// let mut customers = client.customers(nd_client::CustomersQuery::new().page_size(1000));
    /// while let Some(customer) = customers.try_next().await? {
    ///     println!("{} {:?} (page {})", customer.id.as_deref().unwrap_or(""), customer.name, customer.page.number);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn customers(&self, query: CustomersQuery) -> ListStream<types::CustomerListItem> {
        const OP: &str = "paginate_customers";
        if !PAGE_SIZE_RANGE.contains(&query.page_size) {
            let e = Error::new(
                ErrorKind::Config,
                PROVIDER,
                OP,
                format!("page_size {} is outside the documented 5..=1000 (每页数量不正确)", query.page_size),
            )
            .with_field("page_size");
            return Box::pin(futures::stream::once(async move { Err(e) }));
        }
        let size = u64::from(query.page_size);
        let rules = Pagination::new(PROVIDER, OP, &[&["data", "items"], &["items"]]).with_cap(MAX_PAGE, size);
        let client = self.clone();
        // Items listed so far (the pages are fetched one at a time, in order).
        let listed = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        paginate(rules, 1u32, move |page| {
            let client = client.clone();
            let listed = listed.clone();
            let request = types::PaginateRequest {
                conditions: query.conditions.clone(),
                page: std::num::NonZeroU64::new(u64::from(page)),
                page_size: Some(i64::from(query.page_size)),
                sorts: query.sorts.clone(),
            };
            async move {
                let fetched = client.paginate_customers(&request).await?;
                let total = fetched.value.total.and_then(|t| u64::try_from(t).ok());
                let items = fetched.value.items;
                let before = listed.load(std::sync::atomic::Ordering::Relaxed);
                let seen = before.saturating_add(items.len() as u64);
                listed.store(seen, std::sync::atomic::Ordering::Relaxed);
                let full = items.len() as u64 >= size;
                // `total` is believed only when it is at least what was listed (a `total: 0`
                // beside full pages is not); then it decides, whatever the page's fullness (a
                // server clamping `page_size` sends short pages while more exist). Otherwise a
                // short page is the last.
                let more = match total.filter(|&t| t >= seen) {
                    Some(t) => seen < t,
                    None => full,
                };
                if more && items.is_empty() {
                    return Err(Error::new(
                        ErrorKind::BadResponse,
                        PROVIDER,
                        OP,
                        format!(
                            "page {page} is empty, but the server's total says {} customers match and \
                             {seen} were listed: the list would end short",
                            total.unwrap_or_default()
                        ),
                    )
                    .with_field("total")
                    .with_status(fetched.status)
                    .with_raw(fetched.raw));
                }
                let next = more.then(|| page.saturating_add(1));
                Ok(Page::new(items, fetched.raw, fetched.status).with_next(next).with_total(total))
            }
            .boxed()
        })
    }
}
