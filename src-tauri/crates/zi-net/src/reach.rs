//! A connection check: can a server be reached from here, the way the clients reach it?

use std::time::Duration;

use crate::{client_builder, problem_of, NetError, Problem};

/// How long a check waits.
const CHECK_TIMEOUT: Duration = Duration::from_secs(15);

/// GETs `url` through the proxy in force, trusting what the system trusts. Any HTTP answer
/// but a proxy's 407 means the way is open: `Ok(status)`.
pub async fn reach(url: &url::Url) -> Result<Result<u16, Problem>, NetError> {
    let client = client_builder()?
        .timeout(CHECK_TIMEOUT)
        .build()
        .map_err(|e| NetError::Tls(e.to_string()))?;
    Ok(match client.get(url.clone()).send().await {
        Ok(answer) if answer.status() == reqwest::StatusCode::PROXY_AUTHENTICATION_REQUIRED => {
            Err(Problem::ProxyAuthentication)
        }
        Ok(answer) => Ok(answer.status().as_u16()),
        Err(error) => Err(problem_of(&error)),
    })
}

/// The environment variables reqwest reads when no proxy is entered, most specific first.
const PROXY_ENV: [&str; 6] = [
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "ALL_PROXY",
    "all_proxy",
];

/// The proxy the environment names, without any user name or password in it.
pub fn env_proxy() -> Option<String> {
    PROXY_ENV.iter().find_map(|name| {
        let value = std::env::var(name).ok()?;
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        Some(match url::Url::parse(value) {
            Ok(mut url) => {
                let _ = url.set_password(None);
                let _ = url.set_username("");
                url.to_string().trim_end_matches('/').to_string()
            }
            Err(_) => "(unreadable)".to_string(),
        })
    })
}
