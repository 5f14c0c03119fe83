use std::io::{BufRead, IsTerminal, Write};

use zi_core::secrets::Keychain;
use zi_core::sign_in::{credentials_from, SignInRequest};
use zi_core::{paths, Console, CoreError, Result};

use crate::cli::LoginArgs;

pub(crate) fn read_line(prompt: Option<&str>) -> Result<String> {
    if let Some(prompt) = prompt {
        eprint!("{prompt}");
        std::io::stderr().flush().ok();
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| CoreError::Invalid(format!("Could not read standard input: {e}")))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

fn username(args: &LoginArgs) -> Result<String> {
    let given = args
        .username
        .clone()
        .or_else(|| std::env::var("ZI_USERNAME").ok())
        .filter(|u| !u.trim().is_empty());
    match given {
        Some(username) => Ok(username.trim().to_string()),
        None if std::io::stdin().is_terminal() => {
            let typed = read_line(Some("ZoomInfo API username: "))?;
            if typed.trim().is_empty() {
                return Err(CoreError::Invalid("No username given.".into()));
            }
            Ok(typed.trim().to_string())
        }
        None => Err(CoreError::Invalid(
            "No username: pass --username or set ZI_USERNAME.".into(),
        )),
    }
}

fn password(args: &LoginArgs) -> Result<String> {
    if args.password_stdin {
        return read_line(None);
    }
    if let Ok(password) = std::env::var("ZI_PASSWORD") {
        return Ok(password);
    }
    if !std::io::stdin().is_terminal() {
        return Err(CoreError::Invalid(
            "No terminal to ask for the password: use --password-stdin or set ZI_PASSWORD.".into(),
        ));
    }
    // Read without echo.
    rpassword::prompt_password("Password: ")
        .map_err(|e| CoreError::Invalid(format!("Could not read the password: {e}")))
}

/// The same form the app's Connect screen fills, checked by the same rules.
fn sign_in_request(args: &LoginArgs) -> Result<SignInRequest> {
    let username = username(args)?;
    Ok(match (&args.pki_key, &args.client_id) {
        (Some(key_path), Some(client_id)) => SignInRequest::Pki {
            username,
            client_id: client_id.clone(),
            private_key_path: key_path.display().to_string(),
        },
        _ => SignInRequest::Password {
            username,
            password: password(args)?,
        },
    })
}

pub async fn login(args: &LoginArgs, demo: bool) -> Result<()> {
    if demo {
        return Err(CoreError::Invalid(
            "The demo needs no login: add --demo to any command instead.".into(),
        ));
    }
    if args.gtm {
        return super::gtm_login::login(args).await;
    }
    let credentials = credentials_from(sign_in_request(args)?).await?;
    let console =
        Console::sign_in_and_remember(&paths::data_dir()?, credentials, &Keychain::default())
            .await?;
    let status = console.connection_status().await;
    crate::output::emit(format!(
        "Signed in to {} as {}; the credentials are stored in the OS keychain.",
        status.api_url, status.username
    ));
    Ok(())
}

pub async fn logout() -> Result<()> {
    Console::forget_account(&paths::data_dir()?, &Keychain::default()).await?;
    super::gtm_login::logout()?;
    crate::output::emit(
        "Removed the stored ZoomInfo credentials, session and GTM sign-in from the OS keychain.",
    );
    Ok(())
}
