use zi_core::Result;

pub async fn status(demo: bool) -> Result<()> {
    let console = crate::session::open(demo).await?;
    let status = console.test_connection().await?;
    println!("API:      {}{}", status.api_url, if status.demo { " (demo simulator)" } else { "" });
    println!("User:     {}", status.username);
    println!("Token:    valid until {}", status.token.valid_until.as_deref().unwrap_or("unknown"));
    println!("Renewal:  automatic, at {}", status.token.renews_at.as_deref().unwrap_or("unknown"));
    Ok(())
}
