//! nd (`GET /api/customers/{id}/detail`, a bare `CustomerDetail` or one wrapped in
//! `{code, message, data}`) → [`Customer`].
//!
//! `createdAt` (`YYYY-MM-DD HH:MM:SS`, no offset) gets China's +08:00. Money arrives as a JSON
//! number or a decimal string and leaves as a decimal string. Fields in the order of the contract's
//! nd paragraph.
//!
//! Where this goes beyond the contract, and why:
//! - `type` is matched ignoring ASCII case and whitespace; `native` keeps it as sent.
//! - Followers are `followers` (ids) joined with `followerNames` (`{id, name}`) by id; a named
//!   follower missing from `followers` is still a collaborator.
//! - `areaCode` as a string (format undocumented) is read as a JSON array text, or a list split on
//!   `,` `，` `-` `/` `|` `;` or spaces; a single all-digit code (GB/T 2260, as in the documented
//!   array `33`/`3305`/`330502`) fills its parent levels by prefix (`330502` → `33`, `3305`,
//!   `330502`; trailing `00` pairs mark a higher level: `330000` is the province `33`).
//! - When codes and names cannot be zipped one to one (or codes come without names), the regions
//!   keep their names alone and `areaCode` goes to `extra` as sent, with a warning.
//! - Keys the spec does not know (e.g. the list page's `address`, `levelId`) are not decoded: they
//!   stay in `raw`, the body exactly as received, and not in `extra`; the coverage gate fails the
//!   day the spec gains them.

use async_trait::async_trait;
use futures::StreamExt;
use nd_client::types::{AreaCode, CustomerDetail, CustomerListItem, Follower, Money};
use serde_json::Value;

use crate::body::{self, Placement};
use crate::model::{Address, Customer, Enumerated, Financials, LifecycleStage, Region, UserRef, UserRole};
use crate::normalize::{self, CHINA, Warnings, owned_text, owned_texts, put, quote, text, texts, trimmed};
use crate::{CustomerSource, CustomerStream, Error, Provider, RawJson};

/// Properties of the spec's `CustomerDetail` (paths, `[]` for array items) that map to a unified field.
pub const MAPPED: &[&str] = &[
    "id",
    "customerNo",
    "name",
    "description",
    "type",
    "from",
    "managerId",
    "managerName",
    "followers",
    "followerNames[].id",
    "followerNames[].name",
    "industryPath",
    "area",
    "areaCode",
    "levelName",
    "totalTurnover",
    "outstandingReceivables",
    "retentionMoney",
    "transactionNumber",
    "createdAt",
];

/// The request keys of nd's documented edit (`PUT /api/customers/`), `id` included.
pub const EDIT_FIELDS: [&str; 15] = [
    "id",
    "name",
    "manager_id",
    "description",
    "industry_id",
    "area_code",
    "level_id",
    "address",
    "department_id",
    "partner_relationship",
    "type",
    "followers",
    "from",
    "advantageous_industry",
    "credit_situation",
];

/// Properties sent to `extra` as they are.
pub const TO_EXTRA: &[&str] = &[
    "departmentPath",
    "industry_id",
    "partnerRelationship",
    "rank",
    "advantageousIndustry",
    "creditSituation",
];

/// How [`map`] places the properties of the spec's `CustomerDetail` (checked against
/// `specs/nd.yaml` by the coverage gate).
pub const PLACEMENT: Placement =
    Placement::new("CustomerDetail", &[("MAPPED", MAPPED), ("TO_EXTRA", TO_EXTRA)]);

/// A `GET /api/customers/{id}` body — the bare detail or its `{code, data}` envelope — decoded
/// and mapped (see [`crate::map_body`]).
#[doc(hidden)]
pub fn map_body(_id: &str, body: &[u8], raw: RawJson) -> Result<Customer, Error> {
    use nd_client::types::CustomerDetailResponse;
    let detail = match body::decode(Provider::Nd, body, &raw)? {
        CustomerDetailResponse::Bare(detail) => detail,
        CustomerDetailResponse::Enveloped(envelope) if envelope.code == 0 => {
            envelope.data.ok_or_else(|| body::empty(Provider::Nd, "data", &raw))?
        }
        CustomerDetailResponse::Enveloped(envelope) => {
            return Err(body::refused(Provider::Nd, envelope.code.to_string(), &raw));
        }
    };
    Ok(map(detail, raw))
}

/// Maps an nd customer detail and the whole response body it was decoded from (kept as is in `raw`,
/// not read again). The detail is taken by value: its strings move into the [`Customer`] instead
/// of being copied.
pub fn map(value: CustomerDetail, raw: impl Into<RawJson>) -> Customer {
    // Every property by name: a property the generated type gains does not compile until placed.
    let CustomerDetail {
        advantageous_industry,
        area,
        area_code,
        created_at,
        credit_situation,
        customer_no,
        department_path,
        description,
        follower_names,
        followers: follower_ids,
        from,
        id,
        industry_id,
        industry_path,
        level_name,
        manager_id,
        manager_name,
        name,
        outstanding_receivables,
        partner_relationship,
        rank,
        retention_money,
        total_turnover,
        transaction_number,
        type_,
    } = value;
    let mut w = Warnings::default();
    let id = owned_text(Some(id)).unwrap_or_default();
    if id.is_empty() {
        w.push("id", "id is empty");
    }
    let name = owned_text(name).unwrap_or_else(|| {
        w.push("name", "name is missing or empty");
        String::new()
    });
    let mut c = Customer::new(Provider::Nd, id, name);

    c.code = owned_text(customer_no);
    c.description = owned_text(description);
    c.lifecycle_stage = owned_text(type_).map(|native| {
        const TYPES: [(&str, LifecycleStage, &str); 3] = [
            ("CLIENT", LifecycleStage::Customer, "正式客户"),
            ("TARGET_CUSTOMER", LifecycleStage::Lead, "目标客户"),
            ("PROSPECT", LifecycleStage::Prospect, "沟通客户"),
        ];
        let (normalized, label) = match TYPES.iter().find(|(t, ..)| native.eq_ignore_ascii_case(t)) {
            Some(&(_, stage, label)) => (stage, Some(label)),
            None => {
                w.push(
                    "lifecycle_stage",
                    format!(
                        "type {} is not CLIENT, TARGET_CUSTOMER or PROSPECT; normalized to other",
                        quote(&native)
                    ),
                );
                (LifecycleStage::Other, None)
            }
        };
        Enumerated::new(normalized, native, label.map(str::to_string))
    });
    c.lead_source = owned_text(from);
    let manager_name = owned_text(manager_name);
    if manager_id.is_some() || manager_name.is_some() {
        let mut owner = UserRef::new(UserRole::Owner);
        owner.id = manager_id.map(|i| i.to_string());
        owner.name = manager_name;
        c.owner = Some(owner);
    }
    c.collaborators =
        followers(follower_ids.as_deref().unwrap_or_default(), follower_names.unwrap_or_default());
    c.industry = owned_texts(industry_path);
    let names = owned_texts(area);
    let levels = names.len();
    let zipped = match area_code {
        // The documented form, one code per area name: the codes move.
        Some(AreaCode::Array(list))
            if list.len() == levels && list.iter().all(|code| trimmed(Some(code)).is_some()) =>
        {
            Ok(owned_texts(Some(list)).into_iter().map(Some).collect())
        }
        other => {
            let zipped = match other.as_ref().map(codes) {
                None => Some(vec![None; levels]),
                Some(Some(codes)) if codes.is_empty() => Some(vec![None; levels]),
                Some(Some(codes)) if codes.len() == levels => Some(codes.into_iter().map(Some).collect()),
                Some(Some(codes)) if codes.len() == 1 => gb2260_prefixes(&codes[0], levels).map(|prefixes| {
                    let mut out: Vec<Option<String>> = prefixes.into_iter().map(Some).collect();
                    out.resize(levels, None);
                    out
                }),
                Some(_) => None,
            };
            zipped.ok_or(other)
        }
    };
    let codes = zipped.unwrap_or_else(|area_code| {
        let sent = area_code.as_ref().and_then(|a| serde_json::to_value(a).ok()).unwrap_or(Value::Null);
        let why = match levels {
            0 => "came without area names".to_string(),
            n => format!("does not fit the {n} area name(s)"),
        };
        w.push("addresses[0].region", format!("areaCode {} {why}; kept in extra", quote(&sent.to_string())));
        c.extra.insert("areaCode".into(), sent);
        vec![None; levels]
    });
    if !names.is_empty() {
        let region = names.into_iter().zip(codes).map(|(name, code)| Region::new(name, code)).collect();
        c.addresses.push(Address { region, ..Address::default() });
    }
    c.level = owned_text(level_name);
    let financials = Financials {
        total_turnover: money(&mut w, "financials.total_turnover", "totalTurnover", total_turnover.as_ref()),
        outstanding_receivables: money(
            &mut w,
            "financials.outstanding_receivables",
            "outstandingReceivables",
            outstanding_receivables.as_ref(),
        ),
        retention_money: money(
            &mut w,
            "financials.retention_money",
            "retentionMoney",
            retention_money.as_ref(),
        ),
        transaction_count: transaction_number,
        ..Financials::default()
    };
    if !financials.is_empty() {
        c.financials = Some(financials);
    }
    c.created_at = w.date("created_at", "createdAt", created_at.as_deref(), CHINA);

    put(&mut c.extra, "departmentPath", department_path);
    put(&mut c.extra, "industry_id", industry_id);
    put(&mut c.extra, "partnerRelationship", partner_relationship);
    put(&mut c.extra, "rank", rank);
    put(&mut c.extra, "advantageousIndustry", advantageous_industry);
    put(&mut c.extra, "creditSituation", credit_situation);
    c.raw = Some(raw.into());
    c.warnings = w.0;
    c
}

/// `followers` (ids) joined with `followerNames` by id; the names move into the result (an id
/// listed twice copies the name its first listing got).
fn followers(ids: &[i64], mut named: Vec<Follower>) -> Vec<UserRef> {
    let follower = |id: Option<i64>, name: Option<String>| {
        let mut user = UserRef::new(UserRole::Follower);
        user.id = id.map(|i| i.to_string());
        user.name = name;
        user
    };
    let mut out: Vec<UserRef> = Vec::with_capacity(ids.len() + named.len());
    for (k, &id) in ids.iter().enumerate() {
        let name = match ids[..k].iter().position(|&earlier| earlier == id) {
            Some(first) => out[first].name.clone(),
            None => named.iter_mut().find(|f| f.id == Some(id)).and_then(|f| owned_text(f.name.take())),
        };
        out.push(follower(Some(id), name));
    }
    for f in named {
        let listed = f.id.is_some_and(|id| ids.contains(&id));
        if listed {
            continue;
        }
        let name = owned_text(f.name);
        if f.id.is_some() || name.is_some() {
            out.push(follower(f.id, name));
        }
    }
    out
}

/// The codes of `areaCode`, or `None` when a string form cannot be read as a list.
fn codes(area_code: &AreaCode) -> Option<Vec<String>> {
    match area_code {
        AreaCode::Array(codes) => Some(texts(codes)),
        AreaCode::String(s) => {
            let s = s.trim();
            if s.starts_with('[') {
                let values: Vec<Value> = serde_json::from_str(s).ok()?;
                return values
                    .iter()
                    .map(|v| match v {
                        Value::String(s) => text(Some(s)),
                        Value::Number(n) => Some(n.to_string()),
                        _ => None,
                    })
                    .collect();
            }
            Some(normalize::split(s, &[',', '，', '-', '/', '|', ';', ' ']))
        }
    }
}

/// `330502` → `["33", "3305", "330502"]` when that many levels fit in `levels` names; trailing
/// `00` pairs are dropped first (`330100` is the city `3301`).
fn gb2260_prefixes(code: &str, levels: usize) -> Option<Vec<String>> {
    if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) || !code.len().is_multiple_of(2) {
        return None;
    }
    let mut code = code;
    while code.len() > 2 && code.ends_with("00") {
        code = &code[..code.len() - 2];
    }
    let depth = code.len() / 2;
    (depth <= levels).then(|| (1..=depth).map(|k| code[..2 * k].to_string()).collect())
}

fn money(w: &mut Warnings, field: &str, key: &str, value: Option<&Money>) -> Option<String> {
    match value? {
        Money::Number(f) => {
            let d = normalize::decimal_f64(*f);
            if d.is_none() {
                w.push(field, format!("{key} {f} is not a finite number; left null"));
            }
            d
        }
        Money::String(s) => w.decimal(field, key, Some(s)),
    }
}

#[async_trait]
impl CustomerSource for nd_client::Client {
    fn provider(&self) -> Provider {
        Provider::Nd
    }

    /// `id` is the customer id.
    async fn customer(&self, id: &str) -> Result<Customer, Error> {
        let fetched = self.get_customer_detail(id).await?;
        Ok(map(fetched.value, fetched.raw))
    }

    /// `POST /api/customers/paginate`, 1000 per page (list-item fields: [`list_item`]).
    fn customers(&self) -> Result<CustomerStream, Error> {
        Ok(stream(self))
    }

    /// The list from `from` on: `from.page` is a page number (1..=100).
    fn customers_from(&self, from: &crate::ListPoint) -> Result<crate::PlacedStream, Error> {
        let first = match from.page.as_deref().map(str::parse::<u32>) {
            None => 1,
            Some(Ok(page)) => page,
            Some(Err(_)) => {
                return Err(Error::new(
                    crate::ErrorKind::Config,
                    Provider::Nd.as_str(),
                    "paginate_customers",
                    "an nd list point names its page by number",
                )
                .with_field("page"));
            }
        };
        let query = nd_client::CustomersQuery::new().page_size(PAGE_SIZE).first_page(first);
        Ok(crate::list::placed(self.customers(query), from, list_item))
    }

    /// `PUT /api/customers/` with the id in the body; keys among [`EDIT_FIELDS`].
    async fn update_customer(&self, id: &str, changes: serde_json::Value) -> Result<Customer, Error> {
        crate::write::check_keys(Provider::Nd, "update_customer", &changes, &EDIT_FIELDS)?;
        let fetched = nd_client::Client::update_customer(self, id, &changes).await?;
        Ok(map(fetched.value, fetched.raw))
    }

    fn native_update_body(&self, id: &str, changes: serde_json::Value) -> Result<Value, Error> {
        crate::write::check_keys(Provider::Nd, "update_customer", &changes, &EDIT_FIELDS)?;
        Ok(Value::Object(nd_client::customers::edit_body(id, &changes)?))
    }

    /// The edit body of [`crate::reverse::nd`]. nd requires `name` on every edit: when the change
    /// sets none, the current record is read (after the change passed the checks) for it.
    async fn body_for(&self, id: &str, change: &crate::CustomerChange) -> Result<Value, Error> {
        const OP: &str = "update_customer";
        if change.name.is_set() {
            return crate::reverse::nd::body(&Customer::new(Provider::Nd, id, ""), change, OP);
        }
        // Refused fields are named before anything is read.
        crate::reverse::nd::body(&Customer::new(Provider::Nd, id, "-"), change, OP)?;
        let current = self.customer(id).await?;
        crate::reverse::nd::body(&current, change, OP)
    }
}

// The list: `POST /api/customers/paginate` items, mapped through the detail's mapping.

/// The page size nd lists use through [`CustomerSource`]: the largest
/// documented, so one query reaches the most customers under the 100-page cap (100 000).
pub(crate) const PAGE_SIZE: u32 = 1000;

/// Maps one item of nd's customer list (the fields it fills: the `list` module docs) and its
/// own bytes in the page body.
pub fn list_item(item: CustomerListItem, raw: impl Into<RawJson>) -> Customer {
    // Every property by name: a property the generated type gains does not compile until placed.
    let CustomerListItem {
        address,
        advantageous_industry,
        area,
        area_code,
        created_at,
        credit_situation,
        customer_no,
        department_id,
        department_path,
        description,
        followers,
        from,
        id,
        industry_id,
        industry_path,
        is_pinned,
        level_id,
        level_name,
        manager_id,
        manager_name,
        name,
        partner_relationship,
        project_number,
        rank,
        total_turnover,
        type_,
    } = item;
    // The fields a list item shares with the detail go through the detail's mapping, so both
    // read `type`, `areaCode`, money and dates the same way.
    let shared = CustomerDetail {
        advantageous_industry: None,
        area,
        area_code,
        created_at,
        credit_situation: None,
        customer_no,
        department_path: None,
        description,
        follower_names: None,
        followers,
        from,
        id: id.unwrap_or_default(),
        industry_id: None,
        industry_path,
        level_name,
        manager_id,
        manager_name,
        name,
        outstanding_receivables: None,
        partner_relationship: None,
        rank: None,
        retention_money: None,
        total_turnover,
        transaction_number: None,
        type_,
    };
    let mut c = map(shared, raw);
    if let Some(street) = owned_text(address) {
        match c.addresses.first_mut() {
            Some(a) => a.street = Some(street),
            None => c.addresses.push(Address { street: Some(street), ..Address::default() }),
        }
    }
    put(&mut c.extra, "departmentId", department_id);
    put(&mut c.extra, "departmentPath", department_path);
    put(&mut c.extra, "industryId", industry_id);
    put(&mut c.extra, "levelId", level_id);
    put(&mut c.extra, "partnerRelationship", partner_relationship);
    put(&mut c.extra, "rank", rank);
    put(&mut c.extra, "projectNumber", project_number);
    put(&mut c.extra, "advantageousIndustry", advantageous_industry);
    put(&mut c.extra, "creditSituation", credit_situation);
    put(&mut c.extra, "isPinned", is_pinned);
    c
}

/// nd's customers as a [`CustomerStream`].
fn stream(client: &nd_client::Client) -> CustomerStream {
    let query = nd_client::CustomersQuery::new().page_size(PAGE_SIZE);
    Box::pin(client.customers(query).map(|r| r.map(|item| list_item(item.value, item.raw))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(id: Option<i64>, name: Option<&str>) -> Follower {
        Follower { id, name: name.map(str::to_string) }
    }

    fn pairs(users: &[UserRef]) -> Vec<(Option<&str>, Option<&str>)> {
        users.iter().map(|u| (u.id.as_deref(), u.name.as_deref())).collect()
    }

    #[test]
    fn followers_join_ids_and_names_moving_each_name_once() {
        let names = vec![
            named(Some(31), Some(" 林晓 ")),
            named(Some(31), Some("second entry for 31")),
            named(Some(45), Some("  ")),
            named(Some(52), Some("吴婷")),
            named(None, Some("无编号")),
            named(None, None),
        ];
        // 31 listed twice: both get the first entry's name; 99 has no name; 52 is named only.
        let users = followers(&[31, 45, 31, 99], names);
        assert_eq!(
            pairs(&users),
            [
                (Some("31"), Some("林晓")),
                (Some("45"), None),
                (Some("31"), Some("林晓")),
                (Some("99"), None),
                (Some("52"), Some("吴婷")),
                (None, Some("无编号")),
            ]
        );
        assert!(users.iter().all(|u| u.role == UserRole::Follower));
    }
}
