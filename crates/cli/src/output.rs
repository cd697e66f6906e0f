//! Output shapes: the JSON items of the contract, the people-facing table, `schema`, `providers`.

use std::io::Write;

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use crm_runtime::Error;
use customer_core::{Customer, Provider};
use serde::Serialize;

use crate::exit;

/// `{"kind", "message"}` of a failed ID.
#[derive(Serialize)]
pub struct ErrorOut {
    kind: &'static str,
    message: String,
}

/// One `{"id", "customer"}` or `{"id", "error"}` item.
#[derive(Serialize)]
pub struct Item<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    customer: Option<&'a Customer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<ErrorOut>,
}

impl<'a> Item<'a> {
    /// The item for one ID's outcome.
    pub fn new(id: &'a str, result: &'a Result<Customer, Error>) -> Self {
        match result {
            Ok(c) => Item { id, customer: Some(c), error: None },
            Err(e) => Item {
                id,
                customer: None,
                error: Some(ErrorOut { kind: e.kind().as_str(), message: e.to_string() }),
            },
        }
    }
}

/// Writes `sep` then the item as one compact JSON line. False when stdout is closed.
pub fn write_item_line(out: &mut impl Write, sep: &str, item: &Item<'_>) -> bool {
    out.write_all(sep.as_bytes()).is_ok()
        && serde_json::to_writer(&mut *out, item).is_ok()
        && out.write_all(b"\n").is_ok()
}

/// Writes one value as indented JSON. False when stdout is closed.
pub fn write_pretty(out: &mut impl Write, value: &impl Serialize) -> bool {
    serde_json::to_writer_pretty(&mut *out, value).is_ok() && out.write_all(b"\n").is_ok()
}

/// A table row.
pub struct Row {
    cells: [String; 8],
}

fn enum_text<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

impl Row {
    /// The row for one ID's outcome.
    pub fn new(provider: Provider, id: &str, result: &Result<Customer, Error>) -> Row {
        let cells = match result {
            Ok(c) => {
                let stage = c.lifecycle_stage.as_ref().map(|e| enum_text(&e.normalized)).unwrap_or_default();
                let status = c
                    .status
                    .as_ref()
                    .map(|e| e.label.clone().unwrap_or_else(|| enum_text(&e.normalized)))
                    .unwrap_or_default();
                let owner = c
                    .owner
                    .as_ref()
                    .and_then(|o| o.name.clone().or_else(|| o.id.clone()))
                    .unwrap_or_default();
                let contact = c.contacts.first().and_then(|p| p.name.clone()).unwrap_or_default();
                let phone = c
                    .phones
                    .first()
                    .map(|p| p.number.clone())
                    .or_else(|| {
                        c.contacts.iter().flat_map(|p| p.phones.first()).next().map(|p| p.number.clone())
                    })
                    .unwrap_or_default();
                let name = match (&c.code, c.warnings.len()) {
                    (_, 0) => c.name.clone(),
                    (_, n) => format!("{} ({n} warning{})", c.name, if n == 1 { "" } else { "s" }),
                };
                [
                    provider.to_string(),
                    id.to_string(),
                    c.code.clone().unwrap_or_default(),
                    name,
                    [stage, status].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" / "),
                    owner,
                    contact,
                    phone,
                ]
            }
            Err(e) => [
                provider.to_string(),
                id.to_string(),
                String::new(),
                format!("error ({}): {}", e.kind(), e.message()),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ],
        };
        Row { cells }
    }
}

/// Renders rows as a table sized to the terminal.
pub fn table(rows: &[Row]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    t.set_header(["provider", "id", "code", "name", "stage / status", "owner", "contact", "phone"]);
    for r in rows {
        t.add_row(r.cells.iter());
    }
    t
}

/// `crm-customers schema`.
pub fn schema() -> u8 {
    let mut out = std::io::stdout().lock();
    if write_pretty(&mut out, &customer_core::json_schema()) { exit::OK } else { exit::USAGE }
}

/// `crm-customers providers`.
pub fn providers() -> u8 {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    t.set_header(["provider", "auth", "environment", "base URL (default)"]);
    for row in crate::sources::provider_rows() {
        t.add_row(row);
    }
    println!("{t}");
    exit::OK
}
