//! Error answers in the GTM API's shape: JSON:API `{"errors": [{status, code, title, detail}]}`
//! (the spec's `ZoomInfo.Core.Foundations.ErrorResponseModel`), rewritten from the legacy
//! handlers' `{"error": "..."}` so both APIs refuse the same things.

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use serde_json::{json, Value};
use zi_client::gtm::facts::{CREDIT_LIMIT_CODE, MEDIA_TYPE};

/// Error bodies are small; anything larger is not one of ours.
const MAX_ERROR_BODY: usize = 64 * 1024;

/// The spec requires a `code` on every error ("a full list of error codes can be found in the
/// documentation for each service") but publishes none besides the credit limit's; the
/// simulator names the category by status, in a form no real code takes.
fn simulated_code(status: StatusCode) -> String {
    format!("ZISIM{}", status.as_u16())
}

/// Rewrites every unsuccessful answer as a JSON:API error document. Legacy's 403 for a used
/// up credit limit becomes GTM's 400 with [`CREDIT_LIMIT_CODE`].
pub(crate) async fn as_json_api(req: Request, next: Next) -> Response {
    let response = next.run(req).await;
    if response.status().is_success() {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = to_bytes(body, MAX_ERROR_BODY).await.unwrap_or_default();
    let detail = match serde_json::from_slice::<Value>(&bytes) {
        Ok(value) => value
            .get("error")
            .and_then(Value::as_str)
            .map(str::to_string),
        Err(_) => None,
    }
    .unwrap_or_else(|| String::from_utf8_lossy(&bytes).trim().to_string());
    let credit_limit = parts.status == StatusCode::FORBIDDEN;
    if credit_limit {
        parts.status = StatusCode::BAD_REQUEST;
    }
    let status = parts.status;
    let code = if credit_limit {
        CREDIT_LIMIT_CODE.to_string()
    } else {
        simulated_code(status)
    };
    let error = json!({
        "id": "1",
        "code": code,
        "status": status.as_str(),
        "title": status.canonical_reason().unwrap_or("Error"),
        "detail": detail,
    });
    let body = json!({ "errors": [error] }).to_string();
    parts
        .headers
        .insert(CONTENT_TYPE, HeaderValue::from_static(MEDIA_TYPE));
    parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(body))
}
