//! The workbook reader in a child process (as release builds run it, where panics abort) reads
//! every workbook exactly as the in-process reader does, stops when the caller stops, and a
//! reader that dies becomes a plain "could not be read" error.
//!
//! Without libtest's harness: this executable is also the child it starts, so `main` first
//! serves the reader when asked, as the app's and the CLI's `main` do.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::fixture;
use zi_sheet::{open, ReadOptions, Row, SheetInfo, READER_ENV, READER_FLAG};

/// Set by this test for the child it starts: the reader dies before writing anything.
const DIE_ENV: &str = "ZI_SHEET_TEST_READER_DIES";

fn main() {
    if std::env::args().nth(1).as_deref() == Some(READER_FLAG)
        && std::env::var_os(DIE_ENV).is_some()
    {
        std::process::abort();
    }
    zi_sheet::serve_workbook_reader_if_asked();

    let tests: [(&str, fn()); 4] = [
        (
            "every workbook reads the same in a child process",
            every_workbook_reads_the_same,
        ),
        ("a big sheet streams through the pipe", a_big_sheet_streams),
        (
            "stopping early ends the child",
            stopping_early_ends_the_child,
        ),
        (
            "a reader that dies is a plain error",
            a_reader_that_dies_is_a_plain_error,
        ),
    ];
    for (name, test) in tests {
        test();
        println!("test {name} ... ok");
    }
}

/// Each way of reading is chosen by the environment (one test at a time: no threads here).
fn with_reader<T>(isolation: &str, read: impl FnOnce() -> T) -> T {
    std::env::set_var(READER_ENV, isolation);
    let result = read();
    std::env::remove_var(READER_ENV);
    result
}

/// What a caller sees of a file: its info and rows, or the error's words.
fn outcome(path: &Path, sheet: Option<&str>) -> Result<(SheetInfo, Vec<Row>), String> {
    let options = ReadOptions {
        sheet: sheet.map(str::to_string),
    };
    let reader = open(path, &options).map_err(|e| e.to_string())?;
    let info = reader.info().clone();
    let rows = reader
        .rows()
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    Ok((info, rows))
}

fn every_workbook_reads_the_same() {
    let cases: [(&str, Option<&str>); 12] = [
        ("contacts.xlsx", None),
        ("contacts.xls", None),
        ("contacts.ods", None),
        ("bad/multi_sheet.xlsx", None),
        ("bad/multi_sheet.xlsx", Some("companies ")),
        ("bad/multi_sheet.xlsx", Some("Empty")),
        ("bad/multi_sheet.xlsx", Some("Nope")),
        ("bad/corrupt.xlsx", None),
        ("bad/damaged.xls", None),
        ("bad/not_a_workbook.xlsx", None),
        ("missing.xlsx", None),
        ("contacts.xlsx", Some("Contacts")),
    ];
    let mut refusals = 0;
    for (name, sheet) in cases {
        let path = fixture(name);
        let in_thread = with_reader("thread", || outcome(&path, sheet));
        let in_child = with_reader("process", || outcome(&path, sheet));
        assert_eq!(in_child, in_thread, "{name} {sheet:?}");
        refusals += usize::from(in_child.is_err());
    }
    // Both the reading and the refusing went through the child.
    assert_eq!(refusals, 6, "refusals among the cases");
}

fn a_big_sheet_streams() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("big.xlsx");
    let mut writer = zi_sheet::create(&path).expect("create");
    writer.write_row(&["Id", "Email"]).expect("header");
    for i in 0..50_000 {
        let (id, email) = (i.to_string(), format!("p{i}@example.com"));
        writer.write_row(&[&id, &email]).expect("row");
    }
    writer.finish().expect("finish");
    let (_, rows) = with_reader("process", || outcome(&path, None)).expect("read");
    assert_eq!(rows.len(), 50_000);
    assert_eq!(
        rows.last().map(|r| r.cells.clone()),
        Some(vec!["49999".to_string(), "p49999@example.com".to_string()])
    );
}

fn stopping_early_ends_the_child() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("many.xlsx");
    let mut writer = zi_sheet::create(&path).expect("create");
    writer.write_row(&["Email"]).expect("header");
    for i in 0..200_000 {
        writer
            .write_row(&[&format!("p{i}@example.com")])
            .expect("row");
    }
    writer.finish().expect("finish");
    let started = Instant::now();
    with_reader("process", || {
        let reader = open(&path, &ReadOptions::default()).expect("open");
        let mut rows = reader.rows();
        assert!(rows.next().is_some_and(|r| r.is_ok()));
    });
    // The child is killed once its rows are dropped; none is left running.
    let deadline = Instant::now() + Duration::from_secs(10);
    while children_reading_workbooks() > 0 {
        assert!(Instant::now() < deadline, "a reader outlived its caller");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(started.elapsed() < Duration::from_secs(30));
}

fn a_reader_that_dies_is_a_plain_error() {
    std::env::set_var(DIE_ENV, "1");
    let refused = with_reader("process", || outcome(&fixture("contacts.xlsx"), None));
    std::env::remove_var(DIE_ENV);
    let message = refused.expect_err("a dead reader reads nothing");
    assert!(
        message.contains("“contacts.xlsx” could not be read")
            && message.contains("the reader failed on it"),
        "{message}"
    );
}

/// Child processes of this one that are serving the workbook reader (Linux: from /proc).
fn children_reading_workbooks() -> usize {
    let me = std::process::id().to_string();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return 0;
    };
    entries
        .flatten()
        .filter(|entry| {
            let status = std::fs::read_to_string(entry.path().join("status")).unwrap_or_default();
            let parent = status
                .lines()
                .find_map(|l| l.strip_prefix("PPid:"))
                .map(str::trim);
            let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
            parent == Some(me.as_str())
                && cmdline
                    .windows(READER_FLAG.len())
                    .any(|w| w == READER_FLAG.as_bytes())
                && !status.contains("State:\tZ")
        })
        .count()
}
