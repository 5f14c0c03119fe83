//! Microsoft Graph, read as an app with client credentials: the enterprise app's service
//! principal, its synchronization (provisioning) jobs, and its failed provisioning-log entries.

use chrono::{DateTime, SecondsFormat, Utc};
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;
use tokio::sync::Mutex;
use tokio::time::Instant;
use url::Url;

use crate::error::{IdpError, Result};
use crate::facts;
use crate::http::{segment, text, Answer, Http};

const PROVIDER: &str = "Microsoft Graph";

/// Where Graph and its token endpoint live; national clouds and tests use others.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GraphEndpoints {
    /// Prepended to `/servicePrincipals`, e.g. `https://graph.microsoft.com/v1.0`.
    pub graph_url: String,
    /// Prepended to `/{tenant}/oauth2/v2.0/token`, e.g. `https://login.microsoftonline.com`.
    pub login_url: String,
}

impl Default for GraphEndpoints {
    fn default() -> Self {
        GraphEndpoints {
            graph_url: facts::GRAPH_URL.into(),
            login_url: facts::ENTRA_LOGIN_URL.into(),
        }
    }
}

/// The enterprise app's service principal.
#[derive(Clone, Debug, PartialEq)]
pub struct ServicePrincipal {
    pub id: String,
    pub display_name: String,
}

/// Why and since when a job is quarantined (`synchronizationQuarantine`, l.1195).
#[derive(Clone, Debug, PartialEq)]
pub struct JobQuarantine {
    /// `EncounteredBaseEscrowThreshold`, `TooManyDeletes`, … (l.893).
    pub reason: String,
    pub error_code: Option<String>,
    pub message: Option<String>,
    pub since: Option<String>,
    pub next_attempt: Option<String>,
}

/// A synchronization (provisioning) job (`synchronizationJob`, l.1140+).
#[derive(Clone, Debug, PartialEq)]
pub struct SyncJob {
    pub id: String,
    pub template_id: String,
    /// `NotConfigured`, `NotRun`, `Active`, `Paused`, `Quarantine` (l.1299).
    pub status_code: String,
    pub quarantine: Option<JobQuarantine>,
    /// `Succeeded`, `Failed`, `EntryLevelErrors` (l.1359).
    pub last_execution: Option<String>,
    pub last_execution_ended: Option<String>,
    pub last_execution_error: Option<String>,
    /// `Active`, `Disabled`, `Paused` (l.1240).
    pub schedule_state: Option<String>,
}

/// One provisioning-log entry (`provisioningObjectSummary`, l.701).
#[derive(Clone, Debug, PartialEq)]
pub struct ProvisioningEntry {
    pub at: String,
    /// `create`, `update`, `disable`, `delete`, … (l.663).
    pub action: String,
    /// `success`, `failure`, `skipped`, `warning` (l.799).
    pub status: String,
    pub error_code: Option<String>,
    pub reason: Option<String>,
    pub recommended_action: Option<String>,
    /// The `userName` pushed to the app (from `modifiedProperties`), when the entry names it.
    pub user_name: Option<String>,
    /// The user as Entra knows them.
    pub source_name: Option<String>,
    pub source_id: Option<String>,
    /// The user as the app knows them (absent when creating failed).
    pub target_name: Option<String>,
}

struct Token {
    authorization: SecretString,
    renew_at: Instant,
}

pub struct GraphClient {
    http: Http,
    graph: Url,
    token_url: Url,
    client_id: String,
    secret: SecretString,
    token: Mutex<Option<Token>>,
}

impl std::fmt::Debug for GraphClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GraphClient")
            .field("graph", &self.graph.as_str())
            .field("client_id", &self.client_id)
            .finish()
    }
}

impl GraphClient {
    /// An app registration of `tenant` (its id or domain) with a client secret.
    pub fn new(
        tenant: &str,
        client_id: &str,
        client_secret: &SecretString,
        endpoints: &GraphEndpoints,
    ) -> Result<Self> {
        let http = Http::new(PROVIDER)?;
        let graph = http.base_url(&endpoints.graph_url, "Microsoft Graph URL")?;
        let login = http.base_url(&endpoints.login_url, "Microsoft sign-in URL")?;
        let tenant = tenant.trim();
        if tenant.is_empty() || tenant.contains(['/', '?', '#', ' ']) {
            return Err(IdpError::Config(
                "Enter the Entra tenant ID (a GUID) or its domain, e.g. contoso.onmicrosoft.com."
                    .into(),
            ));
        }
        if client_id.trim().is_empty() {
            return Err(IdpError::Config(
                "Enter the app registration's client (application) ID.".into(),
            ));
        }
        let token_url = http.url(&login, &format!("/{tenant}/oauth2/v2.0/token"), &[]);
        Ok(GraphClient {
            http,
            graph,
            token_url,
            client_id: client_id.trim().to_string(),
            secret: client_secret.clone(),
            token: Mutex::new(None),
        })
    }

    /// `Bearer …` for the next call: the cached token, or a new one.
    async fn authorization(&self, renew: bool) -> Result<SecretString> {
        let mut slot = self.token.lock().await;
        if !renew {
            if let Some(token) = slot.as_ref().filter(|t| Instant::now() < t.renew_at) {
                return Ok(token.authorization.clone());
            }
        }
        let answer = self
            .http
            .post_form(
                &self.token_url,
                &[
                    ("grant_type", "client_credentials"),
                    ("client_id", &self.client_id),
                    ("client_secret", self.secret.expose_secret()),
                    ("scope", facts::GRAPH_SCOPE),
                ],
            )
            .await?;
        let access = answer["access_token"].as_str().ok_or(IdpError::Garbage {
            provider: PROVIDER,
            detail: "the token answer has no access_token".into(),
        })?;
        let lifetime = answer["expires_in"]
            .as_u64()
            .or_else(|| answer["expires_in"].as_str().and_then(|s| s.parse().ok()))
            .unwrap_or(3600);
        // Renewed a minute early (a fifth early for short-lived tokens).
        let margin = 60.min(lifetime / 5);
        let token = Token {
            authorization: SecretString::from(format!("Bearer {access}")),
            renew_at: Instant::now() + std::time::Duration::from_secs(lifetime - margin),
        };
        let authorization = token.authorization.clone();
        *slot = Some(token);
        Ok(authorization)
    }

    /// A GET with the app's token; a token refused mid-run is renewed once.
    async fn get(&self, url: &Url) -> Result<Answer> {
        let authorization = self.authorization(false).await?;
        match self.http.get(url, &authorization).await {
            Err(IdpError::Rejected { status: 401, .. }) => {
                let renewed = self.authorization(true).await?;
                self.http.get(url, &renewed).await
            }
            other => other,
        }
    }

    /// Every item of a list, following `@odata.nextLink` (l.274-284).
    async fn all_values(&self, first: Url) -> Result<Vec<Value>> {
        let mut items = Vec::new();
        let mut next = Some(first);
        let mut pages = 0;
        while let Some(url) = next.take() {
            let answer = self.get(&url).await?;
            let Some(values) = answer.body["value"].as_array() else {
                return Err(IdpError::Garbage {
                    provider: PROVIDER,
                    detail: "a list answer without `value`".into(),
                });
            };
            items.extend(values.iter().cloned());
            pages += 1;
            next = answer.body["@odata.nextLink"]
                .as_str()
                .and_then(|link| Url::parse(link).ok())
                .filter(|link| *link != url && pages < facts::MOST_PAGES);
        }
        Ok(items)
    }

    /// The service principal (enterprise app) named `display_name`.
    pub async fn find_service_principal(
        &self,
        display_name: &str,
    ) -> Result<Option<ServicePrincipal>> {
        let filter = format!(
            "displayName eq '{}'",
            display_name.trim().replace('\'', "''")
        );
        let url = self.http.url(
            &self.graph,
            "/servicePrincipals",
            &[("$filter", filter), ("$select", "id,displayName".into())],
        );
        Ok(self
            .all_values(url)
            .await?
            .first()
            .map(|sp| ServicePrincipal {
                id: text(&sp["id"]).unwrap_or_default(),
                display_name: text(&sp["displayName"]).unwrap_or_default(),
            }))
    }

    /// The service principal's synchronization jobs.
    pub async fn sync_jobs(&self, service_principal_id: &str) -> Result<Vec<SyncJob>> {
        let url = self.http.url(
            &self.graph,
            &format!(
                "/servicePrincipals/{}/synchronization/jobs",
                segment(service_principal_id)
            ),
            &[],
        );
        Ok(self.all_values(url).await?.iter().map(sync_job).collect())
    }

    /// The service principal's failed provisioning-log entries since `since`.
    pub async fn provisioning_failures(
        &self,
        service_principal_id: &str,
        since: DateTime<Utc>,
    ) -> Result<Vec<ProvisioningEntry>> {
        let filter = format!(
            "servicePrincipal/id eq '{}' and provisioningStatusInfo/status eq '{}' and activityDateTime ge {}",
            service_principal_id.replace('\'', "''"),
            facts::GRAPH_STATUS_FAILURE,
            since.to_rfc3339_opts(SecondsFormat::Secs, true)
        );
        let url = self.http.url(
            &self.graph,
            "/auditLogs/provisioning",
            &[
                ("$filter", filter),
                ("$top", facts::GRAPH_LOG_PAGE.to_string()),
            ],
        );
        Ok(self.all_values(url).await?.iter().map(entry).collect())
    }
}

fn sync_job(value: &Value) -> SyncJob {
    let status = &value["status"];
    let quarantine = status["quarantine"]
        .as_object()
        .map(|_| &status["quarantine"])
        .map(|q| JobQuarantine {
            reason: text(&q["reason"]).unwrap_or_else(|| "Unknown".into()),
            error_code: text(&q["error"]["code"]),
            message: text(&q["error"]["message"]),
            since: text(&q["currentBegan"]),
            next_attempt: text(&q["nextAttempt"]),
        });
    let last = &status["lastExecution"];
    SyncJob {
        id: text(&value["id"]).unwrap_or_default(),
        template_id: text(&value["templateId"]).unwrap_or_default(),
        status_code: text(&status["code"]).unwrap_or_default(),
        quarantine,
        last_execution: text(&last["state"]),
        last_execution_ended: text(&last["timeEnded"]),
        last_execution_error: text(&last["error"]["message"]),
        schedule_state: text(&value["schedule"]["state"]),
    }
}

fn entry(value: &Value) -> ProvisioningEntry {
    let info = &value["provisioningStatusInfo"];
    let error = &info["errorInformation"];
    ProvisioningEntry {
        at: text(&value["activityDateTime"]).unwrap_or_default(),
        action: text(&value["provisioningAction"]).unwrap_or_default(),
        status: text(&info["status"]).unwrap_or_default(),
        error_code: text(&error["errorCode"]),
        reason: text(&error["reason"]),
        recommended_action: text(&error["recommendedAction"]),
        user_name: modified(value, "userName"),
        source_name: text(&value["sourceIdentity"]["displayName"]),
        source_id: text(&value["sourceIdentity"]["id"]),
        target_name: text(&value["targetIdentity"]["displayName"]),
    }
}

/// The new value of a `modifiedProperties` entry (the app's attribute names, any case).
fn modified(value: &Value, name: &str) -> Option<String> {
    value["modifiedProperties"]
        .as_array()?
        .iter()
        .find(|p| {
            p["displayName"]
                .as_str()
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        })
        .and_then(|p| text(&p["newValue"]))
}
