//! XLSX, XLS and ODS reading, kept apart from the caller.
//!
//! The workbook parser (calamine) reads files people send each other, damaged ones included,
//! and may panic or run out of memory on them. It therefore runs apart from the caller and
//! sends rows through a bounded channel, which also lets an XLSX sheet stream cell by cell
//! (calamine's cell reader borrows the workbook, which an iterator handed to the caller cannot
//! do) with memory bounded by the channel:
//! - where panics unwind, on a thread that turns a panic into an ordinary error;
//! - where they abort (the release builds), in a child process of the same executable
//!   ([`process`]), so that whatever happens to the parser, the app goes on and says the file
//!   could not be read.

mod calamine_read;
pub(crate) mod process;

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

use crate::detect::Kind;
use crate::{clean_header, Row, SheetError, SheetFormat, SheetInfo};

use calamine_read::unreadable;

/// How many rows the reader may run ahead of the consumer.
const CHANNEL_ROWS: usize = 256;
/// Why a reader that panicked, or whose process died, is said to have failed.
const READER_FAILED: &str = "the reader failed on it";
/// A reader that went away without a last word (never expected: a panic is caught above).
const READER_VANISHED: &str = "the reader stopped unexpectedly";

/// What the reader sends, in this order: `Ready`, the rows, then `End` or `Error`. The child
/// process writes it with its error in a form that crosses the pipe ([`process`]).
#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) enum Msg<E = SheetError> {
    Ready {
        format: SheetFormat,
        sheet_name: String,
        sheet_names: Vec<String>,
    },
    Row {
        line: u64,
        cells: Vec<String>,
    },
    Error(E),
    End,
}

impl<E> Msg<E> {
    /// The same message with its error (if any) turned into another form.
    pub(crate) fn map_error<F>(self, f: impl FnOnce(E) -> F) -> Msg<F> {
        match self {
            Msg::Ready {
                format,
                sheet_name,
                sheet_names,
            } => Msg::Ready {
                format,
                sheet_name,
                sheet_names,
            },
            Msg::Row { line, cells } => Msg::Row { line, cells },
            Msg::Error(e) => Msg::Error(f(e)),
            Msg::End => Msg::End,
        }
    }
}

impl<E: std::fmt::Debug> std::fmt::Debug for Msg<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Msg::Ready { sheet_name, .. } => write!(f, "Ready({sheet_name})"),
            Msg::Row { line, .. } => write!(f, "Row({line})"),
            Msg::Error(e) => write!(f, "Error({e:?})"),
            Msg::End => write!(f, "End"),
        }
    }
}

/// Where the parser runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Isolation {
    Thread,
    Process,
}

/// `ZI_SHEET_READER=thread|process` overrides the choice (tests run both ways).
pub const READER_ENV: &str = "ZI_SHEET_READER";

impl Isolation {
    fn current() -> Self {
        match std::env::var(READER_ENV).as_deref() {
            Ok("process") => Isolation::Process,
            Ok("thread") => Isolation::Thread,
            _ if cfg!(panic = "unwind") => Isolation::Thread,
            _ => Isolation::Process,
        }
    }
}

/// Streams the rows of a workbook sheet from the reader.
#[derive(Debug)]
pub(crate) struct WorkbookRows {
    rx: Receiver<Msg>,
    path: PathBuf,
    number: u64,
    done: bool,
}

impl WorkbookRows {
    fn recv(&mut self) -> Msg {
        self.rx
            .recv()
            .unwrap_or_else(|_| Msg::Error(unreadable(&self.path, READER_VANISHED)))
    }
}

impl Iterator for WorkbookRows {
    type Item = Result<Row, SheetError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        loop {
            match self.recv() {
                Msg::Row { line, cells } => {
                    self.number += 1;
                    return Some(Ok(Row {
                        number: self.number,
                        line,
                        cells,
                    }));
                }
                Msg::Ready { .. } => continue,
                Msg::Error(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
                Msg::End => {
                    self.done = true;
                    return None;
                }
            }
        }
    }
}

/// Opens a ZIP- or CFB-based workbook, picks the sheet and reads its header row.
pub(crate) fn open_workbook(
    path: &Path,
    kind: Kind,
    sheet: Option<&str>,
) -> Result<(SheetInfo, WorkbookRows), SheetError> {
    let (tx, rx) = sync_channel(CHANNEL_ROWS);
    let request = Request {
        path: path.to_path_buf(),
        kind,
        sheet: sheet.map(str::to_string),
    };
    let isolation = Isolation::current();
    std::thread::Builder::new()
        .name("zi-sheet-reader".to_string())
        .spawn(move || match isolation {
            Isolation::Thread => read_on_this_thread(&request, &tx),
            Isolation::Process => process::read_in_child(&request, &tx),
        })
        .map_err(|e| SheetError::io(path, e))?;

    let mut rows = WorkbookRows {
        rx,
        path: path.to_path_buf(),
        number: 0,
        done: false,
    };
    let (format, sheet_name, sheet_names) = match rows.recv() {
        Msg::Ready {
            format,
            sheet_name,
            sheet_names,
        } => (format, sheet_name, sheet_names),
        Msg::Error(e) => return Err(e),
        Msg::Row { .. } | Msg::End => return Err(unreadable(path, "no sheet was read")),
    };
    let headers = match rows.recv() {
        Msg::Row { cells, .. } => cells.iter().map(|h| clean_header(h).to_string()).collect(),
        Msg::Error(e) => return Err(e),
        Msg::End | Msg::Ready { .. } => return Err(SheetError::EmptySheet { sheet: sheet_name }),
    };
    let info = SheetInfo {
        format,
        headers,
        sheet_name: Some(sheet_name),
        sheet_names,
    };
    Ok((info, rows))
}

/// Which workbook, and which sheet of it, to read.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    pub path: PathBuf,
    pub kind: Kind,
    pub sheet: Option<String>,
}

/// Reads on the calling thread, a panic of the parser becoming an error.
fn read_on_this_thread(request: &Request, tx: &SyncSender<Msg>) {
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
        calamine_read::read_workbook(
            &request.path,
            request.kind,
            request.sheet.as_deref(),
            &mut |msg| tx.send(msg).is_ok(),
        )
    }));
    let last = match outcome {
        Ok(Ok(())) => Msg::End,
        Ok(Err(e)) => Msg::Error(e),
        Err(_) => Msg::Error(unreadable(&request.path, READER_FAILED)),
    };
    // The receiver may be gone (the caller stopped reading): nothing to do then.
    let _ = tx.send(last);
}
