//! `zi scim status`: the health of a SCIM provisioning endpoint — token expiry, seats per
//! product, drift — as a readable report or one JSON object (`--json`).
//!
//! Exit codes: 0 when the check ran (a rejected token is a finding, not a failure),
//! 1 when it could not run (unreachable server), 2 on a usage error, and with
//! `--fail-on SEVERITY`, 3 when a finding at or above that severity exists (for cron and
//! monitoring: page someone).

use clap::{Args, Subcommand, ValueEnum};
use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};
use serde::Serialize;
use zi_core::provisioning::{
    self, check_endpoint, check_scim_health, endpoint_token, endpoint_url, parse_date,
    ExpirySource, Finding, GroupProduct, HealthReport, HealthSettings, NaiveDate, SeatCount,
    SeatEntry, Severity, TokenDates, UserCounts, Utc, WatchedEndpoint,
};
use zi_core::provisioning::{
    add_idp_view, idp_secret_account, token_account, EndpointSecrets, IdpConnection, IdpReport,
    OAuthEntry,
};
use zi_core::secrets::Keychain;
use zi_core::sessions::SessionVault;
use zi_core::SecretString;
use zi_core::{paths, Result};
use zi_demo::provisioning::demo_endpoint;

#[derive(Subcommand, Debug)]
pub enum ScimCommand {
    /// Check a SCIM endpoint: token expiry, seats per product, drift and rule breaks.
    Status(Box<ScimStatusArgs>),
}

#[derive(Args, Debug)]
#[command(
    after_help = "Example: ZI_SCIM_TOKEN=… zi scim status --url https://…/scim/v2 --token-env ZI_SCIM_TOKEN --token-issued 2026-01-15 --token-days 90 --seats Sales=100 --group-product \"Sales Team=Sales\""
)]
pub struct ScimStatusArgs {
    /// The SCIM base URL (e.g. https://…/scim/v2). Not needed with --demo.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// The environment variable holding the bearer token (the token never goes on the command
    /// line). Without it, the token the app keeps in the OS keychain for this URL.
    #[arg(long, value_name = "VAR")]
    pub token_env: Option<String>,
    /// Sign in with OAuth client credentials (Zoom's SCIM2: https://zoom.us/oauth/token)
    /// instead of a bearer token; needs --client-id.
    #[arg(
        long,
        value_name = "URL",
        requires = "client_id",
        conflicts_with = "token_env"
    )]
    pub oauth_token_url: Option<String>,
    /// The OAuth app's client ID (with --oauth-token-url).
    #[arg(long, value_name = "ID", requires = "oauth_token_url")]
    pub client_id: Option<String>,
    /// Zoom server-to-server apps: the account ID (with --oauth-token-url).
    #[arg(long, value_name = "ID", requires = "oauth_token_url")]
    pub account_id: Option<String>,
    /// The environment variable holding the OAuth client secret; without it, the secret the app
    /// keeps in the OS keychain for this URL.
    #[arg(long, value_name = "VAR", requires = "oauth_token_url")]
    pub client_secret_env: Option<String>,
    /// The token's expiry date, when it is not a JWT that says so itself.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg, conflicts_with_all = ["token_issued", "token_days"])]
    pub token_expires: Option<NaiveDate>,
    /// The day the token was generated (with --token-days).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg, requires = "token_days")]
    pub token_issued: Option<NaiveDate>,
    /// The lifetime chosen when it was generated: 90, 180 or 365 days (with --token-issued).
    #[arg(long, value_name = "DAYS", value_parser = days_arg, requires = "token_issued")]
    pub token_days: Option<u32>,
    /// Purchased seats of a product, e.g. Sales=100 (repeatable).
    #[arg(long = "seats", value_name = "PRODUCT=N", value_parser = seat_arg)]
    pub seats: Vec<SeatEntry>,
    /// A subscription set: members of GROUP hold PRODUCT, e.g. "Sales Team=Sales" (repeatable).
    #[arg(long = "group-product", value_name = "GROUP=PRODUCT", value_parser = mapping_arg)]
    pub group_products: Vec<GroupProduct>,
    /// Print one JSON object: token, users, seats, problems.
    #[arg(long)]
    pub json: bool,
    /// Exit with status 3 when a problem of this severity or worse is found (0 otherwise).
    #[arg(long, value_name = "SEVERITY", value_enum)]
    pub fail_on: Option<FailOn>,
    #[command(flatten)]
    pub idp: IdpArgs,
}

/// The identity provider read beside the endpoint: who it failed to provision, and why.
#[derive(Args, Debug, Default)]
#[group(multiple = true)]
pub struct IdpArgs {
    /// Also read Okta: the org's URL (e.g. https://acme.okta.com).
    #[arg(
        long,
        value_name = "URL",
        conflicts_with = "entra_tenant",
        help_heading = "Identity provider"
    )]
    pub okta_url: Option<String>,
    /// The environment variable holding the Okta API token; without it, the one the app keeps
    /// in the keychain for this endpoint.
    #[arg(
        long,
        value_name = "VAR",
        requires = "okta_url",
        help_heading = "Identity provider"
    )]
    pub okta_token_env: Option<String>,
    /// The ZoomInfo app's label in Okta (default: ZoomInfo).
    #[arg(
        long,
        value_name = "LABEL",
        requires = "okta_url",
        help_heading = "Identity provider"
    )]
    pub okta_app: Option<String>,
    /// Also read Microsoft Entra ID through Graph: the tenant ID or domain.
    #[arg(
        long,
        value_name = "TENANT",
        requires = "entra_client_id",
        help_heading = "Identity provider"
    )]
    pub entra_tenant: Option<String>,
    /// The app registration's client ID (needs AuditLog.Read.All and Application.Read.All).
    #[arg(
        long,
        value_name = "ID",
        requires = "entra_tenant",
        help_heading = "Identity provider"
    )]
    pub entra_client_id: Option<String>,
    /// The environment variable holding the client secret; without it, the one the app keeps
    /// in the keychain for this endpoint.
    #[arg(
        long,
        value_name = "VAR",
        requires = "entra_tenant",
        help_heading = "Identity provider"
    )]
    pub entra_secret_env: Option<String>,
    /// The enterprise app's display name (default: ZoomInfo).
    #[arg(
        long,
        value_name = "NAME",
        requires = "entra_tenant",
        help_heading = "Identity provider"
    )]
    pub entra_app: Option<String>,
    /// Another Microsoft Graph host, for national clouds (default https://graph.microsoft.com/v1.0).
    #[arg(
        long,
        value_name = "URL",
        requires = "entra_tenant",
        help_heading = "Identity provider"
    )]
    pub graph_url: Option<String>,
    /// Another Microsoft sign-in host (default https://login.microsoftonline.com).
    #[arg(
        long,
        value_name = "URL",
        requires = "entra_tenant",
        help_heading = "Identity provider"
    )]
    pub entra_login_url: Option<String>,
}

impl IdpArgs {
    /// The connection asked for, checked as the app's form checks it, with its secret.
    fn connection(&self, scim_url: &str) -> Result<Option<(IdpConnection, SecretString)>> {
        let (connection, var, flag) = if let Some(org_url) = &self.okta_url {
            let okta = IdpConnection::Okta {
                org_url: org_url.clone(),
                app: self.okta_app.clone().unwrap_or_default(),
            };
            (okta, self.okta_token_env.as_deref(), "--okta-token-env")
        } else if let Some(tenant) = &self.entra_tenant {
            let entra = IdpConnection::Entra {
                tenant: tenant.clone(),
                client_id: self.entra_client_id.clone().unwrap_or_default(),
                app: self.entra_app.clone().unwrap_or_default(),
                graph_url: self.graph_url.clone(),
                login_url: self.entra_login_url.clone(),
            };
            (
                entra,
                self.entra_secret_env.as_deref(),
                "--entra-secret-env",
            )
        } else {
            return Ok(None);
        };
        let connection = connection.checked()?;
        let secret = secret_from(
            &idp_secret_account(scim_url),
            scim_url,
            var,
            connection.secret_name(),
            flag,
        )?;
        Ok(Some((connection, secret)))
    }
}

/// The exit status of `--fail-on` when a problem at or above the threshold is found.
pub const EXIT_PROBLEMS_FOUND: u8 = 3;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Warning,
    Error,
}

impl FailOn {
    fn threshold(self) -> Severity {
        match self {
            FailOn::Warning => Severity::Warning,
            FailOn::Error => Severity::Error,
        }
    }
}

fn date_arg(text: &str) -> std::result::Result<NaiveDate, String> {
    parse_date(text).map_err(|e| e.to_string())
}

fn days_arg(text: &str) -> std::result::Result<u32, String> {
    match text.trim().parse::<u32>() {
        Ok(days) if provisioning::rules::TOKEN_LIFETIMES_DAYS.contains(&days) => Ok(days),
        _ => Err(format!(
            "'{text}' is not a token lifetime: use 90, 180 or 365"
        )),
    }
}

fn seat_arg(text: &str) -> std::result::Result<SeatEntry, String> {
    let (product, n) = text
        .rsplit_once('=')
        .ok_or_else(|| format!("'{text}' is not PRODUCT=N (e.g. Sales=100)"))?;
    let purchased = n
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n >= 0)
        .ok_or_else(|| format!("'{n}' is not a number of seats"))?;
    let product = provisioning::canonical_product(product)
        .ok_or_else(|| format!("'{text}' names no product"))?;
    Ok(SeatEntry { product, purchased })
}

fn mapping_arg(text: &str) -> std::result::Result<GroupProduct, String> {
    let (group, product) = text
        .rsplit_once('=')
        .ok_or_else(|| format!("'{text}' is not GROUP=PRODUCT (e.g. \"Sales Team=Sales\")"))?;
    let product = provisioning::canonical_product(product)
        .ok_or_else(|| format!("'{text}' names no product"))?;
    if group.trim().is_empty() {
        return Err(format!("'{text}' names no group"));
    }
    Ok(GroupProduct {
        group: group.trim().to_string(),
        product,
    })
}

/// The endpoint's secret: from the environment variable named, else the one the app keeps in
/// the OS keychain for this URL; a usage error when there is neither.
fn secret_of(url: &str, var: Option<&str>, what: &str, flag: &str) -> Result<SecretString> {
    secret_from(&token_account(url), url, var, what, flag)
}

/// A secret from the environment variable named, else from the keychain `account`.
fn secret_from(
    account: &str,
    url: &str,
    var: Option<&str>,
    what: &str,
    flag: &str,
) -> Result<SecretString> {
    if let Some(var) = var {
        return match endpoint_token(&std::env::var(var).unwrap_or_default()) {
            Ok(secret) => Ok(secret),
            Err(_) => usage(format!(
                "the environment variable {var} is not set or empty; it must hold the {what}"
            )),
        };
    }
    match SessionVault::load(&Keychain::default(), account)? {
        Some(secret) => Ok(secret),
        None => usage(format!(
            "no {what} is kept in the keychain for {url}: add the endpoint in the app, or name the environment variable holding it with {flag} VAR"
        )),
    }
}

/// A usage error: clap's message format and exit code 2.
fn usage(message: String) -> ! {
    clap::Error::raw(
        clap::error::ErrorKind::MissingRequiredArgument,
        format!("{message}\n"),
    )
    .exit()
}

pub async fn run(command: &ScimCommand, demo: bool) -> Result<crate::Outcome> {
    match command {
        ScimCommand::Status(args) => {
            let report = status(args, demo).await?;
            let worst = report.worst();
            Ok(match args.fail_on {
                Some(fail_on) if worst.is_some_and(|w| w >= fail_on.threshold()) => {
                    crate::Outcome::ProblemsFound
                }
                _ => crate::Outcome::Done,
            })
        }
    }
}

async fn status(args: &ScimStatusArgs, demo: bool) -> Result<HealthReport> {
    let settings = HealthSettings {
        token: TokenDates {
            issued_on: args.token_issued,
            lifetime_days: args.token_days,
            expires_on: args.token_expires,
        },
        seats: args.seats.clone(),
        group_products: args.group_products.clone(),
    };
    // In demo mode the simulator runs in this process for as long as `_demo` lives.
    let (mut endpoint, secret, _demo) = match (&args.url, demo) {
        (Some(url), _) => {
            // The rules the app's "Add endpoint" form applies.
            let url = endpoint_url(url)?;
            let mut endpoint = WatchedEndpoint::bearer(url.clone(), settings);
            let secret = match &args.oauth_token_url {
                Some(token_url) => {
                    let oauth = OAuthEntry {
                        token_url: token_url.clone(),
                        client_id: args.client_id.clone().unwrap_or_default(),
                        account_id: args.account_id.clone(),
                    };
                    endpoint.auth = oauth.auth()?;
                    secret_of(
                        &url,
                        args.client_secret_env.as_deref(),
                        "OAuth client secret",
                        "--client-secret-env",
                    )?
                }
                None => secret_of(
                    &url,
                    args.token_env.as_deref(),
                    "SCIM bearer token",
                    "--token-env",
                )?,
            };
            (endpoint, secret, None)
        }
        (None, true) => {
            let demo = demo_endpoint().await?;
            let mut endpoint = demo.endpoint.clone();
            // What was given on the command line replaces the demo's own entries.
            if !args.seats.is_empty() {
                endpoint.settings.seats = settings.seats;
            }
            if !args.group_products.is_empty() {
                endpoint.settings.group_products = settings.group_products;
            }
            endpoint.settings.token = settings.token;
            let token = demo.token.clone();
            (endpoint, token, Some(demo))
        }
        (None, false) => usage("--url URL is required (or try --demo)".into()),
    };
    provisioning::validate_settings(&endpoint.settings)?;
    let mut idp_secret = _demo.as_ref().and_then(|d| d.idp_secret.clone());
    if let Some((connection, secret)) = args.idp.connection(&endpoint.url)? {
        endpoint.idp = Some(connection);
        idp_secret = Some(secret);
    }
    let now = Utc::now();
    // The local store keeps seat snapshots for the forecast; the check works without it.
    let store = match paths::data_dir() {
        Ok(dir) => paths::open_store(&dir, demo).await.ok(),
        Err(_) => None,
    };
    let report = match &store {
        Some(store) => {
            let secrets = EndpointSecrets {
                scim: &secret,
                idp: idp_secret.as_ref(),
            };
            check_endpoint(store, &endpoint, secrets, now).await?
        }
        None => {
            let client = endpoint.client(&secret)?;
            let mut report =
                check_scim_health(&client, Some(&secret), &endpoint.settings, &[], now).await?;
            if let Some(idp) = &endpoint.idp {
                add_idp_view(&mut report, idp, idp_secret.as_ref(), now).await;
            }
            report
        }
    };
    if args.json {
        let json = serde_json::to_string_pretty(&StatusJson::from(&report))
            .map_err(|e| zi_core::CoreError::Invalid(e.to_string()))?;
        crate::output::emit(json);
    } else {
        crate::output::emit(readable(&report));
    }
    Ok(report)
}

/// The JSON form outside scripts rely on. Keep these names stable.
#[derive(Serialize)]
struct StatusJson<'a> {
    token: TokenJson,
    users: &'a UserCounts,
    seats: &'a [SeatCount],
    problems: &'a [Finding],
    /// What the identity provider said, with `--okta-url` or `--entra-tenant`.
    #[serde(skip_serializing_if = "Option::is_none")]
    identity_provider: Option<&'a IdpReport>,
}

#[derive(Serialize)]
struct TokenJson {
    valid: bool,
    expires_on: Option<String>,
    days_left: Option<i64>,
}

impl<'a> From<&'a HealthReport> for StatusJson<'a> {
    fn from(report: &'a HealthReport) -> Self {
        StatusJson {
            token: TokenJson {
                valid: report.token.valid,
                expires_on: report
                    .token
                    .expires_on
                    .map(|d| d.format("%Y-%m-%d").to_string()),
                days_left: report.token.days_left,
            },
            users: &report.users,
            seats: &report.seats,
            problems: &report.findings,
            identity_provider: report.idp.as_ref(),
        }
    }
}

fn number(n: Option<i64>) -> String {
    n.map(|n| n.to_string()).unwrap_or_else(|| "—".into())
}

fn readable(report: &HealthReport) -> String {
    let mut out = Vec::new();
    out.push(format!("SCIM provisioning health of {}", report.endpoint));
    let t = &report.token;
    let accepted = if t.valid {
        "accepted by the server".to_string()
    } else {
        format!(
            "REFUSED by the server ({})",
            t.rejection.as_deref().unwrap_or("no reason given")
        )
    };
    let expiry = match (t.expires_on, t.days_left) {
        (Some(date), Some(days)) => {
            let source = match t.expiry_source {
                ExpirySource::Token => "read from the token",
                ExpirySource::EnteredDate => "as entered",
                ExpirySource::IssuedPlusLifetime => "issue date + lifetime",
                ExpirySource::Renewed | ExpirySource::Unknown => "unknown",
            };
            let left = match days {
                d if d < 0 => format!("expired {} days ago", -d),
                0 => "expires today".to_string(),
                1 => "1 day left".to_string(),
                d => format!("{d} days left"),
            };
            format!("expires on {}, {left} ({source})", date.format("%Y-%m-%d"))
        }
        _ if t.expiry_source == ExpirySource::Renewed => {
            "renewed automatically (OAuth client credentials)".to_string()
        }
        _ => "expiry unknown".to_string(),
    };
    out.push(format!("Token:  {accepted}; {expiry}"));
    if t.valid {
        let groups = if report.groups_offered {
            format!("in {} groups", report.groups)
        } else {
            "(the endpoint has no /Groups)".to_string()
        };
        out.push(format!(
            "Users:  {} ({} active, {} inactive) {groups}",
            report.users.total, report.users.active, report.users.inactive
        ));
    }
    if !report.seats.is_empty() {
        let mut table = Table::new();
        table
            .load_preset(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
        table.set_header(["Product", "Purchased", "Used", "Free"]);
        for s in &report.seats {
            table.add_row([
                s.product.clone(),
                number(s.purchased),
                s.used.to_string(),
                number(s.free),
            ]);
        }
        out.push(format!("Seats:\n{table}"));
    }
    for f in &report.forecasts {
        if let Some(date) = f.runs_out_on {
            out.push(format!(
                "Forecast: {} grows {:+} users a week; seats run out around {}",
                f.product,
                f.growth_per_week,
                date.format("%Y-%m-%d")
            ));
        }
    }
    if let Some(idp) = &report.idp {
        out.push(readable_idp(idp));
    }
    if report.findings.is_empty() {
        out.push("No problems found.".into());
    } else {
        out.push(format!("Problems ({}):", report.findings.len()));
        for f in &report.findings {
            out.push(format!(
                "  {:<8} {}",
                f.severity.as_str().to_uppercase(),
                f.message
            ));
        }
    }
    out.join("\n")
}

/// What the identity provider said: its job, and each user it failed to provision.
fn readable_idp(idp: &IdpReport) -> String {
    let mut out = vec![format!(
        "Identity provider: {}, app \"{}\"",
        idp.provider, idp.app
    )];
    if let Some(error) = &idp.error {
        out.push(format!("  could not be read: {error}"));
        return out.join("\n");
    }
    if !idp.app_found {
        out.push("  no app by that name".into());
        return out.join("\n");
    }
    if let Some(assigned) = idp.assigned {
        out.push(format!(
            "  {assigned} users assigned, {} waiting to be pushed again",
            idp.out_of_sync
        ));
    }
    if let Some(job) = &idp.job {
        let mut line = format!("  provisioning job: {}", job.state);
        if let Some(reason) = &job.quarantine_reason {
            line.push_str(&format!(" ({reason})"));
        }
        if let Some(last) = &job.last_run {
            line.push_str(&format!(", last run: {last}"));
        }
        out.push(line);
    }
    if idp.failed.is_empty() {
        out.push(format!(
            "  no failed users in the last {} days",
            provisioning::IDP_LOG_DAYS
        ));
        return out.join("\n");
    }
    let mut table = Table::new();
    table
        .load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    table.set_header(["Failed user", "Action", "Why", "When"]);
    for f in &idp.failed {
        let why = match &f.code {
            Some(code) => format!("{code}: {}", f.reason),
            None => f.reason.clone(),
        };
        table.add_row([
            f.user.clone(),
            f.action.clone().unwrap_or_default(),
            why,
            f.at.clone().unwrap_or_default(),
        ]);
    }
    out.push(format!("{table}"));
    out.join("\n")
}
