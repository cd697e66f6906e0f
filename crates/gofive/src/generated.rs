// @generated — do not edit; run `cargo xtask codegen`.
// Source: specs/gofive.yaml, generator: progenitor 0.15.1 (settings: xtask/src/codegen.rs).

#[allow(unused_imports)]
pub use progenitor_client::{ByteStream, ClientInfo, Error, ResponseValue};
#[allow(unused_imports)]
use ::crm_runtime::encode_path;
#[allow(unused_imports)]
use progenitor_client::{ClientHooks, OperationInfo, RequestBuilderExt};
/// Types used as operation parameters and responses.
#[allow(clippy::all)]
pub mod types {
    ///A customer location (property names from the documented example).
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct Address {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub latitude: ::std::option::Option<Coordinate>,
        ///Address text.
        #[serde(
            rename = "locationAddress",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub location_address: ::std::option::Option<::std::string::String>,
        ///Location label, e.g. head office.
        #[serde(
            rename = "locationName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub location_name: ::std::option::Option<::std::string::String>,
        ///Location type: 1 = billing address, 2 = shipping address (Gofive's published C# model; the doc pages leave it undocumented). Open set.
        #[serde(
            rename = "locationType",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub location_type: ::std::option::Option<i64>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub longitude: ::std::option::Option<Coordinate>,
    }

    ///Azure API Management gateway error body. Error responses declare no body schema (progenitor allows one error type per operation, and a typed error body would turn a non-JSON error page into a decode error instead of a status error); this type documents the shape for callers reading the raw body.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct ApimError {
        ///Message, e.g. `Access denied due to missing subscription key.`
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub message: ::std::option::Option<::std::string::String>,
        ///HTTP status repeated.
        #[serde(
            rename = "statusCode",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub status_code: ::std::option::Option<i64>,
    }

    ///Business code: `1000` success, `4001` one error, `4002` more than one error, or an endpoint-specific sub-code. Documented (and shown) as a string, e.g. `"1000"`; it reads like a number, so an integer is accepted as well. Compare its text form.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    #[serde(untagged)]
    pub enum BusinessCode {
        String(::std::string::String),
        Integer(i64),
    }

    impl ::std::fmt::Display for BusinessCode {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match self {
                Self::String(x) => x.fmt(f),
                Self::Integer(x) => x.fmt(f),
            }
        }
    }

    impl ::std::convert::From<i64> for BusinessCode {
        fn from(value: i64) -> Self {
            Self::Integer(value)
        }
    }

    ///A contact person of the customer (property names from the documented example).
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct Contact {
        ///Birth date, documented format `YYYY-MM-DD` (the example is the literal placeholder).
        #[serde(
            rename = "contactBirthdate",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub contact_birthdate: ::std::option::Option<::std::string::String>,
        ///Email.
        #[serde(
            rename = "contactEmail",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub contact_email: ::std::option::Option<::std::string::String>,
        ///Mobile.
        #[serde(
            rename = "contactMobile",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub contact_mobile: ::std::option::Option<::std::string::String>,
        ///Name.
        #[serde(
            rename = "contactName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub contact_name: ::std::option::Option<::std::string::String>,
        ///Note.
        #[serde(
            rename = "contactNote",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub contact_note: ::std::option::Option<::std::string::String>,
        ///Phone (landline).
        #[serde(
            rename = "contactPhone",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub contact_phone: ::std::option::Option<::std::string::String>,
        ///Picture URL.
        #[serde(
            rename = "contactPicture",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub contact_picture: ::std::option::Option<::std::string::String>,
        ///Job title.
        #[serde(
            rename = "contactPosition",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub contact_position: ::std::option::Option<::std::string::String>,
        ///Free-form social accounts map, e.g. `{"facebook": "..."}`.
        #[serde(
            rename = "contactSocialAccount",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub contact_social_account: ::std::option::Option<
            ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        >,
        ///Whether the contact is active.
        #[serde(
            rename = "contactStatus",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub contact_status: ::std::option::Option<bool>,
    }

    ///`contact`: a single object for an individual (`customerType` 2) in Gofive's published C# model, an array in the doc page's example (whose schema names the key `contacts`). Both are accepted.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    #[serde(untagged)]
    pub enum ContactOneOrMany {
        Contact(Contact),
        Array(::std::vec::Vec<Contact>),
    }

    impl ::std::convert::From<Contact> for ContactOneOrMany {
        fn from(value: Contact) -> Self {
            Self::Contact(value)
        }
    }

    impl ::std::convert::From<::std::vec::Vec<Contact>> for ContactOneOrMany {
        fn from(value: ::std::vec::Vec<Contact>) -> Self {
            Self::Array(value)
        }
    }

    ///A latitude or longitude. The doc example sends a decimal string; Gofive's published C# model types it `double?`, so a JSON number is accepted too. The mapping keeps the number's text.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    #[serde(untagged)]
    pub enum Coordinate {
        String(::std::string::String),
        Number(f64),
    }

    impl ::std::fmt::Display for Coordinate {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match self {
                Self::String(x) => x.fmt(f),
                Self::Number(x) => x.fmt(f),
            }
        }
    }

    impl ::std::convert::From<f64> for Coordinate {
        fn from(value: f64) -> Self {
            Self::Number(value)
        }
    }

    ///A custom field value, or null (the doc example sends `customFields: [null]`; `nullable` sits beside `type` because in strict 3.0.3 it has no effect beside an `allOf` or a `$ref`). A custom field value. The doc page says "object {2}" without naming the properties; Gofive's published C# model (GofiveCorp/venio-openapi-csharp-sample, CustomerModels.cs) names them `customFieldName` and `customFieldValue` (a list of strings). The `fieldName` / `fieldValue` keys this spec assumed before had no evidence and are no longer read.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    #[serde(transparent)]
    pub struct CustomField(pub ::std::option::Option<CustomFieldInner>);
    impl ::std::ops::Deref for CustomField {
        type Target = ::std::option::Option<CustomFieldInner>;
        fn deref(&self) -> &::std::option::Option<CustomFieldInner> {
            &self.0
        }
    }

    impl ::std::convert::From<CustomField> for ::std::option::Option<CustomFieldInner> {
        fn from(value: CustomField) -> Self {
            value.0
        }
    }

    impl ::std::convert::From<::std::option::Option<CustomFieldInner>> for CustomField {
        fn from(value: ::std::option::Option<CustomFieldInner>) -> Self {
            Self(value)
        }
    }

    ///A custom field value, or null (the doc example sends `customFields: [null]`; `nullable` sits beside `type` because in strict 3.0.3 it has no effect beside an `allOf` or a `$ref`). A custom field value. The doc page says "object {2}" without naming the properties; Gofive's published C# model (GofiveCorp/venio-openapi-csharp-sample, CustomerModels.cs) names them `customFieldName` and `customFieldValue` (a list of strings). The `fieldName` / `fieldValue` keys this spec assumed before had no evidence and are no longer read.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct CustomFieldInner {
        ///Field name.
        #[serde(
            rename = "customFieldName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub custom_field_name: ::std::option::Option<::std::string::String>,
        ///The values (one for a single value, several for a multi-choice field). Items are strings in the vendor model; a number or boolean is accepted and kept as its text.
        #[serde(
            rename = "customFieldValue",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub custom_field_value: ::std::option::Option<
            ::std::vec::Vec<::crm_runtime::LenientText>,
        >,
    }

    ///A Venio customer (lead, prospect or customer), as returned by Get a Customer By CustomerCode. Requiredness and nullability below are the docs' claims; only `customerId` is enforced.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct Customer {
        ///ที่อยู่ addresses (docs: required, array of 5-property objects).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub addresses: ::std::option::Option<::std::vec::Vec<Address>>,
        ///รหัสสาขา branch code, e.g. `00000` head office (docs: optional).
        #[serde(
            rename = "branchCode",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub branch_code: ::std::option::Option<::std::string::String>,
        ///คลาสลูกค้า classification, at most 3 characters (docs: optional).
        #[serde(
            rename = "classificationName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub classification_name: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub contact: ::std::option::Option<ContactOneOrMany>,
        ///รายการข้อมูลผู้ติดต่อ contacts — the key in the documented schema (docs: required, array of 10-property objects). The documented example uses `contact` instead; read both.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub contacts: ::std::option::Option<::std::vec::Vec<Contact>>,
        ///งบลูกค้า credit limit / budget, a decimal as string; not used in Venio (docs: string | null, optional).
        #[serde(
            rename = "creditLimit",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub credit_limit: ::std::option::Option<::std::string::String>,
        ///ฟิลด์ข้อมูลลูกค้าที่กำหนดเอง custom fields (docs: required, array of 2-property objects; Gofive's published C# model names them `customFieldName` / `customFieldValue`). The documented example is `[null]`, so items are nullable.
        #[serde(
            rename = "customFields",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub custom_fields: ::std::option::Option<::std::vec::Vec<CustomField>>,
        ///ชื่อรองลูกค้า second name, e.g. in another language (docs: optional).
        #[serde(
            rename = "customer2ndName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer2nd_name: ::std::option::Option<::std::string::String>,
        ///รายการนามแฝง aliases (docs: required).
        #[serde(
            rename = "customerAliases",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_aliases: ::std::option::Option<
            ::std::vec::Vec<::std::string::String>,
        >,
        ///วันเกิด birth date of an individual customer (format not published).
        #[serde(
            rename = "customerBirthdate",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_birthdate: ::std::option::Option<::std::string::String>,
        ///รหัสลูกค้า customer code, e.g. `C000055` (docs: required).
        #[serde(
            rename = "customerCode",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_code: ::std::option::Option<::std::string::String>,
        ///อีเมลลูกค้า email (docs: optional; the create page calls it the only non-nullable optional string).
        #[serde(
            rename = "customerEmail",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_email: ::std::option::Option<::std::string::String>,
        ///เพศ gender, 1 / 2 in Gofive's C# model (labels not published). Open set.
        #[serde(
            rename = "customerGender",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_gender: ::std::option::Option<i64>,
        ///กลุ่มลูกค้า customer group (docs: optional).
        #[serde(
            rename = "customerGroupName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_group_name: ::std::option::Option<::std::string::String>,
        #[serde(rename = "customerId")]
        pub customer_id: CustomerId,
        ///รายได้ income, a decimal as string (docs: string | null, optional).
        #[serde(
            rename = "customerIncome",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_income: ::std::option::Option<::std::string::String>,
        ///สถานภาพสมรส marital status, 1–6 in Gofive's C# model (labels not published). Open set.
        #[serde(
            rename = "customerMaritalStatus",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_marital_status: ::std::option::Option<i64>,
        ///เบอร์มือถือลูกค้า mobile (docs: optional).
        #[serde(
            rename = "customerMobile",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_mobile: ::std::option::Option<::std::string::String>,
        ///ชื่อลูกค้า customer name, unique per tenant (docs: required).
        #[serde(
            rename = "customerName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_name: ::std::option::Option<::std::string::String>,
        ///Note, required when customerStatus is ended or closed (docs: optional).
        #[serde(
            rename = "customerNote",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_note: ::std::option::Option<::std::string::String>,
        ///เบอร์โทรศัพท์ลูกค้า phone (docs: optional).
        #[serde(
            rename = "customerPhone",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_phone: ::std::option::Option<::std::string::String>,
        ///รูปของลูกค้า picture URL (docs: required).
        #[serde(
            rename = "customerPicture",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_picture: ::std::option::Option<::std::string::String>,
        ///ตำแหน่ง position of an individual customer (create page; Gofive's C# model).
        #[serde(
            rename = "customerPosition",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_position: ::std::option::Option<::std::string::String>,
        ///Social Account ของลูกค้า — a map of social handles (docs: object | null). Gofive's published C# model (GofiveCorp/venio-openapi-csharp-sample, CustomerModels.cs) names the keys `facebook`, `instagram`, `line`, `linkedin`, `skype`, `telegram`, `wechat`, `whatsapp`; kept a free-form map so a new network is never dropped.
        #[serde(
            rename = "customerSocialAccount",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_social_account: ::std::option::Option<
            ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        >,
        ///สถานะของลูกค้า lifecycle state (docs: required). Documented values 1 = Lead, 2 = Prospect, 3 = Customer; the legacy docs use 11100 / 11200 / 11300 for the same three. Open set.
        #[serde(
            rename = "customerState",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_state: ::std::option::Option<i64>,
        ///สถานะการใช้งาน usage status: 0 = active, 1 = ended, 2 = closed (ended/closed require `customerNote`) (docs: required). Open set.
        #[serde(
            rename = "customerStatus",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_status: ::std::option::Option<i64>,
        ///แท็กของลูกค้า tags (docs: optional).
        #[serde(
            rename = "customerTags",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_tags: ::std::option::Option<::std::vec::Vec<::std::string::String>>,
        ///เลขประจำตัวผู้เสียภาษี tax id, 13 digits in Thailand (docs: optional).
        #[serde(
            rename = "customerTaxNo",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_tax_no: ::std::option::Option<::std::string::String>,
        ///ประเภท party type: 1 = Business, 2 = individual (docs: optional). Open set.
        #[serde(
            rename = "customerType",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_type: ::std::option::Option<i64>,
        ///ความสนใจ interests (docs: required).
        #[serde(
            rename = "interestsName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub interests_name: ::std::option::Option<
            ::std::vec::Vec<::std::string::String>,
        >,
        ///สถานะผู้สนใจ lead status: 1 = New, 2 = Followup, 3 = Unqualified, 4 = Interested; defaults by state when not sent (Lead 1, Prospect 2, Customer 3) (docs: required). Open set.
        #[serde(
            rename = "leadStatus",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub lead_status: ::std::option::Option<i64>,
        ///รหัสพนักงานผู้รับผิดชอบ employee codes of the owners (docs: optional).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub owners: ::std::option::Option<::std::vec::Vec<::std::string::String>>,
        ///รหัสพนักงานผู้รับผิดชอบหลัก employee code of the primary owner (docs: optional).
        #[serde(
            rename = "primaryOwner",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub primary_owner: ::std::option::Option<::std::string::String>,
        ///แหล่งที่มาลูกค้า lead source (docs: optional).
        #[serde(
            rename = "sourceName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub source_name: ::std::option::Option<::std::string::String>,
        ///Reason a lead was marked unqualified (Gofive's C# model; the vendor's spelling).
        #[serde(
            rename = "unqulifiedReasonName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub unqulified_reason_name: ::std::option::Option<::std::string::String>,
        ///Note on the unqualified reason (Gofive's C# model; the vendor's spelling).
        #[serde(
            rename = "unqulifiedReasonNote",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub unqulified_reason_note: ::std::option::Option<::std::string::String>,
    }

    ///`{status, data}` envelope of the get-customer-by-code response.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct CustomerEnvelope {
        ///The customer; null or absent on errors (docs: required object).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub data: ::std::option::Option<Customer>,
        pub status: ResponseStatus,
    }

    ///Customer id. This page types it string; the legacy docs type it Long and the customer-event endpoint returns it as a JSON number (`480258`), so both a string and an integer are accepted.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    #[serde(untagged)]
    pub enum CustomerId {
        String(::std::string::String),
        Integer(i64),
    }

    impl ::std::fmt::Display for CustomerId {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match self {
                Self::String(x) => x.fmt(f),
                Self::Integer(x) => x.fmt(f),
            }
        }
    }

    impl ::std::convert::From<i64> for CustomerId {
        fn from(value: i64) -> Self {
            Self::Integer(value)
        }
    }

    ///Body of Create or Update customer (the documented, captured fields; the page's remaining fields were not captured). Absent optional fields are not sent.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct CustomerUpsert {
        ///ที่อยู่ addresses (array of 5-property objects, the read shape).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub addresses: ::std::option::Option<::std::vec::Vec<Address>>,
        ///รหัสสาขา branch code.
        #[serde(
            rename = "branchCode",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub branch_code: ::std::option::Option<::std::string::String>,
        ///งบลูกค้า credit limit, a decimal as string (the page says it is not used in Venio).
        #[serde(
            rename = "creditLimit",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub credit_limit: ::std::option::Option<::std::string::String>,
        ///ชื่อรองลูกค้า second name.
        #[serde(
            rename = "customer2ndName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer2nd_name: ::std::option::Option<::std::string::String>,
        ///รายการนามแฝง aliases.
        #[serde(
            rename = "customerAliases",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_aliases: ::std::option::Option<
            ::std::vec::Vec<::std::string::String>,
        >,
        ///วันเกิด birth date (format not captured; `YYYY-MM-DD` like contact birth dates).
        #[serde(
            rename = "customerBirthdate",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_birthdate: ::std::option::Option<::std::string::String>,
        ///รหัสลูกค้า — absent or null creates a customer; a code updates that customer.
        #[serde(
            rename = "customerCode",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_code: ::std::option::Option<::std::string::String>,
        ///อีเมล email (the docs' only optional string that is not nullable).
        #[serde(
            rename = "customerEmail",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_email: ::std::option::Option<::std::string::String>,
        ///เพศ gender, 1 / 2 per the vendor's C# sample model (labels not published).
        #[serde(
            rename = "customerGender",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_gender: ::std::option::Option<i32>,
        ///รายได้ income, a decimal as string.
        #[serde(
            rename = "customerIncome",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_income: ::std::option::Option<::std::string::String>,
        ///สถานภาพสมรส marital status, 1–6 per the vendor's C# sample model (labels not published).
        #[serde(
            rename = "customerMaritalStatus",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_marital_status: ::std::option::Option<i32>,
        ///เบอร์มือถือ mobile.
        #[serde(
            rename = "customerMobile",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_mobile: ::std::option::Option<::std::string::String>,
        ///ชื่อลูกค้า customer name (required).
        #[serde(rename = "customerName")]
        pub customer_name: ::std::string::String,
        ///เบอร์โทรศัพท์ phone.
        #[serde(
            rename = "customerPhone",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_phone: ::std::option::Option<::std::string::String>,
        ///รูปของลูกค้า picture URL.
        #[serde(
            rename = "customerPicture",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_picture: ::std::option::Option<::std::string::String>,
        ///ตำแหน่ง position of an individual customer.
        #[serde(
            rename = "customerPosition",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_position: ::std::option::Option<::std::string::String>,
        ///สถานะของลูกค้า lifecycle state, 1 = Lead, 2 = Prospect, 3 = Customer (required).
        #[serde(rename = "customerState")]
        pub customer_state: i32,
        ///สถานะการใช้งาน usage status, 0 = active, 1 = ended, 2 = closed.
        #[serde(
            rename = "customerStatus",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_status: ::std::option::Option<i32>,
        ///เลขประจำตัวผู้เสียภาษี tax id.
        #[serde(
            rename = "customerTaxNo",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_tax_no: ::std::option::Option<::std::string::String>,
        ///ประเภท party type, 1 = business, 2 = individual.
        #[serde(
            rename = "customerType",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_type: ::std::option::Option<i32>,
    }

    ///Business status of a response.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct ResponseStatus {
        pub code: BusinessCode,
        ///คำอธิบาย — message to show, e.g. `Success` (docs: required string).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub description: ::std::option::Option<::std::string::String>,
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
/**Client for Gofive Venio CRM OpenAPI — customer subset

Hand-written from the Gofive developer portal (<https://developer.gofive.co.th>, Venio tab): the OAuth2
token endpoint and "Get a Customer By CustomerCode". The portal publishes no version number; `1.0.0`
is ours. The legacy Azure APIM portal (veniocrm.developer.azure-api.net, host
`https://api.veniocrm.com/dev`) was used for field semantics only.

## Authentication
1. Onboarding gives an Azure API Management subscription key plus an OAuth2 `client_id` /
   `client_secret`.
2. `POST /authorization/connect/token` (form-encoded, `grant_type=client_credentials`) with header
   `Ocp-Apim-Subscription-Key` returns a bearer token (`expires_in` seconds, 3600 in the example).
   There is no refresh token: request a new one.
3. Every API call sends `Authorization: Bearer <access_token>` and `Ocp-Apim-Subscription-Key`.
   The portal also marks `Content-Type: application/json` required, even on GETs.
The client crate adds these headers in its `pre` hook, so none of them is declared as a parameter.

## Envelope
API responses (not the token endpoint) are `{"status": {"code", "description"}, "data"}`. Business
code `1000` is success, `4001` one error, `4002` more than one error; other values are endpoint
sub-codes (no list published). A non-`1000` code is an error even under HTTP 200.

## What the docs contradict or leave open (and how this spec handles it)
- `status.code` is documented as a string (`"1000"`) though it reads like a number → `BusinessCode`
  accepts a string or an integer.
- The customer schema lists `contacts` (array of 10-property objects) but the example spells the key
  `contact` (an array); Gofive's published C# model (GofiveCorp/venio-openapi-csharp-sample,
  CustomerModels.cs) has `contact` as a single object for individuals and `contacts` as an array →
  `contacts` is an array, `contact` an object or an array (`ContactOneOrMany`).
- `customFields` is documented as an array of 2-property objects whose property names were not
  captured; the example is `[null]` → items are nullable; the property names are the C# model's
  `customFieldName` / `customFieldValue` (a list of strings).
- `latitude` / `longitude` are strings in the doc example and `double?` in the C# model → both
  (`Coordinate`); `locationType` 1 = billing, 2 = shipping per the C# model.
- `customerId` is typed string on this page, but the legacy docs type the id Long and the current
  customer-event endpoint returns `"customerId": 480258` (a number) → `CustomerId` accepts both.
- The page marks many fields required (`customerPicture`, `customerAliases`, `addresses`,
  `interestsName`, `contacts`, `customFields`, `leadStatus`, ...) and its own example omits
  `contacts` (spelled `contact`), `customerIncome` and `creditLimit` → only
  `status`, `status.code` and `customerId` are required here; everything else is optional and
  nullable, with the docs' claim in each description.
- `customerState` is documented 1/2/3 (Lead/Prospect/Customer) here and 11100/11200/11300 as
  `customerType` in the legacy docs; `customerType` here is 1 Business / 2 individual. Enum-like
  integers are plain integers (values in descriptions) so new codes never fail a fetch.
- Token response: `scope` is marked required but the examples omit it → optional.
- Token URL casing differs (`/authorization/connect/token` current, `/authorization/Connect/Token`
  legacy); the Venio token page body was not captured, the URL comes from the eTaxGo page on the
  same gateway.
- Error bodies (400/401/403) are undocumented; the seed lists "401 User authentication required
  V2" as a second 401. Rate limits and sandbox host are undocumented.


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
    /**Get an access token (OAuth2 client_credentials)

Standard OAuth2 token request. Send header `Ocp-Apim-Subscription-Key` (added by the client hook). Error bodies are undocumented (an IdentityServer-style `{"error": "invalid_client"}` is likely, unconfirmed).

Sends a `POST` request to `/authorization/connect/token`

*/
    pub async fn request_token<'a>(
        &'a self,
        body: &'a crate::auth::TokenRequest,
    ) -> Result<ResponseValue<crate::auth::TokenResponse>, Error<()>> {
        let url = format!("{}/authorization/connect/token", self.baseurl,);
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
            .form_urlencoded(&body)?
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "request_token",
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
            429u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            500u16..=599u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }

    /**Create or Update customer

In the vendor docs (Create or Update customer). Upsert: without `customerCode` a customer is created, with one that customer is updated. `customerName` and `customerState` are required. Answers the `{status, data}` envelope with the customer as Get a Customer By CustomerCode returns it; a validation failure is a non-`1000` `status.code` with a description. Never retried automatically.

Sends a `POST` request to `/v3/customers`

*/
    pub async fn upsert_customer<'a>(
        &'a self,
        body: &'a types::CustomerUpsert,
    ) -> Result<ResponseValue<types::CustomerEnvelope>, Error<()>> {
        let url = format!("{}/v3/customers", self.baseurl,);
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
            operation_id: "upsert_customer",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            400u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            401u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            404u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            429u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            500u16..=599u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }

    /**Get a Customer By CustomerCode

ดึงข้อมูล customer โดยใช้ customercode — the customer with this code, in the `{status, data}` envelope. Requires the bearer token and the subscription key (added by the client hook).

Sends a `GET` request to `/v3/customers/{customerCode}`

Arguments:
- `customer_code`: รหัส customerCode — the customer code, e.g. `C000055`.
*/
    pub async fn get_customer_by_code<'a>(
        &'a self,
        customer_code: &'a str,
    ) -> Result<ResponseValue<types::CustomerEnvelope>, Error<()>> {
        let url = format!(
            "{}/v3/customers/{}", self.baseurl, encode_path(& customer_code.to_string()),
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
            operation_id: "get_customer_by_code",
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
