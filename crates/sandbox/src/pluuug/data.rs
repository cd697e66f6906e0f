//! Pluuug's seeded dataset: twenty Korean client companies (`1001`..=`1020`), the documented
//! example (`123`, verbatim), and the custom-field definitions of `/v1/field`.

use std::collections::HashMap;

use bytes::Bytes;
use serde_json::{Value, json};

use crate::rng::SplitMix;

/// The documentation's example client, byte for byte.
const EXAMPLE_123: &str = include_str!("../../data/pluuug_client_123.json");

/// Seeded clients and field definitions, with detail bodies pre-serialized.
pub(crate) struct Data {
    /// By id; listed in id order (the documented example, 123, first).
    pub(crate) clients: HashMap<u64, Bytes>,
    /// `(category, CustomField)` in id order.
    pub(crate) fields: Vec<(&'static str, Value)>,
    /// A complete client record (custom values as strings), the base of the records served
    /// for reserved ids.
    pub(crate) template: Value,
    /// The tenant's client statuses, `{id, title}`.
    pub(crate) statuses: Vec<Value>,
}

table_row! {
    /// One row of the client table; the rest of each record varies with its index.
    struct Row {
        company: &'static str,
        ceo: &'static str,
        in_charge: &'static str,
        position: &'static str,
        contact: &'static str,
        domain: &'static str,
        address: &'static str,
        detail: &'static str,
        business_type: &'static str,
        business_class: &'static str,
    }
}

#[rustfmt::skip]
const ROWS: [Row; 20] = [
    row("주식회사 한빛소프트웨어", "김태현", "이수민", "과장", "02-555-1234", "hanbitsw.co.kr", "서울특별시 강남구 테헤란로 152", "강남파이낸스센터 21층", "서비스업", "소프트웨어 개발 및 공급"),
    row("(주)서울데이터랩", "박성호", "정하늘", "팀장", "010-2345-6789", "seouldatalab.com", "서울특별시 마포구 월드컵북로 396", "누리꿈스퀘어 비즈니스타워 12층", "정보통신업", "데이터베이스 및 온라인정보 제공"),
    row("누리디자인 스튜디오", "최윤아", "최윤아", "대표", "010-9876-5432", "nuridesign.kr", "서울특별시 성동구 성수이로 113", "3층", "서비스업", "시각 디자인"),
    row("주식회사 바다물산", "강동원", "윤서준", "대리", "051-742-3300", "badamulsan.co.kr", "부산광역시 해운대구 센텀중앙로 79", "센텀사이언스파크 8층", "도매 및 소매업", "수산물 도매"),
    row("(주)코리아로지스", "장민호", "한지민", "물류기획팀 차장", "031-8017-5500", "korealogis.co.kr", "경기도 이천시 마장면 덕이로 154", "물류센터 B동", "운수 및 창고업", "화물 운송 및 보관"),
    row("청담컨설팅 그룹", "서지훈", "임수정", "실장", "02-3446-7788", "cheongdamcg.com", "서울특별시 강남구 도산대로 442", "5층", "전문 서비스업", "경영 컨설팅"),
    row("주식회사 미래에너지", "배준영", "송민아", "주임", "042-865-1200", "miraeenergy.co.kr", "대전광역시 유성구 대학로 99", "대덕연구단지 C-301", "제조업", "태양광 모듈 제조"),
    row("한강식품(주)", "홍재민", "김예린", "구매담당", "02-2677-4455", "hangangfood.co.kr", "서울특별시 영등포구 선유로 146", "1104호", "제조업", "식품 제조"),
    row("주식회사 별빛엔터테인먼트", "이도윤", "박서진", "매니저", "02-6925-0101", "starlight-ent.com", "서울특별시 용산구 한강대로 92", "15층", "예술, 스포츠 및 여가 서비스업", "음반 기획 및 제작"),
    row("(주)대한정밀", "조현우", "조현우", "부장", "055-283-9100", "daehanprecision.co.kr", "경상남도 창원시 성산구 공단로 271", "", "제조업", "정밀기계 부품"),
    row("온누리 헬스케어", "문채원", "신동혁", "과장", "1588-7575", "onnurihealth.com", "경기도 성남시 분당구 판교역로 235", "에이치스퀘어 N동 6층", "보건업", "의료기기 유통"),
    row("주식회사 다온교육", "유하은", "노지호", "원장", "02-3144-2020", "daonedu.co.kr", "서울특별시 노원구 동일로 1414", "2층", "교육 서비스업", "온라인 교육"),
    row("푸른숲 인테리어", "양승민", "양승민", "대표", "010-3030-4040", "prunsoop.kr", "인천광역시 연수구 송도과학로 32", "IT센터 S동 1201호", "건설업", "실내 인테리어 공사"),
    row("(주)제이앤케이 무역", "정재경", "김나래", "해외영업팀 대리", "032-858-6611", "jnktrade.com", "인천광역시 중구 공항로 272", "", "도매 및 소매업", "무역"),
    row("주식회사 스마트팜코리아", "황보석진", "남궁민", "연구소장", "063-219-3400", "smartfarmkorea.kr", "전북특별자치도 전주시 덕진구 기린대로 418", "", "농업", "스마트팜 솔루션"),
    row("부산해양기술(주)", "천성민", "하유리", "선임연구원", "051-400-2800", "bmtech.co.kr", "부산광역시 영도구 해양로 301", "", "전문, 과학 및 기술 서비스업", "해양 엔지니어링"),
    row("주식회사 그린모빌리티", "백승호", "권다은", "PM", "02-6011-7700", "greenmobility.io", "서울특별시 서초구 강남대로 465", "B동 10층", "정보통신업", "모빌리티 플랫폼"),
    row("(주)하늘여행사", "전은숙", "류지성", "예약팀장", "02-733-0909", "haneultour.co.kr", "서울특별시 종로구 종로 51", "18층", "사업지원 서비스업", "여행사"),
    row("새봄 법률사무소", "고민재", "고민재", "변호사", "02-535-1717", "saebomlaw.com", "서울특별시 서초구 서초대로 254", "9층", "전문 서비스업", "법률 자문"),
    row("주식회사 큐브랩스", "위성현", "엄지원", "CTO", "010-7777-1020", "cubelabs.dev", "광주광역시 서구 상무중앙로 110", "4층", "정보통신업", "응용 소프트웨어 개발"),
];

pub(crate) const STATUSES: [(u64, &str); 4] =
    [(1, "잠재 고객"), (2, "상담 중"), (3, "계약 완료"), (4, "휴면")];

const MEMOS: [&str; 4] = [
    "첫 미팅 2024-02-13\n견적서 발송 완료, 3월 중 회신 예정",
    "연간 유지보수 계약 갱신 대상",
    "세금계산서는 월말 일괄 발행 요청",
    "대표 번호로 연락 시 담당자 부재 많음 — 이메일 우선",
];

fn member(id: u64, nickname: &str, email: &str, active: bool, grade: (u64, &str)) -> Value {
    json!({
        "id": id,
        "nickname": nickname,
        "email": email,
        "isActive": active,
        "grade": {"id": grade.0, "title": grade.1},
    })
}

/// A 15-character option id like the ones Pluuug's integrations send (`wNyFjaqXQmwypOo`).
fn option_id(rng: &mut SplitMix) -> String {
    const ALPHABET: &[u8; 62] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut n = rng.next_u64();
    let mut m = rng.next_u64();
    (0..15)
        .map(|k| {
            let source = if k < 8 { &mut n } else { &mut m };
            let c = ALPHABET[(*source % 62) as usize];
            *source /= 62;
            char::from(c)
        })
        .collect()
}

fn field(id: u64, name: &str, data_type: &str, options: &[&str], members: Vec<Value>) -> Value {
    // Option ids are derived from the field id, so they are the same in every build.
    let mut rng = SplitMix::new(0x706c_7575_7567 ^ id);
    let options: Vec<Value> =
        options.iter().map(|title| json!({"id": option_id(&mut rng), "title": title})).collect();
    json!({
        "id": id,
        "name": name,
        "dataType": data_type,
        "optionSet": options,
        "memberSet": members,
    })
}

/// Custom-field definitions per category: `C` client (every dataType plus an unknown `F`),
/// `I` inquiry, `CO` contract.
fn field_definitions() -> Vec<(&'static str, Value)> {
    let members = vec![
        member(7, "김민준", "minjun.kim@pluuug-sandbox.kr", true, (1, "관리자")),
        member(9, "이서연", "seoyeon.lee@pluuug-sandbox.kr", true, (2, "멤버")),
        member(12, "박지훈", "jihoon.park@pluuug-sandbox.kr", false, (2, "멤버")),
    ];
    vec![
        ("C", field(11, "고객 메모 요약", "S", &[], vec![])),
        ("C", field(12, "연간 계약 금액", "N", &[], vec![])),
        ("C", field(13, "최초 계약일", "D", &[], vec![])),
        ("C", field(14, "선호 연락 시간", "T", &[], vec![])),
        ("C", field(15, "뉴스레터 수신 동의", "B", &[], vec![])),
        ("C", field(16, "고객 유형", "SL", &["신규", "기존", "휴면"], vec![])),
        ("C", field(17, "관심 서비스", "ML", &["웹 개발", "앱 개발", "디자인", "유지보수"], vec![])),
        ("C", field(18, "영업 담당 멤버", "M", &[], members)),
        ("C", field(19, "첨부 계약서", "F", &[], vec![])),
        ("C", field(20, "유입 경로", "S", &[], vec![])),
        ("I", field(31, "예산 범위", "SL", &["1천만원 미만", "1천만~5천만원", "5천만원 이상"], vec![])),
        ("I", field(32, "희망 오픈일", "D", &[], vec![])),
        ("I", field(33, "요청 사항", "S", &[], vec![])),
        ("CO", field(41, "계약 유형", "SL", &["고정가", "월 정액"], vec![])),
        ("CO", field(42, "결제 조건", "S", &[], vec![])),
        ("CO", field(43, "자동 갱신", "B", &[], vec![])),
    ]
}

/// Clients whose custom values are all sent as strings (the documented `value: string`);
/// every other client sends them typed, as Pluuug's integrations do.
const STRING_VALUED: [usize; 2] = [3, 14];

/// The id of option `k` of field `field_id`.
fn option(definitions: &[(&'static str, Value)], field_id: u64, k: usize) -> String {
    definitions
        .iter()
        .find(|(_, f)| f["id"] == field_id)
        .and_then(|(_, f)| f["optionSet"][k]["id"].as_str())
        .unwrap_or_default()
        .to_owned()
}

/// Values of the client fields (ids 11..=20) for client `i`: typed (B `true`/`false`, N a
/// number, D `YYYY-MM-DD`, SL `{"id"}`, ML `[{"id"}]`) or, for [`STRING_VALUED`], all strings.
fn field_values(i: usize, definitions: &[(&'static str, Value)]) -> [(u64, Value); 10] {
    let typed = !STRING_VALUED.contains(&i);
    let single = option(definitions, 16, i % 3);
    let multi: Vec<String> =
        [&[0, 2][..], &[1], &[0, 1, 3], &[3]][i % 4].iter().map(|k| option(definitions, 17, *k)).collect();
    let amount = (i as u64 % 7 + 1) * 3_500_000;
    let flag = i.is_multiple_of(2);
    let member = [7u64, 9, 12][i % 3];
    [
        (11, if i == 3 { json!("") } else { json!(format!("{}년차 거래처", 1 + i % 6)) }),
        (
            12,
            if !typed {
                json!(amount.to_string())
            } else if i == 9 {
                json!(amount as f64 + 0.5)
            } else {
                json!(amount)
            },
        ),
        (13, json!(format!("2023-{:02}-{:02}", 1 + i % 12, 1 + (i * 7) % 28))),
        (14, json!(format!("{:02}:{:02}", 9 + i % 9, (i * 15) % 60))),
        (15, if typed { json!(flag) } else { json!(flag.to_string()) }),
        (16, if typed { json!({"id": single}) } else { json!(single) }),
        (
            17,
            if typed {
                json!(multi.iter().map(|id| json!({"id": id})).collect::<Vec<_>>())
            } else {
                json!(multi.join(","))
            },
        ),
        (18, if typed && i != 5 { json!(member) } else { json!(member.to_string()) }),
        (19, json!(format!("https://files.pluuug.com/sandbox/contracts/{}.pdf", 1001 + i))),
        (
            20,
            if i == 7 {
                Value::Null
            } else {
                json!(["네이버 검색", "지인 소개", "블로그", "전시회"][i % 4])
            },
        ),
    ]
}

fn field_set(i: usize, definitions: &[(&'static str, Value)]) -> Vec<Value> {
    field_values(i, definitions)
        .into_iter()
        .enumerate()
        // Client 0 has every field; the others a varying subset that still covers every type.
        .filter(|(k, _)| i == 0 || !(k + i).is_multiple_of(3))
        .filter_map(|(_, (id, value))| {
            let definition = definitions.iter().find(|(_, f)| f["id"] == id)?;
            Some(json!({"field": definition.1, "value": value}))
        })
        .collect()
}

fn registration_number(i: usize) -> Value {
    let n = 1_208_812_345u64 + (i as u64) * 7_919_311;
    let digits = format!("{:010}", n % 10_000_000_000);
    match i {
        2 => Value::Null,
        12 => json!(digits),
        _ => json!(format!("{}-{}-{}", &digits[..3], &digits[3..5], &digits[5..])),
    }
}

fn created(i: usize) -> String {
    if i == 4 {
        return "2024-03-04T10:15:42.381920+09:00".to_owned();
    }
    let base = chrono::DateTime::from_timestamp(1_672_881_730, 0).unwrap_or_default();
    let at = base + chrono::Duration::seconds(i as i64 * 1_641_613);
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn client(i: usize, row: &Row, definitions: &[(&'static str, Value)]) -> Value {
    let id = 1001 + i as u64;
    let mut c = json!({
        "id": id,
        "companyName": row.company,
        "created": created(i),
        "inCharge": match i { 2 => Value::Null, 9 => json!(""), _ => json!(row.in_charge) },
        "position": match i { 13 => json!(""), _ if i % 6 == 3 => Value::Null, _ => json!(row.position) },
        "contact": if i == 16 { Value::Null } else { json!(row.contact) },
        "email": match i {
            7 => Value::Null,
            12 => json!(""),
            _ => json!(format!("{}@{}", ["sales", "contact", "info", "biz"][i % 4], row.domain)),
        },
        "content": match i % 3 { 0 => json!(MEMOS[(i / 3) % MEMOS.len()]), 1 => Value::Null, _ => json!("") },
        "businessRegistrationNumber": registration_number(i),
        "ceoName": if i == 18 { Value::Null } else { json!(row.ceo) },
        "companyAddress": row.address,
        "companyDetailAddress": match (row.detail, i % 2) {
            ("", 0) => Value::Null,
            (detail, _) => json!(detail),
        },
        "businessType": row.business_type,
        "businessClass": row.business_class,
        "branchNumber": match i { 3 | 10 => json!("0001"), 4 => json!(""), _ => Value::Null },
        "taxInvoiceEmail": if i.is_multiple_of(2) { json!(format!("tax@{}", row.domain)) } else { Value::Null },
        "fieldSet": match i { 6 => Value::Null, 11 => json!([]), _ => json!(field_set(i, definitions)) },
    });
    if let Some(map) = c.as_object_mut() {
        match i {
            11 => {
                map.insert("status".into(), Value::Null);
            }
            5 | 15 => {}
            _ => {
                let (id, title) = STATUSES[i % STATUSES.len()];
                map.insert("status".into(), json!({"id": id, "title": title}));
            }
        }
        if i == 8 {
            map.remove("taxInvoiceEmail");
        }
        if i == 17 {
            map.remove("fieldSet");
        }
    }
    c
}

impl Data {
    pub(crate) fn build() -> Data {
        let fields = field_definitions();
        let mut clients = HashMap::new();
        clients.insert(123, Bytes::from_static(EXAMPLE_123.as_bytes()));
        let records: Vec<Value> = ROWS.iter().enumerate().map(|(i, row)| client(i, row, &fields)).collect();
        for (i, record) in records.iter().enumerate() {
            let id = 1001 + i as u64;
            clients.insert(id, Bytes::from(record.to_string()));
        }
        let statuses = STATUSES.iter().map(|(id, title)| json!({"id": id, "title": title})).collect();
        // Reserved-id records test faults, not shapes: they use a client whose custom values are
        // the documented strings.
        let template = records[STRING_VALUED[0]].clone();
        Data { clients, fields, template, statuses }
    }
}

/// The seeded data, built once per process and shared by every sandbox.
pub(crate) fn get() -> &'static Data {
    static DATA: std::sync::LazyLock<Data> = std::sync::LazyLock::new(Data::build);
    &DATA
}
