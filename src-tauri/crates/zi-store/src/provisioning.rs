//! SCIM provisioning health: endpoints watched (token dates only — never the token), the
//! checks, their findings, and seat snapshots for the run-out forecast.

use crate::{unix_now, Result, Store};

/// An endpoint as stored. JSON columns are kept as text; zi-core reads them.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct ScimEndpointRow {
    pub id: i64,
    pub url: String,
    pub name: String,
    pub auth_kind: String,
    pub oauth_token_url: Option<String>,
    pub oauth_client_id: Option<String>,
    pub oauth_account_id: Option<String>,
    pub token_issued_on: Option<String>,
    pub token_lifetime_days: Option<i64>,
    pub token_expires_on: Option<String>,
    /// JSON object: product → purchased seats.
    pub seats: String,
    /// JSON list of `{"group", "product"}`.
    pub group_products: String,
    pub last_warned_threshold: Option<i64>,
    /// JSON: the identity provider to read beside the endpoint, if any.
    pub idp: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// What is saved about an endpoint (the id and timestamps are the store's).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewScimEndpoint {
    pub url: String,
    pub name: String,
    pub auth_kind: String,
    pub oauth_token_url: Option<String>,
    pub oauth_client_id: Option<String>,
    pub oauth_account_id: Option<String>,
    pub token_issued_on: Option<String>,
    pub token_lifetime_days: Option<i64>,
    pub token_expires_on: Option<String>,
    pub seats: String,
    pub group_products: String,
    pub idp: Option<String>,
}

/// The summary of one check.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct ScimCheckRow {
    pub id: i64,
    pub endpoint_id: i64,
    pub checked_at: i64,
    pub token_valid: bool,
    pub token_expires_on: Option<String>,
    pub token_days_left: Option<i64>,
    pub users_total: i64,
    pub users_active: i64,
    pub users_inactive: i64,
}

/// One finding of a check; `users` and `groups` are JSON lists of names.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct ScimFindingRow {
    pub kind: String,
    pub severity: String,
    pub message: String,
    pub users: String,
    pub groups: String,
    pub product: Option<String>,
}

/// Seats of one product at one time.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct SeatSnapshotRow {
    pub taken_at: i64,
    pub product: String,
    pub purchased: Option<i64>,
    pub used: i64,
}

const ENDPOINT_COLUMNS: &str =
    "id, url, name, auth_kind, oauth_token_url, oauth_client_id, oauth_account_id,
     token_issued_on, token_lifetime_days, token_expires_on, seats, group_products,
     last_warned_threshold, idp, created_at, updated_at";

impl Store {
    /// Saves an endpoint by URL (new or updated) and returns its id.
    pub async fn save_scim_endpoint(&self, endpoint: &NewScimEndpoint) -> Result<i64> {
        let now = unix_now();
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO scim_endpoints (url, name, auth_kind, oauth_token_url, oauth_client_id,
                 oauth_account_id, token_issued_on, token_lifetime_days, token_expires_on, seats,
                 group_products, idp, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT(url) DO UPDATE SET
                 name = excluded.name, auth_kind = excluded.auth_kind,
                 oauth_token_url = excluded.oauth_token_url,
                 oauth_client_id = excluded.oauth_client_id,
                 oauth_account_id = excluded.oauth_account_id,
                 token_issued_on = excluded.token_issued_on,
                 token_lifetime_days = excluded.token_lifetime_days,
                 token_expires_on = excluded.token_expires_on,
                 seats = excluded.seats, group_products = excluded.group_products,
                 idp = excluded.idp, updated_at = excluded.updated_at
             RETURNING id",
        )
        .bind(&endpoint.url)
        .bind(&endpoint.name)
        .bind(&endpoint.auth_kind)
        .bind(&endpoint.oauth_token_url)
        .bind(&endpoint.oauth_client_id)
        .bind(&endpoint.oauth_account_id)
        .bind(&endpoint.token_issued_on)
        .bind(endpoint.token_lifetime_days)
        .bind(&endpoint.token_expires_on)
        .bind(&endpoint.seats)
        .bind(&endpoint.group_products)
        .bind(&endpoint.idp)
        .bind(now)
        .bind(now)
        .fetch_one(self.pool())
        .await?;
        Ok(id)
    }

    pub async fn scim_endpoints(&self) -> Result<Vec<ScimEndpointRow>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {ENDPOINT_COLUMNS} FROM scim_endpoints ORDER BY name, url"
        ))
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn scim_endpoint(&self, id: i64) -> Result<Option<ScimEndpointRow>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {ENDPOINT_COLUMNS} FROM scim_endpoints WHERE id = ?"
        ))
        .bind(id)
        .fetch_optional(self.pool())
        .await?)
    }

    pub async fn scim_endpoint_by_url(&self, url: &str) -> Result<Option<ScimEndpointRow>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {ENDPOINT_COLUMNS} FROM scim_endpoints WHERE url = ?"
        ))
        .bind(url)
        .fetch_optional(self.pool())
        .await?)
    }

    /// Forgets an endpoint with its checks, findings and snapshots.
    pub async fn delete_scim_endpoint(&self, id: i64) -> Result<()> {
        sqlx::query("DELETE FROM scim_endpoints WHERE id = ?")
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Remembers the last token-expiry warning shown (so each threshold notifies once).
    pub async fn set_scim_warned_threshold(&self, id: i64, threshold: Option<i64>) -> Result<()> {
        sqlx::query("UPDATE scim_endpoints SET last_warned_threshold = ? WHERE id = ?")
            .bind(threshold)
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Keeps one check with its findings and seat snapshots, all in one transaction.
    /// `check.id` is ignored; the new id is returned.
    pub async fn record_scim_check(
        &self,
        check: &ScimCheckRow,
        findings: &[ScimFindingRow],
        seats: &[SeatSnapshotRow],
    ) -> Result<i64> {
        let mut tx = self.pool().begin().await?;
        let (check_id,): (i64,) = sqlx::query_as(
            "INSERT INTO scim_checks (endpoint_id, checked_at, token_valid, token_expires_on,
                 token_days_left, users_total, users_active, users_inactive)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(check.endpoint_id)
        .bind(check.checked_at)
        .bind(check.token_valid)
        .bind(&check.token_expires_on)
        .bind(check.token_days_left)
        .bind(check.users_total)
        .bind(check.users_active)
        .bind(check.users_inactive)
        .fetch_one(&mut *tx)
        .await?;
        for f in findings {
            sqlx::query(
                "INSERT INTO scim_findings (check_id, endpoint_id, kind, severity, message, users, groups, product)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(check_id)
            .bind(check.endpoint_id)
            .bind(&f.kind)
            .bind(&f.severity)
            .bind(&f.message)
            .bind(&f.users)
            .bind(&f.groups)
            .bind(&f.product)
            .execute(&mut *tx)
            .await?;
        }
        for s in seats {
            sqlx::query(
                "INSERT INTO scim_seat_snapshots (endpoint_id, taken_at, product, purchased, used)
                 VALUES (?, ?, ?, ?, ?)",
            )
            .bind(check.endpoint_id)
            .bind(s.taken_at)
            .bind(&s.product)
            .bind(s.purchased)
            .bind(s.used)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(check_id)
    }

    /// Seat snapshots of an endpoint since `since` (unix seconds), oldest first.
    pub async fn scim_seat_snapshots(
        &self,
        endpoint_id: i64,
        since: i64,
    ) -> Result<Vec<SeatSnapshotRow>> {
        Ok(sqlx::query_as(
            "SELECT taken_at, product, purchased, used FROM scim_seat_snapshots
             WHERE endpoint_id = ? AND taken_at >= ? ORDER BY taken_at, id",
        )
        .bind(endpoint_id)
        .bind(since)
        .fetch_all(self.pool())
        .await?)
    }

    /// The latest checks of an endpoint, newest first.
    pub async fn scim_checks(&self, endpoint_id: i64, limit: i64) -> Result<Vec<ScimCheckRow>> {
        Ok(sqlx::query_as(
            "SELECT id, endpoint_id, checked_at, token_valid, token_expires_on, token_days_left,
                    users_total, users_active, users_inactive
             FROM scim_checks WHERE endpoint_id = ? ORDER BY checked_at DESC, id DESC LIMIT ?",
        )
        .bind(endpoint_id)
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }

    /// The findings of one check.
    pub async fn scim_findings(&self, check_id: i64) -> Result<Vec<ScimFindingRow>> {
        Ok(sqlx::query_as(
            "SELECT kind, severity, message, users, groups, product FROM scim_findings
             WHERE check_id = ? ORDER BY id",
        )
        .bind(check_id)
        .fetch_all(self.pool())
        .await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoint(url: &str) -> NewScimEndpoint {
        NewScimEndpoint {
            url: url.into(),
            name: "Okta".into(),
            auth_kind: "bearer".into(),
            token_issued_on: Some("2026-01-01".into()),
            token_lifetime_days: Some(90),
            seats: r#"{"Sales":100}"#.into(),
            group_products: "[]".into(),
            ..NewScimEndpoint::default()
        }
    }

    #[tokio::test]
    async fn endpoints_are_saved_by_url_and_never_hold_a_token() {
        let store = Store::in_memory().await.expect("store");
        let a = store
            .save_scim_endpoint(&endpoint("https://a.test/scim/v2"))
            .await
            .expect("a");
        let b = store
            .save_scim_endpoint(&endpoint("https://b.test/scim/v2"))
            .await
            .expect("b");
        assert_ne!(a, b);
        let mut changed = endpoint("https://a.test/scim/v2");
        changed.token_lifetime_days = Some(180);
        assert_eq!(store.save_scim_endpoint(&changed).await.expect("update"), a);
        let all = store.scim_endpoints().await.expect("list");
        assert_eq!(all.len(), 2, "several endpoints are watched");
        let row = store.scim_endpoint(a).await.expect("get").expect("some");
        assert_eq!(row.token_lifetime_days, Some(180));
        // The schema has nowhere to put a token.
        let columns: Vec<(String,)> =
            sqlx::query_as("SELECT name FROM pragma_table_info('scim_endpoints')")
                .fetch_all(store.pool())
                .await
                .expect("columns");
        let token_columns: Vec<&str> = columns
            .iter()
            .map(|(c,)| c.as_str())
            .filter(|c| c.contains("token"))
            .collect();
        assert_eq!(
            token_columns,
            vec![
                "oauth_token_url",
                "token_issued_on",
                "token_lifetime_days",
                "token_expires_on"
            ]
        );
        assert!(!columns
            .iter()
            .any(|(c,)| c == "token" || c.contains("secret")));
    }

    #[tokio::test]
    async fn checks_keep_findings_and_snapshots_and_go_with_their_endpoint() {
        let store = Store::in_memory().await.expect("store");
        let id = store
            .save_scim_endpoint(&endpoint("https://a.test/scim/v2"))
            .await
            .expect("a");
        let check = |t| ScimCheckRow {
            id: 0,
            endpoint_id: id,
            checked_at: t,
            token_valid: true,
            token_expires_on: Some("2026-03-31".into()),
            token_days_left: Some(20),
            users_total: 120,
            users_active: 113,
            users_inactive: 7,
        };
        let finding = ScimFindingRow {
            kind: "seats_over_assigned".into(),
            severity: "error".into(),
            message: "Sales: 72 users, 70 seats".into(),
            users: "[]".into(),
            groups: "[]".into(),
            product: Some("Sales".into()),
        };
        let seat = |t, used| SeatSnapshotRow {
            taken_at: t,
            product: "Sales".into(),
            purchased: Some(70),
            used,
        };
        store
            .record_scim_check(&check(100), &[], &[seat(100, 60)])
            .await
            .expect("first");
        let second = store
            .record_scim_check(
                &check(200),
                std::slice::from_ref(&finding),
                &[seat(200, 72)],
            )
            .await
            .expect("second");
        let history = store.scim_seat_snapshots(id, 0).await.expect("snapshots");
        assert_eq!(
            history.iter().map(|s| s.used).collect::<Vec<_>>(),
            vec![60, 72]
        );
        assert_eq!(
            store.scim_findings(second).await.expect("findings"),
            vec![finding]
        );
        let checks = store.scim_checks(id, 10).await.expect("checks");
        assert_eq!(checks.first().map(|c| c.checked_at), Some(200));
        store.delete_scim_endpoint(id).await.expect("delete");
        assert!(store
            .scim_seat_snapshots(id, 0)
            .await
            .expect("snapshots")
            .is_empty());
        assert!(store.scim_checks(id, 10).await.expect("checks").is_empty());
    }
}
