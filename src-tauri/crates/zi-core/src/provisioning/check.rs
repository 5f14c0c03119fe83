//! The use case: check one SCIM endpoint (token, users, groups, seats, drift) and, with a
//! store, keep the result so seat growth can be forecast.

use chrono::{DateTime, Utc};
use scim_client::{
    AccessCheck, OAuthClientCredentials, ScimAuth, ScimClient, ScimConfig, ScimError, ScimGroup,
    ScimUser,
};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zi_store::{
    NewScimEndpoint, ScimCheckRow, ScimEndpointRow, ScimFindingRow, SeatSnapshotRow, Store,
};

use super::directory::{directory_of, UserLine};
use super::drift::drift_findings;
use super::forecast::{forecast_seats, SeatSnapshot};
use super::idp::{check_idp, IdpConnection};
use super::org::{canonical_product, OrgView};
use super::rules;
use super::seats::{count_seats, seat_findings};
use super::token::{assess_token, resolve_expiry, validate_dates, Expiry};
use super::types::{GroupProduct, HealthReport, HealthSettings, SeatEntry, TokenDates, UserCounts};
use crate::error::{CoreError, Result};

/// A SCIM failure in the words the UI and the CLI show (the check itself failed).
pub fn scim_error(error: ScimError) -> CoreError {
    CoreError::Scim(error)
}

/// Checks the entries: dates that make sense, seat counts that are not negative.
pub fn validate_settings(settings: &HealthSettings) -> Result<()> {
    validate_dates(&settings.token)?;
    for seat in &settings.seats {
        if seat.purchased < 0 {
            return Err(CoreError::Invalid(format!(
                "Purchased seats of {} cannot be negative.",
                seat.product
            )));
        }
        if canonical_product(&seat.product).is_none() {
            return Err(CoreError::Invalid("A product name is empty.".into()));
        }
    }
    for m in &settings.group_products {
        if m.group.trim().is_empty() || canonical_product(&m.product).is_none() {
            return Err(CoreError::Invalid(format!(
                "The mapping '{}={}' needs a group and a product.",
                m.group, m.product
            )));
        }
    }
    Ok(())
}

/// What one check read from the server.
#[derive(Clone, Copy, Debug)]
pub struct Observed<'a> {
    /// The SCIM base URL.
    pub endpoint: &'a str,
    pub check: &'a AccessCheck,
    pub users: &'a [ScimUser],
    pub groups: &'a [ScimGroup],
    /// `false` when the server has no `/Groups` (then `groups` is empty).
    pub groups_offered: bool,
}

/// The whole assessment from what was read: pure, so every rule is tested without a server.
pub fn assess(
    observed: Observed<'_>,
    settings: &HealthSettings,
    expiry: &Expiry,
    history: &[SeatSnapshot],
    now: DateTime<Utc>,
) -> HealthReport {
    let Observed {
        endpoint,
        check,
        users,
        groups,
        groups_offered,
    } = observed;
    let (token, mut findings) = assess_token(expiry, check);
    let view = OrgView::new(users, groups, &settings.group_products);
    let accepted = matches!(check, AccessCheck::Accepted);
    let seats = if accepted {
        count_seats(&view, &settings.seats)
    } else {
        Vec::new()
    };
    let mut forecasts = Vec::new();
    if accepted {
        findings.extend(seat_findings(&seats));
        let (f, warnings) = forecast_seats(&seats, history, now);
        forecasts = f;
        findings.extend(warnings);
        findings.extend(drift_findings(
            &view,
            &settings.group_products,
            groups_offered,
        ));
    }
    sort_findings(&mut findings);
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let active = users.iter().filter(|u| u.is_active()).count();
    HealthReport {
        endpoint: endpoint.to_string(),
        checked_at: now.to_rfc3339(),
        token,
        users: UserCounts {
            total: count(users.len()),
            active: count(active),
            inactive: count(users.len() - active),
        },
        groups: count(groups.len()),
        groups_offered,
        seats,
        forecasts,
        findings,
        idp: None,
    }
}

/// Checks one endpoint now: the live token check, then every user (inactive ones too) and
/// group. A refused token is a finding; an unreachable server is an error.
/// `static_token` is read for its `exp` when it is a JWT (pass `None` for OAuth).
pub async fn check_scim_health(
    client: &ScimClient,
    static_token: Option<&SecretString>,
    settings: &HealthSettings,
    history: &[SeatSnapshot],
    now: DateTime<Utc>,
) -> Result<HealthReport> {
    check_with_directory(client, static_token, settings, history, now)
        .await
        .map(|(report, _)| report)
}

/// [`check_scim_health`], and the directory it read, one line per user.
pub async fn check_with_directory(
    client: &ScimClient,
    static_token: Option<&SecretString>,
    settings: &HealthSettings,
    history: &[SeatSnapshot],
    now: DateTime<Utc>,
) -> Result<(HealthReport, Vec<UserLine>)> {
    validate_settings(settings)?;
    let expiry = if client.uses_oauth() {
        Expiry::renewed()
    } else {
        resolve_expiry(static_token, &settings.token, now)
    };
    let mut check = client.check_access().await.map_err(scim_error)?;
    let (mut users, mut groups, mut groups_offered) = (Vec::new(), Vec::new(), true);
    if check == AccessCheck::Accepted {
        let listed = async {
            Ok::<_, ScimError>((
                client.list_users().await?,
                client.list_groups_if_offered().await?,
            ))
        };
        match listed.await {
            Ok((u, g)) => {
                users = u;
                groups_offered = g.is_some();
                groups = g.unwrap_or_default();
            }
            // Refused between the check and the listing: still a finding.
            Err(ScimError::Rejected {
                status, message, ..
            })
            | Err(ScimError::OAuthRejected { status, message }) => {
                check = AccessCheck::Rejected { status, message };
            }
            Err(e) => return Err(scim_error(e)),
        }
    }
    let observed = Observed {
        endpoint: client.base_url(),
        check: &check,
        users: &users,
        groups: &groups,
        groups_offered,
    };
    let directory = directory_of(&OrgView::new(&users, &groups, &settings.group_products));
    Ok((assess(observed, settings, &expiry, history, now), directory))
}

/// How the console signs in to a watched endpoint (the secret itself is in the keychain).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum EndpointAuth {
    /// A static API token (ZoomInfo, Okta, Entra ID).
    Bearer,
    /// OAuth client credentials (Zoom): the secret is the client secret.
    Oauth {
        token_url: String,
        client_id: String,
        account_id: Option<String>,
    },
}

/// A SCIM endpoint the console watches. Several can be watched.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WatchedEndpoint {
    /// 0 until saved.
    #[ts(type = "number")]
    pub id: i64,
    pub url: String,
    pub name: String,
    pub auth: EndpointAuth,
    pub settings: HealthSettings,
    /// The last token-expiry warning threshold notified (30/14/7/1).
    #[ts(type = "number | null")]
    pub last_warned_threshold: Option<i64>,
    /// The identity provider read beside the endpoint (its secret is in the keychain).
    #[serde(default)]
    pub idp: Option<IdpConnection>,
}

impl WatchedEndpoint {
    pub fn bearer(url: impl Into<String>, settings: HealthSettings) -> Self {
        WatchedEndpoint {
            id: 0,
            url: url.into().trim().trim_end_matches('/').to_string(),
            name: String::new(),
            auth: EndpointAuth::Bearer,
            settings,
            last_warned_threshold: None,
            idp: None,
        }
    }

    /// A client for this endpoint with its secret (the token, or the OAuth client secret).
    pub fn client(&self, secret: &SecretString) -> Result<ScimClient> {
        let auth = match &self.auth {
            EndpointAuth::Bearer => ScimAuth::Bearer(secret.clone()),
            EndpointAuth::Oauth {
                token_url,
                client_id,
                account_id,
            } => ScimAuth::OAuth(OAuthClientCredentials {
                token_url: token_url.clone(),
                client_id: client_id.clone(),
                client_secret: secret.clone(),
                account_id: account_id.clone(),
                scope: None,
            }),
        };
        ScimClient::new(ScimConfig::new(self.url.clone(), auth)).map_err(scim_error)
    }
}

fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| CoreError::Invalid(e.to_string()))
}

fn date_text(date: Option<chrono::NaiveDate>) -> Option<String> {
    date.map(|d| d.format("%Y-%m-%d").to_string())
}

fn to_row(endpoint: &WatchedEndpoint) -> Result<NewScimEndpoint> {
    let seats: std::collections::BTreeMap<&str, i64> = endpoint
        .settings
        .seats
        .iter()
        .map(|s| (s.product.as_str(), s.purchased))
        .collect();
    let (auth_kind, token_url, client_id, account_id) = match &endpoint.auth {
        EndpointAuth::Bearer => ("bearer", None, None, None),
        EndpointAuth::Oauth {
            token_url,
            client_id,
            account_id,
        } => (
            "oauth",
            Some(token_url.clone()),
            Some(client_id.clone()),
            account_id.clone(),
        ),
    };
    let token = &endpoint.settings.token;
    Ok(NewScimEndpoint {
        url: endpoint.url.clone(),
        name: endpoint.name.clone(),
        auth_kind: auth_kind.into(),
        oauth_token_url: token_url,
        oauth_client_id: client_id,
        oauth_account_id: account_id,
        token_issued_on: date_text(token.issued_on),
        token_lifetime_days: token.lifetime_days.map(i64::from),
        token_expires_on: date_text(token.expires_on),
        seats: to_json(&seats)?,
        group_products: to_json(&endpoint.settings.group_products)?,
        idp: endpoint.idp.as_ref().map(to_json).transpose()?,
    })
}

fn from_row(row: ScimEndpointRow) -> WatchedEndpoint {
    let date = |s: Option<String>| s.and_then(|s| s.parse().ok());
    let seats: std::collections::BTreeMap<String, i64> =
        serde_json::from_str(&row.seats).unwrap_or_default();
    let auth = match (
        row.auth_kind.as_str(),
        row.oauth_token_url,
        row.oauth_client_id,
    ) {
        ("oauth", Some(token_url), Some(client_id)) => EndpointAuth::Oauth {
            token_url,
            client_id,
            account_id: row.oauth_account_id,
        },
        _ => EndpointAuth::Bearer,
    };
    WatchedEndpoint {
        id: row.id,
        url: row.url,
        name: row.name,
        auth,
        settings: HealthSettings {
            token: TokenDates {
                issued_on: date(row.token_issued_on),
                lifetime_days: row.token_lifetime_days.and_then(|d| u32::try_from(d).ok()),
                expires_on: date(row.token_expires_on),
            },
            seats: seats
                .into_iter()
                .map(|(product, purchased)| SeatEntry { product, purchased })
                .collect(),
            group_products: serde_json::from_str::<Vec<GroupProduct>>(&row.group_products)
                .unwrap_or_default(),
        },
        last_warned_threshold: row.last_warned_threshold,
        // A connection this version cannot read is dropped rather than failing the list.
        idp: row.idp.and_then(|json| serde_json::from_str(&json).ok()),
    }
}

/// Saves (adds or updates, by URL) an endpoint; returns its id.
pub async fn save_endpoint(store: &Store, endpoint: &WatchedEndpoint) -> Result<i64> {
    validate_settings(&endpoint.settings)?;
    Ok(store.save_scim_endpoint(&to_row(endpoint)?).await?)
}

/// Every endpoint watched.
pub async fn list_endpoints(store: &Store) -> Result<Vec<WatchedEndpoint>> {
    Ok(store
        .scim_endpoints()
        .await?
        .into_iter()
        .map(from_row)
        .collect())
}

pub async fn endpoint_by_url(store: &Store, url: &str) -> Result<Option<WatchedEndpoint>> {
    Ok(store
        .scim_endpoint_by_url(url.trim().trim_end_matches('/'))
        .await?
        .map(from_row))
}

pub async fn forget_endpoint(store: &Store, id: i64) -> Result<()> {
    Ok(store.delete_scim_endpoint(id).await?)
}

/// Seat snapshots of an endpoint inside the forecast window.
pub async fn seat_history(
    store: &Store,
    endpoint_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<SeatSnapshot>> {
    let since = now.timestamp() - rules::FORECAST_WINDOW_DAYS * 86_400;
    Ok(store
        .scim_seat_snapshots(endpoint_id, since)
        .await?
        .into_iter()
        .map(|r| SeatSnapshot {
            taken_at: r.taken_at,
            product: r.product,
            purchased: r.purchased,
            used: r.used,
        })
        .collect())
}

/// Keeps a check: its summary, findings and seat counts.
pub async fn record_check(
    store: &Store,
    endpoint_id: i64,
    report: &HealthReport,
    now: DateTime<Utc>,
) -> Result<i64> {
    let check = ScimCheckRow {
        id: 0,
        endpoint_id,
        checked_at: now.timestamp(),
        token_valid: report.token.valid,
        token_expires_on: date_text(report.token.expires_on),
        token_days_left: report.token.days_left,
        users_total: i64::from(report.users.total),
        users_active: i64::from(report.users.active),
        users_inactive: i64::from(report.users.inactive),
    };
    let findings = report
        .findings
        .iter()
        .map(|f| {
            Ok(ScimFindingRow {
                kind: f.kind.as_str().into(),
                severity: f.severity.as_str().into(),
                message: f.message.clone(),
                users: to_json(&f.users)?,
                groups: to_json(&f.groups)?,
                product: f.product.clone(),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let seats: Vec<SeatSnapshotRow> = report
        .seats
        .iter()
        .map(|s| SeatSnapshotRow {
            taken_at: now.timestamp(),
            product: s.product.clone(),
            purchased: s.purchased,
            used: s.used,
        })
        .collect();
    Ok(store.record_scim_check(&check, &findings, &seats).await?)
}

/// Checks a watched endpoint (and its identity provider) with its secrets, using and
/// extending its seat history.
pub async fn check_endpoint(
    store: &Store,
    endpoint: &WatchedEndpoint,
    secrets: EndpointSecrets<'_>,
    now: DateTime<Utc>,
) -> Result<HealthReport> {
    check_endpoint_with_directory(store, endpoint, secrets, now)
        .await
        .map(|(report, _)| report)
}

/// [`check_endpoint`], and the directory it read.
pub async fn check_endpoint_with_directory(
    store: &Store,
    endpoint: &WatchedEndpoint,
    secrets: EndpointSecrets<'_>,
    now: DateTime<Utc>,
) -> Result<(HealthReport, Vec<UserLine>)> {
    let secret = secrets.scim;
    let id = if endpoint.id > 0 {
        endpoint.id
    } else {
        save_endpoint(store, endpoint).await?
    };
    let client = endpoint.client(secret)?;
    let history = seat_history(store, id, now).await?;
    let static_token = matches!(endpoint.auth, EndpointAuth::Bearer).then_some(secret);
    let (mut report, directory) =
        check_with_directory(&client, static_token, &endpoint.settings, &history, now).await?;
    if let Some(idp) = &endpoint.idp {
        add_idp_view(&mut report, idp, secrets.idp, now).await;
    }
    record_check(store, id, &report, now).await?;
    Ok((report, directory))
}

/// The secrets a check of one endpoint uses, from the keychain.
#[derive(Clone, Copy)]
pub struct EndpointSecrets<'a> {
    /// The SCIM token, or the OAuth client secret.
    pub scim: &'a SecretString,
    /// The identity provider's API token or client secret; `None` when none is kept.
    pub idp: Option<&'a SecretString>,
}

/// Reads the identity provider and adds what it said (and its findings) to the report.
pub async fn add_idp_view(
    report: &mut HealthReport,
    idp: &IdpConnection,
    secret: Option<&SecretString>,
    now: DateTime<Utc>,
) {
    let (idp_report, findings) = check_idp(idp, secret, now).await;
    report.findings.extend(findings);
    sort_findings(&mut report.findings);
    report.idp = Some(idp_report);
}

/// Worst first; within a severity, by kind, in the order found.
pub(crate) fn sort_findings(findings: &mut [super::types::Finding]) {
    findings.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.kind.cmp(&b.kind)));
}

/// The token-expiry threshold (30/14/7/1) to notify about now, if one was newly reached;
/// remembered so each notifies once. A new token (more days left) starts over.
pub async fn expiry_notification_due(
    store: &Store,
    endpoint_id: i64,
    report: &HealthReport,
) -> Result<Option<i64>> {
    let Some(row) = store.scim_endpoint(endpoint_id).await? else {
        return Ok(None);
    };
    let Some(days) = report.token.days_left else {
        return Ok(None);
    };
    let current = rules::token_warning_threshold(days);
    let due = rules::warning_due(row.last_warned_threshold, days);
    if due.is_some() || current.is_none() {
        store
            .set_scim_warned_threshold(endpoint_id, current)
            .await?;
    }
    Ok(due)
}
