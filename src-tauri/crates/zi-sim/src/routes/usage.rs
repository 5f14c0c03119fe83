//! `GET /lookup/usage` (published shape) and `GET /usage` (the older shape). Free.

use std::sync::Arc;

use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};

use crate::limits;
use crate::state::Shared;
use crate::util::lock;

fn limit_entry(limit_type: &str, description: &str, limit: u64, used: u64) -> Value {
    json!({
        "limitType": limit_type,
        "description": description,
        "limit": limit,
        "currentUsage": used,
        "usageRemaining": limit.saturating_sub(used),
    })
}

fn record_limit(s: &Shared) -> u64 {
    s.knobs
        .credit_limit()
        .unwrap_or(limits::DEFAULT_RECORD_LIMIT)
}

pub(crate) async fn lookup(State(s): State<Arc<Shared>>) -> Json<Value> {
    let (requests, records, distinct) = {
        let a = lock(&s.account);
        (a.requests, a.records_used, a.distinct_ids())
    };
    // Descriptions worded as in the published example.
    Json(json!({ "usage": [
        limit_entry("requestLimit", "The maximum number of requests you can make",
            limits::REQUEST_LIMIT, requests),
        limit_entry("recordLimit", "The maximum number of records you can retrieve",
            record_limit(&s), records),
        limit_entry("uniqueIdLimit", "The maximum number of person or company records you can redeem",
            limits::UNIQUE_ID_LIMIT, distinct),
        limit_entry("webSightsApiRequestLimit", "The maximum number of WebSights requests you can make",
            limits::WEBSIGHTS_REQUEST_LIMIT, 0),
        limit_entry("webSightsApiRecordLimit", "The max number of WebSights records you can retrieve",
            limits::WEBSIGHTS_RECORD_LIMIT, 0),
    ]}))
}

pub(crate) async fn legacy(State(s): State<Arc<Shared>>) -> Json<Value> {
    let used = lock(&s.account).records_used;
    Json(json!({
        "creditsUsed": used,
        "creditsAvailable": record_limit(&s).saturating_sub(used),
    }))
}
