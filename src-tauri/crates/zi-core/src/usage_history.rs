//! Credits spent per day, from the local credit ledger (what this machine's enrich runs paid).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::console::Console;
use crate::error::Result;

/// Credits spent on one UTC day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DailyCredits {
    /// `YYYY-MM-DD` (UTC).
    pub day: String,
    #[ts(type = "number")]
    pub credits: i64,
}

/// One entry per day of the period, oldest first; days without spending hold 0.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CreditHistory {
    pub days: Vec<DailyCredits>,
}

impl Console {
    /// The last `days` days (today included) of credits spent, from the local ledger.
    pub async fn credit_history(&self, days: u32) -> Result<CreditHistory> {
        let days = days.clamp(1, 366);
        let today = chrono::Utc::now().date_naive();
        let first = today - chrono::Duration::days(i64::from(days) - 1);
        let since = first
            .and_hms_opt(0, 0, 0)
            .map(|start| start.and_utc().timestamp())
            .unwrap_or_default();
        let spent: std::collections::HashMap<String, i64> = self
            .store()
            .credits_by_day(since)
            .await?
            .into_iter()
            .collect();
        let days = first
            .iter_days()
            .take_while(|day| *day <= today)
            .map(|day| {
                let day = day.format("%Y-%m-%d").to_string();
                let credits = spent.get(&day).copied().unwrap_or(0);
                DailyCredits { day, credits }
            })
            .collect();
        Ok(CreditHistory { days })
    }
}
