use crate::{unix_now, Result, Store};

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct AuditEntry {
    pub at: i64,
    pub action: String,
    pub detail: String,
}

impl Store {
    /// Notes an action. Callers pass no secrets; this is read back in support logs.
    pub async fn audit(&self, action: &str, detail: &str) -> Result<()> {
        sqlx::query("INSERT INTO audit_log (at, action, detail) VALUES (?, ?, ?)")
            .bind(unix_now())
            .bind(action)
            .bind(detail)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    pub async fn recent_audit(&self, limit: i64) -> Result<Vec<AuditEntry>> {
        Ok(
            sqlx::query_as("SELECT at, action, detail FROM audit_log ORDER BY id DESC LIMIT ?")
                .bind(limit)
                .fetch_all(self.pool())
                .await?,
        )
    }
}
