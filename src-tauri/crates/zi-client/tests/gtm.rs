//! The GTM backend against a small server answering as the GTM spec's response schemas say
//! (`tests/conformance/spec/zoominfo-gtm-data-v1-openapi.json`).

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use secrecy::SecretString;
use serde_json::{json, Value};
use zi_client::{
    AccessTokenSource, ClientConfig, ClientError, GtmClient, MatchStatus, Record, RecordKind,
    RetryPolicy, SearchCriteria, StaticAccessToken, ZoomInfoBackend,
};

const GOOD: &str = "good-token";

#[derive(Default)]
struct Seen {
    rate_limited_once: AtomicU32,
    enrich_calls: AtomicU32,
}

fn json_api(status: StatusCode, body: Value) -> Response {
    (
        status,
        [("content-type", "application/vnd.api+json")],
        body.to_string(),
    )
        .into_response()
}

fn authorised(headers: &HeaderMap) -> bool {
    headers.get("authorization").and_then(|v| v.to_str().ok()) == Some("Bearer good-token")
}

fn unauthorised() -> Response {
    json_api(
        StatusCode::UNAUTHORIZED,
        json!({"errors": [{"id": "1", "status": "401", "code": "PFAPI0001", "detail": "Invalid token"}]}),
    )
}

async fn search(
    headers: HeaderMap,
    Query(q): Query<std::collections::HashMap<String, String>>,
) -> Response {
    if !authorised(&headers) {
        return unauthorised();
    }
    let page: u64 = q
        .get("page[number]")
        .and_then(|p| p.parse().ok())
        .unwrap_or(1);
    let size: u64 = q
        .get("page[size]")
        .and_then(|p| p.parse().ok())
        .unwrap_or(25);
    let total = 250u64;
    let first = (page - 1) * size;
    let data: Vec<Value> = (first..(first + size).min(total))
        .map(|i| json!({"id": (1000 + i).to_string(), "type": "Contact", "attributes": {"firstName": format!("P{i}")}}))
        .collect();
    json_api(
        StatusCode::OK,
        json!({"data": data, "meta": {"page": {"number": page, "total": data.len()}, "totalResults": total}}),
    )
}

async fn enrich(State(seen): State<Arc<Seen>>, headers: HeaderMap, body: String) -> Response {
    if !authorised(&headers) {
        return unauthorised();
    }
    if headers.get("content-type").and_then(|v| v.to_str().ok()) != Some("application/vnd.api+json")
    {
        return json_api(StatusCode::UNSUPPORTED_MEDIA_TYPE, json!({"errors": []}));
    }
    if seen.rate_limited_once.fetch_add(1, Ordering::SeqCst) == 0 {
        let mut response = json_api(
            StatusCode::TOO_MANY_REQUESTS,
            json!({"errors": [{"id": "1", "status": "429", "code": "PFAPI0429", "detail": "Too many requests"}]}),
        );
        response
            .headers_mut()
            .insert("retry-after", "1".parse().expect("header value"));
        return response;
    }
    seen.enrich_calls.fetch_add(1, Ordering::SeqCst);
    let body: Value = serde_json::from_str(&body).unwrap_or_default();
    let inputs = body["data"]["attributes"]["matchPersonInput"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    if inputs
        .iter()
        .any(|i| i["emailAddress"] == "broke@example.com")
    {
        return json_api(
            StatusCode::BAD_REQUEST,
            json!({"title": "Bad Request", "errors": [{"id": "1", "status": "400", "code": "PFAPI0011", "detail": "You have exceeded your API query limit"}]}),
        );
    }
    let data: Vec<Value> = inputs
        .iter()
        .map(|input| match input.get("personId") {
            Some(id) => json!({"id": id.to_string(), "type": "Contact",
                "attributes": {"email": "p@example.com", "company": {"id": 7, "name": "Acme"}},
                "meta": {"input": input, "matchStatus": "FULL_MATCH"}}),
            None => json!({"id": "0", "type": "NoMatch", "meta": {"input": input, "matchStatus": "NO_MATCH"}}),
        })
        .collect();
    json_api(StatusCode::OK, json!({"data": data}))
}

async fn usage(headers: HeaderMap) -> Response {
    if !authorised(&headers) {
        return unauthorised();
    }
    json_api(
        StatusCode::OK,
        json!({"data": [{"id": "1", "type": "UserUsage", "attributes": {"usage": [
            {"limitType": "recordLimit", "totalLimit": 1000, "currentUsage": 4, "usageRemaining": 996}
        ]}}]}),
    )
}

async fn serve() -> (String, Arc<Seen>) {
    let seen = Arc::new(Seen::default());
    let app = Router::new()
        .route("/gtm/data/v1/contacts/search", post(search))
        .route("/gtm/data/v1/contacts/enrich", post(enrich))
        .route("/gtm/data/v1/users/usage", get(usage))
        .with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{addr}/gtm"), seen)
}

fn client(url: &str, tokens: Arc<dyn AccessTokenSource>) -> GtmClient {
    let mut config = ClientConfig::with_base_url(url);
    config.retry = RetryPolicy {
        max_attempts: 3,
        min_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(50),
    };
    GtmClient::new(config, tokens).expect("client")
}

fn input(value: Value) -> Record {
    serde_json::from_value(value).expect("object")
}

#[tokio::test]
async fn search_pages_past_the_first_and_reports_the_total() {
    let (url, _) = serve().await;
    let gtm = client(&url, Arc::new(StaticAccessToken::new(GOOD)));
    let found = zi_client::search_all(
        &gtm,
        RecordKind::Contact,
        &SearchCriteria::new(),
        Some(150),
        |_, _| {},
    )
    .await
    .expect("search");
    assert_eq!(found.records.len(), 150);
    assert_eq!(found.total_results, 250);
    assert_eq!(
        found.records[120]["id"],
        json!(1120),
        "page 2 reached; ids read as legacy's numbers"
    );
    assert_eq!(gtm.max_search_depth(), 10_000);
}

#[tokio::test]
async fn enrich_waits_out_a_429_and_reads_matches_and_no_matches_like_legacy() {
    let (url, seen) = serve().await;
    let gtm = client(&url, Arc::new(StaticAccessToken::new(GOOD)));
    let kept = std::sync::Mutex::new(Vec::<String>::new());
    let receipt = |text: &str| kept.lock().expect("lock").push(text.to_string());
    let inputs = [
        input(json!({"personId": "42"})),
        input(json!({"emailAddress": "nobody@example.com"})),
    ];
    let started = std::time::Instant::now();
    let results = gtm
        .enrich_with_receipt(
            RecordKind::Contact,
            &inputs,
            &["email".into(), "companyName".into()],
            &receipt,
        )
        .await
        .expect("enrich");
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "Retry-After honoured"
    );
    assert_eq!(seen.enrich_calls.load(Ordering::SeqCst), 1);
    assert_eq!(results[0].status, MatchStatus::FullMatch);
    assert_eq!(results[0].records[0]["email"], json!("p@example.com"));
    assert_eq!(results[0].records[0]["company"]["name"], json!("Acme"));
    assert_eq!(results[1].status, MatchStatus::NoMatch);
    let kept = kept.lock().expect("lock");
    assert_eq!(kept.len(), 1, "the paid answer is handed to the receipt");
    let replayed = zi_client::parse_enrich_answer(&kept[0], 2).expect("replays");
    assert_eq!(replayed, results);
}

#[tokio::test]
async fn the_credit_limit_stops_like_legacy() {
    let (url, seen) = serve().await;
    seen.rate_limited_once.store(1, Ordering::SeqCst);
    let gtm = client(&url, Arc::new(StaticAccessToken::new(GOOD)));
    let error = gtm
        .enrich(
            RecordKind::Contact,
            &[input(json!({"emailAddress": "broke@example.com"}))],
            &["email".into()],
        )
        .await
        .expect_err("credit limit");
    assert!(
        matches!(&error, ClientError::Forbidden { message } if message == "You have exceeded your API query limit"),
        "{error:?}"
    );
    assert_eq!(error.code(), "forbidden");
}

#[tokio::test]
async fn usage_reads_the_limits() {
    let (url, _) = serve().await;
    let gtm = client(&url, Arc::new(StaticAccessToken::new(GOOD)));
    let limits = gtm.usage().await.expect("usage");
    assert_eq!(limits[0].limit_type, "recordLimit");
    assert_eq!(
        (limits[0].limit, limits[0].usage_remaining),
        (Some(1000), Some(996))
    );
    assert!(gtm.token_status().await.signed_in);
}

/// Hands out a stale token first, a good one on renewal.
struct Renewing {
    renewals: AtomicU32,
    renewed_to: &'static str,
}

#[async_trait]
impl AccessTokenSource for Renewing {
    async fn access_token(&self) -> zi_client::Result<SecretString> {
        Ok(SecretString::from(
            if self.renewals.load(Ordering::SeqCst) == 0 {
                "stale"
            } else {
                self.renewed_to
            },
        ))
    }
    async fn renew(&self) -> zi_client::Result<SecretString> {
        self.renewals.fetch_add(1, Ordering::SeqCst);
        Ok(SecretString::from(self.renewed_to))
    }
}

#[tokio::test]
async fn a_401_renews_the_token_once_then_is_an_auth_error() {
    let (url, _) = serve().await;
    let healing = Arc::new(Renewing {
        renewals: AtomicU32::new(0),
        renewed_to: GOOD,
    });
    client(&url, healing.clone())
        .usage()
        .await
        .expect("renewed token works");
    assert_eq!(healing.renewals.load(Ordering::SeqCst), 1);

    let hopeless = Arc::new(Renewing {
        renewals: AtomicU32::new(0),
        renewed_to: "also-bad",
    });
    let error = client(&url, hopeless.clone())
        .usage()
        .await
        .expect_err("refused");
    assert!(
        matches!(error, ClientError::SessionRejected { .. }),
        "{error:?}"
    );
    assert_eq!(
        hopeless.renewals.load(Ordering::SeqCst),
        1,
        "renewed once only"
    );

    let fixed = client(&url, Arc::new(StaticAccessToken::new("wrong")))
        .usage()
        .await
        .expect_err("refused");
    assert_eq!(fixed.code(), "session_rejected");
}
