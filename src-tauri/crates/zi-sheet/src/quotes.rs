//! The quote check the `csv` crate does not do (it silently reads an unclosed quote to the end
//! of the file), and the line each record starts on.

use std::collections::VecDeque;

/// Follows the `csv` crate's quoting rules (a quote opens a quoted field only as the first
/// byte of a field; inside one, `""` is a literal quote and a lone `"` closes it) to know, at
/// the end of the input, whether a quoted field was left open and on which line it was opened.
///
/// It can also note where each record starts (byte offset and line): the `csv` crate's record
/// positions point at the end of the previous record (before any line breaks and blank lines
/// in between, and before the LF of a CRLF), so they cannot give the line a row starts on.
///
/// Only quotes and line breaks change anything (the byte before a quote says whether it opens
/// a field), so it jumps from one to the next (memchr) instead of stepping through every byte.
#[derive(Debug, Clone)]
pub(crate) struct QuoteTracker {
    delimiter: u8,
    state: QState,
    line: u64,
    open_line: u64,
    pub(crate) total: u64,
    pub(crate) eof: bool,
    at_record_start: bool,
    /// `Some` when record starts are noted; the consumer pops them as records are read.
    starts: Option<VecDeque<(u64, u64)>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum QState {
    StartField,
    InField,
    InQuoted,
    QuoteInQuoted,
}

impl QuoteTracker {
    pub(crate) fn new(delimiter: u8) -> Self {
        QuoteTracker {
            delimiter,
            state: QState::StartField,
            line: 1,
            open_line: 0,
            total: 0,
            eof: false,
            at_record_start: true,
            starts: None,
        }
    }

    /// A tracker that also notes where records start.
    pub(crate) fn noting_record_starts(delimiter: u8) -> Self {
        QuoteTracker {
            starts: Some(VecDeque::new()),
            ..QuoteTracker::new(delimiter)
        }
    }

    pub(crate) fn feed(&mut self, bytes: &[u8]) {
        let mut at = 0;
        while at < bytes.len() {
            at = if self.state == QState::InQuoted {
                self.in_quotes(bytes, at)
            } else {
                self.outside_quotes(bytes, at)
            };
        }
        self.total += bytes.len() as u64;
    }

    /// Inside a quoted field from `at`: counts its line breaks and finds its closing quote.
    fn in_quotes(&mut self, bytes: &[u8], at: usize) -> usize {
        let rest = bytes.get(at..).unwrap_or_default();
        let Some(quote) = memchr::memchr(b'"', rest) else {
            self.line += memchr::memchr_iter(b'\n', rest).count() as u64;
            return bytes.len();
        };
        let inside = rest.get(..quote).unwrap_or_default();
        self.line += memchr::memchr_iter(b'\n', inside).count() as u64;
        self.state = QState::QuoteInQuoted;
        at + quote + 1
    }

    /// Outside a quoted field from `at` (or just after one's closing quote): jumps from line
    /// break to line break, noting record starts, until a quote opens a field.
    fn outside_quotes(&mut self, bytes: &[u8], mut at: usize) -> usize {
        let d = self.delimiter;
        while at < bytes.len() {
            let b = bytes.get(at).copied().unwrap_or_default();
            if self.at_record_start && b != b'\n' && b != b'\r' {
                self.at_record_start = false;
                let offset = self.total + at as u64;
                if let Some(starts) = &mut self.starts {
                    starts.push_back((offset, self.line));
                }
            }
            let rest = bytes.get(at..).unwrap_or_default();
            let Some(found) = memchr::memchr3(b'"', b'\n', b'\r', rest) else {
                // Only field text and delimiters to the end: the last byte says where it ends.
                if let Some(&last) = rest.last() {
                    self.state = after_plain_byte(last, d);
                }
                return bytes.len();
            };
            let i = at + found;
            // The state just before byte i: what the plain bytes since `at` left, if any.
            let before = match i.checked_sub(1).filter(|&p| p >= at) {
                Some(p) => after_plain_byte(bytes.get(p).copied().unwrap_or_default(), d),
                None => self.state,
            };
            match bytes.get(i).copied().unwrap_or_default() {
                b'"' => match before {
                    // A doubled quote inside the quoted field: it goes on.
                    QState::QuoteInQuoted => {
                        self.state = QState::InQuoted;
                        return i + 1;
                    }
                    QState::StartField => {
                        self.open_line = self.line;
                        self.state = QState::InQuoted;
                        return i + 1;
                    }
                    // A quote inside an unquoted field is a literal.
                    _ => {
                        self.state = QState::InField;
                        at = i + 1;
                    }
                },
                newline => {
                    self.line += u64::from(newline == b'\n');
                    self.at_record_start = true;
                    self.state = QState::StartField;
                    at = i + 1;
                }
            }
        }
        at
    }

    /// The line of the first record starting at or after byte `offset`; forgets the starts
    /// before it.
    pub(crate) fn record_line(&mut self, offset: u64) -> Option<u64> {
        let starts = self.starts.as_mut()?;
        while starts.front().is_some_and(|&(o, _)| o < offset) {
            starts.pop_front();
        }
        starts.pop_front().map(|(_, line)| line)
    }

    /// The line where a still-open quoted field started, if the input so far ends inside one.
    pub(crate) fn open_quote_line(&self) -> Option<u64> {
        (self.state == QState::InQuoted).then_some(self.open_line)
    }
}

/// The state after a byte that is neither a quote nor a line break, outside quotes.
fn after_plain_byte(b: u8, delimiter: u8) -> QState {
    if b == delimiter {
        QState::StartField
    } else {
        QState::InField
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn open_line(text: &str) -> Option<u64> {
        let mut t = QuoteTracker::new(b',');
        t.feed(text.as_bytes());
        t.open_quote_line()
    }

    #[test]
    fn tracker_follows_csv_quoting() {
        assert_eq!(open_line("a,b\n\"x\",\"y\"\"z\"\n"), None);
        assert_eq!(open_line("a,b\n\"multi\nline\",c\n"), None);
        assert_eq!(open_line("a,b\n1,2\n3,\"never closed\n4,5\n"), Some(3));
        // A quote in the middle of an unquoted field is a literal.
        assert_eq!(open_line("a,b\n5'11\",x\n"), None);
        // After a closing quote, text continues the field unquoted.
        assert_eq!(open_line("\"a\"b,c\n"), None);
        assert_eq!(open_line("\"a\"b\"c\n"), None);
        assert_eq!(open_line("x\n\n\"open\r\nstill"), Some(3));
    }

    /// The byte-by-byte state machine the jumping tracker must agree with.
    fn reference(delimiter: u8, bytes: &[u8]) -> (Option<u64>, Vec<(u64, u64)>) {
        let (mut state, mut line, mut open_line) = (QState::StartField, 1u64, 0u64);
        let mut at_start = true;
        let mut starts = Vec::new();
        for (offset, &b) in (0u64..).zip(bytes) {
            if at_start && b != b'\n' && b != b'\r' {
                at_start = false;
                starts.push((offset, line));
            }
            if b == b'\n' {
                line += 1;
            }
            state = match state {
                QState::InQuoted if b == b'"' => QState::QuoteInQuoted,
                QState::InQuoted => QState::InQuoted,
                QState::QuoteInQuoted if b == b'"' => QState::InQuoted,
                QState::StartField if b == b'"' => {
                    open_line = line;
                    QState::InQuoted
                }
                _ if b == b'\n' || b == b'\r' => {
                    at_start = true;
                    QState::StartField
                }
                _ if b == delimiter => QState::StartField,
                _ => QState::InField,
            };
        }
        ((state == QState::InQuoted).then_some(open_line), starts)
    }

    proptest! {
        #[test]
        fn jumping_agrees_with_stepping_byte_by_byte(
            text in proptest::collection::vec(
                prop_oneof![Just(b'"'), Just(b','), Just(b'\n'), Just(b'\r'), Just(b'a'), Just(b' ')],
                0..80,
            ),
            cuts in proptest::collection::vec(0usize..80, 0..4),
        ) {
            let mut tracker = QuoteTracker::noting_record_starts(b',');
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(text.len())).collect();
            cuts.sort_unstable();
            let mut from = 0;
            for cut in cuts.into_iter().chain([text.len()]) {
                tracker.feed(&text[from..cut]);
                from = cut;
            }
            let (open, starts) = reference(b',', &text);
            prop_assert_eq!(tracker.open_quote_line(), open);
            let noted: Vec<(u64, u64)> = tracker.starts.clone().unwrap_or_default().into();
            prop_assert_eq!(noted, starts);
        }
    }
}
