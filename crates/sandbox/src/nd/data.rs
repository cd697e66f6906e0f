//! nd's seeded dataset: twenty Chinese customers (mostly Zhejiang public-sector and enterprise
//! accounts) under 24-hex-digit ids, two more under `w…` ids that are served wrapped in
//! `{code, message, data}`, and the documented example (`id`).
//!
//! The documented contradictions are spread across the records: `areaCode` an array on most and a
//! string on some, `totalTurnover` a number on most and a string on some, the receivables strings
//! on most and numbers on some, one unknown `type`.

use std::collections::HashMap;

use bytes::Bytes;
use serde_json::{Map, Value, json};

use crate::rng::SplitMix;

/// The documentation's example, with its curly quotes (invalid JSON) made straight.
const EXAMPLE: &str = include_str!("../../data/nd_customer_id.json");

/// Seeded customers: detail bodies pre-serialized, list items ready to page.
pub(crate) struct Data {
    pub(crate) ids: Vec<String>,
    pub(crate) customers: HashMap<String, Bytes>,
    pub(crate) list_items: Vec<Value>,
    /// A complete bare detail object, the base of the records served for reserved ids.
    pub(crate) template: Value,
}

pub(super) struct Row {
    name: &'static str,
    pub(super) area: [&'static str; 3],
    pub(super) area_code: [&'static str; 3],
    pub(super) industry: (u64, [&'static str; 3]),
    address: &'static str,
}

#[rustfmt::skip]
pub(super) const ROWS: [Row; 22] = [
    Row { name: "金华职业技术学院", area: ["浙江省", "金华市", "婺城区"], area_code: ["33", "3307", "330702"], industry: (21, ["教育", "高等教育", "职业院校"]), address: "海棠西路888号" },
    Row { name: "浙江省监狱管理局", area: ["浙江省", "杭州市", "西湖区"], area_code: ["33", "3301", "330106"], industry: (67, ["政府", "司法", "监狱"]), address: "文三路189号" },
    Row { name: "杭州市西湖区人民医院", area: ["浙江省", "杭州市", "西湖区"], area_code: ["33", "3301", "330106"], industry: (34, ["医疗", "公立医院", "二级医院"]), address: "北山街道保俶路120号" },
    Row { name: "宁波港信息通信有限公司", area: ["浙江省", "宁波市", "北仑区"], area_code: ["33", "3302", "330206"], industry: (45, ["交通运输", "港口", "信息化"]), address: "新碶街道明州路301号" },
    Row { name: "温州大学", area: ["浙江省", "温州市", "瓯海区"], area_code: ["33", "3303", "330304"], industry: (22, ["教育", "高等教育", "本科院校"]), address: "茶山街道高教园区" },
    Row { name: "绍兴市公安局", area: ["浙江省", "绍兴市", "越城区"], area_code: ["33", "3306", "330602"], industry: (68, ["政府", "公安", "市局"]), address: "解放北路1号" },
    Row { name: "嘉兴电力设计院有限公司", area: ["浙江省", "嘉兴市", "南湖区"], area_code: ["33", "3304", "330402"], industry: (52, ["能源", "电力", "设计院"]), address: "中环南路1366号" },
    Row { name: "湖州市教育局", area: ["浙江省", "湖州市", "吴兴区"], area_code: ["33", "3305", "330502"], industry: (69, ["政府", "教育", "市局"]), address: "仁皇山路666号" },
    Row { name: "台州海事局", area: ["浙江省", "台州市", "椒江区"], area_code: ["33", "3310", "331002"], industry: (70, ["政府", "交通", "海事"]), address: "东海大道818号" },
    Row { name: "丽水市人民政府办公室", area: ["浙江省", "丽水市", "莲都区"], area_code: ["33", "3311", "331102"], industry: (71, ["政府", "综合", "办公室"]), address: "花园路1号" },
    Row { name: "衢州职业技术学院", area: ["浙江省", "衢州市", "柯城区"], area_code: ["33", "3308", "330802"], industry: (21, ["教育", "高等教育", "职业院校"]), address: "九华北大道18号" },
    Row { name: "舟山海洋科技有限公司", area: ["浙江省", "舟山市", "定海区"], area_code: ["33", "3309", "330902"], industry: (81, ["企业", "海洋", "科技"]), address: "临城街道海天大道681号" },
    Row { name: "杭州钱江数据服务有限公司", area: ["浙江省", "杭州市", "滨江区"], area_code: ["33", "3301", "330108"], industry: (82, ["企业", "信息技术", "数据服务"]), address: "长河街道江南大道3850号" },
    Row { name: "义乌国际商贸城管理中心", area: ["浙江省", "金华市", "义乌市"], area_code: ["33", "3307", "330782"], industry: (83, ["企业", "商贸", "市场管理"]), address: "福田街道国际商贸城一区" },
    Row { name: "上海浦东新区政务服务中心", area: ["上海市", "上海市", "浦东新区"], area_code: ["31", "3101", "310115"], industry: (72, ["政府", "政务", "服务中心"]), address: "合欢路2号" },
    Row { name: "江苏省电信有限公司南京分公司", area: ["江苏省", "南京市", "鼓楼区"], area_code: ["32", "3201", "320106"], industry: (11, ["电信", "运营商", "分公司"]), address: "中山北路88号" },
    Row { name: "安徽省交通控股集团", area: ["安徽省", "合肥市", "包河区"], area_code: ["34", "3401", "340111"], industry: (46, ["交通运输", "高速公路", "集团"]), address: "西藏路1666号" },
    Row { name: "福建省厦门市税务局", area: ["福建省", "厦门市", "思明区"], area_code: ["35", "3502", "350203"], industry: (73, ["政府", "税务", "市局"]), address: "湖滨南路230号" },
    Row { name: "深圳市南山区人民法院", area: ["广东省", "深圳市", "南山区"], area_code: ["44", "4403", "440305"], industry: (74, ["政府", "司法", "法院"]), address: "南山大道2096号" },
    Row { name: "武汉光谷联合集团", area: ["湖北省", "武汉市", "洪山区"], area_code: ["42", "4201", "420111"], industry: (84, ["企业", "园区", "集团"]), address: "关山大道1号" },
    Row { name: "杭州师范大学", area: ["浙江省", "杭州市", "余杭区"], area_code: ["33", "3301", "330110"], industry: (22, ["教育", "高等教育", "本科院校"]), address: "余杭塘路2318号" },
    Row { name: "浙江省气象局", area: ["浙江省", "杭州市", "西湖区"], area_code: ["33", "3301", "330106"], industry: (75, ["政府", "气象", "省局"]), address: "莫干山路2号" },
];

/// How many of `ROWS` (at the end) are served wrapped under `w…` ids.
const WRAPPED: usize = 2;

pub(super) const MANAGERS: [(u64, &str); 6] =
    [(87, "张三"), (12, "李四"), (35, "王五"), (41, "赵六"), (56, "钱七"), (63, "孙八")];

pub(super) const USERS: [(u64, &str); 6] =
    [(1, "张三"), (2, "李明"), (3, "陈芳"), (5, "周杰"), (8, "吴静"), (13, "郑浩")];

pub(super) const DEPARTMENTS: [(u64, &[&str]); 5] = [
    (3, &["亚服", "服务站", "浙江站"]),
    (4, &["亚服", "服务站", "杭州站"]),
    (7, &["华东大区", "销售一部"]),
    (8, &["华东大区", "销售二部"]),
    (11, &["政企事业部", "司法行业组"]),
];

pub(super) const LEVELS: [(u64, &str); 4] = [(1, "战略级"), (2, "重点级"), (3, "普通级"), (5, "潜力级")];

const TYPES: [&str; 3] = ["CLIENT", "TARGET_CUSTOMER", "PROSPECT"];

const RELATIONSHIPS: [&str; 6] =
    ["intimacy", "recognized", "loose", "breakthrough", "communicating", "target"];

const DESCRIPTIONS: [&str; 4] = ["非常 nice 的客户", "", "年度框架协议客户，需季度回访", "招投标项目跟进中"];

/// Fields only the list endpoint returns.
struct ListExtras {
    level_id: u64,
    department_id: u64,
    project_number: u64,
    address: &'static str,
    is_pinned: bool,
}

fn money(cents: u64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

fn detail(i: usize, id: &str, row: &Row) -> (Value, ListExtras) {
    let (manager_id, manager_name) = MANAGERS[i % MANAGERS.len()];
    let (department_id, department_path) = DEPARTMENTS[i % DEPARTMENTS.len()];
    let (level_id, level_name) = LEVELS[i % LEVELS.len()];
    let followers: Vec<(u64, &str)> = match i % 4 {
        0 => vec![USERS[0], USERS[1], USERS[2]],
        1 => vec![USERS[(i / 4) % USERS.len()]],
        2 => vec![],
        _ => vec![USERS[3], USERS[5]],
    };
    let kind = if i == 7 { "VIP_CLIENT" } else { TYPES[i % TYPES.len()] };
    let turnover_cents = 232_432 + i as u64 * 1_873_519;
    let receivable_cents = (i as u64 * 41_397) % 2_000_000;
    let retention_cents = (i as u64 * 13_337 + 43_499) % 900_000;
    let mut m = Map::new();
    m.insert("id".into(), json!(id));
    m.insert("customerNo".into(), json!(format!("{:05}", i + 2)));
    m.insert("name".into(), json!(row.name));
    m.insert(
        "description".into(),
        if i == 10 { Value::Null } else { json!(DESCRIPTIONS[i % DESCRIPTIONS.len()]) },
    );
    m.insert("from".into(), json!(if i % 3 == 1 { "channel" } else { "customer" }));
    m.insert("managerName".into(), json!(manager_name));
    m.insert("managerId".into(), json!(manager_id));
    m.insert("departmentPath".into(), json!(department_path));
    m.insert("industry_id".into(), json!(row.industry.0));
    m.insert("industryPath".into(), json!(row.industry.1));
    m.insert("area".into(), json!(row.area));
    // Documented as a string, exemplified as an array: most send the array.
    let area_code = if matches!(i, 3 | 9 | 16) { json!(row.area_code[2]) } else { json!(row.area_code) };
    m.insert("areaCode".into(), area_code);
    m.insert("partnerRelationship".into(), json!(RELATIONSHIPS[i % RELATIONSHIPS.len()]));
    let turnover =
        if i % 5 == 4 { json!(money(turnover_cents)) } else { json!(turnover_cents as f64 / 100.0) };
    m.insert("totalTurnover".into(), turnover);
    m.insert("transactionNumber".into(), json!((i * 7) % 23));
    m.insert("rank".into(), json!(i + 2));
    m.insert("levelName".into(), json!(level_name));
    m.insert("type".into(), json!(kind));
    m.insert("followers".into(), json!(followers.iter().map(|(id, _)| *id).collect::<Vec<_>>()));
    m.insert(
        "followerNames".into(),
        json!(followers.iter().map(|(id, name)| json!({"id": id, "name": name})).collect::<Vec<_>>()),
    );
    m.insert(
        "createdAt".into(),
        json!(format!(
            "20{:02}-{:02}-{:02} {:02}:{:02}:{:02}",
            19 + i % 6,
            1 + i % 12,
            1 + (i * 11) % 28,
            8 + i % 10,
            (i * 13) % 60,
            (i * 29) % 60
        )),
    );
    let numeric_money = i % 6 == 5;
    let receivables =
        if numeric_money { json!(receivable_cents as f64 / 100.0) } else { json!(money(receivable_cents)) };
    let retention = if numeric_money || i == 8 {
        json!(retention_cents as f64 / 100.0)
    } else {
        json!(money(retention_cents))
    };
    m.insert("outstandingReceivables".into(), receivables);
    m.insert("retentionMoney".into(), retention);
    m.insert("advantageousIndustry".into(), json!(["电信", "政府", "教育", ""][i % 4]));
    m.insert("creditSituation".into(), json!(["优秀", "良好", "一般", ""][i % 4]));
    let extras = ListExtras {
        level_id,
        department_id,
        project_number: (i as u64 * 17) % 120,
        address: row.address,
        is_pinned: i.is_multiple_of(9),
    };
    (Value::Object(m), extras)
}

/// The list endpoint's shape of a customer: the detail fields it shares (with `industryId`
/// camelCase and `areaCode` always an array) plus the list-only fields.
fn list_item(detail: &Value, extras: &ListExtras) -> Value {
    let area_code = match detail["areaCode"].as_str() {
        Some(code) if code.len() == 6 && code.is_ascii() => json!([&code[..2], &code[..4], code]),
        _ => detail["areaCode"].clone(),
    };
    json!({
        "id": detail["id"],
        "customerNo": detail["customerNo"],
        "name": detail["name"],
        "description": detail["description"],
        "levelName": detail["levelName"],
        "managerId": detail["managerId"],
        "industryId": detail["industry_id"],
        "totalTurnover": detail["totalTurnover"],
        "rank": detail["rank"],
        "partnerRelationship": detail["partnerRelationship"],
        "levelId": extras.level_id,
        "industryPath": detail["industryPath"],
        "managerName": detail["managerName"],
        "areaCode": area_code,
        "area": detail["area"],
        "departmentId": extras.department_id,
        "departmentPath": detail["departmentPath"],
        "projectNumber": extras.project_number,
        "address": extras.address,
        "type": detail["type"],
        "followers": detail["followers"],
        "createdAt": detail["createdAt"],
        "from": detail["from"],
        "advantageousIndustry": detail["advantageousIndustry"],
        "creditSituation": detail["creditSituation"],
        "isPinned": extras.is_pinned,
    })
}

/// `{"code":0,"message":"success","data":...}`.
pub(crate) fn wrapped(data: Value) -> Value {
    json!({"code": 0, "message": "success", "data": data})
}

/// `count` generated customers (detail and list item) after the seeded ones, for tests that
/// need more than nd's paginate can reach (100 pages): the seeded rows again under new ids and
/// numbered names.
pub(super) fn extra(count: usize) -> Vec<(String, Value, Value)> {
    // "nd-more" in ASCII: any fixed seed would do.
    let mut rng = SplitMix::new(0x006e_642d_6d6f_7265);
    let plain = ROWS.len() - WRAPPED;
    (0..count)
        .map(|k| {
            let i = k % plain;
            let id = format!("{:08x}{}", 0x7000_0000 + k as u64 * 0x0000_0101, rng.hex(16));
            let (mut record, extras) = detail(i, &id, &ROWS[i]);
            if let Some(map) = record.as_object_mut() {
                map.insert("name".into(), json!(format!("{}（{}号）", ROWS[i].name, k + 1)));
                map.insert("customerNo".into(), json!(format!("{:05}", 100 + k)));
            }
            let item = list_item(&record, &extras);
            (id, record, item)
        })
        .collect()
}

impl Data {
    pub(crate) fn build() -> Data {
        // "nd-crm" in ASCII: any fixed seed would do.
        let mut rng = SplitMix::new(0x6e64_2d63_726d);
        let mut ids = vec!["id".to_owned()];
        let mut customers = HashMap::new();
        customers.insert("id".to_owned(), Bytes::from_static(EXAMPLE.as_bytes()));
        let example: Value = serde_json::from_str(EXAMPLE).unwrap_or_default();
        let mut list_items = vec![list_item(
            &example,
            // The list page's example values.
            &ListExtras {
                level_id: 5,
                department_id: 3,
                project_number: 99,
                address: "辖沙街道",
                is_pinned: true,
            },
        )];
        let mut template = Value::Null;
        for (i, row) in ROWS.iter().enumerate() {
            let is_wrapped = i >= ROWS.len() - WRAPPED;
            // Shaped like a MongoDB ObjectId: 4 bytes of creation time, then 8 more.
            let id = if is_wrapped {
                format!("w{}", rng.hex(23))
            } else {
                format!("{:08x}{}", 0x6000_0000 + i as u64 * 0x0012_3457, rng.hex(16))
            };
            let (record, extras) = detail(i, &id, row);
            list_items.push(list_item(&record, &extras));
            let body = if is_wrapped { wrapped(record.clone()) } else { record.clone() };
            customers.insert(id.clone(), Bytes::from(body.to_string()));
            if i == 0 {
                template = record;
            }
            ids.push(id);
        }
        Data { ids, customers, list_items, template }
    }
}

/// The seeded data, built once per process and shared by every sandbox.
pub(crate) fn get() -> &'static Data {
    static DATA: std::sync::LazyLock<Data> = std::sync::LazyLock::new(Data::build);
    &DATA
}
