//! The token's state: its expiry (from the token itself when it is a JWT with `exp`, else from
//! what the admin entered), days left, the live check, and the warnings and errors that follow.

use chrono::{DateTime, Days, NaiveDate, Utc};
use scim_client::{token_expiry, AccessCheck};
use secrecy::SecretString;

use super::rules;
use super::types::{
    ExpirySource, Finding, FindingKind, Severity, TokenCheck, TokenDates, TokenHealth,
};
use crate::error::{CoreError, Result};

/// Checks what the admin entered: a lifetime of 90, 180 or 365 days, given with an issue date.
pub fn validate_dates(dates: &TokenDates) -> Result<()> {
    if let Some(days) = dates.lifetime_days {
        if !rules::TOKEN_LIFETIMES_DAYS.contains(&days) {
            return Err(CoreError::Invalid(format!(
                "A SCIM token lives 90, 180 or 365 days, not {days}."
            )));
        }
    }
    match (dates.issued_on, dates.lifetime_days) {
        (Some(_), None) => Err(CoreError::Invalid(
            "Give the token's lifetime (90, 180 or 365 days) with its issue date.".into(),
        )),
        (None, Some(_)) => Err(CoreError::Invalid(
            "Give the token's issue date with its lifetime.".into(),
        )),
        _ => Ok(()),
    }
}

/// The expiry the admin entered: the date itself, else issue date + lifetime.
pub fn entered_expiry(dates: &TokenDates) -> Option<(NaiveDate, ExpirySource)> {
    if let Some(date) = dates.expires_on {
        return Some((date, ExpirySource::EnteredDate));
    }
    let (issued, days) = (dates.issued_on?, dates.lifetime_days?);
    issued
        .checked_add_days(Days::new(u64::from(days)))
        .map(|date| (date, ExpirySource::IssuedPlusLifetime))
}

/// When the token expires, and whether it already has.
#[derive(Clone, Debug, PartialEq)]
pub struct Expiry {
    pub expires_on: Option<NaiveDate>,
    pub days_left: Option<i64>,
    pub expired: bool,
    pub source: ExpirySource,
}

impl Expiry {
    /// OAuth client credentials: each token is fetched as needed, nothing expires to watch.
    pub fn renewed() -> Self {
        Expiry {
            expires_on: None,
            days_left: None,
            expired: false,
            source: ExpirySource::Renewed,
        }
    }
}

/// Reads the expiry: the token's own `exp` first (it cannot be mistyped), else the dates.
pub fn resolve_expiry(
    token: Option<&SecretString>,
    dates: &TokenDates,
    now: DateTime<Utc>,
) -> Expiry {
    let today = now.date_naive();
    if let Some(exp) = token.and_then(token_expiry) {
        let expires_on = exp.date_naive();
        return Expiry {
            expires_on: Some(expires_on),
            days_left: Some((expires_on - today).num_days()),
            expired: exp <= now,
            source: ExpirySource::Token,
        };
    }
    match entered_expiry(dates) {
        Some((expires_on, source)) => {
            let days_left = (expires_on - today).num_days();
            Expiry {
                expires_on: Some(expires_on),
                days_left: Some(days_left),
                expired: days_left < 0,
                source,
            }
        }
        None => Expiry {
            expires_on: None,
            days_left: None,
            expired: false,
            source: ExpirySource::Unknown,
        },
    }
}

fn day_word(days: i64) -> String {
    match days.abs() {
        1 => "1 day".to_string(),
        n => format!("{n} days"),
    }
}

/// The token's health and its findings: rejected and expired are errors, 30/14/7/1 days
/// left are warnings, an unknown expiry is a hint.
pub fn assess_token(expiry: &Expiry, check: &AccessCheck) -> (TokenHealth, Vec<Finding>) {
    let mut findings = Vec::new();
    let (verdict, rejection) = match check {
        AccessCheck::Accepted => (TokenCheck::Accepted, None),
        AccessCheck::Rejected { status, message } => {
            findings.push(Finding::new(
                FindingKind::TokenRejected,
                Severity::Error,
                format!(
                    "The SCIM server refused the token (HTTP {status}: {message}). Provisioning has stopped: generate a new API token in the ZoomInfo admin portal and paste it into the identity provider (Okta or Entra ID) and here."
                ),
            ));
            (TokenCheck::Rejected, Some(message.clone()))
        }
    };
    let on = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    match (expiry.expires_on, expiry.days_left) {
        (Some(date), Some(days)) if expiry.expired => findings.push(
            Finding::new(
                FindingKind::TokenExpired,
                Severity::Error,
                format!(
                    "The SCIM token expired on {} ({} ago). Provisioning stops until an admin generates a new token and updates the identity provider.",
                    on(date),
                    day_word(days.min(0))
                ),
            )
            .days_left(days),
        ),
        (Some(date), Some(days)) => {
            if let Some(threshold) = rules::token_warning_threshold(days) {
                let when = if days == 0 {
                    "today".to_string()
                } else {
                    format!("in {}", day_word(days))
                };
                findings.push(
                    Finding::new(
                        FindingKind::TokenExpiring,
                        Severity::Warning,
                        format!(
                            "The SCIM token expires {when} (on {}, {threshold}-day warning). Generate a new one in the ZoomInfo admin portal and update the identity provider before then, or provisioning stops silently.",
                            on(date)
                        ),
                    )
                    .days_left(days),
                );
            }
        }
        _ if expiry.source == ExpirySource::Renewed => {}
        _ => findings.push(Finding::new(
            FindingKind::TokenExpiryUnknown,
            Severity::Info,
            "The token's expiry is unknown: enter its issue date and lifetime (90, 180 or 365 days) or its expiry date to be warned before it runs out.",
        )),
    }
    let health = TokenHealth {
        valid: verdict == TokenCheck::Accepted,
        check: verdict,
        rejection,
        expires_on: expiry.expires_on,
        days_left: expiry.days_left,
        expiry_source: expiry.source,
    };
    (health, findings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0)
            .single()
            .expect("date")
    }

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn issued(on: &str, days: u32) -> TokenDates {
        TokenDates {
            issued_on: Some(date(on)),
            lifetime_days: Some(days),
            expires_on: None,
        }
    }

    #[test]
    fn issue_date_plus_lifetime_gives_the_expiry_and_days_left() {
        // Issued 2026-01-01 for 90 days: expires 2026-04-01, 31 days after 2026-03-01.
        let e = resolve_expiry(None, &issued("2026-01-01", 90), now());
        assert_eq!(e.expires_on, Some(date("2026-04-01")));
        assert_eq!(e.days_left, Some(31));
        assert_eq!(e.source, ExpirySource::IssuedPlusLifetime);
        let (health, findings) = assess_token(&e, &AccessCheck::Accepted);
        assert!(health.valid);
        assert!(
            findings.is_empty(),
            "31 days left is no warning yet: {findings:?}"
        );
    }

    #[test]
    fn warnings_fire_at_30_14_7_and_1_days() {
        for (expires, days, threshold) in [
            ("2026-03-31", 30, 30),
            ("2026-03-15", 14, 14),
            ("2026-03-08", 7, 7),
            ("2026-03-02", 1, 1),
            ("2026-03-01", 0, 1),
        ] {
            let dates = TokenDates {
                expires_on: Some(date(expires)),
                ..TokenDates::default()
            };
            let e = resolve_expiry(None, &dates, now());
            assert_eq!(e.days_left, Some(days));
            let (_, findings) = assess_token(&e, &AccessCheck::Accepted);
            assert_eq!(findings.len(), 1, "{expires}");
            let f = &findings[0];
            assert_eq!(
                (f.kind, f.severity),
                (FindingKind::TokenExpiring, Severity::Warning)
            );
            assert_eq!(f.days_left, Some(days));
            assert!(
                f.message.contains(&format!("{threshold}-day warning")),
                "{}",
                f.message
            );
            assert!(f.message.contains(expires), "{}", f.message);
        }
    }

    #[test]
    fn expired_and_rejected_are_errors() {
        let e = resolve_expiry(None, &issued("2025-11-01", 90), now());
        assert!(e.expired);
        assert_eq!(e.days_left, Some(-expired_days_ago()));
        let rejected = AccessCheck::Rejected {
            status: 401,
            message: "token expired".into(),
        };
        let (health, findings) = assess_token(&e, &rejected);
        assert!(!health.valid);
        assert_eq!(health.rejection.as_deref(), Some("token expired"));
        let kinds: Vec<_> = findings.iter().map(|f| (f.kind, f.severity)).collect();
        assert_eq!(
            kinds,
            vec![
                (FindingKind::TokenRejected, Severity::Error),
                (FindingKind::TokenExpired, Severity::Error)
            ]
        );
        assert!(
            findings[1].message.contains("2026-01-30"),
            "{}",
            findings[1].message
        );
    }

    fn expired_days_ago() -> i64 {
        // 2025-11-01 + 90 days = 2026-01-30, 30 days before 2026-03-01.
        30
    }

    #[test]
    fn a_jwt_exp_wins_over_what_was_entered() {
        let now = Utc::now();
        let token = SecretString::from(zi_sim::scim::jwt_token(10));
        let e = resolve_expiry(Some(&token), &issued("2026-01-01", 365), now);
        assert_eq!(e.source, ExpirySource::Token);
        assert_eq!(e.days_left, Some(10));
        assert!(!e.expired);
        let now_expired = SecretString::from(zi_sim::scim::jwt_token(0));
        let e = resolve_expiry(
            Some(&now_expired),
            &TokenDates::default(),
            Utc::now() + chrono::Duration::seconds(1),
        );
        assert!(
            e.expired,
            "an exp just passed is expired even on the same day"
        );
        assert_eq!(e.days_left, Some(0));
    }

    #[test]
    fn an_unknown_expiry_is_a_hint_and_bad_entries_are_refused() {
        let e = resolve_expiry(
            Some(&SecretString::from("opaque".to_string())),
            &TokenDates::default(),
            now(),
        );
        assert_eq!(e.source, ExpirySource::Unknown);
        let (_, findings) = assess_token(&e, &AccessCheck::Accepted);
        assert_eq!(findings[0].kind, FindingKind::TokenExpiryUnknown);
        assert_eq!(findings[0].severity, Severity::Info);
        assert!(validate_dates(&issued("2026-01-01", 90)).is_ok());
        assert!(validate_dates(&issued("2026-01-01", 100)).is_err());
        assert!(validate_dates(&TokenDates {
            issued_on: Some(date("2026-01-01")),
            ..TokenDates::default()
        })
        .is_err());
    }
}
