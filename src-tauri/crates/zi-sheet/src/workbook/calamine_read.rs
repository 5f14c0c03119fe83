//! XLSX, XLS and ODS reading through calamine: picks the sheet, then hands each non-blank row
//! to the caller's `send`, which says when nobody is listening any more.

use std::fmt::Display;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use calamine::{
    Data, DataRef, ExcelDateTime, Ods, OdsError, Reader, Sheet, SheetType, SheetVisible, Xls,
    XlsError, Xlsb, Xlsx, XlsxError,
};

use super::Msg;
use crate::detect::Kind;
use crate::{SheetError, SheetFormat};

/// Excel's column limit; cells beyond it are ignored.
const MAX_COLUMNS: usize = 16_384;
/// What an XLSB workbook is called when it is refused.
pub(super) const XLSB: &str = "an Excel Binary Workbook (.xlsb)";
/// What a ZIP archive that holds no workbook is said to be.
pub(super) const ZIP_ARCHIVE: &str = "a ZIP archive, not a workbook";

type Source = BufReader<File>;

/// Where rows go; `false` when the consumer has gone away.
pub(super) type RowSink<'a> = dyn FnMut(Msg) -> bool + 'a;

fn source(path: &Path) -> Result<Source, SheetError> {
    File::open(path)
        .map(BufReader::new)
        .map_err(|e| SheetError::io(path, e))
}

pub(super) fn unreadable(path: &Path, reason: impl Display) -> SheetError {
    SheetError::UnreadableWorkbook {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}

/// Sends `Ready`, then the sheet's non-blank rows; an error ends the reading.
pub(super) fn read_workbook(
    path: &Path,
    kind: Kind,
    requested: Option<&str>,
    tx: &mut RowSink<'_>,
) -> Result<(), SheetError> {
    let password = || SheetError::PasswordProtected {
        path: path.to_path_buf(),
    };
    if kind == Kind::Cfb {
        crate::xls_guard::check(path).map_err(|reason| unreadable(path, reason))?;
        return match Xls::new(source(path)?) {
            Ok(wb) => send_range_sheet(wb, SheetFormat::Xls, path, requested, tx),
            Err(XlsError::Password) => Err(password()),
            // An encrypted .xlsx is a CFB file too.
            Err(e) => match Xlsx::new(source(path)?) {
                Err(XlsxError::Password) => Err(password()),
                _ => Err(unreadable(path, e)),
            },
        };
    }

    if crate::extension(path) == "ods" {
        match Ods::new(source(path)?) {
            Ok(wb) => return send_range_sheet(wb, SheetFormat::Ods, path, requested, tx),
            Err(OdsError::Password) => return Err(password()),
            Err(_) => {}
        }
    }
    match Xlsx::new(source(path)?) {
        Ok(wb) => send_xlsx_sheet(wb, path, requested, tx),
        Err(XlsxError::Password) => Err(password()),
        Err(XlsxError::Zip(e)) => Err(unreadable(path, e)),
        Err(xlsx_error) => {
            match Ods::new(source(path)?) {
                Ok(wb) => return send_range_sheet(wb, SheetFormat::Ods, path, requested, tx),
                Err(OdsError::Password) => return Err(password()),
                Err(_) => {}
            }
            if Xlsb::new(source(path)?).is_ok() {
                return Err(SheetError::UnsupportedFormat {
                    path: path.to_path_buf(),
                    what: XLSB,
                });
            }
            match xlsx_error {
                XlsxError::FileNotFound(_) | XlsxError::RelationshipNotFound => {
                    Err(SheetError::Binary {
                        path: path.to_path_buf(),
                        what: Some(ZIP_ARCHIVE),
                    })
                }
                other => Err(unreadable(path, other)),
            }
        }
    }
}

/// Picks the worksheet: the requested one (exact name, else ignoring case and outer spaces),
/// or the first visible worksheet.
fn choose_sheet(
    path: &Path,
    sheets: &[Sheet],
    requested: Option<&str>,
) -> Result<(String, Vec<String>), SheetError> {
    let worksheets: Vec<&Sheet> = sheets
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .collect();
    let names: Vec<String> = worksheets.iter().map(|s| s.name.clone()).collect();
    let chosen = match requested {
        Some(req) => names
            .iter()
            .find(|n| n.as_str() == req)
            .or_else(|| {
                let wanted = req.trim().to_lowercase();
                names.iter().find(|n| n.trim().to_lowercase() == wanted)
            })
            .cloned()
            .ok_or_else(|| SheetError::SheetNotFound {
                requested: req.to_string(),
                available: names.clone(),
            })?,
        None => worksheets
            .iter()
            .find(|s| s.visible == SheetVisible::Visible)
            .or(worksheets.first())
            .map(|s| s.name.clone())
            .ok_or_else(|| SheetError::NoSheets {
                path: path.to_path_buf(),
            })?,
    };
    Ok((chosen, names))
}

/// Sends a row unless it is blank; false when the consumer has gone away.
fn send_row(tx: &mut RowSink<'_>, line: u64, mut cells: Vec<String>) -> bool {
    while cells.last().is_some_and(|c| c.trim().is_empty()) {
        cells.pop();
    }
    if cells.is_empty() {
        return true;
    }
    tx(Msg::Row { line, cells })
}

fn send_range_sheet<R>(
    mut wb: R,
    format: SheetFormat,
    path: &Path,
    requested: Option<&str>,
    tx: &mut RowSink<'_>,
) -> Result<(), SheetError>
where
    R: Reader<Source>,
    R::Error: Display,
{
    let (sheet_name, sheet_names) = choose_sheet(path, wb.sheets_metadata(), requested)?;
    let range = wb
        .worksheet_range(&sheet_name)
        .map_err(|e| unreadable(path, e))?;
    let ready = Msg::Ready {
        format,
        sheet_name,
        sheet_names,
    };
    if !tx(ready) {
        return Ok(());
    }
    let first_row = u64::from(range.start().map_or(0, |(r, _)| r));
    for (i, row) in range.rows().enumerate() {
        let cells = row.iter().map(data_text).collect();
        if !send_row(tx, first_row + i as u64 + 1, cells) {
            return Ok(());
        }
    }
    Ok(())
}

fn send_xlsx_sheet(
    mut wb: Xlsx<Source>,
    path: &Path,
    requested: Option<&str>,
    tx: &mut RowSink<'_>,
) -> Result<(), SheetError> {
    let (sheet_name, sheet_names) = choose_sheet(path, wb.sheets_metadata(), requested)?;
    let mut cells_reader = wb
        .worksheet_cells_reader(&sheet_name)
        .map_err(|e| unreadable(path, e))?;
    let ready = Msg::Ready {
        format: SheetFormat::Xlsx,
        sheet_name,
        sheet_names,
    };
    if !tx(ready) {
        return Ok(());
    }
    // Columns count from the sheet's declared first used column, as calamine's ranges do.
    let first_column = cells_reader.dimensions().start.1;
    let mut row: Option<(u32, Vec<String>)> = None;
    while let Some(cell) = cells_reader.next_cell().map_err(|e| unreadable(path, e))? {
        let (r, c) = cell.get_position();
        if row.as_ref().is_some_and(|(current, _)| *current != r) {
            if let Some((current, cells)) = row.take() {
                if !send_row(tx, u64::from(current) + 1, cells) {
                    return Ok(());
                }
            }
        }
        let text = data_ref_text(cell.get_value());
        let (_, cells) = row.get_or_insert_with(|| (r, Vec::new()));
        let index = c.saturating_sub(first_column) as usize;
        if text.is_empty() || index >= MAX_COLUMNS {
            continue;
        }
        if cells.len() <= index {
            cells.resize(index + 1, String::new());
        }
        if let Some(slot) = cells.get_mut(index) {
            *slot = text;
        }
    }
    if let Some((current, cells)) = row {
        send_row(tx, u64::from(current) + 1, cells);
    }
    Ok(())
}

fn data_text(data: &Data) -> String {
    match data {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Bool(b) => bool_text(*b),
        Data::DateTime(dt) => datetime_text(dt),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

fn data_ref_text(data: &DataRef<'_>) -> String {
    match data {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number_text(*f),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Bool(b) => bool_text(*b),
        DataRef::DateTime(dt) => datetime_text(dt),
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    }
}

fn bool_text(b: bool) -> String {
    if b { "TRUE" } else { "FALSE" }.to_string()
}

/// Numbers as Excel shows them in a General cell: at most 15 significant digits, whole numbers
/// without ".0" (a phone 4155550100 stays 4155550100), never in exponent notation.
pub(crate) fn number_text(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    if rounded.fract() == 0.0 && rounded.abs() < 9.0e15 {
        return format!("{}", rounded as i64);
    }
    rounded.to_string()
}

/// Dates as ISO-like text: "2024-03-05", "2024-03-05 14:30:00", or "14:30:00" for a time.
fn datetime_text(dt: &ExcelDateTime) -> String {
    if dt.is_duration() {
        let seconds = (dt.as_f64() * 86_400.0).round();
        if seconds.is_finite() && seconds.abs() < 1e12 {
            let s = seconds as i64;
            let sign = if s < 0 { "-" } else { "" };
            let s = s.abs();
            return format!("{sign}{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60);
        }
        return number_text(dt.as_f64());
    }
    match dt.as_datetime() {
        Some(value) => {
            let date = value.format("%Y-%m-%d").to_string();
            let time = value.format("%H:%M:%S").to_string();
            if dt.as_f64().abs() < 1.0 {
                time
            } else if time == "00:00:00" {
                date
            } else {
                format!("{date} {time}")
            }
        }
        None => number_text(dt.as_f64()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(name: &str, typ: SheetType, visible: SheetVisible) -> Sheet {
        Sheet {
            name: name.to_string(),
            typ,
            visible,
        }
    }

    #[test]
    fn default_sheet_is_the_first_visible_worksheet() -> Result<(), SheetError> {
        let sheets = [
            meta("Chart", SheetType::ChartSheet, SheetVisible::Visible),
            meta("Lookup", SheetType::WorkSheet, SheetVisible::Hidden),
            meta("Leads", SheetType::WorkSheet, SheetVisible::Visible),
        ];
        let path = Path::new("x.xlsx");
        let (chosen, names) = choose_sheet(path, &sheets, None)?;
        assert_eq!(chosen, "Leads");
        assert_eq!(names, vec!["Lookup".to_string(), "Leads".to_string()]);
        let (chosen, _) = choose_sheet(path, &sheets, Some("LOOKUP"))?;
        assert_eq!(chosen, "Lookup");
        assert!(matches!(
            choose_sheet(path, &sheets, Some("Chart")),
            Err(SheetError::SheetNotFound { .. })
        ));
        assert!(matches!(
            choose_sheet(path, &sheets[..1], None),
            Err(SheetError::NoSheets { .. })
        ));
        Ok(())
    }

    #[test]
    fn numbers_read_like_excel_shows_them() {
        assert_eq!(number_text(4_155_550_100.0), "4155550100");
        assert_eq!(number_text(123_456_789_012_345.0), "123456789012345");
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(-42.0), "-42");
        assert_eq!(number_text(-0.0), "0");
        assert_eq!(number_text(12.5), "12.5");
        assert_eq!(number_text(1e20), "100000000000000000000");
        assert_eq!(number_text(0.000_001_5), "0.0000015");
    }
}
