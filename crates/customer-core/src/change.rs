//! [`CustomerChange`]: a change to a customer in the shared model's terms, so a caller can write
//! without knowing any provider's field names.
//!
//! Every field is a [`Patch`]: absent (leave as is), JSON `null` (clear) or a value (set). Lists
//! are replaced whole (`phones: [...]` is the customer's new list of phones). Each provider that
//! documents a write has a reverse mapping, the documented inverse of its read mapping
//! ([`crate::reverse`]); a field the provider cannot store, or a value outside its documented set,
//! is refused before anything is sent, in one `config` error naming every such field.
//!
//! ```
//! let change: customer_core::CustomerChange =
//!     serde_json::from_str(r#"{"name": "ACME", "description": null}"#).unwrap();
//! assert!(change.name.is_set() && change.description.is_clear() && change.tags.is_absent());
//! ```

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::{Address, Email, PartyKind, Phone, TaxId};

/// One field of a change: absent (leave the field as it is), clear (JSON `null`) or set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Patch<T> {
    /// The key is absent: the field is left as it is.
    #[default]
    Absent,
    /// The key is `null`: the field is cleared.
    Clear,
    /// The key holds a value: the field is set to it.
    Set(T),
}

impl<T> Patch<T> {
    /// Whether the field is left as it is.
    pub fn is_absent(&self) -> bool {
        matches!(self, Patch::Absent)
    }
    /// Whether the field is cleared.
    pub fn is_clear(&self) -> bool {
        matches!(self, Patch::Clear)
    }
    /// Whether the field is set to a value.
    pub fn is_set(&self) -> bool {
        matches!(self, Patch::Set(_))
    }
    /// `None` when absent, `Some(None)` when cleared, `Some(Some(v))` when set.
    pub fn as_change(&self) -> Option<Option<&T>> {
        match self {
            Patch::Absent => None,
            Patch::Clear => Some(None),
            Patch::Set(v) => Some(Some(v)),
        }
    }
}

impl<T> Patch<Vec<T>> {
    /// Like [`Patch::as_change`], the list as a slice.
    pub fn as_slices(&self) -> Option<Option<&[T]>> {
        self.as_change().map(|l| l.map(Vec::as_slice))
    }
}

impl<T> From<Option<T>> for Patch<T> {
    /// `None` clears, `Some` sets.
    fn from(value: Option<T>) -> Self {
        value.map_or(Patch::Clear, Patch::Set)
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Patch::Absent | Patch::Clear => s.serialize_none(),
            Patch::Set(v) => s.serialize_some(v),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Called only for a key that is present (the fields are `#[serde(default)]`).
        Option::<T>::deserialize(d).map(Patch::from)
    }
}

impl<T: JsonSchema> JsonSchema for Patch<T> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        format!("Patch_{}", T::schema_name()).into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        <Option<T>>::json_schema(generator)
    }
}

/// A change to a customer in the shared model's terms: every key optional, `null` clears.
///
/// Keys the model does not know are refused when the change is read (a misspelt key is never
/// dropped). Which provider stores which field, and the values each takes, are in the README's
/// "Update" section and the `customer_core::reverse` module.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct CustomerChange {
    /// Company or person name (cannot be cleared).
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub name: Patch<String>,
    /// Second names and aliases, the whole list (Gofive: first = `customer2ndName`).
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub other_names: Patch<Vec<String>>,
    /// Organization or person.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub party_kind: Patch<PartyKind>,
    /// `lead`, `prospect` or `customer`, or the provider's own value (nd `CLIENT`, Gofive `3`).
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub lifecycle_stage: Patch<String>,
    /// `active`, `inactive` or `closed`, or the provider's own value (Gofive `0`; Pluuug a
    /// status id or its title).
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub status: Patch<String>,
    /// Memo / note.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub description: Patch<String>,
    /// The owner's user id on the seller's side (nd `manager_id`, Gofive employee code).
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub owner: Patch<String>,
    /// Other users involved (nd followers, Gofive co-owners), by user id, the whole list.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub collaborators: Patch<Vec<String>>,
    /// The customer's primary contact person (`contacts[0]`).
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub primary_contact: Patch<ContactChange>,
    /// The customer's own phone numbers, the whole list.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub phones: Patch<Vec<Phone>>,
    /// The customer's own email addresses, the whole list.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub emails: Patch<Vec<Email>>,
    /// Postal addresses and regions, the whole list.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub addresses: Patch<Vec<Address>>,
    /// The tax or business registration number (`tax_ids[0]`).
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub tax_id: Patch<TaxId>,
    /// CEO / legal representative.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub representative: Patch<String>,
    /// The address invoices go to (`billing.invoice_email`).
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub invoice_email: Patch<String>,
    /// Industry, outermost → innermost, the whole list.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub industry: Patch<Vec<String>>,
    /// Tags, the whole list.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub tags: Patch<Vec<String>>,
    /// Where the customer came from (nd: `channel` or `customer`).
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub lead_source: Patch<String>,
    /// Customer level or class, by name.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub level: Patch<String>,
    /// Custom field values to set (`value`) or clear (`value: null`); other custom fields are left
    /// as they are.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub custom_fields: Vec<CustomFieldChange>,
    /// Provider fields with no unified home, by the key `Customer::extra` shows them under (nd
    /// `partnerRelationship`, Gofive `customerGender`, …); `null` clears.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub extra: Map<String, Value>,
}

impl CustomerChange {
    /// A change that changes nothing.
    pub fn new() -> Self {
        Self::default()
    }

    /// The shared-model names of the fields this change touches, in declaration order
    /// (`custom_fields[name]`, `extra.key` for those).
    pub fn touched(&self) -> Vec<String> {
        let mut out: Vec<String> = [
            ("name", self.name.is_absent()),
            ("other_names", self.other_names.is_absent()),
            ("party_kind", self.party_kind.is_absent()),
            ("lifecycle_stage", self.lifecycle_stage.is_absent()),
            ("status", self.status.is_absent()),
            ("description", self.description.is_absent()),
            ("owner", self.owner.is_absent()),
            ("collaborators", self.collaborators.is_absent()),
            ("primary_contact", self.primary_contact.is_absent()),
            ("phones", self.phones.is_absent()),
            ("emails", self.emails.is_absent()),
            ("addresses", self.addresses.is_absent()),
            ("tax_id", self.tax_id.is_absent()),
            ("representative", self.representative.is_absent()),
            ("invoice_email", self.invoice_email.is_absent()),
            ("industry", self.industry.is_absent()),
            ("tags", self.tags.is_absent()),
            ("lead_source", self.lead_source.is_absent()),
            ("level", self.level.is_absent()),
        ]
        .into_iter()
        .filter(|(_, absent)| !absent)
        .map(|(name, _)| name.to_string())
        .collect();
        out.extend(self.custom_fields.iter().map(|f| format!("custom_fields[{}]", f.key())));
        out.extend(self.extra.keys().map(|k| format!("extra.{k}")));
        out
    }

    /// Whether the change changes nothing.
    pub fn is_empty(&self) -> bool {
        self.touched().is_empty()
    }
}

/// A change to the primary contact person; each key as in [`CustomerChange`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct ContactChange {
    /// Name.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub name: Patch<String>,
    /// Job title.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub title: Patch<String>,
    /// Phone number.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub phone: Patch<String>,
    /// Email address.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub email: Patch<String>,
}

/// One custom field value to set or clear, the field named by `id` or by `name`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CustomFieldChange {
    /// The provider's field id, as a string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The field's name as the provider shows it (used when `id` is not given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The new value, typed as `CustomField::value` reads it (text, decimal string, date, bool,
    /// choice label, `[label]`, member ids); `null` clears.
    #[serde(default)]
    pub value: Value,
}

impl CustomFieldChange {
    /// A value for the field named `name`.
    pub fn by_name(name: impl Into<String>, value: Value) -> Self {
        CustomFieldChange { id: None, name: Some(name.into()), value }
    }
    /// A value for the field with id `id`.
    pub fn by_id(id: impl Into<String>, value: Value) -> Self {
        CustomFieldChange { id: Some(id.into()), name: None, value }
    }
    /// How the field is named in messages: its id, else its name.
    pub fn key(&self) -> &str {
        self.id.as_deref().or(self.name.as_deref()).unwrap_or("")
    }
}

/// The fields a reverse mapping refuses, each with why; turned into one `config` error.
#[derive(Debug, Default)]
#[cfg_attr(not(any(feature = "pluuug", feature = "nd", feature = "gofive")), allow(dead_code))]
pub(crate) struct Refusals(Vec<(String, String)>);

#[cfg_attr(not(any(feature = "pluuug", feature = "nd", feature = "gofive")), allow(dead_code))]
impl Refusals {
    pub(crate) fn push(&mut self, field: impl Into<String>, why: impl Into<String>) {
        self.0.push((field.into(), why.into()));
    }

    /// `Ok(())` when nothing was refused, else one `config` error naming every refused field
    /// (the first in `Error::field`).
    pub(crate) fn finish(
        self,
        provider: crate::Provider,
        operation: &'static str,
    ) -> Result<(), crate::Error> {
        let Some((first, _)) = self.0.first() else { return Ok(()) };
        let first = first.clone();
        let list: Vec<String> = self.0.iter().map(|(f, why)| format!("`{f}` ({why})")).collect();
        Err(crate::Error::new(
            crate::ErrorKind::Config,
            provider.as_str(),
            operation,
            format!("not sent: {} cannot take {}", provider.as_str(), list.join("; ")),
        )
        .with_field(first))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn absent_null_and_value_are_three_states() {
        let c: CustomerChange = serde_json::from_value(json!({"name": "A", "description": null})).unwrap();
        assert_eq!(c.name, Patch::Set("A".into()));
        assert_eq!(c.description, Patch::Clear);
        assert_eq!(c.owner, Patch::Absent);
        assert_eq!(serde_json::to_value(&c).unwrap(), json!({"name": "A", "description": null}));
        assert_eq!(c.touched(), ["name", "description"]);
    }

    #[test]
    fn unknown_keys_are_refused() {
        let e = serde_json::from_value::<CustomerChange>(json!({"nmae": "A"})).unwrap_err();
        assert!(e.to_string().contains("nmae"), "{e}");
    }

    #[test]
    fn refusals_name_every_field() {
        let mut r = Refusals::default();
        r.push("tags", "no tags");
        r.push("level", "no level");
        let e = r.finish(crate::Provider::Nd, "update_customer").unwrap_err();
        assert_eq!(e.field(), Some("tags"));
        assert!(e.message().contains("`tags`") && e.message().contains("`level`"), "{e}");
    }
}
