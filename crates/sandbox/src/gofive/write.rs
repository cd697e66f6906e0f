//! Validation and application of `POST /v3/customers` (create or update). Field types follow
//! the vendor's documented body (and its published C# model); a failure is a business code
//! with a description, as the docs define them (`4001` one error, `4002` several).

use serde_json::{Map, Value, json};

/// Documented body fields and the JSON types they take (`null` allowed unless noted).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    /// A string that may not be null (`customerEmail`).
    TextNotNull,
    Integer,
    TextList,
    /// An array of objects (addresses, contacts, custom fields): passed through.
    ObjectList,
    /// An object (social accounts) or, for `contact`, an object or an array.
    Object,
    /// A coordinate or money field the vendor sends as a string or a number.
    TextOrNumber,
}

const FIELDS: [(&str, Kind); 31] = [
    ("customerName", Kind::Text),
    ("customerState", Kind::Integer),
    ("customerStatus", Kind::Integer),
    ("customerType", Kind::Integer),
    ("leadStatus", Kind::Integer),
    ("customerPicture", Kind::Text),
    ("customer2ndName", Kind::Text),
    ("customerAliases", Kind::TextList),
    ("customerTaxNo", Kind::Text),
    ("branchCode", Kind::Text),
    ("customerPhone", Kind::Text),
    ("customerMobile", Kind::Text),
    ("customerEmail", Kind::TextNotNull),
    ("customerPosition", Kind::Text),
    ("customerGender", Kind::Integer),
    ("customerMaritalStatus", Kind::Integer),
    ("customerBirthdate", Kind::Text),
    ("customerIncome", Kind::TextOrNumber),
    ("creditLimit", Kind::TextOrNumber),
    ("customerSocialAccount", Kind::Object),
    ("customerTags", Kind::TextList),
    ("addresses", Kind::ObjectList),
    ("contacts", Kind::ObjectList),
    ("contact", Kind::Object),
    ("customFields", Kind::ObjectList),
    ("sourceName", Kind::Text),
    ("customerGroupName", Kind::Text),
    ("interestsName", Kind::TextList),
    ("classificationName", Kind::Text),
    ("customerNote", Kind::Text),
    ("owners", Kind::TextList),
];

fn fits(kind: Kind, value: &Value) -> bool {
    match (kind, value) {
        (Kind::TextNotNull, Value::Null) => false,
        (_, Value::Null) => true,
        (Kind::Text | Kind::TextNotNull, Value::String(_)) => true,
        (Kind::Integer, Value::Number(n)) => n.is_i64() || n.is_u64(),
        (Kind::TextList, Value::Array(items)) => items.iter().all(Value::is_string),
        (Kind::ObjectList, Value::Array(items)) => items.iter().all(|i| i.is_object() || i.is_null()),
        (Kind::Object, Value::Object(_)) => true,
        (Kind::Object, Value::Array(items)) => items.iter().all(Value::is_object),
        (Kind::TextOrNumber, Value::String(_) | Value::Number(_)) => true,
        _ => false,
    }
}

/// Every problem with the request, as descriptions (empty: valid).
pub(crate) fn validate(request: &Map<String, Value>) -> Result<(), Vec<String>> {
    let mut errors = Vec::new();
    match request.get("customerName") {
        Some(Value::String(name)) if !name.trim().is_empty() => {}
        _ => errors.push("customerName is required".to_owned()),
    }
    if request.get("customerState").is_none_or(|v| v.as_i64().is_none()) {
        errors.push("customerState is required".to_owned());
    }
    if let Some(code) = request.get("customerCode")
        && !(code.is_null() || code.is_string())
    {
        errors.push("customerCode must be a string or null".to_owned());
    }
    for (name, kind) in FIELDS {
        if let Some(value) = request.get(name)
            && !fits(kind, value)
            && !(name == "customerName" || name == "customerState")
        {
            errors.push(format!("{name} has an invalid value"));
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

/// The `data` object of a new customer from a valid request.
pub(crate) fn new_customer(code: &str, id: &str, request: &Map<String, Value>) -> Value {
    let mut customer = bare_customer(id, code, "", 1, 1);
    merge(&mut customer, request);
    customer
}

/// A customer's `data` object with its ids, name, `customerState` and `leadStatus`, status 0, no
/// picture, and every list (aliases, addresses, interests, contacts, custom fields) empty.
pub(crate) fn bare_customer(id: &str, code: &str, name: &str, state: u8, lead_status: u8) -> Value {
    json!({
        "customerId": id,
        "customerName": name,
        "customerCode": code,
        "customerState": state,
        "customerStatus": 0,
        "leadStatus": lead_status,
        "customerPicture": "",
        "customerAliases": [],
        "addresses": [],
        "interestsName": [],
        "contacts": [],
        "customFields": [],
    })
}

/// Writes the documented fields present in `request` over `customer` (ASSUMPTION: absent
/// fields are left as they were; the docs do not say whether an update replaces them).
pub(crate) fn merge(customer: &mut Value, request: &Map<String, Value>) {
    let Some(map) = customer.as_object_mut() else { return };
    for (name, _) in FIELDS {
        if let Some(value) = request.get(name) {
            map.insert(name.to_owned(), value.clone());
        }
    }
    if let Some(owners) = request.get("owners").and_then(Value::as_array)
        && let Some(first) = owners.first()
    {
        map.insert("primaryOwner".into(), first.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_fields_and_types() {
        let ok = json!({"customerName": "บริษัท ทดสอบ จำกัด", "customerState": 1});
        assert!(validate(ok.as_object().unwrap()).is_ok());
        let errors = validate(json!({"customerEmail": null}).as_object().unwrap()).unwrap_err();
        assert_eq!(
            errors,
            ["customerName is required", "customerState is required", "customerEmail has an invalid value"]
        );
        let errors =
            validate(json!({"customerName": "x", "customerState": "3"}).as_object().unwrap()).unwrap_err();
        assert_eq!(errors, ["customerState is required"]);
    }
}
