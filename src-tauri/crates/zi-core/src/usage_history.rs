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

#[cfg(test)]
mod tests {
    use zi_client::RecordKind;
    use zi_sim::SimConfig;

    use crate::console::Console;
    use crate::enrich::{EnrichRequest, JobControl, RunOptions};
    use crate::sample::write_sample_file;

    #[tokio::test]
    async fn every_day_is_listed_and_today_holds_what_an_enrich_spent() {
        let dir = tempfile::tempdir().expect("dir");
        let console = Console::start_demo_with(&dir.path().join("data"), SimConfig::unlimited())
            .await
            .expect("demo");

        let empty = console.credit_history(30).await.expect("history");
        assert_eq!(empty.days.len(), 30);
        assert!(empty.days.iter().all(|d| d.credits == 0));
        let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
        assert_eq!(
            empty.days.last().map(|d| d.day.as_str()),
            Some(today.as_str())
        );
        assert!(empty.days.windows(2).all(|w| w[0].day < w[1].day));

        let input = dir.path().join("contacts.csv");
        write_sample_file(RecordKind::Contact, 40, &input).expect("sample");
        let request = EnrichRequest::for_file(RecordKind::Contact, &input);
        let plan = console.plan_enrichment(&request).await.expect("plan");
        let outcome = console
            .run_enrichment(
                plan.job_id,
                &RunOptions::default(),
                &JobControl::default(),
                |_| {},
            )
            .await
            .expect("run");
        assert!(outcome.credits_spent > 0);

        let history = console.credit_history(7).await.expect("history");
        assert_eq!(history.days.len(), 7);
        let last = history.days.last().expect("today");
        assert_eq!(last.day, today);
        assert_eq!(
            u64::try_from(last.credits).expect("positive"),
            outcome.credits_spent
        );
    }
}
