//! `zi`: zi-console on the command line. Exit 0 on success, 1 on failure with one plain
//! sentence, 2 on a usage error (clap's own), 3 when `zi scim status --fail-on` finds a
//! problem at or above the severity asked for.

mod cli;
mod commands;
mod output;
mod session;

use std::process::ExitCode;

use clap::Parser;
use cli::{Cli, Command, SimCommand};

fn main() -> ExitCode {
    // Started again as the workbook reader, this process reads one file and exits.
    zi_core::serve_workbook_reader_if_asked();
    // Whatever happens, one plain line and no stack trace.
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("error: zi stopped unexpectedly{location}; please report this. Nothing was sent twice: run the command again.");
    }));
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            // The platform verifier logs each refused certificate; zi says it once, plainly.
            tracing_subscriber::EnvFilter::try_from_env("ZI_LOG")
                .unwrap_or_else(|_| "warn,rustls_platform_verifier=off".into()),
        )
        .with_writer(std::io::stderr)
        .without_time()
        .init();
    // Enrichment is I/O bound: spare workers keep reading (and journaling) paid-for answers
    // promptly while others parse and store earlier ones.
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(8)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: could not start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::ProblemsFound) => ExitCode::from(commands::scim::EXIT_PROBLEMS_FOUND),
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// How a command that ran ends.
pub enum Outcome {
    Done,
    /// A check ran and found what the caller asked to be told about (exit 3).
    ProblemsFound,
}

async fn run(cli: Cli) -> zi_core::Result<Outcome> {
    let done = |()| Outcome::Done;
    // Commands that reach a server go through the proxy entered with `zi network proxy`.
    if !matches!(
        cli.command,
        Command::Sim { .. } | Command::Network { .. } | Command::Completions(_) | Command::Man(_)
    ) {
        session::apply_network().await?;
    }
    match &cli.command {
        Command::Login(args) => commands::login::login(args, cli.demo).await.map(done),
        Command::Logout => commands::login::logout().await.map(done),
        Command::Status => commands::status::status(cli.target()).await.map(done),
        Command::Search(args) => commands::search::search(args, cli.target()).await.map(done),
        Command::Usage(args) => commands::usage::usage(args, cli.target()).await.map(done),
        Command::Enrich(args) => commands::enrich::enrich(args, cli.target()).await.map(done),
        Command::Jobs(args) => commands::jobs::jobs(args, cli.demo).await.map(done),
        Command::Review(args) => commands::review::review(args, cli.target()).await.map(done),
        Command::Scim { command } => commands::scim::run(command, cli.demo).await,
        Command::Network { command } => commands::network::run(command).await.map(done),
        Command::Team { command } => commands::team::run(command).await.map(done),
        Command::Connector { command } => commands::connector::run(command).await.map(done),
        Command::Sim {
            command: SimCommand::Serve(args),
        } => commands::sim::serve(args).await.map(done),
        Command::Sim {
            command: SimCommand::Sample(args),
        } => commands::sim::sample(args).map(done),
        Command::Sim {
            command: SimCommand::Scim(args),
        } => commands::sim::scim(args).await.map(done),
        Command::Completions(args) => commands::completions::completions(args).map(done),
        Command::Man(args) => commands::man::man(args).map(done),
    }
}
