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
//! - Keys with no unified home inside an address or a contact (`contactPicture`,
//!   `contactSocialAccount`, `contactStatus`, and a `locationType` other than 1 billing / 2
//!   shipping) go to `extra` under the list's key, one object per provider item in the provider's
//!   order (`extra.addresses[1].locationType`).
//! - Coordinates arrive as strings or numbers (Gofive's C# model types them `double?`); a number
//!   becomes the shortest decimal text that reads back as it, never exponent form.
//! - `contact` is one object (an individual, Gofive's C# model) or an array (the doc example);
//!   both map like `contacts`, and `extra.contact` keeps the leftover keys as a list either way.
//! - Custom fields are `{customFieldName, customFieldValue: [string]}`: one non-empty value →
//!   text, several → multi_choice (the list), none → no entry (contract rule 5).
//! - Repeats in `owners` (of the primary owner or of each other) are dropped.
//! - Keys the spec does not know (`contacts[0].contactLine`) are not decoded:
//!   they stay in `raw`, the body exactly as received, and not in `extra`; the coverage gate fails
//!   the day the spec gains them.
//! - `contactBirthdate` is read as a date (a date-time gives its date at +07:00, so a birthday
//!   stored as Bangkok midnight in UTC stays on its day); the docs' placeholder `YYYY-MM-DD` is
//!   not a date. No other field of the record carries a time.

use async_trait::async_trait;
use gofive_client::types::{self as g, CustomerId};
use serde_json::{Map, Value};

use crate::body::{self, Placement};
use crate::model::{
    Address, AddressKind, Contact, CustomField, CustomFieldKind, Customer, Email, EmailKind, Enumerated,
    Financials, LifecycleStage, PartyKind, Phone, PhoneKind, Status, TaxId, TaxScheme, UserRef, UserRole,
};
use crate::normalize::{self, ItemsLeft, THAILAND, Warnings, owned_text, owned_texts, put, quote, trimmed};
use crate::{CustomerSource, Error, Provider, RawJson};

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
    "addresses[].locationType",
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
    "customFields[].customFieldName",
    "customFields[].customFieldValue",
    "customerNote",
    "primaryOwner",
    "owners",
    "creditLimit",
    "customerIncome",
];

/// Properties sent to `extra` as they are. (`addresses[].locationType` other than 1 / 2 is kept in
/// `extra` too, besides setting the address kind `other`.)
pub const TO_EXTRA: &[&str] = &[
    "leadStatus",
    "customerPicture",
    "customerSocialAccount",
    "customerGroupName",
    "interestsName",
    "customerPosition",
    "customerGender",
    "customerMaritalStatus",
    "customerBirthdate",
    "unqulifiedReasonName",
    "unqulifiedReasonNote",
    "contacts[].contactPicture",
    "contacts[].contactSocialAccount",
    "contacts[].contactStatus",
    "contact[].contactPicture",
    "contact[].contactSocialAccount",
    "contact[].contactStatus",
];

/// How [`map`] places the properties of the spec's `Customer` (checked against
/// `specs/gofive.yaml` by the coverage gate).
pub const PLACEMENT: Placement = Placement::new("Customer", &[("MAPPED", MAPPED), ("TO_EXTRA", TO_EXTRA)]);

/// A `GET /v3/customers/{code}` body — the `{status, data}` envelope — decoded and mapped (see
/// [`crate::map_body`]).
#[doc(hidden)]
pub fn map_body(_id: &str, body: &[u8], raw: RawJson) -> Result<Customer, Error> {
    let envelope: g::CustomerEnvelope = body::decode(Provider::Gofive, body, &raw)?;
    let code = envelope.status.code.to_string();
    if code.trim() != gofive_client::SUCCESS_CODE {
        return Err(body::refused(Provider::Gofive, code.trim(), &raw));
    }
    let data = envelope.data.ok_or_else(|| body::empty(Provider::Gofive, "data", &raw))?;
    Ok(map(data, raw))
}

/// Maps a Gofive customer (`data` of the envelope) and the whole response body it was decoded from
/// (kept as is in `raw`, not read again). The customer is taken by value: its strings move into
/// the [`Customer`] instead of being copied.
pub fn map(value: g::Customer, raw: impl Into<RawJson>) -> Customer {
    // Every property by name: a property the generated type gains does not compile until placed.
    let g::Customer {
        addresses,
        branch_code,
        classification_name,
        contact,
        contacts,
        credit_limit,
        custom_fields,
        customer2nd_name,
        customer_aliases,
        customer_birthdate,
        customer_code,
        customer_email,
        customer_gender,
        customer_group_name,
        customer_id,
        customer_income,
        customer_marital_status,
        customer_mobile,
        customer_name,
        customer_note,
        customer_phone,
        customer_picture,
        customer_position,
        customer_social_account,
        customer_state,
        customer_status,
        customer_tags,
        customer_tax_no,
        customer_type,
        interests_name,
        lead_status,
        owners,
        primary_owner,
        source_name,
        unqulified_reason_name,
        unqulified_reason_note,
    } = value;
    let mut w = Warnings::default();
    let id = match customer_id {
        CustomerId::String(s) => owned_text(Some(s)).unwrap_or_default(),
        CustomerId::Integer(i) => i.to_string(),
    };
    if id.is_empty() {
        w.push("id", "customerId is empty");
    }
    let name = owned_text(customer_name).unwrap_or_else(|| {
        w.push("name", "customerName is missing or empty");
        String::new()
    });
    let mut c = Customer::new(Provider::Gofive, id, name);

    c.code = owned_text(customer_code);
    c.other_names = owned_texts(customer_aliases);
    if let Some(second) = owned_text(customer2nd_name) {
        c.other_names.insert(0, second);
    }
    match customer_type {
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
            if customer_state.is_none() {
                c.lifecycle_stage = Some(lifecycle(legacy, &mut w));
            }
        }
        Some(other) => w.push(
            "party_kind",
            format!("customerType {other} is not 1 (business) or 2 (individual); left null"),
        ),
        None => {}
    }
    if let Some(state) = customer_state {
        c.lifecycle_stage = Some(lifecycle(state, &mut w));
    }
    c.status = customer_status.map(|code| {
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
    let branch = owned_text(branch_code);
    match customer_tax_no.as_deref().and_then(normalize::tax_number) {
        Some(tin) => {
            let mut id = TaxId::new(TaxScheme::ThTin, tin);
            id.branch = branch;
            c.tax_ids.push(id);
        }
        None => put(&mut c.extra, "branchCode", branch),
    }
    c.phones.extend(owned_text(customer_phone).map(|n| Phone::new(n, PhoneKind::Landline)));
    c.phones.extend(owned_text(customer_mobile).map(|n| Phone::new(n, PhoneKind::Mobile)));
    c.emails.extend(owned_text(customer_email).map(|e| Email::new(e, EmailKind::General)));
    c.tags = owned_texts(customer_tags);
    let mut addresses_left = ItemsLeft::default();
    for a in addresses.into_iter().flatten() {
        let mut left = Map::new();
        let kind = a.location_type.map(|code| match code {
            1 => AddressKind::Billing,
            2 => AddressKind::Shipping,
            other => {
                put(&mut left, "locationType", Some(other));
                AddressKind::Other
            }
        });
        addresses_left.push(left);
        let n = c.addresses.len();
        let (lat, lon) = (a.latitude.and_then(coordinate), a.longitude.and_then(coordinate));
        let address = Address {
            kind,
            label: owned_text(a.location_name),
            street: owned_text(a.location_address),
            geo: w.geo(|| format!("addresses[{n}].geo"), lat.as_deref(), lon.as_deref()),
            ..Address::default()
        };
        if !address.is_empty() {
            c.addresses.push(address);
        }
    }
    c.lead_source = owned_text(source_name);
    c.level = owned_text(classification_name);
    let (mut contacts_left, mut contact_left) = (ItemsLeft::default(), ItemsLeft::default());
    let tagged = contacts.into_iter().flatten().map(|ct| (ct, false));
    let singular = match contact {
        Some(g::ContactOneOrMany::Contact(one)) => vec![one],
        Some(g::ContactOneOrMany::Array(many)) => many,
        None => Vec::new(),
    };
    for (ct, singular) in tagged.chain(singular.into_iter().map(|ct| (ct, true))) {
        let g::Contact {
            contact_birthdate,
            contact_email,
            contact_mobile,
            contact_name,
            contact_note,
            contact_phone,
            contact_picture,
            contact_position,
            contact_social_account,
            contact_status,
        } = ct;
        let mut left = Map::new();
        put(&mut left, "contactPicture", contact_picture);
        put(&mut left, "contactSocialAccount", contact_social_account);
        put(&mut left, "contactStatus", contact_status);
        if singular { &mut contact_left } else { &mut contacts_left }.push(left);
        let n = c.contacts.len();
        let contact = Contact {
            name: owned_text(contact_name),
            title: owned_text(contact_position),
            phones: [(contact_phone, PhoneKind::Landline), (contact_mobile, PhoneKind::Mobile)]
                .into_iter()
                .filter_map(|(n, kind)| owned_text(n).map(|n| Phone::new(n, kind)))
                .collect(),
            emails: owned_text(contact_email)
                .map(|e| Email::new(e, EmailKind::General))
                .into_iter()
                .collect(),
            note: owned_text(contact_note),
            birthdate: trimmed(contact_birthdate.as_deref()).and_then(|b| {
                let d = normalize::date_only(b, THAILAND);
                if d.is_none() {
                    let message = format!("contactBirthdate {} is not a date; left null", quote(b));
                    w.push(format!("contacts[{n}].birthdate"), message);
                }
                d
            }),
            primary: false,
        };
        if !contact.is_empty() {
            c.contacts.push(contact);
        }
    }
    for (n, f) in custom_fields.into_iter().flatten().enumerate() {
        if let Some(field) = f.0.and_then(|f| custom_field(c.custom_fields.len(), n, f, &mut w)) {
            c.custom_fields.push(field);
        }
    }
    c.description = owned_text(customer_note);
    c.owner = owned_text(primary_owner).map(|code| {
        let mut owner = UserRef::new(UserRole::Owner);
        owner.id = Some(code);
        owner
    });
    for code in owned_texts(owners) {
        let seen = |u: &UserRef| u.id.as_ref() == Some(&code);
        if !(c.owner.iter().any(seen) || c.collaborators.iter().any(seen)) {
            let mut user = UserRef::new(UserRole::Collaborator);
            user.id = Some(code);
            c.collaborators.push(user);
        }
    }
    let financials = Financials {
        credit_limit: w.decimal("financials.credit_limit", "creditLimit", credit_limit.as_deref()),
        income: w.decimal("financials.income", "customerIncome", customer_income.as_deref()),
        ..Financials::default()
    };
    if !financials.is_empty() {
        c.financials = Some(financials);
    }

    put(&mut c.extra, "leadStatus", lead_status);
    put(&mut c.extra, "customerPicture", customer_picture);
    put(&mut c.extra, "customerSocialAccount", customer_social_account);
    put(&mut c.extra, "customerGroupName", customer_group_name);
    put(&mut c.extra, "interestsName", interests_name);
    put(&mut c.extra, "customerPosition", customer_position);
    put(&mut c.extra, "customerGender", customer_gender);
    put(&mut c.extra, "customerMaritalStatus", customer_marital_status);
    put(&mut c.extra, "customerBirthdate", customer_birthdate);
    put(&mut c.extra, "unqulifiedReasonName", unqulified_reason_name);
    put(&mut c.extra, "unqulifiedReasonNote", unqulified_reason_note);
    addresses_left.put(&mut c.extra, "addresses");
    contacts_left.put(&mut c.extra, "contacts");
    contact_left.put(&mut c.extra, "contact");
    c.raw = Some(raw.into());
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

/// A coordinate's text: a string as sent, a number as its shortest decimal text (no float
/// artefacts, no exponent).
fn coordinate(c: g::Coordinate) -> Option<String> {
    match c {
        g::Coordinate::String(s) => Some(s),
        g::Coordinate::Number(f) => normalize::decimal_f64(f),
    }
}

/// `customFields[n]`, becoming `custom_fields[i]`; `None` when it carries no non-empty value.
fn custom_field(i: usize, n: usize, f: g::CustomFieldInner, w: &mut Warnings) -> Option<CustomField> {
    let mut values: Vec<Value> = f
        .custom_field_value
        .into_iter()
        .flatten()
        .filter_map(|v| owned_text(Some(v.into_string())).map(Value::String))
        .collect();
    let (kind, value) = match values.len() {
        0 => return None,
        1 => (CustomFieldKind::Text, values.pop().unwrap_or(Value::Null)),
        _ => (CustomFieldKind::MultiChoice, Value::Array(values)),
    };
    let name = owned_text(f.custom_field_name).unwrap_or_else(|| {
        let fallback = format!("field {}", n + 1);
        w.push(
            format!("custom_fields[{i}].name"),
            format!("custom field without customFieldName; named {}", quote(&fallback)),
        );
        fallback
    });
    Some(CustomField::new(name, kind, value))
}

#[async_trait]
impl CustomerSource for gofive_client::Client {
    fn provider(&self) -> Provider {
        Provider::Gofive
    }

    /// `id` is the customer code (`C000055`).
    async fn customer(&self, id: &str) -> Result<Customer, Error> {
        let fetched = self.get_customer_by_code(id).await?;
        Ok(map(fetched.value, fetched.raw))
    }

    /// The `POST /v3/customers` upsert with `customerCode` = `id` (`customerName` and
    /// `customerState` required).
    async fn update_customer(&self, id: &str, changes: serde_json::Value) -> Result<Customer, Error> {
        let fetched = gofive_client::Client::update_customer(self, id, &changes).await?;
        Ok(map(fetched.value, fetched.raw))
    }

    /// The `POST /v3/customers` upsert without `customerCode` (`customerName` and
    /// `customerState` required).
    async fn create_customer(&self, fields: serde_json::Value) -> Result<Customer, Error> {
        if fields.get("customerCode").is_some_and(|c| !c.is_null()) {
            return Err(Error::new(
                crate::ErrorKind::Config,
                Provider::Gofive.as_str(),
                "upsert_customer",
                "not sent: a create takes no `customerCode` (with one, the upsert updates that customer: use update)",
            )
            .with_field("customerCode"));
        }
        let fetched = self.upsert_customer(&fields).await?;
        Ok(map(fetched.value, fetched.raw))
    }

    fn native_update_body(&self, id: &str, changes: serde_json::Value) -> Result<Value, Error> {
        Ok(Value::Object(gofive_client::customers::update_body(id, &changes)?))
    }

    /// The upsert body of [`crate::reverse::gofive`]. The upsert requires `customerName` and
    /// `customerState` and takes `owners` and `customFields` whole, so the current record is read
    /// (after the change passed the checks) for what the change does not set.
    async fn body_for(&self, id: &str, change: &crate::CustomerChange) -> Result<Value, Error> {
        const OP: &str = "upsert_customer";
        // A stand-in record with everything the upsert may take from the current one (name,
        // state, an owner for `collaborators`), so only what no record could fix is refused
        // before the read.
        let mut probe = Customer::new(Provider::Gofive, id, "-");
        probe.lifecycle_stage = Some(Enumerated::new(LifecycleStage::Lead, "1", None));
        let mut owner = UserRef::new(UserRole::Owner);
        owner.id = Some("-".into());
        probe.owner = Some(owner);
        crate::reverse::gofive::body(Some(&probe), change, OP)?;
        let current = self.customer(id).await?;
        crate::reverse::gofive::body(Some(&current), change, OP)
    }

    /// The upsert body of [`crate::reverse::gofive`] for a new customer (`name` and
    /// `lifecycle_stage` required).
    async fn create_body(&self, change: &crate::CustomerChange) -> Result<Value, Error> {
        crate::reverse::gofive::body(None, change, "upsert_customer")
    }
}
