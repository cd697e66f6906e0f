//! The case table: requests sent in this order to one fresh sandbox. Each is matched to the
//! spec operation whose method and path template it hits; every operation of every spec must
//! be hit by at least one case. Adding an operation to a spec = adding a line here.
//!
//! Order matters only for stateful cases: reads of seeded records come first, writes after, and
//! `99142N`/`99150N`/`990408` are sent twice (the fault, then the record).

use customer_sandbox::{Provider, Sandbox};
use serde_json::json;

use crate::spec::Spec;
use crate::wire::{Auth, Body, Case, delete, get, patch, post, put};

/// Reserved ids answered on every detail endpoint (README "Sandbox", crates/sandbox/src/knobs.rs)
/// whose response is still meant to be in the provider's contract. `990006` (hangs 300 s) is
/// not sent; `990002`/`990003`/`990004`/`990007` are in [`BROKEN_FAULTS`].
const CONFORMING_FAULTS: [&str; 14] = [
    "990429", "990500", "990502", "990503", "990504", "991421", "991421", "991501", "991501", "990001",
    "990401", "990408", "990408", "990005",
];

/// Reserved ids whose response breaks the contract on purpose (malformed, truncated, wrong
/// type, `null`): the check must reject each.
const BROKEN_FAULTS: [&str; 4] = ["990002", "990003", "990004", "990007"];

/// A detail request for `id`: the provider's customer operation (the registry's
/// `customer_operation`) as its spec declares it, e.g. `/v1/client/{id}`,
/// `/open/v2/Customer/GetCustomer?customerId={id}`.
fn detail(spec: &Spec, provider: Provider, id: &str) -> Case {
    let operation = provider.facts().customer_operation;
    let path = spec
        .request_path(operation, id)
        .unwrap_or_else(|| panic!("specs/{provider}.yaml declares no operation {operation}"));
    get(path)
}

/// Every case, in sending order.
pub fn all(sandbox: &Sandbox) -> Vec<Case> {
    let mut cases = Vec::new();

    // Seeded records and reserved fault ids on every detail endpoint.
    for provider in Provider::ALL {
        let spec = Spec::load(provider.as_str());
        for id in sandbox.customer_ids(provider) {
            cases.push(detail(&spec, provider, &id).note("seeded"));
        }
        for id in CONFORMING_FAULTS {
            cases.push(detail(&spec, provider, id).note("fault knob"));
        }
        for id in BROKEN_FAULTS {
            cases.push(detail(&spec, provider, id).note("fault knob, broken on purpose").rejected());
        }
    }

    cases.extend([
        // ---- Pluuug -------------------------------------------------------------------------
        get("/v1/client/999999").status(404).note("unknown id"),
        get("/v1/client/1001").auth(Auth::WrongKey).status(401),
        get("/v1/client/1001").auth(Auth::WrongSecret).status(403),
        get("/v1/client/1001").auth(Auth::Missing).status(401),
        get("/v1/field"),
        get("/v1/field?category=C"),
        get("/v1/field?category=I"),
        get("/v1/field?category=CO"),
        get("/v1/field?category=C&page_size=2"),
        get("/v1/field?page_size=2&cursor=bz0y").note("second page (cursor o=2)"),
        get("/v1/field?category=XX").status(400).note("invalid category"),
        get("/v1/field?cursor=bm9wZQ").status(404).note("invalid cursor"),
        get("/v1/field").auth(Auth::WrongSecret).status(403),
        get("/v1/client"),
        get("/v1/client?page_size=5"),
        get("/v1/client?page_size=5&cursor=bz01").note("second page (cursor o=5)"),
        get("/v1/client?cursor=bm9wZQ").status(404).note("invalid cursor"),
        get("/v1/client").auth(Auth::WrongKey).status(401),
        get("/v1/client/status"),
        get("/v1/client/status").auth(Auth::WrongSecret).status(403),
        post("/v1/client", Body::Json(json!({"companyName": "주식회사 계약시험"}))).status(201),
        post(
            "/v1/client",
            Body::Json(json!({
                "companyName": "계약시험 상사",
                "status": {"id": 2},
                "inCharge": "홍길동",
                "email": "gildong@example.co.kr",
                "branchNumber": "0001",
            })),
        )
        .status(201),
        post("/v1/client", Body::Json(json!({}))).status(400).note("companyName missing"),
        post("/v1/client", Body::Json(json!({"companyName": null}))).status(400),
        post("/v1/client", Body::Json(json!([1]))).status(400).note("not an object"),
        post("/v1/client", Body::Raw("{")).status(400).note("malformed JSON"),
        post("/v1/client", Body::Json(json!({"companyName": "x"}))).auth(Auth::WrongSecret).status(403),
        patch("/v1/client/1002", json!({"status": {"id": 3}, "content": "계약 완료"})).status(200),
        patch("/v1/client/1002", json!({"branchNumber": "00001"})).status(400),
        patch("/v1/client/1002", json!({"status": {"id": 99}})).status(400),
        patch("/v1/client/999999", json!({"content": "x"})).status(404),
        patch("/v1/client/1002", json!({"content": "x"})).auth(Auth::WrongKey).status(401),
        delete("/v1/client/1019").status(204),
        delete("/v1/client/1019").status(404).note("already deleted"),
        get("/v1/client/1019").status(404).note("deleted"),
        delete("/v1/client/1018").auth(Auth::WrongSecret).status(403),
        // ---- Gofive -------------------------------------------------------------------------
        post("/authorization/connect/token", Body::Empty).status(200),
        post("/authorization/connect/token", Body::Empty).auth(Auth::Basic).status(200),
        post("/authorization/connect/token", Body::Empty).auth(Auth::WrongSecret).status(400),
        post("/authorization/connect/token", Body::Empty).auth(Auth::WrongKey).status(401),
        post("/authorization/connect/token", Body::Empty).auth(Auth::Missing).status(401),
        post(
            "/authorization/connect/token",
            Body::Form(vec![
                ("grant_type", "password"),
                ("client_id", "sandbox-gofive-client-id"),
                ("client_secret", "sandbox-gofive-client-secret"),
            ]),
        )
        .status(400)
        .note("unsupported grant_type"),
        get("/v3/customers/C999999").status(404).note("unknown code"),
        get("/v3/customers/C000001").auth(Auth::WrongSecret).status(401).note("bad bearer"),
        get("/v3/customers/C000001").auth(Auth::WrongKey).status(401).note("bad subscription key"),
        post("/v3/customers", Body::Json(json!({"customerName": "บริษัท ทดสอบสัญญา จำกัด", "customerState": 1})))
            .status(200)
            .note("create"),
        post(
            "/v3/customers",
            Body::Json(json!({
                "customerCode": "C000003",
                "customerName": "บริษัท ทดสอบสัญญา (ใหม่) จำกัด",
                "customerState": 3,
                "customerNote": "อัปเดต",
            })),
        )
        .status(200)
        .note("update"),
        post("/v3/customers", Body::Json(json!({"customerState": 1}))).status(400).note("one error"),
        post("/v3/customers", Body::Json(json!({}))).status(400).note("two errors"),
        post(
            "/v3/customers",
            Body::Json(json!({"customerCode": "C999999", "customerName": "x", "customerState": 1})),
        )
        .status(404),
        post("/v3/customers", Body::Raw("{")).status(400).note("malformed JSON"),
        post("/v3/customers", Body::Json(json!({"customerName": "x", "customerState": 1})))
            .auth(Auth::WrongSecret)
            .status(401),
        // ---- eshouhou (HTTP 200 + ResultCode for its own errors) -----------------------------
        get("/api/TokenApi").status(200),
        get("/api/TokenApi?expire=1").status(200),
        get("/api/TokenApi").auth(Auth::WrongSecret).status(200).note("bad sign"),
        get("/api/TokenApi").auth(Auth::WrongKey).status(200).note("unknown appid"),
        get("/api/TokenApi").auth(Auth::LowercaseSign).status(200).note("lowercase sign"),
        get("/api/TokenApi").auth(Auth::Missing).status(200),
        get("/open/v2/Customer/GetCustomer?customerId=00000000-0000-0000-0000-000000000000")
            .note("unknown archive"),
        get("/open/v2/Customer/GetCustomer").note("customerId missing"),
        get("/open/v2/Customer/GetCustomer?customerId=dc540ce7-5bc5-4275-b8fa-2004eb5839e3")
            .auth(Auth::WrongSecret)
            .note("bad token"),
        get("/open/v2/Customer/GetCustomerContacts"),
        get("/open/v2/Customer/GetCustomerContacts?pageIndex=1&pageSize=5"),
        get("/open/v2/Customer/GetCustomerContacts?pageIndex=2&pageSize=5"),
        get("/open/v2/Customer/GetCustomerContacts?pageIndex=999&pageSize=5").note("past the end"),
        get("/open/v2/Customer/GetCustomerContacts?searchKey=%E5%88%98"),
        get(format!(
            "/open/v2/Customer/GetCustomerContacts?condition={}",
            "%7B%22sys_customername%22%3A%22%E5%8C%97%E4%BA%AC%22%2C%22sys_name%22%3A%22%22%7D"
        ))
        .note("condition sys_customername"),
        get("/open/v2/Customer/GetCustomerContacts?condition=%7Bnot-json").note("bad condition"),
        get("/open/v2/Customer/GetCustomerContacts").auth(Auth::WrongSecret).note("bad token"),
        // ---- nd -----------------------------------------------------------------------------
        get("/api/customers/000000000000000000000000/detail").status(404),
        get("/api/customers/id/detail").auth(Auth::WrongKey).status(401),
        get("/api/customers/id/detail").auth(Auth::Missing).status(401),
        post("/api/customers/paginate", Body::Json(json!({"page": 1, "page_size": 20}))).status(200),
        post(
            "/api/customers/paginate",
            Body::Json(json!({"page": 2, "page_size": 5, "conditions": [], "sorts": []})),
        )
        .status(200),
        post("/api/customers/paginate", Body::Json(json!({"page": 100, "page_size": 1000}))).status(200),
        post("/api/customers/paginate", Body::Json(json!({}))).status(200).note("defaults"),
        post("/api/customers/paginate", Body::Json(json!({"page": 0, "page_size": 20}))).status(422),
        post("/api/customers/paginate", Body::Json(json!({"page": 1, "page_size": 4}))).status(422),
        post("/api/customers/paginate", Body::Raw("[")).status(400).note("malformed JSON"),
        post("/api/customers/paginate", Body::Json(json!({"page": 1, "page_size": 20})))
            .auth(Auth::WrongKey)
            .status(401),
    ]);

    let nd_ids = sandbox.customer_ids(Provider::Nd);
    let nd_bare =
        nd_ids.iter().find(|id| !id.starts_with('w') && id.len() == 24).cloned().unwrap_or_default();
    let nd_wrapped = nd_ids.iter().find(|id| id.starts_with('w')).cloned().unwrap_or_default();
    cases.extend([
        put("/api/customers/", json!({"id": nd_bare, "name": "金华职业技术大学", "address": "新地址1号"}))
            .status(200),
        put("/api/customers/", json!({"id": nd_wrapped, "name": "改名"})).status(200).note("wrapped record"),
        put("/api/customers/", json!({"id": nd_bare})).status(422).note("name missing"),
        put("/api/customers/", json!({"id": nd_bare, "name": "a", "type": "PARTNER"})).status(422),
        put("/api/customers/", json!({"name": "a"})).status(422).note("id missing"),
        put("/api/customers/", json!({"id": "000000000000000000000000", "name": "a"})).status(404),
        Case::new(reqwest::Method::PUT, "/api/customers/", Body::Raw("[")).status(400),
        put("/api/customers/", json!({"id": nd_bare, "name": "a"})).auth(Auth::WrongKey).status(401),
    ]);
    cases
}
