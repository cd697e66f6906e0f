//! The customer resource: its read `GET /api/customers/{id}/detail`
//! ([`Client::get_customer_detail`]), its list `POST /api/customers/paginate` (one page,
//! [`Client::paginate_customers`], or every customer as a stream, [`Client::customers`]) and its
//! documented write `PUT /api/customers/` ([`Client::update_customer`], [`Client::edit_customer`]).
//!
//! ## The list
//!
//! The docs cap `page` at 100 (rule `integer, min 1, max 100`), so one query reaches at most
//! 100 × `page_size` customers (100 000 at the largest page size, 1000). When more match, the
//! stream yields every reachable customer and then ends with an error for which
//! [`Error::is_page_cap`] is true; it never stops short silently.
//!
//! ## The write
//!
//! nd's documented write, `PUT /api/customers/` (编辑客户信息), with the documented Laravel rules
//! checked before sending where they are unambiguous ([`check_update`]).
//!
//! The documented answer is `{"code": 0, "message": "success"}` with no record:
//! [`Client::edit_customer`] answers it as sent, [`Client::update_customer`] reads the customer
//! back with the detail call when the answer carries none.
//!
//! The docs give the path without an id placeholder; the id travels in the JSON body as `"id"`
//! (Laravel edit forms carry the key in the body), and the client requires it. Checked before
//! sending: `id` present; `name` required (its message says it must not be empty), at most 64
//! characters; `description` and `address` at most 255; `manager_id`, `industry_id`, `level_id`,
//! `department_id` integers ≥ 0; `partner_relationship`, `type` and `from` within their
//! documented values; `followers` an array. Not checked, because the docs contradict themselves
//! or give no rule: `advantageous_industry` and `credit_situation` (rule `max:32`, message says
//! 255), `area_code` (no rule). The server's own `{code, message}` answer is surfaced as a
//! `provider_error` carrying both.

use crm_runtime::{
    Error, ErrorKind, Fetched, ListStream, Page, Pagination, paginate,
    typed_body::{Mismatch, lossless},
};
use futures_util::FutureExt;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::{Client, INFO, envelope::envelope_error, types};

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
    /// The page to start at, 1..=100 (default 1): continues a list from where an earlier one
    /// stood ([`crm_runtime::PageInfo::cursor`] is the page number as text). The page cap still
    /// counts from page 1.
    pub first_page: u32,
}

impl Default for CustomersQuery {
    fn default() -> Self {
        CustomersQuery {
            page_size: DEFAULT_PAGE_SIZE,
            conditions: Vec::new(),
            sorts: Vec::new(),
            first_page: 1,
        }
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
    /// Starts at page `page` (1..=100) instead of page 1.
    pub fn first_page(mut self, page: u32) -> Self {
        self.first_page = page;
        self
    }
}

impl Client {
    /// `GET /api/customers/{id}/detail`: one customer. Accepts the documented bare payload and
    /// the `{code,message,data}` wrapper the write endpoints use; a non-zero `code` is a
    /// `provider_error` carrying code and message.
    pub async fn get_customer_detail(&self, id: &str) -> Result<Fetched<types::CustomerDetail>, Error> {
        const OP: &str = "get_customer_detail";
        let rt = self.runtime();
        rt.run(OP, async {
            let fetched =
                rt.call(OP, self.generated().get_customer_detail(id)).await.map_err(name_variant_field)?;
            fetched.try_map(|response, raw, status| match response {
                types::CustomerDetailResponse::Bare(d) => Ok(d),
                types::CustomerDetailResponse::Enveloped(env) if env.code != 0 => {
                    Err(envelope_error(OP, env.code, env.message.as_deref(), raw, status))
                }
                types::CustomerDetailResponse::Enveloped(env) => {
                    env.data.ok_or_else(|| crm_runtime::envelope_without(INFO.name, OP, "data", raw, status))
                }
            })
        })
        .await
    }

    /// `POST /api/customers/paginate`: one page of customers (`page` 1..=100, `page_size`
    /// 5..=1000 as the docs' validation rules say). A read: retried like a GET.
    pub async fn paginate_customers(
        &self,
        request: &types::PaginateRequest,
    ) -> Result<Fetched<types::CustomerPage>, Error> {
        const OP: &str = "paginate_customers";
        let rt = self.runtime();
        rt.run(OP, async {
            let fetched = rt.call(OP, self.generated().paginate_customers(request)).await?;
            fetched.try_map(|envelope, raw, status| {
                if envelope.code != 0 {
                    return Err(envelope_error(OP, envelope.code, envelope.message.as_deref(), raw, status));
                }
                envelope.data.ok_or_else(|| crm_runtime::envelope_without(INFO.name, OP, "data", raw, status))
            })
        })
        .await
    }

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
                INFO.name,
                OP,
                format!("page_size {} is outside the documented 5..=1000 (每页数量不正确)", query.page_size),
            )
            .with_field("page_size");
            return Box::pin(futures_util::stream::once(async move { Err(e) }));
        }
        if query.first_page == 0 || query.first_page > MAX_PAGE {
            // Past the cap (a list resumed after the page cap ended it): the same page-cap error.
            let e = if query.first_page > MAX_PAGE {
                Error::new(
                    ErrorKind::ProviderError,
                    INFO.name,
                    OP,
                    format!(
                        "page {} is past the page cap: one query reaches at most {MAX_PAGE} pages of {}. \
                         Narrow the query or raise the page size",
                        query.first_page, query.page_size
                    ),
                )
                .with_code(crm_runtime::paginate::PAGE_CAP_CODE)
            } else {
                Error::new(ErrorKind::Config, INFO.name, OP, "pages are numbered from 1 (page 0 asked)")
            };
            let e = e.with_field("page");
            return Box::pin(futures_util::stream::once(async move { Err(e) }));
        }
        let size = u64::from(query.page_size);
        // The cap counts pages from page 1: a list starting at page 40 reaches 61 pages.
        let rules = Pagination::new(INFO.name, OP, &[&["data", "items"], &["items"]])
            .with_cap(MAX_PAGE, size)
            .with_pages_before(query.first_page - 1);
        let client = self.clone();
        // Items listed so far (the pages are fetched one at a time, in order; the pages before
        // `first_page` count as full).
        let before = u64::from(query.first_page - 1).saturating_mul(size);
        let listed = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(before));
        paginate(rules, query.first_page, move |page| {
            let client = client.clone();
            let listed = listed.clone();
            let request = types::PaginateRequest {
                conditions: query.conditions.clone(),
                page: std::num::NonZeroU64::new(u64::from(page)),
                page_size: Some(i64::from(query.page_size)),
                sorts: query.sorts.clone(),
            };
            async move {
                let (raw, status, count, total) = client.checked_page(&request).await?;
                let before = listed.load(std::sync::atomic::Ordering::Relaxed);
                let seen = before.saturating_add(count);
                listed.store(seen, std::sync::atomic::Ordering::Relaxed);
                let full = count >= size;
                // `total` is believed only when it is at least what was listed (a `total: 0`
                // beside full pages is not); then it decides, whatever the page's fullness (a
                // server clamping `page_size` sends short pages while more exist). Otherwise a
                // short page is the last.
                let more = match total.filter(|&t| t >= seen) {
                    Some(t) => seen < t,
                    None => full,
                };
                if more && count == 0 {
                    return Err(Error::new(
                        ErrorKind::BadResponse,
                        INFO.name,
                        OP,
                        format!(
                            "page {page} is empty, but the server's total says {} customers match and \
                             {seen} were listed: the list would end short",
                            total.unwrap_or_default()
                        ),
                    )
                    .with_field("total")
                    .with_status(status)
                    .with_raw(raw));
                }
                let next = more.then(|| page.saturating_add(1));
                // Each customer is decoded again only as it is yielded (`Page::undecoded`), so a
                // page of 470 000 tiny items never holds 470 000 decoded customers at once.
                Ok(Page::undecoded(raw, status, decode_list_item)
                    .with_next(next)
                    .with_total(total)
                    .with_cursor_text(Some(page.to_string()), next.map(|n| n.to_string())))
            }
            .boxed()
        })
    }
}

impl Client {
    /// One page of [`Client::customers`]: `POST /api/customers/paginate` as the generated
    /// operation sends it, its body checked against the generated `CustomerPageEnvelope` item by
    /// item in constant memory (a mismatch names `data.items[i].field`), nothing kept but the
    /// body, the item count and `total`. A non-zero `code` is a `provider_error`, a success
    /// without `data` a `bad_response`, as [`Client::paginate_customers`] answers them.
    async fn checked_page(
        &self,
        request: &types::PaginateRequest,
    ) -> Result<(bytes::Bytes, u16, u64, Option<u64>), Error> {
        const OP: &str = "paginate_customers";
        let rt = self.runtime();
        rt.run(OP, async {
            let fetched = rt.call(OP, send_paginate(self.generated(), request)).await?;
            let (raw, status) = (fetched.raw, fetched.status);
            let envelope = fetched.value;
            if envelope.code != 0 {
                return Err(envelope_error(OP, envelope.code, envelope.message.as_deref(), &raw, status));
            }
            let Some(data) = envelope.data else {
                return Err(crm_runtime::envelope_without(INFO.name, OP, "data", &raw, status));
            };
            let total = data.total.and_then(|t| u64::try_from(t).ok());
            Ok((raw, status, data.items.len() as u64, total))
        })
        .await
    }
}

/// The generated `paginate_customers` request (same method, path, headers, JSON body and hooks),
/// its 200 answer decoded as [`CheckedEnvelope`] instead of the whole page.
async fn send_paginate(
    api: &crate::generated::Client,
    body: &types::PaginateRequest,
) -> Result<progenitor_client::ResponseValue<CheckedEnvelope>, progenitor_client::Error<()>> {
    use progenitor_client::{ClientHooks, ClientInfo, Error as P, OperationInfo, ResponseValue};
    use reqwest::header::{ACCEPT, HeaderName, HeaderValue};
    let url = format!("{}/api/customers/paginate", api.baseurl());
    let mut request = api
        .client()
        .post(url)
        .header(ACCEPT, HeaderValue::from_static("application/json"))
        .header(
            HeaderName::from_static("api-version"),
            HeaderValue::from_static(crate::generated::Client::api_version()),
        )
        .json(body)
        .build()?;
    let info = OperationInfo { operation_id: "paginate_customers" };
    api.pre(&mut request, &info).await?;
    let result = api.exec(request, &info).await;
    api.post(&result, &info).await?;
    let response = result?;
    match response.status().as_u16() {
        200 => ResponseValue::from_response(response).await,
        400 | 401 | 403 | 422 | 429 | 500..=599 => Err(P::ErrorResponse(ResponseValue::empty(response))),
        _ => Err(P::UnexpectedResponse(response)),
    }
}

/// `types::CustomerPageEnvelope` as a check: the same fields and types, each list item decoded as
/// `types::CustomerListItem` and dropped at once.
#[derive(serde::Deserialize)]
struct CheckedEnvelope {
    code: i64,
    #[serde(default)]
    data: Option<CheckedPage>,
    #[serde(default)]
    message: Option<String>,
}

/// `types::CustomerPage` as a check (see [`CheckedEnvelope`]).
#[derive(serde::Deserialize)]
struct CheckedPage {
    items: Vec<Checked<types::CustomerListItem>>,
    #[serde(default, rename = "page")]
    _page: Option<i64>,
    #[serde(default, rename = "page_size")]
    _page_size: Option<i64>,
    #[serde(default)]
    total: Option<i64>,
}

/// Deserializes as `T` would, then drops the value: `Vec<Checked<T>>` holds nothing.
struct Checked<T>(std::marker::PhantomData<T>);

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Checked<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(|_| Checked(std::marker::PhantomData))
    }
}

/// One customer of a list page, from its own bytes; a mismatch names the failing field.
fn decode_list_item(raw: &bytes::Bytes, status: u16) -> Result<types::CustomerListItem, Error> {
    serde_json::from_slice(raw).map_err(|e| {
        crm_runtime::decode_error::<types::CustomerListItem>(
            INFO.name,
            "paginate_customers",
            raw.clone(),
            &e,
            Some(status),
        )
    })
}

/// The response type is an untagged enum (wrapped or bare), for which serde can only say "no
/// variant matched". Decode again as the variant the body looks like, to name the failing field.
fn name_variant_field(e: Error) -> Error {
    if e.kind() != ErrorKind::BadResponse {
        return e;
    }
    let Some(raw) = e.raw().cloned() else { return e };
    let Ok(serde_json::Value::Object(map)) = serde_json::from_slice::<serde_json::Value>(&raw) else {
        return e;
    };
    let mut de = serde_json::Deserializer::from_slice(&raw);
    let path = if map.contains_key("code") {
        serde_path_to_error::deserialize::<_, types::CustomerDetailEnvelope>(&mut de)
            .err()
            .map(|e| (e.path().to_string(), e.into_inner().to_string()))
    } else {
        serde_path_to_error::deserialize::<_, types::CustomerDetail>(&mut de)
            .err()
            .map(|e| (e.path().to_string(), e.into_inner().to_string()))
    };
    match path {
        Some((path, why)) => {
            let mut out = Error::new(
                ErrorKind::BadResponse,
                INFO.name,
                e.operation(),
                format!("response does not match the spec at `{path}`: {why}"),
            )
            .with_field(path)
            .with_raw(raw);
            if let Some(s) = e.status() {
                out = out.with_status(s);
            }
            out
        }
        None => e,
    }
}

/// Documented values of `partner_relationship`.
pub const PARTNER_RELATIONSHIPS: [&str; 6] =
    ["intimacy", "recognized", "loose", "breakthrough", "communicating", "target"];
/// Documented values of `type`.
pub const CUSTOMER_TYPES: [&str; 3] = ["CLIENT", "TARGET_CUSTOMER", "PROSPECT"];
/// Documented values of `from`.
pub const FROMS: [&str; 2] = ["channel", "customer"];

const OP: &str = "update_customer";

fn invalid(field: &str, why: String) -> Error {
    Error::new(ErrorKind::Config, INFO.name, OP, format!("not sent: `{field}` {why}")).with_field(field)
}

fn string_max(body: &Map<String, Value>, key: &str, max: usize) -> Result<(), Error> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(()),
        Some(Value::String(s)) if s.chars().count() <= max => Ok(()),
        Some(Value::String(s)) => Err(invalid(
            key,
            format!("is {} characters; the documented rule is string,max:{max}", s.chars().count()),
        )),
        Some(other) => Err(invalid(key, format!("must be a string (rule string,max:{max}), got {other}"))),
    }
}

fn non_negative(body: &Map<String, Value>, key: &str) -> Result<(), Error> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(()),
        Some(Value::Number(n)) if n.as_u64().is_some() => Ok(()),
        Some(other) => Err(invalid(key, format!("must be an integer ≥ 0 (rule integer,min:0), got {other}"))),
    }
}

fn one_of(body: &Map<String, Value>, key: &str, allowed: &[&str]) -> Result<(), Error> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(()),
        Some(Value::String(s)) if allowed.contains(&s.as_str()) => Ok(()),
        Some(other) => {
            Err(invalid(key, format!("must be one of {} (rule in:…), got {other}", allowed.join(", "))))
        }
    }
}

/// Checks an edit body (request keys, snake_case) against the documented rules that are
/// unambiguous; the first failure is a `config` error naming the field and the rule (nothing is
/// sent).
pub fn check_update(body: &Map<String, Value>) -> Result<(), Error> {
    match body.get("id") {
        Some(Value::String(id)) if !id.trim().is_empty() => {}
        _ => return Err(invalid("id", "is required: the customer id travels in the body".to_string())),
    }
    match body.get("name") {
        Some(Value::String(name)) if !name.trim().is_empty() => string_max(body, "name", 64)?,
        _ => {
            return Err(invalid(
                "name",
                "is required on every edit (客户名称不能为空) and must not be empty".to_string(),
            ));
        }
    }
    string_max(body, "description", 255)?;
    string_max(body, "address", 255)?;
    for key in ["manager_id", "industry_id", "level_id", "department_id"] {
        non_negative(body, key)?;
    }
    one_of(body, "partner_relationship", &PARTNER_RELATIONSHIPS)?;
    one_of(body, "type", &CUSTOMER_TYPES)?;
    one_of(body, "from", &FROMS)?;
    match body.get("followers") {
        None | Some(Value::Null | Value::Array(_)) => Ok(()),
        Some(other) => {
            Err(invalid("followers", format!("must be an array of user ids (rule array), got {other}")))
        }
    }
}

impl Client {
    /// `PUT /api/customers/` (编辑客户信息) exactly as documented: edits customer `id` with
    /// `changes` (the documented snake_case edit keys) and answers what the server answered. The
    /// edit page documents `{"code": 0, "message": "success"}` — no record — so the value is
    /// `None` on that documented success, or `Some(customer)` when a server also carries the
    /// updated customer (as `data`, or bare in the detail's shape). The id travels in the body as
    /// `"id"`; the documented rules are checked first ([`check_update`]). Sent once, never
    /// retried; a non-zero `code` (HTTP 422 for validation) is a `provider_error` carrying both.
    pub async fn edit_customer<B: Serialize + ?Sized>(
        &self,
        id: &str,
        changes: &B,
    ) -> Result<Fetched<Option<types::CustomerDetail>>, Error> {
        let (_, body) = checked_edit(id, changes)?;
        let runtime = self.runtime();
        runtime
            .run(OP, async move {
                let fetched = runtime.call(OP, self.generated().update_customer(&body)).await?;
                fetched.try_map(|response, raw, status| match response {
                    types::CustomerUpdateResponse::Record(d) => Ok(Some(d)),
                    types::CustomerUpdateResponse::Documented(answer) if answer.code != 0 => {
                        Err(envelope_error(OP, answer.code, answer.message.as_deref(), raw, status))
                    }
                    // Success is the documented `code` 0; an undocumented `data` is the customer
                    // only when it has the detail's shape (Laravel's empty `[]`, `{}` do not).
                    types::CustomerUpdateResponse::Documented(answer) => {
                        Ok(answer.data.and_then(|d| serde_json::from_value::<types::CustomerDetail>(d).ok()))
                    }
                })
            })
            .await
    }

    /// [`edit_customer`](Self::edit_customer), then the resulting customer: the record the answer
    /// carried, or — on the documented `{code: 0, message}` answer, which carries none — the
    /// customer read back with the detail call (`GET /api/customers/{id}/detail`; `raw` is then
    /// the detail's body). The PUT is sent once; if the read-back fails, the error says the edit
    /// was applied (so it is not sent again) and keeps the read-back's kind.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), nd_client::Error> {
    /// let client = nd_client::Client::from_env()?;
    /// let changes = serde_json::json!({"name": "金华职业技术学院", "type": "CLIENT", "manager_id": 87});
    /// let updated = client.update_customer("65a1b2c3d4e5f60718293a4b", &changes).await?;
    /// println!("{:?}", updated.value.name);
    /// # Ok(()) }
    /// ```
    pub async fn update_customer<B: Serialize + ?Sized>(
        &self,
        id: &str,
        changes: &B,
    ) -> Result<Fetched<types::CustomerDetail>, Error> {
        let edited = self.edit_customer(id, changes).await?;
        if let Ok(carried) = edited.try_map(|record, _, _| record.ok_or(())) {
            return Ok(carried);
        }
        self.get_customer_detail(id.trim()).await.map_err(|e| {
            let mut read_back = Error::new(
                e.kind(),
                INFO.name,
                OP,
                format!(
                    "the edit was applied (nd answered code 0); reading the customer back failed, \
                     do not send the edit again: {}",
                    e.message()
                ),
            );
            if let Some(status) = e.status() {
                read_back = read_back.with_status(status);
            }
            if let Some(raw) = e.raw() {
                read_back = read_back.with_raw(raw.clone());
            }
            read_back
        })
    }
}

/// The checked body as the generated [`types::CustomerUpdate`], losslessly: re-serialized it must
/// equal the JSON given, so a key, type or `null` the spec's body cannot carry is a `config` error
/// naming the field and nothing is sent (rather than a change silently dropped).
/// The edit body [`Client::edit_customer`] sends for customer `id` (`changes` with that `id`),
/// after every check it makes — the documented keys, `name`, values that fit the documented body;
/// nothing is sent (also for a dry run).
pub fn edit_body<B: Serialize + ?Sized>(id: &str, changes: &B) -> Result<Map<String, Value>, Error> {
    checked_edit(id, changes).map(|(body, _)| body)
}

/// [`edit_body`], and the same as the generated type that is sent.
fn checked_edit<B: Serialize + ?Sized>(
    id: &str,
    changes: &B,
) -> Result<(Map<String, Value>, types::CustomerUpdate), Error> {
    let mut body = match serde_json::to_value(changes) {
        Ok(Value::Object(map)) => map,
        Ok(_) => return Err(invalid("body", "must be a JSON object of the edit keys".to_string())),
        Err(e) => return Err(invalid("body", format!("cannot be serialized: {e}"))),
    };
    let id = id.trim();
    match body.get("id").and_then(Value::as_str) {
        Some(given) if given != id => {
            return Err(invalid("id", format!("in the body ({given}) differs from the customer id ({id})")));
        }
        _ => {
            body.insert("id".into(), Value::String(id.to_string()));
        }
    }
    check_update(&body)?;
    let typed = typed_body(body.clone())?;
    Ok((body, typed))
}

fn typed_body(body: Map<String, Value>) -> Result<types::CustomerUpdate, Error> {
    lossless(&Value::Object(body), &["id", "name"]).map_err(|m| match m {
        Mismatch::Decode { field, why } => {
            invalid(field.as_deref().unwrap_or("body"), format!("does not fit the documented body: {why}"))
        }
        Mismatch::Lost { field } => invalid(
            field.as_deref().unwrap_or("body"),
            "cannot be sent as given (not a documented edit key, or a null the body does not carry)"
                .to_string(),
        ),
        _ => invalid("body", "does not fit the documented body".to_string()),
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn check(v: Value) -> Result<(), String> {
        check_update(v.as_object().unwrap()).map_err(|e| e.field().unwrap_or_default().to_string())
    }

    #[test]
    fn documented_rules_are_checked_before_sending() {
        assert_eq!(check(json!({"id": "a", "name": "金华职业技术学院"})), Ok(()));
        assert_eq!(check(json!({"name": "x"})), Err("id".into()));
        assert_eq!(check(json!({"id": "a"})), Err("name".into()));
        assert_eq!(check(json!({"id": "a", "name": " "})), Err("name".into()));
        assert_eq!(check(json!({"id": "a", "name": "长".repeat(64)})), Ok(()));
        assert_eq!(check(json!({"id": "a", "name": "长".repeat(65)})), Err("name".into()));
        assert_eq!(
            check(json!({"id": "a", "name": "n", "description": "描".repeat(256)})),
            Err("description".into())
        );
        assert_eq!(check(json!({"id": "a", "name": "n", "manager_id": -1})), Err("manager_id".into()));
        assert_eq!(check(json!({"id": "a", "name": "n", "type": "PARTNER"})), Err("type".into()));
        assert_eq!(check(json!({"id": "a", "name": "n", "from": "web"})), Err("from".into()));
        assert_eq!(
            check(json!({"id": "a", "name": "n", "partner_relationship": "close"})),
            Err("partner_relationship".into())
        );
        assert_eq!(check(json!({"id": "a", "name": "n", "followers": 1})), Err("followers".into()));
        // Ambiguous in the docs: left to the server.
        assert_eq!(check(json!({"id": "a", "name": "n", "credit_situation": "x".repeat(100)})), Ok(()));
        let e = check_update(json!({"id": "a", "name": "长".repeat(65)}).as_object().unwrap()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Config);
        assert!(e.message().contains("65 characters") && e.message().contains("max:64"), "{e}");
    }

    #[test]
    fn a_list_page_is_checked_item_by_item_and_a_mismatch_names_the_field() {
        let raw = bytes::Bytes::from_static(
            br#"{"code":0,"message":"success","data":{"items":[{"id":"a"},{"id":"b","name":7}],"total":2}}"#,
        );
        let e = serde_json::from_slice::<CheckedEnvelope>(&raw).err().unwrap();
        let e = crm_runtime::decode_error::<CheckedEnvelope>(INFO.name, "paginate_customers", raw, &e, None);
        assert_eq!(e.field(), Some("data.items[1].name"), "{e}");
        let ok: CheckedEnvelope =
            serde_json::from_slice(br#"{"code":0,"data":{"items":[{"id":"a"}],"page":1,"total":1}}"#)
                .unwrap();
        let data = ok.data.unwrap();
        assert_eq!((data.items.len(), data.total), (1, Some(1)));
    }

    #[test]
    fn a_list_starting_past_the_page_cap_is_the_page_cap_error() {
        use futures::StreamExt;
        let client = Client::builder().base_url("http://127.0.0.1:9").build().unwrap();
        let first = |page| {
            let mut list = client.customers(CustomersQuery::new().first_page(page));
            futures::executor::block_on(list.next()).unwrap().err().unwrap()
        };
        let e = first(101);
        assert!(e.is_page_cap(), "{e}");
        assert_eq!(first(0).kind(), ErrorKind::Config);
    }

    #[test]
    fn the_body_converts_losslessly_into_the_generated_type_or_names_the_field() {
        let body = |v: Value| v.as_object().unwrap().clone();
        let ok = typed_body(body(json!({"id": "a", "name": "金华", "description": "描述"}))).unwrap();
        assert_eq!(
            serde_json::to_value(&ok).unwrap(),
            json!({"id": "a", "name": "金华", "description": "描述"})
        );
        for (v, field) in [
            (json!({"id": "a", "name": "n", "nope": 1}), "nope"),
            (json!({"id": "a", "name": "n", "description": null}), "description"),
        ] {
            let e = typed_body(body(v)).unwrap_err();
            assert_eq!((e.kind(), e.field()), (ErrorKind::Config, Some(field)), "{e}");
        }
    }
}
