//! What Microsoft Graph reports about the ZoomInfo enterprise app, as JSON shaped by the
//! `servicePrincipal`, `synchronizationJob` and `provisioningObjectSummary` schemas.

use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

use super::super::state::ScimShared;
use super::facts;
use super::ids;
use super::okta_model::timestamp;
use super::state::{FailedPush, SyncJobState};
use super::view::Pushed;

/// The ZoomInfo enterprise app.
pub(crate) fn service_principal(s: &ScimShared) -> Value {
    let idp = &s.idp;
    json!({
        "id": idp.service_principal_id,
        "deletedDateTime": null,
        "accountEnabled": true,
        "appId": idp.app_id,
        "appDisplayName": facts::GRAPH_APP_DISPLAY_NAME,
        "displayName": facts::GRAPH_APP_DISPLAY_NAME,
        "appOwnerOrganizationId": ids::guid(idp.seed, "zoominfo-publisher-tenant"),
        "appRoleAssignmentRequired": true,
        "servicePrincipalType": "Application",
        "preferredSingleSignOnMode": "saml",
        "signInAudience": "AzureADMultipleOrgs",
        "servicePrincipalNames": [idp.app_id],
        "tags": ["WindowsAzureActiveDirectoryIntegratedApp"],
        "notificationEmailAddresses": [],
        "replyUrls": [],
        "alternativeNames": [],
        "addIns": [],
        "appRoles": [],
        "keyCredentials": [],
        "passwordCredentials": [],
        "oauth2PermissionScopes": [],
        "resourceSpecificApplicationPermissions": [],
    })
}

fn execution(
    s: &ScimShared,
    state: &str,
    began: DateTime<Utc>,
    counts: (usize, usize),
    error: Value,
) -> Value {
    let (exported, escrowed) = (counts.0 as u64, counts.1 as u64);
    json!({
        "activityIdentifier": ids::guid(s.idp.seed, &format!("cycle/{}", began.timestamp())),
        "countEntitled": exported + escrowed,
        "countEntitledForProvisioning": exported + escrowed,
        "countEscrowed": escrowed,
        "countEscrowedRaw": escrowed,
        "countExported": exported,
        "countExports": exported,
        "countImported": exported + escrowed,
        "countImportedDeltas": exported + escrowed,
        "countImportedReferenceDeltas": 0,
        "error": error,
        "state": state,
        "timeBegan": timestamp(began),
        "timeEnded": timestamp(began + Duration::seconds(42)),
    })
}

/// The synchronization job; `exported` users provisioned, `escrowed` failed.
pub(crate) fn sync_job(s: &ScimShared, exported: usize, escrowed: usize) -> Value {
    let (state, since) = s.idp.job();
    let started = s.idp.started;
    let last_cycle = started - Duration::minutes(5);
    let counts = (exported, escrowed);
    let healthy_state = if escrowed > 0 {
        facts::GRAPH_EXECUTION_ENTRY_LEVEL_ERRORS
    } else {
        facts::GRAPH_EXECUTION_SUCCEEDED
    };
    let success = execution(s, healthy_state, last_cycle, counts, Value::Null);
    let first_steady = timestamp(started - Duration::days(30));
    let (code, schedule_state, last_execution, quarantine, failures) = match &state {
        SyncJobState::Active => (
            facts::GRAPH_JOB_ACTIVE,
            facts::GRAPH_SCHEDULE_ACTIVE,
            success.clone(),
            Value::Null,
            0,
        ),
        SyncJobState::Paused => (
            facts::GRAPH_JOB_PAUSED,
            facts::GRAPH_SCHEDULE_PAUSED,
            success.clone(),
            Value::Null,
            0,
        ),
        SyncJobState::Quarantine {
            reason,
            error_code,
            message,
        } => {
            let error = json!({ "code": error_code, "message": message, "tenantActionable": true });
            let retry =
                Duration::from_std(facts::GRAPH_QUARANTINE_RETRY).unwrap_or(Duration::days(1));
            (
                facts::GRAPH_JOB_QUARANTINE,
                facts::GRAPH_SCHEDULE_ACTIVE,
                execution(
                    s,
                    facts::GRAPH_EXECUTION_FAILED,
                    since,
                    counts,
                    error.clone(),
                ),
                json!({
                    "currentBegan": timestamp(since),
                    "nextAttempt": timestamp(since + retry),
                    "reason": reason,
                    "seriesBegan": timestamp(since),
                    "seriesCount": 1,
                    "error": error,
                }),
                1,
            )
        }
    };
    json!({
        "id": s.idp.job_id,
        "templateId": facts::GRAPH_TEMPLATE_ID,
        "schedule": {
            "expiration": null,
            "interval": facts::GRAPH_CYCLE_INTERVAL,
            "state": schedule_state,
        },
        "status": {
            "code": code,
            "countSuccessiveCompleteFailures": failures,
            "escrowsPruned": false,
            "lastExecution": last_execution,
            "lastSuccessfulExecution": success,
            "lastSuccessfulExecutionWithExports": success,
            "progress": [],
            "quarantine": quarantine,
            "steadyStateFirstAchievedTime": first_steady,
            "steadyStateLastAchievedTime": timestamp(last_cycle),
            "synchronizedEntryCountByType": [
                { "key": "User to urn:ietf:params:scim:schemas:core:2.0:User", "value": exported },
            ],
            "troubleshootingUrl": null,
        },
        "synchronizationJobSettings": [
            { "name": "QuarantineTooManyDeletesThreshold", "value": "500" },
        ],
    })
}

/// One entry of the provisioning log.
struct Entry<'a> {
    user_name: &'a str,
    display_name: &'a str,
    target_id: &'a str,
    at: DateTime<Utc>,
    failure: Option<super::failure::GraphErrorInfo>,
}

fn steps(failed: bool, display_name: &str) -> Value {
    let last = facts::GRAPH_STEP_TYPES.len() - 1;
    let steps: Vec<Value> = facts::GRAPH_STEP_TYPES
        .iter()
        .enumerate()
        .map(|(i, (kind, name))| {
            let status = if failed && i == last {
                facts::GRAPH_RESULT_FAILURE
            } else {
                facts::GRAPH_RESULT_SUCCESS
            };
            json!({
                "name": name,
                "provisioningStepType": kind,
                "status": status,
                "description": format!("{kind} step for User '{display_name}'"),
                "details": {},
            })
        })
        .collect();
    Value::Array(steps)
}

fn entry(s: &ScimShared, e: &Entry) -> Value {
    let idp = &s.idp;
    let source_id = ids::guid(
        idp.seed,
        &format!("entra-user/{}", e.user_name.to_lowercase()),
    );
    let change_id = ids::guid(
        idp.seed,
        &format!("change/{}/{}", e.user_name, e.at.timestamp_millis()),
    );
    let status_info = match &e.failure {
        None => json!({ "status": facts::GRAPH_RESULT_SUCCESS, "errorInformation": null }),
        Some(info) => json!({
            "status": facts::GRAPH_RESULT_FAILURE,
            "errorInformation": {
                "errorCode": info.error_code,
                "errorCategory": facts::GRAPH_ERROR_CATEGORY_FAILURE,
                "reason": info.reason,
                "additionalDetails": info.additional_details,
                "recommendedAction": info.recommended_action,
            },
        }),
    };
    json!({
        "id": change_id,
        "activityDateTime": timestamp(e.at),
        "tenantId": idp.tenant,
        "jobId": idp.job_id,
        "cycleId": ids::guid(idp.seed, &format!("cycle/{}", e.at.timestamp() / facts::GRAPH_CYCLE_SECS)),
        "changeId": change_id,
        "provisioningAction": facts::GRAPH_ACTION_CREATE,
        "durationInMilliseconds": 180 + (e.user_name.len() as i64 * 7) % 400,
        "initiatedBy": { "id": "", "displayName": "Azure AD Provisioning Service", "initiatorType": "system" },
        "servicePrincipal": { "id": idp.service_principal_id, "displayName": facts::GRAPH_APP_DISPLAY_NAME },
        "sourceSystem": { "id": ids::guid(idp.seed, "source-system"), "displayName": facts::GRAPH_SOURCE_SYSTEM, "details": {} },
        "targetSystem": { "id": ids::guid(idp.seed, "target-system"), "displayName": facts::GRAPH_APP_DISPLAY_NAME, "details": {} },
        "sourceIdentity": {
            "id": source_id,
            "displayName": e.display_name,
            "identityType": "User",
            "details": {},
        },
        "targetIdentity": {
            "id": e.target_id,
            "displayName": e.display_name,
            "identityType": facts::GRAPH_TARGET_IDENTITY_TYPE,
            "details": {},
        },
        "modifiedProperties": [
            { "displayName": "userName", "oldValue": null, "newValue": e.user_name },
            { "displayName": "displayName", "oldValue": null, "newValue": e.display_name },
        ],
        "provisioningSteps": steps(e.failure.is_some(), e.display_name),
        "provisioningStatusInfo": status_info,
    })
}

/// The provisioning log, newest first: a successful create per pushed user, a failed one
/// per failed push.
pub(crate) fn provisioning_entries(
    s: &ScimShared,
    pushed: &[Pushed],
    failed: &[FailedPush],
) -> Vec<Value> {
    let mut entries: Vec<(DateTime<Utc>, usize, Value)> = pushed
        .iter()
        .map(|u| Entry {
            user_name: &u.user_name,
            display_name: &u.display_name,
            target_id: &u.scim_id,
            at: u.at,
            failure: None,
        })
        .chain(failed.iter().map(|f| Entry {
            user_name: &f.push.user_name,
            display_name: &f.push.display_name,
            target_id: "",
            at: f.at,
            failure: Some(f.push.failure.graph_error(&f.push.display_name)),
        }))
        .enumerate()
        .map(|(i, e)| (e.at, i, entry(s, &e)))
        .collect();
    entries.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    entries.into_iter().map(|(_, _, v)| v).collect()
}
