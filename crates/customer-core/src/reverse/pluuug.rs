//! [`CustomerChange`] → Pluuug's `PATCH /v1/client/{id}` (and `POST /v1/client`) body, the inverse
//! of [`crate::pluuug::map`].
//!
//! | shared field | Pluuug field | values |
//! |---|---|---|
//! | `name` | `companyName` | non-blank text; cannot be cleared |
//! | `status` | `status: {id}` | a status id or title of the business (`GET /v1/client/status`); `null` clears |
//! | `description` | `content` | text |
//! | `primary_contact` name/title/phone/email | `inCharge`, `position`, `contact`, `email` | text |
//! | `tax_id` (`kr_brn`) | `businessRegistrationNumber`, `branchNumber` | scheme `kr_brn` only |
//! | `representative` | `ceoName` | text |
//! | `addresses` (at most one; street, detail; kind registered or none, country KR or none) | `companyAddress`, `companyDetailAddress` | text |
//! | `industry` (at most two) | `businessType`, `businessClass` | text |
//! | `invoice_email` | `taxInvoiceEmail` | email |
//! | `custom_fields` | `fieldSet: [{field: {id}, value}]` | by the field's `dataType` (`GET /v1/field?category=C`): S text, N decimal, D `YYYY-MM-DD`, T date or date-time, B bool, SL an option title, ML option titles, M member ids; `F` and unknown types refused |
//!
//! Pluuug stores no other names, party kind, lifecycle stage, owner, collaborators, customer
//! phones/emails (its `contact`/`email` are the contact person's), tags, lead source, level or
//! `extra` field: those are refused.

use pluuug_client::types::{ClientStatus, CustomField as FieldDef};
use serde_json::{Value, json};

use super::{Body, text_patch};
use crate::change::Refusals;
use crate::normalize::{self, KOREA};
use crate::{AddressKind, CustomFieldChange, CustomerChange, Error, Patch, Provider, TaxScheme};

/// What the mapping reads from the business: its client statuses and its client custom field
/// definitions (category `C`). Only needed when the change sets a status or custom fields.
#[derive(Clone, Copy, Debug, Default)]
pub struct Lookups<'a> {
    /// `GET /v1/client/status`.
    pub statuses: &'a [ClientStatus],
    /// `GET /v1/field?category=C`.
    pub fields: &'a [FieldDef],
}

/// The PATCH (or POST) body for `change`, or one `config` error naming every field Pluuug cannot
/// store.
pub fn body(change: &CustomerChange, lookups: Lookups<'_>, operation: &'static str) -> Result<Value, Error> {
    let mut b = Body::default();
    let mut refused = Refusals::default();
    let CustomerChange {
        name,
        other_names,
        party_kind,
        lifecycle_stage,
        status,
        description,
        owner,
        collaborators,
        primary_contact,
        phones,
        emails,
        addresses,
        tax_id,
        representative,
        invoice_email,
        industry,
        tags,
        lead_source,
        level,
        custom_fields,
        extra,
    } = change;
    match name {
        Patch::Absent => {}
        Patch::Set(n) if !n.trim().is_empty() => b.put("companyName", json!(n)),
        _ => refused.push("name", "companyName is required: it cannot be cleared or blank"),
    }
    let none = "Pluuug has no such field";
    for (field, absent) in [
        ("other_names", other_names.is_absent()),
        ("party_kind", party_kind.is_absent()),
        ("lifecycle_stage", lifecycle_stage.is_absent()),
        ("owner", owner.is_absent()),
        ("collaborators", collaborators.is_absent()),
        ("tags", tags.is_absent()),
        ("lead_source", lead_source.is_absent()),
        ("level", level.is_absent()),
    ] {
        if !absent {
            refused.push(field, none);
        }
    }
    if !phones.is_absent() {
        refused.push(
            "phones",
            "Pluuug keeps no customer phone; `contact` is the contact person's (primary_contact.phone)",
        );
    }
    if !emails.is_absent() {
        refused.push(
            "emails",
            "Pluuug keeps no customer email; `email` is the contact person's (primary_contact.email)",
        );
    }
    match status {
        Patch::Absent => {}
        Patch::Clear => b.put("status", Value::Null),
        Patch::Set(s) => match status_id(s, lookups.statuses) {
            Ok(id) => b.put("status", json!({ "id": id })),
            Err(why) => refused.push("status", why),
        },
    }
    b.text("content", description);
    match primary_contact {
        Patch::Absent => {}
        Patch::Clear => {
            for key in ["inCharge", "position", "contact", "email"] {
                b.put(key, Value::Null);
            }
        }
        Patch::Set(c) => {
            b.text("inCharge", &c.name);
            b.text("position", &c.title);
            b.text("contact", &c.phone);
            b.text("email", &c.email);
        }
    }
    match tax_id {
        Patch::Absent => {}
        Patch::Clear => {
            b.put("businessRegistrationNumber", Value::Null);
            b.put("branchNumber", Value::Null);
        }
        Patch::Set(t) if t.scheme == TaxScheme::KrBrn => {
            b.put("businessRegistrationNumber", json!(t.value));
            b.put("branchNumber", t.branch.as_ref().map_or(Value::Null, |br| json!(br)));
        }
        Patch::Set(_) => refused.push("tax_id", "only scheme kr_brn (businessRegistrationNumber)"),
    }
    b.text("ceoName", representative);
    b.text("taxInvoiceEmail", invoice_email);
    match addresses.as_slices() {
        None => {}
        Some(None) | Some(Some([])) => {
            b.put("companyAddress", Value::Null);
            b.put("companyDetailAddress", Value::Null);
        }
        Some(Some([a])) => {
            let mut parts = Vec::new();
            if !matches!(a.kind, None | Some(AddressKind::Registered)) {
                parts.push("kind (only registered)");
            }
            if a.country.as_deref().is_some_and(|c| !c.trim().eq_ignore_ascii_case("KR")) {
                parts.push("country (only KR)");
            }
            if a.label.is_some() {
                parts.push("label");
            }
            if !a.region.is_empty() {
                parts.push("region");
            }
            if a.geo.is_some() {
                parts.push("geo");
            }
            if parts.is_empty() {
                b.put("companyAddress", text_patch(&a.street.clone().into()).unwrap_or(Value::Null));
                b.put("companyDetailAddress", text_patch(&a.detail.clone().into()).unwrap_or(Value::Null));
            } else {
                refused.push(
                    "addresses[0]",
                    format!("Pluuug stores street and detail only, not {}", parts.join(", ")),
                );
            }
        }
        Some(Some(_)) => refused.push("addresses", "Pluuug stores one address (companyAddress)"),
    }
    match industry.as_slices() {
        None => {}
        Some(None) | Some(Some([])) => {
            b.put("businessType", Value::Null);
            b.put("businessClass", Value::Null);
        }
        Some(Some([t])) => {
            b.put("businessType", json!(t));
            b.put("businessClass", Value::Null);
        }
        Some(Some([t, c])) => {
            b.put("businessType", json!(t));
            b.put("businessClass", json!(c));
        }
        Some(Some(_)) => refused.push("industry", "at most two levels (businessType, businessClass)"),
    }
    if !custom_fields.is_empty() {
        let mut set: Vec<Value> = Vec::new();
        for f in custom_fields {
            match field_value(f, lookups.fields) {
                Ok(entry) if set.iter().any(|e| e["field"]["id"] == entry["field"]["id"]) => {
                    refused.push(format!("custom_fields[{}]", f.key()), "the change names this field twice")
                }
                Ok(entry) => set.push(entry),
                Err(why) => refused.push(format!("custom_fields[{}]", f.key()), why),
            }
        }
        b.put("fieldSet", Value::Array(set));
    }
    for key in extra.keys() {
        refused.push(format!("extra.{key}"), none);
    }
    refused.finish(Provider::Pluuug, operation)?;
    b.finish(Provider::Pluuug, operation)
}

/// A status id from an id or a title of the business's statuses.
fn status_id(given: &str, statuses: &[ClientStatus]) -> Result<i64, String> {
    let given = given.trim();
    let titles = || {
        let t: Vec<String> = statuses
            .iter()
            .filter_map(|s| Some(format!("{} {}", s.id?, s.title.as_deref().unwrap_or(""))))
            .collect();
        if t.is_empty() { "the business lists none".to_string() } else { t.join(", ") }
    };
    if let Ok(id) = given.parse::<i64>()
        && statuses.iter().any(|s| s.id == Some(id))
    {
        return Ok(id);
    }
    statuses
        .iter()
        .find(|s| s.title.as_deref().map(str::trim) == Some(given))
        .and_then(|s| s.id)
        .ok_or_else(|| format!("`{given}` is no status id or title of this business ({})", titles()))
}

/// One `fieldSet` entry: the field resolved by id or name, the value encoded by its `dataType`.
fn field_value(f: &CustomFieldChange, defs: &[FieldDef]) -> Result<Value, String> {
    let def = match (&f.id, &f.name) {
        (Some(id), _) => {
            let id = id.trim().parse::<i64>().map_err(|_| format!("field id `{id}` is not an integer"))?;
            defs.iter()
                .find(|d| d.id == Some(id))
                .ok_or_else(|| format!("no client custom field has id {id}"))?
        }
        (None, Some(name)) => defs
            .iter()
            .find(|d| d.name.as_deref().map(str::trim) == Some(name.trim()))
            .ok_or_else(|| format!("no client custom field is named `{name}`"))?,
        (None, None) => return Err("give the field's id or name".into()),
    };
    let id = def.id.ok_or("the field definition has no id")?;
    let value = if f.value.is_null() { Value::Null } else { encode(def, &f.value)? };
    Ok(json!({"field": {"id": id}, "value": value}))
}

/// A value as the string Pluuug's `fieldSet[].value` documents, by the field's `dataType`.
fn encode(def: &FieldDef, v: &Value) -> Result<Value, String> {
    let data_type = def.data_type.as_deref().map(str::trim).unwrap_or("");
    let as_text = |v: &Value| match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let options = def.option_set.as_deref().unwrap_or_default();
    let option_id = |label: &str| {
        options
            .iter()
            .find(|o| o.title.as_deref().map(str::trim) == Some(label))
            .or_else(|| options.iter().find(|o| o.id.as_deref().map(str::trim) == Some(label)))
            .and_then(|o| o.id.clone())
    };
    let labels = || options.iter().filter_map(|o| o.title.as_deref()).collect::<Vec<_>>().join(", ");
    let text = match data_type {
        "S" => v.as_str().map(str::to_string).ok_or("S (text) takes a string")?,
        "N" => as_text(v).and_then(|t| normalize::decimal(&t)).ok_or("N (number) takes a decimal number")?,
        "D" => as_text(v)
            .filter(|t| chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").is_ok())
            .ok_or("D (date) takes YYYY-MM-DD")?,
        "T" => as_text(v)
            .filter(|t| normalize::date_or_datetime(t, KOREA).is_some())
            .ok_or("T takes a date or an RFC 3339 date-time")?,
        "B" => match v {
            Value::Bool(b) => b.to_string(),
            _ => return Err("B (bool) takes true or false".into()),
        },
        "SL" => {
            let label = as_text(v).ok_or("SL (choice) takes one option title")?;
            option_id(&label).ok_or_else(|| format!("`{label}` is not an option ({})", labels()))?
        }
        "ML" => {
            let items = v.as_array().ok_or("ML (multi choice) takes a list of option titles")?;
            let mut ids = Vec::new();
            for item in items {
                let label = as_text(item).ok_or("ML (multi choice) takes a list of option titles")?;
                ids.push(
                    option_id(&label).ok_or_else(|| format!("`{label}` is not an option ({})", labels()))?,
                );
            }
            ids.join(",")
        }
        "M" => {
            let members = def.member_set.as_deref().unwrap_or_default();
            let items = v.as_array().ok_or("M (member) takes a list of member ids")?;
            let mut ids = Vec::new();
            for item in items {
                let id = match item {
                    Value::Object(o) => o.get("id").and_then(as_text),
                    other => as_text(other),
                };
                let id =
                    id.and_then(|i| i.parse::<i64>().ok()).ok_or("M (member) takes a list of member ids")?;
                if !members.iter().any(|m| m.id == Some(id)) {
                    return Err(format!("member {id} is not among the field's members"));
                }
                ids.push(id.to_string());
            }
            ids.join(",")
        }
        other => return Err(format!("dataType `{other}` cannot be written through the shared model")),
    };
    Ok(Value::String(text))
}
