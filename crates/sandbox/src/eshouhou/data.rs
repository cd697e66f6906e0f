//! eshouhou's seeded dataset: twenty Chinese customer archives under deterministic GUIDs, their
//! contacts, and the documented example (`dc540ce7-5bc5-4275-b8fa-2004eb5839e3`, verbatim).
//!
//! A customer archive is a list of display rows `{ShowType, Key, Value}` keyed by Chinese labels.
//! Some customers send `ResultCode` and `ShowType` as strings, as the docs type them.

use std::collections::HashMap;

use bytes::Bytes;
use serde_json::{Value, json};

use crate::rng::SplitMix;

/// The documentation's example response, byte for byte.
const EXAMPLE: &str = include_str!("../../data/eshouhou_customer_dc540ce7-5bc5-4275-b8fa-2004eb5839e3.json");
pub(crate) const EXAMPLE_ID: &str = "dc540ce7-5bc5-4275-b8fa-2004eb5839e3";

/// Seeded archives (whole envelopes, pre-serialized) and contacts.
pub(crate) struct Data {
    pub(crate) ids: Vec<String>,
    pub(crate) customers: HashMap<String, Bytes>,
    /// Every contact of every customer, grouped by customer in id order, with its creation
    /// date (`YYYY-MM-DD`, not in the response; what `sys_startdate`/`sys_enddate` filter on).
    pub(crate) contacts: Vec<(Value, String)>,
    /// A complete list of display rows, the base of the records served for reserved ids.
    pub(crate) template: Vec<Value>,
}

struct Row {
    name: &'static str,
    contact: &'static str,
    gender: u8,
    mobile: &'static str,
    email: &'static str,
    landline: &'static str,
    /// Empty for people, who have no unified social credit code.
    credit_code: &'static str,
    domicile: &'static str,
    region: &'static str,
    address: &'static str,
    network: &'static str,
    maintainer: &'static str,
    tags: &'static str,
    source: &'static str,
    level: &'static str,
    invoice_type: &'static str,
    created: &'static str,
    last_service: &'static str,
    longitude: f64,
    latitude: f64,
}

#[rustfmt::skip]
const ROWS: [Row; 20] = [
    Row { name: "北京华信科技有限公司", contact: "王建国", gender: 1, mobile: "13801012345", email: "wangjg@huaxin-tech.cn", landline: "010-62345678", credit_code: "91110108MA01ABCD1X", domicile: "北京市海淀区中关村大街27号", region: "北京市-北京市-海淀区", address: "中关村大街27号中关村大厦15层", network: "北京总部", maintainer: "赵工", tags: "VIP客户、长期合作", source: "官网咨询", level: "A级", invoice_type: "增值税专用发票", created: "2021-03-18", last_service: "2024-05-06", longitude: 116.3103, latitude: 39.9928 },
    Row { name: "上海东方机电设备有限公司", contact: "李秀英", gender: 2, mobile: "13916678899", email: "lixiuying@dfjd.com.cn", landline: "021-58881234", credit_code: "91310115MA1H7XYZ2K", domicile: "上海市浦东新区张江路665号", region: "上海市-上海市-浦东新区", address: "张江高科技园区665号3号楼", network: "华东服务中心", maintainer: "钱师傅", tags: "普通客户", source: "展会获取", level: "B级", invoice_type: "增值税普通发票", created: "2020-11-02", last_service: "2024-04-18", longitude: 121.5900, latitude: 31.2040 },
    Row { name: "张伟", contact: "张伟", gender: 1, mobile: "13512345678", email: "zhangwei1988@163.com", landline: "", credit_code: "", domicile: "", region: "河北省-石家庄市-长安区", address: "中山东路188号院3单元502", network: "河北服务网点", maintainer: "孙工", tags: "", source: "电话来访", level: "", invoice_type: "", created: "2023-06-09", last_service: "", longitude: 114.5149, latitude: 38.0428 },
    Row { name: "广州南粤餐饮管理有限公司", contact: "陈静", gender: 2, mobile: "13602223344", email: "chenjing@nanyue-cy.com", landline: "020-87654321", credit_code: "91440101MA5CQ8RT3P", domicile: "广州市天河区天河路385号", region: "广东省-广州市-天河区", address: "天河路385号太古汇2座", network: "华南服务中心", maintainer: "周师傅", tags: "餐饮连锁、重点客户", source: "老客户介绍", level: "A级", invoice_type: "增值税专用发票", created: "2019-08-21", last_service: "2024-06-01", longitude: 113.3320, latitude: 23.1330 },
    Row { name: "深圳市创芯智能电子有限公司", contact: "刘洋", gender: 1, mobile: "13798765432", email: "liuyang@chuangxin-e.com", landline: "0755-26543210", credit_code: "91440300MA5EXK9L4B", domicile: "深圳市南山区科技园南区", region: "广东省-深圳市-南山区", address: "高新南七道R2-B栋4楼", network: "华南服务中心", maintainer: "吴工", tags: "VIP客户", source: "官网咨询", level: "A级", invoice_type: "增值税专用发票", created: "2022-01-15", last_service: "2023-12-20", longitude: 113.9470, latitude: 22.5400 },
    Row { name: "杭州西湖茶业有限公司", contact: "杨帆", gender: 1, mobile: "13588889999", email: "yangfan@xihutea.cn", landline: "0571-87001234", credit_code: "91330106MA27Y3QW5D", domicile: "杭州市西湖区龙井路1号", region: "浙江省-杭州市-西湖区", address: "龙井路1号", network: "华东服务中心", maintainer: "郑师傅", tags: "普通客户", source: "展会获取", level: "C级", invoice_type: "增值税普通发票", created: "2022-04-08", last_service: "2024-03-30", longitude: 120.1200, latitude: 30.2300 },
    Row { name: "成都天府物流有限公司", contact: "黄磊", gender: 1, mobile: "18980001234", email: "huanglei@tflogistics.cn", landline: "028-85556666", credit_code: "91510100MA61R2TY6F", domicile: "成都市双流区物联大道88号", region: "四川省-成都市-双流区", address: "物联大道88号综合保税区", network: "西南服务中心", maintainer: "冯工", tags: "物流行业", source: "渠道代理", level: "B级", invoice_type: "增值税专用发票", created: "2020-07-27", last_service: "2024-05-22", longitude: 103.9400, latitude: 30.5800 },
    Row { name: "武汉长江制冷设备有限公司", contact: "周敏", gender: 2, mobile: "13871112233", email: "zhoumin@cjzl.com.cn", landline: "027-84445555", credit_code: "91420100MA4KU7HJ7G", domicile: "武汉市江汉区解放大道688号", region: "湖北省-武汉市-江汉区", address: "解放大道688号武汉广场写字楼20层", network: "华中服务中心", maintainer: "陈师傅", tags: "重点客户、设备保修期内", source: "官网咨询", level: "A级", invoice_type: "增值税专用发票", created: "2018-05-10", last_service: "2024-06-12", longitude: 114.2700, latitude: 30.5900 },
    Row { name: "南京金陵医疗器械有限公司", contact: "吴霞", gender: 2, mobile: "13951234567", email: "wuxia@jlmedical.cn", landline: "025-83216789", credit_code: "91320100MA1MB4NP8H", domicile: "南京市鼓楼区中山北路30号", region: "江苏省-南京市-鼓楼区", address: "中山北路30号城市名人酒店写字楼8层", network: "华东服务中心", maintainer: "卫工", tags: "医疗行业", source: "招投标", level: "A级", invoice_type: "增值税专用发票", created: "2021-09-01", last_service: "", longitude: 118.7800, latitude: 32.0700 },
    Row { name: "李娜", contact: "李娜", gender: 2, mobile: "15023456789", email: "", landline: "", credit_code: "", domicile: "", region: "重庆市-重庆市-渝中区", address: "解放碑民族路166号", network: "西南服务中心", maintainer: "冯工", tags: "", source: "微信公众号", level: "", invoice_type: "", created: "2024-02-29", last_service: "2024-03-05", longitude: 106.5770, latitude: 29.5570 },
    Row { name: "西安古城建筑工程有限公司", contact: "徐刚", gender: 1, mobile: "13709181234", email: "xugang@gucheng-jz.com", landline: "029-88001122", credit_code: "91610100MA6U1XZC9J", domicile: "西安市雁塔区高新路52号", region: "陕西省-西安市-雁塔区", address: "高新路52号高科大厦11层", network: "西北服务网点", maintainer: "蒋师傅", tags: "建筑工程", source: "老客户介绍", level: "B级", invoice_type: "增值税专用发票", created: "2019-12-12", last_service: "2023-11-08", longitude: 108.9000, latitude: 34.2300 },
    Row { name: "重庆山城汽车配件有限公司", contact: "孙丽", gender: 2, mobile: "13883456789", email: "sunli@sc-autoparts.cn", landline: "023-67891234", credit_code: "91500000MA5U2BNM0K", domicile: "重庆市渝北区金开大道99号", region: "重庆市-重庆市-渝北区", address: "金开大道99号", network: "西南服务中心", maintainer: "冯工", tags: "汽配、月结客户", source: "展会获取", level: "B级", invoice_type: "增值税专用发票", created: "2020-03-16", last_service: "2024-01-19", longitude: 106.5300, latitude: 29.6500 },
    Row { name: "天津滨海化工有限公司", contact: "马超", gender: 1, mobile: "13602034567", email: "machao@bhchem.com.cn", landline: "022-25301234", credit_code: "91120116MA05KPQ31L", domicile: "天津市滨海新区南港工业区", region: "天津市-天津市-滨海新区", address: "南港工业区港北路1号", network: "华北服务中心", maintainer: "赵工", tags: "危化品、重点客户", source: "招投标", level: "A级", invoice_type: "增值税专用发票", created: "2017-10-30", last_service: "2024-05-28", longitude: 117.5400, latitude: 38.7600 },
    Row { name: "苏州园林环保科技有限公司", contact: "朱婷", gender: 2, mobile: "13962101234", email: "zhuting@ylhb.cn", landline: "0512-65123456", credit_code: "91320500MA1X9CDE2M", domicile: "苏州市工业园区星湖街328号", region: "江苏省-苏州市-吴中区", address: "星湖街328号创意产业园10栋", network: "华东服务中心", maintainer: "钱师傅", tags: "环保", source: "官网咨询", level: "C级", invoice_type: "增值税普通发票", created: "2023-02-14", last_service: "", longitude: 120.7200, latitude: 31.2800 },
    Row { name: "青岛海滨食品有限公司", contact: "胡军", gender: 1, mobile: "13869881234", email: "hujun@haibinfood.com", landline: "0532-85671234", credit_code: "91370200MA3C4FGH3N", domicile: "青岛市黄岛区长江中路216号", region: "山东省-青岛市-黄岛区", address: "长江中路216号", network: "华北服务中心", maintainer: "韩师傅", tags: "食品、冷链", source: "渠道代理", level: "B级", invoice_type: "增值税专用发票", created: "2021-06-06", last_service: "2024-04-02", longitude: 120.1800, latitude: 35.9600 },
    Row { name: "郑州中原电梯有限公司", contact: "郭强", gender: 1, mobile: "13703711234", email: "guoqiang@zydt.com.cn", landline: "0371-63451234", credit_code: "91410100MA44JKLM4P", domicile: "郑州市金水区花园路39号", region: "河南省-郑州市-金水区", address: "花园路39号", network: "华中服务中心", maintainer: "杨工", tags: "电梯维保、VIP客户", source: "老客户介绍", level: "A级", invoice_type: "增值税专用发票", created: "2016-09-09", last_service: "2024-06-15", longitude: 113.6800, latitude: 34.7900 },
    Row { name: "王芳", contact: "王芳", gender: 2, mobile: "18612345678", email: "wangfang@qq.com", landline: "010-58881234", credit_code: "", domicile: "", region: "北京市-北京市-朝阳区", address: "望京西路48号金隅国际C座", network: "北京总部", maintainer: "赵工", tags: "个人客户", source: "官网咨询", level: "", invoice_type: "增值税普通发票", created: "2022-12-24", last_service: "2023-01-03", longitude: 116.4700, latitude: 39.9900 },
    Row { name: "沈阳北方重工机械有限公司", contact: "何建华", gender: 1, mobile: "13904001234", email: "hejianhua@bfzg.cn", landline: "024-23451234", credit_code: "91210100MA0XYZAB5Q", domicile: "沈阳市铁西区北二中路6号", region: "辽宁省-沈阳市-铁西区", address: "北二中路6号", network: "东北服务网点", maintainer: "曹师傅", tags: "重工、设备保修期内", source: "展会获取", level: "B级", invoice_type: "增值税专用发票", created: "2018-02-26", last_service: "2024-02-20", longitude: 123.3600, latitude: 41.8000 },
    Row { name: "厦门鹭岛光电科技有限公司", contact: "林晓燕", gender: 2, mobile: "13959201234", email: "linxiaoyan@ludao-opto.com", landline: "0592-5981234", credit_code: "91350200MA2Y3CDE6R", domicile: "厦门市思明区软件园二期望海路10号", region: "福建省-厦门市-思明区", address: "软件园二期望海路10号楼", network: "华南服务中心", maintainer: "许工", tags: "普通客户", source: "电话来访", level: "C级", invoice_type: "", created: "2023-08-18", last_service: "2024-05-30", longitude: 118.1800, latitude: 24.4900 },
    Row { name: "长沙湘江水务工程有限公司", contact: "罗志明", gender: 1, mobile: "13807311234", email: "luozhiming@xjsw.cn", landline: "0731-84561234", credit_code: "91430100MA4L5FGH7T", domicile: "长沙市岳麓区麓谷大道658号", region: "湖南省-长沙市-岳麓区", address: "麓谷大道658号", network: "华中服务中心", maintainer: "杨工", tags: "水务、政府项目", source: "招投标", level: "A级", invoice_type: "增值税专用发票", created: "2019-04-01", last_service: "2024-06-10", longitude: 112.8800, latitude: 28.2300 },
];

/// Customers whose `ResultCode` and `ShowType` are sent as strings.
const STRINGLY: [usize; 3] = [4, 11, 17];

/// Customers whose archive has non-string `Value`s: `null` for an empty 备注, a number
/// (员工人数) and a boolean (已签约) in tenant custom rows. The docs type `Value` as String,
/// but this vendor sends numbers for other String fields.
const NON_STRING_VALUES: [usize; 3] = [1, 8, 13];

const BANKS: [&str; 5] = [
    "中国工商银行北京海淀支行",
    "中国建设银行上海张江支行",
    "招商银行广州天河支行",
    "中国银行深圳南山支行",
    "交通银行杭州西湖支行",
];

const REMARKS: [&str; 4] =
    ["", "每季度上门巡检一次", "开票前需电话确认抬头", "设备集中在二号厂房，进厂需提前报备"];

/// Extra contacts of companies: name, gender, title.
const EXTRA_CONTACTS: [(&str, u8, &str); 6] = [
    ("赵丽", 2, "采购经理"),
    ("钱伟", 1, "设备主管"),
    ("孙婷", 2, "财务"),
    ("周涛", 1, "总经理"),
    ("郑洁", 2, "行政专员"),
    ("冯凯", 1, "技术员"),
];

/// One display row; `stringly` sends `ShowType` as a string.
fn display(show_type: u8, key: &str, value: &str, stringly: bool) -> Value {
    let show_type = if stringly { json!(show_type.to_string()) } else { json!(show_type) };
    json!({"ShowType": show_type, "Key": key, "Value": value})
}

/// `{"ResultCode":0,"ErrorMsg":"","ResultValue":...}`, with `ResultCode` a string if `stringly`.
pub(crate) fn envelope(result: Value, stringly: bool) -> Value {
    let code = if stringly { json!("0") } else { json!(0) };
    json!({"ResultCode": code, "ErrorMsg": "", "ResultValue": result})
}

fn rows(i: usize, row: &Row, stringly: bool) -> Vec<Value> {
    let person = row.credit_code.is_empty();
    let show = |key: &str, value: &str| display(0, key, value, stringly);
    let mut rows = vec![
        show("客户编号", &format!("CF{:08}", 201 + i)),
        show("客户名称", row.name),
        show("联系人", row.contact),
        show("联系电话", row.mobile),
        show("邮箱", row.email),
        show("固定电话", row.landline),
    ];
    // One person's archive leaves the company-only rows out entirely; the others show them empty.
    if !(person && i == 2) {
        let account = if person {
            String::new()
        } else {
            format!("6222 0{:03} {:04} {:04} 567", 200 + i, 1000 + i * 37, 4000 + i * 91)
        };
        rows.extend([
            show("统一社会信用码", row.credit_code),
            show("住所", row.domicile),
            show("发票抬头", if person { "" } else { row.name }),
            show("开户行", if person { "" } else { BANKS[i % BANKS.len()] }),
            show("银行账户", &account),
        ]);
    }
    let non_string = NON_STRING_VALUES.contains(&i);
    if non_string {
        let mut remark = show("备注", "");
        remark["Value"] = Value::Null;
        rows.push(remark);
    } else {
        rows.push(show("备注", REMARKS[i % REMARKS.len()]));
    }
    rows.extend([
        show("国家/地区", "中国"),
        show("所属区域", row.region),
        show("详细地址", row.address),
        show("默认服务网点", row.network),
        show("维护人员", row.maintainer),
        display(6, "客户标签", row.tags, stringly),
        show("客户来源", row.source),
        show("客户等级", row.level),
        show("发票类型", row.invoice_type),
    ]);
    // Tenant-defined custom fields appear as extra rows with their own labels.
    if i % 4 == 1 {
        rows.push(show("单选", if i % 8 == 1 { "选项一" } else { "" }));
    }
    if i % 5 == 2 || i.is_multiple_of(5) {
        let industry = ["制造业", "批发零售", "信息技术"][i % 3];
        rows.push(show("行业", industry));
    }
    if non_string {
        let mut staff = show("员工人数", "");
        staff["Value"] = json!(40 + i * 15);
        let mut signed = show("已签约", "");
        signed["Value"] = json!(i % 2 == 1);
        rows.extend([staff, signed]);
    }
    rows.push(show("创建时间", row.created));
    rows.push(show("最近服务日期", row.last_service));
    rows
}

/// What a contact row is made of, besides its generated id.
struct ContactSpec<'a> {
    customer_id: &'a str,
    customer_name: &'a str,
    name: &'a str,
    gender: u8,
    title: &'a str,
    telephone: &'a str,
    mail: &'a str,
    area: &'a str,
    address: &'a str,
    location: Option<(f64, f64)>,
    is_main: bool,
}

fn contact(rng: &mut SplitMix, spec: &ContactSpec<'_>) -> Value {
    let (longitude, latitude) = match spec.location {
        Some((lng, lat)) => (json!(lng), json!(lat)),
        None => (Value::Null, Value::Null),
    };
    let tail = &spec.telephone[spec.telephone.len().saturating_sub(4)..];
    let (qq, wechat, remark) = if spec.is_main {
        ((100_000_000 + rng.next_u64() % 900_000_000).to_string(), format!("wx_{tail}"), "主要联系人")
    } else {
        (String::new(), String::new(), "")
    };
    json!({
        "ID": rng.guid(),
        "CustomerID": spec.customer_id,
        "CustomerName": spec.customer_name,
        "Name": spec.name,
        "Gender": spec.gender,
        "Title": spec.title,
        "Telephone": spec.telephone,
        "Mail": spec.mail,
        "QQ": qq,
        "WeChat": wechat,
        "Area": spec.area,
        "Address": spec.address,
        "Remark": remark,
        "IsMain": spec.is_main,
        "Country": "中国",
        "Dial": "+86",
        "Longitude": longitude,
        "Latitude": latitude,
    })
}

impl Data {
    pub(crate) fn build() -> Data {
        // "eshouhou" in ASCII: any fixed seed would do.
        let mut rng = SplitMix::new(0x6573_686f_7568_6f75);
        let mut ids = vec![EXAMPLE_ID.to_owned()];
        let mut customers = HashMap::new();
        customers.insert(EXAMPLE_ID.to_owned(), Bytes::from_static(EXAMPLE.as_bytes()));
        let mut contacts = vec![(
            contact(
                &mut rng,
                &ContactSpec {
                    customer_id: EXAMPLE_ID,
                    customer_name: "胡效鑫1",
                    name: "胡效鑫1",
                    gender: 1,
                    title: "",
                    telephone: "18539622352",
                    mail: "903146517@qq.com",
                    area: "北京市-北京市-通州区",
                    address: "东郊森林公园-华北树木园",
                    location: None,
                    is_main: true,
                },
            ),
            "2019-11-11".to_owned(),
        )];
        let mut template = Vec::new();
        for (i, row) in ROWS.iter().enumerate() {
            let id = rng.guid();
            let stringly = STRINGLY.contains(&i);
            let display_rows = rows(i, row, stringly);
            let body = envelope(Value::Array(display_rows.clone()), stringly);
            customers.insert(id.clone(), Bytes::from(body.to_string()));
            if i == 0 {
                template = display_rows;
            }
            let company = !row.credit_code.is_empty();
            let main = ContactSpec {
                customer_id: &id,
                customer_name: row.name,
                name: row.contact,
                gender: row.gender,
                title: if company { "负责人" } else { "" },
                telephone: row.mobile,
                mail: row.email,
                area: row.region,
                address: row.address,
                location: (i % 7 != 6).then_some((row.longitude, row.latitude)),
                is_main: true,
            };
            contacts.push((contact(&mut rng, &main), row.created.to_owned()));
            if company {
                let domain = row.email.split_once('@').map_or("example.cn", |(_, d)| d);
                for k in 0..(i % 3) {
                    let (name, gender, title) = EXTRA_CONTACTS[(i + k) % EXTRA_CONTACTS.len()];
                    let telephone = format!("13{}{:08}", (i + k) % 10, 10_000_000 + i * 7_919 + k * 131);
                    let mail = if k == 0 { format!("service@{domain}") } else { String::new() };
                    let created = format!(
                        "{}-{:02}-{:02}",
                        &row.last_service.get(..4).unwrap_or("2024"),
                        1 + (i + k) % 12,
                        1 + (i * 3 + k) % 28
                    );
                    // The customer's, the area and the address as the main contact's.
                    let extra = ContactSpec {
                        name,
                        gender,
                        title,
                        telephone: &telephone,
                        mail: &mail,
                        location: None,
                        is_main: false,
                        ..main
                    };
                    contacts.push((contact(&mut rng, &extra), created));
                }
            }
            ids.push(id);
        }
        Data { ids, customers, contacts, template }
    }
}

/// The seeded data, built once per process and shared by every sandbox.
pub(crate) fn get() -> &'static Data {
    static DATA: std::sync::LazyLock<Data> = std::sync::LazyLock::new(Data::build);
    &DATA
}
