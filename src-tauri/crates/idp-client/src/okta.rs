//! Okta's management API, read with an API token: the ZoomInfo app, its users' sync state,
//! and the System Log's provisioning pushes.

use chrono::{DateTime, SecondsFormat, Utc};
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;
use url::Url;

use crate::error::Result;
use crate::facts;
use crate::http::{segment, text, Http};

const PROVIDER: &str = "Okta";

/// An application in the Okta org (`Application`, l.112+ of okta-management.yaml).
#[derive(Clone, Debug, PartialEq)]
pub struct OktaApp {
    pub id: String,
    pub name: String,
    pub label: String,
    pub status: String,
}

/// A user assigned to the app (`AppUser`, l.335-420).
#[derive(Clone, Debug, PartialEq)]
pub struct OktaAppUser {
    pub id: String,
    /// The login pushed to the app (`credentials.userName`), else the profile's e-mail.
    pub user_name: String,
    pub status: String,
    /// `SYNCHRONIZED`, `SYNCING`, `OUT_OF_SYNC`, `ERROR`, `DISABLED`; `None` when not sent.
    pub sync_state: Option<String>,
    pub last_sync: Option<String>,
}

/// A System Log event about one provisioning push (`LogEvent`, l.1603-1830).
#[derive(Clone, Debug, PartialEq)]
pub struct OktaLogEvent {
    pub published: String,
    pub event_type: String,
    pub display_message: String,
    /// `outcome.result`: `SUCCESS`, `FAILURE`, …
    pub result: String,
    /// `outcome.reason`: what went wrong, in the remote server's words when it said.
    pub reason: Option<String>,
    /// The login of the user the push was for (the `AppUser`/`User` target's `alternateId`).
    pub user: Option<String>,
    pub user_display_name: Option<String>,
}

impl OktaLogEvent {
    pub fn failed(&self) -> bool {
        self.result == facts::OKTA_OUTCOME_FAILURE
    }
}

pub struct OktaClient {
    http: Http,
    org: Url,
    authorization: SecretString,
}

impl std::fmt::Debug for OktaClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OktaClient")
            .field("org", &self.org.as_str())
            .finish()
    }
}

impl OktaClient {
    /// `org_url`: the org's address, e.g. `https://acme.okta.com`.
    pub fn new(org_url: &str, api_token: &SecretString) -> Result<Self> {
        let http = Http::new(PROVIDER)?;
        let org = http.base_url(org_url, "Okta org URL")?;
        let authorization = SecretString::from(format!(
            "{} {}",
            facts::OKTA_AUTH_SCHEME,
            api_token.expose_secret().trim()
        ));
        Ok(OktaClient {
            http,
            org,
            authorization,
        })
    }

    /// Every page from `first` on, following `Link: rel="next"`.
    async fn all_pages(&self, first: Url) -> Result<Vec<Value>> {
        let mut items = Vec::new();
        let mut next = Some(first);
        let mut pages = 0;
        while let Some(url) = next.take() {
            let answer = self.http.get(&url, &self.authorization).await?;
            match answer.body {
                Value::Array(page) => items.extend(page),
                other => {
                    return Err(crate::IdpError::Garbage {
                        provider: PROVIDER,
                        detail: format!("expected a list, got {}", kind_of(&other)),
                    })
                }
            }
            pages += 1;
            // A next link back to this page would loop; a bounded read ends.
            next = answer
                .next
                .filter(|n| *n != url && pages < facts::MOST_PAGES);
        }
        Ok(items)
    }

    /// The app whose label (else name) is `label`, ignoring case; `None` when there is none.
    pub async fn find_app(&self, label: &str) -> Result<Option<OktaApp>> {
        let wanted = label.trim();
        let url = self.http.url(
            &self.org,
            "/api/v1/apps",
            &[
                ("q", wanted.to_string()),
                ("limit", facts::OKTA_APPS_PAGE.to_string()),
            ],
        );
        let apps: Vec<OktaApp> = self.all_pages(url).await?.iter().map(app).collect();
        let by = |pick: fn(&OktaApp) -> &str| {
            apps.iter()
                .find(|a| pick(a).eq_ignore_ascii_case(wanted))
                .cloned()
        };
        Ok(by(|a| &a.label).or_else(|| by(|a| &a.name)))
    }

    /// Every user assigned to the app.
    pub async fn app_users(&self, app_id: &str) -> Result<Vec<OktaAppUser>> {
        let url = self.http.url(
            &self.org,
            &format!("/api/v1/apps/{}/users", segment(app_id)),
            &[("limit", facts::OKTA_APP_USERS_PAGE.to_string())],
        );
        Ok(self.all_pages(url).await?.iter().map(app_user).collect())
    }

    /// The app's provisioning pushes logged between `since` and `until`, oldest first.
    /// `until` bounds the read: without it the System Log always offers a next page (polling).
    pub async fn provisioning_events(
        &self,
        app_id: &str,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<Vec<OktaLogEvent>> {
        let filter = format!(
            "eventType sw \"{}\" and target.id eq \"{}\"",
            facts::OKTA_PUSH_EVENT_PREFIX,
            app_id.replace('"', "")
        );
        let url = self.http.url(
            &self.org,
            "/api/v1/logs",
            &[
                ("since", since.to_rfc3339_opts(SecondsFormat::Millis, true)),
                ("until", until.to_rfc3339_opts(SecondsFormat::Millis, true)),
                ("filter", filter),
                ("limit", facts::OKTA_LOG_PAGE.to_string()),
            ],
        );
        Ok(self.all_pages(url).await?.iter().map(log_event).collect())
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Object(_) => "an object",
        Value::Null => "nothing",
        _ => "a single value",
    }
}

fn app(value: &Value) -> OktaApp {
    OktaApp {
        id: text(&value["id"]).unwrap_or_default(),
        name: text(&value["name"]).unwrap_or_default(),
        label: text(&value["label"]).unwrap_or_default(),
        status: text(&value["status"]).unwrap_or_default(),
    }
}

fn app_user(value: &Value) -> OktaAppUser {
    let user_name = text(&value["credentials"]["userName"])
        .or_else(|| text(&value["profile"]["email"]))
        .or_else(|| text(&value["id"]))
        .unwrap_or_default();
    OktaAppUser {
        id: text(&value["id"]).unwrap_or_default(),
        user_name,
        status: text(&value["status"]).unwrap_or_default(),
        sync_state: text(&value["syncState"]),
        last_sync: text(&value["lastSync"]),
    }
}

fn log_event(value: &Value) -> OktaLogEvent {
    // The pushed user is the target that is not the app instance.
    let user_target = value["target"].as_array().and_then(|targets| {
        targets
            .iter()
            .find(|t| matches!(t["type"].as_str(), Some("AppUser" | "User")))
    });
    OktaLogEvent {
        published: text(&value["published"]).unwrap_or_default(),
        event_type: text(&value["eventType"]).unwrap_or_default(),
        display_message: text(&value["displayMessage"]).unwrap_or_default(),
        result: text(&value["outcome"]["result"]).unwrap_or_default(),
        reason: text(&value["outcome"]["reason"]),
        user: user_target.and_then(|t| text(&t["alternateId"])),
        user_display_name: user_target.and_then(|t| text(&t["displayName"])),
    }
}
