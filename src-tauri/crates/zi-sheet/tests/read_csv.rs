//! Reading the CSV fixtures people really have: encodings, delimiters, quoting, ragged rows.

mod common;

use std::io::Write;

use common::*;
use zi_sheet::{open, unique_headers, ReadOptions, SheetError, SheetFormat};

fn csv_format(encoding: &str, delimiter: u8, bom: bool) -> SheetFormat {
    SheetFormat::Csv {
        encoding: encoding.to_string(),
        delimiter,
        bom,
    }
}

#[test]
fn contacts_csv_reads_as_utf8_comma() -> TestResult {
    let (info, rows) = read_all(&fixture("contacts.csv"))?;
    assert_eq!(info.format, csv_format("UTF-8", b',', false));
    assert_eq!(info.headers, strings(&CONTACT_HEADERS));
    assert_eq!(info.sheet_name, None);
    assert!(info.sheet_names.is_empty());
    assert_eq!(cells(&rows), contacts());
    let numbers: Vec<u64> = rows.iter().map(|r| r.number).collect();
    let lines: Vec<u64> = rows.iter().map(|r| r.line).collect();
    assert_eq!(numbers, (1..=8).collect::<Vec<_>>());
    assert_eq!(lines, (2..=9).collect::<Vec<_>>());
    Ok(())
}

/// The same contacts in every encoding, delimiter and line ending: decoded names intact.
#[test]
fn every_variant_of_the_contacts_reads_the_same() -> TestResult {
    let cases = [
        ("bad/utf8_bom.csv", csv_format("UTF-8", b',', true)),
        ("bad/crlf.csv", csv_format("UTF-8", b',', false)),
        ("bad/utf16le.csv", csv_format("UTF-16LE", b'\t', true)),
        ("bad/utf16be.csv", csv_format("UTF-16BE", b',', true)),
        (
            "bad/windows1252.csv",
            csv_format("windows-1252", b',', false),
        ),
        ("bad/tab.tsv", csv_format("UTF-8", b'\t', false)),
        ("bad/tab.csv", csv_format("UTF-8", b'\t', false)),
        ("bad/pipe.csv", csv_format("UTF-8", b'|', false)),
    ];
    for (name, format) in cases {
        let (info, rows) = read_all(&fixture(name)).map_err(|e| format!("{name}: {e}"))?;
        assert_eq!(info.format, format, "{name}");
        assert_eq!(info.headers, strings(&CONTACT_HEADERS), "{name}");
        assert_eq!(cells(&rows), contacts(), "{name}");
        assert_eq!(rows.last().map(|r| r.line), Some(9), "{name}");
    }
    Ok(())
}

#[test]
fn windows_1252_names_are_decoded() -> TestResult {
    let (_, rows) = read_all(&fixture("bad/windows1252.csv"))?;
    let names: Vec<String> = rows
        .iter()
        .map(|r| format!("{} {}", r.cells[0], r.cells[1]))
        .collect();
    assert!(names.contains(&"Zoë Müller".to_string()), "{names:?}");
    assert!(names.contains(&"José Núñez".to_string()), "{names:?}");
    assert!(names.contains(&"Søren Ångström".to_string()), "{names:?}");
    assert_eq!(rows[1].cells[3], "Café Nova GmbH");
    assert_eq!(rows[4].cells[3], "Euro € Traders");
    Ok(())
}

#[test]
fn semicolon_file_with_decimal_commas() -> TestResult {
    let (info, rows) = read_all(&fixture("bad/semicolon.csv"))?;
    assert_eq!(info.format, csv_format("UTF-8", b';', false));
    assert_eq!(
        info.headers,
        strings(&["Vorname", "Nachname", "E-Mail", "Firma", "Umsatz"])
    );
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[0].cells,
        strings(&[
            "Zoë",
            "Müller",
            "zoe.mueller@example.org",
            "Café Nova, Berlin",
            "1,5"
        ])
    );
    assert_eq!(rows[2].cells[3], "Nova; Labs");
    Ok(())
}

#[test]
fn excel_sep_line_sets_the_delimiter_and_is_not_the_header() -> TestResult {
    let (info, rows) = read_all(&fixture("bad/sep_line.csv"))?;
    assert_eq!(info.format, csv_format("UTF-8", b';', false));
    assert_eq!(info.headers, strings(&["Name", "Email"]));
    assert_eq!(cells(&rows), vec![strings(&["Ada, L.", "ada@example.com"])]);
    assert_eq!(rows[0].line, 3);
    Ok(())
}

#[test]
fn quoted_fields_with_newlines_delimiters_and_doubled_quotes() -> TestResult {
    let (info, rows) = read_all(&fixture("bad/quoted.csv"))?;
    assert_eq!(info.headers, strings(&["Name", "Company", "Notes"]));
    assert_eq!(
        cells(&rows),
        vec![
            strings(&[
                "Lovelace, Ada",
                "Analytical \"AE\" Engines",
                "line one\nline two"
            ]),
            strings(&["Grace", "Compiler Works", "crlf\r\ninside"]),
            strings(&["", "\"", "plain"]),
        ]
    );
    let lines: Vec<u64> = rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, vec![2, 4, 6]);
    Ok(())
}

#[test]
fn salesforce_export_all_quoted_crlf() -> TestResult {
    let (info, rows) = read_all(&fixture("salesforce_contacts.csv"))?;
    assert_eq!(info.headers[0], "Contact ID");
    assert_eq!(info.headers.len(), 9);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].cells[3], "VP, Engineering");
    assert_eq!(rows[1].cells[3], "Head of \"Growth\"");
    assert_eq!(rows[2].cells[3], "Director\nCompilers");
    assert_eq!(rows[2].cells[6], "");
    assert_eq!(
        rows.iter().map(|r| r.line).collect::<Vec<_>>(),
        vec![2, 3, 4]
    );
    Ok(())
}

#[test]
fn hubspot_and_company_exports() -> TestResult {
    let (info, rows) = read_all(&fixture("hubspot_contacts.csv"))?;
    assert_eq!(info.headers[4], "Phone Number");
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1].cells[5], "Acme, Inc.");
    // Reading never alters a cell: the "-" comes back as it is.
    assert_eq!(rows[2].cells[4], "-");

    let (info, rows) = read_all(&fixture("companies.csv"))?;
    assert_eq!(
        info.headers,
        strings(&[
            "Company Name",
            "Website",
            "City",
            "State",
            "Country",
            "Employees"
        ])
    );
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[4].cells[5], "");
    Ok(())
}

#[test]
fn ragged_rows_are_neither_padded_nor_cut() -> TestResult {
    let (info, rows) = read_all(&fixture("bad/ragged.csv"))?;
    assert_eq!(info.headers.len(), 4);
    let widths: Vec<usize> = rows.iter().map(|r| r.cells.len()).collect();
    assert_eq!(widths, vec![4, 2, 6, 1]);
    assert_eq!(rows[2].cells[5], "more");
    assert_eq!(rows[3].cells, strings(&["Li"]));
    Ok(())
}

#[test]
fn duplicate_and_empty_headers_become_unique() -> TestResult {
    let (info, rows) = read_all(&fixture("bad/duplicate_headers.csv"))?;
    assert_eq!(
        info.headers,
        strings(&["Email", "Name", "Email", "", "Phone", "email"])
    );
    assert_eq!(
        unique_headers(&info.headers),
        strings(&[
            "Email",
            "Name",
            "Email (2)",
            "Column 4",
            "Phone",
            "email (3)"
        ])
    );
    assert_eq!(rows.len(), 1);
    Ok(())
}

#[test]
fn blank_and_whitespace_lines_are_not_rows() -> TestResult {
    let (info, rows) = read_all(&fixture("bad/blank_lines.csv"))?;
    assert_eq!(info.headers, strings(&["First Name", "Email"]));
    assert_eq!(
        cells(&rows),
        vec![
            strings(&["Ada", "ada@example.com"]),
            strings(&["Grace", "grace@example.com"])
        ]
    );
    assert_eq!(
        rows.iter().map(|r| (r.number, r.line)).collect::<Vec<_>>(),
        vec![(1, 5), (2, 8)]
    );
    Ok(())
}

#[test]
fn header_only_opens_and_yields_no_rows() -> TestResult {
    let reader = open(&fixture("bad/header_only.csv"), &ReadOptions::default())?;
    assert_eq!(
        reader.info().headers,
        strings(&["First Name", "Last Name", "Email", "Company"])
    );
    assert_eq!(reader.rows().count(), 0);
    Ok(())
}

#[test]
fn a_file_without_usable_columns_still_reads() -> TestResult {
    // Deciding that "Notes,Score" has nothing to match on is the pipeline's job.
    let (info, rows) = read_all(&fixture("bad/no_usable_column.csv"))?;
    assert_eq!(info.headers, strings(&["Notes", "Score"]));
    assert_eq!(
        cells(&rows),
        vec![
            strings(&["Called twice; no answer", "42"]),
            strings(&["Met at expo, follow up", "7"])
        ]
    );
    Ok(())
}

#[test]
fn a_5_mb_field_is_read_whole() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("big_field.csv");
    let chunk = "Lorem ipsum, \"dolor\" sit amet;\nconsectetur | adipiscing\t";
    let big: String = chunk.repeat(5 * 1024 * 1024 / chunk.len() + 1);
    let mut file = std::fs::File::create(&path)?;
    write!(
        file,
        "Name,Notes,Email\nAda,\"{}\",ada@example.com\nGrace,short,grace@example.com\n",
        big.replace('"', "\"\"")
    )?;
    drop(file);

    let (info, rows) = read_all(&path)?;
    assert_eq!(info.format, csv_format("UTF-8", b',', false));
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].cells.len(), 3);
    assert_eq!(rows[0].cells[1].len(), big.len());
    assert!(rows[0].cells[1] == big);
    assert_eq!(
        rows[1].cells,
        strings(&["Grace", "short", "grace@example.com"])
    );
    assert_eq!(rows[1].line, 3 + big.matches('\n').count() as u64);
    Ok(())
}

#[test]
fn two_hundred_thousand_rows_stream() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("many.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
    writeln!(out, "First Name,Last Name,Email,Company")?;
    for i in 0..200_000u32 {
        writeln!(
            out,
            "First{i},Last{i},person{i}@example.com,Company {}",
            i % 977
        )?;
    }
    out.flush()?;
    drop(out);

    let reader = open(&path, &ReadOptions::default())?;
    let mut count = 0u64;
    let mut last = None;
    for row in reader.rows() {
        let row = row?;
        count += 1;
        last = Some(row);
    }
    assert_eq!(count, 200_000);
    let last = last.ok_or("no rows")?;
    assert_eq!((last.number, last.line), (200_000, 200_001));
    assert_eq!(last.cells[2], "person199999@example.com");
    Ok(())
}

/// A legacy file whose only non-ASCII byte comes after the first 64 KiB is still decoded
/// right: the encoding check reads the whole file.
#[test]
fn late_windows_1252_bytes_are_found() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("late.csv");
    let mut bytes = b"Name,Email\r\n".to_vec();
    for i in 0..5_000 {
        bytes.extend(format!("Person {i},p{i}@example.com\r\n").into_bytes());
    }
    bytes.extend(b"Zo\xeb M\xfcller,zoe@example.org\r\n");
    std::fs::write(&path, &bytes)?;
    let (info, rows) = read_all(&path)?;
    assert_eq!(info.format, csv_format("windows-1252", b',', false));
    assert_eq!(rows.last().map(|r| r.cells[0].as_str()), Some("Zoë Müller"));
    Ok(())
}

// ---- refusals ---------------------------------------------------------------------------

fn refusal(name: &str) -> String {
    match read_all(&fixture(name)) {
        Ok(_) => format!("{name} was read, but it should have been refused"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn empty_file_is_refused() {
    let message = refusal("bad/empty.csv");
    assert!(message.starts_with("The file is empty"), "{message}");
    assert!(message.contains("empty.csv"), "{message}");
    assert!(matches!(
        read_all(&fixture("bad/empty.csv")),
        Err(SheetError::Empty { .. })
    ));
}

#[test]
fn binary_data_is_refused() {
    let message = refusal("bad/binary.csv");
    assert!(
        message.starts_with("This does not look like a spreadsheet (binary data"),
        "{message}"
    );
    assert!(message.contains("binary.csv"), "{message}");

    let message = refusal("bad/picture.csv");
    assert!(
        message.starts_with(
            "This does not look like a spreadsheet (binary data, it looks like a PNG image)"
        ),
        "{message}"
    );
}

#[test]
fn unterminated_quote_is_refused_with_its_line() {
    let message = refusal("bad/unterminated_quote.csv");
    assert!(
        message.starts_with("Line 4: a quoted field is never closed"),
        "{message}"
    );
    assert!(matches!(
        read_all(&fixture("bad/unterminated_quote.csv")),
        Err(SheetError::UnterminatedQuote { line: 4 })
    ));
}

/// An unclosed quote far down a big file is caught by open(), before any row is handed out.
#[test]
fn unterminated_quote_deep_in_a_big_file() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("late_quote.csv");
    let mut text = String::from("Name,Company\n");
    for i in 0..10_000 {
        text.push_str(&format!("P{i},\"Co, {i}\"\n"));
    }
    text.push_str("Broken,\"Open quote\nMore,rows\n");
    std::fs::write(&path, text)?;
    match open(&path, &ReadOptions::default()) {
        Err(SheetError::UnterminatedQuote { line }) => assert_eq!(line, 10_002),
        other => return Err(format!("expected an unterminated quote, got {other:?}").into()),
    }
    Ok(())
}

#[test]
fn web_page_named_xls_is_refused() {
    let message = refusal("bad/webpage.xls");
    assert!(message.contains("is a web page"), "{message}");
    assert!(message.contains("webpage.xls"), "{message}");
}

#[test]
fn missing_file_names_the_path() {
    let path = fixture("bad/does_not_exist.csv");
    match open(&path, &ReadOptions::default()) {
        Err(e @ SheetError::NotFound { .. }) => {
            let message = e.to_string();
            assert!(message.starts_with("File not found: "), "{message}");
            assert!(message.contains(&path.display().to_string()), "{message}");
        }
        other => panic!("expected NotFound, got {other:?}"),
    }
}

#[test]
fn a_folder_is_refused() {
    let dir = fixture("bad");
    assert!(matches!(
        open(&dir, &ReadOptions::default()),
        Err(SheetError::NotAFile { .. })
    ));
}

#[cfg(unix)]
#[test]
fn unreadable_file_names_the_path() -> TestResult {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("locked.csv");
    std::fs::write(&path, "a,b\n1,2\n")?;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000))?;
    if std::fs::File::open(&path).is_ok() {
        // Running as root: permissions are not enforced, nothing to test here.
        return Ok(());
    }
    match open(&path, &ReadOptions::default()) {
        Err(e @ SheetError::PermissionDenied { .. }) => {
            let message = e.to_string();
            assert!(message.starts_with("Permission denied: "), "{message}");
            assert!(message.contains(&path.display().to_string()), "{message}");
        }
        other => return Err(format!("expected PermissionDenied, got {other:?}").into()),
    }
    Ok(())
}
