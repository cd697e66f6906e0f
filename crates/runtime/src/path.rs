//! Path parameters: IDs are data, never path. progenitor's `encode_path` (progenitor-client
//! 0.15.1) percent-encodes `/`, `?`, `#`, `%`, spaces and control characters, but not `\` (which
//! the WHATWG URL parser turns into `/` for http URLs) and cannot help with the dot segments
//! `.` and `..` (which the parser removes, `%2e` spellings included). The code generator routes
//! every path parameter of every provider through [`encode_path`] instead, which
//!
//! * rejects, before any request is sent, an ID that is empty, `.` or `..`, holds a control
//!   character, or is longer than [`MAX_ID_BYTES`] (a `config` error naming the operation);
//! * percent-encodes every byte outside the URL's unreserved set (`A-Z a-z 0-9 - . _ ~`), so no
//!   ID can name another path.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::{Error, ErrorKind, capture::stash};

/// The longest ID accepted in a path, in bytes. Real IDs are a few dozen bytes; a longer one is
/// a mistake or an attack, refused before any request.
pub const MAX_ID_BYTES: usize = 1024;

const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Why `id` cannot be used as a path parameter, if it cannot.
pub fn check_id(id: &str) -> Result<(), String> {
    let shown = || {
        let s: String = id.chars().take(40).collect::<String>().escape_debug().to_string();
        if id.chars().count() > 40 { format!("`{s}…`") } else { format!("`{s}`") }
    };
    if id.trim().is_empty() {
        return Err("empty id".into());
    }
    if id == "." || id == ".." {
        return Err(format!("invalid id {}: a path segment, not an id", shown()));
    }
    if id.chars().any(char::is_control) {
        return Err(format!("invalid id {}: control characters are not allowed", shown()));
    }
    if id.len() > MAX_ID_BYTES {
        return Err(format!("invalid id {}: {} bytes long, the limit is {MAX_ID_BYTES}", shown(), id.len()));
    }
    Ok(())
}

/// Encodes one path parameter (generated code calls this for every one). An ID that fails
/// [`check_id`] makes the enclosing call fail with a `config` error before anything is sent.
pub fn encode_path(value: &str) -> String {
    if let Err(why) = check_id(value) {
        stash(|provider, op| Error::new(ErrorKind::Config, provider, op, why));
    }
    utf8_percent_encode(value, SEGMENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_everything_outside_the_unreserved_set() {
        assert_eq!(encode_path(r"..\..\admin"), "..%5C..%5Cadmin");
        assert_eq!(encode_path("a/b?c#d%2e"), "a%2Fb%3Fc%23d%252e");
        assert_eq!(encode_path("C000055"), "C000055");
        assert_eq!(encode_path("客户"), "%E5%AE%A2%E6%88%B7");
    }

    #[test]
    fn rejects_what_no_encoding_can_save() {
        for bad in ["", " ", ".", "..", "a\nb", "\u{1b}[31m"] {
            assert!(check_id(bad).is_err(), "{bad:?}");
        }
        assert!(check_id(&"x".repeat(MAX_ID_BYTES)).is_ok());
        assert!(check_id(&"x".repeat(MAX_ID_BYTES + 1)).is_err());
        assert!(check_id("...").is_ok(), "only exact dot segments are special");
    }
}
