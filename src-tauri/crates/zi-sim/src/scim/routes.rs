//! HTTP handlers of the SCIM simulator: resources under `/scim/v2`, the Zoom-style OAuth
//! token endpoint, and the quirks applied to every answer.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::header::{
    AUTHORIZATION, CONTENT_TYPE, ETAG, LOCATION, RETRY_AFTER, WWW_AUTHENTICATE,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::distr::{Alphanumeric, SampleString};
use serde_json::{json, Value};

use super::directory::{id_of, Filter, Kind, ScimFail};
use super::facts;
use super::quirks::Quirk;
use super::state::ScimShared;
use crate::util::lock;

impl IntoResponse for ScimFail {
    fn into_response(self) -> Response {
        let mut body = json!({
            "schemas": [facts::ERROR_SCHEMA],
            "status": self.status.to_string(),
            "detail": self.detail,
        });
        if let Some(scim_type) = self.scim_type {
            body["scimType"] = json!(scim_type);
        }
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::BAD_REQUEST);
        let mut response = (status, body.to_string()).into_response();
        response.headers_mut().insert(
            CONTENT_TYPE,
            HeaderValue::from_static(facts::SCIM_MEDIA_TYPE),
        );
        response
    }
}

fn unauthorized(detail: &str) -> Response {
    let mut response = ScimFail::new(401, None, detail).into_response();
    response.headers_mut().insert(
        WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"SCIM\""),
    );
    response
}

/// A JSON answer with the media type the quirks call for, and an ETag when there is one.
fn answer(s: &ScimShared, status: StatusCode, body: &Value, etag: Option<&str>) -> Response {
    let mut response = (status, body.to_string()).into_response();
    let media = if s.quirks.is_on(Quirk::PlainJsonContentType) {
        facts::JSON_MEDIA_TYPE
    } else {
        facts::SCIM_MEDIA_TYPE
    };
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(media));
    if let Some(etag) = etag.filter(|_| !s.quirks.is_on(Quirk::NoEtags)) {
        if let Ok(value) = HeaderValue::from_str(etag) {
            response.headers_mut().insert(ETAG, value);
        }
    }
    response
}

/// The token of an `Authorization: Bearer …` header.
fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then(|| token.to_string())
}

/// Counts every request.
pub(crate) async fn count(State(s): State<Arc<ScimShared>>, req: Request, next: Next) -> Response {
    s.requests.fetch_add(1, Ordering::Relaxed);
    next.run(req).await
}

/// The server's own limits before anything else: a per-second request limit (429 with
/// `Retry-After`), and no `/Groups` when the `NoGroups` quirk is on.
pub(crate) async fn gate(State(s): State<Arc<ScimShared>>, req: Request, next: Next) -> Response {
    let limit = s.rate_limit.load(Ordering::SeqCst);
    if limit > 0 {
        let mut window = lock(&s.rate_window);
        if window.0.elapsed() >= std::time::Duration::from_secs(1) {
            *window = (Instant::now(), 0);
        }
        if window.1 >= limit {
            drop(window);
            s.throttled.fetch_add(1, Ordering::Relaxed);
            let mut response = ScimFail::new(429, None, "Too many requests").into_response();
            response.headers_mut().insert(
                RETRY_AFTER,
                HeaderValue::from(facts::THROTTLE_RETRY_AFTER_SECS),
            );
            return response;
        }
        window.1 += 1;
    }
    let groups_path = format!("{}/{}", facts::BASE_PATH, resource_path(Kind::Group));
    if s.quirks.is_on(Quirk::NoGroups) && req.uri().path().starts_with(&groups_path) {
        return not_found().await;
    }
    next.run(req).await
}

/// Bearer check for everything under `/scim/v2`.
pub(crate) async fn require_token(
    State(s): State<Arc<ScimShared>>,
    req: Request,
    next: Next,
) -> Response {
    let Some(token) = bearer(req.headers()) else {
        return unauthorized(
            "Authorization failure. The authorization header is invalid or missing",
        );
    };
    if s.tokens_rejected.load(Ordering::SeqCst) {
        return unauthorized("The API token has expired or was revoked");
    }
    let static_ok = token == *lock(&s.bearer_token) && !s.quirks.is_on(Quirk::OAuthOnly);
    let oauth_ok = lock(&s.oauth_tokens)
        .get(&token)
        .is_some_and(|expires| Instant::now() < *expires);
    if static_ok || oauth_ok {
        next.run(req).await
    } else {
        unauthorized("Invalid access token")
    }
}

/// Decodes `application/x-www-form-urlencoded` (also query strings): `+` and `%XX`.
pub(crate) fn form_pairs(text: &str) -> HashMap<String, String> {
    fn decode(s: &str) -> String {
        let bytes = s.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'+' => out.push(b' '),
                b'%' if i + 2 < bytes.len() => {
                    let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                    match u8::from_str_radix(hex, 16) {
                        Ok(b) => {
                            out.push(b);
                            i += 2;
                        }
                        Err(_) => out.push(b'%'),
                    }
                }
                b => out.push(b),
            }
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    }
    text.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(pair), String::new()),
        })
        .collect()
}

fn param<'a>(params: &'a HashMap<String, String>, name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Standard base64 (RFC 4648 §4) as HTTP Basic auth uses it.
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut buffer = 0u32;
    let mut bits = 0;
    for c in text.trim().bytes().filter(|c| *c != b'=') {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
}

pub(crate) fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(base64_decode(encoded)?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    Some((id.to_string(), secret.to_string()))
}

fn oauth_error(status: StatusCode, error: &str, reason: &str) -> Response {
    let mut response = (
        status,
        json!({ "reason": reason, "error": error }).to_string(),
    )
        .into_response();
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static(facts::JSON_MEDIA_TYPE),
    );
    response
}

/// `POST /oauth/token` the Zoom way (seed 003): HTTP Basic client credentials,
/// `grant_type=account_credentials&account_id=…` (or plain `client_credentials`).
pub(crate) async fn oauth_token(
    State(s): State<Arc<ScimShared>>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut params = form_pairs(query.as_deref().unwrap_or_default());
    params.extend(form_pairs(&String::from_utf8_lossy(&body)));
    let (client_id, secret) = basic_credentials(&headers)
        .or_else(|| {
            Some((
                param(&params, "client_id")?.to_string(),
                param(&params, "client_secret")?.to_string(),
            ))
        })
        .unwrap_or_default();
    let app = &s.config.oauth;
    if client_id != app.client_id || secret != app.client_secret {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Invalid client_id or client_secret",
        );
    }
    match param(&params, "grant_type") {
        Some("client_credentials") => {}
        Some("account_credentials")
            if param(&params, "account_id") == Some(app.account_id.as_str()) => {}
        Some("account_credentials") => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "Invalid account_id",
            );
        }
        _ => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "Unsupported grant type",
            );
        }
    }
    let token = Alphanumeric.sample_string(&mut rand::rng(), 48);
    let lifetime = s.config.oauth_token_lifetime;
    lock(&s.oauth_tokens).insert(token.clone(), Instant::now() + lifetime);
    s.oauth_issued.fetch_add(1, Ordering::Relaxed);
    let body = json!({
        "access_token": token,
        "token_type": "bearer",
        "expires_in": lifetime.as_secs(),
        "scope": "scim2",
    });
    let mut response = (StatusCode::OK, body.to_string()).into_response();
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static(facts::JSON_MEDIA_TYPE),
    );
    response
}

fn resource_path(kind: Kind) -> &'static str {
    match kind {
        Kind::User => "Users",
        Kind::Group => "Groups",
    }
}

/// The resource as this server shows it: computed `groups`, `meta.location`, and the quirks.
fn render(s: &ScimShared, kind: Kind, resource: &Value, groups: Option<Vec<Value>>) -> Value {
    let mut out = resource.clone();
    let id = id_of(resource).to_string();
    if let Some(meta) = out.get_mut("meta").and_then(Value::as_object_mut) {
        meta.insert(
            "location".into(),
            json!(format!("{}/{}/{id}", s.base_url, resource_path(kind))),
        );
        if s.quirks.is_on(Quirk::NoEtags) {
            meta.remove("version");
        }
    }
    let groups = groups.filter(|_| !s.quirks.is_on(Quirk::NoGroups));
    if let Some(groups) = groups.filter(|g| !g.is_empty()) {
        out["groups"] = json!(groups);
    }
    if s.quirks.is_on(Quirk::StringBooleans) {
        stringify_booleans(&mut out);
    }
    if s.quirks.is_on(Quirk::NullEmailType) {
        if let Some(emails) = out.get_mut("emails").and_then(Value::as_array_mut) {
            for email in emails {
                if let Some(email) = email.as_object_mut() {
                    email.insert("type".into(), Value::Null);
                }
            }
        }
    }
    out
}

/// `true` → `"True"`, as Entra ID's `Switch([IsSoftDeleted], …)` mapping sends it (seed 001).
fn stringify_booleans(value: &mut Value) {
    match value {
        Value::Bool(b) => *value = json!(if *b { "True" } else { "False" }),
        Value::Array(items) => items.iter_mut().for_each(stringify_booleans),
        Value::Object(object) => object.values_mut().for_each(stringify_booleans),
        _ => {}
    }
}

fn etag_of(resource: &Value) -> Option<String> {
    resource["meta"]["version"].as_str().map(str::to_string)
}

fn render_one(s: &ScimShared, kind: Kind, resource: &Value) -> Value {
    let groups = (kind == Kind::User).then(|| lock(&s.directory).groups_of(id_of(resource)));
    render(s, kind, resource, groups)
}

fn parse_body(body: &Bytes) -> Result<Value, ScimFail> {
    serde_json::from_slice(body).map_err(|e| {
        ScimFail::new(
            400,
            Some("invalidSyntax"),
            format!("the body is not JSON: {e}"),
        )
    })
}

async fn list(s: Arc<ScimShared>, kind: Kind, query: Option<String>) -> Response {
    let params = form_pairs(query.as_deref().unwrap_or_default());
    let filter = match param(&params, "filter").map(Filter::parse).transpose() {
        Ok(filter) => filter,
        Err(fail) => return fail.into_response(),
    };
    let number = |name: &str| param(&params, name).and_then(|v| v.trim().parse::<i64>().ok());
    // Only the page's users are cloned and looked up in the groups, so reading a large
    // directory page by page stays linear.
    let (total, start, page) = {
        let dir = lock(&s.directory);
        let hide_inactive = kind == Kind::User
            && s.quirks.is_on(Quirk::HideInactive)
            && !filter.as_ref().is_some_and(Filter::mentions_active);
        let matching: Vec<&Value> = dir
            .all(kind)
            .iter()
            .filter(|r| filter.as_ref().is_none_or(|f| f.matches(r)))
            .filter(|r| !hide_inactive || r["active"] != false)
            .collect();
        let total = matching.len();
        let mut start = number("startIndex").unwrap_or(1).max(1) as usize;
        let mut count = number("count")
            .map(|c| c.clamp(0, facts::MAX_PAGE_SIZE as i64) as usize)
            .unwrap_or(facts::DEFAULT_PAGE_SIZE);
        if s.quirks.is_on(Quirk::IgnoreStartIndex) {
            start = 1;
            count = total;
        } else if s.quirks.is_on(Quirk::IgnoreCount) {
            count = total;
        } else if s.quirks.is_on(Quirk::SmallPages) {
            count = count.min(facts::SMALL_PAGE_SIZE);
        }
        let page: Vec<(Value, Option<Vec<Value>>)> = matching
            .into_iter()
            .skip(start - 1)
            .take(count)
            .map(|r| {
                let groups = (kind == Kind::User).then(|| dir.groups_of(id_of(r)));
                (r.clone(), groups)
            })
            .collect();
        (total, start, page)
    };
    let page: Vec<Value> = page
        .into_iter()
        .map(|(r, groups)| render(&s, kind, &r, groups))
        .collect();
    let mut items_per_page = page.len();
    if s.quirks.is_on(Quirk::LyingItemsPerPage) {
        items_per_page += facts::ITEMS_PER_PAGE_LIE;
    }
    let mut body = json!({
        "schemas": [facts::LIST_RESPONSE_SCHEMA],
        "totalResults": total,
        "startIndex": start,
        "itemsPerPage": items_per_page,
    });
    if s.quirks.is_on(Quirk::OmitTotalResults) {
        if let Some(o) = body.as_object_mut() {
            o.remove("totalResults");
        }
    }
    if !(page.is_empty() && s.quirks.is_on(Quirk::OmitEmptyResources)) {
        let key = if s.quirks.is_on(Quirk::LowercaseResources) {
            "resources"
        } else {
            "Resources"
        };
        body[key] = json!(page);
    }
    answer(&s, StatusCode::OK, &body, None)
}

async fn get_one(s: Arc<ScimShared>, kind: Kind, id: &str) -> Response {
    let resource = match lock(&s.directory).get(kind, id) {
        Ok(r) => r.clone(),
        Err(fail) => return fail.into_response(),
    };
    let body = render_one(&s, kind, &resource);
    answer(&s, StatusCode::OK, &body, etag_of(&resource).as_deref())
}

async fn create(s: Arc<ScimShared>, kind: Kind, body: Bytes) -> Response {
    let created = parse_body(&body).and_then(|b| lock(&s.directory).create(kind, b));
    match created {
        Ok(resource) => {
            let body = render_one(&s, kind, &resource);
            let mut response = answer(
                &s,
                StatusCode::CREATED,
                &body,
                etag_of(&resource).as_deref(),
            );
            if let Some(Ok(location)) = body["meta"]["location"].as_str().map(HeaderValue::from_str)
            {
                response.headers_mut().insert(LOCATION, location);
            }
            response
        }
        Err(fail) => fail.into_response(),
    }
}

async fn replace(s: Arc<ScimShared>, kind: Kind, id: &str, body: Bytes) -> Response {
    match parse_body(&body).and_then(|b| lock(&s.directory).replace(kind, id, b)) {
        Ok(resource) => {
            let body = render_one(&s, kind, &resource);
            answer(&s, StatusCode::OK, &body, etag_of(&resource).as_deref())
        }
        Err(fail) => fail.into_response(),
    }
}

async fn patch(s: Arc<ScimShared>, kind: Kind, id: &str, body: Bytes) -> Response {
    match parse_body(&body).and_then(|b| lock(&s.directory).patch(kind, id, &b)) {
        Ok(resource) if s.quirks.is_on(Quirk::PatchNoContent) => {
            let mut response = Response::new(Body::empty());
            *response.status_mut() = StatusCode::NO_CONTENT;
            if let (Some(etag), false) = (etag_of(&resource), s.quirks.is_on(Quirk::NoEtags)) {
                if let Ok(value) = HeaderValue::from_str(&etag) {
                    response.headers_mut().insert(ETAG, value);
                }
            }
            response
        }
        Ok(resource) => {
            let body = render_one(&s, kind, &resource);
            answer(&s, StatusCode::OK, &body, etag_of(&resource).as_deref())
        }
        Err(fail) => fail.into_response(),
    }
}

async fn delete(s: Arc<ScimShared>, kind: Kind, id: &str) -> Response {
    match lock(&s.directory).delete(kind, id) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(fail) => fail.into_response(),
    }
}

pub(crate) async fn list_users(
    State(s): State<Arc<ScimShared>>,
    RawQuery(q): RawQuery,
) -> Response {
    list(s, Kind::User, q).await
}
pub(crate) async fn list_groups(
    State(s): State<Arc<ScimShared>>,
    RawQuery(q): RawQuery,
) -> Response {
    list(s, Kind::Group, q).await
}
pub(crate) async fn create_user(State(s): State<Arc<ScimShared>>, body: Bytes) -> Response {
    create(s, Kind::User, body).await
}
pub(crate) async fn create_group(State(s): State<Arc<ScimShared>>, body: Bytes) -> Response {
    create(s, Kind::Group, body).await
}
pub(crate) async fn get_user(State(s): State<Arc<ScimShared>>, Path(id): Path<String>) -> Response {
    get_one(s, Kind::User, &id).await
}
pub(crate) async fn get_group(
    State(s): State<Arc<ScimShared>>,
    Path(id): Path<String>,
) -> Response {
    get_one(s, Kind::Group, &id).await
}
pub(crate) async fn put_user(
    State(s): State<Arc<ScimShared>>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    replace(s, Kind::User, &id, body).await
}
pub(crate) async fn put_group(
    State(s): State<Arc<ScimShared>>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    replace(s, Kind::Group, &id, body).await
}
pub(crate) async fn patch_user(
    State(s): State<Arc<ScimShared>>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    patch(s, Kind::User, &id, body).await
}
pub(crate) async fn patch_group(
    State(s): State<Arc<ScimShared>>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    patch(s, Kind::Group, &id, body).await
}
pub(crate) async fn delete_user(
    State(s): State<Arc<ScimShared>>,
    Path(id): Path<String>,
) -> Response {
    delete(s, Kind::User, &id).await
}
pub(crate) async fn delete_group(
    State(s): State<Arc<ScimShared>>,
    Path(id): Path<String>,
) -> Response {
    delete(s, Kind::Group, &id).await
}

/// `GET /ServiceProviderConfig` (RFC 7643 §5).
pub(crate) async fn service_provider_config(State(s): State<Arc<ScimShared>>) -> Response {
    let body = json!({
        "schemas": [facts::SERVICE_PROVIDER_CONFIG_SCHEMA],
        "documentationUri": "https://docs.zi-console.test/scim",
        "patch": { "supported": true },
        "bulk": { "supported": false, "maxOperations": 0, "maxPayloadSize": 0 },
        "filter": { "supported": true, "maxResults": facts::MAX_PAGE_SIZE },
        "changePassword": { "supported": false },
        "sort": { "supported": false },
        "etag": { "supported": !s.quirks.is_on(Quirk::NoEtags) },
        "authenticationSchemes": [{
            "type": "oauthbearertoken",
            "name": "OAuth Bearer Token",
            "description": "The API token from the admin portal, or an OAuth access token",
            "primary": true,
        }],
        "meta": { "resourceType": "ServiceProviderConfig", "location": format!("{}/ServiceProviderConfig", s.base_url) },
    });
    answer(&s, StatusCode::OK, &body, None)
}

pub(crate) async fn not_found() -> Response {
    ScimFail::new(404, None, "Resource not found").into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_and_basic_auth_decode() {
        let pairs = form_pairs("grant_type=account_credentials&account_id=a%20b+c&x");
        assert_eq!(pairs["grant_type"], "account_credentials");
        assert_eq!(pairs["account_id"], "a b c");
        assert_eq!(pairs["x"], "");
        assert_eq!(
            base64_decode("aWQ6c2VjcmV0").as_deref(),
            Some(&b"id:secret"[..])
        );
        assert_eq!(
            form_pairs("filter=active%20eq%20false")["filter"],
            "active eq false"
        );
        assert_eq!(form_pairs("a=%2")["a"], "%2");
    }
}
