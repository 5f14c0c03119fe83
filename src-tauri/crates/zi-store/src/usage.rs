use crate::{Result, Store};

/// One limit as read at one time.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct UsageSnapshotRow {
    pub taken_at: i64,
    pub limit_type: String,
    pub description: Option<String>,
    pub usage_limit: Option<i64>,
    pub current_usage: Option<i64>,
    pub usage_remaining: Option<i64>,
}

impl Store {
    /// Keeps one reading of every limit, all in one transaction.
    pub async fn record_usage(&self, rows: &[UsageSnapshotRow]) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        for row in rows {
            sqlx::query(
                "INSERT INTO usage_snapshots (taken_at, limit_type, description, usage_limit, current_usage, usage_remaining)
                 VALUES (?, ?, ?, ?, ?, ?)",
            )
            .bind(row.taken_at)
            .bind(&row.limit_type)
            .bind(&row.description)
            .bind(row.usage_limit)
            .bind(row.current_usage)
            .bind(row.usage_remaining)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Readings of one limit since `since` (unix seconds), oldest first.
    pub async fn usage_history(
        &self,
        limit_type: &str,
        since: i64,
    ) -> Result<Vec<UsageSnapshotRow>> {
        Ok(sqlx::query_as(
            "SELECT taken_at, limit_type, description, usage_limit, current_usage, usage_remaining
             FROM usage_snapshots WHERE limit_type = ? AND taken_at >= ? ORDER BY taken_at, id",
        )
        .bind(limit_type)
        .bind(since)
        .fetch_all(self.pool())
        .await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn usage_history_comes_back_in_time_order() {
        let store = Store::in_memory().await.expect("store");
        let row = |t, used| UsageSnapshotRow {
            taken_at: t,
            limit_type: "recordLimit".into(),
            description: None,
            usage_limit: Some(100),
            current_usage: Some(used),
            usage_remaining: Some(100 - used),
        };
        store
            .record_usage(&[row(20, 7), row(10, 3)])
            .await
            .expect("record");
        let history = store
            .usage_history("recordLimit", 0)
            .await
            .expect("history");
        assert_eq!(
            history.iter().map(|r| r.current_usage).collect::<Vec<_>>(),
            vec![Some(3), Some(7)]
        );
        assert!(store
            .usage_history("requestLimit", 0)
            .await
            .expect("history")
            .is_empty());
    }
}
