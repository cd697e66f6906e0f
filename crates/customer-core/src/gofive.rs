//! Gofive Venio (`GET /v3/customers/{customerCode}`, envelope `{status, data}`) → [`Customer`].
//!
//! `gofive-client` unwraps the envelope (a code other than `1000` is an error there), so this maps
//! `data`; `raw` still holds the whole envelope. Dates are read at Thailand's +07:00.
//! Fields in the order of the contract's Gofive paragraph.
//!
//! Where this goes beyond the contract, and why:
//! - Enum labels are the docs' English names (`Lead`, `Ended`, ...): no Thai labels are published.
//! - `customerType` 11100/11200/11300 is the legacy docs' lifecycle code, not a party kind: it
//!   leaves `party_kind` null with a warning and, when `customerState` is absent, sets the stage.
//! - Tax numbers lose their separators (`0-1055-61234-56-7` → `0105561234567`), as Korean ones do,
//!   so the same TIN compares equal however it was typed. A `branchCode` without a tax number has
//!   no `TaxId` to sit in and goes to `extra`.
//! - Keys with no unified home inside an address or a contact (`locationType`, `contactPicture`,
//!   `contactSocialAccount`, `contactStatus`) go to `extra` under the list's key, one object per
//!   provider item in the provider's order (`extra.addresses[1].locationType`).
//! - Custom fields take their kind from the JSON type of `fieldValue` (string → text, number →
//!   number, bool → bool, other → unknown as sent): the docs do not describe field types.
//! - Repeats in `owners` (of the primary owner or of each other) are dropped.
//! - Keys the spec does not know, at any depth, go to `extra` under their path
//!   (`extra.customerPosition`, `extra.contacts[0].contactLine`).
//! - `contactBirthdate` is read as a date (a date-time gives its date at +07:00, so a birthday
//!   stored as Bangkok midnight in UTC stays on its day); the docs' placeholder `YYYY-MM-DD` is
//!   not a date. No other field of the record carries a time.

use std::sync::LazyLock;

use async_trait::async_trait;
use gofive_client::types::{self as g, CustomerId};
use serde_json::Value;

use crate::model::{
    Address, AddressKind, Contact, CustomField, CustomFieldKind, Customer, Email, EmailKind, Enumerated,
    Financials, LifecycleStage, PartyKind, Phone, PhoneKind, Status, TaxId, TaxScheme, UserRef, UserRole,
};
use crate::normalize::{self, At, Paths, THAILAND, Warnings, quote, text, texts};
use crate::{CustomerSource, Error, Provider};

/// Properties of the spec's `Customer` (paths, `[]` for array items) that map to a unified field.
pub const MAPPED: &[&str] = &[
    "customerId",
    "customerCode",
    "customerName",
    "customer2ndName",
    "customerAliases",
    "customerType",
    "customerState",
    "customerStatus",
    "customerTaxNo",
    "branchCode",
    "customerPhone",
    "customerMobile",
    "customerEmail",
    "customerTags",
    "addresses[].locationName",
    "addresses[].locationAddress",
    "addresses[].latitude",
    "addresses[].longitude",
    "sourceName",
    "classificationName",
    "contacts[].contactName",
    "contacts[].contactPosition",
    "contacts[].contactPhone",
    "contacts[].contactMobile",
    "contacts[].contactEmail",
    "contacts[].contactBirthdate",
    "contacts[].contactNote",
    "contact[].contactName",
    "contact[].contactPosition",
    "contact[].contactPhone",
    "contact[].contactMobile",
    "contact[].contactEmail",
    "contact[].contactBirthdate",
    "contact[].contactNote",
    "customFields[].fieldName",
    "customFields[].fieldValue",
    "customerNote",
    "primaryOwner",
    "owners",
    "creditLimit",
    "customerIncome",
];

/// Properties sent to `extra` as they are. `addresses[].locationType` also sets the address kind
/// (`other`: the codes are undocumented), so its value is kept here.
pub const TO_EXTRA: &[&str] = &[
    "leadStatus",
    "customerPicture",
    "customerSocialAccount",
    "customerGroupName",
    "interestsName",
    "addresses[].locationType",
    "contacts[].contactPicture",
    "contacts[].contactSocialAccount",
    "contacts[].contactStatus",
    "contact[].contactPicture",
    "contact[].contactSocialAccount",
    "contact[].contactStatus",
];

/// Maps a Gofive customer (`data` of the envelope) and the whole response body.
pub fn map(value: &g::Customer, raw: &[u8]) -> Customer {
    let mut w = Warnings::default();
    let id = match &value.customer_id {
        CustomerId::String(s) => s.trim().to_string(),
        CustomerId::Integer(i) => i.to_string(),
    };
    if id.is_empty() {
        w.push("id", "customerId is empty");
    }
    let name = text(value.customer_name.as_deref()).unwrap_or_else(|| {
        w.push("name", "customerName is missing or empty");
        String::new()
    });
    let mut c = Customer::new(Provider::Gofive, id, name);

    c.code = text(value.customer_code.as_deref());
    c.other_names = text(value.customer2nd_name.as_deref())
        .into_iter()
        .chain(texts(value.customer_aliases.iter().flatten()))
        .collect();
    match value.customer_type {
        Some(1) => c.party_kind = Some(PartyKind::Organization),
        Some(2) => c.party_kind = Some(PartyKind::Person),
        Some(legacy @ (11100 | 11200 | 11300)) => {
            w.push(
                "party_kind",
                format!(
                    "customerType {legacy} is a legacy lifecycle code \
                     (11100 Lead, 11200 Prospect, 11300 Customer), not a party kind; left null"
                ),
            );
            if value.customer_state.is_none() {
                c.lifecycle_stage = Some(lifecycle(legacy, &mut w));
            }
        }
        Some(other) => w.push(
            "party_kind",
            format!("customerType {other} is not 1 (business) or 2 (individual); left null"),
        ),
        None => {}
    }
    if let Some(state) = value.customer_state {
        c.lifecycle_stage = Some(lifecycle(state, &mut w));
    }
    c.status = value.customer_status.map(|code| {
        let (normalized, label) = match code {
            0 => (Status::Active, Some("Active")),
            1 => (Status::Inactive, Some("Ended")),
            2 => (Status::Closed, Some("Closed")),
            _ => {
                w.push("status", format!("customerStatus {code} is not 0, 1 or 2; normalized to other"));
                (Status::Other, None)
            }
        };
        Enumerated::new(normalized, code.to_string(), label.map(str::to_string))
    });
    if let Some(tin) = value.customer_tax_no.as_deref().and_then(normalize::tax_number) {
        let mut id = TaxId::new(TaxScheme::ThTin, tin);
        id.branch = text(value.branch_code.as_deref());
        c.tax_ids.push(id);
    } else if let Some(branch) = text(value.branch_code.as_deref()) {
        c.extra.insert("branchCode".into(), Value::String(branch));
    }
    c.phones.extend(text(value.customer_phone.as_deref()).map(|n| Phone::new(n, PhoneKind::Landline)));
    c.phones.extend(text(value.customer_mobile.as_deref()).map(|n| Phone::new(n, PhoneKind::Mobile)));
    c.emails.extend(text(value.customer_email.as_deref()).map(|e| Email::new(e, EmailKind::General)));
    c.tags = texts(value.customer_tags.iter().flatten());
    for a in value.addresses.iter().flatten() {
        let at = format!("addresses[{}].geo", c.addresses.len());
        let address = Address {
            kind: a.location_type.map(|_| AddressKind::Other),
            label: text(a.location_name.as_deref()),
            street: text(a.location_address.as_deref()),
            geo: w.geo(&at, a.latitude.as_deref(), a.longitude.as_deref()),
            ..Address::default()
        };
        if !address.is_empty() {
            c.addresses.push(address);
        }
    }
    c.lead_source = text(value.source_name.as_deref());
    c.level = text(value.classification_name.as_deref());
    for ct in value.contacts.iter().chain(value.contact.iter()).flatten() {
        let at = format!("contacts[{}].birthdate", c.contacts.len());
        let contact = Contact {
            name: text(ct.contact_name.as_deref()),
            title: text(ct.contact_position.as_deref()),
            phones: [(&ct.contact_phone, PhoneKind::Landline), (&ct.contact_mobile, PhoneKind::Mobile)]
                .into_iter()
                .filter_map(|(n, kind)| text(n.as_deref()).map(|n| Phone::new(n, kind)))
                .collect(),
            emails: text(ct.contact_email.as_deref())
                .map(|e| Email::new(e, EmailKind::General))
                .into_iter()
                .collect(),
            note: text(ct.contact_note.as_deref()),
            birthdate: text(ct.contact_birthdate.as_deref()).and_then(|b| {
                let d = normalize::date_only(&b, THAILAND);
                if d.is_none() {
                    w.push(at, format!("contactBirthdate {} is not a date; left null", quote(&b)));
                }
                d
            }),
            primary: false,
        };
        if !contact.is_empty() {
            c.contacts.push(contact);
        }
    }
    for (n, f) in value.custom_fields.iter().flatten().enumerate() {
        if let Some(f) = f {
            let field = custom_field(c.custom_fields.len(), n, f, &mut w);
            c.custom_fields.push(field);
        }
    }
    c.description = text(value.customer_note.as_deref());
    let primary = text(value.primary_owner.as_deref());
    c.owner = primary.clone().map(|code| {
        let mut owner = UserRef::new(UserRole::Owner);
        owner.id = Some(code);
        owner
    });
    let mut seen: Vec<String> = primary.iter().cloned().collect();
    c.collaborators = texts(value.owners.iter().flatten())
        .into_iter()
        .filter(|code| {
            let new = !seen.contains(code);
            seen.push(code.clone());
            new
        })
        .map(|code| {
            let mut user = UserRef::new(UserRole::Collaborator);
            user.id = Some(code);
            user
        })
        .collect();
    let financials = Financials {
        credit_limit: w.decimal("financials.credit_limit", "creditLimit", value.credit_limit.as_deref()),
        income: w.decimal("financials.income", "customerIncome", value.customer_income.as_deref()),
        ..Financials::default()
    };
    if !financials.is_empty() {
        c.financials = Some(financials);
    }

    static PATHS: LazyLock<Paths> = LazyLock::new(|| Paths::new(&[MAPPED], TO_EXTRA));
    c.extra.extend(
        normalize::sweep(&PATHS, raw, At::Under("data"))
            .or_else(|| {
                // The body is not JSON: sweep what was decoded instead.
                normalize::sweep(&PATHS, &serde_json::to_vec(value).ok()?, At::Root)
            })
            .unwrap_or_default(),
    );
    c.raw = normalize::raw_body(raw, &mut w);
    c.warnings = w.0;
    c
}

/// `customerState` (or a legacy `customerType`) → lifecycle stage.
fn lifecycle(code: i64, w: &mut Warnings) -> Enumerated<LifecycleStage> {
    let (normalized, label) = match code {
        1 | 11100 => (LifecycleStage::Lead, Some("Lead")),
        2 | 11200 => (LifecycleStage::Prospect, Some("Prospect")),
        3 | 11300 => (LifecycleStage::Customer, Some("Customer")),
        _ => {
            w.push(
                "lifecycle_stage",
                format!("customerState {code} is not a known state; normalized to other"),
            );
            (LifecycleStage::Other, None)
        }
    };
    Enumerated::new(normalized, code.to_string(), label.map(str::to_string))
}

/// `customFields[n]`, becoming `custom_fields[i]`.
fn custom_field(i: usize, n: usize, f: &g::CustomField, w: &mut Warnings) -> CustomField {
    let name = text(f.field_name.as_deref()).unwrap_or_else(|| {
        let fallback = format!("field {}", n + 1);
        w.push(
            format!("custom_fields[{i}].name"),
            format!("custom field without fieldName; named {}", quote(&fallback)),
        );
        fallback
    });
    let (kind, value) = match &f.field_value {
        Some(Value::String(s)) => (CustomFieldKind::Text, text(Some(s)).map_or(Value::Null, Value::String)),
        Some(Value::Number(n)) => match normalize::decimal_number(n) {
            Some(d) => (CustomFieldKind::Number, Value::String(d)),
            None => (CustomFieldKind::Unknown, Value::Number(n.clone())),
        },
        Some(Value::Bool(b)) => (CustomFieldKind::Bool, Value::Bool(*b)),
        Some(other) => (CustomFieldKind::Unknown, other.clone()),
        None => (CustomFieldKind::Unknown, Value::Null),
    };
    CustomField::new(name, kind, value)
}

#[async_trait]
impl CustomerSource for gofive_client::Client {
    fn provider(&self) -> Provider {
        Provider::Gofive
    }

    /// `id` is the customer code (`C000055`).
    async fn customer(&self, id: &str) -> Result<Customer, Error> {
        let fetched = self.get_customer_by_code(id).await?;
        Ok(map(&fetched.value, &fetched.raw))
    }
}
