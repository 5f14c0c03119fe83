//! Streaming CSV reading: transcoding to UTF-8, delimiter sniffing, and refusing an unclosed
//! quote (see [`QuoteTracker`]).

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use encoding_rs::Encoding;
use encoding_rs_io::{DecodeReaderBytes, DecodeReaderBytesBuilder};

use crate::detect::{self, TextEncoding, SAMPLE_LEN};
use crate::quotes::QuoteTracker;
use crate::{clean_header, Row, RowView, SheetError, SheetFormat, SheetInfo};

type Decoded = DecodeReaderBytes<File, Vec<u8>>;

/// Passes bytes through to the CSV reader while a [`QuoteTracker`] watches them.
struct Tracking<R> {
    inner: R,
    tracker: QuoteTracker,
}

impl<R: Read> Read for Tracking<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() {
            self.tracker.eof = true;
        } else {
            self.tracker.feed(buf.get(..n).unwrap_or_default());
        }
        Ok(n)
    }
}

fn decoder(file: File, encoding: &'static Encoding) -> Decoded {
    DecodeReaderBytesBuilder::new()
        .encoding(Some(encoding))
        .bom_override(true)
        .strip_bom(true)
        .build(file)
}

fn rewind(file: &mut File, path: &Path) -> Result<(), SheetError> {
    file.seek(SeekFrom::Start(0))
        .map(|_| ())
        .map_err(|e| SheetError::io(path, e))
}

/// The delimiter (and whether Excel's `sep=` line leads) of a file whose first bytes are
/// `sample`, read in `encoding`.
pub(crate) fn sniff_dialect(
    sample: &[u8],
    encoding: &'static Encoding,
    prefer_tab: bool,
) -> detect::Sniffed {
    let truncated = sample.len() >= SAMPLE_LEN;
    detect::sniff_delimiter(
        &detect::decode_sample(sample, encoding),
        truncated,
        prefer_tab,
    )
}

/// Opens a text file as CSV: finds its encoding and delimiter, checks its quotes, and reads the
/// header row.
pub(crate) fn open_csv(
    path: &Path,
    mut file: File,
    sample: &[u8],
    text_encoding: TextEncoding,
) -> Result<(SheetInfo, CsvRows), SheetError> {
    let truncated = sample.len() >= SAMPLE_LEN;
    let (encoding, bom) = match text_encoding {
        TextEncoding::Bom(e) => (e, true),
        TextEncoding::Utf16NoBom(e) => (e, false),
        TextEncoding::Unknown => {
            let e = if truncated {
                rewind(&mut file, path)?;
                detect::detect_encoding(&mut file).map_err(|e| SheetError::io(path, e))?
            } else {
                detect::detect_encoding(sample).map_err(|e| SheetError::io(path, e))?
            };
            (e, false)
        }
    };

    let extension = crate::extension(path);
    let prefer_tab = matches!(extension.as_str(), "tsv" | "tab");
    let sniffed = sniff_dialect(sample, encoding, prefer_tab);

    // One streaming pass over the decoded text to refuse an unclosed quote before any row is
    // handed out (the pipeline would otherwise spend credits on rows of a file it must refuse).
    rewind(&mut file, path)?;
    let mut scan = QuoteTracker::new(sniffed.delimiter);
    let scan_file = file.try_clone().map_err(|e| SheetError::io(path, e))?;
    let mut decoded = decoder(scan_file, encoding);
    let mut buf = vec![0u8; SAMPLE_LEN];
    loop {
        let n = match decoded.read(&mut buf) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(SheetError::io(path, e)),
        };
        if n == 0 {
            break;
        }
        scan.feed(buf.get(..n).unwrap_or_default());
    }
    if let Some(line) = scan.open_quote_line() {
        return Err(SheetError::UnterminatedQuote { line });
    }
    drop(decoded);
    rewind(&mut file, path)?;

    let mut rows = CsvRows::new(path, decoder(file, encoding), sniffed.delimiter);
    let mut skip_sep_line = sniffed.sep_line;
    let headers = loop {
        match rows.next_record() {
            None => {
                return Err(SheetError::Empty {
                    path: path.to_path_buf(),
                })
            }
            Some(Err(e)) => return Err(e),
            Some(Ok((_, cells))) => {
                if skip_sep_line && cells.first().is_some_and(|c| c.starts_with("sep=")) {
                    skip_sep_line = false;
                    continue;
                }
                break cells;
            }
        }
    };
    let info = SheetInfo {
        format: SheetFormat::Csv {
            encoding: encoding.name().to_string(),
            delimiter: sniffed.delimiter,
            bom,
        },
        headers: headers
            .iter()
            .map(|h| clean_header(h).to_string())
            .collect(),
        sheet_name: None,
        sheet_names: Vec::new(),
    };
    Ok((info, rows))
}

/// Streams the records of a CSV file.
pub(crate) struct CsvRows {
    path: PathBuf,
    reader: csv::Reader<Tracking<Decoded>>,
    record: csv::ByteRecord,
    /// A record with invalid UTF-8 as lent out (see [`CsvRows::next_lent`]).
    text: csv::StringRecord,
    number: u64,
    done: bool,
}

impl std::fmt::Debug for CsvRows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CsvRows")
            .field("path", &self.path)
            .field("number", &self.number)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl CsvRows {
    fn new(path: &Path, decoded: Decoded, delimiter: u8) -> Self {
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .buffer_capacity(SAMPLE_LEN)
            .from_reader(Tracking {
                inner: decoded,
                tracker: QuoteTracker::noting_record_starts(delimiter),
            });
        CsvRows {
            path: path.to_path_buf(),
            reader,
            record: csv::ByteRecord::new(),
            text: csv::StringRecord::new(),
            number: 0,
            done: false,
        }
    }

    /// The line where an unclosed quote opened, if the record just read ran to the end of the
    /// input inside it.
    fn swallowed_by_open_quote(&self) -> Option<u64> {
        let tracker = &self.reader.get_ref().tracker;
        if !tracker.eof {
            return None;
        }
        let line = tracker.open_quote_line()?;
        (self.reader.position().byte() >= tracker.total).then_some(line)
    }

    /// Reads the next non-blank record into `self.record`; gives the line it starts on.
    fn read_next(&mut self) -> Option<Result<u64, SheetError>> {
        if self.done {
            return None;
        }
        loop {
            match self.reader.read_byte_record(&mut self.record) {
                Ok(true) => {
                    if let Some(line) = self.swallowed_by_open_quote() {
                        self.done = true;
                        return Some(Err(SheetError::UnterminatedQuote { line }));
                    }
                    let position = self.record.position();
                    let start = position.map_or(0, csv::Position::byte);
                    let line = self
                        .reader
                        .get_mut()
                        .tracker
                        .record_line(start)
                        .or(position.map(csv::Position::line))
                        .unwrap_or(0);
                    if self
                        .record
                        .iter()
                        .all(|f| f.iter().all(u8::is_ascii_whitespace))
                    {
                        continue;
                    }
                    return Some(Ok(line));
                }
                Ok(false) => {
                    self.done = true;
                    let tracker = &self.reader.get_ref().tracker;
                    return tracker
                        .open_quote_line()
                        .map(|line| Err(SheetError::UnterminatedQuote { line }));
                }
                Err(e) => {
                    self.done = true;
                    let line = e.position().map_or(0, csv::Position::line);
                    let message = e.to_string();
                    return Some(Err(match e.into_kind() {
                        csv::ErrorKind::Io(io) => SheetError::io(&self.path, io),
                        _ => SheetError::MalformedCsv { line, message },
                    }));
                }
            }
        }
    }

    /// The next non-blank record as (line, cells).
    fn next_record(&mut self) -> Option<Result<(u64, Vec<String>), SheetError>> {
        let line = match self.read_next()? {
            Ok(line) => line,
            Err(e) => return Some(Err(e)),
        };
        let cells = self
            .record
            .iter()
            .map(|f| String::from_utf8_lossy(f).into_owned())
            .collect();
        Some(Ok((line, cells)))
    }

    /// The next data row, its cells lent until the next call (no copy of each cell).
    pub(crate) fn next_lent(&mut self) -> Option<Result<RowView<'_>, SheetError>> {
        let line = match self.read_next()? {
            Ok(line) => line,
            Err(e) => return Some(Err(e)),
        };
        self.number += 1;
        // The text is UTF-8 already (transcoded): checked once, the cells are lent as they
        // are. A stray invalid byte reads as U+FFFD, as in the owned rows.
        if let Ok(text) = std::str::from_utf8(self.record.as_slice()) {
            return Some(Ok(RowView::from_utf8_record(
                self.number,
                line,
                &self.record,
                text,
            )));
        }
        self.text = csv::StringRecord::from_byte_record_lossy(self.record.clone());
        Some(Ok(RowView::from_record(self.number, line, &self.text)))
    }
}

impl Iterator for CsvRows {
    type Item = Result<Row, SheetError>;

    fn next(&mut self) -> Option<Self::Item> {
        let (line, cells) = match self.next_record()? {
            Ok(record) => record,
            Err(e) => return Some(Err(e)),
        };
        self.number += 1;
        Some(Ok(Row {
            number: self.number,
            line,
            cells,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The guard in `rows()` (for a file that changed after `open`) catches an unclosed quote
    /// on its own too.
    #[test]
    fn rows_guard_reports_an_unclosed_quote() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("x.csv");
        std::fs::write(&path, "a,b\n1,2\n3,\"open\n4,5\n6,7\n")?;
        let file = File::open(&path)?;
        let mut rows = CsvRows::new(&path, decoder(file, encoding_rs::UTF_8), b',');
        let mut seen = Vec::new();
        for r in rows.by_ref() {
            seen.push(r.map(|r| r.cells).map_err(|e| e.to_string()));
        }
        assert_eq!(seen.len(), 3, "{seen:?}");
        assert_eq!(seen[1], Ok(vec!["1".to_string(), "2".to_string()]));
        let last = seen[2].clone().err().unwrap_or_default();
        assert!(
            last.starts_with("Line 3: a quoted field is never closed"),
            "{last}"
        );
        assert!(rows.next().is_none());
        Ok(())
    }
}
