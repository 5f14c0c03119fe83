//! The connector library of the app: connector files kept in the data folder's `connectors/`
//! (one JSON file each, importable and exportable as they are), their API keys in the OS
//! keychain, and "Test API" with sample values. The CLI uses the files where they lie.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zi_connect::{fields, Auth, Connector, ConnectorClient};

use crate::enrich::ConnectorStep;
use crate::error::{CoreError, Result};
use crate::sessions::SessionVault;

const FOLDER: &str = "connectors";

/// A connector file as the Connectors screen lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConnectorSummary {
    /// The file's name in the library (`acme-people.json`).
    pub file_name: String,
    pub name: String,
    pub description: String,
    pub base_url: String,
    pub category: String,
    /// `apiKey`, `oauth2` or `none`.
    pub auth_method: String,
    /// Where an API key goes (`query`, `header`, `body`) and under which name.
    pub key_placement: Option<String>,
    pub key_name: Option<String>,
    /// Whether the keychain holds its API key, or its sign-in for OAuth 2.0 (never the secret).
    pub key_kept: bool,
    #[ts(type = "number")]
    pub rate_per_second: u32,
    #[ts(type = "number | null")]
    pub max_calls: Option<u64>,
    pub actions: Vec<ActionSummary>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ActionSummary {
    pub name: String,
    pub category: String,
    pub request_type: String,
    pub endpoint: String,
    /// Its `{placeholders}`, in order.
    pub parameters: Vec<String>,
    /// The columns its output defines (`acme_people_title`, …).
    pub columns: Vec<String>,
}

/// A sample value for one `{placeholder}` ("Test API").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConnectorParam {
    pub name: String,
    pub value: String,
}

/// What "Test API" got.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConnectorTest {
    pub status: u16,
    pub matched: bool,
    /// The answer, pretty-printed JSON.
    pub answer: String,
    /// The columns this answer defines (to keep as the action's output).
    pub columns: Vec<String>,
}

fn folder(data_dir: &Path) -> PathBuf {
    data_dir.join(FOLDER)
}

fn key_account(connector: &str) -> String {
    format!("connector key {connector}")
}

/// The library's path of `file_name`, refusing names that leave the folder.
fn file_path(data_dir: &Path, file_name: &str) -> Result<PathBuf> {
    let plain = Path::new(file_name)
        .file_name()
        .is_some_and(|n| n == file_name)
        && file_name.ends_with(".json");
    if !plain {
        return Err(CoreError::Invalid(format!(
            "{file_name} is not a connector file name."
        )));
    }
    Ok(folder(data_dir).join(file_name))
}

fn summary(
    file_name: &str,
    connector: &Connector,
    vault: Option<&dyn SessionVault>,
) -> ConnectorSummary {
    let (auth_method, key_placement, key_name) = match &connector.auth {
        Auth::ApiKey {
            key_name,
            placement,
            ..
        } => (
            "apiKey",
            Some(format!("{placement:?}").to_lowercase()),
            Some(key_name.clone()),
        ),
        Auth::OAuth2 { .. } => ("oauth2", None, None),
        Auth::None => ("none", None, None),
    };
    let account = match connector.auth {
        Auth::OAuth2 { .. } => sign_in_account(&connector.name),
        _ => key_account(&connector.name),
    };
    let key_kept = vault
        .and_then(|v| v.load(&account).ok().flatten())
        .is_some();
    ConnectorSummary {
        file_name: file_name.to_string(),
        name: connector.name.clone(),
        description: connector.description.clone(),
        base_url: connector.base_url.clone(),
        category: connector.category.clone(),
        auth_method: auth_method.to_string(),
        key_placement,
        key_name,
        key_kept,
        rate_per_second: connector.rate(),
        max_calls: connector.max_calls,
        actions: connector
            .actions
            .iter()
            .map(|a| ActionSummary {
                name: a.name.clone(),
                category: format!("{:?}", a.category),
                request_type: format!("{:?}", a.request_type).to_uppercase(),
                endpoint: a.endpoint.clone(),
                parameters: a.parameters(),
                columns: a
                    .output
                    .as_ref()
                    .map(fields::output_fields)
                    .unwrap_or_default()
                    .iter()
                    .map(|f| fields::column(&connector.name, f))
                    .collect(),
            })
            .collect(),
    }
}

/// Every connector in the library, by name. A file that no longer reads is skipped with a
/// warning in the log.
pub fn list_connectors(
    data_dir: &Path,
    vault: Option<&dyn SessionVault>,
) -> Result<Vec<ConnectorSummary>> {
    let Ok(entries) = std::fs::read_dir(folder(data_dir)) else {
        return Ok(Vec::new());
    };
    let mut found: Vec<ConnectorSummary> = entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".json") {
                return None;
            }
            match Connector::load(&entry.path()) {
                Ok(connector) => Some(summary(&name, &connector, vault)),
                Err(error) => {
                    tracing::warn!(%error, "connector file skipped");
                    None
                }
            }
        })
        .collect();
    found.sort_by_key(|s| s.name.to_lowercase());
    Ok(found)
}

/// The file's text, for editing.
pub fn read_connector(data_dir: &Path, file_name: &str) -> Result<String> {
    let path = file_path(data_dir, file_name)?;
    std::fs::read_to_string(&path)
        .map_err(|e| CoreError::Invalid(format!("The connector {file_name} cannot be read ({e}).")))
}

/// Checks `json` as a connector and keeps it (replacing `file_name` when given, else under a
/// name made from the connector's); written whole or not at all.
pub fn save_connector(
    data_dir: &Path,
    file_name: Option<&str>,
    json: &str,
    vault: Option<&dyn SessionVault>,
) -> Result<ConnectorSummary> {
    let connector: Connector = serde_json::from_str(json)
        .map_err(|e| CoreError::Invalid(format!("This is not a connector file: {e}.")))?;
    connector.check()?;
    let file_name = match file_name {
        Some(name) => name.to_string(),
        None => format!("{}.json", slug(&connector.name)),
    };
    let path = file_path(data_dir, &file_name)?;
    let dir = folder(data_dir);
    std::fs::create_dir_all(&dir).map_err(|e| write_error(&dir, e))?;
    let pretty =
        serde_json::to_string_pretty(&connector).map_err(|e| CoreError::Invalid(e.to_string()))?;
    let mut temp = tempfile::NamedTempFile::new_in(&dir).map_err(|e| write_error(&dir, e))?;
    std::io::Write::write_all(&mut temp, pretty.as_bytes()).map_err(|e| write_error(&path, e))?;
    temp.persist(&path)
        .map_err(|e| write_error(&path, e.error))?;
    Ok(summary(&file_name, &connector, vault))
}

/// Imports a connector file from elsewhere into the library.
pub fn import_connector(
    data_dir: &Path,
    source: &Path,
    vault: Option<&dyn SessionVault>,
) -> Result<ConnectorSummary> {
    let text = std::fs::read_to_string(source)
        .map_err(|e| CoreError::Invalid(format!("{} cannot be read ({e}).", source.display())))?;
    save_connector(data_dir, None, &text, vault)
}

/// Writes the library's file to `destination` (to share it with the team).
pub fn export_connector(data_dir: &Path, file_name: &str, destination: &Path) -> Result<()> {
    let text = read_connector(data_dir, file_name)?;
    std::fs::write(destination, text).map_err(|e| write_error(destination, e))
}

/// Removes a connector and forgets its key.
pub fn delete_connector(
    data_dir: &Path,
    file_name: &str,
    vault: Option<&dyn SessionVault>,
) -> Result<()> {
    let path = file_path(data_dir, file_name)?;
    if let (Ok(connector), Some(vault)) = (Connector::load(&path), vault) {
        vault.delete(&key_account(&connector.name))?;
        vault.delete(&sign_in_account(&connector.name))?;
    }
    std::fs::remove_file(&path).map_err(|e| write_error(&path, e))
}

/// Keeps (or with an empty key forgets) a connector's API key in the keychain.
pub fn set_connector_key(vault: &dyn SessionVault, connector: &str, key: &str) -> Result<()> {
    if key.trim().is_empty() {
        vault.delete(&key_account(connector))
    } else {
        vault.save(
            &key_account(connector),
            &SecretString::from(key.trim().to_string()),
        )
    }
}

fn sign_in_account(connector: &str) -> String {
    format!("connector sign-in {connector}")
}

/// A client for `connector`: its API key from the keychain (else its `valueEnv`), or the
/// sign-in kept for it (OAuth 2.0).
pub fn connector_client(
    connector: Connector,
    vault: Option<Arc<dyn SessionVault>>,
) -> Result<ConnectorClient> {
    if let Auth::OAuth2 { .. } = connector.auth {
        let kept = match vault {
            Some(vault) => crate::gtm_sign_in::kept_sign_in(
                &sign_in_account(&connector.name),
                &connector.name,
                vault,
            )?,
            None => None,
        };
        let Some(kept) = kept else {
            return Err(CoreError::Invalid(format!(
                "Not signed in to {}: sign in first (zi connector login FILE, or Connectors → Sign in).",
                connector.name
            )));
        };
        return ConnectorClient::with_bearer(connector, Arc::new(kept)).map_err(CoreError::from);
    }
    // No keychain (a server, CI): the file's valueEnv must do.
    let key = vault.and_then(|vault| {
        vault
            .load(&key_account(&connector.name))
            .unwrap_or_else(|error| {
                tracing::debug!(%error, "no keychain for the connector's key");
                None
            })
    });
    ConnectorClient::new(connector, key).map_err(CoreError::from)
}

/// Signs in to an OAuth 2.0 connector in the browser (`show` gets the address) and keeps the
/// sign-in in the keychain, as the sign-in with ZoomInfo is kept.
pub async fn sign_in_connector(
    connector: &Connector,
    vault: &dyn SessionVault,
    show: impl FnOnce(&str),
) -> Result<()> {
    let Auth::OAuth2 {
        authorization_url,
        access_token_url,
        refresh_token_url,
        scopes,
        client_id,
        client_secret_env,
        ..
    } = &connector.auth
    else {
        return Err(CoreError::Invalid(format!(
            "{} does not sign in with OAuth 2.0: keep its API key instead.",
            connector.name
        )));
    };
    let parse = |what: &str, url: &str| {
        url.parse().map_err(|_| {
            CoreError::Invalid(format!(
                "{}'s {what} {url} is not an address.",
                connector.name
            ))
        })
    };
    let config = zi_oauth::OAuthConfig {
        authorization_url: parse("authorizationUrl", authorization_url)?,
        token_url: parse("accessTokenUrl", access_token_url)?,
        client_id: client_id.clone(),
        scopes: scopes.split_whitespace().map(str::to_string).collect(),
        client_secret: client_secret_env
            .as_deref()
            .and_then(|var| std::env::var(var).ok())
            .map(SecretString::from),
    };
    // The seed's "Refresh token URL": where later refreshes go, when it is its own endpoint.
    let refresh_url = refresh_token_url
        .as_deref()
        .filter(|url| !url.trim().is_empty())
        .map(|url| parse("refreshTokenUrl", url))
        .transpose()?;
    crate::gtm_sign_in::sign_in_kept(
        &sign_in_account(&connector.name),
        &connector.name,
        config,
        refresh_url,
        vault,
        show,
    )
    .await
}

/// Signs in to the library's OAuth 2.0 connector `file_name` (see [`sign_in_connector`]).
pub async fn sign_in_library_connector(
    data_dir: &Path,
    file_name: &str,
    vault: &dyn SessionVault,
    show: impl FnOnce(&str),
) -> Result<ConnectorSummary> {
    let connector = Connector::load(&file_path(data_dir, file_name)?)?;
    sign_in_connector(&connector, vault, show).await?;
    Ok(summary(file_name, &connector, Some(vault)))
}

/// A client for a library connector.
fn client(
    data_dir: &Path,
    file_name: &str,
    vault: Option<Arc<dyn SessionVault>>,
) -> Result<ConnectorClient> {
    let connector = Connector::load(&file_path(data_dir, file_name)?)?;
    connector_client(connector, vault)
}

/// "Test API": calls `action` with sample `values`.
pub async fn test_connector(
    data_dir: &Path,
    file_name: &str,
    action: Option<&str>,
    values: &BTreeMap<String, String>,
    vault: Option<Arc<dyn SessionVault>>,
) -> Result<ConnectorTest> {
    let client = client(data_dir, file_name, vault)?;
    let action = client.connector().action(action)?.clone();
    let answer = client.call(&action, values).await?;
    Ok(ConnectorTest {
        status: answer.status,
        matched: answer.matched,
        answer: serde_json::to_string_pretty(&answer.body).unwrap_or_default(),
        columns: fields::output_fields(&answer.body)
            .iter()
            .map(|f| fields::column(&client.connector().name, f))
            .collect(),
    })
}

/// Waterfall steps of library connectors, `file[:action]` each, in order.
pub fn connector_steps(
    data_dir: &Path,
    chosen: &[String],
    vault: Option<Arc<dyn SessionVault>>,
) -> Result<Vec<ConnectorStep>> {
    chosen
        .iter()
        .map(|choice| {
            let (file, action) = zi_connect::split_choice(choice, |file: &str| {
                file_path(data_dir, file).is_ok_and(|path| path.is_file())
            });
            ConnectorStep::new(client(data_dir, file, vault.clone())?, action)
        })
        .collect()
}

fn write_error(path: &Path, error: std::io::Error) -> CoreError {
    CoreError::Write {
        path: path.display().to_string(),
        detail: error.to_string(),
    }
}

/// A file name from a connector's name: "Acme People (EU)" → "acme-people-eu".
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    match out.trim_end_matches('-') {
        "" => "connector".into(),
        trimmed => trimmed.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sessions::MemorySessions;

    const ACME: &str = r#"{"name": "Acme People", "baseUrl": "https://api.acme.example",
      "auth": {"method": "apiKey", "keyName": "X-Api-Key", "placement": "header"},
      "actions": [{"name": "person by email", "category": "Enrich", "requestType": "GET",
                   "endpoint": "/v1/people?email={email}", "output": {"person": {"title": "…"}}}]}"#;

    #[test]
    fn a_saved_connector_is_listed_with_its_columns_and_its_key_stays_in_the_keychain() {
        let dir = tempfile::tempdir().expect("dir");
        let vault = MemorySessions::default();
        let saved = save_connector(dir.path(), None, ACME, Some(&vault)).expect("save");
        assert_eq!(saved.file_name, "acme-people.json");
        assert_eq!(saved.actions[0].columns, vec!["acme_people_person_title"]);
        assert_eq!(saved.actions[0].parameters, vec!["email"]);
        set_connector_key(&vault, "Acme People", "k-123").expect("key");
        let listed = list_connectors(dir.path(), Some(&vault)).expect("list");
        assert!(listed[0].key_kept);
        let text = read_connector(dir.path(), "acme-people.json").expect("read");
        assert!(!text.contains("k-123"), "the key is never in the file");
        assert!(save_connector(dir.path(), None, "{\"name\": 1}", None).is_err());
        assert!(
            read_connector(dir.path(), "../zi.sqlite").is_err(),
            "stays in its folder"
        );
        delete_connector(dir.path(), "acme-people.json", Some(&vault)).expect("delete");
        assert!(vault.is_empty(), "its key leaves with it");
        assert!(list_connectors(dir.path(), None).expect("list").is_empty());
    }
}
