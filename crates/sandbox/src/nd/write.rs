//! `PUT /api/customers/` validation with the documented Laravel rules and their messages,
//! checked in the documented order; the first failure is the answer, as nd's `{code, message}`
//! errors carry one message.

use serde_json::{Map, Value, json};

use super::data::{DEPARTMENTS, LEVELS, MANAGERS, ROWS, USERS};

/// The message of an unknown or missing customer id (the docs leak the untranslated key).
pub(crate) const NOT_FOUND_MESSAGE: &str = "trans:validate.CUSTOMER_NOT_FOUND";

const RELATIONSHIPS: [&str; 6] =
    ["intimacy", "recognized", "loose", "breakthrough", "communicating", "target"];
const TYPES: [&str; 3] = ["CLIENT", "TARGET_CUSTOMER", "PROSPECT"];
const FROMS: [&str; 2] = ["channel", "customer"];

/// A validated edit: the fields to write, in request keys.
pub(crate) struct Changes(Map<String, Value>);

/// Laravel's `string,max:N` (characters, as `mb_strlen` counts them).
fn string_max(value: &Value, max: usize) -> bool {
    value.as_str().is_some_and(|s| s.chars().count() <= max)
}

/// Laravel's `integer,min:0`: an integer or a string of digits.
fn non_negative(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn one_of(value: &Value, allowed: &[&str]) -> bool {
    value.as_str().is_some_and(|s| allowed.contains(&s))
}

/// A request key, the message when its rule fails, and the rule.
type Rule<'a> = (&'a str, &'static str, &'a dyn Fn(&Value) -> bool);

/// The first failing rule's message, or the fields to write.
pub(crate) fn validate(request: &Map<String, Value>) -> Result<Changes, &'static str> {
    let present = |key: &str| request.get(key);
    // `name`: its message says it must not be empty, so it is required on every edit.
    match present("name") {
        Some(v) if string_max(v, 64) && v.as_str().is_some_and(|s| !s.trim().is_empty()) => {}
        _ => return Err("客户名称不能为空,不能超过64个字符"),
    }
    let checks: [Rule<'_>; 13] = [
        ("manager_id", "负责人不存在", &|v| {
            non_negative(v).is_some_and(|id| MANAGERS.iter().any(|(m, _)| *m == id))
        }),
        ("description", "描述不能超过255个字符", &|v| string_max(v, 255)),
        ("industry_id", "行业不存在", &|v| {
            non_negative(v).is_some_and(|id| ROWS.iter().any(|r| r.industry.0 == id))
        }),
        ("area_code", "区域不存在", &|v| area(v).is_some()),
        ("level_id", "客户等级不存在", &|v| {
            non_negative(v).is_some_and(|id| LEVELS.iter().any(|(l, _)| *l == id))
        }),
        ("address", "地址不能超过255个字符", &|v| string_max(v, 255)),
        ("department_id", "部门不存在", &|v| {
            non_negative(v).is_some_and(|id| DEPARTMENTS.iter().any(|(d, _)| *d == id))
        }),
        ("partner_relationship", "合作关系字段错误", &|v| one_of(v, &RELATIONSHIPS)),
        ("type", "客户类型不正确", &|v| one_of(v, &TYPES)),
        ("followers", "关注者错误", &|v| {
            v.as_array().is_some_and(|ids| {
                ids.iter().all(|id| non_negative(id).is_some_and(|id| USERS.iter().any(|(u, _)| *u == id)))
            })
        }),
        ("from", "来源字段错误", &|v| one_of(v, &FROMS)),
        // The rule says max:32, the message 255: the rule is what a validator enforces.
        ("advantageous_industry", "优势行业不能超过255个字符", &|v| string_max(v, 32)),
        ("credit_situation", "信用情况不能超过255个字符", &|v| string_max(v, 32)),
    ];
    for (key, message, ok) in checks {
        if let Some(value) = present(key)
            && !ok(value)
        {
            return Err(message);
        }
    }
    Ok(Changes(request.clone()))
}

/// The area (names and codes) for an `area_code` of a known region: the district code as a
/// string, or the `[province, city, district]` codes.
fn area(value: &Value) -> Option<(&'static [&'static str; 3], &'static [&'static str; 3])> {
    let district = match value {
        Value::String(s) => s.as_str(),
        Value::Array(codes) => codes.last()?.as_str()?,
        _ => return None,
    };
    ROWS.iter().find(|r| r.area_code[2] == district).map(|r| (&r.area, &r.area_code))
}

/// Writes a validated edit into the detail object and the list item.
pub(crate) fn apply(changes: &Changes, detail: &mut Value, item: &mut Value) {
    let (Some(detail), Some(item)) = (detail.as_object_mut(), item.as_object_mut()) else { return };
    fn put(detail: &mut Map<String, Value>, item: &mut Map<String, Value>, key: &str, value: Value) {
        detail.insert(key.to_owned(), value.clone());
        item.insert(key.to_owned(), value);
    }
    for (key, value) in &changes.0 {
        match key.as_str() {
            "name" | "description" | "type" | "from" => put(detail, item, key, value.clone()),
            "partner_relationship" => put(detail, item, "partnerRelationship", value.clone()),
            "advantageous_industry" => put(detail, item, "advantageousIndustry", value.clone()),
            "credit_situation" => put(detail, item, "creditSituation", value.clone()),
            "manager_id" => {
                let id = non_negative(value).unwrap_or_default();
                let name = MANAGERS.iter().find(|(m, _)| *m == id).map_or("", |(_, n)| *n);
                put(detail, item, "managerId", json!(id));
                put(detail, item, "managerName", json!(name));
            }
            "industry_id" => {
                let id = non_negative(value).unwrap_or_default();
                if let Some(row) = ROWS.iter().find(|r| r.industry.0 == id) {
                    put(detail, item, "industryPath", json!(row.industry.1));
                }
                detail.insert("industry_id".into(), json!(id));
                item.insert("industryId".into(), json!(id));
            }
            "area_code" => {
                if let Some((names, codes)) = area(value) {
                    put(detail, item, "area", json!(names));
                    put(detail, item, "areaCode", json!(codes));
                }
            }
            "level_id" => {
                let id = non_negative(value).unwrap_or_default();
                let name = LEVELS.iter().find(|(l, _)| *l == id).map_or("", |(_, n)| *n);
                put(detail, item, "levelName", json!(name));
                item.insert("levelId".into(), json!(id));
            }
            "department_id" => {
                let id = non_negative(value).unwrap_or_default();
                if let Some((_, path)) = DEPARTMENTS.iter().find(|(d, _)| *d == id) {
                    put(detail, item, "departmentPath", json!(path));
                }
                item.insert("departmentId".into(), json!(id));
            }
            "address" => {
                item.insert("address".into(), value.clone());
            }
            "followers" => {
                let ids: Vec<u64> = value.as_array().into_iter().flatten().filter_map(non_negative).collect();
                let names: Vec<Value> = ids
                    .iter()
                    .filter_map(|id| USERS.iter().find(|(u, _)| u == id))
                    .map(|(id, name)| json!({"id": id, "name": name}))
                    .collect();
                put(detail, item, "followers", json!(ids));
                detail.insert("followerNames".into(), json!(names));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(request: Value) -> Result<(), &'static str> {
        validate(request.as_object().unwrap()).map(|_| ())
    }

    #[test]
    fn documented_rules_and_messages() {
        assert_eq!(check(json!({"id": "x", "name": "金华职业技术学院"})), Ok(()));
        assert_eq!(check(json!({"id": "x"})), Err("客户名称不能为空,不能超过64个字符"));
        assert_eq!(check(json!({"name": "长".repeat(65)})), Err("客户名称不能为空,不能超过64个字符"));
        assert_eq!(check(json!({"name": "长".repeat(64)})), Ok(()));
        assert_eq!(check(json!({"name": "a", "type": "PARTNER"})), Err("客户类型不正确"));
        assert_eq!(check(json!({"name": "a", "from": "web"})), Err("来源字段错误"));
        assert_eq!(check(json!({"name": "a", "partner_relationship": "close"})), Err("合作关系字段错误"));
        assert_eq!(check(json!({"name": "a", "manager_id": -1})), Err("负责人不存在"));
        assert_eq!(check(json!({"name": "a", "manager_id": "87"})), Ok(()));
        assert_eq!(
            check(json!({"name": "a", "advantageous_industry": "x".repeat(33)})),
            Err("优势行业不能超过255个字符")
        );
        assert_eq!(check(json!({"name": "a", "followers": [1, 999]})), Err("关注者错误"));
        assert_eq!(check(json!({"name": "a", "area_code": ["33", "3301", "330106"]})), Ok(()));
        assert_eq!(check(json!({"name": "a", "area_code": "999999"})), Err("区域不存在"));
    }
}
