//! A file of any bytes, opened and read to the end as the enrich pipeline reads it.
//!
//! Asserts: `open` and the row iterator never panic (a workbook parser's panic must come back
//! as an error); rows are numbered 1, 2, 3, … on non-decreasing lines starting at 1; no row is
//! blank; the iterator ends after an error; and for plain UTF-8 text every record of the file
//! comes back, with its cells, exactly once (checked against the `csv` crate directly).

#![no_main]

use libfuzzer_sys::fuzz_target;
use zi_console_fuzz::{let_the_workbook_reader_catch_its_panics, scratch_file};
use zi_sheet::fuzzing::{sniff, Sniffed};
use zi_sheet::{ReadOptions, Row, SheetFormat};

fuzz_target!(
    init: let_the_workbook_reader_catch_its_panics(),
    |data: &[u8]| {
        let path = scratch_file(extension_for(data), data);
        let Ok(reader) = zi_sheet::open(&path, &ReadOptions::default()) else {
            return;
        };
        let info = reader.info().clone();
        let mut rows = reader.rows();
        let mut read: Vec<Row> = Vec::new();
        let mut failed = false;
        for row in rows.by_ref() {
            let Ok(row) = row else {
                failed = true;
                break;
            };
            assert_eq!(row.number, read.len() as u64 + 1, "rows are numbered in order");
            let previous_line = read.last().map_or(1, |r| r.line);
            assert!(row.line >= previous_line, "row {} goes back to line {}", row.number, row.line);
            assert!(
                row.cells.iter().any(|c| !is_blank(c)),
                "row {} is blank: {:?}",
                row.number,
                row.cells
            );
            assert!(row.number as usize <= data.len(), "more rows than bytes");
            read.push(row);
        }
        assert!(rows.next().is_none(), "the rows go on after the end or an error");

        if let SheetFormat::Csv { encoding, delimiter, bom } = &info.format {
            if !failed && !bom && encoding == "UTF-8" && std::str::from_utf8(data).is_ok() {
                every_record_comes_back(data, *delimiter, &info.headers, &read);
            }
        }
    }
);

/// ZIP and OLE containers go to the workbook reader under a workbook name; anything else is
/// a `.csv`.
fn extension_for(data: &[u8]) -> &'static str {
    if data.starts_with(b"PK") {
        "xlsx"
    } else if data.starts_with(b"\xd0\xcf\x11\xe0") {
        "xls"
    } else {
        "csv"
    }
}

fn is_blank(cell: &str) -> bool {
    cell.bytes().all(|b| b.is_ascii_whitespace())
}

/// The header and rows read equal the file's non-blank records as the `csv` crate reads them
/// with the sniffed delimiter (less Excel's `sep=` line).
fn every_record_comes_back(data: &[u8], delimiter: u8, headers: &[String], rows: &[Row]) {
    let mut records: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(data)
        .records()
        .map_while(Result::ok)
        .map(|r| r.iter().map(str::to_string).collect::<Vec<_>>())
        .filter(|cells| cells.iter().any(|c| !is_blank(c)))
        .collect();
    let sep_line = matches!(sniff(data, false), Sniffed::Csv { sep_line: true, .. });
    if sep_line
        && records
            .first()
            .and_then(|r| r.first())
            .is_some_and(|c| c.starts_with("sep="))
    {
        records.remove(0);
    }
    let Some((header, data_records)) = records.split_first() else {
        panic!("a header was read from a file without records");
    };
    let trimmed: Vec<String> = header
        .iter()
        .map(|h| {
            h.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
                .to_string()
        })
        .collect();
    assert_eq!(headers, trimmed.as_slice(), "header row");
    assert_eq!(rows.len(), data_records.len(), "every record is read once");
    for (row, record) in rows.iter().zip(data_records) {
        assert_eq!(&row.cells, record, "cells of row {}", row.number);
    }
}
