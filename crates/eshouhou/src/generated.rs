// @generated — do not edit; run `cargo xtask codegen`.
// Source: specs/eshouhou.yaml, generator: progenitor 0.15.1 (settings: xtask/src/codegen.rs).

#[allow(unused_imports)]
pub use progenitor_client::{ByteStream, ClientInfo, Error, ResponseValue};
#[allow(unused_imports)]
use ::crm_runtime::encode_path;
#[allow(unused_imports)]
use progenitor_client::{ClientHooks, OperationInfo, RequestBuilderExt};
/// Types used as operation parameters and responses.
#[allow(clippy::all)]
pub mod types {
    ///Envelope of the GetCustomerContacts response.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct ContactsEnvelope {
        ///返回信息 — message, empty on success.
        #[serde(
            rename = "ErrorMsg",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub error_msg: ::std::option::Option<::std::string::String>,
        #[serde(rename = "ResultCode")]
        pub result_code: ResultCode,
        ///返回对象集合 — the page's contacts; null or absent on errors.
        #[serde(
            rename = "ResultValue",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub result_value: ::std::option::Option<::std::vec::Vec<CustomerContact>>,
    }

    ///客户联系人 — a contact person of a customer.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct CustomerContact {
        ///详细地址 detailed address.
        #[serde(
            rename = "Address",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub address: ::std::option::Option<::std::string::String>,
        ///所属区域 region, `省-市-区` joined with `-`.
        #[serde(rename = "Area", skip_serializing_if = "::std::option::Option::is_none")]
        pub area: ::std::option::Option<::std::string::String>,
        ///国家 country.
        #[serde(
            rename = "Country",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub country: ::std::option::Option<::std::string::String>,
        ///客户ID customer id.
        #[serde(
            rename = "CustomerID",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_id: ::std::option::Option<::std::string::String>,
        ///客户名称 customer name.
        #[serde(
            rename = "CustomerName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customer_name: ::std::option::Option<::std::string::String>,
        ///区号 dialling / area code.
        #[serde(rename = "Dial", skip_serializing_if = "::std::option::Option::is_none")]
        pub dial: ::std::option::Option<::std::string::String>,
        ///性别 gender — values not listed on this page; elsewhere 0 unknown, 1 male, 2 female.
        #[serde(
            rename = "Gender",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub gender: ::std::option::Option<i64>,
        ///Contact id (the docs label it 设备id "device id", a copy-paste error).
        #[serde(rename = "ID", skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<::std::string::String>,
        ///是否是主联系人 whether this is the customer's primary contact.
        #[serde(
            rename = "IsMain",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub is_main: ::std::option::Option<bool>,
        ///纬度 latitude (docs: decimal).
        #[serde(
            rename = "Latitude",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub latitude: ::std::option::Option<f64>,
        ///经度 longitude (docs: decimal; the device-archive API sends coordinates as strings).
        #[serde(
            rename = "Longitude",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub longitude: ::std::option::Option<f64>,
        ///邮箱 email.
        #[serde(rename = "Mail", skip_serializing_if = "::std::option::Option::is_none")]
        pub mail: ::std::option::Option<::std::string::String>,
        ///姓名 contact name.
        #[serde(rename = "Name", skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<::std::string::String>,
        ///QQ number.
        #[serde(rename = "QQ", skip_serializing_if = "::std::option::Option::is_none")]
        pub qq: ::std::option::Option<::std::string::String>,
        ///备注 remark.
        #[serde(
            rename = "Remark",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub remark: ::std::option::Option<::std::string::String>,
        ///联系电话 phone.
        #[serde(
            rename = "Telephone",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub telephone: ::std::option::Option<::std::string::String>,
        ///职位 job title.
        #[serde(
            rename = "Title",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub title: ::std::option::Option<::std::string::String>,
        ///微信号 WeChat id.
        #[serde(
            rename = "WeChat",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub we_chat: ::std::option::Option<::std::string::String>,
    }

    ///Envelope of the GetCustomer response.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct CustomerEnvelope {
        ///返回信息 — message, empty on success.
        #[serde(
            rename = "ErrorMsg",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub error_msg: ::std::option::Option<::std::string::String>,
        #[serde(rename = "ResultCode")]
        pub result_code: ResultCode,
        ///返回对象集合 — display rows of the customer archive; null or absent on errors.
        #[serde(
            rename = "ResultValue",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub result_value: ::std::option::Option<::std::vec::Vec<DisplayRow>>,
    }

    ///One labelled row of the customer archive.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct DisplayRow {
        ///名称 — the Chinese label, e.g. 客户编号 (tenant custom fields use their own labels).
        #[serde(rename = "Key")]
        pub key: ::std::string::String,
        ///How to render the row (see ShowType).
        #[serde(
            rename = "ShowType",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub show_type: ::std::option::Option<ShowType>,
        ///值 — the value as text; an empty string or null means absent. Documented as String, but this vendor sends numbers for other fields it documents as String (ResultCode, ShowType, expires_in), so a number or boolean is accepted too and kept as its JSON text (`format: lenient-text`, see xtask/src/codegen.rs).
        #[serde(
            rename = "Value",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub value: ::std::option::Option<::crm_runtime::LenientText>,
    }

    ///An integer the docs type as String; examples send a JSON number. Both are accepted.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    #[serde(untagged)]
    pub enum FlexibleInteger {
        Integer(i64),
        String(::std::string::String),
    }

    impl ::std::fmt::Display for FlexibleInteger {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match self {
                Self::Integer(x) => x.fmt(f),
                Self::String(x) => x.fmt(f),
            }
        }
    }

    impl ::std::convert::From<i64> for FlexibleInteger {
        fn from(value: i64) -> Self {
            Self::Integer(value)
        }
    }

    ///返回编码 — 0 = success, anything else an error (no code list is published). Documented as String, but every example sends the number `0`; both are accepted.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    #[serde(untagged)]
    pub enum ResultCode {
        Integer(i64),
        String(::std::string::String),
    }

    impl ::std::fmt::Display for ResultCode {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match self {
                Self::Integer(x) => x.fmt(f),
                Self::String(x) => x.fmt(f),
            }
        }
    }

    impl ::std::convert::From<i64> for ResultCode {
        fn from(value: i64) -> Self {
            Self::Integer(value)
        }
    }

    ///展示类型 — 0 纯展示 plain text, 1 回单图片 receipt image, 2 服务项目 service items, 3 使用备件 spare parts used, 4 回收备件 spare parts recycled, 5 客户签名 customer signature, 6 客户标签 customer tags (`Value` joined with `、`). Open set. Documented as string, the examples send numbers; both are accepted.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    #[serde(untagged)]
    pub enum ShowType {
        Integer(i64),
        String(::std::string::String),
    }

    impl ::std::fmt::Display for ShowType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match self {
                Self::Integer(x) => x.fmt(f),
                Self::String(x) => x.fmt(f),
            }
        }
    }

    impl ::std::convert::From<i64> for ShowType {
        fn from(value: i64) -> Self {
            Self::Integer(value)
        }
    }

    ///Envelope of the token response.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct TokenEnvelope {
        ///返回信息 — message, empty on success.
        #[serde(
            rename = "ErrorMsg",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub error_msg: ::std::option::Option<::std::string::String>,
        #[serde(rename = "ResultCode")]
        pub result_code: ResultCode,
        ///The token; null or absent on errors.
        #[serde(
            rename = "ResultValue",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub result_value: ::std::option::Option<crate::auth::TokenValue>,
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
/**Client for eshouhou 易售后 Open API — customer subset

Hand-written from the 易售后 open platform docs (`http://www.eshouhou.cn/support/openapi/{N}`; mirror
`http://shouhou.teris-tech.com/support/openapi/{N}`), doc footer version V3.1.2, developer
可为天下(北京)科技有限公司. Covers the token API (page 4), 获取客户档案详情 GetCustomer (page 121) and
获取客户联系人列表 GetCustomerContacts (page 142).

## Authentication
1. `appid` and `appSecret` come from the 易售后 admin: 系统设置 → 我的应用.
2. `GET /api/TokenApi?appid=…&timestamp=…&sign=…[&expire=…]` where `timestamp` is Unix time in
   milliseconds and `sign = MD5(appid + appSecret + timestamp)` (plain concatenation, uppercase hex).
   Docs test vector: appid `ysh54dd4f8arinfx`, appSecret `45e1cc23a7144a28ab110804491e3135`,
   timestamp `1588239113429` → sign `70DC53194F29171C3B58C5158E9F6450` (reproduces). `expire` is the
   lifetime in hours (0–24, default 2); the response's `expires_in` is in seconds.
3. Every other call sends `access_token=<token>` as a query parameter (no header auth). The client
   crate appends it in its `pre` hook, so it is not declared as a parameter.

## Envelope
Every response is `{"ResultCode", "ErrorMsg", "ResultValue"}`; `ResultCode` 0 is success. Non-zero
codes, HTTP status usage and rate limits are undocumented.

## What the docs contradict or leave open (and how this spec handles it)
- `ResultCode`, `ShowType` and the token's `expires_in` are documented as String but every example
  sends a JSON number → each accepts an integer or a string (`ResultCode`, `ShowType`,
  `FlexibleInteger`).
- GetCustomer returns display rows `{ShowType, Key, Value}` labelled in Chinese, not a typed record;
  labels may be tenant-specific (custom form fields appear as extra rows). `ShowType` reuses the
  work-order vocabulary (receipt image, spare parts, signature, ...).
- Request examples are sloppy: the token example has stray spaces and omits `expire`; the mirror's
  token success example lacks a colon (`"ResultCode"0,`); the GetCustomer example omits
  `access_token`; the GetCustomerContacts example passes an undocumented `productId`, a truncated
  token, and its success example starts with `{ {` and is cut off (not embedded).
- GetCustomerContacts: `ID` is labelled 设备id (device id, copy-paste); `pageIndex`/`pageSize` are
  typed String (modelled as integers: the query text is identical); whether `pageIndex` is 0- or
  1-based is undocumented and there is no total count.
- Required columns (必填) are blank everywhere; only `customerId` (GetCustomer) and the token inputs
  are treated as required. Response fields: only `ResultCode` and `DisplayRow.Key` (and the token's
  `access_token`) are required, everything else optional and nullable.


Version: 3.1.2*/
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
        "3.1.2"
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
    /**获取访问access_token编码 — get an access token

Sends a `GET` request to `/api/TokenApi`

Arguments:
- `appid`: App id from 系统设置 → 我的应用.
- `expire`: Token lifetime in hours, 0–24; default 2.
- `sign`: Uppercase hex MD5 of `appid + appSecret + timestamp` (no separators). Whether lowercase hex is accepted is undocumented.
- `timestamp`: Unix time in milliseconds, as decimal text (e.g. 2020-04-30 17:20:56 → `1588238456425`).
*/
    pub async fn get_token<'a>(
        &'a self,
        appid: &'a str,
        expire: Option<i64>,
        sign: &'a str,
        timestamp: &'a str,
    ) -> Result<ResponseValue<types::TokenEnvelope>, Error<()>> {
        let url = format!("{}/api/TokenApi", self.baseurl,);
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
            .query(&progenitor_client::QueryParam::new("appid", &appid))
            .query(&progenitor_client::QueryParam::new("expire", &expire))
            .query(&progenitor_client::QueryParam::new("sign", &sign))
            .query(&progenitor_client::QueryParam::new("timestamp", &timestamp))
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "get_token",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            500u16..=599u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }

    /**获取客户档案详情 — customer archive detail (display rows)

Returns the customer as a list of display rows `{ShowType, Key, Value}` keyed by Chinese labels (客户编号, 客户名称, 联系人, 联系电话, 邮箱, 固定电话, 统一社会信用码, 住所, 发票抬头, 开户行, 银行账户, 备注, 国家/地区, 所属区域, 详细地址, 默认服务网点, 维护人员, 客户标签, 客户来源, 客户等级, 发票类型, 创建时间, 最近服务日期, plus the tenant's custom form fields). Requires `access_token` (added by the client hook).

Sends a `GET` request to `/open/v2/Customer/GetCustomer`

Arguments:
- `customer_id`: 客户档案id — customer archive id (a GUID in the example).
- `service_network_id`: 服务网点id — service network (outlet) id, a GUID.
- `service_network_type`: 网点类型 — 1 = 总部 headquarters, 2 = 网点 service network; default 1.
*/
    pub async fn get_customer<'a>(
        &'a self,
        customer_id: &'a str,
        service_network_id: Option<&'a str>,
        service_network_type: Option<i64>,
    ) -> Result<ResponseValue<types::CustomerEnvelope>, Error<()>> {
        let url = format!("{}/open/v2/Customer/GetCustomer", self.baseurl,);
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
            .query(&progenitor_client::QueryParam::new("customerId", &customer_id))
            .query(
                &progenitor_client::QueryParam::new(
                    "serviceNetworkId",
                    &service_network_id,
                ),
            )
            .query(
                &progenitor_client::QueryParam::new(
                    "serviceNetworkType",
                    &service_network_type,
                ),
            )
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "get_customer",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            429u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            500u16..=599u16 => Err(Error::ErrorResponse(ResponseValue::empty(response))),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }

    /**获取客户联系人列表 — customer contacts (paged)

Contacts across customers, filtered by `condition` / `searchKey`, paged by `pageIndex` / `pageSize`. No total count is returned: stop when a page has fewer than `pageSize` items. There is no documented customer-id parameter (filter by `sys_customername` instead). Requires `access_token` (added by the client hook).

Sends a `GET` request to `/open/v2/Customer/GetCustomerContacts`

Arguments:
- `condition`: 条件 — filter as JSON text (URL-encoded by the client), keys case-sensitive: `sys_customername` customer name, `sys_name` contact name, `sys_telephone` phone, `sys_title` job title, `sys_startdate` / `sys_enddate` created-date range. Example: `{"sys_customername":"","sys_name":"","sys_telephone":"","sys_title":"","sys_startdate":"","sys_enddate":""}`.
- `page_index`: 页码 — page number (documented as String; 0- or 1-based is undocumented).
- `page_size`: 每页记录数 — page size (documented as String; the query text is the same).
- `search_key`: 关键字 — keyword.
- `service_network_id`: 服务网点id — service network id.
- `service_network_type`: 网点类型 — 1 = 总部 headquarters, 2 = 网点 service network; default 1.
- `service_space_id`: 服务空间id — service space (tenant) id.
*/
    pub async fn get_customer_contacts<'a>(
        &'a self,
        condition: Option<&'a str>,
        page_index: Option<i64>,
        page_size: Option<i64>,
        search_key: Option<&'a str>,
        service_network_id: Option<&'a str>,
        service_network_type: Option<i64>,
        service_space_id: Option<&'a str>,
    ) -> Result<ResponseValue<types::ContactsEnvelope>, Error<()>> {
        let url = format!("{}/open/v2/Customer/GetCustomerContacts", self.baseurl,);
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
            .query(&progenitor_client::QueryParam::new("condition", &condition))
            .query(&progenitor_client::QueryParam::new("pageIndex", &page_index))
            .query(&progenitor_client::QueryParam::new("pageSize", &page_size))
            .query(&progenitor_client::QueryParam::new("searchKey", &search_key))
            .query(
                &progenitor_client::QueryParam::new(
                    "serviceNetworkId",
                    &service_network_id,
                ),
            )
            .query(
                &progenitor_client::QueryParam::new(
                    "serviceNetworkType",
                    &service_network_type,
                ),
            )
            .query(
                &progenitor_client::QueryParam::new("serviceSpaceId", &service_space_id),
            )
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "get_customer_contacts",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
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
