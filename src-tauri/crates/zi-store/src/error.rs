#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("The local database at {path} could not be opened: {source}")]
    Open { path: String, source: sqlx::Error },
    #[error("The local database could not be brought up to date: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("The local database failed: {0}")]
    Query(#[from] sqlx::Error),
    #[error("The folder {path} could not be created: {source}")]
    Folder {
        path: String,
        source: std::io::Error,
    },
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
