//! The one provider registry: the [`Provider`] enum and every fact about each provider
//! ([`Facts`]): names, environment variables (with their secret flag), default base URL, auth,
//! documented rate limit, the customer operation, and what it documents (list, update, create,
//! with the text answered when it does not).
//!
//! Everything that names providers derives from here: the CLI's help, `providers`, secret
//! redaction and messages; drift's operation choice; xtask's provider lists; the sandbox's
//! banner; each client's `INFO`. Code that must handle every provider matches on [`Provider`]
//! exhaustively (inside this workspace), so a new provider is a compile error until each place
//! handles it. Adding a provider: one line in the `registry!` list and its [`Facts`] constant
//! (both in this file), then follow the compiler.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// The providers, each listed ONCE: `Variant => field: FACTS`. This list generates the
/// [`Provider`] enum, [`Provider::ALL`], [`Provider::COUNT`], [`Provider::facts`] and the fields
/// of [`ByProvider`]. Adding a provider is one line here and its [`Facts`] constant below; every
/// exhaustive use (a `ByProvider` literal, a match inside this crate) then fails to compile until
/// it says what the new provider gets.
macro_rules! registry {
    ($( $(#[$doc:meta])* $variant:ident => $field:ident: $facts:ident ),+ $(,)?) => {
        /// A CRM provider.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
        #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
        #[cfg_attr(feature = "schemars", schemars(rename_all = "lowercase"))]
        #[non_exhaustive]
        pub enum Provider {
            $( $(#[$doc])* $variant, )+
        }

        impl Provider {
            /// How many providers there are.
            pub const COUNT: usize = [$(stringify!($variant)),+].len();

            /// Every provider, in the contract's order (the registry's).
            pub const ALL: [Provider; Provider::COUNT] = [$(Provider::$variant),+];

            /// Every fact about this provider.
            pub const fn facts(self) -> &'static Facts {
                match self {
                    $( Provider::$variant => &$facts, )+
                }
            }
        }

        /// One value per provider, written as a struct literal naming each provider: code outside
        /// this crate cannot match exhaustively on the non-exhaustive [`Provider`], so where every
        /// provider must be handled it writes a `ByProvider { pluuug: …, gofive: …, … }` (or
        /// builds one with [`ByProvider::from_fn`] when the value derives from the provider) and
        /// looks the provider up with [`ByProvider::get`]. A new provider is a new field: every
        /// such literal fails to compile until it says what the new provider gets — never a
        /// silent default.
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub struct ByProvider<T> {
            $(
                #[doc = concat!("The value of [`Provider::", stringify!($variant), "`].")]
                pub $field: T,
            )+
        }

        impl<T> ByProvider<T> {
            /// One value per provider, computed from the provider.
            pub fn from_fn(mut f: impl FnMut(Provider) -> T) -> ByProvider<T> {
                ByProvider { $( $field: f(Provider::$variant), )+ }
            }

            /// The value of `provider`.
            pub const fn get(&self, provider: Provider) -> &T {
                match provider {
                    $( Provider::$variant => &self.$field, )+
                }
            }

            /// The value of `provider`, mutably.
            pub fn get_mut(&mut self, provider: Provider) -> &mut T {
                match provider {
                    $( Provider::$variant => &mut self.$field, )+
                }
            }

            /// The values in the contract's order (that of [`Provider::ALL`]).
            pub fn into_array(self) -> [T; Provider::COUNT] {
                [$(self.$field),+]
            }

            /// The values in the contract's order, copied (usable in a `const`).
            pub const fn to_array(&self) -> [T; Provider::COUNT]
            where
                T: Copy,
            {
                [$(self.$field),+]
            }
        }
    };
}

registry! {
    /// Pluuug (플러그), Korea.
    Pluuug => pluuug: PLUUUG,
    /// Gofive Venio CRM, Thailand.
    Gofive => gofive: GOFIVE,
    /// eshouhou 易售后, China.
    Eshouhou => eshouhou: ESHOUHOU,
    /// nd, China.
    Nd => nd: ND,
}

/// One environment variable a client reads in `builder_from_env()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EnvVar {
    /// The variable's name (`PLUUUG_API_KEY`).
    pub name: &'static str,
    /// Whether a client cannot be built without it.
    pub required: bool,
    /// Whether it holds a secret (never printed).
    pub secret: bool,
    /// What it holds, in a few words.
    pub about: &'static str,
}

/// A rate limit the provider's docs state: `requests` in any window of `per`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocumentedRateLimit {
    /// Requests allowed in any window of `per`.
    pub requests: u32,
    /// The window length.
    pub per: Duration,
}

/// Whether a provider documents an operation; when not, the text saying what it documents instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Documented {
    /// Documented (or seen in integrations) and implemented.
    Yes,
    /// Not documented: the message a caller gets, naming what the provider does document.
    No(&'static str),
}

impl Documented {
    /// Whether the operation is documented.
    pub const fn is_documented(self) -> bool {
        matches!(self, Documented::Yes)
    }
}

/// Every fact about one provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Facts {
    /// The provider.
    pub provider: Provider,
    /// The name errors carry and the CLI takes (`pluuug`).
    pub name: &'static str,
    /// The product's name (`Pluuug Open API`).
    pub display_name: &'static str,
    /// The documented production base URL, when the docs name one.
    pub default_base_url: Option<&'static str>,
    /// The variable overriding the base URL.
    pub base_url_env: &'static str,
    /// Every variable `builder_from_env()` reads, the base URL's included.
    pub env: &'static [EnvVar],
    /// How requests are authenticated, in one line.
    pub auth: &'static str,
    /// The documented rate limit, applied unless the caller's config sets one.
    pub rate_limit: Option<DocumentedRateLimit>,
    /// The spec's `operationId` of the customer detail read (whose body a `Customer` keeps in `raw`).
    pub customer_operation: &'static str,
    /// Whether a customer list is documented.
    pub list: Documented,
    /// Whether a customer update is documented.
    pub update: Documented,
    /// The key an update's body names the customer by, when the id travels in the body rather
    /// than the path (nd's `PUT /api/customers/` takes `id`, Gofive's upsert `customerCode`); the
    /// client adds it, and a dry run shows it.
    pub update_id_key: Option<&'static str>,
    /// Whether a customer creation is documented.
    pub create: Documented,
    /// What the provider's customer ids look like, as far as its docs say.
    pub id_format: IdFormat,
}

/// The documented shape of a provider's customer ids: what a caller can check before sending.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum IdFormat {
    /// Any text (the docs set no shape).
    Text,
    /// A whole number (Pluuug's client ids).
    Integer,
}

impl Facts {
    /// Why `id` cannot be one of this provider's customer ids, or `None` (only the documented
    /// shape is checked: whether such a customer exists is the provider's to say).
    pub fn id_problem(&self, id: &str) -> Option<String> {
        match self.id_format {
            IdFormat::Text => None,
            IdFormat::Integer if id.trim().parse::<i64>().is_ok() => None,
            IdFormat::Integer => Some(format!("{} customer ids are integers", self.name)),
        }
    }
}

const PLUUUG: Facts = Facts {
    provider: Provider::Pluuug,
    name: "pluuug",
    display_name: "Pluuug Open API",
    default_base_url: Some("https://openapi.pluuug.com"),
    base_url_env: "PLUUUG_BASE_URL",
    env: &[
        EnvVar { name: "PLUUUG_API_KEY", required: true, secret: true, about: "API key (X-API-Key)" },
        EnvVar {
            name: "PLUUUG_SECRET_KEY",
            required: true,
            secret: true,
            about: "secret key (signs each body)",
        },
        EnvVar { name: "PLUUUG_BASE_URL", required: false, secret: false, about: "base URL override" },
    ],
    auth: "X-API-Key + X-Signature: lowercase hex HMAC-SHA256(secret key, exact body bytes)",
    rate_limit: Some(DocumentedRateLimit { requests: 1000, per: Duration::from_secs(60) }),
    customer_operation: "get_client",
    update_id_key: None,
    list: Documented::Yes,
    update: Documented::Yes,
    create: Documented::Yes,
    id_format: IdFormat::Integer,
};

const GOFIVE: Facts = Facts {
    provider: Provider::Gofive,
    name: "gofive",
    display_name: "Gofive Venio CRM",
    default_base_url: Some("https://api.gofive.co.th"),
    base_url_env: "GOFIVE_BASE_URL",
    env: &[
        EnvVar {
            name: "GOFIVE_SUBSCRIPTION_KEY",
            required: true,
            secret: true,
            about: "APIM subscription key",
        },
        EnvVar { name: "GOFIVE_CLIENT_ID", required: true, secret: false, about: "OAuth2 client id" },
        EnvVar { name: "GOFIVE_CLIENT_SECRET", required: true, secret: true, about: "OAuth2 client secret" },
        EnvVar {
            name: "GOFIVE_SCOPE",
            required: false,
            secret: false,
            about: "OAuth2 scope (sent only when set)",
        },
        EnvVar {
            name: "GOFIVE_CLIENT_AUTH",
            required: false,
            secret: false,
            about: "token request client auth: post (form body, default; falls back to basic once on 401 invalid_client) or basic",
        },
        EnvVar { name: "GOFIVE_BASE_URL", required: false, secret: false, about: "base URL override" },
    ],
    auth: "OAuth2 client_credentials token + Ocp-Apim-Subscription-Key; Authorization: Bearer",
    rate_limit: None,
    customer_operation: "get_customer_by_code",
    update_id_key: Some("customerCode"),
    list: Documented::No(
        "Gofive documents no customer list: only GET /v3/customers/{customerCode} (one customer by \
         code) and the POST /v3/customers upsert; fetch known codes with `get`",
    ),
    update: Documented::Yes,
    create: Documented::Yes,
    id_format: IdFormat::Text,
};

const ESHOUHOU_NO_WRITES: &str =
    "eshouhou documents no customer writes: only GetCustomer and GetCustomerContacts (reads)";

const ESHOUHOU: Facts = Facts {
    provider: Provider::Eshouhou,
    name: "eshouhou",
    display_name: "eshouhou 易售后",
    default_base_url: Some("https://api.eshouhou.cn"),
    base_url_env: "ESHOUHOU_BASE_URL",
    env: &[
        EnvVar { name: "ESHOUHOU_APPID", required: true, secret: false, about: "app id" },
        EnvVar {
            name: "ESHOUHOU_APP_SECRET",
            required: true,
            secret: true,
            about: "app secret (signs token requests)",
        },
        EnvVar {
            name: "ESHOUHOU_SERVICE_NETWORK_ID",
            required: false,
            secret: false,
            about: "default service network id",
        },
        EnvVar {
            name: "ESHOUHOU_SERVICE_NETWORK_TYPE",
            required: false,
            secret: false,
            about: "default service network type (1 headquarters, 2 outlet)",
        },
        EnvVar { name: "ESHOUHOU_BASE_URL", required: false, secret: false, about: "base URL override" },
    ],
    auth: "TokenApi token signed MD5(appid+appSecret+timestamp), sent as access_token query parameter",
    rate_limit: None,
    customer_operation: "get_customer",
    update_id_key: None,
    list: Documented::No(
        "eshouhou documents no customer list: only GetCustomer (one archive by id) and \
         GetCustomerContacts (a paged list of contacts, not customers); fetch known archive ids with `get`",
    ),
    update: Documented::No(ESHOUHOU_NO_WRITES),
    create: Documented::No(ESHOUHOU_NO_WRITES),
    id_format: IdFormat::Text,
};

const ND: Facts = Facts {
    provider: Provider::Nd,
    name: "nd",
    display_name: "ND CRM",
    default_base_url: None,
    base_url_env: "ND_BASE_URL",
    env: &[
        EnvVar { name: "ND_BASE_URL", required: true, secret: false, about: "the deployment's base URL" },
        EnvVar {
            name: "ND_TOKEN",
            required: false,
            secret: true,
            about: "bearer token (Authorization: Bearer)",
        },
    ],
    auth: "optional Authorization: Bearer (ND_TOKEN); the docs document none",
    rate_limit: None,
    customer_operation: "get_customer_detail",
    update_id_key: Some("id"),
    list: Documented::Yes,
    update: Documented::Yes,
    create: Documented::No(
        "nd documents no customer creation: only PUT /api/customers/ (edit an existing customer; `update`)",
    ),
    id_format: IdFormat::Text,
};

impl Provider {
    /// Every provider's name, in the contract's order.
    pub const NAMES: [&'static str; Provider::COUNT] = {
        let mut names = [""; Provider::COUNT];
        let mut i = 0;
        while i < names.len() {
            names[i] = Provider::ALL[i].as_str();
            i += 1;
        }
        names
    };

    /// The lowercase name (`pluuug`, `gofive`, `eshouhou`, `nd`), as in JSON and on the command line.
    pub const fn as_str(self) -> &'static str {
        self.facts().name
    }

    /// The position in [`Provider::ALL`], for per-provider arrays.
    pub const fn index(self) -> usize {
        self as usize
    }

    /// Every provider's name joined by `sep`, in the contract's order (`pluuug, gofive, eshouhou, nd`).
    pub fn names(sep: &str) -> String {
        Provider::NAMES.join(sep)
    }

    /// Every provider's name as a list in prose: `pluuug, gofive, eshouhou or nd`.
    pub fn names_or() -> String {
        let names = Provider::ALL.map(Provider::as_str);
        match names.split_last() {
            Some((last, [])) => (*last).to_string(),
            Some((last, init)) => format!("{} or {last}", init.join(", ")),
            None => String::new(),
        }
    }

    /// The provider named `name` exactly (lowercase), if any.
    pub fn from_name(name: &str) -> Option<Provider> {
        Provider::ALL.into_iter().find(|p| p.as_str() == name)
    }
}

impl<T> ByProvider<T> {
    /// Each provider with its value, in the contract's order.
    pub fn iter(&self) -> impl Iterator<Item = (Provider, &T)> {
        Provider::ALL.into_iter().map(move |p| (p, self.get(p)))
    }

    /// A `ByProvider` of `f` applied to each value.
    pub fn map<U>(&self, mut f: impl FnMut(Provider, &T) -> U) -> ByProvider<U> {
        ByProvider::from_fn(|p| f(p, self.get(p)))
    }
}

/// Every secret environment variable of every provider (API keys, secret keys, client secrets,
/// tokens), in the contract's order.
pub fn secret_env_vars() -> impl Iterator<Item = &'static str> {
    Provider::ALL.into_iter().flat_map(|p| p.facts().env.iter().filter(|v| v.secret).map(|v| v.name))
}

/// Every provider's base URL variable (the password of its userinfo, if any, is a secret too).
pub fn base_url_env_vars() -> impl Iterator<Item = &'static str> {
    Provider::ALL.into_iter().map(|p| p.facts().base_url_env)
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Provider {
    type Err = ParseProviderError;

    /// Parses a provider name, ignoring ASCII case and surrounding whitespace.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim();
        Provider::ALL
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| ParseProviderError { input: s.to_string() })
    }
}

/// The name given is not a provider; the message lists the valid names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseProviderError {
    input: String,
}

impl ParseProviderError {
    /// The rejected input.
    pub fn input(&self) -> &str {
        &self.input
    }
}

impl fmt::Display for ParseProviderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown provider `{}`; expected one of: {}", self.input, Provider::names(", "))
    }
}

impl std::error::Error for ParseProviderError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_belong_to_their_provider() {
        for (i, p) in Provider::ALL.into_iter().enumerate() {
            let f = p.facts();
            assert_eq!((f.provider, p.index()), (p, i));
            assert!(f.env.iter().any(|v| v.name == f.base_url_env), "{p}: base URL variable listed");
            assert!(f.env.iter().all(|v| v.name.starts_with(&f.name.to_ascii_uppercase())), "{p}");
        }
    }

    #[test]
    fn only_pluuug_ids_have_a_documented_shape() {
        let pluuug = Provider::Pluuug.facts();
        assert_eq!(pluuug.id_problem("1001"), None);
        assert_eq!(pluuug.id_problem("abc").as_deref(), Some("pluuug customer ids are integers"));
        for p in [Provider::Gofive, Provider::Eshouhou, Provider::Nd] {
            assert_eq!(p.facts().id_problem("abc"), None, "{p}");
        }
    }

    #[test]
    fn by_provider_follows_all() {
        let names = ByProvider { pluuug: "pluuug", gofive: "gofive", eshouhou: "eshouhou", nd: "nd" };
        for (p, name) in names.iter() {
            assert_eq!(p.as_str(), *name);
        }
        assert_eq!(names.into_array(), Provider::ALL.map(Provider::as_str));
    }

    #[test]
    fn by_provider_from_fn_and_map_follow_all() {
        let names = ByProvider::from_fn(Provider::as_str);
        assert_eq!(names.to_array(), Provider::NAMES);
        let mut lens = names.map(|_, n| n.len());
        *lens.get_mut(Provider::Nd) += 1;
        assert_eq!(*lens.get(Provider::Nd), 3);
        assert_eq!(Provider::ALL.len(), Provider::COUNT);
        for (i, p) in Provider::ALL.into_iter().enumerate() {
            assert_eq!(p.index(), i);
        }
    }

    #[test]
    fn lists_in_prose() {
        // The first four providers, as the contract lists them; a provider added later follows.
        let (head, last) = Provider::NAMES.split_at(Provider::COUNT - 1);
        assert_eq!(Provider::names(", "), Provider::NAMES.join(", "));
        assert!(Provider::names(", ").starts_with("pluuug, gofive, eshouhou, nd"));
        assert_eq!(Provider::names_or(), format!("{} or {}", head.join(", "), last[0]));
        assert!(Provider::names_or().starts_with("pluuug, gofive, eshouhou"));
        let secrets: Vec<&str> = secret_env_vars().collect();
        assert_eq!(
            secrets[..6],
            [
                "PLUUUG_API_KEY",
                "PLUUUG_SECRET_KEY",
                "GOFIVE_SUBSCRIPTION_KEY",
                "GOFIVE_CLIENT_SECRET",
                "ESHOUHOU_APP_SECRET",
                "ND_TOKEN"
            ]
        );
        let every: Vec<&str> =
            Provider::ALL.iter().flat_map(|p| p.facts().env).filter(|v| v.secret).map(|v| v.name).collect();
        assert_eq!(secrets, every);
    }

    #[test]
    fn unknown_name_lists_the_valid_ones() {
        let err = "hubspot".parse::<Provider>().unwrap_err();
        assert_eq!(err.input(), "hubspot");
        assert_eq!(
            err.to_string(),
            format!("unknown provider `hubspot`; expected one of: {}", Provider::names(", "))
        );
        assert!(err.to_string().contains("expected one of: pluuug, gofive, eshouhou, nd"));
        assert_eq!(" ND ".parse::<Provider>(), Ok(Provider::Nd));
    }
}
