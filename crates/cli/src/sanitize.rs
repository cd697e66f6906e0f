//! Provider text is data, never terminal control and never a secret.
//!
//! Everything the command prints passes through here:
//! - [`terminal`] for people-facing text (table cells, `error:` lines, `--verbose` traces): every
//!   control character (C0, DEL, C1 — so ESC, CSI, OSC, CR, LF, BEL, …), bidirectional override and
//!   line/paragraph separator is shown as a visible escape (`\n`, `\u{1b}`), so no provider string
//!   can move the cursor, recolour the terminal, set its title or forge a line of its own.
//! - [`scrub`] for messages: configured secret values become `[redacted]`, and the userinfo of any
//!   URL (`http://user:password@host`) is never shown.
//! - [`JsonFormatter`] for JSON output: DEL, C1, bidi controls and U+2028/9 inside strings are
//!   written as `\uXXXX` escapes (serde_json leaves them raw, and a terminal may act on C1), and the
//!   provider's raw body is compacted where one line per record is promised.
//! - [`redact_json`] for each JSON line written: configured secret values become `[redacted]`.
//!
//! The secrets themselves are kept by crm-runtime's one registry ([`Secrets::global`]), where the
//! clients also register their configured credentials and the tokens they are issued; this module
//! only adds what the CLI alone knows (the sandbox's credentials, `--base-url` and `--to` URLs).

use std::{
    borrow::Cow,
    io::{self, Write},
};

use crm_runtime::secrets::Secrets;

/// What replaces a configured secret value (the runtime's marker).
pub use crm_runtime::secrets::REDACTED;

/// Registers a value that must never be printed, in the runtime's process-wide registry
/// ([`crm_runtime::secrets::Secrets::global`]): the one registry the clients' configured secrets
/// and issued tokens are in too, so one redaction covers all of them.
pub fn register_secret(value: &str) {
    Secrets::global().add_str(value);
}

/// Registers the secret environment variables' values and the passwords of base URL variables.
pub fn register_env_secrets() {
    // The registry's secret variables (API keys, secret keys, client secrets, tokens) and base
    // URL variables (the password of their userinfo, if any, is a secret too).
    for var in crm_registry::secret_env_vars() {
        if let Some(v) = std::env::var_os(var) {
            register_secret(&v.to_string_lossy());
        }
    }
    for var in crm_registry::base_url_env_vars() {
        if let Some(v) = std::env::var_os(var) {
            register_url_password(&v.to_string_lossy());
        }
    }
}

/// Registers the password in a URL's userinfo (`scheme://user:password@host`), raw and
/// percent-decoded.
pub fn register_url_password(url: &str) {
    Secrets::global().add_url_password(url);
}

/// Every registered secret replaced by `[redacted]`.
pub fn redact(s: &str) -> Cow<'_, str> {
    crm_runtime::secrets::redact(s)
}

/// Every registered secret, as written or as it appears inside a JSON string, replaced by
/// `[redacted]`.
pub fn redact_json(line: &str) -> Cow<'_, str> {
    crm_runtime::secrets::redact_json(line)
}

/// The userinfo of every URL (`scheme://user:password@host`) replaced by `[redacted]`.
pub fn strip_userinfo(s: &str) -> Cow<'_, str> {
    if !s.contains("://") {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("://") {
        let (head, tail) = rest.split_at(i + 3);
        out.push_str(head);
        let end = tail
            .find(|c: char| {
                matches!(c, '/' | '?' | '#' | '`' | '"' | '\'' | '\\' | '<' | '>') || c.is_whitespace()
            })
            .unwrap_or(tail.len());
        let authority = &tail[..end];
        match authority.rfind('@') {
            Some(at) => {
                out.push_str(REDACTED);
                out.push_str(&authority[at..]);
            }
            None => out.push_str(authority),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// A message made safe to show: secrets redacted, URL userinfo removed (control characters kept:
/// JSON escapes them; use [`terminal`] for text printed as is).
pub fn scrub(s: &str) -> String {
    strip_userinfo(&redact(s)).into_owned()
}

/// True for characters that must never reach a terminal raw: C0, DEL, C1, bidirectional
/// embeddings/overrides/isolates and marks, and the Unicode line/paragraph separators.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Every unsafe character shown as a visible escape (`\n`, `\r`, `\t`, `\u{1b}`).
pub fn neutralise(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Text made safe to print on a terminal: secrets redacted, URL userinfo removed, control
/// characters and escape sequences neutralised.
pub fn terminal(s: &str) -> String {
    neutralise(&scrub(s)).into_owned()
}

/// How a provider's raw body (`--raw`) is embedded in JSON output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RawMode {
    /// Byte-exact when it is on one line; compacted when it spans lines (`json`).
    ExactIfOneLine,
    /// Always compact: whitespace between tokens removed (`ndjson`).
    Compact,
}

/// A serde_json [`Formatter`](serde_json::ser::Formatter) that escapes DEL, C1, bidi controls and
/// U+2028/9 in strings and embeds raw bodies per [`RawMode`]; layout comes from the inner formatter
/// (compact or pretty).
pub struct JsonFormatter<F> {
    inner: F,
    raw: RawMode,
}

impl<F> JsonFormatter<F> {
    /// Wraps `inner`.
    pub fn new(inner: F, raw: RawMode) -> Self {
        JsonFormatter { inner, raw }
    }
}

/// Writes `s` with its unsafe characters as `\uXXXX` escapes (only valid inside a JSON string).
fn write_escaped<W: ?Sized + Write>(w: &mut W, s: &str) -> io::Result<()> {
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if is_unsafe(c) {
            w.write_all(&s.as_bytes()[start..i])?;
            write!(w, "\\u{:04x}", u32::from(c))?;
            start = i + c.len_utf8();
        }
    }
    w.write_all(&s.as_bytes()[start..])
}

/// Writes a valid JSON text with insignificant whitespace removed (when `minify`) and unsafe
/// characters inside strings escaped. Lossless: key order, duplicate keys and number spelling are
/// kept (a round trip through `serde_json::Value` would change them).
pub fn write_raw<W: ?Sized + Write>(w: &mut W, json: &str, minify: bool) -> io::Result<()> {
    let needs_minify = minify && json_has_outer_whitespace(json);
    if !needs_minify && !json.chars().any(is_unsafe) {
        return w.write_all(json.as_bytes());
    }
    let mut in_string = false;
    let mut escaped = false;
    let mut buf = [0u8; 4];
    for c in json.chars() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            if is_unsafe(c) {
                write!(w, "\\u{:04x}", u32::from(c))?;
            } else {
                w.write_all(c.encode_utf8(&mut buf).as_bytes())?;
            }
        } else {
            if c == '"' {
                in_string = true;
            } else if needs_minify && matches!(c, ' ' | '\t' | '\n' | '\r') {
                continue;
            }
            w.write_all(c.encode_utf8(&mut buf).as_bytes())?;
        }
    }
    Ok(())
}

/// True when a JSON text has whitespace outside its strings.
fn json_has_outer_whitespace(json: &str) -> bool {
    let mut in_string = false;
    let mut escaped = false;
    for b in json.bytes() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if b == b'"' {
            in_string = true;
        } else if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
            return true;
        }
    }
    false
}

macro_rules! delegate {
    ($($name:ident),* $(,)?) => {
        $(
            fn $name<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
                self.inner.$name(writer)
            }
        )*
    };
}

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for JsonFormatter<F> {
    delegate!(
        begin_array,
        end_array,
        begin_object,
        end_object,
        end_object_key,
        begin_object_value,
        end_object_value,
        end_array_value
    );

    fn begin_array_value<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.inner.begin_array_value(writer, first)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.inner.begin_object_key(writer, first)
    }

    fn write_string_fragment<W: ?Sized + Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        write_escaped(writer, fragment)
    }

    fn write_raw_fragment<W: ?Sized + Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        let minify = match self.raw {
            RawMode::Compact => true,
            RawMode::ExactIfOneLine => fragment.contains(['\n', '\r']),
        };
        write_raw(writer, fragment, minify)
    }
}

/// `value` as one compact JSON line (no trailing newline), safe characters only, secrets redacted.
pub fn json_line(value: &impl serde::Serialize, raw: RawMode) -> serde_json::Result<String> {
    let mut buf = Vec::with_capacity(1024);
    let mut ser = serde_json::Serializer::with_formatter(
        &mut buf,
        JsonFormatter::new(serde_json::ser::CompactFormatter, raw),
    );
    value.serialize(&mut ser)?;
    Ok(finish(buf))
}

/// `value` as indented JSON (no trailing newline), safe characters only, secrets redacted.
pub fn json_pretty(value: &impl serde::Serialize, raw: RawMode) -> serde_json::Result<String> {
    let mut buf = Vec::with_capacity(4096);
    let mut ser = serde_json::Serializer::with_formatter(
        &mut buf,
        JsonFormatter::new(serde_json::ser::PrettyFormatter::new(), raw),
    );
    value.serialize(&mut ser)?;
    Ok(finish(buf))
}

fn finish(buf: Vec<u8>) -> String {
    // serde_json writes UTF-8 only.
    let s = String::from_utf8(buf).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    match redact_json(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(o) => o,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn neutralises_controls_and_escape_sequences() {
        let hostile = "a\u{1b}[31mred\u{1b}[0m\r\nerror: forged\u{7}\u{9b}2J\u{202e}x\u{2028}\0\t";
        let safe = neutralise(hostile);
        assert!(!safe.chars().any(is_unsafe), "{safe}");
        assert_eq!(
            safe,
            "a\\u{1b}[31mred\\u{1b}[0m\\r\\nerror: forged\\u{7}\\u{9b}2J\\u{202e}x\\u{2028}\\u{0}\\t"
        );
        assert!(matches!(neutralise("金职院 ok"), Cow::Borrowed(_)));
    }

    #[test]
    fn strips_url_userinfo_everywhere() {
        assert_eq!(
            strip_userinfo(
                "invalid base URL `http://user:pw@host:80/x`: bad; see https://a@b and http://plain/"
            ),
            "invalid base URL `http://[redacted]@host:80/x`: bad; see https://[redacted]@b and http://plain/"
        );
        assert_eq!(strip_userinfo("no url"), "no url");
    }

    #[test]
    fn redacts_registered_secrets_longest_first() {
        register_secret("tok-SECRET-unit-1");
        register_secret("SECRET-unit");
        register_secret("ab"); // too short to search for
        assert_eq!(redact("x tok-SECRET-unit-1 y SECRET-unit ab"), "x [redacted] y [redacted] ab");
        register_url_password("http://me:p%40ss-word-unit@host/");
        assert_eq!(redact("p@ss-word-unit p%40ss-word-unit"), "[redacted] [redacted]");
        register_secret("quote\"d-unit");
        assert_eq!(redact_json(r#"{"m":"quote\"d-unit"}"#), r#"{"m":"[redacted]"}"#);
    }

    #[test]
    fn json_escapes_c1_and_bidi_and_stays_equal() {
        let v = serde_json::json!({"name": "a\u{9b}31m\u{7f}\u{202e}b\u{1b}"});
        let line = json_line(&v, RawMode::Compact).unwrap();
        assert!(!line.chars().any(is_unsafe), "{line}");
        assert_eq!(serde_json::from_str::<Value>(&line).unwrap(), v);
        let pretty = json_pretty(&v, RawMode::ExactIfOneLine).unwrap();
        assert!(pretty.contains("\\u009b31m\\u007f\\u202eb\\u001b"), "{pretty}");
        assert_eq!(serde_json::from_str::<Value>(&pretty).unwrap(), v);
    }

    #[test]
    fn raw_bodies_are_compacted_losslessly() {
        let body = "{\n  \"b\" : 1.50,\n  \"a\": \"x y\\\" \\n \u{85}\",\n  \"a\": [ 1, 2 ]\n}";
        let mut out = Vec::new();
        write_raw(&mut out, body, true).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "{\"b\":1.50,\"a\":\"x y\\\" \\n \\u0085\",\"a\":[1,2]}");
        let mut out = Vec::new();
        write_raw(&mut out, "{\"a\": 1}", false).unwrap();
        assert_eq!(out, b"{\"a\": 1}", "byte-exact when nothing needs changing");
    }
}
