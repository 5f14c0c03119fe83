//! Sniffing: what kind of file this is, which text encoding it uses and which delimiter.
//!
//! The encoding comes from chardetng. The delimiter is ours: qsv-sniffer 0.12, the maintained
//! fork of csv-sniffer, failed on 11 of the 18 single-byte CSV fixtures zi reads (plain comma
//! files with accents, semicolons, CRLF and a BOM among them), and knows no `sep=` line.

use std::io::{self, Read};

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// How many bytes of the file the sniffers look at.
pub(crate) const SAMPLE_LEN: usize = 64 * 1024;

/// What the first bytes say the file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A ZIP container: XLSX, ODS, XLSB, or some other archive.
    Zip,
    /// An OLE compound file: XLS, or a password-protected XLSX.
    Cfb,
    /// A known binary format that is never a spreadsheet.
    Binary(Option<&'static str>),
    /// HTML or XML (e.g. a web page or an Excel 2003 XML file saved with an .xls name).
    Markup,
    /// Text, to be read as CSV.
    Text(TextEncoding),
}

/// The text encoding of a CSV file as far as the sample tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextEncoding {
    /// A byte order mark names the encoding.
    Bom(&'static Encoding),
    /// UTF-16 without a byte order mark (recognised by its zero bytes).
    Utf16NoBom(&'static Encoding),
    /// An ASCII-compatible encoding to be found by looking at the whole file.
    Unknown,
}

const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"\x1f\x8b", "a compressed (gzip) file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"SQLite format 3\0", "a database file"),
    (b"\x7fELF", "a program"),
];

/// Classifies the first bytes of a non-empty file.
pub(crate) fn classify(sample: &[u8]) -> Kind {
    if sample.starts_with(b"PK\x03\x04")
        || sample.starts_with(b"PK\x05\x06")
        || sample.starts_with(b"PK\x07\x08")
    {
        return Kind::Zip;
    }
    if sample.starts_with(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") {
        return Kind::Cfb;
    }
    for (magic, what) in MAGIC {
        if sample.starts_with(magic) {
            return Kind::Binary(Some(what));
        }
    }
    if let Some((encoding, _)) = Encoding::for_bom(sample) {
        let kind = Kind::Text(TextEncoding::Bom(encoding));
        return if looks_like_markup(&decode_sample(sample, encoding)) {
            Kind::Markup
        } else {
            kind
        };
    }
    if let Some(encoding) = utf16_without_bom(sample) {
        return Kind::Text(TextEncoding::Utf16NoBom(encoding));
    }
    if looks_binary(sample) {
        return Kind::Binary(None);
    }
    if looks_like_markup(&String::from_utf8_lossy(&sample[..sample.len().min(512)])) {
        return Kind::Markup;
    }
    Kind::Text(TextEncoding::Unknown)
}

/// NUL bytes, or more than 1% control characters that text files do not contain.
fn looks_binary(sample: &[u8]) -> bool {
    if sample.contains(&0) {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&b| matches!(b, 0x01..=0x08 | 0x0e..=0x19 | 0x1c..=0x1f))
        .count();
    controls * 100 > sample.len()
}

/// UTF-16 text without a BOM has a zero byte in (nearly) every other position.
fn utf16_without_bom(sample: &[u8]) -> Option<&'static Encoding> {
    let head = &sample[..sample.len().min(4096) & !1];
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zero_even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let zero_odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let mostly = |n: usize| n * 10 >= pairs * 4; // at least 40% of the characters are ASCII
    let rarely = |n: usize| n * 20 <= pairs; // at most 5%
    if mostly(zero_odd) && rarely(zero_even) {
        Some(UTF_16LE)
    } else if mostly(zero_even) && rarely(zero_odd) {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn looks_like_markup(text: &str) -> bool {
    let head: String = text
        .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .chars()
        .take(16)
        .flat_map(char::to_lowercase)
        .collect();
    [
        "<!doctype",
        "<html",
        "<table",
        "<?xml",
        "<head",
        "<body",
        "<meta",
    ]
    .iter()
    .any(|p| head.starts_with(p))
}

/// Decodes a sample (which may end in the middle of a character) for sniffing.
pub(crate) fn decode_sample(sample: &[u8], encoding: &'static Encoding) -> String {
    let (text, _) = encoding.decode_with_bom_removal(sample);
    text.into_owned()
}

/// Finds the encoding of a BOM-less, ASCII-compatible file by reading all of it once (in
/// chunks, so memory stays flat): UTF-8 if it is valid UTF-8 (or mostly: a file pasted together
/// from UTF-8 and Windows-1252 parts reads better as UTF-8 with a few replacement characters),
/// otherwise what chardetng guesses (Windows-1252 for Western European text).
pub(crate) fn detect_encoding(mut reader: impl Read) -> io::Result<&'static Encoding> {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    let mut buf = vec![0u8; SAMPLE_LEN];
    let mut carry: Vec<u8> = Vec::new();
    let mut multibyte: u64 = 0;
    let mut invalid: u64 = 0;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            break;
        }
        let chunk = &buf[..n];
        if !chunk.is_ascii() {
            detector.feed(chunk, false);
        }
        carry.extend_from_slice(chunk);
        let (m, i, rest) = count_utf8(&carry);
        multibyte += m;
        invalid += i;
        carry.drain(..carry.len() - rest);
    }
    // A truncated sequence at the very end is invalid too.
    if !carry.is_empty() {
        invalid += 1;
    }
    if invalid == 0 || multibyte > invalid {
        return Ok(UTF_8);
    }
    detector.feed(&[], true);
    let guess = detector.guess(None, Utf8Detection::Deny);
    // Only ASCII-compatible guesses fit what was sniffed; anything else reads as Windows-1252.
    if guess.is_ascii_compatible() {
        Ok(guess)
    } else {
        Ok(encoding_rs::WINDOWS_1252)
    }
}

/// Counts valid multi-byte UTF-8 characters and invalid sequences in `bytes`; returns also how
/// many bytes at the end are an incomplete sequence (to be completed by the next chunk).
fn count_utf8(mut bytes: &[u8]) -> (u64, u64, usize) {
    let mut multibyte = 0u64;
    let mut invalid = 0u64;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                multibyte += count_multibyte(s.as_bytes());
                return (multibyte, invalid, 0);
            }
            Err(e) => {
                let (valid, rest) = bytes.split_at(e.valid_up_to());
                multibyte += count_multibyte(valid);
                match e.error_len() {
                    Some(len) => {
                        invalid += 1;
                        bytes = rest.get(len..).unwrap_or_default();
                    }
                    None => return (multibyte, invalid, rest.len()),
                }
            }
        }
    }
}

fn count_multibyte(valid_utf8: &[u8]) -> u64 {
    valid_utf8.iter().filter(|&&b| b >= 0xc0).count() as u64
}

/// Candidate delimiters, in order of preference when they tie.
const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];
/// How many records the delimiter sniffer looks at.
const SNIFF_RECORDS: usize = 50;

/// The outcome of delimiter sniffing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sniffed {
    pub delimiter: u8,
    /// The file starts with Excel's `sep=X` line, which is not the header.
    pub sep_line: bool,
}

/// Picks the delimiter from the decoded start of the file. `truncated` says whether the text
/// is only the beginning of the file (then its last record may be cut off and is ignored).
///
/// For each candidate the text is split into records the way the CSV reader will (quotes only
/// open at the start of a field, doubled quotes escape), and the candidate's field count in the
/// header row is compared with the count in each row: the candidate whose header count is
/// non-zero and matches the most rows wins; ties go to the larger count, then to the order
/// `,` `;` tab `|`. When no candidate occurs in the header, the file has a single column and the
/// first candidate that does not occur at all is used (so a value like "Acme, Inc" stays whole).
pub(crate) fn sniff_delimiter(text: &str, truncated: bool, prefer_tab: bool) -> Sniffed {
    let text = text.trim_start_matches('\u{feff}');
    if let Some(d) = sep_directive(text) {
        return Sniffed {
            delimiter: d,
            sep_line: true,
        };
    }
    let order: Vec<u8> = if prefer_tab {
        let mut o = vec![b'\t'];
        o.extend(CANDIDATES.iter().copied().filter(|&c| c != b'\t'));
        o
    } else {
        CANDIDATES.to_vec()
    };
    let mut best: Option<(u8, f64, usize)> = None;
    let mut absent: Option<u8> = None;
    for &d in &order {
        let counts = record_delimiter_counts(text.as_bytes(), d, truncated);
        let Some(&header) = counts.first() else {
            continue;
        };
        if counts.iter().all(|&c| c == 0) && absent.is_none() {
            absent = Some(d);
        }
        if header == 0 {
            continue;
        }
        let matching = counts.iter().filter(|&&c| c == header).count();
        let consistency = matching as f64 / counts.len() as f64;
        let better = match best {
            None => true,
            Some((_, bc, bh)) => consistency > bc || (consistency == bc && header > bh),
        };
        if better {
            best = Some((d, consistency, header));
        }
    }
    let delimiter =
        best.map(|(d, _, _)| d)
            .or(absent)
            .unwrap_or(if prefer_tab { b'\t' } else { b',' });
    Sniffed {
        delimiter,
        sep_line: false,
    }
}

/// Excel's `sep=;` first line.
fn sep_directive(text: &str) -> Option<u8> {
    let first = text.lines().next()?.trim_end_matches('\r');
    let rest = first
        .strip_prefix("sep=")
        .or_else(|| first.strip_prefix("SEP="))?;
    match rest.as_bytes() {
        [d] if d.is_ascii() && !matches!(d, b'"' | b'\r' | b'\n') => Some(*d),
        _ => None,
    }
}

/// Delimiters outside quotes per non-blank record, for the first records of `text`.
fn record_delimiter_counts(text: &[u8], delimiter: u8, truncated: bool) -> Vec<usize> {
    #[derive(PartialEq)]
    enum S {
        StartField,
        InField,
        InQuoted,
        QuoteInQuoted,
    }
    let mut counts = Vec::new();
    let mut state = S::StartField;
    let mut count = 0usize;
    let mut blank = true;
    let mut finished_all = true;
    for &b in text {
        let end_of_record = match state {
            S::InQuoted => {
                if b == b'"' {
                    state = S::QuoteInQuoted;
                }
                false
            }
            S::QuoteInQuoted if b == b'"' => {
                state = S::InQuoted;
                false
            }
            S::StartField if b == b'"' => {
                state = S::InQuoted;
                blank = false;
                false
            }
            _ => {
                if b == delimiter {
                    count += 1;
                    blank = false;
                    state = S::StartField;
                    false
                } else if b == b'\n' || b == b'\r' {
                    state = S::StartField;
                    true
                } else {
                    if !b.is_ascii_whitespace() {
                        blank = false;
                    }
                    state = S::InField;
                    false
                }
            }
        };
        if end_of_record {
            if !blank {
                counts.push(count);
                if counts.len() >= SNIFF_RECORDS {
                    finished_all = false;
                    break;
                }
            }
            count = 0;
            blank = true;
        }
    }
    if finished_all && !blank && !(truncated || state == S::InQuoted) {
        counts.push(count);
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sniff(text: &str) -> u8 {
        sniff_delimiter(text, false, false).delimiter
    }

    #[test]
    fn sniffs_common_delimiters() {
        assert_eq!(sniff("a,b,c\n1,2,3\n"), b',');
        assert_eq!(sniff("a;b;c\n1;2;3\n"), b';');
        assert_eq!(sniff("a\tb\tc\n1\t2\t3\n"), b'\t');
        assert_eq!(sniff("a|b|c\n1|2|3\n"), b'|');
    }

    #[test]
    fn european_semicolons_with_decimal_commas() {
        let text = "Name;Umsatz;Ort\nMüller, Hans;1,5;Köln\nSchmidt, Eva;2,75;Berlin\n";
        assert_eq!(sniff(text), b';');
    }

    #[test]
    fn delimiters_inside_quotes_do_not_count() {
        let text = "\"Name\"\t\"Notes\"\n\"Ann\"\t\"a, b, c; d\"\n\"Bo\"\t\"x,\ny\"\n";
        assert_eq!(sniff(text), b'\t');
    }

    #[test]
    fn a_stray_quote_inside_a_field_does_not_derail() {
        let text = "Name,Height,City\nAnn,5'11\",Oslo\nBo,6'1\",Rome\nCy,5'2\",Nice\n";
        assert_eq!(sniff(text), b',');
    }

    #[test]
    fn single_column_keeps_values_whole() {
        let text = "Company\nAcme, Inc\nGlobex, LLC\n";
        assert_eq!(sniff(text), b';');
        assert_eq!(sniff("Email\na@x.com\nb@y.com\n"), b',');
    }

    #[test]
    fn sep_directive_wins() {
        let s = sniff_delimiter("sep=;\r\na,b;c\r\n", false, false);
        assert_eq!(
            s,
            Sniffed {
                delimiter: b';',
                sep_line: true
            }
        );
    }

    #[test]
    fn ragged_rows_still_sniff() {
        let text = "a,b,c,d\n1,2\n1,2,3,4,5\n1,2,3,4\n1,2,3,4\n";
        assert_eq!(sniff(text), b',');
    }

    #[test]
    fn tsv_prefers_tab_when_nothing_else_is_found() {
        assert_eq!(
            sniff_delimiter("Email\na@x\n", false, true).delimiter,
            b'\t'
        );
    }

    #[test]
    fn truncated_sample_ignores_the_cut_record() {
        let counts = record_delimiter_counts(b"a,b,c\n1,2,3\n1,2", b',', true);
        assert_eq!(counts, vec![2, 2]);
        let counts = record_delimiter_counts(b"a,b,c\n1,2,3\n1,2", b',', false);
        assert_eq!(counts, vec![2, 2, 1]);
    }

    #[test]
    fn classifies_utf16_without_bom() {
        let le: Vec<u8> = "Name,Email\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "Name,Email\r\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(
            classify(&le),
            Kind::Text(TextEncoding::Utf16NoBom(UTF_16LE))
        );
        assert_eq!(
            classify(&be),
            Kind::Text(TextEncoding::Utf16NoBom(UTF_16BE))
        );
    }

    #[test]
    fn classifies_binary_and_markup() {
        assert_eq!(
            classify(b"\x89PNG\r\n\x1a\nxxxx"),
            Kind::Binary(Some("a PNG image"))
        );
        assert_eq!(classify(b"abc\0def"), Kind::Binary(None));
        assert_eq!(classify(b"  <HTML><body><table>"), Kind::Markup);
        assert_eq!(classify(b"PK\x03\x04rest"), Kind::Zip);
        assert_eq!(classify(b"a,b\n1,2\n"), Kind::Text(TextEncoding::Unknown));
    }

    #[test]
    fn detects_windows_1252_and_utf8() {
        let latin: &[u8] = b"Name,City\nM\xfcller,K\xf6ln\nCaf\xe9 Zo\xeb,Z\xfcrich\n";
        assert_eq!(detect_encoding(latin).ok(), Some(encoding_rs::WINDOWS_1252));
        assert_eq!(
            detect_encoding("Name\nMüller\n".as_bytes()).ok(),
            Some(UTF_8)
        );
        assert_eq!(detect_encoding(&b"plain ascii"[..]).ok(), Some(UTF_8));
    }

    #[test]
    fn utf8_split_across_chunks_is_still_valid() {
        assert_eq!(count_utf8("ü".as_bytes()), (1, 0, 0));
        assert_eq!(count_utf8(&"ü".as_bytes()[..1]), (0, 0, 1));
        assert_eq!(count_utf8(b"a\xffb"), (0, 1, 0));
    }
}
