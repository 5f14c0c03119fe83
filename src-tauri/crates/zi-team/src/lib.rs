//! Team mode: what a RevOps team sharing one ZoomInfo account shares, on PostgreSQL.
//!
//! - The records bought by any member serve every member (with the freshness rule).
//! - A key being bought is claimed first, atomically: a second member waits for the answer
//!   instead of buying it again; a claim left by a dead process is taken over after a timeout.
//! - The account's request pace is one schedule for every member's process.
//! - The ledger names the member and the job; per-member budgets live here too.
//! - Data connectors' answers, so that no member asks a connector what another already did.
//!
//! Each member's machine keeps its own jobs (the rows of its files) in its local SQLite; this
//! crate knows nothing of them, nor of ZoomInfo's API.

mod address;
mod claims;
mod connectors;
mod error;
mod ledger;
mod pace;
mod purchase;
#[cfg(feature = "test-server")]
pub mod testing;

use std::sync::Arc;
use std::time::Duration;

use secrecy::SecretString;
use sqlx::postgres::PgPoolOptions;
use sqlx::PgPool;

pub use address::DatabaseAddress;
pub use claims::{Claim, Freshness, TeamAnswer};
pub use connectors::{ConnectorAnswer, ConnectorCalls, InputClaim};
pub use error::{Result, TeamError};
pub use ledger::{month_start, JobSpend, MemberSpend, TeamJob, UsageRow};
pub use purchase::Purchase;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// How long to wait for a connection before calling the database unreachable: long enough for
/// a busy server, short enough that a job stops soon after an outage.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A claim older than this belongs to a process that died mid-batch (a batch, retries
/// included, takes seconds): another member may buy the key.
pub const CLAIM_TIMEOUT: Duration = Duration::from_secs(120);

/// The team's store, as one member's process sees it; cheap to clone.
#[derive(Clone, Debug)]
pub struct TeamStore {
    pool: PgPool,
    inner: Arc<Identity>,
}

#[derive(Debug)]
struct Identity {
    /// `host:port/name`, for messages.
    database: String,
    /// Who this process spends for.
    member: String,
    /// This process, in claims: host, process id and start time.
    holder: String,
    claim_timeout: Duration,
}

impl TeamStore {
    /// Connects as `member` and brings the team's schema up to date. `password`, when given,
    /// replaces any written in the address.
    pub async fn connect(
        address: &DatabaseAddress,
        password: Option<&SecretString>,
        member: &str,
    ) -> Result<TeamStore> {
        TeamStore::connect_with(address, password, member, CLAIM_TIMEOUT).await
    }

    /// [`TeamStore::connect`] with another claim timeout (tests of the takeover).
    pub async fn connect_with(
        address: &DatabaseAddress,
        password: Option<&SecretString>,
        member: &str,
        claim_timeout: Duration,
    ) -> Result<TeamStore> {
        let database = address.label();
        let member = member.trim();
        if member.is_empty() {
            return Err(TeamError::Address(
                "the team member's name is empty; set one (ZI_TEAM_MEMBER or Settings)".into(),
            ));
        }
        let pool = PgPoolOptions::new()
            .max_connections(4)
            .acquire_timeout(CONNECT_TIMEOUT)
            .connect_with(address.connect_options(password)?)
            .await
            .map_err(|e| TeamError::from_sqlx(&database, e))?;
        MIGRATOR.run(&pool).await.map_err(|e| match e {
            sqlx::migrate::MigrateError::Execute(e) => TeamError::from_sqlx(&database, e),
            other => TeamError::Migrate {
                database: database.clone(),
                detail: other.to_string(),
            },
        })?;
        Ok(TeamStore {
            pool,
            inner: Arc::new(Identity {
                database,
                member: member.to_string(),
                holder: holder_name(),
                claim_timeout,
            }),
        })
    }

    /// The same store claiming as `holder`: a job claims under its own name (machine, data
    /// folder, job), so the job resumed after a crash takes its claims back at once while
    /// every other process waits for the timeout.
    pub fn with_holder(&self, holder: &str) -> TeamStore {
        TeamStore {
            pool: self.pool.clone(),
            inner: Arc::new(Identity {
                database: self.inner.database.clone(),
                member: self.inner.member.clone(),
                holder: holder.to_string(),
                claim_timeout: self.inner.claim_timeout,
            }),
        }
    }

    /// `host:port/name` of the database.
    pub fn database(&self) -> &str {
        &self.inner.database
    }

    /// The member this process spends for.
    pub fn member(&self) -> &str {
        &self.inner.member
    }

    /// Whether the database answers now.
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map_err(|e| self.error(e))?;
        Ok(())
    }

    pub(crate) fn pool(&self) -> &PgPool {
        &self.pool
    }

    pub(crate) fn holder(&self) -> &str {
        &self.inner.holder
    }

    pub(crate) fn claim_timeout(&self) -> Duration {
        self.inner.claim_timeout
    }

    pub(crate) fn error(&self, error: sqlx::Error) -> TeamError {
        TeamError::from_sqlx(&self.inner.database, error)
    }
}

/// Names this process among all members' processes.
fn holder_name() -> String {
    let host = machine_name();
    let started = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!("{host}:{}:{started}", std::process::id())
}

/// This machine's name, as the team's jobs and claims tell machines apart.
pub fn machine_name() -> String {
    std::env::var("HOSTNAME")
        .or_else(|_| std::env::var("COMPUTERNAME"))
        .ok()
        .filter(|h| !h.is_empty())
        .or_else(|| {
            std::fs::read_to_string("/etc/hostname")
                .ok()
                .map(|h| h.trim().to_string())
                .filter(|h| !h.is_empty())
        })
        .unwrap_or_else(|| "this machine".into())
}

pub(crate) fn unix_now() -> i64 {
    chrono::Utc::now().timestamp()
}
