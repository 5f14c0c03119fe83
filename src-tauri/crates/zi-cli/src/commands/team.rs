//! `zi team`: team mode, where a RevOps team sharing one ZoomInfo account shares one record
//! cache, ledger and request pace on PostgreSQL. Set it up once per machine (or with
//! ZI_DATABASE_URL), then every `zi enrich` buys through the team.

use clap::{Args, Subcommand};
use comfy_table::Table;
use zi_core::secrets::Keychain;
use zi_core::team::{TeamConnection, TeamLink, DATABASE_URL_ENV};
use zi_core::{paths, CoreError, Result, SecretString};

use crate::output::emit;

#[derive(Subcommand, Debug)]
pub enum TeamCommand {
    /// Show the team database in use and who this machine spends as.
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Use the team database at URL (postgres://user@host:5432/name?sslmode=require) from now
    /// on; --off goes back to this machine alone. Its password is kept in the OS keychain.
    Set(SetArgs),
    /// Credits spent this month by each member (against their budgets) and by each job.
    Usage {
        #[arg(long)]
        json: bool,
    },
    /// Set a member's monthly budget in credits, enforced by every member's zi and app
    /// (--remove: no budget).
    Budget(BudgetArgs),
}

#[derive(Args, Debug)]
#[command(
    after_help = "Example: printf '%s\\n' \"$PGPASSWORD\" | zi team set postgres://revops@db.acme.example:5432/zi?sslmode=require --member dana --password-stdin"
)]
pub struct SetArgs {
    /// The database's address.
    #[arg(value_name = "URL", required_unless_present = "off")]
    pub url: Option<String>,
    /// Stop using a team database (its kept password is forgotten).
    #[arg(long, conflicts_with_all = ["url", "password_stdin"])]
    pub off: bool,
    /// The name this machine's spending is recorded under (default: the OS user).
    #[arg(long, value_name = "NAME")]
    pub member: Option<String>,
    /// Read the database password from the first line of standard input.
    #[arg(long)]
    pub password_stdin: bool,
}

#[derive(Args, Debug)]
pub struct BudgetArgs {
    /// The member, as the ledger names them.
    pub member: String,
    /// Credits a month.
    #[arg(required_unless_present = "remove")]
    pub credits: Option<u64>,
    #[arg(long, conflicts_with = "credits")]
    pub remove: bool,
}

pub async fn run(command: &TeamCommand) -> Result<()> {
    let store = paths::open_store(&paths::data_dir()?, false).await?;
    let keychain = Keychain::default();
    match command {
        TeamCommand::Show { json } => {
            let connection = TeamConnection::load(&store, Some(&keychain)).await?;
            if *json {
                emit(to_json(&connection)?);
            } else if connection.database_url.is_empty() {
                emit(format!(
                    "Team mode is off: this machine keeps its own cache. Turn it on with `zi team set URL` or {DATABASE_URL_ENV}."
                ));
            } else {
                emit(format!(
                    "Team database: {}{}\nMember: {}\nPassword: {}",
                    connection.database_url,
                    if connection.from_environment {
                        " (from ZI_DATABASE_URL)"
                    } else {
                        ""
                    },
                    connection.member,
                    if connection.has_password {
                        "kept"
                    } else {
                        "none"
                    }
                ));
            }
        }
        TeamCommand::Set(args) => {
            let password = if args.password_stdin {
                Some(SecretString::from(super::login::read_line(None)?))
            } else {
                None
            };
            let url = if args.off {
                ""
            } else {
                args.url.as_deref().unwrap_or("")
            };
            let member = args.member.clone().unwrap_or_default();
            TeamConnection::save(&store, &keychain, url, &member, password).await?;
            if args.off {
                emit("Team mode is off.");
            } else {
                // Connect once now, so a wrong address or password shows here.
                let team = TeamLink::open(&store, Some(&keychain))
                    .await?
                    .ok_or_else(|| CoreError::Invalid("The team database was not saved.".into()))?;
                emit(format!(
                    "Team mode is on: {} as {}.",
                    team.database(),
                    team.member()
                ));
            }
        }
        TeamCommand::Usage { json } => {
            let team = open(&store, &keychain).await?;
            let usage = team.usage().await?;
            if *json {
                emit(to_json(&usage)?);
            } else {
                let mut members = Table::new();
                members.set_header(["Member", "Credits this month", "Budget", "Jobs"]);
                for m in &usage.members {
                    members.add_row([
                        m.member.clone(),
                        zi_core::thousands(m.credits),
                        m.budget
                            .map(zi_core::thousands)
                            .unwrap_or_else(|| "—".into()),
                        m.jobs.to_string(),
                    ]);
                }
                let mut jobs = Table::new();
                jobs.set_header(["Member", "File", "Kind", "State", "Credits"]);
                for j in &usage.jobs {
                    jobs.add_row([
                        j.member.clone(),
                        j.file_name.clone(),
                        j.kind.clone(),
                        j.state.clone(),
                        zi_core::thousands(j.credits),
                    ]);
                }
                emit(format!(
                    "Team {} since {} (you: {})\n{members}\n{jobs}",
                    usage.database, usage.since, usage.member
                ));
                if !usage.connector_calls.is_empty() {
                    let mut calls = Table::new();
                    calls.set_header(["Member", "Data connector", "Calls this month"]);
                    for c in &usage.connector_calls {
                        calls.add_row([
                            c.member.clone(),
                            c.connector.clone(),
                            zi_core::thousands(c.calls),
                        ]);
                    }
                    emit(calls);
                }
            }
        }
        TeamCommand::Budget(args) => {
            let team = open(&store, &keychain).await?;
            let credits = if args.remove { None } else { args.credits };
            team.set_budget(&args.member, credits).await?;
            emit(match credits {
                Some(c) => format!(
                    "{}'s budget: {} credits a month.",
                    args.member,
                    zi_core::thousands(c)
                ),
                None => format!("{} has no budget now.", args.member),
            });
        }
    }
    Ok(())
}

async fn open(store: &zi_core::Store, keychain: &Keychain) -> Result<TeamLink> {
    TeamLink::open(store, Some(keychain)).await?.ok_or_else(|| {
        CoreError::Invalid(format!(
            "Team mode is off: set the team database first (`zi team set URL` or {DATABASE_URL_ENV})."
        ))
    })
}

fn to_json(value: &impl serde::Serialize) -> Result<String> {
    serde_json::to_string_pretty(value).map_err(|e| CoreError::Invalid(e.to_string()))
}
