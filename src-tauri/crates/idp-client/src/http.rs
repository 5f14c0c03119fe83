//! One GET (or token POST) to an identity provider, classified, with the waits it calls for:
//! a 429 is sent again after the server's `Retry-After` (Graph) or rate-limit reset (Okta)
//! plus jitter; a 5xx or dropped connection is retried with exponential backoff and jitter.

use std::time::Duration;

use backon::{BackoffBuilder, ExponentialBuilder};
use reqwest::header::{self, HeaderMap, HeaderValue};
use reqwest::StatusCode;
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;
use url::Url;
use zi_net::Problem;

use crate::error::{IdpError, Result};
use crate::facts;

/// A successful answer: the JSON body, and the next page named by a `Link` header.
pub(crate) struct Answer {
    pub body: Value,
    pub next: Option<Url>,
}

pub(crate) struct Http {
    client: reqwest::Client,
    provider: &'static str,
}

impl Http {
    pub(crate) fn new(provider: &'static str) -> Result<Self> {
        let client = zi_net::client_builder()
            .map_err(|e| IdpError::Config(e.to_string()))?
            .timeout(facts::REQUEST_TIMEOUT)
            .connect_timeout(facts::CONNECT_TIMEOUT)
            .user_agent(concat!("zi-console-idp/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| IdpError::Config(format!("Could not set up HTTPS: {e}")))?;
        Ok(Http { client, provider })
    }

    /// An http(s) base URL as the admin typed it, without a trailing slash.
    pub(crate) fn base_url(&self, text: &str, what: &str) -> Result<Url> {
        let trimmed = text.trim().trim_end_matches('/');
        let url = Url::parse(trimmed).map_err(|e| {
            IdpError::Config(format!("The {what} '{text}' is not a valid URL ({e})."))
        })?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(IdpError::Config(format!(
                "The {what} '{text}' must start with https://."
            )));
        }
        Ok(url)
    }

    /// `base` + `/path` with the query pairs, escaped.
    pub(crate) fn url(&self, base: &Url, path: &str, query: &[(&str, String)]) -> Url {
        let mut url = base.clone();
        let joined = format!("{}{path}", url.path().trim_end_matches('/'));
        url.set_path(&joined);
        if !query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        url
    }

    /// GETs `url` with the `Authorization` value given, waiting and retrying as above.
    pub(crate) async fn get(&self, url: &Url, authorization: &SecretString) -> Result<Answer> {
        let mut transient = backoff(facts::TRANSIENT_ATTEMPTS, facts::RETRY_MAX_DELAY);
        let mut throttle = backoff(usize::MAX, facts::THROTTLE_MAX_WAIT);
        let mut throttled = 0;
        loop {
            match self.get_once(url, authorization).await {
                Err(Failure::Throttled(asked)) => {
                    throttled += 1;
                    if throttled >= facts::THROTTLED_ATTEMPTS {
                        return Err(IdpError::Throttled {
                            provider: self.provider,
                            attempts: throttled,
                        });
                    }
                    let wait = match asked {
                        Some(asked) => asked.min(facts::THROTTLE_MAX_WAIT) + jitter(),
                        None => throttle.next().unwrap_or(facts::THROTTLE_MAX_WAIT),
                    };
                    tracing::debug!(
                        ?wait,
                        throttled,
                        provider = self.provider,
                        "throttled; waiting"
                    );
                    tokio::time::sleep(wait).await;
                }
                Err(Failure::Passing(error)) => match transient.next() {
                    Some(delay) => tokio::time::sleep(delay).await,
                    None => return Err(error),
                },
                Err(Failure::Final(error)) => return Err(error),
                Ok(answer) => return Ok(answer),
            }
        }
    }

    async fn get_once(
        &self,
        url: &Url,
        authorization: &SecretString,
    ) -> std::result::Result<Answer, Failure> {
        let mut value = HeaderValue::from_str(authorization.expose_secret()).map_err(|_| {
            Failure::Final(IdpError::Config(
                "The API token holds characters a header cannot carry; paste it again.".into(),
            ))
        })?;
        value.set_sensitive(true);
        let response = self
            .client
            .get(url.clone())
            .header(header::ACCEPT, "application/json")
            .header(header::AUTHORIZATION, value)
            .send()
            .await
            .map_err(|e| Failure::Passing(self.network_error(url, &e)))?;
        let status = response.status();
        let headers = response.headers().clone();
        let text = response
            .text()
            .await
            .map_err(|e| Failure::Passing(self.network_error(url, &e)))?;
        if status.is_success() {
            let body = serde_json::from_str(&text).map_err(|e| {
                Failure::Final(IdpError::Garbage {
                    provider: self.provider,
                    detail: format!("not JSON: {e}"),
                })
            })?;
            return Ok(Answer {
                body,
                next: next_link(&headers),
            });
        }
        Err(self.failure(status, &headers, &text, url))
    }

    /// POSTs a form to a token endpoint; a 400 or 401 means the credentials were refused.
    pub(crate) async fn post_form(&self, url: &Url, form: &[(&str, &str)]) -> Result<Value> {
        let mut transient = backoff(facts::TRANSIENT_ATTEMPTS, facts::RETRY_MAX_DELAY);
        loop {
            let sent = self
                .client
                .post(url.clone())
                .header(header::ACCEPT, "application/json")
                .form(form)
                .send()
                .await;
            let outcome = match sent {
                Err(e) => Err(Failure::Passing(self.network_error(url, &e))),
                Ok(response) => {
                    let status = response.status();
                    let headers = response.headers().clone();
                    match response.text().await {
                        Err(e) => Err(Failure::Passing(self.network_error(url, &e))),
                        Ok(text) if status.is_success() => {
                            serde_json::from_str(&text).map_err(|e| {
                                Failure::Final(IdpError::Garbage {
                                    provider: self.provider,
                                    detail: format!("the token answer is not JSON: {e}"),
                                })
                            })
                        }
                        Ok(text) if status == StatusCode::BAD_REQUEST => {
                            Err(Failure::Final(IdpError::Rejected {
                                provider: self.provider,
                                status: status.as_u16(),
                                message: error_message(&text),
                            }))
                        }
                        Ok(text) => Err(self.failure(status, &headers, &text, url)),
                    }
                }
            };
            match outcome {
                Ok(body) => return Ok(body),
                Err(Failure::Final(error)) => return Err(error),
                Err(Failure::Throttled(_)) => match transient.next() {
                    Some(delay) => tokio::time::sleep(delay).await,
                    None => {
                        return Err(IdpError::Throttled {
                            provider: self.provider,
                            attempts: facts::TRANSIENT_ATTEMPTS as u32 + 1,
                        })
                    }
                },
                Err(Failure::Passing(error)) => match transient.next() {
                    Some(delay) => tokio::time::sleep(delay).await,
                    None => return Err(error),
                },
            }
        }
    }

    fn failure(&self, status: StatusCode, headers: &HeaderMap, text: &str, url: &Url) -> Failure {
        let provider = self.provider;
        let message = error_message(text);
        match status {
            StatusCode::TOO_MANY_REQUESTS => Failure::Throttled(wait_asked(headers)),
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => {
                Failure::Final(IdpError::Rejected {
                    provider,
                    status: status.as_u16(),
                    message,
                })
            }
            StatusCode::NOT_FOUND => Failure::Final(IdpError::NotFound {
                provider,
                what: url.path().to_string(),
            }),
            s if s.is_server_error() && s != StatusCode::NOT_IMPLEMENTED => {
                Failure::Passing(IdpError::Server {
                    provider,
                    status: s.as_u16(),
                    message,
                })
            }
            s => Failure::Final(IdpError::Server {
                provider,
                status: s.as_u16(),
                message,
            }),
        }
    }

    fn network_error(&self, url: &Url, e: &reqwest::Error) -> IdpError {
        let origin = url.origin().ascii_serialization();
        let network = |detail: &str| IdpError::Network {
            provider: self.provider,
            detail: detail.into(),
        };
        match zi_net::problem_of(e) {
            Problem::Unreachable => IdpError::Unreachable {
                provider: self.provider,
                url: origin,
            },
            Problem::TimedOut => network("the request timed out"),
            Problem::Interrupted => network("the connection was interrupted"),
            blocked => IdpError::Blocked {
                message: blocked.explain(self.provider),
            },
        }
    }
}

enum Failure {
    /// 429, with the wait the server asked for when it said.
    Throttled(Option<Duration>),
    /// Worth trying again after a pause.
    Passing(IdpError),
    Final(IdpError),
}

fn backoff(times: usize, max_delay: Duration) -> impl Iterator<Item = Duration> {
    ExponentialBuilder::default()
        .with_min_delay(facts::RETRY_MIN_DELAY)
        .with_max_delay(max_delay)
        .with_max_times(times)
        .with_jitter()
        .build()
}

fn jitter() -> Duration {
    let max = facts::THROTTLE_JITTER.as_millis() as u64;
    Duration::from_millis(rand::random_range(0..=max))
}

/// The wait a 429 asks for: `Retry-After` in seconds or as an HTTP date (Graph), else until
/// Okta's `X-Rate-Limit-Reset` (epoch seconds).
fn wait_asked(headers: &HeaderMap) -> Option<Duration> {
    let text = |name: &str| headers.get(name)?.to_str().ok().map(str::trim);
    let now = chrono::Utc::now();
    if let Some(value) = text(header::RETRY_AFTER.as_str()) {
        if let Ok(seconds) = value.parse::<u64>() {
            return Some(Duration::from_secs(seconds));
        }
        if let Ok(at) = chrono::DateTime::parse_from_rfc2822(value) {
            return Some(
                (at.with_timezone(&chrono::Utc) - now)
                    .to_std()
                    .unwrap_or_default(),
            );
        }
    }
    let reset: i64 = text(facts::OKTA_RATE_RESET_HEADER)?.parse().ok()?;
    Some(Duration::from_secs(
        u64::try_from(reset - now.timestamp()).unwrap_or(0),
    ))
}

/// The `rel="next"` target of an RFC 8288 `Link` header (Okta's paging).
fn next_link(headers: &HeaderMap) -> Option<Url> {
    headers
        .get_all(header::LINK)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| parse_link_header::parse_with_rel(v).ok())
        .find_map(|links| links.get("next").map(|link| link.uri.clone()))
}

/// An id as one escaped path segment.
pub(crate) fn segment(id: &str) -> String {
    url::form_urlencoded::byte_serialize(id.trim().as_bytes()).collect()
}

/// A string field, trimmed; `None` when absent, not a string, or empty.
pub(crate) fn text(value: &Value) -> Option<String> {
    value
        .as_str()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// The human part of an error body: Okta's `errorSummary`, Graph's `error.message`, Entra's
/// `error_description`, else the text itself, shortened.
pub(crate) fn error_message(text: &str) -> String {
    let parsed: Option<Value> = serde_json::from_str(text).ok();
    let found = parsed.as_ref().and_then(|v| {
        v["errorSummary"]
            .as_str()
            .or_else(|| v["error"]["message"].as_str())
            .or_else(|| v["error_description"].as_str())
            .or_else(|| v["error"].as_str())
            .map(str::to_string)
    });
    let message = found.unwrap_or_else(|| text.trim().to_string());
    let short: String = message.chars().take(300).collect();
    if short.is_empty() {
        "no reason given".into()
    } else {
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_link_reads_okta_paging() {
        let mut headers = HeaderMap::new();
        headers.append(
            header::LINK,
            HeaderValue::from_static(
                "<https://x.okta.com/api/v1/apps/1/users?limit=2>; rel=\"self\"",
            ),
        );
        headers.append(
            header::LINK,
            HeaderValue::from_static(
                "<https://x.okta.com/api/v1/apps/1/users?after=00u2&limit=2>; rel=\"next\"",
            ),
        );
        assert_eq!(
            next_link(&headers).map(|u| u.to_string()).as_deref(),
            Some("https://x.okta.com/api/v1/apps/1/users?after=00u2&limit=2")
        );
    }

    #[test]
    fn error_messages_come_from_each_providers_shape() {
        assert_eq!(
            error_message(r#"{"errorCode":"E0000011","errorSummary":"Invalid token provided"}"#),
            "Invalid token provided"
        );
        assert_eq!(
            error_message(
                r#"{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired."}}"#
            ),
            "Access token has expired."
        );
        assert_eq!(
            error_message(
                r#"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."}"#
            ),
            "AADSTS7000215: Invalid client secret provided."
        );
        assert_eq!(error_message("  "), "no reason given");
    }

    #[test]
    fn a_429_waits_as_asked() {
        let mut headers = HeaderMap::new();
        headers.insert(header::RETRY_AFTER, HeaderValue::from_static("7"));
        assert_eq!(wait_asked(&headers), Some(Duration::from_secs(7)));
        let mut okta = HeaderMap::new();
        let reset = (chrono::Utc::now().timestamp() + 3).to_string();
        okta.insert(
            "x-rate-limit-reset",
            HeaderValue::from_str(&reset).expect("digits"),
        );
        let wait = wait_asked(&okta).expect("a wait");
        assert!(
            wait <= Duration::from_secs(3) && wait >= Duration::from_secs(2),
            "{wait:?}"
        );
    }
}
