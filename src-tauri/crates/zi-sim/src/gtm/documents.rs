//! The GTM handlers: a JSON:API request document in, the legacy handler's answer out as a
//! JSON:API answer document, shaped as the spec's `ContactSearchResponse`,
//! `ContactEnrichResponse` and `UsageResponse` (and their company twins).

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::{to_bytes, Bytes};
use axum::extract::{Query, State};
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde_json::{json, Map, Value};
use zi_client::gtm::facts::{
    answer_types, MEDIA_TYPE, NO_MATCH_TYPE, PAGE_NUMBER_PARAM, PAGE_SIZE_PARAM,
};
use zi_client::RecordKind;

use super::shapes::{conform, Answer};
use crate::error::ApiError;
use crate::faults::NoCharge;
use crate::limits;
use crate::routes::{enrich, integer, parse_object, search, usage, JsonObject};
use crate::state::Shared;

type PageQuery = Query<HashMap<String, String>>;

/// GTM pages reach record 10,000 (legacy's stop at 1,000).
const GTM_DEPTH: u64 = zi_client::gtm::facts::MAX_SEARCH_DEPTH as u64;

fn json_api(document: Value) -> Response {
    ([(CONTENT_TYPE, MEDIA_TYPE)], document.to_string()).into_response()
}

/// `data.attributes` of a request document (an empty body asks for nothing in particular).
fn attributes_of(body: &[u8]) -> Result<JsonObject, ApiError> {
    let document = parse_object(body)?;
    match document.get("data").and_then(|d| d.get("attributes")) {
        None | Some(Value::Null) => Ok(JsonObject::new()),
        Some(Value::Object(attributes)) => Ok(attributes.clone()),
        Some(_) => Err(ApiError::bad_request("data.attributes must be an object")),
    }
}

fn answer_type(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Contact => answer_types::CONTACT,
        RecordKind::Company => answer_types::COMPANY,
    }
}

/// A legacy record as a resource `{id, type, attributes}`; JSON:API ids are strings.
fn resource(kind: RecordKind, record: &Value, answer: Answer) -> Value {
    let mut attributes = record.as_object().cloned().unwrap_or_default();
    let id = match attributes.remove("id") {
        Some(Value::String(id)) => id,
        Some(Value::Number(id)) => id.to_string(),
        _ => String::new(),
    };
    conform(&mut attributes, answer);
    json!({ "id": id, "type": answer_type(kind), "attributes": attributes })
}

pub(crate) async fn contacts_search(
    State(s): State<Arc<Shared>>,
    Query(query): PageQuery,
    body: Bytes,
) -> Response {
    search_answer(s, RecordKind::Contact, query, &body).await
}

pub(crate) async fn companies_search(
    State(s): State<Arc<Shared>>,
    Query(query): PageQuery,
    body: Bytes,
) -> Response {
    search_answer(s, RecordKind::Company, query, &body).await
}

async fn search_answer(
    s: Arc<Shared>,
    kind: RecordKind,
    query: HashMap<String, String>,
    body: &[u8],
) -> Response {
    let mut legacy = match attributes_of(body) {
        Ok(attributes) => attributes,
        Err(e) => return e.into_response(),
    };
    // GTM pages in the query, legacy in the body; the legacy checks (size 1..=100) apply.
    for (param, key) in [(PAGE_NUMBER_PARAM, "page"), (PAGE_SIZE_PARAM, "rpp")] {
        if let Some(value) = query.get(param) {
            legacy.insert(key.into(), json!(value));
        }
    }
    let page_size = query
        .get(PAGE_SIZE_PARAM)
        .and_then(|v| integer(&json!(v)))
        .unwrap_or(u64::from(limits::DEFAULT_RPP))
        .max(1);
    let legacy = Bytes::from(Value::Object(legacy).to_string());
    let answer = match kind {
        RecordKind::Contact => search::contacts_to_depth(State(s), legacy, GTM_DEPTH).await,
        RecordKind::Company => search::companies_to_depth(State(s), legacy, GTM_DEPTH).await,
    };
    match answer {
        Ok(Json(page)) => json_api(search_document(kind, &page, page_size)),
        Err(e) => e.into_response(),
    }
}

/// Legacy `{maxResults, currentPage, data}` as `{data, meta: {totalResults, page}}`.
fn search_document(kind: RecordKind, page: &Value, page_size: u64) -> Value {
    let data: Vec<Value> = page["data"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|record| resource(kind, record, Answer::Search))
        .collect();
    let total = page["maxResults"].as_u64().unwrap_or(data.len() as u64);
    json!({
        "data": data,
        "meta": {
            "totalResults": total,
            "page": {
                "number": page["currentPage"],
                "size": page_size,
                "total": total.div_ceil(page_size),
            },
        },
    })
}

pub(crate) async fn contacts_enrich(
    State(s): State<Arc<Shared>>,
    no_charge: Option<Extension<NoCharge>>,
    body: Bytes,
) -> Response {
    enrich_answer(s, RecordKind::Contact, no_charge, &body).await
}

pub(crate) async fn companies_enrich(
    State(s): State<Arc<Shared>>,
    no_charge: Option<Extension<NoCharge>>,
    body: Bytes,
) -> Response {
    enrich_answer(s, RecordKind::Company, no_charge, &body).await
}

async fn enrich_answer(
    s: Arc<Shared>,
    kind: RecordKind,
    no_charge: Option<Extension<NoCharge>>,
    body: &[u8],
) -> Response {
    let attributes = match attributes_of(body) {
        Ok(attributes) => attributes,
        Err(e) => return e.into_response(),
    };
    // Echoed as sent (legacy lower-cases the keys it echoes).
    let inputs: Vec<Value> = match attributes.get(kind.match_input_key()) {
        Some(Value::Array(inputs)) => inputs.clone(),
        _ => Vec::new(),
    };
    let legacy = Bytes::from(Value::Object(attributes).to_string());
    let answer = match kind {
        RecordKind::Contact => enrich::contacts(State(s), no_charge, legacy).await,
        RecordKind::Company => enrich::companies(State(s), no_charge, legacy).await,
    };
    let answer = match answer {
        Ok(answer) if answer.status().is_success() => answer,
        Ok(refused) => return refused,
        Err(e) => return e.into_response(),
    };
    let Ok(bytes) = to_bytes(answer.into_body(), usize::MAX).await else {
        return ApiError::Internal.into_response();
    };
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(answer) => json_api(enrich_document(kind, &answer, &inputs)),
        Err(_) => ApiError::Internal.into_response(),
    }
}

/// Legacy `data.result[] {input, data, matchStatus}` as one resource per input, in order: the
/// record found, or a `NoMatch` resource; each with `meta.input` and `meta.matchStatus`.
fn enrich_document(kind: RecordKind, answer: &Value, inputs: &[Value]) -> Value {
    let data: Vec<Value> = answer["data"]["result"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, result)| {
            let mut meta = Map::new();
            let input = inputs.get(i).unwrap_or(&result["input"]).clone();
            meta.insert("input".into(), input);
            if let Some(status) = result.get("matchStatus") {
                meta.insert("matchStatus".into(), status.clone());
            }
            let mut item = match result["data"].as_array().and_then(|d| d.first()) {
                Some(record) => resource(kind, record, Answer::Enrich),
                None => json!({ "id": "0", "type": NO_MATCH_TYPE }),
            };
            item["meta"] = Value::Object(meta);
            item
        })
        .collect();
    json!({ "data": data })
}

/// The account's limits as `{data: [{type, attributes: {usage: [...]}}]}`; GTM's
/// `totalLimit` is legacy's `limit`.
pub(crate) async fn usage(State(s): State<Arc<Shared>>) -> Response {
    let figures: Vec<Value> = usage::account_limits(&s)
        .iter()
        .map(|f| {
            json!({
                "limitType": f.limit_type,
                "description": f.description,
                "totalLimit": f.limit,
                "currentUsage": f.used,
                "usageRemaining": f.remaining(),
            })
        })
        .collect();
    json_api(json!({ "data": [{
        "id": "1",
        "type": answer_types::USAGE,
        "attributes": { "usage": figures },
    }]}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enrich_answers_one_resource_per_input() {
        let legacy = json!({"success": true, "data": {"outputFields": [["id"]], "result": [
            {"input": {"personid": "7"}, "data": [{"id": 7, "email": "a@b.co"}], "matchStatus": "FULL_MATCH"},
            {"input": {"emailaddress": "x@y.z"}, "data": [], "matchStatus": "NO_MATCH"},
        ]}});
        let inputs = [json!({"personId": "7"}), json!({"emailAddress": "x@y.z"})];
        let document = enrich_document(RecordKind::Contact, &legacy, &inputs);
        assert_eq!(
            document["data"][0],
            json!({"id": "7", "type": "Contact", "attributes": {"email": "a@b.co"},
                   "meta": {"input": {"personId": "7"}, "matchStatus": "FULL_MATCH"}})
        );
        assert_eq!(document["data"][1]["type"], "NoMatch");
        assert_eq!(document["data"][1]["meta"]["input"], inputs[1]);
    }

    #[test]
    fn search_counts_pages_of_the_asked_size() {
        let legacy = json!({"maxResults": 51, "totalResults": 1, "currentPage": 3,
            "data": [{"id": 9, "name": "Acme"}]});
        let document = search_document(RecordKind::Company, &legacy, 25);
        assert_eq!(
            document["meta"],
            json!({"totalResults": 51, "page": {"number": 3, "size": 25, "total": 3}})
        );
        assert_eq!(document["data"][0]["id"], "9");
    }
}
