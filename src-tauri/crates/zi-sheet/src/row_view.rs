//! A data row lent without copying its cells: what a pass over a million rows reads when it
//! only looks at each row once.

/// One data row as [`crate::Rows::next_lent`] lends it: valid until the next call.
#[derive(Debug, Clone, Copy)]
pub struct RowView<'a> {
    /// As [`crate::Row::number`].
    pub number: u64,
    /// As [`crate::Row::line`].
    pub line: u64,
    cells: Cells<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Cells<'a> {
    /// A record and its bytes, checked to be UTF-8 as a whole.
    Utf8(&'a csv::ByteRecord, &'a str),
    Record(&'a csv::StringRecord),
    Owned(&'a [String]),
}

impl<'a> RowView<'a> {
    pub(crate) fn from_record(number: u64, line: u64, record: &'a csv::StringRecord) -> Self {
        RowView {
            number,
            line,
            cells: Cells::Record(record),
        }
    }

    /// `text` is `record.as_slice()` as UTF-8.
    pub(crate) fn from_utf8_record(
        number: u64,
        line: u64,
        record: &'a csv::ByteRecord,
        text: &'a str,
    ) -> Self {
        RowView {
            number,
            line,
            cells: Cells::Utf8(record, text),
        }
    }

    pub(crate) fn from_cells(number: u64, line: u64, cells: &'a [String]) -> Self {
        RowView {
            number,
            line,
            cells: Cells::Owned(cells),
        }
    }

    /// The cell in `column` (0-based); `None` past the end of a ragged row.
    pub fn cell(&self, column: usize) -> Option<&'a str> {
        match self.cells {
            Cells::Utf8(record, text) => {
                // The cell is a slice of the record's bytes: the same range of the checked
                // text (cells end at delimiters, so on character boundaries).
                let cell = record.get(column)?;
                if cell.is_empty() {
                    return Some("");
                }
                let start = (cell.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
                text.get(start..start + cell.len())
            }
            Cells::Record(record) => record.get(column),
            Cells::Owned(cells) => cells.get(column).map(String::as_str),
        }
    }

    /// How many cells the row has (ragged rows are neither padded nor cut).
    pub fn len(&self) -> usize {
        match self.cells {
            Cells::Utf8(record, _) => record.len(),
            Cells::Record(record) => record.len(),
            Cells::Owned(cells) => cells.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The cells in order.
    pub fn cells(&self) -> impl Iterator<Item = &'a str> + 'a {
        let this = *self;
        (0..this.len()).filter_map(move |i| this.cell(i))
    }

    /// The cells as owned text.
    pub fn to_row(&self) -> crate::Row {
        crate::Row {
            number: self.number,
            line: self.line,
            cells: self.cells().map(str::to_string).collect(),
        }
    }
}
