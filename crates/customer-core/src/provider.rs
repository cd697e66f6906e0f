//! The four providers by name: the `provider` key of every [`Customer`](crate::Customer) and the
//! names the CLI accepts.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A CRM provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Provider {
    /// Pluuug (플러그), Korea.
    Pluuug,
    /// Gofive Venio CRM, Thailand.
    Gofive,
    /// eshouhou 易售后, China.
    Eshouhou,
    /// nd, China.
    Nd,
}

impl Provider {
    /// Every provider, in the contract's order.
    pub const ALL: [Provider; 4] = [Provider::Pluuug, Provider::Gofive, Provider::Eshouhou, Provider::Nd];

    /// The lowercase name (`pluuug`, `gofive`, `eshouhou`, `nd`), as in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Pluuug => "pluuug",
            Provider::Gofive => "gofive",
            Provider::Eshouhou => "eshouhou",
            Provider::Nd => "nd",
        }
    }
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
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown provider `{input}`; expected one of: pluuug, gofive, eshouhou, nd")]
pub struct ParseProviderError {
    input: String,
}

impl ParseProviderError {
    /// The rejected input.
    pub fn input(&self) -> &str {
        &self.input
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_from_str_display_and_serde() {
        for p in Provider::ALL {
            assert_eq!(p.as_str().parse::<Provider>(), Ok(p));
            assert_eq!(p.to_string(), p.as_str());
            assert_eq!(serde_json::to_value(p).unwrap(), serde_json::json!(p.as_str()));
        }
        assert_eq!(" ND ".parse::<Provider>(), Ok(Provider::Nd));
    }

    #[test]
    fn unknown_name_lists_the_valid_ones() {
        let err = "hubspot".parse::<Provider>().unwrap_err();
        assert_eq!(err.input(), "hubspot");
        assert_eq!(
            err.to_string(),
            "unknown provider `hubspot`; expected one of: pluuug, gofive, eshouhou, nd"
        );
    }

    #[test]
    fn error_message_lists_every_provider() {
        let msg = "x".parse::<Provider>().unwrap_err().to_string();
        for p in Provider::ALL {
            assert!(msg.contains(p.as_str()), "{msg} lacks {p}");
        }
    }
}
