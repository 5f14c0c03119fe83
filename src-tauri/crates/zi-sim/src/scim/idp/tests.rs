//! The identity provider's side over HTTP, as an Okta or Graph client sees it.

use reqwest::header::HeaderMap;
use serde_json::Value;

use super::super::{ScimSim, ScimSimConfig, ScimSimHandle};
use super::{IdpFailure, SyncJobState};

async fn start(config: ScimSimConfig) -> ScimSimHandle {
    ScimSim::start(config).await.expect("starts")
}

struct Answer {
    status: u16,
    headers: HeaderMap,
    body: Value,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The `Link` header's target for `rel`.
    fn link(&self, rel: &str) -> Option<String> {
        self.headers
            .get_all("link")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.ends_with(&format!("rel=\"{rel}\"")))
            .and_then(|v| v.split_once('<'))
            .and_then(|(_, rest)| rest.split_once('>'))
            .map(|(url, _)| url.to_string())
    }

    fn items(&self) -> Vec<Value> {
        self.body.as_array().cloned().unwrap_or_default()
    }
}

async fn send(request: reqwest::RequestBuilder) -> Answer {
    let response = request.send().await.expect("send");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.json().await.unwrap_or(Value::Null);
    Answer {
        status,
        headers,
        body,
    }
}

async fn okta(sim: &ScimSimHandle, url: &str) -> Answer {
    let url = if url.starts_with("http") {
        url.to_string()
    } else {
        format!("{}{url}", sim.okta_url())
    };
    send(
        reqwest::Client::new()
            .get(url)
            .header("authorization", format!("SSWS {}", sim.okta_token())),
    )
    .await
}

/// Every item of an Okta list, following `rel="next"` to the end; also the number of pages.
async fn okta_all(sim: &ScimSimHandle, first: &str) -> (Vec<Value>, usize) {
    let mut items = Vec::new();
    let mut pages = 0;
    let mut next = Some(first.to_string());
    while let Some(url) = next {
        let answer = okta(sim, &url).await;
        assert_eq!(answer.status, 200, "{url}: {}", answer.body);
        assert!(answer.link("self").is_some(), "{url} has no self link");
        items.extend(answer.items());
        pages += 1;
        next = answer.link("next");
        assert!(pages < 1_000, "paging does not end");
    }
    (items, pages)
}

async fn graph_token(sim: &ScimSimHandle) -> String {
    let answer = send(
        reqwest::Client::new()
            .post(format!(
                "{}/{}/oauth2/v2.0/token",
                sim.entra_login_url(),
                sim.entra_tenant()
            ))
            .form(&[
                ("grant_type", "client_credentials".to_string()),
                ("client_id", sim.entra_client_id()),
                ("client_secret", sim.entra_client_secret()),
                ("scope", "https://graph.microsoft.com/.default".to_string()),
            ]),
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.body["access_token"]
        .as_str()
        .expect("token")
        .to_string()
}

async fn graph(sim: &ScimSimHandle, token: &str, url: &str) -> Answer {
    let url = if url.starts_with("http") {
        url.to_string()
    } else {
        format!("{}{url}", sim.graph_url())
    };
    send(reqwest::Client::new().get(url).bearer_auth(token)).await
}

/// Every item of a Graph list, following `@odata.nextLink` to the end; also the pages.
async fn graph_all(sim: &ScimSimHandle, token: &str, first: &str) -> (Vec<Value>, usize) {
    let mut items = Vec::new();
    let mut pages = 0;
    let mut next = Some(first.to_string());
    while let Some(url) = next {
        let answer = graph(sim, token, &url).await;
        assert_eq!(answer.status, 200, "{url}: {}", answer.body);
        items.extend(answer.body["value"].as_array().cloned().unwrap_or_default());
        pages += 1;
        next = answer.body["@odata.nextLink"].as_str().map(str::to_string);
        assert!(pages < 1_000, "paging does not end");
    }
    (items, pages)
}

fn filter(text: &str) -> String {
    super::paging::encode(text)
}

#[tokio::test]
async fn okta_finds_the_zoominfo_app_by_name_and_prefix() {
    let sim = start(ScimSimConfig::demo()).await;
    let all = okta(&sim, "/api/v1/apps").await;
    assert_eq!(all.status, 200);
    let apps = all.items();
    assert_eq!(apps.len(), 1);
    assert_eq!(apps[0]["id"], sim.okta_app_id());
    assert_eq!(apps[0]["label"], "ZoomInfo");
    assert!(all
        .header("content-type")
        .unwrap_or_default()
        .starts_with("application/json"));
    for (query, found) in [
        (format!("filter={}", filter("name eq \"zoominfo\"")), 1),
        (format!("filter={}", filter("name eq \"salesforce\"")), 0),
        ("q=Zoom".to_string(), 1),
        ("q=zoominfo".to_string(), 1),
        ("q=Info".to_string(), 0),
        ("limit=1".to_string(), 1),
    ] {
        let answer = okta(&sim, &format!("/api/v1/apps?{query}")).await;
        assert_eq!(answer.status, 200, "{query}");
        assert_eq!(answer.items().len(), found, "{query}");
    }
    assert_eq!(okta(&sim, "/api/v1/apps?limit=201").await.status, 400);
}

#[tokio::test]
async fn okta_app_users_page_to_the_end_and_show_the_failed_pushes() {
    let sim = start(ScimSimConfig::demo()).await;
    let path = format!("/api/v1/apps/{}/users?limit=7", sim.okta_app_id());
    let (users, pages) = okta_all(&sim, &path).await;
    assert_eq!(users.len(), 122, "120 pushed, 2 failed");
    assert_eq!(pages, 18);
    let scim: Vec<Value> = sim.users();
    for (user, stored) in users.iter().zip(&scim) {
        assert_eq!(user["status"], "PROVISIONED");
        assert_eq!(user["syncState"], "SYNCHRONIZED");
        assert_eq!(user["externalId"], stored["id"]);
        assert_eq!(user["credentials"]["userName"], stored["userName"]);
        assert!(user["lastSync"].is_string());
        assert!(user["id"]
            .as_str()
            .is_some_and(|id| id.starts_with("00u") && id.len() == 20));
    }
    let failed: Vec<&Value> = users.iter().filter(|u| u["syncState"] == "ERROR").collect();
    let names: Vec<&str> = failed
        .iter()
        .filter_map(|u| u["credentials"]["userName"].as_str())
        .collect();
    assert_eq!(
        names,
        [
            "dana.whitfield@acme-demo.test",
            "marcus.oyelaran@acme-demo.test"
        ]
    );
    for user in failed {
        assert!(
            user.get("externalId").is_none(),
            "externalId is omitted, not null"
        );
        assert!(user.get("lastSync").is_none());
    }
    // The default page is 50; the largest 500; outside 1-500 is refused.
    let default = okta(&sim, &format!("/api/v1/apps/{}/users", sim.okta_app_id())).await;
    assert_eq!(default.items().len(), 50);
    assert!(default.link("next").is_some_and(|n| n.contains("limit=50")));
    let one_page = okta(
        &sim,
        &format!("/api/v1/apps/{}/users?limit=500", sim.okta_app_id()),
    )
    .await;
    assert_eq!(one_page.items().len(), 122);
    assert!(one_page.link("next").is_none());
    for limit in ["0", "501", "ten"] {
        let refused = okta(
            &sim,
            &format!("/api/v1/apps/{}/users?limit={limit}", sim.okta_app_id()),
        )
        .await;
        assert_eq!(refused.status, 400, "limit={limit}");
        assert_eq!(refused.body["errorCode"], "E0000001");
    }
    let search = okta(
        &sim,
        &format!("/api/v1/apps/{}/users?q=dana", sim.okta_app_id()),
    )
    .await;
    assert_eq!(search.items().len(), 1);
    let unknown = okta(&sim, "/api/v1/apps/0oanope/users").await;
    assert_eq!(unknown.status, 404);
    assert_eq!(unknown.body["errorCode"], "E0000007");
    let elsewhere = okta(&sim, "/api/v1/groups").await;
    assert_eq!(elsewhere.status, 404);
    assert_eq!(elsewhere.body["errorCode"], "E0000007");
    assert!(elsewhere.header("x-rate-limit-remaining").is_some());
}

#[tokio::test]
async fn okta_system_log_reports_each_failed_push_with_its_reason() {
    let sim = start(ScimSimConfig::demo()).await;
    let failures = format!(
        "/api/v1/logs?filter={}",
        filter("eventType sw \"application.provision\" and outcome.result eq \"FAILURE\"")
    );
    let answer = okta(&sim, &failures).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let events = answer.items();
    assert_eq!(events.len(), 2);
    for event in &events {
        assert_eq!(event["eventType"], "application.provision.user.push");
        assert_eq!(event["outcome"]["result"], "FAILURE");
        assert!(event["displayMessage"].is_string());
        let targets = event["target"].as_array().expect("targets");
        assert!(targets
            .iter()
            .any(|t| t["type"] == "AppInstance" && t["id"] == sim.okta_app_id()));
        assert!(targets.iter().any(|t| t["type"] == "AppUser"
            && t["alternateId"]
                .as_str()
                .is_some_and(|login| login.ends_with("@acme-demo.test"))));
    }
    let reasons: Vec<&str> = events
        .iter()
        .filter_map(|e| e["outcome"]["reason"].as_str())
        .collect();
    assert!(
        reasons[0].contains("Dana Whitfield") && reasons[0].contains("Sales seat"),
        "{}",
        reasons[0]
    );
    assert!(
        reasons[1].contains("Marcus Oyelaran") && reasons[1].contains("already exists"),
        "{}",
        reasons[1]
    );

    // Every push of the app, 50 at a time: a success per directory user and the failures.
    let for_app = format!(
        "/api/v1/logs?limit=50&filter={}",
        filter(&format!(
            "eventType sw \"application.provision\" and target.id eq \"{}\"",
            sim.okta_app_id()
        ))
    );
    let (all, pages) = okta_all(&sim, &for_app).await;
    assert_eq!((all.len(), pages), (122, 3));
    assert_eq!(
        all.iter()
            .filter(|e| e["outcome"]["result"] == "SUCCESS")
            .count(),
        120
    );
    // The default page holds 100; nothing lies in the future; bad parameters are refused.
    assert_eq!(okta(&sim, "/api/v1/logs").await.items().len(), 100);
    let later = (chrono::Utc::now() + chrono::Duration::hours(1)).to_rfc3339();
    assert_eq!(
        okta(&sim, &format!("/api/v1/logs?since={}", filter(&later)))
            .await
            .items()
            .len(),
        0
    );
    let newest = okta(&sim, "/api/v1/logs?sortOrder=DESCENDING&limit=1").await;
    assert_eq!(newest.items()[0]["outcome"]["result"], "FAILURE");
    for bad in [
        "limit=1001",
        "since=yesterday",
        "after=xyz",
        "filter=eventType%20zz%20%22a%22",
    ] {
        let refused = okta(&sim, &format!("/api/v1/logs?{bad}")).await;
        assert_eq!(refused.status, 400, "{bad}");
        assert_eq!(refused.body["errorCode"], "E0000001", "{bad}");
    }
}

#[tokio::test]
async fn okta_refuses_a_wrong_token_and_counts_down_its_rate_limit() {
    let sim = start(ScimSimConfig::demo()).await;
    for auth in [
        None,
        Some("SSWS wrong"),
        Some(&*format!("Bearer {}", sim.okta_token())),
    ] {
        let mut request = reqwest::Client::new().get(format!("{}/api/v1/apps", sim.okta_url()));
        if let Some(auth) = auth {
            request = request.header("authorization", auth);
        }
        let answer = send(request).await;
        assert_eq!(answer.status, 401, "{auth:?}");
        assert_eq!(answer.body["errorCode"], "E0000011");
        assert_eq!(answer.body["errorSummary"], "Invalid token provided");
        assert!(answer.header("x-rate-limit-limit").is_some());
    }
    let first = okta(&sim, "/api/v1/apps").await;
    let second = okta(&sim, "/api/v1/apps").await;
    let remaining = |a: &Answer| {
        a.header("x-rate-limit-remaining")
            .and_then(|v| v.parse::<u32>().ok())
    };
    assert_eq!(remaining(&second), remaining(&first).map(|r| r - 1));
    let reset: u64 = first
        .header("x-rate-limit-reset")
        .and_then(|v| v.parse().ok())
        .expect("reset");
    assert!(reset > chrono::Utc::now().timestamp() as u64 - 1);

    sim.set_idp_rate_limit(Some(2));
    // Two a second: a burst meets a 429 within a few requests, even across a window's end.
    let mut refused = None;
    for _ in 0..6 {
        let answer = okta(&sim, "/api/v1/apps").await;
        if answer.status == 429 {
            refused = Some(answer);
            break;
        }
        assert_eq!(answer.status, 200);
    }
    let refused = refused.expect("a burst is throttled");
    assert_eq!(refused.body["errorCode"], "E0000047");
    assert_eq!(refused.header("x-rate-limit-limit"), Some("2"));
    assert_eq!(refused.header("x-rate-limit-remaining"), Some("0"));
    assert_eq!(sim.idp_throttled(), 1);
    sim.set_idp_rate_limit(None);
    assert_eq!(okta(&sim, "/api/v1/apps").await.status, 200);
}

#[tokio::test]
async fn entra_issues_graph_tokens_for_the_right_secret_only() {
    let sim = start(ScimSimConfig::demo()).await;
    let url = format!(
        "{}/{}/oauth2/v2.0/token",
        sim.entra_login_url(),
        sim.entra_tenant()
    );
    let good = [
        ("grant_type", "client_credentials".to_string()),
        ("client_id", sim.entra_client_id()),
        ("client_secret", sim.entra_client_secret()),
        ("scope", "https://graph.microsoft.com/.default".to_string()),
    ];
    let answer = send(reqwest::Client::new().post(&url).form(&good)).await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.body["token_type"], "Bearer");
    assert_eq!(answer.body["expires_in"], 3599);
    assert!(answer.body["access_token"]
        .as_str()
        .is_some_and(|t| t.starts_with("eyJ")));

    let with = |index: usize, value: &str| {
        let mut form = good.clone();
        form[index].1 = value.to_string();
        form
    };
    for (form, status, error, code) in [
        (with(2, "wrong"), 401, "invalid_client", 7000215),
        (
            with(1, "00000000-0000-0000-0000-000000000000"),
            400,
            "unauthorized_client",
            700016,
        ),
        (with(0, "password"), 400, "unsupported_grant_type", 70003),
        (with(3, "User.Read"), 400, "invalid_scope", 70011),
    ] {
        let answer = send(reqwest::Client::new().post(&url).form(&form)).await;
        assert_eq!(answer.status, status, "{error}");
        assert_eq!(answer.body["error"], error);
        assert_eq!(answer.body["error_codes"][0], code);
        assert!(answer.body["error_description"]
            .as_str()
            .is_some_and(|d| d.starts_with(&format!("AADSTS{code}: "))));
    }
    // The client may authenticate with HTTP Basic instead of the form (RFC 6749 §2.3.1).
    let basic = send(
        reqwest::Client::new()
            .post(&url)
            .basic_auth(sim.entra_client_id(), Some(sim.entra_client_secret()))
            .form(&[good[0].clone(), good[3].clone()]),
    )
    .await;
    assert_eq!(basic.status, 200, "{}", basic.body);
    let other_tenant = format!(
        "{}/contoso.onmicrosoft.com/oauth2/v2.0/token",
        sim.entra_login_url()
    );
    let answer = send(reqwest::Client::new().post(other_tenant).form(&good)).await;
    assert_eq!(
        (answer.status, answer.body["error_codes"][0].as_u64()),
        (400, Some(90002))
    );
}

#[tokio::test]
async fn graph_finds_the_service_principal_and_its_job() {
    let sim = start(ScimSimConfig::demo()).await;
    let token = graph_token(&sim).await;
    for (query, found) in [
        ("$filter=displayName eq 'ZoomInfo'", 1),
        ("$filter=displayName eq 'zoominfo'", 1),
        ("$filter=startsWith(displayName,'Zoom')", 1),
        ("$filter=displayName eq 'Salesforce'", 0),
        ("$filter=startsWith(displayName,'Sales')", 0),
    ] {
        let (name, value) = query.split_once('=').expect("pair");
        let answer = graph(
            &sim,
            &token,
            &format!("/servicePrincipals?{name}={}", filter(value)),
        )
        .await;
        assert_eq!(answer.status, 200, "{query}: {}", answer.body);
        assert_eq!(
            answer.body["value"].as_array().map(Vec::len),
            Some(found),
            "{query}"
        );
    }
    let all = graph(&sim, &token, "/servicePrincipals?$select=id,displayName").await;
    let sp = &all.body["value"][0];
    assert_eq!(sp["id"], sim.graph_service_principal_id());
    assert!(
        sp.get("appId").is_none(),
        "$select keeps only what was asked"
    );

    let jobs = graph(
        &sim,
        &token,
        &format!(
            "/servicePrincipals/{}/synchronization/jobs",
            sim.graph_service_principal_id()
        ),
    )
    .await;
    assert_eq!(jobs.status, 200);
    let job = &jobs.body["value"][0];
    assert_eq!(job["id"], sim.graph_job_id());
    assert_eq!(job["templateId"], "zoominfo");
    assert_eq!(job["status"]["code"], "Active");
    assert_eq!(job["status"]["lastExecution"]["state"], "EntryLevelErrors");
    assert_eq!(job["status"]["lastExecution"]["countEscrowed"], 2);
    assert_eq!(job["status"]["quarantine"], Value::Null);
    assert_eq!(job["schedule"]["state"], "Active");
    let one = graph(
        &sim,
        &token,
        &format!(
            "/servicePrincipals/{}/synchronization/jobs/{}",
            sim.graph_service_principal_id(),
            sim.graph_job_id()
        ),
    )
    .await;
    assert_eq!(one.status, 200);
    assert_eq!(one.body["id"], sim.graph_job_id());
    let segment = graph(&sim, &token, "/users").await;
    assert_eq!(segment.status, 400);
    assert_eq!(segment.body["error"]["code"], "BadRequest");
    let missing = graph(
        &sim,
        &token,
        &format!(
            "/servicePrincipals/{}/synchronization/jobs/nope",
            sim.graph_service_principal_id()
        ),
    )
    .await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.body["error"]["code"], "Request_ResourceNotFound");

    let clean = start(ScimSimConfig::empty()).await;
    let token = graph_token(&clean).await;
    let job = graph(
        &clean,
        &token,
        &format!(
            "/servicePrincipals/{}/synchronization/jobs/{}",
            clean.graph_service_principal_id(),
            clean.graph_job_id()
        ),
    )
    .await;
    assert_eq!(job.body["status"]["lastExecution"]["state"], "Succeeded");
}

#[tokio::test]
async fn graph_provisioning_log_pages_to_the_end_and_filters() {
    let sim = start(ScimSimConfig::demo()).await;
    let token = graph_token(&sim).await;
    let (entries, pages) = graph_all(&sim, &token, "/auditLogs/provisioning?$top=10").await;
    assert_eq!((entries.len(), pages), (122, 13));
    assert_eq!(
        entries
            .iter()
            .filter(|e| e["provisioningStatusInfo"]["status"] == "success")
            .count(),
        120
    );
    let failures_query = format!(
        "/auditLogs/provisioning?$filter={}",
        filter(&format!(
            "servicePrincipal/id eq '{}' and provisioningStatusInfo/status eq 'failure'",
            sim.graph_service_principal_id()
        ))
    );
    let (failures, _) = graph_all(&sim, &token, &failures_query).await;
    let codes: Vec<&str> = failures
        .iter()
        .filter_map(|e| e["provisioningStatusInfo"]["errorInformation"]["errorCode"].as_str())
        .collect();
    assert_eq!(codes.len(), 2);
    assert!(
        codes.contains(&"LicenseLimitExceeded") && codes.contains(&"Conflict"),
        "{codes:?}"
    );
    for entry in &failures {
        let info = &entry["provisioningStatusInfo"]["errorInformation"];
        assert_eq!(info["errorCategory"], "failure");
        assert!(info["reason"].is_string() && info["recommendedAction"].is_string());
        assert_eq!(entry["servicePrincipal"]["displayName"], "ZoomInfo");
        assert!(entry["sourceIdentity"]["displayName"].is_string());
        assert!(entry["targetIdentity"]["id"].is_string());
        assert_eq!(entry["provisioningAction"], "create");
    }

    // A push that fails now is the only failure since now.
    let since = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    sim.fail_provisioning(
        "noor.haddad@acme-demo.test",
        "Noor Haddad",
        IdpFailure::MissingAttribute {
            attribute: "emails",
        },
    );
    let recent = format!(
        "/auditLogs/provisioning?$filter={}",
        filter(&format!(
            "provisioningStatusInfo/status eq 'failure' and activityDateTime ge {since}"
        ))
    );
    let answer = graph(&sim, &token, &recent).await;
    let value = answer.body["value"].as_array().cloned().unwrap_or_default();
    assert_eq!(value.len(), 1, "{}", answer.body);
    assert_eq!(
        value[0]["provisioningStatusInfo"]["errorInformation"]["errorCode"],
        "MandatoryFieldsMissing"
    );
    assert_eq!(value[0]["sourceIdentity"]["displayName"], "Noor Haddad");
    // Newest first, and Okta sees the same failure.
    let newest = graph(&sim, &token, "/auditLogs/provisioning?$top=1").await;
    assert_eq!(
        newest.body["value"][0]["sourceIdentity"]["displayName"],
        "Noor Haddad"
    );
    let okta_users = okta(
        &sim,
        &format!("/api/v1/apps/{}/users?q=noor", sim.okta_app_id()),
    )
    .await;
    assert_eq!(okta_users.items()[0]["syncState"], "ERROR");

    for bad in [
        "$top=0",
        "$top=x",
        "$skiptoken=nope",
        "$filter=displayName%20lacks%20'x'",
    ] {
        let refused = graph(&sim, &token, &format!("/auditLogs/provisioning?{bad}")).await;
        assert_eq!(refused.status, 400, "{bad}");
        assert_eq!(refused.body["error"]["code"], "BadRequest");
    }
}

#[tokio::test]
async fn graph_refuses_missing_unknown_and_expired_tokens_and_throttles() {
    let sim = start(ScimSimConfig::demo()).await;
    let token = graph_token(&sim).await;
    let url = format!("{}/servicePrincipals", sim.graph_url());
    let missing = send(reqwest::Client::new().get(&url)).await;
    let unknown = graph(&sim, "not-a-token", "/servicePrincipals").await;
    assert_eq!(graph(&sim, &token, "/servicePrincipals").await.status, 200);
    sim.expire_graph_tokens();
    let expired = graph(&sim, &token, "/servicePrincipals").await;
    for (answer, words) in [
        (&missing, "empty"),
        (&unknown, "validation"),
        (&expired, "expired"),
    ] {
        assert_eq!(answer.status, 401);
        assert_eq!(answer.body["error"]["code"], "InvalidAuthenticationToken");
        assert!(answer.body["error"]["innerError"].is_object());
        assert!(
            answer.body["error"]["message"]
                .as_str()
                .is_some_and(|m| m.contains(words)),
            "{}",
            answer.body
        );
    }

    let token = graph_token(&sim).await;
    sim.set_idp_rate_limit(Some(1));
    let mut refused = None;
    for _ in 0..4 {
        let answer = graph(&sim, &token, "/servicePrincipals").await;
        if answer.status == 429 {
            refused = Some(answer);
            break;
        }
        assert_eq!(answer.status, 200);
    }
    let refused = refused.expect("a burst is throttled");
    assert_eq!(refused.body["error"]["code"], "TooManyRequests");
    let wait: u64 = refused
        .header("retry-after")
        .and_then(|v| v.parse().ok())
        .expect("Retry-After");
    assert!((1..=2).contains(&wait));
    assert_eq!(sim.idp_throttled(), 1);
    // The SCIM server's own limit is separate.
    sim.set_idp_rate_limit(None);
    sim.set_rate_limit(Some(1));
    for _ in 0..3 {
        assert_eq!(graph(&sim, &token, "/servicePrincipals").await.status, 200);
    }
}

#[tokio::test]
async fn a_paused_or_quarantined_job_says_so_in_graphs_words() {
    let sim = start(ScimSimConfig::demo()).await;
    let token = graph_token(&sim).await;
    let job_url = format!(
        "/servicePrincipals/{}/synchronization/jobs/{}",
        sim.graph_service_principal_id(),
        sim.graph_job_id()
    );
    sim.set_sync_job(SyncJobState::Paused);
    let paused = graph(&sim, &token, &job_url).await.body;
    assert_eq!(paused["status"]["code"], "Paused");
    assert_eq!(paused["schedule"]["state"], "Paused");
    assert_eq!(paused["status"]["quarantine"], Value::Null);

    sim.set_sync_job(SyncJobState::Quarantine {
        reason: "EncounteredQuarantineException",
        error_code: "Unauthorized".into(),
        message: "ZoomInfo refused the secret token.".into(),
    });
    let job = graph(&sim, &token, &job_url).await.body;
    let status = &job["status"];
    assert_eq!(status["code"], "Quarantine");
    let quarantine = &status["quarantine"];
    assert_eq!(quarantine["reason"], "EncounteredQuarantineException");
    assert_eq!(quarantine["error"]["code"], "Unauthorized");
    assert_eq!(
        quarantine["error"]["message"],
        "ZoomInfo refused the secret token."
    );
    assert_eq!(quarantine["error"]["tenantActionable"], true);
    let began = quarantine["currentBegan"].as_str().expect("currentBegan");
    let next = quarantine["nextAttempt"].as_str().expect("nextAttempt");
    assert!(next > began);
    assert_eq!(status["lastExecution"]["state"], "Failed");
    assert_eq!(status["lastExecution"]["error"]["code"], "Unauthorized");
    assert_eq!(
        status["lastSuccessfulExecution"]["state"],
        "EntryLevelErrors"
    );

    sim.set_sync_job(SyncJobState::Quarantine {
        reason: "NotAReason",
        error_code: "X".into(),
        message: "x".into(),
    });
    let job = graph(&sim, &token, &job_url).await.body;
    assert_eq!(job["status"]["quarantine"]["reason"], "Unknown");
    sim.set_sync_job(SyncJobState::Active);
    let job = graph(&sim, &token, &job_url).await.body;
    assert_eq!(job["status"]["code"], "Active");
}

#[tokio::test]
async fn an_empty_simulator_reports_no_failures() {
    let sim = start(ScimSimConfig::empty()).await;
    let users = okta(&sim, &format!("/api/v1/apps/{}/users", sim.okta_app_id())).await;
    assert_eq!(users.items().len(), 0);
    assert!(users.link("next").is_none());
    sim.fail_provisioning("a@x.test", "A", IdpFailure::AlreadyExists);
    sim.fail_provisioning(
        "a@x.test",
        "A",
        IdpFailure::NoSeatAvailable { product: "Talent" },
    );
    let users = okta(&sim, &format!("/api/v1/apps/{}/users", sim.okta_app_id())).await;
    assert_eq!(
        users.items().len(),
        1,
        "a second failure of one user replaces the first"
    );
    let logs = okta(&sim, "/api/v1/logs").await;
    assert!(logs.items()[0]["outcome"]["reason"]
        .as_str()
        .is_some_and(|r| r.contains("Talent")));
}
