//! Reading XLSX, XLS and ODS through calamine: sheets, merged cells, formulas, numbers, dates.

mod common;

use common::*;
use zi_sheet::{open, ReadOptions, SheetError, SheetFormat};

fn sheet(name: &str) -> ReadOptions {
    ReadOptions {
        sheet: Some(name.to_string()),
    }
}

#[test]
fn contacts_xlsx_reads_like_the_csv() -> TestResult {
    let (info, rows) = read_all(&fixture("contacts.xlsx"))?;
    assert_eq!(info.format, SheetFormat::Xlsx);
    assert_eq!(info.headers, strings(&CONTACT_HEADERS));
    assert_eq!(info.sheet_name.as_deref(), Some("Contacts"));
    assert_eq!(info.sheet_names, strings(&["Contacts"]));
    // Workbook rows end at their last non-empty cell (Amara has no phone).
    let mut expected = contacts();
    if let Some(last) = expected.last_mut() {
        last.pop();
    }
    assert_eq!(cells(&rows), expected);
    assert_eq!(
        rows.iter().map(|r| r.line).collect::<Vec<_>>(),
        (2..=9).collect::<Vec<_>>()
    );
    Ok(())
}

#[test]
fn multi_sheet_reads_the_first_sheet_by_default() -> TestResult {
    let (info, rows) = read_all(&fixture("bad/multi_sheet.xlsx"))?;
    assert_eq!(info.format, SheetFormat::Xlsx);
    assert_eq!(info.sheet_name.as_deref(), Some("Contacts"));
    assert_eq!(
        info.sheet_names,
        strings(&["Contacts", "Companies", "Empty", "Hidden Notes"])
    );
    assert_eq!(
        info.headers,
        strings(&[
            "First Name",
            "Last Name",
            "Full Name",
            "Company",
            "Phone",
            "Account ID",
            "Created",
            "Last Call",
            "Score",
            "Double Score"
        ])
    );
    assert_eq!(rows.len(), 4);
    // Formulas give their cached value, never the formula text; numbers read as Excel shows
    // them (no ".0", 15-digit ids exact); dates as ISO-like text.
    assert_eq!(
        rows[0].cells,
        strings(&[
            "Ada",
            "Lovelace",
            "Ada Lovelace",
            "Analytical Engines",
            "4155550100",
            "123456789012345",
            "2024-03-05",
            "2024-04-01 14:30:00",
            "87.5",
            "175",
        ])
    );
    assert_eq!(rows[1].cells[2], "Zoë Müller");
    assert_eq!(rows[1].cells[5], "100000000000001");
    assert_eq!(rows[2].cells[5], "999999999999999");
    assert_eq!(rows[2].cells[9], "24.5");
    // Merged cell: the value sits in the top-left cell, the others are empty.
    assert_eq!(rows[1].cells[3], "Café Nova GmbH");
    assert_eq!(rows[2].cells[3], "");
    assert_eq!(rows[2].cells[0], "Grace");
    // Text that looks like a formula is read as it is (output neutralizes it).
    assert_eq!(
        rows[3].cells,
        strings(&["=HYPERLINK(\"http://evil.example\")", "Injection"])
    );
    assert_eq!(
        rows.iter().map(|r| (r.number, r.line)).collect::<Vec<_>>(),
        vec![(1, 2), (2, 3), (3, 4), (4, 5)]
    );
    Ok(())
}

#[test]
fn another_sheet_by_name() -> TestResult {
    for name in ["Companies", " companies "] {
        let (info, rows) = read_all_with(&fixture("bad/multi_sheet.xlsx"), &sheet(name))?;
        assert_eq!(info.sheet_name.as_deref(), Some("Companies"));
        assert_eq!(
            info.headers,
            strings(&["Company Name", "Website", "Employees"])
        );
        assert_eq!(
            cells(&rows),
            vec![
                strings(&[
                    "Analytical Engines",
                    "analytical-engines.example.com",
                    "120"
                ]),
                strings(&["Café Nova GmbH", "cafe-nova.example.org", "45"]),
            ]
        );
    }
    let (info, rows) = read_all_with(&fixture("bad/multi_sheet.xlsx"), &sheet("Hidden Notes"))?;
    assert_eq!(info.headers, strings(&["Note"]));
    assert_eq!(rows.len(), 1);
    Ok(())
}

#[test]
fn unknown_sheet_lists_the_sheets() {
    match open(&fixture("bad/multi_sheet.xlsx"), &sheet("Leads")) {
        Err(e @ SheetError::SheetNotFound { .. }) => assert_eq!(
            e.to_string(),
            "There is no sheet named “Leads”. The sheets in this workbook are: “Contacts”, “Companies”, “Empty”, “Hidden Notes”."
        ),
        other => panic!("expected SheetNotFound, got {other:?}"),
    }
}

#[test]
fn empty_sheet_is_refused() {
    match open(&fixture("bad/multi_sheet.xlsx"), &sheet("Empty")) {
        Err(e @ SheetError::EmptySheet { .. }) => {
            assert!(
                e.to_string().starts_with("The sheet “Empty” is empty."),
                "{e}"
            );
        }
        other => panic!("expected EmptySheet, got {other:?}"),
    }
}

#[test]
fn ods_reads_through_calamine() -> TestResult {
    let (info, rows) = read_all(&fixture("contacts.ods"))?;
    assert_eq!(info.format, SheetFormat::Ods);
    assert_eq!(info.sheet_names, strings(&["Contacts", "Companies"]));
    assert_eq!(
        info.headers,
        strings(&[
            "First Name",
            "Last Name",
            "Company",
            "Phone",
            "Created",
            "Score x2"
        ])
    );
    assert_eq!(
        cells(&rows),
        vec![
            strings(&[
                "Ada",
                "Lovelace",
                "Analytical Engines",
                "4155550100",
                "2024-03-05",
                "42"
            ]),
            strings(&["Zoë", "Müller", "", "4930555012"]),
        ]
    );
    let (_, rows) = read_all_with(&fixture("contacts.ods"), &sheet("Companies"))?;
    assert_eq!(cells(&rows), vec![strings(&["Acme, Inc."])]);
    Ok(())
}

#[test]
fn xls_reads_through_calamine() -> TestResult {
    let (info, rows) = read_all(&fixture("contacts.xls"))?;
    assert_eq!(info.format, SheetFormat::Xls);
    assert_eq!(info.sheet_names, strings(&["Contacts", "Companies"]));
    assert_eq!(
        info.headers,
        strings(&[
            "First Name",
            "Last Name",
            "Company",
            "Phone",
            "Created",
            "Score x2"
        ])
    );
    assert_eq!(
        cells(&rows),
        vec![
            strings(&[
                "Ada",
                "Lovelace",
                "Analytical Engines",
                "4155550100",
                "2024-03-05",
                "42"
            ]),
            strings(&["Zoë", "Müller", "", "4930555012", "2024-03-06", "25"]),
        ]
    );
    Ok(())
}

#[test]
fn corrupt_xlsx_is_refused_with_its_name() {
    match read_all(&fixture("bad/corrupt.xlsx")) {
        Err(e @ SheetError::UnreadableWorkbook { .. }) => {
            let message = e.to_string();
            assert!(
                message.starts_with("“corrupt.xlsx” could not be read: the workbook looks damaged"),
                "{message}"
            );
        }
        other => panic!("expected UnreadableWorkbook, got {other:?}"),
    }
}

/// calamine would reserve memory for 4 billion rows here and abort the process; the XLS
/// guard refuses the file with an ordinary error instead.
#[test]
fn xls_claiming_an_impossible_size_is_refused() {
    match read_all(&fixture("bad/damaged.xls")) {
        Err(e @ SheetError::UnreadableWorkbook { .. }) => {
            let message = e.to_string();
            assert!(
                message.starts_with("“damaged.xls” could not be read: the workbook looks damaged"),
                "{message}"
            );
            assert!(message.contains("impossible size"), "{message}");
        }
        other => panic!("expected UnreadableWorkbook, got {other:?}"),
    }
}

#[test]
fn a_zip_that_is_not_a_workbook_is_refused() {
    match read_all(&fixture("bad/not_a_workbook.xlsx")) {
        Err(e @ SheetError::Binary { .. }) => {
            let message = e.to_string();
            assert!(message.starts_with("This does not look like a spreadsheet (binary data, it looks like a ZIP archive"), "{message}");
            assert!(message.contains("not_a_workbook.xlsx"), "{message}");
        }
        other => panic!("expected Binary, got {other:?}"),
    }
}

/// Dropping the rows of a workbook early stops its reader thread (nothing hangs).
#[test]
fn dropping_workbook_rows_early_is_fine() -> TestResult {
    let reader = open(&fixture("bad/multi_sheet.xlsx"), &ReadOptions::default())?;
    let mut rows = reader.rows();
    assert!(rows.next().is_some());
    drop(rows);
    let reader = open(&fixture("contacts.xlsx"), &ReadOptions::default())?;
    drop(reader);
    Ok(())
}

/// A big sheet streams (here 20,000 rows written in constant-memory mode and read back).
#[test]
fn a_big_xlsx_streams() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("big.xlsx");
    let mut writer = zi_sheet::create(&path)?;
    writer.write_row(&["Id", "Email"])?;
    for i in 0..20_000 {
        let id = i.to_string();
        let email = format!("p{i}@example.com");
        writer.write_row(&[&id, &email])?;
    }
    writer.finish()?;
    let reader = open(&path, &ReadOptions::default())?;
    let mut count = 0u64;
    for row in reader.rows() {
        let row = row?;
        count += 1;
        assert_eq!(row.line, count + 1);
    }
    assert_eq!(count, 20_000);
    Ok(())
}
