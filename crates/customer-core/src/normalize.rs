//! Helpers every mapping shares: text (empty means absent), decimal strings, dates with a
//! provider's home offset, the raw body, and the sweep that sends unmapped provider keys to `extra`.
//!
//! Nothing here knows a provider's field names, and nothing here can fail or panic on a value: a
//! helper returns `None` and the caller records a [`Warning`](crate::Warning).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, SecondsFormat, TimeZone};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::model::Warning;

/// China Standard Time, the home offset of nd and eshouhou.
pub(crate) const CHINA: i32 = 8 * 3600;
/// Indochina Time, the home offset of Gofive.
pub(crate) const THAILAND: i32 = 7 * 3600;
/// Korea Standard Time, the home offset of Pluuug.
pub(crate) const KOREA: i32 = 9 * 3600;

/// A provider string trimmed; empty or whitespace-only means absent.
pub(crate) fn text(s: Option<&str>) -> Option<String> {
    s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// Non-empty trimmed items of a provider list.
pub(crate) fn texts<'a>(items: impl IntoIterator<Item = &'a String>) -> Vec<String> {
    items.into_iter().filter_map(|s| text(Some(s))).collect()
}

/// Splits on any of `separators`, trimming and dropping empty pieces.
pub(crate) fn split(s: &str, separators: &[char]) -> Vec<String> {
    s.split(|c| separators.contains(&c)).filter_map(|p| text(Some(p))).collect()
}

/// A tax number with the separators people type (`-`, spaces, dots) removed.
pub(crate) fn tax_number(s: &str) -> Option<String> {
    text(Some(&s.chars().filter(|c| !matches!(c, '-' | '.' | ' ' | '\u{3000}')).collect::<String>()))
}

/// A value quoted for a warning message, cut at 80 characters.
pub(crate) fn quote(s: &str) -> String {
    const MAX: usize = 80;
    match s.char_indices().nth(MAX) {
        Some((cut, _)) => format!("`{}…`", &s[..cut]),
        None => format!("`{s}`"),
    }
}

/// A decimal string from provider text: `"2324.32"`, `" +5 "` → `"5"`, `".5"` → `"0.5"`,
/// `"1,234.50"` → `"1234.50"` (only with well-formed thousands groups). Digits after the point are
/// kept as sent (`"23.00"` stays). Anything else (`"abc"`, `"1e5"`, `"1,5"`) is `None`.
pub(crate) fn decimal(s: &str) -> Option<String> {
    let s = s.trim();
    let (sign, body) = match s.as_bytes().first() {
        Some(b'-') => ("-", &s[1..]),
        Some(b'+') => ("", &s[1..]),
        _ => ("", s),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let int = if int.contains(',') {
        let mut groups = int.split(',');
        let first = groups.next().unwrap_or_default();
        let ok = (1..=3).contains(&first.len())
            && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
        if !ok {
            return None;
        }
        int.replace(',', "")
    } else {
        int.to_string()
    };
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if !digits(&int) || !frac.is_none_or(digits) || (int.is_empty() && frac.is_none_or(str::is_empty)) {
        return None;
    }
    let int = if int.is_empty() { "0".to_string() } else { int };
    Some(match frac {
        Some(f) if !f.is_empty() => format!("{sign}{int}.{f}"),
        _ => format!("{sign}{int}"),
    })
}

/// A decimal string from a JSON number without float artefacts: Rust prints the shortest text that
/// reads back as the same `f64`, never in exponent form (`2324.32`, `1e20` → `100000000000000000000`).
/// `None` for NaN and infinities.
pub(crate) fn decimal_f64(f: f64) -> Option<String> {
    if !f.is_finite() {
        return None;
    }
    if f == 0.0 {
        return Some("0".to_string());
    }
    Some(format!("{f}"))
}

/// A decimal string from any JSON number.
pub(crate) fn decimal_number(n: &serde_json::Number) -> Option<String> {
    if let Some(i) = n.as_i64() {
        return Some(i.to_string());
    }
    if let Some(u) = n.as_u64() {
        return Some(u.to_string());
    }
    n.as_f64().and_then(decimal_f64)
}

/// Reads a provider date or date-time. With a time: RFC 3339 (`2021-08-01T12:00:00+08:00`), the
/// provider's own offset kept, `home` (seconds east of UTC) applied when it sent none. Date only:
/// `YYYY-MM-DD`. Accepts RFC 3339, offsets without a colon (`+0700`) or minutes (`+07`), a space
/// instead of `T`, missing seconds, fractional seconds (`.` or `,`), one-digit months and days,
/// `/` or `.` as date separators, and `2021年6月8日`. `None` otherwise (also for impossible dates).
pub(crate) fn date_or_datetime(s: &str, home: i32) -> Option<String> {
    Some(match parse_when(s, home)? {
        When::Date(d) => ymd(d),
        When::DateTime(dt) => rfc3339(dt),
    })
}

/// Reads a calendar date (`YYYY-MM-DD`). A date-time yields its date at the `home` offset, so a
/// birthday stored as local midnight in UTC (`1985-04-11T17:00:00Z` for Bangkok) stays the 12th.
pub(crate) fn date_only(s: &str, home: i32) -> Option<String> {
    Some(match parse_when(s, home)? {
        When::Date(d) => ymd(d),
        When::DateTime(dt) => ymd(dt.with_timezone(&FixedOffset::east_opt(home)?).date_naive()),
    })
}

enum When {
    Date(NaiveDate),
    DateTime(DateTime<FixedOffset>),
}

fn ymd(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn rfc3339(dt: DateTime<FixedOffset>) -> String {
    dt.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// A hand-written reader for the shapes above (chrono's format strings cost more than the rest of
/// a mapping put together, and one pass settles every shape).
fn parse_when(s: &str, home: i32) -> Option<When> {
    let mut c = Cursor { s: s.trim().as_bytes(), at: 0 };
    let year = c.digits(4, 4)?;
    // `None`: 2021年6月8日; otherwise the separator used twice (2021-06-08, 2021/6/8, 2021.06.08).
    let sep = if c.eat_str("年") { None } else { Some(c.one_of(b"-/.")?) };
    let month = c.digits(1, 2)?;
    match sep {
        Some(b) => c.eat(b),
        None => c.eat_str("月"),
    }
    .then_some(())?;
    let day = c.digits(1, 2)?;
    if sep.is_none() && !c.eat_str("日") {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    if c.done() {
        return Some(When::Date(date));
    }
    if !(c.eat(b'T') || c.eat(b't')) {
        let spaces = c.at;
        while c.eat(b' ') {}
        if c.at == spaces {
            return None;
        }
    }
    let hour = c.digits(1, 2)?;
    if !c.eat(b':') {
        return None;
    }
    let minute = c.digits(2, 2)?;
    let (mut second, mut nano) = (0, 0);
    if c.eat(b':') {
        second = c.digits(2, 2)?;
        if c.eat(b'.') || c.eat(b',') {
            let start = c.at;
            while c.s.get(c.at).is_some_and(u8::is_ascii_digit) {
                c.at += 1;
            }
            let frac = &c.s[start..c.at];
            if frac.is_empty() {
                return None;
            }
            nano = frac
                .iter()
                .chain(std::iter::repeat(&b'0'))
                .take(9)
                .fold(0, |n, d| n * 10 + u32::from(d - b'0'));
        }
    }
    if second == 60 {
        // A leap second, as RFC 3339 allows.
        second = 59;
        nano += 1_000_000_000;
    }
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nano)?;
    let offset = if c.done() {
        home
    } else if c.eat(b'Z') || c.eat(b'z') {
        0
    } else {
        let sign = if c.eat(b'+') {
            1
        } else if c.eat(b'-') {
            -1
        } else {
            return None;
        };
        let hours = c.digits(2, 2)?;
        let colon = c.eat(b':');
        let minutes = if colon || !c.done() { c.digits(2, 2)? } else { 0 };
        if hours > 23 || minutes > 59 {
            return None;
        }
        sign * i32::try_from(hours * 3600 + minutes * 60).ok()?
    };
    if !c.done() {
        return None;
    }
    let dt = FixedOffset::east_opt(offset)?.from_local_datetime(&NaiveDateTime::new(date, time)).single()?;
    Some(When::DateTime(dt))
}

struct Cursor<'a> {
    s: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    fn done(&self) -> bool {
        self.at == self.s.len()
    }
    fn eat(&mut self, b: u8) -> bool {
        let hit = self.s.get(self.at) == Some(&b);
        self.at += usize::from(hit);
        hit
    }
    fn one_of(&mut self, set: &[u8]) -> Option<u8> {
        let b = *self.s.get(self.at).filter(|b| set.contains(b))?;
        self.at += 1;
        Some(b)
    }
    fn eat_str(&mut self, t: &str) -> bool {
        let hit = self.s[self.at..].starts_with(t.as_bytes());
        if hit {
            self.at += t.len();
        }
        hit
    }
    /// `min..=max` ASCII digits as a number.
    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let start = self.at;
        while self.at - start < max && self.s.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
        let n = self.at - start;
        (n >= min).then(|| self.s[start..self.at].iter().fold(0, |v, d| v * 10 + u32::from(d - b'0')))
    }
}

/// Collects warnings as a mapping goes.
#[derive(Debug, Default)]
pub(crate) struct Warnings(pub(crate) Vec<Warning>);

impl Warnings {
    /// Records that `field` could not be taken as given.
    pub(crate) fn push(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(Warning::new(field, message));
    }

    /// Text → date or date-time with `home` offset; a warning names `key` when it does not read.
    pub(crate) fn date(&mut self, field: &str, key: &str, value: Option<&str>, home: i32) -> Option<String> {
        let raw = text(value)?;
        let out = date_or_datetime(&raw, home);
        if out.is_none() {
            self.push(field, format!("{key} {} is not a date; left null", quote(&raw)));
        }
        out
    }

    /// Text → decimal string; a warning names `key` when it does not read.
    pub(crate) fn decimal(&mut self, field: &str, key: &str, value: Option<&str>) -> Option<String> {
        let raw = text(value)?;
        let out = decimal(&raw);
        if out.is_none() {
            self.push(field, format!("{key} {} is not a decimal number; left null", quote(&raw)));
        }
        out
    }

    /// Coordinates from two decimal texts; both must read, else no geo and a warning.
    pub(crate) fn geo(
        &mut self,
        field: &str,
        lat: Option<&str>,
        lon: Option<&str>,
    ) -> Option<crate::model::Geo> {
        let (lat_raw, lon_raw) = (text(lat), text(lon));
        if lat_raw.is_none() && lon_raw.is_none() {
            return None;
        }
        match (lat_raw.as_deref().and_then(decimal), lon_raw.as_deref().and_then(decimal)) {
            (Some(la), Some(lo)) => Some(crate::model::Geo::new(la, lo)),
            _ => {
                self.push(
                    field,
                    format!(
                        "latitude {} / longitude {} are not both decimal numbers; left null",
                        quote(lat_raw.as_deref().unwrap_or("")),
                        quote(lon_raw.as_deref().unwrap_or(""))
                    ),
                );
                None
            }
        }
    }
}

/// The body as one `RawValue`, exactly as received. Leading/trailing whitespace around the JSON
/// value is not part of a `RawValue` and is dropped; anything that is not UTF-8 JSON gives `None`
/// and a warning (the mapping still runs on the decoded value).
pub(crate) fn raw_body(raw: &[u8], warnings: &mut Warnings) -> Option<Box<RawValue>> {
    let text = match String::from_utf8(raw.to_vec()) {
        Ok(t) => t,
        Err(e) => {
            warnings.push("raw", format!("response body is not UTF-8 ({e}); not kept"));
            return None;
        }
    };
    match RawValue::from_string(text) {
        Ok(v) => Some(v),
        Err(e) => {
            warnings.push("raw", format!("response body is not JSON ({e}); not kept"));
            None
        }
    }
}

/// The paths of a mapping module's lists (`companyName`, `status.id`, `contacts[].contactName`),
/// compiled once into a tree that [`sweep`] follows.
#[derive(Debug, Default)]
pub(crate) struct Paths {
    keys: BTreeMap<&'static str, PathEntry>,
}

#[derive(Debug, Default)]
struct PathEntry {
    to_extra: bool,
    object: Option<Paths>,
    items: Option<Paths>,
}

impl Paths {
    /// `known`: lists of keys with a unified home (or deliberately kept only in `raw`);
    /// `to_extra`: keys whose value goes to `extra` as sent.
    pub(crate) fn new(known: &[&[&'static str]], to_extra: &[&'static str]) -> Self {
        let mut root = Paths::default();
        for (path, extra) in known
            .iter()
            .flat_map(|l| l.iter().map(|p| (*p, false)))
            .chain(to_extra.iter().map(|p| (*p, true)))
        {
            let mut level = &mut root;
            let mut segments = path.split('.').peekable();
            while let Some(segment) = segments.next() {
                let (name, items) = match segment.strip_suffix("[]") {
                    Some(name) => (name, true),
                    None => (segment, false),
                };
                let entry = level.keys.entry(name).or_default();
                if segments.peek().is_none() {
                    entry.to_extra |= extra;
                    break;
                }
                level = if items {
                    entry.items.get_or_insert_default()
                } else {
                    entry.object.get_or_insert_default()
                };
            }
        }
        root
    }
}

/// Where the record sits in the body.
#[derive(Clone, Copy, Debug)]
pub(crate) enum At {
    /// The body is the record.
    Root,
    /// The record is the object under this key of the body (`data` of an envelope).
    Under(&'static str),
}

/// The provider's keys that have no unified home, value as sent, in one pass over the body:
/// - a key whose path is in `to_extra` goes to the result;
/// - a key no list mentions (a field the spec does not know yet) goes to the result too;
/// - a key whose path has children in the lists is an object or array: its own leftovers go to the
///   result under the key (arrays keep the provider's positions, `{}` where nothing is left);
/// - any other key is mapped and is skipped unparsed.
///
/// `null` and `""` are absent and never copied. `None` when the body is not JSON.
pub(crate) fn sweep(paths: &Paths, body: &[u8], at: At) -> Option<Map<String, Value>> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let out = match at {
        At::Root => SweepObject(paths).deserialize(&mut de).ok()?,
        At::Under(key) => SweepUnder(paths, key).deserialize(&mut de).ok()?.unwrap_or_default(),
    };
    de.end().ok()?;
    Some(out)
}

/// Whether the body is an object with an integer `code` (nd's optional `{code, message, data}`).
pub(crate) fn has_integer_code(body: &[u8]) -> bool {
    #[derive(serde::Deserialize)]
    struct Probe {
        code: Option<Value>,
    }
    serde_json::from_slice::<Probe>(body).is_ok_and(|p| p.code.is_some_and(|c| c.is_i64() || c.is_u64()))
}

/// An object key, borrowed from the body unless it has escapes.
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

/// Anything that is not the expected container is consumed and leaves nothing over.
macro_rules! nothing_left_from_scalars {
    ($empty:expr) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok($empty)
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok($empty)
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok($empty)
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok($empty)
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok($empty)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok($empty)
        }
    };
}

fn drain_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

fn drain_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

/// Leftovers of one object at a level of the path tree.
struct SweepObject<'t>(&'t Paths);

impl<'de> DeserializeSeed<'de> for SweepObject<'_> {
    type Value = Map<String, Value>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for SweepObject<'_> {
    type Value = Map<String, Value>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key_seed(Key)? {
            let left = match self.0.keys.get(key.as_ref()) {
                None => Some(map.next_value::<Value>()?).filter(|v| !is_absent(v)),
                Some(entry) if entry.to_extra => Some(map.next_value::<Value>()?).filter(|v| !is_absent(v)),
                Some(entry) if entry.object.is_some() || entry.items.is_some() => {
                    map.next_value_seed(SweepNested(entry))?
                }
                Some(_) => {
                    map.next_value::<IgnoredAny>()?;
                    None
                }
            };
            if let Some(v) = left {
                out.insert(key.into_owned(), v);
            }
        }
        Ok(out)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        drain_seq(seq).map(|()| Map::new())
    }
    nothing_left_from_scalars!(Map::new());
}

/// Leftovers inside a key whose path has children: an object, or an array of objects.
struct SweepNested<'t>(&'t PathEntry);

impl<'de> DeserializeSeed<'de> for SweepNested<'_> {
    type Value = Option<Value>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for SweepNested<'_> {
    type Value = Option<Value>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let Some(paths) = &self.0.object else {
            return drain_map(map).map(|()| None);
        };
        let left = SweepObject(paths).visit_map(map)?;
        Ok((!left.is_empty()).then_some(Value::Object(left)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let Some(paths) = &self.0.items else {
            return drain_seq(seq).map(|()| None);
        };
        let mut items = Vec::new();
        while let Some(left) = seq.next_element_seed(SweepObject(paths))? {
            items.push(Value::Object(left));
        }
        let any = items.iter().any(|v| v.as_object().is_some_and(|o| !o.is_empty()));
        Ok(any.then_some(Value::Array(items)))
    }
    nothing_left_from_scalars!(None);
}

/// Leftovers of the object under one key of the body; other keys are skipped.
struct SweepUnder<'t>(&'t Paths, &'static str);

impl<'de> DeserializeSeed<'de> for SweepUnder<'_> {
    type Value = Option<Map<String, Value>>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for SweepUnder<'_> {
    type Value = Option<Map<String, Value>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = None;
        while let Some(key) = map.next_key_seed(Key)? {
            if key == self.1 {
                out = Some(map.next_value_seed(SweepObject(self.0))?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(out)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        drain_seq(seq).map(|()| None)
    }
    nothing_left_from_scalars!(None);
}

fn is_absent(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_treats_blank_as_absent() {
        assert_eq!(text(Some("  a b ")), Some("a b".into()));
        assert_eq!(text(Some(" \t")), None);
        assert_eq!(text(None), None);
    }

    #[test]
    fn decimal_keeps_digits_as_sent() {
        for (input, want) in [
            ("2324.32", Some("2324.32")),
            ("23.00", Some("23.00")),
            (" +5 ", Some("5")),
            ("-0.10", Some("-0.10")),
            (".5", Some("0.5")),
            ("5.", Some("5")),
            ("1,234,567.50", Some("1234567.50")),
            ("1,5", None),
            ("12,34", None),
            ("1e5", None),
            ("abc", None),
            ("", None),
            (".", None),
            ("-", None),
            ("1.2.3", None),
            ("١٢", None),
        ] {
            assert_eq!(decimal(input).as_deref(), want, "{input:?}");
        }
    }

    #[test]
    fn decimal_f64_has_no_float_artefacts() {
        assert_eq!(decimal_f64(2324.32).as_deref(), Some("2324.32"));
        assert_eq!(decimal_f64(0.1 + 0.2).as_deref(), Some("0.30000000000000004"));
        assert_eq!(decimal_f64(1e20).as_deref(), Some("100000000000000000000"));
        assert_eq!(decimal_f64(1e-7).as_deref(), Some("0.0000001"));
        assert_eq!(decimal_f64(3500.0).as_deref(), Some("3500"));
        assert_eq!(decimal_f64(-0.0).as_deref(), Some("0"));
        assert_eq!(decimal_f64(f64::NAN), None);
    }

    #[test]
    fn dates_get_the_home_offset_only_when_they_have_none() {
        for (input, want) in [
            ("2021-08-01 12:00:00", Some("2021-08-01T12:00:00+08:00")),
            ("2021-08-01T12:00", Some("2021-08-01T12:00:00+08:00")),
            ("2021/8/1 12:00:00", Some("2021-08-01T12:00:00+08:00")),
            ("2021-08-01 12:00:00.250", Some("2021-08-01T12:00:00.250+08:00")),
            ("2023-11-07T05:31:56Z", Some("2023-11-07T05:31:56Z")),
            ("2025-01-29T15:38:43+0700", Some("2025-01-29T15:38:43+07:00")),
            ("2025-01-29T15:38:43-05:00", Some("2025-01-29T15:38:43-05:00")),
            ("2022-01-15", Some("2022-01-15")),
            ("2024.03.25", Some("2024-03-25")),
            ("2024/3/5", Some("2024-03-05")),
            ("2021年6月8日", Some("2021-06-08")),
            ("2021-08-01T12:00:00,5", Some("2021-08-01T12:00:00.500+08:00")),
            ("2021-08-01t12:00:00z", Some("2021-08-01T12:00:00Z")),
            ("2021-08-01T12:00:00+07", Some("2021-08-01T12:00:00+07:00")),
            ("2016-12-31T23:59:60Z", Some("2016-12-31T23:59:60Z")),
            ("2021-08-01T12:00:00.123456789123+08:00", Some("2021-08-01T12:00:00.123456789+08:00")),
            ("2021-08-01T24:00:00", None),
            ("2021-08-01T12:00:00+25:00", None),
            ("2021-08-01T12:00:00 +08:00", None),
            ("2021-08/01", None),
            ("2021年6-8", None),
            ("21-08-01", None),
            ("20210801", None),
            ("2021-08-01T", None),
            ("2021-08-01T12", None),
            ("2021年6月8日 14:32", Some("2021-06-08T14:32:00+08:00")),
            ("YYYY-MM-DD", None),
            ("2021-13-01", None),
            ("2021-02-30 10:00:00", None),
            ("yesterday", None),
            ("", None),
        ] {
            assert_eq!(date_or_datetime(input, CHINA).as_deref(), want, "{input:?}");
        }
    }

    #[test]
    fn date_only_reads_the_date_at_home() {
        assert_eq!(date_only("1985-04-12", THAILAND).as_deref(), Some("1985-04-12"));
        assert_eq!(date_only("1985-04-11T17:00:00Z", THAILAND).as_deref(), Some("1985-04-12"));
        assert_eq!(date_only("1985-04-12 00:00:00", THAILAND).as_deref(), Some("1985-04-12"));
        assert_eq!(date_only("YYYY-MM-DD", THAILAND), None);
    }

    #[test]
    fn quote_cuts_long_values_on_char_boundaries() {
        let long = "가".repeat(100);
        let q = quote(&long);
        assert_eq!(q.chars().count(), 80 + 3);
        assert_eq!(quote("x"), "`x`");
    }

    #[test]
    fn tax_number_drops_separators() {
        assert_eq!(tax_number(" 214-86-12345 ").as_deref(), Some("2148612345"));
        assert_eq!(tax_number("--"), None);
    }

    #[test]
    fn raw_body_keeps_bytes_or_warns() {
        let mut w = Warnings::default();
        assert_eq!(raw_body(br#"{"a": 1}"#, &mut w).unwrap().get(), r#"{"a": 1}"#);
        assert!(raw_body(b"{", &mut w).is_none());
        assert!(raw_body(&[0xff, 0xfe], &mut w).is_none());
        assert_eq!(w.0.len(), 2);
        assert!(w.0.iter().all(|w| w.field == "raw"));
    }

    #[test]
    fn sweep_follows_the_lists_in_one_pass() {
        let body = br#"{"a":1,"b":"x","c":{"d":1,"e":2,"f":{"g":1}},"f":[{"g":1,"h":2},{"g":3},null],
            "new":[1],"blank":"","nul":null,"k\u0065y":true,"s":"not an object"}"#;
        let mapped: &[&str] = &["a", "c.d", "c.f.g", "f[].g", "s.t"];
        let to_extra: &[&str] = &["b", "c.e", "blank"];
        let paths = Paths::new(&[mapped], to_extra);
        let left = sweep(&paths, body, At::Root).unwrap();
        assert_eq!(
            Value::Object(left),
            serde_json::json!({"b": "x", "c": {"e": 2}, "f": [{"h": 2}, {}, {}], "new": [1], "key": true})
        );
        let wrapped = br#"{"code":0,"data":{"a":1,"z":2},"message":"ok"}"#;
        assert_eq!(
            Value::Object(sweep(&paths, wrapped, At::Under("data")).unwrap()),
            serde_json::json!({"z": 2})
        );
        assert_eq!(sweep(&paths, br#"{"a":1}"#, At::Under("data")), Some(Map::new()));
        assert_eq!(sweep(&paths, b"{", At::Root), None);
        assert_eq!(sweep(&paths, br#"{"a":1} x"#, At::Root), None);
        assert!(has_integer_code(wrapped));
        assert!(!has_integer_code(br#"{"code":"0"}"#));
        assert!(!has_integer_code(b"[]"));
    }
}
