//! What the identity-provider side of one simulator keeps: its credentials and ids, the pushes
//! that failed, the Graph synchronization job's state, issued Graph tokens and rate budgets.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use super::facts;
use super::failure::IdpFailure;
use super::ids;
use super::throttle::RateWindow;
use crate::util::lock;

/// A user the identity provider tried to push to ZoomInfo and could not (the user is not in
/// the SCIM directory).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PushFailure {
    pub user_name: String,
    pub display_name: String,
    pub failure: IdpFailure,
}

impl PushFailure {
    pub fn new(user_name: &str, display_name: &str, failure: IdpFailure) -> Self {
        PushFailure {
            user_name: user_name.to_string(),
            display_name: display_name.to_string(),
            failure,
        }
    }
}

/// The state of the Graph synchronization job that provisions ZoomInfo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncJobState {
    /// Running on schedule (`status.code` "Active").
    Active,
    /// Stopped by an admin (`status.code` "Paused", `schedule.state` "Paused").
    Paused,
    /// Put in quarantine by Entra (`status.code` "Quarantine").
    Quarantine {
        /// One of `quarantineReason`'s values ([`facts::GRAPH_QUARANTINE_REASONS`]); any other
        /// value is reported as "Unknown".
        reason: &'static str,
        /// `quarantine.error.code`, a free string.
        error_code: String,
        message: String,
    },
}

/// One failed push, with when it happened.
#[derive(Clone, Debug)]
pub(crate) struct FailedPush {
    pub push: PushFailure,
    pub at: DateTime<Utc>,
}

pub(crate) struct IdpState {
    pub seed: u64,
    pub started: DateTime<Utc>,
    pub okta_token: String,
    pub okta_app_id: String,
    pub tenant: String,
    pub client_id: String,
    pub client_secret: String,
    pub service_principal_id: String,
    /// The `appId` of the ZoomInfo enterprise app.
    pub app_id: String,
    pub job_id: String,
    pub failures: Mutex<Vec<FailedPush>>,
    /// The job's state and when it began.
    pub job: Mutex<(SyncJobState, DateTime<Utc>)>,
    /// Graph access tokens issued, with their expiry.
    pub graph_tokens: Mutex<HashMap<String, Instant>>,
    pub graph_token_lifetime: Duration,
    /// Requests per second each provider lets through (0: no limit).
    pub rate_limit: AtomicU32,
    pub okta_window: RateWindow,
    pub graph_window: RateWindow,
    /// Requests refused with 429 by either provider.
    pub throttled: AtomicU64,
}

impl IdpState {
    pub fn new(seed: u64, failures: &[PushFailure]) -> Self {
        let started = Utc::now();
        IdpState {
            seed,
            started,
            okta_token: format!("00{}", ids::alphanumeric(seed, "okta-api-token", 40)),
            okta_app_id: ids::okta_id(seed, "0oa", "zoominfo-app"),
            tenant: ids::guid(seed, "entra-tenant"),
            client_id: ids::guid(seed, "entra-client"),
            client_secret: format!(
                "{}~{}",
                ids::alphanumeric(seed, "entra-secret-hint", 3),
                ids::alphanumeric(seed, "entra-secret", 36)
            ),
            service_principal_id: ids::guid(seed, "zoominfo-service-principal"),
            app_id: ids::guid(seed, "zoominfo-app-id"),
            job_id: format!(
                "{}.{}.{}",
                facts::GRAPH_TEMPLATE_ID,
                ids::hex(seed, "job-hex", 32),
                ids::guid(seed, "job-guid")
            ),
            failures: Mutex::new(
                failures
                    .iter()
                    .map(|push| FailedPush {
                        push: push.clone(),
                        at: started,
                    })
                    .collect(),
            ),
            job: Mutex::new((SyncJobState::Active, started)),
            graph_tokens: Mutex::new(HashMap::new()),
            graph_token_lifetime: facts::ENTRA_TOKEN_LIFETIME,
            rate_limit: AtomicU32::new(0),
            okta_window: RateWindow::new(),
            graph_window: RateWindow::new(),
            throttled: AtomicU64::new(0),
        }
    }

    /// Records a failed push now; a second failure of the same user replaces the first.
    pub fn fail(&self, push: PushFailure) {
        let mut failures = lock(&self.failures);
        failures.retain(|f| !f.push.user_name.eq_ignore_ascii_case(&push.user_name));
        failures.push(FailedPush {
            push,
            at: Utc::now(),
        });
    }

    pub fn failures(&self) -> Vec<FailedPush> {
        lock(&self.failures).clone()
    }

    pub fn set_job(&self, state: SyncJobState) {
        let state = match state {
            SyncJobState::Quarantine {
                reason,
                error_code,
                message,
            } if !facts::GRAPH_QUARANTINE_REASONS.contains(&reason) => {
                tracing::warn!(reason, "not a quarantineReason value: reported as Unknown");
                SyncJobState::Quarantine {
                    reason: "Unknown",
                    error_code,
                    message,
                }
            }
            other => other,
        };
        *lock(&self.job) = (state, Utc::now());
    }

    pub fn job(&self) -> (SyncJobState, DateTime<Utc>) {
        lock(&self.job).clone()
    }

    pub fn per_second(&self) -> Option<u32> {
        match self.rate_limit.load(Ordering::SeqCst) {
            0 => None,
            n => Some(n),
        }
    }

    /// Whether `token` is a Graph access token issued here and not expired.
    pub fn graph_token_valid(&self, token: &str) -> bool {
        lock(&self.graph_tokens)
            .get(token)
            .is_some_and(|expires| Instant::now() < *expires)
    }
}
