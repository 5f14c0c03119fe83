//! What a column holds, guessed from its values when the header says nothing.

use zi_client::RecordKind;

use super::super::inputs::MatchInput;
use super::super::normalize::{
    is_blank, normalize_domain, normalize_email, normalize_hash, normalize_linkedin,
    normalize_phone, without_text_marker,
};
use MatchInput as I;

/// Values that must look alike for content detection to map a column.
const CONTENT_SHARE: f64 = 0.6;

/// What the values of a column look like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Email,
    LinkedIn,
    /// A hex digest of a length `hashedEmail` takes (MD5, SHA-1, SHA-256, SHA-512).
    HashedEmail,
    Domain,
    Phone,
    Id,
}

/// The input a column's values suggest, if at least 60% of its non-empty samples look alike.
pub(super) fn guess_content(
    kind: RecordKind,
    sample_rows: &[Vec<String>],
    column: usize,
) -> Option<(MatchInput, u8)> {
    let values: Vec<&str> = sample_rows
        .iter()
        .filter_map(|r| r.get(column))
        .map(|v| without_text_marker(v.trim()))
        .filter(|v| !is_blank(v))
        .collect();
    if values.is_empty() {
        return None;
    }
    let shapes: Vec<Shape> = values.iter().filter_map(|v| shape(v)).collect();
    let (best, count) = [
        Shape::Email,
        Shape::LinkedIn,
        Shape::HashedEmail,
        Shape::Domain,
        Shape::Phone,
        Shape::Id,
    ]
    .into_iter()
    .map(|s| (s, shapes.iter().filter(|x| **x == s).count()))
    .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp_rank(a.0)))?;
    let share = count as f64 / values.len() as f64;
    if count == 0 || share < CONTENT_SHARE {
        return None;
    }
    let input = match (best, kind) {
        (Shape::Email, _) => I::Email,
        (Shape::LinkedIn, _) => I::LinkedIn,
        (Shape::HashedEmail, _) => I::HashedEmail,
        (Shape::Domain, _) => I::Website,
        (Shape::Phone, _) => I::Phone,
        (Shape::Id, RecordKind::Contact) => I::PersonId,
        (Shape::Id, RecordKind::Company) => I::CompanyId,
    };
    input.api_field(kind)?;
    // 60% alike → ~74, all alike → 90; bare numbers stay below 60 (they could be anyone's ids).
    let confidence = match best {
        Shape::Id => 40.0 + 18.0 * share,
        _ => 50.0 + 40.0 * share,
    };
    Some((input, confidence.round().clamp(0.0, 100.0) as u8))
}

impl Shape {
    /// Ties between shapes go to the more specific one (listed first).
    fn cmp_rank(self, other: Shape) -> std::cmp::Ordering {
        (self as u8).cmp(&(other as u8))
    }
}

/// The shape of one value, the most specific first.
fn shape(value: &str) -> Option<Shape> {
    if value.contains('@') {
        return normalize_email(value).map(|_| Shape::Email);
    }
    if normalize_linkedin(value).is_some() {
        return Some(Shape::LinkedIn);
    }
    if !value.contains(char::is_whitespace) && normalize_domain(value).is_some() {
        return Some(Shape::Domain);
    }
    // Before the digits: a digest may be all digits, and is never an id or a phone.
    if !value.contains(char::is_whitespace) && normalize_hash(value).is_some() {
        return Some(Shape::HashedEmail);
    }
    let bare = value.strip_suffix(".0").unwrap_or(value);
    if bare.bytes().all(|b| b.is_ascii_digit()) {
        // Unformatted digits: a ZoomInfo id is 6 to 12 of them, never led by a zero.
        let plausible_id = (6..=12).contains(&bare.len()) && !bare.starts_with('0');
        return plausible_id.then_some(Shape::Id);
    }
    if looks_like_date_or_number(value) {
        return None;
    }
    normalize_phone(value).map(|_| Shape::Phone)
}

/// "2024-01-15", "15/01/2024", "1,234,567.89": digits and separators that are no phone.
fn looks_like_date_or_number(value: &str) -> bool {
    let groups: Vec<&str> = value
        .split(['-', '/', '.'])
        .filter(|g| !g.is_empty())
        .collect();
    let all_digits = groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    let date = all_digits
        && groups.len() == 3
        && groups.iter().any(|g| g.len() == 4)
        && groups.iter().filter(|g| g.len() <= 2).count() == 2;
    let number = value
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        && value.contains(['.', ',']);
    date || number
}
