//! The command line as users (and outside scripts) type it. Keep these forms stable.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use zi_core::{BackendChoice, RecordKind, SearchCriterion};

#[derive(Parser, Debug)]
#[command(
    name = "zi",
    version,
    about = "zi-console on the command line: search, enrich and usage for ZoomInfo"
)]
#[command(
    after_help = "Environment: ZI_API_URL (API address; for GTM the server with /gtm, default https://api.zoominfo.com/gtm), ZI_USERNAME / ZI_PASSWORD (override stored credentials), ZI_BACKEND (legacy or gtm), ZI_GTM_ACCESS_TOKEN (access token for the GTM API), ZI_DATA_DIR (local data folder), ZI_DATABASE_URL (team mode's PostgreSQL, postgres://user:password@host:5432/name?sslmode=require), ZI_TEAM_MEMBER (the name spending is recorded under)."
)]
pub struct Cli {
    /// Use the embedded ZoomInfo simulator instead of a real account (no credits spent).
    #[arg(long, global = true)]
    pub demo: bool,

    /// Which ZoomInfo API to use: legacy (username and password) or gtm (ZI_GTM_ACCESS_TOKEN).
    /// The demo always uses legacy.
    #[arg(
        long,
        global = true,
        env = "ZI_BACKEND",
        default_value = "legacy",
        value_name = "legacy|gtm"
    )]
    pub backend: BackendChoice,

    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// What the commands that sign in connect to.
    pub fn target(&self) -> crate::session::Target {
        crate::session::Target {
            demo: self.demo,
            backend: self.backend,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Store ZoomInfo API credentials in the OS keychain (after checking they work).
    Login(LoginArgs),
    /// Remove the stored credentials from the OS keychain.
    Logout,
    /// Show the connection: API address, user and token state.
    Status,
    /// Search contacts or companies (shows what the search cost by the account's counters).
    Search(SearchArgs),
    /// Show the account's limits and how much of each is used.
    Usage(UsageArgs),
    /// Enrich a CSV/XLSX file: every row kept, ZoomInfo's data appended, nobody paid for twice.
    Enrich(EnrichArgs),
    /// List enrichment jobs: finished, stopped and interrupted ones, with their credits.
    Jobs(JobsArgs),
    /// One job's review: each distinct person or company, what was sent, ZoomInfo's answer and
    /// what the data connectors found after it.
    Review(ReviewArgs),
    /// SCIM provisioning health: token expiry, seats per product, drift.
    Scim {
        #[command(subcommand)]
        command: crate::commands::scim::ScimCommand,
    },
    /// The proxy connections go through and whether a server can be reached from here.
    Network {
        #[command(subcommand)]
        command: crate::commands::network::NetworkCommand,
    },
    /// Data connectors: your own HTTP APIs, asked after ZoomInfo for the rows it did not match.
    Connector {
        #[command(subcommand)]
        command: crate::commands::connector::ConnectorCommand,
    },
    /// Team mode: one record cache, credit ledger and request pace for a team sharing one
    /// ZoomInfo account, on PostgreSQL.
    Team {
        #[command(subcommand)]
        command: crate::commands::team::TeamCommand,
    },
    /// The embedded ZoomInfo simulator.
    Sim {
        #[command(subcommand)]
        command: SimCommand,
    },
    /// Print the shell completion script for zi (bash, zsh, fish, powershell or elvish).
    #[command(
        after_help = "Example: zi completions bash > ~/.local/share/bash-completion/completions/zi"
    )]
    Completions(CompletionsArgs),
    /// Print the zi(1) man page, or write one page per command into a folder with --dir.
    #[command(after_help = "Example: zi man --dir ~/.local/share/man/man1")]
    Man(ManArgs),
}

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Args, Debug)]
pub struct ManArgs {
    /// Write zi.1 and a page per command (zi-enrich.1, zi-scim-status.1, …) into DIR, created
    /// if missing, and print the files written.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct LoginArgs {
    /// API username (asked for when missing).
    #[arg(long)]
    pub username: Option<String>,
    /// Read the password from the first line of standard input instead of a prompt.
    #[arg(long)]
    pub password_stdin: bool,
    /// Sign in with PKI instead: the RSA private key (PEM) file.
    #[arg(long, requires = "client_id")]
    pub pki_key: Option<PathBuf>,
    /// The client id issued with the PKI key.
    #[arg(long, requires = "pki_key")]
    pub client_id: Option<String>,
    /// Sign in to ZoomInfo's GTM API in the browser (OAuth 2.0 with PKCE) instead.
    #[arg(long, conflicts_with_all = ["username", "password_stdin", "pki_key"])]
    pub gtm: bool,
    /// The OAuth client id of the GTM app.
    #[arg(long, env = "ZI_GTM_CLIENT_ID", requires = "gtm")]
    pub gtm_client_id: Option<String>,
    /// Print the sign-in address instead of opening the browser.
    #[arg(long, requires = "gtm")]
    pub no_browser: bool,
    /// Another OpenID provider's issuer (tests): its /oauth2/authorize and /oauth2/token.
    #[arg(long, env = "ZI_OAUTH_ISSUER", requires = "gtm", hide = true)]
    pub oauth_issuer: Option<String>,
    /// Scopes to ask for instead of ZoomInfo's (tests; repeatable).
    #[arg(long = "scope", requires = "gtm", hide = true)]
    pub scopes: Vec<String>,
    /// For providers that want a client secret (tests); ZoomInfo's PKCE apps need none.
    #[arg(long, env = "ZI_GTM_CLIENT_SECRET", requires = "gtm", hide = true)]
    pub gtm_client_secret: Option<String>,
}

#[derive(Args, Debug)]
pub struct SearchArgs {
    /// What to search.
    #[arg(value_parser = parse_kind)]
    pub kind: RecordKind,
    /// A filter as NAME=VALUE with ZoomInfo's field names, e.g. jobTitle=CFO (repeatable: several
    /// jobTitle values are joined with OR, comma-list fields with commas; see --list-fields).
    #[arg(long = "field", value_name = "NAME=VALUE", value_parser = parse_criterion)]
    pub fields: Vec<SearchCriterion>,
    /// Most records to fetch (default: as many as the API allows).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    pub max: Option<u32>,
    /// Write the results to FILE (.csv with a header row, or .json) instead of printing a table.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// List the fields this kind of search takes, with their types, and stop.
    #[arg(long)]
    pub list_fields: bool,
}

#[derive(Args, Debug)]
pub struct UsageArgs {
    /// Print JSON with ZoomInfo's field names (limitType, limit, currentUsage, usageRemaining).
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct EnrichArgs {
    /// What the file lists.
    #[arg(value_parser = parse_kind)]
    pub kind: RecordKind,
    /// The CSV, XLSX, XLS or ODS file to enrich.
    pub file: PathBuf,
    /// Where to write the enriched copy (.csv or .xlsx).
    #[arg(long, value_name = "OUT", required_unless_present = "dry_run")]
    pub output: Option<PathBuf>,
    /// Correct the automatic mapping: COLUMN=INPUT, e.g. "Mail=email" or "#3=phone" (repeatable).
    #[arg(long = "map", value_name = "COLUMN=INPUT")]
    pub map: Vec<String>,
    /// ZoomInfo fields to append, comma-separated (default: email, phone, job title, company, …;
    /// only fields the account's plan includes).
    #[arg(long, value_delimiter = ',', value_name = "F,...")]
    pub fields: Vec<String>,
    /// Never spend more than N credits on this job (a hard cap; run again with more to continue).
    #[arg(long, value_name = "N")]
    pub budget: Option<u64>,
    /// Contacts only: ZoomInfo returns (and charges for) nobody whose accuracy score is under N
    /// (70 to 99).
    #[arg(long, value_name = "N")]
    pub min_accuracy: Option<u32>,
    /// Reuse cached answers up to DAYS old (default 90; no-matches are asked again after 7).
    #[arg(long, value_name = "DAYS")]
    pub max_age: Option<u32>,
    /// The sheet to read in a workbook (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Show the estimate and stop without calling the enrich API.
    #[arg(long)]
    pub dry_run: bool,
    /// A data connector file to ask, after ZoomInfo, about the rows it did not match:
    /// FILE or FILE:ACTION (repeatable; asked in order, each about the rows still without a
    /// match). Its output fields become <connector>_<field> columns after the zi_ columns.
    #[arg(long = "connector", value_name = "FILE[:ACTION]")]
    pub connectors: Vec<String>,
    /// Spend without asking (needed when there is no terminal to ask at).
    #[arg(long)]
    pub yes: bool,
}

#[derive(Args, Debug)]
pub struct JobsArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ReviewArgs {
    /// The job (its number in `zi jobs`).
    pub job: i64,
    /// Only the lines of one outcome.
    #[arg(long, value_enum)]
    pub only: Option<ReviewOnly>,
    /// Only the lines whose email, name or domain holds TEXT.
    #[arg(long, value_name = "TEXT")]
    pub text: Option<String>,
    /// Lines to show (at most 1,000).
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub limit: u32,
    /// Lines to skip first.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub offset: u64,
    /// Print JSON (the page with its counts) instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// The outcomes `zi review --only` narrows to.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum ReviewOnly {
    Matched,
    NoMatch,
    /// Not sent yet.
    Pending,
    FromCache,
    LowConfidence,
    /// ZoomInfo's no-matches a data connector then matched.
    FoundByConnector,
}

#[derive(Subcommand, Debug)]
pub enum SimCommand {
    /// Serve the simulated ZoomInfo API on 127.0.0.1 until interrupted.
    Serve(SimServeArgs),
    /// Write a sample file of contacts or companies the simulator knows (for trying `zi enrich --demo`).
    Sample(SimSampleArgs),
    /// Serve the demo SCIM server with its identity providers (Okta, Microsoft Graph) on
    /// 127.0.0.1 until interrupted; prints their addresses and credentials as KEY=value lines.
    Scim(SimScimArgs),
}

#[derive(Args, Debug)]
pub struct SimScimArgs {
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8788)]
    pub port: u16,
    /// Start with Graph's synchronization job in quarantine (for checks against the API description).
    #[arg(long, hide = true)]
    pub quarantine: bool,
    /// Let at most this many Okta and Graph requests a second through, answering the rest 429.
    #[arg(long, hide = true, value_parser = clap::value_parser!(u32).range(1..))]
    pub idp_rate_limit: Option<u32>,
}

#[derive(Args, Debug)]
pub struct SimServeArgs {
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8787)]
    pub port: u16,
    /// Seed of the synthetic data.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Milliseconds added to every answer.
    #[arg(long, default_value_t = 0)]
    pub latency_ms: u64,
    /// Requests per second allowed (0 = unlimited).
    #[arg(long, default_value_t = 25)]
    pub rate_per_sec: u32,
    /// Requests per minute allowed (0 = unlimited).
    #[arg(long, default_value_t = 1500)]
    pub rate_per_min: u32,
    /// Share of calls answered 429 (0.0–1.0).
    #[arg(long, default_value_t = 0.0)]
    pub share_429: f64,
    /// Share of calls answered 500 (0.0–1.0).
    #[arg(long, default_value_t = 0.0)]
    pub share_500: f64,
    /// Share of answers cut in half (0.0–1.0).
    #[arg(long, default_value_t = 0.0)]
    pub share_truncated: f64,
    /// Token lifetime in seconds.
    #[arg(long, default_value_t = 3600)]
    pub token_lifetime: u64,
    /// Account credit (record) limit.
    #[arg(long)]
    pub credit_limit: Option<u64>,
    /// Also accept PKI sign-ins signed by the private half of this RSA public key (PEM), client
    /// id `demo-client`.
    #[arg(long, value_name = "FILE")]
    pub pki_public_key: Option<PathBuf>,
    /// Also accept GTM access tokens that this OpenID provider's userinfo endpoint accepts.
    #[arg(long, value_name = "URL", hide = true)]
    pub gtm_userinfo_url: Option<String>,
}

#[derive(Args, Debug)]
pub struct SimSampleArgs {
    #[arg(value_parser = parse_kind)]
    pub kind: RecordKind,
    /// Data rows to write.
    #[arg(long, default_value_t = 1_000)]
    pub rows: usize,
    /// The file to write (.csv or .xlsx).
    #[arg(long, value_name = "FILE")]
    pub output: PathBuf,
}

fn parse_kind(text: &str) -> Result<RecordKind, String> {
    text.parse()
}

fn parse_criterion(text: &str) -> Result<SearchCriterion, String> {
    text.parse().map_err(|e: zi_core::CoreError| e.to_string())
}
