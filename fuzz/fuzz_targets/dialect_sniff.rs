//! The first bytes of a file through the sniffers: kind of file, text encoding, delimiter,
//! and the quote check that refuses an unclosed quoted field.
//!
//! Asserts: nothing panics; the delimiter is one of `,` `;` tab `|` unless an Excel `sep=`
//! line names another (then a single ASCII byte that is no quote or line break); the encoding
//! of a text without BOM is ASCII-compatible; and the quote check gives the same answer however
//! the text is cut into buffers.

#![no_main]

use libfuzzer_sys::fuzz_target;
use zi_console_fuzz::control_byte;
use zi_sheet::fuzzing::{open_quote_line, sniff, Sniffed, DELIMITERS};

fuzz_target!(|input: &[u8]| {
    let (control, bytes) = control_byte(input);
    let prefer_tab = control & 1 == 1;
    let sniffed = sniff(bytes, prefer_tab);
    assert_eq!(
        sniffed,
        sniff(bytes, prefer_tab),
        "sniffing is deterministic"
    );

    let delimiter = match sniffed {
        Sniffed::Csv {
            delimiter,
            sep_line,
            encoding,
        } => {
            if sep_line {
                assert!(
                    delimiter.is_ascii() && !matches!(delimiter, b'"' | b'\r' | b'\n'),
                    "sep= delimiter {delimiter:#x}"
                );
            } else {
                assert!(DELIMITERS.contains(&delimiter), "delimiter {delimiter:#x}");
            }
            let labelled = encoding.starts_with("UTF-16") || bytes.starts_with(b"\xef\xbb\xbf");
            if !labelled {
                let e = encoding_is_ascii_compatible(encoding);
                assert!(e, "encoding {encoding}");
            }
            delimiter
        }
        _ => DELIMITERS[usize::from(control >> 1) % DELIMITERS.len()],
    };

    let whole = open_quote_line(&[bytes], delimiter);
    let cut = usize::from(control).wrapping_mul(257) % (bytes.len() + 1);
    let (a, b) = bytes.split_at(cut);
    assert_eq!(whole, open_quote_line(&[a, b], delimiter), "cut at {cut}");
    let one_by_one: Vec<&[u8]> = bytes.chunks(1).collect();
    assert_eq!(
        whole,
        open_quote_line(&one_by_one, delimiter),
        "byte by byte"
    );
});

/// Every encoding but UTF-16 (and the ISO-2022-JP the detector is told to leave out) keeps
/// ASCII bytes as ASCII.
fn encoding_is_ascii_compatible(name: &str) -> bool {
    !matches!(
        name,
        "UTF-16LE" | "UTF-16BE" | "ISO-2022-JP" | "replacement"
    )
}
