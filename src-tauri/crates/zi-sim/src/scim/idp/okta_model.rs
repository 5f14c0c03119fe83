//! What Okta reports about the ZoomInfo app, as JSON shaped by the management API's
//! `Application`, `AppUser` and `LogEvent` schemas. Absent values are left out rather than
//! sent as `null`: the schemas declare most fields non-nullable (README, `externalId`).

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Value};

use super::super::state::ScimShared;
use super::facts;
use super::ids;
use super::state::FailedPush;
use super::view::Pushed;

pub(crate) fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn href(s: &ScimShared, path: &str) -> Value {
    json!({ "href": format!("{}{path}", s.root_url) })
}

/// The Okta user id of a login.
pub(crate) fn user_id(s: &ScimShared, login: &str) -> String {
    ids::okta_id(s.idp.seed, "00u", &login.to_lowercase())
}

/// The ZoomInfo app instance (`SamlApplication`).
pub(crate) fn application(s: &ScimShared) -> Value {
    let id = &s.idp.okta_app_id;
    let created = timestamp(s.idp.started - chrono::Duration::days(180));
    json!({
        "id": id,
        "name": facts::OKTA_APP_NAME,
        "label": facts::OKTA_APP_LABEL,
        "status": facts::OKTA_APP_STATUS,
        "created": created,
        "lastUpdated": created,
        "signOnMode": facts::OKTA_APP_SIGN_ON_MODE,
        "features": facts::OKTA_APP_FEATURES,
        "accessibility": { "selfService": false },
        "visibility": { "autoSubmitToolbar": false, "hide": { "iOS": false, "web": false }, "appLinks": { "login": true } },
        "credentials": { "userNameTemplate": { "template": "${source.login}", "type": "BUILT_IN" } },
        "settings": {},
        "_links": {
            "users": href(s, &format!("{}/{id}/users", facts::OKTA_APPS_PATH)),
            "groups": href(s, &format!("{}/{id}/groups", facts::OKTA_APPS_PATH)),
            "self": href(s, &format!("{}/{id}", facts::OKTA_APPS_PATH)),
        },
    })
}

fn app_user_links(s: &ScimShared, user_id: &str) -> Value {
    json!({
        "app": href(s, &format!("{}/{}", facts::OKTA_APPS_PATH, s.idp.okta_app_id)),
        "user": href(s, &format!("/api/v1/users/{user_id}")),
    })
}

/// An app user the push created.
pub(crate) fn app_user(s: &ScimShared, user: &Pushed) -> Value {
    let id = user_id(s, &user.user_name);
    let at = timestamp(user.at);
    let mut profile = json!({
        "userName": user.user_name,
        "givenName": user.given_name,
        "familyName": user.family_name,
        "displayName": user.display_name,
    });
    if let Some(email) = &user.email {
        profile["email"] = json!(email);
    }
    json!({
        "id": id,
        "externalId": user.scim_id,
        "created": at,
        "lastUpdated": at,
        "scope": if user.via_group { facts::OKTA_SCOPE_GROUP } else { facts::OKTA_SCOPE_USER },
        "status": facts::OKTA_STATUS_PROVISIONED,
        "statusChanged": at,
        "syncState": facts::OKTA_SYNC_SYNCHRONIZED,
        "lastSync": at,
        "credentials": { "userName": user.user_name },
        "profile": profile,
        "_links": app_user_links(s, &id),
    })
}

/// An app user whose push failed: no `externalId` (ZoomInfo never gave one), no `lastSync`.
pub(crate) fn failed_app_user(s: &ScimShared, failed: &FailedPush) -> Value {
    let id = user_id(s, &failed.push.user_name);
    let at = timestamp(failed.at);
    json!({
        "id": id,
        "created": at,
        "lastUpdated": at,
        "scope": facts::OKTA_SCOPE_USER,
        "status": facts::OKTA_STATUS_STAGED,
        "statusChanged": at,
        "syncState": facts::OKTA_SYNC_ERROR,
        "credentials": { "userName": failed.push.user_name },
        "profile": { "userName": failed.push.user_name, "displayName": failed.push.display_name, "email": failed.push.user_name },
        "_links": app_user_links(s, &id),
    })
}

/// One push event of the System Log.
struct PushEvent<'a> {
    login: &'a str,
    display_name: &'a str,
    at: DateTime<Utc>,
    failure_reason: Option<String>,
}

fn push_event(s: &ScimShared, event: &PushEvent) -> Value {
    let user_id = user_id(s, event.login);
    let app_user_id = ids::okta_id(s.idp.seed, "0ua", &event.login.to_lowercase());
    let uuid = ids::guid(
        s.idp.seed,
        &format!("push-event/{}/{}", event.login, event.at.timestamp_millis()),
    );
    let (result, severity) = match event.failure_reason {
        Some(_) => (facts::OKTA_OUTCOME_FAILURE, facts::OKTA_SEVERITY_WARN),
        None => (facts::OKTA_OUTCOME_SUCCESS, facts::OKTA_SEVERITY_INFO),
    };
    let mut outcome = json!({ "result": result });
    if let Some(reason) = &event.failure_reason {
        outcome["reason"] = json!(reason);
    }
    json!({
        "uuid": uuid,
        "published": timestamp(event.at),
        "eventType": facts::OKTA_EVENT_USER_PUSH,
        "version": "0",
        "severity": severity,
        "displayMessage": facts::OKTA_USER_PUSH_MESSAGE,
        "actor": {
            "id": facts::OKTA_SYSTEM_ACTOR_ID,
            "type": facts::OKTA_SYSTEM_ACTOR_TYPE,
            "alternateId": facts::OKTA_SYSTEM_ACTOR_LOGIN,
            "displayName": facts::OKTA_SYSTEM_ACTOR_NAME,
        },
        "outcome": outcome,
        "transaction": { "type": "JOB", "id": ids::alphanumeric(s.idp.seed, &uuid, 27), "detail": {} },
        "debugContext": { "debugData": {} },
        "target": [
            { "id": app_user_id, "type": "AppUser", "alternateId": event.login, "displayName": event.display_name },
            { "id": s.idp.okta_app_id, "type": "AppInstance", "alternateId": facts::OKTA_APP_LABEL, "displayName": facts::OKTA_APP_LABEL },
            { "id": user_id, "type": "User", "alternateId": event.login, "displayName": event.display_name },
        ],
    })
}

/// The System Log's push events, oldest first: one success per pushed user, one failure per
/// failed push.
pub(crate) fn push_events(
    s: &ScimShared,
    pushed: &[Pushed],
    failed: &[FailedPush],
) -> Vec<(DateTime<Utc>, Value)> {
    let mut events: Vec<(DateTime<Utc>, Value)> = pushed
        .iter()
        .map(|u| {
            let event = PushEvent {
                login: &u.user_name,
                display_name: &u.display_name,
                at: u.at,
                failure_reason: None,
            };
            (u.at, push_event(s, &event))
        })
        .chain(failed.iter().map(|f| {
            let event = PushEvent {
                login: &f.push.user_name,
                display_name: &f.push.display_name,
                at: f.at,
                failure_reason: Some(f.push.failure.okta_reason(&f.push.display_name)),
            };
            (f.at, push_event(s, &event))
        }))
        .collect();
    // Stable: same-time events keep directory order, failures after successes.
    events.sort_by_key(|(at, _)| *at);
    events
}
