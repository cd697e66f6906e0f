//! The mapping-coverage gate: every property of each provider's customer response schema (and,
//! for eshouhou, every documented row Key) is either mapped to a unified field or explicitly sent
//! to `extra`, as listed by the mapping module's `MAPPED` / `TO_EXTRA` consts. Adding a property to
//! a spec without deciding where it goes fails here, naming the property and the file to edit; an
//! entry the spec no longer has fails too, so the lists cannot drift from the spec.

mod common;

use std::collections::BTreeSet;

use customer_core::{Placement, Provider};
use serde_yaml::Value;

fn placement(provider: Provider) -> Placement {
    customer_core::placement(provider).unwrap_or_else(|| panic!("{provider}: customer-core built without it"))
}

fn resolve<'a>(spec: &'a Value, schema: &'a Value) -> &'a Value {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.strip_prefix("#/components/schemas/").expect("a local schema $ref");
        return resolve(spec, &spec["components"]["schemas"][name]);
    }
    if let Some([only]) = schema["allOf"].as_sequence().map(Vec::as_slice) {
        return resolve(spec, only);
    }
    schema
}

/// A `oneOf` that offers an array of objects or an object (Gofive's `contact`) is walked through
/// that branch (the array first, so paths read `contact[].x` whichever form arrives); any other
/// schema is returned as is.
fn one_of_objects<'a>(spec: &'a Value, schema: &'a Value) -> &'a Value {
    let Some(branches) = schema["oneOf"].as_sequence() else { return schema };
    let branches: Vec<&Value> = branches.iter().map(|b| resolve(spec, b)).collect();
    let array = branches.iter().find(|b| resolve(spec, &b["items"])["properties"].is_mapping());
    let object = branches.iter().find(|b| b["properties"].is_mapping());
    array.or(object).copied().unwrap_or(schema)
}

/// Leaf property paths of an object schema: `a`, `a.b` for nested objects, `a[].b` for arrays of
/// objects. A oneOf of scalars / free-form object / array of scalars is a leaf.
fn leaves(spec: &Value, schema: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    let Some(props) = resolve(spec, schema)["properties"].as_mapping() else { return };
    for (name, prop) in props {
        let path = format!("{prefix}{}", name.as_str().expect("property names are strings"));
        let prop = one_of_objects(spec, resolve(spec, prop));
        let items = resolve(spec, &prop["items"]);
        if items["properties"].is_mapping() {
            leaves(spec, items, &format!("{path}[]."), out);
        } else if prop["properties"].is_mapping() {
            leaves(spec, prop, &format!("{path}."), out);
        } else {
            out.insert(path);
        }
    }
}

/// The row Keys the eshouhou spec documents, from the GetCustomer description
/// ("keyed by Chinese labels (客户编号, 客户名称, ..., plus the tenant's custom form fields)").
fn eshouhou_keys(spec: &Value) -> BTreeSet<String> {
    let op = common::detail_operation(spec, Provider::Eshouhou);
    let text = op["description"].as_str().expect("GetCustomer has a description");
    let start =
        text.find("labels (").expect("the description lists the labels after `labels (`") + "labels (".len();
    let end =
        text[start..].find("plus the tenant").expect("the label list ends with `plus the tenant`") + start;
    text[start..end].split(',').map(str::trim).filter(|k| !k.is_empty()).map(str::to_string).collect()
}

fn spec_properties(provider: Provider, spec: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    match provider {
        Provider::Eshouhou => out = eshouhou_keys(spec),
        _ => leaves(spec, &spec["components"]["schemas"][placement(provider).schema], "", &mut out),
    }
    assert!(!out.is_empty(), "{provider}: found no properties in the spec");
    out
}

/// Every problem of one provider, as messages naming provider, property and file to edit.
fn gate(provider: Provider, spec: &Value) -> Vec<String> {
    let Placement { schema: root, lists, .. } = placement(provider);
    let file = format!("crates/customer-core/src/{}.rs", provider.as_str());
    let spec_file = format!("specs/{}.yaml", provider.as_str());
    let properties = spec_properties(provider, spec);
    let listed: BTreeSet<&str> = lists.iter().flat_map(|(_, l)| l.iter().copied()).collect();
    let mut problems = Vec::new();
    for p in &properties {
        if !listed.contains(p.as_str()) {
            problems.push(format!(
                "{provider}: property `{p}` of {root} in {spec_file} is neither mapped nor sent to extra; \
                 map it in {file} and add it to MAPPED, or add it to TO_EXTRA there"
            ));
        }
    }
    for (name, list) in lists {
        for entry in *list {
            if !properties.contains(*entry) {
                problems.push(format!(
                    "{provider}: {name} in {file} lists `{entry}`, which {root} in {spec_file} \
                     does not have; remove it"
                ));
            }
        }
    }
    for (i, (a, la)) in lists.iter().enumerate() {
        for (b, lb) in &lists[i + 1..] {
            for entry in la.iter().filter(|e| lb.contains(e)) {
                problems.push(format!("{provider}: `{entry}` is in both {a} and {b} in {file}; keep one"));
            }
        }
    }
    problems
}

#[test]
fn every_spec_property_is_mapped_or_sent_to_extra() {
    let problems: Vec<String> = Provider::ALL.into_iter().flat_map(|p| gate(p, &common::spec(p))).collect();
    assert!(problems.is_empty(), "mapping coverage gate:\n{}", problems.join("\n"));
}

fn add_property(spec: &mut Value, schema: &str, name: &str) {
    let props = spec["components"]["schemas"][schema]["properties"].as_mapping_mut().expect("properties");
    props.insert(Value::from(name), serde_yaml::from_str("{type: string, nullable: true}").unwrap());
}

fn fails_naming(provider: Provider, spec: &Value, needle: &str) {
    let problems = gate(provider, spec);
    assert!(
        problems.iter().any(|p| p.contains(needle) && p.contains(&format!("src/{}.rs", provider.as_str()))),
        "{provider}: the gate did not object to {needle}: {problems:#?}"
    );
}

#[test]
fn the_gate_objects_to_a_new_top_level_property() {
    let mut spec = common::spec(Provider::Pluuug);
    add_property(&mut spec, "Client", "clientGroup");
    fails_naming(Provider::Pluuug, &spec, "`clientGroup`");

    let mut spec = common::spec(Provider::Nd);
    add_property(&mut spec, "CustomerDetail", "projectNumber");
    fails_naming(Provider::Nd, &spec, "`projectNumber`");
}

#[test]
fn the_gate_objects_to_a_new_nested_property() {
    let mut spec = common::spec(Provider::Gofive);
    add_property(&mut spec, "Contact", "contactLineId");
    fails_naming(Provider::Gofive, &spec, "`contacts[].contactLineId`");
    fails_naming(Provider::Gofive, &spec, "`contact[].contactLineId`");

    let mut spec = common::spec(Provider::Pluuug);
    add_property(&mut spec, "MemberGrade", "level");
    fails_naming(Provider::Pluuug, &spec, "`fieldSet[].field.memberSet[].grade.level`");
}

#[test]
fn the_gate_objects_to_a_new_eshouhou_key() {
    let mut spec = common::spec(Provider::Eshouhou);
    let op = spec["paths"]["/open/v2/Customer/GetCustomer"]["get"].as_mapping_mut().expect("GetCustomer");
    let description = op[&Value::from("description")].as_str().expect("description").to_string();
    op.insert(
        Value::from("description"),
        Value::from(description.replace("最近服务日期,", "最近服务日期, 客户行业,")),
    );
    fails_naming(Provider::Eshouhou, &spec, "`客户行业`");
}

#[test]
fn the_gate_objects_to_a_listed_property_the_spec_dropped() {
    let mut spec = common::spec(Provider::Nd);
    spec["components"]["schemas"]["CustomerDetail"]["properties"]
        .as_mapping_mut()
        .expect("properties")
        .remove("rank");
    fails_naming(Provider::Nd, &spec, "lists `rank`");
}
