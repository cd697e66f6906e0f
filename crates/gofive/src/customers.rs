//! The customer resource: its read `GET /v3/customers/{customerCode}`
//! ([`Client::get_customer_by_code`]) and its documented write, `POST /v3/customers` (Create or
//! Update customer, [`Client::upsert_customer`], [`Client::update_customer`]): an upsert — no
//! `customerCode` creates a customer, a code updates that customer. `customerName` and
//! `customerState` are required on both (checked before sending). The answer is the envelope
//! `{status:{code,description}, data:<the customer as GET returns it>}`; a business code other
//! than `1000` is a `provider_error` carrying code and description.
//!
//! Sent once, never retried (a 401 refreshes the token and sends again: the gateway rejected the
//! first request, nothing was written).

use crm_runtime::{Error, ErrorKind, Fetched};
use progenitor_client::{ClientHooks, ClientInfo, OperationInfo, ResponseValue};
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderValue};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::{Client, INFO, SUCCESS_CODE, generated, types};

const OP: &str = "upsert_customer";

fn invalid(field: &str, why: &str) -> Error {
    Error::new(ErrorKind::Config, INFO.name, OP, format!("not sent: `{field}` {why}")).with_field(field)
}

/// Whether `key` is another spelling of `customerCode` that ASP.NET's case-insensitive binder
/// would still read as the customer code (`customercode`, `CustomerCode`, `cuſtomerCode`, …).
fn is_code_variant(key: &str) -> bool {
    key != "customerCode" && key.chars().flat_map(char::to_uppercase).eq("CUSTOMERCODE".chars())
}

/// Checks the documented required fields: `customerName` a non-empty string, `customerState` an
/// integer; `customerCode`, when given, a non-empty string; `customerEmail` not `null` (the docs'
/// one optional field not marked nullable; a `null` for any other field is sent as given, which
/// clears it). Any other spelling of `customerCode`
/// (the server binds keys case-insensitively, so it would pick the customer) is refused.
pub fn check_upsert(body: &Map<String, Value>) -> Result<(), Error> {
    if let Some(key) = body.keys().find(|k| is_code_variant(k)) {
        return Err(Error::new(
            ErrorKind::Config,
            INFO.name,
            OP,
            format!(
                "not sent: `{}` is another spelling of `customerCode` (Gofive reads keys \
                 case-insensitively, so it would choose the customer written); give the customer \
                 code only as the update's ID",
                key.escape_debug()
            ),
        )
        .with_field("customerCode"));
    }
    match body.get("customerName") {
        Some(Value::String(s)) if !s.trim().is_empty() => {}
        _ => return Err(invalid("customerName", "is required (a non-empty string)")),
    }
    match body.get("customerState") {
        Some(Value::Number(n)) if n.is_i64() || n.is_u64() => {}
        _ => return Err(invalid("customerState", "is required (an integer)")),
    }
    if body.get("customerEmail").is_some_and(Value::is_null) {
        return Err(invalid(
            "customerEmail",
            "is null, but the docs mark it not nullable (the one optional field that is not; the \
             others take null to clear): give an address or leave it out",
        ));
    }
    match body.get("customerCode") {
        None | Some(Value::Null) => Ok(()),
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(()),
        Some(_) => Err(invalid("customerCode", "must be a non-empty string, or absent to create")),
    }
}

/// The upsert POST through the generated client's hooks.
///
/// Kept hand-built rather than calling the generated `upsert_customer(&CustomerUpsert)`: the
/// spec's body type holds only the captured documented fields (the vendor page's remaining fields
/// were not captured), so converting a caller's JSON into it would drop or reject fields that are
/// sent today; the hand-built POST sends the caller's object as given (after [`check_upsert`]).
/// It still goes through the generated client's hooks (auth, limits, capture, no retry).
async fn send(
    api: &generated::Client,
    body: Vec<u8>,
) -> Result<ResponseValue<types::CustomerEnvelope>, progenitor_client::Error<()>> {
    let url = format!("{}/v3/customers", api.baseurl());
    let mut request = api
        .client()
        .post(url)
        .header(ACCEPT, HeaderValue::from_static("application/json"))
        .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
        .body(body)
        .build()?;
    let info = OperationInfo { operation_id: OP };
    api.pre(&mut request, &info).await?;
    let result = api.exec(request, &info).await;
    api.post(&result, &info).await?;
    let response = result?;
    match response.status().as_u16() {
        200 | 201 => ResponseValue::from_response(response).await,
        _ => Err(progenitor_client::Error::ErrorResponse(ResponseValue::empty(response))),
    }
}

impl Client {
    /// `GET /v3/customers/{customerCode}`: one customer, envelope unwrapped. A business code
    /// other than `1000` is a `provider_error` even under HTTP 200; a 401 refreshes the token
    /// once and retries once.
    pub async fn get_customer_by_code(&self, customer_code: &str) -> Result<Fetched<types::Customer>, Error> {
        const OP: &str = "get_customer_by_code";
        let inner = self.inner();
        // The path encoder refuses it too; checked first so a bad id costs no token request.
        crm_runtime::check_id(customer_code)
            .map_err(|why| Error::new(ErrorKind::Config, INFO.name, OP, why))?;
        let call = || async {
            let fetched =
                inner.runtime.call(OP, self.generated().get_customer_by_code(customer_code)).await?;
            unwrap_envelope(OP, fetched)
        };
        let rejects = |r: &Result<_, Error>| matches!(r, Err(e) if e.status() == Some(401));
        inner.auth.run(&inner.runtime, OP, || self.issue_token(), call, rejects).await
    }

    /// `POST /v3/customers`: creates (no `customerCode`) or updates (with one) a customer from
    /// `customer` (the documented fields; a `serde_json::json!` object or your own struct) and
    /// answers it as Gofive returns it, envelope unwrapped.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), gofive_client::Error> {
    /// let client = gofive_client::Client::from_env()?;
    /// let body = serde_json::json!({"customerName": "บริษัท ตัวอย่าง จำกัด", "customerState": 1, "customerType": 11300});
    /// let created = client.upsert_customer(&body).await?;
    /// println!("created {:?}", created.value.customer_code);
    /// # Ok(()) }
    /// ```
    pub async fn upsert_customer<B: Serialize + ?Sized>(
        &self,
        customer: &B,
    ) -> Result<Fetched<types::Customer>, Error> {
        let body = match serde_json::to_value(customer) {
            Ok(Value::Object(map)) => map,
            _ => return Err(invalid("body", "must be a JSON object of the documented fields")),
        };
        check_upsert(&body)?;
        let bytes = serde_json::to_vec(&body).map_err(|e| invalid("body", &e.to_string()))?;
        let inner = self.inner();
        let call = || async {
            let fetched = inner.runtime.call(OP, send(self.generated(), bytes.clone())).await?;
            unwrap_envelope(OP, fetched)
        };
        // A 401 is the gateway refusing the token: nothing was written, so the write is sent
        // again with a fresh token (once).
        let rejects = |r: &Result<_, Error>| matches!(r, Err(e) if e.status() == Some(401));
        inner.auth.run(&inner.runtime, OP, || self.issue_token(), call, rejects).await
    }

    /// The upsert as an update of customer `customer_code`: `changes` gets that `customerCode`
    /// (a different one in `changes` is refused). `customerName` and `customerState` are still
    /// required, as the docs say.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), gofive_client::Error> {
    /// let client = gofive_client::Client::from_env()?;
    /// let body = serde_json::json!({"customerName": "ACME (Thailand)", "customerState": 2});
    /// let updated = client.update_customer("C000055", &body).await?;
    /// println!("{:?}", updated.value.customer_name);
    /// # Ok(()) }
    /// ```
    pub async fn update_customer<B: Serialize + ?Sized>(
        &self,
        customer_code: &str,
        changes: &B,
    ) -> Result<Fetched<types::Customer>, Error> {
        let body = update_body(customer_code, changes)?;
        self.upsert_customer(&body).await
    }
}

/// The upsert body [`Client::update_customer`] sends for customer `customer_code` (`changes` with
/// that `customerCode`), after its checks; nothing is sent (also for a dry run).
pub fn update_body<B: Serialize + ?Sized>(
    customer_code: &str,
    changes: &B,
) -> Result<Map<String, Value>, Error> {
    let code = customer_code.trim();
    if code.is_empty() {
        return Err(invalid("customerCode", "is empty: give the code of the customer to update"));
    }
    let mut body = match serde_json::to_value(changes) {
        Ok(Value::Object(map)) => map,
        _ => return Err(invalid("body", "must be a JSON object of the documented fields")),
    };
    // Checked before `customerCode` is added, so a variant spelling is never sent beside it.
    check_upsert(&{
        let mut probe = body.clone();
        probe.remove("customerCode");
        probe
    })?;
    match body.get("customerCode") {
        Some(Value::String(given)) if given.trim() != code => {
            return Err(invalid("customerCode", "in the body differs from the customer to update"));
        }
        _ => {
            body.insert("customerCode".into(), Value::String(code.to_string()));
        }
    }
    Ok(body)
}

fn code_text(code: &types::BusinessCode) -> String {
    match code {
        types::BusinessCode::String(s) => s.trim().to_string(),
        types::BusinessCode::Integer(i) => i.to_string(),
    }
}

/// The customer out of Gofive's `{status:{code,description}, data}` envelope; a business code
/// other than `1000` is a `provider_error` carrying code and description.
fn unwrap_envelope(
    op: &'static str,
    fetched: Fetched<types::CustomerEnvelope>,
) -> Result<Fetched<types::Customer>, Error> {
    fetched.try_map(|envelope, raw, status| {
        let code = code_text(&envelope.status.code);
        if code != SUCCESS_CODE {
            let description = envelope.status.description.unwrap_or_default();
            let message = format!("business code {code}: {description}");
            return Err(crm_runtime::envelope_error(
                ErrorKind::ProviderError,
                INFO.name,
                op,
                message,
                code,
                raw,
                status,
            ));
        }
        envelope.data.ok_or_else(|| crm_runtime::envelope_without(INFO.name, op, "data", raw, status))
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn required_fields_are_checked() {
        let check =
            |v: Value| check_upsert(v.as_object().unwrap()).map_err(|e| e.field().unwrap().to_string());
        assert_eq!(check(json!({"customerName": "A", "customerState": 1})), Ok(()));
        assert_eq!(check(json!({"customerState": 1})), Err("customerName".into()));
        assert_eq!(check(json!({"customerName": "A"})), Err("customerState".into()));
        assert_eq!(check(json!({"customerName": "A", "customerState": "1"})), Err("customerState".into()));
        assert_eq!(
            check(json!({"customerName": "A", "customerState": 1, "customerCode": ""})),
            Err("customerCode".into())
        );
        assert_eq!(
            check(json!({"customerName": "A", "customerState": 1, "customerPhone": null, "addresses": null})),
            Ok(())
        );
        assert_eq!(
            check(json!({"customerName": "A", "customerState": 1, "customerEmail": null})),
            Err("customerEmail".into())
        );
        for variant in ["customercode", "CustomerCode", "CUSTOMERCODE", "cuſtomerCode"] {
            let mut v = json!({"customerName": "A", "customerState": 1});
            v[variant] = json!("C000999");
            assert_eq!(check(v), Err("customerCode".into()), "{variant}");
        }
    }
}
