use crate::{unix_now, Result, Store};

impl Store {
    pub async fn setting(&self, key: &str) -> Result<Option<String>> {
        let row: Option<(String,)> = sqlx::query_as("SELECT value FROM settings WHERE key = ?")
            .bind(key)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.map(|(value,)| value))
    }

    pub async fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        sqlx::query(
            "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        )
        .bind(key)
        .bind(value)
        .bind(unix_now())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    pub async fn remove_setting(&self, key: &str) -> Result<()> {
        sqlx::query("DELETE FROM settings WHERE key = ?")
            .bind(key)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::Store;

    #[tokio::test]
    async fn a_setting_survives_reopening_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("nested/zi.sqlite");
        let store = Store::open(&path).await.expect("open");
        store.set_setting("api_url", "http://a").await.expect("set");
        store
            .set_setting("api_url", "http://b")
            .await
            .expect("overwrite");
        drop(store);
        let store = Store::open(&path).await.expect("reopen");
        assert_eq!(
            store.setting("api_url").await.expect("get").as_deref(),
            Some("http://b")
        );
        store.remove_setting("api_url").await.expect("remove");
        assert_eq!(store.setting("api_url").await.expect("get"), None);
    }

    #[tokio::test]
    async fn the_file_uses_write_ahead_logging() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("zi.sqlite"))
            .await
            .expect("open");
        let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode")
            .fetch_one(store.pool())
            .await
            .expect("pragma");
        assert_eq!(mode, "wal");
        let (fk,): (i64,) = sqlx::query_as("PRAGMA foreign_keys")
            .fetch_one(store.pool())
            .await
            .expect("pragma");
        assert_eq!(fk, 1);
    }
}
