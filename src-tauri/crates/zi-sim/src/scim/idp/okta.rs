//! Okta's management API for the ZoomInfo app: `GET /api/v1/apps`,
//! `GET /api/v1/apps/{appId}/users` and `GET /api/v1/logs`, behind an SSWS API token, with
//! `Link` paging and rate-limit headers on every answer.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use axum::extract::{Path, RawQuery, Request, State};
use axum::http::header::{CONTENT_TYPE, LINK};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use rand::distr::{Alphanumeric, SampleString};
use serde_json::{json, Value};

use super::super::directory::Filter;
use super::super::routes::form_pairs;
use super::super::state::ScimShared;
use super::facts::{self, OktaError};
use super::okta_model::{self, timestamp};
use super::paging;
use super::throttle::Admission;
use super::view;

/// An Okta error answer (`Error` schema, l.1264-1284).
fn error(status: StatusCode, kind: OktaError, causes: &[String]) -> Response {
    let body = json!({
        "errorCode": kind.code,
        "errorSummary": kind.summary,
        "errorLink": kind.code,
        "errorId": format!("oae{}", Alphanumeric.sample_string(&mut rand::rng(), 22)),
        "errorCauses": causes.iter().map(|c| json!({ "errorSummary": c })).collect::<Vec<_>>(),
    });
    json_answer(status, &body)
}

fn json_answer(status: StatusCode, body: &Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static(super::super::facts::JSON_MEDIA_TYPE),
    );
    response
}

fn invalid(cause: impl Into<String>) -> Response {
    error(
        StatusCode::BAD_REQUEST,
        facts::OKTA_VALIDATION_FAILED,
        &[cause.into()],
    )
}

fn rate_headers(response: &mut Response, admission: Admission) {
    let headers = response.headers_mut();
    for (name, value) in [
        (facts::OKTA_RATE_LIMIT_HEADER, u64::from(admission.limit)),
        (
            facts::OKTA_RATE_REMAINING_HEADER,
            u64::from(admission.remaining),
        ),
        (facts::OKTA_RATE_RESET_HEADER, admission.reset_epoch),
    ] {
        headers.insert(HeaderName::from_static(name), HeaderValue::from(value));
    }
}

fn authorized(s: &ScimShared, headers: &HeaderMap) -> bool {
    headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().split_once(' '))
        .is_some_and(|(scheme, token)| {
            scheme == facts::OKTA_AUTH_SCHEME && token.trim() == s.idp.okta_token
        })
}

/// Every Okta request: the rate budget first (429, E0000047), then the API token (401,
/// E0000011); every answer carries the `X-Rate-Limit-*` headers.
pub(crate) async fn guard(State(s): State<Arc<ScimShared>>, req: Request, next: Next) -> Response {
    let admission = s
        .idp
        .okta_window
        .admit(s.idp.per_second(), facts::OKTA_NOMINAL_LIMIT_PER_MINUTE);
    let mut response = if !admission.allowed {
        s.idp.throttled.fetch_add(1, Ordering::Relaxed);
        error(
            StatusCode::TOO_MANY_REQUESTS,
            facts::OKTA_TOO_MANY_REQUESTS,
            &[],
        )
    } else if !authorized(&s, req.headers()) {
        error(StatusCode::UNAUTHORIZED, facts::OKTA_INVALID_TOKEN, &[])
    } else {
        next.run(req).await
    };
    rate_headers(&mut response, admission);
    response
}

/// `limit` within `min..=max`, or `default` when absent.
fn limit(
    params: &HashMap<String, String>,
    min: i64,
    max: i64,
    default: i64,
) -> Result<i64, String> {
    match params.get("limit").map(|v| v.trim()) {
        None | Some("") => Ok(default),
        Some(text) => match text.parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) || n == default => Ok(n),
            _ => Err(format!("limit: must be an integer from {min} to {max}")),
        },
    }
}

fn start_of(params: &HashMap<String, String>) -> Result<usize, String> {
    match params.get("after") {
        None => Ok(0),
        Some(after) => {
            paging::offset(after).ok_or_else(|| "after: not a cursor this server gave".into())
        }
    }
}

/// A page of a JSON array with `Link` headers: `self` always, `next` while items remain.
fn paged(
    s: &ScimShared,
    path: &str,
    raw_query: Option<&str>,
    items: Vec<Value>,
    start: usize,
    size: usize,
    keep: &[(&str, String)],
) -> Response {
    let (range, next) = paging::page(items.len(), start, size);
    let page: Vec<Value> = items[range].to_vec();
    let mut response = json_answer(StatusCode::OK, &Value::Array(page));
    let base = format!("{}{path}", s.root_url);
    let self_link = match raw_query.filter(|q| !q.is_empty()) {
        Some(q) => format!("<{base}?{q}>; rel=\"self\""),
        None => format!("<{base}>; rel=\"self\""),
    };
    let mut links = vec![self_link];
    if let Some(next) = next {
        let mut pairs: Vec<(&str, String)> = keep.to_vec();
        pairs.push(("after", paging::cursor(next)));
        pairs.push(("limit", size.to_string()));
        links.push(format!("<{base}?{}>; rel=\"next\"", paging::query(&pairs)));
    }
    for link in links {
        if let Ok(value) = HeaderValue::from_str(&link) {
            response.headers_mut().append(LINK, value);
        }
    }
    response
}

fn starts_with_ci(text: &str, prefix: &str) -> bool {
    text.to_lowercase().starts_with(&prefix.to_lowercase())
}

/// `GET /api/v1/apps`: `q` (prefix of name or label), `filter` (`name eq "…"`, `status`,
/// `id`), `limit` (-1 for all, at most 200) and `after`.
pub(crate) async fn list_apps(
    State(s): State<Arc<ScimShared>>,
    RawQuery(query): RawQuery,
) -> Response {
    let params = form_pairs(query.as_deref().unwrap_or_default());
    let size = match limit(
        &params,
        1,
        facts::OKTA_APPS_LIMIT_MAX,
        facts::OKTA_APPS_LIMIT_DEFAULT,
    ) {
        Ok(n) => n,
        Err(cause) => return invalid(cause),
    };
    let start = match start_of(&params) {
        Ok(n) => n,
        Err(cause) => return invalid(cause),
    };
    let filter = match params.get("filter").map(|f| Filter::parse(f)).transpose() {
        Ok(filter) => filter,
        Err(fail) => return invalid(format!("filter: {}", fail.detail)),
    };
    let app = okta_model::application(&s);
    let q = params.get("q").map(String::as_str).unwrap_or_default();
    let matches_q = q.is_empty()
        || [facts::OKTA_APP_NAME, facts::OKTA_APP_LABEL]
            .iter()
            .any(|field| starts_with_ci(field, q));
    let apps: Vec<Value> = [app]
        .into_iter()
        .filter(|_| matches_q)
        .filter(|a| filter.as_ref().is_none_or(|f| f.matches(a)))
        .collect();
    let size = if size < 1 {
        apps.len().max(1)
    } else {
        size as usize
    };
    let mut keep = Vec::new();
    for name in ["q", "filter"] {
        if let Some(v) = params.get(name) {
            keep.push((name, v.clone()));
        }
    }
    paged(
        &s,
        facts::OKTA_APPS_PATH,
        query.as_deref(),
        apps,
        start,
        size,
        &keep,
    )
}

/// `GET /api/v1/apps/{appId}/users`: every user the app pushed, then those it failed to
/// push; `q` (prefix of userName, first or last name, email), `limit` 1-500 and `after`.
pub(crate) async fn list_app_users(
    State(s): State<Arc<ScimShared>>,
    Path(app_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    if app_id != s.idp.okta_app_id {
        return error(
            StatusCode::NOT_FOUND,
            facts::OKTA_NOT_FOUND,
            &[format!("Resource not found: {app_id} (AppInstance)")],
        );
    }
    let params = form_pairs(query.as_deref().unwrap_or_default());
    let size = match limit(
        &params,
        facts::OKTA_APP_USERS_LIMIT_MIN,
        facts::OKTA_APP_USERS_LIMIT_MAX,
        facts::OKTA_APP_USERS_LIMIT_DEFAULT,
    ) {
        Ok(n) => n as usize,
        Err(cause) => return invalid(cause),
    };
    let start = match start_of(&params) {
        Ok(n) => n,
        Err(cause) => return invalid(cause),
    };
    let q = params.get("q").map(String::as_str).unwrap_or_default();
    let pushed = view::pushed(&s);
    let failed = s.idp.failures();
    let known: Vec<&str> = pushed.iter().map(|p| p.user_name.as_str()).collect();
    let mut users: Vec<Value> = pushed
        .iter()
        .filter(|u| {
            q.is_empty()
                || [&u.user_name, &u.given_name, &u.family_name]
                    .into_iter()
                    .chain(u.email.as_ref())
                    .any(|field| starts_with_ci(field, q))
        })
        .map(|u| okta_model::app_user(&s, u))
        .collect();
    users.extend(
        failed
            .iter()
            // A user pushed since is no longer failed.
            .filter(|f| {
                !known
                    .iter()
                    .any(|k| k.eq_ignore_ascii_case(&f.push.user_name))
            })
            .filter(|f| {
                q.is_empty()
                    || starts_with_ci(&f.push.user_name, q)
                    || starts_with_ci(&f.push.display_name, q)
            })
            .map(|f| okta_model::failed_app_user(&s, f)),
    );
    let mut keep = Vec::new();
    if !q.is_empty() {
        keep.push(("q", q.to_string()));
    }
    let path = format!("{}/{app_id}/users", facts::OKTA_APPS_PATH);
    paged(&s, &path, query.as_deref(), users, start, size, &keep)
}

fn instant(params: &HashMap<String, String>, name: &str) -> Result<Option<DateTime<Utc>>, String> {
    match params.get(name).map(|v| v.trim()).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(text) => DateTime::parse_from_rfc3339(text)
            .map(|t| Some(t.with_timezone(&Utc)))
            .map_err(|_| format!("{name}: not an ISO 8601 timestamp")),
    }
}

/// `GET /api/v1/logs`: the provisioning events of the System Log between `since` (default
/// 7 days before `until`) and `until` (default now), matching `filter` (SCIM-style, e.g.
/// `eventType sw "application.provision" and target.id eq "…"`) and the `q` keywords, in
/// `sortOrder`, `limit` (0-1000) at a time.
pub(crate) async fn list_logs(
    State(s): State<Arc<ScimShared>>,
    RawQuery(query): RawQuery,
) -> Response {
    let params = form_pairs(query.as_deref().unwrap_or_default());
    let size = match limit(
        &params,
        facts::OKTA_LOGS_LIMIT_MIN,
        facts::OKTA_LOGS_LIMIT_MAX,
        facts::OKTA_LOGS_LIMIT_DEFAULT,
    ) {
        Ok(n) => n as usize,
        Err(cause) => return invalid(cause),
    };
    let start = match start_of(&params) {
        Ok(n) => n,
        Err(cause) => return invalid(cause),
    };
    let (since, until) = match (instant(&params, "since"), instant(&params, "until")) {
        (Ok(since), Ok(until)) => {
            let until = until.unwrap_or_else(Utc::now);
            let window = chrono::Duration::from_std(facts::OKTA_LOGS_DEFAULT_WINDOW)
                .unwrap_or_else(|_| chrono::Duration::days(7));
            (since.unwrap_or(until - window), until)
        }
        (Err(cause), _) | (_, Err(cause)) => return invalid(cause),
    };
    let filter = match params.get("filter").map(|f| Filter::parse(f)).transpose() {
        Ok(filter) => filter,
        Err(fail) => return invalid(format!("filter: {}", fail.detail)),
    };
    let descending = match params.get("sortOrder").map(String::as_str) {
        None | Some(facts::OKTA_SORT_ASCENDING) => false,
        Some(facts::OKTA_SORT_DESCENDING) => true,
        Some(_) => return invalid("sortOrder: must be ASCENDING or DESCENDING"),
    };
    let keywords: Vec<String> = params
        .get("q")
        .map(|q| q.split_whitespace().map(str::to_lowercase).collect())
        .unwrap_or_default();
    let pushed = view::pushed(&s);
    let failed = s.idp.failures();
    let mut events: Vec<Value> = okta_model::push_events(&s, &pushed, &failed)
        .into_iter()
        .filter(|(at, _)| *at >= since && *at < until)
        .map(|(_, event)| event)
        .filter(|e| filter.as_ref().is_none_or(|f| f.matches(e)))
        .filter(|e| {
            let text = e.to_string().to_lowercase();
            keywords.iter().all(|k| text.contains(k))
        })
        .collect();
    if descending {
        events.reverse();
    }
    let mut keep = vec![("since", timestamp(since)), ("until", timestamp(until))];
    for name in ["filter", "q", "sortOrder"] {
        if let Some(v) = params.get(name) {
            keep.push((name, v.clone()));
        }
    }
    paged(
        &s,
        facts::OKTA_LOGS_PATH,
        query.as_deref(),
        events,
        start,
        size,
        &keep,
    )
}

/// Any other path under `/api/v1`: Okta's not-found answer (behind the same token check).
pub(crate) async fn not_found(uri: axum::http::Uri) -> Response {
    error(
        StatusCode::NOT_FOUND,
        facts::OKTA_NOT_FOUND,
        &[format!("Resource not found: {}", uri.path())],
    )
}
