//! The client (customer) resource: its read `GET /v1/client/{client_id}` and documented write
//! `PATCH /v1/client/{client_id}`, and the client endpoints seen in integrations: `POST /v1/client`,
//! `DELETE /v1/client/{client_id}`, `GET /v1/client` (cursor list) and `GET /v1/client/status`,
//! which public integrations call but the vendor docs we read do not show.
//!
//! Every write is signed over the exact bytes sent (the body is serialized once, and those bytes
//! are both signed and sent), sent once and never retried. Validation errors come back as DRF's
//! `{"field": ["message"]}` and surface as a `provider_error` whose message names each field.

use crm_runtime::{
    Error, ErrorKind, Fetched, ListStream, Page, Pagination, paginate,
    typed_body::{Mismatch, lossless},
};
use futures_util::FutureExt;
use reqwest::Method;
use serde::{Serialize, de::DeserializeOwned};

use crate::{
    Client, INFO, types,
    wire::{Checked, decode_list, next_cursor, send, validation},
};

/// The body keys the docs give for `PATCH /v1/client/{client_id}` (all optional).
pub const CLIENT_FIELDS: [&str; 16] = [
    "status",
    "companyName",
    "inCharge",
    "position",
    "contact",
    "email",
    "content",
    "businessRegistrationNumber",
    "ceoName",
    "companyAddress",
    "companyDetailAddress",
    "businessType",
    "businessClass",
    "branchNumber",
    "taxInvoiceEmail",
    "fieldSet",
];

/// The write fields the docs mark nullable (the detail page's `Nullable: yes`): `null` clears
/// them. The spec says so too, but the generated all-optional body types cannot carry a `null`
/// (an unset `Option` is skipped), so a body clearing one of these is sent by `write_nulls`.
pub const NULLABLE_FIELDS: [&str; 3] = ["inCharge", "position", "contact"];

/// `body` (a `serde_json::json!` object, the generated type itself, or your own struct) as the
/// generated body type `T`, checked before anything is sent: the conversion must be lossless (the
/// typed body serializes back to exactly the JSON given), so an unknown key, a wrongly typed
/// value or a `null` the spec cannot carry is a `config` error naming the field rather than a
/// silently dropped change. The generated operation then serializes `T` once; the `pre` hook
/// signs those exact bytes.
fn typed_body<T: Serialize + DeserializeOwned>(
    operation: &'static str,
    body: &(impl Serialize + ?Sized),
    required: &[&str],
) -> Result<T, Error> {
    let config = |message: String| Error::new(ErrorKind::Config, INFO.name, operation, message);
    let given =
        serde_json::to_value(body).map_err(|e| config(format!("the body cannot be serialized: {e}")))?;
    lossless(&given, required).map_err(|m| {
        config(match m {
            Mismatch::Decode { field: Some(field), why } => format!("field `{field}`: {why}"),
            Mismatch::Decode { field: None, why } => {
                format!("the body does not fit the {operation} request: {why}")
            }
            Mismatch::Lost { field: Some(field) } => format!(
                "field `{field}`: the value cannot be sent as given (unknown field, or a null the \
                 {operation} body does not carry)"
            ),
            Mismatch::Lost { field: None } => {
                format!("the body is not a JSON object with the {operation} fields")
            }
            _ => format!("the body does not fit the {operation} request"),
        })
    })
}

/// `body` as [`typed_body`] checks it, with the `null`s of [`NULLABLE_FIELDS`] set aside: the
/// typed body, and the keys to send as `null` beside it.
fn typed_body_with_nulls<T: Serialize + DeserializeOwned>(
    operation: &'static str,
    body: &(impl Serialize + ?Sized),
    required: &[&str],
) -> Result<(T, Vec<&'static str>), Error> {
    let config = |message: String| Error::new(ErrorKind::Config, INFO.name, operation, message);
    let mut given =
        serde_json::to_value(body).map_err(|e| config(format!("the body cannot be serialized: {e}")))?;
    let mut nulls = Vec::new();
    if let Some(map) = given.as_object_mut() {
        for key in NULLABLE_FIELDS {
            if map.get(key).is_some_and(serde_json::Value::is_null) {
                map.remove(key);
                nulls.push(key);
            }
        }
    }
    Ok((typed_body(operation, &given, required)?, nulls))
}

/// The bytes of a body that clears fields: the typed body plus each of `nulls` as `null`,
/// serialized once (those bytes are signed and sent).
fn write_nulls<T: Serialize>(operation: &'static str, body: &T, nulls: &[&str]) -> Result<Vec<u8>, Error> {
    let config = |message: String| Error::new(ErrorKind::Config, INFO.name, operation, message);
    let mut value =
        serde_json::to_value(body).map_err(|e| config(format!("the body cannot be serialized: {e}")))?;
    if let Some(map) = value.as_object_mut() {
        for key in nulls {
            map.insert((*key).to_string(), serde_json::Value::Null);
        }
    }
    serde_json::to_vec(&value).map_err(|e| config(format!("the body cannot be serialized: {e}")))
}

/// One client of a list page, from its own bytes; a mismatch names the failing field.
fn decode_client(raw: &bytes::Bytes, status: u16) -> Result<types::Client, Error> {
    serde_json::from_slice(raw).map_err(|e| {
        crm_runtime::decode_error::<types::Client>(INFO.name, "list_clients", raw.clone(), &e, Some(status))
    })
}

/// A client id given as text (as the CLI and `CustomerSource` take it) for `operation`: the
/// integer Pluuug client ids are, or a `config` error that names it (shown escaped and cut), with
/// nothing sent.
pub fn parse_client_id(client_id: &str, operation: &'static str) -> Result<i64, Error> {
    crm_runtime::check_id(client_id)
        .map_err(|why| Error::new(ErrorKind::Config, INFO.name, operation, why))?;
    client_id.trim().parse::<i64>().map_err(|_| {
        let shown: String = client_id.chars().take(40).collect::<String>().escape_debug().to_string();
        Error::new(
            ErrorKind::Config,
            INFO.name,
            operation,
            format!("invalid client id `{shown}`: Pluuug client ids are integers"),
        )
    })
}

/// The checks [`Client::update_client`] makes before sending, without sending: `changes` fits the
/// documented PATCH body (for a dry run).
pub fn check_update_body(changes: &(impl Serialize + ?Sized)) -> Result<(), Error> {
    typed_body_with_nulls::<types::ClientPatch>("update_client", changes, &[]).map(|_| ())
}

/// What [`Client::clients`] lists.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct ClientsQuery {
    /// Items per page; the server's default when unset.
    pub page_size: Option<u32>,
    /// Free-text search (`search`, as the inquiry list takes it; the server ignores it if unknown).
    pub search: Option<String>,
    /// Only clients in this status (`status_id`).
    pub status_id: Option<i64>,
    /// The DRF cursor of the page to start at (the first page when unset): continues a list from
    /// where an earlier one stood ([`crm_runtime::PageInfo::cursor`]).
    pub cursor: Option<String>,
}

impl ClientsQuery {
    /// Every client, the server's page size.
    pub fn new() -> Self {
        Self::default()
    }
    /// Items per page.
    pub fn page_size(mut self, page_size: u32) -> Self {
        self.page_size = Some(page_size);
        self
    }
    /// Free-text search.
    pub fn search(mut self, text: impl Into<String>) -> Self {
        self.search = Some(text.into());
        self
    }
    /// Only clients in status `id`.
    pub fn status_id(mut self, id: i64) -> Self {
        self.status_id = Some(id);
        self
    }
    /// Starts at the page of DRF cursor `cursor` instead of the first page.
    pub fn cursor(mut self, cursor: impl Into<String>) -> Self {
        self.cursor = Some(cursor.into());
        self
    }
}

impl Client {
    /// `GET /v1/client/{client_id}`: one client (customer), a bare object.
    pub async fn get_client(&self, client_id: i64) -> Result<Fetched<types::Client>, Error> {
        self.runtime().call("get_client", self.generated().get_client(client_id)).await
    }

    /// `GET /v1/client/{client_id}` with the id as text, as the CLI and `CustomerSource` take it.
    /// A non-integer id is a `config` error: Pluuug client ids are integers.
    pub async fn get_client_by_str(&self, client_id: &str) -> Result<Fetched<types::Client>, Error> {
        self.get_client(parse_client_id(client_id, "get_client")?).await
    }

    /// `PATCH /v1/client/{client_id}`: changes the fields in `changes` (any of
    /// [`CLIENT_FIELDS`]; a `serde_json::json!` object or your own struct) and answers the full
    /// updated client. The body is serialized once; those exact bytes are signed and sent. Sent
    /// once, never retried; a DRF validation error is a `provider_error` naming each field.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), pluuug_client::Error> {
    /// let client = pluuug_client::Client::from_env()?;
    /// let updated = client.update_client(123, &serde_json::json!({"inCharge": "김철수", "status": {"id": 2}})).await?;
    /// println!("{:?}", updated.value.in_charge);
    /// # Ok(()) }
    /// ```
    pub async fn update_client<B: Serialize + ?Sized>(
        &self,
        client_id: i64,
        changes: &B,
    ) -> Result<Fetched<types::Client>, Error> {
        const OP: &str = "update_client";
        let (body, nulls): (types::ClientPatch, _) = typed_body_with_nulls(OP, changes, &[])?;
        let runtime = self.runtime();
        if !nulls.is_empty() {
            // Clearing a nullable field: the same PATCH through the same hooks, its bytes
            // carrying the `null`s the generated type cannot.
            let bytes = write_nulls(OP, &body, &nulls)?;
            let path = format!("/v1/client/{client_id}");
            let call = send::<types::Client>(self.generated(), Method::PATCH, &path, Some(bytes), OP, &[200]);
            return runtime.run(OP, async { runtime.call(OP, call).await.map_err(validation) }).await;
        }
        let call = self.generated().patch_client(client_id, &body);
        // `run`: one deadline, and secrets redacted from the validation message built below.
        runtime.run(OP, async { runtime.call(OP, call).await.map_err(validation) }).await
    }

    /// `POST /v1/client` (seen in integrations, not in the vendor docs): creates a client
    /// (`companyName` required) and answers it as created (201).
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), pluuug_client::Error> {
    /// let client = pluuug_client::Client::from_env()?;
    /// let created = client.create_client(&serde_json::json!({"companyName": "플러그 주식회사"})).await?;
    /// println!("created client {:?}", created.value.id);
    /// # Ok(()) }
    /// ```
    pub async fn create_client<B: Serialize + ?Sized>(
        &self,
        fields: &B,
    ) -> Result<Fetched<types::Client>, Error> {
        const OP: &str = "create_client";
        let (body, nulls): (types::ClientCreate, _) = typed_body_with_nulls(OP, fields, &["companyName"])?;
        let runtime = self.runtime();
        if !nulls.is_empty() {
            let bytes = write_nulls(OP, &body, &nulls)?;
            let call = send::<types::Client>(
                self.generated(),
                Method::POST,
                "/v1/client",
                Some(bytes),
                OP,
                &[200, 201],
            );
            return runtime.run(OP, async { runtime.call(OP, call).await.map_err(validation) }).await;
        }
        let call = self.generated().create_client(&body);
        runtime.run(OP, async { runtime.call(OP, call).await.map_err(validation) }).await
    }

    /// `DELETE /v1/client/{client_id}` (seen in integrations): 204 on success. Never retried: a
    /// timeout after sending is an outcome-unknown error.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), pluuug_client::Error> {
    /// pluuug_client::Client::from_env()?.delete_client(123).await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete_client(&self, client_id: i64) -> Result<Fetched<()>, Error> {
        const OP: &str = "delete_client";
        let call = self.generated().delete_client(client_id);
        self.runtime().run(OP, self.runtime().call(OP, call)).await
    }

    /// `GET /v1/client/status` (seen in integrations): the business's client statuses
    /// (`{id, title}`), so a client's status id can be named. Accepts a page or a bare array.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), pluuug_client::Error> {
    /// for status in pluuug_client::Client::from_env()?.client_statuses().await?.value {
    ///     println!("{:?} {:?}", status.id, status.title);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn client_statuses(&self) -> Result<Fetched<Vec<types::ClientStatus>>, Error> {
        const OP: &str = "list_client_statuses";
        let call = send::<serde::de::IgnoredAny>(
            self.generated(),
            Method::GET,
            "/v1/client/status",
            None,
            OP,
            &[200],
        );
        let runtime = self.runtime();
        runtime
            .run(OP, async {
                let fetched = runtime.call(OP, call).await?;
                let (statuses, _) = decode_list(OP, &fetched.raw, fetched.status)?;
                Ok(fetched.map(|_| statuses))
            })
            .await
    }

    /// The business's client statuses ([`client_statuses`](Self::client_statuses)), read on the
    /// first call and kept for the life of this client and its clones (statuses are defined in the
    /// Pluuug admin). A failed read is not kept.
    pub async fn client_statuses_cached(&self) -> Result<Vec<types::ClientStatus>, Error> {
        let cache = &self.generated().inner.lookups.statuses;
        if let Some(kept) = cache.get() {
            return Ok(kept.clone());
        }
        let read = self.client_statuses().await?.value;
        Ok(cache.get_or_init(|| read).clone())
    }

    /// Every client (`GET /v1/client`, seen in integrations), page after page as the stream is
    /// consumed, following each page's `next` cursor; a bare-array answer is one page. At most
    /// [`MAX_PAGES`](crate::MAX_PAGES) pages: beyond, the stream ends with a page-cap error
    /// (`Error::is_page_cap`) after every reachable client. A `next` link without a cursor ends
    /// it with an error after that page's clients.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), pluuug_client::Error> {
    /// use futures::TryStreamExt;
    /// let client = pluuug_client::Client::from_env()?;
    /// let mut clients = client.clients(pluuug_client::ClientsQuery::new().page_size(100));
    /// while let Some(c) = clients.try_next().await? {
    ///     println!("{:?} {:?}", c.id, c.company_name);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn clients(&self, query: ClientsQuery) -> ListStream<types::Client> {
        const OP: &str = "list_clients";
        let client = self.clone();
        let mut rules = Pagination::new(INFO.name, OP, &[&["results"], &[]]);
        (rules.max_pages, rules.page_size) = (Some(crate::MAX_PAGES), query.page_size.map(u64::from));
        paginate(rules, query.cursor.clone(), move |cursor| {
            let (client, query) = (client.clone(), query.clone());
            async move {
                let mut url = reqwest::Url::parse("http://x/v1/client").expect("static URL");
                {
                    let mut q = url.query_pairs_mut();
                    if let Some(c) = &cursor {
                        q.append_pair("cursor", c);
                    }
                    if let Some(n) = query.page_size {
                        q.append_pair("page_size", &n.to_string());
                    }
                    if let Some(s) = &query.search {
                        q.append_pair("search", s);
                    }
                    if let Some(s) = query.status_id {
                        q.append_pair("status_id", &s.to_string());
                    }
                }
                let path = match url.query() {
                    Some(q) if !q.is_empty() => format!("/v1/client?{q}"),
                    _ => "/v1/client".to_string(),
                };
                let this = cursor.clone();
                let call =
                    send::<serde::de::IgnoredAny>(client.generated(), Method::GET, &path, None, OP, &[200]);
                let runtime = client.runtime();
                let fetched = runtime.run(OP, runtime.call(OP, call)).await?;
                // Every client checked now (a mismatch fails the page, naming `results[i].field`)
                // but none kept: each is decoded again only as it is yielded
                // (`Page::undecoded`), so a page of 600 000 tiny items never holds 600 000
                // decoded clients at once.
                let (_, next) = runtime
                    .run(OP, async {
                        decode_list::<Checked<types::Client>>(OP, &fetched.raw, fetched.status)
                    })
                    .await?;
                let cursor = next_cursor(OP, client.base_url(), next.as_deref(), &fetched.raw);
                let page = Page::undecoded(fetched.raw, fetched.status, decode_client);
                // A `next` that cannot be followed ends the list after this page's items.
                Ok(match cursor {
                    Ok(next) => page.with_cursor_text(this, next.clone()).with_next(next.map(Some)),
                    Err(e) => page.with_cursor_text(this, None).then_fail(e),
                })
            }
            .boxed()
        })
    }
}
