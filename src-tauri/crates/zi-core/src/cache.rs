//! The local record cache as the user manages it: how long an answer stays fresh (the default
//! for every job; `--max-age` overrides it per run), how much is cached, and clearing it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zi_store::Store;

use crate::enrich::DEFAULT_MAX_AGE_DAYS;
use crate::error::{CoreError, Result};

const KEY_MAX_AGE_DAYS: &str = "cache_max_age_days";
/// Longest freshness offered: ZoomInfo re-verifies contacts continuously, so older answers are
/// worth buying again.
pub const MAX_CACHE_AGE_DAYS: u32 = 365;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CacheView {
    /// Cached answers younger than this are used instead of buying the record again.
    pub max_age_days: u32,
    pub default_max_age_days: u32,
    #[ts(type = "number")]
    pub records: u64,
    #[ts(type = "number")]
    pub answers: u64,
}

/// The saved freshness, or the default.
pub async fn max_age_days(store: &Store) -> Result<u32> {
    Ok(store
        .setting(KEY_MAX_AGE_DAYS)
        .await?
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_MAX_AGE_DAYS))
}

pub async fn cache_view(store: &Store) -> Result<CacheView> {
    let counts = store.cache_counts().await?;
    Ok(CacheView {
        max_age_days: max_age_days(store).await?,
        default_max_age_days: DEFAULT_MAX_AGE_DAYS,
        records: counts.records.max(0) as u64,
        answers: counts.answers.max(0) as u64,
    })
}

pub async fn save_max_age_days(store: &Store, days: u32) -> Result<()> {
    if !(1..=MAX_CACHE_AGE_DAYS).contains(&days) {
        return Err(CoreError::Invalid(format!(
            "Keep cached answers between 1 and {MAX_CACHE_AGE_DAYS} days."
        )));
    }
    store
        .set_setting(KEY_MAX_AGE_DAYS, &days.to_string())
        .await?;
    Ok(())
}

/// Forgets every cached record and answer of `session`'s store (jobs and the credit ledger
/// stay) and notes it in the account's audit trail, the one the Settings screen shows.
pub async fn clear(session: &Store, account: &Store, demo: bool) -> Result<i64> {
    let removed = session.clear_cache().await?;
    account
        .audit(
            "cache_cleared",
            &format!("{removed} records{}", if demo { " (demo)" } else { "" }),
        )
        .await?;
    Ok(removed)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[tokio::test]
    async fn the_freshness_is_saved_within_bounds() {
        let store = Store::in_memory().await.expect("store");
        assert_eq!(
            max_age_days(&store).await.expect("age"),
            DEFAULT_MAX_AGE_DAYS
        );
        save_max_age_days(&store, 30).await.expect("save");
        assert_eq!(cache_view(&store).await.expect("view").max_age_days, 30);
        for days in [0, 366] {
            let error = save_max_age_days(&store, days).await.unwrap_err();
            assert!(error.to_string().contains("between 1 and 365"), "{error}");
        }
        assert_eq!(max_age_days(&store).await.expect("age"), 30);
    }
}
