//! eshouhou 易售后 (`GET /open/v2/Customer/GetCustomer`, envelope `{ResultCode, ErrorMsg,
//! ResultValue}`) → [`Customer`].
//!
//! The record is a list of display rows `{ShowType, Key, Value}` labelled in Chinese; rows are read
//! by `Key`, an empty `Value` is absent, and times without an offset get China's +08:00. The
//! response carries no id, so the id is the one that was asked for. Keys in the order of the
//! contract's eshouhou paragraph; any other key is a field of the tenant's own form.
//!
//! Where this goes beyond the contract, and why:
//! - `contacts[0]` is `primary: true`: 联系人 is the archive's one main contact.
//! - 维护人员 holding several names (`张三、李四`, also `,` `，` `;` `；`) gives the first as the
//!   owner and the others as collaborators, all with role `maintainer`, instead of one odd name.
//! - A custom key shown as tags (`ShowType` 6) becomes a `multi_choice` field of its labels split
//!   on `、`, the same split as 客户标签, instead of one text.
//! - A known key that appears twice keeps its first value in the unified field; the repeats become
//!   custom fields (kind text) with a warning, so no row is lost.
//! - Custom fields with an empty value are kept with value `null`: the tenant's form has the field.
//! - A row without a Key is kept as custom field `row <n>` (its position) with a warning.
//! - Dates also read as `2021/11/03 08:05` or `2021年6月8日`; the format is undocumented.
//! - The 统一社会信用码 is kept as sent (trimmed); 所属区域 gives region names without codes.

use async_trait::async_trait;
use eshouhou_client::types::{DisplayRow, ShowType};
use serde_json::Value;

use crate::body::{self, Placement};
use crate::model::{
    Address, AddressKind, Billing, Contact, CustomField, CustomFieldKind, Customer, Email, EmailKind, Phone,
    PhoneKind, Region, TaxId, TaxScheme, UserRef, UserRole,
};
use crate::normalize::{self, CHINA, Warnings, owned_text, put, quote};
use crate::{CustomerSource, Error, Provider, RawJson};

/// Keys of the documented rows that map to a unified field.
pub const MAPPED: &[&str] = &[
    "客户编号",
    "客户名称",
    "联系人",
    "联系电话",
    "邮箱",
    "固定电话",
    "统一社会信用码",
    "住所",
    "国家/地区",
    "所属区域",
    "详细地址",
    "发票抬头",
    "发票类型",
    "开户行",
    "银行账户",
    "备注",
    "维护人员",
    "客户标签",
    "客户来源",
    "客户等级",
    "创建时间",
    "最近服务日期",
];

/// Keys of the documented rows sent to `extra` as they are (`{"默认服务网点": "上海浦东服务站"}`).
pub const TO_EXTRA: &[&str] = &["默认服务网点"];

/// `ShowType` of a tags row.
const SHOW_TAGS: i64 = 6;
const TAG_SEPARATOR: char = '、';
const NAME_SEPARATORS: &[char] = &['、', ',', '，', ';', '；'];

/// How [`map`] places the row Keys the spec documents (in the prose of `GetCustomer`'s
/// description; checked against `specs/eshouhou.yaml` by the coverage gate).
pub const PLACEMENT: Placement =
    Placement::new("GetCustomer rows", &[("MAPPED", MAPPED), ("TO_EXTRA", TO_EXTRA)]);

/// A `GET /open/v2/Customer/GetCustomer` body — `{ResultCode, ResultValue}` — decoded and mapped
/// as customer `id` (the body does not carry it; see [`crate::map_body`]).
#[doc(hidden)]
pub fn map_body(id: &str, body: &[u8], raw: RawJson) -> Result<Customer, Error> {
    let envelope: eshouhou_client::types::CustomerEnvelope = body::decode(Provider::Eshouhou, body, &raw)?;
    let code = envelope.result_code.to_string();
    if code.trim() != "0" {
        return Err(body::refused(Provider::Eshouhou, code.trim(), &raw));
    }
    // As the client answers: a null `ResultValue` is a success answer without the customer, an
    // empty one means there is no such archive.
    match envelope.result_value {
        None => Err(body::empty(Provider::Eshouhou, "ResultValue", &raw)),
        Some(rows) if rows.is_empty() => Err(body::not_found(Provider::Eshouhou, &raw)),
        Some(rows) => Ok(map(id, rows, raw)),
    }
}

/// Maps the display rows of customer `customer_id` and the whole response body they were decoded
/// from (kept as is in `raw`, not read again). The rows are taken by value: their strings move
/// into the [`Customer`] instead of being copied.
pub fn map(customer_id: &str, rows: Vec<DisplayRow>, raw: impl Into<RawJson>) -> Customer {
    let mut w = Warnings::default();
    let mut known: Vec<(&str, Option<String>)> = Vec::new();
    let mut extra = serde_json::Map::new();
    let mut custom = Vec::new();
    for (n, DisplayRow { key, show_type, value }) in rows.into_iter().enumerate() {
        // Documented as text; a number or boolean arrives as its JSON spelling (raw keeps the original).
        let value = value.map(crm_runtime::LenientText::into_string);
        let trimmed_key = key.trim();
        let mapped = MAPPED.iter().copied().find(|k| *k == trimmed_key);
        let to_extra = TO_EXTRA.iter().copied().find(|k| *k == trimmed_key);
        if let Some(k) = mapped.filter(|k| !known.iter().any(|(seen, _)| seen == k)) {
            known.push((k, owned_text(value)));
        } else if let Some(k) = to_extra.filter(|k| !extra.contains_key(*k)) {
            put(&mut extra, k, value);
        } else {
            let i = custom.len();
            let at = || format!("custom_fields[{i}]");
            let repeat = mapped.is_some() || to_extra.is_some();
            let value = owned_text(value);
            // Contract rule 5: an empty value is no entry in `custom_fields`, as for every provider.
            if value.is_none() {
                continue;
            }
            if repeat {
                w.push(
                    at(),
                    format!("{} appears more than once; the repeat is kept here", quote(trimmed_key)),
                );
            }
            let name = owned_text(Some(key)).unwrap_or_else(|| {
                let fallback = format!("row {}", n + 1);
                w.push(format!("{}.name", at()), format!("row without a Key; named {}", quote(&fallback)));
                fallback
            });
            custom.push(custom_field(name, show_type.as_ref(), value));
        }
    }
    // Each key is read once: its value moves out.
    let mut get = |key: &str| known.iter_mut().find(|(k, _)| *k == key).and_then(|(_, v)| v.take());

    let id = customer_id.trim();
    if id.is_empty() {
        w.push("id", "empty customer id");
    }
    let name = get("客户名称").unwrap_or_else(|| {
        w.push("name", "客户名称 is missing or empty");
        String::new()
    });
    let mut c = Customer::new(Provider::Eshouhou, id, name);

    c.code = get("客户编号");
    let contact = Contact {
        name: get("联系人"),
        phones: get("联系电话").map(|n| Phone::new(n, PhoneKind::Mobile)).into_iter().collect(),
        emails: get("邮箱").map(|e| Email::new(e, EmailKind::General)).into_iter().collect(),
        primary: true,
        ..Contact::default()
    };
    if !contact.is_empty() {
        c.contacts.push(contact);
    }
    c.phones.extend(get("固定电话").map(|n| Phone::new(n, PhoneKind::Landline)));
    c.tax_ids.extend(get("统一社会信用码").map(|v| TaxId::new(TaxScheme::CnUscc, v)));
    if let Some(street) = get("住所") {
        c.addresses.push(Address {
            kind: Some(AddressKind::Registered),
            street: Some(street),
            ..Address::default()
        });
    }
    let office = Address {
        kind: Some(AddressKind::Office),
        country: get("国家/地区"),
        region: get("所属区域")
            .map(|r| normalize::split(&r, &['-']).into_iter().map(|name| Region::new(name, None)).collect())
            .unwrap_or_default(),
        street: get("详细地址"),
        ..Address::default()
    };
    if office.country.is_some() || !office.region.is_empty() || office.street.is_some() {
        c.addresses.push(office);
    }
    let billing = Billing {
        invoice_title: get("发票抬头"),
        invoice_type: get("发票类型"),
        bank_name: get("开户行"),
        bank_account: get("银行账户"),
        ..Billing::default()
    };
    if !billing.is_empty() {
        c.billing = Some(billing);
    }
    c.description = get("备注");
    let mut maintainers =
        get("维护人员").map(|v| normalize::split(&v, NAME_SEPARATORS)).unwrap_or_default().into_iter();
    c.owner = maintainers.next().map(maintainer);
    c.collaborators = maintainers.map(maintainer).collect();
    c.tags = get("客户标签").map(|v| normalize::split(&v, &[TAG_SEPARATOR])).unwrap_or_default();
    c.lead_source = get("客户来源");
    c.level = get("客户等级");
    c.created_at = w.date("created_at", "创建时间", get("创建时间").as_deref(), CHINA);
    c.last_activity_at = w.date("last_activity_at", "最近服务日期", get("最近服务日期").as_deref(), CHINA);
    c.custom_fields = custom;
    c.extra = extra;

    c.raw = Some(raw.into());
    c.warnings = w.0;
    c
}

fn maintainer(name: String) -> UserRef {
    let mut user = UserRef::new(UserRole::Maintainer);
    user.name = Some(name);
    user
}

/// A row of the tenant's own form: text, or the labels of a tags row.
fn custom_field(key: String, show_type: Option<&ShowType>, value: Option<String>) -> CustomField {
    let tags = match show_type {
        Some(ShowType::Integer(n)) => *n == SHOW_TAGS,
        Some(ShowType::String(s)) => s.trim().parse::<i64>() == Ok(SHOW_TAGS),
        None => false,
    };
    if tags {
        let labels =
            value.map(|v| normalize::split(&v, &[TAG_SEPARATOR]).into_iter().map(Value::String).collect());
        return CustomField::new(key, CustomFieldKind::MultiChoice, labels.map_or(Value::Null, Value::Array));
    }
    CustomField::new(key, CustomFieldKind::Text, value.map_or(Value::Null, Value::String))
}

#[async_trait]
impl CustomerSource for eshouhou_client::Client {
    fn provider(&self) -> Provider {
        Provider::Eshouhou
    }

    /// `id` is the customer archive id (a GUID).
    async fn customer(&self, id: &str) -> Result<Customer, Error> {
        let fetched = self.get_customer(id).await?;
        Ok(map(id, fetched.value, fetched.raw))
    }
}
