use idp_client::{OktaAppUser, OktaLogEvent, ProvisioningEntry};

use super::*;

fn app_user(name: &str, sync: &str) -> OktaAppUser {
    OktaAppUser {
        id: format!("0ua-{name}"),
        user_name: name.into(),
        status: "PROVISIONED".into(),
        sync_state: Some(sync.into()),
        last_sync: Some("2026-12-01T10:00:00.000Z".into()),
    }
}

fn push(user: &str, result: &str, at: &str, reason: Option<&str>) -> OktaLogEvent {
    OktaLogEvent {
        published: at.into(),
        event_type: "application.provision.user.push".into(),
        display_message: "Push new user to external application".into(),
        result: result.into(),
        reason: reason.map(str::to_string),
        user: Some(user.into()),
        user_display_name: Some(format!("{user} (display)")),
    }
}

#[test]
fn okta_reports_users_in_error_with_the_logs_reason() {
    let users = [
        app_user("ok@acme.test", "SYNCHRONIZED"),
        app_user("dup@acme.test", "ERROR"),
        app_user("silent@acme.test", "ERROR"),
    ];
    let events = [
        push(
            "dup@acme.test",
            "FAILURE",
            "2026-12-02T09:00:00.000Z",
            Some("User already exists"),
        ),
        push(
            "ok@acme.test",
            "FAILURE",
            "2026-12-01T09:00:00.000Z",
            Some("timeout"),
        ),
        push("ok@acme.test", "SUCCESS", "2026-12-01T10:00:00.000Z", None),
    ];
    let failed = okta_failures(&users, &events);
    let names: Vec<&str> = failed.iter().map(|f| f.user.as_str()).collect();
    // A user whose last push succeeded is not listed, though an earlier one failed.
    assert_eq!(names, ["dup@acme.test", "silent@acme.test"]);
    assert!(
        failed[0].reason.ends_with("User already exists"),
        "{}",
        failed[0].reason
    );
    assert_eq!(failed[0].action.as_deref(), Some("create"));
    assert!(
        failed[1].reason.contains("Okta Admin Console"),
        "a user in ERROR without a logged reason says where to look: {}",
        failed[1].reason
    );
}

#[test]
fn okta_reports_a_failed_push_of_a_user_it_no_longer_lists() {
    let events = [push(
        "gone@acme.test",
        "FAILURE",
        "2026-12-02T09:00:00.000Z",
        Some("Bad request"),
    )];
    let failed = okta_failures(&[app_user("ok@acme.test", "SYNCHRONIZED")], &events);
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].user, "gone@acme.test");
}

fn entry(user: &str, at: &str, code: &str) -> ProvisioningEntry {
    ProvisioningEntry {
        at: at.into(),
        action: "create".into(),
        status: "failure".into(),
        error_code: Some(code.into()),
        reason: Some(format!("{code} happened")),
        recommended_action: Some("Fix it".into()),
        user_name: None,
        source_name: Some(user.into()),
        source_id: Some(format!("id-{user}")),
        target_name: None,
    }
}

#[test]
fn entra_keeps_each_users_latest_failure_newest_first() {
    let failed = entra_failures(vec![
        entry("Ann", "2026-12-01T00:00:00Z", "Old"),
        entry("Bob", "2026-12-02T00:00:00Z", "B"),
        entry("Ann", "2026-12-03T00:00:00Z", "New"),
    ]);
    let seen: Vec<(&str, Option<&str>)> = failed
        .iter()
        .map(|f| (f.user.as_str(), f.code.as_deref()))
        .collect();
    assert_eq!(seen, [("Ann", Some("New")), ("Bob", Some("B"))]);
}

fn report(provider: &str) -> IdpReport {
    IdpReport {
        provider: provider.into(),
        app: "ZoomInfo".into(),
        app_found: true,
        assigned: None,
        out_of_sync: 0,
        failed: Vec::new(),
        job: None,
        error: None,
    }
}

fn job(state: &str, schedule: &str) -> IdpJob {
    IdpJob {
        state: state.into(),
        quarantine_reason: (state == "Quarantine").then(|| "EncounteredQuarantineException".into()),
        detail: Some("The SCIM endpoint refused the credentials".into()),
        since: None,
        last_run: None,
        last_run_ended: None,
        schedule: Some(schedule.into()),
    }
}

#[test]
fn findings_follow_what_the_idp_says() {
    let kinds = |r: &IdpReport| -> Vec<(FindingKind, Severity)> {
        idp_findings(r)
            .iter()
            .map(|f| (f.kind, f.severity))
            .collect()
    };
    let healthy = IdpReport {
        job: Some(job("Active", "Active")),
        ..report("Microsoft Entra ID")
    };
    type Expected = Vec<(FindingKind, Severity)>;
    let cases: Vec<(&str, IdpReport, Expected)> = vec![
        ("healthy", healthy.clone(), vec![]),
        (
            "quarantined",
            IdpReport {
                job: Some(job("Quarantine", "Active")),
                ..healthy.clone()
            },
            vec![(FindingKind::IdpJobQuarantined, Severity::Error)],
        ),
        (
            "paused",
            IdpReport {
                job: Some(job("Paused", "Paused")),
                ..healthy.clone()
            },
            vec![(FindingKind::IdpJobStopped, Severity::Warning)],
        ),
        (
            "scheduled off",
            IdpReport {
                job: Some(job("Active", "Disabled")),
                ..healthy.clone()
            },
            vec![(FindingKind::IdpJobStopped, Severity::Warning)],
        ),
        (
            "no app",
            IdpReport {
                app_found: false,
                ..report("Okta")
            },
            vec![(FindingKind::IdpAppMissing, Severity::Warning)],
        ),
        (
            "unreadable",
            IdpReport {
                error: Some("Okta refused the credentials (HTTP 401)".into()),
                ..report("Okta")
            },
            vec![(FindingKind::IdpUnreadable, Severity::Warning)],
        ),
    ];
    for (name, report, expected) in cases {
        assert_eq!(kinds(&report), expected, "{name}");
    }
    let quarantined = idp_findings(&IdpReport {
        job: Some(job("Quarantine", "Active")),
        ..healthy
    });
    assert!(quarantined[0]
        .message
        .contains("EncounteredQuarantineException"));
    assert!(quarantined[0].message.contains("refused the credentials"));
}

#[test]
fn failed_users_are_one_error_naming_them() {
    let mut failed = report("Okta");
    failed.failed = entra_failures(vec![
        entry("Bob", "2026-12-02T00:00:00Z", "B"),
        entry("Ann", "2026-12-03T00:00:00Z", "A"),
    ]);
    let findings = idp_findings(&failed);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].kind, FindingKind::IdpUsersFailed);
    assert_eq!(findings[0].users, ["Ann", "Bob"]);
    assert!(findings[0].message.contains("failed to provision 2 users"));
}

#[test]
fn a_connection_is_checked_and_trimmed() {
    let okta = IdpConnection::Okta {
        org_url: " https://acme.okta.com/ ".into(),
        app: "  ".into(),
    }
    .checked()
    .expect("valid");
    assert_eq!(
        okta,
        IdpConnection::Okta {
            org_url: "https://acme.okta.com".into(),
            app: DEFAULT_IDP_APP.into()
        }
    );
    let bad = IdpConnection::Okta {
        org_url: "acme.okta.com".into(),
        app: String::new(),
    }
    .checked()
    .expect_err("no scheme");
    assert!(bad.to_string().contains("Okta org URL"), "{bad}");
    let no_tenant = IdpConnection::Entra {
        tenant: " ".into(),
        client_id: "c".into(),
        app: String::new(),
        graph_url: None,
        login_url: None,
    }
    .checked()
    .expect_err("no tenant");
    assert!(no_tenant.to_string().contains("tenant"), "{no_tenant}");
}
