//! One HTTP exchange with the API, its answer classified. No retries here.

use std::time::Duration;

use reqwest::{header, Method, StatusCode};
use serde_json::Value;
use url::Url;

use zi_net::Problem;

use crate::error::ClientError;
use crate::headers;
use crate::parse::error_message;
use crate::rate_board::RateBoard;

/// How one attempt failed. A 401 is kept apart because it means "log in again", not "give up".
#[derive(Debug)]
pub(crate) enum Failure {
    Unauthorized(String),
    Error(ClientError),
}

impl From<ClientError> for Failure {
    fn from(error: ClientError) -> Self {
        Failure::Error(error)
    }
}

/// Called with the raw text of every successful answer, before it is parsed.
pub type Receipt<'a> = dyn Fn(&str) + Send + Sync + 'a;

pub(crate) struct Transport {
    http: reqwest::Client,
    base: Url,
    /// The rate and usage headers of the latest answers.
    board: RateBoard,
    /// The media type sent as `Accept` and as the body's `Content-Type`.
    media_type: &'static str,
}

/// The legacy API's media type (its spec declares `application/json` throughout).
const LEGACY_MEDIA_TYPE: &str = "application/json";

impl Transport {
    pub(crate) fn new(
        base_url: &str,
        request_timeout: Duration,
        connect_timeout: Duration,
    ) -> Result<Self, ClientError> {
        let mut base = Url::parse(base_url.trim()).map_err(|e| {
            ClientError::Config(format!(
                "The API address '{base_url}' is not a valid URL ({e})."
            ))
        })?;
        if !matches!(base.scheme(), "http" | "https") {
            return Err(ClientError::Config(format!("The API address '{base_url}' must start with https:// (or http:// for a local simulator).")));
        }
        // Paths are joined below; keep the base as a directory.
        if !base.path().ends_with('/') {
            base.set_path(&format!("{}/", base.path()));
        }
        let http = zi_net::client_builder()
            .map_err(|e| ClientError::Config(e.to_string()))?
            .timeout(request_timeout)
            .connect_timeout(connect_timeout)
            .user_agent(concat!("zi-console/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ClientError::Config(format!("Could not set up HTTPS: {e}")))?;
        Ok(Transport {
            http,
            base,
            board: RateBoard::default(),
            media_type: LEGACY_MEDIA_TYPE,
        })
    }

    /// Speaks `media_type` instead of plain JSON (the GTM API answers only JSON:API).
    pub(crate) fn with_media_type(mut self, media_type: &'static str) -> Self {
        self.media_type = media_type;
        self
    }

    /// What the latest answers' rate and usage headers said.
    pub(crate) fn rate_board(&self) -> &RateBoard {
        &self.board
    }

    pub(crate) fn base_url(&self) -> &str {
        self.base.as_str().trim_end_matches('/')
    }

    fn url(&self, path: &str) -> Result<Url, ClientError> {
        self.base
            .join(path.trim_start_matches('/'))
            .map_err(|e| ClientError::Config(format!("Bad API path '{path}': {e}")))
    }

    pub(crate) async fn post_json(
        &self,
        path: &str,
        body: &Value,
        bearer: Option<&str>,
    ) -> Result<Value, Failure> {
        self.send(Method::POST, path, Some(body), bearer, None)
            .await
    }

    /// Like `post_json`, handing the raw text of a successful answer to `receipt` before it
    /// is read (what has been paid for is kept even if reading or storing it fails).
    pub(crate) async fn post_json_with_receipt(
        &self,
        path: &str,
        body: &Value,
        bearer: Option<&str>,
        receipt: &Receipt<'_>,
    ) -> Result<Value, Failure> {
        self.send(Method::POST, path, Some(body), bearer, Some(receipt))
            .await
    }

    pub(crate) async fn post_empty(
        &self,
        path: &str,
        bearer: Option<&str>,
    ) -> Result<Value, Failure> {
        self.send(Method::POST, path, None, bearer, None).await
    }

    pub(crate) async fn get(&self, path: &str, bearer: Option<&str>) -> Result<Value, Failure> {
        self.send(Method::GET, path, None, bearer, None).await
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        bearer: Option<&str>,
        receipt: Option<&Receipt<'_>>,
    ) -> Result<Value, Failure> {
        let url = self.url(path)?;
        let mut request = self
            .http
            .request(method, url.clone())
            .header(header::ACCEPT, self.media_type);
        if let Some(token) = bearer {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            let bytes = serde_json::to_vec(body).map_err(|e| {
                Failure::Error(ClientError::Config(format!(
                    "Could not write the request: {e}"
                )))
            })?;
            request = request
                .header(header::CONTENT_TYPE, self.media_type)
                .body(bytes);
        }
        let network = |e: reqwest::Error| {
            let url = self.base_url().to_string();
            let error = match zi_net::problem_of(&e) {
                Problem::Unreachable => ClientError::Unreachable { url },
                Problem::TimedOut => ClientError::Network {
                    url,
                    detail: "the request timed out".into(),
                },
                Problem::Interrupted => ClientError::Network {
                    url,
                    detail: "the connection was interrupted".into(),
                },
                blocked => ClientError::Blocked {
                    message: blocked.explain("ZoomInfo"),
                },
            };
            Failure::Error(error)
        };
        let response = request.send().await.map_err(network)?;
        let status = response.status();
        let retry_after = retry_after(response.headers());
        self.board.update(headers::read(response.headers()));
        let text = response.text().await.map_err(network)?;
        if status.is_success() {
            if let Some(receipt) = receipt {
                receipt(&text);
            }
        }
        classify(status, retry_after, &text)
    }
}

/// `Retry-After` in seconds (the HTTP-date form is rare for APIs; treated as absent).
fn retry_after(headers: &header::HeaderMap) -> Option<Duration> {
    let value = headers.get(header::RETRY_AFTER)?.to_str().ok()?;
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

fn classify(
    status: StatusCode,
    retry_after: Option<Duration>,
    body: &str,
) -> Result<Value, Failure> {
    if status.is_success() {
        return serde_json::from_str(body).map_err(|e| {
            Failure::Error(ClientError::InvalidResponse {
                detail: format!("not valid JSON: {e}"),
            })
        });
    }
    let message = error_message(body);
    let error = match status {
        StatusCode::UNAUTHORIZED => return Err(Failure::Unauthorized(message)),
        StatusCode::FORBIDDEN => ClientError::Forbidden { message },
        // GTM refuses the credit limit with a 400: the same stop as legacy's 403.
        StatusCode::BAD_REQUEST if crate::gtm::errors::is_credit_limit(body) => {
            ClientError::Forbidden { message }
        }
        StatusCode::PROXY_AUTHENTICATION_REQUIRED => ClientError::Blocked {
            message: Problem::ProxyAuthentication.explain("ZoomInfo"),
        },
        StatusCode::TOO_MANY_REQUESTS => ClientError::RateLimited {
            attempts: 1,
            retry_after,
        },
        s if s.is_server_error() => ClientError::Server {
            status: s.as_u16(),
            message,
            attempts: 1,
        },
        // 408 is a timeout on the server's side: worth another try.
        StatusCode::REQUEST_TIMEOUT => ClientError::Network {
            url: String::new(),
            detail: "the server timed out".into(),
        },
        s => ClientError::BadRequest {
            status: s.as_u16(),
            message,
        },
    };
    Err(Failure::Error(error))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_classified_for_the_retry_loop() {
        assert!(classify(StatusCode::OK, None, "{\"a\":1}").is_ok());
        assert!(matches!(
            classify(StatusCode::OK, None, "{\"a\":"),
            Err(Failure::Error(ClientError::InvalidResponse { .. }))
        ));
        assert!(matches!(
            classify(StatusCode::UNAUTHORIZED, None, "{}"),
            Err(Failure::Unauthorized(_))
        ));
        let limited = classify(
            StatusCode::TOO_MANY_REQUESTS,
            Some(Duration::from_secs(3)),
            "",
        );
        assert!(
            matches!(limited, Err(Failure::Error(ClientError::RateLimited { retry_after: Some(d), .. })) if d == Duration::from_secs(3))
        );
        assert!(matches!(
            classify(StatusCode::FORBIDDEN, None, "{\"error\":\"limit\"}"),
            Err(Failure::Error(ClientError::Forbidden { .. }))
        ));
        assert!(matches!(
            classify(StatusCode::BAD_REQUEST, None, "{}"),
            Err(Failure::Error(ClientError::BadRequest { status: 400, .. }))
        ));
        assert!(matches!(
            classify(StatusCode::BAD_GATEWAY, None, "<html>"),
            Err(Failure::Error(ClientError::Server { status: 502, .. }))
        ));
    }
}
