//! Rows copied out of the reader in bulk, so one thread can read the file while another
//! works out the keys: a batch is a few buffers reused over and over, not a string per cell.

use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

use zi_sheet::Rows;

use super::keys::RowCells;
use super::normalize::is_blank;
use crate::error::Result;

/// Rows per batch: large enough that handing a batch over costs nothing per row.
const ROWS_PER_BATCH: usize = 4_096;
/// Batches under way between the threads (bounds the memory to a few MB).
const BATCHES_IN_FLIGHT: usize = 4;

/// The cells of many rows, back to back in one string.
#[derive(Default)]
pub(super) struct RowBatch {
    text: String,
    /// Where each cell ends in `text`.
    cell_ends: Vec<usize>,
    /// Where each row's cells end in `cell_ends`.
    row_ends: Vec<usize>,
}

impl RowBatch {
    fn clear(&mut self) {
        self.text.clear();
        self.cell_ends.clear();
        self.row_ends.clear();
    }

    fn push<'a>(&mut self, cells: impl Iterator<Item = &'a str>) {
        for cell in cells {
            self.text.push_str(cell);
            self.cell_ends.push(self.text.len());
        }
        self.row_ends.push(self.cell_ends.len());
    }

    pub(super) fn len(&self) -> usize {
        self.row_ends.len()
    }

    /// The rows in order.
    pub(super) fn rows(&self) -> impl Iterator<Item = BatchRow<'_>> {
        (0..self.row_ends.len()).map(move |i| {
            let first = if i == 0 { 0 } else { self.row_ends[i - 1] };
            BatchRow {
                batch: self,
                first,
                len: self.row_ends[i] - first,
            }
        })
    }
}

/// One row of a batch.
pub(super) struct BatchRow<'a> {
    batch: &'a RowBatch,
    first: usize,
    len: usize,
}

impl BatchRow<'_> {
    fn cell_text(&self, column: usize) -> Option<&str> {
        if column >= self.len {
            return None;
        }
        let at = self.first + column;
        let start = if at == 0 {
            0
        } else {
            *self.batch.cell_ends.get(at - 1)?
        };
        self.batch.text.get(start..*self.batch.cell_ends.get(at)?)
    }
}

impl RowCells for BatchRow<'_> {
    fn cell(&self, column: usize) -> Option<&str> {
        self.cell_text(column)
    }

    fn all_blank(&self) -> bool {
        (0..self.len).all(|c| self.cell_text(c).is_none_or(|t| is_blank(t.trim())))
    }
}

/// Reads `rows` on a thread of its own and hands them over in batches to `each` (on the
/// calling thread), which gives each batch back to be filled again. A reading error ends it.
pub(super) fn read_in_batches(rows: Rows, mut each: impl FnMut(&RowBatch)) -> Result<()> {
    let (full_tx, full_rx) = sync_channel::<RowBatch>(BATCHES_IN_FLIGHT);
    let (empty_tx, empty_rx) = sync_channel::<RowBatch>(BATCHES_IN_FLIGHT + 1);
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || fill(rows, &full_tx, &empty_rx));
        for batch in full_rx.iter() {
            each(&batch);
            // The reader may have stopped already; then the batch is simply dropped.
            let _ = empty_tx.try_send(batch);
        }
        drop(empty_tx);
        reader.join().unwrap_or_else(|_| {
            Err(crate::error::CoreError::Invalid(
                "Reading the file stopped.".into(),
            ))
        })
    })
}

/// The reading side: fills batches until the rows end or fail.
fn fill(mut rows: Rows, full: &SyncSender<RowBatch>, empty: &Receiver<RowBatch>) -> Result<()> {
    loop {
        let mut batch = empty.try_recv().unwrap_or_default();
        batch.clear();
        while batch.len() < ROWS_PER_BATCH {
            match rows.next_lent() {
                Some(row) => batch.push(row?.cells()),
                None => break,
            }
        }
        let last = batch.len() < ROWS_PER_BATCH;
        if batch.len() > 0 && full.send(batch).is_err() {
            return Ok(());
        }
        if last {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_rows_read_back_their_cells() {
        let mut batch = RowBatch::default();
        batch.push(["Jane", "", "jane@acme.com"].into_iter());
        batch.push(std::iter::empty());
        batch.push([" N/A ", "-"].into_iter());
        let rows: Vec<BatchRow> = batch.rows().collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].cell(0), Some("Jane"));
        assert_eq!(rows[0].cell(1), Some(""));
        assert_eq!(rows[0].cell(2), Some("jane@acme.com"));
        assert_eq!(rows[0].cell(3), None, "past the end of the row");
        assert!(!rows[0].all_blank());
        assert_eq!(rows[1].cell(0), None);
        assert!(rows[1].all_blank());
        assert_eq!(rows[2].cell(0), Some(" N/A "));
        assert!(rows[2].all_blank());
    }
}
