//! Connector files: one JSON file per connector, in the vocabulary of ZoomInfo's Data
//! Connectors (seed "Data Connectors Integration Guide"): a name, description, base URL and
//! category; an authentication method (API key placed in a query parameter, a header or the
//! body, or OAuth 2.0); and actions (category Retrieve, Enrich or Connect; a request type; an
//! endpoint with `{parameter}` placeholders; optional JSON body and headers; the output a
//! sample answer defines).

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{ConnectorError, Result};
use crate::template;

/// Calls per second when the file sets none: polite to an API whose limits are unknown.
pub const DEFAULT_RATE_PER_SECOND: u32 = 5;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Connector {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub base_url: String,
    #[serde(default)]
    pub category: String,
    pub auth: Auth,
    pub actions: Vec<Action>,
    /// Calls per second to this API (default [`DEFAULT_RATE_PER_SECOND`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_per_second: Option<u32>,
    /// Most calls one enrichment may make to it (the budget), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_calls: Option<u64>,
}

/// The authentication methods of the seed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "camelCase")]
pub enum Auth {
    /// No authentication (an internal API).
    None,
    #[serde(rename_all = "camelCase")]
    ApiKey {
        /// E.g. `X-Api-Key`, `Authorization`, `api_key`.
        key_name: String,
        placement: Placement,
        /// The environment variable holding the key (the CLI); the app keeps it in the keychain.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        value_env: Option<String>,
        /// Put before the key, e.g. "Bearer ".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        prefix: Option<String>,
    },
    #[serde(rename = "oauth2", rename_all = "camelCase")]
    OAuth2 {
        authorization_url: String,
        access_token_url: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        refresh_token_url: Option<String>,
        #[serde(default)]
        scopes: String,
        client_id: String,
        /// The environment variable holding the client secret (the CLI); the app's keychain.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        client_secret_env: Option<String>,
    },
}

/// Where an API key goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Placement {
    Query,
    Header,
    Body,
}

impl Placement {
    pub fn as_str(self) -> &'static str {
        match self {
            Placement::Query => "a query parameter",
            Placement::Header => "a header",
            Placement::Body => "the body",
        }
    }
}

/// The seed's request types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum RequestType {
    Get,
    Post,
    Patch,
    Put,
    Delete,
}

impl RequestType {
    pub fn method(self) -> reqwest::Method {
        match self {
            RequestType::Get => reqwest::Method::GET,
            RequestType::Post => reqwest::Method::POST,
            RequestType::Patch => reqwest::Method::PATCH,
            RequestType::Put => reqwest::Method::PUT,
            RequestType::Delete => reqwest::Method::DELETE,
        }
    }
}

/// The seed's action categories.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActionCategory {
    Retrieve,
    Enrich,
    Connect,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Action {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub category: ActionCategory,
    pub request_type: RequestType,
    /// Path (and query) after the base URL, with `{parameter}` placeholders.
    pub endpoint: String,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    #[serde(default)]
    pub body: Option<Value>,
    /// A sample answer: its fields are what this action gives.
    #[serde(default)]
    pub output: Option<Value>,
}

impl Connector {
    /// Reads and checks a connector file.
    pub fn load(path: &Path) -> Result<Connector> {
        let file_error = |detail: String| ConnectorError::File {
            path: path.display().to_string(),
            detail,
        };
        let text = std::fs::read_to_string(path)
            .map_err(|e| file_error(format!("cannot be read ({e})")))?;
        let connector: Connector = serde_json::from_str(&text)
            .map_err(|e| file_error(format!("is not a connector file: {e}")))?;
        connector.check()?;
        Ok(connector)
    }

    /// The file's rules: a usable base URL, at least one action, placeholders that close.
    pub fn check(&self) -> Result<()> {
        let invalid = |detail: String| ConnectorError::Invalid {
            connector: self.name.clone(),
            detail,
        };
        if self.name.trim().is_empty() {
            return Err(invalid("it has no name".into()));
        }
        let base = url::Url::parse(&self.base_url).map_err(|e| {
            invalid(format!(
                "its baseUrl {} is not an address ({e})",
                self.base_url
            ))
        })?;
        if !matches!(base.scheme(), "http" | "https") {
            return Err(invalid(format!(
                "its baseUrl must start with https:// (not {}://)",
                base.scheme()
            )));
        }
        if self.actions.is_empty() {
            return Err(invalid("it has no actions".into()));
        }
        if self.rate_per_second == Some(0) {
            return Err(invalid("ratePerSecond must be at least 1".into()));
        }
        for action in &self.actions {
            template::placeholders(&action.endpoint)
                .map_err(|detail| invalid(format!("action \"{}\": {detail}", action.name)))?;
            if action.body.is_some() && action.request_type == RequestType::Get {
                return Err(invalid(format!(
                    "action \"{}\" is a GET with a body; use POST, PUT or PATCH",
                    action.name
                )));
            }
        }
        if let Auth::ApiKey {
            placement: Placement::Body,
            ..
        } = &self.auth
        {
            if let Some(action) = self
                .actions
                .iter()
                .find(|a| a.request_type == RequestType::Get)
            {
                return Err(invalid(format!(
                    "its key goes in the body, but action \"{}\" is a GET, which has none",
                    action.name
                )));
            }
        }
        Ok(())
    }

    /// The action named `name`, or the first when none is named.
    pub fn action(&self, name: Option<&str>) -> Result<&Action> {
        match name {
            None => Ok(&self.actions[0]),
            Some(name) => self
                .actions
                .iter()
                .find(|a| a.name.eq_ignore_ascii_case(name.trim()))
                .ok_or_else(|| ConnectorError::NoSuchAction {
                    connector: self.name.clone(),
                    action: name.to_string(),
                    known: self
                        .actions
                        .iter()
                        .map(|a| format!("\"{}\"", a.name))
                        .collect::<Vec<_>>()
                        .join(", "),
                }),
        }
    }

    /// Calls per second to this API.
    pub fn rate(&self) -> u32 {
        self.rate_per_second.unwrap_or(DEFAULT_RATE_PER_SECOND)
    }
}

impl Action {
    /// The placeholders its endpoint, headers and body use, in order of first use.
    pub fn parameters(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        let mut add = |found: Vec<String>| {
            for name in found {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        };
        add(template::placeholders(&self.endpoint).unwrap_or_default());
        for value in self.headers.values() {
            add(template::placeholders(value).unwrap_or_default());
        }
        if let Some(body) = &self.body {
            add(template::body_placeholders(body));
        }
        names
    }
}
