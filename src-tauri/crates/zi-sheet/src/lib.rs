//! zi-sheet reads the spreadsheets people really have and writes spreadsheet-safe output.
//!
//! Reading ([`open`]): CSV in any encoding (UTF-8 with or without BOM, UTF-16 LE/BE, legacy
//! encodings such as Windows-1252 found with chardetng) and any common delimiter (`,` `;` tab
//! `|`, sniffed), streamed row by row; XLSX (streamed), XLS and ODS through calamine. Files that
//! cannot be read are refused with a message a RevOps user can act on (see [`SheetError`]).
//!
//! Writing ([`create`]): CSV (UTF-8 with BOM, comma, CRLF) or XLSX (strings only, constant
//! memory), through a temporary file renamed into place on [`SheetWriter::finish`]. Every cell
//! goes through [`spreadsheet_safe`] against CSV/formula injection.
//!
//! Workbooks are parsed apart from the caller (see `workbook`): binaries call
//! [`serve_workbook_reader_if_asked`] first thing in `main`.
//!
//! This crate knows nothing of Tauri or ZoomInfo.

#![forbid(unsafe_code)]

mod csv_read;
mod detect;
mod error;
#[doc(hidden)]
pub mod fuzzing;
mod quotes;
mod row_view;
mod workbook;
mod write;
mod xls_guard;

use std::borrow::Cow;
use std::collections::HashSet;
use std::fs::File;
use std::io::Read;
use std::path::Path;

pub use error::SheetError;
pub use row_view::RowView;
pub use workbook::process::{serve_workbook_reader_if_asked, READER_FLAG};
pub use workbook::READER_ENV;
pub use write::{
    create, OutputFormat, SheetWriter, XLSX_MAX_CELL_CHARS, XLSX_MAX_COLUMNS, XLSX_MAX_ROWS,
};

use detect::{Kind, SAMPLE_LEN};

/// How to read a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// The worksheet to read from a workbook; `None` reads the first (visible) worksheet.
    /// Ignored for CSV.
    pub sheet: Option<String>,
}

/// What kind of file was read.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SheetFormat {
    Csv {
        /// The encoding's WHATWG name: "UTF-8", "UTF-16LE", "UTF-16BE", "windows-1252", …
        encoding: String,
        /// The field delimiter: `,` `;` `\t` or `|`.
        delimiter: u8,
        /// Whether the file starts with a byte order mark.
        bom: bool,
    },
    Xlsx,
    Xls,
    Ods,
}

/// What [`open`] found out about a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetInfo {
    pub format: SheetFormat,
    /// The header row as in the file, each name trimmed. See [`unique_headers`].
    pub headers: Vec<String>,
    /// The sheet read (workbooks only).
    pub sheet_name: Option<String>,
    /// All worksheets of a workbook in order (empty for CSV).
    pub sheet_names: Vec<String>,
}

/// One data row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based index among the data rows (the header row is not counted; blank rows are
    /// skipped and not counted).
    pub number: u64,
    /// CSV: the 1-based line of the file where the row starts. Workbooks: the sheet's row number.
    pub line: u64,
    /// The cells as the file has them: ragged rows are neither padded nor cut. Workbook rows end
    /// at their last non-empty cell.
    pub cells: Vec<String>,
}

impl Row {
    /// The row as [`Rows::next_lent`] would lend it.
    pub fn view(&self) -> RowView<'_> {
        RowView::from_cells(self.number, self.line, &self.cells)
    }
}

/// An opened file: its [`SheetInfo`] and, through [`SheetReader::rows`], its data rows.
#[derive(Debug)]
pub struct SheetReader {
    info: SheetInfo,
    rows: Rows,
}

impl SheetReader {
    pub fn info(&self) -> &SheetInfo {
        &self.info
    }

    /// Streams the data rows (after the header) in file order. Rows whose cells are all blank
    /// are skipped. After an error the iterator ends.
    pub fn rows(self) -> Rows {
        self.rows
    }
}

/// The data rows of an opened file; see [`SheetReader::rows`]. CSV is read as it goes (the
/// whole file is never in memory); XLSX is streamed from a reader thread.
#[derive(Debug)]
pub struct Rows {
    inner: RowsInner,
    /// The workbook row last lent by [`Rows::next_lent`].
    lent: Option<Row>,
}

impl Rows {
    fn new(inner: RowsInner) -> Self {
        Rows { inner, lent: None }
    }

    /// The next data row like [`Iterator::next`], but lent until the next call instead of
    /// copied into a [`Row`]: a CSV row's cells are read where the reader holds them.
    pub fn next_lent(&mut self) -> Option<Result<RowView<'_>, SheetError>> {
        match &mut self.inner {
            RowsInner::Csv(rows) => rows.next_lent(),
            RowsInner::Workbook(rows) => match rows.next()? {
                Ok(row) => {
                    let row = self.lent.insert(row);
                    Some(Ok(RowView::from_cells(row.number, row.line, &row.cells)))
                }
                Err(e) => Some(Err(e)),
            },
        }
    }
}

#[derive(Debug)]
enum RowsInner {
    Csv(Box<csv_read::CsvRows>),
    Workbook(workbook::WorkbookRows),
}

impl Iterator for Rows {
    type Item = Result<Row, SheetError>;

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.inner {
            RowsInner::Csv(rows) => rows.next(),
            RowsInner::Workbook(rows) => rows.next(),
        }
    }
}

impl std::iter::FusedIterator for Rows {}

/// Opens a file, sniffs it, reads the header row. Rows come from [`SheetReader::rows`].
///
/// For CSV this reads the file once or twice before returning (to find the encoding when there
/// is no BOM, and to refuse an unclosed quote up front), streaming, in constant memory.
pub fn open(path: &Path, options: &ReadOptions) -> Result<SheetReader, SheetError> {
    let mut file = File::open(path).map_err(|e| SheetError::io(path, e))?;
    let metadata = file.metadata().map_err(|e| SheetError::io(path, e))?;
    if metadata.is_dir() {
        return Err(SheetError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    let mut sample = Vec::with_capacity(SAMPLE_LEN.min(metadata.len() as usize));
    (&mut file)
        .take(SAMPLE_LEN as u64)
        .read_to_end(&mut sample)
        .map_err(|e| SheetError::io(path, e))?;
    if sample.is_empty() {
        return Err(SheetError::Empty {
            path: path.to_path_buf(),
        });
    }
    match detect::classify(&sample) {
        kind @ (Kind::Zip | Kind::Cfb) => {
            drop(file);
            let (info, rows) = workbook::open_workbook(path, kind, options.sheet.as_deref())?;
            Ok(SheetReader {
                info,
                rows: Rows::new(RowsInner::Workbook(rows)),
            })
        }
        Kind::Binary(what) => Err(SheetError::Binary {
            path: path.to_path_buf(),
            what,
        }),
        Kind::Markup => Err(SheetError::WebPage {
            path: path.to_path_buf(),
        }),
        Kind::Text(encoding) => {
            let (info, rows) = csv_read::open_csv(path, file, &sample, encoding)?;
            Ok(SheetReader {
                info,
                rows: Rows::new(RowsInner::Csv(Box::new(rows))),
            })
        }
    }
}

/// Unique column names for output and mapping: an empty header becomes "Column N" (N counts
/// from 1), and a name seen before (ignoring case) gets " (2)", " (3)", … — never a name that
/// is already a header elsewhere in the row.
pub fn unique_headers(headers: &[String]) -> Vec<String> {
    let originals: HashSet<String> = headers
        .iter()
        .map(|h| clean_header(h).to_lowercase())
        .collect();
    let mut used: HashSet<String> = HashSet::with_capacity(headers.len());
    let mut out = Vec::with_capacity(headers.len());
    for (i, header) in headers.iter().enumerate() {
        let trimmed = clean_header(header);
        let generated = trimmed.is_empty();
        let base = if generated {
            format!("Column {}", i + 1)
        } else {
            trimmed.to_string()
        };
        let mut name = base.clone();
        let mut n = 2u64;
        while used.contains(&name.to_lowercase())
            || ((generated || name != base) && originals.contains(&name.to_lowercase()))
        {
            name = format!("{base} ({n})");
            n += 1;
        }
        used.insert(name.to_lowercase());
        out.push(name);
    }
    out
}

/// Neutralizes CSV/formula injection (OWASP): a cell starting with `=`, `+`, `-`, `@`, tab or
/// carriage return that is not a plain number gets a leading `'`. Plain numbers such as `-42`,
/// `+14155550100` or `-1.5e3` are left alone.
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') if !is_plain_number(cell) => {
            Cow::Owned(format!("'{cell}"))
        }
        _ => Cow::Borrowed(cell),
    }
}

/// `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`
fn is_plain_number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let mut mantissa = digits(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        mantissa += digits(&mut i);
    }
    if mantissa == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// A header name as shown: outer whitespace (and a stray byte order mark) removed.
pub(crate) fn clean_header(h: &str) -> &str {
    h.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

/// The path's extension in lower case ("" when there is none).
pub(crate) fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readers_can_move_to_a_worker_thread() {
        fn assert_send<T: Send + 'static>() {}
        assert_send::<SheetReader>();
        assert_send::<Rows>();
        assert_send::<SheetError>();
        fn assert_sync<T: Sync>() {}
        assert_sync::<SheetError>();
    }

    #[test]
    fn neutralizes_formulas_but_not_numbers() {
        for danger in [
            "=1+1",
            "+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1)",
            "\t=x",
            "\r=x",
            "=HYPERLINK(\"http://x\")",
            "-",
            "+",
            "+1 (415) 555-0100",
        ] {
            assert_eq!(spreadsheet_safe(danger), format!("'{danger}"), "{danger:?}");
        }
        for fine in [
            "-42",
            "+14155550100",
            "-1.5",
            "-.5",
            "+1e10",
            "-2E-3",
            "Acme",
            "",
            "a=b",
            " =x",
            "'=already",
        ] {
            assert_eq!(spreadsheet_safe(fine), fine, "{fine:?}");
            assert!(matches!(spreadsheet_safe(fine), Cow::Borrowed(_)));
        }
    }

    #[test]
    fn unique_headers_dedupes_and_names_blanks() {
        let h = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            unique_headers(&h(&["Email", "Email", "email", "", " Name ", "Email"])),
            h(&[
                "Email",
                "Email (2)",
                "email (3)",
                "Column 4",
                "Name",
                "Email (4)"
            ])
        );
        // A generated name never takes a name that is a real header elsewhere.
        assert_eq!(
            unique_headers(&h(&["A", "A", "A (2)"])),
            h(&["A", "A (3)", "A (2)"])
        );
        assert_eq!(
            unique_headers(&h(&["", "Column 1"])),
            h(&["Column 1 (2)", "Column 1"])
        );
    }
}
