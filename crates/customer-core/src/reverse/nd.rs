//! [`CustomerChange`] → nd's `PUT /api/customers/` edit body (the id is added by the client), the
//! inverse of [`crate::nd::map`].
//!
//! | shared field | nd key | values |
//! |---|---|---|
//! | `name` | `name` | non-blank, ≤ 64 characters; required on every edit, so the current name is sent when the change has none |
//! | `description` | `description` | ≤ 255 characters; `null` sends `""` |
//! | `lifecycle_stage` | `type` | `lead` → `TARGET_CUSTOMER`, `prospect` → `PROSPECT`, `customer` → `CLIENT` (or those values); cannot be cleared |
//! | `lead_source` | `from` | `channel`, `customer`; cannot be cleared |
//! | `owner` | `manager_id` | a user id (integer ≥ 0); cannot be cleared |
//! | `collaborators` | `followers` | user ids (integers); `null` sends `[]` |
//! | `addresses` (one) | `area_code` (the region's codes), `address` (street) | every region level with its code; a street left out is not sent; the detail read shows `area`, not `address` (the list does) |
//! | `extra.partnerRelationship` | `partner_relationship` | `intimacy`, `recognized`, `loose`, `breakthrough`, `communicating`, `target` |
//! | `extra.advantageousIndustry`, `extra.creditSituation` | `advantageous_industry`, `credit_situation` | ≤ 32 characters |
//! | `extra.industry_id` | `industry_id` | an industry id (integer ≥ 0) |
//!
//! nd's edit takes ids for industry and level and documents no list to resolve names, so
//! `industry` and `level` (names) are refused, as are other names, party kind, status, the primary
//! contact, phones, emails, tax id, representative, invoice email, tags and custom fields.

use serde_json::{Value, json};

use super::Body;
use crate::change::Refusals;
use crate::{Customer, CustomerChange, Error, Patch, Provider};

/// nd's `type` values and the stages they read as.
pub const TYPES: [(&str, &str); 3] =
    [("lead", "TARGET_CUSTOMER"), ("prospect", "PROSPECT"), ("customer", "CLIENT")];
/// nd's documented `partner_relationship` values.
pub const RELATIONSHIPS: [&str; 6] =
    ["intimacy", "recognized", "loose", "breakthrough", "communicating", "target"];
/// nd's documented `from` values.
pub const FROMS: [&str; 2] = ["channel", "customer"];

/// The edit body for `change` to `current` (its name is sent when the change sets none: nd
/// requires `name` on every edit), or one `config` error naming every field nd cannot store.
pub fn body(current: &Customer, change: &CustomerChange, operation: &'static str) -> Result<Value, Error> {
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
    let cannot_clear = |what: &str| format!("{what} cannot be cleared");
    let none = "nd's edit has no such field";
    for (field, absent, why) in [
        ("other_names", other_names.is_absent(), none),
        ("party_kind", party_kind.is_absent(), none),
        ("status", status.is_absent(), none),
        ("primary_contact", primary_contact.is_absent(), none),
        ("phones", phones.is_absent(), none),
        ("emails", emails.is_absent(), none),
        ("tax_id", tax_id.is_absent(), none),
        ("representative", representative.is_absent(), none),
        ("invoice_email", invoice_email.is_absent(), none),
        ("tags", tags.is_absent(), none),
        ("industry", industry.is_absent(), "nd takes an industry id (extra.industry_id), not names"),
        ("level", level.is_absent(), "nd takes a level id, and documents no list to resolve a level name"),
    ] {
        if !absent {
            refused.push(field, why);
        }
    }
    if !custom_fields.is_empty() {
        refused.push("custom_fields", none);
    }
    match name {
        Patch::Set(n) if n.trim().is_empty() => refused.push("name", "name must not be blank"),
        Patch::Set(n) if n.chars().count() > 64 => refused.push("name", "at most 64 characters"),
        Patch::Set(n) => b.put("name", json!(n)),
        Patch::Clear => refused.push("name", cannot_clear("name")),
        Patch::Absent if current.name.trim().is_empty() => {
            refused.push("name", "nd requires name on every edit and the current record has none: set it")
        }
        // nd requires `name` on every edit ("不能为空"): the current one, unchanged.
        Patch::Absent => b.put("name", json!(current.name)),
    }
    match description {
        Patch::Absent => {}
        Patch::Clear => b.put("description", json!("")),
        Patch::Set(d) if d.chars().count() > 255 => refused.push("description", "at most 255 characters"),
        Patch::Set(d) => b.put("description", json!(d)),
    }
    match lifecycle_stage {
        Patch::Absent => {}
        Patch::Clear => refused.push("lifecycle_stage", cannot_clear("type")),
        Patch::Set(s) => {
            let s = s.trim();
            match TYPES
                .iter()
                .find(|(stage, native)| s.eq_ignore_ascii_case(stage) || s.eq_ignore_ascii_case(native))
            {
                Some((_, native)) => b.put("type", json!(native)),
                None => refused.push(
                    "lifecycle_stage",
                    format!("`{s}` is not lead, prospect or customer (CLIENT, TARGET_CUSTOMER, PROSPECT)"),
                ),
            }
        }
    }
    match lead_source {
        Patch::Absent => {}
        Patch::Clear => refused.push("lead_source", cannot_clear("from")),
        Patch::Set(s) => match FROMS.iter().find(|f| s.trim().eq_ignore_ascii_case(f)) {
            Some(f) => b.put("from", json!(f)),
            None => refused.push("lead_source", format!("`{s}` is not channel or customer")),
        },
    }
    match owner {
        Patch::Absent => {}
        Patch::Clear => refused.push("owner", cannot_clear("manager_id")),
        Patch::Set(id) => match id.trim().parse::<u64>() {
            Ok(id) => b.put("manager_id", json!(id)),
            Err(_) => refused.push("owner", format!("`{id}` is not an nd user id (an integer)")),
        },
    }
    match collaborators.as_change() {
        None => {}
        Some(None) => b.put("followers", json!([])),
        Some(Some(ids)) => {
            let parsed: Result<Vec<u64>, _> = ids.iter().map(|i| i.trim().parse::<u64>()).collect();
            match parsed {
                Ok(ids) => b.put("followers", json!(ids)),
                Err(_) => refused.push("collaborators", "nd follower ids are integers"),
            }
        }
    }
    match addresses.as_slices() {
        None => {}
        Some(None) | Some(Some([])) => refused.push("addresses", cannot_clear("area_code")),
        Some(Some([a])) => {
            let mut parts = Vec::new();
            for (part, set) in [
                ("kind", a.kind.is_some()),
                ("label", a.label.is_some()),
                ("country", a.country.is_some()),
                ("detail", a.detail.is_some()),
                ("geo", a.geo.is_some()),
            ] {
                if set {
                    parts.push(part);
                }
            }
            let codes: Option<Vec<&str>> = a.region.iter().map(|r| r.code.as_deref()).collect();
            match codes {
                _ if !parts.is_empty() => refused.push(
                    "addresses[0]",
                    format!(
                        "nd stores the region (area_code) and street (address) only, not {}",
                        parts.join(", ")
                    ),
                ),
                None => refused
                    .push("addresses[0].region", "area_code takes codes: give every region level its code"),
                Some(codes) => {
                    if !codes.is_empty() {
                        b.put("area_code", json!(codes));
                    }
                    // A street left out is not sent: nd's detail never shows `address`, so a
                    // change built from a detail read must not wipe it.
                    match a.street.as_deref() {
                        Some(s) if s.chars().count() > 255 => {
                            refused.push("addresses[0].street", "at most 255 characters")
                        }
                        Some(s) => b.put("address", json!(s)),
                        None => {}
                    }
                }
            }
        }
        Some(Some(_)) => refused.push("addresses", "nd stores one address"),
    }
    for (key, value) in extra {
        let at = format!("extra.{key}");
        match key.as_str() {
            "partnerRelationship" => match value.as_str().map(str::trim) {
                Some(v) if RELATIONSHIPS.contains(&v) => b.put("partner_relationship", json!(v)),
                _ => refused.push(at, format!("one of {}", RELATIONSHIPS.join(", "))),
            },
            "advantageousIndustry" | "creditSituation" => {
                let wire =
                    if key == "advantageousIndustry" { "advantageous_industry" } else { "credit_situation" };
                match value {
                    Value::Null => b.put(wire, json!("")),
                    Value::String(s) if s.chars().count() <= 32 => b.put(wire, json!(s)),
                    _ => refused.push(at, "text of at most 32 characters"),
                }
            }
            "industry_id" => {
                match value.as_u64().or_else(|| value.as_str().and_then(|s| s.trim().parse().ok())) {
                    Some(id) => b.put("industry_id", json!(id)),
                    None => refused.push(at, "an industry id (an integer)"),
                }
            }
            _ => refused.push(at, none),
        }
    }
    refused.finish(Provider::Nd, operation)?;
    if change.is_empty() {
        return Body::default().finish(Provider::Nd, operation);
    }
    b.finish(Provider::Nd, operation)
}
