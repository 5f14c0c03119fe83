//! Microsoft Graph's provisioning API for the ZoomInfo app, under `/v1.0`:
//! `GET /servicePrincipals`, `GET /servicePrincipals/{id}/synchronization/jobs[/{jobId}]` and
//! `GET /auditLogs/provisioning`, behind a bearer token from the Entra token endpoint, with
//! `@odata.nextLink` paging and 429 + `Retry-After` when throttled.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use axum::extract::{Path, RawQuery, Request, State};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

use super::super::routes::form_pairs;
use super::super::state::ScimShared;
use super::facts;
use super::graph_model;
use super::odata::ODataFilter;
use super::paging;
use super::view;
use crate::util::lock;

fn json_answer(status: StatusCode, body: &Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static(super::super::facts::JSON_MEDIA_TYPE),
    );
    response
}

/// A Graph error: `{error: {code, message, innerError}}` (g.285-333). The description
/// declares `innerError`'s extra properties as objects, so the `date` and `request-id`
/// strings Graph itself puts there are left out.
pub(crate) fn error(status: StatusCode, code: &str, message: &str) -> Response {
    json_answer(
        status,
        &json!({ "error": { "code": code, "message": message, "innerError": {} } }),
    )
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
        .filter(|t| !t.is_empty())
}

fn unauthorized(message: &str) -> Response {
    let mut response = error(
        StatusCode::UNAUTHORIZED,
        facts::GRAPH_INVALID_TOKEN,
        message,
    );
    response.headers_mut().insert(
        WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\""),
    );
    response
}

/// Every Graph request: the rate budget first (429 with `Retry-After`), then the bearer
/// token (401, `InvalidAuthenticationToken`).
pub(crate) async fn guard(State(s): State<Arc<ScimShared>>, req: Request, next: Next) -> Response {
    let admission = s.idp.graph_window.admit(s.idp.per_second(), u32::MAX);
    if !admission.allowed {
        s.idp.throttled.fetch_add(1, Ordering::Relaxed);
        let mut response = error(
            StatusCode::TOO_MANY_REQUESTS,
            facts::GRAPH_TOO_MANY_REQUESTS,
            "Too many requests. Please retry after the time given in the Retry-After header.",
        );
        response.headers_mut().insert(
            RETRY_AFTER,
            HeaderValue::from(
                admission
                    .retry_after_secs
                    .max(facts::GRAPH_RETRY_AFTER_SECS),
            ),
        );
        return response;
    }
    let Some(token) = bearer(req.headers()) else {
        return unauthorized("Access token is empty.");
    };
    let known = lock(&s.idp.graph_tokens).get(token).copied();
    match known {
        None => unauthorized("Access token validation failure. Invalid audience."),
        Some(_) if !s.idp.graph_token_valid(token) => {
            unauthorized("Lifetime validation failed, the token is expired.")
        }
        Some(_) => next.run(req).await,
    }
}

fn param<'a>(params: &'a HashMap<String, String>, name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn bad_request(message: impl AsRef<str>) -> Response {
    error(
        StatusCode::BAD_REQUEST,
        facts::GRAPH_BAD_REQUEST,
        message.as_ref(),
    )
}

/// The query options a list honours: `$filter`, `$top`, `$skiptoken`, `$select`, `$count`.
struct ListQuery {
    filter: Option<ODataFilter>,
    filter_text: Option<String>,
    top: usize,
    start: usize,
    select: Vec<String>,
    count: bool,
}

/// The list options, or why Graph would refuse them (400).
fn list_query(raw: Option<&str>) -> Result<ListQuery, String> {
    let params = form_pairs(raw.unwrap_or_default());
    let filter_text = param(&params, "$filter").map(str::to_string);
    let filter = filter_text
        .as_deref()
        .map(ODataFilter::parse)
        .transpose()
        .map_err(|e| format!("Invalid filter clause: {e}"))?;
    let top = match param(&params, "$top").map(str::trim) {
        None | Some("") => facts::GRAPH_DEFAULT_PAGE,
        Some(text) => match text.parse::<usize>() {
            Ok(n) if n >= 1 => n.min(facts::GRAPH_MAX_PAGE),
            _ => {
                return Err(format!(
                    "Invalid page size specified: '{text}'. Must be between 1 and {}.",
                    facts::GRAPH_MAX_PAGE
                ))
            }
        },
    };
    let start = match param(&params, facts::GRAPH_SKIPTOKEN) {
        None => 0,
        Some(token) => paging::offset(token).ok_or("The $skiptoken is not valid.")?,
    };
    let select = param(&params, "$select")
        .map(|s| {
            s.split(',')
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let count = param(&params, "$count").is_some_and(|c| c.eq_ignore_ascii_case("true"));
    Ok(ListQuery {
        filter,
        filter_text,
        top,
        start,
        select,
        count,
    })
}

fn select(item: Value, fields: &[String]) -> Value {
    if fields.is_empty() {
        return item;
    }
    let Value::Object(object) = item else {
        return item;
    };
    let kept: Map<String, Value> = object
        .into_iter()
        .filter(|(k, _)| k == "id" || fields.iter().any(|f| f.eq_ignore_ascii_case(k)))
        .collect();
    Value::Object(kept)
}

/// A collection page: `{@odata.context, value, @odata.nextLink?, @odata.count?}`.
fn collection(
    s: &ScimShared,
    path: &str,
    context: &str,
    items: Vec<Value>,
    q: &ListQuery,
) -> Response {
    let items: Vec<Value> = items
        .into_iter()
        .filter(|item| q.filter.as_ref().is_none_or(|f| f.matches(item)))
        .collect();
    let total = items.len();
    let (range, next) = paging::page(total, q.start, q.top);
    let value: Vec<Value> = items[range]
        .iter()
        .cloned()
        .map(|item| select(item, &q.select))
        .collect();
    let base = format!("{}{}", s.root_url, facts::GRAPH_BASE_PATH);
    let mut body = json!({ "@odata.context": format!("{base}/$metadata#{context}") });
    if q.count {
        body["@odata.count"] = json!(total);
    }
    body["value"] = Value::Array(value);
    if let Some(next) = next {
        let mut pairs: Vec<(&str, String)> = vec![("$top", q.top.to_string())];
        if let Some(filter) = &q.filter_text {
            pairs.push(("$filter", filter.clone()));
        }
        if !q.select.is_empty() {
            pairs.push(("$select", q.select.join(",")));
        }
        pairs.push((facts::GRAPH_SKIPTOKEN, paging::cursor(next)));
        body[facts::GRAPH_NEXT_LINK] = json!(format!("{base}{path}?{}", paging::query(&pairs)));
    }
    json_answer(StatusCode::OK, &body)
}

/// `GET /servicePrincipals`: the ZoomInfo enterprise app, found with
/// `$filter=displayName eq 'ZoomInfo'` or `startsWith(displayName,'Zoom')`.
pub(crate) async fn list_service_principals(
    State(s): State<Arc<ScimShared>>,
    RawQuery(query): RawQuery,
) -> Response {
    let q = match list_query(query.as_deref()) {
        Ok(q) => q,
        Err(why) => return bad_request(why),
    };
    let items = vec![graph_model::service_principal(&s)];
    collection(
        &s,
        facts::GRAPH_SERVICE_PRINCIPALS_PATH,
        "servicePrincipals",
        items,
        &q,
    )
}

fn unknown(what: &str, id: &str) -> Response {
    error(
        StatusCode::NOT_FOUND,
        facts::GRAPH_NOT_FOUND,
        &format!("Resource '{id}' does not exist or one of its queried reference-property objects are not present. ({what})"),
    )
}

fn current_job(s: &ScimShared) -> Value {
    let known: Vec<String> = view::pushed(s)
        .into_iter()
        .map(|p| p.user_name.to_lowercase())
        .collect();
    let failed = s
        .idp
        .failures()
        .iter()
        .filter(|f| !known.contains(&f.push.user_name.to_lowercase()))
        .count();
    graph_model::sync_job(s, known.len(), failed)
}

/// `GET /servicePrincipals/{id}/synchronization/jobs`.
pub(crate) async fn list_jobs(
    State(s): State<Arc<ScimShared>>,
    Path(sp_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    if sp_id != s.idp.service_principal_id {
        return unknown("servicePrincipal", &sp_id);
    }
    let q = match list_query(query.as_deref()) {
        Ok(q) => q,
        Err(why) => return bad_request(why),
    };
    let path = format!(
        "{}/{sp_id}/synchronization/jobs",
        facts::GRAPH_SERVICE_PRINCIPALS_PATH
    );
    let context = format!("servicePrincipals('{sp_id}')/synchronization/jobs");
    collection(&s, &path, &context, vec![current_job(&s)], &q)
}

/// `GET /servicePrincipals/{id}/synchronization/jobs/{jobId}`.
pub(crate) async fn get_job(
    State(s): State<Arc<ScimShared>>,
    Path((sp_id, job_id)): Path<(String, String)>,
) -> Response {
    if sp_id != s.idp.service_principal_id {
        return unknown("servicePrincipal", &sp_id);
    }
    if job_id != s.idp.job_id {
        return unknown("synchronizationJob", &job_id);
    }
    let mut job = current_job(&s);
    job["@odata.context"] = json!(format!(
        "{}{}/$metadata#servicePrincipals('{sp_id}')/synchronization/jobs/$entity",
        s.root_url,
        facts::GRAPH_BASE_PATH
    ));
    json_answer(StatusCode::OK, &job)
}

/// `GET /auditLogs/provisioning`: newest first; `$filter` on `servicePrincipal/id`,
/// `provisioningStatusInfo/status`, `activityDateTime ge …` and the like, joined by `and`.
pub(crate) async fn list_provisioning(
    State(s): State<Arc<ScimShared>>,
    RawQuery(query): RawQuery,
) -> Response {
    let q = match list_query(query.as_deref()) {
        Ok(q) => q,
        Err(why) => return bad_request(why),
    };
    let pushed = view::pushed(&s);
    let failed = s.idp.failures();
    let entries = graph_model::provisioning_entries(&s, &pushed, &failed);
    collection(
        &s,
        facts::GRAPH_PROVISIONING_PATH,
        "auditLogs/provisioning",
        entries,
        &q,
    )
}

/// Any other path under `/v1.0`: Graph's answer to a segment it does not know.
pub(crate) async fn unknown_segment(uri: axum::http::Uri) -> Response {
    let path = uri.path();
    let segment = path
        .strip_prefix(facts::GRAPH_BASE_PATH)
        .unwrap_or(path)
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or_default()
        .to_string();
    bad_request(format!("Resource not found for the segment '{segment}'."))
}
