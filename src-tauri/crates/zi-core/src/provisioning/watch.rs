//! The Provisioning screen's session, shared by the app and (for its rules) the CLI: the
//! endpoints watched, the tokens entered this session, the demo's SCIM server while the demo
//! runs, and which seat alerts were already raised.
//!
//! A token entered here is kept in the OS keychain (one entry per endpoint URL), never in the
//! store, logs or replies; the endpoint's dates, seats and mappings are kept in the store. The
//! demo's token lives only as long as the demo. Without a keychain (tests) tokens last the
//! session.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zi_store::Store;

use super::check::{
    check_endpoint_with_directory, expiry_notification_due, forget_endpoint, list_endpoints,
    save_endpoint, seat_history, EndpointAuth, EndpointSecrets, WatchedEndpoint,
};
use super::directory::{page_of, UserLine, UserPage, UserQuery};
use super::forecast::SeatSnapshot;
use super::idp::IdpConnection;
use super::types::{FindingKind, HealthReport, HealthSettings, Severity};
use crate::console::{DemoScimServer, DemoWorld};
use crate::error::{CoreError, ErrorCode, ErrorReply, Result};
use crate::sessions::SessionVault;

/// The name the demo's endpoint goes by; nobody else may take it.
pub const DEMO_ENDPOINT_NAME: &str = "Demo (simulated ZoomInfo SCIM)";

/// Seats used by one product at one check, for the history chart.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SeatPoint {
    /// Unix seconds.
    #[ts(type = "number")]
    pub taken_at: i64,
    pub product: String,
    #[ts(type = "number")]
    pub used: i64,
    #[ts(type = "number | null")]
    pub purchased: Option<i64>,
}

/// One watched endpoint and its latest check.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct EndpointStatus {
    pub endpoint: WatchedEndpoint,
    /// The built-in demo SCIM server.
    pub demo: bool,
    /// The check's result; `None` when it could not run (see `error`).
    pub report: Option<HealthReport>,
    /// Why the check could not run: no token kept for it, server unreachable, …
    pub error: Option<ErrorReply>,
    /// Seats used over time (oldest first), from the checks kept in the store.
    pub history: Vec<SeatPoint>,
}

/// Everything the Provisioning screen shows.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ProvisioningStatus {
    /// RFC 3339.
    pub checked_at: String,
    pub endpoints: Vec<EndpointStatus>,
    /// Desktop notifications raised by this check (title: body).
    pub notified: Vec<String>,
}

impl ProvisioningStatus {
    /// The worst state across the endpoints: an endpoint whose check could not run counts as
    /// an error. `None` when nothing is watched.
    pub fn worst(&self) -> Option<Severity> {
        self.endpoints
            .iter()
            .map(|e| match &e.report {
                Some(report) => report.worst().unwrap_or(Severity::Info),
                None => Severity::Error,
            })
            .max()
    }

    /// One line for the tray: how provisioning stands across the endpoints.
    pub fn summary(&self) -> String {
        if self.endpoints.is_empty() {
            return "Provisioning: no SCIM endpoint watched".into();
        }
        let unchecked = self.endpoints.iter().filter(|e| e.report.is_none()).count();
        let count = |severity: Severity| {
            self.endpoints
                .iter()
                .filter_map(|e| e.report.as_ref())
                .flat_map(|r| &r.findings)
                .filter(|f| f.severity == severity)
                .count()
        };
        let mut parts = Vec::new();
        for (n, one, many) in [
            (unchecked, "endpoint not checked", "endpoints not checked"),
            (count(Severity::Error), "error", "errors"),
            (count(Severity::Warning), "warning", "warnings"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {}", if n == 1 { one } else { many }));
            }
        }
        if parts.is_empty() {
            "Provisioning: healthy".into()
        } else {
            format!("Provisioning: {}", parts.join(", "))
        }
    }
}

/// A desktop notification a check calls for.
#[derive(Clone, Debug, PartialEq)]
pub struct Alert {
    pub title: String,
    pub body: String,
}

/// "Add endpoint": the secret travels once, from the form to the OS keychain.
#[derive(Clone, Debug, Deserialize, TS)]
#[ts(export)]
pub struct AddEndpointRequest {
    pub url: String,
    pub name: String,
    /// The SCIM bearer token; with `oauth`, the OAuth client secret.
    pub token: String,
    /// Sign in with OAuth client credentials (Zoom's server-to-server apps) instead of a token.
    #[serde(default)]
    #[ts(optional)]
    pub oauth: Option<OAuthEntry>,
    pub settings: HealthSettings,
    /// The identity provider to read beside the endpoint.
    #[serde(default)]
    #[ts(optional)]
    pub idp: Option<IdpConnection>,
    /// Its API token (Okta) or client secret (Entra); kept in the keychain.
    #[serde(default)]
    #[ts(optional)]
    pub idp_secret: Option<String>,
}

/// An OAuth app's public half, as the form has it (the secret is the request's `token`).
#[derive(Clone, Debug, Deserialize, TS)]
#[ts(export)]
pub struct OAuthEntry {
    pub token_url: String,
    pub client_id: String,
    /// Zoom's server-to-server apps: the account id (`grant_type=account_credentials`).
    pub account_id: Option<String>,
}

impl OAuthEntry {
    /// Checked and trimmed, as the endpoint will sign in with it.
    pub fn auth(&self) -> Result<EndpointAuth> {
        let token_url = http_url(&self.token_url).ok_or_else(|| {
            CoreError::Invalid(
                "Enter the OAuth token URL, starting with https:// (Zoom: https://zoom.us/oauth/token).".into(),
            )
        })?;
        let client_id = self.client_id.trim();
        if client_id.is_empty() {
            return Err(CoreError::Invalid(
                "Enter the OAuth app's client ID.".into(),
            ));
        }
        Ok(EndpointAuth::Oauth {
            token_url,
            client_id: client_id.to_string(),
            account_id: self
                .account_id
                .as_deref()
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_string),
        })
    }
}

/// An http(s) URL with a host, trimmed of spaces and a trailing slash.
fn http_url(url: &str) -> Option<String> {
    let url = url.trim().trim_end_matches('/');
    let host = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .map(|rest| rest.split(['/', '?', '#']).next().unwrap_or_default())?;
    (!host.is_empty() && !host.starts_with(':')).then(|| url.to_string())
}

/// A SCIM base URL as the admin typed it, checked and trimmed: http(s) and a host. The app's
/// form and `zi scim status --url` both go through here.
pub fn endpoint_url(url: &str) -> Result<String> {
    http_url(url).ok_or_else(|| {
        CoreError::Invalid(
            "Enter the SCIM base URL, starting with https:// (e.g. https://api.zoominfo.com/scim/v2).".into(),
        )
    })
}

/// A SCIM bearer token as pasted, checked and trimmed.
pub fn endpoint_token(token: &str) -> Result<SecretString> {
    let token = token.trim();
    if token.is_empty() {
        return Err(CoreError::Invalid(
            "Paste the SCIM API token generated in the ZoomInfo admin portal.".into(),
        ));
    }
    Ok(SecretString::from(token.to_string()))
}

/// The keychain account under which the token of the SCIM endpoint at `url` is kept.
pub fn token_account(url: &str) -> String {
    format!("scim token {}", url.trim().trim_end_matches('/'))
}

/// The keychain account under which the secret of the identity provider read beside the SCIM
/// endpoint at `url` is kept.
pub fn idp_secret_account(url: &str) -> String {
    format!("idp secret {}", url.trim().trim_end_matches('/'))
}

/// What this session knows beyond the store.
#[derive(Default)]
pub struct ScimWatch {
    /// Where tokens are kept between runs (the OS keychain); `None`: for this session only.
    vault: Option<Arc<dyn SessionVault>>,
    /// The demo's SCIM server while the demo runs.
    demo: Option<DemoScimServer>,
    /// Tokens by endpoint id, as read from the vault or entered this session.
    tokens: HashMap<i64, SecretString>,
    /// Identity-provider secrets by endpoint id, likewise.
    idp_secrets: HashMap<i64, SecretString>,
    /// Each endpoint's directory as its latest check this session read it.
    directories: HashMap<i64, Vec<UserLine>>,
    /// What the demo's earlier runs had found: a new run (a new server, a new row) does not
    /// announce the same problems again.
    demo_seen: HashSet<String>,
}

/// Checks of every watched endpoint run this often in the background, whatever screen is
/// open (the Provisioning screen checks on its own while it is shown).
pub const BACKGROUND_CHECK_EVERY: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// At most this many notifications per endpoint and check; the rest are summed up in one more.
pub const MOST_ALERTS_PER_CHECK: usize = 3;

/// What a finding is about, to tell a new one from one the previous check already had.
fn subject(kind: &str, users: &str, groups: &str, product: Option<&str>) -> String {
    format!("{kind}|{users}|{groups}|{}", product.unwrap_or_default())
}

fn subject_of(finding: &super::types::Finding) -> String {
    let list = |names: &[String]| serde_json::to_string(names).unwrap_or_default();
    subject(
        finding.kind.as_str(),
        &list(&finding.users),
        &list(&finding.groups),
        finding.product.as_deref(),
    )
}

/// The findings of the endpoint's latest kept check, by subject.
async fn previous_subjects(store: &Store, endpoint_id: i64) -> Result<HashSet<String>> {
    let Some(check) = store.scim_checks(endpoint_id, 1).await?.into_iter().next() else {
        return Ok(HashSet::new());
    };
    Ok(store
        .scim_findings(check.id)
        .await?
        .iter()
        .map(|f| subject(&f.kind, &f.users, &f.groups, f.product.as_deref()))
        .collect())
}

impl ScimWatch {
    /// Keeps endpoint tokens in `vault` (the OS keychain) between runs.
    pub fn new(vault: Option<Arc<dyn SessionVault>>) -> Self {
        ScimWatch {
            vault,
            ..ScimWatch::default()
        }
    }

    /// The endpoint's token: entered this session, else kept in the vault.
    fn token_of(
        &mut self,
        endpoint: &WatchedEndpoint,
    ) -> std::result::Result<SecretString, ErrorReply> {
        if let Some(token) = self.tokens.get(&endpoint.id) {
            return Ok(token.clone());
        }
        let Some(vault) = &self.vault else {
            return Err(token_missing());
        };
        match vault.load(&token_account(&endpoint.url)) {
            Ok(Some(token)) => {
                self.tokens.insert(endpoint.id, token.clone());
                Ok(token)
            }
            Ok(None) => Err(token_missing()),
            Err(error) => Err(error.reply()),
        }
    }

    /// The endpoint's identity-provider secret, when it has an IdP and one is kept.
    fn idp_secret_of(&mut self, endpoint: &WatchedEndpoint) -> Option<SecretString> {
        endpoint.idp.as_ref()?;
        if let Some(secret) = self.idp_secrets.get(&endpoint.id) {
            return Some(secret.clone());
        }
        let secret = self
            .vault
            .as_ref()?
            .load(&idp_secret_account(&endpoint.url))
            .ok()??;
        self.idp_secrets.insert(endpoint.id, secret.clone());
        Some(secret)
    }

    /// Checks every watched endpoint now (the demo's too, while `demo` runs) and says which
    /// desktop notifications became due.
    pub async fn check_all(
        &mut self,
        store: &Store,
        demo: Option<&dyn DemoWorld>,
        now: DateTime<Utc>,
    ) -> Result<(ProvisioningStatus, Vec<Alert>)> {
        self.sync_demo(store, demo).await?;
        let demo_id = self.demo.as_ref().map(|d| d.endpoint.id);
        let mut endpoints = Vec::new();
        let mut alerts = Vec::new();
        for endpoint in list_endpoints(store).await? {
            let mut seen = previous_subjects(store, endpoint.id).await?;
            if Some(endpoint.id) == demo_id && seen.is_empty() {
                seen.clone_from(&self.demo_seen);
            }
            let idp_secret = self.idp_secret_of(&endpoint);
            let (report, error) = match self.token_of(&endpoint) {
                Err(missing) => (None, Some(missing)),
                Ok(token) => {
                    let secrets = EndpointSecrets {
                        scim: &token,
                        idp: idp_secret.as_ref(),
                    };
                    match check_endpoint_with_directory(store, &endpoint, secrets, now).await {
                        Ok((report, directory)) => {
                            self.directories.insert(endpoint.id, directory);
                            (Some(report), None)
                        }
                        Err(error) => (None, Some(check_failed(&endpoint, &error))),
                    }
                }
            };
            if let Some(report) = &report {
                alerts.extend(alerts_for(store, &endpoint, report, &seen).await?);
            }
            let history = history_of(seat_history(store, endpoint.id, now).await?);
            endpoints.push(EndpointStatus {
                demo: Some(endpoint.id) == demo_id,
                endpoint,
                report,
                error,
                history,
            });
        }
        // The demo first, then by name.
        endpoints.sort_by(|a, b| {
            b.demo
                .cmp(&a.demo)
                .then(a.endpoint.name.cmp(&b.endpoint.name))
        });
        let status = ProvisioningStatus {
            checked_at: now.to_rfc3339(),
            endpoints,
            notified: alerts
                .iter()
                .map(|a| format!("{}: {}", a.title, a.body))
                .collect(),
        };
        Ok((status, alerts))
    }

    /// A page of the endpoint's users as its latest check this session read them (none before
    /// the first check).
    pub fn users(&self, endpoint_id: i64, query: &UserQuery) -> UserPage {
        self.directories
            .get(&endpoint_id)
            .map(|lines| page_of(lines, query))
            .unwrap_or_default()
    }

    /// Adds (or updates, by URL) an endpoint; its token goes to the keychain.
    pub async fn add(
        &mut self,
        store: &Store,
        request: AddEndpointRequest,
    ) -> Result<WatchedEndpoint> {
        let url = endpoint_url(&request.url)?;
        let auth = request.oauth.as_ref().map(OAuthEntry::auth).transpose()?;
        let token = match (&auth, endpoint_token(&request.token)) {
            (_, Ok(token)) => token,
            (Some(_), Err(_)) => {
                return Err(CoreError::Invalid(
                    "Paste the OAuth app's client secret.".into(),
                ))
            }
            (None, Err(e)) => return Err(e),
        };
        let idp = request.idp.map(IdpConnection::checked).transpose()?;
        let idp_secret = match &idp {
            None => None,
            Some(idp) => Some(
                request
                    .idp_secret
                    .as_deref()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| SecretString::from(s.to_string()))
                    .ok_or_else(|| {
                        CoreError::Invalid(format!("Paste the {}.", idp.secret_name()))
                    })?,
            ),
        };
        let mut endpoint = WatchedEndpoint::bearer(url, request.settings);
        endpoint.idp = idp;
        if let Some(auth) = auth {
            endpoint.auth = auth;
        }
        endpoint.name = request.name.trim().to_string();
        if endpoint.name == DEMO_ENDPOINT_NAME {
            return Err(CoreError::Invalid(
                "That name is the demo's; choose another.".into(),
            ));
        }
        if self
            .demo
            .as_ref()
            .is_some_and(|demo| demo.endpoint.url == endpoint.url)
        {
            return Err(CoreError::Invalid(
                "That is the demo's SCIM endpoint; it is already watched.".into(),
            ));
        }
        // The token first: an endpoint the console cannot check later is not worth saving.
        if let Some(vault) = &self.vault {
            vault.save(&token_account(&endpoint.url), &token)?;
            match &idp_secret {
                Some(secret) => vault.save(&idp_secret_account(&endpoint.url), secret)?,
                None => vault.delete(&idp_secret_account(&endpoint.url))?,
            }
        }
        // Saving by URL updates an endpoint already watched (e.g. to enter its token again).
        endpoint.id = save_endpoint(store, &endpoint).await?;
        self.tokens.insert(endpoint.id, token);
        match idp_secret {
            Some(secret) => self.idp_secrets.insert(endpoint.id, secret),
            None => self.idp_secrets.remove(&endpoint.id),
        };
        store
            .audit("scim_endpoint_saved", &format!("endpoint {}", endpoint.url))
            .await?;
        Ok(endpoint)
    }

    /// Stops watching an endpoint (its history goes too) and drops its token.
    pub async fn forget(&mut self, store: &Store, id: i64) -> Result<()> {
        if self.demo.as_ref().is_some_and(|d| d.endpoint.id == id) {
            return Err(CoreError::Invalid(
                "The demo endpoint cannot be removed; it goes away when the demo ends.".into(),
            ));
        }
        let url = list_endpoints(store)
            .await?
            .into_iter()
            .find(|e| e.id == id)
            .map(|e| e.url);
        if let (Some(vault), Some(url)) = (&self.vault, &url) {
            vault.delete(&token_account(url))?;
            vault.delete(&idp_secret_account(url))?;
        }
        forget_endpoint(store, id).await?;
        self.tokens.remove(&id);
        self.idp_secrets.remove(&id);
        self.directories.remove(&id);
        Ok(())
    }

    /// While the demo runs, starts its SCIM server once and watches it (replacing the rows of
    /// earlier runs, whose servers listened elsewhere). Outside the demo, stops it.
    async fn sync_demo(&mut self, store: &Store, demo: Option<&dyn DemoWorld>) -> Result<()> {
        let Some(world) = demo.filter(|world| world.is_demo()) else {
            if let Some(old) = self.demo.take() {
                self.tokens.remove(&old.endpoint.id);
                self.idp_secrets.remove(&old.endpoint.id);
            }
            return Ok(());
        };
        if self.demo.is_some() {
            return Ok(());
        }
        let mut scim = world.start_scim().await?;
        // Each run's server listens on a new port; earlier runs' rows go, but the expiry
        // warning already notified carries over, so every demo launch does not notify again.
        let mut warned: Option<i64> = None;
        for stale in list_endpoints(store).await? {
            if stale.name == DEMO_ENDPOINT_NAME && stale.url != scim.endpoint.url {
                if let Some(threshold) = stale.last_warned_threshold {
                    warned = Some(warned.map_or(threshold, |w| w.min(threshold)));
                }
                self.demo_seen
                    .extend(previous_subjects(store, stale.id).await?);
                forget_endpoint(store, stale.id).await?;
            }
        }
        scim.endpoint.name = DEMO_ENDPOINT_NAME.into();
        scim.endpoint.id = save_endpoint(store, &scim.endpoint).await?;
        if warned.is_some() {
            store
                .set_scim_warned_threshold(scim.endpoint.id, warned)
                .await?;
        }
        self.tokens.insert(scim.endpoint.id, scim.token.clone());
        if let Some(secret) = &scim.idp_secret {
            self.idp_secrets.insert(scim.endpoint.id, secret.clone());
        }
        self.demo = Some(scim);
        Ok(())
    }
}

/// The notifications a check calls for: a token-expiry threshold newly reached (the store
/// remembers which), and each error or warning the previous check did not have (`seen`), at
/// most [`MOST_ALERTS_PER_CHECK`] of them.
async fn alerts_for(
    store: &Store,
    endpoint: &WatchedEndpoint,
    report: &HealthReport,
    seen: &HashSet<String>,
) -> Result<Vec<Alert>> {
    let name = if endpoint.name.is_empty() {
        endpoint.url.as_str()
    } else {
        endpoint.name.as_str()
    };
    let mut alerts = Vec::new();
    if let Some(threshold) = expiry_notification_due(store, endpoint.id, report).await? {
        let left = match report.token.days_left.unwrap_or(threshold) {
            0 => "today".to_string(),
            1 => "in 1 day".to_string(),
            days => format!("in {days} days"),
        };
        alerts.push(Alert {
            title: format!("SCIM token expires {left}"),
            body: format!("{name}: generate a new token before it expires, or provisioning stops."),
        });
    }
    let new: Vec<&super::types::Finding> = report
        .findings
        .iter()
        // Expiry warnings have their thresholds above; the rest notify when they first appear.
        .filter(|f| f.severity >= Severity::Warning && f.kind != FindingKind::TokenExpiring)
        .filter(|f| !seen.contains(&subject_of(f)))
        .collect();
    for finding in new.iter().take(MOST_ALERTS_PER_CHECK) {
        alerts.push(Alert {
            title: alert_title(finding),
            body: format!("{name}: {}", finding.message),
        });
    }
    if new.len() > MOST_ALERTS_PER_CHECK {
        let more = new.len() - MOST_ALERTS_PER_CHECK;
        alerts.push(Alert {
            title: format!("{more} more provisioning problems"),
            body: format!("{name}: open the Provisioning screen to see them all."),
        });
    }
    Ok(alerts)
}

/// A notification's title: what happened, in a few words.
fn alert_title(finding: &super::types::Finding) -> String {
    let product = finding.product.as_deref().unwrap_or("Some");
    match finding.kind {
        FindingKind::SeatsOverAssigned => format!("{product} seats over-assigned"),
        FindingKind::SeatsExhausted => format!("{product} seats exhausted"),
        FindingKind::SeatsRunningOut => format!("{product} seats running out"),
        FindingKind::TokenRejected => "SCIM token refused".into(),
        FindingKind::TokenExpired => "SCIM token expired".into(),
        FindingKind::IdpUsersFailed => match finding.users.len() {
            1 => "1 user not provisioned".into(),
            n => format!("{n} users not provisioned"),
        },
        FindingKind::IdpJobQuarantined => "Provisioning quarantined".into(),
        FindingKind::IdpJobStopped => "Provisioning not running".into(),
        _ if finding.severity == Severity::Error => "Provisioning problem".into(),
        _ => "Provisioning warning".into(),
    }
}

fn token_missing() -> ErrorReply {
    ErrorReply::new(
        ErrorCode::TokenMissing,
        "No SCIM token is kept for this endpoint (it was removed from the keychain, or entered while no keychain was available). Add the endpoint again with its token to check it.",
    )
}

/// A check that could not run (server unreachable, answer unreadable, bad entries), in words.
fn check_failed(endpoint: &WatchedEndpoint, error: &CoreError) -> ErrorReply {
    ErrorReply {
        code: ErrorCode::ScimCheckFailed,
        message: format!(
            "The check of {} could not run: {error} It runs again at the next refresh.",
            endpoint.url
        ),
        detail: Some(error.code().to_string()),
    }
}

fn history_of(snapshots: Vec<SeatSnapshot>) -> Vec<SeatPoint> {
    let mut points: Vec<SeatPoint> = snapshots
        .into_iter()
        .map(|s| SeatPoint {
            taken_at: s.taken_at,
            product: s.product,
            used: s.used,
            purchased: s.purchased,
        })
        .collect();
    points.sort_by_key(|p| p.taken_at);
    points
}

#[cfg(test)]
mod tests {
    use super::endpoint_url;

    #[test]
    fn the_tray_line_counts_what_needs_attention() {
        use super::*;
        use crate::provisioning::{Finding, HealthReport};

        let mut status = ProvisioningStatus {
            checked_at: String::new(),
            endpoints: Vec::new(),
            notified: Vec::new(),
        };
        assert_eq!(status.summary(), "Provisioning: no SCIM endpoint watched");
        assert_eq!(status.worst(), None);
        let report = |findings: Vec<Finding>| HealthReport {
            findings,
            ..serde_json::from_value(serde_json::json!({
                "endpoint": "https://x.test/scim/v2", "checked_at": "",
                "token": {"valid": true, "check": "accepted", "rejection": null, "expires_on": null,
                          "days_left": null, "expiry_source": "unknown"},
                "users": {"total": 0, "active": 0, "inactive": 0}, "groups": 0,
                "groups_offered": true, "seats": [], "forecasts": [], "findings": []
            }))
            .expect("a report")
        };
        let endpoint = |report: Option<HealthReport>| EndpointStatus {
            endpoint: WatchedEndpoint::bearer("https://x.test/scim/v2", HealthSettings::default()),
            demo: false,
            report,
            error: None,
            history: Vec::new(),
        };
        status.endpoints.push(endpoint(Some(report(Vec::new()))));
        assert_eq!(status.summary(), "Provisioning: healthy");
        assert_eq!(status.worst(), Some(Severity::Info));
        let warning = Finding::new(FindingKind::SeatsExhausted, Severity::Warning, "full");
        let error = Finding::new(FindingKind::TokenRejected, Severity::Error, "refused");
        status.endpoints.push(endpoint(Some(report(vec![
            warning.clone(),
            warning,
            error,
        ]))));
        status.endpoints.push(endpoint(None));
        assert_eq!(
            status.summary(),
            "Provisioning: 1 endpoint not checked, 1 error, 2 warnings"
        );
        assert_eq!(status.worst(), Some(Severity::Error));
    }

    #[test]
    fn a_scim_url_needs_http_and_a_host() {
        for good in [
            "https://api.zoominfo.com/scim/v2",
            " https://okta.example.com/scim/v2/ ",
            "http://127.0.0.1:9/scim/v2",
        ] {
            assert!(endpoint_url(good).is_ok(), "{good}");
        }
        assert_eq!(
            endpoint_url("https://api.zoominfo.com/scim/v2/")
                .ok()
                .as_deref(),
            Some("https://api.zoominfo.com/scim/v2")
        );
        for bad in [
            "",
            "api.zoominfo.com/scim/v2",
            "https://",
            "https:///scim",
            "ftp://x.y/scim",
            "https://:443/scim",
        ] {
            assert!(endpoint_url(bad).is_err(), "{bad}");
        }
    }
}
