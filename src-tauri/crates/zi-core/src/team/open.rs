//! Where the team's database is and who this member is: `ZI_DATABASE_URL` and
//! `ZI_TEAM_MEMBER` (CLI), else the settings (app). The password never goes into the settings:
//! it is written in `ZI_DATABASE_URL`, or kept in the keychain.

use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zi_store::Store;
use zi_team::{DatabaseAddress, TeamStore};

use crate::error::Result;
use crate::sessions::SessionVault;

/// The team database's address, `postgres://user[:password]@host:port/name?sslmode=…`.
pub const DATABASE_URL_ENV: &str = "ZI_DATABASE_URL";
/// The name this member's spending is recorded under (default: the OS user).
pub const MEMBER_ENV: &str = "ZI_TEAM_MEMBER";
/// The keychain account of the database password (the address without it follows).
pub const DATABASE_PASSWORD_ACCOUNT: &str = "team database password";

const URL_KEY: &str = "team.database_url";
const MEMBER_KEY: &str = "team.member";

/// Team mode's settings as the app shows and edits them.
#[derive(Clone, Debug, Default, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct TeamConnection {
    /// The address without its password; empty when team mode is off.
    pub database_url: String,
    pub member: String,
    /// Whether a password is kept in the keychain for it (never the password itself).
    pub has_password: bool,
    /// Set by `ZI_DATABASE_URL`, which wins over the settings.
    pub from_environment: bool,
}

fn password_account(address: &DatabaseAddress) -> String {
    format!("{DATABASE_PASSWORD_ACCOUNT} {}", address.without_password())
}

/// The OS user, the member's name when none is set.
fn os_user() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "member".into())
}

/// The team's address (`ZI_DATABASE_URL`, else the settings), whether it came from the
/// environment, and the member's name (`ZI_TEAM_MEMBER`, else the settings, else the OS user).
async fn configured(store: &Store) -> Result<(Option<String>, bool, String)> {
    let from_env = std::env::var(DATABASE_URL_ENV)
        .ok()
        .filter(|u| !u.trim().is_empty());
    let in_env = from_env.is_some();
    let url = match from_env {
        Some(url) => Some(url),
        None => store.setting(URL_KEY).await?,
    };
    let member = match std::env::var(MEMBER_ENV)
        .ok()
        .filter(|m| !m.trim().is_empty())
    {
        Some(member) => member,
        None => store.setting(MEMBER_KEY).await?.unwrap_or_else(os_user),
    };
    Ok((url, in_env, member))
}

impl TeamConnection {
    /// What is set now (environment first, then the settings).
    pub async fn load(store: &Store, vault: Option<&dyn SessionVault>) -> Result<TeamConnection> {
        let (url, from_environment, member) = configured(store).await?;
        let Some(url) = url else {
            return Ok(TeamConnection {
                member,
                ..TeamConnection::default()
            });
        };
        let address = DatabaseAddress::parse(&url)?;
        let has_password = address.password().is_some()
            || match vault {
                Some(vault) => vault.load(&password_account(&address))?.is_some(),
                None => false,
            };
        Ok(TeamConnection {
            database_url: address.without_password(),
            member,
            has_password,
            from_environment,
        })
    }

    /// Saves team mode's settings (an empty address turns it off); a password given goes to
    /// the keychain, never to the settings.
    pub async fn save(
        store: &Store,
        vault: &dyn SessionVault,
        database_url: &str,
        member: &str,
        password: Option<SecretString>,
    ) -> Result<()> {
        if member.trim().is_empty() {
            store.remove_setting(MEMBER_KEY).await?;
        } else {
            store.set_setting(MEMBER_KEY, member.trim()).await?;
        }
        if database_url.trim().is_empty() {
            if let Some(old) = store.setting(URL_KEY).await? {
                if let Ok(old) = DatabaseAddress::parse(&old) {
                    vault.delete(&password_account(&old))?;
                }
            }
            store.remove_setting(URL_KEY).await?;
            return Ok(());
        }
        let address = DatabaseAddress::parse(database_url)?;
        let password = password.or_else(|| address.password());
        if let Some(password) = password {
            vault.save(&password_account(&address), &password)?;
        }
        store
            .set_setting(URL_KEY, &address.without_password())
            .await?;
        Ok(())
    }
}

/// Connects to the team's database when team mode is set up; `None` when it is not.
pub async fn open_team(
    store: &Store,
    vault: Option<&dyn SessionVault>,
) -> Result<Option<TeamStore>> {
    let (url, _, member) = configured(store).await?;
    let Some(url) = url else {
        return Ok(None);
    };
    let address = DatabaseAddress::parse(&url)?;
    let password = match (address.password(), vault) {
        (Some(_), _) => None, // written in the address
        // No keychain (a server, CI): the address or the server's trust rules must do.
        (None, Some(vault)) => vault
            .load(&password_account(&address))
            .unwrap_or_else(|error| {
                tracing::debug!(%error, "no keychain for the team database's password");
                None
            }),
        (None, None) => None,
    };
    Ok(Some(
        TeamStore::connect(&address, password.as_ref(), &member).await?,
    ))
}

#[cfg(test)]
mod tests {
    use secrecy::ExposeSecret;

    use super::*;
    use crate::sessions::MemorySessions;

    #[tokio::test]
    async fn the_password_goes_to_the_keychain_and_never_into_the_settings() {
        let store = Store::in_memory().await.expect("store");
        let vault = MemorySessions::default();
        TeamConnection::save(
            &store,
            &vault,
            "postgres://revops:hunter2@db.acme.example:5432/zi?sslmode=require",
            "dana",
            None,
        )
        .await
        .expect("save");
        let kept = store
            .setting(URL_KEY)
            .await
            .expect("setting")
            .expect("kept");
        assert!(!kept.contains("hunter2"), "{kept}");
        assert!(kept.contains("sslmode=require"), "{kept}");
        let address = DatabaseAddress::parse(&kept).expect("address");
        let password = vault.load(&password_account(&address)).expect("vault");
        assert_eq!(
            password.map(|p| p.expose_secret().to_string()),
            Some("hunter2".into())
        );
        let shown = TeamConnection::load(&store, Some(&vault))
            .await
            .expect("load");
        assert_eq!((shown.member.as_str(), shown.has_password), ("dana", true));
        assert!(!format!("{shown:?}").contains("hunter2"));

        // Turned off: the address and its password are forgotten.
        TeamConnection::save(&store, &vault, "", "dana", None)
            .await
            .expect("off");
        assert!(store.setting(URL_KEY).await.expect("setting").is_none());
        assert!(vault.is_empty(), "the password stays in the keychain");
    }
}
