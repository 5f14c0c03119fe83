//! `POST /enrich/contact` and `POST /enrich/company`: up to 25 inputs, one credit per
//! returned record, results in input order with inputs echoed under lower-cased keys. Output
//! fields that are not published, or that the account's plan withholds, are left out.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde_json::{json, Map, Value};

use super::fields::{company_key, company_record, contact_record, contact_slot};
use super::{lowercase_keys, parse_object, text, JsonObject};
use crate::account::{Account, RecordKind};
use crate::dataset::{Company, Dataset, Person};
use crate::error::{ApiError, ApiResult};
use crate::faults::NoCharge;
use crate::limits::{self, messages};
use crate::state::{Shared, KEPT_ENRICH_REQUESTS};
use crate::stats::bump;
use crate::util::lock;

/// What one input resolved to before charging.
enum Resolved<'a, T> {
    Invalid,
    NoMatch,
    /// Found, but under the input's `contactAccuracyScoreMin`: not returned, not charged.
    BelowAccuracyMin,
    Match(&'a T),
}

/// What one input finally got.
enum Outcome<'a, T> {
    Invalid,
    NoMatch,
    BelowAccuracyMin,
    LimitExceeded,
    Full(&'a T),
}

impl<T> Outcome<'_, T> {
    fn status(&self) -> &'static str {
        match self {
            Self::Invalid => "INVALID_INPUT",
            Self::NoMatch => "NO_MATCH",
            Self::BelowAccuracyMin => "NON_MATCH_BY_CONTACT_ACCURACY_MIN",
            Self::LimitExceeded => "LIMIT_EXCEEDED",
            Self::Full(_) => "FULL_MATCH",
        }
    }
}

/// Output field names (lower-cased, known ones, `id` first, no repeats) and the raw inputs.
fn read_request(
    body: &JsonObject,
    input_key: &str,
    known: impl Fn(&str) -> bool,
) -> ApiResult<(Vec<String>, Vec<Value>)> {
    let body = lowercase_keys(body);
    let requested: Vec<String> = match body.get("outputfields") {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(|s| s.trim().to_lowercase())
            .collect(),
        Some(Value::String(s)) => s.split(',').map(|p| p.trim().to_lowercase()).collect(),
        _ => Vec::new(),
    };
    if requested.iter().all(String::is_empty) {
        return Err(ApiError::bad_request(messages::MISSING_OUTPUT_FIELDS));
    }
    let mut fields = vec!["id".to_string()];
    for f in requested {
        if known(&f) && !fields.contains(&f) {
            fields.push(f);
        }
    }

    let inputs = match body.get(&input_key.to_lowercase()) {
        Some(Value::Array(items)) => items.clone(),
        Some(Value::Object(one)) => vec![Value::Object(one.clone())],
        _ => {
            return Err(ApiError::bad_request(format!(
                "Missing {input_key} parameter"
            )))
        }
    };
    if inputs.len() > limits::MAX_ENRICH_INPUTS {
        return Err(ApiError::bad_request(messages::TOO_MANY_INPUTS));
    }
    Ok((fields, inputs))
}

/// Decides each input's outcome in order, stopping matches where the credit limit runs out.
/// Refuses the whole request (403, no charge) if the limit is already used up. Charges nothing:
/// see [`charge`], called once the answer is ready to go out.
fn settle<'a, T>(
    account: &Account,
    limit: Option<u64>,
    resolved: Vec<Resolved<'a, T>>,
) -> ApiResult<Vec<Outcome<'a, T>>> {
    if limit.is_some_and(|l| account.records_used >= l) {
        return Err(ApiError::QueryLimit);
    }
    let mut used = account.records_used;
    let outcomes = resolved
        .into_iter()
        .map(|r| match r {
            Resolved::Invalid => Outcome::Invalid,
            Resolved::NoMatch => Outcome::NoMatch,
            Resolved::BelowAccuracyMin => Outcome::BelowAccuracyMin,
            Resolved::Match(_) if limit.is_some_and(|l| used >= l) => Outcome::LimitExceeded,
            Resolved::Match(t) => {
                used += 1;
                Outcome::Full(t)
            }
        })
        .collect();
    Ok(outcomes)
}

/// Records one credit per returned record. Done last, when the body is already serialized:
/// like the real service, the account pays for what it is sent, and a client that vanished
/// while the answer was being prepared is not charged (its request was dropped earlier).
fn charge(s: &Shared, account: &mut Account, kind: RecordKind, ids: &[i64]) {
    for id in ids {
        bump(&s.stats.credits_used);
        if account.charge(kind, *id) {
            bump(&s.stats.distinct_records_charged);
        }
    }
}

/// Decide and render under the account lock (so concurrent requests cannot overrun the credit
/// limit), give the connection one chance to notice the client has gone, then charge and send.
/// Like the real service, the account pays for answers it is sent, not for requests whose
/// client vanished while the answer was being prepared.
#[allow(clippy::too_many_arguments)]
async fn answer<T>(
    s: &Shared,
    kind: RecordKind,
    fields: &[String],
    inputs: &[Value],
    resolved: Vec<Resolved<'_, T>>,
    id_of: impl Fn(&T) -> i64,
    render: impl Fn(&T) -> Value,
    no_charge: bool,
) -> ApiResult<Response> {
    let (ids, bytes) = {
        let account = lock(&s.account);
        let outcomes = settle(&account, s.knobs.credit_limit(), resolved)?;
        let ids: Vec<i64> = outcomes
            .iter()
            .filter_map(|o| {
                if let Outcome::Full(t) = o {
                    Some(id_of(t))
                } else {
                    None
                }
            })
            .collect();
        let body = respond(s, fields, inputs, outcomes, render);
        (
            ids,
            serde_json::to_vec(&body.0).map_err(|_| ApiError::Internal)?,
        )
    };
    // One chance for the server to notice a closed connection and drop this request before it
    // is billed (it notices when the closing has already been seen; not always).
    tokio::task::yield_now().await;
    if !no_charge {
        let mut account = lock(&s.account);
        // Another request may have used the last credits meanwhile: re-check, still uncharged.
        let limit = s.knobs.credit_limit();
        if limit.is_some_and(|l| account.records_used + ids.len() as u64 > l) {
            return Err(ApiError::QueryLimit);
        }
        charge(s, &mut account, kind, &ids);
    }
    Ok(([(header::CONTENT_TYPE, "application/json")], bytes).into_response())
}

fn respond<T>(
    s: &Shared,
    fields: &[String],
    inputs: &[Value],
    outcomes: Vec<Outcome<'_, T>>,
    render: impl Fn(&T) -> Value,
) -> Json<Value> {
    let omit_status = s.knobs.omit_match_status();
    let result: Vec<Value> = inputs
        .iter()
        .zip(outcomes)
        .map(|(input, outcome)| {
            let echo = match input {
                Value::Object(obj) => Value::Object(lowercase_keys(obj)),
                other => other.clone(),
            };
            let data = match &outcome {
                Outcome::Full(t) => vec![render(t)],
                _ => Vec::new(),
            };
            let mut entry = Map::new();
            entry.insert("input".into(), echo);
            entry.insert("data".into(), Value::Array(data));
            if !omit_status {
                entry.insert("matchStatus".into(), json!(outcome.status()));
            }
            Value::Object(entry)
        })
        .collect();
    Json(json!({
        "success": true,
        "data": { "outputFields": [fields], "result": result },
    }))
}

/// An input's non-empty value for a (lower-case) key, keys compared case-insensitively.
fn get(input: &JsonObject, key: &str) -> Option<String> {
    input
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .and_then(|(_, v)| text(v))
}

/// Company name equality ignoring case, surrounding space and a trailing legal suffix
/// ("Acme Widgets" finds "Acme Widgets Inc.").
fn same_company_name(name: &str, wanted: &str) -> bool {
    fn core(s: &str) -> String {
        let s = s.trim().to_lowercase();
        for suffix in [" inc.", " inc", " llc", " corp.", " corp", " group", " co."] {
            if let Some(stripped) = s.strip_suffix(suffix) {
                return stripped.trim_end_matches(',').to_string();
            }
        }
        s
    }
    core(name) == core(wanted)
}

fn find_company<'a>(ds: &'a Dataset, name: &str) -> Option<&'a Company> {
    ds.company_by_name(name).or_else(|| {
        ds.companies()
            .iter()
            .find(|c| same_company_name(&c.name, name))
    })
}

/// personId | emailAddress | hashedEmail | phone | firstName+lastName+company |
/// fullName+company; a person under the input's `contactAccuracyScoreMin` is not returned.
fn resolve_person<'a>(ds: &'a Dataset, input: &Value) -> Resolved<'a, Person> {
    let Value::Object(input) = input else {
        return Resolved::Invalid;
    };
    let person_id = get(input, "personid");
    let email = get(input, "emailaddress");
    let phone = get(input, "phone");
    let hashed = get(input, "hashedemail");
    let company_id = get(input, "companyid");
    let company_name = get(input, "companyname");
    let has_company = company_id.is_some() || company_name.is_some();
    let names = match (
        get(input, "firstname"),
        get(input, "lastname"),
        get(input, "fullname"),
    ) {
        (Some(first), Some(last), _) => Some((first, last)),
        (_, _, Some(full)) => {
            let parts: Vec<&str> = full.split_whitespace().collect();
            match parts.as_slice() {
                [first, .., last] => Some((first.to_string(), last.to_string())),
                _ => None,
            }
        }
        _ => None,
    };
    let by_name = names.filter(|_| has_company);
    if person_id.is_none()
        && email.is_none()
        && phone.is_none()
        && by_name.is_none()
        && hashed.is_none()
    {
        return Resolved::Invalid;
    }

    let at_company = |p: &&Person| {
        company_id
            .as_deref()
            .is_some_and(|id| p.company_id.to_string() == id)
            || company_name.as_deref().is_some_and(|name| {
                ds.company_of(p)
                    .is_some_and(|c| same_company_name(&c.name, name))
            })
    };
    let found = person_id
        .and_then(|id| id.parse().ok())
        .and_then(|id| ds.person(id))
        .or_else(|| email.and_then(|e| ds.person_by_email(&e)))
        .or_else(|| hashed.and_then(|h| ds.person_by_hashed_email(&h)))
        .or_else(|| phone.and_then(|p| ds.person_by_phone(&p)))
        .or_else(|| {
            by_name.and_then(|(first, last)| {
                ds.people_named(&first, &last).into_iter().find(at_company)
            })
        });
    let minimum = input
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("contactaccuracyscoremin"))
        .and_then(|(_, v)| super::integer(v));
    match found {
        Some(p) if minimum.is_some_and(|min| u64::from(p.contact_accuracy_score) < min) => {
            Resolved::BelowAccuracyMin
        }
        Some(p) => Resolved::Match(p),
        None => Resolved::NoMatch,
    }
}

/// companyId | companyWebsite | companyName | companyTicker (a website sent with a name
/// decides: it is the more specific of the two).
fn resolve_company<'a>(ds: &'a Dataset, input: &Value) -> Resolved<'a, Company> {
    let Value::Object(input) = input else {
        return Resolved::Invalid;
    };
    let id = get(input, "companyid");
    let name = get(input, "companyname");
    let website = get(input, "companywebsite");
    let ticker = get(input, "companyticker");
    if id.is_none() && name.is_none() && website.is_none() && ticker.is_none() {
        return Resolved::Invalid;
    }
    let found = id
        .and_then(|id| id.parse().ok())
        .and_then(|id| ds.company(id))
        .or_else(|| website.and_then(|w| ds.company_by_domain(&w)))
        .or_else(|| name.and_then(|n| find_company(ds, &n)))
        .or_else(|| ticker.and_then(|t| ds.company_by_ticker(&t)));
    found.map_or(Resolved::NoMatch, Resolved::Match)
}

/// Remembers the body for [`crate::SimHandle::enrich_requests`] (the latest few only).
fn keep_request(s: &Shared, body: &JsonObject) {
    let mut kept = lock(&s.recent_enrich);
    if kept.len() >= KEPT_ENRICH_REQUESTS {
        kept.pop_front();
    }
    kept.push_back(Value::Object(body.clone()));
}

pub(crate) async fn contacts(
    State(s): State<Arc<Shared>>,
    no_charge: Option<Extension<NoCharge>>,
    body: Bytes,
) -> ApiResult<Response> {
    let body = parse_object(&body)?;
    keep_request(&s, &body);
    let (fields, inputs) = read_request(&body, "matchPersonInput", |f| {
        contact_slot(f).is_some() && !s.knobs.is_output_field_denied(RecordKind::Person, f)
    })?;
    let ds = &*s.dataset;
    let resolved = inputs.iter().map(|i| resolve_person(ds, i)).collect();
    answer(
        &s,
        RecordKind::Person,
        &fields,
        &inputs,
        resolved,
        |p| p.id,
        |p| contact_record(&fields, p, ds),
        no_charge.is_some(),
    )
    .await
}

pub(crate) async fn companies(
    State(s): State<Arc<Shared>>,
    no_charge: Option<Extension<NoCharge>>,
    body: Bytes,
) -> ApiResult<Response> {
    let body = parse_object(&body)?;
    keep_request(&s, &body);
    let (fields, inputs) = read_request(&body, "matchCompanyInput", |f| {
        company_key(f).is_some() && !s.knobs.is_output_field_denied(RecordKind::Company, f)
    })?;
    let ds = &*s.dataset;
    let resolved = inputs.iter().map(|i| resolve_company(ds, i)).collect();
    answer(
        &s,
        RecordKind::Company,
        &fields,
        &inputs,
        resolved,
        |c| c.id,
        |c| company_record(&fields, c, ds),
        no_charge.is_some(),
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn company_names_ignore_legal_suffixes() {
        assert!(same_company_name("Acme Widgets Inc.", "acme widgets"));
        assert!(same_company_name("Acme Widgets", " ACME WIDGETS "));
        assert!(!same_company_name("Acme Widgets", "Acme"));
    }
}
