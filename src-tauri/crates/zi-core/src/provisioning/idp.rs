//! The identity provider's own view of provisioning: who Okta or Entra ID tried and failed to
//! provision to ZoomInfo, and why; a quarantined or paused Entra provisioning job. The SCIM
//! endpoint only shows who arrived; the seeds send admins to the IdP when provisioning fails.
//!
//! An endpoint may name one IdP connection; its secret (Okta API token, Entra client secret)
//! lives in the OS keychain beside the SCIM token. Reading the IdP never stops the SCIM check:
//! when it fails, the report says so in a finding of its own.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use idp_client::{
    GraphClient, GraphEndpoints, IdpError, OktaClient, OktaLogEvent, ProvisioningEntry, SyncJob,
};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::types::{Finding, FindingKind, Severity};
use crate::error::{CoreError, Result};

/// The app's name when the admin leaves it empty: what Okta's catalogue and Entra's gallery
/// call it.
pub const DEFAULT_IDP_APP: &str = "ZoomInfo";

/// How far back the IdP's logs are read for failed pushes.
pub const IDP_LOG_DAYS: i64 = 7;

/// Where an endpoint's users come from, and how to read that IdP.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum IdpConnection {
    /// Okta's management API with an API token (`SSWS`).
    Okta {
        /// e.g. `https://acme.okta.com`.
        org_url: String,
        /// The ZoomInfo app's label in Okta.
        app: String,
    },
    /// Microsoft Graph with an app registration's client credentials.
    Entra {
        /// Tenant ID (GUID) or domain.
        tenant: String,
        client_id: String,
        /// The enterprise app's display name.
        app: String,
        /// Another Graph host (national clouds); `None`: graph.microsoft.com.
        #[serde(default)]
        #[ts(optional)]
        graph_url: Option<String>,
        /// Another sign-in host; `None`: login.microsoftonline.com.
        #[serde(default)]
        #[ts(optional)]
        login_url: Option<String>,
    },
}

impl IdpConnection {
    pub fn provider(&self) -> &'static str {
        match self {
            IdpConnection::Okta { .. } => "Okta",
            IdpConnection::Entra { .. } => "Microsoft Entra ID",
        }
    }

    /// What the secret is called, for messages.
    pub fn secret_name(&self) -> &'static str {
        match self {
            IdpConnection::Okta { .. } => "Okta API token",
            IdpConnection::Entra { .. } => "Entra client secret",
        }
    }

    /// Checked and trimmed as the form or the CLI gave it; an empty app name is ZoomInfo's.
    pub fn checked(self) -> Result<Self> {
        let app = |name: String| {
            let name = name.trim().to_string();
            if name.is_empty() {
                DEFAULT_IDP_APP.to_string()
            } else {
                name
            }
        };
        let optional = |url: Option<String>| {
            url.map(|u| u.trim().trim_end_matches('/').to_string())
                .filter(|u| !u.is_empty())
        };
        let connection = match self {
            IdpConnection::Okta { org_url, app: name } => IdpConnection::Okta {
                org_url: org_url.trim().trim_end_matches('/').to_string(),
                app: app(name),
            },
            IdpConnection::Entra {
                tenant,
                client_id,
                app: name,
                graph_url,
                login_url,
            } => IdpConnection::Entra {
                tenant: tenant.trim().to_string(),
                client_id: client_id.trim().to_string(),
                app: app(name),
                graph_url: optional(graph_url),
                login_url: optional(login_url),
            },
        };
        // The clients check the rest (URL shapes, empty ids) with the same words.
        let probe = SecretString::from("probe".to_string());
        match &connection {
            IdpConnection::Okta { org_url, .. } => {
                OktaClient::new(org_url, &probe).map_err(invalid)?;
            }
            IdpConnection::Entra {
                tenant, client_id, ..
            } => {
                GraphClient::new(tenant, client_id, &probe, &connection.endpoints())
                    .map_err(invalid)?;
            }
        }
        Ok(connection)
    }

    fn endpoints(&self) -> GraphEndpoints {
        let mut endpoints = GraphEndpoints::default();
        if let IdpConnection::Entra {
            graph_url,
            login_url,
            ..
        } = self
        {
            if let Some(url) = graph_url {
                endpoints.graph_url.clone_from(url);
            }
            if let Some(url) = login_url {
                endpoints.login_url.clone_from(url);
            }
        }
        endpoints
    }
}

fn invalid(error: IdpError) -> CoreError {
    CoreError::Invalid(error.to_string())
}

/// A user the IdP tried and failed to provision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IdpFailedUser {
    /// The login (Okta) or the Entra user's name.
    pub user: String,
    pub display_name: Option<String>,
    /// What was attempted: create, update, deactivate, …
    pub action: Option<String>,
    /// The IdP's error code (Entra).
    pub code: Option<String>,
    /// Why, in the IdP's (or ZoomInfo's) words.
    pub reason: String,
    /// What to do, when the IdP says.
    pub recommended_action: Option<String>,
    /// RFC 3339, when the IdP last tried.
    pub at: Option<String>,
}

/// Entra's provisioning job.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IdpJob {
    /// `Active`, `Paused`, `Quarantine`, `NotRun`, `NotConfigured`.
    pub state: String,
    /// Why it is quarantined (Entra's reason), with the error it gave.
    pub quarantine_reason: Option<String>,
    pub detail: Option<String>,
    /// RFC 3339: since when it is quarantined.
    pub since: Option<String>,
    /// The last run's result: `Succeeded`, `Failed`, `EntryLevelErrors`.
    pub last_run: Option<String>,
    pub last_run_ended: Option<String>,
    /// `Active`, `Disabled`, `Paused`.
    pub schedule: Option<String>,
}

/// What the IdP said at this check.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IdpReport {
    /// "Okta" or "Microsoft Entra ID".
    pub provider: String,
    /// The app looked for.
    pub app: String,
    /// Whether the IdP has that app.
    pub app_found: bool,
    /// Users assigned to the app (Okta).
    pub assigned: Option<u32>,
    /// Users whose changes wait to be pushed again (Okta's `OUT_OF_SYNC`).
    pub out_of_sync: u32,
    /// Failed users, most recent first.
    pub failed: Vec<IdpFailedUser>,
    pub job: Option<IdpJob>,
    /// Why the IdP could not be read; then the rest is empty.
    pub error: Option<String>,
}

impl IdpReport {
    fn empty(connection: &IdpConnection) -> Self {
        let app = match connection {
            IdpConnection::Okta { app, .. } | IdpConnection::Entra { app, .. } => app.clone(),
        };
        IdpReport {
            provider: connection.provider().into(),
            app,
            app_found: false,
            assigned: None,
            out_of_sync: 0,
            failed: Vec::new(),
            job: None,
            error: None,
        }
    }
}

/// Reads the IdP and says what it found; never fails (a read that failed is in `error` and in
/// a finding). `secret`: `None` when none is kept for it.
pub async fn check_idp(
    connection: &IdpConnection,
    secret: Option<&SecretString>,
    now: DateTime<Utc>,
) -> (IdpReport, Vec<Finding>) {
    let mut report = IdpReport::empty(connection);
    let read = match secret {
        None => Err(format!(
            "No {} is kept for this endpoint; add the endpoint again with it.",
            connection.secret_name()
        )),
        Some(secret) => read_idp(connection, secret, now, &mut report)
            .await
            .map_err(|e| e.to_string()),
    };
    if let Err(error) = read {
        report.error = Some(error);
    }
    let findings = idp_findings(&report);
    (report, findings)
}

async fn read_idp(
    connection: &IdpConnection,
    secret: &SecretString,
    now: DateTime<Utc>,
    report: &mut IdpReport,
) -> std::result::Result<(), IdpError> {
    let since = now - chrono::Duration::days(IDP_LOG_DAYS);
    match connection {
        IdpConnection::Okta { org_url, app } => {
            let client = OktaClient::new(org_url, secret)?;
            let Some(found) = client.find_app(app).await? else {
                return Ok(());
            };
            report.app_found = true;
            report.app = found.label;
            let users = client.app_users(&found.id).await?;
            let events = client.provisioning_events(&found.id, since, now).await?;
            report.assigned = Some(u32::try_from(users.len()).unwrap_or(u32::MAX));
            report.out_of_sync = u32::try_from(
                users
                    .iter()
                    .filter(|u| {
                        u.sync_state.as_deref() == Some(idp_client::facts::OKTA_SYNC_OUT_OF_SYNC)
                    })
                    .count(),
            )
            .unwrap_or(u32::MAX);
            report.failed = okta_failures(&users, &events);
        }
        IdpConnection::Entra {
            tenant,
            client_id,
            app,
            ..
        } => {
            let client = GraphClient::new(tenant, client_id, secret, &connection.endpoints())?;
            let Some(found) = client.find_service_principal(app).await? else {
                return Ok(());
            };
            report.app_found = true;
            report.app = found.display_name;
            let jobs = client.sync_jobs(&found.id).await?;
            report.job = worst_job(&jobs).map(job_of);
            let failures = client.provisioning_failures(&found.id, since).await?;
            report.failed = entra_failures(failures);
        }
    }
    Ok(())
}

/// Okta: users in `ERROR`, and users whose last push in the log failed (unless Okta now has
/// them in sync), with the log's reason when there is one.
fn okta_failures(users: &[idp_client::OktaAppUser], events: &[OktaLogEvent]) -> Vec<IdpFailedUser> {
    let key = |name: &str| name.trim().to_lowercase();
    // Oldest first, so the last one kept per user is their latest push.
    let mut latest: BTreeMap<String, &OktaLogEvent> = BTreeMap::new();
    for event in events {
        if let Some(user) = &event.user {
            latest.insert(key(user), event);
        }
    }
    let state: BTreeMap<String, Option<&str>> = users
        .iter()
        .map(|u| (key(&u.user_name), u.sync_state.as_deref()))
        .collect();
    let mut failed: Vec<IdpFailedUser> = Vec::new();
    for user in users
        .iter()
        .filter(|u| u.sync_state.as_deref() == Some(idp_client::facts::OKTA_SYNC_ERROR))
    {
        let event = latest.get(&key(&user.user_name)).filter(|e| e.failed());
        failed.push(okta_line(
            &user.user_name,
            event.copied(),
            user.last_sync.clone(),
        ));
    }
    for (user, event) in &latest {
        let in_sync = state
            .get(user)
            .is_some_and(|s| s.is_some_and(|s| s != idp_client::facts::OKTA_SYNC_ERROR));
        let listed = failed.iter().any(|f| key(&f.user) == *user);
        if event.failed() && !in_sync && !listed {
            let name = event.user.clone().unwrap_or_default();
            failed.push(okta_line(&name, Some(event), None));
        }
    }
    failed.sort_by(|a, b| b.at.cmp(&a.at).then(a.user.cmp(&b.user)));
    failed
}

fn okta_line(user: &str, event: Option<&OktaLogEvent>, last_sync: Option<String>) -> IdpFailedUser {
    let reason = event
        .map(|e| match &e.reason {
            Some(reason) if !e.display_message.is_empty() => {
                format!("{}: {reason}", e.display_message)
            }
            Some(reason) => reason.clone(),
            None => e.display_message.clone(),
        })
        .filter(|r| !r.is_empty())
        .unwrap_or_else(|| {
            "Okta marks this user's provisioning as failed; the reason is in the app's \
             provisioning tasks in the Okta Admin Console."
                .into()
        });
    IdpFailedUser {
        user: user.to_string(),
        display_name: event.and_then(|e| e.user_display_name.clone()),
        action: event.map(|e| push_action(&e.event_type)),
        code: None,
        reason,
        recommended_action: None,
        at: event.map(|e| e.published.clone()).or(last_sync),
    }
}

/// `application.provision.user.push_profile` → "update", and so on.
fn push_action(event_type: &str) -> String {
    let last = event_type.rsplit('.').next().unwrap_or_default();
    match last {
        "push" => "create",
        "push_profile" => "update",
        "deactivate" => "deactivate",
        "reactivate" => "reactivate",
        "password" => "password",
        "verify_exists" => "match",
        other => other,
    }
    .to_string()
}

/// Entra: the latest failed entry per user, most recent first.
fn entra_failures(entries: Vec<ProvisioningEntry>) -> Vec<IdpFailedUser> {
    let mut latest: BTreeMap<String, ProvisioningEntry> = BTreeMap::new();
    for entry in entries {
        let user = entry
            .user_name
            .clone()
            .or_else(|| entry.source_name.clone())
            .or_else(|| entry.source_id.clone())
            .unwrap_or_default();
        if latest.get(&user).is_none_or(|kept| kept.at < entry.at) {
            latest.insert(user, entry);
        }
    }
    let mut failed: Vec<IdpFailedUser> = latest
        .into_iter()
        .map(|(user, e)| IdpFailedUser {
            user,
            display_name: e.source_name.or(e.target_name),
            action: Some(e.action).filter(|a| !a.is_empty()),
            reason: e
                .reason
                .unwrap_or_else(|| "Entra ID logged a failure without a reason.".into()),
            code: e.error_code,
            recommended_action: e.recommended_action,
            at: Some(e.at).filter(|a| !a.is_empty()),
        })
        .collect();
    failed.sort_by(|a, b| b.at.cmp(&a.at).then(a.user.cmp(&b.user)));
    failed
}

/// The job to show: a quarantined one first, then a stopped one, then any.
fn worst_job(jobs: &[SyncJob]) -> Option<&SyncJob> {
    use idp_client::facts::{GRAPH_JOB_PAUSED, GRAPH_JOB_QUARANTINE};
    let rank = |job: &SyncJob| match job.status_code.as_str() {
        GRAPH_JOB_QUARANTINE => 0,
        GRAPH_JOB_PAUSED => 1,
        _ if job.schedule_state.as_deref() == Some("Disabled") => 1,
        _ => 2,
    };
    jobs.iter().min_by_key(|job| rank(job))
}

fn job_of(job: &SyncJob) -> IdpJob {
    IdpJob {
        state: job.status_code.clone(),
        quarantine_reason: job.quarantine.as_ref().map(|q| q.reason.clone()),
        detail: job
            .quarantine
            .as_ref()
            .and_then(|q| q.message.clone().or_else(|| q.error_code.clone()))
            .or_else(|| job.last_execution_error.clone()),
        since: job.quarantine.as_ref().and_then(|q| q.since.clone()),
        last_run: job.last_execution.clone(),
        last_run_ended: job.last_execution_ended.clone(),
        schedule: job.schedule_state.clone(),
    }
}

/// What the IdP's view calls for.
pub fn idp_findings(report: &IdpReport) -> Vec<Finding> {
    let provider = report.provider.as_str();
    let mut findings = Vec::new();
    if let Some(error) = &report.error {
        findings.push(Finding::new(
            FindingKind::IdpUnreadable,
            Severity::Warning,
            format!("{provider} could not be read, so users it failed to provision are not shown: {error}"),
        ));
        return findings;
    }
    if !report.app_found {
        findings.push(Finding::new(
            FindingKind::IdpAppMissing,
            Severity::Warning,
            format!(
                "{provider} has no app named \"{}\". Enter the ZoomInfo app's name exactly as {provider} shows it.",
                report.app
            ),
        ));
        return findings;
    }
    if let Some(job) = &report.job {
        use idp_client::facts::{
            GRAPH_JOB_NOT_CONFIGURED, GRAPH_JOB_NOT_RUN, GRAPH_JOB_PAUSED, GRAPH_JOB_QUARANTINE,
        };
        let detail = job
            .detail
            .as_deref()
            .map(|d| format!(" ({d})"))
            .unwrap_or_default();
        match job.state.as_str() {
            GRAPH_JOB_QUARANTINE => findings.push(Finding::new(
                FindingKind::IdpJobQuarantined,
                Severity::Error,
                format!(
                    "Entra ID has quarantined provisioning to {}: {}{detail}. Changes stop reaching ZoomInfo and Entra retries less and less often; fix the cause, then restart provisioning in the enterprise app.",
                    report.app,
                    job.quarantine_reason.as_deref().unwrap_or("no reason given"),
                ),
            )),
            GRAPH_JOB_PAUSED | GRAPH_JOB_NOT_RUN | GRAPH_JOB_NOT_CONFIGURED => {
                findings.push(Finding::new(
                    FindingKind::IdpJobStopped,
                    Severity::Warning,
                    format!(
                        "Provisioning to {} is not running in Entra ID (status {}): no user changes reach ZoomInfo until it is started.",
                        report.app, job.state
                    ),
                ))
            }
            _ if job.schedule.as_deref() == Some("Disabled") => findings.push(Finding::new(
                FindingKind::IdpJobStopped,
                Severity::Warning,
                format!(
                    "Provisioning to {} is scheduled off in Entra ID: no user changes reach ZoomInfo until it is turned on.",
                    report.app
                ),
            )),
            _ => {}
        }
    }
    if !report.failed.is_empty() {
        let n = report.failed.len();
        let mut finding = Finding::new(
            FindingKind::IdpUsersFailed,
            Severity::Error,
            format!(
                "{provider} failed to provision {n} {} to {}: see each reason under Identity provider.",
                if n == 1 { "user" } else { "users" },
                report.app
            ),
        );
        finding.users = report.failed.iter().map(|f| f.user.clone()).collect();
        finding.users.sort();
        findings.push(finding);
    }
    findings
}

#[cfg(test)]
mod tests;
