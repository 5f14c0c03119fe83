use std::io;
use std::path::{Path, PathBuf};

/// Everything that can go wrong while reading or writing a spreadsheet.
///
/// Each message is written for the person who chose the file: it names the problem (and the line
/// or cell where there is one) and says what to do about it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SheetError {
    #[error("File not found: {}. Check that it still exists (it may have been moved or renamed) and choose it again.", .path.display())]
    NotFound { path: PathBuf },

    #[error("Permission denied: {}. The file may be open in another program such as Excel, or your account may not have access to it. Close it or copy it to a folder you can use, then try again.", .path.display())]
    PermissionDenied { path: PathBuf },

    #[error("{} is a folder, not a file. Choose a .csv or .xlsx file.", .path.display())]
    NotAFile { path: PathBuf },

    #[error("The folder {} does not exist. Choose another place to save the file.", .path.display())]
    FolderNotFound { path: PathBuf },

    #[error("Could not read or write {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    #[error("The file is empty: “{}” contains no header row and no data. Choose the exported file that holds your records.", file_name(.path))]
    Empty { path: PathBuf },

    #[error("The sheet “{sheet}” is empty. Choose the sheet that holds your records, or add a header row and data to it.")]
    EmptySheet { sheet: String },

    #[error("This does not look like a spreadsheet (binary data{}): “{}”. Export your records from Salesforce, HubSpot or Excel as .csv or .xlsx and try again.", .what.map(|w| format!(", it looks like {w}")).unwrap_or_default(), file_name(.path))]
    Binary {
        path: PathBuf,
        what: Option<&'static str>,
    },

    #[error("“{}” is a web page (HTML or XML), not a real spreadsheet, even though its name looks like one. Open it in Excel and use Save As to save it as an Excel Workbook (.xlsx) or CSV, then try again.", file_name(.path))]
    WebPage { path: PathBuf },

    #[error("Line {line}: a quoted field is never closed. A value starts with a double quote (\") but its closing quote is missing, so the rest of the file would end up in one cell. Fix or remove that quote (or export the file again) and try again.")]
    UnterminatedQuote { line: u64 },

    #[error("Line {line}: the file could not be read as CSV ({message}). Export it again and try again.")]
    MalformedCsv { line: u64, message: String },

    #[error("“{}” could not be read: the workbook looks damaged ({reason}). Open it in Excel, save a fresh copy as .xlsx or .csv, and try again.", file_name(.path))]
    UnreadableWorkbook { path: PathBuf, reason: String },

    #[error("“{}” is password-protected. Open it in Excel, remove the password, save it, and try again.", file_name(.path))]
    PasswordProtected { path: PathBuf },

    #[error("“{}” is {what}, which cannot be read here. Open it in Excel and save it as .xlsx or .csv, then try again.", file_name(.path))]
    UnsupportedFormat { path: PathBuf, what: &'static str },

    #[error("“{}” contains no worksheets. Choose a workbook with your records on a worksheet.", file_name(.path))]
    NoSheets { path: PathBuf },

    #[error("There is no sheet named “{requested}”. The sheets in this workbook are: {}.", quoted_list(.available))]
    SheetNotFound {
        requested: String,
        available: Vec<String>,
    },

    #[error("Cannot save as “{}”: the file name must end in .csv or .xlsx.", file_name(.path))]
    UnsupportedOutput { path: PathBuf },

    #[error("Too many rows for an Excel workbook: an .xlsx sheet holds at most {limit} rows, header included. Choose .csv as the output format instead.", limit = group_thousands(u64::from(*.limit)))]
    TooManyRowsForXlsx { limit: u32 },

    #[error("Too many columns for an Excel workbook: an .xlsx sheet holds at most {limit} columns. Choose .csv as the output format instead.", limit = group_thousands(u64::from(*.limit)))]
    TooManyColumnsForXlsx { limit: u16 },

    #[error("Row {row}, column {column}: the value has more than 32,767 characters, the most an Excel cell can hold. Choose .csv as the output format instead.")]
    CellTooLongForXlsx { row: u64, column: u64 },

    #[error("Could not write the Excel file “{}”: {message}", file_name(.path))]
    XlsxWrite { path: PathBuf, message: String },
}

impl SheetError {
    /// Maps an I/O error on `path` to the most specific variant.
    pub(crate) fn io(path: &Path, source: io::Error) -> Self {
        match source.kind() {
            io::ErrorKind::NotFound => SheetError::NotFound {
                path: path.to_path_buf(),
            },
            io::ErrorKind::PermissionDenied => SheetError::PermissionDenied {
                path: path.to_path_buf(),
            },
            _ => SheetError::Io {
                path: path.to_path_buf(),
                source,
            },
        }
    }
}

pub(crate) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn quoted_list(names: &[String]) -> String {
    if names.is_empty() {
        return "(none)".to_string();
    }
    names
        .iter()
        .map(|n| format!("“{n}”"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(group_thousands(1_048_576), "1,048,576");
        assert_eq!(group_thousands(16_384), "16,384");
        assert_eq!(group_thousands(999), "999");
    }

    #[test]
    fn io_errors_map_to_messages_naming_the_path() {
        let path = Path::new("/data/exports/leads.csv");
        let denied = SheetError::io(path, io::Error::from(io::ErrorKind::PermissionDenied));
        assert!(matches!(denied, SheetError::PermissionDenied { .. }));
        assert!(denied
            .to_string()
            .starts_with("Permission denied: /data/exports/leads.csv."));
        let missing = SheetError::io(path, io::Error::from(io::ErrorKind::NotFound));
        assert!(missing
            .to_string()
            .starts_with("File not found: /data/exports/leads.csv."));
        let other = SheetError::io(path, io::Error::other("disk on fire"));
        assert!(matches!(other, SheetError::Io { .. }));
        assert!(other.to_string().contains("disk on fire"));
    }

    #[test]
    fn messages_read_well() {
        let e = SheetError::TooManyRowsForXlsx { limit: 1_048_576 };
        assert!(e.to_string().contains("1,048,576 rows"), "{e}");
        let e = SheetError::SheetNotFound {
            requested: "Leads".into(),
            available: vec!["Contacts".into(), "Accounts".into()],
        };
        assert_eq!(
            e.to_string(),
            "There is no sheet named “Leads”. The sheets in this workbook are: “Contacts”, “Accounts”."
        );
        let e = SheetError::Binary {
            path: "x/photo.csv".into(),
            what: Some("a PNG image"),
        };
        assert!(e.to_string().starts_with(
            "This does not look like a spreadsheet (binary data, it looks like a PNG image): “photo.csv”."
        ));
    }
}
