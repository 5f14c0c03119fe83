//! `zi connector`: trying a data connector file the way ZoomInfo's "Test API" does, with
//! sample values, and seeing the output fields its answer defines.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use zi_connect::{fields, Connector, ConnectorClient};
use zi_core::{CoreError, Result};

use crate::output::emit;

#[derive(Subcommand, Debug)]
pub enum ConnectorCommand {
    /// Call one action of a connector file with sample values and show the answer and the
    /// output fields (columns) it defines.
    Test(TestArgs),
    /// Sign in to an OAuth 2.0 connector in the browser; the sign-in is kept in the OS
    /// keychain and renewed before it expires.
    Login {
        /// The connector file (JSON).
        file: PathBuf,
        /// Print the address to open in a browser instead of opening one.
        #[arg(long)]
        no_browser: bool,
    },
}

#[derive(Args, Debug)]
#[command(
    after_help = "Example: ACME_KEY=… zi connector test acme.json --action \"person by email\" --param email=ana@acme.example"
)]
pub struct TestArgs {
    /// The connector file (JSON).
    pub file: PathBuf,
    /// The action to call (default: the first).
    #[arg(long)]
    pub action: Option<String>,
    /// A value for a {placeholder}, NAME=VALUE (repeatable).
    #[arg(long = "param", value_name = "NAME=VALUE")]
    pub params: Vec<String>,
    /// Print the answer and its fields as JSON.
    #[arg(long)]
    pub json: bool,
}

pub async fn run(command: &ConnectorCommand) -> Result<()> {
    match command {
        ConnectorCommand::Test(args) => test(args).await,
        ConnectorCommand::Login { file, no_browser } => login(file, *no_browser).await,
    }
}

async fn login(file: &std::path::Path, no_browser: bool) -> Result<()> {
    let connector = Connector::load(file)?;
    let keychain = zi_core::secrets::Keychain::default();
    zi_core::connectors::sign_in_connector(&connector, &keychain, |address| {
        eprintln!(
            "Waiting for you to sign in to {} in your browser…",
            connector.name
        );
        if no_browser || open::that_detached(address).is_err() {
            eprintln!("Open this address in a browser:\n{address}");
        }
    })
    .await?;
    emit(format!(
        "Signed in to {}; the sign-in is kept in the OS keychain.",
        connector.name
    ));
    Ok(())
}

/// A client for `connector`: its key, or its kept sign-in, from the keychain first.
pub(crate) fn client_for(connector: Connector) -> Result<ConnectorClient> {
    let vault: std::sync::Arc<dyn zi_core::sessions::SessionVault> =
        std::sync::Arc::new(zi_core::secrets::Keychain::default());
    zi_core::connectors::connector_client(connector, Some(vault))
}

async fn test(args: &TestArgs) -> Result<()> {
    let connector = Connector::load(&args.file)?;
    let action = connector.action(args.action.as_deref())?.clone();
    let values = parse_params(&args.params)?;
    let client = client_for(connector.clone())?;
    let answer = client.call(&action, &values).await?;
    let defined: Vec<String> = fields::output_fields(&answer.body)
        .iter()
        .map(|f| fields::column(&connector.name, f))
        .collect();
    if args.json {
        let json = serde_json::json!({
            "status": answer.status,
            "matched": answer.matched,
            "answer": answer.body,
            "columns": defined,
        });
        emit(serde_json::to_string_pretty(&json).map_err(|e| CoreError::Invalid(e.to_string()))?);
        return Ok(());
    }
    let body = serde_json::to_string_pretty(&answer.body).unwrap_or_default();
    let mut text = format!(
        "{} · {} → HTTP {}{}\n{body}\n",
        connector.name,
        action.name,
        answer.status,
        if answer.matched { "" } else { " (no match)" }
    );
    if defined.is_empty() {
        text.push_str("The answer defines no output fields.");
    } else {
        text.push_str(&format!(
            "Output fields it defines ({}): {}",
            defined.len(),
            defined.join(", ")
        ));
        if action.output.is_none() {
            text.push_str("\nThe action has no output yet: save this answer as its \"output\" to keep these columns.");
        }
    }
    emit(text);
    Ok(())
}

fn parse_params(params: &[String]) -> Result<BTreeMap<String, String>> {
    params
        .iter()
        .map(|p| {
            p.split_once('=')
                .map(|(k, v)| (k.trim().to_string(), v.to_string()))
                .ok_or_else(|| {
                    CoreError::Invalid(format!(
                        "--param {p}: write it as NAME=VALUE, e.g. email=ana@acme.example"
                    ))
                })
        })
        .collect()
}
