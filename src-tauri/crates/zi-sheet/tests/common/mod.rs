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

pub const CONTACT_HEADERS: [&str; 6] = [
    "First Name",
    "Last Name",
    "Email",
    "Company",
    "Website",
    "Phone",
];

/// The rows of `contacts.csv` and its re-encoded / re-delimited variants.
pub fn contacts() -> Vec<Vec<String>> {
    [
        [
            "Ada",
            "Lovelace",
            "ada.lovelace@example.com",
            "Analytical Engines",
            "analytical-engines.example.com",
            "+1 415 555 0100",
        ],
        [
            "Zoë",
            "Müller",
            "zoe.mueller@example.org",
            "Café Nova GmbH",
            "cafe-nova.example.org",
            "+49 30 5550 1234",
        ],
        [
            "José",
            "Núñez",
            "jose.nunez@example.net",
            "Acme, Inc.",
            "acme.example.net",
            "(415) 555-0101",
        ],
        [
            "Grace",
            "Hopper",
            "grace.hopper@example.com",
            "Compiler Works",
            "compiler-works.example.com",
            "415.555.0102",
        ],
        [
            "François",
            "Dupont",
            "francois.dupont@example.com",
            "Euro € Traders",
            "euro-traders.example.com",
            "+33 1 5550 0103",
        ],
        [
            "Søren",
            "Ångström",
            "soren@nordic.example.com",
            "Nordic Data AS",
            "nordic.example.com",
            "+47 5550 0104",
        ],
        [
            "Li",
            "Wei",
            "li.wei@example.com",
            "Globex \"Asia\" Ltd",
            "globex.example.com",
            "+86 10 5550 0105",
        ],
        [
            "Amara",
            "Okafor",
            "amara.okafor@example.com",
            "Initech",
            "initech.example.com",
            "",
        ],
    ]
    .iter()
    .map(|r| strings(r))
    .collect()
}
