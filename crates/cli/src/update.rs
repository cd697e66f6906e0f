//! `update <PROVIDER> <ID> --json FILE|-` and `create <PROVIDER> --json FILE|-`: one documented
//! write, the body given in the provider's own documented fields, the resulting Customer printed.
//!
//! The write goes through `CustomerSource::update_customer` / `create_customer`: sent once, never
//! retried. Exit codes as `get`: a provider's validation error is 5 with its message; a body the
//! client refuses before sending (unknown keys, a documented rule broken) or a provider that
//! documents no such write is 2; a timeout after the request went out is 6 with "outcome unknown".

use std::{io::Read, path::PathBuf};

use customer_core::{Customer, Provider};

use crate::{
    Format,
    connect::{ConnectArgs, Connection},
    exit, get, ids, logging, output, parse_provider, sanitize,
    sanitize::RawMode,
};

/// Where the client comes from, shared by `update` and `create`.
#[derive(clap::Args, Debug)]
pub struct WriteTarget {
    /// The body: a JSON object of the provider's documented write fields, from FILE (`-` = stdin).
    #[arg(long = "json", value_name = "FILE|-")]
    json: PathBuf,
    /// Output format of the resulting customer.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Include the provider's response body exactly as received (`raw`).
    #[arg(long)]
    raw: bool,
    #[command(flatten)]
    connect: ConnectArgs,
}

/// Arguments of `update`.
#[derive(clap::Args, Debug)]
pub struct UpdateArgs {
    /// pluuug (PATCH /v1/client/{id}), gofive (POST /v3/customers upsert with customerCode) or nd
    /// (PUT /api/customers/ with id in the body; nd answers the documented {code, message} without
    /// the record, so the customer is then read back with GET /api/customers/{id}/detail and
    /// printed).
    #[arg(value_parser = parse_provider)]
    provider: Provider,
    /// The customer to change (Pluuug client id, Gofive customer code, nd id).
    id: String,
    #[command(flatten)]
    target: WriteTarget,
}

/// Arguments of `create`.
#[derive(clap::Args, Debug)]
pub struct CreateArgs {
    /// pluuug (POST /v1/client) or gofive (POST /v3/customers upsert without customerCode).
    #[arg(value_parser = parse_provider)]
    provider: Provider,
    #[command(flatten)]
    target: WriteTarget,
}

/// `crm-customers update`.
pub async fn update(args: UpdateArgs) -> u8 {
    // The same ID rules as `get`: control characters, bidi controls, line separators (trimmed
    // or not) and over-long IDs are usage errors, nothing sent.
    let id = ids::trim(&args.id).to_string();
    if id.is_empty() {
        logging::error("empty customer ID");
        return exit::USAGE;
    }
    if let Some(problem) = ids::problem(&id) {
        logging::error(&format!("customer ID: {problem}"));
        return exit::USAGE;
    }
    write(args.provider, Some(id), args.target).await
}

/// `crm-customers create`.
pub async fn create(args: CreateArgs) -> u8 {
    write(args.provider, None, args.target).await
}

/// The largest `--json` body read, in bytes.
pub const MAX_BODY_BYTES: u64 = 16 * 1024 * 1024;

/// The body file as a JSON object, or a usage message.
fn read_body(path: &std::path::Path) -> Result<serde_json::Value, String> {
    let mut text = Vec::new();
    let shown = sanitize::terminal(&path.display().to_string());
    // One byte past the cap tells a body at the cap from a longer one.
    let read = if path == std::path::Path::new("-") {
        std::io::stdin().lock().take(MAX_BODY_BYTES + 1).read_to_end(&mut text)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(MAX_BODY_BYTES + 1).read_to_end(&mut text))
    };
    read.map_err(|e| format!("cannot read --json {shown}: {e}"))?;
    if text.len() as u64 > MAX_BODY_BYTES {
        return Err(format!(
            "--json {shown} is larger than the {} MiB body cap; nothing sent",
            MAX_BODY_BYTES / (1024 * 1024)
        ));
    }
    let text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&text);
    let value = match serde_json::from_slice::<serde_json::Value>(text) {
        Ok(v @ serde_json::Value::Object(_)) => v,
        Ok(_) => {
            return Err(format!("--json {shown}: expected a JSON object of the provider's write fields"));
        }
        Err(e) => return Err(format!("--json {shown} is not valid JSON: {e}")),
    };
    if let Some(number) = numbers::first_changed(text) {
        return Err(format!(
            "--json {shown}: the number {number} cannot be sent as written (it is outside what a JSON \
             number in the body keeps exactly: integers within 64 bits, decimals within a double's \
             precision); send it as a string if the field takes one; nothing sent"
        ));
    }
    Ok(value)
}

/// Numbers of a write body that would not reach the provider as the user wrote them.
///
/// The body is parsed into `serde_json::Value` (no `arbitrary_precision`: that feature would
/// change number handling for every crate of the workspace, reads included, and slow decoding),
/// so an integer beyond 64 bits becomes a double and a decimal with more digits than a double
/// holds is rounded. Rather than send a different value, such a number is refused: each number
/// literal of the text is compared, as a decimal value, with what the parsed body will send.
mod numbers {
    /// The first number literal of the (valid JSON) `text` whose value changes when sent, cut to
    /// 40 characters for the message.
    pub fn first_changed(text: &[u8]) -> Option<String> {
        let mut i = 0;
        while i < text.len() {
            match text[i] {
                b'"' => {
                    i += 1;
                    while i < text.len() && text[i] != b'"' {
                        i += if text[i] == b'\\' { 2 } else { 1 };
                    }
                    i += 1;
                }
                b'-' | b'0'..=b'9' => {
                    let start = i;
                    while i < text.len() && matches!(text[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                    {
                        i += 1;
                    }
                    let literal = std::str::from_utf8(&text[start..i]).unwrap_or_default();
                    if changed(literal) {
                        let shown: String = literal.chars().take(40).collect();
                        return Some(if literal.len() > 40 { format!("{shown}…") } else { shown });
                    }
                }
                _ => i += 1,
            }
        }
        None
    }

    /// Whether `literal` (a JSON number) is sent as another value.
    pub fn changed(literal: &str) -> bool {
        if literal.parse::<i64>().is_ok() || literal.parse::<u64>().is_ok() {
            return false;
        }
        let Ok(parsed) = serde_json::from_str::<serde_json::Number>(literal) else { return true };
        // What the body will carry: serde_json writes a double as its shortest round-trip form.
        decimal(&parsed.to_string()) != decimal(literal)
    }

    /// A decimal literal as (negative, significant digits, exponent of the last digit), so equal
    /// values compare equal whatever their spelling (`1e2`, `100`, `100.0`).
    fn decimal(literal: &str) -> Option<(bool, String, i64)> {
        let (negative, rest) = match literal.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, literal),
        };
        let (mantissa, exp) = match rest.find(['e', 'E']) {
            Some(at) => (&rest[..at], rest[at + 1..].parse::<i64>().ok()?),
            None => (rest, 0),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let mut digits = format!("{int}{frac}");
        let mut exp = exp.checked_sub(i64::try_from(frac.len()).ok()?)?;
        let trimmed = digits.trim_start_matches('0').len();
        digits = digits[digits.len() - trimmed..].to_string();
        while digits.ends_with('0') {
            digits.pop();
            exp += 1;
        }
        if digits.is_empty() {
            return Some((false, String::new(), 0));
        }
        Some((negative, digits, exp))
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn numbers_that_would_change_are_found() {
            for same in
                ["0", "-0", "1", "-42", "18446744073709551615", "0.1", "1.5", "1e2", "100.0", "2.5e-3"]
            {
                assert!(!changed(same), "{same}");
            }
            for lost in [
                "123456789012345678901234567890",
                "0.12345678901234567890123",
                "1e400",
                "-99999999999999999999",
            ] {
                assert!(changed(lost), "{lost}");
            }
            assert_eq!(
                first_changed(br#"{"a": "123456789012345678901234567890", "b": [1, 2.5, 123456789012345678901234567890]}"#),
                Some("123456789012345678901234567890".into())
            );
            assert_eq!(first_changed(br#"{"a": "x\"1e999", "b": 7}"#), None);
        }
    }
}

async fn write(provider: Provider, id: Option<String>, target: WriteTarget) -> u8 {
    let WriteTarget { json, format, raw, connect } = target;
    let body = match read_body(&json) {
        Ok(b) => b,
        Err(e) => {
            logging::error(&e.to_string());
            return exit::USAGE;
        }
    };
    let connection = match Connection::open(provider, &connect).await {
        Ok(c) => c,
        Err(code) => return code,
    };
    let source = connection.source.clone();
    let mut interrupt = get::Interrupt::new();
    let sent = async {
        match &id {
            Some(id) => source.update_customer(id, body).await,
            None => source.create_customer(body).await,
        }
    };
    let result = tokio::select! {
        biased;
        () = interrupt.recv() => {
            // The request may have reached the provider: the change may or may not be made.
            logging::error(
                "interrupted while the write was in flight: outcome unknown, the change may or \
                 may not have been made; read the customer before trying again",
            );
            None
        }
        result = sent => Some(result),
    };
    let code = match result {
        None => exit::INTERRUPTED,
        Some(Ok(customer)) => {
            if let Some(asked) = &id {
                warn_if_other(provider, asked, &customer);
            }
            print(provider, customer, format, raw)
        }
        Some(Err(e)) => {
            logging::error(&e.to_string());
            get::exit_code(e.kind())
        }
    };
    drop(source);
    connection.close().await;
    code
}

/// An update answered with another customer's record: the write was addressed to `asked` (that is
/// what the provider was told to change), but the answer names someone else, so say so.
fn warn_if_other(provider: Provider, asked: &str, customer: &Customer) {
    // Gofive's update ID is the customer code (`Customer::code`); the others' is `Customer::id`.
    let answered = match provider {
        Provider::Gofive => customer.code.as_deref().unwrap_or_default(),
        _ => customer.id.as_str(),
    };
    if !answered.is_empty() && answered != asked {
        logging::warn(&format!(
            "{provider}: the update of customer {asked} was answered with the record of customer {}; \
             the write was addressed to {asked}: read both customers to check what changed",
            answered
        ));
    }
}

fn print(provider: Provider, customer: Customer, format: Format, raw: bool) -> u8 {
    let customer = if raw { customer } else { customer.without_raw() };
    let mut out = std::io::stdout().lock();
    let id = customer.id.clone();
    let written = match format {
        Format::Json => output::write_pretty(&mut out, &customer),
        Format::Ndjson => {
            let result = Ok(customer);
            output::write_item_line(&mut out, "", &output::Item::new(&id, &result), RawMode::Compact)
        }
        Format::Table => {
            let row = output::Row::new(provider, &id, &Ok(customer));
            output::write_line(&mut out, &output::table(&[row]).to_string())
        }
    };
    match written {
        Ok(()) => exit::OK,
        Err(e) => output::write_failed(&e),
    }
}
