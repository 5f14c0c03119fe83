use zi_core::Result;

pub async fn status(target: crate::session::Target) -> Result<()> {
    let console = crate::session::open(target).await?;
    let status = console.test_connection().await?;
    crate::output::emit(format!(
        "API:      {}{}",
        status.api_url,
        if status.demo { " (demo simulator)" } else { "" }
    ));
    crate::output::emit(format!("User:     {}", status.username));
    crate::output::emit(format!(
        "Token:    valid until {}",
        status.token.valid_until.as_deref().unwrap_or("unknown")
    ));
    crate::output::emit(format!(
        "Renewal:  automatic, at {}",
        status.token.renews_at.as_deref().unwrap_or("unknown")
    ));
    Ok(())
}
