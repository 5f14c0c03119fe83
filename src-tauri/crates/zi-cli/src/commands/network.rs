//! `zi network`: the proxy every connection goes through (entered here, else the system's),
//! and a check of the way to a server that says what stands in it: a certificate this computer
//! does not trust, a proxy that wants a password, no route at all.

use clap::{Args, Subcommand};
use zi_core::network::{
    apply_network, check_connection, network_view_of, NetworkSettings, NetworkView,
};
use zi_core::secrets::Keychain;
use zi_core::sessions::SessionVault;
use zi_core::{paths, ConnectionSettings, CoreError, Result};

use crate::output::emit;

#[derive(Subcommand, Debug)]
pub enum NetworkCommand {
    /// Show the proxy in use and where it comes from.
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Send every connection through this proxy, overriding the system's settings (--clear:
    /// back to the system's). Its password is kept in the OS keychain.
    Proxy(ProxyArgs),
    /// Try to reach a server (by default the ZoomInfo API address) the way zi does, and say
    /// what stands in the way. Exit 1 when it cannot be reached.
    Check {
        /// An http(s) address; by default the API address in use.
        url: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args, Debug)]
#[command(
    after_help = "Example: printf '%s\\n' \"$PROXY_PASSWORD\" | zi network proxy http://proxy.corp.example:3128 --user alice --password-stdin --no-proxy '*.corp.example'"
)]
pub struct ProxyArgs {
    /// The proxy's address, http://host:port.
    #[arg(value_name = "URL", required_unless_present = "clear")]
    pub url: Option<String>,
    /// Forget the proxy (and its password): use the system's settings again.
    #[arg(long, conflicts_with_all = ["url", "no_proxy", "user", "password_stdin"])]
    pub clear: bool,
    /// Hosts that bypass it, comma-separated (*.corp.example, 10.0.0.0/8).
    #[arg(long, value_name = "HOSTS", default_value = "")]
    pub no_proxy: String,
    /// The user name, for a proxy that asks for a password.
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,
    /// Read the proxy's password from the first line of standard input.
    #[arg(long, requires = "user")]
    pub password_stdin: bool,
}

pub async fn run(command: &NetworkCommand) -> Result<()> {
    let store = paths::open_store(&paths::data_dir()?, false).await?;
    let keychain = Keychain::default();
    let vault: &dyn SessionVault = &keychain;
    match command {
        NetworkCommand::Show { json } => {
            let view = network_view_of(&store, Some(vault)).await?;
            show(&view, *json)
        }
        NetworkCommand::Proxy(args) => {
            let (settings, password) = if args.clear {
                (NetworkSettings::default(), Some(String::new()))
            } else {
                let password = if args.password_stdin {
                    Some(super::login::read_line(None)?)
                } else {
                    None
                };
                let settings = NetworkSettings {
                    proxy_url: args.url.clone().unwrap_or_default(),
                    no_proxy: args.no_proxy.clone(),
                    proxy_username: args.user.clone().unwrap_or_default(),
                };
                (settings, password)
            };
            let view = settings
                .save(&store, Some(vault), password.as_deref())
                .await?;
            show(&view, false)
        }
        NetworkCommand::Check { url, json } => {
            apply_network(&store, Some(vault)).await?;
            let url = match url {
                Some(url) => url.clone(),
                None => ConnectionSettings::load(&store).await?.api_url,
            };
            let check = check_connection(&url).await?;
            if *json {
                emit(to_json(&check)?);
            }
            match &check.problem {
                Some(problem) => Err(CoreError::Invalid(problem.clone())),
                None => {
                    if !*json {
                        let status = check
                            .status
                            .map(|s| format!(" (HTTP {s})"))
                            .unwrap_or_default();
                        emit(format!("{} can be reached from here{status}.", check.url));
                    }
                    Ok(())
                }
            }
        }
    }
}

fn show(view: &NetworkView, json: bool) -> Result<()> {
    if json {
        emit(to_json(view)?);
        return Ok(());
    }
    let settings = &view.settings;
    if settings.proxy_url.is_empty() {
        match &view.env_proxy {
            Some(proxy) => emit(format!("Proxy: {proxy} (from the environment)")),
            None => emit("Proxy: the system's settings (none in the environment)"),
        }
    } else {
        emit(format!(
            "Proxy: {} (entered with zi network proxy)",
            settings.proxy_url
        ));
        if !settings.proxy_username.is_empty() {
            let kept = if view.password_kept {
                "password kept in the keychain"
            } else {
                "no password kept"
            };
            emit(format!("User:  {} ({kept})", settings.proxy_username));
        }
        if !settings.no_proxy.is_empty() {
            emit(format!("Bypassed for: {}", settings.no_proxy));
        }
    }
    emit("Certificates: trusted as the operating system trusts them");
    Ok(())
}

fn to_json(value: &impl serde::Serialize) -> Result<String> {
    serde_json::to_string_pretty(value).map_err(|e| CoreError::Invalid(e.to_string()))
}
