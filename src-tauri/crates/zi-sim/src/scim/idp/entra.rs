//! Microsoft Entra's token endpoint for the app-only client-credentials flow:
//! `POST /{tenant}/oauth2/v2.0/token` with a form body, answering a bearer token for Graph or
//! an AADSTS refusal.

use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use jsonwebtoken::{EncodingKey, Header};
use rand::distr::{Alphanumeric, SampleString};
use serde_json::{json, Value};

use super::super::routes::{basic_credentials, form_pairs};
use super::super::state::ScimShared;
use super::facts::{self, EntraError};
use super::ids;
use crate::util::lock;

fn json_answer(status: StatusCode, body: &Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static(super::super::facts::JSON_MEDIA_TYPE),
    );
    response
}

/// An AADSTS refusal with the fields Entra sends.
fn refusal(s: &ScimShared, kind: EntraError) -> Response {
    let now = Utc::now();
    let stamp = now.format("%Y-%m-%d %H:%M:%SZ").to_string();
    let label = format!("trace/{}", now.timestamp_nanos_opt().unwrap_or_default());
    let trace = ids::guid(s.idp.seed, &label);
    let correlation = ids::guid(s.idp.seed, &format!("{label}/correlation"));
    let body = json!({
        "error": kind.error,
        "error_description": format!(
            "AADSTS{}: {}\r\nTrace ID: {trace}\r\nCorrelation ID: {correlation}\r\nTimestamp: {stamp}",
            kind.aadsts, kind.description
        ),
        "error_codes": [kind.aadsts],
        "timestamp": stamp,
        "trace_id": trace,
        "correlation_id": correlation,
        "error_uri": format!("https://login.microsoftonline.com/error?code={}", kind.aadsts),
    });
    json_answer(
        StatusCode::from_u16(kind.status).unwrap_or(StatusCode::BAD_REQUEST),
        &body,
    )
}

/// A token shaped like Entra's (a JWT whose claims name the tenant, the app and `exp`),
/// signed with a fixed key: the simulator compares tokens as strings.
fn access_token(s: &ScimShared) -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let idp = &s.idp;
    let claims = json!({
        "aud": "https://graph.microsoft.com",
        "iss": format!("https://sts.windows.net/{}/", idp.tenant),
        "iat": now,
        "nbf": now,
        "exp": now + idp.graph_token_lifetime.as_secs(),
        "appid": idp.client_id,
        "tid": idp.tenant,
        "roles": ["Application.Read.All", "AuditLog.Read.All", "Synchronization.Read.All"],
        "uti": Alphanumeric.sample_string(&mut rand::rng(), 22),
    });
    jsonwebtoken::encode(
        &Header::default(),
        &claims,
        &EncodingKey::from_secret(b"zi-sim-entra"),
    )
    .unwrap_or_else(|_| Alphanumeric.sample_string(&mut rand::rng(), 64))
}

/// `POST /{tenant}/oauth2/v2.0/token`. The client's id and secret come in the form or, as
/// RFC 6749 §2.3.1 allows and the flow's page says Entra accepts, in `Authorization: Basic`.
pub(crate) async fn token(
    State(s): State<Arc<ScimShared>>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut form = form_pairs(&String::from_utf8_lossy(&body));
    if let Some((id, secret)) = basic_credentials(&headers) {
        form.entry("client_id".into()).or_insert(id);
        form.entry("client_secret".into()).or_insert(secret);
    }
    let field = |name: &str| form.get(name).map(String::as_str).unwrap_or_default();
    let idp = &s.idp;
    if !tenant.eq_ignore_ascii_case(&idp.tenant) {
        return refusal(&s, facts::ENTRA_UNKNOWN_TENANT);
    }
    if field("grant_type") != facts::ENTRA_GRANT_TYPE {
        return refusal(&s, facts::ENTRA_UNSUPPORTED_GRANT);
    }
    if !field("client_id").eq_ignore_ascii_case(&idp.client_id) {
        return refusal(&s, facts::ENTRA_UNKNOWN_CLIENT);
    }
    if field("client_secret") != idp.client_secret {
        return refusal(&s, facts::ENTRA_INVALID_SECRET);
    }
    if field("scope") != facts::ENTRA_GRAPH_SCOPE {
        return refusal(&s, facts::ENTRA_INVALID_SCOPE);
    }
    let token = access_token(&s);
    let lifetime = idp.graph_token_lifetime;
    lock(&idp.graph_tokens).insert(token.clone(), Instant::now() + lifetime);
    json_answer(
        StatusCode::OK,
        &json!({
            "token_type": "Bearer",
            "expires_in": lifetime.as_secs(),
            "ext_expires_in": lifetime.as_secs(),
            "access_token": token,
        }),
    )
}
