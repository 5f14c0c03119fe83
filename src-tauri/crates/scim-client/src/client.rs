//! The SCIM operations zi-console needs, with paging that does not trust the server.

use std::collections::HashSet;
use std::time::Duration;

use reqwest::Method;
use serde_json::{json, Value};

use crate::auth::ScimAuth;
use crate::error::{Result, ScimError};
use crate::limits;
use crate::model::{ScimGroup, ScimUser};
use crate::parse::{get_ci, text, ListPage};
use crate::transport::Transport;

#[derive(Clone, Debug)]
pub struct ScimConfig {
    /// The SCIM base URL, e.g. `https://…/scim/v2` (the resource paths are added to it).
    pub base_url: String,
    pub auth: ScimAuth,
    /// Resources asked for per page.
    pub page_size: u32,
    pub request_timeout: Duration,
    pub connect_timeout: Duration,
}

impl ScimConfig {
    pub fn new(base_url: impl Into<String>, auth: ScimAuth) -> Self {
        ScimConfig {
            base_url: base_url.into(),
            auth,
            page_size: limits::PAGE_SIZE,
            request_timeout: limits::REQUEST_TIMEOUT,
            connect_timeout: limits::CONNECT_TIMEOUT,
        }
    }
}

/// The live check of a token: does the server still accept it?
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AccessCheck {
    Accepted,
    /// 401/403 (or the OAuth endpoint refused the client): the message the server gave.
    Rejected {
        status: u16,
        message: String,
    },
}

pub struct ScimClient {
    transport: Transport,
    page_size: u32,
}

impl std::fmt::Debug for ScimClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScimClient")
            .field("base_url", &self.transport.base_url())
            .finish_non_exhaustive()
    }
}

/// What makes two listed resources the same one: the id, else the name, else the whole body.
fn identity(resource: &Value) -> String {
    if let Some(object) = resource.as_object() {
        for key in ["id", "userName", "displayName"] {
            if let Some(value) = get_ci(object, key).and_then(text) {
                return format!("{key}:{value}");
            }
        }
    }
    format!("body:{resource}")
}

impl ScimClient {
    pub fn new(config: ScimConfig) -> Result<Self> {
        Ok(ScimClient {
            transport: Transport::new(
                &config.base_url,
                config.auth,
                config.request_timeout,
                config.connect_timeout,
            )?,
            page_size: config.page_size.max(1),
        })
    }

    /// The base URL without a trailing slash.
    pub fn base_url(&self) -> &str {
        self.transport.base_url()
    }

    /// Whether it signs in with OAuth client credentials: its tokens are short-lived and
    /// fetched again as they expire, so they have no expiry an admin must watch.
    pub fn uses_oauth(&self) -> bool {
        self.transport.uses_oauth()
    }

    /// Asks for one user: proves the server is there and still takes the token.
    /// `Err` only when the check itself failed (unreachable, broken answers).
    pub async fn check_access(&self) -> Result<AccessCheck> {
        let query = [("startIndex", "1".to_string()), ("count", "1".to_string())];
        match self
            .transport
            .send(Method::GET, &[limits::USERS_PATH], &query, None)
            .await
        {
            Ok(_) => Ok(AccessCheck::Accepted),
            Err(ScimError::Rejected {
                status, message, ..
            })
            | Err(ScimError::OAuthRejected { status, message }) => {
                Ok(AccessCheck::Rejected { status, message })
            }
            Err(e) => Err(e),
        }
    }

    /// `GET /ServiceProviderConfig` as sent.
    pub async fn service_provider_config(&self) -> Result<Value> {
        let answer = self
            .transport
            .send(
                Method::GET,
                &[limits::SERVICE_PROVIDER_CONFIG_PATH],
                &[],
                None,
            )
            .await?;
        answer.body.ok_or_else(|| ScimError::InvalidResponse {
            detail: "the ServiceProviderConfig answer is empty".into(),
        })
    }

    async fn page(
        &self,
        path: &str,
        filter: Option<&str>,
        start: u64,
        count: u32,
    ) -> Result<ListPage> {
        let mut query = vec![
            ("startIndex", start.to_string()),
            ("count", count.to_string()),
        ];
        if let Some(filter) = filter {
            query.push(("filter", filter.to_string()));
        }
        let answer = self
            .transport
            .send(Method::GET, &[path], &query, None)
            .await?;
        match answer.body {
            Some(body) => ListPage::parse(body),
            // An empty 200: no resources.
            None => Ok(ListPage {
                total_results: None,
                items_per_page: None,
                start_index: None,
                resources: Vec::new(),
            }),
        }
    }

    /// Every resource of a list endpoint. Advances by what each page really held (not by
    /// `count` or `itemsPerPage`), stops when a page adds nothing new, and when a server
    /// repeats itself (ignores `startIndex`) asks once for everything at once.
    pub async fn list_all(&self, path: &str, filter: Option<&str>) -> Result<Vec<Value>> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        let mut start = 1u64;
        for _ in 0..limits::MAX_PAGES {
            let page = self.page(path, filter, start, self.page_size).await?;
            let received = page.resources.len();
            let mut added = 0usize;
            for resource in page.resources {
                if seen.insert(identity(&resource)) {
                    out.push(resource);
                    added += 1;
                }
            }
            if added == 0 {
                if received > 0 {
                    // The server sent what we had: it ignores startIndex. One big page instead.
                    tracing::debug!(path, "SCIM server repeats pages; asking for all at once");
                    let all = self.page(path, filter, 1, limits::FALLBACK_COUNT).await?;
                    for resource in all.resources {
                        if seen.insert(identity(&resource)) {
                            out.push(resource);
                        }
                    }
                }
                break;
            }
            // The server says that was all, and the page was not full: no need to ask again.
            if page
                .total_results
                .is_some_and(|total| seen.len() as u64 >= total)
                && received < self.page_size as usize
            {
                break;
            }
            start += received as u64;
        }
        Ok(out)
    }

    /// Every user, inactive ones included: the plain list, then `filter=active eq false` for
    /// servers that hide inactive users from it (merged by id). A server that cannot filter
    /// only loses that second look.
    pub async fn list_users(&self) -> Result<Vec<ScimUser>> {
        let mut resources = self.list_all(limits::USERS_PATH, None).await?;
        match self
            .list_all(limits::USERS_PATH, Some(limits::INACTIVE_FILTER))
            .await
        {
            Ok(inactive) => {
                let mut known: HashSet<String> = resources.iter().map(identity).collect();
                for resource in inactive {
                    if known.insert(identity(&resource)) {
                        resources.push(resource);
                    }
                }
            }
            Err(e @ (ScimError::Rejected { .. } | ScimError::OAuthRejected { .. })) => {
                return Err(e)
            }
            Err(e) => tracing::debug!("SCIM server cannot list inactive users by filter: {e}"),
        }
        Ok(resources
            .into_iter()
            .filter_map(ScimUser::from_value)
            .collect())
    }

    /// Every group with its members.
    pub async fn list_groups(&self) -> Result<Vec<ScimGroup>> {
        Ok(self
            .list_all(limits::GROUPS_PATH, None)
            .await?
            .into_iter()
            .filter_map(ScimGroup::from_value)
            .collect())
    }

    /// Every group, or `None` when the server has no `/Groups` at all (Okta's ZoomInfo app
    /// pushes users only; such servers answer 404, 405 or 501).
    pub async fn list_groups_if_offered(&self) -> Result<Option<Vec<ScimGroup>>> {
        match self.list_groups().await {
            Ok(groups) => Ok(Some(groups)),
            Err(e) if e.is_unsupported() => {
                tracing::debug!("SCIM server offers no groups: {e}");
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// The user with this userName (`filter=userName eq "…"`), if any.
    pub async fn find_user(&self, user_name: &str) -> Result<Option<ScimUser>> {
        let escaped = user_name.replace('\\', "\\\\").replace('"', "\\\"");
        let filter = format!("userName eq \"{escaped}\"");
        let page = self.page(limits::USERS_PATH, Some(&filter), 1, 10).await?;
        Ok(page
            .resources
            .into_iter()
            .filter_map(ScimUser::from_value)
            .find(|u| u.user_name.eq_ignore_ascii_case(user_name)))
    }

    pub async fn get_user(&self, id: &str) -> Result<ScimUser> {
        let body = self.fetch(limits::USERS_PATH, id).await?;
        ScimUser::from_value(body).ok_or_else(|| invalid("the user has no id"))
    }

    pub async fn get_group(&self, id: &str) -> Result<ScimGroup> {
        let body = self.fetch(limits::GROUPS_PATH, id).await?;
        ScimGroup::from_value(body).ok_or_else(|| invalid("the group has no id"))
    }

    async fn fetch(&self, path: &str, id: &str) -> Result<Value> {
        self.transport
            .send(Method::GET, &[path, id], &[], None)
            .await?
            .body
            .ok_or_else(|| invalid("the answer is empty"))
    }

    /// `POST /Users`; the `schemas` member is added when missing.
    pub async fn create_user(&self, user: &Value) -> Result<ScimUser> {
        let body = with_schema(user, limits::USER_SCHEMA);
        let created = self.create(limits::USERS_PATH, &body).await?;
        ScimUser::from_value(created).ok_or_else(|| invalid("the created user has no id"))
    }

    /// `POST /Groups`; the `schemas` member is added when missing.
    pub async fn create_group(&self, group: &Value) -> Result<ScimGroup> {
        let body = with_schema(group, limits::GROUP_SCHEMA);
        let created = self.create(limits::GROUPS_PATH, &body).await?;
        ScimGroup::from_value(created).ok_or_else(|| invalid("the created group has no id"))
    }

    async fn create(&self, path: &str, body: &Value) -> Result<Value> {
        self.transport
            .send(Method::POST, &[path], &[], Some(body))
            .await?
            .body
            .ok_or_else(|| invalid("the server created the resource but sent nothing back"))
    }

    /// `PUT /Users/{id}`; `None` when the server answered without a body.
    pub async fn replace_user(&self, id: &str, user: &Value) -> Result<Option<ScimUser>> {
        let body = with_schema(user, limits::USER_SCHEMA);
        let answer = self
            .transport
            .send(Method::PUT, &[limits::USERS_PATH, id], &[], Some(&body))
            .await?;
        Ok(answer.body.and_then(ScimUser::from_value))
    }

    /// `PATCH /Users/{id}` with RFC 7644 §3.5.2 operations (`{"op", "path", "value"}`).
    /// `None` when the server answered 204 with no body (allowed, and common).
    pub async fn patch_user(&self, id: &str, operations: Vec<Value>) -> Result<Option<ScimUser>> {
        Ok(self
            .patch(limits::USERS_PATH, id, operations)
            .await?
            .and_then(ScimUser::from_value))
    }

    /// `PATCH /Groups/{id}`; `None` on 204.
    pub async fn patch_group(&self, id: &str, operations: Vec<Value>) -> Result<Option<ScimGroup>> {
        Ok(self
            .patch(limits::GROUPS_PATH, id, operations)
            .await?
            .and_then(ScimGroup::from_value))
    }

    async fn patch(&self, path: &str, id: &str, operations: Vec<Value>) -> Result<Option<Value>> {
        let body = json!({
            "schemas": [limits::PATCH_OP_SCHEMA],
            "Operations": operations,
        });
        Ok(self
            .transport
            .send(Method::PATCH, &[path, id], &[], Some(&body))
            .await?
            .body)
    }

    /// Deactivates a user (`active: false`) the way IdPs do.
    pub async fn deactivate_user(&self, id: &str) -> Result<Option<ScimUser>> {
        self.patch_user(
            id,
            vec![json!({"op": "replace", "path": "active", "value": false})],
        )
        .await
    }

    pub async fn delete_user(&self, id: &str) -> Result<()> {
        self.transport
            .send(Method::DELETE, &[limits::USERS_PATH, id], &[], None)
            .await
            .map(|_| ())
    }

    pub async fn delete_group(&self, id: &str) -> Result<()> {
        self.transport
            .send(Method::DELETE, &[limits::GROUPS_PATH, id], &[], None)
            .await
            .map(|_| ())
    }
}

fn invalid(detail: &str) -> ScimError {
    ScimError::InvalidResponse {
        detail: detail.to_string(),
    }
}

fn with_schema(resource: &Value, schema: &str) -> Value {
    let mut body = resource.clone();
    if let Value::Object(object) = &mut body {
        if get_ci(object, "schemas").is_none() {
            object.insert("schemas".into(), json!([schema]));
        }
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_prefers_the_id() {
        assert_eq!(identity(&json!({"id": "1", "userName": "a"})), "id:1");
        assert_eq!(identity(&json!({"ID": 7})), "id:7");
        assert_eq!(identity(&json!({"userName": "a"})), "userName:a");
    }

    #[test]
    fn schemas_are_added_only_when_missing() {
        let added = with_schema(&json!({"userName": "a"}), limits::USER_SCHEMA);
        assert_eq!(added["schemas"], json!([limits::USER_SCHEMA]));
        let kept = with_schema(&json!({"schemas": ["x"]}), limits::USER_SCHEMA);
        assert_eq!(kept["schemas"], json!(["x"]));
    }
}
