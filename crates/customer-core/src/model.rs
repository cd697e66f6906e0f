//! The shared `Customer` model: the JSON contract of `shared/design/customer-model.md`, key for key.
//!
//! Every struct and enum is `#[non_exhaustive]` so fields and variants can be added without a
//! breaking release; downstream code reads the public fields, builds values with the `new`
//! constructors (or `Default`) and then assigns fields. Optional scalars serialize as `null` and
//! lists as `[]`, so every key of the contract is always present in the JSON; the one exception is
//! `raw`, which is left out when it is `None` (the CLI drops it unless asked for it).
//!
//! This module holds shapes only: no provider knowledge, no I/O.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{Provider, RawJson};

/// A customer as every provider's customer-detail response maps into it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Customer {
    /// Where the record came from.
    pub provider: Provider,
    /// The provider's primary id, as a string (`123`, `dc540ce7-…`).
    pub id: String,
    /// Human-facing customer number (`customerNo`, `customerCode`, 客户编号).
    pub code: Option<String>,
    /// Company or person name (empty only when the provider sent none; a warning says so).
    pub name: String,
    /// Second names and aliases.
    #[serde(default)]
    pub other_names: Vec<String>,
    /// Organization or person, when the provider says.
    pub party_kind: Option<PartyKind>,
    /// Lead, prospect or customer, with the provider's own value kept.
    pub lifecycle_stage: Option<Enumerated<LifecycleStage>>,
    /// Active, inactive or closed, with the provider's own value kept.
    pub status: Option<Enumerated<Status>>,
    /// Memo / 备注 / 메모 / note.
    pub description: Option<String>,
    /// Primary person responsible on the seller's side.
    pub owner: Option<UserRef>,
    /// Other owners, followers, maintainers (`role` says which).
    #[serde(default)]
    pub collaborators: Vec<UserRef>,
    /// People at the customer.
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// The customer's own phone numbers.
    #[serde(default)]
    pub phones: Vec<Phone>,
    /// The customer's own email addresses.
    #[serde(default)]
    pub emails: Vec<Email>,
    /// Postal addresses and regions.
    #[serde(default)]
    pub addresses: Vec<Address>,
    /// Tax and business registration numbers.
    #[serde(default)]
    pub tax_ids: Vec<TaxId>,
    /// Invoice title/type/email, bank name/account.
    pub billing: Option<Billing>,
    /// CEO / legal representative (대표자).
    pub representative: Option<String>,
    /// Industry, outermost → innermost (`["政府","司法","监狱"]`, `[업태, 종목]`).
    #[serde(default)]
    pub industry: Vec<String>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Where the customer came from (客户来源, `from`, `sourceName`).
    pub lead_source: Option<String>,
    /// Customer level or class (客户等级, `levelName`, `classificationName`).
    pub level: Option<String>,
    /// Money figures and deal counts.
    pub financials: Option<Financials>,
    /// Fields of the provider account's own form.
    #[serde(default)]
    pub custom_fields: Vec<CustomField>,
    /// Creation time: RFC 3339 when the provider gives a time, `YYYY-MM-DD` when only a date.
    pub created_at: Option<String>,
    /// Last activity (e.g. 最近服务日期), formatted like `created_at`.
    pub last_activity_at: Option<String>,
    /// Provider fields with no unified home, by the provider's own key, value as sent.
    #[serde(default)]
    pub extra: Map<String, Value>,
    /// What the mapping could not take as given.
    #[serde(default)]
    pub warnings: Vec<Warning>,
    /// The provider's response body exactly as received (the whole envelope), byte for byte;
    /// printed as is (as a JSON string if it is not UTF-8 JSON), never re-serialized.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<RawJson>,
}

impl Customer {
    /// A customer with only the required keys set; every list empty, every option `None`.
    pub fn new(provider: Provider, id: impl Into<String>, name: impl Into<String>) -> Self {
        Customer {
            provider,
            id: id.into(),
            code: None,
            name: name.into(),
            other_names: Vec::new(),
            party_kind: None,
            lifecycle_stage: None,
            status: None,
            description: None,
            owner: None,
            collaborators: Vec::new(),
            contacts: Vec::new(),
            phones: Vec::new(),
            emails: Vec::new(),
            addresses: Vec::new(),
            tax_ids: Vec::new(),
            billing: None,
            representative: None,
            industry: Vec::new(),
            tags: Vec::new(),
            lead_source: None,
            level: None,
            financials: None,
            custom_fields: Vec::new(),
            created_at: None,
            last_activity_at: None,
            extra: Map::new(),
            warnings: Vec::new(),
            raw: None,
        }
    }

    /// The same customer without its raw body (the CLI's default output).
    pub fn without_raw(mut self) -> Self {
        self.raw = None;
        self
    }

    /// The raw body, if kept.
    pub fn raw(&self) -> Option<&RawJson> {
        self.raw.as_ref()
    }

    /// Takes the raw body out, leaving `None`.
    pub fn take_raw(&mut self) -> Option<RawJson> {
        self.raw.take()
    }

    /// Records a warning.
    pub fn warn(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.warnings.push(Warning::new(field, message));
    }
}

/// An open enum: the normalized value plus what the provider said.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Enumerated{N}")]
#[non_exhaustive]
pub struct Enumerated<N> {
    /// The normalized value (`other` when the provider's value is unknown).
    pub normalized: N,
    /// The provider's value as sent, as text (`3`, `CLIENT`, `7`).
    pub native: String,
    /// The provider's human-readable label for it, when known.
    pub label: Option<String>,
}

impl<N> Enumerated<N> {
    /// A value with its native form and optional label.
    pub fn new(normalized: N, native: impl Into<String>, label: Option<String>) -> Self {
        Enumerated { normalized, native: native.into(), label }
    }
}

/// Normalized lifecycle stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LifecycleStage {
    /// Not yet qualified.
    Lead,
    /// Qualified, in conversation.
    Prospect,
    /// Buying customer.
    Customer,
    /// A provider value with no normalized meaning (`native` says which).
    Other,
}

/// Normalized account status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Status {
    /// In use.
    Active,
    /// Relationship ended or paused.
    Inactive,
    /// Closed for good.
    Closed,
    /// A provider value with no normalized meaning (`native` says which).
    Other,
}

/// Whether the customer is a company or a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PartyKind {
    /// A company, institution or other organization.
    Organization,
    /// An individual.
    Person,
}

/// A user on the seller's side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct UserRef {
    /// The provider's user id or employee code, as a string.
    pub id: Option<String>,
    /// Display name.
    pub name: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// What the user is to the customer.
    pub role: UserRole,
}

impl UserRef {
    /// A user with the given role and nothing else known.
    pub fn new(role: UserRole) -> Self {
        UserRef { id: None, name: None, email: None, role }
    }
}

/// What a [`UserRef`] is to the customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum UserRole {
    /// The primary person responsible.
    Owner,
    /// Follows the customer.
    Follower,
    /// Maintains the record (维护人员).
    Maintainer,
    /// Any other user involved.
    Collaborator,
}

/// A person at the customer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Contact {
    /// Name.
    pub name: Option<String>,
    /// Job title.
    pub title: Option<String>,
    /// Phone numbers.
    #[serde(default)]
    pub phones: Vec<Phone>,
    /// Email addresses.
    #[serde(default)]
    pub emails: Vec<Email>,
    /// Free-text note.
    pub note: Option<String>,
    /// Birth date, `YYYY-MM-DD`.
    pub birthdate: Option<String>,
    /// Whether this is the customer's main contact.
    #[serde(default)]
    pub primary: bool,
}

impl Contact {
    /// Whether nothing at all is known about this contact.
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.title.is_none()
            && self.phones.is_empty()
            && self.emails.is_empty()
            && self.note.is_none()
            && self.birthdate.is_none()
    }
}

/// A phone number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Phone {
    /// The number as sent, trimmed.
    pub number: String,
    /// What kind of line it is.
    pub kind: PhoneKind,
}

impl Phone {
    /// A phone number of a kind.
    pub fn new(number: impl Into<String>, kind: PhoneKind) -> Self {
        Phone { number: number.into(), kind }
    }
}

/// Kind of phone line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PhoneKind {
    /// Mobile phone.
    Mobile,
    /// Fixed line.
    Landline,
    /// Fax.
    Fax,
    /// Unknown or other.
    Other,
}

/// An email address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Email {
    /// The address as sent, trimmed.
    pub address: String,
    /// What it is used for.
    pub kind: EmailKind,
}

impl Email {
    /// An email address of a kind.
    pub fn new(address: impl Into<String>, kind: EmailKind) -> Self {
        Email { address: address.into(), kind }
    }
}

/// Use of an email address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EmailKind {
    /// General correspondence.
    General,
    /// Invoices and billing.
    Billing,
}

/// A postal address or region.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Address {
    /// What the address is for, when known.
    pub kind: Option<AddressKind>,
    /// The provider's name for the location (e.g. head office).
    pub label: Option<String>,
    /// Country, as the provider names it (`KR`, `中国`).
    pub country: Option<String>,
    /// Administrative regions, outermost → innermost.
    #[serde(default)]
    pub region: Vec<Region>,
    /// Street address.
    pub street: Option<String>,
    /// Address detail (building, floor, unit).
    pub detail: Option<String>,
    /// Coordinates.
    pub geo: Option<Geo>,
}

impl Address {
    /// Whether nothing at all is known about this address.
    pub fn is_empty(&self) -> bool {
        self.kind.is_none()
            && self.label.is_none()
            && self.country.is_none()
            && self.region.is_empty()
            && self.street.is_none()
            && self.detail.is_none()
            && self.geo.is_none()
    }
}

/// What an address is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AddressKind {
    /// Registered (legal) address.
    Registered,
    /// Office or operating address.
    Office,
    /// Billing address.
    Billing,
    /// Shipping address.
    Shipping,
    /// Another or an undocumented kind.
    Other,
}

/// One administrative region level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Region {
    /// Region name (浙江省).
    pub name: String,
    /// The provider's region code (`33`), when given.
    pub code: Option<String>,
}

impl Region {
    /// A region level.
    pub fn new(name: impl Into<String>, code: Option<String>) -> Self {
        Region { name: name.into(), code }
    }
}

/// Coordinates as decimal strings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Geo {
    /// Latitude, a decimal string.
    pub lat: String,
    /// Longitude, a decimal string.
    pub lon: String,
}

impl Geo {
    /// Coordinates from decimal strings.
    pub fn new(lat: impl Into<String>, lon: impl Into<String>) -> Self {
        Geo { lat: lat.into(), lon: lon.into() }
    }
}

/// A tax or business registration number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct TaxId {
    /// Which numbering scheme.
    pub scheme: TaxScheme,
    /// The number (separators removed for `kr_brn` and `th_tin`).
    pub value: String,
    /// Branch / sub-business-place number, when the scheme has one.
    pub branch: Option<String>,
}

impl TaxId {
    /// A tax id without branch.
    pub fn new(scheme: TaxScheme, value: impl Into<String>) -> Self {
        TaxId { scheme, value: value.into(), branch: None }
    }
}

/// Tax id scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TaxScheme {
    /// Korean business registration number (사업자등록번호).
    KrBrn,
    /// Chinese unified social credit code (统一社会信用代码).
    CnUscc,
    /// Thai taxpayer identification number.
    ThTin,
    /// Another scheme.
    Other,
}

/// Invoicing and bank details.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Billing {
    /// Invoice title (发票抬头).
    pub invoice_title: Option<String>,
    /// Invoice type (发票类型).
    pub invoice_type: Option<String>,
    /// Address invoices go to (세금계산서 전용 이메일).
    pub invoice_email: Option<String>,
    /// Bank name (开户行).
    pub bank_name: Option<String>,
    /// Bank account number (银行账户).
    pub bank_account: Option<String>,
}

impl Billing {
    /// Whether every field is `None`.
    pub fn is_empty(&self) -> bool {
        *self == Billing::default()
    }
}

/// Money figures as decimal strings, and a deal count.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Financials {
    /// Total turnover, a decimal string.
    pub total_turnover: Option<String>,
    /// Outstanding receivables, a decimal string.
    pub outstanding_receivables: Option<String>,
    /// Retention money held, a decimal string.
    pub retention_money: Option<String>,
    /// Credit limit / budget, a decimal string.
    pub credit_limit: Option<String>,
    /// Income, a decimal string.
    pub income: Option<String>,
    /// Number of deals / transactions.
    pub transaction_count: Option<i64>,
}

impl Financials {
    /// Whether every field is `None`.
    pub fn is_empty(&self) -> bool {
        *self == Financials::default()
    }
}

/// A field of the provider account's own form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct CustomField {
    /// The provider's field id, as a string, when it has one.
    pub id: Option<String>,
    /// Field name as the provider shows it.
    pub name: String,
    /// Type of the value.
    pub kind: CustomFieldKind,
    /// The value, typed by `kind`: text as a string, number as a decimal string, date/datetime as
    /// in `created_at`, bool as a boolean, choice as its label, multi_choice as `[label]`, member as
    /// `[UserRef]`, unknown as sent; `null` when empty.
    pub value: Value,
}

impl CustomField {
    /// A custom field.
    pub fn new(name: impl Into<String>, kind: CustomFieldKind, value: Value) -> Self {
        CustomField { id: None, name: name.into(), kind, value }
    }
}

/// Type of a [`CustomField`] value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CustomFieldKind {
    /// Free text.
    Text,
    /// A number, as a decimal string.
    Number,
    /// A date, `YYYY-MM-DD`.
    Date,
    /// A date and time, RFC 3339.
    Datetime,
    /// A boolean.
    Bool,
    /// One option, by its label.
    Choice,
    /// Several options, by their labels.
    MultiChoice,
    /// Users, as a list of [`UserRef`].
    Member,
    /// A type the mapping does not know; the value is as sent.
    Unknown,
}

/// Something the mapping could not take as given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Warning {
    /// The unified field concerned (`created_at`, `custom_fields[2].value`).
    pub field: String,
    /// What happened, naming the provider's key and value.
    pub message: String,
}

impl Warning {
    /// A warning about a field.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Warning { field: field.into(), message: message.into() }
    }
}
