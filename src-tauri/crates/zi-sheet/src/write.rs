//! Atomic, spreadsheet-safe output: CSV (UTF-8 with BOM, comma, CRLF) or XLSX (strings only).

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, Workbook, XlsxError};
use tempfile::NamedTempFile;

use crate::{spreadsheet_safe, SheetError};

/// Excel's row limit per sheet, header included.
pub const XLSX_MAX_ROWS: u32 = 1_048_576;
/// Excel's column limit per sheet.
pub const XLSX_MAX_COLUMNS: u16 = 16_384;
/// Excel's limit on the characters in one cell.
pub const XLSX_MAX_CELL_CHARS: usize = 32_767;

/// The output format, chosen by the output path's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutputFormat {
    Csv,
    Xlsx,
}

impl OutputFormat {
    /// `.csv` or `.xlsx` (any case); anything else is [`SheetError::UnsupportedOutput`].
    pub fn from_path(path: &Path) -> Result<Self, SheetError> {
        match crate::extension(path).as_str() {
            "csv" => Ok(OutputFormat::Csv),
            "xlsx" => Ok(OutputFormat::Xlsx),
            _ => Err(SheetError::UnsupportedOutput {
                path: path.to_path_buf(),
            }),
        }
    }
}

/// Writes a spreadsheet into a temporary file beside the target; [`SheetWriter::finish`]
/// renames it over the target. Dropped without `finish`, the temporary file is removed and the
/// target is left as it was.
pub struct SheetWriter {
    path: PathBuf,
    rows: u64,
    inner: Inner,
}

enum Inner {
    Csv(csv::Writer<BufWriter<NamedTempFile>>),
    Xlsx {
        workbook: Box<Workbook>,
        temp: NamedTempFile,
        bold: Format,
    },
}

impl std::fmt::Debug for SheetWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SheetWriter")
            .field("path", &self.path)
            .field("format", &self.format())
            .field("rows", &self.rows)
            .finish()
    }
}

/// Starts writing `path` (`.csv` or `.xlsx`).
pub fn create(path: &Path) -> Result<SheetWriter, SheetError> {
    let format = OutputFormat::from_path(path)?;
    if path.is_dir() {
        return Err(SheetError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(SheetError::FolderNotFound { path: dir });
    }
    let mut builder = tempfile::Builder::new();
    let prefix = format!(".{}.", crate::error::file_name(path));
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let temp = builder
        .tempfile_in(&dir)
        .map_err(|e| SheetError::io(&dir, e))?;

    let inner = match format {
        OutputFormat::Csv => {
            let mut out = BufWriter::with_capacity(64 * 1024, temp);
            out.write_all(b"\xef\xbb\xbf")
                .map_err(|e| SheetError::io(path, e))?;
            let writer = csv::WriterBuilder::new()
                .delimiter(b',')
                .terminator(csv::Terminator::CRLF)
                .quote_style(csv::QuoteStyle::Necessary)
                .flexible(true)
                .from_writer(out);
            Inner::Csv(writer)
        }
        OutputFormat::Xlsx => {
            let mut workbook = Box::new(Workbook::new());
            workbook
                .add_worksheet_with_constant_memory()
                .map_err(|e| xlsx_error(path, e))?;
            Inner::Xlsx {
                workbook,
                temp,
                bold: Format::new().set_bold(),
            }
        }
    };
    Ok(SheetWriter {
        path: path.to_path_buf(),
        rows: 0,
        inner,
    })
}

fn xlsx_error(path: &Path, e: XlsxError) -> SheetError {
    match e {
        XlsxError::IoError(io) => SheetError::io(path, io),
        other => SheetError::XlsxWrite {
            path: path.to_path_buf(),
            message: other.to_string(),
        },
    }
}

impl SheetWriter {
    /// The format being written.
    pub fn format(&self) -> OutputFormat {
        match self.inner {
            Inner::Csv(_) => OutputFormat::Csv,
            Inner::Xlsx { .. } => OutputFormat::Xlsx,
        }
    }

    /// Rows written so far, header included.
    pub fn rows_written(&self) -> u64 {
        self.rows
    }

    /// Writes one row; the first call writes the header row. Every cell goes through
    /// [`spreadsheet_safe`].
    pub fn write_row(&mut self, cells: &[&str]) -> Result<(), SheetError> {
        let path = &self.path;
        match &mut self.inner {
            Inner::Csv(writer) => {
                writer
                    .write_record(cells.iter().map(|c| spreadsheet_safe(c).into_owned()))
                    .map_err(|e| csv_error(path, e))?;
            }
            Inner::Xlsx { workbook, bold, .. } => {
                if self.rows >= u64::from(XLSX_MAX_ROWS) {
                    return Err(SheetError::TooManyRowsForXlsx {
                        limit: XLSX_MAX_ROWS,
                    });
                }
                if cells.len() > usize::from(XLSX_MAX_COLUMNS) {
                    return Err(SheetError::TooManyColumnsForXlsx {
                        limit: XLSX_MAX_COLUMNS,
                    });
                }
                let row = u32::try_from(self.rows).map_err(|_| SheetError::TooManyRowsForXlsx {
                    limit: XLSX_MAX_ROWS,
                })?;
                let sheet = workbook
                    .worksheet_from_index(0)
                    .map_err(|e| xlsx_error(path, e))?;
                let header = row == 0;
                if header {
                    for (col, cell) in (0u16..).zip(cells.iter()) {
                        let width = (cell.chars().count() + 2).clamp(10, 50) as f64;
                        sheet
                            .set_column_width(col, width)
                            .map_err(|e| xlsx_error(path, e))?;
                    }
                    sheet
                        .set_freeze_panes(1, 0)
                        .map_err(|e| xlsx_error(path, e))?;
                }
                for (col, cell) in (0u16..).zip(cells.iter()) {
                    if cell.is_empty() {
                        continue;
                    }
                    let safe = spreadsheet_safe(cell);
                    if safe.chars().count() > XLSX_MAX_CELL_CHARS {
                        return Err(SheetError::CellTooLongForXlsx {
                            row: self.rows + 1,
                            column: u64::from(col) + 1,
                        });
                    }
                    let written = if header {
                        sheet.write_string_with_format(row, col, safe.as_ref(), bold)
                    } else {
                        sheet.write_string(row, col, safe.as_ref())
                    };
                    written.map_err(|e| xlsx_error(path, e))?;
                }
            }
        }
        self.rows += 1;
        Ok(())
    }

    /// Flushes, syncs to disk and renames the temporary file over the target.
    pub fn finish(self) -> Result<(), SheetError> {
        let path = self.path;
        let temp = match self.inner {
            Inner::Csv(writer) => {
                let out = writer
                    .into_inner()
                    .map_err(|e| SheetError::io(&path, e.into_error()))?;
                out.into_inner()
                    .map_err(|e| SheetError::io(&path, e.into_error()))?
            }
            Inner::Xlsx {
                mut workbook,
                mut temp,
                ..
            } => {
                workbook
                    .save_to_writer(&mut temp)
                    .map_err(|e| xlsx_error(&path, e))?;
                temp
            }
        };
        temp.as_file()
            .sync_all()
            .map_err(|e| SheetError::io(&path, e))?;
        temp.persist(&path)
            .map_err(|e| SheetError::io(&path, e.error))?;
        sync_parent(&path);
        Ok(())
    }
}

fn csv_error(path: &Path, e: csv::Error) -> SheetError {
    let message = e.to_string();
    match e.into_kind() {
        csv::ErrorKind::Io(io) => SheetError::io(path, io),
        _ => SheetError::Io {
            path: path.to_path_buf(),
            source: std::io::Error::other(message),
        },
    }
}

/// Makes the rename itself durable where the platform allows syncing a directory.
fn sync_parent(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_format_from_extension() {
        assert_eq!(
            OutputFormat::from_path(Path::new("a/b.CSV")).ok(),
            Some(OutputFormat::Csv)
        );
        assert_eq!(
            OutputFormat::from_path(Path::new("b.xlsx")).ok(),
            Some(OutputFormat::Xlsx)
        );
        for bad in ["b.xls", "b.txt", "b", "b.ods"] {
            assert!(matches!(
                OutputFormat::from_path(Path::new(bad)),
                Err(SheetError::UnsupportedOutput { .. })
            ));
        }
    }

    #[test]
    fn writer_is_send() {
        fn assert_send<T: Send>() {}
        assert_send::<SheetWriter>();
    }
}
