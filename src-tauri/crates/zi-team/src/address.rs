//! The team database's address: `postgres://user@host:port/name?sslmode=…`. The password is
//! never part of what is kept or shown: it comes from the keychain (app) or the address given
//! in `ZI_DATABASE_URL` (CLI), and is dropped from every label.

use std::str::FromStr;

use secrecy::{ExposeSecret, SecretString};
use sqlx::postgres::PgConnectOptions;
use url::Url;

use crate::error::{Result, TeamError};

/// `sslmode` values libpq accepts (PostgreSQL docs, "Connection Strings", 34.1.2).
const SSL_MODES: &[&str] = &[
    "disable",
    "allow",
    "prefer",
    "require",
    "verify-ca",
    "verify-full",
];

/// A parsed, checked address.
#[derive(Clone, Debug)]
pub struct DatabaseAddress {
    url: Url,
}

impl DatabaseAddress {
    /// Checks an address as typed by a person: scheme, host, database name and `sslmode`.
    pub fn parse(text: &str) -> Result<DatabaseAddress> {
        let text = text.trim();
        let url = Url::parse(text).map_err(|e| {
            TeamError::Address(format!(
                "{e}. Write it as postgres://user@host:5432/database"
            ))
        })?;
        if !matches!(url.scheme(), "postgres" | "postgresql") {
            return Err(TeamError::Address(format!(
                "it starts with {}:// where postgres:// is expected",
                url.scheme()
            )));
        }
        if url.host_str().unwrap_or("").is_empty() {
            return Err(TeamError::Address("it names no server".into()));
        }
        if url.path().trim_start_matches('/').is_empty() {
            return Err(TeamError::Address(
                "it names no database (postgres://user@host:5432/database)".into(),
            ));
        }
        if let Some((_, mode)) = url.query_pairs().find(|(k, _)| k == "sslmode") {
            if !SSL_MODES.contains(&mode.as_ref()) {
                return Err(TeamError::Address(format!(
                    "sslmode={mode} is not one of {}",
                    SSL_MODES.join(", ")
                )));
            }
        }
        Ok(DatabaseAddress { url })
    }

    /// `host:port/name`, for messages: no user, no password.
    pub fn label(&self) -> String {
        let port = self.url.port().unwrap_or(5432);
        format!(
            "{}:{port}/{}",
            self.url.host_str().unwrap_or(""),
            self.url.path().trim_start_matches('/')
        )
    }

    /// The password written in the address, if any.
    pub fn password(&self) -> Option<SecretString> {
        self.url
            .password()
            .map(|p| SecretString::from(percent_decode(p)))
    }

    /// The address as it may be kept and shown: the password removed.
    pub fn without_password(&self) -> String {
        let mut url = self.url.clone();
        let _ = url.set_password(None);
        url.to_string()
    }

    /// The driver's options: the address's own settings (`sslmode` included), with `password`
    /// (from the keychain) in place of any written in it.
    pub(crate) fn connect_options(
        &self,
        password: Option<&SecretString>,
    ) -> Result<PgConnectOptions> {
        let options = PgConnectOptions::from_str(&self.without_password())
            .map_err(|e| TeamError::Address(e.to_string()))?;
        let password = password.cloned().or_else(|| self.password());
        Ok(match password {
            Some(p) => options.password(p.expose_secret()),
            None => options,
        })
    }
}

/// `%40` → `@` and so on: passwords in URLs are percent-encoded.
fn percent_decode(text: &str) -> String {
    url::form_urlencoded::parse(format!("p={}", text.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_kept_forms_never_carry_the_password() {
        let address = DatabaseAddress::parse(
            "postgres://revops:s%40cret@db.acme.example:6432/zi?sslmode=require",
        )
        .expect("address");
        assert_eq!(address.label(), "db.acme.example:6432/zi");
        assert!(!address.without_password().contains("s%40cret"));
        assert!(address.without_password().contains("sslmode=require"));
        assert_eq!(
            address.password().map(|p| p.expose_secret().to_string()),
            Some("s@cret".into())
        );
    }

    #[test]
    fn addresses_a_person_might_mistype_are_refused_with_the_reason() {
        for (text, reason) in [
            ("mysql://db/zi", "postgres://"),
            ("postgres://db.acme.example", "no database"),
            ("postgres://db/zi?sslmode=always", "sslmode=always"),
            ("db.acme.example/zi", "postgres://user@host"),
        ] {
            let error = DatabaseAddress::parse(text).expect_err(text).to_string();
            assert!(error.contains(reason), "{text}: {error}");
        }
    }
}
