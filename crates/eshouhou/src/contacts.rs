//! The contact resource: `GET /open/v2/Customer/GetCustomerContacts`, one page
//! ([`Client::get_customer_contacts`]) or a stream of every contact ([`Client::customer_contacts`]).
//!
//! The docs give `pageIndex` and `pageSize` but no total count and not whether `pageIndex` starts
//! at 0 or 1; the stream starts at 1 ([`ContactsQuery::first_page_index`] changes it) and stops
//! after a page shorter than the page size, or an empty one. A server that ignores `pageIndex`
//! (the same page again) ends the stream with an error instead of listing forever.

use crm_runtime::{Error, Fetched, ListStream, Page, Pagination, paginate};
use futures_util::FutureExt;
use serde_json::{Map, Value};

use crate::{Client, INFO, types};

/// The page size [`ContactsQuery::new`] asks for (the docs give no default or maximum).
pub const DEFAULT_PAGE_SIZE: u32 = 50;

/// What [`Client::customer_contacts`] lists: the documented filters of `condition` as setters,
/// plus `searchKey` and `serviceSpaceId`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ContactsQuery {
    /// The `condition` object (sent as JSON text; keys are case-sensitive: `sys_customername`,
    /// `sys_name`, `sys_telephone`, `sys_title`, `sys_startdate`, `sys_enddate`).
    pub condition: Map<String, Value>,
    /// `searchKey`, a free-text search.
    pub search_key: Option<String>,
    /// `serviceSpaceId`.
    pub service_space_id: Option<String>,
    /// Contacts per page (default [`DEFAULT_PAGE_SIZE`]).
    pub page_size: u32,
    /// The first `pageIndex` (default 1; the docs do not say whether pages count from 0 or 1).
    pub first_page_index: u32,
}

impl Default for ContactsQuery {
    fn default() -> Self {
        ContactsQuery {
            condition: Map::new(),
            search_key: None,
            service_space_id: None,
            page_size: DEFAULT_PAGE_SIZE,
            first_page_index: 1,
        }
    }
}

impl ContactsQuery {
    /// Every contact, [`DEFAULT_PAGE_SIZE`] per page.
    pub fn new() -> Self {
        Self::default()
    }
    fn with(mut self, key: &str, value: impl Into<String>) -> Self {
        self.condition.insert(key.to_string(), Value::String(value.into()));
        self
    }
    /// Contacts of customers whose name matches (`sys_customername`).
    pub fn customer_name(self, name: impl Into<String>) -> Self {
        self.with("sys_customername", name)
    }
    /// Contacts whose name matches (`sys_name`).
    pub fn contact_name(self, name: impl Into<String>) -> Self {
        self.with("sys_name", name)
    }
    /// Contacts whose phone matches (`sys_telephone`).
    pub fn telephone(self, phone: impl Into<String>) -> Self {
        self.with("sys_telephone", phone)
    }
    /// Contacts whose job title matches (`sys_title`).
    pub fn title(self, title: impl Into<String>) -> Self {
        self.with("sys_title", title)
    }
    /// Contacts created on or after this date (`sys_startdate`, as the tenant formats dates).
    pub fn created_from(self, date: impl Into<String>) -> Self {
        self.with("sys_startdate", date)
    }
    /// Contacts created on or before this date (`sys_enddate`).
    pub fn created_to(self, date: impl Into<String>) -> Self {
        self.with("sys_enddate", date)
    }
    /// Any other `condition` key, sent as given.
    pub fn condition(mut self, key: impl Into<String>, value: Value) -> Self {
        self.condition.insert(key.into(), value);
        self
    }
    /// `searchKey`.
    pub fn search_key(mut self, key: impl Into<String>) -> Self {
        self.search_key = Some(key.into());
        self
    }
    /// `serviceSpaceId`.
    pub fn service_space_id(mut self, id: impl Into<String>) -> Self {
        self.service_space_id = Some(id.into());
        self
    }
    /// Contacts per page (at least 1).
    pub fn page_size(mut self, page_size: u32) -> Self {
        self.page_size = page_size.max(1);
        self
    }
    /// The first `pageIndex` sent (0 for a tenant that counts pages from 0).
    pub fn first_page_index(mut self, index: u32) -> Self {
        self.first_page_index = index;
        self
    }
}

impl Client {
    /// `GET /open/v2/Customer/GetCustomerContacts`: one page of contacts.
    #[allow(clippy::too_many_arguments)]
    pub async fn get_customer_contacts(
        &self,
        condition: Option<&str>,
        page_index: Option<i64>,
        page_size: Option<i64>,
        search_key: Option<&str>,
        service_space_id: Option<&str>,
    ) -> Result<Fetched<Vec<types::CustomerContact>>, Error> {
        const OP: &str = "get_customer_contacts";
        let inner = self.inner();
        self.with_token(OP, || {
            let (id, kind) = (inner.service_network_id.as_deref(), inner.service_network_type);
            let call = self.generated().get_customer_contacts(
                condition,
                page_index,
                page_size,
                search_key,
                id,
                kind,
                service_space_id,
            );
            inner.runtime.call(OP, call)
        })
        .await
    }

    /// Every contact matching `query`, page after page as the stream is consumed. Each item
    /// carries its own bytes in the page body and the page.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), eshouhou_client::Error> {
    /// use futures::TryStreamExt;
    /// let client = eshouhou_client::Client::from_env()?;
    /// let query = eshouhou_client::ContactsQuery::new().customer_name("上海").page_size(100);
    /// let mut contacts = client.customer_contacts(query);
    /// while let Some(contact) = contacts.try_next().await? {
    ///     println!("{:?} {:?}", contact.name, contact.telephone);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn customer_contacts(&self, query: ContactsQuery) -> ListStream<types::CustomerContact> {
        const OP: &str = "get_customer_contacts";
        let client = self.clone();
        let condition =
            (!query.condition.is_empty()).then(|| Value::Object(query.condition.clone()).to_string());
        let first = query.first_page_index;
        paginate(Pagination::new(INFO.name, OP, &[&["ResultValue"]]), first, move |index| {
            let (client, query, condition) = (client.clone(), query.clone(), condition.clone());
            async move {
                let size = i64::from(query.page_size);
                let fetched = client
                    .get_customer_contacts(
                        condition.as_deref(),
                        Some(i64::from(index)),
                        Some(size),
                        query.search_key.as_deref(),
                        query.service_space_id.as_deref(),
                    )
                    .await?;
                let full = fetched.value.len() as u64 >= u64::from(query.page_size);
                let next = full.then(|| index.saturating_add(1));
                Ok(Page::new(fetched.value, fetched.raw, fetched.status).with_next(next))
            }
            .boxed()
        })
    }
}
