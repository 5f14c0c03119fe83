//! No input makes open()/rows() panic, and any text survives a CSV round trip.

mod common;

use proptest::prelude::*;
use zi_sheet::{create, open, spreadsheet_safe, ReadOptions};

/// Opens `bytes` saved under `name` and drains at most a few thousand rows. Errors are fine;
/// what must not happen is a panic, here or on the workbook reader thread (which shows up as
/// "the reader stopped unexpectedly").
fn poke(name: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    quiet_reader_panics();
    let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let outcome = match open(&path, &ReadOptions::default()) {
        Ok(reader) => {
            let _ = reader.info().headers.len();
            reader.rows().take(5_000).find_map(Result::err)
        }
        Err(e) => Some(e),
    };
    if let Some(e) = outcome {
        let message = e.to_string();
        prop_assert!(!message.contains("stopped unexpectedly"), "{}", message);
    }
    Ok(())
}

/// calamine panics on some damaged files; zi-sheet turns that into an error. Keep those
/// expected panic messages (from the reader thread) out of the test output.
fn quiet_reader_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some("zi-sheet-reader") {
                default(info);
            }
        }));
    });
}

/// Starts that steer random bytes into each reader.
const PREFIXES: [&[u8]; 8] = [
    b"",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"Name,Email\n\"",
    b"sep=",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(
        prefix in 0usize..PREFIXES.len(),
        body in proptest::collection::vec(any::<u8>(), 0..2048),
        ext in prop::sample::select(vec!["csv", "tsv", "xlsx", "xls", "ods", "txt"]),
    ) {
        let mut bytes = PREFIXES[prefix].to_vec();
        bytes.extend(body);
        poke(&format!("input.{ext}"), &bytes)?;
    }

    /// Valid workbooks with a few bytes changed reach deep into calamine's parsers.
    #[test]
    fn damaged_workbooks_never_panic(
        which in 0usize..4,
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..12),
        cut in proptest::option::of(any::<prop::sample::Index>()),
    ) {
        let (name, ext) = [
            ("contacts.ods", "ods"),
            ("contacts.xls", "xls"),
            ("contacts.xlsx", "xlsx"),
            ("bad/multi_sheet.xlsx", "xlsx"),
        ][which];
        let mut bytes = std::fs::read(common::fixture(name)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for (at, value) in edits {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len()));
        }
        poke(&format!("damaged.{ext}"), &bytes)?;
    }

    #[test]
    fn csv_like_text_never_panics(
        text in "[a-z,;|\t\"\r\n ]{0,400}",
        encoding in 0usize..3,
    ) {
        let bytes = match encoding {
            0 => text.into_bytes(),
            1 => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
            _ => {
                let mut b = vec![0xfe, 0xff];
                b.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
                b
            }
        };
        poke("input.csv", &bytes)?;
    }

    /// Any printable text (with quotes, delimiters and line breaks) comes back from a CSV
    /// round trip exactly as `spreadsheet_safe` made it.
    #[test]
    fn csv_round_trip_of_any_text(
        values in proptest::collection::vec("[\\PC\"',;|\t\r\n =+@-]{0,40}", 1..6),
    ) {
        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let path = dir.path().join("out.csv");
        let mut writer = create(&path).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let header: Vec<String> = (0..=values.len()).map(|i| format!("C{i}")).collect();
        let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
        writer.write_row(&header_refs).map_err(|e| TestCaseError::fail(e.to_string()))?;
        // A marker cell keeps the row from being a blank row.
        let mut row: Vec<&str> = vec!["row"];
        row.extend(values.iter().map(String::as_str));
        writer.write_row(&row).map_err(|e| TestCaseError::fail(e.to_string()))?;
        writer.finish().map_err(|e| TestCaseError::fail(e.to_string()))?;

        let (info, rows) = common::read_all(&path).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(info.headers, header);
        prop_assert_eq!(rows.len(), 1);
        let expected: Vec<String> = row.iter().map(|c| spreadsheet_safe(c).into_owned()).collect();
        prop_assert_eq!(&rows[0].cells, &expected);
    }
}
