//! Helpers every mapping shares: text (empty means absent), decimal strings, dates with a
//! provider's home offset, and putting decoded values into `extra`.
//!
//! Nothing here knows a provider's field names, and nothing here can fail or panic on a value: a
//! helper returns `None` and the caller records a [`Warning`](crate::Warning).

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, SecondsFormat, TimeZone};
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
    trimmed(s).map(str::to_string)
}

/// [`text`] without the copy.
pub(crate) fn trimmed(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

/// [`text`] of a string the mapping owns: trimmed in place, not copied.
pub(crate) fn owned_text(s: Option<String>) -> Option<String> {
    let mut s = s?;
    s.truncate(s.trim_end().len());
    let start = s.len() - s.trim_start().len();
    s.drain(..start);
    (!s.is_empty()).then_some(s)
}

/// [`texts`] of a list the mapping owns: its strings and its buffer reused.
pub(crate) fn owned_texts(items: Option<Vec<String>>) -> Vec<String> {
    items.map(|items| items.into_iter().filter_map(|s| owned_text(Some(s))).collect()).unwrap_or_default()
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
    let number: String = s.chars().filter(|c| !matches!(c, '-' | '.' | ' ' | '\u{3000}')).collect();
    // Other whitespace (`"\t1-2\n"`) is trimmed after; a copy only when there is some.
    match number.trim() {
        "" => None,
        t if t.len() == number.len() => Some(number),
        t => Some(t.to_string()),
    }
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
        Some((i, f)) => (i, f),
        None => (body, ""),
    };
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    let grouped = int.contains(',');
    if grouped {
        let mut groups = int.split(',');
        let first = groups.next().unwrap_or_default();
        let ok = (1..=3).contains(&first.len()) && digits(first) && groups.all(|g| g.len() == 3 && digits(g));
        if !ok {
            return None;
        }
    }
    if !(grouped || digits(int)) || !digits(frac) || (int.is_empty() && frac.is_empty()) {
        return None;
    }
    let mut out = String::with_capacity(sign.len() + int.len().max(1) + 1 + frac.len());
    out.push_str(sign);
    match int {
        "" => out.push('0'),
        int if grouped => out.extend(int.chars().filter(|c| *c != ',')),
        int => out.push_str(int),
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    Some(out)
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
    // Money is mostly whole or in cents: print those from integers (a few times cheaper than
    // core's float formatter), exactly as `format!("{f}")` would. Below 1e12 a decimal of at most
    // two places that reads back as `f` is the only text of ≤ 15 significant digits that does, so
    // it is the shortest one — Display's choice; anything else goes through `format!`.
    if f.abs() < 1e12 {
        let cents = f * 100.0;
        if cents.fract() == 0.0 {
            let c = cents as i64;
            let (units, hundredths) = (c.unsigned_abs() / 100, c.unsigned_abs() % 100);
            let sign = if c < 0 { "-" } else { "" };
            let text = match hundredths {
                0 => format!("{sign}{units}"),
                h if h % 10 == 0 => format!("{sign}{units}.{}", h / 10),
                h => format!("{sign}{units}.{h:02}"),
            };
            if text.parse::<f64>() == Ok(f) {
                return Some(text);
            }
        }
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
        let raw = trimmed(value)?;
        let out = date_or_datetime(raw, home);
        if out.is_none() {
            self.push(field, format!("{key} {} is not a date; left null", quote(raw)));
        }
        out
    }

    /// Text → decimal string; a warning names `key` when it does not read.
    pub(crate) fn decimal(&mut self, field: &str, key: &str, value: Option<&str>) -> Option<String> {
        let raw = trimmed(value)?;
        let out = decimal(raw);
        if out.is_none() {
            self.push(field, format!("{key} {} is not a decimal number; left null", quote(raw)));
        }
        out
    }

    /// Coordinates from two decimal texts; both must read, else no geo and a warning on the field
    /// `field()` names.
    pub(crate) fn geo(
        &mut self,
        field: impl FnOnce() -> String,
        lat: Option<&str>,
        lon: Option<&str>,
    ) -> Option<crate::model::Geo> {
        let (lat_raw, lon_raw) = (trimmed(lat), trimmed(lon));
        if lat_raw.is_none() && lon_raw.is_none() {
            return None;
        }
        match (lat_raw.and_then(decimal), lon_raw.and_then(decimal)) {
            (Some(la), Some(lo)) => Some(crate::model::Geo::new(la, lo)),
            _ => {
                self.push(
                    field(),
                    format!(
                        "latitude {} / longitude {} are not both decimal numbers; left null",
                        quote(lat_raw.unwrap_or("")),
                        quote(lon_raw.unwrap_or(""))
                    ),
                );
                None
            }
        }
    }
}

/// Puts a provider value into `extra` under the provider's key, as sent (not trimmed); `None` and
/// blank strings are absent and left out, as everywhere else.
pub(crate) fn put(extra: &mut Map<String, Value>, key: &str, value: Option<impl Into<Value>>) {
    let Some(value) = value.map(Into::into) else { return };
    if !matches!(&value, Value::String(s) if s.trim().is_empty()) {
        extra.insert(key.to_string(), value);
    }
}

/// What is left for `extra` of each item of a provider list: one object per item, in the
/// provider's order (`{}` where an item has nothing left), put under the list's key only when some
/// item has something left.
#[derive(Debug, Default)]
pub(crate) struct ItemsLeft {
    items: Vec<Value>,
    any: bool,
}

impl ItemsLeft {
    /// Records the leftovers of the next item.
    pub(crate) fn push(&mut self, left: Map<String, Value>) {
        self.any |= !left.is_empty();
        self.items.push(Value::Object(left));
    }

    /// Puts the list into `extra` under `key`, if any item has something left.
    pub(crate) fn put(self, extra: &mut Map<String, Value>, key: &str) {
        if self.any {
            extra.insert(key.to_string(), Value::Array(self.items));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_f64_prints_what_display_prints() {
        let mut rng = 0x9e37_79b9_7f4a_7c15_u64;
        let mut samples = vec![
            0.1,
            -0.1,
            3280000.5,
            120000.0,
            -7.0,
            1e15,
            1e16,
            1.5e16,
            9007199254740993.0,
            1e-5,
            1.2e-7,
            123456.789,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            -0.0,
            0.3,
            2.0 / 3.0,
        ];
        for _ in 0..20_000 {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let f = f64::from_bits(rng);
            if f.is_finite() {
                samples.push(f);
            }
            samples.push((rng % 100_000_000) as f64 / 100.0);
        }
        for f in samples {
            let want = if f == 0.0 { "0".to_string() } else { format!("{f}") };
            assert_eq!(decimal_f64(f).as_deref(), Some(want.as_str()), "{f:e}");
        }
    }

    #[test]
    fn text_treats_blank_as_absent() {
        assert_eq!(text(Some("  a b ")), Some("a b".into()));
        assert_eq!(text(Some(" \t")), None);
        assert_eq!(text(None), None);
    }

    #[test]
    fn owned_text_trims_in_place() {
        for input in ["  a b ", "a", " \t", "", "\u{3000}가\u{3000}", "x\n"] {
            assert_eq!(owned_text(Some(input.to_string())), text(Some(input)), "{input:?}");
        }
        assert_eq!(owned_text(None), None);
        let list = vec![" a ".to_string(), " ".to_string(), "b".to_string()];
        assert_eq!(owned_texts(Some(list.clone())), texts(&list));
        assert_eq!(owned_texts(None), Vec::<String>::new());
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
            ("-1,234", Some("-1234")),
            (",123", None),
            ("1,23a", None),
            ("a,123", None),
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
        assert_eq!(tax_number("-\t1-2 ").as_deref(), Some("12"));
        assert_eq!(tax_number("1-\t").as_deref(), Some("1"));
    }

    #[test]
    fn put_leaves_out_absent_values_and_items_lists_only_leftovers() {
        let mut extra = Map::new();
        put(&mut extra, "a", Some(" x "));
        put(&mut extra, "blank", Some(" "));
        put(&mut extra, "none", None::<i64>);
        put(&mut extra, "n", Some(0));
        put(&mut extra, "empty", Some(Vec::<String>::new()));
        let mut nothing = ItemsLeft::default();
        nothing.push(Map::new());
        nothing.put(&mut extra, "nothing");
        let mut some = ItemsLeft::default();
        some.push(Map::new());
        some.push(Map::from_iter([("k".to_string(), Value::Bool(true))]));
        some.put(&mut extra, "some");
        assert_eq!(
            Value::Object(extra),
            serde_json::json!({"a": " x ", "n": 0, "empty": [], "some": [{}, {"k": true}]})
        );
    }
}
