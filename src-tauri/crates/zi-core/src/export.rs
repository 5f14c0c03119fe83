//! Writing records to files people open in Excel: CSV (header row, spreadsheet-safe cells)
//! or JSON. Written to a temporary file and renamed, so a failed export leaves nothing half-done.

use std::io::Write;
use std::path::Path;

use serde_json::{Map, Value};
use zi_client::Record;

use crate::error::{CoreError, Result};

/// Output formats chosen by the file's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
}

impl ExportFormat {
    pub fn from_path(path: &Path) -> Result<Self> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("csv") => Ok(ExportFormat::Csv),
            Some("json") => Ok(ExportFormat::Json),
            _ => Err(CoreError::Invalid(format!(
                "Cannot tell what to write from '{}': the file name must end in .csv or .json.",
                path.display()
            ))),
        }
    }
}

/// Neutralizes a cell a spreadsheet would run as a formula (OWASP CSV injection):
/// text starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`, unless it is a plain number.
pub fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = matches!(
        cell.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    );
    if risky && cell.trim().parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// Nested objects become dotted columns (`company.name`); lists become readable text
/// ([`crate::cells::readable`]: "Sales (Sales)", "linkedin: https://…").
fn flatten_into(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                let name = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                flatten_into(&name, inner, out);
            }
        }
        Value::Null => out.push((prefix.to_string(), String::new())),
        Value::String(s) => out.push((prefix.to_string(), s.clone())),
        Value::Array(_) => out.push((prefix.to_string(), crate::cells::readable(value))),
        other => out.push((prefix.to_string(), other.to_string())),
    }
}

/// Flattened cells of each record plus the union of their columns, in first-seen order.
pub fn tabulate(records: &[Record]) -> (Vec<String>, Vec<Map<String, Value>>) {
    let mut columns: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut rows = Vec::with_capacity(records.len());
    for record in records {
        let mut cells = Vec::new();
        flatten_into("", &Value::Object(record.clone()), &mut cells);
        let mut row = Map::new();
        for (column, cell) in cells {
            if seen.insert(column.clone()) {
                columns.push(column.clone());
            }
            row.insert(column, Value::String(cell));
        }
        rows.push(row);
    }
    (columns, rows)
}

fn write_csv(out: &mut impl Write, records: &[Record]) -> std::io::Result<()> {
    let (columns, rows) = tabulate(records);
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(columns.iter().map(|c| spreadsheet_safe(c).into_owned()))?;
    for row in rows {
        writer.write_record(columns.iter().map(|c| {
            let cell = row.get(c).and_then(Value::as_str).unwrap_or("");
            spreadsheet_safe(cell).into_owned()
        }))?;
    }
    writer.flush()
}

/// Writes `records` to `path` (format from the extension) atomically; returns how many.
pub fn write_records(path: &Path, records: &[Record]) -> Result<usize> {
    let format = ExportFormat::from_path(path)?;
    let fail = |detail: String| CoreError::Write {
        path: path.display().to_string(),
        detail,
    };
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(folder).map_err(|e| fail(e.to_string()))?;
    {
        let mut out = std::io::BufWriter::new(temp.as_file_mut());
        match format {
            ExportFormat::Csv => write_csv(&mut out, records),
            ExportFormat::Json => {
                serde_json::to_writer_pretty(&mut out, records).map_err(std::io::Error::other)
            }
        }
        .and_then(|()| out.flush())
        .map_err(|e| fail(e.to_string()))?;
    }
    temp.as_file().sync_all().map_err(|e| fail(e.to_string()))?;
    temp.persist(path).map_err(|e| fail(e.error.to_string()))?;
    Ok(records.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn formulas_are_neutralized_but_numbers_are_not() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_safe("+1 555 0100 ext"), "'+1 555 0100 ext");
        assert_eq!(spreadsheet_safe("\tcmd"), "'\tcmd");
        assert_eq!(spreadsheet_safe("-12.5"), "-12.5");
        assert_eq!(spreadsheet_safe("+44"), "+44");
        assert_eq!(spreadsheet_safe("Jane"), "Jane");
    }

    #[test]
    fn csv_has_a_header_and_flattens_the_company() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("out.csv");
        let records: Vec<Record> = vec![
            json!({"id": 1, "firstName": "Ann", "company": {"id": 7, "name": "=Evil"}})
                .as_object()
                .cloned()
                .expect("obj"),
            json!({"id": 2, "lastName": "Lee", "hasEmail": true,
                   "jobFunction": [{"name": "Sales", "department": "Sales"}]})
            .as_object()
            .cloned()
            .expect("obj"),
        ];
        assert_eq!(write_records(&path, &records).expect("write"), 2);
        let text = std::fs::read_to_string(&path).expect("read");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "id,firstName,company.id,company.name,lastName,hasEmail,jobFunction"
        );
        assert_eq!(lines[1], "1,Ann,7,'=Evil,,,");
        assert_eq!(lines[2], "2,,,,Lee,true,Sales (Sales)");
    }

    #[test]
    fn an_unknown_extension_is_refused_before_anything_is_written() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("out.txt");
        assert!(matches!(
            write_records(&path, &[]),
            Err(CoreError::Invalid(_))
        ));
        assert!(!path.exists());
    }
}
