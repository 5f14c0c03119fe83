//! The health check against zi-sim's SCIM organisations, as an admin would read the result
//! (the demo's own story is checked in zi-demo).

use chrono::{Duration, Utc};
use scim_client::{AccessCheck, ScimAuth, ScimClient, ScimConfig};
use secrecy::SecretString;
use zi_sim::scim::{Quirk, ScimSim, ScimSimConfig};
use zi_store::{ScimCheckRow, SeatSnapshotRow, Store};

use super::*;

fn seats_of(report: &HealthReport) -> Vec<(String, Option<i64>, i64, Option<i64>)> {
    report
        .seats
        .iter()
        .map(|s| (s.product.clone(), s.purchased, s.used, s.free))
        .collect()
}

fn of_kind(report: &HealthReport, kind: FindingKind) -> Vec<&Finding> {
    report.findings.iter().filter(|f| f.kind == kind).collect()
}

/// The demo organisation's numbers and planted problems, whatever the server's quirks.
#[tokio::test]
async fn checks_are_kept_and_seat_growth_is_forecast() {
    let store = Store::in_memory().await.expect("store");
    let sim = ScimSim::start(ScimSimConfig::demo()).await.expect("sim");
    let token = SecretString::from(sim.token());
    let settings = HealthSettings {
        // Marketing has 38 users; with 44 seats and +2 a week it runs out in 3 weeks.
        seats: vec![SeatEntry {
            product: "Marketing".into(),
            purchased: 44,
        }],
        ..HealthSettings::default()
    };
    let endpoint = WatchedEndpoint::bearer(sim.url(), settings);
    let id = save_endpoint(&store, &endpoint).await.expect("saved");
    let now = Utc::now();
    for weeks_ago in [3i64, 2, 1] {
        let at = (now - Duration::weeks(weeks_ago)).timestamp();
        let check = ScimCheckRow {
            id: 0,
            endpoint_id: id,
            checked_at: at,
            token_valid: true,
            token_expires_on: None,
            token_days_left: None,
            users_total: 0,
            users_active: 0,
            users_inactive: 0,
        };
        let seat = SeatSnapshotRow {
            taken_at: at,
            product: "Marketing".into(),
            purchased: Some(44),
            used: 38 - 2 * weeks_ago,
        };
        store
            .record_scim_check(&check, &[], &[seat])
            .await
            .expect("history");
    }
    let saved = endpoint_by_url(&store, &sim.url())
        .await
        .expect("read")
        .expect("saved");
    let report = check_endpoint(
        &store,
        &saved,
        EndpointSecrets {
            scim: &token,
            idp: None,
        },
        now,
    )
    .await
    .expect("checked");
    let forecast = report
        .forecasts
        .iter()
        .find(|f| f.product == "Marketing")
        .expect("forecast");
    assert_eq!(forecast.growth_per_week, 2.0);
    assert_eq!(forecast.days_left, Some(21));
    let running_out = of_kind(&report, FindingKind::SeatsRunningOut);
    assert_eq!(running_out.len(), 1);
    assert_eq!(running_out[0].product.as_deref(), Some("Marketing"));
    // Products without an entered seat count are named, not guessed.
    assert!(of_kind(&report, FindingKind::SeatsNotEntered)
        .iter()
        .any(|f| f.product.as_deref() == Some("Sales")));
    let history = seat_history(&store, id, now).await.expect("history");
    assert_eq!(
        history.len(),
        3 + report.seats.len(),
        "this check was kept too"
    );
    let checks = store.scim_checks(id, 1).await.expect("checks");
    assert_eq!(checks[0].users_total, 120);
    let kept = store.scim_findings(checks[0].id).await.expect("findings");
    assert_eq!(kept.len(), report.findings.len());
    assert!(kept
        .iter()
        .any(|f| f.kind == "group_name_invalid" && f.groups.contains("APAC_Sales")));
}

#[tokio::test]
async fn several_endpoints_are_watched_and_expiry_notifies_once_per_threshold() {
    let store = Store::in_memory().await.expect("store");
    let okta = WatchedEndpoint::bearer(
        "https://okta.example.test/scim/v2/",
        HealthSettings::default(),
    );
    let mut zoom =
        WatchedEndpoint::bearer("https://zoom.example.test/scim2", HealthSettings::default());
    zoom.auth = EndpointAuth::Oauth {
        token_url: "https://zoom.example.test/oauth/token".into(),
        client_id: "cid".into(),
        account_id: Some("acct".into()),
    };
    zoom.settings.token = TokenDates {
        issued_on: "2026-01-01".parse().ok(),
        lifetime_days: Some(180),
        expires_on: None,
    };
    save_endpoint(&store, &okta).await.expect("okta");
    let zoom_id = save_endpoint(&store, &zoom).await.expect("zoom");
    let all = list_endpoints(&store).await.expect("list");
    assert_eq!(all.len(), 2);
    let stored_zoom = all.iter().find(|e| e.id == zoom_id).expect("zoom");
    assert_eq!(stored_zoom.auth, zoom.auth);
    assert_eq!(stored_zoom.settings.token, zoom.settings.token);
    assert_eq!(
        all.iter().find(|e| e.id != zoom_id).map(|e| e.url.as_str()),
        Some("https://okta.example.test/scim/v2")
    );

    let sim = ScimSim::start(ScimSimConfig::demo()).await.expect("sim");
    let endpoint = WatchedEndpoint::bearer(sim.url(), HealthSettings::default());
    let token = SecretString::from(sim.token());
    let report = check_endpoint(
        &store,
        &endpoint,
        EndpointSecrets {
            scim: &token,
            idp: None,
        },
        Utc::now(),
    )
    .await
    .expect("check");
    let id = endpoint_by_url(&store, &sim.url())
        .await
        .expect("read")
        .expect("saved")
        .id;
    assert_eq!(
        expiry_notification_due(&store, id, &report)
            .await
            .expect("due"),
        Some(30)
    );
    assert_eq!(
        expiry_notification_due(&store, id, &report)
            .await
            .expect("due"),
        None,
        "once"
    );
    forget_endpoint(&store, id).await.expect("forget");
    assert_eq!(list_endpoints(&store).await.expect("list").len(), 2);
}

#[tokio::test]
async fn mappings_to_missing_groups_and_users_without_products_are_named() {
    let sim = ScimSim::start(ScimSimConfig::empty()).await.expect("sim");
    let client =
        ScimClient::new(ScimConfig::new(sim.url(), ScimAuth::bearer(sim.token()))).expect("client");
    let ann = client.create_user(&serde_json::json!({"userName": "ann@acme.test", "emails": [{"value": "ann@acme.test", "type": "work"}]})).await.expect("ann");
    client.create_user(&serde_json::json!({"userName": "bob@acme.test", "emails": [{"value": "bob@acme.test", "type": "work"}]})).await.expect("bob");
    client
        .create_group(
            &serde_json::json!({"displayName": "Sales Team", "members": [{"value": ann.id}]}),
        )
        .await
        .expect("group");
    let settings = HealthSettings {
        seats: vec![SeatEntry {
            product: "sales".into(),
            purchased: 1,
        }],
        group_products: vec![
            GroupProduct {
                group: "Sales Team".into(),
                product: "Sales".into(),
            },
            GroupProduct {
                group: "Talent Team".into(),
                product: "Talent".into(),
            },
        ],
        ..HealthSettings::default()
    };
    let report = check_scim_health(&client, None, &settings, &[], Utc::now())
        .await
        .expect("checked");
    assert_eq!(
        seats_of(&report),
        vec![("Sales".into(), Some(1), 1, Some(0))]
    );
    let exhausted = of_kind(&report, FindingKind::SeatsExhausted);
    assert_eq!(exhausted.len(), 1);
    assert!(exhausted[0]
        .message
        .contains("next user assigned will fail"));
    let missing = of_kind(&report, FindingKind::MappedGroupMissing);
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0].groups, vec!["Talent Team".to_string()]);
    let without = of_kind(&report, FindingKind::ActiveUserWithoutProduct);
    assert_eq!(without.len(), 1);
    assert_eq!(without[0].users, vec!["bob@acme.test".to_string()]);
}

/// Seed 001: a subscription set's name must match the IdP group exactly. A near miss is named
/// with both spellings, and the group's members are seen to hold nothing through it.
#[tokio::test]
async fn a_subscription_set_spelled_differently_from_its_group_is_named() {
    let sim = ScimSim::start(ScimSimConfig::empty()).await.expect("sim");
    let client =
        ScimClient::new(ScimConfig::new(sim.url(), ScimAuth::bearer(sim.token()))).expect("client");
    let ann = client
        .create_user(&serde_json::json!({"userName": "ann@acme.test", "emails": [{"value": "ann@acme.test", "type": "work"}]}))
        .await
        .expect("ann");
    client
        .create_group(
            &serde_json::json!({"displayName": "NA Sales Team", "members": [{"value": ann.id}]}),
        )
        .await
        .expect("group");
    let settings = HealthSettings {
        group_products: vec![GroupProduct {
            group: "NA sales  team".into(),
            product: "Sales".into(),
        }],
        ..HealthSettings::default()
    };
    let report = check_scim_health(&client, None, &settings, &[], Utc::now())
        .await
        .expect("checked");
    let near = of_kind(&report, FindingKind::GroupNameNearMiss);
    assert_eq!(near.len(), 1, "{:#?}", report.findings);
    assert_eq!(near[0].severity, Severity::Error);
    assert_eq!(
        near[0].groups,
        vec!["NA sales  team".to_string(), "NA Sales Team".to_string()]
    );
    assert!(
        near[0].message.contains("1 members get no Sales"),
        "{}",
        near[0].message
    );
    assert!(of_kind(&report, FindingKind::MappedGroupMissing).is_empty());
    let without = of_kind(&report, FindingKind::ActiveUserWithoutProduct);
    assert_eq!(without[0].users, vec!["ann@acme.test".to_string()]);
}

/// Okta's ZoomInfo app pushes users only: with no `/Groups`, the check still runs, takes
/// products from `ziProduct` and says once why group rules are not checked.
#[tokio::test]
async fn an_endpoint_without_groups_is_checked_from_the_users_products() {
    let with_groups = ScimSim::start(ScimSimConfig::demo()).await.expect("sim");
    let without = ScimSim::start(ScimSimConfig::demo().with_quirks(&[Quirk::NoGroups]))
        .await
        .expect("sim");
    let settings = HealthSettings {
        seats: vec![SeatEntry {
            product: "Sales".into(),
            purchased: 70,
        }],
        group_products: vec![GroupProduct {
            group: "Sales Team".into(),
            product: "Sales".into(),
        }],
        ..HealthSettings::default()
    };
    let mut reports = Vec::new();
    for sim in [&with_groups, &without] {
        let client = ScimClient::new(ScimConfig::new(sim.url(), ScimAuth::bearer(sim.token())))
            .expect("client");
        reports.push(
            check_scim_health(&client, None, &settings, &[], Utc::now())
                .await
                .expect("the check runs"),
        );
    }
    let (grouped, ungrouped) = (&reports[0], &reports[1]);
    assert!(grouped.groups_offered);
    assert!(!ungrouped.groups_offered);
    assert_eq!(ungrouped.groups, 0);
    assert_eq!(ungrouped.users, grouped.users);
    let sales = |r: &HealthReport| {
        r.seats
            .iter()
            .find(|s| s.product == "Sales")
            .map(|s| s.used)
    };
    assert_eq!(sales(ungrouped), Some(72), "read from ziProduct");
    assert_eq!(sales(ungrouped), sales(grouped));
    let said = of_kind(ungrouped, FindingKind::GroupsNotOffered);
    assert_eq!(said.len(), 1);
    assert!(said[0].message.contains("ziProduct"));
    for kind in [
        FindingKind::MappedGroupMissing,
        FindingKind::GroupNameInvalid,
        FindingKind::UserInMultipleGroups,
    ] {
        assert!(of_kind(ungrouped, kind).is_empty(), "{kind:?} needs groups");
    }
    assert!(of_kind(grouped, FindingKind::GroupsNotOffered).is_empty());
}

/// A server allowing 4 requests a second answers 429 with `Retry-After`; the check waits as
/// asked and reads the whole directory.
#[tokio::test]
async fn a_throttling_server_is_read_to_the_end() {
    let sim = ScimSim::start(ScimSimConfig::demo()).await.expect("sim");
    sim.add_users(1_000, "Sales");
    sim.set_rate_limit(Some(4));
    let client =
        ScimClient::new(ScimConfig::new(sim.url(), ScimAuth::bearer(sim.token()))).expect("client");
    let report = check_scim_health(&client, None, &HealthSettings::default(), &[], Utc::now())
        .await
        .expect("finished despite the limit");
    assert_eq!(report.users.total, 1_120);
    assert!(sim.throttled() > 0, "the limit was reached");
}

/// A token added in the app, and its identity provider's token, are kept in the keychain (here
/// a vault in memory) and check the endpoint after a restart; neither reaches the store;
/// removing the endpoint removes both.
#[tokio::test]
async fn an_added_token_outlives_the_session_in_the_vault_only() {
    use std::sync::Arc;

    use crate::sessions::{MemorySessions, SessionVault};

    let data = tempfile::tempdir().expect("dir");
    let db = data.path().join("zi.db");
    let store = Store::open(&db).await.expect("store");
    let sim = ScimSim::start(ScimSimConfig::demo()).await.expect("sim");
    let vault = Arc::new(MemorySessions::default());
    let request = AddEndpointRequest {
        url: format!("{}/", sim.url()),
        name: "Okta".into(),
        token: sim.token(),
        oauth: None,
        settings: HealthSettings::default(),
        idp: Some(IdpConnection::Okta {
            org_url: sim.okta_url(),
            app: DEFAULT_IDP_APP.into(),
        }),
        idp_secret: Some(sim.okta_token()),
    };
    let id = ScimWatch::new(Some(vault.clone()))
        .add(&store, request)
        .await
        .expect("added")
        .id;
    let kept = vault.load(&token_account(&sim.url())).expect("vault");
    assert!(kept.is_some(), "kept under the endpoint's URL");
    let idp_kept = vault.load(&idp_secret_account(&sim.url())).expect("vault");
    assert!(idp_kept.is_some(), "the Okta token too");

    // A new session (the app restarted) reads the token from the vault.
    let mut restarted = ScimWatch::new(Some(vault.clone()));
    let (status, _) = restarted
        .check_all(&store, None, Utc::now())
        .await
        .expect("checked");
    let endpoint = &status.endpoints[0];
    assert_eq!(endpoint.error, None);
    assert_eq!(endpoint.report.as_ref().map(|r| r.users.total), Some(120));
    let idp = endpoint.report.as_ref().and_then(|r| r.idp.as_ref());
    assert_eq!(
        idp.map(|i| i.failed.len()),
        Some(2),
        "Okta read with the kept token"
    );
    // Neither is anywhere in the database, its write-ahead log included.
    for token in [sim.token(), sim.okta_token()] {
        for file in std::fs::read_dir(data.path()).expect("dir") {
            let path = file.expect("entry").path();
            let bytes = std::fs::read(&path).expect("read");
            assert!(
                !bytes.windows(token.len()).any(|w| w == token.as_bytes()),
                "a token is in {}",
                path.display()
            );
        }
    }

    restarted.forget(&store, id).await.expect("forgotten");
    assert!(vault.is_empty(), "removing the endpoint removes its token");
    // Without a vault, a restart has no token: the endpoint says so instead of failing.
    let (status, _) = ScimWatch::new(None)
        .check_all(&store, None, Utc::now())
        .await
        .expect("checked");
    assert!(status.endpoints.is_empty());
}

/// Zoom's SCIM2 signs in with a server-to-server OAuth app: added with its token URL, client
/// and account ids and the client secret, the endpoint is checked with fetched tokens, which
/// have no expiry to watch; a wrong secret is a refused-token finding, not a failure.
#[tokio::test]
async fn an_oauth_endpoint_is_added_and_checked_with_fetched_tokens() {
    let store = Store::in_memory().await.expect("store");
    let sim = ScimSim::start(ScimSimConfig::demo().with_quirks(&[Quirk::OAuthOnly]))
        .await
        .expect("sim");
    let app = sim.oauth_app().clone();
    let request = |secret: &str| AddEndpointRequest {
        url: sim.url(),
        name: "Zoom".into(),
        token: secret.into(),
        oauth: Some(OAuthEntry {
            token_url: format!(" {} ", sim.oauth_token_url()),
            client_id: app.client_id.clone(),
            account_id: Some(app.account_id.clone()),
        }),
        settings: HealthSettings::default(),
        idp: None,
        idp_secret: None,
    };
    let mut watch = ScimWatch::new(None);
    let added = watch
        .add(&store, request(&app.client_secret))
        .await
        .expect("added");
    assert!(
        matches!(&added.auth, EndpointAuth::Oauth { account_id: Some(a), .. } if *a == app.account_id)
    );
    let (status, _) = watch
        .check_all(&store, None, Utc::now())
        .await
        .expect("checked");
    let report = status.endpoints[0].report.as_ref().expect("a report");
    assert!(report.token.valid);
    assert_eq!(report.token.expiry_source, ExpirySource::Renewed);
    assert!(of_kind(report, FindingKind::TokenExpiryUnknown).is_empty());
    assert_eq!(report.users.total, 120);
    assert!(sim.oauth_tokens_issued() >= 1);

    watch
        .add(&store, request("wrong-secret"))
        .await
        .expect("updated");
    let (status, _) = watch
        .check_all(&store, None, Utc::now())
        .await
        .expect("checked");
    let report = status.endpoints[0].report.as_ref().expect("a report");
    assert!(!report.token.valid);
    assert_eq!(of_kind(report, FindingKind::TokenRejected).len(), 1);

    let mut no_client = request(&app.client_secret);
    if let Some(oauth) = no_client.oauth.as_mut() {
        oauth.client_id = " ".into();
    }
    let refused = watch.add(&store, no_client).await.expect_err("refused");
    assert!(refused.to_string().contains("client ID"), "{refused}");
    let refused = watch.add(&store, request(" ")).await.expect_err("refused");
    assert!(refused.to_string().contains("client secret"), "{refused}");
}

/// The seeds' attribute mappings: Entra's externalId must carry the objectId GUID, not the
/// default mailNickname (seed 001); in an existing org, userName must be the email (seed 002).
#[tokio::test]
async fn users_identified_against_the_seeds_mappings_are_named() {
    let sim = ScimSim::start(ScimSimConfig::empty()).await.expect("sim");
    let client =
        ScimClient::new(ScimConfig::new(sim.url(), ScimAuth::bearer(sim.token()))).expect("client");
    let user = |name: &str, email: &str, external: Option<&str>, active: bool| {
        let mut body = serde_json::json!({
            "userName": name,
            "active": active,
            "emails": [{"value": email, "type": "work"}],
        });
        if let Some(external) = external {
            body["externalId"] = serde_json::json!(external);
        }
        body
    };
    for body in [
        user(
            "ann.lee@acme.test",
            "ann.lee@acme.test",
            Some("ann.lee"),
            true,
        ),
        user(
            "bob@acme.test",
            "bob@acme.test",
            Some("2c6f1a53-8d2e-4e4b-9a7e-5b1f0c3d9e21"),
            true,
        ),
        user("cy@acme.onmicrosoft.com", "cy@acme.test", None, true),
        user("dee@acme.test", "dee@acme.test", Some("dee"), false),
    ] {
        client.create_user(&body).await.expect("created");
    }
    let report = check_scim_health(&client, None, &HealthSettings::default(), &[], Utc::now())
        .await
        .expect("checked");
    let nickname = of_kind(&report, FindingKind::ExternalIdNotObjectId);
    assert_eq!(nickname.len(), 1);
    assert_eq!(nickname[0].users, vec!["ann.lee@acme.test".to_string()]);
    assert!(nickname[0].message.contains("map externalId to objectId"));
    let not_email = of_kind(&report, FindingKind::UserNameNotEmail);
    assert_eq!(not_email.len(), 1);
    assert_eq!(
        not_email[0].users,
        vec!["cy@acme.onmicrosoft.com".to_string()]
    );
    assert_eq!(not_email[0].severity, Severity::Info);
}

/// Background checks run every quarter hour: each problem is announced when it first appears,
/// not at every check, and a first check with many problems does not flood the desktop.
#[tokio::test]
async fn each_problem_is_announced_once_when_it_appears() {
    let store = Store::in_memory().await.expect("store");
    let sim = ScimSim::start(ScimSimConfig::demo()).await.expect("sim");
    let mut watch = ScimWatch::new(None);
    let request = AddEndpointRequest {
        url: sim.url(),
        name: "Okta".into(),
        token: sim.token(),
        oauth: None,
        settings: HealthSettings {
            seats: vec![SeatEntry {
                product: "Sales".into(),
                purchased: 70,
            }],
            ..HealthSettings::default()
        },
        idp: None,
        idp_secret: None,
    };
    watch.add(&store, request).await.expect("added");
    let titles = |alerts: &[Alert]| alerts.iter().map(|a| a.title.clone()).collect::<Vec<_>>();

    let (_, first) = watch
        .check_all(&store, None, Utc::now())
        .await
        .expect("first");
    let first = titles(&first);
    assert!(
        first.iter().any(|t| t.starts_with("SCIM token expires")),
        "{first:?}"
    );
    assert!(
        first.contains(&"Sales seats over-assigned".to_string()),
        "worst first: {first:?}"
    );
    assert_eq!(first.len(), 1 + MOST_ALERTS_PER_CHECK + 1, "{first:?}");
    assert!(
        first
            .last()
            .is_some_and(|t| t.ends_with("more provisioning problems")),
        "{first:?}"
    );

    let (_, second) = watch
        .check_all(&store, None, Utc::now())
        .await
        .expect("second");
    assert!(second.is_empty(), "nothing new: {:?}", titles(&second));

    // A new group with a name ZoomInfo refuses: that one problem, once.
    let client =
        ScimClient::new(ScimConfig::new(sim.url(), ScimAuth::bearer(sim.token()))).expect("client");
    client
        .create_group(&serde_json::json!({"displayName": "HR"}))
        .await
        .expect("group");
    let (_, third) = watch
        .check_all(&store, None, Utc::now())
        .await
        .expect("third");
    assert_eq!(titles(&third), vec!["Provisioning problem".to_string()]);
    assert!(third[0].body.contains("\"HR\""), "{}", third[0].body);
    let (_, fourth) = watch
        .check_all(&store, None, Utc::now())
        .await
        .expect("fourth");
    assert!(fourth.is_empty());
}

/// The users a finding names can be looked up: groups, products and where they come from,
/// and Okta's zi* attributes, as the last check read them.
#[tokio::test]
async fn the_directory_of_the_last_check_is_searchable() {
    let store = Store::in_memory().await.expect("store");
    let sim = ScimSim::start(ScimSimConfig::demo()).await.expect("sim");
    let planted = sim.planted().expect("planted").clone();
    let mut watch = ScimWatch::new(None);
    let request = AddEndpointRequest {
        url: sim.url(),
        name: "Okta".into(),
        token: sim.token(),
        oauth: None,
        settings: HealthSettings {
            group_products: vec![GroupProduct {
                group: "Sales Team".into(),
                product: "Sales".into(),
            }],
            ..HealthSettings::default()
        },
        idp: None,
        idp_secret: None,
    };
    let id = watch.add(&store, request).await.expect("added").id;
    let query = |text: &str, offset: u32, limit: u32| UserQuery {
        text: (!text.is_empty()).then(|| text.to_string()),
        offset,
        limit,
    };
    assert_eq!(
        watch.users(id, &query("", 0, 50)).total,
        0,
        "nothing before a check"
    );
    watch
        .check_all(&store, None, Utc::now())
        .await
        .expect("checked");

    let first = watch.users(id, &query("", 0, 50));
    assert_eq!(
        (first.total, first.matching, first.lines.len()),
        (120, 120, 50)
    );
    let rest = watch.users(id, &query("", 100, 50));
    assert_eq!(rest.lines.len(), 20);
    let everyone = watch.users(id, &query("", 0, 10_000));
    assert_eq!(everyone.lines.len(), MOST_USERS_PER_PAGE.min(120) as usize);

    let found = watch.users(
        id,
        &query(&planted.user_in_two_groups.to_uppercase(), 0, 10),
    );
    assert_eq!(found.matching, 1);
    let line = &found.lines[0];
    assert_eq!(line.groups.len(), 2, "{line:?}");
    assert_eq!(line.zi_credit_limit.as_deref(), Some("1000"));
    assert!(
        line.zi_role.is_some() && line.zi_user_credit.is_some() && line.zi_reset_usage.is_some()
    );
    let lost = watch.users(id, &query(&planted.inactive_user_with_product, 0, 10));
    assert!(!lost.lines[0].active);
    assert!(
        lost.lines[0]
            .products
            .iter()
            .any(|p| p.starts_with("Sales (")),
        "{:?}",
        lost.lines[0].products
    );
    let in_group = watch.users(id, &query("sales team", 0, 500));
    assert!(
        in_group.matching > 50,
        "by group name: {}",
        in_group.matching
    );
}

#[test]
fn the_assessment_is_pure() {
    let expiry = resolve_expiry(None, &TokenDates::default(), Utc::now());
    let observed = Observed {
        endpoint: "https://x.test/scim/v2",
        check: &AccessCheck::Accepted,
        users: &[],
        groups: &[],
        groups_offered: true,
    };
    let report = assess(
        observed,
        &HealthSettings::default(),
        &expiry,
        &[],
        Utc::now(),
    );
    assert_eq!(report.users, UserCounts::default());
    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.findings[0].kind, FindingKind::TokenExpiryUnknown);
    let _ = Quirk::ALL;
}

/// An identity provider that cannot be reached is a warning beside a full SCIM report, never
/// a failed check.
#[tokio::test]
async fn an_unreachable_identity_provider_does_not_stop_the_scim_check() {
    let store = Store::in_memory().await.expect("store");
    let sim = ScimSim::start(ScimSimConfig::demo()).await.expect("sim");
    let mut endpoint = WatchedEndpoint::bearer(sim.url(), HealthSettings::default());
    // A port nothing listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
    let org_url = format!("http://{}", closed.local_addr().expect("addr"));
    drop(closed);
    endpoint.idp = Some(IdpConnection::Okta {
        org_url,
        app: DEFAULT_IDP_APP.into(),
    });
    let token = SecretString::from(sim.token());
    let okta_token = SecretString::from("00okta-token".to_string());
    let secrets = EndpointSecrets {
        scim: &token,
        idp: Some(&okta_token),
    };
    let report = check_endpoint(&store, &endpoint, secrets, Utc::now())
        .await
        .expect("the SCIM check ran");
    assert_eq!(report.users.total, 120);
    let idp = report.idp.as_ref().expect("the IdP part");
    assert!(
        idp.error
            .as_deref()
            .is_some_and(|e| e.contains("could not be reached")),
        "{idp:?}"
    );
    let unreadable = of_kind(&report, FindingKind::IdpUnreadable);
    assert_eq!(unreadable.len(), 1);
    assert_eq!(unreadable[0].severity, Severity::Warning);
    assert!(!unreadable[0].message.contains("00okta-token"));
}
