//! A caller's JSON write body as the generated request type, losslessly.
//!
//! Provider crates take write bodies as any `Serialize` (a `serde_json::json!` object, the
//! generated type, the caller's own struct) and send them through the generated operation, which
//! serializes its own body type. The conversion must not lose anything: the typed body must
//! serialize back to exactly the JSON given, or an unknown key, a wrongly typed value or a `null`
//! the spec cannot carry would be dropped silently. [`lossless`] checks that and names the field
//! at fault; each provider words the error in its own terms.

use serde::{Serialize, de::DeserializeOwned};
use serde_json::{Map, Value};

/// Why a body does not convert losslessly.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Mismatch {
    /// The body does not decode as the request type: `field` is the first top-level key that
    /// fails on its own (with the `keep` keys beside it), when one does; `why` is serde's message.
    Decode {
        /// The key at fault, when one can be singled out.
        field: Option<String>,
        /// serde's message.
        why: String,
    },
    /// The body decodes, but re-serialized it differs: `field` is the first key whose value
    /// would not be sent as given (an unknown key, a `null` the type cannot carry); `None` when
    /// the body is not a JSON object.
    Lost {
        /// The key whose value would change.
        field: Option<String>,
    },
}

/// `given` as `T`, checked to serialize back to exactly `given`. `keep` names keys copied beside
/// each probed key when singling out the one at fault (the type's required keys).
pub fn lossless<T: Serialize + DeserializeOwned>(given: &Value, keep: &[&str]) -> Result<T, Mismatch> {
    let typed: T = serde_json::from_value(given.clone()).map_err(|e| {
        let field = given.as_object().and_then(|map| {
            map.iter()
                .filter(|(k, _)| !keep.contains(&k.as_str()))
                .find(|(k, v)| {
                    let mut one = Map::new();
                    for key in keep {
                        one.insert((*key).to_string(), map.get(*key).cloned().unwrap_or(Value::Null));
                    }
                    one.insert((*k).clone(), (*v).clone());
                    serde_json::from_value::<T>(Value::Object(one)).is_err()
                })
                .map(|(k, _)| k.clone())
        });
        Mismatch::Decode { field, why: e.to_string() }
    })?;
    let back =
        serde_json::to_value(&typed).map_err(|e| Mismatch::Decode { field: None, why: e.to_string() })?;
    if &back != given {
        let field = given
            .as_object()
            .and_then(|g| g.iter().find(|(k, v)| back.get(k.as_str()) != Some(*v)).map(|(k, _)| k.clone()));
        return Err(Mismatch::Lost { field });
    }
    Ok(typed)
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use super::*;

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Body {
        id: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        count: Option<u32>,
    }

    #[test]
    fn names_the_field_a_body_cannot_carry() {
        assert!(lossless::<Body>(&json!({"id": "a", "note": "x"}), &["id"]).is_ok());
        assert_eq!(
            lossless::<Body>(&json!({"id": "a", "count": "many"}), &["id"]).err().map(|m| match m {
                Mismatch::Decode { field, .. } => field,
                Mismatch::Lost { .. } => None,
            }),
            Some(Some("count".to_string()))
        );
        // A null the type skips would be dropped silently: refused, naming it.
        assert_eq!(
            lossless::<Body>(&json!({"id": "a", "note": null}), &["id"]).err(),
            Some(Mismatch::Lost { field: Some("note".into()) })
        );
    }
}
