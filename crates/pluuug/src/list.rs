//! Pluuug's DRF cursor lists as streams: [`Client::fields`] (`GET /v1/field`).
//!
//! A DRF cursor page is `{next, previous, results}`; `next` is an absolute URL whose `cursor`
//! query parameter is the opaque cursor of the next page. The stream digs it out and follows it
//! until `next` is null, a page is empty, or the server hands back a cursor already visited (an
//! error: it would otherwise loop forever), or [`MAX_PAGES`] pages were followed (a page-cap
//! error). A `next` link without a cursor ends the stream with an error after that page's items.

use crm_runtime::{Error, ErrorKind, ListStream, Page, Pagination, paginate};
use futures::FutureExt;

use crate::{Client, PROVIDER, types};

/// The most pages one Pluuug list follows. Pluuug documents no cap, but a server that hands out
/// a new cursor with every page would otherwise be followed forever: past this many pages the
/// stream ends with a page-cap error (`Error::is_page_cap`, exit 5 in the CLI) after every
/// client reached (100 000 clients at 100 per page).
pub const MAX_PAGES: u32 = 1000;

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

/// The `cursor` parameter of a DRF `next` link (absolute, or relative to `base`); `Ok(None)` when
/// there is no next page.
pub(crate) fn next_cursor(
    op: &'static str,
    base: &str,
    next: Option<&str>,
    raw: &bytes::Bytes,
) -> Result<Option<String>, Error> {
    let Some(next) = next.map(str::trim).filter(|n| !n.is_empty()) else {
        return Ok(None);
    };
    let url = reqwest::Url::parse(next).or_else(|_| reqwest::Url::parse(base).and_then(|b| b.join(next)));
    let cursor =
        url.ok().and_then(|u| u.query_pairs().find(|(k, _)| k == "cursor").map(|(_, v)| v.into_owned()));
    match cursor.filter(|c| !c.is_empty()) {
        Some(c) => Ok(Some(c)),
        None => Err(Error::new(
            ErrorKind::BadResponse,
            PROVIDER,
            op,
            "the page's `next` link carries no `cursor` parameter; cannot follow it",
        )
        .with_field("next")
        .with_raw(raw.clone())),
    }
}

impl Client {
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
        let mut rules = Pagination::new(PROVIDER, OP, &[&["results"]]);
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

#[cfg(test)]
mod tests {
    use super::next_cursor;

    #[test]
    fn the_cursor_comes_out_of_absolute_and_relative_next_links() {
        let raw = bytes::Bytes::new();
        let base = "https://openapi.pluuug.com";
        let got = |next| next_cursor("list_fields", base, next, &raw);
        assert_eq!(got(None).unwrap(), None);
        assert_eq!(got(Some("")).unwrap(), None);
        assert_eq!(
            got(Some("https://openapi.pluuug.com/v1/field?cursor=cD00ODY%3D&page_size=2"))
                .unwrap()
                .as_deref(),
            Some("cD00ODY=")
        );
        assert_eq!(got(Some("/v1/field?page_size=2&cursor=abc")).unwrap().as_deref(), Some("abc"));
        assert!(got(Some("https://openapi.pluuug.com/v1/field?page=2")).is_err());
    }
}
