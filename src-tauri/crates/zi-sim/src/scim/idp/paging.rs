//! Cursor paging as both providers do it: an opaque cursor (Okta's `after`, Graph's
//! `$skiptoken`) that says where the next page starts, and the query string of the link to it.

/// Where a cursor points: the offset of the next item, hidden behind a prefix so clients
/// treat it as opaque.
const CURSOR_PREFIX: &str = "zc";

pub(crate) fn cursor(offset: usize) -> String {
    format!("{CURSOR_PREFIX}{offset:x}")
}

/// The offset a cursor points at; `None` when the text is not a cursor of ours.
pub(crate) fn offset(cursor: &str) -> Option<usize> {
    usize::from_str_radix(cursor.strip_prefix(CURSOR_PREFIX)?, 16).ok()
}

/// One page of `total` items starting at `start`: the range to return and the offset of the
/// next page, if there is one.
pub(crate) fn page(
    total: usize,
    start: usize,
    size: usize,
) -> (std::ops::Range<usize>, Option<usize>) {
    let start = start.min(total);
    let end = start.saturating_add(size).min(total);
    let next = (end < total && size > 0).then_some(end);
    (start..end, next)
}

/// Percent-encodes a query component (RFC 3986 unreserved characters stay).
pub(crate) fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(char::from(b));
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `name=value&…`, each value encoded; `$` stays readable in names as Graph writes them.
pub(crate) fn query(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .map(|(name, value)| format!("{name}={}", encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_pages_end() {
        assert_eq!(offset(&cursor(123)), Some(123));
        assert_eq!(offset("123"), None);
        assert_eq!(page(10, 0, 4), (0..4, Some(4)));
        assert_eq!(page(10, 8, 4), (8..10, None));
        assert_eq!(page(10, 12, 4), (10..10, None));
        assert_eq!(page(10, 0, 0), (0..0, None));
        assert_eq!(
            query(&[("$filter", "displayName eq 'Zoom Info'".into())]),
            "$filter=displayName%20eq%20%27Zoom%20Info%27"
        );
    }
}
