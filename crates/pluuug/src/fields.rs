//! The custom-field resource: one page ([`Client::list_fields`]) or every definition as a stream
//! ([`Client::fields`], `GET /v1/field`).
//!
//! A DRF cursor page is `{next, previous, results}`; `next` is an absolute URL whose `cursor`
//! query parameter is the opaque cursor of the next page. The stream digs it out and follows it
//! until `next` is null, a page is empty, or the server hands back a cursor already visited (an
//! error: it would otherwise loop forever), or [`MAX_PAGES`] pages were followed (a page-cap
//! error). A `next` link without a cursor ends the stream with an error after that page's items.

use crm_runtime::{Error, Fetched, ListStream, Page, Pagination, paginate};
use futures_util::{FutureExt, TryStreamExt};

use crate::{Client, INFO, MAX_PAGES, types, wire::next_cursor};

/// What [`Client::fields`] lists.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct FieldsQuery {
    /// Only the fields of this record category (`I` inquiry, `C` contract, `CO` client); all when unset.
    pub category: Option<types::ListFieldsCategory>,
    /// Items per page; the server's default when unset (DRF clamps a large one to its maximum).
    pub page_size: Option<u32>,
}

impl FieldsQuery {
    /// Every field definition, the server's page size.
    pub fn new() -> Self {
        Self::default()
    }
    /// Only the fields of `category`.
    pub fn category(mut self, category: types::ListFieldsCategory) -> Self {
        self.category = Some(category);
        self
    }
    /// Items per page.
    pub fn page_size(mut self, page_size: u32) -> Self {
        self.page_size = Some(page_size);
        self
    }
}

impl Client {
    /// `GET /v1/field`: one page of custom field definitions.
    pub async fn list_fields(
        &self,
        category: Option<types::ListFieldsCategory>,
        cursor: Option<&str>,
        page_size: Option<i64>,
    ) -> Result<Fetched<types::CustomFieldPage>, Error> {
        self.runtime().call("list_fields", self.generated().list_fields(category, cursor, page_size)).await
    }
    /// Every client custom field definition (`GET /v1/field?category=C`, all pages), read on the
    /// first call and kept for the life of this client and its clones (definitions change only in
    /// the Pluuug admin). A failed read is not kept.
    pub async fn client_fields_cached(&self) -> Result<Vec<types::CustomField>, Error> {
        let cache = &self.generated().inner.lookups.client_fields;
        if let Some(kept) = cache.get() {
            return Ok(kept.clone());
        }
        let query = FieldsQuery::new().category(types::ListFieldsCategory::C).page_size(100);
        let read: Vec<types::CustomField> =
            self.fields(query).map_ok(|item| item.value).try_collect().await?;
        Ok(cache.get_or_init(|| read).clone())
    }

    /// Every custom field definition matching `query`, page after page as the stream is consumed
    /// (`GET /v1/field`, following each page's `next` cursor). Each item carries its own bytes in
    /// the page body and the page.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), pluuug_client::Error> {
    /// use futures::TryStreamExt;
    /// use pluuug_client::{FieldsQuery, types::ListFieldsCategory};
    /// let client = pluuug_client::Client::from_env()?;
    /// let fields: Vec<_> =
    ///     client.fields(FieldsQuery::new().category(ListFieldsCategory::Co).page_size(100)).try_collect().await?;
    /// for field in &fields {
    ///     println!("{:?} {:?} {:?}", field.id, field.name, field.data_type);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn fields(&self, query: FieldsQuery) -> ListStream<types::CustomField> {
        const OP: &str = "list_fields";
        let client = self.clone();
        let mut rules = Pagination::new(INFO.name, OP, &[&["results"]]);
        (rules.max_pages, rules.page_size) = (Some(MAX_PAGES), query.page_size.map(u64::from));
        paginate(rules, None::<String>, move |cursor| {
            let client = client.clone();
            let query = query.clone();
            async move {
                let fetched = client
                    .list_fields(query.category, cursor.as_deref(), query.page_size.map(i64::from))
                    .await?;
                let cursor = next_cursor(OP, client.base_url(), fetched.value.next.as_deref(), &fetched.raw);
                let page = Page::new(fetched.value.results, fetched.raw, fetched.status);
                Ok(match cursor {
                    Ok(next) => page.with_next(next.map(Some)),
                    Err(e) => page.then_fail(e),
                })
            }
            .boxed()
        })
    }
}
