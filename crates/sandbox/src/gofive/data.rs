//! Gofive's seeded dataset: twenty Thai companies and people (`C000001`..=`C000020`) and the
//! documented example (`C000055`, verbatim: every value `"string"`, `contact` not `contacts`).

use std::collections::HashMap;

use bytes::Bytes;
use serde_json::{Map, Value, json};

/// The documentation's example response, byte for byte.
const EXAMPLE_C000055: &str = include_str!("../../data/gofive_customer_C000055.json");

/// Seeded customers, with whole envelopes pre-serialized.
pub(crate) struct Data {
    pub(crate) ids: Vec<String>,
    pub(crate) customers: HashMap<String, Bytes>,
    /// A complete `data` object, the base of the records served for reserved ids.
    pub(crate) template: Value,
}

/// Business (1) or individual (2), as `customerType`.
const BUSINESS: u8 = 1;
const PERSON: u8 = 2;

table_row! {
    struct Row {
        name: &'static str,
        english: &'static str,
        kind: u8,
        phone: &'static str,
        mobile: &'static str,
        email: &'static str,
        address: &'static str,
        latitude: &'static str,
        longitude: &'static str,
    }
}

#[rustfmt::skip]
const ROWS: [Row; 20] = [
    row("บริษัท สยามเทคโนโลยี จำกัด", "Siam Technology Co., Ltd.", BUSINESS, "02-123-4567", "081-234-5678", "contact@siamtech.co.th", "99/9 ถนนสุขุมวิท แขวงคลองเตยเหนือ เขตวัฒนา กรุงเทพมหานคร 10110", "13.7375", "100.5601"),
    row("บริษัท กรุงเทพ ฟู้ด ซัพพลาย จำกัด", "Bangkok Food Supply Co., Ltd.", BUSINESS, "02-234-5678", "089-111-2233", "sales@bkkfoodsupply.com", "88 ถนนพระราม 4 แขวงสีลม เขตบางรัก กรุงเทพมหานคร 10500", "13.7262", "100.5312"),
    row("สมชาย ใจดี", "Somchai Jaidee", PERSON, "", "0812345678", "somchai.j@gmail.com", "45/12 หมู่ 3 ตำบลบางพูด อำเภอปากเกร็ด จังหวัดนนทบุรี 11120", "13.9125", "100.4983"),
    row("ห้างหุ้นส่วนจำกัด เชียงใหม่ คราฟท์", "Chiang Mai Craft Ltd., Part.", BUSINESS, "053-221-456", "086-789-0123", "hello@cmcraft.co.th", "12 ถนนนิมมานเหมินท์ ตำบลสุเทพ อำเภอเมืองเชียงใหม่ จังหวัดเชียงใหม่ 50200", "18.7964", "98.9680"),
    row("บริษัท ภูเก็ต มารีน เซอร์วิส จำกัด", "Phuket Marine Service Co., Ltd.", BUSINESS, "076-390-123", "087-654-3210", "booking@phuketmarine.com", "7/1 ถนนเจ้าฟ้าตะวันออก ตำบลฉลอง อำเภอเมืองภูเก็ต จังหวัดภูเก็ต 83130", "7.8430", "98.3380"),
    row("สุนิสา วงศ์สวัสดิ์", "Sunisa Wongsawat", PERSON, "", "095-432-1098", "sunisa.w@hotmail.com", "199 ถนนมิตรภาพ ตำบลในเมือง อำเภอเมืองขอนแก่น จังหวัดขอนแก่น 40000", "16.4419", "102.8360"),
    row("บริษัท ไทยโลจิสติกส์ พลัส จำกัด (มหาชน)", "Thai Logistics Plus PCL", BUSINESS, "02-345-6789", "081-999-8877", "ir@thailogisticsplus.co.th", "555 ถนนบางนา-ตราด กม.18 ตำบลบางโฉลง อำเภอบางพลี จังหวัดสมุทรปราการ 10540", "13.6317", "100.7460"),
    row("บริษัท ขอนแก่น อะกริ จำกัด", "Khon Kaen Agri Co., Ltd.", BUSINESS, "043-246-810", "084-321-6540", "info@kkagri.co.th", "123 หมู่ 5 ตำบลศิลา อำเภอเมืองขอนแก่น จังหวัดขอนแก่น 40000", "16.4836", "102.8210"),
    row("ประเสริฐ ศรีสุข", "Prasert Srisuk", PERSON, "02-987-6543", "089-222-3344", "prasert.s@yahoo.co.th", "32 ซอยลาดพร้าว 71 แขวงสะพานสอง เขตวังทองหลาง กรุงเทพมหานคร 10310", "13.7951", "100.6050"),
    row("บริษัท รัตนโกสินทร์ คอนสตรัคชั่น จำกัด", "Rattanakosin Construction Co., Ltd.", BUSINESS, "02-456-7890", "081-456-7890", "project@rtkconstruction.co.th", "1000 ถนนพหลโยธิน แขวงจตุจักร เขตจตุจักร กรุงเทพมหานคร 10900", "13.8160", "100.5600"),
    row("บริษัท โคราช เอ็นเนอร์จี จำกัด", "Korat Energy Co., Ltd.", BUSINESS, "044-255-789", "086-123-4567", "contact@koratenergy.co.th", "88 ถนนมิตรภาพ ตำบลในเมือง อำเภอเมืองนครราชสีมา จังหวัดนครราชสีมา 30000", "14.9799", "102.0978"),
    row("นภัสสร แก้วมณี", "Napatsorn Kaewmanee", PERSON, "", "062-345-6789", "napatsorn.k@gmail.com", "9/99 หมู่ 6 ตำบลหนองปรือ อำเภอบางละมุง จังหวัดชลบุรี 20150", "12.9276", "100.8771"),
    row("บริษัท หาดใหญ่ เทรดดิ้ง จำกัด", "Hat Yai Trading Co., Ltd.", BUSINESS, "074-234-567", "081-678-9012", "trade@hatyaitrading.com", "15 ถนนนิพัทธ์อุทิศ 3 ตำบลหาดใหญ่ อำเภอหาดใหญ่ จังหวัดสงขลา 90110", "7.0086", "100.4747"),
    row("บริษัท อยุธยา ออโตพาร์ท จำกัด", "Ayutthaya Autopart Co., Ltd.", BUSINESS, "035-336-789", "089-876-5432", "sales@ayutthaya-autopart.co.th", "60 หมู่ 2 นิคมอุตสาหกรรมโรจนะ ตำบลคานหาม อำเภออุทัย จังหวัดพระนครศรีอยุธยา 13210", "14.3270", "100.6430"),
    row("วีระพงษ์ ทองดี", "Weerapong Thongdee", PERSON, "", "091-234-5678", "", "77 ถนนเพชรเกษม ตำบลหน้าเมือง อำเภอเมืองราชบุรี จังหวัดราชบุรี 70000", "", ""),
    row("บริษัท ชลบุรี แพคเกจจิ้ง จำกัด", "Chonburi Packaging Co., Ltd.", BUSINESS, "038-456-123", "085-567-8901", "order@cbpack.co.th", "300/5 หมู่ 1 ตำบลบึง อำเภอศรีราชา จังหวัดชลบุรี 20230", "13.1500", "100.9300"),
    row("บริษัท นนทบุรี เมดิคอล จำกัด", "Nonthaburi Medical Co., Ltd.", BUSINESS, "02-589-0123", "082-345-6781", "info@nbmedical.co.th", "22 ถนนรัตนาธิเบศร์ ตำบลบางกระสอ อำเภอเมืองนนทบุรี จังหวัดนนทบุรี 11000", "13.8620", "100.5140"),
    row("กาญจนา บุญมา", "Kanjana Boonma", PERSON, "", "098-765-4321", "kanjana.b@outlook.com", "5 ถนนราชดำเนิน ตำบลในเมือง อำเภอเมืองนครศรีธรรมราช จังหวัดนครศรีธรรมราช 80000", "8.4304", "99.9631"),
    row("บริษัท อุดร ดิจิทัล มีเดีย จำกัด", "Udon Digital Media Co., Ltd.", BUSINESS, "042-123-987", "083-210-9876", "hello@udondigital.co.th", "18 ถนนโพศรี ตำบลหมากแข้ง อำเภอเมืองอุดรธานี จังหวัดอุดรธานี 41000", "17.4138", "102.7870"),
    row("ธนพล เจริญผล", "Thanapon Charoenphon", PERSON, "02-111-2222", "080-111-2222", "thanapon.c@gmail.com", "250 ถนนเจริญกรุง แขวงบางคอแหลม เขตบางคอแหลม กรุงเทพมหานคร 10120", "13.6960", "100.5020"),
];

/// `customerState` per customer: 1 Lead, 2 Prospect, 3 Customer, and one undocumented 7.
const STATES: [u8; 20] = [3, 3, 1, 2, 3, 2, 3, 1, 3, 3, 2, 3, 3, 1, 3, 3, 7, 2, 3, 1];

const CONTACTS: [(&str, &str, &str); 6] = [
    ("คุณวิภา รักษ์ไทย", "ผู้จัดการฝ่ายจัดซื้อ", "wipa"),
    ("คุณอนันต์ มั่นคง", "ผู้อำนวยการฝ่ายไอที", "anan"),
    ("คุณพรทิพย์ สุขสมบูรณ์", "เจ้าหน้าที่บัญชี", "pornthip"),
    ("คุณสมศักดิ์ ดวงดี", "กรรมการผู้จัดการ", "somsak"),
    ("คุณจิราพร ศรีวงศ์", "ฝ่ายขาย", "jiraporn"),
    ("คุณกิตติ พัฒนา", "วิศวกรโครงการ", "kitti"),
];

/// Inserts `value` under `key`, or leaves the key out when `value` is `None`.
fn put(map: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(value) = value {
        map.insert(key.to_owned(), value);
    }
}

fn domain(email: &str) -> &str {
    email.split_once('@').map_or("example.co.th", |(_, d)| d)
}

/// A 13-digit Thai tax id: juristic persons start with 0, citizens with 1 or 3.
fn tax_id(i: usize, kind: u8) -> String {
    let serial = 100_003 + i as u64 * 37_171;
    if kind == BUSINESS {
        format!("0105{}{:06}", 550 + i % 12, serial % 1_000_000)
    } else {
        format!("{}1007{:08}", 1 + 2 * (i % 2), (serial * 31) % 100_000_000)
    }
}

fn contacts(i: usize, row: &Row) -> Vec<Value> {
    if row.kind == PERSON {
        return Vec::new();
    }
    let count = 1 + i % 3;
    (0..count)
        .map(|k| {
            let (name, position, handle) = CONTACTS[(i + k * 2) % CONTACTS.len()];
            json!({
                "contactName": name,
                "contactPicture": if k == 0 { json!(format!("https://cdn.gofive.co.th/venio/contacts/{handle}.jpg")) } else { json!("") },
                "contactPhone": row.phone,
                "contactMobile": format!("08{}-{:03}-{:04}", (i + k) % 10, 100 + i * 7 + k, 1000 + i * 131 + k * 17),
                "contactEmail": format!("{handle}@{}", domain(row.email)),
                "contactSocialAccount": if (i + k).is_multiple_of(2) { json!({"line": format!("@{handle}")}) } else { Value::Null },
                "contactPosition": position,
                "contactBirthdate": if k == 0 { json!(format!("19{}-{:02}-{:02}", 70 + i % 25, 1 + i % 12, 1 + (i * 3) % 28)) } else { Value::Null },
                "contactNote": if k == 1 { "ติดต่อได้เฉพาะเวลาทำการ" } else { "" },
                "contactStatus": !(i == 9 && k == 1),
            })
        })
        .collect()
}

/// A coordinate as sent: individuals carry numbers (the vendor's C# model has `double?`),
/// businesses the decimal strings the docs show; an empty one stays an empty string.
fn coordinate(text: &str, kind: u8) -> Value {
    match text.parse::<f64>() {
        Ok(number) if kind == PERSON => json!(number),
        _ => json!(text),
    }
}

/// An individual's single `contact` object (the vendor model's shape for `customerType` 2).
fn person_contact(i: usize, row: &Row) -> Value {
    let handle = row.english.split_whitespace().next().unwrap_or("contact").to_lowercase();
    json!({
        "contactName": row.name,
        "contactPicture": "",
        "contactPhone": row.phone,
        "contactMobile": row.mobile,
        "contactEmail": row.email,
        "contactSocialAccount": if i.is_multiple_of(2) { json!({"line": format!("@{handle}")}) } else { Value::Null },
        "contactPosition": if i == 8 { "เจ้าของกิจการ" } else { "" },
        "contactBirthdate": Value::Null,
        "contactNote": "",
        "contactStatus": true,
    })
}

fn addresses(i: usize, row: &Row) -> Vec<Value> {
    if i == 17 {
        return Vec::new();
    }
    let latitude = match i {
        10 => Value::Null,
        _ => coordinate(row.latitude, row.kind),
    };
    let mut list = vec![json!({
        "locationName": if row.kind == BUSINESS { "สำนักงานใหญ่" } else { "บ้าน" },
        "locationAddress": row.address,
        "locationType": 1,
        "latitude": latitude,
        "longitude": coordinate(row.longitude, row.kind),
    })];
    if i.is_multiple_of(5) {
        list.push(json!({
            "locationName": "คลังสินค้า",
            "locationAddress": "49 หมู่ 9 ถนนเทพารักษ์ ตำบลบางเสาธง อำเภอบางเสาธง จังหวัดสมุทรปราการ 10570",
            "locationType": 2,
            "latitude": coordinate("13.5938", row.kind),
            "longitude": coordinate("100.7870", row.kind),
        }));
    }
    list
}

/// Custom fields shaped like the vendor's model: `{customFieldName, customFieldValue: [string]}`.
fn custom_fields(i: usize, kind: u8) -> Vec<Value> {
    if i % 6 == 5 {
        return Vec::new();
    }
    let field = |name: &str, values: Value| json!({"customFieldName": name, "customFieldValue": values});
    let all = [
        field("ขนาดบริษัท", json!([(["1-10 คน", "11-50 คน", "51-200 คน"][i % 3])])),
        field("จำนวนสาขา", json!([(1 + i % 4).to_string()])),
        field(
            "ช่องทางที่สนใจ",
            if i.is_multiple_of(4) { json!(["LINE", "Facebook"]) } else { json!(["Email"]) },
        ),
        field("วันที่เริ่มสัญญา", json!([format!("2024-{:02}-15", 1 + i % 12)])),
        field("หมายเหตุภายใน", if i == 13 { Value::Null } else { json!([]) }),
    ];
    all.into_iter()
        .enumerate()
        .filter(|(k, _)| kind == BUSINESS || *k >= 2)
        .filter(|(k, _)| (k + i) % 4 != 3)
        .map(|(_, field)| field)
        .collect()
}

fn customer(i: usize, row: &Row) -> Value {
    let code = format!("C{:06}", i + 1);
    let state = STATES[i];
    let business = row.kind == BUSINESS;
    let short = row.english.split_whitespace().next().unwrap_or(row.english);
    let mut m = Map::new();
    m.insert("customerId".into(), json!((480_201 + i).to_string()));
    m.insert("customerName".into(), json!(row.name));
    m.insert("customerCode".into(), json!(code));
    m.insert("customerState".into(), json!(state));
    put(&mut m, "customerType", (i != 19).then(|| json!(row.kind)));
    let status = match i {
        7 => 1,
        13 => 2,
        _ => 0,
    };
    m.insert("customerStatus".into(), json!(status));
    m.insert("leadStatus".into(), json!(1 + i % 4));
    m.insert(
        "customerPicture".into(),
        if i % 4 == 1 {
            json!("")
        } else {
            json!(format!("https://cdn.gofive.co.th/venio/customers/{code}.jpg"))
        },
    );
    match i {
        5 => {}
        11 => put(&mut m, "customer2ndName", Some(Value::Null)),
        _ => put(&mut m, "customer2ndName", Some(json!(row.english))),
    }
    let aliases = match (business, i) {
        (true, _) => json!([short]),
        (false, 2) => json!(["ชาย"]),
        _ => json!([]),
    };
    m.insert("customerAliases".into(), aliases);
    match i {
        19 => {}
        14 => put(&mut m, "customerTaxNo", Some(json!(""))),
        _ => put(&mut m, "customerTaxNo", Some(json!(tax_id(i, row.kind)))),
    }
    if business {
        let branch = if i == 6 { "00001" } else { "00000" };
        put(&mut m, "branchCode", Some(json!(branch)));
    }
    m.insert("customerPhone".into(), json!(row.phone));
    m.insert("customerMobile".into(), json!(row.mobile));
    m.insert("customerEmail".into(), json!(row.email));
    let handle = short.to_lowercase();
    match i % 3 {
        0 => put(
            &mut m,
            "customerSocialAccount",
            Some(json!({"facebook": handle, "line": format!("@{handle}")})),
        ),
        1 => put(&mut m, "customerSocialAccount", Some(Value::Null)),
        _ if !business => put(
            &mut m,
            "customerSocialAccount",
            // Every key of the vendor model's social account.
            Some(json!({
                "facebook": handle,
                "instagram": format!("{handle}.th"),
                "line": format!("@{handle}"),
                "linkedin": if i == 8 { json!(format!("in/{handle}")) } else { Value::Null },
                "skype": "",
                "telegram": format!("@{handle}_tg"),
                "wechat": Value::Null,
                "whatsapp": row.mobile,
            })),
        ),
        _ => {}
    }
    if !business {
        // The vendor model's personal fields: gender 1 male / 2 female, marital status 1..=6.
        let female = [5, 11, 17].contains(&i);
        put(&mut m, "customerGender", Some(json!(if female { 2 } else { 1 })));
        put(&mut m, "customerMaritalStatus", (i != 19).then(|| json!(1 + i % 6)));
        put(
            &mut m,
            "customerBirthdate",
            Some(if i == 14 {
                Value::Null
            } else {
                json!(format!("19{}-{:02}-{:02}T00:00:00", 70 + i % 25, 1 + i % 12, 1 + (i * 5) % 28))
            }),
        );
        put(&mut m, "customerPosition", Some(json!(["พนักงานบริษัท", "เจ้าของกิจการ", "ข้าราชการ"][i % 3])));
    }
    if state == 1 && i == 13 {
        put(&mut m, "unqulifiedReasonName", Some(json!("งบประมาณไม่พอ")));
        put(&mut m, "unqulifiedReasonNote", Some(json!("ติดต่อกลับไตรมาสหน้า")));
    }
    match i {
        9 => {}
        10 => put(&mut m, "customerTags", Some(json!([]))),
        _ if business => put(&mut m, "customerTags", Some(json!(["B2B", (["กรุงเทพฯ", "ภูมิภาค"][i % 2])]))),
        _ => put(&mut m, "customerTags", Some(json!(["รายย่อย"]))),
    }
    m.insert("addresses".into(), json!(addresses(i, row)));
    if i != 4 {
        let source = ["Website", "Facebook", "งานแสดงสินค้า", "ลูกค้าแนะนำ", "LINE OA"][i % 5];
        m.insert("sourceName".into(), json!(source));
    }
    let group = match (i, business) {
        (12, _) => Value::Null,
        (_, true) if i.is_multiple_of(7) => json!("ลูกค้ารายใหญ่"),
        (_, true) => json!("ลูกค้าองค์กร"),
        _ => json!("ลูกค้าบุคคล"),
    };
    m.insert("customerGroupName".into(), group);
    let interests = match i % 4 {
        0 => json!(["ERP", "CRM"]),
        1 => json!(["บริการติดตั้ง"]),
        2 => json!([]),
        _ => json!(["ซอฟต์แวร์บัญชี", "HR"]),
    };
    m.insert("interestsName".into(), interests);
    if i % 5 != 3 {
        m.insert("classificationName".into(), json!(["A", "B", "C", "AAA"][i % 4]));
    }
    if business {
        // The doc's example spells the list `contact`, its schema `contacts`: serve both.
        let contacts_key = if i == 3 || i == 12 { "contact" } else { "contacts" };
        m.insert(contacts_key.into(), json!(contacts(i, row)));
    } else if i == 19 {
        // One individual (without `customerType`) sends the empty list the schema shows.
        m.insert("contacts".into(), json!([]));
    } else {
        m.insert("contact".into(), person_contact(i, row));
    }
    m.insert("customFields".into(), json!(custom_fields(i, row.kind)));
    match status {
        1 => put(&mut m, "customerNote", Some(json!("ยุติการใช้บริการเมื่อ 2024-06-30"))),
        2 => put(&mut m, "customerNote", Some(json!("ปิดกิจการ"))),
        _ if i.is_multiple_of(2) => put(&mut m, "customerNote", Some(json!(""))),
        _ => {}
    }
    if i % 6 != 4 {
        let owners = if i.is_multiple_of(2) { json!(["EMP0012", "EMP0034"]) } else { json!(["EMP0057"]) };
        let primary = owners[0].clone();
        m.insert("owners".into(), owners);
        m.insert("primaryOwner".into(), primary);
    }
    match i % 3 {
        0 => {
            m.insert("customerIncome".into(), json!(format!("{}", (i + 1) * 1_250_000)));
            m.insert("creditLimit".into(), json!(format!("{}.00", (i + 1) * 50_000)));
        }
        1 => {
            m.insert("customerIncome".into(), Value::Null);
            m.insert("creditLimit".into(), Value::Null);
        }
        _ => {}
    }
    Value::Object(m)
}

/// The success envelope around a customer.
pub(crate) fn envelope(data: Value) -> Value {
    json!({"status": {"code": "1000", "description": "Success"}, "data": data})
}

impl Data {
    pub(crate) fn build() -> Data {
        let mut ids = vec!["C000055".to_owned()];
        let mut customers = HashMap::new();
        customers.insert("C000055".to_owned(), Bytes::from_static(EXAMPLE_C000055.as_bytes()));
        let records: Vec<Value> = ROWS.iter().enumerate().map(|(i, r)| customer(i, r)).collect();
        for (i, record) in records.iter().enumerate() {
            let code = format!("C{:06}", i + 1);
            customers.insert(code.clone(), Bytes::from(envelope(record.clone()).to_string()));
            ids.push(code);
        }
        Data { ids, customers, template: records[0].clone() }
    }
}

/// The seeded data, built once per process and shared by every sandbox.
pub(crate) fn get() -> &'static Data {
    static DATA: std::sync::LazyLock<Data> = std::sync::LazyLock::new(Data::build);
    &DATA
}
