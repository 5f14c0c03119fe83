//! `GET /lookup/usage` (published shape) and `GET /usage` (the older shape). Free.

use std::sync::Arc;

use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};

use crate::limits;
use crate::state::Shared;
use crate::util::lock;

/// One of the account's limits and how much of it is used.
pub(crate) struct LimitFigure {
    pub limit_type: &'static str,
    pub description: &'static str,
    pub limit: u64,
    pub used: u64,
}

impl LimitFigure {
    pub fn remaining(&self) -> u64 {
        self.limit.saturating_sub(self.used)
    }
}

fn record_limit(s: &Shared) -> u64 {
    s.knobs
        .credit_limit()
        .unwrap_or(limits::DEFAULT_RECORD_LIMIT)
}

/// The account's limits as `/lookup/usage` lists them (and the `X-Usage-*` headers repeat
/// them), descriptions worded as in the published example.
pub(crate) fn account_limits(s: &Shared) -> [LimitFigure; 5] {
    let (requests, records, distinct) = {
        let a = lock(&s.account);
        (a.requests, a.records_used, a.distinct_ids())
    };
    let figure = |limit_type, description, limit, used| LimitFigure {
        limit_type,
        description,
        limit,
        used,
    };
    [
        figure(
            "requestLimit",
            "The maximum number of requests you can make",
            limits::REQUEST_LIMIT,
            requests,
        ),
        figure(
            "recordLimit",
            "The maximum number of records you can retrieve",
            record_limit(s),
            records,
        ),
        figure(
            "uniqueIdLimit",
            "The maximum number of person or company records you can redeem",
            limits::UNIQUE_ID_LIMIT,
            distinct,
        ),
        figure(
            "webSightsApiRequestLimit",
            "The maximum number of WebSights requests you can make",
            limits::WEBSIGHTS_REQUEST_LIMIT,
            0,
        ),
        figure(
            "webSightsApiRecordLimit",
            "The max number of WebSights records you can retrieve",
            limits::WEBSIGHTS_RECORD_LIMIT,
            0,
        ),
    ]
}

pub(crate) async fn lookup(State(s): State<Arc<Shared>>) -> Json<Value> {
    let usage: Vec<Value> = account_limits(&s)
        .iter()
        .map(|f| {
            json!({
                "limitType": f.limit_type,
                "description": f.description,
                "limit": f.limit,
                "currentUsage": f.used,
                "usageRemaining": f.remaining(),
            })
        })
        .collect();
    Json(json!({ "usage": usage }))
}

pub(crate) async fn legacy(State(s): State<Arc<Shared>>) -> Json<Value> {
    let used = lock(&s.account).records_used;
    Json(json!({
        "creditsUsed": used,
        "creditsAvailable": record_limit(&s).saturating_sub(used),
    }))
}
