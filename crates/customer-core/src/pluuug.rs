//! Pluuug (`GET /v1/client/{client_id}`, a bare `Client` object) → [`Customer`].
//!
//! Fields in the order of the contract's Pluuug paragraph. Custom field values are resolved by
//! their `dataType`, against the field's own `optionSet` / `memberSet`. It is not a client: the
//! HTTP call lives in `pluuug-client`; [`CustomerSource`] glues the two together.
//!
//! Where this goes beyond the contract, and why:
//! - `created` without an offset gets Korea's +09:00 (the contract names home offsets for the
//!   other three providers only; Pluuug's example is UTC with `Z`).
//! - `contacts[0]` is `primary: true`: `inCharge` is the client's one designated contact person.
//! - `status` with a title but no id uses the title as `native` (native is never empty).
//! - How SL/ML/M values are encoded is undocumented, so a value is read as an option id, else as
//!   an option title; ML and M also as a JSON array or a comma-separated list; member ids as
//!   numbers or strings. N accepts decimal text (`1,250.5` too), B `true/false/1/0/y/n/yes/no`,
//!   D and T the date forms every mapping reads (a D value with a time gives its date at +09:00).
//!   A value that does not resolve becomes `kind: text` with the value as sent plus a warning, so
//!   nothing is lost and `kind` never lies about `value`.
//! - Selected members become `UserRef`s with role `collaborator` (the field says nothing more).
//! - `optionSet` / `memberSet` describe the choices a field offers, not the customer: they are read
//!   to resolve values and otherwise live only in `raw` ([`DEFINITION_ONLY`]).
//! - A `fieldSet` entry with no field id, no name and no value is skipped (nothing to keep); a
//!   field without a name is named `field <id>` with a warning.
//! - A `branchNumber` without a registration number has no `TaxId` to sit in and goes to `extra`.
//! - Keys the spec does not know, at any depth (`status.color`, `fieldSet[0].field.required`), are
//!   not decoded: they stay in `raw`, the body exactly as received, and not in `extra`; the
//!   coverage gate fails the day the spec gains them.

use async_trait::async_trait;
use pluuug_client::types::{Client, CustomField as FieldDef, FieldValue};
use serde_json::Value;

use crate::body::{self, Placement};
use crate::model::{
    Address, AddressKind, Billing, Contact, CustomField, CustomFieldKind, Customer, Email, EmailKind,
    Enumerated, Phone, PhoneKind, Status, TaxId, TaxScheme, UserRef, UserRole,
};
use crate::normalize::{self, KOREA, Warnings, owned_text, put, quote, text, trimmed};
use crate::{CustomerSource, Error, Provider, RawJson};

/// Properties of the spec's `Client` (paths, `[]` for array items) that map to a unified field.
pub const MAPPED: &[&str] = &[
    "id",
    "companyName",
    "created",
    "status.id",
    "status.title",
    "inCharge",
    "position",
    "contact",
    "email",
    "content",
    "businessRegistrationNumber",
    "branchNumber",
    "ceoName",
    "companyAddress",
    "companyDetailAddress",
    "businessType",
    "businessClass",
    "taxInvoiceEmail",
    "fieldSet[].field.id",
    "fieldSet[].field.name",
    "fieldSet[].field.dataType",
    "fieldSet[].value",
];

/// Properties sent to `extra` as they are: none, every `Client` property has a unified home.
pub const TO_EXTRA: &[&str] = &[];

/// Properties of a custom field's definition that describe the choices offered, not the customer:
/// read to resolve a value (option titles, member names and emails), otherwise kept only in `raw`.
pub const DEFINITION_ONLY: &[&str] = &[
    "fieldSet[].field.optionSet[].id",
    "fieldSet[].field.optionSet[].title",
    "fieldSet[].field.memberSet[].id",
    "fieldSet[].field.memberSet[].nickname",
    "fieldSet[].field.memberSet[].email",
    "fieldSet[].field.memberSet[].isActive",
    "fieldSet[].field.memberSet[].grade.id",
    "fieldSet[].field.memberSet[].grade.title",
];

/// How [`map`] places the properties of the spec's `Client` (checked against `specs/pluuug.yaml`
/// by the coverage gate).
pub const PLACEMENT: Placement = Placement::new(
    "Client",
    &[("MAPPED", MAPPED), ("TO_EXTRA", TO_EXTRA), ("DEFINITION_ONLY", DEFINITION_ONLY)],
);

/// A `GET /v1/client/{id}` body, decoded and mapped (see [`crate::map_body`]).
#[doc(hidden)]
pub fn map_body(_id: &str, body: &[u8], raw: RawJson) -> Result<Customer, Error> {
    let client: Client = body::decode(Provider::Pluuug, body, &raw)?;
    Ok(map(client, raw))
}

/// Maps a Pluuug client and the response body it was decoded from (kept as is in `raw`, not read
/// again). The client is taken by value: its strings move into the [`Customer`] instead of being
/// copied.
pub fn map(value: Client, raw: impl Into<RawJson>) -> Customer {
    // Every property by name: a property the generated type gains does not compile until placed.
    let Client {
        branch_number,
        business_class,
        business_registration_number,
        business_type,
        ceo_name,
        company_address,
        company_detail_address,
        company_name,
        contact,
        content,
        created,
        email,
        field_set,
        id,
        in_charge,
        position,
        status,
        tax_invoice_email,
    } = value;
    let mut w = Warnings::default();
    let name = owned_text(company_name).unwrap_or_else(|| {
        w.push("name", "companyName is missing or empty");
        String::new()
    });
    let mut c = Customer::new(Provider::Pluuug, id.to_string(), name);

    c.created_at = created.and_then(|d| w.date("created_at", "created", Some(d.raw()), KOREA));
    c.status = status.and_then(|s| s.0).and_then(|s| {
        let label = owned_text(s.title);
        let native = s.id.map(|id| id.to_string()).or_else(|| label.clone())?;
        Some(Enumerated::new(Status::Other, native, label))
    });
    let contact = Contact {
        name: owned_text(in_charge),
        title: owned_text(position),
        phones: owned_text(contact).map(|n| Phone::new(n, PhoneKind::Other)).into_iter().collect(),
        emails: owned_text(email).map(|e| Email::new(e, EmailKind::General)).into_iter().collect(),
        primary: true,
        ..Contact::default()
    };
    if !contact.is_empty() {
        c.contacts.push(contact);
    }
    c.description = owned_text(content);
    let branch = owned_text(branch_number);
    match business_registration_number.as_deref().and_then(normalize::tax_number) {
        Some(brn) => {
            let mut id = TaxId::new(TaxScheme::KrBrn, brn);
            id.branch = branch;
            c.tax_ids.push(id);
        }
        // A branch number without the registration number it belongs to has no TaxId to sit in.
        None => put(&mut c.extra, "branchNumber", branch),
    }
    c.representative = owned_text(ceo_name);
    let address = Address {
        kind: Some(AddressKind::Registered),
        country: Some("KR".into()),
        street: owned_text(company_address),
        detail: owned_text(company_detail_address),
        ..Address::default()
    };
    if address.street.is_some() || address.detail.is_some() {
        c.addresses.push(address);
    }
    c.industry = [business_type, business_class].into_iter().filter_map(owned_text).collect();
    let billing = Billing { invoice_email: owned_text(tax_invoice_email), ..Billing::default() };
    if !billing.is_empty() {
        c.billing = Some(billing);
    }
    for fv in field_set.into_iter().flatten() {
        if let Some(field) = custom_field(c.custom_fields.len(), fv, &mut w) {
            c.custom_fields.push(field);
        }
    }

    c.raw = Some(raw.into());
    c.warnings = w.0;
    c
}

/// One `fieldSet` entry → a custom field typed by `dataType`; `None` for an entry that names no
/// field and holds no value (nothing to keep).
fn custom_field(i: usize, fv: FieldValue, w: &mut Warnings) -> Option<CustomField> {
    let at = || format!("custom_fields[{i}]");
    let mut def = fv.field.unwrap_or_default();
    // Contract rule 5: an empty value (null, blank, `[]`) is no entry, whatever the definition.
    let raw = fv.value.and_then(value_text)?;
    let name = owned_text(def.name.take());
    let name = name.unwrap_or_else(|| {
        let fallback = def.id.map_or_else(|| "field".to_string(), |id| format!("field {id}"));
        w.push(format!("{}.name", at()), format!("custom field without a name; named {}", quote(&fallback)));
        fallback
    });
    let data_type = def.data_type.as_deref().map(str::trim).unwrap_or("");
    let kind = match data_type {
        "S" => CustomFieldKind::Text,
        "N" => CustomFieldKind::Number,
        "D" => CustomFieldKind::Date,
        "T" => CustomFieldKind::Datetime,
        "B" => CustomFieldKind::Bool,
        "SL" => CustomFieldKind::Choice,
        "ML" => CustomFieldKind::MultiChoice,
        "M" => CustomFieldKind::Member,
        _ => CustomFieldKind::Unknown,
    };
    let mut field = CustomField::new(name, kind, Value::Null);
    field.id = def.id.map(|id| id.to_string());
    // `None`: the value as sent (text, or a type this mapping does not know).
    let typed = match kind {
        CustomFieldKind::Text => None,
        CustomFieldKind::Number => {
            Some(normalize::decimal(&raw).map(Value::String).ok_or("not a decimal number"))
        }
        CustomFieldKind::Date => {
            Some(normalize::date_only(&raw, KOREA).map(Value::String).ok_or("not a date"))
        }
        CustomFieldKind::Datetime => {
            Some(normalize::date_or_datetime(&raw, KOREA).map(Value::String).ok_or("not a date"))
        }
        CustomFieldKind::Bool => Some(boolean(&raw).map(Value::Bool).ok_or("not a boolean")),
        CustomFieldKind::Choice => Some(
            option_title(&def, &raw)
                .or_else(|| match items(&raw).as_slice() {
                    [one] => option_title(&def, one),
                    _ => None,
                })
                .map(Value::String)
                .ok_or("no option of the field has this id or title"),
        ),
        CustomFieldKind::MultiChoice => {
            Some(option_titles(&def, &raw).ok_or("not a list of the field's options"))
        }
        CustomFieldKind::Member => Some(members(&def, &raw).ok_or("not a list of the field's members")),
        _ => {
            let what = match data_type {
                "" => "no dataType".to_string(),
                other => format!("unknown dataType {}", quote(other)),
            };
            w.push(format!("{}.kind", at()), format!("{what}; value kept as sent"));
            None
        }
    };
    field.value = match typed {
        None => Value::String(raw),
        Some(Ok(v)) => v,
        Some(Err(why)) => {
            w.push(
                format!("{}.value", at()),
                format!(
                    "value {} of {data_type} field {}: {why}; kept as text",
                    quote(&raw),
                    quote(&field.name)
                ),
            );
            field.kind = CustomFieldKind::Text;
            Value::String(raw)
        }
    };
    Some(field)
}

/// A `fieldSet[].value` in the text form the resolution below reads: a string as sent, a number as
/// its decimal text, a boolean as `true`/`false`, an option object `{"id"}` as its id, a list of
/// them (or of scalars) as a JSON array of the ids; anything else as its JSON text. `None` when
/// empty (null, blank, an empty list).
fn value_text(v: Value) -> Option<String> {
    fn id_of(v: &Value) -> Option<String> {
        match v {
            Value::String(s) => text(Some(s)),
            Value::Number(n) => normalize::decimal_number(n),
            Value::Bool(b) => Some(b.to_string()),
            Value::Object(o) => o.get("id").and_then(id_of),
            _ => None,
        }
    }
    match v {
        Value::Null => None,
        Value::String(s) => owned_text(Some(s)),
        Value::Array(items) => {
            let ids: Vec<String> = items.iter().filter_map(id_of).collect();
            if ids.is_empty() {
                return None;
            }
            serde_json::to_string(&ids).ok()
        }
        Value::Object(ref o) if o.contains_key("id") => id_of(&v),
        Value::Object(ref o) if o.is_empty() => None,
        other => id_of(&other).or_else(|| serde_json::to_string(&other).ok()),
    }
}

fn boolean(s: &str) -> Option<bool> {
    let is = |words: &[&str]| words.iter().any(|w| s.eq_ignore_ascii_case(w));
    if is(&["true", "1", "y", "yes"]) {
        Some(true)
    } else if is(&["false", "0", "n", "no"]) {
        Some(false)
    } else {
        None
    }
}

/// The items of a list value: a JSON array (of strings or numbers) or comma-separated text.
fn items(raw: &str) -> Vec<String> {
    if raw.trim_start().starts_with('[')
        && let Ok(Value::Array(values)) = serde_json::from_str::<Value>(raw)
    {
        return values
            .iter()
            .filter_map(|v| match v {
                Value::String(s) => text(Some(s)),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .collect();
    }
    normalize::split(raw, &[','])
}

/// An option's title by id, else by exact title.
fn option_title(def: &FieldDef, key: &str) -> Option<String> {
    let options = def.option_set.as_deref().unwrap_or_default();
    fn title(o: &pluuug_client::types::CustomFieldOption) -> Option<&str> {
        trimmed(o.title.as_deref())
    }
    let by_id = options.iter().find(|o| o.id.as_deref().map(str::trim) == Some(key));
    by_id.and_then(title).or_else(|| options.iter().filter_map(title).find(|t| *t == key)).map(str::to_string)
}

fn option_titles(def: &FieldDef, raw: &str) -> Option<Value> {
    // A single title may itself contain a comma: try the whole value first.
    if let Some(one) = option_title(def, raw) {
        return Some(Value::Array(vec![Value::String(one)]));
    }
    let items = items(raw);
    let titles: Option<Vec<Value>> = items.iter().map(|i| option_title(def, i).map(Value::String)).collect();
    titles.filter(|t| !t.is_empty()).map(Value::Array)
}

fn members(def: &FieldDef, raw: &str) -> Option<Value> {
    let set = def.member_set.as_deref().unwrap_or_default();
    let refs: Option<Vec<Value>> = items(raw)
        .iter()
        .map(|i| {
            let id = i.parse::<i64>().ok()?;
            let m = set.iter().find(|m| m.id == Some(id))?;
            let mut user = UserRef::new(UserRole::Collaborator);
            user.id = Some(id.to_string());
            user.name = text(m.nickname.as_deref());
            user.email = text(m.email.as_deref());
            serde_json::to_value(user).ok()
        })
        .collect();
    refs.filter(|r| !r.is_empty()).map(Value::Array)
}

#[async_trait]
impl CustomerSource for pluuug_client::Client {
    fn provider(&self) -> Provider {
        Provider::Pluuug
    }

    /// `id` is the numeric client id as text; anything else is a `config` error.
    async fn customer(&self, id: &str) -> Result<Customer, Error> {
        let fetched = self.get_client_by_str(id).await?;
        Ok(map(fetched.value, fetched.raw))
    }

    /// `PATCH /v1/client/{id}` with `changes` (keys among [`pluuug_client::CLIENT_FIELDS`]).
    async fn update_customer(&self, id: &str, changes: serde_json::Value) -> Result<Customer, Error> {
        const OP: &str = "update_client";
        crate::write::check_keys(Provider::Pluuug, OP, &changes, &pluuug_client::CLIENT_FIELDS)?;
        let id = pluuug_client::clients::parse_client_id(id, OP)?;
        let fetched = self.update_client(id, &changes).await?;
        Ok(map(fetched.value, fetched.raw))
    }

    fn native_update_body(&self, id: &str, changes: serde_json::Value) -> Result<Value, Error> {
        const OP: &str = "update_client";
        crate::write::check_keys(Provider::Pluuug, OP, &changes, &pluuug_client::CLIENT_FIELDS)?;
        pluuug_client::clients::parse_client_id(id, OP)?;
        pluuug_client::clients::check_update_body(&changes)?;
        Ok(changes)
    }

    /// `POST /v1/client` (seen in integrations) with `fields` (`companyName` required).
    async fn create_customer(&self, fields: serde_json::Value) -> Result<Customer, Error> {
        const OP: &str = "create_client";
        crate::write::check_keys(Provider::Pluuug, OP, &fields, &pluuug_client::CLIENT_FIELDS)?;
        let fetched = self.create_client(&fields).await?;
        Ok(map(fetched.value, fetched.raw))
    }

    /// The PATCH body of [`crate::reverse::pluuug`]; reads (once per client) the status list when
    /// the change sets a status and the client field definitions when it sets custom fields.
    async fn body_for(&self, id: &str, change: &crate::CustomerChange) -> Result<Value, Error> {
        pluuug_client::clients::parse_client_id(id, "update_client")?;
        change_body(self, change, "update_client").await
    }

    /// The POST body of [`crate::reverse::pluuug`] (`name` required).
    async fn create_body(&self, change: &crate::CustomerChange) -> Result<Value, Error> {
        if !change.name.is_set() {
            return Err(Error::new(
                crate::ErrorKind::Config,
                Provider::Pluuug.as_str(),
                "create_client",
                "not sent: a new client needs `name` (companyName)",
            )
            .with_field("name"));
        }
        change_body(self, change, "create_client").await
    }

    /// `GET /v1/client` (seen in integrations), every client mapped like a detail.
    fn customers(&self) -> Result<crate::CustomerStream, Error> {
        use futures::StreamExt;
        let stream = self.clients(pluuug_client::ClientsQuery::new().page_size(100));
        Ok(Box::pin(stream.map(|r| r.map(|item| map(item.value, item.raw)))))
    }

    /// The cursor list from `from` on: `from.page` is a DRF cursor.
    fn customers_from(&self, from: &crate::ListPoint) -> Result<crate::PlacedStream, Error> {
        let mut query = pluuug_client::ClientsQuery::new().page_size(100);
        if let Some(cursor) = &from.page {
            query = query.cursor(cursor.clone());
        }
        Ok(crate::list::placed(self.clients(query), from, map))
    }
}

/// The reverse mapping with the lookups it needs: none are read when the change is refused
/// without them.
async fn change_body(
    client: &pluuug_client::Client,
    change: &crate::CustomerChange,
    operation: &'static str,
) -> Result<Value, Error> {
    use crate::reverse::pluuug::{Lookups, body};
    // Refusals that need no lookup come first, so a refused change reads nothing either.
    let mut probe = change.clone();
    probe.status = crate::Patch::Absent;
    probe.custom_fields.clear();
    if let Err(e) = body(&probe, Lookups::default(), operation)
        && !probe.is_empty()
    {
        return Err(e);
    }
    let statuses = match change.status.is_set() {
        true => client.client_statuses_cached().await?,
        false => Vec::new(),
    };
    let fields = match change.custom_fields.is_empty() {
        false => client.client_fields_cached().await?,
        true => Vec::new(),
    };
    body(change, Lookups { statuses: &statuses, fields: &fields }, operation)
}
