//! What can go wrong with the team's database, in words that name it and say what to do.

/// Errors of the team store. Each names the database (host, port and name; never a password).
#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    #[error("The team database address is not usable: {0}")]
    Address(String),
    #[error("The team database at {database} cannot be reached ({detail}). Check that the server is up and the address is right, then run the same job again: nothing bought is lost.")]
    Unreachable { database: String, detail: String },
    #[error("The team database at {database} refused the sign-in ({detail}). Check the user name in the address and the password kept for it.")]
    SignInRefused { database: String, detail: String },
    #[error("The team database at {database} answered with an error: {detail}")]
    Query { database: String, detail: String },
    #[error("The team database at {database} could not be brought up to date: {detail}")]
    Migrate { database: String, detail: String },
}

impl TeamError {
    /// A stable code for the UI and the CLI's exit status.
    pub fn code(&self) -> &'static str {
        match self {
            TeamError::Address(_) => "team_address",
            TeamError::Unreachable { .. } => "team_unreachable",
            TeamError::SignInRefused { .. } => "team_sign_in_refused",
            TeamError::Query { .. } | TeamError::Migrate { .. } => "team_database",
        }
    }

    /// Whether the database could not be reached at all (an outage, not a refusal).
    pub fn is_unreachable(&self) -> bool {
        matches!(self, TeamError::Unreachable { .. })
    }

    /// Sorts a driver error into what the user can act on.
    pub(crate) fn from_sqlx(database: &str, error: sqlx::Error) -> TeamError {
        let database = database.to_string();
        match error {
            sqlx::Error::Database(db) => {
                let code = db.code().map(|c| c.to_string()).unwrap_or_default();
                let detail = db.message().to_string();
                // SQLSTATE classes (PostgreSQL, Appendix A): 28 = invalid authorization,
                // 08 = connection exception, 57P01..57P03 = the server shutting down or starting.
                if code.starts_with("28") {
                    TeamError::SignInRefused { database, detail }
                } else if code.starts_with("08") || code.starts_with("57P") {
                    TeamError::Unreachable { database, detail }
                } else {
                    TeamError::Query { database, detail }
                }
            }
            sqlx::Error::Io(e) => TeamError::Unreachable {
                database,
                detail: e.to_string(),
            },
            sqlx::Error::Tls(e) => TeamError::Unreachable {
                database,
                detail: format!("secure connection failed: {e}"),
            },
            sqlx::Error::PoolTimedOut => TeamError::Unreachable {
                database,
                detail: "no connection within the time allowed".into(),
            },
            sqlx::Error::PoolClosed | sqlx::Error::WorkerCrashed => TeamError::Unreachable {
                database,
                detail: "the connection closed".into(),
            },
            sqlx::Error::Protocol(detail) => TeamError::Unreachable { database, detail },
            other => TeamError::Query {
                database,
                detail: other.to_string(),
            },
        }
    }
}

pub type Result<T, E = TeamError> = std::result::Result<T, E>;
