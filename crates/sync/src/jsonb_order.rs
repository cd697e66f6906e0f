//! JSON text with every object's members in the order Postgres keeps a `jsonb` object's: shorter
//! keys first, then bytewise.
//!
//! Postgres sorts the members of each object it parses into `jsonb`; its sort returns after one
//! pass on input already in that order. The shared model serialized in struct order has ~15
//! objects per customer, and sorting them was ~15 % of the server's CPU in a first `sync` of nd
//! (a `perf` profile of the backend: `qsort_arg` under `jsonb_in`). Reordering the text here is
//! one pass over it (no tree: each object's members are moved as byte ranges once written).
//!
//! The value is the same JSON value, so the order is only a speed matter: keys are compared as
//! written (an escaped key may land where Postgres would not put it; Postgres then sorts that
//! object). Text that is not one JSON value is answered unchanged.

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
