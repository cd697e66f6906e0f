//! An embedded simulator of the customer APIs of Pluuug, Gofive (Venio), eshouhou (易售后) and
//! nd, served over real HTTP on one `127.0.0.1` port.
//!
//! It implements the *providers'* side of each API from the vendor documentation: their paths,
//! their authentication checks, their envelopes and error bodies, a seeded deterministic dataset
//! and a set of reserved customer ids that trigger faults. Tests, benchmarks and the
//! `crm-customers sandbox` / `--sandbox` commands run against it.
//!
//! It deliberately shares no signing, token or envelope code with the client crates: every check
//! here is an independent implementation, so a bug on one side of the wire cannot hide behind the
//! same bug on the other. It is not a general mock server (no expectations, no recording).
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use customer_sandbox::{Provider, Sandbox};
//!
//! let sandbox = Sandbox::start().await?;
//! let url = format!("{}/api/customers/id/detail", sandbox.base_url());
//! let ids = sandbox.customer_ids(Provider::Nd);
//! assert!(ids.len() >= 20);
//! println!("GET {url} with Authorization: Bearer {:?}", sandbox.credentials().nd_token);
//! sandbox.shutdown().await;
//! # Ok(())
//! # }
//! ```
//!
//! A command line serves until interrupted with a fixed port and [`Sandbox::run_until`]:
//!
//! ```no_run
//! # async fn cli() -> std::io::Result<()> {
//! let sandbox = customer_sandbox::Sandbox::builder().port(8080).start().await?;
//! println!("listening on {}", sandbox.base_url());
//! sandbox
//!     .run_until(async {
//!         let _ = tokio::signal::ctrl_c().await;
//!     })
//!     .await;
//! # Ok(())
//! # }
//! ```
//!
//! # Built-in credentials
//!
//! Public sandbox values, used by [`Sandbox::start`] and [`Credentials::default`]:
//!
//! | provider | credential | value |
//! |---|---|---|
//! | pluuug | `X-API-Key` | `sandbox-pluuug-api-key` |
//! | pluuug | secret key (HMAC key for `X-Signature`) | `sandbox-pluuug-secret-key` |
//! | gofive | `Ocp-Apim-Subscription-Key` | `sandbox-gofive-subscription-key` |
//! | gofive | `client_id` | `sandbox-gofive-client-id` |
//! | gofive | `client_secret` | `sandbox-gofive-client-secret` |
//! | eshouhou | `appid` | `ysh54dd4f8arinfx` (the vendor's documented example) |
//! | eshouhou | `appSecret` | `45e1cc23a7144a28ab110804491e3135` (the vendor's documented example) |
//! | nd | `Authorization: Bearer` token | `sandbox-nd-token` (`SandboxBuilder::nd_token(None)` turns nd auth off) |
//!
//! # Endpoints
//!
//! | provider | method and path | auth |
//! |---|---|---|
//! | pluuug | `GET /v1/client/{client_id}` | `X-API-Key` + `X-Signature` = lowercase hex HMAC-SHA256(secret key, exact body bytes received; `""` without body) |
//! | pluuug | `PATCH /v1/client/{client_id}` (partial update; 200 + the whole client) | same |
//! | pluuug | `DELETE /v1/client/{client_id}` (204, empty body) | same |
//! | pluuug | `GET /v1/client?cursor=&page_size=` (DRF cursor page in id order) | same |
//! | pluuug | `POST /v1/client` (`companyName` required; 201 + the client) | same |
//! | pluuug | `GET /v1/client/status` (one DRF cursor page of `{id, title}`) | same |
//! | pluuug | `GET /v1/field?category=&cursor=&page_size=` | same (DRF cursor page, `page_size` default 20, max 1000) |
//! | gofive | `POST /authorization/connect/token` (form: `grant_type=client_credentials`; the client as form `client_id` + `client_secret` or HTTP Basic, RFC 6749 §2.3.1) | `Ocp-Apim-Subscription-Key` |
//! | gofive | `GET /v3/customers/{customerCode}` | `Ocp-Apim-Subscription-Key` + `Authorization: Bearer <token>` |
//! | gofive | `POST /v3/customers` (upsert: no `customerCode` creates, a known code updates) | same |
//! | eshouhou | `GET /api/TokenApi?appid=&timestamp=&sign=&expire=` | `sign` = MD5(appid + appSecret + timestamp), **uppercase** hex (lowercase is `40002`) |
//! | eshouhou | `GET /open/v2/Customer/GetCustomer?access_token=&customerId=` | `access_token` query parameter |
//! | eshouhou | `GET /open/v2/Customer/GetCustomerContacts?access_token=&condition=&searchKey=&pageIndex=&pageSize=` | same (`pageIndex` 1-based, `pageSize` default 20; `condition` below) |
//! | nd | `GET /api/customers/{id}/detail` | `Authorization: Bearer <nd token>` when one is configured |
//! | nd | `POST /api/customers/paginate` (JSON `{page, page_size, conditions, sorts}`) | same |
//! | nd | `PUT /api/customers/` (JSON with the customer's `id`; also without the trailing slash) | same |
//! | control | `POST /__sandbox/expire-tokens` | none; same as [`Sandbox::expire_tokens`] |
//! | control | `GET /__sandbox/stats` | none; [`Stats`] as JSON |
//! | control | `GET /__sandbox/ids/{provider}` | none; [`Sandbox::customer_ids`] as a JSON array |
//!
//! Success and error bodies follow each provider's documentation: Pluuug answers bare DRF objects
//! and `{"detail": ...}` errors; Gofive wraps data in `{"status":{"code","description"},"data"}`
//! and its gateway answers `{"statusCode","message"}`; eshouhou answers
//! `{"ResultCode","ErrorMsg","ResultValue"}` with HTTP 200 even for errors; nd answers bare
//! detail objects (except ids starting with `w`, which come wrapped as
//! `{"code":0,"message":"success","data":{...}}`) and `{"code","message"}` errors. Gofive tokens
//! live 3600 s (its documented example); eshouhou tokens the `expire` parameter in hours (1–24),
//! 2 hours (7200 s) without it, as documented. [`SandboxBuilder::token_ttl`] sets the Gofive
//! lifetime and caps eshouhou's.
//!
//! # Writes
//!
//! Stateful in memory, per sandbox: a write changes what the next detail and list requests
//! return, and [`Sandbox::customer_ids`].
//!
//! - Pluuug `PATCH` / `POST`: Django REST Framework validation, all errors at once as 400
//!   `{"field": ["message"]}` (nested serializers nested, `fieldSet` as a list with `{}` for valid
//!   items): string fields (`companyName` ≤ 128 and not blank or null; `inCharge`, `position` ≤ 64;
//!   `contact` ≤ 128; `businessRegistrationNumber` ≤ 16; `companyAddress` ≤ 256; `branchNumber` ≤ 4;
//!   `email` / `taxInvoiceEmail` valid addresses); `status: {"id"}` an existing status (`Invalid pk
//!   "N" - object does not exist.`); `fieldSet: [{"field": {"id"}, "value"}]` a client custom field
//!   with a value of its data type (SL/ML option ids must exist). `fieldSet` entries replace the
//!   value of the same field and add the others (ASSUMPTION: the docs do not say). Unknown keys are
//!   ignored, as DRF does. A body that is not a JSON object is 400 `non_field_errors`.
//! - Gofive `POST /v3/customers`: `customerName` (non-empty string) and `customerState` (integer)
//!   required; the documented fields typed as the vendor documents them (`customerEmail` not null).
//!   A failure is HTTP 400 with `{"status":{"code":"4001" (one error) or "4002" (several),
//!   "description"},"data":null}`; an unknown `customerCode` is the 404 not-found envelope.
//!   Created customers get codes `C000100`, `C000101`, …; an update writes the fields present and
//!   keeps the others (ASSUMPTION). The answer is the envelope around the customer as GET returns it.
//! - nd `PUT /api/customers/`: the id travels in the body as `"id"` (a missing id is 422
//!   `trans:validate.CUSTOMER_NOT_FOUND`, an unknown one 404). The documented Laravel rules, in
//!   order, the first failure answered as 422 `{"code":422,"message":...}` with the documented
//!   message: `name` required ≤ 64 (`客户名称不能为空,不能超过64个字符`), `manager_id` a known owner
//!   (`负责人不存在`), `description` ≤ 255, `industry_id` a known industry, `area_code` a known region,
//!   `level_id`, `department_id`, `address` ≤ 255, `partner_relationship` / `type` / `from` in their
//!   documented sets (`合作关系字段错误`, `客户类型不正确`, `来源字段错误`), `followers` known user ids,
//!   `advantageous_industry` / `credit_situation` ≤ 32 (the rule; the message says 255). The
//!   answer is the documented `{"code":0,"message":"success"}`, without the record.
//!
//! # eshouhou `condition`
//!
//! `GetCustomerContacts` filters with the documented `condition`: JSON text with case-sensitive
//! keys `sys_customername`, `sys_name`, `sys_telephone`, `sys_title` (substring matches) and
//! `sys_startdate` / `sys_enddate` (the contact's creation date, inclusive, `YYYY-MM-DD`); empty
//! values do not filter. A `condition` that is not a JSON object answers `ResultCode` `40000`
//! (ASSUMPTION). There is no customer-id filter (none is documented).
//!
//! # Throttles
//!
//! Off by default; [`SandboxBuilder::throttle`] (CLI `--throttle PROVIDER=N/SECS`) turns one on,
//! counted the way the provider's stack counts. Credentials are checked first (a rejected request
//! is never throttled or counted), and a refused request is not counted either.
//!
//! | provider | stack and key | window | refused request |
//! |---|---|---|---|
//! | pluuug | DRF `SimpleRateThrottle`, API key | sliding (a log of request times) | 429, `Retry-After` = seconds until the oldest request leaves the window, rounded up; `{"detail":"Request was throttled. Expected available in N seconds."}` (`1 second.` for 1) |
//! | gofive | Azure APIM `rate-limit-by-key`, subscription key; the token endpoint counts too | sliding (APIM's `renewal-period`) | 429, `Retry-After`; `{"statusCode":429,"message":"Rate limit is exceeded. Try again in N seconds."}` |
//! | nd | Laravel `ThrottleRequests`, bearer token (one key without auth) | fixed, opened by the first hit | 429, `Retry-After`, `X-RateLimit-Limit`, `X-RateLimit-Remaining: 0`, `X-RateLimit-Reset` (Unix time); `{"code":429,"message":"Too Many Attempts."}`. Allowed responses carry `X-RateLimit-Limit` and `X-RateLimit-Remaining` |
//! | eshouhou | ASSUMPTION (nothing documented): appid | fixed | 429, `Retry-After`; `{"ResultCode":429,"ErrorMsg":"请求过于频繁，请稍后再试","ResultValue":null}` |
//!
//! [`SandboxBuilder::throttle_first`] makes the first N customer requests of a provider answer
//! its 429 with a chosen `Retry-After` (token endpoints excluded), and the reserved ids `9944SS`
//! do it for one id. [`Stats::throttled`] counts every 429 sent.
//!
//! # Drift
//!
//! [`SandboxBuilder::drift`] (CLI `--drift PROVIDER`) makes a provider's customer-detail success
//! responses carry exactly the three changes [`drift::expected`] lists; see [`drift`].
//!
//! # Dataset
//!
//! Deterministic and the same in every new sandbox ([`Sandbox::customer_ids`] lists it): per
//! provider the vendor's documented example record served verbatim (Pluuug `123`, Gofive
//! `C000055`, eshouhou `dc540ce7-5bc5-4275-b8fa-2004eb5839e3`, nd `id`) plus twenty realistic
//! records (Pluuug `1001`..=`1020`, Gofive `C000001`..=`C000020`, twenty eshouhou GUIDs, twenty
//! 24-hex-digit nd ids plus two wrapped `w…` ids), and [`SandboxBuilder::nd_extra_customers`]
//! more nd records. They cover absent, null and empty optional fields, every Pluuug
//! custom-field `dataType` plus an unknown one, unknown enum values, the documented type
//! contradictions (Gofive `contact` vs `contacts`, eshouhou `ResultCode` and `ShowType` as
//! strings, nd `areaCode` as string or array, money as number or string), and the vendors' own
//! shapes: Gofive individuals (`customerType` 2) with one `contact` object, numeric
//! coordinates, `customerGender`, `customerMaritalStatus`, `customerBirthdate`,
//! `customerPosition` and every `customerSocialAccount` key, custom fields as
//! `{customFieldName, customFieldValue: [..]}`, `locationType` 1 and 2; Pluuug custom values
//! typed (B `true`/`false`, N numbers, D `YYYY-MM-DD`, SL `{"id"}`, ML `[{"id"}]` with
//! 15-character option ids, M member ids as numbers; clients `1004` and `1015` send every
//! value as a string, `1008` one null value); eshouhou rows whose `Value` is null, a number or a
//! boolean.
//!
//! # Fault knobs
//!
//! These reserved ids work as the customer id of every detail endpoint (Pluuug `client_id`,
//! Gofive `customerCode`, eshouhou `customerId`, nd `id`). Authentication is checked first. Counts
//! are per provider and id, since the server started.
//!
//! | id | response |
//! |---|---|
//! | `990429` | 429 with `Retry-After: 1`, every time |
//! | `990500`, `990502`, `990504` | that status, every time, with the provider's usual error body |
//! | `990503` | 503 with `Retry-After: 1`, every time |
//! | `99142N` (N = 1..9) | 429 with `Retry-After: 0` for the first N requests, then a valid record with that id |
//! | `99150N` (N = 1..9) | 503 with `Retry-After: 0` for the first N requests, then a valid record with that id |
//! | `990001` | the provider's error envelope with HTTP 200 (Gofive code `4002`, eshouhou `50001`, nd `50001`); Pluuug: 400 `{"detail":"Invalid request."}` |
//! | `990002` | 200 with malformed JSON |
//! | `990003` | 200 with the first half of a valid record (correct `Content-Length` for what is sent) |
//! | `990004` | 200 with a wrong-typed field (Pluuug `id` object, Gofive `data` string, eshouhou `ResultValue` number, nd `name` array) |
//! | `990005` | 200 with a valid JSON body of about 12 MiB, streamed |
//! | `990006` | no answer for 300 s (cut short by shutdown) |
//! | `990007` | 200 with the body `null` |
//! | `990401` | the provider's credential rejection (Pluuug 401, Gofive 401 gateway body, eshouhou `40100`, nd 401) |
//! | `990408` | first request only: Gofive 401 `invalid_token` / eshouhou `40100`; then a valid record (Pluuug and nd have no expiring tokens: always a record) |
//! | `9944SS` (SS = 00..99) | first request only: the provider's throttled 429 (as in the throttle table) with `Retry-After: SS`; then a valid record |
//!
//! Server-wide: [`SandboxBuilder::fault`] gives every customer request one reserved id's fault
//! (`crm-customers sandbox --fault 990503`), besides [`SandboxBuilder::latency`],
//! [`SandboxBuilder::token_ttl`], [`SandboxBuilder::throttle`], [`SandboxBuilder::throttle_first`],
//! [`SandboxBuilder::drift`] and the ASSUMPTION knob [`SandboxBuilder::eshouhou_timestamp_window`]
//! (reject eshouhou token requests whose timestamp is further than a window from the server
//! clock with `40003 timestamp expired`; off by default, as nothing of the kind is documented).
//!
//! # Statistics
//!
//! [`Stats`] counts per provider every HTTP request received (control endpoints excluded), token
//! requests (Gofive token endpoint, eshouhou `TokenApi`, successful or not), auth failures
//! (every response that rejects credentials, a signature or a token, including `990401` and the
//! first `990408`) and 429 responses sent (throttles and the 429 knobs alike).
//!
//! Nothing is logged that contains a secret, a signature or a token.

// Shared leaves: they import no provider module.
mod control;
mod detail;
pub mod drift;
mod knobs;
mod page_fault;
mod part;
mod respond;
mod rng;
mod shared;
mod throttle;
mod tokens;
mod types;

// The composition and the public entry points.
mod sandbox;
mod server;

use std::sync::Arc;

use crm_registry::ByProvider;

/// Declares a seed table's row type and `const fn row(..)`, which takes one positional argument
/// per column in declaration order, so that a provider's table reads as one `row(..)` call a line.
macro_rules! table_row {
    ($(#[$meta:meta])* struct $row:ident { $($field:ident: $ty:ty),+ $(,)? }) => {
        $(#[$meta])*
        struct $row {
            $($field: $ty),+
        }

        #[allow(
            clippy::too_many_arguments,
            reason = "one positional argument per table column keeps the table readable"
        )]
        const fn row($($field: $ty),+) -> $row {
            $row { $($field),+ }
        }
    };
}

/// Declares the provider parts — one self-contained module per simulated provider (`mod.rs`
/// with a `Part` type, its `Settings` and its `DRIFT`) — and generates the per-provider tables
/// the server and the drift knob read: [`PartSettings`], [`build_parts`] and [`DRIFTS`].
macro_rules! parts {
    ($($module:ident => $part:ident),+ $(,)?) => {
        $(mod $module;)+

        /// Each part's own settings (set by [`SandboxBuilder`]'s provider-specific knobs).
        #[derive(Clone, Debug, Default)]
        pub(crate) struct PartSettings {
            $(pub(crate) $module: $module::Settings,)+
        }

        /// One part per provider, built on the server's shared state with its credentials and
        /// settings. A registry provider without a line in [`parts!`] fails to compile here.
        pub(crate) fn build_parts(
            shared: &Arc<shared::Shared>,
            credentials: &types::Credentials,
            settings: PartSettings,
        ) -> ByProvider<Arc<dyn part::Part>> {
            ByProvider { $($module: Arc::new($module::$part::new(shared, credentials, settings.$module)),)+ }
        }

        /// Each part's drift knob changes (`DRIFT` in its module).
        pub(crate) const DRIFTS: ByProvider<&drift::change::Drift> = ByProvider { $($module: &$module::DRIFT,)+ };
    };
}

// PARTS: one line per simulated provider (its module => its `Part` type). Adding a provider
// to the sandbox is its folder plus one line here.
parts! {
    pluuug => Pluuug,
    gofive => Gofive,
    eshouhou => Eshouhou,
    nd => Nd,
}

pub use gofive::GofiveClientAuth;
pub use sandbox::{Sandbox, SandboxBuilder, serve};
pub use types::{Credentials, ParseProviderError, Provider, ProviderStats, Stats, ThrottleSpec};
