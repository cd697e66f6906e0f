//! The small public value types: which provider (crm-registry's [`Provider`]), which
//! credentials, what was counted.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use crm_registry::{ParseProviderError, Provider};

/// How many providers the sandbox simulates: the length of every per-provider array.
pub(crate) const PROVIDERS: usize = Provider::ALL.len();

/// One `--throttle` argument: `PROVIDER=N/SECS`, e.g. `pluuug=1000/60` (SECS may be fractional).
///
/// Parsed with [`FromStr`]; hand it to [`SandboxBuilder::throttle`](crate::SandboxBuilder::throttle).
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThrottleSpec {
    /// The provider whose stack counts the requests.
    pub provider: Provider,
    /// At most this many requests…
    pub requests: u32,
    /// …per this window.
    pub per: Duration,
}

impl FromStr for ThrottleSpec {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (name, rate) = s
            .split_once('=')
            .ok_or_else(|| format!("`{s}`: expected PROVIDER=N/SECS, e.g. pluuug=1000/60"))?;
        let provider: Provider = name.trim().parse().map_err(|e: ParseProviderError| e.to_string())?;
        let (requests, per) = parse_rate(rate)?;
        Ok(ThrottleSpec { provider, requests, per })
    }
}

/// Parses `N/SECS` (e.g. `1000/60`; `SECS` may be fractional) into requests and a window.
pub(crate) fn parse_rate(text: &str) -> Result<(u32, Duration), String> {
    let (n, secs) = text.split_once('/').ok_or_else(|| format!("`{text}`: expected N/SECS, e.g. 1000/60"))?;
    let requests: u32 = n.trim().parse().map_err(|_| format!("`{n}` is not a number of requests"))?;
    let secs: f64 = secs.trim().parse().map_err(|_| format!("`{secs}` is not a number of seconds"))?;
    if requests == 0 {
        return Err("the number of requests must be at least 1".into());
    }
    if !(secs.is_finite() && secs > 0.0 && secs <= 86_400.0) {
        return Err(format!("`{secs}`: expected seconds between 0 and 86400"));
    }
    Ok((requests, Duration::from_secs_f64(secs)))
}

/// The credentials the sandbox accepts, one set per provider.
///
/// [`Credentials::default`] gives the built-in public sandbox values listed in the crate docs.
/// `Debug` prints only the non-secret fields; secret key, client secret, app secret and nd token
/// are redacted.
#[non_exhaustive]
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// Pluuug `X-API-Key`.
    pub pluuug_api_key: String,
    /// Pluuug secret key: the HMAC-SHA256 key of `X-Signature`.
    pub pluuug_secret_key: String,
    /// Gofive `Ocp-Apim-Subscription-Key`.
    pub gofive_subscription_key: String,
    /// Gofive OAuth2 `client_id`.
    pub gofive_client_id: String,
    /// Gofive OAuth2 `client_secret`.
    pub gofive_client_secret: String,
    /// eshouhou `appid`.
    pub eshouhou_appid: String,
    /// eshouhou `appSecret`.
    pub eshouhou_app_secret: String,
    /// nd bearer token; `None` means nd requires no authentication.
    pub nd_token: Option<String>,
}

impl Credentials {
    /// Every secret value among these credentials (keys, secrets, tokens; not the ids): what a
    /// program printing sandbox output must redact. One list, so a credential added here is
    /// redacted wherever this is used.
    pub fn secrets(&self) -> Vec<&str> {
        let Credentials {
            pluuug_api_key,
            pluuug_secret_key,
            gofive_subscription_key,
            gofive_client_id: _,
            gofive_client_secret,
            eshouhou_appid: _,
            eshouhou_app_secret,
            nd_token,
        } = self;
        let mut out = vec![
            pluuug_api_key.as_str(),
            pluuug_secret_key.as_str(),
            gofive_subscription_key.as_str(),
            gofive_client_secret.as_str(),
            eshouhou_app_secret.as_str(),
        ];
        out.extend(nd_token.as_deref());
        out
    }
}

impl Default for Credentials {
    fn default() -> Self {
        Credentials {
            pluuug_api_key: "sandbox-pluuug-api-key".into(),
            pluuug_secret_key: "sandbox-pluuug-secret-key".into(),
            gofive_subscription_key: "sandbox-gofive-subscription-key".into(),
            gofive_client_id: "sandbox-gofive-client-id".into(),
            gofive_client_secret: "sandbox-gofive-client-secret".into(),
            eshouhou_appid: "ysh54dd4f8arinfx".into(),
            eshouhou_app_secret: "45e1cc23a7144a28ab110804491e3135".into(),
            nd_token: Some("sandbox-nd-token".into()),
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const REDACTED: &str = "[redacted]";
        f.debug_struct("Credentials")
            .field("pluuug_api_key", &self.pluuug_api_key)
            .field("pluuug_secret_key", &REDACTED)
            .field("gofive_subscription_key", &self.gofive_subscription_key)
            .field("gofive_client_id", &self.gofive_client_id)
            .field("gofive_client_secret", &REDACTED)
            .field("eshouhou_appid", &self.eshouhou_appid)
            .field("eshouhou_app_secret", &REDACTED)
            .field("nd_token", &self.nd_token.as_ref().map(|_| REDACTED))
            .finish()
    }
}

/// The counters of one provider. See [`Stats`].
#[non_exhaustive]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderStats {
    /// Every HTTP request received on the provider's paths.
    pub requests: u64,
    /// Token requests (Gofive token endpoint, eshouhou `TokenApi`), successful or not.
    pub token_requests: u64,
    /// Responses that rejected credentials, a signature or a token.
    pub auth_failures: u64,
    /// 429 responses sent (configured throttles, `throttle_first`, and the 429 fault knobs).
    #[serde(default)]
    pub throttled: u64,
}

/// A snapshot of the sandbox's counters, per provider.
///
/// Serializes as `{"pluuug":{"requests":..,"token_requests":..,"auth_failures":..},...}`, the
/// body of `GET /__sandbox/stats`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    per_provider: [ProviderStats; PROVIDERS],
}

impl Stats {
    pub(crate) fn from_array(per_provider: [ProviderStats; PROVIDERS]) -> Self {
        Stats { per_provider }
    }

    /// All counters of one provider.
    pub fn provider(&self, provider: Provider) -> ProviderStats {
        self.per_provider[provider.index()]
    }

    /// HTTP requests received on the provider's paths.
    pub fn requests(&self, provider: Provider) -> u64 {
        self.provider(provider).requests
    }

    /// Token requests (Gofive token endpoint, eshouhou `TokenApi`), successful or not.
    pub fn token_requests(&self, provider: Provider) -> u64 {
        self.provider(provider).token_requests
    }

    /// Responses that rejected credentials, a signature or a token.
    pub fn auth_failures(&self, provider: Provider) -> u64 {
        self.provider(provider).auth_failures
    }

    /// 429 responses the provider sent (throttles and 429 fault knobs alike).
    pub fn throttled(&self, provider: Provider) -> u64 {
        self.provider(provider).throttled
    }

    /// HTTP requests received across all providers.
    pub fn total_requests(&self) -> u64 {
        self.per_provider.iter().map(|s| s.requests).sum()
    }
}

impl Serialize for Stats {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let map: BTreeMap<&str, ProviderStats> =
            Provider::ALL.into_iter().map(|p| (p.as_str(), self.provider(p))).collect();
        map.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Stats {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = BTreeMap::<String, ProviderStats>::deserialize(deserializer)?;
        let mut per_provider = [ProviderStats::default(); PROVIDERS];
        for (name, stats) in map {
            let provider: Provider = name.parse().map_err(serde::de::Error::custom)?;
            per_provider[provider.index()] = stats;
        }
        Ok(Stats { per_provider })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_names_round_trip() {
        for p in Provider::ALL {
            assert_eq!(p.as_str().parse::<Provider>(), Ok(p));
            assert_eq!(p.to_string(), p.as_str());
        }
        assert_eq!("ND".parse::<Provider>(), Ok(Provider::Nd));
        assert!("salesforce".parse::<Provider>().is_err());
    }

    #[test]
    fn credentials_debug_redacts_secrets() {
        let text = format!("{:?}", Credentials::default());
        assert!(text.contains("sandbox-pluuug-api-key"));
        assert!(text.contains("ysh54dd4f8arinfx"));
        for secret in [
            "sandbox-pluuug-secret-key",
            "sandbox-gofive-client-secret",
            "45e1cc23a7144a28ab110804491e3135",
            "sandbox-nd-token",
        ] {
            assert!(!text.contains(secret), "{secret} leaked into Debug");
        }
    }

    #[test]
    fn throttle_specs_parse() {
        let spec: ThrottleSpec = "pluuug=1000/60".parse().unwrap();
        assert_eq!(
            spec,
            ThrottleSpec {
                provider: Provider::Pluuug,
                requests: 1000,
                per: std::time::Duration::from_secs(60)
            }
        );
        assert!("salesforce=1/1".parse::<ThrottleSpec>().is_err());
        assert!("nd".parse::<ThrottleSpec>().is_err());
        assert!("nd=0/1".parse::<ThrottleSpec>().is_err());
    }

    #[test]
    fn rates_parse() {
        assert_eq!(parse_rate("1000/60"), Ok((1000, Duration::from_secs(60))));
        assert_eq!(parse_rate("5/0.5"), Ok((5, Duration::from_millis(500))));
        assert!(parse_rate("0/60").is_err());
        assert!(parse_rate("10").is_err());
        assert!(parse_rate("10/0").is_err());
        assert!(parse_rate("x/1").is_err());
    }

    #[test]
    fn stats_json_round_trips() {
        let mut per = [ProviderStats::default(); PROVIDERS];
        per[1] = ProviderStats { requests: 5, token_requests: 2, auth_failures: 1, throttled: 3 };
        let stats = Stats::from_array(per);
        let json = serde_json::to_value(&stats).unwrap();
        assert_eq!(json["gofive"]["token_requests"], 2);
        assert_eq!(json["nd"]["requests"], 0);
        assert_eq!(json["gofive"]["throttled"], 3);
        let back: Stats = serde_json::from_value(json).unwrap();
        assert_eq!(back, stats);
    }
}
