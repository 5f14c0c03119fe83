//! The demo organisation's story through the health check, as an admin would read it on the
//! Provisioning screen and in `zi --demo scim status`.

use scim_client::{OAuthClientCredentials, ScimAuth, ScimClient, ScimConfig};
use zi_core::provisioning::{
    add_idp_view, check_scim_health, ExpirySource, Finding, FindingKind, HealthReport,
    HealthSettings, Severity, TokenCheck, UserCounts, Utc,
};
use zi_demo::provisioning::{demo_endpoint, DemoScim};
use zi_sim::scim::Quirk;

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

fn assert_demo_story(report: &HealthReport, planted: &zi_sim::scim::PlantedProblems) {
    assert_eq!(
        report.users,
        UserCounts {
            total: 120,
            active: 113,
            inactive: 7
        }
    );
    assert_eq!(report.groups, 6);
    assert_eq!(
        seats_of(report),
        vec![
            ("Sales".into(), Some(70), 72, Some(-2)),
            ("Marketing".into(), Some(40), 38, Some(2)),
            ("Talent".into(), Some(25), 18, Some(7)),
        ]
    );
    let over = of_kind(report, FindingKind::SeatsOverAssigned);
    assert_eq!(over.len(), 1);
    assert_eq!(over[0].severity, Severity::Error);
    assert_eq!(over[0].product.as_deref(), Some("Sales"));
    assert!(
        over[0].message.starts_with("Sales: 72 users"),
        "{}",
        over[0].message
    );
    assert!(
        over[0].message.contains("last 2 users"),
        "{}",
        over[0].message
    );

    let multi = of_kind(report, FindingKind::UserInMultipleGroups);
    assert_eq!(multi.len(), 1);
    assert_eq!(multi[0].users, vec![planted.user_in_two_groups.clone()]);
    assert_eq!(
        multi[0].groups,
        vec!["Marketing Team".to_string(), "Sales Team".to_string()]
    );

    let names = of_kind(report, FindingKind::GroupNameInvalid);
    assert_eq!(names.len(), 1);
    assert_eq!(names[0].groups, vec![planted.badly_named_group.clone()]);
    assert!(names[0].message.contains("'_'"), "{}", names[0].message);

    let no_email = of_kind(report, FindingKind::ActiveUserWithoutWorkEmail);
    assert_eq!(no_email.len(), 1);
    assert_eq!(
        no_email[0].users,
        vec![planted.user_without_work_email.clone()]
    );

    let lingering = of_kind(report, FindingKind::InactiveUserHoldsProduct);
    assert_eq!(lingering.len(), 1);
    assert_eq!(
        lingering[0].users,
        vec![planted.inactive_user_with_product.clone()]
    );
    assert_eq!(lingering[0].product.as_deref(), Some("Sales"));
    assert!(
        lingering[0].message.contains("group Sales Team"),
        "{}",
        lingering[0].message
    );

    assert!(of_kind(report, FindingKind::ActiveUserWithoutProduct).is_empty());
    assert_eq!(report.worst(), Some(Severity::Error));
    assert_eq!(report.findings[0].severity, Severity::Error, "worst first");
}

/// The demo endpoint checked the way the app checks it, with its token.
async fn checked_with_its_token(demo: &DemoScim) -> HealthReport {
    let client = demo.endpoint.client(&demo.token).expect("client");
    check_scim_health(
        &client,
        Some(&demo.token),
        &demo.endpoint.settings,
        &[],
        Utc::now(),
    )
    .await
    .expect("checked")
}

#[tokio::test]
async fn the_demo_organisation_shows_its_story() {
    let demo = demo_endpoint().await.expect("demo");
    let report = checked_with_its_token(&demo).await;
    assert_demo_story(&report, demo.sim.planted().expect("planted"));
    assert!(report.token.valid);
    assert_eq!(report.token.expiry_source, ExpirySource::Token);
    assert_eq!(report.token.days_left, Some(23));
    let expiring = of_kind(&report, FindingKind::TokenExpiring);
    assert_eq!(expiring.len(), 1);
    assert!(
        expiring[0].message.contains("in 23 days"),
        "{}",
        expiring[0].message
    );
    assert!(
        expiring[0].message.contains("30-day warning"),
        "{}",
        expiring[0].message
    );
}

#[tokio::test]
async fn every_quirk_at_once_changes_nothing_an_admin_sees() {
    let demo = demo_endpoint().await.expect("demo");
    demo.sim.quirks().enable_all();
    // Having no /Groups changes what the server has, not how it speaks: tested on its own.
    demo.sim.quirks().disable(Quirk::NoGroups);
    let app = demo.sim.oauth_app();
    let mut oauth = OAuthClientCredentials::new(
        demo.sim.oauth_token_url(),
        app.client_id.clone(),
        app.client_secret.clone(),
    );
    oauth.account_id = Some(app.account_id.clone());
    let client =
        ScimClient::new(ScimConfig::new(demo.sim.url(), ScimAuth::OAuth(oauth))).expect("client");
    let report = check_scim_health(&client, None, &demo.endpoint.settings, &[], Utc::now())
        .await
        .expect("checked");
    assert_demo_story(&report, demo.sim.planted().expect("planted"));
    // OAuth tokens are fetched as needed: no expiry to watch, none asked for.
    assert_eq!(report.token.expiry_source, ExpirySource::Renewed);
    assert!(of_kind(&report, FindingKind::TokenExpiryUnknown).is_empty());
}

#[tokio::test]
async fn seats_also_come_from_the_per_user_product_attribute() {
    let demo = demo_endpoint().await.expect("demo");
    let settings = HealthSettings {
        group_products: Vec::new(),
        ..demo.endpoint.settings.clone()
    };
    let client = demo.endpoint.client(&demo.token).expect("client");
    let report = check_scim_health(&client, Some(&demo.token), &settings, &[], Utc::now())
        .await
        .expect("checked");
    // Okta pushes ziProduct to each user: the same counts without any mapping.
    assert_eq!(
        seats_of(&report)[0],
        ("Sales".into(), Some(70), 72, Some(-2))
    );
    assert_eq!(
        seats_of(&report)[2],
        ("Talent".into(), Some(25), 18, Some(7))
    );
}

#[tokio::test]
async fn a_rejected_token_is_a_finding_and_an_unreachable_server_an_error() {
    let demo = demo_endpoint().await.expect("demo");
    demo.sim.reject_tokens(true);
    let client = demo.endpoint.client(&demo.token).expect("client");
    let report = check_scim_health(
        &client,
        Some(&demo.token),
        &demo.endpoint.settings,
        &[],
        Utc::now(),
    )
    .await
    .expect("a refusal is a result");
    assert!(!report.token.valid);
    assert_eq!(report.token.check, TokenCheck::Rejected);
    assert_eq!(report.findings[0].kind, FindingKind::TokenRejected);
    assert_eq!(report.findings[0].severity, Severity::Error);
    assert_eq!(report.users.total, 0);
    assert!(report.seats.is_empty());

    demo.sim.shutdown();
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let error = check_scim_health(&client, None, &demo.endpoint.settings, &[], Utc::now())
        .await
        .expect_err("nobody answers");
    assert!(
        error
            .to_string()
            .contains("Could not reach the SCIM server"),
        "{error}"
    );
}

#[tokio::test]
async fn the_demo_okta_org_shows_the_two_users_it_failed_to_push() {
    let demo = demo_endpoint().await.expect("demo");
    let mut report = checked_with_its_token(&demo).await;
    let idp = demo.endpoint.idp.as_ref().expect("the demo reads Okta");
    add_idp_view(&mut report, idp, demo.idp_secret.as_ref(), Utc::now()).await;

    let seen = report.idp.as_ref().expect("an identity-provider view");
    assert_eq!(seen.provider, "Okta");
    assert!(seen.app_found, "the ZoomInfo app is found: {seen:?}");
    assert_eq!(seen.error, None);
    let failed: Vec<&str> = seen.failed.iter().map(|f| f.user.as_str()).collect();
    assert_eq!(failed.len(), 2, "{failed:?}");
    assert!(
        failed.contains(&"dana.whitfield@acme-demo.test"),
        "{failed:?}"
    );
    assert!(
        failed.contains(&"marcus.oyelaran@acme-demo.test"),
        "{failed:?}"
    );
    let dana = seen
        .failed
        .iter()
        .find(|f| f.user.starts_with("dana."))
        .expect("dana");
    assert!(
        dana.reason.contains("Sales"),
        "the seat she lacks: {}",
        dana.reason
    );
    let marcus = seen
        .failed
        .iter()
        .find(|f| f.user.starts_with("marcus."))
        .expect("marcus");
    assert!(
        marcus.reason.contains("already exists"),
        "{}",
        marcus.reason
    );

    let pushed = of_kind(&report, FindingKind::IdpUsersFailed);
    assert_eq!(pushed.len(), 1);
    assert_eq!(pushed[0].severity, Severity::Error);
    assert!(
        pushed[0]
            .message
            .starts_with("Okta failed to provision 2 users"),
        "{}",
        pushed[0].message
    );
    assert_eq!(report.findings[0].severity, Severity::Error, "worst first");
    // The SCIM story is unchanged by the IdP's view.
    assert_demo_story(&report, demo.sim.planted().expect("planted"));
}

#[tokio::test]
async fn without_its_okta_token_the_demo_says_so_and_keeps_the_scim_story() {
    let demo = demo_endpoint().await.expect("demo");
    let mut report = checked_with_its_token(&demo).await;
    let idp = demo.endpoint.idp.as_ref().expect("the demo reads Okta");
    // A wrong token: Okta refuses it (E0000011) and the admin is told to enter it again.
    let wrong = secrecy::SecretString::from("00wrong-token".to_string());
    add_idp_view(&mut report, idp, Some(&wrong), Utc::now()).await;
    let unreadable = of_kind(&report, FindingKind::IdpUnreadable);
    assert_eq!(unreadable.len(), 1, "{:?}", report.findings);
    assert_eq!(unreadable[0].severity, Severity::Warning);
    assert!(
        !unreadable[0].message.contains("00wrong-token"),
        "no secret in messages"
    );
    assert!(of_kind(&report, FindingKind::IdpUsersFailed).is_empty());
    assert_demo_story(&report, demo.sim.planted().expect("planted"));
}
