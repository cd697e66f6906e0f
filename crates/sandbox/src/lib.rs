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
//! | pluuug | `GET /v1/client/{client_id}` | `X-API-Key` + `X-Signature` = lowercase hex HMAC-SHA256(secret key, body; `""` without body) |
//! | pluuug | `GET /v1/field?category=&cursor=&page_size=` | same (DRF cursor page, `page_size` default 20, max 1000) |
//! | gofive | `POST /authorization/connect/token` (form: `grant_type=client_credentials`, `client_id`, `client_secret`) | `Ocp-Apim-Subscription-Key` |
//! | gofive | `GET /v3/customers/{customerCode}` | `Ocp-Apim-Subscription-Key` + `Authorization: Bearer <token>` |
//! | eshouhou | `GET /api/TokenApi?appid=&timestamp=&sign=&expire=` | `sign` = MD5(appid + appSecret + timestamp), hex, any case; timestamp (Unix ms) within 10 min |
//! | eshouhou | `GET /open/v2/Customer/GetCustomer?access_token=&customerId=` | `access_token` query parameter |
//! | eshouhou | `GET /open/v2/Customer/GetCustomerContacts?access_token=&customerId=&pageIndex=&pageSize=` | same (`pageIndex` 1-based, `pageSize` default 20) |
//! | nd | `GET /api/customers/{id}/detail` | `Authorization: Bearer <nd token>` when one is configured |
//! | nd | `POST /api/customers/paginate` (JSON `{page, page_size, conditions, sorts}`) | same |
//! | control | `POST /__sandbox/expire-tokens` | none; same as [`Sandbox::expire_tokens`] |
//! | control | `GET /__sandbox/stats` | none; [`Stats`] as JSON |
//! | control | `GET /__sandbox/ids/{provider}` | none; the seeded ids as a JSON array |
//!
//! Success and error bodies follow each provider's documentation: Pluuug answers bare DRF objects
//! and `{"detail": ...}` errors; Gofive wraps data in `{"status":{"code","description"},"data"}`
//! and its gateway answers `{"statusCode","message"}`; eshouhou answers
//! `{"ResultCode","ErrorMsg","ResultValue"}` with HTTP 200 even for errors; nd answers bare
//! detail objects (except ids starting with `w`, which come wrapped as
//! `{"code":0,"message":"success","data":{...}}`) and `{"code","message"}` errors. Gofive and
//! eshouhou tokens live for [`SandboxBuilder::token_ttl`] (default 3600 s; an eshouhou `expire`
//! in hours can only shorten it).
//!
//! # Dataset
//!
//! Deterministic and the same in every sandbox ([`Sandbox::customer_ids`] lists it): per
//! provider the vendor's documented example record served verbatim (Pluuug `123`, Gofive
//! `C000055`, eshouhou `dc540ce7-5bc5-4275-b8fa-2004eb5839e3`, nd `id`) plus twenty realistic
//! records (Pluuug `1001`..=`1020`, Gofive `C000001`..=`C000020`, twenty eshouhou GUIDs, twenty
//! 24-hex-digit nd ids plus two wrapped `w…` ids). They cover absent, null and empty optional
//! fields, every Pluuug custom-field `dataType` plus an unknown one, unknown enum values, the
//! documented type contradictions (Gofive `contact` vs `contacts`, eshouhou `ResultCode` and
//! `ShowType` as strings, nd `areaCode` as string or array, money as number or string).
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
//!
//! Server-wide: [`SandboxBuilder::fault`] gives every customer request one reserved id's fault
//! (`crm-customers sandbox --fault 990503`), besides [`SandboxBuilder::latency`] and
//! [`SandboxBuilder::token_ttl`].
//!
//! # Statistics
//!
//! [`Stats`] counts per provider every HTTP request received (control endpoints excluded), token
//! requests (Gofive token endpoint, eshouhou `TokenApi`, successful or not) and auth failures
//! (every response that rejects credentials, a signature or a token, including `990401` and the
//! first `990408`).
//!
//! Nothing is logged that contains a secret, a signature or a token.

mod control;
mod dataset;
pub mod drift;
mod eshouhou;
mod gofive;
mod knobs;
mod nd;
mod pluuug;
mod respond;
mod server;
mod throttle;
mod types;

pub use server::{Sandbox, SandboxBuilder, serve};
pub use types::{Credentials, ParseProviderError, Provider, ProviderStats, Stats, ThrottleSpec};
