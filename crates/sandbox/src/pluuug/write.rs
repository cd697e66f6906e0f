//! Validation and application of Pluuug client writes (`POST /v1/client`, `PATCH
//! /v1/client/{id}`), with Django REST Framework's messages and error shape: `{"field":
//! ["message"]}`, nested serializers as nested objects, list items as a list of per-item
//! errors (`{}` for a valid item).

use serde_json::{Map, Value, json};

use super::data;

/// String fields a write may set: name, max length (`None`: unbounded), whether it is an
/// email, whether null is allowed.
const STRING_FIELDS: [(&str, Option<usize>, bool, bool); 15] = [
    ("companyName", Some(128), false, false),
    ("inCharge", Some(64), false, true),
    ("position", Some(64), false, true),
    ("contact", Some(128), false, true),
    ("email", Some(254), true, true),
    ("content", None, false, true),
    ("businessRegistrationNumber", Some(16), false, true),
    ("ceoName", Some(64), false, true),
    ("companyAddress", Some(256), false, true),
    ("companyDetailAddress", Some(256), false, true),
    ("businessType", Some(64), false, true),
    ("businessClass", Some(64), false, true),
    ("branchNumber", Some(4), false, true),
    ("taxInvoiceEmail", Some(254), true, true),
    // DRF ignores read-only fields in input; listed so they are skipped, never written.
    ("created", None, false, true),
];

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

/// DRF `EmailField` (Django's `EmailValidator`), loosely: `local@domain.tld`.
fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.rsplit_once('@') else { return false };
    !local.is_empty()
        && !text.contains(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|label| !label.is_empty())
}

/// A CharField's validated value, or its error messages.
fn string_field(
    value: &Value,
    max: Option<usize>,
    email: bool,
    nullable: bool,
    required_text: bool,
) -> Result<Value, Vec<String>> {
    let text = match value {
        Value::Null if nullable => return Ok(Value::Null),
        Value::Null => return Err(vec!["This field may not be null.".into()]),
        Value::String(s) => s.clone(),
        // DRF's CharField takes numbers and turns them into text.
        Value::Number(n) => n.to_string(),
        _ => return Err(vec!["Not a valid string.".into()]),
    };
    let mut errors = Vec::new();
    if text.trim().is_empty() {
        if required_text {
            errors.push("This field may not be blank.".into());
        }
        return if errors.is_empty() { Ok(json!(text)) } else { Err(errors) };
    }
    if let Some(max) = max
        && text.chars().count() > max
    {
        errors.push(format!("Ensure this field has no more than {max} characters."));
    }
    if email && !is_email(&text) {
        errors.push("Enter a valid email address.".into());
    }
    if errors.is_empty() { Ok(json!(text)) } else { Err(errors) }
}

/// A primary key in `{"id": …}`, as DRF's `PrimaryKeyRelatedField` reads it.
fn pk(value: &Value) -> Result<u64, String> {
    match value {
        Value::Number(n) => n.as_u64().ok_or_else(|| format!("Invalid pk \"{n}\" - object does not exist.")),
        Value::String(s) if s.parse::<u64>().is_ok() => s.parse::<u64>().map_err(|e| e.to_string()),
        other => Err(format!("Incorrect type. Expected pk value, received {}.", type_name(other))),
    }
}

fn status(value: &Value) -> Result<Value, Value> {
    let Value::Object(map) = value else {
        if value.is_null() {
            return Ok(Value::Null);
        }
        let message = format!("Invalid data. Expected a dictionary, but got {}.", type_name(value));
        return Err(json!({"non_field_errors": [message]}));
    };
    let Some(id) = map.get("id") else {
        return Err(json!({"id": ["This field is required."]}));
    };
    let id = pk(id).map_err(|m| json!({"id": [m]}))?;
    data::STATUSES
        .iter()
        .find(|(sid, _)| *sid == id)
        .map(|(sid, title)| json!({"id": sid, "title": title}))
        .ok_or_else(|| json!({"id": [format!("Invalid pk \"{id}\" - object does not exist.")]}))
}

/// The client custom field definition with this id (category `C`).
fn client_field(id: u64) -> Option<&'static Value> {
    super::data::get().fields.iter().find(|(c, f)| *c == "C" && f["id"] == id).map(|(_, f)| f)
}

fn option_ids(field: &Value) -> Vec<&str> {
    field["optionSet"].as_array().into_iter().flatten().filter_map(|o| o["id"].as_str()).collect()
}

/// Checks a custom value against its field's data type; the values Pluuug's integrations send
/// are accepted in typed and string form.
fn field_value(field: &Value, value: &Value) -> Result<(), String> {
    if value.is_null() {
        return Ok(());
    }
    let options = option_ids(field);
    let known = |id: &str| {
        if options.contains(&id) { Ok(()) } else { Err(format!("Invalid option id \"{id}\".")) }
    };
    let option_of = |v: &Value| match v {
        Value::Object(o) => o.get("id").and_then(Value::as_str).map(str::to_owned),
        Value::String(s) => Some(s.clone()),
        _ => None,
    };
    match field["dataType"].as_str().unwrap_or_default() {
        "B" => match value {
            Value::Bool(_) => Ok(()),
            Value::String(s) if ["true", "false"].contains(&s.as_str()) => Ok(()),
            _ => Err("Must be a valid boolean.".into()),
        },
        "N" => match value {
            Value::Number(_) => Ok(()),
            Value::String(s) if s.trim().parse::<f64>().is_ok() => Ok(()),
            _ => Err("A valid number is required.".into()),
        },
        "D" => match value.as_str().map(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")) {
            Some(Ok(_)) => Ok(()),
            _ => Err("Date has wrong format. Use one of these formats instead: YYYY-MM-DD.".into()),
        },
        "SL" => match option_of(value) {
            Some(id) => known(&id),
            None => Err("Expected {\"id\": option id}.".into()),
        },
        "ML" => match value {
            Value::Array(items) => items.iter().try_for_each(|item| match option_of(item) {
                Some(id) => known(&id),
                None => Err("Expected a list of {\"id\": option id}.".into()),
            }),
            Value::String(s) => s.split(',').filter(|p| !p.is_empty()).try_for_each(known),
            _ => Err("Expected a list of {\"id\": option id}.".into()),
        },
        _ => Ok(()),
    }
}

/// Validated `fieldSet` entries as `(definition, value)`, or DRF's per-item errors.
fn field_set(value: &Value) -> Result<Vec<(&'static Value, Value)>, Value> {
    let Value::Array(items) = value else {
        let message = format!("Expected a list of items but got type \"{}\".", type_name(value));
        return Err(json!({"non_field_errors": [message]}));
    };
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for item in items {
        let mut error = Map::new();
        let field = match item.get("field") {
            None => {
                error.insert("field".into(), json!(["This field is required."]));
                None
            }
            Some(field) => match field.get("id").map(pk) {
                Some(Ok(id)) => match client_field(id) {
                    Some(definition) => Some(definition),
                    None => {
                        let message = format!("Invalid pk \"{id}\" - object does not exist.");
                        error.insert("field".into(), json!({"id": [message]}));
                        None
                    }
                },
                Some(Err(message)) => {
                    error.insert("field".into(), json!({"id": [message]}));
                    None
                }
                None => {
                    error.insert("field".into(), json!({"id": ["This field is required."]}));
                    None
                }
            },
        };
        let value = item.get("value").cloned().unwrap_or(Value::Null);
        if let Some(definition) = field {
            match field_value(definition, &value) {
                Ok(()) => entries.push((definition, value)),
                Err(message) => {
                    error.insert("value".into(), json!([message]));
                }
            }
        }
        errors.push(Value::Object(error));
    }
    if errors.iter().all(|e| e.as_object().is_some_and(Map::is_empty)) {
        Ok(entries)
    } else {
        Err(json!(errors))
    }
}

/// Validates `request` and, if it is valid, writes it into `client` (a partial update: keys
/// absent from `request` are left alone). `fieldSet` entries replace the value of the same
/// field and add new fields (ASSUMPTION: the docs do not say whether it merges or replaces).
pub(crate) fn apply(client: &mut Value, request: &Map<String, Value>) -> Result<(), Value> {
    let mut errors = Map::new();
    let mut changes: Vec<(&str, Value)> = Vec::new();
    for (name, max, email, nullable) in STRING_FIELDS {
        let Some(value) = request.get(name) else { continue };
        if name == "created" {
            continue;
        }
        match string_field(value, max, email, nullable, name == "companyName") {
            Ok(value) => changes.push((name, value)),
            Err(messages) => {
                errors.insert(name.into(), json!(messages));
            }
        }
    }
    if let Some(value) = request.get("status") {
        match status(value) {
            Ok(status) => changes.push(("status", status)),
            Err(error) => {
                errors.insert("status".into(), error);
            }
        }
    }
    let mut fields = Vec::new();
    if let Some(value) = request.get("fieldSet") {
        match field_set(value) {
            Ok(entries) => fields = entries,
            Err(error) => {
                errors.insert("fieldSet".into(), error);
            }
        }
    }
    if !errors.is_empty() {
        return Err(Value::Object(errors));
    }
    let Some(map) = client.as_object_mut() else { return Ok(()) };
    for (name, value) in changes {
        map.insert(name.into(), value);
    }
    if request.contains_key("fieldSet") {
        let set = map.entry("fieldSet").or_insert_with(|| json!([]));
        if !set.is_array() {
            *set = json!([]);
        }
        if let Some(set) = set.as_array_mut() {
            for (definition, value) in fields {
                let entry = json!({"field": definition, "value": value});
                match set.iter_mut().find(|e| e["field"]["id"] == definition["id"]) {
                    Some(existing) => *existing = entry,
                    None => set.push(entry),
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drf_messages() {
        let mut client = json!({"companyName": "A", "fieldSet": []});
        let request = json!({
            "companyName": "",
            "branchNumber": "12345",
            "email": "not-an-email",
            "status": {"id": 99},
            "fieldSet": [{"field": {"id": 15}, "value": true}, {"field": {"id": 999}, "value": "x"}],
        });
        let errors = apply(&mut client, request.as_object().unwrap()).unwrap_err();
        assert_eq!(errors["companyName"], json!(["This field may not be blank."]));
        assert_eq!(errors["branchNumber"], json!(["Ensure this field has no more than 4 characters."]));
        assert_eq!(errors["email"], json!(["Enter a valid email address."]));
        assert_eq!(errors["status"], json!({"id": ["Invalid pk \"99\" - object does not exist."]}));
        assert_eq!(errors["fieldSet"][0], json!({}));
        assert_eq!(
            errors["fieldSet"][1],
            json!({"field": {"id": ["Invalid pk \"999\" - object does not exist."]}})
        );
        assert_eq!(client, json!({"companyName": "A", "fieldSet": []}), "nothing written on error");
    }

    #[test]
    fn is_email_is_loose() {
        assert!(is_email("a@b.kr"));
        assert!(!is_email("a@b"));
        assert!(!is_email("@b.kr"));
        assert!(!is_email("a b@c.kr"));
    }
}
