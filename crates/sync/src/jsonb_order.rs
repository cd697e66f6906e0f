//! JSON text with every object's members in the order Postgres keeps a `jsonb` object's: shorter
//! keys first, then bytewise.
//!
//! Postgres sorts the members of each object it parses into `jsonb`; its sort returns after one
//! pass on input already in that order. The shared model serialized in struct order has ~15
//! objects per customer, and sorting them was ~15 % of the server's CPU in a first `sync` of nd
//! (a `perf` profile of the backend: `qsort_arg` under `jsonb_in`). Reordering the text here is
//! one pass over it (no tree: each object's members are moved as byte ranges once written).
//! [`serialize_ordered`] does the same while serde_json writes the model, and hashes serde_json's
//! own text on the way: one pass instead of serialize, hash and reorder (a first `sync` of 100k nd
//! customers: 0.2 s less CLI CPU).
//!
//! The value is the same JSON value, so the order is only a speed matter: keys are compared as
//! written (an escaped key may land where Postgres would not put it; Postgres then sorts that
//! object). Text that is not one JSON value is answered unchanged.

use std::io;

use serde_json::ser::{CharEscape, CompactFormatter, Formatter};
use sha2::{Digest, Sha256};

/// `json` with each object's members in `jsonb` order (unchanged when `json` is not one JSON
/// value).
pub(crate) fn jsonb_ordered(json: &str) -> String {
    let mut w = Writer {
        text: json,
        b: json.as_bytes(),
        out: String::with_capacity(json.len()),
        members: Vec::new(),
        scratch: String::new(),
    };
    let start = skip_ws(w.b, 0);
    match w.value(start) {
        Some(at) if skip_ws(w.b, at) == w.b.len() => w.out,
        _ => json.to_string(),
    }
}

/// One object member: its key as written (a range of the input, quotes excluded) and where
/// `"key":value` was written (a range of the output).
#[derive(Clone, Copy)]
struct Member {
    key: (usize, usize),
    written: (usize, usize),
}

/// One pass over the input: each value is copied to `out` as it is read; an object's members are
/// then put in order by moving their written byte ranges.
struct Writer<'a> {
    /// The input; `b` is its bytes (every range copied starts and ends at an ASCII delimiter,
    /// so on a character boundary).
    text: &'a str,
    b: &'a [u8],
    out: String,
    /// The members of the objects being written, innermost last (each object uses the part it
    /// pushed and truncates it when done).
    members: Vec<Member>,
    /// An object's written members while they are put in order.
    scratch: String,
}

fn skip_ws(b: &[u8], mut at: usize) -> usize {
    while at < b.len() && matches!(b[at], b' ' | b'\t' | b'\n' | b'\r') {
        at += 1;
    }
    at
}

impl Writer<'_> {
    /// Writes the value at `at`; answers where it ends in the input.
    fn value(&mut self, at: usize) -> Option<usize> {
        match *self.b.get(at)? {
            b'{' => self.object(at),
            b'[' => {
                self.out.push('[');
                let mut i = skip_ws(self.b, at + 1);
                if self.b.get(i) == Some(&b']') {
                    self.out.push(']');
                    return Some(i + 1);
                }
                loop {
                    i = skip_ws(self.b, self.value(i)?);
                    match self.b.get(i) {
                        Some(b',') => {
                            self.out.push(',');
                            i = skip_ws(self.b, i + 1);
                        }
                        Some(b']') => {
                            self.out.push(']');
                            return Some(i + 1);
                        }
                        _ => return None,
                    }
                }
            }
            b'"' => {
                let end = self.string_end(at)?;
                self.out.push_str(self.text.get(at..end)?);
                Some(end)
            }
            _ => {
                let b = self.b;
                let mut i = at;
                while i < b.len() && !matches!(b[i], b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                    i += 1;
                }
                if i == at || matches!(b[at], b'{' | b'[' | b'"' | b':') {
                    return None;
                }
                self.out.push_str(self.text.get(at..i)?);
                Some(i)
            }
        }
    }

    /// Just past the closing quote of the string opening at `at`.
    fn string_end(&self, at: usize) -> Option<usize> {
        let b = self.b;
        let mut i = at + 1;
        while i < b.len() {
            match b[i] {
                b'"' => return Some(i + 1),
                b'\\' => i += 2,
                _ => i += 1,
            }
        }
        None
    }

    fn object(&mut self, at: usize) -> Option<usize> {
        let b = self.b;
        let open = self.out.len();
        self.out.push('{');
        let base = self.members.len();
        let mut i = skip_ws(b, at + 1);
        if b.get(i) == Some(&b'}') {
            self.out.push('}');
            return Some(i + 1);
        }
        loop {
            if b.get(i) != Some(&b'"') {
                return None;
            }
            let key_end = self.string_end(i)?;
            let colon = skip_ws(b, key_end);
            if b.get(colon) != Some(&b':') {
                return None;
            }
            let start = self.out.len();
            self.out.push_str(self.text.get(i..key_end)?);
            self.out.push(':');
            let value_end = self.value(skip_ws(b, colon + 1))?;
            self.members.push(Member { key: (i + 1, key_end - 1), written: (start, self.out.len()) });
            i = skip_ws(b, value_end);
            match b.get(i) {
                Some(b',') => {
                    self.out.push(',');
                    i = skip_ws(b, i + 1);
                }
                Some(b'}') => break,
                _ => return None,
            }
        }
        let key = |m: &Member| &b[m.key.0..m.key.1];
        let order = |x: &Member, y: &Member| key(x).len().cmp(&key(y).len()).then_with(|| key(x).cmp(key(y)));
        let members = &mut self.members[base..];
        if !members.is_sorted_by(|x, y| order(x, y).is_le()) {
            members.sort_by(order);
            self.scratch.clear();
            self.scratch.push_str(&self.out[open + 1..]);
            self.out.truncate(open + 1);
            for (n, m) in members.iter().enumerate() {
                if n > 0 {
                    self.out.push(',');
                }
                self.out.push_str(&self.scratch[m.written.0 - open - 1..m.written.1 - open - 1]);
            }
        }
        self.out.push('}');
        self.members.truncate(base);
        Some(i + 1)
    }
}

/// `value` serialized by serde_json with each object's members in `jsonb` order, written in one
/// pass; beside it the SHA-256 state fed with the text serde_json itself writes (compact, struct
/// order), so a content hash over that text needs no second serialization.
///
/// serde_json sends every byte it writes through its [`Formatter`]; this one keeps the bytes in its
/// own buffer (the serializer's writer gets none), notes where each object member begins and ends,
/// and when an object ends, hashes what is not hashed yet and moves its members into order.
pub(crate) fn serialize_ordered<T: serde::Serialize>(
    value: &T,
) -> Result<(String, Sha256), serde_json::Error> {
    // The working buffers of the last call on this thread (a batch serializes hundreds of
    // customers in a row): no allocation for them after the first customer.
    let mut work = WORK.take();
    work.clear();
    let mut state = Ordering { out: String::with_capacity(work.out_hint), work, ..Ordering::default() };
    let written =
        value.serialize(&mut serde_json::Serializer::with_formatter(io::sink(), Format(&mut state)));
    state.hash_written();
    let Ordering { out, hasher, mut work, .. } = state;
    // The next text is likely as long as this one (customers of one provider), with an eighth
    // more room.
    work.out_hint = (out.len() + out.len() / 8).clamp(256, 64 * 1024);
    WORK.set(work);
    written.map(|()| (out, hasher))
}

thread_local! {
    static WORK: std::cell::Cell<Work> = std::cell::Cell::new(Work::default());
}

/// The buffers [`serialize_ordered`] works in, kept per thread between calls.
struct Work {
    /// The objects being written, innermost last: where each one's members begin in `out` and
    /// its first member in `members`.
    objects: Vec<(usize, usize)>,
    /// The members written so far of the objects being written: the key (quotes excluded) and
    /// the whole `"key":value`, as ranges of `out`.
    members: Vec<Member>,
    /// An object's written members while they are put in order.
    scratch: String,
    /// A number or an escape as [`CompactFormatter`] writes it, before it joins `out`.
    number: Vec<u8>,
    /// The capacity to give the next text: the last one's length and an eighth.
    out_hint: usize,
}

impl Default for Work {
    fn default() -> Work {
        Work {
            objects: Vec::new(),
            members: Vec::new(),
            scratch: String::new(),
            number: Vec::new(),
            out_hint: 2048,
        }
    }
}

impl Work {
    /// Empty, and no larger than a large customer needs (one huge model does not stay with the
    /// thread).
    fn clear(&mut self) {
        self.objects.clear();
        self.members.clear();
        self.scratch.clear();
        self.number.clear();
        self.members.shrink_to(4096);
        self.scratch.shrink_to(64 * 1024);
    }
}

/// The state of [`serialize_ordered`].
#[derive(Default)]
struct Ordering {
    /// What is written: text all along (serde_json hands over `&str` fragments; numbers and
    /// escapes go through `number`), so no UTF-8 check at the end.
    out: String,
    hasher: Sha256,
    /// `out[..hashed]` went into `hasher` (in the order serde_json wrote it).
    hashed: usize,
    /// The member being written: where it begins, and its key's.
    member: (usize, usize),
    work: Work,
}

impl Ordering {
    fn hash_written(&mut self) {
        self.hasher.update(&self.out.as_bytes()[self.hashed..]);
        self.hashed = self.out.len();
    }

    /// The object whose members began at `open` and are `members[base..]` is complete: its
    /// members in order (the object keeps its place and length, so the ranges noted for the
    /// objects around it stay true).
    fn order(&mut self, open: usize, base: usize) {
        let b = self.out.as_bytes();
        let key = |m: &Member| &b[m.key.0..m.key.1];
        let order = |x: &Member, y: &Member| key(x).len().cmp(&key(y).len()).then_with(|| key(x).cmp(key(y)));
        let work = &mut self.work;
        let members = &mut work.members[base..];
        if !members.is_sorted_by(|x, y| order(x, y).is_le()) {
            // Equal keys keep the order they were written in (the last still wins in Postgres):
            // what a stable sort gives, without the buffer a stable sort of a large object takes.
            members.sort_unstable_by(|x, y| order(x, y).then(x.written.0.cmp(&y.written.0)));
            // What is moved is hashed first: the hash is of the order serde_json wrote.
            self.hasher.update(&b[self.hashed..]);
            work.scratch.clear();
            work.scratch.push_str(&self.out[open..]);
            self.out.truncate(open);
            for (n, m) in work.members[base..].iter().enumerate() {
                if n > 0 {
                    self.out.push(',');
                }
                self.out.push_str(&work.scratch[m.written.0 - open..m.written.1 - open]);
            }
            self.hashed = self.out.len();
        }
        work.members.truncate(base);
    }

    /// Appends what `write` wrote to `number` (ASCII: digits, signs, exponents, escapes).
    fn push_written(&mut self, write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> io::Result<()> {
        let number = &mut self.work.number;
        number.clear();
        write(number)?;
        let text = std::str::from_utf8(number).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        self.out.push_str(text);
        Ok(())
    }
}

/// serde_json's formatter for [`serialize_ordered`]: writes what [`CompactFormatter`] writes, into
/// the state's buffer.
struct Format<'a>(&'a mut Ordering);

/// Formatter methods that write what [`CompactFormatter`] writes, through `number`.
macro_rules! compact {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {
        $(fn $name<W: ?Sized + io::Write>(&mut self, _: &mut W, $($arg: $ty),*) -> io::Result<()> {
            self.0.push_written(|w| CompactFormatter.$name(w, $($arg),*))
        })*
    };
}

/// Formatter methods that append a fixed text.
macro_rules! fixed {
    ($($name:ident => $text:expr;)*) => {
        $(fn $name<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
            self.0.out.push_str($text);
            Ok(())
        })*
    };
}

impl Formatter for Format<'_> {
    compact! {
        write_i8(value: i8);
        write_i16(value: i16);
        write_i32(value: i32);
        write_i64(value: i64);
        write_i128(value: i128);
        write_u8(value: u8);
        write_u16(value: u16);
        write_u32(value: u32);
        write_u64(value: u64);
        write_u128(value: u128);
        write_f32(value: f32);
        write_f64(value: f64);
        write_char_escape(char_escape: CharEscape);
    }

    fixed! {
        write_null => "null";
        begin_string => "\"";
        end_string => "\"";
        begin_array => "[";
        end_array => "]";
        end_array_value => "";
        begin_object_value => ":";
    }

    fn write_bool<W: ?Sized + io::Write>(&mut self, _: &mut W, value: bool) -> io::Result<()> {
        self.0.out.push_str(if value { "true" } else { "false" });
        Ok(())
    }

    fn write_number_str<W: ?Sized + io::Write>(&mut self, _: &mut W, value: &str) -> io::Result<()> {
        self.0.out.push_str(value);
        Ok(())
    }

    fn write_string_fragment<W: ?Sized + io::Write>(&mut self, _: &mut W, fragment: &str) -> io::Result<()> {
        self.0.out.push_str(fragment);
        Ok(())
    }

    fn write_raw_fragment<W: ?Sized + io::Write>(&mut self, _: &mut W, fragment: &str) -> io::Result<()> {
        self.0.out.push_str(fragment);
        Ok(())
    }

    fn begin_array_value<W: ?Sized + io::Write>(&mut self, _: &mut W, first: bool) -> io::Result<()> {
        if !first {
            self.0.out.push(',');
        }
        Ok(())
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        let s = &mut *self.0;
        s.out.push('{');
        s.work.objects.push((s.out.len(), s.work.members.len()));
        Ok(())
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        let s = &mut *self.0;
        if let Some((open, base)) = s.work.objects.pop() {
            s.order(open, base);
        }
        s.out.push('}');
        Ok(())
    }

    fn begin_object_key<W: ?Sized + io::Write>(&mut self, _: &mut W, first: bool) -> io::Result<()> {
        let s = &mut *self.0;
        if !first {
            s.out.push(',');
        }
        // The key is a string (serde_json quotes every key): it begins after its quote.
        s.member = (s.out.len(), s.out.len() + 1);
        Ok(())
    }

    fn end_object_key<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        let s = &mut *self.0;
        let (start, key) = s.member;
        // Until the value is written, `written` holds where the key ends.
        s.work
            .members
            .push(Member { key: (key, s.out.len().saturating_sub(1).max(key)), written: (start, start) });
        Ok(())
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        let s = &mut *self.0;
        let end = s.out.len();
        if let Some(m) = s.work.members.last_mut() {
            m.written.1 = end;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::jsonb_ordered;
    use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
    use serde_json::Value;

    /// Whether every object of a JSON text has its keys in `jsonb` order (read as written).
    struct Ordered(bool);

    impl<'de> Deserialize<'de> for Ordered {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Ordered, D::Error> {
            d.deserialize_any(Check)
        }
    }

    struct Check;

    impl<'de> Visitor<'de> for Check {
        type Value = Ordered;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("JSON")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
            let (mut ok, mut previous) = (true, None::<String>);
            while let Some(key) = map.next_key::<String>()? {
                if let Some(p) = &previous {
                    ok &= (p.len(), p.as_str()) < (key.len(), key.as_str());
                }
                ok &= map.next_value::<Ordered>()?.0;
                previous = Some(key);
            }
            Ok(Ordered(ok))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Ordered, A::Error> {
            let mut ok = true;
            while let Some(Ordered(item)) = seq.next_element()? {
                ok &= item;
            }
            Ok(Ordered(ok))
        }
        fn visit_bool<E>(self, _: bool) -> Result<Ordered, E> {
            Ok(Ordered(true))
        }
        fn visit_i64<E>(self, _: i64) -> Result<Ordered, E> {
            Ok(Ordered(true))
        }
        fn visit_u64<E>(self, _: u64) -> Result<Ordered, E> {
            Ok(Ordered(true))
        }
        fn visit_f64<E>(self, _: f64) -> Result<Ordered, E> {
            Ok(Ordered(true))
        }
        fn visit_str<E>(self, _: &str) -> Result<Ordered, E> {
            Ok(Ordered(true))
        }
        fn visit_unit<E>(self) -> Result<Ordered, E> {
            Ok(Ordered(true))
        }
    }

    fn ordered(text: &str) -> bool {
        serde_json::from_str::<Ordered>(text).unwrap().0
    }

    fn same_value(a: &str, b: &str) {
        let (x, y): (Value, Value) = (serde_json::from_str(a).unwrap(), serde_json::from_str(b).unwrap());
        assert_eq!(x, y, "{a}\n{b}");
    }

    #[test]
    fn objects_come_out_in_jsonb_order_with_the_same_value() {
        let cases = [
            r#"{"provider":"nd","id":"1","code":"00001","name":"金职院","extra":{"levelId":5,"rank":1,"isPinned":true},"tags":[],"a":null}"#,
            r#"{"b":1,"a":2,"aa":{"zz":[{"y":1,"x":2},{"d":"\"}{[","c":"\\"}],"z":{}},"":0}"#,
            r#"[{"bb":1,"a":[1,2.5e3,-0,true,false,null]},"x",{}]"#,
            r#" { "b" : 1 , "a" : [ ] } "#,
            r#""just a string""#,
            "12",
        ];
        for case in cases {
            let out = jsonb_ordered(case);
            same_value(case, &out);
            assert!(ordered(&out), "{out}");
            assert_eq!(jsonb_ordered(&out), out, "reordering is idempotent");
        }
        assert!(!ordered(cases[0]), "the check can fail");
        assert_eq!(
            jsonb_ordered(r#"{"provider":"nd","id":"1","code":"2","extra":{"levelId":5,"rank":1}}"#),
            r#"{"id":"1","code":"2","extra":{"rank":1,"levelId":5},"provider":"nd"}"#
        );
        // Escaped keys are ordered as written; the value is still the same.
        let escaped = r#"{"\u00e9":1,"e":2,"key with \" quote":4,"b":[]}"#;
        same_value(escaped, &jsonb_ordered(escaped));
    }

    #[test]
    fn every_provider_fixture_keeps_its_value() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../customer-core/tests/fixtures");
        let mut seen = 0;
        for provider in std::fs::read_dir(&dir).unwrap() {
            for file in std::fs::read_dir(provider.unwrap().path()).unwrap() {
                let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
                if serde_json::from_str::<Value>(&text).is_err() {
                    assert_eq!(jsonb_ordered(&text), text);
                    continue;
                }
                let out = jsonb_ordered(&text);
                same_value(&text, &out);
                assert_eq!(jsonb_ordered(&out), out);
                seen += 1;
            }
        }
        assert!(seen > 10, "{seen} fixtures");
    }

    #[test]
    fn duplicate_keys_keep_their_order_and_deep_nesting_holds() {
        // Both members kept, in their order: the last still wins, for serde_json and for `jsonb`.
        let dup = r#"{"b":1,"a":1,"a":2}"#;
        assert_eq!(jsonb_ordered(dup), r#"{"a":1,"a":2,"b":1}"#);
        same_value(dup, &jsonb_ordered(dup));
        // Deeper than the model ever is (serde_json's own limit is 128).
        let deep = format!("{}{}", r#"{"z":1,"a":"#.repeat(120), "0".to_string() + &"}".repeat(120));
        let out = jsonb_ordered(&deep);
        same_value(&deep, &out);
        assert!(out.starts_with(r#"{"a":{"a":"#), "{}", &out[..40]);
    }

    /// The one-pass serializer writes what serde_json writes, reordered as [`jsonb_ordered`]
    /// reorders it, and hashes serde_json's own text.
    fn serializes_like_the_text_pass<T: serde::Serialize>(value: &T) {
        use sha2::{Digest, Sha256};
        let text = serde_json::to_string(value).unwrap();
        let (ordered, hasher) = super::serialize_ordered(value).unwrap();
        assert_eq!(ordered, jsonb_ordered(&text), "{text}");
        assert_eq!(hasher.finalize(), Sha256::digest(text.as_bytes()), "{text}");
    }

    /// The one-pass serializer keeps its buffers per thread between calls: a call that failed
    /// half-way does not disturb the next, and objects of many members with equal keys (sorted in
    /// place, ties by position) come out as the stable text pass puts them.
    #[test]
    fn reused_buffers_start_clean_and_equal_keys_keep_their_order() {
        /// An object of `n` members whose keys repeat (`k0`, `k1`, `k2`, `k0`, …) in reverse order.
        struct Repeating(usize);
        impl serde::Serialize for Repeating {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut map = s.serialize_map(Some(self.0))?;
                for i in (0..self.0).rev() {
                    map.serialize_entry(&format!("k{}", i % 3), &i)?;
                }
                map.end()
            }
        }
        /// Fails inside a nested object, after some members were written (serde_json refuses a
        /// map key that is not a string or a number).
        struct Failing;
        impl serde::Serialize for Failing {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut map = s.serialize_map(None)?;
                map.serialize_entry("zz", &1)?;
                map.serialize_entry(
                    "a",
                    &[("y", 1)].into_iter().collect::<std::collections::BTreeMap<_, _>>(),
                )?;
                map.serialize_entry(&vec![1], &2)?;
                map.end()
            }
        }
        for n in [2, 21, 64] {
            serializes_like_the_text_pass(&Repeating(n));
            assert!(super::serialize_ordered(&Failing).is_err());
            serializes_like_the_text_pass(&Repeating(n));
        }
        let text = r#"{"b":{"d":1,"c":[{"f":1,"e":2}]},"a":"x"}"#;
        assert!(super::serialize_ordered(&Failing).is_err());
        serializes_like_the_text_pass(&serde_json::from_str::<Value>(text).unwrap());
    }

    #[test]
    fn one_pass_serializer_matches_the_text_pass() {
        #[derive(serde::Serialize)]
        struct Inner {
            zz: Vec<std::collections::BTreeMap<String, i32>>,
            a: Option<f64>,
        }
        #[derive(serde::Serialize)]
        struct Outer {
            provider: &'static str,
            id: &'static str,
            extra: Inner,
            tags: Vec<String>,
            empty: std::collections::BTreeMap<u32, bool>,
            numbers: std::collections::BTreeMap<u32, String>,
            b: (),
        }
        let outer = Outer {
            provider: "nd",
            id: "1",
            extra: Inner {
                zz: vec![
                    [("y".to_string(), 1), ("x".to_string(), 2), ("\"q".to_string(), 3)].into(),
                    [].into(),
                ],
                a: Some(2.5e-3),
            },
            tags: vec!["温州 \"大学\"\n".into()],
            empty: [].into(),
            numbers: [(10, "ten".into()), (9, "nine".into())].into(),
            b: (),
        };
        serializes_like_the_text_pass(&outer);
        for case in [
            r#"{"provider":"nd","id":"1","code":"00001","name":"金职院","extra":{"levelId":5,"rank":1,"isPinned":true},"tags":[],"a":null}"#,
            r#"{"b":1,"a":2,"aa":{"zz":[{"y":1,"x":2},{"d":"\"}{[","c":"\\"}],"z":{}},"":0}"#,
            r#"[{"bb":1,"a":[1,2.5e3,-0,true,false,null]},"x",{}]"#,
            r#"{"\u00e9":1,"e":2,"key with \" quote":4,"b":[]}"#,
            "12",
        ] {
            serializes_like_the_text_pass(&serde_json::from_str::<Value>(case).unwrap());
        }
    }

    #[test]
    fn text_that_is_not_one_json_value_comes_back_unchanged() {
        for bad in [
            "",
            "{",
            r#"{"a":1"#,
            r#"{"a" 1}"#,
            r#"{"a":1,}"#,
            "[1,",
            r#"{"a":1} x"#,
            r#"{"a":"#,
            "}",
            "[}",
            r#"{"a":[1}"#,
        ] {
            assert_eq!(jsonb_ordered(bad), bad);
        }
    }
}
