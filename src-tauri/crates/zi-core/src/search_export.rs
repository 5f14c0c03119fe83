//! Writing a search's results to a file: .csv or .json through `export::write_records`, .xlsx
//! through zi-sheet's writer (spreadsheet-safe, atomic). The search runs again rather than
//! trusting records the UI holds (what a search costs shows on screen with its results).

use std::path::Path;

use serde_json::Value;

use crate::console::Console;
use crate::error::Result;
use crate::export::{tabulate, write_records};
use crate::search::SearchRequest;

impl Console {
    /// Runs `request` again and writes its records to `path` (format from the extension:
    /// .csv, .json or .xlsx); returns how many records were written.
    pub async fn export_search(&self, request: &SearchRequest, path: &Path) -> Result<usize> {
        let is_xlsx = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
        if !is_xlsx {
            // Refuses an unknown extension before spending a request on the search.
            crate::export::ExportFormat::from_path(path)?;
        }
        let outcome = self.search_with_progress(request, |_, _| {}).await?;
        if !is_xlsx {
            return write_records(path, &outcome.records);
        }
        let (columns, rows) = tabulate(&outcome.records);
        let mut writer = zi_sheet::create(path)?;
        writer.write_row(&columns.iter().map(String::as_str).collect::<Vec<_>>())?;
        for row in &rows {
            let cells: Vec<&str> = columns
                .iter()
                .map(|c| row.get(c).and_then(Value::as_str).unwrap_or(""))
                .collect();
            writer.write_row(&cells)?;
        }
        writer.finish()?;
        Ok(outcome.records.len())
    }
}

#[cfg(test)]
mod tests {
    use zi_client::RecordKind;

    use crate::error::CoreError;
    use crate::search::SearchRequest;
    use crate::test_support::demo_console;

    fn companies(max: u32) -> SearchRequest {
        SearchRequest {
            kind: RecordKind::Company,
            criteria: vec![],
            max: Some(max),
        }
    }

    #[tokio::test]
    async fn xlsx_and_csv_hold_a_header_and_one_row_per_record() {
        let dir = tempfile::tempdir().expect("dir");
        let console = demo_console(&dir.path().join("data")).await;

        let xlsx = dir.path().join("companies.xlsx");
        let written = console
            .export_search(&companies(12), &xlsx)
            .await
            .expect("xlsx");
        assert_eq!(written, 12);
        let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).expect("open");
        let sheet = calamine::Reader::worksheet_range_at(&mut book, 0)
            .expect("sheet")
            .expect("range");
        let rows: Vec<Vec<String>> = sheet
            .rows()
            .map(|row| row.iter().map(ToString::to_string).collect())
            .collect();
        assert_eq!(rows.len(), 13, "a header and one row per record");
        assert!(rows[0].iter().any(|c| c == "id"), "{:?}", rows[0]);
        assert!(rows[1].iter().any(|c| !c.is_empty()), "{:?}", rows[1]);

        let csv = dir.path().join("companies.CSV");
        let written = console
            .export_search(&companies(5), &csv)
            .await
            .expect("csv");
        assert_eq!(written, 5);
        let text = std::fs::read_to_string(&csv).expect("read");
        assert_eq!(text.lines().count(), 6);
    }

    #[tokio::test]
    async fn an_unknown_extension_is_refused_and_nothing_is_written() {
        let dir = tempfile::tempdir().expect("dir");
        let console = demo_console(&dir.path().join("data")).await;
        let path = dir.path().join("companies.txt");
        let refused = console.export_search(&companies(5), &path).await;
        assert!(matches!(refused, Err(CoreError::Invalid(_))), "{refused:?}");
        assert!(!path.exists());
    }
}
