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
use zi_core::provisioning::{token_account, OAuthEntry};
use zi_core::secrets::Keychain;
use zi_core::sessions::SessionVault;
use zi_core::SecretString;
use zi_core::{paths, Result};
use zi_demo::provisioning::demo_endpoint;

#[derive(Subcommand, Debug)]
pub enum ScimCommand {
    /// Check a SCIM endpoint: token expiry, seats per product, drift and rule breaks.
    Status(ScimStatusArgs),
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
    if let Some(var) = var {
        return match endpoint_token(&std::env::var(var).unwrap_or_default()) {
            Ok(secret) => Ok(secret),
            Err(_) => usage(format!(
                "the environment variable {var} is not set or empty; it must hold the {what}"
            )),
        };
    }
    match SessionVault::load(&Keychain::default(), &token_account(url))? {
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
    let (endpoint, secret, _demo) = match (&args.url, demo) {
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
    let now = Utc::now();
    // The local store keeps seat snapshots for the forecast; the check works without it.
    let store = match paths::data_dir() {
        Ok(dir) => paths::open_store(&dir, demo).await.ok(),
        Err(_) => None,
    };
    let report = match &store {
        Some(store) => check_endpoint(store, &endpoint, &secret, now).await?,
        None => {
            let client = endpoint.client(&secret)?;
            check_scim_health(&client, Some(&secret), &endpoint.settings, &[], now).await?
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
