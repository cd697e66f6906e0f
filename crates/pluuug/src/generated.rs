// @generated — do not edit; run `cargo xtask codegen`.
// Source: specs/pluuug.yaml, generator: progenitor 0.15.1 (settings: xtask/src/codegen.rs).

#[allow(unused_imports)]
pub use progenitor_client::{ByteStream, ClientInfo, Error, ResponseValue};
#[allow(unused_imports)]
use ::crm_runtime::encode_path;
#[allow(unused_imports)]
use progenitor_client::{ClientHooks, OperationInfo, RequestBuilderExt};
/// Types used as operation parameters and responses.
#[allow(clippy::all)]
pub mod types {
    ///고객 — a client (customer company or person) of the business.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct Client {
        ///종사업장 번호 sub-business-place number (docs: nullable, max length 4).
        #[serde(
            rename = "branchNumber",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub branch_number: ::std::option::Option<::std::string::String>,
        ///종목 business item / class (docs: nullable, max length 128).
        #[serde(
            rename = "businessClass",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub business_class: ::std::option::Option<::std::string::String>,
        ///사업자 등록번호 business registration number, often with dashes (docs: nullable, max length 16).
        #[serde(
            rename = "businessRegistrationNumber",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub business_registration_number: ::std::option::Option<::std::string::String>,
        ///업태 business type (docs: nullable, max length 128).
        #[serde(
            rename = "businessType",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub business_type: ::std::option::Option<::std::string::String>,
        ///대표자 CEO / representative (docs: nullable, max length 128).
        #[serde(
            rename = "ceoName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub ceo_name: ::std::option::Option<::std::string::String>,
        ///소재지 address (docs: nullable, max length 256).
        #[serde(
            rename = "companyAddress",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub company_address: ::std::option::Option<::std::string::String>,
        ///소재지 상세 address detail (docs: nullable, max length 256).
        #[serde(
            rename = "companyDetailAddress",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub company_detail_address: ::std::option::Option<::std::string::String>,
        ///회사명 company name (docs: required, not nullable, max length 128).
        #[serde(
            rename = "companyName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub company_name: ::std::option::Option<::std::string::String>,
        ///연락처 phone / contact (docs: nullable, max length 128).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub contact: ::std::option::Option<::std::string::String>,
        ///메모 memo (docs: nullable).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub content: ::std::option::Option<::std::string::String>,
        ///생성일시 created at, RFC 3339 (docs: required).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub created: ::std::option::Option<::crm_runtime::LenientDateTime>,
        ///이메일 (docs: `string<email> | null`, max length 128).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub email: ::std::option::Option<::std::string::String>,
        ///커스텀 필드 custom field values (docs: object[] | null).
        #[serde(
            rename = "fieldSet",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub field_set: ::std::option::Option<::std::vec::Vec<FieldValue>>,
        ///Client id (docs: required).
        pub id: i64,
        ///담당자 contact person at the client (docs: nullable, max length 64).
        #[serde(
            rename = "inCharge",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub in_charge: ::std::option::Option<::std::string::String>,
        ///직책 job title of the contact person (docs: nullable, max length 64).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub position: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub status: ::std::option::Option<NullableClientStatus>,
        ///세금계산서 전용 이메일 tax-invoice email (docs: nullable, max length 128).
        #[serde(
            rename = "taxInvoiceEmail",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub tax_invoice_email: ::std::option::Option<::std::string::String>,
    }

    ///Body of `POST /v1/client` (undocumented endpoint): the PATCH body's fields, with `companyName` required (the response schema requires it).
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct ClientCreate {
        ///종사업장 번호 sub-business-place number (max length 4).
        #[serde(
            rename = "branchNumber",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub branch_number: ::std::option::Option<::std::string::String>,
        ///종목 business item / class (max length 128).
        #[serde(
            rename = "businessClass",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub business_class: ::std::option::Option<::std::string::String>,
        ///사업자 등록번호 business registration number (max length 16).
        #[serde(
            rename = "businessRegistrationNumber",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub business_registration_number: ::std::option::Option<::std::string::String>,
        ///업태 business type (max length 128).
        #[serde(
            rename = "businessType",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub business_type: ::std::option::Option<::std::string::String>,
        ///대표자 CEO (max length 128).
        #[serde(
            rename = "ceoName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub ceo_name: ::std::option::Option<::std::string::String>,
        ///소재지 address (max length 256).
        #[serde(
            rename = "companyAddress",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub company_address: ::std::option::Option<::std::string::String>,
        ///소재지 상세 address detail (max length 256).
        #[serde(
            rename = "companyDetailAddress",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub company_detail_address: ::std::option::Option<::std::string::String>,
        ///회사명 company name (max length 128 on the detail page).
        #[serde(rename = "companyName")]
        pub company_name: ::std::string::String,
        ///연락처 phone / contact (max length 128); null clears it (docs: nullable).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub contact: ::std::option::Option<::std::string::String>,
        ///메모 memo.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub content: ::std::option::Option<::std::string::String>,
        ///이메일 email (max length 128).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub email: ::std::option::Option<::std::string::String>,
        ///커스텀 필드 custom field values to set, each naming its field by id.
        #[serde(
            rename = "fieldSet",
            default,
            skip_serializing_if = "::std::vec::Vec::is_empty"
        )]
        pub field_set: ::std::vec::Vec<FieldValueInput>,
        ///담당자 contact person (max length 64); null clears it (docs: nullable).
        #[serde(
            rename = "inCharge",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub in_charge: ::std::option::Option<::std::string::String>,
        ///직책 job title (max length 64); null clears it (docs: nullable).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub position: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub status: ::std::option::Option<StatusRef>,
        ///세금계산서 전용 이메일 tax-invoice email (max length 128).
        #[serde(
            rename = "taxInvoiceEmail",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub tax_invoice_email: ::std::option::Option<::std::string::String>,
    }

    ///`GET /v1/client` answer: a DRF cursor page (tried first; an extra `count` is accepted) or a bare array of clients (seen accepted by an integration).
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    #[serde(untagged)]
    pub enum ClientList {
        ClientPage(ClientPage),
        Array(::std::vec::Vec<Client>),
    }

    impl ::std::convert::From<ClientPage> for ClientList {
        fn from(value: ClientPage) -> Self {
            Self::ClientPage(value)
        }
    }

    impl ::std::convert::From<::std::vec::Vec<Client>> for ClientList {
        fn from(value: ::std::vec::Vec<Client>) -> Self {
            Self::Array(value)
        }
    }

    ///DRF cursor page of clients.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct ClientPage {
        ///Total count; some Pluuug lists send it, DRF cursor pagination does not.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub count: ::std::option::Option<i64>,
        ///Absolute URL of the next page (carries `cursor`), null on the last page. Opaque.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub next: ::std::option::Option<::std::string::String>,
        ///Absolute URL of the previous page, null on the first page. Opaque.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub previous: ::std::option::Option<::std::string::String>,
        ///The page's clients.
        pub results: ::std::vec::Vec<Client>,
    }

    ///Body of `PATCH /v1/client/{client_id}` (vendor docs): every field optional; absent fields are left unchanged.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct ClientPatch {
        ///종사업장 번호 sub-business-place number (max length 4).
        #[serde(
            rename = "branchNumber",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub branch_number: ::std::option::Option<::std::string::String>,
        ///종목 business item / class (max length 128).
        #[serde(
            rename = "businessClass",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub business_class: ::std::option::Option<::std::string::String>,
        ///사업자 등록번호 business registration number (max length 16).
        #[serde(
            rename = "businessRegistrationNumber",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub business_registration_number: ::std::option::Option<::std::string::String>,
        ///업태 business type (max length 128).
        #[serde(
            rename = "businessType",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub business_type: ::std::option::Option<::std::string::String>,
        ///대표자 CEO (max length 128).
        #[serde(
            rename = "ceoName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub ceo_name: ::std::option::Option<::std::string::String>,
        ///소재지 address (max length 256).
        #[serde(
            rename = "companyAddress",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub company_address: ::std::option::Option<::std::string::String>,
        ///소재지 상세 address detail (max length 256).
        #[serde(
            rename = "companyDetailAddress",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub company_detail_address: ::std::option::Option<::std::string::String>,
        ///회사명 company name (max length 128 on the detail page).
        #[serde(
            rename = "companyName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub company_name: ::std::option::Option<::std::string::String>,
        ///연락처 phone / contact (max length 128); null clears it (docs: nullable).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub contact: ::std::option::Option<::std::string::String>,
        ///메모 memo.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub content: ::std::option::Option<::std::string::String>,
        ///이메일 email (max length 128).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub email: ::std::option::Option<::std::string::String>,
        ///커스텀 필드 custom field values to set, each naming its field by id.
        #[serde(
            rename = "fieldSet",
            default,
            skip_serializing_if = "::std::vec::Vec::is_empty"
        )]
        pub field_set: ::std::vec::Vec<FieldValueInput>,
        ///담당자 contact person (max length 64); null clears it (docs: nullable).
        #[serde(
            rename = "inCharge",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub in_charge: ::std::option::Option<::std::string::String>,
        ///직책 job title (max length 64); null clears it (docs: nullable).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub position: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub status: ::std::option::Option<StatusRef>,
        ///세금계산서 전용 이메일 tax-invoice email (max length 128).
        #[serde(
            rename = "taxInvoiceEmail",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub tax_invoice_email: ::std::option::Option<::std::string::String>,
    }

    ///고객 상태 — a client status defined by the business; listed by `GET /v1/client/status` (seen in integrations, not in the vendor docs).
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct ClientStatus {
        ///Status id.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<i64>,
        ///상태 제목 status title.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub title: ::std::option::Option<::std::string::String>,
    }

    ///`GET /v1/client/status` answer: a DRF cursor page (tried first) or a bare array.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    #[serde(untagged)]
    pub enum ClientStatusList {
        ClientStatusPage(ClientStatusPage),
        Array(::std::vec::Vec<ClientStatus>),
    }

    impl ::std::convert::From<ClientStatusPage> for ClientStatusList {
        fn from(value: ClientStatusPage) -> Self {
            Self::ClientStatusPage(value)
        }
    }

    impl ::std::convert::From<::std::vec::Vec<ClientStatus>> for ClientStatusList {
        fn from(value: ::std::vec::Vec<ClientStatus>) -> Self {
            Self::Array(value)
        }
    }

    ///DRF cursor page of client statuses.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct ClientStatusPage {
        ///Total count, if sent.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub count: ::std::option::Option<i64>,
        ///Absolute URL of the next page, null on the last page. Opaque.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub next: ::std::option::Option<::std::string::String>,
        ///Absolute URL of the previous page, null on the first page. Opaque.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub previous: ::std::option::Option<::std::string::String>,
        ///The page's statuses.
        pub results: ::std::vec::Vec<ClientStatus>,
    }

    ///커스텀 필드 — a custom field definition.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct CustomField {
        ///Data type code, an open set (no enum so new codes do not fail a fetch). Known values: `S`, `N`, `M` (멤버 member, documented), `D`, `T`, `B`, `SL` (단수선택 single select, documented), `ML` (복수선택 multi select, documented). S/N/D/T/B meanings are undocumented (letters suggest string/number/date/time/boolean — unconfirmed).
        #[serde(
            rename = "dataType",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub data_type: ::std::option::Option<::std::string::String>,
        ///Field id.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<i64>,
        ///Selectable members; populated for M only.
        #[serde(
            rename = "memberSet",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub member_set: ::std::option::Option<::std::vec::Vec<Member>>,
        ///커스텀 필드 이름 field name.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<::std::string::String>,
        ///Options; populated for SL and ML only.
        #[serde(
            rename = "optionSet",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub option_set: ::std::option::Option<::std::vec::Vec<CustomFieldOption>>,
    }

    ///A select option of an SL/ML custom field.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct CustomFieldOption {
        ///Option id. A string, unlike every other id in the API (documented that way).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<::std::string::String>,
        ///Option label.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub title: ::std::option::Option<::std::string::String>,
    }

    ///DRF cursor page of custom field definitions (no total count).
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct CustomFieldPage {
        ///Absolute URL of the next page (carries `cursor`), null on the last page. Opaque.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub next: ::std::option::Option<::std::string::String>,
        ///Absolute URL of the previous page, null on the first page. Opaque.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub previous: ::std::option::Option<::std::string::String>,
        ///The page's items (docs: required).
        pub results: ::std::vec::Vec<CustomField>,
    }

    ///A DRF error body: `{"detail": "..."}` for 401/403/404/429, or `{"field": ["message"]}` for validation (400). Other keys are kept in the map. Error responses declare no body schema (progenitor allows one error type per operation, and a typed error body would turn a non-JSON error page into a decode error instead of a status error); this type documents the shape for callers reading the raw body.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct DrfError {
        ///The message of a non-validation error.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub detail: ::std::option::Option<::std::string::String>,
    }

    ///A custom field named by id.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct FieldRef {
        ///Field id (see `GET /v1/field?category=C`).
        pub id: i64,
    }

    ///A custom field value on a record.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct FieldValue {
        ///The field definition.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub field: ::std::option::Option<CustomField>,
        ///값 value, any of: a string, a number, a boolean, null, an option object `{"id": "..."}` or a list of them `[{"id": "..."}]`. The docs type it string for every dataType; a public integration (supabase/functions/pluuug-api in yuna01066/acbanksysver2) sends B as `true` / `false`, D as `YYYY-MM-DD`, SL as `{"id"}` and ML as `[{"id"}]`, so responses may mirror that. Declared as any JSON so that no form (nor a future one) fails a fetch; the customer-core mapping resolves option ids through `optionSet` and member ids through `memberSet`.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub value: ::std::option::Option<::serde_json::Value>,
    }

    ///One custom field value to write.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct FieldValueInput {
        pub field: FieldRef,
        ///값 value. The docs type it string; a public integration sends typed values (B `true`/`false`, D `YYYY-MM-DD`, SL `{"id": "..."}`, ML `[{"id": "..."}]`), so any JSON value is accepted.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub value: ::std::option::Option<::serde_json::Value>,
    }

    ///`ListFieldsCategory`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd
    )]
    pub enum ListFieldsCategory {
        I,
        C,
        #[serde(rename = "CO")]
        Co,
    }

    impl ::std::fmt::Display for ListFieldsCategory {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::I => f.write_str("I"),
                Self::C => f.write_str("C"),
                Self::Co => f.write_str("CO"),
            }
        }
    }

    impl ::std::str::FromStr for ListFieldsCategory {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "I" => Ok(Self::I),
                "C" => Ok(Self::C),
                "CO" => Ok(Self::Co),
                _ => Err("invalid value".into()),
            }
        }
    }

    impl ::std::convert::TryFrom<&str> for ListFieldsCategory {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }

    impl ::std::convert::TryFrom<::std::string::String> for ListFieldsCategory {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }

    ///멤버 — a user of the business.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct Member {
        ///Email.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub email: ::std::option::Option<::std::string::String>,
        ///등급 member grade.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub grade: ::std::option::Option<MemberGrade>,
        ///Member id.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<i64>,
        ///활성화 여부 whether the member is active.
        #[serde(
            rename = "isActive",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub is_active: ::std::option::Option<bool>,
        ///닉네임 nickname.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub nickname: ::std::option::Option<::std::string::String>,
    }

    ///등급 — a member grade.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct MemberGrade {
        ///Grade id.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<i64>,
        ///Grade title.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub title: ::std::option::Option<::std::string::String>,
    }

    ///고객 상태 client status on a client, defined per business (docs: optional, nullability not shown; the API sends null for a client without a status). The same object as `ClientStatus`, or null: `nullable` sits beside `type` here because in strict 3.0.3 it has no effect beside a `$ref` or an `allOf`.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    #[serde(transparent)]
    pub struct NullableClientStatus(
        pub ::std::option::Option<NullableClientStatusInner>,
    );
    impl ::std::ops::Deref for NullableClientStatus {
        type Target = ::std::option::Option<NullableClientStatusInner>;
        fn deref(&self) -> &::std::option::Option<NullableClientStatusInner> {
            &self.0
        }
    }

    impl ::std::convert::From<NullableClientStatus>
    for ::std::option::Option<NullableClientStatusInner> {
        fn from(value: NullableClientStatus) -> Self {
            value.0
        }
    }

    impl ::std::convert::From<::std::option::Option<NullableClientStatusInner>>
    for NullableClientStatus {
        fn from(value: ::std::option::Option<NullableClientStatusInner>) -> Self {
            Self(value)
        }
    }

    ///고객 상태 client status on a client, defined per business (docs: optional, nullability not shown; the API sends null for a client without a status). The same object as `ClientStatus`, or null: `nullable` sits beside `type` here because in strict 3.0.3 it has no effect beside a `$ref` or an `allOf`.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct NullableClientStatusInner {
        ///Status id.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<i64>,
        ///상태 제목 status title.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub title: ::std::option::Option<::std::string::String>,
    }

    ///A client status named by id (writes set the status by id only).
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct StatusRef {
        ///Status id (see `GET /v1/client/status`).
        pub id: i64,
    }

    /// Error types.
    pub mod error {
        /// Error from a `TryFrom` or `FromStr` implementation.
        pub struct ConversionError(::std::borrow::Cow<'static, str>);
        impl ::std::error::Error for ConversionError {}
        impl ::std::fmt::Display for ConversionError {
            fn fmt(
                &self,
                f: &mut ::std::fmt::Formatter<'_>,
            ) -> Result<(), ::std::fmt::Error> {
                ::std::fmt::Display::fmt(&self.0, f)
            }
        }

        impl ::std::fmt::Debug for ConversionError {
            fn fmt(
                &self,
                f: &mut ::std::fmt::Formatter<'_>,
            ) -> Result<(), ::std::fmt::Error> {
                ::std::fmt::Debug::fmt(&self.0, f)
            }
        }

        impl From<&'static str> for ConversionError {
            fn from(value: &'static str) -> Self {
                Self(value.into())
            }
        }

        impl From<String> for ConversionError {
            fn from(value: String) -> Self {
                Self(value.into())
            }
        }
    }
}

#[derive(Clone, Debug)]
/**Client for Pluuug (플러그) Open API — client subset

Hand-written from the Pluuug Open API docs (<https://docs.openapi.pluuug.com>), client (고객) detail
and custom-field (커스텀 필드) list only. The vendor publishes no version number; `1.0.0` is ours.

## Authentication
Every request carries two headers (both required, AND):
- `X-API-Key`: the API key issued per business in the Pluuug admin. The auth page spells it
  `X-API-KEY`, the endpoint pages `X-API-Key`; HTTP header names are case-insensitive.
- `X-Signature`: lowercase hex HMAC-SHA256 of the exact request body bytes, keyed with the secret
  key issued together with the API key. Requests without a body (GET) sign the empty string `""`.
  No method, path, query, timestamp or nonce is signed. Hex (not base64) and the empty-body rule
  are corroborated by Pluuug-affiliated and third-party client code, not by the captured docs text.
The signature cannot be expressed in OpenAPI; the client crate adds both headers in its `pre` hook,
so they are not declared as parameters here.

## What the docs contradict or leave open (and how this spec handles it)
- The endpoint pages' curl samples put `<api-key>` as the `X-Signature` value (doc-generator
  artefact); an older snapshot of the client page shows no `X-Signature` at all.
- Some pages' samples use `https://openapi-dev.pluuug.com`, others `https://openapi.pluuug.com`
  (production, used here).
- `optionSet[].id` is a string while every other id (client, status, field, member, grade) is an
  integer; modelled as documented.
- `fieldSet[].value` is typed string (or null) for every `dataType`; a public integration sends
  typed values (booleans, `{"id"}`, `[{"id"}]`), so it is declared as any JSON value (see
  `FieldValue.value`).
- `dataType` meanings: only SL (단수선택), ML (복수선택) and M (멤버) are documented; S, N, D, T, B
  are not. An open string with the known codes as `x-extensible-enum` (never rejects a new code).
- Client list, status list, create and delete are not in the vendor docs; they are declared from
  public integrations and marked so in each operation's description.
- Error bodies, error statuses and rate limits are undocumented on the docs site; statuses below
  come from the Pluuug-affiliated MCP README (401 key, 403 signature or plan, 429 at 1000/min).
- Nullability: the docs mark most strings `string | null` and several fields required; providers
  omit keys and send nulls, so only `Client.id` is required here and everything else is optional
  and nullable. Documented max lengths are kept in descriptions, not as validation keywords.
- List pagination is DRF cursor pagination (`cursor`, `page_size`; defaults/max undocumented);
  `next`/`previous` are opaque absolute URLs, no total count. The documented pagination example
  uses DRF's placeholder host and a stray escaped quote in `next`.


Version: 1.0.0*/
pub struct Client {
    pub(crate) baseurl: String,
    pub(crate) client: reqwest::Client,
    pub(crate) inner: crate::client::Inner,
}

impl Client {
    /// Create a new client.
    ///
    /// `baseurl` is the base URL provided to the internal
    /// `reqwest::Client`, and should include a scheme and hostname,
    /// as well as port and a path stem if applicable.
    pub fn new(baseurl: &str, inner: crate::client::Inner) -> Self {
        #[cfg(not(target_arch = "wasm32"))]
        let client = {
            let dur = ::std::time::Duration::from_secs(15u64);
            reqwest::ClientBuilder::new().connect_timeout(dur).timeout(dur)
        };
        #[cfg(target_arch = "wasm32")]
        let client = reqwest::ClientBuilder::new();
        Self::new_with_client(baseurl, client.build().unwrap(), inner)
    }

    /// Construct a new client with an existing `reqwest::Client`,
    /// allowing more control over its configuration.
    ///
    /// `baseurl` is the base URL provided to the internal
    /// `reqwest::Client`, and should include a scheme and hostname,
    /// as well as port and a path stem if applicable.
    pub fn new_with_client(
        baseurl: &str,
        client: reqwest::Client,
        inner: crate::client::Inner,
    ) -> Self {
        Self {
            baseurl: baseurl.to_string(),
            client,
            inner,
        }
    }
}

impl ClientInfo<crate::client::Inner> for Client {
    fn api_version() -> &'static str {
        "1.0.0"
    }

    fn baseurl(&self) -> &str {
        self.baseurl.as_str()
    }

    fn client(&self) -> &reqwest::Client {
        &self.client
    }

    fn inner(&self) -> &crate::client::Inner {
        &self.inner
    }
}

const _: () = {
    #[allow(dead_code)]
    fn assert_client_hooks()
    where
        Client: ClientHooks<crate::client::Inner>,
    {}
};
#[allow(clippy::all)]
impl Client {
    /**고객 목록 — client list (cursor paginated)

Seen in integrations, not in the vendor docs (a public integration's Supabase function and sync code call it). A DRF cursor page `{next, previous, results}` like the documented lists; the same integration also accepts a bare array, and some Pluuug lists add a `count`, so all three are accepted. Filters are unknown, so none are declared.

Sends a `GET` request to `/v1/client`

Arguments:
- `cursor`: Opaque cursor taken from the previous page's `next` URL.
- `page_size`: Items per page; default and maximum undocumented.
*/
    pub async fn list_clients<'a>(
        &'a self,
        cursor: Option<&'a str>,
        page_size: Option<i64>,
    ) -> Result<ResponseValue<types::ClientList>, Error<()>> {
        let url = format!("{}/v1/client", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
        header_map
            .append(
                ::reqwest::header::HeaderName::from_static("api-version"),
                ::reqwest::header::HeaderValue::from_static(Self::api_version()),
            );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .query(&progenitor_client::QueryParam::new("cursor", &cursor))
            .query(&progenitor_client::QueryParam::new("page_size", &page_size))
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "list_clients",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            400u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            401u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            403u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            404u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            429u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            500u16..=599u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }

    /**고객 생성 — create a client

Seen in integrations, not in the vendor docs (a third-party CLI docstring and a public integration post a JSON client body here). Answers 201 with the created client (DRF CreateModelMixin); a 200 with the client is success too. Never retried automatically: the body is signed like every request (HMAC over the exact bytes sent).

Sends a `POST` request to `/v1/client`

*/
    pub async fn create_client<'a>(
        &'a self,
        body: &'a types::ClientCreate,
    ) -> Result<ResponseValue<types::Client>, Error<()>> {
        let url = format!("{}/v1/client", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
        header_map
            .append(
                ::reqwest::header::HeaderName::from_static("api-version"),
                ::reqwest::header::HeaderValue::from_static(Self::api_version()),
            );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "create_client",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            201u16 => ResponseValue::from_response(response).await,
            400u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            401u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            403u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            429u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            500u16..=599u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }

    /**고객 상태 목록 — client statuses

Seen in integrations, not in the vendor docs (a public integration reads it to name a client's status id). A DRF cursor page of `{id, title}` or a bare array; both are accepted.

Sends a `GET` request to `/v1/client/status`

Arguments:
- `cursor`: Opaque cursor taken from the previous page's `next` URL.
*/
    pub async fn list_client_statuses<'a>(
        &'a self,
        cursor: Option<&'a str>,
    ) -> Result<ResponseValue<types::ClientStatusList>, Error<()>> {
        let url = format!("{}/v1/client/status", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
        header_map
            .append(
                ::reqwest::header::HeaderName::from_static("api-version"),
                ::reqwest::header::HeaderValue::from_static(Self::api_version()),
            );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .query(&progenitor_client::QueryParam::new("cursor", &cursor))
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "list_client_statuses",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            401u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            403u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            429u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            500u16..=599u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }

    /**고객 상세 — client detail

Returns the client as a bare object (no envelope).

Sends a `GET` request to `/v1/client/{client_id}`

Arguments:
- `client_id`: Client id.
*/
    pub async fn get_client<'a>(
        &'a self,
        client_id: i64,
    ) -> Result<ResponseValue<types::Client>, Error<()>> {
        let url = format!(
            "{}/v1/client/{}", self.baseurl, encode_path(& client_id.to_string()),
        );
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
        header_map
            .append(
                ::reqwest::header::HeaderName::from_static("api-version"),
                ::reqwest::header::HeaderValue::from_static(Self::api_version()),
            );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "get_client",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            400u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            401u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            403u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            404u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            429u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            500u16..=599u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }

    /**고객 삭제 — delete a client

Seen in integrations, not in the vendor docs (a public integration deletes clients here). Answers 204 without a body (DRF DestroyModelMixin); the signature covers the empty string. Never retried automatically.

Sends a `DELETE` request to `/v1/client/{client_id}`

Arguments:
- `client_id`: Client id.
*/
    pub async fn delete_client<'a>(
        &'a self,
        client_id: i64,
    ) -> Result<ResponseValue<()>, Error<()>> {
        let url = format!(
            "{}/v1/client/{}", self.baseurl, encode_path(& client_id.to_string()),
        );
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
        header_map
            .append(
                ::reqwest::header::HeaderName::from_static("api-version"),
                ::reqwest::header::HeaderValue::from_static(Self::api_version()),
            );
        #[allow(unused_mut)]
        let mut request = self.client.delete(url).headers(header_map).build()?;
        let info = OperationInfo {
            operation_id: "delete_client",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            204u16 => Ok(ResponseValue::empty(response)),
            401u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            403u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            404u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            429u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            500u16..=599u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }

    /**고객 부분 수정 — partially update a client

In the vendor docs (client/patch page). Every body field is optional; `status` is set by id, `fieldSet` entries name the field by `field.id` (whether the list replaces or merges is undocumented). Answers 200 with the full updated client (DRF UpdateModelMixin). Never retried automatically.

Sends a `PATCH` request to `/v1/client/{client_id}`

Arguments:
- `client_id`: Client id.
- `body`
*/
    pub async fn patch_client<'a>(
        &'a self,
        client_id: i64,
        body: &'a types::ClientPatch,
    ) -> Result<ResponseValue<types::Client>, Error<()>> {
        let url = format!(
            "{}/v1/client/{}", self.baseurl, encode_path(& client_id.to_string()),
        );
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
        header_map
            .append(
                ::reqwest::header::HeaderName::from_static("api-version"),
                ::reqwest::header::HeaderValue::from_static(Self::api_version()),
            );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .patch(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "patch_client",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            400u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            401u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            403u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            404u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            429u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            500u16..=599u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }

    /**커스텀 필드 목록 — custom field definitions (cursor paginated)

Custom field definitions of one category. Definitions are edited only in the business settings UI; values are read/written through the owning record's `fieldSet`.

Sends a `GET` request to `/v1/field`

Arguments:
- `category`: Record category: `I` = 의뢰 inquiry, `C` = 고객 client, `CO` = 계약 contract.
- `cursor`: Opaque cursor taken from the previous page's `next`/`previous` URL.
- `page_size`: Items per page; default and maximum undocumented.
*/
    pub async fn list_fields<'a>(
        &'a self,
        category: Option<types::ListFieldsCategory>,
        cursor: Option<&'a str>,
        page_size: Option<i64>,
    ) -> Result<ResponseValue<types::CustomFieldPage>, Error<()>> {
        let url = format!("{}/v1/field", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
        header_map
            .append(
                ::reqwest::header::HeaderName::from_static("api-version"),
                ::reqwest::header::HeaderValue::from_static(Self::api_version()),
            );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .query(&progenitor_client::QueryParam::new("category", &category))
            .query(&progenitor_client::QueryParam::new("cursor", &cursor))
            .query(&progenitor_client::QueryParam::new("page_size", &page_size))
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "list_fields",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            400u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            401u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            403u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            404u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            429u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            500u16..=599u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
}

/// Items consumers will typically use such as the Client.
pub mod prelude {
    #[allow(unused_imports)]
    pub use super::Client;
}
