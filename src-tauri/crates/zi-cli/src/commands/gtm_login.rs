//! `zi login --gtm`: sign in to ZoomInfo's GTM API in the browser (zi-oauth) and keep the
//! refresh token in the OS keychain; no token is ever printed.

use zi_core::gtm_sign_in;
use zi_core::secrets::Keychain;
use zi_core::{CoreError, Result};
use zi_oauth::OAuthConfig;

use crate::cli::LoginArgs;

fn config(args: &LoginArgs) -> Result<OAuthConfig> {
    let client_id = args.gtm_client_id.as_deref().unwrap_or_default();
    if client_id.trim().is_empty() {
        return Err(CoreError::Invalid(
            "No GTM client id: pass --gtm-client-id or set ZI_GTM_CLIENT_ID.".into(),
        ));
    }
    gtm_sign_in::oauth_config(
        client_id,
        args.oauth_issuer.as_deref(),
        &args.scopes,
        args.gtm_client_secret.clone(),
    )
}

pub async fn login(args: &LoginArgs) -> Result<()> {
    let config = config(args)?;
    let scopes = config.scopes.join(" ");
    let open_browser = !args.no_browser;
    gtm_sign_in::sign_in(config, &Keychain::default(), |address| {
        // The system browser, as RFC 8252 asks (never an embedded view); the address is
        // printed either way, for when no browser can come up (a remote shell, no display).
        if open_browser && open::that_detached(address).is_ok() {
            eprintln!(
                "Your browser was opened to sign in to ZoomInfo. If it did not appear, open this address:\n{address}"
            );
        } else {
            eprintln!("Open this address in your browser to sign in to ZoomInfo:\n{address}");
        }
        eprintln!("Waiting for you to sign in in your browser… (Ctrl+C to cancel)");
    })
    .await?;
    crate::output::emit(format!(
        "Signed in to ZoomInfo's GTM API (scopes: {scopes}); the sign-in is kept in the OS keychain."
    ));
    Ok(())
}

pub fn logout() -> Result<()> {
    gtm_sign_in::sign_out(&Keychain::default())
}
