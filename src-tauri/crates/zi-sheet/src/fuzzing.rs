//! The sniffers [`crate::open`] runs, on bytes in memory, for the fuzz targets in `fuzz/`.
//! Not part of the crate's API.

use encoding_rs::UTF_8;

use crate::csv_read;
use crate::detect::{self, Kind, TextEncoding, SAMPLE_LEN};
use crate::quotes::QuoteTracker;

/// What [`sniff`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sniffed {
    Empty,
    /// A ZIP or OLE container, handed to the workbook reader.
    Workbook,
    Binary,
    Markup,
    Csv {
        encoding: &'static str,
        delimiter: u8,
        /// Excel's `sep=X` first line names the delimiter.
        sep_line: bool,
    },
}

/// The delimiters the sniffer picks from when no `sep=` line names one.
pub const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// How [`crate::open`] classifies a file whose whole content is `bytes`, and for text its
/// encoding and delimiter (`prefer_tab` as for a `.tsv` name).
pub fn sniff(bytes: &[u8], prefer_tab: bool) -> Sniffed {
    let sample = bytes.get(..SAMPLE_LEN).unwrap_or(bytes);
    if sample.is_empty() {
        return Sniffed::Empty;
    }
    let text_encoding = match detect::classify(sample) {
        Kind::Zip | Kind::Cfb => return Sniffed::Workbook,
        Kind::Binary(_) => return Sniffed::Binary,
        Kind::Markup => return Sniffed::Markup,
        Kind::Text(e) => e,
    };
    let encoding = match text_encoding {
        TextEncoding::Bom(e) | TextEncoding::Utf16NoBom(e) => e,
        // Reading a slice cannot fail.
        TextEncoding::Unknown => detect::detect_encoding(bytes).unwrap_or(UTF_8),
    };
    let dialect = csv_read::sniff_dialect(sample, encoding, prefer_tab);
    Sniffed::Csv {
        encoding: encoding.name(),
        delimiter: dialect.delimiter,
        sep_line: dialect.sep_line,
    }
}

/// The line where a quoted field is left open at the end of `chunks` (fed one after the
/// other, as the reader feeds its buffers), if one is.
pub fn open_quote_line(chunks: &[&[u8]], delimiter: u8) -> Option<u64> {
    let mut tracker = QuoteTracker::new(delimiter);
    for chunk in chunks {
        tracker.feed(chunk);
    }
    tracker.open_quote_line()
}
