//! How results look in a terminal.

use std::io::Write;

use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};
use serde_json::Value;
use zi_core::{RecordKind, UsageLimit};

fn cell(record: &serde_json::Map<String, Value>, path: &str) -> String {
    let mut value = Some(&Value::Object(record.clone()));
    for part in path.split('.') {
        value = value.and_then(|v| v.get(part));
    }
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

pub fn search_table(kind: RecordKind, records: &[serde_json::Map<String, Value>]) -> Table {
    let columns: &[(&str, &str)] = match kind {
        RecordKind::Contact => &[
            ("ID", "id"),
            ("First name", "firstName"),
            ("Last name", "lastName"),
            ("Job title", "jobTitle"),
            ("Company", "company.name"),
            ("Accuracy", "contactAccuracyScore"),
        ],
        RecordKind::Company => &[("ID", "id"), ("Name", "name")],
    };
    let mut table = Table::new();
    table
        .load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    table.set_header(columns.iter().map(|(title, _)| *title));
    for record in records {
        table.add_row(columns.iter().map(|(_, path)| cell(record, path)));
    }
    table
}

fn number(n: Option<i64>) -> String {
    n.map(|v| {
        if v < 0 {
            v.to_string()
        } else {
            zi_core::thousands(v as u64)
        }
    })
    .unwrap_or_else(|| "—".into())
}

pub fn usage_table(limits: &[UsageLimit]) -> Table {
    let mut table = Table::new();
    table
        .load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    table.set_header(["Limit", "Used", "Of", "Remaining", "Description"]);
    for l in limits {
        table.add_row([
            l.limit_type.clone(),
            number(l.current_usage),
            number(l.limit),
            number(l.usage_remaining),
            l.description.clone().unwrap_or_default(),
        ]);
    }
    table
}

/// Prints a line to stdout; a closed pipe (`zi ... | head`) ends output quietly, not with a panic.
pub fn emit(text: impl std::fmt::Display) {
    let mut out = std::io::stdout().lock();
    written(writeln!(out, "{text}"));
}

/// Prints generated text (a completion script, a man page) to stdout as it is, like `emit`.
pub fn emit_raw(bytes: &[u8]) {
    let mut out = std::io::stdout().lock();
    written(out.write_all(bytes).and_then(|()| out.flush()));
}

fn written(result: std::io::Result<()>) {
    if let Err(error) = result {
        if reader_went_away(&error) {
            std::process::exit(0);
        }
        eprintln!("error: could not write the output: {error}");
    }
}

/// Whether a failed write means the reader of stdout went away. Windows reports a closed pipe
/// as ERROR_NO_DATA (232, a broken pipe to Rust); Wine, and a named pipe whose other end
/// disconnected, as ERROR_PIPE_NOT_CONNECTED (233), which Rust leaves uncategorised.
fn reader_went_away(error: &std::io::Error) -> bool {
    const ERROR_PIPE_NOT_CONNECTED: i32 = 233;
    error.kind() == std::io::ErrorKind::BrokenPipe
        || (cfg!(windows) && error.raw_os_error() == Some(ERROR_PIPE_NOT_CONNECTED))
}

/// `zi search KIND --list-fields`: each criterion with its type and how several values combine.
pub fn search_fields_table(kind: RecordKind) -> Table {
    use zi_core::search_fields::{Several, ValueType};
    let mut table = Table::new();
    table
        .load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    table.set_header(["Field", "Type", "Several values"]);
    for field in zi_core::search_fields(kind) {
        let value_type = match field.value_type {
            ValueType::Text if !field.choices.is_empty() => {
                format!("one of {}", field.choices.join(", "))
            }
            ValueType::Text => "text".to_string(),
            ValueType::Integer => "whole number".to_string(),
            ValueType::Boolean => "true or false".to_string(),
            ValueType::List => "list".to_string(),
        };
        let several = match (field.value_type, field.several) {
            (ValueType::List, _) => "repeat --field: each becomes an item",
            (ValueType::Text, Several::Or) => "repeat --field: joined with OR",
            (ValueType::Text, Several::Comma) => "repeat --field: joined with commas",
            _ => "one value",
        };
        table.add_row([field.name, value_type, several.to_string()]);
    }
    table
}
