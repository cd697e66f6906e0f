//! [`CustomerChange`] → Gofive's `POST /v3/customers` upsert body (the client adds `customerCode`
//! for an update), the inverse of [`crate::gofive::map`].
//!
//! | shared field | Gofive field | values |
//! |---|---|---|
//! | `name` | `customerName` | non-blank; required on every upsert, so the current name is sent when the change has none |
//! | `lifecycle_stage` | `customerState` | `lead` 1, `prospect` 2, `customer` 3 (or those numbers); required: the current state is sent when the change has none; cannot be cleared |
//! | `status` | `customerStatus` | `active` 0, `inactive` 1, `closed` 2 (or those numbers) |
//! | `party_kind` | `customerType` | `organization` 1, `person` 2 |
//! | `other_names` | `customer2ndName` (first), `customerAliases` (the rest) | text |
//! | `description` | `customerNote` | text |
//! | `owner` | `owners[0]` (Gofive makes it `primaryOwner`) | an employee code; cannot be cleared |
//! | `collaborators` | `owners[1..]` | employee codes; needs an owner |
//! | `phones` | `customerPhone` (landline), `customerMobile` (mobile) | at most one of each kind |
//! | `emails` | `customerEmail` | one `general` address; `null` sends `""` (not nullable) |
//! | `addresses` | `addresses[]` `{locationName, locationAddress, locationType, latitude, longitude}` | kind billing 1, shipping 2 or none; label, street, geo |
//! | `tax_id` (`th_tin`) | `customerTaxNo`, `branchCode` | scheme `th_tin` only |
//! | `tags` | `customerTags` | text |
//! | `lead_source` | `sourceName` | text |
//! | `level` | `classificationName` | text |
//! | `custom_fields` (by name) | `customFields[] {customFieldName, customFieldValue: [text]}` | text or a list of texts; the whole list is sent, the current values kept |
//! | `extra.customerPosition`, `extra.customerBirthdate` | same | text |
//! | `extra.customerGender`, `extra.customerMaritalStatus` | same | integers |
//!
//! Gofive's upsert stores no industry, representative, invoice email or primary contact through
//! the shared model (its `contacts` list is not mapped back), and custom fields have no ids:
//! those are refused.

use serde_json::{Value, json};

use super::Body;
use crate::change::Refusals;
use crate::{
    AddressKind, CustomFieldKind, Customer, CustomerChange, EmailKind, Error, LifecycleStage, PartyKind,
    Patch, PhoneKind, Provider, TaxScheme,
};

/// `customerState` codes by stage.
pub const STATES: [(&str, i64); 3] = [("lead", 1), ("prospect", 2), ("customer", 3)];
/// `customerStatus` codes by status.
pub const STATUSES: [(&str, i64); 3] = [("active", 0), ("inactive", 1), ("closed", 2)];

fn code_of(given: &str, table: &[(&str, i64)]) -> Option<i64> {
    let given = given.trim();
    table
        .iter()
        .find(|(name, code)| given.eq_ignore_ascii_case(name) || given == code.to_string())
        .map(|(_, code)| *code)
}

fn listed(table: &[(&str, i64)]) -> String {
    table.iter().map(|(n, c)| format!("{n} {c}")).collect::<Vec<_>>().join(", ")
}

/// The upsert body for `change` to `current` (`None` for a create): `customerName` and
/// `customerState` are required on every upsert, so the current ones are sent when the change sets
/// none; `owners` and `customFields` are whole lists, so the current ones are merged. One `config`
/// error names every field Gofive cannot store.
pub fn body(
    current: Option<&Customer>,
    change: &CustomerChange,
    operation: &'static str,
) -> Result<Value, Error> {
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
    if change.is_empty() {
        return Body::default().finish(Provider::Gofive, operation);
    }
    let none = "Gofive's upsert has no such field";
    for (field, absent, why) in [
        (
            "primary_contact",
            primary_contact.is_absent(),
            "Gofive's contacts are not written through the shared model",
        ),
        ("representative", representative.is_absent(), none),
        ("invoice_email", invoice_email.is_absent(), none),
        ("industry", industry.is_absent(), none),
    ] {
        if !absent {
            refused.push(field, why);
        }
    }
    match name {
        Patch::Set(n) if !n.trim().is_empty() => b.put("customerName", json!(n)),
        Patch::Set(_) | Patch::Clear => {
            refused.push("name", "customerName is required: it cannot be cleared or blank")
        }
        Patch::Absent => match current.map(|c| c.name.as_str()).filter(|n| !n.trim().is_empty()) {
            Some(n) => b.put("customerName", json!(n)),
            None => refused.push("name", "customerName is required on every upsert: set it"),
        },
    }
    match lifecycle_stage {
        Patch::Set(s) => match code_of(s, &STATES) {
            Some(code) => b.put("customerState", json!(code)),
            None => refused.push("lifecycle_stage", format!("`{s}` is not one of {}", listed(&STATES))),
        },
        Patch::Clear => refused.push("lifecycle_stage", "customerState is required: it cannot be cleared"),
        Patch::Absent => match current.and_then(current_state) {
            Some(code) => b.put("customerState", json!(code)),
            None => refused.push("lifecycle_stage", "customerState is required on every upsert: set it"),
        },
    }
    match status {
        Patch::Absent => {}
        Patch::Clear => b.put("customerStatus", Value::Null),
        Patch::Set(s) => match code_of(s, &STATUSES) {
            Some(code) => b.put("customerStatus", json!(code)),
            None => refused.push("status", format!("`{s}` is not one of {}", listed(&STATUSES))),
        },
    }
    match party_kind {
        Patch::Absent => {}
        Patch::Clear => b.put("customerType", Value::Null),
        Patch::Set(PartyKind::Organization) => b.put("customerType", json!(1)),
        Patch::Set(PartyKind::Person) => b.put("customerType", json!(2)),
    }
    match other_names.as_change() {
        None => {}
        Some(names) => {
            let names = names.map(Vec::as_slice).unwrap_or_default();
            b.put("customer2ndName", names.first().map_or(Value::Null, |n| json!(n)));
            b.put("customerAliases", json!(names.get(1..).unwrap_or_default()));
        }
    }
    b.text("customerNote", description);
    // `owners`: the owner first (Gofive makes it `primaryOwner`), then the collaborators.
    if !owner.is_absent() || !collaborators.is_absent() {
        let owner_id = match owner {
            Patch::Set(o) => Some(o.clone()),
            Patch::Clear => {
                refused.push("owner", "Gofive documents no way to clear the primary owner");
                None
            }
            Patch::Absent => current.and_then(|c| c.owner.as_ref()).and_then(|o| o.id.clone()),
        };
        let others: Vec<String> = match collaborators {
            Patch::Set(ids) => ids.clone(),
            Patch::Clear => Vec::new(),
            Patch::Absent => current
                .map(|c| c.collaborators.iter().filter_map(|u| u.id.clone()).collect())
                .unwrap_or_default(),
        };
        match owner_id {
            Some(o) => b.put("owners", json!(std::iter::once(o).chain(others).collect::<Vec<_>>())),
            None if !owner.is_clear() => refused
                .push("collaborators", "Gofive makes the first of `owners` the owner: set an owner first"),
            None => {}
        }
    }
    match phones.as_change() {
        None => {}
        Some(list) => {
            let list = list.map(Vec::as_slice).unwrap_or_default();
            let (mut landline, mut mobile, mut bad) = (Vec::new(), Vec::new(), false);
            for p in list {
                match p.kind {
                    PhoneKind::Landline => landline.push(p.number.clone()),
                    PhoneKind::Mobile => mobile.push(p.number.clone()),
                    _ => bad = true,
                }
            }
            if bad || landline.len() > 1 || mobile.len() > 1 {
                refused
                    .push("phones", "at most one landline (customerPhone) and one mobile (customerMobile)");
            } else {
                b.put("customerPhone", landline.pop().map_or(Value::Null, Value::String));
                b.put("customerMobile", mobile.pop().map_or(Value::Null, Value::String));
            }
        }
    }
    match emails.as_slices() {
        None => {}
        Some(None) | Some(Some([])) => b.put("customerEmail", json!("")),
        Some(Some([e])) if e.kind == EmailKind::General => b.put("customerEmail", json!(e.address)),
        Some(Some(_)) => refused.push("emails", "one general address (customerEmail)"),
    }
    match addresses.as_change() {
        None => {}
        Some(list) => {
            let mut out = Vec::new();
            for (i, a) in list.map(Vec::as_slice).unwrap_or_default().iter().enumerate() {
                let location_type = match a.kind {
                    None => Value::Null,
                    Some(AddressKind::Billing) => json!(1),
                    Some(AddressKind::Shipping) => json!(2),
                    Some(_) => {
                        refused.push(format!("addresses[{i}].kind"), "billing, shipping or none");
                        Value::Null
                    }
                };
                let mut parts = Vec::new();
                for (part, set) in [
                    ("country", a.country.is_some()),
                    ("region", !a.region.is_empty()),
                    ("detail", a.detail.is_some()),
                ] {
                    if set {
                        parts.push(part);
                    }
                }
                if !parts.is_empty() {
                    refused.push(
                        format!("addresses[{i}]"),
                        format!("Gofive stores label, street, kind and geo, not {}", parts.join(", ")),
                    );
                }
                out.push(json!({
                    "locationName": a.label,
                    "locationAddress": a.street,
                    "locationType": location_type,
                    "latitude": a.geo.as_ref().map(|g| g.lat.clone()),
                    "longitude": a.geo.as_ref().map(|g| g.lon.clone()),
                }));
            }
            b.put("addresses", Value::Array(out));
        }
    }
    match tax_id {
        Patch::Absent => {}
        Patch::Clear => {
            b.put("customerTaxNo", Value::Null);
            b.put("branchCode", Value::Null);
        }
        Patch::Set(t) if t.scheme == TaxScheme::ThTin => {
            b.put("customerTaxNo", json!(t.value));
            b.put("branchCode", t.branch.as_ref().map_or(Value::Null, |br| json!(br)));
        }
        Patch::Set(_) => refused.push("tax_id", "only scheme th_tin (customerTaxNo)"),
    }
    if let Some(tags) = tags.as_change() {
        b.put("customerTags", json!(tags.map(Vec::as_slice).unwrap_or_default()));
    }
    b.text("sourceName", lead_source);
    b.text("classificationName", level);
    if !custom_fields.is_empty() {
        // The whole list: the current values, then each change applied by name.
        let mut list: Vec<(String, Vec<String>)> = current
            .map(|c| {
                c.custom_fields
                    .iter()
                    .map(|f| {
                        let values = match (&f.kind, &f.value) {
                            (CustomFieldKind::MultiChoice, Value::Array(items)) => {
                                items.iter().filter_map(|v| v.as_str().map(str::to_string)).collect()
                            }
                            (_, Value::String(s)) => vec![s.clone()],
                            (_, other) => vec![other.to_string()],
                        };
                        (f.name.clone(), values)
                    })
                    .collect()
            })
            .unwrap_or_default();
        for f in custom_fields {
            let at = format!("custom_fields[{}]", f.key());
            let Some(name) = f.name.as_deref().filter(|_| f.id.is_none()) else {
                refused.push(at, "Gofive custom fields have no ids: name the field");
                continue;
            };
            let values = match &f.value {
                Value::Null => None,
                Value::String(s) => Some(vec![s.clone()]),
                Value::Number(n) => Some(vec![n.to_string()]),
                Value::Bool(v) => Some(vec![v.to_string()]),
                Value::Array(items) if items.iter().all(Value::is_string) => {
                    Some(items.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
                }
                _ => {
                    refused.push(at, "a text or a list of texts (customFieldValue)");
                    continue;
                }
            };
            let existing = list.iter().position(|(n, _)| n.trim() == name.trim());
            match (existing, values) {
                (Some(i), None) => {
                    list.remove(i);
                }
                (Some(i), Some(v)) => list[i].1 = v,
                (None, Some(v)) => list.push((name.to_string(), v)),
                (None, None) => {}
            }
        }
        let list: Vec<Value> =
            list.into_iter().map(|(n, v)| json!({"customFieldName": n, "customFieldValue": v})).collect();
        b.put("customFields", Value::Array(list));
    }
    for (key, value) in extra {
        let at = format!("extra.{key}");
        match key.as_str() {
            "customerPosition" | "customerBirthdate" => match value {
                Value::Null | Value::String(_) => b.put(key, value.clone()),
                _ => refused.push(at, "text"),
            },
            "customerGender" | "customerMaritalStatus" => match value {
                Value::Null => b.put(key, Value::Null),
                Value::Number(n) if n.is_i64() => b.put(key, value.clone()),
                _ => refused.push(at, "an integer"),
            },
            _ => refused.push(at, none),
        }
    }
    refused.finish(Provider::Gofive, operation)?;
    b.finish(Provider::Gofive, operation)
}

/// The current `customerState` code, from the customer's lifecycle stage.
fn current_state(c: &Customer) -> Option<i64> {
    let stage = c.lifecycle_stage.as_ref()?;
    match stage.normalized {
        LifecycleStage::Lead => Some(1),
        LifecycleStage::Prospect => Some(2),
        LifecycleStage::Customer => Some(3),
        _ => stage.native.trim().parse().ok(),
    }
}
