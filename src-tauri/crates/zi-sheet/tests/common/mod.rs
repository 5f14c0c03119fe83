#![allow(dead_code)]

use std::path::{Path, PathBuf};

use zi_sheet::{open, ReadOptions, Row, SheetError, SheetInfo};

pub type TestResult = Result<(), Box<dyn std::error::Error>>;

/// A file of the shared fixture corpus (`tests/fixtures/` at the workspace root).
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures")
        .join(name)
}

/// Opens and reads every row; the first error ends it.
pub fn read_all_with(
    path: &Path,
    options: &ReadOptions,
) -> Result<(SheetInfo, Vec<Row>), SheetError> {
    let reader = open(path, options)?;
    let info = reader.info().clone();
    let rows = reader.rows().collect::<Result<Vec<_>, _>>()?;
    Ok((info, rows))
}

pub fn read_all(path: &Path) -> Result<(SheetInfo, Vec<Row>), SheetError> {
    read_all_with(path, &ReadOptions::default())
}

pub fn cells(rows: &[Row]) -> Vec<Vec<String>> {
    rows.iter().map(|r| r.cells.clone()).collect()
}

pub fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

mod fixture_rows;
#[allow(unused_imports)] // each test file uses its own share of these
pub use fixture_rows::CONTACT_HEADERS;

pub fn contacts() -> Vec<Vec<String>> {
    fixture_rows::CONTACTS.iter().map(|r| strings(r)).collect()
}
