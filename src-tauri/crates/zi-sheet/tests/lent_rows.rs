//! Lent rows read exactly what owned rows read.

mod common;

use common::*;
use zi_sheet::{open, ReadOptions, Row};

fn lent(path: &std::path::Path) -> Result<Vec<Row>, zi_sheet::SheetError> {
    let mut rows = open(path, &ReadOptions::default())?.rows();
    let mut out = Vec::new();
    while let Some(row) = rows.next_lent() {
        out.push(row?.to_row());
    }
    Ok(out)
}

#[test]
fn lent_rows_equal_owned_rows() -> TestResult {
    for name in [
        "salesforce_contacts.csv",
        "hubspot_contacts.csv",
        "contacts.xlsx",
        "bad/semicolon.csv",
        "bad/utf16le.csv",
        "bad/windows1252.csv",
        "bad/ragged.csv",
        "bad/quoted.csv",
        "bad/crlf.csv",
        "bad/blank_lines.csv",
        "bad/sep_line.csv",
        "bad/tab.tsv",
        "contacts.ods",
        "contacts.xls",
    ] {
        let (_, owned) = read_all(&fixture(name))?;
        assert_eq!(lent(&fixture(name))?, owned, "{name}");
    }
    Ok(())
}

#[test]
fn lent_rows_report_an_unclosed_quote_too() {
    let path = fixture("bad/unterminated_quote.csv");
    assert!(matches!(
        lent(&path),
        Err(zi_sheet::SheetError::UnterminatedQuote { line: 4 })
    ));
}
