//! Writing: CSV and XLSX round trips, injection neutralized, atomic replace.

mod common;

use std::io::Read;
use std::path::Path;

use common::*;
use zi_sheet::{create, spreadsheet_safe, SheetError, SheetFormat};

fn sample_rows() -> Vec<Vec<String>> {
    [
        vec![
            "First Name",
            "Last Name",
            "Email",
            "Company",
            "Notes",
            "Phone",
        ],
        vec![
            "Ada",
            "Lovelace",
            "ada@example.com",
            "Acme, Inc.",
            "said \"hi\"",
            "+1 415 555 0100",
        ],
        vec![
            "Zoë",
            "Müller",
            "zoe@example.org",
            "Café Nova",
            "line one\nline two",
            "+14155550100",
        ],
        vec![
            "=1+1",
            "+SUM(A1:A2)",
            "@evil",
            "-2+3",
            "=HYPERLINK(\"http://x\",\"y\")",
            "-42",
        ],
        vec![
            "\tTab",
            "\rCR",
            "x",
            "crlf\r\ninside",
            "=cmd|' /C calc'!A0",
            "-1.5e3",
        ],
        vec![
            "François",
            "",
            "f@example.com",
            "Euro € Traders",
            "",
            "(415) 555-0101",
        ],
    ]
    .into_iter()
    .map(|r| strings(&r))
    .collect()
}

fn write_rows(path: &Path, rows: &[Vec<String>]) -> Result<(), SheetError> {
    let mut writer = create(path)?;
    for row in rows {
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        writer.write_row(&cells)?;
    }
    writer.finish()
}

fn neutralized(rows: &[Vec<String>]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|c| spreadsheet_safe(c).into_owned()).collect())
        .collect()
}

#[test]
fn csv_round_trip() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("out.csv");
    let rows = sample_rows();
    write_rows(&path, &rows)?;

    let (info, read) = read_all(&path)?;
    assert_eq!(
        info.format,
        SheetFormat::Csv {
            encoding: "UTF-8".to_string(),
            delimiter: b',',
            bom: true
        }
    );
    let expected = neutralized(&rows);
    assert_eq!(info.headers, expected[0]);
    assert_eq!(cells(&read), expected[1..].to_vec());
    // Spot checks of the neutralization itself.
    assert_eq!(read[2].cells[0], "'=1+1");
    assert_eq!(read[2].cells[2], "'@evil");
    assert_eq!(read[2].cells[5], "-42");
    assert_eq!(read[1].cells[5], "+14155550100");
    assert_eq!(read[3].cells[0], "'\tTab");
    Ok(())
}

#[test]
fn csv_output_has_bom_commas_and_crlf() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("out.csv");
    write_rows(
        &path,
        &[
            strings(&["Name", "Company"]),
            strings(&["Ada", "Acme, Inc."]),
            strings(&["Li", "=1"]),
        ],
    )?;
    let bytes = std::fs::read(&path)?;
    assert!(bytes.starts_with(b"\xef\xbb\xbf"), "no BOM");
    assert_eq!(
        &bytes[3..],
        b"Name,Company\r\nAda,\"Acme, Inc.\"\r\nLi,'=1\r\n"
    );
    Ok(())
}

#[test]
fn xlsx_round_trip() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("out.xlsx");
    let rows = sample_rows();
    write_rows(&path, &rows)?;

    let (info, read) = read_all(&path)?;
    assert_eq!(info.format, SheetFormat::Xlsx);
    let mut expected = neutralized(&rows);
    // Workbook rows end at their last non-empty cell.
    for row in &mut expected {
        while row.last().is_some_and(|c| c.is_empty()) {
            row.pop();
        }
    }
    assert_eq!(info.headers, expected[0]);
    assert_eq!(cells(&read), expected[1..].to_vec());
    Ok(())
}

/// XLSX cells are strings: no formula element anywhere, and formula-looking text neutralized.
#[test]
fn xlsx_never_contains_formulas() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("out.xlsx");
    write_rows(&path, &sample_rows())?;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path)?)?;
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")?
        .read_to_string(&mut xml)?;
    assert!(!xml.contains("<f>") && !xml.contains("<f "), "{xml}");
    assert!(xml.contains("&apos;=1+1") || xml.contains("'=1+1"), "{xml}");
    Ok(())
}

#[test]
fn dropping_a_writer_leaves_no_file() -> TestResult {
    let dir = tempfile::tempdir()?;
    for name in ["new.csv", "new.xlsx"] {
        let path = dir.path().join(name);
        let mut writer = create(&path)?;
        writer.write_row(&["Name"])?;
        writer.write_row(&["Ada"])?;
        drop(writer);
        assert!(!path.exists(), "{name} exists");
    }
    assert_eq!(
        std::fs::read_dir(dir.path())?.count(),
        0,
        "temporary files left behind"
    );
    Ok(())
}

#[test]
fn dropping_a_writer_keeps_the_existing_target() -> TestResult {
    let dir = tempfile::tempdir()?;
    for name in ["existing.csv", "existing.xlsx"] {
        let path = dir.path().join(name);
        std::fs::write(&path, "the user's original file")?;
        let mut writer = create(&path)?;
        writer.write_row(&["Name"])?;
        drop(writer);
        assert_eq!(std::fs::read_to_string(&path)?, "the user's original file");
    }
    assert_eq!(std::fs::read_dir(dir.path())?.count(), 2);
    Ok(())
}

#[test]
fn finish_replaces_the_target() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("out.csv");
    std::fs::write(&path, "old")?;
    write_rows(&path, &[strings(&["Name"]), strings(&["Ada"])])?;
    let (_, rows) = read_all(&path)?;
    assert_eq!(cells(&rows), vec![strings(&["Ada"])]);
    assert_eq!(std::fs::read_dir(dir.path())?.count(), 1);
    Ok(())
}

#[test]
fn output_extension_must_be_csv_or_xlsx() -> TestResult {
    let dir = tempfile::tempdir()?;
    for name in ["out.xls", "out.txt", "out", "out.ods"] {
        match create(&dir.path().join(name)) {
            Err(e @ SheetError::UnsupportedOutput { .. }) => {
                assert!(
                    e.to_string()
                        .ends_with("the file name must end in .csv or .xlsx."),
                    "{e}"
                )
            }
            other => {
                return Err(format!("{name}: expected UnsupportedOutput, got {other:?}").into())
            }
        }
    }
    // Upper case is fine.
    create(&dir.path().join("OUT.CSV"))?;
    Ok(())
}

#[test]
fn missing_output_folder_is_reported() {
    let path = Path::new("/definitely/not/a/folder/out.csv");
    assert!(matches!(
        create(path),
        Err(SheetError::FolderNotFound { .. })
    ));
}

#[test]
fn xlsx_refuses_a_cell_excel_cannot_hold() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("out.xlsx");
    let mut writer = create(&path)?;
    writer.write_row(&["Name", "Notes"])?;
    let long = "x".repeat(40_000);
    match writer.write_row(&["Ada", &long]) {
        Err(e @ SheetError::CellTooLongForXlsx { row: 2, column: 2 }) => {
            assert!(e.to_string().contains("Choose .csv"), "{e}")
        }
        other => return Err(format!("expected CellTooLongForXlsx, got {other:?}").into()),
    }
    Ok(())
}

/// The row limit: 1,048,576 rows including the header, then a clear error.
#[test]
fn xlsx_row_limit() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("big.xlsx");
    let mut writer = create(&path)?;
    writer.write_row(&["Id"])?;
    for _ in 1..zi_sheet::XLSX_MAX_ROWS {
        writer.write_row(&["1"])?;
    }
    match writer.write_row(&["one too many"]) {
        Err(e @ SheetError::TooManyRowsForXlsx { .. }) => {
            let message = e.to_string();
            assert!(message.contains("1,048,576 rows"), "{message}");
            assert!(message.contains("Choose .csv"), "{message}");
        }
        other => return Err(format!("expected TooManyRowsForXlsx, got {other:?}").into()),
    }
    drop(writer);
    assert!(!path.exists());
    Ok(())
}
