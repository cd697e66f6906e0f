//! `update <PROVIDER> <ID> --json FILE|- | --change FILE|- | --set FIELD=VALUE…` and
//! `create <PROVIDER> --json FILE|-`: one documented write, the resulting Customer printed.
//!
//! `--json` is the provider's own documented body; `--change` a `CustomerChange` (the shared
//! model's terms, `crm-customers schema --change`); `--set` builds one from `field=value`,
//! `field+=value` (append to a list field) and `field=null` (clear). A shared-model change goes
//! through the provider's reverse mapping (`CustomerSource::change`): a field the provider cannot
//! store, or a value outside its documented set, exits 2 naming every such field, nothing sent.
//! `--dry-run` prints the provider body that would be sent (pretty JSON, secrets redacted) and
//! sends no write (it may read: see `CustomerSource::body_for`).
//!
//! The write goes through `CustomerSource::update_customer` / `create_customer`: sent once, never
//! retried. Exit codes as `get`: a provider's validation error is 5 with its message; a body the
//! client refuses before sending (unknown keys, a documented rule broken) or a provider that
//! documents no such write is 2; a timeout after the request went out is 6 with "outcome unknown".

use std::{io::Read, path::PathBuf};

use customer_core::{Customer, CustomerChange, CustomerSource, Provider};
use serde_json::{Map, Value, json};

use crate::{
    Format,
    connect::{ConnectArgs, Connection},
    exit, get, ids, logging, output, parse_provider, sanitize,
    sanitize::RawMode,
};

/// Output and connection options shared by `update` and `create`.
#[derive(clap::Args, Debug)]
pub struct WriteTarget {
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
#[command(group = clap::ArgGroup::new("body").required(true).multiple(false).args(["json", "change", "set"]))]
pub struct UpdateArgs {
    /// pluuug (PATCH /v1/client/{id}), gofive (POST /v3/customers upsert with customerCode) or nd
    /// (PUT /api/customers/ with id in the body; nd answers the documented {code, message} without
    /// the record, so the customer is then read back with GET /api/customers/{id}/detail and
    /// printed).
    #[arg(value_parser = parse_provider)]
    provider: Provider,
    /// The customer to change (Pluuug client id, Gofive customer code, nd id).
    id: String,
    /// The body: a JSON object of the provider's documented write fields, from FILE (`-` = stdin).
    #[arg(long = "json", value_name = "FILE|-")]
    json: Option<PathBuf>,
    /// A change in the shared model's terms (CustomerChange JSON, `schema --change`), from FILE
    /// (`-` = stdin); mapped to the provider's fields.
    #[arg(long = "change", value_name = "FILE|-")]
    change: Option<PathBuf>,
    /// One shared-model field: `name=ACME`, `emails+=a@b.c` (append), `description=null` (clear),
    /// `primary_contact.phone=…`, `custom_fields.NAME=…`, `extra.KEY=…`; a value starting with `{`
    /// or `[` is JSON. Repeatable.
    #[arg(long = "set", value_name = "FIELD=VALUE")]
    set: Vec<String>,
    /// Print the provider body that would be sent (with the customer's id where it travels in the
    /// body: nd `id`, Gofive `customerCode`) and send nothing.
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    target: WriteTarget,
}

/// Arguments of `create`.
#[derive(clap::Args, Debug)]
pub struct CreateArgs {
    /// pluuug (POST /v1/client) or gofive (POST /v3/customers upsert without customerCode).
    #[arg(value_parser = parse_provider)]
    provider: Provider,
    /// The body: a JSON object of the provider's documented write fields, from FILE (`-` = stdin).
    #[arg(long = "json", value_name = "FILE|-")]
    json: PathBuf,
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
    let body = match (&args.json, &args.change) {
        (Some(path), _) => read_body(path, "--json").map(Body::Native),
        (None, Some(path)) => read_body(path, "--change").and_then(|v| {
            serde_json::from_value::<CustomerChange>(v)
                .map(|c| Body::Change(Box::new(c)))
                .map_err(|e| format!("--change: not a CustomerChange: {e}; nothing sent"))
        }),
        (None, None) => sets::parse(&args.set).map(Body::Sets),
    };
    let body = match body {
        Ok(b) => b,
        Err(e) => {
            logging::error(&e);
            return exit::USAGE;
        }
    };
    write(args.provider, Some(id), body, args.dry_run, args.target).await
}

/// `crm-customers create`.
pub async fn create(args: CreateArgs) -> u8 {
    match read_body(&args.json, "--json") {
        Ok(body) => write(args.provider, None, Body::Native(body), false, args.target).await,
        Err(e) => {
            logging::error(&e);
            exit::USAGE
        }
    }
}

/// What a write sends.
enum Body {
    /// The provider's own documented body (`--json`).
    Native(Value),
    /// A change in the shared model's terms (`--change`).
    Change(Box<CustomerChange>),
    /// `--set` edits, resolved against the current customer when one appends.
    Sets(sets::Sets),
}

/// The largest `--json` body read, in bytes.
pub const MAX_BODY_BYTES: u64 = 16 * 1024 * 1024;

/// The body file as a JSON object, or a usage message.
fn read_body(path: &std::path::Path, flag: &str) -> Result<serde_json::Value, String> {
    let mut text = Vec::new();
    let shown = sanitize::terminal(&path.display().to_string());
    // One byte past the cap tells a body at the cap from a longer one.
    let read = if path == std::path::Path::new("-") {
        std::io::stdin().lock().take(MAX_BODY_BYTES + 1).read_to_end(&mut text)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(MAX_BODY_BYTES + 1).read_to_end(&mut text))
    };
    read.map_err(|e| format!("cannot read {flag} {shown}: {e}"))?;
    if text.len() as u64 > MAX_BODY_BYTES {
        return Err(format!(
            "{flag} {shown} is larger than the {} MiB body cap; nothing sent",
            MAX_BODY_BYTES / (1024 * 1024)
        ));
    }
    let text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&text);
    let value = match serde_json::from_slice::<serde_json::Value>(text) {
        Ok(v @ serde_json::Value::Object(_)) => v,
        Ok(_) => {
            return Err(format!("{flag} {shown}: expected a JSON object"));
        }
        Err(e) => return Err(format!("{flag} {shown} is not valid JSON: {e}")),
    };
    if let Some(number) = numbers::first_changed(text) {
        return Err(format!(
            "{flag} {shown}: the number {number} cannot be sent as written (it is outside what a JSON \
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

async fn write(provider: Provider, id: Option<String>, body: Body, dry_run: bool, target: WriteTarget) -> u8 {
    let WriteTarget { format, raw, connect } = target;
    let connection = match Connection::open(provider, &connect).await {
        Ok(c) => c,
        Err(code) => return code,
    };
    let source = connection.source.clone();
    let code = run(source.as_ref(), provider, id, body, dry_run, format, raw).await;
    drop(source);
    connection.close().await;
    code
}

async fn run(
    source: &dyn CustomerSource,
    provider: Provider,
    id: Option<String>,
    body: Body,
    dry_run: bool,
    format: Format,
    raw: bool,
) -> u8 {
    // `--set` edits become a CustomerChange (reading the customer first when one appends).
    let body = match body {
        Body::Sets(sets) => {
            let current = match (&id, sets.appends()) {
                (Some(id), true) => match source.customer(id).await {
                    Ok(c) => Some(c),
                    Err(e) => {
                        logging::error(&e.to_string());
                        return get::exit_code(e.kind());
                    }
                },
                _ => None,
            };
            match sets.into_change(current.as_ref()) {
                Ok(change) => Body::Change(Box::new(change)),
                Err(e) => {
                    logging::error(&e);
                    return exit::USAGE;
                }
            }
        }
        other => other,
    };
    if let (Body::Native(serde_json::Value::Object(fields)), Some(_)) = (&body, &id)
        && fields.is_empty()
    {
        logging::error("--json: the body changes nothing (an empty object); nothing sent");
        return exit::USAGE;
    }
    if dry_run {
        let built = match (&body, &id) {
            // Every check the write makes before sending, nothing sent.
            (Body::Native(v), Some(id)) => source.native_update_body(id, v.clone()),
            // (`create` takes no --dry-run: not reached.)
            (Body::Native(v), None) => Ok(v.clone()),
            (Body::Change(change), Some(id)) => source.body_for(id, change).await,
            (Body::Change(change), None) => source.create_body(change).await,
            (Body::Sets(_), _) => unreachable!("resolved above"),
        };
        // Where the id travels in the body (nd `id`, Gofive `customerCode`), the client adds it:
        // show it, so the dry run prints exactly what would be sent.
        let built = built.map(|mut v| {
            if let (Some(key), Some(id), Some(map)) = (provider.facts().update_id_key, &id, v.as_object_mut())
            {
                map.entry(key).or_insert_with(|| serde_json::Value::String(id.clone()));
            }
            v
        });
        return match built {
            Ok(v) => match output::write_pretty(&mut std::io::stdout().lock(), &v) {
                Ok(()) => exit::OK,
                Err(e) => output::write_failed(&e),
            },
            Err(e) => {
                logging::error(&e.to_string());
                get::exit_code(e.kind())
            }
        };
    }
    let mut interrupt = crate::stop::Interrupt::new();
    let sent = async {
        match (body, &id) {
            (Body::Native(v), Some(id)) => source.update_customer(id, v).await,
            (Body::Native(v), None) => source.create_customer(v).await,
            (Body::Change(change), Some(id)) => source.change(id, &change).await,
            (Body::Change(change), None) => source.create_from(&change).await,
            (Body::Sets(_), _) => unreachable!("resolved above"),
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
    match result {
        None => exit::INTERRUPTED,
        Some(Ok(customer)) => {
            if let Some(asked) = &id {
                warn_if_other(provider, asked, &customer);
            }
            let written = if id.is_some() { "updated" } else { "created" };
            print(provider, customer, format, raw, written)
        }
        Some(Err(e)) => {
            logging::error(&e.to_string());
            get::exit_code(e.kind())
        }
    }
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

/// Prints the customer a write answered; `written` (`created`/`updated`) says what the write did,
/// for the message when stdout cannot take it: the write was made, so a caller must not retry it.
fn print(provider: Provider, customer: Customer, format: Format, raw: bool, written: &str) -> u8 {
    let customer = if raw { customer } else { customer.without_raw() };
    let mut out = std::io::stdout().lock();
    let id = customer.id.clone();
    let output = match format {
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
    match output {
        Ok(()) => exit::OK,
        Err(e) => {
            let code = output::write_failed(&e);
            if code == exit::OUTPUT {
                logging::error(&format!(
                    "{provider}: customer {} was {written}, but printing it failed: do not send the write again",
                    sanitize::terminal(&id)
                ));
            }
            code
        }
    }
}

/// `--set FIELD=VALUE` edits → a [`CustomerChange`].
mod sets {
    use super::*;

    /// List fields `+=` appends to, and how a bare text becomes one item.
    const LISTS: [&str; 8] = [
        "other_names",
        "collaborators",
        "phones",
        "emails",
        "addresses",
        "industry",
        "tags",
        "custom_fields",
    ];

    /// One `--set`.
    #[derive(Debug)]
    struct Edit {
        /// `name`, `primary_contact.phone`, `custom_fields.NAME`, `extra.KEY`.
        path: String,
        append: bool,
        value: Value,
    }

    /// The parsed `--set` edits, in order.
    #[derive(Debug)]
    pub(super) struct Sets(Vec<Edit>);

    /// `--set` texts, or a usage message.
    pub(super) fn parse(texts: &[String]) -> Result<Sets, String> {
        let mut edits = Vec::new();
        for text in texts {
            let shown = sanitize::terminal(text);
            let (path, append, raw) = match (text.find("+="), text.find('=')) {
                (Some(p), Some(e)) if p < e => (&text[..p], true, &text[p + 2..]),
                (_, Some(e)) => (&text[..e], false, &text[e + 1..]),
                _ => return Err(format!("--set {shown}: expected FIELD=VALUE, FIELD+=VALUE or FIELD=null")),
            };
            let path = path.trim();
            if path.is_empty() {
                return Err(format!("--set {shown}: no field name before `=`"));
            }
            let value = value(raw).map_err(|e| format!("--set {shown}: {e}"))?;
            // Refused before the current record is read for the append: nothing to add.
            if append && (value.is_null() || value.as_str().is_some_and(|v| v.trim().is_empty())) {
                return Err(format!("--set {shown}: nothing to append (`FIELD=null` clears a list)"));
            }
            if append && !LISTS.contains(&path) {
                return Err(format!(
                    "--set {shown}: `+=` appends to a list field ({}); `{}` is not one",
                    LISTS[..7].join(", "),
                    sanitize::terminal(path)
                ));
            }
            edits.push(Edit { path: path.to_string(), append, value });
        }
        Ok(Sets(edits))
    }

    /// `null`, JSON (a value starting with `{`, `[` or `"`), `true`/`false`, else the text.
    fn value(raw: &str) -> Result<Value, String> {
        let t = raw.trim();
        if t == "null" {
            return Ok(Value::Null);
        }
        if t.starts_with(['{', '[', '"']) {
            return serde_json::from_str(t).map_err(|e| format!("not valid JSON: {e}"));
        }
        Ok(Value::String(raw.to_string()))
    }

    /// A bare text as one item of list field `field`.
    fn item(field: &str, v: Value) -> Value {
        match (field, v) {
            ("phones", Value::String(s)) => json!({"number": s, "kind": "mobile"}),
            ("emails", Value::String(s)) => json!({"address": s, "kind": "general"}),
            ("addresses", Value::String(s)) => json!({"street": s}),
            (_, v) => v,
        }
    }

    impl Sets {
        /// Whether an edit appends (so the current customer is needed).
        pub(super) fn appends(&self) -> bool {
            self.0.iter().any(|e| e.append)
        }

        /// The change; `current` is the customer as read (for appends).
        pub(super) fn into_change(self, current: Option<&Customer>) -> Result<CustomerChange, String> {
            let mut out = Map::new();
            let mut customs: Vec<Value> = Vec::new();
            // The fields in the order given, to name unknown ones in that order.
            let order: Vec<String> =
                self.0.iter().map(|e| e.path.split('.').next().unwrap_or_default().to_string()).collect();
            for Edit { path, append, value } in self.0 {
                let (head, rest) = match path.split_once('.') {
                    Some((h, r)) => (h.to_string(), Some(r.to_string())),
                    None => (path.clone(), None),
                };
                match (head.as_str(), rest) {
                    ("custom_fields", Some(name)) => customs.push(json!({"name": name, "value": value})),
                    ("extra", Some(key)) => {
                        let value = match value {
                            Value::String(s) => serde_json::from_str(&s).unwrap_or(Value::String(s)),
                            v => v,
                        };
                        entry_object(&mut out, "extra")?.insert(key, value);
                    }
                    ("primary_contact", Some(key)) => {
                        entry_object(&mut out, "primary_contact")?.insert(key, value);
                    }
                    (field, None) if append => {
                        let mut list = match out.get(field) {
                            Some(Value::Array(items)) => items.clone(),
                            _ => current_list(current, field),
                        };
                        list.push(item(field, value));
                        out.insert(field.to_string(), Value::Array(list));
                    }
                    (field, None) if LISTS.contains(&field) && !value.is_null() && !value.is_array() => {
                        out.insert(field.to_string(), json!([item(field, value)]));
                    }
                    (field, None) => {
                        out.insert(field.to_string(), value);
                    }
                    (field, Some(_)) => {
                        return Err(format!(
                            "--set {}: `{}` has no sub-fields (only primary_contact.*, custom_fields.NAME, extra.KEY)",
                            sanitize::terminal(&path),
                            sanitize::terminal(field)
                        ));
                    }
                }
            }
            if !customs.is_empty() {
                out.insert("custom_fields".into(), Value::Array(customs));
            }
            let unknown = unknown_fields(&out, &order);
            if unknown.len() > 1 {
                let names: Vec<String> =
                    unknown.iter().map(|n| format!("`{}`", sanitize::terminal(n))).collect();
                // serde's own message for the first one ends with the fields there are.
                let expected = serde_json::from_value::<CustomerChange>(Value::Object(out.clone()))
                    .err()
                    .and_then(|e| {
                        e.to_string().split_once(", expected").map(|(_, rest)| format!(", expected{rest}"))
                    })
                    .unwrap_or_default();
                return Err(format!("--set: unknown fields {}{expected}; nothing sent", names.join(", ")));
            }
            serde_json::from_value(Value::Object(out)).map_err(|e| format!("--set: {e}; nothing sent"))
        }
    }

    /// Every top-level field of `out` a [`CustomerChange`] does not have, in the order given
    /// (serde names only the first it meets).
    fn unknown_fields(out: &Map<String, Value>, order: &[String]) -> Vec<String> {
        let mut probe = out.clone();
        let mut unknown = Vec::new();
        while let Err(e) = serde_json::from_value::<CustomerChange>(Value::Object(probe.clone())) {
            let message = e.to_string();
            let Some(name) =
                message.strip_prefix("unknown field `").and_then(|r| r.split_once('`')).map(|(n, _)| n)
            else {
                break;
            };
            if probe.remove(name).is_none() {
                break;
            }
            unknown.push(name.to_string());
        }
        unknown.sort_by_key(|n| order.iter().position(|o| o == n).unwrap_or(usize::MAX));
        unknown
    }

    fn entry_object<'a>(
        out: &'a mut Map<String, Value>,
        key: &str,
    ) -> Result<&'a mut Map<String, Value>, String> {
        out.entry(key)
            .or_insert_with(|| json!({}))
            .as_object_mut()
            .ok_or_else(|| format!("--set: `{key}` set whole and by key"))
    }

    /// The customer's current list `field`, as change items.
    fn current_list(current: Option<&Customer>, field: &str) -> Vec<Value> {
        let Some(c) = current else { return Vec::new() };
        let v = match field {
            "other_names" => json!(c.other_names),
            "collaborators" => json!(c.collaborators.iter().filter_map(|u| u.id.clone()).collect::<Vec<_>>()),
            "phones" => json!(c.phones),
            "emails" => json!(c.emails),
            "addresses" => json!(c.addresses),
            "industry" => json!(c.industry),
            "tags" => json!(c.tags),
            _ => json!([]),
        };
        match v {
            Value::Array(items) => items,
            _ => Vec::new(),
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn change(sets: &[&str], current: Option<&Customer>) -> Result<Value, String> {
            let texts: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
            let c = parse(&texts)?.into_change(current)?;
            Ok(serde_json::to_value(c).unwrap())
        }

        #[test]
        fn set_append_and_clear() {
            let mut current = Customer::new(Provider::Gofive, "1", "A");
            current.emails.push(customer_core::Email::new("old@x.co", customer_core::EmailKind::General));
            let v = change(
                &["name=ACME", "emails+=a@b.c", "description=null", "tags=vip", "primary_contact.name=Kim"],
                Some(&current),
            )
            .unwrap();
            assert_eq!(
                v,
                json!({"name": "ACME", "description": null, "tags": ["vip"], "primary_contact": {"name": "Kim"},
                       "emails": [{"address": "old@x.co", "kind": "general"}, {"address": "a@b.c", "kind": "general"}]})
            );
            let v = change(&["custom_fields.Region=North", "extra.customerGender=1"], None).unwrap();
            assert_eq!(
                v,
                json!({"custom_fields": [{"name": "Region", "value": "North"}], "extra": {"customerGender": 1}})
            );
        }

        #[test]
        fn unknown_fields_and_bad_syntax_are_named() {
            let e = change(&["nmae=A"], None).unwrap_err();
            assert!(e.contains("nmae"), "{e}");
            assert!(change(&["name"], None).unwrap_err().contains("FIELD=VALUE"));
            assert!(change(&["name+=x"], None).unwrap_err().contains("list field"));
        }
    }
}
