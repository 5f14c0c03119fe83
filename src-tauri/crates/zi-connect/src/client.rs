//! Calling a connector's action: paced at the connector's own rate, retried on 429 and 5xx
//! (waiting what `Retry-After` asks), its key placed where the file says.

use std::collections::BTreeMap;
use std::num::NonZeroU32;
use std::time::Duration;

use backon::BackoffBuilder;
use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;

use crate::error::{ConnectorError, Result};
use crate::fields;
use crate::spec::{Action, Auth, Connector, Placement};
use crate::template;

/// Tries of one call, the first included.
const ATTEMPTS: usize = 5;
/// The longest `Retry-After` honoured: longer ones are a closed door, not a pause.
const LONGEST_WAIT: Duration = Duration::from_secs(120);
/// Time allowed for one answer.
const TIMEOUT: Duration = Duration::from_secs(30);

/// What a connector answered.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    pub status: u16,
    /// The JSON answer (null for a 404 or an empty body).
    pub body: Value,
    /// Whether it carries something (not a 404, an empty list or an empty object).
    pub matched: bool,
}

/// Where an OAuth 2.0 connector's access tokens come from (a sign-in kept elsewhere).
#[async_trait::async_trait]
pub trait BearerSource: Send + Sync {
    /// A token to send now.
    async fn token(&self) -> std::result::Result<SecretString, String>;
    /// The API refused the token just sent: a new one.
    async fn renew(&self) -> std::result::Result<SecretString, String>;
}

pub struct ConnectorClient {
    connector: Connector,
    http: reqwest::Client,
    pace: DefaultDirectRateLimiter,
    key: Option<SecretString>,
    bearer: Option<std::sync::Arc<dyn BearerSource>>,
}

impl ConnectorClient {
    /// A client for `connector`; `key` is its API key when it uses one (else read from the
    /// file's `valueEnv`).
    pub fn new(connector: Connector, key: Option<SecretString>) -> Result<ConnectorClient> {
        let key = match (&connector.auth, key) {
            (Auth::ApiKey { .. }, Some(key)) => Some(key),
            (Auth::ApiKey { value_env, .. }, None) => {
                let var = value_env.as_deref().ok_or_else(|| ConnectorError::NoKey {
                    connector: connector.name.clone(),
                    detail: "its file names no valueEnv and none was given".into(),
                })?;
                let value = std::env::var(var).ok().filter(|v| !v.is_empty());
                Some(SecretString::from(value.ok_or_else(|| ConnectorError::NoKey {
                    connector: connector.name.clone(),
                    detail: format!("set the environment variable {var}"),
                })?))
            }
            (Auth::OAuth2 { .. }, _) => {
                return Err(ConnectorError::NoKey {
                    connector: connector.name.clone(),
                    detail: "it signs in with OAuth 2.0: sign in to it first (zi connector login FILE, or Connectors → Sign in)".into(),
                })
            }
            (Auth::None, _) => None,
        };
        ConnectorClient::assemble(connector, key, None)
    }

    /// A client for an OAuth 2.0 connector, its access tokens from `bearer`.
    pub fn with_bearer(
        connector: Connector,
        bearer: std::sync::Arc<dyn BearerSource>,
    ) -> Result<ConnectorClient> {
        ConnectorClient::assemble(connector, None, Some(bearer))
    }

    /// Its HTTP client and pace, with the key or token source already chosen.
    fn assemble(
        connector: Connector,
        key: Option<SecretString>,
        bearer: Option<std::sync::Arc<dyn BearerSource>>,
    ) -> Result<ConnectorClient> {
        let rate = NonZeroU32::new(connector.rate()).unwrap_or(NonZeroU32::MIN);
        let http = zi_net::client_builder()
            .map_err(|e| ConnectorError::Unreachable {
                connector: connector.name.clone(),
                detail: e.to_string(),
            })?
            .timeout(TIMEOUT)
            .build()
            .map_err(|e| ConnectorError::Unreachable {
                connector: connector.name.clone(),
                detail: e.to_string(),
            })?;
        Ok(ConnectorClient {
            pace: RateLimiter::direct(Quota::per_second(rate)),
            connector,
            http,
            key,
            bearer,
        })
    }

    /// The bearer token to send, when the connector signs in with OAuth 2.0.
    async fn bearer_token(&self, renew: bool) -> Result<Option<SecretString>> {
        let Some(bearer) = &self.bearer else {
            return Ok(None);
        };
        let token = if renew {
            bearer.renew().await
        } else {
            bearer.token().await
        };
        token.map(Some).map_err(|detail| ConnectorError::SignIn {
            connector: self.connector.name.clone(),
            detail,
        })
    }

    pub fn connector(&self) -> &Connector {
        &self.connector
    }

    /// Calls `action` with `values` for its placeholders.
    pub async fn call(&self, action: &Action, values: &BTreeMap<String, String>) -> Result<Answer> {
        let name = &self.connector.name;
        if let Some(missing) = action
            .parameters()
            .into_iter()
            .find(|p| values.get(p).is_none_or(|v| v.trim().is_empty()))
        {
            return Err(ConnectorError::MissingParam {
                connector: name.clone(),
                name: missing,
            });
        }
        let mut backoff = backon::ExponentialBuilder::default()
            .with_min_delay(Duration::from_millis(500))
            .with_max_delay(Duration::from_secs(30))
            .with_jitter()
            .with_max_times(ATTEMPTS - 1)
            .build();
        let mut attempt = 0;
        let mut bearer = self.bearer_token(false).await?;
        let mut renewed = false;
        loop {
            attempt += 1;
            self.pace.until_ready().await;
            let mut request = self.request(action, values);
            if let Some(token) = &bearer {
                request = request.bearer_auth(token.expose_secret());
            }
            let sent = request.send().await;
            let response = match sent {
                Ok(response) => response,
                Err(error) => match backoff.next() {
                    Some(delay) if error.is_timeout() || error.is_connect() => {
                        tokio::time::sleep(delay).await;
                        continue;
                    }
                    _ => {
                        return Err(ConnectorError::Unreachable {
                            connector: name.clone(),
                            detail: error.to_string(),
                        })
                    }
                },
            };
            let status = response.status();
            if status.as_u16() == 401 && bearer.is_some() && !renewed {
                // The access token died early: a new one, and one more try.
                renewed = true;
                bearer = self.bearer_token(true).await?;
                continue;
            }
            if status.as_u16() == 429 || status.is_server_error() {
                let asked = retry_after(response.headers());
                match backoff.next() {
                    Some(delay) => {
                        let wait = asked.unwrap_or(delay).min(LONGEST_WAIT);
                        tracing::debug!(connector = %name, status = status.as_u16(), ?wait, "trying again");
                        tokio::time::sleep(wait).await;
                        continue;
                    }
                    None => {
                        return Err(ConnectorError::GaveUp {
                            connector: name.clone(),
                            status: status.as_u16(),
                            attempts: attempt,
                        })
                    }
                }
            }
            return self.read(action, response).await;
        }
    }

    fn request(
        &self,
        action: &Action,
        values: &BTreeMap<String, String>,
    ) -> reqwest::RequestBuilder {
        let url = format!(
            "{}{}",
            self.connector.base_url.trim_end_matches('/'),
            template::fill_endpoint(&action.endpoint, values)
        );
        let mut request = self.http.request(action.request_type.method(), url);
        for (header, value) in &action.headers {
            request = request.header(header, template::fill(value, values, str::to_string));
        }
        let mut body = action.body.as_ref().map(|b| template::fill_body(b, values));
        if let (
            Auth::ApiKey {
                key_name,
                placement,
                prefix,
                ..
            },
            Some(key),
        ) = (&self.connector.auth, &self.key)
        {
            let value = format!("{}{}", prefix.as_deref().unwrap_or(""), key.expose_secret());
            match placement {
                Placement::Query => request = request.query(&[(key_name, &value)]),
                Placement::Header => request = request.header(key_name, value),
                Placement::Body => {
                    let object = body.get_or_insert_with(|| Value::Object(Default::default()));
                    if let Value::Object(map) = object {
                        map.insert(key_name.clone(), Value::String(value));
                    }
                }
            }
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        request
    }

    async fn read(&self, action: &Action, response: reqwest::Response) -> Result<Answer> {
        let name = &self.connector.name;
        let status = response.status().as_u16();
        if status == 401 || status == 403 {
            let placement = match &self.connector.auth {
                Auth::ApiKey {
                    key_name,
                    placement,
                    ..
                } => {
                    format!("{key_name} in {}", placement.as_str())
                }
                _ => "none".into(),
            };
            return Err(ConnectorError::KeyRefused {
                connector: name.clone(),
                status,
                placement,
            });
        }
        if status == 404 {
            return Ok(Answer {
                status,
                body: Value::Null,
                matched: false,
            });
        }
        let text = response
            .text()
            .await
            .map_err(|e| ConnectorError::Unreachable {
                connector: name.clone(),
                detail: e.to_string(),
            })?;
        if !(200..300).contains(&status) {
            return Err(ConnectorError::Refused {
                connector: name.clone(),
                status,
                detail: text.chars().take(200).collect(),
            });
        }
        let body: Value = if text.trim().is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).map_err(|e| ConnectorError::Unreadable {
                connector: name.clone(),
                detail: e.to_string(),
            })?
        };
        let matched = !fields::is_empty_answer(&body);
        if matched {
            check_described(name, action, &body)?;
        }
        Ok(Answer {
            status,
            body,
            matched,
        })
    }
}

/// An answer none of whose fields the action's output describes is refused: its columns would
/// all be empty, silently.
fn check_described(connector: &str, action: &Action, body: &Value) -> Result<()> {
    let Some(sample) = &action.output else {
        return Ok(());
    };
    let expected = fields::output_fields(sample);
    if expected.is_empty() {
        return Ok(());
    }
    let found: Vec<String> = fields::flatten(body).into_keys().collect();
    if found.iter().any(|f| expected.contains(f)) {
        return Ok(());
    }
    let list = |items: &[String]| {
        let mut shown: Vec<&str> = items.iter().take(6).map(String::as_str).collect();
        if items.len() > 6 {
            shown.push("…");
        }
        if shown.is_empty() {
            "no fields".to_string()
        } else {
            shown.join(", ")
        }
    };
    Err(ConnectorError::UnexpectedAnswer {
        connector: connector.to_string(),
        found: list(&found),
        expected: list(&expected),
    })
}

/// `Retry-After` in seconds or as an HTTP date (RFC 9110 §10.2.3).
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(
        at.duration_since(std::time::SystemTime::now())
            .unwrap_or_default(),
    )
}
