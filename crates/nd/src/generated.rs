// @generated — do not edit; run `cargo xtask codegen`.
// Source: specs/nd.yaml, generator: progenitor 0.15.1 (settings: xtask/src/codegen.rs).

#[allow(unused_imports)]
pub use progenitor_client::{ByteStream, ClientInfo, Error, ResponseValue};
#[allow(unused_imports)]
use ::crm_runtime::encode_path;
#[allow(unused_imports)]
use progenitor_client::{ClientHooks, OperationInfo, RequestBuilderExt};
/// Types used as operation parameters and responses.
#[allow(clippy::all)]
pub mod types {
    ///Region codes, province → city → district (e.g. `["33","3305","330502"]`). The detail page types the field `string` but shows an array; the list page types it array. Both shapes are accepted; the format of the string form is undocumented.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    #[serde(untagged)]
    pub enum AreaCode {
        String(::std::string::String),
        Array(::std::vec::Vec<::std::string::String>),
    }

    impl ::std::convert::From<::std::vec::Vec<::std::string::String>> for AreaCode {
        fn from(value: ::std::vec::Vec<::std::string::String>) -> Self {
            Self::Array(value)
        }
    }

    ///客户详情 — a customer, as on the detail page. Nullability of every field is undocumented.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct CustomerDetail {
        ///优势行业 strong industry (edit rule: max 32).
        #[serde(
            rename = "advantageousIndustry",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub advantageous_industry: ::std::option::Option<::std::string::String>,
        ///区域 region names, province → city → district.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub area: ::std::option::Option<::std::vec::Vec<::std::string::String>>,
        ///所在区域编码 region codes (typed string, example an array; see AreaCode).
        #[serde(
            rename = "areaCode",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub area_code: ::std::option::Option<AreaCode>,
        ///创建时间 created at, `YYYY-MM-DD HH:MM:SS` without offset (China time, +08:00 assumed).
        #[serde(
            rename = "createdAt",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub created_at: ::std::option::Option<::std::string::String>,
        ///信用状况 credit situation, e.g. 优秀 (edit rule: max 32).
        #[serde(
            rename = "creditSituation",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub credit_situation: ::std::option::Option<::std::string::String>,
        ///客户编号 customer number, e.g. `00001`.
        #[serde(
            rename = "customerNo",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_no: ::std::option::Option<::std::string::String>,
        ///所在部门 department path, outermost first.
        #[serde(
            rename = "departmentPath",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub department_path: ::std::option::Option<
            ::std::vec::Vec<::std::string::String>,
        >,
        ///客户描述 description (edit rule: max 255).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub description: ::std::option::Option<::std::string::String>,
        ///关注者 followers with names.
        #[serde(
            rename = "followerNames",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub follower_names: ::std::option::Option<::std::vec::Vec<Follower>>,
        ///关注者 follower user ids.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub followers: ::std::option::Option<::std::vec::Vec<i64>>,
        ///来源 source — `channel` or `customer` (labels undocumented). Open set.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub from: ::std::option::Option<::std::string::String>,
        ///客户ID customer id (example `id`; other pages validate ids as 24 characters).
        pub id: ::std::string::String,
        ///行业ID industry id — snake_case on the detail page (the list says `industryId`).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub industry_id: ::std::option::Option<i64>,
        ///行业 industry path, outermost first, e.g. 政府 / 司法 / 监狱.
        #[serde(
            rename = "industryPath",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub industry_path: ::std::option::Option<::std::vec::Vec<::std::string::String>>,
        ///客户级别 customer level, e.g. 战略级.
        #[serde(
            rename = "levelName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub level_name: ::std::option::Option<::std::string::String>,
        ///负责人ID owner user id.
        #[serde(
            rename = "managerId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub manager_id: ::std::option::Option<i64>,
        ///负责人 owner name.
        #[serde(
            rename = "managerName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub manager_name: ::std::option::Option<::std::string::String>,
        ///客户名称 customer name (edit rule: required, max 64).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<::std::string::String>,
        ///未收款额 outstanding receivables (documented string, e.g. `"23.00"`).
        #[serde(
            rename = "outstandingReceivables",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub outstanding_receivables: ::std::option::Option<Money>,
        ///合作关系 partnership — intimacy, recognized, loose, breakthrough, communicating, target (labels undocumented). Open set.
        #[serde(
            rename = "partnerRelationship",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub partner_relationship: ::std::option::Option<::std::string::String>,
        ///排名 rank.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub rank: ::std::option::Option<i64>,
        ///累计质保金 accumulated retention money (documented string, e.g. `"434.99"`).
        #[serde(
            rename = "retentionMoney",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub retention_money: ::std::option::Option<Money>,
        ///总成交额 total turnover (documented float).
        #[serde(
            rename = "totalTurnover",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub total_turnover: ::std::option::Option<Money>,
        ///签单数 number of signed deals.
        #[serde(
            rename = "transactionNumber",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub transaction_number: ::std::option::Option<i64>,
        ///客户类型 CustomerType — CLIENT 正式客户, TARGET_CUSTOMER 目标客户, PROSPECT 沟通客户. Open set (no enum, so a new type never fails a fetch).
        #[serde(rename = "type", skip_serializing_if = "::std::option::Option::is_none")]
        pub type_: ::std::option::Option<::std::string::String>,
    }

    ///`{code, message, data}` envelope around a customer detail (assumed; see CustomerDetailResponse).
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct CustomerDetailEnvelope {
        ///0 = success, non-zero = error (no code list published).
        pub code: i64,
        ///The customer; null or absent on errors.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub data: ::std::option::Option<CustomerDetail>,
        ///`success`, or the error message.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub message: ::std::option::Option<::std::string::String>,
    }

    ///The detail response in either shape: the `{code, message, data}` envelope (tried first) or the bare payload the docs show. Whether reads are wrapped is undocumented, so both are accepted.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    #[serde(untagged)]
    pub enum CustomerDetailResponse {
        Enveloped(CustomerDetailEnvelope),
        Bare(CustomerDetail),
    }

    impl ::std::convert::From<CustomerDetailEnvelope> for CustomerDetailResponse {
        fn from(value: CustomerDetailEnvelope) -> Self {
            Self::Enveloped(value)
        }
    }

    impl ::std::convert::From<CustomerDetail> for CustomerDetailResponse {
        fn from(value: CustomerDetail) -> Self {
            Self::Bare(value)
        }
    }

    ///A customer row of the list page. Nullability of every field is undocumented.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct CustomerListItem {
        ///地址 address (the docs' comment says 地质, a typo).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub address: ::std::option::Option<::std::string::String>,
        ///优势行业 strong industry.
        #[serde(
            rename = "advantageousIndustry",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub advantageous_industry: ::std::option::Option<::std::string::String>,
        ///区域 region names.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub area: ::std::option::Option<::std::vec::Vec<::std::string::String>>,
        ///区域编码 region codes (typed array here; see AreaCode).
        #[serde(
            rename = "areaCode",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub area_code: ::std::option::Option<AreaCode>,
        ///创建时间 created at, `YYYY-MM-DD HH:MM:SS` (+08:00 assumed).
        #[serde(
            rename = "createdAt",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub created_at: ::std::option::Option<::std::string::String>,
        ///信用状况 credit situation.
        #[serde(
            rename = "creditSituation",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub credit_situation: ::std::option::Option<::std::string::String>,
        ///客户编号 customer number.
        #[serde(
            rename = "customerNo",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_no: ::std::option::Option<::std::string::String>,
        ///部门ID department id.
        #[serde(
            rename = "departmentId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub department_id: ::std::option::Option<i64>,
        ///所在部门 department path.
        #[serde(
            rename = "departmentPath",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub department_path: ::std::option::Option<
            ::std::vec::Vec<::std::string::String>,
        >,
        ///客户描述 description.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub description: ::std::option::Option<::std::string::String>,
        ///关注者 follower user ids.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub followers: ::std::option::Option<::std::vec::Vec<i64>>,
        ///来源 source — channel, customer. Open set.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub from: ::std::option::Option<::std::string::String>,
        ///id, e.g. `1`.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<::std::string::String>,
        ///行业ID industry id — camelCase on the list page (the detail says `industry_id`).
        #[serde(
            rename = "industryId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub industry_id: ::std::option::Option<i64>,
        ///行业 industry path, outermost first.
        #[serde(
            rename = "industryPath",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub industry_path: ::std::option::Option<::std::vec::Vec<::std::string::String>>,
        ///是否置顶 pinned.
        #[serde(
            rename = "isPinned",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub is_pinned: ::std::option::Option<bool>,
        ///级别ID level id.
        #[serde(
            rename = "levelId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub level_id: ::std::option::Option<i64>,
        ///客户级别 level name.
        #[serde(
            rename = "levelName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub level_name: ::std::option::Option<::std::string::String>,
        ///负责人ID owner user id.
        #[serde(
            rename = "managerId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub manager_id: ::std::option::Option<i64>,
        ///负责人 owner name.
        #[serde(
            rename = "managerName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub manager_name: ::std::option::Option<::std::string::String>,
        ///客户名称 name.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<::std::string::String>,
        ///合作关系 partnership (intimacy, recognized, loose, breakthrough, communicating, target). Open set.
        #[serde(
            rename = "partnerRelationship",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub partner_relationship: ::std::option::Option<::std::string::String>,
        ///项目数 number of projects.
        #[serde(
            rename = "projectNumber",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub project_number: ::std::option::Option<i64>,
        ///排名 rank.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub rank: ::std::option::Option<i64>,
        ///总成交额 total turnover (documented float).
        #[serde(
            rename = "totalTurnover",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub total_turnover: ::std::option::Option<Money>,
        ///客户类型 CustomerType — CLIENT, TARGET_CUSTOMER, PROSPECT. Open set.
        #[serde(rename = "type", skip_serializing_if = "::std::option::Option::is_none")]
        pub type_: ::std::option::Option<::std::string::String>,
    }

    ///One page of customers. Undocumented wrapper (the docs list only item fields): `items` is required so that a differently shaped response fails loudly instead of looking like an empty last page.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct CustomerPage {
        ///The customers on this page.
        pub items: ::std::vec::Vec<CustomerListItem>,
        ///This page's number (assumed).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub page: ::std::option::Option<i64>,
        ///Page size (assumed).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub page_size: ::std::option::Option<i64>,
        ///Total number of matching customers (assumed).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub total: ::std::option::Option<i64>,
    }

    ///`{code, message, data}` envelope of the list response (assumed; undocumented).
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct CustomerPageEnvelope {
        ///0 = success, non-zero = error.
        pub code: i64,
        ///The page; null or absent on errors.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub data: ::std::option::Option<CustomerPage>,
        ///`success`, or the error message.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub message: ::std::option::Option<::std::string::String>,
    }

    ///Body of `PUT /api/customers/`. `id` names the customer (see the operation); `name` is the one field the docs say must not be empty. Other fields are optional; absent fields are not sent.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct CustomerUpdate {
        ///地址 address (rule: max 255).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub address: ::std::option::Option<CustomerUpdateAddress>,
        ///优势行业 (rule: string, max 32, but its message says 255 — ambiguous, so no `maxLength` here).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub advantageous_industry: ::std::option::Option<::std::string::String>,
        ///地区编码 region codes; the docs give no rule (only the message 地区不存在), so both read shapes are accepted.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub area_code: ::std::option::Option<AreaCode>,
        ///信用情况 (rule: string, max 32, but its message says 255 — ambiguous, so no `maxLength` here).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub credit_situation: ::std::option::Option<::std::string::String>,
        ///部门ID department id (rule: integer, min 0 → 部门不存在).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub department_id: ::std::option::Option<i64>,
        ///描述 description (rule: max 255).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub description: ::std::option::Option<CustomerUpdateDescription>,
        ///关注者 follower user ids (rule: array).
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub followers: ::std::vec::Vec<i64>,
        ///来源 source (rule: string, in the listed values).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub from: ::std::option::Option<::std::string::String>,
        ///客户ID customer id (in the body; the documented path has no placeholder).
        pub id: ::std::string::String,
        ///行业ID industry id (rule: integer, min 0 → 行业不存在).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub industry_id: ::std::option::Option<i64>,
        ///级别ID level id (rule: integer, min 0 → 级别不存在).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub level_id: ::std::option::Option<i64>,
        ///负责人ID owner id (rule: integer, min 0 → 负责人不存在).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub manager_id: ::std::option::Option<i64>,
        ///名称 name (rule: required, max 64 characters).
        pub name: CustomerUpdateName,
        ///合作关系 partnership (rule: in the listed values).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub partner_relationship: ::std::option::Option<::std::string::String>,
        ///客户类型 customer type (rule: string, in the listed values).
        #[serde(rename = "type", skip_serializing_if = "::std::option::Option::is_none")]
        pub type_: ::std::option::Option<::std::string::String>,
    }

    ///地址 address (rule: max 255).
    #[derive(::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
    #[serde(transparent)]
    pub struct CustomerUpdateAddress(::std::string::String);
    impl ::std::ops::Deref for CustomerUpdateAddress {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }

    impl ::std::convert::From<CustomerUpdateAddress> for ::std::string::String {
        fn from(value: CustomerUpdateAddress) -> Self {
            value.0
        }
    }

    impl ::std::str::FromStr for CustomerUpdateAddress {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 255usize {
                return Err("longer than 255 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }

    impl ::std::convert::TryFrom<&str> for CustomerUpdateAddress {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }

    impl ::std::convert::TryFrom<::std::string::String> for CustomerUpdateAddress {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }

    impl<'de> ::serde::Deserialize<'de> for CustomerUpdateAddress {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }

    ///描述 description (rule: max 255).
    #[derive(::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
    #[serde(transparent)]
    pub struct CustomerUpdateDescription(::std::string::String);
    impl ::std::ops::Deref for CustomerUpdateDescription {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }

    impl ::std::convert::From<CustomerUpdateDescription> for ::std::string::String {
        fn from(value: CustomerUpdateDescription) -> Self {
            value.0
        }
    }

    impl ::std::str::FromStr for CustomerUpdateDescription {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 255usize {
                return Err("longer than 255 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }

    impl ::std::convert::TryFrom<&str> for CustomerUpdateDescription {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }

    impl ::std::convert::TryFrom<::std::string::String> for CustomerUpdateDescription {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }

    impl<'de> ::serde::Deserialize<'de> for CustomerUpdateDescription {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }

    ///名称 name (rule: required, max 64 characters).
    #[derive(::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
    #[serde(transparent)]
    pub struct CustomerUpdateName(::std::string::String);
    impl ::std::ops::Deref for CustomerUpdateName {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }

    impl ::std::convert::From<CustomerUpdateName> for ::std::string::String {
        fn from(value: CustomerUpdateName) -> Self {
            value.0
        }
    }

    impl ::std::str::FromStr for CustomerUpdateName {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 64usize {
                return Err("longer than 64 characters".into());
            }
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }

    impl ::std::convert::TryFrom<&str> for CustomerUpdateName {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }

    impl ::std::convert::TryFrom<::std::string::String> for CustomerUpdateName {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }

    impl<'de> ::serde::Deserialize<'de> for CustomerUpdateName {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }

    ///The answer of `PUT /api/customers/`: the documented `{code, message}` (tried first; it may also carry the customer as `data`), or a bare customer payload in the detail's shape. The docs show only `{"code": 0, "message": "success"}`.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    #[serde(untagged)]
    pub enum CustomerUpdateResponse {
        Documented(CustomerUpdateResult),
        Record(CustomerDetail),
    }

    impl ::std::convert::From<CustomerUpdateResult> for CustomerUpdateResponse {
        fn from(value: CustomerUpdateResult) -> Self {
            Self::Documented(value)
        }
    }

    impl ::std::convert::From<CustomerDetail> for CustomerUpdateResponse {
        fn from(value: CustomerDetail) -> Self {
            Self::Record(value)
        }
    }

    ///`{code, message}`, the documented answer of every write endpoint (`data` is not documented).
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct CustomerUpdateResult {
        ///0 = success, non-zero = error (no code list published).
        pub code: i64,
        ///Not documented. The updated customer when a server adds it (used when it has the detail's shape); anything else — Laravel's empty `[]`, `{}`, `null` — is ignored: the documented `code` decides, and the customer is read back.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub data: ::std::option::Option<::serde_json::Value>,
        ///`success`, or the error message.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub message: ::std::option::Option<::std::string::String>,
    }

    ///`{code, message}` error body (Laravel). Error responses declare no body schema (progenitor allows one error type per operation, and a typed error body would turn a non-JSON error page into a decode error instead of a status error); this type documents the shape for callers reading the raw body.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct ErrorBody {
        ///Error code (no list published).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub code: ::std::option::Option<i64>,
        ///Error message, usually Chinese (Laravel validation messages).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub message: ::std::option::Option<::std::string::String>,
    }

    ///A follower (关注者) of the customer.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct Follower {
        ///用户编号 user id.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<i64>,
        ///姓名 name.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<::std::string::String>,
    }

    ///An amount. The docs type `totalTurnover` float (`2324.32`) but `outstandingReceivables` / `retentionMoney` string (`"23.00"`); every money field accepts a JSON number or a decimal string.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    #[serde(untagged)]
    pub enum Money {
        Number(f64),
        String(::std::string::String),
    }

    impl ::std::fmt::Display for Money {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match self {
                Self::Number(x) => x.fmt(f),
                Self::String(x) => x.fmt(f),
            }
        }
    }

    impl ::std::convert::From<f64> for Money {
        fn from(value: f64) -> Self {
            Self::Number(value)
        }
    }

    ///Customer list query (validation rules from the docs in each description).
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct PaginateRequest {
        ///查询条件 filter conditions; the element shape is undocumented.
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub conditions: ::std::vec::Vec<::serde_json::Value>,
        ///页码 page number, 1-based (rule: integer, min 1, max 100 → error 页码不正确). Optional: the rule has no `required`.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub page: ::std::option::Option<::std::num::NonZeroU64>,
        ///每页数量 page size (rule: integer, min 5, max 1000 → error 每页数量不正确). Optional: the rule has no `required`.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub page_size: ::std::option::Option<i64>,
        ///排序字段 sort fields; the element shape is undocumented.
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub sorts: ::std::vec::Vec<::serde_json::Value>,
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
/**Client for nd CRM API — customer subset

Hand-written from the generated docs at <https://docs.api.nd.testing.icu> (section Customers →
Customer: 获取客户详情 customer detail, 获取客户列表 customer list). The vendor and product are not named
anywhere in the docs; no version is published, `1.0.0` is ours.

## Base URL and authentication
Neither is documented. Paths start with `/api/`; the API host is not stated (`api.nd.testing.icu` is
a guess and only a placeholder below), so clients must be given a base URL. No page lists auth
headers; the client crate sends a configurable bearer token (see the `bearer` security scheme).

## Envelope
Write endpoints document `{"code": 0, "message": "success"}` (`code` 0 = success). The read
endpoints document only their payload fields; whether reads are wrapped as `{code, message, data}`
is undocumented. So the detail response accepts both the wrapped and the bare payload, and the list
response assumes `{code, message, data: {items, total, page, page_size}}` — that wrapper is a guess
to verify against a live response. Non-zero codes and HTTP status usage are undocumented.

## What the docs contradict or leave open (and how this spec handles it)
- `areaCode` is typed `string` on the detail page but its example is an array
  (`["33","3305","330502"]`), and typed array on the list page → `AreaCode` accepts both.
- Money: `totalTurnover` is typed float, `outstandingReceivables` and `retentionMoney` string
  (`"23.00"`) → `Money` accepts a number or a decimal string for all three.
- The detail's `departmentPath` example uses curly quotes (`[”亚服“, "服务站", "浙江站"]`, invalid
  JSON); the embedded example is corrected.
- The detail has `industry_id` (snake_case) where the list has `industryId`; all other keys are
  camelCase. Both are declared as documented.
- `type` is the enum CustomerType (CLIENT 正式客户, TARGET_CUSTOMER 目标客户, PROSPECT 沟通客户) but the
  example column shows the literal `CustomerType`; modelled as an open string.
- Ids: examples show `"id"`, `"1"`; validation rules elsewhere say 24-character ids (`size:24`).
  Modelled as string.
- `createdAt` is `YYYY-MM-DD HH:MM:SS` without offset (+08:00 assumed); kept a plain string.
- Nullability and requiredness of response fields are undocumented; only `CustomerDetail.id` and
  the envelopes' `code` (and the page's `items`) are required here.
- The list request's `page` is capped at 100 (so at most 100 × `page_size` records are reachable);
  the element shapes of `conditions` and `sorts` are undocumented.


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
    /**获取客户详情 — customer detail

Sends a `GET` request to `/api/customers/{id}/detail`

Arguments:
- `id`: 客户ID — customer id.
*/
    pub async fn get_customer_detail<'a>(
        &'a self,
        id: &'a str,
    ) -> Result<ResponseValue<types::CustomerDetailResponse>, Error<()>> {
        let url = format!(
            "{}/api/customers/{}/detail", self.baseurl, encode_path(& id.to_string()),
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
            operation_id: "get_customer_detail",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            401u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            403u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            404u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            429u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            500u16..=599u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }

    /**编辑客户信息 — edit a customer

The documented path is `/api/customers/` with no id placeholder and the docs do not say how the target is named. Decision: the id travels in the JSON body as `id` (Laravel edit forms carry the key in the request body, and the path as documented leaves no other place; a guessed `/api/customers/{id}` would be an undocumented path). The client requires it. Validation rules are the docs' Laravel rules; `max:N` becomes `maxLength` and `in:` lists become `x-extensible-enum` where the docs are unambiguous. Answers what the edit page documents, `{"code": 0, "message": "success"}` (code 0 = success), with no record: read the customer back with the detail call to see the result. An answer that also carries the customer (as `data`, or the bare detail payload) is accepted too. Never retried automatically.

Sends a `PUT` request to `/api/customers/`

*/
    pub async fn update_customer<'a>(
        &'a self,
        body: &'a types::CustomerUpdate,
    ) -> Result<ResponseValue<types::CustomerUpdateResponse>, Error<()>> {
        let url = format!("{}/api/customers/", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
        header_map
            .append(
                ::reqwest::header::HeaderName::from_static("api-version"),
                ::reqwest::header::HeaderValue::from_static(Self::api_version()),
            );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .put(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "update_customer",
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
            422u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            429u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            500u16..=599u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }

    /**获取客户列表 — customer list (page-number pagination)

Sends a `POST` request to `/api/customers/paginate`

Arguments:
- `body`: JSON assumed (the content type is undocumented; request keys are snake_case).
*/
    pub async fn paginate_customers<'a>(
        &'a self,
        body: &'a types::PaginateRequest,
    ) -> Result<ResponseValue<types::CustomerPageEnvelope>, Error<()>> {
        let url = format!("{}/api/customers/paginate", self.baseurl,);
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
            operation_id: "paginate_customers",
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
            422u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
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
