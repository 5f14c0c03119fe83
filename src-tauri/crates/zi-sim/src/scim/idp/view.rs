//! The users an identity provider believes it pushed: every user of the SCIM directory, read
//! the way both providers describe them.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::super::directory::{id_of, Kind};
use super::super::state::ScimShared;
use crate::util::lock;

/// One user the provider pushed successfully.
#[derive(Clone, Debug)]
pub(crate) struct Pushed {
    /// The id ZoomInfo's SCIM server gave the user (the provider's `externalId` for it).
    pub scim_id: String,
    pub user_name: String,
    pub display_name: String,
    pub given_name: String,
    pub family_name: String,
    pub email: Option<String>,
    /// Assigned through a group rather than directly.
    pub via_group: bool,
    /// When the push created the user (`meta.created`).
    pub at: DateTime<Utc>,
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_string()
}

fn read(user: &Value, via_group: bool, fallback: DateTime<Utc>) -> Pushed {
    let given_name = text(&user["name"]["givenName"]);
    let family_name = text(&user["name"]["familyName"]);
    let user_name = text(&user["userName"]);
    let display_name = match user["displayName"].as_str() {
        Some(name) if !name.trim().is_empty() => name.to_string(),
        _ if !given_name.is_empty() || !family_name.is_empty() => {
            format!("{given_name} {family_name}").trim().to_string()
        }
        _ => user_name.clone(),
    };
    let email = user["emails"]
        .as_array()
        .and_then(|emails| {
            emails
                .iter()
                .find(|e| e["primary"] == true)
                .or(emails.first())
        })
        .and_then(|e| e["value"].as_str())
        .map(str::to_string);
    let at = user["meta"]["created"]
        .as_str()
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(fallback);
    Pushed {
        scim_id: id_of(user).to_string(),
        user_name,
        display_name,
        given_name,
        family_name,
        email,
        via_group,
        at,
    }
}

/// Every user of the directory, in creation order.
pub(crate) fn pushed(s: &ScimShared) -> Vec<Pushed> {
    let dir = lock(&s.directory);
    dir.all(Kind::User)
        .iter()
        .map(|u| read(u, !dir.groups_of(id_of(u)).is_empty(), s.idp.started))
        .collect()
}
