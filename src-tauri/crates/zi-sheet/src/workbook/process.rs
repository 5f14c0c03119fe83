//! The workbook reader in a child process: the same executable started with
//! [`READER_FLAG`], which reads the workbook and writes what it finds to its standard output,
//! one JSON frame a line. If the child dies (a parser panic under `panic = "abort"`, memory
//! exhausted by a hostile file), the parent sees its output end without a last frame and
//! reports the workbook as unreadable; nothing else is lost.
//!
//! Every binary that reads spreadsheets calls [`serve_workbook_reader_if_asked`] first thing
//! in `main`.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::SyncSender;

use serde::{Deserialize, Serialize};

use super::calamine_read::{read_workbook, XLSB, ZIP_ARCHIVE};
use super::{unreadable, Msg, Request, READER_FAILED};
use crate::detect::Kind;
use crate::SheetError;

/// The first argument that makes an executable the workbook reader.
pub const READER_FLAG: &str = "--zi-sheet-read-workbook";

/// When this process was started as the workbook reader, reads the workbook named by the
/// arguments, writes its frames to standard output and exits; otherwise returns at once.
pub fn serve_workbook_reader_if_asked() {
    let mut args = std::env::args_os().skip(1);
    if args.next().as_deref() != Some(OsStr::new(READER_FLAG)) {
        return;
    }
    let kind = match args.next().as_deref().and_then(OsStr::to_str) {
        Some("zip") => Kind::Zip,
        Some("cfb") => Kind::Cfb,
        _ => std::process::exit(2),
    };
    let Some(path) = args.next().map(PathBuf::from) else {
        std::process::exit(2);
    };
    let sheet = args.next().map(|s| s.to_string_lossy().into_owned());
    serve(&path, kind, sheet.as_deref());
    std::process::exit(0);
}

fn serve(path: &Path, kind: Kind, sheet: Option<&str>) {
    let mut out = BufWriter::new(std::io::stdout().lock());
    // A write fails once the parent has stopped listening: the reading stops there.
    let mut write = |frame: Frame| {
        serde_json::to_writer(&mut out, &frame).is_ok() && out.write_all(b"\n").is_ok()
    };
    let last = match read_workbook(path, kind, sheet, &mut |msg| {
        write(msg.map_error(WireError::from))
    }) {
        Ok(()) => Frame::End,
        Err(e) => Frame::Error(WireError::from(e)),
    };
    if write(last) {
        let _ = out.flush();
    }
}

/// Runs the reader in a child process and forwards its rows to `tx`.
pub(super) fn read_in_child(request: &Request, tx: &SyncSender<Msg>) {
    let last = match run_child(request, tx) {
        Ok(Some(last)) => last,
        // The caller stopped reading: nobody to tell.
        Ok(None) => return,
        Err(e) => Msg::Error(e),
    };
    let _ = tx.send(last);
}

/// The last message (`End` or `Error`), or `None` when the consumer went away first.
fn run_child(request: &Request, tx: &SyncSender<Msg>) -> Result<Option<Msg>, SheetError> {
    let could_not_start = |e: std::io::Error| SheetError::Io {
        path: request.path.clone(),
        source: std::io::Error::new(
            e.kind(),
            format!("the workbook reader could not start ({e})"),
        ),
    };
    let program = std::env::current_exe().map_err(could_not_start)?;
    let mut command = Command::new(program);
    command
        .arg(READER_FLAG)
        .arg(match request.kind {
            Kind::Cfb => "cfb",
            _ => "zip",
        })
        .arg(&request.path)
        .args(request.sheet.as_deref())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        // A parser's panic message means nothing to the person who chose the file.
        .stderr(Stdio::null());
    let mut child = command.spawn().map_err(could_not_start)?;
    let Some(stdout) = child.stdout.take() else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(unreadable(&request.path, READER_FAILED));
    };
    let last = forward(BufReader::new(stdout), &request.path, tx);
    // The child never outlives the reading, and leaves no zombie behind.
    if last.is_none() {
        let _ = child.kill();
    }
    let _ = child.wait();
    Ok(last)
}

/// Forwards rows until the last frame; output that ends early or makes no sense means the
/// reader failed.
fn forward(mut from: impl BufRead, path: &Path, tx: &SyncSender<Msg>) -> Option<Msg> {
    let mut line = String::new();
    loop {
        line.clear();
        let frame = match from.read_line(&mut line) {
            Ok(0) | Err(_) => None,
            Ok(_) => serde_json::from_str::<Frame>(&line).ok(),
        };
        let msg = match frame {
            Some(frame) => frame.map_error(|e| e.into_error(path)),
            None => return Some(Msg::Error(unreadable(path, READER_FAILED))),
        };
        match msg {
            Msg::End | Msg::Error(_) => return Some(msg),
            Msg::Ready { .. } | Msg::Row { .. } => {
                if tx.send(msg).is_err() {
                    return None;
                }
            }
        }
    }
}

/// A [`Msg`] as the child writes it.
type Frame = Msg<WireError>;

/// The errors the reader can meet, as the child writes them (the parent knows the path).
#[derive(Debug, Serialize, Deserialize)]
enum WireError {
    NotFound,
    PermissionDenied,
    Io {
        message: String,
    },
    Unreadable {
        reason: String,
    },
    PasswordProtected,
    Xlsb,
    ZipArchive,
    NoSheets,
    EmptySheet {
        sheet: String,
    },
    SheetNotFound {
        requested: String,
        available: Vec<String>,
    },
    /// Any other error, in its own words.
    Other {
        message: String,
    },
}

impl From<SheetError> for WireError {
    fn from(e: SheetError) -> Self {
        match e {
            SheetError::NotFound { .. } => WireError::NotFound,
            SheetError::PermissionDenied { .. } => WireError::PermissionDenied,
            SheetError::Io { source, .. } => WireError::Io {
                message: source.to_string(),
            },
            SheetError::UnreadableWorkbook { reason, .. } => WireError::Unreadable { reason },
            SheetError::PasswordProtected { .. } => WireError::PasswordProtected,
            SheetError::UnsupportedFormat { what, .. } if what == XLSB => WireError::Xlsb,
            SheetError::Binary {
                what: Some(what), ..
            } if what == ZIP_ARCHIVE => WireError::ZipArchive,
            SheetError::NoSheets { .. } => WireError::NoSheets,
            SheetError::EmptySheet { sheet } => WireError::EmptySheet { sheet },
            SheetError::SheetNotFound {
                requested,
                available,
            } => WireError::SheetNotFound {
                requested,
                available,
            },
            other => WireError::Other {
                message: other.to_string(),
            },
        }
    }
}

impl WireError {
    fn into_error(self, path: &Path) -> SheetError {
        let path = path.to_path_buf();
        match self {
            WireError::NotFound => SheetError::NotFound { path },
            WireError::PermissionDenied => SheetError::PermissionDenied { path },
            WireError::Io { message } => SheetError::Io {
                path,
                source: std::io::Error::other(message),
            },
            WireError::Unreadable { reason } | WireError::Other { message: reason } => {
                SheetError::UnreadableWorkbook { path, reason }
            }
            WireError::PasswordProtected => SheetError::PasswordProtected { path },
            WireError::Xlsb => SheetError::UnsupportedFormat { path, what: XLSB },
            WireError::ZipArchive => SheetError::Binary {
                path,
                what: Some(ZIP_ARCHIVE),
            },
            WireError::NoSheets => SheetError::NoSheets { path },
            WireError::EmptySheet { sheet } => SheetError::EmptySheet { sheet },
            WireError::SheetNotFound {
                requested,
                available,
            } => SheetError::SheetNotFound {
                requested,
                available,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reader_error_crosses_the_pipe_with_its_words() {
        let path = Path::new("/data/leads.xlsx");
        let errors = [
            SheetError::NotFound { path: path.into() },
            SheetError::PermissionDenied { path: path.into() },
            SheetError::io(path, std::io::Error::other("disk on fire")),
            unreadable(path, "bad zip"),
            SheetError::PasswordProtected { path: path.into() },
            SheetError::UnsupportedFormat {
                path: path.into(),
                what: XLSB,
            },
            SheetError::Binary {
                path: path.into(),
                what: Some(ZIP_ARCHIVE),
            },
            SheetError::NoSheets { path: path.into() },
            SheetError::EmptySheet {
                sheet: "Leads".into(),
            },
            SheetError::SheetNotFound {
                requested: "Lead".into(),
                available: vec!["Leads".into(), "Notes".into()],
            },
        ];
        for error in errors {
            let words = error.to_string();
            let frame: Frame = Msg::Error(error).map_error(WireError::from);
            let line = serde_json::to_string(&frame).expect("json");
            let back = serde_json::from_str::<Frame>(&line).expect("frame");
            let Msg::Error(back) = back.map_error(|e| e.into_error(path)) else {
                panic!("{line} is not an error");
            };
            assert_eq!(back.to_string(), words);
        }
    }

    #[test]
    fn output_that_ends_early_or_makes_no_sense_is_a_failed_reader() {
        let path = Path::new("leads.xlsx");
        for output in [
            "",
            "{\"Row\":{\"line\":2,\"cells\":[\"a\"]}}\n",
            "{\"Row\":{\"line\":2,\"cel",
            "not json\n",
        ] {
            let (tx, rx) = std::sync::mpsc::sync_channel(8);
            let last = forward(output.as_bytes(), path, &tx);
            drop(tx);
            let Some(Msg::Error(e)) = last else {
                panic!("{output:?} gave {last:?}");
            };
            assert!(e.to_string().contains(READER_FAILED), "{e}");
            // Rows that arrived before the end are still delivered.
            assert!(rx.iter().count() <= 1);
        }
    }
}
