//! The providers by name: the `provider` key of every [`Customer`](crate::Customer) and the
//! names the CLI accepts. The enum and its facts live in the registry (`crm-registry`); it is
//! re-exported here with its lowercase serde form and JSON Schema.

pub use crm_registry::{ByProvider, Documented, Facts, ParseProviderError, Provider};

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
            format!("unknown provider `hubspot`; expected one of: {}", Provider::names(", "))
        );
        assert!(err.to_string().contains("expected one of: pluuug, gofive, eshouhou, nd"));
    }

    #[test]
    fn error_message_lists_every_provider() {
        let msg = "x".parse::<Provider>().unwrap_err().to_string();
        for p in Provider::ALL {
            assert!(msg.contains(p.as_str()), "{msg} lacks {p}");
        }
    }
}
