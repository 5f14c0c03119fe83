//! The facts and rules of ZoomInfo SCIM provisioning, in one place.
//!
//! Sources: seeds `001_15f5378a4718cc03.txt` (Entra ID guide: token lifetimes, reminders a
//! month ahead, group naming rule, one group per user, products) and `002_47551f6c1201f861.txt`
//! (Okta guide: `ziProduct`, seats per product, 100 seats / 120 users example), as summarised
//! in `shared/docs/scim.md`. Change a rule here and nowhere else.

/// Lifetimes the admin portal offers when generating a SCIM API token.
pub const TOKEN_LIFETIMES_DAYS: [u32; 3] = [90, 180, 365];

/// Days before expiry at which the console warns (ZoomInfo's own reminders start about a
/// month ahead), largest first.
pub const TOKEN_WARNING_DAYS: [i64; 4] = [30, 14, 7, 1];

/// The products a subscription set can grant. Others may appear and are kept as named.
pub const KNOWN_PRODUCTS: [&str; 3] = ["Sales", "Marketing", "Talent"];

/// The per-user product attribute Okta's ZoomInfo app sends.
pub const PRODUCT_ATTRIBUTE: &str = "ziProduct";

/// Group / subscription-set names: 3–35 characters of `[a-zA-Z0-9.\-\s]`.
pub const GROUP_NAME_MIN: usize = 3;
pub const GROUP_NAME_MAX: usize = 35;

/// Whether a character may appear in a group / subscription-set name.
pub fn group_name_char_allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '.' || c == '-' || c.is_whitespace()
}

/// Entra ID maps `externalId` to `mailNickname` by default; the ZoomInfo app needs `objectId`,
/// a GUID (seed 001, "Update the mapping so that the externalId attribute is mapped to
/// objectId").
pub fn is_object_id(external_id: &str) -> bool {
    let parts: Vec<&str> = external_id.trim().split('-').collect();
    parts.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12])
        && parts
            .iter()
            .all(|p| p.chars().all(|c| c.is_ascii_hexdigit()))
}

/// How many users a finding about many names in its sentence (all are listed beside it).
pub const USERS_NAMED_IN_MESSAGE: usize = 3;

/// A user may be in only one group.
pub const MAX_GROUPS_PER_USER: usize = 1;

/// Seat snapshots older than this do not steer the forecast.
pub const FORECAST_WINDOW_DAYS: i64 = 90;
/// Snapshots must span at least this long before a growth rate is trusted.
pub const FORECAST_MIN_SPAN_HOURS: i64 = 24;
/// A forecast run-out this close is a warning.
pub const RUN_OUT_WARNING_DAYS: i64 = 30;

/// The smallest warning threshold `days_left` has reached (30, 14, 7 or 1), if any.
/// Zero days left (expires today) counts as the 1-day warning.
pub fn token_warning_threshold(days_left: i64) -> Option<i64> {
    if days_left < 0 {
        return None;
    }
    TOKEN_WARNING_DAYS
        .iter()
        .rev()
        .copied()
        .find(|threshold| days_left <= *threshold)
}

/// Whether a desktop notification is due: a threshold was reached that is smaller than the
/// last one warned about (each of 30/14/7/1 notifies once per token).
pub fn warning_due(last_warned: Option<i64>, days_left: i64) -> Option<i64> {
    let threshold = token_warning_threshold(days_left)?;
    match last_warned {
        Some(last) if last <= threshold => None,
        _ => Some(threshold),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_ids_are_guids() {
        assert!(is_object_id("2c6f1a53-8d2e-4e4b-9a7e-5b1f0c3d9e21"));
        assert!(is_object_id(" 2C6F1A53-8D2E-4E4B-9A7E-5B1F0C3D9E21 "));
        for not in [
            "jane.doe",
            "",
            "2c6f1a538d2e4e4b9a7e5b1f0c3d9e21",
            "2c6f1a53-8d2e-4e4b-9a7e-5b1f0c3d9e2z",
        ] {
            assert!(!is_object_id(not), "{not}");
        }
    }

    #[test]
    fn thresholds_are_30_14_7_and_1_days() {
        let cases = [
            (45, None),
            (31, None),
            (30, Some(30)),
            (15, Some(30)),
            (14, Some(14)),
            (8, Some(14)),
            (7, Some(7)),
            (2, Some(7)),
            (1, Some(1)),
            (0, Some(1)),
            (-1, None),
        ];
        for (days, expected) in cases {
            assert_eq!(token_warning_threshold(days), expected, "{days} days left");
        }
    }

    #[test]
    fn each_threshold_notifies_once() {
        assert_eq!(warning_due(None, 29), Some(30));
        assert_eq!(warning_due(Some(30), 20), None);
        assert_eq!(warning_due(Some(30), 13), Some(14));
        assert_eq!(warning_due(Some(14), 1), Some(1));
        assert_eq!(warning_due(Some(1), 0), None);
        assert_eq!(warning_due(None, 60), None);
    }

    #[test]
    fn group_name_characters() {
        assert!("NA Sales-Team.2".chars().all(group_name_char_allowed));
        assert!(!group_name_char_allowed('_'));
        assert!(!group_name_char_allowed('&'));
        assert!(!group_name_char_allowed('é'));
    }
}
