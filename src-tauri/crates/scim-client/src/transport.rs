//! One HTTP exchange with a SCIM server (or its OAuth token endpoint), classified.

use std::time::Duration;

use backon::{BackoffBuilder, ExponentialBuilder};
use reqwest::{header, Method, StatusCode};
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;
use tokio::sync::Mutex;
use tokio::time::Instant;
use url::Url;
use zi_net::Problem;

use crate::auth::{OAuthClientCredentials, ScimAuth};
use crate::error::{Result, ScimError};
use crate::limits;
use crate::parse::{answer_body, error_message, oauth_token};

/// A successful answer: its body is `None` when empty (PATCH/DELETE with 204).
#[derive(Debug)]
pub(crate) struct Answer {
    pub body: Option<Value>,
}

struct OAuthToken {
    value: SecretString,
    renew_at: Instant,
}

pub(crate) struct Transport {
    http: reqwest::Client,
    base: Url,
    auth: ScimAuth,
    oauth_token: Mutex<Option<OAuthToken>>,
}

/// Percent-encodes a query value with `%20` for spaces (some servers do not read `+`).
fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(byte as char)
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

impl Transport {
    pub(crate) fn new(
        base_url: &str,
        auth: ScimAuth,
        request_timeout: Duration,
        connect_timeout: Duration,
    ) -> Result<Self> {
        let base = Url::parse(base_url.trim()).map_err(|e| {
            ScimError::Config(format!(
                "The SCIM address '{base_url}' is not a valid URL ({e})."
            ))
        })?;
        if !matches!(base.scheme(), "http" | "https") || base.cannot_be_a_base() {
            return Err(ScimError::Config(format!(
                "The SCIM address '{base_url}' must start with https:// (or http:// for a local server)."
            )));
        }
        let http = zi_net::client_builder()
            .map_err(|e| ScimError::Config(e.to_string()))?
            .timeout(request_timeout)
            .connect_timeout(connect_timeout)
            .user_agent(concat!("zi-console-scim/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ScimError::Config(format!("Could not set up HTTPS: {e}")))?;
        Ok(Transport {
            http,
            base,
            auth,
            oauth_token: Mutex::new(None),
        })
    }

    /// Whether tokens come from an OAuth token endpoint (and are renewed as they expire).
    pub(crate) fn uses_oauth(&self) -> bool {
        matches!(self.auth, ScimAuth::OAuth(_))
    }

    /// The base URL as given, without a trailing slash.
    pub(crate) fn base_url(&self) -> &str {
        self.base.as_str().trim_end_matches('/')
    }

    /// `base/segment/segment…?query`, each segment escaped.
    fn url(&self, segments: &[&str], query: &[(&str, String)]) -> Result<Url> {
        let mut url = self.base.clone();
        url.path_segments_mut()
            .map_err(|()| ScimError::Config("The SCIM address cannot take a path.".into()))?
            .pop_if_empty()
            .extend(segments);
        if !query.is_empty() {
            let q = query
                .iter()
                .map(|(k, v)| format!("{k}={}", encode_query_value(v)))
                .collect::<Vec<_>>()
                .join("&");
            url.set_query(Some(&q));
        }
        Ok(url)
    }

    fn network_error(&self, e: &reqwest::Error) -> ScimError {
        let url = self.base_url().to_string();
        match zi_net::problem_of(e) {
            Problem::Unreachable => ScimError::Unreachable { url },
            Problem::TimedOut => ScimError::Network {
                url,
                detail: "the request timed out".into(),
            },
            Problem::Interrupted => ScimError::Network {
                url,
                detail: "the connection was interrupted".into(),
            },
            blocked => ScimError::Blocked {
                message: blocked.explain("the SCIM server"),
            },
        }
    }

    /// The bearer token for the next call: the static one, or a (cached) OAuth token.
    async fn bearer(&self, refresh: bool) -> Result<SecretString> {
        match &self.auth {
            ScimAuth::Bearer(token) => Ok(token.clone()),
            ScimAuth::OAuth(oauth) => {
                let mut slot = self.oauth_token.lock().await;
                if !refresh {
                    if let Some(token) = slot.as_ref().filter(|t| Instant::now() < t.renew_at) {
                        return Ok(token.value.clone());
                    }
                }
                let token = self.fetch_oauth_token(oauth).await?;
                let value = token.value.clone();
                *slot = Some(token);
                Ok(value)
            }
        }
    }

    async fn fetch_oauth_token(&self, oauth: &OAuthClientCredentials) -> Result<OAuthToken> {
        let url = Url::parse(oauth.token_url.trim()).map_err(|e| {
            ScimError::Config(format!(
                "The OAuth token URL '{}' is not a valid URL ({e}).",
                oauth.token_url
            ))
        })?;
        let response = self
            .http
            .post(url)
            .basic_auth(&oauth.client_id, Some(oauth.client_secret.expose_secret()))
            .header(header::ACCEPT, "application/json")
            .form(&oauth.form())
            .send()
            .await
            .map_err(|e| self.network_error(&e))?;
        let status = response.status();
        let text = response.text().await.map_err(|e| self.network_error(&e))?;
        if status == StatusCode::BAD_REQUEST
            || status == StatusCode::UNAUTHORIZED
            || status == StatusCode::FORBIDDEN
        {
            return Err(ScimError::OAuthRejected {
                status: status.as_u16(),
                message: error_message(&text),
            });
        }
        if !status.is_success() {
            return Err(classify_failure(
                status,
                &text,
                "OAuth token endpoint",
                self.base_url(),
            ));
        }
        let (access_token, lifetime) = oauth_token(&text)?;
        let margin = limits::OAUTH_RENEW_BEFORE_EXPIRY.min(lifetime / 5);
        Ok(OAuthToken {
            value: SecretString::from(access_token),
            renew_at: Instant::now() + lifetime.saturating_sub(margin),
        })
    }

    /// Sends one request. A 429 is sent again after the server's `Retry-After` (any method:
    /// the server did not process it); a GET that failed for a passing reason is retried with
    /// backoff; a refused OAuth token is renewed once.
    pub(crate) async fn send(
        &self,
        method: Method,
        segments: &[&str],
        query: &[(&str, String)],
        body: Option<&Value>,
    ) -> Result<Answer> {
        let url = self.url(segments, query)?;
        let what = segments.first().copied().unwrap_or("endpoint");
        let mut transient = backoff(
            limits::TRANSIENT_ATTEMPTS as usize - 1,
            limits::RETRY_MAX_DELAY,
        );
        let mut throttle_backoff = backoff(usize::MAX, limits::THROTTLE_MAX_WAIT);
        let mut throttled: u32 = 0;
        let mut refreshed = false;
        loop {
            let token = self.bearer(false).await?;
            match self.once(&method, &url, body, &token, what).await {
                Err(ScimError::Rejected { .. })
                    if matches!(self.auth, ScimAuth::OAuth(_)) && !refreshed =>
                {
                    refreshed = true;
                    self.bearer(true).await?;
                }
                Err(ScimError::Throttled {
                    message,
                    retry_after,
                    ..
                }) => {
                    throttled += 1;
                    if throttled >= limits::THROTTLED_ATTEMPTS {
                        return Err(ScimError::Throttled {
                            message,
                            retry_after,
                            attempts: throttled,
                        });
                    }
                    let wait = match retry_after {
                        Some(asked) => asked.min(limits::THROTTLE_MAX_WAIT) + jitter(),
                        None => throttle_backoff.next().unwrap_or(limits::THROTTLE_MAX_WAIT),
                    };
                    tracing::debug!(?wait, throttled, "SCIM server limits requests; waiting");
                    tokio::time::sleep(wait).await;
                }
                Err(e) if method == Method::GET && retryable(&e) => match transient.next() {
                    Some(delay) => tokio::time::sleep(delay).await,
                    None => return Err(e),
                },
                other => return other,
            }
        }
    }

    async fn once(
        &self,
        method: &Method,
        url: &Url,
        body: Option<&Value>,
        token: &SecretString,
        what: &str,
    ) -> Result<Answer> {
        let mut request = self
            .http
            .request(method.clone(), url.clone())
            .header(header::ACCEPT, limits::ACCEPT)
            .bearer_auth(token.expose_secret());
        if let Some(body) = body {
            request = request
                .header(header::CONTENT_TYPE, limits::SCIM_MEDIA_TYPE)
                .body(body.to_string());
        }
        let response = request.send().await.map_err(|e| self.network_error(&e))?;
        let status = response.status();
        let retry_after = retry_after(response.headers());
        let text = response.text().await.map_err(|e| self.network_error(&e))?;
        if status.is_success() {
            return answer_body(&text).map(|body| Answer { body });
        }
        let failure = classify_failure(status, &text, what, self.base_url());
        Err(match failure {
            ScimError::Throttled {
                message, attempts, ..
            } => ScimError::Throttled {
                message,
                retry_after,
                attempts,
            },
            other => other,
        })
    }
}

/// Exponential backoff with jitter from `limits::RETRY_MIN_DELAY` up to `max_delay`.
fn backoff(times: usize, max_delay: Duration) -> impl Iterator<Item = Duration> {
    ExponentialBuilder::default()
        .with_min_delay(limits::RETRY_MIN_DELAY)
        .with_max_delay(max_delay)
        .with_max_times(times)
        .with_jitter()
        .build()
}

fn jitter() -> Duration {
    let max = limits::THROTTLE_JITTER.as_millis() as u64;
    Duration::from_millis(rand::random_range(0..=max))
}

/// `Retry-After` as seconds or as an HTTP date (RFC 9110 §10.2.3); a date in the past is no wait.
fn retry_after(headers: &header::HeaderMap) -> Option<Duration> {
    let value = headers.get(header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    Some(
        (at.with_timezone(&chrono::Utc) - chrono::Utc::now())
            .to_std()
            .unwrap_or_default(),
    )
}

fn retryable(error: &ScimError) -> bool {
    match error {
        ScimError::Server { status, .. } => *status != 501,
        ScimError::Network { .. } => true,
        _ => false,
    }
}

fn classify_failure(status: StatusCode, body: &str, what: &str, base: &str) -> ScimError {
    let message = error_message(body);
    match status {
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => ScimError::Rejected {
            url: base.to_string(),
            status: status.as_u16(),
            message,
        },
        StatusCode::NOT_FOUND => ScimError::NotFound {
            what: what.to_string(),
        },
        StatusCode::CONFLICT => ScimError::Conflict { message },
        StatusCode::PROXY_AUTHENTICATION_REQUIRED => ScimError::Blocked {
            message: Problem::ProxyAuthentication.explain("the SCIM server"),
        },
        StatusCode::TOO_MANY_REQUESTS => ScimError::Throttled {
            message,
            retry_after: None,
            attempts: 1,
        },
        s if s.is_server_error() => ScimError::Server {
            status: s.as_u16(),
            message,
        },
        s => ScimError::BadRequest {
            status: s.as_u16(),
            message,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn transport(base: &str) -> Transport {
        Transport::new(
            base,
            ScimAuth::bearer("t"),
            limits::REQUEST_TIMEOUT,
            limits::CONNECT_TIMEOUT,
        )
        .expect("transport")
    }

    #[test]
    fn urls_join_segments_and_encode_filters() {
        for base in ["http://h.test/scim/v2", "http://h.test/scim/v2/"] {
            let t = transport(base);
            let url = t
                .url(&["Users"], &[("filter", "userName eq \"a b\"".into())])
                .expect("url");
            assert_eq!(
                url.as_str(),
                "http://h.test/scim/v2/Users?filter=userName%20eq%20%22a%20b%22"
            );
            let url = t.url(&["Users", "id/with slash"], &[]).expect("url");
            assert_eq!(
                url.as_str(),
                "http://h.test/scim/v2/Users/id%2Fwith%20slash"
            );
        }
    }

    #[test]
    fn bad_addresses_are_config_errors() {
        for base in ["not a url", "ftp://h.test/scim", "mailto:a@b.c"] {
            assert!(matches!(
                Transport::new(
                    base,
                    ScimAuth::bearer("t"),
                    limits::REQUEST_TIMEOUT,
                    limits::CONNECT_TIMEOUT
                ),
                Err(ScimError::Config(_))
            ));
        }
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let mut headers = header::HeaderMap::new();
        assert_eq!(retry_after(&headers), None);
        headers.insert(header::RETRY_AFTER, header::HeaderValue::from_static("3"));
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(3)));
        let soon = (chrono::Utc::now() + chrono::Duration::seconds(30)).to_rfc2822();
        headers.insert(header::RETRY_AFTER, soon.parse().expect("header"));
        let wait = retry_after(&headers).expect("a date");
        assert!((28..=30).contains(&wait.as_secs()), "{wait:?}");
        headers.insert(
            header::RETRY_AFTER,
            header::HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(retry_after(&headers), Some(Duration::ZERO));
        headers.insert(
            header::RETRY_AFTER,
            header::HeaderValue::from_static("soon"),
        );
        assert_eq!(retry_after(&headers), None);
    }

    #[test]
    fn failures_are_classified() {
        assert!(classify_failure(StatusCode::UNAUTHORIZED, "{}", "Users", "b").is_rejected());
        assert!(classify_failure(StatusCode::FORBIDDEN, "{}", "Users", "b").is_rejected());
        assert!(matches!(
            classify_failure(StatusCode::NOT_FOUND, "", "Users", "b"),
            ScimError::NotFound { .. }
        ));
        assert!(matches!(
            classify_failure(StatusCode::CONFLICT, r#"{"detail":"exists"}"#, "Users", "b"),
            ScimError::Conflict { message } if message == "exists"
        ));
        assert!(matches!(
            classify_failure(StatusCode::BAD_GATEWAY, "", "Users", "b"),
            ScimError::Server { status: 502, .. }
        ));
    }
}
